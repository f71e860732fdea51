//! The enterprise profile a pre-check evaluates: its JSON
//! shape (camelCase, unknown fields rejected, money as decimal strings) and
//! its validation, with one clear message naming the field for every bad
//! input.
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

use crate::money::{de_money, de_money_opt, ser_money, ser_money_opt};
pub use crate::size_class::Industry;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, de};

/// Tax credit rating (納稅信用等級).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

impl TaxRating {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            TaxRating::A => "A",
            TaxRating::B => "B",
            TaxRating::M => "M",
            TaxRating::C => "C",
            TaxRating::D => "D",
        }
    }
}

/// Collateral or credit enhancement the enterprise can offer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Collateral {
    /// Unsecured (credit) only.
    #[default]
    None,
    /// Real-estate mortgage (抵押).
    Property,
    /// Pledge of receivables, deposits or rights (質押).
    Pledge,
    /// A quality institution's guarantee (優質機構擔保).
    Guarantee,
}

impl Collateral {
    /// All values, `none` first.
    pub const ALL: [Collateral; 4] = [
        Collateral::None,
        Collateral::Property,
        Collateral::Pledge,
        Collateral::Guarantee,
    ];

    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Collateral::None => "none",
            Collateral::Property => "property",
            Collateral::Pledge => "pledge",
            Collateral::Guarantee => "guarantee",
        }
    }
}

/// Lifecycle stage (初創期 / 成長期 / 成熟期).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LifecycleStage {
    /// 初創期.
    Startup,
    /// 成長期.
    Growth,
    /// 成熟期.
    Mature,
}

/// Qualification tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    /// 高新技術企業.
    HighTech,
    /// 專精特新 (specialised, refined, distinctive, innovative).
    SpecializedNew,
}

/// Role in a core enterprise's supply chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
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

/// An enterprise profile. Build it with [`Profile::from_json`], which also
/// runs [`Profile::validate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Profile {
    /// Months since the business started operating.
    #[serde(deserialize_with = "de_count")]
    pub months_operating: u32,
    /// Industry for the size classification.
    pub industry: Industry,
    /// Employees (從業人員).
    #[serde(deserialize_with = "de_count")]
    pub employees: u32,
    /// Operating revenue of the last year, CNY.
    #[serde(deserialize_with = "de_money", serialize_with = "ser_money")]
    pub annual_revenue: Decimal,
    /// Total assets, CNY (needed for construction, real estate, leasing).
    #[serde(
        default,
        deserialize_with = "de_money_opt",
        serialize_with = "ser_money_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_assets: Option<Decimal>,
    /// Tax paid over the last 24 months, CNY.
    #[serde(default, deserialize_with = "de_money", serialize_with = "ser_money")]
    pub tax_paid_last24_months: Decimal,
    /// Tax credit rating.
    pub tax_credit_rating: TaxRating,
    /// Age of the legal representative, years.
    #[serde(deserialize_with = "de_count")]
    pub legal_rep_age: u32,
    /// A repayment is overdue right now.
    #[serde(default)]
    pub overdue_current: bool,
    /// Overdue events in the last 12 months.
    #[serde(default, deserialize_with = "de_count")]
    pub overdues_last12_months: u32,
    /// Overdue events in the last 24 months (includes the last 12).
    #[serde(default, deserialize_with = "de_count")]
    pub overdues_last24_months: u32,
    /// A loan is classified substandard, doubtful or loss (次級/可疑/損失).
    #[serde(default)]
    pub non_performing: bool,
    /// Credit report inquiries in the last 6 months.
    #[serde(default, deserialize_with = "de_count")]
    pub credit_inquiries_last6_months: u32,
    /// Listed for abnormal operation (經營異常).
    #[serde(default)]
    pub abnormal_operation: bool,
    /// Listed as a dishonest judgment debtor (失信被執行人).
    #[serde(default)]
    pub dishonest_executee: bool,
    /// Under a high-consumption restriction order (限高).
    #[serde(default)]
    pub consumption_restricted: bool,
    /// Qualification tags.
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// Outstanding business loans, CNY.
    #[serde(default, deserialize_with = "de_money", serialize_with = "ser_money")]
    pub existing_business_loans: Decimal,
    /// The amount asked for, CNY; absent = "how much could I get?".
    #[serde(
        default,
        deserialize_with = "de_money_opt",
        serialize_with = "ser_money_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub requested_amount: Option<Decimal>,
    /// Loan term in months (default 12).
    #[serde(default = "default_term", deserialize_with = "de_count")]
    pub term_months: u32,
    /// Collateral offered.
    #[serde(default)]
    pub collateral: Collateral,
    /// Lifecycle stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifecycle_stage: Option<LifecycleStage>,
    /// Province, GB/T 2260 two-digit code (e.g. "11" Beijing, "44" Guangdong).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// Role in a core enterprise's supply chain.
    #[serde(default)]
    pub supply_chain_role: SupplyChainRole,
    /// Receivables owed by the core enterprise (suppliers), CNY.
    #[serde(default, deserialize_with = "de_money", serialize_with = "ser_money")]
    pub core_enterprise_receivables: Decimal,
    /// Annual purchases from the core enterprise (distributors), CNY.
    #[serde(default, deserialize_with = "de_money", serialize_with = "ser_money")]
    pub core_enterprise_purchases: Decimal,
    /// Annual settlement flow through the bank, CNY.
    #[serde(default, deserialize_with = "de_money", serialize_with = "ser_money")]
    pub annual_settlement_flow: Decimal,
    /// Annual payroll (wages paid), CNY.
    #[serde(default, deserialize_with = "de_money", serialize_with = "ser_money")]
    pub annual_payroll: Decimal,
}

