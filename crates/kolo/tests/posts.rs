//! Posts (news and publications) through the real binary on each backend: the demo's posts
//! built from the seed texts, the latest-posts blocks, Markdown sanitised on the page, drafts
//! hidden, the API's rights and field errors, search, and a scheduled post that appears at
//! its time across a restart and not before; the staff form with its preview and paste
//! hygiene.

mod common;

use chrono::{SecondsFormat, Utc};
use common::{admin_web, client, editor, input_value, jsonld, location, sites};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

fn get(base: &str, path: &str) -> (u16, String) {
    let res = client().get(format!("{base}{path}")).send().unwrap();
    (res.status().as_u16(), res.text().unwrap())
}

fn put(base: &str, token: &str, path: &str, body: &Value) -> (u16, Value) {
    let res = client()
        .put(format!("{base}{path}"))
        .bearer_auth(token)
        .json(body)
        .send()
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().unwrap_or(Value::Null))
}

fn post(slug: &str, status: &str, body: &str) -> Value {
    json!({
        "slug": slug,
        "institution": "victory-museum",
        "kind": "news",
        "original_lang": "en",
        "title": { "en": format!("Post {slug}"), "ru": "Новость" },
        "body": { "en": body },
        "status": status,
    })
}

/// Polls `path` until it answers `want` or `limit` passes; returns the last status.
fn wait_status(base: &str, path: &str, want: u16, limit: Duration) -> u16 {
    let deadline = Instant::now() + limit;
    loop {
        let (status, _) = get(base, path);
        if status == want || Instant::now() > deadline {
            return status;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn demo_posts_blocks_markdown_drafts_rights_and_search() {
    for site in sites() {
        let b = site.backend;
        let base = site.server.base_url.clone();

        // The demo's posts, from the seed texts, newest first; the pasted page furniture gone.
        let (status, list) = get(&base, "/api/v1/posts?limit=10");
        assert_eq!(status, 200, "{b}");
        let list: Value = serde_json::from_str(&list).unwrap();
        assert_eq!(list["total"], 5, "{b}: {list}");
        assert_eq!(
            list["items"][0]["slug"], "victory-museum-strategic-session-2024",
            "{b}"
        );
        let (status, page) = get(&base, "/news/victory-museum-strategic-session-2024");
        assert_eq!(status, 200, "{b}");
        assert!(!page.contains("Посмотреть все события"), "{b}");
        let ld = jsonld(&page);
        assert_eq!(ld["@type"], "NewsArticle", "{b}: {ld}");
        assert_eq!(ld["datePublished"], "2024-08-13T09:00:00+00:00", "{b}");
        let (_, publication) = get(&base, "/news/bibliomodel-2022-resolution");
        assert_eq!(jsonld(&publication)["@type"], "Article", "{b}");

        // Latest-posts blocks: the institution, a network it belongs to, the home page.
        let link = "href=\"/news/victory-museum-strategic-session-2024\"";
        for path in [
            "/institutions/victory-museum",
            "/networks/territory-of-victory",
            "/",
        ] {
            let (status, html) = get(&base, path);
            assert_eq!(status, 200, "{b}: {path}");
            assert!(html.contains(link), "{b}: no latest post on {path}");
        }
        let (_, other) = get(&base, "/institutions/lviv-folk-architecture-museum");
        assert!(!other.contains(link), "{b}: another institution's post");
        let (_, filtered) = get(&base, "/news?kind=publication");
        assert!(
            filtered.contains("/news/bibliomodel-2022-resolution"),
            "{b}"
        );
        assert!(!filtered.contains(link), "{b}");
        assert_eq!(get(&base, "/news?kind=nonsense").0, 400, "{b}");

        // Markdown is rendered, and whatever could run is removed.
        let admin = site.admin_token("admin@example.org");
        let markdown = "**Zanzibarite** news. <script>alert(1)</script> \
                        [click](javascript:alert(2)) <img src=\"x.png\" onerror=\"alert(3)\">";
        let (status, saved) = put(
            &base,
            &admin,
            "/api/v1/posts/zanzibar",
            &post("zanzibar", "published", markdown),
        );
        assert_eq!(status, 201, "{b}: {saved}");
        let (status, html) = get(&base, "/news/zanzibar");
        assert_eq!(status, 200, "{b}");
        assert!(html.contains("<strong>Zanzibarite</strong>"), "{b}");
        for bad in ["<script>alert", "javascript:", "onerror"] {
            assert!(!html.contains(bad), "{b}: {bad} reached the page");
        }

        // A draft is nobody's business but its institution's.
        let (status, _) = put(
            &base,
            &admin,
            "/api/v1/posts/quietdraft",
            &post("quietdraft", "draft", "Quokkaword draft."),
        );
        assert_eq!(status, 201, "{b}");
        assert_eq!(get(&base, "/news/quietdraft").0, 404, "{b}");
        assert_eq!(get(&base, "/api/v1/posts/quietdraft").0, 404, "{b}");
        assert!(!get(&base, "/news").1.contains("quietdraft"), "{b}");

        // Field errors name the field and write nothing.
        let mut bad = post("badpost", "scheduled", "Text.");
        bad["title"]["uk"] = json!("я".repeat(301));
        let (status, answer) = put(&base, &admin, "/api/v1/posts/badpost", &bad);
        assert_eq!(status, 422, "{b}: {answer}");
        let fields: Vec<&str> = answer["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert!(fields.contains(&"title.uk"), "{b}: {fields:?}");
        assert!(fields.contains(&"publish_at"), "{b}: {fields:?}");
        let mut later = post("laterpost", "published", "Text.");
        later["publish_at"] = json!("2999-01-01T00:00:00Z");
        let (status, answer) = put(&base, &admin, "/api/v1/posts/laterpost", &later);
        assert_eq!(status, 422, "{b}: {answer}");
        assert_eq!(answer["errors"][0]["field"], "publish_at", "{b}");
        let rt = tokio::runtime::Runtime::new().unwrap();
        let stored = rt
            .block_on(site.store().read(|c| {
                let everything = kolo_store::repo::posts::PostFilter {
                    include_unpublished: true,
                    ..Default::default()
                };
                let page = kolo_store::PageRequest::new(0, 100);
                Ok(kolo_store::repo::posts::list(c, &everything, page)?.total)
            }))
            .unwrap();
        assert_eq!(stored, 7, "{b}: the refused posts were written");

        // Another institution's editor may not write the museum's posts.
        let web = admin_web(&site);
        editor(
            &web,
            &base,
            "lviv-folk-architecture-museum",
            "lviv@example.org",
        );
        let lviv = site.token_for("lviv@example.org");
        let (status, _) = put(
            &base,
            &lviv,
            "/api/v1/posts/zanzibar",
            &post("zanzibar", "draft", "Taken over."),
        );
        assert_eq!(status, 403, "{b}");
        let (status, _) = put(
            &base,
            &lviv,
            "/api/v1/posts/lvivnews",
            &post("lvivnews", "published", "Not theirs."),
        );
        assert_eq!(status, 403, "{b}");

        // Search finds the published post, not the draft.
        let deadline = Instant::now() + Duration::from_secs(30);
        let found = loop {
            let answer: Value = client()
                .get(site.url("/api/v1/search?q=Zanzibarite&type=post"))
                .send()
                .unwrap()
                .json()
                .unwrap();
            if answer["total"] != 0 || Instant::now() > deadline {
                break answer;
            }
            std::thread::sleep(Duration::from_millis(200));
        };
        assert_eq!(found["items"][0]["url"], site.url("/news/zanzibar"), "{b}");
        let draft: Value = client()
            .get(site.url("/api/v1/search?q=Quokkaword"))
            .send()
            .unwrap()
            .json()
            .unwrap();
        assert_eq!(draft["total"], 0, "{b}: a draft was found");
    }
}

#[test]
fn a_scheduled_post_appears_at_its_time_across_a_restart() {
    for mut site in sites() {
        let b = site.backend;
        let admin = site.admin_token("admin@example.org");
        let at = Utc::now() + chrono::Duration::seconds(8);
        let mut body = post("timed", "scheduled", "Punctual news.");
        body["publish_at"] = json!(at.to_rfc3339_opts(SecondsFormat::Millis, true));
        let (status, saved) = put(&site.server.base_url, &admin, "/api/v1/posts/timed", &body);
        assert_eq!(status, 201, "{b}: {saved}");
        assert_eq!(get(&site.server.base_url, "/news/timed").0, 404, "{b}");
        assert!(
            !get(&site.server.base_url, "/").1.contains("/news/timed"),
            "{b}"
        );

        site.restart();
        let base = site.server.base_url.clone();
        if Utc::now() < at - chrono::Duration::seconds(1) {
            assert_eq!(
                get(&base, "/news/timed").0,
                404,
                "{b}: shown before its time"
            );
            assert_eq!(get(&base, "/api/v1/posts/timed").0, 404, "{b}");
        }
        // The API answers once the scheduler has published it (it checks the status too).
        let status = wait_status(&base, "/api/v1/posts/timed", 200, Duration::from_secs(30));
        assert_eq!(status, 200, "{b}: never published");
        assert!(Utc::now() >= at, "{b}: published early");
        let (_, api) = get(&base, "/api/v1/posts/timed");
        let api: Value = serde_json::from_str(&api).unwrap();
        assert_eq!(api["status"], "published", "{b}");
        // The page cache was emptied: the home page's block shows it.
        assert!(get(&base, "/").1.contains("/news/timed"), "{b}");
    }
}

/// The fields of a new post of the Victory museum, through the form.
fn post_form(csrf: &str, slug: &str, body: &str) -> Vec<(String, String)> {
    [
        ("csrf", csrf),
        ("slug", slug),
        ("institution", "victory-museum"),
        ("kind", "news"),
        ("original_lang", "ru"),
        ("status", "published"),
        ("publish_at", ""),
        ("title.ru", "Новость из формы"),
        ("body.ru", body),
        ("links", "institution:victory-museum"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

fn with(mut fields: Vec<(String, String)>, name: &str, v: &str) -> Vec<(String, String)> {
    fields.retain(|(k, _)| k != name);
    fields.push((name.to_owned(), v.to_owned()));
    fields
}

fn send(
    user: &reqwest::blocking::Client,
    url: String,
    fields: &[(String, String)],
) -> reqwest::blocking::Response {
    user.post(url).form(fields).send().unwrap()
}

#[test]
fn staff_write_posts_through_the_form_with_preview_and_paste_hygiene() {
    for site in sites() {
        let b = site.backend;
        let base = site.server.base_url.clone();
        let new = format!("{base}/admin/posts/new");
        let admin = admin_web(&site);
        let victory = editor(&admin, &base, "victory-museum", "victory@example.org");
        let lviv = editor(
            &admin,
            &base,
            "lviv-folk-architecture-museum",
            "lviv@example.org",
        );
        let stored = |slug: &str| get(&base, &format!("/api/v1/posts/{slug}"));

        // The institution's news block leads its staff to the form.
        let html = victory
            .get(format!("{base}/institutions/victory-museum"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert!(
            html.contains("href=\"/admin/posts/new?host=victory-museum\""),
            "{b}"
        );
        let res = victory
            .get(format!("{new}?host=victory-museum"))
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{b}");
        let csrf = input_value(&res.text().unwrap(), "csrf").unwrap();

        // A post written with the form; its page offers the editor the form again.
        let res = send(
            &victory,
            new.clone(),
            &post_form(&csrf, "formnews", "Первый абзац, **Kestrelword**."),
        );
        assert_eq!(res.status().as_u16(), 303, "{b}");
        assert_eq!(location(&res).as_deref(), Some("/news/formnews"), "{b}");
        let (status, page) = get(&base, "/news/formnews");
        assert_eq!(status, 200, "{b}");
        assert!(page.contains("<strong>Kestrelword</strong>"), "{b}");
        assert!(
            !page.contains("/news/formnews/edit"),
            "{b}: offered to anyone"
        );
        let own = victory
            .get(format!("{base}/news/formnews"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert!(own.contains("href=\"/news/formnews/edit\""), "{b}");
        let edit = format!("{base}/news/formnews/edit");
        let res = victory.get(&edit).send().unwrap();
        assert_eq!(res.status().as_u16(), 200, "{b}");
        assert!(res.text().unwrap().contains("Kestrelword"), "{b}");
        let res = send(
            &victory,
            edit.clone(),
            &with(
                post_form(&csrf, "", "Первый абзац, **Kestrelword**."),
                "title.ru",
                "Исправленный заголовок",
            ),
        );
        assert_eq!(res.status().as_u16(), 303, "{b}");
        let (_, api) = stored("formnews");
        let api: Value = serde_json::from_str(&api).unwrap();
        assert_eq!(api["title"]["ru"], "Исправленный заголовок", "{b}");
        assert_eq!(api["links"][0]["slug"], "victory-museum", "{b}");
        let res = victory
            .get(format!("{base}/news/formnews/images"))
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{b}: the images page");

        // Preview: the body rendered and sanitised, nothing written.
        let markdown = "**Previewword** <script>alert(1)</script> [x](javascript:alert(2))";
        let fields = with(post_form(&csrf, "previewed", markdown), "preview", "1");
        let res = send(&victory, new.clone(), &fields);
        assert_eq!(res.status().as_u16(), 200, "{b}");
        let html = res.text().unwrap();
        assert!(html.contains("<strong>Previewword</strong>"), "{b}");
        for bad in ["<script>alert", "href=\"javascript:"] {
            assert!(!html.contains(bad), "{b}: {bad} reached the preview");
        }
        assert_eq!(stored("previewed").0, 404, "{b}: a preview was saved");

        // A pasted text with a repeated paragraph and a share button: warned at preview and
        // at saving, cleaned for review on "Remove them", saved as it is on request.
        let para = "Музей Победы провёл стратегическую сессию с партнёрами из регионов.";
        let pasted = format!("{para}\n\nВторой абзац о сессии.\n\n{para}\n\nПоделиться");
        let fields = post_form(&csrf, "pasted", &pasted);
        for (extra, want) in [("preview", 200), ("save", 422)] {
            let res = send(&victory, new.clone(), &with(fields.clone(), extra, "1"));
            assert_eq!(res.status().as_u16(), want, "{b}: {extra}");
            let html = res.text().unwrap();
            assert!(html.contains("Repeated 2 times"), "{b}: {extra}");
            assert!(
                html.contains("Page furniture: “Поделиться”"),
                "{b}: {extra}"
            );
            assert!(html.contains("name=\"clean\""), "{b}: {extra}");
            assert!(html.contains("name=\"paste_ok\""), "{b}: {extra}");
        }
        assert!(
            send(&victory, new.clone(), &fields)
                .text()
                .unwrap()
                .contains("id=\"err-body.ru\""),
            "{b}: the warning at its field"
        );
        let res = send(&victory, new.clone(), &with(fields.clone(), "clean", "1"));
        assert_eq!(res.status().as_u16(), 200, "{b}");
        let html = res.text().unwrap();
        assert_eq!(html.matches(para).count(), 1, "{b}: {html}");
        assert!(html.contains("Второй абзац о сессии."), "{b}");
        assert!(!html.contains("Repeated 2 times"), "{b}");
        assert_eq!(stored("pasted").0, 404, "{b}: cleaning saved");
        let res = send(&victory, new.clone(), &with(fields, "paste_ok", "1"));
        assert_eq!(res.status().as_u16(), 303, "{b}");
        let (status, api) = stored("pasted");
        assert_eq!(status, 200, "{b}");
        let api: Value = serde_json::from_str(&api).unwrap();
        assert_eq!(api["body"]["ru"], pasted.as_str(), "{b}: not as it was");

        // A bad form names its fields and writes nothing.
        let mut bad = post_form(&csrf, "badform", "Текст.");
        for (k, v) in [
            ("kind", "nonsense"),
            ("status", "scheduled"),
            ("title.ru", ""),
            ("links", "somewhere"),
        ] {
            bad = with(bad, k, v);
        }
        let res = send(&victory, new.clone(), &bad);
        assert_eq!(res.status().as_u16(), 422, "{b}");
        let html = res.text().unwrap();
        for field in ["kind", "publish_at", "title", "links"] {
            assert!(
                html.contains(&format!("id=\"err-{field}\"")),
                "{b}: {field}"
            );
        }
        assert_eq!(stored("badform").0, 404, "{b}: a bad form was saved");

        // Without the CSRF token nothing is saved.
        let mut forged = post_form("", "forged", "Текст.");
        forged.retain(|(k, _)| k != "csrf");
        assert_eq!(
            send(&victory, new.clone(), &forged).status().as_u16(),
            403,
            "{b}"
        );
        assert_eq!(
            send(&victory, edit.clone(), &forged).status().as_u16(),
            403,
            "{b}"
        );
        assert_eq!(stored("forged").0, 404, "{b}");

        // Another museum's editor may neither edit the museum's post nor write one for it.
        let res = lviv.get(&new).send().unwrap();
        let lviv_csrf = input_value(&res.text().unwrap(), "csrf").unwrap();
        assert_eq!(
            lviv.get(&edit).send().unwrap().status().as_u16(),
            403,
            "{b}"
        );
        let taken = with(
            post_form(&lviv_csrf, "", "Чужой текст."),
            "title.ru",
            "Захват",
        );
        assert_eq!(
            send(&lviv, edit.clone(), &taken).status().as_u16(),
            403,
            "{b}"
        );
        let res = send(
            &lviv,
            new.clone(),
            &post_form(&lviv_csrf, "lvivpost", "Текст."),
        );
        assert_eq!(res.status().as_u16(), 403, "{b}");
        assert_eq!(stored("lvivpost").0, 404, "{b}");
        let (_, api) = stored("formnews");
        assert!(api.contains("Исправленный заголовок"), "{b}: taken over");
    }
}
