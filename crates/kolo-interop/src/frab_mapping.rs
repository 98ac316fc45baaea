//! Between Frab schedules ([`crate::frab`]) and Kolo's events and programme items.
//!
//! Kolo's model is not the format's: an item has no subtitle, logo, feedback link or frab id, a
//! schedule has colours, a room catalogue and day spans. So an import keeps the schedule file
//! (canonical, in its own format) beside the event, and an export starts from that file and
//! overlays Kolo's current values: a field is written from Kolo only where Kolo's value differs
//! from what importing the file gives. Unchanged, an import and an export give back the file's
//! every field; changed in Kolo, the export says what Kolo says. Items added in Kolo are written
//! whole, items removed are left out, and an event with no file gets a schedule built from scratch.
//!
//! Texts are single-language in Frab: an item's texts go under its `language` when that is a
//! language tag, else under the event's original language, and are written back from the same.

use crate::frab::{
    self, Conference, DateOrDateTime, Day, Event as FrabEvent, FrabError, Link, Person, Recording,
    Room, Schedule, Track,
};
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeDelta};
use kolo_domain::event::{ExternalLink, Hall, ItemKind, ItemPerson, PersonRole, Venue};
use kolo_domain::{
    AttendanceMode, Event, EventKind, EventStatus, LangTag, LocalizedText, ProgrammeItem, Slug,
    Zone,
};
use std::collections::HashMap;
use url::Url;
use uuid::Uuid;

/// The two encodings of the format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xml,
    Json,
}

