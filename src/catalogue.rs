//! The product catalogue as data: global rules (thresholds
//! for the knock-out and soft rules, tax-rating multipliers, M-rating cap,
//! debt headroom, the 1-year LPR) and per product its kind, caps per
//! collateral, spread over the LPR, term limits, limit basis and minimum
//! months of operation.
//!
//! [`Catalogue::from_json`] parses and validates a catalogue; every error
//! names the JSON path (`products[2].caps.credit: must be more than 0`),
//! including the semantic checks (a low above its high, a cap ≤ 0, a
//! duplicate product id, an unknown product kind). The default catalogue is
//! `src/catalogue/default.json`, embedded at compile time and returned by
//! [`Catalogue::default_catalogue`]. The format is documented in
//! `docs/precheck.md`.

use crate::i18n::LocalizedText;
use crate::money::{de_money, de_money_opt, fmt_fen, ser_money, ser_money_opt};
use crate::profile::{Collateral, Fields, TaxRating};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, de};
use std::sync::OnceLock;

/// The default catalogue's JSON text (`src/catalogue/default.json` with the
/// whitespace between tokens removed by `build.rs`).
pub const DEFAULT_CATALOGUE_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/catalogue_default.json"));

/// A validated product catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Catalogue {
    /// Catalogue identifier and version, e.g. `"default@1"`.
    pub version: String,
    /// The 1-year loan prime rate the rates are quoted against.
    pub lpr: Lpr,
    /// Rules shared by every product.
    pub rules: Rules,
    /// The products, in display order.
    pub products: Vec<Product>,
}

/// The 1-year LPR: an annual percentage and the date it was published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Lpr {
    /// Annual percent, e.g. `"3.00"`.
    #[serde(deserialize_with = "de_decimal")]
    pub rate: Decimal,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
}

/// An inclusive whole-number range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntRange {
    /// Lowest accepted value.
    pub min: u32,
    /// Highest accepted value.
    pub max: u32,
}

/// A decimal range (percentage points or multipliers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecRange {
    /// Low end.
    #[serde(deserialize_with = "de_decimal")]
    pub low: Decimal,
    /// High end.
    #[serde(deserialize_with = "de_decimal")]
    pub high: Decimal,
}

/// Tax-based limit multipliers of the average annual tax: `low` for the
/// low end of every rating, `B` and `A` for the high end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingMultipliers {
    /// Low end (×5 in the default catalogue); also the high end for M.
    #[serde(deserialize_with = "de_decimal")]
    pub low: Decimal,
    /// High end for rating B (×7).
    #[serde(rename = "B", deserialize_with = "de_decimal")]
    pub b: Decimal,
    /// High end for rating A (×9).
    #[serde(rename = "A", deserialize_with = "de_decimal")]
    pub a: Decimal,
}

/// Rules shared by all products (configurable market practice, not law).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rules {
    /// Accepted age of the legal representative (18–65).
    pub legal_rep_age: IntRange,
    /// Most overdue events allowed in the last 12 months (0).
    pub max_overdues_last12_months: u32,
    /// Most overdue events allowed in the last 24 months (1); any allowed
    /// overdue is a soft flag (manual review).
    pub max_overdues_last24_months: u32,
    /// More credit inquiries than this in 6 months is a soft flag (6).
    pub credit_inquiries_soft_flag: u32,
    /// Tax ratings that knock out every product (C, D).
    pub knock_out_ratings: Vec<TaxRating>,
    /// Tax-based limit multipliers.
    pub rating_multipliers: RatingMultipliers,
    /// Highest limit of any product for an M-rated taxpayer.
    #[serde(deserialize_with = "de_money", serialize_with = "ser_money")]
    pub m_rating_cap: Decimal,
    /// Debt headroom as a share of annual revenue (0.50), less existing
    /// business loans.
    #[serde(deserialize_with = "de_decimal")]
    pub debt_headroom_share: Decimal,
    /// Limit estimates are rounded down to a multiple of this (10000).
    #[serde(deserialize_with = "de_money", serialize_with = "ser_money")]
    pub limit_rounding: Decimal,
    /// Spread reduction (percentage points) at the low end of the rate range
    /// for `high_tech` or `specialized_new` enterprises.
    #[serde(deserialize_with = "de_decimal")]
    pub tag_spread_discount: Decimal,
}

