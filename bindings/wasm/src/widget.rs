//! The `<sme-precheck>` widget, rendered by Rust through web-sys into an open
//! Shadow DOM: element registration and lifecycle (`define_element`, `mount`,
//! `unmount`, `attributeChanged`, called by the tiny loader
//! `www/sme-precheck.js`), the flow intro → form → results → survey →
//! recommendations → preview → thanks, event delegation, focus management,
//! save-and-resume, the `sme-precheck:completed` DOM event and sending the
//! anonymized record through the delivery outbox.
//!
//! Nothing here uses `innerHTML`, inline `style` attributes or `eval`, so it
//! runs under `default-src 'self'; script-src 'self' 'wasm-unsafe-eval';
//! style-src 'self'`. See `docs/widget.md` for attributes, CSS custom
//! properties, events and the stable selectors used by the browser tests.

pub mod dom;
pub mod form;
pub mod i18n;
pub mod preview;
pub mod results;
pub mod state;
pub mod survey;
pub mod view;

use std::cell::{Cell, RefCell};

use serde_json::Value;
use sme_precheck::i18n::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{
    Element, Event, HtmlElement, HtmlSelectElement, ShadowRoot, ShadowRootInit, ShadowRootMode,
};

use dom::{E, button, focus, text};
use i18n::{fill, s};
use state::{CatalogueState, STEPS, State, Step};

/// The element's tag name.
pub const TAG: &str = "sme-precheck";
/// Name of the DOM event fired on completion (detail: `{ outcomeClass }`).
pub const COMPLETED_EVENT: &str = "sme-precheck:completed";
/// Default feedback endpoint when the loader gives none (the page's origin).
pub const DEFAULT_ENDPOINT: &str = "/v1/feedback";
/// Partner id used when the `partner` attribute is absent.
pub const DEFAULT_PARTNER: &str = "direct";

