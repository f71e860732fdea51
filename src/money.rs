//! Exact CNY amounts on [`rust_decimal::Decimal`]: strict parsing of the
//! decimal strings that carry money in profile and catalogue JSON, a lenient
//! parser for what a visitor types into a form, rounding and formatting.
//!
//! **Rounding rule:** every computed amount is rounded **half-up**
//! (`MidpointAwayFromZero`) **to the fen** (0.01 CNY) with [`round_fen`].
//! Repayment schedules put the rounding residual into the last instalment, so
//! the principal of every schedule sums to the loan exactly to the fen.
//!
//! Money never travels as a JSON number: readers refuse numbers with
//! [`MoneyError::JsonNumber`] (`expected a decimal string such as
//! "1234567.89", got the JSON number 5`), and every amount is written back
//! as a string with exactly two decimals ([`fmt_fen`], [`ser_money`]).
//! Display formatting: [`fmt_cny`], [`fmt_grouped`], [`fmt_grouped_fen`],
//! all grouping thousands with [`group_digits`].

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serializer;

/// The largest amount accepted anywhere (10^15 CNY): far above any real
/// enterprise, small enough that no computation on it can overflow.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xA4C6_8000, 0x0003_8D7E, 0, false, 0);

/// The hint used in every "not a decimal string" message.
pub const DECIMAL_HINT: &str = "expected a decimal string such as \"1234567.89\"";

/// Rounds half-up (away from zero at the midpoint) to the fen, 0.01 CNY.
pub fn round_fen(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Rounds down (towards zero) to a multiple of `unit` (e.g. 10,000 CNY for
/// limit estimates). A zero or negative unit leaves the amount unchanged.
pub fn floor_to(amount: Decimal, unit: Decimal) -> Decimal {
    if unit <= Decimal::ZERO {
        return amount;
    }
    // Fast path in whole fen when the unit is a whole number of fen:
    // floor(floor_fen(x) / u) · u = floor(x / u) · u; in 64 bits when
    // both are exact in fen that fit.
    if let (Some(unit_fen), Some(fen)) = (small_fen(unit), floor_fen_small(amount)) {
        return Decimal::new(fen.div_euclid(unit_fen) * unit_fen, 2);
    }
    if let Some(unit_fen) = fen_of(unit) {
        let mut floored = amount.round_dp_with_strategy(2, RoundingStrategy::ToNegativeInfinity);
        floored.rescale(2);
        let fen = floored.mantissa();
        return Decimal::from_i128_with_scale(fen.div_euclid(unit_fen) * unit_fen, 2);
    }
    (amount / unit).floor() * unit
}

/// The whole number of fen of an amount with at most two decimals.
fn fen_of(amount: Decimal) -> Option<i128> {
    let scale = amount.scale();
    if scale <= 2 {
        Some(amount.mantissa() * 10i128.pow(2 - scale))
    } else {
        let mut v = amount;
        v.rescale(2);
        (v == amount).then(|| v.mantissa())
    }
}

/// An amount rounded half-up to the fen, as a whole number of fen.
pub fn to_fen(amount: Decimal) -> i128 {
    if let Some(fen) = small_fen(amount) {
        return i128::from(fen);
    }
    match amount.scale() {
        2 => amount.mantissa(),
        0 => amount.mantissa() * 100,
        1 => amount.mantissa() * 10,
        _ => {
            let mut v = round_fen(amount);
            v.rescale(2);
            v.mantissa()
        }
    }
}

/// An amount rounded down (towards negative infinity) to the fen, in
/// 64-bit arithmetic when its mantissa fits (products of amounts and
/// shares carry four or more decimals); `None` otherwise.
fn floor_fen_small(amount: Decimal) -> Option<i64> {
    let scale = amount.scale();
    if scale <= 2 {
        return small_fen(amount);
    }
    let b = amount.serialize();
    if b[12..16] != [0; 4] {
        return None;
    }
    let mantissa = u64::from_le_bytes([b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11]]);
    let divisor = 10u64.checked_pow(scale - 2)?;
    let (whole, rest) = (mantissa / divisor, mantissa % divisor);
    let fen = i64::try_from(whole).ok()?;
    Some(if !amount.is_sign_negative() {
        fen
    } else if rest == 0 {
        -fen
    } else {
        -fen - 1
    })
}

/// [`to_fen`] in 64-bit arithmetic, for an amount with at most two
/// decimals whose fen fit in an `i64` (every real amount): 128-bit
/// multiplication is a library call in WebAssembly.
fn small_fen(amount: Decimal) -> Option<i64> {
    let factor = match amount.scale() {
        2 => 1,
        1 => 10,
        0 => 100,
        _ => return None,
    };
    // `serialize`: flags, then the 96-bit mantissa as lo, mid, hi words.
    let b = amount.serialize();
    if b[12..16] != [0; 4] {
        return None;
    }
    let mantissa = u64::from_le_bytes([b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11]]);
    // A bound, not `checked_mul` (a 128-bit library call in wasm).
    if mantissa > i64::MAX as u64 / 100 {
        return None;
    }
    let fen = mantissa as i64 * factor;
    Some(if amount.is_sign_negative() { -fen } else { fen })
}

