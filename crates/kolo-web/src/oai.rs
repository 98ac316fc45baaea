//! The OAI-PMH 2.0 provider at `/oai` (GET or POST form) for published museum objects, in LIDO
//! and `oai_dc`. The protocol is `kolo_interop::oai_pmh`; this is the glue to the store: sets
//! are institutions and their collections, deleted and unpublished objects are `deleted`
//! headers (kept persistently), and resumption tokens are signed with a secret kept in the
//! database, so they outlive a restart and work on every server.

use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use kolo_domain::collection::{Collection, MuseumObject};
use kolo_domain::vocabulary::{Term, VocabularyKind};
use kolo_domain::{Institution, Slug, UiLang};
use kolo_interop::oai_pmh::{
    self, Envelope, ErrorCode, Header, ListRequest, MetadataFormat, OaiError, Position, Record,
    RepositoryInfo, Request, Response as OaiResponse, SetInfo, SetSpec, TokenKey, Verb,
};
use kolo_interop::objects::{ImageView, ObjectRecordView};
use kolo_interop::{dublin_core, lido};
use kolo_store::repo::objects::{self, HarvestFilter, Harvested};
use kolo_store::repo::{collections, institutions, server_secrets, vocabularies};
use kolo_store::{DbConnection, StoreError};
use std::collections::HashMap;
use std::sync::Arc;

/// The `server_secrets` entry resumption tokens are signed with.
const TOKEN_SECRET: &str = "oai-pmh";

pub fn routes() -> Router<AppState> {
    Router::new().route("/oai", get(oai_get).post(oai_post))
}

async fn oai_get(
    State(state): State<AppState>,
    Query(args): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    answer(state, args).await
}

async fn oai_post(
    State(state): State<AppState>,
    Form(args): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    answer(state, args).await
}

async fn token_key(state: &AppState) -> Result<Arc<TokenKey>, StoreError> {
    state
        .oai_key
        .get_or_try_init(|| async {
            let secret = state
                .store
                .write(|c| server_secrets::get_or_create(c, TOKEN_SECRET))
                .await?;
            Ok(Arc::new(TokenKey::new(secret.as_bytes())))
        })
        .await
        .cloned()
}

/// What answers need from the configuration.
struct Context {
    /// The repository's part of identifiers.
    host: String,
    /// The site's address, before paths in records.
    base: String,
    /// Who answers for the repository (Identify's adminEmail): the configured `mail_from`.
    admin: String,
    page_size: usize,
}

async fn answer(state: AppState, args: Vec<(String, String)>) -> Result<Response, AppError> {
    let key = token_key(&state).await?;
    let base = state.config.absolute("/oai");
    let env = Envelope {
        base_url: &base,
        response_date: Utc::now(),
    };
    let xml = match Request::parse(&args, &key) {
        Err(error) => oai_pmh::write_error(&env, &error),
        Ok(request) => {
            let context = Context {
                host: state
                    .config
                    .public_url
                    .host_str()
                    .unwrap_or("localhost")
                    .to_owned(),
                base: state.config.absolute(""),
                admin: state.config.mailer.from_address(),
                page_size: state.config.oai_page_size.get(),
            };
            let outcome = state
                .store
                .read(move |c| respond(c, &context, &key, &request).map(|r| (request, r)))
                .await?;
            match outcome {
                (request, Ok(response)) => oai_pmh::write_response(&env, &request, &response),
                (_, Err(error)) => oai_pmh::write_error(&env, &error),
            }
        }
    };
    Ok(([(header::CONTENT_TYPE, "text/xml; charset=utf-8")], xml).into_response())
}

