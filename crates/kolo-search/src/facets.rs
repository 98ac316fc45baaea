//! Facet counts in one pass over the matches, read from fast fields: how many matches of each
//! kind, institution, language and named group of institutions (networks, regions), with an
//! image, upcoming and past, and how many in all.

use crate::query::Facets;
use std::collections::{BTreeMap, HashMap};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Named sets of institutions (networks, regions): a group's count is the number of matches
/// with at least one of its institutions, each match counted once.
#[derive(Clone, Debug, Default)]
pub struct InstitutionGroups {
    names: Vec<String>,
    /// Institution slug → the groups it belongs to (indexes into `names`).
    of_slug: HashMap<String, Vec<usize>>,
}

impl InstitutionGroups {
    /// Groups by name, each with its institutions' slugs.
    pub fn new(groups: impl IntoIterator<Item = (String, Vec<String>)>) -> InstitutionGroups {
        let mut built = InstitutionGroups::default();
        for (i, (name, members)) in groups.into_iter().enumerate() {
            built.names.push(name);
            for slug in members {
                let of = built.of_slug.entry(slug).or_default();
                if !of.contains(&i) {
                    of.push(i);
                }
            }
        }
        built
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// How many matches in all, and the facets' counts.
#[derive(Clone, Debug, Default)]
pub(crate) struct Counts {
    pub total: u64,
    pub facets: Facets,
}

pub(crate) struct FacetCollector<'a> {
    pub groups: &'a InstitutionGroups,
    /// Upcoming: ending at or after this (seconds since the epoch); past: before.
    pub now: i64,
}

/// A string fast field's counts by term ordinal.
struct Terms {
    column: Option<StrColumn>,
    counts: Vec<u64>,
}

impl Terms {
    fn open(reader: &SegmentReader, field: &str) -> tantivy::Result<Terms> {
        let column = reader.fast_fields().str(field)?;
        let counts = vec![0; column.as_ref().map_or(0, |c| c.num_terms())];
        Ok(Terms { column, counts })
    }

    fn count(&mut self, doc: DocId) {
        if let Some(column) = &self.column {
            for ord in column.term_ords(doc) {
                self.counts[ord as usize] += 1;
            }
        }
    }

    fn harvest(self) -> BTreeMap<String, u64> {
        let mut out = BTreeMap::new();
        let Some(column) = self.column else {
            return out;
        };
        let mut term = String::new();
        for (ord, &n) in self.counts.iter().enumerate() {
            if n > 0 && column.ord_to_str(ord as u64, &mut term).unwrap_or(false) {
                out.insert(term.clone(), n);
            }
        }
        out
    }
}

pub(crate) struct SegmentFacets {
    total: u64,
    kind: Terms,
    institution: Terms,
    lang: Terms,
    /// Institution ordinal → its groups, and per group its count and the last doc counted
    /// (a match with two institutions of one network counts once).
    groups_of: Vec<Vec<usize>>,
    group_counts: Vec<u64>,
    group_last: Vec<Option<DocId>>,
    group_names: Vec<String>,
    has_image: Column<bool>,
    ends: Column<i64>,
    now: i64,
    image_count: u64,
    upcoming: u64,
    past: u64,
}

impl Collector for FacetCollector<'_> {
    type Fruit = Counts;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let institution = Terms::open(reader, "institution")?;
        let mut groups_of = vec![Vec::new(); institution.counts.len()];
        if let Some(column) = &institution.column {
            let mut slug = String::new();
            for (ord, of) in groups_of.iter_mut().enumerate() {
                if column.ord_to_str(ord as u64, &mut slug)?
                    && let Some(groups) = self.groups.of_slug.get(&slug)
                {
                    of.clone_from(groups);
                }
            }
        }
        let n = self.groups.names.len();
        Ok(SegmentFacets {
            total: 0,
            kind: Terms::open(reader, "kind")?,
            institution,
            lang: Terms::open(reader, "lang")?,
            groups_of,
            group_counts: vec![0; n],
            group_last: vec![None; n],
            group_names: self.groups.names.clone(),
            has_image: reader.fast_fields().bool("has_image")?,
            ends: reader.fast_fields().i64("ends")?,
            now: self.now,
            image_count: 0,
            upcoming: 0,
            past: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut all = Counts::default();
        let add = |into: &mut BTreeMap<String, u64>, from: BTreeMap<String, u64>| {
            for (k, n) in from {
                *into.entry(k).or_default() += n;
            }
        };
        for Counts { total, facets: f } in fruits {
            all.total += total;
            let into = &mut all.facets;
            add(&mut into.kind, f.kind);
            add(&mut into.institution, f.institution);
            add(&mut into.lang, f.lang);
            add(&mut into.groups, f.groups);
            into.has_image += f.has_image;
            into.upcoming += f.upcoming;
            into.past += f.past;
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.total += 1;
        self.kind.count(doc);
        self.lang.count(doc);
        if let Some(column) = &self.institution.column {
            for ord in column.term_ords(doc) {
                let ord = ord as usize;
                self.institution.counts[ord] += 1;
                for &g in &self.groups_of[ord] {
                    if self.group_last[g] != Some(doc) {
                        self.group_last[g] = Some(doc);
                        self.group_counts[g] += 1;
                    }
                }
            }
        }
        if self.has_image.first(doc) == Some(true) {
            self.image_count += 1;
        }
        if let Some(ends) = self.ends.first(doc) {
            if ends >= self.now {
                self.upcoming += 1;
            } else {
                self.past += 1;
            }
        }
    }

    fn harvest(self) -> Counts {
        let groups = self
            .group_names
            .into_iter()
            .zip(self.group_counts)
            .filter(|(_, n)| *n > 0)
            .collect();
        Counts {
            total: self.total,
            facets: Facets {
                kind: self.kind.harvest(),
                institution: self.institution.harvest(),
                lang: self.lang.harvest(),
                groups,
                has_image: self.image_count,
                upcoming: self.upcoming,
                past: self.past,
            },
        }
    }
}
