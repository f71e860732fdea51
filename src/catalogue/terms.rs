//! A product's terms beyond its caps and spread, and the catalogue-wide
//! tables they use: loan-to-value per collateral type, the actual
//! controller's record, the 普惠 total, the documents checklist, regional
//! limits, scenario metrics, supply-chain sizing and the repayment kind.
//! Every key is optional, so a catalogue written before these terms
//! existed reads as it did.

use super::{CatalogueError, DecRange, Result, count, dec_range, decimal, money, read_opt};
use crate::branches::{self, Branch};
use crate::i18n::{Lang, LocalizedText};
use crate::json::{self, Json, JsonError, Obj};
use crate::profile::{Collateral, CollateralType, Field, Profile, Tag, TaxRating};
use rust_decimal::Decimal;
use serde::Serialize;

/// Loan-to-value (抵押率) per collateral type: the share of the appraised
/// value (for a guarantee, of the amount guaranteed) a loan may reach.
/// Written as `{"property": {"residential": "0.70", …}, …}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanToValue(pub Vec<(Collateral, CollateralType, Decimal)>);

impl Serialize for LoanToValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let by_kind: Vec<(&str, Vec<(&str, String)>)> = SECURED_KINDS
            .iter()
            .map(|&k| {
                let types = self
                    .0
                    .iter()
                    .filter(|(kind, _, _)| *kind == k)
                    .map(|(_, t, ltv)| (t.as_str(), ltv.to_string()))
                    .collect();
                (k.as_str(), types)
            })
            .filter(|(_, types): &(&str, Vec<_>)| !types.is_empty())
            .collect();
        s.collect_map(by_kind.into_iter().map(|(k, types)| {
            (
                k,
                types
                    .into_iter()
                    .collect::<std::collections::BTreeMap<_, _>>(),
            )
        }))
    }
}

/// Serializes `[(code, value)]` pairs as a JSON object.
fn ser_pairs<S, K, V>(
    pairs: &[(K, V)],
    s: S,
    key: impl Fn(&K) -> &'static str,
    value: impl Fn(&V) -> serde_json::Value,
) -> std::result::Result<S::Ok, S::Error>
where
    S: serde::Serializer,
{
    s.collect_map(pairs.iter().map(|(k, v)| (key(k), value(v))))
}

fn ser_rating_caps<S: serde::Serializer>(
    caps: &Option<Vec<(TaxRating, Decimal)>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match caps {
        Some(caps) => ser_pairs(
            caps,
            s,
            |r| r.as_str(),
            |d| crate::money::fmt_fen(*d).into(),
        ),
        None => s.serialize_none(),
    }
}

fn ser_accepted<S: serde::Serializer>(
    list: &Option<Vec<(Collateral, Vec<CollateralType>)>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match list {
        Some(list) => ser_pairs(
            list,
            s,
            |k| k.as_str(),
            |types| types.iter().map(|t| t.as_str()).collect::<Vec<_>>().into(),
        ),
        None => s.serialize_none(),
    }
}

fn ser_documents<S: serde::Serializer>(
    list: &[(Collateral, Vec<String>)],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    ser_pairs(list, s, |k| k.as_str(), |codes| codes.clone().into())
}

impl Default for LoanToValue {
    /// Market practice: residential 70 %, commercial 60 %, industrial
    /// 50 %; deposits 90 %, receivables 60 %, IP 30 %, equipment 40 %,
    /// equity 30 %; a government guarantee 100 %, a commercial one 80 %.
    fn default() -> Self {
        use Collateral as C;
        use CollateralType as T;
        let d = |n: i64| Decimal::new(n, 2);
        LoanToValue(vec![
            (C::Property, T::Residential, d(70)),
            (C::Property, T::Commercial, d(60)),
            (C::Property, T::Industrial, d(50)),
            (C::Pledge, T::Deposit, d(90)),
            (C::Pledge, T::Receivables, d(60)),
            (C::Pledge, T::Ip, d(30)),
            (C::Pledge, T::Equipment, d(40)),
            (C::Pledge, T::Equity, d(30)),
            (C::Guarantee, T::Government, d(100)),
            (C::Guarantee, T::Commercial, d(80)),
        ])
    }
}

