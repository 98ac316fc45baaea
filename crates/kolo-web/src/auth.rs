//! Who is asking: session cookies for people, bearer tokens for programs; CSRF checks for
//! every form that changes state; sign-in with throttling; sign-out.

use crate::i18n::{Tr, cookie_value};
use crate::pages::{LoginPage, PageCtx, render};
use crate::{AppError, AppState};
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use kolo_domain::Principal;
use kolo_store::repo::sessions::{self, LoginOutcome};
use serde::Deserialize;
use subtle::ConstantTimeEq;

pub const SESSION_COOKIE: &str = "kolo_session";
/// Double-submit token for forms shown before sign-in (the login form).
pub const ANON_CSRF_COOKIE: &str = "kolo_csrf";

/// A signed-in person.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub principal: Principal,
    pub csrf: String,
}

/// The person behind the request, if signed in.
#[derive(Clone, Debug)]
pub struct Viewer(pub Option<SignedIn>);

impl FromRequestParts<AppState> for Viewer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if let Some(v) = parts.extensions.get::<Viewer>() {
            return Ok(v.clone());
        }
        let viewer = match cookie_value(parts, SESSION_COOKIE) {
            Some(token) => {
                let token = token.to_owned();
                let found = state
                    .store
                    .read(move |c| sessions::session_principal(c, &token))
                    .await?;
                Viewer(found.map(|(principal, csrf)| SignedIn { principal, csrf }))
            }
            None => Viewer(None),
        };
        parts.extensions.insert(viewer.clone());
        Ok(viewer)
    }
}

/// A signed-in person, for staff pages; others are sent to the sign-in form.
pub struct Staff(pub SignedIn);

pub struct ToLogin(String);

impl IntoResponse for ToLogin {
    fn into_response(self) -> Response {
        Redirect::to(&format!(
            "/login?next={}",
            url::form_urlencoded::byte_serialize(self.0.as_bytes()).collect::<String>()
        ))
        .into_response()
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match Viewer::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?
        {
            Viewer(Some(s)) => Ok(Staff(s)),
            Viewer(None) => {
                let here = parts
                    .uri
                    .path_and_query()
                    .map(|p| p.as_str())
                    .unwrap_or("/")
                    .to_owned();
                Err(ToLogin(here).into_response())
            }
        }
    }
}

/// A program or person calling the API with `Authorization: Bearer <token>`.
pub struct ApiUser(pub Principal);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|t| t.trim().to_owned())
            .ok_or_else(|| AppError::Unauthorized.json())?;
        let found = state
            .store
            .read(move |c| sessions::api_token_principal(c, &token))
            .await
            .map_err(|e| AppError::from(e).json())?;
        found
            .map(ApiUser)
            .ok_or_else(|| AppError::Unauthorized.json())
    }
}

/// Refuses a state-changing form unless it carries the right token and did not come from
/// another site. `expected` is the session's token, or the double-submit cookie before sign-in.
pub fn check_csrf(
    headers: &HeaderMap,
    expected: Option<&str>,
    submitted: Option<&str>,
) -> Result<(), AppError> {
    if headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site") {
        return Err(AppError::Csrf);
    }
    match (expected, submitted) {
        (Some(e), Some(s)) if !e.is_empty() && bool::from(e.as_bytes().ct_eq(s.as_bytes())) => {
            Ok(())
        }
        _ => Err(AppError::Csrf),
    }
}

/// The form field that carries the CSRF token.
pub fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Checks a signed-in person's form.
pub fn check_staff_form(
    headers: &HeaderMap,
    staff: &SignedIn,
    fields: &[(String, String)],
) -> Result<(), AppError> {
    check_csrf(headers, Some(&staff.csrf), field(fields, "csrf"))
}

/// Checks a form shown before sign-in (login, invitation, registration) against the
/// double-submit cookie.
pub fn check_anonymous_form(
    headers: &HeaderMap,
    jar: &CookieJar,
    fields: &[(String, String)],
) -> Result<(), AppError> {
    check_csrf(
        headers,
        jar.get(ANON_CSRF_COOKIE).map(|c| c.value()),
        field(fields, "csrf"),
    )
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

/// Only same-site paths, so the login form cannot be used to send people elsewhere.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/account".to_owned(),
    }
}

pub(crate) fn anon_csrf(jar: CookieJar, state: &AppState) -> (CookieJar, String) {
    if let Some(c) = jar.get(ANON_CSRF_COOKIE)
        && c.value().len() >= 32
    {
        let v = c.value().to_owned();
        return (jar, v);
    }
    let token = kolo_store::new_token();
    let cookie = Cookie::build((ANON_CSRF_COOKIE, token.clone()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.config.secure_cookies)
        .build();
    (jar.add(cookie), token)
}

async fn login_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    Query(q): Query<NextQuery>,
) -> Result<Response, AppError> {
    let (jar, csrf) = anon_csrf(jar, &state);
    let page = LoginPage::new(
        ctx,
        csrf,
        safe_next(q.next.as_deref()),
        String::new(),
        String::new(),
    );
    Ok((jar, render(&page)?).into_response())
}

async fn login(
    State(state): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    check_anonymous_form(&headers, &jar, &fields)?;
    let email = field(&fields, "email").unwrap_or("").to_owned();
    let password = field(&fields, "password").unwrap_or("").to_owned();
    let next = safe_next(field(&fields, "next"));
    let (e, p) = (email.clone(), password);
    let outcome = state
        .store
        .write(move |c| sessions::login(c, &e, &p))
        .await?;
    let tr = Tr::new(ctx.lang);
    let (status, message) = match outcome {
        LoginOutcome::LoggedIn(user_id) => {
            let jar = sign_in(&state, jar, user_id).await?;
            return Ok((jar, Redirect::to(&next)).into_response());
        }
        LoginOutcome::WrongCredentials => (StatusCode::UNAUTHORIZED, tr.t("login-failed")),
        LoginOutcome::Throttled => (StatusCode::TOO_MANY_REQUESTS, tr.t("login-throttled")),
    };
    let (jar, csrf) = anon_csrf(jar, &state);
    let page = LoginPage::new(ctx, csrf, next, email, message);
    Ok((status, jar, render(&page)?).into_response())
}

/// Starts a session for `user_id` and sets its cookie: after a login, or after accepting an
/// invitation.
pub(crate) async fn sign_in(
    state: &AppState,
    jar: CookieJar,
    user_id: i64,
) -> Result<CookieJar, AppError> {
    let session = state
        .store
        .write(move |c| sessions::create_session(c, user_id))
        .await?;
    let cookie = Cookie::build((SESSION_COOKIE, session.token))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies)
        .max_age(time_from(sessions::SESSION_LIFETIME))
        .build();
    Ok(jar.add(cookie))
}

fn time_from(d: chrono::TimeDelta) -> cookie::time::Duration {
    cookie::time::Duration::seconds(d.num_seconds())
}

async fn logout(
    State(state): State<AppState>,
    Staff(staff): Staff,
    jar: CookieJar,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    if let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()) {
        state
            .store
            .write(move |c| sessions::end_session(c, &token))
            .await?;
    }
    Ok((
        jar.remove(Cookie::build(SESSION_COOKIE).path("/")),
        Redirect::to("/"),
    )
        .into_response())
}
