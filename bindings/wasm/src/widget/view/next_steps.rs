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
/// referral to a branch), best first, with their documents and where to
/// apply.
pub fn steps<'a>(
    eval: &'a Evaluation,
    _catalogue: &Catalogue,
    _profile: &Profile,
) -> Vec<Step<'a>> {
    ordered(eval)
        .into_iter()
        .filter(|p| p.outcome <= Outcome::ReferToBranch)
        .map(|p| Step {
            product: p,
            documents: Vec::new(),
            apply: if p.outcome == Outcome::ReferToBranch {
                Apply::Branch(None)
            } else {
                Apply::Online
            },
        })
        .collect()
}

/// The "what to do next" section with the print button.
pub fn render(lang: Lang, eval: &Evaluation, catalogue: &Catalogue, profile: &Profile) -> E {
    let list = steps(eval, catalogue, profile);
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
    let docs = E::new("ul").testid(&format!("sp-docs-{}", p.id));
    for d in &s.documents {
        docs.push(text("li", d));
    }
    li.child(
        E::new("p")
            .class("sp-docs-title")
            .text(t::DOCUMENTS.get(lang)),
    )
    .child(docs)
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
        let s = steps(&e, c, &p);
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

    #[test]
    fn a_medium_enterprise_has_nothing_to_apply_for() {
        let p = profile(
            r#"{"industry":"software","employees":900,"monthsOperating":30,
            "annualRevenue":"900000000.00","taxCreditRating":"A","legalRepAge":42}"#,
        );
        let c = Catalogue::default_catalogue();
        let e = evaluate(&p, c, Lang::En);
        assert!(steps(&e, c, &p).is_empty());
    }
}
