//! The edit and "new" pages of institutions and networks, one generic implementation.

use super::*;

/// What the shared record-form handlers need to know about a kind of record.
/// The form side of an editable record; the rest comes from [`EditableRecord`].
pub(super) trait StaffRecord: EditableRecord {
    const NEW_PATH: &'static str;
    const NEW_TITLE: &'static str;
    const EDIT_TITLE: &'static str;
    /// Whether platform administrators set network memberships on this form.
    const MEMBERSHIPS: bool;

    fn to_fields(&self) -> Fields;
    fn parse(
        fields: &[(String, String)],
        fixed_slug: Option<&Slug>,
    ) -> Result<Self, ValidationErrors>;
    fn controls(b: &mut FormBuilder<'_>, fixed_slug: Option<&Slug>) -> Vec<Item>;
    fn memberships(c: &mut DbConnection, id: i64) -> Result<Vec<i64>, StoreError>;
    fn set_memberships(
        c: &mut DbConnection,
        actor: i64,
        id: i64,
        networks: &[i64],
    ) -> Result<(), StoreError>;
}

impl StaffRecord for Institution {
    const NEW_PATH: &'static str = "/admin/institutions/new";
    const NEW_TITLE: &'static str = "new-institution-title";
    const EDIT_TITLE: &'static str = "edit-institution-title";
    const MEMBERSHIPS: bool = true;

    fn to_fields(&self) -> Fields {
        institution_fields(self)
    }
    fn parse(
        fields: &[(String, String)],
        fixed_slug: Option<&Slug>,
    ) -> Result<Self, ValidationErrors> {
        parse_institution(fields, fixed_slug)
    }
    fn controls(b: &mut FormBuilder<'_>, fixed_slug: Option<&Slug>) -> Vec<Item> {
        institution_controls(b, fixed_slug)
    }
    fn memberships(c: &mut DbConnection, id: i64) -> Result<Vec<i64>, StoreError> {
        institutions::network_ids(c, id)
    }
    fn set_memberships(
        c: &mut DbConnection,
        actor: i64,
        id: i64,
        networks: &[i64],
    ) -> Result<(), StoreError> {
        institutions::set_networks(c, Some(actor), id, networks).map(drop)
    }
}

impl StaffRecord for Network {
    const NEW_PATH: &'static str = "/admin/networks/new";
    const NEW_TITLE: &'static str = "new-network-title";
    const EDIT_TITLE: &'static str = "edit-network-title";
    const MEMBERSHIPS: bool = false;

    fn to_fields(&self) -> Fields {
        network_fields(self)
    }
    fn parse(
        fields: &[(String, String)],
        fixed_slug: Option<&Slug>,
    ) -> Result<Self, ValidationErrors> {
        parse_network(fields, fixed_slug)
    }
    fn controls(b: &mut FormBuilder<'_>, fixed_slug: Option<&Slug>) -> Vec<Item> {
        network_controls(b, fixed_slug)
    }
    fn memberships(_: &mut DbConnection, _: i64) -> Result<Vec<i64>, StoreError> {
        Ok(Vec::new())
    }
    fn set_memberships(_: &mut DbConnection, _: i64, _: i64, _: &[i64]) -> Result<(), StoreError> {
        Ok(())
    }
}

/// Whether this viewer's saves of this kind of record set network memberships.
pub(super) fn sets_memberships<T: StaffRecord>(p: &Principal) -> bool {
    T::MEMBERSHIPS && p.platform_admin
}

/// A network checkbox.
pub struct NetworkChoice {
    pub id: i64,
    pub name: String,
    pub lang: Option<String>,
    pub checked: bool,
}

page_template!(RecordFormPage, "staff_record_form.html" {
    heading: String,
    action: String,
    cancel_href: String,
    has_errors: bool,
    unplaced: Vec<String>,
    items: Vec<Item>,
    networks: Option<Vec<NetworkChoice>>,
    networks_error: Option<String>,
});

/// Which record form: a new record, or an existing one (its id and stored slug).
pub(super) struct FormPlan {
    pub(super) heading: String,
    pub(super) action: String,
    pub(super) cancel_href: String,
    pub(super) existing: Option<(i64, Slug)>,
}

pub(super) fn new_plan<T: StaffRecord>(ctx: &PageCtx) -> FormPlan {
    FormPlan {
        heading: ctx.t(T::NEW_TITLE),
        action: T::NEW_PATH.to_owned(),
        cancel_href: "/account".to_owned(),
        existing: None,
    }
}

pub(super) fn edit_plan<T: StaffRecord>(ctx: &PageCtx, record: &Record<T>) -> FormPlan {
    let name = ctx.pick(record.value.name()).text.to_owned();
    let slug = record.value.slug();
    FormPlan {
        heading: ctx.tr.args(T::EDIT_TITLE, &[("name", name.into())]),
        action: format!("/{}/{slug}/edit", T::PATH),
        cancel_href: format!("/{}/{slug}", T::PATH),
        existing: Some((record.id, slug.clone())),
    }
}

/// Every network, in name order.
pub(super) async fn all_networks(state: &AppState) -> Result<Vec<Record<Network>>, AppError> {
    Ok(state
        .store
        .read(|c| {
            let mut all = Vec::new();
            loop {
                let page = networks::list(
                    c,
                    PageRequest::new(all.len() as i64, PageRequest::MAX_LIMIT),
                )?;
                let got = page.items.len();
                all.extend(page.items);
                if got == 0 || all.len() as i64 >= page.total {
                    return Ok(all);
                }
            }
        })
        .await?)
}

pub(super) async fn show_record_form<T: StaffRecord>(
    state: &AppState,
    ctx: PageCtx,
    principal: &Principal,
    plan: FormPlan,
    fields: &[(String, String)],
    errors: &ValidationErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let all = if sets_memberships::<T>(principal) {
        all_networks(state).await?
    } else {
        Vec::new()
    };
    let mut b = FormBuilder::new(ctx.tr, fields, errors);
    let items = T::controls(&mut b, plan.existing.as_ref().map(|(_, s)| s));
    let networks_error = sets_memberships::<T>(principal)
        .then(|| b.place("networks"))
        .flatten();
    let ticked: Vec<&str> = values(fields, "networks").collect();
    let networks = (!all.is_empty()).then(|| {
        all.iter()
            .map(|n| {
                let shown = ctx.pick(&n.value.name);
                NetworkChoice {
                    id: n.id,
                    name: shown.text.to_owned(),
                    lang: shown.lang.map(str::to_owned),
                    checked: ticked.contains(&n.id.to_string().as_str()),
                }
            })
            .collect()
    });
    let unplaced = b.unplaced();
    let page = RecordFormPage {
        head: Head::new(plan.heading.clone()),
        ctx,
        heading: plan.heading,
        action: plan.action,
        cancel_href: plan.cancel_href,
        has_errors: !errors.is_empty(),
        unplaced,
        items,
        networks,
        networks_error,
    };
    Ok((status, render(&page)?).into_response())
}

/// The record behind an edit form, if this viewer may edit it.
pub(super) async fn load_editable<T: StaffRecord>(
    state: &AppState,
    staff: &SignedIn,
    slug: String,
) -> Result<Record<T>, AppError> {
    let record = state.store.read(move |c| T::load(c, &slug)).await?;
    if !T::may_edit(&staff.principal, record.id) {
        return Err(AppError::Forbidden);
    }
    Ok(record)
}

pub(super) async fn edit_form<T: StaffRecord>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let record = load_editable::<T>(&state, &staff, slug).await?;
    let mut fields = record.value.to_fields();
    if sets_memberships::<T>(&staff.principal) {
        let id = record.id;
        let ids = state.store.read(move |c| T::memberships(c, id)).await?;
        fields.extend(ids.iter().map(|id| ("networks".to_owned(), id.to_string())));
    }
    let plan = edit_plan(&ctx, &record);
    let no_errors = ValidationErrors::default();
    show_record_form::<T>(
        &state,
        ctx,
        &staff.principal,
        plan,
        &fields,
        &no_errors,
        StatusCode::OK,
    )
    .await
}

