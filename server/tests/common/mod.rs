//! Shared helpers of the server suites: the databases to run against
//! (SQLite always, PostgreSQL when `PRECHECK_TEST_POSTGRES_URL` is set, each
//! test on a fresh database), records built from the server's schema, and
//! one-shot requests.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use sme_precheck::anonymize::RecordSchema;
use sme_precheck_server::partners::Partners;
use sme_precheck_server::{AppState, Config, app};
use sqlx::Executor;
use tower::ServiceExt;

/// The origin the test partners allow.
pub const ORIGIN: &str = "https://bank.example";
/// Admin token of test servers.
pub const TOKEN: &str = "test-token-0123456789";

/// A fresh scratch directory under the system temp dir.
pub fn scratch_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "precheck-server-{tag}-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Database URLs to run a test against: a fresh SQLite file, and a fresh
/// PostgreSQL database when `PRECHECK_TEST_POSTGRES_URL` is set.
pub async fn databases(tag: &str) -> Vec<String> {
    let mut out = vec![format!(
        "sqlite:{}",
        scratch_dir(tag).join("feedback.db").display()
    )];
    if let Ok(base) = std::env::var("PRECHECK_TEST_POSTGRES_URL")
        && !base.is_empty()
    {
        out.push(fresh_postgres(&base).await);
    }
    out
}

/// Creates an empty database on the PostgreSQL server of `base` and returns
/// its URL.
pub async fn fresh_postgres(base: &str) -> String {
    sqlx::any::install_default_drivers();
    let name = format!("precheck_t_{}", uuid::Uuid::new_v4().simple());
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(base)
        .await
        .expect("connect to PRECHECK_TEST_POSTGRES_URL");
    conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .await
        .unwrap();
    let (head, query) = match base.split_once('?') {
        Some((h, q)) => (h, format!("?{q}")),
        None => (base, String::new()),
    };
    let cut = head
        .rfind('/')
        .filter(|&i| i > head.find("://").unwrap() + 2);
    match cut {
        Some(i) => format!("{}/{name}{query}", &head[..i]),
        None => format!("{head}/{name}{query}"),
    }
}

/// The partners of test servers: `bank-site` from [`ORIGIN`], `vc-portal-1`
/// from `https://vc.example`.
pub fn partners() -> Partners {
    Partners::from_json(
        &json!({ "bank-site": [ORIGIN], "vc-portal-1": ["https://vc.example"] }).to_string(),
        0,
    )
    .unwrap()
}

/// A test configuration on `url`: no rate limit, minimum count 1.
pub fn config(url: &str) -> Config {
    Config {
        database_url: url.to_string(),
        admin_token: Some(TOKEN.into()),
        rate_per_sec: 0.0,
        min_count: 1,
        ..Config::default()
    }
}

/// A started server state (the writer task runs in the background).
pub async fn state(config: Config) -> AppState {
    AppState::start(config, partners()).await.unwrap().0
}

/// The schema records are built from (the server's default survey).
pub fn schema(st: &AppState) -> RecordSchema {
    st.schemas.get(st.schemas.default_survey()).unwrap().clone()
}

/// The load generator's HTTP client and record builder.
#[path = "../../src/bin/precheck-load/client.rs"]
pub mod client;

#[allow(unused_imports)]
pub use client::record;
/// The core's seeded generator.
#[allow(unused_imports)]
pub use sme_precheck::anonymize::{RandomSource, SeededRandom as Rng};

/// The ISO week `weeks_ago` weeks before the current one (server clock).
pub fn week_ago(weeks_ago: i64) -> String {
    let clock = sme_precheck_server::window::Clock::default();
    clock.advance_weeks(-weeks_ago);
    clock.week().to_string()
}

/// A POST of `body` to `/v1/feedback` from `peer` with the given headers.
pub fn feedback_request(
    body: impl Into<Body>,
    content_type: Option<&str>,
    origin: Option<&str>,
) -> Request<Body> {
    let mut b = Request::post("/v1/feedback");
    if let Some(ct) = content_type {
        b = b.header("content-type", ct);
    }
    if let Some(o) = origin {
        b = b.header("origin", o);
    }
    let mut req = b.body(body.into()).unwrap();
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([198, 51, 100, 23], 40000))));
    req
}

/// Sends one request through a fresh router and returns status, headers and
/// the body as JSON (or a JSON string of the text).
pub async fn send(st: &AppState, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Value) {
    let res = app(st.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, headers, body)
}

/// POSTs a JSON record as `application/json` from [`ORIGIN`].
pub async fn post(st: &AppState, record: &Value) -> (StatusCode, Value) {
    let (s, _, b) = send(
        st,
        feedback_request(record.to_string(), Some("application/json"), Some(ORIGIN)),
    )
    .await;
    (s, b)
}

/// `GET path` with the admin token.
pub async fn staff_get(st: &AppState, path: &str) -> (StatusCode, axum::http::HeaderMap, Value) {
    let req = Request::get(path)
        .header("authorization", format!("Bearer {TOKEN}"))
        .body(Body::empty())
        .unwrap();
    send(st, req).await
}

/// Sum of the stored counts of one field over everything.
pub async fn field_total(st: &AppState, field: &str) -> i64 {
    let (_, _, stats) = staff_get(st, "/v1/stats").await;
    stats["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == field)
        .map(|f| f["n"].as_i64().unwrap())
        .unwrap()
}

/// Keeps an `Arc` alive (helper for spawned requests).
pub fn shared(st: &AppState) -> Arc<AppState> {
    Arc::new(st.clone())
}
