//! `precheck survey-run` and `precheck survey-lint`: the survey engine from
//! the command line.
//!
//! ```text
//! precheck survey-run SURVEY.json|default|partner ANSWERS.json [--lang zh-Hans|zh-Hant|en] [--recommendations PLAN.json]
//! precheck survey-lint FILE [--survey SURVEY.json|default|partner]
//! ```
//!
//! `survey-run` prints `{ "visible", "errors", "complete", "progress",
//! "recommendations" }`. `survey-lint` checks a survey definition, or a
//! recommendation plan (a file with `stageQuestion`) against `--survey`
//! (default: the built-in survey), and prints a summary; errors name the JSON
//! path and, inside conditions, the column. Try it:
//! `cargo run --bin precheck -- survey-run default tests/fixtures/survey/default/growth_loan.answers.json --lang en`

use crate::{read_input, split_args};
use sme_precheck::i18n::Lang;
use sme_precheck::survey::{Privacy, RecommendationPlan, Survey, run};

fn load_survey(arg: &str) -> Result<Survey, String> {
    match arg {
        "default" => return Ok(Survey::default_survey()),
        "partner" => return Ok(Survey::partner_survey()),
        _ => {}
    }
    Survey::from_json(&read_input(arg)?).map_err(|e| format!("{arg}: {e}"))
}

fn lang_option(options: &[(&str, &str)]) -> Result<Lang, String> {
    options
        .iter()
        .rev()
        .find(|(k, _)| *k == "lang")
        .map_or(Ok(Lang::default()), |(_, v)| Lang::parse(v))
}

/// `precheck survey-run SURVEY.json|default ANSWERS.json [--lang …] [--recommendations FILE]`.
pub fn survey_run(args: &[String]) -> Result<String, String> {
    let (positional, options) = split_args(args, &["lang", "recommendations"])?;
    let [survey_arg, answers_arg] = positional[..] else {
        return Err("survey-run needs SURVEY.json (or `default`) and ANSWERS.json".to_owned());
    };
    let lang = lang_option(&options)?;
    let mut survey = load_survey(survey_arg)?;
    if let Some((_, plan)) = options.iter().find(|(k, _)| *k == "recommendations") {
        survey.recommendations = RecommendationPlan::from_json(&read_input(plan)?, &survey)
            .map_err(|e| format!("{plan}: {e}"))?;
    }
    let answers = read_input(answers_arg)?;
    let out = run(&survey, &answers, lang).map_err(|e| format!("{answers_arg}: {e}"))?;
    serde_json::to_string_pretty(&out).map_err(|e| e.to_string())
}

/// `precheck survey-lint FILE [--survey SURVEY.json|default]`.
pub fn survey_lint(args: &[String]) -> Result<String, String> {
    let (positional, options) = split_args(args, &["survey"])?;
    let [file] = positional[..] else {
        return Err("survey-lint needs one FILE".to_owned());
    };
    let text = read_input(file)?;
    let is_plan = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .is_some_and(|v| v.get("stageQuestion").is_some());
    if is_plan {
        let survey_arg = options
            .iter()
            .find(|(k, _)| *k == "survey")
            .map_or("default", |(_, v)| *v);
        let survey = load_survey(survey_arg)?;
        let plan =
            RecommendationPlan::from_json(&text, &survey).map_err(|e| format!("{file}: {e}"))?;
        let summary = serde_json::json!({
            "ok": true,
            "kind": "recommendations",
            "survey": survey.key(),
            "items": plan.items.len(),
        });
        return serde_json::to_string_pretty(&summary).map_err(|e| e.to_string());
    }
    let survey = Survey::from_json(&text).map_err(|e| format!("{file}: {e}"))?;
    let sent: Vec<&str> = survey
        .questions()
        .filter_map(|q| q.privacy.randomized().map(|r| r.field.as_str()))
        .collect();
    let never_sent: Vec<&str> = survey
        .questions()
        .filter(|q| q.privacy == Privacy::NeverSent)
        .map(|q| q.id.as_str())
        .collect();
    let conditions = survey
        .pages
        .iter()
        .map(|p| {
            usize::from(p.show_if.is_some())
                + p.questions
                    .iter()
                    .map(|q| usize::from(q.show_if.is_some()) + q.validations.len())
                    .sum::<usize>()
        })
        .sum::<usize>();
    let summary = serde_json::json!({
        "ok": true,
        "kind": "survey",
        "survey": survey.key(),
        "pages": survey.pages.len(),
        "questions": survey.questions().count(),
        "conditions": conditions,
        "sentFields": sent,
        "neverSent": never_sent,
        "recommendations": survey.recommendations.items.len(),
    });
    serde_json::to_string_pretty(&summary).map_err(|e| e.to_string())
}
