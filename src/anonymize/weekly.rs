//! One record per survey version per ISO week per device.
//!
//! The browser keeps a [`SendLog`]: for each survey version, the week of the
//! last record handed to the outbox and whether it has been delivered. A
//! new record of the same survey and week **replaces** the earlier one while
//! that one is still waiting in the outbox, and is refused once it has been
//! delivered ([`SendLog::admit`]). The log keeps a record id only while the
//! record is queued; after delivery it holds the survey key and the week.
//!
//! ```
//! use sme_precheck::anonymize::{Admission, IsoWeek, SendLog, WeekStatus};
//! let week: IsoWeek = "2026-W48".parse().unwrap();
//! let mut log = SendLog::default();
//! assert_eq!(log.admit("default@2", week), Admission::Add);
//! log.queued("default@2", week, "id-1");
//! assert_eq!(log.admit("default@2", week), Admission::Replace("id-1".into()));
//! log.delivered("id-1");
//! assert_eq!(log.status("default@2", week), WeekStatus::Delivered);
//! assert_eq!(log.admit("default@2", week.next()), Admission::Add);
//! ```

use crate::json::{Json as Value, Map};

use super::error::RecordError;
use super::iso_week::IsoWeek;
use super::memo::{lookup, slot, stored_json, stored_surveys};

/// The log format version.
pub const LOG_VERSION: u32 = 1;

/// Where this week's record of a survey stands on this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WeekStatus {
    /// Nothing sent this week.
    Open,
    /// This week's record waits in the outbox (its id).
    Queued(String),
    /// This week's record has been delivered.
    Delivered,
}

impl WeekStatus {
    /// `open`, `queued` or `delivered`.
    pub fn as_str(&self) -> &'static str {
        match self {
            WeekStatus::Open => "open",
            WeekStatus::Queued(_) => "queued",
            WeekStatus::Delivered => "delivered",
        }
    }
}

/// What to do with a new record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Admission {
    /// Queue it.
    Add,
    /// Queue it in place of this week's earlier record (its id).
    Replace(String),
    /// Do not send: this week's record is already in.
    Refuse,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Entry {
    week: String,
    queued: Option<String>,
}

/// The device's log of weekly sends, by survey key (`default@2`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendLog {
    v: u32,
    /// Sorted by survey key.
    surveys: Vec<(String, Entry)>,
}

impl Default for SendLog {
    fn default() -> Self {
        SendLog {
            v: LOG_VERSION,
            surveys: Vec::new(),
        }
    }
}

impl SendLog {
    /// The log stored as JSON text:
    /// `{"surveys":{"default@2":{"queued":"<id>","week":"2026-W48"}},"v":1}`.
    pub fn from_json(json: &str) -> Result<SendLog, RecordError> {
        let bad = |m: &str| RecordError::Malformed(format!("send log: {m}"));
        let mut surveys = Vec::new();
        for (key, e) in &stored_surveys(json, "send log", LOG_VERSION)? {
            let e = e.as_object().ok_or_else(|| bad(key))?;
            let week = e
                .get("week")
                .and_then(Value::as_str)
                .ok_or_else(|| bad(key))?;
            let queued = match e.get("queued") {
                None => None,
                Some(Value::String(id)) => Some(id.clone()),
                Some(_) => return Err(bad(key)),
            };
            if e.len() != 1 + usize::from(queued.is_some()) {
                return Err(bad(key));
            }
            let week = week.to_owned();
            *slot(&mut surveys, key) = Entry { week, queued };
        }
        Ok(SendLog {
            v: LOG_VERSION,
            surveys,
        })
    }

    /// Compact JSON text for storage.
    pub fn to_json(&self) -> String {
        let surveys: Map = self
            .surveys
            .iter()
            .map(|(key, e)| {
                let mut m = Map::new();
                m.insert("week".into(), Value::from(e.week.as_str()));
                if let Some(id) = &e.queued {
                    m.insert("queued".into(), Value::from(id.as_str()));
                }
                (key.clone(), Value::Object(m))
            })
            .collect();
        stored_json(LOG_VERSION, surveys)
    }

    /// True when the log holds nothing.
    pub fn is_empty(&self) -> bool {
        self.surveys.is_empty()
    }

