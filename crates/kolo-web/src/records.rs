//! What the staff forms and the JSON API share about each kind of editable record: where its
//! public page lives, who may edit it, and how it is loaded and saved. Rights are checked
//! inside the writing transaction, against the stored record.

use kolo_domain::{FieldError, Institution, LocalizedText, Network, Principal, Slug};
use kolo_store::repo::{institutions, networks};
use kolo_store::{DbConnection, Record, StoreError};

pub trait EditableRecord: Sized + Send + Sync + serde::Serialize + 'static {
    /// Public pages live at `/{PATH}/{slug}`.
    const PATH: &'static str;

    fn slug(&self) -> &Slug;
    fn name(&self) -> &LocalizedText;
    fn may_edit(p: &Principal, id: i64) -> bool;
    fn load(c: &mut DbConnection, slug: &str) -> Result<Record<Self>, StoreError>;
    fn insert(c: &mut DbConnection, actor: i64, value: &Self) -> Result<i64, StoreError>;
    fn replace(c: &mut DbConnection, actor: i64, id: i64, value: &Self) -> Result<(), StoreError>;
}

impl EditableRecord for Institution {
    const PATH: &'static str = "institutions";

    fn slug(&self) -> &Slug {
        &self.slug
    }
    fn name(&self) -> &LocalizedText {
        &self.name
    }
    fn may_edit(p: &Principal, id: i64) -> bool {
        p.can_edit_institution(id)
    }
    fn load(c: &mut DbConnection, slug: &str) -> Result<Record<Self>, StoreError> {
        institutions::get_by_slug(c, slug)
    }
    fn insert(c: &mut DbConnection, actor: i64, value: &Self) -> Result<i64, StoreError> {
        institutions::create(c, Some(actor), value)
    }
    fn replace(c: &mut DbConnection, actor: i64, id: i64, value: &Self) -> Result<(), StoreError> {
        institutions::update(c, Some(actor), id, value).map(drop)
    }
}

impl EditableRecord for Network {
    const PATH: &'static str = "networks";

    fn slug(&self) -> &Slug {
        &self.slug
    }
    fn name(&self) -> &LocalizedText {
        &self.name
    }
    fn may_edit(p: &Principal, id: i64) -> bool {
        p.can_edit_network(id)
    }
    fn load(c: &mut DbConnection, slug: &str) -> Result<Record<Self>, StoreError> {
        networks::get_by_slug(c, slug)
    }
    fn insert(c: &mut DbConnection, actor: i64, value: &Self) -> Result<i64, StoreError> {
        networks::create(c, Some(actor), value)
    }
    fn replace(c: &mut DbConnection, actor: i64, id: i64, value: &Self) -> Result<(), StoreError> {
        networks::update(c, Some(actor), id, value).map(drop)
    }
}

/// Adds a record; only platform administrators add institutions and networks.
pub fn create<T: EditableRecord>(
    c: &mut DbConnection,
    user: &Principal,
    value: &T,
) -> Result<i64, StoreError> {
    if !user.can_create_institutions_and_networks() {
        return Err(StoreError::Forbidden);
    }
    T::insert(c, user.user_id, value)
}

/// Replaces the record at `slug` with `value`, if `user` may edit it. Renaming changes public
/// addresses, so only platform administrators may change the slug.
pub fn update<T: EditableRecord>(
    c: &mut DbConnection,
    user: &Principal,
    slug: &str,
    value: &T,
) -> Result<i64, StoreError> {
    let current = T::load(c, slug)?;
    if !T::may_edit(user, current.id) {
        return Err(StoreError::Forbidden);
    }
    if value.slug() != current.value.slug() && !user.platform_admin {
        return Err(FieldError::new("slug", "slug-mismatch")
            .into_errors()
            .into());
    }
    T::replace(c, user.user_id, current.id, value)?;
    Ok(current.id)
}

