//! Event registration through the real binary on each backend: people register through the
//! HTML form, find the e-mail in the outbox folder (parsed as RFC 5322 by mail-parser) and follow
//! its link; places, the waiting list, moderation and the deadline behave; organisers see and
//! download registrants; nobody else sees personal data.
//!
//! The SMTP path is tested against a real SMTP server, aiosmtpd (installed from
//! `tests/python-requirements.txt`), storing what it receives in a maildir; without TLS (lettre
//! checks certificates against the public roots, which a throwaway server cannot have).

mod common;

use common::{
    Site, accept_invitation, browser, client, free_port, hidden_inputs, input_value,
    institution_id, invite, location, sign_in, sites, sites_with,
};
use reqwest::blocking::Client;
use serde_json::{Value, json};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ADMIN: &str = "admin@example.org";
const ADMIN_PASSWORD: &str = "a long admin password";

/// A future forum hosted by the Ryazan regional library, with registration settings.
fn open_event(site: &Site, token: &str, slug: &str, attendance: &str, settings: Value) {
    let event = json!({
        "slug": slug, "kind": "forum", "status": "scheduled", "attendance": attendance,
        "original_lang": "ru", "title": {"ru": format!("Форум {slug}"), "en": format!("Forum {slug}")},
        "time_zone": "Europe/Moscow", "starts_at": "2031-04-16T10:00:00",
        "ends_at": "2031-04-17T18:00:00", "hosts": ["ryazan-regional-library"],
    });
    let res = client()
        .put(site.url(&format!("/api/v1/events/{slug}")))
        .bearer_auth(token)
        .json(&event)
        .send()
        .unwrap();
    assert_eq!(
        res.status().as_u16(),
        201,
        "{}: {}",
        site.backend,
        res.text().unwrap()
    );
    let res = client()
        .put(site.url(&format!("/api/v1/events/{slug}/registration")))
        .bearer_auth(token)
        .json(&settings)
        .send()
        .unwrap();
    assert_eq!(
        res.status().as_u16(),
        200,
        "{}: {}",
        site.backend,
        res.text().unwrap()
    );
}

/// One e-mail from the outbox: its recipient, subject and text.
#[derive(Debug)]
struct Mail {
    from: String,
    to: String,
    subject: String,
    text: String,
}

/// The files of a folder, without hidden ones (the outbox's messages being written).
fn files_in(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect()
}

/// Every message file in a folder, parsed as RFC 5322.
fn messages_in(dir: &Path) -> Vec<Mail> {
    let mut mails = Vec::new();
    for path in files_in(dir) {
        let raw = std::fs::read(&path).unwrap();
        let m = mail_parser::MessageParser::default()
            .parse(&raw[..])
            .unwrap_or_else(|| panic!("{} is not an RFC 5322 message", path.display()));
        let first = |a: Option<&mail_parser::Address>| {
            a.and_then(|a| a.first())
                .and_then(|a| a.address())
                .unwrap_or_default()
                .to_owned()
        };
        mails.push(Mail {
            from: first(m.from()),
            to: first(m.to()),
            subject: m.subject().unwrap_or_default().to_owned(),
            text: m.body_text(0).unwrap_or_default().into_owned(),
        });
    }
    mails
}

fn outbox(data: &Path) -> Vec<Mail> {
    let dir = data.join("outbox");
    for path in files_in(&dir) {
        assert_eq!(path.extension().and_then(|e| e.to_str()), Some("eml"));
    }
    messages_in(&dir)
}

fn mails_to(data: &Path, to: &str) -> Vec<Mail> {
    outbox(data).into_iter().filter(|m| m.to == to).collect()
}

