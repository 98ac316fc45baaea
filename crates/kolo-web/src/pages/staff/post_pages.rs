//! The edit and "new" pages of posts (news, announcements, interviews, reports, publications).
//!
//! Besides saving, the form has two buttons that only show it again: "Preview" renders each
//! body through [`crate::markdown`] (sanitised, as the post page does), and "Remove them"
//! applies [`clean_paste`] to the bodies in which [`paste_issues`] found page furniture, for
//! review. Saving a body with such findings needs the "Save as it is" box, so a false positive
//! never blocks anyone. Images and files have their own pages (record_images.rs,
//! post_attachments.rs); rights are
//! [`records::SlugRecord`]'s.

use super::event_pages::host_choices;
use super::exhibition_pages::institution_options;
use super::*;
use crate::markdown;
use kolo_domain::collection::InventoryNumber;
use kolo_domain::paste::{PasteIssue, clean_paste, paste_issues};
use kolo_domain::{Post, PostKind, PostLink, PostStatus};

/// The body inputs the paste check looks at: one per language and the "other language" text.
fn is_body(name: &str) -> bool {
    name.starts_with("body.") || name == "other_text.body"
}

/// The language a body input is in.
fn body_lang<'a>(fields: &'a [(String, String)], name: &'a str) -> &'a str {
    name.strip_prefix("body.")
        .unwrap_or_else(|| value(fields, "other_lang.body").trim())
}

/// (input, issues) for every body input with pasted page furniture.
fn paste_findings(fields: &[(String, String)]) -> Vec<(&str, Vec<PasteIssue>)> {
    fields
        .iter()
        .filter(|(k, _)| is_body(k))
        .map(|(k, v)| (k.as_str(), paste_issues(v)))
        .filter(|(_, issues)| !issues.is_empty())
        .collect()
}

/// A link per line: `institution:slug`, `event:slug`, `exhibition:slug`, `project:slug` or
/// `object:institution:inventory number`.
fn link_line(link: &PostLink) -> String {
    match link {
        PostLink::Institution { slug } => format!("institution:{slug}"),
        PostLink::Event { slug } => format!("event:{slug}"),
        PostLink::Exhibition { slug } => format!("exhibition:{slug}"),
        PostLink::Project { slug } => format!("project:{slug}"),
        PostLink::Object {
            institution,
            inventory_number,
        } => format!("object:{institution}:{inventory_number}"),
    }
}

fn parse_link(line: &str) -> Option<PostLink> {
    let (kind, rest) = line.split_once(':')?;
    let slug = || Slug::parse("links", rest.trim()).ok();
    match kind.trim() {
        "institution" => Some(PostLink::Institution { slug: slug()? }),
        "event" => Some(PostLink::Event { slug: slug()? }),
        "exhibition" => Some(PostLink::Exhibition { slug: slug()? }),
        "project" => Some(PostLink::Project { slug: slug()? }),
        "object" => {
            let (institution, number) = rest.split_once(':')?;
            Some(PostLink::Object {
                institution: Slug::parse("links", institution.trim()).ok()?,
                inventory_number: InventoryNumber::parse("links", number.trim()).ok()?,
            })
        }
        _ => None,
    }
}

pub fn post_fields(p: &Post) -> Fields {
    let mut out: Fields = vec![
        ("slug".into(), p.slug.to_string()),
        ("institution".into(), p.institution.to_string()),
        ("kind".into(), p.kind.code().into()),
        ("original_lang".into(), p.original_lang.to_string()),
        ("status".into(), p.status.code().into()),
        (
            "publish_at".into(),
            p.publish_at
                .map(|t| datetime_value(&t.naive_utc()))
                .unwrap_or_default(),
        ),
    ];
    push_text(&mut out, "title", &p.title);
    push_text(&mut out, "summary", &p.summary);
    push_text(&mut out, "body", &p.body);
    let links: Vec<String> = p.links.iter().map(link_line).collect();
    out.push(("links".into(), links.join("\n")));
    out
}

