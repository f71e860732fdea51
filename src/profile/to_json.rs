//! [`Profile`] as a JSON value, the same value its serde `Serialize` writes
//! (camelCase keys, money as two-decimal strings, absent options left out),
//! built by hand so that the widget does not carry a serializer to hand the
//! profile to the survey's prefill.

use super::Profile;
use crate::json::{Json, Map};
use crate::money::fmt_fen;

impl Profile {
    /// The profile's JSON value (what `serde_json::to_value` gives).
    pub fn to_json_value(&self) -> Json {
        let mut m = Map::new();
        let mut put = |key: &str, value: Json| {
            m.insert(key.to_owned(), value);
        };
        let money = |d: &rust_decimal::Decimal| Json::String(fmt_fen(*d));
        put("monthsOperating", self.months_operating.into());
        put("industry", self.industry.as_str().into());
        put("employees", self.employees.into());
        put("annualRevenue", money(&self.annual_revenue));
        if let Some(d) = &self.total_assets {
            put("totalAssets", money(d));
        }
        put("taxPaidLast24Months", money(&self.tax_paid_last24_months));
        put("taxCreditRating", self.tax_credit_rating.as_str().into());
        put("legalRepAge", self.legal_rep_age.into());
        put("overdueCurrent", self.overdue_current.into());
        put("overduesLast12Months", self.overdues_last12_months.into());
        put("overduesLast24Months", self.overdues_last24_months.into());
        put("nonPerforming", self.non_performing.into());
        put(
            "creditInquiriesLast6Months",
            self.credit_inquiries_last6_months.into(),
        );
        put("abnormalOperation", self.abnormal_operation.into());
        put("dishonestExecutee", self.dishonest_executee.into());
        put("consumptionRestricted", self.consumption_restricted.into());
        put(
            "tags",
            Json::Array(self.tags.iter().map(|t| t.as_str().into()).collect()),
        );
        put(
            "existingBusinessLoans",
            money(&self.existing_business_loans),
        );
        if let Some(d) = &self.requested_amount {
            put("requestedAmount", money(d));
        }
        put("termMonths", self.term_months.into());
        put("collateral", self.collateral.as_str().into());
        if let Some(s) = self.lifecycle_stage {
            put("lifecycleStage", s.as_str().into());
        }
        if let Some(p) = &self.province {
            put("province", p.as_str().into());
        }
        put("supplyChainRole", self.supply_chain_role.as_str().into());
        put(
            "coreEnterpriseReceivables",
            money(&self.core_enterprise_receivables),
        );
        put(
            "coreEnterprisePurchases",
            money(&self.core_enterprise_purchases),
        );
        put("annualSettlementFlow", money(&self.annual_settlement_flow));
        put("annualPayroll", money(&self.annual_payroll));
        if let Some(t) = self.collateral_type {
            put("collateralType", t.as_str().into());
        }
        if let Some(d) = &self.collateral_value {
            put("collateralValue", money(d));
        }
        if let Some(d) = &self.existing_loans_this_bank {
            put("existingLoansThisBank", money(d));
        }
        if let Some(d) = &self.existing_loans_other_banks {
            put("existingLoansOtherBanks", money(d));
        }
        put(
            "controllerOverdueCurrent",
            self.controller_overdue_current.into(),
        );
        put(
            "controllerOverduesLast24Months",
            self.controller_overdues_last24_months.into(),
        );
        if let Some(c) = &self.city {
            put("city", c.as_str().into());
        }
        if let Some(t) = self.supply_chain_tier {
            put("supplyChainTier", t.as_str().into());
        }
        put(
            "coreEnterpriseConfirms",
            self.core_enterprise_confirms.into(),
        );
        put("annualCustomsTrade", money(&self.annual_customs_trade));
        put(
            "annualElectricityBill",
            money(&self.annual_electricity_bill),
        );
        put("annualLogisticsSpend", money(&self.annual_logistics_spend));
        Json::Object(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-built value is the serde value, key for key, for a full
    /// profile and for one with every option absent.
    #[test]
    fn same_value_as_serde() {
        let full = r#"{"monthsOperating":36,"industry":"software","employees":20,
            "annualRevenue":"5000000","totalAssets":"8000000","taxPaidLast24Months":"120000",
            "taxCreditRating":"B","legalRepAge":45,"tags":["high_tech"],
            "requestedAmount":"1000000","termMonths":12,"collateral":"property",
            "collateralType":"commercial","collateralValue":"3000000","lifecycleStage":"growth",
            "province":"44","city":"广州","supplyChainRole":"supplier","supplyChainTier":"first",
            "existingLoansThisBank":"100000","existingLoansOtherBanks":"0.5"}"#;
        let minimal = r#"{"monthsOperating":6,"industry":"retail","employees":3,
            "annualRevenue":"300000","taxPaidLast24Months":"0","taxCreditRating":"M","legalRepAge":30}"#;
        for text in [full, minimal] {
            let p = Profile::from_json(text).unwrap();
            let ours = crate::json::to_text(&p.to_json_value());
            let serde: serde_json::Value = serde_json::to_value(&p).unwrap();
            assert_eq!(ours, serde.to_string());
        }
    }
}
