//! Render helper: an indicator's targets as an inline SVG point-and-line
//! chart, for indicator pages.
//!
//! Input: the points (year, value or range, printed label, series, link)
//! and the unit. Output: one `<svg>` element as a string. Pure and
//! deterministic: coordinates are printed with one decimal, series keep
//! the order in which they first appear, and the same input gives the
//! same bytes.
//!
//! # Drawing
//!
//! * A 640-unit wide `viewBox`, scaled by the stylesheet
//!   (`figure.chart svg`: no `style` attribute, which the pages' CSP
//!   refuses); text uses `currentColor`.
//! * Accessible: `role="group"` (not `img`, whose children are
//!   presentational: its point links would be interactive elements nested
//!   in an image), named by its `<title>` (`aria-labelledby`) and
//!   described by its `<desc>` (`aria-describedby`; in Chinese, listing
//!   every series' values by year).
//! * x axis: years with integer ticks (every 1, 2, 5, 10 … years, at most
//!   11 ticks), padded by half a year so a single year sits in the middle.
//! * y axis: round ticks (1, 2 or 5 × 10ⁿ) from 0 up to the largest value
//!   (down to the smallest when a value is negative), with the unit above.
//! * One colour and marker shape per series (Okabe–Ito colours, safe for
//!   colour-blind readers; six combinations, then they repeat with shifted
//!   shapes), with a legend below. Points of different series in the same
//!   year are set 6 units apart so none hides another.
//! * Each point is an `<a href>` with a `<title>` tooltip (year, label as
//!   printed, series). A range (`value_high`) is a vertical bar from value
//!   to high value with the marker at its middle; the series line joins the
//!   markers in year order. Uncertain points are hollow, and the legend
//!   then says so. Points whose value is not a finite number are left
//!   out; without points the chart says 暂无目标值.

use std::collections::BTreeMap;
use std::fmt::Write;

/// One target on the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub year: i32,
    pub value: f64,
    pub value_high: Option<f64>,
    /// The value as printed, e.g. 3.8万家.
    pub label: String,
    /// Which line the point belongs to, e.g. plan title and edition.
    pub series: String,
    /// Link to the target's anchor.
    pub href: String,
    pub uncertain: bool,
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 28.0;
const PLOT_H: f64 = 220.0;
const ROW: f64 = 20.0;
/// Okabe–Ito colours (without yellow, too pale on white).
const COLOURS: [&str; 6] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
];
const SHAPES: usize = 6;
/// Series past which a chart draws them alike (see [`svg`]).
pub const CROWDED: usize = 12;

pub use crate::render::text::escape;

/// A value as a reader writes it: no trailing zeros (`3.5`, `12`).
fn short(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A coordinate with one decimal, never `-0.0`.
fn num(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    format!("{:.1}", if r == 0.0 { 0.0 } else { r })
}

/// A round step of at least `raw`: 1, 2 or 5 × 10ⁿ.
fn nice_step(raw: f64) -> f64 {
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * mag)
}

