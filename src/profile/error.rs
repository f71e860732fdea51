//! Profile errors as types: the field an error is about and what is wrong.
//! `Display` gives the analyst CLI's one-line English message
//! (`legalRepAge: must be between 10 and 120, got 300`);
//! [`ProfileError::message`] gives the visitor-facing text in each
//! language, shown by the form under the field.

use super::Field;
use crate::i18n::{Lang, Text, fill};
use crate::json::{JsonError, JsonErrorKind};
use crate::money::MoneyError;
use crate::size_class::Industry;
use std::fmt;

/// What is wrong with a profile field (or the profile document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileErrorKind {
    /// The text is not JSON (serde_json's message).
    Malformed(String),
    /// The JSON is not an object.
    NotAnObject,
    /// A JSON field the profile does not have (its name).
    UnknownField(String),
    /// A required field is absent (or empty in a form).
    Missing,
    /// The JSON value has the wrong type (serde's wording).
    InvalidType {
        /// The value found, e.g. `string "no"`.
        got: String,
        /// What the field takes, e.g. `a boolean`.
        expected: &'static str,
    },
    /// A code the field does not accept (the codes are in the field's spec).
    UnknownCode(String),
    /// A money value in JSON that is not an accepted decimal string.
    Money(MoneyError),
    /// What a visitor typed is not an amount (the text typed).
    NotAnAmount(String),
    /// Not a whole number ≥ 0 (the value as written).
    NotWholeNumber(String),
    /// A whole number beyond any accepted range.
    TooLargeNumber(u64),
    /// A whole number outside the field's range.
    OutOfRange {
        /// The value given.
        got: u32,
        /// Smallest accepted.
        min: u32,
        /// Largest accepted.
        max: u32,
    },
    /// Fewer overdues in 24 months than in the 12 months they include.
    FewerThanLast12Months {
        /// Overdues in the last 12 months.
        last12: u32,
        /// Overdues in the last 24 months, as given.
        got: u32,
    },
    /// Not a GB/T 2260 province code.
    UnknownProvince(String),
    /// Total assets are needed for this industry's size class.
    RequiredForIndustry(Industry),
    /// A requested amount of zero.
    Zero,
    /// A tag listed twice (index of the repeat).
    DuplicateTag(usize),
    /// A text that is empty or longer than the field accepts.
    TextLength {
        /// Its length in characters.
        len: usize,
        /// The most accepted.
        max: usize,
    },
}

/// An invalid profile: the field it is about (`None` for the document as a
/// whole: malformed JSON, not an object, an unknown field) and what is
/// wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    /// The field the error belongs to.
    pub field: Option<Field>,
    /// What is wrong.
    pub kind: ProfileErrorKind,
}

impl ProfileError {
    /// An error about `field`.
    pub fn new(field: Field, kind: ProfileErrorKind) -> Self {
        ProfileError {
            field: Some(field),
            kind,
        }
    }

