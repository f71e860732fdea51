//! Reasons and changes of a pre-check result: stable codes and their texts
//! in zh-Hans, zh-Hant and en. The code never changes with the language; the
//! message carries concrete amounts (`¥10,000,000`), counts and months.

use crate::i18n::Lang;
use crate::money::{fmt_cny, fmt_percent};
use crate::profile::Collateral;
use crate::size_class::SizeClass;
use rust_decimal::Decimal;

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
    /// 經營異常 listing.
    AbnormalOperation,
    /// 失信被執行人 listing.
    DishonestExecutee,
    /// 限高 order.
    ConsumptionRestricted,
    /// Not operating long enough.
    MonthsShort { months: u32, min: u32 },
    /// Existing loans use up the debt headroom.
    DebtHeadroomExhausted {
        headroom_base: Decimal,
        existing: Decimal,
    },
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
    /// The estimate rounds to less than the smallest limit.
    LimitTooSmall { unit: Decimal },
    /// The product needs collateral and none accepted was declared.
    CollateralRequired,
    /// The declared collateral is not accepted by this product.
    CollateralNotAccepted(Collateral),
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
    /// M rating caps the limit.
    RatingMCap { cap: Decimal },
    /// The term was moved into the product's range for the estimate.
    TermAdjusted { asked: u32, used: u32 },
}

/// What would change the outcome (or raise the limit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Change {
    /// Declare this collateral: the limit could reach `up_to`.
    AddCollateral {
        collateral: Collateral,
        up_to: Decimal,
    },
    /// Ask for at most `to`.
    LowerAmount { to: Decimal },
    /// Wait this many more months.
    WaitMonths { months: u32 },
    /// Settle the current overdue.
    SettleOverdue,
    /// Go 12 months without overdue payments.
    NoOverdues12,
    /// Let older overdues drop out of the 24-month window.
    FewerOverdues24 { max: u32 },
    /// Improve the tax credit rating.
    ImproveRating,
    /// A legal representative within the age range.
    LegalRepAge { min: u32, max: u32 },
    /// Resolve the non-performing loan.
    ResolveNonPerforming,
    /// Have the 經營異常 listing removed.
    ClearAbnormalOperation,
    /// Be removed from the 失信 list.
    ClearDishonest,
    /// Have the 限高 order lifted.
    ClearConsumptionRestriction,
    /// Reduce existing business loans below this.
    ReduceExistingLoans { below: Decimal },
    /// Fewer credit inquiries.
    FewerInquiries { max: u32 },
    /// Become a supplier or distributor of a core enterprise.
    JoinSupplyChain,
    /// Declare business with the core enterprise.
    DeclareCoreEnterpriseBusiness,
    /// Settle through the bank.
    SettleThroughBank,
    /// Build a tax record.
    BuildTaxRecord,
    /// Pay wages through the bank.
    PayrollThroughBank,
    /// A better tax rating raises the M cap.
    RatingAboveM { cap: Decimal },
    /// Choose a term within the product's range.
    TermWithin { min: u32, max: u32 },
}

fn collateral_name(c: Collateral, lang: Lang) -> &'static str {
    match (c, lang) {
        (Collateral::None, Lang::ZhHans) => "无担保",
        (Collateral::None, Lang::ZhHant) => "無擔保",
        (Collateral::None, Lang::En) => "no collateral",
        (Collateral::Property, Lang::ZhHans) => "房产抵押",
        (Collateral::Property, Lang::ZhHant) => "房產抵押",
        (Collateral::Property, Lang::En) => "property collateral",
        (Collateral::Pledge, Lang::ZhHans) => "质押",
        (Collateral::Pledge, Lang::ZhHant) => "質押",
        (Collateral::Pledge, Lang::En) => "a pledge",
        (Collateral::Guarantee, Lang::ZhHans) => "优质机构担保",
        (Collateral::Guarantee, Lang::ZhHant) => "優質機構擔保",
        (Collateral::Guarantee, Lang::En) => "a quality institution's guarantee",
    }
}

