//! The survey engine: which questions are visible for the current answers,
//! clearing answers to questions that became hidden, validation errors in a
//! language, progress, completeness and page navigation that skips pages
//! with nothing visible. Owns its [`Survey`] so bindings can hold it.

use super::definition::Survey;
use super::error::SurveyError;
use super::expr::Value;
use super::question::{Page, Prefill, Question, QuestionKind, parse_decimal};
use super::recommend::{PrecheckView, Recommendation};
use crate::i18n::{Lang, LocalizedText};
use crate::json::Json;
use rust_decimal::Decimal;
use serde::Serialize;
use std::sync::Arc;

/// Answers keyed by question id, in the JSON shapes of the contract:
/// single → `"optionId"`, multi/ranking → `["a","b"]`, number/amount →
/// decimal string, rating → integer, yes/no → `true`/`false`, text → string.
pub type Answers = crate::json::Map;

/// A validation error of one question, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionError {
    /// The question id.
    pub question: String,
    /// Stable code: `required`, `invalid`, `min`, `max`, `min_select`,
    /// `max_select`, `too_long`, `integer` or `rule`.
    pub code: String,
    /// The localized message.
    pub message: String,
}

/// How far the visitor is: answered visible questions out of visible questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Visible questions with an answer.
    pub answered: usize,
    /// Visible questions.
    pub visible: usize,
}

/// The result of a whole run, the shape `precheck survey-run` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SurveyRun {
    /// Visible question ids in display order.
    pub visible: Vec<String>,
    /// Validation errors of visible questions (`required` for unanswered ones).
    pub errors: Vec<QuestionError>,
    /// True when every visible question is valid and every required one answered.
    pub complete: bool,
    /// Progress over visible questions.
    pub progress: Progress,
    /// Lifecycle plan items for the stage and answers.
    pub recommendations: Vec<Recommendation>,
}

/// A survey with the visitor's answers and the current page.
#[derive(Debug, Clone)]
pub struct Engine {
    pub(crate) survey: Arc<Survey>,
    pub(crate) answers: Answers,
    pub(crate) page: usize,
    /// Visible question ids (a short list: linear search keeps the wasm small).
    visible: Vec<String>,
    /// Expression values of visible, answered questions.
    values: Vec<(String, Value)>,
    /// Questions answered from the pre-check profile: not asked again.
    pub(crate) prefilled: Vec<String>,
}

impl Engine {
    /// A fresh engine on the first page with something visible. Pass an
    /// `Arc<Survey>` to share one definition between engines without copying.
    pub fn new(survey: impl Into<Arc<Survey>>) -> Engine {
        let mut engine = Engine {
            survey: survey.into(),
            answers: Answers::new(),
            page: 0,
            visible: Vec::new(),
            values: Vec::new(),
            prefilled: Vec::new(),
        };
        engine.refresh();
        engine.page = engine.first_page().unwrap_or(0);
        engine
    }

    /// An engine with answers from a JSON object. Unknown question ids are an
    /// error naming `answers.<id>`; wrongly typed values are kept and reported
    /// by [`Engine::errors`].
    pub fn with_answers(
        survey: impl Into<Arc<Survey>>,
        answers: &Json,
    ) -> Result<Engine, SurveyError> {
        let survey: Arc<Survey> = survey.into();
        let Json::Object(map) = answers else {
            return Err(SurveyError::new(
                "answers",
                "must be a JSON object { questionId: value }",
            ));
        };
        for id in map.keys() {
            if survey.question(id).is_none() {
                return Err(SurveyError::new(
                    format!("answers.{id}"),
                    "unknown question",
                ));
            }
        }
        let mut engine = Engine::new(survey);
        engine.answers = map
            .iter()
            .filter_map(|(k, v)| {
                let q = engine.survey.question(k)?;
                Some((k.clone(), normalize_answer(q, v.clone())))
            })
            .collect();
        engine.refresh();
        Ok(engine)
    }

    /// The definition.
    pub fn survey(&self) -> &Survey {
        &self.survey
    }

