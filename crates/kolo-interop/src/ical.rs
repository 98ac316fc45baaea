//! iCalendar (RFC 5545, with the RFC 7986 extensions) feeds of events and programme items.
//!
//! [`write`] turns a [`Calendar`] into the text of an `.ics` file. It is a pure function of its
//! input — no clock, no database — so a feed stays byte-identical until an event changes, and
//! HTTP caching and ETags work on it.
//!
//! # Why a writer of our own rather than the `icalendar` crate
//!
//! The `icalendar` crate (0.17) was checked first. It escapes, folds and takes custom properties
//! and parameters, but it cannot write a valid `VTIMEZONE`: it has no time-zone component (a TODO
//! in its `lib.rs`), and every component it writes, its generic one included, gets a `DTSTAMP`
//! of the current time and a random `UID` added when it has none. RFC 5545 allows neither in
//! `VTIMEZONE`/`STANDARD`/`DAYLIGHT`, and they would make the output differ on every call. It
//! also writes parameter values that contain `"` or a line break unescaped (here: RFC 6868).
//! Without the time zones, what is left of the crate's part is escaping, folding and assembling
//! `NAME;PARAM=…:value`: a few dozen lines here, checked by the unit tests below and by reading
//! the output back with Python's `icalendar` (`tests/ical_python.rs`).
//!
//! # Time zones
//!
//! Local times are written as `DTSTART;TZID=Europe/Moscow:…`. Most clients resolve the IANA name
//! themselves; for those that don't, every zone used gets a `VTIMEZONE` whose observances come
//! from chrono-tz, the tz data `kolo-domain` uses to turn wall-clock times into instants, so the
//! feed and Kolo's pages agree. chrono-tz does not expose its transition table, so the
//! transitions are found by probing the offset once a day and bisecting to the second.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, Tz, TzOffset};
use std::collections::BTreeMap;

/// One feed: an institution's, a network's or an event's calendar.
#[derive(Clone, Debug, PartialEq)]
pub struct Calendar {
    /// Shown as the calendar's title by subscribing clients (`NAME`, `X-WR-CALNAME`).
    pub name: String,
    pub description: Option<String>,
    /// The public page the feed belongs to.
    pub url: Option<String>,
    pub events: Vec<CalendarEvent>,
}

/// An event or a programme item, as one `VEVENT`.
#[derive(Clone, Debug, PartialEq)]
pub struct CalendarEvent {
    /// Stable across edits and feeds, e.g. `event-42@kolo.example.org`: clients match updates
    /// to the copy they hold by it.
    pub uid: String,
    /// Raised on every change, so that clients replace their copy.
    pub sequence: u32,
    /// Also written as `DTSTAMP`: in a published feed that is when the information last changed
    /// (RFC 5545 §3.8.7.2), and taking it from the data keeps the output stable.
    pub last_modified: DateTime<Utc>,
    pub summary: String,
    pub description: Option<String>,
    pub timing: Timing,
    /// Venue and hall, human readable.
    pub location: Option<String>,
    /// Latitude and longitude in degrees.
    pub geo: Option<(f64, f64)>,
    /// The public page.
    pub url: Option<String>,
    /// Online ways to take part: join links, broadcasts.
    pub conference: Vec<Conference>,
    pub status: Status,
    pub categories: Vec<String>,
    pub organizer: Option<Organizer>,
    /// The UID of the event a programme item belongs to.
    pub related_to: Option<String>,
    /// BCP 47 tag of `summary` and `description` (their `LANGUAGE` parameter).
    pub language: Option<String>,
}

/// When an event takes place. Both ends share one kind and one zone, because `DTSTART` and
/// `DTEND` must (RFC 5545 §3.8.2.2); the type keeps mismatched pairs from being expressed.
/// Callers keep the end after the start (kolo-domain validates that).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Timing {
    /// Wall-clock times in an IANA zone, as organisers announce them.
    Local {
        starts: NaiveDateTime,
        ends: NaiveDateTime,
        zone: Tz,
    },
    /// Whole days, both inclusive (an exhibition "1–3 July"); written with the exclusive
    /// `DTEND` iCalendar wants, the day after `last`.
    AllDay { first: NaiveDate, last: NaiveDate },
}

