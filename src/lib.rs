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
//! - [`labels`], [`region`]: the one table of display labels for every code
//!   people see, and the one province table.
//! - [`json`]: the one JSON reader, with typed errors that name the path.

/// Implements, for a fieldless enum with one stable code per variant:
/// `ALL` (every value, in the listed order), `CODES` (their codes, same
/// order), `as_str` and `parse`; with `label: f`, also `label(lang)` from the
/// label table `f` (a `const fn(Self) -> i18n::Text` of [`labels`]).
macro_rules! impl_codes {
    ($ty:ident { $($variant:ident => $code:literal),+ $(,)? } label: $label:path) => {
        impl_codes!($ty { $($variant => $code),+ });

        impl $ty {
            /// The display label, from the core's one label table.
            pub fn label(self, lang: $crate::i18n::Lang) -> &'static str {
                $label(self).get(lang)
            }
        }
    };
    ($ty:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in the documented order.
            pub const ALL: [$ty; [$($code),+].len()] = [$($ty::$variant),+];
            /// The codes of every value, in the order of `ALL`.
            pub const CODES: [&'static str; [$($code),+].len()] = [$($code),+];

            /// The code (its JSON name).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $code),+
                }
            }

            /// The value with this code; `None` for any other text.
            pub fn parse(code: &str) -> Option<$ty> {
                Self::ALL.into_iter().find(|v| v.as_str() == code)
            }
        }
    };
}

pub mod anonymize;
pub mod branches;
pub mod catalogue;
pub mod i18n;
pub mod json;
pub mod labels;
pub mod limits;
pub mod lpr;
pub mod money;
pub mod precheck;
pub mod profile;
pub mod region;
pub mod repayment;
pub mod size_class;
pub mod survey;
