//! Form fields <-> domain values, and the view models the form templates draw.

use super::*;

/// A multilingual field from `FIELD.<tag>` inputs plus the optional "other language" pair
/// (`other_lang.FIELD`, `other_text.FIELD`).
pub(super) fn localized(
    fields: &[(String, String)],
    field: &str,
    errors: &mut ValidationErrors,
) -> LocalizedText {
    let mut text = LocalizedText::new();
    let prefix = format!("{field}.");
    for (key, raw) in fields {
        let Some(tag) = key.strip_prefix(&prefix) else {
            continue;
        };
        match tag.parse::<LangTag>() {
            Ok(tag) if !raw.trim().is_empty() => text.set(tag, raw.as_str()),
            Ok(_) => {}
            Err(_) => errors.push(FieldError::new(key.clone(), "invalid-lang")),
        }
    }
    let tag_field = format!("other_lang.{field}");
    let text_field = format!("other_text.{field}");
    let raw_tag = value(fields, &tag_field).trim();
    let raw_text = value(fields, &text_field);
    match (raw_tag.is_empty(), raw_text.trim().is_empty()) {
        (true, true) => {}
        (true, false) => errors.push(FieldError::new(tag_field, "required")),
        (false, true) => errors.push(FieldError::new(text_field, "required")),
        (false, false) => match raw_tag.parse::<LangTag>() {
            Err(_) => errors.push(FieldError::new(tag_field, "invalid-lang")),
            Ok(tag) if text.get(tag.as_str()).is_some() => {
                errors.push(FieldError::new(tag_field, "taken"))
            }
            Ok(tag) => text.set(tag, raw_text),
        },
    }
    text
}

pub(super) fn contacts(fields: &[(String, String)], errors: &mut ValidationErrors) -> Contacts {
    Contacts {
        email: optional(fields, "email"),
        phone: optional(fields, "phone"),
        website: url_field(fields, "website", errors),
    }
}

/// An optional web address (http or https only).
pub(super) fn url_field(
    fields: &[(String, String)],
    name: &str,
    errors: &mut ValidationErrors,
) -> Option<url::Url> {
    let raw = optional(fields, name)?;
    match url::Url::parse(&raw) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Some(url),
        _ => {
            errors.push(FieldError::new(name, "invalid-url"));
            None
        }
    }
}

/// A wall-clock time from `<input type="datetime-local">` (`2024-09-14T10:00`, seconds
/// optional; a space for the `T` is accepted from browsers that show a plain text box).
pub(super) fn datetime_field(
    fields: &[(String, String)],
    name: &str,
    required: bool,
    errors: &mut ValidationErrors,
) -> Option<NaiveDateTime> {
    let Some(raw) = optional(fields, name) else {
        if required {
            errors.push(FieldError::new(name, "required"));
        }
        return None;
    };
    let raw = raw.replacen(' ', "T", 1);
    let parsed = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&raw, f).ok());
    if parsed.is_none() {
        errors.push(FieldError::new(name, "invalid-date"));
    }
    parsed
}

