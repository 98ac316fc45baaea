//! Security properties, tested from outside: CSRF, login throttling, cookie flags, and that an
//! institution's staff can change only their own institution (forms and API).

mod common;

use common::{
    accept_invitation, browser, client, editable_json, hidden_inputs, input_value, institution_id,
    invite, sign_in, sites,
};

const ADMIN_PASSWORD: &str = "a long admin password";

#[test]
fn forms_without_the_csrf_token_are_refused() {
    let site = sites().remove(0);
    site.kolo(
        &["admin", "create", "--email", "admin@example.org"],
        &format!("{ADMIN_PASSWORD}\n"),
    );
    // A login form posted from another site has no token and no csrf cookie.
    let res = client()
        .post(site.url("/login"))
        .form(&[("email", "admin@example.org"), ("password", ADMIN_PASSWORD)])
        .send()
        .unwrap();
    assert_eq!(res.status(), 403);
    // A signed-in person's browser sends the session cookie along with a forged form.
    let b = sign_in(&site.server.base_url, "admin@example.org", ADMIN_PASSWORD);
    let res = b
        .post(site.url("/logout"))
        .form(&[("csrf", "forged")])
        .send()
        .unwrap();
    assert_eq!(res.status(), 403);
    let page = b.get(site.url("/account")).send().unwrap();
    assert_eq!(
        page.status(),
        200,
        "still signed in: the forged sign-out did nothing"
    );
    // Browsers mark cross-site requests; those are refused even with a token.
    let token = input_value(&page.text().unwrap(), "csrf").unwrap();
    let res = b
        .post(site.url("/logout"))
        .header("Sec-Fetch-Site", "cross-site")
        .form(&[("csrf", token.as_str())])
        .send()
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = b
        .post(site.url("/logout"))
        .form(&[("csrf", token.as_str())])
        .send()
        .unwrap();
    assert_eq!(res.status(), 303, "the real form works");

    // The outcome forms of an event: a forged post (no token) publishes and saves nothing.
    let b = sign_in(&site.server.base_url, "admin@example.org", ADMIN_PASSWORD);
    for path in [
        "/events/ryazan-forum-central-libraries-2024/programme/publish",
        "/events/bibliomodel-2022/new-document",
        "/events/bibliomodel-2022/documents/resolution/edit",
    ] {
        let res = b
            .post(site.url(path))
            .form(&[
                ("name", "forged"),
                ("key", "forged"),
                ("kind", "report"),
                ("status", "final"),
            ])
            .send()
            .unwrap();
        assert_eq!(res.status(), 403, "POST {path} without a token");
    }
    let versions = client()
        .get(site.url("/api/v1/events/ryazan-forum-central-libraries-2024/programme/versions"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(!versions.contains("forged"), "{versions}");
}

#[test]
fn five_wrong_passwords_block_further_tries() {
    let site = sites().remove(0);
    site.kolo(
        &["admin", "create", "--email", "admin@example.org"],
        &format!("{ADMIN_PASSWORD}\n"),
    );
    let b = browser();
    let csrf = input_value(
        &b.get(site.url("/login")).send().unwrap().text().unwrap(),
        "csrf",
    )
    .unwrap();
    let attempt = |password: &str| {
        b.post(site.url("/login"))
            .form(&[
                ("email", "admin@example.org"),
                ("password", password),
                ("csrf", csrf.as_str()),
            ])
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    for _ in 0..5 {
        assert_eq!(attempt("wrong password"), 401);
    }
    assert_eq!(
        attempt(ADMIN_PASSWORD),
        429,
        "the right password is refused too while blocked"
    );
}

#[test]
fn session_cookies_are_http_only_same_site_and_secure_behind_https() {
    let site = sites().remove(0);
    site.kolo(
        &["admin", "create", "--email", "admin@example.org"],
        &format!("{ADMIN_PASSWORD}\n"),
    );
    let data = tempfile::tempdir().unwrap();
    let https = kolo_testkit::KoloServer::start(
        &common::kolo_bin(),
        data.path(),
        &[],
        &[
            ("KOLO_PUBLIC_URL", "https://kolo.example.org"),
            ("KOLO_LOG", "warn"),
        ],
    )
    .unwrap();
    common::kolo(
        data.path(),
        &[],
        &["admin", "create", "--email", "admin@example.org"],
        &format!("{ADMIN_PASSWORD}\n"),
    );
    for (base, secure) in [
        (site.server.base_url.clone(), false),
        (https.base_url.clone(), true),
    ] {
        let b = browser();
        let form = b
            .get(format!("{base}/login"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        let csrf = input_value(&form, "csrf").unwrap();
        let res = b
            .post(format!("{base}/login"))
            .form(&[
                ("email", "admin@example.org"),
                ("password", ADMIN_PASSWORD),
                ("csrf", &csrf),
            ])
            .send()
            .unwrap();
        let cookie = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|c| c.starts_with("kolo_session="))
            .expect("a session cookie");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        assert_eq!(cookie.contains("Secure"), secure, "{cookie}");
    }
}

/// An editor of one institution, created through the real invitation flow, with an API token.
struct Editor {
    web: reqwest::blocking::Client,
    token: String,
}

fn editor_of(site: &common::Site, slug: &str, email: &str) -> Editor {
    let base = &site.server.base_url;
    let admin = sign_in(base, "admin@example.org", ADMIN_PASSWORD);
    let link = invite(
        &admin,
        base,
        &format!("institution:{}", institution_id(base, slug)),
        email,
        "editor",
    );
    let web = accept_invitation(base, &link, "Editor", "an editor's long password");
    Editor {
        web,
        token: site.token_for(email),
    }
}

#[test]
fn editors_change_only_their_own_institution() {
    for site in sites() {
        let b = site.backend;
        let base = site.server.base_url.clone();
        site.kolo(
            &["admin", "create", "--email", "admin@example.org"],
            &format!("{ADMIN_PASSWORD}\n"),
        );
        let editor = editor_of(&site, "novopskov-museum", "editor@novopskov.example.org");

        // Their own institution: the form opens and the API accepts a change.
        let own = editor
            .web
            .get(format!("{base}/institutions/novopskov-museum/edit"))
            .send()
            .unwrap();
        assert_eq!(own.status(), 200, "{b}");
        let body = editable_json(&base, "/api/v1/institutions/novopskov-museum");
        let res = client()
            .put(format!("{base}/api/v1/institutions/novopskov-museum"))
            .bearer_auth(&editor.token)
            .json(&body)
            .send()
            .unwrap();
        assert_eq!(res.status(), 200, "{b}");

        // Another institution: every write route refuses, on the web and in the API.
        let before: serde_json::Value = client()
            .get(format!("{base}/api/v1/institutions/victory-museum"))
            .send()
            .unwrap()
            .json()
            .unwrap();
        let csrf = input_value(&own.text().unwrap(), "csrf").unwrap();
        let form = editor
            .web
            .get(format!("{base}/institutions/victory-museum/edit"))
            .send()
            .unwrap();
        assert_eq!(
            form.status(),
            403,
            "{b}: the edit form of another institution"
        );
        let post = editor
            .web
            .post(format!("{base}/institutions/victory-museum/edit"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("name.ru", "Захвачено"),
                ("kind", "museum"),
                ("original_lang", "ru"),
                ("country", "RU"),
            ])
            .send()
            .unwrap();
        assert_eq!(
            post.status(),
            403,
            "{b}: posting the edit form of another institution"
        );
        let victory_id = institution_id(&base, "victory-museum");
        let invite_page = editor
            .web
            .get(format!(
                "{base}/invitations/new?scope=institution:{victory_id}"
            ))
            .send()
            .unwrap();
        assert_eq!(
            invite_page.status(),
            403,
            "{b}: inviting into another institution"
        );
        let invite_post = editor
            .web
            .post(format!(
                "{base}/invitations/new?scope=institution:{victory_id}"
            ))
            .form(&[
                ("csrf", csrf.as_str()),
                ("email", "x@example.org"),
                ("role", "editor"),
            ])
            .send()
            .unwrap();
        assert_eq!(invite_post.status(), 403, "{b}");
        for (path, form) in [
            ("/admin/institutions/new", true),
            ("/admin/networks/new", true),
            ("/networks/aivim/edit", true),
            ("/admin/audit", false),
        ] {
            let res = editor.web.get(format!("{base}{path}")).send().unwrap();
            assert_eq!(res.status(), 403, "{b}: GET {path}");
            if form {
                let res = editor
                    .web
                    .post(format!("{base}{path}"))
                    .form(&[("csrf", csrf.as_str()), ("slug", "x")])
                    .send()
                    .unwrap();
                assert_eq!(res.status(), 403, "{b}: POST {path}");
            }
        }
        let mut theirs = editable_json(&base, "/api/v1/institutions/victory-museum");
        theirs["name"]["ru"] = serde_json::json!("Захвачено");
        let api = |method: reqwest::Method, path: &str, body: &serde_json::Value| {
            client()
                .request(method, format!("{base}{path}"))
                .bearer_auth(&editor.token)
                .json(body)
                .send()
                .unwrap()
                .status()
        };
        assert_eq!(
            api(
                reqwest::Method::PUT,
                "/api/v1/institutions/victory-museum",
                &theirs
            ),
            403,
            "{b}"
        );
        assert_eq!(
            api(
                reqwest::Method::PUT,
                "/api/v1/institutions/victory-museum/networks",
                &serde_json::json!({"networks": []})
            ),
            403,
            "{b}"
        );
        let mut fresh = theirs.clone();
        fresh["slug"] = serde_json::json!("new-museum");
        assert_eq!(
            api(reqwest::Method::POST, "/api/v1/institutions", &fresh),
            403,
            "{b}"
        );
        let network = editable_json(&base, "/api/v1/networks/aivim");
        assert_eq!(
            api(reqwest::Method::PUT, "/api/v1/networks/aivim", &network),
            403,
            "{b}"
        );
        assert_eq!(
            api(reqwest::Method::POST, "/api/v1/networks", &network),
            403,
            "{b}"
        );

        // Another institution's event (BiblioMODEL-2022 is the Pskov library's): its programme
        // versions and documents, on the web and in the API.
        let event_before = (
            client()
                .get(format!(
                    "{base}/api/v1/events/bibliomodel-2022/programme/versions"
                ))
                .send()
                .unwrap()
                .text()
                .unwrap(),
            client()
                .get(format!("{base}/api/v1/events/bibliomodel-2022/documents"))
                .send()
                .unwrap()
                .text()
                .unwrap(),
        );
        for (get, post) in [
            (
                "/events/bibliomodel-2022/programme/edit",
                "/events/bibliomodel-2022/programme/publish",
            ),
            (
                "/events/bibliomodel-2022/new-document",
                "/events/bibliomodel-2022/new-document",
            ),
            (
                "/events/bibliomodel-2022/documents/resolution/edit",
                "/events/bibliomodel-2022/documents/resolution/edit",
            ),
        ] {
            let res = editor.web.get(format!("{base}{get}")).send().unwrap();
            assert_eq!(res.status(), 403, "{b}: GET {get}");
            let res = editor
                .web
                .post(format!("{base}{post}"))
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("name", "taken"),
                    ("key", "resolution"),
                    ("kind", "resolution"),
                    ("status", "final"),
                    ("title.ru", "Захвачено"),
                ])
                .send()
                .unwrap();
            assert_eq!(res.status(), 403, "{b}: POST {post}");
        }
        let mut resolution: serde_json::Value = client()
            .get(format!(
                "{base}/api/v1/events/bibliomodel-2022/documents/resolution"
            ))
            .send()
            .unwrap()
            .json()
            .unwrap();
        for k in ["id", "url", "updated_at", "revisions"] {
            resolution.as_object_mut().unwrap().remove(k);
        }
        resolution["status"] = serde_json::json!("final");
        assert_eq!(
            api(
                reqwest::Method::PUT,
                "/api/v1/events/bibliomodel-2022/documents/resolution",
                &resolution
            ),
            403,
            "{b}"
        );
        assert_eq!(
            api(
                reqwest::Method::POST,
                "/api/v1/events/bibliomodel-2022/programme/versions",
                &serde_json::json!({"name": "taken"})
            ),
            403,
            "{b}"
        );
        assert_eq!(
            api(
                reqwest::Method::PUT,
                "/api/v1/events/bibliomodel-2022/programme",
                &serde_json::json!({"items": []})
            ),
            403,
            "{b}"
        );
        let event_after = (
            client()
                .get(format!(
                    "{base}/api/v1/events/bibliomodel-2022/programme/versions"
                ))
                .send()
                .unwrap()
                .text()
                .unwrap(),
            client()
                .get(format!("{base}/api/v1/events/bibliomodel-2022/documents"))
                .send()
                .unwrap()
                .text()
                .unwrap(),
        );
        assert_eq!(
            event_after, event_before,
            "{b}: the event's outcomes are unchanged"
        );

        let after: serde_json::Value = client()
            .get(format!("{base}/api/v1/institutions/victory-museum"))
            .send()
            .unwrap()
            .json()
            .unwrap();
        assert_eq!(after, before, "{b}: nothing changed");
    }
}

#[test]
fn form_errors_name_the_field_in_the_users_language_and_write_nothing() {
    let site = sites().remove(0);
    let base = site.server.base_url.clone();
    site.kolo(
        &["admin", "create", "--email", "admin@example.org"],
        &format!("{ADMIN_PASSWORD}\n"),
    );
    let admin = sign_in(&base, "admin@example.org", ADMIN_PASSWORD);
    let before: serde_json::Value = client()
        .get(format!("{base}/api/v1/institutions/victory-museum"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let form = admin
        .get(format!("{base}/institutions/victory-museum/edit?lang=uk"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    let mut fields: Vec<(String, String)> = hidden_inputs(&form);
    fields.extend(
        [
            ("kind", "museum"),
            ("original_lang", "ru"),
            ("name.ru", ""),
            ("country", "Russia"),
            ("website", "not a url"),
            ("email", "nobody"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned())),
    );
    let res = admin
        .post(format!("{base}/institutions/victory-museum/edit"))
        .form(&fields)
        .send()
        .unwrap();
    assert_eq!(res.status(), 422);
    let page = res.text().unwrap();
    assert!(
        page.contains("<html lang=\"uk\">"),
        "the page stays in the user's language"
    );
    for field in ["name", "country", "website", "email"] {
        assert!(
            page.contains(&format!("id=\"err-{field}")),
            "no message next to {field}"
        );
    }
    assert!(page.contains("aria-invalid=\"true\""));
    let after: serde_json::Value = client()
        .get(format!("{base}/api/v1/institutions/victory-museum"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(after, before, "nothing was written");
}

#[test]
fn institution_admins_invite_editors_coordinators_edit_their_network_and_the_audit_log_names_them()
{
    let site = sites().remove(0);
    let base = site.server.base_url.clone();
    site.kolo(
        &["admin", "create", "--email", "admin@example.org"],
        &format!("{ADMIN_PASSWORD}\n"),
    );
    let admin = sign_in(&base, "admin@example.org", ADMIN_PASSWORD);
    let lviv = institution_id(&base, "lviv-museum-of-the-history-of-religion");
    let novopskov = institution_id(&base, "novopskov-museum");

    // An institution administrator invites an editor of their own institution, and no one else.
    let link = invite(
        &admin,
        &base,
        &format!("institution:{lviv}"),
        "director@lviv.example.org",
        "institution_admin",
    );
    let director = accept_invitation(&base, &link, "Director", "the director's long password");
    let link = invite(
        &director,
        &base,
        &format!("institution:{lviv}"),
        "curator@lviv.example.org",
        "editor",
    );
    let curator = accept_invitation(&base, &link, "Curator", "the curator's long password");
    let page = director
        .get(format!(
            "{base}/invitations/new?scope=institution:{novopskov}"
        ))
        .send()
        .unwrap();
    assert_eq!(page.status(), 403, "not for another institution");
    let page = curator
        .get(format!("{base}/invitations/new?scope=institution:{lviv}"))
        .send()
        .unwrap();
    assert_eq!(page.status(), 403, "editors do not invite");

    // The curator edits the museum through the form.
    let form = curator
        .get(format!(
            "{base}/institutions/lviv-museum-of-the-history-of-religion/edit"
        ))
        .send()
        .unwrap()
        .text()
        .unwrap();
    let mut fields = hidden_inputs(&form);
    let before = editable_json(
        &base,
        "/api/v1/institutions/lviv-museum-of-the-history-of-religion",
    );
    for (k, v) in before.as_object().unwrap() {
        match v {
            serde_json::Value::String(s) if k != "slug" => fields.push((k.clone(), s.clone())),
            serde_json::Value::Object(map) => {
                for (lang, text) in map {
                    let key = if k == "contacts" {
                        lang.clone()
                    } else {
                        format!("{k}.{lang}")
                    };
                    fields.push((key, text.as_str().unwrap_or_default().to_owned()));
                }
            }
            _ => {}
        }
    }
    fields.retain(|(k, _)| k != "description.en");
    fields.push(("description.en".into(), "Edited by the curator.".into()));
    let res = curator
        .post(format!(
            "{base}/institutions/lviv-museum-of-the-history-of-religion/edit"
        ))
        .form(&fields)
        .send()
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().unwrap_or_default());
    let after = editable_json(
        &base,
        "/api/v1/institutions/lviv-museum-of-the-history-of-religion",
    );
    assert_eq!(after["description"]["en"], "Edited by the curator.");
    assert_eq!(after["name"], before["name"], "the rest is unchanged");

    // A coordinator edits their network and nothing else.
    let aivim: serde_json::Value = client()
        .get(format!("{base}/api/v1/networks/aivim"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let link = invite(
        &admin,
        &base,
        &format!("network:{}", aivim["id"]),
        "coordinator@aivim.example.org",
        "coordinator",
    );
    let coordinator = accept_invitation(
        &base,
        &link,
        "Coordinator",
        "the coordinator's long password",
    );
    assert_eq!(
        coordinator
            .get(format!("{base}/networks/aivim/edit"))
            .send()
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        coordinator
            .get(format!("{base}/networks/territory-of-victory/edit"))
            .send()
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        coordinator
            .get(format!("{base}/institutions/victory-museum/edit"))
            .send()
            .unwrap()
            .status(),
        403
    );

    // The audit log says who changed what.
    let log = admin
        .get(format!("{base}/admin/audit"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(
        log.contains("Curator") && log.contains("Edited by the curator."),
        "{log}"
    );
}
