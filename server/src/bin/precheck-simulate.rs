//! `precheck-simulate`: simulated feedback with a known truth, for checking
//! the dashboard's trends, and the accuracy table of the privacy notes.
//!
//! `precheck-simulate [OPTIONS]` draws `--records` true answers (default
//! 20,000) over the `--weeks` ISO weeks ending with `--end-week` (default 12
//! weeks up to the current one) for two partners, randomizes every field with
//! the anonymizer's k-ary randomized response (`randomize_index`, each
//! field's k and ε from the record schema), validates each record with the
//! server's schema check and commits it straight into storage
//! (`--database-url`, default `sqlite:./data/simulated.db`). Every field
//! follows a fixed, skewed distribution except the followed one
//! (`--field`, `--value`, default `interest.tax_loan` = `yes`, or the first
//! yes/no field when the schema has no such option), whose true
//! share moves linearly across the weeks: 30 % → 55 % at `bank-site`,
//! 45 % → 70 % at `vc-portal-1`. `vc-portal-1` joins in the first week with
//! a handful of records (a week too small to show) and then sends 30 % of
//! the records. `--truth FILE` writes the true shares per week and partner
//! as JSON; the summary printed at the end lists them.
//!
//! `precheck-simulate accuracy [--n 1000,10000]` prints, for every field of
//! the built-in record schemas, the half-width of the 95 % interval at those
//! record counts (at the field's uniform share and at the worst share), as
//! the Markdown table quoted in docs/privacy.md.
//!
//! ```text
//! cargo run --release -p sme-precheck-server --bin precheck-simulate -- \
//!     --database-url sqlite:/tmp/sim/feedback.db --truth /tmp/sim/truth.json
//! cargo run --release -p sme-precheck-server --bin precheck-simulate -- accuracy
//! ```

use std::collections::BTreeMap;

use serde_json::{Value, json};
use sme_precheck::anonymize::estimate::wilson;
use sme_precheck::anonymize::{
    FieldSpec, IsoWeek, RandomSource, RecordSchema, SeededRandom, Z95, randomize_index,
    rr_probabilities, uuid_v4,
};
use sme_precheck_server::record::Accepted;
use sme_precheck_server::storage::Storage;
use sme_precheck_server::validate::Schemas;
use sme_precheck_server::window::Clock;

const USAGE: &str = "\
precheck-simulate [--database-url URL] [--records N] [--weeks W] [--end-week YYYY-Www]
                  [--field NAME] [--value V] [--seed S] [--truth FILE]
precheck-simulate accuracy [--n N1,N2,...]";

/// The two simulated partners: id, share of the records from the second week
/// on, true share of the followed value in the first and in the last week.
const PARTNERS: [(&str, f64, f64, f64); 2] = [
    ("bank-site", 0.7, 0.30, 0.55),
    ("vc-portal-1", 0.3, 0.45, 0.70),
];

/// The value followed unless `--field` says otherwise.
const DEFAULT_FIELD: &str = "interest.tax_loan";

/// Share of the first week's records that come from the second partner.
const FIRST_WEEK_SECOND_PARTNER: f64 = 0.03;

struct Opts {
    database_url: String,
    records: usize,
    weeks: usize,
    end_week: Option<IsoWeek>,
    field: Option<String>,
    value: String,
    seed: u64,
    truth: Option<std::path::PathBuf>,
}

fn parse(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts {
        database_url: "sqlite:./data/simulated.db".into(),
        records: 20_000,
        weeks: 12,
        end_week: None,
        field: None,
        value: "yes".into(),
        seed: 2026,
        truth: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut v = || it.next().cloned().ok_or(format!("{a} needs a value"));
        let num = |s: String| {
            s.parse::<u64>()
                .map_err(|_| format!("{a}: `{s}` is not a whole number"))
        };
        match a.as_str() {
            "--database-url" => o.database_url = v()?,
            "--records" => o.records = num(v()?)? as usize,
            "--weeks" => o.weeks = num(v()?)? as usize,
            "--end-week" => o.end_week = Some(v()?.parse().map_err(|e| format!("{a}: {e}"))?),
            "--field" => o.field = Some(v()?),
            "--value" => o.value = v()?,
            "--seed" => o.seed = num(v()?)?,
            "--truth" => o.truth = Some(v()?.into()),
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown option `{other}`\n{USAGE}")),
        }
    }
    if o.weeks == 0 || o.records < o.weeks {
        return Err("--weeks must be at least 1 and --records at least --weeks".into());
    }
    Ok(o)
}

/// A fixed, skewed distribution over `k` values: weights 0.6^j, normalized.
fn skewed(k: usize) -> Vec<f64> {
    let w: Vec<f64> = (0..k).map(|j| 0.6f64.powi(j as i32)).collect();
    let s: f64 = w.iter().sum();
    w.iter().map(|x| x / s).collect()
}

