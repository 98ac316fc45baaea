//! Posts (news and publications) through the real binary on each backend: the demo's posts
//! built from the seed texts, the latest-posts blocks, Markdown sanitised on the page, drafts
//! hidden, the API's rights and field errors, search, and a scheduled post that appears at
//! its time across a restart and not before.

mod common;

use chrono::{SecondsFormat, Utc};
use common::{admin_web, client, editor, jsonld, sites};
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
