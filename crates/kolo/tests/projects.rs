//! Cooperation projects through the real binary on each backend: the demo's "Inter-museum
//! Diplomacy" as a timeline with its partners, goals, tasks and linked records, its schema.org
//! JSON-LD and its partners' pages; joint editing by every partner's staff (others get 403),
//! CSRF, field errors that write nothing, drafts hidden from the public, and search.

mod common;

use common::{admin_web, editor, get, input_value, jsonld, put, sites};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// The `field: reason` pairs of an API error body.
fn field_errors(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        e["field"].as_str().unwrap(),
                        e["reason"].as_str().unwrap()
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Where each of `needles` first appears in `html`, in the order given.
fn positions(html: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| html.find(n).unwrap_or_else(|| panic!("`{n}` missing")))
        .collect()
}

/// A joint project of the Novopskov museum (lead) and the Lviv folk architecture museum, with
/// activities out of date order and links of every kind.
fn exchange(slug: &str, state: &str) -> Value {
    json!({
        "slug": slug,
        "original_lang": "uk",
        "title": { "uk": format!("Обмінний тиждень {slug}"), "en": format!("Exchange week {slug}") },
        "description": { "en": "Museums of Luhansk and Lviv oblasts share their practice." },
        "partners": [
            { "institution": "lviv-folk-architecture-museum", "role": "partner" },
            { "institution": "novopskov-museum", "role": "lead" }
        ],
        "networks": ["inter-museum-diplomacy"],
        "starts_on": "2021-03-01",
        "status": "running",
        "funding": { "text": { "en": "A regional culture grant" }, "funder": { "en": "Culture fund" },
                     "funder_url": "https://example.org/fund" },
        "goals": [{ "en": "Closer ties between the two regions' museums" }],
        "tasks": [{ "en": "Swap a banner exhibition" }, { "en": "Hold a round table" }],
        "activities": [
            { "starts_on": "2021-05-20", "title": { "en": "Round table in Lviv" },
              "link": { "kind": "document", "slug": "bibliomodel-2022", "key": "resolution" } },
            { "starts_on": "2021-03-10", "ends_on": "2021-03-12", "title": { "en": "Banner exhibition in Novopskov" },
              "link": { "kind": "exhibition", "slug": "kolo-vichnoi-istyny" } },
            { "starts_on": "2021-04-01", "title": { "en": "Article in the district newspaper" },
              "link": { "kind": "publication", "slug": "peremoha-article" } }
        ],
        "outcomes": [{ "en": "A joint plan of further cooperation" }],
        "state": state
    })
}

