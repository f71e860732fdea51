//! The edges the state machine's effects reach: browser storage for
//! save-and-resume (`localStorage`, key `sme-precheck:v1:<partner>`, only
//! ever read by this browser), fetching a partner catalogue, building the
//! anonymized record with the device's CSPRNG, handing it to the delivery
//! outbox, the `sme-precheck:completed` DOM event, and printing.

use sme_precheck::json::{Json as Value, Map};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::preview;
use super::state::State;

/// Name of the DOM event fired on completion (detail: `{ outcomeClass }`).
pub const COMPLETED_EVENT: &str = "sme-precheck:completed";

/// The localStorage key for a partner.
pub fn storage_key(partner: &str) -> String {
    format!("sme-precheck:v1:{partner}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Loads the saved state text for `partner`, if any.
pub fn load(partner: &str) -> Option<String> {
    storage()?.get_item(&storage_key(partner)).ok().flatten()
}

/// Saves `text` for `partner` (quota or privacy-mode failures are ignored:
/// resuming is a convenience, never a requirement).
pub fn save(partner: &str, text: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(&storage_key(partner), text);
    }
}

/// Removes the saved state for `partner`.
pub fn clear(partner: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&storage_key(partner));
    }
}

/// True when the browser reports a network connection.
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Fires the completed event on the host (bubbles, composed; the detail
/// is the outcome class only, never an answer).
pub fn dispatch_completed(host: &HtmlElement, outcome: &str) {
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
pub fn js_message(err: &JsValue) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "error".to_owned())
}

/// Builds the record for the preview from the state (randomized here, on
/// the device). The record builder reads only the revenue, industry and
/// province of the profile and the outcomes and size class of the result.
pub fn build_record(partner: &str, st: &State) -> Result<String, String> {
    let mut profile = Map::new();
    if let Some(p) = &st.profile {
        profile.insert("annualRevenue".into(), p.annual_revenue.to_string().into());
        profile.insert("industry".into(), p.industry.as_str().into());
        if let Some(code) = &p.province {
            profile.insert("province".into(), code.as_str().into());
        }
    }
    let result = st.evaluation.as_ref().map(|e| {
        let mut r = Map::new();
        r.insert("sizeClass".into(), e.size_class.as_str().into());
        let outcomes = e.products.iter().map(|p| {
            let mut m = Map::new();
            m.insert("outcome".into(), p.outcome.as_str().into());
            Value::Object(m)
        });
        r.insert("products".into(), Value::Array(outcomes.collect()));
        Value::Object(r)
    });
    preview::build(
        partner,
        &Value::Object(profile),
        result.as_ref(),
        &st.answers,
    )
}

/// Hands the record to the delivery outbox (stored before the first send,
/// retried per the core's policy; one record per survey version and week,
/// a queued one replaced); `failed` gets the message if it could not be
/// queued.
pub fn enqueue(endpoint: &str, record: &str, failed: impl FnOnce(String) + 'static) {
    let promise = crate::delivery::submit(endpoint, record);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(err) = wasm_bindgen_futures::JsFuture::from(promise).await {
            failed(js_message(&err));
        }
    });
}

/// Fetches a catalogue (same-origin under the strict CSP; no credentials);
/// `done` gets its text or a message.
pub fn fetch_catalogue(url: String, done: impl FnOnce(Result<String, String>) + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        done(fetch_text(&url).await);
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

/// Opens the print dialog (the print stylesheet shows the summary).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
