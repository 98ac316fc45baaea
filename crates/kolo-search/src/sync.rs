//! Keeping the index in step with the database: following the change log, and building from
//! scratch (resumable: a build records in each commit how far it got).
//!
//! Every server process, on SQLite or on a PostgreSQL shared by several, keeps its own index
//! and follows the one log, so each sees every committed write within a poll.

use crate::SearchError;
use crate::document::{self, GROUP_KINDS, Group, Labels};
use crate::index::{Position, SearchIndex};
use kolo_store::repo::search_changes::{self, Change};
use kolo_store::{DbConnection, Store};
use std::sync::Arc;
use std::time::Duration;

/// Change-log entries per batch.
const BATCH: i64 = 1000;
/// Records read per step of a build; a build commits every [`BUILD_COMMIT`] of them.
const BUILD_STEP: i64 = 500;
const BUILD_COMMIT: u64 = 50_000;
/// A missing entry number younger than this may still be an open transaction's (PostgreSQL
/// hands out numbers before commit): the position waits for it, though later entries are
/// applied at once (applying an entry again is harmless).
const GAP_PATIENCE: chrono::TimeDelta = chrono::TimeDelta::seconds(10);
/// Entries older than this are pruned; an index further behind is rebuilt.
const KEEP_CHANGES: chrono::TimeDelta = chrono::TimeDelta::days(7);

/// Told how a build is going: the kind of record, and how many records so far in all.
pub type Progress = Arc<dyn Fn(&str, u64) + Send + Sync>;

/// Brings the index up to date: builds it (or finishes a build) if it must, then applies the
/// change log. Returns how many log entries were applied.
pub async fn catch_up(
    store: &Store,
    index: &Arc<SearchIndex>,
    progress: Progress,
) -> Result<usize, SearchError> {
    let index = index.clone();
    Ok(store
        .read(move |c| catch_up_on(c, &index, &progress).map_err(into_store_error))
        .await?)
}

/// Builds the index from scratch (or finishes an interrupted build), then applies the log.
pub async fn rebuild(
    store: &Store,
    index: &Arc<SearchIndex>,
    progress: Progress,
) -> Result<Position, SearchError> {
    let index = index.clone();
    Ok(store
        .read(move |c| {
            let unfinished = index.position().filter(|p| p.building.is_some());
            build(c, &index, unfinished, &progress)
                .and_then(|p| follow(c, &index, p))
                .map_err(into_store_error)?;
            index.position().ok_or_else(|| {
                kolo_store::StoreError::Connection("the search index lost its position".into())
            })
        })
        .await?)
}

/// Search failures inside store work travel as store errors, with their words kept.
fn into_store_error(e: SearchError) -> kolo_store::StoreError {
    match e {
        SearchError::Store(e) => e,
        other => kolo_store::StoreError::Connection(other.to_string()),
    }
}

fn catch_up_on(
    c: &mut DbConnection,
    index: &SearchIndex,
    progress: &Progress,
) -> Result<usize, SearchError> {
    let position = match index.position() {
        Some(p) if p.building.is_none() => {
            let pruned = search_changes::first_seq(c)?.is_some_and(|first| first > p.seq + 1);
            if pruned {
                build(c, index, None, progress)?
            } else {
                p
            }
        }
        resumed => build(c, index, resumed, progress)?,
    };
    follow(c, index, position)
}

