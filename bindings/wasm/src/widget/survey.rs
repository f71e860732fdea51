//! The needs survey in the widget: renders one page of the survey definition
//! (`sme_precheck::survey`) as accessible fieldsets (single, multi, number,
//! amount, rating, ranking, yes/no, text), reads the visitor's input back
//! into the engine's answer shape, and asks the engine for visibility,
//! validation, page navigation and recommendations. Question and option texts
//! come from the definition and are inserted as text only.
//!
//! Two reserved keys ride along in the widget's answer map (question ids
//! cannot start with `$`, so they never clash, and the engine never sees
//! them): [`SURVEY_KEY`], the built-in survey in use (`default` when
//! absent, or `partner`), and [`PREFILLED_KEY`], the questions the pre-check
//! answered ([`prefill`]), which are not asked again.

use std::sync::Arc;

use sme_precheck::i18n::Lang;
use sme_precheck::json::{Json as Value, Map};
use sme_precheck::money::parse_cny_input;
use sme_precheck::precheck::Evaluation;
use sme_precheck::survey::{PrecheckView, Question, QuestionKind, Survey};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, ShadowRoot};

use super::dom::{E, text};
use super::i18n::{Tr, fill, money, s};

/// Answer-map key naming the built-in survey in use (`"partner"`).
pub const SURVEY_KEY: &str = "$survey";
/// Answer-map key listing the questions answered from the pre-check.
pub const PREFILLED_KEY: &str = "$prefilled";

thread_local! {
    static DEFAULT: Arc<Survey> = Arc::new(Survey::default_survey());
    static PARTNER: Arc<Survey> = Arc::new(Survey::partner_survey());
}

/// The built-in survey named `name` (`default` or `partner`).
fn builtin(name: &str) -> Option<Arc<Survey>> {
    match name {
        "default" => Some(DEFAULT.with(Arc::clone)),
        "partner" => Some(PARTNER.with(Arc::clone)),
        _ => None,
    }
}

/// The survey the answers belong to.
fn survey_of(answers: &Map<String, Value>) -> Arc<Survey> {
    answers
        .get(SURVEY_KEY)
        .and_then(Value::as_str)
        .and_then(builtin)
        .unwrap_or_else(|| DEFAULT.with(Arc::clone))
}

/// Runs `f` with the survey the answers belong to.
pub fn with_survey<R>(answers: &Map<String, Value>, f: impl FnOnce(&Survey) -> R) -> R {
    f(&survey_of(answers))
}

/// The built-in survey whose record key is `key` (`default@2`), if any.
pub fn survey_by_key(key: &str) -> Option<Arc<Survey>> {
    ["default", "partner"]
        .into_iter()
        .filter_map(builtin)
        .find(|s| s.key() == key)
}

/// Selects the built-in survey `name` (`default` or `partner`, the widget's
/// `survey` attribute) for these answers; answers of another survey are
/// dropped. False (and nothing changed) for an unknown name.
pub fn select(name: &str, answers: &mut Map<String, Value>) -> bool {
    if builtin(name).is_none() {
        return false;
    }
    let current = answers
        .get(SURVEY_KEY)
        .and_then(Value::as_str)
        .unwrap_or("default");
    if current != name {
        answers.clear();
    }
    if name == "default" {
        answers.remove(SURVEY_KEY);
    } else {
        answers.insert(SURVEY_KEY.into(), Value::from(name));
    }
    true
}

/// Fills the questions the pre-check `profile` (the profile JSON object)
/// already answers and marks them, so they are not asked again; call it
/// when the visitor moves from the pre-check results to the survey.
/// Returns the ids filled.
pub fn prefill(profile: &Value, answers: &mut Map<String, Value>) -> Vec<String> {
    let mut e = engine::engine(&survey_of(answers), answers);
    let ids = e.prefill(profile);
    engine::store(&e, answers);
    ids
}

/// Element id of a question's first control (focused for errors).
pub fn control_id(question: &str) -> String {
    format!("sp-q-{question}-0")
}