/// What drives a product's limit and which product-specific rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductKind {
    /// Online credit from transaction, asset and credit data (經營快貸):
    /// basis = annual revenue.
    Credit,
    /// Online loans secured by mortgage or pledge (網貸通): basis = annual
    /// revenue.
    Secured,
    /// Supply-chain finance (數字供應鏈): basis = receivables owed by the
    /// core enterprise (suppliers) or annual purchases from it
    /// (distributors).
    SupplyChain,
    /// 結算貸: basis = annual settlement flow.
    Settlement,
    /// 稅務貸: basis = average annual tax × the rating multipliers.
    Tax,
    /// 用工貸: basis = annual payroll.
    Payroll,
}

impl ProductKind {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            ProductKind::Credit => "credit",
            ProductKind::Secured => "secured",
            ProductKind::SupplyChain => "supply_chain",
            ProductKind::Settlement => "settlement",
            ProductKind::Tax => "tax",
            ProductKind::Payroll => "payroll",
        }
    }
}

/// The most a product lends with each kind of collateral; an absent cap
/// means the product does not accept that collateral (`credit` absent =
/// collateral required).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Caps {
    /// Unsecured (credit) exposure cap.
    #[serde(
        default,
        deserialize_with = "de_money_opt",
        serialize_with = "ser_money_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub credit: Option<Decimal>,
    /// Cap with a property mortgage.
    #[serde(
        default,
        deserialize_with = "de_money_opt",
        serialize_with = "ser_money_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub property: Option<Decimal>,
    /// Cap with a pledge.
    #[serde(
        default,
        deserialize_with = "de_money_opt",
        serialize_with = "ser_money_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub pledge: Option<Decimal>,
    /// Cap with a quality institution's guarantee.
    #[serde(
        default,
        deserialize_with = "de_money_opt",
        serialize_with = "ser_money_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub guarantee: Option<Decimal>,
}

impl Caps {
    /// The cap for the declared collateral; `None` when the product does not
    /// accept it.
    pub fn for_collateral(&self, collateral: Collateral) -> Option<Decimal> {
        match collateral {
            Collateral::None => self.credit,
            Collateral::Property => self.property,
            Collateral::Pledge => self.pledge,
            Collateral::Guarantee => self.guarantee,
        }
    }

    /// The cap a declared collateral actually gets: a collateral the product
    /// does not accept counts as none.
    pub fn effective(&self, collateral: Collateral) -> Option<Decimal> {
        self.for_collateral(collateral).or(self.credit)
    }

    /// The highest cap over every accepted collateral.
    pub fn max(&self) -> Option<Decimal> {
        Collateral::ALL
            .iter()
            .filter_map(|c| self.for_collateral(*c))
            .max()
    }
}

/// One product of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Product {
    /// Stable id, e.g. `jingying_kuaidai`.
    pub id: String,
    /// What drives the limit and the product-specific rules.
    pub kind: ProductKind,
    /// Display name.
    pub name: LocalizedText,
    /// Product lines shown with the name (e.g. 場景e貸, 小額e貸, 區域e貸).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<LocalizedText>,
    /// Minimum months of operation.
    pub min_months_operating: u32,
    /// Caps per collateral.
    pub caps: Caps,
    /// Requests above this amount are pre-qualified only with manual review.
    #[serde(
        default,
        deserialize_with = "de_money_opt",
        serialize_with = "ser_money_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub review_above: Option<Decimal>,
    /// Spread over the LPR, percentage points.
    pub spread: DecRange,
    /// Accepted loan terms, months.
    pub term_months: IntRange,
    /// Multipliers of the limit basis (absent for kind `tax`, which uses the
    /// rating multipliers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<DecRange>,
}

