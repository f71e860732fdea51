//! Repayment estimates exact to the fen: equal instalment (等額本息), equal
//! principal (等額本金) and interest-first (先息後本), monthly; and for a
//! revolving line (随借随还) the interest per day, per month and for one
//! drawdown ([`revolving`]).
//!
//! Monthly rate = annual percent / 1200, computed on `rust_decimal` (28
//! significant digits). Every interest and instalment amount is rounded
//! half-up to the fen ([`crate::money::round_fen`]); each month's interest
//! is charged on the outstanding balance, and the **last instalment takes
//! the rounding residual**, so the principal column of every schedule sums
//! to the loan exactly and the final balance is exactly zero.

use crate::money::{round_fen, ser_money, to_fen};
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
    match annuity_factor(annual_percent, months) {
        // Factor first: P·r·f would overflow for huge loans at high rates.
        Some(factor) => round_fen(principal * factor),
        None => round_fen(principal / Decimal::from(months)),
    }
}

/// The annuity factor r·f / (f − 1), f = (1 + r)^n, r = annual / 1200
/// (`None` at a zero rate). Worked out once per rate and term on each
/// thread and remembered (a few dozen at most: a catalogue has a handful
/// of rates): the 28-digit powers are most of a plan's cost.
fn annuity_factor(annual_percent: Decimal, months: u32) -> Option<Decimal> {
    type Known = Vec<([u8; 16], u32, Option<Decimal>)>;
    thread_local! {
        static KNOWN: std::cell::RefCell<Known> = const { std::cell::RefCell::new(Vec::new()) };
    }
    // Keyed on the exact decimal (scale included), not only its value.
    let key = annual_percent.serialize();
    let known = KNOWN.with_borrow(|known| {
        known
            .iter()
            .find(|(k, m, _)| *k == key && *m == months)
            .map(|&(_, _, factor)| factor)
    });
    if let Some(factor) = known {
        return factor;
    }
    let factor = annuity_factor_uncached(annual_percent, months);
    KNOWN.with_borrow_mut(|known| {
        if known.len() < 64 {
            known.push((key, months, factor));
        }
    });
    factor
}

fn annuity_factor_uncached(annual_percent: Decimal, months: u32) -> Option<Decimal> {
    let monthly = annual_percent / Decimal::from(1200);
    if monthly.is_zero() {
        return None;
    }
    let f = growth(monthly, months);
    Some(monthly * f / (f - Decimal::ONE))
}

/// A monthly rate as an exact fraction `num / den` of the annual percent
/// (`annual / 1200`), for integer arithmetic in fen.
#[derive(Clone, Copy)]
struct MonthlyRate {
    annual: Decimal,
    num: i128,
    den: i128,
}

impl MonthlyRate {
    fn new(annual: Decimal) -> MonthlyRate {
        let normal = annual.normalize();
        let den = 10i128
            .checked_pow(normal.scale())
            .and_then(|p| p.checked_mul(1200))
            .unwrap_or(0);
        MonthlyRate {
            annual,
            num: normal.mantissa(),
            den,
        }
    }

    /// Interest on `balance_fen` for one month, in fen, rounded half-up:
    /// exact integer arithmetic, with a Decimal fallback for the
    /// (theoretical) overflow.
    fn interest(&self, balance_fen: i128) -> i128 {
        // Fast path in i64 (the usual case: fen balances below 10^12 and a
        // rate with a few decimals). Bounds instead of `checked_mul`: an
        // overflow-checked 64-bit multiply is a 128-bit library call in
        // WebAssembly. |b·n·2| < 2^62 and d < 2^40: nothing overflows.
        const FEN_BOUND: u64 = 1 << 40;
        if let (Ok(b), Ok(n), Ok(d)) = (
            i64::try_from(balance_fen),
            i64::try_from(self.num),
            i64::try_from(self.den),
        ) && d > 0
            && b.unsigned_abs() < FEN_BOUND
            && n.unsigned_abs() < 1 << 21
            && d.unsigned_abs() < FEN_BOUND
        {
            return i128::from((b * n * 2 + d) / (2 * d));
        }
        if let (Ok(b), Ok(n), Ok(d)) = (
            i64::try_from(balance_fen),
            i64::try_from(self.num),
            i64::try_from(self.den),
        ) && d > 0
            && let Some(q) = b
                .checked_mul(n)
                .and_then(|x| x.checked_mul(2))
                .and_then(|x| x.checked_add(d))
        {
            return i128::from(q / (2 * d));
        }
        let exact = (self.den > 0)
            .then(|| balance_fen.checked_mul(self.num))
            .flatten()
            .and_then(|n| n.checked_mul(2))
            .and_then(|n| n.checked_add(self.den))
            .and_then(|n| self.den.checked_mul(2).map(|d| n / d));
        exact.unwrap_or_else(|| {
            let balance = Decimal::from_i128_with_scale(balance_fen, 2);
            to_fen(round_fen(balance * (self.annual / Decimal::from(1200))))
        })
    }
}

fn from_fen(fen: i128) -> Decimal {
    Decimal::from_i128_with_scale(fen, 2)
}

