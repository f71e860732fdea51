//! A scripted micro-benchmark of the survey engine (ignored by default; it
//! prints medians and asserts nothing about time):
//!
//! ```text
//! cargo test --release -p sme-precheck --test survey_bench -- --ignored --nocapture
//! ```
//!
//! Figures are quoted in `docs/benchmarks.md` (section "Survey engine").

use sme_precheck::json::Json as Value;

/// `serde_json::json!` as the core's JSON value.
macro_rules! json {
    ($($t:tt)+) => {
        sme_precheck::json::Json::from(serde_json::json!($($t)+))
    };
}
use sme_precheck::i18n::Lang;
use sme_precheck::survey::expr::Expr;
use sme_precheck::survey::{DEFAULT_SURVEY_JSON, Engine, Survey, run_value};
use std::hint::black_box;
use std::time::Instant;

/// Median time per call in microseconds over `rounds` rounds of `iters` calls.
fn median_us(rounds: usize, iters: u32, mut f: impl FnMut()) -> f64 {
    for _ in 0..iters {
        f();
    }
    let mut samples: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iters {
                f();
            }
            start.elapsed().as_secs_f64() * 1e6 / f64::from(iters)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn growth_answers() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/survey/default/growth_loan.json"
    );
    let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    case["answers"].clone()
}

#[test]
#[ignore = "benchmark: run with --ignored --nocapture in release mode"]
fn survey_engine_benchmark() {
    let survey = Survey::default_survey();
    let answers = growth_answers();
    let engine = Engine::with_answers(survey.clone(), &answers).unwrap();
    let state = engine.state();
    let condition = r#"needFinancing = true and (purpose = "supply_chain" or products contains "digital_supply_chain")"#;
    let expr = Expr::parse(condition).unwrap();
    let env = |id: &str| engine.value(id);

    let rows = [
        (
            "load + validate default survey (Survey::from_json)",
            median_us(31, 50, || {
                black_box(Survey::from_json(black_box(DEFAULT_SURVEY_JSON)).unwrap());
            }),
        ),
        (
            "Survey::default_survey() (survey + recommendation plan)",
            median_us(31, 50, || {
                black_box(Survey::default_survey());
            }),
        ),
        (
            "survey::run_value, growth fixture (clone + visibility + errors + recommendations)",
            median_us(31, 200, || {
                black_box(run_value(&survey, black_box(&answers), Lang::En).unwrap());
            }),
        ),
        (
            "Engine::with_answers + run, sharing an Arc<Survey> (the widget's path)",
            {
                let shared = std::sync::Arc::new(survey.clone());
                median_us(31, 200, || {
                    let e = Engine::with_answers(shared.clone(), black_box(&answers)).unwrap();
                    black_box(e.run(Lang::En));
                })
            },
        ),
        ("Engine::set_answer (one answer, recompute visibility)", {
            let mut e = engine.clone();
            let mut flip = false;
            median_us(31, 2000, || {
                flip = !flip;
                e.set_answer("urgency", json!(if flip { "m1_3" } else { "within_1m" }))
                    .unwrap();
            })
        }),
        (
            "Engine::errors (all visible questions)",
            median_us(31, 2000, || {
                black_box(engine.errors(Lang::ZhHans));
            }),
        ),
        (
            "Engine::state + Engine::restore",
            median_us(31, 200, || {
                black_box(engine.state());
                black_box(Engine::restore(survey.clone(), black_box(&state)).unwrap());
            }),
        ),
        (
            "Expr::parse (a 90-character condition)",
            median_us(31, 5000, || {
                black_box(Expr::parse(black_box(condition)).unwrap());
            }),
        ),
        (
            "Expr::eval (same condition)",
            median_us(31, 20000, || {
                black_box(expr.eval(&env));
            }),
        ),
    ];
    println!("\n| operation | median µs/call |\n| --- | ---: |");
    for (name, us) in rows {
        println!("| {name} | {us:.2} |");
    }
}
