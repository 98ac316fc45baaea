//! The best matches by score, optionally only those the public sees or only those a counting
//! pass kept, tested per match rather than by a query clause: the scored query then stays a
//! plain union of terms, which tantivy answers with block-max WAND, scoring only the matches
//! that can still enter the page instead of every match.

use crate::facets::{Matched, SegmentSignatures, SignatureCache};
use std::collections::BinaryHeap;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::Weight;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

pub(crate) struct BestMatches<'a> {
    /// How many to keep: the page and every page before it.
    pub keep: usize,
    /// Only public records (the query has no clause for it); `None`: every match.
    pub public_only: Option<&'a SignatureCache>,
    /// Only these documents (the matches of every word and filter); `None`: every match.
    pub within: Option<&'a Matched>,
}

/// A kept match; the greatest is the worst kept (lowest score, then latest document), so the
/// heap's top is the one to drop.
#[derive(PartialEq)]
struct Kept(Score, DocId);

impl Eq for Kept {}

impl Ord for Kept {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.0.total_cmp(&self.0).then(self.1.cmp(&other.1))
    }
}

impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

pub(crate) struct SegmentBest {
    segment: SegmentOrdinal,
    keep: usize,
    kept: BinaryHeap<Kept>,
    public_only: Option<Arc<SegmentSignatures>>,
}

impl SegmentBest {
    /// The score a match must beat to be kept.
    fn threshold(&self) -> Score {
        match self.kept.peek() {
            Some(worst) if self.kept.len() == self.keep => worst.0,
            _ => Score::MIN,
        }
    }
}

impl Collector for BestMatches<'_> {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = SegmentBest;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentBest> {
        Ok(SegmentBest {
            segment,
            keep: self.keep.max(1),
            kept: BinaryHeap::with_capacity(self.keep + 1),
            public_only: self.public_only.map(|c| c.of(reader)).transpose()?,
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Vec<(Score, DocAddress)>> {
        let mut best = self.for_segment(segment, reader)?;
        let within = match self.within.map(|m| m.of(reader)) {
            Some(None) => return Ok(Vec::new()),
            Some(Some(docs)) => Some(docs),
            None => None,
        };
        let alive = reader.alive_bitset();
        // A match left out does not raise the threshold, so pruning stays exact: whatever
        // it skips scores below the worst match kept.
        weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
            if within.map_or_else(
                || alive.is_none_or(|a| a.is_alive(doc)),
                |docs| docs.contains(doc),
            ) {
                best.collect(doc, score);
            }
            best.threshold()
        })?;
        Ok(best.harvest())
    }

    fn merge_fruits(
        &self,
        fruits: Vec<Vec<(Score, DocAddress)>>,
    ) -> tantivy::Result<Vec<(Score, DocAddress)>> {
        let mut all: Vec<(Score, DocAddress)> = fruits.into_iter().flatten().collect();
        all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        all.truncate(self.keep);
        Ok(all)
    }
}

impl SegmentCollector for SegmentBest {
    type Fruit = Vec<(Score, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if self.public_only.as_ref().is_some_and(|s| !s.is_public(doc)) {
            return;
        }
        let candidate = Kept(score, doc);
        if self.kept.len() < self.keep {
            self.kept.push(candidate);
        } else if self.kept.peek().is_some_and(|worst| candidate < *worst) {
            self.kept.pop();
            self.kept.push(candidate);
        }
    }

    fn harvest(self) -> Vec<(Score, DocAddress)> {
        let segment_ord = self.segment;
        self.kept
            .into_sorted_vec()
            .into_iter()
            .map(|Kept(score, doc_id)| {
                (
                    score,
                    DocAddress {
                        segment_ord,
                        doc_id,
                    },
                )
            })
            .collect()
    }
}
