//! Hostile and broken input: the frab readers refuse it quickly, with a message that says what
//! is wrong and where (a line for XML, a field path and line for JSON).

use kolo_interop::frab::{FrabError, MAX_BYTES, read_json, read_xml};
use std::time::{Duration, Instant};

/// A small schedule that reads; tests break one thing in it.
const XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <version>1</version>
  <conference>
    <acronym>test</acronym>
    <title>Test</title>
  </conference>
  <day date="2025-05-01" start="2025-05-01T09:00:00+02:00" end="2025-05-01T20:00:00+02:00" index="1">
    <room name="Hall">
      <event guid="29aecfd7-2e44-4f49-ab86-29b5e0877325" id="1">
        <date>2025-05-01T10:00:00+02:00</date>
        <duration>00:30</duration>
        <title>Talk</title>
      </event>
    </room>
  </day>
</schedule>
"#;

const JSON: &str = r#"{
  "schedule": {
    "version": "1",
    "conference": {
      "acronym": "test",
      "title": "Test",
      "days": [
        {
          "index": 1,
          "date": "2025-05-01",
          "day_start": "2025-05-01T09:00:00+02:00",
          "day_end": "2025-05-01T20:00:00+02:00",
          "rooms": {
            "Hall": [
              {
                "id": 1,
                "date": "2025-05-01T10:00:00+02:00",
                "duration": "00:30",
                "title": "Talk"
              }
            ]
          }
        }
      ]
    }
  }
}"#;

#[test]
fn the_samples_read() {
    let from_xml = read_xml(XML.as_bytes()).unwrap();
    let from_json = read_json(JSON.as_bytes()).unwrap();
    assert_eq!(from_xml.days[0].rooms[0].events[0].title, "Talk");
    assert_eq!(from_json.days[0].rooms[0].events[0].title, "Talk");
}

fn timed<T>(f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = f();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "took {:?}",
        started.elapsed()
    );
    result
}

