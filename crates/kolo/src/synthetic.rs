//! A large synthetic multilingual collection for benchmarks (`kolo demo generate --objects N`).
//!
//! Object `n` is a pure function of `n`, so a run can stop and resume anywhere and two runs of the
//! same size give the same records. Words are real uk/ru/kk (both scripts)/en catalogue words,
//! combined so that search and facets see a realistic spread of terms, periods and places.

use indicatif::{ProgressBar, ProgressStyle};
use kolo_domain::collection::{
    Dating, Dimension, DimensionKind, InventoryNumber, ObjectEvent, ObjectEventKind, Unit,
};
use kolo_domain::vocabulary::{Coordinates, Term, VocabularyKind};
use kolo_domain::{
    Collection, InstitutionKind, LocalizedText, MuseumObject, PublicationState, Rights, Slug,
};
use kolo_interop::bundle::Bundle;
use kolo_store::repo::objects::{self, OnError};
use kolo_store::repo::{collections as collection_repo, institutions, vocabularies};
use kolo_store::{Store, StoreError};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

/// Objects written per transaction: each chunk lands whole or not at all, which is what makes
/// an interrupted run resumable.
pub const CHUNK: u64 = 10_000;

/// What a run did.
pub struct Generated {
    pub written: u64,
    pub skipped: u64,
}

/// Writes synthetic objects `0..count` spread over the museums of `demo` (already imported),
/// with their vocabularies and collections. A chunk whose last object exists is skipped, so a
/// run that was stopped picks up where it left off.
pub async fn generate(
    store: &Store,
    demo: &Bundle,
    count: u64,
    progress: ProgressBar,
) -> anyhow::Result<Generated> {
    let museums: Vec<Slug> = demo
        .institutions
        .iter()
        .map(|e| &e.institution)
        .filter(|i| i.kind == InstitutionKind::Museum)
        .map(|i| i.slug.clone())
        .collect();
    anyhow::ensure!(
        !museums.is_empty(),
        "the demo has no museums to hold the objects"
    );
    let (terms, collections) = (terms(), collections(&museums));
    store
        .write(move |c| {
            for term in &terms {
                vocabularies::save(c, None, term)?;
            }
            for collection in &collections {
                collection_repo::save(c, None, collection)?;
            }
            Ok(())
        })
        .await?;
    progress.set_length(count);
    progress.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} ({per_sec}, {eta})")
            .expect("literal template")
            .progress_chars("=> "),
    );
    progress.set_message("generating");
    let mut done = Generated {
        written: 0,
        skipped: 0,
    };
    for start in (0..count).step_by(CHUNK as usize) {
        let end = (start + CHUNK).min(count);
        let last = object(end - 1, &museums);
        let present = store
            .read(move |c| {
                let institution = institutions::get_by_slug(c, last.institution.as_str())?.id;
                objects::find(c, institution, last.inventory_number.as_str())
            })
            .await?
            .is_some();
        if present {
            done.skipped += end - start;
        } else {
            let batch: Vec<MuseumObject> = (start..end).map(|n| object(n, &museums)).collect();
            let outcome = store
                .write(move |c| objects::upsert_batch(c, None, &batch, &[], OnError::WriteNothing))
                .await?;
            if let Some((row, errors)) = outcome.failed.first() {
                let error = anyhow::Error::from(StoreError::Invalid(errors.clone()));
                return Err(error.context(format!("synthetic object {}", start + *row as u64)));
            }
            done.written += end - start;
        }
        progress.set_position(end);
    }
    progress.finish_and_clear();
    Ok(done)
}

