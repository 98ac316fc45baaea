//! Folding of Cyrillic and Kazakh 2021 Latin to plain ASCII-like Latin, so that both scripts of
//! Kazakh (and transliterated names in any field) meet on one term.

/// The reduced Latin spelling of one lowercase letter, or `None` to keep it.
fn reduced_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'а' | 'ә' | 'ä' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' | 'ґ' | 'ğ' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ё' => "io",
        'є' => "ie",
        'ж' => "j",
        'з' => "z",
        'и' | 'й' | 'і' | 'ı' => "i",
        // Ukrainian ї as in its national transliteration, so that "музеї" and "музей" differ.
        'ї' => "yi",
        'к' => "k",
        'қ' => "q",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'ң' | 'ñ' => "ng",
        'о' | 'ө' | 'ö' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' | 'ü' | 'ū' => "u",
        'ф' => "f",
        'х' | 'һ' => "h",
        'ц' => "ts",
        'ч' | 'ç' => "ch",
        'ш' | 'щ' | 'ş' => "sh",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "iu",
        'я' => "ia",
        _ => return None,
    })
}

/// Folds a normalised (lowercase) word to reduced Latin: every Cyrillic letter and every Kazakh
/// 2021 Latin letter with a diacritic; other characters are kept.
pub fn fold_to_latin(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match reduced_latin(c) {
            Some(latin) => out.push_str(latin),
            None => out.push(c),
        }
    }
    out
}