fn option_id(question: &str, index: usize) -> String {
    format!("sp-q-{question}-{index}")
}

fn error_id(question: &str) -> String {
    format!("sp-qe-{question}")
}

/// The question's text in `lang` (for the error summary), or "": looked up
/// in every built-in survey.
pub fn question_label(id: &str, lang: Lang) -> String {
    ["default", "partner"]
        .into_iter()
        .filter_map(builtin)
        .find_map(|s| s.question(id).map(|q| q.text.get(lang).to_owned()))
        .unwrap_or_default()
}

/// Number of pages in the default survey.
pub fn page_count() -> usize {
    DEFAULT.with(|s| s.pages.len())
}

/// Renders page `page` with the visible questions, answers and errors.
pub fn render_page(
    lang: Lang,
    page: usize,
    answers: &Map<String, Value>,
    errors: &[(String, String)],
) -> E {
    with_survey(answers, |survey| {
        let Some(p) = survey.pages.get(page) else {
            return text("p", s::SURVEY_UNAVAILABLE.get(lang));
        };
        let arc = survey_of(answers);
        let visible = engine::visible_on_page(&arc, page, answers);
        let shown = engine::shown_pages(&arc, answers);
        let pos = shown
            .iter()
            .position(|&i| i == page)
            .map_or(page + 1, |i| i + 1);
        let count = shown.len().max(pos);
        let section = E::new("section")
            .class("sp-page")
            .attr("data-page", &p.id)
            .attr("data-visible", &visible.join(","))
            .testid(&format!("sp-page-{}", p.id))
            .child(
                E::new("p")
                    .class("sp-subprogress")
                    .testid("sp-survey-progress")
                    .text(&fill(
                        s::SURVEY_PAGE.get(lang),
                        &[&pos.to_string(), &count.to_string()],
                    )),
            )
            .child(E::new("h3").class("sp-page-title").text(p.title.get(lang)));
        if shown.first() == Some(&page)
            && let Some(summary) = prefilled_summary(answers, lang)
        {
            section.push(summary);
        }
        for q in p
            .questions
            .iter()
            .filter(|q| visible.iter().any(|v| v == &q.id))
        {
            let err = errors
                .iter()
                .find(|(n, _)| n == &q.id)
                .map(|(_, m)| m.as_str());
            section.push(question(lang, q, answers.get(&q.id), err));
        }
        section
    })
}

/// "Taken from your pre-check" with the prefilled answers, or nothing.
fn prefilled_summary(answers: &Map<String, Value>, lang: Lang) -> Option<E> {
    let e = engine::engine(&survey_of(answers), answers);
    let items = e.prefilled();
    if items.is_empty() {
        return None;
    }
    let list = E::new("ul");
    for q in items {
        let shown = match (&q.kind, answers.get(&q.id)) {
            (QuestionKind::Single { options }, Some(Value::String(id))) => options
                .iter()
                .find(|o| &o.id == id)
                .map(|o| o.text.get(lang).to_owned()),
            (QuestionKind::Multi { options, .. }, Some(Value::Array(ids))) => Some(
                options
                    .iter()
                    .filter(|o| ids.iter().any(|i| i.as_str() == Some(&o.id)))
                    .map(|o| o.text.get(lang))
                    .collect::<Vec<_>>()
                    .join(" / "),
            ),
            (QuestionKind::Amount { .. }, Some(Value::String(v))) => {
                parse_cny_input(v).ok().map(|d| money(d, lang))
            }
            (QuestionKind::YesNo, Some(Value::Bool(b))) => {
                Some(if *b { s::YES } else { s::NO }.get(lang).to_owned())
            }
            (_, Some(Value::String(v))) => Some(v.clone()),
            _ => None,
        };
        if let Some(v) = shown {
            list.push(E::new("li").attr("data-question", &q.id).text(&format!(
                "{}{}{v}",
                q.text.get(lang),
                sep(lang)
            )));
        }
    }
    Some(
        E::new("div")
            .class("sp-note sp-prefilled")
            .testid("sp-prefilled")
            .child(text("p", PREFILLED_LEAD.get(lang)))
            .child(list),
    )
}

