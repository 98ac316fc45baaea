//! Staff pages: editing institutions and networks, invitations, the account page, the audit log.
//!
//! Forms post plain fields. Parsing is done by plain functions from fields to domain values that
//! report every problem at once, each under its field's name (tests at the end). Handlers check
//! the CSRF token and the viewer's rights first, then parse, then write in one transaction; an
//! invalid form is shown again (422) with the submitted values and a message at each field.

use super::{Head, PageCtx, Pager, page_template, render};
use crate::auth::{self, ANON_CSRF_COOKIE, SignedIn, Staff, check_csrf, check_staff_form};
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
        .route("/invitations/new", get(invite_form).post(invite))
        .route("/invitations/{token}", get(accept_form).post(accept))
        .route("/account", get(account))
        // A language switch on the page a token form returns leads here: back to the account.
        .route("/account/tokens", get(to_account).post(create_token))
        .route("/account/tokens/{id}/revoke", post(revoke_token))
        .route("/admin/audit", get(audit_log))
        // These pages carry CSRF tokens, secrets shown once and invitation links: never stored.
        .route_layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// Submitted form fields, in order, repeated names kept (`networks`).
type Fields = Vec<(String, String)>;

/// (value, label, selected) for a `<select>`.
type Choice = (String, String, bool);

/// The content languages every multilingual field offers, in this order.
const FORM_LANGS: [&str; 5] = ["uk", "ru", "kk-Cyrl", "kk-Latn", "en"];

/// The first value submitted under `name`, or "".
fn value<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    auth::field(fields, name).unwrap_or("")
}

