//! The folder of shared test material (`../shared/` next to the repository).

use std::path::{Path, PathBuf};

/// The folder of shared test material: `$KOLO_SHARED` if set, else `<workspace root>/../shared`.
pub fn shared_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("KOLO_SHARED") {
        return PathBuf::from(dir);
    }
    let root = crate::workspace_root();
    root.parent().unwrap_or(&root).join("shared")
}

/// The real conference schedules under `datasets/frab/`: frab (2014 XML, 2019 JSON), pretalx
/// (two JSON exports) and a hub `schedule2` file.
pub const FRAB_DATASETS: [&str; 5] = [
    "31c3-schedule.xml",
    "frab-camp2019.json",
    "pretalx-democon.json",
    "pretalx-rc3.json",
    "hub-schedule2.json",
];

/// The path of `rel` under [`shared_dir`], if it exists.
///
/// A missing file is a failure in CI (`CI=true`): this panics. Elsewhere it prints
/// `SKIPPED: <rel> not found under <dir>` to stderr and returns `None`; the caller then returns
/// early:
///
/// ```no_run
/// let Some(seed) = kolo_testkit::shared_file("seeds/000_b9ec25b2b1c855aa.txt") else { return };
/// ```
pub fn shared_file(rel: &str) -> Option<PathBuf> {
    shared_file_in(&shared_dir(), rel, crate::in_ci())
}

fn shared_file_in(dir: &Path, rel: &str, ci: bool) -> Option<PathBuf> {
    let path = dir.join(rel);
    if path.exists() {
        return Some(path);
    }
    if ci {
        panic!(
            "shared test material {rel} not found under {} (CI=true: missing material is a failure; set KOLO_SHARED to its folder)",
            dir.display()
        );
    }
    eprintln!("SKIPPED: {rel} not found under {}", dir.display());
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_seed_file() {
        let Some(seeds) = shared_file("seeds") else {
            return;
        };
        let mut found = 0;
        for entry in std::fs::read_dir(&seeds).unwrap() {
            let name = entry.unwrap().file_name();
            let rel = format!("seeds/{}", name.to_str().unwrap());
            assert_eq!(shared_file(&rel), Some(seeds.join(&name)));
            found += 1;
        }
        assert!(found > 0, "no seed files in {}", seeds.display());
    }

    #[test]
    fn missing_file_is_skipped_outside_ci() {
        assert_eq!(
            shared_file_in(&shared_dir(), "seeds/no-such-file.txt", false),
            None
        );
    }

    #[test]
    #[should_panic(expected = "seeds/no-such-file.txt not found under")]
    fn missing_file_panics_in_ci() {
        shared_file_in(&shared_dir(), "seeds/no-such-file.txt", true);
    }
}
