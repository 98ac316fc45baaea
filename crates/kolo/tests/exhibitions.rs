//! Exhibitions and object stories through the real binary on each backend: the demo's
//! exhibitions, a travelling show's itinerary on its venues' pages (dates relative to today, so
//! the test stays true), drafts hidden from the public, the staff forms and the API with their
//! rights and field errors, and the schema.org JSON-LD.

mod common;

use chrono::{Days, NaiveDate, Utc};
use common::{admin_web, browser, client, editor, get, input_value, jsonld, put, sites};
use serde_json::{Value, json};

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// `today` moved by `days` (negative: earlier), as `YYYY-MM-DD`.
fn day(days: i64) -> String {
    let t = today();
    let d = if days >= 0 {
        t.checked_add_days(Days::new(days as u64))
    } else {
        t.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    d.unwrap().to_string()
}

/// The HTML of the element with this class that starts first, up to its closing `</ol>`.
fn list_with_class<'a>(html: &'a str, class: &str) -> &'a str {
    let start = html
        .find(&format!("<ol class=\"itinerary {class}\""))
        .unwrap_or_else(|| panic!("no {class} list"));
    &html[start..start + html[start..].find("</ol>").unwrap()]
}

/// Touring from the National Museum of Kazakhstan: was at the Victory Museum, is in Lviv now,
/// goes to Novopskov next.
fn touring(slug: &str, state: &str) -> Value {
    json!({
        "slug": slug,
        "kind": "travelling",
        "original_lang": "en",
        "title": { "en": format!("Touring show {slug}"), "uk": "Пересувна виставка" },
        "hosts": ["national-museum-of-kazakhstan"],
        "itinerary": [
            { "institution": "victory-museum", "opens_on": day(-60), "closes_on": day(-30) },
            { "institution": "lviv-folk-architecture-museum", "opens_on": day(-5), "closes_on": day(5),
              "city": { "en": "Lviv" } },
            { "institution": "novopskov-museum", "opens_on": day(30), "closes_on": day(60) }
        ],
        "sections": [{
            "key": "finds",
            "title": { "en": "Finds" },
            "objects": [
                { "object": { "institution": "national-museum-of-kazakhstan", "inventory_number": "DEMO-NMK-2" } },
                { "object": { "institution": "national-museum-of-kazakhstan", "inventory_number": "DEMO-NMK-1" },
                  "caption": { "en": "A gold plaque" }, "highlight": true }
            ]
        }],
        "events": ["kazakhstan-museums-conference-2019"],
        "state": state
    })
}

#[test]
fn the_demo_exhibitions_and_stories_are_there() {
    for site in sites() {
        let base = site.server.base_url.clone();
        let b = site.backend;
        let (status, list) = get(&base, "/exhibitions?lang=kk");
        assert_eq!(status, 200, "{b}");
        for title in [
            "Қазақ Алтайының қазынасы",
            "Алтын адамның әлем музейлеріне шеруі",
            "Мәңгілік ақиқат шеңбері",
        ] {
            assert!(list.contains(title), "{b}: {title} listed");
        }
        let (_, api) = get(&base, "/api/v1/exhibitions?kind=single_object");
        let api: Value = serde_json::from_str(&api).unwrap();
        assert_eq!(api["items"][0]["slug"], "novopskov-festive-costume", "{b}");
        let (status, page) = get(&base, "/exhibitions/golden-man-world-tour?lang=en");
        assert_eq!(status, 200, "{b}");
        let ld = jsonld(&page);
        assert_eq!(ld["@type"], "ExhibitionEvent", "{b}");
        assert_eq!(ld["endDate"], "2019-12-19", "{b}");
        assert!(
            ld["location"][0]["@id"]
                .as_str()
                .unwrap()
                .ends_with("/institutions/national-museum-of-kazakhstan")
        );
        assert!(
            ld["organizer"].as_array().is_some_and(|o| !o.is_empty()),
            "{b}"
        );
        assert!(
            page.contains("/events/kazakhstan-museums-conference-2019"),
            "{b}: related event"
        );
        let (status, series) = get(&base, "/stories?series=the-exhibit-tells&lang=uk");
        assert_eq!(status, 200, "{b}");
        assert!(
            series.contains("Експонат розповідає…"),
            "{b}: the series' name"
        );
        assert!(
            series.contains("/stories/exhibit-tells-1-festive-costume"),
            "{b}"
        );
        let (_, story) = get(&base, "/stories/exhibit-tells-1-festive-costume");
        let ld = jsonld(&story);
        assert_eq!(ld["@type"], "Article", "{b}");
        assert_eq!(ld["about"]["identifier"], "НКМ-ДЕМО-1", "{b}");
        assert_eq!(ld["position"], 1, "{b}");
        // Importing the demo again changes nothing.
        let out = site.kolo(
            &["import", concat!(env!("CARGO_MANIFEST_DIR"), "/../../demo")],
            "",
        );
        let said = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{b}: {said}");
        assert!(said.contains(" 0 created, 0 updated"), "{b}: {said}");
    }
}

