//! Staff pages: editing institutions, networks, events, exhibitions, stories and posts,
//! invitations, the account page, the audit log.
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
mod object_pages;
mod outcome_pages;
mod post_attachments;
mod post_pages;
mod programme_import;
mod programme_items;
mod project_pages;
mod record_images;
mod record_pages;
mod registrations;

use account::*;
use audit_log::*;
use event_pages::*;
use forms::*;
use invitations::*;
use outcome_pages::*;
pub use post_attachments::attachment_upload_routes;
use programme_import::*;
pub use record_images::image_upload_routes;
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
    CountryCode, Event, Exhibition, FieldError, Institution, InstitutionKind, LangTag,
    LocalizedText, Network, NetworkKind, Post, Principal, Project, Role, Scope, Slug, Story,
    UiLang, ValidationErrors,
};
use kolo_store::repo::sessions::{self, LoginOutcome};
use kolo_store::repo::{Saved, accounts, institutions, networks};
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
            get(slug_edit_form::<Event>).post(slug_edit_save::<Event>),
        )
        .route(
            "/admin/events/new",
            get(slug_new_form::<Event>).post(slug_new_save::<Event>),
        )
        .route(
            "/exhibitions/{slug}/edit",
            get(slug_edit_form::<Exhibition>).post(slug_edit_save::<Exhibition>),
        )
        .route(
            "/admin/exhibitions/new",
            get(slug_new_form::<Exhibition>).post(slug_new_save::<Exhibition>),
        )
        .route(
            "/stories/{slug}/edit",
            get(slug_edit_form::<Story>).post(slug_edit_save::<Story>),
        )
        .route(
            "/admin/stories/new",
            get(slug_new_form::<Story>).post(slug_new_save::<Story>),
        )
        .route(
            "/projects/{slug}/edit",
            get(slug_edit_form::<Project>).post(slug_edit_save::<Project>),
        )
        .route(
            "/admin/projects/new",
            get(slug_new_form::<Project>).post(slug_new_save::<Project>),
        )
        .route(
            "/news/{slug}/edit",
            get(slug_edit_form::<Post>).post(slug_edit_save::<Post>),
        )
        .route(
            "/admin/posts/new",
            get(slug_new_form::<Post>).post(slug_new_save::<Post>),
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
        .merge(record_images::image_routes())
        .merge(post_attachments::attachment_routes())
        .merge(programme_items::item_routes())
        .merge(registrations::organiser_routes())
        .merge(super::sharing::staff_routes())
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

/// A record stored whole under its slug and edited on one staff form: events, exhibitions,
/// object stories, projects and posts. The handlers below do what all of them do (CSRF, rights, the form again with
/// 422, the write in one transaction, the redirect to the record's page); each kind keeps only
/// its fields, its parser and its page; rights and storage are [`records::SlugRecord`]'s.
pub(super) trait SlugForm: records::SlugRecord {
    /// Public pages live at `/{PATH}/{slug}`, the "new" form at `/admin/{PATH}/new`.
    const PATH: &'static str;
    const NEW_TITLE: &'static str;
    /// Given `$name`.
    const EDIT_TITLE: &'static str;

    fn title(&self) -> &LocalizedText;
    /// The stored institutions the form offers even when unticked, whoever the viewer is.
    fn current(&self) -> Vec<String>;
    fn to_fields(&self) -> Fields;
    /// The "new" form; `host` is the institution it was opened for (`?host=`), if any.
    fn new_plan(ctx: &PageCtx, _host: Option<&str>) -> SlugPlan {
        slug_new_plan::<Self>(ctx)
    }
    /// What an empty "new" form starts with.
    fn new_fields(
        state: &AppState,
        staff: &SignedIn,
        ctx: &PageCtx,
        host: Option<&str>,
    ) -> impl Future<Output = Result<Fields, AppError>> + Send;
    /// The record a form describes, applied to `base` (the stored one) when editing.
    fn parse(
        fields: &[(String, String)],
        base: Option<&Self>,
        p: &Principal,
    ) -> Result<Self, ValidationErrors>;
    /// A button that shows the form again instead of saving (a preview): the fields to show,
    /// when one was pressed. Nothing is written then.
    fn review(_fields: &[(String, String)]) -> Option<Fields> {
        None
    }
    fn show(
        state: &AppState,
        ctx: PageCtx,
        principal: &Principal,
        plan: SlugPlan,
        fields: &[(String, String)],
        errors: ValidationErrors,
        status: StatusCode,
    ) -> impl Future<Output = Result<Response, AppError>> + Send;
}

/// Which [`SlugForm`]: a new record, or an existing one (its slug).
pub(super) struct SlugPlan {
    pub(super) heading: String,
    pub(super) action: String,
    pub(super) cancel_href: String,
    pub(super) existing: Option<Slug>,
    /// [`SlugForm::current`] of the stored record.
    pub(super) current: Vec<String>,
}

fn slug_new_plan<T: SlugForm>(ctx: &PageCtx) -> SlugPlan {
    SlugPlan {
        heading: ctx.t(T::NEW_TITLE),
        action: format!("/admin/{}/new", T::PATH),
        cancel_href: format!("/{}", T::PATH),
        existing: None,
        current: Vec::new(),
    }
}

fn slug_edit_plan<T: SlugForm>(ctx: &PageCtx, value: &T) -> SlugPlan {
    let name = ctx.pick(value.title()).text.to_owned();
    let slug = value.slug();
    SlugPlan {
        heading: ctx.tr.args(T::EDIT_TITLE, &[("name", name.into())]),
        action: format!("/{}/{slug}/edit", T::PATH),
        cancel_href: format!("/{}/{slug}", T::PATH),
        existing: Some(slug.clone()),
        current: value.current(),
    }
}

/// The record behind an edit form, if this viewer may edit it ([`records::editable`]).
pub(super) async fn load_slug_record<T: SlugForm>(
    state: &AppState,
    staff: &SignedIn,
    slug: String,
) -> Result<Record<T>, AppError> {
    let user = staff.principal.clone();
    Ok(state
        .store
        .read(move |c| records::editable::<T>(c, &user, &slug))
        .await?)
}

pub(super) async fn slug_edit_form<T: SlugForm>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let record = load_slug_record::<T>(&state, &staff, slug).await?;
    let plan = slug_edit_plan(&ctx, &record.value);
    let fields = record.value.to_fields();
    let none = ValidationErrors::default();
    T::show(
        &state,
        ctx,
        &staff.principal,
        plan,
        &fields,
        none,
        StatusCode::OK,
    )
    .await
}

