//! How a record is built on the device: pre-check inputs and survey answers
//! are bucketed into the schema's fields, every field is perturbed by k-ary
//! randomized response (fresh, or reusing the device's memoized reports, see
//! [`memo`](super::memo)), and a random UUID and the ISO week are attached.
//! Nothing else leaves: no free text, no exact amount, no names, no dates.

use crate::json::{Json as Value, Map};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::buckets::{self, NONE};
use super::error::{RECORD_VERSION, RecordError};
use super::iso_week::IsoWeek;
use super::memo::{RrMemo, memoized_reports};
use super::randomized_response::{RandomSource, randomize_index};
use super::record::FeedbackRecord;
use super::schema::{FieldSource, PrecheckItem, RecordSchema, is_partner_id};
use super::uuid::uuid_v4;

/// The pre-check facts a record is bucketed from. Only these are read; the
/// rest of the profile and the result never reach the anonymizer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PrecheckInputs {
    /// Outcome of each product; empty when the pre-check was not run.
    #[serde(default)]
    pub outcomes: Vec<String>,
    /// Annual revenue in CNY (a decimal string in JSON).
    #[serde(default)]
    pub annual_revenue: Option<Decimal>,
    /// Profile industry id (`software`, `industry`, …).
    #[serde(default)]
    pub industry: Option<String>,
    /// GB/T 2260 province code (`"44"`).
    #[serde(default)]
    pub province: Option<String>,
    /// Size class from the result (`micro`, `small`, `medium`, `large`).
    #[serde(default)]
    pub size_class: Option<String>,
}

impl PrecheckInputs {
    /// Extracts the facts from a profile JSON object and a pre-check result
    /// JSON object (either may be absent). Unrelated keys are ignored; a key
    /// of the wrong type is an error naming it.
    pub fn from_values(
        profile: Option<&Value>,
        result: Option<&Value>,
    ) -> Result<PrecheckInputs, RecordError> {
        let bad = |input: &str, message: &str| RecordError::BadInput {
            input: input.into(),
            message: message.into(),
        };
        let string_at =
            |obj: Option<&Value>, key: &str, path: &str| -> Result<Option<String>, RecordError> {
                match obj.and_then(|o| o.get(key)) {
                    None | Some(Value::Null) => Ok(None),
                    Some(Value::String(s)) => Ok(Some(s.clone())),
                    Some(_) => Err(bad(path, "must be a string")),
                }
            };
        let mut out = PrecheckInputs::default();
        if let Some(p) = profile {
            if !p.is_object() {
                return Err(bad("profile", "must be a JSON object"));
            }
            if let Some(rev) = string_at(profile, "annualRevenue", "profile.annualRevenue")? {
                let d = Decimal::from_str_exact(rev.trim())
                    .map_err(|_| bad("profile.annualRevenue", "must be a decimal string"))?;
                out.annual_revenue = Some(d);
            }
            out.industry = string_at(profile, "industry", "profile.industry")?;
            out.province = string_at(profile, "province", "profile.province")?;
        }
        if let Some(r) = result {
            if !r.is_object() {
                return Err(bad("result", "must be a JSON object"));
            }
            out.size_class = string_at(result, "sizeClass", "result.sizeClass")?;
            match r.get("products") {
                None | Some(Value::Null) => {}
                Some(Value::Array(products)) => {
                    for (i, p) in products.iter().enumerate() {
                        match p.get("outcome") {
                            Some(Value::String(o)) => out.outcomes.push(o.clone()),
                            _ => {
                                return Err(bad(
                                    &format!("result.products[{i}].outcome"),
                                    "must be a string",
                                ));
                            }
                        }
                    }
                }
                Some(_) => return Err(bad("result.products", "must be an array")),
            }
        }
        Ok(out)
    }

    /// [`from_values`](Self::from_values) over JSON texts.
    pub fn from_json(
        profile: Option<&str>,
        result: Option<&str>,
    ) -> Result<PrecheckInputs, RecordError> {
        let parse = |name: &str, s: &str| {
            crate::json::parse(s).map_err(|e| RecordError::BadInput {
                input: name.into(),
                message: e.to_string(),
            })
        };
        let p = profile.map(|s| parse("profile", s)).transpose()?;
        let r = result.map(|s| parse("result", s)).transpose()?;
        Self::from_values(p.as_ref(), r.as_ref())
    }
}

