//! The quick-loan pre-check: evaluates a [`Profile`]
//! against every product of a [`Catalogue`] and returns, per product, an
//! [`Outcome`], reasons and **changes** (what would change the outcome) with
//! stable codes and localized messages, an estimated limit range, an
//! indicative rate range (LPR + spread) and repayment plans exact to the fen.
//!
//! Rules, in order (thresholds from `catalogue.rules`, see docs/precheck.md):
//! 1. Size class by the MIIT standard: medium and large enterprises get
//!    `not_small_or_micro` for every product.
//! 2. Knock-outs → `not_eligible`: legal representative's age, tax rating
//!    C/D, a current overdue, too many overdues in 12/24 months,
//!    non-performing loans, 經營異常 / 失信被執行 / 限高, too few months of
//!    operation, no debt headroom, no basis for the product (no settlement
//!    flow, tax, payroll or core-enterprise business), an estimate below the
//!    smallest limit.
//! 3. Collateral and amount: a secured product without accepted collateral
//!    → `needs_collateral`; a request above the limit for the declared
//!    collateral that some accepted collateral would cover →
//!    `needs_collateral_or_lower_amount`; a request no collateral covers →
//!    `refer_to_branch`.
//! 4. Soft flags → `pre_qualified_with_review`: many credit inquiries, an
//!    allowed overdue in 24 months, a request above the product's review
//!    threshold. Otherwise `pre_qualified`.
//!
//! Monotonic by construction (checked by proptest): declaring collateral
//! never makes an outcome worse and adding an overdue never makes it better,
//! in the order of [`Outcome`] (best first).
//!
//! The same input gives byte-identical JSON ([`evaluate_json`]), natively
//! and in wasm.

mod messages;

use crate::catalogue::{Catalogue, Product, ProductKind};
use crate::i18n::Lang;
use crate::money::{floor_to, fmt_percent, ser_money};
use crate::profile::{Collateral, Profile, SupplyChainRole, Tag, TaxRating};
use crate::repayment::{Method, Plan, plan};
use crate::size_class::{SizeClass, classify};
use messages::{Change, Reason};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// A product's outcome, ordered best first (`Ord`: smaller is better).
///
/// The order is the core's one truth: a request that a lower amount would
/// satisfy (`needs_collateral_or_lower_amount`) is closer to approval than
/// one that must bring collateral (`needs_collateral`). `Outcome::ALL`
/// lists them in this order; nobody else spells the list out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Meets every rule for the requested amount.
    PreQualified,
    /// Meets every knock-out rule; a soft flag needs manual review.
    PreQualifiedWithReview,
    /// Above the limit for the declared collateral, but some collateral
    /// would cover it — or ask for less.
    NeedsCollateralOrLowerAmount,
    /// A secured product: needs an accepted collateral.
    NeedsCollateral,
    /// The request is beyond what the product lends online.
    ReferToBranch,
    /// A knock-out rule fails.
    NotEligible,
    /// A medium or large enterprise.
    NotSmallOrMicro,
}

impl_codes!(Outcome {
    PreQualified => "pre_qualified",
    PreQualifiedWithReview => "pre_qualified_with_review",
    NeedsCollateralOrLowerAmount => "needs_collateral_or_lower_amount",
    NeedsCollateral => "needs_collateral",
    ReferToBranch => "refer_to_branch",
    NotEligible => "not_eligible",
    NotSmallOrMicro => "not_small_or_micro",
} label: crate::labels::outcome);

impl Outcome {
    /// The best of some outcomes (`Outcome::ALL` order); `None` when there
    /// are none.
    pub fn best(outcomes: impl IntoIterator<Item = Outcome>) -> Option<Outcome> {
        outcomes.into_iter().min()
    }
}

/// A reason or change: stable code and localized message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// Stable code, e.g. `months_operating_short`.
    pub code: &'static str,
    /// Message in the evaluation's language.
    pub message: String,
}

