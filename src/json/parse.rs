//! JSON text to [`Json`]: the grammar of RFC 8259 with serde_json's choices
//! where the RFC leaves them open, so that both read every document the
//! same way and fail on the same documents with the same message:
//!
//! - numbers: a whole number from 0 to `u64::MAX` or from `i64::MIN` to -1
//!   is an integer; anything else (a fraction, an exponent, `-0`, a larger
//!   integer) is a float computed as serde_json does without its
//!   `float_roundtrip` feature (the significand's first 19–20 digits times
//!   a power of ten), and a float beyond `f64` is "number out of range";
//! - strings: escapes decoded, surrogate pairs joined, a lone surrogate and
//!   raw control characters refused;
//! - objects: a repeated key keeps its last value;
//! - nesting: at most 127 arrays/objects deep ("recursion limit exceeded");
//! - messages: serde_json's wording and its `at line L column C` position
//!   (1-based line, byte column).

use std::fmt;

use super::value::{Json, Map, Number, ParsedNumber};

/// Why a text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    message: &'static str,
    line: usize,
    column: usize,
}

impl ParseError {
    /// What is wrong, without the position (`expected value`).
    pub fn message(&self) -> &'static str {
        self.message
    }

    /// 1-based line of the error.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Byte column of the error in its line.
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for ParseError {
    /// `expected value at line 1 column 1`, as serde_json writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for ParseError {}

const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_VALUE: &str = "EOF while parsing a value";
const EXPECTED_COLON: &str = "expected `:`";
const EXPECTED_LIST_COMMA: &str = "expected `,` or `]`";
const EXPECTED_OBJECT_COMMA: &str = "expected `,` or `}`";
const EXPECTED_IDENT: &str = "expected ident";
const EXPECTED_VALUE: &str = "expected value";
const INVALID_ESCAPE: &str = "invalid escape";
const INVALID_NUMBER: &str = "invalid number";
const OUT_OF_RANGE: &str = "number out of range";
const CONTROL_CHARACTER: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const KEY_MUST_BE_STRING: &str = "key must be a string";
const LONE_SURROGATE: &str = "lone leading surrogate in hex escape";
const TRAILING_COMMA: &str = "trailing comma";
const TRAILING_CHARACTERS: &str = "trailing characters";
const END_OF_HEX_ESCAPE: &str = "unexpected end of hex escape";
const RECURSION_LIMIT: &str = "recursion limit exceeded";

/// Arrays and objects may nest this many levels minus one.
const MAX_DEPTH: u8 = 128;

/// Parses one JSON value; only whitespace may follow it.
pub fn parse(text: &str) -> std::result::Result<Json, ParseError> {
    parse_noting_duplicates(text).map(|(value, _)| value)
}

/// [`parse`], and whether some object repeated a key (its last value kept).
pub fn parse_noting_duplicates(text: &str) -> std::result::Result<(Json, bool), ParseError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        index: 0,
        remaining_depth: MAX_DEPTH,
        duplicates: false,
        items: Vec::new(),
        entries: Vec::new(),
    };
    let value = p.value()?;
    match p.whitespace() {
        Some(_) => Err(p.peek_error(TRAILING_CHARACTERS)),
        None => Ok((value, p.duplicates)),
    }
}

