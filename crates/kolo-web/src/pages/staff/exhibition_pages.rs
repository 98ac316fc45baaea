//! The edit and "new" pages of exhibitions and object stories.
//!
//! The exhibition form edits kind, texts, dates, hosts, partner institutions, the itinerary and
//! the sections with their objects. Organisers, curators, networks, related events, images,
//! links and partners named in text come from the API and bundles: the form is applied to the
//! stored exhibition, so saving keeps them. Rights are [`records::SlugRecord`]'s and
//! [`records::SlugRecord`]'s.

use super::event_pages::{
    CheckGroup, RowGroup, at_lists, check_group, every_institution, host_choices, kept_or_new,
    renumber_field, row_count, shown, ticked_slugs,
};
use super::*;
use chrono::NaiveDate;
use kolo_domain::collection::InventoryNumber;
use kolo_domain::event::Party;
use kolo_domain::exhibition::{ExhibitedObject, Section, Stop};
use kolo_domain::{Exhibition, ExhibitionKind, ObjectRef, PublicationState, Story};

/// Empty rows offered below the stored stops and sections, to add more.
const EXTRA_ROWS: usize = 2;

/// An optional day from `<input type="date">`.
pub(super) fn date_field(
    fields: &[(String, String)],
    name: &str,
    required: bool,
    errors: &mut ValidationErrors,
) -> Option<NaiveDate> {
    let Some(raw) = optional(fields, name) else {
        if required {
            errors.push(FieldError::new(name, "required"));
        }
        return None;
    };
    let parsed = raw.parse().ok();
    if parsed.is_none() {
        errors.push(FieldError::new(name, "invalid-date"));
    }
    parsed
}

pub(super) fn date_value(d: &Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

pub(super) fn state_options(tr: &Tr) -> Vec<(String, String)> {
    coded_options(tr, "state", PublicationState::ALL.iter().map(|s| s.code()))
}

// ---------------------------------------------------------------------------------------------
// Objects as lines: `[*][institution:]inventory number[ | caption]`
// ---------------------------------------------------------------------------------------------

/// One object as its form line. The institution is written when it is not `default` or when
/// the inventory number has a colon (so the line reads back the same).
fn object_line(o: &ExhibitedObject, default: Option<&Slug>, lang: &str) -> String {
    let mut line = String::new();
    if o.highlight {
        line.push('*');
    }
    let number = o.object.inventory_number.as_str();
    if Some(&o.object.institution) != default || number.contains(':') {
        line.push_str(o.object.institution.as_str());
        line.push(':');
    }
    line.push_str(number);
    let caption = shown(&o.caption, lang);
    if !caption.is_empty() {
        line.push_str(" | ");
        line.push_str(caption);
    }
    line
}

/// An object from its form line; the reason it is refused otherwise.
fn parse_object_line(
    line: &str,
    default: Option<&Slug>,
    stored: &[&ExhibitedObject],
    base_lang: Option<&str>,
    lang: &LangTag,
) -> Result<ExhibitedObject, &'static str> {
    let (head, caption) = match line.split_once('|') {
        Some((h, c)) => (h.trim(), c.trim()),
        None => (line.trim(), ""),
    };
    let (highlight, head) = match head.strip_prefix('*') {
        Some(rest) => (true, rest.trim()),
        None => (false, head),
    };
    let (institution, number) = match head.split_once(':') {
        Some((i, n)) if Slug::parse("i", i.trim()).is_ok() => {
            (Slug::parse("i", i.trim()).ok(), n.trim())
        }
        _ => (default.cloned(), head),
    };
    let institution = institution.ok_or("required")?;
    let inventory_number = InventoryNumber::parse("n", number).map_err(|_| "invalid-number")?;
    let object = ObjectRef {
        institution,
        inventory_number,
    };
    let same = stored
        .iter()
        .filter(|s| s.object == object)
        .map(|s| &s.caption);
    Ok(ExhibitedObject {
        caption: if caption.is_empty() {
            LocalizedText::new()
        } else {
            kept_or_new(same, base_lang, caption, lang)
        },
        object,
        highlight,
    })
}

// ---------------------------------------------------------------------------------------------
// Exhibition <-> form fields
// ---------------------------------------------------------------------------------------------

