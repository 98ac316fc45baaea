//! The blocks around news and events through the real binary on each backend: the "other
//! events" block of an event's and a post's page (the institution's upcoming events first, then
//! its networks', never the event itself, kept correct in the page cache), the upcoming-events
//! and latest-posts blocks of institution, network and home pages without drafts, a post that
//! is part of a project and a project's publication that is a post, and the network filter of
//! /news and /projects.

mod common;

use common::{get, put, sites};
use serde_json::{Value, json};

/// A coming round table on `day` (2030) hosted by `host`, in `networks`.
fn event(slug: &str, host: &str, networks: &[&str], day: &str) -> Value {
    json!({
        "slug": slug, "kind": "round_table", "status": "scheduled",
        "attendance": "offline", "original_lang": "en",
        "title": {"en": format!("Round table {slug}")},
        "time_zone": "Europe/Kyiv", "starts_at": format!("2030-{day}T10:00:00"),
        "ends_at": format!("2030-{day}T13:00:00"), "hosts": [host], "networks": networks,
    })
}

fn post(slug: &str, institution: &str, kind: &str, status: &str, links: Value) -> Value {
    json!({
        "slug": slug, "institution": institution, "kind": kind, "original_lang": "en",
        "title": {"en": format!("Post {slug}")}, "body": {"en": "Text."},
        "status": status, "links": links,
    })
}

fn project(slug: &str, lead: &str, state: &str, activities: Value) -> Value {
    json!({
        "slug": slug, "original_lang": "en", "title": {"en": format!("Project {slug}")},
        "partners": [{"institution": lead, "role": "lead"}],
        "starts_on": "2029-01-01", "status": "running", "state": state,
        "activities": activities,
    })
}

/// The "other events" section of a page.
fn other_events(html: &str) -> &str {
    let start = html
        .find("id=\"other-events\"")
        .expect("an other-events block");
    let end = start + html[start..].find("</section>").unwrap();
    &html[start..end]
}

fn event_link(slug: &str) -> String {
    format!("href=\"/events/{slug}\"")
}

