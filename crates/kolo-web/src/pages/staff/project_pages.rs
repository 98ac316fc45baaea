//! The edit and "new" pages of cooperation projects: every field, with partners and activities
//! as rows and goals, tasks and outcomes one per line. Rights are [`records::SlugRecord`]'s:
//! staff of any partner institution (lead or partner) and platform administrators.

use super::event_pages::{
    CheckGroup, RowGroup, check_group, every_institution, kept_or_new, own_institution_ids,
    renumber_field, row_count, shown, ticked_slugs,
};
use super::exhibition_pages::{date_field, date_value, institution_options, state_options};
use super::*;
use kolo_domain::project::{
    Activity, ActivityLink, ActivityLinkKind, Funding, PartnerRole, ProjectPartner,
};
use kolo_domain::{Project, ProjectStatus, PublicationState};

/// Empty rows offered below the stored partners and activities, to add more.
const EXTRA_ROWS: usize = 2;

/// The multilingual lists edited one item per line.
const LISTS: [&str; 3] = ["goals", "tasks", "outcomes"];

fn list_of<'a>(p: &'a Project, name: &str) -> &'a [LocalizedText] {
    match name {
        "goals" => &p.goals,
        "tasks" => &p.tasks,
        _ => &p.outcomes,
    }
}

/// The form fields a project's edit form starts from.
pub fn project_fields(p: &Project) -> Fields {
    let lang = p.original_lang.as_str();
    let mut out: Fields = vec![
        ("slug".into(), p.slug.to_string()),
        ("status".into(), p.status.code().into()),
        ("state".into(), p.state.code().into()),
        ("original_lang".into(), lang.into()),
        ("starts_on".into(), p.starts_on.to_string()),
        ("ends_on".into(), date_value(&p.ends_on)),
    ];
    push_text(&mut out, "title", &p.title);
    push_text(&mut out, "description", &p.description);
    for (i, partner) in p.partners.iter().enumerate() {
        let at = |f: &str| format!("partners[{i}].{f}");
        out.push((at("institution"), partner.institution.to_string()));
        out.push((at("role"), partner.role.code().into()));
    }
    out.extend(
        p.networks
            .iter()
            .map(|s| ("networks".into(), s.to_string())),
    );
    if let Some(f) = &p.funding {
        push_text(&mut out, "funding.text", &f.text);
        out.push(("funding.funder".into(), shown(&f.funder, lang).to_owned()));
        let url = f.funder_url.as_ref().map(ToString::to_string);
        out.push(("funding.funder_url".into(), url.unwrap_or_default()));
    }
    for name in LISTS {
        let lines: Vec<&str> = list_of(p, name).iter().map(|t| shown(t, lang)).collect();
        out.push((name.into(), lines.join("\n")));
    }
    for (i, a) in p.activities.iter().enumerate() {
        let at = |f: &str| format!("activities[{i}].{f}");
        out.push((at("starts_on"), a.starts_on.to_string()));
        out.push((at("ends_on"), date_value(&a.ends_on)));
        out.push((at("title"), shown(&a.title, lang).to_owned()));
        out.push((at("description"), shown(&a.description, lang).to_owned()));
        if let Some(link) = &a.link {
            out.push((at("link_kind"), link.kind.code().into()));
            out.push((at("link_slug"), link.slug.to_string()));
            let key = link.key.as_ref().map(ToString::to_string);
            out.push((at("link_key"), key.unwrap_or_default()));
        }
    }
    out
}

/// A slug typed into a row, reported at its input when it is not one.
fn row_slug(raw: &str, field: String, errors: &mut ValidationErrors) -> Option<Slug> {
    if raw.is_empty() {
        return None;
    }
    Slug::parse(&field, raw).map_err(|e| errors.push(e)).ok()
}