/// An estimated limit range, CNY.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LimitRange {
    /// Low end.
    #[serde(serialize_with = "ser_money")]
    pub low: Decimal,
    /// High end: never above the product's cap for the declared collateral.
    #[serde(serialize_with = "ser_money")]
    pub high: Decimal,
}

/// An indicative annual rate range, percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RateRange {
    /// Low end (LPR + low spread − tag discount).
    #[serde(serialize_with = "ser_percent")]
    pub low: Decimal,
    /// High end (LPR + high spread).
    #[serde(serialize_with = "ser_percent")]
    pub high: Decimal,
}

fn ser_percent<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&fmt_percent(*v))
}

/// Repayment estimates for one amount and term at the high end of the rate
/// range, one plan per method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Repayment {
    /// The amount: the request, capped at the limit (or the limit when no
    /// amount was requested).
    #[serde(serialize_with = "ser_money")]
    pub principal: Decimal,
    /// Term used, months (the request moved into the product's range).
    pub term_months: u32,
    /// Annual rate used, percent.
    #[serde(serialize_with = "ser_percent")]
    pub annual_rate: Decimal,
    /// 等額本息.
    pub equal_instalment: Plan,
    /// 等額本金.
    pub equal_principal: Plan,
    /// 先息後本.
    pub interest_first: Plan,
}

/// The result for one product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductResult {
    /// Product id.
    pub id: String,
    /// Product name in the evaluation's language.
    pub name: String,
    /// The outcome.
    pub outcome: Outcome,
    /// Why.
    pub reasons: Vec<Note>,
    /// What would change the outcome or raise the limit.
    pub changes: Vec<Note>,
    /// Estimated limit for the declared collateral.
    pub limit: Option<LimitRange>,
    /// Indicative rate range.
    pub rate: Option<RateRange>,
    /// Repayment estimates.
    pub repayment: Option<Repayment>,
}

/// The result of a pre-check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// Language of the messages.
    pub lang: Lang,
    /// Catalogue version evaluated against.
    pub catalogue: String,
    /// MIIT size class.
    pub size_class: SizeClass,
    /// "Indicative, not an offer".
    pub notice: String,
    /// The 1-year LPR, percent.
    #[serde(serialize_with = "ser_percent")]
    pub lpr: Decimal,
    /// The LPR's date.
    pub lpr_date: String,
    /// One result per catalogue product, in catalogue order.
    pub products: Vec<ProductResult>,
}

/// Evaluation options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Include the full month-by-month schedules (totals are always there).
    pub schedules: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { schedules: true }
    }
}

/// Evaluates a profile against every product, with full schedules.
pub fn evaluate(profile: &Profile, catalogue: &Catalogue, lang: Lang) -> Evaluation {
    evaluate_with(profile, catalogue, lang, Options::default())
}

/// String-level entry used by the CLI and the wasm binding: profile JSON,
/// optional catalogue JSON (default catalogue when `None`) → result JSON,
/// or one message naming the field or JSON path.
pub fn evaluate_json(
    profile_json: &str,
    catalogue_json: Option<&str>,
    lang: Lang,
) -> Result<String, String> {
    evaluate_json_with(profile_json, catalogue_json, lang, Options::default())
}

/// [`evaluate_json`] with options.
pub fn evaluate_json_with(
    profile_json: &str,
    catalogue_json: Option<&str>,
    lang: Lang,
    options: Options,
) -> Result<String, String> {
    let profile = Profile::from_json(profile_json).map_err(|e| e.to_string())?;
    let owned;
    let catalogue = match catalogue_json {
        Some(json) => {
            owned = Catalogue::from_json(json).map_err(|e| e.to_string())?;
            &owned
        }
        None => Catalogue::default_catalogue(),
    };
    let evaluation = evaluate_with(&profile, catalogue, lang, options);
    serde_json::to_string(&evaluation)
        .map_err(|e| format!("internal error: cannot write the result: {e}"))
}

