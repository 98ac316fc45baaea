//! Programme versions and event documents through the real binary, on each backend: the public
//! sees only published programmes (page, JSON-LD, iCalendar, API), each version with its
//! changelog; documents carry recommendations and their revision history.

mod common;

use common::{client, jsonld, sites};
use serde_json::{Value, json};

fn get(site: &common::Site, path: &str) -> String {
    let res = client().get(site.url(path)).send().unwrap();
    assert_eq!(res.status(), 200, "{}: GET {path}", site.backend);
    res.text().unwrap()
}

/// Every public reader of an event's programme: page, JSON-LD, its own, its network's and the
/// all-events calendar, and the API.
fn public_views(site: &common::Site) -> Vec<(&'static str, String)> {
    let page = get(site, "/events/bibliomodel-2022?lang=ru");
    let ld = jsonld(&page)["subEvent"].to_string();
    vec![
        ("page", page),
        ("json-ld", ld),
        (
            "event calendar",
            get(site, "/events/bibliomodel-2022/calendar.ics"),
        ),
        (
            "network calendar",
            get(site, "/networks/model-libraries-north-west/events.ics"),
        ),
        ("all calendar", get(site, "/events.ics")),
        (
            "api",
            get(site, "/api/v1/events/bibliomodel-2022")
                .parse::<Value>()
                .unwrap()["programme"]
                .to_string(),
        ),
    ]
}

