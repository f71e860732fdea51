//! Display labels for the statistics: field and value labels in a language,
//! taken from the survey definition behind a record schema (question texts,
//! option texts), the core's label table (`sme_precheck::labels`: outcomes,
//! industry groups, regions, size classes, yes / no / not answered) and, for
//! amount and revenue bands, a range written out from the band code. Ids
//! without a known label are shown as they are.

use std::collections::HashMap;

use sme_precheck::anonymize::{FieldSource, PrecheckItem, RecordSchema};
use sme_precheck::i18n::{Lang, Text};
use sme_precheck::labels::{Domain, NO, NOT_ANSWERED, YES, label};
use sme_precheck::survey::{QuestionKind, Survey};

/// Labels of one schema in one language.
#[derive(Debug, Default, Clone)]
pub struct Labels {
    fields: HashMap<String, String>,
    values: HashMap<(String, String), String>,
}

impl Labels {
    /// The label of a field (its name when unknown).
    pub fn field<'a>(&'a self, name: &'a str) -> &'a str {
        self.fields.get(name).map_or(name, String::as_str)
    }

    /// The label of a value of a field (the value when unknown).
    pub fn value<'a>(&'a self, field: &str, value: &'a str) -> &'a str {
        self.values
            .get(&(field.to_string(), value.to_string()))
            .map_or(value, String::as_str)
    }

    /// Labels of `schema` in `lang`, using `survey` when it is the schema's
    /// survey definition.
    pub fn build(schema: &RecordSchema, survey: Option<&Survey>, lang: Lang) -> Labels {
        let mut l = Labels::default();
        let (yes, no, none) = (YES.get(lang), NO.get(lang), NOT_ANSWERED.get(lang));
        for f in &schema.fields {
            l.values
                .insert((f.name.clone(), "none".into()), none.to_string());
            let question = |id: &str| survey.and_then(|s| s.question(id));
            match &f.source {
                FieldSource::Precheck { item } => {
                    l.fields
                        .insert(f.name.clone(), precheck_field(*item).get(lang).to_string());
                    for v in &f.values {
                        if let Some(t) = precheck_domain(*item).and_then(|d| label(d, v)) {
                            l.values
                                .insert((f.name.clone(), v.clone()), t.get(lang).to_string());
                        }
                    }
                }
                FieldSource::Option {
                    question: q,
                    option,
                } => {
                    if let Some(q) = question(q) {
                        let opt = options(&q.kind)
                            .and_then(|o| o.iter().find(|o| o.id == *option))
                            .map(|o| o.text.get(lang).to_string())
                            .unwrap_or_else(|| option.clone());
                        l.fields
                            .insert(f.name.clone(), format!("{} · {opt}", q.text.get(lang)));
                    }
                    l.values.insert((f.name.clone(), "yes".into()), yes.into());
                    l.values.insert((f.name.clone(), "no".into()), no.into());
                }
                FieldSource::YesNo { question: q } => {
                    if let Some(q) = question(q) {
                        l.fields
                            .insert(f.name.clone(), q.text.get(lang).to_string());
                    }
                    l.values.insert((f.name.clone(), "yes".into()), yes.into());
                    l.values.insert((f.name.clone(), "no".into()), no.into());
                }
                FieldSource::Choice { question: q }
                | FieldSource::TopRanked { question: q }
                | FieldSource::Rating { question: q }
                | FieldSource::Bucket { question: q, .. } => {
                    if let Some(q) = question(q) {
                        l.fields
                            .insert(f.name.clone(), q.text.get(lang).to_string());
                        for o in options(&q.kind).into_iter().flatten() {
                            l.values.insert(
                                (f.name.clone(), o.id.clone()),
                                o.text.get(lang).to_string(),
                            );
                        }
                    }
                }
            }
            // Amount and revenue bands: a readable range for each band code.
            for v in &f.values {
                let key = (f.name.clone(), v.clone());
                if !l.values.contains_key(&key)
                    && let Some(b) = band_label(v, lang)
                {
                    l.values.insert(key, b);
                }
            }
        }
        l
    }
}

fn options(kind: &QuestionKind) -> Option<&Vec<sme_precheck::survey::ChoiceOption>> {
    match kind {
        QuestionKind::Single { options, .. }
        | QuestionKind::Multi { options, .. }
        | QuestionKind::Ranking { options, .. } => Some(options),
        _ => None,
    }
}

