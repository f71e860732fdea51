//! Questions as the survey definition states them: typed kinds, options,
//! conditions, validation rules, per-question privacy settings and the
//! pre-check field that may answer them, read from JSON with errors that
//! name the JSON path (see `docs/survey-format.md`).

use super::error::SurveyError;
use super::expr::{Expr, RefInfo, Type, is_identifier};
use super::json::{FromJson, error_path, localized, obj, typed};
use crate::i18n::LocalizedText;
use crate::json::Json;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// A parsed condition with its source text. Serializes as the canonical text.
#[derive(Debug, Clone)]
pub struct Condition {
    /// The text as written in the definition.
    pub source: String,
    /// The parsed expression.
    pub expr: Expr,
}

impl Serialize for Condition {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.expr.to_string())
    }
}

/// One option of a choice or ranking question.
#[derive(Debug, Clone, Serialize)]
pub struct ChoiceOption {
    /// Stable id, the answer value (`[a-z0-9_]`, e.g. `growth`).
    pub id: String,
    /// Label in three languages.
    pub text: LocalizedText,
}

/// The kind of a question with its type-specific settings. Serializes with a
/// `type` tag: `single`, `multi`, `number`, `amount`, `rating`, `ranking`,
/// `yesno`, `text`.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum QuestionKind {
    /// One option; answer `"optionId"`.
    #[serde(rename_all = "camelCase")]
    Single {
        /// The options.
        options: Vec<ChoiceOption>,
    },
    /// Several options; answer `["a","b"]`.
    #[serde(rename_all = "camelCase")]
    Multi {
        /// The options.
        options: Vec<ChoiceOption>,
        /// Fewest selections when answered (default 1).
        min_select: u32,
        /// Most selections (default: all options).
        max_select: u32,
    },
    /// A number; answer a decimal string (a JSON number is also accepted).
    #[serde(rename_all = "camelCase")]
    Number {
        /// Unit shown beside the field.
        #[serde(skip_serializing_if = "Option::is_none")]
        unit: Option<LocalizedText>,
        /// Smallest accepted value.
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<Decimal>,
        /// Largest accepted value.
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<Decimal>,
        /// Whole numbers only.
        integer: bool,
    },
    /// Money in CNY; answer a decimal string, parsed exactly.
    #[serde(rename_all = "camelCase")]
    Amount {
        /// Unit shown beside the field (default 元 / CNY).
        #[serde(skip_serializing_if = "Option::is_none")]
        unit: Option<LocalizedText>,
        /// Smallest accepted amount.
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<Decimal>,
        /// Largest accepted amount.
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<Decimal>,
    },
    /// A score `1..=scale`; answer an integer.
    #[serde(rename_all = "camelCase")]
    Rating {
        /// Number of points (2–10).
        scale: u8,
        /// Labels: none, the two ends, or one per point.
        labels: Vec<LocalizedText>,
    },
    /// An ordering of (some of) the options, most important first; answer `["a","b",…]`.
    #[serde(rename_all = "camelCase")]
    Ranking {
        /// The options.
        options: Vec<ChoiceOption>,
    },
    /// Yes or no; answer `true`/`false`.
    #[serde(rename = "yesno")]
    YesNo,
    /// Short free text; answer a string. Never sent anywhere.
    #[serde(rename_all = "camelCase")]
    Text {
        /// Longest answer in characters.
        max_length: u32,
    },
}

impl QuestionKind {
    /// The `type` tag of this kind.
    pub fn type_name(&self) -> &'static str {
        match self {
            QuestionKind::Single { .. } => "single",
            QuestionKind::Multi { .. } => "multi",
            QuestionKind::Number { .. } => "number",
            QuestionKind::Amount { .. } => "amount",
            QuestionKind::Rating { .. } => "rating",
            QuestionKind::Ranking { .. } => "ranking",
            QuestionKind::YesNo => "yesno",
            QuestionKind::Text { .. } => "text",
        }
    }

    /// The options of single, multi and ranking questions.
    pub fn options(&self) -> Option<&[ChoiceOption]> {
        match self {
            QuestionKind::Single { options }
            | QuestionKind::Multi { options, .. }
            | QuestionKind::Ranking { options } => Some(options),
            _ => None,
        }
    }

    /// The type of the answer inside conditions.
    pub fn expr_type(&self) -> Type {
        match self {
            QuestionKind::Single { .. } | QuestionKind::Text { .. } => Type::Str,
            QuestionKind::Multi { .. } | QuestionKind::Ranking { .. } => {
                Type::List(Some(Box::new(Type::Str)))
            }
            QuestionKind::Number { .. }
            | QuestionKind::Amount { .. }
            | QuestionKind::Rating { .. } => Type::Num,
            QuestionKind::YesNo => Type::Bool,
        }
    }
}

