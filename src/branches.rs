//! The branch directory: where a visitor is referred when a product has to
//! be discussed in person — the bank's 科创企业金融服务中心 (sci-tech
//! enterprise financial service centres) and 新市场特色支行 (new-market
//! specialised branches), each with its province and city.
//!
//! The directory is data: the default lists the sixteen centres by place
//! (`src/catalogue/branches.json`, no addresses); a catalogue may carry the
//! bank's own list instead. [`nearest`] picks the entry for a visitor's
//! province and city: an entry in the visitor's city first, otherwise the
//! closest entry by straight-line distance between the places (provincial
//! capitals and a few large cities, in hundredths of a degree, integer
//! arithmetic so native and wasm always agree).

use crate::i18n::{Lang, LocalizedText};
use crate::json::Json;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

mod reader;

/// What kind of place a directory entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BranchKind {
    /// 科创企业金融服务中心.
    Centre,
    /// 新市场特色支行.
    Branch,
}

/// One entry of the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    /// Centre or specialised branch.
    pub kind: BranchKind,
    /// Its name.
    pub name: LocalizedText,
    /// The place it serves (a city, or a province for a provincial centre).
    pub city: LocalizedText,
    /// GB/T 2260 two-digit province code.
    pub province: String,
    /// Street address, when the bank gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<LocalizedText>,
}

/// Where a `refer_to_branch` result sends the visitor, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Referral {
    /// The centre's or branch's name.
    pub name: String,
    /// Its city.
    pub city: String,
    /// Its address, when the directory has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl Branch {
    /// The entry as a referral in `lang`.
    pub fn referral(&self, lang: Lang) -> Referral {
        Referral {
            name: self.name.get(lang).to_owned(),
            city: self.city.get(lang).to_owned(),
            address: self.address.as_ref().map(|a| a.get(lang).to_owned()),
        }
    }
}

/// The default directory's JSON text: `src/catalogue/branches.json` without
/// its insignificant whitespace (see `build.rs`).
pub const DEFAULT_DIRECTORY_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/catalogue_branches.json"));

/// Parses and checks a directory (a JSON array of entries); the error names
/// the entry (`branches[3].province: …`).
pub fn from_json(json: &str) -> Result<Vec<Branch>, String> {
    let list: Vec<Branch> = serde_json::from_str(json).map_err(|e| format!("branches: {e}"))?;
    check(&list)?;
    Ok(list)
}

/// [`from_json`] of a parsed value, with the same messages for the value's
/// compact text (read by hand: no serde deserializer in the wasm widget).
pub fn from_value(value: &Json) -> Result<Vec<Branch>, String> {
    let list = reader::from_value(value)?;
    check(&list)?;
    Ok(list)
}

/// Checks every entry: a known province code and a name and city.
pub fn check(list: &[Branch]) -> Result<(), String> {
    for (i, b) in list.iter().enumerate() {
        if province_point(&b.province).is_none() {
            return Err(format!(
                "branches[{i}].province: expected a GB/T 2260 two-digit province code such as \"44\", got \"{}\"",
                b.province
            ));
        }
        if b.name.get(Lang::ZhHans).trim().is_empty() {
            return Err(format!("branches[{i}].name: must not be empty"));
        }
        if b.city.get(Lang::ZhHans).trim().is_empty() {
            return Err(format!("branches[{i}].city: must not be empty"));
        }
    }
    Ok(())
}

/// The default directory: the sixteen centres, named by place.
pub fn default_directory() -> &'static [Branch] {
    static DEFAULT: OnceLock<Vec<Branch>> = OnceLock::new();
    DEFAULT.get_or_init(|| {
        crate::json::parse(DEFAULT_DIRECTORY_JSON)
            .map_err(|e| e.to_string())
            .and_then(|v| from_value(&v))
            .expect("the default branch directory is valid")
    })
}

/// A place: province code, names (zh-Hans, zh-Hant, en), latitude and
/// longitude in hundredths of a degree.
type Place = (&'static str, [&'static str; 3], i64, i64);

