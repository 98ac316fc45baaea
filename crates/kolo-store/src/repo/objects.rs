//! Museum objects. Each is stored whole as JSON; the columns beside it (institution, inventory
//! number, collection, type, years, state, image) and its `object_terms` rows are derived on
//! every write, so browse, facets and harvests never read the JSON to filter.
//!
//! Every save appends a revision (content, who, when). Objects the public stops seeing (deleted
//! or unpublished) leave a tombstone in `deleted_objects`, which harvesters (OAI-PMH) read as
//! deleted records; publishing the object again removes it.

use super::Saved;
use super::collections::{institution_id, with_descendants};
use super::vocabularies;
use crate::schema::{collections, deleted_objects, object_revisions, object_terms, objects};
use crate::{DbConnection, Record, StoreError, audit, now};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kolo_domain::{
    FieldError, MediaId, MuseumObject, ObjectRef, PublicationState, Term, ValidationErrors,
    VocabularyKind,
};
use std::collections::{HashMap, HashSet};

type Db = <DbConnection as diesel::Connection>::Backend;

super::json_row!(ObjectRow, objects, MuseumObject, "object");

pub fn get(conn: &mut DbConnection, id: i64) -> Result<Record<MuseumObject>, StoreError> {
    objects::table
        .find(id)
        .select(ObjectRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?
        .into_record()
}

/// Up to `limit` objects after the id `after`, in id order, each with its institution's id:
/// one query for a whole batch (building the search index reads every object so).
pub fn batch_after(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> Result<Vec<(Record<MuseumObject>, i64)>, StoreError> {
    objects::table
        .filter(objects::id.gt(after))
        .order(objects::id)
        .limit(limit)
        .select((ObjectRow::as_select(), objects::institution_id))
        .load::<(ObjectRow, i64)>(conn)?
        .into_iter()
        .map(|(row, institution)| Ok((row.into_record()?, institution)))
        .collect()
}

/// The id of the object with this inventory number in this institution.
pub fn find(
    conn: &mut DbConnection,
    institution_id: i64,
    inventory_number: &str,
) -> Result<Option<i64>, StoreError> {
    Ok(objects::table
        .filter(objects::institution_id.eq(institution_id))
        .filter(objects::inventory_number.eq(inventory_number))
        .select(objects::id)
        .first(conn)
        .optional()?)
}

/// The object an exhibition or story names by institution and inventory number, if it exists.
pub fn find_by_ref(
    conn: &mut DbConnection,
    r: &ObjectRef,
) -> Result<Option<Record<MuseumObject>>, StoreError> {
    let Some(institution) = institution_id(conn, r.institution.as_str())? else {
        return Ok(None);
    };
    find(conn, institution, r.inventory_number.as_str())?
        .map(|id| get(conn, id))
        .transpose()
}

/// The institution an object belongs to (for rights checks).
pub fn institution_of(conn: &mut DbConnection, id: i64) -> Result<i64, StoreError> {
    objects::table
        .find(id)
        .select(objects::institution_id)
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)
}

/// Which objects a list, facet or harvest covers. Empty means all of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ObjectFilter {
    pub institution_id: Option<i64>,
    /// This collection and those below it.
    pub collection_id: Option<i64>,
    /// Objects tagged with every one of these terms (type, material, place...).
    pub terms: Vec<(VocabularyKind, String)>,
    /// Objects whose years overlap [`years_from`, `years_to`] (either end open).
    pub years_from: Option<i32>,
    pub years_to: Option<i32>,
    pub has_image: Option<bool>,
    /// `Some(Published)` for everything the public sees.
    pub state: Option<PublicationState>,
}

impl ObjectFilter {
    /// What the public may see.
    pub fn public() -> ObjectFilter {
        ObjectFilter {
            state: Some(PublicationState::Published),
            ..Default::default()
        }
    }
}

