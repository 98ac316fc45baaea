//! Frab schedules through the real binary on each backend: `kolo import frab` takes the real
//! exports of pretalx and frab and gives them back unchanged from `/events/{slug}/schedule.*`
//! and `kolo export frab`; what Kolo writes passes the official XSD and JSON Schema; staff upload
//! a file through the form; bad files are refused with the place named and change nothing.

mod common;

use common::{admin_web, client, editor, input_value, sites};
use kolo_interop::frab::Schedule;
use kolo_interop::frab_mapping::Format;
use reqwest::blocking::multipart;

use kolo_testkit::FRAB_DATASETS as FILES;

fn dataset(file: &str) -> Option<std::path::PathBuf> {
    kolo_testkit::shared_file(&format!("datasets/frab/{file}"))
}

fn get(url: &str) -> (u16, String) {
    let res = client().get(url).send().unwrap();
    (res.status().as_u16(), res.text().unwrap())
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn real_schedules_import_and_come_back_unchanged() {
    for site in sites() {
        let b = site.backend;
        for (i, file) in FILES.iter().enumerate() {
            let Some(path) = dataset(file) else { return };
            let bytes = std::fs::read(&path).unwrap();
            let format = Format::sniff(&bytes);
            let canonical = format
                .read(format.write(&format.read(&bytes).unwrap()).as_bytes())
                .unwrap();
            let slug = format!("conf-{i}");
            let args = [
                "import",
                "frab",
                path.to_str().unwrap(),
                "--event",
                &slug,
                "--host",
                "novopskov-museum",
            ];
            let out = site.kolo(&args, "");
            assert!(out.status.success(), "{b} {file}: {}", stderr(&out));
            // Again: matched by guid, nothing doubles.
            let again = site.kolo(&args, "");
            assert!(
                again.status.success(),
                "{b} {file} again: {}",
                stderr(&again)
            );

            let (status, served) =
                get(&site.url(&format!("/events/{slug}/schedule.{}", format.code())));
            assert_eq!(status, 200, "{b} {file}");
            let back: Schedule = format.read(served.as_bytes()).unwrap();
            assert_eq!(back, canonical, "{b} {file}: served back unchanged");

            let out = site.kolo(
                &[
                    "export",
                    "frab",
                    "--event",
                    &slug,
                    "--format",
                    format.code(),
                ],
                "",
            );
            assert!(out.status.success(), "{b} {file}: {}", stderr(&out));
            let exported = format.read(&out.stdout).unwrap();
            assert_eq!(exported, canonical, "{b} {file}: kolo export frab");

            let (status, page) = get(&site.url(&format!("/events/{slug}")));
            assert_eq!(status, 200);
            // A title HTML leaves as it is, to find it in the page.
            let plain = canonical
                .days
                .iter()
                .flat_map(|d| &d.rooms)
                .flat_map(|r| &r.events)
                .map(|e| e.title.trim())
                .find(|t| !t.contains(['&', '<', '>', '"', '\'']))
                .unwrap();
            assert!(page.contains(plain), "{b} {file}: the page shows «{plain}»");
        }
    }
}

#[test]
fn what_kolo_writes_passes_the_official_schemas() {
    let (Some(xsd), Some(json_schema)) = (
        kolo_testkit::shared_file("standards/frab/schedule.xml.xsd"),
        kolo_testkit::shared_file("standards/frab/schema.json"),
    ) else {
        return;
    };
    let Some(rc3) = dataset("pretalx-rc3.json") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (mut xml, mut json) = (Vec::new(), Vec::new());
    for site in sites() {
        let b = site.backend;
        let out = site.kolo(
            &[
                "import",
                "frab",
                rc3.to_str().unwrap(),
                "--event",
                "rc3",
                "--host",
                "novopskov-museum",
            ],
            "",
        );
        assert!(out.status.success(), "{b}: {}", stderr(&out));
        // A demo event with Kolo's own programme (no file behind it), and an imported one in
        // the other format than it came in.
        for slug in ["ryazan-forum-central-libraries-2024", "rc3"] {
            let (status, page) = get(&site.url(&format!("/events/{slug}")));
            assert_eq!(status, 200);
            for (media, ext) in [("application/xml", "xml"), ("application/json", "json")] {
                let link = format!(
                    r#"<link rel="alternate" type="{media}" href="/events/{slug}/schedule.{ext}" title="Frab schedule.{ext}">"#
                );
                assert!(page.contains(&link), "{b} {slug}: the page links {link}");
                let res = client()
                    .get(site.url(&format!("/events/{slug}/schedule.{ext}")))
                    .send()
                    .unwrap();
                assert_eq!(res.status().as_u16(), 200);
                let kind = res.headers()["content-type"].to_str().unwrap().to_owned();
                assert!(kind.starts_with(media), "{b} {slug}: {kind}");
                let body = res.text().unwrap();
                let path = dir.path().join(format!("{b}-{slug}.{ext}"));
                std::fs::write(&path, &body).unwrap();
                if ext == "xml" {
                    let s = kolo_interop::frab::read_xml(body.as_bytes()).unwrap();
                    assert!(!s.days.is_empty(), "{b} {slug}: the programme is in it");
                    xml.push(path);
                } else {
                    json.push(path);
                }
            }
        }
    }
    if kolo_testkit::schema_validate(&xsd, &[], &xml) {
        kolo_testkit::schema_validate(&json_schema, &[], &json);
    }
}

#[test]
fn bad_schedule_files_are_refused_and_change_nothing() {
    let Some(ccc) = dataset("31c3-schedule.xml") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.xml");
    std::fs::write(
        &bomb,
        r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<schedule><version>&lol2;</version></schedule>"#,
    )
    .unwrap();
    let huge = dir.path().join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let wrong_type = dir.path().join("wrong.json");
    std::fs::write(
        &wrong_type,
        r#"{"schedule": {"version": "1", "conference": {"acronym": "wrong", "title": "W", "start": "2024-01-01", "end": "2024-01-01", "daysCount": "many", "timeslot_duration": "00:15", "days": []}}}"#,
    )
    .unwrap();
    for site in sites() {
        let b = site.backend;
        let import = |file: &std::path::Path, event: &str, host: Option<&str>| {
            let mut args = vec!["import", "frab", file.to_str().unwrap(), "--event", event];
            if let Some(h) = host {
                args.extend(["--host", h]);
            }
            site.kolo(&args, "")
        };
        for (file, says) in [
            (&bomb, "line"),
            (&huge, "larger than"),
            (&wrong_type, "daysCount"),
        ] {
            let out = import(file, "bad", Some("novopskov-museum"));
            assert!(!out.status.success(), "{b} {}", file.display());
            let err = stderr(&out);
            assert!(err.contains(says), "{b} {}: {err}", file.display());
            assert!(err.contains("nothing was imported"), "{b}: {err}");
            assert_eq!(
                get(&site.url("/events/bad")).0,
                404,
                "{b}: no event was made"
            );
        }

        // A real file into an event on other days: refused, naming the file's events.
        let ryazan = "ryazan-forum-central-libraries-2024";
        let before = get(&site.url(&format!("/events/{ryazan}/schedule.xml"))).1;
        let out = import(&ccc, ryazan, None);
        assert!(!out.status.success(), "{b}");
        let err = stderr(&out);
        assert!(err.contains("outside-event-days"), "{b}: {err}");
        assert!(
            err.contains("«Keynote»") || err.contains("event "),
            "{b}: the message names the file's event: {err}"
        );
        assert_eq!(
            get(&site.url(&format!("/events/{ryazan}/schedule.xml"))).1,
            before,
            "{b}: the event's programme is as it was"
        );
        // No such event, and no host to make it.
        let out = import(&ccc, "no-such-event", None);
        assert!(stderr(&out).contains("--host"), "{b}: {}", stderr(&out));
    }
}

/// Posts a schedule file through the staff form as a browser does.
fn upload(
    web: &reqwest::blocking::Client,
    base: &str,
    slug: &str,
    csrf: &str,
    bytes: Vec<u8>,
) -> (u16, String) {
    let form = multipart::Form::new().text("csrf", csrf.to_owned()).part(
        "file",
        multipart::Part::bytes(bytes).file_name("schedule.xml"),
    );
    let res = web
        .post(format!("{base}/events/{slug}/programme/import"))
        .multipart(form)
        .send()
        .unwrap();
    (res.status().as_u16(), res.text().unwrap())
}

#[test]
fn staff_import_a_programme_through_the_form_and_only_their_own() {
    for site in sites() {
        let b = site.backend;
        let base = site.server.base_url.clone();
        let admin = admin_web(&site);
        let host = editor(&admin, &base, "novopskov-museum", "host@example.org");
        let other = editor(&admin, &base, "pskov-regional-library", "other@example.org");
        let slug = "inter-museum-diplomacy-2019";

        // The event page offers the import to its hosts' staff only.
        let import_link = format!("/events/{slug}/programme/import");
        let page = |c: &reqwest::blocking::Client| {
            c.get(format!("{base}/events/{slug}"))
                .send()
                .unwrap()
                .text()
                .unwrap()
        };
        assert!(page(&host).contains(&import_link), "{b}");
        assert!(!page(&other).contains(&import_link), "{b}");
        assert!(
            !page(&other).contains(&format!("/events/{slug}/edit")),
            "{b}"
        );

        // The event's own schedule, one title changed, uploaded back.
        let xml = get(&format!("{base}/events/{slug}/schedule.xml")).1;
        let first = kolo_interop::frab::read_xml(xml.as_bytes()).unwrap().days[0].rooms[0].events
            [0]
        .title
        .clone();
        let changed = xml.replacen(
            &format!("<title>{first}</title>"),
            "<title>Uploaded through the form</title>",
            1,
        );
        assert_ne!(changed, xml, "{b}: the title is in the file as written");
        let form = host.get(format!("{base}{import_link}")).send().unwrap();
        assert_eq!(form.status().as_u16(), 200);
        let csrf = input_value(&form.text().unwrap(), "csrf").unwrap();
        let (status, done) = upload(&host, &base, slug, &csrf, changed.clone().into_bytes());
        assert_eq!(status, 200, "{b}: {done}");
        assert!(done.contains("role=\"status\""), "{b}: {done}");
        assert!(
            get(&format!("{base}/events/{slug}"))
                .1
                .contains("Uploaded through the form"),
            "{b}: the public page shows the upload"
        );

        // Broken file: 422 naming the line, nothing changed.
        let broken = changed.replacen("</title>", "</titel>", 1);
        let (status, refused) = upload(&host, &base, slug, &csrf, broken.into_bytes());
        assert_eq!(status, 422, "{b}");
        assert!(refused.contains("line "), "{b}: {refused}");
        // Without the token, or from another institution: refused.
        let (status, _) = upload(&host, &base, slug, "forged", changed.clone().into_bytes());
        assert_eq!(status, 403, "{b}");
        let other_form = other.get(format!("{base}{import_link}")).send().unwrap();
        assert_eq!(other_form.status().as_u16(), 403, "{b}");
        let account = other
            .get(format!("{base}/account"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        let other_csrf = input_value(&account, "csrf").unwrap();
        let (status, _) = upload(&other, &base, slug, &other_csrf, changed.into_bytes());
        assert_eq!(status, 403, "{b}");
        assert!(
            get(&format!("{base}/events/{slug}"))
                .1
                .contains("Uploaded through the form"),
            "{b}: still the host's upload"
        );
    }
}