fn values<'a>(fields: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> {
    fields
        .iter()
        .filter(move |(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// A trimmed value, `None` when blank.
fn optional(fields: &[(String, String)], name: &str) -> Option<String> {
    Some(value(fields, name).trim().to_owned()).filter(|v| !v.is_empty())
}

/// A field problem in the page's language: the `error-<reason>` message, given `$limit` when
/// the rule has one. Reasons without a message fall back to a generic one.
pub fn error_text(tr: &Tr, e: &FieldError) -> String {
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
fn form_errors(e: StoreError) -> Result<ValidationErrors, AppError> {
    match e {
        StoreError::Invalid(v) => Ok(v),
        StoreError::Taken { field } => Ok(FieldError::new(field, "taken").into_errors()),
        other => Err(other.into()),
    }
}

fn utc(t: &NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn iso(t: &NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn require_platform_admin(staff: &SignedIn) -> Result<(), AppError> {
    if staff.principal.can_create_institutions_and_networks() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing: form fields -> domain values
// ---------------------------------------------------------------------------------------------

/// A multilingual field from `FIELD.<tag>` inputs plus the optional "other language" pair
/// (`other_lang.FIELD`, `other_text.FIELD`).
fn localized(
    fields: &[(String, String)],
    field: &str,
    errors: &mut ValidationErrors,
) -> LocalizedText {
    let mut text = LocalizedText::new();
    let prefix = format!("{field}.");
    for (key, raw) in fields {
        let Some(tag) = key.strip_prefix(&prefix) else {
            continue;
        };
        match tag.parse::<LangTag>() {
            Ok(tag) if !raw.trim().is_empty() => text.set(tag, raw.as_str()),
            Ok(_) => {}
            Err(_) => errors.push(FieldError::new(key.clone(), "invalid-lang")),
        }
    }
    let tag_field = format!("other_lang.{field}");
    let text_field = format!("other_text.{field}");
    let raw_tag = value(fields, &tag_field).trim();
    let raw_text = value(fields, &text_field);
    match (raw_tag.is_empty(), raw_text.trim().is_empty()) {
        (true, true) => {}
        (true, false) => errors.push(FieldError::new(tag_field, "required")),
        (false, true) => errors.push(FieldError::new(text_field, "required")),
        (false, false) => match raw_tag.parse::<LangTag>() {
            Err(_) => errors.push(FieldError::new(tag_field, "invalid-lang")),
            Ok(tag) if text.get(tag.as_str()).is_some() => {
                errors.push(FieldError::new(tag_field, "taken"))
            }
            Ok(tag) => text.set(tag, raw_text),
        },
    }
    text
}

fn contacts(fields: &[(String, String)], errors: &mut ValidationErrors) -> Contacts {
    let website = optional(fields, "website").and_then(|raw| match url::Url::parse(&raw) {
        Ok(url) => Some(url),
        Err(_) => {
            errors.push(FieldError::new("website", "invalid-url"));
            None
        }
    });
    Contacts {
        email: optional(fields, "email"),
        phone: optional(fields, "phone"),
        website,
    }
}

fn choice<K>(
    fields: &[(String, String)],
    name: &str,
    from_code: impl Fn(&str) -> Option<K>,
    errors: &mut ValidationErrors,
) -> Option<K> {
    let raw = value(fields, name).trim();
    if raw.is_empty() {
        errors.push(FieldError::new(name, "required"));
        return None;
    }
    let found = from_code(raw);
    if found.is_none() {
        errors.push(FieldError::new(name, "invalid-choice"));
    }
    found
}

/// What institutions and networks share, as submitted. `None` marks a part that did not parse
/// (its error is already recorded).
struct Common<K> {
    slug: Option<Slug>,
    kind: Option<K>,
    original_lang: Option<LangTag>,
    name: LocalizedText,
    description: LocalizedText,
    contacts: Contacts,
}

fn common<K>(
    fields: &[(String, String)],
    fixed_slug: Option<&Slug>,
    kind_from_code: impl Fn(&str) -> Option<K>,
    errors: &mut ValidationErrors,
) -> Common<K> {
    let slug = match fixed_slug {
        Some(s) => Some(s.clone()),
        None => Slug::parse("slug", value(fields, "slug"))
            .map_err(|e| errors.push(e))
            .ok(),
    };
    let kind = choice(fields, "kind", kind_from_code, errors);
    let original_lang = choice(fields, "original_lang", |t| t.parse().ok(), errors);
    Common {
        slug,
        kind,
        original_lang,
        name: localized(fields, "name", errors),
        description: localized(fields, "description", errors),
        contacts: contacts(fields, errors),
    }
}

impl<K> Common<K> {
    /// Stand-ins for parts that did not parse, so the value's own rules still run and report
    /// everything else. The value is never used when a stand-in was needed.
    fn stand_in_slug(&mut self) -> Slug {
        self.slug
            .take()
            .unwrap_or_else(|| Slug::parse("slug", "x").expect("a valid slug"))
    }

    fn stand_in_lang(&mut self) -> LangTag {
        self.original_lang.take().unwrap_or_else(|| {
            // A language the name has, so no "original name missing" follows from the stand-in.
            let tag = self
                .name
                .iter()
                .next()
                .map(|(t, _)| t.as_str())
                .unwrap_or("en");
            tag.parse().expect("a stored tag parses")
        })
    }
}

/// Adds the value's own rule violations to the parse errors, at most one per field.
fn finish<T>(
    value: T,
    validate: impl Fn(&T) -> Result<(), ValidationErrors>,
    mut errors: ValidationErrors,
) -> Result<T, ValidationErrors> {
    if let Err(found) = validate(&value) {
        for e in found.errors {
            if errors.for_field(&e.field).is_none() {
                errors.push(e);
            }
        }
    }
    errors.into_result(value)
}

/// An institution from its form. `fixed_slug` is the stored slug when editing (the form does not
/// change it); creating takes the submitted `slug`.
pub fn parse_institution(
    fields: &[(String, String)],
    fixed_slug: Option<&Slug>,
) -> Result<Institution, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let mut c = common(fields, fixed_slug, InstitutionKind::from_code, &mut errors);
    let region_code = optional(fields, "region_code").map(|r| r.to_ascii_uppercase());
    let country = CountryCode::parse("country", value(fields, "country"))
        .map_err(|e| errors.push(e))
        .ok()
        .unwrap_or_else(|| {
            // Judge the region code against the country it names, when the country is unusable.
            let named = region_code.as_deref().and_then(|r| r.split_once('-'));
            named
                .and_then(|(country, _)| CountryCode::parse("country", country).ok())
                .unwrap_or_else(|| CountryCode::parse("country", "ZZ").expect("valid"))
        });
    let value = Institution {
        slug: c.stand_in_slug(),
        kind: c.kind.unwrap_or(InstitutionKind::Other),
        original_lang: c.stand_in_lang(),
        name: c.name,
        description: c.description,
        country,
        region_code,
        region: localized(fields, "region", &mut errors),
        locality: localized(fields, "locality", &mut errors),
        address: localized(fields, "address", &mut errors),
        contacts: c.contacts,
    };
    finish(value, Institution::validate, errors)
}

/// A network from its form; see [`parse_institution`].
pub fn parse_network(
    fields: &[(String, String)],
    fixed_slug: Option<&Slug>,
) -> Result<Network, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let mut c = common(fields, fixed_slug, NetworkKind::from_code, &mut errors);
    let value = Network {
        slug: c.stand_in_slug(),
        kind: c.kind.unwrap_or(NetworkKind::Network),
        original_lang: c.stand_in_lang(),
        name: c.name,
        description: c.description,
        contacts: c.contacts,
    };
    finish(value, Network::validate, errors)
}

/// The ids of the ticked network checkboxes.
fn parse_network_ids(fields: &[(String, String)]) -> Result<Vec<i64>, FieldError> {
    values(fields, "networks")
        .map(|v| {
            v.trim()
                .parse()
                .map_err(|_| FieldError::new("networks", "unknown-network"))
        })
        .collect()
}

// Domain values -> form fields (what an edit form starts from)

fn push_text(out: &mut Fields, field: &str, text: &LocalizedText) {
    out.extend(
        text.iter()
            .map(|(tag, v)| (format!("{field}.{tag}"), v.to_owned())),
    );
}

fn push_common(
    out: &mut Fields,
    slug: &Slug,
    kind: &str,
    original_lang: &LangTag,
    name: &LocalizedText,
    description: &LocalizedText,
) {
    out.push(("slug".into(), slug.to_string()));
    out.push(("kind".into(), kind.to_owned()));
    out.push(("original_lang".into(), original_lang.to_string()));
    push_text(out, "name", name);
    push_text(out, "description", description);
}

fn push_contacts(out: &mut Fields, c: &Contacts) {
    let website = c.website.as_ref().map(ToString::to_string);
    for (name, v) in [
        ("email", &c.email),
        ("phone", &c.phone),
        ("website", &website),
    ] {
        out.push((name.into(), v.clone().unwrap_or_default()));
    }
}

pub fn institution_fields(i: &Institution) -> Fields {
    let mut out = Vec::new();
    push_common(
        &mut out,
        &i.slug,
        i.kind.code(),
        &i.original_lang,
        &i.name,
        &i.description,
    );
    out.push(("country".into(), i.country.as_str().to_owned()));
    out.push((
        "region_code".into(),
        i.region_code.clone().unwrap_or_default(),
    ));
    push_text(&mut out, "region", &i.region);
    push_text(&mut out, "locality", &i.locality);
    push_text(&mut out, "address", &i.address);
    push_contacts(&mut out, &i.contacts);
    out
}

pub fn network_fields(n: &Network) -> Fields {
    let mut out = Vec::new();
    push_common(
        &mut out,
        &n.slug,
        n.kind.code(),
        &n.original_lang,
        &n.name,
        &n.description,
    );
    push_contacts(&mut out, &n.contacts);
    out
}

// ---------------------------------------------------------------------------------------------
// Form views: what `staff_field.html` and `staff_lang_group.html` draw
// ---------------------------------------------------------------------------------------------

/// One labelled control.
pub struct Field {
    pub name: String,
    pub id: String,
    pub label: String,
    /// An `<input type>` (`text`, `email`, `url`, `tel`, `password`), or `textarea`, or `select`.
    pub kind: &'static str,
    pub value: String,
    pub options: Vec<Choice>,
    /// The language of the value, for multilingual inputs.
    pub lang: Option<String>,
    pub help: Option<String>,
    /// This control's own problem, translated.
    pub error: Option<String>,
    /// The group whose problem also concerns this control (`name` for `name.uk`).
    pub group_error: Option<String>,
    /// Shown, not editable and not submitted.
    pub readonly: bool,
    pub required: bool,
    pub autocomplete: Option<&'static str>,
}

impl Field {
    pub fn invalid(&self) -> bool {
        self.error.is_some() || self.group_error.is_some()
    }

    /// The ids of the help text and messages that describe the control.
    pub fn describedby(&self) -> String {
        let mut ids = Vec::new();
        if self.help.is_some() {
            ids.push(format!("help-{}", self.name));
        }
        if let Some(group) = &self.group_error {
            ids.push(format!("err-{group}"));
        }
        if self.error.is_some() {
            ids.push(format!("err-{}", self.name));
        }
        ids.join(" ")
    }

    fn help(mut self, text: String) -> Self {
        self.help = Some(text);
        self
    }

    fn required(mut self) -> Self {
        self.required = true;
        self
    }

    fn autocomplete(mut self, token: &'static str) -> Self {
        self.autocomplete = Some(token);
        self
    }

    fn readonly(mut self, value: &str) -> Self {
        self.readonly = true;
        self.value = value.to_owned();
        self
    }
}

/// A multilingual field: one input per language, side by side, in a fieldset.
pub struct LangGroup {
    pub name: String,
    pub legend: String,
    /// A problem with the field as a whole (e.g. no name in any language).
    pub error: Option<String>,
    pub inputs: Vec<Field>,
    /// The "other language" pair: a tag and a value.
    pub others: Vec<Field>,
    /// Show the pair unfolded (it holds a value or a problem).
    pub others_open: bool,
}

/// One part of a record form.
pub enum Item {
    Field(Field),
    Group(LangGroup),
}

/// Builds controls from submitted (or stored) values and the problems found in them,
/// remembering which problems found a place at a control.
pub struct FormBuilder<'a> {
    tr: Tr,
    values: &'a [(String, String)],
    errors: &'a ValidationErrors,
    placed: Vec<String>,
}

impl<'a> FormBuilder<'a> {
    pub fn new(tr: Tr, values: &'a [(String, String)], errors: &'a ValidationErrors) -> Self {
        FormBuilder {
            tr,
            values,
            errors,
            placed: Vec::new(),
        }
    }

    fn message(&self, name: &str) -> Option<String> {
        self.errors.for_field(name).map(|e| error_text(&self.tr, e))
    }

    /// Marks `name` as shown, returning its problem, if any.
    fn place(&mut self, name: &str) -> Option<String> {
        self.placed.push(name.to_owned());
        self.message(name)
    }

    fn control(&mut self, name: &str, label: String, kind: &'static str) -> Field {
        Field {
            name: name.to_owned(),
            id: format!("f-{name}"),
            label,
            kind,
            value: value(self.values, name).to_owned(),
            options: Vec::new(),
            lang: None,
            help: None,
            error: self.place(name),
            group_error: None,
            readonly: false,
            required: false,
            autocomplete: None,
        }
    }

    fn input(&mut self, name: &str, label_id: &str, kind: &'static str) -> Field {
        let label = self.tr.t(label_id);
        self.control(name, label, kind)
    }

    fn select(&mut self, name: &str, label_id: &str, options: Vec<(String, String)>) -> Field {
        let mut f = self.input(name, label_id, "select");
        f.options = options
            .into_iter()
            .map(|(v, label)| {
                let selected = v == f.value;
                (v, label, selected)
            })
            .collect();
        f
    }

    /// The inputs of a multilingual field: the form's languages, then any other language the
    /// value has (or `also`, e.g. the original language), then the "other language" pair.
    fn lang_group(
        &mut self,
        name: &str,
        label_id: &str,
        multiline: bool,
        also: Option<&str>,
    ) -> LangGroup {
        let kind = if multiline { "textarea" } else { "text" };
        let prefix = format!("{name}.");
        let mut tags: Vec<String> = FORM_LANGS.iter().map(|t| (*t).to_owned()).collect();
        let present = self
            .values
            .iter()
            .filter_map(|(k, _)| k.strip_prefix(&prefix))
            .chain(also.filter(|t| !t.is_empty()));
        for tag in present {
            if !tags.iter().any(|t| t == tag) {
                tags.push(tag.to_owned());
            }
        }
        let error = self.place(name);
        let english = Tr::new(UiLang::En);
        let mut inputs = Vec::new();
        for tag in tags {
            let label_id = format!("lang-name-{tag}");
            let label = if english.has_own(&label_id) {
                self.tr.t(&label_id)
            } else {
                self.tr
                    .args("form-lang-tag", &[("name", tag.clone().into())])
            };
            let mut f = self.control(&format!("{prefix}{tag}"), label, kind);
            f.lang = Some(tag);
            f.group_error = error.is_some().then(|| name.to_owned());
            inputs.push(f);
        }
        let other_lang = self
            .input(&format!("other_lang.{name}"), "form-other-language", "text")
            .help(self.tr.t("form-other-language-help"));
        let other_text = self.input(
            &format!("other_text.{name}"),
            "form-other-language-text",
            kind,
        );
        let others_open = [&other_lang, &other_text]
            .iter()
            .any(|f| !f.value.trim().is_empty() || f.error.is_some());
        LangGroup {
            name: name.to_owned(),
            legend: self.tr.t(label_id),
            error,
            inputs,
            others: vec![other_lang, other_text],
            others_open,
        }
    }

    /// Problems no control shows (e.g. from a field the form does not have), with their field.
    fn unplaced(&self) -> Vec<String> {
        self.errors
            .errors
            .iter()
            .filter(|e| !self.placed.contains(&e.field))
            .map(|e| format!("{}: {}", e.field, error_text(&self.tr, e)))
            .collect()
    }
}

/// `original_lang` choices: the form's languages, plus the current value if it is another.
fn lang_options(tr: &Tr, current: &str) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = FORM_LANGS
        .iter()
        .map(|t| ((*t).to_owned(), tr.t(&format!("lang-name-{t}"))))
        .collect();
    if !current.is_empty() && !FORM_LANGS.contains(&current) {
        options.push((current.to_owned(), current.to_owned()));
    }
    options
}

/// Slug, kind and original language: the head of both record forms.
fn head_controls(
    b: &mut FormBuilder<'_>,
    fixed_slug: Option<&Slug>,
    kinds: Vec<(String, String)>,
) -> Vec<Item> {
    let slug = b
        .input("slug", "field-slug", "text")
        .help(b.tr.t("field-slug-help"));
    let slug = match fixed_slug {
        Some(s) => slug.readonly(s.as_str()),
        None => slug.required(),
    };
    let kind = b.select("kind", "field-kind", kinds);
    let current = value(b.values, "original_lang").trim().to_owned();
    let langs = lang_options(&b.tr, &current);
    let lang = b.select("original_lang", "field-original-lang", langs);
    vec![Item::Field(slug), Item::Field(kind), Item::Field(lang)]
}

fn text_controls(b: &mut FormBuilder<'_>) -> Vec<Item> {
    let original = value(b.values, "original_lang").trim().to_owned();
    vec![
        Item::Group(b.lang_group("name", "field-name", false, Some(&original))),
        Item::Group(b.lang_group("description", "field-description", true, None)),
    ]
}

fn contact_controls(b: &mut FormBuilder<'_>) -> Vec<Item> {
    vec![
        Item::Field(
            b.input("email", "field-email", "email")
                .autocomplete("email"),
        ),
        Item::Field(b.input("phone", "field-phone", "tel").autocomplete("tel")),
        Item::Field(
            b.input("website", "field-website", "url")
                .autocomplete("url"),
        ),
    ]
}

fn institution_controls(b: &mut FormBuilder<'_>, fixed_slug: Option<&Slug>) -> Vec<Item> {
    let kinds = InstitutionKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), b.tr.t(&format!("kind-{}", k.code()))))
        .collect();
    let mut items = head_controls(b, fixed_slug, kinds);
    items.extend(text_controls(b));
    items.push(Item::Field(
        b.input("country", "field-country", "text").required(),
    ));
    items.push(Item::Field(b.input(
        "region_code",
        "field-region-code",
        "text",
    )));
    for (name, label) in [
        ("region", "field-region"),
        ("locality", "field-locality"),
        ("address", "field-address"),
    ] {
        items.push(Item::Group(b.lang_group(name, label, false, None)));
    }
    items.extend(contact_controls(b));
    items
}