/// A post from its form (the slug, images and files of `base` are kept when editing). Bodies with
/// pasted page furniture are refused unless `paste_ok` is ticked.
pub fn parse_post(
    fields: &[(String, String)],
    base: Option<&Post>,
) -> Result<Post, ValidationErrors> {
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
    let kind = choice(fields, "kind", PostKind::from_code, &mut errors);
    let original_lang = choice(fields, "original_lang", |s| s.parse().ok(), &mut errors);
    let status = choice(fields, "status", PostStatus::from_code, &mut errors);
    let publish_at = datetime_field(fields, "publish_at", false, &mut errors).map(|t| t.and_utc());
    let mut links = Vec::new();
    for line in value(fields, "links").lines().map(str::trim) {
        match parse_link(line) {
            Some(link) => links.push(link),
            None if line.is_empty() => {}
            None => errors.push(FieldError::new("links", &format!("invalid-link: {line}"))),
        }
    }
    if auth::field(fields, "paste_ok").is_none() {
        for (name, _) in paste_findings(fields) {
            errors.push(FieldError::new(name, "paste-found"));
        }
    }
    let stand_in = || Slug::parse("slug", "x").expect("a valid slug");
    let post = Post {
        slug: slug.unwrap_or_else(stand_in),
        institution: institution.unwrap_or_else(stand_in),
        kind: kind.unwrap_or(PostKind::News),
        original_lang: original_lang.unwrap_or_else(|| "en".parse().expect("a valid tag")),
        title: localized(fields, "title", &mut errors),
        summary: localized(fields, "summary", &mut errors),
        body: localized(fields, "body", &mut errors),
        status: status.unwrap_or(PostStatus::Draft),
        publish_at,
        images: base.map(|b| b.images.clone()).unwrap_or_default(),
        attachments: base.map(|b| b.attachments.clone()).unwrap_or_default(),
        links,
    };
    finish(post, Post::validate, errors)
}

/// What the paste check found in one body input.
pub struct PasteWarning {
    pub field: String,
    pub label: String,
    pub found: Vec<String>,
}

/// One body rendered as the post page would.
pub struct Preview {
    pub label: String,
    pub lang: String,
    pub html: String,
}

fn issue_text(tr: &Tr, issue: &PasteIssue) -> String {
    let text = ("item", issue.excerpt().into());
    match issue {
        PasteIssue::Repeated { times, .. } => tr.args(
            issue.code(),
            &[
                text,
                ("count", i64::try_from(*times).unwrap_or(i64::MAX).into()),
            ],
        ),
        _ => tr.args(issue.code(), &[text]),
    }
}

page_template!(PostFormPage, "staff_post_form.html" {
    heading: String,
    action: String,
    cancel_href: String,
    has_errors: bool,
    unplaced: Vec<String>,
    items: Vec<Item>,
    warnings: Vec<PasteWarning>,
    previews: Vec<Preview>,
});

