//! Paste hygiene: text copied from a web page often brings the page along — a paragraph
//! repeated by the site's layout, cookie notices, share buttons, "see all events" links and the
//! list of other news below the article. [`paste_issues`] names them so the editor can warn;
//! [`clean_paste`] returns the text without them, for the editor to review before saving.

/// Lines that are the page's furniture, not the text (compared lower-cased, trimmed).
const BOILERPLATE: &[&str] = &[
    "see all events",
    "all events",
    "all news",
    "share",
    "share this",
    "print",
    "посмотреть все события",
    "все события",
    "все новости",
    "поделиться",
    "поделитесь",
    "версия для печати",
    "усі події",
    "всі події",
    "усі новини",
    "поділитися",
    "барлық оқиғалар",
    "барлық жаңалықтар",
    "бөлісу",
];

/// Headings after which a page lists its other articles: everything from there on goes.
const TRAILING_LISTS: &[&str] = &[
    "other events",
    "other news",
    "read also",
    "related news",
    "другие события",
    "другие новости",
    "читать также",
    "читайте также",
    "інші події",
    "інші новини",
    "читайте також",
    "басқа оқиғалар",
    "басқа жаңалықтар",
];

/// Words that mark a cookie or tracking notice, whatever its length.
const NOTICE_WORDS: &[&str] = &["cookie", "куки", "кукі"];

/// A paragraph shorter than this may repeat for good reason (a date, a refrain).
const MIN_REPEATED_CHARS: usize = 40;

/// Something in a pasted text that looks like it came with the page rather than the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasteIssue {
    /// The paragraph appears `times` times.
    Repeated { paragraph: String, times: usize },
    /// A line of page furniture: a link, a share button, a cookie notice.
    Boilerplate { line: String },
    /// A list of other articles, from this heading to the end.
    TrailingList { heading: String },
}

impl PasteIssue {
    /// The reason code the web layer translates (`paste-repeated`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            PasteIssue::Repeated { .. } => "paste-repeated",
            PasteIssue::Boilerplate { .. } => "paste-boilerplate",
            PasteIssue::TrailingList { .. } => "paste-trailing-list",
        }
    }

    /// The text it is about, shortened for a warning.
    pub fn excerpt(&self) -> String {
        let text = match self {
            PasteIssue::Repeated { paragraph, .. } => paragraph,
            PasteIssue::Boilerplate { line } => line,
            PasteIssue::TrailingList { heading } => heading,
        };
        let mut short: String = text.chars().take(80).collect();
        if short.len() < text.len() {
            short.push('…');
        }
        short
    }
}

fn normalised(line: &str) -> String {
    line.trim()
        .trim_end_matches([':', '.', '…', '>', '»', '→'])
        .trim()
        .to_lowercase()
}

fn is_boilerplate(line: &str) -> bool {
    let n = normalised(line);
    BOILERPLATE.contains(&n.as_str()) || NOTICE_WORDS.iter().any(|w| n.contains(w))
}

fn is_trailing_heading(line: &str) -> bool {
    TRAILING_LISTS.contains(&normalised(line).as_str())
}

/// The issues in `text`, in the order they first appear; each repeated paragraph once.
pub fn paste_issues(text: &str) -> Vec<PasteIssue> {
    let mut issues = Vec::new();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let end = lines
        .iter()
        .position(|l| is_trailing_heading(l))
        .unwrap_or(lines.len());
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for line in &lines[..end] {
        if line.is_empty() {
            continue;
        }
        if is_boilerplate(line) {
            issues.push(PasteIssue::Boilerplate {
                line: (*line).to_owned(),
            });
        } else if line.chars().count() >= MIN_REPEATED_CHARS {
            match counts.iter_mut().find(|(l, _)| l == line) {
                Some((_, n)) => *n += 1,
                None => counts.push((line, 1)),
            }
        }
    }
    issues.extend(
        counts
            .into_iter()
            .filter(|(_, n)| *n > 1)
            .map(|(l, times)| PasteIssue::Repeated {
                paragraph: l.to_owned(),
                times,
            }),
    );
    if let Some(heading) = lines.get(end) {
        issues.push(PasteIssue::TrailingList {
            heading: (*heading).to_owned(),
        });
    }
    issues
}