/// A record stored whole under its slug (events, exhibitions, object stories): who may change
/// it and how it is loaded and saved, for [`editable`] and [`save`].
pub trait SlugRecord: Sized + Send + Sync + 'static {
    fn slug(&self) -> &Slug;
    fn get(c: &mut DbConnection, slug: &str) -> Result<Record<Self>, StoreError>;
    fn save_by_slug(
        c: &mut DbConnection,
        actor: i64,
        value: &Self,
    ) -> Result<(i64, kolo_store::repo::Saved), StoreError>;
    /// Whether `user` may change the stored record `id`.
    fn may_change(c: &mut DbConnection, user: &Principal, id: i64) -> Result<bool, StoreError>;
    /// Whether `user` may write `value` over the stored record `stored` (`None`: a new one).
    fn may_save(
        c: &mut DbConnection,
        user: &Principal,
        stored: Option<i64>,
        value: &Self,
    ) -> Result<bool, StoreError>;
}

/// Staff of a host institution, of the current hosts for a stored record, of the hosts it names
/// for a new one (events, exhibitions, projects).
fn may_host(
    c: &mut DbConnection,
    user: &Principal,
    stored: Option<i64>,
    host_ids: fn(&mut DbConnection, i64) -> Result<Vec<i64>, StoreError>,
    named: &[Slug],
) -> Result<bool, StoreError> {
    let hosts = match stored {
        Some(id) => host_ids(c, id)?,
        None => institution_ids(c, named),
    };
    Ok(user.can_edit_event(&hosts))
}

/// Events, exhibitions and projects: records whose institutions (`$owners`: the hosts, a
/// project's partners) edit them, each kept by one repository module with `$owner_ids`.
macro_rules! hosted_slug_record {
    ($value:ty, $repo:ident, $owner_ids:ident, |$v:ident| $owners:expr) => {
        impl SlugRecord for $value {
            fn slug(&self) -> &Slug {
                &self.slug
            }
            fn get(c: &mut DbConnection, slug: &str) -> Result<Record<Self>, StoreError> {
                kolo_store::repo::$repo::get_by_slug(c, slug)
            }
            fn save_by_slug(
                c: &mut DbConnection,
                actor: i64,
                value: &Self,
            ) -> Result<(i64, kolo_store::repo::Saved), StoreError> {
                kolo_store::repo::$repo::save_by_slug(c, Some(actor), value)
            }
            fn may_change(
                c: &mut DbConnection,
                user: &Principal,
                id: i64,
            ) -> Result<bool, StoreError> {
                may_host(c, user, Some(id), kolo_store::repo::$repo::$owner_ids, &[])
            }
            fn may_save(
                c: &mut DbConnection,
                user: &Principal,
                stored: Option<i64>,
                value: &Self,
            ) -> Result<bool, StoreError> {
                let $v = value;
                may_host(
                    c,
                    user,
                    stored,
                    kolo_store::repo::$repo::$owner_ids,
                    &$owners,
                )
            }
        }
    };
}

hosted_slug_record!(kolo_domain::Event, events, host_ids, |v| v.hosts);
hosted_slug_record!(kolo_domain::Exhibition, exhibitions, host_ids, |v| v.hosts);
// Joint ownership: staff of every partner, lead or not.
hosted_slug_record!(kolo_domain::Project, projects, partner_ids, |v| v
    .partner_slugs());

