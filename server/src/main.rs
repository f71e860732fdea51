//! `precheck-server`: the SME PreCheck feedback server.
//!
//! Receives anonymized feedback records at `POST /v1/feedback` (202 only after
//! the group commit), keeps aggregate counters in SQLite (default) or
//! PostgreSQL, serves staff statistics (`/v1/stats`, `/v1/export.csv`, bearer
//! token), the dashboard at `/dashboard`, `www/` at `/` and `dist/` at `/dist/`.
//!
//! Run it:
//!
//! ```text
//! cargo run -p sme-precheck-server -- --port 8080 --partners www/partners.demo.json
//! ```
//!
//! Try it:
//!
//! ```text
//! curl -s http://127.0.0.1:8080/healthz
//! ```
//!
//! SIGINT/SIGTERM stop accepting connections, finish in-flight requests, drain
//! the ingest queue and close the database.

use std::net::SocketAddr;

use sme_precheck_server::partners::Partners;
use sme_precheck_server::{AppState, Config, app, config::USAGE, redact};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match Config::from_args(&args, |k| std::env::var(k).ok()) {
        Ok(Some(c)) => c,
        Ok(None) => {
            print!("{USAGE}");
            return;
        }
        Err(e) => {
            eprintln!("precheck-server: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(config).await {
        eprintln!("precheck-server: {e}");
        std::process::exit(1);
    }
}

async fn run(config: Config) -> Result<(), String> {
    let addr = format!("{}:{}", config.host, config.port);
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    let partners = match &config.partners {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("--partners {}: {e}", path.display()))?;
            Partners::from_json(&text, local.port())
                .map_err(|e| format!("--partners {}: {e}", path.display()))?
        }
        None => Partners::demo(local.port()),
    };
    let generated = config.admin_token.is_none();
    let db = redact(&config.database_url);
    let (state, writer) = AppState::start(config, partners).await?;
    if generated {
        eprintln!(
            "precheck-server: no --admin-token given; this run's token is {}",
            state.admin_token
        );
    }
    // The port line is parsed by tests that start the server with --port 0.
    println!("precheck-server listening on http://{local}/ (storage {db})");
    let ingest = state.ingest.clone();
    let storage = state.storage.clone();
    let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))?;
    eprintln!("precheck-server: draining the ingest queue");
    ingest.shutdown();
    let _ = writer.await;
    storage.close().await;
    eprintln!("precheck-server: stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
