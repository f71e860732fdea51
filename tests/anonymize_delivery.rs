//! The shared retry policy against a simulated unreliable server, in virtual
//! time: 10,000 records from 50 concurrent clients while the server crashes
//! twice, sheds load with 503/429 + `Retry-After`, answers 502 from a proxy,
//! and loses some responses after committing. Every record must be stored
//! exactly once (the server de-duplicates on the id), none dropped, waits
//! must honour `Retry-After`, and everything must be delivered in bounded
//! time. The real-socket version with SIGKILL is the server's durability test.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

use sme_precheck::anonymize::{
    Disposition, RandomSource, RetryPolicy, SeededRandom, classify, uuid_v4,
};

/// What the simulated server does with one request at time `t`.
struct Server {
    committed: HashSet<String>,
    duplicates: u32,
    down: Vec<(u64, u64)>,
}

/// `(status, retry_after)`; `None` status = network error.
fn serve(
    server: &mut Server,
    id: &str,
    t: u64,
    rng: &mut SeededRandom,
) -> (Option<u16>, Option<u32>) {
    if server.down.iter().any(|&(a, b)| (a..b).contains(&t)) {
        return (None, None); // killed: connection refused
    }
    let roll = rng.next_f64();
    if roll < 0.05 {
        return (Some(503), Some(1)); // queue full
    }
    if roll < 0.08 {
        return (Some(429), Some(2)); // rate limited
    }
    if roll < 0.10 {
        return (Some(502), None); // proxy
    }
    if roll < 0.11 {
        return (None, None); // request lost before the server
    }
    // Committed (202 only after commit); de-duplicated on the id.
    if !server.committed.insert(id.to_owned()) {
        server.duplicates += 1;
    }
    if roll < 0.13 {
        return (None, None); // committed, but the response is lost
    }
    (Some(202), None)
}

#[test]
fn ten_thousand_records_through_crashes_are_stored_exactly_once() {
    const CLIENTS: usize = 50;
    const PER_CLIENT: usize = 200;
    let mut rng = SeededRandom::new(4242);
    let policy = RetryPolicy::default();
    let mut server = Server {
        committed: HashSet::new(),
        duplicates: 0,
        down: vec![(20_000, 25_000), (60_000, 63_000)],
    };
    // Each client: its queue of record ids, the failed attempts of the head.
    let mut queues: Vec<Vec<String>> = (0..CLIENTS)
        .map(|_| (0..PER_CLIENT).map(|_| uuid_v4(&mut rng)).collect())
        .collect();
    let mut attempts = [0u32; CLIENTS];
    let mut events: BinaryHeap<Reverse<(u64, usize)>> =
        (0..CLIENTS).map(|c| Reverse((c as u64, c))).collect();
    let (mut dropped, mut sends, mut end) = (0u32, 0u64, 0u64);
    while let Some(Reverse((t, c))) = events.pop() {
        let Some(id) = queues[c].last().cloned() else {
            continue;
        };
        sends += 1;
        // Each request takes 5–15 ms of virtual time.
        let done_at = t + 5 + u64::from(rng.below(11));
        let (status, retry_after) = serve(&mut server, &id, t, &mut rng);
        match classify(status) {
            Disposition::Done => {
                queues[c].pop();
                attempts[c] = 0;
                events.push(Reverse((done_at, c)));
            }
            Disposition::Drop => {
                queues[c].pop();
                dropped += 1;
                events.push(Reverse((done_at, c)));
            }
            Disposition::Retry => {
                let wait = policy.backoff_ms(attempts[c], retry_after, rng.next_f64());
                if let Some(s) = retry_after {
                    assert!(
                        wait >= u64::from(s) * 1000,
                        "Retry-After {s}s not honoured: {wait} ms"
                    );
                }
                assert!(
                    wait <= policy
                        .cap_ms
                        .max(u64::from(policy.max_retry_after_secs) * 1000 + 1000)
                );
                attempts[c] += 1;
                events.push(Reverse((done_at + wait, c)));
            }
        }
        end = end.max(done_at);
    }
    let n = CLIENTS * PER_CLIENT;
    assert_eq!(dropped, 0, "retryable failures must never drop a record");
    assert!(queues.iter().all(Vec::is_empty));
    assert_eq!(
        server.committed.len(),
        n,
        "stored total must equal N exactly"
    );
    assert!(
        server.duplicates > 0,
        "the simulation must exercise de-duplication"
    );
    assert!(sends > n as u64, "the simulation must exercise retries");
    assert!(end < 3_600_000, "delivery took {end} ms of virtual time");
}

#[test]
fn permanent_refusals_are_dropped_not_retried() {
    for status in [400, 413, 422] {
        assert_eq!(classify(Some(status)), Disposition::Drop);
    }
    // A retried record's waits grow until the cap and never exceed it.
    let policy = RetryPolicy::default();
    let mut rng = SeededRandom::new(1);
    let mut worst = 0;
    for attempt in 0..40 {
        let w = policy.backoff_ms(attempt, None, rng.next_f64());
        assert!(w <= policy.cap_ms);
        worst = worst.max(w);
    }
    assert!(worst > policy.cap_ms / 2, "the cap is reached: {worst}");
}
