//! The demo data in the repo is a valid bundle and covers the institutions the seeds name.

use std::path::Path;

fn read_bundle(root: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for folder in ["networks", "institutions", "events"] {
        let Ok(dir) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        for entry in dir {
            let path = entry.unwrap().path();
            let rel = format!("{folder}/{}", path.file_name().unwrap().to_string_lossy());
            files.push((rel, std::fs::read_to_string(&path).unwrap()));
        }
    }
    files
}

#[test]
fn demo_bundle_is_valid_and_complete() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo");
    let files = read_bundle(&root);
    let bundle = kolo_interop::bundle::parse(files.iter().map(|(p, t)| (p.as_str(), t.as_str())))
        .unwrap_or_else(|errors| {
            panic!(
                "{}",
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
    let slugs: Vec<&str> = bundle
        .institutions
        .iter()
        .map(|e| e.institution.slug.as_str())
        .collect();
    for expected in [
        "novopskov-museum",
        "lviv-folk-architecture-museum",
        "lviv-museum-of-the-history-of-religion",
        "victory-museum",
        "museum-of-political-history-of-russia",
        "ryazan-regional-library",
        "pskov-regional-library",
        "national-museum-of-kazakhstan",
    ] {
        assert!(
            slugs.contains(&expected),
            "{expected} missing from the demo data"
        );
    }
    for entry in &bundle.institutions {
        for tag in ["uk", "ru", "kk-Cyrl", "kk-Latn", "en"] {
            assert!(
                entry.institution.name.get(tag).is_some(),
                "{} has no {tag} name",
                entry.institution.slug
            );
        }
    }
    assert!(bundle.networks.len() >= 3);
    let events: Vec<&str> = bundle
        .events
        .iter()
        .map(|e| e.event.slug.as_str())
        .collect();
    for expected in [
        "inter-museum-diplomacy-2019",
        "inter-museum-diplomacy-2020",
        "strategic-session-history-museums-2024",
        "ryazan-forum-central-libraries-2024",
        "kazakhstan-museums-conference-2019",
        "bibliomodel-2022",
    ] {
        assert!(
            events.contains(&expected),
            "event {expected} missing from the demo data"
        );
    }
}
