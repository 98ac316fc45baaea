//! The edit and "new" pages of events.
//!
//! The form edits what organisers type in. Organisers, partners, supporters, links, the parent
//! event and the programme come from the API and Frab imports: the form is applied to the stored
//! event (inside the writing transaction), so saving keeps them as they are. Rights are
//! [`records::SlugRecord`]'s: staff of a host institution and platform administrators.

use super::*;
use kolo_domain::event::{ContactPerson, Hall, Venue};
use kolo_domain::{AttendanceMode, Event, EventKind, EventStatus, Zone};
use kolo_store::repo::institutions::InstitutionFilter;

/// Rows the form offers for halls and contact persons (more when the event already has more).
const HALL_ROWS: usize = 6;
const CONTACT_ROWS: usize = 3;
/// Rows beyond this index are not read from a submission.
const MAX_ROWS: usize = 100;

/// The time zones the form offers, west to east; an event's own zone is added when it is another.
pub(super) const ZONES: &[&str] = &[
    "UTC",
    "Europe/Kaliningrad",
    "Europe/Kyiv",
    "Europe/Minsk",
    "Europe/Moscow",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Oral",
    "Asia/Aqtobe",
    "Asia/Qostanay",
    "Asia/Almaty",
    "Asia/Omsk",
    "Asia/Novosibirsk",
    "Asia/Krasnoyarsk",
    "Asia/Irkutsk",
    "Asia/Yakutsk",
    "Asia/Vladivostok",
];

/// A new event's time zone: where its host is, else a guess from the interface language.
fn default_zone(country: Option<&str>, lang: UiLang) -> &'static str {
    match (country, lang) {
        (Some("UA"), _) => "Europe/Kyiv",
        (Some("BY"), _) => "Europe/Minsk",
        (Some("KZ"), _) => "Asia/Almaty",
        (Some("RU"), _) => "Europe/Moscow",
        (_, UiLang::Uk) => "Europe/Kyiv",
        (_, UiLang::Kk) => "Asia/Almaty",
        _ => "Europe/Moscow",
    }
}

// ---------------------------------------------------------------------------------------------
// Event <-> form fields
// ---------------------------------------------------------------------------------------------

/// What a single-language input shows of a multilingual value: the original language's text,
/// else the first there is.
pub(super) fn shown<'a>(text: &'a LocalizedText, lang: &str) -> &'a str {
    text.get(lang)
        .or_else(|| text.iter().next().map(|(_, v)| v))
        .unwrap_or("")
}

/// The stored value whose shown text (in `shown_in`, the stored original language) is what was
/// submitted, so its translations are kept; otherwise a new value in `lang` alone.
pub(super) fn kept_or_new<'a>(
    stored: impl IntoIterator<Item = &'a LocalizedText>,
    shown_in: Option<&str>,
    submitted: &str,
    lang: &LangTag,
) -> LocalizedText {
    let submitted = submitted.trim();
    if let Some(shown_in) = shown_in
        && !submitted.is_empty()
        && let Some(found) = stored.into_iter().find(|t| shown(t, shown_in) == submitted)
    {
        return found.clone();
    }
    let mut text = LocalizedText::new();
    text.set(lang.clone(), submitted);
    text
}

