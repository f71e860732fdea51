//! What to do next: for every product that can still be applied for, the
//! documents to prepare and where to apply (online, or the centre or
//! branch the result names for a referral), then a "print or save as PDF"
//! button. Printing uses the stylesheet's `@media print` rules; nothing is
//! sent.
//!
//! [`steps`] is the pure view model; [`render`] builds the DOM.

use sme_precheck::catalogue::Catalogue;
use sme_precheck::i18n::Lang;
use sme_precheck::precheck::{Evaluation, Outcome, ProductResult};
use sme_precheck::profile::Profile;

use super::super::dom::{E, text};
use super::super::i18n::fill;
use super::compare::ordered;
use super::text as t;

/// Where a product is applied for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Apply {
    /// Online (corporate internet or mobile banking).
    Online,
    /// At a branch: the centre or branch the result names, if any.
    Branch(Option<String>),
}

/// The next step for one product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step<'a> {
    /// The product's result.
    pub product: &'a ProductResult,
    /// Documents to prepare, in the catalogue's language.
    pub documents: Vec<String>,
    /// Where to apply.
    pub apply: Apply,
}

/// The products that can still be applied for (every outcome up to a
/// referral to a branch), best first, with the documents their catalogue
/// entry lists for the collateral declared, and where to apply.
pub fn steps<'a>(
    lang: Lang,
    eval: &'a Evaluation,
    catalogue: &Catalogue,
    profile: &Profile,
) -> Vec<Step<'a>> {
    ordered(eval)
        .into_iter()
        .filter(|p| p.outcome <= Outcome::ReferToBranch)
        .map(|p| Step {
            product: p,
            documents: catalogue.product(&p.id).map_or_else(Vec::new, |entry| {
                entry
                    .terms
                    .documents_for(profile.collateral)
                    .into_iter()
                    .map(|code| catalogue.document_label(code, lang).to_owned())
                    .collect()
            }),
            apply: if p.outcome == Outcome::ReferToBranch {
                Apply::Branch(p.referral.as_ref().map(|r| match &r.address {
                    Some(a) => fill(t::BRANCH_ADDRESS.get(lang), &[&r.name, a]),
                    None => r.name.clone(),
                }))
            } else {
                Apply::Online
            },
        })
        .collect()
}

/// Splits the documents into those every step needs (in the first step's
/// order) and what each step needs on top; the steps keep only their extras.
/// With a single step everything is common.
pub fn common_documents(steps: &mut [Step]) -> Vec<String> {
    let Some((first, rest)) = steps.split_first() else {
        return Vec::new();
    };
    let common: Vec<String> = first
        .documents
        .iter()
        .filter(|d| rest.iter().all(|s| s.documents.contains(d)))
        .cloned()
        .collect();
    for s in steps.iter_mut() {
        s.documents.retain(|d| !common.contains(d));
    }
    common
}

/// A list of documents under a small title.
fn documents(title: &str, items: &[String], testid: &str) -> [E; 2] {
    let ul = E::new("ul").class("sp-docs").testid(testid);
    for d in items {
        ul.push(text("li", d));
    }
    [E::new("p").class("sp-docs-title").text(title), ul]
}

/// The "what to do next" section with the print button.
pub fn render(lang: Lang, eval: &Evaluation, catalogue: &Catalogue, profile: &Profile) -> E {
    let mut list = steps(lang, eval, catalogue, profile);
    let common = common_documents(&mut list);
    let section = E::new("section")
        .class("sp-next-steps")
        .attr("aria-labelledby", "sp-next-title")
        .testid("sp-next-steps")
        .child(
            E::new("h3")
                .attr("id", "sp-next-title")
                .text(t::NEXT_TITLE.get(lang)),
        );
    if list.is_empty() {
        section.push(text("p", t::NEXT_NONE.get(lang)));
    } else {
        section.push(E::new("p").class("sp-note").text(t::NEXT_LEAD.get(lang)));
        if !common.is_empty() {
            let title = if list.len() > 1 {
                t::DOCUMENTS_COMMON
            } else {
                t::DOCUMENTS
            };
            section.push(E::new("div").class("sp-docs-common").children(documents(
                title.get(lang),
                &common,
                "sp-docs-common",
            )));
        }
        let ul = E::new("ul").class("sp-steps").attr("role", "list");
        for s in &list {
            ul.push(step(lang, s));
        }
        section.push(ul);
    }
    section.child(
        E::new("div")
            .class("sp-print")
            .child(
                E::new("button")
                    .attr("type", "button")
                    .attr("data-action", "print")
                    .class("sp-button sp-secondary")
                    .testid("sp-print")
                    .text(t::PRINT.get(lang)),
            )
            .child(E::new("p").class("sp-note").text(t::PRINT_NOTE.get(lang))),
    )
}