/// The form fields an exhibition's edit form starts from.
pub fn exhibition_fields(x: &Exhibition) -> Fields {
    let lang = x.original_lang.as_str();
    let mut out: Fields = vec![
        ("slug".into(), x.slug.to_string()),
        ("kind".into(), x.kind.code().into()),
        ("state".into(), x.state.code().into()),
        ("original_lang".into(), lang.into()),
        ("opens_on".into(), date_value(&x.opens_on)),
        ("closes_on".into(), date_value(&x.closes_on)),
    ];
    push_text(&mut out, "title", &x.title);
    push_text(&mut out, "summary", &x.summary);
    push_text(&mut out, "description", &x.description);
    out.extend(x.hosts.iter().map(|s| ("hosts".into(), s.to_string())));
    out.extend(x.partners.iter().filter_map(|p| match p {
        Party::Institution { institution } => Some(("partners".into(), institution.to_string())),
        Party::Named { .. } => None,
    }));
    for (i, s) in x.itinerary.iter().enumerate() {
        let at = |f: &str| format!("itinerary[{i}].{f}");
        let inst = s.institution.as_ref().map(ToString::to_string);
        out.push((at("institution"), inst.unwrap_or_default()));
        out.push((at("venue"), shown(&s.venue, lang).to_owned()));
        out.push((at("city"), shown(&s.city, lang).to_owned()));
        out.push((at("opens_on"), s.opens_on.to_string()));
        out.push((at("closes_on"), s.closes_on.to_string()));
    }
    let default = x.hosts.first();
    for (i, s) in x.sections.iter().enumerate() {
        let at = |f: &str| format!("sections[{i}].{f}");
        out.push((at("key"), s.key.to_string()));
        out.push((at("title"), shown(&s.title, lang).to_owned()));
        out.push((at("text"), shown(&s.text, lang).to_owned()));
        let lines: Vec<String> = s
            .objects
            .iter()
            .map(|o| object_line(o, default, lang))
            .collect();
        out.push((at("objects"), lines.join("\n")));
    }
    out
}

/// The form rows each stop and section came from (blank rows are skipped).
struct Rows {
    stops: Vec<usize>,
    sections: Vec<usize>,
}

fn parse_stops(
    fields: &[(String, String)],
    base: Option<&Exhibition>,
    lang: &LangTag,
    errors: &mut ValidationErrors,
) -> (Vec<Stop>, Vec<usize>) {
    let base_lang = base.map(|b| b.original_lang.as_str());
    let stored: &[Stop] = base.map(|b| b.itinerary.as_slice()).unwrap_or_default();
    let (mut stops, mut rows) = (Vec::new(), Vec::new());
    for i in 0..row_count(fields, "itinerary") {
        let at = |f: &str| format!("itinerary[{i}].{f}");
        let raw = |f: &str| value(fields, &at(f)).trim().to_owned();
        let parts = ["institution", "venue", "city", "opens_on", "closes_on"].map(raw);
        if parts.iter().all(String::is_empty) {
            continue;
        }
        let [institution, venue, city, ..] = parts;
        let institution = match institution.as_str() {
            "" => None,
            s => Slug::parse(&at("institution"), s)
                .map_err(|_| errors.push(FieldError::new(at("institution"), "invalid-choice")))
                .ok(),
        };
        let opens = date_field(fields, &at("opens_on"), true, errors);
        let closes = date_field(fields, &at("closes_on"), true, errors);
        let texts = |pick: fn(&Stop) -> &LocalizedText, submitted: &str| {
            if submitted.is_empty() {
                LocalizedText::new()
            } else {
                kept_or_new(stored.iter().map(pick), base_lang, submitted, lang)
            }
        };
        if let (Some(opens_on), Some(closes_on)) = (opens, closes) {
            stops.push(Stop {
                institution,
                venue: texts(|s| &s.venue, &venue),
                city: texts(|s| &s.city, &city),
                opens_on,
                closes_on,
            });
            rows.push(i);
        }
    }
    (stops, rows)
}