/// Stories and posts: records of one institution, whose staff and platform administrators
/// change them, kept by one repository module each.
macro_rules! institution_slug_record {
    ($value:ty, $repo:ident) => {
        impl SlugRecord for $value {
            fn slug(&self) -> &Slug {
                &self.slug
            }
            fn get(c: &mut DbConnection, slug: &str) -> Result<Record<Self>, StoreError> {
                kolo_store::repo::$repo::get_by_slug(c, slug)
            }
            fn save_by_slug(
                c: &mut DbConnection,
                actor: i64,
                value: &Self,
            ) -> Result<(i64, kolo_store::repo::Saved), StoreError> {
                kolo_store::repo::$repo::save_by_slug(c, Some(actor), value)
            }
            fn may_change(
                c: &mut DbConnection,
                user: &Principal,
                id: i64,
            ) -> Result<bool, StoreError> {
                Ok(user.can_edit_institution(kolo_store::repo::$repo::institution_of(c, id)?))
            }
            fn may_save(
                c: &mut DbConnection,
                user: &Principal,
                stored: Option<i64>,
                value: &Self,
            ) -> Result<bool, StoreError> {
                let mut owners = institution_ids(c, std::slice::from_ref(&value.institution));
                if let Some(id) = stored {
                    owners.push(kolo_store::repo::$repo::institution_of(c, id)?);
                }
                // Moving a record to another institution takes the right to edit both.
                let allowed = owners.iter().all(|id| user.can_edit_institution(*id));
                Ok(user.platform_admin || (!owners.is_empty() && allowed))
            }
        }
    };
}

institution_slug_record!(kolo_domain::Story, stories);
institution_slug_record!(kolo_domain::Post, posts);

/// Creates or replaces the record at `slug`, if `user` may ([`SlugRecord::may_save`]).
pub fn save<T: SlugRecord>(
    c: &mut DbConnection,
    user: &Principal,
    slug: &str,
    value: &T,
) -> Result<(i64, kolo_store::repo::Saved), StoreError> {
    let stored = match T::get(c, slug) {
        Ok(current) => Some(current.id),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e),
    };
    if !T::may_save(c, user, stored, value)? {
        return Err(StoreError::Forbidden);
    }
    // The path names the record; a different slug in the body would silently make another one.
    if value.slug().as_str() != slug {
        return Err(FieldError::new("slug", "slug-mismatch")
            .into_errors()
            .into());
    }
    T::save_by_slug(c, user.user_id, value)
}

/// The record at `slug`, if `user` may change it: for events also their parts (programme,
/// documents, registration), from forms and the API alike.
pub fn editable<T: SlugRecord>(
    c: &mut DbConnection,
    user: &Principal,
    slug: &str,
) -> Result<Record<T>, StoreError> {
    let record = T::get(c, slug)?;
    if !T::may_change(c, user, record.id)? {
        return Err(StoreError::Forbidden);
    }
    Ok(record)
}

/// Publishes the event's programme draft as version `name`.
pub fn publish_programme(
    c: &mut DbConnection,
    user: &Principal,
    slug: &str,
    name: &str,
) -> Result<kolo_store::repo::events::ProgrammeVersion, StoreError> {
    let event = editable::<kolo_domain::Event>(c, user, slug)?;
    kolo_store::repo::events::publish_programme(c, Some(user.user_id), event.id, name)
}

/// Creates or revises the document `key` of the event at `slug`.
pub fn save_document(
    c: &mut DbConnection,
    user: &Principal,
    slug: &str,
    key: &str,
    doc: &kolo_domain::EventDocument,
) -> Result<(i64, kolo_store::repo::Saved), StoreError> {
    let event = editable::<kolo_domain::Event>(c, user, slug)?;
    // The path names the document; a different key in the body would silently make another one.
    if doc.key.as_str() != key {
        return Err(FieldError::new("key", "slug-mismatch").into_errors().into());
    }
    kolo_store::repo::documents::save(c, Some(user.user_id), event.id, doc)
}

/// The ids of the institutions with these slugs (unknown ones are left out: the store reports them).
fn institution_ids(c: &mut DbConnection, slugs: &[Slug]) -> Vec<i64> {
    slugs
        .iter()
        .filter_map(|s| institutions::get_by_slug(c, s.as_str()).ok().map(|r| r.id))
        .collect()
}

