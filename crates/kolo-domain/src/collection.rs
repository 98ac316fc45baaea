//! Collections: museum objects as their curators catalogue them, grouped in each institution's
//! (hierarchical) collections, with LIDO-style object events and rights per record and image.
//!
//! Vocabulary fields (`object_type`, `materials`, places and actors of events...) hold term keys
//! of the shared vocabularies (`crate::vocabulary`); free text that has no term yet goes in the
//! `*_text` fields beside them, as the curator wrote it.

use crate::event::{ExternalLink, coded_enum};
use crate::media::MediaId;
use crate::text::LocalizedText;
use crate::validation::{FieldError, Slug, ValidationErrors};
use serde::{Deserialize, Serialize};
use std::fmt;
use url::Url;

coded_enum!(
    /// Whether the public sees a record.
    PublicationState {
        Draft = "draft",
        Published = "published",
    }
);

coded_enum!(
    /// What happened to an object (LIDO `eventType`).
    ObjectEventKind {
        Production = "production",
        Find = "find",
        Acquisition = "acquisition",
        Restoration = "restoration",
        Use = "use",
        Exhibition = "exhibition",
        Transfer = "transfer",
        Other = "other",
    }
);

impl ObjectEventKind {
    /// The LIDO event type term (CIDOC-CRM based, as the LIDO terminology lists it).
    pub fn lido_term(self) -> &'static str {
        match self {
            ObjectEventKind::Production => "Production",
            ObjectEventKind::Find => "Finding",
            ObjectEventKind::Acquisition => "Acquisition",
            ObjectEventKind::Restoration => "Restoration",
            ObjectEventKind::Use => "Use",
            ObjectEventKind::Exhibition => "Exhibition",
            ObjectEventKind::Transfer => "Transfer",
            ObjectEventKind::Other => "Event (non-specified)",
        }
    }
}

coded_enum!(
    /// What a dimension measures.
    DimensionKind {
        Height = "height",
        Width = "width",
        Depth = "depth",
        Length = "length",
        Diameter = "diameter",
        Weight = "weight",
    }
);

coded_enum!(
    /// The unit of a dimension.
    Unit {
        Mm = "mm",
        Cm = "cm",
        M = "m",
        G = "g",
        Kg = "kg",
    }
);

impl Unit {
    fn measures_weight(self) -> bool {
        matches!(self, Unit::G | Unit::Kg)
    }
}

/// An inventory number, unique within its institution ("КП-1234/5", "T01234"): kept as written,
/// trimmed, without control characters.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "КП-1234/5")]
pub struct InventoryNumber(String);

impl InventoryNumber {
    pub const MAX_LEN: usize = 100;

