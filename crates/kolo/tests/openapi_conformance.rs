//! The API against its own OpenAPI document, checked by tools we did not write:
//! `openapi-spec-validator` (the document is valid OpenAPI 3) and `schemathesis` (generated
//! requests, valid and invalid, never get a 5xx, undocumented status codes or responses that
//! break the schema), on each backend.

mod common;

use std::process::Command;

#[test]
fn the_openapi_document_is_valid() {
    let Some(validator) = kolo_testkit::python_tool("openapi-spec-validator") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = common::kolo(dir.path(), &[], &["openapi"], "");
    assert!(out.status.success());
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, &out.stdout).unwrap();
    let check = Command::new(validator).arg(&file).output().unwrap();
    assert!(
        check.status.success(),
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn schemathesis_finds_no_failures() {
    let Some(schemathesis) = kolo_testkit::python_tool("schemathesis") else {
        return;
    };
    for site in common::sites() {
        let token = site.admin_token("fuzz@example.org");
        let out = Command::new(&schemathesis)
            .args(["run", &site.url("/api/v1/openapi.json")])
            .args(["--checks", "all"])
            // Rules the schema cannot express (a name in the original language, a known network)
            // legitimately refuse some schema-valid bodies with 422.
            .args(["--exclude-checks", "positive_data_acceptance"])
            .args(["--max-examples", "25", "--seed", "1", "--no-color"])
            .args(["-H", &format!("Authorization: Bearer {token}")])
            .env("SCHEMATHESIS_HOOKS", "")
            .current_dir(site.data.path())
            .output()
            .unwrap();
        let report = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success(),
            "{}: schemathesis found failures:\n{report}",
            site.backend
        );
    }
}