fn default_term() -> u32 {
    12
}

/// GB/T 2260 province-level codes (first two digits).
pub const PROVINCE_CODES: [&str; 34] = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82",
];

/// Sane input ranges (not eligibility rules: those live in the catalogue).
pub const AGE_RANGE: (u32, u32) = (10, 120);
/// Months operating accepted (0 to 100 years).
pub const MONTHS_RANGE: (u32, u32) = (0, 1200);
/// Loan term accepted, months.
pub const TERM_RANGE: (u32, u32) = (1, 360);
/// Employees accepted.
pub const EMPLOYEES_MAX: u32 = 10_000_000;
/// Counts of overdues and inquiries accepted.
pub const COUNT_MAX: u32 = 1000;

/// A non-negative whole number: negative numbers, fractions and strings get
/// a clear message instead of serde's "invalid value … expected u32".
fn de_count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    struct V;
    impl de::Visitor<'_> for V {
        type Value = u32;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a whole number ≥ 0")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<u32, E> {
            u32::try_from(v).map_err(|_| {
                E::custom(format_args!(
                    "must be a whole number ≥ 0, got {v} (too large)"
                ))
            })
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<u32, E> {
            if v < 0 {
                Err(E::custom(format_args!(
                    "must be a whole number ≥ 0, got {v}"
                )))
            } else {
                self.visit_u64(v as u64)
            }
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<u32, E> {
            if v.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&v) {
                Ok(v as u32)
            } else {
                Err(E::custom(format_args!(
                    "must be a whole number ≥ 0, got {v}"
                )))
            }
        }
    }
    deserializer.deserialize_any(V)
}

/// Reads the fields of one JSON object, naming `path.field` in every error.
/// Parsing goes through `serde_json::Value` and deserializes field by field,
/// which gives messages with the JSON path without a path-tracking
/// deserializer wrapper (that wrapper doubled the parser's wasm code).
pub(crate) struct Fields<'a> {
    object: &'a serde_json::Map<String, serde_json::Value>,
    /// Path of this object (`""` at the top, `products[2].caps`, …).
    path: String,
    /// What the top level is called in messages (`profile`, `catalogue`).
    what: &'a str,
}

type ValueResult<T> = Result<T, serde_json::Error>;