    /// Where `survey`'s record of `week` stands.
    pub fn status(&self, survey: &str, week: IsoWeek) -> WeekStatus {
        match lookup(&self.surveys, survey) {
            Some(e) if e.week == week.to_string() => match &e.queued {
                Some(id) => WeekStatus::Queued(id.clone()),
                None => WeekStatus::Delivered,
            },
            _ => WeekStatus::Open,
        }
    }

    /// What to do with a new record of `survey` sent in `week`.
    pub fn admit(&self, survey: &str, week: IsoWeek) -> Admission {
        match self.status(survey, week) {
            WeekStatus::Open => Admission::Add,
            WeekStatus::Queued(id) => Admission::Replace(id),
            WeekStatus::Delivered => Admission::Refuse,
        }
    }

    /// Notes that record `id` of `survey` for `week` is in the outbox (it
    /// becomes this survey's only entry).
    pub fn queued(&mut self, survey: &str, week: IsoWeek, id: &str) {
        *slot(&mut self.surveys, survey) = Entry {
            week: week.to_string(),
            queued: Some(id.to_owned()),
        };
    }

    /// Notes that record `id` was delivered; its id is forgotten. False when
    /// the log does not know `id` (a record queued outside the weekly rule).
    pub fn delivered(&mut self, id: &str) -> bool {
        match self
            .surveys
            .iter_mut()
            .map(|(_, e)| e)
            .find(|e| e.queued.as_deref() == Some(id))
        {
            Some(e) => {
                e.queued = None;
                true
            }
            None => false,
        }
    }

    /// Notes that record `id` was given up (refused by the server or too
    /// old): it did not count, so its week is open again.
    pub fn dropped(&mut self, id: &str) -> bool {
        let before = self.surveys.len();
        self.surveys
            .retain(|(_, e)| e.queued.as_deref() != Some(id));
        self.surveys.len() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> IsoWeek {
        s.parse().unwrap()
    }

    #[test]
    fn one_record_per_survey_and_week() {
        let mut log = SendLog::default();
        let week = w("2026-W48");
        assert_eq!(log.status("default@2", week), WeekStatus::Open);
        log.queued("default@2", week, "a");
        // Another survey version is independent.
        assert_eq!(log.admit("partner@1", week), Admission::Add);
        assert_eq!(log.admit("default@2", week), Admission::Replace("a".into()));
        log.queued("default@2", week, "b");
        assert!(!log.delivered("a"), "a replaced record is no longer known");
        assert!(log.delivered("b"));
        assert_eq!(log.admit("default@2", week), Admission::Refuse);
        assert!(
            !log.to_json().contains("\"b\""),
            "the id is forgotten once delivered"
        );
        assert_eq!(log.admit("default@2", w("2026-W49")), Admission::Add);
        assert_eq!(log.admit("default@2", w("2027-W48")), Admission::Add);
    }

    #[test]
    fn a_dropped_record_reopens_its_week() {
        let mut log = SendLog::default();
        let week = w("2026-W01");
        log.queued("default@2", week, "a");
        assert!(log.dropped("a"));
        assert!(!log.dropped("a"));
        assert_eq!(log.admit("default@2", week), Admission::Add);
        assert!(log.is_empty());
    }

    #[test]
    fn json_round_trips_and_rejects_garbage() {
        let mut log = SendLog::default();
        log.queued("default@2", w("2026-W48"), "a");
        let text = log.to_json();
        assert_eq!(
            text,
            r#"{"surveys":{"default@2":{"queued":"a","week":"2026-W48"}},"v":1}"#
        );
        assert_eq!(SendLog::from_json(&text).unwrap(), log);
        assert!(SendLog::from_json("[]").is_err());
        assert!(SendLog::from_json(r#"{"v":9,"surveys":{}}"#).is_err());
        assert!(SendLog::from_json(r#"{"v":1,"surveys":{},"x":1}"#).is_err());
        assert!(
            SendLog::from_json(r#"{"v":1,"surveys":{"s@1":{"week":"2026-W01","x":1}}}"#).is_err()
        );
        assert!(SendLog::from_json(r#"{"v":1,"surveys":{"s@1":{"queued":"a"}}}"#).is_err());
    }
}
