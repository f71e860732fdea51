//! The enterprise profile a pre-check evaluates: its JSON shape (camelCase,
//! unknown fields rejected, money as decimal strings), its fields as data
//! ([`Field`], [`FieldSpec`]) and its validation, with typed errors
//! ([`ProfileError`]) that name the field they are about.
//!
//! Required: `monthsOperating`, `industry`, `employees`, `annualRevenue`,
//! `taxCreditRating`, `legalRepAge`. Everything else has a neutral default
//! (flags `false`, counts `0`, amounts `"0"`, `collateral` `none`,
//! `termMonths` 12, no requested amount). Fields beyond the basic set, used
//! by the supply-chain and scenario products and the size classification:
//! `totalAssets` (required for construction, real estate, leasing and
//! business services), `supplyChainRole` (`none|supplier|distributor`),
//! `coreEnterpriseReceivables` (receivables owed by the core enterprise, for
//! suppliers), `coreEnterprisePurchases` (annual purchases from the core
//! enterprise, for distributors), `annualSettlementFlow` (annual settlement
//! flow through the bank), `annualPayroll` (annual wages paid).
//!
//! Two ways in: [`Profile::from_json`] (the JSON format; the first error)
//! and [`Profile::from_inputs`] (the raw text of each form input; every
//! error at once, each on its own field).

mod error;
mod field;
mod to_json;

pub use error::{ProfileError, ProfileErrorKind};
pub use field::{Field, FieldKind, FieldSpec, Requirement, Unit};

use crate::i18n::{Lang, Text};
use crate::json::{self, Json, Obj};
use crate::money::{MoneyError, parse_cny_input, parse_money, ser_money, ser_money_opt};
use crate::region;
pub use crate::size_class::Industry;
use rust_decimal::Decimal;
use serde::Serialize;

/// Tax credit rating (纳税信用等级).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum TaxRating {
    /// A: the best.
    A,
    /// B.
    B,
    /// M: new or small taxpayers without a full record.
    M,
    /// C.
    C,
    /// D: the worst.
    D,
}

impl_codes!(TaxRating { A => "A", B => "B", M => "M", C => "C", D => "D" } label: crate::labels::tax_rating);

/// Collateral or credit enhancement the enterprise can offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Collateral {
    /// Unsecured (credit) only.
    #[default]
    None,
    /// Real-estate mortgage (抵押).
    Property,
    /// Pledge of receivables, deposits or rights (质押).
    Pledge,
    /// A quality institution's guarantee (优质机构担保).
    Guarantee,
}

impl_codes!(Collateral {
    None => "none",
    Property => "property",
    Pledge => "pledge",
    Guarantee => "guarantee",
} label: crate::labels::collateral);

/// Lifecycle stage (初创期 / 成长期 / 成熟期).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LifecycleStage {
    /// 初创期.
    Startup,
    /// 成长期.
    Growth,
    /// 成熟期.
    Mature,
}

impl_codes!(LifecycleStage {
    Startup => "startup",
    Growth => "growth",
    Mature => "mature",
} label: crate::labels::lifecycle_stage);

/// Qualification tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    /// 高新技术企业.
    HighTech,
    /// 专精特新 (specialised, refined, distinctive, innovative).
    SpecializedNew,
}

impl_codes!(Tag {
    HighTech => "high_tech",
    SpecializedNew => "specialized_new",
} label: crate::labels::tag);

/// Role in a core enterprise's supply chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SupplyChainRole {
    /// Not part of a core enterprise's chain.
    #[default]
    None,
    /// Upstream supplier of the core enterprise.
    Supplier,
    /// Downstream distributor of the core enterprise.
    Distributor,
}

/// The sub-type of the collateral or guarantee offered (which kind it
/// belongs to is checked by the pre-check rules: `commercial` is commercial
/// property or a commercial guarantor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CollateralType {
    /// 住宅 (property).
    Residential,
    /// 商业用房 (property) or a commercial guarantor (guarantee).
    Commercial,
    /// 工业厂房 (property).
    Industrial,
    /// 存单 (pledge).
    Deposit,
    /// 应收账款 (pledge).
    Receivables,
    /// 知识产权 (pledge).
    Ip,
    /// 机器设备 (pledge).
    Equipment,
    /// 股权 (pledge).
    Equity,
    /// 政府性融资担保 (guarantee).
    Government,
}

impl_codes!(CollateralType {
    Residential => "residential",
    Commercial => "commercial",
    Industrial => "industrial",
    Deposit => "deposit",
    Receivables => "receivables",
    Ip => "ip",
    Equipment => "equipment",
    Equity => "equity",
    Government => "government",
} label: crate::labels::collateral_type);

