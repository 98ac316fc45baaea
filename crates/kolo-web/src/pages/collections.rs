//! Collection pages: the object browse with facets (plain links and a GET form, no script),
//! the object page, an institution's collection and a vocabulary term with their objects.
//!
//! Lists are keyset-paginated (`?after=<id>`): a deep page costs what the first does. Counts
//! and facets look at the first 10,000 matching objects at most (`objects::COUNT_CAP`), so a
//! browse over a million objects never counts them all; the page says "more than 10,000".

use super::{Head, PageCtx, Shown, page_template, render};
use crate::api::path_slug;
use crate::browse::{ObjectQuery, browse};
use crate::iiif::Pictures;
use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use kolo_domain::{
    Collection, Institution, LocalizedText, MuseumObject, PublicationState, Slug, Term,
    VocabularyKind,
};
use kolo_interop::jsonld;
use kolo_store::repo::objects::{self, ObjectFilter, ObjectPage as StoredPage};
use kolo_store::repo::{collections, institutions, vocabularies};
use kolo_store::{DbConnection, Record, StoreError};
use serde::Deserialize;
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/objects", get(browse_page))
        .route("/objects/{id}", get(object_page))
        .route(
            "/institutions/{slug}/collections/{key}",
            get(collection_page),
        )
        .route("/vocabularies/{kind}/{key}", get(term_page))
}

const PER_PAGE: i64 = 24;

/// Labels of terms by (vocabulary, key), loaded once per page.
#[derive(Default)]
pub struct TermLabels(HashMap<(VocabularyKind, String), LocalizedText>);

impl TermLabels {
    fn load<'a>(
        c: &mut DbConnection,
        wanted: impl IntoIterator<Item = (VocabularyKind, &'a str)>,
    ) -> Result<TermLabels, StoreError> {
        let mut by_kind: HashMap<VocabularyKind, Vec<&str>> = HashMap::new();
        for (kind, key) in wanted {
            by_kind.entry(kind).or_default().push(key);
        }
        let mut labels = HashMap::new();
        for (kind, keys) in by_kind {
            for r in vocabularies::get_many(c, kind, &keys)? {
                labels.insert((kind, r.value.key.to_string()), r.value.label);
            }
        }
        Ok(TermLabels(labels))
    }

    fn get(&self, kind: VocabularyKind, key: &str) -> Option<&LocalizedText> {
        self.0.get(&(kind, key.to_owned()))
    }
}

/// One object in a list.
pub struct ObjectCard {
    pub id: i64,
    pub title: LocalizedText,
    pub inventory_number: String,
    pub dating: LocalizedText,
    pub institution: LocalizedText,
}

/// Cards for a page of objects, with their institutions' names.
fn cards(
    c: &mut DbConnection,
    items: Vec<Record<MuseumObject>>,
) -> Result<Vec<ObjectCard>, StoreError> {
    let mut names: HashMap<String, LocalizedText> = HashMap::new();
    items
        .into_iter()
        .map(|r| {
            let slug = r.value.institution.to_string();
            if !names.contains_key(&slug) {
                let name = institutions::get_by_slug(c, &slug)?.value.name;
                names.insert(slug.clone(), name);
            }
            Ok(ObjectCard {
                id: r.id,
                institution: names[&slug].clone(),
                inventory_number: r.value.inventory_number.to_string(),
                dating: r.value.dating.map(|d| d.text).unwrap_or_default(),
                title: r.value.title,
            })
        })
        .collect()
}

/// `1880–1920`, `800–300 BC`: the years a dating means, in the page's words.
pub fn years(ctx: &PageCtx, earliest: i32, latest: i32) -> String {
    // Astronomical numbering: year 0 is 1 BC.
    let bc = |y: i32| (1 - y).to_string();
    match (earliest <= 0, latest <= 0) {
        (true, true) if earliest == latest => format!("{} {}", bc(earliest), ctx.t("year-bc")),
        (true, true) => format!("{}–{} {}", bc(earliest), bc(latest), ctx.t("year-bc")),
        (true, false) => format!("{} {} – {}", bc(earliest), ctx.t("year-bc"), latest),
        _ if earliest == latest => earliest.to_string(),
        _ => format!("{earliest}–{latest}"),
    }
}

/// A facet value: a link that adds (or, when active, removes) the filter.
pub struct FacetValue {
    pub label: LocalizedText,
    pub count: i64,
    pub href: String,
    pub active: bool,
}

