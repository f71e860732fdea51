//! Renders the core's typed [`Evaluation`]: the live answer under the quick
//! check (one line per product), the answers the check assumed, and one
//! card per product on the results step (outcome, reasons, changes, limit,
//! rate, the three repayment plans with a schedule built when opened).
//! Every text from the result (product names from a partner's catalogue
//! included) is inserted as text, never as HTML.

use sme_precheck::i18n::Lang;
use sme_precheck::precheck::{Evaluation, Note, ProductResult, Repayment};
use sme_precheck::repayment::{Method, Plan};

use super::dom::{E, text};
use super::form::{self, Assumed};
use super::i18n::{Tr, fill, money, money_exact, percent, range, s};

/// The stable code of a repayment method (`equal_instalment`, …).
pub fn method_code(m: Method) -> &'static str {
    match m {
        Method::EqualInstalment => "equal_instalment",
        Method::EqualPrincipal => "equal_principal",
        Method::InterestFirst => "interest_first",
    }
}

fn method_label(m: Method) -> Tr {
    match m {
        Method::EqualInstalment => Tr("等额本息", "等額本息", "Equal instalments"),
        Method::EqualPrincipal => Tr("等额本金", "等額本金", "Equal principal"),
        Method::InterestFirst => Tr(
            "先息后本",
            "先息後本",
            "Interest first, principal at the end",
        ),
    }
}

fn plan(r: &Repayment, m: Method) -> &Plan {
    match m {
        Method::EqualInstalment => &r.equal_instalment,
        Method::EqualPrincipal => &r.equal_principal,
        Method::InterestFirst => &r.interest_first,
    }
}

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

/// Renders the whole results section.
pub fn render(lang: Lang, eval: &Evaluation) -> E {
    let section = E::new("div").class("sp-results");
    section.push(
        E::new("p")
            .class("sp-size")
            .testid("sp-size-class")
            .text(&fill(
                s::SIZE_CLASS.get(lang),
                &[eval.size_class.label(lang)],
            )),
    );
    if eval.products.is_empty() {
        section.push(text("p", s::RESULTS_NONE.get(lang)));
    } else {
        let ul = E::new("ul").class("sp-cards").attr("role", "list");
        for p in &eval.products {
            ul.push(E::new("li").child(card(lang, p)));
        }
        section.push(ul);
    }
    section.child(
        E::new("p")
            .class("sp-notice")
            .testid("sp-notice")
            .text(&eval.notice),
    )
}

fn notes(lang: Lang, title: Tr, items: &[Note], class: &str) -> Option<E> {
    if items.is_empty() {
        return None;
    }
    let ul = E::new("ul");
    for n in items {
        ul.push(E::new("li").attr("data-code", n.code).text(&n.message));
    }
    Some(
        E::new("div")
            .class(class)
            .child(text("h4", title.get(lang)))
            .child(ul),
    )
}

fn card(lang: Lang, p: &ProductResult) -> E {
    let outcome = p.outcome.as_str();
    let head_id = format!("sp-p-{}", p.id);
    let facts = E::new("dl").class("sp-facts");
    if let Some(l) = limit_text(lang, p) {
        facts.push(text("dt", s::LIMIT.get(lang)));
        facts.push(E::new("dd").testid("sp-limit").text(&l));
    }
    if let Some(r) = p.rate {
        facts.push(text("dt", s::RATE.get(lang)));
        facts.push(
            E::new("dd")
                .testid("sp-rate")
                .text(&range(&percent(r.low), &percent(r.high))),
        );
    }
    let article = E::new("article")
        .class("sp-card")
        .attr("data-outcome", outcome)
        .attr("aria-labelledby", &head_id)
        .testid(&format!("sp-product-{}", p.id))
        .child(E::new("h3").attr("id", &head_id).text(&p.name))
        .child(
            E::new("p")
                .class("sp-outcome")
                .attr("data-outcome", outcome)
                .testid("sp-outcome")
                .text(p.outcome.label(lang)),
        )
        .child_opt(notes(lang, s::REASONS, &p.reasons, "sp-reasons"))
        .child_opt(notes(lang, s::CHANGES, &p.changes, "sp-changes"))
        .child(facts);
    match &p.repayment {
        Some(r) => article.child(repayment(lang, &p.id, r)),
        None => article,
    }
}