/// Knock-outs and soft flags that do not depend on the product.
struct Shared {
    knockouts: Vec<(Reason, Option<Change>)>,
    soft: Vec<(Reason, Option<Change>)>,
    headroom: Decimal,
    rate_discount: Decimal,
}

fn shared(p: &Profile, c: &Catalogue) -> Shared {
    let r = &c.rules;
    let mut k: Vec<(Reason, Option<Change>)> = Vec::new();
    let age = r.legal_rep_age;
    if p.legal_rep_age < age.min || p.legal_rep_age > age.max {
        k.push((
            Reason::LegalRepAge {
                age: p.legal_rep_age,
                min: age.min,
                max: age.max,
            },
            Some(Change::LegalRepAge {
                min: age.min,
                max: age.max,
            }),
        ));
    }
    if r.knock_out_ratings.contains(&p.tax_credit_rating) {
        k.push((
            Reason::TaxRatingKnockOut(p.tax_credit_rating.as_str()),
            Some(Change::ImproveRating),
        ));
    }
    if p.overdue_current {
        k.push((Reason::OverdueCurrent, Some(Change::SettleOverdue)));
    }
    if p.overdues_last12_months > r.max_overdues_last12_months {
        k.push((
            Reason::Overdues12 {
                count: p.overdues_last12_months,
                max: r.max_overdues_last12_months,
            },
            Some(Change::NoOverdues12),
        ));
    }
    if p.overdues_last24_months > r.max_overdues_last24_months {
        k.push((
            Reason::Overdues24 {
                count: p.overdues_last24_months,
                max: r.max_overdues_last24_months,
            },
            Some(Change::FewerOverdues24 {
                max: r.max_overdues_last24_months,
            }),
        ));
    }
    if p.non_performing {
        k.push((Reason::NonPerforming, Some(Change::ResolveNonPerforming)));
    }
    if p.abnormal_operation {
        k.push((
            Reason::AbnormalOperation,
            Some(Change::ClearAbnormalOperation),
        ));
    }
    if p.dishonest_executee {
        k.push((Reason::DishonestExecutee, Some(Change::ClearDishonest)));
    }
    if p.consumption_restricted {
        k.push((
            Reason::ConsumptionRestricted,
            Some(Change::ClearConsumptionRestriction),
        ));
    }
    let headroom_base = p.annual_revenue * r.debt_headroom_share;
    let headroom = headroom_base - p.existing_business_loans;
    if headroom <= Decimal::ZERO {
        k.push((
            Reason::DebtHeadroomExhausted {
                headroom_base,
                existing: p.existing_business_loans,
            },
            Some(Change::ReduceExistingLoans {
                below: headroom_base,
            }),
        ));
    }
    let mut soft = Vec::new();
    if p.credit_inquiries_last6_months > r.credit_inquiries_soft_flag {
        soft.push((
            Reason::ManyInquiries {
                count: p.credit_inquiries_last6_months,
                max: r.credit_inquiries_soft_flag,
            },
            Some(Change::FewerInquiries {
                max: r.credit_inquiries_soft_flag,
            }),
        ));
    }
    if p.overdues_last24_months > 0 && p.overdues_last24_months <= r.max_overdues_last24_months {
        soft.push((
            Reason::OverdueInWindow {
                count: p.overdues_last24_months,
            },
            None,
        ));
    }
    let tagged = p.has_tag(Tag::HighTech) || p.has_tag(Tag::SpecializedNew);
    Shared {
        knockouts: k,
        soft,
        headroom,
        rate_discount: if tagged {
            r.tag_spread_discount
        } else {
            Decimal::ZERO
        },
    }
}

