//! The Tate collection's published JSON (`artworks.jsonl[.gz]`, `artists.jsonl[.gz]`: one record
//! a line, as tategallery/collection publishes them), read as a stream: 70,000 artworks never sit
//! in memory together; the 3,500 artists do, as terms.
//!
//! `acno` is the inventory number; `title`, `medium` (materials as written), `dimensions` (as
//! written) and `classification` (object type as written) are English texts; `dateText` and
//! `dateRange` make the dating; `height`/`width`/`depth` in `units` make dimensions (the
//! published height and width are each other's, so they are swapped back);
//! contributors with the role `artist` are the production's actors (terms keyed
//! `{name}-{tate id}`, as Tate's own artist URLs are, linking that URL when the artists file
//! has it), other roles go into its `actors_text` ("after Joseph Mallord William Turner");
//! `acquisitionYear` dates an acquisition; `creditLine` is the credit line; the record's Tate
//! page and its thumbnail are links (their copyright in the label).
//!
//! Rights: Tate releases this metadata under CC0 (the dataset's `LICENCE`), so the record's rights
//! are CC0. That says nothing about the works or their images, which Tate does not license: the
//! thumbnail stays a link, never an image of the record.

use crate::objects::{ImportedObject, slugify};
use kolo_domain::collection::{
    Dating, Dimension, DimensionKind, InventoryNumber, MuseumObject, ObjectEvent, ObjectEventKind,
    PublicationState, Rights, Unit,
};
use kolo_domain::event::ExternalLink;
use kolo_domain::vocabulary::{Term, VocabularyKind};
use kolo_domain::{LocalizedText, Slug};
use serde::Deserialize;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use url::Url;

pub const CC0: &str = "http://creativecommons.org/publicdomain/zero/1.0/";

/// Why a Tate file or record could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
pub struct TateError {
    pub file: String,
    pub line: Option<u64>,
    pub message: String,
}

#[derive(Deserialize)]
struct Artist {
    id: u64,
    fc: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Deserialize)]
struct Contributor {
    id: u64,
    fc: String,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

/// Years are numbers, or strings of one ("2006"), or words ("no date").
#[derive(Deserialize)]
struct DateRange {
    #[serde(rename = "startYear")]
    start: Option<serde_json::Value>,
    #[serde(rename = "endYear")]
    end: Option<serde_json::Value>,
}

fn year(value: Option<&serde_json::Value>) -> Option<i32> {
    match value? {
        serde_json::Value::Number(n) => n.as_i64().and_then(|n| i32::try_from(n).ok()),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Artwork {
    id: u64,
    acno: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date_text: Option<String>,
    #[serde(default)]
    date_range: Option<DateRange>,
    #[serde(default)]
    medium: Option<String>,
    #[serde(default)]
    dimensions: Option<String>,
    #[serde(default)]
    classification: Option<String>,
    #[serde(default)]
    inscription: Option<String>,
    #[serde(default)]
    credit_line: Option<String>,
    #[serde(default)]
    acquisition_year: Option<serde_json::Value>,
    #[serde(default)]
    contributors: Vec<Contributor>,
    #[serde(default)]
    height: Option<String>,
    #[serde(default)]
    width: Option<String>,
    #[serde(default)]
    depth: Option<String>,
    #[serde(default)]
    units: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    thumbnail_url: Option<String>,
    #[serde(default)]
    thumbnail_copyright: Option<String>,
}

fn en(text: Option<&str>) -> LocalizedText {
    let mut t = LocalizedText::new();
    if let Some(text) = text {
        t.set("en".parse().expect("literal tag"), text);
    }
    t
}

/// A file's lines, gunzipped when it starts with gzip's magic bytes.
fn lines(path: &Path) -> Result<Box<dyn BufRead>, TateError> {
    let fail = |e: std::io::Error| TateError {
        file: path.display().to_string(),
        line: None,
        message: e.to_string(),
    };
    let mut file = BufReader::new(File::open(path).map_err(fail)?);
    let gzip = file.fill_buf().map_err(fail)?.starts_with(&[0x1f, 0x8b]);
    Ok(if gzip {
        Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(file)))
    } else {
        Box::new(file)
    })
}

/// `name.jsonl.gz`, else `name.jsonl`, in `dir`.
fn find(dir: &Path, name: &str) -> Option<PathBuf> {
    [format!("{name}.jsonl.gz"), format!("{name}.jsonl")]
        .into_iter()
        .map(|f| dir.join(f))
        .find(|p| p.is_file())
}

fn artist_term(id: u64, name: &str, date: Option<&str>, url: Option<Url>) -> Option<Term> {
    Some(Term {
        kind: VocabularyKind::Actor,
        key: slugify(&format!("{name} {id}"))?,
        label: en(Some(name)),
        alt_labels: vec![],
        note: en(date),
        links: url.into_iter().collect(),
        broader: None,
        coordinates: None,
        years: None,
    })
}

/// The artists file as actor terms by Tate id.
pub fn read_artists(reader: impl BufRead, file: &str) -> Result<HashMap<u64, Term>, TateError> {
    let mut artists = HashMap::new();
    for (i, line) in reader.lines().enumerate() {
        let fail = |message: String| TateError {
            file: file.to_owned(),
            line: Some(i as u64 + 1),
            message,
        };
        let line = line.map_err(|e| fail(e.to_string()))?;
        if line.trim().is_empty() {
            continue;
        }
        let a: Artist = serde_json::from_str(&line).map_err(|e| fail(e.to_string()))?;
        let url = a.url.as_deref().and_then(|u| Url::parse(u).ok());
        if let Some(term) = artist_term(a.id, &a.fc, a.date.as_deref(), url) {
            artists.insert(a.id, term);
        }
    }
    Ok(artists)
}

/// The artworks of a Tate file, one [`ImportedObject`] (or error) a line.
pub struct Artworks {
    lines: std::iter::Enumerate<std::io::Lines<Box<dyn BufRead>>>,
    file: String,
    artists: HashMap<u64, Term>,
    institution: Slug,
}

/// Opens a Tate dataset: a folder holding `artworks.jsonl[.gz]` and `artists.jsonl[.gz]`, or an
/// artworks file (with the artists file beside it, if there is one).
pub fn open(path: &Path, institution: &Slug) -> Result<Artworks, TateError> {
    let (artworks, dir) = if path.is_dir() {
        let artworks = find(path, "artworks").ok_or_else(|| TateError {
            file: path.display().to_string(),
            line: None,
            message: "no artworks.jsonl.gz or artworks.jsonl in this folder".into(),
        })?;
        (artworks, path.to_owned())
    } else {
        (
            path.to_owned(),
            path.parent().unwrap_or(Path::new(".")).to_owned(),
        )
    };
    let artists = match find(&dir, "artists") {
        Some(file) => read_artists(lines(&file)?, &file.display().to_string())?,
        None => HashMap::new(),
    };
    Ok(Artworks::new(
        lines(&artworks)?,
        &artworks.display().to_string(),
        artists,
        institution,
    ))
}

impl Artworks {
    pub fn new(
        reader: Box<dyn BufRead>,
        file: &str,
        artists: HashMap<u64, Term>,
        institution: &Slug,
    ) -> Artworks {
        Artworks {
            lines: reader.lines().enumerate(),
            file: file.to_owned(),
            artists,
            institution: institution.clone(),
        }
    }

