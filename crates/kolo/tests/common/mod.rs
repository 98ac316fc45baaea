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
    /// `KOLO_DATABASE_URL` for PostgreSQL (none for SQLite: the data folder's file) and the
    /// extra settings of [`sites_with`], for commands and restarts.
    env: Vec<(String, String)>,
}

/// One demo site per backend: SQLite always, PostgreSQL when available (required in CI).
pub fn sites() -> Vec<Site> {
    sites_with(&[])
}

/// [`sites`] with extra `KOLO_*` settings for the server.
pub fn sites_with(extra: &[(&str, &str)]) -> Vec<Site> {
    let mut out = vec![site("sqlite", vec![], extra)];
    if let Some(url) = kolo_testkit::postgres_url() {
        out.push(site(
            "postgres",
            vec![("KOLO_DATABASE_URL".into(), url)],
            extra,
        ));
    }
    out
}

fn site(backend: &'static str, mut env: Vec<(String, String)>, extra: &[(&str, &str)]) -> Site {
    let data = tempfile::tempdir().unwrap();
    env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let server = serve(backend, data.path(), &["--demo"], &env);
    Site {
        backend,
        server,
        data,
        env,
    }
}

fn serve(backend: &str, data: &Path, args: &[&str], env: &[(String, String)]) -> KoloServer {
    let mut envs = vec![("KOLO_LOG", "warn")];
    envs.extend(env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    KoloServer::start(&kolo_bin(), data, args, &envs)
        .unwrap_or_else(|e| panic!("{backend}: server did not start: {e:#}"))
}

impl Site {
    pub fn url(&self, path: &str) -> String {
        self.server.url(path)
    }

    /// The site's database, opened beside the server (to look at what a request left behind).
    pub fn store(&self) -> kolo_store::Store {
        let url = match self.env.iter().find(|(k, _)| k == "KOLO_DATABASE_URL") {
            Some((_, url)) => url.clone(),
            None => format!(
                "sqlite://{}",
                self.data.path().join("kolo.sqlite3").display()
            ),
        };
        kolo_store::Store::open(&url).unwrap_or_else(|e| panic!("{}: {e}", self.backend))
    }

    /// Replaces the server with a new process on the same data and database (without
    /// `--demo`); the old one is stopped once the new one listens.
    pub fn restart(&mut self) {
        self.server = serve(self.backend, self.data.path(), &[], &self.env);
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

    /// The database the server uses, for checks the HTTP interface cannot make (tombstones).
    pub fn database_url(&self) -> String {
        self.env
            .iter()
            .find(|(k, _)| k == "KOLO_DATABASE_URL")
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| {
                format!(
                    "sqlite://{}",
                    self.data.path().join("kolo.sqlite3").display()
                )
            })
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

/// A loopback port nothing listens on (right after this returns).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
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

/// The `name="..." value="..."` pairs of a page's hidden inputs, to post a form back as is.
pub fn hidden_inputs(html: &str) -> Vec<(String, String)> {
    html.match_indices("<input")
        .filter_map(|(start, _)| {
            let tag = &html[start..start + html[start..].find('>')?];
            if !tag.contains("type=\"hidden\"") {
                return None;
            }
            let attr = |name: &str| {
                let marker = format!(" {name}=\"");
                let from = tag.find(&marker)? + marker.len();
                Some(tag[from..from + tag[from..].find('"')?].to_owned())
            };
            Some((attr("name")?, attr("value").unwrap_or_default()))
        })
        .collect()
}

/// The `action` of the form that has a field `field`.
pub fn form_action(html: &str, field: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{field}\""))?;
    let form = html[..at].rfind("<form")?;
    let tag = &html[form..form + html[form..].find('>')?];
    let from = tag.find(" action=\"")? + 9;
    Some(tag[from..from + tag[from..].find('"')?].replace("&amp;", "&"))
}

/// The first `/invitations/<token>` link in a page (tokens are 43 URL-safe base64 characters).
pub fn invitation_link(html: &str) -> Option<String> {
    html.match_indices("/invitations/").find_map(|(i, m)| {
        let token: String = html[i + m.len()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        (token.len() >= 32).then(|| format!("/invitations/{token}"))
    })
}

pub fn location(res: &reqwest::blocking::Response) -> Option<String> {
    res.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Signs in through the login form, as a browser does; the client keeps the session cookie.
pub fn sign_in(base: &str, email: &str, password: &str) -> reqwest::blocking::Client {
    let b = browser();
    let form = b
        .get(format!("{base}/login"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    let csrf = input_value(&form, "csrf").expect("the sign-in form has a csrf field");
    let res = b
        .post(format!("{base}/login"))
        .form(&[
            ("email", email),
            ("password", password),
            ("csrf", csrf.as_str()),
            ("next", "/account"),
        ])
        .send()
        .unwrap();
    assert_eq!(
        res.status().as_u16(),
        303,
        "signing in as {email}: {}",
        res.text().unwrap_or_default()
    );
    b
}

/// The platform administrator `admin@example.org`, created with `kolo admin create` and signed in.
pub fn admin_web(site: &Site) -> reqwest::blocking::Client {
    let password = "a long admin password";
    site.kolo(
        &["admin", "create", "--email", "admin@example.org"],
        &format!("{password}\n"),
    );
    sign_in(&site.server.base_url, "admin@example.org", password)
}

/// An editor of `institution`, invited by `admin` through the staff form and signed in.
pub fn editor(
    admin: &reqwest::blocking::Client,
    base: &str,
    institution: &str,
    email: &str,
) -> reqwest::blocking::Client {
    let scope = format!("institution:{}", institution_id(base, institution));
    let link = invite(admin, base, &scope, email, "editor");
    accept_invitation(base, &link, "Editor", "an editor's long password")
}

/// The `id` of an institution, from the API.
pub fn institution_id(base: &str, slug: &str) -> i64 {
    let v: serde_json::Value = client()
        .get(format!("{base}/api/v1/institutions/{slug}"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    v["id"]
        .as_i64()
        .expect("the API gives the institution's id")
}

/// Invites `email` to `role` in `scope` (`institution:ID`, `network:ID`) through the staff form;
/// returns the invitation link.
pub fn invite(
    inviter: &reqwest::blocking::Client,
    base: &str,
    scope: &str,
    email: &str,
    role: &str,
) -> String {
    let new_path = format!("/invitations/new?scope={scope}");
    let res = inviter.get(format!("{base}{new_path}")).send().unwrap();
    assert_eq!(res.status().as_u16(), 200, "GET {new_path}");
    let form = res.text().unwrap();
    let action = form_action(&form, "email")
        .unwrap_or_else(|| panic!("{new_path} has no form with an email field"));
    let mut fields = hidden_inputs(&form);
    fields.retain(|(k, _)| k != "email" && k != "role");
    fields.push(("email".into(), email.into()));
    fields.push(("role".into(), role.into()));
    let res = inviter
        .post(format!("{base}{action}"))
        .form(&fields)
        .send()
        .unwrap();
    let status = res.status().as_u16();
    let page = res.text().unwrap();
    assert!(status < 400, "POST {action} answered {status}:\n{page}");
    invitation_link(&page)
        .unwrap_or_else(|| panic!("no invitation link after POST {action}:\n{page}"))
}

/// Accepts an invitation as a new person; returns their signed-in client.
pub fn accept_invitation(
    base: &str,
    link: &str,
    name: &str,
    password: &str,
) -> reqwest::blocking::Client {
    let invitee = browser();
    let res = invitee.get(format!("{base}{link}")).send().unwrap();
    assert_eq!(res.status().as_u16(), 200, "GET {link}");
    let page = res.text().unwrap();
    let action = form_action(&page, "password").unwrap_or_else(|| link.to_owned());
    let mut fields = hidden_inputs(&page);
    fields.retain(|(k, _)| k != "display_name" && k != "password");
    fields.push(("display_name".into(), name.into()));
    fields.push(("password".into(), password.into()));
    let res = invitee
        .post(format!("{base}{action}"))
        .form(&fields)
        .send()
        .unwrap();
    assert_eq!(
        res.status().as_u16(),
        303,
        "accepting {link}: {}",
        res.text().unwrap_or_default()
    );
    invitee
}

/// The JSON of an API record (`/api/v1/...`), without the fields the server generates, ready
/// to send back in a PUT or POST.
pub fn editable_json(base: &str, api_path: &str) -> serde_json::Value {
    let mut v: serde_json::Value = client()
        .get(format!("{base}{api_path}"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let obj = v.as_object_mut().expect("an API record is an object");
    for generated in ["id", "url", "networks", "members", "updated_at"] {
        obj.remove(generated);
    }
    v
}

/// The page's JSON-LD block, parsed.
pub fn jsonld(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("the page has JSON-LD") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("the JSON-LD parses")
}

/// The Atom feed at `path` as `feedparser` reads it: `{bozo, version, title, n, links}`, after
/// checking it is served as Atom. `None` (SKIPPED) when feedparser is not installed, off CI.
pub fn feedparser(site: &Site, path: &str) -> Option<serde_json::Value> {
    let python = kolo_testkit::python_tool("python")?;
    let res = client().get(site.url(path)).send().unwrap();
    assert_eq!(res.status(), 200, "{}: {path}", site.backend);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml"),
        "{}: {path}",
        site.backend
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("feed.atom");
    std::fs::write(&file, res.bytes().unwrap()).unwrap();
    let script = "import feedparser, json, sys\n\
        f = feedparser.parse(sys.argv[1])\n\
        print(json.dumps({'bozo': f.bozo, 'version': f.version, 'n': len(f.entries),\n\
          'links': [e.link for e in f.entries], 'title': f.feed.title}))";
    let out = Command::new(python)
        .args(["-c", script])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let parsed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(parsed["bozo"], false, "{}: {path}: {parsed}", site.backend);
    assert_eq!(parsed["version"], "atom10", "{}: {path}", site.backend);
    Some(parsed)
}

/// A GET without cookies: the status and the body.
pub fn get(base: &str, path: &str) -> (u16, String) {
    let res = client().get(format!("{base}{path}")).send().unwrap();
    (res.status().as_u16(), res.text().unwrap())
}

/// A JSON PUT with an API token: the status and the answer (null if it is not JSON).
pub fn put(
    base: &str,
    token: &str,
    path: &str,
    body: &serde_json::Value,
) -> (u16, serde_json::Value) {
    let res = client()
        .put(format!("{base}{path}"))
        .bearer_auth(token)
        .json(body)
        .send()
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().unwrap_or(serde_json::Value::Null))
}