impl CollateralType {
    /// The types of each kind of collateral, in display order.
    pub const fn of(kind: Collateral) -> &'static [CollateralType] {
        use CollateralType as T;
        match kind {
            Collateral::None => &[],
            Collateral::Property => &[T::Residential, T::Commercial, T::Industrial],
            Collateral::Pledge => &[T::Deposit, T::Receivables, T::Ip, T::Equipment, T::Equity],
            Collateral::Guarantee => &[T::Government, T::Commercial],
        }
    }

    /// True when this type belongs to `kind`.
    pub fn fits(self, kind: Collateral) -> bool {
        CollateralType::of(kind).contains(&self)
    }

    /// The name as a type of `kind`, for a sentence: 住宅, 商业用房,
    /// 工业厂房, 存单, 应收账款, 知识产权, 机器设备, 股权, 政府性融资担保,
    /// 商业性融资担保 (`commercial` under `guarantee`).
    pub fn name(self, kind: Collateral, lang: Lang) -> &'static str {
        use CollateralType as T;
        match (self, kind) {
            (T::Residential, _) => Text("住宅", "住宅", "residential property"),
            (T::Commercial, Collateral::Guarantee) => {
                Text("商业性融资担保", "商業性融資擔保", "a commercial guarantor")
            }
            (T::Commercial, _) => Text("商业用房", "商業用房", "commercial property"),
            (T::Industrial, _) => Text("工业厂房", "工業廠房", "industrial property"),
            (T::Deposit, _) => Text("存单", "存單", "deposits"),
            (T::Receivables, _) => Text("应收账款", "應收賬款", "receivables"),
            (T::Ip, _) => Text("知识产权", "知識產權", "intellectual property"),
            (T::Equipment, _) => Text("机器设备", "機器設備", "equipment"),
            (T::Equity, _) => Text("股权", "股權", "equity"),
            (T::Government, _) => Text(
                "政府性融资担保",
                "政府性融資擔保",
                "a government financing guarantor",
            ),
        }
        .get(lang)
    }
}

/// The tier in a core enterprise's supply chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SupplyChainTier {
    /// 一级: trades with the core enterprise directly.
    First,
    /// 多级: trades with it through other suppliers or distributors.
    Multi,
}

impl_codes!(SupplyChainTier {
    First => "first",
    Multi => "multi",
} label: crate::labels::supply_chain_tier);

impl_codes!(SupplyChainRole {
    None => "none",
    Supplier => "supplier",
    Distributor => "distributor",
} label: crate::labels::supply_chain_role);

/// An enterprise profile. Build it with [`Profile::from_json`] or
/// [`Profile::from_inputs`], which also run [`Profile::validate`].
/// `Serialize` writes the JSON format back (money as decimal strings).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// Months since the business started operating.
    pub months_operating: u32,
    /// Industry for the size classification.
    pub industry: Industry,
    /// Employees (从业人员).
    pub employees: u32,
    /// Operating revenue of the last year, CNY.
    #[serde(serialize_with = "ser_money")]
    pub annual_revenue: Decimal,
    /// Total assets, CNY (needed for construction, real estate, leasing).
    #[serde(
        serialize_with = "ser_money_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_assets: Option<Decimal>,
    /// Tax paid over the last 24 months, CNY.
    #[serde(serialize_with = "ser_money")]
    pub tax_paid_last24_months: Decimal,
    /// Tax credit rating.
    pub tax_credit_rating: TaxRating,
    /// Age of the legal representative, years.
    pub legal_rep_age: u32,
    /// A repayment is overdue right now.
    pub overdue_current: bool,
    /// Overdue events in the last 12 months.
    pub overdues_last12_months: u32,
    /// Overdue events in the last 24 months (includes the last 12).
    pub overdues_last24_months: u32,
    /// A loan is classified substandard, doubtful or loss (次级/可疑/损失).
    pub non_performing: bool,
    /// Credit report inquiries in the last 6 months.
    pub credit_inquiries_last6_months: u32,
    /// Listed for abnormal operation (经营异常).
    pub abnormal_operation: bool,
    /// Listed as a dishonest judgment debtor (失信被执行人).
    pub dishonest_executee: bool,
    /// Under a high-consumption restriction order (限高).
    pub consumption_restricted: bool,
    /// Qualification tags.
    pub tags: Vec<Tag>,
    /// Outstanding business loans, CNY.
    #[serde(serialize_with = "ser_money")]
    pub existing_business_loans: Decimal,
    /// The amount asked for, CNY; absent = "how much could I get?".
    #[serde(
        serialize_with = "ser_money_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub requested_amount: Option<Decimal>,
    /// Loan term in months (default 12).
    pub term_months: u32,
    /// Collateral offered.
    pub collateral: Collateral,
    /// Lifecycle stage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle_stage: Option<LifecycleStage>,
    /// Province, GB/T 2260 two-digit code (e.g. "11" Beijing, "44" Guangdong).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// Role in a core enterprise's supply chain.
    pub supply_chain_role: SupplyChainRole,
    /// Receivables owed by the core enterprise (suppliers), CNY.
    #[serde(serialize_with = "ser_money")]
    pub core_enterprise_receivables: Decimal,
    /// Annual purchases from the core enterprise (distributors), CNY.
    #[serde(serialize_with = "ser_money")]
    pub core_enterprise_purchases: Decimal,
    /// Annual settlement flow through the bank, CNY.
    #[serde(serialize_with = "ser_money")]
    pub annual_settlement_flow: Decimal,
    /// Annual payroll (wages paid), CNY.
    #[serde(serialize_with = "ser_money")]
    pub annual_payroll: Decimal,
    /// Sub-type of the collateral or guarantee offered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collateral_type: Option<CollateralType>,
    /// Appraised value of the collateral, CNY.
    #[serde(
        serialize_with = "ser_money_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub collateral_value: Option<Decimal>,
    /// Loans owed to this bank, CNY (part of the existing loans).
    #[serde(
        serialize_with = "ser_money_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub existing_loans_this_bank: Option<Decimal>,
    /// Loans owed to other banks, CNY.
    #[serde(
        serialize_with = "ser_money_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub existing_loans_other_banks: Option<Decimal>,
    /// The actual controller (实际控制人) has a payment overdue now.
    pub controller_overdue_current: bool,
    /// The actual controller's overdue events in the last 24 months.
    pub controller_overdues_last24_months: u32,
    /// City (free text, at most 40 characters), e.g. "武汉".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Tier in the core enterprise's supply chain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supply_chain_tier: Option<SupplyChainTier>,
    /// The core enterprise confirms the receivables (确权) or buys back.
    pub core_enterprise_confirms: bool,
    /// Annual customs-declared trade, CNY.
    #[serde(serialize_with = "ser_money")]
    pub annual_customs_trade: Decimal,
    /// Annual electricity bill, CNY.
    #[serde(serialize_with = "ser_money")]
    pub annual_electricity_bill: Decimal,
    /// Annual logistics spend, CNY.
    #[serde(serialize_with = "ser_money")]
    pub annual_logistics_spend: Decimal,
}

