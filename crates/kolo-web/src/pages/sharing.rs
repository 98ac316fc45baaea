//! Getting the word out: plain share links (no third-party scripts), embeddable widgets for an
//! institution's or network's own website (an iframe page and a script-free HTML fragment,
//! offered ready to paste on a staff page), and oEmbed for the pages people link to.

use super::{Head, PageCtx, page_template, render};
use crate::auth::Staff;
use crate::i18n::Tr;
use crate::{AppError, AppState};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use kolo_domain::{Event, LocalizedText};
use kolo_store::Record;
use kolo_store::repo::events::EventFilter;
use kolo_store::repo::posts::PostScope;
use kolo_store::repo::{institutions, networks};
use serde::Deserialize;

/// A share link: where it goes and what it says.
pub struct ShareLink {
    pub name: String,
    pub href: String,
}

fn encode(text: &str) -> String {
    // `+` means a space only in form encoding; mail clients and some sharers want `%20`.
    url::form_urlencoded::byte_serialize(text.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// Plain links to the share pages of the services the seeds' institutions use, and e-mail.
pub fn share_links(tr: &Tr, url: &str, title: &str) -> Vec<ShareLink> {
    let (u, t) = (encode(url), encode(title));
    let link = |name: &str, href: String| ShareLink {
        name: name.to_owned(),
        href,
    };
    vec![
        link(
            "Facebook",
            format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        ),
        link(
            "Telegram",
            format!("https://t.me/share/url?url={u}&text={t}"),
        ),
        link("X", format!("https://x.com/intent/post?url={u}&text={t}")),
        link("VK", format!("https://vk.com/share.php?url={u}&title={t}")),
        link("WhatsApp", format!("https://wa.me/?text={t}%20{u}")),
        link(
            "LinkedIn",
            format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        ),
        link(
            &tr.t("share-email"),
            format!("mailto:?subject={t}&body={u}"),
        ),
    ]
}

/// The public widgets and oEmbed, cached like every public page.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/widgets/{scope}/{slug}", get(widget_page))
        .route(
            "/widgets/{scope}/{slug}/fragment.html",
            get(widget_fragment),
        )
        .route("/oembed", get(oembed))
}

/// The staff page offering the widgets.
pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/institutions/{slug}/widgets",
            get(
                async |state: State<AppState>,
                       who: Staff,
                       ctx: PageCtx,
                       Path(slug): Path<String>| {
                    widget_help(state, who, ctx, "institutions", slug).await
                },
            ),
        )
        .route(
            "/networks/{slug}/widgets",
            get(
                async |state: State<AppState>,
                       who: Staff,
                       ctx: PageCtx,
                       Path(slug): Path<String>| {
                    widget_help(state, who, ctx, "networks", slug).await
                },
            ),
        )
}

/// Whose news and events a widget shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    Institution,
    Network,
}

impl Scope {
    fn parse(path: &str) -> Result<Scope, AppError> {
        match path {
            "institutions" => Ok(Scope::Institution),
            "networks" => Ok(Scope::Network),
            _ => Err(AppError::NotFound),
        }
    }

    fn path(self) -> &'static str {
        match self {
            Scope::Institution => "institutions",
            Scope::Network => "networks",
        }
    }
}

/// The upcoming events shown in a widget.
const WIDGET_EVENTS: i64 = 5;

/// What a widget shows, with absolute links (it lives on another site).
pub struct Widget {
    pub name: LocalizedText,
    /// Absolute address of the institution's or network's page.
    pub page: String,
    pub upcoming: Vec<Record<Event>>,
    pub latest_posts: Vec<Record<kolo_domain::Post>>,
}

async fn load_widget(
    state: &AppState,
    ctx: &PageCtx,
    scope: &str,
    slug: String,
) -> Result<(i64, Widget), AppError> {
    let scope = Scope::parse(scope)?;
    let page = ctx.absolute(&format!("/{}/{slug}", scope.path()));
    let (id, name, upcoming, latest_posts) = state
        .store
        .read(move |c| {
            let (id, name, filter, posts) = match scope {
                Scope::Institution => {
                    let r = institutions::get_by_slug(c, &slug)?;
                    let filter = EventFilter {
                        institution_id: Some(r.id),
                        ..Default::default()
                    };
                    (r.id, r.value.name, filter, PostScope::Institution(r.id))
                }
                Scope::Network => {
                    let r = networks::get_by_slug(c, &slug)?;
                    let filter = EventFilter {
                        network_id: Some(r.id),
                        ..Default::default()
                    };
                    (r.id, r.value.name, filter, PostScope::Network(r.id))
                }
            };
            let (upcoming, _) = super::events::upcoming_and_past(c, filter, WIDGET_EVENTS)?;
            Ok((id, name, upcoming, super::posts::latest(c, posts)?))
        })
        .await?;
    Ok((
        id,
        Widget {
            name,
            page,
            upcoming,
            latest_posts,
        },
    ))
}

