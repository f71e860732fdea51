//! The one JSON reader of the core: parse text into a [`Json`] value,
//! then read objects field by field with the JSON path of every value, so
//! that each error names where it is (`products[2].caps.credit`) and says
//! what is wrong as a typed [`JsonErrorKind`].
//!
//! Documents are read by hand instead of through serde derives: one
//! description of each format (the reader), messages that name the path,
//! and no generic deserializer per shape in the wasm build. Values that a
//! module checks itself (money, counts, codes) are taken as raw
//! [`Json`] values with [`Obj::req`] / [`Obj::opt`] and their path.
//!
//! The value type, the parser and the writer are the core's own
//! ([`value`], [`parse`], [`write`]), not serde_json's: the widget ships as
//! wasm where every byte counts, and no small, well-kept JSON crate is at
//! hand, so this small one is tested against serde_json instead (same
//! values, same messages, same bytes out; see the tests of each module).
//! serde_json stays where size does not matter (the CLI, the server, the JS
//! API) and in the tests.
//!
//! Messages follow serde's wording where the same situation exists
//! (`invalid type: string "no", expected a boolean`, ``unknown variant
//! `car`, expected one of `none`, `property` ``), so that they read the same
//! everywhere.

#[cfg(test)]
mod against_serde_json;
pub mod map;
pub mod parse;
pub mod value;
pub mod write;

use std::fmt;

pub use parse::{ParseError, parse};
pub use value::{Json, Map, Number};
pub use write::to_text;

/// What is wrong at a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonErrorKind {
    /// The text is not JSON (the parser's message, with line and column).
    Malformed(String),
    /// An object was expected; `got` describes what was found (`None` for
    /// the top level, whose message does not say).
    ExpectedObject {
        /// What was found instead, e.g. `a number`.
        got: Option<&'static str>,
    },
    /// An array was expected.
    ExpectedArray {
        /// What was found instead, e.g. `a string`.
        got: &'static str,
    },
    /// The object has a key the format does not know.
    UnknownField(String),
    /// A required key is absent; the path is the object's.
    MissingField(String),
    /// The value has the wrong JSON type.
    InvalidType {
        /// serde's description of the value (`string "no"`, `integer `5``).
        got: String,
        /// What was expected (`a boolean`, `a string`).
        expected: &'static str,
    },
    /// A string outside a fixed list of codes.
    UnknownCode {
        /// The string found.
        got: String,
        /// The accepted codes, in their documented order.
        expected: &'static [&'static str],
    },
    /// A value-specific message (`must be more than 0, got 0.00`).
    Invalid(String),
}

/// An error reading a JSON document: the path (or the document's name at
/// the top level) and what is wrong. `Display` is `path: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// `products[2].caps.credit`, `tags`, or the document's name
    /// (`profile`, `catalogue`) for errors about the whole document or a
    /// field missing from the top level.
    pub path: String,
    /// What is wrong.
    pub kind: JsonErrorKind,
}

impl JsonError {
    /// An error at `path`.
    pub fn new(path: impl Into<String>, kind: JsonErrorKind) -> Self {
        JsonError {
            path: path.into(),
            kind,
        }
    }

    /// A value-specific message at `path`.
    pub fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        JsonError::new(path, JsonErrorKind::Invalid(message.into()))
    }
}

impl fmt::Display for JsonErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonErrorKind::Malformed(e) => write!(f, "malformed JSON: {e}"),
            JsonErrorKind::ExpectedObject { got: None } => {
                f.write_str("expected a JSON object { … }")
            }
            JsonErrorKind::ExpectedObject { got: Some(got) } => {
                write!(f, "expected a JSON object {{ … }}, got {got}")
            }
            JsonErrorKind::ExpectedArray { got } => write!(f, "expected a JSON array, got {got}"),
            JsonErrorKind::UnknownField(k) => write!(f, "unknown field `{k}`"),
            JsonErrorKind::MissingField(k) => write!(f, "missing field `{k}`"),
            JsonErrorKind::InvalidType { got, expected } => {
                write!(f, "invalid type: {got}, expected {expected}")
            }
            JsonErrorKind::UnknownCode { got, expected } => {
                write!(f, "unknown variant `{got}`, expected ")?;
                write_one_of(f, expected)
            }
            JsonErrorKind::Invalid(m) => f.write_str(m),
        }
    }
}