/// One field's value before it is placed in a [`Profile`].
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Money(Decimal),
    Count(u32),
    Flag(bool),
    Code(usize),
    Codes(Vec<usize>),
    Text(String),
}

/// The values read so far, by field; `None` = absent (default applies).
struct Values([Option<Value>; Field::ALL.len()]);

impl Values {
    fn new() -> Self {
        Values(std::array::from_fn(|_| None))
    }

    fn set(&mut self, f: Field, v: Value) {
        self.0[f as usize] = Some(v);
    }

    fn money(&self, f: Field) -> Option<Decimal> {
        match self.0[f as usize] {
            Some(Value::Money(d)) => Some(d),
            _ => None,
        }
    }

    fn count(&self, f: Field) -> Option<u32> {
        match self.0[f as usize] {
            Some(Value::Count(n)) => Some(n),
            _ => None,
        }
    }

    fn flag(&self, f: Field) -> bool {
        matches!(self.0[f as usize], Some(Value::Flag(true)))
    }

    fn code<T: Copy>(&self, f: Field, all: &[T]) -> Option<T> {
        match self.0[f as usize] {
            Some(Value::Code(i)) => all.get(i).copied(),
            _ => None,
        }
    }

    fn text(&mut self, f: Field) -> Option<String> {
        match self.0[f as usize].take() {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// The profile; fields without a value take their default (a required
    /// one that is missing takes a neutral placeholder: callers report it).
    fn into_profile(mut self) -> Profile {
        let zero = Decimal::ZERO;
        let tags = match self.0[Field::Tags as usize].take() {
            Some(Value::Codes(list)) => list
                .into_iter()
                .filter_map(|i| Tag::ALL.get(i).copied())
                .collect(),
            _ => Vec::new(),
        };
        let province = self.text(Field::Province);
        let city = self.text(Field::City);
        Profile {
            months_operating: self.count(Field::MonthsOperating).unwrap_or(0),
            industry: self
                .code(Field::Industry, &Industry::ALL)
                .unwrap_or(Industry::Other),
            employees: self.count(Field::Employees).unwrap_or(0),
            annual_revenue: self.money(Field::AnnualRevenue).unwrap_or(zero),
            total_assets: self.money(Field::TotalAssets),
            tax_paid_last24_months: self.money(Field::TaxPaidLast24Months).unwrap_or(zero),
            tax_credit_rating: self
                .code(Field::TaxCreditRating, &TaxRating::ALL)
                .unwrap_or(TaxRating::M),
            legal_rep_age: self
                .count(Field::LegalRepAge)
                .unwrap_or(Field::LegalRepAge.range().map_or(0, |(min, _)| min)),
            overdue_current: self.flag(Field::OverdueCurrent),
            overdues_last12_months: self.count(Field::OverduesLast12Months).unwrap_or(0),
            overdues_last24_months: self.count(Field::OverduesLast24Months).unwrap_or(0),
            non_performing: self.flag(Field::NonPerforming),
            credit_inquiries_last6_months: self
                .count(Field::CreditInquiriesLast6Months)
                .unwrap_or(0),
            abnormal_operation: self.flag(Field::AbnormalOperation),
            dishonest_executee: self.flag(Field::DishonestExecutee),
            consumption_restricted: self.flag(Field::ConsumptionRestricted),
            tags,
            existing_business_loans: self.money(Field::ExistingBusinessLoans).unwrap_or(zero),
            requested_amount: self.money(Field::RequestedAmount),
            term_months: self.count(Field::TermMonths).unwrap_or(DEFAULT_TERM_MONTHS),
            collateral: self
                .code(Field::Collateral, &Collateral::ALL)
                .unwrap_or_default(),
            lifecycle_stage: self.code(Field::LifecycleStage, &LifecycleStage::ALL),
            province,
            supply_chain_role: self
                .code(Field::SupplyChainRole, &SupplyChainRole::ALL)
                .unwrap_or_default(),
            core_enterprise_receivables: self
                .money(Field::CoreEnterpriseReceivables)
                .unwrap_or(zero),
            core_enterprise_purchases: self.money(Field::CoreEnterprisePurchases).unwrap_or(zero),
            annual_settlement_flow: self.money(Field::AnnualSettlementFlow).unwrap_or(zero),
            annual_payroll: self.money(Field::AnnualPayroll).unwrap_or(zero),
            collateral_type: self.code(Field::CollateralType, &CollateralType::ALL),
            collateral_value: self.money(Field::CollateralValue),
            existing_loans_this_bank: self.money(Field::ExistingLoansThisBank),
            existing_loans_other_banks: self.money(Field::ExistingLoansOtherBanks),
            controller_overdue_current: self.flag(Field::ControllerOverdueCurrent),
            controller_overdues_last24_months: self
                .count(Field::ControllerOverduesLast24Months)
                .unwrap_or(0),
            city,
            supply_chain_tier: self.code(Field::SupplyChainTier, &SupplyChainTier::ALL),
            core_enterprise_confirms: self.flag(Field::CoreEnterpriseConfirms),
            annual_customs_trade: self.money(Field::AnnualCustomsTrade).unwrap_or(zero),
            annual_electricity_bill: self.money(Field::AnnualElectricityBill).unwrap_or(zero),
            annual_logistics_spend: self.money(Field::AnnualLogisticsSpend).unwrap_or(zero),
        }
    }
}

/// The loan term assumed when none is given, months.
pub const DEFAULT_TERM_MONTHS: u32 = 12;

/// Reads one field's JSON value (never `null` for an optional field: the
/// caller treats that as absent).
fn read_json(f: Field, v: &Json) -> Result<Value, ProfileErrorKind> {
    use ProfileErrorKind as K;
    let invalid = |expected| K::InvalidType {
        got: json::describe(v),
        expected,
    };
    match f.spec().kind {
        FieldKind::Money { .. } => match v {
            Json::String(s) => parse_money(s).map(Value::Money).map_err(K::Money),
            Json::Number(n) => Err(K::Money(MoneyError::JsonNumber(json::number_text(n)))),
            _ => Err(invalid("a decimal string such as \"1234567.89\"")),
        },
        FieldKind::Integer { .. } => match v {
            Json::Number(n) => {
                if let Some(u) = n.as_u64() {
                    u32::try_from(u)
                        .map(Value::Count)
                        .map_err(|_| K::TooLargeNumber(u))
                } else if let Some(i) = n.as_i64() {
                    Err(K::NotWholeNumber(i.to_string()))
                } else {
                    let x = n.as_f64().unwrap_or(f64::NAN);
                    if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) {
                        Ok(Value::Count(x as u32))
                    } else {
                        Err(K::NotWholeNumber(x.to_string()))
                    }
                }
            }
            _ => Err(invalid("a whole number ≥ 0")),
        },
        FieldKind::Bool => v
            .as_bool()
            .map(Value::Flag)
            .ok_or_else(|| invalid("a boolean")),
        // Any string: `validate` names a province outside the table.
        FieldKind::Choice { .. } if f == Field::Province => v
            .as_str()
            .map(|s| Value::Text(s.to_owned()))
            .ok_or_else(|| invalid("a string")),
        FieldKind::Choice { codes } => {
            let s = v.as_str().ok_or_else(|| invalid("a string"))?;
            code_index(codes, s).map(Value::Code)
        }
        FieldKind::Text { .. } => v
            .as_str()
            .map(|s| Value::Text(s.trim().to_owned()))
            .ok_or_else(|| invalid("a string")),
        FieldKind::MultiChoice { codes } => {
            let items = v.as_array().ok_or_else(|| invalid("a sequence"))?;
            items
                .iter()
                .map(|item| {
                    let s = item.as_str().ok_or_else(|| K::InvalidType {
                        got: json::describe(item),
                        expected: "a string",
                    })?;
                    code_index(codes, s)
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Codes)
        }
    }
}

fn code_index(codes: &[&str], s: &str) -> Result<usize, ProfileErrorKind> {
    codes
        .iter()
        .position(|c| *c == s)
        .ok_or_else(|| ProfileErrorKind::UnknownCode(s.to_owned()))
}

/// Parses a whole number typed by a visitor: ASCII or full-width digits;
/// spaces and thousands separators are ignored.
fn parse_typed_int(s: &str) -> Result<u32, ProfileErrorKind> {
    let mut n: u64 = 0;
    let mut any = false;
    for ch in s.chars() {
        let d = match ch {
            '0'..='9' => ch as u64 - '0' as u64,
            '０'..='９' => ch as u64 - '０' as u64,
            ',' | '，' | ' ' | '_' => continue,
            _ => return Err(ProfileErrorKind::NotWholeNumber(s.to_owned())),
        };
        n = n.saturating_mul(10).saturating_add(d);
        any = true;
    }
    if !any {
        return Err(ProfileErrorKind::NotWholeNumber(s.to_owned()));
    }
    u32::try_from(n).map_err(|_| ProfileErrorKind::TooLargeNumber(n))
}

/// Reads one field's text as typed in a form (never empty).
fn read_input(f: Field, raw: &str) -> Result<Value, ProfileErrorKind> {
    use ProfileErrorKind as K;
    match f.spec().kind {
        FieldKind::Money { .. } => parse_cny_input(raw)
            .map(Value::Money)
            .map_err(|_| K::NotAnAmount(raw.to_owned())),
        FieldKind::Integer { .. } => parse_typed_int(raw).map(Value::Count),
        FieldKind::Bool => match raw {
            "true" | "on" | "1" | "yes" => Ok(Value::Flag(true)),
            "false" | "off" | "0" | "no" => Ok(Value::Flag(false)),
            _ => Err(K::InvalidType {
                got: format!("string {raw:?}"),
                expected: "a boolean",
            }),
        },
        FieldKind::Choice { .. } if f == Field::Province => Ok(Value::Text(raw.to_owned())),
        FieldKind::Choice { codes } => code_index(codes, raw).map(Value::Code),
        FieldKind::Text { .. } => Ok(Value::Text(raw.to_owned())),
        FieldKind::MultiChoice { codes } => raw
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| code_index(codes, s))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Codes),
    }
}