/// The repayment block: principal, term and rate, then each plan.
fn repayment(lang: Lang, product: &str, r: &Repayment) -> E {
    let facts = E::new("dl")
        .class("sp-facts")
        .child(text("dt", s::PRINCIPAL.get(lang)))
        .child(text("dd", &money(r.principal, lang)))
        .child(text("dt", s::TERM.get(lang)))
        .child(text(
            "dd",
            &fill(s::MONTHS_N.get(lang), &[&r.term_months.to_string()]),
        ))
        .child(text("dt", s::RATE_USED.get(lang)))
        .child(text("dd", &percent(r.annual_rate)));
    let block = E::new("div")
        .class("sp-repayment")
        .testid("sp-repayment")
        .child(text("h4", s::REPAYMENT.get(lang)))
        .child(facts);
    for m in Method::ALL {
        block.push(plan_section(lang, product, m, plan(r, m)));
    }
    block
}

/// One plan: its figures and a `<details>` schedule.
fn plan_section(lang: Lang, product: &str, m: Method, p: &Plan) -> E {
    let code = method_code(m);
    let facts = E::new("dl").class("sp-facts");
    let same = p.first_payment == p.last_payment;
    let mut rows = vec![];
    if same {
        rows.push(("monthlyPayment", s::PAYMENT, p.first_payment));
    } else {
        rows.push(("firstPayment", s::FIRST_PAYMENT, p.first_payment));
        rows.push(("lastPayment", s::LAST_PAYMENT, p.last_payment));
    }
    rows.push(("totalInterest", s::TOTAL_INTEREST, p.total_interest));
    rows.push(("totalPayment", s::TOTAL_PAYMENT, p.total_payment));
    for (key, label, v) in rows {
        facts.push(text("dt", label.get(lang)));
        facts.push(
            E::new("dd")
                .attr("data-key", key)
                .text(&money_exact(v, lang)),
        );
    }
    let out = E::new("section")
        .class("sp-plan")
        .attr("data-method", code)
        .testid(&format!("sp-plan-{product}-{code}"))
        .child(text("h5", method_label(m).get(lang)))
        .child(facts);
    if p.schedule.as_ref().is_none_or(|s| s.is_empty()) {
        return out;
    }
    // The table is built when the visitor opens the <details> (see
    // `schedule_region`): eighteen tables would make every render slow.
    out.child(
        E::new("details")
            .class("sp-schedule-box")
            .attr("data-product", product)
            .attr("data-plan", code)
            .child(
                E::new("summary")
                    .testid("sp-schedule-toggle")
                    .text(s::SCHEDULE.get(lang)),
            ),
    )
}

/// The plan of `product` for the method called `code`.
pub fn plan_of<'a>(eval: &'a Evaluation, product: &str, code: &str) -> Option<(Method, &'a Plan)> {
    let r = eval
        .products
        .iter()
        .find(|p| p.id == product)?
        .repayment
        .as_ref()?;
    let m = Method::ALL.into_iter().find(|m| method_code(*m) == code)?;
    Some((m, plan(r, m)))
}

/// The scrollable region with the schedule table of one plan.
pub fn schedule_region(lang: Lang, m: Method, plan: &Plan) -> Option<E> {
    let rows = plan.schedule.as_ref().filter(|a| !a.is_empty())?;
    let title = method_label(m).get(lang);
    let table = E::new("table").class("sp-schedule");
    table.push(E::new("caption").class("sp-visually-hidden").text(title));
    table.push(
        E::new("thead").child(
            E::new("tr").children(
                [s::MONTH, s::PAYMENT, s::PRINCIPAL, s::INTEREST, s::BALANCE]
                    .into_iter()
                    .map(|h| E::new("th").attr("scope", "col").text(h.get(lang))),
            ),
        ),
    );
    let body = E::new("tbody");
    for row in rows {
        let cell = |v| E::new("td").text(&money_exact(v, lang));
        body.push(
            E::new("tr")
                .child(
                    E::new("th")
                        .attr("scope", "row")
                        .text(&row.period.to_string()),
                )
                .child(cell(row.payment))
                .child(cell(row.principal))
                .child(cell(row.interest))
                .child(cell(row.balance)),
        );
    }
    Some(
        E::new("div")
            .class("sp-table-scroll")
            .attr("tabindex", "0")
            .attr("role", "region")
            .attr(
                "aria-label",
                &format!("{} — {}", s::SCHEDULE.get(lang), title),
            )
            .testid("sp-schedule")
            .child(table.child(body)),
    )
}
