//! `precheck evaluate PROFILE.json [--catalogue FILE] [--lang zh-Hans|zh-Hant|en] [--summary]`
//! and `precheck validate-catalogue FILE`.
//!
//! `evaluate` prints the pre-check result JSON (the same bytes the wasm
//! binding returns); `--summary` leaves out the month-by-month schedules
//! (totals stay). `validate-catalogue` prints a short JSON summary of a
//! valid catalogue. Bad input is one message naming the field or JSON path
//! (exit 2, printed by `main`).

use crate::{read_input, split_args};
use sme_precheck::catalogue::Catalogue;
use sme_precheck::i18n::Lang;
use sme_precheck::precheck::{Options, evaluate_json_with};

/// `precheck evaluate`.
pub fn evaluate(args: &[String]) -> Result<String, String> {
    // `--summary` is a flag without a value: take it out before splitting.
    let summary = args.iter().any(|a| a == "--summary");
    let rest: Vec<String> = args.iter().filter(|a| *a != "--summary").cloned().collect();
    let (positional, options) = split_args(&rest, &["catalogue", "lang"])?;
    let [profile_path] = positional[..] else {
        return Err(format!(
            "evaluate takes one PROFILE.json, got {}\nusage: precheck evaluate PROFILE.json [--catalogue FILE] [--lang zh-Hans|zh-Hant|en] [--summary]",
            positional.len()
        ));
    };
    let mut lang = Lang::default();
    let mut catalogue_text = None;
    for (name, value) in options {
        match name {
            "lang" => lang = Lang::parse(value).map_err(|e| format!("--lang: {e}"))?,
            _ => catalogue_text = Some(read_input(value)?),
        }
    }
    let profile_text = read_input(profile_path)?;
    evaluate_json_with(
        &profile_text,
        catalogue_text.as_deref(),
        lang,
        Options {
            schedules: !summary,
        },
    )
}

/// `precheck validate-catalogue`: the summary, and on stderr one warning
/// line when the LPR is older than [`sme_precheck::lpr::MAX_AGE_DAYS`] days
/// by the system clock (still exit 0).
pub fn validate_catalogue(args: &[String]) -> Result<String, String> {
    let today = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| sme_precheck::lpr::date_of_day((d.as_secs() / 86_400) as i64))
        .unwrap_or_default();
    let (summary, warning) = validate_catalogue_on(args, &today)?;
    if let Some(warning) = warning {
        eprintln!("precheck: {warning}");
    }
    Ok(summary)
}

/// `validate-catalogue` as of `today` (`YYYY-MM-DD`): the summary and the
/// LPR age warning, if any.
pub fn validate_catalogue_on(
    args: &[String],
    today: &str,
) -> Result<(String, Option<String>), String> {
    let (positional, _) = split_args(args, &[])?;
    let [path] = positional[..] else {
        return Err("usage: precheck validate-catalogue FILE".into());
    };
    let catalogue = Catalogue::from_json(&read_input(path)?).map_err(|e| e.to_string())?;
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct ProductSummary<'a> {
        id: &'a str,
        kind: &'static str,
        max_cap: Option<String>,
    }
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Summary<'a> {
        valid: bool,
        version: &'a str,
        lpr: String,
        lpr_date: &'a str,
        products: Vec<ProductSummary<'a>>,
    }
    let summary = Summary {
        valid: true,
        version: &catalogue.version,
        lpr: sme_precheck::money::fmt_percent(catalogue.lpr.rate),
        lpr_date: &catalogue.lpr.date,
        products: catalogue
            .products
            .iter()
            .map(|p| ProductSummary {
                id: &p.id,
                kind: p.kind.as_str(),
                max_cap: p.caps.max().map(sme_precheck::money::fmt_fen),
            })
            .collect(),
    };
    let warning = sme_precheck::lpr::age_warning(&catalogue.lpr.date, today);
    let summary = serde_json::to_string(&summary).map_err(|e| e.to_string())?;
    Ok((summary, warning))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/precheck");

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn temp(name: &str, text: &str) -> String {
        let path = std::env::temp_dir().join(format!("precheck-cli-{}-{name}", std::process::id()));
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }

    #[test]
    fn evaluates_a_profile_in_a_language() {
        let profile = format!("{FIXTURES}/profiles/growth_software.json");
        let out = evaluate(&args(&[&profile, "--lang", "en"])).unwrap();
        assert!(
            out.starts_with(r#"{"lang":"en","catalogue":"default@2""#),
            "{out}"
        );
        assert!(out.contains("\"schedule\""));
        let summary = evaluate(&args(&[&profile, "--summary", "--lang", "zh-Hant"])).unwrap();
        assert!(!summary.contains("\"schedule\""));
        let custom = format!("{FIXTURES}/catalogues/regional_bank.json");
        let out = evaluate(&args(&[&profile, "--catalogue", &custom])).unwrap();
        assert!(out.contains("\"park_credit\""));
    }

    #[test]
    fn bad_input_is_one_message() {
        let profile = format!("{FIXTURES}/profiles/growth_software.json");
        assert!(
            evaluate(&args(&[]))
                .unwrap_err()
                .contains("one PROFILE.json")
        );
        assert!(
            evaluate(&args(&[&profile, "--lang", "fr"]))
                .unwrap_err()
                .starts_with("--lang: unknown language")
        );
        assert!(
            evaluate(&args(&[&profile, "--bogus", "1"]))
                .unwrap_err()
                .contains("unknown option")
        );
        assert!(
            evaluate(&args(&["/nonexistent/p.json"]))
                .unwrap_err()
                .contains("cannot read")
        );
        let bad = temp(
            "age.json",
            &std::fs::read_to_string(&profile)
                .unwrap()
                .replace("\"legalRepAge\": 38", "\"legalRepAge\": 300"),
        );
        assert_eq!(
            evaluate(&args(&[&bad])).unwrap_err(),
            "legalRepAge: must be between 10 and 120, got 300"
        );
    }

    #[test]
    fn validates_a_catalogue() {
        let default = concat!(env!("CARGO_MANIFEST_DIR"), "/src/catalogue/default.json");
        let out = validate_catalogue(&args(&[default])).unwrap();
        assert!(
            out.starts_with(
                r#"{"valid":true,"version":"default@2","lpr":"3.00","lprDate":"2025-09-22""#
            ),
            "{out}"
        );
        assert!(
            out.contains(r#"{"id":"wangdaitong","kind":"secured","maxCap":"30000000.00"}"#),
            "{out}"
        );
        let (_, warning) = validate_catalogue_on(&args(&[default]), "2025-10-27").unwrap();
        assert_eq!(warning, None, "35 days after 2025-09-22 is still current");
        let (_, warning) = validate_catalogue_on(&args(&[default]), "2025-10-28").unwrap();
        assert!(
            warning.is_some_and(|w| w.starts_with("warning: lpr.date 2025-09-22 is 36 days")),
            "36 days warns"
        );
        let broken = format!("{FIXTURES}/invalid/catalogue_cap_zero.catalogue.json");
        assert_eq!(
            validate_catalogue(&args(&[&broken])).unwrap_err(),
            "products[2].caps.credit: must be more than 0, got 0.00"
        );
        assert!(
            validate_catalogue(&args(&[]))
                .unwrap_err()
                .starts_with("usage")
        );
    }
}
