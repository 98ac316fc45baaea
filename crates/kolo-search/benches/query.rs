//! Search cost over a synthetic multilingual collection, without the database or the web
//! layer: `KOLO_BENCH_OBJECTS=100000 cargo bench -p kolo-search --bench query`. Measured in
//! CPU time of the process, so that runs on a shared machine compare, or in wall time
//! (`KOLO_BENCH_CLOCK=wall`): see [`Clock`].
//!
//! The index is built once (its build time is printed) in a temporary folder, or in
//! `KOLO_BENCH_INDEX=DIR`, which a later run of the same size reuses, from objects
//! like `kolo demo generate` writes: titles "type, material (place)" and descriptions in uk,
//! ru, kk (both scripts) and en, with their terms' labels in every language. Each query is
//! asked as the search page asks it: 20 hits with snippets, every facet, and the counts per
//! network and per region.

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, criterion_group, criterion_main};
use kolo_domain::{LocalizedText, UiLang};
use kolo_search::document::Group;
use kolo_search::index::Position;
use kolo_search::{InstitutionGroups, Kind, SearchDoc, SearchIndex, SearchRequest};
use std::sync::Arc;
use std::time::Instant;

const LANGS: [&str; 5] = ["uk", "ru", "kk-Cyrl", "kk-Latn", "en"];
type Words = [&'static str; 5];

const TYPES: &[Words] = &[
    ["Монета", "Монета", "Теңге", "Teñge", "Coin"],
    ["Брошка", "Брошь", "Төсбелгі", "Tösbelgı", "Brooch"],
    ["Глечик", "Кувшин", "Құмыра", "Qūmyra", "Jug"],
    ["Рушник", "Рушник", "Сүлгі", "Sülgı", "Ritual towel"],
    ["Сорочка", "Рубаха", "Көйлек", "Köilek", "Shirt"],
    ["Ікона", "Икона", "Икона", "Ikona", "Icon"],
    [
        "Фотографія",
        "Фотография",
        "Фотосурет",
        "Fotosuret",
        "Photograph",
    ],
    ["Лист", "Письмо", "Хат", "Hat", "Letter"],
    ["Книга", "Книга", "Кітап", "Kıtap", "Book"],
    ["Мапа", "Карта", "Карта", "Karta", "Map"],
    [
        "Наконечник стріли",
        "Наконечник стрелы",
        "Жебе",
        "Jebe",
        "Arrowhead",
    ],
    ["Меч", "Меч", "Қылыш", "Qylyş", "Sword"],
    ["Дзеркало", "Зеркало", "Айна", "Aina", "Mirror"],
    ["Сережка", "Серьга", "Сырға", "Syrğa", "Earring"],
    ["Чаша", "Чаша", "Тостаған", "Tostağan", "Bowl"],
    ["Костюм", "Костюм", "Киім", "Kiım", "Costume"],
];
const MATERIALS: &[Words] = &[
    ["срібло", "серебро", "күміс", "kümıs", "silver"],
    ["золото", "золото", "алтын", "altyn", "gold"],
    ["бронза", "бронза", "қола", "qola", "bronze"],
    ["залізо", "железо", "темір", "temır", "iron"],
    ["глина", "глина", "саз", "saz", "clay"],
    ["дерево", "дерево", "ағаш", "ağaş", "wood"],
    ["льон", "лён", "зығыр", "zyğyr", "linen"],
    ["вовна", "шерсть", "жүн", "jün", "wool"],
    ["шкіра", "кожа", "былғары", "bylğary", "leather"],
    ["папір", "бумага", "қағаз", "qağaz", "paper"],
];
const PLACES: &[Words] = &[
    ["Київ", "Киев", "Киев", "Kiev", "Kyiv"],
    ["Львів", "Львов", "Львов", "Lvov", "Lviv"],
    [
        "Новопсков",
        "Новопсков",
        "Новопсков",
        "Novopskov",
        "Novopskov",
    ],
    ["Харків", "Харьков", "Харьков", "Harkov", "Kharkiv"],
    ["Астана", "Астана", "Астана", "Astana", "Astana"],
    ["Алмати", "Алматы", "Алматы", "Almaty", "Almaty"],
    [
        "Өскемен",
        "Усть-Каменогорск",
        "Өскемен",
        "Öskemen",
        "Oskemen",
    ],
    [
        "Туркестан",
        "Туркестан",
        "Түркістан",
        "Türkıstan",
        "Turkistan",
    ],
];
const FOUND: Words = [
    "Знайдено поблизу: {}.",
    "Найдено вблизи: {}.",
    "Табылған жері: {}.",
    "Tabylğan jerı: {}.",
    "Found near {}.",
];
const ACQUIRED: Words = [
    "Надійшло до музею у {} році.",
    "Поступило в музей в {} году.",
    "Музейге {} жылы түсті.",
    "Muzeige {} jyly tüstı.",
    "Acquired by the museum in {}.",
];
const MUSEUMS: usize = 12;
/// Networks of four museums each, overlapping; regions of three museums.
const NETWORKS: [[usize; 4]; 3] = [[0, 1, 2, 3], [2, 3, 4, 5], [6, 7, 8, 9]];
const REGIONS: usize = 4;

/// A small deterministic mix (splitmix64): object `n` is always the same.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn pick<T>(list: &[T], seed: u64) -> &T {
    &list[(seed % list.len() as u64) as usize]
}

