//! Save-and-resume: the engine's answers and page as a short versioned JSON
//! string (`{"v":1,"survey":"default@1","page":"financing","answers":{…}}`,
//! plus `"prefilled":[…]` when the pre-check answered some questions)
//! that restores exactly, and is rejected with a clear error when it belongs
//! to another survey or version.

use super::definition::Survey;
use super::engine::Engine;
use super::error::SurveyError;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The current state format version.
pub const STATE_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SavedState {
    v: u32,
    survey: String,
    page: String,
    answers: std::collections::BTreeMap<String, crate::json::Json>,
    /// Questions answered from the pre-check (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    prefilled: Vec<String>,
}

impl Engine {
    /// The compact save-and-resume state.
    pub fn state(&self) -> String {
        let saved = SavedState {
            v: STATE_VERSION,
            survey: self.survey.key(),
            page: self.page().id.clone(),
            answers: self
                .answers
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            prefilled: self.prefilled.clone(),
        };
        serde_json::to_string(&saved).unwrap_or_default()
    }

    /// Restores an engine from [`Engine::state`] output.
    pub fn restore(survey: impl Into<Arc<Survey>>, state: &str) -> Result<Engine, SurveyError> {
        let survey: Arc<Survey> = survey.into();
        let saved: SavedState = serde_json::from_str(state)
            .map_err(|e| SurveyError::new("state", format!("not a saved survey state: {e}")))?;
        if saved.v != STATE_VERSION {
            return Err(SurveyError::new(
                "state.v",
                format!(
                    "unsupported state version {} (expected {STATE_VERSION})",
                    saved.v
                ),
            ));
        }
        if saved.survey != survey.key() {
            return Err(SurveyError::new(
                "state.survey",
                format!(
                    "saved for survey \"{}\", not \"{}\"",
                    saved.survey,
                    survey.key()
                ),
            ));
        }
        let answers = crate::json::Json::Object(saved.answers.into_iter().collect());
        let mut engine = Engine::with_answers(survey, &answers)?;
        engine.set_prefilled(&saved.prefilled);
        engine.go_to(&saved.page)?;
        Ok(engine)
    }
}