fn step(lang: Lang, s: &Step) -> E {
    let p = s.product;
    let li = E::new("li")
        .class("sp-step")
        .attr("data-product", &p.id)
        .child(
            E::new("h4").child(E::new("span").text(&p.name)).child(
                E::new("span")
                    .class("sp-outcome")
                    .attr("data-outcome", p.outcome.as_str())
                    .text(p.outcome.label(lang)),
            ),
        );
    let apply = match &s.apply {
        Apply::Online => t::APPLY_ONLINE.get(lang).to_owned(),
        Apply::Branch(Some(name)) => fill(t::APPLY_AT.get(lang), &[name]),
        Apply::Branch(None) => t::APPLY_BRANCH.get(lang).to_owned(),
    };
    let li = li.child(
        E::new("p")
            .class("sp-apply")
            .testid(&format!("sp-referral-{}", p.id))
            .text(&apply),
    );
    if s.documents.is_empty() {
        return li;
    }
    li.children(documents(
        t::DOCUMENTS_EXTRA.get(lang),
        &s.documents,
        &format!("sp-docs-{}", p.id),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sme_precheck::precheck::evaluate;

    fn profile(json: &str) -> Profile {
        Profile::from_json(json).expect("valid profile")
    }

    #[test]
    fn only_products_that_can_be_applied_for() {
        let p = profile(
            r#"{"industry":"software","employees":25,"monthsOperating":30,
            "annualRevenue":"8000000.00","taxPaidLast24Months":"400000.00",
            "taxCreditRating":"B","legalRepAge":42,"requestedAmount":"1000000.00",
            "termMonths":12,"collateral":"none"}"#,
        );
        let c = Catalogue::default_catalogue();
        let e = evaluate(&p, c, Lang::ZhHans);
        let s = steps(Lang::ZhHans, &e, c, &p);
        let applicable = e
            .products
            .iter()
            .filter(|r| !matches!(r.outcome, Outcome::NotEligible | Outcome::NotSmallOrMicro))
            .count();
        assert_eq!(s.len(), applicable);
        assert!(!s.is_empty() && s.len() < e.products.len());
        for step in &s {
            let branch = step.product.outcome == Outcome::ReferToBranch;
            assert_eq!(matches!(step.apply, Apply::Branch(_)), branch);
        }
    }

    /// A construction firm in Guangdong (the shared fixture): by the default
    /// catalogue's lists, every product it can apply for needs the six base
    /// documents; supply chain adds the contracts and the core enterprise's
    /// confirmation, settlement the bank statements, payroll the payroll
    /// records. Payroll is referred to a branch: the Guangzhou centre.
    #[test]
    fn documents_split_and_the_named_centre() {
        let p = profile(include_str!(
            "../../../../../tests/fixtures/precheck/cases/construction_small.profile.json"
        ));
        let c = Catalogue::default_catalogue();
        let e = evaluate(&p, c, Lang::ZhHans);
        let mut s = steps(Lang::ZhHans, &e, c, &p);
        let common = common_documents(&mut s);
        assert_eq!(
            common,
            [
                "营业执照",
                "法定代表人身份证件",
                "实际控制人身份证件",
                "公司章程及股东会（董事会）借款决议",
                "纳税及开票信息查询授权",
                "近一年财务报表",
            ]
        );
        let extras = |id: &str| {
            s.iter()
                .find(|x| x.product.id == id)
                .map(|x| x.documents.clone())
                .unwrap()
        };
        assert_eq!(
            extras("digital_supply_chain"),
            ["与核心企业的购销合同及发票", "核心企业确权或回购承诺文件"]
        );
        assert_eq!(extras("settlement_loan"), ["近12个月银行结算流水"]);
        assert_eq!(extras("payroll_loan"), ["近12个月代发工资记录"]);
        assert!(extras("tax_loan").is_empty());
        let payroll = s.iter().find(|x| x.product.id == "payroll_loan").unwrap();
        match &payroll.apply {
            Apply::Branch(Some(name)) => assert!(name.contains("广州"), "{name}"),
            other => panic!("payroll is referred to a named centre, got {other:?}"),
        }
    }

    #[test]
    fn one_product_keeps_its_whole_list() {
        let e = evaluate(
            &profile(
                r#"{"industry":"software","employees":25,"monthsOperating":30,
                "annualRevenue":"8000000.00","taxCreditRating":"B","legalRepAge":42}"#,
            ),
            Catalogue::default_catalogue(),
            Lang::En,
        );
        let one = e.products.iter().take(1).collect::<Vec<_>>();
        let mut s = vec![Step {
            product: one[0],
            documents: vec!["a".into(), "b".into()],
            apply: Apply::Online,
        }];
        assert_eq!(common_documents(&mut s), ["a", "b"]);
        assert!(s[0].documents.is_empty());
        assert!(common_documents(&mut []).is_empty());
    }

    #[test]
    fn a_medium_enterprise_has_nothing_to_apply_for() {
        let p = profile(
            r#"{"industry":"software","employees":900,"monthsOperating":30,
            "annualRevenue":"900000000.00","taxCreditRating":"A","legalRepAge":42}"#,
        );
        let c = Catalogue::default_catalogue();
        let e = evaluate(&p, c, Lang::En);
        assert!(steps(Lang::En, &e, c, &p).is_empty());
    }
}
