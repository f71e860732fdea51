//! Long-term feedback: one field value week by week, behind the bearer
//! token. `GET /v1/trends` (JSON) and `GET /v1/trends.csv` take the shared
//! staff parameters (`partner`, `from`, `to`, `survey`, `lang`) plus
//! `field` and `value` (required) and `by`:
//!
//! - `by=total` (default): one series, all partners (or the `partner` filter);
//! - `by=partner`: one series per partner, side by side;
//! - `by=survey`: one series per survey version that asks the same question
//!   (the same field with the same values and the same question text), so
//!   versions can be compared where a question is unchanged;
//! - `by=field`: `field` lists several fields (comma-separated) that share
//!   `value`, one series each — e.g. the options of the channel question
//!   (`channel.branch,channel.online,…` = `yes`) side by side.
//!
//! Every ISO week from the first to the last with data is a point: the
//! de-biased share of the value with its 95 % interval, or `suppressed`
//! (no share) when the week has fewer records than the minimum count.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sme_precheck::anonymize::{FieldSpec, IsoWeek, RecordSchema, estimate};
use sme_precheck::i18n::Lang;

use crate::AppState;
use crate::error::ApiError;
use crate::staff::{Params, authorize, csv, csv_response, nonempty, params, unavailable};
use crate::storage::Filter;

/// Longest axis drawn, in weeks (ten years).
const MAX_WEEKS: usize = 520;

/// One week of a series.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    /// ISO week.
    pub week: String,
    /// Records that week.
    pub n: i64,
    /// True when `n` is below the minimum count: no count, no share.
    pub suppressed: bool,
    /// Reported (randomized) count of the value.
    pub count: Option<i64>,
    /// De-biased share.
    pub share: Option<f64>,
    /// Lower end of the 95 % interval.
    pub low: Option<f64>,
    /// Upper end of the 95 % interval.
    pub high: Option<f64>,
}

/// One line of the chart.
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    /// `all`, a partner id, or a survey version.
    pub key: String,
    /// Display label.
    pub label: String,
    /// Survey version the counts come from.
    pub survey: String,
    /// Partner filter of the series (`null` = all partners).
    pub partner: Option<String>,
    /// Field the counts come from.
    pub field: String,
    /// One point per week of [`Trends::weeks`].
    pub points: Vec<Point>,
}

/// The `GET /v1/trends` response.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Trends {
    /// Survey version asked for.
    pub survey: String,
    /// Field name.
    pub field: String,
    /// Value id.
    pub value: String,
    /// Display label of the field.
    pub field_label: String,
    /// Display label of the value.
    pub value_label: String,
    /// Language of the labels.
    pub lang: Lang,
    /// `total`, `partner` or `survey`.
    pub by: String,
    /// Partner filter.
    pub partner: Option<String>,
    /// Smallest week sample whose share is shown.
    pub min_count: u64,
    /// The weeks of the axis, consecutive.
    pub weeks: Vec<String>,
    /// The lines.
    pub series: Vec<Series>,
}

/// `GET /v1/trends`.
pub async fn trends(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    authorize(&st, &headers)?;
    let t = compute(&st, &q).await?;
    let mut res = axum::Json(t).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// `GET /v1/trends.csv`: one row per series and week.
pub async fn trends_csv(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    authorize(&st, &headers)?;
    let t = compute(&st, &q).await?;
    Ok(csv_response(to_csv(&t), "precheck-trends.csv"))
}

/// The CSV text of a trend: `week` first, then the series and the figures.
pub fn to_csv(t: &Trends) -> String {
    let mut out =
        String::from("week,series,survey,partner,field,value,n,count,share,low,high,suppressed\n");
    let num = |v: Option<f64>| v.map(|x| format!("{x:.6}")).unwrap_or_default();
    for s in &t.series {
        for p in &s.points {
            let row = [
                csv(&p.week),
                csv(&s.key),
                csv(&s.survey),
                csv(s.partner.as_deref().unwrap_or("*")),
                csv(&s.field),
                csv(&t.value),
                p.n.to_string(),
                p.count.map(|c| c.to_string()).unwrap_or_default(),
                num(p.share),
                num(p.low),
                num(p.high),
                p.suppressed.to_string(),
            ];
            out.push_str(&row.join(","));
            out.push('\n');
        }
    }
    out
}

/// "All partners" in each language.
fn all_partners(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "All partners",
        Lang::ZhHans | Lang::ZhHant => "全部合作方",
    }
}

