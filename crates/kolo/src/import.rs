//! Importing record bundles (see `kolo_interop::bundle`) and schedule files: all files are parsed
//! and checked first, then everything is written in one transaction, so a bad file changes
//! nothing. Saving is idempotent (by slug, by guid), so an interrupted or repeated import is
//! simply run again.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use kolo_interop::bundle::{self, Bundle};
use kolo_store::Store;
use kolo_store::StoreError;
use kolo_store::repo::objects::{self, OnError};
use kolo_store::repo::{
    Saved, collections, documents, events, exhibitions, institutions, networks, posts, projects,
    registrations, stories, vocabularies,
};
use std::collections::HashMap;
use std::path::Path;

/// Counts of what an import did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl Report {
    fn count(&mut self, saved: Saved) {
        match saved {
            Saved::Created => self.created += 1,
            Saved::Updated => self.updated += 1,
            Saved::Unchanged => self.unchanged += 1,
        }
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} created, {} updated, {} unchanged",
            self.created, self.updated, self.unchanged
        )
    }
}

/// Reads every record file (`networks/`, `institutions/`, `events/`, `exhibitions/`,
/// `stories/`, `projects/`, `posts/` `*.toml`) under `dir`.
pub fn read_dir(dir: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    for folder in [
        "networks",
        "institutions",
        "events",
        "vocabularies",
        "collections",
        "objects",
        "exhibitions",
        "stories",
        "projects",
        "posts",
    ] {
        let sub = dir.join(folder);
        if !sub.is_dir() {
            continue;
        }
        for entry in
            std::fs::read_dir(&sub).with_context(|| format!("reading {}", sub.display()))?
        {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("reading {}", path.display()))?;
                files.push((
                    format!(
                        "{folder}/{}",
                        path.file_name().unwrap_or_default().to_string_lossy()
                    ),
                    text,
                ));
            }
        }
    }
    anyhow::ensure!(
        !files.is_empty(),
        "{} holds no networks/, institutions/, events/, vocabularies/, collections/, objects/, \
         exhibitions/, stories/, projects/ or posts/ *.toml files",
        dir.display()
    );
    Ok(files)
}

pub fn parse(files: &[(String, String)]) -> anyhow::Result<Bundle> {
    bundle::parse(files.iter().map(|(p, t)| (p.as_str(), t.as_str()))).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        anyhow::anyhow!(
            "the bundle has {} problem(s); nothing was imported:\n{}",
            errors.len(),
            lines.join("\n")
        )
    })
}

