//! The profile's fields as data: one [`Field`] per JSON field, with its
//! [`FieldSpec`] (kind, range, unit, when it is required, its default) and
//! its label. The form renders from these specs and the core validates with
//! the same ones, so a range is written once.

use super::{
    Collateral, CollateralType, LifecycleStage, SupplyChainRole, SupplyChainTier, Tag, TaxRating,
};
use crate::i18n::{Lang, Text};
use crate::labels::Domain;
use crate::money::MAX_AMOUNT;
use crate::region::PROVINCE_CODES;
use crate::size_class::Industry;
use rust_decimal::Decimal;

/// One field of the profile. `as_str` / [`Field::json_name`] give the JSON
/// name; `Field::ALL` lists them in the order of the JSON format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// `monthsOperating`.
    MonthsOperating,
    /// `industry`.
    Industry,
    /// `employees`.
    Employees,
    /// `annualRevenue`.
    AnnualRevenue,
    /// `totalAssets`.
    TotalAssets,
    /// `taxPaidLast24Months`.
    TaxPaidLast24Months,
    /// `taxCreditRating`.
    TaxCreditRating,
    /// `legalRepAge`.
    LegalRepAge,
    /// `overdueCurrent`.
    OverdueCurrent,
    /// `overduesLast12Months`.
    OverduesLast12Months,
    /// `overduesLast24Months`.
    OverduesLast24Months,
    /// `nonPerforming`.
    NonPerforming,
    /// `creditInquiriesLast6Months`.
    CreditInquiriesLast6Months,
    /// `abnormalOperation`.
    AbnormalOperation,
    /// `dishonestExecutee`.
    DishonestExecutee,
    /// `consumptionRestricted`.
    ConsumptionRestricted,
    /// `tags`.
    Tags,
    /// `existingBusinessLoans`.
    ExistingBusinessLoans,
    /// `requestedAmount`.
    RequestedAmount,
    /// `termMonths`.
    TermMonths,
    /// `collateral`.
    Collateral,
    /// `lifecycleStage`.
    LifecycleStage,
    /// `province`.
    Province,
    /// `supplyChainRole`.
    SupplyChainRole,
    /// `coreEnterpriseReceivables`.
    CoreEnterpriseReceivables,
    /// `coreEnterprisePurchases`.
    CoreEnterprisePurchases,
    /// `annualSettlementFlow`.
    AnnualSettlementFlow,
    /// `annualPayroll`.
    AnnualPayroll,
    /// `collateralType`.
    CollateralType,
    /// `collateralValue`.
    CollateralValue,
    /// `existingLoansThisBank`.
    ExistingLoansThisBank,
    /// `existingLoansOtherBanks`.
    ExistingLoansOtherBanks,
    /// `controllerOverdueCurrent`.
    ControllerOverdueCurrent,
    /// `controllerOverduesLast24Months`.
    ControllerOverduesLast24Months,
    /// `city`.
    City,
    /// `supplyChainTier`.
    SupplyChainTier,
    /// `coreEnterpriseConfirms`.
    CoreEnterpriseConfirms,
    /// `annualCustomsTrade`.
    AnnualCustomsTrade,
    /// `annualElectricityBill`.
    AnnualElectricityBill,
    /// `annualLogisticsSpend`.
    AnnualLogisticsSpend,
}

