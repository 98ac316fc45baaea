//! Server-side sessions, API tokens and login throttling.

use super::accounts;
use crate::schema::{api_tokens, login_failures, sessions};
use crate::{DbConnection, StoreError, hash_token, new_token, now};
use diesel::prelude::*;
use kolo_domain::Principal;

/// Failed logins allowed per e-mail within `THROTTLE_WINDOW` before further tries are refused.
pub const MAX_FAILURES: i64 = 5;
pub const THROTTLE_WINDOW: chrono::TimeDelta = chrono::TimeDelta::minutes(15);
pub const SESSION_LIFETIME: chrono::TimeDelta = chrono::TimeDelta::days(14);

/// A new session: the cookie value and the CSRF token its forms must carry.
#[derive(Clone, Debug)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
}

#[derive(Debug, PartialEq, Eq)]
pub enum LoginOutcome {
    LoggedIn(i64),
    WrongCredentials,
    /// Too many failures recently; the password was not even checked.
    Throttled,
}

/// Checks credentials with throttling: after `MAX_FAILURES` failures for an e-mail within the
/// window, every try is refused until the window passes.
pub fn login(
    conn: &mut DbConnection,
    email: &str,
    password: &str,
) -> Result<LoginOutcome, StoreError> {
    let email = email.trim().to_lowercase();
    let since = now() - THROTTLE_WINDOW;
    let recent: i64 = login_failures::table
        .filter(login_failures::email.eq(&email))
        .filter(login_failures::at.gt(since))
        .count()
        .get_result(conn)?;
    if recent >= MAX_FAILURES {
        return Ok(LoginOutcome::Throttled);
    }
    match accounts::check_credentials(conn, &email, password)? {
        Some(user_id) => {
            diesel::delete(login_failures::table.filter(login_failures::email.eq(&email)))
                .execute(conn)?;
            Ok(LoginOutcome::LoggedIn(user_id))
        }
        None => {
            diesel::insert_into(login_failures::table)
                .values((
                    login_failures::email.eq(&email),
                    login_failures::at.eq(now()),
                ))
                .execute(conn)?;
            Ok(LoginOutcome::WrongCredentials)
        }
    }
}

pub fn create_session(conn: &mut DbConnection, user_id: i64) -> Result<NewSession, StoreError> {
    let session = NewSession {
        token: new_token(),
        csrf_token: new_token(),
    };
    let created = now();
    diesel::insert_into(sessions::table)
        .values((
            sessions::token_hash.eq(hash_token(&session.token)),
            sessions::user_id.eq(user_id),
            sessions::csrf_token.eq(&session.csrf_token),
            sessions::created_at.eq(created),
            sessions::expires_at.eq(created + SESSION_LIFETIME),
        ))
        .execute(conn)?;
    Ok(session)
}

/// The user behind a session cookie and the session's CSRF token, if the session is live.
pub fn session_principal(
    conn: &mut DbConnection,
    token: &str,
) -> Result<Option<(Principal, String)>, StoreError> {
    let row: Option<(i64, String)> = sessions::table
        .filter(sessions::token_hash.eq(hash_token(token)))
        .filter(sessions::expires_at.gt(now()))
        .select((sessions::user_id, sessions::csrf_token))
        .first(conn)
        .optional()?;
    match row {
        Some((user_id, csrf)) => Ok(Some((accounts::principal(conn, user_id)?, csrf))),
        None => Ok(None),
    }
}

pub fn end_session(conn: &mut DbConnection, token: &str) -> Result<(), StoreError> {
    diesel::delete(sessions::table.filter(sessions::token_hash.eq(hash_token(token))))
        .execute(conn)?;
    Ok(())
}

/// Removes expired sessions and stale login failures.
pub fn sweep(conn: &mut DbConnection) -> Result<usize, StoreError> {
    let n = diesel::delete(sessions::table.filter(sessions::expires_at.le(now()))).execute(conn)?;
    let m = diesel::delete(
        login_failures::table.filter(login_failures::at.le(now() - THROTTLE_WINDOW)),
    )
    .execute(conn)?;
    Ok(n + m)
}

/// A personal API token, shown to its owner once.
pub fn create_api_token(
    conn: &mut DbConnection,
    user_id: i64,
    label: &str,
) -> Result<String, StoreError> {
    let label = label.trim();
    if label.is_empty() || label.chars().count() > 100 {
        let reason = if label.is_empty() {
            "required"
        } else {
            "too-long"
        };
        return Err(kolo_domain::FieldError::new("label", reason)
            .into_errors()
            .into());
    }
    let token = format!("kolo_{}", new_token());
    diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::user_id.eq(user_id),
            api_tokens::token_hash.eq(hash_token(&token)),
            api_tokens::label.eq(label),
            api_tokens::created_at.eq(now()),
        ))
        .execute(conn)?;
    crate::audit::record(
        conn,
        Some(user_id),
        "create-api-token",
        ("user", Some(user_id)),
        &serde_json::json!({ "label": label }),
    )?;
    Ok(token)
}

/// The owner of a bearer token.
pub fn api_token_principal(
    conn: &mut DbConnection,
    token: &str,
) -> Result<Option<Principal>, StoreError> {
    let user: Option<i64> = api_tokens::table
        .filter(api_tokens::token_hash.eq(hash_token(token)))
        .select(api_tokens::user_id)
        .first(conn)
        .optional()?;
    user.map(|id| accounts::principal(conn, id)).transpose()
}

#[derive(Clone, Debug, PartialEq, Queryable)]
pub struct ApiTokenInfo {
    pub id: i64,
    pub label: String,
    pub created_at: chrono::NaiveDateTime,
}

pub fn api_tokens_of(
    conn: &mut DbConnection,
    user_id: i64,
) -> Result<Vec<ApiTokenInfo>, StoreError> {
    Ok(api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .order(api_tokens::id)
        .select((api_tokens::id, api_tokens::label, api_tokens::created_at))
        .load(conn)?)
}

pub fn revoke_api_token(
    conn: &mut DbConnection,
    user_id: i64,
    token_id: i64,
) -> Result<(), StoreError> {
    let n = diesel::delete(
        api_tokens::table
            .filter(api_tokens::id.eq(token_id))
            .filter(api_tokens::user_id.eq(user_id)),
    )
    .execute(conn)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    crate::audit::record(
        conn,
        Some(user_id),
        "revoke-api-token",
        ("user", Some(user_id)),
        &serde_json::json!({ "id": token_id }),
    )?;
    Ok(())
}
