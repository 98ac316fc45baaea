//! `/api/v1/search`: one search over every kind of record, in any of the four languages.
//! The public finds published records; a signed-in staff member also their institutions' drafts.

use super::{ApiResult, query_number};
use crate::auth::Viewer;
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::{Query, State};
use kolo_domain::{Scope, UiLang};
use kolo_search::{Audience, InstitutionGroups, Kind, SearchRequest, SortBy, When};
use kolo_store::repo::{institutions, networks};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(search))
}

#[derive(Deserialize, IntoParams, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words, "quoted phrases", and `prefix*`; any language, either Kazakh script.
    pub q: Option<String>,
    /// Only this kind: institution, network, event, programme-item, document, exhibition,
    /// story, object, project, post.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub kind: Option<String>,
    /// The language titles and snippets are given in (uk, ru, kk, en), with its fallbacks.
    pub lang: Option<String>,
    /// Only records with text in this language (a BCP 47 tag: `kk` also finds `kk-Latn`).
    pub language: Option<String>,
    /// Only records of this institution (slug).
    pub institution: Option<String>,
    /// Only records of this network's member institutions (slug).
    pub network: Option<String>,
    /// Only records of institutions in this region (ISO 3166-2 code, e.g. `UA-09`).
    pub region: Option<String>,
    /// Dated no later than/no earlier than this year overlaps (negative: BC).
    pub from: Option<String>,
    pub to: Option<String>,
    /// `true`: only records with an image.
    pub has_image: Option<String>,
    /// `upcoming` or `past` (events, programme items, exhibitions).
    pub when: Option<String>,
    /// `relevance` (default) or `date` (newest first).
    pub sort: Option<String>,
    /// The last word is a prefix: suggestions while typing.
    pub suggest: Option<String>,
    pub offset: Option<String>,
    pub limit: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SearchItem {
    #[serde(rename = "type")]
    pub kind: String,
    /// Unique among results: `object:12`, `event:3`.
    pub id: String,
    pub title: String,
    /// The title's language tag.
    pub title_lang: Option<String>,
    pub url: String,
    /// HTML: escaped text with the matched words in `<mark>`.
    pub snippet: String,
    pub score: f32,
}

#[derive(Serialize, ToSchema, Default)]
pub struct SearchFacets {
    #[serde(rename = "type")]
    pub kind: BTreeMap<String, u64>,
    pub institution: BTreeMap<String, u64>,
    pub network: BTreeMap<String, u64>,
    pub region: BTreeMap<String, u64>,
    pub language: BTreeMap<String, u64>,
    pub has_image: u64,
    pub upcoming: u64,
    pub past: u64,
}

#[derive(Serialize, ToSchema)]
pub struct SearchAnswer {
    pub total: usize,
    pub offset: usize,
    pub items: Vec<SearchItem>,
    pub facets: SearchFacets,
    /// What was done with the query: `empty` (nothing to search for), `shortened`.
    pub notices: Vec<String>,
}

/// Institutions by network and by region, for the facets and filters the index knows only
/// as institutions, and the names pages show for slugs and region codes.
pub(crate) struct Directory {
    networks: BTreeMap<String, Vec<String>>,
    regions: BTreeMap<String, Vec<String>>,
    /// Networks as `network:<slug>` and regions as `region:<code>`, counted by the search.
    groups: Arc<InstitutionGroups>,
    pub names: std::collections::HashMap<String, kolo_domain::LocalizedText>,
}

async fn directory(state: &AppState) -> Result<Arc<Directory>, AppError> {
    state
        .cache
        .search_directory
        .try_get_with((), async { load_directory(state).await.map(Arc::new) })
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("reading the directory: {e}")))
}

async fn load_directory(state: &AppState) -> Result<Directory, kolo_store::StoreError> {
    state
        .store
        .read(|c| {
            let all = kolo_store::PageRequest {
                offset: 0,
                limit: i64::MAX,
            };
            let mut regions: BTreeMap<String, Vec<String>> = BTreeMap::new();
            let mut names = std::collections::HashMap::new();
            for r in institutions::list(c, &Default::default(), all)?.items {
                let slug = r.value.slug.to_string();
                if let Some(code) = r.value.region_code {
                    regions.entry(code.clone()).or_default().push(slug.clone());
                    names.insert(format!("region:{code}"), r.value.region);
                }
                names.insert(format!("institution:{slug}"), r.value.name);
            }
            let mut by_network: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for n in networks::list(c, all)?.items {
                let members = networks::members(c, n.id)?
                    .into_iter()
                    .map(|m| m.value.slug.to_string())
                    .collect();
                names.insert(format!("network:{}", n.value.slug), n.value.name);
                by_network.insert(n.value.slug.to_string(), members);
            }
            let groups = by_network
                .iter()
                .map(|(slug, members)| (format!("network:{slug}"), members.clone()))
                .chain(
                    regions
                        .iter()
                        .map(|(code, members)| (format!("region:{code}"), members.clone())),
                );
            Ok(Directory {
                groups: Arc::new(InstitutionGroups::new(groups)),
                networks: by_network,
                regions,
                names,
            })
        })
        .await
}

fn bad(field: &str, value: &str) -> AppError {
    AppError::BadRequest(format!(
        "{field}: `{value}` is not one of the values offered"
    ))
}

fn year(name: &str, raw: Option<&String>) -> Result<Option<i32>, AppError> {
    match raw.map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse()
            .map(Some)
            .map_err(|_| AppError::BadRequest(format!("{name}: `{s}` is not a year"))),
    }
}

