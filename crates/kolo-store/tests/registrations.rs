//! Event registration, run on every backend like `conformance.rs`: SQLite always, PostgreSQL
//! when its server binaries are installed (required under CI=true).

use chrono::{DateTime, Utc};
use kolo_domain::registration::{
    Question, QuestionKind, Registrant, RegistrationSettings, RegistrationStatus,
};
use kolo_domain::{
    AttendanceMode, Event, EventKind, EventStatus, LocalizedText, Slug, UiLang, Zone,
};
use kolo_store::repo::events;
use kolo_store::repo::registrations::{self, Registration};
use kolo_store::{Store, StoreError, audit};
use std::time::Instant;

/// A fresh store per backend; the temp dir must outlive the stores.
fn stores() -> (tempfile::TempDir, Vec<(&'static str, String, Store)>) {
    let dir = tempfile::tempdir().unwrap();
    let stores = kolo_testkit::Backend::database_urls(dir.path())
        .into_iter()
        .map(|(name, url)| {
            let store = Store::open(&url).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, url, store)
        })
        .collect();
    (dir, stores)
}

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// While registration for [`forum`] is open (unless a test sets a window).
fn open_now() -> DateTime<Utc> {
    utc("2030-03-15T12:00:00Z")
}

/// A forum in Moscow time (UTC+3), 16-17 April 2030.
fn forum(slug: &str, attendance: AttendanceMode) -> Event {
    Event {
        slug: Slug::parse("slug", slug).unwrap(),
        kind: EventKind::Forum,
        status: EventStatus::Scheduled,
        attendance,
        original_lang: "ru".parse().unwrap(),
        title: LocalizedText::new().with("ru", "Форум библиотек"),
        summary: LocalizedText::new(),
        description: LocalizedText::new(),
        key_questions: vec![],
        audience: LocalizedText::new(),
        starts_at: "2030-04-16T10:00:00".parse().unwrap(),
        ends_at: "2030-04-17T18:00:00".parse().unwrap(),
        time_zone: Zone(chrono_tz::Europe::Moscow),
        hosts: vec![],
        organisers: vec![],
        partners: vec![],
        supporters: vec![],
        networks: vec![],
        parent: None,
        contacts: vec![],
        venue: None,
        online_url: None,
        registration_url: None,
        registration_closes: None,
        links: vec![],
    }
}

fn section_question() -> Question {
    Question {
        key: Slug::parse("key", "section").unwrap(),
        label: LocalizedText::new()
            .with("ru", "Секция")
            .with("en", "Section"),
        required: true,
        kind: QuestionKind::Choice {
            options: vec![
                LocalizedText::new().with("ru", "Музеи"),
                LocalizedText::new().with("ru", "=Библиотеки"),
            ],
        },
    }
}

fn person(email: &str, attendance: AttendanceMode) -> Registrant {
    Registrant {
        name: format!("Участник {email}"),
        email: email.to_owned(),
        organisation: "Областная библиотека".into(),
        position: "Директор".into(),
        region: "Рязанская область".into(),
        attendance,
        answers: Default::default(),
        consent: true,
        lang: UiLang::Ru,
    }
}

/// Creates the forum and opens its registration.
async fn open_event(
    store: &Store,
    slug: &str,
    attendance: AttendanceMode,
    settings: RegistrationSettings,
) -> i64 {
    let event = forum(slug, attendance);
    store
        .write(move |c| {
            let (id, _) = events::save_by_slug(c, Some(1), &event)?;
            registrations::set_settings(c, Some(1), id, &settings)?;
            Ok(id)
        })
        .await
        .unwrap()
}

async fn register(
    store: &Store,
    event_id: i64,
    who: Registrant,
    now: DateTime<Utc>,
) -> Result<(Registration, String), StoreError> {
    store
        .write(move |c| registrations::register(c, event_id, &who, now))
        .await
}

/// Registers people in order, a second apart, returning their registrations and secrets.
async fn register_all(
    store: &Store,
    event_id: i64,
    people: &[(&str, AttendanceMode)],
) -> Vec<(Registration, String)> {
    let mut out = Vec::new();
    for (i, (email, mode)) in people.iter().enumerate() {
        let now = open_now() + chrono::TimeDelta::seconds(i as i64);
        out.push(
            register(store, event_id, person(email, *mode), now)
                .await
                .unwrap(),
        );
    }
    out
}