/// `k` values where `index` has share `share` and the others split the rest.
fn with_share(k: usize, index: usize, share: f64) -> Vec<f64> {
    let rest = (1.0 - share) / (k - 1).max(1) as f64;
    (0..k)
        .map(|j| if j == index { share } else { rest })
        .collect()
}

fn draw(dist: &[f64], rng: &mut SeededRandom) -> usize {
    let mut u = rng.next_f64();
    for (j, &f) in dist.iter().enumerate() {
        if u < f {
            return j;
        }
        u -= f;
    }
    dist.len() - 1
}

/// The true share of the followed value at `partner` in week `w` of `weeks`.
fn true_share(partner: usize, w: usize, weeks: usize) -> f64 {
    let (_, _, first, last) = PARTNERS[partner];
    let t = if weeks > 1 {
        w as f64 / (weeks - 1) as f64
    } else {
        0.0
    };
    first + (last - first) * t
}

/// The share of week `w`'s records sent through each partner.
fn partner_mix(w: usize) -> [f64; 2] {
    let second = if w == 0 {
        FIRST_WEEK_SECOND_PARTNER
    } else {
        PARTNERS[1].1
    };
    [1.0 - second, second]
}

/// One randomized record of `schema` as JSON: true values drawn from
/// `truth` per field, each randomized by k-ary randomized response.
fn record(
    schema: &RecordSchema,
    truth: &[Vec<f64>],
    partner: &str,
    week: &str,
    rng: &mut SeededRandom,
) -> Value {
    let mut fields = serde_json::Map::new();
    for (f, dist) in schema.fields.iter().zip(truth) {
        let reported = randomize_index(draw(dist, rng), f.k(), f.epsilon, rng);
        fields.insert(f.name.clone(), Value::String(f.values[reported].clone()));
    }
    json!({
        "v": 1, "id": uuid_v4(rng), "week": week, "partner": partner,
        "survey": schema.survey, "fields": fields,
    })
}

async fn simulate(o: Opts) -> Result<(), String> {
    let schemas = Schemas::builtin();
    let schema = schemas
        .get(schemas.default_survey())
        .ok_or("no built-in survey")?
        .clone();
    // Default: `interest.tax_loan`, or the first yes/no field if the
    // schema has no such option.
    let followed = match &o.field {
        Some(name) => schema.fields.iter().position(|f| &f.name == name),
        None => schema
            .fields
            .iter()
            .position(|f| f.name == DEFAULT_FIELD)
            .or_else(|| schema.fields.iter().position(|f| f.values == ["yes", "no"])),
    }
    .ok_or_else(|| format!("--field: no such field in {}", schema.survey))?;
    let field = schema.fields[followed].name.clone();
    let value = schema.fields[followed]
        .index_of(&o.value)
        .ok_or_else(|| format!("--value: `{}` is not a value of {field}", o.value))?;
    let end = o.end_week.unwrap_or_else(|| Clock::default().week());
    // The weeks, oldest first, ending with `end`: walk forward from a week
    // surely earlier and keep the last ones.
    let mut weeks = Vec::new();
    let mut w = IsoWeek {
        year: end.year - 1 - (o.weeks / 52) as i32,
        week: 1,
    };
    while w <= end {
        weeks.push(w);
        w = w.next();
    }
    let weeks = weeks.split_off(weeks.len() - o.weeks);
    let storage = Storage::open(&o.database_url)
        .await
        .map_err(|e| format!("{}: {e}", o.database_url))?;
    let mut rng = SeededRandom::new(o.seed);
    let base: Vec<Vec<f64>> = schema.fields.iter().map(|f| skewed(f.k())).collect();
    let mut report = Vec::new();
    let per_week = o.records / o.weeks;
    for (w, week) in weeks.iter().enumerate() {
        let n = if w + 1 == o.weeks {
            o.records - per_week * (o.weeks - 1)
        } else {
            per_week
        };
        let week = week.to_string();
        let mix = partner_mix(w);
        let mut sent = [0usize; 2];
        let mut batch: Vec<Accepted> = Vec::with_capacity(1000);
        for _ in 0..n {
            let p = usize::from(rng.next_f64() >= mix[0]);
            sent[p] += 1;
            let mut truth = base.clone();
            truth[followed] = with_share(
                schema.fields[followed].k(),
                value,
                true_share(p, w, o.weeks),
            );
            let r = record(&schema, &truth, PARTNERS[p].0, &week, &mut rng);
            let accepted = schemas
                .check(r.to_string().as_bytes())
                .map_err(|e| format!("simulated record refused: {e}"))?;
            batch.push(accepted);
            if batch.len() == 1000 {
                commit(&storage, &mut batch).await?;
            }
        }
        commit(&storage, &mut batch).await?;
        let pooled = mix[0] * true_share(0, w, o.weeks) + mix[1] * true_share(1, w, o.weeks);
        let partners: BTreeMap<&str, Value> = PARTNERS
            .iter()
            .enumerate()
            .map(|(i, (id, ..))| {
                (
                    *id,
                    json!({ "records": sent[i], "truth": true_share(i, w, o.weeks) }),
                )
            })
            .collect();
        report.push(json!({
            "week": week, "records": n, "truth": pooled, "partners": partners,
        }));
    }
    storage.close().await;
    let out = json!({
        "survey": schema.survey, "field": field, "value": o.value,
        "records": o.records, "weeks": report,
    });
    if let Some(path) = &o.truth {
        std::fs::write(path, serde_json::to_string_pretty(&out).unwrap_or_default())
            .map_err(|e| format!("--truth {}: {e}", path.display()))?;
    }
    println!(
        "precheck-simulate: {} records over {} weeks into {}; true share of {} = {}:",
        o.records,
        o.weeks,
        sme_precheck_server::redact(&o.database_url),
        field,
        o.value
    );
    println!("| week | records | true share (all) | bank-site | vc-portal-1 (records) |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for r in &report {
        println!(
            "| {} | {} | {:.1} % | {:.1} % | {:.1} % ({}) |",
            r["week"].as_str().unwrap_or_default(),
            r["records"],
            r["truth"].as_f64().unwrap_or_default() * 100.0,
            r["partners"]["bank-site"]["truth"]
                .as_f64()
                .unwrap_or_default()
                * 100.0,
            r["partners"]["vc-portal-1"]["truth"]
                .as_f64()
                .unwrap_or_default()
                * 100.0,
            r["partners"]["vc-portal-1"]["records"],
        );
    }
    Ok(())
}

