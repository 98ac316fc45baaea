//! Event registration pages. Public: the form (`/events/{slug}/register`), and the page the
//! registrant's e-mailed link opens (`/registrations/{token}`), where they can cancel. Organisers
//! (whoever may edit the event, as [`records::editable`] decides): the settings form, the
//! registrants list with moderation, and the CSV download.
//!
//! These live beside the staff forms because they are built from the same form helpers. No page
//! here is ever cached: they carry CSRF tokens and, behind a link or a sign-in, personal data.
//! Every place-changing write commits before any e-mail is sent ([`mail::tell`]).

use super::event_pages::{row_count, time_kind};
use super::*;
use crate::mail::{self, Notice};
use crate::pages::events::{date, span};
use chrono::{DateTime, TimeZone, Utc};
use kolo_domain::registration::{
    Question, QuestionKind, Registrant, RegistrationSettings, RegistrationStatus,
};
use kolo_domain::{AttendanceMode, Event, EventStatus};
use kolo_store::repo::events;
use kolo_store::repo::registrations::{self, Counts, Registration};

/// Blank question rows the settings form offers below the existing ones.
const SPARE_QUESTION_ROWS: usize = 2;

/// The public registration pages (outside the page cache: see the module documentation).
pub fn registration_routes() -> Router<AppState> {
    Router::new()
        .route("/events/{slug}/register", get(register_form).post(register))
        .route(
            "/registrations/{token}",
            get(registration_page).post(cancel),
        )
        .route_layer(no_store())
}

/// The organisers' pages, merged into the staff routes.
pub(super) fn organiser_routes() -> Router<AppState> {
    Router::new()
        .route("/events/{slug}/registrations", get(registrants))
        .route("/events/{slug}/registrations.csv", get(registrants_csv))
        .route(
            "/events/{slug}/registrations/settings",
            get(settings_form).post(settings_save),
        )
        .route("/events/{slug}/registrations/{id}/moderate", post(moderate))
}

// ---------------------------------------------------------------------------------------------
// The registration block of the public event page
// ---------------------------------------------------------------------------------------------

/// What the event page says about registration, and where its button leads.
pub struct RegistrationBlock {
    pub notes: Vec<String>,
    /// (address, label) of the register button; external when the event registers elsewhere.
    pub button: Option<(String, String)>,
    pub external: bool,
}

/// The block for an event: from its registration settings when it has them, else from the
/// plain `registration_url`/`registration_closes` of events registering elsewhere.
pub fn registration_block(
    tr: &Tr,
    event: &Event,
    settings: Option<&RegistrationSettings>,
    counts: &Counts,
    now: DateTime<Utc>,
) -> Option<RegistrationBlock> {
    let on = |id: &str, t: &NaiveDateTime| tr.args(id, &[("date", date(t.date()).into())]);
    let Some(settings) = settings else {
        if event.registration_url.is_none() && event.registration_closes.is_none() {
            return None;
        }
        let open = event
            .registration_closes
            .is_none_or(|c| event.time_zone.to_utc(c) > now);
        let notes = event
            .registration_closes
            .iter()
            .map(|c| {
                on(
                    if open {
                        "event-registration-closes"
                    } else {
                        "event-registration-closed"
                    },
                    c,
                )
            })
            .collect();
        let button = event
            .registration_url
            .as_ref()
            .filter(|_| open)
            .map(|u| (u.to_string(), tr.t("event-register")));
        return Some(RegistrationBlock {
            notes,
            button,
            external: true,
        });
    };
    let (opens, closes) = settings.window_utc(event);
    let closes_local = settings.closes_at.unwrap_or(event.ends_at);
    let mut block = RegistrationBlock {
        notes: Vec::new(),
        button: None,
        external: false,
    };
    if event.status == EventStatus::Cancelled {
        block.notes.push(tr.t("reg-state-closed"));
    } else if now > closes {
        block
            .notes
            .push(on("event-registration-closed", &closes_local));
    } else if let Some(opens_local) = settings.opens_at.filter(|_| opens.is_some_and(|o| now < o)) {
        block.notes.push(on("reg-state-opens", &opens_local));
    } else {
        let href = format!("/events/{}/register", event.slug);
        match counts.places_left {
            Some(0) => {
                block.notes.push(tr.t("reg-state-waitlist"));
                block.button = Some((href, tr.t("reg-join-waitlist")));
            }
            left => {
                if let Some(n) = left {
                    block.notes.push(tr.n("reg-places-left", i64::from(n)));
                }
                block.button = Some((href, tr.t("event-register")));
            }
        }
        block
            .notes
            .push(on("event-registration-closes", &closes_local));
    }
    Some(block)
}

