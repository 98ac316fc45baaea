//! The real KENOM OAI-PMH response in shared/datasets/lido (20 LIDO 1.0 records) read, written
//! back as LIDO 1.1, `oai_dc` and OAI-PMH responses, checked with the official schemas in
//! Python's `xmlschema` (offline, from shared/standards), and read again to the same objects.
//!
//! Without the shared files or the validator the tests are skipped (`SKIPPED: ...` on stderr),
//! unless `CI=true`, where they fail.

use chrono::{DateTime, Utc};
use kolo_domain::collection::{DimensionKind, ObjectEventKind, Unit};
use kolo_domain::vocabulary::VocabularyKind;
use kolo_domain::{Institution, Slug};
use kolo_interop::oai_pmh::{
    self, Envelope, ErrorCode, Header, OaiError, Record, RepositoryInfo, Request, Response,
    SetInfo, SetSpec, TokenKey, Verb,
};
use kolo_interop::objects::{ImageView, ImportedObject, ObjectRecordView};
use kolo_interop::{dublin_core, lido};
use std::path::PathBuf;
use url::Url;

fn institution() -> Institution {
    serde_json::from_value(serde_json::json!({
        "slug": "shlb",
        "kind": "library",
        "original_lang": "de",
        "name": {"de": "Schleswig-Holsteinische Landesbibliothek", "en": "Schleswig-Holstein State Library"},
        "country": "DE",
        "contacts": {"website": "http://www.shlb.de/"}
    }))
    .unwrap()
}

fn kenom() -> Option<Vec<ImportedObject>> {
    let path = kolo_testkit::shared_file("datasets/lido/kenom-oai-lido-20.xml")?;
    let batch = lido::read(
        &std::fs::read(path).unwrap(),
        &Slug::parse("i", "shlb").unwrap(),
    )
    .unwrap();
    assert!(batch.deleted.is_empty());
    Some(
        batch
            .records
            .into_iter()
            .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
            .collect(),
    )
}

fn record_url(o: &ImportedObject) -> Url {
    Url::parse(&format!(
        "https://kolo.example.org/objects/{}",
        o.source_id.as_deref().unwrap()
    ))
    .unwrap()
}

fn view<'a>(o: &'a ImportedObject, inst: &'a Institution, url: &'a Url) -> ObjectRecordView<'a> {
    ObjectRecordView {
        object: &o.object,
        terms: &o.terms,
        institution: inst,
        record_url: url,
        record_id: o.source_id.as_deref().unwrap(),
        images: &[],
        manifest_url: None,
    }
}

fn standard(rel: &str) -> PathBuf {
    kolo_testkit::shared_file(&format!("standards/{rel}")).unwrap()
}

