//! The result JSON of a pre-check, written straight into one `String`:
//! keys and codes as they are, money and rates as two-decimal strings from
//! whole fen, and every reason and change message written by its template
//! directly into the output (escaped on the way), so no message, note or
//! intermediate value is allocated. Byte for byte what serde gives for the
//! [`Evaluation`](super::Evaluation) (compact `serde_json::to_string`);
//! a test below holds the two side by side.

use super::messages;
use super::{Draft, Drafts, LimitRange, Options, RateRange, Repayment, RepaymentKind};
use crate::branches::Branch;
use crate::catalogue::Catalogue;
use crate::i18n::Lang;
use crate::money::push_fen;
use crate::repayment::{Instalment, Method, Plan, Revolving};
use rust_decimal::Decimal;
use std::fmt;

/// The result JSON of `drafts`.
pub(super) fn write(
    catalogue: &Catalogue,
    lang: Lang,
    drafts: &Drafts<'_>,
    options: Options,
) -> String {
    let per_product = if options.schedules { 4096 } else { 768 };
    let mut out = Out(String::with_capacity(
        1024 + per_product * drafts.products.len(),
    ));
    out.raw("{\"lang\":\"");
    out.raw(lang.tag());
    out.raw("\",\"catalogue\":");
    out.string(&catalogue.version);
    out.raw(",\"sizeClass\":\"");
    out.raw(drafts.size_class.as_str());
    out.raw("\",\"notice\":\"");
    let lpr = &catalogue.lpr;
    out.escaped(|w| messages::write_notice(lang, lpr.rate, &lpr.date, w));
    out.raw("\",\"lpr\":");
    out.fen(lpr.rate);
    out.raw(",\"lprDate\":");
    out.string(&lpr.date);
    out.raw(",\"products\":[");
    for (i, draft) in drafts.products.iter().enumerate() {
        if i > 0 {
            out.raw(",");
        }
        out.product(draft, lang);
    }
    out.raw("]}");
    out.0
}

/// The output being written.
struct Out(String);

/// Appends text to a JSON string body, escaped the way serde_json escapes
/// it: `"` and `\`, the control characters (`\b`, `\t`, `\n`, `\f`, `\r`,
/// others as `\u00xx`); everything else as it is.
struct Escaping<'a>(&'a mut String);

impl fmt::Write for Escaping<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        push_escaped(self.0, text);
        Ok(())
    }
}

fn push_escaped(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none needs escaping.
        if let Some(chunk) = bytes.get(i..i + 8)
            && !needs_escape(u64::from_le_bytes([
                chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
            ]))
        {
            i += 8;
            continue;
        }
        let b = bytes[i];
        i += 1;
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        let at = i - 1;
        out.push_str(&text[start..at]);
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            0x08 => out.push_str("\\b"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            0x0C => out.push_str("\\f"),
            b'\r' => out.push_str("\\r"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xF)]));
            }
        }
        start = i;
    }
    out.push_str(&text[start..]);
}

/// Whether any of the eight bytes in `word` is `"`, `\` or below 0x20
/// (bytes of 0x80 and above never are).
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A byte is zero in `x` → its high bit is set in `has_zero(x)`;
    // false positives only next to a true one. The high bit of the
    // original is masked off, so UTF-8 bytes count as above 0x20.
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let below_0x20 = (word & !HIGHS).wrapping_sub(0x20 * ONES) & !word & HIGHS;
    below_0x20
        | has_zero(word ^ (u64::from(b'"') * ONES))
        | has_zero(word ^ (u64::from(b'\\') * ONES))
        != 0
}

impl Out {
    /// JSON text that needs no escaping (keys, punctuation, codes).
    fn raw(&mut self, text: &str) {
        self.0.push_str(text);
    }

    /// A JSON string.
    fn string(&mut self, text: &str) {
        self.0.push('"');
        push_escaped(&mut self.0, text);
        self.0.push('"');
    }

    /// The body of a JSON string written by `write` (a message template).
    fn escaped(&mut self, write: impl FnOnce(&mut dyn fmt::Write) -> fmt::Result) {
        // Writing into a String cannot fail.
        let _ = write(&mut Escaping(&mut self.0));
    }