/// Labels in uk, ru, kk-Cyrl, kk-Latn, en.
type Labels = [&'static str; 5];
const LANGS: [&str; 5] = ["uk", "ru", "kk-Cyrl", "kk-Latn", "en"];

const OBJECT_TYPES: &[(&str, Labels)] = &[
    ("coin", ["Монета", "Монета", "Теңге", "Teñge", "Coin"]),
    (
        "brooch",
        ["Брошка", "Брошь", "Төсбелгі", "Tösbelgı", "Brooch"],
    ),
    ("jug", ["Глечик", "Кувшин", "Құмыра", "Qūmyra", "Jug"]),
    (
        "ritual-towel",
        ["Рушник", "Рушник", "Сүлгі", "Sülgı", "Ritual towel"],
    ),
    ("shirt", ["Сорочка", "Рубаха", "Көйлек", "Köilek", "Shirt"]),
    ("icon", ["Ікона", "Икона", "Икона", "Ikona", "Icon"]),
    (
        "photograph",
        [
            "Фотографія",
            "Фотография",
            "Фотосурет",
            "Fotosuret",
            "Photograph",
        ],
    ),
    ("letter", ["Лист", "Письмо", "Хат", "Hat", "Letter"]),
    ("book", ["Книга", "Книга", "Кітап", "Kıtap", "Book"]),
    ("map", ["Мапа", "Карта", "Карта", "Karta", "Map"]),
    ("sword", ["Меч", "Меч", "Семсер", "Semser", "Sword"]),
    (
        "arrowhead",
        [
            "Вістря стріли",
            "Наконечник стрелы",
            "Жебе",
            "Jebe",
            "Arrowhead",
        ],
    ),
    ("mirror", ["Дзеркало", "Зеркало", "Айна", "Aina", "Mirror"]),
    ("carpet", ["Килим", "Ковёр", "Кілем", "Kılem", "Carpet"]),
    (
        "saddle",
        ["Сідло", "Седло", "Ер-тоқым", "Er-toqym", "Saddle"],
    ),
    (
        "dombra",
        ["Домбра", "Домбра", "Домбыра", "Dombyra", "Dombra"],
    ),
    (
        "painting",
        ["Картина", "Картина", "Кескіндеме", "Keskındeme", "Painting"],
    ),
    (
        "earring",
        ["Сережка", "Серьга", "Сырға", "Syrğa", "Earring"],
    ),
    ("bowl", ["Чаша", "Чаша", "Тостаған", "Tostağan", "Bowl"]),
    ("costume", ["Костюм", "Костюм", "Киім", "Kiım", "Costume"]),
];

const MATERIALS: &[(&str, Labels)] = &[
    ("silver", ["срібло", "серебро", "күміс", "kümıs", "silver"]),
    ("gold", ["золото", "золото", "алтын", "altyn", "gold"]),
    ("bronze", ["бронза", "бронза", "қола", "qola", "bronze"]),
    ("iron", ["залізо", "железо", "темір", "temır", "iron"]),
    ("clay", ["глина", "глина", "саз", "saz", "clay"]),
    ("wood", ["дерево", "дерево", "ағаш", "ağaş", "wood"]),
    ("linen", ["льон", "лён", "зығыр", "zyğyr", "linen"]),
    ("wool", ["вовна", "шерсть", "жүн", "jün", "wool"]),
    (
        "leather",
        ["шкіра", "кожа", "былғары", "bylğary", "leather"],
    ),
    ("paper", ["папір", "бумага", "қағаз", "qağaz", "paper"]),
    ("glass", ["скло", "стекло", "шыны", "şyny", "glass"]),
    ("felt", ["повсть", "войлок", "киіз", "kiız", "felt"]),
];

const PLACES: &[(&str, Labels, f64, f64)] = &[
    (
        "kyiv",
        ["Київ", "Киев", "Киев", "Kiev", "Kyiv"],
        50.45,
        30.52,
    ),
    (
        "lviv",
        ["Львів", "Львов", "Львов", "Lvov", "Lviv"],
        49.84,
        24.03,
    ),
    (
        "novopskov",
        [
            "Новопсков",
            "Новопсков",
            "Новопсков",
            "Novopskov",
            "Novopskov",
        ],
        49.55,
        39.09,
    ),
    (
        "kharkiv",
        ["Харків", "Харьков", "Харьков", "Harkov", "Kharkiv"],
        49.99,
        36.23,
    ),
    (
        "astana",
        ["Астана", "Астана", "Астана", "Astana", "Astana"],
        51.17,
        71.45,
    ),
    (
        "almaty",
        ["Алмати", "Алматы", "Алматы", "Almaty", "Almaty"],
        43.24,
        76.89,
    ),
    (
        "oskemen",
        [
            "Усть-Каменогорськ",
            "Усть-Каменогорск",
            "Өскемен",
            "Öskemen",
            "Oskemen",
        ],
        49.95,
        82.61,
    ),
    (
        "katonkaragay",
        [
            "Катон-Карагай",
            "Катон-Карагай",
            "Катонқарағай",
            "Katonqarağai",
            "Katonkaragay",
        ],
        49.17,
        85.61,
    ),
    (
        "turkistan",
        [
            "Туркестан",
            "Туркестан",
            "Түркістан",
            "Türkıstan",
            "Turkistan",
        ],
        43.30,
        68.25,
    ),
    (
        "issyk",
        ["Есік", "Иссык", "Есік", "Esık", "Issyk"],
        43.36,
        77.45,
    ),
    (
        "berel",
        ["Берель", "Берель", "Берел", "Berel", "Berel"],
        49.38,
        86.43,
    ),
    (
        "pskov",
        ["Псков", "Псков", "Псков", "Pskov", "Pskov"],
        57.82,
        28.33,
    ),
    (
        "ryazan",
        ["Рязань", "Рязань", "Рязань", "Riazan", "Ryazan"],
        54.63,
        39.74,
    ),
    (
        "moscow",
        ["Москва", "Москва", "Мәскеу", "Mäskeu", "Moscow"],
        55.76,
        37.62,
    ),
    (
        "saint-petersburg",
        [
            "Санкт-Петербург",
            "Санкт-Петербург",
            "Санкт-Петербург",
            "Sankt-Peterbor",
            "Saint Petersburg",
        ],
        59.94,
        30.31,
    ),
];

/// Archaeological periods, with their years (astronomical numbering).
const PERIODS: &[(&str, Labels, i32, i32)] = &[
    (
        "bronze-age",
        [
            "бронзова доба",
            "бронзовый век",
            "қола дәуірі",
            "qola däuırı",
            "Bronze Age",
        ],
        -2999,
        -800,
    ),
    (
        "early-iron-age",
        [
            "ранній залізний вік",
            "ранний железный век",
            "ерте темір дәуірі",
            "erte temır däuırı",
            "Early Iron Age",
        ],
        -799,
        -299,
    ),
    (
        "middle-ages",
        [
            "середньовіччя",
            "средневековье",
            "орта ғасырлар",
            "orta ğasyrlar",
            "Middle Ages",
        ],
        500,
        1499,
    ),
];

const COLLECTIONS: &[(&str, Labels)] = &[
    (
        "archaeology",
        [
            "Археологія",
            "Археология",
            "Археология",
            "Arheologiia",
            "Archaeology",
        ],
    ),
    (
        "ethnography",
        [
            "Етнографія",
            "Этнография",
            "Этнография",
            "Etnografiia",
            "Ethnography",
        ],
    ),
    (
        "documents",
        [
            "Документи і фотографії",
            "Документы и фотографии",
            "Құжаттар мен фотосуреттер",
            "Qūjattar men fotosuretter",
            "Documents and photographs",
        ],
    ),
];

/// "Acquired in {year}", "Found near {place}", with the words for each language.
const ACQUIRED: Labels = [
    "Надійшло до музею у {year} році.",
    "Поступило в музей в {year} году.",
    "Музейге {year} жылы түсті.",
    "Muzeige {year} jyly tüstı.",
    "Acquired by the museum in {year}.",
];
const FOUND: Labels = [
    "Знайдено поблизу: {place}.",
    "Найдено вблизи: {place}.",
    "Табылған жері: {place}.",
    "Tabylğan jerı: {place}.",
    "Found near {place}.",
];
const CENTURY: Labels = [
    "{roman} ст.",
    "{roman} век",
    "{roman} ғасыр",
    "{roman} ğasyr",
    "{nth} century",
];

fn labels(words: &Labels) -> LocalizedText {
    let mut text = LocalizedText::new();
    for (lang, word) in LANGS.iter().zip(words) {
        text = text.with(lang, word);
    }
    text
}

fn slug(key: &str) -> Slug {
    Slug::parse("key", key).expect("keys in the tables are slugs")
}

/// The vocabularies every synthetic object draws on.
pub fn terms() -> Vec<Term> {
    let term = |kind, key: &str, words: &Labels| Term {
        kind,
        key: slug(key),
        label: labels(words),
        alt_labels: vec![],
        note: LocalizedText::new(),
        links: vec![],
        broader: None,
        coordinates: None,
        years: None,
    };
    let mut terms: Vec<Term> = Vec::new();
    terms.extend(
        OBJECT_TYPES
            .iter()
            .map(|(k, w)| term(VocabularyKind::ObjectType, k, w)),
    );
    terms.extend(
        MATERIALS
            .iter()
            .map(|(k, w)| term(VocabularyKind::Material, k, w)),
    );
    terms.extend(PLACES.iter().map(|(k, w, lat, lon)| Term {
        coordinates: Some(Coordinates {
            lat: *lat,
            lon: *lon,
        }),
        ..term(VocabularyKind::Place, k, w)
    }));
    terms.extend(PERIODS.iter().map(|(k, w, from, to)| Term {
        years: Some((*from, *to)),
        ..term(VocabularyKind::Period, k, w)
    }));
    terms
}

/// Each institution's collections.
pub fn collections(institutions: &[Slug]) -> Vec<Collection> {
    institutions
        .iter()
        .flat_map(|institution| {
            COLLECTIONS.iter().map(|(key, words)| Collection {
                institution: institution.clone(),
                key: slug(key),
                parent: None,
                title: labels(words),
                description: LocalizedText::new(),
            })
        })
        .collect()
}

/// The inventory number of synthetic object `n`: recognisable, and sorted like `n`.
pub fn inventory_number(n: u64) -> InventoryNumber {
    InventoryNumber::parse("inventory_number", &format!("SYN-{n:08}")).expect("a valid number")
}

fn roman(mut n: u32) -> String {
    const DIGITS: [(u32, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .fold(template.to_owned(), |text, (key, value)| {
            text.replace(&format!("{{{key}}}"), value)
        })
}

/// Synthetic object `n` of an institution chosen from `institutions` (never empty).
pub fn object(n: u64, institutions: &[Slug]) -> MuseumObject {
    let mut rng = SmallRng::seed_from_u64(n);
    let institution = institutions[(n % institutions.len() as u64) as usize].clone();
    let (type_key, type_words) = OBJECT_TYPES[rng.random_range(0..OBJECT_TYPES.len())];
    let (material_key, material_words) = MATERIALS[rng.random_range(0..MATERIALS.len())];
    let (place_key, place_words, ..) = PLACES[rng.random_range(0..PLACES.len())];
    let archaeological = matches!(
        type_key,
        "coin" | "arrowhead" | "sword" | "mirror" | "earring" | "bowl"
    ) && rng.random_bool(0.6);
    let (collection, dating) = if archaeological {
        let (period_key, period_words, from, to) = PERIODS[rng.random_range(0..PERIODS.len())];
        let dating = Dating {
            text: labels(&period_words),
            earliest: Some(from),
            latest: Some(to),
            period: Some(slug(period_key)),
        };
        ("archaeology", dating)
    } else {
        let century: u32 = rng.random_range(15..=20);
        let (roman, nth) = (roman(century), format!("{century}th"));
        let mut text = LocalizedText::new();
        for (lang, template) in LANGS.iter().zip(CENTURY) {
            text = text.with(lang, &fill(template, &[("roman", &roman), ("nth", &nth)]));
        }
        let start = (century as i32 - 1) * 100 + 1;
        let dating = Dating {
            text,
            earliest: Some(start),
            latest: Some(start + 99),
            period: None,
        };
        let collection = if matches!(type_key, "photograph" | "letter" | "book" | "map") {
            "documents"
        } else {
            "ethnography"
        };
        (collection, dating)
    };
    let year = rng.random_range(1950..=2024).to_string();
    let mut title = LocalizedText::new();
    let mut description = LocalizedText::new();
    for (i, lang) in LANGS.iter().enumerate() {
        title = title.with(
            lang,
            &format!(
                "{}, {} ({})",
                type_words[i], material_words[i], place_words[i]
            ),
        );
        let sentences = [
            fill(FOUND[i], &[("place", place_words[i])]),
            fill(ACQUIRED[i], &[("year", &year)]),
        ];
        description = description.with(lang, &sentences.join(" "));
    }
    let rights = if rng.random_bool(0.7) {
        "http://creativecommons.org/licenses/by-sa/4.0/"
    } else {
        "http://rightsstatements.org/vocab/InC/1.0/"
    };
    MuseumObject {
        institution,
        inventory_number: inventory_number(n),
        collection: Some(slug(collection)),
        object_type: Some(slug(type_key)),
        object_type_text: LocalizedText::new(),
        title,
        description,
        inscription: LocalizedText::new(),
        dating: Some(dating.clone()),
        materials: vec![slug(material_key)],
        techniques: vec![],
        materials_text: LocalizedText::new(),
        dimensions: vec![Dimension {
            kind: DimensionKind::Height,
            value: f64::from(rng.random_range(10..=900u32)) / 10.0,
            unit: Unit::Cm,
            part: LocalizedText::new(),
        }],
        dimensions_text: LocalizedText::new(),
        cultures: vec![],
        events: vec![ObjectEvent {
            kind: if archaeological {
                ObjectEventKind::Find
            } else {
                ObjectEventKind::Production
            },
            actors: vec![],
            actors_text: LocalizedText::new(),
            place: Some(slug(place_key)),
            place_text: LocalizedText::new(),
            dating: Some(dating),
            note: LocalizedText::new(),
        }],
        provenance: LocalizedText::new(),
        credit_line: LocalizedText::new(),
        rights: Some(Rights::parse("rights", rights).expect("a known statement")),
        images: vec![],
        links: vec![],
        // One in twenty stays a draft, so drafts are part of every measurement.
        state: if n % 20 == 7 {
            PublicationState::Draft
        } else {
            PublicationState::Published
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_are_valid_repeatable_and_use_only_known_terms() {
        let institutions = [slug("a-museum"), slug("b-museum")];
        let terms = terms();
        for term in &terms {
            term.validate().unwrap();
        }
        for collection in collections(&institutions) {
            collection.validate().unwrap();
        }
        for n in 0..2_000 {
            let object = object(n, &institutions);
            object
                .validate()
                .unwrap_or_else(|e| panic!("object {n}: {e}"));
            for (kind, key) in object.terms() {
                assert!(
                    terms.iter().any(|t| t.kind == kind && &t.key == key),
                    "{n}: {key}"
                );
            }
            assert_eq!(object, super::object(n, &institutions));
        }
        let first = object(0, &institutions);
        assert_eq!(first.inventory_number.as_str(), "SYN-00000000");
        assert_eq!(object(1, &institutions).institution.as_str(), "b-museum");
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(19), "XIX");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(20), "XX");
    }
}