#[test]
fn a_travelling_show_is_listed_by_its_venues_while_it_is_there() {
    for site in sites() {
        let base = site.server.base_url.clone();
        let b = site.backend;
        let token = site.admin_token("curator@example.org");
        let (status, body) = put(
            &base,
            &token,
            "/api/v1/exhibitions/touring",
            &touring("touring", "published"),
        );
        assert_eq!(status, 201, "{b}: {body}");
        assert!(
            body["url"]
                .as_str()
                .unwrap()
                .ends_with("/exhibitions/touring"),
            "{b}"
        );
        let (status, _) = put(
            &base,
            &token,
            "/api/v1/exhibitions/touring",
            &touring("touring", "published"),
        );
        assert_eq!(status, 200, "{b}: saving again");

        let (_, page) = get(&base, "/exhibitions/touring?lang=en");
        assert!(
            list_with_class(&page, "itinerary-past").contains("/institutions/victory-museum"),
            "{b}"
        );
        assert!(
            list_with_class(&page, "itinerary-current")
                .contains("/institutions/lviv-folk-architecture-museum"),
            "{b}"
        );
        assert!(
            list_with_class(&page, "itinerary-next").contains("/institutions/novopskov-museum"),
            "{b}"
        );
        let plaque = page.find("A gold plaque").expect("the caption is shown");
        assert!(
            plaque < page.find("DEMO-NMK-2").unwrap(),
            "{b}: the highlight comes first"
        );
        let ld = jsonld(&page);
        assert_eq!(ld["@type"], "ExhibitionEvent", "{b}");
        assert_eq!(
            ld["location"].as_array().unwrap().len(),
            3,
            "{b}: a location per stop"
        );
        assert_eq!(ld["startDate"], day(-60), "{b}");
        assert_eq!(ld["endDate"], day(60), "{b}");

        let (_, lviv) = get(&base, "/institutions/lviv-folk-architecture-museum?lang=en");
        let now = lviv
            .find("On show here now")
            .expect("Lviv lists what is on there");
        assert!(lviv[now..].contains("/exhibitions/touring"), "{b}");
        let (_, novopskov) = get(&base, "/institutions/novopskov-museum?lang=en");
        let next = novopskov
            .find("Coming here")
            .expect("Novopskov lists what comes");
        assert!(novopskov[next..].contains("/exhibitions/touring"), "{b}");
        let (_, victory) = get(&base, "/institutions/victory-museum");
        assert!(
            !victory.contains("/exhibitions/touring"),
            "{b}: it has left"
        );

        let on = |inst: &str| {
            let (_, v) = get(
                &base,
                &format!("/api/v1/exhibitions?institution={inst}&on={}", day(0)),
            );
            let v: Value = serde_json::from_str(&v).unwrap();
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["slug"] == "touring")
        };
        assert!(on("lviv-folk-architecture-museum"), "{b}");
        assert!(!on("victory-museum"), "{b}");
        let (status, _) = get(&base, "/api/v1/exhibitions?institution=nowhere");
        assert_eq!(status, 400, "{b}: unknown institution");
        let (status, _) = get(&base, "/api/v1/exhibitions?on=yesterday");
        assert_eq!(status, 400, "{b}: not a date");

        let mut overlapping = touring("overlapping", "published");
        overlapping["itinerary"][1]["opens_on"] = json!(day(-40));
        let (status, body) = put(
            &base,
            &token,
            "/api/v1/exhibitions/overlapping",
            &overlapping,
        );
        assert_eq!(status, 422, "{b}");
        let fields: Vec<&str> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["itinerary[1].opens_on"], "{b}: {body}");
        let (status, _) = get(&base, "/api/v1/exhibitions/overlapping");
        assert_eq!(status, 404, "{b}: nothing written");
    }
}

