//! The editing flow in a real browser: an editor invited over HTTP changes a museum's
//! description through the web form, in headless Chromium, with accessibility checks by
//! axe-core on every page (tests/browser/edit-flow.mjs does the browser part).
//!
//! Needs Debian's Chromium (/usr/bin/chromium), Node.js and `npm ci` in tests/browser. Without
//! them the test is skipped (`SKIPPED: ...` on stderr), unless `CI=true`, where it fails.

mod common;

use common::{accept_invitation, institution_id, invite, kolo, kolo_bin, sign_in};
use kolo_testkit::KoloServer;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const ADMIN_EMAIL: &str = "admin@example.org";
const ADMIN_PASSWORD: &str = "a long admin password";
const EDITOR_EMAIL: &str = "editor@novopskov.example.org";
const EDITOR_PASSWORD: &str = "an editor's long password";
/// The script stops itself after 120 s; this is the backstop.
const SCRIPT_TIMEOUT: Duration = Duration::from_secs(180);

fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| v == "true")
}

/// In the checkout running the test (not the one that compiled it: checkouts may share a
/// target folder).
fn browser_dir() -> PathBuf {
    kolo_testkit::workspace_root()
        .join("tests/browser")
        .canonicalize()
        .expect("tests/browser exists")
}

/// What the browser test needs that is not Rust, or why it cannot run.
fn missing_prerequisite() -> Option<String> {
    if !Path::new(CHROMIUM).exists() {
        return Some(format!("{CHROMIUM} not found (apt-get install chromium)"));
    }
    let node = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !node.is_ok_and(|s| s.success()) {
        return Some("node not found (apt-get install nodejs npm)".into());
    }
    let modules = browser_dir().join("node_modules");
    for package in ["playwright-core", "axe-core"] {
        if !modules.join(package).join("package.json").exists() {
            return Some(format!(
                "{} has no {package} (run `npm ci` in tests/browser)",
                modules.display()
            ));
        }
    }
    None
}

/// Makes `EDITOR_EMAIL` an editor of the Novopskov museum the way people do it: a platform
/// admin signs in, invites them from the staff pages, and they accept the link.
fn invite_editor(server: &KoloServer, data: &Path) {
    let out = kolo(
        data,
        &[],
        &["admin", "create", "--email", ADMIN_EMAIL],
        &format!("{ADMIN_PASSWORD}\n"),
    );
    assert!(
        out.status.success(),
        "admin create failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let admin = sign_in(&server.base_url, ADMIN_EMAIL, ADMIN_PASSWORD);
    let id = institution_id(&server.base_url, "novopskov-museum");
    let link = invite(
        &admin,
        &server.base_url,
        &format!("institution:{id}"),
        EDITOR_EMAIL,
        "editor",
    );
    accept_invitation(&server.base_url, &link, "Novopskov Editor", EDITOR_PASSWORD);
}

/// Runs the browser script, with a backstop timeout, and returns (success, stdout, stderr).
fn run_script(base_url: &str, out_dir: &Path) -> (bool, String, String) {
    let dir = browser_dir();
    let stdout_path = out_dir.join("edit-flow.stdout.log");
    let stderr_path = out_dir.join("edit-flow.stderr.log");
    let mut child = Command::new("node")
        .arg(dir.join("edit-flow.mjs"))
        .args([base_url, EDITOR_EMAIL, EDITOR_PASSWORD])
        .arg(out_dir)
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).unwrap())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .expect("node runs");
    let deadline = Instant::now() + SCRIPT_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
    let mut stderr = read(&stderr_path);
    if status.is_none() {
        stderr.push_str(&format!(
            "\n(killed after {} s)\n",
            SCRIPT_TIMEOUT.as_secs()
        ));
    }
    (
        status.is_some_and(|s| s.success()),
        read(&stdout_path),
        stderr,
    )
}

#[test]
fn an_invited_editor_changes_a_description_in_a_real_browser() {
    if let Some(missing) = missing_prerequisite() {
        if in_ci() {
            panic!("the browser test cannot run, and CI requires it: {missing}");
        }
        eprintln!("SKIPPED: browser test: {missing}");
        return;
    }
    let started = Instant::now();
    let data = tempfile::tempdir().unwrap();
    let server = KoloServer::start(
        &kolo_bin(),
        data.path(),
        &["--demo"],
        &[("KOLO_LOG", "warn")],
    )
    .unwrap_or_else(|e| panic!("server did not start: {e:#}"));
    invite_editor(&server, data.path());

    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    let _ = std::fs::remove_dir_all(&out_dir);
    std::fs::create_dir_all(&out_dir).unwrap();
    let (ok, stdout, stderr) = run_script(&server.base_url, &out_dir);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        ok,
        "tests/browser/edit-flow.mjs failed (output above; screenshots in {})",
        out_dir.display()
    );
    eprintln!(
        "browser test passed in {:.1} s; screenshots and axe-report.json are in {}",
        started.elapsed().as_secs_f64(),
        out_dir.display()
    );
}
