//! Timings of the anonymizer's hot paths, as a scripted run (ignored by
//! `cargo test`; no timed assertions). Run in release mode:
//!
//! ```text
//! cargo test --release -p sme-precheck --test anonymize_bench -- --ignored --nocapture
//! ```
//!
//! Prints the median over 15 rounds of: building one record of the default
//! survey (bucket + randomize + UUID), parsing and validating one record as
//! the server does, and de-biasing one field and one cross-tab. Figures are
//! quoted in `docs/benchmarks.md`.

use std::hint::black_box;
use std::time::Instant;

/// `serde_json::json!` as the core's JSON value.
macro_rules! json {
    ($($t:tt)+) => {
        sme_precheck::json::Json::from(serde_json::json!($($t)+))
    };
}
use sme_precheck::anonymize::*;

/// Median nanoseconds per call of `f` over `rounds` rounds of `iters` calls.
fn median_ns(rounds: usize, iters: u32, mut f: impl FnMut()) -> f64 {
    let mut samples: Vec<f64> = (0..rounds)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iters {
                f();
            }
            t.elapsed().as_nanos() as f64 / f64::from(iters)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

#[test]
#[ignore = "timing run: cargo test --release --test anonymize_bench -- --ignored --nocapture"]
fn anonymizer_timings() {
    let schema = RecordSchema::default_schema();
    let answers = json!({
        "stage": "growth", "industry": "ai", "needFinancing": true, "amount": "2000000",
        "term": "y1_3", "purpose": "rd", "urgency": "m1_3", "products": ["tax_loan", "wangdaitong"],
        "enablement": ["expert_exchange"], "channels": ["online"], "satisfaction": 4, "comment": "x"
    });
    let inputs = PrecheckInputs {
        outcomes: vec!["pre_qualified".into(), "needs_collateral".into()],
        annual_revenue: Some("12345678.91".parse().unwrap()),
        industry: Some("software".into()),
        province: Some("44".into()),
        size_class: Some("small".into()),
    };
    let week = IsoWeek::from_date(2026, 11, 27).unwrap();
    let mut rng = SeededRandom::new(1);
    let record = build_record(&schema, &inputs, &answers, "bank-site", week, &mut rng).unwrap();
    let body = record.to_json();
    schema
        .validate(&FeedbackRecord::from_json(&body).unwrap())
        .unwrap();

    let build = median_ns(15, 2_000, || {
        black_box(build_record(&schema, &inputs, &answers, "bank-site", week, &mut rng).unwrap());
    });
    let check = median_ns(15, 5_000, || {
        let r = FeedbackRecord::from_json(black_box(&body)).unwrap();
        schema.validate(&r).unwrap();
    });
    let counts = [1200u64, 900, 450, 300, 150, 60];
    let one = median_ns(15, 100_000, || {
        black_box(estimate(black_box(&counts), 2.0));
    });
    let grid: Vec<Vec<u64>> = (0..4)
        .map(|i| (0..8).map(|j| 100 + 17 * i + 5 * j).collect())
        .collect();
    let cross = median_ns(15, 20_000, || {
        black_box(estimate_cross_tab(black_box(&grid), 2.0, 2.0).unwrap());
    });
    println!(
        "build_record ({}, {} fields): {:.2} µs",
        schema.survey,
        schema.fields.len(),
        build / 1e3
    );
    println!(
        "FeedbackRecord::from_json + validate ({} bytes): {:.2} µs",
        body.len(),
        check / 1e3
    );
    println!("estimate (k = 6): {:.0} ns", one);
    println!("estimate_cross_tab (4 × 8): {:.2} µs", cross / 1e3);
}