/// The survey versions whose schema has `field` with the same values and
/// the same question text as in `schema` (itself included, first).
fn comparable_surveys(st: &AppState, schema: &RecordSchema, spec: &FieldSpec) -> Vec<String> {
    let text = |survey: &str| {
        st.schemas
            .labels(survey, Lang::ZhHans)
            .field(&spec.name)
            .to_string()
    };
    let mine = text(&schema.survey);
    let mut out = vec![schema.survey.clone()];
    for other in st.schemas.surveys() {
        if other.survey == schema.survey {
            continue;
        }
        if let Some(f) = other.field(&spec.name)
            && f.values == spec.values
            && text(&other.survey) == mine
        {
            out.push(other.survey.clone());
        }
    }
    out
}

/// One line before its points: where its counts come from.
struct Source {
    key: String,
    label: String,
    survey: String,
    partner: Option<String>,
    field: String,
    index: usize,
    epsilon: f64,
    weeks: BTreeMap<String, Vec<u64>>,
}

/// The field spec and value index of `field` = `value` in `schema`.
fn field_value<'a>(
    schema: &'a RecordSchema,
    field: &str,
    value: &str,
) -> Result<(&'a FieldSpec, usize), ApiError> {
    let spec = schema.field(field).ok_or_else(|| {
        ApiError::bad_request(
            "unknown_field",
            format!("field: `{field}` is not a field of {}", schema.survey),
        )
    })?;
    let index = spec.index_of(value).ok_or_else(|| {
        ApiError::bad_request(
            "unknown_value",
            format!("value: `{value}` is not a value of {field}"),
        )
    })?;
    Ok((spec, index))
}

async fn compute(st: &AppState, q: &HashMap<String, String>) -> Result<Trends, ApiError> {
    let p: Params = params(st, q, &["field", "value", "by"])?;
    let schema = st
        .schemas
        .get(&p.survey)
        .ok_or_else(|| ApiError::bad_request("unknown_survey", "unknown survey"))?;
    let field_param = nonempty(q, "field").ok_or_else(|| {
        ApiError::bad_request("missing_parameter", "field: name the field to follow")
    })?;
    let value = nonempty(q, "value").ok_or_else(|| {
        ApiError::bad_request("missing_parameter", "value: name the value to follow")
    })?;
    let by = nonempty(q, "by").unwrap_or_else(|| "total".into());
    let fields: Vec<&str> = field_param
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect();
    if !matches!(by.as_str(), "total" | "partner" | "survey" | "field") {
        return Err(ApiError::bad_request(
            "bad_by",
            format!("by: `{by}` is not one of total, partner, survey, field"),
        ));
    }
    if fields.is_empty() || (fields.len() > 1 && by != "field") {
        return Err(ApiError::bad_request(
            "bad_field_list",
            "field: several fields (comma-separated) only with by=field",
        ));
    }
    let (spec, _) = field_value(schema, fields[0], &value)?;
    for f in &fields[1..] {
        field_value(schema, f, &value)?;
    }
    let labels = st.schemas.labels(&p.survey, p.lang);

    // (survey, field) pairs to read: the versions asking the same question,
    // the listed fields side by side, or the one field.
    let reads: Vec<(String, String)> = match by.as_str() {
        "survey" => comparable_surveys(st, schema, spec)
            .into_iter()
            .map(|s| (s, fields[0].to_string()))
            .collect(),
        "field" => fields
            .iter()
            .map(|f| (p.survey.clone(), f.to_string()))
            .collect(),
        _ => vec![(p.survey.clone(), fields[0].to_string())],
    };
    let mut sources = Vec::new();
    for (survey, field) in reads {
        let Some((fspec, index)) = st
            .schemas
            .get(&survey)
            .and_then(|s| field_value(s, &field, &value).ok())
        else {
            continue;
        };
        let filter = Filter {
            survey: survey.clone(),
            field: Some(field.clone()),
            ..p.filter()
        };
        let rows = st
            .storage
            .counter_rows(&filter)
            .await
            .map_err(unavailable)?;
        // Per partner (by=partner) or pooled, per week: counts per value.
        let mut groups: BTreeMap<Option<String>, BTreeMap<String, Vec<u64>>> = BTreeMap::new();
        for r in rows {
            let Some(j) = fspec.index_of(&r.value) else {
                continue;
            };
            let key = (by == "partner").then(|| r.partner.clone());
            let weeks = groups.entry(key).or_default();
            weeks.entry(r.week).or_insert_with(|| vec![0; fspec.k()])[j] += r.count.max(0) as u64;
        }
        if by != "partner" {
            groups.entry(None).or_default();
        }
        for (partner, weeks) in groups {
            let (key, label) = match (&partner, by.as_str()) {
                (Some(pid), _) => (pid.clone(), pid.clone()),
                (None, "survey") => (survey.clone(), survey.clone()),
                (None, "field") => (field.clone(), labels.field(&field).to_string()),
                (None, _) => match &p.partner {
                    Some(pid) => (pid.clone(), pid.clone()),
                    None => ("all".to_string(), all_partners(p.lang).to_string()),
                },
            };
            sources.push(Source {
                key,
                label,
                survey: survey.clone(),
                partner: partner.or(p.partner.clone()),
                field: field.clone(),
                index,
                epsilon: fspec.epsilon,
                weeks,
            });
        }
    }
    let weekly: Vec<&BTreeMap<String, Vec<u64>>> = sources.iter().map(|s| &s.weeks).collect();
    let axis = axis(&weekly, p.from.as_deref(), p.to.as_deref());
    let min = st.config.min_count;
    let series = sources
        .iter()
        .map(|s| Series {
            key: s.key.clone(),
            label: s.label.clone(),
            survey: s.survey.clone(),
            partner: s.partner.clone(),
            field: s.field.clone(),
            points: axis
                .iter()
                .map(|w| point(w, s.weeks.get(w), s.index, s.epsilon, min))
                .collect(),
        })
        .collect();
    Ok(Trends {
        survey: p.survey.clone(),
        field: fields.join(","),
        value: value.clone(),
        field_label: fields
            .iter()
            .map(|f| labels.field(f))
            .collect::<Vec<_>>()
            .join(" / "),
        value_label: labels.value(fields[0], &value).to_string(),
        lang: p.lang,
        by,
        partner: p.partner,
        min_count: min,
        weeks: axis,
        series,
    })
}

