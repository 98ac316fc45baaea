//! Exhibitions (permanent, temporary, travelling, virtual, single-object, banner), with sections
//! that show objects, an itinerary of venues for those that travel, and object stories ("the
//! exhibit tells..."): short narrative pages, each about one object.
//!
//! Objects are referred to by (institution, inventory number): what a curator knows and a record
//! bundle can write, and what stays true when an object is re-imported.

use crate::collection::{InventoryNumber, ObjectImage, PublicationState};
use crate::event::{ExternalLink, Party, coded_enum};
use crate::lang::LangTag;
use crate::text::LocalizedText;
use crate::validation::{FieldError, Slug, ValidationErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

coded_enum!(
    /// What kind of show an exhibition is.
    ExhibitionKind {
        Permanent = "permanent",
        Temporary = "temporary",
        Travelling = "travelling",
        Virtual = "virtual",
        SingleObject = "single_object",
        Banner = "banner",
    }
);

/// A museum object, by its institution and inventory number.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(deny_unknown_fields)]
pub struct ObjectRef {
    pub institution: Slug,
    pub inventory_number: InventoryNumber,
}

/// An object as an exhibition shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExhibitedObject {
    pub object: ObjectRef,
    /// The exhibition's own label for it, when it differs from the record's title.
    #[serde(default)]
    pub caption: LocalizedText,
    /// Shown first and larger: the exhibition's highlights.
    #[serde(default)]
    pub highlight: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub key: Slug,
    pub title: LocalizedText,
    #[serde(default)]
    pub text: LocalizedText,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objects: Vec<ExhibitedObject>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Curator {
    pub name: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution: Option<Slug>,
}

/// One stop of a travelling exhibition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Stop {
    /// The host institution, when it is in Kolo (its page then lists the exhibition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution: Option<Slug>,
    /// The venue's name, for hosts not in Kolo (or to name a branch).
    #[serde(default)]
    pub venue: LocalizedText,
    #[serde(default)]
    pub city: LocalizedText,
    #[schema(value_type = String, format = "date")]
    pub opens_on: NaiveDate,
    #[schema(value_type = String, format = "date")]
    pub closes_on: NaiveDate,
}

/// Where a stop stands relative to a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopTime {
    Past,
    Current,
    Upcoming,
}

impl Stop {
    pub fn time_on(&self, day: NaiveDate) -> StopTime {
        if day < self.opens_on {
            StopTime::Upcoming
        } else if day > self.closes_on {
            StopTime::Past
        } else {
            StopTime::Current
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Exhibition {
    pub slug: Slug,
    pub kind: ExhibitionKind,
    #[schema(value_type = String, example = "uk")]
    pub original_lang: LangTag,
    pub title: LocalizedText,
    #[serde(default)]
    pub summary: LocalizedText,
    #[serde(default)]
    pub description: LocalizedText,
    /// Institutions that run it; their staff edit it.
    pub hosts: Vec<Slug>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisers: Vec<Party>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<Party>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub curators: Vec<Curator>,
    /// Networks and projects it belongs to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub networks: Vec<Slug>,
    /// For a show at its hosts; a travelling one has its dates in `itinerary`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = "date")]
    pub opens_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = "date")]
    pub closes_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub itinerary: Vec<Stop>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Events that belong to it: the opening, a press conference, a lecture.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Slug>,
    /// Posters, views of the halls, banners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<ObjectImage>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<ExternalLink>,
    pub state: PublicationState,
}

impl Exhibition {
    pub const MAX_TITLE: usize = 300;
    pub const MAX_TEXT: usize = 50_000;
    pub const MAX_OBJECTS: usize = 2_000;

    /// Every object the exhibition shows, in section order, each once.
    pub fn objects(&self) -> Vec<&ObjectRef> {
        let mut seen = std::collections::BTreeSet::new();
        self.sections
            .iter()
            .flat_map(|s| &s.objects)
            .map(|o| &o.object)
            .filter(|o| seen.insert(*o))
            .collect()
    }

