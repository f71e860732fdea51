//! `precheck-load`: measures the feedback server on this machine.
//!
//! For each database URL it starts the real server binary on a free loopback
//! port (rate limit off), then measures
//!
//! 1. closed loop: `--concurrency` clients posting fresh records back to back
//!    for `--duration` seconds → durable submissions per second (every 202 is
//!    a committed record);
//! 2. open loop: records sent at a fixed `--rate` per second for
//!    `--duration` seconds, each latency counted from its scheduled send time
//!    (no coordinated omission) → p50 / p99 / max.
//!
//! Rounds alternate between the URLs (`--rounds`), so SQLite and the same
//! server with storage switched off (`none:`) are measured side by side; the
//! median round is reported.
//!
//! ```text
//! cargo build --release -p sme-precheck-server
//! target/release/precheck-load --server-bin target/release/precheck-server \
//!     --databases sqlite:/tmp/load.db,none: --duration 10 --rounds 3
//! ```

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::body::Bytes;
// The retrying delivery in it serves the server's durability test.
#[allow(dead_code)]
mod client;

use client::{FeedbackClient, records};
use sme_precheck_server::validate::Schemas;

struct Opts {
    server_bin: PathBuf,
    databases: Vec<String>,
    duration: f64,
    concurrency: usize,
    rate: f64,
    rounds: usize,
}

