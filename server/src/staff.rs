//! Staff routes behind the bearer token: `GET /v1/stats` (de-biased shares
//! with 95 % intervals per field and per approved cross-tab, slices below
//! the minimum count suppressed) and `GET /v1/export.csv` (the same figures
//! as CSV). Query: `partner` (default all), `from`/`to` (ISO weeks such as
//! `2026-W01`, inclusive, default unbounded), `survey` (default the built-in
//! survey), `lang` (labels: `zh-Hans` default, `zh-Hant`, `en`).

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sme_precheck::anonymize::{Estimate, estimate, estimate_cross_tab};
use sme_precheck::i18n::Lang;

use crate::AppState;
use crate::error::ApiError;
use crate::storage::Filter;

/// One value of a field in the statistics.
#[derive(Debug, Serialize)]
pub struct ValueStat {
    /// Value id.
    pub value: String,
    /// Display label in the requested language.
    pub label: String,
    /// Reported (randomized) count; `null` when suppressed.
    pub count: Option<i64>,
    /// De-biased share in [0, 1]; `null` when suppressed.
    pub share: Option<f64>,
    /// Lower end of the 95 % interval.
    pub low: Option<f64>,
    /// Upper end of the 95 % interval.
    pub high: Option<f64>,
}

/// The statistics of one field.
#[derive(Debug, Serialize)]
pub struct FieldStat {
    /// Field name.
    pub field: String,
    /// Display label in the requested language.
    pub label: String,
    /// Randomized-response budget ε of the field.
    pub epsilon: f64,
    /// Records in the slice.
    pub n: i64,
    /// True when `n` is below the minimum count: no counts, no shares.
    pub suppressed: bool,
    /// Per value, in the schema's order.
    pub values: Vec<ValueStat>,
}

/// One cell of a cross-tab.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CrossStat {
    /// Value of the first field.
    pub value_a: String,
    /// Value of the second field.
    pub value_b: String,
    /// Display label of `value_a`.
    pub label_a: String,
    /// Display label of `value_b`.
    pub label_b: String,
    /// Reported count; `null` when suppressed.
    pub count: Option<i64>,
    /// De-biased joint share; `null` when suppressed.
    pub share: Option<f64>,
    /// Lower end of the 95 % interval.
    pub low: Option<f64>,
    /// Upper end of the 95 % interval.
    pub high: Option<f64>,
}

/// The statistics of one approved cross-tab.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CrossTabStat {
    /// First field.
    pub field_a: String,
    /// Second field.
    pub field_b: String,
    /// Display label of the first field.
    pub label_a: String,
    /// Display label of the second field.
    pub label_b: String,
    /// Records in the slice.
    pub n: i64,
    /// True when `n` is below the minimum count.
    pub suppressed: bool,
    /// Cells, row-major (values of A, then values of B).
    pub cells: Vec<CrossStat>,
}

/// The `GET /v1/stats` response.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Survey version.
    pub survey: String,
    /// Language of the labels.
    pub lang: Lang,
    /// Partner filter (`null` = all partners).
    pub partner: Option<String>,
    /// First week included, if bounded.
    pub from: Option<String>,
    /// Last week included, if bounded.
    pub to: Option<String>,
    /// Smallest slice whose figures are shown.
    pub min_count: u64,
    /// Records in the slice (the largest per-field total).
    pub records: i64,
    /// Partners with data for this survey (for filters).
    pub partners: Vec<String>,
    /// Weeks with data for this survey (for filters).
    pub weeks: Vec<String>,
    /// Per field, in the schema's order.
    pub fields: Vec<FieldStat>,
    /// Per approved cross-tab.
    pub cross_tabs: Vec<CrossTabStat>,
}