fn network_controls(b: &mut FormBuilder<'_>, fixed_slug: Option<&Slug>) -> Vec<Item> {
    let kinds = NetworkKind::ALL
        .iter()
        .map(|k| {
            let label = b.tr.t(&format!("network-kind-{}", k.code()));
            (k.code().to_owned(), label)
        })
        .collect();
    let mut items = head_controls(b, fixed_slug, kinds);
    items.extend(text_controls(b));
    items.extend(contact_controls(b));
    items
}

/// The content language a new record starts with: the interface's own.
fn default_original_lang(lang: UiLang) -> &'static str {
    match lang {
        UiLang::Kk => "kk-Cyrl",
        other => other.code(),
    }
}

// ---------------------------------------------------------------------------------------------
// Record forms, shared by institutions and networks
// ---------------------------------------------------------------------------------------------

/// What the shared record-form handlers need to know about a kind of record.
/// The form side of an editable record; the rest comes from [`EditableRecord`].
trait StaffRecord: EditableRecord {
    const NEW_PATH: &'static str;
    const NEW_TITLE: &'static str;
    const EDIT_TITLE: &'static str;
    /// Whether platform administrators set network memberships on this form.
    const MEMBERSHIPS: bool;

    fn to_fields(&self) -> Fields;
    fn parse(
        fields: &[(String, String)],
        fixed_slug: Option<&Slug>,
    ) -> Result<Self, ValidationErrors>;
    fn controls(b: &mut FormBuilder<'_>, fixed_slug: Option<&Slug>) -> Vec<Item>;
    fn memberships(c: &mut DbConnection, id: i64) -> Result<Vec<i64>, StoreError>;
    fn set_memberships(
        c: &mut DbConnection,
        actor: i64,
        id: i64,
        networks: &[i64],
    ) -> Result<(), StoreError>;
}

impl StaffRecord for Institution {
    const NEW_PATH: &'static str = "/admin/institutions/new";
    const NEW_TITLE: &'static str = "new-institution-title";
    const EDIT_TITLE: &'static str = "edit-institution-title";
    const MEMBERSHIPS: bool = true;

    fn to_fields(&self) -> Fields {
        institution_fields(self)
    }
    fn parse(
        fields: &[(String, String)],
        fixed_slug: Option<&Slug>,
    ) -> Result<Self, ValidationErrors> {
        parse_institution(fields, fixed_slug)
    }
    fn controls(b: &mut FormBuilder<'_>, fixed_slug: Option<&Slug>) -> Vec<Item> {
        institution_controls(b, fixed_slug)
    }
    fn memberships(c: &mut DbConnection, id: i64) -> Result<Vec<i64>, StoreError> {
        institutions::network_ids(c, id)
    }
    fn set_memberships(
        c: &mut DbConnection,
        actor: i64,
        id: i64,
        networks: &[i64],
    ) -> Result<(), StoreError> {
        institutions::set_networks(c, Some(actor), id, networks).map(drop)
    }
}

impl StaffRecord for Network {
    const NEW_PATH: &'static str = "/admin/networks/new";
    const NEW_TITLE: &'static str = "new-network-title";
    const EDIT_TITLE: &'static str = "edit-network-title";
    const MEMBERSHIPS: bool = false;

