//! XML as the formats of this crate need it: an element tree read without DTD processing or
//! entity expansion (so no XML bombs and no external entities), optionally handed over one
//! record at a time, and an indenting writer whose escaping survives XML's normalisation.
//!
//! Elements and attributes are named by their local names (`lido:term` is `term`, `xml:lang` is
//! `lang`): the formats read here do not reuse a local name across namespaces where it matters.

use quick_xml::events::Event as XmlEvent;
use std::fmt::Write as _;

/// Why an XML input was refused, with the line it happened on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XmlError {
    pub line: usize,
    pub message: String,
}

/// Bounds on what a reader holds in memory at once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub max_depth: usize,
    /// Elements held at once (a record handed over by [`Records`] no longer counts).
    pub max_elements: usize,
}

/// An element of the input, and where it began.
#[derive(Debug)]
pub(crate) struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub text: String,
    /// Byte offset of the start tag in the input.
    pub pos: usize,
}

impl Node {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> {
        self.children.iter().filter(move |c| c.name == name)
    }

    pub fn text_of(&self, name: &str) -> Option<String> {
        self.child(name).map(|c| c.text.clone())
    }

    fn count(&self) -> usize {
        1 + self.children.iter().map(Node::count).sum::<usize>()
    }
}

pub(crate) fn line_of(prefix: &str) -> usize {
    prefix.bytes().filter(|b| *b == b'\n').count() + 1
}

/// The line of byte offset `pos` in `text`.
pub(crate) fn line_at(text: &str, pos: usize) -> usize {
    let mut end = pos.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    line_of(&text[..end])
}

/// The input as UTF-8, or the line where it stops being UTF-8.
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, XmlError> {
    std::str::from_utf8(bytes).map_err(|e| XmlError {
        line: line_of(std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default()),
        message: "the file is not UTF-8".into(),
    })
}

/// The characters XML 1.0 allows; others cannot be written, so they are not read either.
pub(crate) fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn push_xml_text(target: &mut String, text: &str) {
    target.extend(text.chars().filter(|c| xml_char(*c)));
}

/// The whole document as one tree.
pub(crate) fn parse_tree(text: &str, limits: Limits) -> Result<Node, XmlError> {
    let mut records = Records::new(text, limits, None);
    records.next_record()?;
    Ok(records.finish()?.expect("only a record can be handed over"))
}

/// A document read record by record: every element named `record` is handed over by
/// [`Records::next_record`] as soon as it is complete, and left out of the tree [`Records::finish`]
/// gives at the end (none when the root itself was a record), so a file of many records is
/// never held whole.
pub(crate) struct Records<'a> {
    text: &'a str,
    reader: quick_xml::Reader<&'a [u8]>,
    limits: Limits,
    record: Option<&'a str>,
    stack: Vec<Node>,
    root: Option<Node>,
    elements: usize,
    root_was_record: bool,
}

impl<'a> Records<'a> {
    pub fn new(text: &'a str, limits: Limits, record: Option<&'a str>) -> Self {
        Records {
            text,
            reader: quick_xml::Reader::from_str(text),
            limits,
            record,
            stack: Vec::new(),
            root: None,
            elements: 0,
            root_was_record: false,
        }
    }

