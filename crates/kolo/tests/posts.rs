//! Posts (news and publications) through the real binary on each backend: the demo's posts
//! built from the seed texts, the latest-posts blocks, Markdown sanitised on the page, drafts
//! hidden, the API's rights and field errors, search, and a scheduled post that appears at
//! its time across a restart and not before; the staff form with its preview and paste
//! hygiene.

mod common;

use chrono::{SecondsFormat, Utc};
use common::{admin_web, client, editor, get, input_value, jsonld, location, put, sites};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

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

/// A minimal but complete PDF.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

/// A real (minimal) Word document, zipped by Python's standard library.
fn docx() -> Vec<u8> {
    let script = r#"
import io, sys, zipfile
out = io.BytesIO()
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Programme</w:t></w:r></w:p></w:body></w:document>')
sys.stdout.buffer.write(out.getvalue())
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn upload_file(site: &common::Site, token: &str, name: &str, bytes: Vec<u8>) -> (u16, Value) {
    use reqwest::blocking::multipart::{Form, Part};
    let form = Form::new()
        .part("file", Part::bytes(bytes).file_name(name.to_owned()))
        .text("institution", "victory-museum");
    let res = client()
        .post(site.url("/api/v1/files"))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().unwrap_or(Value::Null))
}

/// How many file rows and stored files there are: a refusal must change neither.
fn stored_files(site: &common::Site) -> (i64, usize) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let rows = rt
        .block_on(site.store().read(kolo_store::repo::files::count))
        .unwrap();
    let dir = site.data.path().join("media/files");
    let on_disk = std::fs::read_dir(dir).map_or(0, |d| d.count());
    (rows, on_disk)
}

