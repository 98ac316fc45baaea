//! The OAI-PMH provider at `/oai` against the running binary on each backend: every verb and
//! error validated against the OAI-PMH schema (records against LIDO 1.1 and `oai_dc`),
//! resumption tokens over pages and across a restart, and a whole harvest by Sickle that finds
//! exactly what the store publishes, then only what changed since.

mod common;

use common::{Site, client, sites_with};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Small pages, so a few dozen records take several.
const PAGE_SIZE: usize = 7;

/// A site whose repository has a harvestable adminEmail and small pages.
fn oai_sites() -> Vec<Site> {
    let page = PAGE_SIZE.to_string();
    sites_with(&[
        ("KOLO_MAIL_FROM", "Kolo <kolo@example.org>"),
        ("KOLO_OAI_PAGE_SIZE", &page),
    ])
}

fn standard(rel: &str) -> PathBuf {
    kolo_testkit::shared_file(&format!("standards/{rel}")).unwrap()
}

fn oai(site: &Site, args: &[(&str, &str)]) -> String {
    let res = client().get(site.url("/oai")).query(args).send().unwrap();
    assert_eq!(res.status().as_u16(), 200, "{}: {args:?}", site.backend);
    let kind = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(kind.starts_with("text/xml"), "{}: {kind}", site.backend);
    res.text().unwrap()
}

/// The content of the first `<{name}>` or `<{name} ...>` element in `xml` ("" if empty).
fn element<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let start = [format!("<{name}>"), format!("<{name} ")]
        .iter()
        .filter_map(|open| xml.find(open.as_str()))
        .min()?;
    let open_end = start + xml[start..].find('>')? + 1;
    if xml[..open_end].ends_with("/>") {
        return Some("");
    }
    let end = open_end + xml[open_end..].find(&format!("</{name}>"))?;
    Some(&xml[open_end..end])
}

/// Every header's `<identifier>` in a response, in order.
fn identifiers(xml: &str) -> Vec<&str> {
    xml.split("<header")
        .skip(1)
        .filter_map(|part| element(part, "identifier"))
        .collect()
}

fn error_code(xml: &str) -> Option<&str> {
    let at = xml.find("<error code=\"")? + 13;
    Some(&xml[at..at + xml[at..].find('"')?])
}

/// The token of a list page: `None` when there is none or it is the empty one of a last page.
fn next_token(xml: &str) -> Option<&str> {
    element(xml, "resumptionToken").filter(|t| !t.is_empty())
}

/// One record as Sickle harvested it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Harvested {
    identifier: String,
    datestamp: String,
    /// The metadata's root element as `{namespace}name`; `None` for a deleted record.
    metadata: Option<String>,
}

/// Runs `oai_harvest.py` (Sickle): ListRecords in `prefix` within `bounds` (from, until).
fn sickle(base: &str, prefix: &str, bounds: &[&str]) -> Vec<Harvested> {
    let python = kolo_testkit::python_tool("python").expect("python in .venv (CI=true)");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oai_harvest.py");
    let out = Command::new(python)
        .arg(script)
        .arg(base)
        .arg(prefix)
        .args(bounds)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "oai_harvest.py: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let mut parts = line.split(' ');
            let mut next = || parts.next().unwrap().to_owned();
            let (identifier, datestamp, root) = (next(), next(), next());
            Harvested {
                identifier,
                datestamp,
                metadata: (root != "deleted").then_some(root),
            }
        })
        .collect()
}

fn object(inventory: &str, state: &str) -> Value {
    json!({
        "institution": "novopskov-museum",
        "inventory_number": inventory,
        "title": {"uk": format!("Предмет {inventory}"), "en": format!("Object {inventory}")},
        "rights": "https://creativecommons.org/licenses/by-sa/4.0/",
        "state": state,
    })
}

fn send(site: &Site, method: reqwest::Method, path: &str, token: &str, body: Option<&Value>) {
    let mut req = client().request(method, site.url(path)).bearer_auth(token);
    if let Some(b) = body {
        req = req.json(b);
    }
    let res = req.send().unwrap();
    let status = res.status().as_u16();
    assert!(
        status < 300,
        "{}: {path}: {status}: {}",
        site.backend,
        res.text().unwrap()
    );
}

