//! A picture of the repayments: one bar per month, principal and interest
//! stacked, for one product and method, drawn as SVG through
//! `createElementNS` (presentation attributes and classes only, no inline
//! style, so a strict `style-src 'self'` stays clean). The `<svg>` has
//! `role="img"`, a `<title>` and a `<desc>` summing the plan up; the
//! schedule table next to it carries every figure.
//!
//! [`geometry`] is the pure part: bar rectangles, y-axis ticks at "nice"
//! money values and x-axis ticks at month numbers, in the fixed
//! [`WIDTH`]×[`HEIGHT`] view box, rounded half-up to 0.1 unit.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use sme_precheck::i18n::Lang;
use sme_precheck::precheck::ProductResult;
use sme_precheck::repayment::{Instalment, Method};

use super::super::dom::{E, doc};
use super::super::i18n::{fill, method_label, money_exact};
use super::{method_code, text as t};
use sme_precheck::money::fmt_amount as money;

/// View box width (user units); the stylesheet scales the chart to its box.
pub const WIDTH: u32 = 360;
/// View box height.
pub const HEIGHT: u32 = 200;
/// Plot area: left edge (room for the y labels), right, top, bottom.
pub const PLOT: (u32, u32, u32, u32) = (64, 352, 8, 176);
/// Baseline of the month labels.
pub const X_LABEL_Y: u32 = 192;
/// Widest bar, user units.
const MAX_BAR: u32 = 24;

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// One month's bar: principal at the bottom, interest on top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// 1-based month.
    pub month: u32,
    /// Left edge.
    pub x: Decimal,
    /// Width.
    pub width: Decimal,
    /// Top of the principal part (its bottom is the plot's bottom).
    pub principal_y: Decimal,
    /// Top of the interest part (its bottom is `principal_y`).
    pub interest_y: Decimal,
}

/// A tick on an axis: its value and its position along the axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    /// Money (y axis) or month (x axis).
    pub value: Decimal,
    /// y (y axis) or x of the bar's centre (x axis).
    pub at: Decimal,
}

/// Everything the chart draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Geometry {
    /// One bar per month.
    pub bars: Vec<Bar>,
    /// Horizontal grid lines with money labels, from 0 up to the scale's top.
    pub y_ticks: Vec<Tick>,
    /// Month labels.
    pub x_ticks: Vec<Tick>,
    /// The largest payment and its month.
    pub peak: (u32, Decimal),
}

fn d(n: u32) -> Decimal {
    Decimal::from(n)
}

fn tenth(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
}

/// The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `raw` (> 0).
pub fn nice_step(raw: Decimal) -> Decimal {
    let mut unit = Decimal::ONE;
    while unit * d(10) <= raw {
        unit *= d(10);
    }
    while unit > raw {
        unit /= d(10);
    }
    [1u32, 2, 25, 5, 10]
        .into_iter()
        .map(|m| {
            if m == 25 {
                unit * Decimal::new(25, 1)
            } else {
                unit * d(m)
            }
        })
        .find(|s| *s >= raw)
        .unwrap_or(unit * d(10))
}

/// Month numbers to label: multiples of the smallest of 1, 2, 3, 6, 12, 24,
/// 60 that gives at most six labels.
pub fn month_ticks(months: u32) -> Vec<u32> {
    let step = [1u32, 2, 3, 6, 12, 24, 60]
        .into_iter()
        .find(|s| months.div_ceil(*s) <= 6)
        .unwrap_or(120);
    (1..=months / step).map(|k| k * step).collect()
}

/// Lays out a schedule; `None` when it is empty or pays nothing.
pub fn geometry(schedule: &[Instalment]) -> Option<Geometry> {
    let n = u32::try_from(schedule.len()).ok().filter(|n| *n > 0)?;
    let peak =
        schedule
            .iter()
            .map(|r| (r.period, r.payment))
            .fold(
                (0, Decimal::ZERO),
                |best, x| if x.1 > best.1 { x } else { best },
            );
    if peak.1 <= Decimal::ZERO {
        return None;
    }
    let (left, right, top, bottom) = PLOT;
    let step = nice_step(peak.1 / d(4));
    let scale_top = (peak.1 / step).ceil() * step;
    let height = d(bottom - top);
    let y = |v: Decimal| tenth(d(bottom) - v * height / scale_top);
    let slot = d(right - left) / d(n);
    let width = tenth((slot * Decimal::new(7, 1)).min(d(MAX_BAR)));
    let x_of = |i: u32| d(left) + slot * d(i);
    let bars = schedule
        .iter()
        .zip(0..)
        .map(|(r, i)| Bar {
            month: r.period,
            x: tenth(x_of(i) + (slot - width) / d(2)),
            width,
            principal_y: y(r.principal),
            interest_y: y(r.payment),
        })
        .collect();
    let count = (scale_top / step).to_u32().unwrap_or(0);
    let y_ticks = (0..=count)
        .map(|k| {
            let value = step * d(k);
            Tick {
                value,
                at: y(value),
            }
        })
        .collect();
    let x_ticks = month_ticks(n)
        .into_iter()
        .map(|m| Tick {
            value: d(m),
            at: tenth(x_of(m - 1) + slot / d(2)),
        })
        .collect();
    Some(Geometry {
        bars,
        y_ticks,
        x_ticks,
        peak,
    })
}

