//! Registration and lifecycle of `<sme-precheck>` (`define_element`,
//! `mount`, `unmount`, `attributeChanged`, called by the loader), the one
//! delegated listener per shadow root that turns DOM events into
//! [`Action`]s, and the runner that feeds them to [`transition`] and
//! executes the resulting [`Effect`]s.

use std::cell::{Cell, RefCell};

use sme_precheck::i18n::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{
    Element, Event, HtmlElement, HtmlInputElement, HtmlSelectElement, ShadowRoot, ShadowRootInit,
    ShadowRootMode,
};

use super::machine::{Action, DEBOUNCE_MS, Effect, Focus, transition};
use super::render::{self, Host};
use super::state::{State, Step};
use super::{effects, form, survey, view};

/// The element's tag name.
pub const TAG: &str = "sme-precheck";
/// Default feedback endpoint (same origin) when the loader gives none.
pub const DEFAULT_ENDPOINT: &str = "/v1/feedback";
/// Partner id used when the `partner` attribute is absent.
pub const DEFAULT_PARTNER: &str = "direct";

/// An event listener: the event type and its closure.
type Listener = (&'static str, Closure<dyn Fn(Event)>);

/// One mounted element.
struct Instance {
    id: u32,
    host: HtmlElement,
    shadow: ShadowRoot,
    /// `None` only while a transition runs.
    state: Option<State>,
    listeners: Vec<Listener>,
    /// `online` / `offline` on the window.
    window_listeners: Vec<Listener>,
    /// The pending debounce timer and the callback every timer reuses.
    timer: Option<i32>,
    tick: Closure<dyn Fn()>,
}

thread_local! {
    static STYLESHEET: RefCell<Option<String>> = const { RefCell::new(None) };
    static ENDPOINT: RefCell<Option<String>> = const { RefCell::new(None) };
    static INSTANCES: RefCell<Vec<Instance>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Registers the custom element: remembers the stylesheet URL (`None` when
/// the loader adopts the stylesheet itself) and the default endpoint (the
/// origin that served the widget), then calls
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
    ENDPOINT.with(|s| *s.borrow_mut() = default_endpoint);
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let registry = window.custom_elements();
    if registry.get(TAG).is_undefined() {
        registry.define(TAG, element_class)?;
    }
    Ok(())
}

fn attr(host: &HtmlElement, name: &str) -> Option<String> {
    host.get_attribute(name)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn partner_of(host: &HtmlElement) -> String {
    attr(host, "partner").unwrap_or_else(|| DEFAULT_PARTNER.to_owned())
}

/// The `lang` tags the widget accepts as they are, as `tag=language` pairs
/// joined by `,`, then `;` and the prefix that makes any other tag English
/// (`zh-hans=zh-Hans,…,en=en;en-`). The build writes them into the loader,
/// so that the first screen it draws speaks the language the widget will.
#[wasm_bindgen(js_name = languageTags)]
pub fn language_tags() -> String {
    let pairs: Vec<String> = Lang::TAGS
        .iter()
        .map(|(tag, lang)| format!("{tag}={}", lang.tag()))
        .collect();
    format!("{};{}", pairs.join(","), Lang::ENGLISH_PREFIX)
}

/// The localStorage key of the answers saved for a `partner` attribute
/// value (the default partner when it is absent or blank). The loader
/// checks it before drawing the first screen ahead of the wasm: a visitor
/// with saved answers resumes at another step, so gets no intro drawing.
#[wasm_bindgen(js_name = savedStateKey)]
pub fn saved_state_key(partner: Option<String>) -> String {
    let partner = partner
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty());
    effects::storage_key(partner.as_deref().unwrap_or(DEFAULT_PARTNER))
}

fn endpoint_of(host: &HtmlElement) -> String {
    attr(host, "endpoint")
        .or_else(|| ENDPOINT.with(|e| e.borrow().clone()))
        .unwrap_or_else(|| DEFAULT_ENDPOINT.to_owned())
}

/// Called from `connectedCallback`: attaches the open shadow root (once,
/// unless the loader did), restores saved answers and renders.
#[wasm_bindgen]
pub fn mount(element: HtmlElement) -> Result<(), JsValue> {
    if find(&element).is_some() {
        return Ok(());
    }
    let shadow = match element.shadow_root() {
        Some(s) => s,
        None => element.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    let mut listeners = Vec::new();
    // `toggle` does not bubble: it is caught in the capture phase.
    for kind in ["click", "submit", "change", "input", "toggle"] {
        let cb = Closure::<dyn Fn(Event)>::new(move |ev: Event| on_event(id, ev));
        shadow.add_event_listener_with_callback_and_bool(
            kind,
            cb.as_ref().unchecked_ref(),
            kind == "toggle",
        )?;
        listeners.push((kind, cb));
    }
    let mut window_listeners = Vec::new();
    if let Some(w) = web_sys::window() {
        for kind in ["online", "offline"] {
            let cb = Closure::<dyn Fn(Event)>::new(move |ev: Event| {
                dispatch(id, Action::Online(ev.type_() == "online"));
            });
            w.add_event_listener_with_callback(kind, cb.as_ref().unchecked_ref())?;
            window_listeners.push((kind, cb));
        }
    }
    let mut st = State::new(
        element
            .get_attribute("lang")
            .and_then(|l| Lang::parse(&l).ok())
            .unwrap_or_default(),
    );
    st.online = effects::online();
    render::chrome(&shadow, STYLESHEET.with(|s| s.borrow().clone()).as_deref());
    let saved = effects::load(&partner_of(&element));
    let catalogue = element.get_attribute("catalogue");
    INSTANCES.with(|v| {
        v.borrow_mut().push(Instance {
            id,
            host: element,
            shadow,
            state: Some(st),
            listeners,
            window_listeners,
            timer: None,
            tick: Closure::new(move || dispatch(id, Action::Evaluate)),
        })
    });
    if catalogue.as_deref().is_some_and(|c| !c.trim().is_empty()) {
        dispatch(id, Action::CatalogueUrl(catalogue));
    }
    dispatch(id, Action::Resume(saved));
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
    let Some(inst) = removed else { return };
    for (kind, cb) in &inst.listeners {
        let _ = inst.shadow.remove_event_listener_with_callback_and_bool(
            kind,
            cb.as_ref().unchecked_ref(),
            *kind == "toggle",
        );
    }
    if let Some(w) = web_sys::window() {
        for (kind, cb) in &inst.window_listeners {
            let _ = w.remove_event_listener_with_callback(kind, cb.as_ref().unchecked_ref());
        }
        if let Some(t) = inst.timer {
            w.clear_timeout_with_handle(t);
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
    let action = match name.as_str() {
        "lang" => Action::HostLang(new_value),
        // Answers are saved per partner: switch to that partner's.
        "partner" => Action::Partner(effects::load(&partner_of(&element))),
        "catalogue" => Action::CatalogueUrl(new_value),
        // Presentation only (theme, partner name): redraw as is.
        _ => {
            with_instance(id, |inst| {
                if let Some(st) = &inst.state {
                    render::full(&inst.shadow, &Host::of(&inst.host), st, &Focus::Keep);
                }
            });
            return;
        }
    };
    dispatch(id, action);
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

/// Work that may re-enter the runner: done after the instance is released.
enum Later {
    Dispatch(Action),
    Fetch(String),
    Enqueue(String, String),
    Completed(HtmlElement, &'static str),
}

/// Feeds `action` to the state machine and runs its effects.
pub fn dispatch(id: u32, action: Action) {
    let later = with_instance(id, |inst| {
        let Some(st) = inst.state.take() else {
            return Vec::new();
        };
        let (st, fx) = transition(st, action);
        inst.state = Some(st);
        let mut later = Vec::new();
        for effect in fx {
            later.extend(run(inst, effect));
        }
        later
    })
    .unwrap_or_default();
    for l in later {
        match l {
            Later::Dispatch(a) => dispatch(id, a),
            Later::Fetch(url) => {
                effects::fetch_catalogue(url, move |r| dispatch(id, Action::CatalogueLoaded(r)))
            }
            Later::Enqueue(endpoint, record) => effects::enqueue(&endpoint, &record, move |m| {
                dispatch(id, Action::SendFailed(m))
            }),
            Later::Completed(host, outcome) => effects::dispatch_completed(&host, outcome),
        }
    }
}

/// Runs one effect; returns the part that must wait for the borrow to end.
fn run(inst: &mut Instance, effect: Effect) -> Option<Later> {
    let st = inst.state.as_ref()?;
    match effect {
        Effect::Render(focus) => render::full(&inst.shadow, &Host::of(&inst.host), st, &focus),
        Effect::RenderLive => render::live(&inst.shadow, st),
        Effect::Save(text) => effects::save(&partner_of(&inst.host), &text),
        Effect::ClearSaved => effects::clear(&partner_of(&inst.host)),
        Effect::Debounce => {
            if let Some(b) = inst.shadow.get_element_by_id("sp-live-body") {
                let _ = b.set_attribute("aria-busy", "true");
            }
            let w = web_sys::window()?;
            if let Some(t) = inst.timer.take() {
                w.clear_timeout_with_handle(t);
            }
            inst.timer = w
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    inst.tick.as_ref().unchecked_ref(),
                    DEBOUNCE_MS,
                )
                .ok();
        }
        Effect::FetchCatalogue(url) => return Some(Later::Fetch(url)),
        Effect::BuildRecord => {
            let built = effects::build_record(&partner_of(&inst.host), st);
            return Some(Later::Dispatch(Action::RecordBuilt(built)));
        }
        Effect::Enqueue(record) => return Some(Later::Enqueue(endpoint_of(&inst.host), record)),
        Effect::Completed(outcome) => return Some(Later::Completed(inst.host.clone(), outcome)),
        Effect::Print => effects::print(),
    }
    None
}

/// Turns a DOM event inside the shadow root into an action (reading the
/// step's controls here, at the edge), or handles what is view-only.
fn on_event(id: u32, ev: Event) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let action = with_instance(id, |inst| decode(inst, &ev, &target)).flatten();
    if let Some(a) = action {
        dispatch(id, a);
    }
}

fn value_of(el: &Element) -> String {
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.value()
    } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    }
}

fn decode(inst: &mut Instance, ev: &Event, target: &Element) -> Option<Action> {
    let st = inst.state.as_ref()?;
    let kind = ev.type_();
    let action_el = target.closest("[data-action]").ok().flatten();
    let action = action_el
        .as_ref()
        .and_then(|e| e.get_attribute("data-action"))
        .unwrap_or_default();
    let data = |name: &str| action_el.as_ref().and_then(|e| e.get_attribute(name));
    let focus = target.get_attribute("id").unwrap_or_default();
    match (kind.as_str(), action.as_str()) {
        ("submit", "next") => {
            ev.prevent_default();
            Some(Action::Next)
        }
        ("toggle", "choose-product") if action_el.as_ref() == Some(target) => {
            let product = data("data-product")?;
            if target.has_attribute("open") {
                Some(Action::ChooseProduct(Some(product)))
            } else if st.chosen_product.as_deref() == Some(product.as_str()) {
                Some(Action::ChooseProduct(None))
            } else {
                None
            }
        }
        ("click", "back") => Some(Action::Back),
        ("click", "refine") => Some(Action::Refine),
        ("click", "clear") => Some(Action::Clear),
        ("click", "restart") => Some(Action::Restart),
        ("click", "send") => Some(Action::Send),
        ("click", "dont-send") => Some(Action::DontSend),
        ("click", "print") => Some(Action::Print),
        ("click", "focus-field") => {
            render::focus_field(&inst.shadow, &data("data-target").unwrap_or_default());
            None
        }
        ("change", "lang") => Lang::parse(&value_of(target)).ok().map(Action::SetLang),
        ("change", "choose-method") => {
            view::method_parse(&data("data-method")?).map(Action::ChooseMethod)
        }
        ("input" | "change", "whatif") => Some(Action::WhatIf {
            field: target.get_attribute("name")?,
            value: value_of(target),
        }),
        ("input" | "change", _) => match st.step {
            Step::Form | Step::Refine => {
                let mut values = Default::default();
                form::read(&inst.shadow, &mut values);
                Some(Action::Inputs { values, focus })
            }
            Step::Survey(page) if kind == "change" => {
                let mut answers = st.answers.clone();
                survey::read_page(&inst.shadow, page, &mut answers);
                let redraw = survey::visibility_changed(&inst.shadow, page, &answers);
                Some(Action::Answers {
                    answers,
                    focus,
                    redraw,
                })
            }
            _ => None,
        },
        _ => None,
    }
}