/// At least `n` messages to `to`: promotion e-mail goes out after the response, in the background.
fn wait_for_mails(data: &Path, to: &str, n: usize) -> Vec<Mail> {
    let started = Instant::now();
    loop {
        let mails = mails_to(data, to);
        if mails.len() >= n || started.elapsed() > Duration::from_secs(10) {
            return mails;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The `/registrations/<token>` path in a message.
fn link(text: &str) -> String {
    let at = text.find("/registrations/").expect("the e-mail has a link");
    let token: String = text[at + 15..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    assert!(token.len() >= 32, "a secret token: {text}");
    format!("/registrations/{token}")
}

/// Submits the registration form as a browser does (GET it, keep the CSRF cookie, POST);
/// returns the status and the page.
fn register(site: &Site, slug: &str, fields: &[(&str, &str)], lang: &str) -> (u16, String) {
    register_with_form_of(site, slug, slug, fields, lang)
}

/// [`register`], taking the token from another event's form: a closed event shows none, but a
/// crafted submission must still be refused.
fn register_with_form_of(
    site: &Site,
    form_slug: &str,
    slug: &str,
    fields: &[(&str, &str)],
    lang: &str,
) -> (u16, String) {
    let b = browser();
    let form_url = site.url(&format!("/events/{form_slug}/register?lang={lang}"));
    let res = b.get(&form_url).send().unwrap();
    assert_eq!(res.status().as_u16(), 200, "{}: GET the form", site.backend);
    let form = res.text().unwrap();
    let mut all = hidden_inputs(&form);
    all.extend(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    let res = b
        .post(site.url(&format!("/events/{slug}/register")))
        .form(&all)
        .send()
        .unwrap();
    (res.status().as_u16(), res.text().unwrap())
}

fn person<'a>(name: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("email", email),
        ("organisation", "Областная библиотека"),
        ("position", "Директор"),
        ("region", "Рязань"),
        ("consent", "on"),
    ]
}

fn api_registrations(site: &Site, token: &str, slug: &str) -> Vec<Value> {
    let res = client()
        .get(site.url(&format!("/api/v1/events/{slug}/registrations")))
        .bearer_auth(token)
        .send()
        .unwrap();
    assert_eq!(res.status().as_u16(), 200, "{}", site.backend);
    let v: Value = res.json().unwrap();
    v["items"].as_array().unwrap().clone()
}

fn get(c: &Client, site: &Site, path: &str) -> (u16, String) {
    let res = c.get(site.url(path)).send().unwrap();
    (res.status().as_u16(), res.text().unwrap())
}

#[test]
fn registering_through_the_form_emails_a_link_that_cancels_and_promotes() {
    for site in sites() {
        let b = site.backend;
        let token = site.admin_token(ADMIN);
        let slug = "reg-forum";
        let settings = json!({
            "capacity": 1,
            "questions": [{"key": "section", "required": true, "label": {"en": "Section", "ru": "Секция"},
                "kind": {"type": "choice", "options": [{"en": "Museums"}, {"en": "Libraries"}]}}],
        });
        open_event(&site, &token, slug, "hybrid", settings);

        let (status, page) = get(&client(), &site, &format!("/events/{slug}?lang=en"));
        assert_eq!(status, 200);
        assert!(page.contains("1 place left"), "{b}: {page}");
        assert!(
            page.contains(&format!("href=\"/events/{slug}/register\"")),
            "{b}"
        );

        // Consent missing: refused at its field, nothing stored.
        let mut no_consent = person("Anna", "anna@example.org");
        no_consent.retain(|(k, _)| *k != "consent");
        no_consent.extend([("attendance", "offline"), ("answers.section", "1")]);
        let (status, page) = register(&site, slug, &no_consent, "en");
        assert_eq!(status, 422, "{b}");
        assert!(page.contains("id=\"err-consent\""), "{b}: {page}");
        assert!(page.contains("This field is required."), "{b}");
        assert!(
            page.contains("value=\"anna@example.org\""),
            "{b}: shown again"
        );
        assert!(api_registrations(&site, &token, slug).is_empty(), "{b}");

        let mut anna = person("Anna", "anna@example.org");
        anna.extend([("attendance", "offline"), ("answers.section", "1")]);
        let (status, page) = register(&site, slug, &anna, "en");
        assert_eq!(status, 200, "{b}: {page}");
        assert!(page.contains("Your place is confirmed."), "{b}: {page}");
        assert!(
            page.contains("We sent an e-mail to anna@example.org"),
            "{b}"
        );
        let mails = mails_to(site.data.path(), "anna@example.org");
        assert_eq!(mails.len(), 1, "{b}: {mails:?}");
        assert_eq!(
            mails[0].subject,
            format!("Registration: Forum {slug}"),
            "{b}"
        );
        assert!(
            mails[0].text.contains("is confirmed"),
            "{b}: {}",
            mails[0].text
        );
        let anna_link = link(&mails[0].text);

        // The only place is taken: Борис waits, and is written to in Russian.
        let mut boris = person("Борис", "Boris@Example.org");
        boris.extend([("attendance", "online"), ("answers.section", "0")]);
        let (status, page) = register(&site, slug, &boris, "ru");
        assert_eq!(status, 200, "{b}: {page}");
        assert!(page.contains("вы в листе ожидания"), "{b}: {page}");
        let boris_mails = mails_to(site.data.path(), "boris@example.org");
        assert_eq!(boris_mails.len(), 1, "{b}");
        assert!(boris_mails[0].subject.starts_with("Регистрация"), "{b}");
        let boris_first_link = link(&boris_mails[0].text);
        let (_, page) = get(&client(), &site, &format!("/events/{slug}?lang=en"));
        assert!(
            page.contains("only the waiting list is open"),
            "{b}: {page}"
        );

        // Anna's link: her registration, never cached; she cancels.
        let anna_browser = browser();
        let res = anna_browser.get(site.url(&anna_link)).send().unwrap();
        assert_eq!(res.status().as_u16(), 200, "{b}");
        assert_eq!(res.headers()["cache-control"], "no-store", "{b}");
        let page = res.text().unwrap();
        assert!(
            page.contains("Anna") && page.contains("confirmed"),
            "{b}: {page}"
        );
        let csrf = input_value(&page, "csrf").expect("the cancel form has a token");
        let forged = anna_browser
            .post(site.url(&anna_link))
            .form(&[("csrf", "forged")])
            .send()
            .unwrap();
        assert_eq!(
            forged.status().as_u16(),
            403,
            "{b}: a forged form is refused"
        );
        let res = anna_browser
            .post(site.url(&anna_link))
            .form(&[("csrf", csrf.as_str()), ("action", "cancel")])
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{b}");
        assert!(
            res.text()
                .unwrap()
                .contains("Your registration is cancelled."),
            "{b}"
        );

        // Борис moved up and was told.
        let boris_mails = wait_for_mails(site.data.path(), "boris@example.org", 2);
        assert_eq!(boris_mails.len(), 2, "{b}: {boris_mails:?}");
        let promoted = boris_mails
            .iter()
            .find(|m| m.subject.starts_with("Для вас освободилось место"))
            .unwrap_or_else(|| panic!("{b}: no promotion e-mail in {boris_mails:?}"));
        assert!(
            promoted.text.contains("подтверждено"),
            "{b}: {}",
            promoted.text
        );

        // Registering again is idempotent: one row, the same status, a new link by e-mail.
        let (status, page) = register(&site, slug, &boris, "ru");
        assert_eq!(status, 200, "{b}");
        assert!(page.contains("Ваше место подтверждено."), "{b}: {page}");
        let list = api_registrations(&site, &token, slug);
        let rows: Vec<&Value> = list
            .iter()
            .filter(|r| r["email"] == "boris@example.org")
            .collect();
        assert_eq!(rows.len(), 1, "{b}: {list:?}");
        assert_eq!(rows[0]["status"], "confirmed", "{b}");
        assert_eq!(rows[0]["attendance"], "online", "{b}");
        assert_eq!(rows[0]["answers"]["section"], "0", "{b}");
        assert!(rows[0]["consent_at"].is_string(), "{b}");
        let boris_mails = mails_to(site.data.path(), "boris@example.org");
        assert_eq!(boris_mails.len(), 3, "{b}");
        let (status, _) = get(&client(), &site, &boris_first_link);
        assert_eq!(status, 404, "{b}: the replaced link stops working");

        // An organiser downloads the CSV.
        let admin = sign_in(&site.server.base_url, ADMIN, ADMIN_PASSWORD);
        let res = admin
            .get(site.url(&format!("/events/{slug}/registrations.csv?lang=en")))
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{b}");
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        let csv = res.text().unwrap();
        assert!(csv.starts_with("id,registered_at,status"), "{b}: {csv}");
        assert!(
            csv.contains("boris@example.org") && csv.contains("Museums"),
            "{b}: {csv}"
        );
        let (status, page) = get(
            &admin,
            &site,
            &format!("/events/{slug}/registrations?lang=en"),
        );
        assert_eq!(status, 200, "{b}");
        assert!(
            page.contains("anna@example.org") && page.contains("1 confirmed"),
            "{b}: {page}"
        );

        // Nobody else sees any of it.
        let anon = client();
        for path in [
            format!("/events/{slug}/registrations"),
            format!("/events/{slug}/registrations.csv"),
            format!("/events/{slug}/registrations/settings"),
        ] {
            let res = anon.get(site.url(&path)).send().unwrap();
            assert_eq!(res.status().as_u16(), 303, "{b}: {path}");
            assert!(location(&res).unwrap().starts_with("/login"), "{b}: {path}");
        }
        let res = anon
            .get(site.url(&format!("/api/v1/events/{slug}/registrations")))
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 401, "{b}");
        for path in [
            format!("/events/{slug}?lang=en"),
            format!("/api/v1/events/{slug}"),
            format!("/api/v1/events/{slug}/registration"),
        ] {
            let (status, body) = get(&anon, &site, &path);
            assert_eq!(status, 200, "{b}: {path}");
            assert!(
                !body.contains("@example.org") && !body.contains("Борис"),
                "{b}: personal data on {path}"
            );
        }
        let info: Value = anon
            .get(site.url(&format!("/api/v1/events/{slug}/registration")))
            .send()
            .unwrap()
            .json()
            .unwrap();
        assert_eq!(info["counts"]["confirmed"], 1, "{b}: {info}");
        assert_eq!(info["counts"]["places_left"], 0, "{b}: {info}");
        assert_eq!(info["open"], true, "{b}");
    }
}

#[test]
fn moderation_deadlines_and_other_institutions() {
    for site in sites() {
        let b = site.backend;
        let token = site.admin_token(ADMIN);
        let base = site.server.base_url.clone();
        open_event(
            &site,
            &token,
            "moderated",
            "offline",
            json!({"moderated": true}),
        );
        open_event(
            &site,
            &token,
            "too-late",
            "offline",
            json!({"closes_at": "2020-01-01T00:00:00"}),
        );

        // Moderated: people wait for approval; the organiser approves one and declines one.
        for (name, email) in [("Carol", "carol@example.org"), ("Dave", "dave@example.org")] {
            let (status, page) = register(&site, "moderated", &person(name, email), "en");
            assert_eq!(status, 200, "{b}: {page}");
            assert!(page.contains("awaits the organisers"), "{b}: {page}");
        }
        let admin = sign_in(&base, ADMIN, ADMIN_PASSWORD);
        let (status, page) = get(&admin, &site, "/events/moderated/registrations?lang=en");
        assert_eq!(status, 200, "{b}");
        assert!(page.contains("2 awaiting approval"), "{b}: {page}");
        let csrf = input_value(&page, "csrf").unwrap();
        let ids: Vec<i64> = api_registrations(&site, &token, "moderated")
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect();
        for (id, decision) in ids.iter().zip(["approve", "decline"]) {
            let res = admin
                .post(site.url(&format!("/events/moderated/registrations/{id}/moderate")))
                .form(&[("csrf", csrf.as_str()), ("decision", decision)])
                .send()
                .unwrap();
            assert_eq!(res.status().as_u16(), 303, "{b}: {decision}");
        }
        let statuses: Vec<Value> = api_registrations(&site, &token, "moderated")
            .iter()
            .map(|r| r["status"].clone())
            .collect();
        assert_eq!(statuses, [json!("confirmed"), json!("declined")], "{b}");
        let carol = mails_to(site.data.path(), "carol@example.org");
        assert!(
            carol
                .iter()
                .any(|m| m.subject.starts_with("Your registration")
                    && m.text.contains("is confirmed")),
            "{b}: {carol:?}"
        );
        let dave = mails_to(site.data.path(), "dave@example.org");
        assert!(
            dave.iter()
                .any(|m| m.text.contains("declined your registration")),
            "{b}: {dave:?}"
        );

        // After the deadline: the page says so, a submission is refused and nothing stored.
        let (status, page) = get(&client(), &site, "/events/too-late?lang=en");
        assert_eq!(status, 200);
        assert!(
            page.contains("Registration closed on 01.01.2020."),
            "{b}: {page}"
        );
        assert!(
            !page.contains("/events/too-late/register\""),
            "{b}: no button"
        );
        let (_, form) = get(&client(), &site, "/events/too-late/register?lang=en");
        assert!(form.contains("Registration closed on") && !form.contains("name=\"email\""));
        let eve = person("Eve", "eve@example.org");
        let (status, page) = register_with_form_of(&site, "moderated", "too-late", &eve, "en");
        assert_eq!(status, 422, "{b}");
        assert!(
            page.contains("Registration for this event is closed."),
            "{b}: {page}"
        );
        assert!(
            api_registrations(&site, &token, "too-late").is_empty(),
            "{b}"
        );
        assert!(
            mails_to(site.data.path(), "eve@example.org").is_empty(),
            "{b}"
        );

        // The demo's strategic session registered until 19 August 2024.
        let demo = "strategic-session-history-museums-2024";
        let (_, page) = get(&client(), &site, &format!("/events/{demo}?lang=en"));
        assert!(page.contains("Registration closed on 19.08.2024."), "{b}");
        let (status, info) = get(
            &client(),
            &site,
            &format!("/api/v1/events/{demo}/registration"),
        );
        assert_eq!(status, 200, "{b}");
        let info: Value = serde_json::from_str(&info).unwrap();
        assert_eq!(info["open"], false, "{b}: {info}");
        assert_eq!(info["settings"]["closes_at"], "2024-08-19T23:59:00", "{b}");

        // The organiser changes the settings through the form.
        let (status, page) = get(
            &admin,
            &site,
            "/events/too-late/registrations/settings?lang=en",
        );
        assert_eq!(status, 200, "{b}");
        let csrf = input_value(&page, "csrf").unwrap();
        let res = admin
            .post(site.url("/events/too-late/registrations/settings"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("closes_at", "2031-04-10T23:59"),
                ("capacity", "40"),
                ("questions[0].kind", "yes_no"),
                ("questions[0].label.en", "Do you need a hotel?"),
                ("questions[0].label.ru", "Нужна гостиница?"),
            ])
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 303, "{b}: {}", res.text().unwrap());
        let info: Value = client()
            .get(site.url("/api/v1/events/too-late/registration"))
            .send()
            .unwrap()
            .json()
            .unwrap();
        assert_eq!(info["settings"]["capacity"], 40, "{b}: {info}");
        assert_eq!(info["settings"]["questions"][0]["key"], "q1", "{b}: {info}");
        assert_eq!(info["open"], true, "{b}: {info}");
        let res = admin
            .post(site.url("/events/too-late/registrations/settings"))
            .form(&[("csrf", csrf.as_str()), ("capacity", "lots")])
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 422, "{b}");
        assert!(res.text().unwrap().contains("id=\"err-capacity\""), "{b}");

        // An editor of the host institution organises too.
        let host = format!(
            "institution:{}",
            institution_id(&base, "ryazan-regional-library")
        );
        let link = invite(&admin, &base, &host, "host@example.org", "editor");
        let host_editor = accept_invitation(&base, &link, "Host", "a host editor's password");
        let (status, page) = get(&host_editor, &site, "/events/moderated/registrations");
        assert_eq!(status, 200, "{b}");
        assert!(page.contains("carol@example.org"), "{b}");
        let (status, _) = get(&host_editor, &site, "/events/moderated/registrations.csv");
        assert_eq!(status, 200, "{b}");

        // An editor of another institution gets nowhere.
        let scope = format!(
            "institution:{}",
            institution_id(&base, "pskov-regional-library")
        );
        let link = invite(&admin, &base, &scope, "other@example.org", "editor");
        let other = accept_invitation(&base, &link, "Other", "another long password");
        for path in [
            "/events/moderated/registrations",
            "/events/moderated/registrations.csv",
            "/events/moderated/registrations/settings",
        ] {
            let (status, body) = get(&other, &site, path);
            assert_eq!(status, 403, "{b}: {path}");
            assert!(!body.contains("carol@example.org"), "{b}: {path}");
        }
        let (_, page) = get(&other, &site, "/account");
        let other_csrf = input_value(&page, "csrf").unwrap();
        for (path, fields) in [
            (
                "/events/moderated/registrations/settings".to_owned(),
                vec![("csrf", other_csrf.as_str()), ("capacity", "1")],
            ),
            (
                format!("/events/moderated/registrations/{}/moderate", ids[0]),
                vec![("csrf", other_csrf.as_str()), ("decision", "decline")],
            ),
        ] {
            let res = other.post(site.url(&path)).form(&fields).send().unwrap();
            assert_eq!(res.status().as_u16(), 403, "{b}: POST {path}");
        }
        let other_token = site.token_for("other@example.org");
        let res = client()
            .get(site.url("/api/v1/events/moderated/registrations"))
            .bearer_auth(&other_token)
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 403, "{b}");
        let res = client()
            .put(site.url("/api/v1/events/moderated/registration"))
            .bearer_auth(&other_token)
            .json(&json!({"capacity": 1}))
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 403, "{b}");
        let statuses: Vec<Value> = api_registrations(&site, &token, "moderated")
            .iter()
            .map(|r| r["status"].clone())
            .collect();
        assert_eq!(
            statuses,
            [json!("confirmed"), json!("declined")],
            "{b}: unchanged"
        );
    }
}

