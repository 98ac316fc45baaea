//! Throwaway PostgreSQL databases: one cluster per test process, one fresh database per call.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use url::Url;

/// The server fresh databases are created in; `None` when PostgreSQL is not installed.
static SERVER: OnceLock<Option<Server>> = OnceLock::new();
static NEXT_DATABASE: AtomicU32 = AtomicU32::new(0);

/// The URL (`postgres://...`) of a fresh, empty database, or `None` (test skipped) when
/// PostgreSQL is not installed.
///
/// The server is `$KOLO_TEST_POSTGRES_URL` if set (databases are created in it). Otherwise the
/// first call starts a throwaway cluster for this test process from the PostgreSQL server
/// binaries (`initdb` in `PATH`, else the newest `/usr/lib/postgresql/*/bin`), listening on a
/// free loopback port; it is stopped and deleted when the process exits. Without the binaries
/// this prints `SKIPPED: PostgreSQL not installed` to stderr and returns `None`, or panics when
/// `CI=true`.
pub fn postgres_url() -> Option<String> {
    let Some(server) = SERVER.get_or_init(Server::find) else {
        eprintln!("SKIPPED: PostgreSQL not installed");
        return None;
    };
    let name = format!(
        "kolo_test_{}_{}",
        std::process::id(),
        NEXT_DATABASE.fetch_add(1, Ordering::Relaxed)
    );
    Some(server.create_database(&name))
}

/// The database backends Kolo supports, for conformance suites that must pass on each.
pub struct Backend;

impl Backend {
    /// The databases a conformance test runs against, as `(backend name, database URL)`.
    ///
    /// Always `("sqlite", "sqlite://<dir>/kolo.sqlite3")` (nothing is created: the code under
    /// test creates the file), then `("postgres", <fresh empty database>)` when [`postgres_url`]
    /// gives one. A test iterates over it and runs its whole body once per backend, naming the
    /// backend in its assertion messages:
    ///
    /// ```no_run
    /// let dir = tempfile::tempdir().unwrap();
    /// for (backend, url) in kolo_testkit::Backend::database_urls(dir.path()) {
    ///     // open the store at `url`, run the checks, and say `{backend}` when one fails
    ///     # let _ = (backend, url);
    /// }
    /// ```
    pub fn database_urls(dir: &Path) -> Vec<(&'static str, String)> {
        let mut urls = vec![("sqlite", format!("sqlite://{}/kolo.sqlite3", dir.display()))];
        urls.extend(postgres_url().map(|url| ("postgres", url)));
        urls
    }
}

struct Server {
    /// An existing database on the server, to connect to for `CREATE DATABASE`.
    admin_url: Url,
    psql: PathBuf,
    /// For our own cluster: the write end of the watchdog's stdin, never closed while this
    /// process lives. When the process exits the watchdog reads EOF and removes the cluster.
    _watchdog: Option<ChildStdin>,
}

impl Server {
    fn find() -> Option<Server> {
        if let Some(url) = std::env::var_os("KOLO_TEST_POSTGRES_URL") {
            let url = url.to_string_lossy();
            let admin_url = Url::parse(&url)
                .unwrap_or_else(|e| panic!("KOLO_TEST_POSTGRES_URL={url} is not a URL: {e}"));
            let psql = find_client("psql")
                .expect("KOLO_TEST_POSTGRES_URL is set but psql was not found in PATH or /usr/lib/postgresql/*/bin");
            return Some(Server {
                admin_url,
                psql,
                _watchdog: None,
            });
        }
        let Some(bin) = find_server_bin_dir() else {
            if crate::in_ci() {
                panic!(
                    "PostgreSQL server binaries not found; CI requires them (looked for initdb in PATH and /usr/lib/postgresql/*/bin)"
                );
            }
            return None;
        };
        Some(start_cluster(&bin).unwrap_or_else(|e| panic!("starting a PostgreSQL cluster: {e}")))
    }

