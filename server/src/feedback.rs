//! `POST /v1/feedback` and its CORS preflight.
//!
//! Order of checks, each with its own status so a client's mistake is never
//! a 500: rate limit (429 + `Retry-After`), content type (415: only
//! `application/json` and `text/plain` — the latter for `sendBeacon`), body
//! size (413 above 16 KiB), JSON syntax (400), record shape and schema (400
//! for a wrong shape, 422 for unknown fields, unknown survey, out-of-range
//! values, bad id, week or partner), the week inside the window (422
//! `week_too_old`, or `bad_week` for a far-future week), partner known (422) and Origin allowed
//! for that partner (403), then the queue (503 + `Retry-After` when full) and
//! the group commit (202 after commit, also for a duplicate id).
//!
//! A request without an `Origin` header (not a browser: curl, a partner's
//! server) skips the Origin check; browsers always send one on a POST. CORS
//! responses echo an allowed origin exactly, never `*`, and never allow
//! credentials.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::AppState;
use crate::error::ApiError;
use crate::ingest::Outcome;

/// Largest accepted body: 16 KiB.
pub const BODY_LIMIT: usize = 16 * 1024;

/// `POST /v1/feedback`.
pub async fn post_feedback(State(st): State<AppState>, req: Request) -> Response {
    let origin = origin_of(req.headers());
    let mut res = match accept(&st, req, origin.as_deref()).await {
        Ok((id, outcome)) => {
            let status = match outcome {
                Outcome::Stored => "stored",
                Outcome::Duplicate => "duplicate",
            };
            (
                StatusCode::ACCEPTED,
                axum::Json(serde_json::json!({ "id": id, "status": status })),
            )
                .into_response()
        }
        Err(e) => e.into_response(),
    };
    add_cors(&st, origin.as_deref(), res.headers_mut());
    res
}

/// `OPTIONS /v1/feedback`: the CORS preflight. 204 with the exact origin for
/// an origin some partner allows, 403 otherwise.
pub async fn preflight(State(st): State<AppState>, headers: HeaderMap) -> Response {
    let origin = origin_of(&headers);
    match origin.as_deref() {
        Some(o) if st.partners.any_allows(o) => {
            let mut res = StatusCode::NO_CONTENT.into_response();
            let h = res.headers_mut();
            add_cors(&st, Some(o), h);
            h.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("POST"),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("content-type"),
            );
            h.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("600"),
            );
            res
        }
        _ => ApiError::new(
            StatusCode::FORBIDDEN,
            "origin_not_allowed",
            "no partner allows this Origin",
        )
        .into_response(),
    }
}

fn origin_of(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

fn add_cors(st: &AppState, origin: Option<&str>, h: &mut HeaderMap) {
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(o) = origin
        && st.partners.any_allows(o)
        && let Ok(v) = HeaderValue::from_str(o)
    {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("retry-after"),
        );
    }
}

async fn accept(
    st: &AppState,
    req: Request,
    origin: Option<&str>,
) -> Result<(String, Outcome), ApiError> {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    if let Err(secs) = st.limiter.check(peer) {
        return Err(ApiError {
            retry_after: Some(secs),
            ..ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "too many records from this client; retry later",
            )
        });
    }
    check_content_type(req.headers())?;
    if let Some(len) = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        && len > BODY_LIMIT as u64
    {
        return Err(too_large());
    }
    let body = read_body(req.into_body()).await?;
    let record = st.schemas.check(&body)?;
    st.config
        .window
        .check(&record.week, st.clock.now_millis())?;
    if !st.partners.contains(&record.partner) {
        return Err(ApiError::unprocessable(
            "unknown_partner",
            format!("partner: `{}` is not a registered partner", record.partner),
        ));
    }
    if let Some(o) = origin
        && !st.partners.allows(&record.partner, o)
    {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "origin_not_allowed",
            format!(
                "partner: `{}` does not accept records from this page's origin",
                record.partner
            ),
        ));
    }
    let id = record.id.clone();
    let outcome = st.ingest.submit(record).await?;
    Ok((id, outcome))
}

fn check_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let unsupported = |got: &str| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!("Content-Type: expected application/json or text/plain (JSON), got `{got}`"),
        )
    };
    let Some(v) = headers.get(header::CONTENT_TYPE) else {
        return Err(unsupported("nothing"));
    };
    let v = v.to_str().map_err(|_| unsupported("non-ASCII"))?;
    let mut parts = v.split(';');
    let mime = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    if mime != "application/json" && mime != "text/plain" {
        return Err(unsupported(v));
    }
    for p in parts {
        if let Some((k, cs)) = p.split_once('=')
            && k.trim().eq_ignore_ascii_case("charset")
        {
            let cs = cs.trim().trim_matches('"');
            if !cs.eq_ignore_ascii_case("utf-8") && !cs.eq_ignore_ascii_case("utf8") {
                return Err(unsupported(v));
            }
        }
    }
    Ok(())
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "body_too_large",
        format!("the body is larger than {BODY_LIMIT} bytes"),
    )
}

async fn read_body(body: Body) -> Result<Vec<u8>, ApiError> {
    match Limited::new(body, BODY_LIMIT).collect().await {
        Ok(collected) => Ok(collected.to_bytes().to_vec()),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => Err(too_large()),
        Err(_) => Err(ApiError::bad_request(
            "body_unreadable",
            "the request body could not be read",
        )),
    }
}