/// Evaluates a profile against every product.
pub fn evaluate_with(
    profile: &Profile,
    catalogue: &Catalogue,
    lang: Lang,
    options: Options,
) -> Evaluation {
    let size_class = classify(
        profile.industry,
        profile.employees,
        profile.annual_revenue,
        profile.total_assets,
    );
    let shared = shared(profile, catalogue);
    let products = catalogue
        .products
        .iter()
        .map(|product| {
            let ctx = Ctx {
                p: profile,
                c: catalogue,
                product,
                shared: &shared,
                lang,
                options,
            };
            evaluate_product(&ctx, size_class)
        })
        .collect();
    Evaluation {
        lang,
        catalogue: catalogue.version.clone(),
        size_class,
        notice: messages::notice(lang, catalogue.lpr.rate, &catalogue.lpr.date),
        lpr: catalogue.lpr.rate,
        lpr_date: catalogue.lpr.date.clone(),
        products,
    }
}

/// The product's limit basis (low, high) before caps, or the reasons there
/// is none.
fn basis(
    p: &Profile,
    c: &Catalogue,
    product: &Product,
) -> Result<(Decimal, Decimal), (Reason, Option<Change>)> {
    let amount = match product.kind {
        ProductKind::Credit | ProductKind::Secured => p.annual_revenue,
        ProductKind::SupplyChain => match p.supply_chain_role {
            SupplyChainRole::None => {
                return Err((Reason::NotInSupplyChain, Some(Change::JoinSupplyChain)));
            }
            SupplyChainRole::Supplier => p.core_enterprise_receivables,
            SupplyChainRole::Distributor => p.core_enterprise_purchases,
        },
        ProductKind::Settlement => p.annual_settlement_flow,
        ProductKind::Tax => p.tax_paid_last24_months / Decimal::TWO,
        ProductKind::Payroll => p.annual_payroll,
    };
    if amount.is_zero() {
        return Err(match product.kind {
            ProductKind::Credit | ProductKind::Secured => (
                Reason::LimitTooSmall {
                    unit: c.rules.limit_rounding,
                },
                None,
            ),
            ProductKind::SupplyChain => (
                Reason::NoCoreEnterpriseBusiness,
                Some(Change::DeclareCoreEnterpriseBusiness),
            ),
            ProductKind::Settlement => (Reason::NoSettlementFlow, Some(Change::SettleThroughBank)),
            ProductKind::Tax => (Reason::NoTaxPaid, Some(Change::BuildTaxRecord)),
            ProductKind::Payroll => (Reason::NoPayroll, Some(Change::PayrollThroughBank)),
        });
    }
    let (low, high) = match (product.kind, product.basis) {
        (ProductKind::Tax, _) | (_, None) => {
            let m = c.rules.rating_multipliers;
            let high = match p.tax_credit_rating {
                TaxRating::A => m.a,
                TaxRating::B => m.b,
                TaxRating::M | TaxRating::C | TaxRating::D => m.low,
            };
            (amount * m.low, amount * high)
        }
        (_, Some(b)) => (amount * b.low, amount * b.high),
    };
    Ok((low, high))
}

fn note_reason(r: &Reason, lang: Lang) -> Note {
    Note {
        code: r.code(),
        message: r.message(lang),
    }
}

fn note_change(c: &Change, lang: Lang) -> Note {
    Note {
        code: c.code(),
        message: c.message(lang),
    }
}

/// Collaterals other than none, in a fixed order.
const SECURED: [Collateral; 3] = [
    Collateral::Property,
    Collateral::Pledge,
    Collateral::Guarantee,
];

/// Everything one product's evaluation reads.
struct Ctx<'a> {
    p: &'a Profile,
    c: &'a Catalogue,
    product: &'a Product,
    shared: &'a Shared,
    lang: Lang,
    options: Options,
}

/// The limit basis of a product after the knock-outs: its low and high
/// ends before the collateral caps, and the rounding unit.
#[derive(Clone, Copy)]
struct Basis {
    low: Decimal,
    high: Decimal,
    unit: Decimal,
}

impl Basis {
    /// The high end under a collateral's cap.
    fn high_for(self, cap: Decimal) -> Decimal {
        self.high.min(floor_to(cap, self.unit))
    }

