//! Event pages: the list (upcoming and past, with filters) and the event page with its
//! programme. Also the short event lists that institution and network pages show, and the
//! "other events" block of event and post pages.

use super::{Head, PageCtx, Pager, page_template, render};
use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use chrono::{NaiveDate, NaiveDateTime, Utc};
use kolo_domain::event::Party;
use kolo_domain::{
    AttendanceMode, Event, EventDocument, EventKind, LocalizedText, ProgrammeItem, Slug,
};
use kolo_interop::frab_mapping::{ExportUrls, Format};
use kolo_interop::jsonld;
use kolo_store::repo::events::{self, EventFilter};
use kolo_store::repo::{documents, institutions, networks, registrations};
use kolo_store::{DbConnection, PageRequest, Record, StoreError};
use serde::Deserialize;
use std::borrow::Borrow;

pub fn event_routes() -> Router<AppState> {
    Router::new()
        .route("/events", get(list))
        .route("/events/calendar", get(month))
        .route("/events.ics", get(all_calendar))
        .route("/events/{slug}/calendar.ics", get(event_calendar))
        .route("/events/{slug}/schedule.xml", get(schedule_xml))
        .route("/events/{slug}/schedule.json", get(schedule_json))
        .route("/institutions/{slug}/events.ics", get(institution_calendar))
        .route("/networks/{slug}/events.ics", get(network_calendar))
        .route("/events/{slug}", get(page))
        .merge(super::outcomes::routes())
}

/// `17.04.2024`: day first, as read in all four interface languages' regions.
pub fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// `17.04.2024 10:00–18.04.2024 18:00`, shortened when both ends fall on one day.
pub fn span(start: impl Borrow<NaiveDateTime>, end: impl Borrow<NaiveDateTime>) -> String {
    let (start, end) = (start.borrow(), end.borrow());
    if start.date() == end.date() {
        format!(
            "{} {}–{}",
            date(start.date()),
            start.format("%H:%M"),
            end.format("%H:%M")
        )
    } else {
        format!(
            "{} {}–{} {}",
            date(start.date()),
            start.format("%H:%M"),
            date(end.date()),
            end.format("%H:%M")
        )
    }
}

fn utc_now() -> NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

/// A list of events as pages show them.
pub type Events = Vec<Record<Event>>;

/// Upcoming (not yet over) and recent past events for a filter, a few of each: read inside
/// the one store read of the page that shows them.
pub fn upcoming_and_past(
    c: &mut DbConnection,
    filter: EventFilter,
    limit: i64,
) -> Result<(Events, Events), StoreError> {
    let now = utc_now();
    let upcoming = EventFilter {
        ends_after: Some(now),
        ..filter.clone()
    };
    let past = EventFilter {
        starts_before: Some(now),
        newest_first: true,
        ..filter
    };
    let past_only = |r: &Record<Event>| r.value.ends_utc().naive_utc() <= now;
    Ok((
        events::list(c, &upcoming, PageRequest::new(0, limit))?.items,
        events::list(c, &past, PageRequest::new(0, limit + 5))?
            .items
            .into_iter()
            .filter(past_only)
            .take(limit as usize)
            .collect(),
    ))
}

/// How many events an "other events" block shows.
const OTHER_EVENTS: i64 = 5;

/// The "other events" block of an event's or a post's page, and where the full list is.
pub struct OtherEvents {
    pub items: Vec<Record<Event>>,
    pub href: String,
}

/// Upcoming events of `institution_ids` (an event's hosts, a post's institution) first, then
/// of `network_ids` and the networks those institutions belong to, without the event
/// `except`; the full list is that of `institution`'s events.
pub fn other_events(
    c: &mut DbConnection,
    institution_ids: &[i64],
    institution: Option<&Slug>,
    mut network_ids: Vec<i64>,
    except: Option<i64>,
) -> Result<OtherEvents, StoreError> {
    for &id in institution_ids {
        network_ids.extend(institutions::network_ids(c, id)?);
    }
    network_ids.sort_unstable();
    network_ids.dedup();
    let items = events::related_upcoming(
        c,
        institution_ids,
        &network_ids,
        except,
        utc_now(),
        OTHER_EVENTS,
    )?;
    let href = institution.map_or_else(
        || "/events".to_owned(),
        |slug| format!("/events?institution={slug}"),
    );
    Ok(OtherEvents { items, href })
}

#[derive(Deserialize, Default)]
struct ListQuery {
    when: Option<String>,
    kind: Option<String>,
    attendance: Option<String>,
    institution: Option<String>,
    network: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: Option<String>,
}

