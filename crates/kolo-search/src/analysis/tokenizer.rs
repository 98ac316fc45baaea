//! Splits text into normalised words, keeping byte offsets into the original text.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Tokens longer than this (in chars, after normalisation) are skipped: they are noise (hashes,
/// glued URLs) and would bloat the term dictionary.
const MAX_TOKEN_CHARS: usize = 64;

/// The apostrophes Ukrainian (and Kazakh Latin) text uses inside words.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '`' | '\u{2018}')
}

fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        // Cyrillic, where most text is: letters and combining marks all but the thousands
        // sign, decided without the Unicode tables' slow lookup.
        '\u{0400}'..='\u{04FF}' => c != '\u{0482}',
        _ => !is_apostrophe(c) && (c.is_alphanumeric() || is_combining_mark(c)),
    }
}

/// NFKC, lowercase and ё→е, so that spelling variants meet on one term.
pub fn normalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalise_into(word, &mut out);
    out
}

/// ASCII letters and digits, and Cyrillic letters: each is its own NFKC and nothing after it
/// composes with it, so a word of them only needs lowercasing, here without the Unicode tables.
fn is_plain_letter(c: char) -> bool {
    matches!(c, 'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}')
}

/// The lowercase of a [plain letter](is_plain_letter), ё as е.
fn lower_plain(c: char) -> char {
    let shifted = |by: u32| char::from_u32(c as u32 + by).unwrap_or(c);
    let lower = match c {
        'A'..='Z' | 'А'..='Я' => shifted(0x20),
        '\u{0400}'..='\u{040F}' => shifted(0x50),
        'a'..='z' | '0'..='9' | 'а'..='я' | '\u{0450}'..='\u{045F}' => c,
        // The rest of the block pairs capitals and small letters; the tables say which.
        _ => c.to_lowercase().next().unwrap_or(c),
    };
    if lower == 'ё' { 'е' } else { lower }
}

/// [`normalise`] into `out` (cleared first), which keeps its allocation from word to word.
fn normalise_into(word: &str, out: &mut String) {
    out.clear();
    let mut push = |c: char| {
        // Turkic dotted İ would lowercase to i + U+0307; search wants plain i.
        let c = if c == 'İ' { 'I' } else { c };
        for c in c.to_lowercase() {
            out.push(if c == 'ё' { 'е' } else { c });
        }
    };
    if word.chars().all(is_plain_letter) {
        out.extend(word.chars().map(lower_plain));
        return;
    }
    // Most other text is in NFKC already, and the quick check says so without decomposing it.
    if is_nfkc_quick(word.chars()) == IsNormalized::Yes {
        word.chars().for_each(&mut push);
    } else {
        word.nfkc().for_each(&mut push);
    }
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
            let word = &self.text[from..to];
            if word.contains(is_apostrophe) {
                let joined: String = word.chars().filter(|&c| !is_apostrophe(c)).collect();
                normalise_into(&joined, &mut self.token.text);
            } else {
                normalise_into(word, &mut self.token.text);
            }
            if self.token.text.chars().count() > MAX_TOKEN_CHARS {
                continue;
            }
            self.token.position = self.token.position.wrapping_add(1);
            self.token.offset_from = from;
            self.token.offset_to = to;
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
    fn the_fast_paths_decide_as_the_unicode_tables_do() {
        let by_tables =
            |c: char| !is_apostrophe(c) && (c.is_alphanumeric() || is_combining_mark(c));
        for c in ('\0'..='\u{04FF}').chain(['’', 'ʼ', '‘']) {
            assert_eq!(is_word_char(c), by_tables(c), "{c:?} U+{:04X}", c as u32);
        }
        let slow = |w: &str| -> String {
            w.nfkc()
                .flat_map(|c| {
                    if c == 'İ' {
                        'i'.to_lowercase()
                    } else {
                        c.to_lowercase()
                    }
                })
                .map(|c| if c == 'ё' { 'е' } else { c })
                .collect()
        };
        for word in [
            "ЁЛКА",
            "Музей",
            "İstanbul",
            "ﬁle",
            "е\u{0308}лка",
            "Ω",
            "Σίσυφος",
            "ǅ",
        ] {
            assert_eq!(normalise(word), slow(word), "{word}");
        }
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
