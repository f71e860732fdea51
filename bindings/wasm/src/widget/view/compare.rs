//! Every product in one comparison list: outcome, limit range, rate range
//! and the payment for the chosen method at the chosen amount and term, one
//! compact row per product (a grid at full width, stacked label/value lines
//! in a narrow container). Each row is a `<details>` whose panel holds the
//! reasons, what would change the answer, the repayment methods and — for
//! the chosen product — the chart and the month-by-month schedule.
//!
//! [`rows`] is the pure view model; [`render`] builds the DOM from it.

use sme_precheck::i18n::Lang;
use sme_precheck::precheck::{
    Evaluation, LimitRange, Note, Outcome, ProductResult, RateRange, Repayment,
};
use sme_precheck::repayment::{Method, Revolving};

use super::super::dom::{E, text};
use super::super::i18n::{Tr, fill, method_label, money_exact, range};
use super::{chart, method_code, text as t};
use sme_precheck::money::fmt_amount as money;

/// One row of the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    /// The product's result.
    pub product: &'a ProductResult,
    /// The outcome's label.
    pub outcome: &'static str,
    /// `low – high` limit, when the product has one.
    pub limit: Option<String>,
    /// `low – high` annual rate, when the product has one.
    pub rate: Option<String>,
    /// The payment of the chosen method (first month), or a revolving
    /// line's interest for a month, when there is one.
    pub payment: Option<String>,
    /// The product is a revolving line (`payment` is its monthly interest).
    pub revolving: bool,
}

/// The products best outcome first (the core's order of outcomes); ties
/// keep the catalogue's order.
pub fn ordered(eval: &Evaluation) -> Vec<&ProductResult> {
    // One pass per outcome instead of a sort: a handful of products, and no
    // sort routine in the wasm.
    Outcome::ALL
        .iter()
        .flat_map(|o| eval.products.iter().filter(move |p| p.outcome == *o))
        .collect()
}

/// The payment column's title for `method`.
pub fn payment_title(method: Method) -> Tr {
    match method {
        Method::EqualInstalment => t::PAY_EQUAL_INSTALMENT,
        Method::EqualPrincipal => t::PAY_EQUAL_PRINCIPAL,
        Method::InterestFirst => t::PAY_INTEREST_FIRST,
    }
}

fn limit_text(l: &LimitRange, lang: Lang) -> String {
    range(&money(l.low, lang), &money(l.high, lang))
}

fn percent(d: rust_decimal::Decimal) -> String {
    format!("{}%", sme_precheck::money::fmt_percent(d))
}

fn rate_text(r: &RateRange) -> String {
    range(&percent(r.low), &percent(r.high))
}

/// The rows of the comparison, best outcome first.
pub fn rows(lang: Lang, eval: &Evaluation, method: Method) -> Vec<Row<'_>> {
    ordered(eval)
        .into_iter()
        .map(|p| Row {
            product: p,
            outcome: p.outcome.label(lang),
            limit: p.limit.as_ref().map(|l| limit_text(l, lang)),
            rate: p.rate.as_ref().map(rate_text),
            payment: p.repayment.as_ref().and_then(|r| match &r.revolving {
                Some(line) => Some(money_exact(line.interest_per_month, lang)),
                None => r
                    .plan(method)
                    .map(|plan| money_exact(plan.first_payment, lang)),
            }),
            revolving: p.repayment.as_ref().is_some_and(|r| r.revolving.is_some()),
        })
        .collect()
}

/// The method's display name.
fn method_name(method: Method, lang: Lang) -> &'static str {
    method_label(method_code(method)).map_or("", |m| m.get(lang))
}

/// A cell of a row: a label (visible only in the stacked layout) and a
/// value, or a dash with "not applicable" for screen readers.
fn cell(lang: Lang, class: &str, label: Tr, value: Option<&str>, testid: &str) -> E {
    let c = E::new("span")
        .class(class)
        .child(E::new("span").class("sp-cell-label").text(label.get(lang)));
    match value {
        Some(v) => c.child(E::new("span").class("sp-cell-value").testid(testid).text(v)),
        None => c.child(
            E::new("span")
                .class("sp-cell-value sp-na")
                .testid(testid)
                .child(E::new("span").attr("aria-hidden", "true").text("—"))
                .child(
                    E::new("span")
                        .class("sp-visually-hidden")
                        .text(t::NONE.get(lang)),
                ),
        ),
    }
}

