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

mod json_sink;
mod messages;
mod result_json;

use crate::branches::{Branch, Referral, nearest};
use crate::catalogue::{Catalogue, DecRange, Metric, Product, ProductKind, RepaymentTerms};
use crate::i18n::Lang;
use crate::limits::{Bound, Ceilings, value_needed};
use crate::money::{floor_to, fmt_percent, ser_money};
use crate::profile::{
    Collateral, CollateralType, Profile, SupplyChainRole, SupplyChainTier, Tag, TaxRating,
};
use crate::repayment::{Method, Plan, Revolving, plan, revolving};
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

/// How a product's repayment works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RepaymentKind {
    /// Monthly instalments: equal instalment, equal principal, interest
    /// first.
    Instalment,
    /// A revolving line (随借随还): interest by the day on what is drawn.
    Revolving,
}

/// Repayment estimates for one amount and term at the high end of the rate
/// range: one plan per instalment method, or a revolving line's interest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Repayment {
    /// Instalments or a revolving line.
    pub kind: RepaymentKind,
    /// The amount: the request, capped at the limit (or the limit when no
    /// amount was requested); for a revolving line, the amount drawn.
    #[serde(serialize_with = "ser_money")]
    pub principal: Decimal,
    /// Term used, months (the request moved into the product's range).
    pub term_months: u32,
    /// Annual rate used, percent.
    #[serde(serialize_with = "ser_percent")]
    pub annual_rate: Decimal,
    /// 等额本息 (instalment products).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub equal_instalment: Option<Plan>,
    /// 等额本金 (instalment products).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub equal_principal: Option<Plan>,
    /// 先息后本 (instalment products).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interest_first: Option<Plan>,
    /// Interest per day, per month and for the drawdown (revolving lines).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revolving: Option<Revolving>,
}