/// Writes a whole number of fen as `"-123.45"` into `buf` without
/// allocating; returns the text.
fn write_fen(fen: i128, buf: &mut [u8; 48]) -> &str {
    std::str::from_utf8(fen_digits(fen, buf)).unwrap_or("0.00")
}

/// The ASCII text of a whole number of fen (`-123.45`), written from the
/// end of `buf`.
fn fen_digits(fen: i128, buf: &mut [u8; 48]) -> &[u8] {
    let abs = fen.unsigned_abs();
    let mut at = buf.len();
    let mut put = |byte: u8, at: &mut usize| {
        *at -= 1;
        buf[*at] = byte;
    };
    let digit = |d: u8| b'0' + d;
    // u64 digits are much cheaper than u128 ones; every real amount fits.
    match u64::try_from(abs) {
        Ok(small) => {
            let cents = (small % 100) as u8;
            put(digit(cents % 10), &mut at);
            put(digit(cents / 10), &mut at);
            put(b'.', &mut at);
            let mut yuan = small / 100;
            loop {
                put(digit((yuan % 10) as u8), &mut at);
                yuan /= 10;
                if yuan == 0 {
                    break;
                }
            }
        }
        Err(_) => {
            let mut big = abs;
            let mut i = 0;
            loop {
                if i == 2 {
                    put(b'.', &mut at);
                }
                put(digit((big % 10) as u8), &mut at);
                big /= 10;
                i += 1;
                if big == 0 && i > 2 {
                    break;
                }
            }
        }
    }
    if fen < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    &buf[at..]
}

/// [`fmt_fen`] as ASCII bytes written into `buf`, allocating nothing.
pub fn fen_ascii(amount: Decimal, buf: &mut [u8; 48]) -> &[u8] {
    fen_digits(to_fen(amount), buf)
}

/// Why a money value was refused. `Display` gives the message without the
/// field name (callers prefix it): `must not be negative, got "-5"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    /// A JSON number instead of a string (the number as written).
    JsonNumber(String),
    /// Not a plain decimal string.
    NotDecimal(String),
    /// A minus sign.
    Negative(String),
    /// More than two decimals.
    TooManyDecimals(String),
    /// Above [`MAX_AMOUNT`].
    TooLarge(String),
}

impl std::fmt::Display for MoneyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MoneyError::JsonNumber(n) => write!(f, "{DECIMAL_HINT}, got the JSON number {n}"),
            MoneyError::NotDecimal(t) => write!(f, "{DECIMAL_HINT}, got \"{t}\""),
            MoneyError::Negative(t) => write!(f, "must not be negative, got \"{t}\""),
            MoneyError::TooManyDecimals(t) => {
                write!(f, "must have at most two decimals (fen), got \"{t}\"")
            }
            MoneyError::TooLarge(t) => write!(f, "must be at most {MAX_AMOUNT}, got \"{t}\""),
        }
    }
}

/// The one check for a plain unsigned decimal string: ASCII digits with at
/// most one `.` between digits (`"12"`, `"0.35"`; not `".5"`, `"5."`,
/// `"1e6"`, `"1,000"`, `"-1"`).
pub fn is_decimal_str(text: &str) -> bool {
    !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && text.bytes().filter(|&b| b == b'.').count() <= 1
        && !text.starts_with('.')
        && !text.ends_with('.')
}

