//! `robots.txt` and the sitemaps: an index, one file of the site's pages and records, and the
//! objects in files of [`sitemap::OBJECTS_PER_FILE`] ids each, every address with its versions
//! in the four interface languages.

use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::NaiveDateTime;
use kolo_domain::UiLang;
use kolo_interop::sitemap::{self as format, SitemapUrl};
use kolo_store::repo::sitemap::{self, PublicPage};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(index))
        .route("/sitemaps/{file}", get(file))
}

/// Lists and pages that are not a record's.
const SITE_PAGES: [&str; 10] = [
    "/",
    "/institutions",
    "/networks",
    "/events",
    "/events/calendar",
    "/exhibitions",
    "/stories",
    "/projects",
    "/news",
    "/objects",
];

/// Crawlers may read every public page; forms, sign-in and search results (endless
/// combinations of the same records) are left out.
async fn robots(State(state): State<AppState>) -> Response {
    let body = format!(
        "User-agent: *\n\
         Allow: /\n\
         Disallow: /search\n\
         Disallow: /login\n\
         Disallow: /account\n\
         Disallow: /admin\n\
         Disallow: /*/edit\n\
         Disallow: /*/new\n\
         \n\
         Sitemap: {}\n",
        state.config.absolute("/sitemap.xml")
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

fn xml(body: String) -> Response {
    (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

/// `path` and its language versions (`?lang=`), as the pages' own `hreflang` links give them.
fn url(state: &AppState, path: &str, changed: Option<NaiveDateTime>) -> SitemapUrl {
    let loc = state.config.absolute(path);
    let mut alternates: Vec<(String, String)> = UiLang::ALL
        .iter()
        .map(|l| (l.code().to_owned(), format!("{loc}?lang={}", l.code())))
        .collect();
    alternates.push(("x-default".to_owned(), loc.clone()));
    SitemapUrl {
        loc,
        lastmod: changed.map(|t| t.and_utc()),
        alternates,
    }
}

fn page_path(page: &PublicPage) -> String {
    match page {
        PublicPage::Institution(slug) => format!("/institutions/{slug}"),
        PublicPage::Network(slug) => format!("/networks/{slug}"),
        PublicPage::Event(slug) => format!("/events/{slug}"),
        PublicPage::Exhibition(slug) => format!("/exhibitions/{slug}"),
        PublicPage::Story(slug) => format!("/stories/{slug}"),
        PublicPage::Project(slug) => format!("/projects/{slug}"),
        PublicPage::Post(slug) => format!("/news/{slug}"),
        PublicPage::Collection { institution, key } => {
            format!("/institutions/{institution}/collections/{key}")
        }
    }
}

async fn index(State(state): State<AppState>) -> Result<Response, AppError> {
    let files = state.store.read(sitemap::object_files).await?;
    let mut sitemaps = vec![(state.config.absolute("/sitemaps/pages.xml"), None)];
    sitemaps.extend((0..files).map(|n| {
        (
            state.config.absolute(&format!("/sitemaps/objects-{n}.xml")),
            None,
        )
    }));
    Ok(xml(format::index(&sitemaps)))
}

async fn file(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    if file == "pages.xml" {
        let records = state.store.read(sitemap::records).await?;
        let urls: Vec<SitemapUrl> = SITE_PAGES
            .iter()
            .map(|p| url(&state, p, None))
            .chain(
                records
                    .iter()
                    .map(|(page, at)| url(&state, &page_path(page), Some(*at))),
            )
            .collect();
        return Ok(xml(format::urlset(&urls)));
    }
    let number = file
        .strip_prefix("objects-")
        .and_then(|f| f.strip_suffix(".xml"))
        .and_then(|n| n.parse::<i64>().ok())
        .filter(|n| *n >= 0)
        .ok_or(AppError::NotFound)?;
    let objects = state
        .store
        .read(move |c| sitemap::objects_in_file(c, number))
        .await?;
    let urls: Vec<SitemapUrl> = objects
        .iter()
        .map(|(id, at)| url(&state, &format!("/objects/{id}"), Some(*at)))
        .collect();
    Ok(xml(format::urlset(&urls)))
}