fn parse_partners(
    fields: &[(String, String)],
    errors: &mut ValidationErrors,
) -> (Vec<ProjectPartner>, Vec<usize>) {
    let (mut partners, mut rows) = (Vec::new(), Vec::new());
    for i in 0..row_count(fields, "partners") {
        let at = |f: &str| format!("partners[{i}].{f}");
        let institution = value(fields, &at("institution")).trim().to_owned();
        let Some(institution) = row_slug(&institution, at("institution"), errors) else {
            continue;
        };
        if let Some(role) = choice(fields, &at("role"), PartnerRole::from_code, errors) {
            partners.push(ProjectPartner { institution, role });
            rows.push(i);
        }
    }
    (partners, rows)
}

fn parse_activities(
    fields: &[(String, String)],
    base: Option<&Project>,
    lang: &LangTag,
    errors: &mut ValidationErrors,
) -> (Vec<Activity>, Vec<usize>) {
    let base_lang = base.map(|b| b.original_lang.as_str());
    let stored: &[Activity] = base.map(|b| b.activities.as_slice()).unwrap_or_default();
    let (mut activities, mut rows) = (Vec::new(), Vec::new());
    for i in 0..row_count(fields, "activities") {
        let at = |f: &str| format!("activities[{i}].{f}");
        let raw = |f: &str| value(fields, &at(f)).trim().to_owned();
        let parts = [
            "starts_on",
            "ends_on",
            "title",
            "description",
            "link_kind",
            "link_slug",
            "link_key",
        ]
        .map(raw);
        if parts.iter().all(String::is_empty) {
            continue;
        }
        let [_, _, title, description, kind, slug, key] = parts;
        let starts_on = date_field(fields, &at("starts_on"), true, errors);
        let ends_on = date_field(fields, &at("ends_on"), false, errors);
        let link = match kind.as_str() {
            "" => None,
            code => {
                let kind = ActivityLinkKind::from_code(code);
                if kind.is_none() {
                    errors.push(FieldError::new(at("link_kind"), "invalid-choice"));
                }
                let slug = row_slug(&slug, at("link_slug"), errors);
                if slug.is_none() && errors.for_field(&at("link_slug")).is_none() {
                    errors.push(FieldError::new(at("link_slug"), "required"));
                }
                let key = row_slug(&key, at("link_key"), errors);
                kind.zip(slug)
                    .map(|(kind, slug)| ActivityLink { kind, slug, key })
            }
        };
        let text = |pick: fn(&Activity) -> &LocalizedText, submitted: &str| {
            kept_or_new(stored.iter().map(pick), base_lang, submitted, lang)
        };
        let description = if description.is_empty() {
            LocalizedText::new()
        } else {
            text(|a| &a.description, &description)
        };
        if let Some(starts_on) = starts_on {
            activities.push(Activity {
                starts_on,
                ends_on,
                title: text(|a| &a.title, &title),
                description,
                link,
            });
            rows.push(i);
        }
    }
    (activities, rows)
}

fn parse_funding(
    fields: &[(String, String)],
    base: Option<&Project>,
    lang: &LangTag,
    errors: &mut ValidationErrors,
) -> Option<Funding> {
    let text = localized(fields, "funding.text", errors);
    let funder = value(fields, "funding.funder").trim().to_owned();
    let funder_url = url_field(fields, "funding.funder_url", errors);
    if text.is_empty() && funder.is_empty() && funder_url.is_none() {
        return None;
    }
    let base_lang = base.map(|b| b.original_lang.as_str());
    let stored = base.and_then(|b| b.funding.as_ref()).map(|f| &f.funder);
    let funder = if funder.is_empty() {
        LocalizedText::new()
    } else {
        kept_or_new(stored, base_lang, &funder, lang)
    };
    Some(Funding {
        text,
        funder,
        funder_url,
    })
}

/// The project's own rule violations at the form's inputs: rows renumbered to the form's, a
/// link's key at its input, a list item's problem at its list.
fn at_inputs(
    mut found: ValidationErrors,
    partners: &[usize],
    activities: &[usize],
) -> ValidationErrors {
    for e in &mut found.errors {
        if let Some(f) = renumber_field(&e.field, "partners", partners) {
            e.field = f;
        } else if let Some(f) = renumber_field(&e.field, "activities", activities) {
            e.field = match f.strip_suffix(".link") {
                Some(row) => format!("{row}.link_key"),
                None => f,
            };
        } else if let Some(list) = LISTS.iter().find(|l| e.field.starts_with(&format!("{l}["))) {
            e.field = (*list).to_owned();
        }
    }
    found
}

