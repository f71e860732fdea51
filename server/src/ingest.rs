//! The bounded ingest queue and the group-commit writer task.
//!
//! Handlers [`Ingest::submit`] a validated record and wait; one writer task
//! drains the queue, commits up to `max_batch` records in one transaction and
//! only then answers each waiter, so a 202 always means "committed". A full
//! queue is refused at once (503 + `Retry-After`), never buffered without
//! bound. On shutdown the queue is closed to new records and drained.
//!
//! The writer also deletes the record ids of weeks that left the window:
//! before a commit whenever the oldest accepted week has changed, and at
//! least once an hour when no records arrive.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Semaphore, mpsc, oneshot, watch};
use tokio::task::JoinHandle;

use crate::error::ApiError;
use crate::record::Accepted;
use crate::storage::Storage;
use crate::window::{Clock, Window};

/// What the writer prunes by: the window of weeks and the clock.
#[derive(Debug, Clone, Default)]
pub struct Pruning {
    /// Weeks whose record ids are kept.
    pub window: Window,
    /// The clock the current week is read from.
    pub clock: Clock,
}

/// How often an idle writer checks whether a week left the window.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

struct Job {
    record: Accepted,
    reply: oneshot::Sender<Result<bool, ()>>,
}

/// Handle to the queue; cheap to share behind an `Arc`.
pub struct Ingest {
    tx: mpsc::Sender<Job>,
    stop: watch::Sender<bool>,
}

/// What a committed submission was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The id was new; its increments were committed.
    Stored,
    /// The id had been stored before; nothing was added.
    Duplicate,
}

impl Ingest {
    /// Starts the writer task over `storage`.
    pub fn start(
        storage: Arc<Storage>,
        capacity: usize,
        max_batch: usize,
        pruning: Pruning,
    ) -> (Arc<Ingest>, JoinHandle<()>) {
        Ingest::start_gated(storage, capacity, max_batch, pruning, None)
    }

    /// Like [`Ingest::start`], but the writer takes one permit of `gate`
    /// before each commit (tests hold the writer back to fill the queue).
    pub fn start_gated(
        storage: Arc<Storage>,
        capacity: usize,
        max_batch: usize,
        pruning: Pruning,
        gate: Option<Arc<Semaphore>>,
    ) -> (Arc<Ingest>, JoinHandle<()>) {
        let (tx, rx) = mpsc::channel(capacity);
        let (stop, stop_rx) = watch::channel(false);
        let handle = tokio::spawn(writer(
            storage,
            rx,
            stop_rx,
            max_batch.max(1),
            Pruner::new(pruning),
            gate,
        ));
        (Arc::new(Ingest { tx, stop }), handle)
    }

    /// Queues a record and waits until its batch has committed.
    pub async fn submit(&self, record: Accepted) -> Result<Outcome, ApiError> {
        let (reply, wait) = oneshot::channel();
        match self.tx.try_send(Job { record, reply }) {
            Ok(()) => {}
            Err(mpsc::error::TrySendError::Full(_)) => {
                return Err(ApiError::unavailable(
                    "queue_full",
                    "the ingest queue is full; retry later",
                    1,
                ));
            }
            Err(mpsc::error::TrySendError::Closed(_)) => {
                return Err(ApiError::unavailable(
                    "shutting_down",
                    "the server is shutting down; retry later",
                    2,
                ));
            }
        }
        match wait.await {
            Ok(Ok(true)) => Ok(Outcome::Stored),
            Ok(Ok(false)) => Ok(Outcome::Duplicate),
            _ => Err(ApiError::unavailable(
                "storage_unavailable",
                "the record could not be stored; retry later",
                2,
            )),
        }
    }

    /// Closes the queue to new records; the writer drains what is queued and
    /// then ends (await its `JoinHandle`).
    pub fn shutdown(&self) {
        let _ = self.stop.send(true);
    }

    /// Records currently waiting in the queue.
    pub fn queued(&self) -> usize {
        self.tx.max_capacity() - self.tx.capacity()
    }
}

async fn writer(
    storage: Arc<Storage>,
    mut rx: mpsc::Receiver<Job>,
    mut stop: watch::Receiver<bool>,
    max_batch: usize,
    mut pruner: Pruner,
    gate: Option<Arc<Semaphore>>,
) {
    let mut batch: Vec<Job> = Vec::with_capacity(max_batch);
    let mut tick = tokio::time::interval(PRUNE_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        if let Some(g) = &gate {
            match g.acquire().await {
                Ok(p) => p.forget(),
                Err(_) => break,
            }
        }
        tokio::select! {
            biased;
            n = rx.recv_many(&mut batch, max_batch) => {
                if n == 0 {
                    break;
                }
            }
            _ = tick.tick() => {
                pruner.run(&storage).await;
                continue;
            }
            _ = stop.changed() => {
                rx.close();
                // recv_many keeps returning queued jobs until the queue is empty.
                while rx.recv_many(&mut batch, max_batch).await > 0 {
                    commit(&storage, &mut batch).await;
                }
                break;
            }
        }
        pruner.run(&storage).await;
        commit(&storage, &mut batch).await;
    }
}

/// Deletes the ids of weeks before the window once per change of the
/// oldest accepted week.
struct Pruner {
    pruning: Pruning,
    done_for: Option<String>,
}

impl Pruner {
    fn new(pruning: Pruning) -> Pruner {
        Pruner {
            pruning,
            done_for: None,
        }
    }

    async fn run(&mut self, storage: &Storage) {
        let oldest = self
            .pruning
            .window
            .oldest(self.pruning.clock.now_millis())
            .to_string();
        if self.done_for.as_deref() == Some(oldest.as_str()) {
            return;
        }
        match storage.prune_ids_before(&oldest).await {
            Ok(_) => self.done_for = Some(oldest),
            // Tried again before the next commit.
            Err(e) => eprintln!("precheck-server: pruning ids before {oldest} failed: {e}"),
        }
    }
}

async fn commit(storage: &Storage, batch: &mut Vec<Job>) {
    if batch.is_empty() {
        return;
    }
    let refs: Vec<&Accepted> = batch.iter().map(|j| &j.record).collect();
    let result = storage.commit(&refs).await;
    match result {
        Ok(new) => {
            for (job, is_new) in batch.drain(..).zip(new) {
                let _ = job.reply.send(Ok(is_new));
            }
        }
        Err(e) => {
            eprintln!(
                "precheck-server: commit of {} records failed: {e}",
                batch.len()
            );
            for job in batch.drain(..) {
                let _ = job.reply.send(Err(()));
            }
            // Give a failing database a moment before the next attempt.
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
