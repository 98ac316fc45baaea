//! Importing museum objects from files: CSV, JSON Lines and LIDO (told apart by their content)
//! and the Tate collection's dataset, through the readers of `kolo_interop` and the store's
//! batch upsert (matched by institution and inventory number).
//!
//! A file is read twice, row by row, and its rows are never held all at once: first to check
//! every row (what the reader refuses, inventory numbers given twice, the periods the file
//! brings, how many rows there are), keeping 20 bytes a row for the inventory numbers; then to
//! write it in batches of [`CHUNK`] (all-or-nothing with `--images`: once more before that, to
//! store the images). CSV, JSON Lines and Tate files are streamed; a LIDO file's text is held
//! during each reading (see [`Source::Lido`]).
//!
//! A file is one transaction: any bad row writes nothing. With `continue_on_error` the good rows
//! are committed in chunks of [`CHUNK`], so an interrupted import keeps what it committed and a
//! rerun goes quickly over those rows (unchanged objects write nothing). Datings the file gives
//! only as text get their years from the dating parser, with the period vocabulary's labels.
//! Images (`--images DIR`, files named by inventory number) are stored before the transaction
//! and removed again when their rows are not written.

use indicatif::{ProgressBar, ProgressStyle};
use kolo_domain::collection::{MuseumObject, ObjectImage};
use kolo_domain::vocabulary::{Term, VocabularyKind};
use kolo_domain::{LocalizedText, MediaId, PeriodTable, Slug, YearRange, parse_dating};
use kolo_interop::objects::ImportedObject;
use kolo_interop::{lido, object_table, tate};
use kolo_media::Media;
use kolo_store::repo::media::{self, NewMedia};
use kolo_store::repo::objects::{self, OnError};
use kolo_store::repo::{institutions, vocabularies};
use kolo_store::{DbConnection, Store, StoreError};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Objects per committed chunk with `continue_on_error`, and per batch within a transaction.
pub const CHUNK: usize = 1000;

/// Image file extensions looked for, in this order.
const IMAGE_EXTENSIONS: [&str; 6] = ["jpg", "jpeg", "png", "tif", "tiff", "webp"];

/// One record of a file: where it is ("row 3 (line 4)"), and the object or why there is none.
struct Row {
    at: String,
    object: Result<ImportedObject, String>,
}

/// A file's rows; an error refuses the whole file.
type Rows<'a> = Box<dyn Iterator<Item = anyhow::Result<Row>> + 'a>;

fn row(kind: &str, n: usize, object: &ImportedObject) -> String {
    match &object.source_id {
        Some(id) => format!("{kind} {n} ({id})"),
        None => format!("{kind} {n} ({})", object.object.inventory_number.as_str()),
    }
}

/// Where an import's rows come from: opened again for each reading.
#[derive(Debug, Clone)]
pub enum Source {
    Csv {
        file: PathBuf,
        mapping: Option<object_table::Mapping>,
    },
    JsonLines {
        file: PathBuf,
        mapping: Option<object_table::Mapping>,
    },
    /// LIDO is read into memory whole (up to [`lido::MAX_BYTES`]) on each reading, its records
    /// then parsed one by one as they are asked for.
    Lido { file: PathBuf },
    /// The first `limit` artworks (all without one) of a Tate dataset.
    Tate { path: PathBuf, limit: Option<usize> },
}

