//! Deriving a [`RecordSchema`] from a survey definition's per-question
//! privacy settings, and the default schema (default survey + pre-check).
//!
//! | question | record fields |
//! | --- | --- |
//! | single choice | `<field>`: the option ids, then the unanswered value |
//! | multiple choice | `<field>.<option>` per option: `yes` / `no` |
//! | ranking | `<field>`: the first-ranked option id, then the unanswered value |
//! | yes/no | `<field>`: `yes`, `no`, `none` |
//! | rating | `<field>`: `1` … `scale`, `none` |
//! | number / amount with bucket edges | `<field>`: bucket labels, `none` |
//! | text, never-sent, number/amount without edges | nothing |
//!
//! The unanswered value is `none`, or `unanswered` when an option is itself
//! called `none`; it is always a field's last value.

use std::sync::OnceLock;

use super::buckets::{self, NONE};
use super::schema::{DEFAULT_EPSILON, FieldSource, FieldSpec, RecordSchema};
use crate::survey::{QuestionKind, Survey};

/// Cross-tabs approved for counting when both fields exist in a schema.
pub const APPROVED_CROSS_TABS: [(&str, &str); 5] = [
    ("stage", "amountBand"),
    ("industryGroup", "outcomeClass"),
    ("stage", "outcomeClass"),
    ("regionGroup", "outcomeClass"),
    ("sizeClass", "amountBand"),
];

fn unanswered_label(options: &[String]) -> String {
    if options.iter().any(|o| o == NONE) {
        "unanswered".into()
    } else {
        NONE.into()
    }
}

impl RecordSchema {
    /// The schema of records for `survey`: its sent questions (see the module
    /// table) followed by the pre-check fields, with the approved cross-tabs
    /// whose fields both exist.
    ///
    /// A field that would break the schema (a name already taken, e.g. a
    /// question whose record field is `outcomeClass`, or a non-positive ε) is
    /// left out; [`try_for_survey`](Self::try_for_survey) reports it instead.
    pub fn for_survey(survey: &Survey) -> RecordSchema {
        let mut schema = Self::derive(survey);
        let mut names: Vec<String> = Vec::new();
        schema.fields.retain(|f| {
            let one = RecordSchema {
                survey: schema.survey.clone(),
                fields: vec![f.clone()],
                cross_tabs: vec![],
            };
            let fresh = one.check().is_ok() && !names.contains(&f.name);
            if fresh {
                names.push(f.name.clone());
            }
            fresh
        });
        // A pre-check field name taken by a question is not the approved field.
        let precheck: Vec<String> = RecordSchema::precheck_fields(DEFAULT_EPSILON)
            .into_iter()
            .map(|f| f.name)
            .collect();
        let fields = &schema.fields;
        let approved = |n: &str| {
            fields.iter().any(|f| {
                f.name == n
                    && (matches!(f.source, FieldSource::Precheck { .. })
                        || !precheck.iter().any(|p| p == n))
            })
        };
        schema
            .cross_tabs
            .retain(|(a, b)| approved(a) && approved(b));
        schema
    }

    /// [`for_survey`](Self::for_survey), but an error naming the field when
    /// the survey's privacy settings do not give a valid schema.
    pub fn try_for_survey(survey: &Survey) -> Result<RecordSchema, String> {
        let schema = Self::derive(survey);
        schema
            .check()
            .map_err(|m| format!("survey `{}`: {m}", survey.key()))?;
        Ok(schema)
    }

    /// The schema of a built-in survey ([`Survey::builtins`]), without
    /// [`check`](Self::check)ing it: a test checks the schema of every
    /// built-in, so a program that records only built-in surveys (the wasm
    /// widget) leaves the checks out.
    pub fn for_builtin_survey(survey: &Survey) -> RecordSchema {
        Self::derive(survey)
    }

    fn derive(survey: &Survey) -> RecordSchema {
        let mut fields = Vec::new();
        for q in survey.questions() {
            let Some(privacy) = q.privacy.randomized() else {
                continue;
            };
            let name = privacy.field.clone();
            let epsilon = privacy.epsilon;
            let question = q.id.clone();
            let option_ids = |opts: &[crate::survey::ChoiceOption]| -> Vec<String> {
                opts.iter().map(|o| o.id.clone()).collect()
            };
            match &q.kind {
                QuestionKind::Single { options } => {
                    let mut values = option_ids(options);
                    values.push(unanswered_label(&values));
                    fields.push(FieldSpec {
                        name,
                        values,
                        epsilon,
                        source: FieldSource::Choice { question },
                    });
                }
                QuestionKind::Ranking { options } => {
                    let mut values = option_ids(options);
                    values.push(unanswered_label(&values));
                    fields.push(FieldSpec {
                        name,
                        values,
                        epsilon,
                        source: FieldSource::TopRanked { question },
                    });
                }
                QuestionKind::Multi { options, .. } => {
                    for o in options {
                        fields.push(FieldSpec {
                            name: format!("{name}.{}", o.id),
                            values: vec!["yes".into(), "no".into()],
                            epsilon,
                            source: FieldSource::Option {
                                question: question.clone(),
                                option: o.id.clone(),
                            },
                        });
                    }
                }
                QuestionKind::YesNo => fields.push(FieldSpec {
                    name,
                    values: vec!["yes".into(), "no".into(), NONE.into()],
                    epsilon,
                    source: FieldSource::YesNo { question },
                }),
                QuestionKind::Rating { scale, .. } => fields.push(FieldSpec {
                    name,
                    values: (1..=*scale)
                        .map(|v| v.to_string())
                        .chain([NONE.to_owned()])
                        .collect(),
                    epsilon,
                    source: FieldSource::Rating { question },
                }),
                QuestionKind::Number { .. } | QuestionKind::Amount { .. } => {
                    if privacy.buckets.is_empty() {
                        continue;
                    }
                    // Edges are checked ascending by the survey loader.
                    let Ok(mut values) = buckets::bucket_labels(&privacy.buckets) else {
                        continue;
                    };
                    values.push(NONE.into());
                    let edges = privacy.buckets.clone();
                    fields.push(FieldSpec {
                        name,
                        values,
                        epsilon,
                        source: FieldSource::Bucket { question, edges },
                    });
                }
                QuestionKind::Text { .. } => {}
            }
        }
        fields.extend(RecordSchema::precheck_fields(DEFAULT_EPSILON));
        let has = |n: &str| fields.iter().any(|f| f.name == n);
        let cross_tabs = APPROVED_CROSS_TABS
            .iter()
            .filter(|(a, b)| has(a) && has(b))
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
        RecordSchema {
            survey: survey.key(),
            fields,
            cross_tabs,
        }
    }

    /// The schema of the default survey (`default@1`) plus the pre-check
    /// fields; built once and cloned.
    pub fn default_schema() -> RecordSchema {
        static DEFAULT: OnceLock<RecordSchema> = OnceLock::new();
        DEFAULT
            .get_or_init(|| RecordSchema::for_survey(&Survey::default_survey()))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_survey_gives_a_valid_schema() {
        for survey in Survey::builtins() {
            let schema = RecordSchema::for_builtin_survey(&survey);
            assert_eq!(schema.check(), Ok(()), "{}", survey.key());
            // Nothing for_survey would leave out.
            assert_eq!(
                schema,
                RecordSchema::for_survey(&survey),
                "{}",
                survey.key()
            );
            assert!(!schema.fields.is_empty(), "{}", survey.key());
        }
    }
}
