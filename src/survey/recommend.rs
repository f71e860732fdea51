//! Lifecycle recommendations: the bank's service plan (初创期/成长期/成熟期 ×
//! 个人金融/对公金融/赋能发展) as replaceable data, validated against a
//! survey, and the items that apply to a visitor's stage and answers, each
//! with a one-line localized reason.

use super::error::SurveyError;
use super::expr::{Type, Value};
use super::json::{FromJson, error_path, obj, typed};
use super::question::{Condition, Question, QuestionKind, parse_condition, text};
use crate::i18n::{Lang, LocalizedText};
use crate::json::Json;
use serde::Serialize;

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
    /// Catalogue products the item offers (`jingying_kuaidai`, …); when the
    /// pre-check refused every one of them the item says what is missing, or
    /// is left out when the pre-check gave no reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<String>,
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
    /// What the pre-check said is missing for the item's products, when it
    /// refused all of them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precheck: Option<String>,
}

/// How the pre-check stood for one product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductStanding {
    /// Catalogue product id.
    pub id: String,
    /// True when the pre-check refused it (not eligible, or not a small or
    /// micro enterprise).
    pub refused: bool,
    /// Why, in the pre-check's language (its reasons).
    pub reasons: Vec<String>,
    /// What would change the answer, in the pre-check's language.
    pub changes: Vec<String>,
}

/// What the recommendations need from a pre-check result.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrecheckView {
    /// One entry per product of the result.
    pub products: Vec<ProductStanding>,
}

impl PrecheckView {
    /// Reads a typed pre-check result: the same view as [`from_result`](Self::from_result)
    /// of its JSON.
    pub fn from_evaluation(evaluation: &crate::precheck::Evaluation) -> PrecheckView {
        use crate::precheck::Outcome;
        let messages = |notes: &[crate::precheck::Note]| -> Vec<String> {
            notes.iter().map(|n| n.message.clone()).collect()
        };
        PrecheckView {
            products: evaluation
                .products
                .iter()
                .map(|p| ProductStanding {
                    id: p.id.clone(),
                    refused: matches!(p.outcome, Outcome::NotEligible | Outcome::NotSmallOrMicro),
                    reasons: messages(&p.reasons),
                    changes: messages(&p.changes),
                })
                .collect(),
        }
    }

