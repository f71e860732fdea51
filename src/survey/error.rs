//! [`SurveyError`]: why a survey definition, a recommendation plan, a
//! saved state or answers were rejected — the JSON path, what is wrong and,
//! inside a condition, the column. At the bottom of the survey module.

use super::expr::ParseError;
use std::fmt;

/// Why a survey (or recommendation plan) definition was rejected: the JSON
/// path of the offending value, what is wrong, and for conditions the
/// 1-based column inside the expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyError {
    /// JSON path such as `pages[1].questions[3].showIf` (empty for the root).
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// Column inside an expression, when the error is in one.
    pub column: Option<usize>,
}

impl SurveyError {
    /// An error at `path` (empty for the document itself).
    pub(crate) fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        SurveyError {
            path: path.into(),
            message: message.into(),
            column: None,
        }
    }

    /// An error inside the condition at `path`.
    pub(crate) fn in_expr(path: impl Into<String>, e: ParseError) -> Self {
        SurveyError {
            path: path.into(),
            message: e.message,
            column: Some(e.column),
        }
    }
}

impl fmt::Display for SurveyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(root)"
        } else {
            &self.path
        };
        write!(f, "{path}: {}", self.message)?;
        if let Some(column) = self.column {
            write!(f, " at column {column}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SurveyError {}
