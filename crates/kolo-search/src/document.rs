//! What the index holds of a record, and how records become it. A record's entry is rebuilt
//! whole from the database whenever the change log names it: the index is derived.

use chrono::{NaiveDate, NaiveDateTime};
use kolo_domain::vocabulary::VocabularyKind;
use kolo_domain::{LocalizedText, MuseumObject, PublicationState};
use kolo_store::repo::{
    documents, events, exhibitions, institutions, networks, objects, posts, projects,
    search_changes, stories, vocabularies,
};
use kolo_store::{DbConnection, StoreError};
use std::collections::HashMap;

/// The kinds of records search finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Institution,
    Network,
    Event,
    ProgrammeItem,
    Document,
    Exhibition,
    Story,
    Object,
    Project,
    Post,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::Institution,
        Kind::Network,
        Kind::Event,
        Kind::ProgrammeItem,
        Kind::Document,
        Kind::Exhibition,
        Kind::Story,
        Kind::Object,
        Kind::Project,
        Kind::Post,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Institution => "institution",
            Kind::Network => "network",
            Kind::Event => "event",
            Kind::ProgrammeItem => "programme-item",
            Kind::Document => "document",
            Kind::Exhibition => "exhibition",
            Kind::Story => "story",
            Kind::Object => "object",
            Kind::Project => "project",
            Kind::Post => "post",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One entry of the index: one search result.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchDoc {
    /// Unique in the index: `object:12`, `programme-item:3:opening`.
    pub key: String,
    pub kind: Kind,
    /// The public page.
    pub path: String,
    pub title: LocalizedText,
    /// Everything else a visitor may search by, each text in its languages.
    pub texts: Vec<LocalizedText>,
    /// Identifiers of no language (inventory numbers), found by their exact words.
    pub codes: Vec<String>,
    /// Slugs of the institutions the record belongs to or is shown at.
    pub institutions: Vec<String>,
    /// Ids of the institutions whose staff may find the record while it is a draft.
    pub owners: Vec<i64>,
    pub public: bool,
    /// Years (astronomical numbering), for period filters.
    pub period: Option<(i32, i32)>,
    pub has_image: bool,
    /// What "sort by date" orders by: an event's start, an exhibition's opening, a story's
    /// publication, otherwise the record's last change.
    pub date: NaiveDateTime,
    /// When an event, a programme item or an exhibition ends: upcoming or past.
    pub ends: Option<NaiveDateTime>,
}

impl SearchDoc {
    /// Every language the record has text in (BCP 47 tags).
    pub fn languages(&self) -> Vec<String> {
        let mut tags: Vec<String> = std::iter::once(&self.title)
            .chain(&self.texts)
            .flat_map(|t| t.iter().map(|(tag, _)| tag.to_string()))
            .collect();
        tags.sort();
        tags.dedup();
        tags
    }
}

/// The change log's unit: what one change replaces in the index (a record with its parts).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Group {
    /// The change log's kind: `object`, `event`, ...
    pub kind: &'static str,
    pub id: i64,
}

impl Group {
    /// The term every entry of the group carries, by which the group is replaced.
    pub fn term(&self) -> String {
        format!("{}:{}", self.kind, self.id)
    }
}

/// Kinds of groups, in the order an index is built.
pub const GROUP_KINDS: [&str; 8] = [
    "institution",
    "network",
    "event",
    "exhibition",
    "story",
    "object",
    "project",
    "post",
];

/// The groups a change-log entry touches: a document's event, a term's objects.
pub fn groups_of_change(
    c: &mut DbConnection,
    kind: &str,
    id: i64,
) -> Result<Vec<Group>, StoreError> {
    let group = |kind: &'static str, id: i64| Group { kind, id };
    Ok(match kind {
        "event-document" => search_changes::event_of_document(c, id)?
            .map(|event| group("event", event))
            .into_iter()
            .collect(),
        "vocabulary-term" => search_changes::objects_with_term(c, id)?
            .into_iter()
            .map(|o| group("object", o))
            .collect(),
        other => GROUP_KINDS
            .iter()
            .find(|k| **k == other)
            .map(|k| group(k, id))
            .into_iter()
            .collect(),
    })
}