// ---------------------------------------------------------------------------------------------
// The public form
// ---------------------------------------------------------------------------------------------

/// An event that takes registrations here, with its settings and numbers.
struct Open {
    event: Record<Event>,
    settings: RegistrationSettings,
    counts: Counts,
}

async fn open_event(state: &AppState, slug: String) -> Result<Open, AppError> {
    Ok(state
        .store
        .read(move |c| {
            let event = events::get_by_slug(c, &slug)?;
            let settings = registrations::settings(c, event.id)?.ok_or(StoreError::NotFound)?;
            let counts = registrations::counts(c, event.id)?;
            Ok(Open {
                event,
                settings,
                counts,
            })
        })
        .await?)
}

/// The consent checkbox: what is stored and why, in the page language.
pub struct Consent {
    pub text: String,
    pub checked: bool,
    pub error: Option<String>,
}

page_template!(RegisterPage, "registration_form.html" {
    event_href: String,
    event_title: LocalizedText,
    when: String,
    notes: Vec<String>,
    accepting: bool,
    csrf_token: String,
    action: String,
    has_errors: bool,
    unplaced: Vec<String>,
    fields: Vec<Field>,
    consent: Consent,
});

/// The form's controls: the standard fields, the way of attending for hybrid events, the
/// event's questions.
fn registrant_controls(
    b: &mut FormBuilder<'_>,
    ctx: &PageCtx,
    event: &Event,
    settings: &RegistrationSettings,
) -> Vec<Field> {
    let tr = b.tr;
    let mut fields = vec![
        b.input("name", "reg-field-name", "text")
            .required()
            .autocomplete("name"),
        b.input("email", "reg-field-email", "email")
            .required()
            .autocomplete("email")
            .help(tr.t("reg-field-email-help")),
        b.input("organisation", "reg-field-organisation", "text")
            .autocomplete("organization"),
        b.input("position", "reg-field-position", "text")
            .autocomplete("organization-title"),
        b.input("region", "reg-field-region", "text"),
    ];
    if event.attendance == AttendanceMode::Hybrid {
        let modes = [AttendanceMode::Offline, AttendanceMode::Online].map(|m| {
            (
                m.code().to_owned(),
                tr.t(&format!("attendance-{}", m.code())),
            )
        });
        fields.push(b.select("attendance", "reg-field-attendance", modes.to_vec()));
    }
    for q in &settings.questions {
        let name = format!("answers.{}", q.key);
        let label = ctx.pick(&q.label).text.to_owned();
        let options: Option<Vec<(String, String)>> = match &q.kind {
            QuestionKind::Text => None,
            QuestionKind::Choice { options } => Some(
                options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| (i.to_string(), ctx.pick(o).text.to_owned()))
                    .collect(),
            ),
            QuestionKind::YesNo => Some(vec![
                ("yes".into(), tr.t("reg-yes")),
                ("no".into(), tr.t("reg-no")),
            ]),
        };
        let mut f = b.control(
            &name,
            label,
            if options.is_some() { "select" } else { "text" },
        );
        if let Some(options) = options {
            let blank = (String::new(), tr.t("reg-choose"));
            f.options = std::iter::once(blank)
                .chain(options)
                .map(|(v, l)| {
                    let selected = v == f.value;
                    (v, l, selected)
                })
                .collect();
        }
        if q.required {
            f = f.required().help(tr.t("reg-required"));
        }
        fields.push(f);
    }
    fields
}

/// A submission as a registrant in the page's language. Problems the domain cannot see (an
/// unknown way of attending) are returned beside it.
fn parse_registrant(
    fields: &[(String, String)],
    event: &Event,
    lang: UiLang,
) -> (Registrant, ValidationErrors) {
    let mut errors = ValidationErrors::default();
    let attendance = match event.attendance {
        AttendanceMode::Hybrid => {
            choice(fields, "attendance", AttendanceMode::from_code, &mut errors)
                .unwrap_or(AttendanceMode::Offline)
        }
        mode => mode,
    };
    let answers = fields
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("answers.")?.to_owned(), v.clone())))
        .collect();
    let registrant = Registrant {
        name: value(fields, "name").to_owned(),
        email: value(fields, "email").to_owned(),
        organisation: value(fields, "organisation").to_owned(),
        position: value(fields, "position").to_owned(),
        region: value(fields, "region").to_owned(),
        attendance,
        answers,
        consent: !value(fields, "consent").is_empty(),
        lang,
    };
    (registrant, errors)
}

