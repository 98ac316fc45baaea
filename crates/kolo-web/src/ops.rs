//! Operations endpoints: `/healthz` for probes, `/metrics` for Prometheus.

use crate::AppState;
use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Instant;

static METRICS: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the process-wide metrics recorder once.
pub fn install_metrics() {
    METRICS.get_or_init(|| {
        let recorder = PrometheusBuilder::new().build_recorder();
        let handle = recorder.handle();
        // Another recorder may already be installed (several servers in one test process).
        let _ = metrics::set_global_recorder(recorder);
        handle
    });
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(render_metrics))
}

/// 200 when the database answers.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.read(kolo_store::audit::change_counter).await {
        Ok(_) => (StatusCode::OK, "ok\n").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

async fn render_metrics() -> Response {
    let body = METRICS
        .get()
        .map(PrometheusHandle::render)
        .unwrap_or_default();
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        body,
    )
        .into_response()
}

/// Folds the request durations recorded since the last round into the histograms, every five
/// seconds. The recorder keeps every sample until then (a scrape of `/metrics` also folds
/// them), so without this a server nobody scrapes grows with every request it answers.
pub async fn fold_metrics() {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
    loop {
        tick.tick().await;
        if let Some(handle) = METRICS.get() {
            handle.run_upkeep();
        }
    }
}

/// Removes expired sessions and stale login failures, every ten minutes.
pub async fn sweep_sessions(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        tick.tick().await;
        if let Err(e) = state.store.write(kolo_store::repo::sessions::sweep).await {
            tracing::warn!(error = %e, "cannot remove expired sessions");
        }
    }
}

/// Counts requests and their durations by route pattern (never by raw path, to bound cardinality).
pub async fn record_metrics(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    let method = req.method().to_string();
    let start = Instant::now();
    let res = next.run(req).await;
    let labels = [
        ("method", method),
        ("route", route),
        ("status", res.status().as_u16().to_string()),
    ];
    metrics::counter!("kolo_http_requests_total", &labels).increment(1);
    metrics::histogram!("kolo_http_request_duration_seconds", &labels)
        .record(start.elapsed().as_secs_f64());
    res
}