/// An RFC 7986 `CONFERENCE`: a URI to join or watch, with what it offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conference {
    pub uri: String,
    pub label: Option<String>,
    pub features: Vec<Feature>,
}

/// The `FEATURE` values of RFC 7986 §6.3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    Audio,
    Chat,
    /// A one-way broadcast, such as a live stream.
    Feed,
    Moderator,
    Phone,
    Screen,
    Video,
}

impl Feature {
    fn code(self) -> &'static str {
        match self {
            Feature::Audio => "AUDIO",
            Feature::Chat => "CHAT",
            Feature::Feed => "FEED",
            Feature::Moderator => "MODERATOR",
            Feature::Phone => "PHONE",
            Feature::Screen => "SCREEN",
            Feature::Video => "VIDEO",
        }
    }
}

/// The `STATUS` values a `VEVENT` may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Confirmed,
    Tentative,
    Cancelled,
}

/// Who organises an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organizer {
    pub name: String,
    /// `ORGANIZER` must be a calendar address; without an e-mail the name is written as
    /// `CONTACT` instead.
    pub email: Option<String>,
}

/// How often subscribing clients should fetch the feed again (RFC 7986 `REFRESH-INTERVAL`, and
/// `X-PUBLISHED-TTL` for Outlook, which predates it).
const REFRESH: &str = "PT1H";

/// The text of an `.ics` file for `calendar`.
pub fn write(calendar: &Calendar) -> String {
    let mut out = String::new();
    let o = &mut out;
    line(o, "BEGIN", &[], "VCALENDAR");
    line(o, "VERSION", &[], "2.0");
    line(o, "PRODID", &[], "-//Kolo//Kolo//EN");
    line(o, "CALSCALE", &[], "GREGORIAN");
    // NAME and DESCRIPTION are RFC 7986; the X-WR- pair is what older clients (Apple, Google,
    // Outlook) read.
    line(o, "NAME", &[], &text(&calendar.name));
    line(o, "X-WR-CALNAME", &[], &text(&calendar.name));
    if let Some(description) = &calendar.description {
        line(o, "DESCRIPTION", &[], &text(description));
        line(o, "X-WR-CALDESC", &[], &text(description));
    }
    if let Some(url) = &calendar.url {
        line(o, "URL", &[], &uri(url));
    }
    line(
        o,
        "REFRESH-INTERVAL",
        &[("VALUE", "DURATION".into())],
        REFRESH,
    );
    line(o, "X-PUBLISHED-TTL", &[], REFRESH);
    for (zone, first, last) in zones_used(&calendar.events).into_values() {
        vtimezone(o, zone, first, last);
    }
    for event in &calendar.events {
        vevent(o, event);
    }
    line(o, "END", &[], "VCALENDAR");
    out
}

fn vevent(o: &mut String, event: &CalendarEvent) {
    line(o, "BEGIN", &[], "VEVENT");
    line(o, "UID", &[], &text(&event.uid));
    line(o, "DTSTAMP", &[], &utc(event.last_modified));
    line(o, "LAST-MODIFIED", &[], &utc(event.last_modified));
    line(o, "SEQUENCE", &[], &event.sequence.to_string());
    let language: Vec<_> = event
        .language
        .iter()
        .map(|l| ("LANGUAGE", param(l)))
        .collect();
    line(o, "SUMMARY", &language, &text(&event.summary));
    if let Some(description) = &event.description {
        line(o, "DESCRIPTION", &language, &text(description));
    }
    match &event.timing {
        Timing::Local { starts, ends, zone } => {
            let tzid = [("TZID", param(zone.name()))];
            line(o, "DTSTART", &tzid, &local(*starts));
            line(o, "DTEND", &tzid, &local(*ends));
        }
        Timing::AllDay { first, last } => {
            let date = [("VALUE", "DATE".to_owned())];
            line(o, "DTSTART", &date, &day(*first));
            // DTEND of a date is exclusive; a `last` of 9999-12-31 has no next day to name.
            let end = last.succ_opt().unwrap_or(*last);
            line(o, "DTEND", &date, &day(end));
        }
    }
    if let Some(location) = &event.location {
        line(o, "LOCATION", &[], &text(location));
    }
    if let Some((lat, lon)) = event
        .geo
        .filter(|(lat, lon)| lat.is_finite() && lon.is_finite())
    {
        line(o, "GEO", &[], &format!("{lat};{lon}"));
    }
    if let Some(url) = &event.url {
        line(o, "URL", &[], &uri(url));
    }
    for conference in &event.conference {
        let mut params = vec![("VALUE", "URI".to_owned())];
        if !conference.features.is_empty() {
            // A list of fixed tokens: joined with unquoted commas, as a multi-valued parameter.
            let codes: Vec<_> = conference.features.iter().map(|f| f.code()).collect();
            params.push(("FEATURE", codes.join(",")));
        }
        if let Some(label) = &conference.label {
            params.push(("LABEL", param(label)));
        }
        line(o, "CONFERENCE", &params, &uri(&conference.uri));
    }
    let status = match event.status {
        Status::Confirmed => "CONFIRMED",
        Status::Tentative => "TENTATIVE",
        Status::Cancelled => "CANCELLED",
    };
    line(o, "STATUS", &[], status);
    if !event.categories.is_empty() {
        let categories: Vec<_> = event.categories.iter().map(|c| text(c)).collect();
        line(o, "CATEGORIES", &[], &categories.join(","));
    }
    match &event.organizer {
        Some(Organizer {
            name,
            email: Some(email),
        }) => {
            let address = format!("mailto:{}", uri(email));
            line(o, "ORGANIZER", &[("CN", param(name))], &address);
        }
        Some(Organizer { name, email: None }) => line(o, "CONTACT", &[], &text(name)),
        None => {}
    }
    if let Some(parent) = &event.related_to {
        line(o, "RELATED-TO", &[], &text(parent));
    }
    line(o, "END", &[], "VEVENT");
}