/// How the anonymizer treats a question's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Privacy {
    /// The answer never leaves the browser (`"privacy": "never-sent"`).
    NeverSent,
    /// The answer is bucketed (number/amount) and perturbed by k-ary
    /// randomized response before it is sent.
    Randomized(RandomizedPrivacy),
}

/// Settings of a sent field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RandomizedPrivacy {
    /// Record field name (default: the question id). Multiple choice fields
    /// become one yes/no field per option, `<field>.<option>`.
    pub field: String,
    /// Privacy budget ε of randomized response (default 2).
    pub epsilon: f64,
    /// Ascending bucket edges for number/amount (empty for other kinds).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub buckets: Vec<Decimal>,
}

impl Privacy {
    /// The sent-field settings, `None` when never sent.
    pub fn randomized(&self) -> Option<&RandomizedPrivacy> {
        match self {
            Privacy::NeverSent => None,
            Privacy::Randomized(r) => Some(r),
        }
    }
}

impl Serialize for Privacy {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Privacy::NeverSent => s.serialize_str("never-sent"),
            Privacy::Randomized(r) => r.serialize(s),
        }
    }
}

/// Default ε when a privacy object omits it.
pub const DEFAULT_EPSILON: f64 = 2.0;

/// A validation rule: `rule` must not evaluate to `false` when the question
/// is answered; otherwise `message` is shown.
#[derive(Debug, Clone, Serialize)]
pub struct ValidationRule {
    /// The condition that must hold.
    pub rule: Condition,
    /// What the visitor is told when it does not.
    pub message: LocalizedText,
}

/// One question.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    /// Stable id, the answer key and the name used in conditions.
    pub id: String,
    /// Question text.
    pub text: LocalizedText,
    /// Optional hint under the question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<LocalizedText>,
    /// Must be answered when visible.
    pub required: bool,
    /// Shown only when this condition is true (always when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// Type and type-specific settings.
    #[serde(flatten)]
    pub kind: QuestionKind,
    /// Extra validation rules.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub validations: Vec<ValidationRule>,
    /// What the anonymizer may send (default `never-sent`).
    pub privacy: Privacy,
    /// The pre-check profile field that already answers this question, if
    /// any: such a question is filled from the profile and not asked again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefill: Option<Prefill>,
}

/// Where a question's answer comes from in the pre-check profile:
/// `"prefill": "lifecycleStage"`, or for a single choice over a number,
/// `"prefill": {"from": "termMonths", "buckets": ["7", "13", "37"]}` (bucket
/// `i`, `edges[i−1] ≤ v < edges[i]`, answers with option `i`).
#[derive(Debug, Clone, PartialEq)]
pub struct Prefill {
    /// The profile field (its JSON name, e.g. `requestedAmount`).
    pub from: String,
    /// Ascending bucket edges (single choice over a number only).
    pub buckets: Vec<Decimal>,
}

impl Serialize for Prefill {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.buckets.is_empty() {
            return s.serialize_str(&self.from);
        }
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("from", &self.from)?;
        m.serialize_entry("buckets", &self.buckets)?;
        m.end()
    }
}

/// A page (section) of questions shown together.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    /// Stable id.
    pub id: String,
    /// Section title.
    pub title: LocalizedText,
    /// Shown only when this condition is true (and something on it is visible).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// The questions, in display order.
    pub questions: Vec<Question>,
}

impl Question {
    /// What conditions see of this question: its answer type and options.
    pub(crate) fn ref_info(&self) -> RefInfo {
        RefInfo {
            ty: self.kind.expr_type(),
            options: self
                .kind
                .options()
                .map(|o| o.iter().map(|o| o.id.clone()).collect()),
        }
    }
}

