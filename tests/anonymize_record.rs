//! Feedback records end to end in the core: fixtures under
//! `tests/fixtures/records/` are rebuilt from their inputs (pre-check through
//! the real `evaluate_json`, answers checked by the real survey engine) and
//! must match the stored records byte for byte (`UPDATE_FIXTURES=1`
//! rewrites them, the bad-record table `cases.json` and
//! `docs/record.schema.json`); every stored record validates against the default
//! schema; the bad-record table gives distinct errors and the HTTP status of
//! each; sentinels from the inputs never reach a record.

use std::fs;
use std::path::{Path, PathBuf};

use sme_precheck::json::Json as Value;

/// `serde_json::json!` as the core's JSON value.
macro_rules! json {
    ($($t:tt)+) => {
        sme_precheck::json::Json::from(serde_json::json!($($t)+))
    };
}
use sme_precheck::anonymize::*;
use sme_precheck::i18n::Lang;
use sme_precheck::precheck::evaluate_json;
use sme_precheck::survey::{Survey, run_value};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/records")
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Profile keys a visitor may type that the pre-check itself does not take.
const IDENTITY_KEYS: [&str; 5] = [
    "companyName",
    "creditCode",
    "phone",
    "contactName",
    "address",
];

struct Built {
    name: String,
    input: Value,
    record: FeedbackRecord,
    truth: sme_precheck::json::Map<String, String>,
}

fn build_from_input(path: &Path) -> Built {
    let input = read_json(path);
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    let profile: Option<Value> = match (
        &input.get("profile"),
        input.get("profileCase").and_then(Value::as_str),
    ) {
        (Some(p), _) => Some((*p).clone()),
        (None, Some(case)) => Some(read_json(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("tests/fixtures/precheck/cases/{case}.profile.json")),
        )),
        (None, None) => None,
    };
    let result: Option<Value> = profile.as_ref().map(|p| {
        let mut for_precheck = p.clone();
        for k in IDENTITY_KEYS {
            for_precheck.as_object_mut().unwrap().remove(k);
        }
        let text = evaluate_json(&for_precheck.to_string(), None, Lang::En)
            .unwrap_or_else(|e| panic!("{name}: pre-check refused the profile: {e}"));
        serde_json::from_str(&text).unwrap()
    });
    let answers = input["answers"].clone();
    let survey = Survey::default_survey();
    let run = run_value(&survey, &answers, Lang::En).unwrap_or_else(|e| panic!("{name}: {e}"));
    let invalid: Vec<_> = run
        .errors
        .iter()
        .filter(|e| answers.get(&e.question).is_some())
        .collect();
    assert!(
        invalid.is_empty(),
        "{name}: the survey engine refuses answers: {invalid:?}"
    );

    let schema = RecordSchema::default_schema();
    let inputs = PrecheckInputs::from_values(profile.as_ref(), result.as_ref()).unwrap();
    let date = input["date"].as_str().unwrap();
    let (y, m, d) = (
        date[..4].parse().unwrap(),
        date[5..7].parse().unwrap(),
        date[8..].parse().unwrap(),
    );
    let week = IsoWeek::from_date(y, m, d).unwrap();
    let mut rng = SeededRandom::new(input["seed"].as_u64().unwrap());
    let partner = input["partner"].as_str().unwrap();
    let record = build_record(&schema, &inputs, &answers, partner, week, &mut rng).unwrap();
    let truth = bucketize(&schema, &inputs, &answers).unwrap();
    Built {
        name,
        input,
        record,
        truth,
    }
}

fn inputs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir().join("inputs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    assert!(v.len() >= 4);
    v
}

#[test]
fn fixtures_are_rebuilt_exactly_and_validate() {
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let schema = RecordSchema::default_schema();
    for path in inputs() {
        let b = build_from_input(&path);
        schema
            .validate(&b.record)
            .unwrap_or_else(|e| panic!("{}: {e}", b.name));
        let out = dir().join("valid").join(format!("{}.json", b.name));
        let text = serde_json::to_string_pretty(&b.record).unwrap() + "\n";
        if update {
            fs::create_dir_all(out.parent().unwrap()).unwrap();
            fs::write(&out, &text).unwrap();
        }
        let stored = fs::read_to_string(&out)
            .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_FIXTURES=1)", out.display()));
        assert_eq!(
            stored, text,
            "{}: rebuilt record differs (UPDATE_FIXTURES=1 rewrites)",
            b.name
        );
    }
}