impl LoanToValue {
    /// The loan-to-value of a type of `kind`.
    pub fn of(&self, kind: Collateral, t: CollateralType) -> Option<Decimal> {
        self.0
            .iter()
            .find(|&&(k, ty, _)| k == kind && ty == t)
            .map(|&(_, _, ltv)| ltv)
    }

    fn read(o: &Obj) -> Result<LoanToValue> {
        let mut out = Vec::new();
        for kind in [
            Collateral::Property,
            Collateral::Pledge,
            Collateral::Guarantee,
        ] {
            let codes: Vec<&str> = CollateralType::of(kind)
                .iter()
                .map(|t| t.as_str())
                .collect();
            o.object::<_, CatalogueError>(kind.as_str(), &codes, |g| {
                for &t in CollateralType::of(kind) {
                    if let Some(ltv) = read_opt(g, t.as_str(), decimal)? {
                        if ltv > Decimal::ONE {
                            return Err(CatalogueError::rule(
                                g.at(t.as_str()),
                                format!("must be at most 1, got {ltv}"),
                            ));
                        }
                        out.push((kind, t, ltv));
                    }
                }
                Ok(())
            })?;
        }
        Ok(LoanToValue(out))
    }
}

/// What the actual controller's (实际控制人) personal credit record does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ControllerRules {
    /// A current overdue knocks out.
    pub current_overdue_knocks_out: bool,
    /// This many overdues in 24 months or more knock out (累六: 6).
    pub knock_out_overdues24: u32,
    /// This many or more (below the knock-out) are reviewed by hand.
    pub review_overdues24: u32,
}

impl ControllerRules {
    pub(super) fn read(o: &Obj) -> Result<ControllerRules> {
        let r = ControllerRules {
            current_overdue_knocks_out: o.bool_or("currentOverdueKnocksOut", true)?,
            knock_out_overdues24: super::read(o, "knockOutOverdues24", count)?,
            review_overdues24: super::read(o, "reviewOverdues24", count)?,
        };
        if r.review_overdues24 == 0 || r.review_overdues24 > r.knock_out_overdues24 {
            return Err(CatalogueError::rule(
                o.at("reviewOverdues24"),
                format!(
                    "must be from 1 to knockOutOverdues24 ({}), got {}",
                    r.knock_out_overdues24, r.review_overdues24
                ),
            ));
        }
        Ok(r)
    }
}

/// The catalogue-wide terms (read from `rules`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SharedTerms {
    /// 普惠型小微 credit per customer across banks (1,000万元), for the
    /// products marked `puhui`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub puhui_total_cap: Option<Decimal>,
    /// The actual controller's record, when checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub controller: Option<ControllerRules>,
    /// Loan-to-value per collateral type.
    pub loan_to_value: LoanToValue,
}

impl SharedTerms {
    /// Reads the shared terms from the `rules` object.
    pub(super) fn read(o: &Obj) -> Result<SharedTerms> {
        Ok(SharedTerms {
            puhui_total_cap: read_opt(o, "puhuiTotalCap", money)?,
            controller: o.object(
                "controller",
                &[
                    "currentOverdueKnocksOut",
                    "knockOutOverdues24",
                    "reviewOverdues24",
                ],
                ControllerRules::read,
            )?,
            loan_to_value: o
                .object(
                    "loanToValue",
                    &["property", "pledge", "guarantee"],
                    LoanToValue::read,
                )?
                .unwrap_or_default(),
        })
    }
}

/// The profile amount a scenario product is sized on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Metric {
    /// `annualRevenue`.
    #[serde(rename = "annualRevenue")]
    AnnualRevenue,
    /// `annualSettlementFlow`.
    #[serde(rename = "annualSettlementFlow")]
    AnnualSettlementFlow,
    /// `annualPayroll`.
    #[serde(rename = "annualPayroll")]
    AnnualPayroll,
    /// `annualCustomsTrade` (海关 data).
    #[serde(rename = "annualCustomsTrade")]
    AnnualCustomsTrade,
    /// `annualElectricityBill` (国家电网 data).
    #[serde(rename = "annualElectricityBill")]
    AnnualElectricityBill,
    /// `annualLogisticsSpend` (logistics partner data).
    #[serde(rename = "annualLogisticsSpend")]
    AnnualLogisticsSpend,
}