/// A project from its form, applied to the stored one `base` when editing (its slug is kept).
pub fn parse_project(
    fields: &[(String, String)],
    base: Option<&Project>,
) -> Result<Project, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let slug = match base {
        Some(b) => Some(b.slug.clone()),
        None => Slug::parse("slug", value(fields, "slug"))
            .map_err(|e| errors.push(e))
            .ok(),
    };
    let status = choice(fields, "status", ProjectStatus::from_code, &mut errors);
    let state = choice(fields, "state", PublicationState::from_code, &mut errors);
    let original_lang = choice(fields, "original_lang", |t| t.parse().ok(), &mut errors);
    let title = localized(fields, "title", &mut errors);
    let lang = original_lang.unwrap_or_else(|| {
        let tag = title.iter().next().map(|(t, _)| t.as_str()).unwrap_or("en");
        tag.parse().expect("a stored tag parses")
    });
    let starts_on = date_field(fields, "starts_on", true, &mut errors);
    let ends_on = date_field(fields, "ends_on", false, &mut errors);
    let (partners, partner_rows) = parse_partners(fields, &mut errors);
    let no_slugs: &[Slug] = &[];
    let networks = ticked_slugs(
        fields,
        "networks",
        base.map_or(no_slugs, |b| &b.networks),
        &mut errors,
    );
    let base_lang = base.map(|b| b.original_lang.as_str());
    let [goals, tasks, outcomes] = LISTS.map(|name| {
        let stored = base.map(|b| list_of(b, name)).unwrap_or_default();
        value(fields, name)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| kept_or_new(stored, base_lang, l, &lang))
            .collect::<Vec<_>>()
    });
    let (activities, activity_rows) = parse_activities(fields, base, &lang, &mut errors);
    let project = Project {
        slug: slug.unwrap_or_else(|| Slug::parse("slug", "x").expect("a valid slug")),
        original_lang: lang.clone(),
        description: localized(fields, "description", &mut errors),
        title,
        partners,
        networks,
        // A stand-in when the day did not parse, so the other rules still run.
        starts_on: starts_on.or(ends_on).unwrap_or_default(),
        ends_on,
        funding: parse_funding(fields, base, &lang, &mut errors),
        status: status.unwrap_or(ProjectStatus::Planned),
        goals,
        tasks,
        outcomes,
        activities,
        state: state.unwrap_or(PublicationState::Draft),
    };
    finish(
        project,
        |p| {
            p.validate()
                .map_err(|found| at_inputs(found, &partner_rows, &activity_rows))
        },
        errors,
    )
}

// ---------------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------------

page_template!(ProjectFormPage, "staff_project_form.html" {
    heading: String,
    action: String,
    cancel_href: String,
    has_errors: bool,
    unplaced: Vec<String>,
    about: Vec<Item>,
    period: Vec<Item>,
    partners_error: Option<String>,
    partners: Vec<RowGroup>,
    networks: CheckGroup,
    lists: Vec<Item>,
    activities: Vec<RowGroup>,
});

