//! Lifecycle recommendations: the bank's service plan (初创期/成长期/成熟期 ×
//! 个人金融/对公金融/赋能发展) as replaceable data, validated against a
//! survey, and the items that apply to a visitor's stage and answers, each
//! with a one-line localized reason.

use super::definition::{Condition, FromJson, Survey, SurveyError, parse_condition, text, typed};
use super::expr::{Type, Value};
use super::json::{obj, string};
use crate::i18n::{Lang, LocalizedText};
use serde::Serialize;
use serde_json::Value as Json;

/// The default lifecycle plan (three languages): `src/survey/recommendations.json`
/// with the whitespace between tokens removed by `build.rs`.
pub const DEFAULT_PLAN_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/survey_recommendations.json"));

/// The three service dimensions of the lifecycle plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Dimension {
    /// 个人金融服务: services for the founders and staff.
    Individual,
    /// 对公金融服务: services for the company.
    Corporate,
    /// 赋能发展服务: non-financial enablement.
    Enablement,
}

impl Dimension {
    /// The stable id: `individual`, `corporate`, `enablement`.
    pub fn id(self) -> &'static str {
        match self {
            Dimension::Individual => "individual",
            Dimension::Corporate => "corporate",
            Dimension::Enablement => "enablement",
        }
    }

    /// The heading of the dimension in the lifecycle plan, in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        let [hans, hant, en] = match self {
            Dimension::Individual => ["个人金融服务", "個人金融服務", "Personal finance"],
            Dimension::Corporate => ["对公金融服务", "對公金融服務", "Corporate finance"],
            Dimension::Enablement => ["赋能发展服务", "賦能發展服務", "Enablement"],
        };
        match lang {
            Lang::ZhHans => hans,
            Lang::ZhHant => hant,
            Lang::En => en,
        }
    }
}

/// One item of the plan.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanItem {
    /// Stable id.
    pub id: String,
    /// Its dimension.
    pub dimension: Dimension,
    /// Stages (option ids of the stage question) it applies to; empty = all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<String>,
    /// Extra condition over the answers (true required).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// What is recommended.
    pub title: LocalizedText,
    /// Why, in one line.
    pub reason: LocalizedText,
}

/// A validated plan.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecommendationPlan {
    /// The single-choice question whose answer is the lifecycle stage.
    pub stage_question: String,
    /// Items in display order (grouped by dimension on output).
    pub items: Vec<PlanItem>,
}

/// A recommendation in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    /// The plan item id.
    pub id: String,
    /// Its dimension.
    pub dimension: Dimension,
    /// What is recommended.
    pub title: String,
    /// Why.
    pub reason: String,
}

struct RawPlan<'a> {
    version: Option<u32>,
    stage_question: String,
    items: &'a [Json],
}

struct RawItem {
    id: String,
    dimension: Dimension,
    stages: Vec<String>,
    when: Option<String>,
    title: LocalizedText,
    reason: LocalizedText,
}

impl<'a> FromJson<'a> for RawPlan<'a> {
    fn from_json(v: &'a Json, path: &str) -> Result<Self, SurveyError> {
        let o = obj(v, path, &["$schema", "version", "stageQuestion", "items"])?;
        o.opt_string("$schema")?;
        Ok(RawPlan {
            version: o
                .opt_uint("version", u64::from(u32::MAX))?
                .map(|n| n as u32),
            stage_question: o.string("stageQuestion")?,
            items: o.array("items")?,
        })
    }
}

impl FromJson<'_> for RawItem {
    fn from_json(v: &Json, path: &str) -> Result<Self, SurveyError> {
        let o = obj(
            v,
            path,
            &["id", "dimension", "stages", "when", "title", "reason"],
        )?;
        let dimension = match o.string("dimension")?.as_str() {
            "individual" => Dimension::Individual,
            "corporate" => Dimension::Corporate,
            "enablement" => Dimension::Enablement,
            other => {
                return Err(SurveyError::new(
                    o.at("dimension"),
                    format!(
                        "unknown variant `{other}`, expected one of `individual`, `corporate`, `enablement`"
                    ),
                ));
            }
        };
        let stages = o
            .opt_array("stages")?
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(i, s)| string(s, format!("{}[{i}]", o.at("stages"))))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(RawItem {
            id: o.string("id")?,
            dimension,
            stages,
            when: o.opt_string("when")?,
            title: o.text("title")?,
            reason: o.text("reason")?,
        })
    }
}