fn sep(lang: Lang) -> &'static str {
    if lang == Lang::En { ": " } else { "：" }
}

const PREFILLED_LEAD: Tr = Tr(
    "以下信息已取自您的预审填写，无需重复作答；如需修改，请返回预审表单：",
    "以下信息已取自您的預審填寫，無需重複作答；如需修改，請返回預審表單：",
    "Taken from your pre-check, so not asked again (to change them, go back to the pre-check form):",
);

fn question(lang: Lang, q: &Question, answer: Option<&Value>, err: Option<&str>) -> E {
    let qid = q.id.as_str();
    let eid = error_id(qid);
    let hid = format!("sp-qh-{qid}");
    let mut described: Vec<&str> = Vec::new();
    if q.help.is_some() {
        described.push(&hid);
    }
    if err.is_some() {
        described.push(&eid);
    }
    let describedby = described.join(" ");
    let fs = E::new("fieldset")
        .class("sp-question")
        .attr("data-type", q.kind.type_name())
        .attr("id", &format!("sp-q-{qid}"))
        .testid(&format!("sp-q-{qid}"))
        .attr_if(err.is_some(), "aria-invalid", "true")
        .attr_if(!describedby.is_empty(), "aria-describedby", &describedby);
    let legend = E::new("legend").text(q.text.get(lang));
    let legend = if q.required {
        legend
    } else {
        legend.child(
            E::new("span")
                .class("sp-optional")
                .text(&format!(" {}", s::OPTIONAL.get(lang))),
        )
    };
    fs.push(legend);
    if let Some(h) = &q.help {
        fs.push(
            E::new("p")
                .class("sp-hint")
                .attr("id", &hid)
                .text(h.get(lang)),
        );
    }
    // Attributes shared by the inputs of this question.
    let input = |ty: &str, index: usize| {
        E::new("input")
            .attr("type", ty)
            .attr("id", &option_id(qid, index))
            .attr("name", &format!("q-{qid}"))
            .attr_if(err.is_some(), "aria-invalid", "true")
            .attr_if(!describedby.is_empty(), "aria-describedby", &describedby)
            .attr_if(
                q.required && matches!(ty, "text" | "radio"),
                "aria-required",
                "true",
            )
    };
    let choice = |el: E, index: usize, label: &str| {
        E::new("div").class("sp-choice").child(el).child(
            E::new("label")
                .attr("for", &option_id(qid, index))
                .text(label),
        )
    };
    match &q.kind {
        QuestionKind::Single { options } => {
            let chosen = answer.and_then(Value::as_str);
            let group = E::new("div").class("sp-choices");
            for (i, o) in options.iter().enumerate() {
                let el = input("radio", i)
                    .attr("value", &o.id)
                    .testid(&format!("sp-q-{qid}-{}", o.id))
                    .attr_if(chosen == Some(o.id.as_str()), "checked", "");
                group.push(choice(el, i, o.text.get(lang)));
            }
            fs.push(group);
        }
        QuestionKind::Multi { options, .. } => {
            let chosen: Vec<&str> = answer
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let group = E::new("div").class("sp-choices");
            for (i, o) in options.iter().enumerate() {
                let el = input("checkbox", i)
                    .attr("value", &o.id)
                    .testid(&format!("sp-q-{qid}-{}", o.id))
                    .attr_if(chosen.contains(&o.id.as_str()), "checked", "");
                group.push(choice(el, i, o.text.get(lang)));
            }
            fs.push(group);
        }
        QuestionKind::Number { unit, .. } | QuestionKind::Amount { unit, .. } => {
            let is_amount = matches!(q.kind, QuestionKind::Amount { .. });
            let value = match answer {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                _ => String::new(),
            };
            let unit_text = match (unit, is_amount) {
                (Some(u), _) => u.get(lang).to_owned(),
                (None, true) => Tr("元", "元", "CNY").get(lang).to_owned(),
                (None, false) => String::new(),
            };
            let el = input("text", 0)
                .attr("inputmode", if is_amount { "decimal" } else { "numeric" })
                .attr("autocomplete", "off")
                .attr("value", &value)
                .attr("aria-label", q.text.get(lang))
                .testid(&format!("sp-q-{qid}-input"));
            let control = E::new("div").class("sp-control").child(el);
            let control = if unit_text.is_empty() {
                control
            } else {
                control.child(
                    E::new("span")
                        .class("sp-unit")
                        .attr("aria-hidden", "true")
                        .text(&unit_text),
                )
            };
            fs.push(control);
        }
        QuestionKind::Rating { scale, labels } => {
            let chosen = answer.and_then(Value::as_u64);
            let group = E::new("div").class("sp-choices sp-rating");
            let n = usize::from(*scale);
            for i in 0..n {
                let point = i + 1;
                let label = match labels.len() {
                    l if l == n => format!("{point} {}", labels[i].get(lang)),
                    2 if i == 0 => format!("{point} {}", labels[0].get(lang)),
                    2 if i == n - 1 => format!("{point} {}", labels[1].get(lang)),
                    _ => point.to_string(),
                };
                let el = input("radio", i)
                    .attr("value", &point.to_string())
                    .testid(&format!("sp-q-{qid}-{point}"))
                    .attr_if(chosen == Some(point as u64), "checked", "");
                group.push(choice(el, i, label.trim()));
            }
            fs.push(group);
        }
        QuestionKind::Ranking { options } => {
            let order: Vec<&str> = answer
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            fs.push(E::new("p").class("sp-hint").text(s::RANK_HINT.get(lang)));
            let group = E::new("div").class("sp-ranking");
            for (i, o) in options.iter().enumerate() {
                let rank = order.iter().position(|x| *x == o.id).map(|r| r + 1);
                let sel = E::new("select")
                    .attr("id", &option_id(qid, i))
                    .attr("name", &format!("q-{qid}"))
                    .attr("data-option", &o.id)
                    .testid(&format!("sp-q-{qid}-{}", o.id))
                    .attr(
                        "aria-label",
                        &fill(s::RANK_OF.get(lang), &[o.text.get(lang)]),
                    )
                    .attr_if(!describedby.is_empty(), "aria-describedby", &describedby);
                sel.push(E::new("option").attr("value", "").text("—"));
                for r in 1..=options.len() {
                    sel.push(
                        E::new("option")
                            .attr("value", &r.to_string())
                            .attr_if(rank == Some(r), "selected", "")
                            .text(&r.to_string()),
                    );
                }
                group.push(
                    E::new("div").class("sp-rank").child(sel).child(
                        E::new("label")
                            .attr("for", &option_id(qid, i))
                            .text(o.text.get(lang)),
                    ),
                );
            }
            fs.push(group);
        }
        QuestionKind::YesNo => {
            let chosen = answer.and_then(Value::as_bool);
            let group = E::new("div").class("sp-choices sp-yesno");
            for (i, (v, label)) in [(true, s::YES), (false, s::NO)].into_iter().enumerate() {
                let el = input("radio", i)
                    .attr("value", if v { "true" } else { "false" })
                    .testid(&format!("sp-q-{qid}-{}", if v { "yes" } else { "no" }))
                    .attr_if(chosen == Some(v), "checked", "");
                group.push(choice(el, i, label.get(lang)));
            }
            fs.push(group);
        }
        QuestionKind::Text { max_length } => {
            let value = answer.and_then(Value::as_str).unwrap_or("");
            let el = E::new("textarea")
                .attr("id", &option_id(qid, 0))
                .attr("name", &format!("q-{qid}"))
                .attr("rows", "3")
                .attr("maxlength", &max_length.to_string())
                .attr("aria-label", q.text.get(lang))
                .testid(&format!("sp-q-{qid}-input"))
                .attr_if(err.is_some(), "aria-invalid", "true")
                .attr_if(!describedby.is_empty(), "aria-describedby", &describedby)
                .text(value);
            fs.push(el);
        }
    }
    fs.child_opt(err.map(|m| E::new("p").class("sp-error").attr("id", &eid).text(m)))
}

