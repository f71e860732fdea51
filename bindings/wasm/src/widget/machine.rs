//! The widget as a pure state machine: [`transition`] takes the state and
//! one [`Action`] (what the visitor, the host page or an effect did) and
//! returns the next state and the [`Effect`]s to run at the edge (render,
//! save, fetch, build the record, send, fire the completed event). Every
//! decision of the flow is here — step navigation, Back/Next, the quick
//! check's live answer, the what-if amount and term, language switch,
//! resume, send and offline — and is tested natively without a browser.

use std::rc::Rc;

use sme_precheck::catalogue::Catalogue;
use sme_precheck::i18n::Lang;
use sme_precheck::json::{Json as Value, Map};
use sme_precheck::precheck::{self, Evaluation};
use sme_precheck::repayment::Method;

use super::form::{self, Page};
use super::i18n::{fill, s};
use super::state::{CatalogueState, State, Step};
use super::survey;
use super::view;

/// How long typing pauses before the live answer is recomputed.
pub const DEBOUNCE_MS: i32 = 150;

/// Something that happened.
#[derive(Clone, Debug)]
pub enum Action {
    /// Mounted: the saved state for this partner, if any.
    Resume(Option<String>),
    /// Next / Start / Continue (or Enter in a field).
    Next,
    /// Back.
    Back,
    /// Open the optional refine step.
    Refine,
    /// Form values as read from the step's controls; `focus` is the id of
    /// the control that changed (kept focused if the form is re-rendered).
    Inputs {
        /// Field name → raw value.
        values: Map<String, String>,
        /// Element id of the changed control.
        focus: String,
    },
    /// The typing pause ended: recompute the live answer.
    Evaluate,
    /// A what-if control on the results (`requestedAmount` or
    /// `termMonths`) changed: recompute at once.
    WhatIf {
        /// Profile field.
        field: String,
        /// Raw value.
        value: String,
    },
    /// The answers of the survey page as read from its controls.
    Answers {
        /// All answers (question id → the engine's JSON value).
        answers: Map<String, Value>,
        /// Element id of the changed control.
        focus: String,
        /// The answer shows or hides questions: redraw the page.
        redraw: bool,
    },
    /// The visitor picked a language.
    SetLang(Lang),
    /// The host set the `lang` attribute.
    HostLang(Option<String>),
    /// The host changed `partner`: that partner's saved state, if any.
    Partner(Option<String>),
    /// The host set or removed the `catalogue` attribute.
    CatalogueUrl(Option<String>),
    /// The catalogue fetch ended: its text or a message.
    CatalogueLoaded(Result<String, String>),
    /// The record for the preview was built (or why not).
    RecordBuilt(Result<String, String>),
    /// Send the previewed record.
    Send,
    /// Finish without sending.
    DontSend,
    /// The outbox could not queue the record.
    SendFailed(String),
    /// Clear my answers.
    Clear,
    /// Start again (thanks step).
    Restart,
    /// The browser went online (`true`) or offline.
    Online(bool),
    /// A product row was opened (`Some`) or the open one closed (`None`).
    ChooseProduct(Option<String>),
    /// A repayment method was picked for the chart.
    ChooseMethod(Method),
    /// Print or save the results as PDF.
    Print,
}

/// Where keyboard focus goes after a full render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Focus {
    /// Leave it alone.
    Keep,
    /// The step heading (after moving between steps).
    Heading,
    /// The first invalid field (after a failed Next).
    FirstError,
    /// The language select (after switching language).
    Lang,
    /// The element with this id (the control that was being used).
    Control(String),
}

/// Work for the edge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Render the whole widget, then move focus.
    Render(Focus),
    /// Update only the live answer, field errors and hints (keeps the
    /// control being typed in untouched).
    RenderLive,
    /// Save this text for resume.
    Save(String),
    /// Remove the saved state.
    ClearSaved,
    /// Dispatch [`Action::Evaluate`] after [`DEBOUNCE_MS`], replacing a
    /// pending one.
    Debounce,
    /// Fetch a catalogue; answer with [`Action::CatalogueLoaded`].
    FetchCatalogue(String),
    /// Build the anonymized record (randomized on the device) from the
    /// state; answer with [`Action::RecordBuilt`].
    BuildRecord,
    /// Hand this record to the delivery outbox.
    Enqueue(String),
    /// Fire the completed event with this outcome class.
    Completed(&'static str),
    /// Open the browser's print dialog.
    Print,
}