impl Source {
    /// A CSV, JSON Lines or LIDO file, told apart by its first character (`<`, `{`, else CSV).
    pub fn file(file: &Path, mapping: Option<&Path>) -> anyhow::Result<Source> {
        let shown = file.display();
        let first = first_byte(&mut open_text(file)?)
            .map_err(|e| anyhow::anyhow!("reading {shown}: {e}"))?;
        if first == Some(b'<') {
            anyhow::ensure!(
                mapping.is_none(),
                "{shown} is LIDO XML: a mapping file is for CSV and JSON Lines"
            );
            return Ok(Source::Lido {
                file: file.to_owned(),
            });
        }
        let mapping = match mapping {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))?;
                Some(
                    object_table::Mapping::parse(&text)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
                )
            }
            None => None,
        };
        let file = file.to_owned();
        Ok(if first == Some(b'{') {
            Source::JsonLines { file, mapping }
        } else {
            Source::Csv { file, mapping }
        })
    }

    fn path(&self) -> &Path {
        match self {
            Source::Csv { file, .. } | Source::JsonLines { file, .. } | Source::Lido { file } => {
                file
            }
            Source::Tate { path, .. } => path,
        }
    }

    /// What a row is called in messages: "row 3 (line 4)", "record 3".
    fn kind(&self) -> &'static str {
        match self {
            Source::Csv { .. } | Source::JsonLines { .. } => "row",
            Source::Lido { .. } | Source::Tate { .. } => "record",
        }
    }

    /// Reads the rows, one at a time (a LIDO file into `held` first). A file the reader refuses
    /// (a CSV header, malformed XML, a missing Tate file) fails at once, or in place of a row
    /// when its XML turns out malformed further on.
    fn rows<'a>(
        &'a self,
        institution: &'a Slug,
        held: &'a mut Vec<u8>,
    ) -> anyhow::Result<Rows<'a>> {
        let shown = self.path().display();
        let table_row = |(i, r): (usize, Result<ImportedObject, object_table::RowError>)| match r {
            Ok(o) => Row {
                at: row("row", i + 1, &o),
                object: Ok(o),
            },
            Err(e) => Row {
                at: format!("row {} (line {})", e.row, e.line),
                object: Err(e.to_string()),
            },
        };
        Ok(match self {
            Source::Csv { file, mapping } => Box::new(
                object_table::read_csv(open_text(file)?, mapping.as_ref(), institution)
                    .map_err(|e| anyhow::anyhow!("{shown}: {e}; nothing was imported"))?
                    .enumerate()
                    .map(table_row)
                    .map(Ok),
            ),
            Source::JsonLines { file, mapping } => Box::new(
                object_table::read_jsonl(open_text(file)?, mapping.as_ref(), institution)
                    .enumerate()
                    .map(table_row)
                    .map(Ok),
            ),
            Source::Lido { file } => {
                *held = std::fs::read(file).map_err(|e| anyhow::anyhow!("reading {shown}: {e}"))?;
                let body = held.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(held);
                let refused = move |e: lido::LidoError| {
                    anyhow::anyhow!("{}: {e}; nothing was imported", file.display())
                };
                let records = lido::records(body, institution).map_err(refused)?;
                Box::new(records.enumerate().map(move |(i, r)| {
                    Ok(match r.map_err(refused)? {
                        Ok(o) => Row {
                            at: row("record", i + 1, &o),
                            object: Ok(o),
                        },
                        Err(e) => Row {
                            at: format!("record {}", e.record.unwrap_or(i + 1)),
                            object: Err(e.to_string()),
                        },
                    })
                }))
            }
            Source::Tate { path, limit } => {
                let artworks = tate::open(path, institution).map_err(|e| anyhow::anyhow!("{e}"))?;
                Box::new(
                    artworks
                        .take(limit.unwrap_or(usize::MAX))
                        .enumerate()
                        .map(|(i, r)| {
                            Ok(match r {
                                Ok(o) => Row {
                                    at: row("record", i + 1, &o),
                                    object: Ok(o),
                                },
                                Err(e) => Row {
                                    at: format!("record {}", i + 1),
                                    object: Err(e.to_string()),
                                },
                            })
                        }),
                )
            }
        })
    }
}

/// A text file, buffered, after its UTF-8 byte order mark if it has one.
fn open_text(file: &Path) -> anyhow::Result<BufReader<File>> {
    let fail = |e: std::io::Error| anyhow::anyhow!("reading {}: {e}", file.display());
    let mut reader = BufReader::new(File::open(file).map_err(fail)?);
    if reader
        .fill_buf()
        .map_err(fail)?
        .starts_with(b"\xEF\xBB\xBF")
    {
        reader.consume(3);
    }
    Ok(reader)
}

