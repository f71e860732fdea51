//! The widget's own UI strings in zh-Hans, zh-Hant and en, and locale-aware
//! formatting of numbers, money (`¥1,234,567.89` in English, `123.46万元` in
//! Chinese) and rate ranges. Catalogue and survey texts come localized from
//! the core; only the chrome around them lives here.

use rust_decimal::Decimal;
use sme_precheck::i18n::Lang;
use sme_precheck::labels::{self, Domain};
use sme_precheck::money::{fmt_cny, fmt_grouped, fmt_grouped_fen, fmt_percent};

/// One UI string in the three languages (zh-Hans, zh-Hant, en): the core's
/// text type.
pub use sme_precheck::i18n::Text as Tr;

/// Fills `{}` placeholders in order.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    let mut args = args.iter();
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        out.push_str(args.next().copied().unwrap_or(""));
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// UI strings.
#[allow(missing_docs)]
pub mod s {
    use super::Tr;

    pub const TITLE: Tr = Tr("小微企业贷款预审", "小微企業貸款預審", "SME loan pre-check");
    pub const LANGUAGE: Tr = Tr("语言", "語言", "Language");
    pub const CLEAR: Tr = Tr("清除我的回答", "清除我的回答", "Clear my answers");
    pub const CLEARED: Tr = Tr(
        "已从此浏览器中删除您的回答。",
        "已從此瀏覽器中刪除您的回答。",
        "Your answers were removed from this browser.",
    );
    pub const STEP_OF: Tr = Tr(
        "第 {} 步，共 {} 步：{}",
        "第 {} 步，共 {} 步：{}",
        "Step {} of {}: {}",
    );
    pub const PROGRESS: Tr = Tr("进度", "進度", "Progress");
    pub const BACK: Tr = Tr("上一步", "上一步", "Back");
    pub const NEXT: Tr = Tr("下一步", "下一步", "Next");
    pub const START: Tr = Tr("开始预审", "開始預審", "Start the pre-check");
    pub const OFFERED_BY: Tr = Tr("合作方：{}", "合作方：{}", "Offered with {}");