fn input_at(root: &ShadowRoot, qid: &str, i: usize) -> Option<HtmlInputElement> {
    root.get_element_by_id(&option_id(qid, i))?.dyn_into().ok()
}

/// Reads the answers of the questions rendered on `page` into `answers`
/// (the engine's shape; an empty input removes the answer).
pub fn read_page(root: &ShadowRoot, page: usize, answers: &mut Map<String, Value>) {
    let survey = survey_of(answers);
    {
        let survey = &*survey;
        let Some(p) = survey.pages.get(page) else {
            return;
        };
        for q in &p.questions {
            let qid = q.id.as_str();
            if root.get_element_by_id(&format!("sp-q-{qid}")).is_none() {
                continue; // not shown
            }
            let value: Option<Value> = match &q.kind {
                QuestionKind::Single { options } => options
                    .iter()
                    .enumerate()
                    .find(|(i, _)| input_at(root, qid, *i).is_some_and(|e| e.checked()))
                    .map(|(_, o)| Value::from(o.id.as_str())),
                QuestionKind::Multi { options, .. } => {
                    let chosen: Vec<Value> = options
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| input_at(root, qid, *i).is_some_and(|e| e.checked()))
                        .map(|(_, o)| Value::from(o.id.as_str()))
                        .collect();
                    (!chosen.is_empty()).then_some(Value::Array(chosen))
                }
                QuestionKind::Number { .. } | QuestionKind::Amount { .. } => {
                    let raw = input_at(root, qid, 0)
                        .map(|e| e.value())
                        .unwrap_or_default();
                    let raw = raw.trim();
                    if raw.is_empty() {
                        None
                    } else {
                        // Exact decimal string when it parses; otherwise the
                        // raw text, which the engine reports as invalid.
                        Some(Value::from(
                            match sme_precheck::money::parse_cny_input(raw) {
                                Ok(d) => d.normalize().to_string(),
                                Err(_) => raw.to_owned(),
                            },
                        ))
                    }
                }
                QuestionKind::Rating { scale, .. } => (0..usize::from(*scale))
                    .find(|i| input_at(root, qid, *i).is_some_and(|e| e.checked()))
                    .map(|i| Value::from(i as u64 + 1)),
                QuestionKind::Ranking { options } => {
                    let mut ranked: Vec<(usize, &str)> = options
                        .iter()
                        .enumerate()
                        .filter_map(|(i, o)| {
                            let sel: HtmlSelectElement = root
                                .get_element_by_id(&option_id(qid, i))?
                                .dyn_into()
                                .ok()?;
                            let r: usize = sel.value().parse().ok()?;
                            Some((r, o.id.as_str()))
                        })
                        .collect();
                    // A handful of options: an insertion sort rather than
                    // one more standard-library sort in the wasm.
                    for i in 1..ranked.len() {
                        let mut j = i;
                        while j > 0 && ranked[j - 1] > ranked[j] {
                            ranked.swap(j - 1, j);
                            j -= 1;
                        }
                    }
                    (!ranked.is_empty()).then(|| {
                        Value::Array(ranked.into_iter().map(|(_, id)| Value::from(id)).collect())
                    })
                }
                QuestionKind::YesNo => {
                    if input_at(root, qid, 0).is_some_and(|e| e.checked()) {
                        Some(Value::Bool(true))
                    } else if input_at(root, qid, 1).is_some_and(|e| e.checked()) {
                        Some(Value::Bool(false))
                    } else {
                        None
                    }
                }
                QuestionKind::Text { .. } => root
                    .get_element_by_id(&option_id(qid, 0))
                    .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                    .map(|t| t.value())
                    .filter(|v| !v.trim().is_empty())
                    .map(Value::from),
            };
            match value {
                Some(v) => {
                    answers.insert(q.id.clone(), v);
                }
                None => {
                    answers.remove(&q.id);
                }
            }
        }
    }
}

