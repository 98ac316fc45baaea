//! Writing through the API: tokens, rights, validation that names the field, escaping on pages.

mod common;

use common::{client, sites};
use serde_json::{Value, json};

fn institution_body(site: &common::Site, slug: &str) -> Value {
    common::editable_json(
        &site.server.base_url,
        &format!("/api/v1/institutions/{slug}"),
    )
}

fn put(site: &common::Site, path: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
    let mut req = client().put(site.url(path)).json(body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().unwrap();
    let status = res.status().as_u16();
    (status, res.json().unwrap_or(Value::Null))
}

#[test]
fn writes_need_a_token_and_show_up_on_the_public_page() {
    for site in sites() {
        let b = site.backend;
        let mut body = institution_body(&site, "novopskov-museum");
        body["description"]["en"] = json!("Rewritten through the API.");
        let (status, _) = put(&site, "/api/v1/institutions/novopskov-museum", None, &body);
        assert_eq!(status, 401, "{b}");
        let (status, _) = put(
            &site,
            "/api/v1/institutions/novopskov-museum",
            Some("kolo_wrong"),
            &body,
        );
        assert_eq!(status, 401, "{b}");

        // Warm the anonymous page cache first: the write must empty it.
        client()
            .get(site.url("/institutions/novopskov-museum?lang=en"))
            .send()
            .unwrap();
        let token = site.admin_token("root@example.org");
        let (status, saved) = put(
            &site,
            "/api/v1/institutions/novopskov-museum",
            Some(&token),
            &body,
        );
        assert_eq!(status, 200, "{b}: {saved}");
        assert_eq!(
            saved["description"]["en"], "Rewritten through the API.",
            "{b}"
        );
        let page = client()
            .get(site.url("/institutions/novopskov-museum?lang=en"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert!(
            page.contains("Rewritten through the API."),
            "{b}: the public page shows the change at once"
        );
    }
}

#[test]
fn bad_input_is_refused_with_the_field_named_and_nothing_written() {
    for site in sites() {
        let b = site.backend;
        let token = site.admin_token("root@example.org");
        let original = institution_body(&site, "victory-museum");
        let cases: Vec<(Value, &str)> = vec![
            (json!({"name": {}}), "name"),
            (json!({"kind": "zoo"}), "kind"),
            (
                json!({"contacts": {"website": "not a url"}}),
                "contacts.website",
            ),
            (json!({"contacts": {"email": "nobody"}}), "email"),
            (json!({"name": {"ru": "x".repeat(301)}}), "name.ru"),
            (json!({"name": {"not a tag": "x"}}), "name"),
            (json!({"country": "Russia"}), "country"),
            (json!({"founded": 1985}), "founded"),
            (json!({"name": 5}), "name"),
        ];
        for (patch, field) in cases {
            let mut body = original.clone();
            for (k, v) in patch.as_object().unwrap() {
                body[k] = v.clone();
            }
            let (status, err) = put(
                &site,
                "/api/v1/institutions/victory-museum",
                Some(&token),
                &body,
            );
            assert_eq!(status, 422, "{b}: {patch} gave {status} {err}");
            let fields: Vec<&str> = err["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["field"].as_str().unwrap())
                .collect();
            assert!(
                fields.iter().any(|f| f.starts_with(field)),
                "{b}: {patch}: {fields:?} does not name {field}"
            );
        }
        let res = client()
            .put(site.url("/api/v1/institutions/victory-museum"))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .unwrap();
        assert_eq!(res.status(), 400, "{b}");
        assert_eq!(
            institution_body(&site, "victory-museum"),
            original,
            "{b}: nothing was written"
        );

        let mut dup = original.clone();
        dup["slug"] = json!("pskov-regional-library");
        let res = client()
            .post(site.url("/api/v1/institutions"))
            .bearer_auth(&token)
            .json(&dup)
            .send()
            .unwrap();
        assert_eq!(res.status(), 409, "{b}: a taken slug is a conflict");
    }
}

#[test]
fn html_in_any_field_comes_out_escaped() {
    for site in sites() {
        let b = site.backend;
        let token = site.admin_token("root@example.org");
        let evil = "<script>alert('x')</script><b onmouseover=alert(1)>bold</b>";
        let mut body = institution_body(&site, "pskov-regional-library");
        for field in ["name", "description", "region", "locality", "address"] {
            body[field]["en"] = json!(format!("{field} {evil}"));
        }
        body["contacts"]["phone"] = json!("+7 (8112) 72-00-00");
        let (status, saved) = put(
            &site,
            "/api/v1/institutions/pskov-regional-library",
            Some(&token),
            &body,
        );
        assert_eq!(status, 200, "{b}: {saved}");
        for path in [
            "/institutions/pskov-regional-library?lang=en",
            "/institutions?lang=en",
            "/networks/model-libraries-north-west?lang=en",
        ] {
            let page = client().get(site.url(path)).send().unwrap().text().unwrap();
            assert!(
                !page.contains("<script>alert"),
                "{b}: {path} carries a live script"
            );
            assert!(
                !page.contains("<b onmouseover"),
                "{b}: {path} carries live markup"
            );
        }
        let page = client()
            .get(site.url("/institutions/pskov-regional-library?lang=en"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert!(
            page.contains("&#60;script&#62;") || page.contains("&lt;script&gt;"),
            "{b}: the text is shown, escaped"
        );
        // Inside JSON-LD the text stays data: `</script>` cannot close the element.
        assert!(!page.contains("</script><b"), "{b}");
    }
}

#[test]
fn networks_and_memberships_through_the_api() {
    for site in sites() {
        let b = site.backend;
        let token = site.admin_token("root@example.org");
        let network = json!({
            "slug": "kazakh-museums", "kind": "network", "original_lang": "kk-Cyrl",
            "name": {"kk-Cyrl": "Қазақстан музейлері", "kk-Latn": "Qazaqstan muzeilerı", "en": "Museums of Kazakhstan"},
        });
        let res = client()
            .post(site.url("/api/v1/networks"))
            .bearer_auth(&token)
            .json(&network)
            .send()
            .unwrap();
        assert_eq!(res.status(), 201, "{b}");
        let created: Value = res.json().unwrap();
        assert!(
            created["url"]
                .as_str()
                .unwrap()
                .ends_with("/networks/kazakh-museums"),
            "{b}"
        );
        let (status, inst) = put(
            &site,
            "/api/v1/institutions/national-museum-of-kazakhstan/networks",
            Some(&token),
            &json!({"networks": ["kazakh-museums"]}),
        );
        assert_eq!(status, 200, "{b}: {inst}");
        assert_eq!(inst["networks"], json!(["kazakh-museums"]), "{b}");
        let (status, err) = put(
            &site,
            "/api/v1/institutions/national-museum-of-kazakhstan/networks",
            Some(&token),
            &json!({"networks": ["kazakh-museums", "nope"]}),
        );
        assert_eq!(
            (status, err["errors"][0]["field"].as_str()),
            (422, Some("networks[1]")),
            "{b}"
        );
        let net: Value = client()
            .get(site.url("/api/v1/networks/kazakh-museums"))
            .send()
            .unwrap()
            .json()
            .unwrap();
        assert_eq!(
            net["members"],
            json!(["national-museum-of-kazakhstan"]),
            "{b}"
        );
    }
}
