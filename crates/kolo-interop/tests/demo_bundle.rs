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

/// The BiblioMODEL-2022 draft resolution carries the seed's proposals as structured data: every
/// addressee and recommendation in Russian is the seed's wording, and each has all five languages.
#[test]
fn the_bibliomodel_resolution_follows_its_seed() {
    let Some(seed) = kolo_testkit::shared_file("seeds/004_bbe0634253d43230.txt") else {
        return;
    };
    // The seed breaks lines and doubles spaces here and there; compare words.
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let seed = words(&std::fs::read_to_string(seed).unwrap());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo");
    let files = read_bundle(&root);
    let bundle =
        kolo_interop::bundle::parse(files.iter().map(|(p, t)| (p.as_str(), t.as_str()))).unwrap();
    let forum = bundle
        .events
        .iter()
        .find(|e| e.event.slug.as_str() == "bibliomodel-2022")
        .unwrap();
    let resolution = &forum.documents[0];
    assert_eq!(resolution.kind, kolo_domain::DocumentKind::Resolution);
    assert_eq!(
        resolution.status,
        kolo_domain::DocumentStatus::Draft,
        "the seed is marked «ПРОЕКТ»"
    );
    assert_eq!(resolution.recommendations.len(), 8);
    let groups = resolution.recommendations_by_addressee();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups.iter().map(|g| g.1.len()).collect::<Vec<_>>(), [3, 5]);
    for r in &resolution.recommendations {
        for text in [&r.addressee, &r.text] {
            let ru = text.get("ru").unwrap();
            assert!(seed.contains(&words(ru)), "not in the seed: {ru}");
            for tag in ["uk", "kk-Cyrl", "kk-Latn", "en"] {
                assert!(text.get(tag).is_some(), "{ru}: no {tag}");
            }
        }
    }
}
