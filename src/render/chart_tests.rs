//! Tests of `chart`: the SVG parsed back with `scraper`.

use super::*;
use scraper::{Html, Selector};

fn pt(year: i32, value: f64, label: &str, series: &str) -> Point {
    Point {
        year,
        value,
        value_high: None,
        label: label.into(),
        series: series.into(),
        href: format!("../../plans/x/#t-{year}"),
        uncertain: false,
    }
}

fn sample() -> Vec<Point> {
    let mut range = pt(2025, 3.0, "3—4万家", "乙计划(2024—2025年)");
    range.value_high = Some(4.0);
    let mut doubtful = pt(2024, 3.5, "3.5万家", "乙计划(2024—2025年)");
    doubtful.uncertain = true;
    vec![
        pt(2022, 2.3, "2.3万家", "甲计划2022年"),
        doubtful,
        range,
        pt(2023, 2.6, "2.6万家", "甲计划2022年"),
    ]
}

fn parse(svg: &str) -> Html {
    Html::parse_fragment(svg)
}

fn count(doc: &Html, sel: &str) -> usize {
    doc.select(&Selector::parse(sel).unwrap()).count()
}

fn texts(doc: &Html, sel: &str) -> Vec<String> {
    doc.select(&Selector::parse(sel).unwrap())
        .map(|e| e.text().collect())
        .collect()
}

