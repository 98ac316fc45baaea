//! An object's images, for its institution's staff: upload one (with a caption and its own
//! rights), choose the main one, take one off. An upload is one transaction with the object's
//! new image list; a refused file or a failed write leaves no image behind.

use super::*;
use crate::api::media::{self as media_api, UploadFormError};
use axum::extract::Multipart;
use kolo_domain::collection::ObjectImage;
use kolo_domain::{MediaId, MuseumObject, Rights};
use kolo_store::repo::media;

/// The image page's routes other than the upload.
pub(super) fn image_routes() -> Router<AppState> {
    Router::new()
        .route("/objects/{id}/images", get(images_page))
        .route("/objects/{id}/images/{media}/first", post(make_first))
        .route("/objects/{id}/images/{media}/remove", post(remove))
}

/// The upload, which takes a file as large as the media limit allows.
pub fn image_upload_routes() -> Router<AppState> {
    Router::new()
        .route("/objects/{id}/images/upload", post(upload))
        .route_layer(no_store())
}

/// Licences and statements offered for an image; any other is set through the API.
const RIGHTS_OFFERED: [&str; 13] = [
    "http://creativecommons.org/publicdomain/zero/1.0/",
    "http://creativecommons.org/publicdomain/mark/1.0/",
    "http://creativecommons.org/licenses/by/4.0/",
    "http://creativecommons.org/licenses/by-sa/4.0/",
    "http://creativecommons.org/licenses/by-nc/4.0/",
    "http://creativecommons.org/licenses/by-nc-sa/4.0/",
    "http://creativecommons.org/licenses/by-nd/4.0/",
    "http://creativecommons.org/licenses/by-nc-nd/4.0/",
    "http://rightsstatements.org/vocab/InC/1.0/",
    "http://rightsstatements.org/vocab/InC-EDU/1.0/",
    "http://rightsstatements.org/vocab/NoC-NC/1.0/",
    "http://rightsstatements.org/vocab/CNE/1.0/",
    "http://rightsstatements.org/vocab/UND/1.0/",
];

/// One image as the page lists it.
pub struct ImageRow {
    pub media: String,
    pub filename: String,
    pub width: i64,
    pub height: i64,
    pub caption: String,
    pub rights: Option<String>,
}

page_template!(ObjectImagesPage, "staff_object_images.html" {
    object_id: i64,
    object_title: String,
    inventory_number: String,
    images: Vec<ImageRow>,
    caption: LangGroup,
    rights: Field,
    // The file's problem, translated.
    file_error: Option<String>,
    has_errors: bool,
    unplaced: Vec<String>,
});

fn object_id(raw: &str) -> Result<i64, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

/// The object, if the viewer may edit it, and its images' descriptions.
async fn load(
    state: &AppState,
    staff: &SignedIn,
    id: i64,
) -> Result<(Record<MuseumObject>, Vec<Option<media::MediaRecord>>), AppError> {
    let user = staff.principal.clone();
    Ok(state
        .store
        .read(move |c| {
            let object = records::editable_object(c, &user, id)?;
            let mut described = Vec::new();
            for image in &object.value.images {
                described.push(match media::get(c, &image.media) {
                    Ok(m) => Some(m),
                    Err(StoreError::NotFound) => None,
                    Err(e) => return Err(e),
                });
            }
            Ok((object, described))
        })
        .await?)
}

/// Draws the page, with the upload form holding `fields` and showing `errors`.
async fn show(
    state: &AppState,
    staff: &SignedIn,
    ctx: PageCtx,
    id: i64,
    fields: &[(String, String)],
    errors: ValidationErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (object, described) = load(state, staff, id).await?;
    let images = object
        .value
        .images
        .iter()
        .zip(described)
        .map(|(image, m)| ImageRow {
            media: image.media.to_string(),
            filename: m
                .as_ref()
                .map(|m| m.original_filename.clone())
                .unwrap_or_default(),
            width: m.as_ref().map_or(0, |m| m.width),
            height: m.as_ref().map_or(0, |m| m.height),
            caption: ctx.pick(&image.caption).text.to_owned(),
            rights: image.rights.as_ref().map(Rights::name),
        })
        .collect();
    let mut b = FormBuilder::new(ctx.tr, fields, &errors);
    let caption = b.lang_group("caption", "object-images-caption", false, None);
    let mut offered = vec![(String::new(), ctx.t("object-images-rights-record"))];
    offered.extend(RIGHTS_OFFERED.iter().map(|url| {
        let name = Rights::parse("rights", url).map(|r| r.name());
        (
            (*url).to_owned(),
            name.unwrap_or_else(|_| (*url).to_owned()),
        )
    }));
    let rights = b.select("rights", "object-images-rights", offered);
    let file_error = b.place("file");
    let unplaced = b.unplaced();
    let title = ctx.pick(&object.value.title).text.to_owned();
    let head = Head::new(ctx.t("object-images-title"));
    let page = ObjectImagesPage {
        ctx,
        head,
        object_id: object.id,
        object_title: title,
        inventory_number: object.value.inventory_number.to_string(),
        images,
        caption,
        rights,
        file_error,
        has_errors: !errors.is_empty(),
        unplaced,
    };
    Ok((status, render(&page)?).into_response())
}

