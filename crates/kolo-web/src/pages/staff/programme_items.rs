//! Staff forms for single items of an event's programme draft: add, edit, remove. Each save
//! writes the whole draft through `events::set_programme` (and so its checks: the event's days,
//! its halls, unique guids) in one transaction; saving does not publish, the programme page
//! does. Rights are [`records::editable`]'s: staff of a host institution and platform
//! administrators.

use super::event_pages::{RowGroup, kept_or_new, row_count, shown, time_kind};
use super::outcome_pages::{SPARE_ROWS, show_programme};
use super::*;
use kolo_domain::event::{ExternalLink, ItemKind, ItemPerson, PersonRole, check_programme};
use kolo_domain::{Event, ProgrammeItem};
use kolo_store::repo::events;

/// Longer than a day is not one item; the domain refuses it too.
const MAX_MINUTES: u32 = 24 * 60;

pub(super) fn item_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/events/{slug}/programme/items/new",
            get(part_new_form::<ItemPlan>).post(part_new_save::<ItemPlan>),
        )
        .route(
            "/events/{slug}/programme/items/{guid}/edit",
            get(part_edit_form::<ItemPlan>).post(part_edit_save::<ItemPlan>),
        )
        .route(
            "/events/{slug}/programme/items/{guid}/delete",
            post(delete_item),
        )
}

/// The address of an item's page. Guids come from imports and the API and may hold any text,
/// so the segment is percent-encoded.
pub fn item_href(slug: &Slug, guid: &str, action: &str) -> String {
    let mut u = url::Url::parse("http://kolo.invalid/").expect("a valid base");
    u.path_segments_mut().expect("a base").extend([
        "events",
        slug.as_str(),
        "programme",
        "items",
        guid,
        action,
    ]);
    u.path().to_owned()
}

fn programme_href(slug: &Slug) -> String {
    format!("/events/{slug}/programme/edit")
}

// ---------------------------------------------------------------------------------------------
// Item <-> form fields
// ---------------------------------------------------------------------------------------------

/// The form fields an item's edit form starts from. People's names, their affiliations and the
/// materials' labels are single inputs in the event's original language.
pub fn item_fields(item: &ProgrammeItem, lang: &str) -> Fields {
    let mut out: Fields = vec![("kind".into(), item.kind.code().into())];
    push_text(&mut out, "title", &item.title);
    push_text(&mut out, "description", &item.description);
    push_text(&mut out, "track", &item.track);
    let language = item.language.as_ref().map(ToString::to_string);
    out.push(("language".into(), language.unwrap_or_default()));
    out.push(("starts_at".into(), datetime_value(&item.starts_at)));
    out.push(("duration_minutes".into(), item.duration_minutes.to_string()));
    let hall = item.hall.as_ref().map(ToString::to_string);
    out.push(("hall".into(), hall.unwrap_or_default()));
    for (i, p) in item.persons.iter().enumerate() {
        let at = |f: &str| format!("persons[{i}].{f}");
        out.push((at("name"), shown(&p.name, lang).to_owned()));
        out.push((at("role"), p.role.code().into()));
        out.push((at("affiliation"), shown(&p.affiliation, lang).to_owned()));
    }
    for (name, u) in [
        ("broadcast_url", &item.broadcast_url),
        ("recording_url", &item.recording_url),
    ] {
        out.push((
            name.into(),
            u.as_ref().map(ToString::to_string).unwrap_or_default(),
        ));
    }
    for (i, m) in item.materials.iter().enumerate() {
        out.push((
            format!("materials[{i}].label"),
            shown(&m.label, lang).to_owned(),
        ));
        out.push((format!("materials[{i}].url"), m.url.to_string()));
    }
    out
}

/// `items[index].field` of the programme's rules -> `field`, the form's input.
fn at_item(mut found: ValidationErrors, index: usize) -> ValidationErrors {
    let prefix = format!("items[{index}].");
    for e in &mut found.errors {
        if let Some(rest) = e.field.strip_prefix(&prefix) {
            e.field = rest.to_owned();
        }
    }
    found
}