/// The best outcome across products (`none` without a pre-check): the
/// outcome class of the completed event.
pub fn best_outcome(evaluation: Option<&Evaluation>) -> &'static str {
    evaluation
        .and_then(|e| precheck::Outcome::best(e.products.iter().map(|p| p.outcome)))
        .map_or("none", precheck::Outcome::as_str)
}

/// The next state and the effects to run.
pub fn transition(state: State, action: Action) -> (State, Vec<Effect>) {
    let mut s = state;
    let mut fx = Vec::new();
    match action {
        Action::Resume(saved) => {
            if let Some(saved) = saved {
                s.restore(&saved);
            }
            resume(&mut s);
            fx.push(Effect::Render(Focus::Keep));
        }
        Action::Next => next(&mut s, &mut fx),
        Action::Back => {
            let target = match s.step {
                Step::Intro | Step::Thanks(_) => Step::Intro,
                Step::Form => Step::Intro,
                Step::Refine | Step::Results => Step::Form,
                Step::Survey(page) => {
                    survey::previous_page(page, &s.answers).map_or(Step::Results, Step::Survey)
                }
                Step::Recommendations => {
                    survey::last_page(&s.answers).map_or(Step::Results, Step::Survey)
                }
                Step::Preview => Step::Recommendations,
            };
            go(&mut s, target, &mut fx);
        }
        Action::Refine => go(&mut s, Step::Refine, &mut fx),
        Action::Inputs { values, focus } => {
            let page = match s.step {
                Step::Refine => Page::Refine,
                _ => Page::Quick,
            };
            let before = form::visible(page, &s.inputs);
            s.inputs.extend(values);
            fx.push(Effect::Save(s.to_saved()));
            if form::visible(page, &s.inputs) != before {
                // A field appeared or went away: evaluate now and redraw.
                evaluate(&mut s);
                fx.push(Effect::Render(Focus::Control(focus)));
            } else {
                s.stale = true;
                fx.push(Effect::Debounce);
            }
        }
        // A timer armed while typing can fire after something else has
        // evaluated and redrawn (Next pressed within the pause): redrawing
        // then would replace the step's controls under the visitor.
        Action::Evaluate => {
            if s.stale {
                evaluate(&mut s);
                fx.push(Effect::RenderLive);
            }
        }
        Action::WhatIf { field, value } => {
            s.inputs.insert(field, value);
            evaluate(&mut s);
            fx.push(Effect::Save(s.to_saved()));
            fx.push(Effect::RenderLive);
        }
        Action::Answers {
            answers,
            focus,
            redraw,
        } => {
            s.answers = answers;
            fx.push(Effect::Save(s.to_saved()));
            if redraw {
                fx.push(Effect::Render(Focus::Control(focus)));
            }
        }
        Action::SetLang(lang) => {
            s.lang = lang;
            s.lang_chosen = true;
            s.status = None;
            relocalize(&mut s);
            fx.push(Effect::Save(s.to_saved()));
            fx.push(Effect::Render(Focus::Lang));
        }
        Action::HostLang(tag) => {
            // The host changed the language after mounting: that wins (a
            // saved choice only wins over the initial attribute).
            s.lang = tag
                .as_deref()
                .and_then(|l| Lang::parse(l).ok())
                .unwrap_or_default();
            relocalize(&mut s);
            fx.push(Effect::Render(Focus::Keep));
        }
        Action::Partner(saved) => {
            let mut fresh = State::new(s.lang);
            fresh.catalogue = std::mem::take(&mut s.catalogue);
            fresh.online = s.online;
            s = fresh;
            if let Some(saved) = saved {
                s.restore(&saved);
            }
            resume(&mut s);
            fx.push(Effect::Render(Focus::Keep));
        }
        Action::CatalogueUrl(url) => {
            match url.filter(|u| !u.trim().is_empty()) {
                Some(url) => {
                    s.catalogue = CatalogueState::Loading;
                    fx.push(Effect::FetchCatalogue(url));
                }
                None => {
                    s.catalogue = CatalogueState::Default;
                    reevaluate(&mut s);
                }
            }
            fx.push(Effect::Render(Focus::Keep));
        }
        Action::CatalogueLoaded(loaded) => {
            s.catalogue = match loaded
                .and_then(|text| Catalogue::from_json(&text).map_err(|e| e.to_string()))
            {
                Ok(c) => CatalogueState::Loaded(Rc::new(c)),
                Err(e) => CatalogueState::Failed(e),
            };
            if s.status.as_deref() == Some(s::LOADING_CATALOGUE.get(s.lang)) {
                s.status = None;
            }
            reevaluate(&mut s);
            fx.push(Effect::Render(Focus::Keep));
        }
        Action::RecordBuilt(built) => {
            if s.step == Step::Recommendations {
                match built {
                    Ok(record) => {
                        s.record = Some(record);
                        go(&mut s, Step::Preview, &mut fx);
                    }
                    Err(e) => {
                        s.general_error = Some(fill(s::RECORD_ERROR.get(s.lang), &[&e]));
                        fx.push(Effect::Render(Focus::FirstError));
                    }
                }
            }
        }
        Action::Send => {
            if let (Step::Preview, Some(record)) = (s.step, s.record.clone()) {
                fx.push(Effect::Enqueue(record));
                go(&mut s, Step::Thanks(true), &mut fx);
            }
        }
        Action::DontSend => {
            if s.step == Step::Preview {
                go(&mut s, Step::Thanks(false), &mut fx);
            }
        }
        Action::SendFailed(msg) => {
            s.general_error = Some(fill(s::SEND_FAILED.get(s.lang), &[&msg]));
            fx.push(Effect::Render(Focus::Keep));
        }
        Action::Clear | Action::Restart => {
            let clear = matches!(action, Action::Clear);
            let mut fresh = State::new(s.lang);
            fresh.catalogue = std::mem::take(&mut s.catalogue);
            fresh.online = s.online;
            fresh.lang_chosen = s.lang_chosen && !clear;
            if clear {
                fresh.status = Some(s::CLEARED.get(s.lang).to_owned());
                fx.push(Effect::ClearSaved);
            }
            s = fresh;
            fx.push(Effect::Render(Focus::Heading));
        }
        Action::Online(online) => {
            s.online = online;
            if matches!(s.step, Step::Preview | Step::Thanks(_)) {
                fx.push(Effect::Render(Focus::Keep));
            }
        }
        Action::ChooseProduct(id) => {
            if s.chosen_product != id {
                let focus = id.as_deref().map(|i| format!("sp-sum-{i}"));
                s.chosen_product = id;
                if let Some(f) = focus {
                    fx.push(Effect::Render(Focus::Control(f)));
                }
            }
        }
        Action::ChooseMethod(method) => {
            s.method = method;
            let focus = match &s.chosen_product {
                Some(p) => Focus::Control(format!("sp-m-{p}-{}", view::method_code(method))),
                None => Focus::Keep,
            };
            fx.push(Effect::Render(focus));
        }
        Action::Print => fx.push(Effect::Print),
    }
    (s, fx)
}