/// serde's "expected one of `a`, `b`" / "expected `a` or `b`" wording.
fn write_one_of(f: &mut fmt::Formatter<'_>, codes: &[&str]) -> fmt::Result {
    match codes {
        [] => f.write_str("nothing"),
        [one] => write!(f, "`{one}`"),
        [a, b] => write!(f, "`{a}` or `{b}`"),
        _ => {
            f.write_str("one of ")?;
            for (i, c) in codes.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "`{c}`")?;
            }
            Ok(())
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

impl std::error::Error for JsonError {}

/// Parses `text` as one JSON object; `what` names the document in errors
/// (`profile: malformed JSON: …`, `profile: expected a JSON object { … }`).
pub fn parse_object(text: &str, what: &str) -> Result<Json, JsonError> {
    let value =
        parse(text).map_err(|e| JsonError::new(what, JsonErrorKind::Malformed(e.to_string())))?;
    if !value.is_object() {
        return Err(JsonError::new(
            what,
            JsonErrorKind::ExpectedObject { got: None },
        ));
    }
    Ok(value)
}

/// A short description of a value's JSON type (`a number`, `an array`).
pub fn type_name(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

/// How serde describes a value in an "invalid type" message
/// (`string "no"`, `integer `5``, `floating point `4.5``, `null`).
pub fn describe(value: &Json) -> String {
    match value {
        Json::Null => "null".to_owned(),
        Json::Bool(b) => format!("boolean `{b}`"),
        Json::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Json::Number(n) => format!("integer `{n}`"),
        Json::String(s) => format!("string {s:?}"),
        Json::Array(_) => "sequence".to_owned(),
        Json::Object(_) => "map".to_owned(),
    }
}

/// A JSON number as Rust prints it (`3`, `-1`, `4.5`; a float with no
/// fraction prints without `.0`), for messages.
pub fn number_text(n: &Number) -> String {
    if n.is_f64() {
        float_text(n.as_f64().unwrap_or_default())
    } else {
        n.to_string()
    }
}

/// A finite float as Rust's `{}` prints it (shortest round-trip digits,
/// positional: `1e21` is `1000000000000000000000`, `4.0` is `4`), made from
/// the JSON writer's shortest form so that the wasm carries one float
/// formatter, not two.
pub fn float_text(f: f64) -> String {
    let mut shortest = String::new();
    match Number::from_f64(f) {
        Some(n) => n.write(&mut shortest),
        None if f.is_nan() => return "NaN".to_owned(),
        None => return if f > 0.0 { "inf" } else { "-inf" }.to_owned(),
    }
    let (negative, unsigned) = match shortest.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, shortest.as_str()),
    };
    let (mantissa, exp) = unsigned.split_once('e').unwrap_or((unsigned, "0"));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut exp: i64 = exp.parse().unwrap_or(0) - frac.len() as i64;
    let mut digits = format!("{int}{frac}");
    let leading = digits.len() - digits.trim_start_matches('0').len();
    digits.drain(..leading);
    while digits.ends_with('0') {
        digits.pop();
        exp += 1;
    }
    let mut out = String::from(if negative { "-" } else { "" });
    if digits.is_empty() {
        out.push('0');
    } else if exp >= 0 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', exp as usize));
    } else {
        let int_len = digits.len() as i64 + exp;
        if int_len > 0 {
            out.push_str(&digits[..int_len as usize]);
            out.push('.');
            out.push_str(&digits[int_len as usize..]);
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-int_len) as usize));
            out.push_str(&digits);
        }
    }
    out
}

/// `path.key`, or `key` at the top level (empty path).
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// An "invalid type" error for `value` at `path`.
pub fn invalid_type(path: impl Into<String>, value: &Json, expected: &'static str) -> JsonError {
    JsonError::new(
        path,
        JsonErrorKind::InvalidType {
            got: describe(value),
            expected,
        },
    )
}

/// A string value.
pub fn as_str<'a>(value: &'a Json, path: &str) -> Result<&'a str, JsonError> {
    value
        .as_str()
        .ok_or_else(|| invalid_type(path, value, "a string"))
}