impl Profile {
    /// Parses and validates a profile from JSON. The error is the first
    /// problem found, naming the field, e.g. `legalRepAge: must be between
    /// 10 and 120, got 300`.
    pub fn from_json(text: &str) -> Result<Profile, ProfileError> {
        let value = json::parse_object(text, "profile").map_err(ProfileError::from_json_error)?;
        let obj =
            Obj::top(&value, "profile", &Field::CODES).map_err(ProfileError::from_json_error)?;
        Profile::from_object(&obj)
    }

    /// Reads a profile from an object already parsed (e.g. nested in a
    /// larger document), then validates it.
    pub fn from_object(obj: &Obj<'_, '_>) -> Result<Profile, ProfileError> {
        let mut values = Values::new();
        for f in Field::ALL {
            let spec = f.spec();
            let raw = if spec.default.is_some() || matches!(spec.kind, FieldKind::Bool) {
                // A field with a default takes `null` as a wrong value.
                obj.raw(f.json_name())
            } else if spec.requirement == Requirement::Required {
                Some(
                    obj.req(f.json_name())
                        .map_err(ProfileError::from_json_error)?,
                )
            } else {
                obj.opt(f.json_name())
            };
            if let Some(v) = raw {
                let value = read_json(f, v).map_err(|kind| ProfileError::new(f, kind))?;
                values.set(f, value);
            }
        }
        let profile = values.into_profile();
        profile.validate()?;
        Ok(profile)
    }

