//! Getting the word out, against the running binary on each backend: robots.txt and the
//! sitemaps (read by `ultimate-sitemap-parser`, the crawler library, starting from robots.txt),
//! link-preview tags and the share menu, oEmbed, and the widgets other sites embed.

mod common;

use common::{Site, admin_web, client, editor, sites};
use serde_json::{Value, json};

/// Markup as a browser reads it: askama escapes `<`, `>`, `"`, `'` and `&` as numeric
/// character references.
fn unescape(html: &str) -> String {
    html.replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#38;", "&")
}

fn page(site: &Site, path: &str) -> (u16, reqwest::header::HeaderMap, String) {
    let res = client().get(site.url(path)).send().unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, headers, res.text().unwrap())
}

/// The pages of the sitemap tree as the crawler library reads it from the site's robots.txt:
/// `{url: [hreflang, ...]}`.
fn crawled_sitemap(site: &Site) -> Option<serde_json::Map<String, Value>> {
    let python = kolo_testkit::python_tool("python")?;
    let script = "import json, sys\n\
        from usp.tree import sitemap_tree_for_homepage\n\
        tree = sitemap_tree_for_homepage(sys.argv[1], use_known_paths=False)\n\
        print(json.dumps({p.url: [l for l, _ in (p.alternates or [])] for p in tree.all_pages()}))";
    let out = std::process::Command::new(python)
        .args(["-c", script, &site.url("/")])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn robots_txt_leads_crawlers_to_every_public_page_in_every_language() {
    for site in sites() {
        let b = site.backend;
        let (status, headers, robots) = page(&site, "/robots.txt");
        assert_eq!(status, 200, "{b}");
        assert!(
            headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/plain")
        );
        assert!(
            robots.contains(&format!("Sitemap: {}", site.url("/sitemap.xml"))),
            "{b}: {robots}"
        );
        assert!(robots.contains("Disallow: /search"), "{b}");

        // A published object and a draft of the same museum.
        let token = site.admin_token("root@example.org");
        let post = |inventory: &str, state: &str| -> i64 {
            let res = client()
                .post(site.url("/api/v1/objects"))
                .bearer_auth(&token)
                .json(&json!({
                    "institution": "novopskov-museum",
                    "inventory_number": inventory,
                    "title": {"uk": format!("Рушник {inventory}")},
                    "state": state,
                }))
                .send()
                .unwrap();
            assert_eq!(res.status(), 201, "{b}");
            res.json::<Value>().unwrap()["id"].as_i64().unwrap()
        };
        let published = post("S-1", "published");
        let draft = post("S-2", "draft");

        let Some(pages) = crawled_sitemap(&site) else {
            return;
        };
        for path in [
            "/".to_owned(),
            "/institutions/novopskov-museum".to_owned(),
            "/networks/aivim".to_owned(),
            "/events/bibliomodel-2022".to_owned(),
            "/exhibitions/golden-man-world-tour".to_owned(),
            "/stories/exhibit-tells-1-festive-costume".to_owned(),
            "/projects/inter-museum-diplomacy".to_owned(),
            "/news".to_owned(),
            "/news/novopskov-museum-lviv-cooperation".to_owned(),
            format!("/objects/{published}"),
        ] {
            let langs = pages
                .get(&site.url(&path))
                .unwrap_or_else(|| panic!("{b}: {path} is not in the sitemap"));
            assert_eq!(
                langs,
                &json!(["uk", "ru", "kk", "en", "x-default"]),
                "{b}: {path}"
            );
        }
        assert!(
            !pages.contains_key(&site.url(&format!("/objects/{draft}"))),
            "{b}: a draft is not listed"
        );
        // Every address listed answers, and in the language it is listed under.
        for url in pages.keys() {
            let res = client().get(url).send().unwrap();
            assert_eq!(res.status(), 200, "{b}: {url}");
        }
        let (_, _, kazakh) = page(&site, "/institutions/novopskov-museum?lang=kk");
        assert!(kazakh.contains("<html lang=\"kk\">"), "{b}");
        assert_eq!(page(&site, "/sitemaps/objects-x.xml").0, 404, "{b}");
    }
}

#[test]
fn record_pages_carry_preview_tags_a_share_menu_and_oembed() {
    for site in sites() {
        let b = site.backend;
        let (_, _, html) = page(&site, "/events/bibliomodel-2022?lang=en");
        let html = unescape(&html);
        // No picture: the small card, with title and description.
        assert!(
            html.contains("<meta name=\"twitter:card\" content=\"summary\">"),
            "{b}"
        );
        assert!(html.contains("<meta name=\"twitter:title\""), "{b}");
        assert!(html.contains("<meta property=\"og:description\""), "{b}");
        // Share links are plain addresses with this page's, encoded; no third-party script.
        let me =
            url::form_urlencoded::byte_serialize(site.url("/events/bibliomodel-2022").as_bytes())
                .collect::<String>();
        for service in [
            format!("https://www.facebook.com/sharer/sharer.php?u={me}"),
            format!("https://t.me/share/url?url={me}&text="),
            "mailto:?subject=".to_owned(),
        ] {
            assert!(html.contains(&service), "{b}: {service} in {html}");
        }
        assert!(!html.contains("<script src=\"http"), "{b}");
        // oEmbed discovery, and its answer: a link card with the title.
        let discovery = format!(
            "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}?url={me}&format=json\"",
            site.url("/oembed")
        );
        assert!(html.contains(&discovery), "{b}: {html}");
        let oembed = |url: &str, extra: &str| {
            let res = client()
                .get(site.url(&format!(
                    "/oembed?url={}{extra}",
                    url::form_urlencoded::byte_serialize(url.as_bytes()).collect::<String>()
                )))
                .send()
                .unwrap();
            let status = res.status().as_u16();
            (status, res.json::<Value>().unwrap_or(Value::Null))
        };
        let (status, card) = oembed(&site.url("/events/bibliomodel-2022?lang=en"), "&lang=en");
        assert_eq!(status, 200, "{b}");
        assert_eq!(card["version"], "1.0", "{b}");
        assert_eq!(card["type"], "link", "{b}");
        assert!(
            card["title"].as_str().unwrap().contains("BiblioMODEL"),
            "{b}: {card}"
        );
        // An institution embeds as its widget.
        let (status, rich) = oembed(&site.url("/institutions/novopskov-museum"), "&maxwidth=300");
        assert_eq!(status, 200, "{b}");
        assert_eq!(rich["type"], "rich", "{b}");
        assert_eq!(rich["width"], 300, "{b}");
        let html = rich["html"].as_str().unwrap();
        assert!(
            html.starts_with(&format!(
                "<iframe src=\"{}",
                site.url("/widgets/institutions/novopskov-museum")
            )) && html.contains("width=\"300\""),
            "{b}: {html}"
        );
        // What oEmbed cannot answer.
        assert_eq!(
            oembed("https://elsewhere.example/events/x", "").0,
            404,
            "{b}"
        );
        assert_eq!(oembed(&site.url("/events/no-such-event"), "").0, 404, "{b}");
        assert_eq!(
            oembed(&site.url("/events/bibliomodel-2022"), "&format=xml").0,
            501,
            "{b}"
        );
        assert_eq!(page(&site, "/oembed").0, 400, "{b}");
    }
}

#[test]
fn widgets_can_be_framed_anywhere_and_are_offered_to_the_institutions_staff() {
    for site in sites() {
        let b = site.backend;
        // A coming event hosted by the museum, so the widget has something to show.
        let token = site.admin_token("root@example.org");
        let res = client()
            .put(site.url("/api/v1/events/widget-test-day"))
            .bearer_auth(&token)
            .json(&json!({
                "slug": "widget-test-day", "kind": "round_table", "status": "scheduled",
                "attendance": "offline", "original_lang": "uk",
                "title": {"uk": "Круглий стіл у музеї", "en": "A round table at the museum"},
                "time_zone": "Europe/Kyiv", "starts_at": "2030-05-18T10:00:00",
                "ends_at": "2030-05-18T13:00:00", "hosts": ["novopskov-museum"],
            }))
            .send()
            .unwrap();
        assert!(res.status().is_success(), "{b}: {}", res.text().unwrap());

        let (status, headers, widget) =
            page(&site, "/widgets/institutions/novopskov-museum?lang=en");
        assert_eq!(status, 200, "{b}");
        assert!(
            !headers.contains_key("x-frame-options"),
            "{b}: framing allowed"
        );
        let policy = headers["content-security-policy"].to_str().unwrap();
        assert!(policy.contains("frame-ancestors *"), "{b}: {policy}");
        assert!(
            !policy.contains("script-src"),
            "{b}: nothing may run: {policy}"
        );
        assert!(
            widget.contains(&format!("href=\"{}\"", site.url("/events/widget-test-day")))
                && widget.contains("A round table at the museum"),
            "{b}: {widget}"
        );
        assert!(widget.contains("<base target=\"_top\">"), "{b}");
        assert!(
            widget.contains(&format!(
                "href=\"{}\"",
                site.url("/news/novopskov-museum-lviv-cooperation")
            )),
            "{b}: the latest news too: {widget}"
        );
        // Ordinary pages still refuse to be framed.
        let (_, headers, _) = page(&site, "/institutions/novopskov-museum");
        assert_eq!(headers["x-frame-options"], "DENY", "{b}");

        let (status, _, fragment) = page(
            &site,
            "/widgets/institutions/novopskov-museum/fragment.html?lang=uk",
        );
        assert_eq!(status, 200, "{b}");
        assert!(
            fragment
                .trim_start()
                .starts_with("<section class=\"kolo-widget\" lang=\"uk\">"),
            "{b}: {fragment}"
        );
        assert!(fragment.contains("Круглий стіл у музеї"), "{b}");
        assert!(
            !fragment.contains("<script") && !fragment.contains("<html"),
            "{b}"
        );
        assert_eq!(
            page(&site, "/widgets/nowhere/novopskov-museum").0,
            404,
            "{b}"
        );
        assert_eq!(
            page(&site, "/widgets/institutions/no-such-museum").0,
            404,
            "{b}"
        );

        // The museum's editor finds both codes, ready to paste; another museum's editor does not.
        let admin = admin_web(&site);
        let curator = editor(
            &admin,
            &site.server.base_url,
            "novopskov-museum",
            "c@example.org",
        );
        let stranger = editor(
            &admin,
            &site.server.base_url,
            "victory-museum",
            "s@example.org",
        );
        let res = curator
            .get(site.url("/institutions/novopskov-museum/widgets?lang=en"))
            .send()
            .unwrap();
        assert_eq!(res.status(), 200, "{b}");
        let help = unescape(&res.text().unwrap());
        let iframe = format!(
            "<iframe src=\"{}?lang=en\"",
            site.url("/widgets/institutions/novopskov-museum")
        );
        assert!(help.contains(&iframe), "{b}: {help}");
        assert!(
            help.contains("<section class=\"kolo-widget\""),
            "{b}: {help}"
        );
        assert!(help.contains("A round table at the museum"), "{b}");
        let res = stranger
            .get(site.url("/institutions/novopskov-museum/widgets"))
            .send()
            .unwrap();
        assert_eq!(res.status(), 403, "{b}");
        let (_, _, public) = page(&site, "/institutions/novopskov-museum");
        assert!(!public.contains("/widgets\""), "{b}: the link is for staff");
    }
}

#[test]
fn atom_feeds_carry_news_events_or_both_for_every_scope() {
    for site in sites() {
        let b = site.backend;
        let Some(both) = common::feedparser(&site, "/institutions/novopskov-museum/feed.atom")
        else {
            return;
        };
        let links = |feed: &Value| -> Vec<String> {
            feed["links"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap().to_owned())
                .collect()
        };
        let news_post = site.url("/news/novopskov-museum-lviv-cooperation");
        let event = site.url("/events/inter-museum-diplomacy-2019");
        assert!(
            links(&both).contains(&news_post) && links(&both).contains(&event),
            "{b}: {both}"
        );
        let news = common::feedparser(&site, "/institutions/novopskov-museum/news.atom").unwrap();
        assert_eq!(links(&news), [news_post.as_str()], "{b}: {news}");
        let events =
            common::feedparser(&site, "/institutions/novopskov-museum/events.atom").unwrap();
        assert!(!links(&events).contains(&news_post), "{b}");
        assert!(links(&events).contains(&event), "{b}");
        // A network's feed carries its members' news; the platform's carries everyone's.
        let network =
            common::feedparser(&site, "/networks/inter-museum-diplomacy/news.atom").unwrap();
        assert!(links(&network).contains(&news_post), "{b}: {network}");
        let all = common::feedparser(&site, "/news.atom").unwrap();
        assert_eq!(all["n"], 5, "{b}: every demo post: {all}");
        let everything = common::feedparser(&site, "/feed.atom?lang=en").unwrap();
        assert_eq!(everything["title"], "News and events", "{b}");
        assert!(everything["n"].as_i64().unwrap() > 5, "{b}");
        // A project's timeline, one entry per activity.
        let project =
            common::feedparser(&site, "/projects/inter-museum-diplomacy/feed.atom?lang=en")
                .unwrap();
        assert!(project["n"].as_i64().unwrap() >= 5, "{b}: {project}");
        assert!(
            project["title"].as_str().unwrap().contains("Inter-museum"),
            "{b}: {project}"
        );
        for missing in [
            "/projects/no-such-project/feed.atom",
            "/institutions/no-such-museum/news.atom",
        ] {
            assert_eq!(page(&site, missing).0, 404, "{b}: {missing}");
        }
    }
}
