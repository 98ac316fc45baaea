//! The public site: home, institution directory, institution pages, networks.

use super::events::upcoming_and_past;
use super::{Head, PageCtx, Pager, page_template, render};
use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use kolo_domain::{Event, Exhibition, Institution, InstitutionKind, Network, Project};
use kolo_interop::jsonld;
use kolo_store::repo::events::EventFilter;
use kolo_store::repo::institutions::{self, InstitutionFilter};
use kolo_store::repo::networks;
use kolo_store::repo::posts::PostScope;
use kolo_store::{PageRequest, Record};
use serde::Deserialize;
use std::collections::HashMap;

pub fn public_routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/institutions", get(directory))
        .route("/institutions/{slug}", get(institution))
        .route("/networks", get(network_list))
        .route("/networks/{slug}", get(network))
        .merge(crate::static_files::routes())
        .merge(super::events::event_routes())
        .merge(super::exhibitions::exhibition_routes())
        .merge(super::projects::project_routes())
        .merge(super::posts::post_routes())
        .merge(super::collections::routes())
        .merge(super::sitemap::routes())
        .merge(super::sharing::routes())
        .merge(super::feeds::routes())
}

/// A network with the number of its members, for lists.
pub struct NetworkSummary {
    pub record: Record<Network>,
    pub members: i64,
}

async fn network_summaries(state: &AppState) -> Result<Vec<NetworkSummary>, AppError> {
    Ok(state
        .store
        .read(|c| {
            let counts: HashMap<i64, i64> = networks::member_counts(c)?.into_iter().collect();
            let all = networks::list(c, PageRequest::new(0, PageRequest::MAX_LIMIT))?;
            Ok(all
                .items
                .into_iter()
                .map(|record| NetworkSummary {
                    members: counts.get(&record.id).copied().unwrap_or(0),
                    record,
                })
                .collect())
        })
        .await?)
}

