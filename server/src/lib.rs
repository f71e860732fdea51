#![recursion_limit = "512"]
//! SME PreCheck feedback server: receives anonymized records,
//! keeps aggregate counters only, and serves staff statistics, the staff
//! dashboard and the demo pages.
//!
//! - [`app`]: the whole HTTP surface as one `Router` (tests drive it with
//!   `oneshot`); [`AppState::start`] builds its state.
//! - [`feedback`]: `POST /v1/feedback` — content type, body limit, JSON,
//!   schema validation, partner/Origin check, CORS, rate limit, queue.
//! - [`ingest`]: bounded queue + group-commit writer (202 only after commit),
//!   which also prunes record ids older than the [`window`].
//! - [`storage`]: counters, cross-tab counters and seen ids on SQLite or
//!   PostgreSQL (one code path, migrations for both; SQLite in memory too).
//! - [`staff`]: bearer-token routes `GET /v1/stats` and `GET /v1/export.csv`.
//! - [`trends`]: bearer-token routes `GET /v1/trends` and `GET /v1/trends.csv`
//!   (one field value week by week, per partner or per survey version).
//! - [`openapi`]: `GET /openapi.json`.

pub mod config;
pub mod error;
pub mod feedback;
pub mod ingest;
pub mod labels;
pub mod openapi;
pub mod partners;
pub mod ratelimit;
pub mod record;
pub mod staff;
pub mod storage;
pub mod trends;
pub mod validate;
pub mod window;

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::get;
use tokio::task::JoinHandle;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub use config::Config;
use ingest::{Ingest, Pruning};
use partners::Partners;
use ratelimit::RateLimiter;
use storage::Storage;
use validate::Schemas;

/// The strict Content-Security-Policy sent with every static file.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors *; \
base-uri 'none'; form-action 'self'";

/// Shared state behind every route.
pub struct Shared {
    /// The options the server started with.
    pub config: Config,
    /// Storage (also read by the staff routes).
    pub storage: Arc<Storage>,
    /// The ingest queue.
    pub ingest: Arc<Ingest>,
    /// Partner allowlist.
    pub partners: Partners,
    /// Per-client rate limit.
    pub limiter: RateLimiter,
    /// Known record schemas (surveys).
    pub schemas: Schemas,
    /// The staff bearer token.
    pub admin_token: String,
    /// The clock weeks are read from (shared with the writer's pruning).
    pub clock: window::Clock,
}

/// Cheaply clonable state handle passed to [`app`].
#[derive(Clone)]
pub struct AppState(pub Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    /// Opens storage, starts the writer task and builds the state. Returns the
    /// writer's `JoinHandle` (await it after [`Ingest::shutdown`]).
    pub async fn start(
        config: Config,
        partners: Partners,
    ) -> Result<(AppState, JoinHandle<()>), String> {
        AppState::start_gated(config, partners, None).await
    }

    /// Like [`AppState::start`] with a gate on the writer (see
    /// [`Ingest::start_gated`]); tests use it to fill the queue.
    pub async fn start_gated(
        config: Config,
        partners: Partners,
        gate: Option<Arc<tokio::sync::Semaphore>>,
    ) -> Result<(AppState, JoinHandle<()>), String> {
        let schemas = Schemas::with_surveys(&config.surveys)?;
        let storage = Arc::new(
            Storage::open(&config.database_url)
                .await
                .map_err(|e| format!("database {}: {e}", redact(&config.database_url)))?,
        );
        let clock = window::Clock::default();
        let (ingest, writer) = Ingest::start_gated(
            storage.clone(),
            config.queue_capacity,
            config.max_batch,
            Pruning {
                window: config.window,
                clock: clock.clone(),
            },
            gate,
        );
        let admin_token = config.admin_token.clone().unwrap_or_else(random_token);
        let limiter = RateLimiter::new(config.rate_per_sec, config.rate_burst);
        let state = AppState(Arc::new(Shared {
            config,
            storage,
            ingest,
            partners,
            limiter,
            schemas,
            admin_token,
            clock,
        }));
        Ok((state, writer))
    }
}

/// A random 32-hex-digit token.
pub fn random_token() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// A database URL with any password replaced by `***` (for messages).
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// The whole HTTP surface.
pub fn app(state: AppState) -> Router {
    let csp = SetResponseHeaderLayer::overriding(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    let nosniff = SetResponseHeaderLayer::overriding(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    let referrer = SetResponseHeaderLayer::overriding(
        HeaderName::from_static("referrer-policy"),
        HeaderValue::from_static("no-referrer"),
    );
    // The built widget is fetched by partner pages on other origins (ES
    // module + wasm need CORS); it is public and never sent with credentials.
    let dist = Router::new()
        .fallback_service(ServeDir::new(&state.config.dist))
        .layer(SetResponseHeaderLayer::overriding(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ));
    let pages = Router::new()
        .route_service(
            "/dashboard",
            ServeFile::new(state.config.www.join("dashboard.html")),
        )
        .nest_service("/dist", dist)
        .fallback_service(ServeDir::new(&state.config.www))
        .layer(csp);
    Router::new()
        .route(
            "/v1/feedback",
            axum::routing::post(feedback::post_feedback).options(feedback::preflight),
        )
        .route("/v1/stats", get(staff::stats))
        .route("/v1/export.csv", get(staff::export_csv))
        .route("/v1/trends", get(trends::trends))
        .route("/v1/trends.csv", get(trends::trends_csv))
        .route("/healthz", get(healthz))
        .route("/openapi.json", get(openapi::openapi))
        .merge(pages)
        .layer(nosniff)
        .layer(referrer)
        .with_state(state)
}

async fn healthz(
    axum::extract::State(st): axum::extract::State<AppState>,
) -> axum::Json<serde_json::Value> {
    let backend = st.storage.backend().as_str();
    axum::Json(serde_json::json!({
        "status": "ok",
        "storage": backend,
        "queued": st.ingest.queued(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact("postgres://u:secret@h:5/db"),
            "postgres://u:***@h:5/db"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("sqlite:x.db"), "sqlite:x.db");
    }
}