fn filtered<'a>(f: &'a ObjectFilter, collection_ids: &'a [i64]) -> objects::BoxedQuery<'a, Db> {
    let mut q = objects::table.into_boxed();
    if let Some(state) = f.state {
        q = q.filter(objects::state.eq(state.code()));
    }
    if let Some(id) = f.institution_id {
        q = q.filter(objects::institution_id.eq(id));
    }
    if f.collection_id.is_some() {
        q = q.filter(objects::collection_id.eq_any(collection_ids));
    }
    // A correlated EXISTS, not `id IN (all objects with the term)`: a page walks objects in
    // id order and probes each one's terms by primary key, so it stops after the page is full
    // (at a million objects, 3 ms instead of 250 for a common term).
    for (kind, key) in &f.terms {
        q = q.filter(diesel::dsl::exists(
            object_terms::table
                .filter(object_terms::object_id.eq(objects::id))
                .filter(object_terms::kind.eq(kind.code()))
                .filter(object_terms::key.eq(key)),
        ));
    }
    if let Some(from) = f.years_from {
        q = q.filter(objects::latest.ge(from));
    }
    if let Some(to) = f.years_to {
        q = q.filter(objects::earliest.le(to));
    }
    if let Some(has) = f.has_image {
        q = q.filter(objects::has_image.eq(has));
    }
    q
}

fn collection_ids(conn: &mut DbConnection, f: &ObjectFilter) -> Result<Vec<i64>, StoreError> {
    match f.collection_id {
        Some(id) => with_descendants(conn, id),
        None => Ok(Vec::new()),
    }
}

/// A page of objects in id order, after the id `after` (keyset pagination: the cost of a page
/// does not grow with its depth).
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectPage {
    pub items: Vec<Record<MuseumObject>>,
    /// The id to continue after, when there is a next page.
    pub next_after: Option<i64>,
}

pub fn list(
    conn: &mut DbConnection,
    f: &ObjectFilter,
    after: Option<i64>,
    limit: i64,
) -> Result<ObjectPage, StoreError> {
    let ids = collection_ids(conn, f)?;
    let mut q = filtered(f, &ids);
    if let Some(after) = after {
        q = q.filter(objects::id.gt(after));
    }
    let mut items = q
        .order(objects::id)
        .limit(limit + 1)
        .select(ObjectRow::as_select())
        .load(conn)?
        .into_iter()
        .map(ObjectRow::into_record)
        .collect::<Result<Vec<_>, _>>()?;
    let next_after = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        items.last().map(|r| r.id)
    } else {
        None
    };
    Ok(ObjectPage { items, next_after })
}

/// Counts and facets look at no more than this many matching objects, so a page over a million
/// objects costs what one over ten thousand does; beyond it, counts say "more than".
pub const COUNT_CAP: i64 = 10_000;

/// How many objects match, up to [`COUNT_CAP`], and facet counts within them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facets {
    pub total: i64,
    /// More than [`COUNT_CAP`] objects match: `total` is the cap, and the counts are those of
    /// the first [`COUNT_CAP`] matches in id order.
    pub capped: bool,
    /// Per vocabulary asked for: (term key, objects), most frequent first.
    pub terms: Vec<(VocabularyKind, Vec<(String, i64)>)>,
    pub with_image: i64,
}

pub fn facets(
    conn: &mut DbConnection,
    f: &ObjectFilter,
    kinds: &[VocabularyKind],
    per_kind: i64,
) -> Result<Facets, StoreError> {
    let ids = collection_ids(conn, f)?;
    // The matching ids are read (at most the cap and one) and handed back as a list: a boxed
    // subquery cannot be nested on the multi-backend connection.
    let mut within: Vec<(i64, bool)> = filtered(f, &ids)
        .select((objects::id, objects::has_image))
        .order(objects::id)
        .limit(COUNT_CAP + 1)
        .load(conn)?;
    let capped = within.len() as i64 > COUNT_CAP;
    within.truncate(COUNT_CAP as usize);
    let with_image = within.iter().filter(|(_, image)| *image).count() as i64;
    let within: Vec<i64> = within.into_iter().map(|(id, _)| id).collect();
    // The terms are read by the objects' ids and counted here. Asked to group by term, SQLite
    // without statistics walks every term of the kinds in their index order instead (at a
    // million objects, 0.4 s warm and 3 s cold instead of 40 ms and 0.3 s).
    let kind_codes: Vec<&str> = kinds.iter().map(|k| k.code()).collect();
    let rows: Vec<(String, String)> = object_terms::table
        .filter(object_terms::object_id.eq_any(&within))
        .filter(object_terms::kind.eq_any(&kind_codes))
        .select((object_terms::kind, object_terms::key))
        .load(conn)?;
    let mut counts: HashMap<(String, String), i64> = HashMap::new();
    for row in rows {
        *counts.entry(row).or_default() += 1;
    }
    let terms = kinds
        .iter()
        .map(|kind| {
            let mut of_kind: Vec<(String, i64)> = counts
                .iter()
                .filter(|((k, _), _)| k == kind.code())
                .map(|((_, key), n)| (key.clone(), *n))
                .collect();
            of_kind.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            of_kind.truncate(usize::try_from(per_kind).unwrap_or(0));
            (*kind, of_kind)
        })
        .collect();
    Ok(Facets {
        total: within.len() as i64,
        capped,
        terms,
        with_image,
    })
}

