//! Record bundles: a folder of readable TOML files, one record each, that Kolo imports.
//!
//! ```text
//! networks/<slug>.toml       a network
//! institutions/<slug>.toml   an institution; `networks = ["slug", ...]` lists its memberships
//! events/<slug>.toml         an event; `[[programme]]` tables hold its programme items (published
//!                            as `programme_version = "..."` when they change), `[[documents]]`
//!                            its documents, with `[[documents.recommendations]]`, an optional
//!                            `[registration]` table its registration settings
//! exhibitions/<slug>.toml    an exhibition; `[[itinerary]]` its stops, `[[sections]]` with
//!                            `[[sections.objects]]` what it shows
//! stories/<slug>.toml        an object story ("the exhibit tells...")
//! posts/<slug>.toml          a post (news, interview, publication...), its body Markdown
//! vocabularies/<kind>.toml   `[[terms]]` of one vocabulary (`place`, `material`...); `kind` may
//!                            be left out
//! collections/<slug>.toml    `[[collections]]` of the institution `<slug>`; `institution` may be
//!                            left out
//! objects/<any>.toml         `[[objects]]`: museum objects, each naming its institution
//! projects/<slug>.toml       a cooperation project; `[[partners]]`, `[[activities]]`, and
//!                            `goals`, `tasks`, `outcomes` as lists of texts
//! ```
//! The demo data is such a bundle, and `kolo import` reads the same layout.

use kolo_domain::event::check_programme;
use kolo_domain::registration::RegistrationSettings;
use kolo_domain::{
    Collection, Event, EventDocument, Exhibition, Institution, MuseumObject, Network, Post,
    ProgrammeItem, Project, Slug, Story, Term, ValidationErrors, VocabularyKind,
};
use serde::Deserialize;
use std::collections::BTreeSet;

/// One problem in one file, with the line where it could be located.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct BundleError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