/// Provincial capitals (the point a province is measured from), by
/// province code.
const CAPITALS: [Place; 34] = [
    ("11", ["北京", "北京", "Beijing"], 3990, 11640),
    ("12", ["天津", "天津", "Tianjin"], 3913, 11720),
    ("13", ["石家庄", "石家莊", "Shijiazhuang"], 3804, 11451),
    ("14", ["太原", "太原", "Taiyuan"], 3787, 11255),
    ("15", ["呼和浩特", "呼和浩特", "Hohhot"], 4084, 11175),
    ("21", ["沈阳", "瀋陽", "Shenyang"], 4180, 12343),
    ("22", ["长春", "長春", "Changchun"], 4388, 12532),
    ("23", ["哈尔滨", "哈爾濱", "Harbin"], 4580, 12653),
    ("31", ["上海", "上海", "Shanghai"], 3123, 12147),
    ("32", ["南京", "南京", "Nanjing"], 3206, 11880),
    ("33", ["杭州", "杭州", "Hangzhou"], 3027, 12015),
    ("34", ["合肥", "合肥", "Hefei"], 3182, 11723),
    ("35", ["福州", "福州", "Fuzhou"], 2607, 11930),
    ("36", ["南昌", "南昌", "Nanchang"], 2868, 11586),
    ("37", ["济南", "濟南", "Jinan"], 3665, 11712),
    ("41", ["郑州", "鄭州", "Zhengzhou"], 3475, 11363),
    ("42", ["武汉", "武漢", "Wuhan"], 3059, 11431),
    ("43", ["长沙", "長沙", "Changsha"], 2823, 11294),
    ("44", ["广州", "廣州", "Guangzhou"], 2313, 11326),
    ("45", ["南宁", "南寧", "Nanning"], 2282, 10837),
    ("46", ["海口", "海口", "Haikou"], 2004, 11034),
    ("50", ["重庆", "重慶", "Chongqing"], 2956, 10655),
    ("51", ["成都", "成都", "Chengdu"], 3057, 10407),
    ("52", ["贵阳", "貴陽", "Guiyang"], 2665, 10663),
    ("53", ["昆明", "昆明", "Kunming"], 2504, 10271),
    ("54", ["拉萨", "拉薩", "Lhasa"], 2965, 9113),
    ("61", ["西安", "西安", "Xi'an"], 3434, 10894),
    ("62", ["兰州", "蘭州", "Lanzhou"], 3606, 10383),
    ("63", ["西宁", "西寧", "Xining"], 3662, 10178),
    ("64", ["银川", "銀川", "Yinchuan"], 3849, 10623),
    ("65", ["乌鲁木齐", "烏魯木齊", "Urumqi"], 4383, 8762),
    ("71", ["台北", "臺北", "Taipei"], 2503, 12157),
    ("81", ["香港", "香港", "Hong Kong"], 2232, 11417),
    ("82", ["澳门", "澳門", "Macao"], 2220, 11355),
];

/// Other large cities a visitor or an entry may name.
const CITIES: [Place; 8] = [
    ("44", ["深圳", "深圳", "Shenzhen"], 2254, 11406),
    ("32", ["苏州", "蘇州", "Suzhou"], 3130, 12059),
    ("35", ["厦门", "廈門", "Xiamen"], 2448, 11809),
    ("37", ["青岛", "青島", "Qingdao"], 3607, 12038),
    ("33", ["宁波", "寧波", "Ningbo"], 2987, 12155),
    ("21", ["大连", "大連", "Dalian"], 3891, 12160),
    ("32", ["无锡", "無錫", "Wuxi"], 3149, 12031),
    ("44", ["东莞", "東莞", "Dongguan"], 2302, 11375),
];

/// A city name without its administrative suffix, for comparison (ASCII
/// case folded: the names are Chinese or ASCII English, and full Unicode
/// case mapping would ship its tables in the wasm).
fn normalize(name: &str) -> String {
    let t = name.trim();
    let t = t
        .strip_suffix("市")
        .or_else(|| t.strip_suffix(" City"))
        .or_else(|| t.strip_suffix(" city"))
        .unwrap_or(t);
    t.trim().to_ascii_lowercase()
}

