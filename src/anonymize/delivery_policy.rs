//! The retry policy shared by the browser outbox and the server's load
//! tests: what an HTTP outcome means for a queued record, and how long to
//! wait before the next attempt (exponential backoff with full jitter,
//! capped, honouring `Retry-After`).
//!
//! | outcome | meaning |
//! | --- | --- |
//! | 2xx | [`Disposition::Done`]: the server committed (or already had) the record |
//! | network error, 408, 425, 429, 500, 502, 503, 504 | [`Disposition::Retry`] |
//! | 400, 413, 422, any other 4xx/5xx, 1xx, 3xx | [`Disposition::Drop`]: resending cannot help; count it |

use super::iso_week::{days_from_civil, days_in_month};

/// What to do with a queued record after one attempt to send it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Disposition {
    /// Delivered: remove it from the outbox.
    Done,
    /// Transient failure: keep it and try again after [`backoff_ms`].
    Retry,
    /// Permanent failure: remove it and count it as dropped.
    Drop,
}

/// Classifies an attempt: `None` is a network error (no HTTP response at
/// all), `Some(status)` the HTTP status received.
pub fn classify(status: Option<u16>) -> Disposition {
    match status {
        None => Disposition::Retry,
        Some(200..=299) => Disposition::Done,
        // Timeouts, rate limits and an overloaded or restarting server or proxy.
        // 500 is retried too: a crash before commit must not lose the record,
        // and the server de-duplicates on the record id.
        Some(408 | 425 | 429 | 500 | 502 | 503 | 504) => Disposition::Retry,
        Some(_) => Disposition::Drop,
    }
}

/// Backoff parameters. [`RetryPolicy::default`] is what the outbox uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Delay scale of the first retry, in milliseconds.
    pub base_ms: u64,
    /// Upper bound of the exponential window, in milliseconds.
    pub cap_ms: u64,
    /// `Retry-After` values above this many seconds are treated as this value.
    pub max_retry_after_secs: u32,
    /// Extra random spread added after a `Retry-After` wait, in milliseconds,
    /// so that clients told the same time do not return in lockstep.
    pub retry_after_jitter_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base_ms: 500,
            cap_ms: 60_000,
            max_retry_after_secs: 600,
            retry_after_jitter_ms: 1_000,
        }
    }
}

impl RetryPolicy {
    /// Milliseconds to wait before retry number `attempt` (0 = the first
    /// retry after the first failed send).
    ///
    /// Without `Retry-After`: full jitter, `u · min(cap, base · 2^attempt)`.
    /// With `Retry-After: s`: `min(s, max) · 1000 + u · retry_after_jitter_ms`.
    /// `uniform01` is a uniform draw from `[0, 1)`; values outside are clamped.
    pub fn backoff_ms(&self, attempt: u32, retry_after_secs: Option<u32>, uniform01: f64) -> u64 {
        let u = if uniform01.is_nan() {
            0.0
        } else {
            uniform01.clamp(0.0, 1.0)
        };
        if let Some(secs) = retry_after_secs {
            let wait = u64::from(secs.min(self.max_retry_after_secs)) * 1000;
            return wait + (u * self.retry_after_jitter_ms as f64) as u64;
        }
        let window = self
            .base_ms
            .checked_shl(attempt.min(63))
            .filter(|w| w >> attempt.min(63) == self.base_ms)
            .unwrap_or(u64::MAX)
            .min(self.cap_ms);
        (u * window as f64) as u64
    }
}

/// [`RetryPolicy::backoff_ms`] of the default policy.
pub fn backoff_ms(attempt: u32, retry_after_secs: Option<u32>, uniform01: f64) -> u64 {
    RetryPolicy::default().backoff_ms(attempt, retry_after_secs, uniform01)
}

