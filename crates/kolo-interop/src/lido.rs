//! LIDO, the museum records' exchange format: read (1.0 and 1.1; a whole OAI-PMH response, a
//! `lido:lidoWrap` or a single `lido:lido`) into [`ImportedObject`]s, written as LIDO 1.1.
//!
//! What goes where, both ways:
//!
//! - inventory number: `repositorySet/workID` (the first; without one, `lidoRecID`); title: the
//!   first `titleSet`, per language; description: every `objectDescriptionSet`; inscription:
//!   every `inscriptionTranscription`; `credit_line`: `rightsWorkSet/creditLine`; `rights`: the
//!   first Creative Commons or rightsstatements.org URI among `recordRights`, then
//!   `rightsWorkSet`; `provenance`: the descriptions of `Provenance` events.
//! - object type, materials and techniques (`objectMaterialsTechWrap` and the production events'
//!   `eventMaterialsTech`), cultures, periods, actors and places become vocabulary terms (keys
//!   as in [`crate::objects`], conceptIDs and actor/place IDs that are http(s) URLs become term
//!   links, `lido:pref` alternatives become alternative labels, `addedSearchTerm`s are left out).
//! - events: the first place of an event with a name is its place (the others only in
//!   `place_text`, which joins every `displayPlace`); `actors_text` joins every
//!   `displayActorInRole`; the first production event's date is the object's `dating` (and an
//!   event left with nothing else is dropped). Event types without a Kolo kind are `other`.
//! - dimensions: measurements of a known type (height, width, depth, length, diameter, weight)
//!   and unit (mm, cm, m, g, kg); `displayObjectMeasurements` is `dimensions_text`.
//! - `objectPublishedID`s and the first representation of each `resourceSet` become `links`
//!   (an image's label is its description, else its perspective); media are never downloaded.
//!   When written, links to image files become resource sets and the others published IDs, so a
//!   record reads back equal, but for the order (pages first, then images) and the labels of
//!   page links (a published ID has none).
//! - Texts without `xml:lang` take the language of their `descriptiveMetadata` or
//!   `administrativeMetadata` (which LIDO requires; English when a file leaves even that out).
//!   Objects are read as drafts: publishing is the curator's act.
//!
//! Not read: subjects, classifications, related works, roles of actors, record dates.
//! Refused: DOCTYPEs with entities (nothing is ever expanded), nesting deeper than 64, more than
//! a million elements in one record, inputs over [`MAX_BYTES`].

use crate::objects::{ImportedObject, ObjectRecordView, TermSet, term_key};
use crate::xml::{self, Node, XmlError, XmlWriter, line_at};
use kolo_domain::collection::{
    Dating, Dimension, DimensionKind, InventoryNumber, MuseumObject, ObjectEvent, ObjectEventKind,
    PublicationState, Rights, Unit,
};
use kolo_domain::event::ExternalLink;
use kolo_domain::lang::LangTag;
use kolo_domain::vocabulary::{Coordinates, Term, VocabularyKind};
use kolo_domain::{LocalizedText, Slug};
use url::Url;

/// The largest input [`read`] and [`records`] accept (the whole file is held; records are mapped
/// one by one).
pub const MAX_BYTES: usize = 512 * 1024 * 1024;
const LIMITS: xml::Limits = xml::Limits {
    max_depth: 64,
    max_elements: 1_000_000,
};

pub const NAMESPACE: &str = "http://www.lido-schema.org";
pub const SCHEMA_1_1: &str = "http://www.lido-schema.org/schema/v1.1/lido-v1.1.xsd";
const TERMS: &str = "http://terminology.lido-schema.org/";
const PREFERRED: &str = "http://terminology.lido-schema.org/lido00169";
const ALTERNATIVE: &str = "http://terminology.lido-schema.org/lido00170";
const ID_URI: &str = "http://terminology.lido-schema.org/identifier_type/uri";
const ID_LOCAL: &str = "http://terminology.lido-schema.org/identifier_type/local_identifier";

/// What a LIDO file held: each record read, or why it could not be; and the identifiers of the
/// records an OAI-PMH response marks deleted.
#[derive(Debug)]
pub struct LidoBatch {
    pub records: Vec<Result<ImportedObject, LidoError>>,
    pub deleted: Vec<String>,
}

/// Why a file or a record was refused: which record (1-based, and its `lidoRecID`), the line,
/// the element path, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", self.position())]
pub struct LidoError {
    pub record: Option<usize>,
    pub record_id: Option<String>,
    pub line: Option<usize>,
    pub path: Option<String>,
    pub message: String,
}

impl LidoError {
    fn file(message: impl Into<String>) -> Self {
        LidoError {
            record: None,
            record_id: None,
            line: None,
            path: None,
            message: message.into(),
        }
    }

    fn position(&self) -> String {
        let mut parts = Vec::new();
        if let Some(record) = self.record {
            parts.push(match &self.record_id {
                Some(id) => format!("record {record} ({id})"),
                None => format!("record {record}"),
            });
        }
        if let Some(line) = self.line {
            parts.push(format!("line {line}"));
        }
        if let Some(path) = &self.path {
            parts.push(format!("at {path}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("{}: ", parts.join(", "))
        }
    }
}

impl From<XmlError> for LidoError {
    fn from(e: XmlError) -> Self {
        LidoError {
            line: Some(e.line),
            ..LidoError::file(e.message)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/// Reads every `lido:lido` of the file as an object of `institution`. Malformed XML fails the
/// whole file; a record that does not make a valid object fails alone (in `records`).
pub fn read(bytes: &[u8], institution: &Slug) -> Result<LidoBatch, LidoError> {
    let mut all = records(bytes, institution)?;
    let records = all.by_ref().collect::<Result<Vec<_>, _>>()?;
    Ok(LidoBatch {
        records,
        deleted: all.deleted,
    })
}

/// The `lido:lido` records of a file, mapped one at a time as they are asked for (the file's
/// text is held, its records are not). Each item is a record read or refused; an outer error
/// refuses the whole file (malformed XML, not LIDO, an OAI-PMH error) and ends the records.
pub fn records<'a>(bytes: &'a [u8], institution: &'a Slug) -> Result<Records<'a>, LidoError> {
    if bytes.len() > MAX_BYTES {
        return Err(LidoError::file(format!(
            "the input is {} bytes, over the limit of {MAX_BYTES} bytes; refused before parsing",
            bytes.len()
        )));
    }
    let text = xml::utf8(bytes)?;
    Ok(Records {
        text,
        xml: xml::Records::new(text, LIMITS, Some("lido")),
        institution,
        read: 0,
        ended: false,
        deleted: Vec::new(),
    })
}

/// See [`records`].
pub struct Records<'a> {
    text: &'a str,
    xml: xml::Records<'a>,
    institution: &'a Slug,
    read: usize,
    ended: bool,
    /// The identifiers of the records an OAI-PMH response marks deleted, once all are read.
    pub deleted: Vec<String>,
}

impl Iterator for Records<'_> {
    type Item = Result<Result<ImportedObject, LidoError>, LidoError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.ended {
            return None;
        }
        let next = match self.xml.next_record() {
            Ok(Some(lido)) => {
                self.read += 1;
                let mut reader = RecordReader {
                    text: self.text,
                    index: self.read,
                    record_id: lido.text_of("lidoRecID").map(|s| s.trim().to_owned()),
                    terms: TermSet::default(),
                };
                return Some(Ok(reader.object(&lido, self.institution)));
            }
            Ok(None) => self.end(),
            Err(e) => Err(e.into()),
        };
        self.ended = true;
        next.err().map(Err)
    }
}

impl Records<'_> {
    /// After the last record: the root must be LIDO's or OAI-PMH's (whose deleted records are
    /// noted), and an OAI-PMH error without records fails the file.
    fn end(&mut self) -> Result<(), LidoError> {
        let text = self.text;
        let Some(root) = self.xml.finish()? else {
            return Ok(());
        };
        match root.name.as_str() {
            "OAI-PMH" => {
                if let Some(error) = root.child("error").filter(|_| self.read == 0) {
                    return Err(LidoError {
                        line: Some(line_at(text, error.pos)),
                        ..LidoError::file(format!(
                            "the OAI-PMH response is an error: {}: {}",
                            error.attr("code").unwrap_or("?"),
                            error.text.trim()
                        ))
                    });
                }
                let lists = root
                    .children
                    .iter()
                    .filter(|c| c.name == "ListRecords" || c.name == "GetRecord");
                for record in lists.flat_map(|l| l.children("record")) {
                    if let Some(header) = record
                        .child("header")
                        .filter(|h| h.attr("status") == Some("deleted"))
                    {
                        self.deleted
                            .extend(header.text_of("identifier").map(|i| i.trim().to_owned()));
                    }
                }
                Ok(())
            }
            "lidoWrap" => Ok(()),
            other => Err(LidoError {
                line: Some(line_at(text, root.pos)),
                ..LidoError::file(format!(
                    "not LIDO: the root element is <{other}>, not <lido:lido>, \
                     <lido:lidoWrap> or <OAI-PMH>"
                ))
            }),
        }
    }
}

struct RecordReader<'a> {
    text: &'a str,
    index: usize,
    record_id: Option<String>,
    terms: TermSet,
}

