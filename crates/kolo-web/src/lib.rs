//! Kolo's HTTP face: public pages, staff forms, the JSON API and its OpenAPI document,
//! health and metrics. Handlers ask `kolo-store` for domain values and render them with
//! askama templates (HTML) or `kolo-interop` writers (JSON-LD); nothing here owns data.

pub mod api;
mod auth;
mod browse;
mod cache;
mod error;
mod files;
pub mod i18n;
mod iiif;
pub mod mail;
mod markdown;
mod oai;
mod ops;
mod pages;
pub mod programme_files;
mod records;
mod static_files;

use axum::Router;
use kolo_store::Store;
use std::sync::Arc;
use std::time::Duration;
use tower_http::limit::RequestBodyLimitLayer;

pub use error::AppError;

/// What the web layer needs to know about its deployment.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// The address the public reaches Kolo at, e.g. `https://kolo.example.org`. Absolute links
    /// (JSON-LD, Open Graph, API `url` fields, invitation links) start with it.
    pub public_url: url::Url,
    /// Mark cookies `Secure`. On by default when `public_url` is https.
    pub secure_cookies: bool,
    /// How long an invitation link works.
    pub invitation_days: i64,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Where e-mail to registrants goes (SMTP or an outbox folder); its sender is also the
    /// OAI-PMH repository's adminEmail.
    pub mailer: mail::Mailer,
    /// Records per OAI-PMH ListIdentifiers / ListRecords page.
    pub oai_page_size: std::num::NonZeroUsize,
}

/// [`WebConfig::oai_page_size`] unless configured.
pub const DEFAULT_OAI_PAGE_SIZE: std::num::NonZeroUsize = std::num::NonZeroUsize::new(100).unwrap();

impl WebConfig {
    pub fn new(public_url: url::Url) -> Self {
        let secure = public_url.scheme() == "https";
        WebConfig {
            public_url,
            secure_cookies: secure,
            invitation_days: 7,
            max_body_bytes: 1024 * 1024,
            mailer: mail::Mailer::new(None, mail::DEFAULT_FROM, "outbox".into())
                .expect("the default sender is an address"),
            oai_page_size: DEFAULT_OAI_PAGE_SIZE,
        }
    }

    /// An absolute URL for a path on this site.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.public_url.as_str().trim_end_matches('/'), path)
    }
}

/// The state behind [`AppState`].
pub struct Inner {
    pub store: Store,
    pub config: WebConfig,
    /// Uploaded images: storage, intake and the IIIF renderer.
    pub media: kolo_media::Media,
    /// The full-text index, kept in step with the database by a background task.
    pub search: Arc<kolo_search::SearchIndex>,
    pub(crate) cache: cache::PageCache,
    /// Width and height of images by id, for IIIF requests (images never change).
    pub(crate) media_sizes: moka::future::Cache<kolo_domain::MediaId, (u32, u32)>,
    /// Signs OAI-PMH resumption tokens; read from the database at the first OAI request.
    pub(crate) oai_key: tokio::sync::OnceCell<Arc<kolo_interop::oai_pmh::TokenKey>>,
}

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(
        store: Store,
        config: WebConfig,
        media: kolo_media::Media,
        search: Arc<kolo_search::SearchIndex>,
    ) -> Self {
        AppState(Arc::new(Inner {
            store,
            config,
            media,
            search,
            cache: cache::PageCache::new(),
            media_sizes: moka::future::Cache::new(100_000),
            oai_key: tokio::sync::OnceCell::new(),
        }))
    }

    /// A write that changes what the public sees: one transaction, then the page cache is emptied.
    pub async fn write<T, F>(&self, work: F) -> Result<T, kolo_store::StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut kolo_store::DbConnection) -> Result<T, kolo_store::StoreError>
            + Send
            + 'static,
    {
        let result = self.store.write(work).await;
        if result.is_ok() {
            self.cache.invalidate();
        }
        result
    }
}

/// The largest upload (a schedule file and the form around it).
const UPLOAD_MAX_BYTES: usize = kolo_interop::frab::MAX_BYTES + 64 * 1024;

/// Room for the multipart form around an uploaded image.
pub(crate) const MEDIA_FORM_OVERHEAD: usize = 64 * 1024;

/// The whole site.
pub fn app(state: AppState) -> Router {
    let max_body = state.config.max_body_bytes;
    // Each upload handler enforces its own kind's limit as it reads; this is the larger one.
    let largest_upload = state
        .media
        .limits()
        .max_bytes
        .max(state.media.max_file_bytes());
    let max_media = usize::try_from(largest_upload)
        .unwrap_or(usize::MAX)
        .saturating_add(MEDIA_FORM_OVERHEAD);
    let public = pages::public_routes().route_layer(axum::middleware::from_fn_with_state(
        state.clone(),
        cache::serve_cached,
    ));
    Router::new()
        .merge(public)
        .merge(pages::search_routes())
        .merge(pages::staff_routes())
        .merge(pages::registration_routes())
        .merge(auth::routes())
        .nest("/api/v1", api::routes())
        .merge(iiif::routes())
        .merge(files::routes())
        .merge(oai::routes())
        .merge(ops::routes())
        .layer(RequestBodyLimitLayer::new(max_body))
        .merge(pages::upload_routes().layer((
            axum::extract::DefaultBodyLimit::disable(),
            RequestBodyLimitLayer::new(UPLOAD_MAX_BYTES),
        )))
        // Image and document uploads stream the form and answer an oversized one with their
        // own 413.
        .merge(
            Router::new()
                .nest("/api/v1", api::upload_routes())
                .merge(pages::image_upload_routes())
                .merge(pages::attachment_upload_routes())
                .layer(axum::extract::DefaultBodyLimit::max(max_media)),
        )
        .route_layer(axum::middleware::from_fn(ops::record_metrics))
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn(error::render_errors))
        .layer(axum::middleware::from_fn(security_headers))
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// Headers every response carries: no framing by other sites, no MIME sniffing, a strict
/// content policy (our pages need no inline script; JSON-LD is data, not script).
async fn security_headers(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // A response with a policy of its own (a widget, made to be framed) decides its framing.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    // The one inline style allowed is the rule OpenSeadragon (6.1.1, /static/viewer) injects
    // into the page, by its hash; a browser test checks the viewer works under this policy.
    h.entry(header::CONTENT_SECURITY_POLICY).or_insert(HeaderValue::from_static(
        "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'sha256-9xTiqzfwFaL2SGb1rmr8gysEwVVjIvqWAgmZgqFqpEE='; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
    ));
    res
}

/// Serves until `shutdown` completes, then finishes in-flight requests. In the background it
/// keeps the page cache in step with writes by other processes (CLI imports), sweeps
/// expired sessions, folds request metrics and publishes scheduled posts when their time
/// comes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let background = [
        tokio::spawn(cache::follow_changes(state.clone())),
        tokio::spawn(ops::sweep_sessions(state.clone())),
        tokio::spawn(ops::fold_metrics()),
        tokio::spawn(pages::posts::publish_scheduled(state.clone())),
        tokio::spawn(kolo_search::sync::follow_forever(
            state.store.clone(),
            state.search.clone(),
            Arc::new(|_, _| {}),
        )),
    ];
    ops::install_metrics();
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await?;
    for task in background {
        task.abort();
    }
    Ok(())
}