pub struct FacetGroup {
    pub title_id: &'static str,
    pub values: Vec<FacetValue>,
}

/// This page's address with `param` set to `value` (or removed), from page one.
pub(crate) fn with_param(ctx: &PageCtx, param: &str, value: Option<&str>) -> String {
    let mut q = url::form_urlencoded::Serializer::new(String::new());
    q.extend_pairs(
        ctx.query
            .iter()
            .filter(|(k, _)| k != param && k != "after" && k != "offset")
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
    if let Some(v) = value {
        q.append_pair(param, v);
    }
    format!("{}?{}", ctx.path, q.finish())
}

fn facet_param(kind: VocabularyKind) -> &'static str {
    match kind {
        VocabularyKind::ObjectType => "type",
        VocabularyKind::Place => "place",
        _ => "material",
    }
}

page_template!(ObjectsPage, "objects.html" {
    items: Vec<ObjectCard>,
    total: i64,
    more: bool,
    facets: Vec<FacetGroup>,
    image_facet: FacetValue,
    from: String,
    to: String,
    // Filters the year form carries along as hidden fields.
    carried: Vec<(String, String)>,
    next: Option<String>,
});

impl ObjectsPage {
    pub fn count(&self) -> String {
        if self.more {
            self.ctx.tr.n("objects-count-more", self.total)
        } else {
            self.ctx.tr.n("objects-count", self.total)
        }
    }
}

