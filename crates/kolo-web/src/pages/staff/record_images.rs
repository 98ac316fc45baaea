//! The images of an object, an exhibition or a post, for the staff who may edit it: upload one (with
//! a caption and its own rights), choose the main one, take one off. An upload is one
//! transaction with the record's new image list; a refused file or a failed write leaves no
//! image behind. An image belongs to an institution: the object's or the post's, or for an exhibition the
//! uploader's own among its hosts.

use super::*;
use crate::api::media::{self as media_api, Upload};
use crate::iiif::Pictures;
use axum::extract::Multipart;
use kolo_domain::collection::ObjectImage;
use kolo_domain::{Exhibition, MediaId, MuseumObject, Post, Rights};
use kolo_store::repo::{exhibitions, media, objects, posts};

/// A kind of record whose images these pages manage, at `/{PATH}/{key}/images`.
trait WithImages: Sized + Send + Sync + 'static {
    const PATH: &'static str;
    /// The message of the link to the record's edit form.
    const EDIT: &'static str;
    /// What the page names under its title: the object's inventory number, the exhibition's slug.
    fn reference(record: &Record<Self>) -> String;
    fn title(&self) -> &LocalizedText;
    fn images(&self) -> &Vec<ObjectImage>;
    fn images_mut(&mut self) -> &mut Vec<ObjectImage>;
    /// The record at `key`, if `user` may change it.
    fn editable(
        c: &mut DbConnection,
        user: &Principal,
        key: &str,
    ) -> Result<Record<Self>, StoreError>;
    fn replace(
        c: &mut DbConnection,
        user: &Principal,
        key: &str,
        value: &Self,
    ) -> Result<(), StoreError>;
    /// The institution a new image of the record belongs to.
    fn owner(
        c: &mut DbConnection,
        user: &Principal,
        record: &Record<Self>,
    ) -> Result<i64, StoreError>;
}

fn object_id(key: &str) -> Result<i64, StoreError> {
    key.parse().map_err(|_| StoreError::NotFound)
}

impl WithImages for MuseumObject {
    const PATH: &'static str = "objects";
    const EDIT: &'static str = "object-edit";

    fn reference(record: &Record<Self>) -> String {
        record.value.inventory_number.to_string()
    }
    fn title(&self) -> &LocalizedText {
        &self.title
    }
    fn images(&self) -> &Vec<ObjectImage> {
        &self.images
    }
    fn images_mut(&mut self) -> &mut Vec<ObjectImage> {
        &mut self.images
    }
    fn editable(
        c: &mut DbConnection,
        user: &Principal,
        key: &str,
    ) -> Result<Record<Self>, StoreError> {
        records::editable_object(c, user, object_id(key)?)
    }
    fn replace(
        c: &mut DbConnection,
        user: &Principal,
        key: &str,
        value: &Self,
    ) -> Result<(), StoreError> {
        records::replace_object(c, user, object_id(key)?, value).map(drop)
    }
    fn owner(
        c: &mut DbConnection,
        _user: &Principal,
        record: &Record<Self>,
    ) -> Result<i64, StoreError> {
        objects::institution_of(c, record.id)
    }
}

impl WithImages for Exhibition {
    const PATH: &'static str = "exhibitions";
    const EDIT: &'static str = "exhibition-edit";

    fn reference(record: &Record<Self>) -> String {
        record.value.slug.to_string()
    }
    fn title(&self) -> &LocalizedText {
        &self.title
    }
    fn images(&self) -> &Vec<ObjectImage> {
        &self.images
    }
    fn images_mut(&mut self) -> &mut Vec<ObjectImage> {
        &mut self.images
    }
    fn editable(
        c: &mut DbConnection,
        user: &Principal,
        key: &str,
    ) -> Result<Record<Self>, StoreError> {
        records::editable(c, user, key)
    }
    fn replace(
        c: &mut DbConnection,
        user: &Principal,
        key: &str,
        value: &Self,
    ) -> Result<(), StoreError> {
        records::save(c, user, key, value).map(drop)
    }
    /// The uploader's own institution among the hosts; a platform administrator's upload
    /// belongs to the first host.
    fn owner(
        c: &mut DbConnection,
        user: &Principal,
        record: &Record<Self>,
    ) -> Result<i64, StoreError> {
        let hosts = exhibitions::host_ids(c, record.id)?;
        hosts
            .iter()
            .find(|&&id| user.can_edit_institution(id))
            .or(hosts.first())
            .copied()
            .ok_or(StoreError::Forbidden)
    }
}

impl WithImages for Post {
    const PATH: &'static str = "news";
    const EDIT: &'static str = "post-edit";

