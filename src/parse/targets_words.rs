//! The word lists of `targets`: units, comparators, verbs and the words
//! that mark a number as a condition or rule rather than a commitment.
//! Each list is a genre-level table of Chinese policy texts, not of any one
//! document.

/// Units a value may carry in running text, longest first where one is a
/// prefix of another (the pattern is built longest-first anyway).
pub const UNITS: &[&str] = &[
    "万亿元",
    "亿元",
    "万元",
    "元",
    "亿美元",
    "万美元",
    "美元",
    "个百分点",
    "百分点",
    "%",
    "‰",
    "万千瓦时",
    "亿千瓦时",
    "千瓦时",
    "万千瓦",
    "亿千瓦",
    "千瓦",
    "GWh",
    "MWh",
    "GW",
    "MW",
    "EFLOPS",
    "PFLOPS",
    "亿吨标准煤",
    "万吨标准煤",
    "亿吨公里",
    "万吨公里",
    "吨标准煤",
    "亿吨",
    "万吨",
    "吨",
    "万公斤",
    "公斤",
    "亿立方米",
    "万立方米",
    "立方米",
    "万亩",
    "亩",
    "万公里",
    "公里",
    "千米",
    "厘米",
    "米",
    "万家",
    "家",
    "万个",
    "个",
    "万项",
    "项",
    "万人次",
    "亿人次",
    "人次",
    "万人",
    "亿人",
    "人",
    "万件",
    "件",
    "所",
    "处",
    "万张",
    "张",
    "万户",
    "户",
    "套",
    "座",
    "场",
    "万辆",
    "辆",
    "万台",
    "台",
    "条",
    "批",
    "倍",
    "名",
];

/// Comparator words printed before a value, as they may be printed.
pub const PREFIX_COMPARATORS: &[&str] = &[
    "同比增长",
    "比上年增长",
    "年均增长",
    "年均提高",
    "年均下降",
    "提高到",
    "提升到",
    "提升至",
    "提高至",
    "增长到",
    "增加到",
    "扩大到",
    "扩大至",
    "扩展到",
    "下降到",
    "降低到",
    "降低至",
    "达到",
    "突破",
    "超过",
    "增长",
    "增加",
    "提高",
    "提升",
    "不低于",
    "不少于",
    "不超过",
    "不高于",
    "力争",
    "累计",
    "新增",
    "降低",
    "降至",
    "下降",
    "减少",
    "控制在",
    "保持在",
    "稳定在",
    "维持在",
    "超",
    "达",
    "近",
    "约",
    "过",
];

/// Comparator words printed after a value.
pub(super) const SUFFIX_COMPARATORS: &[&str] = &["及以上", "以上", "以内", "以下", "左右", "之内"];

/// Action verbs and adverbs peeled off an indicator (not comparators).
pub const VERBS: &[&str] = &[
    "新培育认定",
    "培育认定",
    "新培育",
    "培育",
    "认定",
    "新认证",
    "组织实施",
    "实施",
    "布局建设",
    "新建并开通",
    "新建改扩建",
    "新改扩建",
    "改扩建",
    "新建扩建",
    "扩建",
    "新创建",
    "建成并开通",
    "新建",
    "新组建",
    "组建",
    "新改建",
    "建成",
    "建设",
    "开通",
    "争创",
    "创建",
    "打造",
    "引进",
    "吸引集聚",
    "吸引",
    "集聚",
    "完成",
    "推动",
    "推进",
    "实现",
    "确保",
    "争取",
    "全力",
    "力争",
    "加快",
    "支持",
    "每年",
    "两年",
    "三年",
    "年内",
    "新开通",
    "年底前",
    "年底",
    "全年",
    "共",
    "其中",
    "再",
    "连续",
    "预计",
    "是",
    "为",
    "并",
    "使",
    "各",
    "各类",
    "各级",
    "均",
];

/// Adverbs and verbs peeled off the start of an indicator only (at its
/// end they may belong to a noun: 社会组织, 学术活动).
pub(super) const LEAD_WORDS: &[&str] = &[
    "努力",
    "计划",
    "持续",
    "积极",
    "大力",
    "着力",
    "继续",
    "深入",
    "进一步",
    "切实",
    "逐步",
    "至少",
    "举办",
    "开展",
    "组织",
    "择优遴选",
    "遴选",
    "择优",
    "推广",
    "引育",
    "育成",
    "指导",
    "鼓励",
    "引导",
];

