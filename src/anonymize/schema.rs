//! The record schema: which fields a feedback record carries, the values
//! each may take, the ε of each, where each comes from, and which two-field
//! cross-tabs the server may count, and [`RecordSchema::validate`], the
//! server's strict check of a record.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::buckets::{self, NONE};
use super::error::{RECORD_VERSION, RecordError};
use super::iso_week::IsoWeek;
use super::record::FeedbackRecord;
use super::uuid::is_uuid_v4;

/// The ε used when a survey question does not set one.
pub const DEFAULT_EPSILON: f64 = 2.0;

/// Where the true value of a field comes from (used by
/// [`build_record`](super::build_record); the server ignores it).
///
/// Conventions on [`FieldSpec::values`]: for every question source except
/// [`FieldSource::Option`] the **last** value is the one an unanswered
/// question takes; for [`FieldSource::Bucket`] the first `edges.len() + 1`
/// values name the buckets in ascending order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum FieldSource {
    /// A single-choice question: the chosen option id, or `none`.
    Choice {
        /// Question id.
        question: String,
    },
    /// One option of a multiple-choice (or ranking) question: `yes` when the
    /// option was picked, otherwise `no`.
    Option {
        /// Question id.
        question: String,
        /// Option id.
        option: String,
    },
    /// A ranking question's first-ranked option id, or `none`.
    TopRanked {
        /// Question id.
        question: String,
    },
    /// A yes/no question: `yes`, `no` or `none`.
    YesNo {
        /// Question id.
        question: String,
    },
    /// A rating question: the integer given, or `none`.
    Rating {
        /// Question id.
        question: String,
    },
    /// A number or amount question: the label of its bucket (bucket `i` is
    /// `edges[i−1] ≤ v < edges[i]`), or `none`.
    Bucket {
        /// Question id.
        question: String,
        /// Strictly increasing bucket edges (decimal strings in JSON).
        edges: Vec<Decimal>,
    },
    /// A value derived from the pre-check.
    Precheck {
        /// Which one.
        item: PrecheckItem,
    },
}

/// The pre-check facts a record may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PrecheckItem {
    /// Best outcome across products, or `not_checked`.
    OutcomeClass,
    /// Annual revenue band.
    RevenueBand,
    /// Industry group.
    IndustryGroup,
    /// Region group from the province code.
    RegionGroup,
    /// MIIT size class.
    SizeClass,
}

/// One field of a record: its name, its `k ≥ 2` possible values and its ε.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldSpec {
    /// Record field name (`stage`, `amountBand`, `interest.wangdaitong`, …).
    pub name: String,
    /// The possible values, in display order.
    pub values: Vec<String>,
    /// Local differential privacy budget of k-ary randomized response.
    pub epsilon: f64,
    /// Where the true value comes from.
    pub source: FieldSource,
}

impl FieldSpec {
    /// Number of possible values `k`.
    pub fn k(&self) -> usize {
        self.values.len()
    }

    /// Index of `value` among [`FieldSpec::values`].
    pub fn index_of(&self, value: &str) -> Option<usize> {
        self.values.iter().position(|v| v == value)
    }
}

/// The fields of one survey version's records and the approved cross-tabs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordSchema {
    /// Survey id and version, e.g. `default@1`.
    pub survey: String,
    /// The fields, each present exactly once in every record.
    pub fields: Vec<FieldSpec>,
    /// Approved two-field cross-tabs `(a, b)`, counted jointly by the server.
    pub cross_tabs: Vec<(String, String)>,
}

/// True for a partner id: 1–64 characters of `A–Z a–z 0–9 - _ .`, starting
/// with a letter or digit.
pub fn is_partner_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

/// True for a field name or value label: 1–80 characters of
/// `A–Z a–z 0–9 - _ .`.
fn is_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

