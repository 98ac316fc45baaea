//! Rendered public pages, kept in memory for anonymous visitors. The store is the truth: every
//! write through this process empties the cache at once, and writes by other processes (a CLI
//! import beside the server) are noticed by following the audit log's change counter.

use crate::AppState;
use crate::auth::SESSION_COOKIE;
use crate::i18n::{PageLang, cookie_value};
use axum::body::{Body, HttpBody};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use std::sync::Arc;
use std::time::Duration;

/// Largest page kept; anything bigger is served uncached.
const MAX_CACHED_BYTES: usize = 512 * 1024;

#[derive(Clone)]
struct CachedPage {
    headers: HeaderMap,
    body: Bytes,
}

pub struct PageCache {
    pages: moka::future::Cache<String, CachedPage>,
    /// Facet counts of object lists, by filter: every page, language and API call of one
    /// filter shares them (they cost more than the page of objects itself).
    pub(crate) facets: moka::future::Cache<String, kolo_store::repo::objects::Facets>,
    /// Institutions by network and region, for search filters and facets: read once, not
    /// on every search.
    pub(crate) search_directory: moka::future::Cache<(), Arc<crate::api::search::Directory>>,
}

impl PageCache {
    pub fn new() -> Self {
        let pages = moka::future::Cache::builder()
            .max_capacity(64 * 1024 * 1024)
            .weigher(|k: &String, v: &CachedPage| {
                (k.len() + v.body.len()).try_into().unwrap_or(u32::MAX)
            })
            .time_to_live(Duration::from_secs(600))
            .build();
        let facets = moka::future::Cache::builder()
            .max_capacity(10_000)
            .time_to_live(Duration::from_secs(600))
            .build();
        let search_directory = moka::future::Cache::builder()
            .max_capacity(1)
            .time_to_live(Duration::from_secs(600))
            .build();
        PageCache {
            pages,
            facets,
            search_directory,
        }
    }

    pub fn invalidate(&self) {
        self.pages.invalidate_all();
        self.facets.invalidate_all();
        self.search_directory.invalidate_all();
    }
}

/// Serves anonymous GETs from the cache, filling it with successful responses.
pub async fn serve_cached(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let cacheable = parts.method == Method::GET && cookie_value(&parts, SESSION_COOKIE).is_none();
    if !cacheable {
        return next.run(Request::from_parts(parts, body)).await;
    }
    let lang = PageLang::from_request_parts(&mut parts, &state)
        .await
        .unwrap_or_else(|e| match e {});
    let key = format!("{}|{}", lang.lang, parts.uri);
    if let Some(hit) = state.cache.pages.get(&key).await {
        metrics::counter!("kolo_page_cache_hits_total").increment(1);
        let mut res = Response::new(Body::from(hit.body));
        *res.headers_mut() = hit.headers;
        return res;
    }
    metrics::counter!("kolo_page_cache_misses_total").increment(1);
    let res = next.run(Request::from_parts(parts, body)).await;
    let too_big = HttpBody::size_hint(res.body())
        .upper()
        .is_none_or(|n| n > MAX_CACHED_BYTES as u64);
    if res.status() != StatusCode::OK || too_big {
        return res;
    }
    let (parts, body) = res.into_parts();
    match axum::body::to_bytes(body, MAX_CACHED_BYTES).await {
        Ok(bytes) => {
            state
                .cache
                .pages
                .insert(
                    key,
                    CachedPage {
                        headers: parts.headers.clone(),
                        body: bytes.clone(),
                    },
                )
                .await;
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Empties the cache whenever the audit log grows, whoever wrote.
pub async fn follow_changes(state: AppState) {
    let mut seen = None;
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        tick.tick().await;
        match state.store.read(kolo_store::audit::change_counter).await {
            Ok(counter) => {
                if seen.is_some_and(|s| s != counter) {
                    state.cache.invalidate();
                }
                seen = Some(counter);
            }
            Err(e) => tracing::warn!(error = %e, "cannot read the change counter"),
        }
    }
}