/// The label of a record field derived from the pre-check.
fn precheck_field(item: PrecheckItem) -> Text {
    match item {
        PrecheckItem::OutcomeClass => Text("预审结果", "預審結果", "Pre-check outcome"),
        PrecheckItem::RevenueBand => {
            Text("年营业收入区间", "年營業收入區間", "Annual revenue band")
        }
        PrecheckItem::IndustryGroup => Text("行业", "行業", "Industry group"),
        PrecheckItem::RegionGroup => Text("地区", "地區", "Region group"),
        PrecheckItem::SizeClass => Text("企业规模", "企業規模", "Size class"),
    }
}

/// The core's label table that names the values of a pre-check field.
fn precheck_domain(item: PrecheckItem) -> Option<Domain> {
    match item {
        PrecheckItem::OutcomeClass => Some(Domain::Outcome),
        PrecheckItem::IndustryGroup => Some(Domain::IndustryGroup),
        PrecheckItem::RegionGroup => Some(Domain::RegionGroup),
        PrecheckItem::SizeClass => Some(Domain::SizeClass),
        PrecheckItem::RevenueBand => None,
    }
}

/// A readable label for an amount band code such as `lt_500k`, `1m_3m`,
/// `ge_30m` (yuan; `k` thousand, `m` million): "50万元以下", "100万–300万元",
/// "3000万元及以上" / "under CNY 500k", "CNY 1m–3m", "CNY 30m and over".
pub fn band_label(code: &str, lang: Lang) -> Option<String> {
    let yuan = |t: &str| -> Option<u64> {
        let (digits, unit) = t.split_at(t.len().checked_sub(1)?);
        let n: u64 = digits.parse().ok()?;
        match unit {
            "k" => Some(n * 1_000),
            "m" => Some(n * 1_000_000),
            _ => None,
        }
    };
    // Chinese amounts in 万 / 亿 (萬 / 億 in zh-Hant); English keeps the code's unit.
    let amount = |t: &str| -> Option<String> {
        let y = yuan(t)?;
        let (wan, yi) = match lang {
            Lang::ZhHant => ("萬", "億"),
            _ => ("万", "亿"),
        };
        Some(match lang {
            Lang::En => format!("CNY {t}"),
            _ if y >= 100_000_000 && y.is_multiple_of(100_000_000) => {
                format!("{}{yi}", y / 100_000_000)
            }
            _ => format!("{}{wan}", y / 10_000),
        })
    };
    let unit = if lang == Lang::En { "" } else { "元" };
    if let Some(t) = code.strip_prefix("lt_") {
        let a = amount(t)?;
        return Some(match lang {
            Lang::En => format!("under {a}"),
            _ => format!("{a}{unit}以下"),
        });
    }
    if let Some(t) = code.strip_prefix("ge_") {
        let a = amount(t)?;
        return Some(match lang {
            Lang::En => format!("{a} and over"),
            _ => format!("{a}{unit}及以上"),
        });
    }
    let (lo, hi) = code.split_once('_')?;
    let (a, b) = (amount(lo)?, amount(hi)?);
    Some(match lang {
        Lang::En => format!("{a}–{}", b.trim_start_matches("CNY ")),
        _ => format!("{a}–{b}{unit}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_chinese_labels_are_traditional() {
        let schema = RecordSchema::precheck_only();
        let hans = Labels::build(&schema, None, Lang::ZhHans);
        let hant = Labels::build(&schema, None, Lang::ZhHant);
        let en = Labels::build(&schema, None, Lang::En);
        assert_eq!(hans.field("sizeClass"), "企业规模");
        assert_eq!(hant.field("sizeClass"), "企業規模");
        assert_eq!(en.field("sizeClass"), "Size class");
        // Values come from the core's one table.
        let o = sme_precheck::precheck::Outcome::ALL[0];
        assert_eq!(
            hant.value("outcomeClass", o.as_str()),
            o.label(Lang::ZhHant)
        );
        assert_eq!(en.value("outcomeClass", "not_checked"), "Pre-check not run");
        assert_ne!(
            hant.value("regionGroup", "east"),
            hans.value("regionGroup", "east")
        );
        assert_eq!(hans.value("revenueBand", "lt_1m"), "100万元以下");
        assert_eq!(hant.value("revenueBand", "ge_100m"), "1億元及以上");
        assert_eq!(en.value("revenueBand", "5m_10m"), "CNY 5m–10m");
        // No Simplified-only character in any zh-Hant label of the schema.
        for f in &schema.fields {
            let text = std::iter::once(hant.field(&f.name).to_string())
                .chain(f.values.iter().map(|v| hant.value(&f.name, v).to_string()))
                .collect::<String>();
            for ch in [
                "业", "区", "审", "转", "办", "暂", "质", "担", "额", "规", "万", "亿",
            ] {
                assert!(!text.contains(ch), "{}: `{ch}` in {text}", f.name);
            }
        }
    }
}
