//! Coarsening before randomization: amount buckets from decimal edges, and
//! the pre-check groups a record may carry (outcome class, revenue band,
//! industry group, region group, size class). Exact amounts, industries and
//! provinces never leave the browser; only these labels do.

use crate::precheck::Outcome;
use crate::region::RegionGroup;
use crate::size_class::SizeClass;
use rust_decimal::Decimal;

/// The value a field takes when its question was not answered or the
/// pre-check input is missing, so that absence itself leaks nothing.
pub const NONE: &str = "none";

/// Outcome classes in order of preference (best first, the order of
/// [`Outcome::ALL`]), then `not_checked`.
pub const OUTCOME_CLASSES: [&str; Outcome::ALL.len() + 1] = {
    let mut classes = ["not_checked"; Outcome::ALL.len() + 1];
    let mut i = 0;
    while i < Outcome::ALL.len() {
        classes[i] = Outcome::CODES[i];
        i += 1;
    }
    classes
};

/// Revenue band edges in CNY: `lt_1m`, `1m_5m`, … `ge_100m`.
pub const REVENUE_EDGES: [&str; 6] = [
    "1000000",
    "5000000",
    "10000000",
    "20000000",
    "50000000",
    "100000000",
];

/// Industry groups (then [`NONE`]): the codes of
/// [`crate::labels::INDUSTRY_GROUPS`], in its order.
pub const INDUSTRY_GROUPS: [&str; 9] = {
    let mut codes = [""; 9];
    let mut i = 0;
    while i < codes.len() {
        codes[i] = crate::labels::INDUSTRY_GROUPS[i].0;
        i += 1;
    }
    codes
};

/// Region groups of the National Bureau of Statistics (then [`NONE`]);
/// `other` is Hong Kong, Macao and Taiwan.
pub const REGION_GROUPS: [&str; 5] = RegionGroup::CODES;

/// MIIT size classes (then [`NONE`]).
pub const SIZE_CLASSES: [&str; 4] = SizeClass::CODES;

/// The best outcome across products, or `not_checked` when there are none.
/// An outcome outside [`OUTCOME_CLASSES`] is an error naming it.
pub fn best_outcome<S: AsRef<str>>(outcomes: &[S]) -> Result<&'static str, String> {
    let mut best = OUTCOME_CLASSES.len() - 1;
    for o in outcomes {
        let o = o.as_ref();
        let rank = OUTCOME_CLASSES[..OUTCOME_CLASSES.len() - 1]
            .iter()
            .position(|c| *c == o)
            .ok_or_else(|| format!("unknown outcome `{o}`"))?;
        best = best.min(rank);
    }
    Ok(OUTCOME_CLASSES[best])
}

/// The industry group of a profile `industry` id (the MIIT classification's
/// snake_case names); ids this table does not know are `other`.
pub fn industry_group(industry: &str) -> &'static str {
    match industry {
        "agriculture" | "farming" | "forestry" | "fishery" => "agriculture",
        "industry" | "industrial" | "manufacturing" | "mining" | "utilities" => "manufacturing",
        "construction" | "real_estate" | "real_estate_development" | "property_management" => {
            "construction_real_estate"
        }
        "wholesale" | "retail" => "trade",
        "transport" | "warehousing" | "postal" | "logistics" => "logistics",
        "accommodation" | "catering" | "hospitality" => "hospitality",
        "software" | "information_transmission" | "information_technology" => "information_tech",
        "leasing_business_services"
        | "leasing"
        | "business_services"
        | "scientific_research"
        | "technical_services" => "business_services",
        _ => "other",
    }
}

/// The region group of a GB/T 2260 province code (`"44"`, or a six-digit
/// division code such as `"440300"`); `None` for codes that are no province.
pub fn region_group(code: &str) -> Option<&'static str> {
    crate::region::region_group(code).map(RegionGroup::as_str)
}

/// A compact label for an amount: `500000` → `500k`, `1500000` → `1.5m`,
/// `2000000000` → `2b`, `800` → `800`.
pub fn compact_amount(v: Decimal) -> String {
    let (scaled, suffix) = if v.abs() >= Decimal::from(1_000_000_000u64) {
        (v / Decimal::from(1_000_000_000u64), "b")
    } else if v.abs() >= Decimal::from(1_000_000u64) {
        (v / Decimal::from(1_000_000u64), "m")
    } else if v.abs() >= Decimal::from(1_000u64) {
        (v / Decimal::from(1_000u64), "k")
    } else {
        (v, "")
    };
    format!("{}{suffix}", scaled.normalize())
}