fn names_match(names: &[&str], wanted: &str) -> bool {
    names.iter().any(|n| normalize(n) == wanted)
}

/// The point of a province (its capital).
fn province_point(code: &str) -> Option<(i64, i64)> {
    CAPITALS.iter().find(|p| p.0 == code).map(|p| (p.2, p.3))
}

/// The point of a named city (normalized), if it is in the tables (their
/// names carry no suffix: compared as they are, ASCII case aside).
fn city_point(normalized: &str) -> Option<(i64, i64)> {
    CAPITALS
        .iter()
        .chain(CITIES.iter())
        .find(|p| p.1.iter().any(|n| n.eq_ignore_ascii_case(normalized)))
        .map(|p| (p.2, p.3))
}

fn text_names(t: &LocalizedText) -> [&str; 3] {
    [t.get(Lang::ZhHans), t.get(Lang::ZhHant), t.get(Lang::En)]
}

/// Where an entry is: its city when the tables know it, else its province.
fn entry_point(b: &Branch) -> Option<(i64, i64)> {
    text_names(&b.city)
        .iter()
        .find_map(|n| city_point(&normalize(n)))
        .or_else(|| province_point(&b.province))
}

/// Squared distance with the longitude scaled by cos 30° (≈ 0.866, the
/// middle of the country's latitudes): good enough to rank places.
fn distance2(a: (i64, i64), b: (i64, i64)) -> i64 {
    let dlat = a.0 - b.0;
    let dlon = (a.1 - b.1) * 866 / 1000;
    dlat * dlat + dlon * dlon
}

/// The entry to refer a visitor to: one in the visitor's `city` (any of its
/// names, with or without 市) if there is one, else the closest to the city
/// (when the tables know it) or to the capital of `province`; ties go to
/// the entry listed first. `None` without a usable province or city.
pub fn nearest<'a>(
    list: &'a [Branch],
    province: Option<&str>,
    city: Option<&str>,
) -> Option<&'a Branch> {
    let wanted = city.map(normalize).filter(|c| !c.is_empty());
    if let Some(w) = &wanted
        && let Some(hit) = list.iter().find(|b| names_match(&text_names(&b.city), w))
    {
        return Some(hit);
    }
    let from = wanted
        .as_deref()
        .and_then(city_point)
        .or_else(|| province.and_then(province_point))?;
    // The default directory's points are worked out once.
    let default_points = std::ptr::eq(list, default_directory()).then(default_points);
    list.iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let point = match default_points {
                Some(points) => points[i],
                None => entry_point(b),
            };
            point.map(|p| (distance2(from, p), i, b))
        })
        .min_by_key(|&(d, i, _)| (d, i))
        .map(|(_, _, b)| b)
}

