//! Frab conference schedules (`schedule.xml`, `schedule.json`): a faithful model of the format,
//! lenient reading, strict writing.
//!
//! The format is pentabarf's, carried on by frab, pretalx and the c3voc tools; its definitions are
//! the c3voc XSD (`schedule.xml.xsd`) and JSON Schema (`schema.json`). Real exports break both
//! (2014 frab guids are base64, pretalx slugs are upper case, camp attachments are relative URLs),
//! so the readers accept them and the model holds the values in the one form both schemas accept;
//! the writers emit only that, so their output validates. The rules, in one place:
//!
//! - **Read = parse, then canonicalise.** A reader keeps only what its own writer can write back,
//!   so `read_x(write_x(read_x(file))) == read_x(file)` for either format. The writers
//!   canonicalise too (the same functions, idempotent), so a hand-built [`Schedule`] still writes
//!   valid output.
//! - **Canonical forms** (both formats): the acronym in lower case, with `_` for characters the
//!   schemas refuse and for hyphens the JSON pattern refuses (`rc3-channels-2020` →
//!   `rc3_channels_2020`); slugs in lower case, replaced by a derived one when still invalid for
//!   either schema (`MJA8QY`); event codes only as six upper-case letters or digits; URLs absolute
//!   (resolved against `base_url`, a bare `example.org/x` taken as `http://`), else dropped;
//!   times to the second, durations to the minute and below 100 hours; ids, guids and slugs
//!   unique (a later duplicate gets a new one), as are codes (a later duplicate is dropped) and
//!   day indices (renumbered); rooms of one name in a day merged; links without a usable URL
//!   dropped; in XML, characters XML 1.0 forbids (C0 controls) dropped.
//! - **Derived when missing:** an event guid is UUIDv5 in the URL namespace of
//!   `urn:frab:{acronym}:event:{id}` (a nil guid counts as missing), a base64 guid of 2014-era frab
//!   is read as the 16 bytes it encodes; an event id (0 = missing) is the next after the largest;
//!   a slug is `{acronym}-{id}-{title}`; a catalogue room guid is UUIDv5 of
//!   `urn:frab:{acronym}:room:{name}`; the conference start/end come from the first/last day, the
//!   day count from the days, the timeslot from the coarsest of 60, 30, 15, 10, 5 and 1 minutes
//!   that every event start and duration fits.
//! - **One format cannot carry everything.** XML only: `schedule/url`, link `service`,
//!   `video_download_url`, recording URLs, track text, and link types outside the JSON list
//!   (JSON takes the listed ones in lower case); a URL that is not http(s) is left out where the
//!   XSD wants `httpURI`. JSON only: the room catalogue (`conference.rooms`, which also carries
//!   the day rooms' guids), conference description, keywords and `meta`, person code, URL,
//!   avatar, biography and links, `do_not_stream`; a `time_zone_name` outside the JSON pattern is
//!   left out of JSON. An event without a URL gets `urn:uuid:{guid}` in JSON (required there),
//!   which reads back as none.
//! - **The file's generator is not kept:** the writers name Kolo as the generator, since Kolo
//!   wrote the file.
//! - **schedule2** (`hub-schedule2.json`, events listed beside the days, `participants`, `start` and
//!   `end` as date-times, room and track references) is read into the same model, events placed in
//!   the day whose span holds their start; it is written as `schema.json`. Its fields with no
//!   place in either format (participant roles, track guids and colours, conference languages,
//!   event states, link services) are dropped.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use crate::xml::{self, Node, XmlWriter, line_at};
use base64::Engine as _;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, SecondsFormat, TimeDelta, Timelike};
use regex::Regex;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use url::Url;
use uuid::Uuid;

/// The largest input either reader accepts, checked before parsing: the biggest real schedules
/// (a whole congress with descriptions) are a few MiB.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Frab XML nests six deep, so anything much deeper is an attack on the parser, not a schedule;
/// a few hundred thousand elements make a huge congress, millions of tiny ones a memory attack.
const LIMITS: xml::Limits = xml::Limits {
    max_depth: 32,
    max_elements: 2_000_000,
};
/// What `write_json` puts in `$schema`: the `$id` of the schema its output follows.
pub const JSON_SCHEMA_ID: &str = "https://c3voc.de/schedule/schema.json";

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

/// A conference schedule: the conference and its days, each with rooms holding events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// The schedule's release name or number (`version`), e.g. `1.5 To shine in a bright light`.
    pub version: String,
    /// Where the schedule file itself is published (XML `schedule/url`; XML only).
    pub url: Option<String>,
    pub conference: Conference,
    pub days: Vec<Day>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conference {
    /// Short name, canonical: `[a-z0-9_]{4,}` (or with the JSON pattern's `-2YYY-word` tail).
    pub acronym: String,
    pub title: String,
    /// JSON only.
    pub description: Option<String>,
    pub start: DateOrDateTime,
    pub end: DateOrDateTime,
    /// `days` in XML, `daysCount` in JSON; as the file says, else the number of days.
    pub days_count: u32,
    /// The grid that event starts and durations sit on.
    pub timeslot_duration: TimeDelta,
    /// IANA name, e.g. `Europe/Berlin`.
    pub time_zone_name: Option<String>,
    /// Base for event pages and relative URLs (`conference/base_url` in XML, `schedule.base_url`
    /// in JSON).
    pub base_url: Option<String>,
    pub logo: Option<String>,
    /// The conference website.
    pub url: Option<String>,
    pub colors: Option<Colors>,
    /// JSON only.
    pub keywords: Vec<String>,
    pub tracks: Vec<Track>,
    /// The room catalogue (`conference.rooms`, JSON only); day rooms take their guid from it.
    pub rooms: Vec<RoomInfo>,
    /// Free-form `conference.meta` (JSON only).
    pub meta: serde_json::Map<String, serde_json::Value>,
}

/// Conference start and end are a date in older files and a date-time in newer ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrDateTime {
    Date(NaiveDate),
    DateTime(DateTime<FixedOffset>),
}

/// Conference colours, `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colors {
    pub primary: String,
    pub background: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Track {
    pub name: String,
    /// Valid for both schemas (`[a-z][a-z0-9-]*[a-z0-9]`), else none.
    pub slug: Option<String>,
    /// `#rrggbb`.
    pub color: Option<String>,
    /// The text content of an XML `<track>` (XML only).
    pub text: Option<String>,
}

/// A room of the catalogue (`conference.rooms` in JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomInfo {
    pub name: String,
    pub guid: Uuid,
    pub slug: Option<String>,
    pub kind: Option<RoomKind>,
    pub stream_id: Option<String>,
    pub description: Option<Text>,
    /// The deprecated `description_{lang}` fields, by `{lang}`.
    pub description_translations: BTreeMap<String, String>,
    pub capacity: Option<u32>,
    pub url: Option<String>,
    /// `features.recording`.
    pub recording: Option<RoomRecording>,
    /// The hub assembly the room belongs to (`assembly`, or schedule2's `parent`).
    pub assembly: Option<Assembly>,
}

/// A description as plain text or by language (`{"en": "…", "de": "…"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Text {
    Plain(String),
    Translated(BTreeMap<String, String>),
}

/// `conference.rooms[].type`; schedule2's `LECTURE_HALL`, `VIRTUAL`, … are read as these, and
/// anything else as `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoomKind {
    LectureHall,
    Stage,
    Workshop,
    Outside,
    Online,
    Project,
    Bbb,
    Hangar,
    Other,
}

/// `conference.rooms[].features.recording`; unknown values are read as `Unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoomRecording {
    RecordByDefault,
    NotRecordedByDefault,
    RecordingForbidden,
    RecordingNotPossible,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assembly {
    pub name: String,
    pub slug: String,
    pub guid: Uuid,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// 1-based and unique.
    pub index: u32,
    pub date: NaiveDate,
    /// When the day's programme begins and ends (often past midnight).
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub rooms: Vec<Room>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    pub name: String,
    /// The room's guid: an XML attribute, in JSON the catalogue entry of the same name.
    pub guid: Option<Uuid>,
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Unique; nil means missing and is derived when reading or writing.
    pub guid: Uuid,
    /// Unique, positive; 0 means missing and is assigned when reading or writing.
    pub id: u64,
    /// pretalx's submission code, six upper-case letters or digits.
    pub code: Option<String>,
    pub date: DateTime<FixedOffset>,
    /// Local start time, `HH:MM`.
    pub start: NaiveTime,
    /// `HH:MM`, at most 99:59.
    pub duration: TimeDelta,
    /// The room name as the event states it.
    pub room: String,
    /// Unique, valid for both schemas; empty means missing and is derived.
    pub slug: String,
    pub url: Option<String>,
    pub title: String,
    pub subtitle: Option<String>,
    pub track: String,
    pub r#type: String,
    pub language: Option<String>,
    pub r#abstract: String,
    pub description: Option<String>,
    /// An absolute URL, or empty (both formats allow an empty logo).
    pub logo: Option<String>,
    pub persons: Vec<Person>,
    pub links: Vec<Link>,
    pub attachments: Vec<Link>,
    /// XML `<recording>`; JSON `recording_license` and `do_not_record`.
    pub recording: Option<Recording>,
    /// JSON only.
    pub do_not_stream: Option<DoNotStream>,
    pub feedback_url: Option<String>,
    pub origin_url: Option<String>,
    /// Deprecated, XML only.
    pub video_download_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: Option<i64>,
    pub guid: Option<Uuid>,
    /// `public_name` (frab) or `name` (pretalx, hub); the text of an XML `<person>`.
    pub name: String,
    /// JSON only, as are the fields below.
    pub code: Option<String>,
    pub url: Option<String>,
    pub avatar: Option<String>,
    pub biography: Option<String>,
    pub links: Vec<Link>,
}

