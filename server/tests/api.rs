//! The server suite through `app(state).oneshot(...)`, run against a fresh
//! SQLite file and, when `PRECHECK_TEST_POSTGRES_URL` is set, a fresh
//! PostgreSQL database: bad inputs → exact status codes (never a 500),
//! idempotence under concurrency, CORS and the Origin ↔ partner check, rate
//! limit, full queue, staff statistics with suppression and filters, CSV,
//! OpenAPI, static files, and what the database must never contain.

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use serde_json::{Value, json};
use sme_precheck_server::partners::Partners;
use sme_precheck_server::{AppState, Config};

/// The week the record fixtures were written in; posted records use the
/// current week (older weeks leave the window).
const FIXTURE_WEEK: &str = "2026-W48";

fn this_week() -> String {
    week_ago(0)
}

/// name, body, content type, origin, expected status, expected error code.
type Case<'a> = (
    &'a str,
    String,
    Option<&'a str>,
    Option<&'a str>,
    u16,
    &'a str,
);

#[tokio::test]
async fn bad_inputs_get_exact_status_codes() {
    for url in databases("bad").await {
        let st = state(config(&url)).await;
        let schema = schema(&st);
        let mut rng = Rng::new(7);
        let good = record(&schema, "bank-site", &this_week(), &mut rng);
        let first_field = schema.fields[0].name.clone();
        let with = |f: &dyn Fn(&mut Value)| {
            let mut r = good.clone();
            r["id"] = json!(uuid::Uuid::new_v4().to_string());
            f(&mut r);
            r.to_string()
        };
        let big = format!("{{\"pad\":\"{}\"}}", "x".repeat(17 * 1024));
        let ff = first_field.clone();
        let cases: Vec<Case> = vec![
            (
                "not json",
                "{not json".into(),
                Some("application/json"),
                Some(ORIGIN),
                400,
                "malformed",
            ),
            (
                "empty body",
                "".into(),
                Some("application/json"),
                Some(ORIGIN),
                400,
                "malformed",
            ),
            (
                "array",
                "[]".into(),
                Some("application/json"),
                Some(ORIGIN),
                400,
                "malformed",
            ),
            (
                "v as string",
                with(&|r| r["v"] = json!("1")),
                Some("application/json"),
                Some(ORIGIN),
                400,
                "malformed",
            ),
            (
                "field value a number",
                with(&|r| r["fields"][&ff] = json!(3)),
                Some("application/json"),
                Some(ORIGIN),
                400,
                "malformed",
            ),
            (
                "no content type",
                good.to_string(),
                None,
                Some(ORIGIN),
                415,
                "unsupported_media_type",
            ),
            (
                "xml",
                good.to_string(),
                Some("application/xml"),
                Some(ORIGIN),
                415,
                "unsupported_media_type",
            ),
            (
                "form",
                good.to_string(),
                Some("application/x-www-form-urlencoded"),
                Some(ORIGIN),
                415,
                "unsupported_media_type",
            ),
            (
                "latin1",
                good.to_string(),
                Some("application/json; charset=latin1"),
                Some(ORIGIN),
                415,
                "unsupported_media_type",
            ),
            (
                "too large",
                big,
                Some("application/json"),
                Some(ORIGIN),
                413,
                "body_too_large",
            ),
            (
                "unknown top-level field",
                with(&|r| r["ip"] = json!("x")),
                Some("application/json"),
                Some(ORIGIN),
                422,
                "unknown_field",
            ),
            (
                "unknown record field",
                with(&|r| r["fields"]["companyName"] = json!("x")),
                Some("application/json"),
                Some(ORIGIN),
                422,
                "unknown_field",
            ),
            (
                "missing field",
                with(&|r| {
                    r["fields"].as_object_mut().unwrap().remove(&ff);
                }),
                Some("application/json"),
                Some(ORIGIN),
                422,
                "missing_field",
            ),
            (
                "out of range",
                with(&|r| r["fields"][&ff] = json!("no-such-value")),
                Some("application/json"),
                Some(ORIGIN),
                422,
                "out_of_range",
            ),
            (
                "unknown survey",
                with(&|r| r["survey"] = json!("nope@9")),
                Some("application/json"),
                Some(ORIGIN),
                422,
                "unknown_survey",
            ),
            (
                "version 2",
                with(&|r| r["v"] = json!(2)),
                Some("application/json"),
                Some(ORIGIN),
                422,
                "unsupported_version",
            ),
            (
                "bad id",
                with(&|r| r["id"] = json!("1234")),
                Some("application/json"),
                Some(ORIGIN),
                422,
                "bad_id",
            ),
            (
                "bad week",
                with(&|r| r["week"] = json!("2026-W77")),
                Some("application/json"),
                Some(ORIGIN),
                422,
                "bad_week",
            ),
            (
                "week older than the id window",
                with(&|r| r["week"] = json!(week_ago(8))),
                Some("application/json"),
                Some(ORIGIN),
                422,
                "week_too_old",
            ),
            (
                "far-future week",
                with(&|r| r["week"] = json!("2099-W01")),
                Some("application/json"),
                Some(ORIGIN),
                422,
                "bad_week",
            ),
            (
                "week with day",
                with(&|r| r["week"] = json!("2026-11-27")),
                Some("application/json"),
                Some(ORIGIN),
                422,
                "bad_week",
            ),
            (
                "bad partner",
                with(&|r| r["partner"] = json!("<script>")),
                Some("application/json"),
                Some(ORIGIN),
                422,
                "bad_partner",
            ),
            (
                "unknown partner",
                with(&|r| r["partner"] = json!("someone-else")),
                Some("application/json"),
                Some(ORIGIN),
                422,
                "unknown_partner",
            ),
            (
                "origin not allowed for partner",
                with(&|r| r["partner"] = json!("vc-portal-1")),
                Some("application/json"),
                Some(ORIGIN),
                403,
                "origin_not_allowed",
            ),
            (
                "unlisted origin",
                with(&|_| {}),
                Some("application/json"),
                Some("https://evil.example"),
                403,
                "origin_not_allowed",
            ),
        ];
        for (name, body, ct, origin, status, code) in cases {
            let (s, _, b) = send(&st, feedback_request(body, ct, origin)).await;
            assert_eq!(s.as_u16(), status, "{url} {name}: {b}");
            assert_eq!(b["error"]["code"], code, "{url} {name}: {b}");
            assert!(
                b["error"]["message"]
                    .as_str()
                    .is_some_and(|m| !m.is_empty()),
                "{name}: {b}"
            );
        }
        // Accepted forms: JSON, text/plain (sendBeacon), charset, no Origin.
        for (ct, origin) in [
            ("application/json", Some(ORIGIN)),
            ("text/plain;charset=UTF-8", Some(ORIGIN)),
            ("application/json; charset=utf-8", None),
        ] {
            let body = with(&|_| {});
            let (s, _, b) = send(&st, feedback_request(body, Some(ct), origin)).await;
            assert_eq!(s, StatusCode::ACCEPTED, "{ct}: {b}");
            assert_eq!(b["status"], "stored");
        }
        assert_eq!(
            field_total(&st, &first_field).await,
            3,
            "{url}: only the 3 good records count"
        );
    }
}

