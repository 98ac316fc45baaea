//! Attached files (a publication's PDF, a programme as a Word file): the format is told by
//! content (`infer`), never by the name or the type the browser sends, and must be one of the
//! document formats below; a name whose extension says otherwise is refused, so a program
//! renamed to `report.pdf` never reaches a reader. The bytes are stored as they came, under
//! `files/<id>`.

use bytes::Bytes;
use sha2::{Digest, Sha256};

/// The document formats an attachment may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    Pdf,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Odp,
    Doc,
    Xls,
    Ppt,
    Rtf,
    Epub,
}

impl FileFormat {
    pub const ALL: [FileFormat; 12] = [
        FileFormat::Pdf,
        FileFormat::Docx,
        FileFormat::Xlsx,
        FileFormat::Pptx,
        FileFormat::Odt,
        FileFormat::Ods,
        FileFormat::Odp,
        FileFormat::Doc,
        FileFormat::Xls,
        FileFormat::Ppt,
        FileFormat::Rtf,
        FileFormat::Epub,
    ];

    pub fn mime(self) -> &'static str {
        match self {
            FileFormat::Pdf => "application/pdf",
            FileFormat::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileFormat::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            FileFormat::Odt => "application/vnd.oasis.opendocument.text",
            FileFormat::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            FileFormat::Odp => "application/vnd.oasis.opendocument.presentation",
            FileFormat::Doc => "application/msword",
            FileFormat::Xls => "application/vnd.ms-excel",
            FileFormat::Ppt => "application/vnd.ms-powerpoint",
            FileFormat::Rtf => "application/rtf",
            FileFormat::Epub => "application/epub+zip",
        }
    }

    /// The usual extension, first, and others a name of this format may end with.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            FileFormat::Pdf => &["pdf"],
            FileFormat::Docx => &["docx"],
            FileFormat::Xlsx => &["xlsx"],
            FileFormat::Pptx => &["pptx"],
            FileFormat::Odt => &["odt"],
            FileFormat::Ods => &["ods"],
            FileFormat::Odp => &["odp"],
            FileFormat::Doc => &["doc"],
            FileFormat::Xls => &["xls"],
            FileFormat::Ppt => &["ppt", "pps"],
            FileFormat::Rtf => &["rtf"],
            FileFormat::Epub => &["epub"],
        }
    }

    /// What readers are told the file is: "PDF", "DOCX".
    pub fn label(self) -> String {
        self.extensions()[0].to_uppercase()
    }

    pub fn from_mime(mime: &str) -> Option<FileFormat> {
        FileFormat::ALL.into_iter().find(|f| f.mime() == mime)
    }

    /// Browsers show a PDF themselves; every other format is offered for download.
    pub fn shown_inline(self) -> bool {
        self == FileFormat::Pdf
    }
}

/// Why a file was refused. [`FileRefused::reason`] is the stable code clients see.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileRefused {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than the limit of {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the file is {}, not a PDF, office or e-book document", found.unwrap_or("of an unknown type"))]
    UnsupportedType { found: Option<&'static str> },
    #[error("the file is {} but its name ends in .{extension}", format.label())]
    TypeMismatch {
        format: FileFormat,
        extension: String,
    },
}

impl FileRefused {
    pub fn reason(&self) -> &'static str {
        match self {
            FileRefused::Empty => "empty",
            FileRefused::TooLarge { .. } => "too-large",
            FileRefused::UnsupportedType { .. } => "unsupported-type",
            FileRefused::TypeMismatch { .. } => "type-mismatch",
        }
    }

    pub fn limit(&self) -> Option<u64> {
        match self {
            FileRefused::TooLarge { limit } => Some(*limit),
            _ => None,
        }
    }
}

/// An accepted file.
#[derive(Clone, Debug)]
pub struct CheckedFile {
    pub format: FileFormat,
    pub bytes: Bytes,
    /// Of the bytes, hex.
    pub sha256: String,
}

/// Checks an upload named `filename` against `max_bytes` and the formats above.
pub fn check(filename: &str, bytes: Bytes, max_bytes: u64) -> Result<CheckedFile, FileRefused> {
    if bytes.is_empty() {
        return Err(FileRefused::Empty);
    }
    if bytes.len() as u64 > max_bytes {
        return Err(FileRefused::TooLarge { limit: max_bytes });
    }
    let found = infer::get(&bytes).map(|t| t.mime_type());
    let format = match found {
        Some("application/zip") => office_open_xml(&bytes),
        other => other.and_then(FileFormat::from_mime),
    }
    .ok_or(FileRefused::UnsupportedType { found })?;
    if let Some((_, extension)) = filename.rsplit_once('.') {
        let extension = extension.to_lowercase();
        if !format.extensions().contains(&extension.as_str()) {
            return Err(FileRefused::TypeMismatch { format, extension });
        }
    }
    let sha256 = hex::encode(Sha256::digest(&bytes));
    Ok(CheckedFile {
        format,
        bytes,
        sha256,
    })
}

