//! Cooperation projects. Each is stored whole as JSON with a revision per change; its status,
//! state and period and its partners are derived into columns and a table on every write, so
//! lists (by status, by partner) never read the JSON.

use super::Saved;
use super::exhibitions::{Revision, institution_id, network_exists, read_revisions};
use crate::schema::{memberships, project_partners, project_revisions, projects};
use crate::{DbConnection, Page, PageRequest, Record, StoreError, now};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kolo_domain::{Project, ProjectStatus, ValidationErrors};

super::json_row!(ProjectRow, projects, Project, "project");

/// Which projects a list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectFilter {
    pub status: Option<ProjectStatus>,
    /// Projects this institution is a partner of.
    pub institution_id: Option<i64>,
    /// Projects with a partner that is a member of this network (as a network's posts are
    /// its members' posts).
    pub network_id: Option<i64>,
    /// Drafts too (staff lists); the public never sees them.
    pub include_drafts: bool,
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<Record<Project>, StoreError> {
    projects::table
        .find(id)
        .select(ProjectRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?
        .into_record()
}

pub fn get_by_slug(conn: &mut DbConnection, slug: &str) -> Result<Record<Project>, StoreError> {
    projects::table
        .filter(projects::slug.eq(slug))
        .select(ProjectRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?
        .into_record()
}

/// Projects, the latest started first.
pub fn list(
    conn: &mut DbConnection,
    filter: &ProjectFilter,
    page: PageRequest,
) -> Result<Page<Record<Project>>, StoreError> {
    let filtered = || {
        let mut q = projects::table.into_boxed();
        if !filter.include_drafts {
            q = q.filter(projects::state.eq("published"));
        }
        if let Some(status) = filter.status {
            q = q.filter(projects::status.eq(status.code()));
        }
        if let Some(id) = filter.institution_id {
            q = q.filter(
                projects::id.eq_any(
                    project_partners::table
                        .filter(project_partners::institution_id.eq(id))
                        .select(project_partners::project_id),
                ),
            );
        }
        if let Some(id) = filter.network_id {
            q = q.filter(
                projects::id.eq_any(
                    project_partners::table
                        .filter(
                            project_partners::institution_id.eq_any(
                                memberships::table
                                    .filter(memberships::network_id.eq(id))
                                    .select(memberships::institution_id),
                            ),
                        )
                        .select(project_partners::project_id),
                ),
            );
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((projects::starts_on.desc(), projects::id.desc()))
        .offset(page.offset)
        .limit(page.limit)
        .select(ProjectRow::as_select())
        .load(conn)?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(ProjectRow::into_record)
            .collect::<Result<_, _>>()?,
        total,
    })
}

/// The partner institutions of a project, leads and partners alike: their staff edit it.
pub fn partner_ids(conn: &mut DbConnection, project_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(project_partners::table
        .filter(project_partners::project_id.eq(project_id))
        .select(project_partners::institution_id)
        .load(conn)?)
}

/// A project's revisions, newest first.
pub fn revisions(
    conn: &mut DbConnection,
    project_id: i64,
) -> Result<Vec<Revision<Project>>, StoreError> {
    let rows = project_revisions::table
        .filter(project_revisions::project_id.eq(project_id))
        .order(project_revisions::number.desc())
        .select((
            project_revisions::id,
            project_revisions::number,
            project_revisions::data,
            project_revisions::saved_at,
            project_revisions::saved_by,
        ))
        .load(conn)?;
    read_revisions("project revision", rows)
}

/// The partners' institution ids, in the project's order, or field errors for unknown
/// institutions and networks. Activity links are not checked: they are resolved when shown.
fn resolve(conn: &mut DbConnection, p: &Project) -> Result<Vec<i64>, StoreError> {
    let mut errors = ValidationErrors::default();
    let mut partners = Vec::new();
    for (i, partner) in p.partners.iter().enumerate() {
        let field = format!("partners[{i}].institution");
        if let Some(id) = institution_id(conn, field, &partner.institution, &mut errors)? {
            partners.push(id);
        }
    }
    for (i, slug) in p.networks.iter().enumerate() {
        network_exists(conn, format!("networks[{i}]"), slug, &mut errors)?;
    }
    errors.into_result(partners).map_err(Into::into)
}

/// Creates or replaces the project with this slug: the one write path for forms, API and
/// imports. Unchanged projects write and log nothing.
pub fn save_by_slug(
    conn: &mut DbConnection,
    actor: Option<i64>,
    p: &Project,
) -> Result<(i64, Saved), StoreError> {
    p.validate()?;
    let partner_ids = resolve(conn, p)?;
    let existing = match get_by_slug(conn, p.slug.as_str()) {
        Ok(r) => Some(r),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e),
    };
    if let Some(current) = &existing
        && current.value == *p
    {
        return Ok((current.id, Saved::Unchanged));
    }
    let at: NaiveDateTime = now();
    let data = serde_json::to_string(p).expect("a project serialises");
    let columns = (
        projects::status.eq(p.status.code()),
        projects::state.eq(p.state.code()),
        projects::starts_on.eq(p.starts_on),
        projects::ends_on.eq(p.ends_on),
        projects::data.eq(&data),
        projects::updated_at.eq(at),
    );
    let (id, saved) = match &existing {
        Some(r) => {
            diesel::update(projects::table.find(r.id))
                .set(columns)
                .execute(conn)?;
            (r.id, Saved::Updated)
        }
        None => {
            diesel::insert_into(projects::table)
                .values((
                    columns,
                    projects::slug.eq(p.slug.as_str()),
                    projects::created_at.eq(at),
                ))
                .execute(conn)
                .map_err(|e| super::unique_as_taken(e, "slug"))?;
            let id = projects::table
                .filter(projects::slug.eq(p.slug.as_str()))
                .select(projects::id)
                .first(conn)?;
            (id, Saved::Created)
        }
    };
    diesel::delete(project_partners::table.filter(project_partners::project_id.eq(id)))
        .execute(conn)?;
    for (partner, institution) in p.partners.iter().zip(&partner_ids) {
        diesel::insert_into(project_partners::table)
            .values((
                project_partners::project_id.eq(id),
                project_partners::institution_id.eq(institution),
                project_partners::role.eq(partner.role.code()),
            ))
            .execute(conn)?;
    }
    let last: Option<i64> = project_revisions::table
        .filter(project_revisions::project_id.eq(id))
        .select(diesel::dsl::max(project_revisions::number))
        .first(conn)?;
    diesel::insert_into(project_revisions::table)
        .values((
            project_revisions::project_id.eq(id),
            project_revisions::number.eq(last.unwrap_or(0) + 1),
            project_revisions::data.eq(&data),
            project_revisions::saved_at.eq(at),
            project_revisions::saved_by.eq(actor),
        ))
        .execute(conn)?;
    let before = existing.as_ref().map(|r| &r.value);
    super::audit_save(conn, actor, "project", id, before, p)?;
    Ok((id, saved))
}
