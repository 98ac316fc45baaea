//! IIIF Presentation API 3.0 against the running binary on each backend: the demo's objects
//! have (placeholder) pictures, their manifests and the exhibitions' collections pass the
//! Presentation 3.0 JSON Schema, object pages offer the manifest and the deep-zoom viewer, and
//! drafts have no manifest or collection.

mod common;

use common::{client, editable_json, sites};
use serde_json::{Value, json};
use std::path::PathBuf;

const PRESENTATION: &str =
    "application/ld+json;profile=\"http://iiif.io/api/presentation/3/context.json\"";

fn get_json(url: &str) -> (u16, Option<String>, Option<String>, Value) {
    let res = client().get(url).send().unwrap();
    let header = |name: &str| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let (ct, cors) = (
        header("content-type"),
        header("access-control-allow-origin"),
    );
    let status = res.status().as_u16();
    (status, ct, cors, res.json().unwrap_or(Value::Null))
}

fn schema() -> Option<PathBuf> {
    kolo_testkit::shared_file("standards/iiif/presentation-3.0.schema.json")
}

#[test]
fn demo_manifests_and_collections_are_valid_presentation_3() {
    let Some(schema) = schema() else { return };
    for site in sites() {
        let b = site.backend;
        let dir = tempfile::tempdir().unwrap();
        let (_, _, _, list) = get_json(&site.url("/api/v1/objects?limit=100"));
        let objects = list["items"].as_array().unwrap();
        assert!(!objects.is_empty(), "{b}: the demo has objects");
        let mut files = Vec::new();
        for o in objects {
            let id = o["id"].as_i64().unwrap();
            let images = o["images"].as_array().unwrap();
            assert_eq!(images.len(), 1, "{b}: object {id} has its placeholder");
            let media = images[0]["media"].as_str().unwrap();
            let (status, ct, cors, m) =
                get_json(&site.url(&format!("/iiif/objects/{id}/manifest")));
            assert_eq!(status, 200, "{b}: {m}");
            assert_eq!(ct.as_deref(), Some(PRESENTATION), "{b}");
            assert_eq!(cors.as_deref(), Some("*"), "{b}");
            assert_eq!(m["type"], "Manifest", "{b}");
            assert_eq!(
                m["homepage"][0]["id"],
                site.url(&format!("/objects/{id}")),
                "{b}"
            );
            let title: serde_json::Map<String, Value> = o["title"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(lang, text)| (lang.clone(), json!([text])))
                .collect();
            assert_eq!(
                m["label"],
                Value::Object(title),
                "{b}: the title's language map"
            );
            let canvas = &m["items"][0];
            let (_, _, _, info) = get_json(&site.url(&format!("/iiif/3/{media}/info.json")));
            assert_eq!(canvas["width"], info["width"], "{b}");
            assert_eq!(canvas["height"], info["height"], "{b}");
            let body = &canvas["items"][0]["items"][0]["body"];
            assert_eq!(
                body["service"][0]["id"],
                site.url(&format!("/iiif/3/{media}")),
                "{b}"
            );
            assert_eq!(body["service"][0]["type"], "ImageService3", "{b}");
            let painted = client().get(body["id"].as_str().unwrap()).send().unwrap();
            assert_eq!(painted.status(), 200, "{b}: the painted image is served");
            let thumbnail = m["thumbnail"][0]["id"].as_str().unwrap();
            let thumbnail = client().get(thumbnail).send().unwrap();
            assert_eq!(thumbnail.status(), 200, "{b}: the thumbnail is served");
            let file = dir.path().join(format!("manifest-{id}.json"));
            std::fs::write(&file, m.to_string()).unwrap();
            files.push(file);
        }
        let (status, ct, cors, c) =
            get_json(&site.url("/iiif/exhibitions/treasures-of-the-kazakh-altai/collection"));
        assert_eq!(status, 200, "{b}: {c}");
        assert_eq!(ct.as_deref(), Some(PRESENTATION), "{b}");
        assert_eq!(cors.as_deref(), Some("*"), "{b}");
        assert_eq!(c["type"], "Collection", "{b}");
        let items = c["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{b}: one of its objects is catalogued: {c}");
        assert_eq!(items[0]["type"], "Manifest", "{b}");
        let listed = items[0]["id"].as_str().unwrap();
        assert_eq!(get_json(listed).0, 200, "{b}: the listed manifest exists");
        let file = dir.path().join("collection.json");
        std::fs::write(&file, c.to_string()).unwrap();
        files.push(file);
        kolo_testkit::schema_validate(&schema, &[], &files);
    }
}

