//! The staff forms for events, through the real binary on each backend: a host institution's
//! editor (invited through the real flow) edits and adds events; others cannot; bad input is
//! shown again with messages; what the form does not edit is kept.

mod common;

use common::{admin_web, client, editor, form_action, input_value, location, sites};
use serde_json::{Value, json};

/// Text as a browser reads it from HTML: character references resolved.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let decoded = tail.find(';').filter(|end| *end < 12).and_then(|end| {
            let name = &tail[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok().and_then(char::from_u32),
                    None => name
                        .strip_prefix('#')
                        .and_then(|d| d.parse().ok())
                        .and_then(char::from_u32),
                },
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let from = tag.find(&marker)? + marker.len();
    Some(unescape(&tag[from..from + tag[from..].find('"')?]))
}

fn has_flag(tag: &str, flag: &str) -> bool {
    tag.split(|c: char| c.is_whitespace() || c == '>')
        .any(|w| w == flag)
}

/// What a browser submits from the form that has a field `field`: its action and its
/// successful controls (text inputs, ticked checkboxes, textareas, selected options).
fn browser_form(html: &str, field: &str) -> (String, Vec<(String, String)>) {
    let action = form_action(html, field).unwrap_or_else(|| panic!("no form with {field}"));
    let at = html.find(&format!("name=\"{field}\"")).unwrap();
    let start = html[..at].rfind("<form").unwrap();
    let form = &html[start..start + html[start..].find("</form>").unwrap()];
    let mut fields = Vec::new();
    for (i, _) in form.match_indices('<') {
        let rest = &form[i..];
        let tag = &rest[..rest.find('>').unwrap() + 1];
        let Some(name) = attr(tag, "name") else {
            continue;
        };
        if rest.starts_with("<input") {
            let kind = attr(tag, "type").unwrap_or_else(|| "text".into());
            if kind == "checkbox" || kind == "radio" {
                if has_flag(tag, "checked") {
                    fields.push((name, attr(tag, "value").unwrap_or_else(|| "on".into())));
                }
            } else {
                fields.push((name, attr(tag, "value").unwrap_or_default()));
            }
        } else if rest.starts_with("<textarea") {
            let body = &rest[tag.len()..rest.find("</textarea>").unwrap()];
            fields.push((name, unescape(body)));
        } else if rest.starts_with("<select") {
            let body = &rest[tag.len()..rest.find("</select>").unwrap()];
            let options: Vec<&str> = body
                .match_indices("<option")
                .map(|(j, _)| &body[j..j + body[j..].find('>').unwrap() + 1])
                .collect();
            let chosen = options
                .iter()
                .find(|o| has_flag(o, "selected"))
                .or(options.first());
            if let Some(o) = chosen {
                fields.push((name, attr(o, "value").unwrap_or_default()));
            }
        }
    }
    (action, fields)
}

fn set(fields: &mut Vec<(String, String)>, name: &str, value: &str) {
    fields.retain(|(k, _)| k != name);
    fields.push((name.to_owned(), value.to_owned()));
}

fn api_event(base: &str, slug: &str) -> Value {
    let res = client()
        .get(format!("{base}/api/v1/events/{slug}"))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200, "GET /api/v1/events/{slug}");
    res.json().unwrap()
}

