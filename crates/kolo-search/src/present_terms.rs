//! A scored union of clauses that leaves out, segment by segment, the terms a segment does
//! not hold. tantivy ranks a union of terms with block-max WAND only when every clause is a
//! term with postings; one absent term (a Ukrainian word in the English title field) makes
//! it score every match of every term instead. A word asks every language's fields, so in
//! each segment most of its terms are absent.

use std::sync::Arc;
use tantivy::query::{
    BooleanWeight, EnableScoring, Explanation, Occur, Query, Scorer, SumCombiner, Weight,
};
use tantivy::{DocId, Score, SegmentReader, Term};

#[derive(Debug)]
pub(crate) struct PresentTermsUnion {
    /// What a match scores: the sum of these clauses' scores where they match.
    pub clauses: Vec<Box<dyn Query>>,
}

impl Clone for PresentTermsUnion {
    fn clone(&self) -> Self {
        PresentTermsUnion {
            clauses: self.clauses.iter().map(|q| q.box_clone()).collect(),
        }
    }
}

impl Query for PresentTermsUnion {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let clauses = self
            .clauses
            .iter()
            .map(|q| {
                // A clause of one term matches nothing in a segment without it (a phrase or
                // a near miss is always kept).
                let mut terms = Vec::new();
                q.query_terms(&mut |t, _| terms.push(t.clone()));
                let term = if terms.len() == 1 { terms.pop() } else { None };
                Ok((term, SharedWeight(Arc::from(q.weight(scoring)?))))
            })
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(PresentTermsWeight {
            clauses,
            scoring: scoring.is_scoring_enabled(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for clause in &self.clauses {
            clause.query_terms(visitor);
        }
    }
}

/// A clause's weight, built once for the whole index and lent to each segment's union.
#[derive(Clone)]
struct SharedWeight(Arc<dyn Weight>);

impl Weight for SharedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.0.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct PresentTermsWeight {
    clauses: Vec<(Option<Term>, SharedWeight)>,
    scoring: bool,
}

impl PresentTermsWeight {
    /// The union of the clauses that can match in this segment.
    fn in_segment(&self, reader: &SegmentReader) -> tantivy::Result<BooleanWeight<SumCombiner>> {
        let mut present: Vec<(Occur, Box<dyn Weight>)> = Vec::new();
        for (term, weight) in &self.clauses {
            if let Some(term) = term
                && reader
                    .inverted_index(term.field())?
                    .get_term_info(term)?
                    .is_none()
            {
                continue;
            }
            present.push((Occur::Should, Box::new(weight.clone())));
        }
        Ok(BooleanWeight::new(
            present,
            self.scoring,
            Box::new(SumCombiner::default),
        ))
    }
}

impl Weight for PresentTermsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.in_segment(reader)?.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        crate::explain_by_scorer(
            self,
            reader,
            doc,
            "sum of the matching clauses",
            "matches no clause",
        )
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        self.in_segment(reader)?
            .for_each_pruning(threshold, reader, callback)
    }
}
