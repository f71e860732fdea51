//! Shared pre-check fixtures (`tests/fixtures/precheck/`), the same files the
//! wasm suite runs in Node:
//!
//! - `index.json` lists `cases`: `{name, profile, catalogue|null, lang,
//!   expected}`; `expected` is the full result JSON (pretty-printed; its
//!   compact form is byte-identical to `evaluate_json`).
//! - `invalid/index.json` lists inputs that must fail: `{name, profile,
//!   catalogue|null, lang, hint, error}`; `error` is the exact message and
//!   contains `hint` (the field or JSON path it must name).
//!
//! `UPDATE_FIXTURES=1 cargo test --test precheck_fixtures` rewrites the
//! expected files and messages from the native code (review the diff!).
//! The expected files are therefore not an independent check on their own:
//! `tests/precheck_cases.rs` holds the hand-derived outcome of every product
//! in every case, limit bounds and repayment totals, and
//! `tests/precheck_props.rs` the properties (monotonicity, sums to the fen).

use sme_precheck::catalogue::Catalogue;
use sme_precheck::i18n::Lang;
use sme_precheck::precheck::{Outcome, evaluate, evaluate_json};
use sme_precheck::profile::Profile;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/precheck")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(dir().join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

fn updating() -> bool {
    std::env::var("UPDATE_FIXTURES").is_ok_and(|v| v == "1")
}

fn index(rel: &str) -> serde_json::Value {
    serde_json::from_str(&read(rel)).unwrap()
}

fn str_field<'a>(v: &'a serde_json::Value, name: &str) -> Option<&'a str> {
    v.get(name).and_then(|x| x.as_str())
}

#[test]
fn cases_match_expected_results() {
    let index = index("index.json");
    let cases = index["cases"].as_array().unwrap();
    assert!(
        cases.len() >= 30,
        "at least 30 cases, found {}",
        cases.len()
    );
    let mut outcomes = BTreeSet::new();
    let mut served = BTreeSet::new();
    let mut failures = Vec::new();
    for case in cases {
        let name = str_field(case, "name").unwrap();
        let profile_text = read(str_field(case, "profile").unwrap());
        let catalogue_text = str_field(case, "catalogue").map(read);
        let lang = Lang::parse(str_field(case, "lang").unwrap()).unwrap();
        let compact = evaluate_json(&profile_text, catalogue_text.as_deref(), lang)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let profile = Profile::from_json(&profile_text).unwrap();
        let owned = catalogue_text
            .as_deref()
            .map(|t| Catalogue::from_json(t).unwrap());
        let catalogue = owned
            .as_ref()
            .unwrap_or_else(|| Catalogue::default_catalogue());
        let evaluation = evaluate(&profile, catalogue, lang);
        let expected_rel = str_field(case, "expected").unwrap();
        let pretty = serde_json::to_string_pretty(&evaluation).unwrap() + "\n";
        if updating() {
            std::fs::write(dir().join(expected_rel), &pretty).unwrap();
        } else {
            // The stored file, byte for byte, and the string entry's output
            // as a value.
            let text = read(expected_rel);
            let stored: serde_json::Value = serde_json::from_str(&text).unwrap();
            let direct: serde_json::Value = serde_json::from_str(&compact).unwrap();
            if text != pretty || stored != direct {
                failures.push(name.to_owned());
            }
        }
        if owned.is_none() {
            for r in &evaluation.products {
                outcomes.insert(r.outcome);
                if r.outcome < Outcome::ReferToBranch {
                    served.insert(r.id.clone());
                }
            }
        }
        // Every language gives a message for every code, codes unchanged.
        let codes = |e: &sme_precheck::precheck::Evaluation| {
            e.products
                .iter()
                .flat_map(|r| r.reasons.iter().chain(&r.changes))
                .map(|n| {
                    assert!(
                        !n.message.is_empty(),
                        "{name}: empty message for {}",
                        n.code
                    );
                    n.code
                })
                .collect::<Vec<_>>()
        };
        let base = codes(&evaluation);
        for other in Lang::ALL {
            assert_eq!(
                codes(&evaluate(&profile, catalogue, other)),
                base,
                "{name} in {}",
                other.tag()
            );
        }
    }
    assert!(
        failures.is_empty(),
        "results differ from the expected files (UPDATE_FIXTURES=1 to regenerate, then review): {failures:?}"
    );
    let all = [
        Outcome::PreQualified,
        Outcome::PreQualifiedWithReview,
        Outcome::NeedsCollateralOrLowerAmount,
        Outcome::NeedsCollateral,
        Outcome::ReferToBranch,
        Outcome::NotEligible,
        Outcome::NotSmallOrMicro,
    ];
    for o in all {
        assert!(
            outcomes.contains(&o),
            "no default-catalogue case has outcome {}",
            o.as_str()
        );
    }
    for p in &Catalogue::default_catalogue().products {
        assert!(
            served.contains(&p.id),
            "no case pre-qualifies or asks collateral for {}",
            p.id
        );
    }
}

#[test]
fn invalid_inputs_fail_with_the_recorded_message() {
    let mut index = index("invalid/index.json");
    let entries = index["invalid"].as_array_mut().unwrap();
    assert!(entries.len() >= 20);
    let mut failures = Vec::new();
    for entry in entries.iter_mut() {
        let name = str_field(entry, "name").unwrap().to_owned();
        let profile_text = read(str_field(entry, "profile").unwrap());
        let catalogue_text = str_field(entry, "catalogue").map(read);
        let lang = Lang::parse(str_field(entry, "lang").unwrap()).unwrap();
        let error = match evaluate_json(&profile_text, catalogue_text.as_deref(), lang) {
            Ok(_) => panic!("{name}: expected an error"),
            Err(e) => e,
        };
        let hint = str_field(entry, "hint").unwrap();
        assert!(
            error.contains(hint),
            "{name}: `{error}` does not name `{hint}`"
        );
        assert!(!error.contains('\n'), "{name}: one line please: {error}");
        if updating() {
            entry["error"] = error.into();
        } else if str_field(entry, "error") != Some(error.as_str()) {
            failures.push(format!("{name}: got `{error}`"));
        }
    }
    if updating() {
        let text = serde_json::to_string_pretty(&index).unwrap() + "\n";
        std::fs::write(dir().join("invalid/index.json"), text).unwrap();
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn cli_example_profile_evaluates() {
    let text = read("profiles/growth_software.json");
    let json = evaluate_json(&text, None, Lang::ZhHans).unwrap();
    assert!(json.contains("\"id\":\"jingying_kuaidai\""));
}
