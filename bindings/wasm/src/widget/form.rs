//! The pre-check form: the field table (the quick check's few inputs first,
//! everything else on the optional refine step; fields shown only when they
//! matter, such as the credit detail after "yes, credit problems"), its
//! rendering, reading the visitor's raw input back from the DOM, and turning
//! that input into the core's `Profile` (money parsed exactly by the core's
//! `parse_cny_input`), with the answers it had to assume listed.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};
use sme_precheck::catalogue::Catalogue;
use sme_precheck::i18n::Lang;
use sme_precheck::profile::{Industry, Profile};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, ShadowRoot};

use super::dom::{E, text};
use super::i18n::{Tr, fill, s};

/// What kind of input a field is.
pub enum Kind {
    /// Money in CNY, typed freely (`2,000,000`, `200万`).
    Money,
    /// A whole number within bounds.
    Int(u32, u32),
    /// A yes/no checkbox.
    Bool,
    /// A yes/no question as two radios (`yes` / `no`; unanswered = "").
    YesNo,
    /// One of fixed options (value, label).
    Select(&'static [(&'static str, Tr)]),
    /// Any of fixed options, sent as an array.
    Multi(&'static [(&'static str, Tr)]),
}

/// One profile field.
pub struct Field {
    /// Profile JSON name (camelCase, as in docs/precheck.md).
    pub name: &'static str,
    /// Visible label.
    pub label: Tr,
    /// Unit shown after the input.
    pub unit: Option<Tr>,
    /// Input kind.
    pub kind: Kind,
    /// Whether an empty value is an error.
    pub required: bool,
    /// When the field is shown.
    pub when: When,
    /// Value pre-filled on a fresh form.
    pub default: &'static str,
}

/// When a field is shown (and read).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Always.
    Always,
    /// After "yes" to the quick check's credit question.
    CreditProblems,
    /// The industry's size class depends on total assets.
    AssetsNeeded,
    /// The industry's size class does not depend on total assets.
    AssetsNotNeeded,
}

/// Which step a group belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The quick check.
    Quick,
    /// The optional refine step.
    Refine,
}

/// The quick check's yes/no credit question (not a profile field: "no"
/// leaves every credit field at its neutral default).
pub const CREDIT_PROBLEMS: &str = "creditProblems";

/// A fieldset.
pub struct Group {
    /// Legend.
    pub legend: Tr,
    /// The step it is on.
    pub page: Page,
    /// Fields in order.
    pub fields: &'static [Field],
}

const YUAN: Option<Tr> = Some(Tr("元", "元", "CNY"));
const TIMES: Option<Tr> = Some(Tr("次", "次", "times"));

const INDUSTRIES: &[(&str, Tr)] = &[
    (
        "industry",
        Tr(
            "工业（制造业等）",
            "工業（製造業等）",
            "Industry / manufacturing",
        ),
    ),
    (
        "software",
        Tr(
            "软件和信息技术服务",
            "軟件和資訊技術服務",
            "Software and IT services",
        ),
    ),
    (
        "information_transmission",
        Tr("信息传输", "資訊傳輸", "Information transmission"),
    ),
    ("wholesale", Tr("批发", "批發", "Wholesale")),
    ("retail", Tr("零售", "零售", "Retail")),
    ("construction", Tr("建筑业", "建築業", "Construction")),
    ("transport", Tr("交通运输", "交通運輸", "Transport")),
    ("catering", Tr("餐饮", "餐飲", "Catering")),
    ("agriculture", Tr("农林牧渔", "農林牧漁", "Agriculture")),
    ("warehousing", Tr("仓储", "倉儲", "Warehousing")),
    ("postal", Tr("邮政", "郵政", "Postal services")),
    ("accommodation", Tr("住宿", "住宿", "Accommodation")),
    (
        "real_estate",
        Tr(
            "房地产开发经营",
            "房地產開發經營",
            "Real-estate development",
        ),
    ),
    (
        "property_management",
        Tr("物业管理", "物業管理", "Property management"),
    ),
    (
        "leasing_business_services",
        Tr(
            "租赁和商务服务",
            "租賃和商務服務",
            "Leasing and business services",
        ),
    ),
    ("other", Tr("其他", "其他", "Other")),
];

