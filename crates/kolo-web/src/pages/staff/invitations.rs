//! Invitations: creating them, and accepting them by link.

use super::*;

/// A scope's name (in the page language if it has one) and public page.
pub struct ScopeView {
    pub name: String,
    pub lang: Option<String>,
    pub href: String,
}

/// The public page and name of a scope's record.
pub(super) fn load_scope(
    c: &mut DbConnection,
    scope: Scope,
) -> Result<(String, LocalizedText), StoreError> {
    Ok(match scope {
        Scope::Institution(id) => {
            let r = institutions::get(c, id)?;
            (format!("/institutions/{}", r.value.slug), r.value.name)
        }
        Scope::Network(id) => {
            let r = networks::get(c, id)?;
            (format!("/networks/{}", r.value.slug), r.value.name)
        }
    })
}

impl ScopeView {
    pub(super) fn new(ctx: &PageCtx, (href, name): (String, LocalizedText)) -> Self {
        let shown = ctx.pick(&name);
        ScopeView {
            name: shown.text.to_owned(),
            lang: shown.lang.map(str::to_owned),
            href,
        }
    }
}

pub(super) fn scope_param(scope: Scope) -> String {
    match scope {
        Scope::Institution(id) => format!("institution:{id}"),
        Scope::Network(id) => format!("network:{id}"),
    }
}

pub(super) fn parse_scope(raw: &str) -> Option<Scope> {
    let (kind, id) = raw.split_once(':')?;
    let id = id.parse().ok()?;
    match kind {
        "institution" => Some(Scope::Institution(id)),
        "network" => Some(Scope::Network(id)),
        _ => None,
    }
}