/// Vocabulary labels met while indexing, kept for a batch: objects share their terms.
#[derive(Default)]
pub struct Labels(HashMap<(VocabularyKind, String), Option<LocalizedText>>);

impl Labels {
    fn get(
        &mut self,
        c: &mut DbConnection,
        kind: VocabularyKind,
        key: &str,
    ) -> Result<Option<LocalizedText>, StoreError> {
        if let Some(found) = self.0.get(&(kind, key.to_owned())) {
            return Ok(found.clone());
        }
        let label = vocabularies::get_many(c, kind, &[key])?
            .into_iter()
            .next()
            .map(|r| r.value.label);
        self.0.insert((kind, key.to_owned()), label.clone());
        Ok(label)
    }
}

fn day_start(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(0, 0, 0).expect("midnight exists")
}

fn day_end(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(23, 59, 59).expect("a day ends")
}

fn not_found_as_none<T>(r: Result<T, StoreError>) -> Result<Option<T>, StoreError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The entries of a group as the database has it now (none if the record is gone).
pub fn load(
    c: &mut DbConnection,
    group: &Group,
    labels: &mut Labels,
) -> Result<Vec<SearchDoc>, StoreError> {
    let id = group.id;
    let base = |kind: Kind, path: String, title: LocalizedText, date: NaiveDateTime| SearchDoc {
        key: format!("{}:{id}", kind.code()),
        kind,
        path,
        title,
        texts: Vec::new(),
        codes: Vec::new(),
        institutions: Vec::new(),
        owners: Vec::new(),
        public: true,
        period: None,
        has_image: false,
        date,
        ends: None,
    };
    Ok(match group.kind {
        "institution" => {
            let Some(r) = not_found_as_none(institutions::get(c, id))? else {
                return Ok(Vec::new());
            };
            let v = r.value;
            let mut doc = base(
                Kind::Institution,
                format!("/institutions/{}", v.slug),
                v.name,
                r.updated_at,
            );
            doc.texts = vec![v.description, v.region, v.locality, v.address];
            doc.institutions = vec![v.slug.to_string()];
            doc.owners = vec![r.id];
            vec![doc]
        }
        "network" => {
            let Some(r) = not_found_as_none(networks::get(c, id))? else {
                return Ok(Vec::new());
            };
            let v = r.value;
            let mut doc = base(
                Kind::Network,
                format!("/networks/{}", v.slug),
                v.name,
                r.updated_at,
            );
            doc.texts = vec![v.description];
            vec![doc]
        }
        "event" => event_docs(c, id)?,
        "exhibition" => {
            let Some(r) = not_found_as_none(exhibitions::get(c, id))? else {
                return Ok(Vec::new());
            };
            let v = r.value;
            let opens = v.opens_on.or(v.itinerary.iter().map(|s| s.opens_on).min());
            let closes = v
                .closes_on
                .or(v.itinerary.iter().map(|s| s.closes_on).max());
            let mut doc = base(
                Kind::Exhibition,
                format!("/exhibitions/{}", v.slug),
                v.title,
                opens.map(day_start).unwrap_or(r.updated_at),
            );
            doc.ends = closes.map(day_end);
            doc.texts = vec![v.summary, v.description];
            for s in v.sections {
                doc.texts.push(s.title);
                doc.texts.push(s.text);
                doc.texts.extend(s.objects.into_iter().map(|o| o.caption));
            }
            doc.texts.extend(v.curators.into_iter().map(|c| c.name));
            for stop in &v.itinerary {
                doc.texts.push(stop.venue.clone());
                doc.texts.push(stop.city.clone());
            }
            doc.texts.extend(v.images.iter().map(|i| i.caption.clone()));
            doc.has_image = !v.images.is_empty();
            let mut slugs: Vec<String> = v.hosts.iter().map(|s| s.to_string()).collect();
            slugs.extend(
                v.itinerary
                    .iter()
                    .filter_map(|s| s.institution.as_ref().map(|i| i.to_string())),
            );
            slugs.sort();
            slugs.dedup();
            doc.institutions = slugs;
            doc.owners = exhibitions::host_ids(c, id)?;
            doc.public = v.state == PublicationState::Published;
            vec![doc]
        }
        "story" => {
            let Some(r) = not_found_as_none(stories::get(c, id))? else {
                return Ok(Vec::new());
            };
            let v = r.value;
            let mut doc = base(
                Kind::Story,
                format!("/stories/{}", v.slug),
                v.title,
                v.published_on.map(day_start).unwrap_or(r.updated_at),
            );
            doc.texts = vec![v.body];
            doc.institutions = vec![v.institution.to_string()];
            doc.owners = vec![stories::institution_of(c, id)?];
            doc.public = v.state == PublicationState::Published;
            vec![doc]
        }
        "project" => {
            let Some(r) = not_found_as_none(projects::get(c, id))? else {
                return Ok(Vec::new());
            };
            let v = r.value;
            let mut doc = base(
                Kind::Project,
                format!("/projects/{}", v.slug),
                v.title,
                day_start(v.starts_on),
            );
            doc.ends = v.ends_on.map(day_end);
            doc.texts = vec![v.description];
            doc.texts.extend(v.goals);
            doc.texts.extend(v.tasks);
            doc.texts.extend(v.outcomes);
            for a in v.activities {
                doc.texts.push(a.title);
                doc.texts.push(a.description);
            }
            if let Some(f) = v.funding {
                doc.texts.push(f.text);
                doc.texts.push(f.funder);
            }
            doc.institutions = v
                .partners
                .iter()
                .map(|p| p.institution.to_string())
                .collect();
            doc.owners = projects::partner_ids(c, id)?;
            doc.public = v.state == PublicationState::Published;
            vec![doc]
        }
        "object" => {
            let Some(r) = not_found_as_none(objects::get(c, id))? else {
                return Ok(Vec::new());
            };
            let owner = objects::institution_of(c, id)?;
            let date = r.updated_at;
            vec![object_doc(c, id, r.value, owner, date, labels)?]
        }
        "post" => {
            let Some(r) = not_found_as_none(posts::get(c, id))? else {
                return Ok(Vec::new());
            };
            let v = r.value;
            let public = v.is_public_at(chrono::Utc::now());
            let mut doc = base(
                Kind::Post,
                format!("/news/{}", v.slug),
                v.title,
                v.publish_at
                    .map(|at| at.naive_utc())
                    .unwrap_or(r.created_at),
            );
            doc.public = public;
            doc.texts = vec![v.summary, v.body];
            doc.texts.extend(v.images.iter().map(|i| i.caption.clone()));
            doc.has_image = !v.images.is_empty();
            doc.institutions = vec![v.institution.to_string()];
            doc.owners = vec![posts::institution_of(c, id)?];
            vec![doc]
        }
        _ => Vec::new(),
    })
}

