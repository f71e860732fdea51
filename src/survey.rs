//! The needs-survey engine: a JSON survey definition
//! ([`Survey`] of [`Question`]s, validated with JSON-path errors,
//! [`SurveyError`]), the condition language
//! ([`expr`]), the engine (visibility, validation, progress, pages,
//! save-and-resume: [`Engine`]), the lifecycle recommendations
//! ([`RecommendationPlan`]) and [`run`], the CLI/wasm entry.
//!
//! ```
//! use sme_precheck::{i18n::Lang, survey::{Survey, run}};
//! let survey = Survey::default_survey();
//! let out = run(&survey, r#"{"stage":"growth","needFinancing":false}"#, Lang::En).unwrap();
//! assert!(!out.visible.contains(&"amount".to_string()));
//! ```

mod definition;
mod engine;
mod error;
pub mod expr;
mod json;
mod question;
mod recommend;
mod state;

pub use definition::{DEFAULT_SURVEY_JSON, DEFAULT_V1_SURVEY_JSON, PARTNER_SURVEY_JSON, Survey};
pub use engine::{
    Answers, Engine, Progress, QuestionError, SurveyRun, group_thousands, run, run_value,
};
pub use error::SurveyError;
pub use question::{
    ChoiceOption, Condition, DEFAULT_EPSILON, Page, Prefill, Privacy, Question, QuestionKind,
    RandomizedPrivacy, ValidationRule, parse_decimal,
};
pub use recommend::{
    DEFAULT_PLAN_JSON, Dimension, PlanItem, PrecheckView, ProductStanding, Recommendation,
    RecommendationPlan,
};
pub use state::STATE_VERSION;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn default_survey_loads_and_runs() {
        let survey = Survey::default_survey();
        assert_eq!(survey.key(), "default@2");
        let out = run(
            &survey,
            r#"{"stage":"growth","needFinancing":false}"#,
            Lang::En,
        )
        .unwrap();
        assert!(!out.visible.iter().any(|q| q == "amount"));
        assert!(out.visible.iter().any(|q| q == "channels"));
        let again = Survey::from_json(&survey.to_json()).unwrap();
        assert_eq!(again.to_json(), survey.to_json());
    }
}