#[test]
fn attachments_are_told_by_content_limited_stored_and_downloaded() {
    const LIMIT: usize = 200_000;
    for site in common::sites_with(&[("KOLO_MEDIA_MAX_FILE_BYTES", "200000")]) {
        let b = site.backend;
        let base = site.server.base_url.clone();
        let admin = site.admin_token("admin@example.org");

        // A PDF and a Word file go in; each comes back as it went, under its own name.
        let (status, pdf) = upload_file(&site, &admin, "Путівник музею.pdf", PDF.to_vec());
        assert_eq!(status, 201, "{b}: {pdf}");
        assert_eq!(pdf["format"], "PDF", "{b}");
        assert_eq!(pdf["mime"], "application/pdf", "{b}");
        let res = client().get(pdf["url"].as_str().unwrap()).send().unwrap();
        assert_eq!(res.status(), 200, "{b}");
        let h = res.headers().clone();
        assert_eq!(h["content-type"], "application/pdf", "{b}");
        let disposition = h["content-disposition"].to_str().unwrap();
        assert!(disposition.starts_with("inline;"), "{b}: {disposition}");
        assert!(
            disposition.contains("filename*=UTF-8''%D0%9F"),
            "{b}: {disposition}"
        );
        assert_eq!(res.bytes().unwrap().as_ref(), PDF, "{b}");
        let again = client()
            .get(pdf["url"].as_str().unwrap())
            .header("if-none-match", h["etag"].clone())
            .send()
            .unwrap();
        assert_eq!(again.status(), 304, "{b}");
        let word = docx();
        let (status, doc) = upload_file(&site, &admin, "programme.docx", word.clone());
        assert_eq!(status, 201, "{b}: {doc}");
        assert_eq!(doc["format"], "DOCX", "{b}");
        let res = client().get(doc["url"].as_str().unwrap()).send().unwrap();
        let disposition = res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(disposition.starts_with("attachment;"), "{b}: {disposition}");
        assert_eq!(res.bytes().unwrap().as_ref(), word.as_slice(), "{b}");

        // Refused, with the field and the reason, and nothing left behind.
        let before = stored_files(&site);
        assert_eq!(before, (2, 2), "{b}");
        let program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
        let page = b"<!DOCTYPE html><html><script>alert(1)</script></html>".to_vec();
        let mut big = PDF.to_vec();
        big.resize(LIMIT + 1, b' ');
        for (name, bytes, status, reason) in [
            ("report.pdf", program, 422, "unsupported-type"),
            ("report.pdf", page, 422, "unsupported-type"),
            ("programme.pdf", word.clone(), 422, "type-mismatch"),
            ("guide.pdf", big, 413, "too-large"),
        ] {
            let (got, answer) = upload_file(&site, &admin, name, bytes);
            assert_eq!(got, status, "{b}: {name}: {answer}");
            assert_eq!(answer["errors"][0]["field"], "file", "{b}: {answer}");
            assert_eq!(answer["errors"][0]["reason"], reason, "{b}: {answer}");
            assert_eq!(stored_files(&site), before, "{b}: {reason} left a file");
        }

        // A post carries them; its page lists them, and its JSON-LD names them.
        let mut value = post("guidebook", "published", "Our new guidebook.");
        value["kind"] = json!("publication");
        value["attachments"] = json!([
            { "file": pdf["id"], "title": { "uk": "Путівник", "en": "The guidebook" } },
            { "file": doc["id"] },
        ]);
        let (status, saved) = put(&base, &admin, "/api/v1/posts/guidebook", &value);
        assert_eq!(status, 201, "{b}: {saved}");
        let (_, html) = get(&base, "/news/guidebook?lang=uk");
        let pdf_href = format!("href=\"/files/{}\"", pdf["id"].as_str().unwrap());
        assert!(html.contains(&pdf_href), "{b}: {html}");
        assert!(html.contains(">Путівник</a>"), "{b}");
        assert!(
            html.contains(">programme.docx</a>"),
            "{b}: untitled files show their name"
        );
        assert!(html.contains("DOCX"), "{b}");
        let media = &jsonld(&html)["associatedMedia"];
        assert_eq!(media[0]["contentUrl"], pdf["url"], "{b}: {media}");
        assert_eq!(media[1]["encodingFormat"], doc["mime"], "{b}");

        // Only the post's own institution's files, and only its staff attach them.
        let web = admin_web(&site);
        let lviv_web = editor(
            &web,
            &base,
            "lviv-folk-architecture-museum",
            "lviv@example.org",
        );
        let lviv = site.token_for("lviv@example.org");
        let (status, _) = upload_file(&site, &lviv, "theirs.pdf", PDF.to_vec());
        assert_eq!(status, 403, "{b}: uploaded for another institution");
        let (status, theirs) = {
            use reqwest::blocking::multipart::{Form, Part};
            let form = Form::new().part("file", Part::bytes(PDF.to_vec()).file_name("ours.pdf"));
            let res = client()
                .post(site.url("/api/v1/files"))
                .bearer_auth(&lviv)
                .multipart(form)
                .send()
                .unwrap();
            (res.status().as_u16(), res.json::<Value>().unwrap())
        };
        assert_eq!(status, 201, "{b}: {theirs}");
        assert_eq!(
            theirs["institution"], "lviv-folk-architecture-museum",
            "{b}"
        );
        value["attachments"] = json!([{ "file": theirs["id"] }]);
        let (status, answer) = put(&base, &admin, "/api/v1/posts/guidebook", &value);
        assert_eq!(status, 422, "{b}: {answer}");
        assert_eq!(answer["errors"][0]["field"], "attachments[0].file", "{b}");
        assert_eq!(answer["errors"][0]["reason"], "unknown-file", "{b}");
        let page = lviv_web
            .get(site.url("/news/guidebook/attachments"))
            .send()
            .unwrap();
        assert_eq!(page.status(), 403, "{b}: another museum's editor");

        // The staff page: upload with a title, a refusal explained on the page, take one off.
        let page = web
            .get(site.url("/news/guidebook/attachments"))
            .send()
            .unwrap();
        assert_eq!(page.status(), 200, "{b}");
        let page = page.text().unwrap();
        assert!(page.contains(">The guidebook</a>"), "{b}");
        let csrf = input_value(&page, "csrf").unwrap();
        let send = |name: &str, bytes: Vec<u8>| {
            use reqwest::blocking::multipart::{Form, Part};
            let form = Form::new()
                .text("csrf", csrf.clone())
                .part("file", Part::bytes(bytes).file_name(name.to_owned()))
                .text("title.en", "Annex");
            web.post(site.url("/news/guidebook/attachments/upload"))
                .multipart(form)
                .send()
                .unwrap()
        };
        let files = stored_files(&site);
        let refused = send("annex.docx", PDF.to_vec());
        assert_eq!(refused.status(), 422, "{b}");
        let shown = refused.text().unwrap();
        assert!(shown.contains("id=\"err-file\""), "{b}");
        assert!(shown.contains("does not match its name"), "{b}: {shown}");
        assert_eq!(stored_files(&site), files, "{b}");
        let res = send("annex.pdf", PDF.to_vec());
        assert_eq!(
            location(&res).as_deref(),
            Some("/news/guidebook/attachments"),
            "{b}"
        );
        let (_, api) = get(&base, "/api/v1/posts/guidebook");
        let api: Value = serde_json::from_str(&api).unwrap();
        let attached = api["attachments"].as_array().unwrap();
        assert_eq!(attached.len(), 3, "{b}: {api}");
        assert_eq!(attached[2]["title"]["en"], "Annex", "{b}");
        let annex = attached[2]["file"].as_str().unwrap().to_owned();
        let res = web
            .post(site.url(&format!("/news/guidebook/attachments/{annex}/remove")))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .unwrap();
        assert!(res.status().is_redirection(), "{b}: {}", res.status());
        let (_, api) = get(&base, "/api/v1/posts/guidebook");
        assert!(!api.contains(&annex), "{b}: still attached");
        // The file stays the institution's, downloadable by whoever holds its address.
        assert_eq!(get(&base, &format!("/files/{annex}")).0, 200, "{b}");
        assert_eq!(get(&base, "/files/not-an-id").0, 404, "{b}");
    }
}