/// The institution a collection record names, as a field error when there is none.
fn institution_id_of(c: &mut DbConnection, slug: &Slug) -> Result<i64, StoreError> {
    match institutions::get_by_slug(c, slug.as_str()) {
        Ok(r) => Ok(r.id),
        Err(StoreError::NotFound) => Err(FieldError::new("institution", "unknown-institution")
            .into_errors()
            .into()),
        Err(e) => Err(e),
    }
}

/// Creates or updates an object by (institution, inventory number). Objects belong to their
/// institution: only its staff and platform administrators change them.
pub fn save_object(
    c: &mut DbConnection,
    user: &Principal,
    object: &kolo_domain::MuseumObject,
) -> Result<(i64, kolo_store::repo::Saved), StoreError> {
    if !user.can_edit_institution(institution_id_of(c, &object.institution)?) {
        return Err(StoreError::Forbidden);
    }
    kolo_store::repo::objects::save(c, Some(user.user_id), object)
}

/// The object `id`, if `user` may change it.
pub fn editable_object(
    c: &mut DbConnection,
    user: &Principal,
    id: i64,
) -> Result<Record<kolo_domain::MuseumObject>, StoreError> {
    use kolo_store::repo::objects;
    if !user.can_edit_institution(objects::institution_of(c, id)?) {
        return Err(StoreError::Forbidden);
    }
    objects::get(c, id)
}

/// Replaces the object `id` (staff of its institution).
pub fn replace_object(
    c: &mut DbConnection,
    user: &Principal,
    id: i64,
    object: &kolo_domain::MuseumObject,
) -> Result<kolo_store::repo::Saved, StoreError> {
    editable_object(c, user, id)?;
    kolo_store::repo::objects::replace(c, Some(user.user_id), id, object)
}

pub fn delete_object(c: &mut DbConnection, user: &Principal, id: i64) -> Result<(), StoreError> {
    editable_object(c, user, id)?;
    kolo_store::repo::objects::delete(c, Some(user.user_id), id)
}

/// Creates or replaces the collection `key` of the institution `slug` (its staff).
pub fn save_collection(
    c: &mut DbConnection,
    user: &Principal,
    slug: &str,
    key: &str,
    collection: &kolo_domain::Collection,
) -> Result<(i64, kolo_store::repo::Saved), StoreError> {
    let institution = institutions::get_by_slug(c, slug)?;
    if !user.can_edit_institution(institution.id) {
        return Err(StoreError::Forbidden);
    }
    // The path names the collection; different names in the body would make another one.
    let mut errors = kolo_domain::ValidationErrors::default();
    if collection.institution.as_str() != slug {
        errors.push(FieldError::new("institution", "slug-mismatch"));
    }
    if collection.key.as_str() != key {
        errors.push(FieldError::new("key", "slug-mismatch"));
    }
    errors.into_result(())?;
    kolo_store::repo::collections::save(c, Some(user.user_id), collection)
}

/// Creates or replaces the term (`kind`, `key`). Vocabularies are shared: any staff member may
/// add a term, changing one needs a network coordinator or a platform administrator (see
/// `Principal::can_edit_terms`).
pub fn save_term(
    c: &mut DbConnection,
    user: &Principal,
    kind: kolo_domain::VocabularyKind,
    key: &str,
    term: &kolo_domain::Term,
) -> Result<(i64, kolo_store::repo::Saved), StoreError> {
    use kolo_store::repo::vocabularies;
    let allowed = match vocabularies::get(c, kind, key) {
        Ok(_) => user.can_edit_terms(),
        Err(StoreError::NotFound) => user.can_add_terms(),
        Err(e) => return Err(e),
    };
    if !allowed {
        return Err(StoreError::Forbidden);
    }
    let mut errors = kolo_domain::ValidationErrors::default();
    if term.kind != kind {
        errors.push(FieldError::new("kind", "slug-mismatch"));
    }
    if term.key.as_str() != key {
        errors.push(FieldError::new("key", "slug-mismatch"));
    }
    errors.into_result(())?;
    vocabularies::save(c, Some(user.user_id), term)
}