/// `GET /v1/stats`.
pub async fn stats(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    authorize(&st, &headers)?;
    let s = compute(&st, &q).await?;
    let mut res = axum::Json(s).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// `GET /v1/export.csv`: one row per field value and per cross-tab cell.
pub async fn export_csv(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    authorize(&st, &headers)?;
    let s = compute(&st, &q).await?;
    let mut out = String::from(
        "survey,partner,from,to,field,value,field_b,value_b,n,count,share,low,high,suppressed\n",
    );
    let head = [
        s.survey.as_str(),
        s.partner.as_deref().unwrap_or("*"),
        s.from.as_deref().unwrap_or(""),
        s.to.as_deref().unwrap_or(""),
    ];
    let num = |v: Option<f64>| v.map(|x| format!("{x:.6}")).unwrap_or_default();
    let cnt = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
    for f in &s.fields {
        for v in &f.values {
            let row = [
                csv(head[0]),
                csv(head[1]),
                csv(head[2]),
                csv(head[3]),
                csv(&f.field),
                csv(&v.value),
                String::new(),
                String::new(),
                f.n.to_string(),
                cnt(v.count),
                num(v.share),
                num(v.low),
                num(v.high),
                f.suppressed.to_string(),
            ];
            out.push_str(&row.join(","));
            out.push('\n');
        }
    }
    for t in &s.cross_tabs {
        for c in &t.cells {
            let row = [
                csv(head[0]),
                csv(head[1]),
                csv(head[2]),
                csv(head[3]),
                csv(&t.field_a),
                csv(&c.value_a),
                csv(&t.field_b),
                csv(&c.value_b),
                t.n.to_string(),
                cnt(c.count),
                num(c.share),
                num(c.low),
                num(c.high),
                t.suppressed.to_string(),
            ];
            out.push_str(&row.join(","));
            out.push('\n');
        }
    }
    Ok(csv_response(out, "precheck-feedback.csv"))
}

/// A CSV download (`text/csv`, attachment `filename`, not cached).
pub(crate) fn csv_response(body: String, filename: &'static str) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// A CSV cell: quoted when needed; a leading `= + - @` is neutralised so a
/// spreadsheet never evaluates it as a formula.
pub(crate) fn csv(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Checks `Authorization: Bearer <token>` in constant time.
pub(crate) fn authorize(st: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or_else(ApiError::unauthorized)?;
    let want = st.admin_token.as_bytes();
    let given = given.as_bytes();
    let mut diff = (want.len() ^ given.len()) as u8 | u8::from(want.len() != given.len());
    for (i, w) in want.iter().enumerate() {
        diff |= w ^ given.get(i).copied().unwrap_or(0);
    }
    if diff == 0 {
        Ok(())
    } else {
        Err(ApiError::unauthorized())
    }
}

/// True for `YYYY-Www` with week 01–53.
pub fn is_week(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 8
        && b[..4].iter().all(u8::is_ascii_digit)
        && &b[4..6] == b"-W"
        && b[6..].iter().all(u8::is_ascii_digit)
        && matches!(s[6..].parse::<u32>(), Ok(1..=53))
}

/// The query parameters every staff route shares, checked.
pub(crate) struct Params {
    /// Survey version.
    pub survey: String,
    /// Label language.
    pub lang: Lang,
    /// Partner filter.
    pub partner: Option<String>,
    /// First week.
    pub from: Option<String>,
    /// Last week.
    pub to: Option<String>,
}

impl Params {
    /// The storage filter of these parameters.
    pub fn filter(&self) -> Filter {
        Filter {
            survey: self.survey.clone(),
            partner: self.partner.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            field: None,
        }
    }
}

/// Parses `partner`, `from`, `to`, `survey`, `lang` and refuses any key
/// outside those and `extra` (400 with a code naming the problem).
pub(crate) fn params(
    st: &AppState,
    q: &HashMap<String, String>,
    extra: &[&str],
) -> Result<Params, ApiError> {
    const SHARED: [&str; 5] = ["partner", "from", "to", "survey", "lang"];
    for k in q.keys() {
        if !SHARED.contains(&k.as_str()) && !extra.contains(&k.as_str()) {
            let all: Vec<&str> = SHARED.iter().chain(extra).copied().collect();
            return Err(ApiError::bad_request(
                "unknown_parameter",
                format!("query parameter `{k}` is not one of {}", all.join(", ")),
            ));
        }
    }
    let survey = nonempty(q, "survey").unwrap_or_else(|| st.schemas.default_survey().to_string());
    if st.schemas.get(&survey).is_none() {
        return Err(ApiError::bad_request(
            "unknown_survey",
            format!("survey: `{survey}` is not a known survey"),
        ));
    }
    let lang = match nonempty(q, "lang") {
        Some(l) => {
            Lang::parse(&l).map_err(|e| ApiError::bad_request("bad_lang", format!("lang: {e}")))?
        }
        None => Lang::default(),
    };
    let partner = nonempty(q, "partner").filter(|p| p != "*");
    let (from, to) = (nonempty(q, "from"), nonempty(q, "to"));
    for (name, w) in [("from", &from), ("to", &to)] {
        if let Some(w) = w
            && !is_week(w)
        {
            return Err(ApiError::bad_request(
                "bad_week",
                format!("{name}: `{w}` is not an ISO week such as 2026-W01"),
            ));
        }
    }
    Ok(Params {
        survey,
        lang,
        partner,
        from,
        to,
    })
}

/// A query value, trimmed, when present and not empty.
pub(crate) fn nonempty(q: &HashMap<String, String>, k: &str) -> Option<String> {
    q.get(k)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Logs a storage failure and answers 503.
pub(crate) fn unavailable(e: crate::storage::StorageError) -> ApiError {
    eprintln!("precheck-server: stats query failed: {e}");
    ApiError::unavailable(
        "storage_unavailable",
        "statistics are unavailable; retry later",
        2,
    )
}

async fn compute(st: &AppState, q: &HashMap<String, String>) -> Result<Stats, ApiError> {
    let Params {
        survey,
        lang,
        partner,
        from,
        to,
    } = params(st, q, &[])?;
    let Some(schema) = st.schemas.get(&survey) else {
        return Err(ApiError::bad_request("unknown_survey", "unknown survey"));
    };
    let labels = st.schemas.labels(&survey, lang);
    let filter = Filter {
        survey: survey.clone(),
        partner: partner.clone(),
        from: from.clone(),
        to: to.clone(),
        field: None,
    };
    let counts = st
        .storage
        .field_counts(&filter)
        .await
        .map_err(unavailable)?;
    let cross = st
        .storage
        .cross_counts(&filter)
        .await
        .map_err(unavailable)?;
    let (partners, weeks) = st
        .storage
        .partners_and_weeks(&survey)
        .await
        .map_err(unavailable)?;
    let min = st.config.min_count;
    let shown = |e: &Estimate, suppressed: bool| {
        if suppressed {
            (None, None, None)
        } else {
            (Some(e.share), Some(e.low), Some(e.high))
        }
    };
    let mut fields = Vec::new();
    let mut records = 0;
    for spec in &schema.fields {
        let c: Vec<i64> = spec
            .values
            .iter()
            .map(|v| {
                counts
                    .get(&(spec.name.clone(), v.clone()))
                    .copied()
                    .unwrap_or(0)
            })
            .collect();
        let n: i64 = c.iter().sum();
        records = records.max(n);
        let suppressed = (n as u64) < min;
        let est = estimate(
            &c.iter().map(|&x| x.max(0) as u64).collect::<Vec<_>>(),
            spec.epsilon,
        );
        let values = spec
            .values
            .iter()
            .zip(c.iter().zip(&est))
            .map(|(v, (&count, e))| {
                let (share, low, high) = shown(e, suppressed);
                ValueStat {
                    value: v.clone(),
                    label: labels.value(&spec.name, v).to_string(),
                    count: (!suppressed).then_some(count),
                    share,
                    low,
                    high,
                }
            })
            .collect();
        fields.push(FieldStat {
            field: spec.name.clone(),
            label: labels.field(&spec.name).to_string(),
            epsilon: spec.epsilon,
            n,
            suppressed,
            values,
        });
    }
    let mut cross_tabs = Vec::new();
    for (a, b) in &schema.cross_tabs {
        let (Some(fa), Some(fb)) = (schema.field(a), schema.field(b)) else {
            continue;
        };
        let mut grid = vec![vec![0u64; fb.values.len()]; fa.values.len()];
        for (cell, n) in &cross {
            if cell.field_a == *a
                && cell.field_b == *b
                && let (Some(i), Some(j)) = (fa.index_of(&cell.value_a), fb.index_of(&cell.value_b))
            {
                grid[i][j] += (*n).max(0) as u64;
            }
        }
        let n: u64 = grid.iter().flatten().sum();
        let suppressed = n < min;
        let est = estimate_cross_tab(&grid, fa.epsilon, fb.epsilon).map_err(|e| {
            eprintln!("precheck-server: cross-tab {a}×{b}: {e}");
            ApiError::unavailable("stats_failed", "statistics are unavailable", 2)
        })?;
        let mut cells = Vec::new();
        for (i, va) in fa.values.iter().enumerate() {
            for (j, vb) in fb.values.iter().enumerate() {
                let (share, low, high) = shown(&est[i][j], suppressed);
                cells.push(CrossStat {
                    value_a: va.clone(),
                    value_b: vb.clone(),
                    label_a: labels.value(a, va).to_string(),
                    label_b: labels.value(b, vb).to_string(),
                    count: (!suppressed).then_some(grid[i][j] as i64),
                    share,
                    low,
                    high,
                });
            }
        }
        cross_tabs.push(CrossTabStat {
            field_a: a.clone(),
            field_b: b.clone(),
            label_a: labels.field(a).to_string(),
            label_b: labels.field(b).to_string(),
            n: n as i64,
            suppressed,
            cells,
        });
    }
    Ok(Stats {
        survey,
        lang,
        partner,
        from,
        to,
        min_count: min,
        records,
        partners,
        weeks,
        fields,
        cross_tabs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_and_csv_cells() {
        assert!(is_week("2026-W01"));
        assert!(is_week("2026-W53"));
        assert!(!is_week("2026-W54"));
        assert!(!is_week("2026-W00"));
        assert!(!is_week("2026W01"));
        assert_eq!(csv("a,b"), "\"a,b\"");
        assert_eq!(csv("=1+1"), "'=1+1");
        assert_eq!(csv("plain"), "plain");
    }
}
