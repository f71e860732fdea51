//! The one label table: every code the pre-check shows to people, with its
//! text in zh-Hans, zh-Hant and English. The widget, the record preview,
//! the feedback server and its dashboard all take their labels from here
//! (typed through the `label(Lang)` methods of the enums, or by code
//! through [`label`]).
//!
//! Wording: the copy a bank publishes. Chinese outcome labels say where the
//! visitor stands (`初步符合条件`, `暂不符合条件`), zh-Hant writes the
//! mainland terms in traditional characters (`信息`, `軟件`, `網點`), and
//! each code has exactly one label in each language.

use crate::i18n::{Lang, Text};
use crate::precheck::Outcome;
use crate::profile::{
    Collateral, CollateralType, LifecycleStage, SupplyChainRole, SupplyChainTier, Tag, TaxRating,
};
use crate::region::{self, RegionGroup};
use crate::size_class::{Industry, SizeClass};

/// The label of a pre-check outcome.
pub const fn outcome(o: Outcome) -> Text {
    match o {
        Outcome::PreQualified => Text("初步符合条件", "初步符合條件", "Pre-qualified"),
        Outcome::PreQualifiedWithReview => Text(
            "初步符合条件，需人工审核",
            "初步符合條件，需人工審核",
            "Pre-qualified, subject to review",
        ),
        Outcome::NeedsCollateralOrLowerAmount => Text(
            "需提供抵质押或调低金额",
            "需提供抵質押或調低金額",
            "Collateral or a lower amount needed",
        ),
        Outcome::NeedsCollateral => Text("需提供抵质押", "需提供抵質押", "Collateral needed"),
        Outcome::ReferToBranch => Text("请到网点咨询", "請到網點諮詢", "Please talk to a branch"),
        Outcome::NotEligible => Text("暂不符合条件", "暫不符合條件", "Not eligible at present"),
        Outcome::NotSmallOrMicro => Text(
            "不属于小微企业",
            "不屬於小微企業",
            "Not a small or micro enterprise",
        ),
    }
}

/// The outcome class of a record when no pre-check ran (`not_checked`).
pub const NOT_CHECKED: Text = Text("未预审", "未預審", "Pre-check not run");

/// Yes, for yes/no answers.
pub const YES: Text = Text("是", "是", "Yes");
/// No, for yes/no answers.
pub const NO: Text = Text("否", "否", "No");
/// The value of a question or field left unanswered.
pub const NOT_ANSWERED: Text = Text("未作答", "未作答", "Not answered");

/// The label of an industry (MIIT classification).
pub const fn industry(i: Industry) -> Text {
    use Industry as I;
    match i {
        I::Agriculture => Text("农、林、牧、渔业", "農、林、牧、漁業", "Agriculture"),
        I::Industry => Text(
            "工业（制造业等）",
            "工業（製造業等）",
            "Industry / manufacturing",
        ),
        I::Construction => Text("建筑业", "建築業", "Construction"),
        I::Wholesale => Text("批发业", "批發業", "Wholesale"),
        I::Retail => Text("零售业", "零售業", "Retail"),
        I::Transport => Text("交通运输业", "交通運輸業", "Transport"),
        I::Warehousing => Text("仓储业", "倉儲業", "Warehousing"),
        I::Postal => Text("邮政业", "郵政業", "Postal services"),
        I::Accommodation => Text("住宿业", "住宿業", "Accommodation"),
        I::Catering => Text("餐饮业", "餐飲業", "Catering"),
        I::InformationTransmission => Text("信息传输业", "信息傳輸業", "Information transmission"),
        I::Software => Text(
            "软件和信息技术服务业",
            "軟件和信息技術服務業",
            "Software and IT services",
        ),
        I::RealEstate => Text(
            "房地产开发经营",
            "房地產開發經營",
            "Real-estate development",
        ),
        I::PropertyManagement => Text("物业管理", "物業管理", "Property management"),
        I::LeasingBusinessServices => Text(
            "租赁和商务服务业",
            "租賃和商務服務業",
            "Leasing and business services",
        ),
        I::Other => Text("其他行业", "其他行業", "Other"),
    }
}