    /// The current answers (hidden questions' answers already cleared).
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// Sets (or with `null` clears) one answer, then clears answers to
    /// questions that became hidden. Unknown ids are an error.
    pub fn set_answer(&mut self, id: &str, value: Json) -> Result<(), SurveyError> {
        if self.survey.question(id).is_none() {
            return Err(SurveyError::new(
                format!("answers.{id}"),
                "unknown question",
            ));
        }
        if value.is_null() {
            self.answers.remove(id);
        } else {
            let value = self
                .survey
                .question(id)
                .map_or(value.clone(), |q| normalize_answer(q, value));
            self.answers.insert(id.to_owned(), value);
        }
        self.refresh();
        Ok(())
    }

    /// Recomputes visibility in dependency order and drops hidden answers.
    fn refresh(&mut self) {
        let mut visible: Vec<String> = Vec::new();
        let mut values: Vec<(String, Value)> = Vec::new();
        for &(p, q) in &self.survey.order {
            let Some(page) = self.survey.pages.get(p) else {
                continue;
            };
            let Some(question) = page.questions.get(q) else {
                continue;
            };
            let env = |id: &str| lookup(&values, id);
            let shown = page.show_if.as_ref().is_none_or(|c| c.expr.is_true(&env))
                && question
                    .show_if
                    .as_ref()
                    .is_none_or(|c| c.expr.is_true(&env));
            if shown {
                visible.push(question.id.clone());
                if let Some(answer) = self.answers.get(&question.id).filter(|v| !is_blank(v)) {
                    let value = typed_value(question, answer).unwrap_or(Value::Null);
                    values.push((question.id.clone(), value));
                }
            }
        }
        self.answers
            .retain(|id, v| visible.contains(id) && !is_blank(v));
        self.visible = visible;
        self.values = values;
    }

    /// The value of a question inside expressions (`Null` when hidden,
    /// unanswered or invalid).
    pub fn value(&self, id: &str) -> Value {
        lookup(&self.values, id)
    }

    /// True when the question is currently shown.
    pub fn is_visible(&self, id: &str) -> bool {
        self.visible.iter().any(|v| v == id)
    }

    /// Fills every question whose `prefill` names a field of the pre-check
    /// `profile` (a JSON object in the profile's own shape) with the value
    /// found there, replacing an earlier answer, and marks it as answered by
    /// the pre-check: it is then not asked ([`Engine::is_asked`]). A value
    /// that does not fit the question (no such option, out of range, not a
    /// number) is left out and the question is asked as usual. Returns the
    /// ids filled, in display order.
    pub fn prefill(&mut self, profile: &Json) -> Vec<String> {
        self.prefilled.clear();
        let survey = Arc::clone(&self.survey);
        for q in survey.questions() {
            let Some(spec) = &q.prefill else {
                continue;
            };
            let Some(answer) = profile
                .get(&spec.from)
                .and_then(|v| prefill_answer(q, spec, v))
            else {
                continue;
            };
            let before = self.answers.get(&q.id).cloned();
            self.answers.insert(q.id.clone(), answer);
            self.refresh();
            let fits = self.answers.contains_key(&q.id)
                && self.question_error(q, Lang::default()).is_none();
            if fits {
                self.prefilled.push(q.id.clone());
            } else {
                match before {
                    Some(v) => self.answers.insert(q.id.clone(), v),
                    None => self.answers.remove(&q.id),
                };
                self.refresh();
            }
        }
        self.prefilled.clone()
    }

    /// Marks questions as answered by the pre-check without changing any
    /// answer (restoring a saved visit); ids the survey does not know are ignored.
    pub fn set_prefilled(&mut self, ids: &[String]) {
        self.prefilled = ids
            .iter()
            .filter(|id| self.survey.question(id).is_some())
            .cloned()
            .collect();
    }

    /// True when the question's answer came from the pre-check profile.
    pub fn is_prefilled(&self, id: &str) -> bool {
        self.prefilled.iter().any(|p| p == id) && self.answers.contains_key(id)
    }

    /// The questions answered from the pre-check, in display order, that are
    /// visible and answered.
    pub fn prefilled(&self) -> Vec<&Question> {
        self.visible_questions()
            .into_iter()
            .filter(|q| self.is_prefilled(&q.id))
            .collect()
    }

    /// True when the question is shown and not already answered by the
    /// pre-check: what a page asks the visitor.
    pub fn is_asked(&self, id: &str) -> bool {
        self.is_visible(id) && !self.is_prefilled(id)
    }

    /// Visible questions in display order.
    pub fn visible_questions(&self) -> Vec<&Question> {
        self.survey
            .questions()
            .filter(|q| self.is_visible(&q.id))
            .collect()
    }

