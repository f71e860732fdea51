//! The window of weeks a record may belong to, and the clock it is read
//! from.
//!
//! The server keeps one row per record id (to count a retried record once)
//! only for the last `weeks` ISO weeks, the current one included: with the
//! default 8, a record of week `W` is accepted from `W` until `W + 7`, and
//! its id is deleted when `W + 8` begins. A record whose week is older than
//! the window is refused (422 `week_too_old`) — that refusal is what makes
//! deleting old ids safe: a late retry of a pruned id cannot be counted
//! twice. A week more than [`FUTURE_WEEKS`] ahead of the server's clock is
//! refused too (422 `bad_week`), so nobody fills far-future counters.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use sme_precheck::anonymize::IsoWeek;

use crate::error::ApiError;

/// Default number of weeks record ids are kept.
pub const DEFAULT_WEEKS: u32 = 8;

/// How many weeks ahead of the server's clock a record's week may be
/// (devices with a wrong clock).
pub const FUTURE_WEEKS: u32 = 8;

const WEEK_MS: i64 = 7 * 86_400_000;

/// The server's clock: system time plus an offset (tests move it forward
/// to see a window pass). Clones share the offset.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    /// Milliseconds since the Unix epoch.
    pub fn now_millis(&self) -> i64 {
        let system = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        system + self.offset_ms.load(Ordering::Relaxed)
    }

    /// The current ISO week.
    pub fn week(&self) -> IsoWeek {
        IsoWeek::from_unix_millis(self.now_millis())
    }

    /// Moves the clock `weeks` weeks forward (negative: back).
    pub fn advance_weeks(&self, weeks: i64) {
        self.offset_ms.fetch_add(weeks * WEEK_MS, Ordering::Relaxed);
    }
}

/// The window of accepted weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Number of weeks, the current one included (at least 1).
    pub weeks: u32,
}

impl Default for Window {
    fn default() -> Self {
        Window {
            weeks: DEFAULT_WEEKS,
        }
    }
}

impl Window {
    /// The oldest accepted week when the clock reads `now_millis`.
    pub fn oldest(&self, now_millis: i64) -> IsoWeek {
        let back = i64::from(self.weeks.max(1) - 1);
        IsoWeek::from_unix_millis(now_millis - back * WEEK_MS)
    }

    /// The newest accepted week when the clock reads `now_millis`.
    pub fn newest(&self, now_millis: i64) -> IsoWeek {
        IsoWeek::from_unix_millis(now_millis + i64::from(FUTURE_WEEKS) * WEEK_MS)
    }

    /// Checks a record's week (`YYYY-Www`, already well-formed) against the
    /// window at `now_millis`.
    pub fn check(&self, week: &str, now_millis: i64) -> Result<(), ApiError> {
        let Ok(w) = week.parse::<IsoWeek>() else {
            return Err(ApiError::unprocessable(
                "bad_week",
                format!("week: `{week}` is not an ISO week such as 2026-W01"),
            ));
        };
        let oldest = self.oldest(now_millis);
        if w < oldest {
            return Err(ApiError::unprocessable(
                "week_too_old",
                format!(
                    "week: `{week}` is older than the {} weeks this server accepts \
                     (oldest accepted: {oldest})",
                    self.weeks
                ),
            ));
        }
        if w > self.newest(now_millis) {
            return Err(ApiError::unprocessable(
                "bad_week",
                format!("week: `{week}` is in the future"),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Thursday 2026-03-05 12:00 UTC, in 2026-W10.
    const NOW: i64 = 1_772_712_000_000;

    #[test]
    fn the_window_counts_the_current_week() {
        assert_eq!(IsoWeek::from_unix_millis(NOW).to_string(), "2026-W10");
        let w = Window { weeks: 8 };
        assert_eq!(w.oldest(NOW).to_string(), "2026-W03");
        assert_eq!(Window { weeks: 1 }.oldest(NOW).to_string(), "2026-W10");
        // Across a year boundary (2025 has 52 weeks).
        assert_eq!(Window { weeks: 12 }.oldest(NOW).to_string(), "2025-W51");
        assert!(w.check("2026-W03", NOW).is_ok());
        assert!(w.check("2026-W10", NOW).is_ok());
        let e = w.check("2026-W02", NOW).unwrap_err();
        assert_eq!((e.status.as_u16(), e.code), (422, "week_too_old"));
        assert!(e.message.contains("2026-W03"), "{}", e.message);
    }

    #[test]
    fn future_weeks_are_refused() {
        let w = Window::default();
        assert!(w.check("2026-W18", NOW).is_ok());
        let e = w.check("2026-W19", NOW).unwrap_err();
        assert_eq!(e.code, "bad_week");
        assert!(w.check("2031-W10", NOW).is_err());
        assert_eq!(w.check("2026-W99", NOW).unwrap_err().code, "bad_week");
    }

    #[test]
    fn a_moved_clock_moves_the_window() {
        let c = Clock::default();
        let before = c.week();
        let other = c.clone();
        other.advance_weeks(3);
        let after = c.week();
        assert_eq!(after, before.next().next().next());
    }
}