fn show_register_form(
    ctx: PageCtx,
    jar: CookieJar,
    state: &AppState,
    open: &Open,
    fields: &[(String, String)],
    errors: ValidationErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (jar, csrf_token) = auth::anon_csrf(jar, state);
    let e = &open.event.value;
    let block = registration_block(&ctx.tr, e, Some(&open.settings), &open.counts, Utc::now());
    let accepting = block.as_ref().is_some_and(|b| b.button.is_some());
    let mut b = FormBuilder::new(ctx.tr, fields, &errors);
    let controls = registrant_controls(&mut b, &ctx, e, &open.settings);
    let consent = Consent {
        text: ctx.tr.args(
            "reg-consent",
            &[("event", ctx.pick(&e.title).text.to_owned().into())],
        ),
        checked: !value(fields, "consent").is_empty(),
        error: b.place("consent"),
    };
    let unplaced = b.unplaced();
    let title = e.title.clone();
    let page = RegisterPage {
        head: Head::new(ctx.tr.args(
            "reg-form-title",
            &[("event", ctx.pick(&title).text.to_owned().into())],
        )),
        event_href: format!("/events/{}", e.slug),
        when: span(e.starts_at, e.ends_at),
        notes: block.map(|b| b.notes).unwrap_or_default(),
        accepting,
        csrf_token,
        action: format!("/events/{}/register", e.slug),
        has_errors: !errors.is_empty(),
        unplaced,
        fields: controls,
        consent,
        event_title: title,
        ctx,
    };
    Ok((status, jar, render(&page)?).into_response())
}

async fn register_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let open = open_event(&state, slug).await?;
    let none = ValidationErrors::default();
    show_register_form(ctx, jar, &state, &open, &[], none, StatusCode::OK)
}

page_template!(RegisteredPage, "registration_done.html" {
    event_href: String,
    event_title: LocalizedText,
    outcome: String,
    mail_note: String,
    mail_sent: bool,
});

async fn register(
    State(state): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    auth::check_anonymous_form(&headers, &jar, &fields)?;
    let open = open_event(&state, slug).await?;
    let (registrant, errors) = parse_registrant(&fields, &open.event.value, ctx.lang);
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    if !errors.is_empty() {
        let errors = finish((), |_| registrant.validate(&open.settings), errors)
            .expect_err("errors were found");
        return show_register_form(ctx, jar, &state, &open, &fields, errors, unprocessable);
    }
    let event_id = open.event.id;
    let written = state
        .write(move |c| registrations::register(c, event_id, &registrant, Utc::now()))
        .await;
    let (registration, token) = match written {
        Ok(done) => done,
        Err(e) => {
            let errors = form_errors(e)?;
            return show_register_form(ctx, jar, &state, &open, &fields, errors, unprocessable);
        }
    };
    let link = state.config.absolute(&format!("/registrations/{token}"));
    let sent = mail::tell(
        &state,
        &open.event.value,
        &registration,
        Notice::Registered { link },
    )
    .await;
    let email = registration.registrant.email.clone();
    let e = &open.event.value;
    let page = RegisteredPage {
        head: Head::new(ctx.t("reg-done-title")),
        event_href: format!("/events/{}", e.slug),
        event_title: e.title.clone(),
        outcome: ctx.t(&format!("reg-done-{}", registration.status.code())),
        mail_note: ctx.tr.args(
            if sent {
                "reg-mail-sent"
            } else {
                "reg-mail-failed"
            },
            &[("email", email.into())],
        ),
        mail_sent: sent,
        ctx,
    };
    Ok((jar, render(&page)?).into_response())
}

// ---------------------------------------------------------------------------------------------
// The registrant's own page, behind the e-mailed link
// ---------------------------------------------------------------------------------------------

page_template!(RegistrationPage, "registration_page.html" {
    event_href: String,
    event_title: LocalizedText,
    when: String,
    name: String,
    email: String,
    status: String,
    explanation: String,
    can_cancel: bool,
    csrf_token: String,
    notice: Option<String>,
});

