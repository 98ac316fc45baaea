//! What the museum-object formats share: the record a writer renders ([`ObjectRecordView`]),
//! the record a reader produces ([`ImportedObject`]), and vocabulary term keys derived the same
//! way by every reader ([`term_key`], [`TermSet`]).
//!
//! A term's key comes from the first authority among its links, in the order Wikidata, Getty
//! (AAT, TGN, ULAN), GeoNames, GND (`wikidata-q1194`, `aat-300014109`, `geonames-2940669`,
//! `gnd-4044522-7`); without one, from its label transliterated to ASCII (`Büsum` → `busum`,
//! `Святковий костюм` → `sviatkovii-kostium`), in English if it has one, else in the first
//! language by tag. So one thing read from two files, or read back from what Kolo wrote, gets
//! one key.

use kolo_domain::collection::{MuseumObject, Rights};
use kolo_domain::vocabulary::{Term, VocabularyKind};
use kolo_domain::{Institution, LocalizedText, Slug};
use std::collections::BTreeMap;
use url::Url;

/// One object as a writer renders it: the record with the terms it refers to resolved, and what
/// only the platform knows (its institution, its public page, its images' URLs).
#[derive(Debug, Clone, Copy)]
pub struct ObjectRecordView<'a> {
    pub object: &'a MuseumObject,
    /// The terms the object refers to; a key with no term here is written as the bare key.
    pub terms: &'a [Term],
    pub institution: &'a Institution,
    /// The object's public page.
    pub record_url: &'a Url,
    /// The record's identifier as harvesters see it (the OAI identifier).
    pub record_id: &'a str,
    pub images: &'a [ImageView],
    /// The object's IIIF Presentation manifest.
    pub manifest_url: Option<&'a Url>,
}

/// An image as published: its full-size URL (IIIF `full/max`), caption, and rights when they
/// differ from the record's.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageView {
    pub url: Url,
    pub caption: LocalizedText,
    pub rights: Option<Rights>,
}

impl ObjectRecordView<'_> {
    pub fn term(&self, kind: VocabularyKind, key: &Slug) -> Option<&Term> {
        self.terms.iter().find(|t| t.kind == kind && &t.key == key)
    }

    /// The term's label in every language, or the bare key (in the institution's language)
    /// when the term is not resolved.
    pub fn label(&self, kind: VocabularyKind, key: &Slug) -> LocalizedText {
        match self.term(kind, key) {
            Some(term) => term.label.clone(),
            None => {
                let mut label = LocalizedText::new();
                label.set(self.institution.original_lang.clone(), key.as_str());
                label
            }
        }
    }
}

/// One object read from a file, with the terms it refers to (each once).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedObject {
    /// The source's own identifier of the record (LIDO `lidoRecID`, Tate `id`), for reports.
    pub source_id: Option<String>,
    pub object: MuseumObject,
    pub terms: Vec<Term>,
}

/// The key of a term with these links and this label (see the module doc); `None` when neither
/// gives one (a label of punctuation only).
pub fn term_key(links: &[Url], label: &LocalizedText) -> Option<Slug> {
    const ORDER: [&str; 6] = ["wikidata", "aat", "tgn", "ulan", "geonames", "gnd"];
    let from_authority = ORDER.iter().find_map(|wanted| {
        links
            .iter()
            .filter_map(authority_id)
            .find(|(authority, _)| authority == wanted)
            .map(|(authority, id)| format!("{authority}-{id}"))
    });
    let raw = from_authority.or_else(|| {
        label
            .get("en")
            .or_else(|| label.iter().next().map(|(_, text)| text))
            .map(str::to_owned)
    })?;
    slugify(&raw)
}

/// The authority and the id it gives the thing: (`gnd`, `4044522-7`).
fn authority_id(url: &Url) -> Option<(&'static str, String)> {
    let host = url.host_str()?.trim_start_matches("www.");
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    let last = segments.last()?.to_ascii_lowercase();
    match (host, segments.as_slice()) {
        ("wikidata.org", [.., _]) if last.starts_with('q') => Some(("wikidata", last)),
        ("vocab.getty.edu", [.., vocab, _]) => match *vocab {
            "aat" => Some(("aat", last)),
            "tgn" => Some(("tgn", last)),
            "ulan" => Some(("ulan", last)),
            _ => None,
        },
        ("sws.geonames.org" | "geonames.org", [id, ..]) => Some(("geonames", id.to_string())),
        ("d-nb.info", ["gnd", id, ..]) => Some(("gnd", id.to_ascii_lowercase())),
        _ => None,
    }
}

