//! Full-text search through the real binary on each backend, against the demo data: word
//! forms, both Kazakh scripts, apostrophes, facets and filters, drafts only for their own
//! staff, writes found within moments, and bad queries answered without an error.

mod common;

use common::{admin_web, client, editor, sites};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

fn search(site: &common::Site, who: &reqwest::blocking::Client, query: &[(&str, &str)]) -> Value {
    let res = who
        .get(site.url("/api/v1/search"))
        .query(query)
        .send()
        .unwrap();
    assert_eq!(res.status(), 200, "{}: {query:?}", site.backend);
    res.json().unwrap()
}

/// The result ids of a query, best first.
fn ids(answer: &Value) -> Vec<String> {
    answer["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Waits until the background indexer has caught up with the demo (it starts empty).
fn wait_for(site: &common::Site, query: &[(&str, &str)], want: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let answer = search(site, &client(), query);
        if want(&answer) || Instant::now() > deadline {
            return answer;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The id of the first object found by `words`, once the demo is indexed.
fn object_id(site: &common::Site, words: &str) -> String {
    let query = [("q", words), ("type", "object")];
    let answer = wait_for(site, &query, |a| a["total"] != 0);
    answer["items"][0]["id"].as_str().unwrap().to_owned()
}

#[test]
fn word_forms_scripts_and_apostrophes_find_the_same_records() {
    for site in sites() {
        let b = site.backend;
        let golden = object_id(&site, "Golden Man");
        assert!(golden.starts_with("object:"), "{b}: {golden}");
        // (query, a record that must be in its top 5)
        let cases = [
            ("Алтын адам", golden.as_str()),
            ("Altyn adam", golden.as_str()),
            ("ALTYN ADAM", golden.as_str()),
            ("Қазақ Алтайының қазынасы", "exhibition:"),
            ("Qazaq Altaiynyñ qazynasy", "exhibition:"),
            ("музей", "institution:"),
            ("музеї", "institution:"),
            ("библиотеками", "institution:"),
            ("Коло вічної істини", "exhibition:"),
        ];
        for (query, wanted) in cases {
            let answer = search(&site, &client(), &[("q", query)]);
            let top: Vec<String> = ids(&answer).into_iter().take(5).collect();
            assert!(
                top.iter().any(|id| id.starts_with(wanted)),
                "{b}: {query:?} should find {wanted} in {top:?}"
            );
        }
        let total = |q: &str| search(&site, &client(), &[("q", q)])["total"].clone();
        assert_eq!(total("зв’язків"), total("зв'язків"), "{b}: apostrophes");
        assert_eq!(total("зв’язків"), total("звʼязків"), "{b}: apostrophes");
        assert_ne!(total("зв’язків"), json!(0), "{b}");
        assert_eq!(total("Алтын адам"), total("Altyn adam"), "{b}: scripts");

        // Snippets in the page's language, with the words marked.
        let uk = search(&site, &client(), &[("q", "музеї"), ("lang", "uk")]);
        let snippets: Vec<&str> = uk["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| i["snippet"].as_str())
            .collect();
        assert!(
            snippets.iter().any(|s| s.contains("<mark>")),
            "{b}: {snippets:?}"
        );
    }
}

#[test]
fn facets_count_and_filters_narrow() {
    for site in sites() {
        let b = site.backend;
        let all = wait_for(&site, &[("q", "музей")], |a| a["total"] != 0);
        let kinds = all["facets"]["type"].as_object().unwrap().clone();
        let sum: u64 = kinds.values().map(|v| v.as_u64().unwrap()).sum();
        assert_eq!(json!(sum), all["total"], "{b}: each result has one type");
        for (kind, count) in &kinds {
            let only = search(&site, &client(), &[("q", "музей"), ("type", kind)]);
            assert_eq!(&only["total"], count, "{b}: {kind}");
            assert!(
                ids(&only)
                    .iter()
                    .all(|id| id.starts_with(&format!("{kind}:"))),
                "{b}: {kind}"
            );
        }
        for (network, count) in all["facets"]["network"].as_object().unwrap() {
            let only = search(&site, &client(), &[("q", "музей"), ("network", network)]);
            assert_eq!(&only["total"], count, "{b}: network {network}");
        }
        // With an institution chosen, a network's or a region's count is still what choosing
        // it as well gives (records co-hosted by a museum of the region included).
        let (first, _) = all["facets"]["institution"]
            .as_object()
            .unwrap()
            .iter()
            .max_by_key(|(_, n)| n.as_u64())
            .unwrap();
        let within = search(&site, &client(), &[("q", "музей"), ("institution", first)]);
        for facet in ["network", "region"] {
            let counts = within["facets"][facet].as_object().unwrap();
            assert!(!counts.is_empty(), "{b}: {first} has a {facet}");
            for (value, count) in counts {
                let both = search(
                    &site,
                    &client(),
                    &[("q", "музей"), ("institution", first), (facet, value)],
                );
                assert_eq!(&both["total"], count, "{b}: {first} and {facet} {value}");
            }
        }
        let pictured = search(
            &site,
            &client(),
            &[("q", "Golden Man"), ("has_image", "true")],
        );
        assert_eq!(
            pictured["total"],
            all_with(&site, "Golden Man")["facets"]["has_image"]
        );
        let by_date = search(&site, &client(), &[("q", "музей"), ("sort", "date")]);
        assert_eq!(
            by_date["total"], all["total"],
            "{b}: sorting keeps the results"
        );
        let refused = client()
            .get(site.url("/api/v1/search?q=x&type=nonsense"))
            .send()
            .unwrap();
        assert_eq!(refused.status(), 400, "{b}: an unknown type is named");
    }
}

fn all_with(site: &common::Site, q: &str) -> Value {
    search(site, &client(), &[("q", q)])
}

#[test]
fn bad_queries_answer_with_results_or_a_notice() {
    for site in sites() {
        let b = site.backend;
        let long = "музей ".repeat(2000);
        for q in [
            "",
            "   ",
            "\"unbalanced quote",
            "!!! ??? ...",
            "\u{0}\u{7}музей\u{1b}",
            &long,
            "*",
            "\"\"",
        ] {
            let answer = search(&site, &client(), &[("q", q)]);
            assert!(answer["total"].is_number(), "{b}: {q:?}");
            let notices = answer["notices"].as_array().unwrap();
            if q.trim().is_empty() || q.starts_with('!') || q == "*" || q == "\"\"" {
                assert!(notices.contains(&json!("empty")), "{b}: {q:?}: {answer}");
            }
            if q.len() > 1000 {
                assert!(notices.contains(&json!("shortened")), "{b}: {answer}");
            }
        }
    }
}

#[test]
fn drafts_are_found_by_their_own_staff_only_and_writes_appear_at_once() {
    for site in sites() {
        let b = site.backend;
        let base = site.server.base_url.clone();
        let token = site.admin_token("root@example.org");
        let admin = admin_web(&site);
        let own = editor(&admin, &base, "novopskov-museum", "own@example.org");
        let other = editor(&admin, &base, "victory-museum", "other@example.org");
        let word = "Зоряносвітлик";
        let show = json!({
            "slug": "search-draft-show",
            "kind": "temporary",
            "original_lang": "uk",
            "title": { "uk": format!("Виставка {word}") },
            "hosts": ["novopskov-museum"],
            "state": "draft"
        });
        let res = client()
            .put(site.url("/api/v1/exhibitions/search-draft-show"))
            .bearer_auth(&token)
            .json(&show)
            .send()
            .unwrap();
        assert_eq!(res.status(), 201, "{b}: {}", res.text().unwrap());
        let staff_sees = |who: &reqwest::blocking::Client| {
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                let found = search(&site, who, &[("q", word)])["total"] != json!(0);
                if found || Instant::now() > deadline {
                    return found;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        };
        assert!(staff_sees(&own), "{b}: the host's staff find their draft");
        assert_eq!(
            search(&site, &client(), &[("q", word)])["total"],
            0,
            "{b}: public"
        );
        assert_eq!(
            search(&site, &other, &[("q", word)])["total"],
            0,
            "{b}: other museum"
        );

        let mut published = show.clone();
        published["state"] = json!("published");
        let res = client()
            .put(site.url("/api/v1/exhibitions/search-draft-show"))
            .bearer_auth(&token)
            .json(&published)
            .send()
            .unwrap();
        assert_eq!(res.status(), 200, "{b}: {}", res.text().unwrap());
        assert!(staff_sees(&client()), "{b}: published, the public finds it");
    }
}

#[test]
fn the_search_page_works_without_scripts() {
    for site in sites() {
        let b = site.backend;
        wait_for(&site, &[("q", "музей")], |a| a["total"] != 0);
        // Keeps the language cookie, as a browser does: links carry no `lang`.
        let visitor = common::browser();
        let page = |path: &str| {
            let res = visitor.get(site.url(path)).send().unwrap();
            assert_eq!(res.status(), 200, "{b}: {path}");
            res.text().unwrap()
        };
        let empty = page("/search?lang=uk");
        assert!(empty.contains("name=\"q\""), "{b}: the form");
        assert!(
            !empty.contains("search-result\""),
            "{b}: no results before a query"
        );

        let found = page("/search?q=%D0%BC%D1%83%D0%B7%D0%B5%D1%97&lang=uk");
        assert!(
            found.contains("<li class=\"search-result\">"),
            "{b}: {found}"
        );
        assert!(found.contains("<mark>"), "{b}: the words are marked");
        assert!(
            found.contains("value=\"музеї\""),
            "{b}: the box keeps the query"
        );
        assert!(found.contains("Заклад"), "{b}: the type facet in Ukrainian");
        // A facet link narrows to one type; following it gives only that type.
        let facet = found
            .split("href=\"")
            .skip(1)
            .map(|s| {
                s.split('"')
                    .next()
                    .unwrap()
                    .replace("&#38;", "&")
                    .replace("&amp;", "&")
            })
            .find(|h| h.starts_with("/search?") && h.contains("type=exhibition"))
            .expect("a link to the exhibitions among the results");
        let narrowed = page(&facet);
        let kinds: Vec<&str> = narrowed
            .split("<span class=\"badge\">")
            .skip(1)
            .map(|s| s.split('<').next().unwrap())
            .collect();
        assert!(!kinds.is_empty(), "{b}: {narrowed}");
        assert!(kinds.iter().all(|k| *k == "Виставка"), "{b}: {kinds:?}");

        let nothing = page("/search?q=%21%21%21&lang=en");
        assert!(nothing.contains("<html lang=\"en\""), "{b}: in English now");
        assert!(nothing.contains("nothing to search for"), "{b}: {nothing}");
        let script = client()
            .get(site.url("/static/search-suggest.js"))
            .send()
            .unwrap();
        assert_eq!(
            script.status(),
            200,
            "{b}: the suggestions script is served"
        );
    }
}

#[test]
fn a_broken_index_is_rebuilt_at_start_and_reindex_waits_for_the_server() {
    for mut site in sites() {
        let b = site.backend;
        let before = wait_for(&site, &[("q", "музей")], |a| a["total"] != 0)["total"].clone();
        let busy = site.kolo(&["reindex"], "");
        assert!(
            !busy.status.success(),
            "{b}: the running server holds the index"
        );
        let said = String::from_utf8_lossy(&busy.stderr);
        assert!(said.contains("holds its lock"), "{b}: {said}");

        // Broken files (a crash mid-write, a bad disk): the next start builds it again.
        std::fs::write(site.data.path().join("search/meta.json"), b"{ not json").unwrap();
        site.restart();
        let after = wait_for(&site, &[("q", "музей")], |a| a["total"] == before);
        assert_eq!(after["total"], before, "{b}: rebuilt from the database");
    }
}

#[test]
fn reindex_builds_the_index_from_the_database() {
    let data = tempfile::tempdir().unwrap();
    let demo = kolo_testkit::workspace_root().join("demo");
    let imported = common::kolo(data.path(), &[], &["import", demo.to_str().unwrap()], "");
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    for _ in 0..2 {
        let out = common::kolo(data.path(), &[], &["reindex"], "");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let said = String::from_utf8_lossy(&out.stdout);
        let entries: u64 = said
            .split("rebuilt: ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{said}"));
        assert!(entries > 50, "{said}");
    }
}