/// What an Office Open XML package is, by the part that defines it. `infer` looks only at the
/// first few entries of a ZIP, where small files and LibreOffice's put other parts, and then
/// calls the file a plain ZIP.
fn office_open_xml(bytes: &[u8]) -> Option<FileFormat> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let has = |name: &str| archive.index_for_name(name).is_some();
    if !has("[Content_Types].xml") {
        return None;
    }
    [
        ("word/document.xml", FileFormat::Docx),
        ("xl/workbook.xml", FileFormat::Xlsx),
        ("ppt/presentation.xml", FileFormat::Pptx),
    ]
    .into_iter()
    .find(|(part, _)| has(part))
    .map(|(_, format)| format)
}

/// Where a file's bytes are kept.
pub fn file_key(id: &kolo_domain::MediaId) -> String {
    format!("files/{id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] =
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

    #[test]
    fn a_pdf_is_told_by_its_content_and_checked_against_its_name() {
        let ok = check("Путівник.PDF", Bytes::from_static(PDF), 1_000).unwrap();
        assert_eq!(ok.format, FileFormat::Pdf);
        assert_eq!(ok.sha256.len(), 64);
        // No extension at all: the content decides.
        assert_eq!(
            check("guide", Bytes::from_static(PDF), 1_000)
                .unwrap()
                .format,
            FileFormat::Pdf
        );
        assert_eq!(
            check("guide.docx", Bytes::from_static(PDF), 1_000).unwrap_err(),
            FileRefused::TypeMismatch {
                format: FileFormat::Pdf,
                extension: "docx".into()
            }
        );
    }

    #[test]
    fn programs_pages_and_oversized_files_are_refused() {
        let exe = Bytes::from_static(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00");
        let refused = check("report.pdf", exe, 1_000).unwrap_err();
        assert_eq!(refused.reason(), "unsupported-type");
        assert!(refused.to_string().contains("application/"), "{refused}");
        let html = Bytes::from_static(b"<!DOCTYPE html><html><script>alert(1)</script></html>");
        assert_eq!(
            check("a.pdf", html, 1_000).unwrap_err().reason(),
            "unsupported-type"
        );
        let big = check("a.pdf", Bytes::from_static(PDF), 10).unwrap_err();
        assert_eq!((big.reason(), big.limit()), ("too-large", Some(10)));
        assert_eq!(
            check("a.pdf", Bytes::new(), 10).unwrap_err(),
            FileRefused::Empty
        );
    }

    /// A ZIP of `entries` (names and contents), stored uncompressed.
    fn zipped(entries: &[(&str, &str)]) -> Bytes {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, text) in entries {
            z.start_file(*name, stored).unwrap();
            z.write_all(text.as_bytes()).unwrap();
        }
        Bytes::from(z.finish().unwrap().into_inner())
    }

    #[test]
    fn office_packages_are_told_by_their_parts_in_any_order() {
        let types = ("[Content_Types].xml", "<Types/>");
        for (parts, want) in [
            (
                vec![
                    types,
                    ("_rels/.rels", "<r/>"),
                    ("word/document.xml", "<w/>"),
                ],
                FileFormat::Docx,
            ),
            (
                vec![
                    ("docProps/app.xml", "<a/>"),
                    ("xl/workbook.xml", "<x/>"),
                    types,
                ],
                FileFormat::Xlsx,
            ),
            (
                vec![types, ("ppt/presentation.xml", "<p/>")],
                FileFormat::Pptx,
            ),
        ] {
            let name = format!("file.{}", want.extensions()[0]);
            assert_eq!(check(&name, zipped(&parts), 100_000).unwrap().format, want);
        }
        let plain = check("a.docx", zipped(&[("notes.txt", "hi")]), 100_000).unwrap_err();
        assert_eq!(
            plain,
            FileRefused::UnsupportedType {
                found: Some("application/zip")
            }
        );
    }

    #[test]
    fn every_format_knows_its_mime_type_and_label() {
        for format in FileFormat::ALL {
            assert_eq!(FileFormat::from_mime(format.mime()), Some(format));
            assert!(!format.label().is_empty());
        }
        assert_eq!(FileFormat::Docx.label(), "DOCX");
    }
}
