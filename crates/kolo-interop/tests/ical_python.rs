//! A feed written by `kolo_interop::ical` reads back the same in an independent parser: Python's
//! `icalendar` (pinned in tests/python-requirements.txt, installed into `.venv` by .ci/run).
//! Local times are checked twice: resolved by their IANA `TZID`, as most clients do, and by
//! the feed's own `VTIMEZONE` (through dateutil's VTIMEZONE reader), as the rest do.
//!
//! Without Python's `icalendar` the test is skipped (`SKIPPED: ...` on stderr), unless
//! `CI=true`, where it fails.

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::{Asia, Europe};
use kolo_interop::ical::{
    Calendar, CalendarEvent, Conference, Feature, Organizer, Status, Timing, write,
};
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Reads an `.ics` from stdin and prints, as JSON, what Python's `icalendar` makes of it.
const READ_BACK: &str = r#"
import json, sys
from datetime import datetime, timezone
try:
    import icalendar
    from icalendar.parser import unescape_backslash
except ImportError:
    sys.exit(3)

cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
own_zones = {str(tz["TZID"]): tz.to_tz(lookup_tzid=False) for tz in cal.walk("VTIMEZONE")}

def many(value):
    return [] if value is None else value if isinstance(value, list) else [value]

def moment(prop):
    value = prop.dt
    if not isinstance(value, datetime):
        return {"date": value.isoformat()}
    utc = lambda t: t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    own = own_zones[prop.params["TZID"]]
    return {"utc": utc(value), "utc_by_vtimezone": utc(value.replace(tzinfo=own))}

events = []
for ev in cal.walk("VEVENT"):
    events.append({
        "uid": str(ev["UID"]),
        "summary": str(ev["SUMMARY"]),
        "language": ev["SUMMARY"].params.get("LANGUAGE"),
        "description": str(ev["DESCRIPTION"]) if "DESCRIPTION" in ev else None,
        "start": moment(ev["DTSTART"]),
        "end": moment(ev["DTEND"]),
        "conference": [str(c) for c in many(ev.get("CONFERENCE"))],
        "conference_labels": [c.params.get("LABEL") for c in many(ev.get("CONFERENCE"))],
        "status": str(ev["STATUS"]),
        "related_to": [str(r) for r in many(ev.get("RELATED-TO"))],
        "categories": [str(c) for v in many(ev.get("CATEGORIES")) for c in v.cats],
        "organizer": str(ev["ORGANIZER"]) if "ORGANIZER" in ev else None,
        "organizer_cn": ev["ORGANIZER"].params.get("CN") if "ORGANIZER" in ev else None,
    })
# icalendar 7.3 has no value type for NAME (RFC 7986: TEXT) and X-WR-CALNAME, and returns them
# still escaped; they are read here as the TEXT they are.
print(json.dumps({
    "name": unescape_backslash(str(cal["NAME"])),
    "x_wr_calname": unescape_backslash(str(cal["X-WR-CALNAME"])),
    "zones": sorted(own_zones),
    "errors": [[c.name, str(e)] for c in cal.walk() for e in c.errors],
    "events": events,
}, ensure_ascii=False))
"#;