    /// The itinerary split into past, current and upcoming stops on `day`.
    pub fn stops_on(&self, day: NaiveDate) -> [Vec<&Stop>; 3] {
        let mut split: [Vec<&Stop>; 3] = Default::default();
        for stop in &self.itinerary {
            let slot = match stop.time_on(day) {
                StopTime::Past => 0,
                StopTime::Current => 1,
                StopTime::Upcoming => 2,
            };
            split[slot].push(stop);
        }
        split
    }

    /// The first and last day it can be seen anywhere, if known.
    pub fn span(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let opens = self.itinerary.iter().map(|s| s.opens_on).min();
        let closes = self.itinerary.iter().map(|s| s.closes_on).max();
        (opens.or(self.opens_on), closes.or(self.closes_on))
    }

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.title
            .check("title", true, Self::MAX_TITLE, &mut errors);
        self.summary.check("summary", false, 1_000, &mut errors);
        self.description
            .check("description", false, Self::MAX_TEXT, &mut errors);
        if self.hosts.is_empty() {
            errors.push(FieldError::new("hosts", "required"));
        }
        if let (Some(opens), Some(closes)) = (self.opens_on, self.closes_on)
            && closes < opens
        {
            errors.push(FieldError::new("closes_on", "ends-before-start"));
        }
        if self.kind == ExhibitionKind::Travelling && self.itinerary.is_empty() {
            errors.push(FieldError::new("itinerary", "required"));
        }
        for (i, stop) in self.itinerary.iter().enumerate() {
            if stop.closes_on < stop.opens_on {
                errors.push(FieldError::new(
                    format!("itinerary[{i}].closes_on"),
                    "ends-before-start",
                ));
            }
            if stop.institution.is_none() && stop.venue.is_empty() {
                errors.push(FieldError::new(format!("itinerary[{i}].venue"), "required"));
            }
            if i > 0 && stop.opens_on <= self.itinerary[i - 1].closes_on {
                errors.push(FieldError::new(
                    format!("itinerary[{i}].opens_on"),
                    "overlaps-previous-stop",
                ));
            }
        }
        let mut keys = std::collections::BTreeSet::new();
        let mut shown = 0;
        for (i, section) in self.sections.iter().enumerate() {
            if !keys.insert(section.key.as_str()) {
                errors.push(FieldError::new(format!("sections[{i}].key"), "duplicate"));
            }
            section.title.check(
                &format!("sections[{i}].title"),
                true,
                Self::MAX_TITLE,
                &mut errors,
            );
            section.text.check(
                &format!("sections[{i}].text"),
                false,
                Self::MAX_TEXT,
                &mut errors,
            );
            shown += section.objects.len();
        }
        if shown > Self::MAX_OBJECTS {
            errors.push(FieldError::new("sections", "too-many").with_limit(Self::MAX_OBJECTS));
        }
        if self.kind == ExhibitionKind::SingleObject && self.objects().len() != 1 {
            errors.push(FieldError::new("sections", "single-object-needs-one"));
        }
        errors.into_result(())
    }
}

/// A short narrative page about one object, one of a numbered series ("the exhibit tells...").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Story {
    pub slug: Slug,
    pub institution: Slug,
    /// The series it belongs to, named by the series' own story pages ("the-exhibit-tells").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<Slug>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    pub object: ObjectRef,
    pub title: LocalizedText,
    pub body: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = "date")]
    pub published_on: Option<NaiveDate>,
    pub state: PublicationState,
}

