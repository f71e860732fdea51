//! Loading never panics: random mutations of the default survey definition
//! (a value replaced, a key removed or added anywhere in the tree) either
//! load or fail with an error that names a path.

use proptest::prelude::*;
use serde_json::{Value, json};
use sme_precheck::survey::{DEFAULT_SURVEY_JSON, Survey};

/// Every node of the tree as a list of steps from the root.
fn paths(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                here.push(Step::Key(k.clone()));
                paths(child, here, out);
                here.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                here.push(Step::Index(i));
                paths(child, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn node<'a>(v: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(v, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        any::<String>().prop_map(Value::String),
        "[a-z_ =\"()\\[\\],<>!0-9.-]{0,30}".prop_map(Value::String),
        Just(json!([])),
        Just(json!({})),
        Just(json!({"en": "x"})),
        Just(json!("never-sent")),
        Just(json!("needFinancing = true")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn mutated_definitions_load_or_fail_with_a_path(
        picks in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, replacement()), 1..4)
    ) {
        let mut doc: Value = serde_json::from_str(DEFAULT_SURVEY_JSON).unwrap();
        for (pick, action, value) in picks {
            let mut all = Vec::new();
            paths(&doc, &mut Vec::new(), &mut all);
            let path = pick.get(&all).clone();
            match (action, path.split_last()) {
                (0, _) | (_, None) => *node(&mut doc, &path) = value,
                (1, Some((Step::Key(k), parent))) => {
                    if let Value::Object(map) = node(&mut doc, parent) {
                        map.remove(k);
                    }
                }
                (_, Some((_, parent))) => match node(&mut doc, parent) {
                    Value::Object(map) => {
                        map.insert("extra".into(), value);
                    }
                    Value::Array(items) => items.push(value),
                    _ => {}
                },
            }
        }
        let text = doc.to_string();
        if let Err(e) = Survey::from_json(&text) {
            prop_assert!(!e.message.is_empty());
            prop_assert!(!e.to_string().is_empty());
        }
    }
}

#[test]
fn not_json_at_all_is_an_error() {
    for text in ["", "{", "[]", "null", "\"survey\"", "{\"id\": 1}"] {
        assert!(Survey::from_json(text).is_err(), "{text}");
    }
}
