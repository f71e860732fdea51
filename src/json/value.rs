//! The JSON value of the core ([`Json`]): the same shape and the same
//! accessors as `serde_json::Value` without `preserve_order` (objects are
//! maps sorted by key, numbers are an unsigned, a negative or a float), so
//! that reading code and tests look the same, without serde_json's generic
//! deserializer in the wasm widget.

use std::fmt;

pub use super::map::Map;

/// A parsed JSON value.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Json {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object.
    Object(Map),
}

/// A JSON number: a whole number from 0 to `u64::MAX`, a negative whole
/// number from `i64::MIN`, or a finite float (everything else, `-0` included).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(N);

#[derive(Debug, Clone, Copy, PartialEq)]
enum N {
    PosInt(u64),
    /// Always less than zero.
    NegInt(i64),
    /// Always finite.
    Float(f64),
}

impl Number {
    /// A float as a number; `None` when not finite.
    pub fn from_f64(f: f64) -> Option<Number> {
        f.is_finite().then_some(Number(N::Float(f)))
    }

    /// The value as a `u64` when it is a whole number in range.
    pub fn as_u64(&self) -> Option<u64> {
        match self.0 {
            N::PosInt(n) => Some(n),
            _ => None,
        }
    }

    /// The value as an `i64` when it is a whole number in range.
    pub fn as_i64(&self) -> Option<i64> {
        match self.0 {
            N::PosInt(n) => i64::try_from(n).ok(),
            N::NegInt(n) => Some(n),
            N::Float(_) => None,
        }
    }

    /// The value as an `f64` (whole numbers converted).
    pub fn as_f64(&self) -> Option<f64> {
        Some(match self.0 {
            N::PosInt(n) => n as f64,
            N::NegInt(n) => n as f64,
            N::Float(f) => f,
        })
    }

    /// True for a whole number from 0 to `u64::MAX`.
    pub fn is_u64(&self) -> bool {
        matches!(self.0, N::PosInt(_))
    }

    /// True for a whole number in `i64` range.
    pub fn is_i64(&self) -> bool {
        self.as_i64().is_some()
    }

    /// True for a float (written with a fraction or an exponent, or too
    /// large for an integer).
    pub fn is_f64(&self) -> bool {
        matches!(self.0, N::Float(_))
    }

    /// Writes the number as JSON text (`3`, `-1`, `4.5`, `1e21`).
    pub(crate) fn write(&self, out: &mut String) {
        match self.0 {
            N::PosInt(n) => push_u64(out, n),
            N::NegInt(n) => {
                out.push('-');
                push_u64(out, n.unsigned_abs());
            }
            N::Float(f) => out.push_str(zmij::Buffer::new().format_finite(f)),
        }
    }

    pub(crate) fn from_parts(n: ParsedNumber) -> Number {
        Number(match n {
            ParsedNumber::U64(n) => N::PosInt(n),
            ParsedNumber::I64(n) => N::NegInt(n),
            ParsedNumber::F64(f) => N::Float(f),
        })
    }
}

/// A number as the parser reads it (negative integers are below zero).
pub(crate) enum ParsedNumber {
    U64(u64),
    I64(i64),
    F64(f64),
}

/// Decimal digits of `n` (no `core::fmt` integer formatting).
pub(crate) fn push_u64(out: &mut String, n: u64) {
    let mut buf = [0u8; 20];
    out.extend(decimal_digits(n, &mut buf).iter().map(|&b| char::from(b)));
}

/// The decimal digits of `n`, written into the end of `buf`.
pub(crate) fn decimal_digits(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[i..]
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write(&mut s);
        f.write_str(&s)
    }
}

static NULL: Json = Json::Null;

