//! Sitemaps (sitemaps.org protocol 0.9) with `xhtml:link` language alternates, so search engines
//! find every public page, and each of its language versions.

use crate::xml::XmlWriter;
use chrono::{DateTime, Utc};

pub const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML: &str = "http://www.w3.org/1999/xhtml";
/// The protocol's limit of addresses in one file.
pub const MAX_URLS: usize = 50_000;

/// One page: its address, when it last changed, and its versions by language.
pub struct SitemapUrl {
    pub loc: String,
    pub lastmod: Option<DateTime<Utc>>,
    /// `(hreflang, href)`, the page itself included (Google asks for that).
    pub alternates: Vec<(String, String)>,
}

fn w3c_datetime(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A `urlset` document.
pub fn urlset(urls: &[SitemapUrl]) -> String {
    let mut w = XmlWriter::document();
    w.open(
        "urlset",
        &[("xmlns", Some(NAMESPACE)), ("xmlns:xhtml", Some(XHTML))],
    );
    for url in urls.iter().take(MAX_URLS) {
        w.open("url", &[]);
        w.leaf("loc", &[], &url.loc);
        w.opt_leaf("lastmod", url.lastmod.map(w3c_datetime).as_deref());
        for (lang, href) in &url.alternates {
            w.leaf(
                "xhtml:link",
                &[
                    ("rel", Some("alternate")),
                    ("hreflang", Some(lang)),
                    ("href", Some(href)),
                ],
                "",
            );
        }
        w.close("url");
    }
    w.close("urlset");
    w.finish()
}

/// A `sitemapindex` document naming the sitemaps (absolute addresses) and when each changed.
pub fn index(sitemaps: &[(String, Option<DateTime<Utc>>)]) -> String {
    let mut w = XmlWriter::document();
    w.open("sitemapindex", &[("xmlns", Some(NAMESPACE))]);
    for (loc, lastmod) in sitemaps {
        w.open("sitemap", &[]);
        w.leaf("loc", &[], loc);
        w.opt_leaf("lastmod", lastmod.map(w3c_datetime).as_deref());
        w.close("sitemap");
    }
    w.close("sitemapindex");
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_carry_their_language_versions_escaped() {
        let xml = urlset(&[SitemapUrl {
            loc: "https://k.example/events/a?x=1&y=2".into(),
            lastmod: Some(DateTime::from_timestamp(1_700_000_000, 0).unwrap()),
            alternates: vec![("uk".into(), "https://k.example/events/a?lang=uk".into())],
        }]);
        assert!(xml.contains("<loc>https://k.example/events/a?x=1&amp;y=2</loc>"));
        assert!(xml.contains("<lastmod>2023-11-14T22:13:20Z</lastmod>"));
        assert!(xml.contains(
            r#"<xhtml:link rel="alternate" hreflang="uk" href="https://k.example/events/a?lang=uk"/>"#
        ));
        let limits = crate::xml::Limits {
            max_depth: 8,
            max_elements: 100,
        };
        let root = crate::xml::parse_tree(&xml, limits).unwrap();
        assert_eq!(root.children("url").count(), 1);
    }
}