async fn show_post_form(
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
    let mut items = head_controls(
        &mut b,
        plan.existing.as_ref(),
        coded_options(&tr, "post-kind", PostKind::ALL.iter().map(|k| k.code())),
    );
    let statuses = coded_options(&tr, "post-status", PostStatus::ALL.iter().map(|s| s.code()));
    let original = value(fields, "original_lang").trim().to_owned();
    items.extend([
        Item::Field(b.select("institution", "field-institution", owners)),
        Item::Field(b.select("status", "field-status", statuses)),
        Item::Field(
            b.input("publish_at", "field-publish-at", "datetime-local")
                .help(tr.t("field-publish-at-help")),
        ),
        Item::Group(b.lang_group("title", "field-title", false, Some(&original))),
        Item::Group(b.lang_group("summary", "field-summary", true, None)),
        Item::Group(b.lang_group("body", "field-body", true, Some(&original))),
        Item::Field(
            b.input("links", "field-post-links", "textarea")
                .help(tr.t("field-post-links-help")),
        ),
    ]);
    let warnings = paste_findings(fields)
        .into_iter()
        .map(|(name, issues)| PasteWarning {
            field: format!("f-{name}"),
            label: lang_label(&tr, body_lang(fields, name)),
            found: issues.iter().map(|i| issue_text(&tr, i)).collect(),
        })
        .collect();
    let previews = if auth::field(fields, "preview").is_some() {
        fields
            .iter()
            .filter(|(k, v)| is_body(k) && !v.trim().is_empty())
            .map(|(k, v)| {
                let lang = body_lang(fields, k).to_owned();
                Preview {
                    label: lang_label(&tr, &lang),
                    lang,
                    html: markdown::to_html(v),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let unplaced = b.unplaced();
    let page = PostFormPage {
        head: Head::new(plan.heading.clone()),
        heading: plan.heading,
        action: plan.action,
        cancel_href: plan.cancel_href,
        has_errors: !errors.is_empty(),
        unplaced,
        items,
        warnings,
        previews,
        ctx,
    };
    Ok((status, render(&page)?).into_response())
}

impl SlugForm for Post {
    const PATH: &'static str = "news";
    const NEW_TITLE: &'static str = "new-post-title";
    const EDIT_TITLE: &'static str = "edit-post-title";

    fn title(&self) -> &LocalizedText {
        &self.title
    }
    fn current(&self) -> Vec<String> {
        vec![self.institution.to_string()]
    }
    fn to_fields(&self) -> Fields {
        post_fields(self)
    }
    /// At `/admin/posts/new`: `/admin/news` would read as the news of the administration.
    fn new_plan(ctx: &PageCtx, host: Option<&str>) -> SlugPlan {
        let mut plan = slug_new_plan::<Post>(ctx);
        plan.action = match host {
            Some(h) => format!(
                "/admin/posts/new?host={}",
                url::form_urlencoded::byte_serialize(h.as_bytes()).collect::<String>()
            ),
            None => "/admin/posts/new".to_owned(),
        };
        plan
    }
    async fn new_fields(
        _: &AppState,
        _: &SignedIn,
        ctx: &PageCtx,
        host: Option<&str>,
    ) -> Result<Fields, AppError> {
        Ok(vec![
            ("institution".into(), host.unwrap_or_default().to_owned()),
            (
                "original_lang".into(),
                default_original_lang(ctx.lang).into(),
            ),
            ("kind".into(), PostKind::News.code().into()),
            ("status".into(), PostStatus::Draft.code().into()),
        ])
    }
    fn parse(
        fields: &[(String, String)],
        base: Option<&Self>,
        _: &Principal,
    ) -> Result<Self, ValidationErrors> {
        parse_post(fields, base)
    }
    /// "Preview" shows the form as sent; "Remove them" with the flagged bodies cleaned.
    fn review(fields: &[(String, String)]) -> Option<Fields> {
        if auth::field(fields, "clean").is_some() {
            let cleaned = fields
                .iter()
                .filter(|(k, _)| k != "clean")
                .map(|(k, v)| {
                    let flagged = is_body(k) && !paste_issues(v).is_empty();
                    (k.clone(), if flagged { clean_paste(v) } else { v.clone() })
                })
                .collect();
            return Some(cleaned);
        }
        auth::field(fields, "preview").map(|_| fields.to_vec())
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
        show_post_form(state, ctx, principal, plan, fields, errors, status)
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
            ("slug", "strategic-session"),
            ("institution", "victory-museum"),
            ("kind", "news"),
            ("original_lang", "ru"),
            ("status", "scheduled"),
            ("publish_at", "2030-01-01T10:00"),
            ("title.ru", "Стратегическая сессия"),
            ("body.ru", "Прошла **сессия**."),
            (
                "links",
                "institution:victory-museum\nobject:victory-museum:КП:1\n\nevent:forum\nproject:victory",
            ),
        ])
    }

    #[test]
    fn a_submission_parses_and_reads_back_the_same() {
        let p = parse_post(&valid(), None).unwrap();
        assert_eq!(p.links.len(), 4);
        assert_eq!(
            p.links[1],
            PostLink::Object {
                institution: Slug::parse("i", "victory-museum").unwrap(),
                inventory_number: InventoryNumber::parse("n", "КП:1").unwrap(),
            }
        );
        let again = parse_post(&post_fields(&p), Some(&p)).unwrap();
        assert_eq!(again, p);
    }

    #[test]
    fn pasted_furniture_needs_the_box_and_bad_links_are_named() {
        let para = "Музей провёл стратегическую сессию с партнёрами из трёх областей.";
        let mut fields = valid();
        fields.retain(|(k, _)| k != "body.ru");
        fields.push(("body.ru".into(), format!("{para}\n\n{para}")));
        fields.retain(|(k, _)| k != "links");
        fields.push(("links".into(), "somewhere".into()));
        let errors = parse_post(&fields, None).unwrap_err();
        for (field, reason) in [
            ("body.ru", "paste-found"),
            ("links", "invalid-link: somewhere"),
        ] {
            assert_eq!(
                errors.for_field(field).map(|e| e.reason.as_str()),
                Some(reason)
            );
        }
        fields.retain(|(k, v)| !(k == "links" && v == "somewhere"));
        fields.push(("paste_ok".into(), "1".into()));
        parse_post(&fields, None).unwrap();
        fields.push(("clean".into(), "1".into()));
        let cleaned = Post::review(&fields).unwrap();
        assert_eq!(
            value(&cleaned, "body.ru"),
            clean_paste(&format!("{para}\n\n{para}"))
        );
        assert!(auth::field(&cleaned, "clean").is_none());
    }
}
