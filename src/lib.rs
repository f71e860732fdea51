//! SME PreCheck core: everything the widget, the analyst CLI and the feedback
//! server agree on, as pure Rust with no I/O, no wasm-bindgen and no database.
//!
//! - [`money`]: exact CNY amounts on `rust_decimal`, parsed from decimal strings.
//! - [`profile`], [`catalogue`], [`size_class`], [`precheck`], [`repayment`]:
//!   the quick-loan pre-check of PRODUCT.md §1.
//! - [`survey`]: the needs questionnaire engine of PRODUCT.md §2.
//! - [`anonymize`]: the randomized, bucketed feedback record of PRODUCT.md §3
//!   and the de-biasing estimator the server uses.
//! - [`i18n`]: the three languages (zh-Hans default, zh-Hant, en).

pub mod anonymize;
pub mod catalogue;
pub mod i18n;
pub mod money;
pub mod precheck;
pub mod profile;
pub mod repayment;
pub mod size_class;
pub mod survey;
