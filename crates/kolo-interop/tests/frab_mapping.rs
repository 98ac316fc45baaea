//! The real schedules in shared/datasets/frab become Kolo events whose programmes pass Kolo's
//! checks, and come back out unchanged: import then export keeps every field the format has.
//! Changes made in Kolo show in the export, and the rest of the file stays as it was.

use kolo_domain::Event;
use kolo_domain::event::check_programme;
use kolo_domain::{LocalizedText, ProgrammeItem, Slug};
use kolo_interop::frab::{Event as FrabEvent, Schedule};
use kolo_interop::frab_mapping::{ExportUrls, Format, new_event, to_kolo, to_schedule};

use kolo_testkit::FRAB_DATASETS as FILES;

const URLS: ExportUrls<'static> = ExportUrls {
    site: "https://kolo.example.org",
    event_page: "https://kolo.example.org/events/conf",
    schedule: "https://kolo.example.org/events/conf/schedule.xml",
};

fn load(file: &str) -> Option<Vec<u8>> {
    let path = kolo_testkit::shared_file(&format!("datasets/frab/{file}"))?;
    Some(std::fs::read(path).unwrap())
}

/// What an import stores: the event, its items, and the file in its canonical form.
struct Imported {
    event: Event,
    items: Vec<ProgrammeItem>,
    version: String,
    source: String,
}

fn imported(bytes: &[u8]) -> (Imported, Format) {
    let format = Format::sniff(bytes);
    let schedule = format.read(bytes).unwrap();
    let event = new_event(
        &schedule,
        Slug::parse("slug", "conf").unwrap(),
        Slug::parse("host", "novopskov-museum").unwrap(),
        "en".parse().unwrap(),
    );
    let (event, items) = to_kolo(&schedule, &event);
    let imported = Imported {
        event,
        items,
        version: schedule.version.clone(),
        source: format.write(&schedule),
    };
    (imported, format)
}

fn export(imported: &Imported, items: &[ProgrammeItem], format: Format) -> Schedule {
    let source = format.read(imported.source.as_bytes()).unwrap();
    let out = to_schedule(
        &imported.event,
        items,
        &imported.version,
        Some(source),
        &URLS,
    );
    // Through the writer and reader, as a client would see it.
    format.read(format.write(&out).as_bytes()).unwrap()
}

fn events(s: &Schedule) -> impl Iterator<Item = &FrabEvent> {
    s.days.iter().flat_map(|d| &d.rooms).flat_map(|r| &r.events)
}

#[test]
fn every_file_imports_and_passes_kolos_checks() {
    for file in FILES {
        let Some(bytes) = load(file) else { return };
        let (imported, _) = imported(&bytes);
        let count = events(&Format::sniff(&bytes).read(&bytes).unwrap()).count();
        assert_eq!(imported.items.len(), count, "{file}");
        if let Err(e) = check_programme(&imported.event, &imported.items) {
            panic!("{file}: {e}");
        }
        imported.event.validate().unwrap();
        let halls = imported.event.venue.as_ref().unwrap().halls.len();
        assert!(halls > 0, "{file}: rooms become halls");
        assert!(
            imported.items.iter().all(|i| i.hall.is_some()),
            "{file}: every item has its hall"
        );
    }
}

#[test]
fn import_then_export_keeps_every_field() {
    for file in FILES {
        let Some(bytes) = load(file) else { return };
        let (imported, format) = imported(&bytes);
        let original = format.read(&bytes).unwrap();
        let canonical = format.read(format.write(&original).as_bytes()).unwrap();
        let back = export(&imported, &imported.items, format);
        assert_eq!(back.conference, canonical.conference, "{file}: conference");
        assert_eq!(back.days.len(), canonical.days.len(), "{file}: days");
        for (b, c) in back.days.iter().zip(&canonical.days) {
            assert_eq!(b, c, "{file}: day {}", c.date);
        }
        assert_eq!(back, canonical, "{file}");
    }
}

#[test]
fn kolos_changes_show_in_the_export_and_the_rest_stays() {
    let Some(bytes) = load("31c3-schedule.xml") else {
        return;
    };
    let (imported, format) = imported(&bytes);
    let original = format.read(&bytes).unwrap();
    let mut items = imported.items.clone();
    // Retitle one, move one an hour later, drop one, add one.
    items[0].title = LocalizedText::new().with("en", "Retitled in Kolo");
    items[1].starts_at += chrono::TimeDelta::hours(1);
    let dropped = items.remove(2).guid;
    let mut added = items[3].clone();
    added.guid = "kolo-added".into();
    added.title = LocalizedText::new().with("en", "Added in Kolo");
    items.push(added);

    let back = export(&imported, &items, format);
    let find = |s: &Schedule, guid: &str| events(s).find(|e| e.guid.to_string() == guid).cloned();
    let retitled = find(&back, &items[0].guid).unwrap();
    assert_eq!(retitled.title, "Retitled in Kolo");
    let before = find(&original, &items[0].guid).unwrap();
    assert_eq!(
        retitled.subtitle, before.subtitle,
        "what Kolo has no field for stays"
    );
    assert_eq!(retitled.persons, before.persons);
    let moved = find(&back, &items[1].guid).unwrap();
    let was = find(&original, &items[1].guid).unwrap();
    assert_eq!(moved.date, was.date + chrono::TimeDelta::hours(1));
    assert!(find(&back, &dropped).is_none());
    let added = events(&back).find(|e| e.title == "Added in Kolo").unwrap();
    assert_eq!(added.room, events(&original).nth(4).unwrap().room);
    assert_eq!(events(&back).count(), events(&original).count());
}