/// A strict non-negative decimal string (rates, shares, multipliers).
fn de_decimal<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    struct V;
    impl de::Visitor<'_> for V {
        type Value = Decimal;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a decimal string such as \"0.35\"")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
            let ok = !v.is_empty()
                && v.len() <= 20
                && v.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && v.bytes().filter(|&b| b == b'.').count() <= 1
                && !v.starts_with('.')
                && !v.ends_with('.');
            if v.starts_with('-') {
                return Err(E::custom(format_args!("must not be negative, got \"{v}\"")));
            }
            if !ok {
                return Err(E::custom(format_args!(
                    "expected a decimal string such as \"0.35\", got \"{v}\""
                )));
            }
            Decimal::from_str_exact(v).map_err(|_| {
                E::custom(format_args!(
                    "expected a decimal string such as \"0.35\", got \"{v}\""
                ))
            })
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
            Err(E::custom(format_args!(
                "expected a decimal string such as \"0.35\", got the JSON number {v}"
            )))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
            Err(E::custom(format_args!(
                "expected a decimal string such as \"0.35\", got the JSON number {v}"
            )))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
            Err(E::custom(format_args!(
                "expected a decimal string such as \"0.35\", got the JSON number {v}"
            )))
        }
    }
    deserializer.deserialize_any(V)
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && matches!(s[5..7].parse::<u32>(), Ok(1..=12))
        && matches!(s[8..10].parse::<u32>(), Ok(1..=31))
}

fn is_snake_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The rules' JSON field names.
const RULES_FIELDS: [&str; 10] = [
    "legalRepAge",
    "maxOverduesLast12Months",
    "maxOverduesLast24Months",
    "creditInquiriesSoftFlag",
    "knockOutRatings",
    "ratingMultipliers",
    "mRatingCap",
    "debtHeadroomShare",
    "limitRounding",
    "tagSpreadDiscount",
];

/// A product's JSON field names.
const PRODUCT_FIELDS: [&str; 10] = [
    "id",
    "kind",
    "name",
    "lines",
    "minMonthsOperating",
    "caps",
    "reviewAbove",
    "spread",
    "termMonths",
    "basis",
];

/// Longest accepted term anywhere, months.
pub const MAX_TERM_MONTHS: u32 = 360;

impl Catalogue {
    /// Parses and validates a catalogue; the error names the JSON path.
    pub fn from_json(json: &str) -> Result<Catalogue, String> {
        let value = Fields::parse(json, "catalogue")?;
        let f = Fields::top(
            &value,
            "catalogue",
            &["version", "lpr", "rules", "products"],
        )?;
        let int_range = |g: &Fields| -> Result<IntRange, String> {
            Ok(IntRange {
                min: g.req("min", u32::deserialize)?,
                max: g.req("max", u32::deserialize)?,
            })
        };
        let dec_range = |g: &Fields| -> Result<DecRange, String> {
            Ok(DecRange {
                low: g.req("low", de_decimal)?,
                high: g.req("high", de_decimal)?,
            })
        };
        let version = f.req("version", String::deserialize)?;
        let lpr = f.req_object("lpr", &["rate", "date"], |g| {
            Ok(Lpr {
                rate: g.req("rate", de_decimal)?,
                date: g.req("date", String::deserialize)?,
            })
        })?;
        let rules = f.req_object("rules", &RULES_FIELDS, |g| {
            Ok(Rules {
                legal_rep_age: g.req_object("legalRepAge", &["min", "max"], int_range)?,
                max_overdues_last12_months: g.req("maxOverduesLast12Months", u32::deserialize)?,
                max_overdues_last24_months: g.req("maxOverduesLast24Months", u32::deserialize)?,
                credit_inquiries_soft_flag: g.req("creditInquiriesSoftFlag", u32::deserialize)?,
                knock_out_ratings: g.req("knockOutRatings", Vec::<TaxRating>::deserialize)?,
                rating_multipliers: g.req_object("ratingMultipliers", &["low", "B", "A"], |m| {
                    Ok(RatingMultipliers {
                        low: m.req("low", de_decimal)?,
                        b: m.req("B", de_decimal)?,
                        a: m.req("A", de_decimal)?,
                    })
                })?,
                m_rating_cap: g.req("mRatingCap", de_money)?,
                debt_headroom_share: g.req("debtHeadroomShare", de_decimal)?,
                limit_rounding: g.req("limitRounding", de_money)?,
                tag_spread_discount: g.req("tagSpreadDiscount", de_decimal)?,
            })
        })?;
        let mut products = Vec::new();
        for (path, item) in f.req_array("products")? {
            let g = Fields::nested(item, path, "catalogue", &PRODUCT_FIELDS)?;
            products.push(Product {
                id: g.req("id", String::deserialize)?,
                kind: g.req("kind", ProductKind::deserialize)?,
                name: g.req("name", LocalizedText::deserialize)?,
                lines: g.or("lines", Vec::new(), Vec::<LocalizedText>::deserialize)?,
                min_months_operating: g.req("minMonthsOperating", u32::deserialize)?,
                caps: g.req_object(
                    "caps",
                    &["credit", "property", "pledge", "guarantee"],
                    |c| {
                        Ok(Caps {
                            credit: c.opt("credit", de_money)?,
                            property: c.opt("property", de_money)?,
                            pledge: c.opt("pledge", de_money)?,
                            guarantee: c.opt("guarantee", de_money)?,
                        })
                    },
                )?,
                review_above: g.opt("reviewAbove", de_money)?,
                spread: g.req_object("spread", &["low", "high"], dec_range)?,
                term_months: g.req_object("termMonths", &["min", "max"], int_range)?,
                basis: g.object("basis", &["low", "high"], dec_range)?,
            });
        }
        let catalogue = Catalogue {
            version,
            lpr,
            rules,
            products,
        };
        catalogue.validate()?;
        Ok(catalogue)
    }

