//! Tests of `departments`: the shipped table, aliases, placeholders,
//! levels, and names of any province, city and county resolved alone and
//! in their clause's scope (invented names of the genre).

use super::*;
use std::collections::HashMap;

fn known(s: &str) -> Resolution {
    Resolution::Known(s.to_string())
}

#[test]
fn aliases_and_abbreviations_map_to_canonical_names() {
    let t = DepartmentTable::builtin();
    for (printed, canonical) in [
        ("省住房和城乡建设厅", "省住房城乡建设厅"),
        ("省发改委", "省发展改革委"),
        ("省工信厅", "省工业和信息化厅"),
        ("省人社厅", "省人力资源社会保障厅"),
        ("省工信和信息化厅", "省工业和信息化厅"),
        ("中国人民银行山东省分行", "人民银行山东省分行"),
        ("国家金融监督管理总局青岛监管局", "金融监管总局青岛监管局"),
        ("山东省知识产权局", "省知识产权局"),
        ("省港口集团有限公司", "山东港口集团"),
        ("国家发改委", "国家发展改革委"),
        (
            "省委统筹疫情防控和经济运行工作领导小组(指挥部)办公室",
            "省委统筹疫情防控和经济运行工作领导小组办公室",
        ),
    ] {
        assert_eq!(t.resolve(printed), known(canonical), "{printed}");
    }
}

#[test]
fn cleaning_folds_width_and_trims() {
    let t = DepartmentTable::builtin();
    assert_eq!(t.resolve(" 省财政厅等、"), known("省财政厅"));
    assert_eq!(t.resolve("由省科技厅"), known("省科技厅"));
    assert_eq!(t.resolve("请省教育厅"), known("省教育厅"));
    assert_eq!(t.resolve("省财政厅；"), known("省财政厅"));
    assert_eq!(t.resolve("省 财政厅"), known("省财政厅"));
    assert_eq!(t.resolve("山东省财政厅"), known("省财政厅"));
    assert_eq!(
        t.resolve("省委统筹疫情防控和经济运行工作领导小组（指挥部）办公室"),
        known("省委统筹疫情防控和经济运行工作领导小组办公室")
    );
    assert_eq!(clean_name("(省财政厅)"), "省财政厅");
    assert_eq!(clean_name("各县(市、区)"), "各县(市、区)");
}

#[test]
fn related_bodies_stay_apart() {
    let t = DepartmentTable::builtin();
    for (a, b) in [
        ("省发展改革委", "省能源局"),
        ("省自然资源厅", "省海洋局"),
        ("省农业农村厅", "省畜牧局"),
        ("省委金融办", "省地方金融监管局"),
        ("省市场监管局", "省知识产权局"),
        ("人民银行山东省分行", "人民银行济南分行"),
    ] {
        assert_ne!(t.resolve(a), t.resolve(b));
        assert!(matches!(t.resolve(a), Resolution::Known(_)), "{a}");
        assert!(matches!(t.resolve(b), Resolution::Known(_)), "{b}");
    }
}

#[test]
fn renamed_bodies_have_successors() {
    let t = DepartmentTable::builtin();
    assert_eq!(t.successor("山东银保监局"), Some("金融监管总局山东监管局"));
    assert_eq!(t.successor("人民银行济南分行"), Some("人民银行山东省分行"));
    assert_eq!(t.successor("省发展改革委"), None);
    assert_eq!(t.current("银监会"), "金融监管总局");
    assert_eq!(t.current("省财政厅"), "省财政厅");
    // Every successor is itself a department of the table.
    for d in &t.departments {
        if let Some(s) = &d.successor {
            assert_eq!(t.resolve(s), known(s));
        }
    }
}

#[test]
fn placeholders_are_not_departments() {
    let t = DepartmentTable::builtin();
    for p in [
        "省有关部门",
        "省有关部门、单位",
        "有关部门、单位",
        "各部门",
        "各市",
        "各级各部门",
        "省级行政执法机关",
        "各市党委人才工作领导小组",
        "有关市政府",
        "相关数源部门",
        "省委科技创新委员会各成员单位",
        "省经济安全工作协调机制成员单位",
        "国务院有关部门",
        "区直各部门",
        "县级有关单位",
        "市政府各部门",
        "街道办事处",
        "乡镇(街道)",
    ] {
        assert_eq!(t.resolve(p), Resolution::Placeholder(p.to_string()), "{p}");
    }
}