/// The true (not yet randomized) value of every schema field: what the
/// record would say with no noise. An answer of the wrong type or outside the
/// question's options is an error naming the question.
pub fn bucketize(
    schema: &RecordSchema,
    precheck: &PrecheckInputs,
    answers: &Value,
) -> Result<Map<String, String>, RecordError> {
    let empty = Map::new();
    let answers = match answers {
        Value::Object(m) => m,
        Value::Null => &empty,
        _ => {
            return Err(RecordError::BadInput {
                input: "answers".into(),
                message: "must be a JSON object".into(),
            });
        }
    };
    let mut out = Map::new();
    for spec in &schema.fields {
        let value = true_value(&spec.source, &spec.values, precheck, answers)?;
        if spec.index_of(&value).is_none() {
            let input = match &spec.source {
                FieldSource::Precheck { .. } => spec.name.clone(),
                FieldSource::Choice { question }
                | FieldSource::Option { question, .. }
                | FieldSource::TopRanked { question }
                | FieldSource::YesNo { question }
                | FieldSource::Rating { question }
                | FieldSource::Bucket { question, .. } => question.clone(),
            };
            return Err(RecordError::BadInput {
                input,
                message: format!("`{value}` is not one of the options"),
            });
        }
        out.insert(spec.name.clone(), value);
    }
    Ok(out)
}

/// The true value of one field with these `values`: a missing answer takes
/// the last value, bucket `i` of an amount or revenue the `i`-th.
fn true_value(
    source: &FieldSource,
    values: &[String],
    pre: &PrecheckInputs,
    answers: &Map,
) -> Result<String, RecordError> {
    let unanswered = values.last().map_or(NONE, String::as_str);
    let nth = |i: usize, input: &str| {
        values.get(i).cloned().ok_or_else(|| RecordError::BadInput {
            input: input.into(),
            message: format!("the schema has no value for bucket {i}"),
        })
    };
    let answer = |q: &str| answers.get(q).filter(|v| !v.is_null());
    let bad = |q: &str, m: &str| RecordError::BadInput {
        input: q.into(),
        message: m.into(),
    };
    Ok(match source {
        FieldSource::Choice { question } => match answer(question) {
            None => unanswered.into(),
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err(bad(question, "must be an option id")),
        },
        FieldSource::Option { question, option } => match answer(question) {
            None => "no".into(),
            Some(Value::Array(items)) => {
                if items.iter().any(|v| !v.is_string()) {
                    return Err(bad(question, "must be a list of option ids"));
                }
                if items.iter().any(|v| v.as_str() == Some(option)) {
                    "yes"
                } else {
                    "no"
                }
                .into()
            }
            Some(_) => return Err(bad(question, "must be a list of option ids")),
        },
        FieldSource::TopRanked { question } => match answer(question) {
            None => unanswered.into(),
            Some(Value::Array(items)) => match items.first() {
                None => unanswered.into(),
                Some(Value::String(s)) => s.clone(),
                Some(_) => return Err(bad(question, "must be a list of option ids")),
            },
            Some(_) => return Err(bad(question, "must be a list of option ids")),
        },
        FieldSource::YesNo { question } => match answer(question) {
            None => unanswered.into(),
            Some(Value::Bool(b)) => if *b { "yes" } else { "no" }.into(),
            Some(_) => return Err(bad(question, "must be true or false")),
        },
        FieldSource::Rating { question } => match answer(question) {
            None => unanswered.into(),
            Some(Value::Number(n)) if n.is_i64() => n.to_string(),
            Some(Value::String(t)) if t.trim().parse::<i64>().is_ok() => t.trim().to_owned(),
            Some(_) => return Err(bad(question, "must be an integer")),
        },
        FieldSource::Bucket { question, edges } => match answer(question) {
            None => unanswered.into(),
            Some(Value::String(s)) if s.trim().is_empty() => unanswered.into(),
            Some(v @ (Value::String(_) | Value::Number(_))) => {
                // The survey engine accepts a JSON number too; parse its text.
                let text = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let v = crate::survey::parse_decimal(&text)
                    .ok_or_else(|| bad(question, "must be a decimal string"))?;
                nth(buckets::bucket_index(v, edges), question)?
            }
            Some(_) => return Err(bad(question, "must be a decimal string")),
        },
        FieldSource::Precheck { item } => match item {
            PrecheckItem::OutcomeClass => buckets::best_outcome(&pre.outcomes)
                .map_err(|m| bad("result.products", &m))?
                .into(),
            PrecheckItem::RevenueBand => match pre.annual_revenue {
                None => NONE.into(),
                Some(v) => nth(
                    buckets::bucket_index(v, buckets::revenue_edges()),
                    "annualRevenue",
                )?,
            },
            PrecheckItem::IndustryGroup => pre
                .industry
                .as_deref()
                .map_or(NONE, buckets::industry_group)
                .into(),
            PrecheckItem::RegionGroup => match pre.province.as_deref() {
                None => NONE.into(),
                Some(code) => buckets::region_group(code)
                    .ok_or_else(|| {
                        bad(
                            "profile.province",
                            &format!("`{code}` is not a GB/T 2260 province code"),
                        )
                    })?
                    .into(),
            },
            PrecheckItem::SizeClass => match pre.size_class.as_deref() {
                None => NONE.into(),
                Some(s) if buckets::SIZE_CLASSES.contains(&s) => s.into(),
                Some(s) => {
                    return Err(bad(
                        "result.sizeClass",
                        &format!("unknown size class `{s}`"),
                    ));
                }
            },
        },
    })
}

