//! The fast paths of [`SearchIndex::search`] (facet signatures, public matches kept by the
//! collectors, unscored bit-set matching, block-max WAND over the terms each segment holds,
//! within the counted matches or not, candidates scored clause by clause)
//! against the plain evaluation they replace: one scored tantivy query with every clause,
//! counted and ranked in one pass. Totals, counts and the page's scores must agree.

use super::*;
use crate::document::{Group, SearchDoc};
use crate::index::Position;
use tantivy::collector::Count;
use tantivy::query::ConstScoreQuery;

const WORDS: [(&str, &str, &str); 6] = [
    ("Монета", "Монета", "Coin"),
    ("Глечик", "Кувшин", "Jug"),
    ("срібло", "серебро", "silver"),
    ("глина", "глина", "clay"),
    ("Київ", "Киев", "Kyiv"),
    ("Львів", "Львов", "Lviv"),
];

fn doc(n: usize) -> SearchDoc {
    let (a, b, c) = (WORDS[n % 2], WORDS[2 + n / 2 % 2], WORDS[4 + n / 4 % 2]);
    let title = LocalizedText::new()
        .with("uk", &format!("{}, {} ({})", a.0, b.0, c.0))
        .with("ru", &format!("{}, {} ({})", a.1, b.1, c.1))
        .with("en", &format!("{} of {}, {}", a.2, b.2, c.2));
    let body = LocalizedText::new()
        .with("uk", &format!("Знайдено поблизу: {}. Запис {n}.", c.0))
        .with("en", &format!("Found near {}, record {n}.", c.2));
    SearchDoc {
        key: format!("object:{n}"),
        kind: if n.is_multiple_of(7) {
            Kind::Story
        } else {
            Kind::Object
        },
        path: format!("/objects/{n}"),
        title,
        texts: vec![body],
        codes: vec![format!("INV-{n}")],
        institutions: vec![format!("museum-{}", n % 3)],
        owners: vec![(n % 3) as i64 + 1],
        public: !n.is_multiple_of(5),
        period: None,
        has_image: n.is_multiple_of(2),
        date: chrono::DateTime::from_timestamp(1_600_000_000 + n as i64 * 60, 0)
            .expect("a time")
            .naive_utc(),
        ends: None,
    }
}

fn index(dir: &std::path::Path) -> SearchIndex {
    let index = SearchIndex::open(dir).expect("an index");
    for n in 0..240 {
        // Several commits: several segments, each with its own signatures.
        let group = Group {
            kind: "object",
            id: n as i64,
        };
        index.add(&group, &[doc(n)]).expect("added");
        if n % 80 == 79 {
            index.commit(&Position::default()).expect("committed");
        }
    }
    // A deleted document must be neither counted nor ranked.
    index
        .replace(
            &Group {
                kind: "object",
                id: 3,
            },
            &[],
        )
        .expect("deleted");
    index.commit(&Position::default()).expect("committed");
    index
}

/// The plain query: every word's scored union, the filters and the visibility, all required.
fn plain_query(index: &SearchIndex, r: &SearchRequest) -> BooleanQuery {
    let (parts, _) = parse(&r.text, r.prefix_last);
    // A word matches where any of its clauses does; a phrase where tantivy's phrase
    // queries match, scored by its words' clauses.
    let union = |p: &Part| -> Box<dyn Query> {
        let part = index.part_query(p).expect("a part");
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = part
            .clauses
            .into_iter()
            .map(|q| (Occur::Should, q))
            .collect();
        let text = match p {
            Part::Word { text, .. } | Part::Phrase(text) => text,
        };
        if Analyzer::Neutral.terms(text).len() > 1 {
            let holding = TermSetQuery::new(
                holding_phrase(index, text)
                    .iter()
                    .map(|key| Term::from_field_text(index.fields.key, key)),
            );
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(holding), 0.0)),
            ));
        }
        Box::new(BooleanQuery::new(clauses))
    };
    let (phrases, words): (Vec<&Part>, Vec<&Part>) =
        parts.iter().partition(|p| matches!(p, Part::Phrase(_)));
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        phrases.iter().map(|p| (Occur::Must, union(p))).collect();
    let words: Vec<Box<dyn Query>> = words.iter().map(|p| union(p)).collect();
    if words.len() >= 3 {
        let required = words.len() - words.len() / 3;
        clauses.push((
            Occur::Must,
            Box::new(BooleanQuery::union_with_minimum_required_clauses(
                words, required,
            )),
        ));
    } else {
        clauses.extend(words.into_iter().map(|w| (Occur::Must, w)));
    }
    // Filters only narrow: they add nothing to a score.
    let unscored = |q: Box<dyn Query>| -> (Occur, Box<dyn Query>) {
        (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
    };
    clauses.extend(index.filters(r).into_iter().map(|(_, q)| unscored(q)));
    clauses.extend(index.visibility(&r.audience).map(unscored));
    BooleanQuery::new(clauses)
}

/// The keys of the documents where the words of `text` follow one another in one value of one
/// text field, each read with its field's analyser: what a phrase must match, found without
/// the index.
fn holding_phrase(index: &SearchIndex, text: &str) -> Vec<String> {
    let f = &index.fields;
    let fields: Vec<_> = std::iter::once(f.all)
        .chain(f.title)
        .chain(f.body)
        .collect();
    let mut keys = Vec::new();
    for n in (0..240).filter(|&n| n != 3) {
        let group = Group {
            kind: "object",
            id: n as i64,
        };
        let entry = doc(n);
        let indexed = index.to_tantivy(&group, &entry);
        let holds = indexed.field_values().any(|(field, value)| {
            let (Some(text_field), Some(value)) =
                (fields.iter().find(|t| t.words == field), value.as_str())
            else {
                return false;
            };
            let phrase = text_field.analyzer.terms(text);
            let words = text_field.analyzer.terms(value);
            words.windows(phrase.len()).any(|w| w == phrase.as_slice())
        });
        if holds {
            keys.push(entry.key);
        }
    }
    keys
}

