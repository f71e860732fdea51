//! Reasons and changes of a pre-check result: stable codes and their texts
//! in zh-Hans, zh-Hant and en, written as a bank publishes them (amounts in
//! 万元 in Chinese, ages in 周岁, "要求近12个月无逾期"). The code never
//! changes with the language; the message carries the concrete amounts,
//! counts and months. zh-Hant uses the mainland terms in traditional
//! characters.
//!
//! Messages are written into any [`fmt::Write`] (the result JSON writes
//! them straight into its output); the amounts, percentages and phrases in
//! them are `Display` values, so writing one allocates nothing.

use crate::catalogue::Metric;
use crate::i18n::Lang;
use crate::money::{AmountText, PercentText};
use crate::profile::{Collateral, CollateralType, SupplyChainRole, Tag};
use crate::size_class::SizeClass;
use rust_decimal::Decimal;
use std::fmt::{self, Display, Write};

/// Why a product got its outcome (or a noteworthy fact about it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reason {
    /// Medium or large enterprise under the MIIT standard.
    SizeNotSmallOrMicro(SizeClass),
    /// Legal representative's age outside the accepted range.
    LegalRepAge { age: u32, min: u32, max: u32 },
    /// Tax credit rating that knocks out (C, D).
    TaxRatingKnockOut(&'static str),
    /// A repayment is overdue now.
    OverdueCurrent,
    /// Too many overdues in 12 months.
    Overdues12 { count: u32, max: u32 },
    /// Too many overdues in 24 months.
    Overdues24 { count: u32, max: u32 },
    /// A loan is non-performing.
    NonPerforming,
    /// 经营异常 listing.
    AbnormalOperation,
    /// 失信被执行人 listing.
    DishonestExecutee,
    /// 限高 order.
    ConsumptionRestricted,
    /// The actual controller has an overdue now.
    ControllerOverdueCurrent,
    /// The actual controller's overdues in 24 months reach the knock-out.
    ControllerOverdues24 { count: u32, max: u32 },
    /// The actual controller's overdues in 24 months need a review.
    ControllerOverdueReview { count: u32 },
    /// No operating revenue yet.
    NoRevenue,
    /// Not operating long enough.
    MonthsShort { months: u32, min: u32 },
    /// Existing loans use up the revenue-based ceiling.
    DebtHeadroomExhausted {
        headroom_base: Decimal,
        existing: Decimal,
    },
    /// Existing loans use up the 普惠 total per customer.
    PuhuiTotalExceeded { existing: Decimal, total: Decimal },
    /// Loans at this bank use up the product's single-customer cap.
    ProductCapUsed { this_bank: Decimal },
    /// Outside the product's regions.
    OutsideRegion(String),
    /// None of the product's required tags.
    TagRequired(Vec<Tag>),
    /// Not a supplier or distributor of a core enterprise.
    NotInSupplyChain,
    /// No receivables from / purchases with the core enterprise declared.
    NoCoreEnterpriseBusiness,
    /// No settlement flow.
    NoSettlementFlow,
    /// No tax paid in 24 months.
    NoTaxPaid,
    /// No payroll.
    NoPayroll,
    /// No data for a scenario product's metric.
    NoScenarioData(Metric),
    /// The estimate rounds to less than the smallest limit.
    LimitTooSmall { unit: Decimal },
    /// The product needs collateral and none accepted was declared.
    CollateralRequired,
    /// The declared collateral (or its type) is not accepted.
    CollateralNotAccepted {
        kind: Collateral,
        ty: Option<CollateralType>,
        credit: bool,
    },
    /// A value without a type: the lowest loan-to-value of the kind is used.
    CollateralTypeAssumed {
        kind: Collateral,
        ty: CollateralType,
        ltv: Decimal,
    },
    /// Collateral without an appraised value: a conservative estimate.
    CollateralValueUnknown,
    /// The limit is what the collateral's value covers.
    BoundCollateralValue {
        kind: Collateral,
        ty: CollateralType,
        value: Decimal,
        ltv: Decimal,
    },
    /// The limit is the revenue-based need less existing loans.
    BoundRevenueNeed { need: Decimal },
    /// The limit is the share of revenue less existing loans.
    BoundDebtCeiling { share: Decimal, existing: Decimal },
    /// The limit is the product's cap less loans at this bank.
    BoundProductCap { cap: Decimal, this_bank: Decimal },
    /// The limit is the 普惠 total less existing loans.
    BoundPuhuiTotal { total: Decimal, existing: Decimal },
    /// The request fits the estimated limit.
    WithinLimit { requested: Decimal, high: Decimal },
    /// No request: the estimate is the answer.
    LimitEstimate { low: Decimal, high: Decimal },
    /// The request is above the estimated limit for the declared collateral.
    AmountAboveLimit { requested: Decimal, high: Decimal },
    /// The request is above what the product lends online at all.
    AmountAboveProductMax { requested: Decimal, max: Decimal },
    /// Soft flag: many credit inquiries.
    ManyInquiries { count: u32, max: u32 },
    /// Soft flag: an allowed overdue in 24 months.
    OverdueInWindow { count: u32 },
    /// Soft flag: a request above the product's review threshold.
    AboveReviewThreshold { threshold: Decimal },
    /// Soft flag: receivables not confirmed / stock not bought back.
    NotConfirmed(SupplyChainRole),
    /// Soft flag: a multi-tier supplier.
    MultiTier,
    /// The tax rating caps the credit part.
    RatingMCap { rating: &'static str, cap: Decimal },
    /// The term was moved into the product's range for the estimate.
    TermAdjusted {
        asked: u32,
        used: u32,
        revolving: bool,
    },
}

/// What would change the outcome (or raise the limit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Change {
    /// Offer collateral of `kind` (type `ty`): with `value` (appraised, or
    /// guaranteed) the request of `amount` is covered; without a value,
    /// the limit could reach `amount`.
    AddCollateral {
        kind: Collateral,
        ty: CollateralType,
        value: Option<Decimal>,
        amount: Decimal,
    },
    /// Ask for at most `to`.
    LowerAmount { to: Decimal },
    /// Apply once `min` months are reached (`months` more).
    WaitMonths { months: u32, min: u32 },
    /// Settle the current overdue.
    SettleOverdue,
    /// Go 12 months without overdue payments.
    NoOverdues12,
    /// Let older overdues drop out of the 24-month window.
    FewerOverdues24,
    /// Improve the tax credit rating.
    ImproveRating,
    /// A legal representative within the age range.
    LegalRepAge { min: u32, max: u32 },
    /// Resolve the non-performing loan.
    ResolveNonPerforming,
    /// Have the 经营异常 listing removed.
    ClearAbnormalOperation,
    /// Be removed from the 失信 list.
    ClearDishonest,
    /// Have the 限高 order lifted.
    ClearConsumptionRestriction,
    /// The actual controller settles the overdue.
    ControllerSettleOverdue,
    /// Reduce existing loans below this.
    ReduceExistingLoans { below: Decimal },
    /// Fewer credit inquiries.
    FewerInquiries { max: u32 },
    /// Become a supplier or distributor of a core enterprise.
    JoinSupplyChain,
    /// Declare business with the core enterprise.
    DeclareCoreEnterpriseBusiness,
    /// The core enterprise confirms the receivables / buys back.
    CoreEnterpriseConfirms(SupplyChainRole),
    /// Settle through the bank.
    SettleThroughBank,
    /// Build a tax record.
    BuildTaxRecord,
    /// Pay wages through the bank.
    PayrollThroughBank,
    /// Authorise the bank to read the partner data a scenario product uses.
    AuthorizeScenarioData(Metric),
    /// Obtain one of these recognitions.
    ObtainTag(Vec<Tag>),
    /// Equity investment with a loan (投贷联动) for a young firm.
    InvestmentLoanLinkage,
    /// Talk to the nearest centre (its name, when the profile locates it).
    VisitCentre(Option<String>),
    /// A better tax rating raises the cap.
    RatingAboveM { cap: Decimal },
    /// Choose a term within the product's range.
    TermWithin { min: u32, max: u32 },
}