/// Parses a strict decimal money string as found in JSON: ASCII digits with
/// an optional `.` and at most two decimals, no sign, no exponent, no
/// separators, at most [`MAX_AMOUNT`].
pub fn parse_money(text: &str) -> Result<Decimal, MoneyError> {
    if text.starts_with('-') {
        return Err(MoneyError::Negative(text.to_owned()));
    }
    if !is_decimal_str(text) {
        return Err(MoneyError::NotDecimal(text.to_owned()));
    }
    let value =
        Decimal::from_str_exact(text).map_err(|_| MoneyError::NotDecimal(text.to_owned()))?;
    check_amount(value).map_err(|e| match e {
        AmountError::Negative => MoneyError::Negative(text.to_owned()),
        AmountError::TooManyDecimals => MoneyError::TooManyDecimals(text.to_owned()),
        AmountError::TooLarge => MoneyError::TooLarge(text.to_owned()),
    })
}

/// Why [`check_amount`] refused a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AmountError {
    Negative,
    TooManyDecimals,
    TooLarge,
}

impl std::fmt::Display for AmountError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AmountError::Negative => "must not be negative",
            AmountError::TooManyDecimals => "must have at most two decimals (fen)",
            AmountError::TooLarge => "must be at most 1000000000000000",
        })
    }
}

/// Checks that an amount is non-negative, has at most two decimals and is
/// at most [`MAX_AMOUNT`]; returns it normalised to scale 2.
fn check_amount(value: Decimal) -> Result<Decimal, AmountError> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(AmountError::Negative);
    }
    if value.normalize().scale() > 2 {
        return Err(AmountError::TooManyDecimals);
    }
    if value > MAX_AMOUNT {
        return Err(AmountError::TooLarge);
    }
    let mut v = value.normalize();
    v.rescale(2);
    Ok(v)
}

