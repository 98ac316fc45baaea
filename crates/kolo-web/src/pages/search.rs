//! `/search`: the public search page. It works without scripts (a form, facet links, pages);
//! with them, the box suggests titles as one types (static/search-suggest.js, through the API).
//! Not cached: the index follows writes a moment after the page cache is emptied.

use super::collections::{FacetGroup, FacetValue, with_param};
use super::{Head, PageCtx, page_template, render};
use crate::api::search::{SearchAnswer, SearchQuery, request, run};
use crate::auth::Viewer;
use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use kolo_domain::LocalizedText;
use std::collections::BTreeMap;

pub fn routes() -> Router<AppState> {
    Router::new().route("/search", get(search_page))
}

page_template!(SearchPage, "search.html" {
    q: String,
    answer: Option<SearchAnswer>,
    facets: Vec<FacetGroup>,
    sort_by_date: bool,
    sort_href: String,
    previous: Option<String>,
    next: Option<String>,
});

impl SearchPage {
    pub fn count(&self) -> String {
        let total = self.answer.as_ref().map_or(0, |a| a.total);
        self.ctx
            .tr
            .n("search-count", i64::try_from(total).unwrap_or(i64::MAX))
    }

    pub fn kind_name(&self, code: &str) -> String {
        self.ctx.t(&format!("search-kind-{code}"))
    }
}

const PER_PAGE: usize = 20;

/// A facet group from counts, each value labelled by `label` and linking `param`.
fn group(
    ctx: &PageCtx,
    title_id: &'static str,
    param: &str,
    counts: &BTreeMap<String, u64>,
    label: impl Fn(&str) -> LocalizedText,
) -> FacetGroup {
    let active = ctx
        .query
        .iter()
        .find(|(k, _)| k == param)
        .map(|(_, v)| v.clone());
    let mut values: Vec<FacetValue> = counts
        .iter()
        .map(|(key, count)| {
            let on = active.as_deref() == Some(key.as_str());
            FacetValue {
                label: label(key),
                count: i64::try_from(*count).unwrap_or(i64::MAX),
                href: with_param(ctx, param, (!on).then_some(key.as_str())),
                active: on,
            }
        })
        .collect();
    values.sort_by_key(|v| std::cmp::Reverse(v.count));
    FacetGroup { title_id, values }
}

/// A facet of one value: a yes/no filter such as "with an image".
fn toggle(ctx: &PageCtx, param: &str, value: &str, message: &str, count: u64) -> FacetValue {
    let on = ctx.query.iter().any(|(k, v)| k == param && v == value);
    FacetValue {
        label: LocalizedText::new().with(ctx.lang.code(), &ctx.t(message)),
        count: i64::try_from(count).unwrap_or(i64::MAX),
        href: with_param(ctx, param, (!on).then_some(value)),
        active: on,
    }
}

async fn search_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    viewer: Viewer,
    Query(q): Query<SearchQuery>,
) -> Result<Response, AppError> {
    let text = q.q.clone().unwrap_or_default();
    let (mut req, directory) = request(&state, &viewer, &q, Some(ctx.lang)).await?;
    req.limit = PER_PAGE;
    let offset = req.offset;
    let answer = if text.trim().is_empty() && q.kind.is_none() {
        None
    } else {
        Some(run(&state, req).await?)
    };
    let plain = |s: &str| LocalizedText::new().with(ctx.lang.code(), s);
    let named = |prefix: &str, key: &str| {
        directory
            .names
            .get(&format!("{prefix}:{key}"))
            .cloned()
            .unwrap_or_else(|| plain(key))
    };
    let mut facets = Vec::new();
    if let Some(a) = &answer {
        let f = &a.facets;
        facets.push(group(&ctx, "search-facet-type", "type", &f.kind, |k| {
            plain(&ctx.t(&format!("search-kind-{k}")))
        }));
        facets.push(group(
            &ctx,
            "search-facet-network",
            "network",
            &f.network,
            |k| named("network", k),
        ));
        facets.push(group(
            &ctx,
            "search-facet-institution",
            "institution",
            &f.institution,
            |k| named("institution", k),
        ));
        facets.push(group(
            &ctx,
            "search-facet-region",
            "region",
            &f.region,
            |k| named("region", k),
        ));
        facets.push(group(
            &ctx,
            "search-facet-language",
            "language",
            &f.language,
            plain,
        ));
        facets.push(FacetGroup {
            title_id: "search-facet-more",
            values: vec![
                toggle(&ctx, "has_image", "true", "search-has-image", f.has_image),
                toggle(&ctx, "when", "upcoming", "search-upcoming", f.upcoming),
                toggle(&ctx, "when", "past", "search-past", f.past),
            ],
        });
    }
    let total = answer.as_ref().map_or(0, |a| a.total);
    let page_at = |at: usize| {
        let mut href = with_param(&ctx, "offset", Some(&at.to_string()));
        if at == 0 {
            href = with_param(&ctx, "offset", None);
        }
        href
    };
    let previous = (offset > 0).then(|| page_at(offset.saturating_sub(PER_PAGE)));
    let next = (offset + PER_PAGE < total.min(kolo_search::query::MAX_OFFSET))
        .then(|| page_at(offset + PER_PAGE));
    let sort_by_date = q.sort.as_deref() == Some("date");
    let sort_href = with_param(&ctx, "sort", (!sort_by_date).then_some("date"));
    let head = Head::new(if text.is_empty() {
        ctx.t("search-title")
    } else {
        format!("{text} · {}", ctx.t("search-title"))
    });
    render(&SearchPage {
        ctx,
        head,
        q: text,
        answer,
        facets,
        sort_by_date,
        sort_href,
        previous,
        next,
    })
}