impl_codes!(Field {
    MonthsOperating => "monthsOperating",
    Industry => "industry",
    Employees => "employees",
    AnnualRevenue => "annualRevenue",
    TotalAssets => "totalAssets",
    TaxPaidLast24Months => "taxPaidLast24Months",
    TaxCreditRating => "taxCreditRating",
    LegalRepAge => "legalRepAge",
    OverdueCurrent => "overdueCurrent",
    OverduesLast12Months => "overduesLast12Months",
    OverduesLast24Months => "overduesLast24Months",
    NonPerforming => "nonPerforming",
    CreditInquiriesLast6Months => "creditInquiriesLast6Months",
    AbnormalOperation => "abnormalOperation",
    DishonestExecutee => "dishonestExecutee",
    ConsumptionRestricted => "consumptionRestricted",
    Tags => "tags",
    ExistingBusinessLoans => "existingBusinessLoans",
    RequestedAmount => "requestedAmount",
    TermMonths => "termMonths",
    Collateral => "collateral",
    LifecycleStage => "lifecycleStage",
    Province => "province",
    SupplyChainRole => "supplyChainRole",
    CoreEnterpriseReceivables => "coreEnterpriseReceivables",
    CoreEnterprisePurchases => "coreEnterprisePurchases",
    AnnualSettlementFlow => "annualSettlementFlow",
    AnnualPayroll => "annualPayroll",
    CollateralType => "collateralType",
    CollateralValue => "collateralValue",
    ExistingLoansThisBank => "existingLoansThisBank",
    ExistingLoansOtherBanks => "existingLoansOtherBanks",
    ControllerOverdueCurrent => "controllerOverdueCurrent",
    ControllerOverduesLast24Months => "controllerOverduesLast24Months",
    City => "city",
    SupplyChainTier => "supplyChainTier",
    CoreEnterpriseConfirms => "coreEnterpriseConfirms",
    AnnualCustomsTrade => "annualCustomsTrade",
    AnnualElectricityBill => "annualElectricityBill",
    AnnualLogisticsSpend => "annualLogisticsSpend",
});

/// What kind of value a field holds, with its accepted values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// An amount in CNY: a decimal string in JSON, typed freely in a form
    /// (`1,200,000`, `120万`); at most two decimals, at most `max`.
    Money {
        /// Zero is refused (a requested amount).
        positive: bool,
        /// The largest amount accepted.
        max: Decimal,
    },
    /// A whole number from `min` to `max` inclusive.
    Integer {
        /// Smallest accepted value.
        min: u32,
        /// Largest accepted value.
        max: u32,
    },
    /// Yes or no.
    Bool,
    /// One code from a fixed list.
    Choice {
        /// The accepted codes, in display order.
        codes: &'static [&'static str],
    },
    /// Any number of distinct codes from a fixed list (an array in JSON).
    MultiChoice {
        /// The accepted codes, in display order.
        codes: &'static [&'static str],
    },
    /// Free text of at most `max_len` characters (trimmed).
    Text {
        /// Longest accepted text, in characters.
        max_len: usize,
    },
}

/// The unit shown after an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// 元.
    Yuan,
    /// 人.
    People,
    /// 个月.
    Months,
    /// 周岁.
    YearsOfAge,
    /// 次.
    Times,
}

impl Unit {
    /// The unit's text.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Unit::Yuan => Text("元", "元", "CNY"),
            Unit::People => Text("人", "人", "people"),
            Unit::Months => Text("个月", "個月", "months"),
            Unit::YearsOfAge => Text("周岁", "周歲", "years"),
            Unit::Times => Text("次", "次", "times"),
        }
        .get(lang)
    }
}

/// When a field must be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    /// Always.
    Required,
    /// Never: absence means the spec's default (or "not given").
    Optional,
    /// Only for industries the size standard classifies by total assets
    /// ([`Industry::needs_total_assets`]).
    RequiredForAssetIndustries,
}

impl Requirement {
    /// True when the field must be given for a profile in `industry`
    /// (`None`: not chosen yet).
    pub fn applies(self, industry: Option<Industry>) -> bool {
        match self {
            Requirement::Required => true,
            Requirement::Optional => false,
            Requirement::RequiredForAssetIndustries => {
                industry.is_some_and(Industry::needs_total_assets)
            }
        }
    }
}

/// Everything a form and the validator need to know about a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// Kind and accepted values.
    pub kind: FieldKind,
    /// Unit shown after the input.
    pub unit: Option<Unit>,
    /// When the field must be given.
    pub requirement: Requirement,
    /// What an absent field means, as the text of an input (`"0"`, `"12"`,
    /// `"none"`, `"false"`); `None` when absence means "not given".
    pub default: Option<&'static str>,
}

const fn spec(
    kind: FieldKind,
    unit: Option<Unit>,
    requirement: Requirement,
    default: Option<&'static str>,
) -> FieldSpec {
    FieldSpec {
        kind,
        unit,
        requirement,
        default,
    }
}

const MONEY: FieldKind = FieldKind::Money {
    positive: false,
    max: MAX_AMOUNT,
};
/// Counts of overdues and inquiries accepted.
const COUNT: FieldKind = FieldKind::Integer { min: 0, max: 1000 };
const REQ: Requirement = Requirement::Required;
const OPT: Requirement = Requirement::Optional;