fn parse_duration(fields: &[(String, String)], errors: &mut ValidationErrors) -> Option<u32> {
    let name = "duration_minutes";
    let Some(raw) = optional(fields, name) else {
        errors.push(FieldError::new(name, "required"));
        return None;
    };
    match raw.parse::<u32>() {
        Ok(m) if m <= MAX_MINUTES => Some(m),
        Ok(_) => {
            let limit = usize::try_from(MAX_MINUTES).expect("small");
            errors.push(FieldError::new(name, "too-large").with_limit(limit));
            None
        }
        Err(_) => {
            errors.push(FieldError::new(name, "invalid-number"));
            None
        }
    }
}

/// People of the item; blank rows are skipped. Stored names keep their translations when
/// their shown text is submitted unchanged.
fn parse_persons(
    fields: &[(String, String)],
    event: &Event,
    base: Option<&ProgrammeItem>,
    errors: &mut ValidationErrors,
) -> Vec<ItemPerson> {
    let lang = &event.original_lang;
    let shown_in = base.map(|_| lang.as_str());
    let stored: &[ItemPerson] = base.map(|b| b.persons.as_slice()).unwrap_or_default();
    let mut persons = Vec::new();
    for i in 0..row_count(fields, "persons") {
        let at = |f: &str| format!("persons[{i}].{f}");
        let (name, affiliation) = (
            value(fields, &at("name")),
            value(fields, &at("affiliation")),
        );
        if name.trim().is_empty() && affiliation.trim().is_empty() {
            continue;
        }
        if name.trim().is_empty() {
            errors.push(FieldError::new(at("name"), "required"));
        }
        let role = choice(fields, &at("role"), PersonRole::from_code, errors);
        persons.push(ItemPerson {
            name: kept_or_new(stored.iter().map(|p| &p.name), shown_in, name, lang),
            role: role.unwrap_or(PersonRole::Speaker),
            affiliation: kept_or_new(
                stored.iter().map(|p| &p.affiliation),
                shown_in,
                affiliation,
                lang,
            ),
        });
    }
    persons
}

/// Materials (a label and an address each); blank rows are skipped.
fn parse_materials(
    fields: &[(String, String)],
    event: &Event,
    base: Option<&ProgrammeItem>,
    errors: &mut ValidationErrors,
) -> Vec<ExternalLink> {
    let lang = &event.original_lang;
    let shown_in = base.map(|_| lang.as_str());
    let stored: &[ExternalLink] = base.map(|b| b.materials.as_slice()).unwrap_or_default();
    let mut materials = Vec::new();
    for i in 0..row_count(fields, "materials") {
        let at = |f: &str| format!("materials[{i}].{f}");
        let label = value(fields, &at("label"));
        if label.trim().is_empty() && value(fields, &at("url")).trim().is_empty() {
            continue;
        }
        if label.trim().is_empty() {
            errors.push(FieldError::new(at("label"), "required"));
        }
        let url = url_field(fields, &at("url"), errors);
        if url.is_none() && errors.for_field(&at("url")).is_none() {
            errors.push(FieldError::new(at("url"), "required"));
        }
        if let Some(url) = url {
            let label = kept_or_new(stored.iter().map(|m| &m.label), shown_in, label, lang);
            materials.push(ExternalLink { label, url });
        }
    }
    materials
}