#[test]
fn drafts_are_not_public() {
    for site in sites() {
        let base = site.server.base_url.clone();
        let b = site.backend;
        let token = site.admin_token("curator@example.org");
        let (status, body) = put(
            &base,
            &token,
            "/api/v1/exhibitions/secret",
            &touring("secret", "draft"),
        );
        assert_eq!(status, 201, "{b}: {body}");
        assert_eq!(body["state"], "draft", "{b}: the writer gets it back");
        assert_eq!(get(&base, "/api/v1/exhibitions/secret").0, 404, "{b}");
        assert_eq!(get(&base, "/exhibitions/secret").0, 404, "{b}");
        for path in [
            "/exhibitions",
            "/api/v1/exhibitions",
            "/institutions/lviv-folk-architecture-museum",
        ] {
            assert!(
                !get(&base, path).1.contains("/exhibitions/secret"),
                "{b}: {path}"
            );
        }
        let story = json!({
            "slug": "secret-story",
            "institution": "novopskov-museum",
            "series": "the-exhibit-tells",
            "number": 2,
            "object": { "institution": "novopskov-museum", "inventory_number": "DEMO-NOV-2" },
            "title": { "uk": "Чернетка" },
            "body": { "uk": "Ще не готово." },
            "state": "draft"
        });
        let (status, body) = put(&base, &token, "/api/v1/stories/secret-story", &story);
        assert_eq!(status, 201, "{b}: {body}");
        assert_eq!(get(&base, "/api/v1/stories/secret-story").0, 404, "{b}");
        assert_eq!(get(&base, "/stories/secret-story").0, 404, "{b}");
        assert!(
            !get(&base, "/stories?series=the-exhibit-tells")
                .1
                .contains("secret-story"),
            "{b}"
        );
        let mut clash = story.clone();
        clash["slug"] = json!("clash");
        let (status, body) = put(&base, &token, "/api/v1/stories/clash", &clash);
        assert_eq!(
            (status, body["errors"][0]["field"].clone()),
            (422, json!("number")),
            "{b}: {body}"
        );
        // Staff who may edit it see the draft.
        let admin = admin_web(&site);
        let res = admin
            .get(format!("{base}/exhibitions/secret"))
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{b}");
    }
}

