//! The loan officer's cases (`tests/fixtures/precheck/officer/`): realistic
//! profiles, each with the answer a small-business loan officer would give,
//! written by hand from the catalogue's rules before the code ran (the
//! arithmetic is in `docs/precheck.md`, "Cases a loan officer would
//! answer"). Nothing here is regenerated from the code.
//!
//! `index.json` lists `{name, profile, lang, officer, expect, forbidden}`;
//! `expect` maps a product id to what must hold for it: `outcome`,
//! `limit` [low, high], `rate` [low, high], `reasons` / `changes` (codes that
//! must be there), `notReasons`, `messages` (code → texts its message must
//! contain), `referral` and `repayment` (fields that must match). No message
//! of any product may contain a `forbidden` text. The wasm suite in Node runs
//! the same file against the built package and the CLI.

use serde_json::Value;
use sme_precheck::i18n::Lang;
use sme_precheck::precheck::{Outcome, evaluate_json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/precheck/officer")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(dir().join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

/// Every field of `expected` is in `actual` with the same value (objects
/// recursively; arrays and scalars exactly).
fn subset(expected: &Value, actual: &Value, at: &str, errors: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                match a.get(k) {
                    Some(x) => subset(v, x, &format!("{at}.{k}"), errors),
                    None => errors.push(format!("{at}.{k}: missing, expected {v}")),
                }
            }
        }
        _ if expected == actual => {}
        _ => errors.push(format!("{at}: expected {expected}, got {actual}")),
    }
}

fn codes(notes: &Value) -> Vec<&str> {
    notes
        .as_array()
        .map(|a| a.iter().filter_map(|n| n["code"].as_str()).collect())
        .unwrap_or_default()
}

fn check_product(name: &str, id: &str, want: &Value, got: &Value, errors: &mut Vec<String>) {
    let at = format!("{name}/{id}");
    if let Some(o) = want.get("outcome")
        && &got["outcome"] != o
    {
        errors.push(format!("{at}: outcome {} (officer: {o})", got["outcome"]));
    }
    for (key, field) in [("limit", "limit"), ("rate", "rate")] {
        if let Some(range) = want.get(key).and_then(Value::as_array) {
            let pair = [&got[field]["low"], &got[field]["high"]];
            if pair[0] != &range[0] || pair[1] != &range[1] {
                errors.push(format!(
                    "{at}: {key} {} – {} (officer: {} – {})",
                    pair[0], pair[1], range[0], range[1]
                ));
            }
        }
    }
    let reasons = codes(&got["reasons"]);
    let changes = codes(&got["changes"]);
    for (key, list) in [("reasons", &reasons), ("changes", &changes)] {
        for code in want
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let code = code.as_str().unwrap();
            if !list.contains(&code) {
                errors.push(format!("{at}: no {key} code {code} in {list:?}"));
            }
        }
    }
    for code in want
        .get("notReasons")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let code = code.as_str().unwrap();
        if reasons.contains(&code) {
            errors.push(format!("{at}: reason {code} should not be there"));
        }
    }
    if let Some(messages) = want.get("messages").and_then(Value::as_object) {
        let notes: Vec<&Value> = got["reasons"]
            .as_array()
            .into_iter()
            .chain(got["changes"].as_array())
            .flatten()
            .collect();
        for (code, texts) in messages {
            let mine: Vec<&str> = notes
                .iter()
                .filter(|n| n["code"] == code.as_str())
                .filter_map(|n| n["message"].as_str())
                .collect();
            for text in texts.as_array().unwrap() {
                let text = text.as_str().unwrap();
                if !mine.iter().any(|m| m.contains(text)) {
                    errors.push(format!(
                        "{at}: no {code} message contains {text:?}: {mine:?}"
                    ));
                }
            }
        }
    }
    for key in ["referral", "repayment"] {
        if let Some(w) = want.get(key) {
            subset(w, &got[key], &format!("{at}.{key}"), errors);
        }
    }
}

