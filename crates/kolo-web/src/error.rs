//! Errors as responses: HTML pages for browsers, JSON for the API, always with a 4xx for the
//! caller's mistakes and a logged 5xx only for ours.

use crate::i18n::{PageLang, Tr};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use kolo_domain::ValidationErrors;
use kolo_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign in first")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid or missing CSRF token")]
    Csrf,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("{field} is already taken")]
    Taken { field: &'static str },
    #[error("invalid input: {0}")]
    Invalid(ValidationErrors),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Forbidden => AppError::Forbidden,
            StoreError::Taken { field } => AppError::Taken { field },
            StoreError::Invalid(v) => AppError::Invalid(v),
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(e.into())
    }
}

impl AppError {
    /// A store error for a list's filters: invalid ones are the query's fault (400).
    pub fn from_filter(e: StoreError) -> Self {
        match e {
            StoreError::Invalid(v) => AppError::BadRequest(v.to_string()),
            other => other.into(),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Taken { .. } => StatusCode::CONFLICT,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn message_id(&self) -> &'static str {
        match self {
            AppError::NotFound => "error-not-found",
            AppError::Unauthorized => "error-unauthorized",
            AppError::Forbidden => "error-forbidden",
            AppError::Csrf => "error-csrf",
            AppError::BadRequest(_) | AppError::Invalid(_) => "error-bad-request",
            AppError::Taken { .. } => "error-taken",
            AppError::Internal(_) => "error-internal",
        }
    }

    /// The error as an HTML page in the visitor's language.
    pub fn page(self, lang: PageLang) -> Response {
        if let AppError::Internal(e) = &self {
            tracing::error!(error = %e, "request failed");
        }
        let tr = Tr::new(lang.lang);
        let mut detail = String::new();
        if let AppError::BadRequest(m) = &self {
            detail = m.clone();
        }
        let page = crate::pages::ErrorPage::html(
            tr,
            self.status().as_u16(),
            tr.t(self.message_id()),
            detail,
        );
        (self.status(), Html(page)).into_response()
    }

    /// The error as the API's JSON body.
    pub fn json(self) -> Response {
        if let AppError::Internal(e) = &self {
            tracing::error!(error = %e, "API request failed");
        }
        let status = self.status();
        let body = match &self {
            AppError::Invalid(v) => {
                serde_json::json!({ "error": "invalid input", "errors": v.errors })
            }
            AppError::Taken { field } => serde_json::json!({
                "error": format!("{field} is already taken"),
                "errors": [{ "field": field, "reason": "taken" }],
            }),
            AppError::Internal(_) => serde_json::json!({ "error": "internal error" }),
            other => serde_json::json!({ "error": other.to_string() }),
        };
        (status, axum::Json(body)).into_response()
    }
}

/// Handlers return `AppError` with `?`; the response only carries it until
/// [`render_errors`], which knows the request's language and whether it came to the API.
#[derive(Clone)]
struct Unrendered(std::sync::Arc<std::sync::Mutex<Option<AppError>>>);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut res = self.status().into_response();
        res.extensions_mut()
            .insert(Unrendered(std::sync::Arc::new(std::sync::Mutex::new(
                Some(self),
            ))));
        res
    }
}

/// Turns a handler's `AppError` into a page (HTML, in the request's language) or API JSON.
pub async fn render_errors(
    lang: PageLang,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let Some(Unrendered(slot)) = res.extensions().get::<Unrendered>().cloned() else {
        return res;
    };
    let Some(error) = slot.lock().ok().and_then(|mut e| e.take()) else {
        return res;
    };
    let mut rendered = if api { error.json() } else { error.page(lang) };
    // Keep headers the handler set (e.g. a cookie), except the body's description.
    for (name, value) in res.headers() {
        if name != axum::http::header::CONTENT_TYPE && name != axum::http::header::CONTENT_LENGTH {
            rendered.headers_mut().append(name, value.clone());
        }
    }
    rendered
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}