type Result<T> = std::result::Result<T, ParseError>;

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    index: usize,
    remaining_depth: u8,
    duplicates: bool,
    /// Elements of the arrays being read, innermost last (one stack for all
    /// levels: each array is then allocated once, at its exact size).
    items: Vec<Json>,
    /// Fields of the objects being read, innermost last.
    entries: Vec<(String, Json)>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.index).copied()
    }

    fn peek_or_null(&self) -> u8 {
        self.peek().unwrap_or(0)
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.index += 1;
        Some(b)
    }

    fn eat(&mut self) {
        self.index += 1;
    }

    fn error_at(&self, message: &'static str, i: usize) -> ParseError {
        let before = &self.bytes[..i];
        let start_of_line = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        ParseError {
            message,
            line: 1 + before[..start_of_line]
                .iter()
                .filter(|&&b| b == b'\n')
                .count(),
            column: i - start_of_line,
        }
    }

    /// An error about the byte last consumed.
    fn error(&self, message: &'static str) -> ParseError {
        self.error_at(message, self.index)
    }

    /// An error about the byte about to be read.
    fn peek_error(&self, message: &'static str) -> ParseError {
        self.error_at(message, self.bytes.len().min(self.index + 1))
    }

    /// Skips whitespace; the next byte, not consumed.
    fn whitespace(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.eat();
        }
        self.peek()
    }

    fn value(&mut self) -> Result<Json> {
        let Some(peek) = self.whitespace() else {
            return Err(self.peek_error(EOF_VALUE));
        };
        match peek {
            b'n' => {
                self.eat();
                self.ident(b"ull")?;
                Ok(Json::Null)
            }
            b't' => {
                self.eat();
                self.ident(b"rue")?;
                Ok(Json::Bool(true))
            }
            b'f' => {
                self.eat();
                self.ident(b"alse")?;
                Ok(Json::Bool(false))
            }
            b'-' => {
                self.eat();
                self.number(false)
            }
            b'0'..=b'9' => self.number(true),
            b'"' => {
                self.eat();
                self.string().map(Json::String)
            }
            b'[' => self
                .nested(Self::array_items, Self::end_array)
                .map(Json::Array),
            b'{' => self
                .nested(Self::object_entries, Self::end_object)
                .map(Json::Object),
            _ => Err(self.peek_error(EXPECTED_VALUE)),
        }
    }

    /// An array or object at its opening bracket: `read` its contents one
    /// level deeper (the depth is restored even when `read` fails), then
    /// its closing bracket with `end`.
    fn nested<T>(
        &mut self,
        read: fn(&mut Self) -> Result<T>,
        end: fn(&mut Self) -> Result<()>,
    ) -> Result<T> {
        self.enter()?;
        self.eat();
        let contents = read(self);
        self.remaining_depth += 1;
        let contents = contents?;
        end(self)?;
        Ok(contents)
    }

    fn enter(&mut self) -> Result<()> {
        self.remaining_depth -= 1;
        if self.remaining_depth == 0 {
            return Err(self.peek_error(RECURSION_LIMIT));
        }
        Ok(())
    }

    fn ident(&mut self, rest: &[u8]) -> Result<()> {
        for &expected in rest {
            match self.next() {
                None => return Err(self.error(EOF_VALUE)),
                Some(b) if b != expected => return Err(self.error(EXPECTED_IDENT)),
                Some(_) => {}
            }
        }
        Ok(())
    }

    fn array_items(&mut self) -> Result<Vec<Json>> {
        let base = self.items.len();
        let result = self.array_items_onto_stack(base);
        let items = self.items.drain(base..).collect();
        result.map(|()| items)
    }

    fn array_items_onto_stack(&mut self, base: usize) -> Result<()> {
        loop {
            let Some(peek) = self.whitespace() else {
                return Err(self.peek_error(EOF_LIST));
            };
            if peek == b']' {
                return Ok(());
            }
            if self.items.len() > base {
                if peek != b',' {
                    return Err(self.peek_error(EXPECTED_LIST_COMMA));
                }
                self.eat();
                match self.whitespace() {
                    Some(b']') => return Err(self.peek_error(TRAILING_COMMA)),
                    Some(_) => {}
                    None => return Err(self.peek_error(EOF_VALUE)),
                }
            }
            let item = self.value()?;
            self.items.push(item);
        }
    }

    fn end_array(&mut self) -> Result<()> {
        match self.whitespace() {
            Some(b']') => {
                self.eat();
                Ok(())
            }
            Some(b',') => {
                self.eat();
                match self.whitespace() {
                    Some(b']') => Err(self.peek_error(TRAILING_COMMA)),
                    _ => Err(self.peek_error(TRAILING_CHARACTERS)),
                }
            }
            Some(_) => Err(self.peek_error(TRAILING_CHARACTERS)),
            None => Err(self.peek_error(EOF_LIST)),
        }
    }

    fn object_entries(&mut self) -> Result<Map> {
        let base = self.entries.len();
        let result = self.object_entries_onto_stack();
        let entries: Vec<(String, Json)> = self.entries.drain(base..).collect();
        result?;
        let (map, repeated) = Map::from_entries(entries);
        self.duplicates |= repeated;
        Ok(map)
    }

    fn object_entries_onto_stack(&mut self) -> Result<()> {
        let mut first = true;
        loop {
            let Some(peek) = self.whitespace() else {
                return Err(self.peek_error(EOF_OBJECT));
            };
            if peek == b'}' {
                return Ok(());
            }
            if first {
                first = false;
                if peek != b'"' {
                    return Err(self.peek_error(KEY_MUST_BE_STRING));
                }
            } else if peek == b',' {
                self.eat();
                match self.whitespace() {
                    Some(b'"') => {}
                    Some(b'}') => return Err(self.peek_error(TRAILING_COMMA)),
                    Some(_) => return Err(self.peek_error(KEY_MUST_BE_STRING)),
                    None => return Err(self.peek_error(EOF_VALUE)),
                }
            } else {
                return Err(self.peek_error(EXPECTED_OBJECT_COMMA));
            }
            self.eat();
            let key = self.string()?;
            match self.whitespace() {
                Some(b':') => self.eat(),
                Some(_) => return Err(self.peek_error(EXPECTED_COLON)),
                None => return Err(self.peek_error(EOF_OBJECT)),
            }
            let value = self.value()?;
            self.entries.push((key, value));
        }
    }

    fn end_object(&mut self) -> Result<()> {
        match self.whitespace() {
            Some(b'}') => {
                self.eat();
                Ok(())
            }
            Some(b',') => Err(self.peek_error(TRAILING_COMMA)),
            Some(_) => Err(self.peek_error(TRAILING_CHARACTERS)),
            None => Err(self.peek_error(EOF_OBJECT)),
        }
    }

    /// The rest of a string whose opening quote was consumed.
    fn string(&mut self) -> Result<String> {
        let mut out = String::new();
        let mut start = self.index;
        loop {
            let rest = &self.bytes[self.index..];
            self.index += rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(rest.len());
            let Some(b) = self.peek() else {
                return Err(self.error(EOF_STRING));
            };
            // Runs end before an ASCII byte: always a character boundary.
            out.push_str(&self.text[start..self.index]);
            self.eat();
            match b {
                b'"' => return Ok(out),
                b'\\' => {
                    self.escape(&mut out)?;
                    start = self.index;
                }
                _ => return Err(self.error(CONTROL_CHARACTER)),
            }
        }
    }

    fn next_in_string(&mut self) -> Result<u8> {
        self.next().ok_or_else(|| self.error(EOF_STRING))
    }

    fn escape(&mut self, out: &mut String) -> Result<()> {
        let c = match self.next_in_string()? {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => return self.unicode_escape(out),
            _ => return Err(self.error(INVALID_ESCAPE)),
        };
        out.push(char::from(c));
        Ok(())
    }

    fn hex4(&mut self) -> Result<u16> {
        let Some(digits) = self.bytes.get(self.index..self.index + 4) else {
            self.index = self.bytes.len();
            return Err(self.error(EOF_STRING));
        };
        self.index += 4;
        let mut n: u16 = 0;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(self.error(INVALID_ESCAPE)),
            };
            n = n << 4 | u16::from(v);
        }
        Ok(n)
    }

    fn unicode_escape(&mut self, out: &mut String) -> Result<()> {
        let n = self.hex4()?;
        if (0xDC00..=0xDFFF).contains(&n) {
            return Err(self.error(LONE_SURROGATE));
        }
        let code = if (0xD800..=0xDBFF).contains(&n) {
            for expected in [b'\\', b'u'] {
                let b = self.peek().ok_or_else(|| self.error(EOF_STRING))?;
                self.eat();
                if b != expected {
                    return Err(self.error(END_OF_HEX_ESCAPE));
                }
            }
            let n2 = self.hex4()?;
            if !(0xDC00..=0xDFFF).contains(&n2) {
                return Err(self.error(LONE_SURROGATE));
            }
            ((u32::from(n - 0xD800) << 10) | u32::from(n2 - 0xDC00)) + 0x1_0000
        } else {
            u32::from(n)
        };
        // Surrogates were joined or refused above: always a scalar value.
        out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
        Ok(())
    }

    /// A number after its sign (`positive` false when a `-` was consumed).
    fn number(&mut self, positive: bool) -> Result<Json> {
        let n = self.integer(positive)?;
        Ok(Json::Number(Number::from_parts(n)))
    }

    fn integer(&mut self, positive: bool) -> Result<ParsedNumber> {
        let Some(first) = self.next() else {
            return Err(self.error(EOF_VALUE));
        };
        match first {
            b'0' => {
                if self.peek_or_null().is_ascii_digit() {
                    return Err(self.peek_error(INVALID_NUMBER));
                }
                self.after_integer(positive, 0)
            }
            b'1'..=b'9' => {
                let mut significand = u64::from(first - b'0');
                loop {
                    let c = self.peek_or_null();
                    if !c.is_ascii_digit() {
                        return self.after_integer(positive, significand);
                    }
                    let digit = u64::from(c - b'0');
                    match significand
                        .checked_mul(10)
                        .and_then(|s| s.checked_add(digit))
                    {
                        Some(s) => {
                            self.eat();
                            significand = s;
                        }
                        None => {
                            return self
                                .long_integer(positive, significand)
                                .map(ParsedNumber::F64);
                        }
                    }
                }
            }
            _ => Err(self.error(INVALID_NUMBER)),
        }
    }

    fn after_integer(&mut self, positive: bool, significand: u64) -> Result<ParsedNumber> {
        Ok(match self.peek_or_null() {
            b'.' => ParsedNumber::F64(self.decimal(positive, significand, 0)?),
            b'e' | b'E' => ParsedNumber::F64(self.exponent(positive, significand, 0)?),
            _ if positive => ParsedNumber::U64(significand),
            _ => {
                let neg = (significand as i64).wrapping_neg();
                // A float when it does not fit an i64, and for `-0`.
                if neg >= 0 {
                    ParsedNumber::F64(-(significand as f64))
                } else {
                    ParsedNumber::I64(neg)
                }
            }
        })
    }

    /// Digits past `u64::MAX` only scale the significand.
    fn long_integer(&mut self, positive: bool, significand: u64) -> Result<f64> {
        let mut exponent: i32 = 0;
        loop {
            match self.peek_or_null() {
                b'0'..=b'9' => {
                    self.eat();
                    exponent += 1;
                }
                b'.' => return self.decimal(positive, significand, exponent),
                b'e' | b'E' => return self.exponent(positive, significand, exponent),
                _ => return self.float_of_parts(positive, significand, exponent),
            }
        }
    }

    fn decimal(&mut self, positive: bool, mut significand: u64, before_point: i32) -> Result<f64> {
        self.eat();
        let mut after_point: i32 = 0;
        while let c @ b'0'..=b'9' = self.peek_or_null() {
            let digit = u64::from(c - b'0');
            match significand
                .checked_mul(10)
                .and_then(|s| s.checked_add(digit))
            {
                Some(s) => {
                    self.eat();
                    significand = s;
                    after_point -= 1;
                }
                None => {
                    // Further digits are ignored.
                    while self.peek_or_null().is_ascii_digit() {
                        self.eat();
                    }
                    let exponent = before_point + after_point;
                    return match self.peek_or_null() {
                        b'e' | b'E' => self.exponent(positive, significand, exponent),
                        _ => self.float_of_parts(positive, significand, exponent),
                    };
                }
            }
        }
        if after_point == 0 {
            return Err(match self.peek() {
                Some(_) => self.peek_error(INVALID_NUMBER),
                None => self.peek_error(EOF_VALUE),
            });
        }
        let exponent = before_point + after_point;
        match self.peek_or_null() {
            b'e' | b'E' => self.exponent(positive, significand, exponent),
            _ => self.float_of_parts(positive, significand, exponent),
        }
    }

    fn exponent(&mut self, positive: bool, significand: u64, starting: i32) -> Result<f64> {
        self.eat();
        let positive_exp = match self.peek_or_null() {
            b'+' => {
                self.eat();
                true
            }
            b'-' => {
                self.eat();
                false
            }
            _ => true,
        };
        let Some(first) = self.next() else {
            return Err(self.error(EOF_VALUE));
        };
        if !first.is_ascii_digit() {
            return Err(self.error(INVALID_NUMBER));
        }
        let mut exp = i32::from(first - b'0');
        while let c @ b'0'..=b'9' = self.peek_or_null() {
            self.eat();
            let digit = i32::from(c - b'0');
            match exp.checked_mul(10).and_then(|e| e.checked_add(digit)) {
                Some(e) => exp = e,
                None => {
                    // Beyond i32: infinity is an error, zero is zero.
                    if significand != 0 && positive_exp {
                        return Err(self.error(OUT_OF_RANGE));
                    }
                    while self.peek_or_null().is_ascii_digit() {
                        self.eat();
                    }
                    return Ok(if positive { 0.0 } else { -0.0 });
                }
            }
        }
        let exponent = if positive_exp {
            starting.saturating_add(exp)
        } else {
            starting.saturating_sub(exp)
        };
        self.float_of_parts(positive, significand, exponent)
    }

    /// `significand × 10^exponent` as serde_json computes it (one multiply
    /// or divide by an exact power of ten; `1e308` steps below that).
    fn float_of_parts(&self, positive: bool, significand: u64, mut exponent: i32) -> Result<f64> {
        let mut f = significand as f64;
        loop {
            match pow10(exponent.unsigned_abs()) {
                Some(pow) => {
                    if exponent >= 0 {
                        f *= pow;
                        if f.is_infinite() {
                            return Err(self.error(OUT_OF_RANGE));
                        }
                    } else {
                        f /= pow;
                    }
                    break;
                }
                None => {
                    if f == 0.0 {
                        break;
                    }
                    if exponent >= 0 {
                        return Err(self.error(OUT_OF_RANGE));
                    }
                    f /= 1e308;
                    exponent += 308;
                }
            }
        }
        Ok(if positive { f } else { -f })
    }
}

