//! Languages: the four UI languages and BCP 47 tags for content.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use unic_langid::LanguageIdentifier;

/// A canonical BCP 47 language tag such as `uk`, `kk-Cyrl`, `kk-Latn`, `en-GB`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LangTag(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("not a BCP 47 language tag: {0:?}")]
pub struct InvalidLangTag(pub String);

impl LangTag {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag: `kk` for `kk-Latn`.
    pub fn language(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// The script subtag if the tag carries one: `Latn` for `kk-Latn`.
    pub fn script(&self) -> Option<&str> {
        self.0
            .split('-')
            .skip(1)
            .find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()))
    }
}

impl FromStr for LangTag {
    type Err = InvalidLangTag;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let id: LanguageIdentifier = s.trim().parse().map_err(|_| InvalidLangTag(s.to_owned()))?;
        if id.language.is_empty() {
            return Err(InvalidLangTag(s.to_owned()));
        }
        Ok(LangTag(id.to_string()))
    }
}

impl TryFrom<String> for LangTag {
    type Error = InvalidLangTag;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<LangTag> for String {
    fn from(t: LangTag) -> String {
        t.0
    }
}

impl fmt::Display for LangTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The languages Kolo's interface is translated into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum UiLang {
    Uk,
    Ru,
    Kk,
    En,
}

impl UiLang {
    pub const ALL: [UiLang; 4] = [UiLang::Uk, UiLang::Ru, UiLang::Kk, UiLang::En];

    pub fn code(self) -> &'static str {
        match self {
            UiLang::Uk => "uk",
            UiLang::Ru => "ru",
            UiLang::Kk => "kk",
            UiLang::En => "en",
        }
    }

    /// The language's own name, as shown in the language switcher.
    pub fn endonym(self) -> &'static str {
        match self {
            UiLang::Uk => "Українська",
            UiLang::Ru => "Русский",
            UiLang::Kk => "Қазақша",
            UiLang::En => "English",
        }
    }

    /// Parses a UI language from a tag, ignoring region and script (`kk-Latn` -> `kk`).
    pub fn from_tag(tag: &str) -> Option<UiLang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        UiLang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// Content languages to try, in order, when showing a value on a page in this language.
    ///
    /// After the page's own language comes English (the network's lingua franca), then the
    /// other UI languages; any remaining value is the last resort (see `LocalizedText::resolve`).
    pub fn fallback_chain(self) -> &'static [&'static str] {
        match self {
            UiLang::Uk => &["uk", "en", "ru", "kk"],
            UiLang::Ru => &["ru", "en", "uk", "kk"],
            UiLang::Kk => &["kk", "ru", "en", "uk"],
            UiLang::En => &["en", "uk", "ru", "kk"],
        }
    }
}

impl fmt::Display for UiLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_canonicalised() {
        assert_eq!("kk-latn".parse::<LangTag>().unwrap().as_str(), "kk-Latn");
        assert_eq!("EN-gb".parse::<LangTag>().unwrap().as_str(), "en-GB");
        assert_eq!("uk".parse::<LangTag>().unwrap().language(), "uk");
        assert_eq!("kk-Cyrl".parse::<LangTag>().unwrap().script(), Some("Cyrl"));
    }

    #[test]
    fn garbage_is_not_a_tag() {
        assert!("".parse::<LangTag>().is_err());
        assert!("not a tag".parse::<LangTag>().is_err());
        assert!("123".parse::<LangTag>().is_err());
    }

    #[test]
    fn ui_language_from_tag() {
        assert_eq!(UiLang::from_tag("kk-Latn"), Some(UiLang::Kk));
        assert_eq!(UiLang::from_tag("ru_RU"), Some(UiLang::Ru));
        assert_eq!(UiLang::from_tag("de"), None);
    }
}