impl Format {
    pub fn code(self) -> &'static str {
        match self {
            Format::Xml => "xml",
            Format::Json => "json",
        }
    }

    pub fn from_code(code: &str) -> Option<Format> {
        match code {
            "xml" => Some(Format::Xml),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// The format a file is in, by its first character: XML starts with `<`.
    pub fn sniff(bytes: &[u8]) -> Format {
        let first = bytes
            .iter()
            .copied()
            .find(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF);
        if first == Some(b'<') {
            Format::Xml
        } else {
            Format::Json
        }
    }

    pub fn read(self, bytes: &[u8]) -> Result<Schedule, FrabError> {
        match self {
            Format::Xml => frab::read_xml(bytes),
            Format::Json => frab::read_json(bytes),
        }
    }

    pub fn write(self, schedule: &Schedule) -> String {
        match self {
            Format::Xml => frab::write_xml(schedule),
            Format::Json => frab::write_json(schedule),
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Xml => "application/xml",
            Format::Json => "application/json",
        }
    }
}

/// A new event for a schedule that has none in Kolo yet: a conference with the file's
/// title and span in its time zone, hosted by `host`, its texts in `lang`.
pub fn new_event(schedule: &Schedule, slug: Slug, host: Slug, lang: LangTag) -> Event {
    let c = &schedule.conference;
    let zone = schedule_zone(schedule);
    let (starts_at, ends_at) = schedule_span(schedule, zone);
    let text = |s: &str| in_lang(&lang, s);
    Event {
        slug,
        kind: EventKind::Conference,
        status: EventStatus::Scheduled,
        attendance: AttendanceMode::Offline,
        title: text(&c.title),
        summary: LocalizedText::new(),
        description: text(c.description.as_deref().unwrap_or("")),
        original_lang: lang.clone(),
        key_questions: Vec::new(),
        audience: LocalizedText::new(),
        starts_at,
        ends_at,
        time_zone: zone,
        hosts: vec![host],
        organisers: Vec::new(),
        partners: Vec::new(),
        supporters: Vec::new(),
        networks: Vec::new(),
        parent: None,
        contacts: Vec::new(),
        venue: None,
        online_url: None,
        registration_url: None,
        registration_closes: None,
        links: c
            .url
            .as_deref()
            .and_then(|u| Url::parse(u).ok())
            .map(|url| ExternalLink {
                label: text(&c.title),
                url,
            })
            .into_iter()
            .collect(),
    }
}

/// The schedule's IANA zone; for a file without one, the fixed zone of its first day's offset
/// (`Etc/GMT-1` for +01:00), so wall-clock times stay what attendees read.
fn schedule_zone(schedule: &Schedule) -> Zone {
    let named = schedule
        .conference
        .time_zone_name
        .as_deref()
        .and_then(|n| n.parse::<chrono_tz::Tz>().ok());
    let by_offset = || {
        let seconds = schedule.days.first()?.start.offset().local_minus_utc();
        if seconds % 3600 != 0 {
            return None;
        }
        let hours = seconds / 3600;
        let name = match hours {
            0 => "Etc/UTC".to_owned(),
            // POSIX sign: Etc/GMT-1 is one hour east of UTC.
            h if h > 0 => format!("Etc/GMT-{h}"),
            h => format!("Etc/GMT+{}", -h),
        };
        name.parse::<chrono_tz::Tz>().ok()
    };
    Zone(named.or_else(by_offset).unwrap_or(chrono_tz::UTC))
}

fn local(zone: Zone, t: DateTime<FixedOffset>) -> NaiveDateTime {
    t.with_timezone(&zone.0).naive_local()
}

fn offset_time(zone: Zone, t: NaiveDateTime) -> DateTime<FixedOffset> {
    zone.to_utc(t).with_timezone(&zone.0).fixed_offset()
}

/// From the conference's start (a date means its midnight) to its end (a date means 23:59),
/// widened to hold every event.
fn schedule_span(schedule: &Schedule, zone: Zone) -> (NaiveDateTime, NaiveDateTime) {
    let at = |d: DateOrDateTime, end: bool| match d {
        DateOrDateTime::DateTime(t) => local(zone, t),
        DateOrDateTime::Date(d) if end => d.and_hms_opt(23, 59, 0).expect("a valid time"),
        DateOrDateTime::Date(d) => d.and_hms_opt(0, 0, 0).expect("a valid time"),
    };
    let mut start = at(schedule.conference.start, false);
    let mut end = at(schedule.conference.end, true);
    for e in all_events(&schedule.days) {
        let s = local(zone, e.date);
        start = start.min(s);
        end = end.max(s + e.duration);
    }
    (start, end.max(start))
}

fn all_events(days: &[Day]) -> impl Iterator<Item = &FrabEvent> {
    days.iter().flat_map(|d| &d.rooms).flat_map(|r| &r.events)
}

fn in_lang(lang: &LangTag, text: &str) -> LocalizedText {
    let mut t = LocalizedText::new();
    t.set(lang.clone(), text);
    t
}

/// A text for a single-language format: in `lang`, else in its primary language, else any.
fn text_in(text: &LocalizedText, lang: &LangTag) -> String {
    text.get(lang.as_str())
        .or_else(|| {
            text.iter()
                .find(|(t, _)| t.language() == lang.language())
                .map(|(_, v)| v)
        })
        .or_else(|| text.iter().next().map(|(_, v)| v))
        .unwrap_or("")
        .to_owned()
}

/// Frab's free-text event types, as Kolo's kinds; anything unknown is `other`.
fn kind_of(frab_type: &str) -> ItemKind {
    let t = frab_type.trim().to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if let Some(kind) = ItemKind::from_code(&t) {
        kind
    } else if has(&[
        "talk",
        "lecture",
        "keynote",
        "vortrag",
        "presentation",
        "доклад",
    ]) {
        ItemKind::Talk
    } else if has(&["workshop", "lab", "tutorial"]) {
        ItemKind::Workshop
    } else if has(&["panel", "podium", "discussion", "round"]) {
        ItemKind::Panel
    } else if has(&["break", "pause", "lunch", "coffee"]) {
        ItemKind::Break
    } else if has(&["ceremony", "opening", "closing"]) {
        ItemKind::Ceremony
    } else if has(&["session", "meeting"]) {
        ItemKind::Session
    } else {
        ItemKind::Other
    }
}

/// The halls of an event by the room names they answer to (any language's name).
struct Halls<'a>(&'a [Hall]);

