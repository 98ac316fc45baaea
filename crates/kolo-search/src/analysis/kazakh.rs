//! A light Kazakh suffix stripper working on the reduced Latin form (see [`fold_to_latin`]).

use super::fold::fold_to_latin;

/// Stems keep at least this many chars.
const MIN_STEM: usize = 3;

/// Case endings (outermost); the longest match is taken. The dative -а/-е/-на/-не, the accusative
/// -н/-ын, the locative -нда/-нде and the ablative -тан/-тен are left out: on bare stems (көрме,
/// қазына, Алтын, Қазақстан) they would strip part of the root.
const CASE: &[&str] = &[
    "nyng", "ning", "dyng", "ding", "tyng", "ting", "ga", "ge", "qa", "ke", "ny", "ni", "dy", "di",
    "ty", "ti", "da", "de", "ta", "te", "dan", "den", "nan", "nen", "men", "ben", "pen", "myn",
    // locative + relative -дағы
    "dagy", "degi", "tagy", "tegi", "ndagy", "ndegi",
];

/// Possessive endings, between the plural and the case.
const POSSESSIVE: &[&str] = &[
    "ym", "im", "yng", "ing", "y", "i", "sy", "si", "myz", "miz", "ynyz", "iniz", "yz", "iz",
];

/// Plural endings, next to the stem.
const PLURAL: &[&str] = &["lar", "ler", "dar", "der", "tar", "ter"];

/// Removes the longest ending of `endings` that leaves at least [`MIN_STEM`] chars.
fn strip_longest<'a>(word: &'a str, endings: &[&str]) -> &'a str {
    endings
        .iter()
        .filter(|ending| word.ends_with(*ending))
        .map(|ending| &word[..word.len() - ending.len()])
        .filter(|stem| stem.chars().count() >= MIN_STEM)
        .min_by_key(|stem| stem.len())
        .unwrap_or(word)
}

/// The stem of a normalised Kazakh word in either script.
pub fn stem(word: &str) -> String {
    let latin = fold_to_latin(word);
    let mut stem = latin.as_str();
    // Suffixes stack as stem + plural + possessive + case, so they come off in reverse.
    for endings in [CASE, POSSESSIVE, PLURAL] {
        stem = strip_longest(stem, endings);
    }
    // A stem-final й folds to i, which looks like the possessive -i; drop it so that
    // "мұражай" and "мұражайы" meet.
    while stem.chars().count() > MIN_STEM && (stem.ends_with('i') || stem.ends_with('y')) {
        stem = &stem[..stem.len() - 1];
    }
    stem.to_owned()
}
