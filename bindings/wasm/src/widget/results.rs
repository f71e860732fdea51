//! Renders the pre-check result JSON (see docs/precheck.md: `sizeClass`, `notice`,
//! `products[]` with outcome, reasons, changes, limit, rate, repayment) as
//! one card per product. Every text from the result (product names from a
//! partner's catalogue included) is inserted as text, never as HTML.

use serde_json::Value;
use sme_precheck::i18n::Lang;

use super::dom::{E, text};
use super::i18n::{
    Tr, fill, method_label, money_exact_str, money_str, outcome_label, percent_str, range, s,
    size_label,
};

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// A money or count field that may be a string or a number.
fn num_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Renders the whole results section.
pub fn render(lang: Lang, result: &Value) -> E {
    let section = E::new("div").class("sp-results");
    let size = str_of(result, "sizeClass");
    if !size.is_empty() {
        section.push(
            E::new("p")
                .class("sp-size")
                .testid("sp-size-class")
                .text(&fill(
                    s::SIZE_CLASS.get(lang),
                    &[size_label(size).get(lang)],
                )),
        );
    }
    let products = result.get("products").and_then(Value::as_array);
    match products {
        Some(list) if !list.is_empty() => {
            let ul = E::new("ul").class("sp-cards").attr("role", "list");
            for p in list {
                ul.push(E::new("li").child(card(lang, p)));
            }
            section.push(ul);
        }
        _ => section.push(text("p", s::RESULTS_NONE.get(lang))),
    }
    let notice = str_of(result, "notice");
    section.child(
        E::new("p")
            .class("sp-notice")
            .testid("sp-notice")
            .text(if notice.is_empty() {
                s::INDICATIVE.get(lang)
            } else {
                notice
            }),
    )
}

fn list_section(lang: Lang, title: Tr, items: Option<&Vec<Value>>, class: &str) -> Option<E> {
    let items = items.filter(|i| !i.is_empty())?;
    let ul = E::new("ul");
    for it in items {
        let msg = it
            .get("message")
            .and_then(Value::as_str)
            .or_else(|| it.as_str())
            .unwrap_or("");
        let li = E::new("li").text(msg);
        let li = match it.get("code").and_then(Value::as_str) {
            Some(code) => li.attr("data-code", code),
            None => li,
        };
        ul.push(li);
    }
    Some(
        E::new("div")
            .class(class)
            .child(text("h4", title.get(lang)))
            .child(ul),
    )
}

fn card(lang: Lang, p: &Value) -> E {
    let id = str_of(p, "id");
    let outcome = str_of(p, "outcome");
    let head_id = format!("sp-p-{id}");
    let article = E::new("article")
        .class("sp-card")
        .attr("data-outcome", outcome)
        .attr("aria-labelledby", &head_id)
        .testid(&format!("sp-product-{id}"));
    let badge_label = outcome_label(outcome).get(lang);
    let article = article
        .child(E::new("h3").attr("id", &head_id).text(str_of(p, "name")))
        .child(
            E::new("p")
                .class("sp-outcome")
                .attr("data-outcome", outcome)
                .testid("sp-outcome")
                .text(if badge_label.is_empty() {
                    outcome
                } else {
                    badge_label
                }),
        );
    let facts = E::new("dl").class("sp-facts");
    if let Some(limit) = p.get("limit").filter(|v| v.is_object()) {
        let low = money_str(str_of(limit, "low"), lang);
        let high = money_str(str_of(limit, "high"), lang);
        facts.push(text("dt", s::LIMIT.get(lang)));
        facts.push(E::new("dd").testid("sp-limit").text(&range(&low, &high)));
    }
    if let Some(rate) = p.get("rate").filter(|v| v.is_object()) {
        let low = percent_str(str_of(rate, "low"));
        let high = percent_str(str_of(rate, "high"));
        facts.push(text("dt", s::RATE.get(lang)));
        facts.push(E::new("dd").testid("sp-rate").text(&range(&low, &high)));
    }
    let article = article
        .child_opt(list_section(
            lang,
            s::REASONS,
            p.get("reasons").and_then(Value::as_array),
            "sp-reasons",
        ))
        .child_opt(list_section(
            lang,
            s::CHANGES,
            p.get("changes").and_then(Value::as_array),
            "sp-changes",
        ))
        .child(facts);
    match p.get("repayment").filter(|v| v.is_object()) {
        Some(r) => article.child(repayment(lang, id, r)),
        None => article,
    }
}

