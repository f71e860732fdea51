//! Memoized randomized response ("permanent randomized response", as in
//! RAPPOR): the randomized report of a (survey version, field, true value) is
//! drawn once on the device and reused for every later record, so sending
//! the same answer again adds nothing the server could average.
//!
//! The memo holds, per survey version and field, the report of **every**
//! value of the field, drawn the first time the field is needed (as in
//! Microsoft's telemetry memoization, Ding, Kulkarni & Yekhanin 2017). A
//! changed answer therefore uses the report drawn once for the new value,
//! and the stored table says nothing about which answer the visitor gave:
//! each row is one independent randomized response per possible value.
//!
//! Pure: [`memoized_reports`] takes the memo and returns the reports with
//! the updated memo; the caller stores it ([`RrMemo::to_json`]).
//!
//! ```
//! use sme_precheck::anonymize::*;
//! use sme_precheck::precheck::Outcome;
//! let schema = RecordSchema::precheck_only();
//! let inputs = PrecheckInputs { outcomes: vec![Outcome::PreQualified.as_str().into()], ..Default::default() };
//! let week = IsoWeek::from_date(2026, 11, 27).unwrap();
//! let mut rng = SeededRandom::new(1);
//! let answers = sme_precheck::json::Json::Object(Default::default());
//! let (first, memo) =
//!     build_record_memoized(&schema, &inputs, &answers, "bank-site", week, &RrMemo::new(), &mut rng).unwrap();
//! let (again, _) =
//!     build_record_memoized(&schema, &inputs, &answers, "bank-site", week, &memo, &mut rng).unwrap();
//! assert_eq!(first.fields, again.fields);
//! assert_ne!(first.id, again.id);
//! ```

use crate::json::{Json as Value, Map};

use super::error::RecordError;
use super::randomized_response::{RandomSource, randomize_index};
use super::schema::{FieldSpec, RecordSchema};

/// The memo format version.
pub const MEMO_VERSION: u32 = 1;

/// The device's memoized reports: survey key (`default@2`) → field name →
/// the reported value index for each true value index of the field. Short
/// sorted lists, not maps: no extra map code in the wasm widget.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RrMemo {
    v: u32,
    surveys: Vec<(String, Rows)>,
}

/// Field name → reported value index per true value index, sorted by name.
type Rows = Vec<(String, Vec<u16>)>;

/// The `surveys` object of a stored `{"v": version, "surveys": {…}}`
/// document (the memo, the weekly log); `what` names it in errors. Read
/// through `Value` by hand: no derived deserializer in the wasm.
pub(crate) fn stored_surveys(json: &str, what: &str, version: u32) -> Result<Map, RecordError> {
    let bad = |m: &str| RecordError::Malformed(format!("{what}: {m}"));
    let v = crate::json::parse(json).map_err(|e| bad(&e.to_string()))?;
    let mut top = match v {
        Value::Object(top) => top,
        _ => return Err(bad("not an object")),
    };
    if top.len() != 2 || top.get("v").and_then(Value::as_u64) != Some(u64::from(version)) {
        return Err(bad(&format!("expected {{\"v\":{version},\"surveys\":…}}")));
    }
    match top.remove("surveys") {
        Some(Value::Object(surveys)) => Ok(surveys),
        _ => Err(bad("`surveys` must be an object")),
    }
}

/// `{"surveys":{…},"v":version}` as compact text.
pub(crate) fn stored_json(version: u32, surveys: Map) -> String {
    let mut top = Map::new();
    top.insert("v".into(), Value::from(version));
    top.insert("surveys".into(), Value::Object(surveys));
    crate::json::to_text(&Value::Object(top))
}

/// The value under `key` in a list sorted by key, inserted (default) when missing.
pub(crate) fn slot<'a, V: Default>(list: &'a mut Vec<(String, V)>, key: &str) -> &'a mut V {
    let i = match list.binary_search_by(|(k, _)| k.as_str().cmp(key)) {
        Ok(i) => i,
        Err(i) => {
            list.insert(i, (key.to_owned(), V::default()));
            i
        }
    };
    &mut list[i].1
}

/// The value under `key` in a list sorted by key.
pub(crate) fn lookup<'a, V>(list: &'a [(String, V)], key: &str) -> Option<&'a V> {
    list.binary_search_by(|(k, _)| k.as_str().cmp(key))
        .ok()
        .map(|i| &list[i].1)
}

