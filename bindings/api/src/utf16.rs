//! UTF-8 text as UTF-16 code units, for strings handed to JavaScript:
//! engines build a JS string from UTF-16 far faster than they decode UTF-8
//! with non-ASCII text (Node 20's `TextDecoder` spends ~5 ns per byte of
//! Chinese text, ~14 µs for one pre-check result).

/// Writes the UTF-16 code units of `text` into `out` (replacing what it
/// held). ASCII goes eight bytes at a time; other characters are decoded
/// one by one (the text is valid UTF-8, so every sequence is complete).
pub fn encode_into(text: &str, out: &mut Vec<u16>) {
    let bytes = text.as_bytes();
    // Never more code units than bytes.
    out.clear();
    out.resize(bytes.len(), 0);
    let (mut i, mut n) = (0, 0);
    while i < bytes.len() {
        if let (Some(src), Some(dst)) = (bytes.get(i..i + 8), out.get_mut(n..n + 8)) {
            let word = u64::from_le_bytes([
                src[0], src[1], src[2], src[3], src[4], src[5], src[6], src[7],
            ]);
            if word & 0x8080_8080_8080_8080 == 0 {
                for (d, s) in dst.iter_mut().zip(src) {
                    *d = u16::from(*s);
                }
                i += 8;
                n += 8;
                continue;
            }
        }
        let b = bytes[i];
        let cont = |k: usize| u32::from(bytes[i + k] & 0x3F);
        let (c, len) = match b {
            0x00..=0x7F => (u32::from(b), 1),
            0xC0..=0xDF => ((u32::from(b & 0x1F) << 6) | cont(1), 2),
            0xE0..=0xEF => ((u32::from(b & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3),
            _ => (
                (u32::from(b & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
                4,
            ),
        };
        if c < 0x1_0000 {
            out[n] = c as u16;
            n += 1;
        } else {
            let c = c - 0x1_0000;
            out[n] = 0xD800 | (c >> 10) as u16;
            out[n + 1] = 0xDC00 | (c & 0x3FF) as u16;
            n += 2;
        }
        i += len;
    }
    out.truncate(n);
}

#[cfg(test)]
mod tests {
    use super::encode_into;

    #[test]
    fn matches_the_standard_library() {
        let mut out = vec![1, 2, 3];
        for text in [
            "",
            "a",
            "plain ascii text that is longer than eight bytes",
            "经营快贷（法人版）: 申请金额200万元在估算额度300万元以内",
            "mixed 𝄞 emoji 😀 and é, ü, ß — dashes",
            "1234567\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
            "😀😀😀😀😀😀😀😀x",
        ] {
            encode_into(text, &mut out);
            assert_eq!(out, text.encode_utf16().collect::<Vec<_>>(), "{text}");
        }
    }
}