/// Creates `count` objects named `{prefix}-{i}` in `state` (every other one in the demo's
/// ethnography collection) and returns their ids.
fn create(site: &Site, admin: &str, prefix: &str, count: usize, state: &str) -> Vec<i64> {
    (0..count)
        .map(|i| {
            let mut body = object(&format!("{prefix}-{i}"), state);
            if i % 2 == 0 {
                body["collection"] = json!("ethnography");
            }
            let res = client()
                .post(site.url("/api/v1/objects"))
                .bearer_auth(admin)
                .json(&body)
                .send()
                .unwrap();
            assert_eq!(res.status().as_u16(), 201, "{}", site.backend);
            res.json::<Value>().unwrap()["id"].as_i64().unwrap()
        })
        .collect()
}

/// Every published object as the JSON API lists them (all its pages).
fn published(site: &Site) -> BTreeSet<i64> {
    let mut ids = BTreeSet::new();
    let mut next = Some(site.url("/api/v1/objects?limit=10"));
    while let Some(url) = next {
        let page: Value = client().get(url).send().unwrap().json().unwrap();
        ids.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["id"].as_i64().unwrap()),
        );
        next = page["next"].as_str().map(str::to_owned);
    }
    ids
}

fn identifier(id: i64) -> String {
    format!("oai:127.0.0.1:object:{id}")
}

fn validate(responses: &[String]) {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = responses
        .iter()
        .enumerate()
        .map(|(i, xml)| {
            let path = dir.path().join(format!("{i}.xml"));
            std::fs::write(&path, xml).unwrap();
            path
        })
        .collect();
    kolo_testkit::schema_validate(
        &standard("oai-pmh/OAI-PMH.xsd"),
        &[
            standard("lido/lido-v1.1.xsd"),
            standard("oai-pmh/oai_dc.xsd"),
        ],
        &files,
    );
}