#[tokio::test]
async fn garbage_never_gets_a_500() {
    let url = databases("garbage").await.remove(0);
    let st = state(config(&url)).await;
    let schema = schema(&st);
    let good = record(&schema, "bank-site", &this_week(), &mut Rng::new(3)).to_string();
    let mut rng = Rng::new(99);
    for i in 0..400 {
        let mut bytes = good.clone().into_bytes();
        // Flip, drop or duplicate a few bytes.
        for _ in 0..(1 + u64::from(rng.next_u32()) % 4) {
            let at = (u64::from(rng.next_u32()) % bytes.len() as u64) as usize;
            match u64::from(rng.next_u32()) % 3 {
                0 => bytes[at] = (u64::from(rng.next_u32()) % 256) as u8,
                1 => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, bytes[at]),
            }
        }
        let (s, _, b) = send(
            &st,
            feedback_request(bytes, Some("application/json"), Some(ORIGIN)),
        )
        .await;
        assert!(
            s == StatusCode::ACCEPTED || s.is_client_error(),
            "mutation {i}: {s} {b}"
        );
        if s.is_client_error() {
            assert!(b["error"]["code"].is_string(), "mutation {i}: {b}");
        }
    }
}

#[tokio::test]
async fn duplicate_ids_count_once_also_concurrently() {
    for url in databases("dup").await {
        let st = state(config(&url)).await;
        let schema = schema(&st);
        let field = schema.fields[0].name.clone();
        let r = record(&schema, "bank-site", &this_week(), &mut Rng::new(11));
        let (s, b) = post(&st, &r).await;
        assert_eq!(
            (s, b["status"].as_str()),
            (StatusCode::ACCEPTED, Some("stored"))
        );
        let (s, b) = post(&st, &r).await;
        assert_eq!(
            (s, b["status"].as_str()),
            (StatusCode::ACCEPTED, Some("duplicate"))
        );

        // Five concurrent sends of one new id.
        let r2 = record(&schema, "bank-site", &this_week(), &mut Rng::new(12));
        let mut tasks = Vec::new();
        for _ in 0..5 {
            let (st, r2) = (st.clone(), r2.clone());
            tasks.push(tokio::spawn(async move { post(&st, &r2).await }));
        }
        let mut stored = 0;
        for t in tasks {
            let (s, b) = t.await.unwrap();
            assert_eq!(s, StatusCode::ACCEPTED, "{b}");
            stored += usize::from(b["status"] == "stored");
        }
        assert_eq!(
            stored, 1,
            "{url}: exactly one of five concurrent sends stores"
        );
        assert_eq!(field_total(&st, &field).await, 2, "{url}");
        assert_eq!(st.storage.record_ids().await.unwrap(), 2);
    }
}

