//! The one province table: GB/T 2260 province-level codes (the first two
//! digits of an administrative division code), their names in zh-Hans,
//! zh-Hant and English, and the region group of the National Bureau of
//! Statistics that the anonymized record carries instead of the province.
//!
//! The profile validates `province` against this table, the form lists it,
//! and the record builder buckets by [`region_group`].

use crate::i18n::Lang;

/// Region groups of the National Bureau of Statistics (东部、中部、西部、
/// 东北), plus `other` for Hong Kong, Macao and Taiwan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RegionGroup {
    /// 东部.
    East,
    /// 中部.
    Central,
    /// 西部.
    West,
    /// 东北.
    Northeast,
    /// 港澳台.
    Other,
}

impl_codes!(RegionGroup {
    East => "east",
    Central => "central",
    West => "west",
    Northeast => "northeast",
    Other => "other",
} label: crate::labels::region_group);

fn pick(lang: Lang, hans: &'static str, hant: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::ZhHans => hans,
        Lang::ZhHant => hant,
        Lang::En => en,
    }
}

/// One province-level division.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Province {
    /// GB/T 2260 two-digit code, e.g. `"44"`.
    pub code: &'static str,
    /// Name in simplified Chinese.
    pub zh_hans: &'static str,
    /// Name in traditional Chinese.
    pub zh_hant: &'static str,
    /// Name in English.
    pub en: &'static str,
    /// Region group.
    pub group: RegionGroup,
}

impl Province {
    /// The display name in `lang`.
    pub fn name(&self, lang: Lang) -> &'static str {
        pick(lang, self.zh_hans, self.zh_hant, self.en)
    }

    /// True for the 31 provinces, autonomous regions and municipalities of
    /// the mainland (not Hong Kong, Macao or Taiwan).
    pub fn is_mainland(&self) -> bool {
        self.group != RegionGroup::Other
    }
}

const fn p(
    code: &'static str,
    zh_hans: &'static str,
    zh_hant: &'static str,
    en: &'static str,
    group: RegionGroup,
) -> Province {
    Province {
        code,
        zh_hans,
        zh_hant,
        en,
        group,
    }
}

use RegionGroup::{Central, East, Northeast, Other, West};

/// Every province-level division, in code order: the 31 of the mainland,
/// then Taiwan, Hong Kong and Macao.
pub const PROVINCES: [Province; 34] = [
    p("11", "北京", "北京", "Beijing", East),
    p("12", "天津", "天津", "Tianjin", East),
    p("13", "河北", "河北", "Hebei", East),
    p("14", "山西", "山西", "Shanxi", Central),
    p("15", "内蒙古", "內蒙古", "Inner Mongolia", West),
    p("21", "辽宁", "遼寧", "Liaoning", Northeast),
    p("22", "吉林", "吉林", "Jilin", Northeast),
    p("23", "黑龙江", "黑龍江", "Heilongjiang", Northeast),
    p("31", "上海", "上海", "Shanghai", East),
    p("32", "江苏", "江蘇", "Jiangsu", East),
    p("33", "浙江", "浙江", "Zhejiang", East),
    p("34", "安徽", "安徽", "Anhui", Central),
    p("35", "福建", "福建", "Fujian", East),
    p("36", "江西", "江西", "Jiangxi", Central),
    p("37", "山东", "山東", "Shandong", East),
    p("41", "河南", "河南", "Henan", Central),
    p("42", "湖北", "湖北", "Hubei", Central),
    p("43", "湖南", "湖南", "Hunan", Central),
    p("44", "广东", "廣東", "Guangdong", East),
    p("45", "广西", "廣西", "Guangxi", West),
    p("46", "海南", "海南", "Hainan", East),
    p("50", "重庆", "重慶", "Chongqing", West),
    p("51", "四川", "四川", "Sichuan", West),
    p("52", "贵州", "貴州", "Guizhou", West),
    p("53", "云南", "雲南", "Yunnan", West),
    p("54", "西藏", "西藏", "Tibet", West),
    p("61", "陕西", "陝西", "Shaanxi", West),
    p("62", "甘肃", "甘肅", "Gansu", West),
    p("63", "青海", "青海", "Qinghai", West),
    p("64", "宁夏", "寧夏", "Ningxia", West),
    p("65", "新疆", "新疆", "Xinjiang", West),
    p("71", "台湾", "臺灣", "Taiwan", Other),
    p("81", "香港", "香港", "Hong Kong", Other),
    p("82", "澳门", "澳門", "Macao", Other),
];

/// The codes of [`PROVINCES`], in the same order.
pub const PROVINCE_CODES: [&str; 34] = {
    let mut codes = [""; 34];
    let mut i = 0;
    while i < codes.len() {
        codes[i] = PROVINCES[i].code;
        i += 1;
    }
    codes
};

/// The province with a two-digit code.
pub fn province(code: &str) -> Option<&'static Province> {
    PROVINCES.iter().find(|p| p.code == code)
}

/// The region group of a province code (`"44"`) or a six-digit division
/// code (`"440300"`); `None` for anything else.
pub fn region_group(code: &str) -> Option<RegionGroup> {
    let c = code.trim();
    if !(c.len() == 2 || c.len() == 6) || !c.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    province(&c[..2]).map(|p| p.group)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_complete_and_ordered() {
        assert!(PROVINCES.windows(2).all(|w| w[0].code < w[1].code));
        assert_eq!(PROVINCES.iter().filter(|p| p.is_mainland()).count(), 31);
        for p in &PROVINCES {
            assert!(!p.zh_hans.is_empty() && !p.zh_hant.is_empty() && !p.en.is_empty());
        }
        // Counts per group from the National Bureau of Statistics' division:
        // east 10, central 6, west 12, northeast 3.
        let count = |g| PROVINCES.iter().filter(|p| p.group == g).count();
        assert_eq!(
            [East, Central, West, Northeast, Other].map(count),
            [10, 6, 12, 3, 3]
        );
    }

    #[test]
    fn groups_by_province_or_division_code() {
        assert_eq!(region_group("11"), Some(East));
        assert_eq!(region_group("440300"), Some(East));
        assert_eq!(region_group("42"), Some(Central));
        assert_eq!(region_group("65"), Some(West));
        assert_eq!(region_group("23"), Some(Northeast));
        assert_eq!(region_group("81"), Some(Other));
        assert_eq!(region_group("99"), None);
        assert_eq!(region_group("4"), None);
        assert_eq!(region_group("4a"), None);
        assert_eq!(province("44").unwrap().name(Lang::ZhHant), "廣東");
        assert_eq!(RegionGroup::parse("west"), Some(West));
        assert_eq!(RegionGroup::Other.label(Lang::ZhHant), "港澳臺地區");
    }
}