page_template!(WidgetPage, "widget.html" { widget: Widget });
/// The fragment has no page around it, hence no `<head>`.
#[derive(askama::Template)]
#[template(path = "widget_fragment.html")]
struct WidgetFragment {
    ctx: PageCtx,
    widget: Widget,
}

/// Widgets are meant to be framed by any site, so they carry their own policy: framing allowed,
/// nothing to run, links open in the top window.
fn embeddable(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' https: data:; frame-ancestors *; base-uri 'none'; form-action 'none'",
        ),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    res
}

async fn widget_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((scope, slug)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (_, widget) = load_widget(&state, &ctx, &scope, slug).await?;
    let head = Head::new(ctx.pick(&widget.name).text.to_owned());
    Ok(embeddable(render(&WidgetPage { ctx, head, widget })?))
}

async fn widget_fragment(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((scope, slug)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (_, widget) = load_widget(&state, &ctx, &scope, slug).await?;
    let html = WidgetFragment { ctx, widget }.render()?;
    Ok(embeddable(axum::response::Html(html).into_response()))
}

page_template!(WidgetHelpPage, "staff_widgets.html" {
    name: String,
    iframe: String,
    fragment: String,
    fragment_url: String,
    feeds: Vec<(String, String)>,
});

/// Width and height the iframe snippet asks for; sites may change them.
const IFRAME_SIZE: (u32, u32) = (400, 480);

fn iframe_snippet(src: &str, title: &str, (width, height): (u32, u32)) -> String {
    let title = askama::filters::escape(title, askama::filters::Html)
        .map(|t| t.to_string())
        .unwrap_or_default();
    format!(
        r#"<iframe src="{src}" title="{title}" width="{width}" height="{height}" style="border:0" loading="lazy"></iframe>"#
    )
}

/// The staff page: the iframe snippet and the fragment as they are now, ready to copy.
async fn widget_help(
    State(state): State<AppState>,
    Staff(signed_in): Staff,
    ctx: PageCtx,
    scope: &'static str,
    slug: String,
) -> Result<Response, AppError> {
    let (id, widget) = load_widget(&state, &ctx, scope, slug.clone()).await?;
    let scope = Scope::parse(scope)?;
    let allowed = match scope {
        Scope::Institution => signed_in.principal.can_edit_institution(id),
        Scope::Network => signed_in.principal.can_edit_network(id),
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    let base = format!("/widgets/{}/{slug}", scope.path());
    let lang = ctx.lang.code();
    let name = ctx.pick(&widget.name).text.to_owned();
    let iframe = iframe_snippet(
        &ctx.absolute(&format!("{base}?lang={lang}")),
        &name,
        IFRAME_SIZE,
    );
    let fragment_url = ctx.absolute(&format!("{base}/fragment.html?lang={lang}"));
    let fragment = WidgetFragment {
        ctx: ctx.clone(),
        widget,
    }
    .render()?;
    let feeds = [
        ("feed-title", "feed.atom"),
        ("news-title", "news.atom"),
        ("events-title", "events.atom"),
        ("format-ical", "events.ics"),
    ]
    .into_iter()
    .map(|(label, file)| {
        let href = ctx.absolute(&format!("/{}/{slug}/{file}", scope.path()));
        (ctx.t(label), href)
    })
    .collect();
    let head = Head::new(ctx.t("widgets-title"));
    render(&WidgetHelpPage {
        ctx,
        head,
        name,
        iframe,
        fragment,
        fragment_url,
        feeds,
    })
}

#[derive(Deserialize)]
struct OembedQuery {
    url: Option<String>,
    format: Option<String>,
    maxwidth: Option<u32>,
    maxheight: Option<u32>,
}

/// oEmbed 1.0: institution and network pages embed as their widget (`rich`); other pages
/// answer as a `link` with their title, so editors and chat apps show a card.
async fn oembed(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<OembedQuery>,
) -> Result<Response, AppError> {
    if q.format.as_deref().is_some_and(|f| f != "json") {
        // The spec's answer for a format the provider does not offer.
        return Ok(axum::http::StatusCode::NOT_IMPLEMENTED.into_response());
    }
    let url = q
        .url
        .ok_or_else(|| AppError::BadRequest("url: required".into()))?;
    let path = url
        .strip_prefix(ctx.public_url.as_str())
        .and_then(|p| url::Url::parse(&format!("http://x{p}")).ok())
        .map(|u| u.path().to_owned())
        .ok_or(AppError::NotFound)?;
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let mut answer = serde_json::json!({
        "version": "1.0",
        "provider_name": ctx.t("site-name"),
        "provider_url": ctx.absolute("/"),
        "cache_age": 3600,
    });
    match parts.as_slice() {
        [scope @ ("institutions" | "networks"), slug] => {
            let (_, w) = load_widget(&state, &ctx, scope, (*slug).to_owned()).await?;
            let name = ctx.pick(&w.name).text.to_owned();
            let width = q.maxwidth.map_or(IFRAME_SIZE.0, |m| m.min(IFRAME_SIZE.0));
            let height = q.maxheight.map_or(IFRAME_SIZE.1, |m| m.min(IFRAME_SIZE.1));
            let src = ctx.absolute(&format!("/widgets/{scope}/{slug}?lang={}", ctx.lang.code()));
            let html = iframe_snippet(&src, &name, (width, height));
            answer["type"] = "rich".into();
            answer["title"] = name.into();
            answer["html"] = html.into();
            answer["width"] = width.into();
            answer["height"] = height.into();
        }
        [kind, key] => {
            let (title, image) = linked_record(&state, kind, key).await?;
            answer["type"] = "link".into();
            answer["title"] = ctx.pick(&title).text.into();
            if let Some(path) = image {
                answer["thumbnail_url"] = ctx.absolute(&path).into();
            }
        }
        _ => return Err(AppError::NotFound),
    }
    Ok((
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        answer.to_string(),
    )
        .into_response())
}

/// The title of the public record a page shows (`/events/{slug}`...) and the address of its
/// first image as a card picture.
async fn linked_record(
    state: &AppState,
    kind: &str,
    key: &str,
) -> Result<(LocalizedText, Option<String>), AppError> {
    use kolo_domain::PublicationState::Published;
    use kolo_store::repo::{events, exhibitions, objects, posts, projects, stories};
    let (kind, key) = (kind.to_owned(), key.to_owned());
    Ok(state
        .store
        .read(move |c| {
            let (title, image) = match kind.as_str() {
                "events" => (events::get_by_slug(c, &key)?.value.title, None),
                "exhibitions" => {
                    let e = exhibitions::get_by_slug(c, &key)?.value;
                    (e.state == Published)
                        .then(|| (e.title, e.images.first().map(|i| i.media.clone())))
                        .ok_or(kolo_store::StoreError::NotFound)?
                }
                "stories" => {
                    let s = stories::get_by_slug(c, &key)?.value;
                    (s.state == Published)
                        .then_some((s.title, None))
                        .ok_or(kolo_store::StoreError::NotFound)?
                }
                "news" => {
                    let p = posts::get_by_slug(c, &key)?.value;
                    p.is_public_at(chrono::Utc::now())
                        .then(|| (p.title, p.images.first().map(|i| i.media.clone())))
                        .ok_or(kolo_store::StoreError::NotFound)?
                }
                "projects" => {
                    let p = projects::get_by_slug(c, &key)?.value;
                    (p.state == Published)
                        .then_some((p.title, None))
                        .ok_or(kolo_store::StoreError::NotFound)?
                }
                "objects" => {
                    let id = key.parse().map_err(|_| kolo_store::StoreError::NotFound)?;
                    let o = objects::get(c, id)?.value;
                    (o.state == Published)
                        .then(|| (o.title, o.images.first().map(|i| i.media.clone())))
                        .ok_or(kolo_store::StoreError::NotFound)?
                }
                _ => return Err(kolo_store::StoreError::NotFound),
            };
            let picture = match image {
                Some(id) => Some(crate::iiif::Pictures::load(c, [&id])?.card(&id)),
                None => None,
            };
            Ok((title, picture))
        })
        .await?)
}
