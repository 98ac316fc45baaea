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
use kolo_domain::collection::MuseumObject;
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
            Some(entry) => OaiResponse::GetRecord(record(c, cx, &entry, Some(*format))?),
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
            if let Verb::ListRecords(_) = request.verb {
                let records = rows
                    .iter()
                    .map(|h| record(c, cx, h, Some(list.format)))
                    .collect::<Result<_, _>>()?;
                OaiResponse::ListRecords(records, token)
            } else {
                let headers = rows
                    .iter()
                    .map(|h| record(c, cx, h, None).map(|r| r.header))
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

/// The sets of every institution with harvestable records, and of their collections.
fn sets(c: &mut DbConnection) -> Result<Vec<SetInfo>, StoreError> {
    let mut out = Vec::new();
    for id in objects::harvested_institutions(c)? {
        let inst = institutions::get(c, id)?.value;
        out.push(SetInfo {
            spec: SetSpec::Institution(inst.slug.clone()),
            name: inst.name.text_for(UiLang::En).to_owned(),
        });
        for coll in collections::list(c, id)? {
            let coll = coll.record.value;
            out.push(SetInfo {
                spec: SetSpec::Collection {
                    institution: inst.slug.clone(),
                    collection: coll.key.clone(),
                },
                name: coll.title.text_for(UiLang::En).to_owned(),
            });
        }
    }
    Ok(out)
}

fn set_specs(institution: &Slug, collection: Option<&Slug>) -> Vec<SetSpec> {
    let mut sets = vec![SetSpec::Institution(institution.clone())];
    if let Some(key) = collection {
        sets.push(SetSpec::Collection {
            institution: institution.clone(),
            collection: key.clone(),
        });
    }
    sets
}

/// The record of a harvest entry, with metadata in `format` (none for a header only).
fn record(
    c: &mut DbConnection,
    cx: &Context,
    entry: &Harvested,
    format: Option<MetadataFormat>,
) -> Result<Record, StoreError> {
    let (at, id) = entry.position();
    let identifier = oai_pmh::identifier(&cx.host, &id.to_string());
    let datestamp: DateTime<Utc> = at.and_utc();
    Ok(match entry {
        Harvested::Deleted(t) => {
            let inst = institutions::get(c, t.institution_id)?.value;
            let coll = match t.collection_id {
                Some(cid) => absent_as_none(collections::get_by_id(c, cid))?.map(|r| r.value.key),
                None => None,
            };
            Record {
                header: Header {
                    identifier,
                    datestamp,
                    sets: set_specs(&inst.slug, coll.as_ref()),
                    deleted: true,
                },
                metadata: None,
            }
        }
        Harvested::Published(r) => {
            let object = &r.value;
            let metadata = match format {
                None => None,
                Some(format) => {
                    let inst = institutions::get_by_slug(c, object.institution.as_str())?.value;
                    Some(metadata(c, cx, id, &identifier, object, &inst, format)?)
                }
            };
            Record {
                header: Header {
                    identifier,
                    datestamp,
                    sets: set_specs(&object.institution, object.collection.as_ref()),
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
