//! SME PreCheck core: everything the widget, the analyst CLI and the feedback
//! server agree on, as pure Rust with no I/O, no wasm-bindgen and no database.
//!
//! - [`money`]: exact CNY amounts on `rust_decimal`, parsed from decimal strings.
//! - [`profile`], [`catalogue`], [`size_class`], [`precheck`], [`repayment`]:
//!   the quick-loan pre-check.
//! - [`survey`]: the needs questionnaire engine.
//! - [`anonymize`]: the randomized, bucketed feedback record
//!   and the de-biasing estimator the server uses.
//! - [`limits`]: the limit arithmetic (which ceiling binds).
//! - [`branches`]: the branch directory a referral names; [`lpr`]: whether
//!   the quoted LPR is current.
//! - [`i18n`]: the three languages (zh-Hans default, zh-Hant, en).

pub mod anonymize;
pub mod branches;
pub mod catalogue;
pub mod i18n;
pub mod limits;
pub mod lpr;
pub mod money;
pub mod precheck;
pub mod profile;
pub mod repayment;
pub mod size_class;
pub mod survey;