/// Writes a parsed bundle in one transaction.
pub async fn import(
    store: &Store,
    bundle: Bundle,
    progress: ProgressBar,
) -> anyhow::Result<Report> {
    progress.set_length(bundle.len() as u64);
    progress.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len}")
            .expect("literal template")
            .progress_chars("=> "),
    );
    progress.set_message("importing");
    let bar = progress.clone();
    let report = store
        .write(move |c| {
            let mut report = Report::default();
            let mut ids = HashMap::new();
            for network in &bundle.networks {
                let (id, saved) = networks::save_by_slug(c, None, network)?;
                ids.insert(network.slug.to_string(), id);
                report.count(saved);
                bar.inc(1);
            }
            for entry in &bundle.institutions {
                let (id, saved) = institutions::save_by_slug(c, None, &entry.institution)?;
                let network_ids: Vec<i64> =
                    entry.networks.iter().map(|s| ids[s.as_str()]).collect();
                let memberships = institutions::set_networks(c, None, id, &network_ids)?;
                report.count(if saved == Saved::Unchanged {
                    memberships
                } else {
                    saved
                });
                bar.inc(1);
            }
            for term in &bundle.terms {
                report.count(vocabularies::save(c, None, term)?.1);
                bar.inc(1);
            }
            for collection in &bundle.collections {
                report.count(collections::save(c, None, collection)?.1);
                bar.inc(1);
            }
            // Catalogue files rarely carry images: an object written without any keeps those
            // it has (uploads, the demo's pictures).
            let mut bundle = bundle;
            for o in bundle.objects.iter_mut().filter(|o| o.images.is_empty()) {
                let r = kolo_domain::ObjectRef {
                    institution: o.institution.clone(),
                    inventory_number: o.inventory_number.clone(),
                };
                if let Some(stored) = objects::find_by_ref(c, &r)? {
                    o.images = stored.value.images;
                }
            }
            let outcome =
                objects::upsert_batch(c, None, &bundle.objects, &[], OnError::WriteNothing)?;
            if !outcome.failed.is_empty() {
                // Name the object in errors: the store only knows its place in the batch.
                let mut all = kolo_domain::ValidationErrors::default();
                for (row, errors) in outcome.failed {
                    let o = &bundle.objects[row];
                    for fe in errors.errors {
                        all.push(kolo_domain::FieldError::new(
                            format!(
                                "objects ({} {}): {}",
                                o.institution, o.inventory_number, fe.field
                            ),
                            &fe.reason,
                        ));
                    }
                }
                return Err(StoreError::Invalid(all));
            }
            report.created += outcome.created;
            report.updated += outcome.updated;
            report.unchanged += outcome.unchanged;
            bar.inc(bundle.objects.len() as u64);
            for entry in &bundle.events {
                let path = format!("events/{}.toml", entry.event.slug);
                let in_file = |e: StoreError| match e {
                    // The one name an import can reuse: a changed programme under a version
                    // name the event already published.
                    StoreError::Taken { field: "name" } => StoreError::Invalid(
                        kolo_domain::FieldError::new(format!("{path}: programme_version"), "taken")
                            .into_errors(),
                    ),
                    other => in_file(&path, other),
                };
                let (id, saved) = events::save_by_slug(c, None, &entry.event).map_err(in_file)?;
                let (programme, version, _warnings) = events::set_and_publish_programme(
                    c,
                    None,
                    id,
                    &entry.programme,
                    entry.programme_version.as_deref(),
                )
                .map_err(in_file)?;
                let mut parts_changed = programme != Saved::Unchanged || version.is_some();
                for doc in &entry.documents {
                    let (_, saved) = documents::save(c, None, id, doc).map_err(in_file)?;
                    parts_changed |= saved != Saved::Unchanged;
                }
                // Settings already in place write nothing; an import never removes them.
                if let Some(s) = &entry.registration
                    && registrations::settings(c, id)?.as_ref() != Some(s)
                {
                    let promoted = registrations::set_settings(c, None, id, s)?;
                    if !promoted.is_empty() {
                        tracing::warn!(
                            event = %entry.event.slug,
                            promoted = promoted.len(),
                            "registrants moved up from the waiting list are not e-mailed by an import"
                        );
                    }
                    parts_changed = true;
                }
                report.count(if saved == Saved::Unchanged && parts_changed {
                    Saved::Updated
                } else {
                    saved
                });
                bar.inc(1);
            }
            for x in &bundle.exhibitions {
                let path = format!("exhibitions/{}.toml", x.slug);
                let (_, saved) =
                    exhibitions::save_by_slug(c, None, x).map_err(|e| in_file(&path, e))?;
                report.count(saved);
                bar.inc(1);
            }
            for story in &bundle.stories {
                let path = format!("stories/{}.toml", story.slug);
                let (_, saved) =
                    stories::save_by_slug(c, None, story).map_err(|e| in_file(&path, e))?;
                report.count(saved);
                bar.inc(1);
            }
            for p in &bundle.projects {
                let path = format!("projects/{}.toml", p.slug);
                let (_, saved) =
                    projects::save_by_slug(c, None, p).map_err(|e| in_file(&path, e))?;
                report.count(saved);
                bar.inc(1);
            }
            for post in &bundle.posts {
                let path = format!("posts/{}.toml", post.slug);
                let (_, saved) =
                    posts::save_by_slug(c, None, post).map_err(|e| in_file(&path, e))?;
                report.count(saved);
                bar.inc(1);
            }
            Ok(report)
        })
        .await?;
    progress.finish_and_clear();
    Ok(report)
}