/// Where in a record an element is, for errors.
#[derive(Clone, Copy)]
struct At<'n, 'p> {
    node: &'n Node,
    path: &'p str,
}

fn join(base: &str, name: &str) -> String {
    format!("{base}/{name}")
}

/// Appends `value` to `lang`'s text, after `sep` when there is one already.
fn append(text: &mut LocalizedText, lang: &LangTag, value: &str, sep: &str) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    let joined = match text.get(lang.as_str()) {
        Some(known) => format!("{known}{sep}{value}"),
        None => value.to_owned(),
    };
    text.set(lang.clone(), joined);
}

fn first_wins(text: &mut LocalizedText, lang: &LangTag, value: &str) {
    if text.get(lang.as_str()).is_none() {
        text.set(lang.clone(), value);
    }
}

fn http_urls<'n>(nodes: impl Iterator<Item = &'n Node>) -> Vec<Url> {
    let mut urls: Vec<Url> = Vec::new();
    for node in nodes {
        if let Ok(url) = Url::parse(node.text.trim())
            && matches!(url.scheme(), "http" | "https")
            && !urls.contains(&url)
        {
            urls.push(url);
        }
    }
    urls
}

/// The last segment of a terminology URI or the value itself, lower case: `material` for
/// `http://terminology.lido-schema.org/termMaterialsTech_type/material`.
fn term_name(raw: &str) -> String {
    raw.trim()
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_lowercase()
}

/// A year of an ISO 8601 date (`1921-07-01`, `-0500`, `1890`), astronomical numbering.
fn year_of(raw: &str) -> Option<i32> {
    let raw = raw.trim();
    let (sign, rest) = match raw.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, raw),
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<i32>().ok().map(|y| sign * y)
}

enum EventType {
    Kind(ObjectEventKind),
    Provenance,
}

fn event_type(node: Option<&Node>) -> EventType {
    let names: Vec<String> = node
        .into_iter()
        .flat_map(|n| n.children("conceptID").chain(n.children("term")))
        .map(|n| term_name(&n.text))
        .collect();
    let has = |wanted: &[&str]| names.iter().any(|n| wanted.contains(&n.as_str()));
    use ObjectEventKind as K;
    let kind = if has(&["provenance"]) {
        return EventType::Provenance;
    } else if has(&["production", "creation"]) {
        K::Production
    } else if has(&["finding", "excavation"]) {
        K::Find
    } else if has(&["acquisition"]) {
        K::Acquisition
    } else if has(&["restoration"]) {
        K::Restoration
    } else if has(&["use"]) {
        K::Use
    } else if has(&["exhibition"]) {
        K::Exhibition
    } else if has(&["transfer", "move"]) {
        K::Transfer
    } else {
        K::Other
    };
    EventType::Kind(kind)
}

fn dimension_kind(node: &Node) -> Option<DimensionKind> {
    node.children("measurementType")
        .find_map(|t| match t.text.trim().to_lowercase().as_str() {
            "height" | "höhe" => Some(DimensionKind::Height),
            "width" | "breite" => Some(DimensionKind::Width),
            "depth" | "tiefe" => Some(DimensionKind::Depth),
            "length" | "länge" => Some(DimensionKind::Length),
            "diameter" | "durchmesser" => Some(DimensionKind::Diameter),
            "weight" | "gewicht" => Some(DimensionKind::Weight),
            _ => None,
        })
}