    /// Visible question ids in display order.
    pub fn visible_ids(&self) -> Vec<String> {
        self.visible_questions()
            .iter()
            .map(|q| q.id.clone())
            .collect()
    }

    /// Validation errors of every visible question.
    pub fn errors(&self, lang: Lang) -> Vec<QuestionError> {
        self.visible_questions()
            .into_iter()
            .filter_map(|q| self.question_error(q, lang))
            .collect()
    }

    /// Validation errors of the visible questions on one page.
    pub fn page_errors(&self, page: usize, lang: Lang) -> Vec<QuestionError> {
        self.survey.pages.get(page).map_or_else(Vec::new, |p| {
            p.questions
                .iter()
                .filter(|q| self.is_visible(&q.id))
                .filter_map(|q| self.question_error(q, lang))
                .collect()
        })
    }

    /// The error of one question (`None` when valid, or hidden).
    pub fn question_error(&self, question: &Question, lang: Lang) -> Option<QuestionError> {
        if !self.is_visible(&question.id) {
            return None;
        }
        let make = |code: &str, message: String| QuestionError {
            question: question.id.clone(),
            code: code.to_owned(),
            message,
        };
        let Some(answer) = self.answers.get(&question.id) else {
            return question
                .required
                .then(|| make("required", msg(lang, REQUIRED).to_owned()));
        };
        if let Err((code, message)) = check_constraints(question, answer, lang) {
            return Some(make(code, message_in(lang, code, message)));
        }
        let env = |id: &str| self.value(id);
        question
            .validations
            .iter()
            .find(|v| v.rule.expr.eval(&env) == Value::Bool(false))
            .map(|v| make("rule", v.message.get(lang).to_owned()))
    }

    /// Answered visible questions out of visible questions.
    pub fn progress(&self) -> Progress {
        Progress {
            answered: self.answers.len(),
            visible: self.visible.len(),
        }
    }

    /// True when every visible question is valid and every required one answered.
    pub fn complete(&self) -> bool {
        self.visible_questions()
            .into_iter()
            .all(|q| self.question_error(q, Lang::default()).is_none())
    }

    /// Indices of pages with at least one visible question that is not
    /// answered by the pre-check.
    pub fn visible_pages(&self) -> Vec<usize> {
        (0..self.survey.pages.len())
            .filter(|&p| self.page_has_visible(p))
            .collect()
    }

    /// True when the page asks something (a visible question not answered
    /// by the pre-check).
    fn page_has_visible(&self, p: usize) -> bool {
        self.survey.pages[p]
            .questions
            .iter()
            .any(|q| self.is_asked(&q.id))
    }

    fn first_page(&self) -> Option<usize> {
        (0..self.survey.pages.len()).find(|&p| self.page_has_visible(p))
    }

    /// The current page index.
    pub fn current_page(&self) -> usize {
        self.page
    }

    /// The current page.
    pub fn page(&self) -> &Page {
        &self.survey.pages[self.page]
    }

    /// The next page with something visible, if any.
    pub fn next_page(&self) -> Option<usize> {
        (self.page + 1..self.survey.pages.len()).find(|&p| self.page_has_visible(p))
    }

    /// The previous page with something visible, if any.
    pub fn previous_page(&self) -> Option<usize> {
        (0..self.page).rev().find(|&p| self.page_has_visible(p))
    }

    /// Moves to the next visible page; returns false (and stays) when the
    /// current page has errors or there is no next page.
    pub fn go_next(&mut self) -> bool {
        if !self.page_errors(self.page, Lang::default()).is_empty() {
            return false;
        }
        match self.next_page() {
            Some(p) => {
                self.page = p;
                true
            }
            None => false,
        }
    }

    /// Moves to the previous visible page; false when there is none.
    pub fn go_previous(&mut self) -> bool {
        match self.previous_page() {
            Some(p) => {
                self.page = p;
                true
            }
            None => false,
        }
    }

    /// Jumps to a page by id (for resume and for tests); unknown ids are an error.
    pub fn go_to(&mut self, page_id: &str) -> Result<(), SurveyError> {
        let p = self
            .survey
            .pages
            .iter()
            .position(|p| p.id == page_id)
            .ok_or_else(|| SurveyError::new("page", format!("unknown page \"{page_id}\"")))?;
        self.page = p;
        Ok(())
    }

