//! The widget's state (current step, language, the visitor's raw answers) and
//! save-and-resume in `localStorage`, keyed per partner
//! (`sme-precheck:v1:<partner>`). Only this browser ever sees what is saved;
//! "clear my answers" removes the key.

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use sme_precheck::i18n::Lang;

/// A step of the flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Intro and privacy statement.
    Intro,
    /// The pre-check form.
    Form,
    /// One card per product.
    Results,
    /// A page of the needs survey (0-based page index).
    Survey(usize),
    /// The lifecycle service plan's recommendations.
    Recommendations,
    /// Exactly the record that would be sent.
    Preview,
    /// Done (`true` when the record was queued for sending).
    Thanks(bool),
}

impl Step {
    /// Stable name used in `data-step` and in the saved state.
    pub fn name(self) -> &'static str {
        match self {
            Step::Intro => "intro",
            Step::Form => "form",
            Step::Results => "results",
            Step::Survey(_) => "survey",
            Step::Recommendations => "recommendations",
            Step::Preview => "preview",
            Step::Thanks(_) => "thanks",
        }
    }

    /// 1-based position among the seven steps.
    pub fn number(self) -> u32 {
        match self {
            Step::Intro => 1,
            Step::Form => 2,
            Step::Results => 3,
            Step::Survey(_) => 4,
            Step::Recommendations => 5,
            Step::Preview => 6,
            Step::Thanks(_) => 7,
        }
    }
}

/// Number of steps shown in the progress indicator.
pub const STEPS: u32 = 7;

/// Where a custom catalogue (the `catalogue` attribute) stands.
#[derive(Clone, Debug, Default)]
pub enum CatalogueState {
    /// No attribute: the core's default catalogue.
    #[default]
    Default,
    /// Being fetched.
    Loading,
    /// Fetched JSON text.
    Loaded(String),
    /// The fetch failed (message); the default catalogue is used.
    Failed(String),
}

/// Everything the widget knows about one visit.
#[derive(Clone, Debug)]
pub struct State {
    /// Current step.
    pub step: Step,
    /// Display language.
    pub lang: Lang,
    /// The visitor chose the language (it then wins over the attribute).
    pub lang_chosen: bool,
    /// Raw pre-check inputs as typed, by profile field.
    pub profile: BTreeMap<String, String>,
    /// Survey answers in the engine's JSON shape.
    pub answers: Map<String, Value>,
    /// The last pre-check result (recomputed on resume, never saved).
    pub result: Option<Value>,
    /// The record shown in the preview, exactly as it will be sent.
    pub record: Option<String>,
    /// Field errors `(field or question id, message)`.
    pub errors: Vec<(String, String)>,
    /// An error not tied to one field.
    pub general_error: Option<String>,
    /// A polite status message.
    pub status: Option<String>,
    /// The custom catalogue.
    pub catalogue: CatalogueState,
}

impl State {
    /// A fresh visit in `lang`.
    pub fn new(lang: Lang) -> State {
        State {
            step: Step::Intro,
            lang,
            lang_chosen: false,
            profile: BTreeMap::new(),
            answers: Map::new(),
            result: None,
            record: None,
            errors: Vec::new(),
            general_error: None,
            status: None,
            catalogue: CatalogueState::Default,
        }
    }

    /// The saved form of this state (JSON text).
    pub fn to_saved(&self) -> String {
        let mut m = Map::new();
        m.insert("v".into(), Value::from(1));
        m.insert("step".into(), Value::from(self.step.name()));
        if let Step::Survey(p) = self.step {
            m.insert("page".into(), Value::from(p));
        }
        if self.lang_chosen {
            m.insert("lang".into(), Value::from(self.lang.tag()));
        }
        let profile: Map<String, Value> = self
            .profile
            .iter()
            .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
            .collect();
        m.insert("profile".into(), Value::Object(profile));
        m.insert("answers".into(), Value::Object(self.answers.clone()));
        if let (Step::Preview, Some(r)) = (self.step, &self.record) {
            m.insert("record".into(), Value::from(r.as_str()));
        }
        Value::Object(m).to_string()
    }

    /// Restores a saved state over `self`; ignores anything malformed (a
    /// damaged or foreign entry must never break the widget).
    pub fn restore(&mut self, saved: &str) {
        let Ok(Value::Object(m)) = serde_json::from_str::<Value>(saved) else {
            return;
        };
        if m.get("v").and_then(Value::as_u64) != Some(1) {
            return;
        }
        if let Some(Value::Object(p)) = m.get("profile") {
            self.profile = p
                .iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_owned())))
                .collect();
        }
        if let Some(Value::Object(a)) = m.get("answers") {
            self.answers = a.clone();
        }
        if let Some(lang) = m
            .get("lang")
            .and_then(Value::as_str)
            .and_then(|t| Lang::parse(t).ok())
        {
            self.lang = lang;
            self.lang_chosen = true;
        }
        let page = m.get("page").and_then(Value::as_u64).unwrap_or(0) as usize;
        self.step = match m.get("step").and_then(Value::as_str).unwrap_or("") {
            "form" => Step::Form,
            "results" => Step::Results,
            "survey" => Step::Survey(page),
            "recommendations" => Step::Recommendations,
            "preview" => Step::Preview,
            _ => Step::Intro,
        };
        self.record = m.get("record").and_then(Value::as_str).map(str::to_owned);
    }
}

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

/// Saves `state` for `partner` (quota or privacy-mode failures are ignored:
/// resuming is a convenience, never a requirement).
pub fn save(partner: &str, state: &State) {
    if let Some(s) = storage() {
        let _ = s.set_item(&storage_key(partner), &state.to_saved());
    }
}

/// Removes the saved state for `partner`.
pub fn clear(partner: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&storage_key(partner));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_state_round_trips() {
        let mut s = State::new(Lang::ZhHans);
        s.step = Step::Survey(2);
        s.lang = Lang::En;
        s.lang_chosen = true;
        s.profile.insert("annualRevenue".into(), "200万".into());
        s.answers.insert("stage".into(), Value::from("growth"));
        let text = s.to_saved();
        let mut r = State::new(Lang::ZhHans);
        r.restore(&text);
        assert_eq!(r.step, Step::Survey(2));
        assert_eq!(r.lang, Lang::En);
        assert_eq!(
            r.profile.get("annualRevenue").map(String::as_str),
            Some("200万")
        );
        assert_eq!(r.answers.get("stage"), Some(&Value::from("growth")));
    }

    #[test]
    fn damaged_state_is_ignored() {
        let mut r = State::new(Lang::ZhHant);
        r.restore("{not json");
        r.restore(r#"{"v":2,"step":"preview"}"#);
        r.restore(r#"{"v":1,"step":"bogus","profile":{"a":5}}"#);
        assert_eq!(r.step, Step::Intro);
        assert!(r.profile.is_empty());
    }
}