impl Field {
    /// The JSON name (camelCase).
    pub const fn json_name(self) -> &'static str {
        self.as_str()
    }

    /// The field's spec: the one source of its kind, range, unit and
    /// requirement.
    pub const fn spec(self) -> FieldSpec {
        use Field as F;
        use Unit::*;
        match self {
            F::MonthsOperating => spec(
                FieldKind::Integer { min: 0, max: 1200 },
                Some(Months),
                REQ,
                None,
            ),
            F::Industry => spec(
                FieldKind::Choice {
                    codes: &Industry::CODES,
                },
                None,
                REQ,
                None,
            ),
            F::Employees => spec(
                FieldKind::Integer {
                    min: 0,
                    max: 10_000_000,
                },
                Some(People),
                REQ,
                None,
            ),
            F::AnnualRevenue => spec(MONEY, Some(Yuan), REQ, None),
            F::TotalAssets => spec(
                MONEY,
                Some(Yuan),
                Requirement::RequiredForAssetIndustries,
                None,
            ),
            F::TaxPaidLast24Months
            | F::ExistingBusinessLoans
            | F::CoreEnterpriseReceivables
            | F::CoreEnterprisePurchases
            | F::AnnualSettlementFlow
            | F::AnnualPayroll
            | F::AnnualCustomsTrade
            | F::AnnualElectricityBill
            | F::AnnualLogisticsSpend => spec(MONEY, Some(Yuan), OPT, Some("0")),
            F::CollateralValue | F::ExistingLoansThisBank | F::ExistingLoansOtherBanks => {
                spec(MONEY, Some(Yuan), OPT, None)
            }
            F::CollateralType => spec(
                FieldKind::Choice {
                    codes: &CollateralType::CODES,
                },
                None,
                OPT,
                None,
            ),
            F::ControllerOverdueCurrent | F::CoreEnterpriseConfirms => {
                spec(FieldKind::Bool, None, OPT, Some("false"))
            }
            F::ControllerOverduesLast24Months => spec(COUNT, Some(Times), OPT, Some("0")),
            F::City => spec(FieldKind::Text { max_len: 40 }, None, OPT, None),
            F::SupplyChainTier => spec(
                FieldKind::Choice {
                    codes: &SupplyChainTier::CODES,
                },
                None,
                OPT,
                None,
            ),
            F::TaxCreditRating => spec(
                FieldKind::Choice {
                    codes: &TaxRating::CODES,
                },
                None,
                REQ,
                None,
            ),
            F::LegalRepAge => spec(
                FieldKind::Integer { min: 10, max: 120 },
                Some(YearsOfAge),
                REQ,
                None,
            ),
            F::OverdueCurrent
            | F::NonPerforming
            | F::AbnormalOperation
            | F::DishonestExecutee
            | F::ConsumptionRestricted => spec(FieldKind::Bool, None, OPT, Some("false")),
            F::OverduesLast12Months | F::OverduesLast24Months | F::CreditInquiriesLast6Months => {
                spec(COUNT, Some(Times), OPT, Some("0"))
            }
            F::Tags => spec(
                FieldKind::MultiChoice { codes: &Tag::CODES },
                None,
                OPT,
                None,
            ),
            F::RequestedAmount => spec(
                FieldKind::Money {
                    positive: true,
                    max: MAX_AMOUNT,
                },
                Some(Yuan),
                OPT,
                None,
            ),
            F::TermMonths => spec(
                FieldKind::Integer { min: 1, max: 360 },
                Some(Months),
                OPT,
                Some("12"),
            ),
            F::Collateral => spec(
                FieldKind::Choice {
                    codes: &Collateral::CODES,
                },
                None,
                OPT,
                Some("none"),
            ),
            F::LifecycleStage => spec(
                FieldKind::Choice {
                    codes: &LifecycleStage::CODES,
                },
                None,
                OPT,
                None,
            ),
            F::Province => spec(
                FieldKind::Choice {
                    codes: &PROVINCE_CODES,
                },
                None,
                OPT,
                None,
            ),
            F::SupplyChainRole => spec(
                FieldKind::Choice {
                    codes: &SupplyChainRole::CODES,
                },
                None,
                OPT,
                Some("none"),
            ),
        }
    }

    /// The range of an integer field.
    pub const fn range(self) -> Option<(u32, u32)> {
        match self.spec().kind {
            FieldKind::Integer { min, max } => Some((min, max)),
            _ => None,
        }
    }

    /// The label domain of a choice field's codes.
    pub const fn domain(self) -> Option<Domain> {
        Some(match self {
            Field::Industry => Domain::Industry,
            Field::TaxCreditRating => Domain::TaxRating,
            Field::Tags => Domain::Tag,
            Field::Collateral => Domain::Collateral,
            Field::LifecycleStage => Domain::LifecycleStage,
            Field::Province => Domain::Province,
            Field::SupplyChainRole => Domain::SupplyChainRole,
            Field::CollateralType => Domain::CollateralType,
            Field::SupplyChainTier => Domain::SupplyChainTier,
            _ => return None,
        })
    }

    /// The label of one of a choice field's codes.
    pub fn option_label(self, code: &str, lang: Lang) -> Option<&'static str> {
        crate::labels::label(self.domain()?, code).map(|t| t.get(lang))
    }

    /// The field's label.
    pub fn label(self, lang: Lang) -> &'static str {
        self.text().get(lang)
    }

    /// A note shown with the field, when it has one.
    pub fn note(self, lang: Lang) -> Option<&'static str> {
        match self {
            Field::TotalAssets => Some(
                Text(
                    "建筑业、房地产开发经营、租赁和商务服务业必填",
                    "建築業、房地產開發經營、租賃和商務服務業必填",
                    "Needed for construction, real estate, leasing and business services",
                )
                .get(lang),
            ),
            Field::RequestedAmount => Some(
                Text(
                    "可不填，了解可贷额度",
                    "可不填，了解可貸額度",
                    "Optional: leave it empty to see your limit",
                )
                .get(lang),
            ),
            _ => None,
        }
    }

    const fn text(self) -> Text {
        use Field as F;
        match self {
            F::MonthsOperating => Text("经营时间", "經營時間", "Time in operation"),
            F::Industry => Text("所属行业", "所屬行業", "Industry"),
            F::Employees => Text("从业人员", "從業人員", "Employees"),
            F::AnnualRevenue => Text("年营业收入", "年營業收入", "Annual revenue"),
            F::TotalAssets => Text("资产总额", "資產總額", "Total assets"),
            F::TaxPaidLast24Months => Text(
                "近24个月纳税总额",
                "近24個月納稅總額",
                "Tax paid in the last 24 months",
            ),
            F::TaxCreditRating => Text("纳税信用等级", "納稅信用等級", "Tax credit rating"),
            F::LegalRepAge => Text(
                "法定代表人年龄",
                "法定代表人年齡",
                "Age of the legal representative",
            ),
            F::OverdueCurrent => Text("目前有逾期", "目前有逾期", "A payment is overdue now"),
            F::OverduesLast12Months => Text(
                "近12个月逾期次数",
                "近12個月逾期次數",
                "Overdue payments, last 12 months",
            ),
            F::OverduesLast24Months => Text(
                "近24个月逾期次数",
                "近24個月逾期次數",
                "Overdue payments, last 24 months",
            ),
            F::NonPerforming => Text(
                "有不良贷款（次级、可疑、损失）",
                "有不良貸款（次級、可疑、損失）",
                "A non-performing loan (substandard, doubtful, loss)",
            ),
            F::CreditInquiriesLast6Months => Text(
                "近6个月征信查询次数",
                "近6個月徵信查詢次數",
                "Credit inquiries, last 6 months",
            ),
            F::AbnormalOperation => Text(
                "被列入经营异常名录",
                "被列入經營異常名錄",
                "Listed for abnormal operation",
            ),
            F::DishonestExecutee => Text(
                "被列为失信被执行人",
                "被列為失信被執行人",
                "Listed as a dishonest judgment debtor",
            ),
            F::ConsumptionRestricted => Text(
                "被限制高消费",
                "被限制高消費",
                "Under a high-consumption restriction",
            ),
            F::Tags => Text("资质", "資質", "Recognitions"),
            F::ExistingBusinessLoans => Text(
                "现有经营性贷款余额",
                "現有經營性貸款餘額",
                "Existing business loans",
            ),
            F::RequestedAmount => Text(
                "拟借款金额",
                "擬借款金額",
                "Amount you would like to borrow",
            ),
            F::TermMonths => Text("借款期限", "借款期限", "Term"),
            F::Collateral => Text(
                "可提供的担保方式",
                "可提供的擔保方式",
                "Security you can offer",
            ),
            F::LifecycleStage => Text("发展阶段", "發展階段", "Stage"),
            F::Province => Text("所在省份", "所在省份", "Province"),
            F::SupplyChainRole => Text(
                "与核心企业的关系",
                "與核心企業的關係",
                "Role in a core enterprise's supply chain",
            ),
            F::CoreEnterpriseReceivables => Text(
                "核心企业应付您的账款（供应商）",
                "核心企業應付您的賬款（供應商）",
                "Receivables owed by the core enterprise (suppliers)",
            ),
            F::CoreEnterprisePurchases => Text(
                "年向核心企业采购额（经销商）",
                "年向核心企業採購額（經銷商）",
                "Annual purchases from the core enterprise (distributors)",
            ),
            F::AnnualSettlementFlow => Text(
                "年结算流水（经本行）",
                "年結算流水（經本行）",
                "Annual settlement flow through the bank",
            ),
            F::AnnualPayroll => Text("年发放工资总额", "年發放工資總額", "Annual payroll"),
            F::CollateralType => Text(
                "押品或担保类型",
                "押品或擔保類型",
                "Type of collateral or guarantee",
            ),
            F::CollateralValue => Text(
                "押品评估价值",
                "押品評估價值",
                "Appraised value of the collateral",
            ),
            F::ExistingLoansThisBank => Text(
                "在本行的贷款余额",
                "在本行的貸款餘額",
                "Loans owed to this bank",
            ),
            F::ExistingLoansOtherBanks => Text(
                "在其他银行的贷款余额",
                "在其他銀行的貸款餘額",
                "Loans owed to other banks",
            ),
            F::ControllerOverdueCurrent => Text(
                "实际控制人目前有逾期",
                "實際控制人目前有逾期",
                "The actual controller has a payment overdue now",
            ),
            F::ControllerOverduesLast24Months => Text(
                "实际控制人近24个月逾期次数",
                "實際控制人近24個月逾期次數",
                "Actual controller's overdue payments, last 24 months",
            ),
            F::City => Text("所在城市", "所在城市", "City"),
            F::SupplyChainTier => Text("供应链层级", "供應鏈層級", "Tier in the supply chain"),
            F::CoreEnterpriseConfirms => Text(
                "核心企业确权或承诺回购",
                "核心企業確權或承諾回購",
                "The core enterprise confirms the receivables or buys back",
            ),
            F::AnnualCustomsTrade => Text(
                "年海关进出口报关额",
                "年海關進出口報關額",
                "Annual customs-declared trade",
            ),
            F::AnnualElectricityBill => Text("年缴纳电费", "年繳納電費", "Annual electricity bill"),
            F::AnnualLogisticsSpend => Text("年物流费用", "年物流費用", "Annual logistics spend"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_labels_exist() {
        for f in Field::ALL {
            assert_eq!(Field::parse(f.json_name()), Some(f));
            for lang in Lang::ALL {
                assert!(!f.label(lang).is_empty());
            }
            if let Some(domain) = f.domain() {
                let (FieldKind::Choice { codes } | FieldKind::MultiChoice { codes }) =
                    f.spec().kind
                else {
                    panic!("{f:?} has a domain but no codes");
                };
                for code in codes {
                    assert!(
                        crate::labels::label(domain, code).is_some(),
                        "{f:?}: {code} has no label"
                    );
                }
            }
        }
        assert_eq!(Field::ALL.len(), 40);
    }

    #[test]
    fn ranges_are_the_validators() {
        assert_eq!(Field::LegalRepAge.range(), Some((10, 120)));
        assert_eq!(Field::Employees.range(), Some((0, 10_000_000)));
        assert_eq!(Field::OverduesLast12Months.range(), Some((0, 1000)));
        assert_eq!(Field::TermMonths.range(), Some((1, 360)));
        assert!(Requirement::RequiredForAssetIndustries.applies(Some(Industry::Construction)));
        assert!(!Requirement::RequiredForAssetIndustries.applies(Some(Industry::Software)));
        assert!(!Requirement::RequiredForAssetIndustries.applies(None));
    }
}
