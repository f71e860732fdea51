//! Display labels for the statistics: field and value labels in a language,
//! taken from the survey definition behind a record schema (question texts,
//! option texts) and, for the pre-check fields, from a small table here.
//! Ids without a known label are shown as they are.

use std::collections::HashMap;

use sme_precheck::anonymize::{FieldSource, PrecheckItem, RecordSchema};
use sme_precheck::i18n::Lang;
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
        let yes = pick(("是", "是", "yes"), lang);
        let no = pick(("否", "否", "no"), lang);
        let none = pick(("未作答", "未作答", "not answered"), lang);
        for f in &schema.fields {
            l.values
                .insert((f.name.clone(), "none".into()), none.to_string());
            let question = |id: &str| survey.and_then(|s| s.question(id));
            match &f.source {
                FieldSource::Precheck { item } => {
                    l.fields
                        .insert(f.name.clone(), precheck_field(*item, lang).to_string());
                    for v in &f.values {
                        if let Some(t) = precheck_value(v, lang) {
                            l.values.insert((f.name.clone(), v.clone()), t.to_string());
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

/// One label in the three languages: zh-Hans, zh-Hant, en.
type Tr = (&'static str, &'static str, &'static str);

fn pick(t: Tr, lang: Lang) -> &'static str {
    match lang {
        Lang::ZhHans => t.0,
        Lang::ZhHant => t.1,
        Lang::En => t.2,
    }
}

fn precheck_field(item: PrecheckItem, lang: Lang) -> &'static str {
    let t: Tr = match item {
        PrecheckItem::OutcomeClass => ("预审结果", "預審結果", "Pre-check outcome"),
        PrecheckItem::RevenueBand => ("年营业收入区间", "年營業收入區間", "Annual revenue band"),
        PrecheckItem::IndustryGroup => ("行业", "行業", "Industry group"),
        PrecheckItem::RegionGroup => ("地区", "地區", "Region group"),
        PrecheckItem::SizeClass => ("企业规模", "企業規模", "Size class"),
    };
    pick(t, lang)
}

fn precheck_value(v: &str, lang: Lang) -> Option<&'static str> {
    let t: Tr = match v {
        "pre_qualified" => ("预审通过", "預審通過", "Pre-qualified"),
        "pre_qualified_with_review" => (
            "通过（需复核）",
            "通過（需複核）",
            "Pre-qualified, with review",
        ),
        "needs_collateral" => ("需抵质押或担保", "需抵質押或擔保", "Needs collateral"),
        "needs_collateral_or_lower_amount" => (
            "需抵押或降低金额",
            "需抵押或降低金額",
            "Collateral or a lower amount",
        ),
        "refer_to_branch" => ("转网点办理", "轉網點辦理", "Refer to a branch"),
        "not_eligible" => ("暂不符合", "暫不符合", "Not eligible"),
        "not_small_or_micro" => ("非小微企业", "非小微企業", "Not small or micro"),
        "micro" => ("微型", "微型", "Micro"),
        "small" => ("小型", "小型", "Small"),
        "medium" => ("中型", "中型", "Medium"),
        "large" => ("大型", "大型", "Large"),
        _ => return None,
    };
    Some(pick(t, lang))
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
        assert_eq!(hant.value("outcomeClass", "refer_to_branch"), "轉網點辦理");
        // No Simplified-only character in any zh-Hant label of the schema.
        for f in &schema.fields {
            let text = std::iter::once(hant.field(&f.name).to_string())
                .chain(f.values.iter().map(|v| hant.value(&f.name, v).to_string()))
                .collect::<String>();
            for ch in ["业", "区", "审", "转", "办", "暂", "质", "担", "额", "规"] {
                assert!(!text.contains(ch), "{}: `{ch}` in {text}", f.name);
            }
        }
    }
}