#[test]
fn all_twenty_kenom_records_read_with_their_fields() {
    let Some(objects) = kenom() else { return };
    assert_eq!(objects.len(), 20);
    let count = |f: &dyn Fn(&ImportedObject) -> bool| objects.iter().filter(|o| f(o)).count();
    assert_eq!(
        count(&|o| o.object.inventory_number.as_str().starts_with("Rasmussen ")),
        20
    );
    assert_eq!(count(&|o| o.object.title.get("de").is_some()), 20);
    assert_eq!(count(&|o| o.object.dating.is_some()), 20);
    assert_eq!(count(&|o| !o.object.materials.is_empty()), 20);
    assert_eq!(count(&|o| o.object.rights.is_some()), 20);
    assert_eq!(count(&|o| o.object.dimensions.len() == 2), 20);
    // Acquisition, production, publication (other) and use, each once.
    assert_eq!(count(&|o| o.object.events.len() == 4), 20);
    let places = count(&|o| o.object.events.iter().any(|e| e.place.is_some()));
    assert_eq!(places, 20);
    let images: usize = objects
        .iter()
        .map(|o| {
            o.object
                .links
                .iter()
                .filter(|l| l.url.path().ends_with(".jpg"))
                .count()
        })
        .sum();
    // 32 resource sets in the file, each with a full-size and a preview representation.
    assert_eq!(images, 32);

    let first = &objects[0];
    let o = &first.object;
    assert_eq!(
        first.source_id.as_deref(),
        Some("record_DE-68_kenom_123644")
    );
    assert_eq!(o.inventory_number.as_str(), "Rasmussen 304");
    assert_eq!(
        o.title.get("de"),
        Some("Geldschein / Notgeld, 50 Pfennig, 7.1921")
    );
    let dating = o.dating.as_ref().unwrap();
    assert_eq!(
        (dating.text.get("de"), dating.earliest, dating.latest),
        (Some("7.1921"), Some(1921), Some(1921))
    );
    assert_eq!(
        o.rights.as_ref().unwrap().url().as_str(),
        "http://creativecommons.org/licenses/by/4.0/"
    );
    assert_eq!(
        (
            o.dimensions[0].kind,
            o.dimensions[0].value,
            o.dimensions[0].unit
        ),
        (DimensionKind::Height, 58.0, Unit::Mm)
    );
    assert_eq!(
        o.materials_text.get("de"),
        Some("Nichtmetalle > Papier; Autotypie; Buchdruck")
    );
    let term = |kind, key: &str| {
        first
            .terms
            .iter()
            .find(|t| t.kind == kind && t.key.as_str() == key)
            .unwrap_or_else(|| panic!("{key}"))
    };
    assert_eq!(o.object_type.as_ref().unwrap().as_str(), "gnd-4004469-5");
    assert_eq!(
        term(VocabularyKind::ObjectType, "gnd-4004469-5")
            .label
            .get("de"),
        Some("Geldschein / Notgeld")
    );
    let paper = term(VocabularyKind::Material, "aat-300014109");
    assert_eq!(
        (paper.label.get("de"), paper.label.get("en")),
        (Some("Papier"), Some("Paper"))
    );
    assert_eq!(
        o.techniques.iter().map(Slug::as_str).collect::<Vec<_>>(),
        ["wikidata-q789228", "wikidata-q11034"]
    );
    let production = o
        .events
        .iter()
        .find(|e| e.kind == ObjectEventKind::Production)
        .unwrap();
    assert_eq!(
        production.place.as_ref().unwrap().as_str(),
        "geonames-2940669"
    );
    assert_eq!(
        production.actors_text.get("de"),
        Some("Druckerei W. Clausen <Büsum> (Drucker); Büsum (Münzstand)")
    );
    assert_eq!(
        term(VocabularyKind::Actor, "druckerei-w-clausen-busum").links[0].as_str(),
        "http://uri.gbv.de/terminology/kenom_actor/3f26ad4d-3368-4edd-8fc0-8b82a109b52c"
    );
    assert_eq!(
        o.links[0].url.as_str(),
        "https://www.kenom.de/id/record_DE-68_kenom_123644"
    );
    assert_eq!(o.links[2].label.get("en"), Some("front"));
}

#[test]
fn kenom_records_written_as_lido_1_1_validate_and_read_back_equal() {
    let Some(objects) = kenom() else { return };
    let inst = institution();
    let urls: Vec<Url> = objects.iter().map(record_url).collect();
    let views: Vec<ObjectRecordView> = objects
        .iter()
        .zip(&urls)
        .map(|(o, u)| view(o, &inst, u))
        .collect();
    let wrap = lido::write_wrap(&views);
    let again = lido::read(wrap.as_bytes(), &Slug::parse("i", "shlb").unwrap()).unwrap();
    assert_eq!(again.records.len(), 20);
    for (before, after) in objects.iter().zip(again.records) {
        let after = after.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&after, before);
    }

    // One standalone record with Kolo's own images and manifest, as OAI-PMH will carry it.
    let images = [ImageView {
        url: Url::parse("https://kolo.example.org/iiif/3/m1/full/max/0/default.jpg").unwrap(),
        caption: kolo_domain::LocalizedText::new().with("de", "Vorderseite"),
        rights: None,
    }];
    let manifest = Url::parse("https://kolo.example.org/iiif/objects/1/manifest").unwrap();
    let single = lido::write(&ObjectRecordView {
        images: &images,
        manifest_url: Some(&manifest),
        ..views[0]
    });
    let reread = lido::read(single.as_bytes(), &Slug::parse("i", "shlb").unwrap()).unwrap();
    let links = &reread.records[0].as_ref().unwrap().object.links;
    let kolo_image = links.iter().find(|l| l.url == images[0].url).unwrap();
    assert_eq!(kolo_image.label.get("de"), Some("Vorderseite"));
    assert_eq!(links[links.len() - 1].url, manifest);

    let dir = tempfile::tempdir().unwrap();
    let files = [("wrap.xml", wrap), ("single.xml", single)].map(|(name, xml)| {
        let path = dir.path().join(name);
        std::fs::write(&path, xml).unwrap();
        path
    });
    kolo_testkit::schema_validate(&standard("lido/lido-v1.1.xsd"), &[], &files);
}