/// A parsed bundle, ready for the store.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Bundle {
    pub networks: Vec<Network>,
    pub institutions: Vec<InstitutionEntry>,
    /// In file order; a parent event comes before the events that name it (see `parse`).
    pub events: Vec<EventEntry>,
    pub exhibitions: Vec<Exhibition>,
    pub stories: Vec<Story>,
    pub posts: Vec<Post>,
    /// Broader terms before the terms that name them.
    pub terms: Vec<Term>,
    /// Parents before the collections inside them.
    pub collections: Vec<Collection>,
    pub objects: Vec<MuseumObject>,
    pub projects: Vec<Project>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EventEntry {
    pub event: Event,
    pub programme: Vec<ProgrammeItem>,
    /// The name to publish the programme under when it changed (else the next number).
    pub programme_version: Option<String>,
    pub documents: Vec<EventDocument>,
    /// Registration on Kolo, if the event takes it.
    pub registration: Option<RegistrationSettings>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InstitutionEntry {
    pub institution: Institution,
    pub networks: Vec<Slug>,
}

impl Bundle {
    pub fn len(&self) -> usize {
        self.networks.len()
            + self.institutions.len()
            + self.events.len()
            + self.exhibitions.len()
            + self.posts.len()
            + self.stories.len()
            + self.terms.len()
            + self.collections.len()
            + self.objects.len()
            + self.projects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What an event file lists beside the event itself.
#[derive(Deserialize)]
struct EventParts {
    #[serde(default)]
    programme: Vec<ProgrammeItem>,
    programme_version: Option<String>,
    #[serde(default)]
    documents: Vec<EventDocument>,
    registration: Option<RegistrationSettings>,
}

/// The keys an event file has besides the event's own fields.
const EVENT_PARTS: &[&str] = &[
    "programme",
    "programme_version",
    "documents",
    "registration",
];

/// The memberships an institution file lists beside the institution itself.
#[derive(Deserialize)]
struct Memberships {
    #[serde(default)]
    networks: Vec<Slug>,
}

/// What a file in a bundle holds, judged by its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Network,
    Institution,
    Event,
    Exhibition,
    Story,
    Post,
    Vocabulary,
    Collections,
    Objects,
    Project,
}

impl FileKind {
    /// `networks/x.toml`, `institutions/x.toml`, `events/x.toml`, `exhibitions/x.toml` or
    /// `stories/x.toml` (any parent folders before that); other files are not records.
    pub fn of(path: &str) -> Option<FileKind> {
        let path = path.replace('\\', "/");
        if !path.ends_with(".toml") {
            return None;
        }
        let folder = path.rsplit('/').nth(1)?;
        match folder {
            "networks" => Some(FileKind::Network),
            "institutions" => Some(FileKind::Institution),
            "events" => Some(FileKind::Event),
            "exhibitions" => Some(FileKind::Exhibition),
            "stories" => Some(FileKind::Story),
            "posts" => Some(FileKind::Post),
            "vocabularies" => Some(FileKind::Vocabulary),
            "collections" => Some(FileKind::Collections),
            "objects" => Some(FileKind::Objects),
            "projects" => Some(FileKind::Project),
            _ => None,
        }
    }
}

/// Parses every record file of a bundle and checks the bundle as a whole. All problems are
/// reported, not just the first, so a user can fix a bundle in one pass.
pub fn parse<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Bundle, Vec<BundleError>> {
    let mut bundle = Bundle::default();
    let mut errors = Vec::new();
    let mut files: Vec<_> = files
        .into_iter()
        .filter_map(|(p, t)| FileKind::of(p).map(|k| (p, t, k)))
        .collect();
    files.sort_by_key(|(p, _, _)| *p);
    for (path, text, kind) in files {
        match kind {
            FileKind::Network => match parse_record::<Network>(path, text, Network::FIELDS) {
                Ok(n) => bundle.networks.push(n),
                Err(e) => errors.extend(e),
            },
            FileKind::Institution => {
                let parsed = parse_record::<Institution>(
                    path,
                    text,
                    &[Institution::FIELDS, &["networks"]].concat(),
                )
                .and_then(|i| Ok((i, deserialize::<Memberships>(path, text)?)));
                match parsed {
                    Ok((institution, m)) => bundle.institutions.push(InstitutionEntry {
                        institution,
                        networks: m.networks,
                    }),
                    Err(e) => errors.extend(e),
                }
            }
            FileKind::Event => {
                let parsed =
                    parse_record::<Event>(path, text, &[Event::FIELDS, EVENT_PARTS].concat())
                        .and_then(|e| Ok((e, deserialize::<EventParts>(path, text)?)));
                match parsed {
                    Ok((event, p)) => {
                        let found = event_part_errors(path, text, &event, &p);
                        if found.is_empty() {
                            bundle.events.push(EventEntry {
                                event,
                                programme: p.programme,
                                programme_version: p.programme_version,
                                documents: p.documents,
                                registration: p.registration,
                            });
                        }
                        errors.extend(found);
                    }
                    Err(e) => errors.extend(e),
                }
            }
            FileKind::Exhibition => {
                match parse_record::<Exhibition>(path, text, Exhibition::FIELDS) {
                    Ok(x) => bundle.exhibitions.push(x),
                    Err(e) => errors.extend(e),
                }
            }
            FileKind::Story => match parse_record::<Story>(path, text, Story::FIELDS) {
                Ok(s) => bundle.stories.push(s),
                Err(e) => errors.extend(e),
            },
            FileKind::Project => match parse_record::<Project>(path, text, Project::FIELDS) {
                Ok(p) => bundle.projects.push(p),
                Err(e) => errors.extend(e),
            },
            FileKind::Post => match parse_record::<Post>(path, text, Post::FIELDS) {
                Ok(p) => bundle.posts.push(p),
                Err(e) => errors.extend(e),
            },
            FileKind::Vocabulary => {
                let stem = file_stem(path);
                match VocabularyKind::from_code(stem) {
                    None => errors.push(BundleError {
                        file: path.to_owned(),
                        line: None,
                        message: format!("`{stem}` is not a vocabulary"),
                    }),
                    Some(kind) => match parse_list(
                        path,
                        text,
                        "terms",
                        ("kind", kind.code()),
                        Term::FIELDS,
                        Term::validate,
                    ) {
                        Ok(terms) => bundle.terms.extend(terms),
                        Err(e) => errors.extend(e),
                    },
                }
            }
            FileKind::Collections => {
                let stem = file_stem(path);
                match parse_list(
                    path,
                    text,
                    "collections",
                    ("institution", stem),
                    Collection::FIELDS,
                    Collection::validate,
                ) {
                    Ok(list) => bundle.collections.extend(list),
                    Err(e) => errors.extend(e),
                }
            }
            FileKind::Objects => {
                match parse_list::<MuseumObject>(
                    path,
                    text,
                    "objects",
                    ("", ""),
                    MuseumObject::FIELDS,
                    MuseumObject::validate,
                ) {
                    Ok(list) => bundle.objects.extend(list),
                    Err(e) => errors.extend(e),
                }
            }
        }
    }
    bundle.terms.sort_by_key(|t| t.broader.is_some());
    bundle.collections.sort_by_key(|c| c.parent.is_some());
    order_parents_first(&mut bundle.events);
    check_references(&bundle, &mut errors);
    if errors.is_empty() {
        Ok(bundle)
    } else {
        Err(errors)
    }
}

trait Checked {
    fn slug(&self) -> &Slug;
    fn validate(&self) -> Result<(), ValidationErrors>;
}

impl Checked for Network {
    fn slug(&self) -> &Slug {
        &self.slug
    }
    fn validate(&self) -> Result<(), ValidationErrors> {
        Network::validate(self)
    }
}

impl Checked for Event {
    fn slug(&self) -> &Slug {
        &self.slug
    }
    fn validate(&self) -> Result<(), ValidationErrors> {
        Event::validate(self)
    }
}

impl Checked for Exhibition {
    fn slug(&self) -> &Slug {
        &self.slug
    }
    fn validate(&self) -> Result<(), ValidationErrors> {
        Exhibition::validate(self)
    }
}

impl Checked for Story {
    fn slug(&self) -> &Slug {
        &self.slug
    }
    fn validate(&self) -> Result<(), ValidationErrors> {
        Story::validate(self)
    }
}

impl Checked for Project {
    fn slug(&self) -> &Slug {
        &self.slug
    }
    fn validate(&self) -> Result<(), ValidationErrors> {
        Project::validate(self)
    }
}

impl Checked for Post {
    fn slug(&self) -> &Slug {
        &self.slug
    }
    fn validate(&self) -> Result<(), ValidationErrors> {
        Post::validate(self)
    }
}

impl Checked for Institution {
    fn slug(&self) -> &Slug {
        &self.slug
    }
    fn validate(&self) -> Result<(), ValidationErrors> {
        Institution::validate(self)
    }
}

fn parse_record<T: for<'de> Deserialize<'de> + Checked>(
    path: &str,
    text: &str,
    allowed: &[&str],
) -> Result<T, Vec<BundleError>> {
    let error = |line: Option<usize>, message: String| BundleError {
        file: path.to_owned(),
        line,
        message,
    };
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        vec![error(
            e.span().map(|s| line_of(text, s.start)),
            e.message().to_owned(),
        )]
    })?;
    let unknown: Vec<_> = table
        .keys()
        .filter(|k| !allowed.contains(&k.as_str()))
        .map(|k| {
            error(
                find_key_line(text, k),
                format!(
                    "unknown field `{k}`; expected one of: {}",
                    allowed.join(", ")
                ),
            )
        })
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let record: T = deserialize(path, text)?;
    record.validate().map_err(|v| {
        v.errors
            .iter()
            .map(|fe| {
                let key = fe.field.split(['.', '[']).next().unwrap_or(&fe.field);
                // `itinerary[2].closes_on`: the line of the third `[[itinerary]]` table.
                let line = table_line(text, &format!("[[{key}]]"), &format!("{key}["), &fe.field)
                    .or_else(|| find_key_line(text, key));
                error(line, fe.to_string())
            })
            .collect::<Vec<_>>()
    })?;
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".toml");
    if stem != record.slug().as_str() {
        return Err(vec![error(
            find_key_line(text, "slug"),
            format!(
                "slug `{}` differs from the file name `{stem}.toml`",
                record.slug()
            ),
        )]);
    }
    Ok(record)
}

