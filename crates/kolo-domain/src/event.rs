//! Events: forums, conferences, strategic sessions, round tables... with their programme.
//!
//! Times are wall-clock times in the event's IANA time zone (what organisers write and
//! attendees read); `starts_utc`/`ends_utc` derive the instants calendars and filters need.

use crate::lang::LangTag;
use crate::text::LocalizedText;
use crate::validation::{FieldError, Slug, ValidationErrors};
use chrono::{NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use url::Url;

/// An enum stored and exchanged as snake_case codes, with `ALL`, `code` and `from_code`.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}
pub(crate) use coded_enum;

coded_enum!(
    /// What kind of gathering an event is.
    EventKind {
        Forum = "forum",
        Conference = "conference",
        StrategicSession = "strategic_session",
        RoundTable = "round_table",
        Seminar = "seminar",
        Workshop = "workshop",
        Lecture = "lecture",
        Presentation = "presentation",
        Excursion = "excursion",
        ExhibitionOpening = "exhibition_opening",
        PressConference = "press_conference",
        OnlineClass = "online_class",
        ExchangeVisit = "exchange_visit",
        Other = "other",
    }
);

coded_enum!(
    /// Whether an event goes ahead as planned (schema.org `EventStatusType`).
    EventStatus {
        Scheduled = "scheduled",
        Postponed = "postponed",
        Rescheduled = "rescheduled",
        Cancelled = "cancelled",
        MovedOnline = "moved_online",
    }
);

impl EventStatus {
    pub fn schema_org(self) -> &'static str {
        match self {
            EventStatus::Scheduled => "https://schema.org/EventScheduled",
            EventStatus::Postponed => "https://schema.org/EventPostponed",
            EventStatus::Rescheduled => "https://schema.org/EventRescheduled",
            EventStatus::Cancelled => "https://schema.org/EventCancelled",
            EventStatus::MovedOnline => "https://schema.org/EventMovedOnline",
        }
    }
}

coded_enum!(
    /// How people take part.
    AttendanceMode {
        Offline = "offline",
        Online = "online",
        Hybrid = "hybrid",
    }
);

impl AttendanceMode {
    pub fn schema_org(self) -> &'static str {
        match self {
            AttendanceMode::Offline => "https://schema.org/OfflineEventAttendanceMode",
            AttendanceMode::Online => "https://schema.org/OnlineEventAttendanceMode",
            AttendanceMode::Hybrid => "https://schema.org/MixedEventAttendanceMode",
        }
    }
}

coded_enum!(
    /// What a programme item is.
    ItemKind {
        Session = "session",
        Panel = "panel",
        Talk = "talk",
        Workshop = "workshop",
        Break = "break",
        Excursion = "excursion",
        CulturalProgramme = "cultural_programme",
        Ceremony = "ceremony",
        Other = "other",
    }
);

coded_enum!(
    /// What a person does in a programme item.
    PersonRole {
        Speaker = "speaker",
        Moderator = "moderator",
        Organiser = "organiser",
    }
);

/// An IANA time zone such as `Europe/Kyiv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "Europe/Moscow")]
pub struct Zone(pub chrono_tz::Tz);

impl TryFrom<String> for Zone {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse::<chrono_tz::Tz>()
            .map(Zone)
            .map_err(|_| format!("unknown time zone `{s}`"))
    }
}

impl From<Zone> for String {
    fn from(z: Zone) -> String {
        z.0.name().to_owned()
    }
}

impl Zone {
    /// The instant a wall-clock time in this zone means. In a DST gap the later reading is taken;
    /// in an overlap, the earlier.
    pub fn to_utc(self, local: NaiveDateTime) -> chrono::DateTime<Utc> {
        match self.0.from_local_datetime(&local) {
            chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => {
                t.with_timezone(&Utc)
            }
            chrono::LocalResult::None => self.to_utc(local + chrono::TimeDelta::hours(1)),
        }
    }
}

