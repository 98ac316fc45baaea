//! Online backup and restore. A backup is a tar archive holding `kolo.sqlite3` (a consistent
//! copy made with `VACUUM INTO` while the server keeps running) and the `media/` folder.

use anyhow::Context;
use kolo_store::Store;
use std::path::Path;

const DB_ENTRY: &str = "kolo.sqlite3";
const MEDIA_ENTRY: &str = "media";

pub async fn backup(store: &Store, media: &Path, target: &Path) -> anyhow::Result<()> {
    let work = tempfile_in(target)?;
    let db_copy = work.path().join(DB_ENTRY);
    store
        .backup_sqlite(db_copy.clone())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    // Write next to the target and rename, so a failed backup never leaves a half-written archive.
    let partial = target.with_extension("partial");
    {
        let file = std::fs::File::create(&partial)
            .with_context(|| format!("creating {}", partial.display()))?;
        let mut archive = tar::Builder::new(file);
        archive.append_path_with_name(&db_copy, DB_ENTRY)?;
        if media.is_dir() {
            archive.append_dir_all(MEDIA_ENTRY, media)?;
        }
        archive.into_inner()?.sync_all()?;
    }
    std::fs::rename(&partial, target)?;
    Ok(())
}

pub fn restore(archive: &Path, sqlite_path: &Path, media: &Path) -> anyhow::Result<()> {
    anyhow::ensure!(
        !sqlite_path.exists(),
        "{} already exists; restore into an empty data folder (move the old one aside first)",
        sqlite_path.display()
    );
    let data = sqlite_path
        .parent()
        .context("the database path has no folder")?;
    std::fs::create_dir_all(data)?;
    let staging = tempfile_in(sqlite_path)?;
    let file =
        std::fs::File::open(archive).with_context(|| format!("opening {}", archive.display()))?;
    tar::Archive::new(file)
        .unpack(staging.path())
        .with_context(|| format!("unpacking {}", archive.display()))?;
    let db = staging.path().join(DB_ENTRY);
    anyhow::ensure!(
        db.is_file(),
        "{} is not a Kolo backup: it has no {DB_ENTRY}",
        archive.display()
    );
    let restored_media = staging.path().join(MEDIA_ENTRY);
    if restored_media.is_dir() {
        anyhow::ensure!(
            !media.exists() || std::fs::read_dir(media)?.next().is_none(),
            "{} is not empty",
            media.display()
        );
        if media.exists() {
            std::fs::remove_dir(media)?;
        }
        std::fs::rename(&restored_media, media)?;
    }
    std::fs::rename(&db, sqlite_path)?;
    Ok(())
}

/// A scratch folder on the same file system as `near`, so renames out of it are atomic.
fn tempfile_in(near: &Path) -> anyhow::Result<tempfile::TempDir> {
    let dir = near
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    Ok(tempfile::Builder::new().prefix(".kolo-").tempdir_in(dir)?)
}