fn parse() -> Result<Opts, String> {
    let mut o = Opts {
        server_bin: PathBuf::from("target/release/precheck-server"),
        databases: vec![
            "sqlite:/tmp/precheck-load/feedback.db".into(),
            "none:".into(),
        ],
        duration: 10.0,
        concurrency: 64,
        rate: 2000.0,
        rounds: 3,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut v = || it.next().cloned().ok_or(format!("{a} needs a value"));
        let num = |s: String| {
            s.parse::<f64>()
                .map_err(|_| format!("{a}: `{s}` is not a number"))
        };
        match a.as_str() {
            "--server-bin" => o.server_bin = PathBuf::from(v()?),
            "--databases" => o.databases = v()?.split(',').map(str::to_string).collect(),
            "--duration" => o.duration = num(v()?)?,
            "--concurrency" => o.concurrency = num(v()?)? as usize,
            "--rate" => o.rate = num(v()?)?,
            "--rounds" => o.rounds = num(v()?)? as usize,
            "-h" | "--help" => {
                println!(
                    "precheck-load --server-bin PATH --databases URL[,URL...] [--duration S] \
                     [--concurrency N] [--rate R] [--rounds K]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    if o.duration <= 0.0 || o.concurrency == 0 || o.rate <= 0.0 || o.rounds == 0 {
        return Err("--duration, --concurrency, --rate and --rounds must be positive".into());
    }
    Ok(o)
}

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

async fn start(bin: &PathBuf, db: &str) -> Result<Server, String> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let dir = std::env::temp_dir().join("precheck-load");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let partners = dir.join(format!("partners-{port}.json"));
    std::fs::write(&partners, r#"{"bank-site":["http://127.0.0.1:{port}"]}"#)
        .map_err(|e| e.to_string())?;
    let child = Command::new(bin)
        .args([
            "--port",
            &port.to_string(),
            "--database-url",
            db,
            "--admin-token",
            "load",
        ])
        .args(["--rate-limit", "0"])
        .arg("--partners")
        .arg(&partners)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    let s = Server {
        child,
        url: format!("http://127.0.0.1:{port}/v1/feedback"),
    };
    let t0 = Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        if t0.elapsed() > Duration::from_secs(30) {
            return Err("server did not start".into());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(s)
}

fn bodies(n: usize, seed: u64) -> Vec<Bytes> {
    let schemas = Schemas::builtin();
    let schema = schemas
        .get(schemas.default_survey())
        .cloned()
        .unwrap_or_else(|| {
            eprintln!("no default schema");
            std::process::exit(1)
        });
    let week = sme_precheck_server::window::Clock::default()
        .week()
        .to_string();
    records(&schema, "bank-site", &week, n, seed)
}

/// Closed loop: returns (accepted per second, non-202 answers).
async fn closed_loop(
    url: &str,
    concurrency: usize,
    secs: f64,
    pool: Arc<Vec<Bytes>>,
) -> (f64, usize) {
    let client = FeedbackClient::new(url, None);
    let next = Arc::new(AtomicUsize::new(0));
    let ok = Arc::new(AtomicUsize::new(0));
    let bad = Arc::new(AtomicUsize::new(0));
    let end = Instant::now() + Duration::from_secs_f64(secs);
    let t0 = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (client, next, ok, bad, pool) = (
            client.clone(),
            next.clone(),
            ok.clone(),
            bad.clone(),
            pool.clone(),
        );
        tasks.push(tokio::spawn(async move {
            while Instant::now() < end {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(body) = pool.get(i) else { break };
                let (a, _) = client.post(body.clone()).await;
                if a.status == Some(202) {
                    ok.fetch_add(1, Ordering::Relaxed);
                } else {
                    bad.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = t0.elapsed().as_secs_f64();
    (
        ok.load(Ordering::Relaxed) as f64 / elapsed,
        bad.load(Ordering::Relaxed),
    )
}

/// Open loop at `rate`/s: returns (sorted latencies in ms, non-202 answers).
async fn open_loop(url: &str, rate: f64, secs: f64, pool: Arc<Vec<Bytes>>) -> (Vec<f64>, usize) {
    let client = FeedbackClient::new(url, None);
    let n = ((rate * secs) as usize).min(pool.len());
    let interval = Duration::from_secs_f64(1.0 / rate);
    let t0 = Instant::now();
    let mut tasks = Vec::with_capacity(n);
    for (i, body) in pool.iter().take(n).enumerate() {
        let scheduled = t0 + interval * i as u32;
        tokio::time::sleep_until(scheduled.into()).await;
        let client = client.clone();
        let body = body.clone();
        tasks.push(tokio::spawn(async move {
            let (a, _) = client.post(body).await;
            (
                scheduled.elapsed().as_secs_f64() * 1000.0,
                a.status == Some(202),
            )
        }));
    }
    let mut lat = Vec::with_capacity(n);
    let mut bad = 0;
    for t in tasks {
        if let Ok((ms, ok)) = t.await {
            lat.push(ms);
            bad += usize::from(!ok);
        }
    }
    lat.sort_by(f64::total_cmp);
    (lat, bad)
}

/// One round's figures: throughput, p50, p99, max latency, non-202 answers.
type Round = (f64, f64, f64, f64, usize);

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::main]
async fn main() {
    let o = match parse() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("precheck-load: {e}");
            std::process::exit(2);
        }
    };
    let mut results: Vec<Vec<Round>> = vec![Vec::new(); o.databases.len()];
    for round in 0..o.rounds {
        for (d, db) in o.databases.iter().enumerate() {
            let server = match start(&o.server_bin, db).await {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("precheck-load: {db}: {e}");
                    std::process::exit(1);
                }
            };
            // Warm-up, then the two measurements on fresh ids.
            let seed = (round * 100 + d) as u64 + 1;
            let warm = Arc::new(bodies(2000, seed * 7));
            closed_loop(&server.url, o.concurrency, 1.0, warm).await;
            let pool = Arc::new(bodies((60_000.0 * o.duration) as usize, seed * 13));
            let (tput, bad1) = closed_loop(&server.url, o.concurrency, o.duration, pool).await;
            let pool = Arc::new(bodies((o.rate * o.duration) as usize + 1, seed * 17));
            let (lat, bad2) = open_loop(&server.url, o.rate, o.duration, pool).await;
            let (p50, p99, max) = (pct(&lat, 0.5), pct(&lat, 0.99), pct(&lat, 1.0));
            println!(
                "round {} {:<40} closed-loop {:>8.0}/s  open-loop {:.0}/s p50 {:>6.2} ms p99 {:>7.2} ms max {:>7.2} ms  non-202 {}",
                round + 1,
                sme_precheck_server::redact(db),
                tput,
                o.rate,
                p50,
                p99,
                max,
                bad1 + bad2
            );
            results[d].push((tput, p50, p99, max, bad1 + bad2));
            drop(server);
        }
    }
    println!();
    println!(
        "| storage | durable submissions/s (closed loop, {} clients, median of {}) | ratio to no storage (none:) | open loop {:.0}/s: p50 | p99 | max | non-202 |",
        o.concurrency, o.rounds, o.rate
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let memory = o
        .databases
        .iter()
        .position(|d| d.starts_with("none"))
        .map(|i| median(results[i].iter().map(|r| r.0).collect()));
    for (d, db) in o.databases.iter().enumerate() {
        let r = &results[d];
        let tput = median(r.iter().map(|x| x.0).collect());
        let ratio = memory
            .map(|m| format!("{:.2}", tput / m))
            .unwrap_or_else(|| "-".into());
        println!(
            "| {} | {:.0} | {} | {:.2} ms | {:.2} ms | {:.2} ms | {} |",
            sme_precheck_server::redact(db),
            tput,
            ratio,
            median(r.iter().map(|x| x.1).collect()),
            median(r.iter().map(|x| x.2).collect()),
            median(r.iter().map(|x| x.3).collect()),
            r.iter().map(|x| x.4).sum::<usize>()
        );
    }
}