/// A real SMTP server (aiosmtpd) that keeps what it receives in a maildir; ended when dropped.
struct SmtpSink {
    child: Child,
    port: u16,
    maildir: tempfile::TempDir,
}

impl SmtpSink {
    /// `None` (SKIPPED) without aiosmtpd; under CI=true that is a failure.
    fn start() -> Option<SmtpSink> {
        let bin = kolo_testkit::python_tool("aiosmtpd")?;
        let port = free_port();
        let maildir = tempfile::tempdir().unwrap();
        let child = Command::new(bin)
            .args(["-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir.path().join("mail"))
            .stdout(Stdio::null())
            .spawn()
            .expect("aiosmtpd starts");
        let sink = SmtpSink {
            child,
            port,
            maildir,
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "aiosmtpd did not listen"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Some(sink)
    }

    fn received(&self) -> Vec<Mail> {
        messages_in(&self.maildir.path().join("mail/new"))
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn e_mail_goes_through_smtp_and_a_failed_send_loses_no_registration() {
    let Some(sink) = SmtpSink::start() else {
        return;
    };
    let smtp = format!("smtp://127.0.0.1:{}", sink.port);
    let from = "Kolo <events@kolo.example.org>";
    for site in sites_with(&[("KOLO_SMTP_URL", &smtp), ("KOLO_MAIL_FROM", from)]) {
        let b = site.backend;
        let token = site.admin_token(ADMIN);
        open_event(&site, &token, "smtp-forum", "offline", json!({}));
        let email = format!("frank-{b}@example.org");
        let (status, page) = register(&site, "smtp-forum", &person("Frank", &email), "en");
        assert_eq!(status, 200, "{b}: {page}");
        assert!(
            page.contains(&format!("We sent an e-mail to {email}")),
            "{b}: {page}"
        );
        let got: Vec<Mail> = sink
            .received()
            .into_iter()
            .filter(|m| m.to == email)
            .collect();
        assert_eq!(got.len(), 1, "{b}: {got:?}");
        assert_eq!(got[0].from, "events@kolo.example.org", "{b}");
        let (status, page) = get(&client(), &site, &link(&got[0].text));
        assert_eq!(status, 200, "{b}");
        assert!(page.contains("Frank"), "{b}");
        assert!(
            !site.data.path().join("outbox").exists(),
            "{b}: no outbox with SMTP"
        );
    }

    let nowhere = format!("smtp://127.0.0.1:{}", free_port());
    for site in sites_with(&[("KOLO_SMTP_URL", &nowhere)]) {
        let b = site.backend;
        let token = site.admin_token(ADMIN);
        open_event(&site, &token, "smtp-forum", "offline", json!({}));
        let (status, page) = register(
            &site,
            "smtp-forum",
            &person("Grace", "grace@example.org"),
            "en",
        );
        assert_eq!(status, 200, "{b}: {page}");
        assert!(page.contains("Your place is confirmed."), "{b}");
        assert!(page.contains("could not be sent"), "{b}: {page}");
        let list = api_registrations(&site, &token, "smtp-forum");
        assert_eq!(list.len(), 1, "{b}: the registration is kept");
    }
}

/// The rush: 200 people submit the form at the same moment for the last 10 places of
/// an event. Through the whole stack (HTTP, form, store) on each backend, exactly 10 get a
/// place and 190 wait, in the order the server took them.
#[test]
fn two_hundred_at_once_for_the_last_ten_places() {
    for site in sites() {
        let b = site.backend;
        let token = site.admin_token(ADMIN);
        let slug = "rush";
        open_event(&site, &token, slug, "offline", json!({ "capacity": 12 }));
        for i in 0..2 {
            let email = format!("early{i}@example.org");
            let (status, page) = register(&site, slug, &person("Ранний", &email), "ru");
            assert_eq!(status, 200, "{b}: {page}");
        }
        let statuses: Vec<u16> = std::thread::scope(|s| {
            let site = &site;
            let rush: Vec<_> = (0..200)
                .map(|i| {
                    s.spawn(move || {
                        let email = format!("rush{i}@example.org");
                        register(site, slug, &person("Участник", &email), "ru").0
                    })
                })
                .collect();
            rush.into_iter().map(|t| t.join().unwrap()).collect()
        });
        assert!(statuses.iter().all(|s| *s == 200), "{b}: {statuses:?}");
        let all = api_registrations(&site, &token, slug);
        let count = |status: &str| all.iter().filter(|r| r["status"] == status).count();
        assert_eq!(all.len(), 202, "{b}");
        assert_eq!(count("confirmed"), 12, "{b}: 2 early + the last 10");
        assert_eq!(count("waitlisted"), 190, "{b}");
    }
}
