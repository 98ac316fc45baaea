//! Importing an event's programme from a conference tool's schedule file (Frab `schedule.xml` or
//! `schedule.json`, as pretalx, Indico and frab export it): a file upload, then a page saying
//! what was imported, or every problem found, with nothing changed.

use super::outcome_pages::overlap_sentences;
use super::*;
use crate::programme_files::{self, ScheduleFile};
use axum::extract::Multipart;
use kolo_domain::Event;
use kolo_interop::frab;
use kolo_store::repo::events;

page_template!(ProgrammeImportPage, "staff_programme_import.html" {
    event_title: String,
    slug: String,
    problems: Vec<String>,
    imported: Option<usize>,
    // Overlaps in one hall, as sentences.
    warnings: Vec<String>,
});

impl ProgrammeImportPage {
    pub fn done_text(&self) -> Option<String> {
        let count = i64::try_from(self.imported?).unwrap_or(i64::MAX);
        Some(
            self.ctx
                .tr
                .args("programme-import-done", &[("count", count.into())]),
        )
    }
}

pub(super) async fn programme_import_form(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let record = load_slug_record::<Event>(&state, &staff, slug).await?;
    show(
        ctx,
        &record.value,
        Vec::new(),
        None,
        Vec::new(),
        StatusCode::OK,
    )
}

fn show(
    ctx: PageCtx,
    event: &Event,
    problems: Vec<String>,
    imported: Option<usize>,
    warnings: Vec<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let event_title = ctx.pick(&event.title).text.to_owned();
    let head = Head::new(ctx.t("programme-import-title"));
    let page = ProgrammeImportPage {
        ctx,
        head,
        event_title,
        slug: event.slug.to_string(),
        problems,
        imported,
        warnings,
    };
    Ok((status, render(&page)?).into_response())
}

/// The upload's CSRF token and file, read as a stream with the file capped at the format's limit.
async fn read_upload(mut form: Multipart) -> Result<(String, Vec<u8>), String> {
    let (mut csrf, mut file) = (String::new(), None);
    while let Some(mut part) = form.next_field().await.map_err(|e| e.body_text())? {
        match part.name() {
            Some("csrf") => csrf = part.text().await.map_err(|e| e.body_text())?,
            Some("file") => {
                let mut bytes = Vec::new();
                while let Some(chunk) = part.chunk().await.map_err(|e| e.body_text())? {
                    if bytes.len() + chunk.len() > frab::MAX_BYTES {
                        return Err(format!("file: larger than {} bytes", frab::MAX_BYTES));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                file = Some(bytes);
            }
            _ => {}
        }
    }
    Ok((csrf, file.filter(|f| !f.is_empty()).unwrap_or_default()))
}

pub(super) async fn programme_import(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
    headers: HeaderMap,
    form: Multipart,
) -> Result<Response, AppError> {
    let upload = read_upload(form).await;
    let csrf = upload.as_ref().map(|(c, _)| c.as_str()).ok();
    check_csrf(&headers, Some(&staff.csrf), csrf)?;
    let record = load_slug_record::<Event>(&state, &staff, slug.clone()).await?;
    let refuse = |ctx, problems| {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        show(ctx, &record.value, problems, None, Vec::new(), status)
    };
    let bytes = match upload {
        Ok((_, bytes)) if !bytes.is_empty() => bytes,
        Ok(_) => return refuse(ctx.clone(), vec![ctx.t("programme-import-no-file")]),
        Err(why) => return refuse(ctx, vec![why]),
    };
    let file = match ScheduleFile::read(&bytes) {
        Ok(file) => file,
        Err(e) => return refuse(ctx, vec![e.to_string()]),
    };
    let user = staff.principal.clone();
    let written = state
        .write(move |c| programme_files::import(c, Some(&user), &slug, &file, None))
        .await;
    match written {
        Ok(done) => {
            let event = state
                .store
                .read(move |c| events::get(c, done.event_id))
                .await?;
            let warnings = overlap_sentences(&ctx, &done.items, &done.warnings);
            let count = Some(done.items.len());
            show(
                ctx,
                &event.value,
                Vec::new(),
                count,
                warnings,
                StatusCode::OK,
            )
        }
        Err(e) => {
            let problems = form_errors(e)?
                .errors
                .iter()
                .map(|fe| format!("{}: {}", fe.field, error_text(&ctx.tr, fe)))
                .collect();
            refuse(ctx, problems)
        }
    }
}
