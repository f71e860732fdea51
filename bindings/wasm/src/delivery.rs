//! The browser's feedback outbox: nothing lost, nothing
//! doubled.
//!
//! - A record is **stored before its first send**: IndexedDB (database
//!   `sme-precheck`, store `outbox`, key = record id), falling back to
//!   `localStorage` (keys `sme-precheck-outbox:<id>`), then to memory.
//! - It is sent with `fetch` (`POST`, `credentials: 'omit'`,
//!   `referrerPolicy: 'no-referrer'`, `mode: 'cors'`,
//!   `Content-Type: application/json`) and removed only on a 2xx.
//! - Failures follow the core's policy ([`sme_precheck::anonymize::classify`]):
//!   network errors, 408/425/429/500/502/503/504 are retried after
//!   [`sme_precheck::anonymize::backoff_ms`] (exponential backoff, full
//!   jitter, cap, `Retry-After` honoured); 400/413/422 and other statuses are
//!   dropped and counted.
//! - On `pagehide` every pending record goes out once more with
//!   `fetch(keepalive)` (`text/plain` JSON, no preflight), or
//!   `navigator.sendBeacon` when keepalive is not available; it stays stored
//!   and is resent on the next load (automatically when the module is
//!   instantiated, or by `flush()`), the server de-duplicating on the record
//!   id. A retry timer and the `online` event flush while the page
//!   is open.
//!
//! - The widget hands records over with [`submit`]: **one record per survey
//!   version per ISO week** on this device (the core's
//!   [`SendLog`]); a second record of the week replaces the first while
//!   that one is still waiting here, and is refused once it was delivered.
//!   The log lives in `localStorage` under [`LOG_KEY`]; the widget's
//!   memoized randomized reports ([`RrMemo`]) under [`MEMO_KEY`].
//!
//! JS API: `enqueue(endpoint, recordJson) -> Promise<{sent, pending, dropped}>`
//! (the raw outbox, no weekly rule), `flush() -> Promise<{sent, pending, dropped}>`,
//! `pendingCount() -> number`.

use std::cell::RefCell;

use js_sys::{Array, Object, Promise, Reflect};
use sme_precheck::anonymize::{
    Admission, Disposition, FeedbackRecord, IsoWeek, RrMemo, SendLog, WeekStatus, backoff_ms,
    classify, parse_retry_after,
};
use sme_precheck::json::Map;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise};

/// IndexedDB database name.
const DB_NAME: &str = "sme-precheck";
/// IndexedDB object store name.
const STORE: &str = "outbox";
/// `localStorage` key prefix of the fallback store.
const LS_PREFIX: &str = "sme-precheck-outbox:";
/// `localStorage` key of the memoized randomized reports ([`RrMemo`]).
pub const MEMO_KEY: &str = "sme-precheck-rr";
/// `localStorage` key of the weekly send log ([`SendLog`]).
pub const LOG_KEY: &str = "sme-precheck-sent";
/// Rejection message of [`submit`] when this week's record was delivered.
pub const ALREADY_SENT: &str = "already_sent_this_week";
/// Rejection message of [`submit`] when this week's earlier record is being
/// sent at this moment (it cannot be replaced any more).
pub const SENDING_NOW: &str = "previous_record_being_sent";
/// Records older than this are given up (counted as dropped): 30 days.
pub const MAX_AGE_MS: f64 = 30.0 * 24.0 * 3600.0 * 1000.0;
/// Per-attempt timeout of a send, in milliseconds.
const SEND_TIMEOUT_MS: u32 = 15_000;
/// Total body bytes sent with `keepalive` during one `pagehide` (the browser
/// allows 64 KiB in flight); the rest go by `sendBeacon`.
const KEEPALIVE_BUDGET: usize = 60 * 1024;

