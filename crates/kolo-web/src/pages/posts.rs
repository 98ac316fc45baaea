//! News and publications: the list at `/news` (by kind, institution and network, paginated),
//! a post's page (Markdown body rendered and sanitised, images, linked records resolved by
//! slug, schema.org JSON-LD, other events), and the latest-posts blocks of the home,
//! institution and network pages.
//!
//! The public sees a post once it is published and its time has come; its institution's staff
//! also see drafts and scheduled posts (their pages are never cached: the page cache serves
//! anonymous visitors only).

use super::{Head, PageCtx, Pager, page_template, render};
use crate::iiif::Pictures;
use crate::markdown;
use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use kolo_domain::{LocalizedText, ObjectRef, Post, PostKind, PostLink};
use kolo_interop::jsonld;
use kolo_interop::jsonld::posts::PostContext;
use kolo_store::repo::posts::{self, PostFilter, PostScope};
use kolo_store::repo::{events, exhibitions, files, institutions, networks, objects, projects};
use kolo_store::{DbConnection, PageRequest, Record, StoreError};
use serde::Deserialize;

pub fn post_routes() -> Router<AppState> {
    Router::new()
        .route("/news", get(list))
        .route("/news/{slug}", get(page))
}

/// How many posts the latest-posts blocks show.
pub const BLOCK_SIZE: i64 = 5;

/// Characters of a summary derived from the body.
const SUMMARY_CHARS: usize = 280;

/// The latest published posts in `scope`, for a page's block.
pub fn latest(c: &mut DbConnection, scope: PostScope) -> Result<Vec<Record<Post>>, StoreError> {
    posts::latest(c, scope, BLOCK_SIZE)
}

/// The post's summary, or one derived from its body, in each language it has.
pub fn summary_of(p: &Post) -> LocalizedText {
    if !p.summary.is_empty() {
        return p.summary.clone();
    }
    let mut derived = LocalizedText::new();
    for (lang, body) in p.body.iter() {
        derived.set(lang.clone(), markdown::summary(body, SUMMARY_CHARS));
    }
    derived
}

/// A card's summary in the page's language.
pub fn card_summary(ctx: &PageCtx, p: &Post) -> String {
    ctx.pick(&summary_of(p)).text.to_owned()
}

pub fn kind_name(ctx: &PageCtx, kind: &PostKind) -> String {
    ctx.t(&format!("post-kind-{}", kind.code()))
}

/// The day a post appeared (or is to appear), `dd.mm.yyyy`.
pub fn post_date(p: &Post) -> String {
    p.publish_at
        .map(|at| super::events::date(at.date_naive()))
        .unwrap_or_default()
}

#[derive(Deserialize, Default)]
struct ListQuery {
    kind: Option<String>,
    institution: Option<String>,
    network: Option<String>,
    page: Option<String>,
}

const PER_PAGE: i64 = 20;

