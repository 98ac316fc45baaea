//! Collections against the running binary on each backend: objects, collections and
//! vocabularies through the API and the staff forms, rights, drafts, facets, tombstones.

mod common;

use common::{Site, client, jsonld, sites};
use serde_json::{Value, json};

fn send(
    site: &Site,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> (u16, Value) {
    let mut req = client().request(method, site.url(path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(b) = body {
        req = req.json(b);
    }
    let res = req.send().unwrap();
    let status = res.status().as_u16();
    (status, res.json().unwrap_or(Value::Null))
}

fn get(site: &Site, path: &str) -> (u16, Value) {
    send(site, reqwest::Method::GET, path, None, None)
}

fn page(site: &Site, path: &str) -> (u16, String) {
    let res = client().get(site.url(path)).send().unwrap();
    (res.status().as_u16(), res.text().unwrap())
}

/// The vocabulary and collection the tests catalogue into, put by `token`.
fn catalogue(site: &Site, token: &str) {
    let b = site.backend;
    for (kind, key, label, alt) in [
        (
            "object_type",
            "t-costume",
            json!({"uk": "Костюм", "en": "Costume"}),
            None,
        ),
        ("object_type", "t-painting", json!({"uk": "Картина"}), None),
        ("material", "t-linen", json!({"uk": "Льон"}), None),
        ("material", "t-wool", json!({"uk": "Вовна"}), None),
        (
            "place",
            "t-elekesazy",
            json!({"kk-Cyrl": "Елекесазы", "ru": "Елекесазы"}),
            Some(json!([{"kk-Latn": "Elekesazy"}])),
        ),
    ] {
        let mut term = json!({"kind": kind, "key": key, "label": label});
        if let Some(alt) = alt {
            term["alt_labels"] = alt;
        }
        let (status, body) = send(
            site,
            reqwest::Method::PUT,
            &format!("/api/v1/vocabularies/{kind}/{key}"),
            Some(token),
            Some(&term),
        );
        assert!(matches!(status, 200 | 201), "{b}: {key}: {status} {body}");
    }
    let (status, body) = send(
        site,
        reqwest::Method::PUT,
        "/api/v1/institutions/novopskov-museum/collections/t-ethnography",
        Some(token),
        Some(
            &json!({"institution": "novopskov-museum", "key": "t-ethnography",
                     "title": {"uk": "Етнографія", "en": "Ethnography"}}),
        ),
    );
    assert!(matches!(status, 200 | 201), "{b}: {status} {body}");
}

fn costume(inventory: &str, state: &str) -> Value {
    json!({
        "institution": "novopskov-museum",
        "inventory_number": inventory,
        "collection": "t-ethnography",
        "object_type": "t-costume",
        "title": {"uk": "Святковий жіночий костюм", "en": "Festive women's costume"},
        "dating": {"text": {"uk": "кін. ХІХ – поч. ХХ ст."}, "earliest": 1880, "latest": 1920},
        "materials": ["t-linen", "t-wool"],
        "events": [{"kind": "find", "place": "t-elekesazy"}],
        "rights": "https://creativecommons.org/licenses/by-sa/4.0/",
        "state": state,
    })
}

#[test]
fn objects_through_the_api_keep_their_id_history_and_institution() {
    for site in sites() {
        let b = site.backend;
        let admin = site.admin_token("root@example.org");
        catalogue(&site, &admin);
        let post = |token: &str, body: &Value| {
            send(
                &site,
                reqwest::Method::POST,
                "/api/v1/objects",
                Some(token),
                Some(body),
            )
        };

        let (status, created) = post(&admin, &costume("КП-1", "published"));
        assert_eq!(status, 201, "{b}: {created}");
        let id = created["id"].as_i64().unwrap();
        let mut changed = costume("КП-1", "published");
        changed["description"] = json!({"uk": "Сорочка, плахта, запаска."});
        let (status, again) = post(&admin, &changed);
        assert_eq!(
            (status, again["id"].as_i64()),
            (200, Some(id)),
            "{b}: same id: {again}"
        );
        let (status, history) = send(
            &site,
            reqwest::Method::GET,
            &format!("/api/v1/objects/{id}/revisions"),
            Some(&admin),
            None,
        );
        assert_eq!(status, 200, "{b}: {history}");
        let numbers: Vec<i64> = history
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["number"].as_i64().unwrap())
            .collect();
        assert_eq!(numbers, [2, 1], "{b}: a revision per change");
        assert_eq!(
            history[1]["object"]["description"],
            json!({}),
            "{b}: the first content"
        );

        let (status, public) = get(&site, &format!("/api/v1/objects/{id}"));
        assert_eq!(status, 200, "{b}");
        assert_eq!(
            public["url"].as_str().unwrap(),
            site.url(&format!("/objects/{id}")),
            "{b}"
        );
        assert_eq!(
            public["rights"], "http://creativecommons.org/licenses/by-sa/4.0/",
            "{b}"
        );

        // An editor of another institution may not touch it; one of its own may.
        let web_admin = common::admin_web(&site);
        common::editor(
            &web_admin,
            &site.server.base_url,
            "victory-museum",
            "other@example.org",
        );
        common::editor(
            &web_admin,
            &site.server.base_url,
            "novopskov-museum",
            "own@example.org",
        );
        let other = site.token_for("other@example.org");
        let own = site.token_for("own@example.org");
        let (status, _) = post(&other, &costume("КП-2", "published"));
        assert_eq!(status, 403, "{b}: another institution's editor");
        for method in [reqwest::Method::PUT, reqwest::Method::DELETE] {
            let (status, _) = send(
                &site,
                method.clone(),
                &format!("/api/v1/objects/{id}"),
                Some(&other),
                Some(&changed),
            );
            assert_eq!(status, 403, "{b}: {method}");
        }
        let mut moved = changed.clone();
        moved["institution"] = json!("victory-museum");
        let (status, body) = send(
            &site,
            reqwest::Method::PUT,
            &format!("/api/v1/objects/{id}"),
            Some(&own),
            Some(&moved),
        );
        assert_eq!(
            status, 422,
            "{b}: an object does not change institution: {body}"
        );
        assert_eq!(body["errors"][0]["field"], "institution", "{b}");
        changed["inventory_number"] = json!("КП-1а");
        let (status, body) = send(
            &site,
            reqwest::Method::PUT,
            &format!("/api/v1/objects/{id}"),
            Some(&own),
            Some(&changed),
        );
        assert_eq!(
            (status, body["inventory_number"].as_str()),
            (200, Some("КП-1а")),
            "{b}: {body}"
        );

        // Editors add terms; changing an existing one takes a coordinator or an admin.
        let term = json!({"kind": "material", "key": "t-silk", "label": {"uk": "Шовк"}});
        let (status, _) = send(
            &site,
            reqwest::Method::PUT,
            "/api/v1/vocabularies/material/t-silk",
            Some(&own),
            Some(&term),
        );
        assert_eq!(status, 201, "{b}: an editor adds a term");
        let relabelled =
            json!({"kind": "material", "key": "t-silk", "label": {"uk": "Шовк натуральний"}});
        let (status, _) = send(
            &site,
            reqwest::Method::PUT,
            "/api/v1/vocabularies/material/t-silk",
            Some(&own),
            Some(&relabelled),
        );
        assert_eq!(status, 403, "{b}: but does not relabel it");
        let (status, _) = send(
            &site,
            reqwest::Method::PUT,
            "/api/v1/vocabularies/material/t-silk",
            Some(&admin),
            Some(&relabelled),
        );
        assert_eq!(status, 200, "{b}: an administrator does");

        // Deleting leaves a tombstone for harvesters.
        let (status, _) = send(
            &site,
            reqwest::Method::DELETE,
            &format!("/api/v1/objects/{id}"),
            Some(&own),
            None,
        );
        assert_eq!(status, 204, "{b}");
        assert_eq!(get(&site, &format!("/api/v1/objects/{id}")).0, 404, "{b}");
        assert_eq!(page(&site, &format!("/objects/{id}")).0, 404, "{b}");
        let url = site.database_url();
        let runtime = tokio_runtime();
        let harvest = runtime.block_on(async {
            let store = kolo_store::Store::open(&url).unwrap();
            store
                .read(|c| {
                    kolo_store::repo::objects::changed_since(
                        c,
                        &kolo_store::repo::objects::HarvestFilter::default(),
                        None,
                        1000,
                    )
                })
                .await
                .unwrap()
        });
        assert!(
            harvest.iter().any(|h| matches!(h, kolo_store::repo::objects::Harvested::Deleted(t) if t.id == id && t.inventory_number == "КП-1а")),
            "{b}: no tombstone for {id}"
        );
    }
}

fn tokio_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn drafts_stay_private_facets_count_and_terms_match_across_scripts() {
    for site in sites() {
        let b = site.backend;
        let admin = site.admin_token("root@example.org");
        catalogue(&site, &admin);
        let post = |body: &Value| {
            send(
                &site,
                reqwest::Method::POST,
                "/api/v1/objects",
                Some(&admin),
                Some(body),
            )
        };
        let (_, first) = post(&costume("F-1", "published"));
        let mut plain = costume("F-2", "published");
        plain["materials"] = json!(["t-linen"]);
        plain["title"] = json!({"uk": "Рушник"});
        plain["dating"] = json!({"text": {"uk": "1950-ті"}, "earliest": 1950, "latest": 1959});
        post(&plain);
        let (status, draft) = post(&costume("F-3", "draft"));
        assert_eq!(status, 201, "{b}: {draft}");
        let draft_id = draft["id"].as_i64().unwrap();

        assert_eq!(
            get(&site, &format!("/api/v1/objects/{draft_id}")).0,
            404,
            "{b}: API"
        );
        assert_eq!(
            page(&site, &format!("/objects/{draft_id}")).0,
            404,
            "{b}: page"
        );
        let (status, list) = get(
            &site,
            "/api/v1/objects?institution=novopskov-museum&collection=t-ethnography",
        );
        assert_eq!(status, 200, "{b}: {list}");
        let numbers: Vec<&str> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["inventory_number"].as_str().unwrap())
            .collect();
        assert_eq!(numbers, ["F-1", "F-2"], "{b}: no draft in the list");
        assert_eq!(
            (list["total"].as_i64(), list["more"].as_bool()),
            (Some(2), Some(false)),
            "{b}"
        );
        let count = |facet: &str, key: &str| {
            list["facets"][facet]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["key"] == key)
                .map(|f| f["count"].as_i64().unwrap())
        };
        assert_eq!(
            count("material", "t-linen"),
            Some(2),
            "{b}: {}",
            list["facets"]
        );
        assert_eq!(
            count("material", "t-wool"),
            Some(1),
            "{b}: the draft's wool is not counted"
        );
        assert_eq!(count("object_type", "t-costume"), Some(2), "{b}");
        assert_eq!(count("place", "t-elekesazy"), Some(2), "{b}");

        let (_, wool) = get(&site, "/api/v1/objects?material=t-wool&from=1900&to=1910");
        assert_eq!(wool["items"][0]["id"], first["id"], "{b}: {wool}");
        let (_, later) = get(
            &site,
            "/api/v1/objects?institution=novopskov-museum&from=1940",
        );
        assert_eq!(
            later["items"].as_array().unwrap().len(),
            1,
            "{b}: the period overlaps"
        );
        let (_, paged) = get(
            &site,
            "/api/v1/objects?institution=novopskov-museum&collection=t-ethnography&limit=1",
        );
        let next = paged["next"].as_str().expect("a next page");
        let rest: Value = client().get(next).send().unwrap().json().unwrap();
        assert_eq!(rest["items"][0]["inventory_number"], "F-2", "{b}: {rest}");
        assert_eq!(get(&site, "/api/v1/objects?from=soon").0, 400, "{b}");

        // The browse page works without script: facets are links, the period a GET form.
        let (status, html) = page(
            &site,
            "/objects?institution=novopskov-museum&collection=t-ethnography&lang=en",
        );
        assert_eq!(status, 200, "{b}");
        assert!(html.contains("2 objects"), "{b}");
        assert!(
            !html.contains(&format!("/objects/{draft_id}\"")),
            "{b}: the draft is not listed"
        );
        assert!(
            html.contains("href=\"/objects?institution=novopskov-museum&#38;collection=t-ethnography&#38;material=t-wool\""),
            "{b}: {html}"
        );
        let (_, html) = page(
            &site,
            "/objects?institution=novopskov-museum&material=t-wool&lang=en",
        );
        assert!(html.contains("1 object<"), "{b}");

        // A Latin-script Kazakh query finds the term labelled in Cyrillic, through its alt label.
        let (status, found) = get(&site, "/api/v1/vocabularies/place?q=elekes");
        assert_eq!(status, 200, "{b}");
        let term = found
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["key"] == "t-elekesazy")
            .unwrap_or_else(|| panic!("{b}: {found}"));
        assert_eq!(term["label"]["kk-Cyrl"], "Елекесазы", "{b}");
        let (_, none) = get(&site, "/api/v1/vocabularies/material?q=elekes");
        assert_eq!(none, json!([]), "{b}");

        // The object page: fields, linked terms, rights, JSON-LD.
        let id = first["id"].as_i64().unwrap();
        let (status, html) = page(&site, &format!("/objects/{id}?lang=en"));
        assert_eq!(status, 200, "{b}");
        assert!(
            html.contains("кін. ХІХ – поч. ХХ ст."),
            "{b}: the dating as written"
        );
        assert!(html.contains("1880–1920"), "{b}: and its years");
        assert!(
            html.contains("href=\"/vocabularies/material/t-linen\""),
            "{b}"
        );
        assert!(html.contains(">CC BY-SA 4.0</a>"), "{b}");
        let ld = jsonld(&html);
        assert_eq!(ld["@type"], "CreativeWork", "{b}");
        assert_eq!(ld["identifier"], "F-1", "{b}");
        assert_eq!(ld["temporalCoverage"], "1880/1920", "{b}");
        assert_eq!(
            ld["license"], "http://creativecommons.org/licenses/by-sa/4.0/",
            "{b}"
        );
        assert!(ld["material"].to_string().contains("Льон"), "{b}: {ld}");
        let (_, html) = page(&site, "/vocabularies/place/t-elekesazy?lang=kk");
        assert!(
            html.contains(&format!("/objects/{id}\"")),
            "{b}: the term page lists the object"
        );
        let (_, html) = page(
            &site,
            "/institutions/novopskov-museum/collections/t-ethnography?lang=en",
        );
        assert!(
            html.contains("Ethnography") && html.contains(&format!("/objects/{id}\"")),
            "{b}"
        );
        let (_, html) = page(&site, "/institutions/novopskov-museum?lang=en");
        assert!(
            html.contains("href=\"/institutions/novopskov-museum/collections/t-ethnography\""),
            "{b}"
        );
    }
}

