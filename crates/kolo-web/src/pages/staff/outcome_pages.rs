//! Staff pages for what an event publishes besides itself: the programme draft with its
//! "publish as version" form and the versions so far, and the form that creates or revises a
//! document. Rights are [`records::editable`]'s: staff of a host institution and
//! platform administrators.

use super::event_pages::{renumber_field, row_count};
use super::*;
use crate::pages::outcomes::VersionText;
use chrono::NaiveDate;
use kolo_domain::event::{ProgrammeWarning, check_programme};
use kolo_domain::programme::programme_changes;
use kolo_domain::{
    DocumentKind, DocumentStatus, Event, EventDocument, ProgrammeItem, Recommendation,
};
use kolo_store::repo::documents;
use kolo_store::repo::events::{self, ProgrammeVersion};

/// Empty rows (recommendations, an item's people and materials) a form offers beyond those stored.
pub(super) const SPARE_ROWS: usize = 2;

pub(super) fn outcome_routes() -> Router<AppState> {
    Router::new()
        .route("/events/{slug}/programme/edit", get(programme_page))
        .route("/events/{slug}/programme/publish", post(publish))
        .route(
            "/events/{slug}/new-document",
            get(part_new_form::<DocumentPlan>).post(part_new_save::<DocumentPlan>),
        )
        .route(
            "/events/{slug}/documents/{key}/edit",
            get(part_edit_form::<DocumentPlan>).post(part_edit_save::<DocumentPlan>),
        )
}

// ---------------------------------------------------------------------------------------------
// The programme draft and its versions
// ---------------------------------------------------------------------------------------------

page_template!(ProgrammeStaffPage, "staff_programme.html" {
    event: Record<Event>,
    heading: String,
    draft: Vec<ProgrammeItem>,
    // The draft differs from the latest published version (or nothing is published yet).
    unpublished: bool,
    versions: Vec<ProgrammeVersion>,
    name: Field,
    has_errors: bool,
    unplaced: Vec<String>,
    // Items sharing a hall at the same time: saved, but worth a look.
    overlaps: Vec<String>,
});

impl VersionText for ProgrammeStaffPage {
    fn ctx(&self) -> &PageCtx {
        &self.ctx
    }
}

impl ProgrammeStaffPage {
    pub fn when(&self, item: &ProgrammeItem) -> String {
        crate::pages::events::span(item.starts_at, item.ends_at())
    }

    /// An item's button or link label for screen readers: the action and the item's title.
    pub fn label(&self, id: &str, item: &ProgrammeItem) -> String {
        let title = self.ctx.pick(&item.title).text.to_owned();
        self.ctx.tr.args(id, &[("name", title.into())])
    }

    pub fn item_href(&self, item: &ProgrammeItem, action: &str) -> String {
        super::programme_items::item_href(&self.event.value.slug, &item.guid, action)
    }
}

/// The draft's overlaps in one hall, as sentences naming both items.
fn overlaps(ctx: &PageCtx, event: &Event, draft: &[ProgrammeItem]) -> Vec<String> {
    // A draft the event no longer fits (its days changed since) has no warnings to show.
    let warnings = check_programme(event, draft).unwrap_or_default();
    overlap_sentences(ctx, draft, &warnings)
}

/// Overlap warnings as sentences naming both items, in the page language.
pub(super) fn overlap_sentences(
    ctx: &PageCtx,
    draft: &[ProgrammeItem],
    warnings: &[ProgrammeWarning],
) -> Vec<String> {
    let title = |guid: &str| {
        draft
            .iter()
            .find(|i| i.guid == guid)
            .map_or(guid.to_owned(), |i| ctx.pick(&i.title).text.to_owned())
    };
    warnings
        .iter()
        .filter_map(|w| {
            // `items[i].hall` overlaps the item `w.overlaps`: both items of the pair.
            let index: usize = w
                .field
                .strip_prefix("items[")?
                .split_once(']')?
                .0
                .parse()
                .ok()?;
            let item = draft.get(index)?;
            Some(ctx.tr.args(
                "programme-overlap",
                &[
                    ("item", ctx.pick(&item.title).text.to_owned().into()),
                    ("other", title(&w.overlaps).into()),
                ],
            ))
        })
        .collect()
}

