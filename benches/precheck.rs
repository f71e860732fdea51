//! Criterion benchmark: the whole default catalogue evaluated for one
//! representative profile (a growing software firm asking for ¥2,000,000
//! over 12 months, `tests/fixtures/precheck/profiles/growth_software.json`),
//! natively.
//!
//! Run: `cargo bench --bench precheck` (medians go to docs/benchmarks.md,
//! section "Pre-check (native)").
//!
//! Two groups: `precheck` measures wall-clock time (criterion's default);
//! `precheck_cpu` measures the benchmark thread's **CPU time**
//! (`CLOCK_THREAD_CPUTIME_ID`), which stays meaningful on a shared
//! machine where other jobs take the cores; wall time there counts the time
//! the thread waits for a core.

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use sme_precheck::catalogue::{Catalogue, DEFAULT_CATALOGUE_JSON};
use sme_precheck::i18n::Lang;
use sme_precheck::precheck::{Options, evaluate_json_with, evaluate_with};
use sme_precheck::profile::Profile;
use std::hint::black_box;

const PROFILE: &str = include_str!("../tests/fixtures/precheck/profiles/growth_software.json");

/// CPU time of the current thread in nanoseconds
/// (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)` through the `cpu-time` crate).
fn thread_cpu_ns() -> u64 {
    cpu_time::ThreadTime::now().as_duration().as_nanos() as u64
}

/// Criterion measurement: thread CPU time, reported like a duration.
struct ThreadCpuTime;

static WALL: WallTime = WallTime;

impl Measurement for ThreadCpuTime {
    type Intermediate = u64;
    type Value = u64;

    fn start(&self) -> u64 {
        thread_cpu_ns()
    }

    fn end(&self, start: u64) -> u64 {
        thread_cpu_ns().saturating_sub(start)
    }

    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }

    fn zero(&self) -> u64 {
        0
    }

    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        WALL.formatter()
    }
}

fn cases<M: Measurement>(group: &mut BenchmarkGroup<'_, M>) {
    let profile = Profile::from_json(PROFILE).unwrap();
    let catalogue = Catalogue::default_catalogue();
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
        b.iter(|| Catalogue::from_json(black_box(DEFAULT_CATALOGUE_JSON)).unwrap())
    });
}

fn wall(c: &mut Criterion) {
    let mut group = c.benchmark_group("precheck");
    cases(&mut group);
    group.finish();
}

fn cpu(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = c.benchmark_group("precheck_cpu");
    cases(&mut group);
    group.finish();
}

criterion_group!(wall_benches, wall);
criterion_group! {
    name = cpu_benches;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = cpu
}
criterion_main!(wall_benches, cpu_benches);