/// The entries of up to `limit` records of `kind` after the id `after`, in id order, for a
/// build: objects, by far the most numerous, in one query per batch; other kinds one by one.
pub fn load_batch(
    c: &mut DbConnection,
    kind: &'static str,
    after: i64,
    limit: i64,
    labels: &mut Labels,
) -> Result<Vec<(i64, Vec<SearchDoc>)>, StoreError> {
    if kind == "object" {
        return objects::batch_after(c, after, limit)?
            .into_iter()
            .map(|(r, owner)| {
                let doc = object_doc(c, r.id, r.value, owner, r.updated_at, labels)?;
                Ok((r.id, vec![doc]))
            })
            .collect();
    }
    search_changes::record_ids(c, kind, after, limit)?
        .into_iter()
        .map(|id| Ok((id, load(c, &Group { kind, id }, labels)?)))
        .collect()
}

/// An event with its published programme's items and its documents.
fn event_docs(c: &mut DbConnection, id: i64) -> Result<Vec<SearchDoc>, StoreError> {
    let Some(r) = not_found_as_none(events::get(c, id))? else {
        return Ok(Vec::new());
    };
    let v = r.value;
    let hosts: Vec<String> = v.hosts.iter().map(|s| s.to_string()).collect();
    let owners = events::host_ids(c, id)?;
    let page = format!("/events/{}", v.slug);
    let part = |kind: Kind, key: String, path: String, title: LocalizedText| SearchDoc {
        key,
        kind,
        path,
        title,
        texts: Vec::new(),
        codes: Vec::new(),
        institutions: hosts.clone(),
        owners: owners.clone(),
        public: true,
        period: None,
        has_image: false,
        date: v.starts_at,
        ends: Some(v.ends_at),
    };
    let mut event = part(
        Kind::Event,
        format!("event:{id}"),
        page.clone(),
        v.title.clone(),
    );
    event.texts = vec![v.summary.clone(), v.description.clone(), v.audience.clone()];
    event.texts.extend(v.key_questions.iter().cloned());
    if let Some(venue) = &v.venue {
        event.texts.push(venue.name.clone());
        event.texts.push(venue.address.clone());
        event
            .texts
            .extend(venue.halls.iter().map(|h| h.name.clone()));
    }
    event
        .texts
        .extend(v.contacts.iter().map(|p| p.name.clone()));
    let mut docs = vec![event];
    for item in events::public_programme(c, id)? {
        let mut doc = part(
            Kind::ProgrammeItem,
            format!("programme-item:{id}:{}", item.guid),
            format!("{page}#item-{}", item.guid),
            item.title,
        );
        doc.date = item.starts_at;
        doc.ends = Some(item.starts_at + chrono::TimeDelta::minutes(item.duration_minutes.into()));
        doc.texts = vec![item.description, item.track];
        for p in item.persons {
            doc.texts.push(p.name);
            doc.texts.push(p.affiliation);
        }
        docs.push(doc);
    }
    for d in documents::list(c, id)? {
        let v = d.value;
        let mut doc = part(
            Kind::Document,
            format!("document:{}", d.id),
            format!("{page}/documents/{}", v.key),
            v.title,
        );
        doc.date = v.adopted_on.map(day_start).unwrap_or(d.updated_at);
        doc.ends = None;
        doc.texts = vec![v.summary, v.body];
        for rec in v.recommendations {
            doc.texts.push(rec.addressee);
            doc.texts.push(rec.text);
        }
        docs.push(doc);
    }
    Ok(docs)
}