impl RecordReader<'_> {
    fn err(&self, at: At, message: impl Into<String>) -> LidoError {
        LidoError {
            record: Some(self.index),
            record_id: self.record_id.clone(),
            line: Some(line_at(self.text, at.node.pos)),
            path: Some(at.path.to_owned()),
            message: message.into(),
        }
    }

    /// The element's own `xml:lang`, else the one it inherits.
    fn lang(&self, at: At, inherited: &LangTag) -> Result<LangTag, LidoError> {
        match at.node.attr("lang") {
            None => Ok(inherited.clone()),
            Some(raw) => raw.replace('_', "-").parse().map_err(|_| {
                self.err(at, format!("xml:lang {raw:?} is not a BCP 47 language tag"))
            }),
        }
    }

    /// Texts of `name` children of `parent`, each in its language, joined by `sep`.
    fn texts(
        &self,
        parent: At,
        name: &str,
        lang: &LangTag,
        sep: &str,
        into: &mut LocalizedText,
    ) -> Result<(), LidoError> {
        let path = join(parent.path, name);
        for node in parent.node.children(name) {
            let lang = self.lang(At { node, path: &path }, lang)?;
            append(into, &lang, &node.text, sep);
        }
        Ok(())
    }

    /// Labels of `values` (`term`s or `appellationValue`s): per language the one marked
    /// preferred, else the first unmarked one, else the display form; the rest (but added
    /// search terms) as alternatives.
    fn labels(
        &self,
        values: &[&Node],
        path: &str,
        lang: &LangTag,
    ) -> Result<(LocalizedText, Vec<LocalizedText>), LidoError> {
        let mut tagged = Vec::new();
        for node in values {
            if node.attr("addedSearchTerm") == Some("yes") || node.text.trim().is_empty() {
                continue;
            }
            let pref = term_name(node.attr("pref").unwrap_or_default());
            let rank = match pref.as_str() {
                "preferred" | "lido00169" => 0,
                "" => 1,
                "lido00526" | "display" => 2,
                _ => 3,
            };
            tagged.push((rank, self.lang(At { node, path }, lang)?, node.text.trim()));
        }
        let mut label = LocalizedText::new();
        for rank in 0..3 {
            for (r, lang, text) in &tagged {
                if *r == rank {
                    first_wins(&mut label, lang, text);
                }
            }
        }
        let mut alt_labels: Vec<LocalizedText> = Vec::new();
        for (rank, lang, text) in &tagged {
            let alt = LocalizedText::new().with(lang.as_str(), text);
            if *rank != 2 && label.get(lang.as_str()) != Some(text) && !alt_labels.contains(&alt) {
                alt_labels.push(alt);
            }
        }
        Ok((label, alt_labels))
    }

    /// A term from its links and labels, kept for the record; `None` when it has no label.
    fn term(
        &mut self,
        at: At,
        kind: VocabularyKind,
        links: Vec<Url>,
        (label, alt_labels): (LocalizedText, Vec<LocalizedText>),
        coordinates: Option<Coordinates>,
    ) -> Result<Option<Slug>, LidoError> {
        if label.is_empty() {
            return Ok(None);
        }
        let key = term_key(&links, &label)
            .ok_or_else(|| self.err(at, "no key can be made of the term's label"))?;
        let term = Term {
            kind,
            key: key.clone(),
            label,
            alt_labels,
            note: LocalizedText::new(),
            links,
            broader: None,
            coordinates,
            years: None,
        };
        term.validate()
            .map_err(|e| self.err(at, format!("the {} term: {e}", kind.code())))?;
        self.terms.insert(term);
        Ok(Some(key))
    }

    /// A concept (`conceptID`s and `term`s) as a term of `kind`.
    fn concept(
        &mut self,
        at: At,
        kind: VocabularyKind,
        lang: &LangTag,
    ) -> Result<Option<Slug>, LidoError> {
        let terms: Vec<&Node> = at.node.children("term").collect();
        let labels = self.labels(&terms, &join(at.path, "term"), lang)?;
        self.term(
            at,
            kind,
            http_urls(at.node.children("conceptID")),
            labels,
            None,
        )
    }

    fn actor(&mut self, at: At, lang: &LangTag) -> Result<Option<Slug>, LidoError> {
        let names: Vec<&Node> = at
            .node
            .children("nameActorSet")
            .flat_map(|s| s.children("appellationValue"))
            .collect();
        let labels = self.labels(&names, &join(at.path, "nameActorSet"), lang)?;
        let links = http_urls(at.node.children("actorID"));
        self.term(at, VocabularyKind::Actor, links, labels, None)
    }

    fn place(&mut self, at: At, lang: &LangTag) -> Result<Option<Slug>, LidoError> {
        let names: Vec<&Node> = at
            .node
            .children("namePlaceSet")
            .flat_map(|s| s.children("appellationValue"))
            .collect();
        let labels = self.labels(&names, &join(at.path, "namePlaceSet"), lang)?;
        let coordinates = at
            .node
            .children("gml")
            .flat_map(|g| g.children("Point"))
            .find_map(|p| {
                let pos = p.text_of("pos")?;
                let mut numbers = pos.split_whitespace().map(str::parse::<f64>);
                match (numbers.next(), numbers.next()) {
                    (Some(Ok(lat)), Some(Ok(lon))) => Some(Coordinates { lat, lon }),
                    _ => None,
                }
            });
        let links = http_urls(at.node.children("placeID"));
        self.term(at, VocabularyKind::Place, links, labels, coordinates)
    }

    fn dating(
        &mut self,
        date_set: At,
        periods: &[&Node],
        path: &str,
        lang: &LangTag,
    ) -> Result<Option<Dating>, LidoError> {
        let mut text = LocalizedText::new();
        self.texts(date_set, "displayDate", lang, "; ", &mut text)?;
        let date = date_set.node.child("date");
        let year = |name: &str| date.and_then(|d| d.text_of(name)).and_then(|y| year_of(&y));
        let (earliest, latest) = match (year("earliestDate"), year("latestDate")) {
            (Some(e), None) => (Some(e), Some(e)),
            (None, Some(l)) => (Some(l), Some(l)),
            range => range,
        };
        let mut period = None;
        for node in periods {
            if period.is_none() {
                period = self.concept(At { node, path }, VocabularyKind::Period, lang)?;
            }
        }
        if text.is_empty() && earliest.is_none() && period.is_none() {
            return Ok(None);
        }
        Ok(Some(Dating {
            text,
            earliest,
            latest,
            period,
        }))
    }

    fn object(&mut self, lido: &Node, institution: &Slug) -> Result<ImportedObject, LidoError> {
        let root = At {
            node: lido,
            path: "lido",
        };
        let descriptive: Vec<&Node> = lido.children("descriptiveMetadata").collect();
        let administrative: Vec<&Node> = lido.children("administrativeMetadata").collect();
        let Some(first) = descriptive.first() else {
            return Err(self.err(root, "no descriptiveMetadata"));
        };
        let default_lang: LangTag = "en".parse().expect("literal tag");
        let mut o = Draft::default();
        for (i, dm) in descriptive.iter().enumerate() {
            let path = format!("lido/descriptiveMetadata[{}]", i + 1);
            let at = At {
                node: dm,
                path: &path,
            };
            let lang = self.lang(at, &default_lang)?;
            self.descriptive(at, &lang, &mut o)?;
        }
        for (i, am) in administrative.iter().enumerate() {
            let path = format!("lido/administrativeMetadata[{}]", i + 1);
            let at = At {
                node: am,
                path: &path,
            };
            let lang = self.lang(at, &default_lang)?;
            self.administrative(at, &lang, &mut o)?;
        }
        let published = http_urls(lido.children("objectPublishedID"))
            .into_iter()
            .map(|url| ExternalLink {
                label: LocalizedText::new(),
                url,
            });
        o.links.splice(0..0, published);
        let inventory = o
            .inventory
            .take()
            .or_else(|| self.record_id.clone())
            .unwrap_or_default();
        let inventory_number = InventoryNumber::parse("inventory_number", &inventory)
            .map_err(|e| self.err(At { node: first, path: "lido/descriptiveMetadata/objectIdentificationWrap/repositoryWrap/repositorySet/workID" }, e.to_string()))?;
        let mut events = o.events;
        let mut dating = None;
        if let Some(i) = events
            .iter()
            .position(|e| e.kind == ObjectEventKind::Production)
        {
            dating = events[i].dating.take();
            let e = &events[i];
            if e.actors.is_empty()
                && e.actors_text.is_empty()
                && e.place.is_none()
                && e.place_text.is_empty()
                && e.note.is_empty()
            {
                events.remove(i);
            }
        }
        let object = MuseumObject {
            institution: institution.clone(),
            inventory_number,
            collection: None,
            object_type: o.object_type,
            object_type_text: LocalizedText::new(),
            title: o.title,
            description: o.description,
            inscription: o.inscription,
            dating,
            materials: o.materials,
            techniques: o.techniques,
            materials_text: o.materials_text,
            dimensions: o.dimensions,
            dimensions_text: o.dimensions_text,
            cultures: o.cultures,
            events,
            provenance: o.provenance,
            credit_line: o.credit_line,
            rights: o.rights,
            images: vec![],
            links: o.links,
            state: PublicationState::Draft,
        };
        object
            .validate()
            .map_err(|e| self.err(root, format!("not a valid object: {e}")))?;
        Ok(ImportedObject {
            source_id: self.record_id.clone(),
            object,
            terms: std::mem::take(&mut self.terms).into_vec(),
        })
    }

    fn descriptive(&mut self, dm: At, lang: &LangTag, o: &mut Draft) -> Result<(), LidoError> {
        let classification = dm.node.child("objectClassificationWrap");
        let work_types = classification
            .and_then(|c| c.child("objectWorkTypeWrap"))
            .into_iter()
            .flat_map(|w| w.children("objectWorkType"));
        let path = join(
            dm.path,
            "objectClassificationWrap/objectWorkTypeWrap/objectWorkType",
        );
        for node in work_types {
            if o.object_type.is_none() {
                o.object_type =
                    self.concept(At { node, path: &path }, VocabularyKind::ObjectType, lang)?;
            }
        }
        if let Some(id) = dm.node.child("objectIdentificationWrap") {
            let id_path = join(dm.path, "objectIdentificationWrap");
            self.identification(
                At {
                    node: id,
                    path: &id_path,
                },
                lang,
                o,
            )?;
        }
        if let Some(wrap) = dm.node.child("eventWrap") {
            let path = join(dm.path, "eventWrap/eventSet/event");
            for node in wrap.children("eventSet").filter_map(|s| s.child("event")) {
                self.event(At { node, path: &path }, lang, o)?;
            }
        }
        Ok(())
    }

    fn identification(&mut self, id: At, lang: &LangTag, o: &mut Draft) -> Result<(), LidoError> {
        if let Some(title_set) = id.node.child("titleWrap").and_then(|t| t.child("titleSet")) {
            let path = join(id.path, "titleWrap/titleSet/appellationValue");
            let values: Vec<&Node> = title_set.children("appellationValue").collect();
            let (label, _) = self.labels(&values, &path, lang)?;
            for (lang, text) in label.iter() {
                first_wins(&mut o.title, lang, text);
            }
        }
        let path = join(id.path, "inscriptionsWrap/inscriptions");
        for node in id
            .node
            .child("inscriptionsWrap")
            .into_iter()
            .flat_map(|w| w.children("inscriptions"))
        {
            self.texts(
                At { node, path: &path },
                "inscriptionTranscription",
                lang,
                "\n",
                &mut o.inscription,
            )?;
        }
        if o.inventory.is_none() {
            o.inventory = id
                .node
                .child("repositoryWrap")
                .into_iter()
                .flat_map(|w| w.children("repositorySet"))
                .flat_map(|s| s.children("workID"))
                .map(|w| w.text.trim().to_owned())
                .find(|w| !w.is_empty());
        }
        let path = join(id.path, "objectDescriptionWrap/objectDescriptionSet");
        for node in id
            .node
            .child("objectDescriptionWrap")
            .into_iter()
            .flat_map(|w| w.children("objectDescriptionSet"))
        {
            self.texts(
                At { node, path: &path },
                "descriptiveNoteValue",
                lang,
                "\n\n",
                &mut o.description,
            )?;
        }
        let path = join(id.path, "objectMeasurementsWrap/objectMeasurementsSet");
        for node in id
            .node
            .child("objectMeasurementsWrap")
            .into_iter()
            .flat_map(|w| w.children("objectMeasurementsSet"))
        {
            self.measurements(At { node, path: &path }, lang, o)?;
        }
        let path = join(id.path, "objectMaterialsTechWrap/objectMaterialsTechSet");
        for node in id
            .node
            .child("objectMaterialsTechWrap")
            .into_iter()
            .flat_map(|w| w.children("objectMaterialsTechSet"))
        {
            self.materials(At { node, path: &path }, lang, o)?;
        }
        Ok(())
    }

    fn measurements(&mut self, set: At, lang: &LangTag, o: &mut Draft) -> Result<(), LidoError> {
        self.texts(
            set,
            "displayObjectMeasurements",
            lang,
            "; ",
            &mut o.dimensions_text,
        )?;
        let Some(measurements) = set.node.child("objectMeasurements") else {
            return Ok(());
        };
        let path = join(set.path, "objectMeasurements");
        let mut part = LocalizedText::new();
        self.texts(
            At {
                node: measurements,
                path: &path,
            },
            "extentMeasurements",
            lang,
            "; ",
            &mut part,
        )?;
        for m in measurements.children("measurementsSet") {
            let unit = m
                .children("measurementUnit")
                .find_map(|u| Unit::from_code(u.text.trim()));
            let value = m
                .text_of("measurementValue")
                .and_then(|v| v.trim().replace(',', ".").parse::<f64>().ok());
            if let (Some(kind), Some(unit), Some(value)) = (dimension_kind(m), unit, value) {
                let dimension = Dimension {
                    kind,
                    value,
                    unit,
                    part: part.clone(),
                };
                // A value in the wrong unit or not positive stays in dimensions_text only.
                let fits = value.is_finite()
                    && value > 0.0
                    && matches!(unit, Unit::G | Unit::Kg) == (kind == DimensionKind::Weight);
                if fits {
                    o.dimensions.push(dimension);
                }
            }
        }
        Ok(())
    }

    fn materials(&mut self, set: At, lang: &LangTag, o: &mut Draft) -> Result<(), LidoError> {
        self.texts(
            set,
            "displayMaterialsTech",
            lang,
            "; ",
            &mut o.materials_text,
        )?;
        let path = join(set.path, "materialsTech/termMaterialsTech");
        for node in set
            .node
            .children("materialsTech")
            .flat_map(|m| m.children("termMaterialsTech"))
        {
            let technique = term_name(node.attr("type").unwrap_or_default()) == "technique";
            let kind = if technique {
                VocabularyKind::Technique
            } else {
                VocabularyKind::Material
            };
            if let Some(key) = self.concept(At { node, path: &path }, kind, lang)? {
                let list = if technique {
                    &mut o.techniques
                } else {
                    &mut o.materials
                };
                if !list.contains(&key) {
                    list.push(key);
                }
            }
        }
        Ok(())
    }

    fn event(&mut self, event: At, lang: &LangTag, o: &mut Draft) -> Result<(), LidoError> {
        let mut note = LocalizedText::new();
        let path = join(event.path, "eventDescriptionSet");
        for node in event.node.children("eventDescriptionSet") {
            self.texts(
                At { node, path: &path },
                "descriptiveNoteValue",
                lang,
                "\n\n",
                &mut note,
            )?;
        }
        let kind = match event_type(event.node.child("eventType")) {
            EventType::Provenance => {
                for (lang, text) in note.iter() {
                    append(&mut o.provenance, lang, text, "\n\n");
                }
                return Ok(());
            }
            EventType::Kind(kind) => kind,
        };
        let mut e = ObjectEvent {
            kind,
            actors: vec![],
            actors_text: LocalizedText::new(),
            place: None,
            place_text: LocalizedText::new(),
            dating: None,
            note,
        };
        let path = join(event.path, "eventActor");
        for node in event.node.children("eventActor") {
            let at = At { node, path: &path };
            self.texts(at, "displayActorInRole", lang, "; ", &mut e.actors_text)?;
            if let Some(actor) = node.child("actorInRole").and_then(|a| a.child("actor")) {
                let path = join(&path, "actorInRole/actor");
                if let Some(key) = self.actor(
                    At {
                        node: actor,
                        path: &path,
                    },
                    lang,
                )? && !e.actors.contains(&key)
                {
                    e.actors.push(key);
                }
            }
        }
        let path = join(event.path, "eventPlace");
        for node in event.node.children("eventPlace") {
            self.texts(
                At { node, path: &path },
                "displayPlace",
                lang,
                "; ",
                &mut e.place_text,
            )?;
            if e.place.is_none()
                && let Some(place) = node.child("place")
            {
                let path = join(&path, "place");
                e.place = self.place(
                    At {
                        node: place,
                        path: &path,
                    },
                    lang,
                )?;
            }
        }
        let periods: Vec<&Node> = event.node.children("periodName").collect();
        let period_path = join(event.path, "periodName");
        if let Some(date) = event.node.child("eventDate") {
            let path = join(event.path, "eventDate");
            e.dating = self.dating(
                At {
                    node: date,
                    path: &path,
                },
                &periods,
                &period_path,
                lang,
            )?;
        } else if !periods.is_empty() {
            let empty = Node {
                name: "eventDate".into(),
                attrs: vec![],
                children: vec![],
                text: String::new(),
                pos: event.node.pos,
            };
            e.dating = self.dating(
                At {
                    node: &empty,
                    path: &period_path,
                },
                &periods,
                &period_path,
                lang,
            )?;
        }
        if kind == ObjectEventKind::Production {
            let path = join(event.path, "culture");
            for node in event.node.children("culture") {
                if let Some(key) =
                    self.concept(At { node, path: &path }, VocabularyKind::Culture, lang)?
                    && !o.cultures.contains(&key)
                {
                    o.cultures.push(key);
                }
            }
            let path = join(event.path, "eventMaterialsTech");
            for node in event.node.children("eventMaterialsTech") {
                self.materials(At { node, path: &path }, lang, o)?;
            }
        }
        o.events.push(e);
        Ok(())
    }

    fn administrative(&mut self, am: At, lang: &LangTag, o: &mut Draft) -> Result<(), LidoError> {
        let record_rights = am
            .node
            .child("recordWrap")
            .into_iter()
            .flat_map(|r| r.children("recordRights"));
        let work_rights: Vec<&Node> = am
            .node
            .child("rightsWorkWrap")
            .into_iter()
            .flat_map(|w| w.children("rightsWorkSet"))
            .collect();
        if o.rights.is_none() {
            o.rights = record_rights
                .chain(work_rights.iter().copied())
                .flat_map(|r| r.children("rightsType"))
                .flat_map(|t| t.children("conceptID"))
                .find_map(|c| Rights::parse("rights", &c.text).ok());
        }
        let path = join(am.path, "rightsWorkWrap/rightsWorkSet");
        for node in work_rights {
            self.texts(
                At { node, path: &path },
                "creditLine",
                lang,
                "; ",
                &mut o.credit_line,
            )?;
        }
        let path = join(am.path, "resourceWrap/resourceSet");
        for node in am
            .node
            .child("resourceWrap")
            .into_iter()
            .flat_map(|w| w.children("resourceSet"))
        {
            let representations: Vec<&Node> = node.children("resourceRepresentation").collect();
            let provided = representations
                .iter()
                .find(|r| {
                    term_name(r.attr("type").unwrap_or_default()) == "provided_representation"
                })
                .or(representations.first());
            let Some(url) = provided
                .and_then(|r| r.child("linkResource"))
                .and_then(|l| http_urls(std::iter::once(l)).pop())
            else {
                continue;
            };
            let at = At { node, path: &path };
            let mut label = LocalizedText::new();
            self.texts(at, "resourceDescription", lang, "; ", &mut label)?;
            if label.is_empty() {
                for perspective in node.children("resourcePerspective") {
                    let terms: Vec<&Node> = perspective.children("term").collect();
                    let (l, _) = self.labels(&terms, &join(&path, "resourcePerspective"), lang)?;
                    for (lang, text) in l.iter() {
                        append(&mut label, lang, text, ", ");
                    }
                }
            }
            o.links.push(ExternalLink { label, url });
        }
        Ok(())
    }
}