impl Halls<'_> {
    fn key_for(&self, room: &str) -> Option<Slug> {
        let room = room.trim();
        self.0
            .iter()
            .find(|h| h.name.iter().any(|(_, n)| n == room))
            .map(|h| h.key.clone())
    }
}

/// A hall key for a room name: its ASCII letters and digits in lower case, else `hall-N`.
fn hall_key(name: &str, taken: &[Hall]) -> Slug {
    let words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let base: String = words.join("-").chars().take(60).collect();
    let base = base.trim_end_matches('-').to_owned();
    let free = |k: &str| !taken.iter().any(|h| h.key.as_str() == k);
    let candidates = (1..).map(|n| match (base.is_empty(), n) {
        (false, 1) => base.clone(),
        (false, n) => format!("{base}-{n}"),
        (true, n) => format!("hall-{n}"),
    });
    candidates
        .filter(|k| free(k))
        .find_map(|k| Slug::parse("hall", &k).ok())
        .expect("some candidate key is free and valid")
}

/// The event with a hall for every room the schedule names, and the schedule's events as items.
pub fn to_kolo(schedule: &Schedule, event: &Event) -> (Event, Vec<ProgrammeItem>) {
    let mut event = event.clone();
    let lang = event.original_lang.clone();
    let capacities: HashMap<&str, u32> = schedule
        .conference
        .rooms
        .iter()
        .filter_map(|r| Some((r.name.as_str(), r.capacity?)))
        .collect();
    let venue = event.venue.get_or_insert_with(Venue::default);
    for room in schedule.days.iter().flat_map(|d| &d.rooms) {
        if room.name.trim().is_empty() || Halls(&venue.halls).key_for(&room.name).is_some() {
            continue;
        }
        let key = hall_key(&room.name, &venue.halls);
        venue.halls.push(Hall {
            key,
            name: in_lang(&lang, &room.name),
            capacity: capacities.get(room.name.as_str()).copied(),
            stream_url: None,
            recorded: false,
        });
    }
    let items = items_of(schedule, &event);
    (event, items)
}

/// The schedule's events as Kolo would import them onto `event` (whose halls already exist).
fn items_of(schedule: &Schedule, event: &Event) -> Vec<ProgrammeItem> {
    let halls = event.venue.as_ref().map_or(&[][..], |v| &v.halls[..]);
    all_events(&schedule.days)
        .map(|e| item_of(e, event, &Halls(halls)))
        .collect()
}

fn item_lang(language: Option<&str>, event: &Event) -> (Option<LangTag>, LangTag) {
    let tag = language.and_then(|l| l.parse::<LangTag>().ok());
    let lang = tag.clone().unwrap_or_else(|| event.original_lang.clone());
    (tag, lang)
}