async fn show_registration(
    state: &AppState,
    ctx: PageCtx,
    jar: CookieJar,
    registration: Registration,
    notice: Option<String>,
) -> Result<Response, AppError> {
    let event_id = registration.event_id;
    let event = state.store.read(move |c| events::get(c, event_id)).await?;
    let e = &event.value;
    let (jar, csrf_token) = auth::anon_csrf(jar, state);
    let status = registration.status;
    let page = RegistrationPage {
        head: Head::new(ctx.t("reg-page-title")),
        event_href: format!("/events/{}", e.slug),
        event_title: e.title.clone(),
        when: span(e.starts_at, e.ends_at),
        name: registration.registrant.name.clone(),
        email: registration.registrant.email.clone(),
        status: ctx.t(&format!("reg-status-{}", status.code())),
        explanation: ctx.t(&format!("reg-done-{}", status.code())),
        can_cancel: !matches!(
            status,
            RegistrationStatus::Cancelled | RegistrationStatus::Declined
        ),
        csrf_token,
        notice,
        ctx,
    };
    Ok((jar, render(&page)?).into_response())
}

async fn registration_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let registration = state
        .store
        .read(move |c| registrations::by_token(c, &token))
        .await?;
    show_registration(&state, ctx, jar, registration, None).await
}

async fn cancel(
    State(state): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    headers: HeaderMap,
    Path(token): Path<String>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    auth::check_anonymous_form(&headers, &jar, &fields)?;
    let (change, event) = state
        .write(move |c| {
            let change = registrations::cancel(c, &token)?;
            let event = events::get(c, change.registration.event_id)?;
            Ok((change, event))
        })
        .await?;
    mail::tell_promoted(&state, &event.value, change.promoted);
    let notice = Some(ctx.t("reg-cancelled"));
    show_registration(&state, ctx, jar, change.registration, notice).await
}

// ---------------------------------------------------------------------------------------------
// Organisers: the registrants list, moderation, CSV
// ---------------------------------------------------------------------------------------------

async fn organised(
    state: &AppState,
    staff: &SignedIn,
    slug: String,
) -> Result<(Record<Event>, Option<RegistrationSettings>), AppError> {
    let user = staff.principal.clone();
    Ok(state
        .store
        .read(move |c| {
            let event = records::editable::<Event>(c, &user, &slug)?;
            let settings = registrations::settings(c, event.id)?;
            Ok((event, settings))
        })
        .await?)
}

/// One registrant as the list shows them.
pub struct RegistrantRow {
    pub id: i64,
    pub registered: String,
    pub person: Registrant,
    pub attendance: String,
    pub status: String,
    pub pending: bool,
    /// (question label, answer) in the page language.
    pub answers: Vec<(String, String)>,
}

page_template!(RegistrantsPage, "registration_list.html" {
    slug: String,
    event_title: LocalizedText,
    set_up: bool,
    summary: Vec<String>,
    rows: Vec<RegistrantRow>,
    notice: Option<String>,
});

#[derive(Deserialize, Default)]
struct NoticeQuery {
    done: Option<String>,
}

async fn registrants(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let (event, settings) = organised(&state, &staff, slug).await?;
    let id = event.id;
    let (list, counts) = state
        .store
        .read(move |c| Ok((registrations::list(c, id)?, registrations::counts(c, id)?)))
        .await?;
    let e = &event.value;
    let questions = settings
        .as_ref()
        .map(|s| s.questions.as_slice())
        .unwrap_or_default();
    let local = |t: NaiveDateTime| {
        e.time_zone
            .0
            .from_utc_datetime(&t)
            .format("%d.%m.%Y %H:%M")
            .to_string()
    };
    let rows = list
        .into_iter()
        .map(|r| RegistrantRow {
            id: r.id,
            registered: local(r.created_at),
            attendance: ctx.t(&format!("attendance-{}", r.registrant.attendance.code())),
            status: ctx.t(&format!("reg-status-{}", r.status.code())),
            pending: r.status == RegistrationStatus::Pending,
            answers: questions
                .iter()
                .filter_map(|q: &Question| {
                    let a = r.registrant.answers.get(q.key.as_str())?;
                    let shown = match (&q.kind, a.as_str()) {
                        (QuestionKind::YesNo, "yes") => ctx.t("reg-yes"),
                        (QuestionKind::YesNo, "no") => ctx.t("reg-no"),
                        _ => q.display_answer(a, ctx.lang).to_owned(),
                    };
                    Some((ctx.pick(&q.label).text.to_owned(), shown))
                })
                .collect(),
            person: r.registrant,
        })
        .collect();
    let mut summary = vec![
        ctx.tr.n("reg-count-confirmed", i64::from(counts.confirmed)),
        ctx.tr.n("reg-count-pending", i64::from(counts.pending)),
        ctx.tr
            .n("reg-count-waitlisted", i64::from(counts.waitlisted)),
        ctx.tr.n("reg-count-cancelled", i64::from(counts.cancelled)),
        ctx.tr.n("reg-count-declined", i64::from(counts.declined)),
    ];
    if let Some(n) = counts.places_left {
        summary.push(ctx.tr.n("reg-places-left", i64::from(n)));
    }
    let notice = match q.done.as_deref() {
        Some("settings") => Some(ctx.t("form-saved")),
        Some("moderated") => Some(ctx.t("reg-moderated")),
        Some("moderated-unsent") => Some(ctx.t("reg-moderated-unsent")),
        _ => None,
    };
    let title = e.title.clone();
    let page = RegistrantsPage {
        head: Head::new(ctx.tr.args(
            "reg-list-title",
            &[("event", ctx.pick(&title).text.to_owned().into())],
        )),
        slug: e.slug.to_string(),
        event_title: title,
        set_up: settings.is_some(),
        summary,
        rows,
        notice,
        ctx,
    };
    render(&page)
}