pub(super) async fn slug_edit_save<T: SlugForm>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let record = load_slug_record::<T>(&state, &staff, slug.clone()).await?;
    let plan = slug_edit_plan(&ctx, &record.value);
    let principal = &staff.principal;
    if let Some(shown) = T::review(&fields) {
        let none = ValidationErrors::default();
        return T::show(&state, ctx, principal, plan, &shown, none, StatusCode::OK).await;
    }
    if let Err(errors) = T::parse(&fields, Some(&record.value), principal) {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return T::show(&state, ctx, principal, plan, &fields, errors, status).await;
    }
    let (user, submitted) = (principal.clone(), fields.clone());
    let written = state
        .write(move |c| {
            // Applied to the record as it is now, so parts edited elsewhere meanwhile are kept.
            let current = T::get(c, &slug)?;
            let value = T::parse(&submitted, Some(&current.value), &user)?;
            records::save(c, &user, &slug, &value)
        })
        .await;
    slug_saved::<T>(&state, ctx, principal, plan, &fields, written).await
}

#[derive(Deserialize, Default)]
pub(super) struct NewQuery {
    host: Option<String>,
}

impl NewQuery {
    fn host(&self) -> Option<&str> {
        self.host.as_deref().filter(|h| !h.trim().is_empty())
    }
}

pub(super) async fn slug_new_form<T: SlugForm>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    require_event_creator(&staff)?;
    let fields = T::new_fields(&state, &staff, &ctx, q.host()).await?;
    let plan = T::new_plan(&ctx, q.host());
    let none = ValidationErrors::default();
    T::show(
        &state,
        ctx,
        &staff.principal,
        plan,
        &fields,
        none,
        StatusCode::OK,
    )
    .await
}

pub(super) async fn slug_new_save<T: SlugForm>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Query(q): Query<NewQuery>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    require_event_creator(&staff)?;
    let plan = T::new_plan(&ctx, q.host());
    slug_create::<T>(&state, ctx, &staff.principal, plan, fields).await
}