fn size_name(s: SizeClass, lang: Lang) -> &'static str {
    match (s, lang) {
        (SizeClass::Large, Lang::ZhHans) => "大型",
        (SizeClass::Large, Lang::ZhHant) => "大型",
        (SizeClass::Large, Lang::En) => "large",
        (SizeClass::Medium, Lang::ZhHans) => "中型",
        (SizeClass::Medium, Lang::ZhHant) => "中型",
        (SizeClass::Medium, Lang::En) => "medium-sized",
        (SizeClass::Small, Lang::ZhHans | Lang::ZhHant) => "小型",
        (SizeClass::Small, Lang::En) => "small",
        (SizeClass::Micro, Lang::ZhHans | Lang::ZhHant) => "微型",
        (SizeClass::Micro, Lang::En) => "micro",
    }
}

/// Picks the text for `lang` from (zh-Hans, zh-Hant, en).
fn pick(lang: Lang, texts: (String, String, String)) -> String {
    match lang {
        Lang::ZhHans => texts.0,
        Lang::ZhHant => texts.1,
        Lang::En => texts.2,
    }
}

macro_rules! t {
    ($lang:expr, $hans:expr, $hant:expr, $en:expr $(,)?) => {
        match $lang {
            Lang::ZhHans => format!($hans),
            Lang::ZhHant => format!($hant),
            Lang::En => format!($en),
        }
    };
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
            Reason::MonthsShort { .. } => "months_operating_short",
            Reason::DebtHeadroomExhausted { .. } => "debt_headroom_exhausted",
            Reason::NotInSupplyChain => "not_in_supply_chain",
            Reason::NoCoreEnterpriseBusiness => "no_core_enterprise_business",
            Reason::NoSettlementFlow => "no_settlement_flow",
            Reason::NoTaxPaid => "no_tax_paid",
            Reason::NoPayroll => "no_payroll",
            Reason::LimitTooSmall { .. } => "limit_too_small",
            Reason::CollateralRequired => "collateral_required",
            Reason::CollateralNotAccepted(_) => "collateral_not_accepted",
            Reason::WithinLimit { .. } => "within_limit",
            Reason::LimitEstimate { .. } => "limit_estimate",
            Reason::AmountAboveLimit { .. } => "amount_above_limit",
            Reason::AmountAboveProductMax { .. } => "amount_above_product_max",
            Reason::ManyInquiries { .. } => "many_credit_inquiries",
            Reason::OverdueInWindow { .. } => "overdue_in_24_months",
            Reason::AboveReviewThreshold { .. } => "amount_needs_review",
            Reason::RatingMCap { .. } => "tax_rating_m_cap",
            Reason::TermAdjusted { .. } => "term_adjusted",
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Reason::SizeNotSmallOrMicro(s) => {
                let n = size_name(*s, lang);
                t!(
                    lang,
                    "按工信部中小企业划型标准属于{n}企业，本产品服务小微企业，请联系对公客户经理",
                    "按工信部中小企業劃型標準屬於{n}企業，本產品服務小微企業，請聯繫對公客戶經理",
                    "A {n} enterprise under the MIIT size standard: these products serve small and micro enterprises; please talk to a corporate relationship manager"
                )
            }
            Reason::LegalRepAge { age, min, max } => t!(
                lang,
                "法定代表人年龄{age}岁，不在{min}至{max}岁之间",
                "法定代表人年齡{age}歲，不在{min}至{max}歲之間",
                "The legal representative is {age}, outside the accepted {min}–{max}"
            ),
            Reason::TaxRatingKnockOut(r) => t!(
                lang,
                "纳税信用等级为{r}级，不符合准入要求",
                "納稅信用等級為{r}級，不符合准入要求",
                "Tax credit rating {r} does not meet the entry requirement"
            ),
            Reason::OverdueCurrent => t!(
                lang,
                "当前存在逾期",
                "當前存在逾期",
                "A repayment is overdue now"
            ),
            Reason::Overdues12 { count, max } => t!(
                lang,
                "近12个月逾期{count}次，上限为{max}次",
                "近12個月逾期{count}次，上限為{max}次",
                "{count} overdue payment(s) in the last 12 months; at most {max} accepted"
            ),
            Reason::Overdues24 { count, max } => t!(
                lang,
                "近24个月逾期{count}次，上限为{max}次",
                "近24個月逾期{count}次，上限為{max}次",
                "{count} overdue payment(s) in the last 24 months; at most {max} accepted"
            ),
            Reason::NonPerforming => t!(
                lang,
                "存在次级、可疑或损失类贷款",
                "存在次級、可疑或損失類貸款",
                "A loan is classified substandard, doubtful or loss"
            ),
            Reason::AbnormalOperation => t!(
                lang,
                "被列入经营异常名录",
                "被列入經營異常名錄",
                "Listed for abnormal operation (经营异常)"
            ),
            Reason::DishonestExecutee => t!(
                lang,
                "被列为失信被执行人",
                "被列為失信被執行人",
                "Listed as a dishonest judgment debtor (失信被执行人)"
            ),
            Reason::ConsumptionRestricted => t!(
                lang,
                "存在限制高消费措施",
                "存在限制高消費措施",
                "Under a high-consumption restriction order (限高)"
            ),
            Reason::MonthsShort { months, min } => t!(
                lang,
                "经营{months}个月，本产品原则上要求至少{min}个月",
                "經營{months}個月，本產品原則上要求至少{min}個月",
                "Operating for {months} months; this product asks for at least {min} in principle"
            ),
            Reason::DebtHeadroomExhausted {
                headroom_base,
                existing,
            } => {
                let (b, e) = (fmt_cny(*headroom_base), fmt_cny(*existing));
                t!(
                    lang,
                    "现有经营性贷款{e}已达到负债空间上限（营业收入的比例，{b}）",
                    "現有經營性貸款{e}已達到負債空間上限（營業收入的比例，{b}）",
                    "Existing business loans of {e} use up the debt headroom ({b}, a share of annual revenue)"
                )
            }
            Reason::NotInSupplyChain => t!(
                lang,
                "未登记为核心企业的供应商或经销商",
                "未登記為核心企業的供應商或經銷商",
                "Not declared as a supplier or distributor of a core enterprise"
            ),
            Reason::NoCoreEnterpriseBusiness => t!(
                lang,
                "未填写对核心企业的应收账款（供应商）或采购额（经销商）",
                "未填寫對核心企業的應收賬款（供應商）或採購額（經銷商）",
                "No receivables from (supplier) or purchases with (distributor) the core enterprise declared"
            ),
            Reason::NoSettlementFlow => t!(
                lang,
                "未填写年结算流水",
                "未填寫年結算流水",
                "No annual settlement flow declared"
            ),
            Reason::NoTaxPaid => t!(
                lang,
                "近24个月无纳税记录",
                "近24個月無納稅記錄",
                "No tax paid in the last 24 months"
            ),
            Reason::NoPayroll => t!(
                lang,
                "未填写年度代发工资额",
                "未填寫年度代發工資額",
                "No annual payroll declared"
            ),
            Reason::LimitTooSmall { unit } => {
                let u = fmt_cny(*unit);
                t!(
                    lang,
                    "估算额度不足{u}",
                    "估算額度不足{u}",
                    "The estimated limit is below {u}"
                )
            }
            Reason::CollateralRequired => t!(
                lang,
                "本产品需提供抵押或质押",
                "本產品需提供抵押或質押",
                "This product is secured: it needs a mortgage or a pledge"
            ),
            Reason::CollateralNotAccepted(c) => {
                let n = collateral_name(*c, lang);
                t!(
                    lang,
                    "本产品不接受{n}，按无担保估算",
                    "本產品不接受{n}，按無擔保估算",
                    "This product does not take {n}; estimated as unsecured"
                )
            }
            Reason::WithinLimit { requested, high } => {
                let (r, h) = (fmt_cny(*requested), fmt_cny(*high));
                t!(
                    lang,
                    "申请金额{r}在估算额度{h}以内",
                    "申請金額{r}在估算額度{h}以內",
                    "The requested {r} is within the estimated limit of {h}"
                )
            }
            Reason::LimitEstimate { low, high } => {
                let (l, h) = (fmt_cny(*low), fmt_cny(*high));
                t!(
                    lang,
                    "估算额度{l}至{h}",
                    "估算額度{l}至{h}",
                    "Estimated limit {l} to {h}"
                )
            }
            Reason::AmountAboveLimit { requested, high } => {
                let (r, h) = (fmt_cny(*requested), fmt_cny(*high));
                t!(
                    lang,
                    "申请金额{r}高于估算额度{h}",
                    "申請金額{r}高於估算額度{h}",
                    "The requested {r} is above the estimated limit of {h}"
                )
            }
            Reason::AmountAboveProductMax { requested, max } => {
                let (r, m) = (fmt_cny(*requested), fmt_cny(*max));
                t!(
                    lang,
                    "申请金额{r}高于本产品线上最高额度{m}，请到网点或科创中心洽谈",
                    "申請金額{r}高於本產品線上最高額度{m}，請到網點或科創中心洽談",
                    "The requested {r} is above the product's online maximum of {m}; a branch or sci-tech centre can discuss larger facilities"
                )
            }
            Reason::ManyInquiries { count, max } => t!(
                lang,
                "近6个月征信查询{count}次（超过{max}次），需人工审核",
                "近6個月徵信查詢{count}次（超過{max}次），需人工審核",
                "{count} credit inquiries in 6 months (more than {max}): manual review"
            ),
            Reason::OverdueInWindow { count } => t!(
                lang,
                "近24个月有{count}次逾期，需人工审核",
                "近24個月有{count}次逾期，需人工審核",
                "{count} overdue payment(s) in the last 24 months: manual review"
            ),
            Reason::AboveReviewThreshold { threshold } => {
                let th = fmt_cny(*threshold);
                t!(
                    lang,
                    "申请金额高于{th}，需核实押品或担保后审批",
                    "申請金額高於{th}，需核實押品或擔保後審批",
                    "Requests above {th} are approved after the collateral or guarantee is verified"
                )
            }
            Reason::RatingMCap { cap } => {
                let c = fmt_cny(*cap);
                t!(
                    lang,
                    "纳税信用M级，额度上限{c}",
                    "納稅信用M級，額度上限{c}",
                    "Tax credit rating M caps the limit at {c}"
                )
            }
            Reason::TermAdjusted { asked, used } => t!(
                lang,
                "申请期限{asked}个月超出本产品范围，按{used}个月估算",
                "申請期限{asked}個月超出本產品範圍，按{used}個月估算",
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
            Change::FewerOverdues24 { .. } => "fewer_overdues_24_months",
            Change::ImproveRating => "improve_tax_rating",
            Change::LegalRepAge { .. } => "legal_rep_age",
            Change::ResolveNonPerforming => "resolve_non_performing",
            Change::ClearAbnormalOperation => "clear_abnormal_operation",
            Change::ClearDishonest => "clear_dishonest_executee",
            Change::ClearConsumptionRestriction => "clear_consumption_restriction",
            Change::ReduceExistingLoans { .. } => "reduce_existing_loans",
            Change::FewerInquiries { .. } => "fewer_credit_inquiries",
            Change::JoinSupplyChain => "join_supply_chain",
            Change::DeclareCoreEnterpriseBusiness => "declare_core_enterprise_business",
            Change::SettleThroughBank => "settle_through_bank",
            Change::BuildTaxRecord => "build_tax_record",
            Change::PayrollThroughBank => "payroll_through_bank",
            Change::RatingAboveM { .. } => "tax_rating_above_m",
            Change::TermWithin { .. } => "term_within_range",
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Change::AddCollateral { collateral, up_to } => {
                let (n, u) = (collateral_name(*collateral, lang), fmt_cny(*up_to));
                t!(
                    lang,
                    "提供{n}，额度最高可达{u}",
                    "提供{n}，額度最高可達{u}",
                    "With {n}: up to {u}"
                )
            }
            Change::LowerAmount { to } => {
                let a = fmt_cny(*to);
                t!(
                    lang,
                    "将申请金额降至{a}",
                    "將申請金額降至{a}",
                    "Reduce the request to {a}"
                )
            }
            Change::WaitMonths { months } => t!(
                lang,
                "再经营{months}个月后",
                "再經營{months}個月後",
                "After {months} more month(s) of operation"
            ),
            Change::SettleOverdue => t!(
                lang,
                "结清当前逾期后",
                "結清當前逾期後",
                "After the current overdue is settled"
            ),
            Change::NoOverdues12 => t!(
                lang,
                "连续12个月无逾期后",
                "連續12個月無逾期後",
                "After 12 months without an overdue payment"
            ),
            Change::FewerOverdues24 { max } => t!(
                lang,
                "近24个月逾期降至{max}次以内后",
                "近24個月逾期降至{max}次以內後",
                "Once at most {max} overdue payment(s) remain in the 24-month window"
            ),
            Change::ImproveRating => t!(
                lang,
                "纳税信用等级提升至B级或以上后",
                "納稅信用等級提升至B級或以上後",
                "After the tax credit rating improves to B or better"
            ),
            Change::LegalRepAge { min, max } => t!(
                lang,
                "法定代表人年龄在{min}至{max}岁之间",
                "法定代表人年齡在{min}至{max}歲之間",
                "With a legal representative aged {min}–{max}"
            ),
            Change::ResolveNonPerforming => t!(
                lang,
                "不良贷款结清后",
                "不良貸款結清後",
                "After the non-performing loan is resolved"
            ),
            Change::ClearAbnormalOperation => t!(
                lang,
                "移出经营异常名录后",
                "移出經營異常名錄後",
                "After removal from the abnormal-operation list"
            ),
            Change::ClearDishonest => t!(
                lang,
                "移出失信被执行人名单后",
                "移出失信被執行人名單後",
                "After removal from the dishonest-debtor list"
            ),
            Change::ClearConsumptionRestriction => t!(
                lang,
                "限高措施解除后",
                "限高措施解除後",
                "After the high-consumption restriction is lifted"
            ),
            Change::ReduceExistingLoans { below } => {
                let b = fmt_cny(*below);
                t!(
                    lang,
                    "现有经营性贷款降至{b}以下后",
                    "現有經營性貸款降至{b}以下後",
                    "After existing business loans fall below {b}"
                )
            }
            Change::FewerInquiries { max } => t!(
                lang,
                "近6个月征信查询不超过{max}次后",
                "近6個月徵信查詢不超過{max}次後",
                "Once credit inquiries in 6 months are at most {max}"
            ),
            Change::JoinSupplyChain => t!(
                lang,
                "作为合作核心企业的供应商或经销商",
                "作為合作核心企業的供應商或經銷商",
                "As a supplier or distributor of a core enterprise working with the bank"
            ),
            Change::DeclareCoreEnterpriseBusiness => t!(
                lang,
                "提供对核心企业的应收账款或采购额",
                "提供對核心企業的應收賬款或採購額",
                "With receivables from or purchases with the core enterprise"
            ),
            Change::SettleThroughBank => t!(
                lang,
                "通过本行办理结算后",
                "通過本行辦理結算後",
                "After settling through the bank"
            ),
            Change::BuildTaxRecord => t!(
                lang,
                "形成连续纳税记录后",
                "形成連續納稅記錄後",
                "After building a record of tax paid"
            ),
            Change::PayrollThroughBank => t!(
                lang,
                "通过本行代发工资后",
                "通過本行代發工資後",
                "After paying wages through the bank"
            ),
            Change::RatingAboveM { cap } => {
                let c = fmt_cny(*cap);
                t!(
                    lang,
                    "纳税信用达到B级或以上后，额度可超过{c}",
                    "納稅信用達到B級或以上後，額度可超過{c}",
                    "With a tax credit rating of B or better the limit can exceed {c}"
                )
            }
            Change::TermWithin { min, max } => t!(
                lang,
                "选择{min}至{max}个月的期限",
                "選擇{min}至{max}個月的期限",
                "Choose a term of {min} to {max} months"
            ),
        }
    }
}

/// The "indicative, not an offer" statement.
pub(crate) fn notice(lang: Lang, lpr: Decimal, lpr_date: &str) -> String {
    let rate = fmt_percent(lpr);
    pick(
        lang,
        (
            format!(
                "本结果仅为初步测算，不构成贷款要约或审批承诺；实际额度、利率以银行审批为准。利率参考1年期LPR {rate}%（{lpr_date}）。"
            ),
            format!(
                "本結果僅為初步測算，不構成貸款要約或審批承諾；實際額度、利率以銀行審批為準。利率參考1年期LPR {rate}%（{lpr_date}）。"
            ),
            format!(
                "Indicative pre-check only, not a loan offer or approval; the bank sets the actual limit and rate after review. Rates refer to the 1-year LPR of {rate}% ({lpr_date})."
            ),
        ),
    )
}