#[test]
fn an_xml_bomb_is_refused_at_once() {
    let mut bomb = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE schedule [\n");
    bomb.push_str("  <!ENTITY lol0 \"lol\">\n");
    for i in 1..10 {
        let previous = format!("&lol{};", i - 1).repeat(10);
        bomb.push_str(&format!("  <!ENTITY lol{i} \"{previous}\">\n"));
    }
    bomb.push_str("]>\n<schedule><version>&lol9;</version></schedule>\n");
    let e = timed(|| read_xml(bomb.as_bytes())).unwrap_err();
    assert!(e.message.contains("DOCTYPE declares entities"), "{e}");
    assert!(e.message.contains("XML bomb"), "{e}");
    assert_eq!(e.line, Some(2), "{e}");
}

#[test]
fn entities_are_never_expanded() {
    let xml = XML.replace("<title>Talk</title>", "<title>&secret;</title>");
    let e = read_xml(xml.as_bytes()).unwrap_err();
    assert!(e.message.contains("unknown entity &secret;"), "{e}");
    assert_eq!(e.line, Some(13), "{e}");
    // The predefined ones and character references are read.
    let xml = XML.replace("<title>Talk</title>", "<title>&lt;&#x41;&#66;&amp;</title>");
    let s = read_xml(xml.as_bytes()).unwrap();
    assert_eq!(s.days[0].rooms[0].events[0].title, "<AB&");
}

#[test]
fn input_over_the_limit_is_refused_before_parsing() {
    // Not even a well-formed start: only the size check can produce the message.
    let big = vec![b'<'; 21 * 1024 * 1024];
    assert!(big.len() > MAX_BYTES);
    for read in [read_xml, read_json] {
        let e: FrabError = timed(|| read(&big)).unwrap_err();
        assert!(e.message.contains("over the limit"), "{e}");
        assert_eq!((e.line, e.path.as_deref()), (None, None));
    }
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!("<schedule>{}", "<a>".repeat(10_000));
    let e = timed(|| read_xml(deep.as_bytes())).unwrap_err();
    assert!(e.message.contains("nested deeper than"), "{e}");
    let deep = format!(
        "{{\"schedule\":{{\"conference\":{{\"meta\":{{\"x\":{}",
        "[".repeat(10_000)
    );
    let e = timed(|| read_json(deep.as_bytes())).unwrap_err();
    assert!(e.message.contains("recursion limit"), "{e}");
}

#[test]
fn a_number_for_a_duration_names_the_field_and_line() {
    let json = JSON.replace("\"duration\": \"00:30\"", "\"duration\": 5");
    let e = read_json(json.as_bytes()).unwrap_err();
    assert_eq!(
        e.path.as_deref(),
        Some("schedule.conference.days[0].rooms.Hall[0].duration")
    );
    assert_eq!(e.line, Some(18));
    assert!(e.message.contains("invalid type: integer `5`"), "{e}");
    assert!(e.message.contains("HH:MM"), "{e}");
    assert_eq!(
        e.to_string(),
        format!(
            "line 18, column {}, at schedule.conference.days[0].rooms.Hall[0].duration: {}",
            e.column.unwrap(),
            e.message
        )
    );
}

#[test]
fn a_date_that_is_no_date_names_the_field_and_line() {
    let json = JSON.replace("\"2025-05-01T10:00:00+02:00\"", "\"next Tuesday\"");
    let e = read_json(json.as_bytes()).unwrap_err();
    assert_eq!(
        e.path.as_deref(),
        Some("schedule.conference.days[0].rooms.Hall[0].date")
    );
    assert_eq!(e.line, Some(17));
    assert!(
        e.message
            .contains("`next Tuesday` is not a date-time with offset"),
        "{e}"
    );

    let xml = XML.replace(
        "<date>2025-05-01T10:00:00+02:00</date>",
        "<date>2025-05-01T10:00</date>",
    );
    let e = read_xml(xml.as_bytes()).unwrap_err();
    assert_eq!(e.line, Some(11), "{e}");
    assert!(
        e.message
            .contains("<date>: `2025-05-01T10:00` is not a date-time with offset"),
        "{e}"
    );
}

#[test]
fn wrong_values_in_xml_name_the_line() {
    let xml = XML.replace(
        "<duration>00:30</duration>",
        "<duration>half an hour</duration>",
    );
    let e = read_xml(xml.as_bytes()).unwrap_err();
    assert_eq!(e.line, Some(12), "{e}");
    assert!(e.message.contains("not a duration HH:MM"), "{e}");
    let xml = XML.replace("id=\"1\"", "id=\"one\"");
    let e = read_xml(xml.as_bytes()).unwrap_err();
    assert_eq!(e.line, Some(10), "{e}");
    assert!(e.message.contains("`one` is not a positive number"), "{e}");
    let xml = XML.replace("<duration>00:30</duration>", "");
    let e = read_xml(xml.as_bytes()).unwrap_err();
    assert_eq!(
        (e.line, e.message.as_str()),
        (Some(10), "event 1 has no <duration>")
    );
}

#[test]
fn truncated_xml_names_the_line() {
    let cut = &XML[..XML.find("<title>Talk").unwrap()];
    let e = read_xml(cut.as_bytes()).unwrap_err();
    assert_eq!(e.line, Some(13), "{e}");
    assert!(e.message.contains("ends early"), "{e}");
    assert!(e.message.contains("<event> from line 10"), "{e}");
    // Cut inside a tag, or with a wrong end tag: quick-xml's own message, with the line.
    let cut = &XML[..XML.find("<title>Talk").unwrap() + 4];
    let e = read_xml(cut.as_bytes()).unwrap_err();
    assert_eq!(e.line, Some(13), "{e}");
    assert!(e.message.starts_with("malformed XML"), "{e}");
    let wrong = XML.replace("</room>", "</rom>");
    let e = read_xml(wrong.as_bytes()).unwrap_err();
    assert_eq!(e.line, Some(15), "{e}");
}

#[test]
fn truncated_json_names_the_line() {
    let cut = &JSON[..JSON.find("\"title\": \"Talk\"").unwrap()];
    let e = read_json(cut.as_bytes()).unwrap_err();
    assert_eq!(e.line, Some(19), "{e}");
    assert!(e.message.contains("EOF"), "{e}");
}

#[test]
fn numbers_as_strings_and_nulls_are_read() {
    let json = JSON
        .replace(
            "\"id\": 1",
            "\"id\": \"7\", \"persons\": null, \"links\": null, \"language\": null",
        )
        .replace("\"index\": 1", "\"index\": \"1\", \"daysCount\": 1");
    let s = read_json(json.as_bytes()).unwrap();
    let e = &s.days[0].rooms[0].events[0];
    assert_eq!((e.id, e.language.as_deref()), (7, None));
    // A missing guid is derived from the acronym and the id, the same every time.
    let again = read_json(json.as_bytes()).unwrap();
    assert_eq!(e.guid, again.days[0].rooms[0].events[0].guid);
    assert!(!e.guid.is_nil());
}

#[test]
fn what_the_schedule_needs_is_asked_for() {
    let json = JSON.replace("\"acronym\": \"test\",", "");
    let e = read_json(json.as_bytes()).unwrap_err();
    assert_eq!(e.path.as_deref(), Some("schedule.conference.acronym"));
    let json = JSON.replace("\"duration\": \"00:30\",", "");
    let e = read_json(json.as_bytes()).unwrap_err();
    assert_eq!(
        (e.path.as_deref(), e.message.as_str()),
        (
            Some("schedule.conference.days[0].rooms.Hall[0]"),
            "the event has no `duration`"
        )
    );
    let e = read_json(b"[1, 2]").unwrap_err();
    assert_eq!(e.line, Some(1));
    let e = read_xml(b"<program/>").unwrap_err();
    assert_eq!(e.message, "the root element is <program>, not <schedule>");
    let e = read_xml(b"\xff\xfe<schedule/>").unwrap_err();
    assert_eq!(
        (e.line, e.message.as_str()),
        (Some(1), "the file is not UTF-8")
    );
}
