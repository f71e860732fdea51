//! The survey definition: a validated [`Survey`] (pages of questions, an
//! optional recommendation plan) loaded from JSON with errors that name the
//! JSON path (and the column inside a condition), the built-in surveys, and
//! the checks that span questions: unique ids and record fields, condition
//! types, and visibility that never depends on itself. See
//! `docs/survey-format.md`.

use super::error::SurveyError;
use super::expr::{RefInfo, Type};
use super::json::{FromJson, error_path, obj, typed};
use super::question::{Condition, Page, Question, parse_condition, question, text};
use super::recommend::RecommendationPlan;
use crate::i18n::LocalizedText;
use crate::json::Json;
use serde::Serialize;

/// A validated survey definition.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Survey {
    /// Survey id, e.g. `default`.
    pub id: String,
    /// Definition version; with the id it names the record schema (`default@1`).
    pub version: u32,
    /// Title.
    pub title: LocalizedText,
    /// Introduction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// Pages in order.
    pub pages: Vec<Page>,
    /// The lifecycle recommendation plan used by [`super::run`] (empty when absent).
    #[serde(skip_serializing_if = "RecommendationPlan::is_empty")]
    pub recommendations: RecommendationPlan,
    /// (page, question) indices in dependency order: every question after
    /// the questions its conditions refer to.
    #[serde(skip)]
    pub(crate) order: Vec<(usize, usize)>,
}

/// The default survey definition (three languages): `src/survey/default.json`
/// with the whitespace between tokens removed by `build.rs`.
pub const DEFAULT_SURVEY_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/survey_default.json"));

/// The survey for partner platforms (venture investors, parks, incubators,
/// associations): `src/survey/partner.json`, minified by `build.rs`.
pub const PARTNER_SURVEY_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/survey_partner.json"));

/// The first version of the default survey (`default@1`), kept so that the
/// server can still read and label its records: `src/survey/default.v1.json`.
pub const DEFAULT_V1_SURVEY_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/survey_default.v1.json"));

impl Survey {
    /// Parses and validates a definition. Errors name the JSON path.
    pub fn from_json(json: &str) -> Result<Survey, SurveyError> {
        let value = crate::json::parse(json).map_err(|e| {
            SurveyError::new(
                "",
                format!(
                    "invalid JSON at line {} column {}: {}",
                    e.line(),
                    e.column(),
                    e.message()
                ),
            )
        })?;
        Survey::from_value(&value)
    }

    /// Validates an already parsed JSON value.
    pub fn from_value(value: &Json) -> Result<Survey, SurveyError> {
        Survey::read::<true>(value)
    }

    /// A built-in definition, read without the checks (a test runs them all
    /// on every built-in), so that they stay out of programs that read only
    /// built-in surveys: only what reading needs can fail.
    fn builtin(json: &str, name: &str) -> Survey {
        crate::json::parse(json)
            .map_err(|e| SurveyError::new("", e.to_string()))
            .and_then(|value| Survey::read::<false>(&value))
            .unwrap_or_else(|e| panic!("built-in {name} is invalid: {e}"))
    }