/// Parses a "new" form and, if all is well, adds the record; otherwise shows the form again.
async fn slug_create<T: SlugForm>(
    state: &AppState,
    ctx: PageCtx,
    principal: &Principal,
    plan: SlugPlan,
    fields: Fields,
) -> Result<Response, AppError> {
    if let Some(shown) = T::review(&fields) {
        let none = ValidationErrors::default();
        return T::show(state, ctx, principal, plan, &shown, none, StatusCode::OK).await;
    }
    let value = match T::parse(&fields, None, principal) {
        Ok(v) => v,
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return T::show(state, ctx, principal, plan, &fields, errors, status).await;
        }
    };
    let user = principal.clone();
    let written = state
        .write(move |c| {
            let slug = value.slug().to_string();
            // `save` replaces a record with this slug; a new one must not.
            match T::get(c, &slug) {
                Ok(_) => return Err(StoreError::Taken { field: "slug" }),
                Err(StoreError::NotFound) => {}
                Err(e) => return Err(e),
            }
            records::save(c, &user, &slug, &value)
        })
        .await;
    slug_saved::<T>(state, ctx, principal, plan, &fields, written).await
}

/// After a write: to the record's page, or the form again with what the store refused.
async fn slug_saved<T: SlugForm>(
    state: &AppState,
    ctx: PageCtx,
    principal: &Principal,
    plan: SlugPlan,
    fields: &[(String, String)],
    written: Result<(i64, Saved), StoreError>,
) -> Result<Response, AppError> {
    match written {
        Ok(_) => {
            let slug = match &plan.existing {
                Some(s) => s.to_string(),
                None => value(fields, "slug").trim().to_owned(),
            };
            Ok(Redirect::to(&format!("/{}/{slug}", T::PATH)).into_response())
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            T::show(state, ctx, principal, plan, fields, errors, status).await
        }
    }
}

/// The plan of a form for a part of a record, at `…/new` and `…/{key}/edit` below the record:
/// an institution's collections, an event's documents and programme items. The handlers below
/// check the CSRF token and wire the routes; each part keeps who may and what is stored (its
/// plan), its page and its save.
pub(super) trait PartForm: Sized + Send + Sync + 'static {
    /// The record at `slug` and, when editing, its part `key`, if this viewer may change them.
    fn plan(
        state: &AppState,
        staff: &SignedIn,
        slug: String,
        key: Option<String>,
    ) -> impl Future<Output = Result<Self, AppError>> + Send;
    /// The stored part's fields, or what an empty "new" form starts with.
    fn fields(&self) -> Fields;
    fn show(
        &self,
        ctx: PageCtx,
        fields: &[(String, String)],
        errors: ValidationErrors,
        status: StatusCode,
    ) -> Result<Response, AppError>;
    /// Parses the form and writes the part, or shows the form again with every problem.
    fn save(
        self,
        state: &AppState,
        ctx: PageCtx,
        staff: &SignedIn,
        fields: Fields,
    ) -> impl Future<Output = Result<Response, AppError>> + Send;
}

async fn part_form<T: PartForm>(
    state: &AppState,
    staff: &SignedIn,
    ctx: PageCtx,
    slug: String,
    key: Option<String>,
) -> Result<Response, AppError> {
    let plan = T::plan(state, staff, slug, key).await?;
    let none = ValidationErrors::default();
    plan.show(ctx, &plan.fields(), none, StatusCode::OK)
}

pub(super) async fn part_new_form<T: PartForm>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    part_form::<T>(&state, &staff, ctx, slug, None).await
}

pub(super) async fn part_edit_form<T: PartForm>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path((slug, key)): Path<(String, String)>,
) -> Result<Response, AppError> {
    part_form::<T>(&state, &staff, ctx, slug, Some(key)).await
}

pub(super) async fn part_new_save<T: PartForm>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let plan = T::plan(&state, &staff, slug, None).await?;
    plan.save(&state, ctx, &staff, fields).await
}

pub(super) async fn part_edit_save<T: PartForm>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path((slug, key)): Path<(String, String)>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let plan = T::plan(&state, &staff, slug, Some(key)).await?;
    plan.save(&state, ctx, &staff, fields).await
}