/// The industry groups a record carries instead of the industry.
pub const INDUSTRY_GROUPS: [(&str, Text); 9] = [
    (
        "agriculture",
        Text("农林牧渔业", "農林牧漁業", "Agriculture"),
    ),
    (
        "manufacturing",
        Text(
            "工业（制造业等）",
            "工業（製造業等）",
            "Industry / manufacturing",
        ),
    ),
    (
        "construction_real_estate",
        Text(
            "建筑和房地产业",
            "建築和房地產業",
            "Construction and real estate",
        ),
    ),
    (
        "trade",
        Text("批发和零售业", "批發和零售業", "Wholesale and retail"),
    ),
    (
        "logistics",
        Text(
            "交通运输、仓储和邮政业",
            "交通運輸、倉儲和郵政業",
            "Transport, warehousing and postal services",
        ),
    ),
    (
        "hospitality",
        Text("住宿和餐饮业", "住宿和餐飲業", "Accommodation and catering"),
    ),
    (
        "information_tech",
        Text(
            "信息传输、软件和信息技术服务业",
            "信息傳輸、軟件和信息技術服務業",
            "Information transmission, software and IT",
        ),
    ),
    (
        "business_services",
        Text(
            "租赁和商务服务业",
            "租賃和商務服務業",
            "Leasing and business services",
        ),
    ),
    ("other", Text("其他行业", "其他行業", "Other")),
];

/// The label of a size class.
pub const fn size_class(s: SizeClass) -> Text {
    match s {
        SizeClass::Micro => Text("微型企业", "微型企業", "Micro enterprise"),
        SizeClass::Small => Text("小型企业", "小型企業", "Small enterprise"),
        SizeClass::Medium => Text("中型企业", "中型企業", "Medium enterprise"),
        SizeClass::Large => Text("大型企业", "大型企業", "Large enterprise"),
    }
}

/// The label of a tax credit rating.
pub const fn tax_rating(r: TaxRating) -> Text {
    match r {
        TaxRating::A => Text("A 级", "A 級", "A"),
        TaxRating::B => Text("B 级", "B 級", "B"),
        TaxRating::M => Text("M 级", "M 級", "M"),
        TaxRating::C => Text("C 级", "C 級", "C"),
        TaxRating::D => Text("D 级", "D 級", "D"),
    }
}

/// The label of a kind of collateral, as offered in the form.
pub const fn collateral(c: Collateral) -> Text {
    match c {
        Collateral::None => Text("无（信用方式）", "無（信用方式）", "None (unsecured)"),
        Collateral::Property => Text("房产抵押", "房產抵押", "Property mortgage"),
        Collateral::Pledge => Text("质押", "質押", "Pledge"),
        Collateral::Guarantee => Text(
            "担保机构保证",
            "擔保機構保證",
            "Guarantee by an institution",
        ),
    }
}

/// The label of a collateral or guarantee sub-type.
pub const fn collateral_type(t: CollateralType) -> Text {
    use CollateralType as C;
    match t {
        C::Residential => Text("住宅", "住宅", "Residential property"),
        C::Commercial => Text(
            "商业用房或商业担保机构",
            "商業用房或商業擔保機構",
            "Commercial property or a commercial guarantor",
        ),
        C::Industrial => Text("工业厂房", "工業廠房", "Industrial property"),
        C::Deposit => Text("存单", "存單", "Deposit"),
        C::Receivables => Text("应收账款", "應收賬款", "Receivables"),
        C::Ip => Text("知识产权", "知識產權", "Intellectual property"),
        C::Equipment => Text("机器设备", "機器設備", "Equipment"),
        C::Equity => Text("股权", "股權", "Equity"),
        C::Government => Text(
            "政府性融资担保",
            "政府性融資擔保",
            "Government financing guarantee",
        ),
    }
}

/// The label of a tier in a supply chain.
pub const fn supply_chain_tier(t: SupplyChainTier) -> Text {
    match t {
        SupplyChainTier::First => Text(
            "一级（与核心企业直接交易）",
            "一級（與核心企業直接交易）",
            "First tier (trades with the core enterprise directly)",
        ),
        SupplyChainTier::Multi => Text("多级", "多級", "Further tiers"),
    }
}

/// The label of a lifecycle stage.
pub const fn lifecycle_stage(s: LifecycleStage) -> Text {
    match s {
        LifecycleStage::Startup => Text("初创期", "初創期", "Start-up"),
        LifecycleStage::Growth => Text("成长期", "成長期", "Growth"),
        LifecycleStage::Mature => Text("成熟期", "成熟期", "Mature"),
    }
}

/// The label of a qualification tag.
pub const fn tag(t: Tag) -> Text {
    match t {
        Tag::HighTech => Text("高新技术企业", "高新技術企業", "High-tech enterprise"),
        Tag::SpecializedNew => Text(
            "专精特新企业",
            "專精特新企業",
            "“Specialized and new” enterprise",
        ),
    }
}

/// The label of a role in a core enterprise's supply chain.
pub const fn supply_chain_role(r: SupplyChainRole) -> Text {
    match r {
        SupplyChainRole::None => Text(
            "不在核心企业供应链中",
            "不在核心企業供應鏈中",
            "Not in a core enterprise's chain",
        ),
        SupplyChainRole::Supplier => Text(
            "核心企业的供应商（上游）",
            "核心企業的供應商（上游）",
            "Supplier of a core enterprise",
        ),
        SupplyChainRole::Distributor => Text(
            "核心企业的经销商（下游）",
            "核心企業的經銷商（下游）",
            "Distributor of a core enterprise",
        ),
    }
}