    /// Reads a definition and, when `FULL`, validates it (with its
    /// recommendation plan) completely.
    fn read<const FULL: bool>(value: &Json) -> Result<Survey, SurveyError> {
        let raw: RawSurvey = typed(value, "")?;
        let mut survey = Survey {
            id: nonempty_id::<FULL>(&raw.id, "id")?,
            version: raw.version,
            title: text::<FULL>(raw.title, "title")?,
            description: raw.description,
            pages: Vec::new(),
            recommendations: RecommendationPlan::default(),
            order: Vec::new(),
        };
        if FULL && raw.version == 0 {
            return Err(SurveyError::new("version", "must be 1 or more"));
        }
        if FULL && raw.pages.is_empty() {
            return Err(SurveyError::new("pages", "needs at least one page"));
        }
        // Short lists with linear search: no BTree code in the wasm widget.
        let mut page_ids: Vec<String> = Vec::new();
        let mut question_ids: Vec<String> = Vec::new();
        let mut fields: Vec<(String, String)> = Vec::new();
        for (p, page_value) in raw.pages.iter().enumerate() {
            let page_path = error_path!(FULL, "pages[{p}]");
            let raw_page: RawPage = typed(page_value, &page_path)?;
            let id = nonempty_id::<FULL>(&raw_page.id, &error_path!(FULL, "{page_path}.id"))?;
            if FULL {
                if page_ids.contains(&id) {
                    return Err(SurveyError::new(
                        format!("{page_path}.id"),
                        format!("duplicate page id \"{id}\""),
                    ));
                }
                page_ids.push(id.clone());
            }
            let mut questions = Vec::new();
            for (q, question_value) in raw_page.questions.iter().enumerate() {
                let path = error_path!(FULL, "{page_path}.questions[{q}]");
                let question = question::<FULL>(question_value, &path)?;
                if FULL {
                    if question_ids.contains(&question.id) {
                        return Err(SurveyError::new(
                            format!("{path}.id"),
                            format!("duplicate question id \"{}\"", question.id),
                        ));
                    }
                    question_ids.push(question.id.clone());
                    if let Some(r) = question.privacy.randomized() {
                        if let Some((_, other)) = fields.iter().find(|(f, _)| *f == r.field) {
                            return Err(SurveyError::new(
                                format!("{path}.privacy.field"),
                                format!(
                                    "record field \"{}\" is already used by question \"{other}\"",
                                    r.field
                                ),
                            ));
                        }
                        fields.push((r.field.clone(), question.id.clone()));
                    }
                }
                questions.push(question);
            }
            if FULL && questions.is_empty() {
                return Err(SurveyError::new(
                    format!("{page_path}.questions"),
                    "needs at least one question",
                ));
            }
            survey.pages.push(Page {
                id,
                title: text::<FULL>(raw_page.title, &error_path!(FULL, "{page_path}.title"))?,
                show_if: raw_page
                    .show_if
                    .map(|s| parse_condition(s, &error_path!(FULL, "{page_path}.showIf")))
                    .transpose()?,
                questions,
            });
        }
        if FULL {
            survey.check_conditions()?;
        }
        survey.order = survey.dependency_order::<FULL>()?;
        if let Some(plan) = &raw.recommendations {
            let parsed = RecommendationPlan::read::<FULL>(
                plan,
                &|id| survey.question(id),
                "recommendations.",
            )?;
            survey.recommendations = parsed;
        }
        Ok(survey)
    }

    /// The built-in default survey with the default lifecycle plan.
    pub fn default_survey() -> Survey {
        let mut survey = Survey::builtin(DEFAULT_SURVEY_JSON, "default survey");
        survey.recommendations = crate::json::parse(super::recommend::DEFAULT_PLAN_JSON)
            .map_err(|e| SurveyError::new("", e.to_string()))
            .and_then(|value| {
                RecommendationPlan::read::<false>(&value, &|id| survey.question(id), "")
            })
            .unwrap_or_else(|e| panic!("built-in recommendation plan is invalid: {e}"));
        survey
    }

    /// The built-in survey for partner platforms (`partner@1`), without a
    /// recommendation plan.
    pub fn partner_survey() -> Survey {
        Survey::builtin(PARTNER_SURVEY_JSON, "partner survey")
    }

    /// Every built-in survey version whose records a server may receive:
    /// the default survey, the partner survey, and earlier versions of the
    /// default survey (`default@1`), newest first.
    pub fn builtins() -> Vec<Survey> {
        let v1 = Survey::builtin(DEFAULT_V1_SURVEY_JSON, "default@1 survey");
        vec![Survey::default_survey(), Survey::partner_survey(), v1]
    }