fn url_value(u: &Option<url::Url>) -> String {
    u.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// The form fields an event's edit form starts from.
pub fn event_fields(e: &Event) -> Fields {
    let lang = e.original_lang.as_str();
    let mut out: Fields = vec![
        ("slug".into(), e.slug.to_string()),
        ("kind".into(), e.kind.code().into()),
        ("status".into(), e.status.code().into()),
        ("attendance".into(), e.attendance.code().into()),
        ("original_lang".into(), lang.into()),
    ];
    push_text(&mut out, "title", &e.title);
    push_text(&mut out, "summary", &e.summary);
    push_text(&mut out, "description", &e.description);
    push_text(&mut out, "audience", &e.audience);
    let questions: Vec<&str> = e.key_questions.iter().map(|q| shown(q, lang)).collect();
    out.push(("key_questions".into(), questions.join("\n")));
    out.push(("starts_at".into(), datetime_value(&e.starts_at)));
    out.push(("ends_at".into(), datetime_value(&e.ends_at)));
    out.push(("time_zone".into(), String::from(e.time_zone)));
    out.extend(e.hosts.iter().map(|s| ("hosts".into(), s.to_string())));
    out.extend(
        e.networks
            .iter()
            .map(|s| ("networks".into(), s.to_string())),
    );
    out.push(("online_url".into(), url_value(&e.online_url)));
    out.push(("registration_url".into(), url_value(&e.registration_url)));
    let closes = e.registration_closes.as_ref().map(datetime_value);
    out.push(("registration_closes".into(), closes.unwrap_or_default()));
    if let Some(v) = &e.venue {
        push_text(&mut out, "venue.name", &v.name);
        push_text(&mut out, "venue.address", &v.address);
        for (i, h) in v.halls.iter().enumerate() {
            let at = |f: &str| format!("venue.halls[{i}].{f}");
            out.push((at("key"), h.key.to_string()));
            out.push((at("name"), shown(&h.name, lang).to_owned()));
            let capacity = h.capacity.map(|c| c.to_string());
            out.push((at("capacity"), capacity.unwrap_or_default()));
            out.push((at("stream_url"), url_value(&h.stream_url)));
            if h.recorded {
                out.push((at("recorded"), "on".into()));
            }
        }
    }
    for (i, c) in e.contacts.iter().enumerate() {
        let at = |f: &str| format!("contacts[{i}].{f}");
        out.push((at("name"), shown(&c.name, lang).to_owned()));
        out.push((at("role"), shown(&c.role, lang).to_owned()));
        out.push((at("phone"), c.phone.clone().unwrap_or_default()));
        out.push((at("email"), c.email.clone().unwrap_or_default()));
    }
    out
}

/// How many `PREFIX[i].…` rows a submission has (one past the highest index, at most MAX_ROWS).
pub(super) fn row_count(fields: &[(String, String)], prefix: &str) -> usize {
    let open = format!("{prefix}[");
    fields
        .iter()
        .filter_map(|(k, _)| {
            k.strip_prefix(&open)?
                .split_once(']')?
                .0
                .parse::<usize>()
                .ok()
        })
        .filter(|n| *n < MAX_ROWS)
        .map(|n| n + 1)
        .max()
        .unwrap_or(0)
}

/// Ticked slugs, stored order first (so an unchanged list stays unchanged), without repeats.
pub(super) fn ticked_slugs(
    fields: &[(String, String)],
    name: &'static str,
    stored: &[Slug],
    errors: &mut ValidationErrors,
) -> Vec<Slug> {
    let mut ticked = Vec::new();
    for raw in values(fields, name) {
        match Slug::parse(name, raw) {
            Ok(s) if !ticked.contains(&s) => ticked.push(s),
            Ok(_) => {}
            Err(_) if errors.for_field(name).is_none() => {
                errors.push(FieldError::new(name, "invalid-choice"))
            }
            Err(_) => {}
        }
    }
    let mut out: Vec<Slug> = stored
        .iter()
        .filter(|s| ticked.contains(s))
        .cloned()
        .collect();
    for s in ticked {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// Venue name and address (multilingual) and its halls. Returns, for each hall, the form row
/// it came from (blank rows are skipped, so indexes differ).
fn parse_venue(
    fields: &[(String, String)],
    base: Option<&Event>,
    lang: &LangTag,
    errors: &mut ValidationErrors,
) -> (Option<Venue>, Vec<usize>) {
    let name = localized(fields, "venue.name", errors);
    let address = localized(fields, "venue.address", errors);
    let base_lang = base.map(|b| b.original_lang.as_str());
    let stored: &[Hall] = base
        .and_then(|b| b.venue.as_ref())
        .map(|v| v.halls.as_slice())
        .unwrap_or_default();
    let mut halls = Vec::new();
    let mut rows = Vec::new();
    let mut any_row = false;
    for i in 0..row_count(fields, "venue.halls") {
        let at = |f: &str| format!("venue.halls[{i}].{f}");
        let raw = |f: &str| value(fields, &at(f)).trim().to_owned();
        let (key_raw, name_raw, capacity_raw) = (raw("key"), raw("name"), raw("capacity"));
        let recorded = !raw("recorded").is_empty();
        if [&key_raw, &name_raw, &capacity_raw, &raw("stream_url")]
            .iter()
            .all(|v| v.is_empty())
            && !recorded
        {
            continue;
        }
        any_row = true;
        let key = Slug::parse(&at("key"), &key_raw)
            .map_err(|e| errors.push(e))
            .ok();
        if name_raw.is_empty() {
            errors.push(FieldError::new(at("name"), "required"));
        }
        let capacity = match capacity_raw.as_str() {
            "" => None,
            c => c
                .parse::<u32>()
                .map_err(|_| errors.push(FieldError::new(at("capacity"), "invalid-number")))
                .ok(),
        };
        let stream_url = url_field(fields, &at("stream_url"), errors);
        // The same hall's stored name first, then any hall's.
        let same_key = stored.iter().filter(|h| h.key.as_str() == key_raw);
        let names = same_key.chain(stored).map(|h| &h.name);
        let name = kept_or_new(names, base_lang, &name_raw, lang);
        if let Some(key) = key {
            halls.push(Hall {
                key,
                name,
                capacity,
                stream_url,
                recorded,
            });
            rows.push(i);
        }
    }
    if name.is_empty() && address.is_empty() && !any_row {
        return (None, rows);
    }
    if name.is_empty() {
        errors.push(FieldError::new("venue.name", "required"));
    }
    let venue = Venue {
        name,
        address,
        halls,
    };
    (Some(venue), rows)
}

/// Contact persons; returns each one's form row as [`parse_venue`] does for halls.
fn parse_contacts(
    fields: &[(String, String)],
    base: Option<&Event>,
    lang: &LangTag,
    errors: &mut ValidationErrors,
) -> (Vec<ContactPerson>, Vec<usize>) {
    let base_lang = base.map(|b| b.original_lang.as_str());
    let stored: &[ContactPerson] = base.map(|b| b.contacts.as_slice()).unwrap_or_default();
    let mut contacts = Vec::new();
    let mut rows = Vec::new();
    for i in 0..row_count(fields, "contacts") {
        let at = |f: &str| format!("contacts[{i}].{f}");
        let (name_raw, role_raw) = (value(fields, &at("name")), value(fields, &at("role")));
        let reachable = Contacts {
            email: optional(fields, &at("email")),
            phone: optional(fields, &at("phone")),
            website: None,
        };
        if name_raw.trim().is_empty()
            && role_raw.trim().is_empty()
            && reachable == Contacts::default()
        {
            continue;
        }
        // The same checks as an institution's e-mail and phone, reported at this row.
        let mut found = ValidationErrors::default();
        reachable.check(&mut found);
        for e in found.errors {
            errors.push(FieldError {
                field: at(&e.field),
                ..e
            });
        }
        contacts.push(ContactPerson {
            name: kept_or_new(stored.iter().map(|c| &c.name), base_lang, name_raw, lang),
            role: kept_or_new(stored.iter().map(|c| &c.role), base_lang, role_raw, lang),
            email: reachable.email,
            phone: reachable.phone,
        });
        rows.push(i);
    }
    (contacts, rows)
}

/// `PREFIX[i].field(.lang)` from the event's own rules -> `PREFIX[row].field`, the form's input.
pub(super) fn renumber_field(field: &str, prefix: &str, rows: &[usize]) -> Option<String> {
    let (index, tail) = field
        .strip_prefix(prefix)?
        .strip_prefix('[')?
        .split_once(']')?;
    let row = rows.get(index.parse::<usize>().ok()?)?;
    let part = tail.strip_prefix('.')?.split('.').next()?;
    Some(format!("{prefix}[{row}].{part}"))
}

fn renumber(mut found: ValidationErrors, halls: &[usize], contacts: &[usize]) -> ValidationErrors {
    for e in &mut found.errors {
        if let Some(f) = renumber_field(&e.field, "venue.halls", halls)
            .or_else(|| renumber_field(&e.field, "contacts", contacts))
        {
            e.field = f;
        }
    }
    found
}

/// An event from its form, applied to the stored event `base` when editing (its slug and the
/// parts the form does not edit are kept). Every problem is reported under its input's name.
pub fn parse_event(
    fields: &[(String, String)],
    base: Option<&Event>,
    require_hosts: bool,
) -> Result<Event, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let slug = match base {
        Some(b) => Some(b.slug.clone()),
        None => Slug::parse("slug", value(fields, "slug"))
            .map_err(|e| errors.push(e))
            .ok(),
    };
    let kind = choice(fields, "kind", EventKind::from_code, &mut errors);
    let status = choice(fields, "status", EventStatus::from_code, &mut errors);
    let attendance = choice(fields, "attendance", AttendanceMode::from_code, &mut errors);
    let original_lang = choice(fields, "original_lang", |t| t.parse().ok(), &mut errors);
    let title = localized(fields, "title", &mut errors);
    let summary = localized(fields, "summary", &mut errors);
    let description = localized(fields, "description", &mut errors);
    let audience = localized(fields, "audience", &mut errors);
    // A stand-in the title has, so no "original missing" follows from a bad choice.
    let lang = original_lang.unwrap_or_else(|| {
        let tag = title.iter().next().map(|(t, _)| t.as_str()).unwrap_or("en");
        tag.parse().expect("a stored tag parses")
    });
    let base_lang = base.map(|b| b.original_lang.as_str());
    let stored_questions = base.map(|b| b.key_questions.as_slice()).unwrap_or_default();
    let key_questions = value(fields, "key_questions")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| kept_or_new(stored_questions, base_lang, l, &lang))
        .collect();
    let starts = datetime_field(fields, "starts_at", true, &mut errors);
    let ends = datetime_field(fields, "ends_at", true, &mut errors);
    let closes = datetime_field(fields, "registration_closes", false, &mut errors);
    let zone = match optional(fields, "time_zone") {
        None => {
            errors.push(FieldError::new("time_zone", "required"));
            None
        }
        Some(z) => Zone::try_from(z)
            .map_err(|_| errors.push(FieldError::new("time_zone", "invalid-zone")))
            .ok(),
    };
    let no_slugs: &[Slug] = &[];
    let hosts = ticked_slugs(
        fields,
        "hosts",
        base.map_or(no_slugs, |b| &b.hosts),
        &mut errors,
    );
    if require_hosts && hosts.is_empty() && errors.for_field("hosts").is_none() {
        errors.push(FieldError::new("hosts", "required"));
    }
    let networks = ticked_slugs(
        fields,
        "networks",
        base.map_or(no_slugs, |b| &b.networks),
        &mut errors,
    );
    let online_url = url_field(fields, "online_url", &mut errors);
    let registration_url = url_field(fields, "registration_url", &mut errors);
    let (venue, hall_rows) = parse_venue(fields, base, &lang, &mut errors);
    let (contacts, contact_rows) = parse_contacts(fields, base, &lang, &mut errors);
    // Stand-ins for times that did not parse, chosen so they add no problem of their own.
    let starts_at = starts.or(ends).or(closes).unwrap_or_default();
    let ends_at = ends.unwrap_or_else(|| starts_at.max(closes.unwrap_or(starts_at)));
    let kept = |f: fn(&Event) -> Vec<kolo_domain::event::Party>| base.map(f).unwrap_or_default();
    let event = Event {
        slug: slug.unwrap_or_else(|| Slug::parse("slug", "x").expect("a valid slug")),
        kind: kind.unwrap_or(EventKind::Other),
        status: status.unwrap_or(EventStatus::Scheduled),
        attendance: attendance.unwrap_or(AttendanceMode::Offline),
        original_lang: lang,
        title,
        summary,
        description,
        key_questions,
        audience,
        starts_at,
        ends_at,
        time_zone: zone.unwrap_or_else(|| Zone::try_from("UTC".to_owned()).expect("UTC exists")),
        hosts,
        organisers: kept(|b| b.organisers.clone()),
        partners: kept(|b| b.partners.clone()),
        supporters: kept(|b| b.supporters.clone()),
        networks,
        parent: base.and_then(|b| b.parent.clone()),
        contacts,
        venue,
        online_url,
        registration_url,
        registration_closes: closes,
        links: base.map(|b| b.links.clone()).unwrap_or_default(),
    };
    finish(
        event,
        |e| {
            e.validate()
                .map_err(|found| renumber(found, &hall_rows, &contact_rows))
        },
        errors,
    )
}

/// Store refusals of a list (`hosts[1]`: unknown institution) are shown at the list's checkboxes.
/// (`partners` is the exhibition form's.)
pub(super) fn at_lists(mut errors: ValidationErrors) -> ValidationErrors {
    for e in &mut errors.errors {
        for list in ["hosts", "networks", "partners"] {
            if e.field.starts_with(list) && e.field[list.len()..].starts_with('[') {
                e.field = list.to_owned();
            }
        }
    }
    errors
}

// ---------------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------------

/// A checkbox of a list (hosts, networks).
pub struct CheckOption {
    pub id: String,
    pub value: String,
    pub label: String,
    pub lang: Option<String>,
    pub checked: bool,
}

/// A list of checkboxes in a fieldset.
pub struct CheckGroup {
    pub name: String,
    pub legend: String,
    pub help: Option<String>,
    pub error: Option<String>,
    pub options: Vec<CheckOption>,
}

impl CheckGroup {
    pub fn describedby(&self) -> String {
        let mut ids = Vec::new();
        if self.help.is_some() {
            ids.push(format!("help-{}", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("err-{}", self.name));
        }
        ids.join(" ")
    }
}

/// One hall or contact person: its inputs in a fieldset, and a checkbox (halls: recorded).
pub struct RowGroup {
    pub legend: String,
    pub fields: Vec<Field>,
    pub checkbox: Option<Field>,
}

page_template!(EventFormPage, "staff_event_form.html" {
    heading: String,
    action: String,
    cancel_href: String,
    has_errors: bool,
    unplaced: Vec<String>,
    editing: bool,
    about: Vec<Item>,
    when: Vec<Item>,
    hosts: CheckGroup,
    networks: CheckGroup,
    access: Vec<Item>,
    venue: Vec<Item>,
    halls_help: String,
    halls: Vec<RowGroup>,
    contacts_help: String,
    contacts: Vec<RowGroup>,
});

/// The institutions whose events this person may add (besides platform administrators, who
/// may add any).
pub(super) fn own_institution_ids(p: &Principal) -> Vec<i64> {
    let mut ids: Vec<i64> = p
        .grants
        .iter()
        .filter_map(|g| match g.scope {
            Scope::Institution(id) if p.can_edit_institution(id) => Some(id),
            _ => None,
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Every institution, in the directory's order.
pub(super) fn every_institution(
    c: &mut DbConnection,
) -> Result<Vec<Record<Institution>>, StoreError> {
    let mut list = Vec::new();
    loop {
        let page = institutions::list(
            c,
            &InstitutionFilter::default(),
            PageRequest::new(list.len() as i64, PageRequest::MAX_LIMIT),
        )?;
        let got = page.items.len();
        list.extend(page.items);
        if got == 0 || list.len() as i64 >= page.total {
            return Ok(list);
        }
    }
}

/// The institutions a host checkbox is offered for: all of them for platform administrators,
/// otherwise the viewer's own; and those `named` (current and ticked hosts).
pub(super) async fn host_choices(
    state: &AppState,
    p: &Principal,
    named: Vec<String>,
) -> Result<Vec<Record<Institution>>, AppError> {
    let admin = p.platform_admin;
    let own = own_institution_ids(p);
    Ok(state
        .store
        .read(move |c| {
            let mut list = Vec::new();
            if admin {
                list = every_institution(c)?;
            } else {
                for id in own {
                    match institutions::get(c, id) {
                        Ok(r) => list.push(r),
                        Err(StoreError::NotFound) => {}
                        Err(e) => return Err(e),
                    }
                }
            }
            for slug in named {
                if list.iter().any(|r| r.value.slug.as_str() == slug) {
                    continue;
                }
                match institutions::get_by_slug(c, &slug) {
                    Ok(r) => list.push(r),
                    Err(StoreError::NotFound) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok(list)
        })
        .await?)
}

/// A date-time picker, unless the value is one it cannot show as is (seconds, as the API may
/// store them, would make the browser refuse the form; a mistyped value would vanish): then
/// a text box, which takes the same format.
pub(super) fn time_kind(values: &[(String, String)], name: &str) -> &'static str {
    let v = value(values, name).trim();
    let fits = v.is_empty() || NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M").is_ok();
    if fits { "datetime-local" } else { "text" }
}

pub(super) fn check_group(
    b: &mut FormBuilder<'_>,
    name: &str,
    legend: String,
    help: Option<String>,
    mut options: Vec<(String, String, Option<String>)>,
) -> CheckGroup {
    let ticked: Vec<&str> = values(b.values, name).collect();
    // A ticked value the list does not have (a crafted form): shown, so it can be unticked.
    for t in &ticked {
        if !options.iter().any(|(v, _, _)| v == t) {
            options.push(((*t).to_owned(), (*t).to_owned(), None));
        }
    }
    CheckGroup {
        name: name.to_owned(),
        legend,
        help,
        error: b.place(name),
        options: options
            .into_iter()
            .map(|(value, label, lang)| CheckOption {
                id: format!("f-{name}-{value}"),
                checked: ticked.contains(&value.as_str()),
                value,
                label,
                lang,
            })
            .collect(),
    }
}

/// The form's controls, from submitted (or stored) values and their problems.
fn event_controls(
    b: &mut FormBuilder<'_>,
    plan: &SlugPlan,
    hosts: Vec<(String, String, Option<String>)>,
    networks: Vec<(String, String, Option<String>)>,
) -> EventFormParts {
    let tr = b.tr;
    let kinds = coded_options(&tr, "event-kind", EventKind::ALL.iter().map(|k| k.code()));
    let statuses = coded_options(
        &tr,
        "event-status",
        EventStatus::ALL.iter().map(|s| s.code()),
    );
    let modes = coded_options(
        &tr,
        "attendance",
        AttendanceMode::ALL.iter().map(|a| a.code()),
    );
    let original = value(b.values, "original_lang").trim().to_owned();
    let original_tag = (!original.is_empty()).then(|| original.clone());

    let mut about = head_controls(b, plan.existing.as_ref(), kinds);
    about.push(Item::Field(b.select("status", "field-status", statuses)));
    about.push(Item::Field(b.select(
        "attendance",
        "field-attendance",
        modes,
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
    about.push(Item::Group(b.lang_group(
        "audience",
        "field-audience",
        true,
        None,
    )));
    let mut questions = b
        .input("key_questions", "field-key-questions", "textarea")
        .help(tr.t("field-key-questions-help"));
    questions.lang = original_tag.clone();
    about.push(Item::Field(questions));

    let current_zone = value(b.values, "time_zone").trim().to_owned();
    let mut zones: Vec<(String, String)> = ZONES
        .iter()
        .map(|z| ((*z).to_owned(), (*z).to_owned()))
        .collect();
    if !current_zone.is_empty() && !ZONES.contains(&current_zone.as_str()) {
        zones.push((current_zone.clone(), current_zone));
    }
    let when = vec![
        Item::Field(
            b.input(
                "starts_at",
                "field-starts-at",
                time_kind(b.values, "starts_at"),
            )
            .required()
            .help(tr.t("field-event-times-help")),
        ),
        Item::Field(
            b.input("ends_at", "field-ends-at", time_kind(b.values, "ends_at"))
                .required(),
        ),
        Item::Field(b.select("time_zone", "field-time-zone", zones)),
    ];

    let hosts = check_group(
        b,
        "hosts",
        tr.t("field-hosts"),
        Some(tr.t("field-hosts-help")),
        hosts,
    );
    let networks = check_group(b, "networks", tr.t("field-networks"), None, networks);

    let access = vec![
        Item::Field(b.input("online_url", "field-online-url", "url")),
        Item::Field(b.input("registration_url", "field-registration-url", "url")),
        Item::Field(b.input(
            "registration_closes",
            "field-registration-closes",
            time_kind(b.values, "registration_closes"),
        )),
    ];

    let venue = vec![
        Item::Group(b.lang_group("venue.name", "field-venue-name", false, Some(&original))),
        Item::Group(b.lang_group("venue.address", "field-venue-address", false, None)),
    ];

    let hall_rows = HALL_ROWS.max(row_count(b.values, "venue.halls"));
    let halls = (0..hall_rows)
        .map(|i| {
            let at = |f: &str| format!("venue.halls[{i}].{f}");
            let mut name = b.input(&at("name"), "field-hall-name", "text");
            name.lang = original_tag.clone();
            RowGroup {
                legend: tr.args("field-hall", &[("number", (i as i64 + 1).into())]),
                fields: vec![
                    b.input(&at("key"), "field-hall-key", "text"),
                    name,
                    b.input(&at("capacity"), "field-hall-capacity", "number"),
                    b.input(&at("stream_url"), "field-hall-stream-url", "url"),
                ],
                checkbox: Some(b.input(&at("recorded"), "field-hall-recorded", "checkbox")),
            }
        })
        .collect();

    let contact_rows = CONTACT_ROWS.max(row_count(b.values, "contacts"));
    let contacts = (0..contact_rows)
        .map(|i| {
            let at = |f: &str| format!("contacts[{i}].{f}");
            let mut name = b.input(&at("name"), "field-contact-name", "text");
            name.lang = original_tag.clone();
            let mut role = b.input(&at("role"), "field-contact-role", "text");
            role.lang = original_tag.clone();
            RowGroup {
                legend: tr.args("field-contact", &[("number", (i as i64 + 1).into())]),
                fields: vec![
                    name,
                    role,
                    b.input(&at("phone"), "field-phone", "tel"),
                    b.input(&at("email"), "field-email", "email"),
                ],
                checkbox: None,
            }
        })
        .collect();
    EventFormParts {
        about,
        when,
        hosts,
        networks,
        access,
        venue,
        halls,
        contacts,
    }
}

struct EventFormParts {
    about: Vec<Item>,
    when: Vec<Item>,
    hosts: CheckGroup,
    networks: CheckGroup,
    access: Vec<Item>,
    venue: Vec<Item>,
    halls: Vec<RowGroup>,
    contacts: Vec<RowGroup>,
}

async fn show_event_form(
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
    let institutions = host_choices(state, principal, named).await?;
    let mut hosts: Vec<(String, String, Option<String>)> = institutions
        .iter()
        .map(|r| {
            let shown = ctx.pick(&r.value.name);
            (
                r.value.slug.to_string(),
                shown.text.to_owned(),
                shown.lang.map(str::to_owned),
            )
        })
        .collect();
    if !principal.platform_admin {
        hosts.sort_by(|a, b| a.1.cmp(&b.1));
    }
    let networks = all_networks(state)
        .await?
        .iter()
        .map(|n| {
            let shown = ctx.pick(&n.value.name);
            (
                n.value.slug.to_string(),
                shown.text.to_owned(),
                shown.lang.map(str::to_owned),
            )
        })
        .collect();
    let mut b = FormBuilder::new(ctx.tr, fields, &errors);
    let parts = event_controls(&mut b, &plan, hosts, networks);
    let unplaced = b.unplaced();
    let page = EventFormPage {
        head: Head::new(plan.heading.clone()),
        heading: plan.heading,
        action: plan.action,
        cancel_href: plan.cancel_href,
        has_errors: !errors.is_empty(),
        unplaced,
        editing: plan.existing.is_some(),
        about: parts.about,
        when: parts.when,
        hosts: parts.hosts,
        networks: parts.networks,
        access: parts.access,
        venue: parts.venue,
        halls_help: ctx.t("field-halls-help"),
        halls: parts.halls,
        contacts_help: ctx.t("field-contacts-help"),
        contacts: parts.contacts,
        ctx,
    };
    Ok((status, render(&page)?).into_response())
}

// ---------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------

/// Platform administrators and staff of an institution add events.
pub(super) fn require_event_creator(staff: &SignedIn) -> Result<(), AppError> {
    let p = &staff.principal;
    if p.platform_admin || !own_institution_ids(p).is_empty() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether this person must name a host: everyone but platform administrators, whose events
/// would otherwise leave their own hands.
fn hosts_required(p: &Principal) -> bool {
    !p.platform_admin
}

impl SlugForm for Event {
    const PATH: &'static str = "events";
    const NEW_TITLE: &'static str = "new-event-title";
    const EDIT_TITLE: &'static str = "edit-event-title";

    fn title(&self) -> &LocalizedText {
        &self.title
    }
    fn current(&self) -> Vec<String> {
        self.hosts.iter().map(ToString::to_string).collect()
    }
    fn to_fields(&self) -> Fields {
        event_fields(self)
    }
    fn new_plan(ctx: &PageCtx, host: Option<&str>) -> SlugPlan {
        let mut plan = slug_new_plan::<Event>(ctx);
        if let Some(h) = host {
            plan.action = format!(
                "/admin/events/new?host={}",
                url::form_urlencoded::byte_serialize(h.as_bytes()).collect::<String>()
            );
            plan.cancel_href = "/account".to_owned();
        }
        plan
    }
    /// The host's language and time zone when the form is opened for one (whose staff the
    /// viewer must be).
    async fn new_fields(
        state: &AppState,
        staff: &SignedIn,
        ctx: &PageCtx,
        host: Option<&str>,
    ) -> Result<Fields, AppError> {
        let host = match host.map(str::to_owned) {
            Some(slug) => Some(
                state
                    .store
                    .read(move |c| institutions::get_by_slug(c, &slug))
                    .await?,
            ),
            None => None,
        };
        if let Some(h) = &host
            && !staff.principal.can_edit_institution(h.id)
        {
            return Err(AppError::Forbidden);
        }
        let original_lang = host
            .as_ref()
            .map(|h| h.value.original_lang.to_string())
            .unwrap_or_else(|| default_original_lang(ctx.lang).to_owned());
        let country = host.as_ref().map(|h| h.value.country.as_str());
        let mut fields: Fields = vec![
            ("original_lang".into(), original_lang),
            ("status".into(), EventStatus::Scheduled.code().into()),
            ("attendance".into(), AttendanceMode::Offline.code().into()),
            ("time_zone".into(), default_zone(country, ctx.lang).into()),
        ];
        if let Some(h) = &host {
            fields.push(("hosts".into(), h.value.slug.to_string()));
        }
        Ok(fields)
    }
    fn parse(
        fields: &[(String, String)],
        base: Option<&Self>,
        p: &Principal,
    ) -> Result<Self, ValidationErrors> {
        parse_event(fields, base, hosts_required(p))
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
        show_event_form(state, ctx, principal, plan, fields, errors, status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use askama::Template;

    fn form(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn with(mut fields: Fields, name: &str, v: &str) -> Fields {
        fields.retain(|(k, _)| k != name);
        fields.push((name.to_owned(), v.to_owned()));
        fields
    }

    fn valid() -> Fields {
        form(&[
            ("csrf", "token"),
            ("slug", "round-table-2025"),
            ("kind", "round_table"),
            ("status", "scheduled"),
            ("attendance", "hybrid"),
            ("original_lang", "ru"),
            ("title.ru", "Круглый стол"),
            ("title.en", "Round table"),
            ("summary.ru", ""),
            ("key_questions", "Первый вопрос\r\n\r\n  Второй вопрос  \n"),
            ("starts_at", "2025-03-17T10:00"),
            ("ends_at", "2025-03-17T18:00"),
            ("time_zone", "Europe/Moscow"),
            ("hosts", "pskov-regional-library"),
            ("networks", "model-libraries-north-west"),
            ("online_url", "https://example.org/live"),
            ("registration_url", ""),
            ("registration_closes", "2025-03-10T23:59"),
            ("venue.name.ru", "Библиотека"),
            ("venue.address.ru", "Псков"),
            ("venue.halls[0].key", ""),
            ("venue.halls[0].name", ""),
            ("venue.halls[1].key", "main"),
            ("venue.halls[1].name", "Большой зал"),
            ("venue.halls[1].capacity", "120"),
            ("venue.halls[1].recorded", "on"),
            ("contacts[0].name", ""),
            ("contacts[1].name", "Иванова Мария"),
            ("contacts[1].role", "координатор"),
            ("contacts[1].phone", "+7 8112 00-00-00"),
            ("contacts[1].email", "maria@example.org"),
        ])
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
    fn a_full_valid_submission_parses() {
        let e = parse_event(&valid(), None, true).unwrap();
        assert_eq!(e.slug.as_str(), "round-table-2025");
        assert_eq!(e.kind, EventKind::RoundTable);
        assert_eq!(e.attendance, AttendanceMode::Hybrid);
        assert_eq!(e.title.get("en"), Some("Round table"));
        assert_eq!(
            e.summary,
            LocalizedText::new(),
            "blank inputs store nothing"
        );
        let questions: Vec<_> = e.key_questions.iter().map(|q| q.get("ru")).collect();
        assert_eq!(questions, [Some("Первый вопрос"), Some("Второй вопрос")]);
        assert_eq!(e.starts_at.to_string(), "2025-03-17 10:00:00");
        assert_eq!(String::from(e.time_zone), "Europe/Moscow");
        assert_eq!(e.hosts[0].as_str(), "pskov-regional-library");
        let venue = e.venue.as_ref().unwrap();
        assert_eq!(venue.halls.len(), 1, "blank rows are ignored");
        assert_eq!(venue.halls[0].capacity, Some(120));
        assert!(venue.halls[0].recorded);
        assert_eq!(venue.halls[0].name.get("ru"), Some("Большой зал"));
        assert_eq!(e.contacts.len(), 1);
        assert_eq!(e.contacts[0].email.as_deref(), Some("maria@example.org"));
        assert_eq!(e.contacts[0].role.get("ru"), Some("координатор"));
        assert_eq!(e.validate(), Ok(()));
        // What the edit form starts from parses back to the same event.
        assert_eq!(parse_event(&event_fields(&e), Some(&e), true), Ok(e));
    }

    #[test]
    fn every_problem_is_reported_at_its_input() {
        let mut fields = valid();
        for (k, v) in [
            ("slug", "Not A Slug"),
            ("kind", "party"),
            ("ends_at", "2025-03-16T10:00"),
            ("registration_closes", "yesterday"),
            ("time_zone", "Europe/Atlantis"),
            ("online_url", "ftp://example.org/"),
            ("venue.halls[1].capacity", "many"),
            ("venue.halls[3].key", "main"),
            ("venue.halls[3].name", "Малый зал"),
            ("contacts[1].email", "nobody"),
            ("contacts[2].role", "без имени"),
        ] {
            fields = with(fields, k, v);
        }
        let e = parse_event(&fields, None, true).unwrap_err();
        assert_eq!(
            reasons(&e),
            [
                ("contacts[1].email", "invalid-email"),
                ("contacts[2].name", "required"),
                ("ends_at", "ends-before-start"),
                ("kind", "invalid-choice"),
                ("online_url", "invalid-url"),
                ("registration_closes", "invalid-date"),
                ("slug", "invalid-slug"),
                ("time_zone", "invalid-zone"),
                ("venue.halls[1].capacity", "invalid-number"),
                ("venue.halls[3].key", "duplicate"),
            ]
        );
    }

    #[test]
    fn staff_name_a_host() {
        let fields = with(valid(), "hosts", "");
        let fields: Fields = fields.into_iter().filter(|(k, _)| k != "hosts").collect();
        let e = parse_event(&fields, None, true).unwrap_err();
        assert_eq!(reasons(&e), [("hosts", "required")]);
        assert!(
            parse_event(&fields, None, false).is_ok(),
            "administrators need not"
        );
    }

    #[test]
    fn an_edit_keeps_what_the_form_does_not_show() {
        let mut stored = parse_event(&valid(), None, true).unwrap();
        stored.organisers = vec![kolo_domain::event::Party::Institution {
            institution: Slug::parse("x", "pskov-regional-library").unwrap(),
        }];
        stored.parent = Some(Slug::parse("x", "big-forum").unwrap());
        for q in &mut stored.key_questions {
            let ru = q.get("ru").unwrap().to_owned();
            q.set("en".parse().unwrap(), format!("{ru} (en)"));
        }
        stored.venue.as_mut().unwrap().halls[0]
            .name
            .set("en".parse().unwrap(), "Great hall");
        stored.contacts[0]
            .name
            .set("en".parse().unwrap(), "Maria Ivanova");
        let mut fields = event_fields(&stored);
        fields = with(fields, "slug", "something-else");
        fields = with(fields, "key_questions", "Первый вопрос\nНовый вопрос");
        fields = with(fields, "title.en", "Round table, renamed");
        let e = parse_event(&fields, Some(&stored), true).unwrap();
        assert_eq!(e.slug, stored.slug, "an edit keeps the slug");
        assert_eq!(e.organisers, stored.organisers);
        assert_eq!(e.parent, stored.parent);
        assert_eq!(e.title.get("en"), Some("Round table, renamed"));
        assert_eq!(
            e.key_questions[0], stored.key_questions[0],
            "an unchanged question keeps its translations"
        );
        assert_eq!(
            e.key_questions[1],
            LocalizedText::new().with("ru", "Новый вопрос")
        );
        assert_eq!(e.venue.unwrap().halls[0].name.get("en"), Some("Great hall"));
        assert_eq!(e.contacts[0].name.get("en"), Some("Maria Ivanova"));
    }

    #[test]
    fn store_refusals_of_list_items_show_at_the_list() {
        let errors = at_lists(ValidationErrors {
            errors: vec![
                FieldError::new("hosts[1]", "unknown-institution"),
                FieldError::new("networks[0]", "unknown-network"),
                FieldError::new("hostsx", "required"),
            ],
        });
        assert_eq!(
            reasons(&errors),
            [
                ("hosts", "unknown-institution"),
                ("hostsx", "required"),
                ("networks", "unknown-network"),
            ]
        );
    }

    #[test]
    fn the_offered_time_zones_exist() {
        for z in ZONES {
            assert!(Zone::try_from((*z).to_owned()).is_ok(), "{z}");
        }
    }

    fn ctx() -> PageCtx {
        PageCtx {
            tr: Tr::new(UiLang::En),
            lang: UiLang::En,
            lang_from_query: false,
            path: "/events/round-table-2025/edit".into(),
            query: Vec::new(),
            viewer: None,
            public_url: "https://kolo.example.org".into(),
        }
    }

    #[test]
    fn an_invalid_form_marks_each_field_and_keeps_values() {
        let fields = with(valid(), "ends_at", "2025-03-16T10:00");
        let fields = with(fields, "registration_closes", "2025-03-10T23:59:59");
        let fields = with(fields, "contacts[1].email", "nobody");
        let stored = parse_event(&valid(), None, true).unwrap();
        let mut errors = parse_event(&fields, Some(&stored), true).unwrap_err();
        errors.push(FieldError::new("hosts[0]", "unknown-institution"));
        errors.push(FieldError::new("organisers[0]", "unknown-institution"));
        let errors = at_lists(errors);
        let ctx = ctx();
        let plan = slug_edit_plan(&ctx, &stored);
        let mut b = FormBuilder::new(ctx.tr, &fields, &errors);
        let hosts = vec![(
            "pskov-regional-library".to_owned(),
            "Pskov Regional Library".to_owned(),
            None,
        )];
        let parts = event_controls(&mut b, &plan, hosts, Vec::new());
        let unplaced = b.unplaced();
        assert_eq!(
            unplaced,
            ["organisers[0]: There is no such institution in Kolo."]
        );
        let page = EventFormPage {
            head: Head::new("Edit"),
            heading: plan.heading,
            action: plan.action,
            cancel_href: plan.cancel_href,
            has_errors: true,
            unplaced,
            editing: true,
            about: parts.about,
            when: parts.when,
            hosts: parts.hosts,
            networks: parts.networks,
            access: parts.access,
            venue: parts.venue,
            halls_help: String::new(),
            halls: parts.halls,
            contacts_help: String::new(),
            contacts: parts.contacts,
            ctx,
        };
        let html = page.render().unwrap();
        assert!(html.contains(r#"<p class="error-message" id="err-ends_at">The event cannot end before it starts."#), "{html}");
        assert!(html.contains(r#"type="datetime-local" value="2025-03-16T10:00""#));
        assert!(
            html.contains(r#"name="registration_closes" type="text" value="2025-03-10T23:59:59""#),
            "seconds would make the picker refuse the form"
        );
        assert!(html.contains(r#"id="err-contacts[1].email""#));
        assert!(html.contains(r#"id="err-hosts""#));
        assert!(
            html.contains(r#"name="venue.halls[1].recorded" type="checkbox" value="on" checked"#)
        );
        assert!(
            html.contains(r#"name="venue.halls[5].key""#),
            "six hall rows"
        );
        assert!(!html.contains(r#"name="venue.halls[6].key""#));
        assert!(html.contains(r#"<option value="Europe/Moscow" selected>"#));
        assert!(html.contains(r#"value="round-table-2025" readonly"#));
        assert!(!html.contains(r#"name="slug""#));
        assert!(html.contains(r#"<input type="hidden" name="csrf""#));
        assert!(!html.contains("style="));
    }
}
