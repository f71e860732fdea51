//! The result JSON of a pre-check, written straight into one output (a
//! `String`, or UTF-16 for JavaScript: [`Sink`]):
//! keys and codes as they are, money and rates as two-decimal strings from
//! whole fen, and every reason and change message written by its template
//! directly into the output (escaped on the way), so no message, note or
//! intermediate value is allocated. Byte for byte what serde gives for the
//! [`Evaluation`](super::Evaluation) (compact `serde_json::to_string`);
//! a test below holds the two side by side.

use super::json_sink::{Escaping, Sink};
use super::messages;
use super::{Draft, Drafts, LimitRange, Options, RateRange, Repayment, RepaymentKind};
use crate::branches::Branch;
use crate::catalogue::Catalogue;
use crate::i18n::Lang;
use crate::money::fen_ascii;
use crate::repayment::{Instalment, Method, Plan, Revolving};
use rust_decimal::Decimal;
use std::fmt;

/// Room for the result JSON of `drafts`, in bytes or code units.
pub(super) fn capacity(drafts: &Drafts<'_>, options: Options) -> usize {
    let per_product = if options.schedules { 4096 } else { 768 };
    1024 + per_product * drafts.products.len()
}

/// Writes the result JSON of `drafts` into `sink`.
pub(super) fn write<S: Sink>(sink: S, catalogue: &Catalogue, lang: Lang, drafts: &Drafts<'_>) -> S {
    let mut out = Out(sink);
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
struct Out<S: Sink>(S);

impl<S: Sink> Out<S> {
    /// JSON text that needs no escaping (keys, punctuation, codes).
    fn raw(&mut self, text: &str) {
        self.0.raw(text);
    }

    /// A JSON string.
    fn string(&mut self, text: &str) {
        self.raw("\"");
        self.0.escaped(text);
        self.raw("\"");
    }

    /// The body of a JSON string written by `write` (a message template).
    fn escaped(&mut self, write: impl FnOnce(&mut dyn fmt::Write) -> fmt::Result) {
        // Writing into a String or a Vec cannot fail.
        let _ = write(&mut Escaping(&mut self.0));
    }

    /// Money or a rate: a two-decimal string.
    fn fen(&mut self, amount: Decimal) {
        self.raw("\"");
        self.0.ascii(fen_ascii(amount, &mut [0; 48]));
        self.raw("\"");
    }

    /// A whole number.
    fn number(&mut self, n: u32) {
        let mut digits = [0u8; 20];
        self.0.ascii(crate::json::value::decimal_digits(
            u64::from(n),
            &mut digits,
        ));
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
    use crate::precheck::{Options, evaluate_json_utf16_with, evaluate_json_with, evaluate_with};
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
                        let mut utf16 = vec![1, 2, 3];
                        evaluate_json_utf16_with(
                            &profile_json,
                            catalogue_json,
                            lang,
                            options,
                            &mut utf16,
                        )
                        .unwrap();
                        assert!(utf16.iter().copied().eq(by_serde.encode_utf16()));
                    }
                }
            }
        }
    }
}