/// The first byte that is not ASCII whitespace (consuming what comes before it).
fn first_byte(reader: &mut impl BufRead) -> std::io::Result<Option<u8>> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(None);
        }
        if let Some(b) = buf.iter().find(|b| !b.is_ascii_whitespace()) {
            return Ok(Some(*b));
        }
        let n = buf.len();
        reader.consume(n);
    }
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub dry_run: bool,
    pub continue_on_error: bool,
    /// A folder of images named by inventory number.
    pub images: Option<PathBuf>,
}

/// What an import did (or, dry, would do), and every row that failed.
#[derive(Debug, Default)]
pub struct Outcome {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub terms_created: usize,
    pub images: usize,
    /// `"row 3 (line 4): reason"`: rows the reader refused, then those the store did.
    pub failed: Vec<String>,
    /// Nothing was written (a dry run, or a failed all-or-nothing import).
    pub rolled_back: bool,
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} created, {} updated, {} unchanged, {} terms created, {} images attached, {} failed",
            self.created,
            self.updated,
            self.unchanged,
            self.terms_created,
            self.images,
            self.failed.len()
        )
    }
}

/// An image stored for a row, waiting for its row to be written.
struct Upload {
    id: MediaId,
    new: NewMedia,
}

/// One object ready for the store, with its place in the file and its image.
struct Pending {
    /// Its position among the file's rows (0-based).
    index: usize,
    at: String,
    imported: ImportedObject,
    upload: Option<Upload>,
}

/// What the first reading found.
struct Checked {
    /// Rows read.
    rows: usize,
    /// Rows that make objects and are not given twice.
    good: usize,
    /// `"row 3 (line 4): reason"`, in file order.
    failed: Vec<String>,
    /// The positions of the rows that failed, left out of the second reading.
    skip: HashSet<usize>,
    /// The period terms the file brings (each once).
    periods: Vec<Term>,
}

/// Reads every row once, keeping of the good ones only a digest of their inventory numbers
/// (to find one given twice) and their period terms.
fn check(source: &Source, rows: Rows<'_>, progress: &ProgressBar) -> anyhow::Result<Checked> {
    let mut checked = Checked {
        rows: 0,
        good: 0,
        failed: Vec::new(),
        skip: HashSet::new(),
        periods: Vec::new(),
    };
    // SHA-256 cut to 128 bits: 20 bytes a row rather than the number itself; two numbers of one
    // file sharing a digest is as likely as guessing a 128-bit key.
    let mut first_of: HashMap<[u8; 16], u32> = HashMap::new();
    for (index, r) in rows.enumerate() {
        let r = r?;
        checked.rows += 1;
        progress.inc(1);
        let imported = match r.object {
            Ok(imported) => imported,
            Err(reason) => {
                checked.failed.push(reason_at(&r.at, &reason));
                checked.skip.insert(index);
                continue;
            }
        };
        let number = imported.object.inventory_number.as_str();
        let digest: [u8; 16] = Sha256::digest(number.as_bytes())[..16]
            .try_into()
            .expect("16 of 32 bytes");
        let position = u32::try_from(index)
            .map_err(|_| anyhow::anyhow!("more than {} rows in one file", u32::MAX))?;
        if let Some(first) = first_of.get(&digest) {
            checked.failed.push(format!(
                "{}: inventory_number: the same as {} {} ({number})",
                r.at,
                source.kind(),
                first + 1
            ));
            checked.skip.insert(index);
            continue;
        }
        first_of.insert(digest, position);
        checked.good += 1;
        for term in imported.terms {
            if term.kind == VocabularyKind::Period && !checked.periods.contains(&term) {
                checked.periods.push(term);
            }
        }
    }
    Ok(checked)
}

