//! Registration for events: what organisers set (window, places, moderation, questions) and
//! what a person submits, with the rules that make a submission valid.
//!
//! Places are counted by the store (`kolo-store`'s `repo::registrations`), which alone can do it
//! atomically; this module only knows the rules that need no database.

use crate::event::{AttendanceMode, Event, EventStatus};
use crate::institution::Contacts;
use crate::lang::UiLang;
use crate::text::LocalizedText;
use crate::validation::{FieldError, Slug, ValidationErrors};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How an event takes registrations. Times are wall-clock in the event's time zone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationSettings {
    /// Registration is refused before this (none: open as soon as settings exist).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "2024-08-01T09:00:00")]
    pub opens_at: Option<NaiveDateTime>,
    /// The deadline, inclusive (none: the end of the event).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "2024-09-10T23:59:00")]
    pub closes_at: Option<NaiveDateTime>,
    /// Places for the whole event (none: unlimited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(maximum = 1_000_000)]
    pub capacity: Option<u32>,
    /// Places for people taking part online, within `capacity`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(maximum = 1_000_000)]
    pub capacity_online: Option<u32>,
    /// Places for people coming in person, within `capacity`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(maximum = 1_000_000)]
    pub capacity_offline: Option<u32>,
    /// Every registration waits for an organiser's approval (and holds its place meanwhile).
    #[serde(default)]
    pub moderated: bool,
    /// Extra questions of the form, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
}

/// One extra question of a registration form. Answers are keyed by `key`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub key: Slug,
    pub label: LocalizedText,
    #[serde(default)]
    pub required: bool,
    pub kind: QuestionKind,
}

/// What kind of answer a question takes, and so what its answer string must look like.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum QuestionKind {
    /// Free text, at most [`Question::MAX_TEXT`] characters.
    Text,
    /// One of `options`; the answer is the option's index (`"0"`, `"1"`, ...), so it stays
    /// the same in every language.
    Choice { options: Vec<LocalizedText> },
    /// `"yes"` or `"no"`.
    YesNo,
}

impl Question {
    pub const MAX_TEXT: usize = 2_000;
    pub const MAX_LABEL: usize = 500;

    /// The answer as organisers read it: a choice's option label in `lang`, other answers as given.
    pub fn display_answer<'a>(&'a self, answer: &'a str, lang: UiLang) -> &'a str {
        match &self.kind {
            QuestionKind::Choice { options } => answer
                .parse::<usize>()
                .ok()
                .and_then(|i| options.get(i))
                .map_or(answer, |o| o.text_for(lang)),
            QuestionKind::Text | QuestionKind::YesNo => answer,
        }
    }

    fn check_answer(&self, answer: Option<&str>, errors: &mut ValidationErrors) {
        let field = format!("answers.{}", self.key);
        let Some(answer) = answer.map(str::trim).filter(|a| !a.is_empty()) else {
            if self.required {
                errors.push(FieldError::new(field, "required"));
            }
            return;
        };
        match &self.kind {
            QuestionKind::Text => {
                if answer.chars().count() > Self::MAX_TEXT {
                    errors.push(FieldError::new(field, "too-long").with_limit(Self::MAX_TEXT));
                }
            }
            QuestionKind::Choice { options } => {
                let known = answer
                    .parse::<usize>()
                    .is_ok_and(|i| i < options.len() && answer == i.to_string());
                if !known {
                    errors.push(FieldError::new(field, "invalid-choice"));
                }
            }
            QuestionKind::YesNo => {
                if !matches!(answer, "yes" | "no") {
                    errors.push(FieldError::new(field, "invalid-choice"));
                }
            }
        }
    }
}

impl RegistrationSettings {
    pub const MAX_QUESTIONS: usize = 30;
    /// More places than any hall or stream has; larger numbers are typing mistakes.
    pub const MAX_CAPACITY: u32 = 1_000_000;

    /// Places for one way of taking part, if limited.
    pub fn capacity_for(&self, mode: AttendanceMode) -> Option<u32> {
        match mode {
            AttendanceMode::Online => self.capacity_online,
            AttendanceMode::Offline => self.capacity_offline,
            AttendanceMode::Hybrid => None,
        }
    }

    /// The instants registration opens (if it waits) and closes: `closes_at`, or the event's
    /// end when no deadline is set.
    pub fn window_utc(&self, event: &Event) -> (Option<DateTime<Utc>>, DateTime<Utc>) {
        let tz = event.time_zone;
        (
            self.opens_at.map(|t| tz.to_utc(t)),
            tz.to_utc(self.closes_at.unwrap_or(event.ends_at)),
        )
    }

    /// Whether a registration submitted at `now` is accepted: within the window, and the
    /// event not cancelled.
    pub fn accepts_at(&self, event: &Event, now: DateTime<Utc>) -> bool {
        let (opens, closes) = self.window_utc(event);
        event.status != EventStatus::Cancelled && opens.is_none_or(|o| now >= o) && now <= closes
    }

