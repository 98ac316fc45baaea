//! Importing museum objects from files: CSV, JSON Lines and LIDO (told apart by their content)
//! and the Tate collection's dataset, through the readers of `kolo_interop` and the store's
//! batch upsert (matched by institution and inventory number).
//!
//! A file is one transaction: any bad row writes nothing. With `continue_on_error` the good rows
//! are committed in chunks of [`CHUNK`], so an interrupted import keeps what it committed and a
//! rerun goes quickly over those rows (unchanged objects write nothing). Datings the file gives
//! only as text get their years from the dating parser, with the period vocabulary's labels.
//! Images (`--images DIR`, files named by inventory number) are stored before the transaction
//! and removed again when their rows are not written.

use indicatif::{ProgressBar, ProgressStyle};
use kolo_domain::collection::{MuseumObject, ObjectImage};
use kolo_domain::vocabulary::VocabularyKind;
use kolo_domain::{LocalizedText, MediaId, PeriodTable, Slug, YearRange, parse_dating};
use kolo_interop::objects::ImportedObject;
use kolo_interop::{lido, object_table, tate};
use kolo_media::Media;
use kolo_store::repo::media::{self, NewMedia};
use kolo_store::repo::objects::{self, OnError};
use kolo_store::repo::{institutions, vocabularies};
use kolo_store::{Store, StoreError};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Objects per committed chunk with `continue_on_error`, and per batch within a transaction.
pub const CHUNK: usize = 1000;

/// Image file extensions looked for, in this order.
const IMAGE_EXTENSIONS: [&str; 6] = ["jpg", "jpeg", "png", "tif", "tiff", "webp"];

/// One record of a file: where it is ("row 3 (line 4)"), and the object or why there is none.
pub struct Row {
    pub at: String,
    pub object: Result<ImportedObject, String>,
}

fn row(kind: &str, n: usize, object: &ImportedObject) -> String {
    match &object.source_id {
        Some(id) => format!("{kind} {n} ({id})"),
        None => format!("{kind} {n} ({})", object.object.inventory_number.as_str()),
    }
}

/// Reads a CSV, JSON Lines or LIDO file, told apart by its first character (`<`, `{`, else CSV).
pub fn read_file(
    file: &Path,
    mapping: Option<&Path>,
    institution: &Slug,
) -> anyhow::Result<Vec<Row>> {
    let shown = file.display();
    let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("reading {shown}: {e}"))?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let first = body.iter().find(|b| !b.is_ascii_whitespace()).copied();
    let mapping = match mapping {
        Some(path) => {
            anyhow::ensure!(
                first != Some(b'<'),
                "{shown} is LIDO XML: a mapping file is for CSV and JSON Lines"
            );
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))?;
            Some(
                object_table::Mapping::parse(&text)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
            )
        }
        None => None,
    };
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
    Ok(match first {
        Some(b'<') => {
            let batch = lido::read(body, institution)
                .map_err(|e| anyhow::anyhow!("{shown}: {e}; nothing was imported"))?;
            batch
                .records
                .into_iter()
                .enumerate()
                .map(|(i, r)| match r {
                    Ok(o) => Row {
                        at: row("record", i + 1, &o),
                        object: Ok(o),
                    },
                    Err(e) => Row {
                        at: format!("record {}", e.record.unwrap_or(i + 1)),
                        object: Err(e.to_string()),
                    },
                })
                .collect()
        }
        Some(b'{') => object_table::read_jsonl(body, mapping.as_ref(), institution)
            .enumerate()
            .map(table_row)
            .collect(),
        _ => object_table::read_csv(body, mapping.as_ref(), institution)
            .map_err(|e| anyhow::anyhow!("{shown}: {e}; nothing was imported"))?
            .enumerate()
            .map(table_row)
            .collect(),
    })
}

/// Reads the first `limit` artworks (all without one) of a Tate dataset.
pub fn read_tate(
    path: &Path,
    institution: &Slug,
    limit: Option<usize>,
) -> anyhow::Result<Vec<Row>> {
    let artworks = tate::open(path, institution).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(artworks
        .take(limit.unwrap_or(usize::MAX))
        .enumerate()
        .map(|(i, r)| match r {
            Ok(o) => Row {
                at: row("record", i + 1, &o),
                object: Ok(o),
            },
            Err(e) => Row {
                at: format!("record {}", i + 1),
                object: Err(e.to_string()),
            },
        })
        .collect())
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
    at: String,
    imported: ImportedObject,
    upload: Option<Upload>,
}

