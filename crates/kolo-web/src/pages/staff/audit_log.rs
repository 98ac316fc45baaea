//! The audit log, for platform administrators.

use super::*;

pub(super) const AUDIT_PER_PAGE: i64 = 50;

#[derive(Deserialize)]
pub(super) struct PageQuery {
    pub(super) page: Option<String>,
}

pub struct AuditRow {
    pub when: String,
    pub when_iso: String,
    pub who: String,
    pub action: String,
    pub entity: String,
    pub detail: String,
}

page_template!(AuditPage, "staff_audit.html" {
    rows: Vec<AuditRow>,
    pager: Pager,
});

pub(super) async fn audit_log(
    State(state): State<AppState>,
    Staff(staff): Staff,
    ctx: PageCtx,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    require_platform_admin(&staff)?;
    let page: i64 = match q.page.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => p
            .parse()
            .ok()
            .filter(|p| (1..=i64::from(i32::MAX)).contains(p))
            .ok_or_else(|| AppError::BadRequest(format!("page: `{p}` is not a page number")))?,
        None => 1,
    };
    let request = PageRequest::new((page - 1) * AUDIT_PER_PAGE, AUDIT_PER_PAGE);
    let (entries, people) = state
        .store
        .read(move |c| {
            let entries = audit::list(c, None, request)?;
            let mut ids: Vec<i64> = entries.items.iter().filter_map(|e| e.user_id).collect();
            ids.sort_unstable();
            ids.dedup();
            let mut people = std::collections::HashMap::new();
            for id in ids {
                match accounts::principal(c, id) {
                    Ok(p) => {
                        people.insert(id, format!("{} <{}>", p.display_name, p.email));
                    }
                    Err(StoreError::NotFound) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok((entries, people))
        })
        .await?;
    let pages = ((entries.total + AUDIT_PER_PAGE - 1) / AUDIT_PER_PAGE).max(1);
    let system = ctx.t("audit-system");
    let rows = entries
        .items
        .into_iter()
        .map(|e| AuditRow {
            when: utc(&e.at),
            when_iso: iso(&e.at),
            who: match e.user_id {
                Some(id) => people.get(&id).cloned().unwrap_or_else(|| format!("#{id}")),
                None => system.clone(),
            },
            entity: match e.entity_id {
                Some(id) => format!("{} #{id}", e.entity_kind),
                None => e.entity_kind,
            },
            detail: serde_json::from_str::<serde_json::Value>(&e.detail)
                .ok()
                .and_then(|v| serde_json::to_string_pretty(&v).ok())
                .unwrap_or(e.detail),
            action: e.action,
        })
        .collect();
    let pager = Pager::new(&ctx.tr, page, pages, |p| format!("/admin/audit?page={p}"));
    let page_view = AuditPage {
        head: Head::new(ctx.t("audit-title")),
        ctx,
        rows,
        pager,
    };
    render(&page_view)
}
