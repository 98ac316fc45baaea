//! `kolo import objects` and `kolo import tate` against the demo site on SQLite and PostgreSQL:
//! formats, mapping files, datings read from text, all-or-nothing files, `--continue-on-error`,
//! `--dry-run`, re-imports and `--images`.

mod common;

use common::{Site, sites};
use kolo_domain::MuseumObject;
use kolo_store::repo::objects::{self, ObjectFilter};
use std::path::Path;

const MUSEUM: &str = "novopskov-museum";

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Every object of the institution, by inventory number.
fn objects_of(site: &Site, slug: &str) -> Vec<MuseumObject> {
    let store = site.store();
    let slug = slug.to_owned();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(store.read(move |c| {
        let id = kolo_store::repo::institutions::get_by_slug(c, &slug)?.id;
        let filter = ObjectFilter {
            institution_id: Some(id),
            ..Default::default()
        };
        let mut all = Vec::new();
        let mut after = None;
        loop {
            let page = objects::list(c, &filter, after, 500)?;
            all.extend(page.items.into_iter().map(|r| r.value));
            match page.next_after {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        all.sort_by(|a, b| a.inventory_number.as_str().cmp(b.inventory_number.as_str()));
        Ok(all)
    }))
    .unwrap()
}

fn import(site: &Site, file: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "import",
        "objects",
        file.to_str().unwrap(),
        "--institution",
        MUSEUM,
    ];
    args.extend_from_slice(extra);
    site.kolo(&args, "")
}

const MAPPING: &str = r#"
inventory_number = "Інв. №"
title.uk = "Назва"
title.ru = "Название"
title.kk = "Атауы"
dating.text.uk = "Датування"
materials.uk = "Матеріали"
"#;

const CSV: &str = "Інв. №,Назва,Название,Атауы,Датування,Матеріали\n\
    НМ-1,Рушник,Полотенце,Сүлгі,кін. ХІХ ст.,льон\n\
    НМ-2,Глечик,Кувшин,Құмыра,ранній залізний вік,глина\n";

#[test]
fn a_mapped_csv_imports_with_years_from_its_datings_and_reimports_as_updates() {
    for site in sites() {
        let dir = tempfile::tempdir().unwrap();
        let mapping = dir.path().join("map.toml");
        std::fs::write(&mapping, MAPPING).unwrap();
        let csv = dir.path().join("objects.csv");
        std::fs::write(&csv, CSV).unwrap();
        let before = objects_of(&site, MUSEUM).len();

        let dry = import(
            &site,
            &csv,
            &["--mapping", mapping.to_str().unwrap(), "--dry-run"],
        );
        assert!(dry.status.success(), "{}: {}", site.backend, text(&dry));
        assert!(text(&dry).contains("would be 2 created"), "{}", text(&dry));
        assert_eq!(objects_of(&site, MUSEUM).len(), before, "a dry run writes");

        let out = import(&site, &csv, &["--mapping", mapping.to_str().unwrap()]);
        assert!(out.status.success(), "{}: {}", site.backend, text(&out));
        assert!(
            text(&out).contains("2 created, 0 updated"),
            "{}",
            text(&out)
        );
        let all = objects_of(&site, MUSEUM);
        assert_eq!(all.len(), before + 2);
        let towel = all
            .iter()
            .find(|o| o.inventory_number.as_str() == "НМ-1")
            .unwrap();
        assert_eq!(towel.title.get("ru"), Some("Полотенце"));
        assert_eq!(towel.title.get("kk"), Some("Сүлгі"));
        let dating = towel.dating.as_ref().unwrap();
        assert_eq!((dating.earliest, dating.latest), (Some(1881), Some(1900)));
        let jug = all
            .iter()
            .find(|o| o.inventory_number.as_str() == "НМ-2")
            .unwrap();
        let dating = jug.dating.as_ref().unwrap();
        assert_eq!(
            (dating.earliest, dating.latest),
            (Some(-799), Some(-199)),
            "the period vocabulary's label gives the years"
        );

        std::fs::write(&csv, CSV.replace("Рушник", "Рушник вишитий")).unwrap();
        let again = import(&site, &csv, &["--mapping", mapping.to_str().unwrap()]);
        assert!(again.status.success(), "{}", text(&again));
        assert!(
            text(&again).contains("0 created, 1 updated, 1 unchanged"),
            "{}",
            text(&again)
        );
        let all = objects_of(&site, MUSEUM);
        assert_eq!(all.len(), before + 2, "re-import duplicates");
        assert!(
            all.iter()
                .any(|o| o.title.get("uk") == Some("Рушник вишитий"))
        );
    }
}

#[test]
fn json_lines_and_a_real_lido_file_import() {
    let Some(lido) = kolo_testkit::shared_file("datasets/lido/kenom-oai-lido-20.xml") else {
        return;
    };
    for site in sites() {
        let dir = tempfile::tempdir().unwrap();
        let jsonl = dir.path().join("objects.jsonl");
        std::fs::write(
            &jsonl,
            r#"{"inventory_number": "J-1", "title": {"en": "Golden Man", "kk": "Алтын адам"}, "dating": {"text": {"en": "800–300 BC"}}}
{"inventory_number": "J-2", "title": {"uk": "Друга"}}
"#,
        )
        .unwrap();
        let out = import(&site, &jsonl, &[]);
        assert!(out.status.success(), "{}: {}", site.backend, text(&out));
        let all = objects_of(&site, MUSEUM);
        let man = all
            .iter()
            .find(|o| o.inventory_number.as_str() == "J-1")
            .unwrap();
        assert_eq!(man.title.get("kk"), Some("Алтын адам"));
        let dating = man.dating.as_ref().unwrap();
        assert_eq!((dating.earliest, dating.latest), (Some(-799), Some(-299)));

        let before = all.len();
        let out = import(&site, &lido, &[]);
        assert!(out.status.success(), "{}: {}", site.backend, text(&out));
        assert!(text(&out).contains("20 created"), "{}", text(&out));
        assert_eq!(objects_of(&site, MUSEUM).len(), before + 20);
        let again = import(&site, &lido, &[]);
        assert!(
            text(&again).contains("0 created, 0 updated, 20 unchanged"),
            "{}",
            text(&again)
        );
    }
}

#[test]
fn a_bad_row_fails_the_file_unless_told_to_continue() {
    for site in sites() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("objects.csv");
        std::fs::write(
            &csv,
            "inventory_number,title.en,dating.earliest,dating.latest\n\
             B-1,First,1900,1901\n\
             B-2,Second,not a year,1905\n\
             B-3,Third,1910,1911\n",
        )
        .unwrap();
        let before = objects_of(&site, MUSEUM).len();

        let out = import(&site, &csv, &[]);
        assert!(!out.status.success(), "{}", text(&out));
        assert!(text(&out).contains("row 2 (line 3)"), "{}", text(&out));
        assert!(
            text(&out).contains("nothing was imported"),
            "{}",
            text(&out)
        );
        assert_eq!(objects_of(&site, MUSEUM).len(), before);

        let dry = import(&site, &csv, &["--dry-run"]);
        assert!(!dry.status.success());
        assert!(text(&dry).contains("row 2 (line 3)"), "{}", text(&dry));
        assert_eq!(objects_of(&site, MUSEUM).len(), before);

        let out = import(&site, &csv, &["--continue-on-error"]);
        assert!(!out.status.success(), "{}", text(&out));
        assert!(
            text(&out).contains("failed: row 2 (line 3)"),
            "{}",
            text(&out)
        );
        assert!(text(&out).contains("2 created"), "{}", text(&out));
        let numbers: Vec<String> = objects_of(&site, MUSEUM)
            .iter()
            .map(|o| o.inventory_number.as_str().to_owned())
            .filter(|n| n.starts_with("B-"))
            .collect();
        assert_eq!(numbers, ["B-1", "B-3"]);
    }
}

