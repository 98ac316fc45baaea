//! Searching: the visitor's words become a tantivy query over every language's field, with
//! filters, facet counts, highlighted snippets in the page's language, and pages of results.
//! Any input answers: what cannot be searched for is dropped and said so, never an error.

use crate::SearchError;
use crate::analysis::Analyzer;
use crate::any_term::AnyTermQuery;
use crate::document::Kind;
use crate::facets::{FacetCollector, InstitutionGroups, Matched};
use crate::index::{FIELD_LANGS, SearchIndex, TextField};
use crate::phrase_match::PhraseMatch;
use crate::present_terms::PresentTermsUnion;
use crate::ranking::BestMatches;
use crate::scored_candidates::ScoredCandidates;
use kolo_domain::{LocalizedText, UiLang};
use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, RangeQuery, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, TantivyDocument, Term};

/// Longer queries are cut here (and the answer says so): nobody types more, and every word
/// costs a clause.
pub const MAX_QUERY_CHARS: usize = 200;
/// Words beyond this many are ignored.
pub const MAX_WORDS: usize = 12;
/// Pages reach no deeper than this many results.
pub const MAX_OFFSET: usize = 1000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    #[default]
    Relevance,
    Date,
}

/// Events that have not ended, or have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum When {
    Upcoming,
    Past,
}

/// Who is searching: the public sees published records; staff also their institutions' drafts.
#[derive(Clone, Debug, Default)]
pub enum Audience {
    #[default]
    Public,
    /// Drafts of these institutions too.
    Staff(Vec<i64>),
    /// Every draft (platform administrators).
    Everyone,
}

/// A search as asked.
#[derive(Clone, Debug, Default)]
pub struct SearchRequest {
    pub text: String,
    pub kinds: Vec<Kind>,
    /// Records with an institution in each of these sets (slugs): an institution, a
    /// network's members, a region's, each its own set, as the facets count them (a record
    /// co-hosted by a museum of the region counts there, so the region filter finds it too).
    pub institutions: Vec<Vec<String>>,
    /// Records with text in this language (primary subtag, `kk` also finds `kk-Latn`).
    pub lang: Option<String>,
    /// Years overlapping this range.
    pub period: (Option<i32>, Option<i32>),
    pub has_image: bool,
    pub when: Option<(When, chrono::NaiveDateTime)>,
    pub sort: SortBy,
    /// The page's language: snippets and titles in it first.
    pub page_lang: Option<UiLang>,
    pub audience: Audience,
    pub offset: usize,
    pub limit: usize,
    /// The last word is a prefix (suggestions as one types).
    pub prefix_last: bool,
    /// Networks, regions: their matches are counted in [`Facets::groups`].
    pub groups: Arc<InstitutionGroups>,
}

/// What was done with the query text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Notice {
    /// Nothing searchable was left (empty, or only punctuation).
    Empty,
    /// The text was longer than [`MAX_QUERY_CHARS`] or had more than [`MAX_WORDS`] words.
    Shortened,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Hit {
    pub key: String,
    pub kind: Kind,
    pub path: String,
    pub title: LocalizedText,
    /// HTML: escaped text with the matching words in `<mark>`.
    pub snippet: String,
    pub score: f32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Facets {
    pub kind: BTreeMap<String, u64>,
    pub institution: BTreeMap<String, u64>,
    pub lang: BTreeMap<String, u64>,
    /// Matches within each of the request's [`groups`](SearchRequest::groups) that has any.
    pub groups: BTreeMap<String, u64>,
    pub has_image: u64,
    pub upcoming: u64,
    pub past: u64,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    pub notices: Vec<Notice>,
}

/// One part of the query text: a word (maybe a prefix) or a quoted phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Word { text: String, prefix: bool },
    Phrase(String),
}

