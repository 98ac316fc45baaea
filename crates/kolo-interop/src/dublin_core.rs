//! Simple Dublin Core as OAI-PMH carries it (`oai_dc`): every harvester reads it.
//!
//! title and description per language (`xml:lang`); type `PhysicalObject` (DCMI Type) and the
//! object type's labels; creator: the production actors; subject: the object type, cultures and
//! periods; format: materials, techniques and dimensions; date: the dating as written and its
//! years in W3CDTF (`1880/1920` for a range); coverage: the events' places; rights: the rights
//! URI; identifier: the public record URL and the inventory number; publisher: the institution;
//! relation: the IIIF manifest.

use crate::objects::ObjectRecordView;
use crate::xml::XmlWriter;
use kolo_domain::LocalizedText;
use kolo_domain::vocabulary::VocabularyKind;

pub const NAMESPACE: &str = "http://www.openarchives.org/OAI/2.0/oai_dc/";
pub const SCHEMA: &str = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";
const DC: &str = "http://purl.org/dc/elements/1.1/";

fn texts(w: &mut XmlWriter, name: &str, text: &LocalizedText) {
    for (lang, value) in text.iter() {
        w.leaf(name, &[("xml:lang", Some(lang.as_str()))], value);
    }
}

/// A W3CDTF year (four digits; years before 1 have none, so they are left to the text).
fn year(y: i32) -> Option<String> {
    (1..=9999).contains(&y).then(|| format!("{y:04}"))
}

/// The object as one `oai_dc:dc` element.
pub fn write(view: &ObjectRecordView) -> String {
    let o = view.object;
    let mut w = XmlWriter::default();
    let location = format!("{NAMESPACE} {SCHEMA}");
    w.open(
        "oai_dc:dc",
        &[
            ("xmlns:oai_dc", Some(NAMESPACE)),
            ("xmlns:dc", Some(DC)),
            (
                "xmlns:xsi",
                Some("http://www.w3.org/2001/XMLSchema-instance"),
            ),
            ("xsi:schemaLocation", Some(&location)),
        ],
    );
    texts(&mut w, "dc:title", &o.title);
    for key in o.creators() {
        texts(
            &mut w,
            "dc:creator",
            &view.label(VocabularyKind::Actor, key),
        );
    }
    let subjects = o
        .object_type
        .iter()
        .map(|k| (VocabularyKind::ObjectType, k))
        .chain(o.cultures.iter().map(|k| (VocabularyKind::Culture, k)))
        .chain(
            o.dating
                .iter()
                .filter_map(|d| d.period.as_ref())
                .map(|k| (VocabularyKind::Period, k)),
        );
    for (kind, key) in subjects {
        texts(&mut w, "dc:subject", &view.label(kind, key));
    }
    texts(&mut w, "dc:description", &o.description);
    texts(&mut w, "dc:publisher", &view.institution.name);
    if let Some(dating) = &o.dating {
        texts(&mut w, "dc:date", &dating.text);
        if let (Some(earliest), Some(latest)) =
            (dating.earliest.and_then(year), dating.latest.and_then(year))
        {
            let w3cdtf = if earliest == latest {
                earliest
            } else {
                format!("{earliest}/{latest}")
            };
            w.leaf("dc:date", &[], &w3cdtf);
        }
    }
    w.leaf("dc:type", &[], "PhysicalObject");
    match &o.object_type {
        Some(key) => texts(
            &mut w,
            "dc:type",
            &view.label(VocabularyKind::ObjectType, key),
        ),
        None => texts(&mut w, "dc:type", &o.object_type_text),
    }
    texts(&mut w, "dc:format", &o.materials_text);
    for (kind, keys) in [
        (VocabularyKind::Material, &o.materials),
        (VocabularyKind::Technique, &o.techniques),
    ] {
        for key in keys {
            texts(&mut w, "dc:format", &view.label(kind, key));
        }
    }
    texts(&mut w, "dc:format", &o.dimensions_text);
    w.leaf("dc:identifier", &[], view.record_url.as_str());
    w.leaf("dc:identifier", &[], o.inventory_number.as_str());
    if let Some(manifest) = view.manifest_url {
        w.leaf("dc:relation", &[], manifest.as_str());
    }
    let mut places: Vec<LocalizedText> = Vec::new();
    for e in &o.events {
        let place = match &e.place {
            Some(key) => view.label(VocabularyKind::Place, key),
            None => e.place_text.clone(),
        };
        if !places.contains(&place) {
            places.push(place);
        }
    }
    for place in &places {
        texts(&mut w, "dc:coverage", place);
    }
    if let Some(rights) = &o.rights {
        w.leaf("dc:rights", &[], rights.url().as_str());
    }
    w.close("oai_dc:dc");
    w.finish()
}