#[test]
fn bad_objects_are_refused_with_the_field_named() {
    for site in sites() {
        let b = site.backend;
        let admin = site.admin_token("root@example.org");
        catalogue(&site, &admin);
        for (change, field, reason) in [
            (
                json!({"materials": ["t-linen", "t-nonesuch"]}),
                "materials[1]",
                "unknown-term: t-nonesuch",
            ),
            (json!({"title": {}}), "title", "required"),
            (
                json!({"collection": "nowhere"}),
                "collection",
                "unknown-collection",
            ),
            (
                json!({"institution": "nowhere"}),
                "institution",
                "unknown-institution",
            ),
            (
                json!({"rights": "https://example.org/licence"}),
                "rights",
                "",
            ),
            (json!({"colour": "red"}), "colour", "unknown-field"),
        ] {
            let mut body = costume("BAD-1", "published");
            for (k, v) in change.as_object().unwrap() {
                body[k] = v.clone();
            }
            let (status, answer) = send(
                &site,
                reqwest::Method::POST,
                "/api/v1/objects",
                Some(&admin),
                Some(&body),
            );
            assert_eq!(status, 422, "{b}: {change}: {answer}");
            let error = answer["errors"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["field"] == field)
                .unwrap_or_else(|| panic!("{b}: no error for {field}: {answer}"));
            assert!(
                error["reason"].as_str().unwrap().starts_with(reason),
                "{b}: {error}"
            );
        }
        let (_, list) = get(&site, "/api/v1/objects?institution=novopskov-museum");
        assert!(
            !list["items"].to_string().contains("BAD-1"),
            "{b}: nothing was written"
        );
    }
}