/// A time as `<input type="datetime-local">` shows it: seconds only when there are some.
pub(super) fn datetime_value(t: &NaiveDateTime) -> String {
    use chrono::Timelike;
    if t.second() == 0 {
        t.format("%Y-%m-%dT%H:%M").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

pub(super) fn choice<K>(
    fields: &[(String, String)],
    name: &str,
    from_code: impl Fn(&str) -> Option<K>,
    errors: &mut ValidationErrors,
) -> Option<K> {
    let raw = value(fields, name).trim();
    if raw.is_empty() {
        errors.push(FieldError::new(name, "required"));
        return None;
    }
    let found = from_code(raw);
    if found.is_none() {
        errors.push(FieldError::new(name, "invalid-choice"));
    }
    found
}

/// What institutions and networks share, as submitted. `None` marks a part that did not parse
/// (its error is already recorded).
pub(super) struct Common<K> {
    pub(super) slug: Option<Slug>,
    pub(super) kind: Option<K>,
    pub(super) original_lang: Option<LangTag>,
    pub(super) name: LocalizedText,
    pub(super) description: LocalizedText,
    pub(super) contacts: Contacts,
}

pub(super) fn common<K>(
    fields: &[(String, String)],
    fixed_slug: Option<&Slug>,
    kind_from_code: impl Fn(&str) -> Option<K>,
    errors: &mut ValidationErrors,
) -> Common<K> {
    let slug = match fixed_slug {
        Some(s) => Some(s.clone()),
        None => Slug::parse("slug", value(fields, "slug"))
            .map_err(|e| errors.push(e))
            .ok(),
    };
    let kind = choice(fields, "kind", kind_from_code, errors);
    let original_lang = choice(fields, "original_lang", |t| t.parse().ok(), errors);
    Common {
        slug,
        kind,
        original_lang,
        name: localized(fields, "name", errors),
        description: localized(fields, "description", errors),
        contacts: contacts(fields, errors),
    }
}

impl<K> Common<K> {
    /// Stand-ins for parts that did not parse, so the value's own rules still run and report
    /// everything else. The value is never used when a stand-in was needed.
    pub(super) fn stand_in_slug(&mut self) -> Slug {
        self.slug
            .take()
            .unwrap_or_else(|| Slug::parse("slug", "x").expect("a valid slug"))
    }

    pub(super) fn stand_in_lang(&mut self) -> LangTag {
        self.original_lang.take().unwrap_or_else(|| {
            // A language the name has, so no "original name missing" follows from the stand-in.
            let tag = self
                .name
                .iter()
                .next()
                .map(|(t, _)| t.as_str())
                .unwrap_or("en");
            tag.parse().expect("a stored tag parses")
        })
    }
}

/// Adds the value's own rule violations to the parse errors, at most one per field.
pub(super) fn finish<T>(
    value: T,
    validate: impl Fn(&T) -> Result<(), ValidationErrors>,
    mut errors: ValidationErrors,
) -> Result<T, ValidationErrors> {
    if let Err(found) = validate(&value) {
        for e in found.errors {
            if errors.for_field(&e.field).is_none() {
                errors.push(e);
            }
        }
    }
    errors.into_result(value)
}

/// An institution from its form. `fixed_slug` is the stored slug when editing (the form does not
/// change it); creating takes the submitted `slug`.
pub fn parse_institution(
    fields: &[(String, String)],
    fixed_slug: Option<&Slug>,
) -> Result<Institution, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let mut c = common(fields, fixed_slug, InstitutionKind::from_code, &mut errors);
    let region_code = optional(fields, "region_code").map(|r| r.to_ascii_uppercase());
    let country = CountryCode::parse("country", value(fields, "country"))
        .map_err(|e| errors.push(e))
        .ok()
        .unwrap_or_else(|| {
            // Judge the region code against the country it names, when the country is unusable.
            let named = region_code.as_deref().and_then(|r| r.split_once('-'));
            named
                .and_then(|(country, _)| CountryCode::parse("country", country).ok())
                .unwrap_or_else(|| CountryCode::parse("country", "ZZ").expect("valid"))
        });
    let value = Institution {
        slug: c.stand_in_slug(),
        kind: c.kind.unwrap_or(InstitutionKind::Other),
        original_lang: c.stand_in_lang(),
        name: c.name,
        description: c.description,
        country,
        region_code,
        region: localized(fields, "region", &mut errors),
        locality: localized(fields, "locality", &mut errors),
        address: localized(fields, "address", &mut errors),
        contacts: c.contacts,
    };
    finish(value, Institution::validate, errors)
}

/// A network from its form; see [`parse_institution`].
pub fn parse_network(
    fields: &[(String, String)],
    fixed_slug: Option<&Slug>,
) -> Result<Network, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let mut c = common(fields, fixed_slug, NetworkKind::from_code, &mut errors);
    let value = Network {
        slug: c.stand_in_slug(),
        kind: c.kind.unwrap_or(NetworkKind::Network),
        original_lang: c.stand_in_lang(),
        name: c.name,
        description: c.description,
        contacts: c.contacts,
    };
    finish(value, Network::validate, errors)
}