async fn images_page(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = object_id(&id)?;
    show(
        &state,
        &staff,
        ctx,
        id,
        &[],
        ValidationErrors::default(),
        StatusCode::OK,
    )
    .await
}

/// The caption and rights of a new image, every problem at once.
fn parse_image_fields(
    fields: &[(String, String)],
) -> Result<(LocalizedText, Option<Rights>), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let caption = localized(fields, "caption", &mut errors);
    let rights = optional(fields, "rights")
        .map(|raw| Rights::parse("rights", &raw))
        .transpose()
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    errors.into_result((caption, rights))
}

async fn upload(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(id): Path<String>,
    headers: HeaderMap,
    form: Multipart,
) -> Result<Response, AppError> {
    let id = object_id(&id)?;
    let form = match media_api::read_upload_form(&state, &headers, form).await {
        Ok(form) => form,
        // Nothing was read, so nothing can be written: say why, with an empty form.
        Err(UploadFormError::TooLarge(limit)) => {
            let errors = FieldError::new("file", "too-large")
                .with_limit(usize::try_from(limit).unwrap_or(usize::MAX))
                .into_errors();
            let status = StatusCode::PAYLOAD_TOO_LARGE;
            return show(&state, &staff, ctx, id, &[], errors, status).await;
        }
        Err(UploadFormError::Malformed(why)) => return Err(AppError::BadRequest(why)),
    };
    check_staff_form(&headers, &staff, &form.fields)?;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let user = staff.principal.clone();
    let institution_id = state
        .store
        .read(move |c| {
            records::editable_object(c, &user, id)?;
            kolo_store::repo::objects::institution_of(c, id)
        })
        .await?;
    let (caption, rights) = match parse_image_fields(&form.fields) {
        Ok(parsed) => parsed,
        Err(errors) => {
            return show(&state, &staff, ctx, id, &form.fields, errors, unprocessable).await;
        }
    };
    let Some((filename, file)) = form.file else {
        let errors = FieldError::new("file", "required").into_errors();
        return show(&state, &staff, ctx, id, &form.fields, errors, unprocessable).await;
    };
    let user = staff.principal.clone();
    let stored = media_api::store_then(
        &state,
        Some(staff.principal.clone()),
        institution_id,
        filename,
        file,
        move |c, media_id| {
            let mut object = records::editable_object(c, &user, id)?.value;
            object.images.push(ObjectImage {
                media: media_id.clone(),
                caption,
                rights,
            });
            records::replace_object(c, &user, id, &object)
        },
    )
    .await;
    match stored {
        Ok(_) => Ok(Redirect::to(&format!("/objects/{id}/images")).into_response()),
        Err(AppError::Invalid(errors)) => {
            show(&state, &staff, ctx, id, &form.fields, errors, unprocessable).await
        }
        Err(e) => Err(e),
    }
}

/// Changes the object's image list with `change` (given the position of `media` in it), as
/// staff of its institution.
async fn change_images(
    state: &AppState,
    staff: &SignedIn,
    headers: &HeaderMap,
    fields: &[(String, String)],
    (id, media): (String, String),
    change: fn(&mut Vec<ObjectImage>, usize),
) -> Result<Response, AppError> {
    check_staff_form(headers, staff, fields)?;
    let id = object_id(&id)?;
    let media = MediaId::parse(&media).map_err(|_| AppError::NotFound)?;
    let user = staff.principal.clone();
    state
        .write(move |c| {
            let mut object = records::editable_object(c, &user, id)?.value;
            let at = object
                .images
                .iter()
                .position(|i| i.media == media)
                .ok_or(StoreError::NotFound)?;
            change(&mut object.images, at);
            records::replace_object(c, &user, id, &object)
        })
        .await?;
    Ok(Redirect::to(&format!("/objects/{id}/images")).into_response())
}

async fn make_first(
    State(state): State<AppState>,
    Staff(staff): Staff,
    Path(target): Path<(String, String)>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let change = |images: &mut Vec<ObjectImage>, at: usize| images[..=at].rotate_right(1);
    change_images(&state, &staff, &headers, &fields, target, change).await
}

/// Takes the image off the object; the file stays among the institution's media.
async fn remove(
    State(state): State<AppState>,
    Staff(staff): Staff,
    Path(target): Path<(String, String)>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let change = |images: &mut Vec<ObjectImage>, at: usize| {
        images.remove(at);
    };
    change_images(&state, &staff, &headers, &fields, target, change).await
}
