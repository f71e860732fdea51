//! Strict validation of an incoming record with the core's schema
//! (`sme_precheck::anonymize`), reduced to what storage keeps
//! ([`Accepted`]).
//!
//! Status mapping (the core's [`RecordError::status`] and `code`): invalid
//! UTF-8, JSON syntax or a value of the wrong JSON type → 400 `malformed`;
//! an unknown key (top level or in `fields`) → 422 `unknown_field`; a missing
//! key → 422 `missing_field`; unknown survey, out-of-range value, bad id,
//! week or partner → 422 with the core's code.

use std::collections::{BTreeMap, HashMap};

use sme_precheck::anonymize::{FeedbackRecord, RecordError, RecordSchema};
use sme_precheck::i18n::Lang;
use sme_precheck::survey::Survey;

use crate::labels::Labels;

use crate::error::ApiError;
use crate::record::{Accepted, CrossCell};

/// The record schemas the server accepts, by survey version, with their
/// display labels in every language.
pub struct Schemas {
    by_survey: BTreeMap<String, RecordSchema>,
    labels: HashMap<(String, Lang), Labels>,
    default_survey: String,
}

impl Schemas {
    /// The built-in schemas: every built-in survey's record (the current
    /// default survey first: it is the default; the partner survey; earlier
    /// versions of the default survey, whose records may still arrive from
    /// outboxes) and the pre-check-only record (`precheck@1`).
    pub fn builtin() -> Schemas {
        Schemas::with_surveys(&[]).unwrap_or_else(|_| Schemas::from_schemas(Vec::new()))
    }

    /// The built-in schemas plus those of the survey definitions in `files`
    /// (errors name the file and the JSON path).
    pub fn with_surveys(files: &[std::path::PathBuf]) -> Result<Schemas, String> {
        // The built-in surveys, newest default first (it is the default of
        // the staff routes), then the pre-check-only record.
        let mut list: Vec<(RecordSchema, Option<Survey>)> = Survey::builtins()
            .into_iter()
            .map(|s| (RecordSchema::for_survey(&s), Some(s)))
            .collect();
        list.push((RecordSchema::precheck_only(), None));
        for f in files {
            let text =
                std::fs::read_to_string(f).map_err(|e| format!("--survey {}: {e}", f.display()))?;
            let survey =
                Survey::from_json(&text).map_err(|e| format!("--survey {}: {e}", f.display()))?;
            let schema = RecordSchema::for_survey(&survey);
            schema
                .check()
                .map_err(|e| format!("--survey {}: record schema: {e}", f.display()))?;
            list.push((schema, Some(survey)));
        }
        Ok(Schemas::from_schemas(list))
    }

    /// A registry of the given schemas (each with the survey definition it
    /// was built from, for labels); the first is the default.
    pub fn from_schemas(schemas: Vec<(RecordSchema, Option<Survey>)>) -> Schemas {
        let default_survey = schemas
            .first()
            .map(|s| s.0.survey.clone())
            .unwrap_or_default();
        let mut labels = HashMap::new();
        for (schema, survey) in &schemas {
            for lang in Lang::ALL {
                labels.insert(
                    (schema.survey.clone(), lang),
                    Labels::build(schema, survey.as_ref(), lang),
                );
            }
        }
        Schemas {
            by_survey: schemas
                .into_iter()
                .map(|(s, _)| (s.survey.clone(), s))
                .collect(),
            labels,
            default_survey,
        }
    }

    /// Display labels of a survey's fields in `lang` (empty when unknown).
    pub fn labels(&self, survey: &str, lang: Lang) -> Labels {
        self.labels
            .get(&(survey.to_string(), lang))
            .cloned()
            .unwrap_or_default()
    }

    /// The schema of a survey version.
    pub fn get(&self, survey: &str) -> Option<&RecordSchema> {
        self.by_survey.get(survey)
    }

    /// Every accepted schema, by survey version.
    pub fn surveys(&self) -> impl Iterator<Item = &RecordSchema> {
        self.by_survey.values()
    }

    /// The default survey version (stats and export read it unless told).
    pub fn default_survey(&self) -> &str {
        &self.default_survey
    }

    /// Parses and validates a request body against its survey's schema (the
    /// week's window is checked by the caller: [`crate::window::Window`]).
    pub fn check(&self, body: &[u8]) -> Result<Accepted, ApiError> {
        let text = std::str::from_utf8(body).map_err(|e| {
            ApiError::bad_request("malformed", format!("the body is not UTF-8: {e}"))
        })?;
        let record = FeedbackRecord::from_json(text).map_err(record_error)?;
        let Some(schema) = self.get(&record.survey) else {
            return Err(record_error(RecordError::UnknownSurvey(
                record.survey.clone(),
            )));
        };
        schema.validate(&record).map_err(record_error)?;
        let value = |name: &str| record.fields.get(name).cloned().unwrap_or_default();
        let fields = schema
            .fields
            .iter()
            .map(|f| (f.name.clone(), value(&f.name)))
            .collect();
        let cross = schema
            .cross_tabs
            .iter()
            .map(|(a, b)| CrossCell {
                field_a: a.clone(),
                value_a: value(a),
                field_b: b.clone(),
                value_b: value(b),
            })
            .collect();
        Ok(Accepted {
            id: record.id,
            week: record.week,
            partner: record.partner,
            survey: record.survey,
            fields,
            cross,
        })
    }
}

fn record_error(e: RecordError) -> ApiError {
    let status = axum::http::StatusCode::from_u16(e.status())
        .unwrap_or(axum::http::StatusCode::UNPROCESSABLE_ENTITY);
    ApiError::new(status, e.code(), e.to_string())
}
