//! The public site and the read side of the API, against the running binary on each backend.

mod common;

use common::{client, jsonld, sites};
use serde_json::Value;

fn get_text(url: &str, lang_header: Option<&str>) -> (u16, String) {
    let mut req = client().get(url);
    if let Some(l) = lang_header {
        req = req.header("Accept-Language", l);
    }
    let res = req.send().unwrap();
    (res.status().as_u16(), res.text().unwrap())
}

#[test]
fn pages_carry_language_links_open_graph_and_json_ld() {
    for site in sites() {
        let b = site.backend;
        let (status, html) = get_text(&site.url("/institutions/novopskov-museum?lang=kk"), None);
        assert_eq!(status, 200, "{b}");
        assert!(html.contains("<html lang=\"kk\">"), "{b}");
        for l in ["uk", "ru", "kk", "en", "x-default"] {
            assert!(
                html.contains(&format!("hreflang=\"{l}\"")),
                "{b}: hreflang {l} missing"
            );
        }
        assert!(html.contains("<meta property=\"og:title\""), "{b}");
        assert!(html.contains("og:locale\" content=\"kk_KZ\""), "{b}");
        assert!(
            html.contains(
                "type=\"application/json\" href=\"/api/v1/institutions/novopskov-museum\""
            ),
            "{b}"
        );
        // The Kazakh page shows the Cyrillic Kazakh name, marked with its script.
        assert!(
            html.contains("lang=\"kk-Cyrl\">Новопсков өлкетану музейі</h1>"),
            "{b}: {html}"
        );
        let ld = jsonld(&html);
        assert_eq!(ld["@type"], "Museum", "{b}");
        assert_eq!(ld["address"]["addressCountry"], "UA", "{b}");
        assert!(ld["memberOf"].as_array().unwrap().len() >= 2, "{b}");

        let (_, html) = get_text(
            &site.url("/institutions/pskov-regional-library?lang=en"),
            None,
        );
        assert_eq!(jsonld(&html)["@type"], "Library", "{b}");
        let (_, html) = get_text(&site.url("/networks/aivim?lang=ru"), None);
        let ld = jsonld(&html);
        assert_eq!(ld["@type"], "Organization", "{b}");
        assert!(
            html.contains("/institutions/victory-museum"),
            "{b}: members are listed"
        );
    }
}

#[test]
fn language_comes_from_query_then_cookie_then_header() {
    let site = sites().remove(0);
    let (_, html) = get_text(&site.url("/"), Some("ru-RU,ru;q=0.9,en;q=0.5"));
    assert!(html.contains("<html lang=\"ru\">"));
    let res = client()
        .get(site.url("/?lang=uk"))
        .header("Accept-Language", "ru")
        .send()
        .unwrap();
    let cookie = res
        .headers()
        .get("set-cookie")
        .expect("?lang= is remembered")
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("lang=uk"), "{cookie}");
    assert!(res.text().unwrap().contains("<html lang=\"uk\">"));
    let res = client()
        .get(site.url("/networks"))
        .header("Cookie", "lang=kk")
        .header("Accept-Language", "ru")
        .send()
        .unwrap();
    assert!(res.text().unwrap().contains("<html lang=\"kk\">"));
}

