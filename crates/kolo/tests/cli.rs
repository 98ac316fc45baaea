//! The `kolo` command line: help, migrations, imports (all or nothing, idempotent), backup and
//! restore while the server runs.

mod common;

use common::{client, kolo, sites};
use std::path::Path;

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn help_lists_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = kolo(dir.path(), &[], &["--help"], "");
    assert!(out.status.success());
    let help = text(&out);
    for command in [
        "serve", "migrate", "import", "backup", "restore", "admin", "openapi", "demo", "reindex",
    ] {
        assert!(help.contains(command), "{command} missing from:\n{help}");
    }
    let out = kolo(dir.path(), &[], &["admin", "--help"], "");
    assert!(text(&out).contains("create") && text(&out).contains("token"));
}

#[test]
fn migrate_twice_is_harmless() {
    let dir = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        let out = kolo(dir.path(), &[], &["migrate"], "");
        assert!(out.status.success(), "{}", text(&out));
    }
    assert!(dir.path().join("kolo.sqlite3").exists());
}

fn demo_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../demo"))
}

#[test]
fn importing_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo_dir().to_str().unwrap();
    let first = kolo(dir.path(), &[], &["import", demo], "");
    assert!(first.status.success(), "{}", text(&first));
    assert!(
        text(&first).contains("0 updated, 0 unchanged"),
        "{}",
        text(&first)
    );
    let report = text(&first)
        .trim()
        .rsplit(": ")
        .next()
        .unwrap_or_default()
        .to_owned();
    let created = report.split(' ').next().unwrap_or_default().to_owned();
    let second = kolo(dir.path(), &[], &["import", demo], "");
    assert!(
        text(&second).contains(&format!("0 created, 0 updated, {created} unchanged")),
        "{}",
        text(&second)
    );
}

/// A changed programme in a bundle is published as a new version, under the event file's
/// `programme_version`; a name the event already used is refused and nothing is imported.
#[test]
fn a_changed_programme_is_published_under_its_new_version_name() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = tempfile::tempdir().unwrap();
    for folder in ["networks", "institutions", "events"] {
        std::fs::create_dir_all(bundle.path().join(folder)).unwrap();
        for entry in std::fs::read_dir(demo_dir().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(
                &path,
                bundle.path().join(folder).join(path.file_name().unwrap()),
            )
            .unwrap();
        }
    }
    let import = || {
        kolo(
            dir.path(),
            &[],
            &["import", bundle.path().to_str().unwrap()],
            "",
        )
    };
    assert!(import().status.success());
    let file = bundle
        .path()
        .join("events/ryazan-forum-central-libraries-2024.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    assert!(original.contains("programme_version = \"1.0\""));
    let (first_guid_at, _) = original
        .match_indices("duration_minutes = ")
        .next()
        .unwrap();
    let changed = format!(
        "{}duration_minutes = 5\n{}",
        &original[..first_guid_at],
        original[first_guid_at..].split_once('\n').unwrap().1
    );
    std::fs::write(&file, &changed).unwrap();
    let out = import();
    assert!(!out.status.success(), "{}", text(&out));
    assert!(
        text(&out)
            .contains("events/ryazan-forum-central-libraries-2024.toml: programme_version: taken"),
        "{}",
        text(&out)
    );
    std::fs::write(
        &file,
        changed.replace("programme_version = \"1.0\"", "programme_version = \"1.1\""),
    )
    .unwrap();
    let out = import();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("1 updated"), "{}", text(&out));
    let store = kolo_store::Store::open(dir.path().join("kolo.sqlite3").to_str().unwrap()).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let versions = rt
        .block_on(store.read(|c| {
            let e =
                kolo_store::repo::events::get_by_slug(c, "ryazan-forum-central-libraries-2024")?;
            kolo_store::repo::events::programme_versions(c, e.id)
        }))
        .unwrap();
    let names: Vec<_> = versions.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["1.1", "1.0"]);
    assert_eq!(versions[0].changes.changed.len(), 1);
    assert_eq!(
        versions[0].changes.changed[0].parts,
        [kolo_domain::programme::ItemPart::Duration]
    );
}

