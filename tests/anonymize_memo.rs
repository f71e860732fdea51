//! Permanent randomized response and the weekly rule, end to end in the
//! core: the default survey's record built over and over from one answer set
//! on one device (one memo) repeats every field's report; a changed answer
//! changes only that field's report, to the one drawn once for the new value;
//! the same resubmissions without the memo would average the noise away.

use std::collections::{BTreeMap, BTreeSet};

use sme_precheck::json::Json as Value;

/// `serde_json::json!` as the core's JSON value.
macro_rules! json {
    ($($t:tt)+) => {
        sme_precheck::json::Json::from(serde_json::json!($($t)+))
    };
}
use sme_precheck::anonymize::*;

fn answers() -> Value {
    json!({
        "stage": "growth", "industry": "ai", "needFinancing": true, "amount": "2000000",
        "term": "y1_3", "purpose": "rd", "urgency": "m1_3",
        "products": ["jingying_kuaidai", "tax_loan"], "enablement": ["policy_briefing"],
        "channels": ["online"], "satisfaction": 4
    })
}

fn inputs() -> PrecheckInputs {
    PrecheckInputs {
        outcomes: vec!["pre_qualified".into(), "needs_collateral".into()],
        annual_revenue: Some("8000000".parse().unwrap()),
        industry: Some("software".into()),
        province: Some("44".into()),
        size_class: Some("small".into()),
    }
}

fn week() -> IsoWeek {
    IsoWeek::from_date(2026, 11, 27).unwrap()
}

/// One record of `schema` for `answers` on a device with `memo`, and the memo after it.
fn build(
    rng: &mut SeededRandom,
    schema: &RecordSchema,
    answers: &Value,
    memo: &RrMemo,
) -> (FeedbackRecord, RrMemo) {
    build_record_memoized(schema, &inputs(), answers, "bank-site", week(), memo, rng).unwrap()
}

/// Distinct reported values per field over `records`.
fn distinct(records: &[FeedbackRecord]) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in records {
        for (k, v) in &r.fields {
            out.entry(k.clone()).or_default().insert(v.clone());
        }
    }
    out
}

#[test]
fn fifty_resubmissions_yield_one_distinct_report_per_field() {
    let schema = RecordSchema::default_schema();
    let mut rng = SeededRandom::new(2026);
    let mut memo = RrMemo::new();
    let mut records = Vec::new();
    for _ in 0..50 {
        let (record, updated) = build(&mut rng, &schema, &answers(), &memo);
        schema.validate(&record).unwrap();
        memo = updated;
        records.push(record);
    }
    let per_field = distinct(&records);
    assert_eq!(per_field.len(), schema.fields.len());
    for (field, values) in &per_field {
        assert_eq!(values.len(), 1, "{field} reported {values:?}");
    }
    let ids: BTreeSet<&str> = records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), 50, "every record has its own id");
    // The memo survives storage as text.
    assert_eq!(RrMemo::from_json(&memo.to_json()).unwrap(), memo);
    assert_eq!(memo.len(), schema.fields.len());
}

#[test]
fn without_the_memo_the_same_resubmissions_would_average_out() {
    // The property the memo protects: fresh draws disagree across sends, and
    // their majority recovers the true value.
    let schema = RecordSchema::default_schema();
    let mut rng = SeededRandom::new(2026);
    let records: Vec<FeedbackRecord> = (0..50)
        .map(|_| {
            build_record(
                &schema,
                &inputs(),
                &answers(),
                "bank-site",
                week(),
                &mut rng,
            )
            .unwrap()
        })
        .collect();
    let per_field = distinct(&records);
    let varying = per_field.values().filter(|v| v.len() > 1).count();
    assert!(
        varying * 2 > schema.fields.len(),
        "only {varying} fields varied"
    );
    let truth = bucketize(&schema, &inputs(), &answers()).unwrap();
    let majority_right = schema
        .fields
        .iter()
        .filter(|f| {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for r in &records {
                *counts.entry(r.fields[&f.name].as_str()).or_default() += 1;
            }
            counts.iter().max_by_key(|(_, n)| **n).map(|(v, _)| *v) == Some(truth[&f.name].as_str())
        })
        .count();
    assert!(
        majority_right * 10 >= schema.fields.len() * 9,
        "{majority_right}"
    );
}

#[test]
fn a_changed_answer_changes_only_its_field_to_the_report_drawn_for_it() {
    let schema = RecordSchema::default_schema();
    let mut rng = SeededRandom::new(7);
    let (first, memo) = build(&mut rng, &schema, &answers(), &RrMemo::new());
    let mut changed = answers();
    changed["stage"] = json!("mature");
    let (second, memo2) = build(&mut rng, &schema, &changed, &memo);
    assert_eq!(
        memo2, memo,
        "nothing new is drawn: every value's report exists"
    );
    let stage = schema.field("stage").unwrap();
    let row = memo.reports(&schema.survey, "stage").unwrap();
    let mature = stage.index_of("mature").unwrap();
    assert_eq!(
        second.fields["stage"],
        stage.values[usize::from(row[mature])]
    );
    for (k, v) in &first.fields {
        if k != "stage" {
            assert_eq!(&second.fields[k], v, "{k}");
        }
    }
    // Back to the first answer: the first report again.
    let (third, _) = build(&mut rng, &schema, &answers(), &memo2);
    assert_eq!(third.fields, first.fields);
}

#[test]
fn another_survey_version_draws_its_own_reports() {
    let schema = RecordSchema::default_schema();
    let mut other = schema.clone();
    other.survey = "default@99".into();
    let mut rng = SeededRandom::new(3);
    let (_, memo) = build(&mut rng, &schema, &answers(), &RrMemo::new());
    let (_, memo2) = build(&mut rng, &other, &answers(), &memo);
    assert_eq!(memo2.len(), 2 * schema.fields.len());
    assert!(memo2.reports("default@99", "stage").is_some());
}

#[test]
fn memoized_reports_keep_every_field_at_its_rates_across_devices() {
    // Each device's memo is an independent randomized response per value:
    // across 6,000 devices a yes/no field keeps the truth at rate p (4σ).
    let schema = RecordSchema::default_schema();
    let spec = schema.field("needFinancing").unwrap();
    let (p, _) = rr_probabilities(spec.k(), spec.epsilon);
    let mut rng = SeededRandom::new(11);
    let n = 6_000;
    let kept = (0..n)
        .filter(|_| {
            let (r, _) = build(&mut rng, &schema, &answers(), &RrMemo::new());
            r.fields["needFinancing"] == "yes"
        })
        .count();
    let rate = kept as f64 / n as f64;
    let sd = (p * (1.0 - p) / n as f64).sqrt();
    assert!((rate - p).abs() < 4.0 * sd, "rate {rate}, p {p}");
}
