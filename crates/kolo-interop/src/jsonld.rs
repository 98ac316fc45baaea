//! schema.org JSON-LD for public pages, so search engines and aggregators read our records.

use kolo_domain::institution::Contacts;
use kolo_domain::{
    DocumentStatus, Event, EventDocument, Institution, LocalizedText, MuseumObject, Network,
    ProgrammeItem, UiLang,
};
use serde_json::{Map, Value, json};

pub mod exhibitions;
pub mod posts;
pub mod projects;

/// A linked record: its public URL and its name.
pub struct Link<'a> {
    pub url: &'a str,
    pub name: &'a LocalizedText,
}

/// Every language of a text as JSON-LD language-tagged values.
fn tagged(text: &LocalizedText) -> Value {
    Value::Array(
        text.iter()
            .map(|(lang, value)| json!({ "@value": value, "@language": lang.as_str() }))
            .collect(),
    )
}

fn put_contacts(obj: &mut Map<String, Value>, contacts: &Contacts) {
    if let Some(email) = &contacts.email {
        obj.insert("email".into(), json!(email));
    }
    if let Some(phone) = &contacts.phone {
        obj.insert("telephone".into(), json!(phone));
    }
    if let Some(site) = &contacts.website {
        obj.insert("sameAs".into(), json!(site.as_str()));
    }
}

fn organisation(
    kind: &str,
    url: &str,
    name: &LocalizedText,
    description: &LocalizedText,
) -> Map<String, Value> {
    let mut obj = Map::new();
    obj.insert("@context".into(), json!("https://schema.org"));
    obj.insert("@type".into(), json!(kind));
    obj.insert("@id".into(), json!(url));
    obj.insert("url".into(), json!(url));
    obj.insert("name".into(), tagged(name));
    if !description.is_empty() {
        obj.insert("description".into(), tagged(description));
    }
    obj
}