/// `text` without the issues [`paste_issues`] finds: repeated paragraphs kept once (the first),
/// furniture lines and trailing lists dropped, runs of blank lines made one.
pub fn clean_paste(text: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if is_trailing_heading(trimmed) {
            break;
        }
        if is_boilerplate(trimmed) {
            continue;
        }
        if trimmed.chars().count() >= MIN_REPEATED_CHARS && !seen.insert(trimmed) {
            continue;
        }
        if trimmed.is_empty() && kept.last().is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        kept.push(line.trim_end());
    }
    while kept.last().is_some_and(|l| l.is_empty()) {
        kept.pop();
    }
    kept.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seed text about the National Museum's conference: two paragraphs pasted ten and
    /// nine times over.
    const KAZAKH: &str = "Қазақстан Республикасы Ұлттық музейінің 5 жылдығына орай конференция өтеді.
Аталған көрмеге Елекесазы қорымындағы археологиялық ғылыми-зерттеу жұмыстары барысында табылған ерте темір дәуірінің бірегей жәдігерлері алғаш рет ұсынылады
Сондай-ақ конференция барысында «Алтын адамның әлем музейлеріне шеруі» жобасының таныстырылымы өтеді
Аталған көрмеге Елекесазы қорымындағы археологиялық ғылыми-зерттеу жұмыстары барысында табылған ерте темір дәуірінің бірегей жәдігерлері алғаш рет ұсынылады
Сондай-ақ конференция барысында «Алтын адамның әлем музейлеріне шеруі» жобасының таныстырылымы өтеді
Аталған көрмеге Елекесазы қорымындағы археологиялық ғылыми-зерттеу жұмыстары барысында табылған ерте темір дәуірінің бірегей жәдігерлері алғаш рет ұсынылады";

    /// The end of the Victory Museum's announcement, with the page's list of other news.
    const RUSSIAN: &str = "Контактное лицо: начальник отдела регионального развития Музея Победы.

Поделиться

Другие события
Посмотреть все события
Интервью директора Новосибирского государственного краеведческого музея
24 ноября 2025";

    const COOKIES: &str = "18 АПРЕЛЯ 2024 ГОДА. ВТОРОЙ ДЕНЬ

Этот сайт использует файлы cookies и сервисы сбора технических данных посетителей для обеспечения работоспособности.";

    #[test]
    fn repeated_paragraphs_are_found_and_kept_once() {
        let issues = paste_issues(KAZAKH);
        assert_eq!(issues.len(), 2, "{issues:?}");
        assert!(matches!(&issues[0], PasteIssue::Repeated { times: 3, .. }));
        assert!(matches!(&issues[1], PasteIssue::Repeated { times: 2, .. }));
        let clean = clean_paste(KAZAKH);
        assert_eq!(clean.lines().count(), 3);
        assert!(paste_issues(&clean).is_empty());
    }

    #[test]
    fn share_buttons_and_the_list_of_other_news_go() {
        let issues = paste_issues(RUSSIAN);
        assert_eq!(
            issues,
            [
                PasteIssue::Boilerplate {
                    line: "Поделиться".into()
                },
                PasteIssue::TrailingList {
                    heading: "Другие события".into()
                },
            ]
        );
        assert_eq!(
            clean_paste(RUSSIAN),
            "Контактное лицо: начальник отдела регионального развития Музея Победы."
        );
    }

    #[test]
    fn cookie_notices_and_ukrainian_links_go_and_plain_text_stays() {
        assert_eq!(clean_paste(COOKIES), "18 АПРЕЛЯ 2024 ГОДА. ВТОРОЙ ДЕНЬ");
        let uk = "Проєкт «Міжмузейна дипломатія».\n\nУсі події »\nПоділитися:";
        assert_eq!(paste_issues(uk).len(), 2);
        assert_eq!(clean_paste(uk), "Проєкт «Міжмузейна дипломатія».");
        let plain = "Перший абзац.\n\nДругий абзац.";
        assert!(paste_issues(plain).is_empty());
        assert_eq!(clean_paste(plain), plain);
    }

    #[test]
    fn the_seed_texts_are_cleaned() {
        let kazakh = include_str!("../testdata/kazakh-conference-paste.txt");
        assert!(
            paste_issues(kazakh)
                .iter()
                .any(|i| matches!(i, PasteIssue::Repeated { times: 10, .. }))
        );
        assert!(clean_paste(kazakh).len() < kazakh.len() / 2);
    }
}
