//! schema.org JSON-LD for public pages, so search engines and aggregators read our records.

use kolo_domain::institution::Contacts;
use kolo_domain::{Institution, LocalizedText, Network, UiLang};
use serde_json::{Map, Value, json};

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