    /// `id@version`, e.g. `default@1`: the survey name in feedback records.
    pub fn key(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// Every question in display order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.pages.iter().flat_map(|p| p.questions.iter())
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    /// (page index, question index) of the question with this id.
    pub fn position(&self, id: &str) -> Option<(usize, usize)> {
        self.pages.iter().enumerate().find_map(|(p, page)| {
            page.questions
                .iter()
                .position(|q| q.id == id)
                .map(|q| (p, q))
        })
    }

    /// The canonical JSON of this definition (re-loads to an equal survey).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// What conditions see of the question `id`, if it exists.
    pub(crate) fn ref_info(&self, id: &str) -> Option<RefInfo> {
        self.question(id).map(Question::ref_info)
    }

    /// Type-checks every condition and rule: references must exist and types agree.
    fn check_conditions(&self) -> Result<(), SurveyError> {
        let lookup = |id: &str| self.ref_info(id);
        let check = |c: &Condition, path: String| -> Result<(), SurveyError> {
            let t = c
                .expr
                .check(&lookup)
                .map_err(|e| SurveyError::in_expr(path.clone(), e))?;
            if t != Type::Bool {
                return Err(SurveyError {
                    path,
                    message: format!("a condition must be true/false, found {t}"),
                    column: Some(1),
                });
            }
            Ok(())
        };
        for (p, page) in self.pages.iter().enumerate() {
            if let Some(c) = &page.show_if {
                check(c, format!("pages[{p}].showIf"))?;
            }
            for (q, question) in page.questions.iter().enumerate() {
                let path = format!("pages[{p}].questions[{q}]");
                if let Some(c) = &question.show_if {
                    check(c, format!("{path}.showIf"))?;
                }
                for (v, rule) in question.validations.iter().enumerate() {
                    check(&rule.rule, format!("{path}.validations[{v}].rule"))?;
                }
            }
        }
        Ok(())
    }

    /// Ids a question's visibility depends on (its own and its page's
    /// conditions), with the column and, when `PATHS`, the path of the
    /// condition (empty otherwise).
    fn visibility_refs<const PATHS: bool>(&self, p: usize, q: usize) -> Vec<(&str, usize, String)> {
        let page = &self.pages[p];
        let path = |at: std::fmt::Arguments| if PATHS { at.to_string() } else { String::new() };
        let mut refs = Vec::new();
        if let Some(c) = &page.questions[q].show_if {
            for (id, col) in c.expr.references() {
                refs.push((
                    id,
                    col,
                    path(format_args!("pages[{p}].questions[{q}].showIf")),
                ));
            }
        }
        if let Some(c) = &page.show_if {
            for (id, col) in c.expr.references() {
                refs.push((id, col, path(format_args!("pages[{p}].showIf"))));
            }
        }
        refs
    }

    /// Orders questions so each comes after those its visibility depends on;
    /// when `FULL`, rejects cycles with the path of a condition on the cycle
    /// (without it, for built-ins that a test proves acyclic, a dependency
    /// met again while active is passed over).
    fn dependency_order<const FULL: bool>(&self) -> Result<Vec<(usize, usize)>, SurveyError> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Active,
            Done,
        }
        let all: Vec<(usize, usize)> = self
            .pages
            .iter()
            .enumerate()
            .flat_map(|(p, page)| (0..page.questions.len()).map(move |q| (p, q)))
            .collect();
        let mut marks: Vec<Mark> = vec![Mark::New; all.len()];
        let slot = |node: (usize, usize)| all.iter().position(|&n| n == node).unwrap_or(0);
        let mut order = Vec::new();
        // Iterative DFS: (node, index of next dependency to visit).
        for &start in &all {
            if marks[slot(start)] != Mark::New {
                continue;
            }
            // (node, its visibility references, index of the next one to visit)
            let mut stack = vec![(
                start,
                self.visibility_refs::<FULL>(start.0, start.1),
                0usize,
            )];
            marks[slot(start)] = Mark::Active;
            while let Some((node, refs, next)) = stack.last_mut() {
                let node = *node;
                if *next < refs.len() {
                    let (id, column, path) = refs[*next].clone();
                    *next += 1;
                    let Some(dep) = self.position(id) else {
                        continue;
                    };
                    match marks[slot(dep)] {
                        Mark::New => {
                            marks[slot(dep)] = Mark::Active;
                            stack.push((dep, self.visibility_refs::<FULL>(dep.0, dep.1), 0));
                        }
                        Mark::Active if FULL => {
                            let from = stack.iter().position(|(n, _, _)| *n == dep).unwrap_or(0);
                            let mut names: Vec<&str> = stack[from..]
                                .iter()
                                .map(|((p, q), _, _)| self.pages[*p].questions[*q].id.as_str())
                                .collect();
                            names.push(&self.pages[dep.0].questions[dep.1].id);
                            return Err(SurveyError {
                                path,
                                message: format!(
                                    "condition depends on itself: {}",
                                    names.join(" → ")
                                ),
                                column: Some(column),
                            });
                        }
                        Mark::Active | Mark::Done => {}
                    }
                } else {
                    marks[slot(node)] = Mark::Done;
                    order.push(node);
                    stack.pop();
                }
            }
        }
        Ok(order)
    }
}

// ---------------------------------------------------------------- raw JSON

struct RawSurvey<'a> {
    id: String,
    version: u32,
    title: LocalizedText,
    description: Option<LocalizedText>,
    pages: &'a [Json],
    recommendations: Option<&'a Json>,
}

struct RawPage<'a> {
    id: String,
    title: LocalizedText,
    show_if: Option<String>,
    questions: &'a [Json],
}