    /// The lifecycle plan items for the current answers.
    pub fn recommendations(&self, lang: Lang) -> Vec<Recommendation> {
        let env = |id: &str| self.value(id);
        self.survey.recommendations.recommend(&env, None, lang)
    }

    /// The lifecycle plan items for the current answers and what the
    /// pre-check said (see [`RecommendationPlan::recommend`](super::RecommendationPlan::recommend)).
    pub fn recommendations_with(&self, precheck: &PrecheckView, lang: Lang) -> Vec<Recommendation> {
        let env = |id: &str| self.value(id);
        self.survey
            .recommendations
            .recommend(&env, Some(precheck), lang)
    }

    /// Everything the CLI prints.
    pub fn run(&self, lang: Lang) -> SurveyRun {
        SurveyRun {
            visible: self.visible_ids(),
            errors: self.errors(lang),
            complete: self.complete(),
            progress: self.progress(),
            recommendations: self.recommendations(lang),
        }
    }
}

/// The answer a pre-check profile value gives a question, when it has the
/// right shape (the engine then checks that it fits).
fn prefill_answer(question: &Question, spec: &Prefill, value: &Json) -> Option<Json> {
    let number = || match value {
        Json::Number(n) => parse_decimal(&n.to_string()),
        Json::String(s) => amount_decimal(s),
        _ => None,
    };
    match &question.kind {
        QuestionKind::Single { options } if !spec.buckets.is_empty() => {
            let v = number()?;
            let i = spec.buckets.iter().filter(|e| **e <= v).count();
            options.get(i).map(|o| Json::from(o.id.as_str()))
        }
        QuestionKind::Single { options } => {
            let s = value.as_str()?;
            options.iter().any(|o| o.id == s).then(|| Json::from(s))
        }
        QuestionKind::Multi { options, .. } => {
            let given = value.as_array()?;
            let picked: Vec<Json> = options
                .iter()
                .filter(|o| given.iter().any(|g| g.as_str() == Some(o.id.as_str())))
                .map(|o| Json::from(o.id.as_str()))
                .collect();
            (!picked.is_empty()).then_some(Json::Array(picked))
        }
        QuestionKind::Number { .. } | QuestionKind::Amount { .. } => {
            number().map(|d| Json::from(d.normalize().to_string()))
        }
        QuestionKind::YesNo => match value {
            Json::Bool(b) => Some(Json::Bool(*b)),
            _ => number().map(|d| Json::Bool(d > Decimal::ZERO)),
        },
        _ => None,
    }
}

/// Runs a survey over answers given as a JSON object text.
pub fn run(survey: &Survey, answers_json: &str, lang: Lang) -> Result<SurveyRun, SurveyError> {
    let answers = crate::json::parse(answers_json).map_err(|e| {
        SurveyError::new(
            "answers",
            format!("invalid JSON at line {} column {}", e.line(), e.column()),
        )
    })?;
    run_value(survey, &answers, lang)
}

/// Runs a survey over answers given as a parsed JSON object.
pub fn run_value(survey: &Survey, answers: &Json, lang: Lang) -> Result<SurveyRun, SurveyError> {
    Ok(Engine::with_answers(survey.clone(), answers)?.run(lang))
}

fn lookup(values: &[(String, Value)], id: &str) -> Value {
    values
        .iter()
        .find(|(k, _)| k == id)
        .map_or(Value::Null, |(_, v)| v.clone())
}

fn is_blank(v: &Json) -> bool {
    match v {
        Json::Null => true,
        Json::String(s) => s.trim().is_empty(),
        Json::Array(a) => a.is_empty(),
        _ => false,
    }
}