    pub fn parse(field: &str, raw: &str) -> Result<InventoryNumber, FieldError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(FieldError::new(field, "required"));
        }
        if s.chars().count() > Self::MAX_LEN {
            return Err(FieldError::new(field, "too-long").with_limit(Self::MAX_LEN));
        }
        if s.chars().any(char::is_control) {
            return Err(FieldError::new(field, "control-character"));
        }
        Ok(InventoryNumber(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for InventoryNumber {
    type Error = FieldError;
    fn try_from(s: String) -> Result<Self, FieldError> {
        InventoryNumber::parse("inventory_number", &s)
    }
}

impl From<InventoryNumber> for String {
    fn from(n: InventoryNumber) -> String {
        n.0
    }
}

impl fmt::Display for InventoryNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A rights statement: a Creative Commons licence or public-domain tool, or a
/// rightsstatements.org statement. Held in the canonical `http://` form those bodies publish
/// (and IIIF requires), whichever scheme it was given in.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, format = "uri", example = "http://creativecommons.org/licenses/by-sa/4.0/")]
pub struct Rights(Url);

impl Rights {
    pub fn parse(field: &str, raw: &str) -> Result<Rights, FieldError> {
        let mut url = Url::parse(raw.trim()).map_err(|_| FieldError::new(field, "invalid-url"))?;
        if url.scheme() == "https" {
            url.set_scheme("http").expect("https → http is allowed");
        }
        let host = url.host_str().unwrap_or_default();
        let path = url.path();
        let known = url.scheme() == "http"
            && match host {
                "creativecommons.org" => {
                    path.starts_with("/licenses/") || path.starts_with("/publicdomain/")
                }
                "rightsstatements.org" => path.starts_with("/vocab/"),
                _ => false,
            };
        if !known {
            return Err(FieldError::new(field, "unknown-rights-statement"));
        }
        if !path.ends_with('/') {
            url.set_path(&format!("{path}/"));
        }
        Ok(Rights(url))
    }

    pub fn url(&self) -> &Url {
        &self.0
    }

    /// The statement's short name as its publisher writes it ("CC BY-SA 4.0", "CC0 1.0",
    /// "InC 1.0"): proper names, the same in every language.
    pub fn name(&self) -> String {
        let parts: Vec<&str> = self.0.path().split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            ["licenses", licence, version, ..] => {
                format!("CC {} {version}", licence.to_uppercase())
            }
            ["publicdomain", "zero", version, ..] => format!("CC0 {version}"),
            ["publicdomain", "mark", version, ..] => format!("Public Domain Mark {version}"),
            ["vocab", statement, version, ..] => format!("{statement} {version}"),
            _ => self.0.to_string(),
        }
    }

    /// Whether anyone may reuse the work (CC licences and public-domain tools), as opposed to a
    /// rightsstatements.org statement about restricted or unclear rights.
    pub fn is_open(&self) -> bool {
        self.0.host_str() == Some("creativecommons.org")
    }
}

impl TryFrom<String> for Rights {
    type Error = FieldError;
    fn try_from(s: String) -> Result<Self, FieldError> {
        Rights::parse("rights", &s)
    }
}

impl From<Rights> for String {
    fn from(r: Rights) -> String {
        r.0.into()
    }
}

/// When, as the curator wrote it, and the years it means (inclusive, astronomical numbering:
/// 1 BC = 0), which filters and facets use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Dating {
    pub text: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earliest: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest: Option<i32>,
    /// A named period of the period vocabulary ("early-iron-age").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Slug>,
}

impl Dating {
    fn check(&self, field: &str, errors: &mut ValidationErrors) {
        self.text.check(
            &format!("{field}.text"),
            false,
            MuseumObject::MAX_SHORT,
            errors,
        );
        match (self.earliest, self.latest) {
            (Some(e), Some(l)) if e > l => {
                errors.push(FieldError::new(format!("{field}.latest"), "reversed-range"))
            }
            (Some(_), None) | (None, Some(_)) => {
                errors.push(FieldError::new(format!("{field}.latest"), "half-range"))
            }
            _ => {}
        }
        if self.text.is_empty() && self.earliest.is_none() && self.period.is_none() {
            errors.push(FieldError::new(format!("{field}.text"), "required"));
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub kind: DimensionKind,
    pub value: f64,
    pub unit: Unit,
    /// What was measured, when it is not the whole object ("blade", "with frame").
    #[serde(default)]
    pub part: LocalizedText,
}

/// One thing that happened to an object: who, where, when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectEvent {
    pub kind: ObjectEventKind,
    /// Actor terms (people, workshops, expeditions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<Slug>,
    /// Actors named in text, not (yet) in the vocabulary.
    #[serde(default)]
    pub actors_text: LocalizedText,
    /// A place term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Slug>,
    #[serde(default)]
    pub place_text: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dating: Option<Dating>,
    #[serde(default)]
    pub note: LocalizedText,
}

/// An image of an object, by the media id the media layer gave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectImage {
    /// The image's media id (32 hex digits), of the record's own institution.
    #[schema(value_type = String)]
    pub media: MediaId,
    #[serde(default)]
    pub caption: LocalizedText,
    /// The image's own rights, when they differ from the record's (a photographer's licence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rights: Option<Rights>,
}

