//! Cataloguing forms: an institution's objects and collections. The object form holds the
//! fields curators type (inventory number, titles, description, dating, type and materials by
//! term key with suggestions, state); what it does not show (events, dimensions, rights,
//! images...) is kept from the stored record, as the API and imports wrote it.

use super::*;
use kolo_domain::{
    Collection, Dating, InventoryNumber, MuseumObject, PublicationState, VocabularyKind,
};
use kolo_store::repo::{collections, objects, vocabularies};

pub(super) fn catalogue_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/institutions/{slug}/objects/new",
            get(new_object_form).post(new_object_save),
        )
        .route(
            "/objects/{id}/edit",
            get(edit_object_form).post(edit_object_save),
        )
        .route(
            "/institutions/{slug}/collections/new",
            get(part_new_form::<CollectionPlan>).post(part_new_save::<CollectionPlan>),
        )
        .route(
            "/institutions/{slug}/collections/{key}/edit",
            get(part_edit_form::<CollectionPlan>).post(part_edit_save::<CollectionPlan>),
        )
}

/// Term keys as typed: separated by commas or spaces.
fn keys(fields: &[(String, String)], name: &str, errors: &mut ValidationErrors) -> Vec<Slug> {
    value(fields, name)
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|k| !k.is_empty())
        .filter_map(|k| Slug::parse(name, k).map_err(|e| errors.push(e)).ok())
        .collect()
}

fn optional_slug(
    fields: &[(String, String)],
    name: &str,
    errors: &mut ValidationErrors,
) -> Option<Slug> {
    optional(fields, name).and_then(|raw| Slug::parse(name, &raw).map_err(|e| errors.push(e)).ok())
}

fn year(fields: &[(String, String)], name: &str, errors: &mut ValidationErrors) -> Option<i32> {
    optional(fields, name).and_then(|raw| {
        raw.replace('−', "-")
            .parse::<i32>()
            .map_err(|_| errors.push(FieldError::new(name, "invalid-number")))
            .ok()
    })
}

/// The form fields an object's edit form starts from.
pub fn object_fields(o: &MuseumObject) -> Fields {
    let join = |keys: &[Slug]| keys.iter().map(Slug::as_str).collect::<Vec<_>>().join(", ");
    let mut out: Fields = vec![
        ("inventory_number".into(), o.inventory_number.to_string()),
        (
            "collection".into(),
            o.collection
                .as_ref()
                .map(Slug::to_string)
                .unwrap_or_default(),
        ),
        (
            "object_type".into(),
            o.object_type
                .as_ref()
                .map(Slug::to_string)
                .unwrap_or_default(),
        ),
        ("materials".into(), join(&o.materials)),
        ("state".into(), o.state.code().into()),
    ];
    push_text(&mut out, "title", &o.title);
    push_text(&mut out, "description", &o.description);
    if let Some(d) = &o.dating {
        push_text(&mut out, "dating.text", &d.text);
        for (name, year) in [("dating.earliest", d.earliest), ("dating.latest", d.latest)] {
            out.push((name.into(), year.map(|y| y.to_string()).unwrap_or_default()));
        }
    }
    out
}