#[test]
fn every_stored_record_validates_and_round_trips() {
    let schema = RecordSchema::default_schema();
    let mut n = 0;
    for entry in fs::read_dir(dir().join("valid")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let record =
            FeedbackRecord::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        schema
            .validate(&record)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            FeedbackRecord::from_json(&record.to_json()).unwrap(),
            record
        );
        assert_eq!(record.fields.len(), schema.fields.len());
        n += 1;
    }
    assert!(n >= 4);
}

#[test]
fn true_values_follow_the_inputs() {
    let full = build_from_input(&dir().join("inputs/full_growth_software.json"));
    let t = &full.truth;
    let expected = [
        ("stage", "growth"),
        ("sector", "ai"),
        ("needFinancing", "yes"),
        ("amountBand", "1m_3m"),
        ("term", "y1_3"),
        ("interest.jingying_kuaidai", "yes"),
        ("interest.wangdaitong", "no"),
        ("interest.tax_loan", "yes"),
        ("need.investment_matching", "yes"),
        ("need.policy_briefing", "no"),
        ("channel.online", "yes"),
        ("satisfaction", "4"),
        ("revenueBand", "10m_20m"),
        ("industryGroup", "information_tech"),
        ("regionGroup", "east"),
    ];
    for (k, v) in expected {
        assert_eq!(t[k], v, "{k}");
    }
    assert!(
        ["micro", "small"].contains(&t["sizeClass"].as_str()),
        "{}",
        t["sizeClass"]
    );
    assert_ne!(t["outcomeClass"], "not_checked");

    let none = build_from_input(&dir().join("inputs/nothing_answered.json"));
    let schema = RecordSchema::default_schema();
    for f in &schema.fields {
        let want = match &f.source {
            FieldSource::Option { .. } => "no",
            _ => f.values.last().unwrap().as_str(),
        };
        assert_eq!(none.truth[&f.name], want, "{}", f.name);
    }
    assert_eq!(none.truth["outcomeClass"], "not_checked");
    assert_eq!(none.record.week, "2026-W53");
    let partner = build_from_input(&dir().join("inputs/survey_only_partner.json"));
    assert_eq!(partner.record.week, "2026-W53");
    assert_eq!(partner.record.partner, "vc-portal-1");
}

#[test]
fn sentinels_never_reach_the_record() {
    let b = build_from_input(&dir().join("inputs/sentinels.json"));
    let text = b.record.to_json();
    let pretty = serde_json::to_string_pretty(&b.record).unwrap();
    let sentinels: Vec<&str> = b.input["sentinels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(sentinels.len() >= 10);
    for s in &sentinels {
        assert!(
            !text.contains(s) && !pretty.contains(s),
            "record leaks `{s}`: {text}"
        );
    }
    // Nothing beyond the six keys, and each field value is a schema label.
    let v: Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["fields", "id", "partner", "survey", "v", "week"]);
    RecordSchema::default_schema().validate(&b.record).unwrap();
    // The exact revenue and amount only survive as bands.
    assert_eq!(b.truth["revenueBand"], "10m_20m");
    assert_eq!(b.truth["amountBand"], "10m_30m");
}

#[test]
fn outcome_class_of_every_precheck_case_is_its_best_outcome() {
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/precheck/cases");
    let schema = RecordSchema::default_schema();
    let mut n = 0;
    for entry in fs::read_dir(&cases).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".profile.json") else {
            continue;
        };
        let catalogue = cases.join(format!("{stem}.catalogue.json"));
        if catalogue.exists() {
            continue;
        }
        let profile = fs::read_to_string(&path).unwrap();
        let Ok(result) = evaluate_json(&profile, None, Lang::En) else {
            continue;
        };
        let inputs = PrecheckInputs::from_json(Some(&profile), Some(&result))
            .unwrap_or_else(|e| panic!("{stem}: {e}"));
        let truth =
            bucketize(&schema, &inputs, &json!({})).unwrap_or_else(|e| panic!("{stem}: {e}"));
        let r: Value = serde_json::from_str(&result).unwrap();
        let outcomes: Vec<&str> = r["products"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["outcome"].as_str().unwrap())
            .collect();
        let best = buckets::OUTCOME_CLASSES
            .iter()
            .find(|c| outcomes.contains(c))
            .unwrap();
        assert_eq!(&truth["outcomeClass"], best, "{stem}");
        assert_ne!(truth["regionGroup"], "none", "{stem}");
        assert_ne!(truth["sizeClass"], "none", "{stem}");
        n += 1;
    }
    assert!(n >= 10, "only {n} pre-check cases");
}