    /// The next complete record; none at the end of the document.
    pub fn next_record(&mut self) -> Result<Option<Node>, XmlError> {
        let text = self.text;
        let limits = self.limits;
        let at = |pos: u64| line_at(text, usize::try_from(pos).unwrap_or(usize::MAX));
        loop {
            let reader = &mut self.reader;
            let stack = &mut self.stack;
            let pos = reader.buffer_position();
            let event = reader.read_event().map_err(|e| XmlError {
                line: at(reader.error_position()),
                message: format!("malformed XML: {e}"),
            })?;
            let fail = |message: String| XmlError {
                line: at(pos),
                message,
            };
            let start = |e: &quick_xml::events::BytesStart| -> Result<Node, XmlError> {
                let mut attrs = Vec::new();
                for attr in e.attributes() {
                    let attr = attr.map_err(|e| fail(format!("malformed attribute: {e}")))?;
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| fail(format!("malformed attribute value: {e}")))?;
                    let mut clean = String::new();
                    push_xml_text(&mut clean, &value);
                    attrs.push((
                        String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned(),
                        clean,
                    ));
                }
                Ok(Node {
                    name: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
                    attrs,
                    children: Vec::new(),
                    text: String::new(),
                    pos: usize::try_from(pos).unwrap_or(usize::MAX),
                })
            };
            let mut finished = None;
            match event {
                XmlEvent::DocType(doctype) => {
                    let doctype = doctype.decode().unwrap_or_default().to_ascii_uppercase();
                    if doctype.contains("<!ENTITY") {
                        return Err(fail(
                            "refused: the DOCTYPE declares entities (<!ENTITY …>); the format needs \
                             none, and expanding them is how XML bombs (billion laughs) work"
                                .into(),
                        ));
                    }
                }
                XmlEvent::Start(e) => {
                    if stack.len() >= limits.max_depth {
                        return Err(fail(format!(
                            "refused: elements nested deeper than {}",
                            limits.max_depth
                        )));
                    }
                    stack.push(start(&e)?);
                }
                XmlEvent::Empty(e) => finished = Some(start(&e)?),
                XmlEvent::End(_) => finished = stack.pop(),
                XmlEvent::Text(t) => {
                    if let Some(top) = stack.last_mut() {
                        let t = t
                            .xml10_content()
                            .map_err(|e| fail(format!("malformed text: {e}")))?;
                        push_xml_text(&mut top.text, &t);
                    }
                }
                XmlEvent::CData(t) => {
                    if let Some(top) = stack.last_mut() {
                        let t = t
                            .xml10_content()
                            .map_err(|e| fail(format!("malformed CDATA: {e}")))?;
                        push_xml_text(&mut top.text, &t);
                    }
                }
                XmlEvent::GeneralRef(r) => {
                    let resolved = match r
                        .resolve_char_ref()
                        .map_err(|e| fail(format!("bad character reference: {e}")))?
                    {
                        Some(c) => c.to_string(),
                        None => {
                            let name = r.decode().unwrap_or_default();
                            quick_xml::escape::resolve_predefined_entity(&name)
                                .ok_or_else(|| {
                                    fail(format!(
                                        "unknown entity &{name}; (entities other than XML's five are \
                                         never expanded)"
                                    ))
                                })?
                                .to_owned()
                        }
                    };
                    if let Some(top) = stack.last_mut() {
                        push_xml_text(&mut top.text, &resolved);
                    }
                }
                XmlEvent::Eof => return Ok(None),
                XmlEvent::Decl(_) | XmlEvent::PI(_) | XmlEvent::Comment(_) => {}
            }
            if let Some(node) = finished {
                self.elements += 1;
                if self.elements > limits.max_elements {
                    return Err(fail(format!(
                        "refused: more than {} elements",
                        limits.max_elements
                    )));
                }
                if self.record == Some(node.name.as_str()) {
                    self.elements -= node.count();
                    self.root_was_record |= stack.is_empty();
                    return Ok(Some(node));
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None if self.root.is_none() => self.root = Some(node),
                    None => return Err(fail("a second root element".into())),
                }
            }
        }
    }

    /// The document without its records, once [`Records::next_record`] gave none; refuses a
    /// document that ends early or has no root.
    pub fn finish(&mut self) -> Result<Option<Node>, XmlError> {
        let text = self.text;
        if let Some(open) = self.stack.last() {
            return Err(XmlError {
                line: line_of(text),
                message: format!(
                    "the XML ends early: <{}> from line {} is never closed",
                    open.name,
                    line_at(text, open.pos)
                ),
            });
        }
        if self.root.is_none() && !self.root_was_record {
            return Err(XmlError {
                line: line_of(text),
                message: "no root element".into(),
            });
        }
        Ok(self.root.take())
    }
}

/// Indented XML; leaf text is written exactly, so only element-only content gets whitespace.
#[derive(Default)]
pub(crate) struct XmlWriter {
    pub buf: String,
    depth: usize,
}

