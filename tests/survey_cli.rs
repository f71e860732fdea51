//! The `precheck survey-run` / `survey-lint` commands as a user runs them:
//! JSON on stdout and exit 0, or one message naming the path on stderr and
//! exit 2.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_precheck");

fn fixture(rel: &str) -> String {
    format!("{}/tests/fixtures/survey/{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn precheck(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn survey_run_prints_the_fixture_run() {
    let case_path = fixture("default/no_loan_skips_financing.json");
    let case: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&case_path).unwrap()).unwrap();
    let answers = std::env::temp_dir().join(format!("survey-cli-{}.json", std::process::id()));
    std::fs::write(&answers, case["answers"].to_string()).unwrap();
    let (code, stdout, stderr) = precheck(&[
        "survey-run",
        "default",
        answers.to_str().unwrap(),
        "--lang",
        case["lang"].as_str().unwrap(),
    ]);
    std::fs::remove_file(&answers).ok();
    assert_eq!(code, 0, "{stderr}");
    let got: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(got, case["expected"]);
}

#[test]
fn survey_lint_summarises_or_names_the_path() {
    let (code, stdout, _) = precheck(&["survey-lint", &fixture("mini.survey.json")]);
    assert_eq!(code, 0);
    let summary: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(summary["survey"], "mini@1");
    assert_eq!(summary["questions"], 8);

    let bad = std::env::temp_dir().join(format!("survey-lint-{}.json", std::process::id()));
    let case: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("invalid/typo_in_condition.json")).unwrap(),
    )
    .unwrap();
    std::fs::write(&bad, case["definition"].to_string()).unwrap();
    let (code, stdout, stderr) = precheck(&["survey-lint", bad.to_str().unwrap()]);
    std::fs::remove_file(&bad).ok();
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains(r#"pages[1].questions[1].showIf: unknown question "stgae" at column 18"#),
        "{stderr}"
    );
}

#[test]
fn survey_lint_checks_the_default_plan_against_the_default_survey() {
    let plan = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/survey/recommendations.json"
    );
    let (code, stdout, stderr) = precheck(&["survey-lint", plan]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(r#""kind": "recommendations""#), "{stdout}");
    let (code, _, stderr) = precheck(&[
        "survey-lint",
        plan,
        "--survey",
        &fixture("mini.survey.json"),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("items["), "{stderr}");
}

#[test]
fn survey_run_rejects_unknown_answers_with_exit_2() {
    let answers = std::env::temp_dir().join(format!("survey-bad-{}.json", std::process::id()));
    std::fs::write(&answers, r#"{"stgae":"growth"}"#).unwrap();
    let (code, _, stderr) = precheck(&["survey-run", "default", answers.to_str().unwrap()]);
    std::fs::remove_file(&answers).ok();
    assert_eq!(code, 2);
    assert!(
        stderr.contains("answers.stgae: unknown question"),
        "{stderr}"
    );
}
