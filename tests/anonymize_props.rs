//! Property tests of the anonymizer's invariants (proptest): randomized
//! response never leaves the value set and has `p/q = e^ε`; the estimator
//! inverts exact expected counts for any distribution and its cross-tab
//! version factorizes onto the one-field estimate; ISO weeks round-trip;
//! bucketing is monotone; and no input string makes record parsing or
//! validation panic.

use proptest::prelude::*;
use rust_decimal::Decimal;
use sme_precheck::anonymize::*;

fn distribution(k: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(0.0f64..1.0, k).prop_map(|w| {
        let s: f64 = w.iter().sum::<f64>().max(1e-9);
        w.iter().map(|x| x / s).collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn randomized_values_stay_in_range(k in 1usize..40, eps in 0.01f64..8.0, truth in 0usize..60, seed in any::<u64>()) {
        let mut rng = SeededRandom::new(seed);
        for _ in 0..20 {
            prop_assert!(randomize_index(truth, k, eps, &mut rng) < k.max(1));
        }
        let (p, q) = rr_probabilities(k, eps);
        if k >= 2 {
            prop_assert!((p / q - eps.exp()).abs() <= 1e-9 * eps.exp());
            prop_assert!((p + (k as f64 - 1.0) * q - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn estimator_inverts_expected_counts(truth in (2usize..12).prop_flat_map(distribution), eps in 0.2f64..5.0) {
        let k = truth.len();
        let (p, q) = rr_probabilities(k, eps);
        let n = 1e9;
        let counts: Vec<u64> = truth.iter().map(|f| ((f * p + (1.0 - f) * q) * n).round() as u64).collect();
        let est = estimate(&counts, eps);
        for (e, f) in est.iter().zip(&truth) {
            prop_assert!((e.raw - f).abs() < 1e-5, "{:?} vs {}", e, f);
            prop_assert!(e.low <= e.share && e.share <= e.high);
            prop_assert!((0.0..=1.0).contains(&e.share));
        }
    }

    #[test]
    fn cross_tab_rows_sum_to_the_one_field_estimate(
        grid in (2usize..6, 2usize..6).prop_flat_map(|(a, b)| prop::collection::vec(prop::collection::vec(0u64..500, b), a)),
        ea in 0.3f64..4.0,
        eb in 0.3f64..4.0,
    ) {
        let n: u64 = grid.iter().flatten().sum();
        prop_assume!(n > 0);
        let joint = estimate_cross_tab(&grid, ea, eb).unwrap();
        let rows: Vec<u64> = grid.iter().map(|r| r.iter().sum()).collect();
        let single = estimate(&rows, ea);
        for (i, row) in joint.iter().enumerate() {
            let s: f64 = row.iter().map(|e| e.raw).sum();
            prop_assert!((s - single[i].raw).abs() < 1e-9);
            for e in row {
                prop_assert!(e.std_err.is_finite() && e.std_err >= 0.0);
            }
        }
    }

    #[test]
    fn iso_weeks_round_trip(days in 0i64..2_900_000) {
        let w = IsoWeek::from_days(days);
        let text = w.to_string();
        prop_assert_eq!(text.parse::<IsoWeek>().unwrap(), w);
        let (y, m, d) = w.monday();
        prop_assert_eq!(IsoWeek::from_date(y, m, d).unwrap(), w);
        prop_assert!(w.week >= 1 && w.week <= iso_week::weeks_in_year(w.year));
        // Consecutive days never skip a week.
        let next = IsoWeek::from_days(days + 1);
        prop_assert!(next == w || next == w.next());
    }

    #[test]
    fn bucketing_is_monotone(mut edges in prop::collection::btree_set(0u64..100_000_000, 1..8), a in 0u64..120_000_000, b in 0u64..120_000_000) {
        let edges: Vec<Decimal> = std::mem::take(&mut edges).into_iter().map(Decimal::from).collect();
        let labels = buckets::bucket_labels(&edges).unwrap();
        prop_assert_eq!(labels.len(), edges.len() + 1);
        let (lo, hi) = (a.min(b), a.max(b));
        let (i, j) = (buckets::bucket_index(Decimal::from(lo), &edges), buckets::bucket_index(Decimal::from(hi), &edges));
        prop_assert!(i <= j && j <= edges.len());
    }

    #[test]
    fn parsing_and_validating_never_panic(body in ".{0,300}") {
        let schema = RecordSchema::default_schema();
        if let Ok(r) = FeedbackRecord::from_json(&body) {
            let _ = schema.validate(&r);
        }
    }

    #[test]
    fn mutated_valid_records_are_refused_or_still_valid(field in 0usize..32, value in "[a-z0-9_.]{0,12}", seed in any::<u64>()) {
        let schema = RecordSchema::default_schema();
        let mut rng = SeededRandom::new(seed);
        let week = IsoWeek::from_date(2026, 11, 27).unwrap();
        let mut r = build_record(&schema, &PrecheckInputs::default(), &sme_precheck::json::Json::Object(Default::default()), "bank-site", week, &mut rng).unwrap();
        prop_assert!(schema.validate(&r).is_ok());
        let spec = &schema.fields[field % schema.fields.len()];
        r.fields.insert(spec.name.clone(), value.clone());
        let allowed = spec.values.contains(&value);
        prop_assert_eq!(schema.validate(&r).is_ok(), allowed);
    }
}