impl RrMemo {
    /// An empty memo (a device that has never built a record).
    pub fn new() -> RrMemo {
        RrMemo {
            v: MEMO_VERSION,
            surveys: Vec::new(),
        }
    }

    /// The memo stored as JSON text: `{"surveys":{"default@2":{"stage":[2,1,0,3],…}},"v":1}`.
    /// Anything else (damaged, another version) is [`RecordError::Malformed`];
    /// the browser then starts from an empty memo.
    pub fn from_json(json: &str) -> Result<RrMemo, RecordError> {
        let bad = |m: &str| RecordError::Malformed(format!("memo: {m}"));
        let mut surveys = Vec::new();
        for (key, fields) in &stored_surveys(json, "memo", MEMO_VERSION)? {
            let fields = fields.as_object().ok_or_else(|| bad(key))?;
            let mut rows = Vec::new();
            for (name, row) in fields {
                let row = row
                    .as_array()
                    .and_then(|r| {
                        r.iter()
                            .map(|i| i.as_u64().and_then(|i| u16::try_from(i).ok()))
                            .collect::<Option<Vec<u16>>>()
                    })
                    .ok_or_else(|| bad(name))?;
                *slot(&mut rows, name) = row;
            }
            *slot(&mut surveys, key) = rows;
        }
        Ok(RrMemo {
            v: MEMO_VERSION,
            surveys,
        })
    }

    /// Compact JSON text for storage.
    pub fn to_json(&self) -> String {
        let surveys: Map = self
            .surveys
            .iter()
            .map(|(key, fields)| {
                let rows = fields
                    .iter()
                    .map(|(name, row)| (name.clone(), Value::from(row.clone())))
                    .collect();
                (key.clone(), Value::Object(rows))
            })
            .collect();
        stored_json(MEMO_VERSION, surveys)
    }

    /// The memoized report indices of one field (one per value), if drawn.
    pub fn reports(&self, survey: &str, field: &str) -> Option<&[u16]> {
        lookup(lookup(&self.surveys, survey)?, field).map(Vec::as_slice)
    }

    /// Number of memoized fields over all survey versions.
    pub fn len(&self) -> usize {
        self.surveys.iter().map(|(_, fields)| fields.len()).sum()
    }

    /// True when nothing is memoized.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The stored row of `spec` when it fits the field (one in-range report
    /// per value); a row that does not fit (the field's values changed) is
    /// ignored and drawn again.
    fn row(&self, survey: &str, spec: &FieldSpec) -> Option<&[u16]> {
        let k = spec.k();
        self.reports(survey, &spec.name)
            .filter(|r| r.len() == k && r.iter().all(|&i| usize::from(i) < k))
    }
}

/// One independent randomized report per value of `spec`.
fn draw_row(spec: &FieldSpec, rng: &mut dyn RandomSource) -> Vec<u16> {
    let k = spec.k();
    (0..k)
        .map(|t| randomize_index(t, k, spec.epsilon, rng) as u16)
        .collect()
}

