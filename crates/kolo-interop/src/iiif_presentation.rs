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

/// A IIIF language map: the text's BCP 47 tags as keys.
pub fn language_map(text: &LocalizedText) -> Value {
    Value::Object(
        text.iter()
            .map(|(lang, s)| (lang.as_str().to_owned(), json!([s])))
            .collect(),
    )
}

/// A label and value pair (`metadata`, `requiredStatement`).
pub struct Entry {
    pub label: LocalizedText,
    /// A language map; `None` when there is nothing to say.
    value: Option<Value>,
}

impl Entry {
    pub fn localized(label: LocalizedText, value: &LocalizedText) -> Entry {
        let value = (!value.is_empty()).then(|| language_map(value));
        Entry { label, value }
    }

    /// A value in no language (an inventory number): IIIF's `none` key.
    pub fn plain(label: LocalizedText, value: &str) -> Entry {
        let value = (!value.is_empty()).then(|| json!({ "none": [value] }));
        Entry { label, value }
    }

    fn to_json(&self) -> Option<Value> {
        let value = self.value.as_ref()?;
        Some(json!({ "label": language_map(&self.label), "value": value }))
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
    let metadata: Vec<Value> = cx.metadata.iter().filter_map(Entry::to_json).collect();
    if !metadata.is_empty() {
        m.insert("metadata".into(), Value::Array(metadata));
    }
    if let Some(held_by) = cx.held_by.to_json() {
        m.insert("requiredStatement".into(), held_by);
    }
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
        m.insert("thumbnail".into(), thumbnail(first));
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

/// The Image API `size` of the largest picture that fits a `side`×`side` box: `!side,side`, or
/// `max` for an image already inside the box, because `!w,h` larger than the image asks for
/// upscaling, which a server without `sizeUpscaling` refuses (the official validator checks it).
pub fn fitted_size(width: u32, height: u32, side: u32) -> String {
    if width.max(height) > side {
        format!("!{side},{side}")
    } else {
        "max".to_owned()
    }
}

fn thumbnail(image: &CanvasImage<'_>) -> Value {
    let service = &image.service;
    let size = fitted_size(image.width, image.height, 400);
    json!([{
        "id": format!("{service}/full/{size}/0/default.jpg"),
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
    c.insert("thumbnail".into(), thumbnail(image));
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
    fn a_picture_is_fitted_into_its_box_but_never_upscaled() {
        assert_eq!(fitted_size(6000, 4000, 400), "!400,400");
        assert_eq!(fitted_size(300, 401, 400), "!400,400");
        assert_eq!(fitted_size(400, 300, 400), "max");
        assert_eq!(fitted_size(120, 80, 400), "max");
    }

    #[test]
    fn entries_are_language_maps_and_empty_ones_are_left_out() {
        let label = LocalizedText::new().with("en", "Inventory number");
        let t = LocalizedText::new()
            .with("uk", "Рушник")
            .with("kk-Latn", "Sülgi");
        assert_eq!(
            Entry::localized(label.clone(), &t).to_json(),
            Some(json!({
                "label": { "en": ["Inventory number"] },
                "value": { "kk-Latn": ["Sülgi"], "uk": ["Рушник"] },
            }))
        );
        assert_eq!(
            Entry::plain(label.clone(), "КП-1").to_json().unwrap()["value"],
            json!({ "none": ["КП-1"] })
        );
        assert_eq!(
            Entry::localized(label, &LocalizedText::new()).to_json(),
            None
        );
    }
}
