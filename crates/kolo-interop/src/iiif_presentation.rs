//! IIIF Presentation API 3.0: a Manifest per museum object (one Canvas per image, painted by
//! the full image with its Image API service) and a Collection per exhibition listing its
//! objects' manifests. Pure JSON writers: the caller supplies the addresses and the labels,
//! already localized.

use kolo_domain::{LocalizedText, MuseumObject, Rights};
use serde_json::{Map, Value, json};

pub const CONTEXT: &str = "http://iiif.io/api/presentation/3/context.json";
/// The media type IIIF asks Presentation documents to be served as.
pub const JSON_LD: &str =
    "application/ld+json;profile=\"http://iiif.io/api/presentation/3/context.json\"";

/// A IIIF language map: BCP 47 tags as keys, `none` for text of no language (`und`).
pub fn language_map(text: &LocalizedText) -> Value {
    let map: Map<String, Value> = text
        .iter()
        .map(|(lang, s)| {
            let key = match lang.as_str() {
                "und" => "none",
                tag => tag,
            };
            (key.to_owned(), json!([s]))
        })
        .collect();
    Value::Object(map)
}

/// A label and value pair (`metadata`, `requiredStatement`).
pub struct Entry {
    pub label: LocalizedText,
    pub value: LocalizedText,
}

impl Entry {
    fn to_json(&self) -> Value {
        json!({ "label": language_map(&self.label), "value": language_map(&self.value) })
    }
}

/// One image of the object, as its canvas shows it.
pub struct CanvasImage<'a> {
    /// The image's IIIF Image API service (`…/iiif/3/{id}`).
    pub service: String,
    pub width: u32,
    pub height: u32,
    pub caption: &'a LocalizedText,
    /// The image's own rights, when they differ from the object's.
    pub rights: Option<&'a Rights>,
}

pub struct ManifestContext<'a> {
    /// The manifest's own address.
    pub id: &'a str,
    /// The object's page.
    pub homepage: &'a str,
    /// Who holds the object: the institution.
    pub held_by: Entry,
    pub metadata: Vec<Entry>,
    pub images: Vec<CanvasImage<'a>>,
}

fn image_service(service: &str) -> Value {
    json!([{ "id": service, "type": "ImageService3", "profile": "level2" }])
}

/// The object's manifest.
pub fn manifest(o: &MuseumObject, cx: &ManifestContext<'_>) -> Value {
    let mut m = Map::new();
    m.insert("@context".into(), json!(CONTEXT));
    m.insert("id".into(), json!(cx.id));
    m.insert("type".into(), json!("Manifest"));
    m.insert("label".into(), language_map(&o.title));
    if !o.description.is_empty() {
        m.insert("summary".into(), language_map(&o.description));
    }
    let metadata: Vec<Value> = cx
        .metadata
        .iter()
        .filter(|e| !e.value.is_empty())
        .map(Entry::to_json)
        .collect();
    if !metadata.is_empty() {
        m.insert("metadata".into(), Value::Array(metadata));
    }
    m.insert("requiredStatement".into(), cx.held_by.to_json());
    if let Some(r) = &o.rights {
        m.insert("rights".into(), json!(r.url().as_str()));
    }
    m.insert(
        "homepage".into(),
        json!([{
            "id": cx.homepage,
            "type": "Text",
            "label": language_map(&o.title),
            "format": "text/html",
        }]),
    );
    if let Some(first) = cx.images.first() {
        m.insert("thumbnail".into(), thumbnail(&first.service));
    }
    let items: Vec<Value> = cx
        .images
        .iter()
        .enumerate()
        .map(|(i, image)| canvas(&format!("{}/canvas/{}", cx.id, i + 1), image))
        .collect();
    m.insert("items".into(), Value::Array(items));
    Value::Object(m)
}

fn thumbnail(service: &str) -> Value {
    json!([{
        "id": format!("{service}/full/!400,400/0/default.jpg"),
        "type": "Image",
        "format": "image/jpeg",
        "service": image_service(service),
    }])
}

fn canvas(id: &str, image: &CanvasImage<'_>) -> Value {
    let mut c = Map::new();
    c.insert("id".into(), json!(id));
    c.insert("type".into(), json!("Canvas"));
    if !image.caption.is_empty() {
        c.insert("label".into(), language_map(image.caption));
    }
    c.insert("width".into(), json!(image.width));
    c.insert("height".into(), json!(image.height));
    if let Some(r) = image.rights {
        c.insert("rights".into(), json!(r.url().as_str()));
    }
    c.insert("thumbnail".into(), thumbnail(&image.service));
    c.insert(
        "items".into(),
        json!([{
            "id": format!("{id}/page"),
            "type": "AnnotationPage",
            "items": [{
                "id": format!("{id}/page/painting"),
                "type": "Annotation",
                "motivation": "painting",
                "target": id,
                "body": {
                    "id": format!("{}/full/max/0/default.jpg", image.service),
                    "type": "Image",
                    "format": "image/jpeg",
                    "width": image.width,
                    "height": image.height,
                    "service": image_service(&image.service),
                },
            }],
        }]),
    );
    Value::Object(c)
}

/// A manifest as a collection lists it.
pub struct CollectionItem<'a> {
    pub manifest: String,
    pub label: &'a LocalizedText,
}

/// A collection of manifests (an exhibition's objects).
pub fn collection(
    id: &str,
    homepage: &str,
    label: &LocalizedText,
    summary: &LocalizedText,
    items: &[CollectionItem<'_>],
) -> Value {
    let mut c = Map::new();
    c.insert("@context".into(), json!(CONTEXT));
    c.insert("id".into(), json!(id));
    c.insert("type".into(), json!("Collection"));
    c.insert("label".into(), language_map(label));
    if !summary.is_empty() {
        c.insert("summary".into(), language_map(summary));
    }
    c.insert(
        "homepage".into(),
        json!([{ "id": homepage, "type": "Text", "label": language_map(label), "format": "text/html" }]),
    );
    let items: Vec<Value> = items
        .iter()
        .map(|i| json!({ "id": i.manifest, "type": "Manifest", "label": language_map(i.label) }))
        .collect();
    c.insert("items".into(), Value::Array(items));
    Value::Object(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_maps_use_bcp47_keys_and_none_for_no_language() {
        let t = LocalizedText::new()
            .with("uk", "Рушник")
            .with("und", "KP-1");
        assert_eq!(
            language_map(&t),
            json!({ "none": ["KP-1"], "uk": ["Рушник"] })
        );
    }
}