const PROVINCES: &[(&str, Tr)] = &[
    ("11", Tr("北京", "北京", "Beijing")),
    ("12", Tr("天津", "天津", "Tianjin")),
    ("13", Tr("河北", "河北", "Hebei")),
    ("14", Tr("山西", "山西", "Shanxi")),
    ("15", Tr("内蒙古", "內蒙古", "Inner Mongolia")),
    ("21", Tr("辽宁", "遼寧", "Liaoning")),
    ("22", Tr("吉林", "吉林", "Jilin")),
    ("23", Tr("黑龙江", "黑龍江", "Heilongjiang")),
    ("31", Tr("上海", "上海", "Shanghai")),
    ("32", Tr("江苏", "江蘇", "Jiangsu")),
    ("33", Tr("浙江", "浙江", "Zhejiang")),
    ("34", Tr("安徽", "安徽", "Anhui")),
    ("35", Tr("福建", "福建", "Fujian")),
    ("36", Tr("江西", "江西", "Jiangxi")),
    ("37", Tr("山东", "山東", "Shandong")),
    ("41", Tr("河南", "河南", "Henan")),
    ("42", Tr("湖北", "湖北", "Hubei")),
    ("43", Tr("湖南", "湖南", "Hunan")),
    ("44", Tr("广东", "廣東", "Guangdong")),
    ("45", Tr("广西", "廣西", "Guangxi")),
    ("46", Tr("海南", "海南", "Hainan")),
    ("50", Tr("重庆", "重慶", "Chongqing")),
    ("51", Tr("四川", "四川", "Sichuan")),
    ("52", Tr("贵州", "貴州", "Guizhou")),
    ("53", Tr("云南", "雲南", "Yunnan")),
    ("54", Tr("西藏", "西藏", "Tibet")),
    ("61", Tr("陕西", "陝西", "Shaanxi")),
    ("62", Tr("甘肃", "甘肅", "Gansu")),
    ("63", Tr("青海", "青海", "Qinghai")),
    ("64", Tr("宁夏", "寧夏", "Ningxia")),
    ("65", Tr("新疆", "新疆", "Xinjiang")),
];

const STAGES: &[(&str, Tr)] = &[
    ("startup", Tr("初创期", "初創期", "Start-up")),
    ("growth", Tr("成长期", "成長期", "Growth")),
    ("mature", Tr("成熟期", "成熟期", "Mature")),
];

const TAGS: &[(&str, Tr)] = &[
    (
        "high_tech",
        Tr("高新技术企业", "高新技術企業", "High-tech enterprise"),
    ),
    (
        "specialized_new",
        Tr(
            "专精特新企业",
            "專精特新企業",
            "“Specialized and new” enterprise",
        ),
    ),
];

const RATINGS: &[(&str, Tr)] = &[
    ("A", Tr("A 级", "A 級", "A")),
    ("B", Tr("B 级", "B 級", "B")),
    ("M", Tr("M 级", "M 級", "M")),
    ("C", Tr("C 级", "C 級", "C")),
    ("D", Tr("D 级", "D 級", "D")),
];

const TERMS: &[(&str, Tr)] = &[
    ("6", Tr("6 个月", "6 個月", "6 months")),
    ("12", Tr("12 个月", "12 個月", "12 months")),
    ("24", Tr("24 个月", "24 個月", "24 months")),
    ("36", Tr("36 个月", "36 個月", "36 months")),
];

const ROLES: &[(&str, Tr)] = &[
    (
        "none",
        Tr(
            "不在核心企业供应链中",
            "不在核心企業供應鏈中",
            "Not in a core enterprise's chain",
        ),
    ),
    (
        "supplier",
        Tr(
            "核心企业的供应商（上游）",
            "核心企業的供應商（上游）",
            "Supplier of a core enterprise",
        ),
    ),
    (
        "distributor",
        Tr(
            "核心企业的经销商（下游）",
            "核心企業的經銷商（下游）",
            "Distributor of a core enterprise",
        ),
    ),
];

const COLLATERAL: &[(&str, Tr)] = &[
    ("none", Tr("无（信用）", "無（信用）", "None (unsecured)")),
    ("property", Tr("房产抵押", "房產抵押", "Property mortgage")),
    ("pledge", Tr("质押", "質押", "Pledge")),
    (
        "guarantee",
        Tr(
            "担保机构担保",
            "擔保機構擔保",
            "Guarantee by an institution",
        ),
    ),
];