/// True when the set of visible questions on the rendered page differs from
/// what the current answers make visible (a show-if condition flipped).
pub fn visibility_changed(root: &ShadowRoot, page: usize, answers: &Map<String, Value>) -> bool {
    let rendered = root
        .query_selector(".sp-page")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("data-visible"))
        .unwrap_or_default();
    let now = engine::visible_on_page(&survey_of(answers), page, answers).join(",");
    rendered != now
}

/// Validates page `page` (dropping answers of hidden questions first);
/// returns `(question id, message)` per invalid question.
pub fn validate_page(
    page: usize,
    answers: &mut Map<String, Value>,
    lang: Lang,
) -> Vec<(String, String)> {
    engine::validate_page(&survey_of(answers), page, answers, lang)
}

/// The next page with something to ask after `page`, or `None` at the end.
pub fn next_page(page: usize, answers: &Map<String, Value>) -> Option<usize> {
    engine::shown_pages(&survey_of(answers), answers)
        .into_iter()
        .find(|&p| p > page)
}

/// The first page with something to ask, `None` when nothing is left.
pub fn first_page(answers: &Map<String, Value>) -> Option<usize> {
    engine::shown_pages(&survey_of(answers), answers)
        .first()
        .copied()
}

/// The previous page with something to ask before `page`.
pub fn previous_page(page: usize, answers: &Map<String, Value>) -> Option<usize> {
    engine::shown_pages(&survey_of(answers), answers)
        .into_iter()
        .rev()
        .find(|&p| p < page)
}

