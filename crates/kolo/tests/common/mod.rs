//! Black-box helpers: start the real `kolo` binary on a loopback port, on SQLite and on
//! PostgreSQL, and talk HTTP to it.
#![allow(dead_code)] // each test binary uses its own subset

use kolo_testkit::KoloServer;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

pub fn kolo_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kolo"))
}

/// A running Kolo with the demo network, and the data folder and database it uses.
pub struct Site {
    pub backend: &'static str,
    pub server: KoloServer,
    pub data: TempDir,
    /// `KOLO_DATABASE_URL` for PostgreSQL; empty for SQLite (the data folder's file).
    env: Vec<(String, String)>,
}

/// One demo site per backend: SQLite always, PostgreSQL when available (required in CI).
pub fn sites() -> Vec<Site> {
    let mut out = vec![site("sqlite", vec![])];
    if let Some(url) = kolo_testkit::postgres_url() {
        out.push(site("postgres", vec![("KOLO_DATABASE_URL".into(), url)]));
    }
    out
}

fn site(backend: &'static str, env: Vec<(String, String)>) -> Site {
    let data = tempfile::tempdir().unwrap();
    let mut envs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    envs.push(("KOLO_LOG", "warn"));
    let server = KoloServer::start(&kolo_bin(), data.path(), &["--demo"], &envs)
        .unwrap_or_else(|e| panic!("{backend}: server did not start: {e:#}"));
    Site {
        backend,
        server,
        data,
        env,
    }
}

impl Site {
    pub fn url(&self, path: &str) -> String {
        self.server.url(path)
    }

    /// Runs a `kolo` command against this site's data, feeding `stdin`.
    pub fn kolo(&self, args: &[&str], stdin: &str) -> Output {
        kolo(self.data.path(), &self.env, args, stdin)
    }

    /// Creates an account with `kolo admin create` (platform admin) and returns an API token for it.
    pub fn admin_token(&self, email: &str) -> String {
        let out = self.kolo(
            &["admin", "create", "--email", email],
            "a long admin password\n",
        );
        assert!(
            out.status.success(),
            "{}: admin create failed: {}",
            self.backend,
            String::from_utf8_lossy(&out.stderr)
        );
        self.token_for(email)
    }

    pub fn token_for(&self, email: &str) -> String {
        let out = self.kolo(&["admin", "token", "--email", email], "");
        assert!(
            out.status.success(),
            "{}: admin token failed: {}",
            self.backend,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }
}

pub fn kolo(data: &Path, env: &[(String, String)], args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(kolo_bin())
        .args(args)
        .arg("--data")
        .arg(data)
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("kolo runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// A client that keeps cookies, like a browser, and does not follow redirects (tests look at them).
pub fn browser() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The value of `<input ... name="NAME" value="...">` in a page.
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')?;
    Some(html[start..start + end].to_owned())
}
