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

mod terms;

pub use terms::{
    ControllerRules, Document, LoanToValue, Metric, ProductTerms, Regions, RepaymentTerms,
    SharedTerms,
};

use crate::branches::Branch;
use crate::i18n::{Lang, LocalizedText};
use crate::json::{self, Json, JsonError, JsonErrorKind, Obj};
use crate::money::{MoneyError, fmt_fen, is_decimal_str, parse_money, ser_money, ser_money_opt};
use crate::profile::{Collateral, TaxRating};
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;
use std::sync::OnceLock;

/// The default catalogue's JSON text (`src/catalogue/default.json` with the
/// whitespace between tokens removed by `build.rs`).
pub const DEFAULT_CATALOGUE_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/catalogue_default.json"));

/// A validated product catalogue.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalogue {
    /// Catalogue identifier and version, e.g. `"default@1"`.
    pub version: String,
    /// The 1-year loan prime rate the rates are quoted against.
    pub lpr: Lpr,
    /// Rules shared by every product.
    pub rules: Rules,
    /// The products, in display order.
    pub products: Vec<Product>,
    /// The documents checklist: code and what to bring.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    /// The bank's own branch directory; `None`: the default one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub branches: Option<Vec<Branch>>,
}

/// The 1-year LPR: an annual percentage and the date it was published.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Lpr {
    /// Annual percent, e.g. `"3.00"`.
    pub rate: Decimal,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
}

/// An inclusive whole-number range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IntRange {
    /// Lowest accepted value.
    pub min: u32,
    /// Highest accepted value.
    pub max: u32,
}

/// A decimal range (percentage points or multipliers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DecRange {
    /// Low end.
    pub low: Decimal,
    /// High end.
    pub high: Decimal,
}

/// Tax-based limit multipliers of the average annual tax: `low` for the
/// low end of every rating, `B` and `A` for the high end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RatingMultipliers {
    /// Low end (×5 in the default catalogue); also the high end for M.
    pub low: Decimal,
    /// High end for rating B (×7).
    #[serde(rename = "B")]
    pub b: Decimal,
    /// High end for rating A (×9).
    #[serde(rename = "A")]
    pub a: Decimal,
}

/// Rules shared by all products (configurable market practice, not law).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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
    #[serde(serialize_with = "ser_money")]
    pub m_rating_cap: Decimal,
    /// Debt headroom as a share of annual revenue (0.50), less existing
    /// business loans.
    pub debt_headroom_share: Decimal,
    /// Limit estimates are rounded down to a multiple of this (10000).
    #[serde(serialize_with = "ser_money")]
    pub limit_rounding: Decimal,
    /// Spread reduction (percentage points) at the low end of the rate range
    /// for `high_tech` or `specialized_new` enterprises.
    pub tag_spread_discount: Decimal,
    /// 普惠 total, the actual controller's record, loan-to-value.
    #[serde(flatten)]
    pub terms: SharedTerms,
}

/// What drives a product's limit and which product-specific rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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
    /// A scenario product sized on the profile amount named by its
    /// `metric` (customs trade, electricity bill, logistics spend, …).
    Scenario,
}

impl_codes!(ProductKind {
    Credit => "credit",
    Secured => "secured",
    SupplyChain => "supply_chain",
    Settlement => "settlement",
    Tax => "tax",
    Payroll => "payroll",
    Scenario => "scenario",
});

