//! The branch directory read from a [`Json`] value by hand, with the
//! messages serde's derived `Deserialize` gives for the value's compact
//! text (`unknown field `x`, expected one of …`, `missing field `kind``,
//! `invalid type: integer `5`, expected a string`, `at line 1 column N`),
//! so that a catalogue's own directory is refused with the same words as
//! before, without serde_json's deserializer in the wasm widget. The
//! derived `Deserialize` stays for [`from_json`](super::from_json) and as
//! the oracle of the tests.

use super::{Branch, BranchKind};
use crate::i18n::LocalizedText;
use crate::json::{Json, parse, to_text};

/// A message and the column (in the compact text) serde reports it at.
type Fail = (String, usize);

/// The directory in `value`; errors are `branches: … at line 1 column N`,
/// as `serde_json::from_str::<Vec<Branch>>(&value.to_string())` reports.
pub(crate) fn from_value(value: &Json) -> Result<Vec<Branch>, String> {
    list(value, 0)
        .map_err(|(message, column)| format!("branches: {message} at line 1 column {column}"))
}

/// Bytes of `v` in compact text.
fn len(v: &Json) -> usize {
    to_text(v).len()
}

/// serde's "invalid type" for `v` starting at `at`, at the column where
/// serde_json stops reading it.
fn invalid_type(v: &Json, at: usize, expected: &str) -> Fail {
    let (unexpected, column) = match v {
        Json::Null => ("null".to_owned(), at + 4),
        Json::Bool(b) => (format!("boolean `{b}`"), at + len(v)),
        Json::Number(_) => {
            // serde_json reads the number back from the text.
            let text = to_text(v);
            let n = match parse(&text) {
                Ok(Json::Number(n)) => n,
                _ => return (String::new(), at),
            };
            let shown = if n.is_f64() {
                format!("floating point `{n}`")
            } else {
                format!("integer `{n}`")
            };
            (shown, at + text.len())
        }
        Json::String(s) => (format!("string {s:?}"), at + len(v)),
        Json::Array(_) => ("sequence".to_owned(), at),
        Json::Object(_) => ("map".to_owned(), at),
    };
    (
        format!("invalid type: {unexpected}, expected {expected}"),
        column,
    )
}

fn one_of(names: &[&str]) -> String {
    match names {
        [a, b] => format!("`{a}` or `{b}`"),
        _ => {
            let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("one of {}", quoted.join(", "))
        }
    }
}

/// The entries of an object with the column each value starts at and the
/// column just after each key.
fn entries(m: &crate::json::Map, at: usize) -> Vec<(&str, &Json, usize, usize)> {
    let mut out = Vec::new();
    let mut offset = at + 1;
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 {
            offset += 1;
        }
        let key_end = offset + len(&Json::String(k.clone()));
        out.push((k.as_str(), v, key_end, key_end + 1));
        offset = key_end + 1 + len(v);
    }
    out
}

/// The elements of an array with the column each starts at.
fn elements(items: &[Json], at: usize) -> Vec<(&Json, usize)> {
    let mut out = Vec::new();
    let mut offset = at + 1;
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            offset += 1;
        }
        out.push((v, offset));
        offset += len(v);
    }
    out
}

/// "trailing characters" after `fields` elements of a struct read as an
/// array: serde stops just after the comma that follows the last field.
fn too_many(items: &[(&Json, usize)], fields: usize) -> Fail {
    let (last, at) = items[fields - 1];
    ("trailing characters".to_owned(), at + len(last) + 2)
}

fn list(v: &Json, at: usize) -> Result<Vec<Branch>, Fail> {
    let Json::Array(items) = v else {
        return Err(invalid_type(v, at, "a sequence"));
    };
    elements(items, at)
        .into_iter()
        .map(|(item, at)| branch(item, at))
        .collect()
}

const BRANCH_FIELDS: [&str; 5] = ["kind", "name", "city", "province", "address"];