/// A record's fields as they are gathered.
#[derive(Default)]
struct Draft {
    inventory: Option<String>,
    object_type: Option<Slug>,
    title: LocalizedText,
    description: LocalizedText,
    inscription: LocalizedText,
    materials: Vec<Slug>,
    techniques: Vec<Slug>,
    materials_text: LocalizedText,
    dimensions: Vec<Dimension>,
    dimensions_text: LocalizedText,
    cultures: Vec<Slug>,
    events: Vec<ObjectEvent>,
    provenance: LocalizedText,
    credit_line: LocalizedText,
    rights: Option<Rights>,
    links: Vec<ExternalLink>,
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// Whether a link points at an image file (written as a resource, not a published ID).
fn is_image(url: &Url) -> bool {
    let path = url.path().to_ascii_lowercase();
    [
        ".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".webp", ".jp2",
    ]
    .iter()
    .any(|ext| path.ends_with(ext))
}

fn media_type(url: &Url) -> &'static str {
    let path = url.path().to_ascii_lowercase();
    match path.rsplit('.').next().unwrap_or_default() {
        "png" => "image/png",
        "gif" => "image/gif",
        "tif" | "tiff" => "image/tiff",
        "webp" => "image/webp",
        "jp2" => "image/jp2",
        _ => "image/jpeg",
    }
}