/// The last page with something to ask.
pub fn last_page(answers: &Map<String, Value>) -> Option<usize> {
    engine::shown_pages(&survey_of(answers), answers)
        .last()
        .copied()
}

/// Renders the recommendations for the current answers and, when the
/// pre-check ran, its result (`result`, the result JSON): an item whose
/// products the pre-check refused says what is missing.
pub fn render_recommendations(
    lang: Lang,
    answers: &Map<String, Value>,
    result: Option<&Evaluation>,
) -> E {
    let view = result.map(PrecheckView::from_evaluation);
    let recs = engine::recommendations(&survey_of(answers), answers, view.as_ref(), lang);
    let out = E::new("div").class("sp-recs").testid("sp-recommendations");
    if recs.is_empty() {
        return out.child(text("p", s::RECS_NONE.get(lang)));
    }
    out.push(E::new("p").class("sp-lead").text(s::RECS_LEAD.get(lang)));
    // Grouped by dimension, in the order the engine gives.
    let mut groups: Vec<(String, String, Vec<engine::Rec>)> = Vec::new();
    for r in recs {
        match groups.iter_mut().find(|(d, _, _)| *d == r.dimension) {
            Some(g) => g.2.push(r),
            None => groups.push((r.dimension.clone(), r.dimension_label.clone(), vec![r])),
        }
    }
    for (dim, label, items) in groups {
        let sec = E::new("section")
            .class("sp-rec-group")
            .attr("data-dimension", &dim);
        sec.push(text("h3", &label));
        let ul = E::new("ul");
        for r in items {
            ul.push(
                E::new("li")
                    .attr("data-item", &r.id)
                    .testid(&format!("sp-rec-{}", r.id))
                    .child(E::new("strong").text(&r.title))
                    .child_opt((!r.reason.is_empty()).then(|| {
                        E::new("span")
                            .class("sp-reason")
                            .text(&format!(" — {}", r.reason))
                    }))
                    .child_opt(r.precheck.as_ref().map(|note| {
                        E::new("p")
                            .class("sp-rec-precheck")
                            .testid(&format!("sp-rec-{}-precheck", r.id))
                            .text(note)
                    })),
            );
        }
        sec.push(ul);
        out.push(sec);
    }
    out
}