/// An event listener on the shadow root: the event type and its closure.
type Listener = (&'static str, Closure<dyn Fn(Event)>);

/// One mounted element.
struct Instance {
    id: u32,
    host: HtmlElement,
    shadow: ShadowRoot,
    state: State,
    listeners: Vec<Listener>,
}

thread_local! {
    static STYLESHEET: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The endpoint used when the element has no `endpoint` attribute: set
    /// by the loader to `/v1/feedback` on the origin that served it.
    static ENDPOINT: RefCell<Option<String>> = const { RefCell::new(None) };
    static INSTANCES: RefCell<Vec<Instance>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Where keyboard focus goes after a render.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Focus {
    /// Leave it alone.
    Keep,
    /// The step heading (after moving between steps).
    Heading,
    /// The first invalid field (after a failed Next).
    FirstError,
    /// The language select (after switching language).
    Lang,
}

/// Work to do after the instance borrow is released (it may re-enter).
enum Effect {
    Completed(HtmlElement, String),
    Enqueue {
        id: u32,
        endpoint: String,
        record: String,
    },
    FetchCatalogue {
        id: u32,
        url: String,
    },
}

/// Registers the custom element: remembers the stylesheet URL (resolved by
/// the loader relative to its module; `None` when the loader has the shadow
/// roots adopt the stylesheet itself) and the default feedback endpoint
/// (`None`: `/v1/feedback` on the page's origin), and calls
/// `customElements.define('sme-precheck', elementClass)` unless it is
/// already defined. The class comes from the loader because a class cannot
/// be created from wasm without `eval`.
#[wasm_bindgen]
pub fn define_element(
    element_class: &js_sys::Function,
    stylesheet_url: Option<String>,
    default_endpoint: Option<String>,
) -> Result<(), JsValue> {
    STYLESHEET.with(|s| *s.borrow_mut() = stylesheet_url);
    ENDPOINT.with(|e| *e.borrow_mut() = default_endpoint);
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let registry = window.custom_elements();
    if registry.get(TAG).is_undefined() {
        registry.define(TAG, element_class)?;
    }
    Ok(())
}

fn attr_or(host: &HtmlElement, name: &str, default: &str) -> String {
    host.get_attribute(name)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| default.to_owned())
}

fn attr_lang(host: &HtmlElement) -> Lang {
    host.get_attribute("lang")
        .and_then(|l| Lang::parse(&l).ok())
        .unwrap_or_default()
}

fn partner_of(host: &HtmlElement) -> String {
    attr_or(host, "partner", DEFAULT_PARTNER)
}

/// Called from `connectedCallback`: attaches the open shadow root (once),
/// restores saved answers and renders the current step.
#[wasm_bindgen]
pub fn mount(element: HtmlElement) -> Result<(), JsValue> {
    if find(&element).is_some() {
        return Ok(());
    }
    let shadow = match element.shadow_root() {
        Some(s) => s,
        None => {
            let init = ShadowRootInit::new(ShadowRootMode::Open);
            element.attach_shadow(&init)?
        }
    };
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    let mut st = State::new(attr_lang(&element));
    if let Some(saved) = state::load(&partner_of(&element)) {
        st.restore(&saved);
    }
    let mut listeners = Vec::new();
    // `toggle` does not bubble: it is caught in the capture phase.
    for kind in ["click", "submit", "change", "toggle"] {
        let cb = Closure::<dyn Fn(Event)>::new(move |ev: Event| on_event(id, ev));
        shadow.add_event_listener_with_callback_and_bool(
            kind,
            cb.as_ref().unchecked_ref(),
            kind == "toggle",
        )?;
        listeners.push((kind, cb));
    }
    let mut inst = Instance {
        id,
        host: element,
        shadow,
        state: st,
        listeners,
    };
    build_chrome(&inst);
    let mut effects = Vec::new();
    if let Some(url) = inst
        .host
        .get_attribute("catalogue")
        .filter(|u| !u.trim().is_empty())
    {
        inst.state.catalogue = CatalogueState::Loading;
        effects.push(Effect::FetchCatalogue { id, url });
    }
    resume(&mut inst);
    render(&mut inst, Focus::Keep);
    INSTANCES.with(|v| v.borrow_mut().push(inst));
    run(effects);
    Ok(())
}

/// Called from `disconnectedCallback`: removes the listeners and forgets the
/// instance. Saved answers stay in localStorage.
#[wasm_bindgen]
pub fn unmount(element: HtmlElement) {
    let removed = INSTANCES.with(|v| {
        let mut v = v.borrow_mut();
        let pos = v.iter().position(|i| i.host == element)?;
        Some(v.remove(pos))
    });
    if let Some(inst) = removed {
        for (kind, cb) in &inst.listeners {
            let _ = inst.shadow.remove_event_listener_with_callback_and_bool(
                kind,
                cb.as_ref().unchecked_ref(),
                *kind == "toggle",
            );
        }
    }
}

/// Called from `attributeChangedCallback` for the observed attributes
/// `lang`, `partner`, `endpoint`, `theme`, `catalogue`, `partner-name`.
#[wasm_bindgen(js_name = attributeChanged)]
pub fn attribute_changed(
    element: HtmlElement,
    name: String,
    _old_value: Option<String>,
    new_value: Option<String>,
) {
    let Some(id) = find(&element) else { return };
    let mut effects = Vec::new();
    with_instance(id, |inst| {
        match name.as_str() {
            "lang" => {
                // The host changed the language after mounting: that wins
                // (a saved choice only wins over the initial attribute).
                read_step(inst);
                inst.state.lang = new_value
                    .as_deref()
                    .and_then(|l| Lang::parse(l).ok())
                    .unwrap_or_default();
                inst.state.errors.clear();
                inst.state.general_error = None;
                if inst.state.result.is_some() {
                    let _ = evaluate(inst);
                }
            }
            "partner" => {
                // Answers are saved per partner: switch to that partner's.
                let mut st = State::new(inst.state.lang);
                st.catalogue = std::mem::take(&mut inst.state.catalogue);
                if let Some(saved) = state::load(&partner_of(&inst.host)) {
                    st.restore(&saved);
                }
                inst.state = st;
                resume(inst);
            }
            "catalogue" => match new_value.filter(|u| !u.trim().is_empty()) {
                Some(url) => {
                    inst.state.catalogue = CatalogueState::Loading;
                    effects.push(Effect::FetchCatalogue { id, url });
                }
                None => inst.state.catalogue = CatalogueState::Default,
            },
            _ => {}
        }
        render(inst, Focus::Keep);
    });
    run(effects);
}

fn find(element: &HtmlElement) -> Option<u32> {
    INSTANCES.with(|v| v.borrow().iter().find(|i| &i.host == element).map(|i| i.id))
}

/// Runs `f` on the instance; re-entrant calls (an event fired synchronously
/// while rendering) are ignored instead of panicking.
fn with_instance<R>(id: u32, f: impl FnOnce(&mut Instance) -> R) -> Option<R> {
    INSTANCES.with(|v| {
        let mut v = v.try_borrow_mut().ok()?;
        let inst = v.iter_mut().find(|i| i.id == id)?;
        Some(f(inst))
    })
}

fn run(effects: Vec<Effect>) {
    for e in effects {
        match e {
            Effect::Completed(host, outcome) => dispatch_completed(&host, &outcome),
            Effect::Enqueue {
                id,
                endpoint,
                record,
            } => enqueue(id, endpoint, record),
            Effect::FetchCatalogue { id, url } => fetch_catalogue(id, url),
        }
    }
}

fn dispatch_completed(host: &HtmlElement, outcome: &str) {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"outcomeClass".into(), &outcome.into());
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(COMPLETED_EVENT, &init) {
        let _ = host.dispatch_event(&ev);
    }
}