    /// The default catalogue (`src/catalogue/default.json`), parsed once.
    pub fn default_catalogue() -> &'static Catalogue {
        static DEFAULT: OnceLock<Catalogue> = OnceLock::new();
        DEFAULT.get_or_init(|| {
            Catalogue::from_json(DEFAULT_CATALOGUE_JSON)
                .unwrap_or_else(|e| panic!("the embedded default catalogue is invalid: {e}"))
        })
    }

    /// The product with `id`.
    pub fn product(&self, id: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }

    /// Semantic checks beyond the JSON shape; the error names the JSON path.
    pub fn validate(&self) -> Result<(), String> {
        if self.version.trim().is_empty() {
            return Err("version: must not be empty".into());
        }
        let lpr = self.lpr.rate;
        if lpr.is_zero() || lpr >= Decimal::from(100) {
            return Err(format!(
                "lpr.rate: must be more than 0 and below 100, got {lpr}"
            ));
        }
        if !is_date(&self.lpr.date) {
            return Err(format!(
                "lpr.date: expected a date such as \"2025-09-22\", got \"{}\"",
                self.lpr.date
            ));
        }
        self.rules.validate()?;
        if self.products.is_empty() {
            return Err("products: must list at least one product".into());
        }
        if self.products.len() > 64 {
            return Err("products: at most 64 products".into());
        }
        for (i, p) in self.products.iter().enumerate() {
            let at = format!("products[{i}]");
            if !is_snake_id(&p.id) {
                return Err(format!(
                    "{at}.id: expected a snake_case id such as \"tax_loan\", got \"{}\"",
                    p.id
                ));
            }
            if self.products[..i].iter().any(|q| q.id == p.id) {
                return Err(format!("{at}.id: duplicate product id \"{}\"", p.id));
            }
            p.validate(&at)?;
            let unit = self.rules.limit_rounding;
            for (name, cap) in [
                ("credit", p.caps.credit),
                ("property", p.caps.property),
                ("pledge", p.caps.pledge),
                ("guarantee", p.caps.guarantee),
            ] {
                if let Some(cap) = cap
                    && cap < unit
                {
                    return Err(format!(
                        "{at}.caps.{name}: must be at least rules.limitRounding ({}), got {}",
                        fmt_fen(unit),
                        fmt_fen(cap)
                    ));
                }
            }
        }
        Ok(())
    }
}