#[test]
fn the_demo_project_is_a_timeline_with_its_partners() {
    for site in sites() {
        let base = site.server.base_url.clone();
        let b = site.backend;
        let (status, list) = get(&base, "/projects?lang=uk");
        assert_eq!(status, 200, "{b}");
        assert!(list.contains("/projects/inter-museum-diplomacy"), "{b}");
        assert!(list.contains("/projects/territory-of-victory"), "{b}");
        let (_, completed) = get(&base, "/projects?status=completed");
        assert!(
            !completed.contains("/projects/territory-of-victory"),
            "{b}: it is running"
        );
        assert_eq!(get(&base, "/projects?status=someday").0, 400, "{b}");

        let (status, page) = get(&base, "/projects/inter-museum-diplomacy?lang=uk");
        assert_eq!(status, 200, "{b}");
        // The seed's five tasks, in order.
        let tasks = &page[page.find("<ol class=\"project-tasks\">").expect("tasks")..];
        let tasks = &tasks[..tasks.find("</ol>").unwrap()];
        assert_eq!(tasks.matches("<li").count(), 5, "{b}");
        assert!(tasks.contains("Вивчення досвіду партнерів та обмін кращими практиками."));
        // The timeline runs by date, each activity with the record it links to.
        let timeline = &page[page.find("<ol class=\"timeline\">").expect("timeline")..];
        let order = positions(
            timeline,
            &[
                "Початок проєкту",
                "/events/inter-museum-diplomacy-2019",
                "/exhibitions/kolo-vichnoi-istyny",
                "/events/inter-museum-diplomacy-2020",
                "/exhibitions/u-poshukakh-vichnoho",
                "Завершення проєкту",
            ],
        );
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{b}: {order:?}");
        assert!(timeline.contains("09.09.2019–13.09.2019"), "{b}: a range");
        // Partners with their roles, the lead first.
        let side = &page[page.find("<ul class=\"project-partners\">").unwrap()..];
        let lead = side.find("/institutions/novopskov-museum").unwrap();
        assert!(
            lead < side
                .find("/institutions/lviv-folk-architecture-museum")
                .unwrap()
        );
        assert!(side.contains("провідний партнер"), "{b}");

        let ld = jsonld(&page);
        assert_eq!(ld["@context"], "https://schema.org", "{b}");
        assert_eq!(ld["@type"], "Project", "{b}");
        assert_eq!(ld["foundingDate"], "2019-09-09", "{b}");
        assert_eq!(ld["dissolutionDate"], "2020-09-13", "{b}");
        let members = ld["member"].as_array().unwrap();
        assert_eq!(members.len(), 3, "{b}");
        assert_eq!(members[0]["roleName"], "lead", "{b}");
        assert!(
            members[0]["member"]["@id"]
                .as_str()
                .unwrap()
                .ends_with("/institutions/novopskov-museum")
        );
        assert_eq!(
            ld["event"].as_array().unwrap().len(),
            2,
            "{b}: the linked events"
        );

        // Every partner's page lists it.
        for partner in [
            "novopskov-museum",
            "lviv-museum-of-the-history-of-religion",
            "lviv-folk-architecture-museum",
        ] {
            let (_, html) = get(&base, &format!("/institutions/{partner}?lang=en"));
            let section = &html[html
                .find("id=\"section-projects\"")
                .expect("a projects block")..];
            assert!(
                section.contains("/projects/inter-museum-diplomacy"),
                "{b}: {partner}"
            );
        }
        let (_, other) = get(&base, "/institutions/victory-museum");
        assert!(!other.contains("/projects/inter-museum-diplomacy"), "{b}");

        let (_, api) = get(
            &base,
            "/api/v1/projects?institution=lviv-folk-architecture-museum",
        );
        let api: Value = serde_json::from_str(&api).unwrap();
        assert_eq!(api["total"], 1, "{b}");
        assert_eq!(api["items"][0]["tasks"].as_array().unwrap().len(), 5, "{b}");
        assert_eq!(
            get(&base, "/api/v1/projects?institution=nowhere").0,
            400,
            "{b}"
        );
        let (_, doc) = get(&base, "/api/v1/openapi.json");
        assert!(
            doc.contains("\"/projects/{slug}\""),
            "{b}: in the OpenAPI document"
        );
    }
}