impl Repayment {
    /// The plan for `method` (`None` for a revolving line).
    pub fn plan(&self, method: Method) -> Option<&Plan> {
        match method {
            Method::EqualInstalment => self.equal_instalment.as_ref(),
            Method::EqualPrincipal => self.equal_principal.as_ref(),
            Method::InterestFirst => self.interest_first.as_ref(),
        }
    }
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
    /// Where to go, for `refer_to_branch` (when the profile names a
    /// province or city).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referral: Option<Referral>,
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

impl Evaluation {
    /// The best outcome over the products (`None` for an empty catalogue):
    /// the outcome class of the `completed` event and of the record.
    pub fn best_outcome(&self) -> Option<Outcome> {
        Outcome::best(self.products.iter().map(|r| r.outcome))
    }
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

/// [`evaluate_json`] with options. The JSON is written straight from the
/// evaluation's drafts (messages too), byte for byte what serializing the
/// [`Evaluation`] gives.
pub fn evaluate_json_with(
    profile_json: &str,
    catalogue_json: Option<&str>,
    lang: Lang,
    options: Options,
) -> Result<String, String> {
    with_drafts(
        profile_json,
        catalogue_json,
        lang,
        options,
        |catalogue, drafts| {
            let out = String::with_capacity(result_json::capacity(drafts, options));
            result_json::write(out, catalogue, lang, drafts)
        },
    )
}

/// [`evaluate_json_with`] as UTF-16 code units, written into `out`
/// (replacing what it held): the form a JavaScript string is made from
/// fastest. The same text, code unit for code unit.
pub fn evaluate_json_utf16_with(
    profile_json: &str,
    catalogue_json: Option<&str>,
    lang: Lang,
    options: Options,
    out: &mut Vec<u16>,
) -> Result<(), String> {
    let mut sink = std::mem::take(out);
    sink.clear();
    *out = with_drafts(
        profile_json,
        catalogue_json,
        lang,
        options,
        |catalogue, drafts| {
            sink.reserve(result_json::capacity(drafts, options));
            result_json::write(sink, catalogue, lang, drafts)
        },
    )?;
    Ok(())
}

/// Parses the profile and the catalogue (the default one when `None`),
/// evaluates, and hands the drafts to `write`.
fn with_drafts<T>(
    profile_json: &str,
    catalogue_json: Option<&str>,
    lang: Lang,
    options: Options,
    write: impl FnOnce(&Catalogue, &Drafts<'_>) -> T,
) -> Result<T, String> {
    let profile = Profile::from_json(profile_json).map_err(|e| e.to_string())?;
    let owned;
    let catalogue = match catalogue_json {
        Some(json) => {
            owned = Catalogue::from_json(json).map_err(|e| e.to_string())?;
            &owned
        }
        None => Catalogue::default_catalogue(),
    };
    let drafts = drafts(&profile, catalogue, lang, options);
    Ok(write(catalogue, &drafts))
}

/// Knock-outs and soft flags that do not depend on the product, and the
/// customer's existing loans.
struct Shared {
    knockouts: Vec<(Reason, Option<Change>)>,
    soft: Vec<(Reason, Option<Change>)>,
    rate_discount: Decimal,
    /// Every loan outstanding, all banks.
    existing: Decimal,
    /// Loans outstanding with this bank.
    this_bank: Decimal,
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
            Some(Change::FewerOverdues24),
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
    let mut soft = Vec::new();
    if let Some(ctl) = r.terms.controller {
        if p.controller_overdue_current && ctl.current_overdue_knocks_out {
            k.push((
                Reason::ControllerOverdueCurrent,
                Some(Change::ControllerSettleOverdue),
            ));
        }
        let n = p.controller_overdues_last24_months;
        if n >= ctl.knock_out_overdues24 {
            k.push((
                Reason::ControllerOverdues24 {
                    count: n,
                    max: ctl.knock_out_overdues24,
                },
                Some(Change::FewerOverdues24),
            ));
        } else if n >= ctl.review_overdues24 {
            soft.push((Reason::ControllerOverdueReview { count: n }, None));
        }
    }
    if p.annual_revenue.is_zero() {
        k.push((Reason::NoRevenue, None));
    }
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
        rate_discount: if tagged {
            r.tag_spread_discount
        } else {
            Decimal::ZERO
        },
        existing: p.existing_loans_total(),
        this_bank: p.existing_loans_here(),
    }
}

/// Evaluates a profile against every product.
pub fn evaluate_with(
    profile: &Profile,
    catalogue: &Catalogue,
    lang: Lang,
    options: Options,
) -> Evaluation {
    let drafts = drafts(profile, catalogue, lang, options);
    Evaluation {
        lang,
        catalogue: catalogue.version.clone(),
        size_class: drafts.size_class,
        notice: messages::notice(lang, catalogue.lpr.rate, &catalogue.lpr.date),
        lpr: catalogue.lpr.rate,
        lpr_date: catalogue.lpr.date.clone(),
        products: drafts
            .products
            .into_iter()
            .map(|d| d.into_result(lang))
            .collect(),
    }
}

/// An evaluation before its texts are written: the size class and one
/// [`Draft`] per product, in catalogue order.
struct Drafts<'a> {
    size_class: SizeClass,
    products: Vec<Draft<'a>>,
}

/// One product's result with its reasons and changes still as values: what
/// a [`ProductResult`] holds before the messages are written (the JSON
/// writer writes them straight into its output).
struct Draft<'a> {
    product: &'a Product,
    outcome: Outcome,
    reasons: Vec<Reason>,
    changes: Vec<Change>,
    limit: Option<LimitRange>,
    rate: Option<RateRange>,
    repayment: Option<Repayment>,
    /// Where to go, for `refer_to_branch`.
    referral: Option<&'a Branch>,
}

impl Draft<'_> {
    fn into_result(self, lang: Lang) -> ProductResult {
        ProductResult {
            id: self.product.id.clone(),
            name: self.product.name.get(lang).to_owned(),
            outcome: self.outcome,
            reasons: self.reasons.iter().map(|r| note_reason(r, lang)).collect(),
            changes: self.changes.iter().map(|c| note_change(c, lang)).collect(),
            limit: self.limit,
            rate: self.rate,
            repayment: self.repayment,
            referral: self.referral.map(|b| b.referral(lang)),
        }
    }
}

/// The drafts of every product.
fn drafts<'a>(
    profile: &Profile,
    catalogue: &'a Catalogue,
    lang: Lang,
    options: Options,
) -> Drafts<'a> {
    let size_class = classify(
        profile.industry,
        profile.employees,
        profile.annual_revenue,
        profile.total_assets,
    );
    let shared = shared(profile, catalogue);
    // Looked up only when a result needs it (a referral, a young firm).
    let branch = std::cell::OnceCell::new();
    let instalments = std::cell::RefCell::new(Vec::new());
    let products = catalogue
        .products
        .iter()
        .map(|product| {
            let ctx = Ctx {
                p: profile,
                c: catalogue,
                product,
                shared: &shared,
                branch: &branch,
                instalments: &instalments,
                lang,
                options,
            };
            evaluate_product(&ctx, size_class)
        })
        .collect();
    Drafts {
        size_class,
        products,
    }
}

