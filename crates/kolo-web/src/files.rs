//! Downloading an attached document: `/files/{id}`, the bytes as uploaded, with the type its
//! content was found to have and its original name. A file's bytes never change under its id,
//! so answers are cacheable for good and revalidate by their SHA-256.

use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use kolo_domain::MediaId;
use kolo_media::FileFormat;
use kolo_store::repo::files;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

pub fn routes() -> Router<AppState> {
    Router::new().route("/files/{id}", get(download))
}

/// Where the public downloads file `id`.
pub fn download_path(id: &MediaId) -> String {
    format!("/files/{id}")
}

/// A file's size as readers read it: "340 KB", "12.5 MB".
pub fn human_size(tr: &crate::i18n::Tr, bytes: i64) -> String {
    const KB: u64 = 1000;
    let bytes = bytes.max(0).unsigned_abs();
    let (id, amount) = if bytes < KB * KB {
        ("file-size-kb", bytes.div_ceil(KB).to_string())
    } else {
        (
            "file-size-mb",
            format!("{:.1}", bytes as f64 / (KB * KB) as f64),
        )
    };
    tr.args(id, &[("count", amount.into())])
}

/// What the public and staff pages show of `file`: its format's name, else its type.
pub fn format_label(file: &files::FileRecord) -> String {
    FileFormat::from_mime(&file.mime).map_or_else(|| file.mime.clone(), FileFormat::label)
}

/// `Content-Disposition` for `filename`: shown in the browser (PDF) or saved, under its own
/// name in any script (RFC 6266 `filename*`) and an ASCII stand-in for old clients.
fn disposition(format: Option<FileFormat>, filename: &str) -> String {
    let how = if format.is_some_and(FileFormat::shown_inline) {
        "inline"
    } else {
        "attachment"
    };
    let ascii: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = utf8_percent_encode(filename, NON_ALPHANUMERIC);
    format!("{how}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

async fn download(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let id = MediaId::parse(&id).map_err(|_| AppError::NotFound)?;
    let record = state.store.read(move |c| files::get(c, &id)).await?;
    let etag = format!("\"{}\"", record.sha256);
    let cache = (
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    let etag_header = (
        header::ETAG,
        HeaderValue::from_str(&etag).map_err(|e| AppError::Internal(e.into()))?,
    );
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        return Ok((StatusCode::NOT_MODIFIED, [cache, etag_header]).into_response());
    }
    let bytes = state
        .media
        .file(&record.id)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let format = FileFormat::from_mime(&record.mime);
    let value = |s: &str| HeaderValue::from_str(s).map_err(|e| AppError::Internal(e.into()));
    Ok((
        [
            (header::CONTENT_TYPE, value(&record.mime)?),
            (
                header::CONTENT_DISPOSITION,
                value(&disposition(format, &record.original_filename))?,
            ),
            cache,
            etag_header,
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_any_script_survive_the_disposition() {
        assert_eq!(
            disposition(Some(FileFormat::Pdf), "Путівник 2024.pdf"),
            "inline; filename=\"________ 2024.pdf\"; filename*=UTF-8''%D0%9F%D1%83%D1%82%D1%96%D0%B2%D0%BD%D0%B8%D0%BA%202024%2Epdf"
        );
        let saved = disposition(Some(FileFormat::Docx), "a\"b\\c.docx");
        assert!(
            saved.starts_with("attachment; filename=\"a_b_c.docx\""),
            "{saved}"
        );
    }
}