    fn reference(record: &Record<Self>) -> String {
        record.value.slug.to_string()
    }
    fn title(&self) -> &LocalizedText {
        &self.title
    }
    fn images(&self) -> &Vec<ObjectImage> {
        &self.images
    }
    fn images_mut(&mut self) -> &mut Vec<ObjectImage> {
        &mut self.images
    }
    fn editable(
        c: &mut DbConnection,
        user: &Principal,
        key: &str,
    ) -> Result<Record<Self>, StoreError> {
        records::editable(c, user, key)
    }
    fn replace(
        c: &mut DbConnection,
        user: &Principal,
        key: &str,
        value: &Self,
    ) -> Result<(), StoreError> {
        records::save(c, user, key, value).map(drop)
    }
    fn owner(
        c: &mut DbConnection,
        _user: &Principal,
        record: &Record<Self>,
    ) -> Result<i64, StoreError> {
        posts::institution_of(c, record.id)
    }
}

/// The images pages' routes other than the uploads.
pub(super) fn image_routes() -> Router<AppState> {
    fn of<T: WithImages>(router: Router<AppState>) -> Router<AppState> {
        let base = format!("/{}/{{key}}/images", T::PATH);
        router
            .route(&base, get(images_page::<T>))
            .route(&format!("{base}/{{media}}/first"), post(make_first::<T>))
            .route(&format!("{base}/{{media}}/remove"), post(remove::<T>))
    }
    of::<Post>(of::<Exhibition>(of::<MuseumObject>(Router::new())))
}

/// The uploads, which take a file as large as the media limit allows.
pub fn image_upload_routes() -> Router<AppState> {
    fn of<T: WithImages>(router: Router<AppState>) -> Router<AppState> {
        router.route(
            &format!("/{}/{{key}}/images/upload", T::PATH),
            post(upload::<T>),
        )
    }
    of::<Post>(of::<Exhibition>(of::<MuseumObject>(Router::new()))).route_layer(no_store())
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
    /// Its thumbnail's address.
    pub picture: String,
    pub filename: String,
    pub width: i64,
    pub height: i64,
    pub caption: String,
    pub rights: Option<String>,
}

page_template!(RecordImagesPage, "staff_record_images.html" {
    // `/objects/12`, `/exhibitions/golden-man`: the record's page, and its images' pages below it.
    base: String,
    edit: &'static str,
    record_title: String,
    reference: String,
    images: Vec<ImageRow>,
    caption: LangGroup,
    rights: Field,
    // The file's problem, translated.
    file_error: Option<String>,
    has_errors: bool,
    unplaced: Vec<String>,
});

fn base<T: WithImages>(key: &str) -> String {
    format!("/{}/{key}", T::PATH)
}

/// The record, if the viewer may edit it, and its images' descriptions and pictures.
async fn load<T: WithImages>(
    state: &AppState,
    staff: &SignedIn,
    key: String,
) -> Result<(Record<T>, Vec<Option<media::MediaRecord>>, Pictures), AppError> {
    let user = staff.principal.clone();
    Ok(state
        .store
        .read(move |c| {
            let record = T::editable(c, &user, &key)?;
            let mut described = Vec::new();
            for image in record.value.images() {
                described.push(match media::get(c, &image.media) {
                    Ok(m) => Some(m),
                    Err(StoreError::NotFound) => None,
                    Err(e) => return Err(e),
                });
            }
            let pictures = Pictures::load(c, record.value.images().iter().map(|i| &i.media))?;
            Ok((record, described, pictures))
        })
        .await?)
}