    fn create_database(&self, name: &str) -> String {
        let mut psql = Command::new(&self.psql);
        psql.args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d"])
            .arg(self.admin_url.as_str())
            .arg("-c")
            .arg(format!("CREATE DATABASE \"{name}\""))
            .env("PGCONNECT_TIMEOUT", "10");
        run(&mut psql).unwrap_or_else(|e| panic!("creating database {name}: {e}"));
        let mut url = self.admin_url.clone();
        url.set_path(&format!("/{name}"));
        url.into()
    }
}

/// Starts a cluster in a new temporary folder, with a watchdog that stops and deletes it once
/// this process has exited.
fn start_cluster(bin: &Path) -> Result<Server, String> {
    // initdb and postgres refuse to run as root: run them as the `postgres` system user.
    // SAFETY: geteuid has no preconditions and cannot fail.
    let as_postgres = unsafe { libc::geteuid() } == 0;
    let base = tempfile::Builder::new()
        .prefix(&format!("kolo-pg-{}-", std::process::id()))
        .tempdir()
        .map_err(|e| format!("creating a temporary folder: {e}"))?
        .keep();
    let watchdog = spawn_watchdog(&bin.join("pg_ctl"), &base, as_postgres)?;
    if as_postgres {
        run(Command::new("chown").arg("postgres:").arg(&base))?;
    }

    let data = base.join("data");
    let initdb = |locale: &str| {
        run(pg_command(&bin.join("initdb"), as_postgres, &base)
            .arg("-D")
            .arg(&data)
            .args(["-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"])
            .arg(format!("--locale={locale}")))
    };
    if initdb("C.UTF-8").is_err() {
        // initdb removes what it created, but make sure the retry starts from nothing.
        let _ = std::fs::remove_dir_all(&data);
        initdb("C")?;
    }

    // The port is free when we look; retry in the unlikely case something takes it meanwhile.
    let log = base.join("postgres.log");
    let mut attempt = 1;
    let port = loop {
        let port = free_port().map_err(|e| format!("finding a free port: {e}"))?;
        let options = format!(
            "-k '{}' -p {port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            base.display()
        );
        let started = run(pg_command(&bin.join("pg_ctl"), as_postgres, &base)
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(&log)
            .args(["-w", "-t", "60", "-o", &options, "start"])
            // Its own process group, so a Ctrl-C aimed at the tests leaves it to the watchdog.
            .process_group(0));
        match started {
            Ok(()) => break port,
            Err(e) if attempt == 3 => {
                let log = std::fs::read_to_string(&log).unwrap_or_default();
                return Err(format!("{e}\nserver log:\n{log}"));
            }
            Err(_) => attempt += 1,
        }
    };

    let admin_url =
        Url::parse(&format!("postgres://postgres@127.0.0.1:{port}/postgres")).expect("a valid URL");
    Ok(Server {
        admin_url,
        psql: bin.join("psql"),
        _watchdog: Some(watchdog),
    })
}

/// Starts `sh`, detached, that waits for EOF on its stdin (this process has exited: the write
/// end is closed, whatever way the process ended), then stops the cluster under `base` and
/// deletes `base`.
fn spawn_watchdog(pg_ctl: &Path, base: &Path, as_postgres: bool) -> Result<ChildStdin, String> {
    const SCRIPT: &str = r#"base=$1; shift
cat >/dev/null
"$@" -D "$base/data" -m immediate stop >/dev/null 2>&1
rm -rf "$base""#;
    let mut sh = Command::new("sh");
    sh.arg("-c").arg(SCRIPT).arg("kolo-pg-watchdog").arg(base);
    if as_postgres {
        sh.arg(runuser()).args(["-u", "postgres", "--"]);
    }
    let mut child = sh
        .arg(pg_ctl)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("starting the cluster's watchdog (sh): {e}"))?;
    Ok(child.stdin.take().expect("stdin is piped"))
}

/// `runuser`, named in full where Debian puts it, as `PATH` may lack `/usr/sbin`.
fn runuser() -> &'static str {
    const DEBIAN: &str = "/usr/sbin/runuser";
    if Path::new(DEBIAN).exists() {
        DEBIAN
    } else {
        "runuser"
    }
}

