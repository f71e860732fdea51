//! Defined once: outcome codes, outcome labels and profile input ranges live
//! in the core (`precheck::Outcome`, `labels`, `profile::Field::spec`). This
//! test reads the code around the core — the wasm bindings, the feedback server,
//! the web pages and the anonymizer — and fails when one of them spells out
//! an outcome code, an outcome label or a profile range literal again.
//!
//! Files that still hold copies are listed in `KNOWN_COPIES`: their copies
//! are reported (printed) but do not fail; a copy anywhere else fails.
//! Remove a file from the list when its copies are gone (the test says so).
//! Unit tests (`#[cfg(test)]` to the end of a Rust file) and the package's
//! TypeScript declarations (`*.d.ts`, the published type of `outcome`) are
//! not copies.

use sme_precheck::i18n::Lang;
use sme_precheck::precheck::Outcome;
use std::path::{Path, PathBuf};

/// Where copies must not appear (relative to the repository root).
const AROUND_THE_CORE: [&str; 4] = ["bindings", "server/src", "www", "src/anonymize"];

/// Files allowed to hold copies while they move to the core (none left).
const KNOWN_COPIES: &[&str] = &[];

/// Wordings of outcome labels used before the core owned them.
const OLD_LABELS: [&str; 10] = [
    "初步符合",
    "预审通过",
    "預審通過",
    "通过（需复核）",
    "需抵质押或担保",
    "需抵押或降低金额",
    "需要抵押",
    "转网点办理",
    "非小微企业",
    "Pre-qualified, with review",
];

/// Range literals of profile fields as other code wrote them.
const RANGE_PATTERNS: [&str; 6] = [
    "Int(0, 120)",
    "Int(10, 120)",
    "Int(0, 999)",
    "Int(0, 1000)",
    "Int(0, 1_000_000)",
    "Int(0, 1200)",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if name != "node_modules" && name != "tests" {
                files(&path, out);
            }
        } else if ["rs", "js", "mjs", "ts", "html"]
            .iter()
            .any(|ext| name.ends_with(&format!(".{ext}")))
            && !name.ends_with(".d.ts")
        {
            out.push(path);
        }
    }
}

/// Every needle: quoted outcome codes, outcome labels (today's and older
/// wordings), range literals.
fn needles() -> Vec<String> {
    let mut out: Vec<String> = Outcome::ALL
        .iter()
        .map(|o| format!("\"{}\"", o.as_str()))
        .collect();
    for o in Outcome::ALL {
        for lang in Lang::ALL {
            out.push(o.label(lang).to_owned());
        }
    }
    out.extend(OLD_LABELS.iter().map(|s| s.to_string()));
    out.extend(RANGE_PATTERNS.iter().map(|s| s.to_string()));
    out
}

/// `(file, needle, line)` for every copy found.
fn copies() -> Vec<(String, String, usize)> {
    let mut paths = Vec::new();
    for dir in AROUND_THE_CORE {
        files(&root().join(dir), &mut paths);
    }
    paths.sort();
    let needles = needles();
    let mut found = Vec::new();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let rel = path
            .strip_prefix(root())
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        for (i, line) in text.lines().enumerate() {
            if rel.ends_with(".rs") && line.trim() == "#[cfg(test)]" {
                break;
            }
            for needle in &needles {
                if line.contains(needle.as_str()) {
                    found.push((rel.clone(), needle.clone(), i + 1));
                }
            }
        }
    }
    found
}

#[test]
fn outcome_codes_labels_and_ranges_are_defined_once() {
    let found = copies();
    let known = |file: &str| KNOWN_COPIES.contains(&file);
    for (file, needle, line) in found.iter().filter(|(f, _, _)| known(f)) {
        println!("known copy, to be replaced by the core's: {file}:{line}: {needle}");
    }
    for file in KNOWN_COPIES {
        if !found.iter().any(|(f, _, _)| f == file) {
            println!("no copies left in {file}: remove it from KNOWN_COPIES");
        }
    }
    let new: Vec<String> = found
        .iter()
        .filter(|(f, _, _)| !known(f))
        .map(|(f, n, l)| format!("{f}:{l}: {n}"))
        .collect();
    assert!(
        new.is_empty(),
        "outcome codes, outcome labels and profile ranges belong to the core \
         (precheck::Outcome, labels, profile::Field::spec); copies found:\n{}",
        new.join("\n")
    );
}

#[test]
fn the_check_sees_a_copy() {
    // The needles match what a copy looks like.
    let needles = needles();
    let copy = r#"const ORDER: [&str; 2] = ["pre_qualified", "not_eligible"];"#;
    assert!(needles.iter().any(|n| copy.contains(n.as_str())));
    assert!(
        needles
            .iter()
            .any(|n| "kind: Kind::Int(0, 120),".contains(n.as_str()))
    );
    assert!(
        needles
            .iter()
            .any(|n| "Tr(\"初步符合\", …)".contains(n.as_str()))
    );
}