/// A museum object as catalogued by its institution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MuseumObject {
    pub institution: Slug,
    pub inventory_number: InventoryNumber,
    /// The institution's collection it belongs to (key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection: Option<Slug>,
    /// An object type term ("costume", "coin").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_type: Option<Slug>,
    #[serde(default)]
    pub object_type_text: LocalizedText,
    pub title: LocalizedText,
    #[serde(default)]
    pub description: LocalizedText,
    #[serde(default)]
    pub inscription: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dating: Option<Dating>,
    /// Material terms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub materials: Vec<Slug>,
    /// Technique terms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub techniques: Vec<Slug>,
    /// Materials and techniques as written ("oil paint on canvas").
    #[serde(default)]
    pub materials_text: LocalizedText,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<Dimension>,
    /// Dimensions as written, when they do not break into measurements.
    #[serde(default)]
    pub dimensions_text: LocalizedText,
    /// Culture terms ("Saka", "Kazakh").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cultures: Vec<Slug>,
    /// Production, finding, acquisition, restoration...
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<ObjectEvent>,
    /// Where it came from before the museum, as narrative.
    #[serde(default)]
    pub provenance: LocalizedText,
    #[serde(default)]
    pub credit_line: LocalizedText,
    /// Rights in the record's data and, unless an image says otherwise, its images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rights: Option<Rights>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<ObjectImage>,
    /// The same object elsewhere (an aggregator's record, a source catalogue).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<ExternalLink>,
    pub state: PublicationState,
}

impl MuseumObject {
    pub const FIELDS: &'static [&'static str] = &[
        "institution",
        "inventory_number",
        "collection",
        "object_type",
        "object_type_text",
        "title",
        "description",
        "inscription",
        "dating",
        "materials",
        "techniques",
        "materials_text",
        "dimensions",
        "dimensions_text",
        "cultures",
        "events",
        "provenance",
        "credit_line",
        "rights",
        "images",
        "links",
        "state",
    ];
    pub const MAX_SHORT: usize = 500;
    pub const MAX_TEXT: usize = 20_000;
    pub const MAX_LIST: usize = 100;

    /// The creators: actors of production events.
    pub fn creators(&self) -> impl Iterator<Item = &Slug> {
        self.events
            .iter()
            .filter(|e| e.kind == ObjectEventKind::Production)
            .flat_map(|e| &e.actors)
    }

    /// Every term the record refers to, with its vocabulary.
    pub fn terms(&self) -> Vec<(crate::vocabulary::VocabularyKind, &Slug)> {
        self.term_refs()
            .into_iter()
            .map(|(_, kind, key)| (kind, key))
            .collect()
    }

    /// Every term the record refers to, with the field that names it (`materials[1]`,
    /// `events[0].place`), so a missing term can be reported where it was written.
    pub fn term_refs(&self) -> Vec<(String, crate::vocabulary::VocabularyKind, &Slug)> {
        use crate::vocabulary::VocabularyKind as V;
        let mut terms: Vec<(String, V, &Slug)> = Vec::new();
        terms.extend(
            self.object_type
                .iter()
                .map(|t| ("object_type".to_owned(), V::ObjectType, t)),
        );
        terms.extend(listed("materials", V::Material, &self.materials));
        terms.extend(listed("techniques", V::Technique, &self.techniques));
        terms.extend(listed("cultures", V::Culture, &self.cultures));
        if let Some(period) = self.dating.as_ref().and_then(|d| d.period.as_ref()) {
            terms.push(("dating.period".to_owned(), V::Period, period));
        }
        for (i, event) in self.events.iter().enumerate() {
            if let Some(period) = event.dating.as_ref().and_then(|d| d.period.as_ref()) {
                terms.push((format!("events[{i}].dating.period"), V::Period, period));
            }
        }
        for (i, event) in self.events.iter().enumerate() {
            terms.extend(listed(
                &format!("events[{i}].actors"),
                V::Actor,
                &event.actors,
            ));
            terms.extend(
                event
                    .place
                    .iter()
                    .map(|t| (format!("events[{i}].place"), V::Place, t)),
            );
        }
        terms
    }

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.title
            .check("title", true, Self::MAX_SHORT, &mut errors);
        for (field, text) in [
            ("description", &self.description),
            ("inscription", &self.inscription),
            ("provenance", &self.provenance),
        ] {
            text.check(field, false, Self::MAX_TEXT, &mut errors);
        }
        for (field, text) in [
            ("object_type_text", &self.object_type_text),
            ("materials_text", &self.materials_text),
            ("dimensions_text", &self.dimensions_text),
            ("credit_line", &self.credit_line),
        ] {
            text.check(field, false, Self::MAX_SHORT, &mut errors);
        }
        for (field, len) in [
            ("materials", self.materials.len()),
            ("techniques", self.techniques.len()),
            ("cultures", self.cultures.len()),
            ("dimensions", self.dimensions.len()),
            ("events", self.events.len()),
            ("images", self.images.len()),
            ("links", self.links.len()),
        ] {
            if len > Self::MAX_LIST {
                errors.push(FieldError::new(field, "too-many").with_limit(Self::MAX_LIST));
            }
        }
        if let Some(dating) = &self.dating {
            dating.check("dating", &mut errors);
        }
        for (i, d) in self.dimensions.iter().enumerate() {
            if !(d.value.is_finite() && d.value > 0.0) {
                errors.push(FieldError::new(
                    format!("dimensions[{i}].value"),
                    "not-positive",
                ));
            }
            if d.unit.measures_weight() != (d.kind == DimensionKind::Weight) {
                errors.push(FieldError::new(
                    format!("dimensions[{i}].unit"),
                    "wrong-unit",
                ));
            }
        }
        for (i, e) in self.events.iter().enumerate() {
            if let Some(dating) = &e.dating {
                dating.check(&format!("events[{i}].dating"), &mut errors);
            }
            e.note.check(
                &format!("events[{i}].note"),
                false,
                Self::MAX_TEXT,
                &mut errors,
            );
        }
        for (i, image) in self.images.iter().enumerate() {
            image.caption.check(
                &format!("images[{i}].caption"),
                false,
                Self::MAX_SHORT,
                &mut errors,
            );
            if self.images[..i]
                .iter()
                .any(|other| other.media == image.media)
            {
                errors.push(FieldError::new(format!("images[{i}].media"), "duplicate"));
            }
        }
        errors.into_result(())
    }
}