/// An SVG element (classes are set with `attr("class", …)`: an SVG
/// element's `className` is read-only).
fn svg(tag: &str) -> E {
    E(doc()
        .create_element_ns(Some(SVG_NS), tag)
        .expect("valid SVG tag name"))
}

/// The chart of `product`'s plan for `method`, with its text alternative
/// and a legend; `None` when the product has no schedule for it.
pub fn render(lang: Lang, product: &ProductResult, method: Method) -> Option<E> {
    let plan = product.repayment.as_ref()?.plan(method)?;
    let schedule = plan.schedule.as_deref()?;
    let g = geometry(schedule)?;
    let (left, right, _, bottom) = PLOT;
    let method_name = method_label(method_code(method)).map_or("", |m| m.get(lang));
    let title_id = format!("sp-chart-t-{}", product.id);
    let desc_id = format!("sp-chart-d-{}", product.id);
    let n = schedule.len().to_string();
    let peak_month = g.peak.0.to_string();
    let desc = fill(
        t::CHART_DESC.get(lang),
        &[
            &n,
            &money_exact(plan.first_payment, lang),
            &money_exact(plan.last_payment, lang),
            &money_exact(g.peak.1, lang),
            &peak_month,
            &money_exact(plan.total_interest, lang),
            &money_exact(plan.total_payment, lang),
        ],
    );
    let root = svg("svg")
        .attr("viewBox", &format!("0 0 {WIDTH} {HEIGHT}"))
        .attr("class", "sp-chart")
        .attr("role", "img")
        .attr("aria-labelledby", &format!("{title_id} {desc_id}"))
        .attr("data-testid", "sp-chart")
        .attr("data-method", method_code(method))
        .child(svg("title").attr("id", &title_id).text(&fill(
            t::CHART_TITLE.get(lang),
            &[&product.name, method_name],
        )))
        .child(svg("desc").attr("id", &desc_id).text(&desc));
    let grid = svg("g").attr("class", "sp-chart-grid");
    let labels = svg("g")
        .attr("class", "sp-chart-y")
        .attr("text-anchor", "end");
    for tick in &g.y_ticks {
        let at = tick.at.to_string();
        grid.push(
            svg("line")
                .attr("x1", &left.to_string())
                .attr("x2", &right.to_string())
                .attr("y1", &at)
                .attr("y2", &at),
        );
        labels.push(
            svg("text")
                .attr("x", &(left - 6).to_string())
                .attr("y", &(tick.at + Decimal::new(4, 0)).to_string())
                .text(&money(tick.value, lang)),
        );
    }
    let bars = svg("g").attr("class", "sp-chart-bars");
    let base = d(bottom);
    for b in &g.bars {
        let (x, w) = (b.x.to_string(), b.width.to_string());
        // Principal from the baseline up, interest on top of it.
        for (class, top, below) in [
            ("sp-bar-p", b.principal_y, base),
            ("sp-bar-i", b.interest_y, b.principal_y),
        ] {
            bars.push(
                svg("rect")
                    .attr("class", class)
                    .attr("x", &x)
                    .attr("width", &w)
                    .attr("y", &top.to_string())
                    .attr("height", &(below - top).to_string()),
            );
        }
    }
    let months = svg("g")
        .attr("class", "sp-chart-x")
        .attr("text-anchor", "middle");
    for tick in &g.x_ticks {
        months.push(
            svg("text")
                .attr("x", &tick.at.to_string())
                .attr("y", &X_LABEL_Y.to_string())
                .text(&tick.value.to_string()),
        );
    }
    let root = root.child(grid).child(bars).child(labels).child(months);
    let legend = E::new("p")
        .class("sp-legend")
        .attr("aria-hidden", "true")
        .child(E::new("span").class("sp-swatch sp-swatch-p"))
        .child(E::new("span").text(t::PRINCIPAL.get(lang)))
        .child(E::new("span").class("sp-swatch sp-swatch-i"))
        .child(E::new("span").text(t::INTEREST.get(lang)))
        .child(
            E::new("span")
                .class("sp-legend-x")
                .text(t::CHART_X.get(lang)),
        );
    Some(
        E::new("figure")
            .class("sp-chart-box")
            .child(root)
            .child(legend),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use sme_precheck::repayment::plan;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(dec("8395.83")), dec("10000"));
        assert_eq!(nice_step(dec("0.7")), dec("1"));
        assert_eq!(nice_step(dec("1")), dec("1"));
        assert_eq!(nice_step(dec("1.2")), dec("2"));
        assert_eq!(nice_step(dec("2.1")), dec("2.5"));
        assert_eq!(nice_step(dec("2600")), dec("5000"));
        assert_eq!(nice_step(dec("5001")), dec("10000"));
    }

    #[test]
    fn month_labels() {
        assert_eq!(month_ticks(1), vec![1]);
        assert_eq!(month_ticks(3), vec![1, 2, 3]);
        assert_eq!(month_ticks(12), vec![2, 4, 6, 8, 10, 12]);
        assert_eq!(month_ticks(13), vec![3, 6, 9, 12]);
        assert_eq!(month_ticks(36), vec![6, 12, 18, 24, 30, 36]);
        assert_eq!(month_ticks(360), vec![60, 120, 180, 240, 300, 360]);
    }

    /// 100,000 at 3.00 % over 3 months, equal principal. By hand:
    /// payments 33,583.33 / 33,500.00 / 33,416.67 (principal 33,333.33,
    /// 33,333.33, 33,333.34). Scale: 33,583.33 / 4 = 8,395.83 → step
    /// 10,000, top 40,000; 168 units / 40,000 = 0.0042 per yuan.
    /// Bars: slot 288 / 3 = 96, width min(67.2, 24) = 24, x = 64 + 96 i + 36.
    #[test]
    fn geometry_of_a_small_plan_by_hand() {
        let p = plan(Method::EqualPrincipal, dec("100000"), dec("3.00"), 3, true);
        let g = geometry(p.schedule.as_deref().unwrap()).unwrap();
        assert_eq!(g.peak, (1, dec("33583.33")));
        let ticks: Vec<(Decimal, Decimal)> = g.y_ticks.iter().map(|t| (t.value, t.at)).collect();
        assert_eq!(
            ticks,
            vec![
                (dec("0"), dec("176")),
                (dec("10000"), dec("134")),
                (dec("20000"), dec("92")),
                (dec("30000"), dec("50")),
                (dec("40000"), dec("8")),
            ]
        );
        let want = [
            // 176 − 33,333.33 × 0.0042 = 36.000014 → 36.0;
            // 176 − 33,583.33 × 0.0042 = 34.950014 → 35.0.
            (1, "100", "36.0", "35.0"),
            // 33,500.00 → 35.3 exactly.
            (2, "196", "36.0", "35.3"),
            // 33,333.34 → 35.999972 → 36.0; 33,416.67 → 35.649986 → 35.6.
            (3, "292", "36.0", "35.6"),
        ];
        assert_eq!(g.bars.len(), 3);
        for (bar, (month, x, py, iy)) in g.bars.iter().zip(want) {
            assert_eq!(bar.month, month);
            assert_eq!(bar.x, dec(x), "x of month {month}");
            assert_eq!(bar.width, dec("24"));
            assert_eq!(bar.principal_y, dec(py), "principal top of month {month}");
            assert_eq!(bar.interest_y, dec(iy), "interest top of month {month}");
        }
        let xs: Vec<(Decimal, Decimal)> = g.x_ticks.iter().map(|t| (t.value, t.at)).collect();
        assert_eq!(
            xs,
            vec![
                (dec("1"), dec("112")),
                (dec("2"), dec("208")),
                (dec("3"), dec("304"))
            ]
        );
    }

    /// 36 months: slot 8, bar 5.6 wide; the interest-first balloon is the
    /// peak and sits at the top of the scale or below it.
    #[test]
    fn interest_first_peaks_in_the_last_month() {
        let p = plan(Method::InterestFirst, dec("1000000"), dec("4.35"), 36, true);
        let g = geometry(p.schedule.as_deref().unwrap()).unwrap();
        assert_eq!(g.peak.0, 36);
        assert_eq!(g.bars[0].width, dec("5.6"));
        assert_eq!(g.bars[0].x, dec("65.2"));
        assert_eq!(g.bars[35].x, dec("345.2"));
        // Principal is repaid only at the end: earlier bars have no principal.
        assert!(g.bars[..35].iter().all(|b| b.principal_y == dec("176")));
        let top = g.y_ticks.last().unwrap();
        assert!(top.value >= g.peak.1 && top.at == dec("8"));
        assert!(g.bars[35].interest_y >= dec("8"));
    }

    #[test]
    fn nothing_to_draw() {
        assert!(geometry(&[]).is_none());
        let p = plan(Method::EqualInstalment, Decimal::ZERO, dec("3"), 3, true);
        assert!(geometry(p.schedule.as_deref().unwrap()).is_none());
    }
}