/// The y ticks: (low, high, step, decimals).
fn y_ticks(points: &[Point]) -> (f64, f64, f64, usize) {
    let values = points
        .iter()
        .flat_map(|p| std::iter::once(p.value).chain(p.value_high))
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold((0f64, 0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let span = if hi - lo > 0.0 { hi - lo } else { 1.0 };
    let step = nice_step(span / 5.0);
    let low = (lo / step + 1e-9).floor() * step;
    let mut high = (hi / step - 1e-9).ceil() * step;
    if high <= low {
        high = low + step;
    }
    let decimals = (-step.log10().floor()).max(0.0) as usize;
    (low, high, step, decimals)
}

/// The x range (first, last year) and tick step in years.
fn x_ticks(points: &[Point]) -> (i32, i32, i32) {
    let first = points.iter().map(|p| p.year).min().unwrap_or(0);
    let last = points.iter().map(|p| p.year).max().unwrap_or(0);
    let step = [1, 2, 5, 10, 20, 50, 100]
        .into_iter()
        .find(|s| (last - first) / s < 11)
        .unwrap_or(1000);
    (first, last, step)
}

/// A marker path of shape `shape` centred on (x, y).
fn marker(shape: usize, x: f64, y: f64) -> String {
    let p = |dx: f64, dy: f64| format!("{} {}", num(x + dx), num(y + dy));
    let poly = |pts: &[(f64, f64)]| {
        let parts: Vec<String> = pts.iter().map(|&(dx, dy)| p(dx, dy)).collect();
        format!("M{}Z", parts.join("L"))
    };
    match shape % SHAPES {
        0 => format!("M{}a5 5 0 1 0 10 0a5 5 0 1 0 -10 0Z", p(-5.0, 0.0)),
        1 => poly(&[(-4.5, -4.5), (4.5, -4.5), (4.5, 4.5), (-4.5, 4.5)]),
        2 => poly(&[(0.0, -5.5), (5.5, 4.5), (-5.5, 4.5)]),
        3 => poly(&[(0.0, -6.0), (6.0, 0.0), (0.0, 6.0), (-6.0, 0.0)]),
        4 => poly(&[(0.0, 5.5), (5.5, -4.5), (-5.5, -4.5)]),
        _ => poly(&[
            (-2.0, -5.5),
            (2.0, -5.5),
            (2.0, -2.0),
            (5.5, -2.0),
            (5.5, 2.0),
            (2.0, 2.0),
            (2.0, 5.5),
            (-2.0, 5.5),
            (-2.0, 2.0),
            (-5.5, 2.0),
            (-5.5, -2.0),
            (-2.0, -2.0),
        ]),
    }
}

/// Colour and shape of the series at `i`.
fn style(i: usize) -> (&'static str, usize) {
    (COLOURS[i % COLOURS.len()], i + i / COLOURS.len())
}

/// A short deterministic id for the title and description (FNV-1a).
fn chart_id(points: &[Point], unit: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |s: &str| {
        for b in s.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(unit);
    for p in points {
        feed(&format!("{}|{}|{:?}", p.year, p.value, p.value_high));
        feed(&p.label);
        feed(&p.series);
        feed(&p.href);
    }
    format!("chart-{:08x}", h as u32)
}

/// Series names in order of first appearance.
fn series_of(points: &[Point]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for p in points {
        if !out.contains(&p.series.as_str()) {
            out.push(&p.series);
        }
    }
    out
}

/// Points past which the description summarizes instead of listing:
/// the chart stands above the table of every value, which a long
/// description would repeat.
pub const DESCRIBED_POINTS: usize = 30;

/// The description: every series' values by year (a summary past
/// [`DESCRIBED_POINTS`]: how many values, series and years, the range).
fn describe(points: &[Point], series: &[&str], unit: &str) -> String {
    if points.is_empty() {
        return "没有可绘制的目标值。".into();
    }
    if points.len() > DESCRIBED_POINTS {
        let first = points.iter().map(|p| p.year).min().unwrap_or_default();
        let last = points.iter().map(|p| p.year).max().unwrap_or_default();
        let values = points
            .iter()
            .flat_map(|p| std::iter::once(p.value).chain(p.value_high))
            .filter(|v| v.is_finite());
        let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        let years = if first == last {
            format!("{first}年")
        } else {
            format!("{first}—{last}年")
        };
        let mut d = format!(
            "单位：{unit}。{} 个目标值，来自 {} 个计划，{years}，数值从 {} 到 {}；各值见下表。",
            points.len(),
            series.len(),
            short(lo),
            short(hi)
        );
        if points.iter().any(|p| p.uncertain) {
            d.push_str("空心标记表示数值存疑。");
        }
        return d;
    }
    let mut parts = Vec::new();
    for s in series {
        let mut ps: Vec<&Point> = points.iter().filter(|p| p.series == *s).collect();
        ps.sort_by_key(|p| p.year);
        let items: Vec<String> = ps
            .iter()
            .map(|p| {
                let flag = if p.uncertain { "（存疑）" } else { "" };
                format!("{}年 {}{}", p.year, p.label, flag)
            })
            .collect();
        parts.push(format!("{}：{}", s, items.join("，")));
    }
    let mut d = format!("单位：{}。{}。", unit, parts.join("；"));
    if points.iter().any(|p| p.uncertain) {
        d.push_str("空心标记表示数值存疑。");
    }
    d
}

/// The chart of `points`, values in `unit` (see the module notes).
pub fn svg(points: &[Point], unit: &str) -> String {
    let points: Vec<Point> = points
        .iter()
        .filter(|p| p.value.is_finite() && p.value_high.is_none_or(f64::is_finite))
        .cloned()
        .collect();
    let points = points.as_slice();
    let series = series_of(points);
    let any_uncertain = points.iter().any(|p| p.uncertain);
    // Past CROWDED series, colours and shapes would repeat without telling
    // series apart: every series is drawn alike and the legend says so
    // in one line (each point's tooltip names its series).
    let crowded = series.len() > CROWDED;
    let style = |i: usize| if crowded { style(0) } else { style(i) };
    let legend_rows = if crowded { 1 } else { series.len() } + usize::from(any_uncertain);
    let height = TOP + PLOT_H + 44.0 + ROW * legend_rows as f64;
    let id = chart_id(points, unit);
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" role="group" aria-labelledby="{id}-title" aria-describedby="{id}-desc" font-family="sans-serif" font-size="12">"#,
        w = num(WIDTH),
        h = num(height),
    );
    let _ = write!(
        o,
        r#"<title id="{id}-title">目标值（单位：{u}）</title><desc id="{id}-desc">{d}</desc>"#,
        u = escape(unit),
        d = escape(&describe(points, &series, unit)),
    );
    if points.is_empty() {
        let _ = write!(
            o,
            r#"<text x="{}" y="{}" text-anchor="middle" fill="currentColor">暂无目标值</text></svg>"#,
            num(WIDTH / 2.0),
            num(TOP + PLOT_H / 2.0)
        );
        return o;
    }
    let bottom = TOP + PLOT_H;
    let right = WIDTH - RIGHT;
    // Scales.
    let (first, last, xstep) = x_ticks(points);
    let x0 = f64::from(first) - 0.5;
    let x1 = f64::from(last) + 0.5;
    let xs = |year: f64| LEFT + (year - x0) / (x1 - x0) * (right - LEFT);
    let (lo, hi, ystep, decimals) = y_ticks(points);
    let ys = |v: f64| bottom - (v - lo) / (hi - lo) * PLOT_H;
    // Unit, grid and y ticks.
    let _ = write!(
        o,
        r#"<text class="unit" x="{}" y="{}" fill="currentColor">单位：{}</text>"#,
        num(LEFT - 8.0),
        num(TOP - 12.0),
        escape(unit)
    );
    o.push_str(r#"<g class="y-axis" fill="currentColor" stroke-width="1">"#);
    let n = ((hi - lo) / ystep).round() as i64;
    for k in 0..=n {
        let v = lo + k as f64 * ystep;
        let y = num(ys(v));
        let label = format!(
            "{:.*}",
            decimals,
            if v.abs() < ystep / 2.0 { 0.0 } else { v }
        );
        let _ = write!(
            o,
            r##"<line x1="{l}" x2="{r}" y1="{y}" y2="{y}" stroke="#999" stroke-opacity="0.4"/><text class="tick" x="{t}" y="{y}" dy="0.35em" text-anchor="end">{label}</text>"##,
            l = num(LEFT),
            r = num(right),
            t = num(LEFT - 8.0),
        );
    }
    o.push_str("</g>");
    // x axis.
    let _ = write!(
        o,
        r#"<g class="x-axis" fill="currentColor"><line x1="{l}" x2="{r}" y1="{b}" y2="{b}" stroke="currentColor"/>"#,
        l = num(LEFT),
        r = num(right),
        b = num(bottom),
    );
    let start = first.div_euclid(xstep) * xstep;
    for year in (start..=last)
        .step_by(xstep as usize)
        .filter(|y| *y >= first)
    {
        let x = num(xs(f64::from(year)));
        let _ = write!(
            o,
            r#"<line x1="{x}" x2="{x}" y1="{b}" y2="{t}" stroke="currentColor"/><text class="tick" x="{x}" y="{ty}" text-anchor="middle">{year}</text>"#,
            b = num(bottom),
            t = num(bottom + 5.0),
            ty = num(bottom + 20.0),
        );
    }
    o.push_str("</g>");
    // Series: line, then points.
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for p in points {
        let i = series.iter().position(|s| *s == p.series).unwrap_or(0);
        let list = by_year.entry(p.year).or_default();
        if !list.contains(&i) {
            list.push(i);
        }
    }
    let dodge = |i: usize, year: i32| {
        let mut list = by_year.get(&year).cloned().unwrap_or_default();
        list.sort_unstable();
        let k = list.iter().position(|j| *j == i).unwrap_or(0);
        // 6 units apart, closer when a year has so many points that they
        // would spill into the next year (within 0.8 of a year's width).
        let year_width = (right - LEFT) / (x1 - x0);
        let gap = 6f64.min(0.8 * year_width / list.len() as f64);
        (k as f64 - (list.len() as f64 - 1.0) / 2.0) * gap
    };
    for (i, s) in series.iter().enumerate() {
        let (colour, shape) = style(i);
        let mut ps: Vec<&Point> = points.iter().filter(|p| p.series == *s).collect();
        ps.sort_by(|a, b| a.year.cmp(&b.year).then(a.value.total_cmp(&b.value)));
        let at = |p: &Point| {
            let mid = p.value_high.map_or(p.value, |h| (p.value + h) / 2.0);
            (xs(f64::from(p.year)) + dodge(i, p.year), ys(mid))
        };
        // The series' paint is set once on its group, inherited by its
        // line and markers (an uncertain marker overrides the fill).
        let _ = write!(
            o,
            r#"<g class="series" data-series="{}" fill="{colour}" stroke="{colour}" stroke-width="2">"#,
            escape(s)
        );
        if ps.len() > 1 {
            let pts: Vec<String> = ps
                .iter()
                .map(|p| {
                    let (x, y) = at(p);
                    format!("{},{}", num(x), num(y))
                })
                .collect();
            let _ = write!(o, r#"<polyline points="{}" fill="none"/>"#, pts.join(" "));
        }
        for p in ps {
            let (x, y) = at(p);
            let flag = if p.uncertain { "（存疑）" } else { "" };
            let tip = format!("{}年 {}{} · {}", p.year, p.label, flag, p.series);
            let _ = write!(
                o,
                r#"<a href="{}"><title>{}</title>"#,
                escape(&p.href),
                escape(&tip)
            );
            if let Some(h) = p.value_high {
                let _ = write!(
                    o,
                    r#"<line class="range" x1="{x}" x2="{x}" y1="{a}" y2="{b}" stroke-width="6" stroke-opacity="0.35" stroke-linecap="round"/>"#,
                    x = num(x),
                    a = num(ys(p.value)),
                    b = num(ys(h)),
                );
            }
            let _ = write!(
                o,
                r#"<path class="marker{}" d="{}"{}/></a>"#,
                if p.uncertain { " uncertain" } else { "" },
                marker(shape, x, y),
                if p.uncertain { r##" fill="#fff""## } else { "" },
            );
        }
        o.push_str("</g>");
    }
    // Legend.
    o.push_str(r#"<g class="legend" fill="currentColor">"#);
    let mut y = bottom + 44.0;
    if crowded {
        let (colour, shape) = style(0);
        let _ = write!(
            o,
            r#"<path d="{m}" fill="{colour}" stroke="{colour}" stroke-width="2"/><text x="{t}" y="{y}" dy="0.35em">{n} 个计划,每个标记是一个目标(提示中有计划名称)</text>"#,
            m = marker(shape, LEFT + 12.0, y - 4.0),
            t = num(LEFT + 32.0),
            y = num(y - 4.0),
            n = series.len(),
        );
        y += ROW;
    }
    for (i, s) in series.iter().enumerate().filter(|_| !crowded) {
        let (colour, shape) = style(i);
        let _ = write!(
            o,
            r#"<line x1="{a}" x2="{b}" y1="{y}" y2="{y}" stroke="{colour}" stroke-width="2"/><path d="{m}" fill="{colour}" stroke="{colour}" stroke-width="2"/><text x="{t}" y="{y}" dy="0.35em">{s}</text>"#,
            a = num(LEFT),
            b = num(LEFT + 24.0),
            y = num(y - 4.0),
            m = marker(shape, LEFT + 12.0, y - 4.0),
            t = num(LEFT + 32.0),
            s = escape(s),
        );
        y += ROW;
    }
    if any_uncertain {
        let _ = write!(
            o,
            r##"<path d="{m}" fill="#fff" stroke="currentColor" stroke-width="2"/><text x="{t}" y="{y}" dy="0.35em">空心标记：数值存疑</text>"##,
            m = marker(0, LEFT + 12.0, y - 4.0),
            t = num(LEFT + 32.0),
            y = num(y - 4.0),
        );
    }
    o.push_str("</g></svg>");
    o
}

#[cfg(test)]
#[path = "chart_tests.rs"]
mod tests;
