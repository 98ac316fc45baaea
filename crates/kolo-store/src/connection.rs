use crate::error::StoreError;
use diesel::r2d2::{ManageConnection, Pool};
use diesel::{
    Connection, PgConnection, RunQueryDsl, SqliteConnection, connection::SimpleConnection,
};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use std::ffi::{c_char, c_int};
use std::path::PathBuf;
use std::sync::{Arc, Once};
use std::time::Duration;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// One connection to either backend. Queries written against it are checked for both.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

/// Which database engine a URL selects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file (`sqlite://path` or a plain path).
    Sqlite(PathBuf),
    /// A PostgreSQL server (`postgres://` or `postgresql://`).
    Postgres(String),
}

impl Backend {
    pub fn from_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres(url.to_owned())
        } else {
            Backend::Sqlite(PathBuf::from(url.strip_prefix("sqlite://").unwrap_or(url)))
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    fn connect(&self) -> Result<DbConnection, diesel::ConnectionError> {
        match self {
            Backend::Sqlite(path) => {
                plan_sqlite_without_bound_values();
                let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
                // WAL lets CLI commands and backups run beside a serving process; the busy
                // timeout makes concurrent writers wait instead of failing.
                conn.batch_execute(
                    "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; \
                     PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                )
                .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConnection::Sqlite(conn))
            }
            Backend::Postgres(url) => PgConnection::establish(url).map(DbConnection::Postgres),
        }
    }
}

/// Turns on SQLite's query planner stability guarantee for every connection this process opens
/// from now on. Without it SQLite plans `LIMIT ?` for the value bound at the time, so binding a
/// cached statement's limit again (every list query, on every request) expires it, and its next
/// step parses and plans it anew: a fifth of an institution page's CPU went there. Plans lose
/// nothing by ignoring bound values here: Kolo runs no ANALYZE (no STAT4 samples), has no
/// partial indexes, and its one LIKE pattern starts with `%`.
fn plan_sqlite_without_bound_values() {
    static REGISTERED: Once = Once::new();
    REGISTERED.call_once(|| {
        // SAFETY: `enable_qpsg` has the signature SQLite calls auto-extensions with, and it
        // lives as long as the process.
        unsafe { libsqlite3_sys::sqlite3_auto_extension(Some(enable_qpsg)) };
    });
}

unsafe extern "C" fn enable_qpsg(
    db: *mut libsqlite3_sys::sqlite3,
    _error: *mut *mut c_char,
    _api: *const libsqlite3_sys::sqlite3_api_routines,
) -> c_int {
    // SAFETY: `db` is the connection SQLite is opening; this option takes an int (on) and an
    // optional int pointer (null: no answer wanted).
    unsafe {
        libsqlite3_sys::sqlite3_db_config(
            db,
            libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG,
            1 as c_int,
            std::ptr::null_mut::<c_int>(),
        )
    }
}

struct Manager(Backend);

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        self.0
            .connect()
            .map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

/// The database handle the rest of Kolo holds: a pool plus the rules for running work on it.
#[derive(Clone)]
pub struct Store {
    pool: Pool<Manager>,
    backend: Backend,
    /// SQLite allows one writer; taking turns here avoids lock-upgrade failures inside the process.
    write_turn: Arc<tokio::sync::Mutex<()>>,
}

impl Store {
    /// Opens the database at `url`, creating the SQLite file if needed, and applies pending migrations.
    pub fn open(url: &str) -> Result<Store, StoreError> {
        let backend = Backend::from_url(url);
        if let Backend::Sqlite(path) = &backend
            && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::Connection(format!("{}: {e}", dir.display())))?;
        }
        let mut conn = backend
            .connect()
            .map_err(|e| StoreError::Connection(e.to_string()))?;
        run_migrations(&mut conn)?;
        let pool = Pool::builder()
            .max_size(8)
            .connection_timeout(Duration::from_secs(15))
            .build(Manager(backend.clone()))?;
        Ok(Store {
            pool,
            backend,
            write_turn: Arc::new(tokio::sync::Mutex::new(())),
        })
    }

    pub fn backend(&self) -> &Backend {
        &self.backend
    }

    /// Runs read-only work on a pooled connection, off the async threads.
    pub async fn read<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, StoreError> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            work(&mut conn)
        })
        .await
        .map_err(|e| StoreError::Connection(format!("worker thread failed: {e}")))?
    }

    /// Runs work in one transaction: all of it lands or none of it does.
    pub async fn write<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, StoreError> + Send + 'static,
    {
        let _turn = self.write_turn.lock().await;
        self.read(move |conn| conn.transaction(work)).await
    }

    /// Writes a consistent copy of the SQLite database to `target` while others keep using it.
    pub async fn backup_sqlite(&self, target: PathBuf) -> Result<(), StoreError> {
        if !matches!(self.backend, Backend::Sqlite(_)) {
            return Err(StoreError::Connection(
                "online backup is built in for SQLite only; use pg_dump for PostgreSQL".into(),
            ));
        }
        self.read(move |conn| {
            diesel::sql_query("VACUUM INTO ?")
                .bind::<diesel::sql_types::Text, _>(target.to_string_lossy().into_owned())
                .execute(conn)?;
            Ok(())
        })
        .await
    }
}

fn run_migrations(conn: &mut DbConnection) -> Result<(), StoreError> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
        DbConnection::Postgres(c) => c
            .run_pending_migrations(POSTGRES_MIGRATIONS)
            .map(|v| v.len()),
    }
    .map_err(|e| StoreError::Migration(e.to_string()))?;
    if applied > 0 {
        tracing::info!(applied, "database migrations applied");
    }
    Ok(())
}
