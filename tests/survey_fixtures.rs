//! Runs the shared survey fixtures (`tests/fixtures/survey/`): every
//! `default/*.json` flow (answers → expected `survey-run` JSON) through
//! [`sme_precheck::survey::run`], and every `invalid/*.json` definition
//! through `Survey::from_json`, expecting its exact error. The same files are
//! run against the wasm build in Node.
//!
//! `SURVEY_FIXTURES_UPDATE=1 cargo test --test survey_fixtures` rewrites the
//! `expected` blocks (review the diff before committing).

use serde_json::Value;
use sme_precheck::i18n::Lang;
use sme_precheck::survey::{Survey, run_value};
use std::path::{Path, PathBuf};

fn fixture_files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/survey")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn survey_named(name: &str) -> Survey {
    if name == "default" {
        Survey::default_survey()
    } else {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/survey")
            .join(name);
        Survey::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap()
    }
}

#[test]
fn default_survey_flows_match_their_expected_runs() {
    let update = std::env::var_os("SURVEY_FIXTURES_UPDATE").is_some();
    let mut failures = Vec::new();
    for path in fixture_files("default") {
        let mut case = read(&path);
        let survey = survey_named(case["survey"].as_str().unwrap());
        let lang = Lang::parse(case["lang"].as_str().unwrap()).unwrap();
        let answers = sme_precheck::json::Json::from(case["answers"].clone());
        let got = serde_json::to_value(run_value(&survey, &answers, lang).unwrap()).unwrap();
        if update {
            case["expected"] = got;
            std::fs::write(&path, serde_json::to_string_pretty(&case).unwrap() + "\n").unwrap();
        } else if case["expected"] != got {
            failures.push(format!(
                "{}:\nexpected {}\n     got {}",
                path.display(),
                case["expected"],
                got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn invalid_definitions_fail_with_path_and_position() {
    let mut failures = Vec::new();
    for path in fixture_files("invalid") {
        let case = read(&path);
        let text = serde_json::to_string(&case["definition"]).unwrap();
        let got = match Survey::from_json(&text) {
            Ok(_) => "(loaded without error)".to_owned(),
            Err(e) => e.to_string(),
        };
        if got != case["error"].as_str().unwrap() {
            failures.push(format!(
                "{}:\nexpected {}\n     got {got}",
                path.display(),
                case["error"]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
