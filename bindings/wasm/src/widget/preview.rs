//! The preview step: builds the anonymized record with the core's
//! `sme_precheck::anonymize::build_record_memoized` (bucketed, randomized on
//! this device with `crypto.getRandomValues`, reusing the device's memoized
//! report of every answer given before) and shows **exactly** that record —
//! as a readable field/value list and as the raw JSON text that the Send
//! button hands to the delivery outbox — with where this week's record of
//! the survey stands (one per device per week).

use rust_decimal::Decimal;
use sme_precheck::anonymize::buckets::revenue_edges;
use sme_precheck::anonymize::{
    FeedbackRecord, FieldSource, IsoWeek, PrecheckInputs, PrecheckItem, RandomSource, RecordSchema,
    WeekStatus, build_record_memoized,
};
use sme_precheck::i18n::Lang;
use sme_precheck::json::{Json as Value, Map};
use sme_precheck::survey::Survey;

use super::dom::{E, text};
use super::i18n::{Tr, money, outcome_label, s, size_label};
use super::survey::{survey_by_key, with_survey};

/// Uniform random bits from the browser's CSPRNG (`crypto.getRandomValues`),
/// fetched 64 words at a time. A failed refill is remembered
/// ([`CryptoRandom::failed`]) and the record built with it is refused:
/// predictable noise would protect no one.
pub struct CryptoRandom {
    buf: [u8; 256],
    pos: usize,
    failed: bool,
}

impl CryptoRandom {
    /// A source with an empty buffer (filled on first use).
    pub fn new() -> CryptoRandom {
        CryptoRandom {
            buf: [0; 256],
            pos: 256,
            failed: false,
        }
    }

    /// True when a refill from `crypto.getRandomValues` failed.
    pub fn failed(&self) -> bool {
        self.failed
    }

    fn refill(&mut self) {
        let crypto = web_sys::window().and_then(|w| w.crypto().ok());
        let filled =
            crypto.is_some_and(|c| c.get_random_values_with_u8_array(&mut self.buf).is_ok());
        self.failed |= !filled;
        self.pos = 0;
    }
}

impl Default for CryptoRandom {
    fn default() -> Self {
        CryptoRandom::new()
    }
}

impl RandomSource for CryptoRandom {
    fn next_u32(&mut self) -> u32 {
        if self.pos + 4 > self.buf.len() {
            self.refill();
        }
        let b = &self.buf[self.pos..self.pos + 4];
        self.pos += 4;
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }
}