impl RecommendationPlan {
    /// Parses and validates a plan against the survey whose answers it reads.
    pub fn from_json(json: &str, survey: &Survey) -> Result<Self, SurveyError> {
        let value: Json = serde_json::from_str(json).map_err(|e| {
            SurveyError::new(
                "",
                format!("invalid JSON at line {} column {}", e.line(), e.column()),
            )
        })?;
        Self::from_value(&value, survey, "")
    }

    /// Validates a parsed plan; `prefix` is prepended to error paths.
    pub fn from_value(value: &Json, survey: &Survey, prefix: &str) -> Result<Self, SurveyError> {
        let root = prefix.trim_end_matches('.');
        let raw: RawPlan = typed(value, root)?;
        if raw.version == Some(0) {
            return Err(SurveyError::new(
                format!("{prefix}version"),
                "must be 1 or more",
            ));
        }
        let stage_path = format!("{prefix}stageQuestion");
        let stage = survey.question(&raw.stage_question).ok_or_else(|| {
            SurveyError::new(
                &stage_path,
                format!("unknown question \"{}\"", raw.stage_question),
            )
        })?;
        let stages: Vec<String> = match &stage.kind {
            super::definition::QuestionKind::Single { options } => {
                options.iter().map(|o| o.id.clone()).collect()
            }
            _ => {
                return Err(SurveyError::new(
                    &stage_path,
                    format!("question \"{}\" must be a single-choice question", stage.id),
                ));
            }
        };
        let lookup = |id: &str| survey.ref_info(id);
        let mut ids: Vec<String> = Vec::new();
        let mut items = Vec::new();
        for (i, item) in raw.items.iter().enumerate() {
            let path = format!("{prefix}items[{i}]");
            let r: RawItem = typed(item, &path)?;
            if r.id.trim().is_empty() || ids.contains(&r.id) {
                return Err(SurveyError::new(
                    format!("{path}.id"),
                    format!("missing or duplicate id \"{}\"", r.id),
                ));
            }
            ids.push(r.id.clone());
            for (s, st) in r.stages.iter().enumerate() {
                if !stages.contains(st) {
                    return Err(SurveyError::new(
                        format!("{path}.stages[{s}]"),
                        format!(
                            "\"{st}\" is not an option of \"{}\" ({})",
                            stage.id,
                            stages.join(", ")
                        ),
                    ));
                }
            }
            let when = r
                .when
                .map(|w| parse_condition(w, &format!("{path}.when")))
                .transpose()?;
            if let Some(c) = &when {
                let t = c
                    .expr
                    .check(&lookup)
                    .map_err(|e| SurveyError::in_expr(format!("{path}.when"), e))?;
                if t != Type::Bool {
                    return Err(SurveyError {
                        path: format!("{path}.when"),
                        message: format!("a condition must be true/false, found {t}"),
                        column: Some(1),
                    });
                }
            }
            items.push(PlanItem {
                id: r.id,
                dimension: r.dimension,
                stages: r.stages,
                when,
                title: text(r.title, &format!("{path}.title"))?,
                reason: text(r.reason, &format!("{path}.reason"))?,
            });
        }
        Ok(RecommendationPlan {
            stage_question: raw.stage_question,
            items,
        })
    }

    /// The built-in plan, validated against `survey` (it reads the default
    /// survey's questions, so other surveys may reject it).
    pub fn default_plan(survey: &Survey) -> Result<Self, SurveyError> {
        Self::from_json(DEFAULT_PLAN_JSON, survey)
    }

    /// True when the plan has no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Items that apply, grouped by dimension (individual, corporate,
    /// enablement) in file order. Nothing is recommended before the stage is known.
    pub fn recommend(&self, env: &dyn Fn(&str) -> Value, lang: Lang) -> Vec<Recommendation> {
        let Value::Str(stage) = env(&self.stage_question) else {
            return Vec::new();
        };
        let out: Vec<Recommendation> = self
            .items
            .iter()
            .filter(|item| item.stages.is_empty() || item.stages.contains(&stage))
            .filter(|item| item.when.as_ref().is_none_or(|c| c.expr.is_true(env)))
            .map(|item| Recommendation {
                id: item.id.clone(),
                dimension: item.dimension,
                title: item.title.get(lang).to_owned(),
                reason: item.reason.get(lang).to_owned(),
            })
            .collect();
        // Group by dimension, keeping file order (no generic sort: smaller wasm).
        let mut grouped = Vec::with_capacity(out.len());
        for d in [
            Dimension::Individual,
            Dimension::Corporate,
            Dimension::Enablement,
        ] {
            grouped.extend(out.iter().filter(|r| r.dimension == d).cloned());
        }
        grouped
    }
}