/// The consecutive weeks from the first to the last week with data (within
/// `from`..`to`), at most [`MAX_WEEKS`] (the latest ones).
fn axis(
    weekly: &[&BTreeMap<String, Vec<u64>>],
    from: Option<&str>,
    to: Option<&str>,
) -> Vec<String> {
    let parsed = |w: &str| w.parse::<IsoWeek>().ok();
    let mut weeks = weekly
        .iter()
        .flat_map(|m| m.keys())
        .filter_map(|w| parsed(w));
    let Some(first) = weeks.next() else {
        return Vec::new();
    };
    let (mut lo, mut hi) = weeks.fold((first, first), |(a, b), w| (a.min(w), b.max(w)));
    if let Some(f) = from.and_then(parsed) {
        lo = lo.max(f);
    }
    if let Some(t) = to.and_then(parsed) {
        hi = hi.min(t);
    }
    let mut out = Vec::new();
    let mut w = lo;
    while w <= hi {
        out.push(w.to_string());
        w = w.next();
    }
    if out.len() > MAX_WEEKS {
        out.drain(..out.len() - MAX_WEEKS);
    }
    out
}

/// The point of one week: the value's de-biased share among that week's
/// records, or suppressed below `min` records.
fn point(week: &str, counts: Option<&Vec<u64>>, index: usize, eps: f64, min: u64) -> Point {
    let n: u64 = counts.map_or(0, |c| c.iter().sum());
    if n < min || n == 0 {
        return Point {
            week: week.to_string(),
            n: n as i64,
            suppressed: true,
            count: None,
            share: None,
            low: None,
            high: None,
        };
    }
    let counts = counts.map(Vec::as_slice).unwrap_or_default();
    let e = estimate(counts, eps)[index];
    Point {
        week: week.to_string(),
        n: n as i64,
        suppressed: false,
        count: Some(counts[index] as i64),
        share: Some(e.share),
        low: Some(e.low),
        high: Some(e.high),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_fills_gaps_and_honours_the_range() {
        let mut a = BTreeMap::new();
        a.insert("2025-W51".to_string(), vec![1]);
        a.insert("2026-W02".to_string(), vec![1]);
        let weeks = axis(&[&a], None, None);
        assert_eq!(weeks, ["2025-W51", "2025-W52", "2026-W01", "2026-W02"]);
        assert_eq!(
            axis(&[&a], Some("2026-W01"), None),
            ["2026-W01", "2026-W02"]
        );
        assert_eq!(axis(&[&a], None, Some("2025-W51")), ["2025-W51"]);
        assert!(axis(&[], None, None).is_empty());
    }

    #[test]
    fn small_weeks_are_suppressed() {
        let p = point("2026-W01", Some(&vec![3, 4]), 0, 2.0, 10);
        assert!(p.suppressed && p.share.is_none() && p.count.is_none());
        assert_eq!(p.n, 7);
        let p = point("2026-W01", None, 0, 2.0, 0);
        assert!(p.suppressed);
        let p = point("2026-W01", Some(&vec![80, 20]), 0, 2.0, 10);
        assert!(!p.suppressed);
        let (lo, s, hi) = (p.low.unwrap(), p.share.unwrap(), p.high.unwrap());
        assert!(lo < s && s < hi && s > 0.5, "{p:?}");
    }
}