/// An organiser, partner or supporter: an institution in Kolo, or a body named in text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum Party {
    Institution { institution: Slug },
    Named { name: LocalizedText },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactPerson {
    pub name: LocalizedText,
    #[serde(default)]
    pub role: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// A room of a venue, which programme items refer to by `key`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Hall {
    pub key: Slug,
    pub name: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    /// Where its sessions are broadcast live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = "uri")]
    pub stream_url: Option<Url>,
    /// Whether sessions here are recorded.
    #[serde(default)]
    pub recorded: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Venue {
    pub name: LocalizedText,
    #[serde(default)]
    pub address: LocalizedText,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub halls: Vec<Hall>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExternalLink {
    pub label: LocalizedText,
    #[schema(value_type = String, format = "uri")]
    pub url: Url,
}

/// An event as its organisers describe it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Event {
    pub slug: Slug,
    pub kind: EventKind,
    #[serde(default = "scheduled")]
    pub status: EventStatus,
    pub attendance: AttendanceMode,
    #[schema(value_type = String, example = "ru")]
    pub original_lang: LangTag,
    pub title: LocalizedText,
    #[serde(default)]
    pub summary: LocalizedText,
    #[serde(default)]
    pub description: LocalizedText,
    /// Questions the event sets out to discuss.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_questions: Vec<LocalizedText>,
    /// Who it is for, and who is invited.
    #[serde(default)]
    pub audience: LocalizedText,
    /// Wall-clock start in `time_zone`.
    #[schema(value_type = String, example = "2024-09-14T10:00:00")]
    pub starts_at: NaiveDateTime,
    #[schema(value_type = String, example = "2024-09-14T18:00:00")]
    pub ends_at: NaiveDateTime,
    pub time_zone: Zone,
    /// Institutions that host it (slugs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<Slug>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisers: Vec<Party>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<Party>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supporters: Vec<Party>,
    /// Networks and projects it belongs to (slugs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub networks: Vec<Slug>,
    /// The larger event it is part of (slug).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Slug>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactPerson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<Venue>,
    /// Where to watch or join online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = "uri")]
    pub online_url: Option<Url>,
    /// Registration elsewhere (an association's site, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = "uri")]
    pub registration_url: Option<Url>,
    /// Registration deadline, wall-clock in `time_zone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub registration_closes: Option<NaiveDateTime>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<ExternalLink>,
}

fn scheduled() -> EventStatus {
    EventStatus::Scheduled
}

impl Event {
    pub const FIELDS: &'static [&'static str] = &[
        "slug",
        "kind",
        "status",
        "attendance",
        "original_lang",
        "title",
        "summary",
        "description",
        "key_questions",
        "audience",
        "starts_at",
        "ends_at",
        "time_zone",
        "hosts",
        "organisers",
        "partners",
        "supporters",
        "networks",
        "parent",
        "contacts",
        "venue",
        "online_url",
        "registration_url",
        "registration_closes",
        "links",
    ];

    pub fn starts_utc(&self) -> chrono::DateTime<Utc> {
        self.time_zone.to_utc(self.starts_at)
    }

    pub fn ends_utc(&self) -> chrono::DateTime<Utc> {
        self.time_zone.to_utc(self.ends_at)
    }

    pub fn hall(&self, key: &str) -> Option<&Hall> {
        self.venue
            .as_ref()?
            .halls
            .iter()
            .find(|h| h.key.as_str() == key)
    }

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.title
            .check("title", true, crate::Institution::MAX_NAME, &mut errors);
        if self.title.get(self.original_lang.as_str()).is_none() && !self.title.is_empty() {
            errors.push(FieldError::new(
                format!("title.{}", self.original_lang),
                "original-name-missing",
            ));
        }
        self.summary.check("summary", false, 1_000, &mut errors);
        self.description.check(
            "description",
            false,
            crate::Institution::MAX_DESCRIPTION,
            &mut errors,
        );
        if self.ends_at < self.starts_at {
            errors.push(FieldError::new("ends_at", "ends-before-start"));
        }
        if let Some(closes) = self.registration_closes
            && closes > self.ends_at
        {
            errors.push(FieldError::new("registration_closes", "after-event-end"));
        }
        for (i, c) in self.contacts.iter().enumerate() {
            c.name
                .check(&format!("contacts[{i}].name"), true, 200, &mut errors);
        }
        if let Some(venue) = &self.venue {
            let mut keys = std::collections::BTreeSet::new();
            for (i, h) in venue.halls.iter().enumerate() {
                if !keys.insert(h.key.as_str()) {
                    errors.push(FieldError::new(
                        format!("venue.halls[{i}].key"),
                        "duplicate",
                    ));
                }
            }
        }
        errors.into_result(())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemPerson {
    pub name: LocalizedText,
    pub role: PersonRole,
    /// Their institution or position, as printed in the programme.
    #[serde(default)]
    pub affiliation: LocalizedText,
}

/// One entry of a programme: a session, talk, break, excursion...
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeItem {
    /// Stable identity across imports and versions (Frab `guid`).
    pub guid: String,
    pub kind: ItemKind,
    pub title: LocalizedText,
    #[serde(default)]
    pub description: LocalizedText,
    /// Wall-clock start in the event's time zone.
    #[schema(value_type = String, example = "2024-04-17T10:00:00")]
    pub starts_at: NaiveDateTime,
    pub duration_minutes: u32,
    /// Key of a hall of the event's venue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hall: Option<Slug>,
    #[serde(default)]
    pub track: LocalizedText,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub persons: Vec<ItemPerson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = "uri")]
    pub broadcast_url: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = "uri")]
    pub recording_url: Option<Url>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub materials: Vec<ExternalLink>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub language: Option<LangTag>,
}

