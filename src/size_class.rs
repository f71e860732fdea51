//! Enterprise size classification by the MIIT SME standard
//! (《中小企業劃型標準規定》, 工信部聯企業〔2011〕300號), per industry.
//!
//! Each industry has up to two criteria among employees (從業人員, X),
//! operating revenue (營業收入, Y) and total assets (資產總額, Z). A firm is
//! *large* when it meets every "large" threshold, otherwise *medium* when it
//! meets every medium lower bound, otherwise *small* when it meets every
//! small lower bound, otherwise *micro* — exactly the standard's wording
//! ("中型企業須同時滿足所列指標的下限").
//!
//! | industry | large (all of) | medium ≥ (all of) | small ≥ (all of) |
//! | --- | --- | --- | --- |
//! | agriculture 農林牧漁 | Y 200M | Y 5M | Y 0.5M |
//! | industry 工業 | X 1000, Y 400M | X 300, Y 20M | X 20, Y 3M |
//! | construction 建築業 | Y 800M, Z 800M | Y 60M, Z 50M | Y 3M, Z 3M |
//! | wholesale 批發業 | X 200, Y 400M | X 20, Y 50M | X 5, Y 10M |
//! | retail 零售業 | X 300, Y 200M | X 50, Y 5M | X 10, Y 1M |
//! | transport 交通運輸業 | X 1000, Y 300M | X 300, Y 30M | X 20, Y 2M |
//! | warehousing 倉儲業 | X 200, Y 300M | X 100, Y 10M | X 20, Y 1M |
//! | postal 郵政業 | X 1000, Y 300M | X 300, Y 20M | X 20, Y 1M |
//! | accommodation 住宿業 | X 300, Y 100M | X 100, Y 20M | X 10, Y 1M |
//! | catering 餐飲業 | X 300, Y 100M | X 100, Y 20M | X 10, Y 1M |
//! | information_transmission 信息傳輸業 | X 2000, Y 1000M | X 100, Y 10M | X 10, Y 1M |
//! | software 軟件和信息技術服務業 | X 300, Y 100M | X 100, Y 10M | X 10, Y 0.5M |
//! | real_estate 房地產開發經營 | Y 2000M, Z 100M | Y 10M, Z 50M | Y 1M, Z 20M |
//! | property_management 物業管理 | X 1000, Y 50M | X 300, Y 10M | X 100, Y 5M |
//! | leasing_business_services 租賃和商務服務業 | X 300, Z 1200M | X 100, Z 80M | X 10, Z 1M |
//! | other 其他未列明行業 | X 300 | X 100 | X 10 |

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The industry of an enterprise, as the MIIT standard groups them
/// (snake_case in JSON; `industry` = manufacturing and other industrial).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Industry {
    /// 農、林、牧、漁業.
    Agriculture,
    /// 工業 (mining, manufacturing, utilities).
    Industry,
    /// 建築業.
    Construction,
    /// 批發業.
    Wholesale,
    /// 零售業.
    Retail,
    /// 交通運輸業 (excluding rail).
    Transport,
    /// 倉儲業.
    Warehousing,
    /// 郵政業.
    Postal,
    /// 住宿業.
    Accommodation,
    /// 餐飲業.
    Catering,
    /// 信息傳輸業 (telecoms, internet, broadcasting transmission).
    InformationTransmission,
    /// 軟件和信息技術服務業.
    Software,
    /// 房地產開發經營.
    RealEstate,
    /// 物業管理.
    PropertyManagement,
    /// 租賃和商務服務業.
    LeasingBusinessServices,
    /// 其他未列明行業.
    Other,
}

/// The size class of an enterprise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeClass {
    /// 微型.
    Micro,
    /// 小型.
    Small,
    /// 中型.
    Medium,
    /// 大型.
    Large,
}

impl_codes!(SizeClass {
    Micro => "micro",
    Small => "small",
    Medium => "medium",
    Large => "large",
} label: crate::labels::size_class);

impl SizeClass {
    /// True for small and micro enterprises, the ones the products serve.
    pub fn is_small_or_micro(self) -> bool {
        matches!(self, SizeClass::Micro | SizeClass::Small)
    }
}

/// One band's lower bounds: employees, revenue (CNY) and total assets (CNY);
/// `None` where the industry does not use that criterion.
#[derive(Debug, Clone, Copy)]
struct Band {
    employees: Option<u32>,
    revenue: Option<i64>,
    assets: Option<i64>,
}

const M: i64 = 1_000_000;

const fn band(employees: Option<u32>, revenue: Option<i64>, assets: Option<i64>) -> Band {
    Band {
        employees,
        revenue,
        assets,
    }
}