/// The amount a product is sized on and its multipliers (low, high), or
/// the reason there is none.
fn basis(
    p: &Profile,
    c: &Catalogue,
    product: &Product,
) -> Result<(Decimal, Decimal), (Reason, Option<Change>)> {
    let b = product.basis;
    let (amount, multipliers) = match product.kind {
        ProductKind::Credit | ProductKind::Secured => (p.annual_revenue, b),
        ProductKind::SupplyChain => match p.supply_chain_role {
            SupplyChainRole::None => {
                return Err((Reason::NotInSupplyChain, Some(Change::JoinSupplyChain)));
            }
            SupplyChainRole::Supplier => (p.core_enterprise_receivables, b),
            SupplyChainRole::Distributor => match product.terms.distributor_months {
                // Months of purchases: the annual purchases / 12 × months.
                Some(months) => (
                    p.core_enterprise_purchases / Decimal::from(12),
                    Some(months),
                ),
                None => (p.core_enterprise_purchases, b),
            },
        },
        ProductKind::Settlement => (p.annual_settlement_flow, b),
        ProductKind::Payroll => (p.annual_payroll, b),
        ProductKind::Scenario => (
            product.terms.metric.map_or(Decimal::ZERO, |m| m.amount(p)),
            b,
        ),
        ProductKind::Tax => {
            let m = c.rules.rating_multipliers;
            let high = match p.tax_credit_rating {
                TaxRating::A => m.a,
                TaxRating::B => m.b,
                TaxRating::M | TaxRating::C | TaxRating::D => m.low,
            };
            (
                p.tax_paid_last24_months / Decimal::TWO,
                Some(DecRange { low: m.low, high }),
            )
        }
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
            ProductKind::Scenario => {
                let metric = product.terms.metric.unwrap_or(Metric::AnnualRevenue);
                (
                    Reason::NoScenarioData(metric),
                    Some(Change::AuthorizeScenarioData(metric)),
                )
            }
        });
    }
    let m = multipliers.unwrap_or(DecRange {
        low: Decimal::ZERO,
        high: Decimal::ZERO,
    });
    Ok((amount * m.low, amount * m.high))
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
struct Ctx<'a, 'c> {
    p: &'a Profile,
    c: &'c Catalogue,
    product: &'c Product,
    shared: &'a Shared,
    /// The nearest centre or branch for the visitor's province or city,
    /// looked up on first use.
    branch: &'a std::cell::OnceCell<Option<&'c Branch>>,
    /// Instalment repayments worked out so far in this evaluation:
    /// products with the same amount, rate and term share theirs.
    instalments: &'a std::cell::RefCell<Vec<Repayment>>,
    lang: Lang,
    options: Options,
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
    /// The route used the credit (unsecured) part.
    credit_part: bool,
}

fn evaluate_product<'c>(ctx: &Ctx<'_, 'c>, size: SizeClass) -> Draft<'c> {
    let mut draft = Draft {
        product: ctx.product,
        outcome: Outcome::NotSmallOrMicro,
        reasons: Vec::new(),
        changes: Vec::new(),
        limit: None,
        rate: None,
        repayment: None,
        referral: None,
    };
    if !size.is_small_or_micro() {
        draft.reasons.push(Reason::SizeNotSmallOrMicro(size));
        return draft;
    }
    let decided = ctx
        .knock_outs()
        .and_then(|ceilings| ctx.decide(&ceilings).map(|d| (ceilings, d)));
    let (ceilings, mut d) = match decided {
        Ok(pair) => pair,
        Err(knockouts) => {
            draft.outcome = Outcome::NotEligible;
            for (reason, change) in knockouts {
                draft.reasons.push(reason);
                draft.changes.extend(change);
            }
            // Where a young or pre-revenue firm can turn today.
            if ctx.p.months_operating < ctx.product.min_months_operating
                || ctx.p.annual_revenue.is_zero()
            {
                let centre = ctx.branch().map(|b| b.name.get(ctx.lang).to_owned());
                draft.changes.push(Change::InvestmentLoanLinkage);
                draft.changes.push(Change::VisitCentre(centre));
            }
            return draft;
        }
    };
    let rate = ctx.rate();
    draft.rate = Some(rate);
    ctx.soft_flags(&ceilings, &mut d);
    let term = ctx.term(&mut d);
    if let Some(amount) = d.principal.filter(|a| !a.is_zero()) {
        draft.repayment = Some(ctx.repayment(amount, rate.high, term));
    }
    if d.outcome == Outcome::ReferToBranch {
        draft.referral = ctx.branch();
    }
    draft.outcome = d.outcome;
    draft.limit = d.limit;
    draft.reasons = d.reasons;
    draft.changes = d.changes;
    draft
}