/// The fields of a new banner show of the Novopskov museum, through the form.
fn banner_form(csrf: &str, slug: &str) -> Vec<(String, String)> {
    [
        ("csrf", csrf),
        ("slug", slug),
        ("kind", "banner"),
        ("state", "published"),
        ("original_lang", "uk"),
        ("title.uk", "Банерна виставка"),
        ("hosts", "novopskov-museum"),
        ("partners", "lviv-folk-architecture-museum"),
        ("itinerary[0].institution", "lviv-folk-architecture-museum"),
        ("itinerary[0].city", "Львів"),
        ("itinerary[0].opens_on", &day(-1)),
        ("itinerary[0].closes_on", &day(1)),
        ("itinerary[1].institution", ""),
        ("sections[0].key", "costume"),
        ("sections[0].title", "Костюм"),
        ("sections[0].objects", "*DEMO-NOV-1 | Святковий костюм"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

fn form_page(user: &reqwest::blocking::Client, base: &str, path: &str) -> String {
    let res = user.get(format!("{base}{path}")).send().unwrap();
    assert_eq!(res.status().as_u16(), 200, "GET {path}");
    res.text().unwrap()
}

#[test]
fn host_staff_edit_exhibitions_and_stories_through_the_forms() {
    for site in sites() {
        let base = site.server.base_url.clone();
        let b = site.backend;
        let admin = admin_web(&site);
        let novopskov = editor(&admin, &base, "novopskov-museum", "novopskov@example.org");
        let astana = editor(
            &admin,
            &base,
            "national-museum-of-kazakhstan",
            "astana@example.org",
        );

        let form = form_page(&novopskov, &base, "/admin/exhibitions/new");
        let csrf = input_value(&form, "csrf").unwrap();
        let res = novopskov
            .post(format!("{base}/admin/exhibitions/new"))
            .form(&banner_form(&csrf, "banners"))
            .send()
            .unwrap();
        assert_eq!(
            res.status().as_u16(),
            303,
            "{b}: {}",
            res.text().unwrap_or_default()
        );
        assert_eq!(
            common::location(&res).as_deref(),
            Some("/exhibitions/banners"),
            "{b}"
        );
        let (_, page) = get(&base, "/exhibitions/banners?lang=uk");
        assert!(
            page.contains("DEMO-NOV-1") && page.contains("Святковий костюм"),
            "{b}"
        );
        let (_, lviv) = get(&base, "/institutions/lviv-folk-architecture-museum");
        assert!(
            lviv.contains("/exhibitions/banners"),
            "{b}: on show at the stop"
        );

        // Every problem at its field, nothing written.
        let mut bad = banner_form(&csrf, "bad-banners");
        bad.retain(|(k, _)| k != "title.uk");
        bad.push(("opens_on".into(), day(10)));
        bad.push(("closes_on".into(), day(5)));
        bad.push(("itinerary[3].opens_on".into(), "someday".into()));
        let res = novopskov
            .post(format!("{base}/admin/exhibitions/new"))
            .form(&bad)
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 422, "{b}");
        let html = res.text().unwrap();
        for field in ["title", "closes_on", "itinerary[3].opens_on"] {
            assert!(
                html.contains(&format!("id=\"err-{field}\"")),
                "{b}: {field}"
            );
        }
        assert_eq!(get(&base, "/exhibitions/bad-banners").0, 404, "{b}");

        // The edit form reads back what was saved, and saving it unchanged keeps it.
        let edit = form_page(&novopskov, &base, "/exhibitions/banners/edit");
        assert!(edit.contains("*DEMO-NOV-1 | Святковий костюм"), "{b}");
        let mut fields = banner_form(&csrf, "banners");
        fields.retain(|(k, _)| k != "slug");
        fields.retain(|(k, _)| !k.starts_with("itinerary[0]"));
        let res = novopskov
            .post(format!("{base}/exhibitions/banners/edit"))
            .form(&fields)
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 303, "{b}");
        let (_, lviv) = get(&base, "/institutions/lviv-folk-architecture-museum");
        assert!(
            !lviv.contains("/exhibitions/banners"),
            "{b}: the stop was removed"
        );

        // Another institution's editor may not.
        let theirs = astana
            .get(format!("{base}/exhibitions/banners/edit"))
            .send()
            .unwrap();
        assert_eq!(theirs.status().as_u16(), 403, "{b}");
        let astana_csrf =
            input_value(&form_page(&astana, &base, "/admin/exhibitions/new"), "csrf").unwrap();
        let res = astana
            .post(format!("{base}/exhibitions/banners/edit"))
            .form(&banner_form(&astana_csrf, "banners"))
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 403, "{b}");
        let token = site.token_for("astana@example.org");
        let api = common::editable_json(&base, "/api/v1/exhibitions/banners");
        assert_eq!(
            put(&base, &token, "/api/v1/exhibitions/banners", &api).0,
            403,
            "{b}"
        );
        let (status, _) = put(
            &base,
            &token,
            "/api/v1/exhibitions/golden-man-world-tour",
            &common::editable_json(&base, "/api/v1/exhibitions/golden-man-world-tour"),
        );
        assert_eq!(status, 200, "{b}: their own");
        // Without the CSRF token nothing is saved.
        let mut forged = banner_form("", "forged");
        forged.retain(|(k, _)| k != "csrf");
        let res = novopskov
            .post(format!("{base}/admin/exhibitions/new"))
            .form(&forged)
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 403, "{b}");

        // Stories: the institution's staff only.
        let story_form = form_page(&novopskov, &base, "/admin/stories/new");
        let csrf = input_value(&story_form, "csrf").unwrap();
        let story = |csrf: &str, title: &str| -> Vec<(String, String)> {
            [
                ("csrf", csrf),
                ("slug", "exhibit-tells-2"),
                ("institution", "novopskov-museum"),
                ("state", "published"),
                ("series", "the-exhibit-tells"),
                ("number", "2"),
                ("object", "DEMO-NOV-2"),
                ("title.uk", title),
                ("body.uk", "Розповідь про предмет."),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
        };
        let res = novopskov
            .post(format!("{base}/admin/stories/new"))
            .form(&story(&csrf, "Другий експонат"))
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 303, "{b}");
        let (_, series) = get(&base, "/stories?series=the-exhibit-tells");
        assert!(series.contains("Другий експонат"), "{b}");
        let res = novopskov
            .post(format!("{base}/admin/stories/new"))
            .form(&story(&csrf, ""))
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 422, "{b}");
        assert!(res.text().unwrap().contains("id=\"err-title\""), "{b}");
        let theirs = astana
            .get(format!("{base}/stories/exhibit-tells-2/edit"))
            .send()
            .unwrap();
        assert_eq!(theirs.status().as_u16(), 403, "{b}");
        let api = common::editable_json(&base, "/api/v1/stories/exhibit-tells-2");
        assert_eq!(
            put(&base, &token, "/api/v1/stories/exhibit-tells-2", &api).0,
            403,
            "{b}"
        );
        // A visitor who is not signed in is sent to sign in.
        let res = browser()
            .get(format!("{base}/admin/stories/new"))
            .send()
            .unwrap();
        assert!(res.status().is_redirection(), "{b}");
    }
}