    pub const STEP_INTRO: Tr = Tr("简介", "簡介", "Introduction");
    pub const STEP_FORM: Tr = Tr("快速预审", "快速預審", "Quick check");
    pub const STEP_REFINE: Tr = Tr(
        "补充信息（选填）",
        "補充信息（選填）",
        "Refine your answers (optional)",
    );
    pub const REFINE: Tr = Tr(
        "补充更多信息，让结果更准确",
        "補充更多信息，讓結果更準確",
        "Refine: more answers, narrower ranges",
    );
    pub const REFINE_LEAD: Tr = Tr(
        "以下各项均为选填。填写越完整，额度和结果越准确；未填写的项目按下方列出的假设估算。",
        "以下各項均為選填。填寫越完整，額度和結果越準確；未填寫的項目按下方列出的假設估算。",
        "Everything here is optional. The more you fill in, the closer the ranges; what you leave empty is assumed as listed below.",
    );
    pub const TO_RESULTS: Tr = Tr("查看各产品对比", "查看各產品對比", "Compare the products");
    pub const LIVE_TITLE: Tr = Tr("您的初步结果", "您的初步結果", "Your answer so far");
    pub const LIVE_NEEDS: Tr = Tr(
        "填写{}后即可看到各产品的初步结果。",
        "填寫{}後即可看到各產品的初步結果。",
        "Fill in {} to see each product's answer.",
    );
    pub const LIVE_FIX: Tr = Tr(
        "请更正标出的内容，结果会随即更新。",
        "請更正標出的內容，結果會隨即更新。",
        "Correct the marked fields and the answer updates at once.",
    );
    pub const LIST_SEP: Tr = Tr("、", "、", ", ");
    pub const ASSUMED_TITLE: Tr = Tr(
        "以上结果基于以下假设：",
        "以上結果基於以下假設：",
        "This answer assumes:",
    );
    pub const ASSUMED_SIZE: Tr = Tr(
        "未填写从业人员：按小微企业估算。",
        "未填寫從業人員：按小微企業估算。",
        "Employees not given: counted as a small or micro enterprise.",
    );
    pub const ASSUMED_AGE: Tr = Tr(
        "未填写法定代表人年龄：按符合年龄要求估算。",
        "未填寫法定代表人年齡：按符合年齡要求估算。",
        "Legal representative's age not given: assumed within the accepted range.",
    );
    pub const ASSUMED_CREDIT: Tr = Tr(
        "未回答信用问题：按无逾期、无不良记录估算。",
        "未回答信用問題：按無逾期、無不良記錄估算。",
        "Credit question not answered: assumed no overdue payments or listings.",
    );
    pub const ASSUMED_EMPTY: Tr = Tr(
        "未填写，按 0 计：{}。",
        "未填寫，按 0 計：{}。",
        "Not given, counted as zero: {}.",
    );
    pub const YUAN: Tr = Tr("元", "元", "CNY");
    pub const CREDIT_QUESTION: Tr = Tr(
        "企业或法定代表人是否有信用问题（逾期、不良、失信、限高、经营异常）？",
        "企業或法定代表人是否有信用問題（逾期、不良、失信、限高、經營異常）？",
        "Any credit problems (overdue payments, bad loans, court or registry listings)?",
    );
    pub const GROUP_ENTERPRISE: Tr = Tr("企业概况", "企業概況", "Your enterprise");
    pub const GROUP_CREDIT: Tr = Tr("信用记录", "信用記錄", "Credit record");
    pub const GROUP_LOAN: Tr = Tr("融资需求", "融資需求", "Your loan request");
    pub const GROUP_REVENUE: Tr = Tr("经营与纳税", "經營與納稅", "Revenue and tax");
    pub const GROUP_SUPPLY: Tr = Tr("供应链", "供應鏈", "Supply chain");
    pub const WHATIF_TITLE: Tr = Tr(
        "调整金额和期限",
        "調整金額和期限",
        "Try another amount or term",
    );
    pub const WHATIF_AMOUNT: Tr = Tr("借款金额", "借款金額", "Amount");
    pub const WHATIF_TERM: Tr = Tr("期限", "期限", "Term");
    pub const OFFLINE_SEND: Tr = Tr(
        "您目前处于离线状态：摘要已保存在本设备上，恢复联网后会自动发送。",
        "您目前處於離線狀態：摘要已保存在本設備上，恢復聯網後會自動發送。",
        "You are offline: the summary is kept on this device and sent automatically when you are back online.",
    );
    pub const STEP_RESULTS: Tr = Tr("预审结果", "預審結果", "Pre-check results");
    pub const STEP_SURVEY: Tr = Tr("需求调查", "需求調查", "Needs survey");
    pub const STEP_RECS: Tr = Tr("为您推荐", "為您推薦", "Recommendations");
    pub const STEP_PREVIEW: Tr = Tr("发送前预览", "發送前預覽", "Preview before sending");
    pub const STEP_THANKS: Tr = Tr("谢谢", "謝謝", "Thank you");

    pub const INTRO_LEAD: Tr = Tr(
        "几分钟内了解您的企业可能符合哪些快贷产品、大致额度、利率和月供，以及怎样可以改变结果。",
        "幾分鐘內了解您的企業可能符合哪些快貸產品、大致額度、利率和月供，以及怎樣可以改變結果。",
        "Find out in a few minutes which quick-loan products your business may qualify for, roughly how much, at what rate and monthly payment — and what would change the answer.",
    );
    pub const PRIVACY_TITLE: Tr = Tr("您的隐私", "您的隱私", "Your privacy");
    pub const PRIVACY_1: Tr = Tr(
        "预审完全在您的浏览器中计算，您填写的内容不会发送给任何人。",
        "預審完全在您的瀏覽器中計算，您填寫的內容不會發送給任何人。",
        "The pre-check is calculated entirely in your browser. Nothing you type is sent to anyone.",
    );
    pub const PRIVACY_2: Tr = Tr(
        "最后您可以选择发送一份匿名摘要（分档并随机化的数值，不含企业名称、代码、电话或确切金额），发送前会完整展示给您。",
        "最後您可以選擇發送一份匿名摘要（分檔並隨機化的數值，不含企業名稱、代碼、電話或確切金額），發送前會完整展示給您。",
        "At the end you may choose to send an anonymous summary (bucketed, randomized values — no company name, code, phone or exact amounts). You see exactly what would be sent before you decide.",
    );
    pub const PRIVACY_3: Tr = Tr(
        "为方便继续填写，您的回答保存在本浏览器中，可随时用“清除我的回答”删除。",
        "為方便繼續填寫，您的回答保存在本瀏覽器中，可隨時用“清除我的回答”刪除。",
        "So you can continue later, your answers are kept in this browser only; “Clear my answers” removes them at any time.",
    );

