//! Kolo's full-text search: an embedded tantivy index over every public kind of record, with
//! analysers for Ukrainian, Russian, Kazakh (both scripts) and English.
//!
//! The database is the truth and the index is derived from it: writes append to the change
//! log (`search_changes`) in their own transaction, and each server process follows that log
//! into its own index ([`sync`]). The index's commit payload says how far it got.

pub mod analysis;
mod any_term;
pub mod document;
mod facets;
pub mod index;
mod phrase_match;
mod present_terms;
pub mod query;
mod ranking;
mod scored_candidates;
pub mod sync;

pub use document::{Kind, SearchDoc};
pub use facets::InstitutionGroups;
pub use index::SearchIndex;
pub use query::{Audience, Hit, Notice, SearchRequest, SearchResults, SortBy, When};

/// Explains `doc` by moving the weight's own scorer to it: its score there, or an error saying
/// the document `missing` when the scorer passes it by. Kolo's weights score exactly what they
/// match, so their scorer is their explanation.
pub(crate) fn explain_by_scorer(
    weight: &impl tantivy::query::Weight,
    reader: &tantivy::SegmentReader,
    doc: tantivy::DocId,
    label: &'static str,
    missing: &str,
) -> tantivy::Result<tantivy::query::Explanation> {
    use tantivy::DocSet;
    let mut scorer = weight.scorer(reader, 1.0)?;
    if scorer.seek(doc) != doc {
        return Err(tantivy::TantivyError::InvalidArgument(format!(
            "document {doc} {missing}"
        )));
    }
    Ok(tantivy::query::Explanation::new(label, scorer.score()))
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index files: {0}")]
    Io(#[from] std::io::Error),
    #[error("search index: cannot open: {0}")]
    Open(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error(transparent)]
    Store(#[from] kolo_store::StoreError),
    #[error("search index: another process (a running server, or kolo reindex) holds its lock")]
    Busy,
    #[error("search index: a stored {0} does not read")]
    Corrupt(&'static str),
}