#[test]
fn every_profile_industry_has_a_group() {
    for id in [
        "agriculture",
        "industry",
        "construction",
        "wholesale",
        "retail",
        "transport",
        "warehousing",
        "postal",
        "accommodation",
        "catering",
        "information_transmission",
        "software",
        "real_estate",
        "property_management",
        "leasing_business_services",
    ] {
        // The id is one the pre-check accepts…
        serde_json::from_value::<sme_precheck::size_class::Industry>(serde_json::json!(id))
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        // …and it has a group of its own.
        assert_ne!(buckets::industry_group(id), "other", "{id}");
    }
    assert_eq!(buckets::industry_group("other"), "other");
}

/// The bad-record table, derived from the `full_growth_software` record so
/// that it follows the schema (`UPDATE_FIXTURES=1` rewrites `cases.json`).
fn generated_cases(base: &Value) -> Value {
    let with = |f: &dyn Fn(&mut Value)| {
        let mut r = base.clone();
        f(&mut r);
        r
    };
    let set = |k: &'static str, v: Value| move |r: &mut Value| r[k] = v.clone();
    let set_field = |k: &'static str, v: Value| move |r: &mut Value| r["fields"][k] = v.clone();
    let id = base["id"].as_str().unwrap().to_owned();
    let compact = base.to_string();
    let duplicate = format!(
        "{}, \"stage\": \"mature\"}}}}",
        &compact[..compact.len() - 2]
    );
    let mut cases = vec![
        ("valid", "a stored valid record", base.clone(), "ok", 202),
        (
            "not_json",
            "truncated JSON",
            json!("{\"v\":1,"),
            "malformed",
            400,
        ),
        (
            "not_object",
            "an array, not an object",
            json!("[1,2,3]"),
            "malformed",
            400,
        ),
        ("empty_body", "no body at all", json!(""), "malformed", 400),
        (
            "v_is_string",
            "wrong type of v",
            with(&set("v", json!("1"))),
            "malformed",
            400,
        ),
        (
            "fields_not_object",
            "fields must be an object",
            with(&set("fields", json!(["stage"]))),
            "malformed",
            400,
        ),
        (
            "field_value_number",
            "field values are strings",
            with(&set_field("satisfaction", json!(4))),
            "malformed",
            400,
        ),
        (
            "duplicate_field_key",
            "a field given twice",
            json!(duplicate),
            "malformed",
            400,
        ),
        (
            "version_2",
            "future record version",
            with(&set("v", json!(2))),
            "unsupported_version",
            422,
        ),
        (
            "unknown_survey",
            "a survey version the server does not know",
            with(&set("survey", json!("default@99"))),
            "unknown_survey",
            422,
        ),
        (
            "unknown_top_level_key",
            "extra key next to fields",
            with(&set("ip", json!("10.0.0.1"))),
            "unknown_field",
            422,
        ),
        (
            "unknown_field",
            "extra record field",
            with(&set_field("companyName", json!("x"))),
            "unknown_field",
            422,
        ),
        (
            "missing_top_level_key",
            "no week",
            with(&|r| {
                r.as_object_mut().unwrap().remove("week");
            }),
            "missing_field",
            422,
        ),
        (
            "missing_field",
            "a schema field absent",
            with(&|r| {
                r["fields"].as_object_mut().unwrap().remove("stage");
            }),
            "missing_field",
            422,
        ),
        (
            "out_of_range_value",
            "value outside the field's values",
            with(&set_field("stage", json!("teenage"))),
            "out_of_range",
            422,
        ),
        (
            "out_of_range_rating",
            "rating above the scale",
            with(&set_field("satisfaction", json!("6"))),
            "out_of_range",
            422,
        ),
        (
            "exact_amount",
            "an exact amount instead of a band",
            with(&set_field("amountBand", json!("2000000"))),
            "out_of_range",
            422,
        ),
        (
            "uppercase_uuid",
            "UUID not in canonical lowercase",
            with(&set("id", json!(id.to_uppercase()))),
            "bad_id",
            422,
        ),
        (
            "uuid_v1",
            "not a version 4 UUID",
            with(&set("id", json!("3f2b8c1e-5d4a-11ef-9a7e-1c2d3e4f5a6b"))),
            "bad_id",
            422,
        ),
        (
            "week_54",
            "no such week",
            with(&set("week", json!("2026-W54"))),
            "bad_week",
            422,
        ),
        (
            "week_53_short_year",
            "2025 has 52 weeks",
            with(&set("week", json!("2025-W53"))),
            "bad_week",
            422,
        ),
        (
            "date_not_week",
            "a date is finer than a week",
            with(&set("week", json!("2026-11-27"))),
            "bad_week",
            422,
        ),
        (
            "partner_with_space",
            "not a partner id",
            with(&set("partner", json!("bank site"))),
            "bad_partner",
            422,
        ),
        (
            "partner_empty",
            "empty partner id",
            with(&set("partner", json!(""))),
            "bad_partner",
            422,
        ),
    ];
    Value::Array(
        cases
            .drain(..)
            .map(|(name, note, body, code, status)| json!({"name": name, "note": note, "body": body, "code": code, "status": status}))
            .collect(),
    )
}

