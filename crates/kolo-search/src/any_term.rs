//! Matching without scoring: the documents holding any of a set of terms, whatever their
//! fields, as one bit set read straight from the postings. A word is looked for in every
//! language's fields at once; merging those postings lists doc by doc (a union) is what made
//! counting the matches of a common word cost most of a search.

use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentReader, Term};
use tantivy_common::BitSet;

#[derive(Clone, Debug)]
pub(crate) struct AnyTermQuery {
    terms: Vec<Term>,
}

impl AnyTermQuery {
    pub fn new(terms: Vec<Term>) -> AnyTermQuery {
        AnyTermQuery { terms }
    }
}

impl Query for AnyTermQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in &self.terms {
            visitor(term, false);
        }
    }
}

impl Weight for AnyTermQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut docs = BitSet::with_max_value(reader.max_doc());
        for term in &self.terms {
            let index = reader.inverted_index(term.field())?;
            let Some(mut postings) = index.read_block_postings(term, IndexRecordOption::Basic)?
            else {
                continue;
            };
            while !postings.docs().is_empty() {
                for &doc in postings.docs() {
                    docs.insert(doc);
                }
                postings.advance();
            }
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(docs), boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        crate::explain_by_scorer(self, reader, doc, "AnyTermQuery", "holds none of the terms")
    }
}