/// Uploads a small PNG for `institution` through the API; returns its media id.
fn upload_picture(site: &common::Site, token: &str, institution: &str) -> String {
    let picture = image::RgbImage::from_fn(1300, 975, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 60])
    });
    let mut png = std::io::Cursor::new(Vec::new());
    picture.write_to(&mut png, image::ImageFormat::Png).unwrap();
    let form = reqwest::blocking::multipart::Form::new()
        .part(
            "file",
            reqwest::blocking::multipart::Part::bytes(png.into_inner()).file_name("poster.png"),
        )
        .text("institution", institution.to_owned());
    let res = client()
        .post(site.url("/api/v1/media"))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .unwrap();
    assert_eq!(res.status(), 201, "{}", site.backend);
    let body: Value = res.json().unwrap();
    body["id"].as_str().unwrap().to_owned()
}

#[test]
fn an_exhibition_shows_its_hosts_images_and_no_others() {
    for site in sites() {
        let b = site.backend;
        let base = site.server.base_url.clone();
        let token = site.admin_token("root@example.org");
        let own = upload_picture(&site, &token, "national-museum-of-kazakhstan");
        let foreign = upload_picture(&site, &token, "novopskov-museum");

        let mut show = touring("pictured-show", "published");
        show["images"] = json!([{ "media": foreign }]);
        let (status, body) = put(&base, &token, "/api/v1/exhibitions/pictured-show", &show);
        assert_eq!(status, 422, "{b}: {body}");
        assert_eq!(body["errors"][0]["field"], "images[0].media", "{b}: {body}");
        assert_eq!(body["errors"][0]["reason"], "unknown-media", "{b}: {body}");

        show["images"] = json!([{ "media": own, "caption": { "en": "The poster" } }]);
        let (status, body) = put(&base, &token, "/api/v1/exhibitions/pictured-show", &show);
        assert_eq!(status, 201, "{b}: {body}");
        let (status, html) = get(&base, "/exhibitions/pictured-show?lang=en");
        assert_eq!(status, 200, "{b}");
        let picture = format!("/iiif/3/{own}/full/!1200,1200/0/default.jpg");
        assert!(
            html.contains(&format!("<img src=\"{picture}\"")),
            "{b}: {html}"
        );
        assert!(
            html.contains("<figcaption lang=\"en\">The poster</figcaption>")
                || html.contains(">The poster</figcaption>"),
            "{b}"
        );
        let ld = jsonld(&html);
        assert_eq!(ld["image"][0], format!("{base}{picture}"), "{b}: {ld}");
        let (status, _) = get(&base, &picture);
        assert_eq!(status, 200, "{b}: the picture is served");
    }
}
