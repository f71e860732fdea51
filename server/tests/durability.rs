//! Nothing lost, nothing doubled: N = 10,000 records from 48 concurrent
//! clients retrying with the core's delivery policy, while the real server
//! binary is killed with SIGKILL twice and restarted on the same database.
//! Afterwards the stored total equals N exactly (ids, every field, every
//! cross-tab), the database passes its integrity check, and its files hold
//! no IP address, no user agent and no sentinel. Runs on SQLite and, when
//! `PRECHECK_TEST_POSTGRES_URL` is set, on PostgreSQL.

mod common;

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::client::{FeedbackClient, records};
use sme_precheck::anonymize::RetryPolicy;
use sme_precheck::anonymize::SeededRandom;
use sme_precheck_server::storage::{Filter, Storage};
use sme_precheck_server::validate::Schemas;

const N: usize = 10_000;
const CLIENTS: usize = 48;
const UA: &str = "SentinelBrowser/9.9 (ZZQX-UA)";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn spawn_server(port: u16, url: &str, partners: &std::path::Path, log: &std::path::Path) -> Child {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .unwrap();
    Command::new(env!("CARGO_BIN_EXE_precheck-server"))
        .args(["--port", &port.to_string(), "--database-url", url])
        .args(["--admin-token", "t", "--rate-limit", "0"])
        .arg("--partners")
        .arg(partners)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("start precheck-server")
}

/// The last lines of the servers' stderr (why a commit failed, say).
fn log_tail(log: &std::path::Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(20)..].join("\n")
}

async fn wait_ready(port: u16) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("server did not listen on {port}");
}

async fn wait_for(acked: &AtomicUsize, n: usize, log: &std::path::Path) {
    let start = Instant::now();
    while acked.load(Ordering::Relaxed) < n {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "stalled at {}; the server's log ends with:\n{}",
            acked.load(Ordering::Relaxed),
            log_tail(log)
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

async fn kill_and_restart_twice(url: &str) {
    let dir = common::scratch_dir("kill");
    let port = free_port();
    let origin = format!("http://127.0.0.1:{port}");
    let partners = dir.join("partners.json");
    std::fs::write(&partners, format!(r#"{{"bank-site":["{origin}"]}}"#)).unwrap();
    let log = dir.join("server.log");

    let schemas = Schemas::builtin();
    let schema = schemas.get(schemas.default_survey()).unwrap().clone();
    let bodies = records(&schema, "bank-site", &common::week_ago(0), N, 0x5eed);
    let mut server = spawn_server(port, url, &partners, &log);
    wait_ready(port).await;

    let acked = Arc::new(AtomicUsize::new(0));
    let duplicates = Arc::new(AtomicUsize::new(0));
    let retried = Arc::new(AtomicUsize::new(0));
    let client =
        FeedbackClient::new(&format!("{origin}/v1/feedback"), Some(&origin)).with_user_agent(UA);
    let deadline = Instant::now() + Duration::from_secs(150);
    let mut tasks = Vec::new();
    for c in 0..CLIENTS {
        let mine: Vec<_> = bodies.iter().skip(c).step_by(CLIENTS).cloned().collect();
        let (client, acked, duplicates, retried, log) = (
            client.clone(),
            acked.clone(),
            duplicates.clone(),
            retried.clone(),
            log.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let policy = RetryPolicy::default();
            let mut rng = SeededRandom::new(0x9e37_79b9 + c as u64);
            for body in mine {
                let d = client.deliver(body, &policy, &mut rng, deadline).await;
                assert_eq!(
                    d.status,
                    Some(202),
                    "record not delivered: {d:?}; the server's log ends with:\n{}",
                    log_tail(&log)
                );
                acked.fetch_add(1, Ordering::Relaxed);
                duplicates.fetch_add(usize::from(d.duplicate), Ordering::Relaxed);
                retried.fetch_add(usize::from(d.attempts > 1), Ordering::Relaxed);
            }
        }));
    }
    for fraction in [4, 2] {
        wait_for(&acked, N / fraction, &log).await;
        server.kill().unwrap(); // SIGKILL
        server.wait().unwrap();
        tokio::time::sleep(Duration::from_millis(150)).await;
        server = spawn_server(port, url, &partners, &log);
        wait_ready(port).await;
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(acked.load(Ordering::Relaxed), N);
    assert!(
        retried.load(Ordering::Relaxed) > 0,
        "the kills interrupted some sends"
    );
    // Graceful stop (SIGTERM) before reading the files.
    let _ = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status();
    server.wait().unwrap();

    let storage = Storage::open(url).await.unwrap();
    assert_eq!(storage.record_ids().await.unwrap(), N as i64, "{url}: ids");
    let filter = Filter {
        survey: schema.survey.clone(),
        ..Default::default()
    };
    let counts = storage.field_counts(&filter).await.unwrap();
    for f in &schema.fields {
        let total: i64 = counts
            .iter()
            .filter(|((name, _), _)| *name == f.name)
            .map(|(_, n)| n)
            .sum();
        assert_eq!(total, N as i64, "{url}: field {}", f.name);
    }
    let cross = storage.cross_counts(&filter).await.unwrap();
    for (a, b) in &schema.cross_tabs {
        let total: i64 = cross
            .iter()
            .filter(|(c, _)| c.field_a == *a && c.field_b == *b)
            .map(|(_, n)| n)
            .sum();
        assert_eq!(total, N as i64, "{url}: cross-tab {a}×{b}");
    }
    storage.integrity_check().await.unwrap();
    storage.close().await;
    eprintln!(
        "{url}: {N} records, {} retried, {} answered duplicate after a lost reply",
        retried.load(Ordering::Relaxed),
        duplicates.load(Ordering::Relaxed)
    );

    if let Some(path) = url.strip_prefix("sqlite:") {
        let db_dir = std::path::Path::new(path).parent().unwrap();
        for entry in std::fs::read_dir(db_dir).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "log" || e == "json") {
                continue;
            }
            let bytes = std::fs::read(&p).unwrap();
            for needle in [&b"127.0.0.1"[..], b"ZZQX", b"SentinelBrowser"] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "{} contains {needle:?}",
                    p.display()
                );
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_lost_nothing_doubled_across_two_sigkills() {
    for url in common::databases("kill-db").await {
        kill_and_restart_twice(&url).await;
    }
}