async fn registrants_csv(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (event, _) = organised(&state, &staff, slug).await?;
    let (id, lang) = (event.id, ctx.lang);
    let csv = state
        .store
        .read(move |c| registrations::csv(c, id, lang))
        .await?;
    let disposition = format!(
        "attachment; filename=\"{}-registrations.csv\"",
        event.value.slug
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        csv,
    )
        .into_response())
}

async fn moderate(
    State(state): State<AppState>,
    Staff(staff): Staff,
    headers: HeaderMap,
    Path((slug, id)): Path<(String, i64)>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let approve = match value(&fields, "decision") {
        "approve" => true,
        "decline" => false,
        other => return Err(AppError::BadRequest(format!("decision: `{other}`"))),
    };
    let (user, s) = (staff.principal.clone(), slug.clone());
    let (event, change) = state
        .write(move |c| {
            let event = records::editable::<Event>(c, &user, &s)?;
            if registrations::get(c, id)?.event_id != event.id {
                return Err(StoreError::NotFound);
            }
            let change = registrations::moderate(c, Some(user.user_id), id, approve)?;
            Ok((event, change))
        })
        .await?;
    let sent = mail::tell(
        &state,
        &event.value,
        &change.registration,
        Notice::Moderated,
    )
    .await;
    mail::tell_promoted(&state, &event.value, change.promoted);
    let done = if sent {
        "moderated"
    } else {
        "moderated-unsent"
    };
    Ok(Redirect::to(&format!("/events/{slug}/registrations?done={done}")).into_response())
}

// ---------------------------------------------------------------------------------------------
// Organisers: the settings form
// ---------------------------------------------------------------------------------------------

const KINDS: [&str; 3] = ["text", "choice", "yes_no"];

fn kind_code(kind: &QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Text => "text",
        QuestionKind::Choice { .. } => "choice",
        QuestionKind::YesNo => "yes_no",
    }
}

/// The form fields the settings form starts from.
fn settings_fields(s: &RegistrationSettings) -> Fields {
    let time = |t: &Option<NaiveDateTime>| t.as_ref().map(datetime_value).unwrap_or_default();
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let mut out: Fields = vec![
        ("opens_at".into(), time(&s.opens_at)),
        ("closes_at".into(), time(&s.closes_at)),
        ("capacity".into(), number(s.capacity)),
        ("capacity_offline".into(), number(s.capacity_offline)),
        ("capacity_online".into(), number(s.capacity_online)),
    ];
    if s.moderated {
        out.push(("moderated".into(), "on".into()));
    }
    for (i, q) in s.questions.iter().enumerate() {
        let at = |f: &str| format!("questions[{i}].{f}");
        out.push((at("key"), q.key.to_string()));
        out.push((at("kind"), kind_code(&q.kind).into()));
        if q.required {
            out.push((at("required"), "on".into()));
        }
        push_text(&mut out, &at("label"), &q.label);
        if let QuestionKind::Choice { options } = &q.kind {
            // One textarea per language, an option per line, lines matched across languages.
            let mut tags: Vec<&str> = Vec::new();
            for (tag, _) in options.iter().flat_map(|o| o.iter()) {
                if !tags.contains(&tag.as_str()) {
                    tags.push(tag.as_str());
                }
            }
            for tag in tags {
                let lines: Vec<&str> = options.iter().map(|o| o.get(tag).unwrap_or("")).collect();
                out.push((format!("{}.{tag}", at("options")), lines.join("\n")));
            }
        }
    }
    out
}