pub(super) async fn show_programme(
    state: &AppState,
    ctx: PageCtx,
    event: Record<Event>,
    fields: &[(String, String)],
    errors: ValidationErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let id = event.id;
    let (draft, versions) = state
        .store
        .read(move |c| {
            Ok((
                events::programme(c, id)?,
                events::programme_versions(c, id)?,
            ))
        })
        .await?;
    let published: &[ProgrammeItem] = versions.first().map_or(&[], |v| &v.items);
    let unpublished = !programme_changes(published, &draft).is_empty();
    let mut defaults: Fields = fields.to_vec();
    if fields.is_empty() {
        let next = versions.first().map_or(1, |v| v.number + 1);
        defaults.push(("name".into(), next.to_string()));
    }
    let mut b = FormBuilder::new(ctx.tr, &defaults, &errors);
    let name = b
        .input("name", "field-version-name", "text")
        .required()
        .help(ctx.t("field-version-name-help"));
    let unplaced = b.unplaced();
    let overlaps = overlaps(&ctx, &event.value, &draft);
    let title = ctx.pick(&event.value.title).text.to_owned();
    let heading = ctx
        .tr
        .args("programme-staff-title", &[("name", title.into())]);
    let page = ProgrammeStaffPage {
        head: Head::new(heading.clone()),
        heading,
        event,
        draft,
        unpublished,
        versions,
        name,
        has_errors: !errors.is_empty(),
        unplaced,
        overlaps,
        ctx,
    };
    Ok((status, render(&page)?).into_response())
}

async fn programme_page(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let event = load_slug_record::<Event>(&state, &staff, slug).await?;
    let none = ValidationErrors::default();
    show_programme(&state, ctx, event, &[], none, StatusCode::OK).await
}