#[tokio::test]
async fn record_ids_leave_with_their_week_and_late_retries_are_refused() {
    for url in databases("window").await {
        let st = state(Config {
            window: sme_precheck_server::window::Window { weeks: 2 },
            ..config(&url)
        })
        .await;
        let schema = schema(&st);
        let mut rng = Rng::new(41);
        let old = record(&schema, "bank-site", &week_ago(1), &mut rng);
        let current = record(&schema, "bank-site", &week_ago(0), &mut rng);
        for r in [&old, &current] {
            assert_eq!(post(&st, r).await.0, StatusCode::ACCEPTED);
        }
        assert_eq!(st.storage.record_ids().await.unwrap(), 2);

        // A week later the older week has left the 2-week window: the next
        // commit deletes its ids, a retry of it is refused, a retry of the
        // other is still recognised, and the counters keep both records.
        st.clock.advance_weeks(1);
        let next = record(&schema, "bank-site", &st.clock.week().to_string(), &mut rng);
        assert_eq!(post(&st, &next).await.0, StatusCode::ACCEPTED);
        assert_eq!(st.storage.record_ids().await.unwrap(), 2, "{url}");
        assert_eq!(
            st.storage.oldest_id_week().await.unwrap(),
            Some(week_ago(0)),
            "{url}"
        );
        let (s, b) = post(&st, &old).await;
        assert_eq!(
            (s, b["error"]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("week_too_old")),
            "{b}"
        );
        assert!(
            b["error"]["message"]
                .as_str()
                .unwrap()
                .contains(&week_ago(0))
        );
        let (s, b) = post(&st, &current).await;
        assert_eq!(
            (s, b["status"].as_str()),
            (StatusCode::ACCEPTED, Some("duplicate"))
        );
        assert_eq!(field_total(&st, &schema.fields[0].name).await, 3, "{url}");
    }
}

