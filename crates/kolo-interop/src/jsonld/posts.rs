//! schema.org JSON-LD for posts: `NewsArticle` for news, announcements and interviews,
//! `Report` for reports, `Article` for publications.

use super::{Link, tagged};
use kolo_domain::{LocalizedText, Post, PostKind};
use serde_json::{Value, json};

/// What a post page knows besides the post.
pub struct PostContext<'a> {
    pub url: &'a str,
    pub publisher: Link<'a>,
    /// The body as plain text, per language.
    pub body_text: &'a LocalizedText,
    pub summary: &'a LocalizedText,
    /// Absolute addresses of its images.
    pub images: &'a [String],
    /// Its attached files.
    pub files: &'a [FileLink],
}

/// An attached file: schema.org `MediaObject`.
pub struct FileLink {
    /// Absolute.
    pub url: String,
    pub name: String,
    pub mime: String,
    pub bytes: i64,
}

pub fn schema_type(kind: PostKind) -> &'static str {
    match kind {
        PostKind::News | PostKind::Announcement | PostKind::Interview => "NewsArticle",
        PostKind::Report => "Report",
        PostKind::Publication => "Article",
    }
}

pub fn post(p: &Post, cx: &PostContext<'_>) -> Value {
    let mut obj = json!({
        "@context": "https://schema.org",
        "@type": schema_type(p.kind),
        "@id": cx.url,
        "url": cx.url,
        "headline": tagged(&p.title),
        "description": tagged(cx.summary),
        "articleBody": tagged(cx.body_text),
        "inLanguage": p.original_lang.as_str(),
        "publisher": { "@type": "Organization", "@id": cx.publisher.url, "url": cx.publisher.url, "name": tagged(cx.publisher.name) },
    });
    if let Some(at) = p.publish_at {
        obj["datePublished"] = json!(at.to_rfc3339());
    }
    if !cx.images.is_empty() {
        obj["image"] = json!(cx.images);
    }
    if !cx.files.is_empty() {
        let media: Vec<Value> = cx
            .files
            .iter()
            .map(|f| {
                json!({
                    "@type": "MediaObject",
                    "contentUrl": f.url,
                    "name": f.name,
                    "encodingFormat": f.mime,
                    "contentSize": format!("{} B", f.bytes),
                })
            })
            .collect();
        obj["associatedMedia"] = json!(media);
    }
    obj
}
