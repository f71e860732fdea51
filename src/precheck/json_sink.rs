//! Where the result JSON goes: UTF-8 text (a `String`, for the CLI and
//! native callers) or UTF-16 code units (a `Vec<u16>`, for JavaScript,
//! whose engines make a string of UTF-16 several times faster than they
//! decode UTF-8 with Chinese text in it). Strings are escaped with the
//! JSON writer's table (`json::write::escape_of`), as serde_json
//! escapes them; this module adds the eight-bytes-at-a-time scan.

use std::fmt;

use crate::json::write::{escape_of, is_escaped};

/// An output for JSON text.
pub(super) trait Sink {
    /// JSON text that needs no escaping: keys, punctuation, codes.
    fn raw(&mut self, text: &str) {
        self.ascii(text.as_bytes());
    }

    /// ASCII bytes that need no escaping (digits).
    fn ascii(&mut self, text: &[u8]);

    /// Text inside a JSON string, escaped.
    fn escaped(&mut self, text: &str);
}

impl Sink for String {
    fn raw(&mut self, text: &str) {
        self.push_str(text);
    }

    fn ascii(&mut self, text: &[u8]) {
        self.extend(text.iter().map(|&b| char::from(b)));
    }

    fn escaped(&mut self, text: &str) {
        let mut start = 0;
        let mut escape = [0; 6];
        for_each_escape(text, |at| {
            self.push_str(&text[start..at]);
            self.ascii(escape_of(text.as_bytes()[at], &mut escape));
            start = at + 1;
        });
        self.push_str(&text[start..]);
    }
}

impl Sink for Vec<u16> {
    fn ascii(&mut self, text: &[u8]) {
        self.extend(text.iter().map(|&b| u16::from(b)));
    }

    fn escaped(&mut self, text: &str) {
        let bytes = text.as_bytes();
        self.reserve(bytes.len());
        let mut i = 0;
        let mut escape = [0; 6];
        while i < bytes.len() {
            // Eight ASCII bytes at a time while none needs escaping.
            if let Some(chunk) = bytes.get(i..i + 8) {
                let word = word_of(chunk);
                if word & HIGHS == 0 && !needs_escape(word) {
                    self.ascii(chunk);
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            if b < 0x80 {
                if is_escaped(b) {
                    self.ascii(escape_of(b, &mut escape));
                } else {
                    self.push(u16::from(b));
                }
                i += 1;
                continue;
            }
            // A multi-byte character (the text is valid UTF-8, so the
            // sequence is complete).
            let cont = |k: usize| u32::from(bytes[i + k] & 0x3F);
            let (c, len) = match b {
                0xC0..=0xDF => ((u32::from(b & 0x1F) << 6) | cont(1), 2),
                0xE0..=0xEF => ((u32::from(b & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3),
                _ => (
                    (u32::from(b & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
                    4,
                ),
            };
            if let Ok(unit) = u16::try_from(c) {
                self.push(unit);
            } else {
                let c = c - 0x1_0000;
                self.push(0xD800 | (c >> 10) as u16);
                self.push(0xDC00 | (c & 0x3FF) as u16);
            }
            i += len;
        }
    }
}

/// A `fmt::Write` that escapes into a sink: message templates write
/// through it.
pub(super) struct Escaping<'a, S: Sink>(pub &'a mut S);

impl<S: Sink> fmt::Write for Escaping<'_, S> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.0.escaped(text);
        Ok(())
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

fn word_of(chunk: &[u8]) -> u64 {
    u64::from_le_bytes([
        chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
    ])
}

/// Whether any of the eight bytes in `word` is `"`, `\` or below 0x20
/// (bytes of 0x80 and above never are). Exact about "any": a flagged byte
/// next to a true one may be a false alarm, never a miss.
fn needs_escape(word: u64) -> bool {
    // A zero byte in `x` sets its high bit in `has_zero(x)`.
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    // The high bit masked off, then `& !word`: UTF-8 bytes never count.
    let below_0x20 = (word & !HIGHS).wrapping_sub(0x20 * ONES) & !word & HIGHS;
    below_0x20
        | has_zero(word ^ (u64::from(b'"') * ONES))
        | has_zero(word ^ (u64::from(b'\\') * ONES))
        != 0
}

/// Calls `escape(at)` for the offset of every byte of `text` to escape.
fn for_each_escape(text: &str, mut escape: impl FnMut(usize)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8)
            && !needs_escape(word_of(chunk))
        {
            i += 8;
            continue;
        }
        if is_escaped(bytes[i]) {
            escape(i);
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::Sink;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them_in_both_encodings() {
        // Every ASCII character and some UTF-8, at every offset of the
        // eight-byte scan.
        let mut text: String = (0u8..0x80).map(char::from).collect();
        text.push_str("经营快贷\u{7f}é😀\"x𝄞\u{10ffff}abcdefgh");
        for skip in 0..9 {
            let text = &text[skip..];
            let by_serde = serde_json::to_string(text).unwrap();
            let mut utf8 = String::new();
            utf8.escaped(text);
            assert_eq!(format!("\"{utf8}\""), by_serde);
            let mut utf16 = Vec::new();
            utf16.escaped(text);
            let by_serde_16: Vec<u16> = by_serde.encode_utf16().collect();
            assert_eq!(utf16, by_serde_16[1..by_serde_16.len() - 1]);
        }
    }
}
