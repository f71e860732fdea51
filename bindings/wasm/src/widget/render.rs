//! Drawing the state into the shadow root: the persistent chrome (header
//! with language select, progress, heading, error summary, status), each
//! step's body, the live answer (redrawn alone while the visitor types, so
//! the control being typed in is never replaced), field errors patched in
//! place, and focus.

use sme_precheck::i18n::Lang;
use sme_precheck::profile::{Field, Unit};
use web_sys::{Element, HtmlElement, ShadowRoot};

use super::dom::{E, button, focus, text};
use super::form::{self, Page};
use super::i18n::{fill, s};
use super::machine::Focus;
use super::state::{CatalogueState, STEPS, State, Step};
use super::{preview, results, survey, view};

/// What the host element says about presentation.
pub struct Host {
    /// The `partner-name` attribute.
    pub partner_name: Option<String>,
    /// The `theme` attribute.
    pub theme: Option<String>,
}

impl Host {
    /// Reads the presentation attributes of `host`.
    pub fn of(host: &HtmlElement) -> Host {
        let attr = |n: &str| {
            host.get_attribute(n)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        Host {
            partner_name: attr("partner-name"),
            theme: attr("theme"),
        }
    }
}

fn by_id(root: &ShadowRoot, id: &str) -> Option<Element> {
    root.get_element_by_id(id)
}

fn clear(el: &Element) {
    el.set_text_content(None);
}

/// Builds the persistent parts of the shadow root: stylesheet link (when
/// the loader gives a URL instead of an adopted sheet), the header, live
/// regions and the step container.
pub fn chrome(root: &ShadowRoot, stylesheet: Option<&str>) {
    while let Some(c) = root.first_child() {
        let _ = root.remove_child(&c);
    }
    if let Some(href) = stylesheet {
        let link = E::new("link").attr("rel", "stylesheet").attr("href", href);
        let _ = root.append_child(&link.0);
    }
    let wrap = E::new("div")
        .class("sp-root")
        .attr("id", "sp-root")
        .testid("sp-root")
        .child(E::new("div").class("sp-header").attr("id", "sp-header"))
        .child(E::new("div").class("sp-progress").attr("id", "sp-progress"))
        .child(
            E::new("h2")
                .class("sp-title")
                .attr("id", "sp-title")
                .attr("tabindex", "-1")
                .testid("sp-step-title"),
        )
        .child(
            E::new("div")
                .class("sp-errors")
                .attr("id", "sp-errors")
                .attr("aria-live", "assertive")
                .attr("aria-atomic", "true")
                .testid("sp-errors"),
        )
        .child(
            E::new("div")
                .class("sp-status")
                .attr("id", "sp-status")
                .attr("role", "status")
                .attr("aria-live", "polite")
                .testid("sp-status"),
        )
        .child(E::new("div").class("sp-body").attr("id", "sp-body"));
    let _ = root.append_child(&wrap.0);
}

fn step_title(step: Step) -> super::i18n::Tr {
    match step {
        Step::Intro => s::STEP_INTRO,
        Step::Form => s::STEP_FORM,
        Step::Refine => s::STEP_REFINE,
        Step::Results => s::STEP_RESULTS,
        Step::Survey(_) => s::STEP_SURVEY,
        Step::Recommendations => s::STEP_RECS,
        Step::Preview => s::STEP_PREVIEW,
        Step::Thanks(_) => s::STEP_THANKS,
    }
}

/// Renders everything that depends on the state, then moves focus.
pub fn full(root: &ShadowRoot, host: &Host, st: &State, focus_to: &Focus) {
    let lang = st.lang;
    let Some(wrap) = by_id(root, "sp-root") else {
        return;
    };
    wrap.set_attribute("lang", lang.tag()).ok();
    wrap.set_attribute("data-step", st.step.name()).ok();
    match &host.theme {
        Some(t) => wrap.set_attribute("data-theme", t).ok(),
        None => wrap.remove_attribute("data-theme").ok(),
    };
    if let Some(h) = by_id(root, "sp-header") {
        clear(&h);
        header(&E(h), host, lang);
    }
    if let Some(p) = by_id(root, "sp-progress") {
        clear(&p);
        let n = st.step.number().to_string();
        let label = fill(
            s::STEP_OF.get(lang),
            &[&n, &STEPS.to_string(), step_title(st.step).get(lang)],
        );
        let prog = E(p);
        prog.push(
            E::new("p")
                .attr("id", "sp-progress-text")
                .testid("sp-progress")
                .text(&label),
        );
        prog.push(
            E::new("progress")
                .attr("max", &STEPS.to_string())
                .attr("value", &n)
                .attr("aria-labelledby", "sp-progress-text"),
        );
    }
    if let Some(t) = by_id(root, "sp-title") {
        t.set_text_content(Some(step_title(st.step).get(lang)));
    }
    if let Some(e) = by_id(root, "sp-errors") {
        clear(&e);
        error_summary(&E(e), st);
    }
    if let Some(e) = by_id(root, "sp-status") {
        e.set_text_content(st.status.as_deref());
    }
    if let Some(b) = by_id(root, "sp-body") {
        clear(&b);
        E(b).push(body(st));
    }
    let target = match focus_to {
        Focus::Keep => None,
        Focus::Heading => by_id(root, "sp-title"),
        Focus::Lang => by_id(root, "sp-lang"),
        Focus::Control(id) => by_id(root, id),
        Focus::FirstError => st
            .errors
            .first()
            .and_then(|(f, _)| by_id(root, &control_id(f)))
            .or_else(|| by_id(root, "sp-errors")),
    };
    if let Some(el) = target {
        focus(&el);
    }
}

fn header(header: &E, host: &Host, lang: Lang) {
    header.push(E::new("p").class("sp-brand").text(s::TITLE.get(lang)));
    if let Some(p) = &host.partner_name {
        header.push(
            E::new("p")
                .class("sp-partner")
                .testid("sp-partner-name")
                .text(&fill(s::OFFERED_BY.get(lang), &[p])),
        );
    }
    let select = E::new("select")
        .attr("id", "sp-lang")
        .attr("data-action", "lang")
        .testid("sp-lang");
    for (l, name) in [
        (Lang::ZhHans, "简体中文"),
        (Lang::ZhHant, "繁體中文"),
        (Lang::En, "English"),
    ] {
        select.push(
            E::new("option")
                .attr("value", l.tag())
                .attr("lang", l.tag())
                .attr_if(l == lang, "selected", "")
                .text(name),
        );
    }
    header.push(
        E::new("div")
            .class("sp-tools")
            .child(
                E::new("label")
                    .attr("for", "sp-lang")
                    .text(s::LANGUAGE.get(lang)),
            )
            .child(select)
            .child(button(s::CLEAR.get(lang), "clear", "sp-clear", "sp-link")),
    );
}

fn error_summary(region: &E, st: &State) {
    if st.errors.is_empty() && st.general_error.is_none() {
        return;
    }
    let lang = st.lang;
    region.push(
        E::new("p")
            .class("sp-errors-title")
            .text(s::ERRORS_TITLE.get(lang)),
    );
    let ul = E::new("ul");
    if let Some(g) = &st.general_error {
        ul.push(text("li", g));
    }
    for (field, msg) in &st.errors {
        let label = match form::input(field) {
            Some(i) => i.label(lang).to_owned(),
            None => survey::question_label(field, lang),
        };
        ul.push(
            E::new("li").child(
                E::new("button")
                    .attr("type", "button")
                    .class("sp-link")
                    .attr("data-action", "focus-field")
                    .attr("data-target", field)
                    .text(&if label.is_empty() {
                        msg.clone()
                    } else {
                        format!("{label}: {msg}")
                    }),
            ),
        );
    }
    region.push(ul);
}

/// The element id of the control for a form field or survey question.
pub fn control_id(field: &str) -> String {
    if form::input(field).is_some() {
        form::input_id(field)
    } else {
        survey::control_id(field)
    }
}

fn nav(lang: Lang, back: bool, next_label: &str) -> E {
    let nav = E::new("div").class("sp-nav");
    if back {
        nav.push(button(
            s::BACK.get(lang),
            "back",
            "sp-back",
            "sp-button sp-secondary",
        ));
    }
    nav.child(
        E::new("button")
            .attr("type", "submit")
            .class("sp-button sp-primary")
            .testid("sp-next")
            .text(next_label),
    )
}

fn step_form(name: &str) -> E {
    E::new("form")
        .attr("novalidate", "")
        .attr("data-action", "next")
        .attr("aria-labelledby", "sp-title")
        .testid(&format!("sp-step-{name}"))
}

/// The live answer's container (redrawn alone by [`live`]).
fn live_section(st: &State) -> E {
    let lang = st.lang;
    let body = E::new("div")
        .attr("id", "sp-live-body")
        .attr("aria-live", "polite")
        .attr_if(st.stale, "aria-busy", "true");
    body.push(live_body(st));
    E::new("section")
        .class("sp-live")
        .attr("aria-labelledby", "sp-live-title")
        .testid("sp-live")
        .child(
            E::new("h3")
                .attr("id", "sp-live-title")
                .text(s::LIVE_TITLE.get(lang)),
        )
        .child(body)
        .child(assumed_box(st))
}

fn assumed_box(st: &State) -> E {
    E::new("div").attr("id", "sp-live-assumed").child_opt(
        st.evaluation
            .as_ref()
            .and_then(|_| results::assumed(st.lang, &st.assumed)),
    )
}

fn live_body(st: &State) -> E {
    match (st.step, &st.evaluation, &st.profile) {
        (Step::Results, Some(e), Some(p)) => E::new("div")
            .child(view::compare::render(
                st.lang,
                e,
                st.chosen_product.as_deref(),
                st.method,
            ))
            .child(view::next_steps::render(st.lang, e, st.catalogue.get(), p)),
        _ => results::summary(st.lang, st.evaluation.as_ref(), &st.missing),
    }
}

/// The results step's comparison, redrawn alone by [`live`] (the what-if
/// inputs above it stay).
fn results_section(st: &State) -> E {
    E::new("div")
        .class("sp-live")
        .testid("sp-live")
        .child(
            E::new("div")
                .attr("id", "sp-live-body")
                .attr("aria-live", "polite")
                .attr_if(st.stale, "aria-busy", "true")
                .child(live_body(st)),
        )
        .child(assumed_box(st))
}

fn catalogue_note(st: &State) -> Option<E> {
    let lang = st.lang;
    match &st.catalogue {
        CatalogueState::Loading => Some(
            E::new("p")
                .class("sp-note")
                .text(s::LOADING_CATALOGUE.get(lang)),
        ),
        CatalogueState::Failed(e) => Some(
            E::new("p")
                .class("sp-note")
                .text(&fill(s::CATALOGUE_FAILED.get(lang), &[e])),
        ),
        _ => None,
    }
}

/// The what-if amount and term on the results step (the form's own
/// `requestedAmount` and `termMonths`).
fn what_if(st: &State) -> E {
    let lang = st.lang;
    let value = |f: Field| {
        st.inputs
            .get(f.json_name())
            .map(String::as_str)
            .unwrap_or(f.spec().default.unwrap_or(""))
    };
    let row = |f: Field, label: &str, mode: &str, testid: &str, unit: Unit| {
        let id = format!("sp-w-{}", f.json_name());
        let uid = format!("sp-u-w-{}", f.json_name());
        let hid = format!("sp-h-w-{}", f.json_name());
        let money = unit == Unit::Yuan;
        let described = if money {
            format!("{uid} {hid}")
        } else {
            uid.clone()
        };
        E::new("div")
            .class("sp-field")
            .child(E::new("label").attr("for", &id).text(label))
            .child(
                E::new("div")
                    .class("sp-control")
                    .child(
                        E::new("input")
                            .attr("id", &id)
                            .attr("name", f.json_name())
                            .attr("type", "text")
                            .attr("inputmode", mode)
                            .attr("autocomplete", "off")
                            .attr("data-action", "whatif")
                            .attr("aria-describedby", &described)
                            .attr("value", value(f))
                            .testid(testid),
                    )
                    .child(
                        E::new("span")
                            .class("sp-unit")
                            .attr("id", &uid)
                            .text(unit.label(lang)),
                    ),
            )
            .child_opt(money.then(|| {
                E::new("span")
                    .class("sp-hint")
                    .attr("id", &hid)
                    .text(&form::money_hint(lang, value(f)))
            }))
    };
    E::new("fieldset")
        .class("sp-group sp-whatif")
        .child(text("legend", s::WHATIF_TITLE.get(lang)))
        .child(row(
            Field::RequestedAmount,
            s::WHATIF_AMOUNT.get(lang),
            "decimal",
            "sp-whatif-amount",
            Unit::Yuan,
        ))
        .child(row(
            Field::TermMonths,
            s::WHATIF_TERM.get(lang),
            "numeric",
            "sp-whatif-term",
            Unit::Months,
        ))
}

fn body(st: &State) -> E {
    let lang = st.lang;
    match st.step {
        Step::Intro => step_form("intro")
            .child(E::new("p").class("sp-lead").text(s::INTRO_LEAD.get(lang)))
            .child(
                E::new("section")
                    .class("sp-privacy")
                    .attr("aria-labelledby", "sp-privacy-title")
                    .testid("sp-privacy")
                    .child(
                        E::new("h3")
                            .attr("id", "sp-privacy-title")
                            .text(s::PRIVACY_TITLE.get(lang)),
                    )
                    .child(text("p", s::PRIVACY_1.get(lang)))
                    .child(text("p", s::PRIVACY_2.get(lang)))
                    .child(text("p", s::PRIVACY_3.get(lang))),
            )
            .child(nav(lang, false, s::START.get(lang))),
        Step::Form => step_form("form")
            .child_opt(catalogue_note(st))
            .child(form::render(lang, Page::Quick, &st.inputs, &st.errors))
            .child(live_section(st))
            .child(nav(lang, true, s::TO_RESULTS.get(lang)).child(button(
                s::REFINE.get(lang),
                "refine",
                "sp-refine",
                "sp-button sp-secondary",
            ))),
        Step::Refine => step_form("refine")
            .child_opt(catalogue_note(st))
            .child(E::new("p").class("sp-lead").text(s::REFINE_LEAD.get(lang)))
            .child(form::render(lang, Page::Refine, &st.inputs, &st.errors))
            .child(live_section(st))
            .child(nav(lang, true, s::TO_RESULTS.get(lang))),
        Step::Results => step_form("results")
            .child(what_if(st))
            .child(results_section(st))
            .child(nav(lang, true, s::TO_SURVEY.get(lang))),
        Step::Survey(page) => {
            let last = survey::next_page(page, &st.answers).is_none();
            step_form("survey")
                .child(survey::render_page(lang, page, &st.answers, &st.errors))
                .child(nav(
                    lang,
                    true,
                    if last { s::TO_RECS } else { s::NEXT }.get(lang),
                ))
        }
        Step::Recommendations => step_form("recommendations")
            .child(survey::render_recommendations(
                lang,
                &st.answers,
                st.evaluation.as_ref(),
            ))
            .child(nav(lang, true, s::TO_PREVIEW.get(lang))),
        Step::Preview => {
            let f = E::new("div").testid("sp-step-preview");
            if let Some(r) = &st.record {
                f.push(preview::render(lang, r));
            }
            let nav = E::new("div")
                .class("sp-nav")
                .child(button(
                    s::BACK.get(lang),
                    "back",
                    "sp-back",
                    "sp-button sp-secondary",
                ))
                .child(button(
                    s::DONT_SEND.get(lang),
                    "dont-send",
                    "sp-dont-send",
                    "sp-button sp-secondary",
                ))
                .child_opt(
                    st.record
                        .as_ref()
                        .filter(|r| preview::can_send(r))
                        .map(|r| {
                            let label = preview::send_label(lang, r);
                            button(label, "send", "sp-send", "sp-button sp-primary")
                        }),
                );
            f.child(nav)
        }
        Step::Thanks(sent) => E::new("div")
            .testid("sp-thanks")
            .attr("data-sent", if sent { "true" } else { "false" })
            .child(text(
                "p",
                if sent {
                    s::THANKS_SENT.get(lang)
                } else {
                    s::THANKS_NOT_SENT.get(lang)
                },
            ))
            .child_opt((sent && !st.online).then(|| {
                E::new("p")
                    .class("sp-note")
                    .testid("sp-offline")
                    .text(s::OFFLINE_SEND.get(lang))
            }))
            .child(text("p", s::THANKS_CLEARED.get(lang)))
            .child(E::new("div").class("sp-nav").child(button(
                s::RESTART.get(lang),
                "restart",
                "sp-restart",
                "sp-button sp-primary",
            ))),
    }
}

/// Redraws only the live answer, the assumptions, the money hints and the
/// field errors of the current step. The answer's region is `aria-busy`
/// from the first keystroke of a typing pause until this redraw, so screen
/// readers announce only the answer to everything typed.
///
/// A keyboard user whose focus was inside the redrawn part (a product row, a
/// method radio) keeps it: every control there has a stable id, so the
/// element with the same id in the new markup takes the focus back.
pub fn live(root: &ShadowRoot, st: &State) {
    if let Some(b) = by_id(root, "sp-live-body") {
        let focused_id = root
            .active_element()
            .filter(|el| b.contains(Some(el)))
            .map(|el| el.id())
            .filter(|id| !id.is_empty());
        clear(&b);
        let _ = b.remove_attribute("aria-busy");
        E(b).push(live_body(st));
        if let Some(el) = focused_id.and_then(|id| by_id(root, &id)) {
            focus(&el);
        }
    }
    if let Some(a) = by_id(root, "sp-live-assumed") {
        let _ = a.replace_with_with_node_1(&assumed_box(st).0);
    }
    let page = match st.step {
        Step::Form => Page::Quick,
        Step::Refine => Page::Refine,
        Step::Results => {
            let typed = st.inputs.get("requestedAmount").map_or("", String::as_str);
            if let Some(h) = by_id(root, "sp-h-w-requestedAmount") {
                h.set_text_content(Some(&form::money_hint(st.lang, typed)));
            }
            return;
        }
        _ => return,
    };
    for name in form::visible(page, &st.inputs) {
        if form::is_money(name)
            && let Some(h) = by_id(root, &format!("sp-h-{name}"))
        {
            let typed = st.inputs.get(name).map_or("", String::as_str);
            h.set_text_content(Some(&form::money_hint(st.lang, typed)));
        }
        let err = st.errors.iter().find(|(f, _)| f == name).map(|(_, m)| m);
        patch_error(root, name, err.map(String::as_str));
    }
}

/// Sets or removes a field's error message and its `aria-invalid` /
/// `aria-describedby` without replacing the control.
fn patch_error(root: &ShadowRoot, name: &str, err: Option<&str>) {
    let Some(input) = by_id(root, &form::input_id(name)) else {
        return;
    };
    let eid = form::error_id(name);
    let existing = by_id(root, &eid);
    let mut described: Vec<String> = input
        .get_attribute("aria-describedby")
        .unwrap_or_default()
        .split_whitespace()
        .filter(|d| *d != eid)
        .map(str::to_owned)
        .collect();
    match err {
        Some(msg) => {
            input.set_attribute("aria-invalid", "true").ok();
            described.push(eid.clone());
            match existing {
                Some(p) => p.set_text_content(Some(msg)),
                None => {
                    if let Ok(Some(row)) = input.closest(".sp-field") {
                        let p = E::new("p").class("sp-error").attr("id", &eid).text(msg);
                        let _ = row.append_child(&p.0);
                    }
                }
            }
        }
        None => {
            input.remove_attribute("aria-invalid").ok();
            if let Some(p) = existing {
                p.remove();
            }
        }
    }
    if described.is_empty() {
        input.remove_attribute("aria-describedby").ok();
    } else {
        input
            .set_attribute("aria-describedby", &described.join(" "))
            .ok();
    }
}

/// Focuses the control of a field named in the error summary.
pub fn focus_field(root: &ShadowRoot, field: &str) {
    if let Some(el) = by_id(root, &control_id(field)) {
        focus(&el);
    }
}