/// An item of `event` from its form, under `guid` (a new one's, or the edited one's). Every
/// problem is reported under its input's name, the programme's own rules included.
pub fn parse_item(
    fields: &[(String, String)],
    event: &Event,
    base: Option<&ProgrammeItem>,
    guid: String,
) -> Result<ProgrammeItem, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let kind = choice(fields, "kind", ItemKind::from_code, &mut errors);
    let title = localized(fields, "title", &mut errors);
    let description = localized(fields, "description", &mut errors);
    let track = localized(fields, "track", &mut errors);
    let language = optional(fields, "language").and_then(|raw| {
        raw.parse::<LangTag>()
            .map_err(|_| errors.push(FieldError::new("language", "invalid-lang")))
            .ok()
    });
    let starts = datetime_field(fields, "starts_at", true, &mut errors);
    let duration = parse_duration(fields, &mut errors);
    // A key that is no slug is no hall of the event either.
    let hall = optional(fields, "hall").and_then(|raw| {
        Slug::parse("hall", &raw)
            .map_err(|_| errors.push(FieldError::new("hall", "unknown-hall")))
            .ok()
    });
    let persons = parse_persons(fields, event, base, &mut errors);
    let broadcast_url = url_field(fields, "broadcast_url", &mut errors);
    let recording_url = url_field(fields, "recording_url", &mut errors);
    let materials = parse_materials(fields, event, base, &mut errors);
    // Stand-ins for parts that did not parse, chosen so they add no problem of their own.
    let item = ProgrammeItem {
        guid,
        kind: kind.unwrap_or(ItemKind::Other),
        title,
        description,
        starts_at: starts.unwrap_or(event.starts_at),
        duration_minutes: duration.unwrap_or(0),
        hall,
        track,
        persons,
        broadcast_url,
        recording_url,
        materials,
        language,
    };
    // The programme's rules say nothing of the end; a form that computes it does.
    let last_day = event.ends_at.date();
    if starts.is_some_and(|s| s.date() <= last_day) && item.ends_at().date() > last_day {
        errors.push(FieldError::new("duration_minutes", "ends-after-event-days"));
    }
    finish(
        item,
        |i| {
            check_programme(event, std::slice::from_ref(i))
                .map(|_| ())
                .map_err(|found| at_item(found, 0))
        },
        errors,
    )
}

// ---------------------------------------------------------------------------------------------
// The form page
// ---------------------------------------------------------------------------------------------

page_template!(ItemFormPage, "staff_programme_item.html" {
    heading: String,
    action: String,
    cancel_href: String,
    has_errors: bool,
    unplaced: Vec<String>,
    about: Vec<Item>,
    when: Vec<Item>,
    persons_help: String,
    persons: Vec<RowGroup>,
    links: Vec<Item>,
    materials: Vec<RowGroup>,
});

/// Which item form: a new item of the event, or an item of its draft.
struct ItemPlan {
    event: Record<Event>,
    existing: Option<ProgrammeItem>,
}