/// The whole comparison: size class, basis, the list and the notice.
/// `chosen` is the product whose panel is open, with the chart and the
/// schedule of `method`.
pub fn render(lang: Lang, eval: &Evaluation, chosen: Option<&str>, method: Method) -> E {
    let wrap = E::new("div").class("sp-compare-wrap");
    let pay = payment_title(method);
    wrap.push(
        E::new("div")
            .class("sp-compare-head sp-row")
            .attr("aria-hidden", "true")
            .children(
                [t::PRODUCT, t::OUTCOME, t::LIMIT, t::RATE, pay]
                    .into_iter()
                    .map(|h| text("span", h.get(lang))),
            ),
    );
    let list = E::new("ul")
        .class("sp-compare")
        .attr("role", "list")
        .testid("sp-compare");
    for row in rows(lang, eval, method) {
        let open = chosen == Some(row.product.id.as_str());
        list.push(E::new("li").child(product(lang, &row, open, method)));
    }
    wrap.child(list)
        .child(
            E::new("div")
                .class("sp-basis-line")
                .child(
                    E::new("p")
                        .class("sp-size")
                        .testid("sp-size-class")
                        .text(&fill(t::SIZE.get(lang), &[eval.size_class.label(lang)])),
                )
                .child(E::new("p").class("sp-basis").text(&fill(
                    t::BASIS_METHOD.get(lang),
                    &[method_name(method, lang)],
                ))),
        )
        .child(
            E::new("p")
                .class("sp-note sp-print-hide")
                .text(t::EXPAND_HINT.get(lang)),
        )
        .child(
            E::new("p")
                .class("sp-notice")
                .testid("sp-notice")
                .text(&eval.notice),
        )
}

/// One product: the summary row and its panel.
fn product(lang: Lang, row: &Row, open: bool, method: Method) -> E {
    let p = row.product;
    let outcome = p.outcome.as_str();
    let summary = E::new("summary")
        .class("sp-row")
        .attr("id", &format!("sp-sum-{}", p.id))
        .child(
            E::new("span")
                .class("sp-c-name")
                .child(
                    E::new("span")
                        .class("sp-cell-label")
                        .text(t::PRODUCT.get(lang)),
                )
                .child(E::new("span").class("sp-name").text(&p.name)),
        )
        .child(
            E::new("span")
                .class("sp-c-outcome")
                .child(
                    E::new("span")
                        .class("sp-cell-label")
                        .text(t::OUTCOME.get(lang)),
                )
                .child(
                    E::new("span")
                        .class("sp-outcome")
                        .attr("data-outcome", outcome)
                        .testid("sp-outcome")
                        .text(row.outcome),
                ),
        )
        .child(cell(
            lang,
            "sp-c-limit",
            t::LIMIT,
            row.limit.as_deref(),
            "sp-limit",
        ))
        .child(cell(
            lang,
            "sp-c-rate",
            t::RATE,
            row.rate.as_deref(),
            "sp-rate",
        ))
        .child(
            cell(
                lang,
                "sp-c-pay",
                if row.revolving {
                    t::PAY_REVOLVING
                } else {
                    payment_title(method)
                },
                row.payment.as_deref(),
                "sp-payment",
            )
            .attr_if(row.revolving, "data-kind", "revolving"),
        );
    E::new("details")
        .class("sp-product")
        .attr("data-outcome", outcome)
        .attr("data-action", "choose-product")
        .attr("data-product", &p.id)
        .attr_if(open, "open", "")
        .testid(&format!("sp-product-{}", p.id))
        .child(summary)
        .child(panel(lang, p, open, method))
}

/// A list of reasons or changes under a heading.
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
            .child(text("h3", title.get(lang)))
            .child(ul),
    )
}

/// The expanded part of a product.
fn panel(lang: Lang, p: &ProductResult, chosen: bool, method: Method) -> E {
    E::new("div")
        .class("sp-panel")
        .child_opt(notes(lang, t::REASONS, &p.reasons, "sp-reasons"))
        .child_opt(notes(lang, t::CHANGES, &p.changes, "sp-changes"))
        .child_opt(
            p.repayment
                .as_ref()
                .map(|r| repayment(lang, p, r, chosen, method)),
        )
}