/// A Kolo object using every field LIDO carries, with its terms (keyed as a reader keys them:
/// by authority, else by the English or only label).
fn costume() -> ImportedObject {
    let object = serde_json::from_value(serde_json::json!({
        "institution": "novopskov-museum",
        "inventory_number": "КП-1234/5",
        "object_type": "costume",
        "title": {"uk": "Святковий жіночий костюм", "en": "Festive women's costume"},
        "description": {"uk": "Сорочка, плахта, запаска."},
        "inscription": {"uk": "Вишито: 1898"},
        "dating": {"text": {"uk": "кін. ХІХ – поч. ХХ ст."}, "earliest": 1880, "latest": 1920,
                   "period": "late-modern"},
        "materials": ["aat-300014011", "wool"],
        "techniques": ["embroidery"],
        "materials_text": {"uk": "льон, вовна; вишивка"},
        "dimensions": [
            {"kind": "length", "value": 120.5, "unit": "cm"},
            {"kind": "weight", "value": 800, "unit": "g", "part": {"en": "shirt"}}
        ],
        "dimensions_text": {"uk": "довжина 120,5 см"},
        "cultures": ["ukrainian"],
        "events": [
            {"kind": "production", "actors": ["maria-kovalenko"],
             "actors_text": {"uk": "Марія Коваленко (вишивальниця)"},
             "place": "novopskov", "place_text": {"uk": "с. Новопсков"},
             "note": {"uk": "Для весілля доньки."}},
            {"kind": "acquisition", "actors_text": {"uk": "дар родини Коваленків"},
             "dating": {"text": {"uk": "1978"}, "earliest": 1978, "latest": 1978}},
            {"kind": "transfer", "note": {"en": "Moved to the new building."}}
        ],
        "provenance": {"uk": "Родина Коваленків, Новопсков."},
        "credit_line": {"uk": "Дар родини Коваленків, 1978"},
        "rights": "http://creativecommons.org/licenses/by-sa/4.0/",
        "links": [
            // Published IDs have no label in LIDO, so a page link is written (and read) without.
            {"label": {}, "url": "https://www.wikidata.org/wiki/Q4115189"},
            {"label": {"uk": "Фото 1978 року"}, "url": "https://example.org/archive/1978.tif"}
        ],
        "state": "draft"
    }))
    .unwrap();
    let terms = serde_json::from_value(serde_json::json!([
        {"kind": "actor", "key": "maria-kovalenko",
         "label": {"uk": "Марія Коваленко", "en": "Maria Kovalenko"}},
        {"kind": "culture", "key": "ukrainian", "label": {"uk": "українська", "en": "Ukrainian"}},
        {"kind": "material", "key": "aat-300014011", "label": {"uk": "льон", "en": "linen"},
         "alt_labels": [{"uk": "полотно"}], "links": ["http://vocab.getty.edu/aat/300014011"]},
        {"kind": "material", "key": "wool", "label": {"uk": "вовна", "en": "wool"}},
        {"kind": "object_type", "key": "costume", "label": {"uk": "костюм", "en": "costume"}},
        {"kind": "period", "key": "late-modern", "label": {"en": "Late modern"}},
        {"kind": "place", "key": "novopskov", "label": {"uk": "Новопсков"},
         "coordinates": {"lat": 49.55, "lon": 39.1}},
        {"kind": "technique", "key": "embroidery", "label": {"uk": "вишивка", "en": "embroidery"}}
    ]))
    .unwrap();
    ImportedObject {
        source_id: Some("oai:kolo.example.org:object:7".into()),
        object,
        terms,
    }
}

#[test]
fn a_kolo_object_with_every_field_writes_valid_lido_and_reads_back_equal() {
    let inst: Institution = serde_json::from_value(serde_json::json!({
        "slug": "novopskov-museum", "kind": "museum", "original_lang": "uk",
        "name": {"uk": "Новопсковський краєзнавчий музей"}, "country": "UA"
    }))
    .unwrap();
    let costume = costume();
    let url = record_url(&costume);
    let xml = lido::write(&view(&costume, &inst, &url));
    let museum = Slug::parse("i", "novopskov-museum").unwrap();
    let batch = lido::read(xml.as_bytes(), &museum).unwrap();
    let mut again = batch.records.into_iter().next().unwrap().unwrap();
    let by_key = |t: &kolo_domain::vocabulary::Term| (t.kind.code(), t.key.clone());
    let mut terms = costume.terms.clone();
    terms.sort_by_key(by_key);
    again.terms.sort_by_key(by_key);
    assert_eq!(again.object, costume.object);
    assert_eq!(again.terms, terms);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("costume.xml");
    std::fs::write(&path, xml).unwrap();
    kolo_testkit::schema_validate(&standard("lido/lido-v1.1.xsd"), &[], &[path]);
}