#[test]
fn the_public_sees_published_versions_only_and_their_changelog() {
    for site in sites() {
        let b = site.backend;
        let token = site.admin_token("admin@example.org");
        let put_draft = |items: Value| {
            let res = client()
                .put(site.url("/api/v1/events/bibliomodel-2022/programme"))
                .bearer_auth(&token)
                .json(&json!({ "items": items }))
                .send()
                .unwrap();
            assert_eq!(res.status(), 200, "{b}: {}", res.text().unwrap());
        };
        let publish = |name: &str| {
            client()
                .post(site.url("/api/v1/events/bibliomodel-2022/programme/versions"))
                .bearer_auth(&token)
                .json(&json!({ "name": name }))
                .send()
                .unwrap()
        };
        let opening = json!({
            "guid": "opening", "kind": "session", "title": {"ru": "Открытие форума"},
            "starts_at": "2022-03-17T10:00:00", "duration_minutes": 30
        });
        put_draft(json!([opening]));
        for (what, body) in public_views(&site) {
            assert!(
                !body.contains("Открытие форума"),
                "{b}: {what} shows a draft"
            );
        }
        let api: Value = get(&site, "/api/v1/events/bibliomodel-2022")
            .parse()
            .unwrap();
        assert_eq!(api["programme"], json!([]), "{b}");
        assert!(api.get("programme_version").is_none(), "{b}");

        let res = publish("1.0");
        assert_eq!(res.status(), 201, "{b}");
        let v1: Value = res.json().unwrap();
        assert_eq!(
            (v1["number"].as_i64(), v1["name"].as_str()),
            (Some(1), Some("1.0")),
            "{b}"
        );
        for (what, body) in public_views(&site) {
            assert!(
                body.contains("Открытие форума"),
                "{b}: {what} lacks version 1.0"
            );
        }
        let page = get(&site, "/events/bibliomodel-2022?lang=en");
        assert!(page.contains("Version 1.0, published"), "{b}");
        assert!(
            page.contains("href=\"/events/bibliomodel-2022/programme/changes\""),
            "{b}"
        );

        let res = publish("1.1");
        assert_eq!(res.status(), 422, "{b}: nothing new to publish");
        let body: Value = res.json().unwrap();
        assert_eq!(body["errors"][0]["field"], "programme", "{b}");
        assert_eq!(body["errors"][0]["reason"], "programme-unchanged", "{b}");

        let mut moved = opening.clone();
        moved["starts_at"] = json!("2022-03-17T10:30:00");
        let plenary = json!({
            "guid": "plenary", "kind": "panel", "title": {"ru": "Пленарное заседание"},
            "starts_at": "2022-03-17T11:00:00", "duration_minutes": 90
        });
        put_draft(json!([moved, plenary]));
        for (what, body) in public_views(&site) {
            assert!(
                !body.contains("Пленарное заседание"),
                "{b}: {what} shows the new draft"
            );
        }
        assert_eq!(publish("1.0").status(), 409, "{b}: a name is used once");
        assert_eq!(publish("").status(), 422, "{b}");
        assert_eq!(publish("final").status(), 201, "{b}");
        for (what, body) in public_views(&site) {
            assert!(
                body.contains("Пленарное заседание"),
                "{b}: {what} lacks version final"
            );
        }
        let api: Value = get(&site, "/api/v1/events/bibliomodel-2022")
            .parse()
            .unwrap();
        assert_eq!(api["programme_version"]["name"], "final", "{b}");
        assert_eq!(
            api["programme"][0]["starts_at"], "2022-03-17T10:30:00",
            "{b}"
        );

        let versions: Value = get(&site, "/api/v1/events/bibliomodel-2022/programme/versions")
            .parse()
            .unwrap();
        let names: Vec<_> = versions["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["final", "1.0"], "{b}: newest first");
        let changes = &versions["items"][0]["changes"];
        assert_eq!(changes["added"][0]["guid"], "plenary", "{b}");
        assert_eq!(changes["changed"][0]["parts"], json!(["time"]), "{b}");
        assert_eq!(changes["removed"], json!([]), "{b}");

        let log = get(&site, "/events/bibliomodel-2022/programme/changes?lang=en");
        let (newer, older) = (
            log.find("Version final of").unwrap(),
            log.find("Version 1.0 of").unwrap(),
        );
        assert!(newer < older, "{b}: newest first");
        assert!(
            log[newer..older].contains("Added")
                && log[newer..older].contains("Пленарное заседание"),
            "{b}"
        );
        assert!(
            log[newer..older].contains("Открытие форума</span>: time"),
            "{b}"
        );
        let ru = get(&site, "/events/bibliomodel-2022/programme/changes?lang=ru");
        assert!(
            ru.contains("Изменения программы") && ru.contains("Изменено"),
            "{b}"
        );

        // An event that never published shows no programme; its changelog says so.
        let none = get(
            &site,
            "/events/x-international-cultural-forum-2024/programme/changes?lang=en",
        );
        assert!(
            none.contains("No version of the programme has been published yet."),
            "{b}"
        );
        let missing = client()
            .get(site.url("/api/v1/events/no-such-event/programme/versions"))
            .send()
            .unwrap();
        assert_eq!(missing.status(), 404, "{b}");
    }
}

#[test]
fn documents_show_recommendations_by_addressee_and_their_history() {
    for site in sites() {
        let b = site.backend;
        let token = site.admin_token("admin@example.org");
        // The demo's draft resolution of BiblioMODEL-2022.
        let page = get(&site, "/events/bibliomodel-2022?lang=ru");
        assert!(
            page.contains("href=\"/events/bibliomodel-2022/documents/resolution\"")
                && page.contains("Резолюция Форума модельных библиотек")
                && page.contains("<strong class=\"badge\">Проект</strong> · 17.03.2022"),
            "{b}: the event lists its documents with kind, status and date"
        );
        let doc = get(
            &site,
            "/events/bibliomodel-2022/documents/resolution?lang=ru",
        );
        let offices = doc
            .find("<h3>Проектным офисам по реализации национального проекта «Культура»")
            .expect("the first addressee");
        let libraries = doc
            .find("<h3>Модельным библиотекам нового поколения субъектов СФЗО</h3>")
            .expect("the second addressee");
        assert!(offices < libraries, "{b}");
        assert_eq!(doc[offices..libraries].matches("<li").count(), 3, "{b}");
        assert!(doc[libraries..].contains("проекте «Гений места»"), "{b}");
        let ld = jsonld(&doc);
        assert_eq!(ld["@type"], "DigitalDocument", "{b}");
        assert_eq!(ld["creativeWorkStatus"], "Draft", "{b}");
        assert!(
            ld["about"]["url"]
                .as_str()
                .unwrap()
                .ends_with("/events/bibliomodel-2022"),
            "{b}"
        );
        let en = get(
            &site,
            "/events/bibliomodel-2022/documents/resolution?lang=en",
        );
        assert!(
            en.contains("New-generation model libraries of the regions"),
            "{b}"
        );

        let list: Value = get(&site, "/api/v1/events/bibliomodel-2022/documents")
            .parse()
            .unwrap();
        assert_eq!(list["items"].as_array().unwrap().len(), 1, "{b}");
        let mut body = list["items"][0].clone();
        for k in ["id", "url", "updated_at"] {
            body.as_object_mut().unwrap().remove(k);
        }
        body["status"] = json!("final");
        let put = |body: &Value, key: &str| {
            client()
                .put(site.url(&format!("/api/v1/events/bibliomodel-2022/documents/{key}")))
                .bearer_auth(&token)
                .json(body)
                .send()
                .unwrap()
        };
        let res = put(&body, "resolution");
        assert_eq!(res.status(), 200, "{b}");
        let saved: Value = res.json().unwrap();
        let history: Vec<_> = saved["revisions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["status"].as_str().unwrap())
            .collect();
        assert_eq!(history, ["final", "draft"], "{b}");
        let doc = get(
            &site,
            "/events/bibliomodel-2022/documents/resolution?lang=en",
        );
        assert!(
            doc.contains("<strong class=\"badge\">Final</strong>"),
            "{b}"
        );
        assert_eq!(
            doc.matches("status changed").count(),
            1,
            "{b}: draft, then final"
        );

        let mut back = body.clone();
        back["status"] = json!("draft");
        let res = put(&back, "resolution");
        assert_eq!(res.status(), 422, "{b}");
        assert_eq!(
            res.json::<Value>().unwrap()["errors"][0]["reason"],
            "final-to-draft",
            "{b}"
        );
        let mut report = body.clone();
        report["kind"] = json!("report");
        assert_eq!(
            put(&report, "resolution").status(),
            422,
            "{b}: recommendations are for resolutions"
        );
        assert_eq!(
            put(&body, "other-key").status(),
            422,
            "{b}: the key is the path's"
        );
        let mut new = json!({
            "key": "report", "kind": "report", "status": "draft",
            "title": {"en": "Report on the forum"}
        });
        assert_eq!(put(&new, "report").status(), 201, "{b}");
        new["body"] = json!({"en": "Two hundred participants."});
        assert_eq!(put(&new, "report").status(), 200, "{b}");
        let missing = client()
            .get(site.url("/events/bibliomodel-2022/documents/no-such-document"))
            .send()
            .unwrap();
        assert_eq!(missing.status(), 404, "{b}");
    }
}