impl_codes!(Metric {
    AnnualRevenue => "annualRevenue",
    AnnualSettlementFlow => "annualSettlementFlow",
    AnnualPayroll => "annualPayroll",
    AnnualCustomsTrade => "annualCustomsTrade",
    AnnualElectricityBill => "annualElectricityBill",
    AnnualLogisticsSpend => "annualLogisticsSpend",
});

impl Metric {
    /// The profile field it reads.
    pub fn field(self) -> Field {
        Field::parse(self.as_str()).unwrap_or(Field::AnnualRevenue)
    }

    /// The amount in `p`.
    pub fn amount(self, p: &Profile) -> Decimal {
        match self {
            Metric::AnnualRevenue => p.annual_revenue,
            Metric::AnnualSettlementFlow => p.annual_settlement_flow,
            Metric::AnnualPayroll => p.annual_payroll,
            Metric::AnnualCustomsTrade => p.annual_customs_trade,
            Metric::AnnualElectricityBill => p.annual_electricity_bill,
            Metric::AnnualLogisticsSpend => p.annual_logistics_spend,
        }
    }

    /// The metric's name (the profile field's label).
    pub fn label(self, lang: Lang) -> &'static str {
        self.field().label(lang)
    }
}

/// How a product is repaid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum RepaymentTerms {
    /// Monthly instalments over the term (等额本息, 等额本金, 先息后本).
    #[default]
    Instalment,
    /// A revolving line (随借随还): daily interest on the drawn balance,
    /// each drawdown at most `max_draw_months`.
    #[serde(rename_all = "camelCase")]
    Revolving {
        /// The longest a drawdown may run, months.
        max_draw_months: u32,
    },
}

/// Provinces (and optionally cities) a regional product is limited to.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Regions {
    /// GB/T 2260 two-digit province codes.
    pub provinces: Vec<String>,
    /// City names (any of the three languages; empty = the whole provinces).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cities: Vec<String>,
}

impl Regions {
    /// True when the profile is in one of the regions (a city list, when
    /// given, must match as well). No province given: not in the region.
    pub fn contains(&self, p: &Profile) -> bool {
        let province = p
            .province
            .as_deref()
            .is_some_and(|code| self.provinces.iter().any(|x| x == code));
        let city = self.cities.is_empty()
            || p.city.as_deref().is_some_and(|c| {
                let c = c.trim().trim_end_matches('市');
                self.cities.iter().any(|x| x.trim_end_matches('市') == c)
            });
        province && city
    }

    /// The regions' names in `lang`, joined (`广东省`, `广东省、福建省`).
    pub fn names(&self, lang: Lang) -> String {
        let sep = if lang == Lang::En { ", " } else { "、" };
        let mut names: Vec<String> = self
            .provinces
            .iter()
            .map(|code| {
                crate::region::province(code)
                    .map_or_else(|| code.clone(), |p| p.name(lang).to_owned())
            })
            .collect();
        names.extend(self.cities.iter().cloned());
        names.join(sep)
    }
}

/// One document of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// Stable code, e.g. `business_licence`.
    pub code: String,
    /// What to bring.
    pub label: LocalizedText,
}

/// The product terms beyond caps, spread, term and basis.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductTerms {
    /// The profile amount a `scenario` product is sized on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric: Option<Metric>,
    /// Multipliers of the revenue-based need when an appraised collateral
    /// secures the loan (the secured working-capital need).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secured_basis: Option<DecRange>,
    /// Counts against the 普惠 total per customer.
    pub puhui: bool,
    /// The most the credit (unsecured) part may reach per tax rating;
    /// `None`: `rules.mRatingCap` for M.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_rating_caps"
    )]
    pub rating_caps: Option<Vec<(TaxRating, Decimal)>>,
    /// The collateral types accepted per kind; `None`: every type of each
    /// kind the caps accept.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_accepted"
    )]
    pub accepted_collateral_types: Option<Vec<(Collateral, Vec<CollateralType>)>>,
    /// Limited to these regions (a regional product).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regions: Option<Regions>,
    /// At least one of these tags is required.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub required_tags: Vec<Tag>,
    /// An example product, not an offer of the bank.
    pub example: bool,
    /// How it is repaid.
    pub repayment: RepaymentTerms,
    /// Distributors: months of purchases from the core enterprise lent
    /// (low, high); `None`: the basis multipliers apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distributor_months: Option<DecRange>,
    /// Receivables the core enterprise has not confirmed (or stock it does
    /// not buy back) are reviewed by hand, as are multi-tier suppliers.
    pub review_unconfirmed: bool,
    /// Document codes every applicant brings.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<String>,
    /// Document codes per kind of collateral.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "ser_documents"
    )]
    pub collateral_documents: Vec<(Collateral, Vec<String>)>,
}