fn size_name(s: SizeClass, lang: Lang) -> &'static str {
    s.label(lang)
}

/// Writes the text for `$lang` into `$out` (a `fmt::Write`).
macro_rules! t {
    ($out:expr, $lang:expr, $hans:expr, $hant:expr, $en:expr $(,)?) => {
        match $lang {
            Lang::ZhHans => write!($out, $hans),
            Lang::ZhHant => write!($out, $hant),
            Lang::En => write!($out, $en),
        }
    };
}

/// The collateral as a phrase: 住宅抵押, 存单质押, 政府性融资担保, …
/// Without a type (`ty: None`), the kind in general ([`kind_name`]).
struct CollateralPhrase {
    kind: Collateral,
    ty: Option<CollateralType>,
    lang: Lang,
}

fn collateral_phrase(kind: Collateral, ty: CollateralType, lang: Lang) -> CollateralPhrase {
    CollateralPhrase {
        kind,
        ty: Some(ty),
        lang,
    }
}

impl Display for CollateralPhrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, lang) = (self.kind, self.lang);
        let Some(ty) = self.ty else {
            return f.write_str(kind_name(kind, lang));
        };
        let name = ty.name(kind, lang);
        match (kind, lang) {
            (Collateral::Property, Lang::ZhHans) => write!(f, "{name}抵押"),
            (Collateral::Property, Lang::ZhHant) => write!(f, "{name}抵押"),
            (Collateral::Pledge, Lang::ZhHans) => write!(f, "{name}质押"),
            (Collateral::Pledge, Lang::ZhHant) => write!(f, "{name}質押"),
            (Collateral::Property, Lang::En) => write!(f, "a mortgage on {name}"),
            (Collateral::Pledge, Lang::En) => write!(f, "a pledge of {name}"),
            (_, Lang::En) => write!(f, "a guarantee from {name}"),
            _ => f.write_str(name),
        }
    }
}

/// A kind of collateral in general: 房产抵押, 质押, 担保.
fn kind_name(kind: Collateral, lang: Lang) -> &'static str {
    match (kind, lang) {
        (Collateral::None, Lang::ZhHans) => "信用方式",
        (Collateral::None, Lang::ZhHant) => "信用方式",
        (Collateral::None, Lang::En) => "no security",
        (Collateral::Property, Lang::ZhHans) => "房产抵押",
        (Collateral::Property, Lang::ZhHant) => "房產抵押",
        (Collateral::Property, Lang::En) => "a property mortgage",
        (Collateral::Pledge, Lang::ZhHans) => "质押",
        (Collateral::Pledge, Lang::ZhHant) => "質押",
        (Collateral::Pledge, Lang::En) => "a pledge",
        (Collateral::Guarantee, Lang::ZhHans) => "担保",
        (Collateral::Guarantee, Lang::ZhHant) => "擔保",
        (Collateral::Guarantee, Lang::En) => "a guarantee",
    }
}