fn respond(
    c: &mut DbConnection,
    cx: &Context,
    key: &TokenKey,
    request: &Request,
) -> Result<Result<OaiResponse, OaiError>, StoreError> {
    let missing = |id: &str| {
        OaiError::for_request(
            request,
            ErrorCode::IdDoesNotExist,
            format!("there is no record {id}"),
        )
    };
    Ok(Ok(match &request.verb {
        Verb::Identify => {
            // The schema's pattern for adminEmail; the default `kolo@localhost` fails it.
            if !cx
                .admin
                .rsplit_once('@')
                .is_some_and(|(_, domain)| domain.contains('.'))
            {
                tracing::warn!(admin = %cx.admin, "OAI-PMH Identify: harvesters refuse an adminEmail without a dot in its domain; set mail_from");
            }
            OaiResponse::Identify(RepositoryInfo {
                name: "Kolo".into(),
                admin_emails: vec![cx.admin.clone()],
                earliest_datestamp: objects::earliest_change(c)?
                    .map(|t| t.and_utc())
                    .unwrap_or_else(Utc::now),
            })
        }
        Verb::ListMetadataFormats { identifier } => {
            if let Some(id) = identifier
                && find(c, cx, id)?.is_none()
            {
                return Ok(Err(missing(id)));
            }
            OaiResponse::ListMetadataFormats
        }
        Verb::ListSets => OaiResponse::ListSets(sets(c)?),
        Verb::GetRecord { identifier, format } => match find(c, cx, identifier)? {
            None => return Ok(Err(missing(identifier))),
            Some(entry) => OaiResponse::GetRecord(record(
                c,
                cx,
                &mut Holders::default(),
                &entry,
                Some(*format),
            )?),
        },
        Verb::ListIdentifiers(list) | Verb::ListRecords(list) => {
            let Some(filter) = harvest_filter(c, list)? else {
                return Ok(Err(no_records(request)));
            };
            let after = list
                .after
                .as_ref()
                .and_then(|p| Some((p.datestamp.naive_utc(), p.id.parse().ok()?)));
            // One more than a page says whether there is another.
            let rows = objects::changed_since(c, &filter, after, cx.page_size as i64 + 1)?;
            if rows.is_empty() {
                return Ok(Err(no_records(request)));
            }
            let (rows, token) = list.page(key, rows, cx.page_size, None, |h| {
                let (at, id) = h.position();
                Position {
                    datestamp: at.and_utc(),
                    id: id.to_string(),
                }
            });
            let mut holders = Holders::default();
            if let Verb::ListRecords(_) = request.verb {
                let records = rows
                    .iter()
                    .map(|h| record(c, cx, &mut holders, h, Some(list.format)))
                    .collect::<Result<_, _>>()?;
                OaiResponse::ListRecords(records, token)
            } else {
                let headers = rows
                    .iter()
                    .map(|h| record(c, cx, &mut holders, h, None).map(|r| r.header))
                    .collect::<Result<_, _>>()?;
                OaiResponse::ListIdentifiers(headers, token)
            }
        }
    }))
}

fn no_records(request: &Request) -> OaiError {
    OaiError::for_request(
        request,
        ErrorCode::NoRecordsMatch,
        "no records match the request",
    )
}

/// The store's filter for a list's set and bounds; `None` for a set that does not exist.
fn harvest_filter(
    c: &mut DbConnection,
    list: &ListRequest,
) -> Result<Option<HarvestFilter>, StoreError> {
    let mut filter = HarvestFilter {
        from: list.from.map(|t| t.naive_utc()),
        // Datestamps are sent in whole seconds: `until` takes in its whole second.
        until: list
            .until
            .map(|t| (t + chrono::TimeDelta::microseconds(999_999)).naive_utc()),
        ..HarvestFilter::default()
    };
    let (institution, collection) = match &list.set {
        None => return Ok(Some(filter)),
        Some(SetSpec::Institution(i)) => (i, None),
        Some(SetSpec::Collection {
            institution,
            collection,
        }) => (institution, Some(collection)),
    };
    let Some(inst) = absent_as_none(institutions::get_by_slug(c, institution.as_str()))? else {
        return Ok(None);
    };
    filter.institution_id = Some(inst.id);
    if let Some(key) = collection {
        let Some(coll) = absent_as_none(collections::get(c, inst.id, key.as_str()))? else {
            return Ok(None);
        };
        filter.collection_id = Some(coll.id);
    }
    Ok(Some(filter))
}

fn absent_as_none<T>(found: Result<T, StoreError>) -> Result<Option<T>, StoreError> {
    match found {
        Err(StoreError::NotFound) => Ok(None),
        other => other.map(Some),
    }
}

/// The published object or tombstone an identifier names.
fn find(c: &mut DbConnection, cx: &Context, id: &str) -> Result<Option<Harvested>, StoreError> {
    let Some(id) = oai_pmh::object_id(&cx.host, id).and_then(|i| i.parse::<i64>().ok()) else {
        return Ok(None);
    };
    objects::harvest_entry(c, id)
}

/// An institution with its collections (few per institution), loaded once per response.
struct Holder {
    institution: Institution,
    collections: Vec<kolo_store::Record<Collection>>,
}

impl Holder {
    /// The sets of a record in `collection`: the institution's, the collection's and those of
    /// the collections above it (a harvest of a collection's set includes the ones below).
    fn sets(&self, collection: Option<&Slug>) -> Vec<SetSpec> {
        let mut sets = vec![SetSpec::Institution(self.institution.slug.clone())];
        let mut next = collection.cloned();
        // The store keeps the tree acyclic; the bound only guards against a broken row.
        while let Some(key) = next.take()
            && sets.len() <= self.collections.len()
        {
            next = self
                .collections
                .iter()
                .find(|c| c.value.key == key)
                .and_then(|c| c.value.parent.clone());
            sets.push(SetSpec::Collection {
                institution: self.institution.slug.clone(),
                collection: key,
            });
        }
        sets
    }
}

/// The institutions one response needs, by id and by slug.
#[derive(Default)]
struct Holders {
    by_id: HashMap<i64, Holder>,
    ids: HashMap<Slug, i64>,
}