/// [`entry_point`] of every entry of the default directory.
fn default_points() -> &'static [Option<(i64, i64)>] {
    static POINTS: OnceLock<Vec<Option<(i64, i64)>>> = OnceLock::new();
    POINTS.get_or_init(|| default_directory().iter().map(entry_point).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_for(province: Option<&str>, city: Option<&str>) -> Option<&'static str> {
        nearest(default_directory(), province, city).map(|b| b.name.get(Lang::ZhHans))
    }

    #[test]
    fn the_default_directory_lists_the_sixteen_centres_without_addresses() {
        let d = default_directory();
        assert_eq!(d.len(), 16);
        assert!(
            d.iter()
                .all(|b| b.kind == BranchKind::Centre && b.address.is_none())
        );
        let places: Vec<&str> = d.iter().map(|b| b.city.get(Lang::ZhHans)).collect();
        assert_eq!(
            places,
            [
                "深圳", "上海", "广州", "苏州", "厦门", "南京", "杭州", "合肥", "武汉", "成都",
                "山东", "北京", "河北", "江苏", "安徽", "陕西"
            ]
        );
        assert_eq!(d[0].name.get(Lang::ZhHant), "深圳科創企業金融服務中心");
    }

    #[test]
    fn a_centre_in_the_visitors_city_comes_first() {
        assert_eq!(
            name_for(Some("44"), Some("深圳市")),
            Some("深圳科创企业金融服务中心")
        );
        assert_eq!(
            name_for(Some("44"), Some("Shenzhen")),
            Some("深圳科创企业金融服务中心")
        );
        assert_eq!(
            name_for(None, Some("蘇州")),
            Some("苏州科创企业金融服务中心")
        );
        // Guangdong without a city: Guangzhou, the capital, is the closest.
        assert_eq!(name_for(Some("44"), None), Some("广州科创企业金融服务中心"));
        // Dongguan (23.02/113.75, no centre of its own): Guangzhou is
        // 0.11² + (0.49 × 0.866)² ≈ 0.19 away, Shenzhen 0.48² + (0.31 ×
        // 0.866)² ≈ 0.30.
        assert_eq!(
            name_for(Some("44"), Some("东莞")),
            Some("广州科创企业金融服务中心")
        );
    }

    #[test]
    fn other_provinces_go_to_the_closest_centre() {
        // Hubei: Wuhan itself.
        assert_eq!(name_for(Some("42"), None), Some("武汉科创企业金融服务中心"));
        // Yunnan (Kunming 25.04/102.71): Chengdu (30.57/104.07) is ≈ 5.6°
        // away, Guangzhou ≈ 9.3°.
        assert_eq!(name_for(Some("53"), None), Some("成都科创企业金融服务中心"));
        // Tianjin (39.13/117.20): Beijing (39.90/116.40) ≈ 0.97°, Hebei's
        // capital Shijiazhuang ≈ 2.6°.
        assert_eq!(name_for(Some("12"), None), Some("北京科创企业金融服务中心"));
        // Jiangsu without a city: Nanjing (the capital) is listed before the
        // provincial Jiangsu centre at the same point.
        assert_eq!(name_for(Some("32"), None), Some("南京科创企业金融服务中心"));
        // Xinjiang (Urumqi 43.83/87.62): Chengdu ≈ 19.5° beats Xi'an
        // (Shaanxi's centre) ≈ 20.8°.
        assert_eq!(name_for(Some("65"), None), Some("成都科创企业金融服务中心"));
        // Shaanxi: its own centre.
        assert_eq!(
            name_for(Some("61"), Some("西安市")),
            Some("陕西科创企业金融服务中心")
        );
        // Unknown city, no province: nowhere to send.
        assert_eq!(name_for(None, Some("Atlantis")), None);
        assert_eq!(name_for(None, None), None);
    }

    #[test]
    fn referral_in_each_language_and_own_directories() {
        let own = from_json(
            r#"[{"kind": "branch", "name": {"zh-Hans": "中关村特色支行", "en": "Zhongguancun Branch"},
                 "city": {"zh-Hans": "北京", "en": "Beijing"}, "province": "11",
                 "address": {"zh-Hans": "示例路1号", "en": "1 Example Road"}}]"#,
        )
        .unwrap();
        let r = nearest(&own, Some("12"), None).unwrap().referral(Lang::En);
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"name":"Zhongguancun Branch","city":"Beijing","address":"1 Example Road"}"#
        );
        let r = default_directory()[8].referral(Lang::ZhHant);
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"name":"武漢科創企業金融服務中心","city":"武漢"}"#
        );
        assert_eq!(
            from_json(r#"[{"kind": "centre", "name": {"en": "X"}, "city": {"en": "Y"}, "province": "99"}]"#)
                .unwrap_err(),
            "branches[0].province: expected a GB/T 2260 two-digit province code such as \"44\", got \"99\""
        );
        assert!(
            from_json(r#"[{"kind": "kiosk"}]"#)
                .unwrap_err()
                .starts_with("branches: ")
        );
    }
}
