//! schema.org JSON-LD for exhibitions (`ExhibitionEvent`) and object stories (`Article`).

use super::{Link, tagged};
use kolo_domain::exhibition::{ExhibitionKind, Stop};
use kolo_domain::{Exhibition, LocalizedText, Story, UiLang};
use serde_json::{Map, Value, json};

/// A stop as the page knows it: the stop, and its venue's page in Kolo (with the venue's name).
pub struct StopLink<'a> {
    pub stop: &'a Stop,
    pub venue: Option<Link<'a>>,
}

/// What an exhibition page knows besides the exhibition.
pub struct ExhibitionContext<'a> {
    pub url: &'a str,
    pub lang: UiLang,
    /// Hosts and organisers in Kolo.
    pub organizers: &'a [Link<'a>],
    /// Where it is shown: its stops, or for a show without an itinerary its hosts.
    pub stops: &'a [StopLink<'a>],
    pub hosts: &'a [Link<'a>],
    pub events: &'a [Link<'a>],
    /// The exhibition's pictures (absolute URLs).
    pub images: &'a [String],
}

fn place(
    venue: Option<&Link<'_>>,
    name: &LocalizedText,
    city: &LocalizedText,
    lang: UiLang,
) -> Value {
    let mut obj = Map::new();
    obj.insert("@type".into(), json!("Place"));
    match venue {
        Some(l) => {
            obj.insert("@id".into(), json!(l.url));
            obj.insert("url".into(), json!(l.url));
            obj.insert("name".into(), tagged(l.name));
        }
        None => {
            obj.insert("name".into(), tagged(name));
        }
    }
    if let Some(city) = city.resolve(lang) {
        obj.insert(
            "address".into(),
            json!({ "@type": "PostalAddress", "addressLocality": city.text }),
        );
    }
    Value::Object(obj)
}

/// A schema.org `ExhibitionEvent`: dates, a `location` per stop (each stop also a `subEvent`
/// with its own dates), organisers, and the events that belong to it.
pub fn exhibition(x: &Exhibition, cx: &ExhibitionContext<'_>) -> Value {
    let mut obj = Map::new();
    obj.insert("@context".into(), json!("https://schema.org"));
    obj.insert("@type".into(), json!("ExhibitionEvent"));
    obj.insert("@id".into(), json!(cx.url));
    obj.insert("url".into(), json!(cx.url));
    obj.insert("name".into(), tagged(&x.title));
    let description = if x.summary.is_empty() {
        &x.description
    } else {
        &x.summary
    };
    if !description.is_empty() {
        obj.insert("description".into(), tagged(description));
    }
    obj.insert("inLanguage".into(), json!(x.original_lang.as_str()));
    let (opens, closes) = x.span();
    if let Some(d) = opens {
        obj.insert("startDate".into(), json!(d.to_string()));
    }
    if let Some(d) = closes {
        obj.insert("endDate".into(), json!(d.to_string()));
    }
    let mode = if x.kind == ExhibitionKind::Virtual {
        "https://schema.org/OnlineEventAttendanceMode"
    } else {
        "https://schema.org/OfflineEventAttendanceMode"
    };
    obj.insert("eventAttendanceMode".into(), json!(mode));
    let empty = LocalizedText::new();
    let locations: Vec<Value> = if cx.stops.is_empty() {
        cx.hosts
            .iter()
            .map(|h| place(Some(h), &empty, &empty, cx.lang))
            .collect()
    } else {
        cx.stops
            .iter()
            .map(|s| place(s.venue.as_ref(), &s.stop.venue, &s.stop.city, cx.lang))
            .collect()
    };
    if !locations.is_empty() {
        obj.insert("location".into(), Value::Array(locations));
    }
    if !cx.organizers.is_empty() {
        obj.insert(
            "organizer".into(),
            super::link_list("Organization", cx.organizers),
        );
    }
    let mut subs: Vec<Value> = cx
        .stops
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "@type": "ExhibitionEvent",
                "@id": format!("{}#stop-{}", cx.url, i + 1),
                "name": tagged(&x.title),
                "startDate": s.stop.opens_on.to_string(),
                "endDate": s.stop.closes_on.to_string(),
                "location": place(s.venue.as_ref(), &s.stop.venue, &s.stop.city, cx.lang),
            })
        })
        .collect();
    subs.extend(
        cx.events.iter().map(
            |e| json!({ "@type": "Event", "@id": e.url, "url": e.url, "name": tagged(e.name) }),
        ),
    );
    if !subs.is_empty() {
        obj.insert("subEvent".into(), Value::Array(subs));
    }
    if !cx.images.is_empty() {
        obj.insert("image".into(), json!(cx.images));
    }
    Value::Object(obj)
}

/// What a story page knows besides the story.
pub struct StoryContext<'a> {
    pub url: &'a str,
    pub publisher: Link<'a>,
    /// The series' page and name, when the story belongs to one.
    pub series: Option<(&'a str, &'a str)>,
    /// The object's name as the page shows it (its record's title once collections know it).
    pub object_name: &'a str,
}

/// A schema.org `Article` `about` the object, `isPartOf` its series.
pub fn story(s: &Story, cx: &StoryContext<'_>) -> Value {
    let about = json!({
        "@type": "CreativeWork",
        "identifier": s.object.inventory_number.as_str(),
        "name": cx.object_name,
    });
    let mut obj = json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": cx.url,
        "url": cx.url,
        "headline": tagged(&s.title),
        "articleBody": tagged(&s.body),
        "about": about,
        "publisher": { "@type": "Organization", "@id": cx.publisher.url, "url": cx.publisher.url, "name": tagged(cx.publisher.name) },
    });
    if let Some(d) = s.published_on {
        obj["datePublished"] = json!(d.to_string());
    }
    if let Some((url, name)) = cx.series {
        obj["isPartOf"] =
            json!({ "@type": "CreativeWorkSeries", "@id": url, "url": url, "name": name });
    }
    if let Some(n) = s.number {
        obj["position"] = json!(n);
    }
    obj
}