/// The form: the quick check, then the optional refine step.
pub const GROUPS: &[Group] = &[
    Group {
        legend: Tr("企业概况", "企業概況", "Your enterprise"),
        page: Page::Quick,
        fields: &[
            Field {
                name: "industry",
                label: Tr("行业", "行業", "Industry"),
                unit: None,
                kind: Kind::Select(INDUSTRIES),
                required: true,
                when: When::Always,
                default: "",
            },
            Field {
                name: "totalAssets",
                label: Tr(
                    "资产总额（建筑、房地产、租赁和商务服务业必填）",
                    "資產總額（建築、房地產、租賃和商務服務業必填）",
                    "Total assets (needed for construction, real estate, leasing and business services)",
                ),
                unit: YUAN,
                kind: Kind::Money,
                required: false,
                when: When::AssetsNeeded,
                default: "",
            },
            Field {
                name: "monthsOperating",
                label: Tr("经营时间", "經營時間", "Time in operation"),
                unit: Some(Tr("个月", "個月", "months")),
                kind: Kind::Int(0, 1200),
                required: true,
                when: When::Always,
                default: "",
            },
            Field {
                name: "annualRevenue",
                label: Tr("年营业收入", "年營業收入", "Annual revenue"),
                unit: YUAN,
                kind: Kind::Money,
                required: true,
                when: When::Always,
                default: "",
            },
            Field {
                name: "taxCreditRating",
                label: Tr("纳税信用等级", "納稅信用等級", "Tax credit rating"),
                unit: None,
                kind: Kind::Select(RATINGS),
                required: true,
                when: When::Always,
                default: "",
            },
        ],
    },
    Group {
        legend: Tr("信用记录", "信用記錄", "Credit record"),
        page: Page::Quick,
        fields: &[
            Field {
                name: CREDIT_PROBLEMS,
                label: Tr(
                    "企业或法定代表人是否有信用问题（逾期、不良、失信、限高、经营异常）？",
                    "企業或法定代表人是否有信用問題（逾期、不良、失信、限高、經營異常）？",
                    "Any credit problems (overdue payments, bad loans, court or registry listings)?",
                ),
                unit: None,
                kind: Kind::YesNo,
                required: false,
                when: When::Always,
                default: "",
            },
            Field {
                name: "overdueCurrent",
                label: Tr("目前有逾期", "目前有逾期", "A payment is overdue now"),
                unit: None,
                kind: Kind::Bool,
                required: false,
                when: When::CreditProblems,
                default: "",
            },
            Field {
                name: "overduesLast12Months",
                label: Tr(
                    "近12个月逾期次数",
                    "近12個月逾期次數",
                    "Overdue payments, last 12 months",
                ),
                unit: TIMES,
                kind: Kind::Int(0, 999),
                required: false,
                when: When::CreditProblems,
                default: "0",
            },
            Field {
                name: "overduesLast24Months",
                label: Tr(
                    "近24个月逾期次数",
                    "近24個月逾期次數",
                    "Overdue payments, last 24 months",
                ),
                unit: TIMES,
                kind: Kind::Int(0, 999),
                required: false,
                when: When::CreditProblems,
                default: "0",
            },
            Field {
                name: "creditInquiriesLast6Months",
                label: Tr(
                    "近6个月征信查询次数",
                    "近6個月徵信查詢次數",
                    "Credit inquiries, last 6 months",
                ),
                unit: TIMES,
                kind: Kind::Int(0, 999),
                required: false,
                when: When::CreditProblems,
                default: "0",
            },
            Field {
                name: "nonPerforming",
                label: Tr(
                    "有不良贷款（次级、可疑、损失）",
                    "有不良貸款（次級、可疑、損失）",
                    "A non-performing loan (substandard, doubtful, loss)",
                ),
                unit: None,
                kind: Kind::Bool,
                required: false,
                when: When::CreditProblems,
                default: "",
            },
            Field {
                name: "abnormalOperation",
                label: Tr(
                    "被列入经营异常名录",
                    "被列入經營異常名錄",
                    "Listed for abnormal operation",
                ),
                unit: None,
                kind: Kind::Bool,
                required: false,
                when: When::CreditProblems,
                default: "",
            },
            Field {
                name: "dishonestExecutee",
                label: Tr(
                    "被列为失信被执行人",
                    "被列為失信被執行人",
                    "Listed as a dishonest judgment debtor",
                ),
                unit: None,
                kind: Kind::Bool,
                required: false,
                when: When::CreditProblems,
                default: "",
            },
            Field {
                name: "consumptionRestricted",
                label: Tr(
                    "被限制高消费",
                    "被限制高消費",
                    "Under a high-consumption restriction",
                ),
                unit: None,
                kind: Kind::Bool,
                required: false,
                when: When::CreditProblems,
                default: "",
            },
        ],
    },
    Group {
        legend: Tr("融资需求", "融資需求", "Your loan request"),
        page: Page::Quick,
        fields: &[
            Field {
                name: "requestedAmount",
                label: Tr(
                    "希望借款金额",
                    "希望借款金額",
                    "Amount you would like to borrow (optional)",
                ),
                unit: YUAN,
                kind: Kind::Money,
                required: false,
                when: When::Always,
                default: "",
            },
            Field {
                name: "termMonths",
                label: Tr("期限", "期限", "Term"),
                unit: None,
                kind: Kind::Select(TERMS),
                required: true,
                when: When::Always,
                default: "12",
            },
            Field {
                name: "collateral",
                label: Tr(
                    "可提供的担保方式",
                    "可提供的擔保方式",
                    "Security you can offer",
                ),
                unit: None,
                kind: Kind::Select(COLLATERAL),
                required: true,
                when: When::Always,
                default: "none",
            },
        ],
    },
    Group {
        legend: Tr("企业概况", "企業概況", "Your enterprise"),
        page: Page::Refine,
        fields: &[
            Field {
                name: "employees",
                label: Tr("从业人员", "從業人員", "Employees"),
                unit: Some(Tr("人", "人", "people")),
                kind: Kind::Int(0, 1_000_000),
                required: false,
                when: When::Always,
                default: "",
            },
            Field {
                name: "legalRepAge",
                label: Tr(
                    "法定代表人年龄",
                    "法定代表人年齡",
                    "Age of the legal representative",
                ),
                unit: Some(Tr("岁", "歲", "years")),
                kind: Kind::Int(0, 120),
                required: false,
                when: When::Always,
                default: "",
            },
            Field {
                name: "province",
                label: Tr("所在省份", "所在省份", "Province"),
                unit: None,
                kind: Kind::Select(PROVINCES),
                required: false,
                when: When::Always,
                default: "",
            },
            Field {
                name: "lifecycleStage",
                label: Tr("发展阶段", "發展階段", "Stage"),
                unit: None,
                kind: Kind::Select(STAGES),
                required: false,
                when: When::Always,
                default: "",
            },
            Field {
                name: "tags",
                label: Tr("资质", "資質", "Recognitions"),
                unit: None,
                kind: Kind::Multi(TAGS),
                required: false,
                when: When::Always,
                default: "",
            },
        ],
    },
    Group {
        legend: Tr("经营与纳税", "經營與納稅", "Revenue and tax"),
        page: Page::Refine,
        fields: &[
            Field {
                name: "totalAssets",
                label: Tr(
                    "资产总额（建筑、房地产、租赁和商务服务业必填）",
                    "資產總額（建築、房地產、租賃和商務服務業必填）",
                    "Total assets (needed for construction, real estate, leasing and business services)",
                ),
                unit: YUAN,
                kind: Kind::Money,
                required: false,
                when: When::AssetsNotNeeded,
                default: "",
            },
            Field {
                name: "taxPaidLast24Months",
                label: Tr(
                    "近24个月纳税总额",
                    "近24個月納稅總額",
                    "Tax paid in the last 24 months",
                ),
                unit: YUAN,
                kind: Kind::Money,
                required: false,
                when: When::Always,
                default: "",
            },
            Field {
                name: "existingBusinessLoans",
                label: Tr(
                    "现有经营性贷款余额",
                    "現有經營性貸款餘額",
                    "Existing business loans",
                ),
                unit: YUAN,
                kind: Kind::Money,
                required: false,
                when: When::Always,
                default: "",
            },
            Field {
                name: "annualSettlementFlow",
                label: Tr(
                    "年结算流水（经本行）",
                    "年結算流水（經本行）",
                    "Annual settlement flow through the bank",
                ),
                unit: YUAN,
                kind: Kind::Money,
                required: false,
                when: When::Always,
                default: "",
            },
            Field {
                name: "annualPayroll",
                label: Tr("年发放工资总额", "年發放工資總額", "Annual payroll"),
                unit: YUAN,
                kind: Kind::Money,
                required: false,
                when: When::Always,
                default: "",
            },
        ],
    },
    Group {
        legend: Tr("供应链", "供應鏈", "Supply chain"),
        page: Page::Refine,
        fields: &[
            Field {
                name: "supplyChainRole",
                label: Tr(
                    "与核心企业的关系",
                    "與核心企業的關係",
                    "Role in a core enterprise's supply chain",
                ),
                unit: None,
                kind: Kind::Select(ROLES),
                required: false,
                when: When::Always,
                default: "none",
            },
            Field {
                name: "coreEnterpriseReceivables",
                label: Tr(
                    "核心企业应付您的账款（供应商）",
                    "核心企業應付您的賬款（供應商）",
                    "Receivables owed by the core enterprise (suppliers)",
                ),
                unit: YUAN,
                kind: Kind::Money,
                required: false,
                when: When::Always,
                default: "",
            },
            Field {
                name: "coreEnterprisePurchases",
                label: Tr(
                    "年向核心企业采购额（经销商）",
                    "年向核心企業採購額（經銷商）",
                    "Annual purchases from the core enterprise (distributors)",
                ),
                unit: YUAN,
                kind: Kind::Money,
                required: false,
                when: When::Always,
                default: "",
            },
        ],
    },
];