fn parse_sections(
    fields: &[(String, String)],
    base: Option<&Exhibition>,
    lang: &LangTag,
    default: Option<&Slug>,
    errors: &mut ValidationErrors,
) -> (Vec<Section>, Vec<usize>) {
    let base_lang = base.map(|b| b.original_lang.as_str());
    let stored: &[Section] = base.map(|b| b.sections.as_slice()).unwrap_or_default();
    let stored_objects: Vec<&ExhibitedObject> = stored.iter().flat_map(|s| &s.objects).collect();
    let (mut sections, mut rows) = (Vec::new(), Vec::new());
    for i in 0..row_count(fields, "sections") {
        let at = |f: &str| format!("sections[{i}].{f}");
        let raw = |f: &str| value(fields, &at(f)).trim().to_owned();
        let parts = ["key", "title", "text", "objects"].map(raw);
        if parts.iter().all(String::is_empty) {
            continue;
        }
        let [key, title, text, objects] = parts;
        let key = Slug::parse(&at("key"), &key)
            .map_err(|e| errors.push(e))
            .ok();
        let same_key = stored.iter().filter(|s| Some(&s.key) == key.as_ref());
        let title = kept_or_new(
            same_key.clone().chain(stored).map(|s| &s.title),
            base_lang,
            &title,
            lang,
        );
        let text = if text.is_empty() {
            LocalizedText::new()
        } else {
            kept_or_new(
                same_key.chain(stored).map(|s| &s.text),
                base_lang,
                &text,
                lang,
            )
        };
        let mut shown_objects = Vec::new();
        for line in objects.lines().filter(|l| !l.trim().is_empty()) {
            match parse_object_line(line, default, &stored_objects, base_lang, lang) {
                Ok(o) => shown_objects.push(o),
                Err(reason) if errors.for_field(&at("objects")).is_none() => {
                    errors.push(FieldError::new(at("objects"), reason))
                }
                Err(_) => {}
            }
        }
        if let Some(key) = key {
            sections.push(Section {
                key,
                title,
                text,
                objects: shown_objects,
            });
            rows.push(i);
        }
    }
    (sections, rows)
}