async fn show_project_form(
    state: &AppState,
    ctx: PageCtx,
    plan: SlugPlan,
    fields: &[(String, String)],
    errors: ValidationErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let everyone = institution_options(&ctx, &state.store.read(every_institution).await?);
    let networks: Vec<(String, String, Option<String>)> = all_networks(state)
        .await?
        .iter()
        .map(|n| {
            let shown = ctx.pick(&n.value.name);
            let lang = shown.lang.map(str::to_owned);
            (n.value.slug.to_string(), shown.text.to_owned(), lang)
        })
        .collect();
    let tr = ctx.tr;
    let mut b = FormBuilder::new(tr, fields, &errors);
    let original = value(fields, "original_lang").trim().to_owned();
    let original_tag = (!original.is_empty()).then(|| original.clone());
    let slug = b
        .input("slug", "field-slug", "text")
        .help(tr.t("field-slug-help"));
    let slug = match &plan.existing {
        Some(s) => slug.readonly(s.as_str()),
        None => slug.required(),
    };
    let statuses = coded_options(
        &tr,
        "project-status",
        ProjectStatus::ALL.iter().map(|s| s.code()),
    );
    let langs = lang_options(&tr, &original);
    let about = vec![
        Item::Field(slug),
        Item::Field(b.select("status", "field-status", statuses)),
        Item::Field(b.select("state", "field-state", state_options(&tr))),
        Item::Field(b.select("original_lang", "field-original-lang", langs)),
        Item::Group(b.lang_group("title", "field-title", false, Some(&original))),
        Item::Group(b.lang_group("description", "field-description", true, None)),
    ];
    let mut funder = b.input("funding.funder", "field-funder", "text");
    funder.lang = original_tag.clone();
    let period = vec![
        Item::Field(
            b.input("starts_on", "field-project-starts-on", "date")
                .required(),
        ),
        Item::Field(
            b.input("ends_on", "field-project-ends-on", "date")
                .help(tr.t("field-project-ends-on-help")),
        ),
        Item::Group(b.lang_group("funding.text", "field-funding", true, None)),
        Item::Field(funder),
        Item::Field(b.input("funding.funder_url", "field-funder-url", "url")),
    ];
    let partners_error = b.place("partners");
    let mut institution_choices = vec![(String::new(), tr.t("field-none"))];
    institution_choices.extend(everyone.into_iter().map(|(v, label, _)| (v, label)));
    let roles = coded_options(
        &tr,
        "project-role",
        PartnerRole::ALL.iter().map(|r| r.code()),
    );
    let partner_rows = row_count(fields, "partners") + EXTRA_ROWS;
    let partners = (0..partner_rows)
        .map(|i| {
            let at = |f: &str| format!("partners[{i}].{f}");
            RowGroup {
                legend: tr.args("field-partner", &[("number", (i as i64 + 1).into())]),
                fields: vec![
                    b.select(
                        &at("institution"),
                        "field-partner-institution",
                        institution_choices.clone(),
                    ),
                    b.select(&at("role"), "field-partner-role", roles.clone()),
                ],
                checkbox: None,
            }
        })
        .collect();
    let networks = check_group(&mut b, "networks", tr.t("field-networks"), None, networks);
    let lists = LISTS
        .iter()
        .map(|name| {
            let mut list = b
                .input(name, &format!("field-{name}"), "textarea")
                .help(tr.t("field-lines-help"));
            list.lang = original_tag.clone();
            Item::Field(list)
        })
        .collect();
    let mut link_kinds = vec![(String::new(), tr.t("field-none"))];
    link_kinds.extend(coded_options(
        &tr,
        "project-link",
        ActivityLinkKind::ALL.iter().map(|k| k.code()),
    ));
    let activity_rows = row_count(fields, "activities") + EXTRA_ROWS;
    let activities = (0..activity_rows)
        .map(|i| {
            let at = |f: &str| format!("activities[{i}].{f}");
            let mut title = b.input(&at("title"), "field-activity-title", "text");
            title.lang = original_tag.clone();
            let mut description =
                b.input(&at("description"), "field-activity-description", "textarea");
            description.lang = original_tag.clone();
            RowGroup {
                legend: tr.args("field-activity", &[("number", (i as i64 + 1).into())]),
                fields: vec![
                    b.input(&at("starts_on"), "field-activity-starts-on", "date"),
                    b.input(&at("ends_on"), "field-activity-ends-on", "date"),
                    title,
                    description,
                    b.select(
                        &at("link_kind"),
                        "field-activity-link-kind",
                        link_kinds.clone(),
                    ),
                    b.input(&at("link_slug"), "field-activity-link-slug", "text"),
                    b.input(&at("link_key"), "field-activity-link-key", "text"),
                ],
                checkbox: None,
            }
        })
        .collect();
    let unplaced = b.unplaced();
    let page = ProjectFormPage {
        head: Head::new(plan.heading.clone()),
        heading: plan.heading,
        action: plan.action,
        cancel_href: plan.cancel_href,
        has_errors: !errors.is_empty(),
        unplaced,
        about,
        period,
        partners_error,
        partners,
        networks,
        lists,
        activities,
        ctx,
    };
    Ok((status, render(&page)?).into_response())
}