/// An object with the labels of its vocabulary terms in all their languages, so a search in
/// one language finds objects tagged in another.
pub fn object_doc(
    c: &mut DbConnection,
    id: i64,
    o: MuseumObject,
    owner: i64,
    date: NaiveDateTime,
    labels: &mut Labels,
) -> Result<SearchDoc, StoreError> {
    let mut texts = vec![
        o.description.clone(),
        o.inscription.clone(),
        o.object_type_text.clone(),
        o.materials_text.clone(),
        o.provenance.clone(),
        o.credit_line.clone(),
    ];
    if let Some(d) = &o.dating {
        texts.push(d.text.clone());
    }
    for e in &o.events {
        texts.push(e.actors_text.clone());
        texts.push(e.place_text.clone());
        texts.push(e.note.clone());
        if let Some(d) = &e.dating {
            texts.push(d.text.clone());
        }
    }
    texts.extend(o.images.iter().map(|i| i.caption.clone()));
    for (kind, key) in o.terms() {
        if let Some(label) = labels.get(c, kind, key.as_str())? {
            texts.push(label);
        }
    }
    let period = o
        .dating
        .as_ref()
        .and_then(|d| Some((d.earliest?, d.latest?)));
    Ok(SearchDoc {
        key: format!("object:{id}"),
        kind: Kind::Object,
        path: format!("/objects/{id}"),
        title: o.title,
        texts,
        codes: vec![o.inventory_number.to_string()],
        institutions: vec![o.institution.to_string()],
        owners: vec![owner],
        public: o.state == PublicationState::Published,
        period,
        has_image: !o.images.is_empty(),
        date,
        ends: None,
    })
}
