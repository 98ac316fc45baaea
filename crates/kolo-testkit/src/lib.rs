//! Helpers for Kolo's integration tests. Used only as a dev-dependency.
//!
//! - [`shared_dir`] / [`shared_file`]: the read-only test material in `../shared/`.
//! - [`postgres_url`]: a fresh, empty PostgreSQL database, from a throwaway cluster that this
//!   test process starts on first use and that is removed when the process exits.
//! - [`Backend::database_urls`]: the database URLs a backend conformance suite runs against.
//! - [`KoloServer`]: a `kolo serve` child process on a free loopback port.
//!
//! Missing material or a missing PostgreSQL installation makes a test skip (a `SKIPPED: ...`
//! line on stderr) on a developer machine, and fail when the environment variable `CI` is `true`.

mod postgres;
mod server;
mod shared;
mod tools;

pub use postgres::{Backend, postgres_url};
pub use server::KoloServer;
pub use shared::{FRAB_DATASETS, shared_dir, shared_file};
pub use tools::{python_tool, schema_validate, workspace_root};

/// Whether we run in CI (`CI=true`), where anything a test would skip on is a failure instead.
fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| v == "true")
}