/// Tags joined by "or" (或), each as [`LowerFirst`].
struct Tags<'a>(&'a [Tag], Lang);

fn tags(list: &[Tag], lang: Lang) -> Tags<'_> {
    Tags(list, lang)
}

impl Display for Tags<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let or = match self.1 {
            Lang::En => " or ",
            _ => "或",
        };
        for (i, tag) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(or)?;
            }
            write!(f, "{}", lower_first(tag.label(self.1)))?;
        }
        Ok(())
    }
}

/// A label inside an English sentence: its first letter in lower case
/// (Chinese text is unchanged). ASCII case only: the English labels are
/// ASCII, and full Unicode case mapping would ship its tables in the wasm.
struct LowerFirst<'a>(&'a str);

fn lower_first(label: &str) -> LowerFirst<'_> {
    LowerFirst(label)
}

impl Display for LowerFirst<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut chars = self.0.chars();
        match chars.next() {
            Some(c) => {
                f.write_char(c.to_ascii_lowercase())?;
                f.write_str(chars.as_str())
            }
            None => Ok(()),
        }
    }
}

/// A share as a percentage without trailing zeros: 0.7 → `70`, 0.255 →
/// `25.5`.
struct Percent(Decimal);

fn percent(share: Decimal) -> Percent {
    Percent(share)
}

impl Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 48];
        let text = PercentText(self.0 * Decimal::ONE_HUNDRED).as_str(&mut buf);
        f.write_str(text.trim_end_matches('0').trim_end_matches('.'))
    }
}

