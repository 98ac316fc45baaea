//! Exhibition and story pages: the exhibition list (on now, upcoming, past, by kind), the
//! exhibition page (texts, people, sections with their objects, itinerary, related events),
//! object stories and their numbered series; also the exhibitions a venue's page lists.
//!
//! Drafts are shown only to those who may edit them (their pages are never cached: the page
//! cache serves anonymous visitors only).

use super::events::{PartyView, date, parties};
use super::{Head, PageCtx, page_template, render};
use crate::auth::SignedIn;
use crate::i18n::Tr;
use crate::iiif::Pictures;
use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use chrono::NaiveDate;
use kolo_domain::event::Party;
use kolo_domain::exhibition::{ExhibitedObject, Stop};
use kolo_domain::{
    Event, Exhibition, ExhibitionKind, LocalizedText, MediaId, ObjectRef, PublicationState, Story,
    UiLang,
};
use kolo_interop::iiif_presentation as presentation;
use kolo_interop::jsonld;
use kolo_interop::jsonld::exhibitions::{ExhibitionContext, StopLink, StoryContext};
use kolo_store::repo::exhibitions::{self, ExhibitionFilter, Period};
use kolo_store::repo::stories::{self, StoryFilter};
use kolo_store::repo::{events, institutions, networks, objects};
use kolo_store::{DbConnection, PageRequest, Record, StoreError};
use serde::Deserialize;
use std::collections::BTreeMap;

pub fn exhibition_routes() -> Router<AppState> {
    Router::new()
        .route("/exhibitions", get(list))
        .route("/exhibitions/{slug}", get(page))
        .route("/stories", get(story_list))
        .route("/stories/{slug}", get(story_page))
}

/// Today where exhibitions are dated: a calendar day, taken in UTC.
fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// `01.03.2024–30.06.2024`, `from 01.03.2024`, `until ...`, or nothing for an undated show.
pub fn dates(tr: &Tr, x: &Exhibition) -> String {
    match x.span() {
        (Some(o), Some(c)) => format!("{}–{}", date(o), date(c)),
        (Some(o), None) => tr.args("exhibition-since", &[("date", date(o).into())]),
        (None, Some(c)) => tr.args("exhibition-until", &[("date", date(c).into())]),
        (None, None) => String::new(),
    }
}

pub fn kind_name(tr: &Tr, kind: &ExhibitionKind) -> String {
    tr.t(&format!("exhibition-kind-{}", kind.code()))
}

/// A list of exhibitions as pages show them.
pub type Exhibitions = Vec<Record<Exhibition>>;

/// The published exhibitions on show at an institution today, and those coming there.
pub fn at_venue(
    c: &mut DbConnection,
    institution_id: i64,
) -> Result<(Exhibitions, Exhibitions), StoreError> {
    let day = today();
    let at = |period| ExhibitionFilter {
        institution_id: Some(institution_id),
        period: Some((period, day)),
        ..Default::default()
    };
    let page = PageRequest::new(0, 20);
    Ok((
        exhibitions::list(c, &at(Period::Current), page)?.items,
        exhibitions::list(c, &at(Period::Upcoming), page)?.items,
    ))
}

#[derive(Deserialize, Default)]
struct ListQuery {
    kind: Option<String>,
}

page_template!(ExhibitionsPage, "exhibitions.html" {
    // (heading message, exhibitions): on now, upcoming, past.
    groups: Vec<(&'static str, Vec<Record<Exhibition>>)>,
    // (code, label, selected)
    kind_options: Vec<(&'static str, String, bool)>,
});

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let kind = match q.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
        Some(k) => Some(
            ExhibitionKind::from_code(k)
                .ok_or_else(|| AppError::BadRequest(format!("kind: unknown value `{k}`")))?,
        ),
        None => None,
    };
    let day = today();
    let (current, upcoming, past) = state
        .store
        .read(move |c| {
            let when = |period| ExhibitionFilter {
                kind,
                period: Some((period, day)),
                ..Default::default()
            };
            let page = PageRequest::new(0, PageRequest::MAX_LIMIT);
            Ok((
                exhibitions::list(c, &when(Period::Current), page)?.items,
                exhibitions::list(c, &when(Period::Upcoming), page)?.items,
                exhibitions::list(c, &when(Period::Past), page)?.items,
            ))
        })
        .await?;
    let kind_options = ExhibitionKind::ALL
        .iter()
        .map(|k| (k.code(), kind_name(&ctx.tr, k), Some(*k) == kind))
        .collect();
    let head = Head::new(ctx.t("exhibitions-title")).alternate(
        "application/json",
        "/api/v1/exhibitions".into(),
        ctx.t("format-json"),
    );
    render(&ExhibitionsPage {
        ctx,
        head,
        groups: vec![
            ("exhibitions-current", current),
            ("exhibitions-upcoming", upcoming),
            ("exhibitions-past", past),
        ],
        kind_options,
    })
}