pub(super) async fn edit_save<T: StaffRecord>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    let record = load_editable::<T>(&state, &staff, slug).await?;
    let plan = edit_plan(&ctx, &record);
    save::<T>(state, ctx, staff, plan, fields).await
}

pub(super) async fn new_form<T: StaffRecord>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
) -> Result<Response, AppError> {
    require_platform_admin(&staff)?;
    let fields = vec![(
        "original_lang".to_owned(),
        default_original_lang(ctx.lang).to_owned(),
    )];
    let plan = new_plan::<T>(&ctx);
    let no_errors = ValidationErrors::default();
    show_record_form::<T>(
        &state,
        ctx,
        &staff.principal,
        plan,
        &fields,
        &no_errors,
        StatusCode::OK,
    )
    .await
}

pub(super) async fn new_save<T: StaffRecord>(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    check_staff_form(&headers, &staff, &fields)?;
    require_platform_admin(&staff)?;
    let plan = new_plan::<T>(&ctx);
    save::<T>(state, ctx, staff, plan, fields).await
}

/// Parses a record form and, if all is well, writes it (and the memberships the viewer sets)
/// in one transaction; otherwise shows the form again with every problem.
pub(super) async fn save<T: StaffRecord>(
    state: AppState,
    ctx: PageCtx,
    staff: SignedIn,
    plan: FormPlan,
    fields: Fields,
) -> Result<Response, AppError> {
    let principal = &staff.principal;
    let memberships = sets_memberships::<T>(principal);
    let mut errors = ValidationErrors::default();
    let value = T::parse(&fields, plan.existing.as_ref().map(|(_, s)| s))
        .map_err(|e| errors.errors.extend(e.errors))
        .ok();
    let networks = if memberships {
        parse_network_ids(&fields).map_err(|e| errors.push(e)).ok()
    } else {
        None
    };
    let value = match value {
        Some(v) if errors.is_empty() => v,
        _ => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return show_record_form::<T>(&state, ctx, principal, plan, &fields, &errors, status)
                .await;
        }
    };
    let target = format!("/{}/{}", T::PATH, value.slug());
    let user = principal.clone();
    let existing = plan.existing.as_ref().map(|(_, slug)| slug.to_string());
    let written = state
        .write(move |c| {
            let id = match &existing {
                Some(slug) => records::update(c, &user, slug, &value)?,
                None => records::create(c, &user, &value)?,
            };
            if let Some(ids) = networks {
                T::set_memberships(c, user.user_id, id, &ids)?;
            }
            Ok(())
        })
        .await;
    match written {
        Ok(()) => Ok(Redirect::to(&target).into_response()),
        Err(e) => {
            let errors = form_errors(e)?;
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            show_record_form::<T>(&state, ctx, principal, plan, &fields, &errors, status).await
        }
    }
}