impl ProgrammeItem {
    pub fn ends_at(&self) -> NaiveDateTime {
        self.starts_at + chrono::TimeDelta::minutes(i64::from(self.duration_minutes))
    }
}

/// A problem worth showing but not refusing: two items in one hall at the same time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ProgrammeWarning {
    /// The first item's hall, `items[i].hall`.
    pub field: String,
    /// A stable code: `hall-overlap`.
    pub reason: String,
    /// The guid of the item it overlaps.
    pub overlaps: String,
}

/// Checks a whole programme against its event. Errors refuse the programme; overlaps in one
/// hall are returned as warnings, because real programmes have them on purpose sometimes.
pub fn check_programme(
    event: &Event,
    items: &[ProgrammeItem],
) -> Result<Vec<ProgrammeWarning>, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let first_day = event.starts_at.date();
    let last_day = event.ends_at.date();
    let mut guids = std::collections::BTreeSet::new();
    for (i, item) in items.iter().enumerate() {
        let at = |f: &str| format!("items[{i}].{f}");
        if item.guid.trim().is_empty() || item.guid.len() > 100 {
            errors.push(FieldError::new(at("guid"), "required"));
        } else if !guids.insert(item.guid.as_str()) {
            errors.push(FieldError::new(at("guid"), "duplicate"));
        }
        item.title.check(
            &at("title"),
            true,
            crate::Institution::MAX_NAME,
            &mut errors,
        );
        let day = item.starts_at.date();
        if day < first_day || day > last_day {
            errors.push(FieldError::new(at("starts_at"), "outside-event-days"));
        }
        if item.duration_minutes > 24 * 60 {
            errors.push(FieldError::new(at("duration_minutes"), "too-long").with_limit(24 * 60));
        }
        if let Some(hall) = &item.hall
            && event.hall(hall.as_str()).is_none()
        {
            errors.push(FieldError::new(at("hall"), "unknown-hall"));
        }
    }
    errors.into_result(())?;
    let mut warnings = Vec::new();
    for (i, a) in items.iter().enumerate() {
        for b in &items[i + 1..] {
            if a.hall.is_some()
                && a.hall == b.hall
                && a.starts_at < b.ends_at()
                && b.starts_at < a.ends_at()
            {
                warnings.push(ProgrammeWarning {
                    field: format!("items[{i}].hall"),
                    reason: "hall-overlap".to_owned(),
                    overlaps: b.guid.clone(),
                });
            }
        }
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        s.parse().unwrap()
    }

    pub(crate) fn session() -> Event {
        Event {
            slug: Slug::parse("slug", "strategic-session-2024").unwrap(),
            kind: EventKind::StrategicSession,
            status: EventStatus::Scheduled,
            attendance: AttendanceMode::Offline,
            original_lang: "ru".parse().unwrap(),
            title: LocalizedText::new().with("ru", "Стратегическая сессия"),
            summary: LocalizedText::new(),
            description: LocalizedText::new(),
            key_questions: vec![],
            audience: LocalizedText::new(),
            starts_at: at("2024-09-14T10:00:00"),
            ends_at: at("2024-09-14T18:00:00"),
            time_zone: Zone(chrono_tz::Europe::Moscow),
            hosts: vec![],
            organisers: vec![],
            partners: vec![],
            supporters: vec![],
            networks: vec![],
            parent: None,
            contacts: vec![],
            venue: Some(Venue {
                name: LocalizedText::new().with("ru", "Зал"),
                address: LocalizedText::new(),
                halls: vec![Hall {
                    key: Slug::parse("key", "main").unwrap(),
                    name: LocalizedText::new().with("ru", "Большой зал"),
                    capacity: Some(100),
                    stream_url: None,
                    recorded: true,
                }],
            }),
            online_url: None,
            registration_url: None,
            registration_closes: Some(at("2024-08-19T23:59:00")),
            links: vec![],
        }
    }

    fn item(guid: &str, start: &str, minutes: u32) -> ProgrammeItem {
        ProgrammeItem {
            guid: guid.into(),
            kind: ItemKind::Session,
            title: LocalizedText::new().with("ru", "Сессия"),
            description: LocalizedText::new(),
            starts_at: at(start),
            duration_minutes: minutes,
            hall: Some(Slug::parse("hall", "main").unwrap()),
            track: LocalizedText::new(),
            persons: vec![],
            broadcast_url: None,
            recording_url: None,
            materials: vec![],
            language: None,
        }
    }

    #[test]
    fn moscow_time_is_three_hours_ahead_of_utc() {
        assert_eq!(
            session().starts_utc().to_rfc3339(),
            "2024-09-14T07:00:00+00:00"
        );
        assert_eq!(session().validate(), Ok(()));
    }

    #[test]
    fn an_event_cannot_end_before_it_starts() {
        let mut e = session();
        e.ends_at = at("2024-08-01T10:00:00");
        let errors = e.validate().unwrap_err();
        assert!(errors.for_field("ends_at").is_some());
        assert!(
            errors.for_field("registration_closes").is_some(),
            "the deadline is after the end now"
        );
    }

    #[test]
    fn programme_items_stay_within_the_event_and_its_halls() {
        let e = session();
        let mut outside = item("a", "2024-09-15T10:00:00", 60);
        outside.hall = Some(Slug::parse("hall", "attic").unwrap());
        let errors =
            check_programme(&e, &[outside, item("a", "2024-09-14T10:00:00", 60)]).unwrap_err();
        let fields: Vec<_> = errors
            .errors
            .iter()
            .map(|e| (e.field.as_str(), e.reason.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("items[0].starts_at", "outside-event-days"),
                ("items[0].hall", "unknown-hall"),
                ("items[1].guid", "duplicate")
            ]
        );
    }

    #[test]
    fn overlaps_in_one_hall_are_warnings() {
        let e = session();
        let warnings = check_programme(
            &e,
            &[
                item("a", "2024-09-14T10:00:00", 90),
                item("b", "2024-09-14T11:00:00", 60),
            ],
        )
        .unwrap();
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            (warnings[0].reason.as_str(), warnings[0].overlaps.as_str()),
            ("hall-overlap", "b")
        );
        let none = check_programme(
            &e,
            &[
                item("a", "2024-09-14T10:00:00", 60),
                item("b", "2024-09-14T11:00:00", 60),
            ],
        )
        .unwrap();
        assert!(none.is_empty(), "back to back is fine");
    }

    #[test]
    fn time_zones_are_iana_names() {
        assert!(Zone::try_from("Asia/Almaty".to_owned()).is_ok());
        assert!(Zone::try_from("Mars/Olympus".to_owned()).is_err());
    }
}