/// `raw` transliterated to ASCII, lower case, runs of other characters as one hyphen, cut to
/// [`Slug::MAX_LEN`] at a hyphen where it can be.
pub fn slugify(raw: &str) -> Option<Slug> {
    let ascii = deunicode::deunicode(raw).to_ascii_lowercase();
    let mut slug = String::new();
    // Apostrophes mark softness in transliterated Cyrillic (`l'on`): not a word break.
    for c in ascii.chars().filter(|c| !matches!(c, '\'' | '`')) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    if slug.len() > Slug::MAX_LEN {
        let cut = slug[..=Slug::MAX_LEN].rfind('-').unwrap_or(Slug::MAX_LEN);
        slug.truncate(cut);
    }
    Slug::parse("key", slug.trim_end_matches('-')).ok()
}

/// Terms gathered from many records, one per (kind, key): a term seen again adds the labels,
/// alternative labels and links it did not have yet.
#[derive(Debug, Default)]
pub struct TermSet(BTreeMap<(&'static str, Slug), Term>);

impl TermSet {
    pub fn insert(&mut self, term: Term) {
        match self.0.entry((term.kind.code(), term.key.clone())) {
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert(term);
            }
            std::collections::btree_map::Entry::Occupied(mut o) => {
                let known = o.get_mut();
                for (lang, text) in term.label.iter() {
                    if known.label.get(lang.as_str()).is_none() {
                        known.label.set(lang.clone(), text);
                    }
                }
                for alt in term.alt_labels {
                    if !known.alt_labels.contains(&alt) && alt != known.label {
                        known.alt_labels.push(alt);
                    }
                }
                for link in term.links {
                    if !known.links.contains(&link) {
                        known.links.push(link);
                    }
                }
                known.coordinates = known.coordinates.or(term.coordinates);
            }
        }
    }

    pub fn into_vec(self) -> Vec<Term> {
        self.0.into_values().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(raw: &[&str]) -> Vec<Url> {
        raw.iter().map(|u| Url::parse(u).unwrap()).collect()
    }

    #[test]
    fn keys_come_from_authorities_in_a_fixed_order_then_from_labels() {
        let label = LocalizedText::new().with("de", "Schleswig-Holstein");
        for (links, key) in [
            (
                &[
                    "http://uri.gbv.de/terminology/kenom_place/bfbcb0df",
                    "https://d-nb.info/gnd/4052692-6",
                    "http://sws.geonames.org/2838632",
                    "http://www.wikidata.org/entity/Q1194",
                ][..],
                "wikidata-q1194",
            ),
            (
                &[
                    "https://d-nb.info/gnd/4052692-6",
                    "http://sws.geonames.org/2838632/",
                ],
                "geonames-2838632",
            ),
            (&["http://vocab.getty.edu/aat/300014109"], "aat-300014109"),
            (&["http://vocab.getty.edu/page/tgn/7011781"], "tgn-7011781"),
            (&["http://d-nb.info/gnd/118540238X"], "gnd-118540238x"),
            (&["http://nomisma.org/id/paper"], "schleswig-holstein"),
        ] {
            assert_eq!(term_key(&urls(links), &label).unwrap().as_str(), key);
        }
    }

    #[test]
    fn labels_are_transliterated_and_cut_at_a_hyphen() {
        for (label, key) in [
            (LocalizedText::new().with("de", "Büsum"), "busum"),
            (
                LocalizedText::new().with("uk", "Святковий костюм"),
                "sviatkovii-kostium",
            ),
            (
                LocalizedText::new()
                    .with("kk", "Алтын адам")
                    .with("en", "Golden Man"),
                "golden-man",
            ),
            (
                LocalizedText::new().with("de", "Druckerei W. Clausen <Büsum>"),
                "druckerei-w-clausen-busum",
            ),
        ] {
            assert_eq!(term_key(&[], &label).unwrap().as_str(), key);
        }
        assert_eq!(term_key(&[], &LocalizedText::new().with("de", "?!")), None);
        let long = "word ".repeat(40);
        let slug = slugify(&long).unwrap();
        assert!(slug.as_str().len() <= Slug::MAX_LEN && slug.as_str().ends_with("word"));
    }

    #[test]
    fn a_term_seen_twice_gains_what_it_lacked() {
        let term = |lang: &str, label: &str, link: &str| Term {
            kind: VocabularyKind::Place,
            key: Slug::parse("key", "busum").unwrap(),
            label: LocalizedText::new().with(lang, label),
            alt_labels: vec![],
            note: LocalizedText::new(),
            links: urls(&[link]),
            broader: None,
            coordinates: None,
            years: None,
        };
        let mut set = TermSet::default();
        set.insert(term("de", "Büsum", "http://sws.geonames.org/2940669"));
        set.insert(term("en", "Buesum", "http://sws.geonames.org/2940669"));
        set.insert(term("de", "Anders", "http://example.org/busum"));
        let terms = set.into_vec();
        assert_eq!(terms.len(), 1);
        assert_eq!(terms[0].label.get("de"), Some("Büsum"));
        assert_eq!(terms[0].label.get("en"), Some("Buesum"));
        assert_eq!(terms[0].links.len(), 2);
    }
}
