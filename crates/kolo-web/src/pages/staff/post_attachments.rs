//! A post's attached documents, for the staff who may edit it: upload one (with a title),
//! take one off. An upload is one transaction with the post's new attachment list; a refused
//! file (too large, not a document, or not what its name says) or a failed write leaves no
//! file behind.

use super::*;
use crate::api::media::{self as media_api, Upload};
use axum::extract::Multipart;
use kolo_domain::{Attachment, MediaId, Post};
use kolo_media::FileFormat;
use kolo_store::repo::{files, posts};

pub(super) fn attachment_routes() -> Router<AppState> {
    Router::new()
        .route("/news/{slug}/attachments", get(attachments_page))
        .route("/news/{slug}/attachments/{file}/remove", post(remove))
}

/// The upload, which takes a file as large as the document limit allows.
pub fn attachment_upload_routes() -> Router<AppState> {
    Router::new()
        .route("/news/{slug}/attachments/upload", post(upload))
        .route_layer(no_store())
}

/// One attached file as the page lists it.
pub struct AttachmentRow {
    pub file: String,
    pub href: String,
    pub title: String,
    pub filename: String,
    pub format: String,
    pub size: String,
}

page_template!(PostAttachmentsPage, "staff_post_attachments.html" {
    slug: String,
    post_title: String,
    attachments: Vec<AttachmentRow>,
    title: LangGroup,
    accept: String,
    help: String,
    file_error: Option<String>,
    has_errors: bool,
    unplaced: Vec<String>,
});

/// Draws the page, with the upload form holding `fields` and showing `errors`.
async fn show(
    state: &AppState,
    staff: &SignedIn,
    ctx: PageCtx,
    slug: &str,
    (fields, errors, status): (&[(String, String)], ValidationErrors, StatusCode),
) -> Result<Response, AppError> {
    let (user, at) = (staff.principal.clone(), slug.to_owned());
    let (post, described) = state
        .store
        .read(move |c| {
            let post: Record<Post> = records::editable(c, &user, &at)?;
            let ids: Vec<&MediaId> = post.value.attachments.iter().map(|a| &a.file).collect();
            let described = files::describe(c, &ids)?;
            Ok((post, described))
        })
        .await?;
    let attachments = post
        .value
        .attachments
        .iter()
        .filter_map(|a| Some((a, described.get(&a.file)?)))
        .map(|(a, f)| AttachmentRow {
            file: a.file.to_string(),
            href: crate::files::download_path(&a.file),
            title: ctx.pick(&a.title).text.to_owned(),
            filename: f.original_filename.clone(),
            format: crate::files::format_label(f),
            size: crate::files::human_size(&ctx.tr, f.bytes),
        })
        .collect();
    let mut b = FormBuilder::new(ctx.tr, fields, &errors);
    let title = b.lang_group("title", "attachments-file-title", false, None);
    let file_error = b.place("file");
    let unplaced = b.unplaced();
    let accept = FileFormat::ALL
        .iter()
        .flat_map(|f| f.extensions().iter().map(|e| format!(".{e}")))
        .collect::<Vec<_>>()
        .join(",");
    let head = Head::new(ctx.t("attachments-title"));
    let limit = crate::files::human_size(&ctx.tr, state.media.max_file_bytes() as i64);
    let help = ctx.tr.args("attachments-help", &[("limit", limit.into())]);
    let page = PostAttachmentsPage {
        post_title: ctx.pick(&post.value.title).text.to_owned(),
        ctx,
        head,
        slug: slug.to_owned(),
        attachments,
        title,
        accept,
        help,
        file_error,
        has_errors: !errors.is_empty(),
        unplaced,
    };
    Ok((status, render(&page)?).into_response())
}

async fn attachments_page(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let shown = (&[][..], ValidationErrors::default(), StatusCode::OK);
    show(&state, &staff, ctx, &slug, shown).await
}

async fn upload(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
    headers: HeaderMap,
    form: Multipart,
) -> Result<Response, AppError> {
    let form = match media_api::read_upload_form(&state, Upload::Document, &headers, form).await {
        Ok(form) => form,
        // Nothing was read, so nothing can be written: say why, with an empty form.
        Err(refused) => {
            let shown = (
                &[][..],
                refused.into_form_errors()?,
                StatusCode::PAYLOAD_TOO_LARGE,
            );
            return show(&state, &staff, ctx, &slug, shown).await;
        }
    };
    check_staff_form(&headers, &staff, &form.fields)?;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let (user, at) = (staff.principal.clone(), slug.clone());
    let owner = state
        .store
        .read(move |c| {
            let post: Record<Post> = records::editable(c, &user, &at)?;
            posts::institution_of(c, post.id)
        })
        .await?;
    let mut errors = ValidationErrors::default();
    let title = localized(&form.fields, "title", &mut errors);
    if form.file.is_none() {
        errors.push(FieldError::new("file", "required"));
    }
    let (Some((filename, file)), true) = (form.file, errors.is_empty()) else {
        let shown = (&form.fields[..], errors, unprocessable);
        return show(&state, &staff, ctx, &slug, shown).await;
    };
    let (user, at) = (staff.principal.clone(), slug.clone());
    let stored = media_api::store_then(
        &state,
        Some(staff.principal.clone()),
        owner,
        (Upload::Document, filename, file),
        move |c, file| {
            let mut value: Post = records::editable(c, &user, &at)?.value;
            value.attachments.push(Attachment {
                file: file.clone(),
                title,
            });
            records::save(c, &user, &at, &value).map(drop)
        },
    )
    .await;
    match stored {
        Ok(_) => Ok(Redirect::to(&format!("/news/{slug}/attachments")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let shown = (&form.fields[..], errors, unprocessable);
            show(&state, &staff, ctx, &slug, shown).await
        }
        Err(e) => Err(e),
    }
}

/// Takes the file off the post; the file stays among the institution's files.
async fn remove(
    State(state): State<AppState>,
    Staff(staff): Staff,
    Path((slug, file)): Path<(String, String)>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let file = MediaId::parse(&file).map_err(|_| AppError::NotFound)?;
    let (user, at) = (staff.principal.clone(), slug.clone());
    state
        .write(move |c| {
            let mut value: Post = records::editable(c, &user, &at)?.value;
            let before = value.attachments.len();
            value.attachments.retain(|a| a.file != file);
            if value.attachments.len() == before {
                return Err(StoreError::NotFound);
            }
            records::save(c, &user, &at, &value).map(drop)
        })
        .await?;
    Ok(Redirect::to(&format!("/news/{slug}/attachments")).into_response())
}
