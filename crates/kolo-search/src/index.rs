//! The tantivy index: its schema, and writing entries. The index remembers, in each commit's
//! payload, how far it has applied the change log, so a crash at any moment leaves an index
//! that knows what to apply again.

use crate::SearchError;
use crate::analysis::{self, Analyzer};
use crate::document::{Group, SearchDoc};
use crate::facets::SignatureCache;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term, Warmer};

/// Raised whenever the schema or the analysers change: an index of another version is rebuilt.
const SCHEMA_VERSION: u32 = 3;

/// The languages with a stemmed field of their own; text in any other goes to `all` only.
pub const FIELD_LANGS: [&str; 4] = ["uk", "ru", "kk", "en"];

/// The index's fields.
#[derive(Clone, Copy)]
pub struct Fields {
    pub key: Field,
    pub group: Field,
    pub kind: Field,
    pub path: Field,
    /// The title as JSON (`LocalizedText`), shown in results.
    pub title_json: Field,
    pub institution: Field,
    pub lang: Field,
    pub owner: Field,
    pub public: Field,
    pub earliest: Field,
    pub latest: Field,
    pub has_image: Field,
    pub date: Field,
    pub ends: Field,
    /// Per language of [`FIELD_LANGS`]: title and body, stemmed; the bodies are stored for
    /// snippets.
    pub title: [TextField; 4],
    pub body: [TextField; 4],
    /// Every text in every language, unstemmed and script-folded: exact, prefix and fuzzy matching.
    pub all: TextField,
}

/// A text as the index holds it: its words, with their frequencies, and the pairs of adjacent
/// words, with their positions, in a field of their own. A phrase is matched on its pairs:
/// each pair is in far fewer records than either of its words, so a phrase of two words reads
/// one short postings list, and a longer one the positions of records that hold every pair.
#[derive(Clone, Copy)]
pub struct TextField {
    pub words: Field,
    pub pairs: Field,
    pub analyzer: Analyzer,
}

impl TextField {
    fn add(
        b: &mut tantivy::schema::SchemaBuilder,
        name: &str,
        analyzer: Analyzer,
        stored: bool,
    ) -> TextField {
        let indexing = |tokenizer, record| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(record),
            )
        };
        let words = indexing(analyzer.name(), IndexRecordOption::WithFreqs);
        let pairs = indexing(
            analyzer.pairs_name(),
            IndexRecordOption::WithFreqsAndPositions,
        );
        TextField {
            words: b.add_text_field(name, if stored { words.set_stored() } else { words }),
            pairs: b.add_text_field(&format!("{name}_pairs"), pairs),
            analyzer,
        }
    }

    /// Adds `text` to both of its fields.
    fn put(&self, doc: &mut TantivyDocument, text: &str) {
        doc.add_text(self.words, text);
        doc.add_text(self.pairs, text);
    }

    /// The terms `text` is looked for as: its words, or for more than one word their pairs.
    pub(crate) fn terms(&self, text: &str) -> Vec<Term> {
        let words = self.analyzer.terms(text);
        if words.len() < 2 {
            return words
                .iter()
                .map(|t| Term::from_field_text(self.words, t))
                .collect();
        }
        let pairs = self.analyzer.pairs(text);
        pairs
            .iter()
            .map(|t| Term::from_field_text(self.pairs, t))
            .collect()
    }
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let lang_fields = |b: &mut tantivy::schema::SchemaBuilder, prefix: &str, stored: bool| {
        FIELD_LANGS.map(|lang| {
            TextField::add(
                b,
                &format!("{prefix}_{lang}"),
                Analyzer::for_lang(lang),
                stored,
            )
        })
    };
    let fields = Fields {
        key: b.add_text_field("key", STRING | STORED),
        group: b.add_text_field("group", STRING),
        kind: b.add_text_field("kind", STRING | FAST | STORED),
        path: b.add_text_field("path", STORED),
        title_json: b.add_text_field("title_json", STORED),
        institution: b.add_text_field("institution", STRING | FAST),
        lang: b.add_text_field("lang", STRING | FAST),
        owner: b.add_i64_field("owner", INDEXED),
        public: b.add_bool_field("public", INDEXED),
        earliest: b.add_i64_field("earliest", INDEXED | FAST),
        latest: b.add_i64_field("latest", INDEXED | FAST),
        has_image: b.add_bool_field("has_image", INDEXED | FAST),
        date: b.add_i64_field("date", INDEXED | FAST | STORED),
        ends: b.add_i64_field("ends", INDEXED | FAST),
        title: lang_fields(&mut b, "title", false),
        body: lang_fields(&mut b, "body", true),
        all: TextField::add(&mut b, "all", Analyzer::Neutral, false),
    };
    (b.build(), fields)
}

