//! Inputs on which a fuzz target (fuzz/, run by `scripts/fuzz`) found a
//! panic or a hang, minimized with `cargo fuzz tmin`, each with what the
//! fixed code gives for it. Every case names its target.

use gazette::parse::targets;

/// text: a year printed in Arabic-Indic digits (matched by `\d`, not
/// parsed by `i32::from_str`) panicked in `targets::year_marks`. Such a
/// year is not read; the target still is.
#[test]
fn year_in_arabic_indic_digits_is_no_year() {
    let found = targets::extract("٠٢٤5年");
    assert!(found.iter().all(|t| t.year.is_none()), "{found:?}");
    let found = targets::extract("高新技术企业٢٠٢٥年突破3.8万家");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].value, found[0].year), (Some(3.8), None));
    let ascii = targets::extract("高新技术企业2025年突破3.8万家");
    assert_eq!(ascii[0].year, Some(2025), "{ascii:?}");
}

/// text: a quantity in Bengali digits (৩名) panicked in
/// `targets_quantities::quantities`; digits of other scripts are not
/// numbers.
#[test]
fn quantity_in_bengali_digits_is_no_target() {
    assert_eq!(targets::extract("৩名"), Vec::new());
    assert_eq!(targets::extract("科技型中小企业突破৩万家"), Vec::new());
    let ascii = targets::extract("科技型中小企业突破3万家");
    assert_eq!(ascii.len(), 1, "{ascii:?}");
}