#[test]
fn a_bad_bundle_is_reported_by_file_and_line_and_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(bundle.path().join("networks")).unwrap();
    std::fs::create_dir_all(bundle.path().join("institutions")).unwrap();
    std::fs::copy(
        demo_dir().join("networks/aivim.toml"),
        bundle.path().join("networks/aivim.toml"),
    )
    .unwrap();
    std::fs::write(
        bundle.path().join("institutions/broken.toml"),
        "slug = \"broken\"\nkind = \"museum\"\noriginal_lang = \"ru\"\ncountry = \"Russia\"\n[name]\nru = \"Музей\"\n",
    )
    .unwrap();
    assert!(kolo(dir.path(), &[], &["migrate"], "").status.success());
    let out = kolo(
        dir.path(),
        &[],
        &["import", bundle.path().to_str().unwrap()],
        "",
    );
    assert!(!out.status.success());
    let message = text(&out);
    assert!(
        message.contains("institutions/broken.toml:4") && message.contains("country"),
        "{message}"
    );
    assert!(message.contains("nothing was imported"), "{message}");
    // The valid network in the same bundle was not written either.
    let store = kolo_store::Store::open(dir.path().join("kolo.sqlite3").to_str().unwrap()).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let networks = rt
        .block_on(store.read(|c| {
            Ok(kolo_store::repo::networks::list(c, kolo_store::PageRequest::new(0, 10))?.total)
        }))
        .unwrap();
    assert_eq!(networks, 0);
}

#[test]
fn backup_while_serving_then_restore() {
    let site = sites().remove(0);
    let archive = site.data.path().join("backup.tar");
    let out = site.kolo(&["backup", archive.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out));

    let restored = tempfile::tempdir().unwrap();
    let out = kolo(
        restored.path(),
        &[],
        &["restore", archive.to_str().unwrap()],
        "",
    );
    assert!(out.status.success(), "{}", text(&out));
    let again = kolo(
        restored.path(),
        &[],
        &["restore", archive.to_str().unwrap()],
        "",
    );
    assert!(
        !again.status.success(),
        "restoring over an existing database is refused"
    );

    let server = kolo_testkit::KoloServer::start(
        &common::kolo_bin(),
        restored.path(),
        &[],
        &[("KOLO_LOG", "warn")],
    )
    .unwrap();
    let res = client()
        .get(server.url("/api/v1/institutions/novopskov-museum"))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200, "the restored copy serves the demo data");
}

#[test]
fn configuration_file_and_environment_are_read_and_shutdown_is_graceful() {
    let data = tempfile::tempdir().unwrap();
    let config = data.path().join("kolo.toml");
    std::fs::write(
        &config,
        "public_url = \"https://museums.example.org\"\nlog_format = \"json\"\n",
    )
    .unwrap();
    let server = kolo_testkit::KoloServer::start(
        &common::kolo_bin(),
        data.path(),
        &["--demo", "--config", config.to_str().unwrap()],
        &[("KOLO_MAX_BODY_BYTES", "2048")],
    )
    .unwrap();
    let one: serde_json::Value = client()
        .get(server.url("/api/v1/institutions/victory-museum"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(
        one["url"], "https://museums.example.org/institutions/victory-museum",
        "public_url from the file"
    );
    let big = client()
        .put(server.url("/api/v1/institutions/victory-museum"))
        .header("content-type", "application/json")
        .body(vec![b' '; 4096])
        .send()
        .unwrap();
    assert_eq!(big.status(), 413, "max_body_bytes from the environment");

    // SIGTERM: the server finishes and exits cleanly.
    let pid = server.pid();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = server
        .wait_for_exit(std::time::Duration::from_secs(20))
        .expect("the server stops after SIGTERM");
    assert!(status.success(), "exit status {status:?}");
}

/// The public count of published objects, from the API.
fn published_objects(site: &common::Site) -> i64 {
    let body: serde_json::Value = client()
        .get(site.url("/api/v1/objects?limit=1"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(body["more"], false, "{}: {body}", site.backend);
    body["total"].as_i64().unwrap()
}

#[test]
fn demo_generate_adds_synthetic_objects_once_and_keeps_its_drafts_private() {
    for site in sites() {
        let b = site.backend;
        let before = published_objects(&site);
        let out = site.kolo(&["demo", "generate", "--objects", "2500"], "");
        assert!(out.status.success(), "{b}: {}", text(&out));
        assert!(
            text(&out).contains("2500 synthetic objects written, 0 already there"),
            "{b}: {}",
            text(&out)
        );
        // One in twenty is a draft: 125 of 2500.
        assert_eq!(published_objects(&site) - before, 2375, "{b}");
        let again = site.kolo(&["demo", "generate", "--objects", "2500"], "");
        assert!(
            text(&again).contains("0 synthetic objects written, 2500 already there"),
            "{b}: {}",
            text(&again)
        );
        assert_eq!(
            published_objects(&site) - before,
            2375,
            "{b}: nothing doubled"
        );
    }
}