const PER_PAGE: i64 = 20;

page_template!(EventsPage, "events.html" {
    past: bool,
    items: Vec<Record<Event>>,
    total: i64,
    pager: Pager,
    kind_options: Vec<(&'static str, String, bool)>,
    attendance_options: Vec<(&'static str, String, bool)>,
    institution: String,
    network: String,
    from: String,
    to: String,
});

fn blank(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn parse_date(field: &str, raw: &Option<String>) -> Result<Option<NaiveDate>, AppError> {
    blank(raw.clone())
        .map(|s| {
            s.parse::<NaiveDate>().map_err(|_| {
                AppError::BadRequest(format!("{field}: `{s}` is not a date (YYYY-MM-DD)"))
            })
        })
        .transpose()
}

fn slug_id(
    c: &mut DbConnection,
    field: &str,
    slug: Option<&String>,
    institution: bool,
) -> Result<Option<i64>, StoreError> {
    let Some(slug) = slug else { return Ok(None) };
    let found = if institution {
        institutions::get_by_slug(c, slug).map(|r| r.id)
    } else {
        networks::get_by_slug(c, slug).map(|r| r.id)
    };
    match found {
        Ok(id) => Ok(Some(id)),
        Err(StoreError::NotFound) => Err(kolo_domain::FieldError::new(field, "unknown")
            .into_errors()
            .into()),
        Err(e) => Err(e),
    }
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let past = match blank(q.when.clone()).as_deref() {
        None | Some("upcoming") => false,
        Some("past") => true,
        Some(other) => {
            return Err(AppError::BadRequest(format!(
                "when: `{other}` is neither upcoming nor past"
            )));
        }
    };
    let kind = match blank(q.kind.clone()) {
        Some(k) => Some(
            EventKind::from_code(&k)
                .ok_or_else(|| AppError::BadRequest(format!("kind: unknown value `{k}`")))?,
        ),
        None => None,
    };
    let attendance = match blank(q.attendance.clone()) {
        Some(a) => Some(
            AttendanceMode::from_code(&a)
                .ok_or_else(|| AppError::BadRequest(format!("attendance: unknown value `{a}`")))?,
        ),
        None => None,
    };
    let page: i64 = match blank(q.page.clone()) {
        Some(p) => p
            .parse()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| AppError::BadRequest(format!("page: `{p}` is not a page number")))?,
        None => 1,
    };
    let from = parse_date("from", &q.from)?;
    let to = parse_date("to", &q.to)?;
    let now = utc_now();
    let (institution, network) = (blank(q.institution.clone()), blank(q.network.clone()));
    let (inst_slug, net_slug) = (institution.clone(), network.clone());
    let request = PageRequest::new((page - 1) * PER_PAGE, PER_PAGE);
    let found = state
        .store
        .read(move |c| {
            let filter = EventFilter {
                institution_id: slug_id(c, "institution", inst_slug.as_ref(), true)?,
                network_id: slug_id(c, "network", net_slug.as_ref(), false)?,
                kind,
                attendance,
                ends_after: from
                    .map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default())
                    .or((!past).then_some(now)),
                starts_before: to
                    .map(|d| d.and_hms_opt(23, 59, 59).unwrap_or_default())
                    .or(past.then_some(now)),
                newest_first: past,
            };
            events::list(c, &filter, request)
        })
        .await
        .map_err(AppError::from_filter)?;
    let pages = ((found.total + PER_PAGE - 1) / PER_PAGE).max(1);
    let pager = Pager::new(&ctx.tr, page, pages, |p| {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        s.extend_pairs(
            ctx.query
                .iter()
                .filter(|(k, _)| k != "page")
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
        s.append_pair("page", &p.to_string());
        format!("/events?{}", s.finish())
    });
    let kind_options = EventKind::ALL
        .iter()
        .map(|k| {
            (
                k.code(),
                ctx.t(&format!("event-kind-{}", k.code())),
                Some(*k) == kind,
            )
        })
        .collect();
    let attendance_options = AttendanceMode::ALL
        .iter()
        .map(|a| {
            (
                a.code(),
                ctx.t(&format!("attendance-{}", a.code())),
                Some(*a) == attendance,
            )
        })
        .collect();
    let head = Head::new(ctx.t("events-title"))
        .alternate(
            "application/json",
            "/api/v1/events".into(),
            ctx.t("format-json"),
        )
        .alternate(
            "application/atom+xml",
            "/events.atom".into(),
            ctx.t("format-atom"),
        )
        .alternate("text/calendar", "/events.ics".into(), ctx.t("format-ical"));
    render(&EventsPage {
        ctx,
        head,
        past,
        total: found.total,
        items: found.items,
        pager,
        kind_options,
        attendance_options,
        institution: institution.unwrap_or_default(),
        network: network.unwrap_or_default(),
        from: from.map(|d| d.to_string()).unwrap_or_default(),
        to: to.map(|d| d.to_string()).unwrap_or_default(),
    })
}

/// An organiser, partner or supporter as the page shows it: a name, and a link for institutions in Kolo.
pub struct PartyView {
    pub name: LocalizedText,
    pub href: Option<String>,
}

/// One day of a programme.
pub struct ProgrammeDay {
    pub number: usize,
    pub date: NaiveDate,
    /// Items grouped by start time: parallel sessions share a slot and stand side by side.
    pub slots: Vec<Vec<ProgrammeItem>>,
}

/// Groups a programme (in time order) into days and, within a day, into slots of items that
/// start together.
fn programme_days(event: &Event, programme: Vec<ProgrammeItem>) -> Vec<ProgrammeDay> {
    let mut days: Vec<ProgrammeDay> = Vec::new();
    for item in programme {
        let day = item.starts_at.date();
        if days.last().is_none_or(|d| d.date != day) {
            let number = (day - event.starts_at.date()).num_days().max(0) as usize + 1;
            days.push(ProgrammeDay {
                number,
                date: day,
                slots: Vec::new(),
            });
        }
        let slots = &mut days.last_mut().expect("pushed above").slots;
        match slots.last_mut() {
            Some(slot) if slot[0].starts_at == item.starts_at => slot.push(item),
            _ => slots.push(vec![item]),
        }
    }
    // Parallel sessions in track order (track names such as «Трек №1» sort as written).
    for slot in days.iter_mut().flat_map(|d| d.slots.iter_mut()) {
        slot.sort_by(|a, b| {
            a.track
                .iter()
                .next()
                .map(|t| t.1)
                .cmp(&b.track.iter().next().map(|t| t.1))
        });
    }
    days
}

page_template!(EventPage, "event.html" {
    event: Record<Event>,
    // (heading message, parties): hosts, organisers, partners, supporters, networks.
    groups: Vec<(&'static str, Vec<PartyView>)>,
    parent: Option<Record<Event>>,
    children: Vec<Record<Event>>,
    days: Vec<ProgrammeDay>,
    // The published version the programme is, if any.
    version: Option<VersionNote>,
    documents: Vec<Record<EventDocument>>,
    registration: Option<super::staff::RegistrationBlock>,
    other_events: OtherEvents,
    // The viewer may edit this event (staff of a host institution, platform administrators).
    editable: bool,
});

/// The published programme version a page shows: its name and the day it was published.
pub struct VersionNote {
    pub name: String,
    pub date: String,
}

impl EventPage {
    pub fn when(&self) -> String {
        span(self.event.value.starts_at, self.event.value.ends_at)
    }

    pub fn zone_note(&self) -> String {
        self.ctx.tr.args(
            "event-time-zone",
            &[(
                "zone",
                self.event.value.time_zone.0.name().to_owned().into(),
            )],
        )
    }

    /// Whether the item is taking place right now (the page is cached for minutes at most).
    pub fn is_now(&self, item: &ProgrammeItem) -> bool {
        let zone = self.event.value.time_zone;
        let now = utc_now();
        zone.to_utc(item.starts_at).naive_utc() <= now
            && now < zone.to_utc(item.ends_at()).naive_utc()
    }

    pub fn item_time(&self, item: &ProgrammeItem) -> String {
        format!(
            "{}–{}",
            item.starts_at.format("%H:%M"),
            item.ends_at().format("%H:%M")
        )
    }

    pub fn hall_name(&self, item: &ProgrammeItem) -> Option<&LocalizedText> {
        item.hall
            .as_ref()
            .and_then(|h| self.event.value.hall(h.as_str()))
            .map(|h| &h.name)
    }

    pub fn version_note(&self, v: &VersionNote) -> String {
        self.ctx.tr.args(
            "programme-version-note",
            &[
                ("name", v.name.clone().into()),
                ("date", v.date.clone().into()),
            ],
        )
    }

    pub fn day(&self, d: &NaiveDate) -> String {
        date(*d)
    }

    pub fn day_title(&self, day: &ProgrammeDay) -> String {
        format!(
            "{} · {}",
            self.ctx
                .tr
                .args("event-day", &[("number", (day.number as i64).into())]),
            date(day.date)
        )
    }
}

pub(super) fn parties(c: &mut DbConnection, list: &[Party]) -> Result<Vec<PartyView>, StoreError> {
    list.iter()
        .map(|p| match p {
            Party::Named { name } => Ok(PartyView {
                name: name.clone(),
                href: None,
            }),
            Party::Institution { institution } => {
                let r = institutions::get_by_slug(c, institution.as_str())?;
                Ok(PartyView {
                    name: r.value.name,
                    href: Some(format!("/institutions/{}", r.value.slug)),
                })
            }
        })
        .collect()
}

async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (event, outcomes, parent, children, views, (host_ids, others), (settings, counts)) = state
        .store
        .read(move |c| {
            let event = events::get_by_slug(c, &slug)?;
            let host_ids = events::host_ids(c, event.id)?;
            let e = &event.value;
            let programme = events::published_programme(c, event.id)?;
            let documents = documents::list(c, event.id)?;
            let parent = e
                .parent
                .as_ref()
                .map(|p| events::get_by_slug(c, p.as_str()))
                .transpose()?;
            let children = events::children(c, event.id)?;
            let hosts: Vec<Party> = e
                .hosts
                .iter()
                .map(|s| Party::Institution {
                    institution: s.clone(),
                })
                .collect();
            let network_records = e
                .networks
                .iter()
                .map(|s| networks::get_by_slug(c, s.as_str()))
                .collect::<Result<Vec<_>, StoreError>>()?;
            let others = other_events(
                c,
                &host_ids,
                e.hosts.first(),
                network_records.iter().map(|n| n.id).collect(),
                Some(event.id),
            )?;
            let networks: Vec<PartyView> = network_records
                .into_iter()
                .map(|n| PartyView {
                    name: n.value.name,
                    href: Some(format!("/networks/{}", n.value.slug)),
                })
                .collect();
            let views = (
                parties(c, &hosts)?,
                parties(c, &e.organisers)?,
                parties(c, &e.partners)?,
                parties(c, &e.supporters)?,
                networks,
            );
            let registration = (
                registrations::settings(c, event.id)?,
                registrations::counts(c, event.id)?,
            );
            Ok((
                event,
                (programme, documents),
                parent,
                children,
                views,
                (host_ids, others),
                registration,
            ))
        })
        .await?;
    let editable = ctx
        .viewer
        .as_ref()
        .is_some_and(|v| v.principal.can_edit_event(&host_ids));
    let (hosts, organisers, partners, supporters, networks) = views;
    let (published, documents) = outcomes;
    let (programme, version) = match published {
        Some(p) => (
            p.items,
            Some(VersionNote {
                name: p.name,
                date: date(p.published_at.date()),
            }),
        ),
        None => (Vec::new(), None),
    };
    let e = &event.value;
    let page_url = ctx.absolute(&format!("/events/{}", e.slug));
    let organiser_urls: Vec<(String, &LocalizedText)> = hosts
        .iter()
        .chain(&organisers)
        .filter_map(|p| p.href.as_ref().map(|h| (ctx.absolute(h), &p.name)))
        .collect();
    let organiser_links: Vec<jsonld::Link<'_>> = organiser_urls
        .iter()
        .map(|(url, name)| jsonld::Link { url, name })
        .collect();
    let parent_url = parent
        .as_ref()
        .map(|p| ctx.absolute(&format!("/events/{}", p.value.slug)));
    let ld = jsonld::event(
        e,
        &jsonld::EventContext {
            url: &page_url,
            lang: ctx.lang,
            organizers: &organiser_links,
            super_event: parent
                .as_ref()
                .zip(parent_url.as_deref())
                .map(|(p, url)| jsonld::Link {
                    url,
                    name: &p.value.title,
                }),
            programme: &programme,
        },
    );
    let days = programme_days(e, programme);
    let registration =
        super::staff::registration_block(&ctx.tr, e, settings.as_ref(), &counts, Utc::now());
    let slug = e.slug.to_string();
    let head = Head::new(ctx.pick(&e.title).text.to_owned())
        .shareable()
        .describe(
            ctx.pick(if e.summary.is_empty() {
                &e.description
            } else {
                &e.summary
            })
            .text,
        )
        .alternate(
            "application/json",
            format!("/api/v1/events/{slug}"),
            ctx.t("format-json"),
        )
        .alternate(
            "text/calendar",
            format!("/events/{slug}/calendar.ics"),
            ctx.t("format-ical"),
        )
        .alternate(
            Format::Xml.media_type(),
            format!("/events/{slug}/schedule.xml"),
            ctx.t("format-frab-xml"),
        )
        .alternate(
            Format::Json.media_type(),
            format!("/events/{slug}/schedule.json"),
            ctx.t("format-frab-json"),
        )
        .jsonld(&ld);
    let groups = vec![
        ("event-hosts", hosts),
        ("event-organisers", organisers),
        ("event-partners", partners),
        ("event-supporters", supporters),
        ("event-networks", networks),
    ];
    render(&EventPage {
        ctx,
        head,
        event,
        groups,
        parent,
        children,
        days,
        version,
        documents,
        registration,
        other_events: others,
        editable,
    })
}

/// The most events one calendar feed carries (in time order; the oldest are left out first).
const FEED_LIMIT: i64 = 500;

/// A calendar of the events a filter selects, each with its programme items.
async fn calendar(
    state: &AppState,
    ctx: &PageCtx,
    name: String,
    page: &str,
    filter: EventFilter,
) -> Result<Response, AppError> {
    let found = state
        .store
        .read(move |c| {
            let newest = events::list(
                c,
                &EventFilter {
                    newest_first: true,
                    ..filter
                },
                PageRequest::new(0, FEED_LIMIT),
            )?;
            newest
                .items
                .into_iter()
                .rev()
                .map(|r| {
                    let programme = events::public_programme(c, r.id)?;
                    Ok((r, programme))
                })
                .collect::<Result<Vec<_>, StoreError>>()
        })
        .await?;
    Ok(ics_response(state, ctx, name, &ctx.absolute(page), &found))
}

/// The `.ics` answer for events with their programmes, in the viewer's language.
fn ics_response(
    state: &AppState,
    ctx: &PageCtx,
    name: String,
    page_url: &str,
    found: &[(Record<Event>, Vec<ProgrammeItem>)],
) -> Response {
    use axum::response::IntoResponse;
    let host = state.config.public_url.host_str().unwrap_or("kolo");
    let mut entries = Vec::new();
    for (r, programme) in found {
        let url = ctx.absolute(&format!("/events/{}", r.value.slug));
        let src = kolo_interop::ical::EventSource {
            url: &url,
            host,
            lang: ctx.lang,
            last_modified: r.updated_at.and_utc(),
        };
        entries.extend(kolo_interop::ical::event_entries(&r.value, programme, &src));
    }
    let body = kolo_interop::ical::write(&kolo_interop::ical::Calendar {
        name,
        description: None,
        url: Some(page_url.to_owned()),
        events: entries,
    });
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/calendar; charset=utf-8",
        )],
        body,
    )
        .into_response()
}