/// 2,500 rows, so more than two batches of the importer: row 1,800 names a material the
/// vocabulary lacks, row 2,400 repeats row 3's inventory number, row 2,450 has no year.
fn long_csv() -> String {
    let mut csv =
        String::from("inventory_number,title.en,dating.earliest,dating.latest,materials\n");
    for i in 1..=2500 {
        let number = if i == 2400 { 3 } else { i };
        let year = if i == 2450 {
            "soon".to_owned()
        } else {
            format!("{}", 1800 + i % 200)
        };
        let material = if i == 1800 { "no-such-material" } else { "" };
        csv.push_str(&format!(
            "L-{number:04},Object {i},{year},1999,{material}\n"
        ));
    }
    csv
}

#[test]
fn bad_rows_after_the_first_batches_fail_the_whole_file_and_are_each_reported() {
    for site in sites() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("long.csv");
        std::fs::write(&csv, long_csv()).unwrap();
        let before = objects_of(&site, MUSEUM).len();

        let out = import(&site, &csv, &[]);
        let said = text(&out);
        assert!(!out.status.success(), "{said}");
        assert!(said.contains("nothing was imported"), "{said}");
        assert!(
            said.contains(
                "failed: row 2400 (L-0003): inventory_number: the same as row 3 (L-0003)"
            ),
            "{said}"
        );
        assert!(said.contains("failed: row 2450 (line 2451)"), "{said}");
        assert!(
            said.contains("failed: row 1800 (L-1800)") && said.contains("unknown-term"),
            "{said}"
        );
        assert!(said.contains("3 row(s) failed"), "{said}");
        assert_eq!(objects_of(&site, MUSEUM).len(), before, "{}", site.backend);

        let out = import(&site, &csv, &["--continue-on-error"]);
        let said = text(&out);
        assert!(!out.status.success(), "{said}");
        assert!(said.contains("2497 created"), "{said}");
        assert!(said.contains("3 row(s) failed"), "{said}");
        let all = objects_of(&site, MUSEUM);
        assert_eq!(all.len(), before + 2497, "{}", site.backend);
        let third = all
            .iter()
            .find(|o| o.inventory_number.as_str() == "L-0003")
            .unwrap();
        assert_eq!(
            third.title.get("en"),
            Some("Object 3"),
            "the first occurrence wins"
        );
    }
}