impl RecordSchema {
    /// Checks the schema itself: unique field names and labels, `k ≥ 2`
    /// distinct values per field, ε finite and positive, cross-tabs naming two
    /// different existing fields. The error names the field.
    pub fn check(&self) -> Result<(), String> {
        if self.survey.is_empty() || self.survey.len() > 80 {
            return Err("survey: must be 1–80 characters".into());
        }
        // Short lists (dozens of fields, a dozen values): a vector, not a
        // hash set (no hashing code in the wasm).
        let mut names: Vec<&str> = Vec::new();
        for (i, f) in self.fields.iter().enumerate() {
            let at = format!("fields[{i}] (`{}`)", f.name);
            if !is_label(&f.name) {
                return Err(format!("{at}: name must be 1–80 of A–Z a–z 0–9 - _ ."));
            }
            if names.contains(&f.name.as_str()) {
                return Err(format!("{at}: duplicate field name"));
            }
            names.push(&f.name);
            if f.values.len() < 2 {
                return Err(format!("{at}: needs at least 2 values"));
            }
            let mut seen: Vec<&str> = Vec::new();
            for v in &f.values {
                if !is_label(v) {
                    return Err(format!(
                        "{at}: value `{v}` must be 1–80 of A–Z a–z 0–9 - _ ."
                    ));
                }
                if seen.contains(&v.as_str()) {
                    return Err(format!("{at}: duplicate value `{v}`"));
                }
                seen.push(v);
            }
            if let FieldSource::Bucket { edges, .. } = &f.source
                && f.values.len() != edges.len() + 2
            {
                return Err(format!(
                    "{at}: {} bucket edges need {} values (the buckets, then the unanswered value)",
                    edges.len(),
                    edges.len() + 2
                ));
            }
            if !(f.epsilon.is_finite() && f.epsilon > 0.0) {
                return Err(format!(
                    "{at}: epsilon must be a positive number, not {}",
                    crate::json::float_text(f.epsilon)
                ));
            }
        }
        for (i, (a, b)) in self.cross_tabs.iter().enumerate() {
            for x in [a, b] {
                if !names.contains(&x.as_str()) {
                    return Err(format!("crossTabs[{i}]: unknown field `{x}`"));
                }
            }
            if a == b {
                return Err(format!("crossTabs[{i}]: a field crossed with itself"));
            }
        }
        Ok(())
    }

    /// The field named `name`.
    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Parses a schema from JSON and [`check`](RecordSchema::check)s it.
    pub fn from_json(json: &str) -> Result<RecordSchema, String> {
        let schema: RecordSchema = serde_json::from_str(json).map_err(|e| e.to_string())?;
        schema.check()?;
        Ok(schema)
    }

    /// Validates a record against this schema: version, survey, id, week,
    /// partner, then every field present exactly once with an allowed value
    /// and no other field. The first problem found is returned.
    pub fn validate(&self, record: &FeedbackRecord) -> Result<(), RecordError> {
        if u64::from(record.v) != u64::from(RECORD_VERSION) {
            return Err(RecordError::UnsupportedVersion(u64::from(record.v)));
        }
        if record.survey != self.survey {
            return Err(RecordError::UnknownSurvey(record.survey.clone()));
        }
        if !is_uuid_v4(&record.id) {
            return Err(RecordError::BadId(record.id.clone()));
        }
        if let Err(e) = record.week.parse::<IsoWeek>() {
            return Err(RecordError::BadWeek(e));
        }
        if !is_partner_id(&record.partner) {
            return Err(RecordError::BadPartner(record.partner.clone()));
        }
        let mut found = 0;
        for spec in &self.fields {
            match record.fields.get(&spec.name) {
                Some(value) => {
                    found += 1;
                    if spec.index_of(value).is_none() {
                        return Err(RecordError::OutOfRange {
                            field: spec.name.clone(),
                            value: value.clone(),
                        });
                    }
                }
                None => {
                    // Report a stray key first when the record has one, so a
                    // misspelt field reads as unknown rather than missing.
                    if let Some(extra) = self.first_unknown(record) {
                        return Err(extra);
                    }
                    return Err(RecordError::MissingField(format!(
                        "fields[\"{}\"]",
                        spec.name
                    )));
                }
            }
        }
        if found != record.fields.len()
            && let Some(extra) = self.first_unknown(record)
        {
            return Err(extra);
        }
        Ok(())
    }

