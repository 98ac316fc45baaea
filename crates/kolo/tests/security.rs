//! Security properties, tested from outside: CSRF, login throttling, cookie flags, and that an
//! institution's staff can change only their own institution (forms and API).

mod common;

use common::{browser, client, input_value, sites};
use reqwest::blocking::Client;

const ADMIN_PASSWORD: &str = "a long admin password";

/// Signs in through the login form; returns the client holding the session cookie.
fn sign_in(site: &common::Site, email: &str, password: &str) -> Client {
    let b = browser();
    let form = b.get(site.url("/login")).send().unwrap().text().unwrap();
    let csrf = input_value(&form, "csrf").expect("login form has a CSRF field");
    let res = b
        .post(site.url("/login"))
        .form(&[
            ("email", email),
            ("password", password),
            ("csrf", &csrf),
            ("next", "/account"),
        ])
        .send()
        .unwrap();
    assert_eq!(
        res.status(),
        303,
        "{}: signing in as {email} failed",
        site.backend
    );
    b
}

#[test]
fn forms_without_the_csrf_token_are_refused() {
    let site = sites().remove(0);
    site.kolo(
        &["admin", "create", "--email", "admin@example.org"],
        &format!("{ADMIN_PASSWORD}\n"),
    );
    // A login form posted from another site has no token and no csrf cookie.
    let res = client()
        .post(site.url("/login"))
        .form(&[("email", "admin@example.org"), ("password", ADMIN_PASSWORD)])
        .send()
        .unwrap();
    assert_eq!(res.status(), 403);
    // A signed-in person's browser sends the session cookie along with a forged form.
    let b = sign_in(&site, "admin@example.org", ADMIN_PASSWORD);
    let res = b
        .post(site.url("/logout"))
        .form(&[("csrf", "forged")])
        .send()
        .unwrap();
    assert_eq!(res.status(), 403);
    let page = b.get(site.url("/account")).send().unwrap();
    assert_eq!(
        page.status(),
        200,
        "still signed in: the forged sign-out did nothing"
    );
    // Browsers mark cross-site requests; those are refused even with a token.
    let token = input_value(&page.text().unwrap(), "csrf").unwrap();
    let res = b
        .post(site.url("/logout"))
        .header("Sec-Fetch-Site", "cross-site")
        .form(&[("csrf", token.as_str())])
        .send()
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = b
        .post(site.url("/logout"))
        .form(&[("csrf", token.as_str())])
        .send()
        .unwrap();
    assert_eq!(res.status(), 303, "the real form works");
}

#[test]
fn five_wrong_passwords_block_further_tries() {
    let site = sites().remove(0);
    site.kolo(
        &["admin", "create", "--email", "admin@example.org"],
        &format!("{ADMIN_PASSWORD}\n"),
    );
    let b = browser();
    let csrf = input_value(
        &b.get(site.url("/login")).send().unwrap().text().unwrap(),
        "csrf",
    )
    .unwrap();
    let attempt = |password: &str| {
        b.post(site.url("/login"))
            .form(&[
                ("email", "admin@example.org"),
                ("password", password),
                ("csrf", csrf.as_str()),
            ])
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    for _ in 0..5 {
        assert_eq!(attempt("wrong password"), 401);
    }
    assert_eq!(
        attempt(ADMIN_PASSWORD),
        429,
        "the right password is refused too while blocked"
    );
}

#[test]
fn session_cookies_are_http_only_same_site_and_secure_behind_https() {
    let site = sites().remove(0);
    site.kolo(
        &["admin", "create", "--email", "admin@example.org"],
        &format!("{ADMIN_PASSWORD}\n"),
    );
    let data = tempfile::tempdir().unwrap();
    let https = kolo_testkit::KoloServer::start(
        &common::kolo_bin(),
        data.path(),
        &[],
        &[
            ("KOLO_PUBLIC_URL", "https://kolo.example.org"),
            ("KOLO_LOG", "warn"),
        ],
    )
    .unwrap();
    common::kolo(
        data.path(),
        &[],
        &["admin", "create", "--email", "admin@example.org"],
        &format!("{ADMIN_PASSWORD}\n"),
    );
    for (base, secure) in [
        (site.server.base_url.clone(), false),
        (https.base_url.clone(), true),
    ] {
        let b = browser();
        let form = b
            .get(format!("{base}/login"))
            .send()
            .unwrap()
            .text()
            .unwrap();
        let csrf = input_value(&form, "csrf").unwrap();
        let res = b
            .post(format!("{base}/login"))
            .form(&[
                ("email", "admin@example.org"),
                ("password", ADMIN_PASSWORD),
                ("csrf", &csrf),
            ])
            .send()
            .unwrap();
        let cookie = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|c| c.starts_with("kolo_session="))
            .expect("a session cookie");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        assert_eq!(cookie.contains("Secure"), secure, "{cookie}");
    }
}