async fn publish(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let event = load_slug_record::<Event>(&state, &staff, slug.clone()).await?;
    let (user, name, s) = (
        staff.principal.clone(),
        value(&fields, "name").to_owned(),
        slug.clone(),
    );
    match state
        .write(move |c| records::publish_programme(c, &user, &s, &name))
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/events/{slug}/programme/edit")).into_response()),
        Err(e) => {
            let errors = form_errors(e)?;
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            show_programme(&state, ctx, event, &fields, errors, status).await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

/// The form fields a document's edit form starts from. Links are not in the form (they come
/// from the API and imports) and are kept on saving.
pub fn document_fields(d: &EventDocument) -> Fields {
    let mut out: Fields = vec![
        ("key".into(), d.key.to_string()),
        ("kind".into(), d.kind.code().into()),
        ("status".into(), d.status.code().into()),
        (
            "adopted_on".into(),
            d.adopted_on.map(|day| day.to_string()).unwrap_or_default(),
        ),
    ];
    push_text(&mut out, "title", &d.title);
    push_text(&mut out, "summary", &d.summary);
    push_text(&mut out, "body", &d.body);
    for (i, r) in d.recommendations.iter().enumerate() {
        push_text(
            &mut out,
            &format!("recommendations[{i}].addressee"),
            &r.addressee,
        );
        push_text(&mut out, &format!("recommendations[{i}].text"), &r.text);
    }
    out
}

/// A document from its form, applied to the stored one (`base`) when revising: its key and
/// links are kept. Blank recommendation rows are skipped; every problem is reported under its
/// input's name.
pub fn parse_document(
    fields: &[(String, String)],
    base: Option<&EventDocument>,
) -> Result<EventDocument, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let key = match base {
        Some(d) => Some(d.key.clone()),
        None => Slug::parse("key", value(fields, "key"))
            .map_err(|e| errors.push(e))
            .ok(),
    };
    let kind = choice(fields, "kind", DocumentKind::from_code, &mut errors);
    let status = choice(fields, "status", DocumentStatus::from_code, &mut errors);
    let adopted_on = optional(fields, "adopted_on").and_then(|raw| {
        raw.parse::<NaiveDate>()
            .map_err(|_| errors.push(FieldError::new("adopted_on", "invalid-day")))
            .ok()
    });
    let title = localized(fields, "title", &mut errors);
    let summary = localized(fields, "summary", &mut errors);
    let body = localized(fields, "body", &mut errors);
    let mut recommendations = Vec::new();
    let mut rows = Vec::new();
    for i in 0..row_count(fields, "recommendations") {
        let addressee = localized(
            fields,
            &format!("recommendations[{i}].addressee"),
            &mut errors,
        );
        let text = localized(fields, &format!("recommendations[{i}].text"), &mut errors);
        if addressee.is_empty() && text.is_empty() {
            continue;
        }
        recommendations.push(Recommendation { addressee, text });
        rows.push(i);
    }
    // Stand-ins for parts that did not parse, so the document's own rules still run and report
    // everything else; the value is never used when one was needed.
    let doc = EventDocument {
        key: key.unwrap_or_else(|| Slug::parse("key", "x").expect("a valid key")),
        kind: kind.unwrap_or(DocumentKind::Resolution),
        status: status.unwrap_or(DocumentStatus::Draft),
        title,
        summary,
        body,
        adopted_on,
        links: base.map(|d| d.links.clone()).unwrap_or_default(),
        recommendations,
    };
    let renumbered = |v: &EventDocument| {
        v.validate().map_err(|mut found| {
            for e in &mut found.errors {
                if let Some(f) = renumber_field(&e.field, "recommendations", &rows) {
                    e.field = f;
                }
            }
            found
        })
    };
    finish(doc, renumbered, errors)
}

/// One recommendation's inputs: to whom, and what, each in every language.
pub struct RecommendationRow {
    pub legend: String,
    pub addressee: LangGroup,
    pub text: LangGroup,
}

page_template!(DocumentFormPage, "staff_document_form.html" {
    heading: String,
    action: String,
    cancel_href: String,
    has_errors: bool,
    unplaced: Vec<String>,
    editing: bool,
    about: Vec<Item>,
    recommendations: Vec<RecommendationRow>,
});

/// Which document form: a new document of the event, or an existing one (its key).
struct DocumentPlan {
    event: Record<Event>,
    existing: Option<Record<EventDocument>>,
}

fn show_document_form(
    ctx: PageCtx,
    plan: &DocumentPlan,
    fields: &[(String, String)],
    errors: ValidationErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let slug = &plan.event.value.slug;
    let event_title = ctx.pick(&plan.event.value.title).text.to_owned();
    let (heading, action, cancel_href) = match &plan.existing {
        Some(d) => (
            ctx.tr.args(
                "document-edit-title",
                &[("name", ctx.pick(&d.value.title).text.to_owned().into())],
            ),
            format!("/events/{slug}/documents/{}/edit", d.value.key),
            format!("/events/{slug}/documents/{}", d.value.key),
        ),
        None => (
            ctx.tr
                .args("document-new-title", &[("name", event_title.into())]),
            format!("/events/{slug}/new-document"),
            format!("/events/{slug}"),
        ),
    };
    let tr = ctx.tr;
    let mut b = FormBuilder::new(ctx.tr, fields, &errors);
    let key = b
        .input("key", "field-document-key", "text")
        .help(tr.t("field-document-key-help"));
    let key = match &plan.existing {
        Some(d) => key.readonly(d.value.key.as_str()),
        None => key.required(),
    };
    let kinds = coded_options(
        &tr,
        "document-kind",
        DocumentKind::ALL.iter().map(|k| k.code()),
    );
    let statuses = coded_options(
        &tr,
        "document-status",
        DocumentStatus::ALL.iter().map(|s| s.code()),
    );
    let about = vec![
        Item::Field(key),
        Item::Field(b.select("kind", "field-document-kind", kinds)),
        Item::Field(
            b.select("status", "field-status", statuses)
                .help(tr.t("field-document-status-help")),
        ),
        Item::Field(b.input("adopted_on", "field-adopted-on", "date")),
        Item::Group(b.lang_group("title", "field-title", false, None)),
        Item::Group(b.lang_group("summary", "field-summary", true, None)),
        Item::Group(b.lang_group("body", "field-document-body", true, None)),
    ];
    let rows = row_count(fields, "recommendations") + SPARE_ROWS;
    let recommendations = (0..rows)
        .map(|i| RecommendationRow {
            legend: tr.args("field-recommendation", &[("number", (i as i64 + 1).into())]),
            addressee: b.lang_group(
                &format!("recommendations[{i}].addressee"),
                "field-addressee",
                false,
                None,
            ),
            text: b.lang_group(
                &format!("recommendations[{i}].text"),
                "field-recommendation-text",
                true,
                None,
            ),
        })
        .collect();
    let unplaced = b.unplaced();
    let page = DocumentFormPage {
        head: Head::new(heading.clone()),
        heading,
        action,
        cancel_href,
        has_errors: !errors.is_empty(),
        unplaced,
        editing: plan.existing.is_some(),
        about,
        recommendations,
        ctx,
    };
    Ok((status, render(&page)?).into_response())
}

async fn document_plan(
    state: &AppState,
    staff: &SignedIn,
    slug: String,
    key: Option<String>,
) -> Result<DocumentPlan, AppError> {
    let event = load_slug_record::<Event>(state, staff, slug).await?;
    let existing = match key {
        Some(key) => {
            let id = event.id;
            Some(
                state
                    .store
                    .read(move |c| documents::get(c, id, &key))
                    .await?,
            )
        }
        None => None,
    };
    Ok(DocumentPlan { event, existing })
}

async fn save_document(
    state: &AppState,
    ctx: PageCtx,
    staff: &SignedIn,
    plan: DocumentPlan,
    fields: Fields,
) -> Result<Response, AppError> {
    let base = plan.existing.as_ref().map(|d| d.value.clone());
    let doc = match parse_document(&fields, base.as_ref()) {
        Ok(d) => d,
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return show_document_form(ctx, &plan, &fields, errors, status);
        }
    };
    let (user, slug, creating) = (
        staff.principal.clone(),
        plan.event.value.slug.to_string(),
        plan.existing.is_none(),
    );
    let key = doc.key.to_string();
    let (s, k) = (slug.clone(), key.clone());
    let written = state
        .write(move |c| {
            // A new document must not replace one with the same key.
            if creating {
                let event = records::editable::<Event>(c, &user, &s)?;
                match documents::get(c, event.id, &k) {
                    Ok(_) => return Err(StoreError::Taken { field: "key" }),
                    Err(StoreError::NotFound) => {}
                    Err(e) => return Err(e),
                }
            }
            records::save_document(c, &user, &s, &k, &doc)
        })
        .await;
    match written {
        Ok(_) => Ok(Redirect::to(&format!("/events/{slug}/documents/{key}")).into_response()),
        Err(e) => {
            let errors = form_errors(e)?;
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            show_document_form(ctx, &plan, &fields, errors, status)
        }
    }
}

