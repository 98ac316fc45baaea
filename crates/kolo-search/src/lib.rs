//! Kolo's full-text search: an embedded tantivy index over every public kind of record, with
//! analysers for Ukrainian, Russian, Kazakh (both scripts) and English.
pub mod analysis;
