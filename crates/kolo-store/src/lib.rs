//! Kolo's database.
//!
//! One Diesel query code path serves SQLite and PostgreSQL: [`DbConnection`] is a
//! `MultiConnection` over both, so every query is type-checked once for both backends.
//! Migrations are kept per backend (`migrations/sqlite`, `migrations/postgres`) and applied on
//! open. Repositories are plain functions over `&mut DbConnection`; [`Store`] runs them on the
//! blocking thread pool, inside one transaction for writes. Every write appends to the audit
//! log in the same transaction; the audit log's highest id doubles as the change counter that
//! page caches follow.

pub mod audit;
mod connection;
mod error;
pub mod repo;
pub mod schema;
mod secret;

pub use connection::{Backend, DbConnection, Store};
pub use error::StoreError;
pub use secret::{hash_token, new_token};

/// A stored value with the identity and timestamps the store gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct Record<T> {
    pub id: i64,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub value: T,
}

/// A page of a list: the items, the total across all pages.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
}

/// Which slice of a list to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    pub offset: i64,
    pub limit: i64,
}

impl PageRequest {
    pub const MAX_LIMIT: i64 = 200;

    pub fn new(offset: i64, limit: i64) -> Self {
        PageRequest {
            offset: offset.max(0),
            limit: limit.clamp(1, Self::MAX_LIMIT),
        }
    }
}

/// The current time as stored: UTC, without zone, microsecond precision (both backends keep it).
pub fn now() -> chrono::NaiveDateTime {
    use chrono::{DurationRound, TimeDelta};
    chrono::Utc::now()
        .naive_utc()
        .duration_trunc(TimeDelta::microseconds(1))
        .expect("truncating to microseconds cannot overflow")
}