impl SlugForm for Project {
    const PATH: &'static str = "projects";
    const NEW_TITLE: &'static str = "new-project-title";
    const EDIT_TITLE: &'static str = "edit-project-title";

    fn title(&self) -> &LocalizedText {
        &self.title
    }
    fn current(&self) -> Vec<String> {
        self.partner_slugs()
            .iter()
            .map(ToString::to_string)
            .collect()
    }
    fn to_fields(&self) -> Fields {
        project_fields(self)
    }
    async fn new_fields(
        state: &AppState,
        staff: &SignedIn,
        ctx: &PageCtx,
        _: Option<&str>,
    ) -> Result<Fields, AppError> {
        let mut fields: Fields = vec![
            (
                "original_lang".into(),
                default_original_lang(ctx.lang).into(),
            ),
            ("status".into(), ProjectStatus::Planned.code().into()),
            ("state".into(), PublicationState::Draft.code().into()),
        ];
        // The author's own institution leads a new project unless they say otherwise.
        if let Some(&own) = own_institution_ids(&staff.principal).first() {
            let lead = state.store.read(move |c| institutions::get(c, own)).await?;
            fields.push((
                "partners[0].institution".into(),
                lead.value.slug.to_string(),
            ));
            fields.push(("partners[0].role".into(), PartnerRole::Lead.code().into()));
        }
        Ok(fields)
    }
    fn parse(
        fields: &[(String, String)],
        base: Option<&Self>,
        _: &Principal,
    ) -> Result<Self, ValidationErrors> {
        parse_project(fields, base)
    }
    fn show(
        state: &AppState,
        ctx: PageCtx,
        _: &Principal,
        plan: SlugPlan,
        fields: &[(String, String)],
        errors: ValidationErrors,
        status: StatusCode,
    ) -> impl Future<Output = Result<Response, AppError>> + Send {
        show_project_form(state, ctx, plan, fields, errors, status)
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
            ("slug", "diplomacy"),
            ("status", "completed"),
            ("state", "published"),
            ("original_lang", "uk"),
            ("title.uk", "Міжмузейна дипломатія"),
            ("starts_on", "2019-09-09"),
            ("ends_on", "2020-09-13"),
            ("partners[0].institution", "novopskov-museum"),
            ("partners[0].role", "lead"),
            ("partners[1].institution", ""),
            ("partners[2].institution", "lviv-folk-architecture-museum"),
            ("partners[2].role", "partner"),
            ("funding.text.uk", "Переможець конкурсу проєктів"),
            ("tasks", "Обмін досвідом.\n\nСпільні семінари."),
            ("activities[0].starts_on", "2020-09-08"),
            ("activities[0].title", "Виставка"),
            ("activities[0].link_kind", "document"),
            ("activities[0].link_slug", "inter-museum-diplomacy-2020"),
            ("activities[0].link_key", "programme"),
            ("activities[1].title", ""),
        ])
    }

    #[test]
    fn a_submission_parses_and_reads_back_the_same() {
        let p = parse_project(&valid(), None).unwrap();
        assert_eq!(p.partners.len(), 2, "the blank row is skipped");
        assert_eq!(p.tasks.len(), 2);
        assert_eq!(p.activities.len(), 1);
        let again = parse_project(&project_fields(&p), Some(&p)).unwrap();
        assert_eq!(again, p);
    }

    #[test]
    fn problems_are_reported_at_their_inputs() {
        let mut fields = valid();
        fields.retain(|(k, _)| k != "partners[0].role" && k != "activities[0].link_key");
        fields.push(("partners[0].role".into(), "partner".into()));
        fields.push(("activities[3].title".into(), "Без дати".into()));
        let errors = parse_project(&fields, None).unwrap_err();
        for field in [
            "partners",
            "activities[0].link_key",
            "activities[3].starts_on",
        ] {
            assert!(errors.for_field(field).is_some(), "{field}: {errors:?}");
        }
    }
}