impl Json {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number as a `u64` ([`Number::as_u64`]).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    /// The number as an `i64` ([`Number::as_i64`]).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    /// The number as an `f64` ([`Number::as_f64`]).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&Vec<Json>> {
        match self {
            Json::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Json>> {
        match self {
            Json::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The fields, if this is an object.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Json::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The fields, if this is an object.
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Json::Object(m) => Some(m),
            _ => None,
        }
    }

    /// True for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// True for a boolean.
    pub fn is_boolean(&self) -> bool {
        matches!(self, Json::Bool(_))
    }

    /// True for a number.
    pub fn is_number(&self) -> bool {
        matches!(self, Json::Number(_))
    }

    /// True for a whole number from 0 to `u64::MAX`.
    pub fn is_u64(&self) -> bool {
        matches!(self, Json::Number(n) if n.is_u64())
    }

    /// True for a whole number in `i64` range.
    pub fn is_i64(&self) -> bool {
        matches!(self, Json::Number(n) if n.is_i64())
    }

    /// True for a float.
    pub fn is_f64(&self) -> bool {
        matches!(self, Json::Number(n) if n.is_f64())
    }

    /// True for a string.
    pub fn is_string(&self) -> bool {
        matches!(self, Json::String(_))
    }

    /// True for an array.
    pub fn is_array(&self) -> bool {
        matches!(self, Json::Array(_))
    }

    /// True for an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Json::Object(_))
    }

    /// The field `key` of an object (`None` if absent or not an object).
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object()?.get(key)
    }

    /// The field `key` of an object, for changing it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json> {
        self.as_object_mut()?.get_mut(key)
    }

    /// Takes the value out, leaving `null`.
    pub fn take(&mut self) -> Json {
        std::mem::take(self)
    }
}

impl std::ops::Index<&str> for Json {
    type Output = Json;

    /// The field `key`, or `null` when absent (as in serde_json).
    fn index(&self, key: &str) -> &Json {
        self.get(key).unwrap_or(&NULL)
    }
}

impl std::ops::IndexMut<&str> for Json {
    /// The field `key`, inserted as `null` when absent; `null` itself
    /// becomes an empty object first (as in serde_json). Panics on any other
    /// value.
    fn index_mut(&mut self, key: &str) -> &mut Json {
        if self.is_null() {
            *self = Json::Object(Map::new());
        }
        match self {
            Json::Object(m) => m.get_or_insert_with(key.to_owned(), || Json::Null),
            _ => panic!("cannot index a non-object JSON value with {key:?}"),
        }
    }
}

impl std::ops::Index<usize> for Json {
    type Output = Json;