/// Splits the query text: quotes make phrases (an unclosed quote runs to the end), a
/// trailing `*` makes a prefix, control characters are spaces.
pub fn parse(raw: &str, prefix_last: bool) -> (Vec<Part>, Vec<Notice>) {
    let mut notices = Vec::new();
    let cleaned: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let text: String = if cleaned.chars().count() > MAX_QUERY_CHARS {
        notices.push(Notice::Shortened);
        cleaned.chars().take(MAX_QUERY_CHARS).collect()
    } else {
        cleaned
    };
    let mut parts = Vec::new();
    for (i, piece) in text.split(['"', '«', '»', '“', '”', '„']).enumerate() {
        if i % 2 == 1 {
            if !piece.trim().is_empty() {
                parts.push(Part::Phrase(piece.trim().to_owned()));
            }
            continue;
        }
        for word in piece.split_whitespace() {
            let prefix = word.ends_with('*');
            let word = word.trim_end_matches('*');
            if !word.is_empty() {
                parts.push(Part::Word {
                    text: word.to_owned(),
                    prefix,
                });
            }
        }
    }
    if parts.len() > MAX_WORDS {
        parts.truncate(MAX_WORDS);
        if !notices.contains(&Notice::Shortened) {
            notices.push(Notice::Shortened);
        }
    }
    if prefix_last
        && !text.ends_with(char::is_whitespace)
        && let Some(Part::Word { prefix, .. }) = parts.last_mut()
    {
        *prefix = true;
    }
    (parts, notices)
}

/// A word that by itself finds this many records (a page) is taken as typed: its near
/// misses would add noise, and cost a pass over every term within an edit of it.
const TAKEN_AS_TYPED: u64 = 20;

/// Fewer matches than this (words together, with the filters) are scored one by one: a few
/// milliseconds at most. More are ranked by pruning the union of their words' terms, whose
/// threshold then rises early, while scoring each would take tens of milliseconds.
pub(crate) const SCORE_EACH_BELOW: u64 = 20_000;

/// A prefix's completions scored in each title field.
const COMPLETIONS: usize = 8;

