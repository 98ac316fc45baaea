//! Matching without scoring: the documents holding any of a set of terms, whatever their
//! fields, as one bit set read straight from the postings. A word is looked for in every
//! language's fields at once; merging those postings lists doc by doc (a union) is what made
//! counting the matches of a common word cost most of a search. Several words, each such a
//! set, are intersected as their postings are read: a document of a later word is kept when
//! the earlier words' set holds it, which costs a bit test where moving each word's set to
//! the next common document cost a scan.

use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentReader, Term};
use tantivy_common::BitSet;

/// The documents holding, for every group of terms, at least one of its terms.
#[derive(Clone, Debug)]
pub(crate) struct AnyTermQuery {
    groups: Vec<Vec<Term>>,
}

impl AnyTermQuery {
    /// Any of `terms`.
    pub fn new(terms: Vec<Term>) -> AnyTermQuery {
        AnyTermQuery {
            groups: vec![terms],
        }
    }

    /// Any term of each of `groups` (none: no document).
    pub fn each_of(groups: Vec<Vec<Term>>) -> AnyTermQuery {
        AnyTermQuery { groups }
    }
}

impl Query for AnyTermQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in self.groups.iter().flatten() {
            visitor(term, false);
        }
    }
}

impl Weight for AnyTermQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut found: Option<BitSet> = None;
        for group in &self.groups {
            let mut docs = BitSet::with_max_value(reader.max_doc());
            for term in group {
                let index = reader.inverted_index(term.field())?;
                let Some(mut postings) =
                    index.read_block_postings(term, IndexRecordOption::Basic)?
                else {
                    continue;
                };
                while !postings.docs().is_empty() {
                    for &doc in postings.docs() {
                        if found.as_ref().is_none_or(|earlier| earlier.contains(doc)) {
                            docs.insert(doc);
                        }
                    }
                    postings.advance();
                }
            }
            found = Some(docs);
        }
        let found = found.unwrap_or_else(|| BitSet::with_max_value(reader.max_doc()));
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(found), boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        crate::explain_by_scorer(self, reader, doc, "AnyTermQuery", "holds none of the terms")
    }
}