/// One saved content of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Revision {
    pub number: i64,
    pub saved_at: NaiveDateTime,
    pub saved_by: Option<i64>,
    pub value: MuseumObject,
}

/// An object's revisions, newest first.
pub fn revisions(conn: &mut DbConnection, object_id: i64) -> Result<Vec<Revision>, StoreError> {
    let rows: Vec<(i64, i64, String, NaiveDateTime, Option<i64>)> = object_revisions::table
        .filter(object_revisions::object_id.eq(object_id))
        .order(object_revisions::number.desc())
        .select((
            object_revisions::id,
            object_revisions::number,
            object_revisions::data,
            object_revisions::saved_at,
            object_revisions::saved_by,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, number, data, saved_at, saved_by)| {
            Ok(Revision {
                number,
                saved_at,
                saved_by,
                value: super::parse_stored(
                    &format!("object revision {id}"),
                    serde_json::from_str(&data),
                )?,
            })
        })
        .collect()
}

/// What one batch did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BatchOutcome {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Terms created from those the batch supplied.
    pub terms_created: usize,
    /// Per object given, its id (None for a failed row).
    pub ids: Vec<Option<i64>>,
    /// Rows that failed, by index in the batch, with every problem found.
    pub failed: Vec<(usize, ValidationErrors)>,
}

/// How [`upsert_batch`] treats rows that fail validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnError {
    /// Write nothing if any row fails (`failed` lists them all).
    WriteNothing,
    /// Write the good rows, report the failed ones.
    SkipRow,
}

/// The ids an object's references resolve to, and the years its dating means.
struct Resolved {
    institution_id: i64,
    collection_id: Option<i64>,
    years: Option<(i32, i32)>,
}

/// Lookups a batch repeats for many rows, asked of the database once each.
#[derive(Default)]
struct Lookups<'t> {
    institutions: HashMap<String, Option<i64>>,
    collections: HashMap<(i64, String), Option<i64>>,
    /// Terms known to exist, with their years (periods).
    terms: HashMap<(VocabularyKind, String), Option<(i32, i32)>>,
    /// Terms the caller supplied for creating when missing.
    supplied: HashMap<(VocabularyKind, &'t str), &'t Term>,
    /// Supplied terms some row needs (created before the rows are written).
    to_create: Vec<&'t Term>,
    /// Images known to exist, with their institution.
    media: HashMap<MediaId, Option<i64>>,
}

impl<'t> Lookups<'t> {
    fn institution(
        &mut self,
        conn: &mut DbConnection,
        slug: &str,
    ) -> Result<Option<i64>, StoreError> {
        if let Some(id) = self.institutions.get(slug) {
            return Ok(*id);
        }
        let id = institution_id(conn, slug)?;
        self.institutions.insert(slug.to_owned(), id);
        Ok(id)
    }

    fn media_owner(
        &mut self,
        conn: &mut DbConnection,
        id: &MediaId,
    ) -> Result<Option<i64>, StoreError> {
        if let Some(owner) = self.media.get(id) {
            return Ok(*owner);
        }
        let owner = super::media::owner(conn, id)?;
        self.media.insert(id.clone(), owner);
        Ok(owner)
    }

    fn collection(
        &mut self,
        conn: &mut DbConnection,
        institution: i64,
        key: &str,
    ) -> Result<Option<i64>, StoreError> {
        let k = (institution, key.to_owned());
        if let Some(id) = self.collections.get(&k) {
            return Ok(*id);
        }
        let id = collections::table
            .filter(collections::institution_id.eq(institution))
            .filter(collections::key.eq(key))
            .select(collections::id)
            .first(conn)
            .optional()?;
        self.collections.insert(k, id);
        Ok(id)
    }