#[test]
fn other_events_blocks_and_the_pages_upcoming_and_latest_blocks() {
    for site in sites() {
        let b = site.backend;
        let base = site.server.base_url.clone();
        let token = site.admin_token("root@example.org");
        // The Novopskov museum and the Lviv folk architecture museum share the
        // inter-museum-diplomacy network; the Victory museum is elsewhere.
        for e in [
            event("oe-main", "novopskov-museum", &[], "06-10"),
            event(
                "oe-own",
                "novopskov-museum",
                &["inter-museum-diplomacy"],
                "06-20",
            ),
            event(
                "oe-network",
                "lviv-folk-architecture-museum",
                &["inter-museum-diplomacy"],
                "05-01",
            ),
            event("oe-elsewhere", "victory-museum", &[], "05-02"),
        ] {
            let slug = e["slug"].as_str().unwrap().to_owned();
            let (status, answer) = put(&base, &token, &format!("/api/v1/events/{slug}"), &e);
            assert_eq!(status, 201, "{b}: {slug}: {answer}");
        }

        // An event's page: the institution's own first (though later), then the network's,
        // without the event itself or unrelated ones, and the institution's full list.
        let (status, html) = get(&base, "/events/oe-main?lang=en");
        assert_eq!(status, 200, "{b}");
        let block = other_events(&html);
        assert!(block.contains("Other events"), "{b}: {block}");
        let own = block.find(&event_link("oe-own"));
        let network = block.find(&event_link("oe-network"));
        assert!(own.is_some() && network.is_some(), "{b}: {block}");
        assert!(own < network, "{b}: the institution's events come first");
        assert_eq!(
            block.matches(&event_link("oe-own")).count(),
            1,
            "{b}: the institution's and the network's, once"
        );
        for absent in ["oe-main", "oe-elsewhere"] {
            assert!(!block.contains(&event_link(absent)), "{b}: {absent}");
        }
        assert!(
            block.contains("href=\"/events?institution=novopskov-museum\""),
            "{b}: {block}"
        );
        // Another host's event in the network: the network's other events, not itself.
        let (_, html) = get(&base, "/events/oe-network");
        let block = other_events(&html);
        assert!(!block.contains(&event_link("oe-network")), "{b}");
        assert!(block.contains(&event_link("oe-own")), "{b}: {block}");
        assert!(
            !block.contains(&event_link("oe-main")),
            "{b}: not in the network"
        );
        assert!(!block.contains(&event_link("oe-elsewhere")), "{b}");

        // A post's page: its institution's coming events.
        let (status, html) = get(&base, "/news/novopskov-museum-lviv-cooperation");
        assert_eq!(status, 200, "{b}");
        let block = other_events(&html);
        for present in ["oe-main", "oe-own", "oe-network"] {
            assert!(block.contains(&event_link(present)), "{b}: {present}");
        }
        assert!(!block.contains(&event_link("oe-elsewhere")), "{b}");

        // The cached page learns of a new event at once.
        let (status, _) = put(
            &base,
            &token,
            "/api/v1/events/oe-added",
            &event("oe-added", "novopskov-museum", &[], "07-01"),
        );
        assert_eq!(status, 201, "{b}");
        let (_, html) = get(&base, "/events/oe-main?lang=en");
        assert!(
            other_events(&html).contains(&event_link("oe-added")),
            "{b}: the cached page went stale"
        );

        // Institution, network and home pages: coming events and latest posts, no drafts.
        for (slug, status) in [("oe-public", "published"), ("oe-draft", "draft")] {
            let p = post(slug, "novopskov-museum", "news", status, json!([]));
            let (code, answer) = put(&base, &token, &format!("/api/v1/posts/{slug}"), &p);
            assert_eq!(code, 201, "{b}: {answer}");
        }
        for (path, coming) in [
            ("/institutions/novopskov-museum", "oe-own"),
            ("/networks/inter-museum-diplomacy", "oe-network"),
            ("/", "oe-main"),
        ] {
            let (status, html) = get(&base, path);
            assert_eq!(status, 200, "{b}: {path}");
            assert!(html.contains(&event_link(coming)), "{b}: {path}: {coming}");
            assert!(
                html.contains("href=\"/news/oe-public\""),
                "{b}: {path}: latest post"
            );
            assert!(!html.contains("/news/oe-draft"), "{b}: {path}: a draft");
        }
    }
}