#[test]
fn every_verb_and_error_answers_valid_oai_pmh_and_tokens_outlive_a_restart() {
    for mut site in oai_sites() {
        let b = site.backend;
        let admin = site.admin_token("root@example.org");
        let ids = create(&site, &admin, "OAI", 2 * PAGE_SIZE, "published");
        let drafts = create(&site, &admin, "OAI-D", 2, "draft");
        // One deleted, one taken back to draft: both are gone for harvesters.
        let (deleted, unpublished, kept) = (ids[0], ids[1], ids[4]);
        let del = reqwest::Method::DELETE;
        send(
            &site,
            del,
            &format!("/api/v1/objects/{deleted}"),
            &admin,
            None,
        );
        let draft = object("OAI-1", "draft");
        let path = format!("/api/v1/objects/{unpublished}");
        send(&site, reqwest::Method::PUT, &path, &admin, Some(&draft));

        let record = identifier(kept);
        let gone = identifier(deleted);
        let hidden = identifier(unpublished);
        let draft = identifier(drafts[0]);
        let first = oai(
            &site,
            &[("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc")],
        );
        assert_eq!(error_code(&first), None, "{b}: {first}");
        assert_eq!(identifiers(&first).len(), PAGE_SIZE, "{b}: {first}");
        let token = next_token(&first)
            .expect("a token on a first page")
            .to_owned();
        // The payload changed under the same signature.
        let mut tampered = token.clone().into_bytes();
        tampered[3] = if tampered[3] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap();
        let collection = "institution:novopskov-museum:collection:ethnography";
        let mut responses = vec![first.clone()];
        for (args, error) in [
            (vec![("verb", "Identify")], None),
            (vec![("verb", "ListMetadataFormats")], None),
            (
                vec![("verb", "ListMetadataFormats"), ("identifier", &record)],
                None,
            ),
            (vec![("verb", "ListSets")], None),
            (
                vec![
                    ("verb", "GetRecord"),
                    ("identifier", &record),
                    ("metadataPrefix", "lido"),
                ],
                None,
            ),
            (
                vec![
                    ("verb", "GetRecord"),
                    ("identifier", &record),
                    ("metadataPrefix", "oai_dc"),
                ],
                None,
            ),
            (
                vec![
                    ("verb", "GetRecord"),
                    ("identifier", &gone),
                    ("metadataPrefix", "lido"),
                ],
                None,
            ),
            (
                vec![
                    ("verb", "GetRecord"),
                    ("identifier", &hidden),
                    ("metadataPrefix", "oai_dc"),
                ],
                None,
            ),
            (
                vec![
                    ("verb", "ListRecords"),
                    ("metadataPrefix", "lido"),
                    ("set", "institution:novopskov-museum"),
                ],
                None,
            ),
            (
                vec![
                    ("verb", "ListRecords"),
                    ("metadataPrefix", "oai_dc"),
                    ("set", collection),
                ],
                None,
            ),
            (
                vec![("verb", "ListIdentifiers"), ("resumptionToken", &token)],
                None,
            ),
            (vec![("verb", "Nonsense")], Some("badVerb")),
            (vec![], Some("badVerb")),
            (
                vec![("verb", "GetRecord"), ("identifier", &record)],
                Some("badArgument"),
            ),
            (
                vec![("verb", "Identify"), ("identifier", &record)],
                Some("badArgument"),
            ),
            (
                vec![
                    ("verb", "ListRecords"),
                    ("metadataPrefix", "lido"),
                    ("from", "2020-01-01"),
                    ("until", "2030-01-01T00:00:00Z"),
                ],
                Some("badArgument"),
            ),
            (
                vec![
                    ("verb", "ListIdentifiers"),
                    ("resumptionToken", &token),
                    ("metadataPrefix", "oai_dc"),
                ],
                Some("badArgument"),
            ),
            (
                vec![
                    ("verb", "GetRecord"),
                    ("identifier", &record),
                    ("metadataPrefix", "marc21"),
                ],
                Some("cannotDisseminateFormat"),
            ),
            (
                vec![("verb", "ListRecords"), ("metadataPrefix", "marc21")],
                Some("cannotDisseminateFormat"),
            ),
            (
                vec![
                    ("verb", "GetRecord"),
                    ("identifier", "oai:elsewhere:object:1"),
                    ("metadataPrefix", "lido"),
                ],
                Some("idDoesNotExist"),
            ),
            (
                vec![
                    ("verb", "GetRecord"),
                    ("identifier", &draft),
                    ("metadataPrefix", "lido"),
                ],
                Some("idDoesNotExist"),
            ),
            (
                vec![("verb", "ListMetadataFormats"), ("identifier", &draft)],
                Some("idDoesNotExist"),
            ),
            (
                vec![("verb", "ListRecords"), ("resumptionToken", "forged.token")],
                Some("badResumptionToken"),
            ),
            (
                vec![("verb", "ListIdentifiers"), ("resumptionToken", &tampered)],
                Some("badResumptionToken"),
            ),
            // A ListIdentifiers token is not one for ListRecords.
            (
                vec![("verb", "ListRecords"), ("resumptionToken", &token)],
                Some("badResumptionToken"),
            ),
            (
                vec![
                    ("verb", "ListRecords"),
                    ("metadataPrefix", "lido"),
                    ("set", "institution:no-such-museum"),
                ],
                Some("noRecordsMatch"),
            ),
            (
                vec![
                    ("verb", "ListRecords"),
                    ("metadataPrefix", "lido"),
                    ("until", "1990-01-01"),
                ],
                Some("noRecordsMatch"),
            ),
        ] {
            let xml = oai(&site, &args);
            assert_eq!(error_code(&xml), error, "{b}: {args:?}: {xml}");
            responses.push(xml);
        }
        let [
            _,
            identify,
            _,
            formats,
            sets,
            lido,
            dc,
            gone_lido,
            hidden_dc,
            museum,
            in_collection,
            second,
            ..,
        ] = &responses[..]
        else {
            unreachable!()
        };
        assert!(
            identify.contains("<adminEmail>kolo@example.org</adminEmail>"),
            "{b}: {identify}"
        );
        assert!(
            identify.contains("<deletedRecord>persistent</deletedRecord>"),
            "{b}"
        );
        assert!(
            identify.contains(&format!("<baseURL>{}</baseURL>", site.url("/oai"))),
            "{b}"
        );
        for prefix in ["oai_dc", "lido"] {
            let tag = format!("<metadataPrefix>{prefix}</metadataPrefix>");
            assert!(formats.contains(&tag), "{b}: {formats}");
        }
        assert!(
            sets.contains("<setSpec>institution:novopskov-museum</setSpec>"),
            "{b}: {sets}"
        );
        assert!(
            sets.contains(&format!("<setSpec>{collection}</setSpec>")),
            "{b}: {sets}"
        );
        let page = site.url(&format!("/objects/{kept}"));
        assert!(
            lido.contains("<lido:lido") && lido.contains(&page),
            "{b}: {lido}"
        );
        assert!(
            dc.contains("<oai_dc:dc") && dc.contains("Object OAI-4"),
            "{b}: {dc}"
        );
        for xml in [gone_lido, hidden_dc] {
            assert!(xml.contains("<header status=\"deleted\">"), "{b}: {xml}");
            assert!(!xml.contains("<metadata>"), "{b}: {xml}");
        }
        assert_eq!(identifiers(museum).len(), PAGE_SIZE, "{b}: {museum}");
        let in_collection_ids: BTreeSet<&str> = identifiers(in_collection).into_iter().collect();
        assert!(
            in_collection_ids.contains(record.as_str()),
            "{b}: {in_collection}"
        );
        assert!(
            !in_collection_ids.contains(identifier(ids[5]).as_str()),
            "{b}: {in_collection}"
        );
        let second_ids: Vec<String> = identifiers(second).into_iter().map(str::to_owned).collect();
        assert_eq!(second_ids.len(), PAGE_SIZE, "{b}: {second}");
        assert!(
            identifiers(&first)
                .iter()
                .all(|id| !second_ids.iter().any(|s| s == id)),
            "{b}: the second page repeats the first"
        );
        assert!(
            second.contains(&format!("cursor=\"{PAGE_SIZE}\"")),
            "{b}: {second}"
        );

        // An object in a collection below another is in both sets.
        let costume = json!({"institution": "novopskov-museum", "key": "costume",
                             "parent": "ethnography", "title": {"en": "Costume"}});
        let path = "/api/v1/institutions/novopskov-museum/collections/costume";
        send(&site, reqwest::Method::PUT, path, &admin, Some(&costume));
        let mut body = object("OAI-6", "published");
        body["collection"] = json!("costume");
        let path = format!("/api/v1/objects/{}", ids[6]);
        send(&site, reqwest::Method::PUT, &path, &admin, Some(&body));
        let nested = oai(
            &site,
            &[
                ("verb", "ListIdentifiers"),
                ("metadataPrefix", "lido"),
                ("set", "institution:novopskov-museum:collection:costume"),
            ],
        );
        assert_eq!(identifiers(&nested), [identifier(ids[6])], "{b}: {nested}");
        for set in ["", ":collection:ethnography", ":collection:costume"] {
            let spec = format!("<setSpec>institution:novopskov-museum{set}</setSpec>");
            assert!(nested.contains(&spec), "{b}: {nested}");
        }

        // The POST form answers as GET does.
        let args = [
            ("verb", "GetRecord"),
            ("identifier", record.as_str()),
            ("metadataPrefix", "oai_dc"),
        ];
        let posted = client().post(site.url("/oai")).form(&args).send().unwrap();
        let posted = posted.text().unwrap();
        assert_eq!(element(&posted, "metadata"), element(dc, "metadata"), "{b}");

        // Following tokens to the end: every listed record once, the last page's token empty.
        let mut pages = vec![first.clone()];
        while let Some(t) = next_token(pages.last().unwrap()) {
            let t = t.to_owned();
            pages.push(oai(
                &site,
                &[("verb", "ListIdentifiers"), ("resumptionToken", &t)],
            ));
        }
        let last = pages.last().unwrap();
        assert!(element(last, "resumptionToken") == Some(""), "{b}: {last}");
        let listed: Vec<&str> = pages.iter().flat_map(|p| identifiers(p)).collect();
        let unique: BTreeSet<&str> = listed.iter().copied().collect();
        assert_eq!(unique.len(), listed.len(), "{b}: a record came twice");
        let expected: BTreeSet<String> = published(&site)
            .into_iter()
            .chain([deleted, unpublished])
            .map(identifier)
            .collect();
        let unique: BTreeSet<String> = unique.into_iter().map(str::to_owned).collect();
        assert_eq!(unique, expected, "{b}");
        responses.push(nested);
        responses.extend(pages.iter().skip(1).cloned());
        validate(&responses);

        // A token issued before a restart goes on where it left off after it (the page now
        // lacks the object moved to the costume collection: changed, it comes at the end).
        let resume = [
            ("verb", "ListIdentifiers"),
            ("resumptionToken", token.as_str()),
        ];
        let before = oai(&site, &resume);
        assert!(
            !identifiers(&before).contains(&identifier(ids[6]).as_str()),
            "{b}"
        );
        site.restart();
        let again = oai(&site, &resume);
        assert_eq!(error_code(&again), None, "{b}: {again}");
        assert_eq!(
            identifiers(&again),
            identifiers(&before),
            "{b}: not the same page"
        );
    }
}