    pub const ERRORS_TITLE: Tr = Tr(
        "请检查以下内容：",
        "請檢查以下內容：",
        "Please check the following:",
    );
    pub const ERR_REQUIRED: Tr = Tr("请填写此项。", "請填寫此項。", "This field is required.");
    pub const ERR_MONEY: Tr = Tr(
        "请输入金额，例如 2,000,000 或 200万。",
        "請輸入金額，例如 2,000,000 或 200萬。",
        "Enter an amount such as 2,000,000 or 200万.",
    );
    pub const ERR_INT: Tr = Tr(
        "请输入 {} 到 {} 之间的整数。",
        "請輸入 {} 到 {} 之間的整數。",
        "Enter a whole number from {} to {}.",
    );
    pub const ERR_EVALUATE: Tr = Tr(
        "无法完成预审：{}",
        "無法完成預審：{}",
        "The pre-check could not run: {}",
    );
    pub const CHOOSE: Tr = Tr("请选择", "請選擇", "Choose…");
    pub const YES: Tr = Tr("是", "是", "Yes");
    pub const NO: Tr = Tr("否", "否", "No");

    pub const RESULTS_NONE: Tr = Tr(
        "没有可显示的产品。",
        "沒有可顯示的產品。",
        "No products to show.",
    );
    pub const SIZE_CLASS: Tr = Tr("企业规模：{}", "企業規模：{}", "Enterprise size: {}");
    pub const REASONS: Tr = Tr("原因", "原因", "Reasons");
    pub const CHANGES: Tr = Tr(
        "怎样可以改变结果",
        "怎樣可以改變結果",
        "What would change it",
    );
    pub const LIMIT: Tr = Tr("估计额度", "估計額度", "Estimated limit");
    pub const RATE: Tr = Tr("参考年利率", "參考年利率", "Indicative annual rate");
    pub const REPAYMENT: Tr = Tr("还款估算", "還款估算", "Repayment estimate");
    pub const SCHEDULE: Tr = Tr(
        "查看还款计划",
        "查看還款計劃",
        "Show the repayment schedule",
    );
    pub const MONTH: Tr = Tr("期数", "期數", "Month");
    pub const PAYMENT: Tr = Tr("月供", "月供", "Payment");
    pub const PRINCIPAL: Tr = Tr("本金", "本金", "Principal");
    pub const INTEREST: Tr = Tr("利息", "利息", "Interest");
    pub const BALANCE: Tr = Tr("剩余本金", "剩餘本金", "Balance");
    pub const TOTAL_INTEREST: Tr = Tr("利息合计", "利息合計", "Total interest");
    pub const LAST_PAYMENT: Tr = Tr("末期还款", "末期還款", "Last payment");
    pub const RATE_USED: Tr = Tr("估算所用年利率", "估算所用年利率", "Annual rate used");
    pub const TOTAL_PAYMENT: Tr = Tr("还款合计", "還款合計", "Total repaid");
    pub const FIRST_PAYMENT: Tr = Tr("首期还款", "首期還款", "First payment");
    pub const METHOD: Tr = Tr("还款方式", "還款方式", "Method");
    pub const TERM: Tr = Tr("期限", "期限", "Term");
    pub const MONTHS_N: Tr = Tr("{} 个月", "{} 個月", "{} months");
    pub const NOT_AVAILABLE: Tr = Tr("不适用", "不適用", "Not applicable");
    pub const INDICATIVE: Tr = Tr(
        "以上结果仅供参考，不构成贷款要约或承诺。",
        "以上結果僅供參考，不構成貸款要約或承諾。",
        "Indicative only, not an offer or a commitment to lend.",
    );
    pub const TO_SURVEY: Tr = Tr(
        "继续：需求调查",
        "繼續：需求調查",
        "Continue to the needs survey",
    );