    fn to_fields(&self) -> Fields {
        network_fields(self)
    }
    fn parse(
        fields: &[(String, String)],
        fixed_slug: Option<&Slug>,
    ) -> Result<Self, ValidationErrors> {
        parse_network(fields, fixed_slug)
    }
    fn controls(b: &mut FormBuilder<'_>, fixed_slug: Option<&Slug>) -> Vec<Item> {
        network_controls(b, fixed_slug)
    }
    fn memberships(_: &mut DbConnection, _: i64) -> Result<Vec<i64>, StoreError> {
        Ok(Vec::new())
    }
    fn set_memberships(_: &mut DbConnection, _: i64, _: i64, _: &[i64]) -> Result<(), StoreError> {
        Ok(())
    }
}

/// Whether this viewer's saves of this kind of record set network memberships.
fn sets_memberships<T: StaffRecord>(p: &Principal) -> bool {
    T::MEMBERSHIPS && p.platform_admin
}

/// A network checkbox.
pub struct NetworkChoice {
    pub id: i64,
    pub name: String,
    pub lang: Option<String>,
    pub checked: bool,
}

page_template!(RecordFormPage, "staff_record_form.html" {
    heading: String,
    action: String,
    cancel_href: String,
    has_errors: bool,
    unplaced: Vec<String>,
    items: Vec<Item>,
    networks: Option<Vec<NetworkChoice>>,
    networks_error: Option<String>,
});

/// Which record form: a new record, or an existing one (its id and stored slug).
struct FormPlan {
    heading: String,
    action: String,
    cancel_href: String,
    existing: Option<(i64, Slug)>,
}

fn new_plan<T: StaffRecord>(ctx: &PageCtx) -> FormPlan {
    FormPlan {
        heading: ctx.t(T::NEW_TITLE),
        action: T::NEW_PATH.to_owned(),
        cancel_href: "/account".to_owned(),
        existing: None,
    }
}

fn edit_plan<T: StaffRecord>(ctx: &PageCtx, record: &Record<T>) -> FormPlan {
    let name = ctx.pick(record.value.name()).text.to_owned();
    let slug = record.value.slug();
    FormPlan {
        heading: ctx.tr.args(T::EDIT_TITLE, &[("name", name.into())]),
        action: format!("/{}/{slug}/edit", T::PATH),
        cancel_href: format!("/{}/{slug}", T::PATH),
        existing: Some((record.id, slug.clone())),
    }
}

/// Every network, in name order.
async fn all_networks(state: &AppState) -> Result<Vec<Record<Network>>, AppError> {
    Ok(state
        .store
        .read(|c| {
            let mut all = Vec::new();
            loop {
                let page = networks::list(
                    c,
                    PageRequest::new(all.len() as i64, PageRequest::MAX_LIMIT),
                )?;
                let got = page.items.len();
                all.extend(page.items);
                if got == 0 || all.len() as i64 >= page.total {
                    return Ok(all);
                }
            }
        })
        .await?)
}

async fn show_record_form<T: StaffRecord>(
    state: &AppState,
    ctx: PageCtx,
    principal: &Principal,
    plan: FormPlan,
    fields: &[(String, String)],
    errors: &ValidationErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let all = if sets_memberships::<T>(principal) {
        all_networks(state).await?
    } else {
        Vec::new()
    };
    let mut b = FormBuilder::new(ctx.tr, fields, errors);
    let items = T::controls(&mut b, plan.existing.as_ref().map(|(_, s)| s));
    let networks_error = sets_memberships::<T>(principal)
        .then(|| b.place("networks"))
        .flatten();
    let ticked: Vec<&str> = values(fields, "networks").collect();
    let networks = (!all.is_empty()).then(|| {
        all.iter()
            .map(|n| {
                let shown = ctx.pick(&n.value.name);
                NetworkChoice {
                    id: n.id,
                    name: shown.text.to_owned(),
                    lang: shown.lang.map(str::to_owned),
                    checked: ticked.contains(&n.id.to_string().as_str()),
                }
            })
            .collect()
    });
    let unplaced = b.unplaced();
    let page = RecordFormPage {
        head: Head::new(plan.heading.clone()),
        ctx,
        heading: plan.heading,
        action: plan.action,
        cancel_href: plan.cancel_href,
        has_errors: !errors.is_empty(),
        unplaced,
        items,
        networks,
        networks_error,
    };
    Ok((status, render(&page)?).into_response())
}

/// The record behind an edit form, if this viewer may edit it.
async fn load_editable<T: StaffRecord>(
    state: &AppState,
    staff: &SignedIn,
    slug: String,
) -> Result<Record<T>, AppError> {
    let record = state.store.read(move |c| T::load(c, &slug)).await?;
    if !T::may_edit(&staff.principal, record.id) {
        return Err(AppError::Forbidden);
    }
    Ok(record)
}

async fn edit_form<T: StaffRecord>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let record = load_editable::<T>(&state, &staff, slug).await?;
    let mut fields = record.value.to_fields();
    if sets_memberships::<T>(&staff.principal) {
        let id = record.id;
        let ids = state.store.read(move |c| T::memberships(c, id)).await?;
        fields.extend(ids.iter().map(|id| ("networks".to_owned(), id.to_string())));
    }
    let plan = edit_plan(&ctx, &record);
    let no_errors = ValidationErrors::default();
    show_record_form::<T>(
        &state,
        ctx,
        &staff.principal,
        plan,
        &fields,
        &no_errors,
        StatusCode::OK,
    )
    .await
}

async fn edit_save<T: StaffRecord>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let record = load_editable::<T>(&state, &staff, slug).await?;
    let plan = edit_plan(&ctx, &record);
    save::<T>(state, ctx, staff, plan, fields).await
}

async fn new_form<T: StaffRecord>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
) -> Result<Response, AppError> {
    require_platform_admin(&staff)?;
    let fields = vec![(
        "original_lang".to_owned(),
        default_original_lang(ctx.lang).to_owned(),
    )];
    let plan = new_plan::<T>(&ctx);
    let no_errors = ValidationErrors::default();
    show_record_form::<T>(
        &state,
        ctx,
        &staff.principal,
        plan,
        &fields,
        &no_errors,
        StatusCode::OK,
    )
    .await
}

async fn new_save<T: StaffRecord>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    require_platform_admin(&staff)?;
    let plan = new_plan::<T>(&ctx);
    save::<T>(state, ctx, staff, plan, fields).await
}