/// An object of `institution` from its form, over the stored one (`base`) when editing.
pub fn parse_object(
    fields: &[(String, String)],
    institution: &Slug,
    base: Option<&MuseumObject>,
) -> Result<MuseumObject, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let inventory_number =
        InventoryNumber::parse("inventory_number", value(fields, "inventory_number"))
            .map_err(|e| errors.push(e))
            .ok();
    let state = choice(fields, "state", PublicationState::from_code, &mut errors);
    let text = localized(fields, "dating.text", &mut errors);
    let earliest = year(fields, "dating.earliest", &mut errors);
    let latest = year(fields, "dating.latest", &mut errors);
    let period = base
        .and_then(|o| o.dating.as_ref())
        .and_then(|d| d.period.clone());
    let dating = (!text.is_empty() || earliest.is_some() || latest.is_some() || period.is_some())
        .then_some(Dating {
            text,
            earliest,
            latest,
            period,
        });
    let mut object = base.cloned().unwrap_or_else(|| MuseumObject {
        institution: institution.clone(),
        inventory_number: InventoryNumber::parse("inventory_number", "x").expect("valid"),
        collection: None,
        object_type: None,
        object_type_text: LocalizedText::new(),
        title: LocalizedText::new(),
        description: LocalizedText::new(),
        inscription: LocalizedText::new(),
        dating: None,
        materials: Vec::new(),
        techniques: Vec::new(),
        materials_text: LocalizedText::new(),
        dimensions: Vec::new(),
        dimensions_text: LocalizedText::new(),
        cultures: Vec::new(),
        events: Vec::new(),
        provenance: LocalizedText::new(),
        credit_line: LocalizedText::new(),
        rights: None,
        images: Vec::new(),
        links: Vec::new(),
        state: PublicationState::Draft,
    });
    if let Some(n) = inventory_number {
        object.inventory_number = n;
    }
    if let Some(s) = state {
        object.state = s;
    }
    object.collection = optional_slug(fields, "collection", &mut errors);
    object.object_type = optional_slug(fields, "object_type", &mut errors);
    object.materials = keys(fields, "materials", &mut errors);
    object.title = localized(fields, "title", &mut errors);
    object.description = localized(fields, "description", &mut errors);
    object.dating = dating;
    finish(object, MuseumObject::validate, errors)
}

/// Problems of list entries (`materials[1]`) shown at the list's one input.
fn at_inputs(mut errors: ValidationErrors) -> ValidationErrors {
    for e in &mut errors.errors {
        if let Some((list, _)) = e.field.split_once('[')
            && list == "materials"
        {
            e.field = list.to_owned();
        }
    }
    errors
}

page_template!(CatalogueFormPage, "staff_catalogue_form.html" {
    heading: String,
    action: String,
    cancel_href: String,
    has_errors: bool,
    unplaced: Vec<String>,
    items: Vec<Item>,
    // (datalist id, (term key, label)).
    datalists: Vec<(String, Vec<(String, String)>)>,
});

/// Which object form: a new object of the institution, or an existing one.
struct ObjectPlan {
    institution: Record<Institution>,
    existing: Option<Record<MuseumObject>>,
    collections: Vec<collections::StoredCollection>,
    /// Suggestions for the type and material inputs.
    types: Vec<Record<kolo_domain::Term>>,
    materials: Vec<Record<kolo_domain::Term>>,
}

async fn object_plan(
    state: &AppState,
    staff: &SignedIn,
    target: Result<String, i64>,
) -> Result<ObjectPlan, AppError> {
    let user = staff.principal.clone();
    Ok(state
        .store
        .read(move |c| {
            let (institution, existing) = match target {
                Ok(slug) => {
                    let institution = institutions::get_by_slug(c, &slug)?;
                    if !user.can_edit_institution(institution.id) {
                        return Err(StoreError::Forbidden);
                    }
                    (institution, None)
                }
                Err(id) => {
                    let object = records::editable_object(c, &user, id)?;
                    let slug = object.value.institution.to_string();
                    (institutions::get_by_slug(c, &slug)?, Some(object))
                }
            };
            Ok(ObjectPlan {
                collections: collections::list(c, institution.id)?,
                types: vocabularies::search(c, VocabularyKind::ObjectType, "", None, 200)?,
                materials: vocabularies::search(c, VocabularyKind::Material, "", None, 200)?,
                institution,
                existing,
            })
        })
        .await?)
}