#[test]
fn posts_and_projects_link_both_ways_and_networks_filter_news_and_projects() {
    for site in sites() {
        let b = site.backend;
        let base = site.server.base_url.clone();
        let token = site.admin_token("root@example.org");

        // The demo's post is part of the demo's project, as its bundle file says.
        let (_, api) = get(&base, "/api/v1/posts/novopskov-museum-lviv-cooperation");
        let api: Value = serde_json::from_str(&api).unwrap();
        assert!(
            api["links"]
                .as_array()
                .unwrap()
                .contains(&json!({"kind": "project", "slug": "inter-museum-diplomacy"})),
            "{b}: {api}"
        );
        let (_, html) = get(&base, "/news/novopskov-museum-lviv-cooperation?lang=en");
        let header = &html[html.find("class=\"record-header\"").unwrap()..];
        let header = &header[..header.find("</header>").unwrap()];
        assert!(
            header.contains("Part of the project: <a href=\"/projects/inter-museum-diplomacy\""),
            "{b}: {header}"
        );

        // A project's publication is the post of that slug, once the public sees it; a post
        // naming a draft project does not link it.
        for (slug, status) in [("oe-guide", "published"), ("oe-unfinished", "draft")] {
            let links = json!([{"kind": "project", "slug": "oe-project"}]);
            let p = post(slug, "novopskov-museum", "publication", status, links);
            let (code, answer) = put(&base, &token, &format!("/api/v1/posts/{slug}"), &p);
            assert_eq!(code, 201, "{b}: {answer}");
        }
        let activity = |day: &str, slug: &str| {
            json!({"starts_on": format!("2029-{day}"), "title": {"en": format!("Issue {slug}")},
                   "link": {"kind": "publication", "slug": slug}})
        };
        let activities = json!([
            activity("02-01", "oe-guide"),
            activity("03-01", "oe-unfinished")
        ]);
        let p = project("oe-project", "novopskov-museum", "published", activities);
        let (code, answer) = put(&base, &token, "/api/v1/projects/oe-project", &p);
        assert_eq!(code, 201, "{b}: {answer}");
        let (status, html) = get(&base, "/projects/oe-project");
        assert_eq!(status, 200, "{b}");
        assert!(html.contains("href=\"/news/oe-guide\""), "{b}: the post");
        assert!(!html.contains("/news/oe-unfinished"), "{b}: a draft post");
        let (_, html) = get(&base, "/news/oe-guide?lang=en");
        assert!(
            html.contains("Part of the project: <a href=\"/projects/oe-project\""),
            "{b}"
        );
        let p = project("oe-project", "novopskov-museum", "draft", json!([]));
        let (code, answer) = put(&base, &token, "/api/v1/projects/oe-project", &p);
        assert_eq!(code, 200, "{b}: {answer}");
        let (status, html) = get(&base, "/news/oe-guide?lang=en");
        assert_eq!(status, 200, "{b}");
        assert!(html.contains("<span lang=\"zxx\">oe-project</span>"), "{b}");
        assert!(!html.contains("href=\"/projects/oe-project\""), "{b}");
        assert!(!html.contains("Part of the project"), "{b}");

        // The network page leads to its news and projects, which the filter narrows.
        let (_, html) = get(&base, "/networks/territory-of-victory");
        for href in [
            "href=\"/news?network=territory-of-victory\"",
            "href=\"/projects?network=territory-of-victory\"",
        ] {
            assert!(html.contains(href), "{b}: {href}");
        }
        let victory = "href=\"/news/victory-museum-strategic-session-2024\"";
        let novopskov = "href=\"/news/novopskov-museum-lviv-cooperation\"";
        let (_, all) = get(&base, "/news");
        assert!(all.contains(victory) && all.contains(novopskov), "{b}");
        let (status, html) = get(&base, "/news?network=territory-of-victory");
        assert_eq!(status, 200, "{b}");
        assert!(html.contains(victory), "{b}");
        assert!(!html.contains(novopskov), "{b}: not a member's post");
        assert!(
            html.contains("<option value=\"territory-of-victory\" selected>"),
            "{b}: the filter is offered and kept"
        );
        let (_, html) = get(&base, "/news?network=inter-museum-diplomacy");
        assert!(html.contains(novopskov) && !html.contains(victory), "{b}");
        let (_, html) = get(
            &base,
            "/news?network=territory-of-victory&institution=novopskov-museum",
        );
        assert!(
            !html.contains(novopskov),
            "{b}: not a member of that network"
        );
        assert_eq!(get(&base, "/news?network=nowhere").0, 400, "{b}");

        let victory = "href=\"/projects/territory-of-victory\"";
        let diplomacy = "href=\"/projects/inter-museum-diplomacy\"";
        let draft = project("oe-hidden", "victory-museum", "draft", json!([]));
        let (code, _) = put(&base, &token, "/api/v1/projects/oe-hidden", &draft);
        assert_eq!(code, 201, "{b}");
        let (status, html) = get(&base, "/projects?network=territory-of-victory");
        assert_eq!(status, 200, "{b}");
        assert!(html.contains(victory), "{b}");
        assert!(!html.contains(diplomacy), "{b}: another network's project");
        assert!(!html.contains("/projects/oe-hidden"), "{b}: a draft");
        assert!(
            html.contains("<option value=\"territory-of-victory\" selected>"),
            "{b}"
        );
        let (_, html) = get(&base, "/projects?network=inter-museum-diplomacy");
        assert!(html.contains(diplomacy) && !html.contains(victory), "{b}");
        assert_eq!(get(&base, "/projects?network=nowhere").0, 400, "{b}");
    }
}