    /// Reads a pre-check result in its JSON shape
    /// (`{"products":[{"id","outcome","reasons":[{"message"}],"changes":[{"message"}]}]}`);
    /// anything else gives an empty view.
    pub fn from_result(result: &Json) -> PrecheckView {
        use crate::precheck::Outcome;
        const REFUSED: [Outcome; 2] = [Outcome::NotEligible, Outcome::NotSmallOrMicro];
        let messages = |p: &Json, key: &str| -> Vec<String> {
            p.get(key)
                .and_then(Json::as_array)
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|m| m.get("message").and_then(Json::as_str))
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        };
        let products = result
            .get("products")
            .and_then(Json::as_array)
            .map(|ps| {
                ps.iter()
                    .filter_map(|p| {
                        let id = p.get("id")?.as_str()?.to_owned();
                        let outcome = p.get("outcome")?.as_str()?;
                        Some(ProductStanding {
                            id,
                            refused: REFUSED.iter().any(|o| o.as_str() == outcome),
                            reasons: messages(p, "reasons"),
                            changes: messages(p, "changes"),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        PrecheckView { products }
    }

    /// `None` when the item may be recommended as it is; `Some(None)` when
    /// it must be left out; `Some(Some(note))` when it is recommended with
    /// what the pre-check said is missing.
    fn verdict(&self, products: &[String], lang: Lang) -> Option<Option<String>> {
        let standings: Vec<&ProductStanding> = products
            .iter()
            .filter_map(|id| self.products.iter().find(|s| &s.id == id))
            .collect();
        if standings.is_empty() || standings.iter().any(|s| !s.refused) {
            return None;
        }
        let mut reasons: Vec<&str> = Vec::new();
        let mut changes: Vec<&str> = Vec::new();
        for s in &standings {
            for r in &s.reasons {
                if !reasons.contains(&r.as_str()) {
                    reasons.push(r);
                }
            }
            for c in &s.changes {
                if !changes.contains(&c.as_str()) {
                    changes.push(c);
                }
            }
        }
        if reasons.is_empty() {
            return Some(None);
        }
        let (sep, refused, reassess) = match lang {
            Lang::ZhHans => ("；", "本次预审暂未通过：", "可再评估。"),
            Lang::ZhHant => ("；", "本次預審暫未通過：", "可再評估。"),
            Lang::En => (
                "; ",
                "Not pre-qualified this time: ",
                ", it can be reassessed.",
            ),
        };
        let end = if lang == Lang::En { ". " } else { "。" };
        let mut note = format!("{refused}{}{end}", reasons.join(sep));
        if !changes.is_empty() {
            note.push_str(&changes.join(sep));
            note.push_str(reassess);
        }
        Some(Some(note.trim_end().to_owned()))
    }
}

struct RawPlan<'a> {
    version: Option<u32>,
    stage_question: String,
    items: &'a [Json],
}

struct RawItem {
    id: String,
    dimension: Dimension,
    products: Vec<String>,
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
            &[
                "id",
                "dimension",
                "products",
                "stages",
                "when",
                "title",
                "reason",
            ],
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
        Ok(RawItem {
            id: o.string("id")?,
            dimension,
            products: o.opt_strings("products")?,
            stages: o.opt_strings("stages")?,
            when: o.opt_string("when")?,
            title: o.text("title")?,
            reason: o.text("reason")?,
        })
    }
}

impl RecommendationPlan {
    /// Validates a parsed plan against the questions `question` finds (by
    /// id); `prefix` is prepended to error paths.
    pub fn from_value<'q>(
        value: &Json,
        question: &dyn Fn(&str) -> Option<&'q Question>,
        prefix: &str,
    ) -> Result<Self, SurveyError> {
        Self::read::<true>(value, question, prefix)
    }

    /// [`from_value`](Self::from_value) when `FULL`; without it (for the
    /// built-in plan, which a test checks in full) only what reading needs
    /// can fail: types and conditions that parse.
    pub(crate) fn read<'q, const FULL: bool>(
        value: &Json,
        question: &dyn Fn(&str) -> Option<&'q Question>,
        prefix: &str,
    ) -> Result<Self, SurveyError> {
        let root = prefix.trim_end_matches('.');
        let raw: RawPlan = typed(value, root)?;
        if FULL && raw.version == Some(0) {
            return Err(SurveyError::new(
                format!("{prefix}version"),
                "must be 1 or more",
            ));
        }
        let stages = if FULL {
            Self::stages(&raw.stage_question, question, prefix)?
        } else {
            Vec::new()
        };
        let lookup = |id: &str| question(id).map(Question::ref_info);
        let mut ids: Vec<String> = Vec::new();
        let mut items = Vec::new();
        for (i, item) in raw.items.iter().enumerate() {
            let path = error_path!(FULL, "{prefix}items[{i}]");
            let r: RawItem = typed(item, &path)?;
            if FULL {
                if r.id.trim().is_empty() || ids.contains(&r.id) {
                    return Err(SurveyError::new(
                        format!("{path}.id"),
                        format!("missing or duplicate id \"{}\"", r.id),
                    ));
                }
                ids.push(r.id.clone());
            }
            for (s, st) in r.stages.iter().enumerate() {
                if FULL && !stages.contains(st) {
                    return Err(SurveyError::new(
                        format!("{path}.stages[{s}]"),
                        format!(
                            "\"{st}\" is not an option of \"{}\" ({})",
                            raw.stage_question,
                            stages.join(", ")
                        ),
                    ));
                }
            }
            let when = r
                .when
                .map(|w| parse_condition(w, &error_path!(FULL, "{path}.when")))
                .transpose()?;
            if let Some(c) = when.as_ref().filter(|_| FULL) {
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
                products: r.products,
                stages: r.stages,
                when,
                title: text::<FULL>(r.title, &error_path!(FULL, "{path}.title"))?,
                reason: text::<FULL>(r.reason, &error_path!(FULL, "{path}.reason"))?,
            });
        }
        Ok(RecommendationPlan {
            stage_question: raw.stage_question,
            items,
        })
    }

    /// The option ids of the stage question `id`, which must be a
    /// single-choice question.
    fn stages<'q>(
        id: &str,
        question: &dyn Fn(&str) -> Option<&'q Question>,
        prefix: &str,
    ) -> Result<Vec<String>, SurveyError> {
        let path = format!("{prefix}stageQuestion");
        let stage = question(id)
            .ok_or_else(|| SurveyError::new(&path, format!("unknown question \"{id}\"")))?;
        match &stage.kind {
            QuestionKind::Single { options } => Ok(options.iter().map(|o| o.id.clone()).collect()),
            _ => Err(SurveyError::new(
                &path,
                format!("question \"{}\" must be a single-choice question", stage.id),
            )),
        }
    }

    /// True when the plan has no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Items that apply, grouped by dimension (individual, corporate,
    /// enablement) in file order. Nothing is recommended before the stage is
    /// known. With a pre-check (`precheck`), an item whose products were all
    /// refused carries what is missing ([`Recommendation::precheck`]), or is
    /// left out when the pre-check said nothing about why.
    pub fn recommend(
        &self,
        env: &dyn Fn(&str) -> Value,
        precheck: Option<&PrecheckView>,
        lang: Lang,
    ) -> Vec<Recommendation> {
        let Value::Str(stage) = env(&self.stage_question) else {
            return Vec::new();
        };
        let out: Vec<Recommendation> = self
            .items
            .iter()
            .filter(|item| item.stages.is_empty() || item.stages.contains(&stage))
            .filter(|item| item.when.as_ref().is_none_or(|c| c.expr.is_true(env)))
            .filter_map(|item| {
                let verdict = precheck.and_then(|p| p.verdict(&item.products, lang));
                let note = match verdict {
                    Some(None) => return None,
                    Some(Some(note)) => Some(note),
                    None => None,
                };
                Some(Recommendation {
                    id: item.id.clone(),
                    dimension: item.dimension,
                    title: item.title.get(lang).to_owned(),
                    reason: item.reason.get(lang).to_owned(),
                    precheck: note,
                })
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