#[test]
fn unknown_and_invalid_names() {
    let t = DepartmentTable::builtin();
    assert_eq!(
        t.resolve("国家知识产权局运用促进司"),
        Resolution::Unknown("国家知识产权局运用促进司".to_string())
    );
    assert_eq!(
        t.resolve("省新设数字局"),
        Resolution::Unknown("省新设数字局".to_string())
    );
    for bad in [
        "",
        "、;",
        "等",
        "加快推进科技创新,提升产业链现代化水平,确保任务落实到位",
        "完善工作机制。",
        "省科技厅牵头负责科技研发创新行动计划落实",
        "5G",
    ] {
        assert_eq!(t.resolve(bad), Resolution::Invalid, "{bad}");
    }
}

#[test]
fn aliases_lists_the_table_entries() {
    let t = DepartmentTable::builtin();
    let a = t.aliases("省发展改革委");
    assert!(a.contains(&"省发改委".to_string()));
    assert!(a.contains(&"山东省发展和改革委员会".to_string()));
    assert!(t.aliases("没有这个部门").is_empty());
}

#[test]
fn builtin_table_is_consistent() {
    let t = DepartmentTable::builtin();
    assert!(t.departments.len() > 150);
    for d in &t.departments {
        // Every canonical name resolves to itself and every alias to it.
        assert_eq!(t.resolve(&d.name), known(&d.name));
        for a in &d.aliases {
            assert_eq!(t.resolve(a), known(&d.name), "alias {a}");
        }
        assert!(!t.is_placeholder(&d.name), "{} is a placeholder", d.name);
    }
    for p in &t.placeholders {
        assert!(t.lookup(p).is_none(), "{p} is both");
    }
}

#[test]
fn user_table_extends_the_builtin_one() {
    let mut t = DepartmentTable::builtin();
    t.extend_from_toml(
        r#"
placeholders = ["各区县"]
[[department]]
name = "省发展改革委"
aliases = ["发改委(省)"]
[[department]]
name = "省新设数字局"
aliases = ["省数字局"]
successor = "省大数据局"
"#,
    )
    .unwrap();
    assert_eq!(t.resolve("发改委(省)"), known("省发展改革委"));
    assert_eq!(t.resolve("省数字局"), known("省新设数字局"));
    assert_eq!(t.successor("省新设数字局"), Some("省大数据局"));
    assert_eq!(
        t.resolve("各区县"),
        Resolution::Placeholder("各区县".to_string())
    );
    assert!(t.aliases("省发展改革委").contains(&"省发改委".to_string()));
    // Unknown keys, alias clashes and dangling successors are refused.
    assert!(
        t.extend_from_toml("[[department]]\nname = \"x局\"\nalias = []")
            .is_err()
    );
    assert!(
        t.extend_from_toml("[[department]]\nname = \"省财政厅\"\naliases = [\"省发改委\"]")
            .is_err()
    );
    assert!(
        t.extend_from_toml("[[department]]\nname = \"省甲局\"\nsuccessor = \"省乙局\"")
            .is_err()
    );
    assert!(t.extend_from_toml("placeholder_patterns = ['(']").is_err());
    // A refused table leaves the table unchanged.
    assert_eq!(
        t.resolve("省甲局"),
        Resolution::Unknown("省甲局".to_string())
    );
}

/// Every built-in file parses on its own; across all of them no name or
/// alias denotes two entries, every successor is an entry, every entry has
/// a level, and the national files state theirs.
#[test]
fn shipped_table_files_parse_and_agree() {
    let mut owner: HashMap<String, String> = HashMap::new();
    let mut names = Vec::new();
    let mut successors = Vec::new();
    for (path, text) in BUILTIN {
        let file: TableFile = toml::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(!file.departments.is_empty(), "{path}");
        for d in &file.departments {
            assert_eq!(
                normalise(&d.name),
                d.name,
                "{path}: {} is not clean",
                d.name
            );
            for n in std::iter::once(&d.name).chain(&d.aliases) {
                if let Some(other) = owner.insert(n.clone(), d.name.clone()) {
                    panic!("{path}: {n} names both {other} and {}", d.name);
                }
            }
            if path.contains("national") {
                assert_eq!(d.level, Some(Level::National), "{path}: {}", d.name);
            }
            names.push(d.name.clone());
            if let Some(s) = &d.successor {
                successors.push((d.name.clone(), s.clone()));
            }
        }
    }
    for (from, to) in &successors {
        assert!(names.contains(to), "successor {to} of {from} is no entry");
        assert_ne!(from, to);
    }
    let t = DepartmentTable::builtin();
    assert_eq!(t.departments.len(), names.len());
    for d in &t.departments {
        assert!(t.level_of(&d.name).is_some(), "{} has no level", d.name);
    }
}

