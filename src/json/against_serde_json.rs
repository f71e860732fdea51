//! The parser and the writer against serde_json: the same value or the same
//! message for every text, the same bytes out for every value. Generated
//! documents (with whitespace, escapes, numbers of every kind, nesting) and
//! their mutations (cut short, a byte changed or inserted), plus the edge
//! cases by hand.

use super::{Json, parse, to_text};
use proptest::prelude::*;

/// What serde_json makes of `text`: the value (as the core's) or the message.
fn serde(text: &str) -> Result<Json, String> {
    serde_json::from_str::<serde_json::Value>(text)
        .map(Json::from)
        .map_err(|e| e.to_string())
}

fn ours(text: &str) -> Result<Json, String> {
    parse(text).map_err(|e| e.to_string())
}

/// Same outcome; floats compared bit for bit (`-0.0` is not `0.0`).
fn assert_same(text: &str) {
    let (a, b) = (ours(text), serde(text));
    assert_eq!(a, b, "text: {text:?}");
    if let (Ok(a), Ok(b)) = (&a, &b) {
        assert_eq!(to_text(a), to_text(b), "text: {text:?}");
    }
}

#[test]
fn edge_cases_read_as_serde_json_reads_them() {
    let cases = [
        "",
        " ",
        "null",
        "nul",
        "nulx",
        "true",
        "tru",
        "false",
        "falsy",
        "0",
        "-0",
        "-",
        "00",
        "01",
        "-01",
        "0.1",
        "0.",
        "0.e1",
        "1e",
        "1e+",
        "1e-",
        "1E2",
        "1e400",
        "-1e400",
        "1e-400",
        "2.5e-324",
        "1.7976931348623157e308",
        "1.7976931348623159e308",
        "4.9e-324",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "123456789012345678901234567890",
        "0.30000000000000000000000000000001",
        "1e99999999999",
        "0e99999999999",
        "-1e-99999999999",
        "1.5e2147483648",
        "\"\"",
        "\"a",
        "\"\\",
        "\"\\q\"",
        "\"\\u12\"",
        "\"\\u12g4\"",
        "\"\\uD83D\\uDE00\"",
        "\"\\uD83D\"",
        "\"\\uD83Dx\"",
        "\"\\uD83D\\n\"",
        "\"\\uDE00\"",
        "\"\\uD83D\\uD83D\"",
        "\"\\u0000\\u001f\\u007f\"",
        "\"\u{1}\"",
        "\"tab\there\"",
        "\"é中😀\"",
        "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"",
        "[",
        "[1",
        "[1,",
        "[1,]",
        "[1 2]",
        "[,1]",
        "[]",
        "[ ]",
        "{",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":1",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{1:2}",
        "{\"a\":1 \"b\":2}",
        "{,}",
        "{}",
        "{\"a\":1,\"a\":2}",
        "{\"b\":1,\"a\":[true,null,{\"c\":\"d\"}]}",
        "1 2",
        "[] x",
        "{} }",
        "\n\n  [\n 1,\n x]",
        "[1]\n\n\t",
        "\u{feff}1",
        "+1",
        ".5",
        "NaN",
        "Infinity",
        "[-]",
        "[1.]",
        "[\"\\u\"]",
    ];
    for text in cases {
        assert_same(text);
    }
}

#[test]
fn nesting_stops_where_serde_json_stops() {
    for depth in [126, 127, 128, 129, 300] {
        for (open, close) in [("[", "]"), ("{\"k\":", "}")] {
            let text = format!("{}1{}", open.repeat(depth), close.repeat(depth));
            assert_same(&text);
            assert_same(&open.repeat(depth));
        }
    }
}

#[test]
fn values_write_as_serde_json_writes_them() {
    let text = r#"{"z":[1,-1,0.1,-0.0,1e21,1e-7,123.456,5e-324,1.7976931348623157e308],
        "a":"quote \" backslash \\ nl \n cr \r tab \t nul \u0000 us \u001f del  é 中 😀",
        "m":{"":null,"t":true,"f":false,"e":[],"o":{}}}"#;
    let value = serde(text).unwrap();
    let serde_text = serde_json::to_string(&serde_json::Value::from(value.clone())).unwrap();
    assert_eq!(to_text(&value), serde_text);
    assert_eq!(value.to_string(), serde_text);
    for f in [
        0.1, 1.0, 100.0, 1e15, 1e16, 1e17, 1e21, 1e22, 1e-5, 1e-6, 1e-7, 2.5e-8,
    ] {
        let n = Json::from(f);
        assert_eq!(to_text(&n), serde_json::to_string(&f).unwrap());
    }
    assert_eq!(to_text(&Json::from(f64::NAN)), "null");
}

#[test]
fn float_text_is_rust_display() {
    for f in [
        0.0,
        -0.0,
        1.0,
        4.5,
        0.1,
        1e21,
        1e22,
        1e-7,
        123456.789,
        5e-324,
        1.7976931348623157e308,
        -2.5e-8,
        100.0,
        1e15,
        1e16,
    ] {
        assert_eq!(super::float_text(f), f.to_string(), "{f:e}");
    }
}

/// A JSON value as text with arbitrary whitespace, escapes and numbers.
fn document() -> impl Strategy<Value = String> {
    let ws = prop::sample::select(vec!["", " ", "\n", "\t", "\r\n  "]);
    let number = prop_oneof![
        any::<u64>().prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| format!("{f:e}")),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| f.to_string()),
        "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,25})?([eE][+-]?[0-9]{1,4})?",
    ];
    let string = prop_oneof![
        "[a-z é中😀]{0,8}".prop_map(|s| format!("{s:?}")),
        "(\\\\[\"\\\\/bfnrt]|\\\\u[0-9a-fA-F]{4}|[a-z]){0,6}".prop_map(|s| format!("\"{s}\"")),
    ];
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        number,
        string.clone(),
    ];
    leaf.prop_recursive(5, 48, 6, move |inner| {
        let ws = ws.clone();
        prop_oneof![
            (prop::collection::vec(inner.clone(), 0..6), ws.clone())
                .prop_map(|(items, w)| format!("[{w}{}{w}]", items.join(&format!("{w},"))),),
            (
                prop::collection::vec((string.clone(), inner), 0..6),
                ws.clone()
            )
                .prop_map(|(entries, w)| {
                    let body: Vec<String> =
                        entries.iter().map(|(k, v)| format!("{k}{w}:{v}")).collect();
                    format!("{{{w}{}}}", body.join(","))
                }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn generated_documents_read_and_write_as_with_serde_json(text in document()) {
        assert_same(&text);
    }

    #[test]
    fn damaged_documents_fail_as_with_serde_json(
        text in document(),
        cut in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        byte in prop::sample::select(b"{}[],:\"\\0123456789.eE+-tfnu \x01x".to_vec()),
    ) {
        let bytes = text.as_bytes();
        let cut_at = cut.index(bytes.len() + 1);
        if let Ok(short) = std::str::from_utf8(&bytes[..cut_at]) {
            assert_same(short);
        }
        let i = at.index(bytes.len() + 1);
        let mut inserted = bytes[..i].to_vec();
        inserted.push(byte);
        inserted.extend_from_slice(&bytes[i..]);
        if let Ok(s) = std::str::from_utf8(&inserted) {
            assert_same(s);
        }
        if i < bytes.len() {
            let mut changed = bytes.to_vec();
            changed[i] = byte;
            if let Ok(s) = std::str::from_utf8(&changed) {
                assert_same(s);
            }
        }
    }
}