/// Parses a `Retry-After` header value given in delta-seconds (`"120"`).
///
/// HTTP-dates are accepted when `now_unix_secs` is given (`Fri, 27 Nov 2026
/// 23:40:00 GMT`, IMF-fixdate only) and give the seconds until that time
/// (0 if in the past). Anything else is `None` (ignore the header).
pub fn parse_retry_after(value: &str, now_unix_secs: Option<i64>) -> Option<u32> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return Some(
            v.parse::<u64>()
                .map_or(u32::MAX, |s| s.min(u64::from(u32::MAX)) as u32),
        );
    }
    let now = now_unix_secs?;
    let at = parse_imf_fixdate(v)?;
    Some((at - now).clamp(0, i64::from(u32::MAX)) as u32)
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` → Unix seconds.
fn parse_imf_fixdate(v: &str) -> Option<i64> {
    let parts: Vec<&str> = v.split(' ').collect();
    let [wd, day, mon, year, time, gmt] = parts.as_slice() else {
        return None;
    };
    if !wd.ends_with(',') || *gmt != "GMT" || day.len() != 2 || year.len() != 4 {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == mon)? as u32 + 1;
    let day: u32 = day.parse().ok()?;
    let year: i32 = year.parse().ok()?;
    let hms: Vec<u32> = time
        .split(':')
        .map(|p| if p.len() == 2 { p.parse().ok() } else { None })
        .collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else {
        return None;
    };
    if *h > 23 || *m > 59 || *s > 60 {
        return None;
    }
    if day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(days * 86_400 + i64::from(*h) * 3600 + i64::from(*m) * 60 + i64::from(*s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_table() {
        assert_eq!(classify(None), Disposition::Retry);
        for s in [200, 201, 202, 204, 299] {
            assert_eq!(classify(Some(s)), Disposition::Done, "{s}");
        }
        for s in [408, 425, 429, 500, 502, 503, 504] {
            assert_eq!(classify(Some(s)), Disposition::Retry, "{s}");
        }
        for s in [
            100, 301, 400, 401, 403, 404, 405, 413, 415, 422, 451, 501, 505,
        ] {
            assert_eq!(classify(Some(s)), Disposition::Drop, "{s}");
        }
    }

    #[test]
    fn backoff_grows_is_jittered_and_capped() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff_ms(0, None, 0.0), 0);
        assert_eq!(p.backoff_ms(0, None, 0.999_999), 499);
        assert_eq!(p.backoff_ms(3, None, 0.5), 2_000);
        assert_eq!(p.backoff_ms(7, None, 0.999_999), 59_999);
        assert_eq!(p.backoff_ms(200, None, 0.5), 30_000);
        assert_eq!(p.backoff_ms(u32::MAX, None, 1.0), 60_000);
        assert_eq!(p.backoff_ms(2, None, f64::NAN), 0);
        assert_eq!(p.backoff_ms(2, None, -3.0), 0);
        for attempt in 0..100 {
            let hi = p.backoff_ms(attempt, None, 1.0);
            assert!(hi <= p.cap_ms);
            assert!(hi >= p.backoff_ms(attempt.saturating_sub(1), None, 1.0));
        }
    }

    #[test]
    fn retry_after_is_honoured_and_bounded() {
        assert_eq!(backoff_ms(0, Some(3), 0.0), 3_000);
        assert_eq!(backoff_ms(9, Some(3), 0.5), 3_500);
        assert_eq!(backoff_ms(0, Some(0), 0.0), 0);
        assert_eq!(backoff_ms(0, Some(86_400), 0.0), 600_000);
    }

    #[test]
    fn parses_retry_after_values() {
        assert_eq!(parse_retry_after("120", None), Some(120));
        assert_eq!(parse_retry_after(" 7 ", None), Some(7));
        assert_eq!(
            parse_retry_after("99999999999999999999", None),
            Some(u32::MAX)
        );
        assert_eq!(parse_retry_after("-1", None), None);
        assert_eq!(parse_retry_after("1.5", None), None);
        assert_eq!(parse_retry_after("", None), None);
        let date = "Fri, 27 Nov 2026 23:40:30 GMT";
        assert_eq!(parse_retry_after(date, None), None);
        let now = days_from_civil(2026, 11, 27) * 86_400 + 23 * 3600 + 40 * 60;
        assert_eq!(parse_retry_after(date, Some(now)), Some(30));
        assert_eq!(parse_retry_after(date, Some(now + 100)), Some(0));
        assert_eq!(
            parse_retry_after("Fri, 31 Nov 2026 23:40:30 GMT", Some(now)),
            None
        );
        assert_eq!(
            parse_retry_after("Fri, 27 Nov 2026 23:40 GMT", Some(now)),
            None
        );
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }
}