/// The zones of the events' local times, each with the years its events fall in, in a stable
/// order (by name).
fn zones_used(events: &[CalendarEvent]) -> BTreeMap<&'static str, (Tz, i32, i32)> {
    let mut zones: BTreeMap<&'static str, (Tz, i32, i32)> = BTreeMap::new();
    for event in events {
        if let Timing::Local { starts, ends, zone } = &event.timing {
            let (first, last) = (
                starts.year().min(ends.year()),
                starts.year().max(ends.year()),
            );
            zones
                .entry(zone.name())
                .and_modify(|(_, from, to)| (*from, *to) = ((*from).min(first), (*to).max(last)))
                .or_insert((*zone, first, last));
        }
    }
    zones
}

/// A day in seconds: the probing step. Zones do not change their offset twice within a day.
const DAY: i64 = 86_400;

/// How far back to look for the change that began the period in effect when the events start
/// (1900-01-01): zones unchanged since then get a single observance of the current offset.
const EARLIEST: i64 = -2_208_988_800;

/// A zone's `VTIMEZONE` for the years `first..=last` (plus a day either side, for local times
/// just around New Year): the observance in effect at their start, from the change that began
/// it, then one per change within them.
fn vtimezone(o: &mut String, zone: Tz, first: i32, last: i32) {
    let new_year = |year| {
        NaiveDate::from_ymd_opt(year, 1, 1)
            .map(|d| d.and_time(NaiveTime::MIN).and_utc().timestamp())
    };
    let (Some(from), Some(until)) = (new_year(first), new_year(last + 1)) else {
        return;
    };
    let (from, until) = (from - DAY, until + DAY);
    line(o, "BEGIN", &[], "VTIMEZONE");
    line(o, "TZID", &[], &text(zone.name()));
    let current = offset_at(zone, from);
    let onset = change_before(zone, from).unwrap_or(Change {
        at: from,
        before: current,
        after: current,
    });
    for change in std::iter::once(onset).chain(changes(zone, from, until)) {
        observance(o, &change);
    }
    line(o, "END", &[], "VTIMEZONE");
}

/// The moment a zone's offset (or its abbreviation, or whether it is summer time) changed.
#[derive(Debug)]
struct Change {
    /// Unix seconds.
    at: i64,
    before: TzOffset,
    after: TzOffset,
}

fn offset_at(zone: Tz, at: i64) -> TzOffset {
    let instant =
        DateTime::from_timestamp(at, 0).expect("VTIMEZONE years are within chrono's range");
    zone.offset_from_utc_datetime(&instant.naive_utc())
}