#[test]
fn every_partner_edits_the_project_and_nobody_else() {
    for site in sites() {
        let base = site.server.base_url.clone();
        let b = site.backend;
        let admin = admin_web(&site);
        let novopskov = editor(&admin, &base, "novopskov-museum", "novopskov@example.org");
        let lviv = editor(
            &admin,
            &base,
            "lviv-folk-architecture-museum",
            "lviv@example.org",
        );
        let astana = editor(
            &admin,
            &base,
            "national-museum-of-kazakhstan",
            "astana@example.org",
        );

        // The lead's staff create it through the form.
        let form = novopskov
            .get(format!("{base}/admin/projects/new"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        let csrf = input_value(&form, "csrf").unwrap();
        let fields = |csrf: &str, title: &str| -> Vec<(String, String)> {
            [
                ("csrf", csrf),
                ("slug", "joint-week"),
                ("status", "planned"),
                ("state", "published"),
                ("original_lang", "uk"),
                ("title.uk", title),
                ("starts_on", "2030-09-01"),
                ("partners[0].institution", "novopskov-museum"),
                ("partners[0].role", "lead"),
                ("partners[1].institution", "lviv-folk-architecture-museum"),
                ("partners[1].role", "partner"),
                ("tasks", "Обмін досвідом.\nСпільні семінари."),
                ("activities[0].starts_on", "2030-09-02"),
                ("activities[0].title", "Виставка"),
                ("activities[0].link_kind", "exhibition"),
                ("activities[0].link_slug", "kolo-vichnoi-istyny"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
        };
        let res = novopskov
            .post(format!("{base}/admin/projects/new"))
            .form(&fields(&csrf, "Спільний тиждень"))
            .send()
            .unwrap();
        assert_eq!(
            res.status().as_u16(),
            303,
            "{b}: {}",
            res.text().unwrap_or_default()
        );
        assert_eq!(
            common::location(&res).as_deref(),
            Some("/projects/joint-week")
        );
        let (_, page) = get(&base, "/projects/joint-week?lang=uk");
        assert!(page.contains("Спільні семінари."), "{b}");

        // The edit form reads back what was saved.
        let edit = lviv
            .get(format!("{base}/projects/joint-week/edit"))
            .send()
            .unwrap();
        assert_eq!(
            edit.status().as_u16(),
            200,
            "{b}: a partner's staff edit it"
        );
        let edit = edit.text().unwrap();
        assert!(edit.contains("Обмін досвідом.\nСпільні семінари."), "{b}");
        let lviv_csrf = input_value(&edit, "csrf").unwrap();
        let mut changed = fields(&lviv_csrf, "Спільний тиждень у Львові");
        changed.retain(|(k, _)| k != "slug");
        let res = lviv
            .post(format!("{base}/projects/joint-week/edit"))
            .form(&changed)
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 303, "{b}: the partner saves");
        assert!(
            get(&base, "/projects/joint-week")
                .1
                .contains("Спільний тиждень у Львові")
        );
        // And through the API.
        let token = site.token_for("lviv@example.org");
        let mut api = common::editable_json(&base, "/api/v1/projects/joint-week");
        api["status"] = json!("running");
        let (status, body) = put(&base, &token, "/api/v1/projects/joint-week", &api);
        assert_eq!(
            (status, body["status"].clone()),
            (200, json!("running")),
            "{b}: {body}"
        );

        // Another institution's editor may not.
        let theirs = astana
            .get(format!("{base}/projects/joint-week/edit"))
            .send()
            .unwrap();
        assert_eq!(theirs.status().as_u16(), 403, "{b}");
        let astana_form = astana
            .get(format!("{base}/admin/projects/new"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        let astana_csrf = input_value(&astana_form, "csrf").unwrap();
        let mut theirs = fields(&astana_csrf, "Чужий");
        theirs.retain(|(k, _)| k != "slug");
        let res = astana
            .post(format!("{base}/projects/joint-week/edit"))
            .form(&theirs)
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 403, "{b}");
        let astana_token = site.token_for("astana@example.org");
        assert_eq!(
            put(&base, &astana_token, "/api/v1/projects/joint-week", &api).0,
            403,
            "{b}"
        );
        // Nor may they make a project of other institutions.
        let (status, _) = put(
            &base,
            &astana_token,
            "/api/v1/projects/not-theirs",
            &exchange("not-theirs", "published"),
        );
        assert_eq!(status, 403, "{b}");
        assert!(
            !get(&base, "/projects/joint-week").1.contains("Чужий"),
            "{b}"
        );

        // Without the CSRF token nothing is saved.
        let mut forged = changed.clone();
        forged.retain(|(k, _)| k != "csrf");
        let res = lviv
            .post(format!("{base}/projects/joint-week/edit"))
            .form(&forged)
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 403, "{b}");

        // Every problem at its input, nothing written.
        let mut bad = fields(&csrf, "");
        bad.retain(|(k, _)| k != "slug" && k != "partners[0].role" && k != "starts_on");
        bad.push(("slug".into(), "bad-week".into()));
        bad.push(("partners[0].role".into(), "partner".into()));
        bad.push(("starts_on".into(), "soon".into()));
        bad.push(("activities[0].link_key".into(), "resolution".into()));
        let res = novopskov
            .post(format!("{base}/admin/projects/new"))
            .form(&bad)
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 422, "{b}");
        let html = res.text().unwrap();
        for field in ["title", "starts_on", "partners", "activities[0].link_key"] {
            assert!(
                html.contains(&format!("id=\"err-{field}\"")),
                "{b}: {field}"
            );
        }
        assert_eq!(get(&base, "/projects/bad-week").0, 404, "{b}");
    }
}

#[test]
fn the_api_names_bad_fields_and_drafts_stay_private_until_published() {
    for site in sites() {
        let base = site.server.base_url.clone();
        let b = site.backend;
        let token = site.admin_token("root@example.org");

        let mut bad = exchange("bad-exchange", "published");
        bad["partners"][1]["role"] = json!("partner");
        bad["activities"][0]["link"] = json!({ "kind": "document", "slug": "bibliomodel-2022" });
        bad["ends_on"] = json!("2020-01-01");
        bad["title"] = json!({});
        let (status, body) = put(&base, &token, "/api/v1/projects/bad-exchange", &bad);
        assert_eq!(status, 422, "{b}: {body}");
        let mut found = field_errors(&body);
        found.sort();
        assert_eq!(
            found,
            [
                "activities[0].link.key: required",
                "ends_on: ends-before-start",
                "partners: needs-lead",
                "title: required",
            ],
            "{b}"
        );
        let mut unknown = exchange("bad-exchange", "published");
        unknown["partners"][0]["institution"] = json!("nowhere-museum");
        unknown["budget"] = json!(1000);
        let (status, body) = put(&base, &token, "/api/v1/projects/bad-exchange", &unknown);
        assert_eq!(
            (status, field_errors(&body)),
            (422, vec!["budget: unknown-field".to_owned()])
        );
        unknown.as_object_mut().unwrap().remove("budget");
        let (status, body) = put(&base, &token, "/api/v1/projects/bad-exchange", &unknown);
        assert_eq!(
            (status, field_errors(&body)),
            (
                422,
                vec!["partners[0].institution: unknown-institution".to_owned()]
            ),
            "{b}"
        );
        assert_eq!(
            get(&base, "/api/v1/projects/bad-exchange").0,
            404,
            "{b}: nothing written"
        );

        let (status, body) = put(
            &base,
            &token,
            "/api/v1/projects/exchange",
            &exchange("exchange", "draft"),
        );
        assert_eq!(status, 201, "{b}: {body}");
        assert_eq!(body["state"], "draft", "{b}: the writer gets it back");
        assert_eq!(get(&base, "/api/v1/projects/exchange").0, 404, "{b}");
        assert_eq!(get(&base, "/projects/exchange").0, 404, "{b}");
        for path in [
            "/projects",
            "/api/v1/projects",
            "/institutions/novopskov-museum",
        ] {
            assert!(
                !get(&base, path).1.contains("/projects/exchange"),
                "{b}: {path}"
            );
        }
        let admin = admin_web(&site);
        let res = admin
            .get(format!("{base}/projects/exchange"))
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{b}: staff see the draft");

        let (status, _) = put(
            &base,
            &token,
            "/api/v1/projects/exchange",
            &exchange("exchange", "published"),
        );
        assert_eq!(status, 200, "{b}");
        let (status, page) = get(&base, "/projects/exchange?lang=en");
        assert_eq!(status, 200, "{b}");
        // Activities by date; the document and exhibition resolved, the publication not yet.
        let timeline = &page[page.find("<ol class=\"timeline\">").unwrap()..];
        let order = positions(
            timeline,
            &[
                "Banner exhibition in Novopskov",
                "Article in the district newspaper",
                "Round table in Lviv",
            ],
        );
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{b}: {order:?}");
        assert!(
            timeline.contains("/events/bibliomodel-2022/documents/resolution"),
            "{b}"
        );
        assert!(timeline.contains("/exhibitions/kolo-vichnoi-istyny"), "{b}");
        assert!(!timeline.contains("peremoha-article"), "{b}");
        let ld = jsonld(&page);
        assert_eq!(ld["funder"]["url"], "https://example.org/fund", "{b}");
        assert!(ld.get("dissolutionDate").is_none(), "{b}: the end is open");
        assert!(page.contains("since 01.03.2021"), "{b}");

        // Search finds it once the index follows the write.
        let deadline = Instant::now() + Duration::from_secs(30);
        let hit = loop {
            let (_, answer) = get(&base, "/api/v1/search?q=Culture+fund&type=project");
            let answer: Value = serde_json::from_str(&answer).unwrap();
            let urls: Vec<String> = answer["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["url"].as_str().unwrap_or_default().to_owned())
                .collect();
            if urls.iter().any(|u| u.ends_with("/projects/exchange")) {
                break true;
            }
            if Instant::now() > deadline {
                break false;
            }
            std::thread::sleep(Duration::from_millis(200));
        };
        assert!(hit, "{b}: search finds the project");
        let (status, html) = get(&base, "/search?q=Culture+fund&lang=en");
        assert_eq!(status, 200, "{b}");
        assert!(
            html.contains("<span class=\"badge\">Project</span>"),
            "{b}: the kind's label"
        );
    }
}