#[test]
fn images_named_by_inventory_number_are_attached_once() {
    for site in sites() {
        let dir = tempfile::tempdir().unwrap();
        let images = dir.path().join("images");
        std::fs::create_dir(&images).unwrap();
        image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]))
            .save(images.join("P-1.png"))
            .unwrap();
        let csv = dir.path().join("objects.csv");
        std::fs::write(&csv, "inventory_number,title.en\nP-1,Pictured\nP-2,Plain\n").unwrap();
        let args = ["--images", images.to_str().unwrap()];
        let media_before = media_rows(&site);
        let dry = import(&site, &csv, &[&args[..], &["--dry-run"]].concat());
        assert!(dry.status.success(), "{}", text(&dry));
        assert!(text(&dry).contains("1 images attached"), "{}", text(&dry));
        assert_eq!(media_rows(&site), media_before, "a dry run stores an image");
        assert!(
            objects_of(&site, MUSEUM)
                .iter()
                .all(|o| o.inventory_number.as_str() != "P-1")
        );

        for run in 0..2 {
            let out = import(&site, &csv, &args);
            assert!(out.status.success(), "{}: {}", site.backend, text(&out));
            let attached = if run == 0 { 1 } else { 0 };
            assert!(
                text(&out).contains(&format!("{attached} images attached")),
                "run {run}: {}",
                text(&out)
            );
            let all = objects_of(&site, MUSEUM);
            let pictured = all
                .iter()
                .find(|o| o.inventory_number.as_str() == "P-1")
                .unwrap();
            assert_eq!(pictured.images.len(), 1, "run {run}");
            assert_eq!(media_rows(&site), media_before + 1, "run {run}");
            let id = pictured.images[0].media.clone();
            let tile = site.url(&format!("/iiif/3/{id}/full/max/0/default.jpg"));
            let res = common::client().get(&tile).send().unwrap();
            assert!(res.status().is_success(), "{tile}: {}", res.status());
        }
        // A row the store refuses undoes the file, and its stored image goes too.
        image::RgbImage::from_pixel(40, 30, image::Rgb([200, 10, 10]))
            .save(images.join("Q-1.png"))
            .unwrap();
        let bad = dir.path().join("bad.csv");
        std::fs::write(
            &bad,
            "inventory_number,title.en,materials\nQ-1,Red,no-such-material\n",
        )
        .unwrap();
        let files_before = files_under(&site.data.path().join("media"));
        let out = import(&site, &bad, &args);
        assert!(!out.status.success(), "{}", text(&out));
        assert!(text(&out).contains("unknown-term"), "{}", text(&out));
        assert_eq!(media_rows(&site), media_before + 1);
        assert_eq!(files_under(&site.data.path().join("media")), files_before);
        // Without --images a re-import keeps the image.
        let out = import(&site, &csv, &[]);
        assert!(out.status.success(), "{}", text(&out));
        let all = objects_of(&site, MUSEUM);
        assert!(
            all.iter()
                .any(|o| o.inventory_number.as_str() == "P-1" && o.images.len() == 1)
        );
    }
}

fn files_under(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .map(|p| if p.is_dir() { files_under(&p) } else { 1 })
                .sum()
        })
        .unwrap_or(0)
}

fn media_rows(site: &Site) -> i64 {
    let store = site.store();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(store.read(kolo_store::repo::media::count))
        .unwrap()
}

#[test]
fn the_first_tate_artworks_import() {
    let Some(tate) = kolo_testkit::shared_file("datasets/tate") else {
        return;
    };
    for site in sites() {
        let before = objects_of(&site, "victory-museum").len();
        let out = site.kolo(
            &[
                "import",
                "tate",
                tate.to_str().unwrap(),
                "--institution",
                "victory-museum",
                "--limit",
                "300",
            ],
            "",
        );
        assert!(out.status.success(), "{}: {}", site.backend, text(&out));
        assert!(text(&out).contains("300 created"), "{}", text(&out));
        assert_eq!(objects_of(&site, "victory-museum").len(), before + 300);
    }
}
