//! Secrets the server itself keeps (signing keys), by name: made at first use and then the same
//! across restarts and for every server on the database.

use crate::schema::server_secrets;
use crate::{DbConnection, StoreError, audit, new_token};
use diesel::prelude::*;

/// The secret called `name`, created now if there is none yet. A write (call in one).
pub fn get_or_create(conn: &mut DbConnection, name: &str) -> Result<String, StoreError> {
    let existing: Option<String> = server_secrets::table
        .find(name)
        .select(server_secrets::value)
        .first(conn)
        .optional()?;
    if let Some(value) = existing {
        return Ok(value);
    }
    let value = new_token();
    diesel::insert_into(server_secrets::table)
        .values((
            server_secrets::name.eq(name),
            server_secrets::value.eq(&value),
        ))
        .execute(conn)?;
    // The name only: the value never leaves this table.
    audit::record(
        conn,
        None,
        "create",
        ("server_secret", None),
        &serde_json::json!({ "name": name }),
    )?;
    Ok(value)
}