/// The request the query asks, and the directory it was resolved against.
pub(crate) async fn request(
    state: &AppState,
    viewer: &Viewer,
    q: &SearchQuery,
    page_lang: Option<UiLang>,
) -> Result<(SearchRequest, Arc<Directory>), AppError> {
    let directory = directory(state).await?;
    let kinds = match q.kind.as_deref().filter(|k| !k.is_empty()) {
        None => Vec::new(),
        Some(k) => vec![Kind::from_code(k).ok_or_else(|| bad("type", k))?],
    };
    let mut institutions: Vec<Vec<String>> = Vec::new();
    if let Some(slug) = q.institution.as_deref().filter(|s| !s.is_empty()) {
        institutions.push(vec![slug.to_owned()]);
    }
    if let Some(slug) = q.network.as_deref().filter(|s| !s.is_empty()) {
        let members = directory
            .networks
            .get(slug)
            .ok_or_else(|| bad("network", slug))?;
        institutions.push(members.clone());
    }
    if let Some(code) = q.region.as_deref().filter(|s| !s.is_empty()) {
        institutions.push(directory.regions.get(code).cloned().unwrap_or_default());
    }
    let when = match q.when.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some("upcoming") => Some(When::Upcoming),
        Some("past") => Some(When::Past),
        Some(other) => return Err(bad("when", other)),
    };
    let sort = match q.sort.as_deref().filter(|s| !s.is_empty()) {
        None | Some("relevance") => SortBy::Relevance,
        Some("date") => SortBy::Date,
        Some(other) => return Err(bad("sort", other)),
    };
    let audience = match &viewer.0 {
        None => Audience::Public,
        Some(s) if s.principal.platform_admin => Audience::Everyone,
        Some(s) => Audience::Staff(
            s.principal
                .grants
                .iter()
                .filter_map(|g| match g.scope {
                    Scope::Institution(id) if s.principal.can_edit_institution(id) => Some(id),
                    _ => None,
                })
                .collect(),
        ),
    };
    let max_offset = i64::try_from(kolo_search::query::MAX_OFFSET).unwrap_or(i64::MAX);
    let offset = query_number("offset", q.offset.as_ref(), 0, 0, max_offset)?;
    let limit = query_number("limit", q.limit.as_ref(), 20, 1, 100)?;
    let request = SearchRequest {
        text: q.q.clone().unwrap_or_default(),
        kinds,
        institutions,
        lang: q.language.clone().filter(|l| !l.is_empty()),
        period: (year("from", q.from.as_ref())?, year("to", q.to.as_ref())?),
        has_image: q.has_image.as_deref() == Some("true"),
        when: when.map(|w| (w, kolo_store::now())),
        sort,
        page_lang,
        audience,
        offset: usize::try_from(offset).unwrap_or(0),
        limit: usize::try_from(limit).unwrap_or(20),
        prefix_last: q.suggest.as_deref() == Some("true"),
        groups: directory.groups.clone(),
    };
    Ok((request, directory))
}

/// Runs the search on the blocking pool (tantivy works synchronously).
pub(crate) async fn run(
    state: &AppState,
    request: SearchRequest,
) -> Result<SearchAnswer, AppError> {
    let index = state.search.clone();
    let public_url = state.config.clone();
    tokio::task::spawn_blocking(move || {
        let results = index.search(&request)?;
        let lang = request.page_lang.unwrap_or(UiLang::En);
        let f = results.facets;
        let (mut network, mut region) = (BTreeMap::new(), BTreeMap::new());
        for (name, n) in f.groups {
            if let Some(slug) = name.strip_prefix("network:") {
                network.insert(slug.to_owned(), n);
            } else if let Some(code) = name.strip_prefix("region:") {
                region.insert(code.to_owned(), n);
            }
        }
        Ok::<_, kolo_search::SearchError>(SearchAnswer {
            total: results.total,
            offset: request.offset,
            items: results
                .hits
                .into_iter()
                .map(|h| {
                    let shown = h.title.resolve(lang);
                    SearchItem {
                        kind: h.kind.code().to_owned(),
                        id: h.key,
                        title: shown
                            .as_ref()
                            .map(|s| s.text.to_owned())
                            .unwrap_or_default(),
                        title_lang: shown.map(|s| s.lang.to_string()),
                        url: public_url.absolute(&h.path),
                        snippet: h.snippet,
                        score: h.score,
                    }
                })
                .collect(),
            facets: SearchFacets {
                kind: f.kind,
                institution: f.institution,
                network,
                region,
                language: f.lang,
                has_image: f.has_image,
                upcoming: f.upcoming,
                past: f.past,
            },
            notices: results
                .notices
                .iter()
                .map(|n| {
                    serde_json::to_value(n)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default()
                })
                .collect(),
        })
    })
    .await
    .map_err(|e| AppError::Internal(anyhow::anyhow!("search worker: {e}")))?
    .map_err(|e| AppError::Internal(e.into()))
}

#[utoipa::path(get, path = "/search", operation_id = "search", tag = "search", params(SearchQuery),
    responses((status = 200, body = SearchAnswer), (status = 400, body = super::ErrorBody)))]
async fn search(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SearchQuery>,
) -> ApiResult<Json<SearchAnswer>> {
    let page_lang = q.lang.as_deref().and_then(UiLang::from_tag);
    let (request, _) = request(&state, &viewer, &q, page_lang).await?;
    Ok(Json(run(&state, request).await?))
}