/// Hint under money inputs.
const MONEY_HINT: Tr = Tr(
    "可输入 2,000,000 或 200万",
    "可輸入 2,000,000 或 200萬",
    "e.g. 2,000,000 or 200万",
);

/// The hint under a money input: how the typed text is read
/// (`= ¥12,340,000.00`), or an example when it is empty or unreadable.
pub fn money_hint(lang: Lang, typed: &str) -> String {
    match sme_precheck::money::parse_cny_input(typed.trim()) {
        Ok(d) if !typed.trim().is_empty() => format!("= {}", super::i18n::money_exact(d, lang)),
        _ => MONEY_HINT.get(lang).to_owned(),
    }
}

/// True when `name` is a money field of the form.
pub fn is_money(name: &str) -> bool {
    fields().any(|f| f.name == name && matches!(f.kind, Kind::Money))
}

/// Every field, flattened (a field shown on either step, such as
/// `totalAssets`, appears once per place).
pub fn fields() -> impl Iterator<Item = &'static Field> {
    GROUPS.iter().flat_map(|g| g.fields.iter())
}

/// The field called `name` (its first place).
pub fn field(name: &str) -> Option<&'static Field> {
    fields().find(|f| f.name == name)
}

/// The industry chosen, if it is one the core knows.
fn industry_of(values: &BTreeMap<String, String>) -> Option<Industry> {
    use serde::de::{IntoDeserializer, value::Error};
    let code = values.get("industry")?.trim();
    let de: serde::de::value::StrDeserializer<'_, Error> = code.into_deserializer();
    Industry::deserialize(de).ok()
}

