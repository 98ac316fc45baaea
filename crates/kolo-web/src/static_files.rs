//! Files served from the binary itself: the stylesheet, our scripts, and the embedded deep-zoom
//! viewer (OpenSeadragon, built in by `build.rs`; see `viewer/package.json`).

use axum::Router;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

include!(concat!(env!("OUT_DIR"), "/viewer_files.rs"));

pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route(
            "/static/kolo.css",
            get(|| async { asset("kolo.css", include_bytes!("../static/kolo.css")) }),
        )
        .route(
            "/static/deep-zoom.js",
            get(|| async { asset("deep-zoom.js", include_bytes!("../static/deep-zoom.js")) }),
        )
        .route(
            "/static/search-suggest.js",
            get(|| async {
                asset(
                    "search-suggest.js",
                    include_bytes!("../static/search-suggest.js"),
                )
            }),
        )
        .route("/static/viewer/{*path}", get(viewer_file))
}

async fn viewer_file(Path(path): Path<String>) -> Response {
    match VIEWER_FILES.iter().find(|(name, _)| *name == path) {
        Some((name, bytes)) => asset(name, bytes),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

fn asset(name: &str, bytes: &'static [u8]) -> Response {
    let content_type = match name.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("png") => "image/png",
        _ => "text/plain; charset=utf-8",
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        bytes,
    )
        .into_response()
}
