//! The results views over the core's typed pre-check answer
//! ([`Evaluation`](sme_precheck::precheck::Evaluation)): every product in
//! one comparison list that expands to its details ([`compare`]), an SVG
//! picture of the repayments ([`chart`]) and what to do next with a print
//! view ([`next_steps`]).
//!
//! Each module is split in two: pure functions from core types to a small
//! view model (rows, chart geometry, steps; tested natively) and a thin
//! builder over [`super::dom`]. The views keep no state and add no
//! listeners: their controls carry `data-action` attributes that the
//! widget's delegated listener turns into actions (`choose-product`,
//! `choose-method`, `print`).

pub mod chart;
pub mod compare;
pub mod next_steps;
pub mod text;

use sme_precheck::repayment::Method;

/// The stable code of a repayment method (`equal_instalment`,
/// `equal_principal`, `interest_first`), as used in `data-method` and test
/// ids.
pub fn method_code(method: Method) -> &'static str {
    match method {
        Method::EqualInstalment => "equal_instalment",
        Method::EqualPrincipal => "equal_principal",
        Method::InterestFirst => "interest_first",
    }
}

/// The method with that code, if any.
pub fn method_parse(code: &str) -> Option<Method> {
    Method::ALL.into_iter().find(|m| method_code(*m) == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_codes_round_trip() {
        for m in Method::ALL {
            assert_eq!(method_parse(method_code(m)), Some(m));
        }
        assert_eq!(method_parse("balloon"), None);
        // The codes are the core's JSON names of the methods.
        for m in Method::ALL {
            let json = serde_json::to_string(&m).unwrap();
            assert_eq!(json, format!("\"{}\"", method_code(m)));
        }
    }
}
