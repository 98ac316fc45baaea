//! Users, their grants, passwords and invitations. There is no self sign-up: accounts come from
//! the `kolo admin create` command or from accepting an invitation.

use super::unique_as_taken;
use crate::schema::{grants, invitations, users};
use crate::{DbConnection, StoreError, audit, hash_token, new_token, now};
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use diesel::prelude::*;
use kolo_domain::access::Grant;
use kolo_domain::{FieldError, Principal, Role, Scope, ValidationErrors};

pub const MIN_PASSWORD: usize = 10;
pub const MAX_PASSWORD: usize = 1000;

/// Lower-cases and checks an e-mail address used as a login.
pub fn normalise_email(raw: &str) -> Result<String, FieldError> {
    let email = raw.trim().to_lowercase();
    let contacts = kolo_domain::institution::Contacts {
        email: Some(email.clone()),
        ..Default::default()
    };
    let mut errors = ValidationErrors::default();
    contacts.check(&mut errors);
    if email.is_empty() {
        return Err(FieldError::new("email", "required"));
    }
    match errors.errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(email),
    }
}

fn check_password(password: &str) -> Result<(), FieldError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD {
        Err(FieldError::new("password", "too-short").with_limit(MIN_PASSWORD))
    } else if n > MAX_PASSWORD {
        Err(FieldError::new("password", "too-long").with_limit(MAX_PASSWORD))
    } else {
        Ok(())
    }
}

/// argon2id with the crate's recommended parameters, and a fresh salt.
fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 accepts any password")
        .to_string()
}

fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// Creates a user. Errors name the field (`email`, `password`, `display_name`).
pub fn create_user(
    conn: &mut DbConnection,
    actor: Option<i64>,
    email: &str,
    display_name: &str,
    password: &str,
    platform_admin: bool,
) -> Result<i64, StoreError> {
    let mut errors = ValidationErrors::default();
    let email = normalise_email(email).map_err(|e| errors.push(e)).ok();
    let display_name = display_name.trim();
    if display_name.is_empty() {
        errors.push(FieldError::new("display_name", "required"));
    } else if display_name.chars().count() > 200 {
        errors.push(FieldError::new("display_name", "too-long").with_limit(200));
    }
    if let Err(e) = check_password(password) {
        errors.push(e);
    }
    let email = errors.into_result(email)?.expect("checked above");
    diesel::insert_into(users::table)
        .values((
            users::email.eq(&email),
            users::display_name.eq(display_name),
            users::password_hash.eq(hash_password(password)),
            users::platform_admin.eq(platform_admin),
            users::created_at.eq(now()),
        ))
        .execute(conn)
        .map_err(|e| unique_as_taken(e, "email"))?;
    let id = users::table
        .filter(users::email.eq(&email))
        .select(users::id)
        .first(conn)?;
    let detail = serde_json::json!({ "email": email, "platform_admin": platform_admin });
    audit::record(
        conn,
        actor.or(Some(id)),
        "create",
        ("user", Some(id)),
        &detail,
    )?;
    Ok(id)
}

pub fn user_id_by_email(conn: &mut DbConnection, email: &str) -> Result<Option<i64>, StoreError> {
    Ok(users::table
        .filter(users::email.eq(email.trim().to_lowercase()))
        .select(users::id)
        .first(conn)
        .optional()?)
}

pub fn set_password(
    conn: &mut DbConnection,
    user_id: i64,
    password: &str,
) -> Result<(), StoreError> {
    check_password(password).map_err(FieldError::into_errors)?;
    diesel::update(users::table.find(user_id))
        .set(users::password_hash.eq(hash_password(password)))
        .execute(conn)?;
    audit::record(
        conn,
        Some(user_id),
        "set-password",
        ("user", Some(user_id)),
        &serde_json::Value::Null,
    )?;
    Ok(())
}

/// The user's id when the password matches. The caller throttles (see `sessions::login`).
pub fn check_credentials(
    conn: &mut DbConnection,
    email: &str,
    password: &str,
) -> Result<Option<i64>, StoreError> {
    let row: Option<(i64, String)> = users::table
        .filter(users::email.eq(email.trim().to_lowercase()))
        .select((users::id, users::password_hash))
        .first(conn)
        .optional()?;
    Ok(match row {
        Some((id, hash)) if verify_password(password, &hash) => Some(id),
        Some(_) => None,
        None => {
            // Spend the same time as a real check, so response time does not reveal which e-mails exist.
            verify_password(password, &hash_password("timing equaliser"));
            None
        }
    })
}

fn scope_parts(scope: Scope) -> (&'static str, i64) {
    match scope {
        Scope::Institution(id) => ("institution", id),
        Scope::Network(id) => ("network", id),
    }
}

fn scope_from_parts(kind: &str, id: i64) -> Result<Scope, StoreError> {
    match kind {
        "institution" => Ok(Scope::Institution(id)),
        "network" => Ok(Scope::Network(id)),
        other => Err(StoreError::Corrupt(format!("scope kind {other}"))),
    }
}