#[test]
fn bad_record_table_is_current() {
    let path = dir().join("cases.json");
    let base = read_json(&dir().join("valid/full_growth_software.json"));
    let text = serde_json::to_string_pretty(&generated_cases(&base)).unwrap() + "\n";
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        fs::write(&path, &text).unwrap();
    }
    let stored: Value = read_json(&path);
    let generated: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        stored, generated,
        "cases.json is stale: UPDATE_FIXTURES=1 rewrites it"
    );
}

fn valid_record() -> FeedbackRecord {
    FeedbackRecord::from_json(
        &fs::read_to_string(dir().join("valid/full_growth_software.json")).unwrap(),
    )
    .unwrap()
}

#[test]
fn bad_record_table_gives_distinct_errors_and_statuses() {
    let cases = read_json(&dir().join("cases.json"));
    let schema = RecordSchema::default_schema();
    let mut codes = std::collections::BTreeSet::new();
    for case in cases.as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let body = match &case["body"] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let outcome = FeedbackRecord::from_json(&body).and_then(|r| schema.validate(&r));
        let (code, status) = match &outcome {
            Ok(()) => ("ok", 202),
            Err(e) => (e.code(), e.status()),
        };
        assert_eq!(code, case["code"].as_str().unwrap(), "{name}: {outcome:?}");
        assert_eq!(
            u64::from(status),
            case["status"].as_u64().unwrap(),
            "{name}"
        );
        if let Err(e) = &outcome {
            assert!(!e.to_string().is_empty());
        }
        codes.insert(code.to_owned());
    }
    for c in [
        "ok",
        "malformed",
        "unsupported_version",
        "unknown_survey",
        "unknown_field",
        "missing_field",
        "out_of_range",
        "bad_id",
        "bad_week",
        "bad_partner",
    ] {
        assert!(codes.contains(c), "no case for {c}");
    }
}

#[test]
fn validate_names_the_offending_field() {
    let schema = RecordSchema::default_schema();
    let mut r = valid_record();
    r.fields.insert("stagee".into(), "growth".into());
    assert_eq!(
        schema.validate(&r),
        Err(RecordError::UnknownField("fields[\"stagee\"]".into()))
    );
    r.fields.remove("stage");
    // A misspelt field reads as unknown, not missing.
    assert_eq!(
        schema.validate(&r),
        Err(RecordError::UnknownField("fields[\"stagee\"]".into()))
    );
    r.fields.remove("stagee");
    assert_eq!(
        schema.validate(&r),
        Err(RecordError::MissingField("fields[\"stage\"]".into()))
    );
    let mut r = valid_record();
    r.fields.insert("satisfaction".into(), "6".into());
    let e = schema.validate(&r).unwrap_err();
    assert_eq!(
        e,
        RecordError::OutOfRange {
            field: "satisfaction".into(),
            value: "6".into()
        }
    );
    assert!(e.to_string().contains("satisfaction"));
}