/// A link or attachment: `<link href="…" type="…" service="…">title</link>` in XML,
/// `{"url", "title", "type"}` in JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub title: Option<String>,
    /// Free text in XML; JSON has a fixed list (`slides`, `paper`, `web`, …).
    pub kind: Option<String>,
    /// XML only.
    pub service: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recording {
    pub license: String,
    /// `optout` in XML, `do_not_record` in JSON.
    pub optout: bool,
    /// XML only, as is `link`.
    pub url: Option<String>,
    pub link: Option<String>,
}

/// `do_not_stream` is a flag or, in some exports, a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DoNotStream {
    Flag(bool),
    Text(String),
}

/// Why an input was refused: a message and, where known, the line (and column) and the field
/// path (`schedule.conference.days[0].rooms.Curie[3].duration`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", position(*.line, *.column, .path.as_deref()))]
pub struct FrabError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub path: Option<String>,
}

fn position(line: Option<usize>, column: Option<usize>, path: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(line) = line {
        parts.push(format!("line {line}"));
    }
    if let Some(column) = column {
        parts.push(format!("column {column}"));
    }
    if let Some(path) = path {
        parts.push(format!("at {path}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("{}: ", parts.join(", "))
    }
}

impl From<xml::XmlError> for FrabError {
    fn from(e: xml::XmlError) -> Self {
        FrabError::at_line(e.line, e.message)
    }
}

impl FrabError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            line: None,
            column: None,
            path: None,
        }
    }

    fn at_line(line: usize, message: impl Into<String>) -> Self {
        Self {
            line: Some(line),
            ..Self::new(message)
        }
    }

    fn at_path(path: &str, message: impl Into<String>) -> Self {
        Self {
            path: Some(path.to_owned()),
            ..Self::new(message)
        }
    }
}

fn check_size(bytes: &[u8]) -> Result<(), FrabError> {
    if bytes.len() > MAX_BYTES {
        return Err(FrabError::new(format!(
            "the input is {} bytes, over the limit of {MAX_BYTES} bytes; refused before parsing",
            bytes.len()
        )));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Patterns of the schemas, and canonical forms
// ---------------------------------------------------------------------------------------------

/// The schemas' patterns as they are written there; XSD patterns are anchored implicitly, hence
/// the added `^(?:…)$`.
fn pattern(source: &str) -> Regex {
    Regex::new(source).expect("a valid pattern")
}
static ACRONYM_XSD: LazyLock<Regex> = LazyLock::new(|| pattern(r"^(?:[a-z0-9_-]{4,})$"));
static ACRONYM_JSON: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$"));
static SLUG_XSD: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^(?:[a-z0-9_]{4,}-[a-z0-9\-_]{4,})$"));
static SLUG_JSON: LazyLock<Regex> = LazyLock::new(|| pattern(r"^[a-z0-9_-]+[a-z0-9]$"));
static TRACK_SLUG_XSD: LazyLock<Regex> = LazyLock::new(|| pattern(r"^(?:[a-z][a-z0-9-]+)$"));
static CODE_XSD: LazyLock<Regex> = LazyLock::new(|| pattern(r"^(?:[0-9A-Z]{6})$"));
static CODE_JSON: LazyLock<Regex> = LazyLock::new(|| pattern(r"^[A-Z0-9]+$"));
static HEX_COLOR: LazyLock<Regex> = LazyLock::new(|| pattern(r"^(?:#[0-9a-fA-F]{6})$"));
static TIME_ZONE_JSON: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$"));
static HTTP_URI: LazyLock<Regex> = LazyLock::new(|| pattern(r"^(?:https?://.*)$"));

/// The link types `schema.json` allows.
const JSON_LINK_TYPES: [&str; 8] = [
    "slides",
    "paper",
    "web",
    "blog",
    "article",
    "media",
    "related",
    "activitypub",
];

/// Lower case, with `_` for anything outside `[a-z0-9_-]`.
fn slug_chars(raw: &str) -> String {
    raw.trim()
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn canonical_acronym(raw: &str) -> String {
    let mut acronym = slug_chars(raw);
    if !(ACRONYM_XSD.is_match(&acronym) && ACRONYM_JSON.is_match(&acronym)) {
        acronym = acronym.replace('-', "_");
        while acronym.len() < 4 {
            acronym.push('_');
        }
    }
    acronym
}

/// `raw` in lower case if that is valid for both schemas, else empty (to be derived).
fn canonical_slug(raw: &str) -> String {
    let slug = slug_chars(raw);
    if SLUG_XSD.is_match(&slug) && SLUG_JSON.is_match(&slug) {
        slug
    } else {
        String::new()
    }
}

/// frab's own slug shape, `{acronym}-{id}-{title_in_words}`.
fn derived_slug(acronym: &str, id: u64, title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        format!("{acronym}-{id}")
    } else {
        format!("{acronym}-{id}-{}", words.join("_"))
    }
}

fn derived_guid(acronym: &str, kind: &str, key: &str) -> Uuid {
    Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        format!("urn:frab:{acronym}:{kind}:{key}").as_bytes(),
    )
}

/// A UUID in any of its spellings, or the url-safe base64 of its 16 bytes (frab before ~2015).
fn parse_guid(raw: &str) -> Option<Uuid> {
    let raw = raw.trim();
    if let Ok(uuid) = Uuid::try_parse(raw) {
        return Some(uuid);
    }
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(raw.trim_end_matches('='))
        .ok()?;
    Uuid::from_slice(&bytes).ok()
}

/// An absolute URL for `raw`: as it is, resolved against `base`, or, for a bare
/// `example.org/path`, with `http://` in front; none when that fails.
fn absolute_url(raw: &str, base: Option<&Url>) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let url = match Url::parse(raw) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let host_like = !raw.starts_with(['/', '.', '?', '#'])
                && raw
                    .split('/')
                    .next()
                    .is_some_and(|host| host.contains('.') && !host.contains(char::is_whitespace));
            if host_like {
                Url::parse(&format!("http://{raw}")).ok()?
            } else {
                base?.join(raw).ok()?
            }
        }
        Err(_) => return None,
    };
    Some(url.into())
}

fn hex_color(raw: Option<String>) -> Option<String> {
    raw.filter(|c| HEX_COLOR.is_match(c))
}

fn non_empty(raw: Option<String>) -> Option<String> {
    raw.filter(|s| !s.trim().is_empty())
}

/// Both schemas cap a duration at two hour digits.
fn clamp_duration(d: TimeDelta) -> TimeDelta {
    TimeDelta::minutes(d.num_minutes().clamp(0, 99 * 60 + 59))
}

fn whole_seconds(t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    t.with_nanosecond(0).unwrap_or(t)
}

fn whole_minutes(t: NaiveTime) -> NaiveTime {
    NaiveTime::from_hms_opt(t.hour(), t.minute(), 0).unwrap_or(t)
}

fn events_mut(days: &mut [Day]) -> impl Iterator<Item = &mut Event> {
    days.iter_mut()
        .flat_map(|d| d.rooms.iter_mut())
        .flat_map(|r| r.events.iter_mut())
}

fn events(days: &[Day]) -> impl Iterator<Item = &Event> {
    days.iter()
        .flat_map(|d| d.rooms.iter())
        .flat_map(|r| r.events.iter())
}

/// The canonical forms of the module doc, shared by both readers and both writers.
fn normalize(schedule: &mut Schedule) {
    let c = &mut schedule.conference;
    c.acronym = canonical_acronym(&c.acronym);
    c.base_url = c.base_url.as_deref().and_then(|u| absolute_url(u, None));
    let base = c.base_url.as_deref().and_then(|u| Url::parse(u).ok());
    let base = base.as_ref();
    let fix = |u: &mut Option<String>| *u = u.as_deref().and_then(|u| absolute_url(u, base));
    fix(&mut schedule.url);
    fix(&mut c.logo);
    fix(&mut c.url);
    c.start = match c.start {
        DateOrDateTime::DateTime(t) => DateOrDateTime::DateTime(whole_seconds(t)),
        date => date,
    };
    c.end = match c.end {
        DateOrDateTime::DateTime(t) => DateOrDateTime::DateTime(whole_seconds(t)),
        date => date,
    };
    c.timeslot_duration = clamp_duration(c.timeslot_duration);
    c.colors = c.colors.take().and_then(|colors| {
        Some(Colors {
            primary: hex_color(Some(colors.primary))?,
            background: hex_color(colors.background),
        })
    });
    for track in &mut c.tracks {
        track.slug = track
            .slug
            .take()
            .filter(|s| TRACK_SLUG_XSD.is_match(s) && SLUG_JSON.is_match(s));
        track.color = hex_color(track.color.take());
        track.text = non_empty(track.text.take());
    }
    for room in &mut c.rooms {
        room.slug = room.slug.take().filter(|s| SLUG_JSON.is_match(s));
        fix(&mut room.url);
        room.assembly = room.assembly.take().filter(|a| SLUG_JSON.is_match(&a.slug));
        if let Some(assembly) = &mut room.assembly {
            fix(&mut assembly.url);
        }
    }

    let mut indices = HashSet::new();
    if !schedule
        .days
        .iter()
        .all(|d| d.index > 0 && indices.insert(d.index))
    {
        for (day, index) in schedule.days.iter_mut().zip(1..) {
            day.index = index;
        }
    }
    for day in &mut schedule.days {
        day.start = whole_seconds(day.start);
        day.end = whole_seconds(day.end);
        let mut merged: Vec<Room> = Vec::new();
        for room in day.rooms.drain(..) {
            match merged.iter_mut().find(|r| r.name == room.name) {
                Some(first) => first.events.extend(room.events),
                None => merged.push(room),
            }
        }
        day.rooms = merged;
    }
    normalize_events(&c.acronym, base, &mut schedule.days);
}