fn key_of(index: &SearchIndex, searcher: &tantivy::Searcher, address: DocAddress) -> String {
    let doc: TantivyDocument = searcher.doc(address).expect("a stored document");
    let key = doc.get_first(index.fields.key).and_then(|v| v.as_str());
    key.expect("a key").to_owned()
}

#[test]
fn fast_paths_agree_with_the_plain_evaluation() {
    let dir = tempfile::tempdir().expect("a folder");
    let mut index = index(dir.path());
    let searcher = index.reader.searcher();
    let museum = |i: usize| vec![format!("museum-{i}")];
    let cases: Vec<SearchRequest> = [
        ("Монета", Audience::Public),
        ("серебро Киев", Audience::Public),
        ("Coin silver Kyiv", Audience::Public),
        ("\"Глечик, глина\"", Audience::Public),
        ("Lviv \"Jug of clay\"", Audience::Public),
        // Words the analysers split: matched as the phrases they are.
        ("Coin-of-silver", Audience::Public),
        ("of-clay Київ", Audience::Public),
        ("Монетта", Audience::Public),
        ("Монета", Audience::Staff(vec![1])),
        ("clay Lviv", Audience::Everyone),
        // A prefix among the words: the matches are scored one by one, not pruned.
        ("Kyiv моне*", Audience::Public),
    ]
    .into_iter()
    .map(|(text, audience)| SearchRequest {
        text: text.to_owned(),
        audience,
        limit: 7,
        ..Default::default()
    })
    .chain([
        SearchRequest {
            text: "моне".to_owned(),
            prefix_last: true,
            limit: 7,
            ..Default::default()
        },
        SearchRequest {
            text: "Coin".to_owned(),
            kinds: vec![Kind::Object],
            institutions: vec![museum(1)],
            has_image: true,
            offset: 3,
            limit: 7,
            ..Default::default()
        },
    ])
    .collect();
    // The index is small: first every match of several words is scored one by one, then
    // they are all ranked by pruning.
    for (r, score_each_below) in cases.iter().flat_map(|r| [(r, u64::MAX), (r, 0)]) {
        index.score_each_below = score_each_below;
        let got = index.search(r).expect("searched");
        let plain = plain_query(&index, r);
        let top = TopDocs::with_limit(r.limit).and_offset(r.offset);
        let (best, total) = searcher.search(&plain, &(top, Count)).expect("searched");
        assert!(
            total > r.limit,
            "{:?}: too few matches ({total}) to test ranking",
            r.text
        );
        assert_eq!(got.total, total, "{:?}: total", r.text);
        let counted: u64 = got.facets.institution.values().sum();
        assert_eq!(counted, total as u64, "{:?}: institution counts", r.text);
        assert_eq!(got.hits.len(), best.len(), "{:?}: page length", r.text);
        // Every match, for the matches that tie with a hit beyond the page.
        let every = searcher
            .search(&plain, &TopDocs::with_limit(total))
            .expect("searched");
        for (hit, (score, _)) in got.hits.iter().zip(&best) {
            // Equal scores may come in another order, and of matches that tie at the page's
            // end either may be on it; the scores at each rank may not differ.
            assert!(
                (hit.score - score).abs() < 1e-4,
                "{:?}: {} vs {}",
                r.text,
                hit.score,
                score
            );
            let expected = every
                .iter()
                .filter(|(s, _)| (s - hit.score).abs() < 1e-4)
                .map(|(_, a)| key_of(&index, &searcher, *a))
                .collect::<Vec<_>>();
            assert!(
                expected.contains(&hit.key),
                "{:?}: {} not in {expected:?}",
                r.text,
                hit.key
            );
        }
    }
}

#[test]
fn a_phrase_needs_its_words_next_to_each_other() {
    let dir = tempfile::tempdir().expect("a folder");
    let index = index(dir.path());
    let searcher = index.reader.searcher();
    // Every title with a coin names Kyiv or Lviv too, after the material: never next to it.
    for (text, together) in [("\"Монета Київ\"", false), ("\"срібло Київ\"", true)]
    {
        let r = SearchRequest {
            text: text.to_owned(),
            audience: Audience::Everyone,
            limit: 7,
            ..Default::default()
        };
        let got = index.search(&r).expect("searched");
        let plain = searcher
            .search(&plain_query(&index, &r), &Count)
            .expect("searched");
        assert_eq!(got.total, plain, "{text}");
        assert_eq!(got.total > 0, together, "{text}: {} matches", got.total);
    }
}

#[test]
fn preload_reads_every_file_of_the_searchable_segments() {
    let dir = tempfile::tempdir().expect("a folder");
    let index = index(dir.path());
    let segments: Vec<String> = index
        .index
        .searchable_segment_metas()
        .expect("segments")
        .iter()
        .map(|m| m.id().uuid_string())
        .collect();
    assert!(segments.len() > 1, "the helper commits several segments");
    let of_segments: u64 = std::fs::read_dir(dir.path())
        .expect("the folder")
        .map(|e| e.expect("an entry"))
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            segments.iter().any(|s| name.starts_with(s.as_str()))
        })
        .map(|e| e.metadata().expect("its size").len())
        .sum();
    assert!(of_segments > 0);
    assert_eq!(index.preload().expect("read"), of_segments);
}