/// Builds the record to send: [`bucketize`], then k-ary randomized response
/// drawn afresh on every field with the field's ε, a random UUID v4 and the
/// ISO week. The browser uses [`build_record_memoized`] instead, so that a
/// repeated answer repeats its report.
pub fn build_record(
    schema: &RecordSchema,
    precheck: &PrecheckInputs,
    answers: &Value,
    partner: &str,
    week: IsoWeek,
    rng: &mut dyn RandomSource,
) -> Result<FeedbackRecord, RecordError> {
    if !is_partner_id(partner) {
        return Err(RecordError::BadPartner(partner.into()));
    }
    let truth = bucketize(schema, precheck, answers)?;
    let mut fields = Map::new();
    for spec in &schema.fields {
        let t = spec.index_of(&truth[&spec.name]).unwrap_or_default();
        let reported = randomize_index(t, spec.k(), spec.epsilon, rng);
        fields.insert(spec.name.clone(), spec.values[reported].clone());
    }
    Ok(seal(schema, fields, partner, week, rng))
}

/// [`build_record`] with permanent randomized response: each field reports
/// the device's memoized report of its true value (see [`memo`](super::memo)).
/// Returns the record and the memo to store; only the record id is new on
/// every call.
pub fn build_record_memoized(
    schema: &RecordSchema,
    precheck: &PrecheckInputs,
    answers: &Value,
    partner: &str,
    week: IsoWeek,
    memo: &RrMemo,
    rng: &mut dyn RandomSource,
) -> Result<(FeedbackRecord, RrMemo), RecordError> {
    if !is_partner_id(partner) {
        return Err(RecordError::BadPartner(partner.into()));
    }
    let truth = bucketize(schema, precheck, answers)?;
    let (fields, memo) = memoized_reports(schema, &truth, memo, rng)?;
    Ok((seal(schema, fields, partner, week, rng), memo))
}

/// The record around randomized `fields`: a new UUID, the week, the partner.
fn seal(
    schema: &RecordSchema,
    fields: Map<String, String>,
    partner: &str,
    week: IsoWeek,
    rng: &mut dyn RandomSource,
) -> FeedbackRecord {
    FeedbackRecord {
        v: RECORD_VERSION,
        id: uuid_v4(rng),
        week: week.to_string(),
        partner: partner.into(),
        survey: schema.survey.clone(),
        fields,
    }
}
