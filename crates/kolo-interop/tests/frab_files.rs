//! The real frab schedules in shared/datasets/frab read with the counts Python's own parsers find
//! there, round-trip through both writers, and what the writers produce validates against the
//! official XSD and JSON Schema in Python's `xmlschema` and `jsonschema` (kolo-testkit's
//! schema_validate.py, pinned in tests/python-requirements.txt and installed into `.venv` by
//! .ci/run).
//!
//! Without the shared files or the Python validators the tests are skipped (`SKIPPED: ...` on
//! stderr), unless `CI=true`, where they fail.

use chrono::{NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc};
use kolo_interop::frab::{
    Conference, DateOrDateTime, Day, Event, Link, Person, Recording, Room, Schedule, read_json,
    read_xml, write_json, write_xml,
};
use uuid::Uuid;

/// What the files hold, counted with Python's xml.etree and json (schedule2's events placed in
/// the day whose span holds their start).
struct Expected {
    file: &'static str,
    rooms_per_day: &'static [usize],
    events_per_day: &'static [usize],
    persons: usize,
    links: usize,
    attachments: usize,
}

const FILES: [Expected; 5] = [
    Expected {
        file: "31c3-schedule.xml",
        rooms_per_day: &[4, 4, 4, 4],
        events_per_day: &[35, 45, 40, 18],
        persons: 211,
        links: 134,
        attachments: 0,
    },
    Expected {
        file: "frab-camp2019.json",
        rooms_per_day: &[2, 2, 2, 2, 2],
        events_per_day: &[17, 17, 19, 17, 9],
        persons: 96,
        links: 52,
        attachments: 12,
    },
    Expected {
        file: "pretalx-democon.json",
        rooms_per_day: &[2, 2, 2],
        events_per_day: &[12, 12, 12],
        persons: 43,
        links: 0,
        attachments: 0,
    },
    Expected {
        file: "pretalx-rc3.json",
        rooms_per_day: &[3, 3, 2, 2],
        events_per_day: &[12, 15, 14, 7],
        persons: 57,
        links: 0,
        attachments: 0,
    },
    Expected {
        file: "hub-schedule2.json",
        rooms_per_day: &[2, 0, 0, 0],
        events_per_day: &[2, 0, 0, 0],
        persons: 4,
        // Of five, two are the ORIGIN and FEEDBACK links that become origin_url and feedback_url.
        links: 1,
        attachments: 1,
    },
];

fn is_xml(file: &str) -> bool {
    file.ends_with(".xml")
}

/// The file read in its own format, or `None` (after `SKIPPED`) when the shared files are missing.
fn load(file: &str) -> Option<Schedule> {
    let path = kolo_testkit::shared_file(&format!("datasets/frab/{file}"))?;
    let bytes = std::fs::read(path).unwrap();
    let read = if is_xml(file) { read_xml } else { read_json };
    Some(read(&bytes).unwrap_or_else(|e| panic!("{file}: {e}")))
}

fn events(s: &Schedule) -> impl Iterator<Item = &Event> {
    s.days.iter().flat_map(|d| &d.rooms).flat_map(|r| &r.events)
}

#[test]
fn every_file_reads_with_the_expected_counts() {
    for expected in &FILES {
        let Some(s) = load(expected.file) else { return };
        let file = expected.file;
        let rooms: Vec<usize> = s.days.iter().map(|d| d.rooms.len()).collect();
        let per_day: Vec<usize> = s
            .days
            .iter()
            .map(|d| d.rooms.iter().map(|r| r.events.len()).sum())
            .collect();
        assert_eq!(rooms, expected.rooms_per_day, "{file}: rooms per day");
        assert_eq!(per_day, expected.events_per_day, "{file}: events per day");
        let count = |f: fn(&Event) -> usize| events(&s).map(f).sum::<usize>();
        assert_eq!(count(|e| e.persons.len()), expected.persons, "{file}");
        assert_eq!(count(|e| e.links.len()), expected.links, "{file}");
        assert_eq!(
            count(|e| e.attachments.len()),
            expected.attachments,
            "{file}"
        );
        for e in events(&s) {
            assert!(!e.guid.is_nil() && e.id > 0, "{file}: event {}", e.id);
            assert_eq!(e.start, e.date.time(), "{file}: event {}", e.id);
        }
    }
}

