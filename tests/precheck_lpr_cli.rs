//! `precheck validate-catalogue` warns about a stale LPR: exit 0, the
//! summary on stdout, exactly one warning line on stderr when the LPR date
//! is more than 35 days before today (the system clock), nothing on stderr
//! when it is recent.

use sme_precheck::lpr::{date_of_day, day_number};
use std::process::Command;

fn catalogue_dated(date: &str) -> String {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/catalogue/default.json"
    ))
    .unwrap();
    let original = "\"date\": \"2025-09-22\"";
    assert!(
        text.contains(original),
        "the default catalogue's LPR date moved"
    );
    let path =
        std::env::temp_dir().join(format!("precheck-lpr-{}-{date}.json", std::process::id()));
    std::fs::write(
        &path,
        text.replace(original, &format!("\"date\": \"{date}\"")),
    )
    .unwrap();
    path.to_string_lossy().into_owned()
}

fn run(path: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_precheck"))
        .args(["validate-catalogue", path])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn today() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    (secs / 86_400) as i64
}

#[test]
fn an_old_lpr_warns_on_one_line_and_still_succeeds() {
    let path = catalogue_dated("2000-01-03");
    let (code, stdout, stderr) = run(&path);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("{\"valid\":true"), "{stdout}");
    let age = today() - day_number("2000-01-03").unwrap();
    assert_eq!(
        stderr,
        format!(
            "precheck: warning: lpr.date 2000-01-03 is {age} days before {} (more than 35): check the latest 1-year LPR and update lpr.rate and lpr.date\n",
            date_of_day(today())
        )
    );
}

#[test]
fn a_recent_lpr_is_quiet() {
    // Ten days ago: well inside the 35 days, even if the day turns during the test.
    let path = catalogue_dated(&date_of_day(today() - 10));
    let (code, stdout, stderr) = run(&path);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("{\"valid\":true"), "{stdout}");
    assert_eq!(stderr, "");
}