/// Typo tolerance: one edit for words of 5 letters or more, two from 9.
fn edits_allowed(term: &str) -> u8 {
    match term.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

impl SearchIndex {
    /// One word or phrase in any language: the stemmed title (boosted) and body of each
    /// language, the exact form across all text, and for words the prefix or, unless the
    /// word as typed finds a page of records already, its near misses. A phrase, and a word
    /// the analysers split (Усть-Каменогорск), is looked for as its pairs of adjacent words
    /// ([`TextField`]): matched where its pairs follow each other in one field, scored as its
    /// pairs score there.
    fn part_query(&self, part: &Part) -> Option<PartQuery> {
        let f = &self.fields;
        let text = match part {
            Part::Word { text, .. } | Part::Phrase(text) => text,
        };
        let mut ranked: Vec<Box<dyn Query>> = Vec::new();
        let mut single_terms: Vec<Term> = Vec::new();
        // What matches besides single terms: phrases, prefixes, near misses.
        let mut other: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // Per field, the pairs of a phrase of three words or more.
        let mut phrases: Vec<Vec<Term>> = Vec::new();
        let mut highlight: Vec<Term> = Vec::new();
        let mut add = |field: &TextField, boost: f32| {
            let terms = field.terms(text);
            if let [term] = terms.as_slice() {
                single_terms.push(term.clone());
            }
            for term in &terms {
                let q = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
                ranked.push(Box::new(BoostQuery::new(Box::new(q), boost)));
            }
            if terms.len() > 1 {
                phrases.push(terms.clone());
            }
            terms
        };
        // The exact forms across all text first: most of a phrase's matches are found there.
        let exact = add(&f.all, 1.5);
        for i in 0..FIELD_LANGS.len() {
            add(&f.title[i], 3.0);
            add(&f.body[i], 1.0);
            let body = &f.body[i];
            let words = body.analyzer.terms(text);
            highlight.extend(words.iter().map(|w| Term::from_field_text(body.words, w)));
        }
        let matched_by_clauses = phrases.is_empty();
        if !matched_by_clauses {
            other.push((Occur::Should, Box::new(PhraseMatch { fields: phrases })));
        }
        let mut near_misses = false;
        if let (Part::Word { prefix, .. }, [term]) = (part, exact.as_slice())
            && term.field() == f.all.words
        {
            let term_text = term.value().as_str().unwrap_or("").to_owned();
            let mut near = |q: FuzzyTermQuery, boost: f32| {
                near_misses = true;
                other.push((Occur::Should, Box::new(q.clone())));
                ranked.push(Box::new(BoostQuery::new(Box::new(q), boost)));
            };
            if *prefix {
                near(FuzzyTermQuery::new_prefix(term.clone(), 0, true), 1.0);
            }
            let edits = edits_allowed(&term_text);
            if edits > 0 && self.most_found(&single_terms) < TAKEN_AS_TYPED {
                near(FuzzyTermQuery::new(term.clone(), edits, true), 0.3);
            }
            // A prefix matches alike wherever it does; its commonest completions in titles
            // also score as words there, so a record named by the word comes before one
            // that mentions it in passing.
            if *prefix {
                for (i, lang) in FIELD_LANGS.iter().enumerate() {
                    let beginning = Analyzer::for_lang(lang).prefix(text);
                    for completion in self.completions(f.title[i].words, &beginning) {
                        let q = TermQuery::new(completion, IndexRecordOption::WithFreqs);
                        ranked.push(Box::new(BoostQuery::new(Box::new(q), 3.0)));
                    }
                }
            }
        }
        if ranked.is_empty() {
            return None;
        }
        // Matched by its single terms alone: intersected with other such words as their
        // postings are read.
        let matching_terms = other.is_empty().then(|| single_terms.clone());
        if !single_terms.is_empty() {
            other.push((Occur::Should, Box::new(AnyTermQuery::new(single_terms))));
        }
        let matching: Box<dyn Query> = match other.len() {
            1 => other.pop().expect("one").1,
            _ => Box::new(BooleanQuery::new(other)),
        };
        Some(PartQuery {
            clauses: ranked,
            matching,
            matching_terms,
            highlight,
            terms_only: !near_misses,
            matched_by_clauses,
        })
    }

    /// The terms of `field` that begin with `prefix`: the [`COMPLETIONS`] in most records.
    fn completions(&self, field: Field, prefix: &str) -> Vec<Term> {
        if prefix.is_empty() {
            return Vec::new();
        }
        let searcher = self.reader.searcher();
        let mut found: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
        for segment in searcher.segment_readers() {
            let Ok(index) = segment.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = index.terms().range().ge(prefix).into_stream() else {
                continue;
            };
            while stream.advance() && stream.key().starts_with(prefix.as_bytes()) {
                *found.entry(stream.key().to_vec()).or_default() +=
                    u64::from(stream.value().doc_freq);
            }
        }
        let mut found: Vec<(Vec<u8>, u64)> = found.into_iter().collect();
        found.sort_by_key(|(_, records)| std::cmp::Reverse(*records));
        found
            .into_iter()
            .take(COMPLETIONS)
            .filter_map(|(key, _)| String::from_utf8(key).ok())
            .map(|text| Term::from_field_text(field, &text))
            .collect()
    }

    /// How many records the most frequent of these terms is in.
    fn most_found(&self, terms: &[Term]) -> u64 {
        let searcher = self.reader.searcher();
        terms
            .iter()
            .filter_map(|t| searcher.doc_freq(t).ok())
            .max()
            .unwrap_or(0)
    }

    /// What the audience may see; `None`: everything.
    fn visibility(&self, audience: &Audience) -> Option<Box<dyn Query>> {
        let f = &self.fields;
        let public = Term::from_field_bool(f.public, true);
        match audience {
            Audience::Everyone => None,
            Audience::Public => Some(Box::new(TermQuery::new(public, IndexRecordOption::Basic))),
            Audience::Staff(owners) => {
                let mut visible = vec![public];
                visible.extend(owners.iter().map(|o| Term::from_field_i64(f.owner, *o)));
                Some(Box::new(TermSetQuery::new(visible)))
            }
        }
    }

    /// The filters a visitor chose (not the audience's visibility).
    fn filters(&self, r: &SearchRequest) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.fields;
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let term = |field: Field, value: &str| Term::from_field_text(field, value);
        if !r.kinds.is_empty() {
            let kinds = r.kinds.iter().map(|k| term(f.kind, k.code()));
            must.push((Occur::Must, Box::new(TermSetQuery::new(kinds))));
        }
        for set in &r.institutions {
            let slugs = set.iter().map(|s| term(f.institution, s));
            must.push((Occur::Must, Box::new(TermSetQuery::new(slugs))));
        }
        if let Some(lang) = &r.lang {
            must.push((Occur::Must, self.language_query(lang)));
        }
        let (from, to) = r.period;
        if let Some(to) = to {
            let upper = Bound::Included(Term::from_field_i64(f.earliest, to.into()));
            must.push((
                Occur::Must,
                Box::new(RangeQuery::new(Bound::Unbounded, upper)),
            ));
        }
        if let Some(from) = from {
            let lower = Bound::Included(Term::from_field_i64(f.latest, from.into()));
            must.push((
                Occur::Must,
                Box::new(RangeQuery::new(lower, Bound::Unbounded)),
            ));
        }
        if r.has_image {
            let yes = Term::from_field_bool(f.has_image, true);
            must.push((
                Occur::Must,
                Box::new(TermQuery::new(yes, IndexRecordOption::Basic)),
            ));
        }
        if let Some((when, now)) = r.when {
            must.push((Occur::Must, self.when_query(when, now)));
        }
        must
    }

    /// Records with text in `lang` or one of its script or region variants.
    fn language_query(&self, lang: &str) -> Box<dyn Query> {
        let searcher = self.reader.searcher();
        let mut tags = vec![Term::from_field_text(self.fields.lang, lang)];
        for segment in searcher.segment_readers() {
            if let Ok(index) = segment.inverted_index(self.fields.lang) {
                let mut stream = index
                    .terms()
                    .range()
                    .ge(format!("{lang}-"))
                    .lt(format!("{lang}."))
                    .into_stream();
                if let Ok(stream) = stream.as_mut() {
                    while stream.advance() {
                        if let Ok(tag) = std::str::from_utf8(stream.key()) {
                            tags.push(Term::from_field_text(self.fields.lang, tag));
                        }
                    }
                }
            }
        }
        Box::new(TermSetQuery::new(tags))
    }

    fn when_query(&self, when: When, now: chrono::NaiveDateTime) -> Box<dyn Query> {
        let now = Term::from_field_i64(self.fields.ends, now.and_utc().timestamp());
        let (lower, upper) = match when {
            When::Upcoming => (Bound::Included(now), Bound::Unbounded),
            When::Past => (
                Bound::Included(Term::from_field_i64(self.fields.ends, i64::MIN)),
                Bound::Excluded(now),
            ),
        };
        Box::new(RangeQuery::new(lower, upper))
    }

    /// The query a request asks, split into its parts, with what was done to its text.
    fn compose(&self, r: &SearchRequest) -> Composed {
        let (parts, mut notices) = parse(&r.text, r.prefix_last);
        // Phrases are asked for exactly; of three words or more, a third may be missing (the
        // function words of a sentence typed as a query: "форум прошел в Рязани").
        let (phrases, words): (Vec<&Part>, Vec<&Part>) =
            parts.iter().partition(|p| matches!(p, Part::Phrase(_)));
        let words: Vec<PartQuery> = words.iter().filter_map(|p| self.part_query(p)).collect();
        let mut text: Vec<PartQuery> = phrases.iter().filter_map(|p| self.part_query(p)).collect();
        if words.len() >= 3 {
            let required = words.len() - words.len() / 3;
            let terms_only = words.iter().all(|w| w.terms_only);
            let matched_by_clauses = words.iter().all(|w| w.matched_by_clauses);
            let highlight = words.iter().flat_map(|w| w.highlight.clone()).collect();
            let (clauses, matching): (Vec<_>, _) =
                words.into_iter().map(|w| (w.clauses, w.matching)).unzip();
            text.push(PartQuery {
                clauses: clauses.into_iter().flatten().collect(),
                matching_terms: None,
                highlight,
                matching: Box::new(BooleanQuery::union_with_minimum_required_clauses(
                    matching, required,
                )),
                terms_only,
                matched_by_clauses,
            });
        } else {
            text.extend(words);
        }
        if text.is_empty() {
            notices.push(Notice::Empty);
        }
        Composed {
            text,
            chosen: self.filters(r),
            visibility: self.visibility(&r.audience),
            notices,
        }
    }

    /// Runs a search.
    pub fn search(&self, r: &SearchRequest) -> Result<SearchResults, SearchError> {
        let composed = self.compose(r);
        let sort_by_date = r.sort == SortBy::Date || composed.text.is_empty();
        // For the public, ranked by relevance, the collectors keep public matches themselves
        // (read once per segment), which spares a clause every match would be tested against.
        let public_by_signature = matches!(r.audience, Audience::Public) && !sort_by_date;
        let Some(matching) = composed.matching(!public_by_signature) else {
            return Ok(SearchResults {
                total: 0,
                hits: Vec::new(),
                facets: Facets::default(),
                notices: composed.notices,
            });
        };
        let searcher = self.reader.searcher();
        let limit = r.limit.clamp(1, 100);
        let offset = r.offset.min(MAX_OFFSET);
        // One word alone, its clauses matching just what it matches, is ranked without the
        // counting pass's matches; anything else is ranked within them.
        let alone = composed.text.len() == 1
            && composed.text[0].matched_by_clauses
            && composed.chosen.is_empty()
            && (public_by_signature || composed.visibility.is_none());
        let counting = FacetCollector {
            groups: r.groups.clone(),
            signatures: &self.signatures,
            public_only: public_by_signature,
            keep_matches: !sort_by_date && !alone,
            now: chrono::Utc::now().timestamp(),
        };
        let (found, counts): (Vec<(f32, DocAddress)>, _) = if sort_by_date {
            // Neither needs scores: the page of hits and every count in one pass.
            let top = TopDocs::with_limit(limit).and_offset(offset);
            let (dated, counts) = searcher.search(
                &matching,
                &(
                    top.order_by_fast_field::<i64>("date", Order::Desc),
                    counting,
                ),
            )?;
            (dated.into_iter().map(|(_, a)| (0.0, a)).collect(), counts)
        } else {
            // Counting needs no scores, and ranking need not score every match.
            let mut counts = searcher.search(&matching, &counting)?;
            let matched = std::mem::take(&mut counts.matched);
            let prune = alone || counts.total >= self.score_each_below;
            let (ranking, within) = composed.ranking(alone, prune, matched);
            let best = BestMatches {
                keep: offset + limit,
                public_only: (alone && public_by_signature).then_some(&*self.signatures),
                within: within.as_ref(),
            };
            let found = searcher.search(&ranking, &best)?;
            (found.into_iter().skip(offset).collect(), counts)
        };
        let hits = self.hits(&searcher, &composed.highlight(), r.page_lang, found)?;
        Ok(SearchResults {
            total: usize::try_from(counts.total).unwrap_or(usize::MAX),
            hits,
            facets: counts.facets,
            notices: composed.notices,
        })
    }

    /// The page's hits; snippets mark the words of `highlight`.
    fn hits(
        &self,
        searcher: &tantivy::Searcher,
        highlight: &dyn Query,
        page_lang: Option<UiLang>,
        found: Vec<(f32, DocAddress)>,
    ) -> Result<Vec<Hit>, SearchError> {
        let f = &self.fields;
        let order: Vec<usize> = page_lang
            .unwrap_or(UiLang::En)
            .fallback_chain()
            .iter()
            .filter_map(|l| FIELD_LANGS.iter().position(|x| x == l))
            .collect();
        let mut generators = Vec::new();
        for &i in &order {
            let mut g = SnippetGenerator::create(searcher, highlight, f.body[i].words)?;
            g.set_max_num_chars(200);
            generators.push((i, g));
        }
        let mut hits = Vec::new();
        for (score, address) in found {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_owned()
            };
            let kind = Kind::from_code(&text(f.kind)).ok_or(SearchError::Corrupt("kind"))?;
            let title: LocalizedText = serde_json::from_str(&text(f.title_json))
                .map_err(|_| SearchError::Corrupt("title"))?;
            // The first language in the page's order whose text matched, else its first text.
            let mut snippet = String::new();
            for (i, g) in &mut generators {
                let body = text(f.body[*i].words);
                if body.is_empty() {
                    continue;
                }
                let mut s = g.snippet(&body);
                s.set_snippet_prefix_postfix("<mark>", "</mark>");
                if !s.highlighted().is_empty() {
                    snippet = s.to_html();
                    break;
                }
                if snippet.is_empty() {
                    snippet = s.to_html();
                }
            }
            hits.push(Hit {
                key: text(f.key),
                kind,
                path: text(f.path),
                title,
                snippet,
                score,
            });
        }
        Ok(hits)
    }
}