    /// The element `i` of an array, or `null` when absent.
    fn index(&self, i: usize) -> &Json {
        self.as_array().and_then(|a| a.get(i)).unwrap_or(&NULL)
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Json {
        Json::Bool(b)
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Json {
        Json::String(s.to_owned())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Json {
        Json::String(s)
    }
}

impl From<&String> for Json {
    fn from(s: &String) -> Json {
        Json::String(s.clone())
    }
}

impl From<u64> for Json {
    fn from(n: u64) -> Json {
        Json::Number(Number(N::PosInt(n)))
    }
}

impl From<i64> for Json {
    fn from(n: i64) -> Json {
        Json::Number(Number(if n < 0 {
            N::NegInt(n)
        } else {
            N::PosInt(n as u64)
        }))
    }
}

macro_rules! from_unsigned {
    ($($t:ty)*) => {$(
        impl From<$t> for Json {
            fn from(n: $t) -> Json {
                Json::from(n as u64)
            }
        }
    )*};
}
from_unsigned!(u8 u16 u32 usize);

macro_rules! from_signed {
    ($($t:ty)*) => {$(
        impl From<$t> for Json {
            fn from(n: $t) -> Json {
                Json::from(n as i64)
            }
        }
    )*};
}
from_signed!(i8 i16 i32 isize);

impl From<f64> for Json {
    /// A finite float; `null` for NaN and the infinities (as in serde_json).
    fn from(f: f64) -> Json {
        Number::from_f64(f).map_or(Json::Null, Json::Number)
    }
}

impl From<Number> for Json {
    fn from(n: Number) -> Json {
        Json::Number(n)
    }
}

impl From<Map> for Json {
    fn from(m: Map) -> Json {
        Json::Object(m)
    }
}

impl<T: Into<Json>> From<Vec<T>> for Json {
    fn from(items: Vec<T>) -> Json {
        Json::Array(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(v: Option<T>) -> Json {
        v.map_or(Json::Null, Into::into)
    }
}

impl<T: Into<Json>> FromIterator<T> for Json {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Json {
        Json::Array(iter.into_iter().map(Into::into).collect())
    }
}

impl fmt::Display for Json {
    /// Compact JSON text, byte for byte what `serde_json::to_string` writes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::write::to_text(self))
    }
}

impl serde::Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            N::PosInt(n) => s.serialize_u64(n),
            N::NegInt(n) => s.serialize_i64(n),
            N::Float(f) => s.serialize_f64(f),
        }
    }
}

impl serde::Serialize for Json {
    /// As `serde_json::Value` serializes (for the CLI, the server and the
    /// JS API, which write core types through serde).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Number(n) => n.serialize(s),
            Json::String(v) => s.serialize_str(v),
            Json::Array(items) => s.collect_seq(items),
            Json::Object(m) => m.serialize(s),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Json {
    /// As `serde_json::Value` deserializes (for the serde-derived formats the
    /// CLI and the server read).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> serde::de::Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
        Ok(Json::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
        Ok(Json::from(n))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Json, E> {
        Ok(Json::from(n))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Json, E> {
        Ok(Json::from(f))
    }

    fn visit_str<E>(self, s: &str) -> Result<Json, E> {
        Ok(Json::from(s))
    }

    fn visit_string<E>(self, s: String) -> Result<Json, E> {
        Ok(Json::String(s))
    }

    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        serde::Deserialize::deserialize(d)
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut m = Map::new();
        while let Some((k, v)) = map.next_entry::<String, Json>()? {
            m.insert(k, v);
        }
        Ok(Json::Object(m))
    }
}

impl From<serde_json::Value> for Json {
    /// The same value (for hosts and tests that hold serde_json values).
    fn from(v: serde_json::Value) -> Json {
        match v {
            serde_json::Value::Null => Json::Null,
            serde_json::Value::Bool(b) => Json::Bool(b),
            serde_json::Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Json::from(u),
                (None, Some(i)) => Json::from(i),
                _ => Json::from(n.as_f64().unwrap_or_default()),
            },
            serde_json::Value::String(s) => Json::String(s),
            serde_json::Value::Array(items) => items.into_iter().map(Json::from).collect(),
            serde_json::Value::Object(m) => {
                Json::Object(m.into_iter().map(|(k, v)| (k, Json::from(v))).collect())
            }
        }
    }
}

impl From<Json> for serde_json::Value {
    /// The same value (for hosts and tests that hold serde_json values).
    fn from(v: Json) -> serde_json::Value {
        match v {
            Json::Null => serde_json::Value::Null,
            Json::Bool(b) => serde_json::Value::Bool(b),
            Json::Number(n) => match n.0 {
                N::PosInt(u) => u.into(),
                N::NegInt(i) => i.into(),
                N::Float(f) => f.into(),
            },
            Json::String(s) => serde_json::Value::String(s),
            Json::Array(items) => {
                serde_json::Value::Array(items.into_iter().map(Into::into).collect())
            }
            Json::Object(m) => {
                serde_json::Value::Object(m.into_iter().map(|(k, v)| (k, v.into())).collect())
            }
        }
    }
}

impl PartialEq<serde_json::Value> for Json {
    /// The same value (for tests that compare with `serde_json::json!`).
    fn eq(&self, other: &serde_json::Value) -> bool {
        use serde_json::Value as V;
        match (self, other) {
            (Json::Null, V::Null) => true,
            (Json::Bool(a), V::Bool(b)) => a == b,
            (Json::Number(a), V::Number(b)) => match a.0 {
                N::PosInt(u) => b.as_u64() == Some(u),
                N::NegInt(i) => !b.is_u64() && b.as_i64() == Some(i),
                N::Float(f) => b.is_f64() && b.as_f64() == Some(f),
            },
            (Json::String(a), V::String(b)) => a == b,
            (Json::Array(a), V::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
            }
            (Json::Object(a), V::Object(b)) => {
                a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| v == w))
            }
            _ => false,
        }
    }
}