    fn first_unknown(&self, record: &FeedbackRecord) -> Option<RecordError> {
        record
            .fields
            .keys()
            .find(|k| self.field(k).is_none())
            .map(|k| RecordError::UnknownField(format!("fields[\"{k}\"]")))
    }

    /// The pre-check fields every schema carries, with budget `epsilon`:
    /// `outcomeClass`, `revenueBand`, `industryGroup`, `regionGroup`, `sizeClass`.
    pub fn precheck_fields(epsilon: f64) -> Vec<FieldSpec> {
        let with_none = |vals: &[&str]| -> Vec<String> {
            vals.iter()
                .map(|v| (*v).to_owned())
                .chain([NONE.to_owned()])
                .collect()
        };
        let revenue = buckets::bucket_labels(buckets::revenue_edges()).unwrap_or_default();
        let spec = |name: &str, values: Vec<String>, item| FieldSpec {
            name: name.into(),
            values,
            epsilon,
            source: FieldSource::Precheck { item },
        };
        vec![
            spec(
                "outcomeClass",
                buckets::OUTCOME_CLASSES
                    .iter()
                    .map(|v| (*v).to_owned())
                    .collect(),
                PrecheckItem::OutcomeClass,
            ),
            spec(
                "revenueBand",
                revenue.into_iter().chain([NONE.to_owned()]).collect(),
                PrecheckItem::RevenueBand,
            ),
            spec(
                "industryGroup",
                with_none(&buckets::INDUSTRY_GROUPS),
                PrecheckItem::IndustryGroup,
            ),
            spec(
                "regionGroup",
                with_none(&buckets::REGION_GROUPS),
                PrecheckItem::RegionGroup,
            ),
            spec(
                "sizeClass",
                with_none(&buckets::SIZE_CLASSES),
                PrecheckItem::SizeClass,
            ),
        ]
    }

    /// The schema of records built from the pre-check alone (no survey):
    /// survey id `precheck@1`, the [`precheck_fields`](Self::precheck_fields)
    /// at the default ε, cross-tabs industry × outcome and region × outcome.
    pub fn precheck_only() -> RecordSchema {
        RecordSchema {
            survey: "precheck@1".into(),
            fields: Self::precheck_fields(DEFAULT_EPSILON),
            cross_tabs: vec![
                ("industryGroup".into(), "outcomeClass".into()),
                ("regionGroup".into(), "outcomeClass".into()),
            ],
        }
    }

    /// A JSON Schema (draft 2020-12) for records of exactly this schema: each
    /// field an enum of its values, all required, nothing else allowed.
    pub fn json_schema(&self) -> serde_json::Value {
        use serde_json::{Map, Value, json};
        let mut props = Map::new();
        for f in &self.fields {
            props.insert(
                f.name.clone(),
                json!({ "enum": f.values, "x-epsilon": f.epsilon }),
            );
        }
        let required: Vec<&str> = self.fields.iter().map(|f| f.name.as_str()).collect();
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": format!("SME PreCheck feedback record, survey {}", self.survey),
            "description": "Generated by RecordSchema::json_schema. The server's validator \
                (RecordSchema::validate) also refuses duplicate keys and week 53 of a 52-week year, \
                which JSON Schema cannot express. x-epsilon is the field's randomized-response budget.",
            "type": "object",
            "additionalProperties": false,
            "required": ["v", "id", "week", "partner", "survey", "fields"],
            "properties": {
                "v": { "const": RECORD_VERSION },
                "id": { "type": "string", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$" },
                "week": { "type": "string", "pattern": "^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$" },
                "partner": { "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$" },
                "survey": { "const": self.survey },
                "fields": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": required,
                    "properties": Value::Object(props),
                }
            }
        })
    }
}