fn show_item_form(
    ctx: PageCtx,
    plan: &ItemPlan,
    fields: &[(String, String)],
    errors: ValidationErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let event = &plan.event.value;
    let tr = ctx.tr;
    let (heading, action) = match &plan.existing {
        Some(item) => (
            tr.args(
                "programme-item-edit-title",
                &[("name", ctx.pick(&item.title).text.to_owned().into())],
            ),
            item_href(&event.slug, &item.guid, "edit"),
        ),
        None => (
            tr.args(
                "programme-item-new-title",
                &[("name", ctx.pick(&event.title).text.to_owned().into())],
            ),
            format!("/events/{}/programme/items/new", event.slug),
        ),
    };
    let original = Some(event.original_lang.to_string());
    let kinds = coded_options(&tr, "item-kind", ItemKind::ALL.iter().map(|k| k.code()));
    let roles = coded_options(&tr, "person-role", PersonRole::ALL.iter().map(|r| r.code()));
    let mut halls = vec![(String::new(), tr.t("field-item-no-hall"))];
    halls.extend(
        event
            .venue
            .iter()
            .flat_map(|v| &v.halls)
            .map(|h| (h.key.to_string(), ctx.pick(&h.name).text.to_owned())),
    );
    let mut b = FormBuilder::new(tr, fields, &errors);
    let about = vec![
        Item::Field(b.select("kind", "field-item-kind", kinds)),
        Item::Group(b.lang_group("title", "field-title", false, original.as_deref())),
        Item::Group(b.lang_group("description", "field-description", true, None)),
        Item::Group(b.lang_group("track", "field-item-track", false, None)),
        Item::Field(
            b.input("language", "field-item-language", "text")
                .help(tr.t("field-item-language-help")),
        ),
    ];
    let zone = String::from(event.time_zone);
    let when = vec![
        Item::Field(
            b.input(
                "starts_at",
                "field-item-starts-at",
                time_kind(fields, "starts_at"),
            )
            .required()
            .help(tr.args("field-item-starts-at-help", &[("zone", zone.into())])),
        ),
        Item::Field(
            b.input("duration_minutes", "field-item-duration", "number")
                .required(),
        ),
        Item::Field(b.select("hall", "field-item-hall", halls)),
    ];
    let persons = (0..row_count(fields, "persons") + SPARE_ROWS)
        .map(|i| {
            let at = |f: &str| format!("persons[{i}].{f}");
            let mut name = b.input(&at("name"), "field-person-name", "text");
            name.lang = original.clone();
            let mut affiliation = b.input(&at("affiliation"), "field-person-affiliation", "text");
            affiliation.lang = original.clone();
            RowGroup {
                legend: tr.args("field-person", &[("number", (i as i64 + 1).into())]),
                fields: vec![
                    name,
                    b.select(&at("role"), "field-person-role", roles.clone()),
                    affiliation,
                ],
                checkbox: None,
            }
        })
        .collect();
    let links = vec![
        Item::Field(b.input("broadcast_url", "field-broadcast-url", "url")),
        Item::Field(b.input("recording_url", "field-recording-url", "url")),
    ];
    let materials = (0..row_count(fields, "materials") + SPARE_ROWS)
        .map(|i| {
            let at = |f: &str| format!("materials[{i}].{f}");
            let mut label = b.input(&at("label"), "field-material-label", "text");
            label.lang = original.clone();
            RowGroup {
                legend: tr.args("field-material", &[("number", (i as i64 + 1).into())]),
                fields: vec![label, b.input(&at("url"), "field-material-url", "url")],
                checkbox: None,
            }
        })
        .collect();
    let unplaced = b.unplaced();
    let page = ItemFormPage {
        head: Head::new(heading.clone()),
        heading,
        action,
        cancel_href: programme_href(&event.slug),
        has_errors: !errors.is_empty(),
        unplaced,
        about,
        when,
        persons_help: tr.t("field-persons-help"),
        persons,
        links,
        materials,
        ctx,
    };
    Ok((status, render(&page)?).into_response())
}

// ---------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------

/// What a save does to the draft.
enum Change {
    Add(ProgrammeItem),
    Replace(ProgrammeItem),
    Remove(String),
}

/// Applies `change` to the draft as it is now and writes the whole draft back, in one
/// transaction. The programme's refusals of the changed item name the form's inputs.
async fn write_draft(
    state: &AppState,
    staff: &SignedIn,
    slug: &Slug,
    change: Change,
) -> Result<(), StoreError> {
    let (user, slug) = (staff.principal.clone(), slug.to_string());
    state
        .write(move |c| {
            let event = records::editable::<Event>(c, &user, &slug)?;
            let mut draft = events::programme(c, event.id)?;
            let find = |draft: &[ProgrammeItem], guid: &str| {
                draft
                    .iter()
                    .position(|i| i.guid == guid)
                    .ok_or(StoreError::NotFound)
            };
            let changed = match change {
                Change::Add(item) => {
                    draft.push(item);
                    Some(draft.len() - 1)
                }
                Change::Replace(item) => {
                    let at = find(&draft, &item.guid)?;
                    draft[at] = item;
                    Some(at)
                }
                Change::Remove(guid) => {
                    let at = find(&draft, &guid)?;
                    draft.remove(at);
                    None
                }
            };
            match events::set_programme(c, Some(user.user_id), event.id, &draft) {
                Ok(_) => Ok(()),
                Err(StoreError::Invalid(found)) => Err(StoreError::Invalid(match changed {
                    Some(at) => at_item(found, at),
                    None => found,
                })),
                Err(e) => Err(e),
            }
        })
        .await
}

async fn item_plan(
    state: &AppState,
    staff: &SignedIn,
    slug: String,
    guid: Option<String>,
) -> Result<ItemPlan, AppError> {
    let event = load_slug_record::<Event>(state, staff, slug).await?;
    let existing = match guid {
        Some(guid) => {
            let id = event.id;
            let draft = state.store.read(move |c| events::programme(c, id)).await?;
            let found = draft.into_iter().find(|i| i.guid == guid);
            Some(found.ok_or(AppError::NotFound)?)
        }
        None => None,
    };
    Ok(ItemPlan { event, existing })
}