/// The object as one `lido:lido` element (LIDO 1.1, namespaces declared on it), to stand alone
/// or inside an OAI-PMH record.
pub fn write(view: &ObjectRecordView) -> String {
    let mut w = XmlWriter::default();
    write_record(&mut w, view, true);
    w.finish()
}

/// A LIDO document: `lido:lidoWrap` around the objects.
pub fn write_wrap(views: &[ObjectRecordView]) -> String {
    let mut w = XmlWriter::document();
    let location = format!("{NAMESPACE} {SCHEMA_1_1}");
    w.open(
        "lido:lidoWrap",
        &[
            ("xmlns:lido", Some(NAMESPACE)),
            ("xmlns:gml", Some("http://www.opengis.net/gml")),
            (
                "xmlns:xsi",
                Some("http://www.w3.org/2001/XMLSchema-instance"),
            ),
            ("xsi:schemaLocation", Some(&location)),
        ],
    );
    for view in views {
        write_record(&mut w, view, false);
    }
    w.close("lido:lidoWrap");
    w.finish()
}

/// `attrs` with `xml:lang`.
fn lang_attr(lang: &LangTag) -> (&'static str, Option<&str>) {
    ("xml:lang", Some(lang.as_str()))
}

fn texts(w: &mut XmlWriter, name: &str, text: &LocalizedText) {
    for (lang, value) in text.iter() {
        w.leaf(name, &[lang_attr(lang)], value);
    }
}

/// Preferred labels, then alternatives, as `name` elements (`term`, `appellationValue`).
fn labels(w: &mut XmlWriter, name: &str, label: &LocalizedText, alt: &[LocalizedText]) {
    for (lang, value) in label.iter() {
        w.leaf(
            name,
            &[lang_attr(lang), ("lido:pref", Some(PREFERRED))],
            value,
        );
    }
    for (lang, value) in alt.iter().flat_map(LocalizedText::iter) {
        w.leaf(
            name,
            &[lang_attr(lang), ("lido:pref", Some(ALTERNATIVE))],
            value,
        );
    }
}

fn ids(w: &mut XmlWriter, name: &str, links: &[Url]) {
    for link in links {
        w.leaf(name, &[("lido:type", Some(ID_URI))], link.as_str());
    }
}

struct TermOut {
    label: LocalizedText,
    alt: Vec<LocalizedText>,
    links: Vec<Url>,
    coordinates: Option<Coordinates>,
}

fn term_out(view: &ObjectRecordView, kind: VocabularyKind, key: &Slug) -> TermOut {
    match view.term(kind, key) {
        Some(t) => TermOut {
            label: t.label.clone(),
            alt: t.alt_labels.clone(),
            links: t.links.clone(),
            coordinates: t.coordinates,
        },
        None => TermOut {
            label: view.label(kind, key),
            alt: vec![],
            links: vec![],
            coordinates: None,
        },
    }
}

/// The content of a concept element: its IDs, then its terms.
fn concept(w: &mut XmlWriter, view: &ObjectRecordView, kind: VocabularyKind, key: &Slug) {
    let t = term_out(view, kind, key);
    ids(w, "lido:conceptID", &t.links);
    labels(w, "lido:term", &t.label, &t.alt);
}

