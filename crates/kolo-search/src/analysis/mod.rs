//! Text analysis: the tokenizer and the per-language term filters the index is built with.

mod fold;
mod kazakh;
mod tokenizer;
mod ukrainian;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

use tokenizer::WordTokenizer;

/// A language's analyser; each is registered as a tantivy tokenizer under [`Analyzer::name`],
/// and with its words paired under [`Analyzer::pairs_name`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Analyzer {
    /// Any other or unknown language: normalised and folded to Latin, never stemmed.
    Neutral,
    /// Snowball English.
    English,
    /// Snowball Russian.
    Russian,
    /// Kolo's own light Ukrainian stemmer.
    Ukrainian,
    /// Kazakh in either script, folded to Latin, with a light suffix stripper.
    Kazakh,
}

impl Analyzer {
    /// Every analyser.
    pub const ALL: [Analyzer; 5] = [
        Analyzer::Neutral,
        Analyzer::English,
        Analyzer::Russian,
        Analyzer::Ukrainian,
        Analyzer::Kazakh,
    ];

    /// The tantivy tokenizer name it is registered under.
    pub fn name(self) -> &'static str {
        match self {
            Analyzer::Neutral => "kolo_neutral",
            Analyzer::English => "kolo_en",
            Analyzer::Russian => "kolo_ru",
            Analyzer::Ukrainian => "kolo_uk",
            Analyzer::Kazakh => "kolo_kk",
        }
    }

    /// The name of the tokenizer that gives, for each word after the first, the pair of it and
    /// the word before ([`PAIR_SEPARATOR`] between them): a phrase is matched on its pairs.
    pub fn pairs_name(self) -> &'static str {
        match self {
            Analyzer::Neutral => "kolo_neutral_pairs",
            Analyzer::English => "kolo_en_pairs",
            Analyzer::Russian => "kolo_ru_pairs",
            Analyzer::Ukrainian => "kolo_uk_pairs",
            Analyzer::Kazakh => "kolo_kk_pairs",
        }
    }

    /// The analyser for a BCP 47 language tag; unknown languages get [`Analyzer::Neutral`].
    pub fn for_lang(tag: &str) -> Analyzer {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "uk" => Analyzer::Ukrainian,
            "ru" => Analyzer::Russian,
            "kk" => Analyzer::Kazakh,
            "en" => Analyzer::English,
            _ => Analyzer::Neutral,
        }
    }

    /// The function that turns a normalised word into its term.
    fn term_of(self) -> fn(&str) -> String {
        match self {
            Analyzer::Neutral => fold::fold_to_latin,
            Analyzer::English => |word| Stemmer::create(Algorithm::English).stem(word).into_owned(),
            Analyzer::Russian => |word| Stemmer::create(Algorithm::Russian).stem(word).into_owned(),
            Analyzer::Ukrainian => ukrainian::stem,
            Analyzer::Kazakh => kazakh::stem,
        }
    }

    /// The form the beginning of a word takes in this analyser's terms: normalised, and
    /// folded to Latin where its terms are, but not stemmed (a stemmer would cut the end of
    /// a beginning as it cuts a word's ending).
    pub fn prefix(self, word: &str) -> String {
        let word = tokenizer::normalise(word);
        match self {
            Analyzer::Neutral | Analyzer::Kazakh => fold::fold_to_latin(&word),
            Analyzer::English | Analyzer::Russian | Analyzer::Ukrainian => word,
        }
    }

    /// The tantivy analyser (tokenizer + filters) for registering.
    pub fn text_analyzer(self) -> TextAnalyzer {
        TextAnalyzer::builder(WordTokenizer)
            .filter(TermFilter(self.term_of()))
            .build()
    }

    /// The analyser of adjacent word pairs, registered under [`Analyzer::pairs_name`].
    pub fn pairs_analyzer(self) -> TextAnalyzer {
        TextAnalyzer::builder(WordTokenizer)
            .filter(TermFilter(self.term_of()))
            .filter(PairFilter)
            .build()
    }

    /// The terms `text` is indexed (and queried) as, in order.
    pub fn terms(self, text: &str) -> Vec<String> {
        tokens_of(self.text_analyzer(), text)
    }

    /// The adjacent pairs of terms `text` is indexed (and queried) as, in order.
    pub fn pairs(self, text: &str) -> Vec<String> {
        tokens_of(self.pairs_analyzer(), text)
    }
}