/// Parses a record form and, if all is well, writes it (and the memberships the viewer sets)
/// in one transaction; otherwise shows the form again with every problem.
async fn save<T: StaffRecord>(
    state: AppState,
    ctx: PageCtx,
    staff: SignedIn,
    plan: FormPlan,
    fields: Fields,
) -> Result<Response, AppError> {
    let principal = &staff.principal;
    let memberships = sets_memberships::<T>(principal);
    let mut errors = ValidationErrors::default();
    let value = T::parse(&fields, plan.existing.as_ref().map(|(_, s)| s))
        .map_err(|e| errors.errors.extend(e.errors))
        .ok();
    let networks = if memberships {
        parse_network_ids(&fields).map_err(|e| errors.push(e)).ok()
    } else {
        None
    };
    let value = match value {
        Some(v) if errors.is_empty() => v,
        _ => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return show_record_form::<T>(&state, ctx, principal, plan, &fields, &errors, status)
                .await;
        }
    };
    let target = format!("/{}/{}", T::PATH, value.slug());
    let user = principal.clone();
    let existing = plan.existing.as_ref().map(|(_, slug)| slug.to_string());
    let written = state
        .write(move |c| {
            let id = match &existing {
                Some(slug) => records::update(c, &user, slug, &value)?,
                None => records::create(c, &user, &value)?,
            };
            if let Some(ids) = networks {
                T::set_memberships(c, user.user_id, id, &ids)?;
            }
            Ok(())
        })
        .await;
    match written {
        Ok(()) => Ok(Redirect::to(&target).into_response()),
        Err(e) => {
            let errors = form_errors(e)?;
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            show_record_form::<T>(&state, ctx, principal, plan, &fields, &errors, status).await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Scopes (an institution or a network) as pages show them
// ---------------------------------------------------------------------------------------------

/// A scope's name (in the page language if it has one) and public page.
pub struct ScopeView {
    pub name: String,
    pub lang: Option<String>,
    pub href: String,
}

/// The public page and name of a scope's record.
fn load_scope(c: &mut DbConnection, scope: Scope) -> Result<(String, LocalizedText), StoreError> {
    Ok(match scope {
        Scope::Institution(id) => {
            let r = institutions::get(c, id)?;
            (format!("/institutions/{}", r.value.slug), r.value.name)
        }
        Scope::Network(id) => {
            let r = networks::get(c, id)?;
            (format!("/networks/{}", r.value.slug), r.value.name)
        }
    })
}

impl ScopeView {
    fn new(ctx: &PageCtx, (href, name): (String, LocalizedText)) -> Self {
        let shown = ctx.pick(&name);
        ScopeView {
            name: shown.text.to_owned(),
            lang: shown.lang.map(str::to_owned),
            href,
        }
    }
}

fn scope_param(scope: Scope) -> String {
    match scope {
        Scope::Institution(id) => format!("institution:{id}"),
        Scope::Network(id) => format!("network:{id}"),
    }
}

fn parse_scope(raw: &str) -> Option<Scope> {
    let (kind, id) = raw.split_once(':')?;
    let id = id.parse().ok()?;
    match kind {
        "institution" => Some(Scope::Institution(id)),
        "network" => Some(Scope::Network(id)),
        _ => None,
    }
}

/// The roles this person may hand out within `scope`.
fn invitable_roles(p: &Principal, scope: Scope) -> Vec<Role> {
    Role::ALL
        .into_iter()
        .filter(|r| r.fits(scope) && p.can_invite(scope, *r))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Invitations
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct ScopeQuery {
    scope: Option<String>,
}

/// A created invitation, shown once.
pub struct CreatedInvitation {
    pub message: String,
    pub link: String,
}

page_template!(InvitePage, "staff_invite.html" {
    scope: ScopeView,
    action: String,
    fields: Vec<Field>,
    has_errors: bool,
    unplaced: Vec<String>,
    created: Option<CreatedInvitation>,
});

/// The scope an invitation form is for, and the roles this person may give there (403 if none).
async fn invitation_scope(
    state: &AppState,
    staff: &SignedIn,
    q: &ScopeQuery,
) -> Result<(Scope, Vec<Role>, (String, LocalizedText)), AppError> {
    let raw = q.scope.as_deref().unwrap_or("");
    let scope = parse_scope(raw).ok_or_else(|| {
        AppError::BadRequest(format!(
            "scope: `{raw}` is not institution:<id> or network:<id>"
        ))
    })?;
    let roles = invitable_roles(&staff.principal, scope);
    if roles.is_empty() {
        return Err(AppError::Forbidden);
    }
    let shown = state.store.read(move |c| load_scope(c, scope)).await?;
    Ok((scope, roles, shown))
}

#[allow(clippy::too_many_arguments)]
fn show_invite(
    ctx: PageCtx,
    scope: Scope,
    shown: (String, LocalizedText),
    roles: &[Role],
    fields: &[(String, String)],
    errors: &ValidationErrors,
    created: Option<CreatedInvitation>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let mut b = FormBuilder::new(ctx.tr, fields, errors);
    let email = b
        .input("email", "invite-email", "email")
        .required()
        .autocomplete("off");
    let options = roles
        .iter()
        .map(|r| (r.code().to_owned(), ctx.t(&format!("role-{}", r.code()))))
        .collect();
    let role = b.select("role", "invite-role", options);
    let unplaced = b.unplaced();
    let page = InvitePage {
        head: Head::new(ctx.t("invite-title")),
        scope: ScopeView::new(&ctx, shown),
        action: format!("/invitations/new?scope={}", scope_param(scope)),
        fields: vec![email, role],
        has_errors: !errors.is_empty(),
        unplaced,
        created,
        ctx,
    };
    Ok((status, render(&page)?).into_response())
}

async fn invite_form(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Query(q): Query<ScopeQuery>,
) -> Result<Response, AppError> {
    let (scope, roles, shown) = invitation_scope(&state, &staff, &q).await?;
    let none = ValidationErrors::default();
    show_invite(ctx, scope, shown, &roles, &[], &none, None, StatusCode::OK)
}

async fn invite(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Query(q): Query<ScopeQuery>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let (scope, roles, shown) = invitation_scope(&state, &staff, &q).await?;
    let mut errors = ValidationErrors::default();
    let email = accounts::normalise_email(value(&fields, "email"))
        .map_err(|e| errors.push(e))
        .ok();
    let role = choice(&fields, "role", Role::from_code, &mut errors);
    let role = role.filter(|r| roles.contains(r));
    if role.is_none() && errors.for_field("role").is_none() {
        errors.push(FieldError::new("role", "invalid-choice"));
    }
    let (Some(email), Some(role), true) = (email, role, errors.is_empty()) else {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return show_invite(ctx, scope, shown, &roles, &fields, &errors, None, status);
    };
    let days = state.config.invitation_days;
    let principal = staff.principal.clone();
    let address = email.clone();
    let made = state
        .write(move |c| {
            let grant = Grant { scope, role };
            accounts::invite(c, &principal, &address, grant, TimeDelta::days(days))
        })
        .await;
    match made {
        Ok(token) => {
            let expires = kolo_store::now() + TimeDelta::days(days);
            let message = ctx.tr.args(
                "invite-created",
                &[("email", email.into()), ("date", utc(&expires).into())],
            );
            let created = CreatedInvitation {
                message,
                link: state.config.absolute(&format!("/invitations/{token}")),
            };
            let none = ValidationErrors::default();
            show_invite(
                ctx,
                scope,
                shown,
                &roles,
                &[],
                &none,
                Some(created),
                StatusCode::OK,
            )
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            show_invite(ctx, scope, shown, &roles, &fields, &errors, None, status)
        }
    }
}

/// An open invitation with what its page shows.
struct OpenInvitation {
    invitation: accounts::Invitation,
    scope_name: LocalizedText,
    /// The invited e-mail already has an account: accepting adds the role to it.
    existing: bool,
}

/// The invitation behind a link; `None` when it is unknown, used, expired, or its institution
/// or network is gone.
async fn open_invitation(
    state: &AppState,
    token: String,
) -> Result<Option<OpenInvitation>, AppError> {
    let found = state
        .store
        .read(move |c| {
            let invitation = accounts::open_invitation(c, &token)?;
            let (_, scope_name) = load_scope(c, invitation.grant.scope)?;
            let existing = accounts::user_id_by_email(c, &invitation.email)?.is_some();
            Ok(OpenInvitation {
                invitation,
                scope_name,
                existing,
            })
        })
        .await;
    match found {
        Ok(open) => Ok(Some(open)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

page_template!(AcceptPage, "account_accept.html" {
    action: String,
    csrf_token: String,
    // The link does not work: the page says so and shows no form.
    invalid: bool,
    intro: String,
    existing: Option<String>,
    // A failed or throttled password check.
    message: String,
    fields: Vec<Field>,
    has_errors: bool,
    unplaced: Vec<String>,
    submit: String,
});

struct AcceptView<'a> {
    token: &'a str,
    open: Option<&'a OpenInvitation>,
    fields: &'a [(String, String)],
    errors: &'a ValidationErrors,
    message: String,
}

fn show_accept(
    ctx: PageCtx,
    jar: CookieJar,
    csrf_token: String,
    view: AcceptView<'_>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let mut b = FormBuilder::new(ctx.tr, view.fields, view.errors);
    let (mut intro, mut existing, mut fields) = (String::new(), None, Vec::new());
    let mut submit = ctx.t("accept-submit");
    if let Some(open) = view.open {
        let inv = &open.invitation;
        let role = ctx.t(&format!("role-{}", inv.grant.role.code()));
        let scope = ctx.pick(&open.scope_name).text.to_owned();
        intro = ctx.tr.args(
            "accept-intro",
            &[("role", role.into()), ("scope", scope.into())],
        );
        fields.push(
            b.input("login", "login-email", "email")
                .readonly(&inv.email)
                .autocomplete("username"),
        );
        if open.existing {
            existing = Some(
                ctx.tr
                    .args("accept-existing", &[("email", inv.email.clone().into())]),
            );
            submit = ctx.t("accept-submit-existing");
            fields.push(
                b.input("password", "login-password", "password")
                    .required()
                    .autocomplete("current-password"),
            );
        } else {
            let name = b.input("display_name", "accept-name", "text");
            fields.push(name.required().autocomplete("name"));
            let password = b.input("password", "accept-password", "password");
            fields.push(password.required().autocomplete("new-password"));
        }
        // A password is never sent back.
        if let Some(p) = fields.iter_mut().find(|f| f.kind == "password") {
            p.value.clear();
        }
    }
    let unplaced = b.unplaced();
    let page = AcceptPage {
        head: Head::new(ctx.t("accept-title")),
        action: format!("/invitations/{}", view.token),
        csrf_token,
        invalid: view.open.is_none(),
        intro,
        existing,
        message: view.message,
        fields,
        has_errors: !view.errors.is_empty(),
        unplaced,
        submit,
        ctx,
    };
    Ok((status, jar, render(&page)?).into_response())
}

async fn accept_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let (jar, csrf) = auth::anon_csrf(jar, &state);
    let open = open_invitation(&state, token.clone()).await?;
    let status = if open.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let none = ValidationErrors::default();
    let view = AcceptView {
        token: &token,
        open: open.as_ref(),
        fields: &[],
        errors: &none,
        message: String::new(),
    };
    show_accept(ctx, jar, csrf, view, status)
}

async fn accept(
    State(state): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    headers: HeaderMap,
    Path(token): Path<String>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_csrf(
        &headers,
        jar.get(ANON_CSRF_COOKIE).map(|c| c.value()),
        auth::field(&fields, "csrf"),
    )?;
    let (jar, csrf) = auth::anon_csrf(jar, &state);
    let none = ValidationErrors::default();
    let open = open_invitation(&state, token.clone()).await?;
    let Some(open) = open else {
        let view = AcceptView {
            token: &token,
            open: None,
            fields: &[],
            errors: &none,
            message: String::new(),
        };
        return show_accept(ctx, jar, csrf, view, StatusCode::NOT_FOUND);
    };
    let password = value(&fields, "password").to_owned();
    if open.existing {
        // The role goes to an existing account: only its owner may take it, and the link alone
        // must not sign anyone in as them. The password check is throttled like the login form.
        let (email, p) = (open.invitation.email.clone(), password.clone());
        let outcome = state.write(move |c| sessions::login(c, &email, &p)).await?;
        let refused = match outcome {
            LoginOutcome::LoggedIn(_) => None,
            LoginOutcome::WrongCredentials => Some((StatusCode::UNAUTHORIZED, "login-failed")),
            LoginOutcome::Throttled => Some((StatusCode::TOO_MANY_REQUESTS, "login-throttled")),
        };
        if let Some((status, message)) = refused {
            let view = AcceptView {
                token: &token,
                open: Some(&open),
                fields: &fields,
                errors: &none,
                message: ctx.t(message),
            };
            return show_accept(ctx, jar, csrf, view, status);
        }
    }
    let display_name = value(&fields, "display_name").to_owned();
    let (t, email, verified) = (token.clone(), open.invitation.email.clone(), open.existing);
    let accepted = state
        .write(move |c| {
            // An account made for this e-mail since the page was opened: nobody has shown the
            // password of it, so the link must not sign in as it.
            if !verified && accounts::user_id_by_email(c, &email)?.is_some() {
                return Err(StoreError::Forbidden);
            }
            accounts::accept_invitation(c, &t, &display_name, &password)
        })
        .await;
    match accepted {
        Ok(user_id) => {
            let jar = auth::sign_in(&state, jar, user_id).await?;
            Ok((jar, Redirect::to("/account")).into_response())
        }
        Err(StoreError::NotFound) => {
            let view = AcceptView {
                token: &token,
                open: None,
                fields: &[],
                errors: &none,
                message: String::new(),
            };
            show_accept(ctx, jar, csrf, view, StatusCode::NOT_FOUND)
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let view = AcceptView {
                token: &token,
                open: Some(&open),
                fields: &fields,
                errors: &errors,
                message: String::new(),
            };
            show_accept(ctx, jar, csrf, view, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The account page and API tokens
// ---------------------------------------------------------------------------------------------

/// One of the viewer's roles, with what they may do there.
pub struct RoleRow {
    pub role: String,
    pub scope: ScopeView,
    pub edit: Option<(String, String)>,
    pub invite_href: Option<String>,
}

pub struct TokenRow {
    pub id: i64,
    pub label: String,
    pub created: String,
    pub created_iso: String,
    pub revoke_label: String,
}

page_template!(AccountPage, "account_page.html" {
    signed_in_as: String,
    roles: Vec<RoleRow>,
    tokens: Vec<TokenRow>,
    // A token just created: its secret, shown this once.
    new_token: Option<String>,
    token_fields: Vec<Field>,
    has_errors: bool,
    unplaced: Vec<String>,
});

async fn show_account(
    state: &AppState,
    ctx: PageCtx,
    staff: &SignedIn,
    new_token: Option<String>,
    fields: &[(String, String)],
    errors: &ValidationErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let p = staff.principal.clone();
    let grants = p.grants.clone();
    let user_id = p.user_id;
    let (scopes, tokens) = state
        .store
        .read(move |c| {
            let mut scopes = Vec::new();
            for g in grants {
                match load_scope(c, g.scope) {
                    Ok(found) => scopes.push((g, found)),
                    // A grant on a deleted record leads nowhere; leave it out.
                    Err(StoreError::NotFound) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok((scopes, sessions::api_tokens_of(c, user_id)?))
        })
        .await?;
    let roles = scopes
        .into_iter()
        .map(|(g, found)| {
            let scope = ScopeView::new(&ctx, found);
            let (may_edit, edit_label) = match g.scope {
                Scope::Institution(id) => (p.can_edit_institution(id), "institution-edit"),
                Scope::Network(id) => (p.can_edit_network(id), "network-edit"),
            };
            RoleRow {
                role: ctx.t(&format!("role-{}", g.role.code())),
                edit: may_edit.then(|| (format!("{}/edit", scope.href), ctx.t(edit_label))),
                invite_href: (!invitable_roles(&p, g.scope).is_empty())
                    .then(|| format!("/invitations/new?scope={}", scope_param(g.scope))),
                scope,
            }
        })
        .collect();
    let tokens = tokens
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            created: utc(&t.created_at),
            created_iso: iso(&t.created_at),
            revoke_label: ctx.tr.args(
                "account-token-revoke-named",
                &[("name", t.label.clone().into())],
            ),
            label: t.label,
        })
        .collect();
    let mut b = FormBuilder::new(ctx.tr, fields, errors);
    let label = b
        .input("label", "account-token-label", "text")
        .required()
        .autocomplete("off");
    let unplaced = b.unplaced();
    let signed_in_as = ctx.tr.args(
        "account-signed-in-as",
        &[
            ("name", p.display_name.clone().into()),
            ("email", p.email.clone().into()),
        ],
    );
    let page = AccountPage {
        head: Head::new(ctx.t("account-title")),
        ctx,
        signed_in_as,
        roles,
        tokens,
        new_token,
        token_fields: vec![label],
        has_errors: !errors.is_empty(),
        unplaced,
    };
    Ok((status, render(&page)?).into_response())
}

async fn account(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
) -> Result<Response, AppError> {
    let none = ValidationErrors::default();
    show_account(&state, ctx, &staff, None, &[], &none, StatusCode::OK).await
}

async fn to_account(Staff(_): Staff) -> Redirect {
    Redirect::to("/account")
}

async fn create_token(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let label = value(&fields, "label").to_owned();
    let user_id = staff.principal.user_id;
    let made = state
        .write(move |c| sessions::create_api_token(c, user_id, &label))
        .await;
    let none = ValidationErrors::default();
    match made {
        Ok(secret) => {
            show_account(
                &state,
                ctx,
                &staff,
                Some(secret),
                &[],
                &none,
                StatusCode::OK,
            )
            .await
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            show_account(&state, ctx, &staff, None, &fields, &errors, status).await
        }
    }
}

async fn revoke_token(
    State(state): State<AppState>,
    Staff(staff): Staff,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let user_id = staff.principal.user_id;
    state
        .write(move |c| sessions::revoke_api_token(c, user_id, id))
        .await?;
    Ok(Redirect::to("/account").into_response())
}

// ---------------------------------------------------------------------------------------------
// The audit log
// ---------------------------------------------------------------------------------------------

const AUDIT_PER_PAGE: i64 = 50;

#[derive(Deserialize)]
struct PageQuery {
    page: Option<String>,
}

pub struct AuditRow {
    pub when: String,
    pub when_iso: String,
    pub who: String,
    pub action: String,
    pub entity: String,
    pub detail: String,
}

page_template!(AuditPage, "staff_audit.html" {
    rows: Vec<AuditRow>,
    pager: Pager,
});

async fn audit_log(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    require_platform_admin(&staff)?;
    let page: i64 = match q.page.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => p
            .parse()
            .ok()
            .filter(|p| (1..=i64::from(i32::MAX)).contains(p))
            .ok_or_else(|| AppError::BadRequest(format!("page: `{p}` is not a page number")))?,
        None => 1,
    };
    let request = PageRequest::new((page - 1) * AUDIT_PER_PAGE, AUDIT_PER_PAGE);
    let (entries, people) = state
        .store
        .read(move |c| {
            let entries = audit::list(c, None, request)?;
            let mut ids: Vec<i64> = entries.items.iter().filter_map(|e| e.user_id).collect();
            ids.sort_unstable();
            ids.dedup();
            let mut people = std::collections::HashMap::new();
            for id in ids {
                match accounts::principal(c, id) {
                    Ok(p) => {
                        people.insert(id, format!("{} <{}>", p.display_name, p.email));
                    }
                    Err(StoreError::NotFound) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok((entries, people))
        })
        .await?;
    let pages = ((entries.total + AUDIT_PER_PAGE - 1) / AUDIT_PER_PAGE).max(1);
    let system = ctx.t("audit-system");
    let rows = entries
        .items
        .into_iter()
        .map(|e| AuditRow {
            when: utc(&e.at),
            when_iso: iso(&e.at),
            who: match e.user_id {
                Some(id) => people.get(&id).cloned().unwrap_or_else(|| format!("#{id}")),
                None => system.clone(),
            },
            entity: match e.entity_id {
                Some(id) => format!("{} #{id}", e.entity_kind),
                None => e.entity_kind,
            },
            detail: serde_json::from_str::<serde_json::Value>(&e.detail)
                .ok()
                .and_then(|v| serde_json::to_string_pretty(&v).ok())
                .unwrap_or(e.detail),
            action: e.action,
        })
        .collect();
    let pager = Pager::new(&ctx.tr, page, pages, |p| format!("/admin/audit?page={p}"));
    let page_view = AuditPage {
        head: Head::new(ctx.t("audit-title")),
        ctx,
        rows,
        pager,
    };
    render(&page_view)
}

#[cfg(test)]
mod tests {
    use super::*;
    use askama::Template;

    fn form(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn with(mut fields: Fields, name: &str, v: &str) -> Fields {
        fields.retain(|(k, _)| k != name);
        fields.push((name.to_owned(), v.to_owned()));
        fields
    }

    fn valid() -> Fields {
        form(&[
            ("csrf", "token"),
            ("slug", "novopskov-museum"),
            ("kind", "museum"),
            ("original_lang", "uk"),
            ("name.uk", "Новопсковський краєзнавчий музей"),
            ("name.ru", ""),
            ("name.kk-Cyrl", ""),
            ("name.kk-Latn", ""),
            ("name.en", "Novopskov Local History Museum"),
            (
                "description.uk",
                "Музей у смт Новопсков.\n\nЗасновано 1980 року.",
            ),
            ("country", "ua"),
            ("region_code", "ua-09"),
            ("region.uk", "Луганська область"),
            ("locality.uk", "Новопсков"),
            ("address.uk", "вул. Шкільна, 1"),
            ("email", "museum@example.org"),
            ("phone", "+380 6463 2-11-11"),
            ("website", "https://museum.example.org/"),
        ])
    }

    fn reasons(e: &ValidationErrors) -> Vec<(&str, &str)> {
        e.errors
            .iter()
            .map(|e| (e.field.as_str(), e.reason.as_str()))
            .collect()
    }

    #[test]
    fn a_full_valid_submission_parses() {
        let i = parse_institution(&valid(), None).unwrap();
        assert_eq!(i.slug.as_str(), "novopskov-museum");
        assert_eq!(i.kind, InstitutionKind::Museum);
        assert_eq!(i.original_lang.as_str(), "uk");
        assert_eq!(i.name.get("en"), Some("Novopskov Local History Museum"));
        assert_eq!(i.name.get("ru"), None, "blank inputs store nothing");
        assert_eq!(i.country.as_str(), "UA");
        assert_eq!(i.region_code.as_deref(), Some("UA-09"));
        assert_eq!(i.locality.get("uk"), Some("Новопсков"));
        assert_eq!(i.contacts.email.as_deref(), Some("museum@example.org"));
        assert_eq!(
            i.contacts.website.as_ref().map(|u| u.as_str()),
            Some("https://museum.example.org/")
        );
        assert_eq!(i.validate(), Ok(()));
    }

    #[test]
    fn a_blank_name_is_required() {
        let fields = with(with(valid(), "name.uk", "  "), "name.en", "");
        let e = parse_institution(&fields, None).unwrap_err();
        assert_eq!(reasons(&e), [("name", "required")]);
    }

    #[test]
    fn a_bad_website_is_an_invalid_url() {
        for bad in ["museum.example.org", "ftp://museum.example.org/"] {
            let e = parse_institution(&with(valid(), "website", bad), None).unwrap_err();
            assert_eq!(reasons(&e), [("website", "invalid-url")], "{bad}");
        }
    }

    #[test]
    fn an_unknown_kind_or_language_is_an_invalid_choice() {
        let e = parse_institution(&with(valid(), "kind", "zoo"), None).unwrap_err();
        assert_eq!(reasons(&e), [("kind", "invalid-choice")]);
        let e = parse_institution(&with(valid(), "original_lang", "not a tag"), None).unwrap_err();
        assert_eq!(reasons(&e), [("original_lang", "invalid-choice")]);
    }

    #[test]
    fn a_country_name_is_not_a_country_code() {
        let e = parse_institution(&with(valid(), "country", "Ukraine"), None).unwrap_err();
        // The region code is judged against the country it names, so only the country is wrong.
        assert_eq!(reasons(&e), [("country", "invalid-country")]);
        let e = parse_institution(&with(valid(), "country", ""), None).unwrap_err();
        assert_eq!(reasons(&e), [("country", "required")]);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut fields = with(valid(), "kind", "zoo");
        for (k, v) in [
            ("slug", "Not A Slug"),
            ("country", "Ukraine"),
            ("region_code", "somewhere"),
            ("website", "nowhere"),
            ("email", "nobody"),
            ("name.uk", ""),
        ] {
            fields = with(fields, k, v);
        }
        fields.push(("locality.en".into(), "x".repeat(Institution::MAX_PLACE + 1)));
        let e = parse_institution(&fields, None).unwrap_err();
        let mut got = reasons(&e);
        got.sort();
        assert_eq!(
            got,
            [
                ("country", "invalid-country"),
                ("email", "invalid-email"),
                ("kind", "invalid-choice"),
                ("locality.en", "too-long"),
                ("name.uk", "original-name-missing"),
                ("region_code", "invalid-region-code"),
                ("slug", "invalid-slug"),
                ("website", "invalid-url"),
            ]
        );
        assert_eq!(
            e.for_field("locality.en").unwrap().limit,
            Some(Institution::MAX_PLACE)
        );
    }

    #[test]
    fn an_extra_language_round_trips() {
        let mut i = parse_institution(&valid(), None).unwrap();
        i.name.set("de".parse().unwrap(), "Heimatmuseum Nowopskow");
        i.address.set("de".parse().unwrap(), "Schulstraße 1");
        let fields = institution_fields(&i);
        assert!(fields.contains(&("name.de".into(), "Heimatmuseum Nowopskow".into())));
        assert_eq!(parse_institution(&fields, None).unwrap(), i);
        // The form keeps the extra language as its own input, after the usual ones.
        let none = ValidationErrors::default();
        let mut b = FormBuilder::new(Tr::new(UiLang::En), &fields, &none);
        let g = b.lang_group("name", "field-name", false, None);
        let tags: Vec<_> = g
            .inputs
            .iter()
            .map(|f| f.lang.as_deref().unwrap())
            .collect();
        assert_eq!(tags, ["uk", "ru", "kk-Cyrl", "kk-Latn", "en", "de"]);
        assert_eq!(g.inputs[5].name, "name.de");
        assert_eq!(g.inputs[5].value, "Heimatmuseum Nowopskow");
        assert_eq!(g.inputs[2].label, "Kazakh (Cyrillic)");
    }

    #[test]
    fn the_other_language_pair_adds_a_language() {
        let fields = with(
            with(valid(), "other_lang.name", "pl"),
            "other_text.name",
            "Muzeum",
        );
        let i = parse_institution(&fields, None).unwrap();
        assert_eq!(i.name.get("pl"), Some("Muzeum"));
        let bad = with(fields.clone(), "other_lang.name", "no such tag");
        let e = parse_institution(&bad, None).unwrap_err();
        assert_eq!(reasons(&e), [("other_lang.name", "invalid-lang")]);
        let twice = with(fields.clone(), "other_lang.name", "uk");
        let e = parse_institution(&twice, None).unwrap_err();
        assert_eq!(reasons(&e), [("other_lang.name", "taken")]);
        let untagged = with(fields, "other_lang.name", "");
        let e = parse_institution(&untagged, None).unwrap_err();
        assert_eq!(reasons(&e), [("other_lang.name", "required")]);
    }

    #[test]
    fn an_edit_keeps_the_stored_slug() {
        let stored = Slug::parse("slug", "stored-slug").unwrap();
        let fields = with(valid(), "slug", "Something Else");
        let i = parse_institution(&fields, Some(&stored)).unwrap();
        assert_eq!(i.slug, stored);
    }

    #[test]
    fn networks_parse_with_the_same_rules() {
        let fields = form(&[
            ("slug", "model-libraries"),
            ("kind", "project"),
            ("original_lang", "ru"),
            ("name.ru", "Модельные библиотеки"),
            ("website", "https://example.org/"),
            ("other_lang.description", "de"),
            ("other_text.description", "Ein Projekt"),
        ]);
        let n = parse_network(&fields, None).unwrap();
        assert_eq!(n.kind, NetworkKind::Project);
        assert_eq!(n.description.get("de"), Some("Ein Projekt"));
        assert_eq!(parse_network(&network_fields(&n), None).unwrap(), n);
        let e = parse_network(&with(fields, "kind", "museum"), None).unwrap_err();
        assert_eq!(reasons(&e), [("kind", "invalid-choice")]);
    }

    #[test]
    fn network_ids_must_be_numbers() {
        let fields = form(&[("networks", "3"), ("networks", "7")]);
        assert_eq!(parse_network_ids(&fields), Ok(vec![3, 7]));
        let bad = form(&[("networks", "x")]);
        assert_eq!(parse_network_ids(&bad).unwrap_err().field, "networks");
    }

    #[test]
    fn error_messages_are_translated_with_their_limit() {
        let en = Tr::new(UiLang::En);
        let e = FieldError::new("name.en", "too-long").with_limit(300);
        assert_eq!(error_text(&en, &e), "At most 300 characters.");
        let e = FieldError::new("x", "no-such-reason");
        assert_eq!(error_text(&en, &e), en.t("error-bad-request"));
    }

    #[test]
    fn scopes_round_trip_through_the_query() {
        for s in [Scope::Institution(4), Scope::Network(12)] {
            assert_eq!(parse_scope(&scope_param(s)), Some(s));
        }
        assert_eq!(parse_scope("user:1"), None);
        assert_eq!(parse_scope("institution:x"), None);
    }

    fn ctx() -> PageCtx {
        PageCtx {
            tr: Tr::new(UiLang::En),
            lang: UiLang::En,
            lang_from_query: false,
            path: "/institutions/novopskov-museum/edit".into(),
            query: Vec::new(),
            viewer: None,
            public_url: "https://kolo.example.org".into(),
        }
    }

    #[test]
    fn an_invalid_form_marks_each_field() {
        let mut fields = with(valid(), "website", "nowhere");
        fields = with(fields, "name.uk", "");
        fields = with(fields, "name.en", "<script>x</script>");
        fields.push(("mystery".into(), "?".into()));
        let mut errors = parse_institution(&fields, None).unwrap_err();
        errors.push(FieldError::new("mystery", "required"));
        let mut b = FormBuilder::new(Tr::new(UiLang::En), &fields, &errors);
        let slug = Slug::parse("slug", "novopskov-museum").unwrap();
        let items = institution_controls(&mut b, Some(&slug));
        let unplaced = b.unplaced();
        assert_eq!(unplaced, ["mystery: This field is required."]);
        let page = RecordFormPage {
            ctx: ctx(),
            head: Head::new("Edit"),
            heading: "Edit".into(),
            action: "/institutions/novopskov-museum/edit".into(),
            cancel_href: "/institutions/novopskov-museum".into(),
            has_errors: true,
            unplaced,
            items,
            networks: None,
            networks_error: None,
        };
        let html = page.render().unwrap();
        assert!(html.contains(r#"<p class="notice error" role="alert">Please correct"#));
        assert!(
            html.contains(r#"<p class="error-message" id="err-website">Give a full web address"#)
        );
        assert!(html.contains(r#"aria-invalid="true" aria-describedby="err-website""#));
        assert!(
            html.contains(r#"value="nowhere""#),
            "submitted values are kept"
        );
        // The stored name in the original language is missing: the uk input says so.
        assert!(html.contains(r#"id="err-name.uk""#));
        assert!(html.contains(r#"<div class="field invalid">"#));
        // Everything is escaped.
        assert!(html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"));
        assert!(!html.contains("<script>x"));
        // The slug is shown, not submitted.
        assert!(html.contains(r#"value="novopskov-museum" readonly"#));
        assert!(!html.contains(r#"name="slug""#));
        assert!(html.contains(r#"<input type="hidden" name="csrf""#));
        assert!(html.contains(r#"lang="kk-Latn""#));
        assert!(!html.contains("style="));
    }
}