fn file_stem(path: &str) -> &str {
    path.rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".toml")
}

/// The `[[list]]` tables of a file, each given `default` (a key and its value) when it lacks
/// that key, parsed and checked; problems are named `list[i].field`.
fn parse_list<T: for<'de> Deserialize<'de>>(
    path: &str,
    text: &str,
    list: &str,
    (key, default): (&str, &str),
    allowed: &[&str],
    validate: impl Fn(&T) -> Result<(), ValidationErrors>,
) -> Result<Vec<T>, Vec<BundleError>> {
    let error = |line: Option<usize>, message: String| BundleError {
        file: path.to_owned(),
        line,
        message,
    };
    let mut table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        vec![error(
            e.span().map(|s| line_of(text, s.start)),
            e.message().to_owned(),
        )]
    })?;
    if let Some(other) = table.keys().find(|k| *k != list) {
        return Err(vec![error(
            find_key_line(text, other),
            format!("unknown field `{other}`; expected `[[{list}]]` tables"),
        )]);
    }
    let Some(toml::Value::Array(entries)) = table.remove(list) else {
        return Err(vec![error(None, format!("no `[[{list}]]` tables"))]);
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, mut entry) in entries.into_iter().enumerate() {
        if let Some(t) = entry.as_table_mut() {
            if let Some(unknown) = t.keys().find(|k| !allowed.contains(&k.as_str())) {
                errors.push(error(
                    None,
                    format!(
                        "{list}[{i}]: unknown field `{unknown}`; expected one of: {}",
                        allowed.join(", ")
                    ),
                ));
                continue;
            }
            if !key.is_empty() && !t.contains_key(key) {
                t.insert(key.to_owned(), toml::Value::String(default.to_owned()));
            }
        }
        match T::deserialize(entry) {
            Err(e) => errors.push(error(None, format!("{list}[{i}]: {}", e.message()))),
            Ok(value) => match validate(&value) {
                Ok(()) => out.push(value),
                Err(v) => errors.extend(
                    v.errors
                        .iter()
                        .map(|fe| error(None, format!("{list}[{i}].{fe}"))),
                ),
            },
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn deserialize<T: for<'de> Deserialize<'de>>(
    path: &str,
    text: &str,
) -> Result<T, Vec<BundleError>> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        vec![BundleError {
            file: path.to_owned(),
            line,
            message: e.message().to_owned(),
        }]
    })
}