async fn browse_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<ObjectQuery>,
) -> Result<Response, AppError> {
    let q = ObjectQuery { limit: None, ..q };
    let (page, facets) = browse(&state, &q, PER_PAGE).await?;
    let wanted: Vec<(VocabularyKind, String)> = facets
        .terms
        .iter()
        .flat_map(|(kind, counts)| counts.iter().map(|(key, _)| (*kind, key.clone())))
        .collect();
    let (items, labels) = state
        .store
        .read(move |c| {
            let labels = TermLabels::load(c, wanted.iter().map(|(k, s)| (*k, s.as_str())))?;
            Ok((cards(c, page.items)?, labels))
        })
        .await?;
    let groups = facets
        .terms
        .iter()
        .map(|(kind, counts)| {
            let param = facet_param(*kind);
            let current = ctx
                .query
                .iter()
                .find(|(k, _)| k == param)
                .map(|(_, v)| v.as_str());
            FacetGroup {
                title_id: match kind {
                    VocabularyKind::ObjectType => "objects-facet-type",
                    VocabularyKind::Place => "objects-facet-place",
                    _ => "objects-facet-material",
                },
                values: counts
                    .iter()
                    .map(|(key, count)| {
                        let active = current == Some(key.as_str());
                        FacetValue {
                            label: labels
                                .get(*kind, key)
                                .cloned()
                                .unwrap_or_else(|| LocalizedText::new().with("zxx", key)),
                            count: *count,
                            href: with_param(&ctx, param, (!active).then_some(key.as_str())),
                            active,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let image_active = q.has_image.as_deref() == Some("true");
    let image_facet = FacetValue {
        label: LocalizedText::new(),
        count: facets.with_image,
        href: with_param(&ctx, "has_image", (!image_active).then_some("true")),
        active: image_active,
    };
    let carried = ctx
        .query
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "from" | "to" | "after"))
        .cloned()
        .collect();
    let next = page
        .next_after
        .map(|after| format!("/objects?{}", q.with_after(after)));
    let head = Head::new(ctx.t("objects-title")).alternate(
        "application/json",
        "/api/v1/objects".into(),
        ctx.t("format-json"),
    );
    render(&ObjectsPage {
        head,
        items,
        total: facets.total,
        more: facets.capped,
        facets: groups,
        image_facet,
        from: q.from.clone().unwrap_or_default(),
        to: q.to.clone().unwrap_or_default(),
        carried,
        next,
        ctx,
    })
}

page_template!(ObjectPageTemplate, "object.html" {
    object: Record<MuseumObject>,
    institution: Record<Institution>,
    collection: Option<Record<Collection>>,
    labels: TermLabels,
    pictures: Pictures,
    editable: bool,
});

impl ObjectPageTemplate {
    /// A term's label in the page's language (its key when the term has no label).
    pub fn label(&self, kind: &str, key: &Slug) -> Shown<'_> {
        let kind = VocabularyKind::from_code(kind).expect("templates name known vocabularies");
        match self.labels.get(kind, key.as_str()) {
            Some(text) => self.ctx.pick(text),
            None => Shown {
                text: "",
                lang: None,
            },
        }
    }

    pub fn years(&self, d: &kolo_domain::Dating) -> String {
        match (d.earliest, d.latest) {
            (Some(e), Some(l)) => years(&self.ctx, e, l),
            _ => String::new(),
        }
    }

    pub fn value(&self, v: &f64) -> String {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// The object, if the viewer may see it: published, or a draft its institution's staff open.
async fn object_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let (object, institution, collection, labels, pictures) = state
        .store
        .read(move |c| {
            let object = objects::get(c, id)?;
            let institution = institutions::get_by_slug(c, object.value.institution.as_str())?;
            let collection = object
                .value
                .collection
                .as_ref()
                .map(|k| collections::get(c, institution.id, k.as_str()))
                .transpose()?;
            let labels = TermLabels::load(
                c,
                object
                    .value
                    .terms()
                    .into_iter()
                    .map(|(k, s)| (k, s.as_str())),
            )?;
            let pictures = Pictures::load(c, object.value.images.iter().map(|i| &i.media))?;
            Ok((object, institution, collection, labels, pictures))
        })
        .await?;
    let editable = ctx.can_edit_institution(&institution.id);
    if object.value.state != PublicationState::Published && !editable {
        return Err(AppError::NotFound);
    }
    let o = &object.value;
    let page_url = ctx.absolute(&format!("/objects/{}", object.id));
    let institution_url = ctx.absolute(&format!("/institutions/{}", institution.value.slug));
    let label = |kind, key: &Slug| labels.get(kind, key.as_str());
    let ld = jsonld::object(
        o,
        &page_url,
        &jsonld::ObjectContext {
            institution: jsonld::Link {
                url: &institution_url,
                name: &institution.value.name,
            },
            object_type: o
                .object_type
                .as_ref()
                .and_then(|t| label(VocabularyKind::ObjectType, t)),
            materials: o
                .materials
                .iter()
                .filter_map(|m| label(VocabularyKind::Material, m))
                .collect(),
            creators: o
                .creators()
                .filter_map(|a| label(VocabularyKind::Actor, a))
                .collect(),
            images: o
                .images
                .iter()
                .map(|i| ctx.absolute(&pictures.preview(&i.media)))
                .collect(),
        },
    );
    let title = ctx.pick(&o.title).text.to_owned();
    let preview = o
        .images
        .first()
        .map(|i| ctx.absolute(&pictures.preview(&i.media)));
    let head = Head::new(title.clone())
        .describe(ctx.pick(&o.description).text)
        .image(preview, &title)
        .shareable()
        .alternate(
            "application/json",
            format!("/api/v1/objects/{}", object.id),
            ctx.t("format-json"),
        )
        .jsonld(&ld);
    // Manifests exist for published objects only.
    let head = if o.state == PublicationState::Published {
        head.alternate(
            kolo_interop::iiif_presentation::JSON_LD,
            crate::iiif::manifest_path(object.id),
            ctx.t("format-iiif-manifest"),
        )
    } else {
        head
    };
    render(&ObjectPageTemplate {
        ctx,
        head,
        object,
        institution,
        collection,
        labels,
        pictures,
        editable,
    })
}

#[derive(Deserialize, Default)]
struct AfterQuery {
    after: Option<String>,
}

impl AfterQuery {
    fn after(&self) -> Result<Option<i64>, AppError> {
        ObjectQuery {
            after: self.after.clone(),
            ..Default::default()
        }
        .after()
    }
}

/// A page of objects for a collection or term page, with the link to the next.
async fn object_list(
    state: &AppState,
    filter: ObjectFilter,
    after: Option<i64>,
    path: String,
) -> Result<(Vec<ObjectCard>, Option<String>), AppError> {
    let (items, next_after) = state
        .store
        .read(move |c| {
            let StoredPage { items, next_after } = objects::list(c, &filter, after, PER_PAGE)?;
            Ok((cards(c, items)?, next_after))
        })
        .await?;
    Ok((items, next_after.map(|a| format!("{path}?after={a}"))))
}

page_template!(CollectionPage, "collection.html" {
    collection: Record<Collection>,
    institution: Record<Institution>,
    parent: Option<Record<Collection>>,
    children: Vec<Record<Collection>>,
    items: Vec<ObjectCard>,
    next: Option<String>,
});

async fn collection_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((slug, key)): Path<(String, String)>,
    Query(q): Query<AfterQuery>,
) -> Result<Response, AppError> {
    let after = q.after()?;
    let (slug, key) = (path_slug(&slug)?, path_slug(&key)?);
    let (institution, collection, parent, children) = state
        .store
        .read(move |c| {
            let institution = institutions::get_by_slug(c, &slug)?;
            let all = collections::list(c, institution.id)?;
            let this = all
                .iter()
                .find(|s| s.record.value.key.as_str() == key)
                .cloned()
                .ok_or(StoreError::NotFound)?;
            let parent = all
                .iter()
                .find(|s| Some(s.record.id) == this.parent_id)
                .map(|s| s.record.clone());
            let children = all
                .into_iter()
                .filter(|s| s.parent_id == Some(this.record.id))
                .map(|s| s.record)
                .collect();
            Ok((institution, this.record, parent, children))
        })
        .await?;
    let path = format!(
        "/institutions/{}/collections/{}",
        institution.value.slug, collection.value.key
    );
    let filter = ObjectFilter {
        institution_id: Some(institution.id),
        collection_id: Some(collection.id),
        ..ObjectFilter::public()
    };
    let (items, next) = object_list(&state, filter, after, path).await?;
    let head = Head::new(ctx.pick(&collection.value.title).text.to_owned())
        .describe(ctx.pick(&collection.value.description).text)
        .alternate(
            "application/json",
            format!(
                "/api/v1/objects?institution={}&collection={}",
                institution.value.slug, collection.value.key
            ),
            ctx.t("format-json"),
        );
    render(&CollectionPage {
        ctx,
        head,
        collection,
        institution,
        parent,
        children,
        items,
        next,
    })
}

page_template!(TermPage, "term.html" {
    term: Term,
    broader: Option<Term>,
    items: Vec<ObjectCard>,
    next: Option<String>,
});

impl TermPage {
    pub fn vocabulary_name(&self) -> String {
        self.ctx.t(&format!("vocabulary-{}", self.term.kind.code()))
    }

    pub fn years(&self, span: &(i32, i32)) -> String {
        years(&self.ctx, span.0, span.1)
    }
}

async fn term_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path((kind, key)): Path<(String, String)>,
    Query(q): Query<AfterQuery>,
) -> Result<Response, AppError> {
    let after = q.after()?;
    let kind = VocabularyKind::from_code(&kind).ok_or(AppError::NotFound)?;
    let key = path_slug(&key)?;
    let (term, broader) = state
        .store
        .read(move |c| {
            let term = vocabularies::get(c, kind, &key)?.value;
            let broader = term
                .broader
                .as_ref()
                .map(|b| vocabularies::get(c, kind, b.as_str()).map(|r| r.value))
                .transpose()?;
            Ok((term, broader))
        })
        .await?;
    let path = format!("/vocabularies/{}/{}", kind.code(), term.key);
    let filter = ObjectFilter {
        terms: vec![(kind, term.key.to_string())],
        ..ObjectFilter::public()
    };
    let (items, next) = object_list(&state, filter, after, path).await?;
    let head = Head::new(ctx.pick(&term.label).text.to_owned()).alternate(
        "application/json",
        format!("/api/v1/vocabularies/{}/{}", kind.code(), term.key),
        ctx.t("format-json"),
    );
    render(&TermPage {
        ctx,
        head,
        term,
        broader,
        items,
        next,
    })
}

/// An institution's collections as its page lists them: top-level first, each followed by
/// those below it (with their depth).
pub fn collection_tree(
    list: Vec<collections::StoredCollection>,
) -> Vec<(usize, Record<Collection>)> {
    fn walk(
        parent: Option<i64>,
        depth: usize,
        all: &[collections::StoredCollection],
        out: &mut Vec<(usize, Record<Collection>)>,
    ) {
        for s in all.iter().filter(|s| s.parent_id == parent) {
            out.push((depth, s.record.clone()));
            walk(Some(s.record.id), depth + 1, all, out);
        }
    }
    let mut out = Vec::new();
    walk(None, 0, &list, &mut out);
    out
}