/// The ids of the ticked network checkboxes.
pub(super) fn parse_network_ids(fields: &[(String, String)]) -> Result<Vec<i64>, FieldError> {
    values(fields, "networks")
        .map(|v| {
            v.trim()
                .parse()
                .map_err(|_| FieldError::new("networks", "unknown-network"))
        })
        .collect()
}

// Domain values -> form fields (what an edit form starts from)

pub(super) fn push_text(out: &mut Fields, field: &str, text: &LocalizedText) {
    out.extend(
        text.iter()
            .map(|(tag, v)| (format!("{field}.{tag}"), v.to_owned())),
    );
}

pub(super) fn push_common(
    out: &mut Fields,
    slug: &Slug,
    kind: &str,
    original_lang: &LangTag,
    name: &LocalizedText,
    description: &LocalizedText,
) {
    out.push(("slug".into(), slug.to_string()));
    out.push(("kind".into(), kind.to_owned()));
    out.push(("original_lang".into(), original_lang.to_string()));
    push_text(out, "name", name);
    push_text(out, "description", description);
}

pub(super) fn push_contacts(out: &mut Fields, c: &Contacts) {
    let website = c.website.as_ref().map(ToString::to_string);
    for (name, v) in [
        ("email", &c.email),
        ("phone", &c.phone),
        ("website", &website),
    ] {
        out.push((name.into(), v.clone().unwrap_or_default()));
    }
}

pub fn institution_fields(i: &Institution) -> Fields {
    let mut out = Vec::new();
    push_common(
        &mut out,
        &i.slug,
        i.kind.code(),
        &i.original_lang,
        &i.name,
        &i.description,
    );
    out.push(("country".into(), i.country.as_str().to_owned()));
    out.push((
        "region_code".into(),
        i.region_code.clone().unwrap_or_default(),
    ));
    push_text(&mut out, "region", &i.region);
    push_text(&mut out, "locality", &i.locality);
    push_text(&mut out, "address", &i.address);
    push_contacts(&mut out, &i.contacts);
    out
}

pub fn network_fields(n: &Network) -> Fields {
    let mut out = Vec::new();
    push_common(
        &mut out,
        &n.slug,
        n.kind.code(),
        &n.original_lang,
        &n.name,
        &n.description,
    );
    push_contacts(&mut out, &n.contacts);
    out
}

// ---------------------------------------------------------------------------------------------
// Form views: what `staff_field.html` and `staff_lang_group.html` draw
// ---------------------------------------------------------------------------------------------

/// One labelled control.
pub struct Field {
    pub name: String,
    pub id: String,
    pub label: String,
    /// An `<input type>` (`text`, `email`, `url`, `tel`, `password`), or `textarea`, or `select`.
    pub kind: &'static str,
    pub value: String,
    pub options: Vec<Choice>,
    /// The language of the value, for multilingual inputs.
    pub lang: Option<String>,
    pub help: Option<String>,
    /// This control's own problem, translated.
    pub error: Option<String>,
    /// The group whose problem also concerns this control (`name` for `name.uk`).
    pub group_error: Option<String>,
    /// Shown, not editable and not submitted.
    pub readonly: bool,
    pub required: bool,
    pub autocomplete: Option<&'static str>,
    /// The id of a `<datalist>` of suggestions.
    pub list: Option<String>,
}

impl Field {
    pub fn invalid(&self) -> bool {
        self.error.is_some() || self.group_error.is_some()
    }

    /// The ids of the help text and messages that describe the control.
    pub fn describedby(&self) -> String {
        let mut ids = Vec::new();
        if self.help.is_some() {
            ids.push(format!("help-{}", self.name));
        }
        if let Some(group) = &self.group_error {
            ids.push(format!("err-{group}"));
        }
        if self.error.is_some() {
            ids.push(format!("err-{}", self.name));
        }
        ids.join(" ")
    }

    pub(super) fn help(mut self, text: String) -> Self {
        self.help = Some(text);
        self
    }