impl XmlWriter {
    /// A document: the XML declaration first.
    pub fn document() -> Self {
        let mut w = Self::default();
        w.buf
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, Option<&str>)]) {
        self.indent();
        self.buf.push('<');
        self.buf.push_str(name);
        for (key, value) in attrs {
            if let Some(value) = value {
                let _ = write!(self.buf, " {key}=\"");
                escape_xml(&mut self.buf, value, true);
                self.buf.push('"');
            }
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.buf.push_str("  ");
        }
    }

    pub fn open(&mut self, name: &str, attrs: &[(&str, Option<&str>)]) {
        self.tag(name, attrs);
        self.buf.push_str(">\n");
        self.depth += 1;
    }

    pub fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.indent();
        let _ = writeln!(self.buf, "</{name}>");
    }

    pub fn leaf(&mut self, name: &str, attrs: &[(&str, Option<&str>)], text: &str) {
        self.tag(name, attrs);
        if text.is_empty() {
            self.buf.push_str("/>\n");
        } else {
            self.buf.push('>');
            escape_xml(&mut self.buf, text, false);
            let _ = writeln!(self.buf, "</{name}>");
        }
    }

    pub fn opt_leaf(&mut self, name: &str, text: Option<&str>) {
        if let Some(text) = text {
            self.leaf(name, &[], text);
        }
    }

    /// A fragment another writer rendered (one element), placed at the current depth.
    pub fn fragment(&mut self, xml: &str) {
        for line in xml.lines() {
            // Only element-only lines are indented: text inside leaves stays exactly as written.
            if line.trim_start().starts_with('<') {
                self.indent();
            }
            self.buf.push_str(line);
            self.buf.push('\n');
        }
    }

    pub fn finish(self) -> String {
        self.buf
    }
}

/// Escapes markup, and writes `\r` (and in attributes `\n` and `\t`) as character references so
/// that XML's line-end and attribute normalisation give them back unchanged.
pub(crate) fn escape_xml(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars().filter(|c| xml_char(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits {
        max_depth: 8,
        max_elements: 100,
    };

    #[test]
    fn xml_text_survives_escaping_and_normalisation() {
        let mut out = String::new();
        escape_xml(&mut out, "a<b>&\"c\"\r\n\t\u{1}\u{FFFE}ü", false);
        assert_eq!(out, "a&lt;b&gt;&amp;\"c\"&#13;\n\tü");
        out.clear();
        escape_xml(&mut out, "\"x\"\n\t", true);
        assert_eq!(out, "&quot;x&quot;&#10;&#9;");
    }

    #[test]
    fn records_are_handed_over_and_left_out_of_the_tree() {
        let text = "<list>\n<head>h</head>\n<r n=\"1\"><v>a</v></r>\n<r n=\"2\"/>\n</list>";
        let mut seen = Vec::new();
        let limits = Limits {
            max_depth: 8,
            // Five elements in all, never more than four held at once.
            max_elements: 4,
        };
        let mut records = Records::new(text, limits, Some("r"));
        while let Some(r) = records.next_record().unwrap() {
            seen.push((
                r.attr("n").unwrap().to_owned(),
                line_at(text, r.pos),
                r.text_of("v"),
            ));
        }
        assert_eq!(
            seen,
            [("1".into(), 3, Some("a".into())), ("2".into(), 4, None)]
        );
        let root = records.finish().unwrap().unwrap();
        assert_eq!(root.children.len(), 1);
        assert_eq!(root.child("head").unwrap().text, "h");
        let mut early = Records::new("<list><r/><r>", limits, Some("r"));
        assert!(early.next_record().unwrap().is_some());
        assert!(early.next_record().unwrap().is_none());
        assert!(early.finish().unwrap_err().message.contains("never closed"));
        assert!(parse_tree(text, limits).is_err());
    }

    #[test]
    fn a_writer_nests_fragments_and_leaves_text_alone() {
        let mut w = XmlWriter::document();
        w.open("a", &[("x", Some("1\"")), ("y", None)]);
        w.fragment("<b>\n  <c>one\ntwo</c>\n</b>");
        w.leaf("d", &[], "");
        w.close("a");
        assert_eq!(
            w.finish(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a x=\"1&quot;\">\n  <b>\n    <c>one\ntwo</c>\n  </b>\n  <d/>\n</a>\n"
        );
        let root = parse_tree("<a><b>one\ntwo</b></a>", LIMITS).unwrap();
        assert_eq!(root.text_of("b").as_deref(), Some("one\ntwo"));
    }
}
