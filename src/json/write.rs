//! [`Json`] to compact JSON text, byte for byte what `serde_json::to_string`
//! writes for the same value: no whitespace, keys in map order, `"`, `\`
//! and control characters escaped (`\n`, `\u001f`; nothing else, non-ASCII
//! as is), floats in their shortest round-trip form (the same formatter as
//! serde_json).

use super::value::Json;

/// The compact JSON text of `value`.
pub fn to_text(value: &Json) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

/// Appends the compact JSON text of `value` to `out`.
pub fn write_value(out: &mut String, value: &Json) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(true) => out.push_str("true"),
        Json::Bool(false) => out.push_str("false"),
        Json::Number(n) => n.write(out),
        Json::String(s) => write_str(out, s),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Json::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(out, k);
                out.push(':');
                write_value(out, v);
            }
            out.push('}');
        }
    }
}

/// Appends `s` as a JSON string literal.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    let mut escape = [0; 6];
    for (i, b) in s.bytes().enumerate() {
        if is_escaped(b) {
            out.push_str(&s[start..i]);
            out.extend(escape_of(b, &mut escape).iter().map(|&e| char::from(e)));
            start = i + 1;
        }
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Whether a byte is escaped in a JSON string: `"`, `\` and the control
/// characters (bytes of UTF-8 sequences never are).
pub(crate) fn is_escaped(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The escape sequence of a byte [`is_escaped`] accepts, as serde_json
/// writes it: `\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, else `\u00xx`.
pub(crate) fn escape_of(b: u8, buf: &mut [u8; 6]) -> &[u8] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        0x08 => b"\\b",
        b'\t' => b"\\t",
        b'\n' => b"\\n",
        0x0C => b"\\f",
        b'\r' => b"\\r",
        _ => {
            *buf = [
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xF)],
            ];
            buf
        }
    }
}
