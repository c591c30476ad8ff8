//! The default theme's colour pairs meet WCAG AA (4.5:1 for text), read
//! from the custom properties of theme/static/style.css.

use std::collections::BTreeMap;

fn colours() -> BTreeMap<String, String> {
    let css = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/theme/static/style.css"
    ))
    .unwrap();
    let root = &css[css.find(":root").unwrap()..];
    let root = &root[..root.find('}').unwrap()];
    root.split(';')
        .filter_map(|decl| {
            let decl = &decl[decl.find("--")?..];
            let (k, v) = decl.split_once(':')?;
            let (k, v) = (k.trim(), v.trim());
            (k.starts_with("--") && v.starts_with('#')).then(|| (k.to_string(), v.to_string()))
        })
        .collect()
}

fn luminance(hex: &str) -> f64 {
    let h = hex.trim_start_matches('#');
    let channel = |i: usize| {
        let c = u8::from_str_radix(&h[i..i + 2], 16).unwrap() as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn text_colours_meet_aa_on_their_backgrounds() {
    let c = colours();
    let pairs = [
        ("--fg", "--bg"),
        ("--fg", "--soft"),
        ("--fg", "--mark"),
        ("--muted", "--bg"),
        ("--muted", "--soft"),
        ("--accent", "--bg"),
        ("--accent", "--soft"),
        ("--accent", "--shade-1"),
        ("--badge", "--bg"),
        ("--on-shade", "--shade-2"),
        ("--on-shade", "--shade-3"),
        ("--on-shade", "--shade-4"),
    ];
    let mut failing = Vec::new();
    for (fg, bg) in pairs {
        let (a, b) = (&c[fg], &c[bg]);
        let r = contrast(a, b);
        if r < 4.5 {
            failing.push(format!("{fg} {a} on {bg} {b}: {r:.2}"));
        }
    }
    assert!(failing.is_empty(), "below 4.5:1: {failing:?}");
    // The header: white on the dark accent.
    assert!(contrast("#ffffff", &c["--accent-dark"]) >= 4.5);
    // The check itself can fail: the accent on the darkest shade is not enough.
    assert!(contrast(&c["--accent"], &c["--shade-3"]) < 4.5);
}