/// One queued record as stored: `{"id":…,"endpoint":…,"body":…,
/// "attempts":0,"nextAt":…,"createdAt":…,"networkError":false}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The record id (the storage key and the server's de-duplication key).
    pub id: String,
    /// Where to send it.
    pub endpoint: String,
    /// The record JSON.
    pub body: String,
    /// Failed attempts so far.
    pub attempts: u32,
    /// Earliest time of the next attempt (ms since the epoch).
    pub next_at: f64,
    /// When it was queued (ms since the epoch).
    pub created_at: f64,
    /// The last attempt failed without an HTTP response (so coming back
    /// online makes it due at once; a server's `Retry-After` is kept).
    pub network_error: bool,
}

impl Entry {
    /// The stored JSON text (keys in the order above).
    pub fn to_json(&self) -> String {
        use sme_precheck::json::{Json, write::write_str, write::write_value};
        let mut out = String::new();
        for (i, (key, text)) in [
            ("id", &self.id),
            ("endpoint", &self.endpoint),
            ("body", &self.body),
        ]
        .into_iter()
        .enumerate()
        {
            out.push_str(if i == 0 { "{\"" } else { ",\"" });
            out.push_str(key);
            out.push_str("\":");
            write_str(&mut out, text);
        }
        for (key, value) in [
            ("attempts", Json::from(self.attempts)),
            ("nextAt", Json::from(self.next_at)),
            ("createdAt", Json::from(self.created_at)),
            ("networkError", Json::Bool(self.network_error)),
        ] {
            out.push_str(",\"");
            out.push_str(key);
            out.push_str("\":");
            write_value(&mut out, &value);
        }
        out.push('}');
        out
    }

    /// A stored entry; `None` unless it is an object with every field of
    /// the right type (`networkError` may be absent: entries stored before
    /// it existed) and no repeated key. Other keys are ignored.
    pub fn from_json(text: &str) -> Option<Entry> {
        use sme_precheck::json::Json;
        let (value, duplicates) = sme_precheck::json::parse::parse_noting_duplicates(text).ok()?;
        let m = value.as_object().filter(|_| !duplicates)?;
        let text = |k: &str| m.get(k)?.as_str().map(str::to_owned);
        let number = |k: &str| m.get(k)?.as_f64();
        Some(Entry {
            id: text("id")?,
            endpoint: text("endpoint")?,
            body: text("body")?,
            attempts: u32::try_from(m.get("attempts")?.as_u64()?).ok()?,
            next_at: number("nextAt")?,
            created_at: number("createdAt")?,
            network_error: match m.get("networkError") {
                None => false,
                Some(Json::Bool(b)) => *b,
                Some(_) => return None,
            },
        })
    }
}

/// What an attempt did to an entry.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Delivered: delete it.
    Sent,
    /// Permanently refused (or too old): delete it and count it.
    Dropped,
    /// Keep it, updated with the next attempt time.
    Retry(Entry),
}

/// Applies the core retry policy to the result of one attempt: `status` is
/// `None` for a network error; `retry_after` the parsed `Retry-After` in
/// seconds; `uniform01` a uniform draw for the jitter.
pub fn after_attempt(
    entry: &Entry,
    status: Option<u16>,
    retry_after: Option<u32>,
    now: f64,
    uniform01: f64,
) -> Step {
    match classify(status) {
        Disposition::Done => Step::Sent,
        Disposition::Drop => Step::Dropped,
        Disposition::Retry if now - entry.created_at > MAX_AGE_MS => Step::Dropped,
        Disposition::Retry => {
            let wait = backoff_ms(entry.attempts, retry_after, uniform01);
            Step::Retry(Entry {
                attempts: entry.attempts.saturating_add(1),
                next_at: now + wait as f64,
                network_error: status.is_none(),
                ..entry.clone()
            })
        }
    }
}

/// Where entries live.
#[derive(Clone)]
enum Store {
    Idb(web_sys::IdbDatabase),
    Local(web_sys::Storage),
    Memory,
}