fn fields(e: StoreError) -> Vec<(String, String)> {
    match e {
        StoreError::Invalid(v) => v.errors.into_iter().map(|e| (e.field, e.reason)).collect(),
        other => panic!("expected field errors, got {other}"),
    }
}

fn statuses(list: &[Registration]) -> Vec<(&str, RegistrationStatus)> {
    list.iter()
        .map(|r| (r.registrant.email.as_str(), r.status))
        .collect()
}

#[tokio::test]
async fn submissions_are_refused_by_field() {
    let (_dir, stores) = stores();
    for (backend, _, store) in stores {
        let no_settings = store
            .write(|c| {
                Ok(events::save_by_slug(c, None, &forum("quiet", AttendanceMode::Offline))?.0)
            })
            .await
            .unwrap();
        let e = register(
            &store,
            no_settings,
            person("a@example.org", AttendanceMode::Offline),
            open_now(),
        )
        .await
        .unwrap_err();
        assert_eq!(
            fields(e),
            [("registration".into(), "not-open".into())],
            "{backend}"
        );

        let settings = RegistrationSettings {
            questions: vec![section_question()],
            ..Default::default()
        };
        let id = open_event(&store, "forum", AttendanceMode::Offline, settings).await;
        let mut bad = person("not-an-address", AttendanceMode::Hybrid);
        bad.consent = false;
        let e = register(&store, id, bad, open_now()).await.unwrap_err();
        let got = fields(e);
        let got: Vec<_> = got.iter().map(|(f, r)| (f.as_str(), r.as_str())).collect();
        assert_eq!(
            got,
            [
                ("email", "invalid-email"),
                ("attendance", "hybrid-not-allowed"),
                ("answers.section", "required"),
                ("consent", "required"),
            ],
            "{backend}"
        );

        let mut online = person("b@example.org", AttendanceMode::Online);
        online.answers.insert("section".into(), "1".into());
        let e = register(&store, id, online, open_now()).await.unwrap_err();
        assert_eq!(
            fields(e),
            [("attendance".into(), "not-offered".into())],
            "{backend}: the forum is in person only"
        );

        let list = store
            .read(move |c| registrations::list(c, id))
            .await
            .unwrap();
        assert!(list.is_empty(), "{backend}: nothing written");
        let e = store
            .write(move |c| {
                registrations::set_settings(
                    c,
                    None,
                    id,
                    &RegistrationSettings {
                        opens_at: Some("2030-04-01T00:00:00".parse().unwrap()),
                        closes_at: Some("2030-03-01T00:00:00".parse().unwrap()),
                        ..Default::default()
                    },
                )
            })
            .await
            .unwrap_err();
        assert_eq!(
            fields(e)[0].0,
            "closes_at",
            "{backend}: settings are checked"
        );
    }
}

#[tokio::test]
async fn registration_is_refused_outside_its_window() {
    let (_dir, stores) = stores();
    for (backend, _, store) in stores {
        let settings = RegistrationSettings {
            // Moscow time: 06:00 and 20:59 UTC.
            opens_at: Some("2030-03-01T09:00:00".parse().unwrap()),
            closes_at: Some("2030-04-10T23:59:00".parse().unwrap()),
            ..Default::default()
        };
        let id = open_event(&store, "forum", AttendanceMode::Hybrid, settings).await;
        let try_at = |email: &'static str, at: &str| {
            let (store, at) = (store.clone(), utc(at));
            async move { register(&store, id, person(email, AttendanceMode::Online), at).await }
        };
        for (at, open) in [
            ("2030-03-01T05:59:59Z", false),
            ("2030-03-01T06:00:00Z", true),
            ("2030-04-10T20:59:00Z", true),
            ("2030-04-10T20:59:01Z", false),
        ] {
            let email = if open {
                "in@example.org"
            } else {
                "out@example.org"
            };
            match try_at(email, at).await {
                Ok((r, _)) => assert!(open, "{backend}: accepted at {at}: {r:?}"),
                Err(e) => {
                    assert!(!open, "{backend}: refused at {at}: {e}");
                    assert_eq!(fields(e), [("registration".into(), "closed".into())]);
                }
            }
        }

        // Without a deadline registration closes when the event ends.
        let other = open_event(&store, "other", AttendanceMode::Hybrid, Default::default()).await;
        let late = person("late@example.org", AttendanceMode::Online);
        let e = register(&store, other, late, utc("2030-04-17T15:00:01Z")).await;
        assert!(e.is_err(), "{backend}: after the end");
    }
}

