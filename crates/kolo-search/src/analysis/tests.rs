use super::*;

/// Asserts that every spelling in each group gives the same terms, and that the first
/// spellings of different groups give different terms.
fn assert_groups(analyzer: Analyzer, groups: &[&[&str]]) {
    let mut failures = Vec::new();
    for group in groups {
        let expected = analyzer.terms(group[0]);
        for word in &group[1..] {
            let got = analyzer.terms(word);
            if got != expected {
                failures.push(format!("{} {expected:?} != {word} {got:?}", group[0]));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{analyzer:?}:\n{}",
        failures.join("\n")
    );
}

/// Asserts that the two words of each pair give different terms.
fn assert_distinct(analyzer: Analyzer, pairs: &[(&str, &str)]) {
    for (a, b) in pairs {
        assert_ne!(
            analyzer.terms(a),
            analyzer.terms(b),
            "{analyzer:?}: {a} vs {b}"
        );
    }
}

#[test]
fn names_and_languages() {
    let names: Vec<&str> = Analyzer::ALL.iter().map(|a| a.name()).collect();
    assert_eq!(
        names,
        ["kolo_neutral", "kolo_en", "kolo_ru", "kolo_uk", "kolo_kk"]
    );
    for (tag, analyzer) in [
        ("uk", Analyzer::Ukrainian),
        ("uk-UA", Analyzer::Ukrainian),
        ("ru", Analyzer::Russian),
        ("ru-KZ", Analyzer::Russian),
        ("kk", Analyzer::Kazakh),
        ("kk-Cyrl", Analyzer::Kazakh),
        ("kk-Latn", Analyzer::Kazakh),
        ("en-GB", Analyzer::English),
        ("de", Analyzer::Neutral),
        ("", Analyzer::Neutral),
        ("und", Analyzer::Neutral),
    ] {
        assert_eq!(Analyzer::for_lang(tag), analyzer, "{tag}");
    }
}

#[test]
fn register_adds_every_analyser() {
    let manager = TokenizerManager::new();
    register(&manager);
    for analyzer in Analyzer::ALL {
        let mut registered = manager.get(analyzer.name()).unwrap();
        let mut stream = registered.token_stream("Музеї museums");
        let mut terms = Vec::new();
        stream.process(&mut |t| terms.push(t.text.clone()));
        assert_eq!(terms, analyzer.terms("Музеї museums"));
        let mut pairs = manager.get(analyzer.pairs_name()).unwrap();
        let mut stream = pairs.token_stream("Музеї museums");
        let mut terms = Vec::new();
        stream.process(&mut |t| terms.push(t.text.clone()));
        assert_eq!(terms, analyzer.pairs("Музеї museums"));
    }
}

#[test]
fn pairs_are_adjacent_terms_at_the_first_ones_position() {
    let text = "Усть-Каменогорск, музей м’ясо";
    for analyzer in Analyzer::ALL {
        let terms = analyzer.terms(text);
        let joined: Vec<String> = terms
            .windows(2)
            .map(|w| format!("{}{PAIR_SEPARATOR}{}", w[0], w[1]))
            .collect();
        assert_eq!(analyzer.pairs(text), joined, "{analyzer:?}");
        let mut ta = analyzer.pairs_analyzer();
        let mut stream = ta.token_stream(text);
        let mut tokens = Vec::new();
        stream.process(&mut |t| tokens.push((t.position, &text[t.offset_from..t.offset_to])));
        assert_eq!(
            tokens,
            [
                (0, "Усть-Каменогорск"),
                (1, "Каменогорск, музей"),
                (2, "музей м’ясо")
            ],
            "{analyzer:?}"
        );
        assert!(analyzer.pairs("музей").is_empty(), "{analyzer:?}");
        assert!(analyzer.pairs("").is_empty(), "{analyzer:?}");
    }
}

#[test]
fn filters_keep_offsets_and_positions() {
    let text = "Новопсковський краєзнавчий музей";
    for analyzer in Analyzer::ALL {
        let mut ta = analyzer.text_analyzer();
        let mut stream = ta.token_stream(text);
        let mut tokens = Vec::new();
        stream.process(&mut |t| tokens.push((t.position, &text[t.offset_from..t.offset_to])));
        let expected: Vec<(usize, &str)> = text.split(' ').enumerate().collect();
        assert_eq!(tokens, expected, "{analyzer:?}");
    }
}

#[test]
fn english() {
    assert_groups(
        Analyzer::English,
        &[
            &["museum", "museums", "Museum's"],
            &["exhibition", "exhibitions"],
            &["library", "libraries"],
        ],
    );
    assert_distinct(Analyzer::English, &[("museum", "music")]);
}

#[test]
fn russian() {
    assert_groups(
        Analyzer::Russian,
        &[
            &["библиотека", "библиотеками", "библиотек"],
            &["музей", "музеи"],
            &["ёлка", "елка", "ЁЛКА"],
            &["выставка", "выставки"],
            &["конференция", "конференции"],
        ],
    );
    assert_distinct(Analyzer::Russian, &[("музей", "музыка")]);
}

/// Word groups from the Ukrainian seed news (and everyday museum vocabulary).
const UKRAINIAN_GROUPS: &[&[&str]] = &[
    &[
        "музей",
        "музеї",
        "музею",
        "музеям",
        "музеях",
        "музеями",
        "музеєм",
        "музеїв",
    ],
    &[
        "виставка",
        "виставки",
        "виставці",
        "виставку",
        "виставкою",
        "виставками",
    ],
    &[
        "експонат",
        "експонату",
        "експонати",
        "експонатів",
        "експонатами",
        "експонаті",
    ],
    &[
        "колекція",
        "колекції",
        "колекцію",
        "колекцією",
        "колекцій",
        "колекціям",
    ],
    &[
        "бібліотека",
        "бібліотеки",
        "бібліотеці",
        "бібліотеку",
        "бібліотекою",
    ],
    &["конференція", "конференції", "конференцію", "конференцій"],
    &["проєкт", "проєкту", "проєкти", "проєктів", "проєктами"],
    &["співпраця", "співпраці", "співпрацю", "співпрацею"],
    &[
        "краєзнавчий",
        "краєзнавчого",
        "краєзнавчому",
        "краєзнавча",
        "краєзнавчі",
        "краєзнавчих",
    ],
    &[
        "етнографічний",
        "етнографічного",
        "етнографічні",
        "етнографічна",
    ],
    &[
        "Новопсковський",
        "Новопсковського",
        "Новопсковському",
        "Новопсковська",
        "Новопсковській",
    ],
    &["Львівський", "Львівської", "Львівського", "Львівська"],
    &["Луганська", "Луганської", "Луганській"],
    &["область", "області", "областю"],
    &["справа", "справи", "справі", "справу"],
    &["досвід", "досвіду", "досвідом"],
    &["культура", "культури", "культурі", "культуру"],
    &["культурний", "культурних", "культурна", "культурного"],
    &["архітектура", "архітектури", "архітектурі"],
    &["дипломатія", "дипломатії", "дипломатію"],
    &["традиція", "традиції", "традицій"],
    &["музейний", "музейна", "музейних", "музейної", "музейній"],
    &["працівник", "працівників", "працівники", "працівникам"],
    &["презентація", "презентації", "презентацію"],
    &["інформація", "інформації"],
    &["партнер", "партнерів", "партнерами"],
    &["сторінка", "сторінці", "сторінки"],
    &["газета", "газеті", "газети"],
    &["країна", "країну", "країни"],
    &["реалізувала", "реалізували", "реалізувало"],
    &["природа", "природи", "природі"],
    &["мережа", "мережі", "мережею"],
    &["заходи", "заходів", "заходами"],
    &["делегація", "делегаціями", "делегації"],
    &["зустріч", "зустрічі"],
    &["обмін", "обміну", "обміном"],
    &["інтеграція", "інтеграції"],
    &["костюм", "костюма", "костюмі"],
    &["путівник", "путівника"],
    &["книга", "книзі", "книги", "книгою"],
    &["перемога", "перемозі", "перемоги"],
    &["процес", "процесі", "процесу"],
    &["створення", "створенням", "створенні", "створень"],
    &["вивчення", "вивченню"],
    &["м’ясо", "м'яса", "мʼясом"],
    &["подвір’я", "подвір'ї"],
    &["відбулася", "відбулось"],
];

#[test]
fn ukrainian_word_forms_share_a_stem() {
    assert!(UKRAINIAN_GROUPS.len() >= 40);
    assert_groups(Analyzer::Ukrainian, UKRAINIAN_GROUPS);
}

#[test]
fn ukrainian_words_do_not_collide() {
    assert_distinct(
        Analyzer::Ukrainian,
        &[
            ("музей", "музика"),
            ("музей", "музейний"),
            ("виставка", "вистава"),
            ("праця", "право"),
            ("край", "краса"),
            ("архів", "архітектура"),
            ("етнографічний", "етнографія"),
            ("колекція", "коло"),
            ("книга", "кінь"),
            ("проєкт", "простір"),
        ],
    );
}

/// Word groups from the Kazakh seed news, each with Cyrillic and Latin (2021 or plain) spellings.
const KAZAKH_GROUPS: &[&[&str]] = &[
    &[
        "мұражай",
        "мұражайлары",
        "мұражайлардың",
        "мұражайда",
        "мұражайға",
        "murajai",
        "mūrajaiy",
    ],
    &[
        "көрме",
        "көрмесі",
        "көрмеге",
        "көрмелер",
        "көрмеде",
        "körme",
        "korme",
    ],
    &["ұлттық", "ұлттықтың", "ūlttyq", "ulttyq"],
    &["қазына", "қазынасы", "қазынаның", "qazyna", "qazynasy"],
    &[
        "жәдігер",
        "жәдігерлері",
        "жәдігерлер",
        "jädiger",
        "jadigerleri",
    ],
    &[
        "кітапхана",
        "кітапханасы",
        "кітапханада",
        "кітапханалар",
        "kitaphana",
    ],
    &[
        "конференция",
        "конференциясы",
        "конференцияға",
        "конференцияның",
        "konferentsiia",
    ],
    &["Алтай", "Алтайдың", "Алтайға", "Altai", "altai"],
    &["Алтын адам", "Altyn adam", "ALTYN ADAM"],
    &[
        "Қазақстан",
        "Қазақстанның",
        "Қазақстанда",
        "Qazaqstan",
        "qazaqstandyng",
    ],
    &["Шығыс Қазақстан", "Şyğys Qazaqstan", "Shygys Qazaqstan"],
    &[
        "музей",
        "музейлері",
        "музейлердің",
        "музейлерді",
        "muzei",
        "muzeilerde",
    ],
    &["республика", "республикасы", "respublika"],
    &["халықаралық", "halyqaralyq"],
    &["тәжірибе", "тәжірибелері", "тәжірибелерді", "täjiribe"],
    &["мәселе", "мәселелер", "мәселелерді", "mäsele"],
    &["жол", "жолдары", "жолдарда", "jol"],
    &["тақырып", "тақырыптары", "taqyryp"],
    &["отырыс", "отырыстар", "otyrys"],
    &["жұмыс", "жұмыстары", "jūmys", "jumys"],
    &["темір", "temir"],
    &["жоба", "жобасы", "жобасының", "жобалардың", "joba"],
    &["кеңістік", "кеңістіктері", "keñistik", "kengistik"],
    &["сала", "саласы", "саласындағы", "sala"],
    &["басшы", "басшылары", "basshy"],
    &["қызметкер", "қызметкерлері", "qyzmetker"],
    &["өкіл", "өкілдері", "ökil", "okil"],
    &["мүше", "мүшелері", "müşe", "mushe"],
    &["әлем", "әлемнің", "älem"],
    &["орган", "органдар", "organ"],
];

#[test]
fn kazakh_word_forms_share_a_term_in_both_scripts() {
    assert!(KAZAKH_GROUPS.len() >= 30);
    assert_groups(Analyzer::Kazakh, KAZAKH_GROUPS);
}

#[test]
fn kazakh_words_do_not_collide() {
    assert_distinct(
        Analyzer::Kazakh,
        &[
            ("мұражай", "музыка"),
            ("көрме", "көмек"),
            ("қазына", "қазақ"),
            ("жол", "жоба"),
            ("кітапхана", "кітап"),
            ("алтын", "алты"),
            ("сала", "салт"),
        ],
    );
}

#[test]
fn neutral_folds_scripts_without_stemming() {
    assert_groups(
        Analyzer::Neutral,
        &[
            &["Алтын адам", "Altyn adam", "ALTYN ADAM", "Altyn Adam"],
            &["ёлка", "елка", "Ёлка"],
            &["м’ясо", "мʼясо", "м'ясо"],
            &["Қазақстан", "Qazaqstan"],
            &["Шығыс", "Şyğys", "Shygys"],
            &["Києва", "Kiieva"],
            &["Їжак", "Yijak"],
            &["Ґалаґан", "Galagan"],
        ],
    );
    assert_distinct(
        Analyzer::Neutral,
        &[("музеї", "музей"), ("museums", "museum"), ("алтын", "алты")],
    );
}