/// Draws the page, with the upload form holding `fields` and showing `errors`.
async fn show<T: WithImages>(
    state: &AppState,
    staff: &SignedIn,
    ctx: PageCtx,
    key: &str,
    fields: &[(String, String)],
    errors: ValidationErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (record, described, pictures) = load::<T>(state, staff, key.to_owned()).await?;
    let images = record
        .value
        .images()
        .iter()
        .zip(described)
        .map(|(image, m)| ImageRow {
            media: image.media.to_string(),
            picture: pictures.thumbnail(&image.media),
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
    let caption = b.lang_group("caption", "images-caption", false, None);
    let mut offered = vec![(String::new(), ctx.t("images-rights-record"))];
    offered.extend(RIGHTS_OFFERED.iter().map(|url| {
        let name = Rights::parse("rights", url).map(|r| r.name());
        (
            (*url).to_owned(),
            name.unwrap_or_else(|_| (*url).to_owned()),
        )
    }));
    let rights = b.select("rights", "images-rights", offered);
    let file_error = b.place("file");
    let unplaced = b.unplaced();
    let record_title = ctx.pick(record.value.title()).text.to_owned();
    let head = Head::new(ctx.t("images-title"));
    let page = RecordImagesPage {
        ctx,
        head,
        base: base::<T>(key),
        edit: T::EDIT,
        record_title,
        reference: T::reference(&record),
        images,
        caption,
        rights,
        file_error,
        has_errors: !errors.is_empty(),
        unplaced,
    };
    Ok((status, render(&page)?).into_response())
}

async fn images_page<T: WithImages>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(key): Path<String>,
) -> Result<Response, AppError> {
    let (errors, status) = (ValidationErrors::default(), StatusCode::OK);
    show::<T>(&state, &staff, ctx, &key, &[], errors, status).await
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

async fn upload<T: WithImages>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(key): Path<String>,
    headers: HeaderMap,
    form: Multipart,
) -> Result<Response, AppError> {
    let form = match media_api::read_upload_form(&state, Upload::Image, &headers, form).await {
        Ok(form) => form,
        // Nothing was read, so nothing can be written: say why, with an empty form.
        Err(refused) => {
            let (errors, status) = (refused.into_form_errors()?, StatusCode::PAYLOAD_TOO_LARGE);
            return show::<T>(&state, &staff, ctx, &key, &[], errors, status).await;
        }
    };
    check_staff_form(&headers, &staff, &form.fields)?;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let (user, at) = (staff.principal.clone(), key.clone());
    let owner = state
        .store
        .read(move |c| {
            let record = T::editable(c, &user, &at)?;
            T::owner(c, &user, &record)
        })
        .await?;
    let (caption, rights) = match parse_image_fields(&form.fields) {
        Ok(parsed) => parsed,
        Err(errors) => {
            return show::<T>(
                &state,
                &staff,
                ctx,
                &key,
                &form.fields,
                errors,
                unprocessable,
            )
            .await;
        }
    };
    let Some((filename, file)) = form.file else {
        let errors = FieldError::new("file", "required").into_errors();
        return show::<T>(
            &state,
            &staff,
            ctx,
            &key,
            &form.fields,
            errors,
            unprocessable,
        )
        .await;
    };
    let (user, at) = (staff.principal.clone(), key.clone());
    let stored = media_api::store_then(
        &state,
        Some(staff.principal.clone()),
        owner,
        (Upload::Image, filename, file),
        move |c, media_id| {
            let mut value = T::editable(c, &user, &at)?.value;
            value.images_mut().push(ObjectImage {
                media: media_id.clone(),
                caption,
                rights,
            });
            T::replace(c, &user, &at, &value)
        },
    )
    .await;
    match stored {
        Ok(_) => Ok(Redirect::to(&format!("{}/images", base::<T>(&key))).into_response()),
        Err(AppError::Invalid(errors)) => {
            show::<T>(
                &state,
                &staff,
                ctx,
                &key,
                &form.fields,
                errors,
                unprocessable,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// Changes the record's image list with `change` (given the position of `media` in it), as
/// someone who may edit the record.
async fn change_images<T: WithImages>(
    state: &AppState,
    staff: &SignedIn,
    headers: &HeaderMap,
    fields: &[(String, String)],
    (key, media): (String, String),
    change: fn(&mut Vec<ObjectImage>, usize),
) -> Result<Response, AppError> {
    check_staff_form(headers, staff, fields)?;
    let media = MediaId::parse(&media).map_err(|_| AppError::NotFound)?;
    let (user, at) = (staff.principal.clone(), key.clone());
    state
        .write(move |c| {
            let mut value = T::editable(c, &user, &at)?.value;
            let images = value.images_mut();
            let position = images
                .iter()
                .position(|i| i.media == media)
                .ok_or(StoreError::NotFound)?;
            change(images, position);
            T::replace(c, &user, &at, &value)
        })
        .await?;
    Ok(Redirect::to(&format!("{}/images", base::<T>(&key))).into_response())
}

async fn make_first<T: WithImages>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    Path(target): Path<(String, String)>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let change = |images: &mut Vec<ObjectImage>, at: usize| images[..=at].rotate_right(1);
    change_images::<T>(&state, &staff, &headers, &fields, target, change).await
}

/// Takes the image off the record; the file stays among the institution's media.
async fn remove<T: WithImages>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    Path(target): Path<(String, String)>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let change = |images: &mut Vec<ObjectImage>, at: usize| {
        images.remove(at);
    };
    change_images::<T>(&state, &staff, &headers, &fields, target, change).await
}