    pub fn question(&self, key: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.key.as_str() == key)
    }

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        if let (Some(opens), Some(closes)) = (self.opens_at, self.closes_at)
            && closes < opens
        {
            errors.push(FieldError::new("closes_at", "closes-before-opens"));
        }
        for (field, places) in [
            ("capacity", self.capacity),
            ("capacity_online", self.capacity_online),
            ("capacity_offline", self.capacity_offline),
        ] {
            if places.is_some_and(|n| n > Self::MAX_CAPACITY) {
                errors.push(
                    FieldError::new(field, "too-large").with_limit(Self::MAX_CAPACITY as usize),
                );
            }
        }
        if self.questions.len() > Self::MAX_QUESTIONS {
            errors.push(FieldError::new("questions", "too-many").with_limit(Self::MAX_QUESTIONS));
        }
        let mut keys = std::collections::BTreeSet::new();
        for (i, q) in self.questions.iter().enumerate() {
            if !keys.insert(q.key.as_str()) {
                errors.push(FieldError::new(format!("questions[{i}].key"), "duplicate"));
            }
            q.label.check(
                &format!("questions[{i}].label"),
                true,
                Question::MAX_LABEL,
                &mut errors,
            );
            if let QuestionKind::Choice { options } = &q.kind {
                if options.is_empty() {
                    errors.push(FieldError::new(
                        format!("questions[{i}].options"),
                        "required",
                    ));
                }
                for (j, o) in options.iter().enumerate() {
                    o.check(
                        &format!("questions[{i}].options[{j}]"),
                        true,
                        Question::MAX_LABEL,
                        &mut errors,
                    );
                }
            }
        }
        errors.into_result(())
    }
}

/// A person's registration as they submitted it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Registrant {
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub position: String,
    /// Where they come from, in their own words.
    #[serde(default)]
    pub region: String,
    /// `offline` or `online`: a person is in one place.
    pub attendance: AttendanceMode,
    /// Answers to the event's questions, by question key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, String>,
    /// Consent to the processing of their personal data; must be given.
    pub consent: bool,
    /// The language to write to them in.
    pub lang: UiLang,
}

impl Registrant {
    pub const MAX_NAME: usize = 200;
    pub const MAX_LINE: usize = 300;

    /// The same submission with blanks trimmed, the e-mail lower-cased and empty answers dropped:
    /// the form it is compared and stored in.
    pub fn normalized(&self) -> Registrant {
        let trim = |s: &str| s.trim().to_owned();
        Registrant {
            name: trim(&self.name),
            email: self.email.trim().to_lowercase(),
            organisation: trim(&self.organisation),
            position: trim(&self.position),
            region: trim(&self.region),
            attendance: self.attendance,
            answers: self
                .answers
                .iter()
                .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                .filter(|(_, v)| !v.is_empty())
                .collect(),
            consent: self.consent,
            lang: self.lang,
        }
    }

    /// Checks the submission against the event's form. Fields are named `name`, `email`,
    /// `organisation`, `position`, `region`, `attendance`, `answers.<key>` and `consent`.
    pub fn validate(&self, settings: &RegistrationSettings) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let mut line = |field: &str, value: &str, required: bool, max: usize| {
            let value = value.trim();
            if required && value.is_empty() {
                errors.push(FieldError::new(field, "required"));
            } else if value.chars().count() > max {
                errors.push(FieldError::new(field, "too-long").with_limit(max));
            }
        };
        line("name", &self.name, true, Self::MAX_NAME);
        line("organisation", &self.organisation, false, Self::MAX_LINE);
        line("position", &self.position, false, Self::MAX_LINE);
        line("region", &self.region, false, Self::MAX_LINE);
        let email = self.email.trim();
        if email.is_empty() {
            errors.push(FieldError::new("email", "required"));
        } else {
            Contacts {
                email: Some(email.to_owned()),
                ..Contacts::default()
            }
            .check(&mut errors);
        }
        if self.attendance == AttendanceMode::Hybrid {
            errors.push(FieldError::new("attendance", "hybrid-not-allowed"));
        }
        for q in &settings.questions {
            q.check_answer(
                self.answers.get(q.key.as_str()).map(String::as_str),
                &mut errors,
            );
        }
        for key in self.answers.keys() {
            if settings.question(key.trim()).is_none() {
                errors.push(FieldError::new(
                    format!("answers.{key}"),
                    "unknown-question",
                ));
            }
        }
        if !self.consent {
            errors.push(FieldError::new("consent", "required"));
        }
        errors.into_result(())
    }
}

/// Where a registration stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationStatus {
    /// Awaiting an organiser's approval; holds a place meanwhile.
    Pending,
    Confirmed,
    /// No place was free; promoted in order when one frees up.
    Waitlisted,
    /// Cancelled by the registrant.
    Cancelled,
    /// Refused by an organiser.
    Declined,
}