impl Rules {
    fn validate(&self) -> Result<(), String> {
        let age = self.legal_rep_age;
        if age.min > age.max {
            return Err(format!(
                "rules.legalRepAge: min ({}) is above max ({})",
                age.min, age.max
            ));
        }
        if age.max > 150 {
            return Err(format!(
                "rules.legalRepAge.max: must be at most 150, got {}",
                age.max
            ));
        }
        if self.max_overdues_last24_months < self.max_overdues_last12_months {
            return Err(format!(
                "rules.maxOverduesLast24Months: must be at least maxOverduesLast12Months ({}), got {}",
                self.max_overdues_last12_months, self.max_overdues_last24_months
            ));
        }
        let m = self.rating_multipliers;
        if m.low.is_zero() {
            return Err("rules.ratingMultipliers.low: must be more than 0".into());
        }
        if m.low > m.b {
            return Err(format!(
                "rules.ratingMultipliers: low ({}) is above B ({})",
                m.low, m.b
            ));
        }
        if m.b > m.a {
            return Err(format!(
                "rules.ratingMultipliers: B ({}) is above A ({})",
                m.b, m.a
            ));
        }
        if m.a > Decimal::from(1000) {
            return Err(format!(
                "rules.ratingMultipliers.A: must be at most 1000, got {}",
                m.a
            ));
        }
        if self.m_rating_cap.is_zero() {
            return Err("rules.mRatingCap: must be more than 0".into());
        }
        let share = self.debt_headroom_share;
        if share.is_zero() || share > Decimal::from(10) {
            return Err(format!(
                "rules.debtHeadroomShare: must be more than 0 and at most 10, got {share}"
            ));
        }
        if self.limit_rounding.is_zero() {
            return Err(
                "rules.limitRounding: must be more than 0 (use \"0.01\" for no rounding)".into(),
            );
        }
        if self.tag_spread_discount > Decimal::from(10) {
            return Err(format!(
                "rules.tagSpreadDiscount: must be at most 10, got {}",
                self.tag_spread_discount
            ));
        }
        for (i, r) in self.knock_out_ratings.iter().enumerate() {
            if self.knock_out_ratings[..i].contains(r) {
                return Err(format!(
                    "rules.knockOutRatings[{i}]: duplicate rating {}",
                    r.as_str()
                ));
            }
        }
        Ok(())
    }
}

