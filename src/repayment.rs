//! Repayment estimates exact to the fen: equal instalment (等額本息), equal
//! principal (等額本金) and interest-first (先息後本), monthly.
//!
//! Monthly rate = annual percent / 1200, computed on `rust_decimal` (28
//! significant digits). Every interest and instalment amount is rounded
//! half-up to the fen ([`crate::money::round_fen`]); each month's interest
//! is charged on the outstanding balance, and the **last instalment takes
//! the rounding residual**, so the principal column of every schedule sums
//! to the loan exactly and the final balance is exactly zero.

use crate::money::{round_fen, ser_money};
use rust_decimal::Decimal;
use serde::Serialize;

/// A repayment method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// 等額本息: the same payment every month.
    EqualInstalment,
    /// 等額本金: the same principal every month, interest on the balance.
    EqualPrincipal,
    /// 先息後本: interest monthly, all principal with the last payment.
    InterestFirst,
}

impl Method {
    /// The three methods in display order.
    pub const ALL: [Method; 3] = [
        Method::EqualInstalment,
        Method::EqualPrincipal,
        Method::InterestFirst,
    ];
}

/// One month of a schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Instalment {
    /// 1-based month number.
    pub period: u32,
    /// Total paid this month (principal + interest).
    #[serde(serialize_with = "ser_money")]
    pub payment: Decimal,
    /// Principal repaid this month.
    #[serde(serialize_with = "ser_money")]
    pub principal: Decimal,
    /// Interest paid this month.
    #[serde(serialize_with = "ser_money")]
    pub interest: Decimal,
    /// Principal still owed after this month.
    #[serde(serialize_with = "ser_money")]
    pub balance: Decimal,
}

/// A repayment plan for one method: totals, first and last payment, and
/// (unless only a summary was asked for) the full schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// The method.
    pub method: Method,
    /// The first month's payment.
    #[serde(serialize_with = "ser_money")]
    pub first_payment: Decimal,
    /// The last month's payment.
    #[serde(serialize_with = "ser_money")]
    pub last_payment: Decimal,
    /// Sum of all payments.
    #[serde(serialize_with = "ser_money")]
    pub total_payment: Decimal,
    /// Sum of all interest.
    #[serde(serialize_with = "ser_money")]
    pub total_interest: Decimal,
    /// Every month, when schedules were asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Vec<Instalment>>,
}

/// `(1 + r)^n` by repeated squaring.
fn growth(monthly: Decimal, months: u32) -> Decimal {
    let mut base = Decimal::ONE + monthly;
    let mut result = Decimal::ONE;
    let mut n = months;
    while n > 0 {
        if n & 1 == 1 {
            result *= base;
        }
        n >>= 1;
        if n > 0 {
            base *= base;
        }
    }
    result
}

/// The equal-instalment monthly payment, rounded half-up to the fen.
pub fn equal_instalment_payment(
    principal: Decimal,
    annual_percent: Decimal,
    months: u32,
) -> Decimal {
    let monthly = annual_percent / Decimal::from(1200);
    if monthly.is_zero() {
        return round_fen(principal / Decimal::from(months));
    }
    let f = growth(monthly, months);
    round_fen(principal * monthly * f / (f - Decimal::ONE))
}