fn check_references(bundle: &Bundle, errors: &mut Vec<BundleError>) {
    let mut seen = BTreeSet::new();
    for n in &bundle.networks {
        if !seen.insert(n.slug.as_str()) {
            errors.push(BundleError {
                file: format!("networks/{}.toml", n.slug),
                line: None,
                message: "duplicate slug".into(),
            });
        }
    }
    for entry in &bundle.institutions {
        for slug in &entry.networks {
            if !seen.contains(slug.as_str()) {
                errors.push(BundleError {
                    file: format!("institutions/{}.toml", entry.institution.slug),
                    line: None,
                    message: format!("networks: no network `{slug}` in this bundle"),
                });
            }
        }
    }
}

/// Sorts events so that every parent in the bundle precedes its children; otherwise keeps file
/// order. A cycle is left in file order for the store to report.
fn order_parents_first(events: &mut Vec<EventEntry>) {
    let in_bundle: BTreeSet<String> = events.iter().map(|e| e.event.slug.to_string()).collect();
    let mut placed = BTreeSet::new();
    let mut ordered = Vec::with_capacity(events.len());
    let mut pending = std::mem::take(events);
    while !pending.is_empty() {
        let before = pending.len();
        let (ready, rest): (Vec<_>, Vec<_>) = pending.into_iter().partition(|e| {
            e.event
                .parent
                .as_ref()
                .is_none_or(|p| !in_bundle.contains(p.as_str()) || placed.contains(p.as_str()))
        });
        placed.extend(ready.iter().map(|e| e.event.slug.to_string()));
        ordered.extend(ready);
        pending = rest;
        if pending.len() == before {
            ordered.append(&mut pending);
        }
    }
    *events = ordered;
}