/// The rows the check let through, as objects with the years of their datings; a row that
/// reads otherwise than it did then means the file changed in between.
fn pending<'a>(
    source: &'a Source,
    rows: Rows<'a>,
    checked: &'a Checked,
    periods: &'a PeriodTable,
) -> impl Iterator<Item = anyhow::Result<Pending>> + 'a {
    let changed =
        move || anyhow::anyhow!("{} changed while it was imported", source.path().display());
    rows.enumerate()
        .filter(|(index, _)| !checked.skip.contains(index))
        .map(move |(index, r)| match r.map(|r| (r.at, r.object)) {
            Ok((at, Ok(mut imported))) if index < checked.rows => {
                fill_years(&mut imported.object, periods);
                Ok(Pending {
                    index,
                    at,
                    imported,
                    upload: None,
                })
            }
            _ => Err(changed()),
        })
}

/// The next [`CHUNK`] pending objects (none at the end).
fn next_group(
    pending: &mut impl Iterator<Item = anyhow::Result<Pending>>,
) -> anyhow::Result<Vec<Pending>> {
    pending.by_ref().take(CHUNK).collect()
}

/// Imports the rows of `source` into `institution` (see the module doc).
pub async fn import(
    store: &Store,
    media: &Media,
    institution: &Slug,
    source: &Source,
    options: &Options,
    progress: ProgressBar,
) -> anyhow::Result<Outcome> {
    let slug = institution.as_str().to_owned();
    let institution_id = store
        .read(move |c| institutions::get_by_slug(c, &slug))
        .await
        .map_err(|e| match e {
            StoreError::NotFound => anyhow::anyhow!("there is no institution {institution}"),
            other => other.into(),
        })?
        .id;
    progress.set_style(
        ProgressStyle::with_template("{msg:>10} {pos} {per_sec}").expect("literal template"),
    );
    progress.set_message("reading");
    let mut held = Vec::new();
    let mut checked = check(source, source.rows(institution, &mut held)?, &progress)?;
    drop(held);
    let periods = period_table(store, &checked.periods).await?;
    let mut outcome = Outcome {
        failed: std::mem::take(&mut checked.failed),
        ..Outcome::default()
    };
    progress.set_position(0);
    progress.set_length(checked.good as u64);
    progress.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} {per_sec}")
            .expect("literal template")
            .progress_chars("=> "),
    );
    let writing = if options.dry_run {
        "checking"
    } else {
        "importing"
    };
    if options.continue_on_error {
        let mut held = Vec::new();
        let mut rows = pending(
            source,
            source.rows(institution, &mut held)?,
            &checked,
            &periods,
        );
        loop {
            let mut group = next_group(&mut rows)?;
            if group.is_empty() {
                break;
            }
            if let Some(dir) = &options.images {
                progress.set_message("images");
                let store_images = !options.dry_run;
                attach_files(
                    media,
                    dir,
                    institution_id,
                    &mut group,
                    store_images,
                    &mut outcome,
                )
                .await?;
            }
            progress.set_message(writing);
            let uploads = uploaded(&group);
            let bar = progress.clone();
            let written = transaction(store, options.dry_run, true, move |c, done| {
                write_batch(c, institution_id, group, &bar, done).map_err(Stop::Store)
            })
            .await;
            settle(media, written, uploads, &mut outcome).await?;
        }
    } else {
        let mut uploads = match &options.images {
            Some(dir) => {
                progress.set_message("images");
                let from = Images {
                    media,
                    dir,
                    institution_id,
                    dry_run: options.dry_run,
                };
                from.store_all(source, institution, &mut checked, &periods, &mut outcome)
                    .await?
            }
            None => HashMap::new(),
        };
        progress.set_message(writing);
        let ids = upload_ids(&uploads);
        let undo = options.dry_run || !outcome.failed.is_empty();
        let (source, institution, bar) = (source.clone(), institution.clone(), progress.clone());
        let written = transaction(store, undo, false, move |c, done| {
            let mut held = Vec::new();
            let rows = source.rows(&institution, &mut held).map_err(Stop::File)?;
            let mut rows = pending(&source, rows, &checked, &periods);
            loop {
                let mut group = next_group(&mut rows).map_err(Stop::File)?;
                if group.is_empty() {
                    return Ok(());
                }
                for p in &mut group {
                    p.upload = uploads.remove(&p.index);
                }
                write_batch(c, institution_id, group, &bar, done).map_err(Stop::Store)?;
            }
        })
        .await;
        settle(media, written, ids, &mut outcome).await?;
    }
    progress.finish_and_clear();
    Ok(outcome)
}

