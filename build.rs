//! Build script: writes whitespace-free copies of the embedded JSON data
//! (default catalogue and branch directory, the built-in surveys,
//! recommendation plan) into `OUT_DIR`, where `include_str!` picks them up. Only insignificant whitespace
//! between tokens is removed; every token (keys, strings, numbers and their
//! exact spelling, key order) is kept, so parsing gives the same values.
//! Saves ≈ 14 KB of the wasm data section (≈ 1 KB gzip).

use std::{env, fs, path::Path};

/// The embedded files, relative to the crate root.
const FILES: [&str; 6] = [
    "src/catalogue/default.json",
    "src/catalogue/branches.json",
    "src/survey/default.json",
    "src/survey/default.v1.json",
    "src/survey/partner.json",
    "src/survey/recommendations.json",
];

/// `json` without the whitespace outside string literals.
fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            if c == '"' {
                in_string = true;
            }
            out.push(c);
        }
    }
    out
}

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for file in FILES {
        println!("cargo:rerun-if-changed={file}");
        let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let name = file.trim_start_matches("src/").replace('/', "_");
        fs::write(Path::new(&out_dir).join(name), minify(&text))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    println!("cargo:rerun-if-changed=build.rs");
}