thread_local! {
    /// Record schemas of the built-in surveys, built on first use.
    static SCHEMAS: std::cell::RefCell<Vec<RecordSchema>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` with the record schema of `survey` (a built-in survey: the
/// widget has no other).
fn with_schema<R>(survey: &Survey, f: impl FnOnce(&RecordSchema) -> R) -> Result<R, String> {
    let key = survey.key();
    let cached = SCHEMAS.with(|c| c.borrow().iter().any(|s| s.survey == key));
    if !cached {
        let schema = RecordSchema::for_builtin_survey(survey);
        SCHEMAS.with(|c| c.borrow_mut().push(schema));
    }
    SCHEMAS.with(|c| {
        let schemas = c.borrow();
        let schema = schemas.iter().find(|s| s.survey == key);
        schema
            .map(f)
            .ok_or_else(|| format!("no record schema for {key}"))
    })
}

/// Builds the record JSON text for `partner` from the profile JSON object,
/// the pre-check result and the survey answers. Every field reports the
/// device's memoized report of its true value (drawn now, for every value of
/// the field, where none is stored yet; the memo is stored before returning).
pub fn build(
    partner: &str,
    profile: &Value,
    result: Option<&Value>,
    answers: &Map<String, Value>,
) -> Result<String, String> {
    const NO_CSPRNG: &str = "crypto.getRandomValues is unavailable";
    let available = web_sys::window().and_then(|w| w.crypto().ok()).is_some();
    if !available {
        return Err(NO_CSPRNG.to_owned());
    }
    let inputs = PrecheckInputs::from_values(Some(profile), result).map_err(|e| e.to_string())?;
    let week = IsoWeek::from_unix_millis(js_sys::Date::now() as i64);
    let mut rng = CryptoRandom::new();
    let memo = crate::delivery::load_memo();
    let (record, memo) = with_survey(answers, |survey| {
        with_schema(survey, |schema| {
            build_record_memoized(
                schema,
                &inputs,
                &Value::Object(answers.clone()),
                partner,
                week,
                &memo,
                &mut rng,
            )
            .map_err(|e| e.to_string())
        })
    })??;
    if rng.failed() {
        return Err(NO_CSPRNG.to_owned());
    }
    crate::delivery::store_memo(&memo);
    Ok(record.to_json())
}

/// Where this week's record of the previewed record's survey stands.
fn week_status(record_json: &str) -> WeekStatus {
    FeedbackRecord::from_json(record_json)
        .ok()
        .and_then(|r| Some((r.week.parse::<IsoWeek>().ok()?, r.survey)))
        .map_or(WeekStatus::Open, |(week, survey)| {
            crate::delivery::week_status(&survey, week)
        })
}

/// False when this week's record of the survey was already delivered from
/// this device: the preview then offers no Send button (the notice says why).
pub fn can_send(record_json: &str) -> bool {
    week_status(record_json) != WeekStatus::Delivered
}

/// The Send button's text: "Send", or "Replace this week's response" when
/// this week's earlier record still waits in the outbox.
pub fn send_label(lang: Lang, record_json: &str) -> &'static str {
    match week_status(record_json) {
        WeekStatus::Queued(_) => Tr(
            "替换本周反馈",
            "替換本週反饋",
            "Replace this week's response",
        ),
        _ => s::SEND,
    }
    .get(lang)
}

/// The weekly notice (testid `sp-week-notice`, `data-week-status`).
fn week_notice(lang: Lang, record_json: &str) -> E {
    const MEMO: Tr = Tr(
        "在本设备上，同一回答每次都发送首次随机化的结果，重复提交不会透露更多信息。",
        "在本設備上，同一回答每次都發送首次隨機化的結果，重複提交不會透露更多信息。",
        "On this device the same answer always sends the result of its first randomization, so sending again reveals nothing more.",
    );
    let status = week_status(record_json);
    let says = match status {
        WeekStatus::Open => Tr(
            "同一设备每周只计入一份反馈。",
            "同一設備每週只計入一份反饋。",
            "One response per device is counted each week.",
        ),
        WeekStatus::Queued(_) => Tr(
            "本周您已提交过一份反馈，尚未送达。点击“替换本周反馈”将以本份替换之前那份，不会重复计入。",
            "本週您已提交過一份反饋，尚未送達。點擊“替換本週反饋”將以本份替換之前那份，不會重複計入。",
            "You already sent a response this week and it has not reached us yet. “Replace this week's response” sends this one in its place; it is not counted twice.",
        ),
        WeekStatus::Delivered => Tr(
            "本周您的反馈已收到，感谢参与。同一设备每周只计入一份，下周一起可再次提交。",
            "本週您的反饋已收到，感謝參與。同一設備每週只計入一份，下週一起可再次提交。",
            "This week's response from this device is in: thank you. One response per device is counted each week; you can send again from next Monday.",
        ),
    };
    E::new("div")
        .class("sp-note")
        .attr("role", "status")
        .attr("data-week-status", status.as_str())
        .testid("sp-week-notice")
        .child(text("p", says.get(lang)))
        .child(text("p", MEMO.get(lang)))
}

const YES_NO_NONE: [(&str, Tr); 3] = [
    ("yes", Tr("是", "是", "yes")),
    ("no", Tr("否", "否", "no")),
    ("none", Tr("未回答", "未回答", "not answered")),
];

fn precheck_label(item: PrecheckItem) -> Tr {
    match item {
        PrecheckItem::OutcomeClass => Tr("预审结果类别", "預審結果類別", "Pre-check outcome class"),
        PrecheckItem::RevenueBand => Tr("营业收入区间", "營業收入區間", "Revenue band"),
        PrecheckItem::IndustryGroup => Tr("行业大类", "行業大類", "Industry group"),
        PrecheckItem::RegionGroup => Tr("地区大类", "地區大類", "Region group"),
        PrecheckItem::SizeClass => Tr("企业规模", "企業規模", "Size class"),
    }
}

/// A readable `(label, value)` for one record field.
/// A bucket value as an amount range (`¥1,000,000 – ¥3,000,000`,
/// `< 50万元`), from the bucket edges and the field's value labels.
fn bucket_range(edges: &[Decimal], values: &[String], value: &str, lang: Lang) -> Option<String> {
    let i = values.iter().position(|v| v == value)?;
    let m = |d: &Decimal| money(*d, lang);
    match i {
        0 => edges.first().map(|e| format!("< {}", m(e))),
        _ if i == edges.len() => edges.last().map(|e| format!("≥ {}", m(e))),
        _ => Some(format!("{} – {}", m(edges.get(i - 1)?), m(edges.get(i)?))),
    }
}

fn readable(
    survey: &Survey,
    source: &FieldSource,
    values: &[String],
    name: &str,
    value: &str,
    lang: Lang,
) -> (String, String) {
    let q_text = |id: &str| {
        survey
            .question(id)
            .map(|q| q.text.get(lang).to_owned())
            .unwrap_or_else(|| name.to_owned())
    };
    let opt_text = |qid: &str, oid: &str| {
        survey
            .question(qid)
            .and_then(|q| q.kind.options())
            .and_then(|os| os.iter().find(|o| o.id == oid))
            .map(|o| o.text.get(lang).to_owned())
    };
    let yes_no = |v: &str| {
        YES_NO_NONE
            .iter()
            .find(|(k, _)| *k == v)
            .map(|(_, t)| t.get(lang).to_owned())
    };
    let none = |v: &str| (v == "none").then(|| YES_NO_NONE[2].1.get(lang).to_owned());
    let (label, shown) = match source {
        FieldSource::Choice { question } | FieldSource::TopRanked { question } => (
            q_text(question),
            opt_text(question, value).or_else(|| none(value)),
        ),
        FieldSource::Option { question, option } => (
            format!(
                "{} — {}",
                q_text(question),
                opt_text(question, option).unwrap_or_else(|| option.clone())
            ),
            yes_no(value),
        ),
        FieldSource::YesNo { question } => (q_text(question), yes_no(value)),
        FieldSource::Rating { question } => (q_text(question), none(value)),
        FieldSource::Bucket { question, edges } => (
            q_text(question),
            none(value).or_else(|| bucket_range(edges, values, value, lang)),
        ),
        FieldSource::Precheck { item } => {
            let shown = match item {
                PrecheckItem::OutcomeClass => Some(outcome_label(value).get(lang))
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
                PrecheckItem::SizeClass => Some(size_label(value).get(lang))
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
                PrecheckItem::RevenueBand => bucket_range(revenue_edges(), values, value, lang),
                _ => None,
            };
            (precheck_label(*item).get(lang).to_owned(), shown)
        }
    };
    (
        label,
        shown.map_or_else(
            || value.to_owned(),
            |s| {
                if s == value {
                    s
                } else {
                    format!("{s} ({value})")
                }
            },
        ),
    )
}

/// Renders the record: the readable list and the raw JSON.
pub fn render(lang: Lang, record_json: &str) -> E {
    let out = E::new("div").class("sp-preview");
    out.push(E::new("p").class("sp-lead").text(s::PREVIEW_LEAD.get(lang)));
    out.push(week_notice(lang, record_json));
    let Ok(record) = FeedbackRecord::from_json(record_json) else {
        return out.child(
            E::new("pre")
                .class("sp-json")
                .testid("sp-record-json")
                .text(record_json),
        );
    };
    let table = E::new("table")
        .class("sp-record")
        .testid("sp-record-fields");
    table.push(
        E::new("thead").child(
            E::new("tr")
                .child(E::new("th").attr("scope", "col").text(s::FIELD.get(lang)))
                .child(E::new("th").attr("scope", "col").text(s::VALUE.get(lang))),
        ),
    );
    let body = E::new("tbody");
    let row = |label: &str, key: &str, value: &str| {
        E::new("tr")
            .attr("data-field", key)
            .child(
                E::new("th")
                    .attr("scope", "row")
                    .text(label)
                    .child(E::new("code").class("sp-key").text(key)),
            )
            .child(text("td", value))
    };
    body.push(row(
        Tr(
            "记录编号（仅用于去重）",
            "記錄編號（僅用於去重）",
            "Record id (only for de-duplication)",
        )
        .get(lang),
        "id",
        &record.id,
    ));
    body.push(row(Tr("周", "週", "Week").get(lang), "week", &record.week));
    body.push(row(
        Tr("合作方", "合作方", "Partner").get(lang),
        "partner",
        &record.partner,
    ));
    body.push(row(
        Tr("问卷", "問卷", "Survey").get(lang),
        "survey",
        &record.survey,
    ));
    let survey = survey_by_key(&record.survey);
    let _ = survey.as_deref().map(|survey| {
        with_schema(survey, |schema| {
            // In the schema's order (survey order, then pre-check fields),
            // then anything the schema does not know (never expected).
            for spec in &schema.fields {
                if let Some(value) = record.fields.get(&spec.name) {
                    let (label, shown) =
                        readable(survey, &spec.source, &spec.values, &spec.name, value, lang);
                    body.push(row(&label, &spec.name, &shown));
                }
            }
            for (name, value) in record
                .fields
                .iter()
                .filter(|(n, _)| schema.field(n).is_none())
            {
                body.push(row(name, name, value));
            }
        })
    });
    out.child(
        E::new("div")
            .class("sp-table-scroll")
            .attr("tabindex", "0")
            .attr("role", "region")
            .attr("aria-label", s::STEP_PREVIEW.get(lang))
            .child(table.child(body)),
    )
    .child(
        E::new("details")
            .class("sp-raw")
            .child(
                E::new("summary")
                    .testid("sp-record-json-toggle")
                    .text(s::RAW_JSON.get(lang)),
            )
            .child(
                E::new("pre")
                    .class("sp-json")
                    .attr("tabindex", "0")
                    .testid("sp-record-json")
                    .text(record_json),
            ),
    )
}