async fn commit(storage: &Storage, batch: &mut Vec<Accepted>) -> Result<(), String> {
    if batch.is_empty() {
        return Ok(());
    }
    let refs: Vec<&Accepted> = batch.iter().collect();
    storage.commit(&refs).await.map_err(|e| e.to_string())?;
    batch.clear();
    Ok(())
}

/// Half-width (percentage points) of the 95 % interval of a share `share`
/// of field `f` at `n` records: the Wilson interval of the report rate that
/// share gives, mapped through the de-biasing (unclipped).
fn half_width(f: &FieldSpec, share: f64, n: f64) -> f64 {
    let (p, q) = rr_probabilities(f.k(), f.epsilon);
    let (lo, hi) = wilson(q + (p - q) * share, n, Z95);
    (hi - lo) / 2.0 / (p - q) * 100.0
}

fn accuracy(args: &[String]) -> Result<(), String> {
    let mut ns = vec![1_000.0, 10_000.0];
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--n" => {
                let v = it.next().ok_or("--n needs a value")?;
                ns = v
                    .split(',')
                    .map(|s| s.trim().parse::<f64>().map_err(|_| format!("--n: `{s}`")))
                    .collect::<Result<_, _>>()?;
            }
            other => return Err(format!("unknown option `{other}`\n{USAGE}")),
        }
    }
    let schemas = Schemas::builtin();
    for schema in schemas.surveys() {
        println!(
            "Record schema `{}`: half-width of the 95 % interval, percentage points (at the uniform share 1/k; at the worst share)\n",
            schema.survey
        );
        let mut head = String::from("| field | k | ε |");
        let mut rule = String::from("| --- | ---: | ---: |");
        for n in &ns {
            head.push_str(&format!(" N = {n:.0}: 1/k | worst |"));
            rule.push_str(" ---: | ---: |");
        }
        println!("{head}\n{rule}");
        // Options of one multiple-choice question (`prefix.option`, same k
        // and ε) share one row.
        let mut rows: Vec<(String, &FieldSpec, usize)> = Vec::new();
        for f in &schema.fields {
            let group = f.name.split_once('.').map(|(p, _)| format!("{p}.*"));
            match (group, rows.last_mut()) {
                (Some(g), Some((name, last, count)))
                    if *name == g && last.k() == f.k() && last.epsilon == f.epsilon =>
                {
                    *count += 1;
                }
                (Some(g), _) => rows.push((g, f, 1)),
                (None, _) => rows.push((f.name.clone(), f, 1)),
            }
        }
        for (name, f, count) in rows {
            let name = if count > 1 {
                format!("`{name}` ({count} options)")
            } else {
                format!("`{}`", f.name)
            };
            let mut row = format!("| {name} | {} | {} |", f.k(), f.epsilon);
            for &n in &ns {
                let uniform = half_width(f, 1.0 / f.k() as f64, n);
                // The widest interval is at the report rate nearest 1/2.
                let worst = (0..=100)
                    .map(|i| half_width(f, i as f64 / 100.0, n))
                    .fold(0.0, f64::max);
                row.push_str(&format!(" ±{uniform:.1} | ±{worst:.1} |"));
            }
            println!("{row}");
        }
        println!();
    }
    Ok(())
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.first().map(String::as_str) == Some("accuracy") {
        accuracy(&args[1..])
    } else {
        match parse(&args) {
            Ok(o) => simulate(o).await,
            Err(e) => Err(e),
        }
    };
    if let Err(e) = result {
        eprintln!("precheck-simulate: {e}");
        std::process::exit(2);
    }
}