fn all_langs(words: impl Fn(usize) -> String) -> LocalizedText {
    LANGS
        .iter()
        .enumerate()
        .fold(LocalizedText::new(), |t, (i, l)| t.with(l, &words(i)))
}

fn museum(i: usize) -> String {
    format!("museum-{i:02}")
}

fn object(n: u64) -> SearchDoc {
    let r = mix(n);
    let (kind, material, place) = (
        pick(TYPES, r),
        pick(MATERIALS, r >> 8),
        pick(PLACES, r >> 16),
    );
    let year = 1950 + (r >> 24) % 75;
    let century = 15 + ((r >> 32) % 6) as i32;
    let institution = (n % MUSEUMS as u64) as usize;
    let date = chrono::DateTime::from_timestamp(1_600_000_000 + (n as i64) * 60, 0)
        .expect("a time")
        .naive_utc();
    SearchDoc {
        key: format!("object:{n}"),
        kind: Kind::Object,
        path: format!("/objects/{n}"),
        title: all_langs(|i| format!("{}, {} ({})", kind[i], material[i], place[i])),
        texts: vec![
            all_langs(|i| {
                format!(
                    "{} {}",
                    FOUND[i].replace("{}", place[i]),
                    ACQUIRED[i].replace("{}", &year.to_string())
                )
            }),
            all_langs(|i| kind[i].to_owned()),
            all_langs(|i| material[i].to_owned()),
            all_langs(|i| place[i].to_owned()),
        ],
        codes: vec![format!("SYN-{n:08}")],
        institutions: vec![museum(institution)],
        owners: vec![institution as i64 + 1],
        public: !r.is_multiple_of(10),
        period: Some(((century - 1) * 100 + 1, century * 100)),
        has_image: (r >> 40).is_multiple_of(2),
        date,
        ends: None,
    }
}