/// The large, medium and small lower bounds of an industry.
fn bands(industry: Industry) -> [Band; 3] {
    use Industry as I;
    let xy = |x: u32, y: i64| band(Some(x), Some(y), None);
    match industry {
        I::Agriculture => [
            band(None, Some(200 * M), None),
            band(None, Some(5 * M), None),
            band(None, Some(M / 2), None),
        ],
        I::Industry => [xy(1000, 400 * M), xy(300, 20 * M), xy(20, 3 * M)],
        I::Construction => [
            band(None, Some(800 * M), Some(800 * M)),
            band(None, Some(60 * M), Some(50 * M)),
            band(None, Some(3 * M), Some(3 * M)),
        ],
        I::Wholesale => [xy(200, 400 * M), xy(20, 50 * M), xy(5, 10 * M)],
        I::Retail => [xy(300, 200 * M), xy(50, 5 * M), xy(10, M)],
        I::Transport => [xy(1000, 300 * M), xy(300, 30 * M), xy(20, 2 * M)],
        I::Warehousing => [xy(200, 300 * M), xy(100, 10 * M), xy(20, M)],
        I::Postal => [xy(1000, 300 * M), xy(300, 20 * M), xy(20, M)],
        I::Accommodation | I::Catering => [xy(300, 100 * M), xy(100, 20 * M), xy(10, M)],
        I::InformationTransmission => [xy(2000, 1000 * M), xy(100, 10 * M), xy(10, M)],
        I::Software => [xy(300, 100 * M), xy(100, 10 * M), xy(10, M / 2)],
        I::RealEstate => [
            band(None, Some(2000 * M), Some(100 * M)),
            band(None, Some(10 * M), Some(50 * M)),
            band(None, Some(M), Some(20 * M)),
        ],
        I::PropertyManagement => [xy(1000, 50 * M), xy(300, 10 * M), xy(100, 5 * M)],
        I::LeasingBusinessServices => [
            band(Some(300), None, Some(1200 * M)),
            band(Some(100), None, Some(80 * M)),
            band(Some(10), None, Some(M)),
        ],
        I::Other => [
            band(Some(300), None, None),
            band(Some(100), None, None),
            band(Some(10), None, None),
        ],
    }
}

impl Industry {
    /// True when the standard classifies this industry by total assets, so
    /// a profile must declare `totalAssets`.
    pub fn needs_total_assets(self) -> bool {
        bands(self)[0].assets.is_some()
    }
}

impl_codes!(Industry {
    Agriculture => "agriculture",
    Industry => "industry",
    Construction => "construction",
    Wholesale => "wholesale",
    Retail => "retail",
    Transport => "transport",
    Warehousing => "warehousing",
    Postal => "postal",
    Accommodation => "accommodation",
    Catering => "catering",
    InformationTransmission => "information_transmission",
    Software => "software",
    RealEstate => "real_estate",
    PropertyManagement => "property_management",
    LeasingBusinessServices => "leasing_business_services",
    Other => "other",
} label: crate::labels::industry);

/// Classifies an enterprise. `total_assets` is only read for the industries
/// that use it ([`Industry::needs_total_assets`]); when it is missing there,
/// that criterion counts as not met (the smaller class).
pub fn classify(
    industry: Industry,
    employees: u32,
    revenue: Decimal,
    total_assets: Option<Decimal>,
) -> SizeClass {
    let meets = |b: &Band| {
        b.employees.is_none_or(|x| employees >= x)
            && b.revenue.is_none_or(|y| revenue >= Decimal::from(y))
            && b.assets
                .is_none_or(|z| total_assets.is_some_and(|a| a >= Decimal::from(z)))
    };
    let [large, medium, small] = bands(industry);
    if meets(&large) {
        SizeClass::Large
    } else if meets(&medium) {
        SizeClass::Medium
    } else if meets(&small) {
        SizeClass::Small
    } else {
        SizeClass::Micro
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(n: i64) -> Decimal {
        Decimal::from(n) * Decimal::from(M)
    }

    #[test]
    fn industry_thresholds() {
        use SizeClass::*;
        let c = |x, y| classify(Industry::Industry, x, y, None);
        assert_eq!(c(1000, m(400)), Large);
        assert_eq!(c(999, m(4000)), Medium);
        assert_eq!(c(300, m(20)), Medium);
        assert_eq!(c(299, m(20)), Small);
        assert_eq!(c(20, m(3)), Small);
        assert_eq!(c(19, m(300)), Micro);
        assert_eq!(c(500, m(3) - Decimal::ONE), Micro);
    }

    #[test]
    fn software_thresholds() {
        use SizeClass::*;
        let c = |x, y| classify(Industry::Software, x, y, None);
        assert_eq!(c(300, m(100)), Large);
        assert_eq!(c(299, m(500)), Medium);
        assert_eq!(c(100, m(10)), Medium);
        assert_eq!(c(10, Decimal::from(500_000)), Small);
        assert_eq!(c(9, m(50)), Micro);
        assert_eq!(c(50, Decimal::from(499_999)), Micro);
    }

    #[test]
    fn single_criterion_and_assets() {
        use SizeClass::*;
        assert_eq!(classify(Industry::Agriculture, 5000, m(4), None), Small);
        assert_eq!(classify(Industry::Agriculture, 0, m(200), None), Large);
        assert_eq!(classify(Industry::Other, 150, Decimal::ZERO, None), Medium);
        assert_eq!(
            classify(Industry::Construction, 0, m(100), Some(m(60))),
            Medium
        );
        assert_eq!(classify(Industry::Construction, 0, m(100), None), Micro);
        assert!(Industry::Construction.needs_total_assets());
        assert!(!Industry::Retail.needs_total_assets());
        assert_eq!(classify(Industry::Wholesale, 30, m(60), None), Medium);
        assert_eq!(classify(Industry::Retail, 12, m(2), None), Small);
        assert_eq!(classify(Industry::Catering, 120, m(25), None), Medium);
    }
}
