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

/// `precheck validate-catalogue`.
pub fn validate_catalogue(args: &[String]) -> Result<String, String> {
    let (positional, _) = split_args(args, &[])?;
    let [path] = positional[..] else {
        return Err("usage: precheck validate-catalogue FILE".into());
    };
    let catalogue = Catalogue::from_json(&read_input(path)?)?;
    let products: Vec<serde_json::Value> = catalogue
        .products
        .iter()
        .map(|p| {
            serde_json::json!({
                "id": p.id,
                "kind": p.kind.as_str(),
                "maxCap": p.caps.max().map(sme_precheck::money::fmt_fen),
            })
        })
        .collect();
    let summary = serde_json::json!({
        "valid": true,
        "version": catalogue.version,
        "lpr": sme_precheck::money::fmt_percent(catalogue.lpr.rate),
        "lprDate": catalogue.lpr.date,
        "products": products,
    });
    serde_json::to_string(&summary).map_err(|e| e.to_string())
}