    pub const SURVEY_PAGE: Tr = Tr(
        "调查第 {} 页，共 {} 页",
        "調查第 {} 頁，共 {} 頁",
        "Survey page {} of {}",
    );
    pub const OPTIONAL: Tr = Tr("（选填）", "（選填）", "(optional)");
    pub const RANK_HINT: Tr = Tr(
        "为每个选项选择名次（1 = 最重要）。",
        "為每個選項選擇名次（1 = 最重要）。",
        "Give each option a rank (1 = most important).",
    );
    pub const RANK_OF: Tr = Tr("{} 的名次", "{} 的名次", "Rank of {}");
    pub const SURVEY_UNAVAILABLE: Tr = Tr(
        "调查暂不可用。",
        "調查暫不可用。",
        "The survey is not available.",
    );

    pub const TO_RECS: Tr = Tr("查看推荐", "查看推薦", "See recommendations");
    pub const RECS_LEAD: Tr = Tr(
        "根据您的发展阶段和回答，以下服务可能适合您：",
        "根據您的發展階段和回答，以下服務可能適合您：",
        "Based on your stage and answers, these services may suit you:",
    );
    pub const RECS_NONE: Tr = Tr("暂无推荐。", "暫無推薦。", "No recommendations yet.");
    pub const TO_PREVIEW: Tr = Tr(
        "查看将发送的摘要",
        "查看將發送的摘要",
        "See the summary that would be sent",
    );

    pub const PREVIEW_LEAD: Tr = Tr(
        "如果您点击“发送”，以下记录将原样发送给银行，仅此而已。各项数值已分档，并在您的设备上随机化。",
        "如果您點擊“發送”，以下記錄將原樣發送給銀行，僅此而已。各項數值已分檔，並在您的設備上隨機化。",
        "If you press Send, exactly this record is sent to the bank — nothing else. Values are bucketed and randomized on your device.",
    );
    pub const FIELD: Tr = Tr("字段", "字段", "Field");
    pub const VALUE: Tr = Tr("值", "值", "Value");
    pub const RAW_JSON: Tr = Tr("原始 JSON", "原始 JSON", "Raw JSON");
    pub const SEND: Tr = Tr("发送", "發送", "Send");
    pub const DONT_SEND: Tr = Tr("不发送", "不發送", "Don't send");
    pub const RECORD_ERROR: Tr = Tr(
        "无法生成摘要：{}",
        "無法生成摘要：{}",
        "The summary could not be built: {}",
    );

    pub const THANKS_SENT: Tr = Tr(
        "谢谢！匿名摘要已排队发送，网络不稳定时会自动重试。",
        "謝謝！匿名摘要已排隊發送，網絡不穩定時會自動重試。",
        "Thank you! The anonymous summary is queued and will be retried automatically if the network is unreliable.",
    );
    pub const THANKS_NOT_SENT: Tr = Tr(
        "好的，没有发送任何内容。",
        "好的，沒有發送任何內容。",
        "Understood — nothing was sent.",
    );
    pub const THANKS_CLEARED: Tr = Tr(
        "您的回答已从此浏览器中删除。",
        "您的回答已從此瀏覽器中刪除。",
        "Your answers have been removed from this browser.",
    );
    pub const SEND_FAILED: Tr = Tr(
        "摘要未能保存以待发送：{}",
        "摘要未能保存以待發送：{}",
        "The summary could not be queued: {}",
    );
    pub const RESTART: Tr = Tr("重新开始", "重新開始", "Start again");

    pub const LOADING_CATALOGUE: Tr = Tr(
        "正在载入产品目录…",
        "正在載入產品目錄…",
        "Loading the product catalogue…",
    );
    pub const CATALOGUE_FAILED: Tr = Tr(
        "无法载入产品目录（{}），将使用默认目录。",
        "無法載入產品目錄（{}），將使用默認目錄。",
        "The product catalogue could not be loaded ({}); the default catalogue is used.",
    );
}

/// The core's label of an outcome code (`not_checked` included; empty
/// for an unknown code).
pub fn outcome_label(code: &str) -> Tr {
    labels::label(Domain::Outcome, code).unwrap_or(Tr("", "", ""))
}