struct RawQuestion<'a> {
    id: String,
    kind: String,
    text: LocalizedText,
    help: Option<LocalizedText>,
    required: bool,
    show_if: Option<String>,
    options: Option<&'a [Json]>,
    min_select: Option<u32>,
    max_select: Option<u32>,
    unit: Option<LocalizedText>,
    min: Option<String>,
    max: Option<String>,
    integer: Option<bool>,
    scale: Option<u8>,
    labels: Option<Vec<LocalizedText>>,
    max_length: Option<u32>,
    validations: &'a [Json],
    privacy: Option<&'a Json>,
    prefill: Option<&'a Json>,
}

struct RawOption {
    id: String,
    text: LocalizedText,
}

struct RawRule {
    rule: String,
    message: LocalizedText,
}

struct RawPrivacy {
    field: Option<String>,
    epsilon: Option<f64>,
    buckets: Vec<String>,
}

impl<'a> FromJson<'a> for RawQuestion<'a> {
    fn from_json(v: &'a Json, path: &str) -> Result<Self, SurveyError> {
        let o = obj(
            v,
            path,
            &[
                "id",
                "type",
                "text",
                "help",
                "required",
                "showIf",
                "options",
                "minSelect",
                "maxSelect",
                "unit",
                "min",
                "max",
                "integer",
                "scale",
                "labels",
                "maxLength",
                "validations",
                "privacy",
                "prefill",
            ],
        )?;
        let u32_max = u64::from(u32::MAX);
        let labels = o
            .opt_array("labels")?
            .map(|items| {
                items
                    .iter()
                    .enumerate()
                    .map(|(i, l)| localized(l, &format!("{}[{i}]", o.at("labels"))))
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?;
        Ok(RawQuestion {
            id: o.string("id")?,
            kind: o.string("type")?,
            text: o.text("text")?,
            help: o.opt_text("help")?,
            required: o.opt_bool("required")?.unwrap_or(false),
            show_if: o.opt_string("showIf")?,
            options: o.opt_array("options")?,
            min_select: o.opt_uint("minSelect", u32_max)?.map(|n| n as u32),
            max_select: o.opt_uint("maxSelect", u32_max)?.map(|n| n as u32),
            unit: o.opt_text("unit")?,
            min: o.opt_string("min")?,
            max: o.opt_string("max")?,
            integer: o.opt_bool("integer")?,
            scale: o.opt_uint("scale", 255)?.map(|n| n as u8),
            labels,
            max_length: o.opt_uint("maxLength", u32_max)?.map(|n| n as u32),
            validations: o.opt_array("validations")?.unwrap_or_default(),
            privacy: o.opt("privacy"),
            prefill: o.opt("prefill"),
        })
    }
}

impl FromJson<'_> for RawOption {
    fn from_json(v: &Json, path: &str) -> Result<Self, SurveyError> {
        let o = obj(v, path, &["id", "text"])?;
        Ok(RawOption {
            id: o.string("id")?,
            text: o.text("text")?,
        })
    }
}

impl FromJson<'_> for RawRule {
    fn from_json(v: &Json, path: &str) -> Result<Self, SurveyError> {
        let o = obj(v, path, &["rule", "message"])?;
        Ok(RawRule {
            rule: o.string("rule")?,
            message: o.text("message")?,
        })
    }
}

impl FromJson<'_> for RawPrivacy {
    fn from_json(v: &Json, path: &str) -> Result<Self, SurveyError> {
        let o = obj(v, path, &["field", "epsilon", "buckets"])?;
        Ok(RawPrivacy {
            field: o.opt_string("field")?,
            epsilon: o.opt_f64("epsilon")?,
            buckets: o.opt_strings("buckets")?,
        })
    }
}

/// `t`, which (when `FULL`) must have a Simplified Chinese text.
pub(crate) fn text<const FULL: bool>(
    t: LocalizedText,
    path: &str,
) -> Result<LocalizedText, SurveyError> {
    if FULL && (t.is_empty() || t.get(crate::i18n::Lang::ZhHans).trim().is_empty()) {
        return Err(SurveyError::new(
            path,
            "needs a text in at least one of zh-Hans, zh-Hant, en",
        ));
    }
    Ok(t)
}

pub(crate) fn parse_condition(source: String, path: &str) -> Result<Condition, SurveyError> {
    let expr = Expr::parse(&source).map_err(|e| SurveyError::in_expr(path, e))?;
    Ok(Condition { source, expr })
}