#[test]
fn the_directory_filters_and_pages() {
    for site in sites() {
        let b = site.backend;
        let (_, all) = get_text(&site.url("/institutions?lang=en"), None);
        assert!(all.contains("Novopskov Local History Museum"), "{b}");
        let (_, libraries) = get_text(&site.url("/institutions?kind=library&lang=en"), None);
        assert!(
            libraries.contains("/institutions/pskov-regional-library"),
            "{b}"
        );
        assert!(!libraries.contains("/institutions/novopskov-museum"), "{b}");
        let (_, kz) = get_text(&site.url("/institutions?country=KZ&lang=en"), None);
        assert!(
            kz.contains("/institutions/national-museum-of-kazakhstan")
                && !kz.contains("/institutions/victory-museum"),
            "{b}"
        );
        let (_, lviv) = get_text(&site.url("/institutions?region=UA-46&lang=en"), None);
        assert!(
            lviv.contains("lviv-folk-architecture-museum") && !lviv.contains("novopskov-museum\""),
            "{b}"
        );
        let (_, members) = get_text(&site.url("/institutions?network=aivim&lang=en"), None);
        assert!(
            members.contains("/institutions/victory-museum")
                && !members.contains("/institutions/pskov-regional-library"),
            "{b}"
        );
        let (status, bad) = get_text(&site.url("/institutions?kind=zoo&lang=en"), None);
        assert_eq!(status, 400, "{b}");
        assert!(bad.contains("kind"), "{b}: the message names the field");
        let (status, bad) = get_text(&site.url("/institutions?page=0"), None);
        assert_eq!(status, 400, "{b}");
        assert!(bad.contains("page"), "{b}");
        let (status, _) = get_text(&site.url("/institutions/no-such-place"), None);
        assert_eq!(status, 404, "{b}");
    }
}

#[test]
fn api_lists_are_paginated_records_with_public_urls() {
    for site in sites() {
        let b = site.backend;
        let mut next = Some(site.url("/api/v1/institutions?limit=5"));
        let mut seen = Vec::new();
        let mut total = None;
        while let Some(url) = next {
            let page: Value = client().get(&url).send().unwrap().json().unwrap();
            total = Some(page["total"].as_i64().unwrap());
            for item in page["items"].as_array().unwrap() {
                assert!(item["id"].is_i64(), "{b}: {item}");
                assert!(item["name"].is_object(), "{b}");
                seen.push(item["url"].as_str().unwrap().to_owned());
            }
            next = page["next"].as_str().map(str::to_owned);
        }
        assert_eq!(
            Some(seen.len() as i64),
            total,
            "{b}: following `next` visits every record once"
        );
        assert!(seen.len() >= 16, "{b}");
        assert_eq!(
            client().get(&seen[0]).send().unwrap().status(),
            200,
            "{b}: `url` is the public page"
        );

        let one: Value = client()
            .get(site.url("/api/v1/institutions/victory-museum"))
            .send()
            .unwrap()
            .json()
            .unwrap();
        assert_eq!(
            one["networks"],
            serde_json::json!(["aivim", "territory-of-victory"]),
            "{b}"
        );
        assert_eq!(one["name"]["ru"], "Музей Победы", "{b}");
        let nets: Value = client()
            .get(site.url("/api/v1/networks"))
            .send()
            .unwrap()
            .json()
            .unwrap();
        assert!(
            nets["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|n| n["slug"] == "aivim"),
            "{b}"
        );
        let filtered: Value = client()
            .get(site.url("/api/v1/institutions?network=aivim"))
            .send()
            .unwrap()
            .json()
            .unwrap();
        assert_eq!(filtered["total"], 2, "{b}");

        let res = client()
            .get(site.url("/api/v1/institutions?limit=0"))
            .send()
            .unwrap();
        assert_eq!(res.status(), 400, "{b}");
        assert!(res.text().unwrap().contains("limit"), "{b}");
        let res = client()
            .get(site.url("/api/v1/networks/none"))
            .send()
            .unwrap();
        assert_eq!(res.status(), 404, "{b}");
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{b}"
        );
    }
}

#[test]
fn openapi_health_and_metrics() {
    let site = sites().remove(0);
    let doc: Value = client()
        .get(site.url("/api/v1/openapi.json"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert!(doc["paths"]["/institutions/{slug}"]["put"].is_object());
    assert_eq!(
        client().get(site.url("/healthz")).send().unwrap().status(),
        200
    );
    client().get(site.url("/institutions")).send().unwrap();
    let metrics = client()
        .get(site.url("/metrics"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(
        metrics.contains(
            "kolo_http_requests_total{method=\"GET\",route=\"/institutions\",status=\"200\"}"
        ),
        "{metrics}"
    );
}
