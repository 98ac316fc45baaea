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

/// A language's analyser; each is registered as a tantivy tokenizer under [`Analyzer::name`].
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

    /// The terms `text` is indexed (and queried) as, in order.
    pub fn terms(self, text: &str) -> Vec<String> {
        let mut analyzer = self.text_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut terms = Vec::new();
        stream.process(&mut |token| terms.push(token.text.clone()));
        terms
    }
}

/// Registers all five analysers on an index's tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    for analyzer in Analyzer::ALL {
        manager.register(analyzer.name(), analyzer.text_analyzer());
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