#[test]
fn host_editors_edit_and_add_events_through_the_forms() {
    for site in sites() {
        let b = site.backend;
        let base = site.server.base_url.clone();
        let admin = admin_web(&site);

        // Every demo event survives its form saved as it is: nothing is lost or even rewritten.
        let all: Value = client()
            .get(site.url("/api/v1/events?limit=100"))
            .send()
            .unwrap()
            .json()
            .unwrap();
        let demo = all["items"].as_array().unwrap();
        assert!(demo.len() >= 7, "{b}: the demo events");
        for item in demo {
            let slug = item["slug"].as_str().unwrap();
            let before = api_event(&base, slug);
            let html = admin
                .get(site.url(&format!("/events/{slug}/edit")))
                .send()
                .unwrap()
                .text()
                .unwrap();
            let (action, fields) = browser_form(&html, "title.ru");
            let res = admin.post(site.url(&action)).form(&fields).send().unwrap();
            assert_eq!(res.status(), 303, "{b}: {slug}: {}", res.text().unwrap());
            assert_eq!(api_event(&base, slug), before, "{b}: {slug}");
        }

        let pskov = editor(&admin, &base, "pskov-regional-library", "pskov@example.org");
        let victory = editor(&admin, &base, "victory-museum", "victory@example.org");

        // A programme (from the API) that the form must leave alone.
        let programme = json!({"items": [{
            "guid": "opening", "kind": "session", "title": {"ru": "Открытие форума"},
            "starts_at": "2022-03-17T10:00:00", "duration_minutes": 30
        }]});
        let res = client()
            .put(site.url("/api/v1/events/bibliomodel-2022/programme"))
            .bearer_auth(site.token_for("pskov@example.org"))
            .json(&programme)
            .send()
            .unwrap();
        assert!(res.status().is_success(), "{b}: {}", res.text().unwrap());
        let res = client()
            .post(site.url("/api/v1/events/bibliomodel-2022/programme/versions"))
            .bearer_auth(site.token_for("pskov@example.org"))
            .json(&json!({"name": "1.0"}))
            .send()
            .unwrap();
        assert_eq!(res.status(), 201, "{b}: {}", res.text().unwrap());
        let before = api_event(&base, "bibliomodel-2022");
        assert_eq!(before["programme"][0]["guid"], "opening", "{b}");
        assert!(!before["organisers"].as_array().unwrap().is_empty(), "{b}");

        // The public page offers the form to signed-in staff; the account page the "new" one.
        let page = pskov
            .get(site.url("/events/bibliomodel-2022?lang=en"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert!(
            page.contains("href=\"/events/bibliomodel-2022/edit\""),
            "{b}"
        );
        let account = pskov
            .get(site.url("/account"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert!(
            account.contains("href=\"/admin/events/new?host=pskov-regional-library\""),
            "{b}: {account}"
        );

        // The host's editor changes the English title and the end time.
        let res = pskov
            .get(site.url("/events/bibliomodel-2022/edit?lang=en"))
            .send()
            .unwrap();
        assert_eq!(res.status(), 200, "{b}");
        let html = res.text().unwrap();
        assert!(
            html.contains("type=\"datetime-local\" value=\"2022-03-17T18:00\""),
            "{b}"
        );
        let (action, fields) = browser_form(&html, "title.en");
        assert_eq!(action, "/events/bibliomodel-2022/edit", "{b}");
        let original = fields.clone();
        let mut changed = fields.clone();
        set(
            &mut changed,
            "title.en",
            "BiblioMODEL-2022: a forum of model libraries",
        );
        set(&mut changed, "ends_at", "2022-03-17T19:30");
        let res = pskov.post(site.url(&action)).form(&changed).send().unwrap();
        assert_eq!(res.status(), 303, "{b}: {}", res.text().unwrap());
        assert_eq!(
            location(&res).as_deref(),
            Some("/events/bibliomodel-2022"),
            "{b}"
        );
        let page = client()
            .get(site.url("/events/bibliomodel-2022?lang=en"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert!(
            page.contains("BiblioMODEL-2022: a forum of model libraries")
                && page.contains("17.03.2022 10:00–19:30"),
            "{b}: the public page shows the change"
        );
        let after = api_event(&base, "bibliomodel-2022");
        assert_eq!(
            after["title"]["en"], "BiblioMODEL-2022: a forum of model libraries",
            "{b}"
        );
        assert_eq!(after["ends_at"], "2022-03-17T19:30:00", "{b}");
        // Everything else, programme and organisers included, is as it was.
        let mut expected = before.clone();
        expected["title"]["en"] = after["title"]["en"].clone();
        expected["ends_at"] = after["ends_at"].clone();
        expected["updated_at"] = after["updated_at"].clone();
        assert_eq!(after, expected, "{b}");
        assert_eq!(after["programme"], before["programme"], "{b}");
        assert_eq!(after["organisers"], before["organisers"], "{b}");

        // An editor of another institution may neither open nor post the form.
        let res = victory
            .get(site.url("/events/bibliomodel-2022/edit"))
            .send()
            .unwrap();
        assert_eq!(res.status(), 403, "{b}");
        let victory_account = victory
            .get(site.url("/account"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        let csrf = input_value(&victory_account, "csrf").unwrap();
        let mut theirs = original.clone();
        set(&mut theirs, "csrf", &csrf);
        set(&mut theirs, "title.en", "Taken over");
        let res = victory
            .post(site.url(&action))
            .form(&theirs)
            .send()
            .unwrap();
        assert_eq!(res.status(), 403, "{b}");
        let res = victory
            .get(site.url("/admin/events/new?host=pskov-regional-library"))
            .send()
            .unwrap();
        assert_eq!(res.status(), 403, "{b}: not their institution");

        // Ending before the start is refused at `ends_at`, the values kept, nothing changed.
        let mut bad = changed.clone();
        set(&mut bad, "ends_at", "2022-03-16T10:00");
        set(&mut bad, "title.en", "Not saved");
        let res = pskov
            .post(site.url(&format!("{action}?lang=en")))
            .form(&bad)
            .send()
            .unwrap();
        assert_eq!(res.status(), 422, "{b}");
        let html = res.text().unwrap();
        assert!(
            html.contains(
                "<p class=\"error-message\" id=\"err-ends_at\">The event cannot end before it starts."
            ),
            "{b}: {html}"
        );
        assert!(html.contains("value=\"Not saved\""), "{b}: values are kept");
        assert_eq!(api_event(&base, "bibliomodel-2022"), after, "{b}");

        // The editor adds an event of their library.
        let res = pskov
            .get(site.url("/admin/events/new?host=pskov-regional-library&lang=en"))
            .send()
            .unwrap();
        assert_eq!(res.status(), 200, "{b}");
        let html = res.text().unwrap();
        let (action, mut fields) = browser_form(&html, "slug");
        assert!(
            fields.contains(&("hosts".into(), "pskov-regional-library".into())),
            "{b}: the host is ticked"
        );
        assert!(
            fields.contains(&("time_zone".into(), "Europe/Moscow".into())),
            "{b}: the host's time zone"
        );
        for (k, v) in [
            ("slug", "pskov-reading-day-2026"),
            ("kind", "seminar"),
            ("title.ru", "День чтения в Псковской областной библиотеке"),
            ("title.en", "Reading Day at the Pskov Regional Library"),
            ("key_questions", "Как читают сегодня?\nЧто читают дети?"),
            ("starts_at", "2026-04-23T11:00"),
            ("ends_at", "2026-04-23T17:00"),
            ("venue.name.ru", "Псковская областная библиотека"),
            ("venue.halls[0].key", "reading-room"),
            ("venue.halls[0].name", "Читальный зал"),
            ("venue.halls[0].capacity", "40"),
            ("contacts[0].name", "Мария Иванова"),
            ("contacts[0].email", "maria@example.org"),
        ] {
            set(&mut fields, k, v);
        }
        let res = pskov.post(site.url(&action)).form(&fields).send().unwrap();
        assert_eq!(res.status(), 303, "{b}: {}", res.text().unwrap());
        assert_eq!(
            location(&res).as_deref(),
            Some("/events/pskov-reading-day-2026"),
            "{b}"
        );
        let made = api_event(&base, "pskov-reading-day-2026");
        assert_eq!(made["hosts"], json!(["pskov-regional-library"]), "{b}");
        assert_eq!(made["kind"], "seminar", "{b}");
        assert_eq!(made["original_lang"], "ru", "{b}: the host's language");
        assert_eq!(made["starts_at"], "2026-04-23T11:00:00", "{b}");
        assert_eq!(
            made["key_questions"][1],
            json!({"ru": "Что читают дети?"}),
            "{b}"
        );
        assert_eq!(made["venue"]["halls"][0]["capacity"], 40, "{b}");
        assert_eq!(made["contacts"][0]["email"], "maria@example.org", "{b}");
        // The same address again is taken, not overwritten.
        let res = pskov.post(site.url(&action)).form(&fields).send().unwrap();
        assert_eq!(res.status(), 422, "{b}");
        assert!(res.text().unwrap().contains("id=\"err-slug\""), "{b}");
    }
}

#[test]
fn host_editors_publish_programmes_and_write_documents_through_the_forms() {
    for site in sites() {
        let b = site.backend;
        let base = site.server.base_url.clone();
        let admin = admin_web(&site);
        let pskov = editor(&admin, &base, "pskov-regional-library", "pskov@example.org");
        let token = site.token_for("pskov@example.org");
        let draft = json!({"items": [{
            "guid": "opening", "kind": "session", "title": {"ru": "Открытие форума"},
            "starts_at": "2022-03-17T10:00:00", "duration_minutes": 30
        }]});
        let res = client()
            .put(site.url("/api/v1/events/bibliomodel-2022/programme"))
            .bearer_auth(&token)
            .json(&draft)
            .send()
            .unwrap();
        assert_eq!(res.status(), 200, "{b}");

        // The staff page shows the draft and offers to publish it, as version 1 by default.
        let res = pskov
            .get(site.url("/events/bibliomodel-2022/programme/edit?lang=en"))
            .send()
            .unwrap();
        assert_eq!(res.status(), 200, "{b}");
        let html = res.text().unwrap();
        assert!(
            html.contains("Открытие форума")
                && html.contains("The draft differs from the latest published version."),
            "{b}"
        );
        let (action, mut fields) = browser_form(&html, "name");
        assert_eq!(action, "/events/bibliomodel-2022/programme/publish", "{b}");
        assert!(
            fields.contains(&("name".into(), "1".into())),
            "{b}: {fields:?}"
        );
        set(&mut fields, "name", "1.0");
        let res = pskov.post(site.url(&action)).form(&fields).send().unwrap();
        assert_eq!(res.status(), 303, "{b}: {}", res.text().unwrap());
        assert_eq!(
            location(&res).as_deref(),
            Some("/events/bibliomodel-2022/programme/edit"),
            "{b}"
        );
        assert_eq!(
            api_event(&base, "bibliomodel-2022")["programme"][0]["guid"],
            "opening",
            "{b}: published"
        );
        let html = pskov
            .get(site.url("/events/bibliomodel-2022/programme/edit?lang=en"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert!(
            html.contains("The draft is published as it is.")
                && html.contains("Version 1.0 of")
                && !html.contains("name=\"name\""),
            "{b}"
        );
        set(&mut fields, "name", "1.1");
        let res = pskov
            .post(site.url(&format!("{action}?lang=en")))
            .form(&fields)
            .send()
            .unwrap();
        assert_eq!(res.status(), 422, "{b}");
        assert!(
            res.text()
                .unwrap()
                .contains("The draft is the same as the latest published version."),
            "{b}"
        );

        // The demo resolution's form, saved as it is, changes nothing.
        let api_doc = || -> Value {
            client()
                .get(site.url("/api/v1/events/bibliomodel-2022/documents/resolution"))
                .send()
                .unwrap()
                .json()
                .unwrap()
        };
        let before = api_doc();
        let res = pskov
            .get(site.url("/events/bibliomodel-2022/documents/resolution/edit?lang=en"))
            .send()
            .unwrap();
        assert_eq!(res.status(), 200, "{b}");
        let (action, fields) = browser_form(&res.text().unwrap(), "title.ru");
        assert_eq!(
            action, "/events/bibliomodel-2022/documents/resolution/edit",
            "{b}"
        );
        let res = pskov.post(site.url(&action)).form(&fields).send().unwrap();
        assert_eq!(res.status(), 303, "{b}: {}", res.text().unwrap());
        assert_eq!(
            location(&res).as_deref(),
            Some("/events/bibliomodel-2022/documents/resolution"),
            "{b}"
        );
        assert_eq!(api_doc(), before, "{b}: not even a new revision");

        // Adopted: final, one recommendation reworded, the last one removed.
        let mut adopted = fields.clone();
        set(&mut adopted, "status", "final");
        set(
            &mut adopted,
            "recommendations[0].text.en",
            "to give priority to modernising children's libraries",
        );
        for tag in ["uk", "ru", "kk-Cyrl", "kk-Latn", "en"] {
            set(
                &mut adopted,
                &format!("recommendations[7].addressee.{tag}"),
                "",
            );
            set(&mut adopted, &format!("recommendations[7].text.{tag}"), "");
        }
        let res = pskov.post(site.url(&action)).form(&adopted).send().unwrap();
        assert_eq!(res.status(), 303, "{b}: {}", res.text().unwrap());
        let after = api_doc();
        assert_eq!(after["status"], "final", "{b}");
        assert_eq!(after["recommendations"].as_array().unwrap().len(), 7, "{b}");
        assert_eq!(
            after["recommendations"][0]["text"]["en"],
            "to give priority to modernising children's libraries",
            "{b}"
        );
        assert_eq!(
            after["recommendations"][0]["text"]["ru"], before["recommendations"][0]["text"]["ru"],
            "{b}: the other languages are kept"
        );
        assert_eq!(after["revisions"].as_array().unwrap().len(), 2, "{b}");
        // Back to draft is refused at the status, the values kept.
        let mut back = adopted.clone();
        set(&mut back, "status", "draft");
        let res = pskov
            .post(site.url(&format!("{action}?lang=en")))
            .form(&back)
            .send()
            .unwrap();
        assert_eq!(res.status(), 422, "{b}");
        assert!(
            res.text().unwrap().contains(
                "<p class=\"error-message\" id=\"err-status\">A final document cannot become a draft again."
            ),
            "{b}"
        );
        assert_eq!(api_doc(), after, "{b}");

        // A new document: a report, which may not carry recommendations.
        let res = pskov
            .get(site.url("/events/bibliomodel-2022/new-document?lang=en"))
            .send()
            .unwrap();
        assert_eq!(res.status(), 200, "{b}");
        let (action, mut fields) = browser_form(&res.text().unwrap(), "key");
        assert_eq!(action, "/events/bibliomodel-2022/new-document", "{b}");
        for (k, v) in [
            ("key", "report"),
            ("kind", "report"),
            ("title.en", "Report on the forum"),
            ("adopted_on", "2022-03-25"),
            ("recommendations[0].addressee.en", "Libraries"),
            ("recommendations[0].text.en", "Read more"),
        ] {
            set(&mut fields, k, v);
        }
        let res = pskov
            .post(site.url(&format!("{action}?lang=en")))
            .form(&fields)
            .send()
            .unwrap();
        assert_eq!(res.status(), 422, "{b}");
        assert!(
            res.text()
                .unwrap()
                .contains("Only resolutions have recommendations."),
            "{b}"
        );
        set(&mut fields, "recommendations[0].addressee.en", "");
        set(&mut fields, "recommendations[0].text.en", "");
        let res = pskov.post(site.url(&action)).form(&fields).send().unwrap();
        assert_eq!(res.status(), 303, "{b}: {}", res.text().unwrap());
        assert_eq!(
            location(&res).as_deref(),
            Some("/events/bibliomodel-2022/documents/report"),
            "{b}"
        );
        let res = pskov.post(site.url(&action)).form(&fields).send().unwrap();
        assert_eq!(res.status(), 422, "{b}: the key is taken, not overwritten");
        assert!(res.text().unwrap().contains("id=\"err-key\""), "{b}");
        let page = client()
            .get(site.url("/events/bibliomodel-2022?lang=en"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert!(
            page.contains("Report on the forum") && page.contains("25.03.2022"),
            "{b}: the event lists the new document"
        );
    }
}

/// The `<ol class="draft">` of the staff programme page: the draft's items, their links and
/// forms.
fn draft_list(html: &str) -> &str {
    let Some(start) = html.find("<ol class=\"draft\">") else {
        return "";
    };
    &html[start..start + html[start..].find("</ol>").unwrap()]
}

/// The address in the draft list that follows the item titled `title` and ends in `action`.
fn item_link(html: &str, title: &str, action: &str) -> String {
    let list = draft_list(html);
    let at = list
        .find(title)
        .unwrap_or_else(|| panic!("no {title} in {list}"));
    let rest = &list[at..];
    let end = rest
        .find(&format!("/{action}\""))
        .unwrap_or_else(|| panic!("no {action} link after {title}"));
    let start = rest[..end].rfind('"').unwrap() + 1;
    format!("{}/{action}", &rest[start..end])
}

#[test]
fn host_editors_build_a_programme_item_by_item_through_the_forms() {
    const SLUG: &str = "ryazan-forum-central-libraries-2024";
    const RESTORATION: &str = "/events/ryazan-forum-central-libraries-2024/programme/items/acdea1cb-b43a-4800-8b2f-0a6f0fe9004c";
    const TOURS: &str = "Tours of new-generation libraries in Ryazan and the region";
    for site in sites() {
        let b = site.backend;
        let admin = admin_web(&site);
        let base = site.server.base_url.clone();
        let ryazan = editor(
            &admin,
            &base,
            "ryazan-regional-library",
            "ryazan@example.org",
        );
        let victory = editor(&admin, &base, "victory-museum", "victory@example.org");
        let staff_page = || -> String {
            let res = ryazan
                .get(site.url(&format!("/events/{SLUG}/programme/edit?lang=en")))
                .send()
                .unwrap();
            assert_eq!(res.status(), 200, "{b}");
            res.text().unwrap()
        };
        let public_page = || -> String {
            client()
                .get(site.url(&format!("/events/{SLUG}?lang=en")))
                .send()
                .unwrap()
                .text()
                .unwrap()
        };

        // The published demo programme; the staff page offers to add an item.
        let html = staff_page();
        assert!(
            html.contains("The draft is published as it is.") && !html.contains("overlaps"),
            "{b}"
        );
        assert!(
            html.contains(&format!("href=\"/events/{SLUG}/programme/items/new\"")),
            "{b}"
        );
        assert!(
            html.contains(&format!("href=\"{RESTORATION}/edit\"")),
            "{b}"
        );

        // A new item, with a person and a material.
        let res = ryazan
            .get(site.url(&format!("/events/{SLUG}/programme/items/new?lang=en")))
            .send()
            .unwrap();
        assert_eq!(res.status(), 200, "{b}");
        let form = res.text().unwrap();
        assert!(
            form.contains("<option value=\"multimedia-hall\">Multimedia Hall</option>")
                && form.contains("<option value=\"talk\">Talk</option>")
                && form.contains("Europe/Moscow"),
            "{b}: halls, kinds and the event's zone"
        );
        let (action, mut new_item) = browser_form(&form, "title.ru");
        assert_eq!(action, format!("/events/{SLUG}/programme/items/new"), "{b}");
        for (k, v) in [
            ("kind", "talk"),
            ("title.ru", "Презентация новых книг"),
            ("title.en", "Presenting new books"),
            ("starts_at", "2024-04-18T16:30"),
            ("duration_minutes", "60"),
            ("hall", "multimedia-hall"),
            ("language", "ru"),
            ("persons[0].name", "Анна Петрова"),
            ("persons[0].role", "moderator"),
            ("persons[0].affiliation", "Рязанская областная библиотека"),
            ("broadcast_url", "https://example.org/live"),
            ("materials[0].label", "Список книг"),
            ("materials[0].url", "https://example.org/books.pdf"),
        ] {
            set(&mut new_item, k, v);
        }

        // Bad input is refused at its field, and nothing is written.
        let before = staff_page();
        for (field, bad, id, message) in [
            (
                "starts_at",
                "2024-04-20T10:00",
                "starts_at",
                "This is not on one of the event's days.",
            ),
            (
                "starts_at",
                "2024-04-18T23:30",
                "duration_minutes",
                "With this duration the item ends after the event's last day.",
            ),
            (
                "duration_minutes",
                "an hour",
                "duration_minutes",
                "Give a whole number",
            ),
            ("title.ru", "", "title", "This field is required."),
            (
                "broadcast_url",
                "example.org/live",
                "broadcast_url",
                "Give a full web address",
            ),
            (
                "materials[0].url",
                "ftp://example.org/books.pdf",
                "materials[0].url",
                "Give a full web address",
            ),
            ("hall", "garden", "hall", "The event has no such hall."),
        ] {
            let mut fields = new_item.clone();
            set(&mut fields, field, bad);
            if field == "title.ru" {
                set(&mut fields, "title.en", "");
            }
            let res = ryazan
                .post(site.url(&format!("{action}?lang=en")))
                .form(&fields)
                .send()
                .unwrap();
            assert_eq!(res.status(), 422, "{b}: {field}={bad}");
            let html = unescape(&res.text().unwrap());
            let shown = format!("<p class=\"error-message\" id=\"err-{id}\">{message}");
            assert!(html.contains(&shown), "{b}: {field}={bad}: {html}");
            assert!(
                html.contains("value=\"Анна Петрова\""),
                "{b}: values are kept"
            );
        }
        assert_eq!(
            draft_list(&staff_page()),
            draft_list(&before),
            "{b}: nothing changed"
        );
        // Without the form's CSRF token: refused.
        let mut no_token = new_item.clone();
        no_token.retain(|(k, _)| k != "csrf");
        let res = ryazan
            .post(site.url(&action))
            .form(&no_token)
            .send()
            .unwrap();
        assert_eq!(res.status(), 403, "{b}");

        let res = ryazan
            .post(site.url(&action))
            .form(&new_item)
            .send()
            .unwrap();
        assert_eq!(res.status(), 303, "{b}: {}", res.text().unwrap());
        assert_eq!(
            location(&res).as_deref(),
            Some(&*format!("/events/{SLUG}/programme/edit")),
            "{b}"
        );
        let html = staff_page();
        assert!(
            html.contains("Presenting new books")
                && html.contains("The draft differs from the latest published version."),
            "{b}"
        );
        // Its guid is made once: its edit form keeps it.
        let new_edit = item_link(&html, "Presenting new books", "edit");
        let res = ryazan
            .get(site.url(&format!("{new_edit}?lang=en")))
            .send()
            .unwrap();
        assert_eq!(res.status(), 200, "{b}");
        let (new_action, fields) = browser_form(&res.text().unwrap(), "title.ru");
        assert_eq!(new_action, new_edit, "{b}");
        for (k, v) in [
            ("persons[0].role", "moderator"),
            ("persons[0].affiliation", "Рязанская областная библиотека"),
            ("materials[0].url", "https://example.org/books.pdf"),
            ("starts_at", "2024-04-18T16:30"),
        ] {
            assert!(
                fields.contains(&(k.into(), v.into())),
                "{b}: {k} in {fields:?}"
            );
        }
        let res = ryazan
            .post(site.url(&new_action))
            .form(&fields)
            .send()
            .unwrap();
        assert_eq!(res.status(), 303, "{b}: saved as it is");
        assert_eq!(
            item_link(&staff_page(), "Presenting new books", "edit"),
            new_edit,
            "{b}: the same guid"
        );

        // An item moves to another hall and time, into one that is taken then: saved, with a
        // warning; its English title changes, the other languages are kept.
        let res = ryazan
            .get(site.url(&format!("{RESTORATION}/edit?lang=en")))
            .send()
            .unwrap();
        assert_eq!(res.status(), 200, "{b}");
        let (edit_action, mut moved) = browser_form(&res.text().unwrap(), "title.ru");
        assert_eq!(edit_action, format!("{RESTORATION}/edit"), "{b}");
        assert!(
            moved.contains(&("starts_at".into(), "2024-04-18T14:00".into()))
                && moved.contains(&("duration_minutes".into(), "120".into()))
                && moved.contains(&("hall".into(), String::new())),
            "{b}: {moved:?}"
        );
        let mut outside = moved.clone();
        set(&mut outside, "starts_at", "2024-04-16T12:00");
        let res = ryazan
            .post(site.url(&format!("{edit_action}?lang=en")))
            .form(&outside)
            .send()
            .unwrap();
        assert_eq!(res.status(), 422, "{b}");
        assert!(res.text().unwrap().contains("id=\"err-starts_at\""), "{b}");
        set(&mut moved, "starts_at", "2024-04-18T12:00");
        set(&mut moved, "hall", "gorky-hall");
        set(&mut moved, "title.en", "Tour of the restoration centre");
        let res = ryazan
            .post(site.url(&edit_action))
            .form(&moved)
            .send()
            .unwrap();
        assert_eq!(res.status(), 303, "{b}: {}", res.text().unwrap());
        let html = staff_page();
        assert!(
            html.contains("overlaps “Tour of the restoration centre”."),
            "{b}: the overlap is shown: {html}"
        );

        // Another item is removed, by a form with the CSRF token.
        let remove = item_link(&html, TOURS, "delete");
        let res = ryazan
            .post(site.url(&remove))
            .form(&[("csrf", "")])
            .send()
            .unwrap();
        assert_eq!(res.status(), 403, "{b}: no token");
        assert!(
            html.contains(&format!("<form method=\"post\" action=\"{remove}\"")),
            "{b}: a form, not a link"
        );
        let csrf = input_value(&html, "csrf").unwrap();
        let res = ryazan
            .post(site.url(&remove))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .unwrap();
        assert_eq!(res.status(), 303, "{b}: {}", res.text().unwrap());
        let html = staff_page();
        let draft = draft_list(&html);
        assert!(
            draft.contains("Presenting new books")
                && draft.contains("Tour of the restoration centre")
                && !draft.contains(TOURS),
            "{b}: {draft}"
        );

        // The public still sees version 1.0 until the editor publishes.
        let page = public_page();
        assert!(
            page.contains(TOURS) && !page.contains("Presenting new books"),
            "{b}"
        );
        let (publish, mut fields) = browser_form(&html, "name");
        assert_eq!(publish, format!("/events/{SLUG}/programme/publish"), "{b}");
        set(&mut fields, "name", "2.0");
        let res = ryazan
            .post(site.url(&publish))
            .form(&fields)
            .send()
            .unwrap();
        assert_eq!(res.status(), 303, "{b}: {}", res.text().unwrap());
        let page = public_page();
        assert!(
            !page.contains(TOURS)
                && page.contains("Presenting new books")
                && page.contains("Tour of the restoration centre"),
            "{b}"
        );
        let api = api_event(&base, SLUG);
        let items = api["programme"].as_array().unwrap();
        let restoration = items
            .iter()
            .find(|i| i["guid"] == "acdea1cb-b43a-4800-8b2f-0a6f0fe9004c")
            .unwrap();
        assert_eq!(restoration["hall"], "gorky-hall", "{b}");
        assert_eq!(restoration["starts_at"], "2024-04-18T12:00:00", "{b}");
        assert_eq!(
            restoration["title"]["ru"],
            "Экскурсия в Региональный центр консервации и реставрации библиотечных фондов Рязанской области",
            "{b}: the other languages are kept"
        );
        let added = items
            .iter()
            .find(|i| i["title"]["en"] == "Presenting new books")
            .unwrap();
        assert_eq!(added["kind"], "talk", "{b}");
        assert_eq!(
            added["persons"],
            json!([{"name": {"ru": "Анна Петрова"}, "role": "moderator",
                    "affiliation": {"ru": "Рязанская областная библиотека"}}]),
            "{b}"
        );
        assert_eq!(
            added["materials"][0]["url"], "https://example.org/books.pdf",
            "{b}"
        );
        let log = client()
            .get(site.url(&format!("/events/{SLUG}/programme/changes?lang=en")))
            .send()
            .unwrap()
            .text()
            .unwrap();
        let (newer, older) = (
            log.find("Version 2.0 of").unwrap(),
            log.find("Version 1.0 of").unwrap(),
        );
        let v2 = &log[newer..older];
        let (added, changed, removed) = (
            v2.find("Added").unwrap(),
            v2.find("Changed").unwrap(),
            v2.find("Removed").unwrap(),
        );
        assert!(
            v2[added..changed].contains("Presenting new books"),
            "{b}: {v2}"
        );
        assert!(
            v2[changed..removed].contains("Tour of the restoration centre</span>: "),
            "{b}: {v2}"
        );
        assert!(v2[removed..].contains(TOURS), "{b}: {v2}");

        // An editor of another institution may neither open nor post any of the forms.
        let theirs = victory
            .get(site.url("/account"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        let csrf = input_value(&theirs, "csrf").unwrap();
        let mut taken = new_item.clone();
        set(&mut taken, "csrf", &csrf);
        let new_path = format!("/events/{SLUG}/programme/items/new");
        for path in [&new_path, &format!("{RESTORATION}/edit")] {
            let res = victory.get(site.url(path)).send().unwrap();
            assert_eq!(res.status(), 403, "{b}: GET {path}");
        }
        for path in [
            new_path,
            format!("{RESTORATION}/edit"),
            format!("{RESTORATION}/delete"),
        ] {
            let res = victory.post(site.url(&path)).form(&taken).send().unwrap();
            assert_eq!(res.status(), 403, "{b}: POST {path}");
        }
        assert_eq!(draft_list(&staff_page()), draft, "{b}: nothing changed");
        // An item the draft does not have.
        let res = ryazan
            .get(site.url(&format!("/events/{SLUG}/programme/items/no-such-item/edit")))
            .send()
            .unwrap();
        assert_eq!(res.status(), 404, "{b}");
    }
}