async fn all_calendar(State(state): State<AppState>, ctx: PageCtx) -> Result<Response, AppError> {
    let name = format!("{} · {}", ctx.t("events-title"), ctx.t("site-name"));
    calendar(&state, &ctx, name, "/events", EventFilter::default()).await
}

async fn event_calendar(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let found = state
        .store
        .read(move |c| {
            let r = events::get_by_slug(c, &slug)?;
            let programme = events::public_programme(c, r.id)?;
            Ok(vec![(r, programme)])
        })
        .await?;
    let name = ctx.pick(&found[0].0.value.title).text.to_owned();
    let url = ctx.absolute(&format!("/events/{}", found[0].0.value.slug));
    Ok(ics_response(&state, &ctx, name, &url, &found))
}

async fn institution_calendar(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let inst = state
        .store
        .read(move |c| institutions::get_by_slug(c, &slug))
        .await?;
    let page = format!("/institutions/{}", inst.value.slug);
    let filter = EventFilter {
        institution_id: Some(inst.id),
        ..Default::default()
    };
    calendar(
        &state,
        &ctx,
        ctx.pick(&inst.value.name).text.to_owned(),
        &page,
        filter,
    )
    .await
}

async fn network_calendar(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let net = state
        .store
        .read(move |c| networks::get_by_slug(c, &slug))
        .await?;
    let page = format!("/networks/{}", net.value.slug);
    let filter = EventFilter {
        network_id: Some(net.id),
        ..Default::default()
    };
    calendar(
        &state,
        &ctx,
        ctx.pick(&net.value.name).text.to_owned(),
        &page,
        filter,
    )
    .await
}