/// True when the field is shown for these inputs.
pub fn shown(f: &Field, values: &BTreeMap<String, String>) -> bool {
    let needs_assets = || industry_of(values).is_some_and(Industry::needs_total_assets);
    match f.when {
        When::Always => true,
        When::CreditProblems => credit_problems(values),
        When::AssetsNeeded => needs_assets(),
        When::AssetsNotNeeded => !needs_assets(),
    }
}

/// The visitor answered "yes" to the credit question.
fn credit_problems(values: &BTreeMap<String, String>) -> bool {
    values.get(CREDIT_PROBLEMS).map(String::as_str) == Some("yes")
}

/// Names of the fields shown on `page` for these inputs, in order.
pub fn visible(page: Page, values: &BTreeMap<String, String>) -> Vec<&'static str> {
    GROUPS
        .iter()
        .filter(|g| g.page == page)
        .flat_map(|g| g.fields.iter())
        .filter(|f| shown(f, values))
        .map(|f| f.name)
        .collect()
}

/// The page a field is shown on for these inputs.
pub fn page_of(name: &str, values: &BTreeMap<String, String>) -> Option<Page> {
    GROUPS
        .iter()
        .find(|g| g.fields.iter().any(|f| f.name == name && shown(f, values)))
        .map(|g| g.page)
}

/// The raw value of a field (saved input, or its default).
fn raw<'a>(values: &'a BTreeMap<String, String>, f: &'static Field) -> &'a str {
    values.get(f.name).map(String::as_str).unwrap_or(f.default)
}

/// Element id of a field's input (the first radio for yes/no).
pub fn input_id(name: &str) -> String {
    format!("sp-f-{name}")
}

/// Element id of a field's error message.
pub fn error_id(name: &str) -> String {
    format!("sp-e-{name}")
}

/// Renders the fieldsets of `page` with the saved values and any errors.
pub fn render(
    lang: Lang,
    page: Page,
    values: &BTreeMap<String, String>,
    errors: &[(String, String)],
) -> E {
    let body = E::new("div").class("sp-groups");
    for g in GROUPS.iter().filter(|g| g.page == page) {
        let fs = E::new("fieldset")
            .class("sp-group")
            .child(text("legend", g.legend.get(lang)));
        for f in g.fields.iter().filter(|f| shown(f, values)) {
            let err = errors
                .iter()
                .find(|(n, _)| n == f.name)
                .map(|(_, m)| m.as_str());
            fs.push(render_field(lang, f, raw(values, f), err));
        }
        body.push(fs);
    }
    body
}