impl PartForm for DocumentPlan {
    fn plan(
        state: &AppState,
        staff: &SignedIn,
        slug: String,
        key: Option<String>,
    ) -> impl Future<Output = Result<Self, AppError>> + Send {
        document_plan(state, staff, slug, key)
    }
    fn fields(&self) -> Fields {
        match &self.existing {
            Some(d) => document_fields(&d.value),
            None => vec![
                ("kind".into(), DocumentKind::Resolution.code().into()),
                ("status".into(), DocumentStatus::Draft.code().into()),
            ],
        }
    }
    fn show(
        &self,
        ctx: PageCtx,
        fields: &[(String, String)],
        errors: ValidationErrors,
        status: StatusCode,
    ) -> Result<Response, AppError> {
        show_document_form(ctx, self, fields, errors, status)
    }
    fn save(
        self,
        state: &AppState,
        ctx: PageCtx,
        staff: &SignedIn,
        fields: Fields,
    ) -> impl Future<Output = Result<Response, AppError>> + Send {
        save_document(state, ctx, staff, self, fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_resolution_parses_and_blank_rows_are_skipped() {
        let fields = form(&[
            ("key", "resolution"),
            ("kind", "resolution"),
            ("status", "draft"),
            ("adopted_on", "2022-03-17"),
            ("title.ru", "Резолюция"),
            ("recommendations[0].addressee.ru", "Модельным библиотекам"),
            ("recommendations[0].text.ru", "внедрять технологии"),
            ("recommendations[1].addressee.ru", ""),
            ("recommendations[1].text.ru", ""),
            ("recommendations[2].addressee.ru", "Проектным офисам"),
            ("recommendations[2].text.ru", "наладить общение"),
        ]);
        let d = parse_document(&fields, None).unwrap();
        assert_eq!(d.recommendations.len(), 2);
        assert_eq!(d.adopted_on, "2022-03-17".parse().ok());
        assert_eq!(
            document_fields(&d).len(),
            9,
            "key, kind, status, date, title, 2 rows"
        );
        assert_eq!(parse_document(&document_fields(&d), Some(&d)), Ok(d));
    }

    #[test]
    fn problems_are_reported_at_their_inputs() {
        let fields = form(&[
            ("key", "Not a key"),
            ("kind", "report"),
            ("status", "draft"),
            ("adopted_on", "17.03.2022"),
            ("recommendations[3].addressee.ru", "Библиотекам"),
        ]);
        let errors = parse_document(&fields, None).unwrap_err();
        let found: Vec<_> = errors
            .errors
            .iter()
            .map(|e| (e.field.as_str(), e.reason.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("key", "invalid-slug"),
                ("adopted_on", "invalid-day"),
                ("title", "required"),
                ("recommendations", "only-for-resolutions"),
                ("recommendations[3].text", "required")
            ]
        );
    }
}