/// Parses a decimal string exactly (no exponent, no thousands separators).
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    let t = s.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    let valid = !digits.is_empty()
        && !digits.starts_with('.')
        && !digits.ends_with('.')
        && digits.chars().filter(|&c| c == '.').count() <= 1
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.');
    if !valid {
        return None;
    }
    Decimal::from_str_exact(t).ok()
}

fn decimal_field(s: Option<String>, path: &str) -> Result<Option<Decimal>, SurveyError> {
    s.map(|s| {
        parse_decimal(&s).ok_or_else(|| {
            SurveyError::new(
                path,
                format!("\"{s}\" is not a decimal string like \"1000000\" or \"0.5\""),
            )
        })
    })
    .transpose()
}

/// Reads one question found at `path`; `FULL` runs every check (without it,
/// for the built-in surveys that a test checks in full, only what reading
/// needs: types, known kinds, decimals and conditions that parse).
pub(crate) fn question<const FULL: bool>(
    value: &Json,
    path: &str,
) -> Result<Question, SurveyError> {
    let raw: RawQuestion = typed(value, path)?;
    if FULL && !is_identifier(&raw.id) {
        return Err(SurveyError::new(
            format!("{path}.id"),
            format!(
                "\"{}\" is not a usable question id: use letters, digits and _ (not starting with a digit) and not a keyword",
                raw.id
            ),
        ));
    }
    let not_for = |present: bool, name: &str| -> Result<(), SurveyError> {
        if present {
            Err(SurveyError::new(
                format!("{path}.{name}"),
                format!("is not allowed for type \"{}\"", raw.kind),
            ))
        } else {
            Ok(())
        }
    };
    let options = |required: bool| -> Result<Vec<ChoiceOption>, SurveyError> {
        let Some(values) = &raw.options else {
            return Err(SurveyError::new(
                format!("{path}.options"),
                format!("type \"{}\" needs options", raw.kind),
            ));
        };
        if FULL && required && values.len() < 2 {
            return Err(SurveyError::new(
                format!("{path}.options"),
                "needs at least two options",
            ));
        }
        let mut seen: Vec<String> = Vec::new();
        values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let opath = error_path!(FULL, "{path}.options[{i}]");
                let o: RawOption = typed(v, &opath)?;
                if FULL {
                    let ok = !o.id.is_empty()
                        && o.id
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                    if !ok {
                        return Err(SurveyError::new(
                            format!("{opath}.id"),
                            format!(
                                "\"{}\" is not a usable option id: use letters, digits, _ and -",
                                o.id
                            ),
                        ));
                    }
                    if seen.contains(&o.id) {
                        return Err(SurveyError::new(
                            format!("{opath}.id"),
                            format!("duplicate option id \"{}\"", o.id),
                        ));
                    }
                    seen.push(o.id.clone());
                }
                Ok(ChoiceOption {
                    text: text::<FULL>(o.text, &error_path!(FULL, "{opath}.text"))?,
                    id: o.id,
                })
            })
            .collect()
    };
    let is_choice = matches!(raw.kind.as_str(), "single" | "multi" | "ranking");
    let is_numeric = matches!(raw.kind.as_str(), "number" | "amount");
    if FULL {
        not_for(!is_choice && raw.options.is_some(), "options")?;
        not_for(raw.kind != "multi" && raw.min_select.is_some(), "minSelect")?;
        not_for(raw.kind != "multi" && raw.max_select.is_some(), "maxSelect")?;
        not_for(!is_numeric && raw.unit.is_some(), "unit")?;
        not_for(!is_numeric && raw.min.is_some(), "min")?;
        not_for(!is_numeric && raw.max.is_some(), "max")?;
        not_for(raw.kind != "number" && raw.integer.is_some(), "integer")?;
        not_for(raw.kind != "rating" && raw.scale.is_some(), "scale")?;
        not_for(raw.kind != "rating" && raw.labels.is_some(), "labels")?;
        not_for(raw.kind != "text" && raw.max_length.is_some(), "maxLength")?;
    }

    let min = decimal_field(raw.min.clone(), &error_path!(FULL, "{path}.min"))?;
    let max = decimal_field(raw.max.clone(), &error_path!(FULL, "{path}.max"))?;
    if FULL
        && let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        return Err(SurveyError::new(
            format!("{path}.max"),
            "must not be below min",
        ));
    }
    let kind = match raw.kind.as_str() {
        "single" => QuestionKind::Single {
            options: options(true)?,
        },
        "multi" => {
            let options = options(true)?;
            let n = options.len() as u32;
            let min_select = raw.min_select.unwrap_or(1);
            let max_select = raw.max_select.unwrap_or(n);
            if FULL && (max_select == 0 || max_select > n) {
                return Err(SurveyError::new(
                    format!("{path}.maxSelect"),
                    format!("must be between 1 and the number of options ({n})"),
                ));
            }
            if FULL && min_select > max_select {
                return Err(SurveyError::new(
                    format!("{path}.minSelect"),
                    "must not exceed maxSelect",
                ));
            }
            QuestionKind::Multi {
                options,
                min_select,
                max_select,
            }
        }
        "ranking" => QuestionKind::Ranking {
            options: options(true)?,
        },
        "number" => QuestionKind::Number {
            unit: raw.unit.clone(),
            min,
            max,
            integer: raw.integer.unwrap_or(false),
        },
        "amount" => QuestionKind::Amount {
            unit: raw.unit.clone(),
            min,
            max,
        },
        "rating" => {
            let scale = raw.scale.unwrap_or(5);
            if FULL && !(2..=10).contains(&scale) {
                return Err(SurveyError::new(
                    format!("{path}.scale"),
                    "must be between 2 and 10",
                ));
            }
            let labels = raw.labels.clone().unwrap_or_default();
            if FULL
                && !(labels.is_empty() || labels.len() == 2 || labels.len() == usize::from(scale))
            {
                return Err(SurveyError::new(
                    format!("{path}.labels"),
                    format!("give no labels, the two ends, or one per point ({scale})"),
                ));
            }
            QuestionKind::Rating { scale, labels }
        }
        "yesno" => QuestionKind::YesNo,
        "text" => {
            let max_length = raw.max_length.unwrap_or(500);
            if FULL && !(1..=10_000).contains(&max_length) {
                return Err(SurveyError::new(
                    format!("{path}.maxLength"),
                    "must be between 1 and 10000",
                ));
            }
            QuestionKind::Text { max_length }
        }
        other => {
            return Err(SurveyError::new(
                format!("{path}.type"),
                format!(
                    "unknown question type \"{other}\": expected single, multi, number, amount, rating, ranking, yesno or text"
                ),
            ));
        }
    };
    let privacy = privacy::<FULL>(
        raw.privacy,
        &raw.id,
        &kind,
        &error_path!(FULL, "{path}.privacy"),
    )?;
    let prefill = raw
        .prefill
        .map(|v| prefill::<FULL>(v, &kind, &error_path!(FULL, "{path}.prefill")))
        .transpose()?;
    let validations = raw
        .validations
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let vpath = error_path!(FULL, "{path}.validations[{i}]");
            let r: RawRule = typed(v, &vpath)?;
            Ok(ValidationRule {
                rule: parse_condition(r.rule, &error_path!(FULL, "{vpath}.rule"))?,
                message: text::<FULL>(r.message, &error_path!(FULL, "{vpath}.message"))?,
            })
        })
        .collect::<Result<_, SurveyError>>()?;
    Ok(Question {
        text: text::<FULL>(raw.text, &error_path!(FULL, "{path}.text"))?,
        show_if: raw
            .show_if
            .map(|s| parse_condition(s, &error_path!(FULL, "{path}.showIf")))
            .transpose()?,
        id: raw.id,
        help: raw.help,
        required: raw.required,
        kind,
        validations,
        privacy,
        prefill,
    })
}

