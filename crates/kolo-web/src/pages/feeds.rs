//! Atom feeds: what is new or changed, for the whole platform, an institution, a network or a
//! project, in the language the reader asks for (`?lang=`): news, events, or both in one feed.
//! Every feed parses with `feedparser`.

use super::PageCtx;
use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use kolo_domain::{LocalizedText, PublicationState};
use kolo_interop::atom::{self, FeedEntry};
use kolo_store::repo::events::{self, EventFilter};
use kolo_store::repo::posts::{self, PostScope};
use kolo_store::repo::{institutions, networks, projects};

/// What a feed carries.
#[derive(Clone, Copy)]
enum Content {
    News,
    Events,
    Both,
}

/// The feed files of every scope, and what each carries.
const FILES: [(&str, Content); 3] = [
    ("news.atom", Content::News),
    ("events.atom", Content::Events),
    ("feed.atom", Content::Both),
];

pub fn routes() -> Router<AppState> {
    let mut router = Router::new().route(
        "/projects/{slug}/feed.atom",
        get(
            async |state: State<AppState>, ctx: PageCtx, Path(slug): Path<String>| {
                project_feed(state, ctx, slug).await
            },
        ),
    );
    for (file, content) in FILES {
        router = router
            .route(
                &format!("/{file}"),
                get(move |state: State<AppState>, ctx: PageCtx| async move {
                    feed(state, ctx, Whose::Everyone, content).await
                }),
            )
            .route(
                &format!("/institutions/{{slug}}/{file}"),
                get(
                    move |state: State<AppState>, ctx: PageCtx, Path(slug): Path<String>| async move {
                        feed(state, ctx, Whose::Institution(slug), content).await
                    },
                ),
            )
            .route(
                &format!("/networks/{{slug}}/{file}"),
                get(
                    move |state: State<AppState>, ctx: PageCtx, Path(slug): Path<String>| async move {
                        feed(state, ctx, Whose::Network(slug), content).await
                    },
                ),
            );
    }
    router
}

/// Whose records a feed follows.
enum Whose {
    Everyone,
    Institution(String),
    Network(String),
}

/// Entries one feed carries: readers poll, so the latest are enough.
const ENTRIES: i64 = 50;

/// `Whose` resolved: the filters, the page the feed mirrors, and the name feed titles carry
/// (none for everyone).
async fn resolve(
    state: &AppState,
    whose: Whose,
) -> Result<(EventFilter, PostScope, String, Option<LocalizedText>), AppError> {
    Ok(match whose {
        Whose::Everyone => (EventFilter::default(), PostScope::All, "/".to_owned(), None),
        Whose::Institution(slug) => {
            let r = state
                .store
                .read(move |c| institutions::get_by_slug(c, &slug))
                .await?;
            let filter = EventFilter {
                institution_id: Some(r.id),
                ..Default::default()
            };
            let page = format!("/institutions/{}", r.value.slug);
            (
                filter,
                PostScope::Institution(r.id),
                page,
                Some(r.value.name),
            )
        }
        Whose::Network(slug) => {
            let r = state
                .store
                .read(move |c| networks::get_by_slug(c, &slug))
                .await?;
            let filter = EventFilter {
                network_id: Some(r.id),
                ..Default::default()
            };
            let page = format!("/networks/{}", r.value.slug);
            (filter, PostScope::Network(r.id), page, Some(r.value.name))
        }
    })
}

/// The feed document, titled "{heading} · {name}".
fn atom_response(
    ctx: &PageCtx,
    heading: String,
    name: Option<&LocalizedText>,
    page: &str,
    mut entries: Vec<FeedEntry>,
) -> Response {
    entries.sort_by_key(|e| std::cmp::Reverse(e.updated));
    entries.truncate(ENTRIES as usize);
    let title = match name {
        Some(name) => format!("{heading} · {}", ctx.pick(name).text),
        None => heading,
    };
    let xml = atom::feed(
        &title,
        &ctx.absolute(&ctx.path),
        &ctx.absolute(page),
        &entries,
    );
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response()
}