async fn save_item(
    state: &AppState,
    ctx: PageCtx,
    staff: &SignedIn,
    plan: ItemPlan,
    fields: Fields,
) -> Result<Response, AppError> {
    let event = &plan.event.value;
    // A new item's guid is made once, here; it never changes after.
    let guid = match &plan.existing {
        Some(item) => item.guid.clone(),
        None => uuid::Uuid::new_v4().to_string(),
    };
    let item = match parse_item(&fields, event, plan.existing.as_ref(), guid) {
        Ok(item) => item,
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return show_item_form(ctx, &plan, &fields, errors, status);
        }
    };
    let change = match plan.existing {
        Some(_) => Change::Replace(item),
        None => Change::Add(item),
    };
    match write_draft(state, staff, &event.slug, change).await {
        Ok(()) => Ok(Redirect::to(&programme_href(&event.slug)).into_response()),
        Err(e) => {
            let errors = form_errors(e)?;
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            show_item_form(ctx, &plan, &fields, errors, status)
        }
    }
}

impl PartForm for ItemPlan {
    fn plan(
        state: &AppState,
        staff: &SignedIn,
        slug: String,
        key: Option<String>,
    ) -> impl Future<Output = Result<Self, AppError>> + Send {
        item_plan(state, staff, slug, key)
    }
    fn fields(&self) -> Fields {
        match &self.existing {
            Some(item) => item_fields(item, self.event.value.original_lang.as_str()),
            None => vec![
                ("kind".into(), ItemKind::Session.code().into()),
                (
                    "starts_at".into(),
                    datetime_value(&self.event.value.starts_at),
                ),
                ("duration_minutes".into(), "60".into()),
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
        show_item_form(ctx, self, fields, errors, status)
    }
    fn save(
        self,
        state: &AppState,
        ctx: PageCtx,
        staff: &SignedIn,
        fields: Fields,
    ) -> impl Future<Output = Result<Response, AppError>> + Send {
        save_item(state, ctx, staff, self, fields)
    }
}

async fn delete_item(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path((slug, guid)): Path<(String, String)>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let plan = item_plan(&state, &staff, slug, Some(guid.clone())).await?;
    let slug = plan.event.value.slug.clone();
    match write_draft(&state, &staff, &slug, Change::Remove(guid)).await {
        Ok(()) => Ok(Redirect::to(&programme_href(&slug)).into_response()),
        // The rest of the draft no longer fits the event (its days or halls changed since).
        Err(e) => {
            let errors = form_errors(e)?;
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            show_programme(&state, ctx, plan.event, &[], errors, status).await
        }
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

    fn event() -> Event {
        let fields = form(&[
            ("slug", "forum"),
            ("kind", "forum"),
            ("status", "scheduled"),
            ("attendance", "offline"),
            ("original_lang", "ru"),
            ("title.ru", "Форум"),
            ("starts_at", "2025-03-17T10:00"),
            ("ends_at", "2025-03-18T18:00"),
            ("time_zone", "Europe/Moscow"),
            ("hosts", "library"),
            ("venue.name.ru", "Библиотека"),
            ("venue.halls[0].key", "main"),
            ("venue.halls[0].name", "Большой зал"),
        ]);
        super::super::event_pages::parse_event(&fields, None, true).unwrap()
    }

    fn valid() -> Fields {
        form(&[
            ("csrf", "token"),
            ("kind", "talk"),
            ("title.ru", "Доклад"),
            ("title.en", "A talk"),
            ("track.ru", "Секция 1"),
            ("language", "ru"),
            ("starts_at", "2025-03-17T11:00"),
            ("duration_minutes", "45"),
            ("hall", "main"),
            ("persons[0].name", "Иванова Мария"),
            ("persons[0].role", "speaker"),
            ("persons[0].affiliation", "Псковская библиотека"),
            ("persons[1].name", ""),
            ("persons[1].role", "speaker"),
            ("persons[1].affiliation", ""),
            ("broadcast_url", "https://example.org/live"),
            ("recording_url", ""),
            ("materials[0].label", "Слайды"),
            ("materials[0].url", "https://example.org/slides.pdf"),
            ("materials[1].label", ""),
            ("materials[1].url", ""),
        ])
    }

    fn with(mut fields: Fields, name: &str, v: &str) -> Fields {
        fields.retain(|(k, _)| k != name);
        fields.push((name.to_owned(), v.to_owned()));
        fields
    }

    fn reasons(e: &ValidationErrors) -> Vec<(&str, &str)> {
        let mut r: Vec<_> = e
            .errors
            .iter()
            .map(|e| (e.field.as_str(), e.reason.as_str()))
            .collect();
        r.sort();
        r
    }

    #[test]
    fn an_item_parses_and_round_trips() {
        let e = event();
        let item = parse_item(&valid(), &e, None, "g1".into()).unwrap();
        assert_eq!(item.kind, ItemKind::Talk);
        assert_eq!(item.duration_minutes, 45);
        assert_eq!(item.hall.as_ref().map(Slug::as_str), Some("main"));
        assert_eq!(item.persons.len(), 1, "blank rows are skipped");
        assert_eq!(
            item.persons[0].affiliation.get("ru"),
            Some("Псковская библиотека")
        );
        assert_eq!(item.materials.len(), 1);
        assert_eq!(item.language.as_ref().map(LangTag::as_str), Some("ru"));
        let fields = item_fields(&item, "ru");
        assert_eq!(parse_item(&fields, &e, Some(&item), "g1".into()), Ok(item));
    }

    #[test]
    fn an_edit_keeps_translations_of_unchanged_names() {
        let e = event();
        let mut stored = parse_item(&valid(), &e, None, "g1".into()).unwrap();
        stored.persons[0]
            .name
            .set("en".parse().unwrap(), "Maria Ivanova");
        let fields = with(item_fields(&stored, "ru"), "duration_minutes", "30");
        let item = parse_item(&fields, &e, Some(&stored), "g1".into()).unwrap();
        assert_eq!(item.persons[0].name.get("en"), Some("Maria Ivanova"));
        assert_eq!(item.duration_minutes, 30);
    }

    #[test]
    fn every_problem_is_reported_at_its_input() {
        let mut fields = valid();
        for (k, v) in [
            ("kind", "party"),
            ("title.ru", ""),
            ("title.en", ""),
            ("language", "not a tag"),
            ("starts_at", "2025-03-19T10:00"),
            ("duration_minutes", "an hour"),
            ("hall", "garden"),
            ("persons[1].affiliation", "без имени"),
            ("broadcast_url", "example.org"),
            ("materials[1].label", "Без адреса"),
        ] {
            fields = with(fields, k, v);
        }
        let errors = parse_item(&fields, &event(), None, "g1".into()).unwrap_err();
        assert_eq!(
            reasons(&errors),
            [
                ("broadcast_url", "invalid-url"),
                ("duration_minutes", "invalid-number"),
                ("hall", "unknown-hall"),
                ("kind", "invalid-choice"),
                ("language", "invalid-lang"),
                ("materials[1].url", "required"),
                ("persons[1].name", "required"),
                ("starts_at", "outside-event-days"),
                ("title", "required"),
            ]
        );
    }

    #[test]
    fn an_item_ends_within_the_event_days() {
        let e = event();
        let late = with(valid(), "starts_at", "2025-03-18T23:30");
        let errors = parse_item(&late, &e, None, "g1".into()).unwrap_err();
        assert_eq!(
            reasons(&errors),
            [("duration_minutes", "ends-after-event-days")]
        );
        let long = with(valid(), "duration_minutes", "1441");
        let errors = parse_item(&long, &e, None, "g1".into()).unwrap_err();
        assert_eq!(reasons(&errors), [("duration_minutes", "too-large")]);
    }

    #[test]
    fn item_addresses_encode_the_guid() {
        let slug = Slug::parse("slug", "forum").unwrap();
        assert_eq!(
            item_href(&slug, "a b/c?", "edit"),
            "/events/forum/programme/items/a%20b%2Fc%3F/edit"
        );
    }
}