/// A clause with one of these words grants money or relief (给予…万元奖补):
/// its amounts are conditions, not commitments, and are skipped.
pub(super) const GRANT_WORDS: &[&str] = &[
    "给予", "补贴", "补助", "奖补", "奖励", "扣减", "减按", "减免", "贴息", "资助", "予以",
    // Penalties and deductions are rules too (处10万元以下的罚款).
    "罚款", "罚金", "扣除", "抵扣",
];

/// A clause that opens with one of these states a condition (对符合条件的…,
/// 且总额不低于…, 或年服务超过…): its amounts are not commitments.
pub(super) const CONDITION_OPENERS: &[&str] = &["对于", "对", "按照", "按", "凡", "且", "或"];

/// `对` opens a condition, except in these verbs (对标国际先进水平 …).
pub(super) const NOT_CONDITION: &[&str] = &[
    "对标",
    "对接",
    "对外",
    "对口",
    "对话",
    "对称",
    "对冲",
    "按期",
    "按时",
    "按需",
    "按要求",
    "按计划",
    "按进度",
    "或者说",
];

/// A sentence that has a condition clause (对…的项目) and one of these
/// grants or supports under that condition: every amount from the
/// condition on is part of the rule (对…年服务超过30万人次的边缘数据中心,
/// 省财政…给予1000元支持).
pub(super) const SUPPORT_WORDS: &[&str] = &["支持", "保障", "倾斜"];

/// Words in the text before a quantity, in its clause, that make it a cap,
/// a floor or a rate base of a rule: 单户企业最高支持500万元, 按扣除标准的
/// 100%, 符合条件的年销售收入2亿元.
pub(super) const RULE_LEAD_WORDS: &[&str] = &[
    "最高",
    "最低",
    "最多",
    "最少",
    "最长",
    "最短",
    "上限",
    "封顶",
    "限额",
    "按照",
    "依照",
    "参照",
    "按",
    "符合条件",
];

/// An indicator ending in one of these is a share, a norm, a scope or a
/// starting point of a rule: 财政承担30%, 路面宽度一般不低于6米,
/// 在10个领域推进, 比例由30%扩展到….
pub(super) const RULE_LEAD_ENDS: &[&str] = &[
    "承担",
    "分担",
    "负担",
    "留存",
    "保留",
    "收储",
    "补偿",
    "分成",
    "返还",
    "上浮",
    "下浮",
    "上浮至",
    "下浮至",
    "浮动",
    "执行",
    "由",
    "从",
    "自",
    "以",
    "对",
    "在",
    "一般",
    "原则上",
];

/// Modal words of a rule anywhere between the indicator and its quantity
/// (购置费用应为10万元以上, 比例不得低于80%, 额度可上浮至10万元).
pub(super) const RULE_MODALS: &[&str] = &[
    "应为",
    "应当",
    "应不低于",
    "应不少于",
    "应达到",
    "须达到",
    "必须",
    "不得",
    "不能",
    "可达",
    "可上浮",
    "可下浮",
    "可提高",
];

/// Money units: an amount of money right before a noun is an attribute of
/// it (总投资60亿元“两高”企业, 不低于50亿元的再贴现额度), not a target,
/// unless the noun is itself money ([`MONEY_NOUNS`]).
pub(super) const MONEY_UNITS: &[&str] = &[
    "万亿元",
    "亿元",
    "万元",
    "元",
    "亿美元",
    "万美元",
    "美元",
    "亿",
];

/// Nouns that are money: 发行不少于1亿元文旅惠民消费券 is a target.
pub(super) const MONEY_NOUNS: &[&str] = &[
    "资金",
    "基金",
    "贷款",
    "消费券",
    "券",
    "投资",
    "收入",
    "经费",
    "债券",
    "资本",
];

/// A number of people or bodies right before a noun ending in one of these
/// names a programme (1000名青年人才引进计划), not a target.
pub(super) const PROGRAMME_ENDS: &[&str] =
    &["计划", "工程", "行动", "战略", "工作法", "机制", "专项"];