/// How far the index has got, kept in its last commit.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Position {
    pub schema: u32,
    /// Every change-log entry up to this one is applied.
    pub seq: i64,
    /// A build from scratch under way: it started at `seq` and has indexed every group up to
    /// this one; `None` once the index is complete.
    pub building: Option<(String, i64)>,
}

pub struct SearchIndex {
    pub(crate) index: Index,
    dir: PathBuf,
    pub(crate) reader: IndexReader,
    /// Taken at the first write: while another process (a server being replaced, `kolo
    /// reindex`) holds the index's lock, this one only reads.
    writer: Mutex<Option<IndexWriter>>,
    pub(crate) fields: Fields,
    /// What each document counts towards in the facets, per segment; the reader's warmer.
    pub(crate) signatures: Arc<SignatureCache>,
    /// Matches of several words from which they are ranked by pruning (see
    /// [`query::SCORE_EACH_BELOW`](crate::query::SCORE_EACH_BELOW); tests lower it).
    pub(crate) score_each_below: u64,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it (empty, never built) if it is missing, of another
    /// schema version, or unreadable.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let (schema, fields) = schema();
        std::fs::create_dir_all(dir)?;
        let usable = Index::open_in_dir(dir).ok().filter(|index| {
            index.schema() == schema
                && Self::stored_position(index).is_some_and(|p| p.schema == SCHEMA_VERSION)
        });
        let index = match usable {
            Some(index) => index,
            None => {
                if dir.join("meta.json").exists() {
                    tracing::warn!(dir = %dir.display(), "search index of another version: rebuilding");
                }
                // Moved aside first: another process may still have files open in it.
                let aside = dir.with_extension(format!("old-{}", std::process::id()));
                std::fs::rename(dir, &aside)?;
                if let Err(e) = std::fs::remove_dir_all(&aside) {
                    tracing::warn!(dir = %aside.display(), error = %e, "could not remove an old search index");
                }
                std::fs::create_dir_all(dir)?;
                Index::create_in_dir(dir, schema)?
            }
        };
        let mut index = index;
        // A search's segments are collected in parallel, one thread a core: a query's
        // latency then falls with the cores, while the work stays the same.
        if let Err(e) = index.set_default_multithread_executor() {
            tracing::warn!(error = %e, "search runs on one thread");
        }
        analysis::register(index.tokenizers());
        let signatures = Arc::new(SignatureCache::new(fields.public));
        let warmer: Arc<dyn Warmer> = signatures.clone();
        // Commits by another process on the same folder are seen too.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .warmers(vec![Arc::downgrade(&warmer)])
            .try_into()?;
        Ok(SearchIndex {
            index,
            dir: dir.to_owned(),
            reader,
            writer: Mutex::new(None),
            fields,
            signatures,
            score_each_below: crate::query::SCORE_EACH_BELOW,
        })
    }

    /// Opens the index and takes its lock at once: for commands that must write (`kolo
    /// reindex`), which fail clearly while a server holds it.
    pub fn open_for_writing(dir: &Path) -> Result<SearchIndex, SearchError> {
        let index = Self::open(dir)?;
        index.take_lock()?;
        Ok(index)
    }

    /// Takes the index's lock if this process does not hold it yet; [`SearchError::Busy`]
    /// while another process does.
    pub fn take_lock(&self) -> Result<(), SearchError> {
        self.with_writer(|_| Ok(()))
    }

    fn stored_position(index: &Index) -> Option<Position> {
        let payload = index.load_metas().ok()?.payload?;
        serde_json::from_str(&payload).ok()
    }

    /// Where the index stands; `None` if it was never built.
    pub fn position(&self) -> Option<Position> {
        Self::stored_position(&self.index)
    }

    /// Runs `work` with the writer, taking the index's lock first if this process has not.
    fn with_writer<T>(
        &self,
        work: impl FnOnce(&mut IndexWriter) -> tantivy::Result<T>,
    ) -> Result<T, SearchError> {
        // A panic while writing leaves nothing committed; the writer itself stays usable.
        let mut slot = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let writer = match slot.as_mut() {
            Some(w) => w,
            None => match self.index.writer_with_num_threads(1, 64_000_000) {
                Ok(w) => slot.insert(w),
                Err(tantivy::TantivyError::LockFailure(..)) => return Err(SearchError::Busy),
                Err(e) => return Err(e.into()),
            },
        };
        Ok(work(writer)?)
    }

    /// Replaces the entries of `group` with `docs` (none: the record is gone). Seen after
    /// the next [`commit`](Self::commit).
    pub fn replace(&self, group: &Group, docs: &[SearchDoc]) -> Result<(), SearchError> {
        let term = Term::from_field_text(self.fields.group, &group.term());
        self.with_writer(|w| Ok(w.delete_term(term)))?;
        self.add(group, docs)
    }

    /// Adds entries of a group the index does not hold (a build from scratch: deleting first
    /// would cost a lookup per record for nothing).
    pub fn add(&self, group: &Group, docs: &[SearchDoc]) -> Result<(), SearchError> {
        self.with_writer(|w| {
            for doc in docs {
                w.add_document(self.to_tantivy(group, doc))?;
            }
            Ok(())
        })
    }

    /// Forgets every entry (a build from scratch starts so).
    pub fn clear(&self) -> Result<(), SearchError> {
        self.with_writer(|w| w.delete_all_documents().map(drop))
    }

    /// Makes what was written since the last commit searchable, together with `position`.
    pub fn commit(&self, position: &Position) -> Result<(), SearchError> {
        let position = Position {
            schema: SCHEMA_VERSION,
            ..position.clone()
        };
        let payload = serde_json::to_string(&position).expect("positions serialise");
        self.with_writer(|w| {
            let mut prepared = w.prepare_commit()?;
            prepared.set_payload(&payload);
            prepared.commit().map(drop)
        })?;
        self.reader.reload()?;
        Ok(())
    }

    /// Reads the files of the searchable segments once, so that the first searches after a
    /// start find them in the page cache instead of reading postings from disk a page at a
    /// time (Elasticsearch's `index.store.preload` does the same). Returns the bytes read.
    pub fn preload(&self) -> Result<u64, SearchError> {
        let mut bytes = 0;
        for segment in self.index.searchable_segment_metas()? {
            for file in segment.list_files() {
                match std::fs::File::open(self.dir.join(&file)) {
                    Ok(mut f) => bytes += std::io::copy(&mut f, &mut std::io::sink())?,
                    // Segments have no file for what they lack (deletes, an unused part),
                    // and a merge may have removed one since the list was read.
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e.into()),
                }
            }
        }
        Ok(bytes)
    }

    /// How many entries are searchable.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(crate) fn to_tantivy(&self, group: &Group, doc: &SearchDoc) -> TantivyDocument {
        let f = &self.fields;
        let mut t = TantivyDocument::default();
        t.add_text(f.key, &doc.key);
        t.add_text(f.group, group.term());
        t.add_text(f.kind, doc.kind.code());
        t.add_text(f.path, &doc.path);
        t.add_text(
            f.title_json,
            serde_json::to_string(&doc.title).expect("texts serialise"),
        );
        for slug in &doc.institutions {
            t.add_text(f.institution, slug);
        }
        for lang in doc.languages() {
            t.add_text(f.lang, lang);
        }
        for owner in &doc.owners {
            t.add_i64(f.owner, *owner);
        }
        t.add_bool(f.public, doc.public);
        if let Some((earliest, latest)) = doc.period {
            t.add_i64(f.earliest, earliest.into());
            t.add_i64(f.latest, latest.into());
        }
        t.add_bool(f.has_image, doc.has_image);
        t.add_i64(f.date, doc.date.and_utc().timestamp());
        if let Some(ends) = doc.ends {
            t.add_i64(f.ends, ends.and_utc().timestamp());
        }
        let slot = |tag: &str| {
            let primary = tag.split('-').next().unwrap_or(tag);
            FIELD_LANGS.iter().position(|l| *l == primary)
        };
        for (tag, value) in doc.title.iter() {
            if let Some(i) = slot(tag.as_str()) {
                f.title[i].put(&mut t, value);
            }
            f.all.put(&mut t, value);
        }
        // One stored body per language: the snippet is cut from it.
        let mut bodies: [String; 4] = Default::default();
        for text in &doc.texts {
            for (tag, value) in text.iter() {
                if value.is_empty() {
                    continue;
                }
                if let Some(i) = slot(tag.as_str()) {
                    if !bodies[i].is_empty() {
                        bodies[i].push('\n');
                    }
                    bodies[i].push_str(value);
                }
                f.all.put(&mut t, value);
            }
        }
        for code in &doc.codes {
            f.all.put(&mut t, code);
        }
        for (i, body) in bodies.iter().enumerate() {
            if !body.is_empty() {
                f.body[i].put(&mut t, body);
            }
        }
        t
    }
}