/// Where the images of an all-or-nothing import come from.
struct Images<'a> {
    media: &'a Media,
    dir: &'a Path,
    institution_id: i64,
    dry_run: bool,
}

impl Images<'_> {
    /// Stores the image of every row before the file's one transaction, by row position (on a
    /// dry run, or once the file has failed, only checks them); rows whose image is refused
    /// fail and are left out. A storage failure removes what was stored.
    async fn store_all(
        &self,
        source: &Source,
        institution: &Slug,
        checked: &mut Checked,
        periods: &PeriodTable,
        outcome: &mut Outcome,
    ) -> anyhow::Result<HashMap<usize, Upload>> {
        let mut uploads = HashMap::new();
        let mut refused = Vec::new();
        let attached: anyhow::Result<()> = async {
            let mut held = Vec::new();
            let rows = source.rows(institution, &mut held)?;
            let mut rows = pending(source, rows, checked, periods);
            loop {
                let mut group = next_group(&mut rows)?;
                if group.is_empty() {
                    return Ok(());
                }
                // A file already failed: its transaction will be undone, so images are only
                // checked.
                let store = !self.dry_run && outcome.failed.is_empty();
                let asked: Vec<usize> = group.iter().map(|p| p.index).collect();
                attach_files(
                    self.media,
                    self.dir,
                    self.institution_id,
                    &mut group,
                    store,
                    outcome,
                )
                .await?;
                let kept: HashSet<usize> = group.iter().map(|p| p.index).collect();
                refused.extend(asked.into_iter().filter(|i| !kept.contains(i)));
                uploads.extend(group.into_iter().filter_map(|p| Some((p.index, p.upload?))));
            }
        }
        .await;
        checked.skip.extend(refused);
        if let Err(e) = attached {
            remove_all(self.media, &upload_ids(&uploads)).await;
            return Err(e);
        }
        Ok(uploads)
    }
}

fn upload_ids(uploads: &HashMap<usize, Upload>) -> Vec<MediaId> {
    uploads.values().map(|u| u.id.clone()).collect()
}

/// Why a transaction's work stopped: the database failed, or the file did.
enum Stop {
    Store(StoreError),
    File(anyhow::Error),
}

/// Runs `work` in one transaction, undone when `undo` is set, or when a row failed and not
/// `keep_good`; says what was done and whether it was committed.
async fn transaction<F>(
    store: &Store,
    undo: bool,
    keep_good: bool,
    work: F,
) -> anyhow::Result<(GroupOutcome, bool)>
where
    F: FnOnce(&mut DbConnection, &mut GroupOutcome) -> Result<(), Stop> + Send + 'static,
{
    type Stash = Option<anyhow::Result<GroupOutcome>>;
    let stash: Arc<Mutex<Stash>> = Arc::new(Mutex::new(None));
    let kept = stash.clone();
    let written = store
        .write(move |c| {
            let mut done = GroupOutcome::default();
            let stashed = match work(c, &mut done) {
                Ok(()) if !undo && (keep_good || done.failed.is_empty()) => return Ok(done),
                Ok(()) => Ok(done),
                Err(Stop::Store(e)) => return Err(e),
                Err(Stop::File(e)) => Err(e),
            };
            *kept.lock().expect("not poisoned") = Some(stashed);
            Err(StoreError::rollback())
        })
        .await;
    match written {
        Ok(done) => Ok((done, true)),
        Err(e) => match stash.lock().expect("not poisoned").take() {
            Some(Ok(done)) => Ok((done, false)),
            Some(Err(file)) => Err(file),
            None => Err(e.into()),
        },
    }
}