/// The changes in `(from, until]`, found by probing daily and bisecting to the second.
fn changes(zone: Tz, from: i64, until: i64) -> Vec<Change> {
    let mut found = Vec::new();
    let (mut at, mut current) = (from, offset_at(zone, from));
    while at < until {
        let next = (at + DAY).min(until);
        if offset_at(zone, next) == current {
            at = next;
            continue;
        }
        // `lo` still has the current offset, `hi` no longer does.
        let (mut lo, mut hi) = (at, next);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if offset_at(zone, mid) == current {
                lo = mid
            } else {
                hi = mid
            }
        }
        let after = offset_at(zone, hi);
        found.push(Change {
            at: hi,
            before: current,
            after,
        });
        (at, current) = (hi, after);
    }
    found
}

/// The last change at or before `at`, if there was one since [`EARLIEST`].
fn change_before(zone: Tz, at: i64) -> Option<Change> {
    let current = offset_at(zone, at);
    let mut probe = at;
    while probe > EARLIEST {
        let earlier = probe - DAY;
        if offset_at(zone, earlier) != current {
            return changes(zone, earlier, at).pop();
        }
        probe = earlier;
    }
    None
}

/// A `STANDARD` or `DAYLIGHT` sub-component: the onset is written in local time as it was just
/// before the change, i.e. with the `TZOFFSETFROM` offset (RFC 5545 §3.6.5).
fn observance(o: &mut String, change: &Change) {
    let kind = if change.after.dst_offset().is_zero() {
        "STANDARD"
    } else {
        "DAYLIGHT"
    };
    let from = change.before.fix().local_minus_utc();
    let to = change.after.fix().local_minus_utc();
    let onset = DateTime::from_timestamp(change.at + i64::from(from), 0)
        .expect("VTIMEZONE years are within chrono's range")
        .naive_utc();
    line(o, "BEGIN", &[], kind);
    line(o, "DTSTART", &[], &local(onset));
    line(o, "TZOFFSETFROM", &[], &utc_offset(from));
    line(o, "TZOFFSETTO", &[], &utc_offset(to));
    line(o, "TZNAME", &[], &text(&change.after.to_string()));
    line(o, "END", &[], kind);
}