#[test]
fn kenom_records_as_oai_dc_validate_and_say_what_dublin_core_can() {
    let Some(objects) = kenom() else { return };
    let inst = institution();
    let url = record_url(&objects[0]);
    let manifest = Url::parse("https://kolo.example.org/iiif/objects/1/manifest").unwrap();
    let dc = dublin_core::write(&ObjectRecordView {
        manifest_url: Some(&manifest),
        ..view(&objects[0], &inst, &url)
    });
    for expected in [
        "<dc:title xml:lang=\"de\">Geldschein / Notgeld, 50 Pfennig, 7.1921</dc:title>",
        "<dc:creator xml:lang=\"de\">Druckerei W. Clausen &lt;Büsum&gt;</dc:creator>",
        "<dc:subject xml:lang=\"de\">Geldschein / Notgeld</dc:subject>",
        "<dc:date xml:lang=\"de\">7.1921</dc:date>",
        "<dc:date>1921</dc:date>",
        "<dc:type>PhysicalObject</dc:type>",
        "<dc:format xml:lang=\"en\">Paper</dc:format>",
        "<dc:coverage xml:lang=\"de\">Büsum</dc:coverage>",
        "<dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>",
        "<dc:identifier>https://kolo.example.org/objects/record_DE-68_kenom_123644</dc:identifier>",
        "<dc:identifier>Rasmussen 304</dc:identifier>",
        "<dc:publisher xml:lang=\"en\">Schleswig-Holstein State Library</dc:publisher>",
        "<dc:relation>https://kolo.example.org/iiif/objects/1/manifest</dc:relation>",
    ] {
        assert!(dc.contains(expected), "{expected} in\n{dc}");
    }
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = objects
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let url = record_url(o);
            let path = dir.path().join(format!("dc-{i}.xml"));
            std::fs::write(&path, dublin_core::write(&view(o, &inst, &url))).unwrap();
            path
        })
        .collect();
    kolo_testkit::schema_validate(&standard("oai-pmh/oai_dc.xsd"), &[], &files);
}