fn render_field(lang: Lang, f: &'static Field, value: &str, err: Option<&str>) -> E {
    let id = input_id(f.name);
    let eid = error_id(f.name);
    let testid = format!("sp-field-{}", f.name);
    let mut described = Vec::new();
    let row = E::new("div").class("sp-field").attr("data-field", f.name);
    let hint = if matches!(f.kind, Kind::Money) {
        let hid = format!("sp-h-{}", f.name);
        described.push(hid.clone());
        Some(
            E::new("span")
                .class("sp-hint")
                .attr("id", &hid)
                .text(&money_hint(lang, value)),
        )
    } else {
        None
    };
    let uid = format!("sp-u-{}", f.name);
    if f.unit.is_some() {
        described.push(uid.clone());
    }
    if err.is_some() {
        described.push(eid.clone());
    }
    let describedby = described.join(" ");
    let error = err.map(|m| E::new("p").class("sp-error").attr("id", &eid).text(m));
    let input = match &f.kind {
        Kind::Money | Kind::Int(..) => {
            let money = matches!(f.kind, Kind::Money);
            E::new("input")
                .attr("id", &id)
                .attr("name", f.name)
                .attr("type", "text")
                .attr("inputmode", if money { "decimal" } else { "numeric" })
                .attr("autocomplete", "off")
                .attr("value", value)
                .testid(&testid)
                .attr_if(f.required, "aria-required", "true")
        }
        Kind::Bool => E::new("input")
            .attr("id", &id)
            .attr("name", f.name)
            .attr("type", "checkbox")
            .attr_if(value == "true", "checked", "")
            .testid(&testid),
        Kind::Select(opts) => {
            let sel = E::new("select")
                .attr("id", &id)
                .attr("name", f.name)
                .testid(&testid)
                .attr_if(f.required, "aria-required", "true");
            sel.push(E::new("option").attr("value", "").text(s::CHOOSE.get(lang)));
            for (v, label) in opts.iter() {
                sel.push(
                    E::new("option")
                        .attr("value", v)
                        .attr_if(*v == value, "selected", "")
                        .text(label.get(lang)),
                );
            }
            sel
        }
        Kind::YesNo => {
            let fs = E::new("fieldset")
                .class("sp-choices sp-yesno")
                .attr("data-name", f.name)
                .testid(&testid)
                .attr_if(err.is_some(), "aria-invalid", "true")
                .attr_if(err.is_some(), "aria-describedby", &eid);
            fs.push(text("legend", f.label.get(lang)));
            for (i, (v, label)) in [("yes", s::YES), ("no", s::NO)].into_iter().enumerate() {
                let oid = if i == 0 {
                    id.clone()
                } else {
                    format!("{id}-{v}")
                };
                fs.push(
                    E::new("div")
                        .class("sp-choice")
                        .child(
                            E::new("input")
                                .attr("type", "radio")
                                .attr("id", &oid)
                                .attr("name", f.name)
                                .attr("value", v)
                                .testid(&format!("{testid}-{v}"))
                                .attr_if(value == v, "checked", ""),
                        )
                        .child(E::new("label").attr("for", &oid).text(label.get(lang))),
                );
            }
            return row
                .class("sp-field sp-field-multi")
                .child(fs)
                .child_opt(error);
        }
        Kind::Multi(opts) => {
            let fs = E::new("fieldset")
                .class("sp-choices")
                .attr("id", &id)
                .testid(&testid);
            fs.push(text("legend", f.label.get(lang)));
            let chosen: Vec<&str> = value.split(',').filter(|s| !s.is_empty()).collect();
            for (v, label) in opts.iter() {
                let oid = format!("{id}-{v}");
                fs.push(
                    E::new("div")
                        .class("sp-choice")
                        .child(
                            E::new("input")
                                .attr("type", "checkbox")
                                .attr("id", &oid)
                                .attr("name", f.name)
                                .attr("value", v)
                                .testid(&format!("{testid}-{v}"))
                                .attr_if(chosen.contains(v), "checked", ""),
                        )
                        .child(E::new("label").attr("for", &oid).text(label.get(lang))),
                );
            }
            return row.class("sp-field sp-field-multi").child(fs);
        }
    };
    let input = if describedby.is_empty() {
        input
    } else {
        input.attr("aria-describedby", &describedby)
    };
    let input = input.attr_if(err.is_some(), "aria-invalid", "true");
    let label = E::new("label").attr("for", &id).text(f.label.get(lang));
    let row = if matches!(f.kind, Kind::Bool) {
        row.class("sp-field sp-field-check")
            .child(input)
            .child(label)
    } else {
        let control = E::new("div")
            .class("sp-control")
            .child(input)
            .child_opt(f.unit.map(|u| {
                E::new("span")
                    .class("sp-unit")
                    .attr("id", &uid)
                    .text(u.get(lang))
            }));
        row.child(label).child(control).child_opt(hint)
    };
    row.child_opt(error)
}

fn checked(root: &ShadowRoot, id: &str) -> bool {
    root.get_element_by_id(id)
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// Reads the current raw values of every field present in the shadow root
/// into `values` (fields not rendered keep their saved value).
pub fn read(root: &ShadowRoot, values: &mut BTreeMap<String, String>) {
    for f in fields() {
        let id = input_id(f.name);
        let Some(el) = root.get_element_by_id(&id) else {
            continue;
        };
        let v = match f.kind {
            Kind::Multi(opts) => opts
                .iter()
                .filter(|(v, _)| checked(root, &format!("{id}-{v}")))
                .map(|(v, _)| *v)
                .collect::<Vec<_>>()
                .join(","),
            Kind::YesNo => {
                if checked(root, &id) {
                    "yes".to_owned()
                } else if checked(root, &format!("{id}-no")) {
                    "no".to_owned()
                } else {
                    String::new()
                }
            }
            Kind::Bool => {
                if checked(root, &id) {
                    "true".to_owned()
                } else {
                    String::new()
                }
            }
            _ => {
                if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
                    i.value()
                } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
                    s.value()
                } else {
                    continue;
                }
            }
        };
        values.insert(f.name.to_owned(), v);
    }
}

