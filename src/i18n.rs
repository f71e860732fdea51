//! Languages the product speaks: zh-Hans (default), zh-Hant and en, plus a
//! localized text type with fallback used by catalogues and surveys.

use serde::{Deserialize, Serialize};

/// A display language. `zh-Hans` is the default everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese (简体中文), the default.
    #[default]
    #[serde(rename = "zh-Hans")]
    ZhHans,
    /// Traditional Chinese (繁體中文).
    #[serde(rename = "zh-Hant")]
    ZhHant,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// All languages, default first.
    pub const ALL: [Lang; 3] = [Lang::ZhHans, Lang::ZhHant, Lang::En];

    /// The BCP 47 tag (`zh-Hans`, `zh-Hant`, `en`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::En => "en",
        }
    }

    /// The tags [`Lang::parse`] accepts as they are (compared in lower case,
    /// after trimming), with their language. Any other tag starting with
    /// [`Lang::ENGLISH_PREFIX`] is English too.
    pub const TAGS: [(&'static str, Lang); 12] = [
        ("zh-hans", Lang::ZhHans),
        ("zh", Lang::ZhHans),
        ("zh-cn", Lang::ZhHans),
        ("zh-sg", Lang::ZhHans),
        ("zh-hans-cn", Lang::ZhHans),
        ("zh-hant", Lang::ZhHant),
        ("zh-tw", Lang::ZhHant),
        ("zh-hk", Lang::ZhHant),
        ("zh-mo", Lang::ZhHant),
        ("zh-hant-tw", Lang::ZhHant),
        ("zh-hant-hk", Lang::ZhHant),
        ("en", Lang::En),
    ];

    /// English in any region (`en-US`, `en-GB`, …), in lower case.
    pub const ENGLISH_PREFIX: &'static str = "en-";

    /// Parses a tag; accepts the exact tags and common aliases
    /// (`zh-CN`, `zh-TW`, `zh-HK`, `en-US`, …; [`Lang::TAGS`]). Unknown tags
    /// are an error.
    pub fn parse(tag: &str) -> Result<Lang, String> {
        let lower = tag.trim().to_ascii_lowercase();
        if let Some((_, lang)) = Lang::TAGS.iter().find(|(t, _)| *t == lower) {
            Ok(*lang)
        } else if lower.starts_with(Lang::ENGLISH_PREFIX) {
            Ok(Lang::En)
        } else {
            Err(format!(
                "unknown language `{tag}`: expected zh-Hans, zh-Hant or en"
            ))
        }
    }
}

/// A fixed text in the three languages: `Text(zh_hans, zh_hant, en)`.
/// The label tables of the core are made of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Text(pub &'static str, pub &'static str, pub &'static str);

impl Text {
    /// The text in `lang`.
    pub const fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::ZhHans => self.0,
            Lang::ZhHant => self.1,
            Lang::En => self.2,
        }
    }
}

/// Replaces each `{}` in `template` by the next argument (missing ones by
/// nothing): `fill("请输入 {} 到 {} 之间的整数。", &["10", "120"])`.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    let mut args = args.iter();
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(args.next().copied().unwrap_or(""));
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// A text in up to three languages. Missing languages fall back to zh-Hans,
/// then zh-Hant, then en (whichever is present first).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalizedText {
    /// Simplified Chinese.
    #[serde(rename = "zh-Hans", default, skip_serializing_if = "Option::is_none")]
    pub zh_hans: Option<String>,
    /// Traditional Chinese.
    #[serde(rename = "zh-Hant", default, skip_serializing_if = "Option::is_none")]
    pub zh_hant: Option<String>,
    /// English.
    #[serde(rename = "en", default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl LocalizedText {
    /// The same text in all three languages.
    pub fn new(zh_hans: &str, zh_hant: &str, en: &str) -> Self {
        LocalizedText {
            zh_hans: Some(zh_hans.to_owned()),
            zh_hant: Some(zh_hant.to_owned()),
            en: Some(en.to_owned()),
        }
    }

    /// True when no language has a text.
    pub fn is_empty(&self) -> bool {
        self.zh_hans.is_none() && self.zh_hant.is_none() && self.en.is_none()
    }

    /// The text in `lang`, falling back to zh-Hans, zh-Hant, en; "" if none.
    pub fn get(&self, lang: Lang) -> &str {
        let wanted = match lang {
            Lang::ZhHans => &self.zh_hans,
            Lang::ZhHant => &self.zh_hant,
            Lang::En => &self.en,
        };
        wanted
            .as_deref()
            .or(self.zh_hans.as_deref())
            .or(self.zh_hant.as_deref())
            .or(self.en.as_deref())
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags_and_aliases() {
        assert_eq!(Lang::parse("zh-Hant").unwrap(), Lang::ZhHant);
        assert_eq!(Lang::parse("zh-TW").unwrap(), Lang::ZhHant);
        assert_eq!(Lang::parse("en-GB").unwrap(), Lang::En);
        assert!(Lang::parse("fr").unwrap_err().contains("`fr`"));
    }

    #[test]
    fn fills_placeholders_in_order() {
        assert_eq!(fill("{} 到 {}", &["10", "120"]), "10 到 120");
        assert_eq!(fill("{} and {}", &["a"]), "a and ");
        assert_eq!(fill("none", &["x"]), "none");
    }

    #[test]
    fn localized_text_falls_back() {
        let t = LocalizedText {
            zh_hans: Some("贷".into()),
            zh_hant: None,
            en: None,
        };
        assert_eq!(t.get(Lang::En), "贷");
        assert_eq!(LocalizedText::new("a", "b", "c").get(Lang::ZhHant), "b");
    }
}