    pub(super) fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub(super) fn autocomplete(mut self, token: &'static str) -> Self {
        self.autocomplete = Some(token);
        self
    }

    pub(super) fn suggest(mut self, datalist: &str) -> Self {
        self.list = Some(datalist.to_owned());
        self
    }

    pub(super) fn readonly(mut self, value: &str) -> Self {
        self.readonly = true;
        self.value = value.to_owned();
        self
    }
}

/// A multilingual field: one input per language, side by side, in a fieldset.
pub struct LangGroup {
    pub name: String,
    pub legend: String,
    /// A problem with the field as a whole (e.g. no name in any language).
    pub error: Option<String>,
    pub inputs: Vec<Field>,
    /// The "other language" pair: a tag and a value.
    pub others: Vec<Field>,
    /// Show the pair unfolded (it holds a value or a problem).
    pub others_open: bool,
}

/// One part of a record form.
pub enum Item {
    Field(Field),
    Group(LangGroup),
}

/// Builds controls from submitted (or stored) values and the problems found in them,
/// remembering which problems found a place at a control.
pub struct FormBuilder<'a> {
    pub(super) tr: Tr,
    pub(super) values: &'a [(String, String)],
    pub(super) errors: &'a ValidationErrors,
    pub(super) placed: Vec<String>,
}

impl<'a> FormBuilder<'a> {
    pub fn new(tr: Tr, values: &'a [(String, String)], errors: &'a ValidationErrors) -> Self {
        FormBuilder {
            tr,
            values,
            errors,
            placed: Vec::new(),
        }
    }

    pub(super) fn message(&self, name: &str) -> Option<String> {
        self.errors.for_field(name).map(|e| error_text(&self.tr, e))
    }

    /// Marks `name` as shown, returning its problem, if any.
    pub(super) fn place(&mut self, name: &str) -> Option<String> {
        self.placed.push(name.to_owned());
        self.message(name)
    }

    pub(super) fn control(&mut self, name: &str, label: String, kind: &'static str) -> Field {
        Field {
            name: name.to_owned(),
            id: format!("f-{name}"),
            label,
            kind,
            value: value(self.values, name).to_owned(),
            options: Vec::new(),
            lang: None,
            help: None,
            error: self.place(name),
            group_error: None,
            readonly: false,
            required: false,
            autocomplete: None,
            list: None,
        }
    }

    pub(super) fn input(&mut self, name: &str, label_id: &str, kind: &'static str) -> Field {
        let label = self.tr.t(label_id);
        self.control(name, label, kind)
    }

    pub(super) fn select(
        &mut self,
        name: &str,
        label_id: &str,
        options: Vec<(String, String)>,
    ) -> Field {
        let mut f = self.input(name, label_id, "select");
        f.options = options
            .into_iter()
            .map(|(v, label)| {
                let selected = v == f.value;
                (v, label, selected)
            })
            .collect();
        f
    }

    /// The inputs of a multilingual field: the form's languages, then any other language the
    /// value has (or `also`, e.g. the original language), then the "other language" pair.
    pub(super) fn lang_group(
        &mut self,
        name: &str,
        label_id: &str,
        multiline: bool,
        also: Option<&str>,
    ) -> LangGroup {
        let kind = if multiline { "textarea" } else { "text" };
        let prefix = format!("{name}.");
        let mut tags: Vec<String> = FORM_LANGS.iter().map(|t| (*t).to_owned()).collect();
        let present = self
            .values
            .iter()
            .filter_map(|(k, _)| k.strip_prefix(&prefix))
            .chain(also.filter(|t| !t.is_empty()));
        for tag in present {
            if !tags.iter().any(|t| t == tag) {
                tags.push(tag.to_owned());
            }
        }
        let error = self.place(name);
        let mut inputs = Vec::new();
        for tag in tags {
            let label = lang_label(&self.tr, &tag);
            let mut f = self.control(&format!("{prefix}{tag}"), label, kind);
            f.lang = Some(tag);
            f.group_error = error.is_some().then(|| name.to_owned());
            inputs.push(f);
        }
        let other_lang = self
            .input(&format!("other_lang.{name}"), "form-other-language", "text")
            .help(self.tr.t("form-other-language-help"));
        let other_text = self.input(
            &format!("other_text.{name}"),
            "form-other-language-text",
            kind,
        );
        let others_open = [&other_lang, &other_text]
            .iter()
            .any(|f| !f.value.trim().is_empty() || f.error.is_some());
        LangGroup {
            name: name.to_owned(),
            legend: self.tr.t(label_id),
            error,
            inputs,
            others: vec![other_lang, other_text],
            others_open,
        }
    }