fn rights_type(w: &mut XmlWriter, rights: &Rights) {
    w.open("lido:rightsType", &[]);
    w.leaf(
        "lido:conceptID",
        &[("lido:type", Some(ID_URI))],
        rights.url().as_str(),
    );
    w.close("lido:rightsType");
}

fn write_record(w: &mut XmlWriter, view: &ObjectRecordView, standalone: bool) {
    let o = view.object;
    let location = format!("{NAMESPACE} {SCHEMA_1_1}");
    let namespaces = [
        ("xmlns:lido", Some(NAMESPACE)),
        ("xmlns:gml", Some("http://www.opengis.net/gml")),
        (
            "xmlns:xsi",
            Some("http://www.w3.org/2001/XMLSchema-instance"),
        ),
        ("xsi:schemaLocation", Some(location.as_str())),
    ];
    w.open("lido:lido", if standalone { &namespaces } else { &[] });
    w.leaf(
        "lido:lidoRecID",
        &[("lido:type", Some(ID_LOCAL))],
        view.record_id,
    );
    let (images, pages): (Vec<&ExternalLink>, Vec<&ExternalLink>) =
        o.links.iter().partition(|l| is_image(&l.url));
    for page in &pages {
        w.leaf(
            "lido:objectPublishedID",
            &[("lido:type", Some(ID_URI))],
            page.url.as_str(),
        );
    }
    let main_lang = &view.institution.original_lang;
    w.open("lido:descriptiveMetadata", &[lang_attr(main_lang)]);
    w.open("lido:objectClassificationWrap", &[]);
    w.open("lido:objectWorkTypeWrap", &[]);
    w.open("lido:objectWorkType", &[]);
    match &o.object_type {
        Some(key) => concept(w, view, VocabularyKind::ObjectType, key),
        None => labels(w, "lido:term", &o.object_type_text, &[]),
    }
    w.close("lido:objectWorkType");
    w.close("lido:objectWorkTypeWrap");
    w.close("lido:objectClassificationWrap");

    w.open("lido:objectIdentificationWrap", &[]);
    w.open("lido:titleWrap", &[]);
    w.open("lido:titleSet", &[]);
    labels(w, "lido:appellationValue", &o.title, &[]);
    w.close("lido:titleSet");
    w.close("lido:titleWrap");
    if !o.inscription.is_empty() {
        w.open("lido:inscriptionsWrap", &[]);
        w.open("lido:inscriptions", &[]);
        texts(w, "lido:inscriptionTranscription", &o.inscription);
        w.close("lido:inscriptions");
        w.close("lido:inscriptionsWrap");
    }
    w.open("lido:repositoryWrap", &[]);
    w.open("lido:repositorySet", &[]);
    legal_body(w, view, "lido:repositoryName");
    w.leaf("lido:workID", &[], o.inventory_number.as_str());
    w.close("lido:repositorySet");
    w.close("lido:repositoryWrap");
    if !o.description.is_empty() {
        w.open("lido:objectDescriptionWrap", &[]);
        w.open("lido:objectDescriptionSet", &[]);
        texts(w, "lido:descriptiveNoteValue", &o.description);
        w.close("lido:objectDescriptionSet");
        w.close("lido:objectDescriptionWrap");
    }
    write_measurements(w, o);
    if !(o.materials.is_empty() && o.techniques.is_empty() && o.materials_text.is_empty()) {
        w.open("lido:objectMaterialsTechWrap", &[]);
        w.open("lido:objectMaterialsTechSet", &[]);
        texts(w, "lido:displayMaterialsTech", &o.materials_text);
        for (kind, keys, code) in [
            (VocabularyKind::Material, &o.materials, "material"),
            (VocabularyKind::Technique, &o.techniques, "technique"),
        ] {
            let term_type = format!("{TERMS}termMaterialsTech_type/{code}");
            for key in keys {
                w.open("lido:materialsTech", &[]);
                w.open("lido:termMaterialsTech", &[("lido:type", Some(&term_type))]);
                concept(w, view, kind, key);
                w.close("lido:termMaterialsTech");
                w.close("lido:materialsTech");
            }
        }
        w.close("lido:objectMaterialsTechSet");
        w.close("lido:objectMaterialsTechWrap");
    }
    w.close("lido:objectIdentificationWrap");
    write_events(w, view);
    w.close("lido:descriptiveMetadata");

    w.open("lido:administrativeMetadata", &[lang_attr(main_lang)]);
    if !o.credit_line.is_empty() {
        w.open("lido:rightsWorkWrap", &[]);
        w.open("lido:rightsWorkSet", &[]);
        texts(w, "lido:creditLine", &o.credit_line);
        w.close("lido:rightsWorkSet");
        w.close("lido:rightsWorkWrap");
    }
    w.open("lido:recordWrap", &[]);
    w.leaf(
        "lido:recordID",
        &[("lido:type", Some(ID_LOCAL))],
        view.record_id,
    );
    w.open("lido:recordType", &[]);
    w.leaf(
        "lido:conceptID",
        &[("lido:type", Some(ID_URI))],
        &format!("{TERMS}recordType/item-level_record"),
    );
    w.leaf(
        "lido:term",
        &[("xml:lang", Some("en"))],
        "Item-level record",
    );
    w.close("lido:recordType");
    legal_body(w, view, "lido:recordSource");
    if let Some(rights) = &o.rights {
        w.open("lido:recordRights", &[]);
        rights_type(w, rights);
        w.close("lido:recordRights");
    }
    w.open("lido:recordInfoSet", &[]);
    w.leaf(
        "lido:recordInfoLink",
        &[("lido:formatResource", Some("text/html"))],
        view.record_url.as_str(),
    );
    w.close("lido:recordInfoSet");
    w.close("lido:recordWrap");
    let resources: Vec<(&Url, &LocalizedText, Option<&Rights>, &str)> = view
        .images
        .iter()
        .map(|i| {
            (
                &i.url,
                &i.caption,
                i.rights.as_ref().or(o.rights.as_ref()),
                media_type(&i.url),
            )
        })
        .chain(
            images
                .iter()
                .map(|l| (&l.url, &l.label, None, media_type(&l.url))),
        )
        .collect();
    let manifest_label = LocalizedText::new().with("en", "IIIF Presentation manifest");
    if !resources.is_empty() || view.manifest_url.is_some() {
        w.open("lido:resourceWrap", &[]);
        let manifest = view
            .manifest_url
            .map(|url| (url, &manifest_label, None, "application/ld+json"));
        for (url, caption, rights, format) in resources.into_iter().chain(manifest) {
            w.open("lido:resourceSet", &[]);
            w.open(
                "lido:resourceRepresentation",
                &[(
                    "lido:type",
                    Some(&format!(
                        "{TERMS}resourceRepresentation_type/provided_representation"
                    )),
                )],
            );
            w.leaf(
                "lido:linkResource",
                &[("lido:formatResource", Some(format))],
                url.as_str(),
            );
            w.close("lido:resourceRepresentation");
            texts(w, "lido:resourceDescription", caption);
            if let Some(rights) = rights {
                w.open("lido:rightsResource", &[]);
                rights_type(w, rights);
                w.close("lido:rightsResource");
            }
            w.close("lido:resourceSet");
        }
        w.close("lido:resourceWrap");
    }
    w.close("lido:administrativeMetadata");
    w.close("lido:lido");
}

