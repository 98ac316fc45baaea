use kolo_domain::ValidationErrors;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique value (slug, e-mail) is taken; names the field.
    #[error("{field} is already taken")]
    Taken { field: &'static str },
    #[error("invalid: {0}")]
    Invalid(#[from] ValidationErrors),
    /// The caller lacks the right to do this.
    #[error("forbidden")]
    Forbidden,
    #[error("database error: {0}")]
    Database(#[from] diesel::result::Error),
    #[error("cannot connect to the database: {0}")]
    Connection(String),
    #[error("migration failed: {0}")]
    Migration(String),
    /// A stored value no longer parses: a bug or a hand-edited database.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

impl From<diesel::r2d2::PoolError> for StoreError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        StoreError::Connection(e.to_string())
    }
}

impl StoreError {
    /// What a `Store::write` closure returns to undo its transaction on purpose (a dry run).
    pub fn rollback() -> StoreError {
        StoreError::Database(diesel::result::Error::RollbackTransaction)
    }
}