/// The roles this person may hand out within `scope`.
pub(super) fn invitable_roles(p: &Principal, scope: Scope) -> Vec<Role> {
    Role::ALL
        .into_iter()
        .filter(|r| r.fits(scope) && p.can_invite(scope, *r))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Invitations
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
pub(super) struct ScopeQuery {
    pub(super) scope: Option<String>,
}

/// A created invitation, shown once.
pub struct CreatedInvitation {
    pub message: String,
    pub link: String,
}

page_template!(InvitePage, "staff_invite.html" {
    scope: ScopeView,
    action: String,
    fields: Vec<Field>,
    has_errors: bool,
    unplaced: Vec<String>,
    created: Option<CreatedInvitation>,
});

/// The scope an invitation form is for, and the roles this person may give there (403 if none).
pub(super) async fn invitation_scope(
    state: &AppState,
    staff: &SignedIn,
    q: &ScopeQuery,
) -> Result<(Scope, Vec<Role>, (String, LocalizedText)), AppError> {
    let raw = q.scope.as_deref().unwrap_or("");
    let scope = parse_scope(raw).ok_or_else(|| {
        AppError::BadRequest(format!(
            "scope: `{raw}` is not institution:<id> or network:<id>"
        ))
    })?;
    let roles = invitable_roles(&staff.principal, scope);
    if roles.is_empty() {
        return Err(AppError::Forbidden);
    }
    let shown = state.store.read(move |c| load_scope(c, scope)).await?;
    Ok((scope, roles, shown))
}

#[allow(clippy::too_many_arguments)]
pub(super) fn show_invite(
    ctx: PageCtx,
    scope: Scope,
    shown: (String, LocalizedText),
    roles: &[Role],
    fields: &[(String, String)],
    errors: &ValidationErrors,
    created: Option<CreatedInvitation>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let mut b = FormBuilder::new(ctx.tr, fields, errors);
    let email = b
        .input("email", "invite-email", "email")
        .required()
        .autocomplete("off");
    let options = roles
        .iter()
        .map(|r| (r.code().to_owned(), ctx.t(&format!("role-{}", r.code()))))
        .collect();
    let role = b.select("role", "invite-role", options);
    let unplaced = b.unplaced();
    let page = InvitePage {
        head: Head::new(ctx.t("invite-title")),
        scope: ScopeView::new(&ctx, shown),
        action: format!("/invitations/new?scope={}", scope_param(scope)),
        fields: vec![email, role],
        has_errors: !errors.is_empty(),
        unplaced,
        created,
        ctx,
    };
    Ok((status, render(&page)?).into_response())
}

pub(super) async fn invite_form(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Query(q): Query<ScopeQuery>,
) -> Result<Response, AppError> {
    let (scope, roles, shown) = invitation_scope(&state, &staff, &q).await?;
    let none = ValidationErrors::default();
    show_invite(ctx, scope, shown, &roles, &[], &none, None, StatusCode::OK)
}

pub(super) async fn invite(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Query(q): Query<ScopeQuery>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let (scope, roles, shown) = invitation_scope(&state, &staff, &q).await?;
    let mut errors = ValidationErrors::default();
    let email = accounts::normalise_email(value(&fields, "email"))
        .map_err(|e| errors.push(e))
        .ok();
    let role = choice(&fields, "role", Role::from_code, &mut errors);
    let role = role.filter(|r| roles.contains(r));
    if role.is_none() && errors.for_field("role").is_none() {
        errors.push(FieldError::new("role", "invalid-choice"));
    }
    let (Some(email), Some(role), true) = (email, role, errors.is_empty()) else {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return show_invite(ctx, scope, shown, &roles, &fields, &errors, None, status);
    };
    let days = state.config.invitation_days;
    let principal = staff.principal.clone();
    let address = email.clone();
    let made = state
        .write(move |c| {
            let grant = Grant { scope, role };
            accounts::invite(c, &principal, &address, grant, TimeDelta::days(days))
        })
        .await;
    match made {
        Ok(token) => {
            let expires = kolo_store::now() + TimeDelta::days(days);
            let message = ctx.tr.args(
                "invite-created",
                &[("email", email.into()), ("date", utc(&expires).into())],
            );
            let created = CreatedInvitation {
                message,
                link: state.config.absolute(&format!("/invitations/{token}")),
            };
            let none = ValidationErrors::default();
            show_invite(
                ctx,
                scope,
                shown,
                &roles,
                &[],
                &none,
                Some(created),
                StatusCode::OK,
            )
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            show_invite(ctx, scope, shown, &roles, &fields, &errors, None, status)
        }
    }
}

/// An open invitation with what its page shows.
pub(super) struct OpenInvitation {
    pub(super) invitation: accounts::Invitation,
    pub(super) scope_name: LocalizedText,
    /// The invited e-mail already has an account: accepting adds the role to it.
    pub(super) existing: bool,
}

/// The invitation behind a link; `None` when it is unknown, used, expired, or its institution
/// or network is gone.
pub(super) async fn open_invitation(
    state: &AppState,
    token: String,
) -> Result<Option<OpenInvitation>, AppError> {
    let found = state
        .store
        .read(move |c| {
            let invitation = accounts::open_invitation(c, &token)?;
            let (_, scope_name) = load_scope(c, invitation.grant.scope)?;
            let existing = accounts::user_id_by_email(c, &invitation.email)?.is_some();
            Ok(OpenInvitation {
                invitation,
                scope_name,
                existing,
            })
        })
        .await;
    match found {
        Ok(open) => Ok(Some(open)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

page_template!(AcceptPage, "account_accept.html" {
    action: String,
    csrf_token: String,
    // The link does not work: the page says so and shows no form.
    invalid: bool,
    intro: String,
    existing: Option<String>,
    // A failed or throttled password check.
    message: String,
    fields: Vec<Field>,
    has_errors: bool,
    unplaced: Vec<String>,
    submit: String,
});

pub(super) struct AcceptView<'a> {
    pub(super) token: &'a str,
    pub(super) open: Option<&'a OpenInvitation>,
    pub(super) fields: &'a [(String, String)],
    pub(super) errors: &'a ValidationErrors,
    pub(super) message: String,
}

pub(super) fn show_accept(
    ctx: PageCtx,
    jar: CookieJar,
    csrf_token: String,
    view: AcceptView<'_>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let mut b = FormBuilder::new(ctx.tr, view.fields, view.errors);
    let (mut intro, mut existing, mut fields) = (String::new(), None, Vec::new());
    let mut submit = ctx.t("accept-submit");
    if let Some(open) = view.open {
        let inv = &open.invitation;
        let role = ctx.t(&format!("role-{}", inv.grant.role.code()));
        let scope = ctx.pick(&open.scope_name).text.to_owned();
        intro = ctx.tr.args(
            "accept-intro",
            &[("role", role.into()), ("scope", scope.into())],
        );
        fields.push(
            b.input("login", "login-email", "email")
                .readonly(&inv.email)
                .autocomplete("username"),
        );
        if open.existing {
            existing = Some(
                ctx.tr
                    .args("accept-existing", &[("email", inv.email.clone().into())]),
            );
            submit = ctx.t("accept-submit-existing");
            fields.push(
                b.input("password", "login-password", "password")
                    .required()
                    .autocomplete("current-password"),
            );
        } else {
            let name = b.input("display_name", "accept-name", "text");
            fields.push(name.required().autocomplete("name"));
            let password = b.input("password", "accept-password", "password");
            fields.push(password.required().autocomplete("new-password"));
        }
        // A password is never sent back.
        if let Some(p) = fields.iter_mut().find(|f| f.kind == "password") {
            p.value.clear();
        }
    }
    let unplaced = b.unplaced();
    let page = AcceptPage {
        head: Head::new(ctx.t("accept-title")),
        action: format!("/invitations/{}", view.token),
        csrf_token,
        invalid: view.open.is_none(),
        intro,
        existing,
        message: view.message,
        fields,
        has_errors: !view.errors.is_empty(),
        unplaced,
        submit,
        ctx,
    };
    Ok((status, jar, render(&page)?).into_response())
}

pub(super) async fn accept_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let (jar, csrf) = auth::anon_csrf(jar, &state);
    let open = open_invitation(&state, token.clone()).await?;
    let status = if open.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let none = ValidationErrors::default();
    let view = AcceptView {
        token: &token,
        open: open.as_ref(),
        fields: &[],
        errors: &none,
        message: String::new(),
    };
    show_accept(ctx, jar, csrf, view, status)
}

pub(super) async fn accept(
    State(state): State<AppState>,
    ctx: PageCtx,
    jar: CookieJar,
    headers: HeaderMap,
    Path(token): Path<String>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    auth::check_anonymous_form(&headers, &jar, &fields)?;
    let (jar, csrf) = auth::anon_csrf(jar, &state);
    let none = ValidationErrors::default();
    let open = open_invitation(&state, token.clone()).await?;
    let Some(open) = open else {
        let view = AcceptView {
            token: &token,
            open: None,
            fields: &[],
            errors: &none,
            message: String::new(),
        };
        return show_accept(ctx, jar, csrf, view, StatusCode::NOT_FOUND);
    };
    let password = value(&fields, "password").to_owned();
    if open.existing {
        // The role goes to an existing account: only its owner may take it, and the link alone
        // must not sign anyone in as them. The password check is throttled like the login form.
        let (email, p) = (open.invitation.email.clone(), password.clone());
        let outcome = state.write(move |c| sessions::login(c, &email, &p)).await?;
        let refused = match outcome {
            LoginOutcome::LoggedIn(_) => None,
            LoginOutcome::WrongCredentials => Some((StatusCode::UNAUTHORIZED, "login-failed")),
            LoginOutcome::Throttled => Some((StatusCode::TOO_MANY_REQUESTS, "login-throttled")),
        };
        if let Some((status, message)) = refused {
            let view = AcceptView {
                token: &token,
                open: Some(&open),
                fields: &fields,
                errors: &none,
                message: ctx.t(message),
            };
            return show_accept(ctx, jar, csrf, view, status);
        }
    }
    let display_name = value(&fields, "display_name").to_owned();
    let (t, email, verified) = (token.clone(), open.invitation.email.clone(), open.existing);
    let accepted = state
        .write(move |c| {
            // An account made for this e-mail since the page was opened: nobody has shown the
            // password of it, so the link must not sign in as it.
            if !verified && accounts::user_id_by_email(c, &email)?.is_some() {
                return Err(StoreError::Forbidden);
            }
            accounts::accept_invitation(c, &t, &display_name, &password)
        })
        .await;
    match accepted {
        Ok(user_id) => {
            let jar = auth::sign_in(&state, jar, user_id).await?;
            Ok((jar, Redirect::to("/account")).into_response())
        }
        Err(StoreError::NotFound) => {
            let view = AcceptView {
                token: &token,
                open: None,
                fields: &[],
                errors: &none,
                message: String::new(),
            };
            show_accept(ctx, jar, csrf, view, StatusCode::NOT_FOUND)
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let view = AcceptView {
                token: &token,
                open: Some(&open),
                fields: &fields,
                errors: &errors,
                message: String::new(),
            };
            show_accept(ctx, jar, csrf, view, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}