fn legal_body(w: &mut XmlWriter, view: &ObjectRecordView, name: &str) {
    w.open(name, &[]);
    w.open("lido:legalBodyName", &[]);
    texts(w, "lido:appellationValue", &view.institution.name);
    w.close("lido:legalBodyName");
    if let Some(site) = &view.institution.contacts.website {
        w.leaf("lido:legalBodyWeblink", &[], site.as_str());
    }
    w.close(name);
}

fn write_measurements(w: &mut XmlWriter, o: &MuseumObject) {
    if o.dimensions.is_empty() && o.dimensions_text.is_empty() {
        return;
    }
    w.open("lido:objectMeasurementsWrap", &[]);
    if o.dimensions.is_empty() {
        w.open("lido:objectMeasurementsSet", &[]);
        texts(w, "lido:displayObjectMeasurements", &o.dimensions_text);
        w.close("lido:objectMeasurementsSet");
    }
    for (i, d) in o.dimensions.iter().enumerate() {
        w.open("lido:objectMeasurementsSet", &[]);
        if i == 0 {
            texts(w, "lido:displayObjectMeasurements", &o.dimensions_text);
        }
        w.open("lido:objectMeasurements", &[]);
        w.open("lido:measurementsSet", &[]);
        w.leaf(
            "lido:measurementType",
            &[("xml:lang", Some("en"))],
            d.kind.code(),
        );
        w.leaf("lido:measurementUnit", &[], d.unit.code());
        w.leaf("lido:measurementValue", &[], &d.value.to_string());
        w.close("lido:measurementsSet");
        texts(w, "lido:extentMeasurements", &d.part);
        w.close("lido:objectMeasurements");
        w.close("lido:objectMeasurementsSet");
    }
    w.close("lido:objectMeasurementsWrap");
}

fn format_year(year: i32) -> String {
    if year < 0 {
        format!("-{:04}", -year)
    } else {
        format!("{year:04}")
    }
}