fn show_object_form(
    ctx: PageCtx,
    plan: &ObjectPlan,
    fields: &[(String, String)],
    errors: ValidationErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = ctx.tr;
    let institution_name = ctx.pick(&plan.institution.value.name).text.to_owned();
    let (heading, action, cancel_href) = match &plan.existing {
        Some(o) => (
            tr.args(
                "object-edit-title",
                &[("name", ctx.pick(&o.value.title).text.to_owned().into())],
            ),
            format!("/objects/{}/edit", o.id),
            format!("/objects/{}", o.id),
        ),
        None => (
            tr.args("object-new-title", &[("name", institution_name.into())]),
            format!("/institutions/{}/objects/new", plan.institution.value.slug),
            format!("/institutions/{}", plan.institution.value.slug),
        ),
    };
    let errors = at_inputs(errors);
    let mut b = FormBuilder::new(tr, fields, &errors);
    let mut collection_options = vec![(String::new(), tr.t("object-no-collection"))];
    collection_options.extend(plan.collections.iter().map(|s| {
        (
            s.record.value.key.to_string(),
            ctx.pick(&s.record.value.title).text.to_owned(),
        )
    }));
    let states = coded_options(
        &tr,
        "object-state",
        PublicationState::ALL.iter().map(|s| s.code()),
    );
    let items = vec![
        Item::Field(
            b.input("inventory_number", "object-inventory-number", "text")
                .required(),
        ),
        Item::Field(b.select("collection", "field-collection", collection_options)),
        Item::Group(b.lang_group("title", "field-title", false, None)),
        Item::Group(b.lang_group("description", "field-description", true, None)),
        Item::Field(
            b.input("object_type", "object-type", "text")
                .help(tr.t("field-term-key-help"))
                .suggest("terms-object_type"),
        ),
        Item::Field(
            b.input("materials", "object-materials", "text")
                .help(tr.t("field-term-keys-help"))
                .suggest("terms-material"),
        ),
        Item::Group(b.lang_group("dating.text", "object-dating", false, None)),
        Item::Field(
            b.input("dating.earliest", "field-dating-earliest", "text")
                .help(tr.t("objects-filter-years-hint")),
        ),
        Item::Field(b.input("dating.latest", "field-dating-latest", "text")),
        Item::Field(b.select("state", "field-status", states)),
    ];
    let datalist = |terms: &[Record<kolo_domain::Term>]| {
        terms
            .iter()
            .map(|t| {
                (
                    t.value.key.to_string(),
                    ctx.pick(&t.value.label).text.to_owned(),
                )
            })
            .collect()
    };
    let datalists = vec![
        ("terms-object_type".to_owned(), datalist(&plan.types)),
        ("terms-material".to_owned(), datalist(&plan.materials)),
    ];
    let unplaced = b.unplaced();
    let page = CatalogueFormPage {
        head: Head::new(heading.clone()),
        heading,
        action,
        cancel_href,
        has_errors: !errors.is_empty(),
        unplaced,
        items,
        datalists,
        ctx,
    };
    Ok((status, render(&page)?).into_response())
}

async fn save_object(
    state: &AppState,
    ctx: PageCtx,
    staff: &SignedIn,
    plan: ObjectPlan,
    fields: Fields,
) -> Result<Response, AppError> {
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let base = plan.existing.as_ref().map(|o| &o.value);
    let object = match parse_object(&fields, &plan.institution.value.slug, base) {
        Ok(o) => o,
        Err(errors) => return show_object_form(ctx, &plan, &fields, errors, unprocessable),
    };
    let user = staff.principal.clone();
    let existing = plan.existing.as_ref().map(|o| o.id);
    let written = state
        .write(move |c| match existing {
            Some(id) => records::replace_object(c, &user, id, &object).map(|_| id),
            None => {
                // A new object must not silently replace the one with its inventory number.
                let institution = institutions::get_by_slug(c, object.institution.as_str())?;
                if objects::find(c, institution.id, object.inventory_number.as_str())?.is_some() {
                    return Err(StoreError::Taken {
                        field: "inventory_number",
                    });
                }
                records::save_object(c, &user, &object).map(|(id, _)| id)
            }
        })
        .await;
    match written {
        Ok(id) => Ok(Redirect::to(&format!("/objects/{id}")).into_response()),
        Err(e) => show_object_form(ctx, &plan, &fields, form_errors(e)?, unprocessable),
    }
}

async fn new_object_form(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let plan = object_plan(&state, &staff, Ok(slug)).await?;
    let fields: Fields = vec![("state".into(), PublicationState::Draft.code().into())];
    show_object_form(
        ctx,
        &plan,
        &fields,
        ValidationErrors::default(),
        StatusCode::OK,
    )
}

async fn new_object_save(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let plan = object_plan(&state, &staff, Ok(slug)).await?;
    save_object(&state, ctx, &staff, plan, fields).await
}

fn object_id(raw: &str) -> Result<i64, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

async fn edit_object_form(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let plan = object_plan(&state, &staff, Err(object_id(&id)?)).await?;
    let fields = object_fields(&plan.existing.as_ref().expect("asked for one").value);
    show_object_form(
        ctx,
        &plan,
        &fields,
        ValidationErrors::default(),
        StatusCode::OK,
    )
}