/// A word's or a phrase's query in the two forms a search asks it.
struct PartQuery {
    /// What a match scores: the sum of these where they match.
    clauses: Vec<Box<dyn Query>>,
    /// The same documents unscored, for counting them.
    matching: Box<dyn Query>,
    /// When `matching` is just any of these terms.
    matching_terms: Option<Vec<Term>>,
    /// Its words in each language's body: what snippets highlight (a phrase's clauses are
    /// its pairs, which no snippet shows).
    highlight: Vec<Term>,
    /// Every clause is a plain term (no prefix or near miss).
    terms_only: bool,
    /// The clauses match what `matching` does (no phrase, whose words may be apart).
    matched_by_clauses: bool,
}

/// A request's query in parts: the words and phrases, the filters the visitor chose, and the
/// audience's visibility.
struct Composed {
    text: Vec<PartQuery>,
    chosen: Vec<(Occur, Box<dyn Query>)>,
    visibility: Option<Box<dyn Query>>,
    notices: Vec<Notice>,
}

impl Composed {
    /// The words snippets mark.
    fn highlight(&self) -> BooleanQuery {
        let words = self.text.iter().flat_map(|p| &p.highlight);
        BooleanQuery::new(
            words
                .map(|t| -> (Occur, Box<dyn Query>) {
                    let q = TermQuery::new(t.clone(), IndexRecordOption::Basic);
                    (Occur::Should, Box::new(q))
                })
                .collect(),
        )
    }