fn normalize_events(acronym: &str, base: Option<&Url>, days: &mut [Day]) {
    let mut next_id = events(days).map(|e| e.id).max().unwrap_or(0) + 1;
    let (mut ids, mut guids, mut codes, mut slugs) = (
        HashSet::new(),
        HashSet::new(),
        HashSet::new(),
        HashSet::new(),
    );
    let fix = |u: &mut Option<String>| *u = u.as_deref().and_then(|u| absolute_url(u, base));
    let fix_links = |links: &mut Vec<Link>| {
        links.retain_mut(|link| match absolute_url(&link.url, base) {
            Some(url) => {
                link.url = url;
                link.title = non_empty(link.title.take());
                link.kind = non_empty(link.kind.take()).map(|k| k.trim().to_owned());
                link.service = non_empty(link.service.take());
                true
            }
            None => false,
        });
    };
    for event in events_mut(days) {
        if event.id == 0 || !ids.insert(event.id) {
            event.id = next_id;
            ids.insert(next_id);
            next_id += 1;
        }
        if event.guid.is_nil() || guids.contains(&event.guid) {
            event.guid = derived_guid(acronym, "event", &event.id.to_string());
            while guids.contains(&event.guid) {
                event.guid = Uuid::new_v5(&Uuid::NAMESPACE_URL, event.guid.as_bytes());
            }
        }
        guids.insert(event.guid);
        event.code = event
            .code
            .take()
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| CODE_XSD.is_match(c) && codes.insert(c.clone()));
        let mut slug = canonical_slug(&event.slug);
        if slug.is_empty() {
            slug = derived_slug(acronym, event.id, &event.title);
        }
        for n in 0.. {
            let candidate = match n {
                0 => slug.clone(),
                1 => format!("{slug}-{}", event.id),
                n => format!("{slug}-{}-{n}", event.id),
            };
            if slugs.insert(candidate.clone()) {
                event.slug = candidate;
                break;
            }
        }
        event.date = whole_seconds(event.date);
        event.start = whole_minutes(event.start);
        event.duration = clamp_duration(event.duration);
        fix(&mut event.url);
        fix(&mut event.feedback_url);
        fix(&mut event.origin_url);
        fix(&mut event.video_download_url);
        event.logo = event.logo.take().and_then(|logo| {
            if logo.trim().is_empty() {
                Some(String::new())
            } else {
                absolute_url(&logo, base)
            }
        });
        if let Some(recording) = &mut event.recording {
            fix(&mut recording.url);
            fix(&mut recording.link);
        }
        fix_links(&mut event.links);
        fix_links(&mut event.attachments);
        for person in &mut event.persons {
            person.code = person.code.take().filter(|c| CODE_JSON.is_match(c));
            fix(&mut person.url);
            fix(&mut person.avatar);
            fix_links(&mut person.links);
        }
    }
}

/// Drops what XML cannot carry: URLs that are not http(s) where the XSD wants `httpURI`.
fn project_xml(schedule: &mut Schedule) {
    let http = |u: &mut Option<String>| *u = u.take().filter(|u| HTTP_URI.is_match(u));
    http(&mut schedule.url);
    let c = &mut schedule.conference;
    http(&mut c.base_url);
    http(&mut c.logo);
    http(&mut c.url);
    for event in events_mut(&mut schedule.days) {
        http(&mut event.url);
        http(&mut event.feedback_url);
        http(&mut event.origin_url);
        http(&mut event.video_download_url);
        event.logo = event
            .logo
            .take()
            .filter(|l| l.is_empty() || HTTP_URI.is_match(l));
        if let Some(recording) = &mut event.recording {
            http(&mut recording.url);
            http(&mut recording.link);
        }
    }
}

/// Drops what `schema.json` cannot carry, and undoes the stand-in URL of `write_json`.
fn project_json(schedule: &mut Schedule) {
    let c = &mut schedule.conference;
    c.time_zone_name = c
        .time_zone_name
        .take()
        .filter(|tz| TIME_ZONE_JSON.is_match(tz));
    let json_links = |links: &mut Vec<Link>| {
        for link in links {
            link.kind = link
                .kind
                .take()
                .map(|k| k.to_ascii_lowercase())
                .filter(|k| JSON_LINK_TYPES.contains(&k.as_str()));
            link.service = None;
        }
    };
    for event in events_mut(&mut schedule.days) {
        if event.url.as_deref() == Some(&placeholder_url(event.guid)) {
            event.url = None;
        }
        json_links(&mut event.links);
        json_links(&mut event.attachments);
        for person in &mut event.persons {
            json_links(&mut person.links);
        }
    }
}

/// What `write_json` puts in an event's required `url` when the event has none.
fn placeholder_url(guid: Uuid) -> String {
    format!("urn:uuid:{guid}")
}

/// The coarsest grid that every event's start and duration fit.
pub fn derive_timeslot(days: &[Day]) -> TimeDelta {
    let minutes: Vec<i64> = events(days)
        .flat_map(|e| [i64::from(e.date.minute()), e.duration.num_minutes()])
        .collect();
    let slot = [60, 30, 15, 10, 5]
        .into_iter()
        .find(|slot| minutes.iter().all(|m| m % slot == 0))
        .unwrap_or(1);
    TimeDelta::minutes(slot)
}

/// The conference's start and end as given, else the first and last day's date.
fn conference_span(
    start: Option<DateOrDateTime>,
    end: Option<DateOrDateTime>,
    days: &[Day],
) -> Option<(DateOrDateTime, DateOrDateTime)> {
    let first = days.first().map(|d| DateOrDateTime::Date(d.date));
    let last = days.last().map(|d| DateOrDateTime::Date(d.date));
    Some((start.or(first)?, end.or(last)?))
}

// ---------------------------------------------------------------------------------------------
// Values in text form
// ---------------------------------------------------------------------------------------------