    /// The error as text for a visitor, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use ProfileErrorKind as K;
        let range = self.field.and_then(Field::range);
        let whole = |lang| match range {
            Some((min, max)) => fill(
                Text(
                    "请输入 {} 到 {} 之间的整数。",
                    "請輸入 {} 到 {} 之間的整數。",
                    "Enter a whole number from {} to {}.",
                )
                .get(lang),
                &[&min.to_string(), &max.to_string()],
            ),
            None => Text("请输入整数。", "請輸入整數。", "Enter a whole number.")
                .get(lang)
                .to_owned(),
        };
        let fixed = |t: Text| t.get(lang).to_owned();
        match &self.kind {
            K::Malformed(_) | K::NotAnObject => fixed(Text(
                "企业信息格式有误，无法读取。",
                "企業信息格式有誤，無法讀取。",
                "The enterprise profile could not be read.",
            )),
            K::UnknownField(name) => fill(
                Text(
                    "无法识别的字段“{}”。",
                    "無法識別的字段“{}”。",
                    "Unknown field “{}”.",
                )
                .get(lang),
                &[name],
            ),
            K::Missing => fixed(Text(
                "请填写此项。",
                "請填寫此項。",
                "This field is required.",
            )),
            K::InvalidType { .. } | K::UnknownCode(_) | K::UnknownProvince(_) => {
                match self.field.map(|f| f.spec().kind) {
                    Some(super::FieldKind::Money { .. }) => fixed(MONEY_HINT),
                    Some(super::FieldKind::Integer { .. }) => whole(lang),
                    Some(super::FieldKind::Bool) => fixed(Text(
                        "请选择是或否。",
                        "請選擇是或否。",
                        "Choose yes or no.",
                    )),
                    _ => fixed(Text(
                        "请从列表中选择。",
                        "請從列表中選擇。",
                        "Choose one of the options.",
                    )),
                }
            }
            K::Money(MoneyError::Negative(_)) => fixed(Text(
                "金额不能为负数。",
                "金額不能為負數。",
                "The amount must not be negative.",
            )),
            K::Money(MoneyError::TooManyDecimals(_)) => fixed(Text(
                "金额最多保留两位小数（精确到分）。",
                "金額最多保留兩位小數（精確到分）。",
                "Use at most two decimals (to the fen).",
            )),
            K::Money(MoneyError::TooLarge(_)) => fixed(Text(
                "金额超出可受理范围。",
                "金額超出可受理範圍。",
                "The amount is too large.",
            )),
            K::Money(_) | K::NotAnAmount(_) => fixed(MONEY_HINT),
            K::NotWholeNumber(_) | K::TooLargeNumber(_) | K::OutOfRange { .. } => whole(lang),
            K::FewerThanLast12Months { last12, .. } => fill(
                Text(
                    "近24个月逾期次数不能少于近12个月逾期次数（{}次）。",
                    "近24個月逾期次數不能少於近12個月逾期次數（{}次）。",
                    "Cannot be fewer than the overdue payments of the last 12 months ({}).",
                )
                .get(lang),
                &[&last12.to_string()],
            ),
            K::RequiredForIndustry(industry) => fill(
                Text(
                    "{}按资产总额划分企业规模，请填写资产总额。",
                    "{}按資產總額劃分企業規模，請填寫資產總額。",
                    "Required for {}: its size class depends on total assets.",
                )
                .get(lang),
                &[industry.label(lang)],
            ),
            K::Zero => fixed(Text(
                "借款金额应大于0；如需了解可贷额度，请留空。",
                "借款金額應大於0；如需了解可貸額度，請留空。",
                "Enter more than 0, or leave it empty to see your limit.",
            )),
            K::TextLength { max, .. } => fill(
                Text(
                    "请填写 1 到 {} 个字。",
                    "請填寫 1 到 {} 個字。",
                    "Enter 1 to {} characters.",
                )
                .get(lang),
                &[&max.to_string()],
            ),
            K::DuplicateTag(_) => fixed(Text(
                "同一资质只需选择一次。",
                "同一資質只需選擇一次。",
                "Each recognition only once.",
            )),
        }
    }

    /// The profile error for a JSON reading error at `path` (a field name,
    /// or `profile` for the document).
    pub(crate) fn from_json_error(e: JsonError) -> Self {
        let field = Field::parse(&e.path);
        let kind = match e.kind {
            JsonErrorKind::Malformed(m) => ProfileErrorKind::Malformed(m),
            JsonErrorKind::ExpectedObject { .. } => ProfileErrorKind::NotAnObject,
            JsonErrorKind::UnknownField(name) => ProfileErrorKind::UnknownField(name),
            JsonErrorKind::MissingField(name) => {
                return ProfileError {
                    field: Field::parse(&name),
                    kind: ProfileErrorKind::Missing,
                };
            }
            JsonErrorKind::InvalidType { got, expected } => {
                ProfileErrorKind::InvalidType { got, expected }
            }
            JsonErrorKind::ExpectedArray { got } => ProfileErrorKind::InvalidType {
                got: got.to_owned(),
                expected: "a sequence",
            },
            JsonErrorKind::UnknownCode { got, .. } => ProfileErrorKind::UnknownCode(got),
            JsonErrorKind::Invalid(m) => ProfileErrorKind::Malformed(m),
        };
        ProfileError { field, kind }
    }
}