type Problem = (&'static str, Option<String>);

/// Converts an answer to its expression value, or says why it is malformed.
fn typed_value(question: &Question, answer: &Json) -> Result<Value, (&'static str, String)> {
    let bad = |m: &str| Err(("invalid", m.to_owned()));
    match (&question.kind, answer) {
        (QuestionKind::Single { options }, Json::String(s)) => {
            if options.iter().any(|o| o.id == *s) {
                Ok(Value::Str(s.clone()))
            } else {
                bad("single")
            }
        }
        (QuestionKind::Single { .. }, _) => bad("single"),
        (
            QuestionKind::Multi { options, .. } | QuestionKind::Ranking { options },
            Json::Array(items),
        ) => {
            let mut seen: Vec<&String> = Vec::new();
            let mut out = Vec::new();
            for item in items {
                match item {
                    Json::String(s) if options.iter().any(|o| o.id == *s) && !seen.contains(&s) => {
                        seen.push(s);
                        out.push(Value::Str(s.clone()));
                    }
                    _ => return bad(question.kind.type_name()),
                }
            }
            Ok(Value::List(out))
        }
        (QuestionKind::Multi { .. } | QuestionKind::Ranking { .. }, _) => {
            bad(question.kind.type_name())
        }
        (QuestionKind::Number { .. }, Json::Number(n)) => parse_decimal(&n.to_string())
            .map(Value::Num)
            .ok_or(("invalid", "number".to_owned())),
        (QuestionKind::Number { .. }, Json::String(s)) => number_value(s)
            .map(Value::Num)
            .ok_or(("invalid", "number".to_owned())),
        (QuestionKind::Amount { .. }, Json::String(s)) => amount_decimal(s)
            .map(Value::Num)
            .ok_or(("invalid", "amount".to_owned())),
        (QuestionKind::Number { .. }, _) => bad("number"),
        (QuestionKind::Amount { .. }, _) => bad("amount"),
        (QuestionKind::Rating { scale, .. }, Json::Number(n)) => match n.as_u64() {
            Some(v) if (1..=u64::from(*scale)).contains(&v) => Ok(Value::Num(Decimal::from(v))),
            _ => bad("rating"),
        },
        (QuestionKind::Rating { .. }, _) => bad("rating"),
        (QuestionKind::YesNo, Json::Bool(b)) => Ok(Value::Bool(*b)),
        (QuestionKind::YesNo, _) => bad("yesno"),
        (QuestionKind::Text { .. }, Json::String(s)) => Ok(Value::Str(s.clone())),
        (QuestionKind::Text { .. }, _) => bad("text"),
    }
}

/// A number as typed by a visitor: thousands separators and spaces allowed,
/// parsed exactly.
fn number_value(s: &str) -> Option<Decimal> {
    let cleaned: String = s
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '_'))
        .collect();
    parse_decimal(&cleaned)
}

/// An amount as typed by a visitor (`2,000,000`, `200万`, `1.5亿`, `¥3000`,
/// full-width digits), parsed exactly by the core's money parser.
fn amount_decimal(s: &str) -> Option<Decimal> {
    crate::money::parse_cny_input(s).ok()
}

/// Stores number and amount answers as plain decimal strings (`"200万"` →
/// `"2000000"`; amounts without trailing zeros) and ratings typed as text
/// as integers (`"4"` → `4`), so the anonymizer and saved states see the contract shape.
/// Anything unparseable is kept as typed and reported by validation.
fn normalize_answer(question: &Question, value: Json) -> Json {
    let parsed = match (&question.kind, &value) {
        (QuestionKind::Amount { .. }, Json::String(s)) => amount_decimal(s).map(|d| d.normalize()),
        (QuestionKind::Number { .. }, Json::String(s)) => number_value(s),
        (QuestionKind::Rating { .. }, Json::String(s)) => {
            return s.trim().parse::<u8>().map_or(value, Json::from);
        }
        _ => None,
    };
    parsed.map_or(value, |d| Json::String(d.to_string()))
}

/// Range, count and length constraints of a well-formed answer.
fn check_constraints(
    question: &Question,
    answer: &Json,
    lang: Lang,
) -> Result<Value, (&'static str, String)> {
    let value = typed_value(question, answer)?;
    let problem: Option<Problem> = match (&question.kind, &value) {
        (
            QuestionKind::Multi {
                min_select,
                max_select,
                ..
            },
            Value::List(items),
        ) => {
            let n = items.len() as u32;
            if n < *min_select {
                Some(("min_select", Some(min_select.to_string())))
            } else if n > *max_select {
                Some(("max_select", Some(max_select.to_string())))
            } else {
                None
            }
        }
        (
            QuestionKind::Number {
                min,
                max,
                integer,
                unit,
            },
            Value::Num(n),
        ) => {
            if *integer && !n.fract().is_zero() {
                Some(("integer", None))
            } else {
                range(*n, *min, *max, unit.as_ref(), lang, false)
            }
        }
        (QuestionKind::Amount { min, max, unit }, Value::Num(n)) => range(
            *n,
            min.or(Some(Decimal::ZERO)),
            *max,
            unit.as_ref(),
            lang,
            true,
        ),
        (QuestionKind::Text { max_length }, Value::Str(s)) => (s.chars().count()
            > *max_length as usize)
            .then(|| ("too_long", Some(max_length.to_string()))),
        _ => None,
    };
    match problem {
        None => Ok(value),
        Some((code, arg)) => Err((code, arg.unwrap_or_default())),
    }
}

