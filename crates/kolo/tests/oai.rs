//! The OAI-PMH provider at `/oai` against the running binary on each backend: every verb and
//! error validated against the OAI-PMH schema (with LIDO and `oai_dc`), a whole harvest by
//! Sickle over more than one page, tokens across a restart, deleted records, `from`/`until`.

mod common;

use common::{Site, client, sites};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// More than one page (the provider sends 100 records a page).
const PUBLISHED: usize = 120;

fn standard(rel: &str) -> PathBuf {
    kolo_testkit::shared_file(&format!("standards/{rel}")).unwrap()
}

fn oai(site: &Site, args: &[(&str, &str)]) -> String {
    let res = client().get(site.url("/oai")).query(args).send().unwrap();
    assert_eq!(res.status().as_u16(), 200, "{}: {args:?}", site.backend);
    res.text().unwrap()
}

/// The text of the first `<{name} ...>...</{name}>` in `xml`.
fn element<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let start = xml.find(&format!("<{name}"))?;
    let open_end = start + xml[start..].find('>')? + 1;
    let end = open_end + xml[open_end..].find(&format!("</{name}>"))?;
    Some(&xml[open_end..end])
}

/// Every `<identifier>` in a response, in order.
fn identifiers(xml: &str) -> Vec<&str> {
    xml.split("<identifier>")
        .skip(1)
        .filter_map(|part| part.split_once("</identifier>").map(|(id, _)| id))
        .collect()
}

fn error_code(xml: &str) -> Option<&str> {
    let at = xml.find("<error code=\"")? + 13;
    Some(&xml[at..at + xml[at..].find('"')?])
}

/// Runs `crates/kolo/tests/oai_harvest.py` (Sickle): (identifier, datestamp, deleted) per record.
fn sickle(base: &str, prefix: &str, bounds: &[&str]) -> Option<Vec<(String, String, bool)>> {
    let python = kolo_testkit::python_tool("python")?;
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
    Some(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let mut parts = l.split(' ');
                let id = parts.next().unwrap().to_owned();
                let at = parts.next().unwrap().to_owned();
                (id, at, parts.next() == Some("deleted"))
            })
            .collect(),
    )
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

fn send(site: &Site, method: reqwest::Method, path: &str, token: &str, body: Option<&Value>) -> Value {
    let mut req = client().request(method, site.url(path)).bearer_auth(token);
    if let Some(b) = body {
        req = req.json(b);
    }
    let res = req.send().unwrap();
    let status = res.status().as_u16();
    assert!(status < 300, "{}: {path}: {status}", site.backend);
    res.json().unwrap_or(Value::Null)
}

fn identifier(id: i64) -> String {
    format!("oai:127.0.0.1:object:{id}")
}