fn branch(v: &Json, at: usize) -> Result<Branch, Fail> {
    let mut kind = None;
    let mut name = None;
    let mut city = None;
    let mut province = None;
    let mut address = None;
    match v {
        Json::Object(m) => {
            for (key, value, key_end, value_at) in entries(m, at) {
                match key {
                    "kind" => kind = Some(branch_kind(value, value_at)?),
                    "name" => name = Some(localized(value, value_at)?),
                    "city" => city = Some(localized(value, value_at)?),
                    "province" => province = Some(string(value, value_at)?),
                    "address" => address = optional_localized(value, value_at)?,
                    _ => {
                        return Err((
                            format!("unknown field `{key}`, expected {}", one_of(&BRANCH_FIELDS)),
                            key_end,
                        ));
                    }
                }
            }
            let end = at + len(v);
            let missing = |field: &str| (format!("missing field `{field}`"), end);
            Ok(Branch {
                kind: kind.ok_or_else(|| missing("kind"))?,
                name: name.ok_or_else(|| missing("name"))?,
                city: city.ok_or_else(|| missing("city"))?,
                province: province.ok_or_else(|| missing("province"))?,
                address,
            })
        }
        Json::Array(items) => {
            let items = elements(items, at);
            let end = at + len(v);
            let short = |n: usize| {
                (
                    format!("invalid length {n}, expected struct Branch with 5 elements"),
                    end,
                )
            };
            let at_index = |i: usize| items.get(i).copied().ok_or_else(|| short(i));
            let (k, k_at) = at_index(0)?;
            let kind = branch_kind(k, k_at)?;
            let (n, n_at) = at_index(1)?;
            let name = localized(n, n_at)?;
            let (c, c_at) = at_index(2)?;
            let city = localized(c, c_at)?;
            let (p, p_at) = at_index(3)?;
            let province = string(p, p_at)?;
            let address = match items.get(4) {
                Some(&(a, a_at)) => optional_localized(a, a_at)?,
                None => None,
            };
            if items.len() > 5 {
                return Err(too_many(&items, 5));
            }
            Ok(Branch {
                kind,
                name,
                city,
                province,
                address,
            })
        }
        _ => Err(invalid_type(v, at, "struct Branch")),
    }
}

const KINDS: [&str; 2] = ["centre", "branch"];

fn kind_named(name: &str, end: usize) -> Result<BranchKind, Fail> {
    match name {
        "centre" => Ok(BranchKind::Centre),
        "branch" => Ok(BranchKind::Branch),
        other => Err((
            format!("unknown variant `{other}`, expected {}", one_of(&KINDS)),
            end,
        )),
    }
}

fn branch_kind(v: &Json, at: usize) -> Result<BranchKind, Fail> {
    let expected_value = |column: usize| ("expected value".to_owned(), column);
    match v {
        Json::String(s) => kind_named(s, at + len(v)),
        // The externally tagged form: `{"centre": null}`.
        Json::Object(m) => {
            let entries = entries(m, at);
            let Some(&(key, value, key_end, value_at)) = entries.first() else {
                return Err(expected_value(at + 2));
            };
            let kind = kind_named(key, key_end)?;
            if !value.is_null() {
                return Err(invalid_type(value, value_at, "unit"));
            }
            if entries.len() > 1 {
                return Err(expected_value(value_at + 4));
            }
            Ok(kind)
        }
        _ => Err(expected_value(at + 1)),
    }
}

const TEXT_FIELDS: [&str; 3] = ["zh-Hans", "zh-Hant", "en"];

fn localized(v: &Json, at: usize) -> Result<LocalizedText, Fail> {
    let mut text = LocalizedText::default();
    match v {
        Json::Object(m) => {
            for (key, value, key_end, value_at) in entries(m, at) {
                let slot = match key {
                    "zh-Hans" => &mut text.zh_hans,
                    "zh-Hant" => &mut text.zh_hant,
                    "en" => &mut text.en,
                    _ => {
                        return Err((
                            format!("unknown field `{key}`, expected {}", one_of(&TEXT_FIELDS)),
                            key_end,
                        ));
                    }
                };
                *slot = optional_string(value, value_at)?;
            }
        }
        Json::Array(items) => {
            let items = elements(items, at);
            let slots = [&mut text.zh_hans, &mut text.zh_hant, &mut text.en];
            for (slot, &(item, item_at)) in slots.into_iter().zip(&items) {
                *slot = optional_string(item, item_at)?;
            }
            if items.len() > 3 {
                return Err(too_many(&items, 3));
            }
        }
        _ => return Err(invalid_type(v, at, "struct LocalizedText")),
    }
    Ok(text)
}

fn optional_localized(v: &Json, at: usize) -> Result<Option<LocalizedText>, Fail> {
    match v {
        Json::Null => Ok(None),
        _ => localized(v, at).map(Some),
    }
}

fn string(v: &Json, at: usize) -> Result<String, Fail> {
    match v {
        Json::String(s) => Ok(s.clone()),
        _ => Err(invalid_type(v, at, "a string")),
    }
}