#[test]
fn build_refuses_bad_answers_naming_the_question() {
    let schema = RecordSchema::default_schema();
    let week = IsoWeek::from_date(2026, 11, 27).unwrap();
    let mut rng = SeededRandom::new(9);
    let none = PrecheckInputs::default();
    let cases = [
        (json!({"stage": "teenage"}), "stage"),
        (json!({"stage": 3}), "stage"),
        (json!({"products": "tax_loan"}), "products"),
        (json!({"products": [1]}), "products"),
        (json!({"needFinancing": "yes"}), "needFinancing"),
        (json!({"satisfaction": 9}), "satisfaction"),
        (json!({"satisfaction": 2.5}), "satisfaction"),
        (json!({"amount": "two million"}), "amount"),
        (json!([]), "answers"),
    ];
    for (answers, question) in cases {
        match build_record(&schema, &none, &answers, "bank-site", week, &mut rng) {
            Err(RecordError::BadInput { input, .. }) => assert_eq!(input, question, "{answers}"),
            other => panic!("{answers}: {other:?}"),
        }
    }
    assert!(matches!(
        build_record(&schema, &none, &json!({}), "bank site", week, &mut rng),
        Err(RecordError::BadPartner(_))
    ));
    let bad_province = PrecheckInputs {
        province: Some("99".into()),
        ..Default::default()
    };
    let e = build_record(
        &schema,
        &bad_province,
        &json!({}),
        "bank-site",
        week,
        &mut rng,
    )
    .unwrap_err();
    assert!(e.to_string().contains("province"), "{e}");
    let e = PrecheckInputs::from_json(Some(r#"{"annualRevenue": 1000}"#), None).unwrap_err();
    assert!(e.to_string().contains("annualRevenue"), "{e}");
    // Amounts typed as JSON numbers and ratings as integer strings are accepted.
    let ok = json!({"amount": 750000, "satisfaction": "3"});
    let t = bucketize(&schema, &none, &ok).unwrap();
    assert_eq!(
        (t["amountBand"].as_str(), t["satisfaction"].as_str()),
        ("500k_1m", "3")
    );
}

#[test]
fn schema_derivation_follows_privacy_settings() {
    let schema = RecordSchema::default_schema();
    assert_eq!(schema.survey, "default@2");
    schema.check().unwrap();
    let survey = Survey::default_survey();
    // Text and never-sent questions are absent.
    assert!(schema.field("comment").is_none());
    for q in survey.questions() {
        if q.privacy.randomized().is_none() {
            assert!(
                schema.fields.iter().all(|f| !f.name.starts_with(&q.id)),
                "{}",
                q.id
            );
        }
    }
    // Multiple choice: one yes/no field per option.
    let interest: Vec<&FieldSpec> = schema
        .fields
        .iter()
        .filter(|f| f.name.starts_with("interest."))
        .collect();
    assert_eq!(interest.len(), 7);
    assert!(interest.iter().all(|f| f.values == ["yes", "no"]));
    // Single choice: options + none; amount: buckets + none; rating: scale + none.
    assert_eq!(
        schema.field("stage").unwrap().values,
        ["startup", "growth", "mature", "none"]
    );
    assert_eq!(schema.field("amountBand").unwrap().k(), 8);
    assert_eq!(
        schema.field("satisfaction").unwrap().values,
        ["1", "2", "3", "4", "5", "none"]
    );
    for f in [
        "outcomeClass",
        "revenueBand",
        "industryGroup",
        "regionGroup",
        "sizeClass",
    ] {
        assert!(schema.field(f).is_some(), "{f}");
    }
    assert!(
        schema
            .cross_tabs
            .contains(&("stage".into(), "amountBand".into()))
    );
    assert!(
        schema
            .cross_tabs
            .contains(&("industryGroup".into(), "outcomeClass".into()))
    );
    // ε 2 everywhere but the 21-value sector field (ε 3, set in the survey).
    for f in &schema.fields {
        let want = if f.name == "sector" { 3.0 } else { 2.0 };
        assert_eq!(f.epsilon, want, "{}", f.name);
    }
    assert_eq!(schema.field("sector").unwrap().k(), 21);
    // The questions a bank acts on: collateral (IP pledge included),
    // qualifications, what to improve first, satisfaction per aspect.
    for f in [
        "collateral.ip_pledge",
        "qualification.little_giant",
        "improve.speed",
        "satOnline",
        "rateCap",
        "repayment",
        "refusal.no_collateral",
        "pain.cost_high",
        "service.cross_border",
        "fundingRound",
    ] {
        assert!(schema.field(f).is_some(), "{f}");
    }
    // Serializes and re-loads.
    let text = serde_json::to_string(&schema).unwrap();
    assert_eq!(RecordSchema::from_json(&text).unwrap(), schema);
}

#[test]
fn custom_survey_with_clashes_and_options_named_none() {
    let survey = Survey::from_json(
        r#"{"id":"park","version":3,"title":{"en":"Park"},"pages":[{"id":"p","title":{"en":"P"},"questions":[
          {"id":"q1","type":"single","text":{"en":"Q1"},"options":[{"id":"a","text":{"en":"A"}},{"id":"none","text":{"en":"None"}}],
           "privacy":{"field":"choice","epsilon":1.5}},
          {"id":"q2","type":"ranking","text":{"en":"Q2"},"options":[{"id":"x","text":{"en":"X"}},{"id":"y","text":{"en":"Y"}}],
           "privacy":{}},
          {"id":"q3","type":"number","text":{"en":"Q3"},"privacy":{"field":"staffBand","buckets":["10","50"]}},
          {"id":"q4","type":"number","text":{"en":"Q4"},"privacy":"never-sent"},
          {"id":"q5","type":"yesno","text":{"en":"Q5"},"privacy":{"field":"outcomeClass"}}
        ]}]}"#,
    )
    .unwrap();
    let schema = RecordSchema::for_survey(&survey);
    assert_eq!(schema.survey, "park@3");
    assert_eq!(
        schema.field("choice").unwrap().values,
        ["a", "none", "unanswered"]
    );
    assert_eq!(schema.field("choice").unwrap().epsilon, 1.5);
    assert_eq!(schema.field("q2").unwrap().values, ["x", "y", "none"]);
    assert_eq!(
        schema.field("staffBand").unwrap().values,
        ["lt_10", "10_50", "ge_50", "none"]
    );
    assert!(
        schema.field("q4").is_none(),
        "number without buckets is never sent"
    );
    // The question claiming `outcomeClass` wins; the pre-check field is left out.
    assert_eq!(
        schema.field("outcomeClass").unwrap().values,
        ["yes", "no", "none"]
    );
    assert_eq!(
        schema
            .fields
            .iter()
            .filter(|f| f.name == "outcomeClass")
            .count(),
        1
    );
    assert!(
        !schema
            .cross_tabs
            .iter()
            .any(|(a, b)| a == "outcomeClass" || b == "outcomeClass")
    );
    schema.check().unwrap();
    let err = RecordSchema::try_for_survey(&survey).unwrap_err();
    assert!(
        err.contains("outcomeClass") && err.contains("duplicate"),
        "{err}"
    );
    let mut rng = SeededRandom::new(1);
    let week = IsoWeek::from_date(2026, 6, 1).unwrap();
    let answers = json!({"q1": "none", "q2": ["y", "x"], "q3": "12"});
    let t = bucketize(&schema, &PrecheckInputs::default(), &answers).unwrap();
    assert_eq!(
        (
            t["choice"].as_str(),
            t["q2"].as_str(),
            t["staffBand"].as_str()
        ),
        ("none", "y", "10_50")
    );
    let t = bucketize(&schema, &PrecheckInputs::default(), &json!({})).unwrap();
    assert_eq!(t["choice"], "unanswered");
    let r = build_record(
        &schema,
        &PrecheckInputs::default(),
        &answers,
        "park-1",
        week,
        &mut rng,
    )
    .unwrap();
    schema.validate(&r).unwrap();
    assert_eq!(
        RecordSchema::default_schema().validate(&r),
        Err(RecordError::UnknownSurvey("park@3".into()))
    );
}

#[test]
fn published_json_schema_matches_the_record_shape() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/record.schema.json");
    let generated = RecordSchema::default_schema().json_schema();
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        fs::write(
            &path,
            serde_json::to_string_pretty(&generated).unwrap() + "\n",
        )
        .unwrap();
    }
    let doc = read_json(&path);
    // The published document describes the default survey's records exactly.
    assert_eq!(
        doc, generated,
        "docs/record.schema.json is stale: UPDATE_FIXTURES=1 rewrites it"
    );
}