/// `program`, run as the `postgres` user when `as_postgres`, in `dir` (a folder it can read).
fn pg_command(program: &Path, as_postgres: bool, dir: &Path) -> Command {
    let mut cmd = if as_postgres {
        let mut cmd = Command::new(runuser());
        cmd.args(["-u", "postgres", "--"]).arg(program);
        cmd
    } else {
        Command::new(program)
    };
    cmd.current_dir(dir);
    cmd
}

/// Runs `cmd` to completion; on failure the error carries the command and its output.
fn run(cmd: &mut Command) -> Result<(), String> {
    let output = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("running {cmd:?}: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "{cmd:?} failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ))
}

fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// The folder holding `initdb`, `pg_ctl` and `psql`: where the `initdb` found in `PATH` really
/// lives (Debian links some binaries into `PATH`), else the newest `/usr/lib/postgresql/*/bin`.
fn find_server_bin_dir() -> Option<PathBuf> {
    let complete = |dir: &Path| {
        ["initdb", "pg_ctl", "psql"]
            .iter()
            .all(|t| dir.join(t).is_file())
    };
    let in_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .filter_map(|dir| std::fs::canonicalize(dir.join("initdb")).ok())
            .filter_map(|initdb| initdb.parent().map(Path::to_path_buf))
            .find(|dir| complete(dir))
    });
    in_path.or_else(|| newest_versioned_bin_dir("initdb").filter(|dir| complete(dir)))
}

/// The path of a client program (`psql`): in `PATH`, else the newest `/usr/lib/postgresql/*/bin`.
fn find_client(tool: &str) -> Option<PathBuf> {
    let in_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(tool))
            .find(|p| p.is_file())
    });
    in_path.or_else(|| newest_versioned_bin_dir(tool).map(|dir| dir.join(tool)))
}

/// The `/usr/lib/postgresql/<version>/bin` with the highest version that has `tool`.
fn newest_versioned_bin_dir(tool: &str) -> Option<PathBuf> {
    std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version: Vec<u32> = entry
                .file_name()
                .to_str()?
                .split('.')
                .map(str::parse)
                .collect::<Result<_, _>>()
                .ok()?;
            let bin = entry.path().join("bin");
            bin.join(tool).is_file().then_some((version, bin))
        })
        .max()
        .map(|(_, bin)| bin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn psql(url: &str, sql: &str) -> String {
        let Some(Some(server)) = SERVER.get() else {
            panic!("no server after postgres_url() returned a URL");
        };
        let out = Command::new(&server.psql)
            .args([
                "-X",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                url,
                "-c",
                sql,
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "psql: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }

    #[test]
    fn gives_fresh_empty_databases() {
        let Some(a) = postgres_url() else { return };
        let b = postgres_url().expect("a second database");
        assert_ne!(a, b);
        for url in [&a, &b] {
            assert!(url.starts_with("postgres://"), "{url}");
        }
        assert_eq!(psql(&a, "select 1"), "1");
        psql(&a, "create table t (x int)");
        let tables = "select count(*) from pg_tables where schemaname = 'public'";
        assert_eq!(psql(&a, tables), "1");
        assert_eq!(psql(&b, tables), "0", "{b} is not empty");
    }

    #[test]
    fn database_urls_has_sqlite_then_postgres_when_available() {
        let dir = Path::new("/tmp/kolo-example");
        let urls = Backend::database_urls(dir);
        assert_eq!(
            urls[0],
            (
                "sqlite",
                "sqlite:///tmp/kolo-example/kolo.sqlite3".to_owned()
            )
        );
        assert!(!dir.exists(), "database_urls created something");
        let has_postgres = matches!(SERVER.get(), Some(Some(_)));
        assert_eq!(urls.len(), 1 + usize::from(has_postgres));
        if has_postgres {
            assert_eq!(urls[1].0, "postgres");
            assert_eq!(psql(&urls[1].1, "select 1"), "1");
        }
    }
}