/// `10^n` for `n` up to 308: the literal `1e<n>` (the nearest double).
fn pow10(n: u32) -> Option<f64> {
    POW10.get(n as usize).copied()
}

static POW10: [f64; 309] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31, 1e32,
    1e33, 1e34, 1e35, 1e36, 1e37, 1e38, 1e39, 1e40, 1e41, 1e42, 1e43, 1e44, 1e45, 1e46, 1e47, 1e48,
    1e49, 1e50, 1e51, 1e52, 1e53, 1e54, 1e55, 1e56, 1e57, 1e58, 1e59, 1e60, 1e61, 1e62, 1e63, 1e64,
    1e65, 1e66, 1e67, 1e68, 1e69, 1e70, 1e71, 1e72, 1e73, 1e74, 1e75, 1e76, 1e77, 1e78, 1e79, 1e80,
    1e81, 1e82, 1e83, 1e84, 1e85, 1e86, 1e87, 1e88, 1e89, 1e90, 1e91, 1e92, 1e93, 1e94, 1e95, 1e96,
    1e97, 1e98, 1e99, 1e100, 1e101, 1e102, 1e103, 1e104, 1e105, 1e106, 1e107, 1e108, 1e109, 1e110,
    1e111, 1e112, 1e113, 1e114, 1e115, 1e116, 1e117, 1e118, 1e119, 1e120, 1e121, 1e122, 1e123,
    1e124, 1e125, 1e126, 1e127, 1e128, 1e129, 1e130, 1e131, 1e132, 1e133, 1e134, 1e135, 1e136,
    1e137, 1e138, 1e139, 1e140, 1e141, 1e142, 1e143, 1e144, 1e145, 1e146, 1e147, 1e148, 1e149,
    1e150, 1e151, 1e152, 1e153, 1e154, 1e155, 1e156, 1e157, 1e158, 1e159, 1e160, 1e161, 1e162,
    1e163, 1e164, 1e165, 1e166, 1e167, 1e168, 1e169, 1e170, 1e171, 1e172, 1e173, 1e174, 1e175,
    1e176, 1e177, 1e178, 1e179, 1e180, 1e181, 1e182, 1e183, 1e184, 1e185, 1e186, 1e187, 1e188,
    1e189, 1e190, 1e191, 1e192, 1e193, 1e194, 1e195, 1e196, 1e197, 1e198, 1e199, 1e200, 1e201,
    1e202, 1e203, 1e204, 1e205, 1e206, 1e207, 1e208, 1e209, 1e210, 1e211, 1e212, 1e213, 1e214,
    1e215, 1e216, 1e217, 1e218, 1e219, 1e220, 1e221, 1e222, 1e223, 1e224, 1e225, 1e226, 1e227,
    1e228, 1e229, 1e230, 1e231, 1e232, 1e233, 1e234, 1e235, 1e236, 1e237, 1e238, 1e239, 1e240,
    1e241, 1e242, 1e243, 1e244, 1e245, 1e246, 1e247, 1e248, 1e249, 1e250, 1e251, 1e252, 1e253,
    1e254, 1e255, 1e256, 1e257, 1e258, 1e259, 1e260, 1e261, 1e262, 1e263, 1e264, 1e265, 1e266,
    1e267, 1e268, 1e269, 1e270, 1e271, 1e272, 1e273, 1e274, 1e275, 1e276, 1e277, 1e278, 1e279,
    1e280, 1e281, 1e282, 1e283, 1e284, 1e285, 1e286, 1e287, 1e288, 1e289, 1e290, 1e291, 1e292,
    1e293, 1e294, 1e295, 1e296, 1e297, 1e298, 1e299, 1e300, 1e301, 1e302, 1e303, 1e304, 1e305,
    1e306, 1e307, 1e308,
];