    /// Builds a profile from what a visitor typed: `input(field)` gives the
    /// raw text of each input (`None` or blank: not given). Money may be
    /// typed as `1,200,000` or `120万`, whole numbers with full-width
    /// digits, flags as `true`/`false`, tags comma-separated. Returns every
    /// problem at once, each on the field it is about, in [`Field::ALL`]
    /// order.
    pub fn from_inputs<'a>(
        input: impl Fn(Field) -> Option<&'a str>,
    ) -> Result<Profile, Vec<ProfileError>> {
        let mut values = Values::new();
        let mut errors: Vec<ProfileError> = Vec::new();
        for f in Field::ALL {
            let raw = input(f).map(str::trim).unwrap_or("");
            if raw.is_empty() {
                if f.spec().requirement == Requirement::Required {
                    errors.push(ProfileError::new(f, ProfileErrorKind::Missing));
                }
                continue;
            }
            match read_input(f, raw) {
                Ok(v) => values.set(f, v),
                Err(kind) => errors.push(ProfileError::new(f, kind)),
            }
        }
        // Fields that could not be read hold a neutral placeholder that
        // passes every check, so each problem below is a real one.
        let profile = values.into_profile();
        for problem in profile.problems() {
            if !errors.iter().any(|e| e.field == problem.field) {
                errors.push(problem);
            }
        }
        // A few errors: an insertion sort (stable, by field) instead of one
        // more instantiation of the standard library's sort in the wasm.
        for i in 1..errors.len() {
            let mut j = i;
            while j > 0 && errors[j - 1].field > errors[j].field {
                errors.swap(j - 1, j);
                j -= 1;
            }
        }
        if errors.is_empty() {
            Ok(profile)
        } else {
            Err(errors)
        }
    }

    /// Checks ranges and cross-field consistency; the error is the first
    /// problem ([`Profile::problems`]).
    pub fn validate(&self) -> Result<(), ProfileError> {
        match self.problems().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Every range and cross-field problem, each on its field: integer
    /// ranges from [`Field::spec`], overdues in 24 months at least those in
    /// 12, a known province, total assets where the industry needs them, a
    /// requested amount above zero, no tag twice.
    pub fn problems(&self) -> Vec<ProfileError> {
        use ProfileErrorKind as K;
        let mut out = Vec::new();
        let counts = [
            (Field::LegalRepAge, self.legal_rep_age),
            (Field::MonthsOperating, self.months_operating),
            (Field::TermMonths, self.term_months),
            (Field::Employees, self.employees),
            (Field::OverduesLast12Months, self.overdues_last12_months),
            (Field::OverduesLast24Months, self.overdues_last24_months),
            (
                Field::CreditInquiriesLast6Months,
                self.credit_inquiries_last6_months,
            ),
            (
                Field::ControllerOverduesLast24Months,
                self.controller_overdues_last24_months,
            ),
        ];
        for (f, v) in counts {
            if let Some((min, max)) = f.range()
                && (v < min || v > max)
            {
                out.push(ProfileError::new(f, K::OutOfRange { got: v, min, max }));
            }
        }
        if self.overdues_last24_months < self.overdues_last12_months {
            out.push(ProfileError::new(
                Field::OverduesLast24Months,
                K::FewerThanLast12Months {
                    last12: self.overdues_last12_months,
                    got: self.overdues_last24_months,
                },
            ));
        }
        if let Some(p) = &self.province
            && region::province(p).is_none()
        {
            out.push(ProfileError::new(
                Field::Province,
                K::UnknownProvince(p.clone()),
            ));
        }
        if let (Some(city), FieldKind::Text { max_len }) = (&self.city, Field::City.spec().kind)
            && (city.is_empty() || city.chars().count() > max_len)
        {
            out.push(ProfileError::new(
                Field::City,
                K::TextLength {
                    len: city.chars().count(),
                    max: max_len,
                },
            ));
        }
        if Field::TotalAssets
            .spec()
            .requirement
            .applies(Some(self.industry))
            && self.total_assets.is_none()
        {
            out.push(ProfileError::new(
                Field::TotalAssets,
                K::RequiredForIndustry(self.industry),
            ));
        }
        if self.requested_amount.is_some_and(|a| a.is_zero()) {
            out.push(ProfileError::new(Field::RequestedAmount, K::Zero));
        }
        for (i, t) in self.tags.iter().enumerate() {
            if self.tags[..i].contains(t) {
                out.push(ProfileError::new(Field::Tags, K::DuplicateTag(i)));
                break;
            }
        }
        out
    }

    /// The text a form input shows for `field` (what [`Profile::from_inputs`]
    /// reads back to this profile): money as a plain decimal string with two
    /// decimals, whole numbers, `true`/`false`, codes, tags comma-separated;
    /// `None` for an absent optional field.
    pub fn input_text(&self, field: Field) -> Option<String> {
        use Field as F;
        let money = |d: Decimal| Some(crate::money::fmt_fen(d));
        let count = |n: u32| Some(n.to_string());
        let flag = |b: bool| Some(b.to_string());
        let code = |c: &'static str| Some(c.to_owned());
        match field {
            F::MonthsOperating => count(self.months_operating),
            F::Industry => code(self.industry.as_str()),
            F::Employees => count(self.employees),
            F::AnnualRevenue => money(self.annual_revenue),
            F::TotalAssets => self.total_assets.and_then(money),
            F::TaxPaidLast24Months => money(self.tax_paid_last24_months),
            F::TaxCreditRating => code(self.tax_credit_rating.as_str()),
            F::LegalRepAge => count(self.legal_rep_age),
            F::OverdueCurrent => flag(self.overdue_current),
            F::OverduesLast12Months => count(self.overdues_last12_months),
            F::OverduesLast24Months => count(self.overdues_last24_months),
            F::NonPerforming => flag(self.non_performing),
            F::CreditInquiriesLast6Months => count(self.credit_inquiries_last6_months),
            F::AbnormalOperation => flag(self.abnormal_operation),
            F::DishonestExecutee => flag(self.dishonest_executee),
            F::ConsumptionRestricted => flag(self.consumption_restricted),
            F::Tags => Some(
                self.tags
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            )
            .filter(|t| !t.is_empty()),
            F::ExistingBusinessLoans => money(self.existing_business_loans),
            F::RequestedAmount => self.requested_amount.and_then(money),
            F::TermMonths => count(self.term_months),
            F::Collateral => code(self.collateral.as_str()),
            F::LifecycleStage => self.lifecycle_stage.and_then(|s| code(s.as_str())),
            F::Province => self.province.clone(),
            F::SupplyChainRole => code(self.supply_chain_role.as_str()),
            F::CoreEnterpriseReceivables => money(self.core_enterprise_receivables),
            F::CoreEnterprisePurchases => money(self.core_enterprise_purchases),
            F::AnnualSettlementFlow => money(self.annual_settlement_flow),
            F::AnnualPayroll => money(self.annual_payroll),
            F::CollateralType => self.collateral_type.and_then(|t| code(t.as_str())),
            F::CollateralValue => self.collateral_value.and_then(money),
            F::ExistingLoansThisBank => self.existing_loans_this_bank.and_then(money),
            F::ExistingLoansOtherBanks => self.existing_loans_other_banks.and_then(money),
            F::ControllerOverdueCurrent => flag(self.controller_overdue_current),
            F::ControllerOverduesLast24Months => count(self.controller_overdues_last24_months),
            F::City => self.city.clone(),
            F::SupplyChainTier => self.supply_chain_tier.and_then(|t| code(t.as_str())),
            F::CoreEnterpriseConfirms => flag(self.core_enterprise_confirms),
            F::AnnualCustomsTrade => money(self.annual_customs_trade),
            F::AnnualElectricityBill => money(self.annual_electricity_bill),
            F::AnnualLogisticsSpend => money(self.annual_logistics_spend),
        }
    }

    /// Every loan outstanding: the larger of `existingBusinessLoans` and
    /// this bank's plus other banks' loans (the older total alone counts as
    /// loans with other banks).
    pub fn existing_loans_total(&self) -> Decimal {
        let split = self.existing_loans_this_bank.unwrap_or(Decimal::ZERO)
            + self.existing_loans_other_banks.unwrap_or(Decimal::ZERO);
        split.max(self.existing_business_loans)
    }

    /// Loans outstanding with this bank (zero when not given).
    pub fn existing_loans_here(&self) -> Decimal {
        self.existing_loans_this_bank.unwrap_or(Decimal::ZERO)
    }

    /// True when the profile carries `tag`.
    pub fn has_tag(&self, tag: Tag) -> bool {
        self.tags.contains(&tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    const BASE: &str = r#"{"monthsOperating": 30, "industry": "software", "employees": 25,
        "annualRevenue": "8000000", "taxCreditRating": "A", "legalRepAge": 41}"#;

    fn with(extra: &str) -> Result<Profile, String> {
        let json = BASE.replacen('{', &format!("{{{extra},"), 1);
        Profile::from_json(&json).map_err(|e| e.to_string())
    }

    #[test]
    fn parses_minimal_profile_with_defaults() {
        let p = Profile::from_json(BASE).unwrap();
        assert_eq!(p.term_months, 12);
        assert_eq!(p.collateral, Collateral::None);
        assert_eq!(p.annual_revenue, Decimal::from(8_000_000));
        assert!(p.requested_amount.is_none());
    }

    #[test]
    fn messages_name_the_field() {
        let e = |extra: &str| with(extra).unwrap_err();
        assert_eq!(e(r#""bogus": 1"#), "profile: unknown field `bogus`");
        assert_eq!(
            Profile::from_json(&BASE.replace("\"8000000\"", "8000000"))
                .unwrap_err()
                .to_string(),
            "annualRevenue: expected a decimal string such as \"1234567.89\", got the JSON number 8000000"
        );
        assert_eq!(
            Profile::from_json(&BASE.replace("41", "300"))
                .unwrap_err()
                .to_string(),
            "legalRepAge: must be between 10 and 120, got 300"
        );
        assert_eq!(
            Profile::from_json(&BASE.replace("30,", "-1,"))
                .unwrap_err()
                .to_string(),
            "monthsOperating: must be a whole number ≥ 0, got -1"
        );
        assert!(
            e(r#""existingBusinessLoans": "-5""#)
                .starts_with("existingBusinessLoans: must not be negative")
        );
        assert!(
            e(r#""existingBusinessLoans": "abc""#)
                .starts_with("existingBusinessLoans: expected a decimal string")
        );
        assert_eq!(
            e(r#""overduesLast12Months": 2, "overduesLast24Months": 1"#),
            "overduesLast24Months: must be at least overduesLast12Months (2), got 1"
        );
        let collateral = e(r#""collateral": "car""#);
        assert!(
            collateral.starts_with("collateral: unknown variant `car`"),
            "{collateral}"
        );
        assert!(collateral.contains("`property`"), "{collateral}");
        assert!(e(r#""overdueCurrent": "no""#).starts_with("overdueCurrent: invalid type"));
        assert!(e(r#""province": "99""#).starts_with("province:"));
        assert!(
            Profile::from_json("{")
                .unwrap_err()
                .to_string()
                .starts_with("profile: malformed JSON")
        );
        assert!(
            Profile::from_json(&format!("{BASE} x"))
                .unwrap_err()
                .to_string()
                .starts_with("profile: malformed JSON")
        );
        assert!(
            Profile::from_json("{}")
                .unwrap_err()
                .to_string()
                .contains("missing field `monthsOperating`")
        );
        assert!(
            Profile::from_json("[]")
                .unwrap_err()
                .to_string()
                .starts_with("profile:")
        );
    }

    #[test]
    fn construction_needs_total_assets() {
        let json = BASE.replace("\"software\"", "\"construction\"");
        assert!(
            Profile::from_json(&json)
                .unwrap_err()
                .to_string()
                .starts_with("totalAssets: required")
        );
    }

    #[test]
    fn round_trips() {
        let p = with(r#""requestedAmount": "1000000.5", "tags": ["high_tech"]"#).unwrap();
        let json = serde_json::to_string(&p).unwrap();
        assert!(
            json.contains("\"requestedAmount\":\"1000000.50\""),
            "{json}"
        );
        assert_eq!(Profile::from_json(&json).unwrap(), p);
    }

    fn typed<'a>(pairs: &'a [(Field, &'a str)]) -> impl Fn(Field) -> Option<&'a str> {
        move |f| pairs.iter().find(|(g, _)| *g == f).map(|(_, v)| *v)
    }

    #[test]
    fn what_a_visitor_types_becomes_a_profile() {
        let p = Profile::from_inputs(typed(&[
            (Field::Industry, "software"),
            (Field::Employees, "35"),
            (Field::MonthsOperating, "４０"),
            (Field::Province, "44"),
            (Field::LifecycleStage, "growth"),
            (Field::Tags, "high_tech,specialized_new"),
            (Field::AnnualRevenue, "1,234万"),
            (Field::TaxPaidLast24Months, "80万"),
            (Field::TaxCreditRating, "A"),
            (Field::LegalRepAge, " 42 "),
            (Field::OverdueCurrent, ""),
            (Field::RequestedAmount, "1,200,000"),
        ]))
        .unwrap();
        assert_eq!(p.annual_revenue, Decimal::from(12_340_000));
        assert_eq!(p.requested_amount, Some(Decimal::from(1_200_000)));
        assert_eq!(p.months_operating, 40);
        assert_eq!(p.term_months, DEFAULT_TERM_MONTHS);
        assert_eq!(p.tags, [Tag::HighTech, Tag::SpecializedNew]);
        assert_eq!(p.province.as_deref(), Some("44"));
        // The same profile as its JSON form.
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(Profile::from_json(&json).unwrap(), p);
    }

    #[test]
    fn every_input_error_at_once_each_on_its_field() {
        let errors = Profile::from_inputs(typed(&[
            (Field::Industry, "construction"),
            (Field::Employees, "-3"),
            (Field::AnnualRevenue, "lots"),
            (Field::TaxCreditRating, "A"),
            (Field::LegalRepAge, "200"),
            (Field::OverduesLast12Months, "2"),
            (Field::OverduesLast24Months, "1"),
            (Field::RequestedAmount, "0"),
        ]))
        .unwrap_err();
        let on = |f: Field| {
            errors
                .iter()
                .find(|e| e.field == Some(f))
                .map(|e| e.kind.clone())
        };
        assert_eq!(on(Field::MonthsOperating), Some(ProfileErrorKind::Missing));
        assert_eq!(
            on(Field::Employees),
            Some(ProfileErrorKind::NotWholeNumber("-3".into()))
        );
        assert_eq!(
            on(Field::AnnualRevenue),
            Some(ProfileErrorKind::NotAnAmount("lots".into()))
        );
        assert_eq!(
            on(Field::LegalRepAge),
            Some(ProfileErrorKind::OutOfRange {
                got: 200,
                min: 10,
                max: 120
            })
        );
        // Cross-field errors belong to the field they are about.
        assert_eq!(
            on(Field::OverduesLast24Months),
            Some(ProfileErrorKind::FewerThanLast12Months { last12: 2, got: 1 })
        );
        assert_eq!(on(Field::OverduesLast12Months), None);
        assert_eq!(
            on(Field::TotalAssets),
            Some(ProfileErrorKind::RequiredForIndustry(
                Industry::Construction
            ))
        );
        assert_eq!(on(Field::Industry), None);
        assert_eq!(on(Field::RequestedAmount), Some(ProfileErrorKind::Zero));
        assert_eq!(errors.len(), 7, "{errors:?}");
        let age = errors
            .iter()
            .find(|e| e.field == Some(Field::LegalRepAge))
            .unwrap();
        assert_eq!(
            age.message(Lang::En),
            "Enter a whole number from 10 to 120."
        );
        assert_eq!(age.message(Lang::ZhHant), "請輸入 10 到 120 之間的整數。");
    }

    #[test]
    fn json_errors_belong_to_their_field() {
        let e = Profile::from_json(&BASE.replace("41", "300")).unwrap_err();
        assert_eq!(e.field, Some(Field::LegalRepAge));
        let e = with(r#""bogus": 1"#);
        assert!(e.is_err());
        let e = Profile::from_json(r#"{"industry": "software"}"#).unwrap_err();
        assert_eq!(
            (e.field, e.kind),
            (Some(Field::MonthsOperating), ProfileErrorKind::Missing)
        );
        let e = Profile::from_json(&BASE.replace("\"software\"", "\"construction\"")).unwrap_err();
        assert_eq!(e.field, Some(Field::TotalAssets));
        let e = Profile::from_json(&BASE.replace('{', "{\"tags\": [\"x\"],")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "tags: unknown variant `x`, expected `high_tech` or `specialized_new`"
        );
        assert_eq!(e.field, Some(Field::Tags));
    }
}