/// Builds the plan for `principal` (CNY, ≥ 0, to the fen) at
/// `annual_percent` (e.g. 3.35) over `months` (≥ 1; 0 is treated as 1).
/// With `with_schedule` false only the totals are kept; they are computed
/// the same way, month by month.
pub fn plan(
    method: Method,
    principal: Decimal,
    annual_percent: Decimal,
    months: u32,
    with_schedule: bool,
) -> Plan {
    let months = months.max(1);
    let principal = round_fen(principal);
    let monthly = annual_percent / Decimal::from(1200);
    let level = match method {
        Method::EqualInstalment => equal_instalment_payment(principal, annual_percent, months),
        Method::EqualPrincipal => round_fen(principal / Decimal::from(months)),
        Method::InterestFirst => Decimal::ZERO,
    };
    let mut schedule = with_schedule.then(|| Vec::with_capacity(months as usize));
    let mut balance = principal;
    let (mut total_payment, mut total_interest) = (Decimal::ZERO, Decimal::ZERO);
    let (mut first_payment, mut last_payment) = (Decimal::ZERO, Decimal::ZERO);
    for period in 1..=months {
        let interest = round_fen(balance * monthly);
        let principal_part = if period == months {
            balance
        } else {
            match method {
                Method::EqualInstalment => (level - interest).max(Decimal::ZERO).min(balance),
                Method::EqualPrincipal => level.min(balance),
                Method::InterestFirst => Decimal::ZERO,
            }
        };
        balance -= principal_part;
        let payment = principal_part + interest;
        total_payment += payment;
        total_interest += interest;
        if period == 1 {
            first_payment = payment;
        }
        last_payment = payment;
        if let Some(rows) = schedule.as_mut() {
            rows.push(Instalment {
                period,
                payment,
                principal: principal_part,
                interest,
                balance,
            });
        }
    }
    Plan {
        method,
        first_payment,
        last_payment,
        total_payment,
        total_interest,
        schedule,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn equal_instalment_known_value() {
        // 1,000,000 at 3.60 % over 12 months: r = 0.003, payment 84,967.26
        // (standard annuity formula, checked by hand).
        assert_eq!(
            equal_instalment_payment(d("1000000"), d("3.60"), 12),
            d("84967.26")
        );
        let p = plan(Method::EqualInstalment, d("1000000"), d("3.60"), 12, true);
        let rows = p.schedule.as_ref().unwrap();
        assert_eq!(rows[0].interest, d("3000.00"));
        assert_eq!(rows[0].principal, d("81967.26"));
        assert_eq!(
            rows.iter().map(|r| r.principal).sum::<Decimal>(),
            d("1000000")
        );
        assert_eq!(rows.last().unwrap().balance, Decimal::ZERO);
        assert_eq!(p.total_payment, p.total_interest + d("1000000"));
    }

    #[test]
    fn equal_principal_and_interest_first() {
        let p = plan(Method::EqualPrincipal, d("100000"), d("3.00"), 3, true);
        let rows = p.schedule.unwrap();
        assert_eq!(rows[0].principal, d("33333.33"));
        assert_eq!(rows[2].principal, d("33333.34"));
        assert_eq!(rows[0].interest, d("250.00"));
        assert_eq!(rows[1].interest, d("166.67"));
        let p = plan(Method::InterestFirst, d("100000"), d("3.00"), 3, true);
        assert_eq!(p.first_payment, d("250.00"));
        assert_eq!(p.last_payment, d("100250.00"));
        assert_eq!(p.total_interest, d("750.00"));
    }

    #[test]
    fn zero_rate_and_tiny_principal() {
        let p = plan(Method::EqualInstalment, d("100"), Decimal::ZERO, 3, true);
        assert_eq!(
            p.schedule
                .unwrap()
                .iter()
                .map(|r| r.principal)
                .sum::<Decimal>(),
            d("100")
        );
        let p = plan(Method::EqualPrincipal, d("0.05"), d("3"), 10, true);
        let rows = p.schedule.unwrap();
        assert!(
            rows.iter()
                .all(|r| r.principal >= Decimal::ZERO && r.balance >= Decimal::ZERO)
        );
        assert_eq!(rows.iter().map(|r| r.principal).sum::<Decimal>(), d("0.05"));
    }

    #[test]
    fn summary_matches_schedule_totals() {
        for m in Method::ALL {
            let full = plan(m, d("2345678.91"), d("4.35"), 36, true);
            let summary = plan(m, d("2345678.91"), d("4.35"), 36, false);
            assert_eq!(full.total_payment, summary.total_payment);
            assert!(summary.schedule.is_none());
        }
    }
}