    fn artwork(&self, a: Artwork) -> Result<ImportedObject, String> {
        let inventory_number =
            InventoryNumber::parse("acno", &a.acno).map_err(|e| e.to_string())?;
        let mut terms: Vec<Term> = Vec::new();
        let mut actors = Vec::new();
        let mut others = Vec::new();
        for c in &a.contributors {
            match c.role.as_deref().unwrap_or("artist") {
                "artist" => {
                    let term = self
                        .artists
                        .get(&c.id)
                        .cloned()
                        .or_else(|| artist_term(c.id, &c.fc, c.date.as_deref(), None));
                    if let Some(term) = term
                        && !actors.contains(&term.key)
                    {
                        actors.push(term.key.clone());
                        terms.push(term);
                    }
                }
                role => others.push(format!("{role} {}", c.fc)),
            }
        }
        let mut events = Vec::new();
        if !actors.is_empty() || !others.is_empty() {
            events.push(ObjectEvent {
                kind: ObjectEventKind::Production,
                actors,
                actors_text: en(Some(&others.join("; "))),
                place: None,
                place_text: LocalizedText::new(),
                dating: None,
                note: LocalizedText::new(),
            });
        }
        if let Some(year) = year(a.acquisition_year.as_ref()) {
            events.push(ObjectEvent {
                kind: ObjectEventKind::Acquisition,
                actors: vec![],
                actors_text: LocalizedText::new(),
                place: None,
                place_text: LocalizedText::new(),
                dating: Some(Dating {
                    text: LocalizedText::new(),
                    earliest: Some(year),
                    latest: Some(year),
                    period: None,
                }),
                note: LocalizedText::new(),
            });
        }
        let range = a.date_range.as_ref();
        let (earliest, latest) = match range.and_then(|r| year(r.start.as_ref())) {
            Some(start) => {
                let end = range.and_then(|r| year(r.end.as_ref())).unwrap_or(start);
                (Some(start), Some(end.max(start)))
            }
            None => (None, None),
        };
        let text = en(a.date_text.as_deref());
        let dating = (!text.is_empty() || earliest.is_some()).then_some(Dating {
            text,
            earliest,
            latest,
            period: None,
        });
        let mut dimensions = Vec::new();
        if a.units.as_deref() == Some("mm") {
            // The published `height` and `width` are each other's (tategallery/collection#35,
            // acknowledged by Tate): `dimensions` says "394 x 419 mm", height first, with
            // `height` 419.
            for (kind, value) in [
                (DimensionKind::Height, &a.width),
                (DimensionKind::Width, &a.height),
                (DimensionKind::Depth, &a.depth),
            ] {
                if let Some(value) = value.as_deref().and_then(|v| v.trim().parse::<f64>().ok())
                    && value > 0.0
                {
                    dimensions.push(Dimension {
                        kind,
                        value,
                        unit: Unit::Mm,
                        part: LocalizedText::new(),
                    });
                }
            }
        }
        let mut links = Vec::new();
        if let Some(url) = a.url.as_deref().and_then(|u| Url::parse(u).ok()) {
            links.push(ExternalLink {
                label: en(Some("Tate")),
                url,
            });
        }
        if let Some(url) = a.thumbnail_url.as_deref().and_then(|u| Url::parse(u).ok()) {
            let label = match a.thumbnail_copyright.as_deref() {
                Some(c) if !c.trim().is_empty() => format!("Thumbnail ({})", c.trim()),
                _ => "Thumbnail".into(),
            };
            links.push(ExternalLink {
                label: en(Some(&label)),
                url,
            });
        }
        let object = MuseumObject {
            institution: self.institution.clone(),
            inventory_number,
            collection: None,
            object_type: None,
            object_type_text: en(a.classification.as_deref()),
            title: en(a.title.as_deref()),
            description: LocalizedText::new(),
            inscription: en(a.inscription.as_deref()),
            dating,
            materials: vec![],
            techniques: vec![],
            materials_text: en(a.medium.as_deref()),
            dimensions,
            dimensions_text: en(a.dimensions.as_deref()),
            cultures: vec![],
            events,
            provenance: LocalizedText::new(),
            credit_line: en(a.credit_line.as_deref()),
            rights: Some(Rights::parse("rights", CC0).expect("CC0 is a known statement")),
            images: vec![],
            links,
            state: PublicationState::Draft,
        };
        object.validate().map_err(|e| e.to_string())?;
        Ok(ImportedObject {
            source_id: Some(a.id.to_string()),
            object,
            terms,
        })
    }
}

impl Iterator for Artworks {
    type Item = Result<ImportedObject, TateError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let (i, line) = self.lines.next()?;
            let fail = |message: String| TateError {
                file: self.file.clone(),
                line: Some(i as u64 + 1),
                message,
            };
            let line = match line {
                Ok(line) if line.trim().is_empty() => continue,
                Ok(line) => line,
                Err(e) => return Some(Err(fail(e.to_string()))),
            };
            return Some(
                serde_json::from_str::<Artwork>(&line)
                    .map_err(|e| e.to_string())
                    .and_then(|a| self.artwork(a))
                    .map_err(fail),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_artwork_maps_its_artists_dates_and_measurements() {
        let artists = read_artists(
            r#"{"id":38,"fc":"Robert Blake","date":"1762–1787","url":"http://www.tate.org.uk/art/artists/robert-blake-38"}"#
                .as_bytes(),
            "artists",
        )
        .unwrap();
        let line = r#"{"acno":"A00001","acquisitionYear":1922,"contributors":[{"id":38,"fc":"Robert Blake","role":"artist"},{"id":558,"fc":"Joseph Mallord William Turner","role":"after"}],"creditLine":"Presented by Mrs John Richmond 1922","dateRange":{"startYear":1764,"endYear":1796,"text":"1764-96"},"dateText":"1764–96","depth":"","dimensions":"support: 394 x 419 mm","height":"419","id":1035,"medium":"Watercolour on paper","thumbnailUrl":"http://www.tate.org.uk/art/images/work/A/A00/A00001_8.jpg","title":"A Figure","units":"mm","width":"394"}
not json
"#;
        let museum = Slug::parse("s", "tate").unwrap();
        let mut rows = Artworks::new(Box::new(line.as_bytes()), "artworks", artists, &museum);
        let first = rows.next().unwrap().unwrap();
        let o = &first.object;
        assert_eq!(o.inventory_number.as_str(), "A00001");
        assert_eq!(first.terms[0].key.as_str(), "robert-blake-38");
        assert_eq!(first.terms[0].note.get("en"), Some("1762–1787"));
        let production = &o.events[0];
        assert_eq!(production.actors[0].as_str(), "robert-blake-38");
        assert_eq!(
            production.actors_text.get("en"),
            Some("after Joseph Mallord William Turner")
        );
        let dating = o.dating.as_ref().unwrap();
        assert_eq!((dating.earliest, dating.latest), (Some(1764), Some(1796)));
        assert_eq!(
            (o.dimensions[0].kind, o.dimensions[0].value),
            (DimensionKind::Height, 394.0)
        );
        assert_eq!(o.dimensions.len(), 2);
        assert_eq!(o.rights.as_ref().unwrap().url().as_str(), CC0);
        let e = rows.next().unwrap().unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(rows.next().is_none());
    }
}