/// The units of [`PROGRAMME_ENDS`].
pub(super) const PROGRAMME_UNITS: &[&str] = &["名", "人", "万人", "户", "万户", "家", "万家"];

/// After `个`, these make a duration (15个工作日内, 6个月), not a quantity.
pub(super) const DURATION_WORDS: &[&str] = &[
    "月",
    "工作日",
    "小时",
    "学时",
    "课时",
    "季度",
    "自然日",
    "日",
    "星期",
    "周",
];

/// A quantity followed by one of these is a share or rule (50%由省级统筹),
/// not a target.
pub(super) const RULE_NOUNS: &[&str] = &[
    "由",
    "执行",
    "扣除",
    "计算",
    "计提",
    "基础上",
    "基数",
    "为基数",
    "部分",
    "限额",
    "额度内",
    "范围内",
    "留给",
    "作为",
    "用于",
    "方式",
    "标准",
    "定额",
    "为限额",
    "间距",
];

/// Words that follow a quantity without naming what it measures
/// (突破7万亿元大关, 财政收入增长4%的目标): the indicator is read before
/// the quantity.
pub(super) const NOT_NOUNS: &[&str] = &["大关", "关口", "目标", "水平", "人民币", "以上", "左右"];

/// Names that say nothing measurable on their own (具体问题, 高水平服务,
/// 完成30个县 …): a target so named is dropped. Checked after one
/// [`BARE_ADJECTIVES`] word is taken off the front.
pub(super) const GENERIC_NAMES: &[&str] = &[
    "问题",
    "服务",
    "工作",
    "水平",
    "项目",
    "企业",
    "产品",
    "措施",
    "政策",
    "事项",
    "部分",
    "总额",
    "资金",
    "人民币",
    "名额",
    "目标",
    "任务",
    "成员",
    "基础上",
    "大关",
    "设施",
    "方面",
    "领域",
    "环节",
    "内容",
    "单位",
    "机构",
    "人员",
    "指标",
    "条件",
    "经验",
    "省",
    "市",
    "县",
    "区",
    "村",
    "乡镇",
    "镇",
    "街道",
    "城市",
    "地区",
    "直辖市",
    "市县",
    "国家级",
    "省级",
    // A verb alone names an action, not a quantity (计划改造4万户).
    "改造",
    "建设",
    "完成",
    "实现",
    "开工",
    "建成",
    "安排",
    "执行",
    "确定",
    "新建",
    "培育",
    "计划",
];

/// Adjectives that add nothing to a generic name (具体问题, 高水平服务).
pub(super) const BARE_ADJECTIVES: &[&str] = &[
    "具体",
    "相关",
    "有关",
    "其他",
    "其余",
    "各项",
    "各类",
    "若干",
    "高水平",
    "一批",
    "主要",
    "重点",
    "重大",
    "有条件的",
    "有条件",
];

/// Prepositions that open a phrase before the measured noun (在前沿交叉
/// 学科新建省重点实验室): the name is what follows the phrase's verb or
/// localizer; 将/把/使 are simply dropped (将节能率提升至80%).
pub(super) const PREPOSITIONS: &[&str] = &["在", "于", "围绕", "聚焦", "依托", "针对"];

/// 在 that is part of a word, not a preposition (在运在建核电装机).
pub(super) const NOT_PREPOSITION: &[&str] = &[
    "在运", "在建", "在用", "在站", "在校", "在岗", "在线", "在册", "在营", "在职", "在园", "在库",
    "在网", "在轨", "在读", "在研",
];

/// Localizers that close a prepositional phrase (在…领域, 在…中).
pub(super) const LOCALIZERS: &[&str] = &["方面", "领域", "期间", "中", "内", "上", "下"];

/// Indicator words too generic to stand alone: the previous clause names
/// the subject (力争到2025年总数达到30家 → 全国重点实验室总数).
pub(super) const GENERIC: &[&str] = &[
    "总数",
    "总量",
    "数量",
    "规模",
    "总规模",
    "比重",
    "比例",
    "占比",
    "数",
];