/// Adapter over the core's survey engine ([`sme_precheck::survey::Engine`]).
mod engine {
    use super::*;
    use sme_precheck::survey::{Dimension, Engine};

    /// One recommendation, localized.
    pub struct Rec {
        pub id: String,
        pub dimension: String,
        pub dimension_label: String,
        pub title: String,
        pub reason: String,
        pub precheck: Option<String>,
    }

    /// An engine over `answers` sharing `survey` (ids the survey does not
    /// know are dropped: a saved state from another survey version must not
    /// break the page), with the questions the pre-check answered marked.
    pub fn engine(survey: &Arc<Survey>, answers: &Map<String, Value>) -> Engine {
        let known: Map<String, Value> = answers
            .iter()
            .filter(|(k, _)| survey.question(k).is_some())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut e = Engine::with_answers(Arc::clone(survey), &Value::Object(known))
            .unwrap_or_else(|_| Engine::new(Arc::clone(survey)));
        let prefilled: Vec<String> = answers
            .get(PREFILLED_KEY)
            .and_then(Value::as_array)
            .map(|ids| {
                ids.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        e.set_prefilled(&prefilled);
        e
    }

    /// Writes the engine's answers (hidden questions' answers dropped) and
    /// its prefilled questions back into the widget's map, keeping the survey key.
    pub fn store(e: &Engine, answers: &mut Map<String, Value>) {
        let survey = answers.get(SURVEY_KEY).cloned();
        *answers = e
            .answers()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if let Some(s) = survey {
            answers.insert(SURVEY_KEY.into(), s);
        }
        let prefilled: Vec<Value> = e
            .prefilled()
            .iter()
            .map(|q| Value::from(q.id.as_str()))
            .collect();
        if !prefilled.is_empty() {
            answers.insert(PREFILLED_KEY.into(), Value::Array(prefilled));
        }
    }

    pub fn visible_on_page(
        survey: &Arc<Survey>,
        page: usize,
        answers: &Map<String, Value>,
    ) -> Vec<String> {
        let e = engine(survey, answers);
        survey
            .pages
            .get(page)
            .map(|p| {
                p.questions
                    .iter()
                    .filter(|q| e.is_asked(&q.id))
                    .map(|q| q.id.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn shown_pages(survey: &Arc<Survey>, answers: &Map<String, Value>) -> Vec<usize> {
        engine(survey, answers).visible_pages()
    }

    pub fn validate_page(
        survey: &Arc<Survey>,
        page: usize,
        answers: &mut Map<String, Value>,
        lang: Lang,
    ) -> Vec<(String, String)> {
        let e = engine(survey, answers);
        // Answers to questions that became hidden are dropped.
        store(&e, answers);
        e.page_errors(page, lang)
            .into_iter()
            .map(|er| (er.question, er.message))
            .collect()
    }

    fn dimension(d: Dimension) -> (&'static str, Tr) {
        match d {
            Dimension::Individual => (
                "individual",
                Tr("个人金融服务", "個人金融服務", "For founders and staff"),
            ),
            Dimension::Corporate => (
                "corporate",
                Tr("对公金融服务", "對公金融服務", "For the company"),
            ),
            Dimension::Enablement => (
                "enablement",
                Tr("赋能发展服务", "賦能發展服務", "Enablement services"),
            ),
        }
    }

    pub fn recommendations(
        survey: &Arc<Survey>,
        answers: &Map<String, Value>,
        precheck: Option<&PrecheckView>,
        lang: Lang,
    ) -> Vec<Rec> {
        let e = engine(survey, answers);
        let recs = match precheck {
            Some(view) => e.recommendations_with(view, lang),
            None => e.recommendations(lang),
        };
        recs.into_iter()
            .map(|r| {
                let (dim, label) = dimension(r.dimension);
                Rec {
                    id: r.id,
                    dimension: dim.to_owned(),
                    dimension_label: label.get(lang).to_owned(),
                    title: r.title,
                    reason: r.reason,
                    precheck: r.precheck,
                }
            })
            .collect()
    }
}