const SECURED_KINDS: [Collateral; 3] = [
    Collateral::Property,
    Collateral::Pledge,
    Collateral::Guarantee,
];

fn codes_of<T: Copy>(
    o: &Obj,
    key: &str,
    codes: &'static [&'static str],
    all: &[T],
) -> Result<Vec<T>> {
    o.opt_array(key)?
        .into_iter()
        .map(|(path, v)| json::as_code(v, &path, codes).map(|i| all[i]))
        .collect::<std::result::Result<_, JsonError>>()
        .map_err(Into::into)
}

fn strings(list: Vec<(String, &Json)>) -> Result<Vec<String>> {
    list.into_iter()
        .map(|(path, v)| json::as_str(v, &path).map(str::to_owned))
        .collect::<std::result::Result<_, JsonError>>()
        .map_err(Into::into)
}

impl ProductTerms {
    /// Reads the terms from a product object.
    pub(super) fn read(o: &Obj) -> Result<ProductTerms> {
        let kinds: Vec<&str> = SECURED_KINDS.iter().map(|k| k.as_str()).collect();
        let rating_caps = o.object::<_, CatalogueError>("ratingCaps", &TaxRating::CODES, |g| {
            let mut caps = Vec::new();
            for r in TaxRating::ALL {
                if let Some(cap) = read_opt(g, r.as_str(), money)? {
                    caps.push((r, cap));
                }
            }
            Ok(caps)
        })?;
        let accepted = o.object::<_, CatalogueError>("acceptedCollateralTypes", &kinds, |g| {
            let mut out = Vec::new();
            for kind in SECURED_KINDS {
                if g.opt(kind.as_str()).is_some() {
                    let list = codes_of(
                        g,
                        kind.as_str(),
                        &CollateralType::CODES,
                        &CollateralType::ALL,
                    )?;
                    for (i, t) in list.iter().enumerate() {
                        if !t.fits(kind) {
                            return Err(CatalogueError::rule(
                                format!("{}[{i}]", g.at(kind.as_str())),
                                format!("`{}` is not a type of {}", t.as_str(), kind.as_str()),
                            ));
                        }
                    }
                    out.push((kind, list));
                }
            }
            Ok(out)
        })?;
        let regions = o.object::<_, CatalogueError>("regions", &["provinces", "cities"], |g| {
            let provinces = strings(g.array("provinces")?)?;
            for (i, code) in provinces.iter().enumerate() {
                if crate::region::province(code).is_none() {
                    return Err(CatalogueError::rule(
                        format!("{}[{i}]", g.at("provinces")),
                        format!("expected a GB/T 2260 two-digit province code such as \"44\", got \"{code}\""),
                    ));
                }
            }
            if provinces.is_empty() {
                return Err(CatalogueError::rule(g.at("provinces"), "must list at least one province"));
            }
            Ok(Regions {
                provinces,
                cities: strings(g.opt_array("cities")?)?,
            })
        })?;
        let repayment = o
            .object::<_, CatalogueError>("repayment", &["kind", "maxDrawMonths"], |g| {
                match g.code("kind", &["instalment", "revolving"])? {
                    0 => Ok(RepaymentTerms::Instalment),
                    _ => {
                        let max_draw_months = super::read(g, "maxDrawMonths", count)?;
                        if !(1..=super::MAX_TERM_MONTHS).contains(&max_draw_months) {
                            return Err(CatalogueError::rule(
                                g.at("maxDrawMonths"),
                                format!(
                                    "must be from 1 to {}, got {max_draw_months}",
                                    super::MAX_TERM_MONTHS
                                ),
                            ));
                        }
                        Ok(RepaymentTerms::Revolving { max_draw_months })
                    }
                }
            })?
            .unwrap_or_default();
        let collateral_documents = o
            .object::<_, CatalogueError>("collateralDocuments", &kinds, |g| {
                let mut out = Vec::new();
                for kind in SECURED_KINDS {
                    let list = strings(g.opt_array(kind.as_str())?)?;
                    if !list.is_empty() {
                        out.push((kind, list));
                    }
                }
                Ok(out)
            })?
            .unwrap_or_default();
        Ok(ProductTerms {
            metric: o
                .opt("metric")
                .map(|v| json::as_code(v, &o.at("metric"), &Metric::CODES).map(|i| Metric::ALL[i]))
                .transpose()?,
            secured_basis: o.object("securedBasis", &["low", "high"], dec_range)?,
            puhui: o.bool_or("puhui", false)?,
            rating_caps,
            accepted_collateral_types: accepted,
            regions,
            required_tags: codes_of(o, "requiredTags", &Tag::CODES, &Tag::ALL)?,
            example: o.bool_or("example", false)?,
            repayment,
            distributor_months: o.object("distributorMonths", &["low", "high"], dec_range)?,
            review_unconfirmed: o.bool_or("reviewUnconfirmed", false)?,
            documents: strings(o.opt_array("documents")?)?,
            collateral_documents,
        })
    }