/// Adds what a transaction did to `outcome`, and removes the images no written row kept (all
/// of `uploads` when it was undone or failed).
async fn settle(
    media: &Media,
    written: anyhow::Result<(GroupOutcome, bool)>,
    uploads: Vec<MediaId>,
    outcome: &mut Outcome,
) -> anyhow::Result<()> {
    let (done, committed) = match written {
        Ok(written) => written,
        Err(e) => {
            remove_all(media, &uploads).await;
            return Err(e);
        }
    };
    let unused: Vec<MediaId> = if committed { done.unused } else { uploads };
    remove_all(media, &unused).await;
    outcome.created += done.created;
    outcome.updated += done.updated;
    outcome.unchanged += done.unchanged;
    outcome.terms_created += done.terms_created;
    outcome.images += done.images;
    outcome.failed.extend(done.failed);
    outcome.rolled_back |= !committed;
    Ok(())
}

fn reason_at(at: &str, reason: &str) -> String {
    if reason.starts_with(at) {
        reason.to_owned()
    } else {
        format!("{at}: {reason}")
    }
}

/// The named periods Kolo knows (and those the file brings), by every label.
async fn period_table(store: &Store, brought: &[Term]) -> anyhow::Result<PeriodTable> {
    let mut terms: Vec<_> = store
        .read(|c| {
            let mut all = Vec::new();
            let mut after: Option<String> = None;
            loop {
                let page =
                    vocabularies::search(c, VocabularyKind::Period, "", after.as_deref(), 500)?;
                let Some(last) = page.last() else {
                    return Ok(all);
                };
                after = Some(last.value.key.as_str().to_owned());
                all.extend(page.into_iter().map(|r| r.value));
            }
        })
        .await?;
    terms.extend(brought.iter().cloned());
    let mut labels = Vec::new();
    for term in &terms {
        let Some(range) = term.years.and_then(|(e, l)| YearRange::new(e, l).ok()) else {
            continue;
        };
        for text in std::iter::once(&term.label).chain(&term.alt_labels) {
            labels.extend(text.iter().map(|(_, label)| (label.to_owned(), range)));
        }
    }
    Ok(PeriodTable::new(labels))
}

/// Gives a dating that has text but no years the years its text means (in the first language
/// whose text the parser reads); a dating it cannot read keeps no years, as a form's would.
fn fill_years(object: &mut MuseumObject, periods: &PeriodTable) {
    let Some(dating) = &mut object.dating else {
        return;
    };
    if dating.earliest.is_some() || dating.latest.is_some() {
        return;
    }
    if let Some(range) = dating
        .text
        .iter()
        .find_map(|(_, text)| parse_dating(text, periods).ok())
    {
        dating.earliest = Some(range.earliest);
        dating.latest = Some(range.latest);
    }
}

/// Finds each object's image file and stores it (or, not `store`, only checks it and counts it
/// as attached); an unreadable or refused image fails its row.
async fn attach_files(
    media: &Media,
    dir: &Path,
    institution_id: i64,
    group: &mut Vec<Pending>,
    store: bool,
    outcome: &mut Outcome,
) -> anyhow::Result<()> {
    let mut kept = Vec::with_capacity(group.len());
    for mut p in std::mem::take(group) {
        let number = p.imported.object.inventory_number.as_str();
        let Some(file) = IMAGE_EXTENSIONS
            .iter()
            .map(|ext| dir.join(format!("{number}.{ext}")))
            .find(|f| !number.contains(['/', '\\']) && f.is_file())
        else {
            kept.push(p);
            continue;
        };
        let name = file
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let bytes = match std::fs::read(&file) {
            Ok(bytes) => bytes,
            Err(e) => {
                outcome.failed.push(format!("{}: image {name}: {e}", p.at));
                continue;
            }
        };
        let checked = if !store {
            let limits = *media.limits();
            tokio::task::spawn_blocking(move || {
                kolo_media::intake::prepare(bytes.into(), &limits).map(|_| None)
            })
            .await?
            .map_err(|e| e.to_string())
        } else {
            let id = MediaId::random();
            match media.upload(&id, bytes.into()).await {
                Ok(prepared) => Ok(Some(Upload {
                    new: NewMedia {
                        id: id.clone(),
                        institution_id,
                        original_filename: name.clone(),
                        mime: prepared.mime.to_owned(),
                        width: i64::from(prepared.width),
                        height: i64::from(prepared.height),
                        bytes: prepared.master.len() as i64,
                        sha256: prepared.sha256,
                    },
                    id,
                })),
                Err(kolo_media::UploadError::Storage(e)) => {
                    remove_all(media, &uploaded(&kept)).await;
                    return Err(e.into());
                }
                Err(refused) => Err(refused.to_string()),
            }
        };
        match checked {
            Ok(upload) => {
                outcome.images += usize::from(upload.is_none());
                p.upload = upload;
                kept.push(p);
            }
            Err(reason) => outcome
                .failed
                .push(format!("{}: image {name}: {reason}", p.at)),
        }
    }
    *group = kept;
    Ok(())
}

