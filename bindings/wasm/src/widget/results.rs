//! The live answer under the quick check, from the core's typed
//! [`Evaluation`]: one line per product (outcome and limit), what is still
//! needed, and the answers the check assumed. (The results step's
//! comparison is `view::compare`.) Every text from the result (product
//! names from a partner's catalogue included) is inserted as text.

use sme_precheck::i18n::Lang;
use sme_precheck::precheck::{Evaluation, ProductResult};

use super::dom::{E, text};
use super::form::{self, Assumed};
use super::i18n::{fill, money, range, s};

fn limit_text(lang: Lang, p: &ProductResult) -> Option<String> {
    p.limit
        .map(|l| range(&money(l.low, lang), &money(l.high, lang)))
}

/// The live answer under the quick check: one line per product (outcome
/// and limit), or what is still needed.
pub fn summary(lang: Lang, eval: Option<&Evaluation>, missing: &[String]) -> E {
    let out = E::new("div").class("sp-live-body");
    let Some(eval) = eval else {
        let names: Vec<&str> = missing
            .iter()
            .filter_map(|f| form::input(f))
            .map(|i| i.label(lang))
            .collect();
        let msg = if names.is_empty() {
            s::LIVE_FIX.get(lang).to_owned()
        } else {
            fill(
                s::LIVE_NEEDS.get(lang),
                &[&names.join(s::LIST_SEP.get(lang))],
            )
        };
        return out.child(
            E::new("p")
                .class("sp-note")
                .testid("sp-live-needs")
                .text(&msg),
        );
    };
    let ul = E::new("ul").class("sp-live-list").attr("role", "list");
    for p in &eval.products {
        let code = p.outcome.as_str();
        let li = E::new("li")
            .attr("data-outcome", code)
            .testid(&format!("sp-live-{}", p.id))
            .child(E::new("span").class("sp-live-name").text(&p.name))
            .child(
                E::new("span")
                    .class("sp-outcome")
                    .attr("data-outcome", code)
                    .text(p.outcome.label(lang)),
            )
            .child_opt(limit_text(lang, p).map(|l| E::new("span").class("sp-live-limit").text(&l)));
        ul.push(li);
    }
    out.child(ul)
}

/// The answers the quick check assumed, as a short list (none: `None`).
pub fn assumed(lang: Lang, assumed: &[Assumed]) -> Option<E> {
    if assumed.is_empty() {
        return None;
    }
    let ul = E::new("ul");
    for a in assumed {
        let line = match a {
            Assumed::SmallOrMicro => s::ASSUMED_SIZE.get(lang).to_owned(),
            Assumed::LegalRepAge => s::ASSUMED_AGE.get(lang).to_owned(),
            Assumed::NoCreditProblems => s::ASSUMED_CREDIT.get(lang).to_owned(),
            Assumed::Empty(fields) => {
                let names: Vec<&str> = fields.iter().map(|f| f.label(lang)).collect();
                fill(
                    s::ASSUMED_EMPTY.get(lang),
                    &[&names.join(s::LIST_SEP.get(lang))],
                )
            }
        };
        ul.push(text("li", &line));
    }
    Some(
        E::new("div")
            .class("sp-assumed")
            .testid("sp-assumed")
            .child(text("p", s::ASSUMED_TITLE.get(lang)))
            .child(ul),
    )
}