    /// `None` when the term neither exists nor was supplied; else the years it spans.
    fn term(
        &mut self,
        conn: &mut DbConnection,
        kind: VocabularyKind,
        key: &str,
    ) -> Result<Option<Option<(i32, i32)>>, StoreError> {
        let k = (kind, key.to_owned());
        if let Some(years) = self.terms.get(&k) {
            return Ok(Some(*years));
        }
        let found = match vocabularies::lookup(conn, kind, key)? {
            Some(years) => Some(years),
            None => match self.supplied.get(&(kind, key)) {
                Some(term) => {
                    self.to_create.push(term);
                    Some(term.years)
                }
                None => None,
            },
        };
        if let Some(years) = found {
            self.terms.insert(k, years);
        }
        Ok(found)
    }

    /// Checks an object's references; `Ok(Err(..))` names every field that refers to nothing.
    fn resolve(
        &mut self,
        conn: &mut DbConnection,
        object: &MuseumObject,
    ) -> Result<Result<Resolved, ValidationErrors>, StoreError> {
        if let Err(e) = object.validate() {
            return Ok(Err(e));
        }
        let mut errors = ValidationErrors::default();
        let Some(institution_id) = self.institution(conn, object.institution.as_str())? else {
            return Ok(Err(
                FieldError::new("institution", "unknown-institution").into_errors()
            ));
        };
        let collection_id = match &object.collection {
            Some(key) => {
                let id = self.collection(conn, institution_id, key.as_str())?;
                if id.is_none() {
                    errors.push(FieldError::new("collection", "unknown-collection"));
                }
                id
            }
            None => None,
        };
        // An object shows only its own institution's images: another's are not its to use.
        for (i, image) in object.images.iter().enumerate() {
            if self.media_owner(conn, &image.media)? != Some(institution_id) {
                errors.push(FieldError::new(
                    format!("images[{i}].media"),
                    "unknown-media",
                ));
            }
        }
        let mut period_years = None;
        for (field, kind, key) in object.term_refs() {
            match self.term(conn, kind, key.as_str())? {
                None => errors.push(FieldError::new(field, &format!("unknown-term: {key}"))),
                Some(years) if field == "dating.period" => period_years = years,
                Some(_) => {}
            }
        }
        let years = object
            .dating
            .as_ref()
            .and_then(|d| match (d.earliest, d.latest) {
                (Some(e), Some(l)) => Some((e, l)),
                _ => period_years,
            });
        Ok(errors.into_result(Resolved {
            institution_id,
            collection_id,
            years,
        }))
    }
}

/// Creates or updates the object (institution, inventory number), keeping its id: the one write
/// path for forms and the API. Unchanged objects write and log nothing.
pub fn save(
    conn: &mut DbConnection,
    actor: Option<i64>,
    object: &MuseumObject,
) -> Result<(i64, Saved), StoreError> {
    let mut lookups = Lookups::default();
    let resolved = lookups
        .resolve(conn, object)?
        .map_err(StoreError::Invalid)?;
    let target = find(
        conn,
        resolved.institution_id,
        object.inventory_number.as_str(),
    )?;
    write_audited(conn, actor, target, object, &resolved)
}

/// Replaces the object `id` (which may change its inventory number, not its institution).
pub fn replace(
    conn: &mut DbConnection,
    actor: Option<i64>,
    id: i64,
    object: &MuseumObject,
) -> Result<Saved, StoreError> {
    let current_institution = institution_of(conn, id)?;
    if institution_id(conn, object.institution.as_str())? != Some(current_institution) {
        return Err(FieldError::new("institution", "institution-mismatch")
            .into_errors()
            .into());
    }
    let mut lookups = Lookups::default();
    let resolved = lookups
        .resolve(conn, object)?
        .map_err(StoreError::Invalid)?;
    if find(
        conn,
        resolved.institution_id,
        object.inventory_number.as_str(),
    )?
    .is_some_and(|other| other != id)
    {
        return Err(StoreError::Taken {
            field: "inventory_number",
        });
    }
    write_audited(conn, actor, Some(id), object, &resolved).map(|(_, saved)| saved)
}

fn write_audited(
    conn: &mut DbConnection,
    actor: Option<i64>,
    target: Option<i64>,
    object: &MuseumObject,
    resolved: &Resolved,
) -> Result<(i64, Saved), StoreError> {
    let before = target.map(|id| get(conn, id)).transpose()?;
    let (id, saved) = write_many(conn, actor, &[(object, resolved, target)], now())?[0];
    if saved != Saved::Unchanged {
        let before = before.as_ref().map(|r| &r.value);
        super::audit_save(conn, actor, "object", id, before, object)?;
    }
    Ok((id, saved))
}

