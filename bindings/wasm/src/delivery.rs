//! Feedback delivery outbox (placeholder until it lands).
