//! The interface's languages: Fluent message files under `locales/`, and the choice of language
//! for a request (`?lang=`, then the `lang` cookie, then `Accept-Language`).

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use kolo_domain::UiLang;
use std::borrow::Cow;
use std::collections::HashMap;
use unic_langid::LanguageIdentifier;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Fluent wraps placeables in bidi isolation marks by default; our languages are all LTR.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

pub const LANG_COOKIE: &str = "lang";

/// Looks up interface strings in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr {
    pub lang: UiLang,
}

fn langid(lang: UiLang) -> LanguageIdentifier {
    lang.code()
        .parse()
        .expect("UI language codes are valid identifiers")
}

impl Tr {
    pub fn new(lang: UiLang) -> Self {
        Tr { lang }
    }

    /// A message without arguments.
    pub fn t(&self, id: &str) -> String {
        LOCALES.lookup(&langid(self.lang), id)
    }

    /// A message with a count (`$count`), for plurals.
    pub fn n(&self, id: &str, count: impl std::borrow::Borrow<i64>) -> String {
        self.args(id, &[("count", FluentValue::from(*count.borrow()))])
    }

    pub fn args(&self, id: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect();
        LOCALES.lookup_with_args(&langid(self.lang), id, &map)
    }

    /// Whether a message exists in this language itself (not through fallback).
    pub fn has_own(&self, id: &str) -> bool {
        // Messages with placeables only format when every variable is given.
        let placeholders: HashMap<&str, FluentValue> = [
            "count", "limit", "name", "page", "pages", "email", "date", "role", "scope", "zone",
            "number", "event", "link", "item", "other",
        ]
        .into_iter()
        .map(|k| (k, FluentValue::from(1)))
        .collect();
        LOCALES
            .lookup_single_language(&langid(self.lang), id, Some(&placeholders))
            .is_ok()
    }
}

/// The language a request is served in. Resolution order: `?lang=`, the `lang` cookie,
/// `Accept-Language` (by quality), English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageLang {
    pub lang: UiLang,
    /// Set when `?lang=` chose the language: the response remembers it in the cookie.
    pub from_query: bool,
}

impl PageLang {
    pub fn negotiate(query: Option<&str>, cookie: Option<&str>, accept: Option<&str>) -> PageLang {
        if let Some(lang) = query.and_then(query_lang).and_then(UiLang::from_tag) {
            return PageLang {
                lang,
                from_query: true,
            };
        }
        let lang = cookie
            .and_then(UiLang::from_tag)
            .or_else(|| accept.and_then(from_accept_language))
            .unwrap_or(UiLang::En);
        PageLang {
            lang,
            from_query: false,
        }
    }
}

fn query_lang(query: &str) -> Option<&str> {
    query.split('&').find_map(|pair| pair.strip_prefix("lang="))
}

fn from_accept_language(header: &str) -> Option<UiLang> {
    let mut best: Option<(f32, UiLang)> = None;
    for part in header.split(',') {
        let mut pieces = part.trim().split(';');
        let tag = pieces.next().unwrap_or("").trim();
        let q = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        if let Some(lang) = UiLang::from_tag(tag)
            && q > 0.0
            && best.is_none_or(|(bq, _)| q > bq)
        {
            best = Some((q, lang));
        }
    }
    best.map(|(_, l)| l)
}

pub fn cookie_value<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            c.trim()
                .strip_prefix(name)
                .and_then(|rest| rest.strip_prefix('='))
        })
}

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let accept = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        Ok(PageLang::negotiate(
            parts.uri.query(),
            cookie_value(parts, LANG_COOKIE),
            accept,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_beats_cookie_beats_header() {
        let n = |q, c, a| PageLang::negotiate(q, c, a).lang;
        assert_eq!(n(Some("x=1&lang=kk"), Some("ru"), Some("uk")), UiLang::Kk);
        assert_eq!(n(None, Some("ru"), Some("uk")), UiLang::Ru);
        assert_eq!(n(None, None, Some("de-DE, uk;q=0.8, ru;q=0.9")), UiLang::Ru);
        assert_eq!(n(None, None, Some("de")), UiLang::En);
        assert_eq!(n(Some("lang=xx"), None, Some("kk-KZ")), UiLang::Kk);
    }

    #[test]
    fn every_message_is_translated_into_every_language() {
        let en = include_str!("../locales/en/main.ftl");
        let ids: Vec<&str> = en
            .lines()
            .filter(|l| !l.starts_with([' ', '#', '-', '.', '[', '*']) && l.contains(" ="))
            .map(|l| l.split(" =").next().unwrap().trim())
            .collect();
        assert!(ids.len() > 50, "found only {} messages", ids.len());
        for lang in UiLang::ALL {
            let tr = Tr::new(lang);
            let missing: Vec<_> = ids.iter().filter(|id| !tr.has_own(id)).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        }
    }

    #[test]
    fn plurals_follow_cldr() {
        let uk = Tr::new(UiLang::Uk);
        assert_eq!(uk.n("institutions-count", 1), "1 установа");
        assert_eq!(uk.n("institutions-count", 3), "3 установи");
        assert_eq!(uk.n("institutions-count", 5), "5 установ");
        let ru = Tr::new(UiLang::Ru);
        assert_eq!(ru.n("institutions-count", 21), "21 учреждение");
        assert_eq!(ru.n("institutions-count", 22), "22 учреждения");
        assert_eq!(ru.n("institutions-count", 11), "11 учреждений");
        assert_eq!(
            Tr::new(UiLang::En).n("institutions-count", 1),
            "1 institution"
        );
        assert_eq!(Tr::new(UiLang::Kk).n("institutions-count", 2), "2 мекеме");
    }
}