#[tokio::test]
async fn the_same_email_again_keeps_one_row_and_rotates_the_secret() {
    let (_dir, stores) = stores();
    for (backend, _, store) in stores {
        let id = open_event(&store, "forum", AttendanceMode::Hybrid, Default::default()).await;
        let (first, token) = register(
            &store,
            id,
            person("Anna@Example.org", AttendanceMode::Offline),
            open_now(),
        )
        .await
        .unwrap();
        assert_eq!(first.status, RegistrationStatus::Confirmed, "{backend}");
        assert_eq!(first.registrant.email, "anna@example.org", "{backend}");

        let mut again = person("  ANNA@example.ORG ", AttendanceMode::Online);
        again.name = "Someone else".into();
        let (second, new_token) = register(&store, id, again.clone(), open_now())
            .await
            .unwrap();
        assert_eq!(second.id, first.id, "{backend}: the same registration");
        assert_eq!(second.status, first.status, "{backend}");
        assert_eq!(second.registrant, first.registrant, "{backend}: unchanged");
        assert_ne!(new_token, token, "{backend}: a new secret");
        let list = store
            .read(move |c| registrations::list(c, id))
            .await
            .unwrap();
        assert_eq!(list.len(), 1, "{backend}: one row");

        let old = store
            .read(move |c| registrations::by_token(c, &token))
            .await;
        assert!(
            matches!(old, Err(StoreError::NotFound)),
            "{backend}: the old link is dead"
        );
        let t = new_token.clone();
        let found = store
            .read(move |c| registrations::by_token(c, &t))
            .await
            .unwrap();
        assert_eq!(found.id, first.id, "{backend}");

        // Someone who cancelled can come back: the same row, made anew.
        let cancelled = store
            .write(move |c| registrations::cancel(c, &new_token))
            .await
            .unwrap();
        assert_eq!(
            cancelled.registration.status,
            RegistrationStatus::Cancelled,
            "{backend}"
        );
        let (back, _) = register(&store, id, again, open_now()).await.unwrap();
        assert_eq!(
            (back.id, back.status),
            (first.id, RegistrationStatus::Confirmed),
            "{backend}"
        );
        assert_eq!(back.registrant.name, "Someone else", "{backend}");
        assert_eq!(
            back.registrant.attendance,
            AttendanceMode::Online,
            "{backend}"
        );
        let list = store
            .read(move |c| registrations::list(c, id))
            .await
            .unwrap();
        assert_eq!(list.len(), 1, "{backend}: still one row");
    }
}

