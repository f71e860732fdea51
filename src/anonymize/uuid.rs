//! Random UUID version 4 for record de-duplication: drawn from a
//! [`RandomSource`], formatted and checked in the canonical lowercase form
//! `xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`.

use super::randomized_response::RandomSource;

/// A new random UUID v4 in canonical lowercase form.
pub fn uuid_v4(rng: &mut dyn RandomSource) -> String {
    let mut b = [0u8; 16];
    rng.fill_bytes(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    let mut s = String::with_capacity(36);
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            s.push('-');
        }
        s.push(char::from(HEX[usize::from(byte >> 4)]));
        s.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    s
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// True when `s` is a canonical lowercase UUID v4 with the RFC 4122 variant.
pub fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 36 {
        return false;
    }
    for (i, &c) in b.iter().enumerate() {
        let ok = match i {
            8 | 13 | 18 | 23 => c == b'-',
            14 => c == b'4',
            19 => matches!(c, b'8' | b'9' | b'a' | b'b'),
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(&c),
        };
        if !ok {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymize::randomized_response::SeededRandom;

    #[test]
    fn generated_ids_are_valid_and_distinct() {
        let mut r = SeededRandom::new(5);
        let mut seen = std::collections::HashSet::new();
        for _ in 0..10_000 {
            let id = uuid_v4(&mut r);
            assert!(is_uuid_v4(&id), "{id}");
            assert!(seen.insert(id));
        }
    }

    #[test]
    fn rejects_non_canonical_forms() {
        assert!(is_uuid_v4("3f2b8c1e-5d4a-4b6f-9a7e-1c2d3e4f5a6b"));
        for bad in [
            "",
            "3F2B8C1E-5D4A-4B6F-9A7E-1C2D3E4F5A6B",
            "3f2b8c1e-5d4a-1b6f-9a7e-1c2d3e4f5a6b",
            "3f2b8c1e-5d4a-4b6f-7a7e-1c2d3e4f5a6b",
            "3f2b8c1e5d4a4b6f9a7e1c2d3e4f5a6b",
            "{3f2b8c1e-5d4a-4b6f-9a7e-1c2d3e4f5a6b}",
            "3f2b8c1e-5d4a-4b6f-9a7e-1c2d3e4f5a6g",
        ] {
            assert!(!is_uuid_v4(bad), "{bad}");
        }
    }
}
