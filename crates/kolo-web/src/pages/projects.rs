//! Cooperation projects: the list (by status and network) and the project page, a timeline of its period
//! and activities with the records they link to, beside its goals, tasks, partners and
//! outcomes; also the projects an institution's page lists.
//!
//! Drafts are shown only to those who may edit them (partners' staff, platform administrators).

use super::events::{PartyView, date};
use super::exhibitions::links;
use super::{Head, PageCtx, page_template, render};
use crate::i18n::Tr;
use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use kolo_domain::project::{Activity, ActivityLinkKind, PartnerRole};
use kolo_domain::{LocalizedText, Project, ProjectStatus, PublicationState};
use kolo_interop::jsonld;
use kolo_interop::jsonld::projects::ProjectContext;
use kolo_store::repo::projects::{self, ProjectFilter};
use kolo_store::repo::{documents, events, exhibitions, institutions, networks, posts};
use kolo_store::{DbConnection, PageRequest, Record, StoreError};
use serde::Deserialize;

pub fn project_routes() -> Router<AppState> {
    Router::new()
        .route("/projects", get(list))
        .route("/projects/{slug}", get(page))
}

pub fn status_name(tr: &Tr, status: &ProjectStatus) -> String {
    tr.t(&format!("project-status-{}", status.code()))
}

/// `09.09.2019–13.09.2020`, or `since 09.09.2019` while the end is open.
pub fn period(tr: &Tr, p: &Project) -> String {
    match p.ends_on {
        Some(end) => format!("{}–{}", date(p.starts_on), date(end)),
        None => tr.args("project-since", &[("date", date(p.starts_on).into())]),
    }
}

/// The published projects an institution is a partner of, for its page.
pub fn of_institution(
    c: &mut DbConnection,
    institution_id: i64,
) -> Result<Vec<Record<Project>>, StoreError> {
    let filter = ProjectFilter {
        institution_id: Some(institution_id),
        ..Default::default()
    };
    Ok(projects::list(c, &filter, PageRequest::new(0, 20))?.items)
}

#[derive(Deserialize, Default)]
struct ListQuery {
    status: Option<String>,
    network: Option<String>,
}

page_template!(ProjectsPage, "projects.html" {
    items: Vec<Record<Project>>,
    // (code, label, selected)
    status_options: Vec<(&'static str, String, bool)>,
    // (slug, name, selected)
    network_options: Vec<(String, String, bool)>,
});

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let status = match q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(
            ProjectStatus::from_code(s)
                .ok_or_else(|| AppError::BadRequest(format!("status: unknown value `{s}`")))?,
        ),
        None => None,
    };
    let network = q
        .network
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    let wanted = network.clone();
    let (page, all_networks) = state
        .store
        .read(move |c| {
            let network_id = match &wanted {
                Some(slug) => match networks::get_by_slug(c, slug) {
                    Ok(n) => Some(n.id),
                    Err(StoreError::NotFound) => {
                        return Ok(Err(format!("network: no network `{slug}`")));
                    }
                    Err(e) => return Err(e),
                },
                None => None,
            };
            let filter = ProjectFilter {
                status,
                network_id,
                ..Default::default()
            };
            let page = projects::list(c, &filter, PageRequest::new(0, PageRequest::MAX_LIMIT))?;
            let all = networks::list(c, PageRequest::new(0, PageRequest::MAX_LIMIT))?;
            Ok(Ok((page, all.items)))
        })
        .await?
        .map_err(AppError::BadRequest)?;
    let network_options = super::network_choices(&ctx, &all_networks, network.as_deref());
    let status_options = ProjectStatus::ALL
        .iter()
        .map(|s| (s.code(), status_name(&ctx.tr, s), Some(*s) == status))
        .collect();
    let head = Head::new(ctx.t("projects-title")).alternate(
        "application/json",
        "/api/v1/projects".into(),
        ctx.t("format-json"),
    );
    render(&ProjectsPage {
        ctx,
        head,
        items: page.items,
        status_options,
        network_options,
    })
}

/// A record an activity links to, as found: its page, title and kind.
pub struct LinkView {
    pub kind_message: String,
    pub href: String,
    pub title: LocalizedText,
}

/// One entry of the timeline: the project's start or end (`milestone`), or an activity.
pub struct TimelineEntry {
    pub dates: String,
    pub milestone: Option<&'static str>,
    pub title: LocalizedText,
    pub description: LocalizedText,
    pub link: Option<LinkView>,
}

pub struct PartnerView {
    pub party: PartyView,
    pub role_message: String,
}

page_template!(ProjectPage, "project.html" {
    p: Record<Project>,
    timeline: Vec<TimelineEntry>,
    partners: Vec<PartnerView>,
    networks: Vec<PartyView>,
    editable: bool,
});

impl ProjectPage {
    pub fn period(&self) -> String {
        period(&self.ctx.tr, &self.p.value)
    }
}