fn number_field(
    fields: &[(String, String)],
    name: &str,
    errors: &mut ValidationErrors,
) -> Option<u32> {
    let raw = optional(fields, name)?;
    raw.parse()
        .map_err(|_| errors.push(FieldError::new(name, "invalid-number")))
        .ok()
}

/// Choice options from their per-language textareas: line `j` of every language is option `j`.
fn parse_options(
    fields: &[(String, String)],
    name: &str,
    errors: &mut ValidationErrors,
) -> Vec<LocalizedText> {
    let text = localized(fields, name, errors);
    let mut options: Vec<LocalizedText> = Vec::new();
    let mut lengths = Vec::new();
    for (tag, block) in text.iter() {
        let lines: Vec<&str> = block
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        lengths.push(lines.len());
        for (j, line) in lines.into_iter().enumerate() {
            if options.len() <= j {
                options.push(LocalizedText::new());
            }
            options[j].set(tag.clone(), line);
        }
    }
    if lengths.windows(2).any(|w| w[0] != w[1]) {
        errors.push(FieldError::new(name, "options-mismatch"));
    }
    options
}

/// Settings from the form. Blank question rows are skipped; a question without a key gets one
/// (`q1`, `q2`, ...) so its answers stay matched when its label is edited later.
fn parse_settings(fields: &[(String, String)]) -> Result<RegistrationSettings, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let mut settings = RegistrationSettings {
        opens_at: datetime_field(fields, "opens_at", false, &mut errors),
        closes_at: datetime_field(fields, "closes_at", false, &mut errors),
        capacity: number_field(fields, "capacity", &mut errors),
        capacity_offline: number_field(fields, "capacity_offline", &mut errors),
        capacity_online: number_field(fields, "capacity_online", &mut errors),
        moderated: !value(fields, "moderated").is_empty(),
        questions: Vec::new(),
    };
    let mut rows = Vec::new();
    for i in 0..row_count(fields, "questions") {
        let at = |f: &str| format!("questions[{i}].{f}");
        let label = localized(fields, &at("label"), &mut errors);
        let key_raw = value(fields, &at("key")).trim().to_owned();
        let kind = match value(fields, &at("kind")) {
            "choice" => QuestionKind::Choice {
                options: parse_options(fields, &at("options"), &mut errors),
            },
            "yes_no" => QuestionKind::YesNo,
            "text" | "" => QuestionKind::Text,
            _ => {
                errors.push(FieldError::new(at("kind"), "invalid-choice"));
                QuestionKind::Text
            }
        };
        if label.is_empty() && key_raw.is_empty() {
            continue;
        }
        let key = if key_raw.is_empty() {
            let taken = |k: &str| {
                settings.questions.iter().any(|q| q.key.as_str() == k)
                    || (0..row_count(fields, "questions"))
                        .any(|j| value(fields, &format!("questions[{j}].key")).trim() == k)
            };
            let n = (1..)
                .find(|n| !taken(&format!("q{n}")))
                .expect("a free key");
            Slug::parse("key", &format!("q{n}")).expect("a valid slug")
        } else {
            match Slug::parse(&at("key"), &key_raw) {
                Ok(k) => k,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            }
        };
        settings.questions.push(Question {
            key,
            label,
            required: !value(fields, &at("required")).is_empty(),
            kind,
        });
        rows.push(i);
    }
    finish(
        settings,
        |s| {
            s.validate().map_err(|mut found| {
                for e in &mut found.errors {
                    e.field = question_field(&e.field, &rows);
                }
                found
            })
        },
        errors,
    )
}

/// `questions[j].label.uk` (the j-th kept question) -> the form's `questions[row].label.uk`;
/// an option's problem goes to the options group.
fn question_field(field: &str, rows: &[usize]) -> String {
    let Some((index, tail)) = field
        .strip_prefix("questions[")
        .and_then(|rest| rest.split_once(']'))
    else {
        return field.to_owned();
    };
    let Some(row) = index.parse::<usize>().ok().and_then(|j| rows.get(j)) else {
        return field.to_owned();
    };
    let tail = if tail.starts_with(".options[") {
        ".options"
    } else {
        tail
    };
    format!("questions[{row}]{tail}")
}