fn parse_datetime(raw: &str) -> Result<DateTime<FixedOffset>, String> {
    let raw = raw.trim();
    DateTime::parse_from_rfc3339(raw)
        .or_else(|_| DateTime::parse_from_rfc3339(&raw.replacen(' ', "T", 1)))
        .or_else(|_| DateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M%:z"))
        .map_err(|_| {
            format!("`{raw}` is not a date-time with offset, like 2020-12-14T09:00:00+01:00")
        })
}

fn parse_date(raw: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{}` is not a date, like 2020-12-14", raw.trim()))
}

fn parse_date_or_datetime(raw: &str) -> Result<DateOrDateTime, String> {
    if raw.contains('T') {
        parse_datetime(raw).map(DateOrDateTime::DateTime)
    } else {
        parse_date(raw).map(DateOrDateTime::Date)
    }
}

fn parse_clock(raw: &str) -> Result<NaiveTime, String> {
    let raw = raw.trim();
    NaiveTime::parse_from_str(raw, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(raw, "%H:%M:%S"))
        .map(whole_minutes)
        .map_err(|_| format!("`{raw}` is not a time of day HH:MM"))
}

/// `H:MM`, `HH:MM` or `HH:MM:SS` (seconds dropped), below 100 hours.
fn parse_duration(raw: &str) -> Result<TimeDelta, String> {
    let raw = raw.trim();
    let wrong = || format!("`{raw}` is not a duration HH:MM");
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let parts: Vec<&str> = raw.split(':').collect();
    let (hours, minutes) = match parts[..] {
        [h, m] | [h, m, _] if digits(h, 1..=9) && digits(m, 2..=2) => (h, m),
        _ => return Err(wrong()),
    };
    if parts.get(2).is_some_and(|s| !digits(s, 1..=2)) {
        return Err(wrong());
    }
    let (hours, minutes): (i64, i64) = (
        hours.parse().map_err(|_| wrong())?,
        minutes.parse().map_err(|_| wrong())?,
    );
    if minutes > 59 {
        return Err(wrong());
    }
    if hours > 99 {
        return Err(format!("`{raw}` is longer than 99:59"));
    }
    Ok(TimeDelta::minutes(hours * 60 + minutes))
}

fn parse_bool(raw: &str) -> Result<bool, String> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" | "" => Ok(false),
        other => Err(format!("`{other}` is not true or false")),
    }
}

fn format_datetime(t: DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, false)
}

fn format_date_or_datetime(d: DateOrDateTime) -> String {
    match d {
        DateOrDateTime::Date(d) => d.format("%Y-%m-%d").to_string(),
        DateOrDateTime::DateTime(t) => format_datetime(t),
    }
}

fn format_duration(d: TimeDelta) -> String {
    let minutes = d.num_minutes();
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn format_clock(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

impl RoomKind {
    fn parse(raw: &str) -> Self {
        match raw.to_ascii_lowercase().replace('_', "").as_str() {
            "lecturehall" => Self::LectureHall,
            "stage" => Self::Stage,
            "workshop" => Self::Workshop,
            "outside" => Self::Outside,
            "online" | "virtual" => Self::Online,
            "project" => Self::Project,
            "bbb" => Self::Bbb,
            "hangar" => Self::Hangar,
            _ => Self::Other,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::LectureHall => "lecturehall",
            Self::Stage => "stage",
            Self::Workshop => "workshop",
            Self::Outside => "outside",
            Self::Online => "online",
            Self::Project => "project",
            Self::Bbb => "bbb",
            Self::Hangar => "hangar",
            Self::Other => "other",
        }
    }
}

impl RoomRecording {
    fn parse(raw: &str) -> Self {
        match raw.to_ascii_lowercase().as_str() {
            "record_by_default" => Self::RecordByDefault,
            "not_recorded_by_default" => Self::NotRecordedByDefault,
            "recording_forbidden" => Self::RecordingForbidden,
            "recording_not_possible" => Self::RecordingNotPossible,
            _ => Self::Unknown,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::RecordByDefault => "record_by_default",
            Self::NotRecordedByDefault => "not_recorded_by_default",
            Self::RecordingForbidden => "recording_forbidden",
            Self::RecordingNotPossible => "recording_not_possible",
            Self::Unknown => "unknown",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// XML reading
// ---------------------------------------------------------------------------------------------

/// Reads a `schedule.xml`: any frab, pretalx or c3voc version back to 2014.
///
/// Refuses inputs over [`MAX_BYTES`], DOCTYPEs that declare entities (no entity is ever
/// expanded: that is how XML bombs work), nesting deeper than 32, malformed XML and values of
/// the wrong kind, naming the line.
pub fn read_xml(bytes: &[u8]) -> Result<Schedule, FrabError> {
    check_size(bytes)?;
    let text = xml::utf8(bytes)?;
    let root = xml::parse_tree(text, LIMITS)?;
    let doc = XmlDoc { text };
    let mut schedule = doc.schedule(&root)?;
    normalize(&mut schedule);
    project_xml(&mut schedule);
    Ok(schedule)
}

/// Maps the element tree to the model, with lines for errors.
struct XmlDoc<'a> {
    text: &'a str,
}

impl XmlDoc<'_> {
    fn err(&self, node: &Node, message: impl Into<String>) -> FrabError {
        FrabError::at_line(line_at(self.text, node.pos), message)
    }

    /// The child's text parsed, none when absent, an error naming the line when malformed.
    fn value<T>(
        &self,
        parent: &Node,
        name: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, FrabError> {
        parent
            .child(name)
            .map(|c| parse(&c.text).map_err(|m| self.err(c, format!("<{name}>: {m}"))))
            .transpose()
    }

    fn attr_value<T>(
        &self,
        node: &Node,
        name: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, FrabError> {
        node.attr(name)
            .map(|v| parse(v).map_err(|m| self.err(node, format!("<{}> {name}: {m}", node.name))))
            .transpose()
    }

    fn schedule(&self, root: &Node) -> Result<Schedule, FrabError> {
        if root.name != "schedule" {
            return Err(self.err(
                root,
                format!("the root element is <{}>, not <schedule>", root.name),
            ));
        }
        let conf = root
            .child("conference")
            .ok_or_else(|| self.err(root, "<schedule> has no <conference>"))?;
        let acronym = non_empty(conf.text_of("acronym"))
            .ok_or_else(|| self.err(conf, "the conference has no <acronym>"))?;
        let days = root
            .children("day")
            .enumerate()
            .map(|(i, day)| self.day(day, i))
            .collect::<Result<Vec<_>, _>>()?;
        let (start, end) = conference_span(
            self.value(conf, "start", parse_date_or_datetime)?,
            self.value(conf, "end", parse_date_or_datetime)?,
            &days,
        )
        .ok_or_else(|| self.err(conf, "the conference has no <start>/<end> and no days"))?;
        let days_count = self
            .value(conf, "days", |s| {
                s.trim()
                    .parse::<u32>()
                    .map_err(|_| format!("`{s}` is not a number"))
            })?
            .unwrap_or_else(|| u32::try_from(days.len()).unwrap_or(u32::MAX));
        let timeslot_duration = match self.value(conf, "timeslot_duration", parse_duration)? {
            Some(slot) => slot,
            None => derive_timeslot(&days),
        };
        let colors = conf.child("color").and_then(|c| {
            Some(Colors {
                primary: c.attr("primary")?.to_owned(),
                background: c.attr("background").map(str::to_owned),
            })
        });
        let tracks = conf
            .children("track")
            .map(|t| Track {
                name: t.attr("name").unwrap_or_default().to_owned(),
                slug: t.attr("slug").map(str::to_owned),
                color: t.attr("color").map(str::to_owned),
                text: Some(t.text.clone()),
            })
            .collect();
        Ok(Schedule {
            version: root.text_of("version").unwrap_or_default(),
            url: root.text_of("url"),
            conference: Conference {
                acronym,
                title: conf.text_of("title").unwrap_or_default(),
                description: None,
                start,
                end,
                days_count,
                timeslot_duration,
                time_zone_name: non_empty(conf.text_of("time_zone_name")),
                base_url: conf.text_of("base_url"),
                logo: conf.text_of("logo"),
                url: conf.text_of("url"),
                colors,
                keywords: Vec::new(),
                tracks,
                rooms: Vec::new(),
                meta: serde_json::Map::new(),
            },
            days,
        })
    }

    fn day(&self, day: &Node, position: usize) -> Result<Day, FrabError> {
        let need = |name: &str| {
            self.attr_value(day, name, parse_datetime)?
                .ok_or_else(|| self.err(day, format!("<day> has no {name}")))
        };
        let start = need("start")?;
        let end = need("end")?;
        let index = self
            .attr_value(day, "index", |s| {
                s.trim()
                    .parse::<u32>()
                    .map_err(|_| format!("`{s}` is not a positive number"))
            })?
            .unwrap_or_else(|| u32::try_from(position + 1).unwrap_or(0));
        let rooms = day
            .children("room")
            .map(|room| {
                let name = room.attr("name").unwrap_or_default().to_owned();
                let events = room
                    .children("event")
                    .map(|e| self.event(e, &name))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Room {
                    guid: room.attr("guid").and_then(parse_guid),
                    name,
                    events,
                })
            })
            .collect::<Result<Vec<_>, FrabError>>()?;
        Ok(Day {
            index,
            date: self
                .attr_value(day, "date", parse_date)?
                .unwrap_or(start.date_naive()),
            start,
            end,
            rooms,
        })
    }

    fn event(&self, e: &Node, room: &str) -> Result<Event, FrabError> {
        let id = self
            .attr_value(e, "id", |s| {
                s.trim()
                    .parse::<u64>()
                    .map_err(|_| format!("`{s}` is not a positive number"))
            })?
            .unwrap_or(0);
        let date = self
            .value(e, "date", parse_datetime)?
            .ok_or_else(|| self.err(e, format!("event {id} has no <date>")))?;
        let duration = self
            .value(e, "duration", parse_duration)?
            .ok_or_else(|| self.err(e, format!("event {id} has no <duration>")))?;
        let recording = e
            .child("recording")
            .map(|r| -> Result<Recording, FrabError> {
                Ok(Recording {
                    license: r.text_of("license").unwrap_or_default(),
                    optout: self.value(r, "optout", parse_bool)?.unwrap_or(false),
                    url: r.text_of("url"),
                    link: r.text_of("link"),
                })
            })
            .transpose()?;
        let links = |container: &str, item: &'static str| -> Vec<Link> {
            e.child(container)
                .into_iter()
                .flat_map(|c| c.children(item))
                .filter_map(|l| {
                    Some(Link {
                        url: l.attr("href")?.to_owned(),
                        title: Some(l.text.clone()),
                        kind: l.attr("type").map(str::to_owned),
                        service: l.attr("service").map(str::to_owned),
                    })
                })
                .collect()
        };
        let persons = e
            .child("persons")
            .into_iter()
            .flat_map(|p| p.children("person"))
            .map(|p| {
                Ok(Person {
                    id: self.attr_value(p, "id", |s| {
                        s.trim()
                            .parse::<i64>()
                            .map_err(|_| format!("`{s}` is not a number"))
                    })?,
                    guid: p.attr("guid").and_then(parse_guid),
                    name: p.text.clone(),
                    code: None,
                    url: None,
                    avatar: None,
                    biography: None,
                    links: Vec::new(),
                })
            })
            .collect::<Result<Vec<_>, FrabError>>()?;
        Ok(Event {
            guid: e.attr("guid").and_then(parse_guid).unwrap_or_default(),
            id,
            code: e.attr("code").map(str::to_owned),
            date,
            start: self
                .value(e, "start", parse_clock)?
                .unwrap_or(whole_minutes(date.time())),
            duration,
            room: e.text_of("room").unwrap_or_else(|| room.to_owned()),
            slug: e.text_of("slug").unwrap_or_default(),
            url: e.text_of("url"),
            title: e.text_of("title").unwrap_or_default(),
            subtitle: e.text_of("subtitle"),
            track: e.text_of("track").unwrap_or_default(),
            r#type: e.text_of("type").unwrap_or_default(),
            language: e.text_of("language"),
            r#abstract: e.text_of("abstract").unwrap_or_default(),
            description: e.text_of("description"),
            logo: e.text_of("logo"),
            persons,
            links: links("links", "link"),
            attachments: links("attachments", "attachment"),
            recording,
            do_not_stream: None,
            feedback_url: e.text_of("feedback_url"),
            origin_url: e.text_of("origin_url"),
            video_download_url: e.text_of("video_download_url"),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// XML writing
// ---------------------------------------------------------------------------------------------

/// Writes a `schedule.xml` that validates against the c3voc XSD: canonical values (see the module
/// doc), elements in the XSD's order, Kolo as the generator.
pub fn write_xml(schedule: &Schedule) -> String {
    let mut s = schedule.clone();
    normalize(&mut s);
    project_xml(&mut s);
    let mut out = XmlWriter::document();
    out.open("schedule", &[]);
    out.leaf(
        "generator",
        &[
            ("name", Some("kolo")),
            ("version", Some(env!("CARGO_PKG_VERSION"))),
        ],
        "",
    );
    out.opt_leaf("url", s.url.as_deref());
    out.leaf("version", &[], &s.version);
    let c = &s.conference;
    out.open("conference", &[]);
    out.leaf("title", &[], &c.title);
    out.leaf("acronym", &[], &c.acronym);
    out.leaf("start", &[], &format_date_or_datetime(c.start));
    out.leaf("end", &[], &format_date_or_datetime(c.end));
    out.leaf("days", &[], &c.days_count.to_string());
    out.leaf(
        "timeslot_duration",
        &[],
        &format_duration(c.timeslot_duration),
    );
    out.opt_leaf("base_url", c.base_url.as_deref());
    out.opt_leaf("logo", c.logo.as_deref());
    out.opt_leaf("url", c.url.as_deref());
    out.opt_leaf("time_zone_name", c.time_zone_name.as_deref());
    if let Some(colors) = &c.colors {
        out.leaf(
            "color",
            &[
                ("primary", Some(&colors.primary)),
                ("background", colors.background.as_deref()),
            ],
            "",
        );
    }
    for track in &c.tracks {
        out.leaf(
            "track",
            &[
                ("name", Some(&track.name)),
                ("color", track.color.as_deref()),
                ("slug", track.slug.as_deref()),
            ],
            track.text.as_deref().unwrap_or_default(),
        );
    }
    out.close("conference");
    let placeholder;
    let days = if s.days.is_empty() {
        // The XSD wants at least one day; an empty one spanning the conference start says least.
        let start = match c.start {
            DateOrDateTime::DateTime(t) => t,
            DateOrDateTime::Date(d) => d.and_time(NaiveTime::MIN).and_utc().fixed_offset(),
        };
        placeholder = [Day {
            index: 1,
            date: start.date_naive(),
            start,
            end: start,
            rooms: Vec::new(),
        }];
        &placeholder[..]
    } else {
        &s.days[..]
    };
    for day in days {
        out.open(
            "day",
            &[
                ("date", Some(&day.date.format("%Y-%m-%d").to_string())),
                ("start", Some(&format_datetime(day.start))),
                ("end", Some(&format_datetime(day.end))),
                ("index", Some(&day.index.to_string())),
            ],
        );
        for room in &day.rooms {
            let guid = room.guid.map(|g| g.to_string());
            out.open(
                "room",
                &[("name", Some(&room.name)), ("guid", guid.as_deref())],
            );
            for event in &room.events {
                write_xml_event(&mut out, event);
            }
            out.close("room");
        }
        out.close("day");
    }
    out.close("schedule");
    out.finish()
}

fn write_xml_event(out: &mut XmlWriter, e: &Event) {
    let (guid, id) = (e.guid.to_string(), e.id.to_string());
    out.open(
        "event",
        &[
            ("guid", Some(&guid)),
            ("id", Some(&id)),
            ("code", e.code.as_deref()),
        ],
    );
    out.leaf("room", &[], &e.room);
    out.leaf("title", &[], &e.title);
    out.opt_leaf("subtitle", e.subtitle.as_deref());
    out.leaf("type", &[], &e.r#type);
    out.leaf("date", &[], &format_datetime(e.date));
    out.leaf("start", &[], &format_clock(e.start));
    out.leaf("duration", &[], &format_duration(e.duration));
    out.leaf("abstract", &[], &e.r#abstract);
    // The XSD's slug pattern is narrower than JSON's; without one, readers derive it again.
    out.opt_leaf(
        "slug",
        Some(e.slug.as_str()).filter(|s| SLUG_XSD.is_match(s)),
    );
    out.leaf("track", &[], &e.track);
    out.opt_leaf("logo", e.logo.as_deref());
    out.open("persons", &[]);
    for p in &e.persons {
        let (id, guid) = (p.id.map(|i| i.to_string()), p.guid.map(|g| g.to_string()));
        out.leaf(
            "person",
            &[("id", id.as_deref()), ("guid", guid.as_deref())],
            &p.name,
        );
    }
    out.close("persons");
    out.opt_leaf("language", e.language.as_deref());
    out.opt_leaf("description", e.description.as_deref());
    if let Some(r) = &e.recording {
        out.open("recording", &[]);
        out.leaf("license", &[], &r.license);
        out.leaf("optout", &[], if r.optout { "true" } else { "false" });
        out.opt_leaf("url", r.url.as_deref());
        out.opt_leaf("link", r.link.as_deref());
        out.close("recording");
    }
    for (container, item, links) in [
        ("links", "link", &e.links),
        ("attachments", "attachment", &e.attachments),
    ] {
        out.open(container, &[]);
        for link in links {
            let service = if item == "link" {
                link.service.as_deref()
            } else {
                None
            };
            out.leaf(
                item,
                &[
                    ("href", Some(&link.url)),
                    ("type", link.kind.as_deref()),
                    ("service", service),
                ],
                link.title.as_deref().unwrap_or_default(),
            );
        }
        out.close(container);
    }
    out.opt_leaf("video_download_url", e.video_download_url.as_deref());
    out.opt_leaf("url", e.url.as_deref());
    out.opt_leaf("feedback_url", e.feedback_url.as_deref());
    out.opt_leaf("origin_url", e.origin_url.as_deref());
    out.close("event");
}

// ---------------------------------------------------------------------------------------------
// JSON reading
// ---------------------------------------------------------------------------------------------

/// Reads a `schedule.json` (frab, pretalx, c3voc `schema.json`, or the hub's schedule2).
///
/// Refuses inputs over [`MAX_BYTES`] and values of the wrong type, naming the field path and the
/// line; numbers written as strings (`"id": "42"`) and `null` for optional fields are accepted.
pub fn read_json(bytes: &[u8]) -> Result<Schedule, FrabError> {
    check_size(bytes)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let doc: JDoc = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        json_error(e.inner(), Some(path).filter(|p| p != "."))
    })?;
    de.end().map_err(|e| json_error(&e, None))?;
    let mut schedule = doc.schedule.into_schedule()?;
    normalize(&mut schedule);
    project_json(&mut schedule);
    Ok(schedule)
}

fn json_error(e: &serde_json::Error, path: Option<String>) -> FrabError {
    let position = format!(" at line {} column {}", e.line(), e.column());
    let message = e.to_string();
    FrabError {
        message: message
            .strip_suffix(&position)
            .unwrap_or(&message)
            .to_owned(),
        line: Some(e.line()).filter(|l| *l > 0),
        column: Some(e.column()).filter(|c| *c > 0),
        path,
    }
}

/// `null` where a list or map belongs reads as empty.
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

struct IntVisitor;

impl Visitor<'_> for IntVisitor {
    type Value = Option<i128>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an integer (or a string of digits)")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            // Exact: the value is whole and well inside f64's integer range.
            Ok(Some(v as i128))
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        v.trim()
            .parse()
            .map(Some)
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// An integer, or a string of digits as some exports write them.
fn lenient_int<'de, D: Deserializer<'de>, T: TryFrom<i128>>(d: D) -> Result<Option<T>, D::Error> {
    match d.deserialize_any(IntVisitor)? {
        None => Ok(None),
        Some(v) => T::try_from(v)
            .map(Some)
            .map_err(|_| de::Error::custom(format!("{v} is out of range"))),
    }
}

/// A `true`/`false`, also as a string.
fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Text(String),
    }
    match Option::<Flag>::deserialize(d)? {
        None => Ok(None),
        Some(Flag::Bool(b)) => Ok(Some(b)),
        Some(Flag::Text(t)) => parse_bool(&t).map(Some).map_err(de::Error::custom),
    }
}

/// A string field parsed by `parse`, with the field's path in the error.
fn parsed<'de, D: Deserializer<'de>, T>(
    d: D,
    parse: fn(&str) -> Result<T, String>,
) -> Result<Option<T>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|s| parse(&s).map_err(de::Error::custom))
        .transpose()
}

fn json_datetime<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
    parsed(d, parse_datetime)
}

fn json_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    parsed(d, parse_date)
}

fn json_date_or_datetime<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<DateOrDateTime>, D::Error> {
    parsed(d, parse_date_or_datetime)
}

fn json_duration<'de, D: Deserializer<'de>>(d: D) -> Result<Option<TimeDelta>, D::Error> {
    struct DurationVisitor;
    impl Visitor<'_> for DurationVisitor {
        type Value = Option<TimeDelta>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a duration string \"HH:MM\"")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            parse_duration(v).map(Some).map_err(E::custom)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(DurationVisitor)
}

/// An event's `start`: `HH:MM` in `schema.json`, a date-time in schedule2.
enum Start {
    Clock(NaiveTime),
    At(DateTime<FixedOffset>),
}

fn json_start<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Start>, D::Error> {
    parsed(d, |s| {
        if s.contains('T') {
            parse_datetime(s).map(Start::At)
        } else {
            parse_clock(s).map(Start::Clock)
        }
    })
}

/// An URL, or schedule2's image object `{"url": …}`.
#[derive(Deserialize)]
#[serde(untagged)]
enum UrlOrImage {
    Url(String),
    Image { url: String },
}

impl UrlOrImage {
    fn into_url(self) -> String {
        match self {
            Self::Url(url) | Self::Image { url } => url,
        }
    }
}

/// A name, or schedule2's reference object.
#[derive(Deserialize)]
#[serde(untagged)]
enum Reference {
    Name(String),
    Ref {
        name: Option<String>,
        slug: Option<String>,
        guid: Option<String>,
    },
}

#[derive(Deserialize)]
struct JDoc {
    schedule: JSchedule,
}

#[derive(Deserialize)]
struct JSchedule {
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    base_url: Option<String>,
    conference: JConference,
    /// schedule2: the events, beside the days.
    #[serde(default, deserialize_with = "nullable")]
    events: Vec<JEvent>,
    /// schedule2: the people behind `participants`.
    #[serde(default, deserialize_with = "nullable")]
    persons: Vec<JPerson>,
}

#[derive(Deserialize)]
struct JConference {
    #[serde(default)]
    acronym: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default, deserialize_with = "json_date_or_datetime")]
    start: Option<DateOrDateTime>,
    #[serde(default, deserialize_with = "json_date_or_datetime")]
    end: Option<DateOrDateTime>,
    #[serde(default, rename = "daysCount", deserialize_with = "lenient_int")]
    days_count: Option<u32>,
    #[serde(default, deserialize_with = "json_duration")]
    timeslot_duration: Option<TimeDelta>,
    #[serde(default)]
    time_zone_name: Option<String>,
    #[serde(default)]
    logo: Option<UrlOrImage>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    colors: Option<JColors>,
    #[serde(default, deserialize_with = "nullable")]
    keywords: Vec<String>,
    #[serde(default, deserialize_with = "nullable")]
    tracks: Vec<JTrack>,
    #[serde(default, deserialize_with = "nullable")]
    rooms: Vec<JRoomInfo>,
    #[serde(default, deserialize_with = "nullable")]
    meta: serde_json::Map<String, serde_json::Value>,
    #[serde(default, deserialize_with = "nullable")]
    days: Vec<JDay>,
}

#[derive(Deserialize)]
struct JColors {
    primary: Option<String>,
    #[serde(default)]
    background: Option<String>,
}

#[derive(Deserialize)]
struct JTrack {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    color: Option<String>,
}

#[derive(Deserialize)]
struct JRoomInfo {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    guid: Option<String>,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    stream_id: Option<String>,
    #[serde(default)]
    description: Option<Text>,
    #[serde(default, deserialize_with = "lenient_int")]
    capacity: Option<u32>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    features: Option<JFeatures>,
    /// `assembly` in `schema.json`, `parent` in schedule2.
    #[serde(default, alias = "parent")]
    assembly: Option<JAssembly>,
    #[serde(flatten)]
    rest: BTreeMap<String, serde_json::Value>,
}

#[derive(Deserialize)]
struct JFeatures {
    #[serde(default)]
    recording: Option<String>,
}

#[derive(Deserialize)]
struct JAssembly {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    guid: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Deserialize)]
struct JDay {
    #[serde(default, deserialize_with = "lenient_int")]
    index: Option<u32>,
    #[serde(default, deserialize_with = "json_date")]
    date: Option<NaiveDate>,
    #[serde(default, alias = "start", deserialize_with = "json_datetime")]
    day_start: Option<DateTime<FixedOffset>>,
    #[serde(default, alias = "end", deserialize_with = "json_datetime")]
    day_end: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    rooms: DayRooms,
}

/// `{"Room name": [events…], …}` in the file's order (a plain map would sort the rooms).
#[derive(Default)]
struct DayRooms(Vec<(String, Vec<JEvent>)>);

impl<'de> Deserialize<'de> for DayRooms {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RoomsVisitor;
        impl<'de> Visitor<'de> for RoomsVisitor {
            type Value = DayRooms;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of room names to lists of events")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DayRooms, A::Error> {
                let mut rooms = Vec::new();
                while let Some((name, events)) = map.next_entry::<String, Option<Vec<JEvent>>>()? {
                    rooms.push((name, events.unwrap_or_default()));
                }
                Ok(DayRooms(rooms))
            }
            fn visit_unit<E: de::Error>(self) -> Result<DayRooms, E> {
                Ok(DayRooms::default())
            }
        }
        d.deserialize_any(RoomsVisitor)
    }
}

#[derive(Deserialize)]
struct JEvent {
    #[serde(default)]
    guid: Option<String>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default, deserialize_with = "lenient_int")]
    id: Option<u64>,
    #[serde(default)]
    logo: Option<UrlOrImage>,
    #[serde(default, deserialize_with = "json_datetime")]
    date: Option<DateTime<FixedOffset>>,
    #[serde(default, deserialize_with = "json_start")]
    start: Option<Start>,
    #[serde(default, deserialize_with = "json_datetime")]
    end: Option<DateTime<FixedOffset>>,
    #[serde(default, deserialize_with = "json_duration")]
    duration: Option<TimeDelta>,
    #[serde(default)]
    room: Option<Reference>,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    subtitle: Option<String>,
    #[serde(default)]
    track: Option<Reference>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default, rename = "abstract")]
    summary: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    recording_license: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool")]
    do_not_record: Option<bool>,
    #[serde(default)]
    do_not_stream: Option<DoNotStream>,
    /// `persons` in `schema.json`, `participants` in schedule2.
    #[serde(default, alias = "participants", deserialize_with = "nullable")]
    persons: Vec<JPerson>,
    #[serde(default, deserialize_with = "nullable")]
    links: Vec<JLink>,
    #[serde(default, deserialize_with = "nullable")]
    attachments: Vec<JLink>,
    #[serde(default)]
    feedback_url: Option<String>,
    #[serde(default)]
    origin_url: Option<String>,
}

#[derive(Deserialize)]
struct JPerson {
    #[serde(default, deserialize_with = "lenient_int")]
    id: Option<i64>,
    #[serde(default)]
    guid: Option<String>,
    #[serde(default)]
    public_name: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    avatar: Option<UrlOrImage>,
    #[serde(default)]
    biography: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    links: Vec<JLink>,
}

#[derive(Deserialize)]
struct JLink {
    #[serde(default, alias = "href")]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
}

impl JLink {
    fn to_link(&self) -> Option<Link> {
        Some(Link {
            url: self.url.clone()?,
            title: self.title.clone(),
            kind: self.kind.clone(),
            service: None,
        })
    }
}

/// What events need from the rest of the document while they are mapped.
struct JsonContext<'a> {
    rooms: &'a [RoomInfo],
    tracks: &'a [Track],
    people: HashMap<Uuid, &'a JPerson>,
}

impl JSchedule {
    fn into_schedule(self) -> Result<Schedule, FrabError> {
        let c = self.conference;
        let acronym = non_empty(c.acronym).ok_or_else(|| {
            FrabError::at_path(
                "schedule.conference.acronym",
                "the conference has no acronym",
            )
        })?;
        let canonical = canonical_acronym(&acronym);
        let rooms: Vec<RoomInfo> = c
            .rooms
            .into_iter()
            .map(|r| room_info(r, &canonical))
            .collect();
        let tracks: Vec<Track> = c
            .tracks
            .into_iter()
            .map(|t| Track {
                name: t.name.unwrap_or_default(),
                slug: t.slug,
                color: t.color,
                text: None,
            })
            .collect();
        let ctx = JsonContext {
            rooms: &rooms,
            tracks: &tracks,
            people: self
                .persons
                .iter()
                .filter_map(|p| Some((parse_guid(p.guid.as_deref()?)?, p)))
                .collect(),
        };
        let mut days = Vec::new();
        for (i, day) in c.days.into_iter().enumerate() {
            let path = format!("schedule.conference.days[{i}]");
            let need = |t: Option<DateTime<FixedOffset>>, name: &str| {
                t.ok_or_else(|| FrabError::at_path(&path, format!("the day has no `{name}`")))
            };
            let start = need(day.day_start, "day_start")?;
            let end = need(day.day_end, "day_end")?;
            let mut day_rooms = Vec::new();
            for (name, events) in day.rooms.0 {
                let events = events
                    .into_iter()
                    .enumerate()
                    .map(|(j, e)| ctx.event(e, Some(&name), &format!("{path}.rooms.{name}[{j}]")))
                    .collect::<Result<Vec<_>, _>>()?;
                day_rooms.push(Room {
                    guid: ctx.room_guid(&name),
                    name,
                    events,
                });
            }
            days.push(Day {
                index: day
                    .index
                    .unwrap_or_else(|| u32::try_from(i + 1).unwrap_or(0)),
                date: day.date.unwrap_or(start.date_naive()),
                start,
                end,
                rooms: day_rooms,
            });
        }
        for (k, e) in self.events.into_iter().enumerate() {
            let path = format!("schedule.events[{k}]");
            let event = ctx.event(e, None, &path)?;
            let day = day_for(&mut days, event.date)
                .ok_or_else(|| FrabError::at_path(&path, "there are events but no days"))?;
            match day.rooms.iter_mut().find(|r| r.name == event.room) {
                Some(room) => room.events.push(event),
                None => day.rooms.push(Room {
                    name: event.room.clone(),
                    guid: ctx.room_guid(&event.room),
                    events: vec![event],
                }),
            }
        }
        let (start, end) = conference_span(c.start, c.end, &days).ok_or_else(|| {
            FrabError::at_path(
                "schedule.conference",
                "the conference has no start/end and no days",
            )
        })?;
        let days_count = c
            .days_count
            .unwrap_or_else(|| u32::try_from(days.len()).unwrap_or(u32::MAX));
        let timeslot_duration = c
            .timeslot_duration
            .unwrap_or_else(|| derive_timeslot(&days));
        Ok(Schedule {
            version: self.version.unwrap_or_default(),
            url: None,
            conference: Conference {
                acronym,
                title: c.title.unwrap_or_default(),
                description: c.description,
                start,
                end,
                days_count,
                timeslot_duration,
                time_zone_name: non_empty(c.time_zone_name),
                base_url: self.base_url,
                logo: c.logo.map(UrlOrImage::into_url),
                url: c.url,
                colors: c.colors.and_then(|colors| {
                    Some(Colors {
                        primary: colors.primary?,
                        background: colors.background,
                    })
                }),
                keywords: c.keywords,
                tracks,
                rooms,
                meta: c.meta,
            },
            days,
        })
    }
}

/// The day whose span holds `at`, else the one of its date, else the last that began before.
fn day_for(days: &mut [Day], at: DateTime<FixedOffset>) -> Option<&mut Day> {
    let i = days
        .iter()
        .position(|d| d.start <= at && at < d.end)
        .or_else(|| days.iter().position(|d| d.date == at.date_naive()))
        .or_else(|| days.iter().rposition(|d| d.start <= at))
        .unwrap_or(0);
    days.get_mut(i)
}

fn room_info(r: JRoomInfo, acronym: &str) -> RoomInfo {
    let name = r.name.unwrap_or_default();
    RoomInfo {
        guid: r
            .guid
            .as_deref()
            .and_then(parse_guid)
            .unwrap_or_else(|| derived_guid(acronym, "room", &name)),
        name,
        slug: r.slug,
        kind: r.kind.as_deref().map(RoomKind::parse),
        stream_id: r.stream_id,
        description: r.description,
        description_translations: r
            .rest
            .into_iter()
            .filter_map(|(key, value)| match value {
                serde_json::Value::String(text) => {
                    Some((key.strip_prefix("description_")?.to_owned(), text))
                }
                _ => None,
            })
            .collect(),
        capacity: r.capacity,
        url: r.url,
        recording: r
            .features
            .and_then(|f| f.recording)
            .map(|r| RoomRecording::parse(&r)),
        assembly: r.assembly.and_then(|a| {
            Some(Assembly {
                name: a.name?,
                slug: a.slug?,
                guid: parse_guid(a.guid.as_deref()?)?,
                url: a.url,
            })
        }),
    }
}

impl JsonContext<'_> {
    fn room_guid(&self, name: &str) -> Option<Uuid> {
        self.rooms.iter().find(|r| r.name == name).map(|r| r.guid)
    }

    fn event(&self, e: JEvent, room_key: Option<&str>, path: &str) -> Result<Event, FrabError> {
        let fail = |message: &str| FrabError::at_path(path, message);
        let (date, start) = match (e.date, e.start) {
            (Some(date), Some(Start::Clock(start))) => (date, start),
            (Some(date), _) | (None, Some(Start::At(date))) => (date, whole_minutes(date.time())),
            (None, _) => return Err(fail("the event has no `date` (a date-time with offset)")),
        };
        let duration = match (e.duration, e.end) {
            (Some(duration), _) => duration,
            (None, Some(end)) if end >= date => parse_duration(&format_duration(end - date))
                .map_err(|m| FrabError::at_path(&format!("{path}.end"), m))?,
            (None, Some(_)) => return Err(fail("the event ends before it starts")),
            (None, None) => return Err(fail("the event has no `duration`")),
        };
        let room = match e.room {
            Some(Reference::Name(name)) => Some(name),
            Some(Reference::Ref { name, guid, .. }) => name.or_else(|| {
                let guid = parse_guid(guid.as_deref()?)?;
                Some(self.rooms.iter().find(|r| r.guid == guid)?.name.clone())
            }),
            None => None,
        }
        .or_else(|| room_key.map(str::to_owned))
        .ok_or_else(|| fail("the event has no `room`"))?;
        let track = match e.track {
            Some(Reference::Name(name)) => name,
            Some(Reference::Ref { name, slug, .. }) => name
                .or_else(|| {
                    let slug = slug?;
                    let named = self.tracks.iter().find(|t| t.slug.as_ref() == Some(&slug));
                    Some(named.map_or(slug, |t| t.name.clone()))
                })
                .unwrap_or_default(),
            None => String::new(),
        };
        let (mut feedback_url, mut origin_url) = (e.feedback_url, e.origin_url);
        let mut links = Vec::new();
        for link in &e.links {
            match link.kind.as_deref().map(str::to_ascii_lowercase).as_deref() {
                Some("feedback") if feedback_url.is_none() => feedback_url = link.url.clone(),
                Some("origin") if origin_url.is_none() => origin_url = link.url.clone(),
                _ => links.extend(link.to_link()),
            }
        }
        let recording =
            (e.recording_license.is_some() || e.do_not_record.is_some()).then(|| Recording {
                license: e.recording_license.unwrap_or_default(),
                optout: e.do_not_record.unwrap_or(false),
                url: None,
                link: None,
            });
        Ok(Event {
            guid: e.guid.as_deref().and_then(parse_guid).unwrap_or_default(),
            id: e.id.unwrap_or(0),
            code: e.code,
            date,
            start,
            duration,
            room,
            slug: e.slug.unwrap_or_default(),
            url: e.url,
            title: e.title.unwrap_or_default(),
            subtitle: e.subtitle,
            track,
            r#type: e.kind.unwrap_or_default(),
            language: e.language,
            r#abstract: e.summary.unwrap_or_default(),
            description: e.description,
            logo: e.logo.map(UrlOrImage::into_url),
            persons: e.persons.iter().map(|p| self.person(p)).collect(),
            links,
            attachments: e.attachments.iter().filter_map(JLink::to_link).collect(),
            recording,
            do_not_stream: e.do_not_stream,
            feedback_url,
            origin_url,
            video_download_url: None,
        })
    }

    /// A person, completed from schedule2's person list when the event only names them.
    fn person(&self, p: &JPerson) -> Person {
        let guid = p.guid.as_deref().and_then(parse_guid);
        let known = guid.and_then(|g| self.people.get(&g).copied());
        let pick =
            |field: fn(&JPerson) -> Option<String>| field(p).or_else(|| known.and_then(field));
        Person {
            id: p.id.or(known.and_then(|k| k.id)),
            guid,
            name: pick(|x| x.public_name.clone().or_else(|| x.name.clone())).unwrap_or_default(),
            code: pick(|x| x.code.clone()),
            url: pick(|x| x.url.clone()),
            avatar: pick(|x| {
                x.avatar.as_ref().map(|a| match a {
                    UrlOrImage::Url(url) | UrlOrImage::Image { url } => url.clone(),
                })
            }),
            biography: pick(|x| x.biography.clone()),
            links: match known {
                Some(k) if p.links.is_empty() => &k.links,
                _ => &p.links,
            }
            .iter()
            .filter_map(JLink::to_link)
            .collect(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// JSON writing
// ---------------------------------------------------------------------------------------------

/// Writes a `schedule.json` that validates against the c3voc `schema.json` (with formats):
/// canonical values (see the module doc), Kolo as the generator.
pub fn write_json(schedule: &Schedule) -> String {
    let mut s = schedule.clone();
    normalize(&mut s);
    project_json(&mut s);
    let c = &s.conference;
    // Day rooms keep their guid through the catalogue, which JSON requires to hold it.
    let mut rooms: Vec<OutRoomInfo> = c.rooms.iter().map(OutRoomInfo::from).collect();
    for room in s.days.iter().flat_map(|d| &d.rooms) {
        if let Some(guid) = room.guid
            && !rooms.iter().any(|r| r.name == room.name)
        {
            rooms.push(OutRoomInfo {
                name: &room.name,
                guid,
                ..OutRoomInfo::default()
            });
        }
    }
    let doc = OutDoc {
        schema: JSON_SCHEMA_ID,
        generator: OutGenerator {
            name: "kolo",
            version: env!("CARGO_PKG_VERSION"),
        },
        schedule: OutSchedule {
            version: &s.version,
            base_url: c.base_url.as_deref(),
            conference: OutConference {
                acronym: &c.acronym,
                title: &c.title,
                description: c.description.as_deref(),
                start: format_date_or_datetime(c.start),
                end: format_date_or_datetime(c.end),
                days_count: c.days_count,
                timeslot_duration: format_duration(c.timeslot_duration),
                time_zone_name: c.time_zone_name.as_deref(),
                logo: c.logo.as_deref(),
                url: c.url.as_deref(),
                colors: c.colors.as_ref().map(|colors| OutColors {
                    primary: &colors.primary,
                    background: colors.background.as_deref(),
                }),
                keywords: &c.keywords,
                tracks: c
                    .tracks
                    .iter()
                    .map(|t| OutTrack {
                        name: &t.name,
                        slug: t.slug.as_deref(),
                        color: t.color.as_deref(),
                    })
                    .collect(),
                rooms,
                meta: &c.meta,
                days: s.days.iter().map(OutDay::from).collect(),
            },
        },
    };
    serde_json::to_string_pretty(&doc).expect("a schedule serialises")
}

#[derive(Serialize)]
struct OutDoc<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    generator: OutGenerator,
    schedule: OutSchedule<'a>,
}

#[derive(Serialize)]
struct OutGenerator {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct OutSchedule<'a> {
    version: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_url: Option<&'a str>,
    conference: OutConference<'a>,
}

#[derive(Serialize)]
struct OutConference<'a> {
    acronym: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    start: String,
    end: String,
    #[serde(rename = "daysCount")]
    days_count: u32,
    timeslot_duration: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_zone_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    colors: Option<OutColors<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    keywords: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tracks: Vec<OutTrack<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rooms: Vec<OutRoomInfo<'a>>,
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    meta: &'a serde_json::Map<String, serde_json::Value>,
    days: Vec<OutDay<'a>>,
}

#[derive(Serialize)]
struct OutColors<'a> {
    primary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    background: Option<&'a str>,
}

#[derive(Serialize)]
struct OutTrack<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    slug: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<&'a str>,
}

#[derive(Serialize, Default)]
struct OutRoomInfo<'a> {
    name: &'a str,
    guid: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    slug: Option<&'a str>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stream_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a Text>,
    #[serde(flatten)]
    description_translations: BTreeMap<String, &'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    capacity: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    features: Option<OutFeatures>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assembly: Option<OutAssembly<'a>>,
}

#[derive(Serialize)]
struct OutFeatures {
    recording: &'static str,
}

#[derive(Serialize)]
struct OutAssembly<'a> {
    name: &'a str,
    slug: &'a str,
    guid: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

impl<'a> From<&'a RoomInfo> for OutRoomInfo<'a> {
    fn from(r: &'a RoomInfo) -> Self {
        Self {
            name: &r.name,
            guid: r.guid,
            slug: r.slug.as_deref(),
            kind: r.kind.map(RoomKind::as_str),
            stream_id: r.stream_id.as_deref(),
            description: r.description.as_ref(),
            description_translations: r
                .description_translations
                .iter()
                .map(|(lang, text)| (format!("description_{lang}"), text.as_str()))
                .collect(),
            capacity: r.capacity,
            url: r.url.as_deref(),
            features: r.recording.map(|r| OutFeatures {
                recording: r.as_str(),
            }),
            assembly: r.assembly.as_ref().map(|a| OutAssembly {
                name: &a.name,
                slug: &a.slug,
                guid: a.guid,
                url: a.url.as_deref(),
            }),
        }
    }
}

#[derive(Serialize)]
struct OutDay<'a> {
    index: u32,
    date: String,
    day_start: String,
    day_end: String,
    rooms: OutDayRooms<'a>,
}

impl<'a> From<&'a Day> for OutDay<'a> {
    fn from(d: &'a Day) -> Self {
        Self {
            index: d.index,
            date: d.date.format("%Y-%m-%d").to_string(),
            day_start: format_datetime(d.start),
            day_end: format_datetime(d.end),
            rooms: OutDayRooms(&d.rooms),
        }
    }
}

/// The day's rooms as an object, in the model's order.
struct OutDayRooms<'a>(&'a [Room]);

impl Serialize for OutDayRooms<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for room in self.0 {
            let events: Vec<OutEvent> = room.events.iter().map(OutEvent::from).collect();
            map.serialize_entry(&room.name, &events)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct OutEvent<'a> {
    guid: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    id: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<&'a str>,
    date: String,
    start: String,
    end: String,
    duration: String,
    room: &'a str,
    slug: &'a str,
    url: String,
    title: &'a str,
    subtitle: Option<&'a str>,
    track: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    language: Option<&'a str>,
    #[serde(rename = "abstract")]
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recording_license: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    do_not_record: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    do_not_stream: Option<&'a DoNotStream>,
    persons: Vec<OutPerson<'a>>,
    links: Vec<OutLink<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    feedback_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin_url: Option<&'a str>,
    attachments: Vec<OutLink<'a>>,
}

impl<'a> From<&'a Event> for OutEvent<'a> {
    fn from(e: &'a Event) -> Self {
        Self {
            guid: e.guid,
            code: e.code.as_deref(),
            id: e.id,
            logo: e.logo.as_deref(),
            date: format_datetime(e.date),
            start: format_clock(e.start),
            end: format_datetime(e.date + e.duration),
            duration: format_duration(e.duration),
            room: &e.room,
            slug: &e.slug,
            url: e.url.clone().unwrap_or_else(|| placeholder_url(e.guid)),
            title: &e.title,
            subtitle: e.subtitle.as_deref(),
            track: &e.track,
            kind: &e.r#type,
            language: e.language.as_deref(),
            summary: &e.r#abstract,
            description: e.description.as_deref(),
            recording_license: e.recording.as_ref().map(|r| r.license.as_str()),
            do_not_record: e.recording.as_ref().map(|r| r.optout),
            do_not_stream: e.do_not_stream.as_ref(),
            persons: e.persons.iter().map(OutPerson::from).collect(),
            links: e.links.iter().map(OutLink::from).collect(),
            feedback_url: e.feedback_url.as_deref(),
            origin_url: e.origin_url.as_deref(),
            attachments: e.attachments.iter().map(OutLink::from).collect(),
        }
    }
}

/// `schema.json` takes a person as exactly one of frab's (`id` + `public_name`) or pretalx's
/// (`name`) shape, so the name goes in the one field that fits.
#[derive(Serialize)]
struct OutPerson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    guid: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    avatar: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    biography: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<OutLink<'a>>,
}

impl<'a> From<&'a Person> for OutPerson<'a> {
    fn from(p: &'a Person) -> Self {
        let (public_name, name) = match p.id {
            Some(_) => (Some(p.name.as_str()), None),
            None => (None, Some(p.name.as_str())),
        };
        Self {
            id: p.id,
            public_name,
            name,
            guid: p.guid,
            code: p.code.as_deref(),
            url: p.url.as_deref(),
            avatar: p.avatar.as_deref(),
            biography: p.biography.as_deref(),
            links: p.links.iter().map(OutLink::from).collect(),
        }
    }
}

#[derive(Serialize)]
struct OutLink<'a> {
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
}

impl<'a> From<&'a Link> for OutLink<'a> {
    fn from(l: &'a Link) -> Self {
        Self {
            url: &l.url,
            title: l.title.as_deref(),
            kind: l.kind.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_read_in_every_spelling_and_derived_like_python_does() {
        let uuid = "8c4e647f-813e-41ef-b05b-65469dd841c3";
        assert_eq!(parse_guid(uuid).unwrap().to_string(), uuid);
        assert_eq!(
            parse_guid(&uuid.to_uppercase().replace('-', ""))
                .unwrap()
                .to_string(),
            uuid
        );
        // python3 -c "import uuid, base64; print(uuid.UUID(bytes=base64.urlsafe_b64decode('HOqeNIb6G7M4hYFKFRkCmQ==')))"
        assert_eq!(
            parse_guid("HOqeNIb6G7M4hYFKFRkCmQ").unwrap().to_string(),
            "1cea9e34-86fa-1bb3-3885-814a15190299"
        );
        assert_eq!(parse_guid("not a guid"), None);
        // python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, 'urn:frab:31c3:event:6561'))"
        assert_eq!(
            derived_guid("31c3", "event", "6561").to_string(),
            "0b375b70-975f-5d82-afce-7006238bdc33"
        );
    }

    #[test]
    fn acronyms_and_slugs_become_valid_for_both_schemas() {
        assert_eq!(canonical_acronym("31c3"), "31c3");
        assert_eq!(canonical_acronym("Camp2019"), "camp2019");
        assert_eq!(canonical_acronym("rc3-channels-2020"), "rc3_channels_2020");
        assert_eq!(canonical_acronym("36c3-2019-x"), "36c3-2019-x");
        assert_eq!(canonical_acronym("ab"), "ab__");
        assert_eq!(canonical_acronym(" Über Conf "), "_ber_conf");
        assert_eq!(
            canonical_slug("Camp2019-10386-opening_ceremony"),
            "camp2019-10386-opening_ceremony"
        );
        assert_eq!(
            canonical_slug("MJA8QY"),
            "",
            "no hyphen: the XSD refuses it"
        );
        assert_eq!(canonical_slug("38c3-opening-ceremony-"), "");
        assert_eq!(
            derived_slug("31c3", 6561, "31C3 Opening: Event!"),
            "31c3-6561-31c3_opening_event"
        );
        assert_eq!(derived_slug("31c3", 1, "?!"), "31c3-1");
    }

    #[test]
    fn urls_are_made_absolute_or_dropped() {
        let base = Url::parse("https://fahrplan.events.ccc.de/camp/2019/Fahrplan/").ok();
        let base = base.as_ref();
        let cases = [
            ("https://example.org", Some("https://example.org/")),
            ("  mailto:a@example.org ", Some("mailto:a@example.org")),
            (
                "/system/a.pdf?1",
                Some("https://fahrplan.events.ccc.de/system/a.pdf?1"),
            ),
            (
                "events/1.html",
                Some("https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/1.html"),
            ),
            ("flickr.com/derpoly", Some("http://flickr.com/derpoly")),
            ("", None),
            ("http://[broken", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(absolute_url(raw, base).as_deref(), expected, "{raw}");
        }
        assert_eq!(absolute_url("/system/a.pdf", None), None);
    }

    #[test]
    fn durations_and_times_are_read_leniently_within_the_schemas_bounds() {
        assert_eq!(parse_duration("00:30"), Ok(TimeDelta::minutes(30)));
        assert_eq!(parse_duration(" 1:05 "), Ok(TimeDelta::minutes(65)));
        assert_eq!(parse_duration("02:15:59"), Ok(TimeDelta::minutes(135)));
        assert_eq!(parse_duration("99:59"), Ok(TimeDelta::minutes(5999)));
        assert!(
            parse_duration("100:00")
                .unwrap_err()
                .contains("longer than 99:59")
        );
        for bad in [
            "30",
            "0:60",
            "1:5",
            "a:bc",
            "1:00:xx",
            "1:00:00:00",
            "-1:00",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(format_duration(TimeDelta::minutes(135)), "02:15");
        assert_eq!(
            parse_clock("9:05:59"),
            Ok(NaiveTime::from_hms_opt(9, 5, 0).unwrap())
        );
        let t = parse_datetime("2019-08-21 11:00:00+02:00").unwrap();
        assert_eq!(format_datetime(t), "2019-08-21T11:00:00+02:00");
        assert_eq!(
            format_datetime(parse_datetime("2024-12-27T09:30:00Z").unwrap()),
            "2024-12-27T09:30:00+00:00"
        );
        assert!(parse_datetime("2019-08-21T11:00:00").is_err(), "no offset");
        assert_eq!(
            parse_date_or_datetime("2014-12-27"),
            Ok(DateOrDateTime::Date(
                NaiveDate::from_ymd_opt(2014, 12, 27).unwrap()
            ))
        );
    }

    #[test]
    fn errors_say_where() {
        let e = FrabError {
            path: Some("schedule.version".into()),
            line: Some(3),
            column: Some(14),
            ..FrabError::new("invalid type")
        };
        assert_eq!(
            e.to_string(),
            "line 3, column 14, at schedule.version: invalid type"
        );
        assert_eq!(FrabError::at_line(7, "oops").to_string(), "line 7: oops");
        assert_eq!(FrabError::new("too big").to_string(), "too big");
    }

    #[test]
    fn the_timeslot_is_the_coarsest_grid_events_fit() {
        let at = |h, m| {
            DateTime::parse_from_rfc3339(&format!("2025-05-01T{h:02}:{m:02}:00+02:00")).unwrap()
        };
        let event = |date: DateTime<FixedOffset>, minutes| Event {
            guid: Uuid::nil(),
            id: 0,
            code: None,
            date,
            start: date.time(),
            duration: TimeDelta::minutes(minutes),
            room: String::new(),
            slug: String::new(),
            url: None,
            title: String::new(),
            subtitle: None,
            track: String::new(),
            r#type: String::new(),
            language: None,
            r#abstract: String::new(),
            description: None,
            logo: None,
            persons: Vec::new(),
            links: Vec::new(),
            attachments: Vec::new(),
            recording: None,
            do_not_stream: None,
            feedback_url: None,
            origin_url: None,
            video_download_url: None,
        };
        let day = |events| Day {
            index: 1,
            date: at(0, 0).date_naive(),
            start: at(0, 0),
            end: at(23, 0),
            rooms: vec![Room {
                name: "A".into(),
                guid: None,
                events,
            }],
        };
        let slot = |events| derive_timeslot(&[day(events)]).num_minutes();
        assert_eq!(slot(vec![event(at(10, 0), 60)]), 60);
        assert_eq!(slot(vec![event(at(10, 30), 30), event(at(11, 0), 90)]), 30);
        assert_eq!(slot(vec![event(at(10, 15), 40)]), 5);
        assert_eq!(slot(vec![event(at(10, 7), 30)]), 1);
    }
}