impl Holders {
    fn by_id(&mut self, c: &mut DbConnection, id: i64) -> Result<&Holder, StoreError> {
        if !self.by_id.contains_key(&id) {
            let holder = Holder {
                institution: institutions::get(c, id)?.value,
                collections: collections::list(c, id)?
                    .into_iter()
                    .map(|s| s.record)
                    .collect(),
            };
            self.ids.insert(holder.institution.slug.clone(), id);
            self.by_id.insert(id, holder);
        }
        Ok(&self.by_id[&id])
    }

    fn by_slug(&mut self, c: &mut DbConnection, slug: &Slug) -> Result<&Holder, StoreError> {
        let id = match self.ids.get(slug) {
            Some(id) => *id,
            None => institutions::get_by_slug(c, slug.as_str())?.id,
        };
        self.by_id(c, id)
    }
}

/// The sets of every institution with harvestable records, and of their collections.
fn sets(c: &mut DbConnection) -> Result<Vec<SetInfo>, StoreError> {
    let mut holders = Holders::default();
    let mut out = Vec::new();
    for id in objects::harvested_institutions(c)? {
        let holder = holders.by_id(c, id)?;
        let slug = &holder.institution.slug;
        out.push(SetInfo {
            spec: SetSpec::Institution(slug.clone()),
            name: holder.institution.name.text_for(UiLang::En).to_owned(),
        });
        out.extend(holder.collections.iter().map(|coll| SetInfo {
            spec: SetSpec::Collection {
                institution: slug.clone(),
                collection: coll.value.key.clone(),
            },
            name: coll.value.title.text_for(UiLang::En).to_owned(),
        }));
    }
    Ok(out)
}

/// The record of a harvest entry, with metadata in `format` (none for a header only).
fn record(
    c: &mut DbConnection,
    cx: &Context,
    holders: &mut Holders,
    entry: &Harvested,
    format: Option<MetadataFormat>,
) -> Result<Record, StoreError> {
    let (at, id) = entry.position();
    let identifier = oai_pmh::identifier(&cx.host, &id.to_string());
    let datestamp: DateTime<Utc> = at.and_utc();
    Ok(match entry {
        Harvested::Deleted(t) => {
            let holder = holders.by_id(c, t.institution_id)?;
            // A collection removed since has no set left to name.
            let collection = t.collection_id.and_then(|cid| {
                holder
                    .collections
                    .iter()
                    .find(|coll| coll.id == cid)
                    .map(|coll| coll.value.key.clone())
            });
            Record {
                header: Header {
                    identifier,
                    datestamp,
                    sets: holder.sets(collection.as_ref()),
                    deleted: true,
                },
                metadata: None,
            }
        }
        Harvested::Published(r) => {
            let object = &r.value;
            let holder = holders.by_slug(c, &object.institution)?;
            let sets = holder.sets(object.collection.as_ref());
            let metadata = match format {
                None => None,
                Some(format) => Some(metadata(
                    c,
                    cx,
                    id,
                    &identifier,
                    object,
                    &holder.institution,
                    format,
                )?),
            };
            Record {
                header: Header {
                    identifier,
                    datestamp,
                    sets,
                    deleted: false,
                },
                metadata,
            }
        }
    })
}

fn metadata(
    c: &mut DbConnection,
    cx: &Context,
    id: i64,
    identifier: &str,
    object: &MuseumObject,
    institution: &Institution,
    format: MetadataFormat,
) -> Result<String, StoreError> {
    let url = |path: String| {
        url::Url::parse(&format!("{}{path}", cx.base))
            .map_err(|e| StoreError::Corrupt(format!("record URL: {e}")))
    };
    let record_url = url(format!("/objects/{id}"))?;
    let images = object
        .images
        .iter()
        .map(|image| {
            Ok(ImageView {
                url: url(format!("/iiif/3/{}/full/max/0/default.jpg", image.media))?,
                caption: image.caption.clone(),
                rights: image.rights.clone(),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let terms = terms(c, object)?;
    let view = ObjectRecordView {
        object,
        terms: &terms,
        institution,
        record_url: &record_url,
        record_id: identifier,
        images: &images,
        manifest_url: None,
    };
    Ok(match format {
        MetadataFormat::Lido => lido::write(&view),
        MetadataFormat::OaiDc => dublin_core::write(&view),
    })
}

/// The terms an object refers to (those that exist), to label them.
fn terms(c: &mut DbConnection, object: &MuseumObject) -> Result<Vec<Term>, StoreError> {
    let mut by_kind: HashMap<VocabularyKind, Vec<&str>> = HashMap::new();
    for (_, kind, key) in object.term_refs() {
        by_kind.entry(kind).or_default().push(key.as_str());
    }
    let mut out = Vec::new();
    for (kind, keys) in by_kind {
        out.extend(
            vocabularies::get_many(c, kind, &keys)?
                .into_iter()
                .map(|r| r.value),
        );
    }
    Ok(out)
}
