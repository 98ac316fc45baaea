//! Facet counts in one pass over the matches: how many matches of each kind, institution,
//! language and named group of institutions (networks, regions), with an image, upcoming and
//! past, and how many in all. What a document counts towards is read from the fast fields
//! once per segment ([`SignatureCache`]), so a match costs one increment.

use crate::query::Facets;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, Score, Searcher, SearcherGeneration, SegmentOrdinal, SegmentReader, Warmer};
use tantivy::{DocSet, TERMINATED, TantivyError, Term};
use tantivy_common::BitSet;

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

/// How many matches in all, the facets' counts, and the matches themselves if kept.
#[derive(Default)]
pub(crate) struct Counts {
    pub total: u64,
    pub facets: Facets,
    pub matched: Matched,
}

/// The documents a counting pass matched, per segment: the ranking pass scores these
/// instead of finding them again.
#[derive(Clone, Default)]
pub(crate) struct Matched(HashMap<SegmentId, BitSet>);

impl Matched {
    /// The segment's matches; `None` when it has none.
    pub(crate) fn of(&self, reader: &SegmentReader) -> Option<&BitSet> {
        self.0.get(&reader.segment_id())
    }
}

impl Query for Matched {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl std::fmt::Debug for Matched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Matched({} segments)", self.0.len())
    }
}

impl Weight for Matched {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.of(reader) {
            Some(docs) => Box::new(ConstScorer::new(BitSetDocSet::from(docs.clone()), boost)),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        match self.of(reader) {
            Some(docs) if docs.contains(doc) => Ok(Explanation::new("matched", 1.0)),
            _ => Err(TantivyError::InvalidArgument(format!(
                "document {doc} was not matched"
            ))),
        }
    }
}

/// What the facets count of one document. Documents share a few hundred of these at most (a
/// museum's objects differ in little else), so each segment interns them and counting a
/// match is one increment.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Signature {
    kind: Vec<String>,
    institutions: Vec<String>,
    langs: Vec<String>,
    has_image: bool,
    /// It has an end (an event): whether it is upcoming is read per match.
    ends: bool,
    /// The public sees it (not a facet: the best matches are picked with it).
    public: bool,
}

/// Each document's signature in one segment.
pub(crate) struct SegmentSignatures {
    of_doc: Vec<u32>,
    signatures: Vec<Signature>,
}

impl SegmentSignatures {
    pub fn is_public(&self, doc: DocId) -> bool {
        self.signatures[self.of_doc[doc as usize] as usize].public
    }

    fn read(reader: &SegmentReader, public_field: Field) -> tantivy::Result<SegmentSignatures> {
        let mut public = vec![false; reader.max_doc() as usize];
        let yes = Term::from_field_bool(public_field, true);
        if let Some(mut postings) = reader
            .inverted_index(public_field)?
            .read_postings(&yes, IndexRecordOption::Basic)?
        {
            while postings.doc() != TERMINATED {
                public[postings.doc() as usize] = true;
                postings.advance();
            }
        }
        let fast = reader.fast_fields();
        let (kind, institution, lang) = (
            fast.str("kind")?,
            fast.str("institution")?,
            fast.str("lang")?,
        );
        let (has_image, ends) = (fast.bool("has_image")?, fast.i64("ends")?);
        let ords = |column: &Option<StrColumn>, doc: DocId| -> Vec<u64> {
            column
                .as_ref()
                .map_or_else(Vec::new, |c| c.term_ords(doc).collect())
        };
        let names = |column: &Option<StrColumn>, ords: &[u64]| -> tantivy::Result<Vec<String>> {
            let mut names = Vec::with_capacity(ords.len());
            if let Some(column) = column {
                for &ord in ords {
                    let mut name = String::new();
                    if column.ord_to_str(ord, &mut name)? {
                        names.push(name);
                    }
                }
            }
            Ok(names)
        };
        // Interned by term ordinals, which are cheap to read; named once per signature.
        type Key = (Vec<u64>, Vec<u64>, Vec<u64>, bool, bool, bool);
        let mut interned: HashMap<Key, u32> = HashMap::new();
        let mut signatures = Vec::new();
        let mut of_doc = Vec::with_capacity(reader.max_doc() as usize);
        for doc in 0..reader.max_doc() {
            let key = (
                ords(&kind, doc),
                ords(&institution, doc),
                ords(&lang, doc),
                has_image.first(doc) == Some(true),
                ends.first(doc).is_some(),
                public[doc as usize],
            );
            let id = match interned.get(&key) {
                Some(id) => *id,
                None => {
                    let id =
                        u32::try_from(signatures.len()).expect("fewer signatures than documents");
                    signatures.push(Signature {
                        kind: names(&kind, &key.0)?,
                        institutions: names(&institution, &key.1)?,
                        langs: names(&lang, &key.2)?,
                        has_image: key.3,
                        ends: key.4,
                        public: key.5,
                    });
                    interned.insert(key, id);
                    id
                }
            };
            of_doc.push(id);
        }
        Ok(SegmentSignatures { of_doc, signatures })
    }
}