impl Reason {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::SizeNotSmallOrMicro(_) => "size_not_small_or_micro",
            Reason::LegalRepAge { .. } => "legal_rep_age_out_of_range",
            Reason::TaxRatingKnockOut(_) => "tax_rating_knock_out",
            Reason::OverdueCurrent => "overdue_current",
            Reason::Overdues12 { .. } => "overdues_last_12_months",
            Reason::Overdues24 { .. } => "overdues_last_24_months",
            Reason::NonPerforming => "non_performing",
            Reason::AbnormalOperation => "abnormal_operation",
            Reason::DishonestExecutee => "dishonest_executee",
            Reason::ConsumptionRestricted => "consumption_restricted",
            Reason::ControllerOverdueCurrent => "controller_overdue_current",
            Reason::ControllerOverdues24 { .. } => "controller_overdues_24_months",
            Reason::ControllerOverdueReview { .. } => "controller_overdue_review",
            Reason::NoRevenue => "no_revenue",
            Reason::MonthsShort { .. } => "months_operating_short",
            Reason::DebtHeadroomExhausted { .. } => "debt_headroom_exhausted",
            Reason::PuhuiTotalExceeded { .. } => "puhui_total_exceeded",
            Reason::ProductCapUsed { .. } => "product_cap_used",
            Reason::OutsideRegion(_) => "outside_region",
            Reason::TagRequired(_) => "tag_required",
            Reason::NotInSupplyChain => "not_in_supply_chain",
            Reason::NoCoreEnterpriseBusiness => "no_core_enterprise_business",
            Reason::NoSettlementFlow => "no_settlement_flow",
            Reason::NoTaxPaid => "no_tax_paid",
            Reason::NoPayroll => "no_payroll",
            Reason::NoScenarioData(_) => "no_scenario_data",
            Reason::LimitTooSmall { .. } => "limit_too_small",
            Reason::CollateralRequired => "collateral_required",
            Reason::CollateralNotAccepted { .. } => "collateral_not_accepted",
            Reason::CollateralTypeAssumed { .. } => "collateral_type_assumed",
            Reason::CollateralValueUnknown => "collateral_value_unknown",
            Reason::BoundCollateralValue { .. } => "limit_bound_collateral_value",
            Reason::BoundRevenueNeed { .. } => "limit_bound_revenue_need",
            Reason::BoundDebtCeiling { .. } => "limit_bound_existing_loans",
            Reason::BoundProductCap { .. } => "limit_bound_product_cap",
            Reason::BoundPuhuiTotal { .. } => "limit_bound_puhui_total",
            Reason::WithinLimit { .. } => "within_limit",
            Reason::LimitEstimate { .. } => "limit_estimate",
            Reason::AmountAboveLimit { .. } => "amount_above_limit",
            Reason::AmountAboveProductMax { .. } => "amount_above_product_max",
            Reason::ManyInquiries { .. } => "many_credit_inquiries",
            Reason::OverdueInWindow { .. } => "overdue_in_24_months",
            Reason::AboveReviewThreshold { .. } => "amount_needs_review",
            Reason::NotConfirmed(_) => "receivables_not_confirmed",
            Reason::MultiTier => "multi_tier_supply_chain",
            Reason::RatingMCap { .. } => "tax_rating_m_cap",
            Reason::TermAdjusted { .. } => "term_adjusted",
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = self.write_message(lang, &mut text);
        text
    }

    /// Writes the message in `lang` into `out`.
    pub fn write_message(&self, lang: Lang, out: &mut dyn Write) -> fmt::Result {
        let a = |d: &Decimal| AmountText(*d, lang);
        match self {
            Reason::SizeNotSmallOrMicro(s) => {
                let n = size_name(*s, lang);
                t!(
                    out,
                    lang,
                    "按工信部中小企业划型标准属于{n}企业，本产品服务小微企业，请联系对公客户经理",
                    "按工信部中小企業劃型標準屬於{n}企業，本產品服務小微企業，請聯繫對公客戶經理",
                    "A {n} enterprise under the MIIT size standard: these products serve small and micro enterprises; please talk to a corporate relationship manager"
                )
            }
            Reason::LegalRepAge { age, min, max } => t!(
                out,
                lang,
                "法定代表人{age}周岁，要求{min}至{max}周岁",
                "法定代表人{age}周歲，要求{min}至{max}周歲",
                "The legal representative is {age}; the product asks for {min} to {max}"
            ),
            Reason::TaxRatingKnockOut(r) => t!(
                out,
                lang,
                "纳税信用等级为{r}级，不符合准入要求",
                "納稅信用等級為{r}級，不符合准入要求",
                "A tax credit rating of {r} does not meet the entry requirement"
            ),
            Reason::OverdueCurrent => t!(
                out,
                lang,
                "企业贷款当前存在逾期",
                "企業貸款當前存在逾期",
                "A loan repayment is overdue now"
            ),
            Reason::Overdues12 { count, max: 0 } => t!(
                out,
                lang,
                "近12个月逾期{count}次，要求近12个月无逾期",
                "近12個月逾期{count}次，要求近12個月無逾期",
                "{count} overdue payment(s) in the last 12 months; none are accepted"
            ),
            Reason::Overdues12 { count, max } => t!(
                out,
                lang,
                "近12个月逾期{count}次，要求不超过{max}次",
                "近12個月逾期{count}次，要求不超過{max}次",
                "{count} overdue payment(s) in the last 12 months; at most {max} accepted"
            ),
            Reason::Overdues24 { count, max } => t!(
                out,
                lang,
                "近24个月逾期{count}次，要求不超过{max}次",
                "近24個月逾期{count}次，要求不超過{max}次",
                "{count} overdue payment(s) in the last 24 months; at most {max} accepted"
            ),
            Reason::NonPerforming => t!(
                out,
                lang,
                "存在次级、可疑或损失类贷款",
                "存在次級、可疑或損失類貸款",
                "A loan is classified substandard, doubtful or loss"
            ),
            Reason::AbnormalOperation => t!(
                out,
                lang,
                "被列入经营异常名录",
                "被列入經營異常名錄",
                "Listed for abnormal operation (经营异常)"
            ),
            Reason::DishonestExecutee => t!(
                out,
                lang,
                "被列为失信被执行人",
                "被列為失信被執行人",
                "Listed as a dishonest judgment debtor (失信被执行人)"
            ),
            Reason::ConsumptionRestricted => t!(
                out,
                lang,
                "存在限制高消费措施",
                "存在限制高消費措施",
                "Under a high-consumption restriction order (限高)"
            ),
            Reason::ControllerOverdueCurrent => t!(
                out,
                lang,
                "实际控制人个人贷款或信用卡当前存在逾期",
                "實際控制人個人貸款或信用卡當前存在逾期",
                "The actual controller has a personal loan or card payment overdue now"
            ),
            Reason::ControllerOverdues24 { count, max } => t!(
                out,
                lang,
                "实际控制人近24个月累计逾期{count}次，达到“连三累六”中累计{max}次的限制",
                "實際控制人近24個月累計逾期{count}次，達到“連三累六”中累計{max}次的限制",
                "The actual controller had {count} overdue payments in 24 months: {max} or more are not accepted"
            ),
            Reason::ControllerOverdueReview { count } => t!(
                out,
                lang,
                "实际控制人近24个月逾期{count}次，需人工核实是否存在连续3期逾期",
                "實際控制人近24個月逾期{count}次，需人工核實是否存在連續3期逾期",
                "The actual controller had {count} overdue payment(s) in 24 months: reviewed for three in a row"
            ),
            Reason::NoRevenue => t!(
                out,
                lang,
                "暂无营业收入，线上经营贷款需按经营收入测算额度",
                "暫無營業收入，線上經營貸款需按經營收入測算額度",
                "No operating revenue yet: online business loans are sized on revenue"
            ),
            Reason::MonthsShort { months, min } => t!(
                out,
                lang,
                "经营未满{min}个月（目前{months}个月）",
                "經營未滿{min}個月（目前{months}個月）",
                "Operating for {months} months; the product asks for {min}"
            ),
            Reason::DebtHeadroomExhausted {
                headroom_base,
                existing,
            } => {
                let (b, e) = (a(headroom_base), a(existing));
                t!(
                    out,
                    lang,
                    "已有贷款{e}，已达到按营业收入测算的融资上限{b}",
                    "已有貸款{e}，已達到按營業收入測算的融資上限{b}",
                    "Existing loans of {e} reach the revenue-based ceiling of {b}"
                )
            }
            Reason::PuhuiTotalExceeded { existing, total } => {
                let (e, t) = (a(existing), a(total));
                t!(
                    out,
                    lang,
                    "各银行贷款合计{e}，已达到普惠型小微企业贷款单户授信总额{t}的上限",
                    "各銀行貸款合計{e}，已達到普惠型小微企業貸款單戶授信總額{t}的上限",
                    "Loans of {e} across banks reach the {t} per-customer total for inclusive small-business credit"
                )
            }
            Reason::ProductCapUsed { this_bank } => {
                let t = a(this_bank);
                t!(
                    out,
                    lang,
                    "在本行已有贷款{t}，已用足本产品单户额度",
                    "在本行已有貸款{t}，已用足本產品單戶額度",
                    "Loans of {t} with this bank use up the product's limit per customer"
                )
            }
            Reason::OutsideRegion(names) => t!(
                out,
                lang,
                "本产品仅面向{names}的企业（区域产品示例）",
                "本產品僅面向{names}的企業（區域產品示例）",
                "This product is for enterprises in {names} only (a regional example)"
            ),
            Reason::TagRequired(list) => {
                let n = tags(list, lang);
                t!(
                    out,
                    lang,
                    "本产品面向{n}",
                    "本產品面向{n}",
                    "This product is for enterprises recognised as {n}"
                )
            }
            Reason::NotInSupplyChain => t!(
                out,
                lang,
                "未登记为核心企业的供应商或经销商",
                "未登記為核心企業的供應商或經銷商",
                "Not declared as a supplier or distributor of a core enterprise"
            ),
            Reason::NoCoreEnterpriseBusiness => t!(
                out,
                lang,
                "未填写对核心企业的应收账款（供应商）或采购额（经销商）",
                "未填寫對核心企業的應收賬款（供應商）或採購額（經銷商）",
                "No receivables from (supplier) or purchases with (distributor) the core enterprise declared"
            ),
            Reason::NoSettlementFlow => t!(
                out,
                lang,
                "未填写年结算流水",
                "未填寫年結算流水",
                "No annual settlement flow declared"
            ),
            Reason::NoTaxPaid => t!(
                out,
                lang,
                "近24个月无纳税记录",
                "近24個月無納稅記錄",
                "No tax paid in the last 24 months"
            ),
            Reason::NoPayroll => t!(
                out,
                lang,
                "未填写年度代发工资额",
                "未填寫年度代發工資額",
                "No annual payroll declared"
            ),
            Reason::NoScenarioData(m) => {
                let n = lower_first(m.label(lang));
                t!(
                    out,
                    lang,
                    "本产品按{n}测算额度，未提供该数据",
                    "本產品按{n}測算額度，未提供該數據",
                    "This product is sized on the {n}, which was not given"
                )
            }
            Reason::LimitTooSmall { unit } => {
                let u = a(unit);
                t!(
                    out,
                    lang,
                    "估算额度不足{u}",
                    "估算額度不足{u}",
                    "The estimated limit is below {u}"
                )
            }
            Reason::CollateralRequired => t!(
                out,
                lang,
                "本产品需提供抵质押（房产抵押或质押）",
                "本產品需提供抵質押（房產抵押或質押）",
                "This product is secured: it needs a mortgage or a pledge"
            ),
            Reason::CollateralNotAccepted { kind, ty, credit } => {
                let n = CollateralPhrase {
                    kind: *kind,
                    ty: ty.filter(|t| t.fits(*kind)),
                    lang,
                };
                match credit {
                    true => t!(
                        out,
                        lang,
                        "本产品不接受{n}，按信用方式估算",
                        "本產品不接受{n}，按信用方式估算",
                        "This product does not take {n}; estimated without security"
                    ),
                    false => t!(
                        out,
                        lang,
                        "本产品不接受{n}",
                        "本產品不接受{n}",
                        "This product does not take {n}"
                    ),
                }
            }
            Reason::CollateralTypeAssumed { kind, ty, ltv } => {
                let (n, l) = (collateral_phrase(*kind, *ty, lang), percent(*ltv));
                t!(
                    out,
                    lang,
                    "未注明押品类型，按{n}的抵押率{l}%保守估算",
                    "未注明押品類型，按{n}的抵押率{l}%保守估算",
                    "No type of collateral given: estimated conservatively as {n} at {l}% of its value"
                )
            }
            Reason::CollateralValueUnknown => t!(
                out,
                lang,
                "未提供押品评估价值，额度按营业收入保守估算，以押品评估价值为准",
                "未提供押品評估價值，額度按營業收入保守估算，以押品評估價值為準",
                "No appraised value given: the limit is a conservative estimate from revenue; the appraisal decides"
            ),
            Reason::BoundCollateralValue {
                kind,
                ty,
                value,
                ltv,
            } => {
                let (n, v, l) = (collateral_phrase(*kind, *ty, lang), a(value), percent(*ltv));
                let c = a(&(*value * *ltv));
                t!(
                    out,
                    lang,
                    "额度受押品价值限制：{n}评估价值{v}，按{l}%可担保{c}",
                    "額度受押品價值限制：{n}評估價值{v}，按{l}%可擔保{c}",
                    "The collateral sets the limit: {n} valued at {v} secures {l}%, {c}"
                )
            }
            Reason::BoundRevenueNeed { need } => {
                let n = a(need);
                t!(
                    out,
                    lang,
                    "额度受经营需求限制：按营业收入测算的融资需求（扣除已有贷款）为{n}",
                    "額度受經營需求限制：按營業收入測算的融資需求（扣除已有貸款）為{n}",
                    "Revenue sets the limit: the financing need from revenue, less existing loans, is {n}"
                )
            }
            Reason::BoundDebtCeiling { share, existing } => {
                let (s, e) = (percent(*share), a(existing));
                t!(
                    out,
                    lang,
                    "额度受负债规模限制：按营业收入的{s}扣除已有贷款{e}测算",
                    "額度受負債規模限制：按營業收入的{s}扣除已有貸款{e}測算",
                    "Existing debt sets the limit: {s}% of revenue less existing loans of {e}"
                )
            }
            Reason::BoundProductCap { cap, this_bank } => {
                let (c, t) = (a(cap), a(this_bank));
                t!(
                    out,
                    lang,
                    "本产品单户上限{c}，已扣除在本行已有贷款{t}",
                    "本產品單戶上限{c}，已扣除在本行已有貸款{t}",
                    "The product lends at most {c} per customer, less loans of {t} with this bank"
                )
            }
            Reason::BoundPuhuiTotal { total, existing } => {
                let (t, e) = (a(total), a(existing));
                t!(
                    out,
                    lang,
                    "普惠型小微企业贷款单户授信总额不超过{t}，已扣除各银行已有贷款{e}",
                    "普惠型小微企業貸款單戶授信總額不超過{t}，已扣除各銀行已有貸款{e}",
                    "Inclusive small-business credit is at most {t} per customer, less loans of {e} across banks"
                )
            }
            Reason::WithinLimit { requested, high } => {
                let (r, h) = (a(requested), a(high));
                t!(
                    out,
                    lang,
                    "申请金额{r}在估算额度{h}以内",
                    "申請金額{r}在估算額度{h}以內",
                    "The requested {r} is within the estimated limit of {h}"
                )
            }
            Reason::LimitEstimate { low, high } => {
                let (l, h) = (a(low), a(high));
                t!(
                    out,
                    lang,
                    "估算额度{l}至{h}",
                    "估算額度{l}至{h}",
                    "Estimated limit {l} to {h}"
                )
            }
            Reason::AmountAboveLimit { requested, high } => {
                let (r, h) = (a(requested), a(high));
                t!(
                    out,
                    lang,
                    "申请金额{r}高于估算额度{h}",
                    "申請金額{r}高於估算額度{h}",
                    "The requested {r} is above the estimated limit of {h}"
                )
            }
            Reason::AmountAboveProductMax { requested, max } => {
                let (r, m) = (a(requested), a(max));
                t!(
                    out,
                    lang,
                    "申请金额{r}高于本产品线上最高额度{m}，请到网点或科创中心洽谈",
                    "申請金額{r}高於本產品線上最高額度{m}，請到網點或科創中心洽談",
                    "The requested {r} is above the product's online maximum of {m}; a branch or sci-tech centre can discuss larger facilities"
                )
            }
            Reason::ManyInquiries { count, max } => t!(
                out,
                lang,
                "近6个月征信查询{count}次（超过{max}次），需人工审核",
                "近6個月徵信查詢{count}次（超過{max}次），需人工審核",
                "{count} credit inquiries in 6 months (more than {max}): manual review"
            ),
            Reason::OverdueInWindow { count } => t!(
                out,
                lang,
                "近24个月有{count}次逾期，需人工审核",
                "近24個月有{count}次逾期，需人工審核",
                "{count} overdue payment(s) in the last 24 months: manual review"
            ),
            Reason::AboveReviewThreshold { threshold } => {
                let th = a(threshold);
                t!(
                    out,
                    lang,
                    "申请金额高于{th}，需核实押品或担保后审批",
                    "申請金額高於{th}，需核實押品或擔保後審批",
                    "Requests above {th} are approved after the collateral or guarantee is verified"
                )
            }
            Reason::NotConfirmed(SupplyChainRole::Distributor) => t!(
                out,
                lang,
                "核心企业尚未承诺回购或确认采购，需人工审核",
                "核心企業尚未承諾回購或確認採購，需人工審核",
                "The core enterprise has not undertaken to buy back or confirmed the purchases: manual review"
            ),
            Reason::NotConfirmed(_) => t!(
                out,
                lang,
                "应收账款尚未经核心企业确权，需人工审核",
                "應收賬款尚未經核心企業確權，需人工審核",
                "The core enterprise has not confirmed the receivables: manual review"
            ),
            Reason::MultiTier => t!(
                out,
                lang,
                "多级供应商，需核实与核心企业之间的贸易链条，需人工审核",
                "多級供應商，需核實與核心企業之間的貿易鏈條，需人工審核",
                "A supplier beyond the first tier: the trade chain to the core enterprise is reviewed by hand"
            ),
            Reason::RatingMCap { rating, cap } => {
                let c = a(cap);
                t!(
                    out,
                    lang,
                    "纳税信用{rating}级，信用方式额度不超过{c}",
                    "納稅信用{rating}級，信用方式額度不超過{c}",
                    "A tax credit rating of {rating} caps the unsecured part at {c}"
                )
            }
            Reason::TermAdjusted {
                asked,
                used,
                revolving: true,
            } => t!(
                out,
                lang,
                "随借随还，每笔提款期限最长{used}个月，按{used}个月测算（申请{asked}个月）",
                "隨借隨還，每筆提款期限最長{used}個月，按{used}個月測算（申請{asked}個月）",
                "A revolving line: each drawdown runs at most {used} months, estimated over {used} (asked {asked})"
            ),
            Reason::TermAdjusted { asked, used, .. } => t!(
                out,
                lang,
                "申请期限{asked}个月超出本产品范围，按{used}个月测算",
                "申請期限{asked}個月超出本產品範圍，按{used}個月測算",
                "A {asked}-month term is outside this product's range; estimated over {used} months"
            ),
        }
    }
}

