//! The limit arithmetic of the pre-check, as a loan officer sizes a loan:
//! the smallest of several ceilings, remembering which one bound it.
//!
//! - **Credit (信用)**: the metric × the product's multiplier, the product's
//!   credit cap less what the customer already owes this bank, the
//!   tax-rating cap, the debt ceiling (a share of revenue less every
//!   existing loan) and, for 普惠 products, the per-customer 普惠 total less
//!   every existing loan.
//! - **Secured with an appraised value**: the credit part plus value ×
//!   loan-to-value, the revenue-based need less existing loans, the
//!   collateral's cap less this bank's loans, the 普惠 remainder. The
//!   tax-rating cap only ever limits the credit part.
//! - **Secured without a value**: conservative — the credit sizing without
//!   the rating cap, under the collateral's cap.
//!
//! Ties go to the ceiling listed first ([`Bound`] order), so the reason a
//! result gives is stable. Amounts are rounded down to the catalogue's
//! unit at the end ([`crate::money::floor_to`]).

use crate::money::floor_to;
use rust_decimal::Decimal;

/// Which ceiling decided a limit, in tie-breaking order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Bound {
    /// The product's metric × multiplier (revenue, receivables, tax, …).
    Basis,
    /// Value × loan-to-value (plus the credit part).
    CollateralValue,
    /// Revenue × the secured need share, less existing loans.
    RevenueNeed,
    /// The product's cap, less what is owed to this bank.
    ProductCap,
    /// The tax-rating cap (credit part only).
    RatingCap,
    /// Revenue × the debt share, less every existing loan.
    DebtCeiling,
    /// The 普惠 total per customer, less every existing loan.
    PuhuiTotal,
}

/// A limit range and the ceiling that set its high end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sized {
    /// Low end, rounded down to the unit, never above `high`.
    pub low: Decimal,
    /// High end, rounded down to the unit; zero when a ceiling is used up.
    pub high: Decimal,
    /// What set `high`.
    pub bound: Bound,
}

/// The smallest of `ceilings` (absent ones ignored) and its bound; the
/// first listed wins a tie.
pub fn smallest(ceilings: &[(Bound, Option<Decimal>)]) -> (Decimal, Bound) {
    let mut best: Option<(Decimal, Bound)> = None;
    for &(bound, amount) in ceilings {
        if let Some(a) = amount
            && best.is_none_or(|(b, _)| a < b)
        {
            best = Some((a, bound));
        }
    }
    best.unwrap_or((Decimal::ZERO, Bound::Basis))
}

/// Rounds `high` and `low` down to `unit` (never negative, low ≤ high).
pub fn finish(low: Decimal, high: Decimal, bound: Bound, unit: Decimal) -> Sized {
    let high = floor_to(high.max(Decimal::ZERO), unit);
    let low = floor_to(low.max(Decimal::ZERO), unit).min(high);
    Sized { low, high, bound }
}

/// Rounds up to a multiple of `unit` (a zero unit leaves the amount).
pub fn ceil_to(amount: Decimal, unit: Decimal) -> Decimal {
    if unit <= Decimal::ZERO {
        return amount;
    }
    (amount / unit).ceil() * unit
}

/// The appraised value that covers `shortfall` at `ltv`, rounded up to
/// `unit`: `shortfall ÷ ltv`. `None` for a zero loan-to-value.
pub fn value_needed(shortfall: Decimal, ltv: Decimal, unit: Decimal) -> Option<Decimal> {
    (ltv > Decimal::ZERO).then(|| ceil_to(shortfall.max(Decimal::ZERO) / ltv, unit))
}

/// What every route of one product shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ceilings {
    /// Metric × basis low.
    pub basis_low: Decimal,
    /// Metric × basis high.
    pub basis_high: Decimal,
    /// Revenue × debt share − existing loans (absent: not applied).
    pub debt_ceiling: Option<Decimal>,
    /// Revenue × secured need share − existing loans, and its low end
    /// (revenue × secured low); absent: the credit sizing stands.
    pub secured_need: Option<(Decimal, Decimal)>,
    /// 普惠 total − existing loans (absent: not a 普惠 product).
    pub puhui_left: Option<Decimal>,
    /// Loans the customer has at this bank.
    pub this_bank: Decimal,
    /// Rounding unit.
    pub unit: Decimal,
}

impl Ceilings {
    /// The credit route: `cap` is the credit cap, `rating_cap` the
    /// tax-rating cap if the product applies one.
    pub fn credit(&self, cap: Decimal, rating_cap: Option<Decimal>) -> Sized {
        let (high, bound) = smallest(&[
            (Bound::Basis, Some(self.basis_high)),
            (Bound::ProductCap, Some(cap - self.this_bank)),
            (Bound::RatingCap, rating_cap),
            (Bound::DebtCeiling, self.debt_ceiling),
            (Bound::PuhuiTotal, self.puhui_left),
        ]);
        finish(self.basis_low, high, bound, self.unit)
    }

    /// A collateral route without an appraised value: the credit sizing
    /// without the rating cap, under the collateral's `cap`.
    pub fn unvalued(&self, cap: Decimal) -> Sized {
        self.credit(cap, None)
    }

    /// A collateral route with `cover` = value × loan-to-value on top of
    /// `credit_part` (the credit limit, zero for a secured-only product).
    pub fn valued(&self, cap: Decimal, credit_part: Decimal, cover: Decimal) -> Sized {
        let (need_high, low) = self.secured_need.unwrap_or_else(|| {
            let (need, _) = smallest(&[
                (Bound::Basis, Some(self.basis_high)),
                (Bound::DebtCeiling, self.debt_ceiling),
            ]);
            (need, self.basis_low)
        });
        let (high, bound) = smallest(&[
            (
                Bound::CollateralValue,
                Some(credit_part.max(Decimal::ZERO) + cover),
            ),
            (Bound::RevenueNeed, Some(need_high)),
            (Bound::ProductCap, Some(cap - self.this_bank)),
            (Bound::PuhuiTotal, self.puhui_left),
        ]);
        finish(low, high, bound, self.unit)
    }