impl RegistrationStatus {
    pub const ALL: &'static [RegistrationStatus] = &[
        RegistrationStatus::Pending,
        RegistrationStatus::Confirmed,
        RegistrationStatus::Waitlisted,
        RegistrationStatus::Cancelled,
        RegistrationStatus::Declined,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RegistrationStatus::Pending => "pending",
            RegistrationStatus::Confirmed => "confirmed",
            RegistrationStatus::Waitlisted => "waitlisted",
            RegistrationStatus::Cancelled => "cancelled",
            RegistrationStatus::Declined => "declined",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|s| s.code() == code)
    }

    /// Whether a registration in this status takes up a place.
    pub fn holds_place(self) -> bool {
        matches!(
            self,
            RegistrationStatus::Pending | RegistrationStatus::Confirmed
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> RegistrationSettings {
        RegistrationSettings {
            questions: vec![
                Question {
                    key: Slug::parse("key", "section").unwrap(),
                    label: LocalizedText::new().with("ru", "Секция"),
                    required: true,
                    kind: QuestionKind::Choice {
                        options: vec![
                            LocalizedText::new().with("ru", "Музеи"),
                            LocalizedText::new().with("ru", "Библиотеки"),
                        ],
                    },
                },
                Question {
                    key: Slug::parse("key", "hotel").unwrap(),
                    label: LocalizedText::new().with("ru", "Нужна гостиница?"),
                    required: false,
                    kind: QuestionKind::YesNo,
                },
            ],
            ..Default::default()
        }
    }

    fn person() -> Registrant {
        Registrant {
            name: "Анна Петренко".into(),
            email: " Anna@Example.org ".into(),
            organisation: "Обласна бібліотека".into(),
            position: String::new(),
            region: "Рязань".into(),
            attendance: AttendanceMode::Offline,
            answers: [("section".to_owned(), "1".to_owned())].into(),
            consent: true,
            lang: UiLang::Ru,
        }
    }

    #[test]
    fn a_good_registration_passes_and_normalises() {
        assert_eq!(person().validate(&settings()), Ok(()));
        assert_eq!(person().normalized().email, "anna@example.org");
    }

    #[test]
    fn problems_name_their_fields() {
        let mut p = person();
        p.email = "nobody".into();
        p.attendance = AttendanceMode::Hybrid;
        p.consent = false;
        p.answers = [
            ("hotel".to_owned(), "maybe".to_owned()),
            ("shoe-size".to_owned(), "42".to_owned()),
        ]
        .into();
        let errors = p.validate(&settings()).unwrap_err();
        let got: Vec<_> = errors
            .errors
            .iter()
            .map(|e| (e.field.as_str(), e.reason.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("email", "invalid-email"),
                ("attendance", "hybrid-not-allowed"),
                ("answers.section", "required"),
                ("answers.hotel", "invalid-choice"),
                ("answers.shoe-size", "unknown-question"),
                ("consent", "required"),
            ]
        );
        p = person();
        p.answers.insert("section".into(), "2".into());
        assert_eq!(
            p.validate(&settings()).unwrap_err().errors[0].field,
            "answers.section",
            "out of range"
        );
    }

    #[test]
    fn settings_are_checked() {
        let mut s = settings();
        s.questions.push(s.questions[0].clone());
        s.questions[0].kind = QuestionKind::Choice { options: vec![] };
        s.opens_at = Some("2024-09-01T00:00:00".parse().unwrap());
        s.closes_at = Some("2024-08-01T00:00:00".parse().unwrap());
        s.capacity_online = Some(RegistrationSettings::MAX_CAPACITY + 1);
        let errors = s.validate().unwrap_err();
        assert_eq!(
            errors.for_field("capacity_online").unwrap().reason,
            "too-large"
        );
        assert!(errors.for_field("closes_at").is_some());
        assert!(errors.for_field("questions[0].options").is_some());
        assert_eq!(
            errors.for_field("questions[2].key").unwrap().reason,
            "duplicate"
        );
    }

    #[test]
    fn the_window_is_wall_clock_in_the_event_zone() {
        let mut event: Event = serde_json::from_value(serde_json::json!({
            "slug": "forum", "kind": "forum", "attendance": "hybrid", "original_lang": "kk",
            "title": {"kk": "Форум"}, "time_zone": "Asia/Almaty", // UTC+5
            "starts_at": "2024-09-14T10:00:00", "ends_at": "2024-09-14T18:00:00",
        }))
        .unwrap();
        let s = RegistrationSettings {
            closes_at: Some("2024-09-10T23:59:00".parse().unwrap()),
            ..Default::default()
        };
        let utc = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        assert!(s.accepts_at(&event, utc("2024-09-10T18:59:00Z")));
        assert!(!s.accepts_at(&event, utc("2024-09-10T19:00:00Z")));
        event.status = EventStatus::Cancelled;
        assert!(!s.accepts_at(&event, utc("2024-09-01T00:00:00Z")));
    }

    #[test]
    fn choices_display_in_the_reader_language() {
        let s = settings();
        assert_eq!(s.questions[0].display_answer("1", UiLang::Ru), "Библиотеки");
        assert_eq!(s.questions[1].display_answer("yes", UiLang::Ru), "yes");
    }
}
