//! Multilingual text: one value per BCP 47 tag, and the fallback chain that picks one for a page.

use crate::lang::{LangTag, UiLang};
use crate::validation::{FieldError, ValidationErrors};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A text field in several languages, e.g. `{"uk": "Музей", "kk-Latn": "Murajai"}`.
/// Blank values are never stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(
    try_from = "BTreeMap<String, String>",
    into = "BTreeMap<String, String>"
)]
#[schema(value_type = BTreeMap<String, String>, example = json!({"uk": "Новопсковський краєзнавчий музей", "en": "Novopskov Local History Museum"}))]
pub struct LocalizedText(BTreeMap<LangTag, String>);

/// A value picked for a page, with the language it is actually in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Localized<'a> {
    pub lang: &'a LangTag,
    pub text: &'a str,
    /// The value's tag differs from the page language: the page must mark it with `lang`.
    pub foreign: bool,
}

impl LocalizedText {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets one language's value; a blank value removes the language.
    pub fn set(&mut self, lang: LangTag, text: impl Into<String>) {
        let text = text.into();
        let trimmed = text.trim();
        if trimmed.is_empty() {
            self.0.remove(&lang);
        } else {
            self.0.insert(lang, trimmed.to_owned());
        }
    }

    pub fn with(mut self, lang: &str, text: &str) -> Self {
        self.set(lang.parse().expect("literal language tag"), text);
        self
    }

    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(t, _)| t.as_str() == lang)
            .map(|(_, v)| v.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&LangTag, &str)> {
        self.0.iter().map(|(k, v)| (k, v.as_str()))
    }

    /// Picks the value to show on a page in `page`: the page language, then its fallback
    /// chain, then whatever language the record has. Within one language an untagged value
    /// comes first, then Cyrillic script, then the others.
    pub fn resolve(&self, page: UiLang) -> Option<Localized<'_>> {
        let picked = page
            .fallback_chain()
            .iter()
            .find_map(|primary| self.best_in_language(primary))
            .or_else(|| self.0.iter().next())?;
        let (lang, text) = picked;
        Some(Localized {
            lang,
            text,
            foreign: lang.as_str() != page.code(),
        })
    }

    /// The text for `page`, or an empty string when the field has no value at all.
    pub fn text_for(&self, page: UiLang) -> &str {
        self.resolve(page).map(|l| l.text).unwrap_or("")
    }

    fn best_in_language(&self, primary: &str) -> Option<(&LangTag, &String)> {
        self.0
            .iter()
            .filter(|(t, _)| t.language() == primary)
            .min_by_key(|(t, _)| {
                (
                    t.as_str() != primary,
                    t.script() != Some("Cyrl"),
                    t.as_str().to_owned(),
                )
            })
    }

    /// Checks a field's limits, reporting problems under `field` (e.g. `name.uk`).
    pub fn check(
        &self,
        field: &str,
        required: bool,
        max_chars: usize,
        errors: &mut ValidationErrors,
    ) {
        if required && self.is_empty() {
            errors.push(FieldError::new(field, "required"));
        }
        for (lang, text) in &self.0 {
            if text.chars().count() > max_chars {
                errors.push(
                    FieldError::new(format!("{field}.{lang}"), "too-long").with_limit(max_chars),
                );
            }
        }
    }
}

impl TryFrom<BTreeMap<String, String>> for LocalizedText {
    type Error = crate::lang::InvalidLangTag;
    fn try_from(raw: BTreeMap<String, String>) -> Result<Self, Self::Error> {
        let mut text = LocalizedText::new();
        for (tag, value) in raw {
            text.set(tag.parse()?, value);
        }
        Ok(text)
    }
}

impl From<LocalizedText> for BTreeMap<String, String> {
    fn from(t: LocalizedText) -> Self {
        t.0.into_iter().map(|(k, v)| (k.into(), v)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_language_wins() {
        let t = LocalizedText::new()
            .with("uk", "Музей")
            .with("en", "Museum");
        let got = t.resolve(UiLang::Uk).unwrap();
        assert_eq!((got.text, got.foreign), ("Музей", false));
    }

    #[test]
    fn falls_back_along_the_chain_and_marks_the_language() {
        let t = LocalizedText::new()
            .with("ru", "Музей")
            .with("en", "Museum");
        let got = t.resolve(UiLang::Uk).unwrap();
        assert_eq!((got.lang.as_str(), got.foreign), ("en", true));
        let got = t.resolve(UiLang::Kk).unwrap();
        assert_eq!(got.lang.as_str(), "ru");
    }

    #[test]
    fn kazakh_prefers_cyrillic_then_latin() {
        let t = LocalizedText::new()
            .with("kk-Latn", "Murajai")
            .with("kk-Cyrl", "Мұражай");
        assert_eq!(t.resolve(UiLang::Kk).unwrap().text, "Мұражай");
        let latin_only = LocalizedText::new()
            .with("kk-Latn", "Murajai")
            .with("en", "Museum");
        let got = latin_only.resolve(UiLang::Kk).unwrap();
        assert_eq!((got.text, got.foreign), ("Murajai", true));
    }

    #[test]
    fn any_language_is_the_last_resort() {
        let t = LocalizedText::new().with("de", "Museum");
        assert_eq!(t.resolve(UiLang::Ru).unwrap().lang.as_str(), "de");
        assert!(LocalizedText::new().resolve(UiLang::Ru).is_none());
    }

    #[test]
    fn blank_values_are_dropped_and_tags_checked() {
        let raw = BTreeMap::from([("uk".to_owned(), "  ".to_owned())]);
        assert!(LocalizedText::try_from(raw).unwrap().is_empty());
        let bad = BTreeMap::from([("no such tag".to_owned(), "x".to_owned())]);
        assert!(LocalizedText::try_from(bad).is_err());
    }
}