fn build(dir: &std::path::Path, count: u64) -> SearchIndex {
    let index = SearchIndex::open(dir).expect("an index");
    if index.len() == count {
        eprintln!(
            "bench: reusing the index of {count} objects in {}",
            dir.display()
        );
        return index;
    }
    index.clear().expect("cleared");
    let started = Instant::now();
    for n in 0..count {
        let group = Group {
            kind: "object",
            id: n as i64,
        };
        index.add(&group, &[object(n)]).expect("added");
        if (n + 1) % 100_000 == 0 {
            index.commit(&Position::default()).expect("committed");
        }
    }
    index.commit(&Position::default()).expect("committed");
    eprintln!(
        "bench: indexed {count} objects in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    index
}

/// Networks and regions as the web layer knows them: institution slugs each.
fn groups() -> Arc<InstitutionGroups> {
    let networks = NETWORKS.iter().enumerate().map(|(i, members)| {
        let members = members.iter().map(|m| museum(*m)).collect();
        (format!("network:{i}"), members)
    });
    let regions = (0..REGIONS).map(|region| {
        let members = (0..MUSEUMS)
            .filter(|m| m % REGIONS == region)
            .map(museum)
            .collect();
        (format!("region:UA-{region:02}"), members)
    });
    Arc::new(InstitutionGroups::new(networks.chain(regions)))
}

/// One search as the search page runs it.
fn ask(index: &SearchIndex, text: &str, prefix: bool, groups: &Arc<InstitutionGroups>) {
    let request = SearchRequest {
        text: text.to_owned(),
        page_lang: Some(UiLang::Uk),
        limit: 20,
        prefix_last: prefix,
        groups: groups.clone(),
        ..Default::default()
    };
    std::hint::black_box(index.search(&request).expect("searched"));
}

/// What a sample is timed with: `KOLO_BENCH_CLOCK=cpu` (the default) is the process's CPU
/// time, all search threads together: the work a search costs, which on a busy machine does
/// not count the time other processes had the cores. `wall` is the time a caller waits: its
/// latency, lower than the work when a search's segments run on both cores at once, and
/// meaningful only on a quiet machine.
#[derive(Clone, Copy)]
enum Clock {
    Cpu,
    Wall(Instant),
}

impl Clock {
    fn from_env() -> Clock {
        match std::env::var("KOLO_BENCH_CLOCK").as_deref() {
            Ok("wall") => Clock::Wall(Instant::now()),
            Ok("cpu") | Err(_) => Clock::Cpu,
            Ok(other) => panic!("KOLO_BENCH_CLOCK={other}: cpu or wall"),
        }
    }

    fn now_ns(&self) -> u64 {
        match self {
            Clock::Wall(started) => started.elapsed().as_nanos() as u64,
            Clock::Cpu => {
                let mut t = libc::timespec {
                    tv_sec: 0,
                    tv_nsec: 0,
                };
                // SAFETY: clock_gettime writes the timespec it is given and nothing else.
                let status = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) };
                assert_eq!(status, 0, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)");
                t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
            }
        }
    }
}

impl Measurement for Clock {
    type Intermediate = u64;
    type Value = u64;

    fn start(&self) -> u64 {
        self.now_ns()
    }
    fn end(&self, started: u64) -> u64 {
        self.now_ns() - started
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        // Nanoseconds, as wall time's are.
        static WALL: WallTime = WallTime;
        WALL.formatter()
    }
}

fn queries(c: &mut Criterion<Clock>) {
    let count = std::env::var("KOLO_BENCH_OBJECTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000u64);
    let temporary = tempfile::tempdir().expect("a folder");
    let dir = std::env::var_os("KOLO_BENCH_INDEX").map_or(temporary.path().to_owned(), Into::into);
    let index = build(&dir, count);
    let groups = groups();
    let sets: [(&str, bool, &[&str]); 6] = [
        (
            "one word",
            false,
            &["Монета", "серебро", "Kyiv", "Түркістан"],
        ),
        (
            "two words",
            false,
            &["Глечик глина", "silver coin", "Икона Львов", "қола айна"],
        ),
        // Words that occur together in a sixteenth of the records (a name of two words).
        (
            "two words together",
            false,
            &["Наконечник стрелы", "наконечник стріли", "Усть Каменогорск"],
        ),
        (
            "phrase",
            false,
            &["\"Брошка, срібло\"", "\"found near\"", "\"Рубаха, лён\""],
        ),
        ("prefix", true, &["моне", "Astan", "Кувш", "sil"]),
        ("typo", false, &["Монетта", "Харькв", "Photograf"]),
    ];
    let mut group = c.benchmark_group(format!("search {count}"));
    group.sample_size(20);
    for (name, prefix, texts) in sets {
        let mut next = texts.iter().cycle();
        group.bench_function(name, |b| {
            b.iter(|| ask(&index, next.next().expect("cycles"), prefix, &groups))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(Clock::from_env());
    targets = queries
}
criterion_main!(benches);