#[tokio::test]
async fn full_events_put_people_on_the_waiting_list() {
    let (_dir, stores) = stores();
    for (backend, _, store) in stores {
        let settings = RegistrationSettings {
            capacity: Some(3),
            capacity_online: Some(1),
            ..Default::default()
        };
        let id = open_event(&store, "forum", AttendanceMode::Hybrid, settings).await;
        use AttendanceMode::{Offline, Online};
        let got = register_all(
            &store,
            id,
            &[
                ("a@x.org", Online),
                ("b@x.org", Online),
                ("c@x.org", Offline),
                ("d@x.org", Offline),
                ("e@x.org", Offline),
            ],
        )
        .await;
        let got: Vec<_> = got.iter().map(|(r, _)| r.status).collect();
        use RegistrationStatus::{Confirmed, Waitlisted};
        assert_eq!(
            got,
            [Confirmed, Waitlisted, Confirmed, Confirmed, Waitlisted],
            "{backend}: online full at 1, the event at 3"
        );
        let counts = store
            .read(move |c| registrations::counts(c, id))
            .await
            .unwrap();
        assert_eq!(
            (counts.confirmed, counts.waitlisted, counts.places_left),
            (3, 2, Some(0)),
            "{backend}"
        );
        assert_eq!(counts.places_left_online, Some(0), "{backend}");
        assert_eq!(counts.places_left_offline, Some(0), "{backend}");

        // More places: the waiting list moves up in order, within the online limit.
        let promoted = store
            .write(move |c| {
                registrations::set_settings(
                    c,
                    Some(1),
                    id,
                    &RegistrationSettings {
                        capacity: Some(5),
                        capacity_online: Some(1),
                        ..Default::default()
                    },
                )
            })
            .await
            .unwrap();
        assert_eq!(statuses(&promoted), [("e@x.org", Confirmed)], "{backend}");
        let counts = store
            .read(move |c| registrations::counts(c, id))
            .await
            .unwrap();
        assert_eq!(
            (
                counts.places_left,
                counts.places_left_online,
                counts.places_left_offline
            ),
            (Some(1), Some(0), Some(1)),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn cancelling_gives_the_place_to_the_longest_waiting_who_fits() {
    let (_dir, stores) = stores();
    for (backend, _, store) in stores {
        let settings = RegistrationSettings {
            capacity: Some(2),
            capacity_online: Some(1),
            ..Default::default()
        };
        let id = open_event(&store, "forum", AttendanceMode::Hybrid, settings).await;
        use AttendanceMode::{Offline, Online};
        use RegistrationStatus::{Cancelled, Confirmed};
        let regs = register_all(
            &store,
            id,
            &[
                ("online-1@x.org", Online),
                ("offline-1@x.org", Offline),
                ("online-2@x.org", Online), // waits longest, but online is full
                ("offline-2@x.org", Offline), // waits
                ("offline-3@x.org", Offline), // waits
            ],
        )
        .await;
        let token = |i: usize| regs[i].1.clone();
        let cancel = |token: String| {
            let store = store.clone();
            async move {
                store
                    .write(move |c| registrations::cancel(c, &token))
                    .await
                    .unwrap()
            }
        };

        let change = cancel(token(1)).await;
        assert_eq!(change.registration.status, Cancelled, "{backend}");
        assert_eq!(
            statuses(&change.promoted),
            [("offline-2@x.org", Confirmed)],
            "{backend}: the offline place goes to the oldest who fits"
        );
        let again = cancel(token(1)).await;
        assert!(
            again.promoted.is_empty(),
            "{backend}: cancelling twice changes nothing"
        );

        let change = cancel(token(0)).await;
        assert_eq!(
            statuses(&change.promoted),
            [("online-2@x.org", Confirmed)],
            "{backend}: the online place"
        );
        let change = cancel(token(4)).await;
        assert!(
            change.promoted.is_empty(),
            "{backend}: a waiting one frees nothing"
        );

        let list = store
            .read(move |c| registrations::list(c, id))
            .await
            .unwrap();
        assert_eq!(
            statuses(&list),
            [
                ("online-1@x.org", Cancelled),
                ("offline-1@x.org", Cancelled),
                ("online-2@x.org", Confirmed),
                ("offline-2@x.org", Confirmed),
                ("offline-3@x.org", Cancelled),
            ],
            "{backend}"
        );
        assert!(
            store
                .write(|c| registrations::cancel(c, "no-such-secret"))
                .await
                .is_err(),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn moderation_approves_and_declines_pending_registrations() {
    let (_dir, stores) = stores();
    for (backend, _, store) in stores {
        let settings = RegistrationSettings {
            capacity: Some(2),
            moderated: true,
            ..Default::default()
        };
        let id = open_event(&store, "forum", AttendanceMode::Offline, settings).await;
        use AttendanceMode::Offline;
        use RegistrationStatus::{Confirmed, Declined, Pending, Waitlisted};
        let regs = register_all(
            &store,
            id,
            &[
                ("a@x.org", Offline),
                ("b@x.org", Offline),
                ("c@x.org", Offline),
            ],
        )
        .await;
        let got: Vec<_> = regs.iter().map(|(r, _)| r.status).collect();
        assert_eq!(
            got,
            [Pending, Pending, Waitlisted],
            "{backend}: pending holds places"
        );
        let counts = store
            .read(move |c| registrations::counts(c, id))
            .await
            .unwrap();
        assert_eq!(
            (counts.pending, counts.places_left),
            (2, Some(0)),
            "{backend}"
        );

        let (a, b) = (regs[0].0.id, regs[1].0.id);
        let moderate = |id: i64, approve: bool| {
            let store = store.clone();
            async move {
                store
                    .write(move |c| registrations::moderate(c, Some(7), id, approve))
                    .await
            }
        };
        let approved = moderate(a, true).await.unwrap();
        assert_eq!(approved.registration.status, Confirmed, "{backend}");
        assert!(approved.promoted.is_empty(), "{backend}");
        let declined = moderate(b, false).await.unwrap();
        assert_eq!(declined.registration.status, Declined, "{backend}");
        assert_eq!(
            statuses(&declined.promoted),
            [("c@x.org", Pending)],
            "{backend}: moves up, still to be approved"
        );
        let e = moderate(a, false).await.unwrap_err();
        assert_eq!(
            fields(e),
            [("status".into(), "not-pending".into())],
            "{backend}"
        );

        // A declined person cannot get back in by registering again.
        let (again, _) = register(&store, id, person("b@x.org", Offline), open_now())
            .await
            .unwrap();
        assert_eq!(again.status, Declined, "{backend}");

        let log = store
            .read(|c| {
                audit::list(
                    c,
                    Some(("registration", None)),
                    kolo_store::PageRequest::new(0, 50),
                )
            })
            .await
            .unwrap();
        let decline = log.items.iter().find(|e| e.action == "decline").unwrap();
        assert_eq!(
            decline.user_id,
            Some(7),
            "{backend}: the moderator is logged"
        );
        assert!(
            log.items
                .iter()
                .all(|e| !e.detail.contains('@') && !e.detail.contains("Участник")),
            "{backend}: no personal data in the audit log"
        );
    }
}

#[tokio::test]
async fn csv_export_has_a_header_quotes_and_defuses_formulas() {
    let (_dir, stores) = stores();
    for (backend, _, store) in stores {
        let settings = RegistrationSettings {
            questions: vec![section_question()],
            ..Default::default()
        };
        let id = open_event(&store, "forum", AttendanceMode::Hybrid, settings).await;
        let mut tricky = person("tricky@x.org", AttendanceMode::Online);
        tricky.name = "=HYPERLINK(\"http://evil.example\",\"click\")".into();
        tricky.organisation = "Библиотека \"Луч\", отдел редкой книги".into();
        tricky.position = "+7 (912) 000-00-00".into();
        tricky.region = "@home\nsecond line".into();
        tricky.answers.insert("section".into(), "1".into());
        let mut plain = person("plain@x.org", AttendanceMode::Offline);
        plain.answers.insert("section".into(), "0".into());
        register(&store, id, tricky, open_now()).await.unwrap();
        register(
            &store,
            id,
            plain,
            open_now() + chrono::TimeDelta::seconds(1),
        )
        .await
        .unwrap();

        let text = store
            .read(move |c| registrations::csv(c, id, UiLang::Ru))
            .await
            .unwrap();
        let header = text.lines().next().unwrap();
        assert_eq!(
            header,
            "id,registered_at,status,attendance,name,email,organisation,position,region,lang,consent_at,Секция",
            "{backend}"
        );
        assert!(
            text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""),
            "{backend}: quoted, quotes doubled, apostrophe first: {text}"
        );
        assert!(
            text.contains("\"Библиотека \"\"Луч\"\", отдел редкой книги\""),
            "{backend}: {text}"
        );

        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2, "{backend}");
        let t = &rows[0];
        assert_eq!(&t[1], "2030-03-15 15:00:00", "{backend}: Moscow time");
        assert_eq!(&t[2], "confirmed", "{backend}");
        assert_eq!(
            &t[4], "'=HYPERLINK(\"http://evil.example\",\"click\")",
            "{backend}"
        );
        assert_eq!(&t[6], "Библиотека \"Луч\", отдел редкой книги", "{backend}");
        assert_eq!(&t[7], "'+7 (912) 000-00-00", "{backend}");
        assert_eq!(
            &t[8], "'@home\nsecond line",
            "{backend}: newline kept in quotes"
        );
        assert_eq!(
            &t[11], "'=Библиотеки",
            "{backend}: a choice as its label, guarded"
        );
        assert_eq!(&rows[1][5], "plain@x.org", "{backend}");
        assert_eq!(&rows[1][11], "Музеи", "{backend}");
    }
}

/// THE concurrency check: 200 people register at once for 10 places.
///
/// First through one `Store` (as the server does: its writes take turns in-process), then through
/// four `Store`s on the same database, each with its own pool and write turn, as four server
/// processes would be: there only the database's locks (the claim) keep the count right.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_at_once_fill_exactly_ten_places() {
    let (_dir, stores) = stores();
    for (backend, url, store) in stores {
        let settings = RegistrationSettings {
            capacity: Some(10),
            ..Default::default()
        };
        let id = open_event(&store, "forum", AttendanceMode::Hybrid, settings).await;
        let started = Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..200 {
            let store = store.clone();
            let mode = if i % 2 == 0 {
                AttendanceMode::Offline
            } else {
                AttendanceMode::Online
            };
            let who = person(&format!("p{i}@example.org"), mode);
            tasks.spawn(async move {
                store
                    .write(move |c| registrations::register(c, id, &who, open_now()))
                    .await
            });
        }
        let results = tasks.join_all().await;
        let one_store = started.elapsed();
        let confirmed = results
            .iter()
            .filter(|r| r.as_ref().unwrap().0.status == RegistrationStatus::Confirmed)
            .count();
        assert_eq!(confirmed, 10, "{backend}: one store");
        let counts = store
            .read(move |c| registrations::counts(c, id))
            .await
            .unwrap();
        assert_eq!(
            (counts.confirmed, counts.waitlisted, counts.places_left),
            (10, 190, Some(0)),
            "{backend}: one store"
        );

        // Four processes' worth of stores, and a limit per way of attending too.
        // Both ways capped so that the split is fixed whatever order the writers take turns in
        // (with offline uncapped, eight offline arrivals before three online would be valid).
        let settings = RegistrationSettings {
            capacity: Some(10),
            capacity_online: Some(3),
            capacity_offline: Some(7),
            ..Default::default()
        };
        let id = open_event(&store, "second", AttendanceMode::Hybrid, settings).await;
        let mut handles = vec![store.clone()];
        for _ in 0..3 {
            handles.push(Store::open(&url).unwrap());
        }
        let started = Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..200 {
            let store = handles[i % handles.len()].clone();
            let mode = if i % 3 == 0 {
                AttendanceMode::Online
            } else {
                AttendanceMode::Offline
            };
            let who = person(&format!("q{i}@example.org"), mode);
            tasks.spawn(async move {
                store
                    .write(move |c| registrations::register(c, id, &who, open_now()))
                    .await
            });
        }
        for r in tasks.join_all().await {
            r.unwrap_or_else(|e| panic!("{backend}: {e}"));
        }
        let four_stores = started.elapsed();
        let list = store
            .read(move |c| registrations::list(c, id))
            .await
            .unwrap();
        let confirmed = |mode| {
            list.iter()
                .filter(|r| {
                    r.status == RegistrationStatus::Confirmed && r.registrant.attendance == mode
                })
                .count()
        };
        assert_eq!(
            (
                confirmed(AttendanceMode::Online),
                confirmed(AttendanceMode::Offline)
            ),
            (3, 7),
            "{backend}: four stores"
        );
        assert_eq!(
            list.iter()
                .filter(|r| r.status == RegistrationStatus::Waitlisted)
                .count(),
            190,
            "{backend}: four stores"
        );
        eprintln!(
            "{backend}: 200 registrations: one store {one_store:?}, four stores {four_stores:?}"
        );
    }
}
