//! What the server keeps of one accepted record: its id (for de-duplication)
//! and the counter increments it contributes. Produced by
//! [`crate::validate`] from the anonymized record of the core.

/// A validated record reduced to what storage needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The record's random UUID; the only per-record value stored.
    pub id: String,
    /// ISO week, `YYYY-Www`.
    pub week: String,
    /// Partner id.
    pub partner: String,
    /// Survey version, e.g. `default@1`.
    pub survey: String,
    /// One `(field, value)` per schema field.
    pub fields: Vec<(String, String)>,
    /// One `(field a, value a, field b, value b)` per approved cross-tab.
    pub cross: Vec<CrossCell>,
}

/// One cell of an approved two-field cross-tab.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CrossCell {
    /// First field name.
    pub field_a: String,
    /// Its value.
    pub value_a: String,
    /// Second field name.
    pub field_b: String,
    /// Its value.
    pub value_b: String,
}