    /// Money or a rate: a two-decimal string.
    fn fen(&mut self, amount: Decimal) {
        self.0.push('"');
        push_fen(&mut self.0, amount);
        self.0.push('"');
    }

    /// A whole number.
    fn number(&mut self, n: u32) {
        let mut digits = [0u8; 10];
        let mut at = digits.len();
        let mut n = n;
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.0
            .push_str(std::str::from_utf8(&digits[at..]).unwrap_or("0"));
    }

    fn product(&mut self, d: &Draft<'_>, lang: Lang) {
        self.raw("{\"id\":");
        self.string(&d.product.id);
        self.raw(",\"name\":");
        self.string(d.product.name.get(lang));
        self.raw(",\"outcome\":\"");
        self.raw(d.outcome.as_str());
        self.raw("\",\"reasons\":[");
        for (i, r) in d.reasons.iter().enumerate() {
            self.note(i, r.code(), |w| r.write_message(lang, w));
        }
        self.raw("],\"changes\":[");
        for (i, c) in d.changes.iter().enumerate() {
            self.note(i, c.code(), |w| c.write_message(lang, w));
        }
        self.raw("],\"limit\":");
        match &d.limit {
            Some(LimitRange { low, high }) => self.range(*low, *high),
            None => self.raw("null"),
        }
        self.raw(",\"rate\":");
        match &d.rate {
            Some(RateRange { low, high }) => self.range(*low, *high),
            None => self.raw("null"),
        }
        self.raw(",\"repayment\":");
        match &d.repayment {
            Some(r) => self.repayment(r),
            None => self.raw("null"),
        }
        if let Some(branch) = d.referral {
            self.raw(",\"referral\":");
            self.referral(branch, lang);
        }
        self.raw("}");
    }

    fn note(
        &mut self,
        index: usize,
        code: &str,
        message: impl FnOnce(&mut dyn fmt::Write) -> fmt::Result,
    ) {
        if index > 0 {
            self.raw(",");
        }
        self.raw("{\"code\":\"");
        self.raw(code);
        self.raw("\",\"message\":\"");
        self.escaped(message);
        self.raw("\"}");
    }

    fn range(&mut self, low: Decimal, high: Decimal) {
        self.raw("{\"low\":");
        self.fen(low);
        self.raw(",\"high\":");
        self.fen(high);
        self.raw("}");
    }

    fn repayment(&mut self, r: &Repayment) {
        self.raw(match r.kind {
            RepaymentKind::Instalment => "{\"kind\":\"instalment\",\"principal\":",
            RepaymentKind::Revolving => "{\"kind\":\"revolving\",\"principal\":",
        });
        self.fen(r.principal);
        self.raw(",\"termMonths\":");
        self.number(r.term_months);
        self.raw(",\"annualRate\":");
        self.fen(r.annual_rate);
        for (key, plan) in [
            (",\"equalInstalment\":", &r.equal_instalment),
            (",\"equalPrincipal\":", &r.equal_principal),
            (",\"interestFirst\":", &r.interest_first),
        ] {
            if let Some(plan) = plan {
                self.raw(key);
                self.plan(plan);
            }
        }
        if let Some(rev) = &r.revolving {
            self.raw(",\"revolving\":");
            self.revolving(rev);
        }
        self.raw("}");
    }

    fn plan(&mut self, p: &Plan) {
        self.raw(match p.method {
            Method::EqualInstalment => "{\"method\":\"equal_instalment\",\"firstPayment\":",
            Method::EqualPrincipal => "{\"method\":\"equal_principal\",\"firstPayment\":",
            Method::InterestFirst => "{\"method\":\"interest_first\",\"firstPayment\":",
        });
        self.fen(p.first_payment);
        self.raw(",\"lastPayment\":");
        self.fen(p.last_payment);
        self.raw(",\"totalPayment\":");
        self.fen(p.total_payment);
        self.raw(",\"totalInterest\":");
        self.fen(p.total_interest);
        if let Some(rows) = &p.schedule {
            self.raw(",\"schedule\":[");
            for (i, row) in rows.iter().enumerate() {
                if i > 0 {
                    self.raw(",");
                }
                self.instalment(row);
            }
            self.raw("]");
        }
        self.raw("}");
    }