/// Parses an integer typed by a visitor (ASCII or full-width digits, spaces
/// and thousands separators ignored).
fn parse_int(s: &str) -> Option<u64> {
    let mut n: u64 = 0;
    let mut any = false;
    for ch in s.trim().chars() {
        let d = match ch {
            '0'..='9' => ch as u64 - '0' as u64,
            '０'..='９' => ch as u64 - '０' as u64,
            ',' | '，' | ' ' | '_' => continue,
            _ => return None,
        };
        n = n.checked_mul(10)?.checked_add(d)?;
        any = true;
    }
    any.then_some(n)
}

/// An answer the quick check assumed because the visitor did not give it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Assumed {
    /// Employees not given: counted as a small or micro enterprise.
    SmallOrMicro,
    /// The legal representative's age not given: within the accepted range.
    LegalRepAge,
    /// The credit question not answered: no credit problems.
    NoCreditProblems,
    /// Optional fields left empty, counted as zero or none (field names).
    Empty(Vec<&'static str>),
}

/// A field's problem with the visitor's input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// Field name.
    pub field: String,
    /// Localized message.
    pub message: String,
    /// The field is required and empty (not shown while the visitor types).
    pub missing: bool,
}

/// The profile built from the form, and what it assumed.
#[derive(Clone, Debug)]
pub struct Built {
    /// The profile, validated by the core.
    pub profile: Profile,
    /// Answers assumed, in display order.
    pub assumed: Vec<Assumed>,
}

/// Employees counted when the visitor did not say: one is below every
/// industry's small-enterprise threshold, so the size class follows the
/// revenue and the enterprise is treated as small or micro (said so).
const ASSUMED_EMPLOYEES: u64 = 1;