/// Builds the plan for `principal` (CNY, ≥ 0, to the fen) at
/// `annual_percent` (e.g. 3.35) over `months` (≥ 1; 0 is treated as 1).
/// Month by month in whole fen: interest = balance × annual / 1200 rounded
/// half-up; the last month repays the remaining balance. With
/// `with_schedule` false only the totals are kept (computed the same way).
pub fn plan(
    method: Method,
    principal: Decimal,
    annual_percent: Decimal,
    months: u32,
    with_schedule: bool,
) -> Plan {
    let months = months.max(1);
    let principal_fen = to_fen(principal);
    let rate = MonthlyRate::new(annual_percent);
    let n = i128::from(months);
    let level = match method {
        Method::EqualInstalment => to_fen(equal_instalment_payment(
            from_fen(principal_fen),
            annual_percent,
            months,
        )),
        // round_fen(P / n), half-up, in fen.
        Method::EqualPrincipal => (2 * principal_fen + n) / (2 * n),
        Method::InterestFirst => 0,
    };
    let mut schedule = with_schedule.then(|| Vec::with_capacity(months as usize));
    let mut balance = principal_fen;
    let (mut total_payment, mut total_interest) = (0i128, 0i128);
    let (mut first_payment, mut last_payment) = (0i128, 0i128);
    for period in 1..=months {
        let interest = rate.interest(balance);
        let principal_part = if period == months {
            balance
        } else {
            match method {
                Method::EqualInstalment => (level - interest).clamp(0, balance),
                Method::EqualPrincipal => level.min(balance),
                Method::InterestFirst => 0,
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
                payment: from_fen(payment),
                principal: from_fen(principal_part),
                interest: from_fen(interest),
                balance: from_fen(balance),
            });
        }
    }
    Plan {
        method,
        first_payment: from_fen(first_payment),
        last_payment: from_fen(last_payment),
        total_payment: from_fen(total_payment),
        total_interest: from_fen(total_interest),
        schedule,
    }
}

/// Days in the year a daily rate is quoted on: Chinese banks quote the
/// daily rate as the annual rate / 360 (日利率 = 年利率 / 360).
pub const DAY_COUNT: u32 = 360;

/// Days in one month for the revolving figures (30/360).
pub const DAYS_PER_MONTH: u32 = 30;

/// Interest on `principal` for `days` days at `annual_percent`, on a
/// [`DAY_COUNT`]-day year: `principal × annual / 100 × days / 360`, rounded
/// half-up to the fen, computed in whole fen with exact integer arithmetic
/// (a Decimal fallback for the theoretical overflow).
pub fn interest_for_days(principal: Decimal, annual_percent: Decimal, days: u32) -> Decimal {
    let normal = annual_percent.normalize();
    // Fast path in i64 within bounds that cannot overflow (fen < 2^31,
    // rate mantissa < 2^12, days < 2^14: the numerator stays below 2^59);
    // overflow-checked multiplies are library calls in WebAssembly.
    if let (Ok(fen), Ok(rate)) = (
        i64::try_from(to_fen(principal)),
        i64::try_from(normal.mantissa()),
    ) && fen.unsigned_abs() < 1 << 31
        && rate.unsigned_abs() < 1 << 12
        && days < 1 << 14
        && normal.scale() <= 6
    {
        let den = 10i64.pow(normal.scale()) * 100 * i64::from(DAY_COUNT);
        return from_fen(i128::from(
            (fen * rate * i64::from(days) * 2 + den) / (2 * den),
        ));
    }
    let exact = 10i128
        .checked_pow(normal.scale())
        .and_then(|p| p.checked_mul(100 * i128::from(DAY_COUNT)))
        .and_then(|den| {
            to_fen(principal)
                .checked_mul(normal.mantissa())
                .and_then(|n| n.checked_mul(i128::from(days)))
                .and_then(|n| n.checked_mul(2))
                .and_then(|n| n.checked_add(den))
                .map(|n| n / (2 * den))
        });
    match exact {
        Some(fen) => from_fen(fen),
        None => round_fen(
            principal * annual_percent * Decimal::from(days) / Decimal::from(100 * DAY_COUNT),
        ),
    }
}

/// What a drawdown on a revolving line costs (随借随还): interest accrues
/// daily on the drawn balance and is paid monthly; principal is repaid at
/// any time, at the latest when the drawdown's term ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Revolving {
    /// Days in the rate's year ([`DAY_COUNT`]).
    pub day_count: u32,
    /// Interest for one day on the drawn amount.
    #[serde(serialize_with = "ser_money")]
    pub interest_per_day: Decimal,
    /// Interest for one month ([`DAYS_PER_MONTH`] days) on the drawn amount.
    #[serde(serialize_with = "ser_money")]
    pub interest_per_month: Decimal,
    /// The drawdown's term, months (at most `max_draw_months`).
    pub draw_months: u32,
    /// Interest when the whole amount stays drawn for `draw_months`
    /// (30 days a month).
    #[serde(serialize_with = "ser_money")]
    pub interest_for_draw: Decimal,
    /// The longest a single drawdown may run, months.
    pub max_draw_months: u32,
}

