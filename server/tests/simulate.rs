//! The long-term view against a known truth: `precheck-simulate` writes
//! 20,000 randomized records over 12 weeks (true share of one value moving
//! 30 % → 55 % at one partner and 45 % → 70 % at the other) into a fresh
//! SQLite file; the staff API's trend of that value, read back through the
//! server, follows the shift within its 95 % intervals, week by week and
//! per partner, and the first week of the small partner is marked, not drawn.

mod common;

use std::process::Command;

use axum::http::StatusCode;
use common::*;
use serde_json::Value;
use sme_precheck_server::Config;

#[tokio::test]
async fn the_trend_follows_the_simulated_shift_within_its_intervals() {
    let dir = scratch_dir("simulate");
    let db = format!("sqlite:{}", dir.join("feedback.db").display());
    let truth_file = dir.join("truth.json");
    let out = Command::new(env!("CARGO_BIN_EXE_precheck-simulate"))
        .args(["--database-url", &db, "--records", "20000", "--weeks", "12"])
        .arg("--truth")
        .arg(&truth_file)
        .output()
        .expect("run precheck-simulate");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(&truth_file).unwrap()).unwrap();
    let weeks = truth["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 12);

    let st = state(Config {
        min_count: 100,
        ..config(&db)
    })
    .await;
    let q = format!(
        "/v1/trends?field={}&value={}",
        truth["field"].as_str().unwrap(),
        truth["value"].as_str().unwrap()
    );
    let (s, _, t) = staff_get(&st, &q).await;
    assert_eq!(s, StatusCode::OK, "{t}");
    let points = t["series"][0]["points"].as_array().unwrap();
    assert_eq!(points.len(), 12);
    let mut covered = 0;
    let mut rows = Vec::new();
    for (p, w) in points.iter().zip(weeks) {
        assert_eq!(p["week"], w["week"]);
        assert_eq!(p["n"], w["records"]);
        let f = w["truth"].as_f64().unwrap();
        let (lo, sh, hi) = (
            p["low"].as_f64().unwrap(),
            p["share"].as_f64().unwrap(),
            p["high"].as_f64().unwrap(),
        );
        covered += usize::from(lo <= f && f <= hi);
        rows.push(format!(
            "| {} | {} | {:.1} % | {:.1} % | [{:.1} %, {:.1} %] |",
            p["week"].as_str().unwrap(),
            p["n"],
            f * 100.0,
            sh * 100.0,
            lo * 100.0,
            hi * 100.0
        ));
    }
    println!("| week | n | truth | estimate | 95 % interval |\n| --- | ---: | ---: | ---: | --- |");
    println!("{}", rows.join("\n"));
    // 95 % intervals: 12 weeks covered at least 10 times (binomial: > 97 %).
    assert!(covered >= 10, "only {covered} of 12 weeks covered");
    // The shift itself: the first three and the last three weeks, averaged.
    let mean = |xs: &[Value], key: &str| {
        xs.iter().map(|x| x[key].as_f64().unwrap()).sum::<f64>() / xs.len() as f64
    };
    let est_rise = mean(&points[9..], "share") - mean(&points[..3], "share");
    let true_rise = mean(&weeks[9..], "truth") - mean(&weeks[..3], "truth");
    println!("rise: estimated {est_rise:.3}, true {true_rise:.3}");
    assert!(
        (est_rise - true_rise).abs() < 0.06,
        "{est_rise} vs {true_rise}"
    );

    // Per partner: each line covers its own truth; the small partner's
    // first week is suppressed.
    let (_, _, by) = staff_get(&st, &format!("{q}&by=partner")).await;
    for series in by["series"].as_array().unwrap() {
        let key = series["key"].as_str().unwrap();
        let mut shown = 0;
        let mut covered = 0;
        for (p, w) in series["points"].as_array().unwrap().iter().zip(weeks) {
            let f = w["partners"][key]["truth"].as_f64().unwrap();
            assert_eq!(p["n"], w["partners"][key]["records"]);
            if p["suppressed"].as_bool().unwrap() {
                assert!(p["share"].is_null());
                continue;
            }
            shown += 1;
            covered +=
                usize::from(p["low"].as_f64().unwrap() <= f && f <= p["high"].as_f64().unwrap());
        }
        assert!(covered + 2 >= shown, "{key}: {covered} of {shown}");
        if key == "vc-portal-1" {
            assert_eq!(series["points"][0]["suppressed"], true, "{series}");
            assert_eq!(shown, 11);
        } else {
            assert_eq!(shown, 12);
        }
    }
}