impl<'a> Fields<'a> {
    /// Parses `json` into a top-level object.
    pub(crate) fn parse(json: &str, what: &str) -> Result<serde_json::Value, String> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| format!("{what}: malformed JSON: {e}"))?;
        if !value.is_object() {
            return Err(format!("{what}: expected a JSON object {{ … }}"));
        }
        Ok(value)
    }

    /// The fields of a top-level object.
    pub(crate) fn top(
        value: &'a serde_json::Value,
        what: &'a str,
        known: &[&str],
    ) -> Result<Self, String> {
        let object = value
            .as_object()
            .ok_or_else(|| format!("{what}: expected a JSON object {{ … }}"))?;
        let fields = Fields {
            object,
            path: String::new(),
            what,
        };
        fields.check_known(known)?;
        Ok(fields)
    }

    /// The name of this object in messages.
    fn here(&self) -> &str {
        if self.path.is_empty() {
            self.what
        } else {
            &self.path
        }
    }

    /// The path of a field of this object.
    pub(crate) fn at(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    fn check_known(&self, known: &[&str]) -> Result<(), String> {
        match self.object.keys().find(|k| !known.contains(&k.as_str())) {
            Some(unknown) => Err(format!("{}: unknown field `{unknown}`", self.here())),
            None => Ok(()),
        }
    }

    fn read<T>(
        &self,
        key: &str,
        value: &'a serde_json::Value,
        de: impl FnOnce(&'a serde_json::Value) -> ValueResult<T>,
    ) -> Result<T, String> {
        de(value).map_err(|e| format!("{}: {e}", self.at(key)))
    }

    /// A required field.
    pub(crate) fn req<T>(
        &self,
        key: &str,
        de: impl FnOnce(&'a serde_json::Value) -> ValueResult<T>,
    ) -> Result<T, String> {
        match self.object.get(key) {
            Some(v) => self.read(key, v, de),
            None => Err(format!("{}: missing field `{key}`", self.here())),
        }
    }

    /// A field with a default when absent (`null` is passed on, so a
    /// non-optional field rejects it).
    pub(crate) fn or<T>(
        &self,
        key: &str,
        default: T,
        de: impl FnOnce(&'a serde_json::Value) -> ValueResult<T>,
    ) -> Result<T, String> {
        match self.object.get(key) {
            Some(v) => self.read(key, v, de),
            None => Ok(default),
        }
    }

    /// An optional field: absent or `null` is `None`.
    pub(crate) fn opt<T>(
        &self,
        key: &str,
        de: impl FnOnce(&'a serde_json::Value) -> ValueResult<T>,
    ) -> Result<Option<T>, String> {
        match self.object.get(key) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(v) => self.read(key, v, de).map(Some),
        }
    }

    /// A nested object field, read by `build` with the nested path.
    pub(crate) fn object<T>(
        &self,
        key: &str,
        known: &[&str],
        build: impl FnOnce(&Fields<'a>) -> Result<T, String>,
    ) -> Result<Option<T>, String> {
        match self.object.get(key) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(v) => Fields::nested(v, self.at(key), self.what, known)
                .and_then(|f| build(&f))
                .map(Some),
        }
    }

    /// A required nested object field.
    pub(crate) fn req_object<T>(
        &self,
        key: &str,
        known: &[&str],
        build: impl FnOnce(&Fields<'a>) -> Result<T, String>,
    ) -> Result<T, String> {
        self.object(key, known, build)?
            .ok_or_else(|| format!("{}: missing field `{key}`", self.here()))
    }

    /// The fields of `value` at `path`.
    pub(crate) fn nested(
        value: &'a serde_json::Value,
        path: String,
        what: &'a str,
        known: &[&str],
    ) -> Result<Fields<'a>, String> {
        let object = value.as_object().ok_or_else(|| {
            format!(
                "{path}: expected a JSON object {{ … }}, got {}",
                kind_of(value)
            )
        })?;
        let fields = Fields { object, path, what };
        fields.check_known(known)?;
        Ok(fields)
    }

    /// A required array field, returned with its element paths.
    pub(crate) fn req_array(
        &self,
        key: &str,
    ) -> Result<Vec<(String, &'a serde_json::Value)>, String> {
        match self.object.get(key) {
            Some(serde_json::Value::Array(items)) => Ok(items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{}[{i}]", self.at(key)), v))
                .collect()),
            Some(other) => Err(format!(
                "{}: expected a JSON array, got {}",
                self.at(key),
                kind_of(other)
            )),
            None => Err(format!("{}: missing field `{key}`", self.here())),
        }
    }
}

/// A short description of a JSON value's type for messages.
fn kind_of(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// The profile's JSON field names.
const PROFILE_FIELDS: [&str; 28] = [
    "monthsOperating",
    "industry",
    "employees",
    "annualRevenue",
    "totalAssets",
    "taxPaidLast24Months",
    "taxCreditRating",
    "legalRepAge",
    "overdueCurrent",
    "overduesLast12Months",
    "overduesLast24Months",
    "nonPerforming",
    "creditInquiriesLast6Months",
    "abnormalOperation",
    "dishonestExecutee",
    "consumptionRestricted",
    "tags",
    "existingBusinessLoans",
    "requestedAmount",
    "termMonths",
    "collateral",
    "lifecycleStage",
    "province",
    "supplyChainRole",
    "coreEnterpriseReceivables",
    "coreEnterprisePurchases",
    "annualSettlementFlow",
    "annualPayroll",
];

impl Profile {
    /// Parses and validates a profile from JSON. The error is one message
    /// naming the field, e.g. `legalRepAge: must be between 10 and 120, got 300`.
    pub fn from_json(json: &str) -> Result<Profile, String> {
        let value = Fields::parse(json, "profile")?;
        let f = Fields::top(&value, "profile", &PROFILE_FIELDS)?;
        let zero = Decimal::ZERO;
        let profile = Profile {
            months_operating: f.req("monthsOperating", de_count)?,
            industry: f.req("industry", Industry::deserialize)?,
            employees: f.req("employees", de_count)?,
            annual_revenue: f.req("annualRevenue", de_money)?,
            total_assets: f.opt("totalAssets", de_money)?,
            tax_paid_last24_months: f.or("taxPaidLast24Months", zero, de_money)?,
            tax_credit_rating: f.req("taxCreditRating", TaxRating::deserialize)?,
            legal_rep_age: f.req("legalRepAge", de_count)?,
            overdue_current: f.or("overdueCurrent", false, bool::deserialize)?,
            overdues_last12_months: f.or("overduesLast12Months", 0, de_count)?,
            overdues_last24_months: f.or("overduesLast24Months", 0, de_count)?,
            non_performing: f.or("nonPerforming", false, bool::deserialize)?,
            credit_inquiries_last6_months: f.or("creditInquiriesLast6Months", 0, de_count)?,
            abnormal_operation: f.or("abnormalOperation", false, bool::deserialize)?,
            dishonest_executee: f.or("dishonestExecutee", false, bool::deserialize)?,
            consumption_restricted: f.or("consumptionRestricted", false, bool::deserialize)?,
            tags: f.or("tags", Vec::new(), Vec::<Tag>::deserialize)?,
            existing_business_loans: f.or("existingBusinessLoans", zero, de_money)?,
            requested_amount: f.opt("requestedAmount", de_money)?,
            term_months: f.or("termMonths", default_term(), de_count)?,
            collateral: f.or("collateral", Collateral::None, Collateral::deserialize)?,
            lifecycle_stage: f.opt("lifecycleStage", LifecycleStage::deserialize)?,
            province: f.opt("province", String::deserialize)?,
            supply_chain_role: f.or(
                "supplyChainRole",
                SupplyChainRole::None,
                SupplyChainRole::deserialize,
            )?,
            core_enterprise_receivables: f.or("coreEnterpriseReceivables", zero, de_money)?,
            core_enterprise_purchases: f.or("coreEnterprisePurchases", zero, de_money)?,
            annual_settlement_flow: f.or("annualSettlementFlow", zero, de_money)?,
            annual_payroll: f.or("annualPayroll", zero, de_money)?,
        };
        profile.validate()?;
        Ok(profile)
    }

    /// Checks ranges and cross-field consistency; the error names the field.
    pub fn validate(&self) -> Result<(), String> {
        let range = |name: &str, v: u32, (lo, hi): (u32, u32)| {
            if v < lo || v > hi {
                Err(format!("{name}: must be between {lo} and {hi}, got {v}"))
            } else {
                Ok(())
            }
        };
        range("legalRepAge", self.legal_rep_age, AGE_RANGE)?;
        range("monthsOperating", self.months_operating, MONTHS_RANGE)?;
        range("termMonths", self.term_months, TERM_RANGE)?;
        range("employees", self.employees, (0, EMPLOYEES_MAX))?;
        range(
            "overduesLast12Months",
            self.overdues_last12_months,
            (0, COUNT_MAX),
        )?;
        range(
            "overduesLast24Months",
            self.overdues_last24_months,
            (0, COUNT_MAX),
        )?;
        range(
            "creditInquiriesLast6Months",
            self.credit_inquiries_last6_months,
            (0, COUNT_MAX),
        )?;
        if self.overdues_last24_months < self.overdues_last12_months {
            return Err(format!(
                "overduesLast24Months: must be at least overduesLast12Months ({}), got {}",
                self.overdues_last12_months, self.overdues_last24_months
            ));
        }
        if let Some(p) = &self.province
            && !PROVINCE_CODES.contains(&p.as_str())
        {
            return Err(format!(
                "province: expected a GB/T 2260 two-digit province code such as \"11\" or \"44\", got \"{p}\""
            ));
        }
        if self.industry.needs_total_assets() && self.total_assets.is_none() {
            return Err(format!(
                "totalAssets: required for industry `{}` (its size class depends on total assets)",
                self.industry.as_str()
            ));
        }
        if self.requested_amount.is_some_and(|a| a.is_zero()) {
            return Err(
                "requestedAmount: must be more than 0 (leave it out to ask for the limit)".into(),
            );
        }
        for (i, t) in self.tags.iter().enumerate() {
            if self.tags[..i].contains(t) {
                return Err(format!("tags[{i}]: duplicate tag"));
            }
        }
        Ok(())
    }

    /// True when the profile carries `tag`.
    pub fn has_tag(&self, tag: Tag) -> bool {
        self.tags.contains(&tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"{"monthsOperating": 30, "industry": "software", "employees": 25,
        "annualRevenue": "8000000", "taxCreditRating": "A", "legalRepAge": 41}"#;

    fn with(extra: &str) -> Result<Profile, String> {
        let json = BASE.replacen('{', &format!("{{{extra},"), 1);
        Profile::from_json(&json)
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
            Profile::from_json(&BASE.replace("\"8000000\"", "8000000")).unwrap_err(),
            "annualRevenue: expected a decimal string such as \"1234567.89\", got the JSON number 8000000"
        );
        assert_eq!(
            Profile::from_json(&BASE.replace("41", "300")).unwrap_err(),
            "legalRepAge: must be between 10 and 120, got 300"
        );
        assert_eq!(
            Profile::from_json(&BASE.replace("30,", "-1,")).unwrap_err(),
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
                .starts_with("profile: malformed JSON")
        );
        assert!(
            Profile::from_json(&format!("{BASE} x"))
                .unwrap_err()
                .starts_with("profile: malformed JSON")
        );
        assert!(
            Profile::from_json("{}")
                .unwrap_err()
                .contains("missing field `monthsOperating`")
        );
        assert!(
            Profile::from_json("[]")
                .unwrap_err()
                .starts_with("profile:")
        );
    }

    #[test]
    fn construction_needs_total_assets() {
        let json = BASE.replace("\"software\"", "\"construction\"");
        assert!(
            Profile::from_json(&json)
                .unwrap_err()
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
}
