//! Property tests of the pre-check core:
//! - every repayment schedule's principal sums to the loan exactly to the fen;
//! - no estimated limit exceeds its product's cap for the declared collateral;
//! - declaring collateral never makes an outcome worse, adding an overdue
//!   never makes it better (order of `Outcome`, best first);
//! - the profile and catalogue parsers and the visitor amount parser return
//!   errors, never panic, on arbitrary strings and JSON values.

use proptest::prelude::*;
use rust_decimal::Decimal;
use sme_precheck::catalogue::{Catalogue, DEFAULT_CATALOGUE_JSON};
use sme_precheck::i18n::Lang;
use sme_precheck::money::{parse_cny_input, round_fen};
use sme_precheck::precheck::{Options, Outcome, evaluate_json, evaluate_with};
use sme_precheck::profile::{
    Collateral, CollateralType, Field, Industry, LifecycleStage, Profile, SupplyChainRole,
    SupplyChainTier, Tag, TaxRating,
};
use sme_precheck::repayment::{Method, plan};

fn regional() -> Catalogue {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/precheck/catalogues/regional_bank.json"
    ))
    .unwrap();
    Catalogue::from_json(&text).unwrap()
}

/// An amount in fen between 0 and `max_yuan` yuan, biased to round numbers.
fn amount(max_yuan: i64) -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (0..=max_yuan / 10_000).prop_map(|w| Decimal::from(w * 10_000)),
        (0..=max_yuan * 100).prop_map(|fen| Decimal::new(fen, 2)),
    ]
}

fn industry() -> impl Strategy<Value = Industry> {
    prop_oneof![
        Just(Industry::Industry),
        Just(Industry::Software),
        Just(Industry::InformationTransmission),
        Just(Industry::Wholesale),
        Just(Industry::Retail),
        Just(Industry::Construction),
        Just(Industry::Transport),
        Just(Industry::Catering),
        Just(Industry::Agriculture),
        Just(Industry::Other),
    ]
}

fn rating() -> impl Strategy<Value = TaxRating> {
    prop_oneof![
        Just(TaxRating::A),
        Just(TaxRating::B),
        Just(TaxRating::M),
        Just(TaxRating::C),
        Just(TaxRating::D)
    ]
}

fn collateral() -> impl Strategy<Value = Collateral> {
    prop_oneof![
        Just(Collateral::None),
        Just(Collateral::Property),
        Just(Collateral::Pledge),
        Just(Collateral::Guarantee)
    ]
}

fn role() -> impl Strategy<Value = SupplyChainRole> {
    prop_oneof![
        Just(SupplyChainRole::None),
        Just(SupplyChainRole::Supplier),
        Just(SupplyChainRole::Distributor)
    ]
}