fn attrs(doc: &Html, sel: &str, name: &str) -> Vec<String> {
    doc.select(&Selector::parse(sel).unwrap())
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

#[test]
fn the_svg_is_accessible_and_describes_every_value() {
    let doc = parse(&svg(&sample(), "万家"));
    assert_eq!(count(&doc, "svg[role=group]"), 1);
    // No style attribute: the pages' Content-Security-Policy refuses it.
    assert_eq!(count(&doc, "[style]"), 0);
    assert_eq!(
        attrs(&doc, "svg", "viewBox")[0].split(' ').nth(2),
        Some("640.0")
    );
    let title = texts(&doc, "svg > title");
    assert_eq!(title, ["目标值（单位：万家）"]);
    let desc = texts(&doc, "svg > desc").join("");
    for want in [
        "甲计划2022年：2022年 2.3万家，2023年 2.6万家",
        "乙计划(2024—2025年)：2024年 3.5万家（存疑），2025年 3—4万家",
        "空心标记表示数值存疑",
    ] {
        assert!(desc.contains(want), "{want} not in {desc}");
    }
    let labelled = &attrs(&doc, "svg", "aria-labelledby")[0];
    let described = &attrs(&doc, "svg", "aria-describedby")[0];
    assert_eq!(count(&doc, &format!("title#{labelled}")), 1, "{labelled}");
    assert_eq!(count(&doc, &format!("desc#{described}")), 1, "{described}");
}

#[test]
fn every_point_is_a_link_with_a_tooltip_and_a_marker() {
    let points = sample();
    let doc = parse(&svg(&points, "万家"));
    assert_eq!(count(&doc, "a"), 4);
    assert_eq!(count(&doc, "a > title"), 4);
    assert_eq!(count(&doc, "a > path.marker"), 4);
    assert_eq!(count(&doc, "path.marker.uncertain"), 1);
    assert_eq!(count(&doc, "a > line.range"), 1);
    let hrefs = attrs(&doc, "a", "href");
    assert!(hrefs.contains(&"../../plans/x/#t-2025".to_string()));
    let tips = texts(&doc, "a > title");
    assert!(tips.contains(&"2024年 3.5万家（存疑） · 乙计划(2024—2025年)".to_string()));
    // The uncertain marker is hollow, the others filled with their colour.
    let fills = attrs(&doc, "path.marker.uncertain", "fill");
    assert_eq!(fills, ["#fff"]);
}

#[test]
fn each_series_has_its_own_colour_shape_line_and_legend_entry() {
    let doc = parse(&svg(&sample(), "万家"));
    assert_eq!(count(&doc, "g.series"), 2);
    assert_eq!(count(&doc, "g.series > polyline"), 2);
    let legend = texts(&doc, "g.legend text");
    assert_eq!(
        legend,
        ["甲计划2022年", "乙计划(2024—2025年)", "空心标记：数值存疑"]
    );
    // The paint is set on each series' group, inherited by line and markers.
    let strokes = attrs(&doc, "g.series", "stroke");
    assert_ne!(strokes[0], strokes[1]);
    // Different shapes: a circle path uses arcs, the square does not.
    let shapes = attrs(&doc, "g.legend path", "d");
    assert!(shapes[0].contains('a') && !shapes[1].contains('a'));
    // Six series get six distinct colour and shape combinations.
    let six: Vec<(&str, usize)> = (0..6).map(style).collect();
    for (i, a) in six.iter().enumerate() {
        assert!(
            six[i + 1..]
                .iter()
                .all(|b| b.0 != a.0 && b.1 % SHAPES != a.1 % SHAPES)
        );
    }
    assert_ne!(style(0), style(6));
}

#[test]
fn ticks_are_integer_years_and_round_values_from_zero() {
    let doc = parse(&svg(&sample(), "万家"));
    assert_eq!(
        texts(&doc, "g.x-axis text.tick"),
        ["2022", "2023", "2024", "2025"]
    );
    assert_eq!(texts(&doc, "g.y-axis text.tick"), ["0", "1", "2", "3", "4"]);
    let pct = [pt(2024, 52.0, "52%", "a"), pt(2025, 53.0, "53%", "a")];
    let doc = parse(&svg(&pct, "%"));
    assert_eq!(texts(&doc, "g.y-axis text.tick"), ["0", "20", "40", "60"]);
    let small = [pt(2024, 0.35, "0.35", "a")];
    let doc = parse(&svg(&small, "亿"));
    assert_eq!(
        texts(&doc, "g.y-axis text.tick"),
        ["0.0", "0.1", "0.2", "0.3", "0.4"]
    );
    let long = [pt(2015, 1.0, "1", "a"), pt(2035, 2.0, "2", "a")];
    let doc = parse(&svg(&long, "个"));
    let years = texts(&doc, "g.x-axis text.tick");
    assert_eq!(years.first().map(String::as_str), Some("2016"));
    assert_eq!(years.len(), 10);
}

#[test]
fn negative_values_extend_the_axis_below_zero() {
    let pts = [pt(2024, -3.0, "-3%", "a"), pt(2025, 4.0, "4%", "a")];
    let doc = parse(&svg(&pts, "%"));
    let ticks = texts(&doc, "g.y-axis text.tick");
    assert_eq!(ticks.first().map(String::as_str), Some("-4"));
    assert!(ticks.contains(&"0".to_string()));
    assert_eq!(ticks.last().map(String::as_str), Some("4"));
}

#[test]
fn a_single_point_sits_in_the_middle_without_a_line() {
    let doc = parse(&svg(&[pt(2025, 30.0, "30家", "只此一家")], "家"));
    assert_eq!(count(&doc, "polyline"), 0);
    assert_eq!(count(&doc, "a"), 1);
    assert_eq!(texts(&doc, "g.x-axis text.tick"), ["2025"]);
    let x = &attrs(&doc, "g.x-axis text.tick", "x")[0];
    assert_eq!(x, &num(LEFT + (WIDTH - RIGHT - LEFT) / 2.0));
    let ticks = texts(&doc, "g.y-axis text.tick");
    assert_eq!(ticks.first().map(String::as_str), Some("0"));
    assert_eq!(ticks.last().map(String::as_str), Some("30"));
}

#[test]
fn no_points_give_an_accessible_empty_chart() {
    let bad = pt(2025, f64::NAN, "?", "a");
    for pts in [vec![], vec![bad]] {
        let out = svg(&pts, "家");
        let doc = parse(&out);
        assert_eq!(count(&doc, "svg[role=group] > title"), 1);
        assert!(texts(&doc, "svg > text").join("").contains("暂无目标值"));
        assert!(!out.contains("NaN"));
    }
}

#[test]
fn text_is_escaped() {
    let mut p = pt(2024, 1.0, "<script>alert(1)</script>", "A & B \"计划\"");
    p.href = "x?a=1&b=\"2\"".into();
    let out = svg(&[p], "<b>家</b>");
    assert!(!out.contains("<script>") && !out.contains("<b>"));
    let doc = parse(&out);
    assert_eq!(count(&doc, "script"), 0);
    assert_eq!(count(&doc, "b"), 0);
    assert_eq!(
        texts(&doc, "a > title"),
        ["2024年 <script>alert(1)</script> · A & B \"计划\""]
    );
    assert_eq!(attrs(&doc, "a", "href"), ["x?a=1&b=\"2\""]);
    assert_eq!(texts(&doc, "g.legend text"), ["A & B \"计划\""]);
    assert_eq!(escape("'<&>\""), "&#39;&lt;&amp;&gt;&quot;");
}

#[test]
fn coordinates_have_one_decimal_and_output_is_deterministic() {
    let pts = [
        pt(2021, 1.0 / 3.0, "1/3", "a"),
        pt(2022, 0.1 + 0.2, "0.3", "b"),
        pt(2023, 2.0 / 3.0, "2/3", "a"),
    ];
    let out = svg(&pts, "个");
    assert_eq!(out, svg(&pts, "个"));
    let doc = parse(&out);
    let one_decimal = regex::Regex::new(r"^-?\d+\.\d$").unwrap();
    for sel in ["line", "text.tick"] {
        for name in ["x", "y", "x1", "x2", "y1", "y2"] {
            for v in attrs(&doc, sel, name) {
                assert!(one_decimal.is_match(&v), "{sel} {name}={v}");
            }
        }
    }
    let numbers = regex::Regex::new(r"-?\d+(\.\d+)?").unwrap();
    for sel in ["path", "polyline"] {
        for name in ["d", "points"] {
            for v in attrs(&doc, sel, name) {
                for m in numbers.find_iter(&v) {
                    let frac = m.as_str().split('.').nth(1).unwrap_or("");
                    assert!(frac.len() <= 1, "{sel} {name}: {v}");
                }
            }
        }
    }
}

#[test]
fn points_of_different_series_in_one_year_are_set_apart() {
    let pts = [pt(2024, 5.0, "5", "a"), pt(2024, 5.0, "5", "b")];
    let doc = parse(&svg(&pts, "个"));
    let d = attrs(&doc, "a > path.marker", "d");
    let first_x = |s: &str| s[1..].split(' ').next().unwrap().parse::<f64>().unwrap();
    assert!((first_x(&d[0]) - first_x(&d[1])).abs() >= 5.0, "{d:?}");
}

#[test]
fn a_point_alone_in_its_year_stays_on_its_tick() {
    let pts = [pt(2022, 5.0, "5", "a"), pt(2024, 5.0, "5", "b")];
    let doc = parse(&svg(&pts, "个"));
    let ticks = attrs(&doc, "g.x-axis text.tick", "x");
    let d = attrs(&doc, "a > path.marker", "d");
    // The circle path starts 5 units left of its centre.
    let x: f64 = d[0][1..].split(' ').next().unwrap().parse().unwrap();
    assert_eq!(num(x + 5.0), ticks[0]);
}

#[test]
fn a_crowded_chart_summarizes_its_description_and_legend() {
    let points: Vec<Point> = (0..40)
        .map(|i| {
            pt(
                2020 + i % 5,
                f64::from(i),
                &format!("{i}个"),
                &format!("计划{i}"),
            )
        })
        .collect();
    let doc = parse(&svg(&points, "个"));
    let desc = texts(&doc, "svg > desc").join("");
    assert!(
        desc.contains("40 个目标值，来自 40 个计划，2020—2024年，数值从 0 到 39"),
        "{desc}"
    );
    assert!(!desc.contains("计划7"), "{desc}");
    // Every point is still a link with its tooltip; one legend line.
    assert_eq!(count(&doc, "a > title"), 40);
    assert_eq!(texts(&doc, "g.legend text").len(), 1);
    assert_eq!(count(&doc, "g.series"), 40);
}
