//! What the object browse page and the object list of the API share: the query parameters,
//! and reading a page of public objects with its facets.

use crate::api::query_number;
use crate::{AppError, AppState};
use kolo_domain::{FieldError, VocabularyKind};
use kolo_store::repo::objects::{self, ObjectFilter};
use kolo_store::repo::{collections, institutions};
use kolo_store::{DbConnection, StoreError};
use serde::Deserialize;
use utoipa::IntoParams;

/// The vocabularies browse facets over.
pub const FACET_KINDS: [VocabularyKind; 3] = [
    VocabularyKind::ObjectType,
    VocabularyKind::Material,
    VocabularyKind::Place,
];

/// Filters of the object list, shared by the API and the browse page.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ObjectQuery {
    /// Only this institution's objects (slug).
    pub institution: Option<String>,
    /// Only this collection of `institution` (key), with the collections below it.
    pub collection: Option<String>,
    /// Object type term (key).
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub object_type: Option<String>,
    /// Material term (key).
    pub material: Option<String>,
    /// Place term (key): where it was made, found, used...
    pub place: Option<String>,
    /// Made in or after this year (negative for BC; overlapping datings match).
    pub from: Option<String>,
    /// Made in or before this year.
    pub to: Option<String>,
    /// `true`: only objects with images.
    pub has_image: Option<String>,
    /// The id of the last object of the page before.
    pub after: Option<String>,
    /// Items per page, 1 to 200 (default 50).
    pub limit: Option<String>,
}

fn blank(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl ObjectQuery {
    fn year(name: &str, raw: &Option<String>) -> Result<Option<i32>, AppError> {
        blank(raw)
            .map(|s| {
                s.parse::<i32>()
                    .ok()
                    .filter(|y| y.abs() <= 100_000)
                    .ok_or_else(|| AppError::BadRequest(format!("{name}: `{s}` is not a year")))
            })
            .transpose()
    }

    pub fn after(&self) -> Result<Option<i64>, AppError> {
        blank(&self.after)
            .map(|_| query_number("after", self.after.as_ref(), 0, 0, i64::MAX))
            .transpose()
    }

    /// The public filter these parameters ask for; unknown institutions and collections are
    /// reported by field.
    pub fn filter(&self, c: &mut DbConnection) -> Result<ObjectFilter, StoreError> {
        let unknown =
            |field: &str| StoreError::Invalid(FieldError::new(field, "unknown").into_errors());
        let mut f = ObjectFilter::public();
        if let Some(slug) = blank(&self.institution) {
            let id = institutions::get_by_slug(c, slug)
                .map_err(|_| unknown("institution"))?
                .id;
            f.institution_id = Some(id);
            if let Some(key) = blank(&self.collection) {
                f.collection_id = Some(
                    collections::get(c, id, key)
                        .map_err(|_| unknown("collection"))?
                        .id,
                );
            }
        } else if blank(&self.collection).is_some() {
            return Err(unknown("institution"));
        }
        for (kind, value) in [
            (VocabularyKind::ObjectType, &self.object_type),
            (VocabularyKind::Material, &self.material),
            (VocabularyKind::Place, &self.place),
        ] {
            if let Some(key) = blank(value) {
                let param = match kind {
                    VocabularyKind::ObjectType => "type",
                    VocabularyKind::Material => "material",
                    _ => "place",
                };
                let key = kolo_domain::Slug::parse(param, key).map_err(|e| e.into_errors())?;
                f.terms.push((kind, key.to_string()));
            }
        }
        Ok(f)
    }

    /// Parameters that need no database: years and the image flag.
    pub fn apply_plain(&self, f: &mut ObjectFilter) -> Result<(), AppError> {
        f.years_from = Self::year("from", &self.from)?;
        f.years_to = Self::year("to", &self.to)?;
        f.has_image = match blank(&self.has_image) {
            None => None,
            Some("true") => Some(true),
            Some("false") => Some(false),
            Some(other) => {
                return Err(AppError::BadRequest(format!(
                    "has_image: `{other}` is neither true nor false"
                )));
            }
        };
        Ok(())
    }

    /// The same query at another cursor (`after`), as `a=b&...`.
    pub fn with_after(&self, after: i64) -> String {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("institution", &self.institution),
            ("collection", &self.collection),
            ("type", &self.object_type),
            ("material", &self.material),
            ("place", &self.place),
            ("from", &self.from),
            ("to", &self.to),
            ("has_image", &self.has_image),
            ("limit", &self.limit),
        ] {
            if let Some(v) = blank(v) {
                q.append_pair(k, v);
            }
        }
        q.append_pair("after", &after.to_string());
        q.finish()
    }
}

/// Reads a page of public objects with their facets.
pub async fn browse(
    state: &AppState,
    q: &ObjectQuery,
    limit: i64,
) -> Result<(objects::ObjectPage, objects::Facets), AppError> {
    let after = q.after()?;
    let query = q.clone();
    let mut plain = ObjectFilter::default();
    q.apply_plain(&mut plain)?;
    let facet_key = {
        let mut filter_only = q.clone();
        (filter_only.after, filter_only.limit) = (None, None);
        format!("{filter_only:?}")
    };
    let (filter, page, changes) = state
        .store
        .read(move |c| {
            let f = ObjectFilter {
                years_from: plain.years_from,
                years_to: plain.years_to,
                has_image: plain.has_image,
                ..query.filter(c)?
            };
            let page = objects::list(c, &f, after, limit)?;
            // Counts are kept per state of the database: a write by another process (a CLI
            // import) makes a new key at once, before the cache follower empties the cache.
            let changes = kolo_store::audit::change_counter(c)?;
            Ok((f, page, changes))
        })
        .await
        .map_err(AppError::from_filter)?;
    // Requests for the same filter that arrive while its facets are being counted wait for
    // that one count instead of each starting their own.
    let facets = state
        .cache
        .facets
        .try_get_with(format!("{changes}|{facet_key}"), async {
            state
                .store
                .read(move |c| objects::facets(c, &filter, &FACET_KINDS, 20))
                .await
        })
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("counting facets: {e}")))?;
    Ok((page, facets))
}