/// The reported value of every field of `schema` for the true values
/// `truth` (field → value, as [`bucketize`](super::bucketize) gives them):
/// the memoized report where the memo has the field, otherwise a row drawn
/// now for every value of the field and added to the returned memo.
///
/// A true value outside the field's values is [`RecordError::OutOfRange`];
/// a field missing from `truth` is [`RecordError::MissingField`].
pub fn memoized_reports(
    schema: &RecordSchema,
    truth: &Map<String, String>,
    memo: &RrMemo,
    rng: &mut dyn RandomSource,
) -> Result<(Map<String, String>, RrMemo), RecordError> {
    let mut updated = memo.clone();
    updated.v = MEMO_VERSION;
    let mut reports = Map::new();
    for spec in &schema.fields {
        let value = truth
            .get(&spec.name)
            .ok_or_else(|| RecordError::MissingField(format!("fields[\"{}\"]", spec.name)))?;
        let t = spec
            .index_of(value)
            .ok_or_else(|| RecordError::OutOfRange {
                field: spec.name.clone(),
                value: value.clone(),
            })?;
        let row = match memo.row(&schema.survey, spec) {
            Some(row) => row.to_vec(),
            None => {
                let row = draw_row(spec, rng);
                *slot(slot(&mut updated.surveys, &schema.survey), &spec.name) = row.clone();
                row
            }
        };
        let reported = usize::from(row[t]);
        reports.insert(spec.name.clone(), spec.values[reported].clone());
    }
    Ok((reports, updated))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymize::{FieldSource, SeededRandom};

    fn schema(k: usize, epsilon: f64) -> RecordSchema {
        RecordSchema {
            survey: "t@1".into(),
            fields: vec![FieldSpec {
                name: "f".into(),
                values: (0..k).map(|i| format!("v{i}")).collect(),
                epsilon,
                source: FieldSource::Choice {
                    question: "f".into(),
                },
            }],
            cross_tabs: vec![],
        }
    }

    fn truth(v: &str) -> Map<String, String> {
        Map::from([("f".to_owned(), v.to_owned())])
    }

    #[test]
    fn a_row_is_drawn_once_for_every_value_and_then_reused() {
        let s = schema(4, 1.0);
        let mut rng = SeededRandom::new(5);
        let (r1, memo) = memoized_reports(&s, &truth("v2"), &RrMemo::new(), &mut rng).unwrap();
        let row = memo.reports("t@1", "f").unwrap().to_vec();
        assert_eq!(row.len(), 4);
        assert_eq!(r1["f"], format!("v{}", row[2]));
        // A changed answer uses the row drawn for it, and draws nothing new.
        let (r2, memo2) = memoized_reports(&s, &truth("v0"), &memo, &mut rng).unwrap();
        assert_eq!(r2["f"], format!("v{}", row[0]));
        assert_eq!(memo2, memo);
    }

    #[test]
    fn rows_that_no_longer_fit_the_field_are_drawn_again() {
        let s = schema(3, 2.0);
        let mut memo = RrMemo::new();
        *slot(slot(&mut memo.surveys, "t@1"), "f") = vec![0, 1, 7]; // 7 is out of range
        let (_, updated) =
            memoized_reports(&s, &truth("v1"), &memo, &mut SeededRandom::new(1)).unwrap();
        let row = updated.reports("t@1", "f").unwrap();
        assert!(row.len() == 3 && row.iter().all(|&i| i < 3), "{row:?}");
    }

    #[test]
    fn each_value_is_reported_at_the_randomized_response_rates() {
        // Over many devices (fresh memos), the memoized report of a value
        // keeps it with p and reports each other value with q.
        let (k, eps) = (4, 1.0);
        let s = schema(k, eps);
        let (p, _) = crate::anonymize::rr_probabilities(k, eps);
        let mut rng = SeededRandom::new(42);
        let n = 40_000;
        let mut kept = 0;
        for _ in 0..n {
            let (r, _) = memoized_reports(&s, &truth("v3"), &RrMemo::new(), &mut rng).unwrap();
            kept += usize::from(r["f"] == "v3");
        }
        let sd = (p * (1.0 - p) / n as f64).sqrt();
        let rate = kept as f64 / n as f64;
        assert!((rate - p).abs() < 4.0 * sd, "kept {rate}, p {p}");
    }

    #[test]
    fn bad_truth_and_bad_json_are_errors() {
        let s = schema(2, 2.0);
        let mut rng = SeededRandom::new(1);
        let e = memoized_reports(&s, &truth("zz"), &RrMemo::new(), &mut rng).unwrap_err();
        assert_eq!(e.code(), "out_of_range");
        let e = memoized_reports(&s, &Map::new(), &RrMemo::new(), &mut rng).unwrap_err();
        assert_eq!(e.code(), "missing_field");
        assert!(RrMemo::from_json("{").is_err());
        assert!(RrMemo::from_json(r#"{"v":2,"surveys":{}}"#).is_err());
        assert!(RrMemo::from_json(r#"{"v":1,"surveys":{},"x":1}"#).is_err());
        assert!(RrMemo::from_json(r#"{"v":1,"surveys":{"s@1":{"f":[0,70000]}}}"#).is_err());
        assert!(RrMemo::from_json(r#"{"v":1,"surveys":{"s@1":{"f":"0"}}}"#).is_err());
        let (_, memo) = memoized_reports(&s, &truth("v1"), &RrMemo::new(), &mut rng).unwrap();
        assert_eq!(RrMemo::from_json(&memo.to_json()).unwrap(), memo);
    }
}