/// The most a product lends with each kind of collateral; an absent cap
/// means the product does not accept that collateral (`credit` absent =
/// collateral required).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Caps {
    /// Unsecured (credit) exposure cap.
    #[serde(
        serialize_with = "ser_money_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub credit: Option<Decimal>,
    /// Cap with a property mortgage.
    #[serde(
        serialize_with = "ser_money_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub property: Option<Decimal>,
    /// Cap with a pledge.
    #[serde(
        serialize_with = "ser_money_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub pledge: Option<Decimal>,
    /// Cap with a quality institution's guarantee.
    #[serde(
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

    /// Each cap with its JSON name (`credit`, `property`, `pledge`,
    /// `guarantee`).
    pub fn named(&self) -> [(&'static str, Option<Decimal>); 4] {
        [
            ("credit", self.credit),
            ("property", self.property),
            ("pledge", self.pledge),
            ("guarantee", self.guarantee),
        ]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    /// Stable id, e.g. `jingying_kuaidai`.
    pub id: String,
    /// What drives the limit and the product-specific rules.
    pub kind: ProductKind,
    /// Display name.
    pub name: LocalizedText,
    /// Product lines shown with the name (e.g. 場景e貸, 小額e貸, 區域e貸).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<LocalizedText>,
    /// Minimum months of operation.
    pub min_months_operating: u32,
    /// Caps per collateral.
    pub caps: Caps,
    /// Requests above this amount are pre-qualified only with manual review.
    #[serde(
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<DecRange>,
    /// Everything else: metric, secured basis, 普惠, rating caps, accepted
    /// collateral types, regions, tags, repayment, documents.
    #[serde(flatten)]
    pub terms: ProductTerms,
}

/// What is wrong in a catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogueErrorKind {
    /// The JSON shape: malformed, unknown or missing field, wrong type, an
    /// unknown code.
    Json(JsonErrorKind),
    /// A money value that is not an accepted decimal string.
    Money(MoneyError),
    /// A rate, share or multiplier that is not a plain decimal string (the
    /// value as written, quoted when it was a string).
    NotDecimal(String),
    /// A rate, share or multiplier with a minus sign.
    NegativeDecimal(String),
    /// A count that is not a whole number ≥ 0 (the value as written).
    NotWholeNumber(String),
    /// A rule of the format is broken (the message without the path).
    Rule(String),
}

/// An invalid catalogue: the JSON path (`products[2].caps.credit`, or
/// `catalogue` for the document) and what is wrong. `Display` is
/// `path: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueError {
    /// The JSON path.
    pub path: String,
    /// What is wrong.
    pub kind: CatalogueErrorKind,
}

impl CatalogueError {
    fn rule(path: impl Into<String>, message: impl Into<String>) -> Self {
        CatalogueError {
            path: path.into(),
            kind: CatalogueErrorKind::Rule(message.into()),
        }
    }
}

impl From<JsonError> for CatalogueError {
    fn from(e: JsonError) -> Self {
        CatalogueError {
            path: e.path,
            kind: CatalogueErrorKind::Json(e.kind),
        }
    }
}

impl fmt::Display for CatalogueErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogueErrorKind::Json(k) => write!(f, "{k}"),
            CatalogueErrorKind::Money(e) => write!(f, "{e}"),
            CatalogueErrorKind::NotDecimal(v) => {
                write!(f, "expected a decimal string such as \"0.35\", got {v}")
            }
            CatalogueErrorKind::NegativeDecimal(v) => {
                write!(f, "must not be negative, got \"{v}\"")
            }
            CatalogueErrorKind::NotWholeNumber(v) => {
                write!(f, "must be a whole number ≥ 0, got {v}")
            }
            CatalogueErrorKind::Rule(m) => f.write_str(m),
        }
    }
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

impl std::error::Error for CatalogueError {}

type Result<T, E = CatalogueError> = std::result::Result<T, E>;

/// A strict non-negative decimal string (rates, shares, multipliers).
fn decimal(v: &Json, path: &str) -> Result<Decimal> {
    let err = |kind| CatalogueError {
        path: path.to_owned(),
        kind,
    };
    match v {
        Json::String(s) if s.starts_with('-') => {
            Err(err(CatalogueErrorKind::NegativeDecimal(s.clone())))
        }
        Json::String(s) if s.len() <= 20 && is_decimal_str(s) => Decimal::from_str_exact(s)
            .map_err(|_| err(CatalogueErrorKind::NotDecimal(format!("{s:?}")))),
        Json::String(s) => Err(err(CatalogueErrorKind::NotDecimal(format!("\"{s}\"")))),
        Json::Number(n) => Err(err(CatalogueErrorKind::NotDecimal(format!(
            "the JSON number {}",
            json::number_text(n)
        )))),
        other => Err(json::invalid_type(path, other, "a decimal string such as \"0.35\"").into()),
    }
}

/// A money decimal string.
fn money(v: &Json, path: &str) -> Result<Decimal> {
    let err = |e| CatalogueError {
        path: path.to_owned(),
        kind: CatalogueErrorKind::Money(e),
    };
    match v {
        Json::String(s) => parse_money(s).map_err(err),
        Json::Number(n) => Err(err(MoneyError::JsonNumber(json::number_text(n)))),
        other => {
            Err(json::invalid_type(path, other, "a decimal string such as \"1234567.89\"").into())
        }
    }
}