/// A JS error's message.
fn js_message(err: &JsValue) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "error".to_owned())
}

/// Hands the record to the delivery outbox (stored before the first send,
/// retried per the core's policy). A failure to queue is shown on the
/// thanks page.
fn enqueue(id: u32, endpoint: String, record: String) {
    let promise = crate::delivery::submit(&endpoint, &record);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(err) = wasm_bindgen_futures::JsFuture::from(promise).await {
            let msg = js_message(&err);
            with_instance(id, |inst| {
                inst.state.general_error = Some(fill(s::SEND_FAILED.get(inst.state.lang), &[&msg]));
                render(inst, Focus::Keep);
            });
        }
    });
}

/// Fetches a partner catalogue (same-origin under the strict CSP; no
/// credentials) and keeps its text for `evaluate_json`.
fn fetch_catalogue(id: u32, url: String) {
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = fetch_text(&url).await;
        with_instance(id, |inst| {
            inst.state.catalogue = match outcome {
                Ok(t) => CatalogueState::Loaded(t),
                Err(e) => CatalogueState::Failed(e),
            };
            render(inst, Focus::Keep);
        });
    });
}

async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let init = web_sys::RequestInit::new();
    init.set_credentials(web_sys::RequestCredentials::Omit);
    let resp = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| js_message(&e))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "no response".to_owned())?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let text = resp.text().map_err(|e| js_message(&e))?;
    let text = JsFuture::from(text).await.map_err(|e| js_message(&e))?;
    text.as_string().ok_or_else(|| "empty response".to_owned())
}

/// Recomputes what a restored state needs (the result for the later steps).
fn resume(inst: &mut Instance) {
    if matches!(inst.state.step, Step::Intro | Step::Form) {
        return;
    }
    if evaluate(inst).is_err() {
        inst.state.step = Step::Form;
        return;
    }
    if let Step::Survey(p) = inst.state.step {
        let pages = survey::page_count();
        if pages == 0 {
            inst.state.step = Step::Results;
        } else if p >= pages {
            inst.state.step = Step::Survey(pages - 1);
        }
    }
    if inst.state.step == Step::Preview && inst.state.record.is_none() {
        inst.state.step = Step::Recommendations;
    }
}