#[test]
fn oai_pmh_serves_harvesters_every_published_object_once_across_pages_and_restarts() {
    for mut site in sites() {
        let b = site.backend;
        let admin = site.admin_token("root@example.org");
        let create = |inventory: &str, state: &str| -> i64 {
            send(
                &site,
                reqwest::Method::POST,
                "/api/v1/objects",
                &admin,
                Some(&object(inventory, state)),
            )["id"]
                .as_i64()
                .unwrap()
        };
        let published: Vec<i64> = (0..PUBLISHED).map(|i| create(&format!("OAI-{i}"), "published")).collect();
        let drafts: Vec<i64> = (0..3).map(|i| create(&format!("OAI-D{i}"), "draft")).collect();
        // One deleted, one taken back to draft: both are gone for harvesters.
        let (deleted, unpublished) = (published[0], published[1]);
        send(&site, reqwest::Method::DELETE, &format!("/api/v1/objects/{deleted}"), &admin, None);
        send(
            &site,
            reqwest::Method::PUT,
            &format!("/api/v1/objects/{unpublished}"),
            &admin,
            Some(&object("OAI-1", "draft")),
        );

        // Every verb and every kind of error, checked against the schemas.
        let record = identifier(published[5]);
        let first_page = oai(&site, &[("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc")]);
        let token = element(&first_page, "resumptionToken")
            .unwrap_or_else(|| panic!("{b}: no token on a first page: {first_page}"))
            .to_owned();
        let mut responses: Vec<String> = vec![first_page];
        for (args, error) in [
            (vec![("verb", "Identify")], None),
            (vec![("verb", "ListMetadataFormats")], None),
            (vec![("verb", "ListMetadataFormats"), ("identifier", record.as_str())], None),
            (vec![("verb", "ListSets")], None),
            (vec![("verb", "GetRecord"), ("identifier", record.as_str()), ("metadataPrefix", "lido")], None),
            (vec![("verb", "GetRecord"), ("identifier", record.as_str()), ("metadataPrefix", "oai_dc")], None),
            (vec![("verb", "ListRecords"), ("metadataPrefix", "lido"), ("set", "institution:novopskov-museum")], None),
            (vec![("verb", "ListIdentifiers"), ("resumptionToken", token.as_str())], None),
            (vec![("verb", "Nonsense")], Some("badVerb")),
            (vec![("verb", "GetRecord"), ("identifier", record.as_str())], Some("badArgument")),
            (vec![("verb", "GetRecord"), ("identifier", record.as_str()), ("metadataPrefix", "marc21")], Some("cannotDisseminateFormat")),
            (vec![("verb", "GetRecord"), ("identifier", "oai:elsewhere:object:1"), ("metadataPrefix", "lido")], Some("idDoesNotExist")),
            (vec![("verb", "GetRecord"), ("identifier", &identifier(drafts[0])), ("metadataPrefix", "lido")], Some("idDoesNotExist")),
            (vec![("verb", "ListRecords"), ("resumptionToken", "forged.token")], Some("badResumptionToken")),
            (vec![("verb", "ListRecords"), ("metadataPrefix", "lido"), ("set", "institution:no-such-museum")], Some("noRecordsMatch")),
            (vec![("verb", "ListRecords"), ("metadataPrefix", "lido"), ("until", "1990-01-01")], Some("noRecordsMatch")),
        ] {
            let xml = oai(&site, &args);
            assert_eq!(error_code(&xml), error, "{b}: {args:?}: {xml}");
            responses.push(xml);
        }
        let identify = &responses[1];
        assert!(identify.contains("<deletedRecord>persistent</deletedRecord>"), "{b}: {identify}");
        let sets = &responses[4];
        assert!(sets.contains("<setSpec>institution:novopskov-museum</setSpec>"), "{b}: {sets}");
        let lido = &responses[5];
        assert!(lido.contains(&site.url(&format!("/objects/{}", published[5]))), "{b}: {lido}");
        // The same request as a POST form.
        let posted = client()
            .post(site.url("/oai"))
            .form(&[("verb", "GetRecord"), ("identifier", record.as_str()), ("metadataPrefix", "oai_dc")])
            .send()
            .unwrap()
            .text()
            .unwrap();
        assert_eq!(element(&posted, "metadata"), element(&responses[6], "metadata"), "{b}");
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
            &[standard("lido/lido-v1.1.xsd"), standard("oai-pmh/oai_dc.xsd")],
            &files,
        );

        // Gone objects: deleted headers, in GetRecord and in lists.
        for id in [deleted, unpublished] {
            let xml = oai(&site, &[("verb", "GetRecord"), ("identifier", &identifier(id)), ("metadataPrefix", "lido")]);
            assert!(xml.contains("<header status=\"deleted\">") && !xml.contains("<metadata>"), "{b}: {xml}");
        }

        // A whole harvest by Sickle: every published record once, the gone ones deleted, no draft.
        let base = site.url("/oai");
        if let Some(harvest) = sickle(&base, "lido", &[]) {
            let ids: Vec<&str> = harvest.iter().map(|(id, _, _)| id.as_str()).collect();
            let unique: HashSet<&str> = ids.iter().copied().collect();
            assert_eq!(unique.len(), ids.len(), "{b}: a record came twice");
            for id in &published[2..] {
                assert!(harvest.iter().any(|(i, _, d)| *i == identifier(*id) && !d), "{b}: {id} missing");
            }
            for id in [deleted, unpublished] {
                assert!(harvest.iter().any(|(i, _, d)| *i == identifier(id) && *d), "{b}: {id} not deleted");
            }
            for id in &drafts {
                assert!(!unique.contains(identifier(*id).as_str()), "{b}: draft {id} harvested");
            }
            let live = harvest.iter().filter(|(_, _, d)| !d).count();
            assert!(live >= PUBLISHED - 2, "{b}: {live} records");

            // from/until: one second's records are exactly those stamped with it.
            let (_, stamp, _) = &harvest[harvest.len() / 2];
            let window = sickle(&base, "oai_dc", &[stamp, stamp]).unwrap();
            let expected: Vec<&String> = harvest.iter().filter(|(_, at, _)| at == stamp).map(|(id, _, _)| id).collect();
            let got: Vec<&String> = window.iter().map(|(id, _, _)| id).collect();
            assert_eq!(got, expected, "{b}: from=until={stamp}");
            let later = sickle(&base, "oai_dc", &[stamp]).unwrap();
            assert!(later.iter().all(|(_, at, _)| at >= stamp), "{b}");
            assert_eq!(later.len(), harvest.iter().filter(|(_, at, _)| at >= stamp).count(), "{b}");
        }

        // A token issued before a restart goes on where it left off after it.
        site.restart();
        let next = oai(&site, &[("verb", "ListIdentifiers"), ("resumptionToken", &token)]);
        assert_eq!(error_code(&next), None, "{b}: {next}");
        assert!(next.contains("<header"), "{b}: {next}");
        assert_eq!(identifiers(&next), identifiers(&responses[8]), "{b}: not the same page");
    }
}
