//! What an event leaves behind, for the public: the changelog of its programme versions and
//! its documents (resolutions with their recommendations, reports), each with its history.

use super::events::date;
use super::{Head, PageCtx, page_template, render};
use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use kolo_domain::programme::ItemPart;
use kolo_domain::{Event, EventDocument, LocalizedText};
use kolo_interop::jsonld;
use kolo_store::Record;
use kolo_store::repo::documents::{self, Revision};
use kolo_store::repo::events::{self, ProgrammeVersion};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/events/{slug}/programme/changes", get(changes))
        .route("/events/{slug}/documents/{key}", get(document))
}

/// What the changelog and the staff programme page share: a version's heading and its parts'
/// names in the page language.
pub trait VersionText {
    fn ctx(&self) -> &PageCtx;

    fn version_title(&self, v: &ProgrammeVersion) -> String {
        self.ctx().tr.args(
            "programme-version-title",
            &[
                ("name", v.name.clone().into()),
                ("date", date(v.published_at.date()).into()),
            ],
        )
    }

    fn parts(&self, parts: &[ItemPart]) -> String {
        parts
            .iter()
            .map(|p| self.ctx().t(&format!("item-part-{}", p.code())))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

page_template!(ChangesPage, "programme_changes.html" {
    event: Record<Event>,
    heading: String,
    versions: Vec<ProgrammeVersion>,
});

impl VersionText for ChangesPage {
    fn ctx(&self) -> &PageCtx {
        &self.ctx
    }
}

/// Every published version of the programme, newest first, with what each changed.
async fn changes(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (event, versions) = state
        .store
        .read(move |c| {
            let event = events::get_by_slug(c, &slug)?;
            let versions = events::programme_versions(c, event.id)?;
            Ok((event, versions))
        })
        .await?;
    let title = ctx.pick(&event.value.title).text.to_owned();
    let heading = ctx
        .tr
        .args("programme-changes-title", &[("name", title.into())]);
    let head = Head::new(heading.clone()).alternate(
        "application/json",
        format!("/api/v1/events/{}/programme/versions", event.value.slug),
        ctx.t("format-json"),
    );
    render(&ChangesPage {
        ctx,
        head,
        event,
        heading,
        versions,
    })
}

/// A revision as the document page lists it.
pub struct RevisionView {
    pub number: i64,
    pub saved_at: String,
    /// `saved_at` for `<time datetime>`.
    pub saved_iso: String,
    pub status: &'static str,
    /// Its status differs from the revision before.
    pub status_changed: bool,
}

/// Revisions (newest first) as the page shows them.
pub fn revision_views(revisions: &[Revision]) -> Vec<RevisionView> {
    revisions
        .iter()
        .enumerate()
        .map(|(i, r)| RevisionView {
            number: r.number,
            saved_at: super::staff::utc(&r.saved_at),
            saved_iso: super::staff::iso(&r.saved_at),
            status: r.status.code(),
            status_changed: revisions
                .get(i + 1)
                .is_some_and(|older| older.status != r.status),
        })
        .collect()
}

page_template!(DocumentPage, "event_document.html" {
    event: Record<Event>,
    doc: Record<EventDocument>,
    groups: Vec<(LocalizedText, Vec<LocalizedText>)>,
    revisions: Vec<RevisionView>,
});

impl DocumentPage {
    pub fn adopted(&self) -> Option<String> {
        self.doc.value.adopted_on.map(date)
    }
}

async fn document(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((slug, key)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (event, doc, revisions) = state
        .store
        .read(move |c| {
            let event = events::get_by_slug(c, &slug)?;
            let doc = documents::get(c, event.id, &key)?;
            let revisions = documents::revisions(c, doc.id)?;
            Ok((event, doc, revisions))
        })
        .await?;
    let d = &doc.value;
    let path = format!("/events/{}/documents/{}", event.value.slug, d.key);
    let event_url = ctx.absolute(&format!("/events/{}", event.value.slug));
    let ld = jsonld::document(
        d,
        &ctx.absolute(&path),
        jsonld::Link {
            url: &event_url,
            name: &event.value.title,
        },
    );
    let head = Head::new(ctx.pick(&d.title).text.to_owned())
        .describe(ctx.pick(&d.summary).text)
        .alternate(
            "application/json",
            format!("/api/v1{path}"),
            ctx.t("format-json"),
        )
        .jsonld(&ld);
    let groups = d
        .recommendations_by_addressee()
        .into_iter()
        .map(|(a, texts)| (a.clone(), texts.into_iter().cloned().collect()))
        .collect();
    let revisions = revision_views(&revisions);
    render(&DocumentPage {
        ctx,
        head,
        event,
        doc,
        groups,
        revisions,
    })
}