/// The repayment block: basis, the methods to choose from (with their
/// first/last payment and total interest), then for the chosen product the
/// chart and the schedule of the chosen method.
fn repayment(lang: Lang, p: &ProductResult, r: &Repayment, chosen: bool, method: Method) -> E {
    let block = E::new("div")
        .class("sp-repayment")
        .testid("sp-repayment")
        .child(text("h3", t::REPAYMENT.get(lang)));
    if let Some(line) = &r.revolving {
        let [lead, figures] = revolving_lines(lang, r.principal, r.annual_rate, line);
        return block
            .attr("data-kind", "revolving")
            .child(E::new("p").text(&lead))
            .child(E::new("p").class("sp-revolving").text(&figures));
    }
    let block = block.child(E::new("p").class("sp-note").text(&fill(
        t::PLAN_BASIS.get(lang),
        &[
            &money(r.principal, lang),
            &r.term_months.to_string(),
            &percent(r.annual_rate),
        ],
    )));
    let methods = E::new("fieldset")
        .class("sp-methods")
        .child(text("legend", t::METHOD.get(lang)));
    for (m, plan) in Method::ALL
        .into_iter()
        .filter_map(|m| r.plan(m).map(|plan| (m, plan)))
    {
        let code = method_code(m);
        let id = format!("sp-m-{}-{code}", p.id);
        let mut figures = vec![format!(
            "{} {}",
            t::FIRST.get(lang),
            money_exact(plan.first_payment, lang)
        )];
        if plan.last_payment != plan.first_payment {
            figures.push(format!(
                "{} {}",
                t::LAST.get(lang),
                money_exact(plan.last_payment, lang)
            ));
        }
        figures.push(format!(
            "{} {}",
            t::TOTAL_INTEREST.get(lang),
            money_exact(plan.total_interest, lang)
        ));
        methods.push(
            E::new("div")
                .class("sp-plan")
                .attr("data-method", code)
                .testid(&format!("sp-plan-{}-{code}", p.id))
                .child(
                    E::new("input")
                        .attr("type", "radio")
                        .attr("id", &id)
                        .attr("name", &format!("sp-m-{}", p.id))
                        .attr("value", code)
                        .attr("data-action", "choose-method")
                        .attr("data-method", code)
                        .attr_if(m == method, "checked", ""),
                )
                .child(
                    E::new("label")
                        .attr("for", &id)
                        .child(
                            E::new("span")
                                .class("sp-plan-name")
                                .text(method_name(m, lang)),
                        )
                        .child(
                            E::new("span")
                                .class("sp-plan-figures")
                                .text(&figures.join(" · ")),
                        ),
                ),
        );
    }
    let block = block.child(methods);
    if !chosen {
        return block;
    }
    block
        .child_opt(chart::render(lang, p, method))
        .child_opt(schedule(lang, p, method).map(|region| {
            E::new("details")
                .class("sp-schedule-box")
                .child(
                    E::new("summary")
                        .testid("sp-schedule-toggle")
                        .text(t::SCHEDULE.get(lang)),
                )
                .child(region)
        }))
}

/// The lines describing a revolving line: how it works, and what drawing
/// `principal` at `annual_rate` costs.
pub fn revolving_lines(
    lang: Lang,
    principal: rust_decimal::Decimal,
    annual_rate: rust_decimal::Decimal,
    r: &Revolving,
) -> [String; 2] {
    [
        fill(
            t::REVOLVING_LEAD.get(lang),
            &[&r.max_draw_months.to_string()],
        ),
        fill(
            t::REVOLVING_FIGURES.get(lang),
            &[
                &money(principal, lang),
                &percent(annual_rate),
                &r.day_count.to_string(),
                &money_exact(r.interest_per_day, lang),
                &money_exact(r.interest_per_month, lang),
                &r.draw_months.to_string(),
                &money_exact(r.interest_for_draw, lang),
            ],
        ),
    ]
}