/// An object as an exhibition page shows it.
pub struct ObjectView {
    pub inventory_number: String,
    pub caption: LocalizedText,
    pub highlight: bool,
    /// The published record's id, title and main image, when the catalogue has it.
    pub id: Option<i64>,
    pub title: LocalizedText,
    pub image: Option<MediaId>,
}

/// What an exhibition page shows of a published record of one of its objects.
struct Catalogued {
    id: i64,
    title: LocalizedText,
    image: Option<MediaId>,
}

fn object_view(o: &ExhibitedObject, catalogue: &BTreeMap<ObjectRef, Catalogued>) -> ObjectView {
    let record = catalogue.get(&o.object);
    ObjectView {
        inventory_number: o.object.inventory_number.as_str().to_owned(),
        caption: o.caption.clone(),
        highlight: o.highlight,
        id: record.map(|r| r.id),
        title: record.map(|r| r.title.clone()).unwrap_or_default(),
        image: record.and_then(|r| r.image.clone()),
    }
}

pub struct SectionView {
    pub key: String,
    pub title: LocalizedText,
    pub text: LocalizedText,
    /// Highlights first, otherwise in the curators' order.
    pub objects: Vec<ObjectView>,
}

pub struct StopView {
    pub number: usize,
    pub venue: PartyView,
    pub city: LocalizedText,
    pub dates: String,
}

pub struct CuratorView {
    pub name: LocalizedText,
    pub institution: Option<PartyView>,
}