    /// The limit range under a collateral's cap.
    fn limit_for(self, cap: Decimal) -> LimitRange {
        let high = self.high_for(cap);
        LimitRange {
            low: self.low.min(high),
            high,
        }
    }
}

/// The outcome for the declared collateral and the requested amount, with
/// its reasons and changes (before the soft flags and term notes).
struct Decision {
    outcome: Outcome,
    limit: Option<LimitRange>,
    /// The amount the repayment estimate is for.
    principal: Option<Decimal>,
    reasons: Vec<Reason>,
    changes: Vec<Change>,
}

fn evaluate_product(ctx: &Ctx, size: SizeClass) -> ProductResult {
    let lang = ctx.lang;
    let mut result = ProductResult {
        id: ctx.product.id.clone(),
        name: ctx.product.name.get(lang).to_owned(),
        outcome: Outcome::NotSmallOrMicro,
        reasons: Vec::new(),
        changes: Vec::new(),
        limit: None,
        rate: None,
        repayment: None,
    };
    if !size.is_small_or_micro() {
        result
            .reasons
            .push(note_reason(&Reason::SizeNotSmallOrMicro(size), lang));
        return result;
    }
    let basis = match ctx.knock_outs() {
        Ok(basis) => basis,
        Err(knockouts) => {
            result.outcome = Outcome::NotEligible;
            for (reason, change) in &knockouts {
                result.reasons.push(note_reason(reason, lang));
                if let Some(change) = change {
                    result.changes.push(note_change(change, lang));
                }
            }
            return result;
        }
    };
    let rate = ctx.rate();
    result.rate = Some(rate);
    let mut d = ctx.decide(basis);
    ctx.soft_flags(basis, &mut d);
    let term = ctx.term(&mut d);
    if let Some(amount) = d.principal.filter(|a| !a.is_zero()) {
        result.repayment = Some(ctx.repayment(amount, rate.high, term));
    }
    result.outcome = d.outcome;
    result.limit = d.limit;
    result.reasons = d.reasons.iter().map(|r| note_reason(r, lang)).collect();
    result.changes = d.changes.iter().map(|ch| note_change(ch, lang)).collect();
    result
}