fn tokens_of(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    stream.process(&mut |token| terms.push(token.text.clone()));
    terms
}

/// Registers all five analysers, and their pairs, on an index's tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    for analyzer in Analyzer::ALL {
        manager.register(analyzer.name(), analyzer.text_analyzer());
        manager.register(analyzer.pairs_name(), analyzer.pairs_analyzer());
    }
}

/// Between the two words of a pair term: no word holds it (words are letters, digits and
/// marks).
pub const PAIR_SEPARATOR: char = ' ';

/// A token filter turning a stream of words into the stream of adjacent pairs: each word after
/// the first becomes "previous word, separator, word", at the previous word's position, so
/// the pairs of a phrase follow one another as its words do.
#[derive(Clone, Copy)]
struct PairFilter;

impl TokenFilter for PairFilter {
    type Tokenizer<T: Tokenizer> = PairFilterTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> PairFilterTokenizer<T> {
        PairFilterTokenizer(inner)
    }
}

/// The tokenizer [`PairFilter`] wraps another in.
#[derive(Clone)]
struct PairFilterTokenizer<T>(T);

impl<T: Tokenizer> Tokenizer for PairFilterTokenizer<T> {
    type TokenStream<'a> = PairStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        PairStream {
            inner: self.0.token_stream(text),
            previous: None,
            pair: Token::default(),
        }
    }
}

/// The token stream of [`PairFilterTokenizer`].
struct PairStream<S> {
    inner: S,
    /// The word before the inner stream's current one.
    previous: Option<Token>,
    pair: Token,
}

impl<S: TokenStream> TokenStream for PairStream<S> {
    fn advance(&mut self) -> bool {
        while self.inner.advance() {
            let word = self.inner.token();
            if let Some(previous) = self.previous.as_mut() {
                self.pair.text.clear();
                self.pair.text.push_str(&previous.text);
                self.pair.text.push(PAIR_SEPARATOR);
                self.pair.text.push_str(&word.text);
                self.pair.position = previous.position;
                self.pair.offset_from = previous.offset_from;
                self.pair.offset_to = word.offset_to;
                self.pair.position_length = 1;
                previous.clone_from(word);
                return true;
            }
            self.previous = Some(word.clone());
        }
        false
    }

    fn token(&self) -> &Token {
        &self.pair
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.pair
    }
}

/// A token filter replacing each token's text by `self.0(text)`: one filter for every language.
#[derive(Clone, Copy)]
struct TermFilter(fn(&str) -> String);

impl TokenFilter for TermFilter {
    type Tokenizer<T: Tokenizer> = TermFilterTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> TermFilterTokenizer<T> {
        TermFilterTokenizer { map: self.0, inner }
    }
}

/// The tokenizer [`TermFilter`] wraps another in.
#[derive(Clone)]
struct TermFilterTokenizer<T> {
    map: fn(&str) -> String,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for TermFilterTokenizer<T> {
    type TokenStream<'a> = TermFilterStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        TermFilterStream {
            map: self.map,
            inner: self.inner.token_stream(text),
        }
    }
}

/// The token stream of [`TermFilterTokenizer`].
struct TermFilterStream<S> {
    map: fn(&str) -> String,
    inner: S,
}

impl<S: TokenStream> TokenStream for TermFilterStream<S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        let token = self.inner.token_mut();
        token.text = (self.map)(&token.text);
        true
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

#[cfg(test)]
mod tests;
