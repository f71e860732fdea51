//! The HTTP load client of `precheck-load`, also compiled into the server's
//! test suites (`tests/common`): valid records built from a schema, one
//! POST, and a POST retried with the core's delivery policy
//! (`sme_precheck::anonymize::{classify, RetryPolicy}`), exactly as the
//! browser outbox retries. Not part of the server library.

use std::time::{Duration, Instant};

use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use sme_precheck::anonymize::{
    Disposition, RandomSource, RecordSchema, RetryPolicy, SeededRandom, classify, parse_retry_after,
};

/// A valid record of `schema` for `partner` in `week` (random values drawn
/// from `rng`, a fresh UUID v4 id) as JSON.
pub fn record(
    schema: &RecordSchema,
    partner: &str,
    week: &str,
    rng: &mut SeededRandom,
) -> serde_json::Value {
    let mut fields = serde_json::Map::new();
    for f in &schema.fields {
        let v = &f.values[rng.below(f.values.len() as u32) as usize];
        fields.insert(f.name.clone(), serde_json::Value::String(v.clone()));
    }
    serde_json::json!({
        "v": 1,
        "id": uuid::Uuid::new_v4().to_string(),
        "week": week,
        "partner": partner,
        "survey": schema.survey,
        "fields": fields,
    })
}

/// `n` valid records of `schema` (random values, fresh UUID v4 ids) as JSON.
pub fn records(
    schema: &RecordSchema,
    partner: &str,
    week: &str,
    n: usize,
    seed: u64,
) -> Vec<Bytes> {
    let mut rng = SeededRandom::new(seed);
    (0..n)
        .map(|_| Bytes::from(record(schema, partner, week, &mut rng).to_string()))
        .collect()
}

/// The result of one POST: the HTTP status (`None` = network error) and a
/// `Retry-After` in seconds, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt {
    /// HTTP status, or `None` when no response arrived.
    pub status: Option<u16>,
    /// `Retry-After` seconds.
    pub retry_after: Option<u32>,
}

/// The result of a delivery with retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    /// The final status (2xx, or the status that made the record drop).
    pub status: Option<u16>,
    /// Attempts made (1 = first try succeeded).
    pub attempts: u32,
    /// Whether the server said the id was already stored.
    pub duplicate: bool,
}

/// An HTTP/1.1 client posting records to one URL.
#[derive(Clone)]
pub struct FeedbackClient {
    client: Client<HttpConnector, Full<Bytes>>,
    url: String,
    origin: Option<String>,
    user_agent: String,
    timeout: Duration,
}

impl FeedbackClient {
    /// A client posting to `url` (e.g. `http://127.0.0.1:8080/v1/feedback`),
    /// sending `Origin: origin` when given.
    pub fn new(url: &str, origin: Option<&str>) -> FeedbackClient {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        connector.set_connect_timeout(Some(Duration::from_secs(2)));
        FeedbackClient {
            client: Client::builder(TokioExecutor::new())
                .pool_idle_timeout(Duration::from_secs(30))
                .build(connector),
            url: url.to_string(),
            origin: origin.map(str::to_string),
            user_agent: "precheck-load/1".into(),
            timeout: Duration::from_secs(10),
        }
    }

    /// Sets the `User-Agent` sent (tests use a sentinel value).
    pub fn with_user_agent(mut self, ua: &str) -> FeedbackClient {
        self.user_agent = ua.to_string();
        self
    }

    /// One POST; also returns whether the body said `duplicate`.
    pub async fn post(&self, body: Bytes) -> (Attempt, bool) {
        let mut req = hyper::Request::post(&self.url)
            .header("content-type", "application/json")
            .header("user-agent", &self.user_agent);
        if let Some(o) = &self.origin {
            req = req.header("origin", o);
        }
        let Ok(req) = req.body(Full::new(body)) else {
            return (
                Attempt {
                    status: None,
                    retry_after: None,
                },
                false,
            );
        };
        let fut = async {
            let res = self.client.request(req).await.ok()?;
            let status = res.status().as_u16();
            let retry_after = res
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| parse_retry_after(v, None));
            let bytes = res.into_body().collect().await.ok()?.to_bytes();
            let duplicate = bytes.windows(11).any(|w| w == b"\"duplicate\"");
            Some((
                Attempt {
                    status: Some(status),
                    retry_after,
                },
                duplicate,
            ))
        };
        match tokio::time::timeout(self.timeout, fut).await {
            Ok(Some(r)) => r,
            _ => (
                Attempt {
                    status: None,
                    retry_after: None,
                },
                false,
            ),
        }
    }

    /// POSTs until the core's policy says done or drop, sleeping
    /// `policy.backoff_ms(attempt, Retry-After, jitter)` between attempts;
    /// gives up (status `None`) after `deadline`.
    pub async fn deliver(
        &self,
        body: Bytes,
        policy: &RetryPolicy,
        rng: &mut SeededRandom,
        deadline: Instant,
    ) -> Delivery {
        let mut attempt = 0u32;
        loop {
            let (a, duplicate) = self.post(body.clone()).await;
            match classify(a.status) {
                Disposition::Done => {
                    return Delivery {
                        status: a.status,
                        attempts: attempt + 1,
                        duplicate,
                    };
                }
                Disposition::Drop => {
                    return Delivery {
                        status: a.status,
                        attempts: attempt + 1,
                        duplicate: false,
                    };
                }
                Disposition::Retry => {
                    let wait = policy.backoff_ms(attempt, a.retry_after, rng.next_f64());
                    attempt += 1;
                    if Instant::now() + Duration::from_millis(wait) > deadline {
                        return Delivery {
                            status: None,
                            attempts: attempt,
                            duplicate: false,
                        };
                    }
                    tokio::time::sleep(Duration::from_millis(wait)).await;
                }
            }
        }
    }
}