#[tokio::test]
async fn cors_preflight_and_headers() {
    let st = state(config("memory:")).await;
    let pre = |origin: &str| {
        Request::options("/v1/feedback")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .body(Body::empty())
            .unwrap()
    };
    let (s, h, _) = send(&st, pre(ORIGIN)).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(h["access-control-allow-origin"], ORIGIN);
    assert_eq!(h["access-control-allow-methods"], "POST");
    assert!(h.get("access-control-allow-credentials").is_none());
    let (s, h, _) = send(&st, pre("https://evil.example")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(h.get("access-control-allow-origin").is_none());

    // Errors carry the CORS header too, so a browser can read the status.
    let (s, h, _) = send(
        &st,
        feedback_request("{", Some("application/json"), Some("https://vc.example")),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(h["access-control-allow-origin"], "https://vc.example");
    assert_eq!(h["vary"], "Origin");
    let (_, h, _) = send(
        &st,
        feedback_request("{", Some("application/json"), Some("https://evil.example")),
    )
    .await;
    assert!(h.get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    let st = state(Config {
        rate_per_sec: 0.5,
        rate_burst: 2.0,
        ..config("memory:")
    })
    .await;
    let schema = schema(&st);
    let mut rng = Rng::new(5);
    for _ in 0..2 {
        let (s, b) = post(&st, &record(&schema, "bank-site", &this_week(), &mut rng)).await;
        assert_eq!(s, StatusCode::ACCEPTED, "{b}");
    }
    let req = feedback_request(
        record(&schema, "bank-site", &this_week(), &mut rng).to_string(),
        Some("application/json"),
        Some(ORIGIN),
    );
    let (s, h, b) = send(&st, req).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{b}");
    assert_eq!(b["error"]["code"], "rate_limited");
    let secs: u32 = h["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=2).contains(&secs), "Retry-After {secs}");
    assert_eq!(h["access-control-expose-headers"], "retry-after");
}

#[tokio::test]
async fn full_queue_answers_503_with_retry_after() {
    let gate = Arc::new(tokio::sync::Semaphore::new(0));
    let cfg = Config {
        queue_capacity: 2,
        max_batch: 8,
        ..config("memory:")
    };
    let (st, _writer) = AppState::start_gated(cfg, partners(), Some(gate.clone()))
        .await
        .unwrap();
    let schema = schema(&st);
    let mut rng = Rng::new(21);
    // Two records fill the queue while the writer is held back.
    let mut waiting = Vec::new();
    for _ in 0..2 {
        let (st, r) = (
            st.clone(),
            record(&schema, "bank-site", &this_week(), &mut rng),
        );
        waiting.push(tokio::spawn(async move { post(&st, &r).await }));
    }
    while st.ingest.queued() < 2 {
        tokio::task::yield_now().await;
    }
    let req = feedback_request(
        record(&schema, "bank-site", &this_week(), &mut rng).to_string(),
        Some("application/json"),
        Some(ORIGIN),
    );
    let (s, h, b) = send(&st, req).await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{b}");
    assert_eq!(b["error"]["code"], "queue_full");
    assert!(h.contains_key("retry-after"));
    // Nothing was answered before the commit; release the writer.
    for w in &waiting {
        assert!(!w.is_finished(), "no 202 before commit");
    }
    gate.add_permits(10);
    for w in waiting {
        let (s, b) = w.await.unwrap();
        assert_eq!(s, StatusCode::ACCEPTED, "{b}");
    }
}

#[tokio::test]
async fn stats_debias_suppress_and_filter() {
    for url in databases("stats").await {
        let st = state(Config {
            min_count: 100,
            ..config(&url)
        })
        .await;
        let schema = schema(&st);
        let field = &schema.fields[0];
        let mut rng = Rng::new(31);
        // 150 records five weeks ago for bank-site, 60 last week for vc-portal-1.
        let (early_week, late_week) = (week_ago(5), week_ago(1));
        let mut tasks = Vec::new();
        for i in 0..210 {
            let (partner, week, origin) = if i < 150 {
                ("bank-site", &early_week, ORIGIN)
            } else {
                ("vc-portal-1", &late_week, "https://vc.example")
            };
            let r = record(&schema, partner, week, &mut rng);
            let st = st.clone();
            tasks.push(tokio::spawn(async move {
                send(
                    &st,
                    feedback_request(r.to_string(), Some("application/json"), Some(origin)),
                )
                .await
                .0
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap(), StatusCode::ACCEPTED);
        }
        let (s, _, all) = staff_get(&st, "/v1/stats").await;
        assert_eq!(s, StatusCode::OK, "{all}");
        assert_eq!(all["records"], 210, "{url}");
        assert_eq!(all["partners"], json!(["bank-site", "vc-portal-1"]));
        assert_eq!(all["weeks"], json!([early_week, late_week]));
        let f0 = &all["fields"][0];
        assert_eq!(f0["field"], field.name.as_str());
        assert_eq!(f0["suppressed"], false);
        let counts: i64 = f0["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["count"].as_i64().unwrap())
            .sum();
        assert_eq!(counts, 210);
        let shares: f64 = f0["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["share"].as_f64().unwrap())
            .sum();
        // Consistent estimates: non-negative shares summing to one.
        assert!((shares - 1.0).abs() < 1e-9, "shares sum {shares}");
        for v in f0["values"].as_array().unwrap() {
            let (lo, sh, hi) = (
                v["low"].as_f64().unwrap(),
                v["share"].as_f64().unwrap(),
                v["high"].as_f64().unwrap(),
            );
            assert!(0.0 <= lo && lo <= sh && sh <= hi && hi <= 1.0, "{v}");
            assert!(hi > lo, "an interval without width: {v}");
        }
        // Cross-tabs are counted once per record.
        for t in all["crossTabs"].as_array().unwrap() {
            assert_eq!(t["n"], 210, "{t}");
        }

        // The vc-portal-1 slice (60) is below 100: suppressed.
        let (_, _, vc) = staff_get(&st, "/v1/stats?partner=vc-portal-1").await;
        assert_eq!(vc["records"], 60);
        assert_eq!(vc["fields"][0]["suppressed"], true);
        assert!(vc["fields"][0]["values"][0]["share"].is_null());
        assert!(vc["fields"][0]["values"][0]["count"].is_null());
        assert!(vc["crossTabs"][0]["cells"][0]["share"].is_null());

        // Week range: only the early week.
        let q = format!("/v1/stats?from={}&to={}", week_ago(7), week_ago(3));
        let (_, _, early) = staff_get(&st, &q).await;
        assert_eq!(early["records"], 150);
        let q = format!("/v1/stats?from={}&to={}", week_ago(0), week_ago(0));
        let (_, _, none) = staff_get(&st, &q).await;
        assert_eq!(none["records"], 0);

        // CSV: header, one row per value and cross-tab cell.
        let (s, h, csv) = staff_get(&st, "/v1/export.csv?partner=bank-site").await;
        assert_eq!(s, StatusCode::OK);
        assert!(h["content-type"].to_str().unwrap().starts_with("text/csv"));
        let csv = csv.as_str().unwrap();
        let mut lines = csv.lines();
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("survey,partner,from,to,field,value")
        );
        let values: usize = schema.fields.iter().map(|f| f.values.len()).sum();
        let cells: usize = schema
            .cross_tabs
            .iter()
            .map(|(a, b)| {
                schema.field(a).unwrap().values.len() * schema.field(b).unwrap().values.len()
            })
            .sum();
        assert_eq!(lines.count(), values + cells);
        assert!(csv.contains(&format!(",bank-site,,,{},", field.name)));
    }
}

#[tokio::test]
async fn staff_routes_need_the_token_and_check_queries() {
    let st = state(config("memory:")).await;
    for path in [
        "/v1/stats",
        "/v1/export.csv",
        "/v1/trends?field=stage&value=growth",
        "/v1/trends.csv?field=stage&value=growth",
    ] {
        let (s, h, b) = send(&st, Request::get(path).body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{b}");
        assert_eq!(h["www-authenticate"], "Bearer");
        let wrong = Request::get(path)
            .header("authorization", "Bearer nope")
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(&st, wrong).await.0, StatusCode::UNAUTHORIZED);
    }
    for (q, code) in [
        ("from=2026-13", "bad_week"),
        ("to=W5", "bad_week"),
        ("survey=nope", "unknown_survey"),
        ("colour=red", "unknown_parameter"),
    ] {
        let (s, _, b) = staff_get(&st, &format!("/v1/stats?{q}")).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{q}: {b}");
        assert_eq!(b["error"]["code"], code);
    }
    let field = schema(&st).fields[0].clone();
    let ok = format!("field={}&value={}", field.name, field.values[0]);
    for (q, code) in [
        (format!("value={}", field.values[0]), "missing_parameter"),
        (format!("field={}", field.name), "missing_parameter"),
        ("field=nope&value=yes".to_string(), "unknown_field"),
        (format!("field={}&value=nope", field.name), "unknown_value"),
        (format!("{ok}&by=colour"), "bad_by"),
        (format!("{ok}&from=2026-W99"), "bad_week"),
        (format!("{ok}&colour=red"), "unknown_parameter"),
    ] {
        let (s, _, b) = staff_get(&st, &format!("/v1/trends?{q}")).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{q}: {b}");
        assert_eq!(b["error"]["code"], code, "{q}");
    }
}

#[tokio::test]
async fn trends_per_week_partner_and_survey_with_small_weeks_marked() {
    for url in databases("trends").await {
        let st = state(Config {
            min_count: 50,
            ..config(&url)
        })
        .await;
        let schema = schema(&st);
        let field = schema.fields[0].clone();
        let value = field.values[0].clone();
        let mut rng = Rng::new(51);
        // bank-site: 80 records three weeks ago, none two weeks ago, 60 last
        // week; vc-portal-1: 20 last week (below the minimum of 50).
        let plan = [
            ("bank-site", 3, 80, ORIGIN),
            ("bank-site", 1, 60, ORIGIN),
            ("vc-portal-1", 1, 20, "https://vc.example"),
        ];
        for (partner, ago, n, origin) in plan {
            for _ in 0..n {
                let mut r = record(&schema, partner, &week_ago(ago), &mut rng);
                // Every record reports the followed value on one in four.
                if rng.below(4) == 0 {
                    r["fields"][&field.name] = json!(value);
                }
                let (s, _, b) = send(
                    &st,
                    feedback_request(r.to_string(), Some("application/json"), Some(origin)),
                )
                .await;
                assert_eq!(s, StatusCode::ACCEPTED, "{b}");
            }
        }
        let q = format!("field={}&value={}&lang=en", field.name, value);
        let (s, _, t) = staff_get(&st, &format!("/v1/trends?{q}")).await;
        assert_eq!(s, StatusCode::OK, "{t}");
        assert_eq!(t["weeks"], json!([week_ago(3), week_ago(2), week_ago(1)]));
        assert_eq!(t["series"].as_array().unwrap().len(), 1);
        let all = &t["series"][0];
        assert_eq!(
            (all["key"].as_str(), all["label"].as_str()),
            (Some("all"), Some("All partners"))
        );
        let n: Vec<i64> = all["points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["n"].as_i64().unwrap())
            .collect();
        assert_eq!(n, [80, 0, 80], "{url}");
        let gap = &all["points"][1];
        assert!(gap["suppressed"].as_bool().unwrap() && gap["share"].is_null());
        for p in [&all["points"][0], &all["points"][2]] {
            let (lo, sh, hi) = (
                p["low"].as_f64().unwrap(),
                p["share"].as_f64().unwrap(),
                p["high"].as_f64().unwrap(),
            );
            assert!(
                0.0 <= lo && lo <= sh && sh <= hi && hi <= 1.0 && hi > lo,
                "{p}"
            );
        }

        // Side by side: vc-portal-1's one week is marked, not drawn.
        let (_, _, by) = staff_get(&st, &format!("/v1/trends?{q}&by=partner")).await;
        let keys: Vec<&str> = by["series"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["key"].as_str().unwrap())
            .collect();
        assert_eq!(keys, ["bank-site", "vc-portal-1"]);
        let vc = &by["series"][1]["points"];
        assert_eq!(vc[2]["n"], 20);
        assert_eq!(vc[2]["suppressed"], true);
        assert!(vc[2]["share"].is_null() && vc[2]["count"].is_null());

        // Options of one question side by side (by=field): one line each.
        let channels: Vec<String> = schema
            .fields
            .iter()
            .filter(|f| f.name.starts_with("channel."))
            .map(|f| f.name.clone())
            .take(3)
            .collect();
        assert_eq!(channels.len(), 3);
        let list = channels.join(",");
        let (s, _, bf) =
            staff_get(&st, &format!("/v1/trends?field={list}&value=yes&by=field")).await;
        assert_eq!(s, StatusCode::OK, "{bf}");
        let keys: Vec<&str> = bf["series"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["key"].as_str().unwrap())
            .collect();
        assert_eq!(
            keys,
            channels.iter().map(String::as_str).collect::<Vec<_>>()
        );
        assert_eq!(bf["series"][0]["points"][0]["n"], 80);
        let (s, _, e) = staff_get(&st, &format!("/v1/trends?field={list}&value=yes")).await;
        assert_eq!(
            (s, e["error"]["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some("bad_field_list"))
        );

        // Survey versions: only the versions asking the same question.
        let (_, _, sv) = staff_get(&st, &format!("/v1/trends?{q}&by=survey")).await;
        assert_eq!(sv["series"][0]["key"], st.schemas.default_survey());

        // CSV: the week column first, one row per series and week.
        let (s, h, csv) = staff_get(&st, &format!("/v1/trends.csv?{q}&by=partner")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(h["content-type"].to_str().unwrap().starts_with("text/csv"));
        let csv = csv.as_str().unwrap();
        let mut lines = csv.lines();
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("week,series,survey,partner,field,value,n,")
        );
        assert_eq!(lines.count(), 2 * 3);
        assert!(csv.contains(&format!("{},vc-portal-1,", week_ago(1))));
    }
}

#[tokio::test]
async fn openapi_covers_every_route() {
    let st = state(config("memory:")).await;
    let (s, _, doc) = send(
        &st,
        Request::get("/openapi.json").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/v1/feedback", "post"),
        ("/v1/feedback", "options"),
        ("/v1/stats", "get"),
        ("/v1/export.csv", "get"),
        ("/v1/trends", "get"),
        ("/v1/trends.csv", "get"),
        ("/healthz", "get"),
        ("/openapi.json", "get"),
        ("/dashboard", "get"),
        ("/", "get"),
        ("/dist/{file}", "get"),
    ] {
        assert!(paths[path][method].is_object(), "{method} {path} missing");
    }
    for code in ["202", "400", "403", "413", "415", "422", "429", "503"] {
        assert!(
            paths["/v1/feedback"]["post"]["responses"][code].is_object(),
            "{code}"
        );
    }
}

#[tokio::test]
async fn serves_pages_widget_and_health() {
    let dir = scratch_dir("static");
    let (www, dist) = (dir.join("www"), dir.join("dist"));
    std::fs::create_dir_all(&www).unwrap();
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(www.join("index.html"), "<!doctype html><title>demo</title>").unwrap();
    std::fs::write(
        www.join("dashboard.html"),
        "<!doctype html><title>dash</title>",
    )
    .unwrap();
    std::fs::write(dist.join("sme_precheck_wasm_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dist.join("sme-precheck.js"), "export {};").unwrap();
    let st = state(Config {
        www,
        dist,
        ..config("memory:")
    })
    .await;
    let get = |p: &str| Request::get(p).body(Body::empty()).unwrap();
    let (s, h, body) = send(&st, get("/")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(h["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("script-src 'self' 'wasm-unsafe-eval'")
    );
    assert!(body.as_str().unwrap().contains("demo"));
    let (s, _, body) = send(&st, get("/dashboard")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.as_str().unwrap().contains("dash"));
    let (s, h, _) = send(&st, get("/dist/sme_precheck_wasm_bg.wasm")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(h["content-type"], "application/wasm");
    assert_eq!(h["access-control-allow-origin"], "*");
    let (_, h, _) = send(&st, get("/dist/sme-precheck.js")).await;
    assert!(h["content-type"].to_str().unwrap().contains("javascript"));
    let (s, _, _) = send(&st, get("/dist/../../etc/passwd")).await;
    assert!(s.is_client_error());
    let (s, _, _) = send(&st, get("/missing.html")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _, b) = send(&st, get("/healthz")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(b["status"], "ok");
}

#[tokio::test]
async fn database_holds_no_address_agent_or_sentinel() {
    for url in databases("privacy").await {
        let st = state(config(&url)).await;
        let schema = schema(&st);
        let mut rng = Rng::new(77);
        for i in 0..50 {
            let mut req = feedback_request(
                record(&schema, "bank-site", &this_week(), &mut rng).to_string(),
                Some("application/json"),
                Some(ORIGIN),
            );
            let h = req.headers_mut();
            h.insert("user-agent", "SentinelAgent/7.7 (ZZQX-UA)".parse().unwrap());
            h.insert(
                "referer",
                "https://bank.example/ZZQX-REFERER".parse().unwrap(),
            );
            h.insert("cookie", "session=ZZQX-COOKIE".parse().unwrap());
            assert_eq!(send(&st, req).await.0, StatusCode::ACCEPTED, "record {i}");
        }
        // A refused record carrying a sentinel must leave no trace either.
        let mut bad = record(&schema, "bank-site", &this_week(), &mut rng);
        bad["fields"]["companyName"] = json!("ZZQX-COMPANY");
        assert_eq!(post(&st, &bad).await.0, StatusCode::UNPROCESSABLE_ENTITY);
        let rows = st
            .storage
            .counter_rows(&sme_precheck_server::storage::Filter {
                survey: schema.survey.clone(),
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(!rows.is_empty());
        for r in &rows {
            let all = format!("{} {} {} {}", r.week, r.partner, r.field, r.value);
            assert!(
                !all.contains("ZZQX") && !all.contains("198.51.100"),
                "{all}"
            );
        }
        st.storage.integrity_check().await.unwrap();
        if let Some(path) = url.strip_prefix("sqlite:") {
            st.ingest.shutdown();
            st.storage.close().await;
            let dir = std::path::Path::new(path).parent().unwrap();
            let mut scanned = 0;
            for entry in std::fs::read_dir(dir).unwrap() {
                let bytes = std::fs::read(entry.unwrap().path()).unwrap();
                scanned += bytes.len();
                for needle in [&b"ZZQX"[..], b"SentinelAgent", b"198.51.100.23"] {
                    assert!(
                        !bytes.windows(needle.len()).any(|w| w == needle),
                        "database file contains {needle:?}"
                    );
                }
            }
            assert!(scanned > 0);
        }
    }
}

#[tokio::test]
async fn demo_partners_file_parses() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../www/partners.demo.json"
    ))
    .unwrap();
    let p = Partners::from_json(&text, 8080).unwrap();
    for id in ["bank-site", "vc-portal-1"] {
        assert!(p.allows(id, "http://127.0.0.1:8080"));
        assert!(p.allows(id, "http://localhost:8080"));
    }
}

#[tokio::test]
async fn record_fixtures_get_their_documented_status() {
    // tests/fixtures/records/cases.json (owned by the anonymizer): each body
    // with the status and code the server must answer.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/records");
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/cases.json")).unwrap())
            .unwrap();
    assert!(cases.len() >= 10);
    for url in databases("fixtures").await {
        let st = state(config(&url)).await;
        for c in &cases {
            let name = c["name"].as_str().unwrap();
            let body = match &c["body"] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            }
            .replace(FIXTURE_WEEK, &this_week());
            let (s, _, b) = send(
                &st,
                feedback_request(body, Some("application/json"), Some(ORIGIN)),
            )
            .await;
            assert_eq!(
                s.as_u16(),
                c["status"].as_u64().unwrap() as u16,
                "{name}: {b}"
            );
            if s.is_client_error() {
                assert_eq!(b["error"]["code"], c["code"], "{name}: {b}");
            }
        }
        for entry in std::fs::read_dir(format!("{dir}/valid")).unwrap() {
            let path = entry.unwrap().path();
            let body = std::fs::read_to_string(&path)
                .unwrap()
                .replace(FIXTURE_WEEK, &this_week());
            let (s, _, b) = send(
                &st,
                feedback_request(body, Some("text/plain;charset=UTF-8"), None),
            )
            .await;
            assert_eq!(s, StatusCode::ACCEPTED, "{}: {b}", path.display());
        }
    }
}

#[tokio::test]
async fn extra_survey_definitions_are_accepted() {
    let file = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/survey/mini.survey.json"
    ));
    let st = state(Config {
        surveys: vec![file.clone()],
        ..config("memory:")
    })
    .await;
    let text = std::fs::read_to_string(&file).unwrap();
    let survey = sme_precheck::survey::Survey::from_json(&text).unwrap();
    let key = survey.key();
    assert_ne!(key, st.schemas.default_survey());
    let schema = st.schemas.get(&key).expect("survey registered").clone();
    let r = record(&schema, "bank-site", &this_week(), &mut Rng::new(4));
    let (s, b) = post(&st, &r).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{b}");
    let (s, _, stats) = staff_get(&st, &format!("/v1/stats?survey={key}&lang=en")).await;
    assert_eq!(s, StatusCode::OK, "{stats}");
    assert_eq!(stats["records"], 1);
    assert_eq!(stats["lang"], "en");

    // A broken definition stops start-up with a message naming the file.
    let bad = scratch_dir("bad-survey").join("bad.json");
    std::fs::write(&bad, "{\"id\": 1}").unwrap();
    let err = AppState::start(
        Config {
            surveys: vec![bad],
            ..config("memory:")
        },
        partners(),
    )
    .await
    .err()
    .unwrap();
    assert!(err.contains("bad.json"), "{err}");
}

#[tokio::test]
async fn a_database_of_the_first_layout_is_migrated_with_its_ids() {
    // The first layout keyed seen ids by id alone; opening it re-keys them
    // by (week, id) and keeps every row.
    let url = format!("sqlite:{}", scratch_dir("migrate").join("old.db").display());
    sqlx::any::install_default_drivers();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&format!("{url}?mode=rwc"))
        .await
        .unwrap();
    for stmt in [
        "CREATE TABLE precheck_migrations (version BIGINT NOT NULL PRIMARY KEY)",
        "INSERT INTO precheck_migrations (version) VALUES (1)",
        "CREATE TABLE counters (week TEXT NOT NULL, partner TEXT NOT NULL, survey TEXT NOT NULL, \
         field TEXT NOT NULL, value TEXT NOT NULL, count INTEGER NOT NULL, \
         PRIMARY KEY (week, partner, survey, field, value)) WITHOUT ROWID",
        "CREATE TABLE crosstab_counters (week TEXT NOT NULL, partner TEXT NOT NULL, \
         survey TEXT NOT NULL, field_a TEXT NOT NULL, value_a TEXT NOT NULL, field_b TEXT NOT NULL, \
         value_b TEXT NOT NULL, count INTEGER NOT NULL, \
         PRIMARY KEY (week, partner, survey, field_a, value_a, field_b, value_b)) WITHOUT ROWID",
        "CREATE TABLE seen_ids (id TEXT NOT NULL PRIMARY KEY, week TEXT NOT NULL) WITHOUT ROWID",
        "INSERT INTO seen_ids (id, week) VALUES ('a', '2026-W40'), ('b', '2026-W41')",
    ] {
        sqlx::Executor::execute(&mut conn, stmt).await.unwrap();
    }
    sqlx::Connection::close(conn).await.unwrap();
    let storage = sme_precheck_server::storage::Storage::open(&url)
        .await
        .unwrap();
    assert_eq!(storage.record_ids().await.unwrap(), 2);
    assert_eq!(
        storage.oldest_id_week().await.unwrap().as_deref(),
        Some("2026-W40")
    );
    assert_eq!(storage.prune_ids_before("2026-W41").await.unwrap(), 1);
    assert_eq!(storage.record_ids().await.unwrap(), 1);
    storage.integrity_check().await.unwrap();
}

#[tokio::test]
async fn every_built_in_survey_is_accepted_and_unchanged_questions_compare_across_versions() {
    let st = state(config("memory:")).await;
    let default = st.schemas.default_survey().to_string();
    let mut rng = Rng::new(61);
    let surveys: Vec<String> = st
        .schemas
        .surveys()
        .map(|s| s.survey.clone())
        .filter(|s| s != "precheck@1")
        .collect();
    assert!(surveys.len() >= 3, "{surveys:?}");
    for survey in &surveys {
        let schema = st.schemas.get(survey).unwrap().clone();
        for _ in 0..3 {
            let r = record(&schema, "bank-site", &week_ago(0), &mut rng);
            assert_eq!(post(&st, &r).await.0, StatusCode::ACCEPTED, "{survey}");
        }
    }
    let current = st.schemas.get(&default).unwrap();
    // A field every version asks the same way is compared across versions;
    // one whose values changed is not.
    let same: Vec<&str> = surveys
        .iter()
        .filter(|s| {
            st.schemas.get(s).unwrap().field("stage").map(|f| &f.values)
                == current.field("stage").map(|f| &f.values)
        })
        .map(String::as_str)
        .collect();
    let q = format!(
        "/v1/trends?field=stage&value={}&by=survey",
        current.field("stage").unwrap().values[0]
    );
    let (s, _, t) = staff_get(&st, &q).await;
    assert_eq!(s, StatusCode::OK, "{t}");
    let keys: Vec<&str> = t["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys[0], default);
    assert!(keys.len() >= 2, "{keys:?}");
    assert!(
        keys.iter().all(|k| same.contains(k)),
        "{keys:?} vs {same:?}"
    );
    let changed = surveys.iter().find(|s| {
        let f = st.schemas.get(s).unwrap().field("sector");
        f.is_some() && f.map(|f| &f.values) != current.field("sector").map(|f| &f.values)
    });
    if let Some(old) = changed {
        let q = "/v1/trends?field=sector&value=none&by=survey";
        let (_, _, t) = staff_get(&st, q).await;
        let keys: Vec<&str> = t["series"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["key"].as_str().unwrap())
            .collect();
        assert!(!keys.contains(&old.as_str()), "{keys:?}");
    }
}