/// The problems of an event file's programme, version name and documents.
fn event_part_errors(path: &str, text: &str, event: &Event, p: &EventParts) -> Vec<BundleError> {
    let error = |line: Option<usize>, message: String| BundleError {
        file: path.to_owned(),
        line,
        message,
    };
    let mut found = Vec::new();
    if let Err(v) = check_programme(event, &p.programme) {
        found.extend(v.errors.iter().map(|fe| {
            error(
                table_line(text, "[[programme]]", "items[", &fe.field),
                fe.to_string(),
            )
        }));
    }
    if let Some(name) = &p.programme_version
        && let Err(v) = kolo_domain::programme::version_name(name)
    {
        found.extend(v.errors.iter().map(|fe| {
            error(
                find_key_line(text, "programme_version"),
                format!("programme_version: {}", fe.reason),
            )
        }));
    }
    if let Some(Err(v)) = p.registration.as_ref().map(RegistrationSettings::validate) {
        let line = find_key_line(text, "registration");
        found.extend(
            v.errors
                .iter()
                .map(|fe| error(line, format!("registration.{fe}"))),
        );
    }
    // Documents take no unknown fields either (serde does not check them for a document).
    let tables: Vec<toml::Table> = text
        .parse::<toml::Table>()
        .ok()
        .and_then(|t| t.get("documents")?.as_array().cloned())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| v.as_table().cloned())
        .collect();
    let mut keys = BTreeSet::new();
    for (i, doc) in p.documents.iter().enumerate() {
        let field = format!("documents[{i}]");
        let line = table_line(text, "[[documents]]", "documents[", &field);
        for k in tables.get(i).into_iter().flat_map(|t| t.keys()) {
            if !EventDocument::FIELDS.contains(&k.as_str()) {
                found.push(error(
                    line,
                    format!(
                        "{field}: unknown field `{k}`; expected one of: {}",
                        EventDocument::FIELDS.join(", ")
                    ),
                ));
            }
        }
        if !keys.insert(doc.key.as_str()) {
            found.push(error(line, format!("{field}.key: duplicate")));
        }
        if let Err(v) = doc.validate() {
            found.extend(
                v.errors
                    .iter()
                    .map(|fe| error(line, format!("{field}.{fe}"))),
            );
        }
    }
    found
}

/// The line of the `header` (`[[programme]]`) of the entry a field path like `items[3].hall`
/// names, its index following `prefix`.
fn table_line(text: &str, header: &str, prefix: &str, field: &str) -> Option<usize> {
    let index: usize = field
        .strip_prefix(prefix)?
        .split(']')
        .next()?
        .parse()
        .ok()?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .nth(index)
        .map(|(i, _)| i + 1)
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The line where a top-level key or table header appears.
fn find_key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
                || l.trim_end() == format!("[{key}]")
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NETWORK: &str = r#"
slug = "aivim"
kind = "association"
original_lang = "ru"
[name]
ru = "Ассоциация исторических и военно-исторических музеев"
en = "Association of Historical and Military History Museums"
"#;

    const MUSEUM: &str = r#"
slug = "victory-museum"
kind = "museum"
original_lang = "ru"
country = "RU"
region_code = "RU-MOW"
networks = ["aivim"]
[name]
ru = "Музей Победы"
en = "Victory Museum"
[contacts]
website = "https://victorymuseum.ru"
"#;

    #[test]
    fn a_valid_bundle_parses() {
        let b = parse([
            ("demo/networks/aivim.toml", NETWORK),
            ("demo/institutions/victory-museum.toml", MUSEUM),
        ])
        .unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b.institutions[0].networks[0].as_str(), "aivim");
        assert_eq!(
            b.institutions[0].institution.name.get("en"),
            Some("Victory Museum")
        );
    }

    #[test]
    fn syntax_errors_carry_the_line() {
        let broken = MUSEUM.replace("kind = \"museum\"", "kind = museum");
        let e = parse([("institutions/victory-museum.toml", broken.as_str())]).unwrap_err();
        assert_eq!(
            (e[0].file.as_str(), e[0].line),
            ("institutions/victory-museum.toml", Some(3))
        );
    }

    #[test]
    fn unknown_fields_and_bad_values_are_named() {
        let typo = MUSEUM.replace("website", "webiste");
        let e = parse([
            ("networks/aivim.toml", NETWORK),
            ("institutions/victory-museum.toml", typo.as_str()),
        ])
        .unwrap_err();
        assert!(e[0].message.contains("unknown field `webiste`"), "{e:?}");
        assert_eq!(e[0].line, Some(12));
        let typo = MUSEUM.replace("region_code", "regoin");
        let e = parse([
            ("networks/aivim.toml", NETWORK),
            ("institutions/victory-museum.toml", typo.as_str()),
        ])
        .unwrap_err();
        assert!(e[0].message.contains("unknown field `regoin`"), "{e:?}");
        assert_eq!(e[0].line, Some(6));

        let bad_kind = MUSEUM.replace("\"museum\"", "\"zoo\"");
        let e = parse([
            ("networks/aivim.toml", NETWORK),
            ("institutions/victory-museum.toml", bad_kind.as_str()),
        ])
        .unwrap_err();
        assert!(e[0].message.contains("zoo"), "{e:?}");
        assert_eq!(e[0].line, Some(3));

        let no_name = MUSEUM.replace("ru = \"Музей Победы\"\n", "");
        let e = parse([
            ("networks/aivim.toml", NETWORK),
            ("institutions/victory-museum.toml", no_name.as_str()),
        ])
        .unwrap_err();
        assert_eq!(e[0].message, "name.ru: original-name-missing");
        assert_eq!(e[0].line, Some(8));
    }

    #[test]
    fn references_must_resolve_and_slugs_match_file_names() {
        let e = parse([("institutions/victory-museum.toml", MUSEUM)]).unwrap_err();
        assert!(e[0].message.contains("no network `aivim`"));
        let e = parse([("networks/other.toml", NETWORK)]).unwrap_err();
        assert!(e[0].message.contains("differs from the file name"));
    }

    const FORUM: &str = r#"