/// A boolean value.
pub fn as_bool(value: &Json, path: &str) -> Result<bool, JsonError> {
    value
        .as_bool()
        .ok_or_else(|| invalid_type(path, value, "a boolean"))
}

/// A string that must be one of `codes`; returns its index in `codes`.
pub fn as_code(
    value: &Json,
    path: &str,
    codes: &'static [&'static str],
) -> Result<usize, JsonError> {
    let s = as_str(value, path)?;
    codes.iter().position(|c| *c == s).ok_or_else(|| {
        JsonError::new(
            path,
            JsonErrorKind::UnknownCode {
                got: s.to_owned(),
                expected: codes,
            },
        )
    })
}

/// An array value, with the path of each element (`path[i]`).
pub fn as_array<'a>(value: &'a Json, path: &str) -> Result<Vec<(String, &'a Json)>, JsonError> {
    match value {
        Json::Array(items) => Ok(items
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("{path}[{i}]"), v))
            .collect()),
        other => Err(JsonError::new(
            path,
            JsonErrorKind::ExpectedArray {
                got: type_name(other),
            },
        )),
    }
}

/// One JSON object being read: its fields by name and its path.
#[derive(Debug, Clone, Copy)]
pub struct Obj<'a, 'p> {
    map: &'a Map,
    /// The object's path; empty at the top level.
    path: &'p str,
    /// The document's name, used for the top level in messages.
    what: &'p str,
}

impl<'a, 'p> Obj<'a, 'p> {
    /// The top-level object of a document named `what`, whose keys must all
    /// be in `known`.
    pub fn top(value: &'a Json, what: &'p str, known: &[&str]) -> Result<Self, JsonError> {
        let map = value
            .as_object()
            .ok_or_else(|| JsonError::new(what, JsonErrorKind::ExpectedObject { got: None }))?;
        let obj = Obj {
            map,
            path: "",
            what,
        };
        obj.check_known(known)?;
        Ok(obj)
    }

    /// A nested object at `path`, whose keys must all be in `known`.
    pub fn nested(
        value: &'a Json,
        path: &'p str,
        what: &'p str,
        known: &[&str],
    ) -> Result<Self, JsonError> {
        let map = value.as_object().ok_or_else(|| {
            JsonError::new(
                path,
                JsonErrorKind::ExpectedObject {
                    got: Some(type_name(value)),
                },
            )
        })?;
        let obj = Obj { map, path, what };
        obj.check_known(known)?;
        Ok(obj)
    }