    /// The credit part's cap for `rating` (`m_rating_cap` for M when the
    /// product names no rating caps).
    pub fn rating_cap(&self, rating: TaxRating, m_rating_cap: Decimal) -> Option<Decimal> {
        match &self.rating_caps {
            Some(caps) => caps.iter().find(|(r, _)| *r == rating).map(|&(_, c)| c),
            None => (rating == TaxRating::M).then_some(m_rating_cap),
        }
    }

    /// True when the product takes a collateral `t` of `kind` (no type
    /// given: any type of an accepted kind).
    pub fn accepts_type(&self, kind: Collateral, t: Option<CollateralType>) -> bool {
        match (&self.accepted_collateral_types, t) {
            (None, _) | (_, None) => true,
            (Some(list), Some(t)) => list
                .iter()
                .find(|(k, _)| *k == kind)
                .is_none_or(|(_, types)| types.contains(&t)),
        }
    }

    /// The accepted types of `kind`, in display order.
    pub fn types_of(&self, kind: Collateral) -> Vec<CollateralType> {
        CollateralType::of(kind)
            .iter()
            .copied()
            .filter(|&t| self.accepts_type(kind, Some(t)))
            .collect()
    }

    /// The document codes for an applicant offering `collateral`.
    pub fn documents_for(&self, collateral: Collateral) -> Vec<&str> {
        let mut out: Vec<&str> = self.documents.iter().map(String::as_str).collect();
        if let Some((_, list)) = self
            .collateral_documents
            .iter()
            .find(|(k, _)| *k == collateral)
        {
            out.extend(list.iter().map(String::as_str));
        }
        out
    }
}

/// Reads the catalogue's `documents` (code and label).
pub(super) fn read_documents(o: &Obj) -> Result<Vec<Document>> {
    let mut out: Vec<Document> = Vec::new();
    for (path, v) in o.opt_array("documents")? {
        let g = Obj::nested(v, &path, "catalogue", &["code", "label"])?;
        let code = g.string("code")?;
        if out.iter().any(|d| d.code == code) {
            return Err(CatalogueError::rule(
                g.at("code"),
                format!("duplicate document code \"{code}\""),
            ));
        }
        out.push(Document {
            label: json::localized(g.req("label")?, &g.at("label"), "catalogue")?,
            code,
        });
    }
    Ok(out)
}

/// Reads the catalogue's own branch directory (`branches`), if any.
pub(super) fn read_branches(o: &Obj) -> Result<Option<Vec<Branch>>> {
    let Some(v) = o.opt("branches") else {
        return Ok(None);
    };
    let list = branches::from_value(v).map_err(|e| {
        let (path, message) = e.split_once(": ").unwrap_or(("branches", e.as_str()));
        CatalogueError::rule(path, message)
    })?;
    Ok(Some(list))
}
