//! The feedback record as it travels: [`FeedbackRecord`], its JSON form and
//! the top-level parse with errors precise enough for HTTP. How a record is
//! built is in [`builder`](super::builder); how its fields are checked
//! against a survey's schema is [`RecordSchema::validate`](super::RecordSchema::validate).

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::json::{Json as Value, Map, write::write_str};

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
    pub fields: Map<String, String>,
}

const TOP_LEVEL: [&str; 6] = ["v", "id", "week", "partner", "survey", "fields"];

impl FeedbackRecord {
    /// Parses a record with errors precise enough for HTTP: invalid JSON or
    /// wrong types are [`RecordError::Malformed`] (400); an unknown or missing
    /// top-level key is [`RecordError::UnknownField`] /
    /// [`RecordError::MissingField`] (422). Field names and values are checked
    /// by [`RecordSchema::validate`].
    pub fn from_json(json: &str) -> Result<FeedbackRecord, RecordError> {
        let (value, duplicates) = crate::json::parse::parse_noting_duplicates(json)
            .map_err(|e| RecordError::Malformed(e.to_string()))?;
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
        if duplicates {
            return Err(duplicate_keys(json));
        }
        let text = |k: &str| map[k].as_str().unwrap_or_default().to_owned();
        Ok(FeedbackRecord {
            v: RECORD_VERSION,
            id: text("id"),
            week: text("week"),
            partner: text("partner"),
            survey: text("survey"),
            // Inserted one by one (already in key order, so each one is
            // appended): collecting would go through the map's sort.
            fields: {
                let mut out = Map::new();
                for (k, v) in fields {
                    out.insert(k.clone(), v.as_str().unwrap_or_default().to_owned());
                }
                out
            },
        })
    }

    /// The record as compact JSON (keys in the order of the struct).
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"v\":");
        crate::json::value::push_u64(&mut out, u64::from(self.v));
        for (key, value) in [
            ("id", &self.id),
            ("week", &self.week),
            ("partner", &self.partner),
            ("survey", &self.survey),
        ] {
            out.push_str(",\"");
            out.push_str(key);
            out.push_str("\":");
            write_str(&mut out, value);
        }
        out.push_str(",\"fields\":{");
        for (i, (k, v)) in self.fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_str(&mut out, k);
            out.push(':');
            write_str(&mut out, v);
        }
        out.push_str("}}");
        out
    }
}

/// The error for a record that is fine but for a repeated key: serde's
/// typed message (`duplicate field `id` at line 1 column 30`), as the
/// server reports it.
#[cfg(feature = "record-duplicate-messages")]
fn duplicate_keys(json: &str) -> RecordError {
    match serde_json::from_str::<FeedbackRecord>(json) {
        Ok(_) => RecordError::Malformed("duplicate key".into()),
        Err(e) => RecordError::Malformed(e.to_string()),
    }
}

/// The error for a record that is fine but for a repeated key. Without the
/// `record-duplicate-messages` feature (the wasm widget, which reads only
/// records it built itself) the message does not say which key or where.
#[cfg(not(feature = "record-duplicate-messages"))]
fn duplicate_keys(_json: &str) -> RecordError {
    RecordError::Malformed("duplicate key".into())
}

fn unique_string_map<'de, D: Deserializer<'de>>(d: D) -> Result<Map<String, String>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Map<String, String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object of string values")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
            let mut out = Map::new();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written text is serde's, escapes and all, and reads back.
    #[test]
    fn text_is_the_serde_text_and_reads_back() {
        let record = FeedbackRecord {
            v: RECORD_VERSION,
            id: "3f2b8c1e-5d4a-4b6f-9a7e-1c2d3e4f5a6b".into(),
            week: "2026-W48".into(),
            partner: "bank \"site\"\\\n\u{1}".into(),
            survey: "default@2".into(),
            fields: [("b", "é中"), ("a", "x\ty"), ("", "")]
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .into(),
        };
        assert_eq!(record.to_json(), serde_json::to_string(&record).unwrap());
        assert_eq!(FeedbackRecord::from_json(&record.to_json()), Ok(record));
    }

    /// A repeated key: serde's typed message (with the default features).
    #[test]
    fn repeated_keys_are_refused() {
        let text = r#"{"v":1,"id":"a","week":"2026-W48","partner":"p","survey":"s","fields":{"k":"1","k":"2"}}"#;
        let e = FeedbackRecord::from_json(text).unwrap_err();
        assert!(matches!(e, RecordError::Malformed(_)), "{e}");
        #[cfg(feature = "record-duplicate-messages")]
        assert_eq!(
            e.to_string(),
            format!(
                "malformed record: {}",
                serde_json::from_str::<FeedbackRecord>(text).unwrap_err()
            )
        );
    }
}