#[derive(Deserialize, Default)]
struct MonthQuery {
    month: Option<String>,
}

/// One day of the month grid and the events taking place on it.
pub struct CalendarDay {
    pub date: NaiveDate,
    pub in_month: bool,
    pub events: Vec<Record<Event>>,
}

page_template!(MonthPage, "events_month.html" {
    title: String,
    weeks: Vec<Vec<CalendarDay>>,
    prev_href: String,
    next_href: String,
});

impl MonthPage {
    pub fn weekday(&self, i: &usize) -> String {
        self.ctx.t(&format!("weekday-{}", i + 1))
    }
}

/// A month as a grid of weeks (Monday first), each day listing the events on it.
async fn month(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<MonthQuery>,
) -> Result<Response, AppError> {
    use chrono::Datelike;
    let first = match blank(q.month) {
        Some(m) => NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d")
            .map_err(|_| AppError::BadRequest(format!("month: `{m}` is not a month (YYYY-MM)")))?,
        None => {
            let today = utc_now().date();
            today.with_day(1).expect("every month has a first day")
        }
    };
    let next_month = first
        .checked_add_months(chrono::Months::new(1))
        .ok_or_else(|| AppError::BadRequest("month: out of range".into()))?;
    let prev_month = first
        .checked_sub_months(chrono::Months::new(1))
        .ok_or_else(|| AppError::BadRequest("month: out of range".into()))?;
    let grid_start =
        first - chrono::TimeDelta::days(i64::from(first.weekday().num_days_from_monday()));
    let days_shown = ((next_month - grid_start).num_days() + 6) / 7 * 7;
    let grid_end = grid_start + chrono::TimeDelta::days(days_shown);
    // A day either side covers every time zone's idea of the grid's edges.
    let filter = EventFilter {
        ends_after: grid_start
            .and_hms_opt(0, 0, 0)
            .map(|t| t - chrono::TimeDelta::days(1)),
        starts_before: grid_end
            .and_hms_opt(0, 0, 0)
            .map(|t| t + chrono::TimeDelta::days(1)),
        ..Default::default()
    };
    let found = state
        .store
        .read(move |c| events::list(c, &filter, PageRequest::new(0, PageRequest::MAX_LIMIT)))
        .await?
        .items;
    let weeks = (0..days_shown / 7)
        .map(|w| {
            (0..7)
                .map(|d| {
                    let date = grid_start + chrono::TimeDelta::days(w * 7 + d);
                    let events = found
                        .iter()
                        .filter(|r| {
                            r.value.starts_at.date() <= date && date <= r.value.ends_at.date()
                        })
                        .cloned()
                        .collect();
                    CalendarDay {
                        date,
                        in_month: date.month() == first.month(),
                        events,
                    }
                })
                .collect()
        })
        .collect();
    let title = format!(
        "{} {}",
        ctx.t(&format!("month-{}", first.month())),
        first.year()
    );
    let href = |m: NaiveDate| format!("/events/calendar?month={}", m.format("%Y-%m"));
    let head = Head::new(format!("{} · {title}", ctx.t("events-calendar"))).alternate(
        "text/calendar",
        "/events.ics".into(),
        ctx.t("format-ical"),
    );
    render(&MonthPage {
        ctx,
        head,
        title,
        weeks,
        prev_href: href(prev_month),
        next_href: href(next_month),
    })
}

/// The event's programme as a Frab `schedule.xml`, for conference apps (Giggity, ConfClerk).
async fn schedule_xml(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    schedule_file(&state, &ctx, slug, Format::Xml).await
}

/// The event's programme as a Frab `schedule.json`.
async fn schedule_json(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    schedule_file(&state, &ctx, slug, Format::Json).await
}

async fn schedule_file(
    state: &AppState,
    ctx: &PageCtx,
    slug: String,
    format: Format,
) -> Result<Response, AppError> {
    use axum::response::IntoResponse;
    let site = ctx.absolute("/");
    let event_page = ctx.absolute(&format!("/events/{slug}"));
    let schedule = ctx.absolute(&format!("/events/{slug}/schedule.{}", format.code()));
    let body = state
        .store
        .read(move |c| {
            let urls = ExportUrls {
                site: &site,
                event_page: &event_page,
                schedule: &schedule,
            };
            crate::programme_files::export(c, &slug, format, &urls)
        })
        .await?;
    let media_type = format!("{}; charset=utf-8", format.media_type());
    Ok(([(axum::http::header::CONTENT_TYPE, media_type)], body).into_response())
}
