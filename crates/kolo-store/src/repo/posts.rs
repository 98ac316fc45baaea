//! Posts (news, announcements, interviews, reports, publications), stored whole as JSON with a
//! revision per change; institution, kind, status and the time the public first sees the post
//! are derived into columns, so lists (the news page, an institution's or a network's latest
//! posts, the feeds) never read the JSON.
//!
//! The public sees a post when it is published and its time has come: every public query asks
//! for both, so a post published with a future date stays hidden until then even before the
//! server's scheduler has run ([`publish_due`] turns due scheduled posts into published ones).

use super::Saved;
use super::exhibitions::{Revision, institution_id, read_revisions};
use crate::schema::{memberships, post_revisions, posts};
use crate::{DbConnection, Page, PageRequest, Record, StoreError, now};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kolo_domain::{FieldError, Post, PostKind, PostStatus, ValidationErrors};

super::json_row!(PostRow, posts, Post, "post");

/// Whose posts a list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PostScope {
    #[default]
    All,
    /// One institution's (by id).
    Institution(i64),
    /// The posts of one network's (by id) member institutions.
    Network(i64),
}

/// Which posts a list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PostFilter {
    pub kind: Option<PostKind>,
    pub scope: PostScope,
    /// Drafts, scheduled posts and those dated in the future too (staff lists).
    pub include_unpublished: bool,
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<Record<Post>, StoreError> {
    posts::table
        .find(id)
        .select(PostRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?
        .into_record()
}

pub fn get_by_slug(conn: &mut DbConnection, slug: &str) -> Result<Record<Post>, StoreError> {
    posts::table
        .filter(posts::slug.eq(slug))
        .select(PostRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?
        .into_record()
}

/// Posts newest first (by the time the public first sees them; undated drafts first).
pub fn list(
    conn: &mut DbConnection,
    filter: &PostFilter,
    page: PageRequest,
) -> Result<Page<Record<Post>>, StoreError> {
    let at = now();
    let filtered = || {
        let mut q = posts::table.into_boxed();
        if !filter.include_unpublished {
            q = q
                .filter(posts::status.eq(PostStatus::Published.code()))
                .filter(posts::published_at.le(at));
        }
        if let Some(kind) = filter.kind {
            q = q.filter(posts::kind.eq(kind.code()));
        }
        match filter.scope {
            PostScope::All => {}
            PostScope::Institution(id) => q = q.filter(posts::institution_id.eq(id)),
            PostScope::Network(id) => {
                q = q.filter(
                    posts::institution_id.eq_any(
                        memberships::table
                            .filter(memberships::network_id.eq(id))
                            .select(memberships::institution_id),
                    ),
                )
            }
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((
            posts::published_at.is_not_null(),
            posts::published_at.desc(),
            posts::id.desc(),
        ))
        .offset(page.offset)
        .limit(page.limit)
        .select(PostRow::as_select())
        .load(conn)?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(PostRow::into_record)
            .collect::<Result<_, _>>()?,
        total,
    })
}

/// The latest `limit` posts the public sees in `scope`, newest first: for the pages' blocks
/// and the Atom feeds.
pub fn latest(
    conn: &mut DbConnection,
    scope: PostScope,
    limit: i64,
) -> Result<Vec<Record<Post>>, StoreError> {
    let filter = PostFilter {
        scope,
        ..Default::default()
    };
    Ok(list(conn, &filter, PageRequest::new(0, limit))?.items)
}

/// The id of the institution a post belongs to: its staff edit it.
pub fn institution_of(conn: &mut DbConnection, post_id: i64) -> Result<i64, StoreError> {
    Ok(posts::table
        .find(post_id)
        .select(posts::institution_id)
        .first(conn)?)
}

/// A post's revisions, newest first.
pub fn revisions(conn: &mut DbConnection, post_id: i64) -> Result<Vec<Revision<Post>>, StoreError> {
    let rows = post_revisions::table
        .filter(post_revisions::post_id.eq(post_id))
        .order(post_revisions::number.desc())
        .select((
            post_revisions::id,
            post_revisions::number,
            post_revisions::data,
            post_revisions::saved_at,
            post_revisions::saved_by,
        ))
        .load(conn)?;
    read_revisions("post revision", rows)
}

/// Creates or replaces the post with this slug: the one write path for forms, API, imports
/// and the scheduler. Unchanged posts write and log nothing.
pub fn save_by_slug(
    conn: &mut DbConnection,
    actor: Option<i64>,
    post: &Post,
) -> Result<(i64, Saved), StoreError> {
    post.validate()?;
    let mut errors = ValidationErrors::default();
    // The search index and the caches learn of a post when it is written: one that is to appear
    // later is scheduled, so the scheduler's write tells them when it does.
    if post.status == PostStatus::Published
        && post.publish_at.is_some_and(|at| at.naive_utc() > now())
    {
        errors.push(FieldError::new("publish_at", "in-future-needs-scheduled"));
    }
    let owner = institution_id(conn, "institution".into(), &post.institution, &mut errors)?;
    let owner = errors
        .into_result(owner)?
        .expect("an error was recorded otherwise");
    let existing = match get_by_slug(conn, post.slug.as_str()) {
        Ok(r) => Some(r),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e),
    };
    let at = now();
    // A published post without a date is dated by its first publication, kept across saves.
    let mut post = post.clone();
    if post.status == PostStatus::Published && post.publish_at.is_none() {
        let first_published: Option<NaiveDateTime> = match &existing {
            Some(r) => posts::table
                .find(r.id)
                .select(posts::published_at)
                .first(conn)?,
            None => None,
        };
        post.publish_at = Some(first_published.unwrap_or(at).and_utc());
    }
    let post = &post;
    if let Some(current) = &existing
        && current.value == *post
    {
        return Ok((current.id, Saved::Unchanged));
    }
    // A post shows only its own institution's images and files.
    let refused = |field: String, reason: &str| FieldError::new(field, reason).into_errors();
    for (i, image) in post.images.iter().enumerate() {
        if super::media::owner(conn, &image.media)? != Some(owner) {
            return Err(refused(format!("images[{i}].media"), "unknown-media").into());
        }
    }
    for (i, attachment) in post.attachments.iter().enumerate() {
        if super::files::owner(conn, &attachment.file)? != Some(owner) {
            return Err(refused(format!("attachments[{i}].file"), "unknown-file").into());
        }
    }
    let published_at = post.publish_at.map(|when| when.naive_utc());
    let data = serde_json::to_string(post).expect("a post serialises");
    let columns = (
        posts::institution_id.eq(owner),
        posts::kind.eq(post.kind.code()),
        posts::status.eq(post.status.code()),
        posts::published_at.eq(published_at),
        posts::data.eq(&data),
        posts::updated_at.eq(at),
    );
    let (id, saved) = match &existing {
        Some(r) => {
            diesel::update(posts::table.find(r.id))
                .set(columns)
                .execute(conn)?;
            (r.id, Saved::Updated)
        }
        None => {
            diesel::insert_into(posts::table)
                .values((
                    columns,
                    posts::slug.eq(post.slug.as_str()),
                    posts::created_at.eq(at),
                ))
                .execute(conn)
                .map_err(|e| super::unique_as_taken(e, "slug"))?;
            let id = posts::table
                .filter(posts::slug.eq(post.slug.as_str()))
                .select(posts::id)
                .first(conn)?;
            (id, Saved::Created)
        }
    };
    let last: Option<i64> = post_revisions::table
        .filter(post_revisions::post_id.eq(id))
        .select(diesel::dsl::max(post_revisions::number))
        .first(conn)?;
    diesel::insert_into(post_revisions::table)
        .values((
            post_revisions::post_id.eq(id),
            post_revisions::number.eq(last.unwrap_or(0) + 1),
            post_revisions::data.eq(&data),
            post_revisions::saved_at.eq(at),
            post_revisions::saved_by.eq(actor),
        ))
        .execute(conn)?;
    let before = existing.as_ref().map(|r| &r.value);
    super::audit_save(conn, actor, "post", id, before, post)?;
    Ok((id, saved))
}

/// Publishes the scheduled posts whose time has come, each with its revision and audit entry
/// (so caches are emptied and the search index learns of it); returns their ids. The server
/// runs it every few seconds and at start, so a post appears on time across restarts.
pub fn publish_due(conn: &mut DbConnection) -> Result<Vec<i64>, StoreError> {
    let due: Vec<i64> = posts::table
        .filter(posts::status.eq(PostStatus::Scheduled.code()))
        .filter(posts::published_at.le(now()))
        .select(posts::id)
        .load(conn)?;
    for &id in &due {
        let mut post = get(conn, id)?.value;
        post.status = PostStatus::Published;
        save_by_slug(conn, None, &post)?;
    }
    Ok(due)
}
