//! Object stories ("the exhibit tells..."), stored whole as JSON with a revision per change;
//! institution, series, number, object and state are derived into columns for lists.

use super::Saved;
use super::exhibitions::{Revision, institution_id, read_revisions};
use crate::schema::{stories, story_revisions};
use crate::{DbConnection, Page, PageRequest, Record, StoreError, now};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kolo_domain::{ObjectRef, Story, ValidationErrors};

super::json_row!(StoryRow, stories, Story, "story");

/// Which stories a list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoryFilter {
    pub series: Option<String>,
    pub institution_id: Option<i64>,
    pub object: Option<ObjectRef>,
    /// Drafts too (staff lists); the public never sees them.
    pub include_drafts: bool,
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<Record<Story>, StoreError> {
    stories::table
        .find(id)
        .select(StoryRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?
        .into_record()
}

pub fn get_by_slug(conn: &mut DbConnection, slug: &str) -> Result<Record<Story>, StoreError> {
    stories::table
        .filter(stories::slug.eq(slug))
        .select(StoryRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?
        .into_record()
}

/// Stories by series and number, then the newest first.
pub fn list(
    conn: &mut DbConnection,
    filter: &StoryFilter,
    page: PageRequest,
) -> Result<Page<Record<Story>>, StoreError> {
    let filtered = || {
        let mut q = stories::table.into_boxed();
        if !filter.include_drafts {
            q = q.filter(stories::state.eq("published"));
        }
        if let Some(series) = &filter.series {
            q = q.filter(stories::series.eq(series.clone()));
        }
        if let Some(id) = filter.institution_id {
            q = q.filter(stories::institution_id.eq(id));
        }
        if let Some(o) = &filter.object {
            q = q
                .filter(stories::object_institution.eq(o.institution.to_string()))
                .filter(
                    stories::object_inventory_number.eq(o.inventory_number.as_str().to_owned()),
                );
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((
            stories::series.is_null(),
            stories::series.asc(),
            stories::number.is_null(),
            stories::number.asc(),
            stories::id.desc(),
        ))
        .offset(page.offset)
        .limit(page.limit)
        .select(StoryRow::as_select())
        .load(conn)?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(StoryRow::into_record)
            .collect::<Result<_, _>>()?,
        total,
    })
}

/// The id of the institution a story belongs to: its staff edit it.
pub fn institution_of(conn: &mut DbConnection, story_id: i64) -> Result<i64, StoreError> {
    Ok(stories::table
        .find(story_id)
        .select(stories::institution_id)
        .first(conn)?)
}

/// A story's revisions, newest first.
pub fn revisions(
    conn: &mut DbConnection,
    story_id: i64,
) -> Result<Vec<Revision<Story>>, StoreError> {
    let rows = story_revisions::table
        .filter(story_revisions::story_id.eq(story_id))
        .order(story_revisions::number.desc())
        .select((
            story_revisions::id,
            story_revisions::number,
            story_revisions::data,
            story_revisions::saved_at,
            story_revisions::saved_by,
        ))
        .load(conn)?;
    read_revisions("story revision", rows)
}

/// Creates or replaces the story with this slug: the one write path for forms, API and
/// imports. Unchanged stories write and log nothing; a number is used once per series of an
/// institution (`number` is then taken).
pub fn save_by_slug(
    conn: &mut DbConnection,
    actor: Option<i64>,
    story: &Story,
) -> Result<(i64, Saved), StoreError> {
    story.validate()?;
    let mut errors = ValidationErrors::default();
    let owner = institution_id(conn, "institution".into(), &story.institution, &mut errors)?;
    institution_id(
        conn,
        "object.institution".into(),
        &story.object.institution,
        &mut errors,
    )?;
    let owner = errors
        .into_result(owner)?
        .expect("an error was recorded otherwise");
    let existing = match get_by_slug(conn, story.slug.as_str()) {
        Ok(r) => Some(r),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e),
    };
    if let Some(current) = &existing
        && current.value == *story
    {
        return Ok((current.id, Saved::Unchanged));
    }
    let at = now();
    let data = serde_json::to_string(story).expect("a story serialises");
    let columns = (
        stories::institution_id.eq(owner),
        stories::series.eq(story.series.as_ref().map(ToString::to_string)),
        stories::number.eq(story.number.map(i64::from)),
        stories::object_institution.eq(story.object.institution.as_str()),
        stories::object_inventory_number.eq(story.object.inventory_number.as_str()),
        stories::state.eq(story.state.code()),
        stories::published_on.eq(story.published_on),
        stories::data.eq(&data),
        stories::updated_at.eq(at),
    );
    let taken = |e| match super::unique_as_taken(e, "number") {
        // The slug is looked up above, so a clash here is the series number.
        StoreError::Taken { .. } => {
            StoreError::Invalid(kolo_domain::FieldError::new("number", "taken").into_errors())
        }
        other => other,
    };
    let (id, saved) = match &existing {
        Some(r) => {
            diesel::update(stories::table.find(r.id))
                .set(columns)
                .execute(conn)
                .map_err(taken)?;
            (r.id, Saved::Updated)
        }
        None => {
            diesel::insert_into(stories::table)
                .values((
                    columns,
                    stories::slug.eq(story.slug.as_str()),
                    stories::created_at.eq(at),
                ))
                .execute(conn)
                .map_err(taken)?;
            let id = stories::table
                .filter(stories::slug.eq(story.slug.as_str()))
                .select(stories::id)
                .first(conn)?;
            (id, Saved::Created)
        }
    };
    let last: Option<i64> = story_revisions::table
        .filter(story_revisions::story_id.eq(id))
        .select(diesel::dsl::max(story_revisions::number))
        .first(conn)?;
    diesel::insert_into(story_revisions::table)
        .values((
            story_revisions::story_id.eq(id),
            story_revisions::number.eq(last.unwrap_or(0) + 1),
            story_revisions::data.eq(&data),
            story_revisions::saved_at.eq(at),
            story_revisions::saved_by.eq(actor),
        ))
        .execute(conn)?;
    let before = existing.as_ref().map(|r| &r.value);
    super::audit_save(conn, actor, "story", id, before, story)?;
    Ok((id, saved))
}