prop_compose! {
    fn profile()(
        (months_operating, industry, employees, annual_revenue, total_assets, tax_paid, rating, age) in
            (0u32..120, industry(), 0u32..400, amount(500_000_000), amount(500_000_000), amount(5_000_000), rating(), 16u32..75),
        (overdue_current, o12, extra24, non_performing, inquiries, abnormal, dishonest, restricted) in
            (prop::bool::weighted(0.1), 0u32..2, 0u32..3, prop::bool::weighted(0.05), 0u32..12,
             prop::bool::weighted(0.05), prop::bool::weighted(0.05), prop::bool::weighted(0.05)),
        (tagged, loans, requested, term, collateral, role, receivables, purchases, flow, payroll) in
            (any::<bool>(), amount(50_000_000), prop::option::of(amount(60_000_000)), 1u32..60, collateral(), role(),
             amount(20_000_000), amount(20_000_000), amount(50_000_000), amount(10_000_000)),
        (collateral_type, collateral_value, this_bank, other_banks, controller_now, controller24, city, tier, confirms, scenario) in
            (prop::option::of(0usize..CollateralType::ALL.len()), prop::option::of(amount(50_000_000)),
             prop::option::of(amount(20_000_000)), prop::option::of(amount(20_000_000)),
             prop::bool::weighted(0.05), 0u32..8, prop::option::of("[a-z武汉成都 ]{1,12}"),
             prop::option::of(any::<bool>()), any::<bool>(), amount(30_000_000)),
    ) -> Profile {
        Profile {
            months_operating,
            industry,
            employees,
            annual_revenue,
            total_assets: Some(total_assets),
            tax_paid_last24_months: tax_paid,
            tax_credit_rating: rating,
            legal_rep_age: age,
            overdue_current,
            overdues_last12_months: o12,
            overdues_last24_months: o12 + extra24,
            non_performing,
            credit_inquiries_last6_months: inquiries,
            abnormal_operation: abnormal,
            dishonest_executee: dishonest,
            consumption_restricted: restricted,
            tags: if tagged { vec![Tag::HighTech] } else { vec![] },
            existing_business_loans: loans,
            requested_amount: requested.filter(|a: &Decimal| !a.is_zero()),
            term_months: term,
            collateral,
            lifecycle_stage: Some(LifecycleStage::Growth),
            province: Some("11".into()),
            supply_chain_role: role,
            core_enterprise_receivables: receivables,
            core_enterprise_purchases: purchases,
            annual_settlement_flow: flow,
            annual_payroll: payroll,
            collateral_type: collateral_type.map(|i| CollateralType::ALL[i]),
            collateral_value,
            existing_loans_this_bank: this_bank,
            existing_loans_other_banks: other_banks,
            controller_overdue_current: controller_now,
            controller_overdues_last24_months: controller24,
            city: city.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()),
            supply_chain_tier: tier.map(|first| {
                if first { SupplyChainTier::First } else { SupplyChainTier::Multi }
            }),
            core_enterprise_confirms: confirms,
            annual_customs_trade: scenario,
            annual_electricity_bill: round_fen(scenario / Decimal::from(10)),
            annual_logistics_spend: round_fen(scenario / Decimal::from(20)),
        }
    }
}

fn outcomes(p: &Profile, c: &Catalogue) -> Vec<Outcome> {
    evaluate_with(p, c, Lang::En, Options { schedules: false })
        .products
        .iter()
        .map(|r| r.outcome)
        .collect()
}