/// An entry whose title and summary are picked for the reader's language.
fn entry(
    ctx: &PageCtx,
    path: &str,
    title: &LocalizedText,
    title_suffix: String,
    summary: &LocalizedText,
    updated: chrono::DateTime<chrono::Utc>,
) -> FeedEntry {
    let shown = ctx.pick(title);
    let summary = ctx.pick(summary).text;
    let url = ctx.absolute(path);
    FeedEntry {
        id: url.clone(),
        title: format!("{}{title_suffix}", shown.text),
        lang: Some(shown.lang.unwrap_or(ctx.lang.code()).to_owned()),
        summary: (!summary.is_empty()).then(|| summary.to_owned()),
        updated,
        url,
    }
}

async fn feed(
    State(state): State<AppState>,
    ctx: PageCtx,
    whose: Whose,
    content: Content,
) -> Result<Response, AppError> {
    let (filter, scope, page, name) = resolve(&state, whose).await?;
    let (with_news, with_events) = match content {
        Content::News => (true, false),
        Content::Events => (false, true),
        Content::Both => (true, true),
    };
    let (recent_events, recent_posts) = state
        .store
        .read(move |c| {
            let events = if with_events {
                events::recently_changed(c, &filter, ENTRIES)?
            } else {
                vec![]
            };
            let posts = if with_news {
                posts::latest(c, scope, ENTRIES)?
            } else {
                vec![]
            };
            Ok((events, posts))
        })
        .await?;
    let mut entries: Vec<FeedEntry> = recent_events
        .iter()
        .map(|r| {
            let e = &r.value;
            let when = super::events::span(e.starts_at, e.ends_at);
            let summary = if e.summary.is_empty() {
                &e.description
            } else {
                &e.summary
            };
            entry(
                &ctx,
                &format!("/events/{}", e.slug),
                &e.title,
                format!(" ({when})"),
                summary,
                r.updated_at.and_utc(),
            )
        })
        .collect();
    entries.extend(recent_posts.iter().map(|r| {
        let p = &r.value;
        entry(
            &ctx,
            &format!("/news/{}", p.slug),
            &p.title,
            String::new(),
            &super::posts::summary_of(p),
            p.publish_at.unwrap_or(r.updated_at.and_utc()),
        )
    }));
    let heading = ctx.t(match content {
        Content::News => "news-title",
        Content::Events => "events-title",
        Content::Both => "feed-title",
    });
    Ok(atom_response(&ctx, heading, name.as_ref(), &page, entries))
}

/// A project's timeline as a feed: each activity an entry, linking the record it names (or
/// the project page), newest first.
async fn project_feed(
    State(state): State<AppState>,
    ctx: PageCtx,
    slug: String,
) -> Result<Response, AppError> {
    let project = state
        .store
        .read(move |c| projects::get_by_slug(c, &slug))
        .await?;
    let p = &project.value;
    if p.state != PublicationState::Published {
        return Err(AppError::NotFound);
    }
    let page = format!("/projects/{}", p.slug);
    let updated = project.updated_at.and_utc();
    let entries = p
        .activities
        .iter()
        .enumerate()
        .map(|(n, a)| {
            let mut e = entry(
                &ctx,
                &page,
                &a.title,
                format!(" ({})", super::events::date(a.starts_on)),
                &a.description,
                // An activity is as new as the day it happens, never newer than the project.
                a.starts_on
                    .and_hms_opt(0, 0, 0)
                    .map_or(updated, |t| t.and_utc().min(updated)),
            );
            e.id = format!("{}#activity-{}-{n}", e.url, a.starts_on);
            e
        })
        .collect();
    let heading = ctx.t("project-timeline");
    Ok(atom_response(&ctx, heading, Some(&p.title), &page, entries))
}
