//! Atom (RFC 4287) feeds, so news readers and other sites follow what changes in Kolo.

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Text};
use chrono::{DateTime, Utc};

/// One entry of a feed: a record that is new or changed.
pub struct FeedEntry {
    /// A permanent, unique id: the record's public URL serves.
    pub id: String,
    pub title: String,
    /// BCP 47 tag of title and summary.
    pub lang: Option<String>,
    pub summary: Option<String>,
    pub updated: DateTime<Utc>,
    /// The public page.
    pub url: String,
}

fn fixed(t: DateTime<Utc>) -> FixedDateTime {
    t.fixed_offset()
}

/// A complete feed document. `self_url` is the feed's own address, `page_url` the page it mirrors.
pub fn feed(title: &str, self_url: &str, page_url: &str, entries: &[FeedEntry]) -> String {
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or(DateTime::UNIX_EPOCH);
    let feed = Feed {
        title: Text::plain(title),
        id: self_url.to_owned(),
        updated: fixed(updated),
        links: vec![
            Link {
                href: self_url.to_owned(),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            Link {
                href: page_url.to_owned(),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            },
        ],
        generator: Some(atom_syndication::Generator {
            value: "Kolo".into(),
            ..Default::default()
        }),
        entries: entries
            .iter()
            .map(|e| {
                let mut title = Text::plain(e.title.clone());
                title.lang.clone_from(&e.lang);
                Entry {
                    id: e.id.clone(),
                    title,
                    updated: fixed(e.updated),
                    links: vec![Link {
                        href: e.url.clone(),
                        rel: "alternate".into(),
                        ..Default::default()
                    }],
                    summary: e.summary.clone().map(|s| {
                        let mut t = Text::plain(s);
                        t.lang.clone_from(&e.lang);
                        t
                    }),
                    content: None::<Content>,
                    ..Default::default()
                }
            })
            .collect(),
        ..Default::default()
    };
    feed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_escapes_text_and_carries_languages() {
        let xml = feed(
            "Events",
            "http://k/events.atom",
            "http://k/events",
            &[FeedEntry {
                id: "http://k/events/a".into(),
                title: "Форум <b>«Культура»</b> & co".into(),
                lang: Some("ru".into()),
                summary: None,
                updated: "2024-04-17T07:00:00Z".parse().unwrap(),
                url: "http://k/events/a".into(),
            }],
        );
        assert!(
            xml.contains("&lt;b&gt;«Культура»&lt;/b&gt; &amp; co"),
            "{xml}"
        );
        assert!(xml.contains("xml:lang=\"ru\""), "{xml}");
        assert!(
            xml.contains("<updated>2024-04-17T07:00:00+00:00</updated>"),
            "{xml}"
        );
    }
}