/// `+0300`, `-0930`; seconds only when there are some (old local mean times).
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn day(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Appends one content line, `NAME;KEY=param:value`, folded and ended with CRLF. The value is
/// written as given: callers encode it for its type ([`text`], [`uri`], or a fixed token), and
/// parameter values with [`param`] unless they are fixed tokens.
fn line(out: &mut String, name: &str, params: &[(&str, String)], value: &str) {
    let mut content = String::from(name);
    for (key, val) in params {
        content.push(';');
        content.push_str(key);
        content.push('=');
        content.push_str(val);
    }
    content.push(':');
    content.push_str(value);
    fold(out, &content);
}

/// Content lines may be at most 75 octets (RFC 5545 §3.1); longer ones continue on lines that
/// start with a space. Cuts fall between characters, never inside a UTF-8 sequence — clients
/// differ in whether they can rejoin a split one, and Cyrillic takes two octets a letter.
fn fold(out: &mut String, content: &str) {
    let mut rest = content;
    let mut room = 75;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = 74; // after the leading space
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// A TEXT value (RFC 5545 §3.3.11): `\`, `;` and `,` escaped, line breaks (any of CRLF, LF, CR)
/// as `\n`. Other control characters are not allowed in TEXT and are dropped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value: written as is, less control characters, so that a stray line break cannot end
/// the line and smuggle in properties of its own.
fn uri(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).collect()
}

/// A free-text parameter value (a name, a label): RFC 6868 `^` escapes for `^`, `"` and line
/// breaks, which a parameter cannot otherwise hold, and quoted when it contains `:`, `;` or `,`.
fn param(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '^' => out.push_str("^^"),
            '"' => out.push_str("^'"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("^n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    if out.contains([':', ';', ',']) {
        format!("\"{out}\"")
    } else {
        out
    }
}

/// Where an event's calendar entries point, and who publishes them.
pub struct EventSource<'a> {
    /// The event's public page.
    pub url: &'a str,
    /// The site's host name, to make UIDs globally unique.
    pub host: &'a str,
    /// The language to pick titles and descriptions in.
    pub lang: kolo_domain::UiLang,
    pub last_modified: DateTime<Utc>,
}

/// An event as calendar entries: the event itself, then each programme item as its own entry
/// related to it, so calendars show the sessions people want to attend.
pub fn event_entries(
    e: &kolo_domain::Event,
    programme: &[kolo_domain::ProgrammeItem],
    src: &EventSource<'_>,
) -> Vec<CalendarEvent> {
    use kolo_domain::EventStatus;
    let status = match e.status {
        EventStatus::Cancelled => Status::Cancelled,
        EventStatus::Postponed => Status::Tentative,
        _ => Status::Confirmed,
    };
    let pick = |t: &kolo_domain::LocalizedText| {
        t.resolve(src.lang)
            .map(|l| (l.text.to_owned(), l.lang.to_string()))
    };
    let venue = e.venue.as_ref().and_then(|v| pick(&v.name)).map(|(t, _)| t);
    let event_uid = format!("event-{}@{}", e.slug, src.host);
    let (summary, language) = pick(&e.title).unwrap_or_default();
    let mut entries = vec![CalendarEvent {
        uid: event_uid.clone(),
        sequence: 0,
        last_modified: src.last_modified,
        summary,
        description: pick(if e.summary.is_empty() {
            &e.description
        } else {
            &e.summary
        })
        .map(|(t, _)| t),
        timing: Timing::Local {
            starts: e.starts_at,
            ends: e.ends_at,
            zone: e.time_zone.0,
        },
        location: venue.clone(),
        geo: None,
        url: Some(src.url.to_owned()),
        conference: e
            .online_url
            .iter()
            .map(|u| Conference {
                uri: u.to_string(),
                label: None,
                features: vec![Feature::Video],
            })
            .collect(),
        status,
        categories: vec![e.kind.code().to_owned()],
        organizer: None,
        related_to: None,
        language: Some(language),
    }];
    entries.extend(programme.iter().map(|item| {
        let (summary, language) = pick(&item.title).unwrap_or_default();
        let hall = item
            .hall
            .as_ref()
            .and_then(|h| e.hall(h.as_str()))
            .and_then(|h| pick(&h.name))
            .map(|(t, _)| t);
        let location = match (&venue, hall) {
            (Some(v), Some(h)) => Some(format!("{v}, {h}")),
            (v, h) => h.or_else(|| v.clone()),
        };
        CalendarEvent {
            uid: format!("item-{}@{}", item.guid, src.host),
            sequence: 0,
            last_modified: src.last_modified,
            summary,
            description: pick(&item.description).map(|(t, _)| t),
            timing: Timing::Local {
                starts: item.starts_at,
                ends: item.ends_at(),
                zone: e.time_zone.0,
            },
            location,
            geo: None,
            url: Some(format!("{}#item-{}", src.url, item.guid)),
            conference: item
                .broadcast_url
                .iter()
                .map(|u| Conference {
                    uri: u.to_string(),
                    label: None,
                    features: vec![Feature::Feed, Feature::Video],
                })
                .collect(),
            status,
            categories: vec![item.kind.code().to_owned()],
            organizer: None,
            related_to: Some(event_uid.clone()),
            language: Some(language),
        }
    }));
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab is removed.
    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "").replace("\r\n\t", "")
    }

    fn at(date: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
        date.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap())
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn event(timing: Timing) -> CalendarEvent {
        CalendarEvent {
            uid: "event-1@kolo.example.org".into(),
            sequence: 0,
            last_modified: at(date(2019, 1, 2), 3, 4).and_utc(),
            summary: "Форум".into(),
            description: None,
            timing,
            location: None,
            geo: None,
            url: None,
            conference: vec![],
            status: Status::Confirmed,
            categories: vec![],
            organizer: None,
            related_to: None,
            language: None,
        }
    }

    fn calendar(events: Vec<CalendarEvent>) -> String {
        write(&Calendar {
            name: "Kolo".into(),
            description: None,
            url: None,
            events,
        })
    }

    /// The VTIMEZONE of a calendar with one local-time event in `zone` on `day`.
    fn vtimezone_of(zone: Tz, day: NaiveDate) -> String {
        let ics = calendar(vec![event(Timing::Local {
            starts: at(day, 10, 0),
            ends: at(day, 12, 0),
            zone,
        })]);
        let start = ics.find("BEGIN:VTIMEZONE").unwrap();
        let end = ics.find("END:VTIMEZONE").unwrap();
        ics[start..end].to_owned()
    }

    /// The (kind, DTSTART, TZOFFSETFROM, TZOFFSETTO) of each observance.
    fn observances(vtimezone: &str) -> Vec<(String, String, String, String)> {
        let mut found = Vec::new();
        for block in vtimezone.split("BEGIN:").skip(2) {
            let prop = |name: &str| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(name))
                    .map(|v| v.to_owned())
                    .unwrap()
            };
            let kind = block.lines().next().unwrap().to_owned();
            found.push((
                kind,
                prop("DTSTART:"),
                prop("TZOFFSETFROM:"),
                prop("TZOFFSETTO:"),
            ));
        }
        found
    }

    /// The offset (TZOFFSETTO) a VTIMEZONE gives for a local time: that of the last observance
    /// whose onset is not after it, as a client reads it.
    fn offset_for(vtimezone: &str, local_time: &str) -> String {
        observances(vtimezone)
            .into_iter()
            .filter(|(_, onset, _, _)| onset.as_str() <= local_time)
            .max_by(|a, b| a.1.cmp(&b.1))
            .unwrap()
            .3
    }

    #[test]
    fn text_escapes_backslash_semicolon_comma_and_line_breaks() {
        assert_eq!(text("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
        assert_eq!(text("Музей: «Абай»\tзал\u{7}"), "Музей: «Абай»\tзал");
    }

    #[test]
    fn parameters_are_caret_escaped_and_quoted_when_needed() {
        assert_eq!(param("Музей"), "Музей");
        assert_eq!(param("Музей, Київ"), "\"Музей, Київ\"");
        assert_eq!(param("say \"hi\"^\nbye"), "say ^'hi^'^^^nbye");
    }

    #[test]
    fn uris_lose_control_characters() {
        assert_eq!(
            uri("https://x.example/a\r\nSTATUS:CANCELLED"),
            "https://x.example/aSTATUS:CANCELLED"
        );
    }

    #[test]
    fn long_cyrillic_description_folds_within_75_octets_and_unfolds_to_the_same_text() {
        let description = "Қазақстан мұражайларының форумы, «Мұра; болашақ».\nЕкінші күн: \
            круглий стіл музеїв і бібліотек України, Казахстану та Росії — обмін досвідом."
            .repeat(4);
        let mut e = event(Timing::AllDay {
            first: date(2019, 7, 1),
            last: date(2019, 7, 1),
        });
        e.description = Some(description.clone());
        e.language = Some("kk".into());
        let ics = calendar(vec![e]);

        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        let lines: Vec<_> = ics.split("\r\n").collect();
        assert!(
            lines.iter().all(|l| !l.contains('\n') && !l.contains('\r')),
            "bare line breaks"
        );
        assert!(
            lines.iter().all(|l| l.len() <= 75),
            "a line longer than 75 octets"
        );
        let folded = lines.iter().filter(|l| l.starts_with(' ')).count();
        assert!(folded > 10, "the description should span many lines");
        // (No UTF-8 sequence was cut either: `fold` slices a `&str`, which panics off a char
        // boundary.)

        let unfolded = unfold(&ics);
        let value = unfolded
            .lines()
            .find_map(|l| l.strip_prefix("DESCRIPTION;LANGUAGE=kk:"))
            .unwrap();
        assert_eq!(value, text(&description));
    }

    #[test]
    fn fold_keeps_short_lines_and_cuts_long_ones_between_characters() {
        let mut out = String::new();
        fold(&mut out, &"ж".repeat(40)); // 80 octets: 37 letters fit in the first line
        assert_eq!(out, format!("{}\r\n {}\r\n", "ж".repeat(37), "ж".repeat(3)));
        let mut out = String::new();
        fold(&mut out, &"a".repeat(75));
        assert_eq!(out, format!("{}\r\n", "a".repeat(75)));
    }

    #[test]
    fn kyiv_has_winter_and_summer_time_in_2019() {
        let vtz = vtimezone_of(chrono_tz::Europe::Kyiv, date(2019, 6, 1));
        let obs = observances(&vtz);
        let transitions: Vec<_> = obs
            .iter()
            .skip(1)
            .map(|o| (o.0.as_str(), o.1.as_str(), o.2.as_str(), o.3.as_str()))
            .collect();
        assert_eq!(
            transitions,
            [
                ("DAYLIGHT", "20190331T030000", "+0200", "+0300"),
                ("STANDARD", "20191027T040000", "+0300", "+0200"),
            ]
        );
        assert_eq!(obs[0].3, "+0200", "in effect at New Year 2019: {vtz}");
        assert_eq!(offset_for(&vtz, "20190115T100000"), "+0200");
        assert_eq!(offset_for(&vtz, "20190701T100000"), "+0300");
        assert_eq!(offset_for(&vtz, "20191201T100000"), "+0200");
        assert!(vtz.contains("TZNAME:EEST\r\n") && vtz.contains("TZNAME:EET\r\n"));
    }

    #[test]
    fn moscow_is_a_single_standard_observance_since_2014() {
        let vtz = vtimezone_of(chrono_tz::Europe::Moscow, date(2019, 6, 1));
        assert_eq!(
            observances(&vtz),
            [(
                "STANDARD".into(),
                "20141026T020000".into(),
                "+0400".into(),
                "+0300".into()
            )]
        );
        assert!(vtz.contains("TZID:Europe/Moscow\r\n") && vtz.contains("TZNAME:MSK\r\n"));
    }

    #[test]
    fn almaty_is_plus_six_in_2019_and_plus_five_after_march_2024() {
        let vtz = vtimezone_of(chrono_tz::Asia::Almaty, date(2019, 6, 1));
        let obs = observances(&vtz);
        assert_eq!(obs.len(), 1, "no change in 2019: {vtz}");
        assert_eq!(obs[0].3, "+0600");
        assert_eq!(offset_for(&vtz, "20190601T100000"), "+0600");

        let vtz = vtimezone_of(chrono_tz::Asia::Almaty, date(2024, 6, 1));
        assert_eq!(offset_for(&vtz, "20240201T100000"), "+0600");
        assert_eq!(offset_for(&vtz, "20240601T100000"), "+0500");
        assert_eq!(
            observances(&vtz)[1],
            (
                "STANDARD".into(),
                "20240301T000000".into(),
                "+0600".into(),
                "+0500".into()
            )
        );
    }

    #[test]
    fn a_zone_that_never_changed_gets_one_observance_of_its_offset() {
        let vtz = vtimezone_of(chrono_tz::UTC, date(2019, 6, 1));
        assert_eq!(
            observances(&vtz),
            [(
                "STANDARD".into(),
                "20181231T000000".into(),
                "+0000".into(),
                "+0000".into()
            )]
        );
    }

    #[test]
    fn each_zone_used_gets_one_vtimezone_and_local_times_name_it() {
        let kyiv = chrono_tz::Europe::Kyiv;
        let d = date(2019, 6, 1);
        let mut second = event(Timing::Local {
            starts: at(d, 9, 0),
            ends: at(d, 10, 0),
            zone: kyiv,
        });
        second.uid = "event-2@kolo.example.org".into();
        let ics = calendar(vec![
            event(Timing::Local {
                starts: at(d, 10, 0),
                ends: at(d, 12, 30),
                zone: kyiv,
            }),
            second,
            event(Timing::AllDay {
                first: d,
                last: date(2019, 6, 3),
            }),
        ]);
        assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 1);
        assert!(ics.contains(
            "DTSTART;TZID=Europe/Kyiv:20190601T100000\r\nDTEND;TZID=Europe/Kyiv:20190601T123000\r\n"
        ));
        assert!(ics.contains("DTSTART;VALUE=DATE:20190601\r\nDTEND;VALUE=DATE:20190604\r\n"));
    }

    #[test]
    fn organizer_without_email_becomes_a_contact() {
        let mut e = event(Timing::AllDay {
            first: date(2019, 7, 1),
            last: date(2019, 7, 1),
        });
        e.organizer = Some(Organizer {
            name: "Музей, Алматы".into(),
            email: Some("info@museum.kz".into()),
        });
        assert!(
            calendar(vec![e.clone()])
                .contains("ORGANIZER;CN=\"Музей, Алматы\":mailto:info@museum.kz\r\n")
        );
        e.organizer = Some(Organizer {
            name: "Музей, Алматы".into(),
            email: None,
        });
        let ics = calendar(vec![e]);
        assert!(ics.contains("CONTACT:Музей\\, Алматы\r\n") && !ics.contains("ORGANIZER"));
    }
}