slug = "forum"
kind = "forum"
attendance = "hybrid"
original_lang = "ru"
starts_at = "2024-04-17T10:00:00"
ends_at = "2024-04-18T18:00:00"
time_zone = "Europe/Moscow"
[title]
ru = "Форум"
[venue]
name = { ru = "Библиотека" }
[[venue.halls]]
key = "gorky"
name = { ru = "Горьковский зал" }
[[programme]]
guid = "a"
kind = "session"
title = { ru = "Экспертная сессия" }
starts_at = "2024-04-17T10:00:00"
duration_minutes = 90
hall = "gorky"
[[programme]]
guid = "b"
kind = "talk"
title = { ru = "Доклад" }
starts_at = "2024-04-19T10:00:00"
duration_minutes = 30
hall = "attic"
"#;

    #[test]
    fn events_carry_their_programme_and_errors_point_at_the_item() {
        let ok = FORUM
            .replace("2024-04-19T10:00:00", "2024-04-18T10:00:00")
            .replace("\"attic\"", "\"gorky\"");
        let b = parse([("events/forum.toml", ok.as_str())]).unwrap();
        assert_eq!(b.events[0].programme.len(), 2);
        let e = parse([("events/forum.toml", FORUM)]).unwrap_err();
        let found: Vec<_> = e.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (Some(23), "items[1].starts_at: outside-event-days"),
                (Some(23), "items[1].hall: unknown-hall")
            ]
        );
    }

    #[test]
    fn documents_and_the_version_name_are_checked_where_they_stand() {
        let ok = FORUM
            .replace("2024-04-19T10:00:00", "2024-04-18T10:00:00")
            .replace("\"attic\"", "\"gorky\"");
        let with_docs = format!(
            r#"programme_version = "1.0"
{ok}
[[documents]]
key = "resolution"
kind = "resolution"
status = "draft"
title = {{ ru = "Резолюция" }}
adopted_on = "2024-04-18"
[[documents.recommendations]]
addressee = {{ ru = "Библиотекам" }}
text = {{ ru = "Развивать" }}
"#
        );
        let b = parse([("events/forum.toml", with_docs.as_str())]).unwrap();
        let entry = &b.events[0];
        assert_eq!(entry.programme_version.as_deref(), Some("1.0"));
        assert_eq!(entry.documents[0].recommendations.len(), 1);

        let report = with_docs.replacen("kind = \"resolution\"", "kind = \"report\"", 1);
        let e = parse([("events/forum.toml", report.as_str())]).unwrap_err();
        let found: Vec<_> = e.iter().map(|e| (e.line, e.message.as_str())).collect();
        let header = with_docs
            .lines()
            .position(|l| l == "[[documents]]")
            .unwrap()
            + 1;
        assert_eq!(
            found,
            [(
                Some(header),
                "documents[0].recommendations: only-for-resolutions"
            )]
        );
        let typo = with_docs.replace("adopted_on =", "adopted =");
        let e = parse([("events/forum.toml", typo.as_str())]).unwrap_err();
        assert_eq!(
            (
                e[0].line,
                e[0].message
                    .starts_with("documents[0]: unknown field `adopted`")
            ),
            (Some(header), true),
            "{e:?}"
        );
        let blank = with_docs.replace("programme_version = \"1.0\"", "programme_version = \" \"");
        let e = parse([("events/forum.toml", blank.as_str())]).unwrap_err();
        assert_eq!(e[0].message, "programme_version: required");
        assert_eq!(e[0].line, Some(1));
    }

    #[test]
    fn events_carry_their_registration_settings() {
        let ok = FORUM
            .replace("2024-04-19T10:00:00", "2024-04-18T10:00:00")
            .replace("\"attic\"", "\"gorky\"");
        let with =
            format!("{ok}\n[registration]\ncloses_at = \"2024-04-10T23:59:00\"\ncapacity = 120\n");
        let b = parse([("events/forum.toml", with.as_str())]).unwrap();
        let r = b.events[0].registration.as_ref().unwrap();
        assert_eq!(r.capacity, Some(120));
        assert!(
            parse([("events/forum.toml", ok.as_str())]).unwrap().events[0]
                .registration
                .is_none()
        );
        let bad = format!(
            "{ok}\n[registration]\nopens_at = \"2024-04-11T00:00:00\"\ncloses_at = \"2024-04-10T23:59:00\"\n"
        );
        let e = parse([("events/forum.toml", bad.as_str())]).unwrap_err();
        assert_eq!(e[0].message, "registration.closes_at: closes-before-opens");
        assert_eq!(
            e[0].line,
            bad.lines()
                .position(|l| l == "[registration]")
                .map(|i| i + 1)
        );
    }

    #[test]
    fn parents_come_first() {
        let child = FORUM
            .replace(
                "slug = \"forum\"",
                "slug = \"a-session\"\nparent = \"forum\"",
            )
            .replace("\"attic\"", "\"gorky\"")
            .replace("2024-04-19", "2024-04-18");
        let parent = FORUM
            .replace("\"attic\"", "\"gorky\"")
            .replace("2024-04-19", "2024-04-18");
        let b = parse([
            ("events/a-session.toml", child.as_str()),
            ("events/forum.toml", parent.as_str()),
        ])
        .unwrap();
        let order: Vec<_> = b.events.iter().map(|e| e.event.slug.as_str()).collect();
        assert_eq!(order, ["forum", "a-session"]);
    }

    #[test]
    fn only_record_folders_count() {
        assert_eq!(FileKind::of("demo/README.md"), None);
        assert_eq!(FileKind::of("a/b/networks/x.toml"), Some(FileKind::Network));
        assert_eq!(FileKind::of("x.toml"), None);
    }

    const SHOW: &str = r#"