/// Builds the persistent parts of the shadow root: stylesheet link, the
/// heading, live regions and the step container.
fn build_chrome(inst: &Instance) {
    let root = &inst.shadow;
    while let Some(c) = root.first_child() {
        let _ = root.remove_child(&c);
    }
    if let Some(href) = STYLESHEET.with(|s| s.borrow().clone()) {
        let link = E::new("link").attr("rel", "stylesheet").attr("href", &href);
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

fn by_id(root: &ShadowRoot, id: &str) -> Option<Element> {
    root.get_element_by_id(id)
}

fn clear(el: &Element) {
    el.set_text_content(None);
}

fn step_title(step: Step) -> i18n::Tr {
    match step {
        Step::Intro => s::STEP_INTRO,
        Step::Form => s::STEP_FORM,
        Step::Results => s::STEP_RESULTS,
        Step::Survey(_) => s::STEP_SURVEY,
        Step::Recommendations => s::STEP_RECS,
        Step::Preview => s::STEP_PREVIEW,
        Step::Thanks(_) => s::STEP_THANKS,
    }
}

/// Renders everything that depends on the state.
fn render(inst: &mut Instance, focus_to: Focus) {
    let st = &inst.state;
    let lang = st.lang;
    let root = &inst.shadow;
    let Some(wrap) = by_id(root, "sp-root") else {
        return;
    };
    wrap.set_attribute("lang", lang.tag()).ok();
    wrap.set_attribute("data-step", st.step.name()).ok();
    match inst.host.get_attribute("theme") {
        Some(t) if !t.trim().is_empty() => wrap.set_attribute("data-theme", t.trim()).ok(),
        _ => wrap.remove_attribute("data-theme").ok(),
    };

    // Header: title, partner, language switch, clear.
    if let Some(h) = by_id(root, "sp-header") {
        clear(&h);
        let header = E(h);
        header.push(E::new("p").class("sp-brand").text(s::TITLE.get(lang)));
        if let Some(p) = inst
            .host
            .get_attribute("partner-name")
            .filter(|p| !p.trim().is_empty())
        {
            header.push(
                E::new("p")
                    .class("sp-partner")
                    .testid("sp-partner-name")
                    .text(&fill(s::OFFERED_BY.get(lang), &[&p])),
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

    // Progress.
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

    // Errors (assertive live region, persistent) and status (polite).
    if let Some(e) = by_id(root, "sp-errors") {
        clear(&e);
        let region = E(e);
        if !st.errors.is_empty() || st.general_error.is_some() {
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
                let label = field_label(st, field);
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
    }
    if let Some(e) = by_id(root, "sp-status") {
        e.set_text_content(st.status.as_deref());
    }

    // The step body.
    if let Some(b) = by_id(root, "sp-body") {
        clear(&b);
        let body = E(b);
        body.push(step_body(inst));
    }

    let root = &inst.shadow;
    match focus_to {
        Focus::Keep => {}
        Focus::Heading => {
            if let Some(t) = by_id(root, "sp-title") {
                focus(&t);
            }
        }
        Focus::Lang => {
            if let Some(t) = by_id(root, "sp-lang") {
                focus(&t);
            }
        }
        Focus::FirstError => {
            let first = inst
                .state
                .errors
                .first()
                .and_then(|(f, _)| by_id(root, &control_id(f)));
            match first {
                Some(el) => focus(&el),
                None => {
                    if let Some(e) = by_id(root, "sp-errors") {
                        focus(&e);
                    }
                }
            }
        }
    }
}

/// The element id of the control for a form field or survey question.
fn control_id(field: &str) -> String {
    if form::fields().any(|f| f.name == field) {
        form::input_id(field)
    } else {
        survey::control_id(field)
    }
}

fn field_label(st: &State, field: &str) -> String {
    if let Some(f) = form::fields().find(|f| f.name == field) {
        return f.label.get(st.lang).to_owned();
    }
    survey::question_label(field, st.lang)
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

fn step_body(inst: &Instance) -> E {
    let st = &inst.state;
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
        Step::Form => {
            let f = step_form("form");
            match &st.catalogue {
                CatalogueState::Loading => f.push(
                    E::new("p")
                        .class("sp-note")
                        .text(s::LOADING_CATALOGUE.get(lang)),
                ),
                CatalogueState::Failed(e) => f.push(
                    E::new("p")
                        .class("sp-note")
                        .text(&fill(s::CATALOGUE_FAILED.get(lang), &[e])),
                ),
                _ => {}
            }
            f.child(form::render(lang, &st.profile, &st.errors))
                .child(nav(lang, true, s::NEXT.get(lang)))
        }
        Step::Results => {
            let f = step_form("results");
            match &st.result {
                Some(r) => f.push(results::render(lang, r)),
                None => f.push(text("p", s::RESULTS_NONE.get(lang))),
            }
            f.child(nav(lang, true, s::TO_SURVEY.get(lang)))
        }
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
                st.result.as_ref(),
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
            .child(text("p", s::THANKS_CLEARED.get(lang)))
            .child(E::new("div").class("sp-nav").child(button(
                s::RESTART.get(lang),
                "restart",
                "sp-restart",
                "sp-button sp-primary",
            ))),
    }
}

/// Reads whatever inputs the current step shows into the state.
fn read_step(inst: &mut Instance) {
    match inst.state.step {
        Step::Form => form::read(&inst.shadow, &mut inst.state.profile),
        Step::Survey(page) => survey::read_page(&inst.shadow, page, &mut inst.state.answers),
        _ => {}
    }
}

fn save(inst: &Instance) {
    state::save(&partner_of(&inst.host), &inst.state);
}

/// Runs the pre-check on the saved raw inputs; stores the result.
fn evaluate(inst: &mut Instance) -> Result<(), ()> {
    let lang = inst.state.lang;
    let profile = match form::to_profile(lang, &inst.state.profile) {
        Ok(p) => p,
        Err(errors) => {
            inst.state.errors = errors;
            return Err(());
        }
    };
    let catalogue = match &inst.state.catalogue {
        CatalogueState::Loaded(t) => Some(t.as_str()),
        _ => None,
    };
    let profile_json = Value::Object(profile).to_string();
    match sme_precheck::precheck::evaluate_json(&profile_json, catalogue, lang) {
        Ok(text) => match serde_json::from_str::<Value>(&text) {
            Ok(v) => {
                inst.state.result = Some(v);
                Ok(())
            }
            Err(e) => {
                inst.state.general_error = Some(fill(s::ERR_EVALUATE.get(lang), &[&e.to_string()]));
                Err(())
            }
        },
        Err(msg) => {
            match form::field_in_message(&msg) {
                Some(f) => inst.state.errors = vec![(f.to_owned(), msg)],
                None => inst.state.general_error = Some(fill(s::ERR_EVALUATE.get(lang), &[&msg])),
            }
            Err(())
        }
    }
}

/// Builds the record for the preview (once per visit to the preview, so the
/// record shown is exactly the record sent).
fn build_record(inst: &mut Instance) -> Result<(), ()> {
    let partner = partner_of(&inst.host);
    let profile = form::to_profile(inst.state.lang, &inst.state.profile).unwrap_or_default();
    match preview::build(
        &partner,
        &Value::Object(profile),
        inst.state.result.as_ref(),
        &inst.state.answers,
    ) {
        Ok(r) => {
            inst.state.record = Some(r);
            Ok(())
        }
        Err(e) => {
            inst.state.general_error = Some(fill(s::RECORD_ERROR.get(inst.state.lang), &[&e]));
            Err(())
        }
    }
}

fn next(inst: &mut Instance) -> Vec<Effect> {
    read_step(inst);
    inst.state.errors.clear();
    inst.state.general_error = None;
    let lang = inst.state.lang;
    let step = inst.state.step;
    let mut effects = Vec::new();
    let target = match step {
        Step::Intro => Some(Step::Form),
        Step::Form => {
            if matches!(inst.state.catalogue, CatalogueState::Loading) {
                inst.state.status = Some(s::LOADING_CATALOGUE.get(lang).to_owned());
                None
            } else if evaluate(inst).is_ok() {
                Some(Step::Results)
            } else {
                None
            }
        }
        Step::Results => {
            // Questions the pre-check already answered are not asked again.
            let profile = form::to_profile(lang, &inst.state.profile).unwrap_or_default();
            survey::prefill(&Value::Object(profile), &mut inst.state.answers);
            Some(
                survey::first_page(&inst.state.answers).map_or(Step::Recommendations, Step::Survey),
            )
        }
        Step::Survey(page) => {
            let errors = survey::validate_page(page, &mut inst.state.answers, lang);
            if errors.is_empty() {
                Some(
                    survey::next_page(page, &inst.state.answers)
                        .map_or(Step::Recommendations, Step::Survey),
                )
            } else {
                inst.state.errors = errors;
                None
            }
        }
        Step::Recommendations => {
            if build_record(inst).is_ok() {
                Some(Step::Preview)
            } else {
                None
            }
        }
        Step::Preview | Step::Thanks(_) => None,
    };
    match target {
        Some(t) => go(inst, t, &mut effects),
        None => {
            save(inst);
            render(inst, Focus::FirstError);
        }
    }
    effects
}

fn back(inst: &mut Instance) {
    read_step(inst);
    let target = match inst.state.step {
        Step::Intro => Step::Intro,
        Step::Form => Step::Intro,
        Step::Results => Step::Form,
        Step::Survey(page) => {
            survey::previous_page(page, &inst.state.answers).map_or(Step::Results, Step::Survey)
        }
        Step::Recommendations => {
            survey::last_page(&inst.state.answers).map_or(Step::Results, Step::Survey)
        }
        Step::Preview => Step::Recommendations,
        Step::Thanks(_) => Step::Intro,
    };
    let mut unused = Vec::new();
    go(inst, target, &mut unused);
}

/// Moves to `target`, saves, renders and focuses the heading.
fn go(inst: &mut Instance, target: Step, effects: &mut Vec<Effect>) {
    inst.state.errors.clear();
    inst.state.general_error = None;
    inst.state.status = None;
    if target != Step::Preview {
        inst.state.record = None;
    }
    inst.state.step = target;
    if let Step::Thanks(_) = target {
        // The visit is over: nothing of it stays in this browser.
        state::clear(&partner_of(&inst.host));
        let outcome = inst
            .state
            .result
            .as_ref()
            .map(results::best_outcome)
            .unwrap_or_else(|| "none".to_owned());
        effects.push(Effect::Completed(inst.host.clone(), outcome));
    } else {
        save(inst);
    }
    render(inst, Focus::Heading);
}

/// Builds a repayment schedule table when its `<details>` is first opened.
fn fill_schedule(inst: &Instance, details: &Element) {
    let open = details.has_attribute("open");
    let filled = details.query_selector("table").ok().flatten().is_some();
    let (Some(product), Some(key)) = (
        details.get_attribute("data-product"),
        details.get_attribute("data-plan"),
    ) else {
        return;
    };
    if !open || filled {
        return;
    }
    let region = inst
        .state
        .result
        .as_ref()
        .and_then(|r| results::plan_of(r, &product, &key))
        .and_then(|plan| results::schedule_region(inst.state.lang, plan));
    if let Some(region) = region {
        let _ = details.append_child(&region.0);
    }
}

fn on_event(id: u32, ev: Event) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let kind = ev.type_();
    let action_el = target.closest("[data-action]").ok().flatten();
    let action = action_el
        .as_ref()
        .and_then(|e| e.get_attribute("data-action"))
        .unwrap_or_default();
    let effects = with_instance(id, |inst| {
        let mut effects = Vec::new();
        match (kind.as_str(), action.as_str()) {
            ("submit", "next") => {
                ev.prevent_default();
                effects = next(inst);
            }
            ("toggle", _) => fill_schedule(inst, &target),
            ("click", "back") => back(inst),
            ("click", "clear") => {
                state::clear(&partner_of(&inst.host));
                let lang = inst.state.lang;
                let catalogue = std::mem::take(&mut inst.state.catalogue);
                inst.state = State::new(lang);
                inst.state.catalogue = catalogue;
                inst.state.status = Some(s::CLEARED.get(lang).to_owned());
                render(inst, Focus::Heading);
            }
            ("click", "restart") => {
                let lang = inst.state.lang;
                let catalogue = std::mem::take(&mut inst.state.catalogue);
                inst.state = State::new(lang);
                inst.state.catalogue = catalogue;
                render(inst, Focus::Heading);
            }
            ("click", "send") => {
                if let Some(record) = inst.state.record.clone() {
                    let fallback = ENDPOINT.with(|e| e.borrow().clone());
                    let endpoint = attr_or(
                        &inst.host,
                        "endpoint",
                        fallback.as_deref().unwrap_or(DEFAULT_ENDPOINT),
                    );
                    effects.push(Effect::Enqueue {
                        id,
                        endpoint,
                        record,
                    });
                    go(inst, Step::Thanks(true), &mut effects);
                }
            }
            ("click", "dont-send") => go(inst, Step::Thanks(false), &mut effects),
            ("click", "focus-field") => {
                let field = action_el
                    .and_then(|e| e.get_attribute("data-target"))
                    .unwrap_or_default();
                if let Some(el) = by_id(&inst.shadow, &control_id(&field)) {
                    focus(&el);
                }
            }
            ("change", "lang") => {
                let tag = target
                    .dyn_ref::<HtmlSelectElement>()
                    .map(|s| s.value())
                    .unwrap_or_default();
                if let Ok(l) = Lang::parse(&tag) {
                    read_step(inst);
                    inst.state.lang = l;
                    inst.state.lang_chosen = true;
                    // Messages were in the old language; recompute on Next.
                    inst.state.errors.clear();
                    inst.state.general_error = None;
                    inst.state.status = None;
                    if inst.state.result.is_some() {
                        let _ = evaluate(inst);
                    }
                    save(inst);
                    render(inst, Focus::Lang);
                }
            }
            ("change", _) => {
                // Any answer changed: keep it so a reload resumes here.
                read_step(inst);
                save(inst);
                // Show how a typed amount is read ("200万" → "= ¥2,000,000.00").
                let money = target.get_attribute("name").filter(|n| form::is_money(n));
                if let Some(name) = money
                    && let Some(hint) = by_id(&inst.shadow, &format!("sp-h-{name}"))
                {
                    let typed = inst
                        .state
                        .profile
                        .get(&name)
                        .map(String::as_str)
                        .unwrap_or("");
                    hint.set_text_content(Some(&form::money_hint(inst.state.lang, typed)));
                }
                let changed = match inst.state.step {
                    Step::Survey(page) => {
                        survey::visibility_changed(&inst.shadow, page, &inst.state.answers)
                    }
                    _ => false,
                };
                if changed {
                    render(inst, Focus::Keep);
                    if let Some(el) = target
                        .get_attribute("id")
                        .and_then(|id| by_id(&inst.shadow, &id))
                    {
                        focus(&el);
                    }
                }
            }
            _ => {}
        }
        effects
    });
    if let Some(effects) = effects {
        run(effects);
    }
}