    /// The most a collateral route could give with enough value (the cover
    /// unbounded): what a request is compared with before naming the value
    /// that would cover it.
    pub fn potential(&self, cap: Decimal) -> Decimal {
        let need = match self.secured_need {
            Some((high, _)) => Some(high),
            None => Some(
                smallest(&[
                    (Bound::Basis, Some(self.basis_high)),
                    (Bound::DebtCeiling, self.debt_ceiling),
                ])
                .0,
            ),
        };
        let (high, _) = smallest(&[
            (Bound::RevenueNeed, need),
            (Bound::ProductCap, Some(cap - self.this_bank)),
            (Bound::PuhuiTotal, self.puhui_left),
        ]);
        floor_to(high.max(Decimal::ZERO), self.unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(n: i64) -> Decimal {
        Decimal::from(n * 10_000)
    }

    /// Revenue `rev`万, revenue-based product with basis 10–30 %, debt
    /// share 50 %, secured need 30–100 %, existing loans `e` (of which
    /// `t` at this bank), 普惠 when `puhui`.
    fn revenue_product(rev: i64, e: i64, t: i64, puhui: bool, secured: bool) -> Ceilings {
        let r = w(rev);
        Ceilings {
            basis_low: r * Decimal::new(10, 2),
            basis_high: r * Decimal::new(30, 2),
            debt_ceiling: Some(r * Decimal::new(50, 2) - w(e)),
            secured_need: secured.then(|| (r - w(e), r * Decimal::new(30, 2))),
            puhui_left: puhui.then(|| w(1000) - w(e)),
            this_bank: w(t),
            unit: w(1),
        }
    }

    #[test]
    fn an_m_rating_caps_the_credit_part_only() {
        // Revenue 1,000万, M: credit = min(300, 300 cap, 100 M cap, 500) = 100.
        let c = revenue_product(1000, 0, 0, true, true);
        let credit = c.credit(w(300), Some(w(100)));
        assert_eq!(
            (credit.low, credit.high, credit.bound),
            (w(100), w(100), Bound::RatingCap)
        );
        // Property without a value: min(300, 1,000 cap, 500) = 300, no M cap.
        let p = c.unvalued(w(1000));
        assert_eq!((p.low, p.high, p.bound), (w(100), w(300), Bound::Basis));
        // Residential appraised 300万 at 70 %: 100 + 210 = 310.
        let v = c.valued(w(1000), credit.high, w(300) * Decimal::new(70, 2));
        assert_eq!((v.high, v.bound), (w(310), Bound::CollateralValue));
    }

    #[test]
    fn a_factory_is_limited_by_the_revenue_need() {
        // Revenue 300万, industrial 2,000万 at 50 %: cover 1,000万; need 300万.
        let c = revenue_product(300, 0, 0, false, true);
        let v = c.valued(w(3000), Decimal::ZERO, w(2000) * Decimal::new(50, 2));
        assert_eq!(
            (v.low, v.high, v.bound),
            (w(90), w(300), Bound::RevenueNeed)
        );
    }

    #[test]
    fn existing_loans_are_netted() {
        // Revenue 4,000万, 1,500万 owed (500万 here), industrial 3,000万.
        let c = revenue_product(4000, 1500, 500, false, true);
        let v = c.valued(w(3000), Decimal::ZERO, w(3000) * Decimal::new(50, 2));
        assert_eq!(
            (v.low, v.high, v.bound),
            (w(1200), w(1500), Bound::CollateralValue)
        );
        // A 普惠 product: 1,000 − 1,500 < 0 → nothing left.
        let c = revenue_product(4000, 1500, 500, true, true);
        let credit = c.credit(w(300), None);
        assert_eq!(
            (credit.high, credit.bound),
            (Decimal::ZERO, Bound::PuhuiTotal)
        );
        // The product cap nets this bank's loans: 300 − 250 = 50.
        let c = revenue_product(4000, 250, 250, true, true);
        let credit = c.credit(w(300), None);
        assert_eq!((credit.high, credit.bound), (w(50), Bound::ProductCap));
    }

    #[test]
    fn the_value_that_covers_a_request() {
        // 400万 asked, 300万 credit: 100万 short; residential 70 % → 142.86 → 143万.
        assert_eq!(
            value_needed(w(100), Decimal::new(70, 2), w(1)),
            Some(w(143))
        );
        assert_eq!(
            value_needed(w(100), Decimal::new(90, 2), w(1)),
            Some(w(112))
        );
        assert_eq!(value_needed(w(100), Decimal::ONE, w(1)), Some(w(100)));
        assert_eq!(
            value_needed(w(400), Decimal::new(70, 2), w(1)),
            Some(w(572))
        );
        assert_eq!(value_needed(w(1), Decimal::ZERO, w(1)), None);
        let c = revenue_product(2000, 0, 0, true, true);
        assert_eq!(c.potential(w(1000)), w(1000));
        assert_eq!(ceil_to(Decimal::new(1_000_001, 0), w(1)), w(101));
    }

    #[test]
    fn ties_go_to_the_first_ceiling() {
        assert_eq!(
            smallest(&[
                (Bound::Basis, Some(w(100))),
                (Bound::RatingCap, Some(w(100)))
            ]),
            (w(100), Bound::Basis)
        );
        assert_eq!(
            smallest(&[(Bound::Basis, None)]),
            (Decimal::ZERO, Bound::Basis)
        );
    }
}