/// The scrollable region with the month-by-month schedule of one plan.
pub fn schedule(lang: Lang, p: &ProductResult, method: Method) -> Option<E> {
    let rows = p
        .repayment
        .as_ref()?
        .plan(method)?
        .schedule
        .as_ref()
        .filter(|s| !s.is_empty())?;
    let title = format!("{} — {}", p.name, method_name(method, lang));
    let table = E::new("table").class("sp-schedule");
    table.push(E::new("caption").class("sp-visually-hidden").text(&title));
    table.push(
        E::new("thead").child(
            E::new("tr").children(
                [t::PERIOD, t::PAYMENT, t::PRINCIPAL, t::INTEREST, t::BALANCE]
                    .into_iter()
                    .map(|h| E::new("th").attr("scope", "col").text(h.get(lang))),
            ),
        ),
    );
    let body = E::new("tbody");
    for row in rows {
        body.push(
            E::new("tr")
                .child(
                    E::new("th")
                        .attr("scope", "row")
                        .text(&row.period.to_string()),
                )
                .children(
                    [row.payment, row.principal, row.interest, row.balance]
                        .into_iter()
                        .map(|v| text("td", &money_exact(v, lang))),
                ),
        );
    }
    Some(
        E::new("div")
            .class("sp-table-scroll")
            .attr("tabindex", "0")
            .attr("role", "region")
            .attr("aria-label", &title)
            .testid("sp-schedule")
            .child(table.child(body)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use sme_precheck::catalogue::Catalogue;
    use sme_precheck::precheck::evaluate;
    use sme_precheck::profile::Profile;

    fn eval(lang: Lang) -> Evaluation {
        // A growing software firm: some products pre-qualify, the secured
        // one needs collateral, supply-chain has no basis.
        let profile = Profile::from_json(
            r#"{"industry":"software","employees":25,"monthsOperating":30,
            "annualRevenue":"8000000.00","taxPaidLast24Months":"400000.00",
            "taxCreditRating":"B","legalRepAge":42,"requestedAmount":"1000000.00",
            "termMonths":12,"collateral":"none"}"#,
        )
        .expect("valid profile");
        evaluate(&profile, Catalogue::default_catalogue(), lang)
    }

    #[test]
    fn rows_are_best_outcome_first_and_keep_catalogue_order_on_ties() {
        let e = eval(Lang::En);
        let rows = rows(Lang::En, &e, Method::EqualInstalment);
        assert_eq!(rows.len(), e.products.len());
        for pair in rows.windows(2) {
            assert!(pair[0].product.outcome <= pair[1].product.outcome);
            if pair[0].product.outcome == pair[1].product.outcome {
                let pos = |id: &str| e.products.iter().position(|p| p.id == id).unwrap();
                assert!(pos(&pair[0].product.id) < pos(&pair[1].product.id));
            }
        }
        // Not every product has the same outcome here, so the order matters.
        assert!(rows.first().unwrap().product.outcome < rows.last().unwrap().product.outcome);
    }

    #[test]
    fn a_row_shows_what_its_product_has() {
        let e = eval(Lang::ZhHans);
        for row in rows(Lang::ZhHans, &e, Method::EqualPrincipal) {
            let p = row.product;
            assert!(!row.outcome.is_empty(), "{} has an outcome label", p.id);
            assert_eq!(row.limit.is_some(), p.limit.is_some());
            assert_eq!(row.rate.is_some(), p.rate.is_some());
            match &p.repayment {
                Some(r) => match (&r.revolving, &r.equal_principal) {
                    (Some(line), _) => {
                        assert!(row.revolving);
                        assert_eq!(
                            row.payment,
                            Some(money_exact(line.interest_per_month, Lang::ZhHans))
                        )
                    }
                    (None, Some(plan)) => assert_eq!(
                        row.payment.as_deref(),
                        Some(money_exact(plan.first_payment, Lang::ZhHans).as_str())
                    ),
                    (None, None) => assert!(row.payment.is_none()),
                },
                None => assert!(row.payment.is_none()),
            }
        }
    }

    #[test]
    fn limit_and_rate_texts() {
        let l = LimitRange {
            low: "500000".parse().unwrap(),
            high: "3000000".parse().unwrap(),
        };
        assert_eq!(limit_text(&l, Lang::ZhHans), "50万元 – 300万元");
        assert_eq!(limit_text(&l, Lang::En), "¥500,000 – ¥3,000,000");
        let r = RateRange {
            low: "3.1".parse().unwrap(),
            high: "4.6".parse().unwrap(),
        };
        assert_eq!(rate_text(&r), "3.10% – 4.60%");
        let same = RateRange {
            low: "3.45".parse().unwrap(),
            high: "3.45".parse().unwrap(),
        };
        assert_eq!(rate_text(&same), "3.45%");
    }

    /// 2,000,000 drawn at 4.50 % for 6 months, by hand on a 360-day year:
    /// 2,000,000 × 4.5 % / 360 = 250.00 a day, × 30 = 7,500.00 a month,
    /// × 180 days = 45,000.00.
    #[test]
    fn revolving_figures_in_words() {
        let r = sme_precheck::repayment::revolving(
            "2000000".parse().unwrap(),
            "4.50".parse().unwrap(),
            6,
            12,
        );
        let [lead, figures] = revolving_lines(
            Lang::ZhHans,
            "2000000".parse().unwrap(),
            "4.50".parse().unwrap(),
            &r,
        );
        assert!(
            lead.contains("随借随还") && lead.contains("最长12个月"),
            "{lead}"
        );
        assert_eq!(
            figures,
            "按借款200万元、年利率4.50%（日利率=年利率/360）：每日利息250.00元，每月利息（按30天）7,500.00元，借用6个月利息合计45,000.00元。"
        );
    }

    #[test]
    fn the_payment_column_follows_the_method() {
        assert_eq!(
            payment_title(Method::EqualInstalment).get(Lang::ZhHans),
            "月供"
        );
        assert_eq!(
            payment_title(Method::InterestFirst).get(Lang::En),
            "Monthly interest"
        );
        let e = eval(Lang::En);
        let with = |m| {
            rows(Lang::En, &e, m)
                .into_iter()
                .filter(|r| {
                    r.product
                        .repayment
                        .as_ref()
                        .is_some_and(|x| x.revolving.is_none())
                })
                .find_map(|r| r.payment)
                .unwrap()
        };
        // Interest first pays only interest at first: less than an instalment.
        assert_ne!(with(Method::EqualInstalment), with(Method::InterestFirst));
    }
}