impl Story {
    pub const MAX_BODY: usize = 20_000;

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.title
            .check("title", true, Exhibition::MAX_TITLE, &mut errors);
        self.body.check("body", true, Self::MAX_BODY, &mut errors);
        if self.number.is_some() && self.series.is_none() {
            errors.push(FieldError::new("number", "needs-series"));
        }
        errors.into_result(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(s: &str) -> Slug {
        Slug::parse("slug", s).unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn stop(institution: &str, opens: &str, closes: &str) -> Stop {
        Stop {
            institution: Some(slug(institution)),
            venue: LocalizedText::new(),
            city: LocalizedText::new(),
            opens_on: day(opens),
            closes_on: day(closes),
        }
    }

    fn touring() -> Exhibition {
        let object = |n: &str| ExhibitedObject {
            object: ObjectRef {
                institution: slug("national-museum-of-kazakhstan"),
                inventory_number: InventoryNumber::parse("n", n).unwrap(),
            },
            caption: LocalizedText::new(),
            highlight: false,
        };
        Exhibition {
            slug: slug("golden-man-world-tour"),
            kind: ExhibitionKind::Travelling,
            original_lang: "kk-Cyrl".parse().unwrap(),
            title: LocalizedText::new().with("kk-Cyrl", "Алтын адамның әлем музейлеріне шеруі"),
            summary: LocalizedText::new(),
            description: LocalizedText::new(),
            hosts: vec![slug("national-museum-of-kazakhstan")],
            organisers: vec![],
            partners: vec![],
            curators: vec![],
            networks: vec![],
            opens_on: None,
            closes_on: None,
            itinerary: vec![
                stop("a-museum", "2023-01-10", "2023-03-31"),
                stop("b-museum", "2023-05-01", "2023-08-31"),
                stop("c-museum", "2023-10-01", "2024-01-31"),
            ],
            sections: vec![
                Section {
                    key: slug("finds"),
                    title: LocalizedText::new().with("en", "Finds"),
                    text: LocalizedText::new(),
                    objects: vec![object("КП-1"), object("КП-2")],
                },
                Section {
                    key: slug("costume"),
                    title: LocalizedText::new().with("en", "Costume"),
                    text: LocalizedText::new(),
                    objects: vec![object("КП-2"), object("КП-3")],
                },
            ],
            events: vec![],
            images: vec![],
            links: vec![],
            state: PublicationState::Published,
        }
    }

    #[test]
    fn a_travelling_show_knows_where_it_was_is_and_will_be() {
        let show = touring();
        show.validate().unwrap();
        let [past, current, next] = show.stops_on(day("2023-06-15"));
        let names = |stops: Vec<&Stop>| -> Vec<String> {
            stops
                .iter()
                .map(|s| s.institution.as_ref().unwrap().to_string())
                .collect()
        };
        assert_eq!(names(past), ["a-museum"]);
        assert_eq!(names(current), ["b-museum"]);
        assert_eq!(names(next), ["c-museum"]);
        assert_eq!(
            show.span(),
            (Some(day("2023-01-10")), Some(day("2024-01-31")))
        );
        let shown: Vec<&str> = show
            .objects()
            .iter()
            .map(|o| o.inventory_number.as_str())
            .collect();
        assert_eq!(shown, ["КП-1", "КП-2", "КП-3"]);
    }

    #[test]
    fn itinerary_and_kind_rules_name_the_field() {
        let mut show = touring();
        show.itinerary[1].opens_on = day("2023-03-01");
        show.itinerary[2].closes_on = day("2023-09-01");
        show.sections[1].key = slug("finds");
        show.kind = ExhibitionKind::SingleObject;
        let errors = show.validate().unwrap_err();
        for (field, reason) in [
            ("itinerary[1].opens_on", "overlaps-previous-stop"),
            ("itinerary[2].closes_on", "ends-before-start"),
            ("sections[1].key", "duplicate"),
            ("sections", "single-object-needs-one"),
        ] {
            assert_eq!(
                errors.for_field(field).map(|e| e.reason.as_str()),
                Some(reason),
                "{field}"
            );
        }
        show.kind = ExhibitionKind::Travelling;
        show.itinerary.clear();
        let errors = show.validate().unwrap_err();
        assert_eq!(
            errors.for_field("itinerary").map(|e| e.reason.as_str()),
            Some("required")
        );
    }
}
