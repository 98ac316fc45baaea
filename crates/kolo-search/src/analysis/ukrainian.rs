//! A light rule-based Ukrainian stemmer: the longest inflectional ending comes off, then the
//! stem-final consonant alternations are levelled.

/// Stems keep at least this many chars.
const MIN_STEM: usize = 3;

/// Noun, adjective and verb endings; the longest one that leaves [`MIN_STEM`] chars is removed.
const ENDINGS: &[&str] = &[
    // nouns
    "ами", "ями", "ові", "еві", "єві", "ою", "ею", "єю", "ях", "ах", "ів", "їв", "ам", "ям", "ом",
    "ем", "єм", "і", "ї", "и", "а", "я", "у", "ю", "о", "е", "є", "ь", "й",
    // nouns in -ія (колекція, конференція)
    "ія", "ії", "ію", "ією", "іям", "іях", "іями", // adjectives, hard and soft
    "ий", "ій", "ого", "ому", "ої", "им", "их", "ими", "ього", "ьому", "ьої", "ьою", "ім", "іх",
    "іми",
    // past-tense verbs; the infinitive -ти and -ть are left out: they would take the т of
    // nouns (експонати, область)
    "ла", "ли", "ло",
];

/// Reflexive verb suffixes, removed before the ending.
const REFLEXIVE: &[&str] = &["ся", "сь"];

fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// Removes the longest ending of `endings` that leaves at least `min` chars.
fn strip_longest<'a>(word: &'a str, endings: &[&str], min: usize) -> &'a str {
    endings
        .iter()
        .filter(|ending| word.ends_with(*ending))
        .map(|ending| &word[..word.len() - ending.len()])
        .filter(|stem| char_count(stem) >= min)
        .min_by_key(|stem| stem.len())
        .unwrap_or(word)
}

/// The stem of a normalised Ukrainian word.
pub fn stem(word: &str) -> String {
    let word = strip_longest(word, REFLEXIVE, MIN_STEM + 1);
    let mut stem: String = strip_longest(word, ENDINGS, MIN_STEM).to_owned();
    // Stems in -ей/-єй (музей) lose е before -ею and keep it before -ю; drop it in every form.
    if (stem.ends_with('е') || stem.ends_with('є')) && char_count(&stem) > MIN_STEM {
        stem.pop();
    }
    // Dative/locative -і alternates к/ц, г/з, х/с (виставка/виставці, книга/книзі); levelling
    // the stem-final consonant always keeps every form of a word together.
    let levelled = match stem.chars().next_back() {
        Some('ц') => Some('к'),
        Some('з') => Some('г'),
        Some('с') => Some('х'),
        _ => None,
    };
    if let Some(consonant) = levelled {
        stem.pop();
        stem.push(consonant);
    }
    // -ння/-ття nouns lose the doubling in the genitive plural (знання/знань).
    let mut last_two = stem.chars().rev().take(2);
    if let (Some(last), Some(before)) = (last_two.next(), last_two.next())
        && last == before
        && char_count(&stem) > MIN_STEM
    {
        stem.pop();
    }
    stem
}
