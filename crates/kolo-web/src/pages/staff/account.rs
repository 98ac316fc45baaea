//! The account page: roles, API tokens.

use super::*;

/// One of the viewer's roles, with what they may do there.
pub struct RoleRow {
    pub role: String,
    pub scope: ScopeView,
    pub edit: Option<(String, String)>,
    pub invite_href: Option<String>,
}

pub struct TokenRow {
    pub id: i64,
    pub label: String,
    pub created: String,
    pub created_iso: String,
    pub revoke_label: String,
}

page_template!(AccountPage, "account_page.html" {
    signed_in_as: String,
    roles: Vec<RoleRow>,
    tokens: Vec<TokenRow>,
    // A token just created: its secret, shown this once.
    new_token: Option<String>,
    token_fields: Vec<Field>,
    has_errors: bool,
    unplaced: Vec<String>,
});

pub(super) async fn show_account(
    state: &AppState,
    ctx: PageCtx,
    staff: &SignedIn,
    new_token: Option<String>,
    fields: &[(String, String)],
    errors: &ValidationErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let p = staff.principal.clone();
    let grants = p.grants.clone();
    let user_id = p.user_id;
    let (scopes, tokens) = state
        .store
        .read(move |c| {
            let mut scopes = Vec::new();
            for g in grants {
                match load_scope(c, g.scope) {
                    Ok(found) => scopes.push((g, found)),
                    // A grant on a deleted record leads nowhere; leave it out.
                    Err(StoreError::NotFound) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok((scopes, sessions::api_tokens_of(c, user_id)?))
        })
        .await?;
    let roles = scopes
        .into_iter()
        .map(|(g, found)| {
            let scope = ScopeView::new(&ctx, found);
            let (may_edit, edit_label) = match g.scope {
                Scope::Institution(id) => (p.can_edit_institution(id), "institution-edit"),
                Scope::Network(id) => (p.can_edit_network(id), "network-edit"),
            };
            RoleRow {
                role: ctx.t(&format!("role-{}", g.role.code())),
                edit: may_edit.then(|| (format!("{}/edit", scope.href), ctx.t(edit_label))),
                invite_href: (!invitable_roles(&p, g.scope).is_empty())
                    .then(|| format!("/invitations/new?scope={}", scope_param(g.scope))),
                scope,
            }
        })
        .collect();
    let tokens = tokens
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            created: utc(&t.created_at),
            created_iso: iso(&t.created_at),
            revoke_label: ctx.tr.args(
                "account-token-revoke-named",
                &[("name", t.label.clone().into())],
            ),
            label: t.label,
        })
        .collect();
    let mut b = FormBuilder::new(ctx.tr, fields, errors);
    let label = b
        .input("label", "account-token-label", "text")
        .required()
        .autocomplete("off");
    let unplaced = b.unplaced();
    let signed_in_as = ctx.tr.args(
        "account-signed-in-as",
        &[
            ("name", p.display_name.clone().into()),
            ("email", p.email.clone().into()),
        ],
    );
    let page = AccountPage {
        head: Head::new(ctx.t("account-title")),
        ctx,
        signed_in_as,
        roles,
        tokens,
        new_token,
        token_fields: vec![label],
        has_errors: !errors.is_empty(),
        unplaced,
    };
    Ok((status, render(&page)?).into_response())
}

pub(super) async fn account(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
) -> Result<Response, AppError> {
    let none = ValidationErrors::default();
    show_account(&state, ctx, &staff, None, &[], &none, StatusCode::OK).await
}

pub(super) async fn to_account(Staff(_): Staff) -> Redirect {
    Redirect::to("/account")
}

pub(super) async fn create_token(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let label = value(&fields, "label").to_owned();
    let user_id = staff.principal.user_id;
    let made = state
        .write(move |c| sessions::create_api_token(c, user_id, &label))
        .await;
    let none = ValidationErrors::default();
    match made {
        Ok(secret) => {
            show_account(
                &state,
                ctx,
                &staff,
                Some(secret),
                &[],
                &none,
                StatusCode::OK,
            )
            .await
        }
        Err(e) => {
            let errors = form_errors(e)?;
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            show_account(&state, ctx, &staff, None, &fields, &errors, status).await
        }
    }
}

pub(super) async fn revoke_token(
    State(state): State<AppState>,
    Staff(staff): Staff,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let user_id = staff.principal.user_id;
    state
        .write(move |c| sessions::revoke_api_token(c, user_id, id))
        .await?;
    Ok(Redirect::to("/account").into_response())
}