/// The revolving figures for drawing `principal` at `annual_percent` for
/// `months` (moved into 1..=`max_draw_months`).
pub fn revolving(
    principal: Decimal,
    annual_percent: Decimal,
    months: u32,
    max_draw_months: u32,
) -> Revolving {
    let draw_months = months.clamp(1, max_draw_months.max(1));
    Revolving {
        day_count: DAY_COUNT,
        interest_per_day: interest_for_days(principal, annual_percent, 1),
        interest_per_month: interest_for_days(principal, annual_percent, DAYS_PER_MONTH),
        draw_months,
        interest_for_draw: interest_for_days(
            principal,
            annual_percent,
            DAYS_PER_MONTH * draw_months,
        ),
        max_draw_months: max_draw_months.max(1),
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
    fn bounded_fast_paths_match_the_wide_arithmetic() {
        for annual in ["3.45", "4.5", "12.75", "0.01", "40.95"] {
            let a = d(annual);
            let rate = MonthlyRate::new(a);
            for balance in [
                0i128,
                1,
                99,
                123_456_789,
                200_000_000,
                1 << 39,
                (1 << 40) + 7,
            ] {
                let wide = (balance * rate.num * 2 + rate.den) / (2 * rate.den);
                assert_eq!(rate.interest(balance), wide, "{annual} {balance}");
            }
            let n = a.normalize();
            let den = 10i128.pow(n.scale()) * 36_000;
            for principal in [
                "0",
                "0.01",
                "2000000",
                "21474836.47",
                "21474836.48",
                "9000000000",
            ] {
                let p = d(principal);
                for days in [1, 30, 360, 10_800, 20_000] {
                    let wide = (to_fen(p) * n.mantissa() * i128::from(days) * 2 + den) / (2 * den);
                    assert_eq!(
                        interest_for_days(p, a, days),
                        from_fen(wide),
                        "{principal} {annual} {days}"
                    );
                }
            }
        }
    }

    #[test]
    fn remembered_annuity_factors_are_the_ones_worked_out() {
        for annual in ["0", "3.1", "3.10", "4.35", "4.5", "12", "23.99"] {
            for months in [1, 6, 12, 36, 360] {
                let annual = d(annual);
                for _ in 0..2 {
                    assert_eq!(
                        annuity_factor(annual, months).map(|f| f.serialize()),
                        annuity_factor_uncached(annual, months).map(|f| f.serialize()),
                        "{annual} {months}"
                    );
                }
            }
        }
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
    fn extreme_amounts_and_rates_do_not_overflow() {
        let big = crate::money::MAX_AMOUNT;
        for m in Method::ALL {
            let p = plan(m, big, d("149.99"), 360, false);
            assert!(p.total_payment > big);
        }
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
    #[test]
    fn revolving_interest_by_hand() {
        // 2,000,000 drawn at 4.50 %: 2,000,000 × 0.045 / 360 = 250.00 a day,
        // 7,500.00 for 30 days, 45,000.00 for 6 months (180 days).
        let r = revolving(d("2000000"), d("4.50"), 6, 12);
        assert_eq!(r.day_count, 360);
        assert_eq!(r.interest_per_day, d("250.00"));
        assert_eq!(r.interest_per_month, d("7500.00"));
        assert_eq!(r.interest_for_draw, d("45000.00"));
        assert_eq!((r.draw_months, r.max_draw_months), (6, 12));
        // A 36-month request is one 12-month drawdown: 1,000,000 at 4.50 %
        // for 360 days = 45,000.00; 125.00 a day.
        let r = revolving(d("1000000"), d("4.50"), 36, 12);
        assert_eq!(r.draw_months, 12);
        assert_eq!(r.interest_per_day, d("125.00"));
        assert_eq!(r.interest_for_draw, d("45000.00"));
        // 123,456.78 at 3.85 %: a day = 123,456.78 × 3.85 / 36,000 =
        // 13.20301...; 30 days = 396.0905... ; 90 days = 1,188.2717...
        let r = revolving(d("123456.78"), d("3.85"), 3, 12);
        assert_eq!(r.interest_per_day, d("13.20"));
        assert_eq!(r.interest_per_month, d("396.09"));
        assert_eq!(r.interest_for_draw, d("1188.27"));
    }

    #[test]
    fn revolving_rounds_half_up_to_the_fen() {
        // 50.00 at 3.60 % for one day is exactly 0.005 → 0.01 (half-up).
        assert_eq!(interest_for_days(d("50"), d("3.60"), 1), d("0.01"));
        // 49.99 → 0.0049990 → 0.00.
        assert_eq!(interest_for_days(d("49.99"), d("3.60"), 1), d("0.00"));
        // 0 % costs nothing; a 0-month request is one month.
        let r = revolving(d("1000000"), Decimal::ZERO, 0, 12);
        assert_eq!((r.interest_for_draw, r.draw_months), (Decimal::ZERO, 1));
        // The largest amount at an absurd rate still computes.
        let big = interest_for_days(crate::money::MAX_AMOUNT, d("149.99"), 360);
        assert!(big > crate::money::MAX_AMOUNT);
    }
}
