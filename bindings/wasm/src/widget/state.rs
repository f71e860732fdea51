//! The widget's state: the current step, the language, the visitor's raw
//! input and the typed values derived from it (the core's `Profile`, the
//! `Catalogue` in use, the `Evaluation`), the survey answers, and the
//! saved form of it for save-and-resume. Pure data: nothing here touches the
//! DOM, storage or the network (see `machine` for the transitions and
//! `effects` for the edges).

use std::rc::Rc;

use sme_precheck::catalogue::Catalogue;
use sme_precheck::i18n::Lang;
use sme_precheck::json::{Json as Value, Map};
use sme_precheck::precheck::Evaluation;
use sme_precheck::profile::Profile;
use sme_precheck::repayment::Method;

use super::form::Assumed;

/// A step of the flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Intro and privacy statement.
    Intro,
    /// The quick check: a few inputs, with the answer shown live below them.
    Form,
    /// The optional "refine" step: every other profile field.
    Refine,
    /// The comparison of every product, with what-if amount and term.
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
            Step::Refine => "refine",
            Step::Results => "results",
            Step::Survey(_) => "survey",
            Step::Recommendations => "recommendations",
            Step::Preview => "preview",
            Step::Thanks(_) => "thanks",
        }
    }

    /// 1-based position among the [`STEPS`] steps (refine shares the quick
    /// check's number: it is optional).
    pub fn number(self) -> u32 {
        match self {
            Step::Intro => 1,
            Step::Form | Step::Refine => 2,
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
    /// Fetched and parsed once.
    Loaded(Rc<Catalogue>),
    /// The fetch or the parse failed (message); the default catalogue is used.
    Failed(String),
}

impl CatalogueState {
    /// The catalogue to evaluate against.
    pub fn get(&self) -> &Catalogue {
        match self {
            CatalogueState::Loaded(c) => c,
            _ => Catalogue::default_catalogue(),
        }
    }
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
    /// Raw pre-check inputs as typed, by profile field (and the quick
    /// check's `creditProblems` yes/no).
    pub inputs: Map<String, String>,
    /// The profile of the last valid input.
    pub profile: Option<Profile>,
    /// The pre-check of `profile` (recomputed on resume, never saved).
    pub evaluation: Option<Evaluation>,
    /// Survey answers in the engine's JSON shape (with the survey
    /// module's reserved `$…` keys).
    pub answers: Map<String, Value>,
    /// The record shown in the preview, exactly as it will be sent.
    pub record: Option<String>,
    /// Field errors `(field or question id, message)` in `lang`.
    pub errors: Vec<(String, String)>,
    /// Missing required fields are reported (after a Next, not while typing).
    pub show_required: bool,
    /// An error not tied to one field.
    pub general_error: Option<String>,
    /// A polite status message.
    pub status: Option<String>,
    /// The custom catalogue.
    pub catalogue: CatalogueState,
    /// The browser reports a network connection.
    pub online: bool,
    /// The product opened on the results step.
    pub chosen_product: Option<String>,
    /// The repayment method drawn for it.
    pub method: Method,
    /// Answers the quick check assumed for `profile`.
    pub assumed: Vec<Assumed>,
    /// Required fields still empty (named in the live answer).
    pub missing: Vec<String>,
    /// Inputs changed since the last evaluation: a debounced
    /// [`Action::Evaluate`](super::machine::Action::Evaluate) is due.
    pub stale: bool,
}

impl State {
    /// A fresh visit in `lang`.
    pub fn new(lang: Lang) -> State {
        State {
            step: Step::Intro,
            lang,
            lang_chosen: false,
            inputs: Map::new(),
            profile: None,
            evaluation: None,
            answers: Map::new(),
            record: None,
            errors: Vec::new(),
            show_required: false,
            general_error: None,
            status: None,
            catalogue: CatalogueState::Default,
            online: true,
            chosen_product: None,
            method: Method::EqualInstalment,
            assumed: Vec::new(),
            missing: Vec::new(),
            stale: false,
        }
    }

    /// The saved form of this state (JSON text).
    pub fn to_saved(&self) -> String {
        let mut m = Map::new();
        m.insert("v".into(), Value::from(2));
        m.insert("step".into(), Value::from(self.step.name()));
        if let Step::Survey(p) = self.step {
            m.insert("page".into(), Value::from(p));
        }
        if self.lang_chosen {
            m.insert("lang".into(), Value::from(self.lang.tag()));
        }
        let inputs: Map<String, Value> = self
            .inputs
            .iter()
            .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
            .collect();
        m.insert("profile".into(), Value::Object(inputs));
        m.insert("answers".into(), Value::Object(self.answers.clone()));
        if let (Step::Preview, Some(r)) = (self.step, &self.record) {
            m.insert("record".into(), Value::from(r.as_str()));
        }
        Value::Object(m).to_string()
    }

    /// Restores a saved state over `self`; ignores anything malformed (a
    /// damaged or foreign entry must never break the widget).
    pub fn restore(&mut self, saved: &str) {
        let Ok(Value::Object(m)) = sme_precheck::json::parse(saved) else {
            return;
        };
        if !matches!(m.get("v").and_then(Value::as_u64), Some(1 | 2)) {
            return;
        }
        if let Some(Value::Object(p)) = m.get("profile") {
            // Inserted one by one (already in key order, so each one is
            // appended): collecting would go through the map's sort.
            self.inputs = Map::new();
            for (k, v) in p {
                if let Some(s) = v.as_str() {
                    self.inputs.insert(k.clone(), s.to_owned());
                }
            }
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
            "refine" => Step::Refine,
            "results" => Step::Results,
            "survey" => Step::Survey(page),
            "recommendations" => Step::Recommendations,
            "preview" => Step::Preview,
            _ => Step::Intro,
        };
        self.record = m.get("record").and_then(Value::as_str).map(str::to_owned);
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
        s.inputs.insert("annualRevenue".into(), "200万".into());
        s.answers.insert("stage".into(), Value::from("growth"));
        let text = s.to_saved();
        let mut r = State::new(Lang::ZhHans);
        r.restore(&text);
        assert_eq!(r.step, Step::Survey(2));
        assert_eq!(r.lang, Lang::En);
        assert_eq!(
            r.inputs.get("annualRevenue").map(String::as_str),
            Some("200万")
        );
        assert_eq!(r.answers.get("stage"), Some(&Value::from("growth")));
    }

    #[test]
    fn damaged_state_is_ignored() {
        let mut r = State::new(Lang::ZhHant);
        r.restore("{not json");
        r.restore(r#"{"v":3,"step":"preview"}"#);
        r.restore(r#"{"v":1,"step":"bogus","profile":{"a":5}}"#);
        assert_eq!(r.step, Step::Intro);
        assert!(r.inputs.is_empty());
    }
}