    fn instalment(&mut self, i: &Instalment) {
        self.raw("{\"period\":");
        self.number(i.period);
        self.raw(",\"payment\":");
        self.fen(i.payment);
        self.raw(",\"principal\":");
        self.fen(i.principal);
        self.raw(",\"interest\":");
        self.fen(i.interest);
        self.raw(",\"balance\":");
        self.fen(i.balance);
        self.raw("}");
    }

    fn revolving(&mut self, r: &Revolving) {
        self.raw("{\"dayCount\":");
        self.number(r.day_count);
        self.raw(",\"interestPerDay\":");
        self.fen(r.interest_per_day);
        self.raw(",\"interestPerMonth\":");
        self.fen(r.interest_per_month);
        self.raw(",\"drawMonths\":");
        self.number(r.draw_months);
        self.raw(",\"interestForDraw\":");
        self.fen(r.interest_for_draw);
        self.raw(",\"maxDrawMonths\":");
        self.number(r.max_draw_months);
        self.raw("}");
    }

    fn referral(&mut self, branch: &Branch, lang: Lang) {
        self.raw("{\"name\":");
        self.string(branch.name.get(lang));
        self.raw(",\"city\":");
        self.string(branch.city.get(lang));
        if let Some(address) = &branch.address {
            self.raw(",\"address\":");
            self.string(address.get(lang));
        }
        self.raw("}");
    }
}

#[cfg(test)]
mod tests {
    use crate::catalogue::{Catalogue, DEFAULT_CATALOGUE_JSON};
    use crate::i18n::Lang;
    use crate::precheck::{Options, evaluate_json_with, evaluate_with};
    use crate::profile::Profile;
    use std::path::Path;

    /// Every profile among the shared fixtures.
    fn fixture_profiles() -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/precheck");
        let mut texts = Vec::new();
        for dir in ["cases", "officer", "profiles"] {
            let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.to_string_lossy().ends_with(".json"))
                .collect();
            paths.sort();
            for path in paths {
                let text = std::fs::read_to_string(&path).unwrap();
                if Profile::from_json(&text).is_ok() {
                    texts.push(text);
                }
            }
        }
        assert!(texts.len() > 40, "{} profiles", texts.len());
        texts
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        // Every ASCII character and some UTF-8, at every offset of the
        // eight-byte scan.
        let mut text: String = (0u8..0x80).map(char::from).collect();
        text.push_str("经营快贷\u{7f}é😀\"x");
        for skip in 0..9 {
            let text = &text[skip..];
            let mut out = String::new();
            super::push_escaped(&mut out, text);
            assert_eq!(format!("\"{out}\""), serde_json::to_string(text).unwrap());
        }
    }

    #[test]
    fn written_json_is_what_serde_writes_for_the_evaluation() {
        let regional = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/precheck/catalogues/regional_bank.json"),
        )
        .unwrap();
        // Names and a version that need escaping.
        let escaped = DEFAULT_CATALOGUE_JSON
            .replacen("经营快贷", "经营\\\"快贷\\\\\\n\\t\\u0001", 1)
            .replacen("\"version\":\"", "\"version\":\"q\\\"", 1);
        let parsed = Catalogue::from_json(&escaped).unwrap();
        assert!(parsed.version.starts_with("q\""), "{}", parsed.version);
        assert!(
            parsed.products[0]
                .name
                .get(Lang::ZhHans)
                .contains("\\\n\t\u{1}")
        );
        let catalogues = [None, Some(regional.as_str()), Some(escaped.as_str())];
        for profile_json in fixture_profiles() {
            let profile = Profile::from_json(&profile_json).unwrap();
            for catalogue_json in catalogues {
                let owned = catalogue_json.map(|c| Catalogue::from_json(c).unwrap());
                let catalogue = owned.as_ref().unwrap_or(Catalogue::default_catalogue());
                for lang in Lang::ALL {
                    for schedules in [false, true] {
                        let options = Options { schedules };
                        let by_serde = serde_json::to_string(&evaluate_with(
                            &profile, catalogue, lang, options,
                        ))
                        .unwrap();
                        let written =
                            evaluate_json_with(&profile_json, catalogue_json, lang, options)
                                .unwrap();
                        assert_eq!(written, by_serde, "{profile_json} {lang:?} {schedules}");
                    }
                }
            }
        }
    }
}
