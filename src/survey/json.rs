//! Reading survey and plan definitions with the core's JSON reader
//! ([`crate::json`]): every value with its JSON path, every error a
//! [`SurveyError`] naming that path. Only two things are the survey's own:
//! an unknown key is reported at the key's path with the keys that are
//! allowed (a survey author's misspelt `requird` says what was meant), and
//! whole numbers name their range.

use super::error::SurveyError;
use crate::i18n::LocalizedText;
use crate::json::Json;
use crate::json::{self as core_json, JsonError, JsonErrorKind};

/// The document name the core reader uses for the top level; a survey
/// error at the top level has an empty path instead.
const DOC: &str = "survey";

impl From<JsonError> for SurveyError {
    fn from(e: JsonError) -> SurveyError {
        let path = if e.path == DOC { String::new() } else { e.path };
        SurveyError::new(path, e.kind.to_string())
    }
}

/// `format!` for the JSON path of a part of a definition, built only when
/// the first argument (a reader's `FULL`) is true: a built-in definition is
/// read without checks, and a test proves it has nothing to report at any
/// path, so its reader builds none.
macro_rules! error_path {
    ($full:expr, $($format:tt)*) => {
        if $full { format!($($format)*) } else { String::new() }
    };
}
pub(crate) use error_path;

/// One object of a definition, its keys checked.
pub(crate) struct Obj<'a, 'p> {
    inner: core_json::Obj<'a, 'p>,
}

/// Reads `v` at `path` as an object whose keys are all in `fields`.
pub(crate) fn obj<'a, 'p>(
    v: &'a Json,
    path: &'p str,
    fields: &[&str],
) -> Result<Obj<'a, 'p>, SurveyError> {
    if let Some(k) = v
        .as_object()
        .and_then(|m| m.keys().find(|k| !fields.contains(&k.as_str())))
    {
        let expected: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
        return Err(SurveyError::new(
            core_json::join(path, k),
            format!(
                "unknown field `{k}`, expected one of {}",
                expected.join(", ")
            ),
        ));
    }
    Ok(Obj {
        inner: core_json::Obj::nested(v, path, DOC, fields)?,
    })
}

/// Reads a string.
pub(crate) fn string(v: &Json, path: String) -> Result<String, SurveyError> {
    Ok(core_json::as_str(v, &path)?.to_owned())
}

/// Reads a text `{ "zh-Hans", "zh-Hant", "en" }` (each optional).
pub(crate) fn localized(v: &Json, path: &str) -> Result<LocalizedText, SurveyError> {
    obj(v, path, &["zh-Hans", "zh-Hant", "en"])?;
    Ok(core_json::localized(v, path, DOC)?)
}

impl<'a> Obj<'a, '_> {
    /// The path of a key of this object.
    pub(crate) fn at(&self, key: &str) -> String {
        self.inner.at(key)
    }

    /// The value of an optional key (`null` counts as absent).
    pub(crate) fn opt(&self, key: &str) -> Option<&'a Json> {
        self.inner.opt(key)
    }

    pub(crate) fn string(&self, key: &str) -> Result<String, SurveyError> {
        Ok(self.inner.string(key)?)
    }

    pub(crate) fn opt_string(&self, key: &str) -> Result<Option<String>, SurveyError> {
        Ok(self.inner.opt_string(key)?)
    }

    pub(crate) fn opt_bool(&self, key: &str) -> Result<Option<bool>, SurveyError> {
        Ok(self.inner.opt_bool(key)?)
    }

    /// An optional whole number from 0 to `max`.
    pub(crate) fn opt_uint(&self, key: &str, max: u64) -> Result<Option<u64>, SurveyError> {
        self.opt(key)
            .map(|v| {
                v.as_u64().filter(|n| *n <= max).ok_or_else(|| {
                    SurveyError::new(
                        self.at(key),
                        format!(
                            "invalid type: {}, expected a whole number from 0 to {max}",
                            core_json::describe(v)
                        ),
                    )
                })
            })
            .transpose()
    }

    pub(crate) fn uint(&self, key: &str, max: u64) -> Result<u64, SurveyError> {
        self.inner.req(key)?;
        self.opt_uint(key, max).map(|n| n.unwrap_or_default())
    }

    pub(crate) fn opt_f64(&self, key: &str) -> Result<Option<f64>, SurveyError> {
        Ok(self.inner.opt_f64(key)?)
    }

    pub(crate) fn text(&self, key: &str) -> Result<LocalizedText, SurveyError> {
        let v = self.inner.req(key)?;
        localized(v, &self.at(key))
    }

    pub(crate) fn opt_text(&self, key: &str) -> Result<Option<LocalizedText>, SurveyError> {
        self.opt(key)
            .map(|v| localized(v, &self.at(key)))
            .transpose()
    }

    /// An optional list, as written (absent or `null`: `None`).
    pub(crate) fn opt_array(&self, key: &str) -> Result<Option<&'a [Json]>, SurveyError> {
        self.opt(key)
            .map(|v| match v {
                Json::Array(items) => Ok(items.as_slice()),
                other => Err(JsonError::new(
                    self.at(key),
                    JsonErrorKind::ExpectedArray {
                        got: core_json::type_name(other),
                    },
                )
                .into()),
            })
            .transpose()
    }

    /// An optional list of strings (absent or `null`: empty).
    pub(crate) fn opt_strings(&self, key: &str) -> Result<Vec<String>, SurveyError> {
        self.opt_array(key)?
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(i, s)| string(s, format!("{}[{i}]", self.at(key))))
            .collect()
    }

    pub(crate) fn array(&self, key: &str) -> Result<&'a [Json], SurveyError> {
        self.inner.req(key)?;
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
