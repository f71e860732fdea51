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
        let yes_no = |lang: Lang| match lang {
            Lang::En => ("yes", "no", "not answered"),
            Lang::ZhHant => ("是", "否", "未作答"),
            Lang::ZhHans => ("是", "否", "未作答"),
        };
        let (yes, no, none) = yes_no(lang);
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

fn precheck_field(item: PrecheckItem, lang: Lang) -> &'static str {
    let en = lang == Lang::En;
    match item {
        PrecheckItem::OutcomeClass => {
            if en {
                "Pre-check outcome"
            } else {
                "预审结果"
            }
        }
        PrecheckItem::RevenueBand => {
            if en {
                "Annual revenue band"
            } else {
                "年营业收入区间"
            }
        }
        PrecheckItem::IndustryGroup => {
            if en {
                "Industry group"
            } else {
                "行业"
            }
        }
        PrecheckItem::RegionGroup => {
            if en {
                "Region group"
            } else {
                "地区"
            }
        }
        PrecheckItem::SizeClass => {
            if en {
                "Size class"
            } else {
                "企业规模"
            }
        }
    }
}

fn precheck_value(v: &str, lang: Lang) -> Option<&'static str> {
    let en = lang == Lang::En;
    Some(match v {
        "pre_qualified" => {
            if en {
                "Pre-qualified"
            } else {
                "预审通过"
            }
        }
        "pre_qualified_with_review" => {
            if en {
                "Pre-qualified, with review"
            } else {
                "通过（需复核）"
            }
        }
        "needs_collateral" => {
            if en {
                "Needs collateral"
            } else {
                "需抵质押或担保"
            }
        }
        "needs_collateral_or_lower_amount" => {
            if en {
                "Collateral or a lower amount"
            } else {
                "需抵押或降低金额"
            }
        }
        "refer_to_branch" => {
            if en {
                "Refer to a branch"
            } else {
                "转网点办理"
            }
        }
        "not_eligible" => {
            if en {
                "Not eligible"
            } else {
                "暂不符合"
            }
        }
        "not_small_or_micro" => {
            if en {
                "Not small or micro"
            } else {
                "非小微企业"
            }
        }
        "micro" => {
            if en {
                "Micro"
            } else {
                "微型"
            }
        }
        "small" => {
            if en {
                "Small"
            } else {
                "小型"
            }
        }
        "medium" => {
            if en {
                "Medium"
            } else {
                "中型"
            }
        }
        "large" => {
            if en {
                "Large"
            } else {
                "大型"
            }
        }
        _ => return None,
    })
}
