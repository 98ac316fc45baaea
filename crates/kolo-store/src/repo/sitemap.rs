//! What the sitemap lists: every page the public may see, and when its record last changed.
//! Only slugs and timestamps are read, so a sitemap never decodes a record.

use crate::schema::{
    collections, events, exhibitions, institutions, networks, objects, posts, projects, stories,
};
use crate::{DbConnection, StoreError};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kolo_domain::{PostStatus, PublicationState};

/// A public record page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicPage {
    Institution(String),
    Network(String),
    Event(String),
    Exhibition(String),
    Story(String),
    Project(String),
    Post(String),
    Collection { institution: String, key: String },
}

/// Objects per sitemap file: well under the protocol's 50,000, so a file stays a few MB with
/// its language alternates.
pub const OBJECTS_PER_FILE: i64 = 10_000;

/// Every public page other than objects', with its last change.
pub fn records(conn: &mut DbConnection) -> Result<Vec<(PublicPage, NaiveDateTime)>, StoreError> {
    let published = PublicationState::Published.code();
    let mut pages = Vec::new();
    let mut add = |rows: Vec<(String, NaiveDateTime)>, page: fn(String) -> PublicPage| {
        pages.extend(rows.into_iter().map(|(slug, at)| (page(slug), at)));
    };
    add(
        institutions::table
            .select((institutions::slug, institutions::updated_at))
            .order(institutions::slug)
            .load(conn)?,
        PublicPage::Institution,
    );
    add(
        networks::table
            .select((networks::slug, networks::updated_at))
            .order(networks::slug)
            .load(conn)?,
        PublicPage::Network,
    );
    add(
        events::table
            .select((events::slug, events::updated_at))
            .order(events::slug)
            .load(conn)?,
        PublicPage::Event,
    );
    add(
        exhibitions::table
            .filter(exhibitions::state.eq(published))
            .select((exhibitions::slug, exhibitions::updated_at))
            .order(exhibitions::slug)
            .load(conn)?,
        PublicPage::Exhibition,
    );
    add(
        stories::table
            .filter(stories::state.eq(published))
            .select((stories::slug, stories::updated_at))
            .order(stories::slug)
            .load(conn)?,
        PublicPage::Story,
    );
    add(
        projects::table
            .filter(projects::state.eq(published))
            .select((projects::slug, projects::updated_at))
            .order(projects::slug)
            .load(conn)?,
        PublicPage::Project,
    );
    add(
        posts::table
            .filter(posts::status.eq(PostStatus::Published.code()))
            .filter(posts::published_at.le(crate::now()))
            .select((posts::slug, posts::updated_at))
            .order(posts::slug)
            .load(conn)?,
        PublicPage::Post,
    );
    let trees: Vec<(String, String, NaiveDateTime)> = collections::table
        .inner_join(institutions::table)
        .select((
            institutions::slug,
            collections::key,
            collections::updated_at,
        ))
        .order((institutions::slug, collections::key))
        .load(conn)?;
    pages.extend(
        trees
            .into_iter()
            .map(|(institution, key, at)| (PublicPage::Collection { institution, key }, at)),
    );
    Ok(pages)
}

/// How many object files the sitemap has: file `n` holds the published objects with ids from
/// `n * OBJECTS_PER_FILE`, so a file's content stays put as objects are added.
pub fn object_files(conn: &mut DbConnection) -> Result<i64, StoreError> {
    let highest: Option<i64> = objects::table
        .filter(objects::state.eq(PublicationState::Published.code()))
        .select(diesel::dsl::max(objects::id))
        .first(conn)?;
    Ok(highest.map_or(0, |id| id / OBJECTS_PER_FILE + 1))
}

/// The published objects of one sitemap file, by id, with their last change.
pub fn objects_in_file(
    conn: &mut DbConnection,
    file: i64,
) -> Result<Vec<(i64, NaiveDateTime)>, StoreError> {
    let first = file.saturating_mul(OBJECTS_PER_FILE);
    Ok(objects::table
        .filter(objects::state.eq(PublicationState::Published.code()))
        .filter(objects::id.ge(first))
        .filter(objects::id.lt(first.saturating_add(OBJECTS_PER_FILE)))
        .select((objects::id, objects::updated_at))
        .order(objects::id)
        .load(conn)?)
}