#[test]
fn staff_catalogue_through_the_forms() {
    for site in sites() {
        let b = site.backend;
        let base = site.server.base_url.clone();
        let admin = site.admin_token("root@example.org");
        catalogue(&site, &admin);
        let web_admin = common::admin_web(&site);
        let own = common::editor(&web_admin, &base, "novopskov-museum", "own@example.org");
        let other = common::editor(&web_admin, &base, "victory-museum", "other@example.org");
        let new_object = "/institutions/novopskov-museum/objects/new";
        assert_eq!(
            other
                .get(format!("{base}{new_object}"))
                .send()
                .unwrap()
                .status()
                .as_u16(),
            403,
            "{b}"
        );

        let submit = |client: &reqwest::blocking::Client, path: &str, extra: &[(&str, &str)]| {
            let form = client
                .get(format!("{base}{path}"))
                .send()
                .unwrap()
                .text()
                .unwrap();
            let mut fields = common::hidden_inputs(&form);
            fields.extend(
                extra
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
            );
            let res = client
                .post(format!("{base}{path}"))
                .form(&fields)
                .send()
                .unwrap();
            (
                res.status().as_u16(),
                common::location(&res),
                res.text().unwrap(),
            )
        };

        let (status, _, html) = submit(
            &own,
            "/institutions/novopskov-museum/collections/new",
            &[
                ("key", "t-textiles"),
                ("parent", "t-ethnography"),
                ("title.uk", "Текстиль"),
            ],
        );
        assert!(status == 303, "{b}: {status} {html}");
        let (status, _, html) = submit(
            &own,
            new_object,
            &[
                ("inventory_number", "Ф-7"),
                ("materials", "t-linen, t-nonesuch"),
                ("dating.earliest", "1900"),
                ("state", "published"),
            ],
        );
        assert_eq!(status, 422, "{b}");
        for field in ["title", "dating.latest"] {
            assert!(
                html.contains(&format!("id=\"err-{field}\"")),
                "{b}: no message at {field}: {html}"
            );
        }
        assert!(
            html.contains("value=\"t-linen, t-nonesuch\""),
            "{b}: the input is kept"
        );
        assert!(html.contains("<datalist id=\"terms-material\">"), "{b}");
        // The store's refusal (a term the vocabulary lacks) is shown at its input too.
        let (status, _, html) = submit(
            &own,
            &format!("{new_object}?lang=en"),
            &[
                ("inventory_number", "Ф-7"),
                ("title.uk", "Рушник"),
                ("materials", "t-linen, t-nonesuch"),
                ("state", "published"),
            ],
        );
        assert_eq!(status, 422, "{b}");
        assert!(
            html.contains("id=\"err-materials\">There is no term “t-nonesuch”"),
            "{b}: {html}"
        );

        let (status, location, html) = submit(
            &own,
            new_object,
            &[
                ("inventory_number", "Ф-7"),
                ("collection", "t-textiles"),
                ("title.uk", "Рушник"),
                ("materials", "t-linen"),
                ("dating.text.uk", "поч. ХХ ст."),
                ("dating.earliest", "1900"),
                ("dating.latest", "1920"),
                ("state", "published"),
            ],
        );
        assert_eq!(status, 303, "{b}: {html}");
        let path = location.unwrap();
        let id: i64 = path.trim_start_matches("/objects/").parse().unwrap();
        let (_, object) = get(&site, &format!("/api/v1/objects/{id}"));
        assert_eq!(object["collection"], "t-textiles", "{b}: {object}");
        // The collection page of the parent lists it through the sub-collection.
        let (_, html) = page(
            &site,
            "/institutions/novopskov-museum/collections/t-ethnography",
        );
        assert!(html.contains(&format!("/objects/{id}\"")), "{b}");

        let (status, _, _) = submit(
            &own,
            &format!("/objects/{id}/edit"),
            &[
                ("title.uk", "Рушник весільний"),
                ("inventory_number", "Ф-7"),
                ("state", "draft"),
            ],
        );
        assert_eq!(status, 303, "{b}");
        assert_eq!(
            get(&site, &format!("/api/v1/objects/{id}")).0,
            404,
            "{b}: now a draft"
        );
        let res = own.get(format!("{base}/objects/{id}")).send().unwrap();
        assert_eq!(
            res.status().as_u16(),
            200,
            "{b}: its institution's staff still see it"
        );
        let res = other
            .post(format!("{base}/objects/{id}/edit"))
            .form(&[("title.uk", "x")])
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 403, "{b}: no CSRF token, no rights");
    }
}

#[test]
fn the_demo_holds_the_seeds_objects_and_imports_again_unchanged() {
    for site in sites() {
        let b = site.backend;
        let (_, list) = get(
            &site,
            "/api/v1/objects?institution=national-museum-of-kazakhstan&collection=archaeology",
        );
        let titles = list["items"].to_string();
        assert!(
            titles.contains("Алтын адам") && titles.contains("Елекесазы"),
            "{b}: {titles}"
        );
        let (_, found) = get(&site, "/api/v1/vocabularies/place?q=Elekesazy");
        assert_eq!(found[0]["key"], "elekesazy", "{b}");
        let (_, costume) = get(&site, "/api/v1/objects?type=costume");
        assert_eq!(costume["items"][0]["inventory_number"], "НКМ-ДЕМО-1", "{b}");
        // The period's years date the finds that name only the period.
        let (_, iron_age) = get(&site, "/api/v1/objects?from=-500&to=-400");
        assert_eq!(iron_age["total"], 2, "{b}: {iron_age}");

        let out = site.kolo(
            &["import", concat!(env!("CARGO_MANIFEST_DIR"), "/../../demo")],
            "",
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{b}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains(" 0 created, 0 updated"), "{b}: {stdout}");
    }
}