pub fn grant(
    conn: &mut DbConnection,
    actor: Option<i64>,
    user_id: i64,
    g: Grant,
) -> Result<(), StoreError> {
    let (kind, scope_id) = scope_parts(g.scope);
    let exists: i64 = grants::table
        .filter(grants::user_id.eq(user_id))
        .filter(grants::scope_kind.eq(kind))
        .filter(grants::scope_id.eq(scope_id))
        .filter(grants::role.eq(g.role.code()))
        .count()
        .get_result(conn)?;
    if exists == 0 {
        diesel::insert_into(grants::table)
            .values((
                grants::user_id.eq(user_id),
                grants::scope_kind.eq(kind),
                grants::scope_id.eq(scope_id),
                grants::role.eq(g.role.code()),
            ))
            .execute(conn)?;
        audit::record(
            conn,
            actor,
            "grant",
            ("user", Some(user_id)),
            &serde_json::to_value(g).unwrap_or_default(),
        )?;
    }
    Ok(())
}

pub fn principal(conn: &mut DbConnection, user_id: i64) -> Result<Principal, StoreError> {
    let (email, display_name, platform_admin): (String, String, bool) = users::table
        .find(user_id)
        .select((users::email, users::display_name, users::platform_admin))
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?;
    let rows: Vec<(String, i64, String)> = grants::table
        .filter(grants::user_id.eq(user_id))
        .select((grants::scope_kind, grants::scope_id, grants::role))
        .load(conn)?;
    let grants = rows
        .into_iter()
        .map(|(kind, id, role)| {
            Ok(Grant {
                scope: scope_from_parts(&kind, id)?,
                role: Role::from_code(&role)
                    .ok_or_else(|| StoreError::Corrupt(format!("role {role}")))?,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(Principal {
        user_id,
        email,
        display_name,
        platform_admin,
        grants,
    })
}

/// An open invitation, as shown to the person who follows its link.
#[derive(Clone, Debug, PartialEq)]
pub struct Invitation {
    pub id: i64,
    pub email: String,
    pub grant: Grant,
    pub expires_at: chrono::NaiveDateTime,
}

/// Invites `email` to `grant`, if `inviter` may. Returns the secret for the link (stored hashed).
pub fn invite(
    conn: &mut DbConnection,
    inviter: &Principal,
    email: &str,
    g: Grant,
    valid_for: chrono::TimeDelta,
) -> Result<String, StoreError> {
    if !inviter.can_invite(g.scope, g.role) {
        return Err(StoreError::Forbidden);
    }
    let email = normalise_email(email).map_err(FieldError::into_errors)?;
    let token = new_token();
    let (kind, scope_id) = scope_parts(g.scope);
    let created = now();
    diesel::insert_into(invitations::table)
        .values((
            invitations::token_hash.eq(hash_token(&token)),
            invitations::email.eq(&email),
            invitations::scope_kind.eq(kind),
            invitations::scope_id.eq(scope_id),
            invitations::role.eq(g.role.code()),
            invitations::invited_by.eq(inviter.user_id),
            invitations::created_at.eq(created),
            invitations::expires_at.eq(created + valid_for),
        ))
        .execute(conn)?;
    let detail = serde_json::json!({ "email": email, "grant": g });
    audit::record(
        conn,
        Some(inviter.user_id),
        "invite",
        (kind, Some(scope_id)),
        &detail,
    )?;
    Ok(token)
}

/// The invitation behind a link, if it is unused and unexpired.
pub fn open_invitation(conn: &mut DbConnection, token: &str) -> Result<Invitation, StoreError> {
    let row: (i64, String, String, i64, String, chrono::NaiveDateTime) = invitations::table
        .filter(invitations::token_hash.eq(hash_token(token)))
        .filter(invitations::accepted_at.is_null())
        .filter(invitations::expires_at.gt(now()))
        .select((
            invitations::id,
            invitations::email,
            invitations::scope_kind,
            invitations::scope_id,
            invitations::role,
            invitations::expires_at,
        ))
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?;
    let (id, email, kind, scope_id, role, expires_at) = row;
    let role = Role::from_code(&role).ok_or_else(|| StoreError::Corrupt(format!("role {role}")))?;
    Ok(Invitation {
        id,
        email,
        grant: Grant {
            scope: scope_from_parts(&kind, scope_id)?,
            role,
        },
        expires_at,
    })
}

/// Accepts an invitation: creates the account (or reuses an existing one for that e-mail) and
/// grants the role. The link stops working.
pub fn accept_invitation(
    conn: &mut DbConnection,
    token: &str,
    display_name: &str,
    password: &str,
) -> Result<i64, StoreError> {
    let inv = open_invitation(conn, token)?;
    let user_id = match user_id_by_email(conn, &inv.email)? {
        Some(id) => id,
        None => create_user(conn, None, &inv.email, display_name, password, false)?,
    };
    grant(conn, Some(user_id), user_id, inv.grant)?;
    diesel::update(invitations::table.find(inv.id))
        .set(invitations::accepted_at.eq(now()))
        .execute(conn)?;
    Ok(user_id)
}