/// Bucket labels for strictly increasing `edges`: `lt_<e0>`, `<e0>_<e1>`, …,
/// `ge_<last>`. An error names the first edge out of order.
pub fn bucket_labels(edges: &[Decimal]) -> Result<Vec<String>, String> {
    if edges.is_empty() {
        return Err("bucket edges are empty".into());
    }
    if let Some(i) = (1..edges.len()).find(|&i| edges[i] <= edges[i - 1]) {
        return Err(format!(
            "bucket edge {i} ({}) is not above the previous edge ({})",
            edges[i],
            edges[i - 1]
        ));
    }
    // Distinct decimals give distinct labels: `normalize` keeps every digit.
    let names: Vec<String> = edges.iter().map(|e| compact_amount(*e)).collect();
    let mut labels = Vec::with_capacity(edges.len() + 1);
    labels.push(format!("lt_{}", names[0]));
    for w in names.windows(2) {
        labels.push(format!("{}_{}", w[0], w[1]));
    }
    labels.push(format!("ge_{}", names[names.len() - 1]));
    Ok(labels)
}

/// Index of the bucket holding `v`: bucket `i` is `edges[i−1] ≤ v < edges[i]`.
pub fn bucket_index(v: Decimal, edges: &[Decimal]) -> usize {
    edges.partition_point(|e| *e <= v)
}

/// [`REVENUE_EDGES`] as decimals.
pub fn revenue_edges() -> &'static [Decimal] {
    static EDGES: std::sync::OnceLock<Vec<Decimal>> = std::sync::OnceLock::new();
    EDGES.get_or_init(|| {
        REVENUE_EDGES
            .iter()
            .filter_map(|e| Decimal::from_str_exact(e).ok())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn labels_and_buckets() {
        let edges = [d("500000"), d("1000000"), d("3000000"), d("10000000")];
        assert_eq!(
            bucket_labels(&edges).unwrap(),
            ["lt_500k", "500k_1m", "1m_3m", "3m_10m", "ge_10m"]
        );
        assert_eq!(bucket_index(d("0"), &edges), 0);
        assert_eq!(bucket_index(d("499999.99"), &edges), 0);
        assert_eq!(bucket_index(d("500000"), &edges), 1);
        assert_eq!(bucket_index(d("2999999"), &edges), 2);
        assert_eq!(bucket_index(d("10000000"), &edges), 4);
        assert_eq!(compact_amount(d("1500000.00")), "1.5m");
        assert_eq!(compact_amount(d("2000000000")), "2b");
        assert_eq!(compact_amount(d("800")), "800");
        assert!(bucket_labels(&[]).is_err());
        assert!(
            bucket_labels(&[d("2"), d("1")])
                .unwrap_err()
                .contains("edge 1")
        );
        assert_eq!(
            bucket_labels(&[d("1000000"), d("1000000.5")]).unwrap()[1],
            "1m_1.0000005m"
        );
        let rev = bucket_labels(revenue_edges()).unwrap();
        assert_eq!(rev.first().unwrap(), "lt_1m");
        assert_eq!(rev.last().unwrap(), "ge_100m");
    }

    #[test]
    fn outcome_class_is_the_best() {
        assert_eq!(best_outcome::<&str>(&[]).unwrap(), "not_checked");
        assert_eq!(
            best_outcome(&["not_eligible", "needs_collateral", "refer_to_branch"]).unwrap(),
            "needs_collateral"
        );
        assert_eq!(
            best_outcome(&["needs_collateral", "needs_collateral_or_lower_amount"]).unwrap(),
            "needs_collateral_or_lower_amount"
        );
        assert_eq!(
            best_outcome(&["not_small_or_micro"]).unwrap(),
            "not_small_or_micro"
        );
        assert!(
            best_outcome(&["approved"])
                .unwrap_err()
                .contains("approved")
        );
        assert!(best_outcome(&["not_checked"]).is_err());
    }

    #[test]
    fn regions_and_industries() {
        assert_eq!(region_group("11"), Some("east"));
        assert_eq!(region_group("440300"), Some("east"));
        assert_eq!(region_group("42"), Some("central"));
        assert_eq!(region_group("65"), Some("west"));
        assert_eq!(region_group("23"), Some("northeast"));
        assert_eq!(region_group("81"), Some("other"));
        assert_eq!(region_group("99"), None);
        assert_eq!(region_group("4"), None);
        assert_eq!(region_group("4a"), None);
        // Every province-level division is in exactly one group.
        let codes = [
            11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50,
            51, 52, 53, 54, 61, 62, 63, 64, 65,
        ];
        assert_eq!(codes.len(), 31);
        assert!(
            codes
                .iter()
                .all(|c| region_group(&c.to_string()).is_some_and(|g| g != "other"))
        );
        assert_eq!(industry_group("software"), "information_tech");
        assert_eq!(industry_group("industry"), "manufacturing");
        assert_eq!(industry_group("catering"), "hospitality");
        assert_eq!(industry_group("something_new"), "other");
    }
}