/// Next from each step.
fn next(s: &mut State, fx: &mut Vec<Effect>) {
    s.errors.clear();
    s.general_error = None;
    match s.step {
        Step::Intro => go(s, Step::Form, fx),
        Step::Form | Step::Refine => {
            if matches!(s.catalogue, CatalogueState::Loading) {
                s.status = Some(s::LOADING_CATALOGUE.get(s.lang).to_owned());
                fx.push(Effect::Render(Focus::Keep));
                return;
            }
            s.show_required = true;
            evaluate(s);
            if s.evaluation.is_some() {
                go(s, Step::Results, fx);
            } else {
                // Show the step the first problem is on.
                if let Some(page) = s
                    .errors
                    .first()
                    .and_then(|(f, _)| form::page_of(f, &s.inputs))
                {
                    s.step = match page {
                        Page::Quick => Step::Form,
                        Page::Refine => Step::Refine,
                    };
                }
                fx.push(Effect::Save(s.to_saved()));
                fx.push(Effect::Render(Focus::FirstError));
            }
        }
        Step::Results => {
            // Questions the pre-check already answered are not asked again.
            if let Some(profile) = s.profile.as_ref().map(|p| p.to_json_value()) {
                survey::prefill(&profile, &mut s.answers);
            }
            let target = survey::first_page(&s.answers).map_or(Step::Recommendations, Step::Survey);
            go(s, target, fx);
        }
        Step::Survey(page) => {
            let errors = survey::validate_page(page, &mut s.answers, s.lang);
            if errors.is_empty() {
                let target =
                    survey::next_page(page, &s.answers).map_or(Step::Recommendations, Step::Survey);
                go(s, target, fx);
            } else {
                s.errors = errors;
                fx.push(Effect::Save(s.to_saved()));
                fx.push(Effect::Render(Focus::FirstError));
            }
        }
        Step::Recommendations => fx.push(Effect::BuildRecord),
        Step::Preview | Step::Thanks(_) => {}
    }
}