/// The core's label of a size class code (`micro`, `small`, …).
pub fn size_label(code: &str) -> Tr {
    labels::label(Domain::SizeClass, code).unwrap_or(Tr("", "", ""))
}

/// The name of a repayment method by its code (`equal_instalment`, …).
pub fn method_label(code: &str) -> Option<Tr> {
    Some(match code {
        "equal_instalment" => Tr("等额本息", "等額本息", "Equal instalments"),
        "equal_principal" => Tr("等额本金", "等額本金", "Equal principal"),
        "interest_first" => Tr(
            "先息后本",
            "先息後本",
            "Interest first, principal at the end",
        ),
        _ => return None,
    })
}

/// Money in CNY for `lang`, half-up to the fen: English as the core writes
/// it (`¥1,234,567.89`, whole yuan without decimals); Chinese in 万/亿
/// (萬/億) above ten thousand (`123.46万元`, `300万元`), below it
/// `8,765.40元`.
pub fn money(d: Decimal, lang: Lang) -> String {
    let wan = Decimal::from(10_000);
    let yi = Decimal::from(100_000_000);
    if lang == Lang::En {
        return fmt_cny(d);
    }
    let (w, y) = if lang == Lang::ZhHans {
        ("万元", "亿元")
    } else {
        ("萬元", "億元")
    };
    // Two decimals of the unit, half-up, trailing zeros dropped.
    let unit = |x: Decimal| {
        let text = fmt_grouped_fen(x).replace(',', "");
        fmt_grouped(Decimal::from_str_exact(&text).unwrap_or(x))
    };
    let a = d.abs();
    if a >= yi {
        format!("{}{y}", unit(d / yi))
    } else if a >= wan {
        format!("{}{w}", unit(d / wan))
    } else {
        format!("{}元", fmt_cny(d).replacen('¥', "", 1))
    }
}

/// Money exactly to the fen with grouping, for repayment figures:
/// `¥51,227.11` in English, `51,227.11元` in Chinese.
pub fn money_exact(d: Decimal, lang: Lang) -> String {
    let text = fmt_grouped_fen(d);
    let (sign, body) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |b| ("-", b));
    match lang {
        Lang::En => format!("{sign}¥{body}"),
        Lang::ZhHans | Lang::ZhHant => format!("{sign}{body}元"),
    }
}

/// An annual percentage (`3.35` → `3.35%`), half-up to two decimals.
pub fn percent(d: Decimal) -> String {
    format!("{}%", fmt_percent(d))
}

/// A range `low – high`, collapsed when both ends are equal.
pub fn range(low: &str, high: &str) -> String {
    if low == high {
        low.to_owned()
    } else {
        format!("{low} – {high}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn money_per_locale() {
        assert_eq!(money(d("1234567.89"), Lang::En), "¥1,234,567.89");
        assert_eq!(money(d("1234567.89"), Lang::ZhHans), "123.46万元");
        assert_eq!(money(d("1234567.89"), Lang::ZhHant), "123.46萬元");
        assert_eq!(money(d("3000000"), Lang::En), "¥3,000,000");
        assert_eq!(money(d("3000000"), Lang::ZhHans), "300万元");
        assert_eq!(money(d("150000000"), Lang::ZhHans), "1.5亿元");
        assert_eq!(money(d("8765.4"), Lang::ZhHans), "8,765.40元");
        assert_eq!(money(d("12345.678"), Lang::En), "¥12,345.68");
        assert_eq!(money(d("0"), Lang::En), "¥0");
        assert_eq!(money(d("-12.5"), Lang::En), "-¥12.50");
    }

    #[test]
    fn exact_money_keeps_the_fen() {
        assert_eq!(money_exact(d("51227.1"), Lang::En), "¥51,227.10");
        assert_eq!(money_exact(d("170812.345"), Lang::ZhHans), "170,812.35元");
        assert_eq!(money_exact(d("7500"), Lang::ZhHant), "7,500.00元");
    }

    #[test]
    fn percent_and_fill() {
        assert_eq!(percent(d("3.35")), "3.35%");
        assert_eq!(percent(d("3.5")), "3.50%");
        assert_eq!(percent(d("4")), "4.00%");
        assert_eq!(fill("Step {} of {}", &["2", "7"]), "Step 2 of 7");
        assert_eq!(range("a", "a"), "a");
    }
}