/// Validates the raw values and builds the core's profile. `catalogue`
/// gives the accepted age range assumed when the age is not given. On
/// failure returns every invalid field with a localized message.
pub fn to_profile(
    lang: Lang,
    values: &BTreeMap<String, String>,
    catalogue: &Catalogue,
) -> Result<Built, Vec<FieldError>> {
    let mut out = Map::new();
    let mut errors = Vec::new();
    let mut assumed = Vec::new();
    let mut empty = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let err = |field: &str, message: &str, missing: bool| FieldError {
        field: field.to_owned(),
        message: message.to_owned(),
        missing,
    };
    for f in fields() {
        if seen.contains(&f.name) || matches!(f.kind, Kind::YesNo) {
            continue;
        }
        seen.push(f.name);
        if f.when == When::CreditProblems && !credit_problems(values) {
            continue;
        }
        let v = raw(values, f).trim();
        let value = match &f.kind {
            Kind::YesNo => continue,
            Kind::Bool => Value::Bool(v == "true"),
            Kind::Multi(_) => Value::Array(
                v.split(',')
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_owned()))
                    .collect(),
            ),
            _ if v.is_empty() => {
                if f.required {
                    errors.push(err(f.name, s::ERR_REQUIRED.get(lang), true));
                } else if matches!(f.kind, Kind::Money)
                    && !matches!(f.name, "requestedAmount" | "totalAssets")
                {
                    empty.push(f.name);
                }
                continue;
            }
            Kind::Money => match sme_precheck::money::parse_cny_input(v) {
                Ok(d) => Value::String(d.to_string()),
                Err(_) => {
                    errors.push(err(f.name, s::ERR_MONEY.get(lang), false));
                    continue;
                }
            },
            Kind::Int(min, max) => match parse_int(v) {
                Some(n) if n >= u64::from(*min) && n <= u64::from(*max) => Value::from(n),
                _ => {
                    let msg = fill(s::ERR_INT.get(lang), &[&min.to_string(), &max.to_string()]);
                    errors.push(err(f.name, &msg, false));
                    continue;
                }
            },
            Kind::Select(opts) => {
                if !opts.iter().any(|(o, _)| *o == v) {
                    errors.push(err(f.name, s::ERR_REQUIRED.get(lang), true));
                    continue;
                }
                if f.name == "termMonths" {
                    Value::from(parse_int(v).unwrap_or(12))
                } else {
                    Value::String(v.to_owned())
                }
            }
        };
        out.insert(f.name.to_owned(), value);
    }
    if !out.contains_key("employees") {
        out.insert("employees".into(), Value::from(ASSUMED_EMPLOYEES));
        assumed.push(Assumed::SmallOrMicro);
    }
    if !out.contains_key("legalRepAge") {
        let r = catalogue.rules.legal_rep_age;
        out.insert(
            "legalRepAge".into(),
            Value::from(r.min + (r.max - r.min) / 2),
        );
        assumed.push(Assumed::LegalRepAge);
    }
    if values.get(CREDIT_PROBLEMS).is_none_or(|v| v.is_empty()) {
        assumed.push(Assumed::NoCreditProblems);
    }
    if !empty.is_empty() {
        assumed.push(Assumed::Empty(empty));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    match Profile::from_json(&Value::Object(out).to_string()) {
        Ok(profile) => Ok(Built { profile, assumed }),
        Err(msg) => {
            // The core's message starts with the field it is about.
            let field = msg
                .split_once(':')
                .map(|(f, _)| f.trim())
                .filter(|f| field(f).is_some())
                .unwrap_or("");
            Err(vec![err(field, &msg, false)])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_accept_what_visitors_type() {
        assert_eq!(parse_int(" 1,200 "), Some(1200));
        assert_eq!(parse_int("１２"), Some(12));
        assert_eq!(parse_int("12a"), None);
        assert_eq!(parse_int(""), None);
    }

    fn typed(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn cat() -> &'static Catalogue {
        Catalogue::default_catalogue()
    }

    #[test]
    fn the_quick_check_has_at_most_eight_inputs() {
        let quick = visible(Page::Quick, &BTreeMap::new());
        assert_eq!(
            quick,
            [
                "industry",
                "monthsOperating",
                "annualRevenue",
                "taxCreditRating",
                CREDIT_PROBLEMS,
                "requestedAmount",
                "termMonths",
                "collateral"
            ]
        );
        let yes = typed(&[(CREDIT_PROBLEMS, "yes"), ("industry", "construction")]);
        let detail = visible(Page::Quick, &yes);
        assert!(detail.contains(&"overduesLast24Months") && detail.contains(&"totalAssets"));
        assert!(!visible(Page::Refine, &yes).contains(&"totalAssets"));
    }

    #[test]
    fn four_quick_answers_give_a_profile_with_the_rest_assumed() {
        let values = typed(&[
            ("industry", "software"),
            ("monthsOperating", "４０"),
            ("annualRevenue", "1,234万"),
            ("taxCreditRating", "A"),
        ]);
        let built = to_profile(Lang::ZhHans, &values, cat()).unwrap();
        let p = &built.profile;
        assert_eq!(p.annual_revenue.to_string(), "12340000.00");
        assert_eq!(p.months_operating, 40);
        assert_eq!(p.term_months, 12);
        assert_eq!(p.employees, 1);
        let age = cat().rules.legal_rep_age;
        assert!((age.min..=age.max).contains(&p.legal_rep_age));
        assert_eq!(
            built.assumed[..3],
            [
                Assumed::SmallOrMicro,
                Assumed::LegalRepAge,
                Assumed::NoCreditProblems
            ]
        );
        assert!(
            matches!(&built.assumed[3], Assumed::Empty(f) if f.contains(&"taxPaidLast24Months"))
        );
    }

    #[test]
    fn credit_detail_counts_only_after_yes() {
        let mut values = typed(&[
            ("industry", "software"),
            ("monthsOperating", "40"),
            ("annualRevenue", "500万"),
            ("taxCreditRating", "B"),
            ("overduesLast12Months", "3"),
            ("overduesLast24Months", "3"),
            (CREDIT_PROBLEMS, "no"),
        ]);
        let p = to_profile(Lang::En, &values, cat()).unwrap().profile;
        assert_eq!(p.overdues_last12_months, 0);
        values.insert(CREDIT_PROBLEMS.into(), "yes".into());
        let p = to_profile(Lang::En, &values, cat()).unwrap().profile;
        assert_eq!(p.overdues_last12_months, 3);
    }

    #[test]
    fn core_errors_land_on_the_field_they_name() {
        let base = [
            ("monthsOperating", "40"),
            ("annualRevenue", "500万"),
            ("taxCreditRating", "B"),
        ];
        let mut values = typed(&base);
        values.insert("industry".into(), "construction".into());
        let errs = to_profile(Lang::En, &values, cat()).unwrap_err();
        assert_eq!(errs[0].field, "totalAssets", "{errs:?}");
        let mut values = typed(&base);
        values.extend(typed(&[
            ("industry", "software"),
            (CREDIT_PROBLEMS, "yes"),
            ("overduesLast12Months", "2"),
            ("overduesLast24Months", "1"),
        ]));
        let errs = to_profile(Lang::En, &values, cat()).unwrap_err();
        assert_eq!(errs[0].field, "overduesLast24Months", "{errs:?}");
    }

    #[test]
    fn bad_money_and_numbers_get_messages_per_field() {
        let values = typed(&[
            ("annualRevenue", "lots"),
            ("employees", "-3"),
            ("legalRepAge", "200"),
        ]);
        let errs = to_profile(Lang::En, &values, cat()).unwrap_err();
        let msg = |n: &str| {
            errs.iter()
                .find(|e| e.field == n)
                .map(|e| (e.message.clone(), e.missing))
                .unwrap()
        };
        assert!(msg("annualRevenue").0.contains("200万"));
        assert!(msg("employees").0.contains("whole number"));
        assert!(msg("legalRepAge").0.contains("0 to 120"));
        assert!(msg("industry").1, "an empty required field is missing");
    }
}