fn prefill<const FULL: bool>(
    value: &Json,
    kind: &QuestionKind,
    path: &str,
) -> Result<Prefill, SurveyError> {
    let (from, edges) = match value {
        Json::String(s) => (s.clone(), Vec::new()),
        _ => {
            let o = obj(value, path, &["from", "buckets"])?;
            o.array("buckets")?;
            (o.string("from")?, o.opt_strings("buckets")?)
        }
    };
    let ok_name = from.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && from.chars().all(|c| c.is_ascii_alphanumeric());
    if FULL && !ok_name {
        return Err(SurveyError::new(
            path,
            format!("\"{from}\" is not a profile field name (letters and digits)"),
        ));
    }
    let supported = matches!(
        kind,
        QuestionKind::Single { .. }
            | QuestionKind::Multi { .. }
            | QuestionKind::Number { .. }
            | QuestionKind::Amount { .. }
            | QuestionKind::YesNo
    );
    if FULL && !supported {
        return Err(SurveyError::new(
            path,
            format!(
                "a {} question cannot be filled from the profile",
                kind.type_name()
            ),
        ));
    }
    let buckets = ascending_edges::<FULL>(&edges, path)?;
    if !FULL {
        return Ok(Prefill { from, buckets });
    }
    match kind {
        QuestionKind::Single { options } if buckets.len() >= options.len() => {
            Err(SurveyError::new(
                format!("{path}.buckets"),
                format!(
                    "{} edges make {} buckets, but there are only {} options",
                    buckets.len(),
                    buckets.len() + 1,
                    options.len()
                ),
            ))
        }
        QuestionKind::Single { .. } => Ok(Prefill { from, buckets }),
        _ if !buckets.is_empty() => Err(SurveyError::new(
            format!("{path}.buckets"),
            "only a single-choice question maps a number to options",
        )),
        _ => Ok(Prefill { from, buckets }),
    }
}