impl Product {
    fn validate(&self, at: &str) -> Result<(), String> {
        if self.name.get(crate::i18n::Lang::ZhHans).trim().is_empty() {
            return Err(format!("{at}.name: must have a text"));
        }
        if self.min_months_operating > 1200 {
            return Err(format!(
                "{at}.minMonthsOperating: must be at most 1200, got {}",
                self.min_months_operating
            ));
        }
        let caps = [
            ("credit", self.caps.credit),
            ("property", self.caps.property),
            ("pledge", self.caps.pledge),
            ("guarantee", self.caps.guarantee),
        ];
        if caps.iter().all(|(_, c)| c.is_none()) {
            return Err(format!(
                "{at}.caps: must give at least one cap (credit, property, pledge or guarantee)"
            ));
        }
        for (name, cap) in caps {
            let Some(cap) = cap else { continue };
            if cap.is_zero() {
                return Err(format!(
                    "{at}.caps.{name}: must be more than 0, got {}",
                    fmt_fen(cap)
                ));
            }
            if let Some(credit) = self.caps.credit
                && cap < credit
            {
                return Err(format!(
                    "{at}.caps.{name}: must be at least caps.credit ({}), got {}",
                    fmt_fen(credit),
                    fmt_fen(cap)
                ));
            }
        }
        if self.review_above.is_some_and(|r| r.is_zero()) {
            return Err(format!("{at}.reviewAbove: must be more than 0"));
        }
        if self.spread.low > self.spread.high {
            return Err(format!(
                "{at}.spread: low ({}) is above high ({})",
                self.spread.low, self.spread.high
            ));
        }
        if self.spread.high > Decimal::from(50) {
            return Err(format!(
                "{at}.spread.high: must be at most 50, got {}",
                self.spread.high
            ));
        }
        let t = self.term_months;
        if t.min == 0 {
            return Err(format!("{at}.termMonths.min: must be at least 1"));
        }
        if t.min > t.max {
            return Err(format!(
                "{at}.termMonths: min ({}) is above max ({})",
                t.min, t.max
            ));
        }
        if t.max > MAX_TERM_MONTHS {
            return Err(format!(
                "{at}.termMonths.max: must be at most {MAX_TERM_MONTHS}, got {}",
                t.max
            ));
        }
        match (self.kind, &self.basis) {
            (ProductKind::Tax, Some(_)) => {
                return Err(format!(
                    "{at}.basis: not used by kind \"tax\" (rules.ratingMultipliers apply)"
                ));
            }
            (ProductKind::Tax, None) => {}
            (kind, None) => {
                return Err(format!(
                    "{at}.basis: required for kind \"{}\"",
                    kind.as_str()
                ));
            }
            (_, Some(b)) => {
                if b.high.is_zero() {
                    return Err(format!("{at}.basis.high: must be more than 0"));
                }
                if b.low > b.high {
                    return Err(format!(
                        "{at}.basis: low ({}) is above high ({})",
                        b.low, b.high
                    ));
                }
                if b.high > Decimal::from(100) {
                    return Err(format!(
                        "{at}.basis.high: must be at most 100, got {}",
                        b.high
                    ));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn broken(edit: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut v: serde_json::Value = serde_json::from_str(DEFAULT_CATALOGUE_JSON).unwrap();
        edit(&mut v);
        Catalogue::from_json(&v.to_string()).unwrap_err()
    }

    #[test]
    fn default_catalogue_is_valid_and_has_six_products() {
        let c = Catalogue::default_catalogue();
        let ids: Vec<&str> = c.products.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "jingying_kuaidai",
                "wangdaitong",
                "digital_supply_chain",
                "settlement_loan",
                "tax_loan",
                "payroll_loan"
            ]
        );
        let jy = c.product("jingying_kuaidai").unwrap();
        assert_eq!(jy.caps.credit, Some(Decimal::from(3_000_000)));
        assert_eq!(jy.caps.property, Some(Decimal::from(10_000_000)));
        assert_eq!(jy.review_above, Some(Decimal::from(5_000_000)));
        assert_eq!(
            c.product("wangdaitong").unwrap().caps.max(),
            Some(Decimal::from(30_000_000))
        );
        assert_eq!(c.lpr.rate.to_string(), "3.00");
        assert_eq!(c.lpr.date, "2025-09-22");
    }

    #[test]
    fn errors_name_the_path() {
        assert_eq!(
            broken(|v| v["products"][2]["caps"]["credit"] = "0".into()),
            "products[2].caps.credit: must be more than 0, got 0.00"
        );
        assert!(
            broken(|v| v["products"][2]["caps"]["credit"] = 5.into())
                .starts_with("products[2].caps.credit: expected a decimal string")
        );
        assert!(
            broken(|v| v["products"][1]["kind"] = "magic".into())
                .starts_with("products[1].kind: unknown variant `magic`")
        );
        assert_eq!(
            broken(|v| v["products"][3]["id"] = "tax_loan".into()),
            "products[4].id: duplicate product id \"tax_loan\""
        );
        assert_eq!(
            broken(|v| v["products"][0]["spread"]["low"] = "9".into()),
            "products[0].spread: low (9) is above high (1.50)"
        );
        assert_eq!(
            broken(|v| v["rules"]["legalRepAge"]["min"] = 70.into()),
            "rules.legalRepAge: min (70) is above max (65)"
        );
        assert_eq!(
            broken(|v| v["products"][0]["extra"] = 1.into()),
            "products[0]: unknown field `extra`"
        );
        assert!(broken(|v| v["lpr"]["date"] = "22/09/2025".into()).starts_with("lpr.date:"));
        assert!(
            broken(|v| v["products"][4]["basis"] = serde_json::json!({"low": "1", "high": "2"}))
                .starts_with("products[4].basis: not used")
        );
        assert!(
            broken(|v| v["products"][0]["caps"]["property"] = "100".into())
                .starts_with("products[0].caps.property: must be at least caps.credit")
        );
        assert!(
            Catalogue::from_json("nope")
                .unwrap_err()
                .starts_with("catalogue: malformed JSON")
        );
    }

    #[test]
    fn round_trips() {
        let c = Catalogue::default_catalogue();
        let json = serde_json::to_string(c).unwrap();
        assert_eq!(&Catalogue::from_json(&json).unwrap(), c);
    }
}