fn write_events(w: &mut XmlWriter, view: &ObjectRecordView) {
    let o = view.object;
    let has_production = o
        .events
        .iter()
        .any(|e| e.kind == ObjectEventKind::Production);
    // The object's date and cultures belong to its production; one is written when none is kept.
    let implied =
        (!has_production && (o.dating.is_some() || !o.cultures.is_empty())).then(|| ObjectEvent {
            kind: ObjectEventKind::Production,
            actors: vec![],
            actors_text: LocalizedText::new(),
            place: None,
            place_text: LocalizedText::new(),
            dating: None,
            note: LocalizedText::new(),
        });
    if o.events.is_empty() && implied.is_none() && o.provenance.is_empty() {
        return;
    }
    w.open("lido:eventWrap", &[]);
    let mut first_production = true;
    for e in implied.iter().chain(&o.events) {
        let production = e.kind == ObjectEventKind::Production && first_production;
        if production {
            first_production = false;
        }
        w.open("lido:eventSet", &[]);
        w.open("lido:event", &[]);
        w.open("lido:eventType", &[]);
        if !matches!(e.kind, ObjectEventKind::Transfer | ObjectEventKind::Other) {
            w.leaf(
                "lido:conceptID",
                &[("lido:type", Some(ID_URI))],
                &format!("{TERMS}eventType/{}", e.kind.lido_term().to_lowercase()),
            );
        }
        w.leaf("lido:term", &[("xml:lang", Some("en"))], e.kind.lido_term());
        w.close("lido:eventType");
        if e.actors.is_empty() && !e.actors_text.is_empty() {
            w.open("lido:eventActor", &[]);
            texts(w, "lido:displayActorInRole", &e.actors_text);
            w.close("lido:eventActor");
        }
        for (i, key) in e.actors.iter().enumerate() {
            let t = term_out(view, VocabularyKind::Actor, key);
            w.open("lido:eventActor", &[]);
            if i == 0 {
                texts(w, "lido:displayActorInRole", &e.actors_text);
            }
            w.open("lido:actorInRole", &[]);
            w.open("lido:actor", &[]);
            ids(w, "lido:actorID", &t.links);
            w.open("lido:nameActorSet", &[]);
            labels(w, "lido:appellationValue", &t.label, &t.alt);
            w.close("lido:nameActorSet");
            w.close("lido:actor");
            w.close("lido:actorInRole");
            w.close("lido:eventActor");
        }
        if production {
            for key in &o.cultures {
                w.open("lido:culture", &[]);
                concept(w, view, VocabularyKind::Culture, key);
                w.close("lido:culture");
            }
        }
        let dating = if production {
            e.dating.as_ref().or(o.dating.as_ref())
        } else {
            e.dating.as_ref()
        };
        if let Some(d) = dating {
            w.open("lido:eventDate", &[]);
            texts(w, "lido:displayDate", &d.text);
            if let (Some(earliest), Some(latest)) = (d.earliest, d.latest) {
                w.open("lido:date", &[]);
                w.leaf("lido:earliestDate", &[], &format_year(earliest));
                w.leaf("lido:latestDate", &[], &format_year(latest));
                w.close("lido:date");
            }
            w.close("lido:eventDate");
            if let Some(period) = &d.period {
                w.open("lido:periodName", &[]);
                concept(w, view, VocabularyKind::Period, period);
                w.close("lido:periodName");
            }
        }
        if e.place.is_some() || !e.place_text.is_empty() {
            w.open("lido:eventPlace", &[]);
            texts(w, "lido:displayPlace", &e.place_text);
            if let Some(key) = &e.place {
                let t = term_out(view, VocabularyKind::Place, key);
                w.open("lido:place", &[]);
                ids(w, "lido:placeID", &t.links);
                w.open("lido:namePlaceSet", &[]);
                labels(w, "lido:appellationValue", &t.label, &t.alt);
                w.close("lido:namePlaceSet");
                if let Some(c) = t.coordinates {
                    w.open("lido:gml", &[]);
                    w.open("gml:Point", &[]);
                    w.leaf("gml:pos", &[], &format!("{} {}", c.lat, c.lon));
                    w.close("gml:Point");
                    w.close("lido:gml");
                }
                w.close("lido:place");
            }
            w.close("lido:eventPlace");
        }
        if !e.note.is_empty() {
            w.open("lido:eventDescriptionSet", &[]);
            texts(w, "lido:descriptiveNoteValue", &e.note);
            w.close("lido:eventDescriptionSet");
        }
        w.close("lido:event");
        w.close("lido:eventSet");
    }
    if !o.provenance.is_empty() {
        w.open("lido:eventSet", &[]);
        w.open("lido:event", &[]);
        w.open("lido:eventType", &[]);
        w.leaf(
            "lido:conceptID",
            &[("lido:type", Some(ID_URI))],
            &format!("{TERMS}eventType/provenance"),
        );
        w.leaf("lido:term", &[("xml:lang", Some("en"))], "Provenance");
        w.close("lido:eventType");
        w.open("lido:eventDescriptionSet", &[]);
        texts(w, "lido:descriptiveNoteValue", &o.provenance);
        w.close("lido:eventDescriptionSet");
        w.close("lido:event");
        w.close("lido:eventSet");
    }
    w.close("lido:eventWrap");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(s: &str) -> Slug {
        Slug::parse("slug", s).unwrap()
    }

    /// A LIDO 1.0-style record: words for `lido:pref`, a type without a conceptID, a finding
    /// place with coordinates, a period, and a text without `xml:lang`.
    fn record(title: &str) -> String {
        format!(
            r#"<lido:lido xmlns:lido="http://www.lido-schema.org" xmlns:gml="http://www.opengis.net/gml">
  <lido:lidoRecID lido:type="local">kz-{title}</lido:lidoRecID>
  <lido:descriptiveMetadata xml:lang="ru">
    <lido:objectClassificationWrap><lido:objectWorkTypeWrap><lido:objectWorkType>
      <lido:term lido:pref="preferred">Бляха</lido:term>
      <lido:term lido:pref="alternate">Пластина</lido:term>
      <lido:term xml:lang="en">Plaque</lido:term>
    </lido:objectWorkType></lido:objectWorkTypeWrap></lido:objectClassificationWrap>
    <lido:objectIdentificationWrap>
      <lido:titleWrap><lido:titleSet><lido:appellationValue>{title}</lido:appellationValue>
        <lido:appellationValue xml:lang="kk-Cyrl">Алтын бляха</lido:appellationValue></lido:titleSet></lido:titleWrap>
      <lido:repositoryWrap><lido:repositorySet><lido:workID>КП-17/3</lido:workID></lido:repositorySet></lido:repositoryWrap>
    </lido:objectIdentificationWrap>
    <lido:eventWrap><lido:eventSet><lido:event>
      <lido:eventType><lido:term xml:lang="en">Excavation</lido:term></lido:eventType>
      <lido:eventDate><lido:displayDate>IV–III вв. до н. э.</lido:displayDate>
        <lido:date><lido:earliestDate>-0399</lido:earliestDate><lido:latestDate>-0200</lido:latestDate></lido:date></lido:eventDate>
      <lido:periodName><lido:term xml:lang="en">Early Iron Age</lido:term></lido:periodName>
      <lido:eventPlace><lido:place><lido:namePlaceSet><lido:appellationValue>Елекесазы</lido:appellationValue></lido:namePlaceSet>
        <lido:gml><gml:Point><gml:pos>49.1 86.5</gml:pos></gml:Point></lido:gml></lido:place></lido:eventPlace>
    </lido:event></lido:eventSet></lido:eventWrap>
  </lido:descriptiveMetadata>
  <lido:administrativeMetadata xml:lang="ru"><lido:recordWrap><lido:recordID lido:type="local">1</lido:recordID></lido:recordWrap></lido:administrativeMetadata>
</lido:lido>"#
        )
    }

    #[test]
    fn a_single_record_maps_terms_periods_and_places() {
        let batch = read(record("Бляха").as_bytes(), &slug("museum")).unwrap();
        let imported = batch.records[0].as_ref().unwrap();
        let o = &imported.object;
        assert_eq!(o.inventory_number.as_str(), "КП-17/3");
        assert_eq!(o.title.get("ru"), Some("Бляха"));
        assert_eq!(o.title.get("kk-Cyrl"), Some("Алтын бляха"));
        let find = &o.events[0];
        assert_eq!(find.kind, ObjectEventKind::Find);
        let dating = find.dating.as_ref().unwrap();
        assert_eq!((dating.earliest, dating.latest), (Some(-399), Some(-200)));
        assert_eq!(dating.period.as_ref().unwrap().as_str(), "early-iron-age");
        let place = imported
            .terms
            .iter()
            .find(|t| t.kind == VocabularyKind::Place)
            .unwrap();
        assert_eq!(place.key.as_str(), "elekesazy");
        assert_eq!(
            place.coordinates,
            Some(Coordinates {
                lat: 49.1,
                lon: 86.5
            })
        );
        let plaque = imported
            .terms
            .iter()
            .find(|t| t.kind == VocabularyKind::ObjectType)
            .unwrap();
        // English gives the key; the alternative stays an alternative.
        assert_eq!(plaque.key.as_str(), "plaque");
        assert_eq!(plaque.label.get("ru"), Some("Бляха"));
        assert_eq!(
            plaque.alt_labels,
            [LocalizedText::new().with("ru", "Пластина")]
        );
    }

    #[test]
    fn a_bad_record_fails_alone_and_says_where() {
        let file = format!(
            "<lido:lidoWrap xmlns:lido=\"http://www.lido-schema.org\">\n{}\n{}\n{}\n</lido:lidoWrap>",
            record("Первая"),
            record("").replace(
                "<lido:appellationValue xml:lang=\"kk-Cyrl\">Алтын бляха</lido:appellationValue>",
                ""
            ),
            record("Третья").replace("xml:lang=\"kk-Cyrl\"", "xml:lang=\"not a tag!\""),
        );
        let batch = read(file.as_bytes(), &slug("museum")).unwrap();
        assert!(batch.records[0].is_ok());
        let e = batch.records[1].as_ref().unwrap_err();
        assert_eq!((e.record, e.record_id.as_deref()), (Some(2), Some("kz-")));
        let line_of = |needle: &str| file[..file.find(needle).unwrap()].matches('\n').count() + 1;
        assert_eq!(
            e.line,
            Some(line_of("<lido:lidoRecID lido:type=\"local\">kz-<") - 1)
        );
        assert!(e.message.contains("title: required"), "{e}");
        let e = batch.records[2].as_ref().unwrap_err();
        assert_eq!(e.record, Some(3));
        assert_eq!(
            e.path.as_deref(),
            Some(
                "lido/descriptiveMetadata[1]/objectIdentificationWrap/titleWrap/titleSet/appellationValue"
            )
        );
        let line = line_of("xml:lang=\"not a tag!\"");
        assert!(
            e.to_string()
                .starts_with(&format!("record 3 (kz-Третья), line {line}, at lido/")),
            "{e}"
        );
    }

    #[test]
    fn oai_responses_give_deleted_records_and_errors() {
        let oai = format!(
            r#"<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>
<record><header status="deleted"><identifier>oai:x:1</identifier></header></record>
<record><header><identifier>oai:x:2</identifier></header><metadata>{}</metadata></record>
</ListRecords></OAI-PMH>"#,
            record("Бляха")
        );
        let batch = read(oai.as_bytes(), &slug("museum")).unwrap();
        assert_eq!(batch.deleted, ["oai:x:1"]);
        assert_eq!(batch.records.len(), 1);
        let error = r#"<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><error code="noRecordsMatch">none</error></OAI-PMH>"#;
        let e = read(error.as_bytes(), &slug("museum")).unwrap_err();
        assert!(e.message.contains("noRecordsMatch: none"), "{e}");
        let e = read(b"<schedule/>", &slug("museum")).unwrap_err();
        assert!(e.message.contains("root element is <schedule>"), "{e}");
    }

    #[test]
    fn records_come_one_at_a_time_until_the_xml_breaks() {
        let file = format!(
            "<lido:lidoWrap xmlns:lido=\"http://www.lido-schema.org\">\n{}\n{}\n<oops>\n",
            record("Первая"),
            record("Вторая"),
        );
        let museum = slug("museum");
        let mut records = records(file.as_bytes(), &museum).unwrap();
        let first = records.next().unwrap().unwrap().unwrap();
        assert_eq!(first.object.title.get("ru"), Some("Первая"));
        assert!(records.next().unwrap().unwrap().is_ok());
        let e = records.next().unwrap().unwrap_err();
        assert!(e.message.contains("never closed"), "{e}");
        assert!(records.next().is_none());
        assert!(read(file.as_bytes(), &museum).is_err());
    }

    #[test]
    fn entities_are_refused_before_anything_is_expanded() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lido [<!ENTITY a \"aaaa\">]>\n<lido:lido xmlns:lido=\"http://www.lido-schema.org\">&a;</lido:lido>";
        let e = read(bomb.as_bytes(), &slug("museum")).unwrap_err();
        assert!(e.message.contains("DOCTYPE declares entities"), "{e}");
        assert_eq!(e.line, Some(2));
    }
}