async fn edit_object_save(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let plan = object_plan(&state, &staff, Err(object_id(&id)?)).await?;
    save_object(&state, ctx, &staff, plan, fields).await
}

/// Which collection form: a new collection of the institution, or the one with this key.
struct CollectionPlan {
    institution: Record<Institution>,
    existing: Option<Record<Collection>>,
    collections: Vec<collections::StoredCollection>,
}

async fn collection_plan(
    state: &AppState,
    staff: &SignedIn,
    slug: String,
    key: Option<String>,
) -> Result<CollectionPlan, AppError> {
    let user = staff.principal.clone();
    Ok(state
        .store
        .read(move |c| {
            let institution = institutions::get_by_slug(c, &slug)?;
            if !user.can_edit_institution(institution.id) {
                return Err(StoreError::Forbidden);
            }
            let existing = key
                .map(|k| collections::get(c, institution.id, &k))
                .transpose()?;
            Ok(CollectionPlan {
                collections: collections::list(c, institution.id)?,
                institution,
                existing,
            })
        })
        .await?)
}

fn collection_fields(col: &Collection) -> Fields {
    let mut out: Fields = vec![
        ("key".into(), col.key.to_string()),
        (
            "parent".into(),
            col.parent.as_ref().map(Slug::to_string).unwrap_or_default(),
        ),
    ];
    push_text(&mut out, "title", &col.title);
    push_text(&mut out, "description", &col.description);
    out
}

pub fn parse_collection(
    fields: &[(String, String)],
    institution: &Slug,
    fixed_key: Option<&Slug>,
) -> Result<Collection, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let key = match fixed_key {
        Some(k) => Some(k.clone()),
        None => Slug::parse("key", value(fields, "key"))
            .map_err(|e| errors.push(e))
            .ok(),
    };
    let collection = Collection {
        institution: institution.clone(),
        key: key.unwrap_or_else(|| Slug::parse("key", "x").expect("a valid key")),
        parent: optional_slug(fields, "parent", &mut errors),
        title: localized(fields, "title", &mut errors),
        description: localized(fields, "description", &mut errors),
    };
    finish(collection, Collection::validate, errors)
}

fn show_collection_form(
    ctx: PageCtx,
    plan: &CollectionPlan,
    fields: &[(String, String)],
    errors: ValidationErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = ctx.tr;
    let slug = &plan.institution.value.slug;
    let (heading, action, cancel_href) = match &plan.existing {
        Some(col) => (
            tr.args(
                "collection-edit-title",
                &[("name", ctx.pick(&col.value.title).text.to_owned().into())],
            ),
            format!("/institutions/{slug}/collections/{}/edit", col.value.key),
            format!("/institutions/{slug}/collections/{}", col.value.key),
        ),
        None => (
            tr.args(
                "collection-new-title",
                &[(
                    "name",
                    ctx.pick(&plan.institution.value.name)
                        .text
                        .to_owned()
                        .into(),
                )],
            ),
            format!("/institutions/{slug}/collections/new"),
            format!("/institutions/{slug}"),
        ),
    };
    let mut b = FormBuilder::new(tr, fields, &errors);
    let key = b
        .input("key", "field-document-key", "text")
        .help(tr.t("field-document-key-help"));
    let key = match &plan.existing {
        Some(col) => key.readonly(col.value.key.as_str()),
        None => key.required(),
    };
    let mut parents = vec![(String::new(), tr.t("collection-no-parent"))];
    parents.extend(
        plan.collections
            .iter()
            .filter(|s| plan.existing.as_ref().is_none_or(|e| e.id != s.record.id))
            .map(|s| {
                (
                    s.record.value.key.to_string(),
                    ctx.pick(&s.record.value.title).text.to_owned(),
                )
            }),
    );
    let items = vec![
        Item::Field(key),
        Item::Field(b.select("parent", "field-collection-parent", parents)),
        Item::Group(b.lang_group("title", "field-title", false, None)),
        Item::Group(b.lang_group("description", "field-description", true, None)),
    ];
    let unplaced = b.unplaced();
    let page = CatalogueFormPage {
        head: Head::new(heading.clone()),
        heading,
        action,
        cancel_href,
        has_errors: !errors.is_empty(),
        unplaced,
        items,
        datalists: Vec::new(),
        ctx,
    };
    Ok((status, render(&page)?).into_response())
}

