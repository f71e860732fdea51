//! `precheck evaluate` and `precheck validate-catalogue` (placeholder until the pre-check lands).

pub fn evaluate(_args: &[String]) -> Result<String, String> {
    Err("not built yet".into())
}

pub fn validate_catalogue(_args: &[String]) -> Result<String, String> {
    Err("not built yet".into())
}