impl Change {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Change::AddCollateral { .. } => "add_collateral",
            Change::LowerAmount { .. } => "lower_amount",
            Change::WaitMonths { .. } => "wait_months",
            Change::SettleOverdue => "settle_overdue",
            Change::NoOverdues12 => "no_overdues_12_months",
            Change::FewerOverdues24 => "fewer_overdues_24_months",
            Change::ImproveRating => "improve_tax_rating",
            Change::LegalRepAge { .. } => "legal_rep_age",
            Change::ResolveNonPerforming => "resolve_non_performing",
            Change::ClearAbnormalOperation => "clear_abnormal_operation",
            Change::ClearDishonest => "clear_dishonest_executee",
            Change::ClearConsumptionRestriction => "clear_consumption_restriction",
            Change::ControllerSettleOverdue => "controller_settle_overdue",
            Change::ReduceExistingLoans { .. } => "reduce_existing_loans",
            Change::FewerInquiries { .. } => "fewer_credit_inquiries",
            Change::JoinSupplyChain => "join_supply_chain",
            Change::DeclareCoreEnterpriseBusiness => "declare_core_enterprise_business",
            Change::CoreEnterpriseConfirms(_) => "core_enterprise_confirms",
            Change::SettleThroughBank => "settle_through_bank",
            Change::BuildTaxRecord => "build_tax_record",
            Change::PayrollThroughBank => "payroll_through_bank",
            Change::AuthorizeScenarioData(_) => "authorize_scenario_data",
            Change::ObtainTag(_) => "obtain_tag",
            Change::InvestmentLoanLinkage => "investment_loan_linkage",
            Change::VisitCentre(_) => "visit_centre",
            Change::RatingAboveM { .. } => "tax_rating_above_m",
            Change::TermWithin { .. } => "term_within_range",
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = self.write_message(lang, &mut text);
        text
    }

    /// Writes the message in `lang` into `out`.
    pub fn write_message(&self, lang: Lang, out: &mut dyn Write) -> fmt::Result {
        let a = |d: &Decimal| AmountText(*d, lang);
        match self {
            Change::AddCollateral {
                kind,
                ty,
                value: Some(value),
                amount,
            } => {
                let (n, v, m) = (collateral_phrase(*kind, *ty, lang), a(value), a(amount));
                match kind {
                    Collateral::Guarantee => t!(
                        out,
                        lang,
                        "提供担保金额不低于{v}的{n}，可申请{m}",
                        "提供擔保金額不低於{v}的{n}，可申請{m}",
                        "With {n} for at least {v}, {m} can be applied for"
                    ),
                    _ => t!(
                        out,
                        lang,
                        "提供评估价值不低于{v}的{n}，可申请{m}",
                        "提供評估價值不低於{v}的{n}，可申請{m}",
                        "With {n} appraised at {v} or more, {m} can be applied for"
                    ),
                }
            }
            Change::AddCollateral {
                kind,
                ty,
                value: None,
                amount,
            } => {
                let (n, m) = (collateral_phrase(*kind, *ty, lang), a(amount));
                t!(
                    out,
                    lang,
                    "提供{n}，额度最高可至{m}（以押品评估价值为准）",
                    "提供{n}，額度最高可至{m}（以押品評估價值為準）",
                    "With {n}: up to {m}, depending on its appraised value"
                )
            }
            Change::LowerAmount { to } => {
                let m = a(to);
                t!(
                    out,
                    lang,
                    "将申请金额调整为{m}以内",
                    "將申請金額調整為{m}以內",
                    "Ask for {m} or less"
                )
            }
            Change::WaitMonths { months, min } => t!(
                out,
                lang,
                "经营满{min}个月后可申请（还需{months}个月）",
                "經營滿{min}個月後可申請（還需{months}個月）",
                "Apply after {min} months of operation ({months} more)"
            ),
            Change::SettleOverdue => t!(
                out,
                lang,
                "结清当前逾期后",
                "結清當前逾期後",
                "After the current overdue is settled"
            ),
            Change::NoOverdues12 => t!(
                out,
                lang,
                "近12个月无逾期后",
                "近12個月無逾期後",
                "Once the last 12 months have no overdue payment"
            ),
            Change::FewerOverdues24 => t!(
                out,
                lang,
                "待较早的逾期移出近24个月统计期后",
                "待較早的逾期移出近24個月統計期後",
                "Once the older overdue payments fall out of the 24-month window"
            ),
            Change::ImproveRating => t!(
                out,
                lang,
                "纳税信用等级提升至B级或以上后",
                "納稅信用等級提升至B級或以上後",
                "After the tax credit rating improves to B or better"
            ),
            Change::LegalRepAge { min, max } => t!(
                out,
                lang,
                "法定代表人年龄在{min}至{max}周岁之间",
                "法定代表人年齡在{min}至{max}周歲之間",
                "With a legal representative aged {min} to {max}"
            ),
            Change::ResolveNonPerforming => t!(
                out,
                lang,
                "不良贷款结清后",
                "不良貸款結清後",
                "After the non-performing loan is resolved"
            ),
            Change::ClearAbnormalOperation => t!(
                out,
                lang,
                "移出经营异常名录后",
                "移出經營異常名錄後",
                "After removal from the abnormal-operation list"
            ),
            Change::ClearDishonest => t!(
                out,
                lang,
                "移出失信被执行人名单后",
                "移出失信被執行人名單後",
                "After removal from the dishonest-debtor list"
            ),
            Change::ClearConsumptionRestriction => t!(
                out,
                lang,
                "限制高消费措施解除后",
                "限制高消費措施解除後",
                "After the high-consumption restriction is lifted"
            ),
            Change::ControllerSettleOverdue => t!(
                out,
                lang,
                "实际控制人结清逾期后",
                "實際控制人結清逾期後",
                "After the actual controller settles the overdue payment"
            ),
            Change::ReduceExistingLoans { below } => {
                let b = a(below);
                t!(
                    out,
                    lang,
                    "归还部分贷款，各银行贷款合计低于{b}后",
                    "歸還部分貸款，各銀行貸款合計低於{b}後",
                    "After repaying loans so that all loans together are below {b}"
                )
            }
            Change::FewerInquiries { max } => t!(
                out,
                lang,
                "近6个月征信查询不超过{max}次后",
                "近6個月徵信查詢不超過{max}次後",
                "Once credit inquiries in 6 months are at most {max}"
            ),
            Change::JoinSupplyChain => t!(
                out,
                lang,
                "作为合作核心企业的供应商或经销商",
                "作為合作核心企業的供應商或經銷商",
                "As a supplier or distributor of a core enterprise working with the bank"
            ),
            Change::DeclareCoreEnterpriseBusiness => t!(
                out,
                lang,
                "提供对核心企业的应收账款或采购额",
                "提供對核心企業的應收賬款或採購額",
                "With receivables from or purchases with the core enterprise"
            ),
            Change::CoreEnterpriseConfirms(SupplyChainRole::Distributor) => t!(
                out,
                lang,
                "核心企业承诺回购或确认采购后",
                "核心企業承諾回購或確認採購後",
                "Once the core enterprise undertakes to buy back or confirms the purchases"
            ),
            Change::CoreEnterpriseConfirms(_) => t!(
                out,
                lang,
                "核心企业对应收账款确权后",
                "核心企業對應收賬款確權後",
                "Once the core enterprise confirms the receivables"
            ),
            Change::SettleThroughBank => t!(
                out,
                lang,
                "通过本行办理结算后",
                "通過本行辦理結算後",
                "After settling through the bank"
            ),
            Change::BuildTaxRecord => t!(
                out,
                lang,
                "形成连续纳税记录后",
                "形成連續納稅記錄後",
                "After building a record of tax paid"
            ),
            Change::PayrollThroughBank => t!(
                out,
                lang,
                "通过本行代发工资后",
                "通過本行代發工資後",
                "After paying wages through the bank"
            ),
            Change::AuthorizeScenarioData(m) => {
                let n = lower_first(m.label(lang));
                t!(
                    out,
                    lang,
                    "填写{n}并授权本行查询相关数据后",
                    "填寫{n}並授權本行查詢相關數據後",
                    "After giving the {n} and authorising the bank to check the data"
                )
            }
            Change::ObtainTag(list) => {
                let n = tags(list, lang);
                t!(
                    out,
                    lang,
                    "取得{n}认定后",
                    "取得{n}認定後",
                    "After recognition as {n}"
                )
            }
            Change::InvestmentLoanLinkage => t!(
                out,
                lang,
                "初创期可了解投贷联动（股权投资与贷款相结合）等科创金融服务",
                "初創期可了解投貸聯動（股權投資與貸款相結合）等科創金融服務",
                "At the start-up stage, ask about investment-loan linkage (equity investment with a loan)"
            ),
            Change::VisitCentre(Some(name)) => t!(
                out,
                lang,
                "可到{name}咨询",
                "可到{name}諮詢",
                "Talk to the {name}"
            ),
            Change::VisitCentre(None) => t!(
                out,
                lang,
                "可到就近的科创企业金融服务中心或网点咨询",
                "可到就近的科創企業金融服務中心或網點諮詢",
                "Talk to the nearest sci-tech enterprise financial service centre or branch"
            ),
            Change::RatingAboveM { cap } => {
                let c = a(cap);
                t!(
                    out,
                    lang,
                    "纳税信用达到B级或以上后，信用方式额度可超过{c}",
                    "納稅信用達到B級或以上後，信用方式額度可超過{c}",
                    "With a tax credit rating of B or better the unsecured part can exceed {c}"
                )
            }
            Change::TermWithin { min, max } => t!(
                out,
                lang,
                "选择{min}至{max}个月的期限",
                "選擇{min}至{max}個月的期限",
                "Choose a term of {min} to {max} months"
            ),
        }
    }
}

/// The "indicative, not an offer" statement, with the LPR and its date.
pub(crate) fn notice(lang: Lang, lpr: Decimal, lpr_date: &str) -> String {
    let mut text = String::new();
    // Writing into a String cannot fail.
    let _ = write_notice(lang, lpr, lpr_date, &mut text);
    text
}

/// Writes [`notice`] into `out`.
pub(crate) fn write_notice(
    lang: Lang,
    lpr: Decimal,
    lpr_date: &str,
    out: &mut dyn Write,
) -> fmt::Result {
    let rate = PercentText(lpr);
    t!(
        out,
        lang,
        "本结果仅为初步测算，不构成贷款要约或审批承诺；实际额度、利率以银行审批为准。利率参考{lpr_date}公布的1年期LPR {rate}%。",
        "本結果僅為初步測算，不構成貸款要約或審批承諾；實際額度、利率以銀行審批為準。利率參考{lpr_date}公佈的1年期LPR {rate}%。",
        "Indicative pre-check only, not a loan offer or approval; the bank sets the actual limit and rate after review. Rates refer to the 1-year LPR of {rate}% published on {lpr_date}."
    )
}