fn privacy<const FULL: bool>(
    value: Option<&Json>,
    id: &str,
    kind: &QuestionKind,
    path: &str,
) -> Result<Privacy, SurveyError> {
    let Some(value) = value else {
        return Ok(Privacy::NeverSent);
    };
    if let Json::String(s) = value {
        return if s == "never-sent" {
            Ok(Privacy::NeverSent)
        } else {
            Err(SurveyError::new(
                path,
                format!("expected \"never-sent\" or an object, found \"{s}\""),
            ))
        };
    }
    let raw: RawPrivacy = typed(value, path)?;
    let numeric = matches!(
        kind,
        QuestionKind::Number { .. } | QuestionKind::Amount { .. }
    );
    if FULL && let QuestionKind::Text { .. } = kind {
        return Err(SurveyError::new(
            path,
            "text answers are always \"never-sent\"",
        ));
    }
    let field = raw.field.unwrap_or_else(|| id.to_owned());
    let field_ok = !field.is_empty()
        && field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && field
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic());
    if FULL && !field_ok {
        return Err(SurveyError::new(
            format!("{path}.field"),
            format!("\"{field}\" is not a usable record field name: letters, digits and _"),
        ));
    }
    let epsilon = raw.epsilon.unwrap_or(DEFAULT_EPSILON);
    if FULL && !(epsilon.is_finite() && epsilon > 0.0 && epsilon <= 10.0) {
        return Err(SurveyError::new(
            format!("{path}.epsilon"),
            "must be above 0 and at most 10",
        ));
    }
    let edges = raw.buckets;
    if FULL && !numeric && !edges.is_empty() {
        return Err(SurveyError::new(
            format!("{path}.buckets"),
            "only number and amount questions have bucket edges",
        ));
    }
    if FULL && numeric && edges.is_empty() {
        return Err(SurveyError::new(
            format!("{path}.buckets"),
            "a number or amount is sent only as buckets: give ascending edges, or use \"never-sent\"",
        ));
    }
    let buckets = ascending_edges::<FULL>(&edges, path)?;
    Ok(Privacy::Randomized(RandomizedPrivacy {
        field,
        epsilon,
        buckets,
    }))
}

/// Bucket edges (`{path}.buckets`) as decimals, checked to be strictly
/// ascending when `FULL`.
fn ascending_edges<const FULL: bool>(
    edges: &[String],
    path: &str,
) -> Result<Vec<Decimal>, SurveyError> {
    let mut buckets: Vec<Decimal> = Vec::new();
    for (i, e) in edges.iter().enumerate() {
        let d = parse_decimal(e).ok_or_else(|| {
            SurveyError::new(
                format!("{path}.buckets[{i}]"),
                format!("\"{e}\" is not a decimal string"),
            )
        })?;
        if FULL && buckets.last().is_some_and(|prev| *prev >= d) {
            return Err(SurveyError::new(
                format!("{path}.buckets[{i}]"),
                "edges must be strictly ascending",
            ));
        }
        buckets.push(d);
    }
    Ok(buckets)
}