/// Parses what a visitor types for an amount in CNY, leniently:
/// `2,000,000`, `2000000.50`, `200万`, `1.5亿`, `２００万` (full-width),
/// `¥ 1,234.5`, `RMB 3000`, `300 万元`. Thousands separators may be `,`,
/// `，`, `_`, or spaces; the units 万/萬 (10^4) and 亿/億 (10^8) multiply.
/// The result must be non-negative and exact to the fen.
pub fn parse_cny_input(text: &str) -> Result<Decimal, String> {
    let mut cleaned = String::with_capacity(text.len());
    for ch in text.chars() {
        let ch = match ch {
            '０'..='９' => char::from(b'0' + (ch as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' => '-',
            other => other,
        };
        if ch.is_whitespace() || matches!(ch, ',' | '，' | '_' | '¥' | '￥') {
            continue;
        }
        cleaned.push(ch);
    }
    let mut body = cleaned.as_str();
    for prefix in ["CNY", "RMB", "cny", "rmb"] {
        if let Some(rest) = body.strip_prefix(prefix) {
            body = rest;
        }
    }
    for suffix in ["元", "圆", "CNY", "RMB", "cny", "rmb"] {
        if let Some(rest) = body.strip_suffix(suffix) {
            body = rest;
        }
    }
    let (number, multiplier) = if let Some(rest) = body.strip_suffix(['万', '萬']) {
        (rest, Decimal::from(10_000))
    } else if let Some(rest) = body.strip_suffix(['亿', '億']) {
        (rest, Decimal::from(100_000_000))
    } else {
        (body, Decimal::ONE)
    };
    if number.starts_with('-') {
        return Err(format!(
            "the amount must not be negative: \"{}\"",
            text.trim()
        ));
    }
    // A visitor may type ".5" or "5.": pad them into a decimal string.
    let padded = match (number.starts_with('.'), number.ends_with('.')) {
        (true, _) => format!("0{number}"),
        (false, true) => format!("{number}0"),
        _ => number.to_owned(),
    };
    if number.len() > 20 || !is_decimal_str(&padded) {
        return Err(format!(
            "not an amount in CNY: \"{}\" (try 2000000, 2,000,000 or 200万)",
            text.trim()
        ));
    }
    let value = Decimal::from_str_exact(&padded)
        .ok()
        .and_then(|v| v.checked_mul(multiplier))
        .ok_or_else(|| format!("not an amount in CNY: \"{}\"", text.trim()))?;
    check_amount(value).map_err(|e| format!("the amount {e}: \"{}\"", text.trim()))
}

/// Formats an amount as a plain decimal string with exactly two decimals
/// (`"3000000.00"`), rounding half-up to the fen first. This is how money
/// leaves the core.
pub fn fmt_fen(amount: Decimal) -> String {
    write_fen(to_fen(amount), &mut [0; 48]).to_owned()
}

/// The one thousands grouping: `"1234567"` → `"1,234,567"` (ASCII digits
/// of an integer part, no sign).
pub fn group_digits(int_part: &str) -> String {
    let n = int_part.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A decimal with grouped thousands and the digits it has: `1234567.5` →
/// `1,234,567.5`, `-1200` → `-1,200` (trailing fraction zeros dropped).
pub fn fmt_grouped(d: Decimal) -> String {
    let s = d.normalize().to_string();
    let (sign, rest) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    match rest.split_once('.') {
        Some((int, frac)) => format!("{sign}{}.{frac}", group_digits(int)),
        None => format!("{sign}{}", group_digits(rest)),
    }
}

/// An amount rounded half-up to the fen with grouped thousands and exactly
/// two decimals, no currency: `1234.5` → `1,234.50`, `-0.004` → `0.00`.
pub fn fmt_grouped_fen(amount: Decimal) -> String {
    let mut buf = [0u8; 48];
    let (sign, yuan, cents) = fen_parts(to_fen(amount), &mut buf);
    format!("{sign}{}.{cents}", group_digits(yuan))
}

/// A whole number of fen as its sign (`-` or nothing), yuan digits and two
/// cent digits, written into `buf` by [`write_fen`] (no 128-bit formatting).
fn fen_parts(fen: i128, buf: &mut [u8; 48]) -> (&str, &str, &str) {
    let text = write_fen(fen, buf);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(digits) => ("-", digits),
        None => ("", text),
    };
    let (yuan, point_cents) = digits.split_at(digits.len() - 3);
    (sign, yuan, &point_cents[1..])
}

/// Formats an amount the way a bank's copy writes it in `lang`: in
/// Chinese by the 万 (10,000 CNY) — `1,200万元`, `12.5万元`, below 1万
/// `5,000元` (`萬元` in zh-Hant), half-up to 0.01万; in English
/// [`fmt_cny`] (`¥12,000,000`).
pub fn fmt_amount(amount: Decimal, lang: crate::i18n::Lang) -> String {
    AmountText(amount, lang).to_string()
}

/// Formats an amount for a message: `¥10,000,000` for whole yuan,
/// `¥1,234.50` otherwise.
pub fn fmt_cny(amount: Decimal) -> String {
    AmountText(amount, crate::i18n::Lang::En).to_string()
}

/// [`fmt_amount`] as a `Display` value: writes the text without allocating
/// (whole fen in integers, no decimal-string round trip).
#[derive(Debug, Clone, Copy)]
pub struct AmountText(pub Decimal, pub crate::i18n::Lang);

impl std::fmt::Display for AmountText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::i18n::Lang;
        // Real amounts fit in 64 bits of fen; larger ones take the
        // decimal-string route.
        let Ok(fen) = i64::try_from(to_fen(self.0)) else {
            return f.write_str(&amount_by_decimal_strings(self.0, self.1));
        };
        let sign = if fen < 0 { "-" } else { "" };
        let abs = fen.unsigned_abs();
        let wan = match self.1 {
            Lang::En => {
                let (yuan, cents) = (abs / 100, abs % 100);
                f.write_str(sign)?;
                f.write_str("¥")?;
                Grouped(yuan).fmt(f)?;
                return if cents != 0 {
                    Fraction(cents, 2).fmt(f)
                } else {
                    Ok(())
                };
            }
            Lang::ZhHans => "万元",
            Lang::ZhHant => "萬元",
        };
        // In hundredths of the unit: fen below 1万, else 0.01万 (100 yuan),
        // rounded half away from zero.
        let (hundredths, unit) = if abs >= 1_000_000 {
            ((abs + 5_000) / 10_000, wan)
        } else {
            (abs, "元")
        };
        f.write_str(sign)?;
        Grouped(hundredths / 100).fmt(f)?;
        // The fraction without trailing zeros.
        match hundredths % 100 {
            0 => {}
            x if x % 10 == 0 => Fraction(x / 10, 1).fmt(f)?,
            x => Fraction(x, 2).fmt(f)?,
        }
        f.write_str(unit)
    }
}