    /// Problems no control shows (e.g. from a field the form does not have), with their field.
    pub(super) fn unplaced(&self) -> Vec<String> {
        self.errors
            .errors
            .iter()
            .filter(|e| !self.placed.contains(&e.field))
            .map(|e| format!("{}: {}", e.field, error_text(&self.tr, e)))
            .collect()
    }
}

/// A content language's name in the page's language; a tag without one is shown as it is.
pub(super) fn lang_label(tr: &Tr, tag: &str) -> String {
    let label_id = format!("lang-name-{tag}");
    if Tr::new(UiLang::En).has_own(&label_id) {
        tr.t(&label_id)
    } else {
        tr.args("form-lang-tag", &[("name", tag.to_owned().into())])
    }
}

/// `original_lang` choices: the form's languages, plus the current value if it is another.
pub(super) fn lang_options(tr: &Tr, current: &str) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = FORM_LANGS
        .iter()
        .map(|t| ((*t).to_owned(), tr.t(&format!("lang-name-{t}"))))
        .collect();
    if !current.is_empty() && !FORM_LANGS.contains(&current) {
        options.push((current.to_owned(), current.to_owned()));
    }
    options
}

/// Slug, kind and original language: the head of both record forms.
pub(super) fn head_controls(
    b: &mut FormBuilder<'_>,
    fixed_slug: Option<&Slug>,
    kinds: Vec<(String, String)>,
) -> Vec<Item> {
    let slug = b
        .input("slug", "field-slug", "text")
        .help(b.tr.t("field-slug-help"));
    let slug = match fixed_slug {
        Some(s) => slug.readonly(s.as_str()),
        None => slug.required(),
    };
    let kind = b.select("kind", "field-kind", kinds);
    let current = value(b.values, "original_lang").trim().to_owned();
    let langs = lang_options(&b.tr, &current);
    let lang = b.select("original_lang", "field-original-lang", langs);
    vec![Item::Field(slug), Item::Field(kind), Item::Field(lang)]
}

pub(super) fn text_controls(b: &mut FormBuilder<'_>) -> Vec<Item> {
    let original = value(b.values, "original_lang").trim().to_owned();
    vec![
        Item::Group(b.lang_group("name", "field-name", false, Some(&original))),
        Item::Group(b.lang_group("description", "field-description", true, None)),
    ]
}

pub(super) fn contact_controls(b: &mut FormBuilder<'_>) -> Vec<Item> {
    vec![
        Item::Field(
            b.input("email", "field-email", "email")
                .autocomplete("email"),
        ),
        Item::Field(b.input("phone", "field-phone", "tel").autocomplete("tel")),
        Item::Field(
            b.input("website", "field-website", "url")
                .autocomplete("url"),
        ),
    ]
}

pub(super) fn institution_controls(
    b: &mut FormBuilder<'_>,
    fixed_slug: Option<&Slug>,
) -> Vec<Item> {
    let kinds = InstitutionKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), b.tr.t(&format!("kind-{}", k.code()))))
        .collect();
    let mut items = head_controls(b, fixed_slug, kinds);
    items.extend(text_controls(b));
    items.push(Item::Field(
        b.input("country", "field-country", "text").required(),
    ));
    items.push(Item::Field(b.input(
        "region_code",
        "field-region-code",
        "text",
    )));
    for (name, label) in [
        ("region", "field-region"),
        ("locality", "field-locality"),
        ("address", "field-address"),
    ] {
        items.push(Item::Group(b.lang_group(name, label, false, None)));
    }
    items.extend(contact_controls(b));
    items
}