    /// Which documents match, unscored, the visibility only if asked (else the collectors
    /// test it); `None` when there is nothing to search for and no filter.
    fn matching(&self, with_visibility: bool) -> Option<Box<dyn Query>> {
        if self.text.is_empty() && self.chosen.is_empty() {
            return None;
        }
        // Parts matched by their terms alone are one intersection of their terms' sets.
        let (by_terms, others): (Vec<&PartQuery>, Vec<&PartQuery>) =
            self.text.iter().partition(|p| p.matching_terms.is_some());
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = others
            .iter()
            .map(|p| (Occur::Must, p.matching.box_clone()))
            .collect();
        if !by_terms.is_empty() {
            let groups = by_terms.iter().filter_map(|p| p.matching_terms.clone());
            let each = AnyTermQuery::each_of(groups.collect());
            clauses.push((Occur::Must, Box::new(each)));
        }
        clauses.extend(self.chosen.iter().map(|(o, q)| (*o, q.box_clone())));
        if with_visibility {
            clauses.extend(self.visibility.iter().map(|q| (Occur::Must, q.box_clone())));
        }
        if self.text.is_empty() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Some(match clauses.len() {
            1 => clauses.pop().expect("one clause").1,
            _ => Box::new(BooleanQuery::new(clauses)),
        })
    }

    /// The scored query, and the documents the ranking may pick from (`None`: any match).
    ///
    /// For one word alone, its union of terms, which tantivy answers with block-max WAND,
    /// scoring only what can still enter the page. For words (or a phrase) with many
    /// matches (`prune`), the same within the counting pass's matches. Else the sum of
    /// every clause over just those matches: pruning would wade through many records of
    /// one word that the other word or a filter rules out.
    fn ranking(
        &self,
        alone: bool,
        prune: bool,
        matched: Matched,
    ) -> (Box<dyn Query>, Option<Matched>) {
        let clauses = self
            .text
            .iter()
            .flat_map(|p| p.clauses.iter().map(|q| q.box_clone()));
        let union = |clauses| -> Box<dyn Query> { Box::new(PresentTermsUnion { clauses }) };
        if alone {
            return (union(clauses.collect()), None);
        }
        if prune && self.text.iter().all(|p| p.terms_only) {
            (union(clauses.collect()), Some(matched))
        } else {
            let candidates = Box::new(ScoredCandidates {
                candidates: Box::new(matched),
                clauses: clauses.collect(),
            });
            (candidates, None)
        }
    }
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