#[test]
fn bare_forms_provinces_also_print_are_not_in_the_table() {
    let t = DepartmentTable::builtin();
    for bare in [
        "发展改革委",
        "发改委",
        "财政厅",
        "统计局",
        "国资委",
        "卫生健康委",
        "卫健委",
        "医保局",
        "能源局",
        "林业局",
        "税务局",
        "知识产权局",
        "药监局",
        "民委",
        "信访局",
        "地震局",
        "外办",
    ] {
        assert_eq!(t.lookup(bare), None, "{bare}");
    }
    // No national entry has the shape of a province's, city's or county's body.
    for d in t
        .departments
        .iter()
        .filter(|d| d.level == Some(Level::National))
    {
        for n in std::iter::once(&d.name).chain(&d.aliases) {
            assert!(
                matches!(levels::infer(n), None | Some(Level::National)),
                "{n} of {} looks local",
                d.name
            );
        }
    }
}

#[test]
fn national_bodies_by_their_printed_forms() {
    let t = DepartmentTable::builtin();
    for (printed, canonical) in [
        ("国家发展和改革委员会", "国家发展改革委"),
        ("国家发改委", "国家发展改革委"),
        ("人力资源和社会保障部", "人力资源社会保障部"),
        ("住房和城乡建设部", "住房城乡建设部"),
        ("国家市场监督管理总局", "市场监管总局"),
        ("国家金融监督管理总局", "金融监管总局"),
        ("中国证券监督管理委员会", "证监会"),
        ("中国证监会", "证监会"),
        ("中国民用航空局", "民航局"),
        ("退役军人部", "退役军人事务部"),
        ("中华人民共和国海关总署", "海关总署"),
        ("国务院扶贫开发领导小组办公室", "国务院扶贫办"),
        ("国家卫生和计划生育委员会", "国家卫生计生委"),
        ("国家工商行政管理总局", "工商总局"),
        ("中央军事委员会", "中央军委"),
        ("军委国防动员部", "中央军委国防动员部"),
        ("(中国人民银行)", "人民银行"),
        ("財政部", "财政部"),
    ] {
        assert_eq!(t.resolve(printed), known(canonical), "{printed}");
        assert_eq!(t.level_of(canonical), Some(Level::National), "{canonical}");
    }
}

#[test]
fn reorganised_national_bodies_lead_to_todays() {
    let t = DepartmentTable::builtin();
    for (old, today) in [
        ("国家卫生计生委", "国家卫生健康委"),
        ("卫生部", "国家卫生健康委"),
        ("环境保护部", "生态环境部"),
        ("国家环保总局", "生态环境部"),
        ("国土资源部", "自然资源部"),
        ("银监会", "金融监管总局"),
        ("保监会", "金融监管总局"),
        ("国家教委", "教育部"),
        ("国家地震局", "中国地震局"),
        ("工商总局", "市场监管总局"),
        ("质检总局", "市场监管总局"),
        ("食品药品监管总局", "市场监管总局"),
        ("国务院扶贫办", "农业农村部"),
        ("国家计委", "国家发展改革委"),
        ("劳动部", "人力资源社会保障部"),
        ("铁道部", "国家铁路局"),
    ] {
        assert_eq!(t.current(old), today, "{old}");
    }
    // A body whose duties were split has no successor.
    assert_eq!(t.successor("国家经贸委"), None);
    assert_eq!(t.current("财政部"), "财政部");
}

fn scope(t: &DepartmentTable, names: &[&str], issuers: &[&str]) -> Scope {
    let issuers: Vec<String> = issuers.iter().map(|s| s.to_string()).collect();
    t.scope_of(names.iter().copied(), &issuers)
}