impl<'a, 'c> Ctx<'a, 'c> {
    /// The nearest centre or branch for the visitor's province or city.
    fn branch(&self) -> Option<&'c Branch> {
        *self.branch.get_or_init(|| {
            nearest(
                self.c.branch_directory(),
                self.p.province.as_deref(),
                self.p.city.as_deref(),
            )
        })
    }

    /// The knock-outs (shared ones, months of operation, region, tags, the
    /// product's basis), or the product's ceilings when there are none.
    fn knock_outs(&self) -> Result<Ceilings, Vec<(Reason, Option<Change>)>> {
        let (p, product, shared) = (self.p, self.product, self.shared);
        let terms = &product.terms;
        let mut knockouts: Vec<(Reason, Option<Change>)> = shared.knockouts.clone();
        let young = p.months_operating < product.min_months_operating;
        if young {
            knockouts.push((
                Reason::MonthsShort {
                    months: p.months_operating,
                    min: product.min_months_operating,
                },
                Some(Change::WaitMonths {
                    months: product.min_months_operating - p.months_operating,
                    min: product.min_months_operating,
                }),
            ));
        }
        if let Some(regions) = &terms.regions
            && !regions.contains(p)
        {
            knockouts.push((Reason::OutsideRegion(regions.names(self.lang)), None));
        }
        if !terms.required_tags.is_empty() && !terms.required_tags.iter().any(|&t| p.has_tag(t)) {
            knockouts.push((
                Reason::TagRequired(terms.required_tags.clone()),
                Some(Change::ObtainTag(terms.required_tags.clone())),
            ));
        }
        let no_revenue = p.annual_revenue.is_zero();
        let rules = &self.c.rules;
        let mut base = None;
        match basis(p, self.c, product) {
            // Without revenue the reason is already there: no arithmetic on zero.
            Err(_)
                if no_revenue
                    && matches!(product.kind, ProductKind::Credit | ProductKind::Secured) => {}
            Err((reason, change)) => knockouts.push((reason, change)),
            Ok((low, high)) => base = Some((low, high)),
        }
        let Some((basis_low, basis_high)) = base.filter(|_| knockouts.is_empty()) else {
            if knockouts.is_empty() {
                knockouts.push((
                    Reason::LimitTooSmall {
                        unit: rules.limit_rounding,
                    },
                    None,
                ));
            }
            return Err(knockouts);
        };
        let revenue = p.annual_revenue;
        let revenue_based = matches!(product.kind, ProductKind::Credit | ProductKind::Secured);
        Ok(Ceilings {
            basis_low,
            basis_high,
            debt_ceiling: Some(revenue * rules.debt_headroom_share - shared.existing),
            secured_need: terms
                .secured_basis
                .filter(|_| revenue_based)
                .map(|sb| (revenue * sb.high - shared.existing, revenue * sb.low)),
            puhui_left: rules
                .terms
                .puhui_total_cap
                .filter(|_| terms.puhui)
                .map(|cap| cap - shared.existing),
            this_bank: shared.this_bank,
            unit: rules.limit_rounding,
        })
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

    /// The tax-rating cap on the credit part, if the product applies one.
    fn rating_cap(&self) -> Option<Decimal> {
        self.product
            .terms
            .rating_cap(self.p.tax_credit_rating, self.c.rules.m_rating_cap)
    }

    /// The credit limit (zero for a product without a credit cap).
    fn credit_high(&self, ceilings: &Ceilings) -> Decimal {
        self.product.caps.credit.map_or(Decimal::ZERO, |cap| {
            ceilings.credit(cap, self.rating_cap()).high
        })
    }

    /// The accepted type of `kind` with the highest loan-to-value (first
    /// listed on a tie), and that loan-to-value.
    fn best_type(&self, kind: Collateral) -> Option<(CollateralType, Decimal)> {
        let ltv = &self.c.rules.terms.loan_to_value;
        self.product
            .terms
            .types_of(kind)
            .into_iter()
            .filter_map(|t| ltv.of(kind, t).map(|l| (t, l)))
            .fold(
                None,
                |best: Option<(CollateralType, Decimal)>, (t, l)| match best {
                    Some((_, b)) if b >= l => best,
                    _ => Some((t, l)),
                },
            )
    }

    /// For a request `r`, the collateral of each accepted kind that would
    /// cover it, naming the value needed (the cover above the credit part).
    fn covering(&self, ceilings: &Ceilings, r: Decimal) -> Vec<Change> {
        let credit = self.credit_high(ceilings);
        SECURED
            .iter()
            .filter_map(|&kind| {
                let cap = self.product.caps.for_collateral(kind)?;
                let (t, ltv) = self.best_type(kind)?;
                (r <= ceilings.potential(cap)).then_some(())?;
                let value = value_needed(r - credit, ltv, ceilings.unit)?;
                Some(Change::AddCollateral {
                    kind,
                    ty: t,
                    value: Some(value),
                    amount: r,
                })
            })
            .collect()
    }

    /// The collateral of each accepted kind that would raise the limit
    /// above `high`, with the most it could reach.
    fn raising(&self, ceilings: &Ceilings, high: Decimal, except: Collateral) -> Vec<Change> {
        SECURED
            .iter()
            .filter(|&&kind| kind != except)
            .filter_map(|&kind| {
                let cap = self.product.caps.for_collateral(kind)?;
                let (t, _) = self.best_type(kind)?;
                let up_to = ceilings.potential(cap);
                (up_to > high).then_some(Change::AddCollateral {
                    kind,
                    ty: t,
                    value: None,
                    amount: up_to,
                })
            })
            .collect()
    }

    /// The outcome for the declared collateral and the request, or the
    /// knock-out when a ceiling leaves nothing to lend.
    fn decide(&self, ceilings: &Ceilings) -> Result<Decision, Vec<(Reason, Option<Change>)>> {
        let (p, product) = (self.p, self.product);
        let declared = p.collateral;
        let mut d = Decision {
            outcome: Outcome::NotSmallOrMicro,
            limit: None,
            principal: None,
            reasons: Vec::new(),
            changes: Vec::new(),
            credit_part: false,
        };
        let accepted = declared != Collateral::None
            && product.caps.for_collateral(declared).is_some()
            && product.terms.accepts_type(declared, p.collateral_type);
        if declared != Collateral::None && !accepted {
            d.reasons.push(Reason::CollateralNotAccepted {
                kind: declared,
                ty: p.collateral_type,
                credit: product.caps.credit.is_some(),
            });
        }
        let ltv_table = &self.c.rules.terms.loan_to_value;
        let sized = if accepted {
            let cap = product
                .caps
                .for_collateral(declared)
                .unwrap_or(Decimal::ZERO);
            match p.collateral_value {
                Some(value) => {
                    // The stated type, or the accepted type with the lowest
                    // loan-to-value (said so).
                    let (t, ltv) = match p.collateral_type {
                        Some(t) => (t, ltv_table.of(declared, t).unwrap_or(Decimal::ZERO)),
                        None => {
                            let lowest = product
                                .terms
                                .types_of(declared)
                                .into_iter()
                                .filter_map(|t| ltv_table.of(declared, t).map(|l| (t, l)))
                                .fold(None, |best: Option<(CollateralType, Decimal)>, (t, l)| {
                                    match best {
                                        Some((_, b)) if b <= l => best,
                                        _ => Some((t, l)),
                                    }
                                })
                                .unwrap_or((CollateralType::Residential, Decimal::ZERO));
                            d.reasons.push(Reason::CollateralTypeAssumed {
                                kind: declared,
                                ty: lowest.0,
                                ltv: lowest.1,
                            });
                            lowest
                        }
                    };
                    d.credit_part = product.caps.credit.is_some();
                    let s = ceilings.valued(cap, self.credit_high(ceilings), value * ltv);
                    if s.bound == Bound::CollateralValue {
                        d.reasons.push(Reason::BoundCollateralValue {
                            kind: declared,
                            ty: t,
                            value,
                            ltv,
                        });
                    }
                    s
                }
                None => {
                    d.reasons.push(Reason::CollateralValueUnknown);
                    ceilings.unvalued(cap)
                }
            }
        } else if let Some(cap) = product.caps.credit {
            d.credit_part = true;
            ceilings.credit(cap, self.rating_cap())
        } else {
            self.secured_without_collateral(ceilings, &mut d);
            return Ok(d);
        };
        if sized.high.is_zero() && accepted {
            // Nothing to lend on this collateral (a value too small, a tiny
            // revenue, loans that use up a ceiling): the answer is the one
            // without it, so declaring collateral never makes it worse.
            let mut bare = self.p.clone();
            bare.collateral = Collateral::None;
            bare.collateral_type = None;
            bare.collateral_value = None;
            let branch = std::cell::OnceCell::new();
            let ctx = Ctx {
                p: &bare,
                c: self.c,
                product: self.product,
                shared: self.shared,
                branch: &branch,
                instalments: self.instalments,
                lang: self.lang,
                options: self.options,
            };
            return ctx.decide(ceilings);
        }
        if sized.high.is_zero() {
            return Err(vec![self.exhausted(ceilings, sized.bound)]);
        }
        let limit = LimitRange {
            low: sized.low,
            high: sized.high,
        };
        d.limit = Some(limit);
        match sized.bound {
            Bound::RevenueNeed => d.reasons.push(Reason::BoundRevenueNeed {
                need: ceilings.secured_need.map_or(Decimal::ZERO, |(h, _)| h),
            }),
            Bound::DebtCeiling => d.reasons.push(Reason::BoundDebtCeiling {
                share: self.c.rules.debt_headroom_share,
                existing: self.shared.existing,
            }),
            Bound::ProductCap if !self.shared.this_bank.is_zero() => {
                d.reasons.push(Reason::BoundProductCap {
                    cap: product
                        .caps
                        .for_collateral(declared)
                        .or(product.caps.credit)
                        .unwrap_or(Decimal::ZERO),
                    this_bank: self.shared.this_bank,
                })
            }
            Bound::PuhuiTotal => d.reasons.push(Reason::BoundPuhuiTotal {
                total: self.c.rules.terms.puhui_total_cap.unwrap_or(Decimal::ZERO),
                existing: self.shared.existing,
            }),
            _ => {}
        }
        let requested = p.requested_amount;
        match requested {
            Some(r) if r > limit.high => {
                let covering = self.covering(ceilings, r);
                if covering.is_empty() {
                    d.outcome = Outcome::ReferToBranch;
                    let max = product.caps.max().unwrap_or(limit.high);
                    d.reasons.insert(
                        0,
                        if r > max {
                            Reason::AmountAboveProductMax { requested: r, max }
                        } else {
                            Reason::AmountAboveLimit {
                                requested: r,
                                high: limit.high,
                            }
                        },
                    );
                } else {
                    d.outcome = Outcome::NeedsCollateralOrLowerAmount;
                    d.reasons.insert(
                        0,
                        Reason::AmountAboveLimit {
                            requested: r,
                            high: limit.high,
                        },
                    );
                    d.changes.extend(covering);
                }
                d.changes.push(Change::LowerAmount { to: limit.high });
                d.principal = Some(limit.high);
            }
            _ => {
                let review = requested.is_some_and(|r| product.review_above.is_some_and(|t| r > t));
                d.outcome = if review {
                    Outcome::PreQualifiedWithReview
                } else {
                    Outcome::PreQualified
                };
                d.reasons.insert(
                    0,
                    match requested {
                        Some(r) => Reason::WithinLimit {
                            requested: r,
                            high: limit.high,
                        },
                        None => Reason::LimitEstimate {
                            low: limit.low,
                            high: limit.high,
                        },
                    },
                );
                if review && let Some(threshold) = product.review_above {
                    d.reasons.push(Reason::AboveReviewThreshold { threshold });
                }
                let except = if accepted { declared } else { Collateral::None };
                d.changes.extend(self.raising(ceilings, limit.high, except));
                d.principal = Some(requested.unwrap_or(limit.high));
            }
        }
        Ok(d)
    }

    /// Why nothing is left: the ceiling that is used up, and its change.
    fn exhausted(&self, ceilings: &Ceilings, bound: Bound) -> (Reason, Option<Change>) {
        let rules = &self.c.rules;
        let existing = self.shared.existing;
        match bound {
            Bound::PuhuiTotal => {
                let total = rules.terms.puhui_total_cap.unwrap_or(Decimal::ZERO);
                (
                    Reason::PuhuiTotalExceeded { existing, total },
                    Some(Change::ReduceExistingLoans { below: total }),
                )
            }
            Bound::DebtCeiling | Bound::RevenueNeed => {
                let base = match bound {
                    Bound::RevenueNeed => ceilings
                        .secured_need
                        .map_or(Decimal::ZERO, |(h, _)| h + existing),
                    _ => self.p.annual_revenue * rules.debt_headroom_share,
                };
                (
                    Reason::DebtHeadroomExhausted {
                        headroom_base: base,
                        existing,
                    },
                    Some(Change::ReduceExistingLoans { below: base }),
                )
            }
            Bound::ProductCap => (
                Reason::ProductCapUsed {
                    this_bank: self.shared.this_bank,
                },
                None,
            ),
            _ => (
                Reason::LimitTooSmall {
                    unit: ceilings.unit,
                },
                None,
            ),
        }
    }

    /// A secured product and no accepted collateral declared.
    fn secured_without_collateral(&self, ceilings: &Ceilings, d: &mut Decision) {
        let requested = self.p.requested_amount;
        d.reasons.push(Reason::CollateralRequired);
        let potentials: Vec<Decimal> = SECURED
            .iter()
            .filter_map(|&k| {
                self.product
                    .caps
                    .for_collateral(k)
                    .map(|cap| ceilings.potential(cap))
            })
            .collect();
        let best = potentials.iter().copied().max().unwrap_or(Decimal::ZERO);
        match requested {
            Some(r) => {
                let covering = self.covering(ceilings, r);
                if covering.is_empty() {
                    d.outcome = Outcome::ReferToBranch;
                    let max = self.product.caps.max().unwrap_or(Decimal::ZERO);
                    d.reasons.push(if r > max {
                        Reason::AmountAboveProductMax { requested: r, max }
                    } else {
                        Reason::AmountAboveLimit {
                            requested: r,
                            high: best,
                        }
                    });
                    d.changes
                        .extend(self.raising(ceilings, Decimal::ZERO, Collateral::None));
                    d.changes.push(Change::LowerAmount { to: best });
                } else {
                    d.outcome = Outcome::NeedsCollateral;
                    d.changes.extend(covering);
                }
            }
            None => {
                d.outcome = Outcome::NeedsCollateral;
                d.changes
                    .extend(self.raising(ceilings, Decimal::ZERO, Collateral::None));
            }
        }
    }

    /// The shared soft flags, the product's supply-chain review and the
    /// rating cap note; any soft flag turns a pre-qualification into one
    /// with review.
    fn soft_flags(&self, ceilings: &Ceilings, d: &mut Decision) {
        let mut flagged = false;
        for (reason, change) in &self.shared.soft {
            d.reasons.push(reason.clone());
            flagged = true;
            if let Some(change) = change {
                d.changes.push(change.clone());
            }
        }
        let p = self.p;
        if self.product.kind == ProductKind::SupplyChain
            && self.product.terms.review_unconfirmed
            && p.supply_chain_role != SupplyChainRole::None
        {
            if !p.core_enterprise_confirms {
                d.reasons.push(Reason::NotConfirmed(p.supply_chain_role));
                d.changes
                    .push(Change::CoreEnterpriseConfirms(p.supply_chain_role));
                flagged = true;
            }
            if p.supply_chain_tier == Some(SupplyChainTier::Multi) {
                d.reasons.push(Reason::MultiTier);
                flagged = true;
            }
        }
        if flagged && d.outcome == Outcome::PreQualified {
            d.outcome = Outcome::PreQualifiedWithReview;
        }
        if d.credit_part
            && let Some(cap) = self.rating_cap()
            && ceilings.basis_high >= floor_to(cap, ceilings.unit)
        {
            d.reasons.push(Reason::RatingMCap {
                rating: p.tax_credit_rating.as_str(),
                cap,
            });
            d.changes.push(Change::RatingAboveM { cap });
        }
    }

    /// The term used: the request moved into the product's range (noted
    /// when it moved); for a revolving line, one drawdown's term.
    fn term(&self, d: &mut Decision) -> u32 {
        let range = self.product.term_months;
        let asked = self.p.term_months;
        let max = match self.product.terms.repayment {
            RepaymentTerms::Revolving { max_draw_months } => range.max.min(max_draw_months),
            RepaymentTerms::Instalment => range.max,
        };
        let term = asked.clamp(range.min.min(max), max);
        if term != asked {
            d.reasons.push(Reason::TermAdjusted {
                asked,
                used: term,
                revolving: self.product.terms.repayment != RepaymentTerms::Instalment,
            });
            d.changes.push(Change::TermWithin {
                min: range.min.min(max),
                max,
            });
        }
        term
    }

    /// Repayment for `amount` at the high end of the rate range: instalment
    /// plans, or a revolving line's interest.
    fn repayment(&self, amount: Decimal, annual: Decimal, term: u32) -> Repayment {
        match self.product.terms.repayment {
            RepaymentTerms::Revolving { max_draw_months } => Repayment {
                kind: RepaymentKind::Revolving,
                principal: amount,
                term_months: term,
                annual_rate: annual,
                equal_instalment: None,
                equal_principal: None,
                interest_first: None,
                revolving: Some(revolving(amount, annual, term, max_draw_months)),
            },
            RepaymentTerms::Instalment => {
                // The same decimals exactly (not only the same values), so a
                // shared plan is the one that would have been worked out.
                let same = |a: Decimal, b: Decimal| a.serialize() == b.serialize();
                let known = self.instalments.borrow().iter().find_map(|r| {
                    (same(r.principal, amount)
                        && same(r.annual_rate, annual)
                        && r.term_months == term)
                        .then(|| r.clone())
                });
                if let Some(known) = known {
                    return known;
                }
                let make = |m| Some(plan(m, amount, annual, term, self.options.schedules));
                let worked_out = Repayment {
                    kind: RepaymentKind::Instalment,
                    principal: amount,
                    term_months: term,
                    annual_rate: annual,
                    equal_instalment: make(Method::EqualInstalment),
                    equal_principal: make(Method::EqualPrincipal),
                    interest_first: make(Method::InterestFirst),
                    revolving: None,
                };
                self.instalments.borrow_mut().push(worked_out.clone());
                worked_out
            }
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
        // A revolving line: interest by the day on the 1,000,000 drawn at
        // 4.50 %: 1,000,000 × 0.045 / 360 = 125.00 a day; no instalments.
        let rep = r.repayment.unwrap();
        assert_eq!(rep.kind, RepaymentKind::Revolving);
        assert!(rep.equal_instalment.is_none());
        assert_eq!(
            rep.revolving.unwrap().interest_per_day,
            Decimal::new(12_500, 2)
        );
        // 网贷通 repays by instalments; the schedule sums to the principal.
        let r = outcome_of(
            &profile(r#""requestedAmount": "1000000", "collateral": "property""#),
            "wangdaitong",
        );
        let rep = r.repayment.unwrap();
        let sum: Decimal = rep
            .plan(Method::EqualInstalment)
            .and_then(|p| p.schedule.as_ref())
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
                // 1,000,000 short of the 3,000,000 credit cap: residential
                // property at 70 % needs 1,000,000 / 0.7 = 1,428,571.43 →
                // 1,430,000 (rounded up to the 10,000).
                .any(|c| c.message
                    == "With a mortgage on residential property appraised at ¥1,430,000 or more, ¥4,000,000 can be applied for"),
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
        assert_eq!(
            r.changes[0].message,
            "Apply after 12 months of operation (4 more)"
        );
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
    fn best_outcome_of_an_evaluation() {
        // 40M without collateral: above every cap, every product refers.
        let p = profile(r#""annualRevenue": "9000000", "requestedAmount": "40000000""#);
        let e = evaluate(&p, Catalogue::default_catalogue(), Lang::En);
        assert_eq!(e.best_outcome(), Some(Outcome::ReferToBranch));
        let e = evaluate(&profile(""), Catalogue::default_catalogue(), Lang::En);
        assert_eq!(e.best_outcome(), Some(Outcome::PreQualified));
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
