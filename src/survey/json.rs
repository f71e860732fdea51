//! Hand-written, path-tracking reading of definition JSON (objects with a
//! fixed set of keys, strings, numbers, texts). It replaces serde derives for
//! the definition's raw shapes: errors name the exact JSON path, and the wasm
//! widget does not carry a generic deserializer per shape.

use super::error::SurveyError;
use crate::i18n::LocalizedText;
use serde_json::{Map, Value as Json};

/// `path.key` (or `key` at the root).
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// How serde would describe a value in an "invalid type" message.
fn describe(v: &Json) -> String {
    match v {
        Json::Null => "null".to_owned(),
        Json::Bool(b) => format!("boolean `{b}`"),
        Json::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Json::Number(n) => format!("integer `{n}`"),
        Json::String(s) => format!("string {s:?}"),
        Json::Array(_) => "a sequence".to_owned(),
        Json::Object(_) => "a map".to_owned(),
    }
}

fn invalid(path: String, v: &Json, expected: &str) -> SurveyError {
    SurveyError::new(
        path,
        format!("invalid type: {}, expected {expected}", describe(v)),
    )
}

/// A JSON object with a known set of keys.
pub(crate) struct Obj<'a, 'p> {
    map: &'a Map<String, Json>,
    path: &'p str,
}

/// Reads `v` at `path` as an object whose keys are all in `fields`.
pub(crate) fn obj<'a, 'p>(
    v: &'a Json,
    path: &'p str,
    fields: &[&str],
) -> Result<Obj<'a, 'p>, SurveyError> {
    let Json::Object(map) = v else {
        return Err(invalid(path.to_owned(), v, "an object"));
    };
    if let Some(k) = map.keys().find(|k| !fields.contains(&k.as_str())) {
        let expected: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
        return Err(SurveyError::new(
            join(path, k),
            format!(
                "unknown field `{k}`, expected one of {}",
                expected.join(", ")
            ),
        ));
    }
    Ok(Obj { map, path })
}

/// Reads a string.
pub(crate) fn string(v: &Json, path: String) -> Result<String, SurveyError> {
    match v {
        Json::String(s) => Ok(s.clone()),
        _ => Err(invalid(path, v, "a string")),
    }
}

/// Reads a text `{ "zh-Hans", "zh-Hant", "en" }` (each optional).
pub(crate) fn localized(v: &Json, path: &str) -> Result<LocalizedText, SurveyError> {
    let o = obj(v, path, &["zh-Hans", "zh-Hant", "en"])?;
    Ok(LocalizedText {
        zh_hans: o.opt_string("zh-Hans")?,
        zh_hant: o.opt_string("zh-Hant")?,
        en: o.opt_string("en")?,
    })
}

impl<'a> Obj<'a, '_> {
    /// The path of a key of this object.
    pub(crate) fn at(&self, key: &str) -> String {
        join(self.path, key)
    }

    /// The value of an optional key (`null` counts as absent).
    pub(crate) fn opt(&self, key: &str) -> Option<&'a Json> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// The value of a required key.
    pub(crate) fn req(&self, key: &str) -> Result<&'a Json, SurveyError> {
        self.opt(key)
            .ok_or_else(|| SurveyError::new(self.path, format!("missing field `{key}`")))
    }

    pub(crate) fn string(&self, key: &str) -> Result<String, SurveyError> {
        string(self.req(key)?, self.at(key))
    }

    pub(crate) fn opt_string(&self, key: &str) -> Result<Option<String>, SurveyError> {
        self.opt(key).map(|v| string(v, self.at(key))).transpose()
    }

    pub(crate) fn opt_bool(&self, key: &str) -> Result<Option<bool>, SurveyError> {
        self.opt(key)
            .map(|v| {
                v.as_bool()
                    .ok_or_else(|| invalid(self.at(key), v, "true or false"))
            })
            .transpose()
    }

    /// An optional whole number from 0 to `max`.
    pub(crate) fn opt_uint(&self, key: &str, max: u64) -> Result<Option<u64>, SurveyError> {
        self.opt(key)
            .map(|v| {
                v.as_u64().filter(|n| *n <= max).ok_or_else(|| {
                    invalid(self.at(key), v, &format!("a whole number from 0 to {max}"))
                })
            })
            .transpose()
    }

    pub(crate) fn uint(&self, key: &str, max: u64) -> Result<u64, SurveyError> {
        self.req(key)?;
        self.opt_uint(key, max).map(|n| n.unwrap_or_default())
    }

    pub(crate) fn opt_f64(&self, key: &str) -> Result<Option<f64>, SurveyError> {
        self.opt(key)
            .map(|v| {
                v.as_f64()
                    .ok_or_else(|| invalid(self.at(key), v, "a number"))
            })
            .transpose()
    }

    pub(crate) fn text(&self, key: &str) -> Result<LocalizedText, SurveyError> {
        localized(self.req(key)?, &self.at(key))
    }

    pub(crate) fn opt_text(&self, key: &str) -> Result<Option<LocalizedText>, SurveyError> {
        self.opt(key)
            .map(|v| localized(v, &self.at(key)))
            .transpose()
    }

    pub(crate) fn opt_array(&self, key: &str) -> Result<Option<&'a [Json]>, SurveyError> {
        self.opt(key)
            .map(|v| match v {
                Json::Array(items) => Ok(items.as_slice()),
                _ => Err(invalid(self.at(key), v, "a list")),
            })
            .transpose()
    }

    pub(crate) fn array(&self, key: &str) -> Result<&'a [Json], SurveyError> {
        self.req(key)?;
        self.opt_array(key).map(Option::unwrap_or_default)
    }
}

/// A raw shape read from JSON with path-naming errors (borrowing the
/// value's nested lists instead of copying them).
pub(crate) trait FromJson<'a>: Sized {
    /// Reads `value` found at `path`.
    fn from_json(value: &'a Json, path: &str) -> Result<Self, SurveyError>;
}

/// Reads `value` (found at `path`) as `T`.
pub(crate) fn typed<'a, T: FromJson<'a>>(value: &'a Json, path: &str) -> Result<T, SurveyError> {
    T::from_json(value, path)
}