impl<'a> FromJson<'a> for RawSurvey<'a> {
    fn from_json(v: &'a Json, path: &str) -> Result<Self, SurveyError> {
        let o = obj(
            v,
            path,
            &[
                "$schema",
                "id",
                "version",
                "title",
                "description",
                "pages",
                "recommendations",
            ],
        )?;
        o.opt_string("$schema")?;
        Ok(RawSurvey {
            id: o.string("id")?,
            version: o.uint("version", u64::from(u32::MAX))? as u32,
            title: o.text("title")?,
            description: o.opt_text("description")?,
            pages: o.array("pages")?,
            recommendations: o.opt("recommendations"),
        })
    }
}

impl<'a> FromJson<'a> for RawPage<'a> {
    fn from_json(v: &'a Json, path: &str) -> Result<Self, SurveyError> {
        let o = obj(v, path, &["id", "title", "showIf", "questions"])?;
        Ok(RawPage {
            id: o.string("id")?,
            title: o.text("title")?,
            show_if: o.opt_string("showIf")?,
            questions: o.array("questions")?,
        })
    }
}

fn nonempty_id<const FULL: bool>(id: &str, path: &str) -> Result<String, SurveyError> {
    if FULL && id.trim().is_empty() {
        return Err(SurveyError::new(path, "must not be empty"));
    }
    Ok(id.to_owned())
}

impl RecommendationPlan {
    /// Parses and validates a plan against the survey whose answers it reads.
    pub fn from_json(json: &str, survey: &Survey) -> Result<Self, SurveyError> {
        let value = crate::json::parse(json).map_err(|e| {
            SurveyError::new(
                "",
                format!("invalid JSON at line {} column {}", e.line(), e.column()),
            )
        })?;
        Self::from_value(&value, &|id| survey.question(id), "")
    }

    /// The built-in plan, validated against `survey` (it reads the default
    /// survey's questions, so other surveys may reject it).
    pub fn default_plan(survey: &Survey) -> Result<Self, SurveyError> {
        Self::from_json(super::recommend::DEFAULT_PLAN_JSON, survey)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in loaders skip the condition type checks: every built-in
    /// must pass them, and load to the same survey either way.
    #[test]
    fn every_builtin_passes_the_full_validation() {
        let full = |json: &str| Survey::from_json(json).unwrap();
        let mut default = full(DEFAULT_SURVEY_JSON);
        default.recommendations = RecommendationPlan::default_plan(&default).unwrap();
        assert!(!default.recommendations.is_empty());
        let expected = [
            default,
            full(PARTNER_SURVEY_JSON),
            full(DEFAULT_V1_SURVEY_JSON),
        ];
        let builtins = Survey::builtins();
        assert_eq!(builtins.len(), expected.len());
        for (loaded, checked) in builtins.iter().zip(&expected) {
            assert_eq!(loaded.to_json(), checked.to_json(), "{}", checked.key());
            assert_eq!(loaded.order, checked.order, "{}", checked.key());
        }
        assert_eq!(Survey::partner_survey().to_json(), expected[1].to_json());
    }

    #[test]
    fn the_full_validation_still_type_checks_conditions() {
        let mut doc = crate::json::parse(PARTNER_SURVEY_JSON).unwrap();
        let crate::json::Json::Object(root) = &mut doc else {
            panic!("a survey is an object")
        };
        let Some(crate::json::Json::Array(pages)) = root.get_mut("pages") else {
            panic!("pages")
        };
        let crate::json::Json::Object(page) = &mut pages[0] else {
            panic!("a page is an object")
        };
        page.insert("showIf".into(), crate::json::Json::from("1 + 1"));
        let err = Survey::from_value(&doc).unwrap_err();
        assert_eq!(err.path, "pages[0].showIf");
        assert_eq!(err.message, "a condition must be true/false, found number");
    }

    #[test]
    fn the_full_validation_still_type_checks_plan_conditions() {
        let survey = Survey::default_survey();
        let mut doc = crate::json::parse(super::super::recommend::DEFAULT_PLAN_JSON).unwrap();
        let Some(crate::json::Json::Array(items)) =
            doc.as_object_mut().and_then(|o| o.get_mut("items"))
        else {
            panic!("a plan has items")
        };
        let crate::json::Json::Object(item) = &mut items[0] else {
            panic!("an item is an object")
        };
        item.insert("when".into(), crate::json::Json::from("1 + 1"));
        let err = RecommendationPlan::from_value(&doc, &|id| survey.question(id), "").unwrap_err();
        assert_eq!(err.path, "items[0].when");
        assert_eq!(err.message, "a condition must be true/false, found number");
    }
}
