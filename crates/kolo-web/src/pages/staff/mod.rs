//! Staff pages: editing institutions, networks, events, exhibitions and stories, invitations, the account page, the
//! audit log.
//!
//! Forms post plain fields. Parsing is done by plain functions from fields to domain values that
//! report every problem at once, each under its field's name (tests at the end). Handlers check
//! the CSRF token and the viewer's rights first, then parse, then write in one transaction; an
//! invalid form is shown again (422) with the submitted values and a message at each field.

mod account;
mod audit_log;
mod event_pages;
mod exhibition_pages;
mod forms;
mod invitations;
mod object_images;
mod object_pages;
mod outcome_pages;
mod programme_import;
mod programme_items;
mod record_pages;
mod registrations;

use account::*;
use audit_log::*;
use event_pages::*;
use exhibition_pages::*;
use forms::*;
use invitations::*;
pub use object_images::image_upload_routes;
use outcome_pages::*;
use programme_import::*;
use record_pages::*;
pub use registrations::registration_routes;
pub(super) use registrations::{RegistrationBlock, registration_block};

use super::{Head, PageCtx, Pager, page_template, render};
use crate::auth::{self, SignedIn, Staff, check_csrf, check_staff_form};
use crate::i18n::Tr;
use crate::records::{self, EditableRecord};
use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::CookieJar;
use chrono::{NaiveDateTime, TimeDelta};
use kolo_domain::access::Grant;
use kolo_domain::institution::Contacts;
use kolo_domain::{
    CountryCode, FieldError, Institution, InstitutionKind, LangTag, LocalizedText, Network,
    NetworkKind, Principal, Role, Scope, Slug, UiLang, ValidationErrors,
};
use kolo_store::repo::sessions::{self, LoginOutcome};
use kolo_store::repo::{accounts, institutions, networks};
use kolo_store::{DbConnection, PageRequest, Record, StoreError, audit};
use serde::Deserialize;
use tower_http::set_header::SetResponseHeaderLayer;

pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/institutions/{slug}/edit",
            get(edit_form::<Institution>).post(edit_save::<Institution>),
        )
        .route(
            "/admin/institutions/new",
            get(new_form::<Institution>).post(new_save::<Institution>),
        )
        .route(
            "/networks/{slug}/edit",
            get(edit_form::<Network>).post(edit_save::<Network>),
        )
        .route(
            "/admin/networks/new",
            get(new_form::<Network>).post(new_save::<Network>),
        )
        .route(
            "/events/{slug}/edit",
            get(event_edit_form).post(event_edit_save),
        )
        .route(
            "/admin/events/new",
            get(event_new_form).post(event_new_save),
        )
        .route(
            "/exhibitions/{slug}/edit",
            get(exhibition_edit_form).post(exhibition_edit_save),
        )
        .route(
            "/admin/exhibitions/new",
            get(exhibition_new_form).post(exhibition_new_save),
        )
        .route(
            "/stories/{slug}/edit",
            get(story_edit_form).post(story_edit_save),
        )
        .route(
            "/admin/stories/new",
            get(story_new_form).post(story_new_save),
        )
        .route("/invitations/new", get(invite_form).post(invite))
        .route("/invitations/{token}", get(accept_form).post(accept))
        .route("/account", get(account))
        // A language switch on the page a token form returns leads here: back to the account.
        .route("/account/tokens", get(to_account).post(create_token))
        .route("/account/tokens/{id}/revoke", post(revoke_token))
        .route("/admin/audit", get(audit_log))
        .merge(outcome_routes())
        .merge(object_pages::catalogue_routes())
        .merge(object_images::image_routes())
        .merge(programme_items::item_routes())
        .merge(registrations::organiser_routes())
        .route_layer(no_store())
}

/// Staff pages that take files: their body limit is the file's, not the site's.
pub fn staff_upload_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/events/{slug}/programme/import",
            get(programme_import_form).post(programme_import),
        )
        .route_layer(no_store())
}

/// Staff pages carry CSRF tokens, secrets shown once and invitation links: never stored.
fn no_store() -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))
}

/// Submitted form fields, in order, repeated names kept (`networks`).
pub(super) type Fields = Vec<(String, String)>;

/// (value, label, selected) for a `<select>`.
pub(super) type Choice = (String, String, bool);

/// The content languages every multilingual field offers, in this order.
pub(super) const FORM_LANGS: [&str; 5] = ["uk", "ru", "kk-Cyrl", "kk-Latn", "en"];

/// (code, label) options for a `<select>` of coded values, labelled by the `{prefix}-{code}`
/// messages (`event-kind-forum`, `person-role-speaker`...).
pub(super) fn coded_options(
    tr: &Tr,
    prefix: &str,
    codes: impl IntoIterator<Item = &'static str>,
) -> Vec<(String, String)> {
    codes
        .into_iter()
        .map(|c| (c.to_owned(), tr.t(&format!("{prefix}-{c}"))))
        .collect()
}

/// The first value submitted under `name`, or "".
pub(super) fn value<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    auth::field(fields, name).unwrap_or("")
}

pub(super) fn values<'a>(
    fields: &'a [(String, String)],
    name: &'a str,
) -> impl Iterator<Item = &'a str> {
    fields
        .iter()
        .filter(move |(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// A trimmed value, `None` when blank.
pub(super) fn optional(fields: &[(String, String)], name: &str) -> Option<String> {
    Some(value(fields, name).trim().to_owned()).filter(|v| !v.is_empty())
}

/// A field problem in the page's language: the `error-<reason>` message, given `$limit` when
/// the rule has one. Reasons without a message fall back to a generic one.
pub fn error_text(tr: &Tr, e: &FieldError) -> String {
    // A reason may name what it is about after a colon: `unknown-term: gold`.
    if let Some((code, name)) = e.reason.split_once(": ") {
        let id = format!("error-{code}");
        if Tr::new(UiLang::En).has_own(&id) {
            return tr.args(&id, &[("name", name.to_owned().into())]);
        }
    }
    let id = format!("error-{}", e.reason);
    if !Tr::new(UiLang::En).has_own(&id) {
        return tr.t("error-bad-request");
    }
    match e.limit {
        Some(limit) => tr.args(
            &id,
            &[("limit", i64::try_from(limit).unwrap_or(i64::MAX).into())],
        ),
        None => tr.t(&id),
    }
}

/// Store refusals a form shows at its fields; anything else becomes an error page.
pub(super) fn form_errors(e: StoreError) -> Result<ValidationErrors, AppError> {
    match e {
        StoreError::Invalid(v) => Ok(v),
        StoreError::Taken { field } => Ok(FieldError::new(field, "taken").into_errors()),
        other => Err(other.into()),
    }
}

pub(super) fn utc(t: &NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

pub(super) fn iso(t: &NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub(super) fn require_platform_admin(staff: &SignedIn) -> Result<(), AppError> {
    if staff.principal.can_create_institutions_and_networks() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