/// Imports the rows into `institution` (see the module doc).
pub async fn import(
    store: &Store,
    media: &Media,
    institution: &Slug,
    rows: Vec<Row>,
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
    let mut outcome = Outcome::default();
    let mut pending = Vec::new();
    let mut first_at: HashMap<String, String> = HashMap::new();
    for r in rows {
        match r.object {
            Err(reason) => outcome.failed.push(reason_at(&r.at, &reason)),
            Ok(imported) => {
                let number = imported.object.inventory_number.as_str().to_owned();
                if let Some(first) = first_at.get(&number) {
                    outcome
                        .failed
                        .push(format!("{}: inventory_number: the same as {first}", r.at));
                    continue;
                }
                first_at.insert(number, r.at.clone());
                pending.push(Pending {
                    at: r.at,
                    imported,
                    upload: None,
                });
            }
        }
    }
    let periods = period_table(store, &pending).await?;
    for p in &mut pending {
        fill_years(&mut p.imported.object, &periods);
    }
    progress.set_length(pending.len() as u64);
    progress.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} {per_sec}")
            .expect("literal template")
            .progress_chars("=> "),
    );
    let group_len = if options.continue_on_error {
        CHUNK
    } else {
        pending.len().max(1)
    };
    let mut groups = Vec::new();
    while !pending.is_empty() {
        let rest = pending.split_off(group_len.min(pending.len()));
        groups.push(std::mem::replace(&mut pending, rest));
    }
    for mut group in groups {
        if let Some(dir) = &options.images {
            progress.set_message("images");
            // A file already failed: its transaction will be undone, so images are only checked.
            let store_images =
                !options.dry_run && (options.continue_on_error || outcome.failed.is_empty());
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
        progress.set_message(if options.dry_run {
            "checking"
        } else {
            "importing"
        });
        let uploads: Vec<MediaId> = group
            .iter()
            .filter_map(|p| p.upload.as_ref().map(|u| u.id.clone()))
            .collect();
        let all_or_nothing_failed = !options.continue_on_error && !outcome.failed.is_empty();
        let rollback = options.dry_run || all_or_nothing_failed;
        let continue_on_error = options.continue_on_error;
        let stash = Arc::new(Mutex::new(None));
        let kept = stash.clone();
        let bar = progress.clone();
        let written = store
            .write(move |c| {
                let done = write_group(c, institution_id, group, &bar)?;
                if rollback || (!done.failed.is_empty() && !continue_on_error) {
                    *kept.lock().expect("not poisoned") = Some(done);
                    return Err(StoreError::rollback());
                }
                Ok(done)
            })
            .await;
        let (done, committed) = match written {
            Ok(done) => (done, true),
            Err(e) => {
                let stashed = stash.lock().expect("not poisoned").take();
                match stashed {
                    Some(done) => (done, false),
                    None => {
                        remove_all(media, &uploads).await;
                        return Err(e.into());
                    }
                }
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
    }
    progress.finish_and_clear();
    Ok(outcome)
}

fn reason_at(at: &str, reason: &str) -> String {
    if reason.starts_with(at) {
        reason.to_owned()
    } else {
        format!("{at}: {reason}")
    }
}

/// The named periods Kolo knows (and those the file brings), by every label.
async fn period_table(store: &Store, pending: &[Pending]) -> anyhow::Result<PeriodTable> {
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
    terms.extend(
        pending
            .iter()
            .flat_map(|p| &p.imported.terms)
            .filter(|t| t.kind == VocabularyKind::Period)
            .cloned(),
    );
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

/// Writes a group of objects in batches of [`CHUNK`], keeping the images objects already have
/// (files carry none) and adding each new image once.
fn write_group(
    c: &mut kolo_store::DbConnection,
    institution_id: i64,
    group: Vec<Pending>,
    bar: &ProgressBar,
) -> Result<GroupOutcome, StoreError> {
    let mut done = GroupOutcome {
        created: 0,
        updated: 0,
        unchanged: 0,
        terms_created: 0,
        images: 0,
        failed: Vec::new(),
        unused: Vec::new(),
    };
    let mut group = group;
    while !group.is_empty() {
        let rest = group.split_off(CHUNK.min(group.len()));
        let batch = std::mem::replace(&mut group, rest);
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
    }
    Ok(done)
}
