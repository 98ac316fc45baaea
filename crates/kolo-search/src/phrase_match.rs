//! Which documents hold a phrase of three words or more in any of several fields, unscored, as
//! one bit set. The terms are the phrase's pairs of adjacent words ([`TextField`]), which
//! follow one another where the phrase's words do. A union of one phrase query a field reads
//! the positions of every document in each field that has all the pairs; here a document
//! already found in one field is not looked at again.
//!
//! [`TextField`]: crate::index::TextField

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};
use tantivy_common::BitSet;

#[derive(Clone, Debug)]
pub(crate) struct PhraseMatch {
    /// Per field, the phrase's terms in order (all of one field); the field most records
    /// match in first.
    pub fields: Vec<Vec<Term>>,
}

impl Query for PhraseMatch {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in self.fields.iter().flatten() {
            visitor(term, true);
        }
    }
}

impl Weight for PhraseMatch {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut found = BitSet::with_max_value(reader.max_doc());
        let mut positions = Positions::default();
        'fields: for terms in &self.fields {
            let mut postings = Vec::with_capacity(terms.len());
            for term in terms {
                let index = reader.inverted_index(term.field())?;
                match index.read_postings(term, IndexRecordOption::WithFreqsAndPositions)? {
                    Some(p) => postings.push(p),
                    // A word the field does not hold: the phrase is not in it.
                    None => continue 'fields,
                }
            }
            let mut doc = postings[0].doc();
            while doc != TERMINATED {
                match next_in_all(&mut postings, doc) {
                    TERMINATED => break,
                    d if !found.contains(d) && positions.follow(&mut postings) => {
                        found.insert(d);
                        doc = postings[0].advance();
                    }
                    _ => doc = postings[0].advance(),
                }
            }
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(found), boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        crate::explain_by_scorer(self, reader, doc, "PhraseMatch", "does not hold the phrase")
    }
}

/// Moves every postings list to the first document at or after `doc` that all of them hold.
fn next_in_all(postings: &mut [SegmentPostings], mut doc: DocId) -> DocId {
    'again: loop {
        for p in postings.iter_mut() {
            let at = if p.doc() < doc { p.seek(doc) } else { p.doc() };
            if at == TERMINATED {
                return TERMINATED;
            }
            if at > doc {
                doc = at;
                continue 'again;
            }
        }
        return doc;
    }
}

/// Buffers for reading positions, kept between documents.
#[derive(Default)]
struct Positions {
    starts: Vec<u32>,
    next: Vec<u32>,
}

impl Positions {
    /// Whether, in the document all the postings are at, the terms follow one another.
    fn follow(&mut self, postings: &mut [SegmentPostings]) -> bool {
        postings[0].positions(&mut self.starts);
        for (i, p) in postings.iter_mut().enumerate().skip(1) {
            // Positions of the i-th term, moved back to where the phrase would start.
            p.positions(&mut self.next);
            let next = &self.next;
            let mut j = 0;
            self.starts.retain(|&start| {
                let want = start + i as u32;
                while j < next.len() && next[j] < want {
                    j += 1;
                }
                j < next.len() && next[j] == want
            });
            if self.starts.is_empty() {
                return false;
            }
        }
        true
    }
}