fn at(date: (i32, u32, u32), h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(date.0, date.1, date.2)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

fn event(uid: &str, summary: &str, timing: Timing) -> CalendarEvent {
    CalendarEvent {
        uid: uid.into(),
        sequence: 2,
        last_modified: Utc.with_ymd_and_hms(2019, 5, 20, 9, 30, 0).unwrap(),
        summary: summary.into(),
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

/// A forum with its programme, an exhibition, and single events in three zones; each event
/// with the instants (UTC) its local start and end mean.
fn calendar() -> (Calendar, Vec<(Value, Value)>) {
    let moscow = |date, (h, m)| Timing::Local {
        starts: at(date, h, m),
        ends: at(date, h + 1, m),
        zone: Europe::Moscow,
    };
    let forum_uid = "event-1@kolo.example.org";

    let mut forum = event(
        forum_uid,
        "Форум «Музеи, библиотеки; архивы»: цифровое наследие",
        Timing::Local {
            starts: at((2019, 6, 4), 10, 0),
            ends: at((2019, 6, 6), 18, 0),
            zone: Europe::Moscow,
        },
    );
    forum.language = Some("ru".into());
    forum.description = Some(
        "Первый день: пленарное заседание,\nвторой день — круглые столы; экскурсии.\r\n\
         Материалы: C:\\Форум\\2019, «Итоги».\n\n"
            .repeat(3),
    );
    forum.location = Some("Москва, ул. Волхонка, 12; Большой зал".into());
    forum.geo = Some((55.7473, 37.6051));
    forum.url = Some("https://kolo.example.org/events/forum-2019".into());
    forum.conference = vec![
        Conference {
            uri: "https://meet.example.org/forum-2019?room=1&lang=ru".into(),
            label: Some("Подключиться: зал 1, «Основной»".into()),
            features: vec![
                Feature::Audio,
                Feature::Video,
                Feature::Chat,
                Feature::Screen,
            ],
        },
        Conference {
            uri: "https://video.example.org/live/forum-2019".into(),
            label: Some("Трансляция".into()),
            features: vec![Feature::Feed],
        },
    ];
    forum.categories = vec!["Форум".into(), "Музеи, библиотеки".into()];
    forum.organizer = Some(Organizer {
        name: "Музей «Ақ Орда», Астана".into(),
        email: Some("forum@museum.example.kz".into()),
    });

    let mut plenary = event(
        "item-1-1@kolo.example.org",
        "Пленарлық отырыс: «Мұражай, кітапхана; мұрағат»\nүлкен зал",
        moscow((2019, 6, 4), (11, 0)),
    );
    plenary.language = Some("kk".into());
    plenary.related_to = Some(forum_uid.into());
    plenary.conference = vec![Conference {
        uri: "https://video.example.org/live/forum-2019/plenary".into(),
        label: None,
        features: vec![Feature::Feed],
    }];

    let mut round_table = event(
        "item-1-2@kolo.example.org",
        "Круглый стол; секция 2, «Оцифровка фондов»",
        moscow((2019, 6, 5), (14, 30)),
    );
    round_table.related_to = Some(forum_uid.into());

    let mut exhibition = event(
        "event-2@kolo.example.org",
        "Көрме: «Ұлы дала», 1–3 шілде",
        Timing::AllDay {
            first: NaiveDate::from_ymd_opt(2019, 7, 1).unwrap(),
            last: NaiveDate::from_ymd_opt(2019, 7, 3).unwrap(),
        },
    );
    exhibition.language = Some("kk".into());

    let mut cancelled = event(
        "event-3@kolo.example.org",
        "Лекція скасована: «Музеї, бібліотеки»; перенесено",
        Timing::Local {
            starts: at((2019, 7, 10), 18, 0),
            ends: at((2019, 7, 10), 19, 30),
            zone: Europe::Kyiv,
        },
    );
    cancelled.status = Status::Cancelled;
    cancelled.language = Some("uk".into());

    let winter = event(
        "event-4@kolo.example.org",
        "Семінар у грудні",
        Timing::Local {
            starts: at((2019, 12, 10), 10, 0),
            ends: at((2019, 12, 10), 13, 0),
            zone: Europe::Kyiv,
        },
    );

    let mut tentative = event(
        "event-5@kolo.example.org",
        "Дөңгелек үстел, Алматы",
        Timing::Local {
            starts: at((2019, 9, 12), 10, 0),
            ends: at((2019, 9, 12), 12, 0),
            zone: Asia::Almaty,
        },
    );
    tentative.status = Status::Tentative;

    let utc = |s: &str| json!({ "utc": s, "utc_by_vtimezone": s });
    let expected = vec![
        (utc("2019-06-04T07:00:00Z"), utc("2019-06-06T15:00:00Z")),
        (utc("2019-06-04T08:00:00Z"), utc("2019-06-04T09:00:00Z")),
        (utc("2019-06-05T11:30:00Z"), utc("2019-06-05T12:30:00Z")),
        (
            json!({ "date": "2019-07-01" }),
            json!({ "date": "2019-07-04" }),
        ),
        (utc("2019-07-10T15:00:00Z"), utc("2019-07-10T16:30:00Z")),
        (utc("2019-12-10T08:00:00Z"), utc("2019-12-10T11:00:00Z")),
        (utc("2019-09-12T04:00:00Z"), utc("2019-09-12T06:00:00Z")),
    ];
    let calendar = Calendar {
        name: "Kolo: события, іс-шаралар; події".into(),
        description: Some("Мероприятия музеев и библиотек".into()),
        url: Some("https://kolo.example.org/events".into()),
        events: vec![
            forum,
            plenary,
            round_table,
            exhibition,
            cancelled,
            winter,
            tentative,
        ],
    };
    (calendar, expected)
}

fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| v == "true")
}

/// The Python that `.ci/run` installs the requirements into, else the system's.
fn python() -> std::path::PathBuf {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/python");
    if venv.is_file() {
        venv
    } else {
        "python3".into()
    }
}

/// Python's reading of `ics`, or `None` (after `SKIPPED`) when Python or its `icalendar`
/// package is missing outside CI.
fn read_back(ics: &str) -> Option<Value> {
    let python = python();
    let missing = |why: String| {
        assert!(
            !in_ci(),
            "{why} (CI=true: install tests/python-requirements.txt, as .ci/run does)"
        );
        eprintln!("SKIPPED: {why} (pip install -r tests/python-requirements.txt)");
        None
    };
    let mut child = match Command::new(&python)
        .args(["-c", READ_BACK])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => return missing(format!("cannot run {}: {e}", python.display())),
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ics.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    if output.status.code() == Some(3) {
        return missing(format!(
            "Python's icalendar is not installed for {}",
            python.display()
        ));
    }
    assert!(
        output.status.success(),
        "Python's icalendar could not read the feed: {}\n{ics}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

#[test]
fn python_icalendar_reads_back_what_was_written() {
    let (calendar, expected) = calendar();
    let ics = write(&calendar);

    for line in ics.split_terminator("\r\n") {
        assert!(
            line.len() <= 75 && !line.contains(['\r', '\n']),
            "bad line: {line:?}"
        );
    }
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(ics.contains("REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n"));

    let Some(read) = read_back(&ics) else { return };
    assert_eq!(read["errors"], json!([]), "{ics}");
    assert_eq!(read["name"], calendar.name.as_str());
    assert_eq!(read["x_wr_calname"], calendar.name.as_str());
    assert_eq!(
        read["zones"],
        json!(["Asia/Almaty", "Europe/Kyiv", "Europe/Moscow"])
    );

    let events = read["events"].as_array().unwrap();
    assert_eq!(events.len(), calendar.events.len());
    for ((got, want), (start, end)) in events.iter().zip(&calendar.events).zip(&expected) {
        let context = format!("{}: {got:#}", want.uid);
        assert_eq!(got["uid"], want.uid.as_str(), "{context}");
        assert_eq!(got["summary"], want.summary.as_str(), "{context}");
        assert_eq!(got["language"], json!(want.language), "{context}");
        // Line breaks come back as LF, as TEXT only knows `\n`.
        let description = want.description.as_ref().map(|d| d.replace("\r\n", "\n"));
        assert_eq!(got["description"], json!(description), "{context}");
        assert_eq!(&got["start"], start, "{context}");
        assert_eq!(&got["end"], end, "{context}");
        let uris: Vec<_> = want.conference.iter().map(|c| c.uri.as_str()).collect();
        assert_eq!(got["conference"], json!(uris), "{context}");
        let labels: Vec<_> = want.conference.iter().map(|c| c.label.as_deref()).collect();
        assert_eq!(got["conference_labels"], json!(labels), "{context}");
        let status = match want.status {
            Status::Confirmed => "CONFIRMED",
            Status::Tentative => "TENTATIVE",
            Status::Cancelled => "CANCELLED",
        };
        assert_eq!(got["status"], status, "{context}");
        assert_eq!(
            got["related_to"],
            json!(want.related_to.as_slice()),
            "{context}"
        );
        assert_eq!(got["categories"], json!(want.categories), "{context}");
        let organizer = want.organizer.as_ref();
        let mailto = organizer
            .and_then(|o| o.email.as_ref())
            .map(|e| format!("mailto:{e}"));
        assert_eq!(got["organizer"], json!(mailto), "{context}");
        assert_eq!(
            got["organizer_cn"],
            json!(organizer.map(|o| &o.name)),
            "{context}"
        );
    }
}