fn optional_string(v: &Json, at: usize) -> Result<Option<String>, Fail> {
    match v {
        Json::Null => Ok(None),
        _ => string(v, at).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What serde's derived reader says of the value's compact text.
    fn serde(v: &Json) -> Result<Vec<Branch>, String> {
        serde_json::from_str::<Vec<Branch>>(&to_text(v)).map_err(|e| format!("branches: {e}"))
    }

    fn same(text: &str) {
        let v = parse(text).unwrap();
        assert_eq!(from_value(&v), serde(&v), "{text}");
    }

    #[test]
    fn the_default_directory_reads_as_with_serde() {
        let v = parse(super::super::DEFAULT_DIRECTORY_JSON).unwrap();
        let ours = from_value(&v).unwrap();
        assert_eq!(Ok(ours.clone()), serde(&v));
        assert_eq!(
            Ok(ours),
            super::super::from_json(super::super::DEFAULT_DIRECTORY_JSON)
        );
    }

    #[test]
    fn errors_read_as_serde_reports_them() {
        let ok = r#"{"kind":"centre","name":{"en":"A"},"city":{"zh-Hans":"深圳"},"province":"44"}"#;
        for text in [
            "5",
            "null",
            "true",
            "\"x\"",
            "{}",
            "-4.5",
            "1e21",
            "[]",
            "[1]",
            "[null]",
            "[\"x\"]",
            "[[]]",
            "[{}]",
            &format!("[{ok},{ok}]"),
            r#"[{"kind":"centre"}]"#,
            r#"[{"kind":"shop","name":{},"city":{},"province":"44"}]"#,
            r#"[{"kind":5,"name":{},"city":{},"province":"44"}]"#,
            r#"[{"kind":null,"name":{},"city":{},"province":"44"}]"#,
            r#"[{"kind":[],"name":{},"city":{},"province":"44"}]"#,
            r#"[{"kind":{},"name":{},"city":{},"province":"44"}]"#,
            r#"[{"kind":{"centre":null},"name":{},"city":{},"province":"44"}]"#,
            r#"[{"kind":{"centre":1},"name":{},"city":{},"province":"44"}]"#,
            r#"[{"kind":{"centre":null,"x":1},"name":{},"city":{},"province":"44"}]"#,
            r#"[{"kind":{"shop":null},"name":{},"city":{},"province":"44"}]"#,
            r#"[{"kind":"branch","name":{"fr":"x"},"city":{},"province":"44"}]"#,
            r#"[{"kind":"branch","name":{"en":5},"city":{},"province":"44"}]"#,
            r#"[{"kind":"branch","name":{"en":null},"city":[],"province":"44"}]"#,
            r#"[{"kind":"branch","name":["a","b","c","d"],"city":[],"province":"44"}]"#,
            r#"[{"kind":"branch","name":"x","city":{},"province":"44"}]"#,
            r#"[{"kind":"branch","name":{},"city":{},"province":44}]"#,
            r#"[{"kind":"branch","name":{},"city":{},"province":4.0}]"#,
            r#"[{"kind":"branch","name":{},"city":{},"province":-1}]"#,
            r#"[{"kind":"branch","name":{},"city":{},"province":"44","address":null}]"#,
            r#"[{"kind":"branch","name":{},"city":{},"province":"44","address":5}]"#,
            r#"[{"kind":"branch","name":{},"city":{},"province":"44","zip":"1"}]"#,
            r#"[{"kind":"branch","name":{},"city":{},"province":"44","a":"1"}]"#,
            r#"[["centre",{},{},"44"]]"#,
            r#"[["centre",{},{},"44",null]]"#,
            r#"[["centre",{},{},"44",null,1]]"#,
            r#"[["centre",{},{}]]"#,
            r#"[["centre"]]"#,
            r#"[[5]]"#,
        ] {
            same(text);
        }
    }

    fn any_json() -> impl Strategy<Value = Json> {
        let leaf = prop_oneof![
            Just(Json::Null),
            any::<bool>().prop_map(Json::Bool),
            any::<i64>().prop_map(Json::from),
            (-1e6f64..1e6).prop_map(Json::from),
            prop::sample::select(vec![
                "centre", "branch", "44", "x", "zh-Hans", "en", "kind", "name", "city", "province",
                "address", "zh-Hant", "\"q\"",
            ])
            .prop_map(Json::from),
        ];
        let keys = prop::sample::select(vec![
            "kind", "name", "city", "province", "address", "zh-Hans", "zh-Hant", "en", "centre",
            "branch", "other",
        ]);
        leaf.prop_recursive(4, 40, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..7).prop_map(Json::Array),
                prop::collection::btree_map(keys.clone().prop_map(str::to_owned), inner, 0..7)
                    .prop_map(|m| Json::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn any_value_reads_as_with_serde(v in any_json()) {
            prop_assert_eq!(from_value(&v), serde(&v));
        }

        #[test]
        fn any_directory_reads_as_with_serde(items in prop::collection::vec(any_json(), 0..3)) {
            let v = Json::Array(items);
            prop_assert_eq!(from_value(&v), serde(&v));
        }
    }
}