fn link_list(kind: &str, links: &[Link<'_>]) -> Value {
    Value::Array(
        links
            .iter()
            .map(|l| json!({ "@type": kind, "@id": l.url, "url": l.url, "name": tagged(l.name) }))
            .collect(),
    )
}

/// `Museum`, `Library`, ... with address, contacts and the networks it is a member of.
pub fn institution(i: &Institution, url: &str, lang: UiLang, member_of: &[Link<'_>]) -> Value {
    let mut obj = organisation(i.kind.schema_org_type(), url, &i.name, &i.description);
    let mut address = Map::new();
    address.insert("@type".into(), json!("PostalAddress"));
    address.insert("addressCountry".into(), json!(i.country.as_str()));
    for (key, text) in [
        ("addressRegion", &i.region),
        ("addressLocality", &i.locality),
        ("streetAddress", &i.address),
    ] {
        if let Some(v) = text.resolve(lang) {
            address.insert(key.into(), json!(v.text));
        }
    }
    obj.insert("address".into(), Value::Object(address));
    put_contacts(&mut obj, &i.contacts);
    if !member_of.is_empty() {
        obj.insert("memberOf".into(), link_list("Organization", member_of));
    }
    Value::Object(obj)
}

/// An `Organization` listing its member institutions.
pub fn network(n: &Network, url: &str, members: &[Link<'_>]) -> Value {
    let mut obj = organisation("Organization", url, &n.name, &n.description);
    put_contacts(&mut obj, &n.contacts);
    if !members.is_empty() {
        obj.insert("member".into(), link_list("Organization", members));
    }
    Value::Object(obj)
}

/// A wall-clock time in an event's zone as an ISO 8601 date-time with offset.
fn zoned(e: &Event, local: chrono::NaiveDateTime) -> String {
    e.time_zone
        .to_utc(local)
        .with_timezone(&e.time_zone.0)
        .to_rfc3339()
}

/// What an event page knows besides the event: its address, its organisers in Kolo, the event
/// it belongs to, and its programme items (each with an anchor on the page).
pub struct EventContext<'a> {
    pub url: &'a str,
    pub lang: UiLang,
    pub organizers: &'a [Link<'a>],
    pub super_event: Option<Link<'a>>,
    pub programme: &'a [ProgrammeItem],
}

/// A schema.org `Event` with attendance mode, status, physical and virtual location,
/// organisers and the programme as `subEvent`s.
pub fn event(e: &Event, cx: &EventContext<'_>) -> Value {
    let mut obj = Map::new();
    obj.insert("@context".into(), json!("https://schema.org"));
    obj.insert("@type".into(), json!("Event"));
    obj.insert("@id".into(), json!(cx.url));
    obj.insert("url".into(), json!(cx.url));
    obj.insert("name".into(), tagged(&e.title));
    let description = if e.summary.is_empty() {
        &e.description
    } else {
        &e.summary
    };
    if !description.is_empty() {
        obj.insert("description".into(), tagged(description));
    }
    obj.insert("inLanguage".into(), json!(e.original_lang.as_str()));
    obj.insert("startDate".into(), json!(zoned(e, e.starts_at)));
    obj.insert("endDate".into(), json!(zoned(e, e.ends_at)));
    obj.insert("eventStatus".into(), json!(e.status.schema_org()));
    obj.insert(
        "eventAttendanceMode".into(),
        json!(e.attendance.schema_org()),
    );
    let mut locations = Vec::new();
    if let Some(venue) = &e.venue {
        let mut place = json!({ "@type": "Place", "name": venue.name.text_for(cx.lang) });
        if let Some(address) = venue.address.resolve(cx.lang) {
            place["address"] = json!({ "@type": "PostalAddress", "streetAddress": address.text });
        }
        locations.push(place);
    }
    if let Some(online) = &e.online_url {
        locations.push(json!({ "@type": "VirtualLocation", "url": online.as_str() }));
    }
    if !locations.is_empty() {
        obj.insert("location".into(), Value::Array(locations));
    }
    let mut organizers: Vec<Value> = cx
        .organizers
        .iter()
        .map(|l| json!({ "@type": "Organization", "@id": l.url, "url": l.url, "name": tagged(l.name) }))
        .collect();
    organizers.extend(e.organisers.iter().filter_map(|p| match p {
        kolo_domain::event::Party::Named { name } => {
            Some(json!({ "@type": "Organization", "name": tagged(name) }))
        }
        kolo_domain::event::Party::Institution { .. } => None,
    }));
    if !organizers.is_empty() {
        obj.insert("organizer".into(), Value::Array(organizers));
    }
    if let Some(parent) = &cx.super_event {
        obj.insert("superEvent".into(), json!({ "@type": "Event", "@id": parent.url, "url": parent.url, "name": tagged(parent.name) }));
    }
    if !cx.programme.is_empty() {
        let items = cx
            .programme
            .iter()
            .map(|item| {
                let mut sub = json!({
                    "@type": "Event",
                    "@id": format!("{}#item-{}", cx.url, item.guid),
                    "name": tagged(&item.title),
                    "startDate": zoned(e, item.starts_at),
                    "endDate": zoned(e, item.ends_at()),
                    "eventStatus": e.status.schema_org(),
                    "eventAttendanceMode": e.attendance.schema_org(),
                });
                if let Some(hall) = item.hall.as_ref().and_then(|h| e.hall(h.as_str())) {
                    sub["location"] =
                        json!({ "@type": "Place", "name": hall.name.text_for(cx.lang) });
                }
                if let Some(url) = item.recording_url.as_ref().or(item.broadcast_url.as_ref()) {
                    sub["recordedIn"] = json!({ "@type": "CreativeWork", "url": url.as_str() });
                }
                sub
            })
            .collect();
        obj.insert("subEvent".into(), Value::Array(items));
    }
    Value::Object(obj)
}

/// A schema.org `DigitalDocument` for an event's document (a resolution, a report), `about`
/// the event, with its status (`draft`/`final`) as `creativeWorkStatus`.
pub fn document(d: &EventDocument, url: &str, event: Link<'_>) -> Value {
    let mut obj = json!({
        "@context": "https://schema.org",
        "@type": "DigitalDocument",
        "@id": url,
        "url": url,
        "name": tagged(&d.title),
        "genre": d.kind.code(),
        "creativeWorkStatus": match d.status {
            DocumentStatus::Draft => "Draft",
            DocumentStatus::Final => "Final",
        },
        "about": { "@type": "Event", "@id": event.url, "url": event.url, "name": tagged(event.name) },
    });
    if !d.summary.is_empty() {
        obj["abstract"] = tagged(&d.summary);
    }
    if let Some(day) = d.adopted_on {
        obj["dateCreated"] = json!(day.to_string());
    }
    if !d.links.is_empty() {
        obj["associatedMedia"] = d
            .links
            .iter()
            .map(|l| json!({ "@type": "MediaObject", "contentUrl": l.url.as_str(), "name": tagged(&l.label) }))
            .collect();
    }
    obj
}

/// What an object's JSON-LD links to: its institution, and the labels of the terms it uses.
pub struct ObjectContext<'a> {
    pub institution: Link<'a>,
    pub object_type: Option<&'a LocalizedText>,
    pub materials: Vec<&'a LocalizedText>,
    pub creators: Vec<&'a LocalizedText>,
    /// The object's pictures (absolute URLs), the main one first.
    pub images: Vec<String>,
}