/// One repayment plan (`equalInstalment`, `equalPrincipal`,
/// `interestFirst`): its figures and a `<details>` schedule.
fn plan(lang: Lang, product: &str, key: &str, r: &Value) -> E {
    let method = str_of(r, "method");
    let facts = E::new("dl").class("sp-facts");
    for (key, label) in [
        ("monthlyPayment", s::PAYMENT),
        ("firstPayment", s::FIRST_PAYMENT),
        ("lastPayment", s::LAST_PAYMENT),
        ("totalInterest", s::TOTAL_INTEREST),
        ("totalPayment", s::TOTAL_PAYMENT),
    ] {
        if let Some(v) = num_text(r.get(key)) {
            facts.push(text("dt", label.get(lang)));
            facts.push(
                E::new("dd")
                    .attr("data-key", key)
                    .text(&money_exact_str(&v, lang)),
            );
        }
    }
    let title = method_label(method).map_or(method, |m| m.get(lang));
    let out = E::new("section")
        .class("sp-plan")
        .attr_if(!method.is_empty(), "data-method", method)
        .testid(&format!("sp-plan-{product}-{method}"))
        .child(text("h5", title))
        .child(facts);
    if r.get("schedule")
        .and_then(Value::as_array)
        .is_none_or(|a| a.is_empty())
    {
        return out;
    }
    // The schedule table is built when the visitor opens the <details>
    // (see `schedule_region`): 18 tables of up to 36 rows would otherwise
    // make every results render slow.
    out.child(
        E::new("details")
            .class("sp-schedule-box")
            .attr("data-product", product)
            .attr("data-plan", key)
            .child(
                E::new("summary")
                    .testid("sp-schedule-toggle")
                    .text(s::SCHEDULE.get(lang)),
            ),
    )
}

/// The plan object `key` (`equalInstalment`, …, or "" for a single plan) of
/// `product` in a result.
pub fn plan_of<'a>(result: &'a Value, product: &str, key: &str) -> Option<&'a Value> {
    let p = result
        .get("products")?
        .as_array()?
        .iter()
        .find(|p| str_of(p, "id") == product)?;
    let r = p.get("repayment")?;
    if key.is_empty() { Some(r) } else { r.get(key) }
}

/// The scrollable region with the schedule table of one plan.
pub fn schedule_region(lang: Lang, plan: &Value) -> Option<E> {
    let rows = plan
        .get("schedule")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())?;
    let method = str_of(plan, "method");
    let title = method_label(method).map_or(method, |m| m.get(lang));
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
    for (i, row) in rows.iter().enumerate() {
        let n = num_text(row.get("period")).unwrap_or_else(|| (i + 1).to_string());
        let cell = |key: &str| {
            E::new("td").text(&money_exact_str(
                &num_text(row.get(key)).unwrap_or_default(),
                lang,
            ))
        };
        body.push(
            E::new("tr")
                .child(E::new("th").attr("scope", "row").text(&n))
                .child(cell("payment"))
                .child(cell("principal"))
                .child(cell("interest"))
                .child(cell("balance")),
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

/// The repayment block: principal, term and rate, then each plan.
fn repayment(lang: Lang, product: &str, r: &Value) -> E {
    let facts = E::new("dl").class("sp-facts");
    if let Some(p) = num_text(r.get("principal")) {
        facts.push(text("dt", s::PRINCIPAL.get(lang)));
        facts.push(text("dd", &money_str(&p, lang)));
    }
    if let Some(n) = num_text(r.get("termMonths")) {
        facts.push(text("dt", s::TERM.get(lang)));
        facts.push(text("dd", &fill(s::MONTHS_N.get(lang), &[&n])));
    }
    if let Some(rate) = num_text(r.get("annualRate")) {
        facts.push(text("dt", s::RATE_USED.get(lang)));
        facts.push(text("dd", &percent_str(&rate)));
    }
    let block = E::new("div")
        .class("sp-repayment")
        .testid("sp-repayment")
        .child(text("h4", s::REPAYMENT.get(lang)))
        .child(facts);
    let plans = ["equalInstalment", "equalPrincipal", "interestFirst"]
        .iter()
        .filter_map(|k| r.get(*k).filter(|v| v.is_object()).map(|v| (*k, v)));
    let mut any = false;
    for (key, p) in plans {
        any = true;
        block.push(plan(lang, product, key, p));
    }
    if !any && r.get("schedule").is_some() {
        block.push(plan(lang, product, "", r));
    }
    block
}

/// The "best" outcome across products, used as the outcome class of the
/// `sme-precheck:completed` event (never the answers).
pub fn best_outcome(result: &Value) -> String {
    const ORDER: [&str; 7] = [
        "pre_qualified",
        "pre_qualified_with_review",
        "needs_collateral",
        "needs_collateral_or_lower_amount",
        "refer_to_branch",
        "not_eligible",
        "not_small_or_micro",
    ];
    let outcomes: Vec<&str> = result
        .get("products")
        .and_then(Value::as_array)
        .map(|ps| ps.iter().map(|p| str_of(p, "outcome")).collect())
        .unwrap_or_default();
    ORDER
        .iter()
        .find(|o| outcomes.contains(o))
        .map(|o| (*o).to_owned())
        .unwrap_or_else(|| "none".to_owned())
}