/// Every segment's signatures, read once: segments never change (deletions only hide
/// documents). Registered as the reader's warmer, so a new segment is read when a commit
/// makes it searchable, not by the first search, and a merged-away one is dropped.
pub(crate) struct SignatureCache {
    public_field: Field,
    segments: Mutex<HashMap<SegmentId, Arc<SegmentSignatures>>>,
}

impl SignatureCache {
    pub fn new(public_field: Field) -> SignatureCache {
        SignatureCache {
            public_field,
            segments: Mutex::default(),
        }
    }

    pub fn of(&self, reader: &SegmentReader) -> tantivy::Result<Arc<SegmentSignatures>> {
        let id = reader.segment_id();
        let mut segments = self.segments.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = segments.get(&id) {
            return Ok(found.clone());
        }
        // Read under the lock: searches racing for a new segment wait for one reading.
        let read = Arc::new(SegmentSignatures::read(reader, self.public_field)?);
        segments.insert(id, read.clone());
        Ok(read)
    }
}

impl Warmer for SignatureCache {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        for reader in searcher.segment_readers() {
            self.of(reader)?;
        }
        Ok(())
    }

    fn garbage_collect(&self, live: &[&SearcherGeneration]) {
        let mut segments = self.segments.lock().unwrap_or_else(|e| e.into_inner());
        segments.retain(|id, _| live.iter().any(|g| g.segments().contains_key(id)));
    }
}

pub(crate) struct FacetCollector<'a> {
    pub groups: Arc<InstitutionGroups>,
    pub signatures: &'a SignatureCache,
    /// Count public records only (the query has no clause for it).
    pub public_only: bool,
    /// Keep the matches in [`Counts::matched`].
    pub keep_matches: bool,
    /// Upcoming: ending at or after this (seconds since the epoch); past: before.
    pub now: i64,
}

pub(crate) struct SegmentFacets {
    signatures: Arc<SegmentSignatures>,
    /// Matches per signature.
    counts: Vec<u64>,
    public_only: bool,
    matched: Option<(SegmentId, BitSet)>,
    groups: Arc<InstitutionGroups>,
    ends: Column<i64>,
    now: i64,
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
        let signatures = self.signatures.of(reader)?;
        Ok(SegmentFacets {
            counts: vec![0; signatures.signatures.len()],
            signatures,
            public_only: self.public_only,
            matched: self.keep_matches.then(|| {
                (
                    reader.segment_id(),
                    BitSet::with_max_value(reader.max_doc()),
                )
            }),
            groups: self.groups.clone(),
            ends: reader.fast_fields().i64("ends")?,
            now: self.now,
            upcoming: 0,
            past: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut all = Counts::default();
        for Counts {
            total,
            facets: f,
            matched,
        } in fruits
        {
            all.total += total;
            all.matched.0.extend(matched.0);
            let into = &mut all.facets;
            for (into, from) in [
                (&mut into.kind, f.kind),
                (&mut into.institution, f.institution),
                (&mut into.lang, f.lang),
                (&mut into.groups, f.groups),
            ] {
                for (k, n) in from {
                    *into.entry(k).or_default() += n;
                }
            }
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
        let id = self.signatures.of_doc[doc as usize] as usize;
        let signature = &self.signatures.signatures[id];
        if self.public_only && !signature.public {
            return;
        }
        self.counts[id] += 1;
        if let Some((_, matched)) = &mut self.matched {
            matched.insert(doc);
        }
        if signature.ends
            && let Some(ends) = self.ends.first(doc)
        {
            if ends >= self.now {
                self.upcoming += 1;
            } else {
                self.past += 1;
            }
        }
    }

    fn harvest(self) -> Counts {
        let mut counts = Counts {
            facets: Facets {
                upcoming: self.upcoming,
                past: self.past,
                ..Facets::default()
            },
            matched: Matched(self.matched.into_iter().collect()),
            ..Counts::default()
        };
        let f = &mut counts.facets;
        let add = |into: &mut BTreeMap<String, u64>, names: &[String], n: u64| {
            for name in names {
                *into.entry(name.clone()).or_default() += n;
            }
        };
        for (signature, &n) in self.signatures.signatures.iter().zip(&self.counts) {
            if n == 0 {
                continue;
            }
            counts.total += n;
            add(&mut f.kind, &signature.kind, n);
            add(&mut f.institution, &signature.institutions, n);
            add(&mut f.lang, &signature.langs, n);
            if signature.has_image {
                f.has_image += n;
            }
            // A match with two institutions of one network counts there once.
            let mut groups: Vec<usize> = signature
                .institutions
                .iter()
                .filter_map(|slug| self.groups.of_slug.get(slug))
                .flatten()
                .copied()
                .collect();
            groups.sort_unstable();
            groups.dedup();
            for g in groups {
                *f.groups.entry(self.groups.names[g].clone()).or_default() += n;
            }
        }
        counts
    }
}