impl Ctx<'_> {
    /// The knock-outs (shared ones, months of operation, the product's
    /// basis), or the limit basis when there are none.
    fn knock_outs(&self) -> Result<Basis, Vec<(Reason, Option<Change>)>> {
        let (p, product, shared) = (self.p, self.product, self.shared);
        let mut knockouts: Vec<(Reason, Option<Change>)> = shared.knockouts.clone();
        if p.months_operating < product.min_months_operating {
            knockouts.push((
                Reason::MonthsShort {
                    months: p.months_operating,
                    min: product.min_months_operating,
                },
                Some(Change::WaitMonths {
                    months: product.min_months_operating - p.months_operating,
                }),
            ));
        }
        let rules = &self.c.rules;
        let unit = rules.limit_rounding;
        let mut base = None;
        match basis(p, self.c, product) {
            Err((reason, change)) => knockouts.push((reason, change)),
            Ok((low, high)) => {
                let mut high = high.min(shared.headroom);
                if p.tax_credit_rating == TaxRating::M {
                    high = high.min(rules.m_rating_cap);
                }
                let high = floor_to(high.max(Decimal::ZERO), unit);
                let low = floor_to(low.min(high).max(Decimal::ZERO), unit);
                if high.is_zero() && shared.headroom > Decimal::ZERO {
                    knockouts.push((Reason::LimitTooSmall { unit }, None));
                }
                base = Some(Basis { low, high, unit });
            }
        }
        match base {
            Some(basis) if knockouts.is_empty() => Ok(basis),
            _ => Err(knockouts),
        }
    }

    /// The indicative rate range: LPR + the product's spread, less the tag
    /// discount at the low end.
    fn rate(&self) -> RateRange {
        let lpr = self.c.lpr.rate;
        let spread = self.product.spread;
        RateRange {
            low: (lpr + spread.low - self.shared.rate_discount).max(Decimal::ZERO),
            high: lpr + spread.high,
        }
    }

    /// The accepted secured collaterals with the high end each would give.
    fn secured_highs(&self, basis: Basis) -> Vec<(Collateral, Decimal)> {
        SECURED
            .iter()
            .filter_map(|&col| {
                self.product
                    .caps
                    .for_collateral(col)
                    .map(|cap| (col, basis.high_for(cap)))
            })
            .collect()
    }

    /// The outcome for the declared collateral and the request.
    fn decide(&self, basis: Basis) -> Decision {
        let declared = self.p.collateral;
        let mut d = Decision {
            outcome: Outcome::NotSmallOrMicro,
            limit: None,
            principal: None,
            reasons: Vec::new(),
            changes: Vec::new(),
        };
        if declared != Collateral::None && self.product.caps.for_collateral(declared).is_none() {
            d.reasons.push(Reason::CollateralNotAccepted(declared));
        }
        match self.product.caps.effective(declared) {
            None => self.secured_without_collateral(basis, &mut d),
            Some(cap) => self.with_cap(basis, cap, &mut d),
        }
        d
    }

    /// A secured product and no accepted collateral declared.
    fn secured_without_collateral(&self, basis: Basis, d: &mut Decision) {
        let requested = self.p.requested_amount;
        let highs = self.secured_highs(basis);
        let covering: Vec<&(Collateral, Decimal)> = highs
            .iter()
            .filter(|&&(_, high)| requested.is_none_or(|r| r <= high))
            .collect();
        let best = highs.iter().map(|&(_, h)| h).max().unwrap_or(Decimal::ZERO);
        d.reasons.push(Reason::CollateralRequired);
        if covering.is_empty() {
            d.outcome = Outcome::ReferToBranch;
            let r = requested.unwrap_or(Decimal::ZERO);
            let max = self.product.caps.max().unwrap_or(Decimal::ZERO);
            d.reasons.push(if r > max {
                Reason::AmountAboveProductMax { requested: r, max }
            } else {
                Reason::AmountAboveLimit {
                    requested: r,
                    high: best,
                }
            });
            for &(col, up_to) in &highs {
                d.changes.push(Change::AddCollateral {
                    collateral: col,
                    up_to,
                });
            }
            d.changes.push(Change::LowerAmount { to: best });
        } else {
            d.outcome = Outcome::NeedsCollateral;
            for &&(col, high) in &covering {
                d.changes.push(Change::AddCollateral {
                    collateral: col,
                    up_to: high,
                });
            }
        }
    }

    /// A cap applies to the declared collateral (or to credit).
    fn with_cap(&self, basis: Basis, cap: Decimal, d: &mut Decision) {
        let (requested, declared) = (self.p.requested_amount, self.p.collateral);
        let limit = basis.limit_for(cap);
        d.limit = Some(limit);
        match requested {
            Some(r) if r > limit.high => {
                let better: Vec<(Collateral, Decimal)> = self
                    .secured_highs(basis)
                    .into_iter()
                    .filter(|&(col, high)| r <= high && col != declared)
                    .collect();
                if better.is_empty() {
                    d.outcome = Outcome::ReferToBranch;
                    let max = self.product.caps.max().unwrap_or(cap);
                    d.reasons.push(if r > max {
                        Reason::AmountAboveProductMax { requested: r, max }
                    } else {
                        Reason::AmountAboveLimit {
                            requested: r,
                            high: limit.high,
                        }
                    });
                } else {
                    d.outcome = Outcome::NeedsCollateralOrLowerAmount;
                    d.reasons.push(Reason::AmountAboveLimit {
                        requested: r,
                        high: limit.high,
                    });
                    for (col, high) in better {
                        d.changes.push(Change::AddCollateral {
                            collateral: col,
                            up_to: high,
                        });
                    }
                }
                d.changes.push(Change::LowerAmount { to: limit.high });
                d.principal = Some(limit.high);
            }
            _ => {
                let review =
                    requested.is_some_and(|r| self.product.review_above.is_some_and(|t| r > t));
                d.outcome = if review || !self.shared.soft.is_empty() {
                    Outcome::PreQualifiedWithReview
                } else {
                    Outcome::PreQualified
                };
                d.reasons.push(match requested {
                    Some(r) => Reason::WithinLimit {
                        requested: r,
                        high: limit.high,
                    },
                    None => Reason::LimitEstimate {
                        low: limit.low,
                        high: limit.high,
                    },
                });
                if review && let Some(threshold) = self.product.review_above {
                    d.reasons.push(Reason::AboveReviewThreshold { threshold });
                }
                // Collateral that would raise the limit.
                for (col, high) in self.secured_highs(basis) {
                    if col != declared && high > limit.high {
                        d.changes.push(Change::AddCollateral {
                            collateral: col,
                            up_to: high,
                        });
                    }
                }
                d.principal = Some(requested.unwrap_or(limit.high));
            }
        }
    }

    /// The shared soft flags and the M-rating cap note.
    fn soft_flags(&self, basis: Basis, d: &mut Decision) {
        for (reason, change) in &self.shared.soft {
            d.reasons.push(reason.clone());
            if let Some(change) = change {
                d.changes.push(change.clone());
            }
        }
        let cap = self.c.rules.m_rating_cap;
        if self.p.tax_credit_rating == TaxRating::M && basis.high >= floor_to(cap, basis.unit) {
            d.reasons.push(Reason::RatingMCap { cap });
            d.changes.push(Change::RatingAboveM { cap });
        }
    }

    /// The term used: the request moved into the product's range (noted
    /// when it moved).
    fn term(&self, d: &mut Decision) -> u32 {
        let range = self.product.term_months;
        let asked = self.p.term_months;
        let term = asked.clamp(range.min, range.max);
        if term != asked {
            d.reasons.push(Reason::TermAdjusted { asked, used: term });
            d.changes.push(Change::TermWithin {
                min: range.min,
                max: range.max,
            });
        }
        term
    }

    /// Repayment plans for `amount` at the high end of the rate range.
    fn repayment(&self, amount: Decimal, annual: Decimal, term: u32) -> Repayment {
        let make = |m| plan(m, amount, annual, term, self.options.schedules);
        Repayment {
            principal: amount,
            term_months: term,
            annual_rate: annual,
            equal_instalment: make(Method::EqualInstalment),
            equal_principal: make(Method::EqualPrincipal),
            interest_first: make(Method::InterestFirst),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(extra: &str) -> Profile {
        let mut v: serde_json::Value = serde_json::from_str(
            r#"{"monthsOperating": 30, "industry": "software", "employees": 25,
            "annualRevenue": "8000000", "taxCreditRating": "A", "legalRepAge": 41,
            "taxPaidLast24Months": "400000"}"#,
        )
        .unwrap();
        let extra: serde_json::Value = serde_json::from_str(&format!("{{{extra}}}")).unwrap();
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        Profile::from_json(&v.to_string()).unwrap()
    }

    fn outcome_of(p: &Profile, id: &str) -> ProductResult {
        let e = evaluate(p, Catalogue::default_catalogue(), Lang::En);
        e.products.into_iter().find(|r| r.id == id).unwrap()
    }

    #[test]
    fn credit_product_within_cap() {
        let r = outcome_of(
            &profile(r#""requestedAmount": "1000000""#),
            "jingying_kuaidai",
        );
        assert_eq!(r.outcome, Outcome::PreQualified);
        // Revenue 8M: basis 0.10–0.30 → 800k–2.4M, under the 3M credit cap.
        let limit = r.limit.unwrap();
        assert_eq!(
            (limit.low, limit.high),
            (Decimal::from(800_000), Decimal::from(2_400_000))
        );
        assert_eq!(r.rate.unwrap().high, Decimal::new(450, 2));
        let rep = r.repayment.unwrap();
        let sum: Decimal = rep
            .equal_instalment
            .schedule
            .unwrap()
            .iter()
            .map(|i| i.principal)
            .sum();
        assert_eq!(sum, Decimal::from(1_000_000));
    }

    #[test]
    fn request_above_credit_cap_needs_collateral_or_less() {
        let p = profile(r#""annualRevenue": "30000000", "requestedAmount": "4000000""#);
        let r = outcome_of(&p, "jingying_kuaidai");
        assert_eq!(r.outcome, Outcome::NeedsCollateralOrLowerAmount);
        assert_eq!(r.limit.unwrap().high, Decimal::from(3_000_000));
        let codes: Vec<_> = r.changes.iter().map(|c| c.code).collect();
        assert!(
            codes.contains(&"add_collateral") && codes.contains(&"lower_amount"),
            "{codes:?}"
        );
        assert!(
            r.changes
                .iter()
                .any(|c| c.message == "With property collateral: up to ¥9,000,000"),
            "{:?}",
            r.changes
        );
    }

    #[test]
    fn secured_product_without_collateral() {
        let r = outcome_of(&profile(""), "wangdaitong");
        assert_eq!(r.outcome, Outcome::NeedsCollateral);
        assert!(r.limit.is_none());
        let r = outcome_of(&profile(r#""collateral": "property""#), "wangdaitong");
        assert_eq!(r.outcome, Outcome::PreQualified);
    }

    #[test]
    fn knock_outs_and_months() {
        let r = outcome_of(&profile(r#""monthsOperating": 8"#), "jingying_kuaidai");
        assert_eq!(r.outcome, Outcome::NotEligible);
        assert_eq!(r.changes[0].message, "After 4 more month(s) of operation");
        let r = outcome_of(&profile(r#""overdueCurrent": true"#), "payroll_loan");
        assert_eq!(r.outcome, Outcome::NotEligible);
    }

    #[test]
    fn medium_enterprise_is_routed_elsewhere() {
        let e = evaluate(
            &profile(r#""employees": 150, "annualRevenue": "20000000""#),
            Catalogue::default_catalogue(),
            Lang::En,
        );
        assert_eq!(e.size_class, SizeClass::Medium);
        assert!(
            e.products
                .iter()
                .all(|r| r.outcome == Outcome::NotSmallOrMicro)
        );
    }

    #[test]
    fn outcomes_are_ordered_best_first() {
        assert_eq!(Outcome::ALL.len(), 7);
        assert!(Outcome::ALL.windows(2).all(|w| w[0] < w[1]));
        assert!(Outcome::NeedsCollateralOrLowerAmount < Outcome::NeedsCollateral);
        assert_eq!(
            Outcome::best([
                Outcome::NotEligible,
                Outcome::NeedsCollateral,
                Outcome::ReferToBranch
            ]),
            Some(Outcome::NeedsCollateral)
        );
        assert_eq!(Outcome::best([]), None);
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
            // The serialized name is the code.
            assert_eq!(
                serde_json::to_string(&o).unwrap(),
                format!("\"{}\"", o.as_str())
            );
        }
        assert_eq!(Outcome::parse("approved"), None);
        assert_eq!(Outcome::PreQualified.label(Lang::ZhHans), "初步符合条件");
    }

    #[test]
    fn explicit_default_catalogue_matches_the_embedded_one() {
        let json = r#"{"monthsOperating": 30, "industry": "software", "employees": 25,
            "annualRevenue": "8000000", "taxCreditRating": "A", "legalRepAge": 41}"#;
        let a = evaluate_json(json, None, Lang::ZhHant).unwrap();
        let b = evaluate_json(
            json,
            Some(crate::catalogue::DEFAULT_CATALOGUE_JSON),
            Lang::ZhHant,
        )
        .unwrap();
        assert_eq!(a, b);
        assert!(a.contains("\"lpr\":\"3.00\""));
    }
}