#[test]
fn oai_pmh_responses_of_every_verb_and_error_validate_with_lido_and_dc_records() {
    let Some(objects) = kenom() else { return };
    let inst = institution();
    let key = TokenKey::new(b"a server secret");
    let env = Envelope {
        base_url: "https://kolo.example.org/oai",
        response_date: Utc::now(),
    };
    let host = "kolo.example.org";
    let datestamp = |i: usize| DateTime::from_timestamp(1_700_000_000 + i as i64 * 60, 0).unwrap();
    let sets = vec![SetSpec::Institution(Slug::parse("s", "shlb").unwrap())];
    let header = |i: usize| Header {
        identifier: oai_pmh::identifier(host, &i.to_string()),
        datestamp: datestamp(i),
        sets: sets.clone(),
        deleted: false,
    };
    let urls: Vec<Url> = objects.iter().map(record_url).collect();
    let record = |i: usize, prefix: &str| {
        let v = view(&objects[i], &inst, &urls[i]);
        Record {
            header: header(i),
            metadata: Some(if prefix == "lido" {
                lido::write(&v)
            } else {
                dublin_core::write(&v)
            }),
        }
    };
    let request = |raw: &[(&str, &str)]| {
        let args: Vec<(String, String)> = raw
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Request::parse(&args, &key)
    };
    let mut responses: Vec<String> = Vec::new();

    let identify = request(&[("verb", "Identify")]).unwrap();
    responses.push(oai_pmh::write_response(
        &env,
        &identify,
        &Response::Identify(RepositoryInfo {
            name: "Kolo".into(),
            admin_emails: vec!["admin@kolo.example.org".into()],
            earliest_datestamp: datestamp(0),
        }),
    ));
    let formats = request(&[
        ("verb", "ListMetadataFormats"),
        ("identifier", &header(1).identifier),
    ])
    .unwrap();
    responses.push(oai_pmh::write_response(
        &env,
        &formats,
        &Response::ListMetadataFormats,
    ));
    let list_sets = request(&[("verb", "ListSets")]).unwrap();
    responses.push(oai_pmh::write_response(
        &env,
        &list_sets,
        &Response::ListSets(vec![
            SetInfo {
                spec: sets[0].clone(),
                name: "Schleswig-Holsteinische Landesbibliothek".into(),
            },
            SetInfo {
                spec: SetSpec::Collection {
                    institution: Slug::parse("s", "shlb").unwrap(),
                    collection: Slug::parse("s", "rasmussen").unwrap(),
                },
                name: "Sammlung Dr. Rasmussen".into(),
            },
        ]),
    ));
    for prefix in ["lido", "oai_dc"] {
        let get = request(&[
            ("verb", "GetRecord"),
            ("identifier", &header(0).identifier),
            ("metadataPrefix", prefix),
        ])
        .unwrap();
        responses.push(oai_pmh::write_response(
            &env,
            &get,
            &Response::GetRecord(record(0, prefix)),
        ));
    }

    // A whole harvest in pages of 8: every record exactly once, the last page's token empty.
    let mut harvested = Vec::new();
    let mut args = vec![
        ("verb", "ListRecords".to_owned()),
        ("metadataPrefix", "lido".to_owned()),
        ("set", "institution:shlb".to_owned()),
    ];
    loop {
        let raw: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let req = request(&raw).unwrap();
        let Verb::ListRecords(list) = &req.verb else {
            panic!()
        };
        let rows: Vec<usize> = (0..objects.len())
            .filter(|i| {
                list.after
                    .as_ref()
                    .is_none_or(|a| datestamp(*i) > a.datestamp)
            })
            .take(9)
            .collect();
        let (page, token) = list.page(&key, rows, 8, Some(objects.len() as u64), |i| {
            oai_pmh::Position {
                datestamp: datestamp(*i),
                id: i.to_string(),
            }
        });
        harvested.extend(page.iter().copied());
        let records: Vec<Record> = page.iter().map(|i| record(*i, "lido")).collect();
        responses.push(oai_pmh::write_response(
            &env,
            &req,
            &Response::ListRecords(records, token.clone()),
        ));
        match token.and_then(|t| t.token) {
            Some(next) => args = vec![("verb", "ListRecords".into()), ("resumptionToken", next)],
            None => break,
        }
    }
    assert_eq!(harvested, (0..20).collect::<Vec<_>>());

    let identifiers = request(&[
        ("verb", "ListIdentifiers"),
        ("metadataPrefix", "oai_dc"),
        ("from", "2023-11-14"),
    ])
    .unwrap();
    let mut deleted = header(3);
    deleted.deleted = true;
    responses.push(oai_pmh::write_response(
        &env,
        &identifiers,
        &Response::ListIdentifiers(vec![header(1), header(2), deleted.clone()], None),
    ));
    let dc_list = request(&[("verb", "ListRecords"), ("metadataPrefix", "oai_dc")]).unwrap();
    responses.push(oai_pmh::write_response(
        &env,
        &dc_list,
        &Response::ListRecords(
            vec![
                record(1, "oai_dc"),
                Record {
                    header: deleted,
                    metadata: None,
                },
            ],
            None,
        ),
    ));
    for raw in [
        &[("verb", "Nonsense")][..],
        &[("verb", "ListRecords")],
        &[("verb", "ListRecords"), ("resumptionToken", "forged.token")],
        &[
            ("verb", "GetRecord"),
            ("identifier", "oai:kolo.example.org:object:9"),
            ("metadataPrefix", "marc"),
        ],
    ] {
        responses.push(oai_pmh::write_error(&env, &request(raw).unwrap_err()));
    }
    let get_missing = request(&[
        ("verb", "GetRecord"),
        ("identifier", "oai:kolo.example.org:object:999"),
        ("metadataPrefix", "lido"),
    ])
    .unwrap();
    responses.push(oai_pmh::write_error(
        &env,
        &OaiError::for_request(&get_missing, ErrorCode::IdDoesNotExist, "no such object"),
    ));
    assert!(
        responses[responses.len() - 1].contains("identifier=\"oai:kolo.example.org:object:999\"")
    );
    assert!(
        responses[responses.len() - 5].contains("<request>https://kolo.example.org/oai</request>")
    );

    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = responses
        .iter()
        .enumerate()
        .map(|(i, xml)| {
            let path = dir.path().join(format!("response-{i}.xml"));
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