fn item_of(e: &FrabEvent, event: &Event, halls: &Halls<'_>) -> ProgrammeItem {
    let (language, lang) = item_lang(e.language.as_deref(), event);
    let text = |s: &str| in_lang(&lang, s);
    let description = [Some(e.r#abstract.as_str()), e.description.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    ProgrammeItem {
        guid: e.guid.to_string(),
        kind: kind_of(&e.r#type),
        title: text(&e.title),
        description: text(&description),
        starts_at: local(event.time_zone, e.date),
        duration_minutes: u32::try_from(e.duration.num_minutes()).unwrap_or(0),
        hall: halls.key_for(&e.room),
        track: text(&e.track),
        persons: e
            .persons
            .iter()
            .map(|p| ItemPerson {
                name: text(&p.name),
                role: PersonRole::Speaker,
                affiliation: LocalizedText::new(),
            })
            .collect(),
        broadcast_url: None,
        recording_url: e
            .recording
            .as_ref()
            .and_then(|r| r.url.as_deref())
            .and_then(|u| Url::parse(u).ok()),
        materials: e
            .links
            .iter()
            .chain(&e.attachments)
            .filter_map(|l| {
                Some(ExternalLink {
                    label: text(l.title.as_deref().unwrap_or(&l.url)),
                    url: Url::parse(&l.url).ok()?,
                })
            })
            .collect(),
        language,
    }
}

/// Addresses an export names.
pub struct ExportUrls<'a> {
    /// The site, for `base_url`.
    pub site: &'a str,
    /// The event's page.
    pub event_page: &'a str,
    /// Where this schedule is published (`schedule/url` of XML).
    pub schedule: &'a str,
}

/// The event's programme as a schedule named `version`: the kept file overlaid with Kolo's
/// values (see the module doc), or one built from scratch when there is no file.
pub fn to_schedule(
    event: &Event,
    items: &[ProgrammeItem],
    version: &str,
    source: Option<Schedule>,
    urls: &ExportUrls<'_>,
) -> Schedule {
    let zone = event.time_zone;
    let lang = &event.original_lang;
    let fresh = source.is_none();
    let mut s = source.unwrap_or_else(|| skeleton(event, urls));
    let imported: HashMap<String, ProgrammeItem> = items_of(&s, event)
        .into_iter()
        .map(|i| (i.guid.clone(), i))
        .collect();
    s.version = version.to_owned();

    // The conference: Kolo's title, span and zone where they differ from the file's.
    let title = text_in(&event.title, lang);
    if event.title.get(lang.as_str()) != Some(s.conference.title.trim()) {
        s.conference.title = title;
    }
    if schedule_span(&s, zone) != (event.starts_at, event.ends_at) || fresh {
        s.conference.start = DateOrDateTime::DateTime(offset_time(zone, event.starts_at));
        s.conference.end = DateOrDateTime::DateTime(offset_time(zone, event.ends_at));
    }
    if schedule_zone(&s) != zone {
        s.conference.time_zone_name = Some(zone.0.name().to_owned());
    }

    // Every event of the file still in Kolo, updated, in the file's order; then Kolo's new ones.
    let by_guid: HashMap<&str, &ProgrammeItem> =
        items.iter().map(|i| (i.guid.as_str(), i)).collect();
    let mut placed: Vec<(Option<usize>, FrabEvent)> = Vec::new();
    for (day_index, day) in s.days.iter().enumerate() {
        for e in day.rooms.iter().flat_map(|r| &r.events) {
            let Some(item) = by_guid.get(e.guid.to_string().as_str()) else {
                continue;
            };
            let before = &imported[&e.guid.to_string()];
            let mut e = e.clone();
            overlay(&mut e, before, item, event);
            let stays = item.starts_at == before.starts_at;
            placed.push((stays.then_some(day_index), e));
        }
    }
    let known: std::collections::HashSet<&str> = imported.keys().map(String::as_str).collect();
    let mut added: Vec<&ProgrammeItem> = items
        .iter()
        .filter(|i| !known.contains(i.guid.as_str()))
        .collect();
    added.sort_by_key(|i| i.starts_at);
    for item in added {
        placed.push((None, new_frab_event(item, event, urls)));
    }

    let mut days: Vec<Day> = s
        .days
        .iter()
        .map(|d| Day {
            rooms: d
                .rooms
                .iter()
                .map(|r| Room {
                    events: Vec::new(),
                    ..r.clone()
                })
                .collect(),
            ..d.clone()
        })
        .collect();
    let mut reordered = std::collections::HashSet::new();
    for (kept_day, e) in placed {
        let moved = kept_day.is_none();
        let day_index = kept_day
            .or_else(|| {
                days.iter()
                    .position(|d| d.start <= e.date && e.date < d.end)
            })
            .or_else(|| {
                days.iter()
                    .position(|d| d.date == local(zone, e.date).date())
            })
            .unwrap_or_else(|| {
                days.push(Day {
                    index: 0,
                    date: local(zone, e.date).date(),
                    start: e.date,
                    end: e.date + e.duration,
                    rooms: Vec::new(),
                });
                days.len() - 1
            });
        let day = &mut days[day_index];
        day.start = day.start.min(e.date);
        day.end = day.end.max(e.date + e.duration);
        let room = match day.rooms.iter().position(|r| r.name == e.room) {
            Some(i) => i,
            None => {
                day.rooms.push(Room {
                    name: e.room.clone(),
                    guid: None,
                    events: Vec::new(),
                });
                day.rooms.len() - 1
            }
        };
        let events = &mut day.rooms[room].events;
        if moved && events.last().is_some_and(|last| last.date > e.date) {
            reordered.insert((day_index, room));
        }
        events.push(e);
    }
    for (d, r) in reordered {
        days[d].rooms[r].events.sort_by_key(|e| e.date);
    }
    if days.len() != s.days.len() {
        days.sort_by_key(|d| d.date);
        for (day, index) in days.iter_mut().zip(1..) {
            day.index = index;
        }
        s.conference.days_count = u32::try_from(days.len()).unwrap_or(u32::MAX);
    }
    s.days = days;

    // A file without a track list (as older frab files are) gets none added.
    let catalogue = fresh || !s.conference.tracks.is_empty();
    let mut tracks: Vec<String> = items
        .iter()
        .map(|i| {
            text_in(
                &i.track,
                &item_lang(i.language.as_ref().map(LangTag::as_str), event).1,
            )
        })
        .filter(|t| catalogue && !t.is_empty())
        .collect();
    tracks.dedup();
    for name in tracks {
        if !s.conference.tracks.iter().any(|t| t.name == name) {
            s.conference.tracks.push(Track {
                name,
                slug: None,
                color: None,
                text: None,
            });
        }
    }
    if fresh {
        s.conference.timeslot_duration = frab::derive_timeslot(&s.days);
    }
    s
}

/// A schedule with the event's own values and no days yet.
fn skeleton(event: &Event, urls: &ExportUrls<'_>) -> Schedule {
    let lang = &event.original_lang;
    Schedule {
        version: String::new(),
        url: Some(urls.schedule.to_owned()),
        conference: Conference {
            acronym: event.slug.to_string(),
            title: text_in(&event.title, lang),
            description: Some(text_in(
                if event.summary.is_empty() {
                    &event.description
                } else {
                    &event.summary
                },
                lang,
            ))
            .filter(|d| !d.is_empty()),
            start: DateOrDateTime::DateTime(offset_time(event.time_zone, event.starts_at)),
            end: DateOrDateTime::DateTime(offset_time(event.time_zone, event.ends_at)),
            days_count: 0,
            timeslot_duration: TimeDelta::minutes(5),
            time_zone_name: Some(event.time_zone.0.name().to_owned()),
            base_url: Some(urls.site.to_owned()),
            logo: None,
            url: Some(urls.event_page.to_owned()),
            colors: None,
            keywords: Vec::new(),
            tracks: Vec::new(),
            rooms: Vec::new(),
            meta: serde_json::Map::new(),
        },
        days: Vec::new(),
    }
}

/// The room an item is in: its hall's name, else the venue's, else the event's title.
fn room_name(item: &ProgrammeItem, event: &Event, lang: &LangTag) -> String {
    let hall = item
        .hall
        .as_ref()
        .and_then(|h| event.hall(h.as_str()))
        .map(|h| &h.name);
    let venue = event
        .venue
        .as_ref()
        .map(|v| &v.name)
        .filter(|n| !n.is_empty());
    text_in(hall.or(venue).unwrap_or(&event.title), lang)
}

fn persons_of(item: &ProgrammeItem, lang: &LangTag) -> Vec<Person> {
    item.persons
        .iter()
        .map(|p| Person {
            id: None,
            guid: None,
            name: text_in(&p.name, lang),
            code: None,
            url: None,
            avatar: None,
            biography: None,
            links: Vec::new(),
        })
        .collect()
}

fn links_of(item: &ProgrammeItem, lang: &LangTag) -> Vec<Link> {
    item.materials
        .iter()
        .map(|m| Link {
            url: m.url.to_string(),
            title: Some(text_in(&m.label, lang)).filter(|t| !t.is_empty()),
            kind: None,
            service: None,
        })
        .collect()
}

/// Writes into `e` each of Kolo's values that differs from what importing `e` gave (`before`).
fn overlay(e: &mut FrabEvent, before: &ProgrammeItem, item: &ProgrammeItem, event: &Event) {
    let lang = item_lang(item.language.as_ref().map(LangTag::as_str), event).1;
    let zone = event.time_zone;
    if item.title != before.title {
        e.title = text_in(&item.title, &lang);
    }
    if item.kind != before.kind {
        e.r#type = item.kind.code().to_owned();
    }
    if item.description != before.description {
        e.r#abstract = text_in(&item.description, &lang);
        e.description = None;
    }
    if item.starts_at != before.starts_at {
        e.date = offset_time(zone, item.starts_at);
        e.start = item.starts_at.time();
    }
    if item.duration_minutes != before.duration_minutes {
        e.duration = TimeDelta::minutes(i64::from(item.duration_minutes));
    }
    if item.hall != before.hall {
        e.room = room_name(item, event, &lang);
    }
    if item.track != before.track {
        e.track = text_in(&item.track, &lang);
    }
    if item.persons != before.persons {
        e.persons = persons_of(item, &lang);
    }
    if item.recording_url != before.recording_url {
        let url = item.recording_url.as_ref().map(Url::to_string);
        match &mut e.recording {
            Some(r) => r.url = url,
            None => {
                e.recording = url.map(|url| Recording {
                    license: String::new(),
                    optout: false,
                    url: Some(url),
                    link: None,
                });
            }
        }
    }
    if item.materials != before.materials {
        e.links = links_of(item, &lang);
        e.attachments = Vec::new();
    }
    if item.language != before.language {
        e.language = item.language.as_ref().map(LangTag::to_string);
    }
}

/// A schedule event for an item Kolo has and the file had not. Its guid is the item's when that
/// is a UUID, else derived from the event page and the item's guid, so it stays the same.
fn new_frab_event(item: &ProgrammeItem, event: &Event, urls: &ExportUrls<'_>) -> FrabEvent {
    let lang = item_lang(item.language.as_ref().map(LangTag::as_str), event).1;
    let guid = Uuid::try_parse(&item.guid).unwrap_or_else(|_| {
        Uuid::new_v5(
            &Uuid::NAMESPACE_URL,
            format!("{}#{}", urls.event_page, item.guid).as_bytes(),
        )
    });
    FrabEvent {
        guid,
        id: 0,
        code: None,
        date: offset_time(event.time_zone, item.starts_at),
        start: item.starts_at.time(),
        duration: TimeDelta::minutes(i64::from(item.duration_minutes)),
        room: room_name(item, event, &lang),
        slug: String::new(),
        url: Some(urls.event_page.to_owned()),
        title: text_in(&item.title, &lang),
        subtitle: None,
        track: text_in(&item.track, &lang),
        r#type: item.kind.code().to_owned(),
        language: Some(lang.language().to_owned()),
        r#abstract: text_in(&item.description, &lang),
        description: None,
        logo: None,
        persons: persons_of(item, &lang),
        links: links_of(item, &lang),
        attachments: Vec::new(),
        recording: item.recording_url.as_ref().map(|url| Recording {
            license: String::new(),
            optout: false,
            url: Some(url.to_string()),
            link: None,
        }),
        do_not_stream: None,
        feedback_url: None,
        origin_url: None,
        video_download_url: None,
    }
}

/// Field errors on `items[i]` named by the item instead: its title and guid, so a message about
/// an imported file says which of its events is wrong.
pub fn name_items(field: &str, items: &[ProgrammeItem]) -> String {
    let Some(rest) = field.strip_prefix("items[") else {
        return field.to_owned();
    };
    let Some((index, tail)) = rest.split_once(']') else {
        return field.to_owned();
    };
    match index.parse::<usize>().ok().and_then(|i| items.get(i)) {
        Some(item) => {
            let title = item.title.iter().next().map_or("", |(_, t)| t);
            format!("event {} «{title}»{tail}", item.guid)
        }
        None => field.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frab_types_become_kinds() {
        let table = [
            ("lecture", ItemKind::Talk),
            ("Talk", ItemKind::Talk),
            ("workshop", ItemKind::Workshop),
            ("Podium", ItemKind::Panel),
            ("Coffee break", ItemKind::Break),
            ("cultural_programme", ItemKind::CulturalProgramme),
            ("other", ItemKind::Other),
            ("meetup", ItemKind::Other),
        ];
        for (raw, kind) in table {
            assert_eq!(kind_of(raw), kind, "{raw}");
        }
    }

    #[test]
    fn hall_keys_are_slugs_and_unique() {
        let hall = |key: &str| Hall {
            key: Slug::parse("key", key).unwrap(),
            name: LocalizedText::new().with("en", key),
            capacity: None,
            stream_url: None,
            recorded: false,
        };
        assert_eq!(hall_key("Saal 1", &[]).as_str(), "saal-1");
        assert_eq!(hall_key("Saal 1", &[hall("saal-1")]).as_str(), "saal-1-2");
        assert_eq!(hall_key("Зал №2", &[]).as_str(), "2");
        assert_eq!(
            hall_key("Конференц-зал", &[hall("hall-1")]).as_str(),
            "hall-2"
        );
    }

    #[test]
    fn zones_without_a_name_follow_the_offset() {
        let day = |offset: i32| Day {
            index: 1,
            date: "2014-12-27".parse().unwrap(),
            start: FixedOffset::east_opt(offset)
                .unwrap()
                .with_ymd_and_hms(2014, 12, 27, 11, 0, 0)
                .unwrap(),
            end: FixedOffset::east_opt(offset)
                .unwrap()
                .with_ymd_and_hms(2014, 12, 28, 4, 0, 0)
                .unwrap(),
            rooms: Vec::new(),
        };
        use chrono::TimeZone;
        let mut s = frab::read_json(br#"{"schedule": {"version": "1", "conference": {"acronym": "test", "title": "T", "start": "2014-12-27", "end": "2014-12-27", "daysCount": 1, "timeslot_duration": "00:15", "days": []}}}"#).unwrap();
        s.days = vec![day(3600)];
        assert_eq!(schedule_zone(&s).0.name(), "Etc/GMT-1");
        s.days = vec![day(-5 * 3600)];
        assert_eq!(schedule_zone(&s).0.name(), "Etc/GMT+5");
        s.conference.time_zone_name = Some("Europe/Berlin".into());
        assert_eq!(schedule_zone(&s).0.name(), "Europe/Berlin");
    }

    #[test]
    fn item_errors_name_the_event() {
        let item = ProgrammeItem {
            guid: "g-1".into(),
            kind: ItemKind::Talk,
            title: LocalizedText::new().with("en", "Opening"),
            description: LocalizedText::new(),
            starts_at: "2024-01-01T10:00:00".parse().unwrap(),
            duration_minutes: 30,
            hall: None,
            track: LocalizedText::new(),
            persons: vec![],
            broadcast_url: None,
            recording_url: None,
            materials: vec![],
            language: None,
        };
        assert_eq!(
            name_items("items[0].starts_at", &[item]),
            "event g-1 «Opening».starts_at"
        );
        assert_eq!(name_items("items[5].hall", &[]), "items[5].hall");
        assert_eq!(name_items("title", &[]), "title");
    }
}