/// Moves to `target`, saves (or, at the end, forgets) and renders.
fn go(s: &mut State, target: Step, fx: &mut Vec<Effect>) {
    s.errors.clear();
    s.general_error = None;
    s.status = None;
    if target != Step::Preview {
        s.record = None;
    }
    if matches!(target, Step::Intro) {
        s.show_required = false;
    }
    s.step = target;
    if let Step::Thanks(_) = target {
        // The visit is over: nothing of it stays in this browser.
        fx.push(Effect::ClearSaved);
        fx.push(Effect::Completed(best_outcome(s.evaluation.as_ref())));
    } else {
        fx.push(Effect::Save(s.to_saved()));
    }
    fx.push(Effect::Render(Focus::Heading));
}

/// Runs the pre-check on the raw inputs: the profile, the evaluation, what
/// was assumed, what is still missing and the field errors (missing
/// required fields only once the visitor pressed Next).
pub fn evaluate(s: &mut State) {
    s.stale = false;
    let catalogue = s.catalogue.get();
    match form::to_profile(s.lang, &s.inputs, catalogue) {
        Ok(built) => {
            s.evaluation = Some(precheck::evaluate(&built.profile, catalogue, s.lang));
            s.profile = Some(built.profile);
            s.assumed = built.assumed;
            s.missing.clear();
            s.errors.clear();
        }
        Err(errors) => {
            s.evaluation = None;
            s.profile = None;
            s.missing = errors
                .iter()
                .filter(|e| e.missing)
                .map(|e| e.field.clone())
                .collect();
            let show = s.show_required;
            s.errors = errors
                .into_iter()
                .filter(|e| show || !e.missing)
                .map(|e| (e.field, e.message))
                .collect();
        }
    }
}

/// Re-evaluates when there is something to evaluate.
fn reevaluate(s: &mut State) {
    if !s.inputs.is_empty() {
        evaluate(s);
    }
}

/// After a language change: messages in the new language.
fn relocalize(s: &mut State) {
    s.general_error = None;
    if let (Step::Survey(page), false) = (s.step, s.errors.is_empty()) {
        s.errors = survey::validate_page(page, &mut s.answers, s.lang);
    } else {
        reevaluate(s);
    }
}

/// Recomputes what a restored state needs (the answer for every step
/// after the intro); a step whose input is no longer valid goes back to
/// where the problem is.
fn resume(s: &mut State) {
    if s.step == Step::Intro {
        return;
    }
    let late = !matches!(s.step, Step::Form | Step::Refine);
    s.show_required = late;
    evaluate(s);
    if late && s.evaluation.is_none() {
        s.step = Step::Form;
        return;
    }
    if let Step::Survey(p) = s.step {
        s.step = match survey::first_page(&s.answers) {
            None => Step::Results,
            Some(_) if survey::last_page(&s.answers).is_some_and(|last| p > last) => {
                survey::last_page(&s.answers).map_or(Step::Results, Step::Survey)
            }
            Some(_) => s.step,
        };
    }
    if s.step == Step::Preview && s.record.is_none() {
        s.step = Step::Recommendations;
    }
}

#[cfg(test)]
mod tests;