/// The published record an activity names, if there is one (a publication is a post the
/// public sees).
fn resolve_link(c: &mut DbConnection, a: &Activity) -> Result<Option<LinkView>, StoreError> {
    let Some(link) = &a.link else {
        return Ok(None);
    };
    let slug = link.slug.as_str();
    let shown = match link.kind {
        ActivityLinkKind::Event => {
            found(events::get_by_slug(c, slug))?.map(|e| (format!("/events/{slug}"), e.value.title))
        }
        ActivityLinkKind::Exhibition => found(exhibitions::get_by_slug(c, slug))?
            .filter(|x| x.value.state == PublicationState::Published)
            .map(|x| (format!("/exhibitions/{slug}"), x.value.title)),
        ActivityLinkKind::Document => match (found(events::get_by_slug(c, slug))?, &link.key) {
            (Some(event), Some(key)) => found(documents::get(c, event.id, key.as_str()))?
                .map(|d| (format!("/events/{slug}/documents/{key}"), d.value.title)),
            _ => None,
        },
        ActivityLinkKind::Publication => found(posts::get_by_slug(c, slug))?
            .filter(|post| post.value.is_public_at(chrono::Utc::now()))
            .map(|post| (format!("/news/{slug}"), post.value.title)),
    };
    Ok(shown.map(|(href, title)| LinkView {
        kind_message: format!("project-link-{}", link.kind.code()),
        href,
        title,
    }))
}

/// A record that may be missing: `None` rather than an error.
fn found<T>(r: Result<T, StoreError>) -> Result<Option<T>, StoreError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

fn activity_dates(a: &Activity) -> String {
    match a.ends_on {
        Some(end) if end != a.starts_on => format!("{}–{}", date(a.starts_on), date(end)),
        _ => date(a.starts_on),
    }
}

/// The start, the activities by date, and the end when it is known.
fn timeline(c: &mut DbConnection, p: &Project) -> Result<Vec<TimelineEntry>, StoreError> {
    let milestone = |message, day| TimelineEntry {
        dates: date(day),
        milestone: Some(message),
        title: LocalizedText::new(),
        description: LocalizedText::new(),
        link: None,
    };
    let mut entries = vec![milestone("project-starts", p.starts_on)];
    for a in p.timeline() {
        entries.push(TimelineEntry {
            dates: activity_dates(a),
            milestone: None,
            title: a.title.clone(),
            description: a.description.clone(),
            link: resolve_link(c, a)?,
        });
    }
    if let Some(end) = p.ends_on {
        entries.push(milestone("project-ends", end));
    }
    Ok(entries)
}

async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (p, partner_ids, timeline, partners, networks) = state
        .store
        .read(move |c| {
            let p = projects::get_by_slug(c, &slug)?;
            let partner_ids = projects::partner_ids(c, p.id)?;
            let timeline = timeline(c, &p.value)?;
            let mut partners = Vec::new();
            for partner in &p.value.partners {
                let r = institutions::get_by_slug(c, partner.institution.as_str())?;
                let view = PartyView {
                    name: r.value.name,
                    href: Some(format!("/institutions/{}", r.value.slug)),
                };
                partners.push((view, partner.role));
            }
            // Leads first.
            partners.sort_by_key(|(_, role)| *role != PartnerRole::Lead);
            let networks = p
                .value
                .networks
                .iter()
                .map(|s| {
                    let n = networks::get_by_slug(c, s.as_str())?;
                    Ok(PartyView {
                        name: n.value.name,
                        href: Some(format!("/networks/{}", n.value.slug)),
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            Ok((p, partner_ids, timeline, partners, networks))
        })
        .await?;
    let editable = ctx
        .viewer
        .as_ref()
        .is_some_and(|v| v.principal.can_edit_event(&partner_ids));
    if p.value.state == PublicationState::Draft && !editable {
        return Err(AppError::NotFound);
    }
    let v = &p.value;
    let page_url = ctx.absolute(&format!("/projects/{}", v.slug));
    let absolute = |view: &PartyView| {
        let href = view.href.as_deref().unwrap_or_default();
        (ctx.absolute(href), view.name.clone())
    };
    let partner_urls: Vec<((String, LocalizedText), PartnerRole)> = partners
        .iter()
        .map(|(view, role)| (absolute(view), *role))
        .collect();
    let network_urls: Vec<(String, LocalizedText)> = networks.iter().map(absolute).collect();
    let event_urls: Vec<(String, LocalizedText)> = timeline
        .iter()
        .filter_map(|e| e.link.as_ref())
        .filter(|l| l.kind_message == "project-link-event")
        .map(|l| (ctx.absolute(&l.href), l.title.clone()))
        .collect();
    let partner_links: Vec<(jsonld::Link<'_>, PartnerRole)> = partner_urls
        .iter()
        .map(|((url, name), r)| (jsonld::Link { url, name }, *r))
        .collect();
    let network_links = links(&network_urls);
    let event_links = links(&event_urls);
    let ld = jsonld::projects::project(
        v,
        &ProjectContext {
            url: &page_url,
            partners: &partner_links,
            networks: &network_links,
            events: &event_links,
        },
    );
    let head = Head::new(ctx.pick(&v.title).text.to_owned())
        .shareable()
        .describe(ctx.pick(&v.description).text)
        .alternate(
            "application/json",
            format!("/api/v1/projects/{}", v.slug),
            ctx.t("format-json"),
        )
        .jsonld(&ld);
    let partners = partners
        .into_iter()
        .map(|(party, role)| PartnerView {
            party,
            role_message: format!("project-role-{}", role.code()),
        })
        .collect();
    render(&ProjectPage {
        ctx,
        head,
        p,
        timeline,
        partners,
        networks,
        editable,
    })
}