/// [`AmountText`] on decimal strings, for any amount (the route for
/// amounts beyond 64 bits of fen, and what the fast route must match).
fn amount_by_decimal_strings(amount: Decimal, lang: crate::i18n::Lang) -> String {
    use crate::i18n::Lang;
    let wan = match lang {
        Lang::En => {
            let mut buf = [0u8; 48];
            let (sign, yuan, cents) = fen_parts(to_fen(amount), &mut buf);
            let grouped = group_digits(yuan);
            return if cents != "00" {
                format!("{sign}¥{grouped}.{cents}")
            } else {
                format!("{sign}¥{grouped}")
            };
        }
        Lang::ZhHans => "万元",
        Lang::ZhHant => "萬元",
    };
    let a = round_fen(amount);
    if a.abs() >= Decimal::from(10_000) {
        let w = (a / Decimal::from(10_000))
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        format!("{}{wan}", fmt_grouped(w))
    } else {
        format!("{}元", fmt_grouped(a))
    }
}

/// `.` and a fraction of one or two digits (leading zero kept).
struct Fraction(u64, usize);

impl std::fmt::Display for Fraction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (tens, ones) = (b'0' + (self.0 / 10 % 10) as u8, b'0' + (self.0 % 10) as u8);
        let (two, one) = ([b'.', tens, ones], [b'.', ones]);
        let text: &[u8] = if self.1 == 1 { &one } else { &two };
        f.write_str(std::str::from_utf8(text).unwrap_or_default())
    }
}

/// An unsigned integer with its thousands grouped by `,`.
struct Grouped(u64);

impl std::fmt::Display for Grouped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // 20 digits and 6 commas at most, written from the end.
        let mut text = [0u8; 26];
        let mut at = text.len();
        let mut n = self.0;
        let mut count = 0;
        loop {
            if count > 0 && count % 3 == 0 {
                at -= 1;
                text[at] = b',';
            }
            at -= 1;
            text[at] = b'0' + (n % 10) as u8;
            n /= 10;
            count += 1;
            if n == 0 {
                break;
            }
        }
        f.write_str(std::str::from_utf8(&text[at..]).unwrap_or_default())
    }
}

/// [`fmt_fen`] into `buf`, without allocating: `"3000000.00"`.
pub fn fen_str(amount: Decimal, buf: &mut [u8; 48]) -> &str {
    write_fen(to_fen(amount), buf)
}

/// [`fmt_percent`] as a `Display` value (two decimals, half-up).
#[derive(Debug, Clone, Copy)]
pub struct PercentText(pub Decimal);

impl PercentText {
    /// The text, written into `buf`.
    pub fn as_str(self, buf: &mut [u8; 48]) -> &str {
        fen_str(self.0, buf)
    }
}

impl std::fmt::Display for PercentText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str(&mut [0; 48]))
    }
}

/// Formats a percentage with two decimals (`"3.35"`), half-up.
pub fn fmt_percent(percent: Decimal) -> String {
    fmt_fen(percent)
}

/// Serde `serialize_with` for money: a string with two decimals.
pub fn ser_money<S: Serializer>(amount: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(write_fen(to_fen(*amount), &mut [0; 48]))
}

