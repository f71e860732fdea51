//! The anonymized feedback record and what surrounds it:
//!
//! - [`error`]: [`RecordError`] (HTTP status and stable code) and
//!   [`RECORD_VERSION`], at the bottom of the module;
//! - [`record`]: [`FeedbackRecord`], the record as it travels;
//! - [`schema`]: [`RecordSchema`] / [`FieldSpec`] (fields, values, ε, approved
//!   cross-tabs) and the server's strict [`RecordSchema::validate`];
//! - [`builder`]: [`build_record`] / [`build_record_memoized`] (bucket,
//!   randomize, attach a UUID and the ISO week);
//! - [`memo`]: permanent randomized response, [`RrMemo`];
//! - [`weekly`]: one record per survey version per ISO week, [`SendLog`];
//! - [`randomized_response`]: k-ary randomized response and the
//!   [`RandomSource`] it draws from;
//! - [`estimate`](mod@estimate): the de-biasing estimator with 95 % intervals
//!   for one field and for two-field cross-tabs (used by the server);
//! - [`survey_fields`]: [`RecordSchema::for_survey`] and
//!   [`RecordSchema::default_schema`] from the survey's privacy settings;
//! - [`buckets`], [`iso_week`], [`uuid`]: the coarsening helpers;
//! - [`delivery_policy`]: the retry policy shared by the browser outbox and
//!   the server's delivery tests.
//!
//! ```
//! use sme_precheck::anonymize::*;
//! let schema = RecordSchema::precheck_only();
//! let inputs = PrecheckInputs { outcomes: vec!["pre_qualified".into()], ..Default::default() };
//! let week = IsoWeek::from_date(2026, 11, 27).unwrap();
//! let mut rng = SeededRandom::new(1);
//! let record = build_record(&schema, &inputs, &sme_precheck::json::Json::Object(Default::default()), "bank-site", week, &mut rng).unwrap();
//! assert_eq!(record.week, "2026-W48");
//! schema.validate(&record).unwrap();
//! let reparsed = FeedbackRecord::from_json(&record.to_json()).unwrap();
//! assert_eq!(reparsed, record);
//! ```

pub mod buckets;
pub mod builder;
pub mod delivery_policy;
pub mod error;
pub mod estimate;
pub mod iso_week;
pub mod memo;
pub mod randomized_response;
pub mod record;
pub mod schema;
pub mod survey_fields;
pub mod uuid;
pub mod weekly;

pub use builder::{PrecheckInputs, bucketize, build_record, build_record_memoized};
pub use delivery_policy::{Disposition, RetryPolicy, backoff_ms, classify, parse_retry_after};
pub use error::{RECORD_VERSION, RecordError};
pub use estimate::{Estimate, Z95, estimate, estimate_cross_tab};
pub use iso_week::IsoWeek;
pub use memo::{RrMemo, memoized_reports};
pub use randomized_response::{RandomSource, SeededRandom, randomize_index, rr_probabilities};
pub use record::FeedbackRecord;
pub use schema::{
    DEFAULT_EPSILON, FieldSource, FieldSpec, PrecheckItem, RecordSchema, is_partner_id,
};
pub use survey_fields::APPROVED_CROSS_TABS;
pub use uuid::{is_uuid_v4, uuid_v4};
pub use weekly::{Admission, SendLog, WeekStatus};