/// Names the file in a store's field errors: the store only knows the field.
fn in_file(path: &str, e: StoreError) -> StoreError {
    match e {
        StoreError::Invalid(mut v) => {
            for fe in &mut v.errors {
                fe.field = format!("{path}: {}", fe.field);
            }
            StoreError::Invalid(v)
        }
        other => other,
    }
}

/// Imports a Frab schedule file into an event (see `kolo_web::programme_files`), creating the
/// event when `host` is given and the slug names none.
pub async fn frab(
    store: &Store,
    file: &Path,
    event: &str,
    host: Option<&str>,
    lang: &str,
) -> anyhow::Result<String> {
    use kolo_web::programme_files::{self, NewEvent, ScheduleFile};
    let size = std::fs::metadata(file)
        .with_context(|| format!("reading {}", file.display()))?
        .len();
    anyhow::ensure!(
        size <= kolo_interop::frab::MAX_BYTES as u64,
        "{}: {size} bytes is larger than a schedule file may be ({} bytes); nothing was imported",
        file.display(),
        kolo_interop::frab::MAX_BYTES
    );
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let schedule = ScheduleFile::read(&bytes)
        .map_err(|e| anyhow::anyhow!("{}: {e}; nothing was imported", file.display()))?;
    let create = match host {
        Some(host) => Some(NewEvent {
            host: kolo_domain::Slug::parse("--host", host).map_err(|e| anyhow::anyhow!("{e}"))?,
            lang: lang.parse().map_err(|e| anyhow::anyhow!("--lang: {e}"))?,
        }),
        None => None,
    };
    let slug = event.to_owned();
    let done = store
        .write(move |c| programme_files::import(c, None, &slug, &schedule, create.as_ref()))
        .await
        .map_err(|e| match e {
            StoreError::NotFound => anyhow::anyhow!(
                "there is no event {event} (or no institution named by --host); give --host INSTITUTION to create the event from the file"
            ),
            StoreError::Invalid(v) => {
                let lines: Vec<String> = v.errors.iter().map(ToString::to_string).collect();
                anyhow::anyhow!(
                    "{}: {} problem(s); nothing was imported:\n{}",
                    file.display(),
                    lines.len(),
                    lines.join("\n")
                )
            }
            other => other.into(),
        })?;
    let mut report = format!("{} programme items", done.items.len());
    match &done.published {
        Some(version) => report.push_str(&format!(", published as version {version}")),
        None => report.push_str(", the published programme is unchanged"),
    }
    for w in &done.warnings {
        let item = kolo_interop::frab_mapping::name_items(&w.field, &done.items);
        report.push_str(&format!(
            "\nwarning: {item} is in the same hall at the same time as event {}",
            w.overlaps
        ));
    }
    Ok(report)
}

/// An event's programme as a Frab schedule, with links under `site`.
pub async fn export_frab(
    store: &Store,
    site: &str,
    event: &str,
    format: kolo_interop::frab_mapping::Format,
) -> anyhow::Result<String> {
    let site = site.trim_end_matches('/').to_owned();
    let slug = event.to_owned();
    store
        .read(move |c| {
            let event_page = format!("{site}/events/{slug}");
            let schedule = format!("{event_page}/schedule.{}", format.code());
            let urls = kolo_interop::frab_mapping::ExportUrls {
                site: &format!("{site}/"),
                event_page: &event_page,
                schedule: &schedule,
            };
            kolo_web::programme_files::export(c, &slug, format, &urls)
        })
        .await
        .map_err(|e| match e {
            StoreError::NotFound => anyhow::anyhow!("there is no event {event}"),
            other => other.into(),
        })
}
