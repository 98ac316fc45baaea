//! Events: pages, JSON-LD, the API and its rights, on each backend, with the demo events from
//! the seed documents.

mod common;

use common::{
    accept_invitation, client, editable_json, institution_id, invite, jsonld, sign_in, sites,
};
use serde_json::{Value, json};

#[test]
fn event_pages_show_the_programme_and_describe_it_for_machines() {
    for site in sites() {
        let b = site.backend;
        let res = client()
            .get(site.url("/events/ryazan-forum-central-libraries-2024?lang=ru"))
            .send()
            .unwrap();
        assert_eq!(res.status(), 200, "{b}");
        let html = res.text().unwrap();
        assert!(
            html.contains("culture.ru/live/broadcast/91474"),
            "{b}: recordings are linked from the programme"
        );
        assert!(
            html.contains("type=\"text/calendar\" href=\"/events/ryazan-forum-central-libraries-2024/calendar.ics\""),
            "{b}: the calendar is discoverable"
        );
        assert!(
            html.contains("class=\"slot parallel\""),
            "{b}: the three tracks run side by side"
        );
        let ld = jsonld(&html);
        assert_eq!(ld["@type"], "Event", "{b}");
        assert_eq!(
            ld["eventAttendanceMode"], "https://schema.org/MixedEventAttendanceMode",
            "{b}"
        );
        assert_eq!(
            ld["eventStatus"], "https://schema.org/EventScheduled",
            "{b}"
        );
        assert!(
            ld["startDate"].as_str().unwrap().starts_with("2024-04-17T")
                && ld["startDate"].as_str().unwrap().ends_with("+03:00"),
            "{b}: {}",
            ld["startDate"]
        );
        assert!(
            ld["subEvent"].as_array().unwrap().len() >= 4,
            "{b}: the tracks are sub-events"
        );
        assert!(
            ld["organizer"].as_array().is_some_and(|o| !o.is_empty()),
            "{b}"
        );

        let html = client()
            .get(site.url("/events/strategic-session-history-museums-2024?lang=en"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        let ld = jsonld(&html);
        assert!(
            ld["superEvent"]["url"]
                .as_str()
                .unwrap()
                .ends_with("/events/x-international-cultural-forum-2024"),
            "{b}"
        );
        assert!(
            html.contains("449-81-17"),
            "{b}: the contact person's phone"
        );
        assert!(
            html.contains("19.08.2024"),
            "{b}: the registration deadline"
        );

        let list = client()
            .get(site.url("/events?when=past&lang=en"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert!(
            list.contains("/events/bibliomodel-2022")
                && list.contains("/events/kazakhstan-museums-conference-2019"),
            "{b}"
        );
        let filtered = client()
            .get(site.url("/events?when=past&institution=national-museum-of-kazakhstan"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert!(
            filtered.contains("/events/kazakhstan-museums-conference-2019")
                && !filtered.contains("/events/bibliomodel-2022"),
            "{b}"
        );
        let museum = client()
            .get(site.url("/institutions/novopskov-museum?lang=uk"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert!(
            museum.contains("/events/inter-museum-diplomacy-2020"),
            "{b}: the institution page lists its events"
        );
        let april = client()
            .get(site.url("/events/calendar?month=2024-04&lang=en"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert!(april.contains("April 2024"), "{b}");
        assert_eq!(
            april
                .matches("/events/ryazan-forum-central-libraries-2024\"")
                .count(),
            2,
            "{b}: on both of its days"
        );
        assert_eq!(
            client()
                .get(site.url("/events/calendar?month=2024-13"))
                .send()
                .unwrap()
                .status(),
            400,
            "{b}"
        );
        assert_eq!(
            client()
                .get(site.url("/events?from=yesterday"))
                .send()
                .unwrap()
                .status(),
            400,
            "{b}"
        );
    }
}

#[test]
fn the_events_api_filters_and_only_hosts_write() {
    for site in sites() {
        let b = site.backend;
        let base = site.server.base_url.clone();
        let all: Value = client()
            .get(site.url("/api/v1/events?limit=100"))
            .send()
            .unwrap()
            .json()
            .unwrap();
        assert!(all["total"].as_i64().unwrap() >= 7, "{b}");
        let in_2019: Value = client()
            .get(site.url("/api/v1/events?from=2019-01-01&to=2019-12-31"))
            .send()
            .unwrap()
            .json()
            .unwrap();
        let slugs: Vec<&str> = in_2019["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["slug"].as_str().unwrap())
            .collect();
        assert_eq!(
            slugs,
            [
                "inter-museum-diplomacy-2019",
                "kazakhstan-museums-conference-2019"
            ],
            "{b}"
        );
        let one: Value = client()
            .get(site.url("/api/v1/events/bibliomodel-2022"))
            .send()
            .unwrap()
            .json()
            .unwrap();
        assert!(
            one["url"]
                .as_str()
                .unwrap()
                .ends_with("/events/bibliomodel-2022"),
            "{b}"
        );
        assert_eq!(one["attendance"], "hybrid", "{b}");
        assert_eq!(
            client()
                .get(site.url("/api/v1/events?kind=zoo"))
                .send()
                .unwrap()
                .status(),
            400,
            "{b}"
        );

        // A curator of the Pskov library edits its forum; a curator elsewhere cannot.
        site.kolo(
            &["admin", "create", "--email", "admin@example.org"],
            "a long admin password\n",
        );
        let admin = sign_in(&base, "admin@example.org", "a long admin password");
        for (slug, email) in [
            ("pskov-regional-library", "pskov@example.org"),
            ("victory-museum", "victory@example.org"),
        ] {
            let link = invite(
                &admin,
                &base,
                &format!("institution:{}", institution_id(&base, slug)),
                email,
                "editor",
            );
            accept_invitation(&base, &link, "Editor", "an editor's long password");
        }
        let (pskov, victory) = (
            site.token_for("pskov@example.org"),
            site.token_for("victory@example.org"),
        );
        let mut body = editable_json(&base, "/api/v1/events/bibliomodel-2022");
        body.as_object_mut().unwrap().remove("programme");
        body["summary"]["en"] = json!("Changed by the host's editor.");
        let put = |token: &str, body: &Value| {
            client()
                .put(site.url("/api/v1/events/bibliomodel-2022"))
                .bearer_auth(token)
                .json(body)
                .send()
                .unwrap()
        };
        assert_eq!(put(&victory, &body).status(), 403, "{b}: not their event");
        assert_eq!(put(&pskov, &body).status(), 200, "{b}");
        let mut bad = body.clone();
        bad["ends_at"] = json!("2022-03-16T10:00:00");
        let res = put(&pskov, &bad);
        assert_eq!(res.status(), 422, "{b}");
        assert_eq!(
            res.json::<Value>().unwrap()["errors"][0]["field"],
            "ends_at",
            "{b}"
        );
        let mut wrong_zone = body.clone();
        wrong_zone["time_zone"] = json!("Europe/Atlantis");
        let res = put(&pskov, &wrong_zone);
        assert_eq!(res.status(), 422, "{b}");
        assert!(res.text().unwrap().contains("time_zone"), "{b}");

        let programme = json!({"items": [{
            "guid": "opening", "kind": "session", "title": {"ru": "Открытие"},
            "starts_at": "2022-03-17T10:00:00", "duration_minutes": 30
        }, {
            "guid": "late", "kind": "talk", "title": {"ru": "Поздно"},
            "starts_at": "2022-03-20T10:00:00", "duration_minutes": 30
        }]});
        let res = client()
            .put(site.url("/api/v1/events/bibliomodel-2022/programme"))
            .bearer_auth(&pskov)
            .json(&programme)
            .send()
            .unwrap();
        assert_eq!(res.status(), 422, "{b}");
        assert_eq!(
            res.json::<Value>().unwrap()["errors"][0]["field"],
            "items[1].starts_at",
            "{b}"
        );
        let page = client()
            .get(site.url("/events/bibliomodel-2022?lang=en"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert!(
            page.contains("Changed by the host") && !page.contains("Поздно"),
            "{b}"
        );
    }
}

#[test]
fn atom_feeds_parse_with_feedparser_and_carry_only_their_events() {
    for site in sites() {
        let b = site.backend;
        let Some(all) = common::feedparser(&site, "/events.atom?lang=en") else {
            return;
        };
        assert!(all["n"].as_i64().unwrap() >= 7, "{b}: {all}");
        let links = |feed: &Value| -> Vec<String> {
            feed["links"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap().rsplit('/').next().unwrap().to_owned())
                .collect()
        };
        assert!(links(&all).contains(&"bibliomodel-2022".to_owned()), "{b}");
        let library = common::feedparser(
            &site,
            "/institutions/pskov-regional-library/events.atom?lang=en",
        )
        .unwrap();
        assert_eq!(links(&library), ["bibliomodel-2022"], "{b}: {library}");
        assert!(
            library["title"].as_str().unwrap().contains("Pskov"),
            "{b}: {library}"
        );
        let network =
            common::feedparser(&site, "/networks/model-libraries-north-west/events.atom").unwrap();
        assert!(
            links(&network).contains(&"bibliomodel-2022".to_owned()),
            "{b}"
        );
        assert!(links(&network).len() < links(&all).len(), "{b}");
        let res = client()
            .get(site.url("/institutions/no-such-library/events.atom"))
            .send()
            .unwrap();
        assert_eq!(res.status(), 404, "{b}");
    }
}

#[test]
fn calendar_feeds_parse_with_python_icalendar() {
    let Some(python) = kolo_testkit::python_tool("python") else {
        return;
    };
    for site in sites() {
        let b = site.backend;
        let dir = tempfile::tempdir().unwrap();
        let script = "import icalendar, json, sys\n\
            c = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
            out = []\n\
            for e in c.walk('VEVENT'):\n\
            \x20   out.append({'uid': str(e['UID']), 'summary': str(e['SUMMARY']),\n\
            \x20     'start': e.decoded('DTSTART').astimezone(__import__('datetime').timezone.utc).isoformat(),\n\
            \x20     'related': str(e.get('RELATED-TO', ''))})\n\
            print(json.dumps(out))";
        let fetch = |path: &str| -> Vec<Value> {
            let res = client().get(site.url(path)).send().unwrap();
            assert_eq!(res.status(), 200, "{b}: {path}");
            assert!(
                res.headers()["content-type"]
                    .to_str()
                    .unwrap()
                    .starts_with("text/calendar"),
                "{b}"
            );
            let file = dir.path().join("feed.ics");
            std::fs::write(&file, res.bytes().unwrap()).unwrap();
            let out = std::process::Command::new(&python)
                .args(["-c", script])
                .arg(&file)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{b}: {path}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            serde_json::from_slice(&out.stdout).unwrap()
        };
        let forum = fetch("/events/ryazan-forum-central-libraries-2024/calendar.ics?lang=ru");
        let event_uid = forum[0]["uid"].as_str().unwrap().to_owned();
        assert!(
            event_uid.starts_with("event-ryazan-forum-central-libraries-2024@"),
            "{b}: {event_uid}"
        );
        assert_eq!(
            forum[0]["start"], "2024-04-17T07:00:00+00:00",
            "{b}: 10:00 in Moscow"
        );
        assert!(
            forum.len() >= 5,
            "{b}: programme items are their own VEVENTs"
        );
        assert!(
            forum[1..]
                .iter()
                .all(|i| i["related"] == event_uid.as_str()),
            "{b}"
        );
        let all = fetch("/events.ics");
        assert!(
            all.iter().any(|e| e["uid"] == event_uid.as_str()),
            "{b}: the same UID in every feed"
        );
        let museum = fetch("/institutions/national-museum-of-kazakhstan/events.ics");
        assert!(
            museum.iter().any(|e| e["uid"]
                .as_str()
                .unwrap()
                .starts_with("event-kazakhstan-museums-conference-2019@")),
            "{b}"
        );
        assert_eq!(
            fetch("/networks/aivim/events.ics")
                .first()
                .map(|e| e["uid"].as_str().unwrap().starts_with("event-")),
            Some(true),
            "{b}"
        );
    }
}