#[test]
fn the_2014_file_keeps_its_values() {
    let Some(s) = load("31c3-schedule.xml") else {
        return;
    };
    assert_eq!(s.version, "1.5 To shine in a bright light");
    let c = &s.conference;
    assert_eq!(c.acronym, "31c3");
    assert_eq!(c.title, "31. Chaos Communication Congress");
    let date = |d| DateOrDateTime::Date(NaiveDate::from_ymd_opt(2014, 12, d).unwrap());
    assert_eq!((c.start, c.end, c.days_count), (date(27), date(31), 4));
    assert_eq!(c.timeslot_duration, TimeDelta::minutes(5));
    let keynote = events(&s).find(|e| e.id == 6571).unwrap();
    assert_eq!(
        keynote.guid.to_string(),
        "8c4e647f-813e-41ef-b05b-65469dd841c3"
    );
    assert_eq!(keynote.subtitle.as_deref(), Some("A New Dawn"));
    assert_eq!(keynote.persons[0].id, Some(5309));
    assert_eq!(keynote.duration, TimeDelta::hours(1));
    assert_eq!(
        keynote.recording,
        Some(Recording {
            license: String::new(),
            optout: false,
            url: None,
            link: None,
        })
    );
    // frab's guids of 2014 are the url-safe base64 of the UUID's bytes.
    let agenda = events(&s).find(|e| e.id == 6264).unwrap();
    assert_eq!(
        agenda.guid.to_string(),
        "1cea9e34-86fa-1bb3-3885-814a15190299"
    );
    assert_eq!(agenda.track, "Ethics, Society & Politics");
    assert_eq!(
        agenda.title,
        "„Wir beteiligen uns aktiv an den Diskussionen“"
    );
    assert_eq!(
        agenda.links,
        [Link {
            url: "http://breitband.deutschlandradiokultur.de/brb140823/".into(),
            title: Some("Maha kurz bei Breitband zu diesem Thema".into()),
            kind: None,
            service: None,
        }]
    );
    // A bare host name in a link is taken as http.
    assert!(
        events(&s)
            .flat_map(|e| &e.links)
            .any(|l| l.url == "http://www.mr-beam.org/")
    );
}

#[test]
fn json_files_keep_their_values() {
    let Some(camp) = load("frab-camp2019.json") else {
        return;
    };
    // Canonical forms: the acronym and slugs in lower case, attachments absolute.
    assert_eq!(camp.conference.acronym, "camp2019");
    assert_eq!(
        camp.conference.time_zone_name.as_deref(),
        Some("Europe/Berlin")
    );
    let opening = events(&camp).find(|e| e.id == 10386).unwrap();
    assert_eq!(opening.slug, "camp2019-10386-opening_ceremony");
    assert_eq!(opening.persons[0].name, "jinxx");
    assert!(
        events(&camp)
            .flat_map(|e| &e.attachments)
            .all(|a| a.url.starts_with("https://fahrplan.events.ccc.de/"))
    );

    let Some(democon) = load("pretalx-democon.json") else {
        return;
    };
    assert_eq!(democon.conference.rooms.len(), 2);
    let talk = events(&democon).next().unwrap();
    assert_eq!(talk.persons[0].code.as_deref(), Some("NQTF8Y"));
    assert!(talk.persons[0].biography.is_some());
    assert_eq!(
        democon.days[0].rooms[0].guid,
        Some(democon.conference.rooms[0].guid)
    );

    let Some(hub) = load("hub-schedule2.json") else {
        return;
    };
    let opening = events(&hub)
        .find(|e| e.title == "38C3: Opening Ceremony")
        .unwrap();
    assert_eq!(opening.code.as_deref(), Some("HQCCYH"));
    assert_eq!(opening.duration, TimeDelta::minutes(30));
    assert_eq!(opening.start, NaiveTime::from_hms_opt(10, 30, 0).unwrap());
    assert_eq!(opening.track, "CCC");
    assert_eq!(opening.persons.len(), 3);
    assert!(opening.persons[0].avatar.is_some());
    assert_eq!(
        opening.persons[0].links[0].kind.as_deref(),
        Some("activitypub")
    );
    assert_eq!(
        opening.origin_url.as_deref(),
        Some("https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/")
    );
    assert_eq!(hub.conference.timeslot_duration, TimeDelta::minutes(5));
    assert_eq!(hub.conference.days_count, 4);
}

#[test]
fn each_format_round_trips_to_an_equal_schedule() {
    for expected in &FILES {
        let Some(s) = load(expected.file) else { return };
        let file = expected.file;
        if is_xml(file) {
            assert_eq!(read_xml(write_xml(&s).as_bytes()).unwrap(), s, "{file}");
        } else {
            assert_eq!(read_json(write_json(&s).as_bytes()).unwrap(), s, "{file}");
        }
    }
}

