//! Ranking the matches of several words (or of words under filters) without merging every
//! word's postings: the candidates are the matches the counting pass kept, and each is
//! scored by moving every scored clause to it. A union of the clauses
//! would walk all of their postings, most of which belong to documents that some other word
//! or filter rules out.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

#[derive(Debug)]
pub(crate) struct ScoredCandidates {
    /// Which documents match (unscored).
    pub candidates: Box<dyn Query>,
    /// What a match scores: the sum of these clauses' scores where they match.
    pub clauses: Vec<Box<dyn Query>>,
}

impl Clone for ScoredCandidates {
    fn clone(&self) -> Self {
        ScoredCandidates {
            candidates: self.candidates.box_clone(),
            clauses: self.clauses.iter().map(|q| q.box_clone()).collect(),
        }
    }
}

impl Query for ScoredCandidates {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let unscored = EnableScoring::disabled_from_schema(scoring.schema());
        Ok(Box::new(ScoredCandidatesWeight {
            candidates: self.candidates.weight(unscored)?,
            clauses: self
                .clauses
                .iter()
                .map(|q| q.weight(scoring))
                .collect::<tantivy::Result<_>>()?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for clause in &self.clauses {
            clause.query_terms(visitor);
        }
    }
}

struct ScoredCandidatesWeight {
    candidates: Box<dyn Weight>,
    clauses: Vec<Box<dyn Weight>>,
}

impl Weight for ScoredCandidatesWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(CandidateScorer {
            candidates: self.candidates.scorer(reader, boost)?,
            clauses: self
                .clauses
                .iter()
                .map(|w| w.scorer(reader, boost))
                .collect::<tantivy::Result<_>>()?,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        crate::explain_by_scorer(
            self,
            reader,
            doc,
            "sum of the matching clauses",
            "is not a candidate",
        )
    }
}

struct CandidateScorer {
    candidates: Box<dyn Scorer>,
    clauses: Vec<Box<dyn Scorer>>,
}

impl DocSet for CandidateScorer {
    fn advance(&mut self) -> DocId {
        self.candidates.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.candidates.seek(target)
    }

    fn doc(&self) -> DocId {
        self.candidates.doc()
    }

    fn size_hint(&self) -> u32 {
        self.candidates.size_hint()
    }
}

impl Scorer for CandidateScorer {
    fn score(&mut self) -> Score {
        let doc = self.candidates.doc();
        let mut sum = 0.0;
        for clause in &mut self.clauses {
            // Clauses only move forward, as the candidates do.
            if clause.doc() < doc {
                clause.seek(doc);
            }
            if clause.doc() == doc {
                sum += clause.score();
            }
        }
        sum
    }
}