/// One question row of the settings form.
pub struct QuestionRow {
    pub legend: String,
    pub fields: Vec<Field>,
    pub required: Field,
    pub label: LangGroup,
    pub options: LangGroup,
}

page_template!(SettingsPage, "registration_settings.html" {
    slug: String,
    event_title: LocalizedText,
    has_errors: bool,
    unplaced: Vec<String>,
    window: Vec<Field>,
    places: Vec<Field>,
    moderated: Field,
    questions: Vec<QuestionRow>,
});

fn show_settings_form(
    ctx: PageCtx,
    event: &Event,
    fields: &[(String, String)],
    errors: ValidationErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let mut b = FormBuilder::new(ctx.tr, fields, &errors);
    let tr = ctx.tr;
    let window = vec![
        b.input("opens_at", "reg-field-opens", time_kind(fields, "opens_at"))
            .help(tr.t("reg-field-opens-help")),
        b.input(
            "closes_at",
            "reg-field-closes",
            time_kind(fields, "closes_at"),
        )
        .help(tr.t("reg-field-closes-help")),
    ];
    let places = vec![
        b.input("capacity", "reg-field-capacity", "number")
            .help(tr.t("reg-field-capacity-help")),
        b.input("capacity_offline", "reg-field-capacity-offline", "number"),
        b.input("capacity_online", "reg-field-capacity-online", "number"),
    ];
    let moderated = b
        .input("moderated", "reg-field-moderated", "checkbox")
        .help(tr.t("reg-field-moderated-help"));
    let rows = (row_count(fields, "questions") + SPARE_QUESTION_ROWS)
        .min(RegistrationSettings::MAX_QUESTIONS);
    let kinds: Vec<(String, String)> = KINDS
        .iter()
        .map(|k| ((*k).to_owned(), tr.t(&format!("reg-kind-{k}"))))
        .collect();
    let questions = (0..rows)
        .map(|i| {
            let at = |f: &str| format!("questions[{i}].{f}");
            QuestionRow {
                legend: tr.args("reg-question", &[("number", (i as i64 + 1).into())]),
                fields: vec![
                    b.select(&at("kind"), "reg-field-kind", kinds.clone()),
                    b.input(&at("key"), "reg-field-key", "text")
                        .help(tr.t("reg-field-key-help")),
                ],
                required: b.input(&at("required"), "reg-field-required", "checkbox"),
                label: b.lang_group(&at("label"), "reg-field-question", false, None),
                options: b.lang_group(&at("options"), "reg-field-options", true, None),
            }
        })
        .collect();
    let unplaced = b.unplaced();
    let title = event.title.clone();
    let page = SettingsPage {
        head: Head::new(ctx.tr.args(
            "reg-settings-title",
            &[("event", ctx.pick(&title).text.to_owned().into())],
        )),
        slug: event.slug.to_string(),
        event_title: title,
        has_errors: !errors.is_empty(),
        unplaced,
        window,
        places,
        moderated,
        questions,
        ctx,
    };
    Ok((status, render(&page)?).into_response())
}

async fn settings_form(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (event, settings) = organised(&state, &staff, slug).await?;
    let fields = settings_fields(&settings.unwrap_or_default());
    let none = ValidationErrors::default();
    show_settings_form(ctx, &event.value, &fields, none, StatusCode::OK)
}

