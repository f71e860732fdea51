//! [`RecordError`]: why a feedback record was refused or could not be
//! built, with the HTTP status and the stable code the server answers with;
//! and [`RECORD_VERSION`], the record format version every error names.
//! At the bottom of the anonymizer: it depends on nothing else in it.

use std::fmt;

/// The record format version this crate writes and accepts.
pub const RECORD_VERSION: u32 = 1;

/// Why a record was refused. [`RecordError::status`] gives the HTTP status
/// the server answers with (400 for malformed JSON, 422 for the rest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
    /// Not JSON, or not the record's shape (wrong types, duplicate keys).
    Malformed(String),
    /// `v` is not a supported record version.
    UnsupportedVersion(u64),
    /// The record names a survey this schema is not for.
    UnknownSurvey(String),
    /// A key the record must not have (`extra` at the top, `fields["x"]`).
    UnknownField(String),
    /// A key the record must have.
    MissingField(String),
    /// A field value outside the field's values.
    OutOfRange {
        /// Field name.
        field: String,
        /// The value received.
        value: String,
    },
    /// `id` is not a canonical lowercase UUID v4.
    BadId(String),
    /// `week` is not an ISO week such as `2026-W48`.
    BadWeek(String),
    /// `partner` is not a partner id (1–64 of `A–Z a–z 0–9 - _ .`).
    BadPartner(String),
    /// A survey answer or pre-check input cannot be bucketed (building only).
    BadInput {
        /// Question id or input name.
        input: String,
        /// What is wrong.
        message: String,
    },
}

impl RecordError {
    /// The HTTP status for this error: 400 for [`RecordError::Malformed`],
    /// 422 otherwise.
    pub fn status(&self) -> u16 {
        match self {
            RecordError::Malformed(_) => 400,
            _ => 422,
        }
    }

    /// A stable machine-readable code (`malformed`, `unknown_field`, …).
    pub fn code(&self) -> &'static str {
        match self {
            RecordError::Malformed(_) => "malformed",
            RecordError::UnsupportedVersion(_) => "unsupported_version",
            RecordError::UnknownSurvey(_) => "unknown_survey",
            RecordError::UnknownField(_) => "unknown_field",
            RecordError::MissingField(_) => "missing_field",
            RecordError::OutOfRange { .. } => "out_of_range",
            RecordError::BadId(_) => "bad_id",
            RecordError::BadWeek(_) => "bad_week",
            RecordError::BadPartner(_) => "bad_partner",
            RecordError::BadInput { .. } => "bad_input",
        }
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Malformed(m) => write!(f, "malformed record: {m}"),
            RecordError::UnsupportedVersion(v) => {
                write!(
                    f,
                    "unsupported record version {v} (expected {RECORD_VERSION})"
                )
            }
            RecordError::UnknownSurvey(s) => write!(f, "unknown survey `{s}`"),
            RecordError::UnknownField(k) => write!(f, "unknown field {k}"),
            RecordError::MissingField(k) => write!(f, "missing field {k}"),
            RecordError::OutOfRange { field, value } => {
                write!(f, "fields[\"{field}\"]: value `{value}` is not allowed")
            }
            RecordError::BadId(v) => write!(f, "id `{v}` is not a lowercase UUID v4"),
            RecordError::BadWeek(v) => write!(f, "week: {v}"),
            RecordError::BadPartner(v) => write!(f, "partner `{v}` is not a partner id"),
            RecordError::BadInput { input, message } => write!(f, "{input}: {message}"),
        }
    }
}

impl std::error::Error for RecordError {}