/// The label of a region group.
pub const fn region_group(g: RegionGroup) -> Text {
    match g {
        RegionGroup::East => Text("东部地区", "東部地區", "Eastern region"),
        RegionGroup::Central => Text("中部地区", "中部地區", "Central region"),
        RegionGroup::West => Text("西部地区", "西部地區", "Western region"),
        RegionGroup::Northeast => Text("东北地区", "東北地區", "Northeast"),
        RegionGroup::Other => Text("港澳台地区", "港澳臺地區", "Hong Kong, Macao and Taiwan"),
    }
}

/// The kinds of code [`label`] knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Domain {
    /// Outcome codes, and `not_checked` (the record's outcome class).
    Outcome,
    /// Profile `industry` codes.
    Industry,
    /// Industry groups of the record.
    IndustryGroup,
    /// Size classes.
    SizeClass,
    /// Tax credit ratings.
    TaxRating,
    /// Collateral kinds.
    Collateral,
    /// Lifecycle stages.
    LifecycleStage,
    /// Qualification tags.
    Tag,
    /// Supply-chain roles.
    SupplyChainRole,
    /// Collateral or guarantee sub-types.
    CollateralType,
    /// Supply-chain tiers.
    SupplyChainTier,
    /// GB/T 2260 province codes.
    Province,
    /// Region groups of the record.
    RegionGroup,
}

/// The label of `code` in `domain`; `None` for a code the domain does not
/// have. For callers that hold codes as text (records, statistics).
pub fn label(domain: Domain, code: &str) -> Option<Text> {
    Some(match domain {
        Domain::Outcome if code == "not_checked" => NOT_CHECKED,
        Domain::Outcome => outcome(Outcome::parse(code)?),
        Domain::Industry => industry(Industry::parse(code)?),
        Domain::IndustryGroup => INDUSTRY_GROUPS.iter().find(|(c, _)| *c == code)?.1,
        Domain::SizeClass => size_class(SizeClass::parse(code)?),
        Domain::TaxRating => tax_rating(TaxRating::parse(code)?),
        Domain::Collateral => collateral(Collateral::parse(code)?),
        Domain::LifecycleStage => lifecycle_stage(LifecycleStage::parse(code)?),
        Domain::Tag => tag(Tag::parse(code)?),
        Domain::SupplyChainRole => supply_chain_role(SupplyChainRole::parse(code)?),
        Domain::CollateralType => collateral_type(CollateralType::parse(code)?),
        Domain::SupplyChainTier => supply_chain_tier(SupplyChainTier::parse(code)?),
        Domain::Province => {
            let p = region::province(code)?;
            Text(p.zh_hans, p.zh_hant, p.en)
        }
        Domain::RegionGroup => region_group(RegionGroup::parse(code)?),
    })
}

/// [`label`] in one language, falling back to the code itself.
pub fn label_or_code(domain: Domain, code: &str, lang: Lang) -> &str {
    label(domain, code).map_or(code, |t| t.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_has_distinct_labels_in_every_language() {
        for lang in Lang::ALL {
            let mut seen: Vec<&str> = Outcome::ALL.iter().map(|o| o.label(lang)).collect();
            seen.push(NOT_CHECKED.get(lang));
            assert!(seen.iter().all(|l| !l.is_empty()));
            let n = seen.len();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), n, "{lang:?}");
        }
    }

    #[test]
    fn looks_up_by_code() {
        assert_eq!(
            label(Domain::Outcome, "pre_qualified")
                .unwrap()
                .get(Lang::ZhHans),
            "初步符合条件"
        );
        assert_eq!(
            label(Domain::Outcome, "not_checked").unwrap().get(Lang::En),
            "Pre-check not run"
        );
        assert_eq!(
            label(Domain::Province, "44").unwrap().get(Lang::ZhHant),
            "廣東"
        );
        assert_eq!(
            label(Domain::Industry, "software")
                .unwrap()
                .get(Lang::ZhHant),
            "軟件和信息技術服務業"
        );
        assert_eq!(
            label(Domain::RegionGroup, "other")
                .unwrap()
                .get(Lang::ZhHant),
            "港澳臺地區"
        );
        assert!(label(Domain::Outcome, "approved").is_none());
        assert_eq!(label_or_code(Domain::Tag, "unknown", Lang::En), "unknown");
        for (code, _) in INDUSTRY_GROUPS {
            assert!(label(Domain::IndustryGroup, code).is_some());
        }
    }
}
