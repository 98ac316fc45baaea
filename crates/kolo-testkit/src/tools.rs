//! Outside tools the tests run against Kolo's output (validators we did not write).

use std::path::{Path, PathBuf};

/// The workspace root: the folder with `Cargo.lock` above the package under test. Cargo names
/// that package at run time; the path this crate was compiled at is only the fallback, since
/// checkouts that share a target directory would otherwise use the first one's `.venv`.
pub fn workspace_root() -> PathBuf {
    let package = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    package
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .expect("the package under test is inside a workspace with a Cargo.lock")
        .to_owned()
}

/// An executable installed by `tests/python-requirements.txt` into `<root>/.venv` (as `.ci/run`
/// does), or found on `PATH`. Missing: a failure under `CI=true`, otherwise `SKIPPED` and `None`.
pub fn python_tool(name: &str) -> Option<PathBuf> {
    let venv = workspace_root().join(".venv/bin").join(name);
    if venv.is_file() {
        return Some(venv);
    }
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join(name))
        .find(|p| p.is_file());
    if on_path.is_some() {
        return on_path;
    }
    assert!(
        !crate::in_ci(),
        "{name} not found in .venv/bin or PATH (CI=true: install tests/python-requirements.txt, as .ci/run does)"
    );
    eprintln!(
        "SKIPPED: {name} not installed (python3 -m venv .venv && .venv/bin/pip install -r tests/python-requirements.txt)"
    );
    None
}

/// Checks files with `xmlschema` (a `.xsd` schema, with `imports` loaded for the namespaces it
/// leaves open, such as the records inside an OAI-PMH response) or `jsonschema` (a JSON Schema),
/// through `crates/kolo-testkit/schema_validate.py`, offline; panics with the validator's report
/// when a file is refused. False (after `SKIPPED`) when the validators are missing off CI.
pub fn schema_validate(schema: &Path, imports: &[PathBuf], files: &[PathBuf]) -> bool {
    let Some(python) = python_tool("python") else {
        return false;
    };
    let script = workspace_root().join("crates/kolo-testkit/schema_validate.py");
    let import_args = imports
        .iter()
        .flat_map(|i| [std::ffi::OsStr::new("--import"), i.as_os_str()]);
    let output = std::process::Command::new(&python)
        .arg(script)
        .arg(schema)
        .args(import_args)
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    if output.status.code() == Some(3) {
        assert!(
            !crate::in_ci(),
            "validator missing: {stdout} (CI=true: install tests/python-requirements.txt, as .ci/run does)"
        );
        eprintln!(
            "SKIPPED: validator missing: {stdout} (pip install -r tests/python-requirements.txt)"
        );
        return false;
    }
    assert!(
        output.status.success(),
        "{} refuses what Kolo wrote:\n{stdout}{}",
        schema.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    true
}
