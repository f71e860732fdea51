//! Criterion benchmark: the whole default catalogue evaluated for one
//! representative profile (a growing software firm asking for ¥2,000,000
//! over 12 months), natively.
//!
//! Run: `cargo bench --bench precheck` (medians go to docs/benchmarks.md,
//! section "Pre-check (native)").

use criterion::{Criterion, criterion_group, criterion_main};
use sme_precheck::catalogue::Catalogue;
use sme_precheck::i18n::Lang;
use sme_precheck::precheck::{Options, evaluate_json_with, evaluate_with};
use sme_precheck::profile::Profile;
use std::hint::black_box;

const PROFILE: &str = include_str!("../tests/fixtures/precheck/profiles/growth_software.json");

fn bench(c: &mut Criterion) {
    let profile = Profile::from_json(PROFILE).unwrap();
    let catalogue = Catalogue::default_catalogue();
    let mut group = c.benchmark_group("precheck");
    group.bench_function("evaluate/with_schedules", |b| {
        b.iter(|| {
            evaluate_with(
                black_box(&profile),
                catalogue,
                Lang::ZhHans,
                Options { schedules: true },
            )
        })
    });
    group.bench_function("evaluate/summary_only", |b| {
        b.iter(|| {
            evaluate_with(
                black_box(&profile),
                catalogue,
                Lang::ZhHans,
                Options { schedules: false },
            )
        })
    });
    group.bench_function("evaluate_json/with_schedules", |b| {
        b.iter(|| {
            evaluate_json_with(
                black_box(PROFILE),
                None,
                Lang::ZhHans,
                Options { schedules: true },
            )
            .unwrap()
        })
    });
    group.bench_function("evaluate_json/summary_only", |b| {
        b.iter(|| {
            evaluate_json_with(
                black_box(PROFILE),
                None,
                Lang::ZhHans,
                Options { schedules: false },
            )
            .unwrap()
        })
    });
    group.bench_function("parse_default_catalogue", |b| {
        b.iter(|| {
            Catalogue::from_json(black_box(sme_precheck::catalogue::DEFAULT_CATALOGUE_JSON))
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