async fn save_collection(
    state: &AppState,
    ctx: PageCtx,
    staff: &SignedIn,
    plan: CollectionPlan,
    fields: Fields,
) -> Result<Response, AppError> {
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let fixed = plan.existing.as_ref().map(|c| &c.value.key);
    let collection = match parse_collection(&fields, &plan.institution.value.slug, fixed) {
        Ok(c) => c,
        Err(errors) => return show_collection_form(ctx, &plan, &fields, errors, unprocessable),
    };
    let user = staff.principal.clone();
    let (slug, key) = (
        collection.institution.to_string(),
        collection.key.to_string(),
    );
    let creating = plan.existing.is_none();
    let (s, k) = (slug.clone(), key.clone());
    let written = state
        .write(move |c| {
            let institution = institutions::get_by_slug(c, &s)?;
            if creating && collections::get(c, institution.id, &k).is_ok() {
                return Err(StoreError::Taken { field: "key" });
            }
            records::save_collection(c, &user, &s, &k, &collection)
        })
        .await;
    match written {
        Ok(_) => {
            Ok(Redirect::to(&format!("/institutions/{slug}/collections/{key}")).into_response())
        }
        Err(e) => show_collection_form(ctx, &plan, &fields, form_errors(e)?, unprocessable),
    }
}

impl PartForm for CollectionPlan {
    fn plan(
        state: &AppState,
        staff: &SignedIn,
        slug: String,
        key: Option<String>,
    ) -> impl Future<Output = Result<Self, AppError>> + Send {
        collection_plan(state, staff, slug, key)
    }
    fn fields(&self) -> Fields {
        match &self.existing {
            Some(col) => collection_fields(&col.value),
            None => Fields::new(),
        }
    }
    fn show(
        &self,
        ctx: PageCtx,
        fields: &[(String, String)],
        errors: ValidationErrors,
        status: StatusCode,
    ) -> Result<Response, AppError> {
        show_collection_form(ctx, self, fields, errors, status)
    }
    fn save(
        self,
        state: &AppState,
        ctx: PageCtx,
        staff: &SignedIn,
        fields: Fields,
    ) -> impl Future<Output = Result<Response, AppError>> + Send {
        save_collection(state, ctx, staff, self, fields)
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
    fn an_object_parses_and_keeps_what_the_form_does_not_show() {
        let institution = Slug::parse("s", "novopskov-museum").unwrap();
        let fields = form(&[
            ("inventory_number", " КП-1 "),
            ("title.uk", "Костюм"),
            ("materials", "linen, wool"),
            ("dating.text.uk", "кін. ХІХ ст."),
            ("dating.earliest", "1880"),
            ("dating.latest", "1900"),
            ("state", "published"),
        ]);
        let mut object = parse_object(&fields, &institution, None).unwrap();
        assert_eq!(object.inventory_number.as_str(), "КП-1");
        assert_eq!(object.materials.len(), 2);
        object.credit_line = LocalizedText::new().with("uk", "Дар");
        let again = parse_object(&object_fields(&object), &institution, Some(&object)).unwrap();
        assert_eq!(
            again, object,
            "the form round-trips and keeps the credit line"
        );
    }

    #[test]
    fn problems_are_reported_at_their_inputs() {
        let institution = Slug::parse("s", "novopskov-museum").unwrap();
        let fields = form(&[
            ("inventory_number", ""),
            ("materials", "Linen"),
            ("dating.earliest", "soon"),
            ("state", "lost"),
        ]);
        let errors = parse_object(&fields, &institution, None).unwrap_err();
        for (field, reason) in [
            ("inventory_number", "required"),
            ("materials", "invalid-slug"),
            ("dating.earliest", "invalid-number"),
            ("state", "invalid-choice"),
            ("title", "required"),
        ] {
            assert_eq!(
                errors.for_field(field).map(|e| e.reason.as_str()),
                Some(reason),
                "{field}: {errors}"
            );
        }
    }
}