#[test]
fn bare_names_take_the_level_of_their_clause() {
    let t = DepartmentTable::builtin();
    // A provincial list: the prefix is printed once.
    let s = scope(
        &t,
        &["甘肃省发展改革委", "财政厅", "发展改革委", "统计局"],
        &[],
    );
    assert_eq!(
        s,
        Scope {
            level: Some(Level::Provincial),
            word: Some("省")
        }
    );
    assert_eq!(t.resolve_in("发展改革委", &s), known("省发展改革委"));
    assert_eq!(t.resolve_in("统计局", &s), known("省统计局"));
    assert_eq!(t.resolve_in("财政厅", &s), known("省财政厅"));
    assert_eq!(t.resolve_in("宣传部", &s), known("省委宣传部"));
    assert_eq!(
        t.resolve_in("数字经济发展中心", &s),
        Resolution::Unknown("省数字经济发展中心".to_string())
    );
    // A State Council list of the older style drops 国家 and 国务院.
    let s = scope(&t, &["财政部", "发展改革委", "林业局", "国资委"], &[]);
    assert_eq!(s.level, Some(Level::National));
    assert_eq!(t.resolve_in("发展改革委", &s), known("国家发展改革委"));
    assert_eq!(t.resolve_in("林业局", &s), known("国家林业局"));
    assert_eq!(t.resolve_in("卫生计生委", &s), known("国家卫生计生委"));
    assert_eq!(t.resolve_in("国资委", &s), known("国务院国资委"));
    assert_eq!(t.resolve_in("地震局", &s), known("中国地震局"));
    // The same bodies stay apart: a province's 厅 is never a ministry.
    assert_eq!(t.resolve_in("财政厅", &s), known("省财政厅"));
    assert_ne!(t.resolve("省发展改革委"), t.resolve("国家发展改革委"));
    // Alone, an ambiguous bare name stays as printed.
    assert_eq!(
        t.resolve("发展改革委"),
        Resolution::Unknown("发展改革委".to_string())
    );
    assert_eq!(t.resolve("财政厅"), known("省财政厅"));
    // Class words and governments are not given a prefix.
    let s = scope(&t, &["省发展改革委"], &[]);
    assert_eq!(t.resolve_in("单位", &s), Resolution::Unknown("单位".into()));
    assert_eq!(
        t.resolve_in("项目所在地政府", &s),
        Resolution::Unknown("项目所在地政府".into())
    );
    // A province's former bodies, printed bare, lead to today's.
    assert_eq!(t.resolve_in("地税局", &s), known("省地税局"));
    assert_eq!(t.current("省地税局"), "省税务局");
}

#[test]
fn the_issuer_gives_the_level_when_the_clause_does_not() {
    let t = DepartmentTable::builtin();
    let s = scope(&t, &["发展改革委"], &["国务院办公厅"]);
    assert_eq!(t.resolve_in("发展改革委", &s), known("国家发展改革委"));
    let s = scope(&t, &["发展改革委"], &["甘肃省人民政府"]);
    assert_eq!(t.resolve_in("发展改革委", &s), known("省发展改革委"));
    let s = scope(&t, &["财政厅"], &["宁夏回族自治区人民政府"]);
    assert_eq!(s.word, Some("自治区"));
    assert_eq!(t.resolve_in("财政厅", &s), known("自治区财政厅"));
    let s = scope(&t, &["发改局", "人社局"], &["榆中县人民政府办公室"]);
    assert_eq!(s.level, Some(Level::County));
    assert_eq!(t.resolve_in("发改局", &s), known("县发展改革局"));
    assert_eq!(t.resolve_in("人社局", &s), known("县人力资源社会保障局"));
    // The clause's own names win over the issuer.
    let s = scope(&t, &["区发改局", "商务局"], &["某某市人民政府"]);
    assert_eq!((s.level, s.word), (Some(Level::County), Some("区")));
    assert_eq!(t.resolve_in("商务局", &s), known("区商务局"));
    assert_eq!(t.resolve_in("组织部", &s), known("区委组织部"));
    assert_eq!(scope(&t, &["发展改革委"], &[]), Scope::default());
}

#[test]
fn bodies_of_any_province_city_and_county() {
    let t = DepartmentTable::builtin();
    for (printed, canonical, level) in [
        ("河南省财政厅", "省财政厅", Level::Provincial),
        ("广东省发展改革委", "省发展改革委", Level::Provincial),
        ("国家税务总局甘肃省税务局", "省税务局", Level::Provincial),
        ("中共甘肃省委组织部", "省委组织部", Level::Provincial),
        ("广西壮族自治区财政厅", "自治区财政厅", Level::Provincial),
        ("北京市发改委", "北京市发展改革委", Level::Provincial),
        ("甘肃省兰州市发改委", "兰州市发展改革委", Level::Municipal),
        ("市发展改革委", "市发展改革委", Level::Municipal),
        ("市发改委", "市发展改革委", Level::Municipal),
        ("兰州市卫健委", "兰州市卫生健康委", Level::Municipal),
        ("州民宗委", "州民族宗教委", Level::Municipal),
        ("县发改局", "县发展改革局", Level::County),
        ("县财政局", "县财政局", Level::County),
        ("区工信局", "区工业和信息化局", Level::County),
        ("榆中县人社局", "榆中县人力资源社会保障局", Level::County),
        ("县市场监管局", "县市场监管局", Level::County),
        ("中共榆中县委组织部", "榆中县委组织部", Level::County),
        ("市環保局", "市环保局", Level::Municipal),
    ] {
        assert_eq!(t.resolve(printed), known(canonical), "{printed}");
        assert_eq!(t.level_of(canonical), Some(level), "{canonical}");
    }
    // A body the province has no counterpart of stays unknown, with its level.
    assert_eq!(
        t.resolve("市新设数字局"),
        Resolution::Unknown("市新设数字局".to_string())
    );
    assert_eq!(t.level_of("市新设数字局"), Some(Level::Municipal));
    assert_eq!(t.level_of("海盐县新设中心"), Some(Level::County));
}