fn uploaded(group: &[Pending]) -> Vec<MediaId> {
    group
        .iter()
        .filter_map(|p| p.upload.as_ref().map(|u| u.id.clone()))
        .collect()
}

/// Deletes the blobs of images no row kept; a failure leaves unreferenced blobs, logged.
async fn remove_all(media: &Media, ids: &[MediaId]) {
    for id in ids {
        if let Err(e) = media.remove(id).await {
            tracing::error!(%id, error = %e, "cannot remove the blobs of an image not imported");
        }
    }
}

/// What one transaction did.
#[derive(Default)]
struct GroupOutcome {
    created: usize,
    updated: usize,
    unchanged: usize,
    terms_created: usize,
    images: usize,
    failed: Vec<String>,
    /// Images stored for rows that were not written, or that the object already has.
    unused: Vec<MediaId>,
}

/// Writes a batch of objects (at most [`CHUNK`]), keeping the images objects already have
/// (files carry none) and adding each new image once; adds what it did to `done`.
fn write_batch(
    c: &mut DbConnection,
    institution_id: i64,
    batch: Vec<Pending>,
    bar: &ProgressBar,
    done: &mut GroupOutcome,
) -> Result<(), StoreError> {
    let mut objects_in = Vec::with_capacity(batch.len());
    let mut new_images = Vec::with_capacity(batch.len());
    let mut terms = Vec::new();
    for p in &batch {
        let mut object = p.imported.object.clone();
        if let Some(id) = objects::find(c, institution_id, object.inventory_number.as_str())? {
            object.images = objects::get(c, id)?.value.images;
        }
        let mut adds = None;
        if let Some(upload) = &p.upload {
            let known: HashSet<String> = object
                .images
                .iter()
                .filter_map(|i| media::get(c, &i.media).ok())
                .map(|m| m.sha256)
                .collect();
            if known.contains(&upload.new.sha256) {
                done.unused.push(upload.id.clone());
            } else {
                object.images.push(ObjectImage {
                    media: upload.id.clone(),
                    caption: LocalizedText::new(),
                    rights: None,
                });
                adds = Some(upload);
            }
        }
        new_images.push(adds);
        terms.extend(p.imported.terms.iter().cloned());
        objects_in.push(object);
    }
    // An object may name only images that exist: their rows come first, and go again
    // with the rows that failed.
    for upload in new_images.iter().flatten() {
        media::create(c, None, &upload.new)?;
    }
    let outcome = objects::upsert_batch(c, None, &objects_in, &terms, OnError::SkipRow)?;
    let failed: HashSet<usize> = outcome.failed.iter().map(|(i, _)| *i).collect();
    for (i, add) in new_images.into_iter().enumerate() {
        let Some(upload) = add else { continue };
        if failed.contains(&i) {
            media::discard(c, &upload.id)?;
            done.unused.push(upload.id.clone());
        } else {
            done.images += 1;
        }
    }
    for (i, errors) in outcome.failed {
        let reasons: Vec<String> = errors.errors.iter().map(ToString::to_string).collect();
        done.failed
            .push(format!("{}: {}", batch[i].at, reasons.join("; ")));
    }
    done.created += outcome.created;
    done.updated += outcome.updated;
    done.unchanged += outcome.unchanged;
    done.terms_created += outcome.terms_created;
    bar.inc(batch.len() as u64);
    Ok(())
}
