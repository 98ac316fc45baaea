//! Shared vocabularies: places, actors, periods, object types, materials, techniques and cultures,
//! each term with labels in several languages and optional links to authorities (Wikidata,
//! GeoNames, Getty AAT). Objects refer to terms by key, so a label in one language finds objects
//! catalogued in another.

use crate::event::coded_enum;
use crate::text::LocalizedText;
use crate::validation::{FieldError, Slug, ValidationErrors};
use serde::{Deserialize, Serialize};
use url::Url;

coded_enum!(
    /// Which vocabulary a term belongs to.
    VocabularyKind {
        Place = "place",
        Actor = "actor",
        Period = "period",
        ObjectType = "object_type",
        Material = "material",
        Technique = "technique",
        Culture = "culture",
    }
);

/// A point on the earth (WGS 84 degrees).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Coordinates {
    pub lat: f64,
    pub lon: f64,
}

/// An authority that names the same thing (what aggregators link on).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    Wikidata,
    Geonames,
    GettyAat,
    GettyTgn,
    GettyUlan,
    Other,
}

impl Authority {
    /// Which authority a URI belongs to, by its host and path.
    pub fn of(url: &Url) -> Authority {
        let host = url.host_str().unwrap_or_default();
        let path = url.path();
        match host {
            "www.wikidata.org" | "wikidata.org" => Authority::Wikidata,
            "sws.geonames.org" | "www.geonames.org" | "geonames.org" => Authority::Geonames,
            "vocab.getty.edu" if path.starts_with("/aat/") || path.starts_with("/page/aat/") => {
                Authority::GettyAat
            }
            "vocab.getty.edu" if path.starts_with("/tgn/") || path.starts_with("/page/tgn/") => {
                Authority::GettyTgn
            }
            "vocab.getty.edu" if path.starts_with("/ulan/") || path.starts_with("/page/ulan/") => {
                Authority::GettyUlan
            }
            _ => Authority::Other,
        }
    }
}

/// One term of a vocabulary, addressed by (`kind`, `key`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub kind: VocabularyKind,
    pub key: Slug,
    pub label: LocalizedText,
    /// Other names people search by (spelling variants, former names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alt_labels: Vec<LocalizedText>,
    #[serde(default)]
    pub note: LocalizedText,
    /// The same thing in authorities (Wikidata, GeoNames, Getty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<String>)]
    pub links: Vec<Url>,
    /// The broader term of the same vocabulary (a district's region, a material's family).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broader: Option<Slug>,
    /// Places only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<Coordinates>,
    /// Periods only: the years the period spans, inclusive, astronomical numbering (1 BC = 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<(i32, i32)>,
}

impl Term {
    pub const MAX_LABEL: usize = 300;
    pub const MAX_ALT_LABELS: usize = 50;
    pub const FIELDS: &'static [&'static str] = &[
        "kind",
        "key",
        "label",
        "alt_labels",
        "note",
        "links",
        "broader",
        "coordinates",
        "years",
    ];

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.label
            .check("label", true, Self::MAX_LABEL, &mut errors);
        if self.alt_labels.len() > Self::MAX_ALT_LABELS {
            errors.push(FieldError::new("alt_labels", "too-many").with_limit(Self::MAX_ALT_LABELS));
        }
        for (i, alt) in self.alt_labels.iter().enumerate() {
            alt.check(
                &format!("alt_labels[{i}]"),
                true,
                Self::MAX_LABEL,
                &mut errors,
            );
        }
        for (i, link) in self.links.iter().enumerate() {
            if !matches!(link.scheme(), "http" | "https") {
                errors.push(FieldError::new(format!("links[{i}]"), "not-http"));
            }
        }
        if self.broader.as_ref() == Some(&self.key) {
            errors.push(FieldError::new("broader", "self-reference"));
        }
        if let Some(c) = self.coordinates {
            if self.kind != VocabularyKind::Place {
                errors.push(FieldError::new("coordinates", "places-only"));
            }
            if !(-90.0..=90.0).contains(&c.lat) {
                errors.push(FieldError::new("coordinates.lat", "out-of-range"));
            }
            if !(-180.0..=180.0).contains(&c.lon) {
                errors.push(FieldError::new("coordinates.lon", "out-of-range"));
            }
        }
        if let Some((earliest, latest)) = self.years {
            if self.kind != VocabularyKind::Period {
                errors.push(FieldError::new("years", "periods-only"));
            }
            if earliest > latest {
                errors.push(FieldError::new("years", "reversed-range"));
            }
        }
        errors.into_result(())
    }

    /// Every label in every language, for matching a query against the vocabulary.
    pub fn all_labels(&self) -> impl Iterator<Item = &str> {
        std::iter::once(&self.label)
            .chain(&self.alt_labels)
            .flat_map(|t| t.iter().map(|(_, s)| s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place() -> Term {
        Term {
            kind: VocabularyKind::Place,
            key: Slug::parse("key", "elekesazy").unwrap(),
            label: LocalizedText::new()
                .with("kk-Cyrl", "Елекесазы")
                .with("ru", "Елекесазы"),
            alt_labels: vec![LocalizedText::new().with("kk-Latn", "Elekesazy")],
            note: LocalizedText::new(),
            links: vec![Url::parse("https://www.wikidata.org/wiki/Q1").unwrap()],
            broader: None,
            coordinates: Some(Coordinates {
                lat: 49.1,
                lon: 86.5,
            }),
            years: None,
        }
    }

    #[test]
    fn a_valid_place_passes_and_lists_its_labels_in_every_language() {
        let term = place();
        term.validate().unwrap();
        let labels: Vec<&str> = term.all_labels().collect();
        assert_eq!(labels, ["Елекесазы", "Елекесазы", "Elekesazy"]);
        assert_eq!(Authority::of(&term.links[0]), Authority::Wikidata);
    }

    #[test]
    fn coordinates_and_years_belong_to_their_vocabularies() {
        let mut term = place();
        term.kind = VocabularyKind::Material;
        term.years = Some((10, 5));
        term.coordinates = Some(Coordinates {
            lat: 91.0,
            lon: 0.0,
        });
        let errors = term.validate().unwrap_err();
        for (field, reason) in [
            ("coordinates", "places-only"),
            ("coordinates.lat", "out-of-range"),
            ("years", "periods-only"),
        ] {
            assert_eq!(
                errors.for_field(field).map(|e| e.reason.as_str()),
                Some(reason),
                "{field}"
            );
        }
    }

    #[test]
    fn getty_links_are_told_apart_by_path() {
        for (url, authority) in [
            ("http://vocab.getty.edu/aat/300014078", Authority::GettyAat),
            ("http://vocab.getty.edu/tgn/7011781", Authority::GettyTgn),
            ("https://sws.geonames.org/1526384/", Authority::Geonames),
            ("https://example.org/x", Authority::Other),
        ] {
            assert_eq!(Authority::of(&Url::parse(url).unwrap()), authority, "{url}");
        }
    }
}