async fn settings_save(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let (event, _) = organised(&state, &staff, slug.clone()).await?;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let settings = match parse_settings(&fields) {
        Ok(s) => s,
        Err(errors) => {
            return show_settings_form(ctx, &event.value, &fields, errors, unprocessable);
        }
    };
    let (user, s) = (staff.principal.clone(), slug.clone());
    let written = state
        .write(move |c| {
            let event = records::editable::<Event>(c, &user, &s)?;
            let promoted = registrations::set_settings(c, Some(user.user_id), event.id, &settings)?;
            Ok((event, promoted))
        })
        .await;
    match written {
        Ok((event, promoted)) => {
            mail::tell_promoted(&state, &event.value, promoted);
            Ok(
                Redirect::to(&format!("/events/{slug}/registrations?done=settings"))
                    .into_response(),
            )
        }
        Err(e) => {
            let errors = form_errors(e)?;
            show_settings_form(ctx, &event.value, &fields, errors, unprocessable)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn the_event_page_block_follows_the_settings() {
        let mut event: Event = serde_json::from_value(serde_json::json!({
            "slug": "forum", "kind": "forum", "attendance": "offline", "original_lang": "en",
            "title": {"en": "Forum"}, "time_zone": "UTC",
            "starts_at": "2031-04-16T10:00:00", "ends_at": "2031-04-17T18:00:00",
            "registration_url": "https://example.org/register",
            "registration_closes": "2031-04-01T00:00:00",
        }))
        .unwrap();
        let tr = Tr::new(UiLang::En);
        let now: DateTime<Utc> = "2031-03-01T00:00:00Z".parse().unwrap();
        let none = Counts::default();
        let elsewhere = registration_block(&tr, &event, None, &none, now).unwrap();
        assert!(elsewhere.external);
        assert_eq!(elsewhere.notes, ["Registration closes on 01.04.2031."]);
        assert_eq!(elsewhere.button.unwrap().0, "https://example.org/register");

        let later = RegistrationSettings {
            opens_at: Some("2031-03-10T09:00:00".parse().unwrap()),
            ..Default::default()
        };
        let block = registration_block(&tr, &event, Some(&later), &none, now).unwrap();
        assert_eq!(block.notes, ["Registration opens on 10.03.2031."]);
        assert!(block.button.is_none() && !block.external);

        let open = RegistrationSettings::default();
        let counts = Counts {
            places_left: Some(2),
            ..Default::default()
        };
        let block = registration_block(&tr, &event, Some(&open), &counts, now).unwrap();
        assert_eq!(
            block.notes,
            ["2 places left", "Registration closes on 17.04.2031."]
        );
        assert_eq!(block.button.unwrap().0, "/events/forum/register");

        event.status = EventStatus::Cancelled;
        let block = registration_block(&tr, &event, Some(&open), &counts, now).unwrap();
        assert_eq!(block.notes, ["Registration is closed."]);
        assert!(block.button.is_none());
    }

    #[test]
    fn settings_round_trip_through_the_form() {
        let fields = form(&[
            ("closes_at", "2030-04-10T23:59"),
            ("capacity", "120"),
            ("capacity_online", "100"),
            ("moderated", "on"),
            ("questions[0].kind", "choice"),
            ("questions[0].label.ru", "Секция"),
            ("questions[0].label.en", "Section"),
            ("questions[0].options.ru", "Музеи\nБиблиотеки"),
            ("questions[0].options.en", "Museums\nLibraries\n"),
            ("questions[0].required", "on"),
            ("questions[1].kind", "text"),
            ("questions[2].kind", "yes_no"),
            ("questions[2].label.uk", "Потрібен готель?"),
        ]);
        let s = parse_settings(&fields).unwrap();
        assert_eq!(s.capacity, Some(120));
        assert!(s.moderated);
        assert_eq!(s.questions.len(), 2, "the blank row is skipped");
        assert_eq!(s.questions[0].key.as_str(), "q1");
        assert_eq!(s.questions[1].key.as_str(), "q2");
        let QuestionKind::Choice { options } = &s.questions[0].kind else {
            panic!("a choice");
        };
        assert_eq!(options[1].get("en"), Some("Libraries"));
        assert_eq!(options[1].get("ru"), Some("Библиотеки"));
        assert_eq!(parse_settings(&settings_fields(&s)).unwrap(), s);
    }

    #[test]
    fn settings_problems_are_at_their_inputs() {
        let fields = form(&[
            ("capacity", "many"),
            ("opens_at", "2030-04-10T00:00"),
            ("closes_at", "2030-04-01T00:00"),
            ("questions[0].kind", "text"),
            ("questions[1].kind", "choice"),
            ("questions[1].key", "section"),
            ("questions[1].options.ru", "Музеи\nБиблиотеки"),
            ("questions[1].options.en", "Museums"),
        ]);
        let errors = parse_settings(&fields).unwrap_err();
        let reason = |f: &str| errors.for_field(f).map(|e| e.reason.as_str());
        assert_eq!(reason("capacity"), Some("invalid-number"));
        assert_eq!(reason("closes_at"), Some("closes-before-opens"));
        assert_eq!(reason("questions[1].options"), Some("options-mismatch"));
        assert_eq!(reason("questions[1].label"), Some("required"), "{errors:?}");
    }
}