#[derive(Default)]
struct Outbox {
    store: Option<Store>,
    /// Mirror of the stored entries (also the only copy for `Store::Memory`).
    entries: Map<String, Entry>,
    /// Ids being sent now (a handful: a list, not a hash set).
    in_flight: Vec<String>,
    listeners: bool,
    timer_at: Option<f64>,
    dropped_total: u32,
}

thread_local! {
    static OUTBOX: RefCell<Outbox> = RefCell::new(Outbox::default());
}

fn with<R>(f: impl FnOnce(&mut Outbox) -> R) -> R {
    OUTBOX.with(|o| f(&mut o.borrow_mut()))
}

fn js_error(msg: &str) -> JsValue {
    js_sys::Error::new(msg).into()
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Resolves when an IndexedDB request succeeds, with its result.
async fn request_done(req: &web_sys::IdbRequest) -> Result<JsValue, JsValue> {
    let req2 = req.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let r = req2.clone();
        let ok = Closure::once_into_js(move |_: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let err = Closure::once_into_js(move |_: JsValue| {
            let _ = reject.call1(&JsValue::NULL, &js_error("IndexedDB request failed"));
        });
        req2.set_onsuccess(Some(ok.unchecked_ref()));
        req2.set_onerror(Some(err.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

/// Resolves when a transaction has committed.
async fn committed(tx: &web_sys::IdbTransaction) -> Result<(), JsValue> {
    let tx2 = tx.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |_: JsValue| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let err = Closure::once_into_js(move |_: JsValue| {
            let _ = reject.call1(&JsValue::NULL, &js_error("IndexedDB transaction failed"));
        });
        tx2.set_oncomplete(Some(ok.unchecked_ref()));
        tx2.set_onerror(Some(err.unchecked_ref()));
        tx2.set_onabort(Some(err.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ())
}

async fn open_idb() -> Result<web_sys::IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or_else(|| js_error("no window"))?
        .indexed_db()?
        .ok_or_else(|| js_error("no IndexedDB"))?;
    let req = factory.open_with_u32(DB_NAME, 1)?;
    let req2 = req.clone();
    let upgrade = Closure::once_into_js(move |_: JsValue| {
        if let Ok(db) = req2
            .result()
            .and_then(|r| r.dyn_into::<web_sys::IdbDatabase>())
            && !db.object_store_names().contains(STORE)
        {
            let _ = db.create_object_store(STORE);
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db = request_done(&req).await?;
    db.dyn_into::<web_sys::IdbDatabase>()
}

fn local_storage() -> Option<web_sys::Storage> {
    let ls = web_sys::window()?.local_storage().ok()??;
    // Private modes may expose a store that throws on write.
    let probe = format!("{LS_PREFIX}probe");
    ls.set_item(&probe, "1").ok()?;
    let _ = ls.remove_item(&probe);
    Some(ls)
}

fn parse_entries(texts: impl IntoIterator<Item = String>) -> Map<String, Entry> {
    texts
        .into_iter()
        .filter_map(|t| Entry::from_json(&t))
        .map(|e| (e.id.clone(), e))
        .collect()
}

async fn load_all(store: &Store) -> Result<Map<String, Entry>, JsValue> {
    match store {
        Store::Idb(db) => {
            let tx = db.transaction_with_str(STORE)?;
            let all = request_done(&tx.object_store(STORE)?.get_all()?).await?;
            let texts: Vec<String> = Array::from(&all)
                .iter()
                .filter_map(|v| v.as_string())
                .collect();
            Ok(parse_entries(texts))
        }
        Store::Local(ls) => {
            let n = ls.length()?;
            let mut texts = Vec::new();
            for i in 0..n {
                if let Some(k) = ls.key(i)?
                    && k.starts_with(LS_PREFIX)
                    && let Some(v) = ls.get_item(&k)?
                {
                    texts.push(v);
                }
            }
            Ok(parse_entries(texts))
        }
        Store::Memory => Ok(Map::new()),
    }
}

/// A read-write transaction on the outbox store; `strict` asks the browser
/// to flush to disk before reporting completion (`durability: 'strict'`,
/// not yet a stable web-sys API, so called through `Reflect`; browsers
/// without the option ignore it).
fn write_tx(db: &web_sys::IdbDatabase, strict: bool) -> Result<web_sys::IdbTransaction, JsValue> {
    if strict {
        let options = Object::new();
        Reflect::set(&options, &"durability".into(), &"strict".into())?;
        let transaction: js_sys::Function = Reflect::get(db, &"transaction".into())?.dyn_into()?;
        return transaction
            .call3(db, &STORE.into(), &"readwrite".into(), &options)?
            .dyn_into();
    }
    db.transaction_with_str_and_mode(STORE, web_sys::IdbTransactionMode::Readwrite)
}

/// Stores `entry`; `strict` for the first write of a record (it must survive
/// a browser or OS crash before it is sent).
async fn put(store: &Store, entry: &Entry, strict: bool) -> Result<(), JsValue> {
    let text = entry.to_json();
    match store {
        Store::Idb(db) => {
            let tx = write_tx(db, strict)?;
            tx.object_store(STORE)?
                .put_with_key(&JsValue::from_str(&text), &JsValue::from_str(&entry.id))?;
            committed(&tx).await
        }
        Store::Local(ls) => ls.set_item(&format!("{LS_PREFIX}{}", entry.id), &text),
        Store::Memory => Ok(()),
    }
}

async fn delete(store: &Store, id: &str) -> Result<(), JsValue> {
    match store {
        Store::Idb(db) => {
            let tx = write_tx(db, false)?;
            tx.object_store(STORE)?.delete(&JsValue::from_str(id))?;
            committed(&tx).await
        }
        Store::Local(ls) => ls.remove_item(&format!("{LS_PREFIX}{id}")),
        Store::Memory => Ok(()),
    }
}

/// Opens the store on first use (IndexedDB, else `localStorage`, else
/// memory), loads what earlier pages left, and installs the listeners.
async fn ensure_open() -> Store {
    if let Some(s) = with(|o| o.store.clone()) {
        return s;
    }
    let store = match open_idb().await {
        Ok(db) => Store::Idb(db),
        Err(_) => local_storage().map_or(Store::Memory, Store::Local),
    };
    let loaded = load_all(&store).await.unwrap_or_default();
    // Another call may have opened it meanwhile: keep the first.
    let store = with(|o| {
        if let Some(s) = &o.store {
            return s.clone();
        }
        for (id, e) in loaded {
            o.entries.get_or_insert_with(id, || e);
        }
        o.store = Some(store.clone());
        store
    });
    install_listeners();
    store
}

fn install_listeners() {
    if with(|o| std::mem::replace(&mut o.listeners, true)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_hide = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| on_pagehide());
    let _ = window.add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
    on_hide.forget();
    let on_online = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {
        let t = now();
        with(|o| {
            o.entries
                .values_mut()
                .filter(|e| e.network_error)
                .for_each(|e| e.next_at = e.next_at.min(t))
        });
        let _ = flush();
    });
    let _ = window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    on_online.forget();
}

fn request_init(body: &str, content_type: &str, keepalive: bool) -> web_sys::RequestInit {
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_mode(web_sys::RequestMode::Cors);
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_referrer_policy(web_sys::ReferrerPolicy::NoReferrer);
    init.set_cache(web_sys::RequestCache::NoStore);
    let headers = Object::new();
    let _ = Reflect::set(&headers, &"Content-Type".into(), &content_type.into());
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    if keepalive {
        // web-sys has no setter for `keepalive`; set the dictionary member.
        let _ = Reflect::set(&init, &"keepalive".into(), &JsValue::TRUE);
    }
    init
}

/// `AbortSignal.timeout(ms)` where the browser has it.
fn timeout_signal(ms: u32) -> Option<web_sys::AbortSignal> {
    let ctor = Reflect::get(&js_sys::global(), &"AbortSignal".into()).ok()?;
    Reflect::get(&ctor, &"timeout".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    Some(web_sys::AbortSignal::timeout_with_u32(ms))
}

/// One attempt: the HTTP status (`None` on a network error) and the
/// `Retry-After` seconds if the server sent a usable one.
async fn send_once(entry: &Entry) -> (Option<u16>, Option<u32>) {
    let Some(window) = web_sys::window() else {
        return (None, None);
    };
    let init = request_init(&entry.body, "application/json", false);
    if let Some(signal) = timeout_signal(SEND_TIMEOUT_MS) {
        init.set_signal(Some(&signal));
    }
    let Ok(resp) = JsFuture::from(window.fetch_with_str_and_init(&entry.endpoint, &init)).await
    else {
        return (None, None);
    };
    let Ok(resp) = resp.dyn_into::<web_sys::Response>() else {
        return (None, None);
    };
    let retry_after = resp
        .headers()
        .get("Retry-After")
        .ok()
        .flatten()
        .and_then(|v| parse_retry_after(&v, Some((now() / 1000.0) as i64)));
    (Some(resp.status()), retry_after)
}

/// Counts of one flush.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    sent: u32,
    dropped: u32,
}

async fn flush_inner() -> Result<JsValue, JsValue> {
    let store = ensure_open().await;
    let t = now();
    let due: Vec<Entry> = with(|o| {
        let due: Vec<Entry> = o
            .entries
            .values()
            .filter(|e| e.next_at <= t && !o.in_flight.contains(&e.id))
            .cloned()
            .collect();
        o.in_flight.extend(due.iter().map(|e| e.id.clone()));
        due
    });
    let mut tally = Tally::default();
    for entry in due {
        let (status, retry_after) = send_once(&entry).await;
        let step = after_attempt(&entry, status, retry_after, now(), js_sys::Math::random());
        match step {
            Step::Sent | Step::Dropped => {
                let _ = delete(&store, &entry.id).await;
                with(|o| {
                    o.entries.remove(&entry.id);
                    if step == Step::Dropped {
                        o.dropped_total += 1;
                    }
                });
                let id = entry.id.as_str();
                update_log(|log| {
                    if step == Step::Sent {
                        log.delivered(id)
                    } else {
                        log.dropped(id)
                    }
                });
                if step == Step::Sent {
                    tally.sent += 1;
                } else {
                    tally.dropped += 1;
                }
            }
            Step::Retry(updated) => {
                let _ = put(&store, &updated, false).await;
                with(|o| {
                    // Keep it only if nothing removed it meanwhile.
                    if o.entries.contains_key(&updated.id) {
                        o.entries.insert(updated.id.clone(), updated);
                    }
                });
            }
        }
        with(|o| o.in_flight.retain(|id| *id != entry.id));
    }
    schedule_retry();
    let result = Object::new();
    let _ = Reflect::set(&result, &"sent".into(), &tally.sent.into());
    let _ = Reflect::set(&result, &"pending".into(), &pending_count().into());
    let _ = Reflect::set(&result, &"dropped".into(), &tally.dropped.into());
    Ok(result.into())
}

/// Arms one timer for the earliest pending retry not already in flight (if
/// none is armed earlier).
fn schedule_retry() {
    let Some(window) = web_sys::window() else {
        return;
    };
    // Entries in flight are rescheduled by the flush that sends them.
    let next = with(|o| {
        o.entries
            .values()
            .filter(|e| !o.in_flight.contains(&e.id))
            .map(|e| e.next_at)
            .fold(f64::INFINITY, f64::min)
    });
    if !next.is_finite() {
        return;
    }
    let armed = with(|o| {
        if o.timer_at.is_some_and(|at| at <= next) {
            return true;
        }
        o.timer_at = Some(next);
        false
    });
    if armed {
        return;
    }
    let delay = (next - now()).clamp(0.0, 2_147_483_647.0) as i32;
    let cb = Closure::once_into_js(move || {
        with(|o| o.timer_at = None);
        let _ = flush();
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), delay);
}

/// Last chance while the page goes away: send every pending record without
/// waiting for an answer. Entries stay stored; the next load resends any
/// the server did not get, and the server de-duplicates.
fn on_pagehide() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let entries: Vec<Entry> = with(|o| o.entries.values().cloned().collect());
    let mut budget = KEEPALIVE_BUDGET;
    for e in entries {
        if e.body.len() <= budget {
            budget -= e.body.len();
            let init = request_init(&e.body, "text/plain", true);
            let _ = window.fetch_with_str_and_init(&e.endpoint, &init);
        } else {
            let _ = window
                .navigator()
                .send_beacon_with_opt_str(&e.endpoint, Some(&e.body));
        }
    }
}

/// True when an earlier page may have left records: an outbox key in
/// `localStorage`, or an IndexedDB database named [`DB_NAME`] (looked up with
/// `indexedDB.databases()` so that a visit that never sends creates nothing;
/// where that call is missing, assume yes).
async fn outbox_may_exist() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    if let Ok(Some(ls)) = window.local_storage()
        && let Ok(n) = ls.length()
        && (0..n).any(|i| {
            ls.key(i)
                .ok()
                .flatten()
                .is_some_and(|k| k.starts_with(LS_PREFIX))
        })
    {
        return true;
    }
    let Ok(Some(factory)) = window.indexed_db() else {
        return false;
    };
    let Ok(databases) = Reflect::get(&factory, &"databases".into()) else {
        return true;
    };
    let Ok(databases) = databases.dyn_into::<js_sys::Function>() else {
        return true;
    };
    let Ok(promise) = databases
        .call0(&factory)
        .and_then(|p| p.dyn_into::<Promise>())
    else {
        return true;
    };
    match JsFuture::from(promise).await {
        Ok(list) => Array::from(&list).iter().any(|d| {
            Reflect::get(&d, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .as_deref()
                == Some(DB_NAME)
        }),
        Err(_) => true,
    }
}

/// Runs when the module is instantiated: resends what earlier pages left
/// (pending records are resent on the next load). Does nothing
/// outside a browser window or when no outbox exists.
#[wasm_bindgen(start)]
pub fn resume_on_load() {
    wasm_bindgen_futures::spawn_local(async {
        if outbox_may_exist().await {
            let _ = flush_inner().await;
        }
    });
}

/// Queues a record for `endpoint`: stores it (before any send), then tries
/// to send everything due. Resolves to `{sent, pending, dropped}`; rejects
/// with an `Error` when `recordJson` is not a record or cannot be stored.
#[wasm_bindgen(js_name = enqueue)]
pub fn enqueue(endpoint: &str, record_json: &str) -> Promise {
    queue(endpoint, record_json, false)
}

/// Queues a record under the weekly rule (the widget's Send): at most one
/// record per survey version per ISO week leaves this device. If this week's
/// earlier record still waits in the outbox it is replaced, not added; if it
/// was delivered the promise rejects with [`ALREADY_SENT`]. Otherwise as
/// [`enqueue`].
pub fn submit(endpoint: &str, record_json: &str) -> Promise {
    queue(endpoint, record_json, true)
}

/// Stores a record (under the weekly rule when `weekly`) and flushes.
fn queue(endpoint: &str, record_json: &str, weekly: bool) -> Promise {
    let endpoint = endpoint.trim().to_owned();
    let record = FeedbackRecord::from_json(record_json);
    let body = record_json.to_owned();
    future_to_promise(async move {
        let record = record.map_err(|e| js_error(&e.to_string()))?;
        if endpoint.is_empty() {
            return Err(js_error("endpoint: empty"));
        }
        let week = match weekly {
            true => Some(record.week.parse::<IsoWeek>().map_err(|e| js_error(&e))?),
            false => None,
        };
        let store = ensure_open().await;
        if let Some(week) = week {
            match load_log().admit(&record.survey, week) {
                Admission::Refuse => return Err(js_error(ALREADY_SENT)),
                Admission::Replace(old) => {
                    if with(|o| o.in_flight.contains(&old)) {
                        return Err(js_error(SENDING_NOW));
                    }
                    let _ = delete(&store, &old).await;
                    with(|o| o.entries.remove(&old));
                }
                Admission::Add => {}
            }
        }
        store_entry(&store, &record.id, endpoint, body).await?;
        if let Some(week) = week {
            update_log(|log| {
                log.queued(&record.survey, week, &record.id);
                true
            });
        }
        flush_inner().await
    })
}

/// Where this week's record of `survey` stands on this device.
pub fn week_status(survey: &str, week: IsoWeek) -> WeekStatus {
    load_log().status(survey, week)
}

/// The device's memoized randomized reports (empty when none are stored or
/// the stored text is damaged).
pub fn load_memo() -> RrMemo {
    device_get(MEMO_KEY)
        .and_then(|t| RrMemo::from_json(&t).ok())
        .unwrap_or_default()
}

/// Stores the memoized reports (in memory for this page when `localStorage`
/// cannot be written).
pub fn store_memo(memo: &RrMemo) {
    device_set(MEMO_KEY, &memo.to_json());
}

fn load_log() -> SendLog {
    device_get(LOG_KEY)
        .and_then(|t| SendLog::from_json(&t).ok())
        .unwrap_or_default()
}

/// Re-reads the log (another tab may have changed it), applies `f` and
/// stores the result when `f` changed something.
fn update_log(f: impl FnOnce(&mut SendLog) -> bool) {
    let mut log = load_log();
    if f(&mut log) {
        device_set(LOG_KEY, &log.to_json());
    }
}

thread_local! {
    /// Values that `localStorage` refused (private modes, quota): kept for
    /// this page only.
    static DEVICE_MEMORY: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

fn device_get(key: &str) -> Option<String> {
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|ls| ls.get_item(key).ok().flatten());
    stored.or_else(|| {
        DEVICE_MEMORY.with(|m| {
            m.borrow()
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        })
    })
}

fn device_set(key: &str, value: &str) {
    let saved = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some_and(|ls| ls.set_item(key, value).is_ok());
    if !saved {
        DEVICE_MEMORY.with(|m| {
            let mut m = m.borrow_mut();
            m.retain(|(k, _)| k != key);
            m.push((key.to_owned(), value.to_owned()));
        });
    }
}

/// Stores a new entry (before any send) and adds it to the mirror.
async fn store_entry(
    store: &Store,
    id: &str,
    endpoint: String,
    body: String,
) -> Result<(), JsValue> {
    let t = now();
    let entry = Entry {
        id: id.to_owned(),
        endpoint,
        body,
        attempts: 0,
        next_at: t,
        created_at: t,
        network_error: false,
    };
    put(store, &entry, true)
        .await
        .map_err(|_| js_error("the record could not be stored for sending"))?;
    with(|o| o.entries.insert(entry.id.clone(), entry));
    Ok(())
}

/// Sends every stored record that is due (call once on page load to resend
/// what earlier pages left). Resolves to `{sent, pending, dropped}` for
/// this call.
#[wasm_bindgen(js_name = flush)]
pub fn flush() -> Promise {
    future_to_promise(flush_inner())
}

/// Records waiting in the outbox, as known to this page (0 until the first
/// `enqueue` or `flush` has opened the store).
#[wasm_bindgen(js_name = pendingCount)]
pub fn pending_count() -> u32 {
    with(|o| o.entries.len() as u32)
}

/// Records dropped by this page since it loaded (400/413/422 and the like).
#[wasm_bindgen(js_name = droppedCount)]
pub fn dropped_count() -> u32 {
    with(|o| o.dropped_total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Entry {
            id: "3f2b8c1e-5d4a-4b6f-9a7e-1c2d3e4f5a6b".into(),
            endpoint: "/v1/feedback".into(),
            body: "{}".into(),
            attempts: 0,
            next_at: 0.0,
            created_at: 1_000.0,
            network_error: false,
        }
    }

    #[test]
    fn attempts_follow_the_core_policy() {
        let e = entry();
        assert_eq!(after_attempt(&e, Some(202), None, 2_000.0, 0.5), Step::Sent);
        for s in [400, 413, 422, 404] {
            assert_eq!(
                after_attempt(&e, Some(s), None, 2_000.0, 0.5),
                Step::Dropped,
                "{s}"
            );
        }
        let Step::Retry(r) = after_attempt(&e, None, None, 2_000.0, 0.5) else {
            panic!()
        };
        assert_eq!((r.attempts, r.next_at), (1, 2_250.0));
        let Step::Retry(r2) = after_attempt(&r, Some(503), None, 3_000.0, 0.5) else {
            panic!()
        };
        assert_eq!((r2.attempts, r2.next_at), (2, 3_500.0));
        assert!(r.network_error && !r2.network_error);
        let Step::Retry(r3) = after_attempt(&r2, Some(429), Some(7), 4_000.0, 0.0) else {
            panic!()
        };
        assert_eq!(r3.next_at, 11_000.0);
        assert_eq!(
            after_attempt(&e, Some(503), None, 1_000.0 + MAX_AGE_MS + 1.0, 0.5),
            Step::Dropped
        );
    }

    #[test]
    fn stored_entries_round_trip_and_garbage_is_skipped() {
        let e = entry();
        let text = e.to_json();
        assert!(text.contains("\"nextAt\"") && text.contains("\"createdAt\""));
        let loaded = parse_entries([text, "not json".to_owned(), "{\"id\":1}".to_owned()]);
        assert_eq!(loaded.len(), 1);
        // Entries stored before `networkError` existed still load.
        let old =
            r#"{"id":"a","endpoint":"/x","body":"{}","attempts":2,"nextAt":5.0,"createdAt":1.0}"#;
        assert!(!parse_entries([old.to_owned()])["a"].network_error);
        assert_eq!(loaded[&e.id], e);
    }

    /// The stored text is what the serde-derived form wrote before (entries
    /// already in browsers' outboxes keep loading, new ones read the same).
    #[test]
    fn stored_text_is_unchanged() {
        let mut e = entry();
        e.body = "{\"v\":1,\"x\":\"é\\n\"}".into();
        e.attempts = 3;
        e.next_at = 1_732_000_000_123.5;
        e.network_error = true;
        assert_eq!(
            e.to_json(),
            r#"{"id":"3f2b8c1e-5d4a-4b6f-9a7e-1c2d3e4f5a6b","endpoint":"/v1/feedback","body":"{\"v\":1,\"x\":\"é\\n\"}","attempts":3,"nextAt":1732000000123.5,"createdAt":1000.0,"networkError":true}"#
        );
        assert_eq!(Entry::from_json(&e.to_json()), Some(e));
        // Each field of the wrong type, or a repeated key, skips the entry.
        for bad in [
            r#"{"id":1,"endpoint":"/x","body":"{}","attempts":2,"nextAt":5,"createdAt":1}"#,
            r#"{"id":"a","endpoint":"/x","body":"{}","attempts":-2,"nextAt":5,"createdAt":1}"#,
            r#"{"id":"a","endpoint":"/x","body":"{}","attempts":2,"nextAt":null,"createdAt":1}"#,
            r#"{"id":"a","endpoint":"/x","body":"{}","attempts":2,"nextAt":5,"createdAt":1,"networkError":null}"#,
            r#"{"id":"a","id":"b","endpoint":"/x","body":"{}","attempts":2,"nextAt":5,"createdAt":1}"#,
        ] {
            assert_eq!(Entry::from_json(bad), None, "{bad}");
        }
        // Integers where floats are stored, and unknown keys, are fine.
        let ok = r#"{"id":"a","endpoint":"/x","body":"{}","attempts":2,"nextAt":5,"createdAt":1,"later":[1]}"#;
        assert_eq!(Entry::from_json(ok).map(|e| e.next_at), Some(5.0));
    }
}
