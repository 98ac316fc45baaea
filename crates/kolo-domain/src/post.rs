//! Posts: the news, announcements, interviews, reports and publications an institution
//! publishes. The body is Markdown (rendered and sanitised by the web layer); a post links to
//! other records by slug, resolved when shown, so it may name records that come later.

use crate::collection::{InventoryNumber, ObjectImage};
use crate::event::coded_enum;
use crate::exhibition::Exhibition;
use crate::lang::LangTag;
use crate::media::Attachment;
use crate::text::LocalizedText;
use crate::validation::{FieldError, Slug, ValidationErrors};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

coded_enum!(
    /// What a post is; a publication (a guidebook, a catalogue, proceedings) comes with its file.
    PostKind {
        News = "news",
        Announcement = "announcement",
        Interview = "interview",
        Report = "report",
        Publication = "publication",
    }
);

coded_enum!(
    /// Whether the public sees a post: a scheduled one appears at `publish_at`.
    PostStatus {
        Draft = "draft",
        Scheduled = "scheduled",
        Published = "published",
    }
);

/// Another record a post is about, by its public address; new kinds are new variants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum PostLink {
    Institution {
        slug: Slug,
    },
    Event {
        slug: Slug,
    },
    Exhibition {
        slug: Slug,
    },
    Object {
        institution: Slug,
        inventory_number: InventoryNumber,
    },
    /// The cooperation project the post is part of.
    Project {
        slug: Slug,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Post {
    pub slug: Slug,
    /// The institution that publishes it: its staff edit it.
    pub institution: Slug,
    pub kind: PostKind,
    #[schema(value_type = String, example = "uk")]
    pub original_lang: LangTag,
    pub title: LocalizedText,
    /// Shown in lists; derived from the body when empty.
    #[serde(default)]
    pub summary: LocalizedText,
    /// Markdown, per language.
    pub body: LocalizedText,
    pub status: PostStatus,
    /// When it appears (a scheduled post) or appeared; a published post without one is dated
    /// by its first publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = "date-time")]
    pub publish_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<ObjectImage>,
    /// Its files: a publication's own, a report's annexes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<PostLink>,
}

impl Post {
    /// Every field, for the edges that refuse unknown ones (API bodies, bundle files).
    pub const FIELDS: &'static [&'static str] = &[
        "slug",
        "institution",
        "kind",
        "original_lang",
        "title",
        "summary",
        "body",
        "status",
        "publish_at",
        "images",
        "attachments",
        "links",
    ];
    pub const MAX_BODY: usize = 100_000;
    pub const MAX_SUMMARY: usize = 1_000;
    pub const MAX_LINKS: usize = 100;
    pub const MAX_ATTACHMENTS: usize = 50;

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.title
            .check("title", true, Exhibition::MAX_TITLE, &mut errors);
        self.summary
            .check("summary", false, Self::MAX_SUMMARY, &mut errors);
        self.body.check("body", true, Self::MAX_BODY, &mut errors);
        if self.status == PostStatus::Scheduled && self.publish_at.is_none() {
            errors.push(FieldError::new("publish_at", "required"));
        }
        if self.attachments.len() > Self::MAX_ATTACHMENTS {
            errors
                .push(FieldError::new("attachments", "too-many").with_limit(Self::MAX_ATTACHMENTS));
        }
        for (i, a) in self.attachments.iter().enumerate() {
            a.title.check(
                &format!("attachments[{i}].title"),
                false,
                Attachment::MAX_TITLE,
                &mut errors,
            );
        }
        if self.links.len() > Self::MAX_LINKS {
            errors.push(FieldError::new("links", "too-many").with_limit(Self::MAX_LINKS));
        }
        errors.into_result(())
    }

    /// Whether the public may see it at `now`.
    pub fn is_public_at(&self, now: DateTime<Utc>) -> bool {
        self.status == PostStatus::Published && self.publish_at.is_none_or(|at| at <= now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post() -> Post {
        Post {
            slug: Slug::parse("slug", "inter-museum-diplomacy").unwrap(),
            institution: Slug::parse("institution", "novopskov-museum").unwrap(),
            kind: PostKind::News,
            original_lang: "uk".parse().unwrap(),
            title: LocalizedText::new().with("uk", "Міжмузейна дипломатія"),
            summary: LocalizedText::new(),
            body: LocalizedText::new().with("uk", "У 2019 році..."),
            status: PostStatus::Draft,
            publish_at: None,
            images: vec![],
            attachments: vec![],
            links: vec![],
        }
    }

    #[test]
    fn a_scheduled_post_needs_its_time_and_a_title() {
        post().validate().unwrap();
        let mut p = post();
        p.status = PostStatus::Scheduled;
        p.title = LocalizedText::new().with("uk", "  ");
        let errors = p.validate().unwrap_err();
        for (field, reason) in [("publish_at", "required"), ("title", "required")] {
            assert_eq!(
                errors.for_field(field).map(|e| e.reason.as_str()),
                Some(reason),
                "{field}"
            );
        }
    }

    #[test]
    fn only_published_posts_whose_time_has_come_are_public() {
        let now = Utc::now();
        let mut p = post();
        assert!(!p.is_public_at(now));
        p.status = PostStatus::Published;
        assert!(p.is_public_at(now));
        p.publish_at = Some(now + chrono::Duration::seconds(10));
        assert!(!p.is_public_at(now));
        p.status = PostStatus::Scheduled;
        assert!(!p.is_public_at(now + chrono::Duration::seconds(20)));
    }
}
