//! Markdown written by staff (post bodies), rendered to HTML and sanitised: whatever the text
//! holds, the page gets no script, no event handler and no `javascript:` link.

use pulldown_cmark::{Event, Options, Parser, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

/// The text as safe HTML. Raw HTML in the Markdown passes through the same sanitiser, which
/// keeps formatting and drops anything that runs.
pub fn to_html(markdown: &str) -> String {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, options()));
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&html)
        .to_string()
}

/// The text without its markup, paragraphs joined by spaces.
pub fn to_plain(markdown: &str) -> String {
    let mut plain = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => plain.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => plain.push(' '),
            _ => {}
        }
    }
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A summary for lists: the plain text's first `max_chars`, cut at a word, with an ellipsis.
pub fn summary(markdown: &str, max_chars: usize) -> String {
    let plain = to_plain(markdown);
    if plain.chars().count() <= max_chars {
        return plain;
    }
    let cut: String = plain.chars().take(max_chars).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', '.', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_javascript_links_are_removed() {
        let html = to_html(
            "**Bold** <script>alert(1)</script> [x](javascript:alert(2)) \
             <img src=\"a.png\" onerror=\"alert(3)\">",
        );
        assert!(html.contains("<strong>Bold</strong>"), "{html}");
        for bad in ["<script", "alert(1)", "javascript:", "onerror"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }

    #[test]
    fn summaries_are_plain_and_cut_at_a_word() {
        assert_eq!(to_plain("# Title\n\nSome *text*."), "Title Some text.");
        assert_eq!(summary("one two three four", 10), "one two…");
        assert_eq!(summary("short", 10), "short");
    }
}