slug = "golden-man"
kind = "travelling"
original_lang = "kk-Cyrl"
hosts = ["national-museum-of-kazakhstan"]
state = "published"
[title]
kk-Cyrl = "Алтын адамның әлем музейлеріне шеруі"

[[itinerary]]
venue.en = "A museum"
opens_on = "2019-01-10"
closes_on = "2019-03-31"

[[itinerary]]
institution = "national-museum-of-kazakhstan"
opens_on = "2019-11-01"
closes_on = "2019-12-19"

[[sections]]
key = "finds"
title.en = "Finds"
[[sections.objects]]
object = { institution = "national-museum-of-kazakhstan", inventory_number = "DEMO-NMK-1" }
highlight = true
"#;

    #[test]
    fn exhibitions_and_stories_parse_and_errors_point_at_the_stop() {
        let story = r#"
slug = "costume"
institution = "novopskov-museum"
series = "the-exhibit-tells"
number = 1
object = { institution = "novopskov-museum", inventory_number = "DEMO-NOV-1" }
state = "published"
title.uk = "Святковий жіночий костюм"
body.uk = "Розповідь."
"#;
        let b = parse([
            ("exhibitions/golden-man.toml", SHOW),
            ("stories/costume.toml", story),
        ])
        .unwrap();
        assert_eq!((b.exhibitions.len(), b.stories.len(), b.len()), (1, 1, 2));
        assert!(b.exhibitions[0].sections[0].objects[0].highlight);
        let overlapping = SHOW.replace("opens_on = \"2019-11-01\"", "opens_on = \"2019-03-01\"");
        let e = parse([("exhibitions/golden-man.toml", overlapping.as_str())]).unwrap_err();
        assert_eq!(e[0].line, Some(15), "{e:?}");
        assert!(e[0].message.contains("itinerary[1].opens_on"), "{e:?}");
        let typo = story.replace("body.uk", "bdy.uk");
        let e = parse([("stories/costume.toml", typo.as_str())]).unwrap_err();
        assert!(e[0].message.contains("unknown field `bdy`"), "{e:?}");
    }
}