/// An exhibition from its form, applied to the stored one `base` when editing.
fn parse_exhibition_rows(
    fields: &[(String, String)],
    base: Option<&Exhibition>,
) -> (Exhibition, Rows, ValidationErrors) {
    let mut errors = ValidationErrors::default();
    let slug = match base {
        Some(b) => Some(b.slug.clone()),
        None => Slug::parse("slug", value(fields, "slug"))
            .map_err(|e| errors.push(e))
            .ok(),
    };
    let kind = choice(fields, "kind", ExhibitionKind::from_code, &mut errors);
    let state = choice(fields, "state", PublicationState::from_code, &mut errors);
    let original_lang = choice(fields, "original_lang", |t| t.parse().ok(), &mut errors);
    let title = localized(fields, "title", &mut errors);
    let lang = original_lang.unwrap_or_else(|| {
        let tag = title.iter().next().map(|(t, _)| t.as_str()).unwrap_or("en");
        tag.parse().expect("a stored tag parses")
    });
    let no_slugs: &[Slug] = &[];
    let hosts = ticked_slugs(
        fields,
        "hosts",
        base.map_or(no_slugs, |b| &b.hosts),
        &mut errors,
    );
    let stored_partners: Vec<Slug> = base
        .map(|b| {
            b.partners
                .iter()
                .filter_map(|p| match p {
                    Party::Institution { institution } => Some(institution.clone()),
                    Party::Named { .. } => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let mut partners: Vec<Party> = ticked_slugs(fields, "partners", &stored_partners, &mut errors)
        .into_iter()
        .map(|institution| Party::Institution { institution })
        .collect();
    partners.extend(
        base.into_iter()
            .flat_map(|b| &b.partners)
            .filter(|p| matches!(p, Party::Named { .. }))
            .cloned(),
    );
    let (itinerary, stop_rows) = parse_stops(fields, base, &lang, &mut errors);
    let default = hosts.first().cloned();
    let (sections, section_rows) =
        parse_sections(fields, base, &lang, default.as_ref(), &mut errors);
    let keep = base.cloned();
    let x = Exhibition {
        slug: slug.unwrap_or_else(|| Slug::parse("slug", "x").expect("a valid slug")),
        kind: kind.unwrap_or(ExhibitionKind::Temporary),
        original_lang: lang,
        title,
        summary: localized(fields, "summary", &mut errors),
        description: localized(fields, "description", &mut errors),
        hosts,
        organisers: keep
            .as_ref()
            .map(|b| b.organisers.clone())
            .unwrap_or_default(),
        partners,
        curators: keep
            .as_ref()
            .map(|b| b.curators.clone())
            .unwrap_or_default(),
        networks: keep
            .as_ref()
            .map(|b| b.networks.clone())
            .unwrap_or_default(),
        opens_on: date_field(fields, "opens_on", false, &mut errors),
        closes_on: date_field(fields, "closes_on", false, &mut errors),
        itinerary,
        sections,
        events: keep.as_ref().map(|b| b.events.clone()).unwrap_or_default(),
        images: keep.as_ref().map(|b| b.images.clone()).unwrap_or_default(),
        links: keep.map(|b| b.links).unwrap_or_default(),
        state: state.unwrap_or(PublicationState::Draft),
    };
    let rows = Rows {
        stops: stop_rows,
        sections: section_rows,
    };
    (x, rows, errors)
}

/// An exhibition from its form; every problem under its input's name.
pub fn parse_exhibition(
    fields: &[(String, String)],
    base: Option<&Exhibition>,
) -> Result<Exhibition, ValidationErrors> {
    let (x, rows, errors) = parse_exhibition_rows(fields, base);
    finish(
        x,
        |x| {
            x.validate().map_err(|mut found| {
                for e in &mut found.errors {
                    if let Some(f) = renumber_field(&e.field, "itinerary", &rows.stops)
                        .or_else(|| renumber_field(&e.field, "sections", &rows.sections))
                    {
                        e.field = f;
                    }
                }
                found
            })
        },
        errors,
    )
}

// ---------------------------------------------------------------------------------------------
// The exhibition page
// ---------------------------------------------------------------------------------------------

page_template!(ExhibitionFormPage, "staff_exhibition_form.html" {
    heading: String,
    action: String,
    cancel_href: String,
    has_errors: bool,
    unplaced: Vec<String>,
    editing: bool,
    about: Vec<Item>,
    when: Vec<Item>,
    hosts: CheckGroup,
    partners: CheckGroup,
    stops: Vec<RowGroup>,
    sections: Vec<RowGroup>,
});

/// (slug, shown name, its language) for checkboxes and selects.
pub(super) fn institution_options(
    ctx: &PageCtx,
    list: &[Record<Institution>],
) -> Vec<(String, String, Option<String>)> {
    list.iter()
        .map(|r| {
            let shown = ctx.pick(&r.value.name);
            (
                r.value.slug.to_string(),
                shown.text.to_owned(),
                shown.lang.map(str::to_owned),
            )
        })
        .collect()
}

async fn show_exhibition_form(
    state: &AppState,
    ctx: PageCtx,
    principal: &Principal,
    plan: SlugPlan,
    fields: &[(String, String)],
    errors: ValidationErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let errors = at_lists(errors);
    let mut named = plan.current.clone();
    named.extend(values(fields, "hosts").map(str::to_owned));
    let hosts = institution_options(&ctx, &host_choices(state, principal, named).await?);
    let everyone = institution_options(&ctx, &state.store.read(every_institution).await?);
    let tr = ctx.tr;
    let mut b = FormBuilder::new(tr, fields, &errors);
    let kinds = coded_options(
        &tr,
        "exhibition-kind",
        ExhibitionKind::ALL.iter().map(|k| k.code()),
    );
    let original = value(fields, "original_lang").trim().to_owned();
    let original_tag = (!original.is_empty()).then(|| original.clone());
    let mut about = head_controls(&mut b, plan.existing.as_ref(), kinds);
    about.push(Item::Field(b.select(
        "state",
        "field-state",
        state_options(&tr),
    )));
    about.push(Item::Group(b.lang_group(
        "title",
        "field-title",
        false,
        Some(&original),
    )));
    about.push(Item::Group(b.lang_group(
        "summary",
        "field-summary",
        true,
        None,
    )));
    about.push(Item::Group(b.lang_group(
        "description",
        "field-description",
        true,
        None,
    )));
    let when = vec![
        Item::Field(
            b.input("opens_on", "field-opens-on", "date")
                .help(tr.t("field-exhibition-dates-help")),
        ),
        Item::Field(b.input("closes_on", "field-closes-on", "date")),
    ];
    let hosts = check_group(
        &mut b,
        "hosts",
        tr.t("field-hosts"),
        Some(tr.t("exhibition-hosts-help")),
        hosts,
    );
    let partners = check_group(
        &mut b,
        "partners",
        tr.t("field-partners"),
        None,
        everyone.clone(),
    );
    let mut venue_options = vec![(String::new(), tr.t("field-none"))];
    venue_options.extend(everyone.into_iter().map(|(v, label, _)| (v, label)));
    let stop_rows = row_count(fields, "itinerary") + EXTRA_ROWS;
    let stops = (0..stop_rows)
        .map(|i| {
            let at = |f: &str| format!("itinerary[{i}].{f}");
            let mut venue = b.input(&at("venue"), "field-stop-venue", "text");
            venue.lang = original_tag.clone();
            let mut city = b.input(&at("city"), "field-stop-city", "text");
            city.lang = original_tag.clone();
            RowGroup {
                legend: tr.args("field-stop", &[("number", (i as i64 + 1).into())]),
                fields: vec![
                    b.select(
                        &at("institution"),
                        "field-stop-institution",
                        venue_options.clone(),
                    ),
                    venue,
                    city,
                    b.input(&at("opens_on"), "field-opens-on", "date"),
                    b.input(&at("closes_on"), "field-closes-on", "date"),
                ],
                checkbox: None,
            }
        })
        .collect();
    let section_rows = row_count(fields, "sections") + EXTRA_ROWS;
    let sections = (0..section_rows)
        .map(|i| {
            let at = |f: &str| format!("sections[{i}].{f}");
            let mut title = b.input(&at("title"), "field-section-title", "text");
            title.lang = original_tag.clone();
            let mut text = b.input(&at("text"), "field-section-text", "textarea");
            text.lang = original_tag.clone();
            let objects = b
                .input(&at("objects"), "field-section-objects", "textarea")
                .help(tr.t("field-section-objects-help"));
            RowGroup {
                legend: tr.args("field-section", &[("number", (i as i64 + 1).into())]),
                fields: vec![
                    b.input(&at("key"), "field-section-key", "text"),
                    title,
                    text,
                    objects,
                ],
                checkbox: None,
            }
        })
        .collect();
    let unplaced = b.unplaced();
    let page = ExhibitionFormPage {
        head: Head::new(plan.heading.clone()),
        heading: plan.heading,
        action: plan.action,
        cancel_href: plan.cancel_href,
        has_errors: !errors.is_empty(),
        unplaced,
        editing: plan.existing.is_some(),
        about,
        when,
        hosts,
        partners,
        stops,
        sections,
        ctx,
    };
    Ok((status, render(&page)?).into_response())
}

impl SlugForm for Exhibition {
    const PATH: &'static str = "exhibitions";
    const NEW_TITLE: &'static str = "new-exhibition-title";
    const EDIT_TITLE: &'static str = "edit-exhibition-title";

    fn title(&self) -> &LocalizedText {
        &self.title
    }
    fn current(&self) -> Vec<String> {
        self.hosts.iter().map(ToString::to_string).collect()
    }
    fn to_fields(&self) -> Fields {
        exhibition_fields(self)
    }
    async fn new_fields(
        _: &AppState,
        _: &SignedIn,
        ctx: &PageCtx,
        _: Option<&str>,
    ) -> Result<Fields, AppError> {
        Ok(vec![
            (
                "original_lang".into(),
                default_original_lang(ctx.lang).into(),
            ),
            ("kind".into(), ExhibitionKind::Temporary.code().into()),
            ("state".into(), PublicationState::Draft.code().into()),
        ])
    }
    fn parse(
        fields: &[(String, String)],
        base: Option<&Self>,
        _: &Principal,
    ) -> Result<Self, ValidationErrors> {
        parse_exhibition(fields, base)
    }
    fn show(
        state: &AppState,
        ctx: PageCtx,
        principal: &Principal,
        plan: SlugPlan,
        fields: &[(String, String)],
        errors: ValidationErrors,
        status: StatusCode,
    ) -> impl Future<Output = Result<Response, AppError>> + Send {
        show_exhibition_form(state, ctx, principal, plan, fields, errors, status)
    }
}

// ---------------------------------------------------------------------------------------------
// Stories
// ---------------------------------------------------------------------------------------------

pub fn story_fields(s: &Story) -> Fields {
    let mut out: Fields = vec![
        ("slug".into(), s.slug.to_string()),
        ("institution".into(), s.institution.to_string()),
        (
            "series".into(),
            s.series
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ),
        (
            "number".into(),
            s.number.map(|n| n.to_string()).unwrap_or_default(),
        ),
        ("state".into(), s.state.code().into()),
        ("published_on".into(), date_value(&s.published_on)),
    ];
    let object = ExhibitedObject {
        object: s.object.clone(),
        caption: LocalizedText::new(),
        highlight: false,
    };
    out.push((
        "object".into(),
        object_line(&object, Some(&s.institution), ""),
    ));
    push_text(&mut out, "title", &s.title);
    push_text(&mut out, "body", &s.body);
    out
}

/// A story from its form (the slug of `base` is kept when editing).
pub fn parse_story(
    fields: &[(String, String)],
    base: Option<&Story>,
) -> Result<Story, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let slug = match base {
        Some(b) => Some(b.slug.clone()),
        None => Slug::parse("slug", value(fields, "slug"))
            .map_err(|e| errors.push(e))
            .ok(),
    };
    let institution = choice(
        fields,
        "institution",
        |s| Slug::parse("institution", s).ok(),
        &mut errors,
    );
    let series = optional(fields, "series")
        .and_then(|s| Slug::parse("series", &s).map_err(|e| errors.push(e)).ok());
    let number = optional(fields, "number").and_then(|n| {
        n.parse::<u32>()
            .map_err(|_| errors.push(FieldError::new("number", "invalid-number")))
            .ok()
    });
    let state = choice(fields, "state", PublicationState::from_code, &mut errors);
    let object = match optional(fields, "object") {
        None => {
            errors.push(FieldError::new("object", "required"));
            None
        }
        Some(line) => {
            let en: LangTag = "en".parse().expect("a valid tag");
            parse_object_line(&line, institution.as_ref(), &[], None, &en)
                .map_err(|reason| errors.push(FieldError::new("object", reason)))
                .ok()
                .map(|o| o.object)
        }
    };
    let stand_in = || Slug::parse("slug", "x").expect("a valid slug");
    let story = Story {
        slug: slug.unwrap_or_else(stand_in),
        object: object.unwrap_or_else(|| ObjectRef {
            institution: institution.clone().unwrap_or_else(stand_in),
            inventory_number: InventoryNumber::parse("n", "x").expect("a valid number"),
        }),
        institution: institution.unwrap_or_else(stand_in),
        series,
        number,
        title: localized(fields, "title", &mut errors),
        body: localized(fields, "body", &mut errors),
        published_on: date_field(fields, "published_on", false, &mut errors),
        state: state.unwrap_or(PublicationState::Draft),
    };
    finish(story, Story::validate, errors)
}

page_template!(StoryFormPage, "staff_story_form.html" {
    heading: String,
    action: String,
    cancel_href: String,
    has_errors: bool,
    unplaced: Vec<String>,
    items: Vec<Item>,
});

async fn show_story_form(
    state: &AppState,
    ctx: PageCtx,
    principal: &Principal,
    plan: SlugPlan,
    fields: &[(String, String)],
    errors: ValidationErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let mut named = plan.current.clone();
    named.extend(values(fields, "institution").map(str::to_owned));
    let owners = host_choices(state, principal, named).await?;
    let owners: Vec<(String, String)> = institution_options(&ctx, &owners)
        .into_iter()
        .map(|(v, label, _)| (v, label))
        .collect();
    let tr = ctx.tr;
    let mut b = FormBuilder::new(tr, fields, &errors);
    let slug = b
        .input("slug", "field-slug", "text")
        .help(tr.t("field-slug-help"));
    let slug = match &plan.existing {
        Some(s) => slug.readonly(s.as_str()),
        None => slug.required(),
    };
    let items = vec![
        Item::Field(slug),
        Item::Field(b.select("institution", "field-institution", owners)),
        Item::Field(b.select("state", "field-state", state_options(&tr))),
        Item::Field(
            b.input("series", "field-series", "text")
                .help(tr.t("field-series-help")),
        ),
        Item::Field(b.input("number", "field-number", "number")),
        Item::Field(
            b.input("object", "field-object-inventory-number", "text")
                .required(),
        ),
        Item::Group(b.lang_group("title", "field-title", false, None)),
        Item::Group(b.lang_group("body", "field-body", true, None)),
        Item::Field(b.input("published_on", "field-published-on", "date")),
    ];
    let unplaced = b.unplaced();
    let page = StoryFormPage {
        head: Head::new(plan.heading.clone()),
        heading: plan.heading,
        action: plan.action,
        cancel_href: plan.cancel_href,
        has_errors: !errors.is_empty(),
        unplaced,
        items,
        ctx,
    };
    Ok((status, render(&page)?).into_response())
}

impl SlugForm for Story {
    const PATH: &'static str = "stories";
    const NEW_TITLE: &'static str = "new-story-title";
    const EDIT_TITLE: &'static str = "edit-story-title";

    fn title(&self) -> &LocalizedText {
        &self.title
    }
    fn current(&self) -> Vec<String> {
        vec![self.institution.to_string()]
    }
    fn to_fields(&self) -> Fields {
        story_fields(self)
    }
    async fn new_fields(
        _: &AppState,
        _: &SignedIn,
        _: &PageCtx,
        _: Option<&str>,
    ) -> Result<Fields, AppError> {
        Ok(vec![(
            "state".into(),
            PublicationState::Draft.code().into(),
        )])
    }
    fn parse(
        fields: &[(String, String)],
        base: Option<&Self>,
        _: &Principal,
    ) -> Result<Self, ValidationErrors> {
        parse_story(fields, base)
    }
    fn show(
        state: &AppState,
        ctx: PageCtx,
        principal: &Principal,
        plan: SlugPlan,
        fields: &[(String, String)],
        errors: ValidationErrors,
        status: StatusCode,
    ) -> impl Future<Output = Result<Response, AppError>> + Send {
        show_story_form(state, ctx, principal, plan, fields, errors, status)
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

    fn valid() -> Fields {
        form(&[
            ("slug", "golden-man"),
            ("kind", "travelling"),
            ("state", "published"),
            ("original_lang", "kk-Cyrl"),
            ("title.kk-Cyrl", "Алтын адам"),
            ("hosts", "national-museum"),
            ("itinerary[0].institution", ""),
            ("itinerary[0].venue", "A museum"),
            ("itinerary[0].opens_on", "2030-01-01"),
            ("itinerary[0].closes_on", "2030-02-01"),
            ("itinerary[1].venue", ""),
            ("itinerary[2].institution", "b-museum"),
            ("itinerary[2].opens_on", "2030-03-01"),
            ("itinerary[2].closes_on", "2030-04-01"),
            ("sections[0].key", "finds"),
            ("sections[0].title", "Олжалар"),
            (
                "sections[0].objects",
                "*КП-1 | Алтын тақта\nother-museum:КП:2\n",
            ),
        ])
    }

    #[test]
    fn a_submission_parses_and_reads_back_the_same() {
        let x = parse_exhibition(&valid(), None).unwrap();
        assert_eq!(x.itinerary.len(), 2, "the blank row is skipped");
        let objects = &x.sections[0].objects;
        assert!(objects[0].highlight);
        assert_eq!(objects[0].object.institution.as_str(), "national-museum");
        assert_eq!(objects[0].caption.get("kk-Cyrl"), Some("Алтын тақта"));
        assert_eq!(objects[1].object.institution.as_str(), "other-museum");
        assert_eq!(objects[1].object.inventory_number.as_str(), "КП:2");
        let again = parse_exhibition(&exhibition_fields(&x), Some(&x)).unwrap();
        assert_eq!(again, x);
    }

    #[test]
    fn problems_are_reported_at_their_row() {
        let mut fields = valid();
        fields.retain(|(k, _)| k != "title.kk-Cyrl");
        fields.push(("itinerary[2].opens_on".into(), "2029-01-01".into()));
        fields.retain(|(k, v)| !(k == "itinerary[2].opens_on" && v == "2030-03-01"));
        fields.push(("closes_on".into(), "soon".into()));
        let errors = parse_exhibition(&fields, None).unwrap_err();
        for field in ["title", "itinerary[2].opens_on", "closes_on"] {
            assert!(errors.for_field(field).is_some(), "{field}: {errors:?}");
        }
    }

    #[test]
    fn a_story_needs_its_object() {
        let fields = form(&[
            ("slug", "costume"),
            ("institution", "novopskov-museum"),
            ("state", "draft"),
            ("series", "the-exhibit-tells"),
            ("number", "x"),
            ("title.uk", "Костюм"),
            ("body.uk", "Текст"),
        ]);
        let errors = parse_story(&fields, None).unwrap_err();
        for field in ["object", "number"] {
            assert!(errors.for_field(field).is_some(), "{field}: {errors:?}");
        }
    }
}
