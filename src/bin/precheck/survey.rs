//! `precheck survey-run` and `precheck survey-lint` (placeholder until the survey engine lands).

pub fn survey_run(_args: &[String]) -> Result<String, String> {
    Err("not built yet".into())
}

pub fn survey_lint(_args: &[String]) -> Result<String, String> {
    Err("not built yet".into())
}