fn listed<'a>(
    field: &str,
    kind: crate::vocabulary::VocabularyKind,
    keys: &'a [Slug],
) -> Vec<(String, crate::vocabulary::VocabularyKind, &'a Slug)> {
    keys.iter()
        .enumerate()
        .map(|(i, k)| (format!("{field}[{i}]"), kind, k))
        .collect()
}

/// A collection of an institution ("Ethnography", "Archaeology / Elekesazy"), nested by `parent`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Collection {
    pub institution: Slug,
    pub key: Slug,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Slug>,
    pub title: LocalizedText,
    #[serde(default)]
    pub description: LocalizedText,
}

impl Collection {
    pub const FIELDS: &'static [&'static str] =
        &["institution", "key", "parent", "title", "description"];

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.title
            .check("title", true, MuseumObject::MAX_SHORT, &mut errors);
        self.description
            .check("description", false, MuseumObject::MAX_TEXT, &mut errors);
        if self.parent.as_ref() == Some(&self.key) {
            errors.push(FieldError::new("parent", "self-reference"));
        }
        errors.into_result(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::VocabularyKind;

    fn slug(s: &str) -> Slug {
        Slug::parse("slug", s).unwrap()
    }

    fn costume() -> MuseumObject {
        MuseumObject {
            institution: slug("novopskov-museum"),
            inventory_number: InventoryNumber::parse("inventory_number", " КП-1234/5 ").unwrap(),
            collection: Some(slug("ethnography")),
            object_type: Some(slug("costume")),
            object_type_text: LocalizedText::new(),
            title: LocalizedText::new().with("uk", "Святковий жіночий костюм"),
            description: LocalizedText::new(),
            inscription: LocalizedText::new(),
            dating: Some(Dating {
                text: LocalizedText::new().with("uk", "кін. ХІХ – поч. ХХ ст."),
                earliest: Some(1880),
                latest: Some(1920),
                period: None,
            }),
            materials: vec![slug("linen"), slug("wool")],
            techniques: vec![slug("embroidery")],
            materials_text: LocalizedText::new(),
            dimensions: vec![Dimension {
                kind: DimensionKind::Length,
                value: 120.0,
                unit: Unit::Cm,
                part: LocalizedText::new(),
            }],
            dimensions_text: LocalizedText::new(),
            cultures: vec![],
            events: vec![ObjectEvent {
                kind: ObjectEventKind::Acquisition,
                actors: vec![],
                actors_text: LocalizedText::new().with("uk", "дар родини Коваленків"),
                place: Some(slug("novopskov")),
                place_text: LocalizedText::new(),
                dating: None,
                note: LocalizedText::new(),
            }],
            provenance: LocalizedText::new(),
            credit_line: LocalizedText::new(),
            rights: Some(
                Rights::parse("rights", "https://creativecommons.org/licenses/by-sa/4.0").unwrap(),
            ),
            images: vec![],
            links: vec![],
            state: PublicationState::Published,
        }
    }

    #[test]
    fn a_catalogued_costume_is_valid_and_names_its_terms() {
        let object = costume();
        object.validate().unwrap();
        assert_eq!(object.inventory_number.as_str(), "КП-1234/5");
        let terms: Vec<_> = object
            .terms()
            .into_iter()
            .map(|(k, s)| (k, s.as_str()))
            .collect();
        assert_eq!(
            terms,
            [
                (VocabularyKind::ObjectType, "costume"),
                (VocabularyKind::Material, "linen"),
                (VocabularyKind::Material, "wool"),
                (VocabularyKind::Technique, "embroidery"),
                (VocabularyKind::Place, "novopskov"),
            ]
        );
    }

    #[test]
    fn rights_are_held_in_their_canonical_form() {
        let object = costume();
        assert_eq!(
            object.rights.unwrap().url().as_str(),
            "http://creativecommons.org/licenses/by-sa/4.0/"
        );
        let statement =
            Rights::parse("rights", "http://rightsstatements.org/vocab/InC/1.0/").unwrap();
        assert!(!statement.is_open());
        assert_eq!(statement.name(), "InC 1.0");
        assert_eq!(costume().rights.unwrap().name(), "CC BY-SA 4.0");
        assert_eq!(
            Rights::parse("r", "https://creativecommons.org/publicdomain/zero/1.0/")
                .unwrap()
                .name(),
            "CC0 1.0"
        );
        for bad in [
            "https://example.org/licence",
            "not a url",
            "ftp://creativecommons.org/licenses/by/4.0/",
        ] {
            assert_eq!(
                Rights::parse("rights", bad).unwrap_err().reason,
                if bad == "not a url" {
                    "invalid-url"
                } else {
                    "unknown-rights-statement"
                },
                "{bad}"
            );
        }
    }

    #[test]
    fn broken_measurements_and_datings_are_named() {
        let mut object = costume();
        object.dimensions[0].unit = Unit::Kg;
        object.dimensions.push(Dimension {
            kind: DimensionKind::Weight,
            value: -1.0,
            unit: Unit::G,
            part: LocalizedText::new(),
        });
        object.dating.as_mut().unwrap().earliest = Some(1950);
        object.title = LocalizedText::new();
        let errors = object.validate().unwrap_err();
        for (field, reason) in [
            ("title", "required"),
            ("dimensions[0].unit", "wrong-unit"),
            ("dimensions[1].value", "not-positive"),
            ("dating.latest", "reversed-range"),
        ] {
            assert_eq!(
                errors.for_field(field).map(|e| e.reason.as_str()),
                Some(reason),
                "{field}"
            );
        }
    }

    #[test]
    fn inventory_numbers_refuse_control_characters_and_emptiness() {
        assert_eq!(
            InventoryNumber::parse("n", "  ").unwrap_err().reason,
            "required"
        );
        assert_eq!(
            InventoryNumber::parse("n", "A\u{0}1").unwrap_err().reason,
            "control-character"
        );
    }
}
