//! The feedback record as it travels: [`FeedbackRecord`], its JSON form and
//! the top-level parse with errors precise enough for HTTP. How a record is
//! built is in [`builder`](super::builder); how its fields are checked
//! against a survey's schema is [`RecordSchema::validate`](super::RecordSchema::validate).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::error::{RECORD_VERSION, RecordError};

/// An anonymized feedback record, as sent to `POST /v1/feedback`:
/// `{"v":1,"id":"<uuid v4>","week":"2026-W48","partner":"bank-site",
/// "survey":"default@1","fields":{"stage":"growth",…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FeedbackRecord {
    /// Record format version ([`RECORD_VERSION`]).
    pub v: u32,
    /// Random UUID v4, used only for de-duplication.
    pub id: String,
    /// ISO week of sending, e.g. `2026-W48`.
    pub week: String,
    /// Partner id of the embedding site.
    pub partner: String,
    /// Survey id and version, e.g. `default@1`.
    pub survey: String,
    /// Randomized field values by field name; duplicate keys are refused.
    #[serde(deserialize_with = "unique_string_map")]
    pub fields: BTreeMap<String, String>,
}

const TOP_LEVEL: [&str; 6] = ["v", "id", "week", "partner", "survey", "fields"];

impl FeedbackRecord {
    /// Parses a record with errors precise enough for HTTP: invalid JSON or
    /// wrong types are [`RecordError::Malformed`] (400); an unknown or missing
    /// top-level key is [`RecordError::UnknownField`] /
    /// [`RecordError::MissingField`] (422). Field names and values are checked
    /// by [`RecordSchema::validate`].
    pub fn from_json(json: &str) -> Result<FeedbackRecord, RecordError> {
        // Fast path: a well-formed record parses in one typed pass (unknown,
        // missing and duplicate keys all fail it); only a failure pays for
        // the diagnosis below.
        let typed = serde_json::from_str::<FeedbackRecord>(json);
        if let Ok(record) = typed {
            if record.v != RECORD_VERSION {
                return Err(RecordError::UnsupportedVersion(u64::from(record.v)));
            }
            return Ok(record);
        }
        let value: Value =
            serde_json::from_str(json).map_err(|e| RecordError::Malformed(e.to_string()))?;
        let Value::Object(map) = &value else {
            return Err(RecordError::Malformed(
                "a record must be a JSON object".into(),
            ));
        };
        if let Some(k) = map.keys().find(|k| !TOP_LEVEL.contains(&k.as_str())) {
            return Err(RecordError::UnknownField(format!("`{k}`")));
        }
        if let Some(k) = TOP_LEVEL.iter().find(|k| !map.contains_key(**k)) {
            return Err(RecordError::MissingField(format!("`{k}`")));
        }
        if !map["v"].is_u64() {
            return Err(RecordError::Malformed(
                "`v` must be a non-negative integer".into(),
            ));
        }
        if map["v"].as_u64() != Some(u64::from(RECORD_VERSION)) {
            return Err(RecordError::UnsupportedVersion(
                map["v"].as_u64().unwrap_or_default(),
            ));
        }
        for k in ["id", "week", "partner", "survey"] {
            if !map[k].is_string() {
                return Err(RecordError::Malformed(format!("`{k}` must be a string")));
            }
        }
        let Value::Object(fields) = &map["fields"] else {
            return Err(RecordError::Malformed("`fields` must be an object".into()));
        };
        if let Some((k, _)) = fields.iter().find(|(_, v)| !v.is_string()) {
            return Err(RecordError::Malformed(format!(
                "fields[\"{k}\"] must be a string"
            )));
        }
        // What is left is what `Value` hides: duplicate keys (or an integer
        // too large for `v`); report the typed parse's message.
        match typed {
            Ok(record) => Ok(record),
            Err(e) => Err(RecordError::Malformed(e.to_string())),
        }
    }

    /// The record as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

fn unique_string_map<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = BTreeMap<String, String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object of string values")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((k, v)) = m.next_entry::<String, String>()? {
                if out.contains_key(&k) {
                    return Err(serde::de::Error::custom(format!(
                        "duplicate field `{k}` in `fields`"
                    )));
                }
                out.insert(k, v);
            }
            Ok(out)
        }
    }
    d.deserialize_map(V)
}
