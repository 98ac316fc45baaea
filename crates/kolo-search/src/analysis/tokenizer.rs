//! Splits text into normalised words, keeping byte offsets into the original text.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Tokens longer than this (in chars, after normalisation) are skipped: they are noise (hashes,
/// glued URLs) and would bloat the term dictionary.
const MAX_TOKEN_CHARS: usize = 64;

/// The apostrophes Ukrainian (and Kazakh Latin) text uses inside words.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '`' | '\u{2018}')
}

fn is_word_char(c: char) -> bool {
    !is_apostrophe(c) && (c.is_alphanumeric() || is_combining_mark(c))
}

/// NFKC, lowercase and ё→е, so that spelling variants meet on one term.
pub fn normalise(word: &str) -> String {
    word.nfkc()
        // Turkic dotted İ would lowercase to i + U+0307; search wants plain i.
        .flat_map(|c| {
            if c == 'İ' {
                'i'.to_lowercase()
            } else {
                c.to_lowercase()
            }
        })
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// The Kolo word tokenizer: runs of alphanumeric chars (and combining marks); an apostrophe
/// between two letters joins them and is dropped from the term.
#[derive(Clone, Default)]
pub struct WordTokenizer;

/// The token stream of [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    text: &'a str,
    cursor: usize,
    token: Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        WordTokenStream {
            text,
            cursor: 0,
            token: Token::default(),
        }
    }
}

impl WordTokenStream<'_> {
    /// The byte range of the next word at or after the cursor.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let rest = &self.text[self.cursor..];
        let start = self.cursor + rest.find(is_word_char)?;
        let mut end = start;
        let mut chars = self.text[start..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_word_char(c) {
                end = start + i + c.len_utf8();
            } else if is_apostrophe(c)
                && self.text[..start + i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic)
                && chars.peek().is_some_and(|&(_, next)| next.is_alphabetic())
            {
                continue;
            } else {
                break;
            }
        }
        self.cursor = end;
        Some((start, end))
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((from, to)) = self.next_word() {
            let word: String = self.text[from..to]
                .chars()
                .filter(|&c| !is_apostrophe(c))
                .collect();
            let text = normalise(&word);
            if text.chars().count() > MAX_TOKEN_CHARS {
                continue;
            }
            self.token.position = self.token.position.wrapping_add(1);
            self.token.offset_from = from;
            self.token.offset_to = to;
            self.token.text = text;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<Token> {
        let mut tokenizer = WordTokenizer;
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        stream.process(&mut |t| out.push(t.clone()));
        out
    }

    fn texts(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn every_apostrophe_inside_a_word_is_dropped() {
        let plain = texts("мясо");
        for spelling in ["м’ясо", "м'ясо", "мʼясо", "м`ясо", "м‘ясо"] {
            assert_eq!(texts(spelling), plain, "{spelling}");
        }
    }

    #[test]
    fn an_apostrophe_not_between_letters_splits() {
        assert_eq!(texts("'цитата' 5'6"), texts("цитата 5 6"));
    }

    #[test]
    fn offsets_are_bytes_of_the_original_text() {
        let text = "Зв’язки, «Музей» і Ёлка-2";
        for token in tokens(text) {
            let original: String = text[token.offset_from..token.offset_to]
                .chars()
                .filter(|&c| !is_apostrophe(c))
                .collect();
            assert_eq!(normalise(&original), token.text);
        }
    }

    #[test]
    fn positions_increase_by_one() {
        let positions: Vec<usize> = tokens("a, b - c; d").iter().map(|t| t.position).collect();
        assert_eq!(positions, (0..4).collect::<Vec<_>>());
    }

    #[test]
    fn normalises_case_yo_and_compatibility_forms() {
        assert_eq!(texts("ЁЛКА Ёж ﬁle"), texts("елка еж file"));
        assert_eq!(texts("İstanbul"), texts("istanbul"));
    }

    #[test]
    fn hyphens_and_punctuation_split() {
        assert_eq!(
            texts("пресс-конференция,музей.Ok"),
            texts("пресс конференция музей ok")
        );
    }

    #[test]
    fn combining_marks_stay_in_the_word() {
        assert_eq!(texts("е\u{0308}лка"), texts("елка"));
    }

    #[test]
    fn long_tokens_are_skipped_and_junk_does_not_panic() {
        let long = "я".repeat(MAX_TOKEN_CHARS + 1);
        assert_eq!(texts(&format!("до {long} після")), texts("до після"));
        assert!(texts("\u{0}\u{1}\t\u{7f}\u{202e}").is_empty());
        let big = "Музей м’ясо, \u{0}abc ".repeat(600);
        assert!(big.len() > 10_000);
        assert_eq!(tokens(&big).len(), 1800);
    }
}