/// A whole number ≥ 0 that fits in `u32`.
fn count(v: &Json, path: &str) -> Result<u32> {
    match v.as_u64() {
        Some(n) => u32::try_from(n).map_err(|_| CatalogueError {
            path: path.to_owned(),
            kind: CatalogueErrorKind::NotWholeNumber(format!("{n} (too large)")),
        }),
        None if v.is_number() => Err(CatalogueError {
            path: path.to_owned(),
            kind: CatalogueErrorKind::NotWholeNumber(v.to_string()),
        }),
        None => Err(json::invalid_type(path, v, "a whole number ≥ 0").into()),
    }
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
const RULES_FIELDS: [&str; 13] = [
    "puhuiTotalCap",
    "controller",
    "loanToValue",
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
const PRODUCT_FIELDS: [&str; 23] = [
    "metric",
    "securedBasis",
    "puhui",
    "ratingCaps",
    "acceptedCollateralTypes",
    "regions",
    "requiredTags",
    "example",
    "repayment",
    "distributorMonths",
    "reviewUnconfirmed",
    "documents",
    "collateralDocuments",
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

fn int_range(o: &Obj) -> Result<IntRange> {
    Ok(IntRange {
        min: read(o, "min", count)?,
        max: read(o, "max", count)?,
    })
}

fn dec_range(o: &Obj) -> Result<DecRange> {
    Ok(DecRange {
        low: read(o, "low", decimal)?,
        high: read(o, "high", decimal)?,
    })
}

/// Reads a required field with `f`.
fn read<T>(o: &Obj, key: &str, f: impl FnOnce(&Json, &str) -> Result<T>) -> Result<T> {
    f(o.req(key)?, &o.at(key))
}

/// Reads an optional field (absent or `null`: `None`) with `f`.
fn read_opt<T>(o: &Obj, key: &str, f: impl FnOnce(&Json, &str) -> Result<T>) -> Result<Option<T>> {
    o.opt(key).map(|v| f(v, &o.at(key))).transpose()
}

impl Catalogue {
    /// Parses and validates a catalogue; the error names the JSON path.
    pub fn from_json(text: &str) -> Result<Catalogue> {
        let catalogue = Catalogue::read(text)?;
        catalogue.validate()?;
        Ok(catalogue)
    }

    fn read(text: &str) -> Result<Catalogue> {
        let value = json::parse_object(text, "catalogue")?;
        let f = Obj::top(
            &value,
            "catalogue",
            &[
                "version",
                "lpr",
                "rules",
                "products",
                "documents",
                "branches",
            ],
        )?;
        let version = f.string("version")?;
        let lpr = f.req_object("lpr", &["rate", "date"], |g| -> Result<Lpr> {
            Ok(Lpr {
                rate: read(g, "rate", decimal)?,
                date: g.string("date")?,
            })
        })?;
        let rules = f.req_object("rules", &RULES_FIELDS, |g| -> Result<Rules> {
            Ok(Rules {
                legal_rep_age: g.req_object("legalRepAge", &["min", "max"], int_range)?,
                max_overdues_last12_months: read(g, "maxOverduesLast12Months", count)?,
                max_overdues_last24_months: read(g, "maxOverduesLast24Months", count)?,
                credit_inquiries_soft_flag: read(g, "creditInquiriesSoftFlag", count)?,
                knock_out_ratings: g
                    .array("knockOutRatings")?
                    .into_iter()
                    .map(|(path, v)| {
                        json::as_code(v, &path, &TaxRating::CODES).map(|i| TaxRating::ALL[i])
                    })
                    .collect::<Result<_, JsonError>>()?,
                rating_multipliers: g.req_object(
                    "ratingMultipliers",
                    &["low", "B", "A"],
                    |m| -> Result<RatingMultipliers> {
                        Ok(RatingMultipliers {
                            low: read(m, "low", decimal)?,
                            b: read(m, "B", decimal)?,
                            a: read(m, "A", decimal)?,
                        })
                    },
                )?,
                m_rating_cap: read(g, "mRatingCap", money)?,
                debt_headroom_share: read(g, "debtHeadroomShare", decimal)?,
                limit_rounding: read(g, "limitRounding", money)?,
                tag_spread_discount: read(g, "tagSpreadDiscount", decimal)?,
                terms: SharedTerms::read(g)?,
            })
        })?;
        let mut products = Vec::new();
        for (path, item) in f.array("products")? {
            let g = Obj::nested(item, &path, "catalogue", &PRODUCT_FIELDS)?;
            products.push(Product {
                id: g.string("id")?,
                kind: ProductKind::ALL[g.code("kind", &ProductKind::CODES)?],
                name: json::localized(g.req("name")?, &g.at("name"), "catalogue")?,
                lines: g
                    .opt_array("lines")?
                    .into_iter()
                    .map(|(p, v)| json::localized(v, &p, "catalogue"))
                    .collect::<Result<_, JsonError>>()?,
                min_months_operating: read(&g, "minMonthsOperating", count)?,
                caps: g.req_object(
                    "caps",
                    &["credit", "property", "pledge", "guarantee"],
                    |c| -> Result<Caps> {
                        Ok(Caps {
                            credit: read_opt(c, "credit", money)?,
                            property: read_opt(c, "property", money)?,
                            pledge: read_opt(c, "pledge", money)?,
                            guarantee: read_opt(c, "guarantee", money)?,
                        })
                    },
                )?,
                review_above: read_opt(&g, "reviewAbove", money)?,
                spread: g.req_object("spread", &["low", "high"], dec_range)?,
                term_months: g.req_object("termMonths", &["min", "max"], int_range)?,
                basis: g.object("basis", &["low", "high"], dec_range)?,
                terms: ProductTerms::read(&g)?,
            });
        }
        Ok(Catalogue {
            version,
            lpr,
            rules,
            products,
            documents: terms::read_documents(&f)?,
            branches: terms::read_branches(&f)?,
        })
    }

    /// The default catalogue (`src/catalogue/default.json`), parsed once.
    pub fn default_catalogue() -> &'static Catalogue {
        static DEFAULT: OnceLock<Catalogue> = OnceLock::new();
        DEFAULT.get_or_init(|| {
            Catalogue::from_json(DEFAULT_CATALOGUE_JSON)
                .unwrap_or_else(|e| panic!("the embedded default catalogue is invalid: {e}"))
        })
    }

    /// The branch directory referrals use: the catalogue's own, or the
    /// default one (the sixteen centres).
    pub fn branch_directory(&self) -> &[Branch] {
        match &self.branches {
            Some(own) => own,
            None => crate::branches::default_directory(),
        }
    }

    /// The label of a document code in `lang` (the code itself when the
    /// catalogue does not list it).
    pub fn document_label<'a>(&'a self, code: &'a str, lang: Lang) -> &'a str {
        self.documents
            .iter()
            .find(|d| d.code == code)
            .map_or(code, |d| d.label.get(lang))
    }

    /// The product with `id`.
    pub fn product(&self, id: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }

    /// Semantic checks beyond the JSON shape; the error names the JSON path.
    pub fn validate(&self) -> Result<()> {
        if self.version.trim().is_empty() {
            return Err(CatalogueError::rule("version", "must not be empty"));
        }
        let lpr = self.lpr.rate;
        if lpr.is_zero() || lpr >= Decimal::from(100) {
            return Err(CatalogueError::rule(
                "lpr.rate",
                format!("must be more than 0 and below 100, got {lpr}"),
            ));
        }
        if !is_date(&self.lpr.date) {
            return Err(CatalogueError::rule(
                "lpr.date",
                format!(
                    "expected a date such as \"2025-09-22\", got \"{}\"",
                    self.lpr.date
                ),
            ));
        }
        self.rules.validate()?;
        if self.products.is_empty() {
            return Err(CatalogueError::rule(
                "products",
                "must list at least one product",
            ));
        }
        if self.products.len() > 64 {
            return Err(CatalogueError::rule("products", "at most 64 products"));
        }
        for (i, p) in self.products.iter().enumerate() {
            let at = format!("products[{i}]");
            if !is_snake_id(&p.id) {
                return Err(CatalogueError::rule(
                    format!("{at}.id"),
                    format!(
                        "expected a snake_case id such as \"tax_loan\", got \"{}\"",
                        p.id
                    ),
                ));
            }
            if self.products[..i].iter().any(|q| q.id == p.id) {
                return Err(CatalogueError::rule(
                    format!("{at}.id"),
                    format!("duplicate product id \"{}\"", p.id),
                ));
            }
            p.validate(&at)?;
            let unit = self.rules.limit_rounding;
            for (name, cap) in p.caps.named() {
                if let Some(cap) = cap
                    && cap < unit
                {
                    return Err(CatalogueError::rule(
                        format!("{at}.caps.{name}"),
                        format!(
                            "must be at least rules.limitRounding ({}), got {}",
                            fmt_fen(unit),
                            fmt_fen(cap)
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

impl Rules {
    fn validate(&self) -> Result<()> {
        let age = self.legal_rep_age;
        if age.min > age.max {
            return Err(CatalogueError::rule(
                "rules.legalRepAge",
                format!("min ({}) is above max ({})", age.min, age.max),
            ));
        }
        if age.max > 150 {
            return Err(CatalogueError::rule(
                "rules.legalRepAge.max",
                format!("must be at most 150, got {}", age.max),
            ));
        }
        if self.max_overdues_last24_months < self.max_overdues_last12_months {
            return Err(CatalogueError::rule(
                "rules.maxOverduesLast24Months",
                format!(
                    "must be at least maxOverduesLast12Months ({}), got {}",
                    self.max_overdues_last12_months, self.max_overdues_last24_months
                ),
            ));
        }
        let m = self.rating_multipliers;
        if m.low.is_zero() {
            return Err(CatalogueError::rule(
                "rules.ratingMultipliers.low",
                "must be more than 0",
            ));
        }
        if m.low > m.b {
            return Err(CatalogueError::rule(
                "rules.ratingMultipliers",
                format!("low ({}) is above B ({})", m.low, m.b),
            ));
        }
        if m.b > m.a {
            return Err(CatalogueError::rule(
                "rules.ratingMultipliers",
                format!("B ({}) is above A ({})", m.b, m.a),
            ));
        }
        if m.a > Decimal::from(1000) {
            return Err(CatalogueError::rule(
                "rules.ratingMultipliers.A",
                format!("must be at most 1000, got {}", m.a),
            ));
        }
        if self.m_rating_cap.is_zero() {
            return Err(CatalogueError::rule(
                "rules.mRatingCap",
                "must be more than 0",
            ));
        }
        let share = self.debt_headroom_share;
        if share.is_zero() || share > Decimal::from(10) {
            return Err(CatalogueError::rule(
                "rules.debtHeadroomShare",
                format!("must be more than 0 and at most 10, got {share}"),
            ));
        }
        if self.limit_rounding.is_zero() {
            return Err(CatalogueError::rule(
                "rules.limitRounding",
                "must be more than 0 (use \"0.01\" for no rounding)",
            ));
        }
        if self.tag_spread_discount > Decimal::from(10) {
            return Err(CatalogueError::rule(
                "rules.tagSpreadDiscount",
                format!("must be at most 10, got {}", self.tag_spread_discount),
            ));
        }
        for (i, r) in self.knock_out_ratings.iter().enumerate() {
            if self.knock_out_ratings[..i].contains(r) {
                return Err(CatalogueError::rule(
                    format!("rules.knockOutRatings[{i}]"),
                    format!("duplicate rating {}", r.as_str()),
                ));
            }
        }
        Ok(())
    }
}

impl Product {
    fn validate(&self, at: &str) -> Result<()> {
        if self.name.get(crate::i18n::Lang::ZhHans).trim().is_empty() {
            return Err(CatalogueError::rule(
                format!("{at}.name"),
                "must have a text",
            ));
        }
        if self.min_months_operating > 1200 {
            return Err(CatalogueError::rule(
                format!("{at}.minMonthsOperating"),
                format!("must be at most 1200, got {}", self.min_months_operating),
            ));
        }
        let caps = [
            ("credit", self.caps.credit),
            ("property", self.caps.property),
            ("pledge", self.caps.pledge),
            ("guarantee", self.caps.guarantee),
        ];
        if caps.iter().all(|(_, c)| c.is_none()) {
            return Err(CatalogueError::rule(
                format!("{at}.caps"),
                "must give at least one cap (credit, property, pledge or guarantee)",
            ));
        }
        for (name, cap) in caps {
            let Some(cap) = cap else { continue };
            if cap.is_zero() {
                return Err(CatalogueError::rule(
                    format!("{at}.caps.{name}"),
                    format!("must be more than 0, got {}", fmt_fen(cap)),
                ));
            }
            if let Some(credit) = self.caps.credit
                && cap < credit
            {
                return Err(CatalogueError::rule(
                    format!("{at}.caps.{name}"),
                    format!(
                        "must be at least caps.credit ({}), got {}",
                        fmt_fen(credit),
                        fmt_fen(cap)
                    ),
                ));
            }
        }
        if self.review_above.is_some_and(|r| r.is_zero()) {
            return Err(CatalogueError::rule(
                format!("{at}.reviewAbove"),
                "must be more than 0",
            ));
        }
        if self.spread.low > self.spread.high {
            return Err(CatalogueError::rule(
                format!("{at}.spread"),
                format!(
                    "low ({}) is above high ({})",
                    self.spread.low, self.spread.high
                ),
            ));
        }
        if self.spread.high > Decimal::from(50) {
            return Err(CatalogueError::rule(
                format!("{at}.spread.high"),
                format!("must be at most 50, got {}", self.spread.high),
            ));
        }
        let t = self.term_months;
        if t.min == 0 {
            return Err(CatalogueError::rule(
                format!("{at}.termMonths.min"),
                "must be at least 1",
            ));
        }
        if t.min > t.max {
            return Err(CatalogueError::rule(
                format!("{at}.termMonths"),
                format!("min ({}) is above max ({})", t.min, t.max),
            ));
        }
        if t.max > MAX_TERM_MONTHS {
            return Err(CatalogueError::rule(
                format!("{at}.termMonths.max"),
                format!("must be at most {MAX_TERM_MONTHS}, got {}", t.max),
            ));
        }
        match (self.kind, &self.basis) {
            (ProductKind::Tax, Some(_)) => {
                return Err(CatalogueError::rule(
                    format!("{at}.basis"),
                    "not used by kind \"tax\" (rules.ratingMultipliers apply)",
                ));
            }
            (ProductKind::Tax, None) => {}
            (kind, None) => {
                return Err(CatalogueError::rule(
                    format!("{at}.basis"),
                    format!("required for kind \"{}\"", kind.as_str()),
                ));
            }
            (_, Some(b)) => {
                if b.high.is_zero() {
                    return Err(CatalogueError::rule(
                        format!("{at}.basis.high"),
                        "must be more than 0",
                    ));
                }
                if b.low > b.high {
                    return Err(CatalogueError::rule(
                        format!("{at}.basis"),
                        format!("low ({}) is above high ({})", b.low, b.high),
                    ));
                }
                if b.high > Decimal::from(100) {
                    return Err(CatalogueError::rule(
                        format!("{at}.basis.high"),
                        format!("must be at most 100, got {}", b.high),
                    ));
                }
            }
        }
        match (self.kind, self.terms.metric) {
            (ProductKind::Scenario, None) => {
                return Err(CatalogueError::rule(
                    format!("{at}.metric"),
                    "required for kind \"scenario\" (the profile amount it is sized on)",
                ));
            }
            (ProductKind::Scenario, Some(_)) | (_, None) => {}
            (kind, Some(_)) => {
                return Err(CatalogueError::rule(
                    format!("{at}.metric"),
                    format!("only for kind \"scenario\", not \"{}\"", kind.as_str()),
                ));
            }
        }
        for (key, range) in [
            ("securedBasis", self.terms.secured_basis),
            ("distributorMonths", self.terms.distributor_months),
        ] {
            if let Some(r) = range
                && (r.low > r.high || r.high.is_zero() || r.high > Decimal::from(100))
            {
                return Err(CatalogueError::rule(
                    format!("{at}.{key}"),
                    format!(
                        "expected 0 ≤ low ≤ high ≤ 100 and high > 0, got {} – {}",
                        r.low, r.high
                    ),
                ));
            }
        }
        for (kind, types) in self.terms.accepted_collateral_types.iter().flatten() {
            if self.caps.for_collateral(*kind).is_none() && !types.is_empty() {
                return Err(CatalogueError::rule(
                    format!("{at}.acceptedCollateralTypes.{}", kind.as_str()),
                    format!(
                        "caps.{} is absent: the product does not take it",
                        kind.as_str()
                    ),
                ));
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
        Catalogue::from_json(&v.to_string())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn default_catalogue_is_valid_and_lists_its_products() {
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
                "payroll_loan",
                "customs_trade_loan",
                "electricity_loan",
                "logistics_loan",
                "regional_example"
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
                .to_string()
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