/// Object types that are works of art (schema.org `VisualArtwork`); everything else is a
/// `CreativeWork`.
pub const ARTWORK_TYPES: &[&str] = &[
    "painting",
    "drawing",
    "print",
    "sculpture",
    "icon",
    "photograph",
    "poster",
    "tapestry",
];

/// A year as ISO 8601 writes it (four digits, astronomical numbering: 1 BC is 0000).
fn iso_year(y: i32) -> String {
    if y < 0 {
        format!("-{:04}", -y)
    } else {
        format!("{y:04}")
    }
}

/// A museum object as a schema.org `VisualArtwork` or `CreativeWork`.
pub fn object(o: &MuseumObject, url: &str, cx: &ObjectContext<'_>) -> Value {
    let art = o
        .object_type
        .as_ref()
        .is_some_and(|t| ARTWORK_TYPES.contains(&t.as_str()));
    let mut obj = json!({
        "@context": "https://schema.org",
        "@type": if art { "VisualArtwork" } else { "CreativeWork" },
        "@id": url,
        "url": url,
        "name": tagged(&o.title),
        "identifier": o.inventory_number.as_str(),
        "sourceOrganization": {
            "@type": "Organization",
            "@id": cx.institution.url,
            "url": cx.institution.url,
            "name": tagged(cx.institution.name),
        },
    });
    if !o.description.is_empty() {
        obj["description"] = tagged(&o.description);
    }
    if let Some(t) = cx.object_type {
        obj["genre"] = tagged(t);
    }
    if !cx.materials.is_empty() {
        let materials: Vec<Value> = cx.materials.iter().map(|m| tagged(m)).collect();
        obj[if art { "artMedium" } else { "material" }] = Value::Array(materials);
    }
    if !cx.creators.is_empty() {
        obj["creator"] = cx
            .creators
            .iter()
            .map(|name| json!({ "@type": "Person", "name": tagged(name) }))
            .collect();
    }
    if let Some(d) = &o.dating
        && let (Some(e), Some(l)) = (d.earliest, d.latest)
    {
        obj["temporalCoverage"] = if e == l {
            json!(iso_year(e))
        } else {
            json!(format!("{}/{}", iso_year(e), iso_year(l)))
        };
    }
    if let Some(rights) = &o.rights {
        obj["license"] = json!(rights.url().as_str());
    }
    if !o.credit_line.is_empty() {
        obj["creditText"] = tagged(&o.credit_line);
    }
    if !cx.images.is_empty() {
        obj["image"] = json!(cx.images);
    }
    obj
}

#[cfg(test)]
mod tests {
    use super::*;
    use kolo_domain::{CountryCode, InstitutionKind, Slug};

    #[test]
    fn a_library_with_its_network() {
        let lib = Institution {
            slug: Slug::parse("slug", "pskov-library").unwrap(),
            kind: InstitutionKind::Library,
            original_lang: "ru".parse().unwrap(),
            name: LocalizedText::new()
                .with("ru", "Псковская областная библиотека")
                .with("en", "Pskov Regional Library"),
            description: LocalizedText::new(),
            country: CountryCode::parse("country", "RU").unwrap(),
            region_code: Some("RU-PSK".into()),
            region: LocalizedText::new().with("ru", "Псковская область"),
            locality: LocalizedText::new().with("ru", "Псков"),
            address: LocalizedText::new(),
            contacts: Contacts {
                email: Some("a@b.ru".into()),
                ..Default::default()
            },
        };
        let network_name = LocalizedText::new().with("en", "Model libraries of the North-West");
        let v = institution(
            &lib,
            "http://k/i/pskov-library",
            UiLang::En,
            &[Link {
                url: "http://k/n/x",
                name: &network_name,
            }],
        );
        assert_eq!(v["@type"], "Library");
        assert_eq!(
            v["name"][1],
            json!({ "@value": "Псковская областная библиотека", "@language": "ru" })
        );
        assert_eq!(v["address"]["addressLocality"], "Псков");
        assert_eq!(v["memberOf"][0]["@id"], "http://k/n/x");
        assert_eq!(v["email"], "a@b.ru");
        assert!(v.get("description").is_none());
    }
}