/// The fields both formats carry: everything but the XML-only and JSON-only ones.
fn shared(s: &Schedule) -> Schedule {
    let mut s = s.clone();
    s.url = None;
    let c = &mut s.conference;
    c.description = None;
    c.keywords.clear();
    c.rooms.clear();
    c.meta.clear();
    for t in &mut c.tracks {
        t.text = None;
    }
    for e in s
        .days
        .iter_mut()
        .flat_map(|d| &mut d.rooms)
        .flat_map(|r| &mut r.events)
    {
        e.do_not_stream = None;
        e.video_download_url = None;
        if let Some(r) = &mut e.recording {
            (r.url, r.link) = (None, None);
        }
        for l in e.links.iter_mut().chain(&mut e.attachments) {
            l.service = None;
        }
        for p in &mut e.persons {
            (p.code, p.url, p.avatar, p.biography) = (None, None, None, None);
            p.links.clear();
        }
    }
    s
}

#[test]
fn crossing_formats_keeps_every_shared_field() {
    for expected in &FILES {
        let Some(s) = load(expected.file) else { return };
        let file = expected.file;
        // xml → json → xml
        let xml = read_xml(write_xml(&s).as_bytes()).unwrap();
        let back = read_xml(write_xml(&read_json(write_json(&xml).as_bytes()).unwrap()).as_bytes());
        assert_eq!(
            shared(&back.unwrap()),
            shared(&xml),
            "{file}: xml → json → xml"
        );
        // json → xml → json
        let json = read_json(write_json(&s).as_bytes()).unwrap();
        let back =
            read_json(write_json(&read_xml(write_xml(&json).as_bytes()).unwrap()).as_bytes());
        assert_eq!(
            shared(&back.unwrap()),
            shared(&json),
            "{file}: json → xml → json"
        );
    }
}

/// A schedule built by hand with everything the schemas refuse: the writers must still emit
/// valid files.
fn messy() -> Schedule {
    let at = |h| {
        Utc.with_ymd_and_hms(2025, 5, 1, h, 7, 30)
            .unwrap()
            .fixed_offset()
    };
    let event = |id: u64, slug: &str| Event {
        guid: Uuid::nil(),
        id,
        code: Some("abc".into()),
        date: at(10),
        start: NaiveTime::from_hms_opt(10, 7, 30).unwrap(),
        duration: TimeDelta::hours(120),
        room: "Hall <1> & \"2\"".into(),
        slug: slug.into(),
        url: Some("/talks/1".into()),
        title: "Über \u{1} control\r\nand tab\t".into(),
        subtitle: None,
        track: String::new(),
        r#type: "talk".into(),
        language: None,
        r#abstract: String::new(),
        description: Some(" spaced ".into()),
        logo: Some("/logo.png".into()),
        persons: vec![
            Person {
                id: Some(1),
                guid: None,
                name: "Ann".into(),
                code: Some("lower".into()),
                url: Some("not a url".into()),
                avatar: None,
                biography: None,
                links: Vec::new(),
            },
            Person {
                id: None,
                guid: Some(Uuid::nil()),
                name: "Bo".into(),
                code: None,
                url: None,
                avatar: None,
                biography: None,
                links: Vec::new(),
            },
        ],
        links: vec![Link {
            url: "example.org/a b".into(),
            title: Some(String::new()),
            kind: Some("SLIDES".into()),
            service: Some("GITHUB".into()),
        }],
        attachments: Vec::new(),
        recording: None,
        do_not_stream: None,
        feedback_url: Some("mailto:x@example.org".into()),
        origin_url: None,
        video_download_url: None,
    };
    Schedule {
        version: String::new(),
        url: Some("ftp://example.org/schedule.xml".into()),
        conference: Conference {
            acronym: "My Conf!".into(),
            title: "My Conf".into(),
            description: None,
            start: DateOrDateTime::DateTime(at(9)),
            end: DateOrDateTime::Date(NaiveDate::from_ymd_opt(2025, 5, 2).unwrap()),
            days_count: 1,
            timeslot_duration: TimeDelta::minutes(15),
            time_zone_name: Some("Etc/GMT+1".into()),
            base_url: Some("https://example.org/conf/".into()),
            logo: None,
            url: None,
            colors: None,
            keywords: Vec::new(),
            tracks: Vec::new(),
            rooms: Vec::new(),
            meta: serde_json::Map::new(),
        },
        days: vec![
            Day {
                index: 0,
                date: NaiveDate::from_ymd_opt(2025, 5, 1).unwrap(),
                start: at(9),
                end: at(20),
                rooms: vec![
                    Room {
                        name: "Hall <1> & \"2\"".into(),
                        guid: Some(Uuid::from_u128(7)),
                        events: vec![event(0, "Bad Slug!"), event(5, "")],
                    },
                    Room {
                        name: "Hall <1> & \"2\"".into(),
                        guid: None,
                        events: vec![event(5, "my_conf-same-slug")],
                    },
                ],
            },
            Day {
                index: 0,
                date: NaiveDate::from_ymd_opt(2025, 5, 2).unwrap(),
                start: at(9),
                end: at(20),
                rooms: vec![Room {
                    name: "Tab\tand\nnewline".into(),
                    guid: None,
                    events: vec![event(0, "my_conf-same-slug")],
                }],
            },
        ],
    }
}