#[test]
fn sickle_harvests_exactly_the_published_records_then_only_what_changed() {
    for site in oai_sites() {
        let b = site.backend;
        let admin = site.admin_token("root@example.org");
        let ids = create(&site, &admin, "H", 3 * PAGE_SIZE, "published");
        let drafts = create(&site, &admin, "H-D", 2, "draft");
        let deleted = ids[0];
        send(
            &site,
            reqwest::Method::DELETE,
            &format!("/api/v1/objects/{deleted}"),
            &admin,
            None,
        );

        let live: BTreeSet<String> = published(&site).into_iter().map(identifier).collect();
        assert!(live.len() > 2 * PAGE_SIZE, "{b}: more than two pages");
        let base = site.url("/oai");
        let mut latest = String::new();
        for (prefix, root) in [
            ("lido", "{http://www.lido-schema.org}lido"),
            ("oai_dc", "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"),
        ] {
            let harvest = sickle(&base, prefix, &[]);
            let all: Vec<&str> = harvest.iter().map(|h| h.identifier.as_str()).collect();
            let unique: BTreeSet<&str> = all.iter().copied().collect();
            assert_eq!(
                unique.len(),
                all.len(),
                "{b}: {prefix}: a record came twice"
            );
            let harvested_live: BTreeSet<String> = harvest
                .iter()
                .filter(|h| h.metadata.is_some())
                .map(|h| h.identifier.clone())
                .collect();
            assert_eq!(harvested_live, live, "{b}: {prefix}");
            let gone: Vec<&str> = harvest
                .iter()
                .filter(|h| h.metadata.is_none())
                .map(|h| h.identifier.as_str())
                .collect();
            assert_eq!(gone, [identifier(deleted)], "{b}: {prefix}");
            for h in harvest.iter().filter(|h| h.metadata.is_some()) {
                assert_eq!(h.metadata.as_deref(), Some(root), "{b}: {prefix}: {h:?}");
            }
            for id in &drafts {
                assert!(
                    !unique.contains(identifier(*id).as_str()),
                    "{b}: draft {id}"
                );
            }

            // from = until = one record's second: exactly the records stamped with it.
            let stamp = &harvest[harvest.len() / 2].datestamp;
            let window = sickle(&base, prefix, &[stamp, stamp]);
            let mut expected: Vec<Harvested> = harvest
                .iter()
                .filter(|h| &h.datestamp == stamp)
                .cloned()
                .collect();
            expected.sort();
            let mut window = window.clone();
            window.sort();
            assert_eq!(window, expected, "{b}: {prefix}: from=until={stamp}");
            latest = harvest.iter().map(|h| h.datestamp.clone()).max().unwrap();
        }

        // Changes after everything harvested so far: a later second than any datestamp seen.
        let since =
            chrono::DateTime::parse_from_rfc3339(&latest).unwrap() + chrono::TimeDelta::seconds(1);
        while chrono::Utc::now() < since {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let (edited, removed) = (ids[3], ids[4]);
        let mut body = object("H-3", "published");
        body["title"] = json!({"en": "Object H-3, re-catalogued"});
        send(
            &site,
            reqwest::Method::PUT,
            &format!("/api/v1/objects/{edited}"),
            &admin,
            Some(&body),
        );
        send(
            &site,
            reqwest::Method::DELETE,
            &format!("/api/v1/objects/{removed}"),
            &admin,
            None,
        );
        let from = since
            .to_utc()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        for prefix in ["lido", "oai_dc"] {
            let changes = sickle(&base, prefix, &[&from]);
            let got: Vec<(&str, bool)> = changes
                .iter()
                .map(|h| (h.identifier.as_str(), h.metadata.is_some()))
                .collect();
            let (edited, removed) = (identifier(edited), identifier(removed));
            assert_eq!(
                got,
                [(edited.as_str(), true), (removed.as_str(), false)],
                "{b}: {prefix}"
            );
            assert!(
                changes.iter().all(|h| h.datestamp >= from),
                "{b}: {changes:?}"
            );
        }
        let dc = oai(
            &site,
            &[
                ("verb", "GetRecord"),
                ("identifier", &identifier(edited)),
                ("metadataPrefix", "oai_dc"),
            ],
        );
        assert!(dc.contains("Object H-3, re-catalogued"), "{b}: {dc}");
    }
}