/// Creates or updates many objects by (institution, inventory number) in the caller's
/// transaction: what imports call, once per file. Terms the objects refer to must exist or be
/// among `supplied_terms`, which are created (never changed) when a row needs them. Rows are
/// checked first; with [`OnError::WriteNothing`] any failure leaves the database untouched.
/// One audit entry sums the batch up; each object still gets its revision.
pub fn upsert_batch(
    conn: &mut DbConnection,
    actor: Option<i64>,
    objects_in: &[MuseumObject],
    supplied_terms: &[Term],
    on_error: OnError,
) -> Result<BatchOutcome, StoreError> {
    let mut lookups = Lookups {
        supplied: supplied_terms
            .iter()
            .map(|t| ((t.kind, t.key.as_str()), t))
            .collect(),
        ..Default::default()
    };
    let mut outcome = BatchOutcome::default();
    let mut resolved = Vec::with_capacity(objects_in.len());
    let mut seen: HashMap<(String, &str), usize> = HashMap::new();
    for (row, object) in objects_in.iter().enumerate() {
        let mut r = lookups.resolve(conn, object)?;
        let key = (
            object.institution.as_str().to_owned(),
            object.inventory_number.as_str(),
        );
        if let Some(first) = seen.insert(key, row) {
            let duplicate =
                FieldError::new("inventory_number", &format!("duplicate-of-row: {first}"));
            match &mut r {
                Ok(_) => r = Err(duplicate.into_errors()),
                Err(errors) => errors.push(duplicate),
            }
        }
        match r {
            Ok(r) => resolved.push(Some(r)),
            Err(errors) => {
                outcome.failed.push((row, errors));
                resolved.push(None);
            }
        }
    }
    if !outcome.failed.is_empty() && on_error == OnError::WriteNothing {
        outcome.ids = vec![None; objects_in.len()];
        return Ok(outcome);
    }
    let mut created_terms = HashSet::new();
    for term in std::mem::take(&mut lookups.to_create) {
        if created_terms.insert((term.kind, term.key.as_str())) {
            vocabularies::save(conn, actor, term)?;
            outcome.terms_created += 1;
        }
    }
    let at = now();
    let good: Vec<(&MuseumObject, &Resolved)> = objects_in
        .iter()
        .zip(&resolved)
        .filter_map(|(o, r)| r.as_ref().map(|r| (o, r)))
        .collect();
    let mut written = Vec::with_capacity(good.len());
    for chunk in good.chunks(CHUNK) {
        let rows: Vec<_> = chunk
            .iter()
            .zip(targets(conn, chunk)?)
            .map(|(&(o, r), target)| (o, r, target))
            .collect();
        written.extend(write_many(conn, actor, &rows, at)?);
    }
    let changed: Vec<i64> = written
        .iter()
        .filter(|(_, saved)| *saved != Saved::Unchanged)
        .map(|(id, _)| *id)
        .collect();
    super::search_changes::note(conn, "object", &changed)?;
    let mut written = written.into_iter();
    for r in &resolved {
        let Some(_) = r else {
            outcome.ids.push(None);
            continue;
        };
        let (id, saved) = written.next().expect("one result per good row");
        match saved {
            Saved::Created => outcome.created += 1,
            Saved::Updated => outcome.updated += 1,
            Saved::Unchanged => outcome.unchanged += 1,
        }
        outcome.ids.push(Some(id));
    }
    let detail = serde_json::json!({
        "created": outcome.created,
        "updated": outcome.updated,
        "unchanged": outcome.unchanged,
        "terms_created": outcome.terms_created,
        "failed": outcome.failed.len(),
    });
    // An import that changed nothing leaves no trace, as unchanged saves do.
    if outcome.created + outcome.updated + outcome.terms_created > 0 {
        audit::record(conn, actor, "import", ("object", None), &detail)?;
    }
    Ok(outcome)
}

/// Rows per statement when writing many: well within SQLite's 32,766 bound parameters.
const CHUNK: usize = 500;