page_template!(HomePage, "home.html" {
    latest_posts: Vec<Record<kolo_domain::Post>>,
    upcoming: Vec<Record<Event>>,
    past: Vec<Record<Event>>,
    networks: Vec<NetworkSummary>,
    institution_total: i64,
    kinds: Vec<(&'static str, String, i64)>,
});

impl HomePage {
    pub fn events_href(&self) -> String {
        "/events".to_owned()
    }

    pub fn news_href(&self) -> String {
        "/news".to_owned()
    }

    pub fn new_post_href(&self) -> Option<String> {
        None
    }
}

async fn home(State(state): State<AppState>, ctx: PageCtx) -> Result<Response, AppError> {
    let networks = network_summaries(&state).await?;
    let counts = state.store.read(institutions::count_by_kind).await?;
    let total = counts.iter().map(|(_, n)| n).sum();
    let kinds = counts
        .into_iter()
        .map(|(k, n)| (k.code(), format!("kind-{}", k.code()), n))
        .collect();
    let head = Head::new(ctx.t("home-title"))
        .describe(&ctx.t("home-intro"))
        .alternate(
            "application/json",
            "/api/v1/networks".into(),
            ctx.t("format-json"),
        );
    let (latest_posts, (upcoming, past)) = state
        .store
        .read(|c| {
            Ok((
                super::posts::latest(c, PostScope::All)?,
                upcoming_and_past(c, EventFilter::default(), 5)?,
            ))
        })
        .await?;
    render(&HomePage {
        ctx,
        head,
        latest_posts,
        upcoming,
        past,
        networks,
        institution_total: total,
        kinds,
    })
}

#[derive(Deserialize, Default)]
struct DirectoryQuery {
    kind: Option<String>,
    country: Option<String>,
    region: Option<String>,
    network: Option<String>,
    page: Option<String>,
}

const PER_PAGE: i64 = 24;

/// (value, label, selected) for a `<select>`.
type Choice = (String, String, bool);

page_template!(DirectoryPage, "directory.html" {
    items: Vec<Record<Institution>>,
    total: i64,
    pager: Pager,
    kind_options: Vec<(&'static str, String, bool)>,
    country_options: Vec<Choice>,
    region_options: Vec<Choice>,
    network_options: Vec<Choice>,
});

fn blank_to_none(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

async fn directory(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<DirectoryQuery>,
) -> Result<Response, AppError> {
    let kind = match blank_to_none(q.kind) {
        Some(k) => Some(
            InstitutionKind::from_code(&k)
                .ok_or_else(|| AppError::BadRequest(format!("kind: unknown value `{k}`")))?,
        ),
        None => None,
    };
    let page: i64 = match blank_to_none(q.page) {
        Some(p) => p
            .parse()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| AppError::BadRequest(format!("page: `{p}` is not a page number")))?,
        None => 1,
    };
    let country = blank_to_none(q.country).map(|c| c.to_ascii_uppercase());
    let region = blank_to_none(q.region);
    let network_slug = blank_to_none(q.network);
    let all_networks = network_summaries(&state).await?;
    let network_id = match &network_slug {
        Some(slug) => Some(
            all_networks
                .iter()
                .find(|n| n.record.value.slug.as_str() == slug)
                .map(|n| n.record.id)
                .ok_or_else(|| AppError::BadRequest(format!("network: no network `{slug}`")))?,
        ),
        None => None,
    };
    let filter = InstitutionFilter {
        kind,
        country: country.clone(),
        region_code: region.clone(),
        network_id,
    };
    let request = PageRequest::new((page - 1) * PER_PAGE, PER_PAGE);
    let (list, places) = state
        .store
        .read(move |c| {
            Ok((
                institutions::list(c, &filter, request)?,
                institutions::places(c)?,
            ))
        })
        .await?;
    let pages = ((list.total + PER_PAGE - 1) / PER_PAGE).max(1);
    let page_href = |p: i64| {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        s.extend_pairs(
            ctx.query
                .iter()
                .filter(|(k, _)| k != "page")
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
        s.append_pair("page", &p.to_string());
        format!("/institutions?{}", s.finish())
    };
    let pager = Pager::new(&ctx.tr, page, pages, page_href);

    let kind_options = InstitutionKind::ALL
        .iter()
        .map(|k| (k.code(), format!("kind-{}", k.code()), Some(*k) == kind))
        .collect();
    let mut countries: Vec<String> = places.iter().map(|(c, _)| c.clone()).collect();
    countries.dedup();
    let country_options = countries
        .iter()
        .map(|c| (c.clone(), ctx.country_name(c), Some(c) == country.as_ref()))
        .collect();
    // Regions are named by the first institution found there, in the page language.
    let region_options = region_choices(&state, &ctx, &places, region.as_deref()).await?;
    let network_options = super::network_choices(
        &ctx,
        all_networks.iter().map(|n| &n.record),
        network_slug.as_deref(),
    );
    let head = Head::new(ctx.t("directory-title")).alternate(
        "application/json",
        format!("/api/v1/institutions{}", api_query(&ctx)),
        ctx.t("format-json"),
    );
    render(&DirectoryPage {
        ctx,
        head,
        total: list.total,
        items: list.items,
        pager,
        kind_options,
        country_options,
        region_options,
        network_options,
    })
}

fn api_query(ctx: &PageCtx) -> String {
    if ctx.query.is_empty() {
        return String::new();
    }
    let mut s = url::form_urlencoded::Serializer::new(String::new());
    s.extend_pairs(ctx.query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    format!("?{}", s.finish())
}

async fn region_choices(
    state: &AppState,
    ctx: &PageCtx,
    places: &[(String, Option<String>)],
    selected: Option<&str>,
) -> Result<Vec<Choice>, AppError> {
    let codes: Vec<String> = places.iter().filter_map(|(_, r)| r.clone()).collect();
    let named = state
        .store
        .read(move |c| {
            codes
                .into_iter()
                .map(|code| {
                    let filter = InstitutionFilter {
                        region_code: Some(code.clone()),
                        ..Default::default()
                    };
                    let first = institutions::list(c, &filter, PageRequest::new(0, 1))?
                        .items
                        .into_iter()
                        .next();
                    Ok((code, first.map(|r| r.value.region)))
                })
                .collect::<Result<Vec<_>, kolo_store::StoreError>>()
        })
        .await?;
    Ok(named
        .into_iter()
        .map(|(code, region)| {
            let label = region
                .as_ref()
                .map(|r| ctx.pick(r).text.to_owned())
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| code.clone());
            let chosen = Some(code.as_str()) == selected;
            (code, label, chosen)
        })
        .collect())
}

page_template!(InstitutionPage, "institution.html" {
    latest_posts: Vec<Record<kolo_domain::Post>>,
    upcoming: Vec<Record<Event>>,
    // Exhibitions on show here today, and coming here.
    exhibitions_now: Vec<Record<Exhibition>>,
    exhibitions_next: Vec<Record<Exhibition>>,
    // Published projects it is a partner of.
    projects: Vec<Record<Project>>,
    past: Vec<Record<Event>>,
    inst: Record<Institution>,
    original_name: Option<String>,
    networks: Vec<Record<Network>>,
    // The institution's collections in tree order, with their depth.
    collections: Vec<(usize, Record<kolo_domain::Collection>)>,
});

impl InstitutionPage {
    pub fn events_href(&self) -> String {
        format!("/events?institution={}", self.inst.value.slug)
    }

    pub fn news_href(&self) -> String {
        format!("/news?institution={}", self.inst.value.slug)
    }

    /// The news block's "new post" link, for the institution's staff.
    pub fn new_post_href(&self) -> Option<String> {
        self.ctx
            .can_edit_institution(&self.inst.id)
            .then(|| format!("/admin/posts/new?host={}", self.inst.value.slug))
    }
}

/// What an institution's page shows, read in one go.
struct InstitutionData {
    inst: Record<Institution>,
    networks: Vec<Record<Network>>,
    collections: Vec<kolo_store::repo::collections::StoredCollection>,
    upcoming: Vec<Record<Event>>,
    past: Vec<Record<Event>>,
    exhibitions_now: Vec<Record<Exhibition>>,
    exhibitions_next: Vec<Record<Exhibition>>,
    projects: Vec<Record<Project>>,
    latest_posts: Vec<Record<kolo_domain::Post>>,
}

async fn institution(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    // One read for everything the page shows: each read is a trip to a blocking thread.
    let InstitutionData {
        inst,
        networks,
        collections,
        upcoming,
        past,
        exhibitions_now,
        exhibitions_next,
        projects,
        latest_posts,
    } = state
        .store
        .read(move |c| {
            let inst = institutions::get_by_slug(c, &slug)?;
            let ids = institutions::network_ids(c, inst.id)?;
            let events = EventFilter {
                institution_id: Some(inst.id),
                ..Default::default()
            };
            let (upcoming, past) = upcoming_and_past(c, events, 5)?;
            let (exhibitions_now, exhibitions_next) = super::exhibitions::at_venue(c, inst.id)?;
            Ok(InstitutionData {
                networks: networks::by_ids(c, &ids)?,
                collections: kolo_store::repo::collections::list(c, inst.id)?,
                upcoming,
                past,
                exhibitions_now,
                exhibitions_next,
                projects: super::projects::of_institution(c, inst.id)?,
                latest_posts: super::posts::latest(c, PostScope::Institution(inst.id))?,
                inst,
            })
        })
        .await?;
    let slug = inst.value.slug.to_string();
    let page_url = ctx.absolute(&format!("/institutions/{slug}"));
    let network_urls: Vec<String> = networks
        .iter()
        .map(|n| ctx.absolute(&format!("/networks/{}", n.value.slug)))
        .collect();
    let links: Vec<jsonld::Link<'_>> = networks
        .iter()
        .zip(&network_urls)
        .map(|(n, url)| jsonld::Link {
            url,
            name: &n.value.name,
        })
        .collect();
    let ld = jsonld::institution(&inst.value, &page_url, ctx.lang, &links);
    let shown = ctx.pick(&inst.value.name);
    // Show the original-language name too when the page shows a translation.
    let original = inst
        .value
        .name
        .get(inst.value.original_lang.as_str())
        .filter(|o| *o != shown.text)
        .map(str::to_owned);
    let head = Head::new(shown.text.to_owned())
        .shareable()
        .describe(ctx.pick(&inst.value.description).text)
        .alternate(
            "application/json",
            format!("/api/v1/institutions/{slug}"),
            ctx.t("format-json"),
        )
        .alternate(
            "text/calendar",
            format!("/institutions/{slug}/events.ics"),
            ctx.t("format-ical"),
        )
        .alternate(
            "application/atom+xml",
            format!("/institutions/{slug}/feed.atom"),
            ctx.t("format-atom"),
        )
        .jsonld(&ld);
    let head = Head {
        og_type: "profile",
        ..head
    };
    render(&InstitutionPage {
        ctx,
        latest_posts,
        upcoming,
        exhibitions_now,
        exhibitions_next,
        projects,
        past,
        head,
        inst,
        original_name: original,
        networks,
        collections: super::collections::collection_tree(collections),
    })
}

page_template!(NetworksPage, "networks.html" { networks: Vec<NetworkSummary> });

async fn network_list(State(state): State<AppState>, ctx: PageCtx) -> Result<Response, AppError> {
    let networks = network_summaries(&state).await?;
    let head = Head::new(ctx.t("networks-title")).alternate(
        "application/json",
        "/api/v1/networks".into(),
        ctx.t("format-json"),
    );
    render(&NetworksPage {
        ctx,
        head,
        networks,
    })
}

page_template!(NetworkPage, "network.html" {
    latest_posts: Vec<Record<kolo_domain::Post>>,
    upcoming: Vec<Record<Event>>,
    past: Vec<Record<Event>>,
    network: Record<Network>,
    members: Vec<Record<Institution>>,
});

impl NetworkPage {
    pub fn events_href(&self) -> String {
        format!("/events?network={}", self.network.value.slug)
    }

    pub fn news_href(&self) -> String {
        format!("/news?network={}", self.network.value.slug)
    }

    pub fn new_post_href(&self) -> Option<String> {
        None
    }
}

async fn network(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (network, members, (upcoming, past), latest_posts) = state
        .store
        .read(move |c| {
            let n = networks::get_by_slug(c, &slug)?;
            let members = networks::members(c, n.id)?;
            let events = EventFilter {
                network_id: Some(n.id),
                ..Default::default()
            };
            let upcoming_and_past = upcoming_and_past(c, events, 5)?;
            let latest_posts = super::posts::latest(c, PostScope::Network(n.id))?;
            Ok((n, members, upcoming_and_past, latest_posts))
        })
        .await?;
    let slug = network.value.slug.to_string();
    let member_urls: Vec<String> = members
        .iter()
        .map(|m| ctx.absolute(&format!("/institutions/{}", m.value.slug)))
        .collect();
    let links: Vec<jsonld::Link<'_>> = members
        .iter()
        .zip(&member_urls)
        .map(|(m, url)| jsonld::Link {
            url,
            name: &m.value.name,
        })
        .collect();
    let ld = jsonld::network(
        &network.value,
        &ctx.absolute(&format!("/networks/{slug}")),
        &links,
    );
    let head = Head::new(ctx.pick(&network.value.name).text.to_owned())
        .shareable()
        .describe(ctx.pick(&network.value.description).text)
        .alternate(
            "application/json",
            format!("/api/v1/networks/{slug}"),
            ctx.t("format-json"),
        )
        .alternate(
            "text/calendar",
            format!("/networks/{slug}/events.ics"),
            ctx.t("format-ical"),
        )
        .alternate(
            "application/atom+xml",
            format!("/networks/{slug}/feed.atom"),
            ctx.t("format-atom"),
        )
        .jsonld(&ld);
    render(&NetworkPage {
        latest_posts,
        upcoming,
        past,
        ctx,
        head,
        network,
        members,
    })
}