/// Builds the index from the records, resuming `resumed` if it is an unfinished build.
pub fn build(
    c: &mut DbConnection,
    index: &SearchIndex,
    resumed: Option<Position>,
    progress: &Progress,
) -> Result<Position, SearchError> {
    let (start, mut at) = match resumed.and_then(|p| Some((p.seq, p.building?))) {
        Some((seq, at)) => (seq, at),
        None => {
            // Read the log's end first: whatever is written while the records are read is
            // applied again afterwards.
            let start = search_changes::last_seq(c)?;
            index.clear()?;
            let at = (GROUP_KINDS[0].to_owned(), 0);
            // Recorded at once, so an interrupted build is finished rather than trusted.
            index.commit(&Position {
                seq: start,
                building: Some(at.clone()),
                ..Default::default()
            })?;
            (start, at)
        }
    };
    let mut labels = Labels::default();
    let mut done = 0u64;
    let from = GROUP_KINDS.iter().position(|k| *k == at.0).unwrap_or(0);
    for kind in &GROUP_KINDS[from..] {
        let mut after = if *kind == at.0 { at.1 } else { 0 };
        loop {
            let batch = document::load_batch(c, kind, after, BUILD_STEP, &mut labels)?;
            let Some(&(last, _)) = batch.last() else {
                break;
            };
            for (id, docs) in batch {
                index.add(&Group { kind, id }, &docs)?;
                done += 1;
                if done.is_multiple_of(BUILD_COMMIT) {
                    at = ((*kind).to_owned(), id);
                    index.commit(&Position {
                        seq: start,
                        building: Some(at.clone()),
                        ..Default::default()
                    })?;
                }
            }
            after = last;
            progress(kind, done);
        }
    }
    let position = Position {
        seq: start,
        building: None,
        ..Default::default()
    };
    index.commit(&position)?;
    Ok(position)
}

/// Applies the change log after `position`, in batches.
fn follow(
    c: &mut DbConnection,
    index: &SearchIndex,
    mut position: Position,
) -> Result<usize, SearchError> {
    let mut applied = 0;
    let mut labels = Labels::default();
    let mut scanned_to = position.seq;
    loop {
        let changes = search_changes::after(c, scanned_to, BATCH)?;
        if changes.is_empty() {
            return Ok(applied);
        }
        let mut groups: Vec<Group> = Vec::new();
        for change in &changes {
            groups.extend(document::groups_of_change(
                c,
                &change.kind,
                change.record_id,
            )?);
        }
        groups.sort();
        groups.dedup();
        for group in &groups {
            index.replace(group, &document::load(c, group, &mut labels)?)?;
        }
        position.seq = safe_position(position.seq, &changes, kolo_store::now());
        index.commit(&position)?;
        applied += changes.len();
        scanned_to = changes.last().map_or(scanned_to, |c| c.seq);
    }
}

/// How far the log is applied without a hole that an open transaction may still fill.
fn safe_position(from: i64, changes: &[Change], now: chrono::NaiveDateTime) -> i64 {
    let mut safe = from;
    for change in changes {
        if change.seq != safe + 1 && now - change.at < GAP_PATIENCE {
            break;
        }
        safe = change.seq;
    }
    safe
}

/// Follows the log for as long as the server runs: a poll every quarter of a second, and
/// pruning of old entries once an hour.
pub async fn follow_forever(store: Store, index: Arc<SearchIndex>, progress: Progress) {
    let mut last_prune = std::time::Instant::now() - Duration::from_secs(3600);
    loop {
        match index.take_lock() {
            // Another process writes the index for now (the server this one replaces); its
            // commits are read meanwhile.
            Err(SearchError::Busy) => {}
            Err(e) => tracing::error!(error = %e, "search index: cannot write it"),
            Ok(()) => {
                if let Err(e) = catch_up(&store, &index, progress.clone()).await {
                    tracing::error!(error = %e, "search index: following the change log failed");
                }
            }
        }
        if last_prune.elapsed() >= Duration::from_secs(3600) {
            last_prune = std::time::Instant::now();
            let before = kolo_store::now() - KEEP_CHANGES;
            if let Err(e) = store.read(move |c| search_changes::prune(c, before)).await {
                tracing::warn!(error = %e, "search index: pruning the change log failed");
            }
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(seq: i64, seconds_ago: i64, now: chrono::NaiveDateTime) -> Change {
        Change {
            seq,
            at: now - chrono::TimeDelta::seconds(seconds_ago),
            kind: "object".into(),
            record_id: seq,
        }
    }

    #[test]
    fn the_position_waits_for_a_recent_hole_but_not_an_old_one() {
        let now = kolo_store::now();
        let run = [change(1, 1, now), change(2, 1, now), change(4, 1, now)];
        assert_eq!(safe_position(0, &run, now), 2, "3 may still commit");
        let old = [change(1, 60, now), change(3, 60, now), change(4, 1, now)];
        assert_eq!(safe_position(0, &old, now), 4, "2 was rolled back long ago");
        assert_eq!(safe_position(5, &[], now), 5);
    }
}
