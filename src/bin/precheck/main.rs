//! `precheck`: the analyst CLI over the core.
//!
//! ```text
//! precheck evaluate PROFILE.json [--catalogue FILE] [--lang zh-Hans|zh-Hant|en] [--summary]
//! precheck validate-catalogue FILE
//! precheck survey-run SURVEY.json|default ANSWERS.json [--lang …] [--recommendations PLAN.json]
//! precheck survey-lint FILE [--survey SURVEY.json|default]
//! ```
//!
//! Prints JSON on stdout and exits 0, or prints one clear message naming the
//! field or JSON path on stderr and exits 2. Try it:
//! `cargo run --release --bin precheck -- evaluate tests/fixtures/precheck/profiles/growth_software.json`

mod evaluate;
mod survey;

use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage:
  precheck evaluate PROFILE.json [--catalogue FILE] [--lang zh-Hans|zh-Hant|en] [--summary]
  precheck validate-catalogue FILE
  precheck survey-run SURVEY.json|default ANSWERS.json [--lang zh-Hans|zh-Hant|en] [--recommendations PLAN.json]
  precheck survey-lint FILE [--survey SURVEY.json|default]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("evaluate") => evaluate::evaluate(&args[1..]),
        Some("validate-catalogue") => evaluate::validate_catalogue(&args[1..]),
        Some("survey-run") => survey::survey_run(&args[1..]),
        Some("survey-lint") => survey::survey_lint(&args[1..]),
        Some("-h" | "--help" | "help") => Ok(USAGE.to_owned()),
        Some(other) => Err(format!("unknown command `{other}`\n{USAGE}")),
        None => Err(USAGE.to_owned()),
    };
    match outcome {
        Ok(stdout) => match writeln!(std::io::stdout().lock(), "{stdout}") {
            // A reader that stops early (`precheck evaluate … | head`) is not an error.
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("precheck: cannot write the result: {e}");
                ExitCode::FAILURE
            }
        },
        Err(message) => {
            eprintln!("precheck: {message}");
            ExitCode::from(2)
        }
    }
}

/// Reads a file for a command, naming the file when it cannot be read.
pub(crate) fn read_input(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read `{path}`: {e}"))
}

/// Positional arguments and `--name value` options of one command line.
pub(crate) type SplitArgs<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>);

/// Splits `args` into positional arguments and `--name value` options,
/// rejecting options not in `known`.
pub(crate) fn split_args<'a>(args: &'a [String], known: &[&str]) -> Result<SplitArgs<'a>, String> {
    let mut positional = Vec::new();
    let mut options = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if let Some(name) = arg.strip_prefix("--") {
            if !known.contains(&name) {
                return Err(format!("unknown option `{arg}`\n{USAGE}"));
            }
            let value = iter
                .next()
                .ok_or_else(|| format!("option `{arg}` needs a value"))?;
            options.push((name, value.as_str()));
        } else {
            positional.push(arg.as_str());
        }
    }
    Ok((positional, options))
}
