//! Statistical checks of the privacy mechanism and the estimator (seeded,
//! so every run draws the same numbers):
//!
//! - over 10⁶ draws, every field of the default schema keeps its true value
//!   at rate `p = e^ε/(e^ε+k−1)` within 4σ, and reports each other value
//!   equally often (within 4σ);
//! - records built end to end keep each field at its theoretical rate;
//! - for a 6-value field at ε = 2, the de-biased estimates are within 6
//!   percentage points of the truth at N = 1,000 and within 2.1 at
//!   N = 10,000, and the 95 % intervals cover the truth about 95 % of the time.

/// `serde_json::json!` as the core's JSON value.
macro_rules! json {
    ($($t:tt)+) => {
        sme_precheck::json::Json::from(serde_json::json!($($t)+))
    };
}
use sme_precheck::anonymize::*;

fn four_sigma(p: f64, n: f64) -> f64 {
    4.0 * (p * (1.0 - p) / n).sqrt()
}

#[test]
fn keep_rate_of_every_field_over_a_million_draws() {
    let schema = RecordSchema::default_schema();
    let mut rng = SeededRandom::new(20_261_127);
    const N: u32 = 1_000_000;
    for f in &schema.fields {
        let k = f.k();
        let (p, q) = rr_probabilities(k, f.epsilon);
        let mut kept = 0u32;
        let mut by_offset = vec![0u32; k];
        for i in 0..N {
            let truth = i as usize % k;
            let r = randomize_index(truth, k, f.epsilon, &mut rng);
            if r == truth {
                kept += 1;
            }
            by_offset[(r + k - truth) % k] += 1;
        }
        let n = f64::from(N);
        let rate = f64::from(kept) / n;
        assert!(
            (rate - p).abs() <= four_sigma(p, n),
            "{}: keep rate {rate:.5}, theory {p:.5} (k={k})",
            f.name
        );
        for (offset, &c) in by_offset.iter().enumerate().skip(1) {
            let share = f64::from(c) / n;
            assert!(
                (share - q).abs() <= four_sigma(q, n),
                "{}: other value at offset {offset} reported {share:.5}, theory {q:.5}",
                f.name
            );
        }
    }
}

#[test]
fn records_built_end_to_end_keep_each_field_at_its_rate() {
    let schema = RecordSchema::default_schema();
    let answers = json!({
        "stage": "growth", "industry": "ai", "needFinancing": true, "amount": "2000000",
        "term": "y1_3", "purpose": "rd", "urgency": "m1_3", "products": ["tax_loan"],
        "enablement": ["expert_exchange"], "channels": ["online"], "satisfaction": 4
    });
    let inputs = PrecheckInputs {
        outcomes: vec!["pre_qualified_with_review".into()],
        annual_revenue: Some("8000000".parse().unwrap()),
        industry: Some("software".into()),
        province: Some("42".into()),
        size_class: Some("small".into()),
    };
    let truth = bucketize(&schema, &inputs, &answers).unwrap();
    let week = IsoWeek::from_date(2026, 11, 27).unwrap();
    let mut rng = SeededRandom::new(77);
    const N: u32 = 30_000;
    let mut kept = vec![0u32; schema.fields.len()];
    let mut ids = std::collections::HashSet::new();
    for _ in 0..N {
        let r = build_record(&schema, &inputs, &answers, "bank-site", week, &mut rng).unwrap();
        for (i, f) in schema.fields.iter().enumerate() {
            if r.fields[&f.name] == truth[&f.name] {
                kept[i] += 1;
            }
        }
        assert!(ids.insert(r.id));
    }
    for (i, f) in schema.fields.iter().enumerate() {
        let (p, _) = rr_probabilities(f.k(), f.epsilon);
        let rate = f64::from(kept[i]) / f64::from(N);
        assert!(
            (rate - p).abs() <= four_sigma(p, f64::from(N)),
            "{}: {rate:.4} vs {p:.4}",
            f.name
        );
    }
}

/// Simulates `n` visitors whose true values follow `truth`, randomizes each
/// with ε, and returns the de-biased estimates.
fn simulate(truth: &[f64], n: usize, epsilon: f64, rng: &mut SeededRandom) -> Vec<Estimate> {
    let k = truth.len();
    let mut counts = vec![0u64; k];
    for _ in 0..n {
        let mut u = rng.next_f64();
        let mut t = k - 1;
        for (j, &f) in truth.iter().enumerate() {
            if u < f {
                t = j;
                break;
            }
            u -= f;
        }
        counts[randomize_index(t, k, epsilon, rng)] += 1;
    }
    estimate(&counts, epsilon)
}

const TRUTH: [f64; 6] = [0.35, 0.25, 0.15, 0.12, 0.08, 0.05];

fn max_error(est: &[Estimate]) -> f64 {
    est.iter()
        .zip(TRUTH)
        .map(|(e, f)| (e.raw - f).abs())
        .fold(0.0, f64::max)
}

#[test]
fn de_biased_estimates_are_within_6_points_at_1000_and_2_1_at_10000() {
    let mut rng = SeededRandom::new(2026);
    let at_1000 = simulate(&TRUTH, 1_000, 2.0, &mut rng);
    let at_10000 = simulate(&TRUTH, 10_000, 2.0, &mut rng);
    assert!(max_error(&at_1000) < 0.06, "N=1000: {at_1000:?}");
    assert!(max_error(&at_10000) < 0.021, "N=10000: {at_10000:?}");
    // The shares sum to one (the estimator is unbiased linear in the counts).
    let sum: f64 = at_10000.iter().map(|e| e.raw).sum();
    assert!((sum - 1.0).abs() < 1e-9);

    // Not a lucky seed: over 200 independent runs the bounds hold in the
    // large majority (theory: about 90 % and 95 %), and the 95 % intervals
    // cover the truth about 95 % of the time.
    let (mut ok_1000, mut ok_10000, mut covered, mut cells) = (0, 0, 0, 0);
    for _ in 0..200 {
        let a = simulate(&TRUTH, 1_000, 2.0, &mut rng);
        let b = simulate(&TRUTH, 10_000, 2.0, &mut rng);
        ok_1000 += usize::from(max_error(&a) < 0.06);
        ok_10000 += usize::from(max_error(&b) < 0.021);
        for (e, f) in a.iter().chain(&b).zip(TRUTH.iter().chain(&TRUTH)) {
            let (lo, hi) = (e.raw - Z95 * e.std_err, e.raw + Z95 * e.std_err);
            covered += usize::from(lo <= *f && *f <= hi);
            cells += 1;
        }
    }
    assert!(
        ok_1000 >= 170,
        "N=1000 within 6 points in only {ok_1000}/200 runs"
    );
    assert!(
        ok_10000 >= 175,
        "N=10000 within 2.1 points in only {ok_10000}/200 runs"
    );
    let coverage = covered as f64 / cells as f64;
    assert!(
        (0.93..=0.97).contains(&coverage),
        "95 % interval coverage {coverage:.3}"
    );
}

#[test]
fn interval_width_shrinks_like_one_over_root_n() {
    let mut rng = SeededRandom::new(5);
    let a = simulate(&TRUTH, 1_000, 2.0, &mut rng);
    let b = simulate(&TRUTH, 100_000, 2.0, &mut rng);
    for (x, y) in a.iter().zip(&b) {
        let ratio = x.std_err / y.std_err;
        assert!((7.0..13.0).contains(&ratio), "{ratio}");
        assert!(x.low <= x.share && x.share <= x.high);
    }
}