const MONEY_HINT: Text = Text(
    "请输入金额，例如 2,000,000 或 200万。",
    "請輸入金額，例如 2,000,000 或 200萬。",
    "Enter an amount such as 2,000,000 or 200万.",
);

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ProfileErrorKind as K;
        let name = self.field.map_or("profile", Field::json_name);
        match &self.kind {
            K::Malformed(e) => write!(f, "profile: malformed JSON: {e}"),
            K::NotAnObject => f.write_str("profile: expected a JSON object { … }"),
            K::UnknownField(k) => write!(f, "profile: unknown field `{k}`"),
            K::Missing => write!(f, "profile: missing field `{name}`"),
            K::DuplicateTag(i) => write!(f, "tags[{i}]: duplicate tag"),
            kind => {
                write!(f, "{name}: ")?;
                match kind {
                    K::InvalidType { got, expected } => {
                        write!(f, "invalid type: {got}, expected {expected}")
                    }
                    K::UnknownCode(got) => {
                        let codes = match self.field.map(|f| f.spec().kind) {
                            Some(
                                super::FieldKind::Choice { codes }
                                | super::FieldKind::MultiChoice { codes },
                            ) => codes,
                            _ => &[],
                        };
                        let kind = JsonErrorKind::UnknownCode {
                            got: got.clone(),
                            expected: codes,
                        };
                        write!(f, "{kind}")
                    }
                    K::Money(e) => write!(f, "{e}"),
                    K::NotAnAmount(t) => write!(
                        f,
                        "not an amount in CNY: \"{t}\" (try 2000000, 2,000,000 or 200万)"
                    ),
                    K::NotWholeNumber(v) => write!(f, "must be a whole number ≥ 0, got {v}"),
                    K::TooLargeNumber(v) => {
                        write!(f, "must be a whole number ≥ 0, got {v} (too large)")
                    }
                    K::OutOfRange { got, min, max } => {
                        write!(f, "must be between {min} and {max}, got {got}")
                    }
                    K::FewerThanLast12Months { last12, got } => write!(
                        f,
                        "must be at least overduesLast12Months ({last12}), got {got}"
                    ),
                    K::UnknownProvince(p) => write!(
                        f,
                        "expected a GB/T 2260 two-digit province code such as \"11\" or \"44\", got \"{p}\""
                    ),
                    K::RequiredForIndustry(i) => write!(
                        f,
                        "required for industry `{}` (its size class depends on total assets)",
                        i.as_str()
                    ),
                    K::Zero => {
                        f.write_str("must be more than 0 (leave it out to ask for the limit)")
                    }
                    _ => Ok(()),
                }
            }
        }
    }
}

impl std::error::Error for ProfileError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_message_in_every_language() {
        use ProfileErrorKind as K;
        let kinds = [
            K::Missing,
            K::UnknownCode("x".into()),
            K::NotAnAmount("x".into()),
            K::OutOfRange {
                got: 300,
                min: 10,
                max: 120,
            },
            K::FewerThanLast12Months { last12: 2, got: 1 },
            K::RequiredForIndustry(Industry::Construction),
            K::Zero,
        ];
        for kind in kinds {
            let e = ProfileError::new(Field::LegalRepAge, kind);
            let texts: Vec<String> = Lang::ALL.iter().map(|l| e.message(*l)).collect();
            assert!(texts.iter().all(|t| !t.is_empty() && !t.contains("{}")));
            assert_ne!(texts[0], texts[2]);
        }
        let age = ProfileError::new(
            Field::LegalRepAge,
            K::OutOfRange {
                got: 300,
                min: 10,
                max: 120,
            },
        );
        assert_eq!(age.message(Lang::ZhHans), "请输入 10 到 120 之间的整数。");
        assert_eq!(
            age.to_string(),
            "legalRepAge: must be between 10 and 120, got 300"
        );
        let assets = ProfileError::new(
            Field::TotalAssets,
            K::RequiredForIndustry(Industry::Construction),
        );
        assert_eq!(
            assets.message(Lang::ZhHant),
            "建築業按資產總額劃分企業規模，請填寫資產總額。"
        );
    }
}