#[test]
fn object_and_exhibition_pages_offer_the_manifest_and_the_viewer() {
    for site in sites() {
        let b = site.backend;
        let (_, _, _, list) = get_json(&site.url("/api/v1/objects?limit=1"));
        let id = list["items"][0]["id"].as_i64().unwrap();
        let media = list["items"][0]["images"][0]["media"].as_str().unwrap();
        let html = client()
            .get(site.url(&format!("/objects/{id}")))
            .send()
            .unwrap()
            .text()
            .unwrap();
        // Attribute values as the browser reads them (askama escapes quotes).
        let html = html.replace("&#34;", "\"").replace("&quot;", "\"");
        let manifest = format!("/iiif/objects/{id}/manifest");
        assert!(
            html.contains(&format!(
                "<link rel=\"alternate\" type=\"{PRESENTATION}\" href=\"{manifest}\""
            )),
            "{b}: the alternate link to the manifest"
        );
        assert!(
            html.contains(&format!("<a href=\"{manifest}\" type=\"{PRESENTATION}\">")),
            "{b}: a visible link to the manifest"
        );
        let viewer = format!(
            "<div class=\"deep-zoom\" data-iiif-info=\"/iiif/3/{media}/info.json\">\
             <img src=\"/iiif/3/{media}/full/!800,800/0/default.jpg\" alt=\""
        );
        let at = html
            .find(&viewer)
            .unwrap_or_else(|| panic!("{b}: no deep-zoom element in {html}"));
        assert!(
            !html[at + viewer.len()..].starts_with('"'),
            "{b}: the picture has a text alternative"
        );
        for src in [
            "/static/viewer/openseadragon.min.js",
            "/static/deep-zoom.js",
        ] {
            assert!(
                html.contains(&format!("<script src=\"{src}\" defer></script>")),
                "{b}: {src}"
            );
            assert_eq!(
                client().get(site.url(src)).send().unwrap().status(),
                200,
                "{b}"
            );
        }

        let html = client()
            .get(site.url("/exhibitions/treasures-of-the-kazakh-altai"))
            .send()
            .unwrap()
            .text()
            .unwrap()
            .replace("&#34;", "\"");
        let collection = "/iiif/exhibitions/treasures-of-the-kazakh-altai/collection";
        assert!(
            html.contains(&format!(
                "<link rel=\"alternate\" type=\"{PRESENTATION}\" href=\"{collection}\""
            )),
            "{b}: the exhibition's alternate link to its collection"
        );
        // ҰМ-ДЕМО-1 is catalogued; the section's other objects are not (yet).
        let (_, _, _, found) = get_json(
            &site.url("/api/v1/objects?institution=national-museum-of-kazakhstan&limit=10"),
        );
        let nmk1 = found["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["inventory_number"] == "ҰМ-ДЕМО-1")
            .unwrap_or_else(|| panic!("{b}: {found}"));
        let link = format!("<a href=\"/objects/{}\"", nmk1["id"]);
        assert_eq!(html.matches("<a href=\"/objects/").count(), 1, "{b}");
        assert!(html.contains(&link), "{b}: {link}");
    }
}

#[test]
fn drafts_have_no_manifest_or_collection() {
    for site in sites() {
        let b = site.backend;
        let token = site.admin_token("root@example.org");
        let base = site.server.base_url.clone();
        let (_, _, _, list) = get_json(&site.url("/api/v1/objects?limit=1"));
        let id = list["items"][0]["id"].as_i64().unwrap();
        let mut draft = editable_json(&base, &format!("/api/v1/objects/{id}"));
        draft["inventory_number"] = json!("IIIF-DRAFT-1");
        draft["state"] = json!("draft");
        let res = client()
            .post(site.url("/api/v1/objects"))
            .bearer_auth(&token)
            .json(&draft)
            .send()
            .unwrap();
        assert_eq!(res.status(), 201, "{b}");
        let created: Value = res.json().unwrap();
        let draft_id = created["id"].as_i64().unwrap();
        let (status, ..) = get_json(&site.url(&format!("/iiif/objects/{draft_id}/manifest")));
        assert_eq!(status, 404, "{b}: a draft object");
        let page = client()
            .get(site.url(&format!("/objects/{draft_id}")))
            .send()
            .unwrap();
        assert_eq!(page.status(), 404, "{b}: the public page is hidden too");

        let exhibition = json!({
            "slug": "iiif-secret",
            "kind": "temporary",
            "original_lang": "en",
            "title": { "en": "Not yet" },
            "hosts": ["national-museum-of-kazakhstan"],
            "sections": [{ "key": "all", "title": { "en": "All" }, "objects": [
                { "object": { "institution": "national-museum-of-kazakhstan", "inventory_number": "ҰМ-ДЕМО-1" } }
            ] }],
            "state": "draft"
        });
        let res = client()
            .put(site.url("/api/v1/exhibitions/iiif-secret"))
            .bearer_auth(&token)
            .json(&exhibition)
            .send()
            .unwrap();
        assert_eq!(res.status(), 201, "{b}: {}", res.text().unwrap());
        let (status, ..) = get_json(&site.url("/iiif/exhibitions/iiif-secret/collection"));
        assert_eq!(status, 404, "{b}: a draft exhibition");
        let (status, ..) = get_json(&site.url("/iiif/objects/999999/manifest"));
        assert_eq!(status, 404, "{b}: no such object");
    }
}

#[test]
fn loading_the_demo_again_draws_no_new_pictures() {
    let images = |base: &str| -> Vec<(Value, Value)> {
        let list: Value = client()
            .get(format!("{base}/api/v1/objects?limit=100"))
            .send()
            .unwrap()
            .json()
            .unwrap();
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| (o["id"].clone(), o["images"].clone()))
            .collect()
    };
    let media_count = |site: &common::Site| {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(site.store().read(kolo_store::repo::media::count))
            .unwrap()
    };
    for site in sites() {
        let b = site.backend;
        let before = images(&site.server.base_url);
        let count = media_count(&site);
        assert_eq!(count as usize, before.len(), "{b}: one picture per object");
        let url = site.database_url();
        let again = kolo_testkit::KoloServer::start(
            &common::kolo_bin(),
            site.data.path(),
            &["--demo"],
            &[("KOLO_DATABASE_URL", url.as_str()), ("KOLO_LOG", "warn")],
        )
        .unwrap();
        assert_eq!(images(&again.base_url), before, "{b}: the same pictures");
        assert_eq!(media_count(&site), count, "{b}: none drawn again");
    }
}
