//! The results views' own texts in zh-Hans, zh-Hant (mainland terms in
//! traditional characters) and en. Outcome, method and money texts come
//! from the core; only the words around them live here.

use super::super::i18n::Tr;

/// Column header and narrow-screen label: the product.
pub const PRODUCT: Tr = Tr("产品", "產品", "Product");
/// Column header and narrow-screen label: the outcome.
pub const OUTCOME: Tr = Tr("预审结果", "預審結果", "Outcome");
/// Column header and narrow-screen label: the estimated limit.
pub const LIMIT: Tr = Tr("预估额度", "預估額度", "Estimated limit");
/// Column header and narrow-screen label: the indicative rate.
pub const RATE: Tr = Tr("参考年利率", "參考年利率", "Indicative rate");
/// The payment column for equal instalments.
pub const PAY_EQUAL_INSTALMENT: Tr = Tr("月供", "月供", "Monthly payment");
/// The payment column for equal principal (the first month is the largest).
pub const PAY_EQUAL_PRINCIPAL: Tr = Tr("首月还款", "首月還款", "First month");
/// The payment column for interest first.
pub const PAY_INTEREST_FIRST: Tr = Tr("每月付息", "每月付息", "Monthly interest");
/// Shown (visually hidden) where a figure does not apply.
pub const NONE: Tr = Tr("不适用", "不適用", "not applicable");
/// The basis line above the list: the method the payments are shown for.
pub const BASIS_METHOD: Tr = Tr(
    "还款额按{}测算；本金取申请金额与预估额度上限中的较低者。",
    "還款額按{}測算；本金取申請金額與預估額度上限中的較低者。",
    "Payments shown for {}; the principal is the amount requested or, if lower, the top of the limit.",
);
/// Hint under the list.
pub const EXPAND_HINT: Tr = Tr(
    "点击产品可查看原因、改善建议、还款方式和还款计划。",
    "點擊產品可查看原因、改善建議、還款方式和還款計劃。",
    "Open a product for the reasons, what would change the answer, the repayment methods and the schedule.",
);
/// Reasons heading.
pub const REASONS: Tr = Tr("预审说明", "預審說明", "Why");
/// Changes heading.
pub const CHANGES: Tr = Tr(
    "如何改善结果",
    "如何改善結果",
    "What would change the answer",
);
/// Repayment heading.
pub const REPAYMENT: Tr = Tr("还款测算", "還款測算", "Repayment estimate");
/// Repayment basis for one product: principal, term, rate.
pub const PLAN_BASIS: Tr = Tr(
    "本金{}，期限{}个月，年利率{}（参考利率上限）。",
    "本金{}，期限{}個月，年利率{}（參考利率上限）。",
    "Principal {}, {} months, annual rate {} (top of the indicative range).",
);
/// The methods' fieldset legend.
pub const METHOD: Tr = Tr("还款方式", "還款方式", "Repayment method");
/// First payment.
pub const FIRST: Tr = Tr("首期", "首期", "First");
/// Last payment.
pub const LAST: Tr = Tr("末期", "末期", "Last");
/// Total interest.
pub const TOTAL_INTEREST: Tr = Tr("利息合计", "利息合計", "Total interest");
/// Schedule toggle.
pub const SCHEDULE: Tr = Tr(
    "查看逐月还款计划",
    "查看逐月還款計劃",
    "Month-by-month schedule",
);
/// Schedule columns.
pub const PERIOD: Tr = Tr("期数", "期數", "Month");
/// Schedule column: payment.
pub const PAYMENT: Tr = Tr("还款额", "還款額", "Payment");
/// Schedule column and chart legend: principal.
pub const PRINCIPAL: Tr = Tr("本金", "本金", "Principal");
/// Schedule column and chart legend: interest.
pub const INTEREST: Tr = Tr("利息", "利息", "Interest");
/// Schedule column: balance.
pub const BALANCE: Tr = Tr("剩余本金", "剩餘本金", "Balance");
/// Chart title.
pub const CHART_TITLE: Tr = Tr(
    "{}：{}，每月还款构成",
    "{}：{}，每月還款構成",
    "{}: {}, payment per month",
);
/// Chart description (text alternative).
pub const CHART_DESC: Tr = Tr(
    "共{}期。首期还款{}，末期还款{}，最高一期{}（第{}期）；利息合计{}，还款合计{}。逐月数字见还款计划表。",
    "共{}期。首期還款{}，末期還款{}，最高一期{}（第{}期）；利息合計{}，還款合計{}。逐月數字見還款計劃表。",
    "{} months. First payment {}, last {}, highest {} (month {}); total interest {}, total repaid {}. The schedule table has every month.",
);
/// Chart x axis.
pub const CHART_X: Tr = Tr("横轴：期数（月）", "橫軸：期數（月）", "Across: month");
/// Next steps heading.
pub const NEXT_TITLE: Tr = Tr("下一步", "下一步", "What to do next");
/// Lead of the next steps.
pub const NEXT_LEAD: Tr = Tr(
    "以下产品可继续申请。请提前准备材料，正式审批以银行审核为准。",
    "以下產品可繼續申請。請提前準備材料，正式審批以銀行審核為準。",
    "You can go on to apply for these products. Prepare the documents in advance; the bank's review decides.",
);
/// No product can be applied for.
pub const NEXT_NONE: Tr = Tr(
    "目前没有可直接申请的产品。可参考各产品的改善建议，或到就近网点咨询。",
    "目前沒有可直接申請的產品。可參考各產品的改善建議，或到就近網點諮詢。",
    "No product can be applied for right now. See each product's suggestions, or ask at a branch.",
);
/// Documents every product listed needs.
pub const DOCUMENTS_COMMON: Tr = Tr(
    "申请以下各产品均需准备：",
    "申請以下各產品均需準備：",
    "Every product below needs:",
);
/// Documents one product needs on top of the common ones.
pub const DOCUMENTS_EXTRA: Tr = Tr("另需准备：", "另需準備：", "Also needed:");
/// Documents heading.
pub const DOCUMENTS: Tr = Tr("需准备的材料：", "需準備的材料：", "Documents to prepare:");
/// Where to apply: online products.
pub const APPLY_ONLINE: Tr = Tr(
    "可通过企业网银或手机银行在线申请。",
    "可通過企業網銀或手機銀行在線申請。",
    "Apply online through corporate internet or mobile banking.",
);
/// Where to apply: a branch, named.
pub const APPLY_AT: Tr = Tr("请联系：{}", "請聯繫：{}", "Contact: {}");
/// A branch with its address.
pub const BRANCH_ADDRESS: Tr = Tr("{}（地址：{}）", "{}（地址：{}）", "{} ({})");
/// Where to apply: a branch, unnamed.
pub const APPLY_BRANCH: Tr = Tr(
    "请到就近网点或科创企业金融服务中心咨询。",
    "請到就近網點或科創企業金融服務中心諮詢。",
    "Ask at your nearest branch or technology-enterprise finance centre.",
);
/// Print button.
pub const PRINT: Tr = Tr("打印或保存为PDF", "打印或保存為PDF", "Print or save as PDF");
/// Print note.
pub const PRINT_NOTE: Tr = Tr(
    "打印内容只在您的设备上生成，不会发送给任何人。",
    "打印內容只在您的設備上生成，不會發送給任何人。",
    "The printout is made on your device only; nothing is sent.",
);
/// Enterprise size line.
pub const SIZE: Tr = Tr("企业规模：{}", "企業規模：{}", "Enterprise size: {}");
/// The payment cell's label for a revolving line: interest for a month on
/// the amount drawn.
pub const PAY_REVOLVING: Tr = Tr("每月利息", "每月利息", "Interest a month");
/// Revolving line: how it works.
pub const REVOLVING_LEAD: Tr = Tr(
    "循环额度，随借随还，按日计息，按月付息；单笔借款期限最长{}个月。",
    "循環額度，隨借隨還，按日計息，按月付息；單筆借款期限最長{}個月。",
    "A revolving line: draw and repay at any time; interest accrues daily and is paid monthly; each drawdown runs at most {} months.",
);
/// Revolving line: the figures for the amount drawn.
pub const REVOLVING_FIGURES: Tr = Tr(
    "按借款{}、年利率{}（日利率=年利率/{}）：每日利息{}，每月利息（按30天）{}，借用{}个月利息合计{}。",
    "按借款{}、年利率{}（日利率=年利率/{}）：每日利息{}，每月利息（按30天）{}，借用{}個月利息合計{}。",
    "Drawing {} at {} a year (daily rate = annual rate / {}): interest {} a day, {} a month (30 days); over {} months, {} in all.",
);