fn method() -> impl Strategy<Value = Method> {
    prop_oneof![
        Just(Method::EqualInstalment),
        Just(Method::EqualPrincipal),
        Just(Method::InterestFirst)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn schedules_sum_to_the_principal_to_the_fen(
        fen in 1i64..500_000_000_000,
        rate_bp in 0i64..2400,
        months in 1u32..=360,
        m in method(),
    ) {
        let principal = Decimal::new(fen, 2);
        let annual = Decimal::new(rate_bp, 2);
        let p = plan(m, principal, annual, months, true);
        let rows = p.schedule.as_ref().unwrap();
        prop_assert_eq!(rows.len(), months as usize);
        prop_assert_eq!(rows.iter().map(|r| r.principal).sum::<Decimal>(), principal);
        prop_assert_eq!(rows.last().unwrap().balance, Decimal::ZERO);
        let interest: Decimal = rows.iter().map(|r| r.interest).sum();
        prop_assert_eq!(p.total_interest, interest);
        prop_assert_eq!(p.total_payment, principal + interest);
        for r in rows {
            prop_assert!(r.principal >= Decimal::ZERO && r.interest >= Decimal::ZERO && r.balance >= Decimal::ZERO);
            prop_assert_eq!(round_fen(r.payment), r.payment);
            prop_assert_eq!(r.payment, r.principal + r.interest);
        }
        let summary = plan(m, principal, annual, months, false);
        prop_assert_eq!(summary.total_payment, p.total_payment);
    }

    #[test]
    fn limits_never_exceed_the_cap_for_the_declared_collateral(p in profile()) {
        for c in [Catalogue::default_catalogue().clone(), regional()] {
            let e = evaluate_with(&p, &c, Lang::En, Options { schedules: true });
            for (r, product) in e.products.iter().zip(&c.products) {
                prop_assert_eq!(&r.id, &product.id);
                if let Some(limit) = r.limit {
                    let cap = product.caps.effective(p.collateral);
                    prop_assert!(cap.is_some(), "{} has a limit without a cap", r.id);
                    prop_assert!(limit.high <= cap.unwrap(), "{}: {} > cap", r.id, limit.high);
                    prop_assert!(limit.low <= limit.high);
                    prop_assert!(limit.low >= Decimal::ZERO);
                }
                if let Some(rep) = &r.repayment {
                    let limit = r.limit.unwrap();
                    prop_assert!(rep.principal <= limit.high && rep.principal > Decimal::ZERO);
                    for m in Method::ALL {
                        if let Some(plan) = rep.plan(m) {
                            let rows = plan.schedule.as_ref().unwrap();
                            prop_assert_eq!(rows.iter().map(|x| x.principal).sum::<Decimal>(), rep.principal);
                        }
                    }
                    // A revolving line has no instalments, an instalment product no daily interest.
                    prop_assert_eq!(rep.revolving.is_some(), rep.plan(Method::EqualInstalment).is_none());
                }
                // A referral only where the visitor is sent to a branch.
                prop_assert!(r.referral.is_none() || r.outcome == Outcome::ReferToBranch);
                if let Some(rate) = r.rate {
                    prop_assert!(rate.low <= rate.high);
                }
            }
        }
    }

    #[test]
    fn declaring_collateral_never_makes_an_outcome_worse(p in profile(), c in collateral()) {
        for cat in [Catalogue::default_catalogue().clone(), regional()] {
            let mut bare = p.clone();
            bare.collateral = Collateral::None;
            let mut secured = p.clone();
            secured.collateral = c;
            let before = outcomes(&bare, &cat);
            let after = outcomes(&secured, &cat);
            for (i, (b, a)) in before.iter().zip(&after).enumerate() {
                prop_assert!(a <= b, "{}: {:?} with {:?} is worse than {:?} without", cat.products[i].id, a, c, b);
            }
        }
    }

    #[test]
    fn adding_an_overdue_never_makes_an_outcome_better(p in profile(), which in 0u8..3) {
        let mut worse = p.clone();
        match which {
            0 => worse.overdue_current = true,
            1 => worse.overdues_last24_months += 1,
            _ => {
                worse.overdues_last12_months += 1;
                worse.overdues_last24_months += 1;
            }
        }
        for cat in [Catalogue::default_catalogue().clone(), regional()] {
            let before = outcomes(&p, &cat);
            let after = outcomes(&worse, &cat);
            for (i, (b, a)) in before.iter().zip(&after).enumerate() {
                prop_assert!(a >= b, "{}: {:?} after an overdue is better than {:?}", cat.products[i].id, a, b);
            }
        }
    }

    /// The two ways in agree: the profile's JSON, and the same values typed
    /// into a form (money as written in JSON, tags comma-separated).
    #[test]
    fn form_inputs_and_json_give_the_same_profile(p in profile()) {
        let json = serde_json::to_value(&p).unwrap();
        let typed: Vec<Option<String>> = Field::ALL
            .iter()
            .map(|f| match &json[f.json_name()] {
                serde_json::Value::Null => None,
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Array(items) => Some(
                    items.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>().join(","),
                ),
                other => Some(other.to_string()),
            })
            .collect();
        let input = |f: Field| {
            let i = Field::ALL.iter().position(|g| *g == f).unwrap();
            typed[i].as_deref()
        };
        prop_assert_eq!(&Profile::from_inputs(input).unwrap(), &p);
        // What a form shows for a profile reads back to the same profile.
        let shown: Vec<Option<String>> = Field::ALL.iter().map(|f| p.input_text(*f)).collect();
        let again = Profile::from_inputs(|f| {
            let i = Field::ALL.iter().position(|g| *g == f).unwrap();
            shown[i].as_deref()
        });
        prop_assert_eq!(&again.unwrap(), &p);
        prop_assert_eq!(&Profile::from_json(&json.to_string()).unwrap(), &p);
        prop_assert!(evaluate_json(&json.to_string(), None, Lang::ZhHans).is_ok());
    }
}

/// Arbitrary JSON values, nested.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        "[-0-9.,万亿A-Za-z_ ]{0,12}".prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::btree_map("[a-zA-Z0-9]{0,10}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

const PROFILE_FIELDS: [&str; 12] = [
    "monthsOperating",
    "industry",
    "employees",
    "annualRevenue",
    "taxCreditRating",
    "legalRepAge",
    "overduesLast24Months",
    "requestedAmount",
    "termMonths",
    "collateral",
    "tags",
    "province",
];

fn base_profile() -> serde_json::Value {
    serde_json::json!({
        "monthsOperating": 30, "industry": "software", "employees": 25,
        "annualRevenue": "8000000", "taxCreditRating": "A", "legalRepAge": 41,
        "requestedAmount": "1000000", "collateral": "none"
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn parsers_never_panic_on_arbitrary_strings(s in any::<String>()) {
        let _ = Profile::from_json(&s);
        let _ = Catalogue::from_json(&s);
        let _ = parse_cny_input(&s);
        let _ = evaluate_json(&s, Some(&s), Lang::En);
    }

    #[test]
    fn parsers_never_panic_on_arbitrary_json(v in json_value()) {
        let text = v.to_string();
        prop_assert!(Profile::from_json(&text).is_err() || v.is_object());
        let _ = Catalogue::from_json(&text);
    }

    #[test]
    fn a_mutated_profile_is_an_error_or_evaluates(field in 0usize..PROFILE_FIELDS.len(), v in json_value()) {
        let mut profile = base_profile();
        profile[PROFILE_FIELDS[field]] = v;
        let text = profile.to_string();
        match evaluate_json(&text, None, Lang::En) {
            Ok(json) => {
                let starts = json.starts_with(r#"{"lang":"en""#);
                prop_assert!(starts, "unexpected result start");
            }
            Err(message) => prop_assert!(!message.is_empty() && !message.contains('\n'), "{}", message),
        }
    }

    #[test]
    fn a_mutated_catalogue_is_an_error_or_evaluates(
        path in prop::sample::select(vec![
            "/lpr/rate", "/lpr/date", "/rules/legalRepAge/min", "/rules/ratingMultipliers/A",
            "/rules/mRatingCap", "/rules/debtHeadroomShare", "/rules/limitRounding",
            "/products/0/caps/credit", "/products/1/kind", "/products/2/termMonths/max",
            "/products/3/spread/high", "/products/4/basis", "/products/5/id", "/products/0/name",
        ]),
        v in json_value(),
    ) {
        let mut cat: serde_json::Value = serde_json::from_str(DEFAULT_CATALOGUE_JSON).unwrap();
        if let Some(slot) = cat.pointer_mut(path) {
            *slot = v;
        }
        let text = cat.to_string();
        let profile = base_profile().to_string();
        match evaluate_json(&profile, Some(&text), Lang::ZhHant) {
            Ok(_) => {}
            Err(message) => prop_assert!(!message.is_empty() && !message.contains('\n'), "{}", message),
        }
    }

    #[test]
    fn visitor_amounts_parse_or_fail_cleanly(s in "[0-9０-９,，._ ¥￥万亿萬億元RMB-]{0,24}") {
        if let Ok(v) = parse_cny_input(&s) {
            prop_assert!(v >= Decimal::ZERO);
            prop_assert_eq!(round_fen(v), v);
        }
    }
}