    /// The name of this object in messages: its path, or the document's
    /// name at the top level.
    pub fn here(&self) -> &'p str {
        if self.path.is_empty() {
            self.what
        } else {
            self.path
        }
    }

    /// The document's name.
    pub fn what(&self) -> &'p str {
        self.what
    }

    /// The path of a field of this object.
    pub fn at(&self, key: &str) -> String {
        join(self.path, key)
    }

    fn check_known(&self, known: &[&str]) -> Result<(), JsonError> {
        match self.map.keys().find(|k| !known.contains(&k.as_str())) {
            Some(unknown) => Err(JsonError::new(
                self.here(),
                JsonErrorKind::UnknownField(unknown.clone()),
            )),
            None => Ok(()),
        }
    }

    /// The keys present (sorted).
    pub fn keys(&self) -> impl Iterator<Item = &'a str> {
        self.map.keys().map(String::as_str)
    }

    /// The value of `key` as written (`null` included); `None` if absent.
    pub fn raw(&self, key: &str) -> Option<&'a Json> {
        self.map.get(key)
    }

    /// The value of an optional key: absent and `null` are `None`.
    pub fn opt(&self, key: &str) -> Option<&'a Json> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// The value of a required key (present, `null` included: the value's
    /// reader rejects it).
    pub fn req(&self, key: &str) -> Result<&'a Json, JsonError> {
        self.map.get(key).ok_or_else(|| self.missing(key))
    }

    /// The "missing field" error for `key`.
    pub fn missing(&self, key: &str) -> JsonError {
        JsonError::new(self.here(), JsonErrorKind::MissingField(key.to_owned()))
    }

    /// A required string.
    pub fn string(&self, key: &str) -> Result<String, JsonError> {
        as_str(self.req(key)?, &self.at(key)).map(str::to_owned)
    }

    /// An optional string (absent or `null`: `None`).
    pub fn opt_string(&self, key: &str) -> Result<Option<String>, JsonError> {
        self.opt(key)
            .map(|v| as_str(v, &self.at(key)).map(str::to_owned))
            .transpose()
    }

    /// A boolean with a default when absent (`null` is rejected).
    pub fn bool_or(&self, key: &str, default: bool) -> Result<bool, JsonError> {
        self.raw(key)
            .map_or(Ok(default), |v| as_bool(v, &self.at(key)))
    }

    /// An optional boolean (absent or `null`: `None`).
    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>, JsonError> {
        self.opt(key).map(|v| as_bool(v, &self.at(key))).transpose()
    }

    /// An optional whole number from 0 to `max` (absent or `null`: `None`).
    pub fn opt_uint(&self, key: &str, max: u64) -> Result<Option<u64>, JsonError> {
        self.opt(key)
            .map(|v| {
                v.as_u64().filter(|n| *n <= max).ok_or_else(|| {
                    JsonError::new(
                        self.at(key),
                        JsonErrorKind::InvalidType {
                            got: describe(v),
                            expected: "a whole number in range",
                        },
                    )
                })
            })
            .transpose()
    }

    /// An optional number (absent or `null`: `None`).
    pub fn opt_f64(&self, key: &str) -> Result<Option<f64>, JsonError> {
        self.opt(key)
            .map(|v| {
                v.as_f64()
                    .ok_or_else(|| invalid_type(self.at(key), v, "a number"))
            })
            .transpose()
    }

    /// A required text in up to three languages ([`localized`]).
    pub fn text(&self, key: &str) -> Result<crate::i18n::LocalizedText, JsonError> {
        localized(self.req(key)?, &self.at(key), self.what)
    }

    /// An optional text in up to three languages (absent or `null`: `None`).
    pub fn opt_text(&self, key: &str) -> Result<Option<crate::i18n::LocalizedText>, JsonError> {
        self.opt(key)
            .map(|v| localized(v, &self.at(key), self.what))
            .transpose()
    }

    /// A required code from `codes`; its index.
    pub fn code(&self, key: &str, codes: &'static [&'static str]) -> Result<usize, JsonError> {
        as_code(self.req(key)?, &self.at(key), codes)
    }

    /// A required array with its element paths.
    pub fn array(&self, key: &str) -> Result<Vec<(String, &'a Json)>, JsonError> {
        as_array(self.req(key)?, &self.at(key))
    }

    /// An optional array (absent or `null`: empty).
    pub fn opt_array(&self, key: &str) -> Result<Vec<(String, &'a Json)>, JsonError> {
        self.opt(key)
            .map_or(Ok(Vec::new()), |v| as_array(v, &self.at(key)))
    }

    /// A nested object field read by `build`; absent or `null`: `None`.
    /// `build` may fail with any error a [`JsonError`] converts into.
    pub fn object<T, E: From<JsonError>>(
        &self,
        key: &str,
        known: &[&str],
        build: impl FnOnce(&Obj<'a, '_>) -> Result<T, E>,
    ) -> Result<Option<T>, E> {
        match self.opt(key) {
            None => Ok(None),
            Some(v) => {
                let path = self.at(key);
                let obj = Obj::nested(v, &path, self.what, known)?;
                build(&obj).map(Some)
            }
        }
    }

    /// A required nested object field read by `build`.
    pub fn req_object<T, E: From<JsonError>>(
        &self,
        key: &str,
        known: &[&str],
        build: impl FnOnce(&Obj<'a, '_>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.object(key, known, build)?
            .ok_or_else(|| self.missing(key).into())
    }
}