/// Serde `serialize_with` for optional money.
pub fn ser_money_opt<S: Serializer>(
    amount: &Option<Decimal>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match amount {
        Some(a) => serializer.serialize_str(write_fen(to_fen(*a), &mut [0; 48])),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn max_amount_is_ten_to_the_fifteen() {
        assert_eq!(MAX_AMOUNT, d("1000000000000000"));
    }

    #[test]
    fn rounds_half_up_to_the_fen() {
        assert_eq!(round_fen(d("1.005")), d("1.01"));
        assert_eq!(round_fen(d("1.004999")), d("1.00"));
        assert_eq!(round_fen(d("2.675")), d("2.68"));
        assert_eq!(round_fen(d("-1.005")), d("-1.01"));
    }

    #[test]
    fn strict_strings() {
        assert_eq!(parse_money("1234567.89").unwrap(), d("1234567.89"));
        assert_eq!(fmt_fen(parse_money("5").unwrap()), "5.00");
        let e = |t: &str| parse_money(t).unwrap_err().to_string();
        assert_eq!(e("-1"), "must not be negative, got \"-1\"");
        assert_eq!(e("1e6"), format!("{DECIMAL_HINT}, got \"1e6\""));
        assert!(e("1,000").contains(DECIMAL_HINT));
        assert!(parse_money("").is_err());
        assert_eq!(
            e("1.234"),
            "must have at most two decimals (fen), got \"1.234\""
        );
        assert_eq!(
            e("1000000000000000.01"),
            "must be at most 1000000000000000, got \"1000000000000000.01\""
        );
        assert_eq!(
            MoneyError::JsonNumber("5".into()).to_string(),
            format!("{DECIMAL_HINT}, got the JSON number 5")
        );
        for ok in ["0", "12", "0.35", "1234567.89"] {
            assert!(is_decimal_str(ok), "{ok}");
        }
        for bad in ["", ".5", "5.", "1e6", "1,000", "-1", "1.2.3", " 1"] {
            assert!(!is_decimal_str(bad), "{bad}");
        }
        assert!(parse_money("99999999999999999999999999999999").is_err());
    }

    #[test]
    fn lenient_visitor_input() {
        let ok = |s: &str| parse_cny_input(s).unwrap();
        assert_eq!(ok("2,000,000"), d("2000000"));
        assert_eq!(ok("2000000.50"), d("2000000.50"));
        assert_eq!(ok("200万"), d("2000000"));
        assert_eq!(ok("1.5亿"), d("150000000"));
        assert_eq!(ok("２００万"), d("2000000"));
        assert_eq!(ok("¥ 1,234.5"), d("1234.50"));
        assert_eq!(ok("RMB 3000"), d("3000"));
        assert_eq!(ok("300 萬元"), d("3000000"));
        assert_eq!(ok(".5"), d("0.50"));
        assert!(parse_cny_input("-5").unwrap_err().contains("negative"));
        assert!(
            parse_cny_input("abc")
                .unwrap_err()
                .contains("not an amount")
        );
        assert!(parse_cny_input("").is_err());
        assert!(parse_cny_input("万").is_err());
        assert!(parse_cny_input("1.2.3").is_err());
        assert!(
            parse_cny_input("1.001")
                .unwrap_err()
                .contains("two decimals")
        );
        assert!(parse_cny_input("99999999999999999999亿").is_err());
    }

    #[test]
    fn formats() {
        assert_eq!(fmt_cny(d("10000000")), "¥10,000,000");
        assert_eq!(fmt_cny(d("1234.5")), "¥1,234.50");
        assert_eq!(fmt_cny(d("999")), "¥999");
        assert_eq!(fmt_cny(d("0")), "¥0");
        assert_eq!(fmt_fen(d("3.345")), "3.35");
        assert_eq!(floor_to(d("1234567.89"), d("10000")), d("1230000"));
        assert_eq!(floor_to(d("1234567.891"), d("0.01")), d("1234567.89"));
        assert_eq!(floor_to(d("5"), d("0.3")), d("4.8"));
        for (x, unit) in [
            ("1234567.89", "10000"),
            ("2999999.99", "10000"),
            ("-15000.5", "10000"),
            ("7", "0.05"),
            ("123.456", "1"),
            ("92233720368547758.07", "100"),
            ("2999999.9999", "10000"),
            ("-2999999.9999", "10000"),
            ("-0.0001", "0.01"),
            ("3600000.0000", "10000"),
            ("1234567.123456789012345678", "10000"),
            ("0.00000000000000000000000001", "0.01"),
        ] {
            let (x, unit) = (d(x), d(unit));
            let floored = floor_to(x, unit);
            assert_eq!(floored, (x / unit).floor() * unit, "{x} {unit}");
            assert_eq!(floored.scale(), 2, "{x} {unit}");
        }
        assert_eq!(fmt_fen(d("-1.5")), "-1.50");
        assert_eq!(fmt_cny(d("-1234.5")), "-¥1,234.50");
        assert_eq!(fmt_fen(MAX_AMOUNT), "1000000000000000.00");
        assert_eq!(fmt_fen(d("0")), "0.00");
        assert_eq!(fmt_grouped(d("1234567.50")), "1,234,567.5");
        assert_eq!(fmt_grouped(d("-1200")), "-1,200");
        assert_eq!(fmt_grouped(d("999")), "999");
        assert_eq!(fmt_grouped_fen(d("1234.5")), "1,234.50");
        assert_eq!(fmt_grouped_fen(d("-1234567.005")), "-1,234,567.01");
        assert_eq!(fmt_grouped_fen(d("-0.004")), "0.00");
        assert_eq!(fmt_grouped_fen(d("0.07")), "0.07");
        // Beyond 64 bits of fen.
        assert_eq!(
            fmt_grouped_fen(d("-123456789012345678901234567.891")),
            "-123,456,789,012,345,678,901,234,567.89"
        );
        assert_eq!(
            fmt_cny(d("123456789012345678901234567")),
            "¥123,456,789,012,345,678,901,234,567"
        );
        assert_eq!(
            fmt_cny(d("-123456789012345678901234567.5")),
            "-¥123,456,789,012,345,678,901,234,567.50"
        );
        assert_eq!(group_digits("1000"), "1,000");
        assert_eq!(group_digits(""), "");
        assert_eq!(fmt_fen(d("0.05")), "0.05");
        assert_eq!(fmt_fen(d("7.5")), "7.50");
        assert_eq!(fmt_fen(d("12.345")), "12.35");
        assert_eq!(fmt_fen(d("-0.01")), "-0.01");
        assert_eq!(
            fmt_fen(d("123456789012345678901234.56")),
            "123456789012345678901234.56"
        );
    }

    #[test]
    fn amount_text_matches_the_decimal_string_formatting() {
        use crate::i18n::Lang;
        let mut values: Vec<Decimal> = [
            "0",
            "0.004",
            "0.005",
            "0.5",
            "0.05",
            "1",
            "999.99",
            "9999.994",
            "9999.995",
            "10000",
            "10049.99",
            "10050",
            "12345",
            "125000",
            "1234567.89",
            "1235000",
            "2999999.99",
            "3000000",
            "12000000",
            "1000000000000000",
            "123456789.125",
            "-0.004",
            "-1.5",
            "-12345.678",
            "-20000000",
            "92233720368547758.07",
            "92233720368547758.08",
            "123456789012345678901234.56",
            "0.125",
            "1.005",
        ]
        .iter()
        .map(|s| d(s))
        .collect();
        // A sweep over the rounding boundaries of 0.01万 and the fen.
        let mut x = Decimal::new(999_000, 2);
        while x < Decimal::new(1_060_000, 2) {
            values.push(x);
            x += Decimal::new(4_999, 3);
        }
        for v in values {
            // Fen by the 64-bit route or not, as the rounding rule says.
            let mut fen = round_fen(v);
            fen.rescale(2);
            assert_eq!(to_fen(v), fen.mantissa(), "{v}");
            for lang in Lang::ALL {
                assert_eq!(
                    AmountText(v, lang).to_string(),
                    amount_by_decimal_strings(v, lang),
                    "{v} {lang:?}"
                );
            }
        }
        assert_eq!(PercentText(d("3.345")).to_string(), "3.35");
    }

    #[test]
    fn amounts_in_wan_for_chinese_copy() {
        use crate::i18n::Lang;
        let d = |s: &str| Decimal::from_str_exact(s).unwrap();
        assert_eq!(fmt_amount(d("12000000"), Lang::ZhHans), "1,200万元");
        assert_eq!(fmt_amount(d("3000000"), Lang::ZhHant), "300萬元");
        assert_eq!(fmt_amount(d("125000"), Lang::ZhHans), "12.5万元");
        assert_eq!(fmt_amount(d("1234567.89"), Lang::ZhHans), "123.46万元");
        assert_eq!(fmt_amount(d("10000"), Lang::ZhHans), "1万元");
        assert_eq!(fmt_amount(d("5000"), Lang::ZhHans), "5,000元");
        assert_eq!(fmt_amount(d("0.5"), Lang::ZhHans), "0.5元");
        assert_eq!(fmt_amount(d("12000000"), Lang::En), "¥12,000,000");
    }
}