fn blank(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

page_template!(NewsPage, "news.html" {
    posts: Vec<Record<Post>>,
    pager: Pager,
    // (code, label, selected)
    kind_options: Vec<(&'static str, String, bool)>,
    // (slug, name, selected)
    institution_options: Vec<(String, String, bool)>,
    network_options: Vec<(String, String, bool)>,
});

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let kind = match blank(q.kind) {
        Some(k) => Some(
            PostKind::from_code(&k)
                .ok_or_else(|| AppError::BadRequest(format!("kind: unknown value `{k}`")))?,
        ),
        None => None,
    };
    let page: i64 = match blank(q.page) {
        Some(p) => p
            .parse()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| AppError::BadRequest(format!("page: `{p}` is not a page number")))?,
        None => 1,
    };
    let institution = blank(q.institution);
    let network = blank(q.network);
    let (wanted, wanted_network) = (institution.clone(), network.clone());
    let (found, all_institutions, all_networks) = state
        .store
        .read(move |c| {
            let network_id = match &wanted_network {
                Some(slug) => match networks::get_by_slug(c, slug) {
                    Ok(r) => Some(r.id),
                    Err(StoreError::NotFound) => {
                        return Ok(Err(format!("network: no network `{slug}`")));
                    }
                    Err(e) => return Err(e),
                },
                None => None,
            };
            let institution_id = match &wanted {
                Some(slug) => match institutions::get_by_slug(c, slug) {
                    Ok(r) => Some(r.id),
                    Err(StoreError::NotFound) => {
                        return Ok(Err(format!("institution: no institution `{slug}`")));
                    }
                    Err(e) => return Err(e),
                },
                None => None,
            };
            // An institution and a network: that institution's posts if it is a member.
            let scope = match (institution_id, network_id) {
                (Some(i), Some(n)) if !institutions::network_ids(c, i)?.contains(&n) => None,
                (Some(i), _) => Some(PostScope::Institution(i)),
                (None, Some(n)) => Some(PostScope::Network(n)),
                (None, None) => Some(PostScope::All),
            };
            let found = match scope {
                Some(scope) => {
                    let filter = PostFilter {
                        kind,
                        scope,
                        include_unpublished: false,
                    };
                    let request = PageRequest::new((page - 1) * PER_PAGE, PER_PAGE);
                    posts::list(c, &filter, request)?
                }
                None => kolo_store::Page {
                    items: Vec::new(),
                    total: 0,
                },
            };
            let all = institutions::list(c, &Default::default(), PageRequest::new(0, 200))?;
            let all_networks = networks::list(c, PageRequest::new(0, PageRequest::MAX_LIMIT))?;
            Ok(Ok((found, all.items, all_networks.items)))
        })
        .await?
        .map_err(AppError::BadRequest)?;
    let pages = ((found.total + PER_PAGE - 1) / PER_PAGE).max(1);
    let page_href = |p: i64| {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        s.extend_pairs(
            ctx.query
                .iter()
                .filter(|(k, _)| k != "page")
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
        s.append_pair("page", &p.to_string());
        format!("/news?{}", s.finish())
    };
    let pager = Pager::new(&ctx.tr, page, pages, page_href);
    let kind_options = PostKind::ALL
        .iter()
        .map(|k| (k.code(), kind_name(&ctx, k), Some(*k) == kind))
        .collect();
    let institution_options = all_institutions
        .iter()
        .map(|i| {
            let slug = i.value.slug.to_string();
            let selected = Some(&slug) == institution.as_ref();
            (slug, ctx.pick(&i.value.name).text.to_owned(), selected)
        })
        .collect();
    let network_options = super::network_choices(&ctx, &all_networks, network.as_deref());
    let head = Head::new(ctx.t("news-title")).alternate(
        "application/json",
        "/api/v1/posts".into(),
        ctx.t("format-json"),
    );
    render(&NewsPage {
        ctx,
        head,
        posts: found.items,
        pager,
        kind_options,
        institution_options,
        network_options,
    })
}

/// A record a post links to, as the page shows it: a link when it is in Kolo, else its slug.
pub struct LinkView {
    pub kind: &'static str,
    pub name: LocalizedText,
    pub href: Option<String>,
}

/// A record not in Kolo (or not public), named by its slug: "zxx", no language ("und" is
/// not a tag `LangTag` accepts).
fn named(text: &str) -> LocalizedText {
    LocalizedText::new().with("zxx", text)
}

fn link_view(c: &mut DbConnection, link: &PostLink) -> Result<LinkView, StoreError> {
    fn found<T>(r: Result<T, StoreError>) -> Result<Option<T>, StoreError> {
        match r {
            Ok(v) => Ok(Some(v)),
            Err(StoreError::NotFound) => Ok(None),
            Err(e) => Err(e),
        }
    }
    Ok(match link {
        PostLink::Institution { slug } => {
            let r = found(institutions::get_by_slug(c, slug.as_str()))?;
            LinkView {
                kind: "institution",
                href: r.as_ref().map(|_| format!("/institutions/{slug}")),
                name: r.map_or_else(|| named(slug.as_str()), |r| r.value.name),
            }
        }
        PostLink::Event { slug } => {
            let r = found(events::get_by_slug(c, slug.as_str()))?;
            LinkView {
                kind: "event",
                href: r.as_ref().map(|_| format!("/events/{slug}")),
                name: r.map_or_else(|| named(slug.as_str()), |r| r.value.title),
            }
        }
        PostLink::Exhibition { slug } => {
            let r = found(exhibitions::get_by_slug(c, slug.as_str()))?
                .filter(|r| r.value.state == kolo_domain::PublicationState::Published);
            LinkView {
                kind: "exhibition",
                href: r.as_ref().map(|_| format!("/exhibitions/{slug}")),
                name: r.map_or_else(|| named(slug.as_str()), |r| r.value.title),
            }
        }
        PostLink::Project { slug } => {
            let r = found(projects::get_by_slug(c, slug.as_str()))?
                .filter(|r| r.value.state == kolo_domain::PublicationState::Published);
            LinkView {
                kind: "project",
                href: r.as_ref().map(|_| format!("/projects/{slug}")),
                name: r.map_or_else(|| named(slug.as_str()), |r| r.value.title),
            }
        }
        PostLink::Object {
            institution,
            inventory_number,
        } => {
            let object = ObjectRef {
                institution: institution.clone(),
                inventory_number: inventory_number.clone(),
            };
            let r = objects::find_by_ref(c, &object)?
                .filter(|r| r.value.state == kolo_domain::PublicationState::Published);
            LinkView {
                kind: "object",
                href: r.as_ref().map(|r| format!("/objects/{}", r.id)),
                name: r.map_or_else(|| named(inventory_number.as_str()), |r| r.value.title),
            }
        }
    })
}

/// An attached file as a post's page lists it.
pub struct AttachmentView {
    pub href: String,
    /// Its title in the page's language, else its file name.
    pub name: String,
    pub name_lang: Option<String>,
    pub format: String,
    pub size: String,
}

page_template!(PostPage, "post.html" {
    post: Record<Post>,
    body_html: String,
    attachments: Vec<AttachmentView>,
    institution: (String, LocalizedText),
    links: Vec<LinkView>,
    pictures: Pictures,
    other_events: super::events::OtherEvents,
    editable: bool,
});

async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (post, owner, links, (pictures, described, other_events)) = state
        .store
        .read(move |c| {
            let post = posts::get_by_slug(c, &slug)?;
            let owner = institutions::get_by_slug(c, post.value.institution.as_str())?;
            let links = post
                .value
                .links
                .iter()
                .map(|l| link_view(c, l))
                .collect::<Result<Vec<_>, _>>()?;
            let pictures = Pictures::load(c, post.value.images.iter().map(|i| &i.media))?;
            let ids: Vec<_> = post.value.attachments.iter().map(|a| &a.file).collect();
            let described = files::describe(c, &ids)?;
            let others = super::events::other_events(
                c,
                &[owner.id],
                Some(&owner.value.slug),
                Vec::new(),
                None,
            )?;
            Ok((post, owner, links, (pictures, described, others)))
        })
        .await?;
    let editable = ctx.can_edit_institution(&owner.id);
    if !post.value.is_public_at(chrono::Utc::now()) && !editable {
        return Err(AppError::NotFound);
    }
    let p = &post.value;
    let body = ctx.pick(&p.body);
    let body_html = markdown::to_html(body.text);
    let page_url = ctx.absolute(&format!("/news/{}", p.slug));
    let owner_url = ctx.absolute(&format!("/institutions/{}", owner.value.slug));
    let mut body_text = LocalizedText::new();
    for (lang, text) in p.body.iter() {
        body_text.set(lang.clone(), markdown::to_plain(text));
    }
    let summary = summary_of(p);
    let images: Vec<String> = p
        .images
        .iter()
        .map(|i| ctx.absolute(&pictures.preview(&i.media)))
        .collect();
    let mut attachments = Vec::new();
    let mut ld_files = Vec::new();
    for a in &p.attachments {
        let Some(f) = described.get(&a.file) else {
            continue;
        };
        let href = crate::files::download_path(&a.file);
        let title = ctx.pick(&a.title);
        let (name, name_lang) = if title.text.is_empty() {
            (f.original_filename.clone(), None)
        } else {
            (title.text.to_owned(), title.lang.map(str::to_owned))
        };
        ld_files.push(jsonld::posts::FileLink {
            url: ctx.absolute(&href),
            name: name.clone(),
            mime: f.mime.clone(),
            bytes: f.bytes,
        });
        attachments.push(AttachmentView {
            href,
            name,
            name_lang,
            format: crate::files::format_label(f),
            size: crate::files::human_size(&ctx.tr, f.bytes),
        });
    }
    let ld = jsonld::posts::post(
        p,
        &PostContext {
            url: &page_url,
            publisher: jsonld::Link {
                url: &owner_url,
                name: &owner.value.name,
            },
            body_text: &body_text,
            summary: &summary,
            images: &images,
            files: &ld_files,
        },
    );
    let title = ctx.pick(&p.title).text.to_owned();
    let head = Head::new(title.clone())
        .image(images.first().cloned(), &title)
        .shareable()
        .describe(ctx.pick(&summary).text)
        .alternate(
            "application/json",
            format!("/api/v1/posts/{}", p.slug),
            ctx.t("format-json"),
        )
        .jsonld(&ld);
    let head = Head {
        og_type: "article",
        ..head
    };
    let institution = (owner.value.slug.to_string(), owner.value.name);
    render(&PostPage {
        ctx,
        head,
        post,
        body_html,
        attachments,
        institution,
        links,
        pictures,
        other_events,
        editable,
    })
}

/// How often the server looks for scheduled posts whose time has come.
const SCHEDULE_TICK: std::time::Duration = std::time::Duration::from_secs(2);

/// Publishes due scheduled posts now (at start) and every [`SCHEDULE_TICK`], so a post
/// appears on time whether or not the server was running when its time came. Each is written
/// with its audit entry, which the search index and other processes' caches follow.
pub async fn publish_scheduled(state: AppState) {
    let mut tick = tokio::time::interval(SCHEDULE_TICK);
    loop {
        tick.tick().await;
        match state.store.write(posts::publish_due).await {
            Ok(ids) if !ids.is_empty() => {
                tracing::info!(count = ids.len(), "published scheduled posts");
                state.cache.invalidate();
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "cannot publish scheduled posts"),
        }
    }
}