/// A text in up to three languages: `{"zh-Hans": …, "zh-Hant": …, "en": …}`,
/// each optional.
pub fn localized(
    value: &Json,
    path: &str,
    what: &str,
) -> Result<crate::i18n::LocalizedText, JsonError> {
    let o = Obj::nested(value, path, what, &["zh-Hans", "zh-Hant", "en"])?;
    Ok(crate::i18n::LocalizedText {
        zh_hans: o.opt_string("zh-Hans")?,
        zh_hant: o.opt_string("zh-Hant")?,
        en: o.opt_string("en")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Json {
        parse_object(text, "doc").unwrap()
    }

    #[test]
    fn document_errors_name_the_document() {
        let e = parse_object("{", "doc").unwrap_err();
        assert!(e.to_string().starts_with("doc: malformed JSON: EOF"), "{e}");
        assert_eq!(
            parse_object("[1]", "doc").unwrap_err().to_string(),
            "doc: expected a JSON object { … }"
        );
        let v = parsed(r#"{"a": 1, "zz": 2}"#);
        assert_eq!(
            Obj::top(&v, "doc", &["a"]).unwrap_err().to_string(),
            "doc: unknown field `zz`"
        );
    }

    #[test]
    fn field_errors_name_the_path() {
        let v = parsed(r#"{"o": {"b": "x", "n": 4.5, "c": "car", "l": 3}, "s": 5}"#);
        let top = Obj::top(&v, "doc", &["o", "s"]).unwrap();
        assert_eq!(
            top.string("s").unwrap_err().to_string(),
            "s: invalid type: integer `5`, expected a string"
        );
        assert_eq!(
            top.string("t").unwrap_err().to_string(),
            "doc: missing field `t`"
        );
        let inner = top
            .req_object("o", &["b", "n", "c", "l"], |o| -> Result<i32, JsonError> {
                assert_eq!(
                    o.bool_or("b", false).unwrap_err().to_string(),
                    "o.b: invalid type: string \"x\", expected a boolean"
                );
                assert_eq!(
                    as_bool(o.req("n")?, &o.at("n")).unwrap_err().to_string(),
                    "o.n: invalid type: floating point `4.5`, expected a boolean"
                );
                assert_eq!(
                    o.code("c", &["none", "property", "pledge"])
                        .unwrap_err()
                        .to_string(),
                    "o.c: unknown variant `car`, expected one of `none`, `property`, `pledge`"
                );
                assert_eq!(
                    o.code("c", &["a", "b"]).unwrap_err().to_string(),
                    "o.c: unknown variant `car`, expected `a` or `b`"
                );
                assert_eq!(
                    o.array("l").unwrap_err().to_string(),
                    "o.l: expected a JSON array, got a number"
                );
                assert_eq!(o.missing("q").to_string(), "o: missing field `q`");
                Ok(7)
            })
            .unwrap();
        assert_eq!(inner, 7);
        let e = top
            .req_object("s", &[], |_| Ok::<_, JsonError>(()))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "s: expected a JSON object { … }, got a number"
        );
        assert_eq!(
            e.kind,
            JsonErrorKind::ExpectedObject {
                got: Some("a number")
            }
        );
    }

    #[test]
    fn optional_values_and_arrays() {
        let v = parsed(r#"{"a": null, "l": [1, 2], "b": true}"#);
        let top = Obj::top(&v, "doc", &["a", "l", "b"]).unwrap();
        assert!(top.opt("a").is_none());
        assert!(top.raw("a").is_some());
        assert_eq!(top.opt_string("a").unwrap(), None);
        assert!(top.bool_or("b", false).unwrap());
        assert!(!top.bool_or("missing", false).unwrap());
        let items = top.array("l").unwrap();
        assert_eq!(items[1].0, "l[1]");
        assert!(top.opt_array("none").unwrap().is_empty());
        assert_eq!(top.opt_bool("b").unwrap(), Some(true));
        assert_eq!(top.opt_bool("a").unwrap(), None);
        assert!(top.opt_uint("b", 5).is_err());
        assert!(top.opt_f64("b").is_err());
        let v = parsed(r#"{"n": 7, "t": {"en": "x"}}"#);
        let other = Obj::top(&v, "doc", &["n", "t"]).unwrap();
        assert_eq!(other.opt_uint("n", 7).unwrap(), Some(7));
        assert!(other.opt_uint("n", 6).is_err());
        assert_eq!(other.opt_f64("n").unwrap(), Some(7.0));
        assert_eq!(other.text("t").unwrap().get(crate::i18n::Lang::ZhHans), "x");
        assert!(other.opt_text("missing").unwrap().is_none());
        assert_eq!(top.keys().count(), 3);
    }
}