/// The ids of the objects already stored under these (institution, inventory number) keys.
fn targets(
    conn: &mut DbConnection,
    rows: &[(&MuseumObject, &Resolved)],
) -> Result<Vec<Option<i64>>, StoreError> {
    let institutions: Vec<i64> = rows.iter().map(|(_, r)| r.institution_id).collect();
    let numbers: Vec<&str> = rows
        .iter()
        .map(|(o, _)| o.inventory_number.as_str())
        .collect();
    let found: HashMap<(i64, String), i64> = objects::table
        .filter(objects::institution_id.eq_any(&institutions))
        .filter(objects::inventory_number.eq_any(&numbers))
        .select((
            objects::institution_id,
            objects::inventory_number,
            objects::id,
        ))
        .load::<(i64, String, i64)>(conn)?
        .into_iter()
        .map(|(institution, number, id)| ((institution, number), id))
        .collect();
    Ok(rows
        .iter()
        .map(|(o, r)| {
            found
                .get(&(r.institution_id, o.inventory_number.as_str().to_owned()))
                .copied()
        })
        .collect())
}

/// Writes checked objects' rows, terms, revisions and tombstones, many rows per statement;
/// `target` is the stored object each replaces, if any. No audit entry.
fn write_many(
    conn: &mut DbConnection,
    actor: Option<i64>,
    rows: &[(&MuseumObject, &Resolved, Option<i64>)],
    at: NaiveDateTime,
) -> Result<Vec<(i64, Saved)>, StoreError> {
    let data: Vec<String> = rows
        .iter()
        .map(|(o, _, _)| serde_json::to_string(o).expect("an object serialises"))
        .collect();
    let columns = |i: usize| {
        let (object, r, _) = rows[i];
        let (earliest, latest) = r.years.unzip();
        (
            objects::inventory_number.eq(object.inventory_number.as_str()),
            objects::collection_id.eq(r.collection_id),
            objects::object_type.eq(object.object_type.as_ref().map(|t| t.as_str())),
            objects::earliest.eq(earliest),
            objects::latest.eq(latest),
            objects::state.eq(object.state.code()),
            objects::has_image.eq(!object.images.is_empty()),
            objects::data.eq(&data[i]),
            objects::updated_at.eq(at),
        )
    };
    let target_ids: Vec<i64> = rows.iter().filter_map(|(_, _, t)| *t).collect();
    let mut current: HashMap<i64, (String, String)> = HashMap::new();
    for ids in target_ids.chunks(CHUNK) {
        current.extend(
            objects::table
                .filter(objects::id.eq_any(ids))
                .select((objects::id, objects::data, objects::state))
                .load::<(i64, String, String)>(conn)?
                .into_iter()
                .map(|(id, data, state)| (id, (data, state))),
        );
    }
    let mut out: Vec<Option<(i64, Saved)>> = vec![None; rows.len()];
    // Rows whose terms and revision are written: (row, id, was published before).
    let mut changed: Vec<(usize, i64, bool)> = Vec::new();
    let mut inserts: Vec<usize> = Vec::new();
    for (i, (_, _, target)) in rows.iter().enumerate() {
        let Some(id) = *target else {
            inserts.push(i);
            continue;
        };
        let (stored, state) = current.get(&id).ok_or(StoreError::NotFound)?;
        if *stored == data[i] {
            out[i] = Some((id, Saved::Unchanged));
            continue;
        }
        diesel::update(objects::table.find(id))
            .set(columns(i))
            .execute(conn)
            .map_err(|e| super::unique_as_taken(e, "inventory_number"))?;
        changed.push((i, id, state == PublicationState::Published.code()));
        out[i] = Some((id, Saved::Updated));
    }
    let updated: Vec<i64> = changed.iter().map(|(_, id, _)| *id).collect();
    let mut last_revision: HashMap<i64, i64> = HashMap::new();
    for ids in updated.chunks(CHUNK) {
        diesel::delete(object_terms::table.filter(object_terms::object_id.eq_any(ids)))
            .execute(conn)?;
        last_revision.extend(
            object_revisions::table
                .filter(object_revisions::object_id.eq_any(ids))
                .group_by(object_revisions::object_id)
                .select((
                    object_revisions::object_id,
                    diesel::dsl::max(object_revisions::number),
                ))
                .load::<(i64, Option<i64>)>(conn)?
                .into_iter()
                .map(|(id, n)| (id, n.unwrap_or(0))),
        );
    }
    // One row per INSERT: multi-row inserts are not available on the multi-backend
    // connection; the statement is prepared once and reused.
    for chunk in inserts.chunks(CHUNK) {
        for &i in chunk {
            diesel::insert_into(objects::table)
                .values((
                    columns(i),
                    objects::institution_id.eq(rows[i].1.institution_id),
                    objects::created_at.eq(at),
                ))
                .execute(conn)
                .map_err(|e| super::unique_as_taken(e, "inventory_number"))?;
        }
        let keys: Vec<(&MuseumObject, &Resolved)> =
            chunk.iter().map(|&i| (rows[i].0, rows[i].1)).collect();
        for (&i, id) in chunk.iter().zip(targets(conn, &keys)?) {
            let id = id.ok_or(StoreError::NotFound)?;
            changed.push((i, id, false));
            out[i] = Some((id, Saved::Created));
        }
    }
    let mut terms: Vec<(i64, &'static str, &str)> = Vec::new();
    for &(i, id, _) in &changed {
        let mut keys: Vec<(&'static str, &str)> = rows[i]
            .0
            .terms()
            .into_iter()
            .map(|(kind, key)| (kind.code(), key.as_str()))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        terms.extend(keys.into_iter().map(|(kind, key)| (id, kind, key)));
    }
    for (id, kind, key) in terms {
        diesel::insert_into(object_terms::table)
            .values((
                object_terms::object_id.eq(id),
                object_terms::kind.eq(kind),
                object_terms::key.eq(key),
            ))
            .execute(conn)?;
    }
    for &(i, id, _) in &changed {
        diesel::insert_into(object_revisions::table)
            .values((
                object_revisions::object_id.eq(id),
                object_revisions::number.eq(last_revision.get(&id).copied().unwrap_or(0) + 1),
                object_revisions::data.eq(&data[i]),
                object_revisions::saved_at.eq(at),
                object_revisions::saved_by.eq(actor),
            ))
            .execute(conn)?;
    }
    for &(i, id, was_published) in &changed {
        let (object, r, _) = rows[i];
        if out[i].is_some_and(|(_, saved)| saved == Saved::Updated) {
            if object.state == PublicationState::Published {
                diesel::delete(deleted_objects::table.find(id)).execute(conn)?;
            } else if was_published {
                tombstone(
                    conn,
                    id,
                    r.institution_id,
                    r.collection_id,
                    &object.inventory_number,
                    at,
                )?;
            }
        }
    }
    Ok(out
        .into_iter()
        .map(|o| o.expect("every row was written or left unchanged"))
        .collect())
}

fn tombstone(
    conn: &mut DbConnection,
    id: i64,
    institution_id: i64,
    collection_id: Option<i64>,
    inventory_number: &kolo_domain::InventoryNumber,
    at: NaiveDateTime,
) -> Result<(), StoreError> {
    diesel::delete(deleted_objects::table.find(id)).execute(conn)?;
    diesel::insert_into(deleted_objects::table)
        .values((
            deleted_objects::id.eq(id),
            deleted_objects::institution_id.eq(institution_id),
            deleted_objects::collection_id.eq(collection_id),
            deleted_objects::inventory_number.eq(inventory_number.as_str()),
            deleted_objects::deleted_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Deletes the object, leaving a tombstone for harvesters.
pub fn delete(conn: &mut DbConnection, actor: Option<i64>, id: i64) -> Result<(), StoreError> {
    let before = get(conn, id)?;
    let (institution_id, collection_id): (i64, Option<i64>) = objects::table
        .find(id)
        .select((objects::institution_id, objects::collection_id))
        .first(conn)?;
    tombstone(
        conn,
        id,
        institution_id,
        collection_id,
        &before.value.inventory_number,
        now(),
    )?;
    diesel::delete(objects::table.find(id)).execute(conn)?;
    let detail = serde_json::to_value(before.value).unwrap_or_default();
    audit::record(conn, actor, "delete", ("object", Some(id)), &detail)
}

/// An object the public no longer sees.
#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = deleted_objects)]
pub struct Tombstone {
    pub id: i64,
    pub institution_id: i64,
    pub collection_id: Option<i64>,
    pub inventory_number: String,
    pub deleted_at: NaiveDateTime,
}

/// One entry of a harvest: a published object, or one that is gone.
#[derive(Clone, Debug, PartialEq)]
pub enum Harvested {
    Published(Box<Record<MuseumObject>>),
    Deleted(Tombstone),
}

impl Harvested {
    /// Where it sits in harvest order: (datestamp, id); resume after the last one seen.
    pub fn position(&self) -> (NaiveDateTime, i64) {
        match self {
            Harvested::Published(r) => (r.updated_at, r.id),
            Harvested::Deleted(t) => (t.deleted_at, t.id),
        }
    }
}

/// What a harvest covers: one institution, one collection (with those below), a time window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HarvestFilter {
    pub institution_id: Option<i64>,
    pub collection_id: Option<i64>,
    /// Changed at or after.
    pub from: Option<NaiveDateTime>,
    /// Changed at or before.
    pub until: Option<NaiveDateTime>,
}

/// Published objects and tombstones changed in the window, in (datestamp, id) order, after
/// `after` (the last position a resumption token holds): what an OAI-PMH provider lists.
pub fn changed_since(
    conn: &mut DbConnection,
    f: &HarvestFilter,
    after: Option<(NaiveDateTime, i64)>,
    limit: i64,
) -> Result<Vec<Harvested>, StoreError> {
    let collections = match f.collection_id {
        Some(id) => with_descendants(conn, id)?,
        None => Vec::new(),
    };
    let mut live = objects::table
        .filter(objects::state.eq(PublicationState::Published.code()))
        .into_boxed();
    let mut gone = deleted_objects::table.into_boxed();
    if let Some(id) = f.institution_id {
        live = live.filter(objects::institution_id.eq(id));
        gone = gone.filter(deleted_objects::institution_id.eq(id));
    }
    if f.collection_id.is_some() {
        live = live.filter(objects::collection_id.eq_any(&collections));
        gone = gone.filter(deleted_objects::collection_id.eq_any(&collections));
    }
    if let Some(t) = f.from {
        live = live.filter(objects::updated_at.ge(t));
        gone = gone.filter(deleted_objects::deleted_at.ge(t));
    }
    if let Some(t) = f.until {
        live = live.filter(objects::updated_at.le(t));
        gone = gone.filter(deleted_objects::deleted_at.le(t));
    }
    if let Some((at, id)) = after {
        live = live.filter(
            objects::updated_at
                .gt(at)
                .or(objects::updated_at.eq(at).and(objects::id.gt(id))),
        );
        gone = gone.filter(
            deleted_objects::deleted_at
                .gt(at)
                .or(deleted_objects::deleted_at
                    .eq(at)
                    .and(deleted_objects::id.gt(id))),
        );
    }
    let mut items: Vec<Harvested> = live
        .order((objects::updated_at, objects::id))
        .limit(limit)
        .select(ObjectRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|r| r.into_record().map(|r| Harvested::Published(Box::new(r))))
        .collect::<Result<_, _>>()?;
    items.extend(
        gone.order((deleted_objects::deleted_at, deleted_objects::id))
            .limit(limit)
            .select(Tombstone::as_select())
            .load(conn)?
            .into_iter()
            .map(Harvested::Deleted),
    );
    items.sort_by_key(Harvested::position);
    items.truncate(limit.max(0) as usize);
    Ok(items)
}

/// Object `id` as a harvest lists it: published, or gone (deleted or unpublished); `None` for
/// an object the public never saw.
pub fn harvest_entry(conn: &mut DbConnection, id: i64) -> Result<Option<Harvested>, StoreError> {
    match get(conn, id) {
        Ok(r) if r.value.state == PublicationState::Published => {
            return Ok(Some(Harvested::Published(Box::new(r))));
        }
        Ok(_) | Err(StoreError::NotFound) => {}
        Err(e) => return Err(e),
    }
    Ok(deleted_objects::table
        .find(id)
        .select(Tombstone::as_select())
        .first(conn)
        .optional()?
        .map(Harvested::Deleted))
}

/// The institutions a harvest finds anything of (published objects or tombstones), by id.
pub fn harvested_institutions(conn: &mut DbConnection) -> Result<Vec<i64>, StoreError> {
    let mut ids: Vec<i64> = objects::table
        .filter(objects::state.eq(PublicationState::Published.code()))
        .select(objects::institution_id)
        .distinct()
        .load(conn)?;
    ids.extend(
        deleted_objects::table
            .select(deleted_objects::institution_id)
            .distinct()
            .load::<i64>(conn)?,
    );
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The oldest datestamp a harvest can return (OAI-PMH `Identify`'s earliestDatestamp).
pub fn earliest_change(conn: &mut DbConnection) -> Result<Option<NaiveDateTime>, StoreError> {
    let live: Option<NaiveDateTime> = objects::table
        .filter(objects::state.eq(PublicationState::Published.code()))
        .select(diesel::dsl::min(objects::updated_at))
        .first(conn)?;
    let gone: Option<NaiveDateTime> = deleted_objects::table
        .select(diesel::dsl::min(deleted_objects::deleted_at))
        .first(conn)?;
    Ok(live.into_iter().chain(gone).min())
}