#[test]
fn the_pre_check_gives_the_officers_answers() {
    let index: Value = serde_json::from_str(&read("index.json")).unwrap();
    let cases = index["cases"].as_array().unwrap();
    assert!(cases.len() >= 15, "at least 15 officer cases");
    let mut errors = Vec::new();
    let mut outcomes = BTreeSet::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let profile = read(case["profile"].as_str().unwrap());
        let lang = Lang::parse(case["lang"].as_str().unwrap()).unwrap();
        let json = match evaluate_json(&profile, None, lang) {
            Ok(json) => json,
            Err(e) => {
                errors.push(format!("{name}: {e}"));
                continue;
            }
        };
        let result: Value = serde_json::from_str(&json).unwrap();
        let products = result["products"].as_array().unwrap();
        for p in products {
            outcomes.insert(p["outcome"].as_str().unwrap().to_owned());
            for note in p["reasons"]
                .as_array()
                .into_iter()
                .chain(p["changes"].as_array())
                .flatten()
            {
                let message = note["message"].as_str().unwrap();
                for bad in case["forbidden"].as_array().into_iter().flatten() {
                    let bad = bad.as_str().unwrap();
                    if message.contains(bad) {
                        errors.push(format!("{name}/{}: {message:?} contains {bad:?}", p["id"]));
                    }
                }
            }
        }
        for (id, want) in case["expect"].as_object().unwrap() {
            match products.iter().find(|p| p["id"] == id.as_str()) {
                Some(got) => check_product(name, id, want, got, &mut errors),
                None => errors.push(format!("{name}: no product {id}")),
            }
        }
    }
    assert!(
        errors.is_empty(),
        "{} disagreement(s):\n{}",
        errors.len(),
        errors.join("\n")
    );
    for o in Outcome::CODES {
        assert!(outcomes.contains(o), "no officer case has outcome {o}");
    }
}

/// The value a change names is the one that covers the request: offering
/// exactly that collateral pre-qualifies the request, 1万 less does not.
#[test]
fn the_collateral_value_named_covers_the_request() {
    let base: Value =
        serde_json::from_str(&read("credit_short_collateral_value.profile.json")).unwrap();
    let outcome = |collateral: &str, ty: &str, value: &str, id: &str| {
        let mut p = base.clone();
        p["collateral"] = collateral.into();
        p["collateralType"] = ty.into();
        p["collateralValue"] = value.into();
        let json = evaluate_json(&p.to_string(), None, Lang::ZhHans).unwrap();
        let v: Value = serde_json::from_str(&json).unwrap();
        let r = v["products"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone();
        (
            r["outcome"].as_str().unwrap().to_owned(),
            r["limit"]["high"].clone(),
        )
    };
    // 经营快贷: 300万 credit + residential × 70 %: 143万 → 300 + 100.1 = 400.1万.
    for (collateral, ty, enough, short) in [
        ("property", "residential", "1430000", "1420000"),
        ("pledge", "deposit", "1120000", "1110000"),
        ("guarantee", "government", "1000000", "990000"),
    ] {
        let (o, high) = outcome(collateral, ty, enough, "jingying_kuaidai");
        assert_eq!(o, "pre_qualified", "{ty} {enough}: {high}");
        let (o, _) = outcome(collateral, ty, short, "jingying_kuaidai");
        assert_eq!(o, "needs_collateral_or_lower_amount", "{ty} {short}");
    }
    // 网贷通: residential 572万 × 70 % = 400.4万 ≥ 400万; 571万 → 399.7万.
    let (o, _) = outcome("property", "residential", "5720000", "wangdaitong");
    assert_eq!(o, "pre_qualified");
    let (o, _) = outcome("property", "residential", "5710000", "wangdaitong");
    assert_eq!(o, "needs_collateral_or_lower_amount");
}