fn range(
    n: Decimal,
    min: Option<Decimal>,
    max: Option<Decimal>,
    unit: Option<&LocalizedText>,
    lang: Lang,
    money: bool,
) -> Option<Problem> {
    let show = |d: Decimal| {
        let number = if money {
            group_thousands(d)
        } else {
            d.normalize().to_string()
        };
        match unit.map(|u| u.get(lang)) {
            Some(u) if !u.is_empty() => format!("{number} {u}"),
            _ => number,
        }
    };
    if let Some(lo) = min
        && n < lo
    {
        return Some(("min", Some(show(lo))));
    }
    if let Some(hi) = max
        && n > hi
    {
        return Some(("max", Some(show(hi))));
    }
    None
}

/// `1234567.5` → `1,234,567.5`.
pub fn group_thousands(d: Decimal) -> String {
    let s = d.normalize().to_string();
    let (sign, rest) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

type Msg = [&'static str; 3];

fn msg(lang: Lang, m: Msg) -> &'static str {
    match lang {
        Lang::ZhHans => m[0],
        Lang::ZhHant => m[1],
        Lang::En => m[2],
    }
}

const REQUIRED: Msg = ["请回答此题", "請回答此題", "Please answer this question."];

/// The built-in message for an error code; `{}` is replaced by `arg`
/// (the limit, or for `invalid` the question type).
fn message_in(lang: Lang, code: &str, arg: String) -> String {
    let m: Msg = match (code, arg.as_str()) {
        ("invalid", "single") => [
            "请选择列表中的一个选项",
            "請選擇列表中的一個選項",
            "Choose one of the listed options.",
        ],
        ("invalid", "multi") => [
            "请从列表中选择，每项只选一次",
            "請從列表中選擇，每項只選一次",
            "Choose from the listed options, each at most once.",
        ],
        ("invalid", "ranking") => [
            "请按重要性排列列表中的选项，每项一次",
            "請按重要性排列列表中的選項，每項一次",
            "Rank the listed options, each at most once.",
        ],
        ("invalid", "number") => [
            "请输入数字，例如 12 或 12.5",
            "請輸入數字，例如 12 或 12.5",
            "Enter a number, such as 12 or 12.5.",
        ],
        ("invalid", "amount") => [
            "请输入金额（元），例如 2000000 或 2000000.50",
            "請輸入金額（元），例如 2000000 或 2000000.50",
            "Enter an amount in CNY, such as 2000000 or 2000000.50.",
        ],
        ("invalid", "rating") => ["请选择一个评分", "請選擇一個評分", "Choose a score."],
        ("invalid", "yesno") => ["请选择“是”或“否”", "請選擇“是”或“否”", "Answer yes or no."],
        ("invalid", _) => ["请输入文字", "請輸入文字", "Enter some text."],
        ("integer", _) => ["请输入整数", "請輸入整數", "Enter a whole number."],
        ("min", _) => ["不能少于 {}", "不能少於 {}", "Must be at least {}."],
        ("max", _) => ["不能超过 {}", "不能超過 {}", "Must be at most {}."],
        ("min_select", _) => [
            "请至少选择 {} 项",
            "請至少選擇 {} 項",
            "Choose at least {}.",
        ],
        ("max_select", _) => ["最多选择 {} 项", "最多選擇 {} 項", "Choose at most {}."],
        ("too_long", _) => ["最多 {} 个字", "最多 {} 個字", "Use at most {} characters."],
        _ => ["答案无效", "答案無效", "This answer is not valid."],
    };
    msg(lang, m).replace("{}", &arg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(Decimal::new(100_000_000, 0)), "100,000,000");
        assert_eq!(group_thousands(Decimal::new(12_345_675, 2)), "123,456.75");
        assert_eq!(group_thousands(Decimal::new(-1000, 0)), "-1,000");
        assert_eq!(group_thousands(Decimal::new(999, 0)), "999");
    }
}