page_template!(ExhibitionPage, "exhibition.html" {
    x: Record<Exhibition>,
    // (heading message, parties): hosts, organisers, partners, networks.
    groups: Vec<(&'static str, Vec<PartyView>)>,
    curators: Vec<CuratorView>,
    sections: Vec<SectionView>,
    // (heading message, stops): past, current, next.
    itinerary: Vec<(&'static str, Vec<StopView>)>,
    events: Vec<Record<Event>>,
    pictures: Pictures,
    editable: bool,
});

impl ExhibitionPage {
    pub fn dates(&self) -> String {
        dates(&self.ctx.tr, &self.x.value)
    }
}

fn may_edit_exhibition(viewer: &Option<SignedIn>, host_ids: &[i64]) -> bool {
    viewer
        .as_ref()
        .is_some_and(|v| v.principal.can_edit_event(host_ids))
}

fn institution_party(slug: &kolo_domain::Slug) -> Party {
    Party::Institution {
        institution: slug.clone(),
    }
}

async fn page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let loaded = state
        .store
        .read(move |c| {
            let x = exhibitions::get_by_slug(c, &slug)?;
            let host_ids = exhibitions::host_ids(c, x.id)?;
            let v = &x.value;
            let hosts: Vec<Party> = v.hosts.iter().map(institution_party).collect();
            let network_views = v
                .networks
                .iter()
                .map(|s| {
                    let n = networks::get_by_slug(c, s.as_str())?;
                    Ok(PartyView {
                        name: n.value.name,
                        href: Some(format!("/networks/{}", n.value.slug)),
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            let groups = vec![
                ("exhibition-hosts", parties(c, &hosts)?),
                ("exhibition-organisers", parties(c, &v.organisers)?),
                ("exhibition-partners", parties(c, &v.partners)?),
                ("event-networks", network_views),
            ];
            let mut curators = Vec::new();
            for cur in &v.curators {
                let institution = match &cur.institution {
                    Some(s) => parties(c, &[institution_party(s)])?.pop(),
                    None => None,
                };
                curators.push(CuratorView {
                    name: cur.name.clone(),
                    institution,
                });
            }
            let stops: Vec<Party> = v
                .itinerary
                .iter()
                .map(|s| match &s.institution {
                    Some(i) => institution_party(i),
                    None => Party::Named {
                        name: s.venue.clone(),
                    },
                })
                .collect();
            let venues = parties(c, &stops)?;
            let mut catalogued = BTreeMap::new();
            for r in v.objects() {
                if let Some(o) = objects::find_by_ref(c, r)?
                    && o.value.state == PublicationState::Published
                {
                    let image = o.value.images.first().map(|i| i.media.clone());
                    let (id, title) = (o.id, o.value.title);
                    catalogued.insert(r.clone(), Catalogued { id, title, image });
                }
            }
            let related = v
                .events
                .iter()
                .map(|s| events::get_by_slug(c, s.as_str()))
                .collect::<Result<Vec<_>, _>>()?;
            let shown = v.images.iter().map(|i| &i.media);
            let pictures = Pictures::load(
                c,
                shown.chain(catalogued.values().filter_map(|o| o.image.as_ref())),
            )?;
            Ok((
                x, host_ids, groups, curators, venues, related, catalogued, pictures,
            ))
        })
        .await?;
    let (x, host_ids, groups, curators, venues, related, catalogued, pictures) = loaded;
    let editable = may_edit_exhibition(&ctx.viewer, &host_ids);
    if x.value.state == PublicationState::Draft && !editable {
        return Err(AppError::NotFound);
    }
    let v = &x.value;
    let page_url = ctx.absolute(&format!("/exhibitions/{}", v.slug));
    let absolute = |p: &PartyView| p.href.as_ref().map(|h| (ctx.absolute(h), p.name.clone()));
    let host_urls: Vec<(String, LocalizedText)> = groups[0].1.iter().filter_map(absolute).collect();
    let organiser_urls: Vec<(String, LocalizedText)> = groups[0]
        .1
        .iter()
        .chain(&groups[1].1)
        .filter_map(absolute)
        .collect();
    let venue_urls: Vec<Option<(String, LocalizedText)>> = venues.iter().map(absolute).collect();
    let event_urls: Vec<(String, LocalizedText)> = related
        .iter()
        .map(|e| {
            (
                ctx.absolute(&format!("/events/{}", e.value.slug)),
                e.value.title.clone(),
            )
        })
        .collect();
    let (host_links, organiser_links, event_links) = (
        links(&host_urls),
        links(&organiser_urls),
        links(&event_urls),
    );
    let stop_links: Vec<StopLink<'_>> = v
        .itinerary
        .iter()
        .zip(&venue_urls)
        .map(|(stop, venue)| StopLink {
            stop,
            venue: venue.as_ref().map(|(url, name)| jsonld::Link { url, name }),
        })
        .collect();
    let image_urls: Vec<String> = v
        .images
        .iter()
        .map(|i| ctx.absolute(&pictures.preview(&i.media)))
        .collect();
    let ld = jsonld::exhibitions::exhibition(
        v,
        &ExhibitionContext {
            url: &page_url,
            lang: ctx.lang,
            organizers: &organiser_links,
            stops: &stop_links,
            hosts: &host_links,
            events: &event_links,
            images: &image_urls,
        },
    );
    let itinerary = itinerary(v, venues, today());
    let sections = v
        .sections
        .iter()
        .map(|s| {
            let mut objects: Vec<ObjectView> = s
                .objects
                .iter()
                .map(|o| object_view(o, &catalogued))
                .collect();
            objects.sort_by_key(|o| !o.highlight);
            SectionView {
                key: s.key.to_string(),
                title: s.title.clone(),
                text: s.text.clone(),
                objects,
            }
        })
        .collect();
    let title = ctx.pick(&v.title).text.to_owned();
    let head = Head::new(title.clone())
        .image(image_urls.first().cloned(), &title)
        .shareable()
        .describe(
            ctx.pick(if v.summary.is_empty() {
                &v.description
            } else {
                &v.summary
            })
            .text,
        )
        .alternate(
            "application/json",
            format!("/api/v1/exhibitions/{}", v.slug),
            ctx.t("format-json"),
        )
        .alternate(
            presentation::JSON_LD,
            crate::iiif::collection_path(v.slug.as_str()),
            ctx.t("format-iiif-collection"),
        )
        .jsonld(&ld);
    let groups = groups.into_iter().filter(|g| !g.1.is_empty()).collect();
    render(&ExhibitionPage {
        ctx,
        head,
        x,
        groups,
        curators,
        sections,
        itinerary,
        events: related,
        pictures,
        editable,
    })
}

/// JSON-LD links from (absolute URL, name) pairs.
pub(super) fn links(list: &[(String, LocalizedText)]) -> Vec<jsonld::Link<'_>> {
    list.iter()
        .map(|(url, name)| jsonld::Link { url, name })
        .collect()
}

/// The stops as past, current and next venues on `day` (empty groups left out).
fn itinerary(
    x: &Exhibition,
    venues: Vec<PartyView>,
    day: NaiveDate,
) -> Vec<(&'static str, Vec<StopView>)> {
    let mut groups: Vec<(&'static str, Vec<StopView>)> = vec![
        ("itinerary-past", Vec::new()),
        ("itinerary-current", Vec::new()),
        ("itinerary-next", Vec::new()),
    ];
    for (i, (stop, venue)) in x.itinerary.iter().zip(venues).enumerate() {
        let slot = match stop.time_on(day) {
            kolo_domain::exhibition::StopTime::Past => 0,
            kolo_domain::exhibition::StopTime::Current => 1,
            kolo_domain::exhibition::StopTime::Upcoming => 2,
        };
        groups[slot].1.push(stop_view(i + 1, stop, venue));
    }
    groups.retain(|g| !g.1.is_empty());
    groups
}

fn stop_view(number: usize, stop: &Stop, venue: PartyView) -> StopView {
    StopView {
        number,
        venue,
        city: stop.city.clone(),
        dates: format!("{}–{}", date(stop.opens_on), date(stop.closes_on)),
    }
}

// ---------------------------------------------------------------------------------------------
// Stories
// ---------------------------------------------------------------------------------------------

/// A series' name: its own message when Kolo has one (`story-series-the-exhibit-tells`), else
/// its slug.
pub fn series_name(tr: &Tr, series: &str) -> String {
    let id = format!("story-series-{series}");
    if Tr::new(UiLang::En).has_own(&id) {
        tr.t(&id)
    } else {
        series.to_owned()
    }
}

#[derive(Deserialize, Default)]
struct StoryQuery {
    series: Option<String>,
}

page_template!(StoriesPage, "stories.html" {
    heading: String,
    stories: Vec<Record<Story>>,
});

async fn story_list(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<StoryQuery>,
) -> Result<Response, AppError> {
    let series = q
        .series
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    let heading = match &series {
        Some(s) => series_name(&ctx.tr, s),
        None => ctx.t("stories-title"),
    };
    let filter = StoryFilter {
        series: series.clone(),
        ..Default::default()
    };
    let page = state
        .store
        .read(move |c| stories::list(c, &filter, PageRequest::new(0, PageRequest::MAX_LIMIT)))
        .await?;
    let api = match &series {
        Some(s) => format!(
            "/api/v1/stories?series={}",
            url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>()
        ),
        None => "/api/v1/stories".to_owned(),
    };
    let head = Head::new(heading.clone()).alternate("application/json", api, ctx.t("format-json"));
    render(&StoriesPage {
        ctx,
        head,
        heading,
        stories: page.items,
    })
}

page_template!(StoryPage, "story.html" {
    story: Record<Story>,
    institution: PartyView,
    series: Option<(String, String)>,
    editable: bool,
});

/// `No. 3`: a story's place in its series.
pub fn story_number(tr: &Tr, n: &u32) -> String {
    tr.args("story-number", &[("number", i64::from(*n).into())])
}

/// What a story page names its object: for now the inventory number. The one place to add
/// the object record's title and link.
fn object_name(o: &ObjectRef) -> String {
    o.inventory_number.as_str().to_owned()
}

async fn story_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (story, owner) = state
        .store
        .read(move |c| {
            let story = stories::get_by_slug(c, &slug)?;
            let owner = institutions::get_by_slug(c, story.value.institution.as_str())?;
            Ok((story, owner))
        })
        .await?;
    let editable = ctx
        .viewer
        .as_ref()
        .is_some_and(|v| v.principal.can_edit_institution(owner.id));
    if story.value.state == PublicationState::Draft && !editable {
        return Err(AppError::NotFound);
    }
    let s = &story.value;
    let page_url = ctx.absolute(&format!("/stories/{}", s.slug));
    let owner_url = ctx.absolute(&format!("/institutions/{}", owner.value.slug));
    let series = s.series.as_ref().map(|slug| {
        (
            format!("/stories?series={slug}"),
            series_name(&ctx.tr, slug.as_str()),
        )
    });
    let series_url = series.as_ref().map(|(href, _)| ctx.absolute(href));
    let object = object_name(&s.object);
    let ld = jsonld::exhibitions::story(
        s,
        &StoryContext {
            url: &page_url,
            publisher: jsonld::Link {
                url: &owner_url,
                name: &owner.value.name,
            },
            series: series_url
                .as_deref()
                .zip(series.as_ref().map(|(_, name)| name.as_str())),
            object_name: &object,
        },
    );
    let head = Head::new(ctx.pick(&s.title).text.to_owned())
        .shareable()
        .describe(ctx.pick(&s.body).text)
        .alternate(
            "application/json",
            format!("/api/v1/stories/{}", s.slug),
            ctx.t("format-json"),
        )
        .jsonld(&ld);
    let head = Head {
        og_type: "article",
        ..head
    };
    let institution = PartyView {
        name: owner.value.name.clone(),
        href: Some(format!("/institutions/{}", owner.value.slug)),
    };
    render(&StoryPage {
        ctx,
        head,
        story,
        institution,
        series,
        editable,
    })
}