#[test]
fn written_files_validate_against_the_xsd_and_the_json_schema() {
    let (Some(xsd), Some(json_schema)) = (
        kolo_testkit::shared_file("standards/frab/schedule.xml.xsd"),
        kolo_testkit::shared_file("standards/frab/schema.json"),
    ) else {
        return;
    };
    let mut schedules = vec![("messy".to_owned(), messy())];
    for expected in &FILES {
        let Some(s) = load(expected.file) else { return };
        schedules.push((expected.file.replace('.', "_"), s));
    }
    let dir = tempfile::tempdir().unwrap();
    let (mut xml_files, mut json_files) = (Vec::new(), Vec::new());
    for (name, s) in &schedules {
        let xml = dir.path().join(format!("{name}.xml"));
        std::fs::write(&xml, write_xml(s)).unwrap();
        xml_files.push(xml);
        let json = dir.path().join(format!("{name}.json"));
        std::fs::write(&json, write_json(s)).unwrap();
        json_files.push(json);
    }
    if kolo_testkit::schema_validate(&xsd, &[], &xml_files) {
        kolo_testkit::schema_validate(&json_schema, &[], &json_files);
    }
}

#[test]
fn a_hand_built_schedule_is_written_canonically_and_reads_back() {
    let s = messy();
    let from_xml = read_xml(write_xml(&s).as_bytes()).unwrap();
    let from_json = read_json(write_json(&s).as_bytes()).unwrap();
    assert_eq!(read_xml(write_xml(&from_xml).as_bytes()).unwrap(), from_xml);
    assert_eq!(
        read_json(write_json(&from_json).as_bytes()).unwrap(),
        from_json
    );

    let c = &from_xml.conference;
    assert_eq!(c.acronym, "my_conf_");
    assert_eq!(
        from_json.conference.time_zone_name, None,
        "outside the JSON pattern"
    );
    assert_eq!(
        c.time_zone_name.as_deref(),
        Some("Etc/GMT+1"),
        "XML takes any name"
    );
    assert_eq!(from_xml.url, None, "not http");
    assert_eq!(
        from_xml.days.iter().map(|d| d.index).collect::<Vec<_>>(),
        [1, 2]
    );
    // The two rooms of one name are one room.
    assert_eq!(from_xml.days[0].rooms.len(), 1);
    let all: Vec<&Event> = events(&from_xml).collect();
    assert_eq!(all.iter().map(|e| e.id).collect::<Vec<_>>(), [6, 5, 7, 8]);
    let mut guids: Vec<Uuid> = all.iter().map(|e| e.guid).collect();
    guids.dedup();
    assert_eq!(guids.len(), 4);
    assert_eq!(
        all.iter().map(|e| e.slug.as_str()).collect::<Vec<_>>(),
        [
            "my_conf_-6-ber_control_and_tab",
            "my_conf_-5-ber_control_and_tab",
            "my_conf-same-slug",
            "my_conf-same-slug-8",
        ]
    );
    let e = all[0];
    assert_eq!(e.duration, TimeDelta::minutes(99 * 60 + 59));
    assert_eq!(
        e.title, "Über  control\r\nand tab\t",
        "only the control character is gone"
    );
    assert_eq!(e.code, None);
    assert_eq!(e.url.as_deref(), Some("https://example.org/talks/1"));
    assert_eq!(e.logo.as_deref(), Some("https://example.org/logo.png"));
    assert_eq!(e.links[0].url, "http://example.org/a%20b");
    assert_eq!(e.links[0].kind.as_deref(), Some("SLIDES"));
    assert_eq!(
        from_json.days[0].rooms[0].events[0].links[0]
            .kind
            .as_deref(),
        Some("slides")
    );
    assert_eq!(e.feedback_url, None, "XML wants http(s)");
    assert_eq!(
        from_json.days[0].rooms[0].events[0].feedback_url.as_deref(),
        Some("mailto:x@example.org")
    );
    assert_eq!(from_xml.days[1].rooms[0].name, "Tab\tand\nnewline");
    assert_eq!(
        from_xml.days[0].rooms[0].guid,
        from_json.days[0].rooms[0].guid
    );
}