pub(super) fn network_controls(b: &mut FormBuilder<'_>, fixed_slug: Option<&Slug>) -> Vec<Item> {
    let kinds = NetworkKind::ALL
        .iter()
        .map(|k| {
            let label = b.tr.t(&format!("network-kind-{}", k.code()));
            (k.code().to_owned(), label)
        })
        .collect();
    let mut items = head_controls(b, fixed_slug, kinds);
    items.extend(text_controls(b));
    items.extend(contact_controls(b));
    items
}

/// The content language a new record starts with: the interface's own.
pub(super) fn default_original_lang(lang: UiLang) -> &'static str {
    match lang {
        UiLang::Kk => "kk-Cyrl",
        other => other.code(),
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
            ("slug", "novopskov-museum"),
            ("kind", "museum"),
            ("original_lang", "uk"),
            ("name.uk", "Новопсковський краєзнавчий музей"),
            ("name.ru", ""),
            ("name.kk-Cyrl", ""),
            ("name.kk-Latn", ""),
            ("name.en", "Novopskov Local History Museum"),
            (
                "description.uk",
                "Музей у смт Новопсков.\n\nЗасновано 1980 року.",
            ),
            ("country", "ua"),
            ("region_code", "ua-09"),
            ("region.uk", "Луганська область"),
            ("locality.uk", "Новопсков"),
            ("address.uk", "вул. Шкільна, 1"),
            ("email", "museum@example.org"),
            ("phone", "+380 6463 2-11-11"),
            ("website", "https://museum.example.org/"),
        ])
    }

    fn reasons(e: &ValidationErrors) -> Vec<(&str, &str)> {
        e.errors
            .iter()
            .map(|e| (e.field.as_str(), e.reason.as_str()))
            .collect()
    }

    #[test]
    fn a_full_valid_submission_parses() {
        let i = parse_institution(&valid(), None).unwrap();
        assert_eq!(i.slug.as_str(), "novopskov-museum");
        assert_eq!(i.kind, InstitutionKind::Museum);
        assert_eq!(i.original_lang.as_str(), "uk");
        assert_eq!(i.name.get("en"), Some("Novopskov Local History Museum"));
        assert_eq!(i.name.get("ru"), None, "blank inputs store nothing");
        assert_eq!(i.country.as_str(), "UA");
        assert_eq!(i.region_code.as_deref(), Some("UA-09"));
        assert_eq!(i.locality.get("uk"), Some("Новопсков"));
        assert_eq!(i.contacts.email.as_deref(), Some("museum@example.org"));
        assert_eq!(
            i.contacts.website.as_ref().map(|u| u.as_str()),
            Some("https://museum.example.org/")
        );
        assert_eq!(i.validate(), Ok(()));
    }

    #[test]
    fn a_blank_name_is_required() {
        let fields = with(with(valid(), "name.uk", "  "), "name.en", "");
        let e = parse_institution(&fields, None).unwrap_err();
        assert_eq!(reasons(&e), [("name", "required")]);
    }

    #[test]
    fn a_bad_website_is_an_invalid_url() {
        for bad in ["museum.example.org", "ftp://museum.example.org/"] {
            let e = parse_institution(&with(valid(), "website", bad), None).unwrap_err();
            assert_eq!(reasons(&e), [("website", "invalid-url")], "{bad}");
        }
    }

    #[test]
    fn an_unknown_kind_or_language_is_an_invalid_choice() {
        let e = parse_institution(&with(valid(), "kind", "zoo"), None).unwrap_err();
        assert_eq!(reasons(&e), [("kind", "invalid-choice")]);
        let e = parse_institution(&with(valid(), "original_lang", "not a tag"), None).unwrap_err();
        assert_eq!(reasons(&e), [("original_lang", "invalid-choice")]);
    }

    #[test]
    fn a_country_name_is_not_a_country_code() {
        let e = parse_institution(&with(valid(), "country", "Ukraine"), None).unwrap_err();
        // The region code is judged against the country it names, so only the country is wrong.
        assert_eq!(reasons(&e), [("country", "invalid-country")]);
        let e = parse_institution(&with(valid(), "country", ""), None).unwrap_err();
        assert_eq!(reasons(&e), [("country", "required")]);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut fields = with(valid(), "kind", "zoo");
        for (k, v) in [
            ("slug", "Not A Slug"),
            ("country", "Ukraine"),
            ("region_code", "somewhere"),
            ("website", "nowhere"),
            ("email", "nobody"),
            ("name.uk", ""),
        ] {
            fields = with(fields, k, v);
        }
        fields.push(("locality.en".into(), "x".repeat(Institution::MAX_PLACE + 1)));
        let e = parse_institution(&fields, None).unwrap_err();
        let mut got = reasons(&e);
        got.sort();
        assert_eq!(
            got,
            [
                ("country", "invalid-country"),
                ("email", "invalid-email"),
                ("kind", "invalid-choice"),
                ("locality.en", "too-long"),
                ("name.uk", "original-name-missing"),
                ("region_code", "invalid-region-code"),
                ("slug", "invalid-slug"),
                ("website", "invalid-url"),
            ]
        );
        assert_eq!(
            e.for_field("locality.en").unwrap().limit,
            Some(Institution::MAX_PLACE)
        );
    }

    #[test]
    fn an_extra_language_round_trips() {
        let mut i = parse_institution(&valid(), None).unwrap();
        i.name.set("de".parse().unwrap(), "Heimatmuseum Nowopskow");
        i.address.set("de".parse().unwrap(), "Schulstraße 1");
        let fields = institution_fields(&i);
        assert!(fields.contains(&("name.de".into(), "Heimatmuseum Nowopskow".into())));
        assert_eq!(parse_institution(&fields, None).unwrap(), i);
        // The form keeps the extra language as its own input, after the usual ones.
        let none = ValidationErrors::default();
        let mut b = FormBuilder::new(Tr::new(UiLang::En), &fields, &none);
        let g = b.lang_group("name", "field-name", false, None);
        let tags: Vec<_> = g
            .inputs
            .iter()
            .map(|f| f.lang.as_deref().unwrap())
            .collect();
        assert_eq!(tags, ["uk", "ru", "kk-Cyrl", "kk-Latn", "en", "de"]);
        assert_eq!(g.inputs[5].name, "name.de");
        assert_eq!(g.inputs[5].value, "Heimatmuseum Nowopskow");
        assert_eq!(g.inputs[2].label, "Kazakh (Cyrillic)");
    }

    #[test]
    fn the_other_language_pair_adds_a_language() {
        let fields = with(
            with(valid(), "other_lang.name", "pl"),
            "other_text.name",
            "Muzeum",
        );
        let i = parse_institution(&fields, None).unwrap();
        assert_eq!(i.name.get("pl"), Some("Muzeum"));
        let bad = with(fields.clone(), "other_lang.name", "no such tag");
        let e = parse_institution(&bad, None).unwrap_err();
        assert_eq!(reasons(&e), [("other_lang.name", "invalid-lang")]);
        let twice = with(fields.clone(), "other_lang.name", "uk");
        let e = parse_institution(&twice, None).unwrap_err();
        assert_eq!(reasons(&e), [("other_lang.name", "taken")]);
        let untagged = with(fields, "other_lang.name", "");
        let e = parse_institution(&untagged, None).unwrap_err();
        assert_eq!(reasons(&e), [("other_lang.name", "required")]);
    }

    #[test]
    fn an_edit_keeps_the_stored_slug() {
        let stored = Slug::parse("slug", "stored-slug").unwrap();
        let fields = with(valid(), "slug", "Something Else");
        let i = parse_institution(&fields, Some(&stored)).unwrap();
        assert_eq!(i.slug, stored);
    }

    #[test]
    fn networks_parse_with_the_same_rules() {
        let fields = form(&[
            ("slug", "model-libraries"),
            ("kind", "project"),
            ("original_lang", "ru"),
            ("name.ru", "Модельные библиотеки"),
            ("website", "https://example.org/"),
            ("other_lang.description", "de"),
            ("other_text.description", "Ein Projekt"),
        ]);
        let n = parse_network(&fields, None).unwrap();
        assert_eq!(n.kind, NetworkKind::Project);
        assert_eq!(n.description.get("de"), Some("Ein Projekt"));
        assert_eq!(parse_network(&network_fields(&n), None).unwrap(), n);
        let e = parse_network(&with(fields, "kind", "museum"), None).unwrap_err();
        assert_eq!(reasons(&e), [("kind", "invalid-choice")]);
    }

    #[test]
    fn network_ids_must_be_numbers() {
        let fields = form(&[("networks", "3"), ("networks", "7")]);
        assert_eq!(parse_network_ids(&fields), Ok(vec![3, 7]));
        let bad = form(&[("networks", "x")]);
        assert_eq!(parse_network_ids(&bad).unwrap_err().field, "networks");
    }

    #[test]
    fn error_messages_are_translated_with_their_limit() {
        let en = Tr::new(UiLang::En);
        let e = FieldError::new("name.en", "too-long").with_limit(300);
        assert_eq!(error_text(&en, &e), "At most 300 characters.");
        let e = FieldError::new("x", "no-such-reason");
        assert_eq!(error_text(&en, &e), en.t("error-bad-request"));
    }

    #[test]
    fn scopes_round_trip_through_the_query() {
        for s in [Scope::Institution(4), Scope::Network(12)] {
            assert_eq!(parse_scope(&scope_param(s)), Some(s));
        }
        assert_eq!(parse_scope("user:1"), None);
        assert_eq!(parse_scope("institution:x"), None);
    }

    fn ctx() -> PageCtx {
        PageCtx {
            tr: Tr::new(UiLang::En),
            lang: UiLang::En,
            lang_from_query: false,
            path: "/institutions/novopskov-museum/edit".into(),
            query: Vec::new(),
            viewer: None,
            public_url: "https://kolo.example.org".into(),
        }
    }

    #[test]
    fn an_invalid_form_marks_each_field() {
        let mut fields = with(valid(), "website", "nowhere");
        fields = with(fields, "name.uk", "");
        fields = with(fields, "name.en", "<script>x</script>");
        fields.push(("mystery".into(), "?".into()));
        let mut errors = parse_institution(&fields, None).unwrap_err();
        errors.push(FieldError::new("mystery", "required"));
        let mut b = FormBuilder::new(Tr::new(UiLang::En), &fields, &errors);
        let slug = Slug::parse("slug", "novopskov-museum").unwrap();
        let items = institution_controls(&mut b, Some(&slug));
        let unplaced = b.unplaced();
        assert_eq!(unplaced, ["mystery: This field is required."]);
        let page = RecordFormPage {
            ctx: ctx(),
            head: Head::new("Edit"),
            heading: "Edit".into(),
            action: "/institutions/novopskov-museum/edit".into(),
            cancel_href: "/institutions/novopskov-museum".into(),
            has_errors: true,
            unplaced,
            items,
            networks: None,
            networks_error: None,
        };
        let html = page.render().unwrap();
        assert!(html.contains(r#"<p class="notice error" role="alert">Please correct"#));
        assert!(
            html.contains(r#"<p class="error-message" id="err-website">Give a full web address"#)
        );
        assert!(html.contains(r#"aria-invalid="true" aria-describedby="err-website""#));
        assert!(
            html.contains(r#"value="nowhere""#),
            "submitted values are kept"
        );
        // The stored name in the original language is missing: the uk input says so.
        assert!(html.contains(r#"id="err-name.uk""#));
        assert!(html.contains(r#"<div class="field invalid">"#));
        // Everything is escaped.
        assert!(html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"));
        assert!(!html.contains("<script>x"));
        // The slug is shown, not submitted.
        assert!(html.contains(r#"value="novopskov-museum" readonly"#));
        assert!(!html.contains(r#"name="slug""#));
        assert!(html.contains(r#"<input type="hidden" name="csrf""#));
        assert!(html.contains(r#"lang="kk-Latn""#));
        assert!(!html.contains("style="));
    }
}
