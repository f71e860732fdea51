//! Placeholder: owned by a helper, replaced by the real module.
