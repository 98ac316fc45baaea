//! Atom feeds: what is new or changed, for the whole platform, an institution or a network,
//! in the language the reader asks for (`?lang=`). Every feed parses with `feedparser`.

use super::PageCtx;
use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use kolo_domain::LocalizedText;
use kolo_interop::atom::{self, FeedEntry};
use kolo_store::repo::events::{self, EventFilter};
use kolo_store::repo::{institutions, networks};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/events.atom",
            get(async |state: State<AppState>, ctx: PageCtx| {
                feed(state, ctx, Whose::Everyone).await
            }),
        )
        .route(
            "/institutions/{slug}/events.atom",
            get(
                async |state: State<AppState>, ctx: PageCtx, Path(slug): Path<String>| {
                    feed(state, ctx, Whose::Institution(slug)).await
                },
            ),
        )
        .route(
            "/networks/{slug}/events.atom",
            get(
                async |state: State<AppState>, ctx: PageCtx, Path(slug): Path<String>| {
                    feed(state, ctx, Whose::Network(slug)).await
                },
            ),
        )
}

/// Whose records a feed follows.
enum Whose {
    Everyone,
    Institution(String),
    Network(String),
}

impl Whose {
    /// The page the feed mirrors.
    fn page(&self) -> String {
        match self {
            Whose::Everyone => "/events".to_owned(),
            Whose::Institution(slug) => format!("/institutions/{slug}"),
            Whose::Network(slug) => format!("/networks/{slug}"),
        }
    }
}

/// Entries one feed carries: readers poll, so the latest are enough.
const ENTRIES: i64 = 50;

/// `Whose` resolved: the event filter, and the name feed titles carry (none for everyone).
async fn resolve(
    state: &AppState,
    whose: &Whose,
) -> Result<(EventFilter, Option<LocalizedText>), AppError> {
    let (filter, name) = match whose {
        Whose::Everyone => (EventFilter::default(), None),
        Whose::Institution(slug) => {
            let slug = slug.clone();
            let r = state
                .store
                .read(move |c| institutions::get_by_slug(c, &slug))
                .await?;
            let filter = EventFilter {
                institution_id: Some(r.id),
                ..Default::default()
            };
            (filter, Some(r.value.name))
        }
        Whose::Network(slug) => {
            let slug = slug.clone();
            let r = state
                .store
                .read(move |c| networks::get_by_slug(c, &slug))
                .await?;
            let filter = EventFilter {
                network_id: Some(r.id),
                ..Default::default()
            };
            (filter, Some(r.value.name))
        }
    };
    Ok((filter, name))
}

/// New and changed events as an Atom feed, titles and summaries in the page language.
async fn feed(
    State(state): State<AppState>,
    ctx: PageCtx,
    whose: Whose,
) -> Result<Response, AppError> {
    let (filter, name) = resolve(&state, &whose).await?;
    let recent = state
        .store
        .read(move |c| events::recently_changed(c, &filter, ENTRIES))
        .await?;
    let entries: Vec<FeedEntry> = recent
        .iter()
        .map(|r| {
            let title = ctx.pick(&r.value.title);
            let summary = ctx.pick(if r.value.summary.is_empty() {
                &r.value.description
            } else {
                &r.value.summary
            });
            let url = ctx.absolute(&format!("/events/{}", r.value.slug));
            FeedEntry {
                id: url.clone(),
                title: format!(
                    "{} ({})",
                    title.text,
                    super::events::span(r.value.starts_at, r.value.ends_at)
                ),
                lang: Some(title.lang.unwrap_or(ctx.lang.code()).to_owned()),
                summary: (!summary.text.is_empty()).then(|| summary.text.to_owned()),
                updated: r.updated_at.and_utc(),
                url,
            }
        })
        .collect();
    let heading = ctx.t("events-title");
    let title = match &name {
        Some(name) => format!("{heading} · {}", ctx.pick(name).text),
        None => heading,
    };
    let xml = atom::feed(
        &title,
        &ctx.absolute(&ctx.path),
        &ctx.absolute(&whose.page()),
        &entries,
    );
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response())
}