#[test]
fn levels_are_typed_and_checked() {
    let mut t = DepartmentTable::builtin();
    let e = t
        .extend_from_toml("[[department]]\nname = \"省甲局\"\nlevel = \"city\"")
        .unwrap_err();
    assert!(e.contains("city"), "{e}");
    assert!(e.contains("municipal"), "{e}");
    t.extend_from_toml(
        "[[department]]\nname = \"甲公司\"\nlevel = \"county\"\n[[department]]\nname = \"省财政厅\"\nlevel = \"provincial\"",
    )
    .unwrap();
    assert_eq!(t.level_of("甲公司"), Some(Level::County));
    assert_eq!(t.level_of("省财政厅"), Some(Level::Provincial));
    // Without a stated level, the name's shape.
    assert_eq!(t.level_of("省科技厅"), Some(Level::Provincial));
    assert_eq!(t.level_of("团省委"), Some(Level::Provincial));
    assert_eq!(t.level_of("人民银行青岛市分行"), Some(Level::Municipal));
    assert_eq!(
        t.level_of("国家税务总局甘肃省税务局"),
        Some(Level::Provincial)
    );
    assert_eq!(t.level_of("发展改革委"), None);
}

fn list(t: &DepartmentTable, names: &[&str], clause: &Scope) -> Vec<Resolution> {
    let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    t.resolve_list(&names, clause)
}

#[test]
fn a_bare_name_follows_the_name_before_it() {
    let t = DepartmentTable::builtin();
    // A joint document: national units, then provincial bodies, in one list.
    let names = [
        "国家林草局保护司",
        "规划司",
        "甘肃省林业和草原局",
        "发展改革委",
    ];
    let clause = scope(&t, &names, &["甘肃省人民政府", "国家林业和草原局"]);
    assert_eq!(clause.level, Some(Level::Provincial));
    assert_eq!(
        list(&t, &names, &clause),
        vec![
            Resolution::Unknown("国家林草局保护司".into()),
            Resolution::Unknown("国家林草局规划司".into()),
            known("省林业和草原局"),
            known("省发展改革委"),
        ]
    );
    // A unit printed under a body's alias takes the canonical body.
    assert_eq!(
        t.resolve("国家林业和草原局规划司"),
        Resolution::Unknown("国家林草局规划司".into())
    );
    // After a national body, a bare name is national even in a provincial clause.
    let names = ["省发展改革委", "财政部", "发展改革委", "统计局"];
    let clause = scope(&t, &names, &[]);
    assert_eq!(
        list(&t, &names, &clause),
        vec![
            known("省发展改革委"),
            known("财政部"),
            known("国家发展改革委"),
            known("国家统计局"),
        ]
    );
    // A place-like string inside a name (郑州) does not set the level.
    let names = ["省财政厅", "人民银行郑州中心支行", "发展改革委"];
    let clause = scope(&t, &names, &[]);
    assert_eq!(list(&t, &names, &clause)[2], known("省发展改革委"));
    // A bare name between two units keeps the chain; another body ends it.
    let names = [
        "国家林草局保护司",
        "联络办",
        "规划司",
        "省林业和草原局",
        "综合司",
    ];
    let r = list(&t, &names, &Scope::default());
    assert_eq!(r[2], Resolution::Unknown("国家林草局规划司".into()));
    assert_eq!(r[4], Resolution::Unknown("综合司".into()));
    // A unit of another kind (处 after 司) is not taken as the same body's.
    let names = ["国家林草局保护司", "综合处"];
    let r = list(&t, &names, &Scope::default());
    assert_eq!(r[1], Resolution::Unknown("综合处".into()));
}

#[test]
fn two_loads_of_the_table_print_alike() {
    // The build fingerprints the table by its Debug text.
    let a = format!("{:?}", DepartmentTable::builtin());
    let b = format!("{:?}", DepartmentTable::builtin());
    assert_eq!(a, b);
}
