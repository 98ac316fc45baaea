//! Images through the real binary on each backend: uploads through the API (limits, formats,
//! rights, nothing stored on refusal), the IIIF Image API checked by the official validator
//! (`iiif-validator`, with its own test image from `../shared/standards/iiif/`), EXIF
//! orientation and GPS stripping (test images made and inspected with Pillow), tile bursts
//! that never decode the master (counters on `/metrics`), and S3 storage on a real
//! S3-compatible server (moto) on loopback.

mod common;

use common::{Site, admin_web, client, editor, free_port, sites, sites_with};
use reqwest::blocking::multipart::{Form, Part};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ADMIN: &str = "admin@example.org";
/// A demo museum that uploads.
const MUSEUM: &str = "lviv-folk-architecture-museum";
/// The validator's image: 1000×1000, ten by ten coloured squares it checks by position.
const VALIDATOR_IMAGE: &str = "standards/iiif/67352ccc-d1b0-11e1-89ae-279075081939.png";

fn upload_as(
    site: &Site,
    token: &str,
    institution: Option<&str>,
    name: &str,
    bytes: Vec<u8>,
) -> (u16, Value) {
    let mut form = Form::new().part("file", Part::bytes(bytes).file_name(name.to_owned()));
    if let Some(slug) = institution {
        form = form.text("institution", slug.to_owned());
    }
    let res = client()
        .post(site.url("/api/v1/media"))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().unwrap_or(Value::Null))
}

/// Uploads as the platform administrator to [`MUSEUM`]; returns the new image's id.
fn upload(site: &Site, token: &str, name: &str, bytes: Vec<u8>) -> String {
    let (status, body) = upload_as(site, token, Some(MUSEUM), name, bytes);
    assert_eq!(status, 201, "{}: uploading {name}: {body}", site.backend);
    body["id"].as_str().unwrap().to_owned()
}

/// Starts an upload announcing `length` bytes and sends only the first few, as a client
/// waiting for the server's word would: a refusal must come before the body is read.
fn announce_upload(site: &Site, token: &str, length: usize) -> (u16, Value) {
    use std::io::{Read, Write};
    let addr = site.server.base_url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "POST /api/v1/media HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: multipart/form-data; boundary=b\r\nContent-Length: {length}\r\n\
         Connection: close\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; \
         filename=\"huge.png\"\r\n\r\n"
    )
    .unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

fn get_bytes(site: &Site, path: &str) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let res = client().get(site.url(path)).send().unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, headers, res.bytes().unwrap().to_vec())
}

/// Runs `crates/kolo/tests/media_images.py` (Pillow); `None` (SKIPPED) without the venv off CI.
fn pillow(args: &[&str]) -> Option<String> {
    let python = kolo_testkit::python_tool("python")?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/media_images.py");
    let out = Command::new(python)
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "media_images.py {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

fn inspect(bytes: &[u8]) -> Value {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), bytes).unwrap();
    let out = pillow(&["inspect", file.path().to_str().unwrap()]).expect("Pillow was found before");
    serde_json::from_str(&out).unwrap()
}

/// Colours equal but for lossy compression (the validator's tolerance).
fn near(got: [u8; 3], want: [u8; 3]) -> bool {
    got.iter().zip(want).all(|(a, e)| a.abs_diff(e) < 6)
}

/// Every file under `dir`.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(files_under(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

fn media_rows(site: &Site) -> i64 {
    let store = site.store();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(store.read(kolo_store::repo::media::count))
        .unwrap()
}

/// A counter's value on `/metrics` (0 before it is first touched).
fn counter(site: &Site, name: &str) -> u64 {
    let text = client()
        .get(site.url("/metrics"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
        .unwrap_or(0)
}

#[test]
fn the_official_validator_passes_at_level_2() {
    let Some(image) = kolo_testkit::shared_file(VALIDATOR_IMAGE) else {
        return;
    };
    let Some(validator) = kolo_testkit::python_tool("iiif-validate.py") else {
        return;
    };
    let python = kolo_testkit::python_tool("python").expect("the venv has python");
    for site in sites() {
        let b = site.backend;
        let token = site.admin_token(ADMIN);
        let id = upload(
            &site,
            &token,
            "validator.png",
            std::fs::read(&image).unwrap(),
        );

        let (status, headers, body) = get_bytes(&site, &format!("/iiif/3/{id}/info.json"));
        assert_eq!(status, 200, "{b}");
        assert_eq!(headers["access-control-allow-origin"], "*", "{b}");
        let info: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(info["profile"], "level2", "{b}");
        assert_eq!(info["id"], site.url(&format!("/iiif/3/{id}")), "{b}");
        assert_eq!(
            (info["width"].as_u64(), info["height"].as_u64()),
            (Some(1000), Some(1000))
        );
        let ld = client()
            .get(site.url(&format!("/iiif/3/{id}/info.json")))
            .header("accept", "application/ld+json")
            .send()
            .unwrap();
        assert_eq!(
            ld.headers()["content-type"],
            "application/ld+json;profile=\"http://iiif.io/api/image/3/context.json\"",
            "{b}"
        );
        let res = client()
            .get(site.url(&format!("/iiif/3/{id}")))
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 303, "{b}");
        assert_eq!(
            common::location(&res).unwrap(),
            format!("/iiif/3/{id}/info.json")
        );
        let (status, headers, _) =
            get_bytes(&site, &format!("/iiif/3/{id}/full/max/0/default.jpg"));
        assert_eq!(status, 200, "{b}");
        assert!(
            headers["cache-control"]
                .to_str()
                .unwrap()
                .contains("max-age=31536000"),
            "{b}"
        );
        for bad in [
            "full/max/45/default.jpg",
            "full/full/0/default.jpg",
            "0,0,0,0/max/0/default.jpg",
            "full/2000,/0/default.jpg",
            "full/max/0/default.gif",
            "1000,1000,5,5/max/0/default.jpg",
        ] {
            let (status, _, _) = get_bytes(&site, &format!("/iiif/3/{id}/{bad}"));
            assert_eq!(status, 400, "{b}: {bad}");
        }

        let server = site.server.base_url.trim_start_matches("http://");
        let out = Command::new(&python)
            .arg(&validator)
            .args([
                "-s",
                server,
                "-p",
                "iiif/3",
                "-i",
                &id,
                "--version=3.0",
                "--level",
                "2",
            ])
            .output()
            .unwrap();
        let report = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success(),
            "{b}: iiif-validator refuses Kolo:\n{report}"
        );
        assert!(
            report.contains("failures)") && report.contains(", 0 failures)"),
            "{b}: {report}"
        );
        let passed = report.matches(" PASS").count();
        assert!(passed >= 30, "{b}: only {passed} tests ran:\n{report}");
    }
}

#[test]
fn refused_uploads_store_nothing() {
    let Some(_) = kolo_testkit::python_tool("python") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.png");
    pillow(&["bomb", bomb.to_str().unwrap(), "50000", "50000"]).unwrap();
    let bomb = std::fs::read(&bomb).unwrap();
    assert!(
        bomb.len() < 1_000_000,
        "the bomb is small: {} bytes",
        bomb.len()
    );
    let limit = "2000000";
    for site in sites_with(&[("KOLO_MEDIA_MAX_BYTES", limit)]) {
        // The demo's placeholder pictures are there from the start.
        let (demo_rows, demo_files) = (
            media_rows(&site),
            files_under(&site.data.path().join("media")),
        );
        let b = site.backend;
        let token = site.admin_token(ADMIN);

        let (status, body) = upload_as(&site, &token, Some(MUSEUM), "bomb.png", bomb.clone());
        assert_eq!(status, 422, "{b}: {body}");
        assert_eq!(body["errors"][0]["field"], "file", "{b}: {body}");
        assert_eq!(
            body["errors"][0]["reason"], "too-many-pixels",
            "{b}: {body}"
        );
        assert_eq!(body["errors"][0]["limit"], 100_000_000, "{b}: {body}");

        let (status, body) = upload_as(
            &site,
            &token,
            Some(MUSEUM),
            "notes.png",
            b"not an image at all".to_vec(),
        );
        assert_eq!(
            (status, &body["errors"][0]["reason"]),
            (422, &Value::from("unsupported-format")),
            "{b}: {body}"
        );
        let valid = std::fs::read(kolo_testkit::shared_file(VALIDATOR_IMAGE).unwrap()).unwrap();
        let mut truncated = valid.clone();
        truncated.truncate(2000);
        let (status, body) = upload_as(&site, &token, Some(MUSEUM), "cut.png", truncated);
        assert_eq!(
            (status, &body["errors"][0]["reason"]),
            (422, &Value::from("undecodable")),
            "{b}: {body}"
        );

        // A good image whose row the database refuses: its stored tiles are removed again.
        let long_name = format!("{}.png", "x".repeat(300));
        let (status, body) = upload_as(&site, &token, Some(MUSEUM), &long_name, valid);
        assert_eq!(status, 422, "{b}: {body}");
        assert_eq!(
            (&body["errors"][0]["field"], &body["errors"][0]["reason"]),
            (&Value::from("filename"), &Value::from("too-long")),
            "{b}: {body}"
        );

        let (status, body) = announce_upload(&site, &token, 3_000_000);
        assert_eq!(status, 413, "{b}: {body}");
        assert!(
            body["error"].as_str().unwrap().contains(limit),
            "{b}: {body}"
        );
        assert_eq!(body["errors"][0]["reason"], "too-large", "{b}: {body}");

        let (status, body) =
            upload_as(&site, &token, Some("no-such-museum"), "x.png", bomb.clone());
        assert_eq!(
            (status, &body["errors"][0]["field"]),
            (422, &Value::from("institution")),
            "{b}: {body}"
        );
        let (status, _) = upload_as(&site, "not-a-token", Some(MUSEUM), "x.png", b"x".to_vec());
        assert_eq!(status, 401, "{b}");

        // An editor of another museum may not upload to this one.
        let admin = admin_web(&site);
        let base = &site.server.base_url;
        editor(
            &admin,
            base,
            "lviv-museum-of-the-history-of-religion",
            "other@example.org",
        );
        let other = site.token_for("other@example.org");
        let (status, body) = upload_as(&site, &other, Some(MUSEUM), "x.png", bomb.clone());
        assert_eq!(status, 403, "{b}: {body}");

        assert_eq!(media_rows(&site), demo_rows, "{b}: no row");
        let stored = files_under(&site.data.path().join("media"));
        assert_eq!(stored, demo_files, "{b}: nothing stored");
    }
}

#[test]
fn orientation_is_applied_and_location_never_served() {
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("photo.jpg");
    if pillow(&["exif", photo.to_str().unwrap()]).is_none() {
        return;
    }
    let photo = std::fs::read(&photo).unwrap();
    assert_eq!(inspect(&photo)["gps"], true, "the upload has a position");
    for site in sites() {
        let demo_rows = media_rows(&site);
        let b = site.backend;
        let token = site.admin_token(ADMIN);
        let id = upload(&site, &token, "photo.jpg", photo.clone());
        let meta: Value = client()
            .get(site.url(&format!("/api/v1/media/{id}")))
            .send()
            .unwrap()
            .json()
            .unwrap();
        assert_eq!(
            (meta["width"].as_i64(), meta["height"].as_i64()),
            (Some(200), Some(300)),
            "{b}: upright: {meta}"
        );
        assert_eq!(
            (meta["mime"].as_str(), meta["institution"].as_str()),
            (Some("image/jpeg"), Some(MUSEUM)),
            "{b}"
        );
        assert_eq!(meta["filename"], "photo.jpg", "{b}");

        for format in ["jpg", "png", "webp"] {
            let (status, headers, body) =
                get_bytes(&site, &format!("/iiif/3/{id}/full/max/0/default.{format}"));
            assert_eq!(status, 200, "{b}: {format}");
            assert!(
                headers["content-type"]
                    .to_str()
                    .unwrap()
                    .starts_with("image/"),
                "{b}"
            );
            let seen = inspect(&body);
            assert_eq!(
                seen["size"],
                serde_json::json!([200, 300]),
                "{b}: {format}: {seen}"
            );
            assert_eq!(
                (&seen["gps"], &seen["exif"]),
                (&Value::Bool(false), &Value::Bool(false)),
                "{b}: {format}: {seen}"
            );
            if format == "png" {
                // The red corner was top left as stored; turned a quarter clockwise it is top right.
                let img = image::load_from_memory(&body).unwrap().into_rgb8();
                assert!(
                    near(img.get_pixel(195, 5).0, [255, 0, 0]),
                    "{b}: {:?}",
                    img.get_pixel(195, 5)
                );
                assert!(
                    near(img.get_pixel(5, 5).0, [0, 0, 255]),
                    "{b}: {:?}",
                    img.get_pixel(5, 5)
                );
            }
        }
        // The master keeps what was uploaded, position included, and stays private.
        let master = std::fs::read(site.data.path().join("media/masters").join(&id)).unwrap();
        assert_eq!(master, photo, "{b}");
        assert_eq!(media_rows(&site), demo_rows + 1, "{b}");
    }
}

#[test]
fn a_burst_of_tile_requests_never_decodes_the_master() {
    let Some(image) = kolo_testkit::shared_file(VALIDATOR_IMAGE) else {
        return;
    };
    for site in sites() {
        let b = site.backend;
        let token = site.admin_token(ADMIN);
        let id = upload(
            &site,
            &token,
            "validator.png",
            std::fs::read(&image).unwrap(),
        );
        let decodes = counter(&site, "kolo_media_master_decodes_total");
        assert_eq!(decodes, 1, "{b}: the upload decoded it once");
        let tiles = [
            "0,0,512,512/512,/0/default.jpg",
            "512,0,488,512/488,/0/default.jpg",
            "0,512,512,488/512,/0/default.jpg",
            "512,512,488,488/488,/0/default.jpg",
            "full/500,/0/default.jpg",
        ];
        let renders = counter(&site, "kolo_media_renders_total");
        std::thread::scope(|s| {
            for n in 0..40 {
                let (site, id) = (&site, &id);
                let tile = tiles[n % tiles.len()];
                s.spawn(move || {
                    let (status, _, body) = get_bytes(site, &format!("/iiif/3/{id}/{tile}"));
                    assert_eq!(status, 200, "{tile}");
                    assert!(body.starts_with(&[0xFF, 0xD8]), "a JPEG");
                });
            }
        });
        assert_eq!(
            counter(&site, "kolo_media_master_decodes_total"),
            decodes,
            "{b}"
        );
        assert_eq!(
            counter(&site, "kolo_media_renders_total") - renders,
            tiles.len() as u64,
            "{b}: each answer rendered once, then served from the cache"
        );
        // Level 0 has four tiles, level 1 one: each decoded once at most.
        assert!(counter(&site, "kolo_media_tile_decodes_total") <= 5, "{b}");
    }
}

/// A moto S3 server on loopback, killed when dropped.
struct S3Server {
    child: Child,
    endpoint: String,
}

impl S3Server {
    fn start() -> Option<S3Server> {
        let moto = kolo_testkit::python_tool("moto_server")?;
        let port = free_port();
        let child = Command::new(moto)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("moto_server starts");
        let server = S3Server {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        while client().get(&server.endpoint).send().is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "moto_server did not listen"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        Some(server)
    }

    /// Keys in `bucket`, from a ListObjectsV2 answer (moto does not check signatures).
    fn keys(&self, bucket: &str) -> Vec<String> {
        let xml = client()
            .get(format!("{}/{bucket}?list-type=2", self.endpoint))
            .send()
            .unwrap()
            .text()
            .unwrap();
        xml.split("<Key>")
            .skip(1)
            .filter_map(|s| s.split("</Key>").next())
            .map(str::to_owned)
            .collect()
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn s3_storage_serves_the_same_images() {
    let Some(image) = kolo_testkit::shared_file(VALIDATOR_IMAGE) else {
        return;
    };
    let Some(s3) = S3Server::start() else {
        return;
    };
    let bucket = "kolo-media";
    let res = client()
        .put(format!("{}/{bucket}", s3.endpoint))
        .send()
        .unwrap();
    assert!(
        res.status().is_success(),
        "creating the bucket: {}",
        res.status()
    );
    let settings = [
        ("KOLO_MEDIA_URL", "s3://kolo-media/site"),
        ("KOLO_MEDIA_S3_ENDPOINT", s3.endpoint.as_str()),
        ("KOLO_MEDIA_S3_REGION", "us-east-1"),
        ("KOLO_MEDIA_S3_ACCESS_KEY_ID", "test"),
        ("KOLO_MEDIA_S3_SECRET_ACCESS_KEY", "test"),
    ];
    for site in sites_with(&settings) {
        let b = site.backend;
        let token = site.admin_token(ADMIN);
        let id = upload(
            &site,
            &token,
            "validator.png",
            std::fs::read(&image).unwrap(),
        );
        let keys = s3.keys(bucket);
        assert!(
            keys.contains(&format!("site/masters/{id}")),
            "{b}: {keys:?}"
        );
        assert!(
            keys.contains(&format!("site/pyramid/{id}/0/1-1.png")),
            "{b}: {keys:?}"
        );
        assert!(
            files_under(&site.data.path().join("media")).is_empty(),
            "{b}: nothing on local disk"
        );

        let (status, _, body) = get_bytes(&site, &format!("/iiif/3/{id}/info.json"));
        assert_eq!(status, 200, "{b}");
        let info: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            info["tiles"][0]["scaleFactors"],
            serde_json::json!([1, 2]),
            "{b}"
        );
        let (status, _, tile) = get_bytes(
            &site,
            &format!("/iiif/3/{id}/512,512,488,488/488,/0/default.png"),
        );
        assert_eq!(status, 200, "{b}");
        let tile = image::load_from_memory(&tile).unwrap().into_rgb8();
        assert_eq!(tile.dimensions(), (488, 488), "{b}");
        // Pixel (562, 562) of the validator's image lies in its square 5,5: (167, 34, 136).
        let got = tile.get_pixel(50, 50).0;
        assert!(near(got, [167, 34, 136]), "{b}: {got:?}");
    }
}

/// A small PNG drawn here: `width` × `height`, a colour gradient.
fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 128])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    picture.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A record's images, in order, from its API address.
fn images_of(site: &Site, api: &str) -> Vec<Value> {
    let record: Value = client().get(site.url(api)).send().unwrap().json().unwrap();
    record["images"].as_array().cloned().unwrap_or_default()
}

/// Fetches every IIIF address `html` names: pages must never ask for a picture the Image API
/// refuses (such as one larger than the image: no upscaling).
fn every_picture_is_served(site: &Site, html: &str) {
    let mut seen = 0;
    for (at, _) in html.match_indices("/iiif/3/") {
        let url: String = html[at..]
            .chars()
            .take_while(|c| !matches!(c, '"' | '\'' | ' ' | '<'))
            .collect();
        let (status, _, _) = get_bytes(site, &url);
        assert_eq!(status, 200, "{}: {url}", site.backend);
        seen += 1;
    }
    assert!(seen > 0, "{}: the page shows pictures", site.backend);
}

/// The staff images page of a record (public page at `record`, JSON at `api`): `stranger` may
/// not use it, `curator` may. Refusals store nothing; an upload (small: 640×480) adds the image
/// last, as `owner`'s; it can be made the main image and taken off again.
fn staff_manage_images(
    site: &Site,
    (curator, stranger): (&reqwest::blocking::Client, &reqwest::blocking::Client),
    (record, api): (&str, &str),
    owner: &str,
) {
    let b = site.backend;
    let before = images_of(site, api);
    let page_path = format!("{record}/images");
    let res = curator.get(site.url(&page_path)).send().unwrap();
    assert_eq!(res.status(), 200, "{b}");
    let page = res.text().unwrap();
    let csrf = common::input_value(&page, "csrf").unwrap();
    assert_eq!(
        common::form_action(&page, "file").as_deref(),
        Some(format!("{page_path}/upload").as_str()),
        "{b}"
    );
    let upload = |who: &reqwest::blocking::Client, csrf: &str, file: Vec<u8>| {
        let form = Form::new()
            .text("csrf", csrf.to_owned())
            .part("file", Part::bytes(file).file_name("Фото костюма.png"))
            .text("caption.uk", "Костюм на виставці")
            .text("caption.en", "The costume on show")
            .text("rights", "http://creativecommons.org/licenses/by/4.0/");
        who.post(site.url(&format!("{page_path}/upload")))
            .multipart(form)
            .send()
            .unwrap()
    };

    // Refused: no CSRF token, someone else's record, a file that is no image.
    let (rows, files) = (
        media_rows(site),
        files_under(&site.data.path().join("media")),
    );
    assert_eq!(upload(curator, "wrong", png(40, 30)).status(), 403, "{b}");
    let theirs = stranger.get(site.url(&page_path)).send().unwrap();
    assert_eq!(theirs.status(), 403, "{b}: another museum's editor");
    let their_csrf = common::input_value(
        &stranger
            .get(site.url("/account"))
            .send()
            .unwrap()
            .text()
            .unwrap(),
        "csrf",
    )
    .unwrap();
    assert_eq!(
        upload(stranger, &their_csrf, png(40, 30)).status(),
        403,
        "{b}"
    );
    let res = upload(curator, &csrf, b"just some text".to_vec());
    assert_eq!(res.status(), 422, "{b}");
    let shown = res.text().unwrap();
    assert!(shown.contains("id=\"err-file\""), "{b}: {shown}");
    assert!(
        shown.contains("value=\"Костюм на виставці\""),
        "{b}: the caption is kept"
    );
    assert_eq!(media_rows(site), rows, "{b}: nothing stored");
    assert_eq!(
        files_under(&site.data.path().join("media")),
        files,
        "{b}: no blobs left behind"
    );
    assert_eq!(images_of(site, api), before, "{b}");

    // Added: the image, its caption and rights are on the record, last.
    let res = upload(curator, &csrf, png(640, 480));
    assert_eq!(res.status(), 303, "{b}: {}", res.text().unwrap_or_default());
    assert_eq!(common::location(&res).as_deref(), Some(page_path.as_str()));
    let after = images_of(site, api);
    assert_eq!(after.len(), before.len() + 1, "{b}: {after:?}");
    let added = after.last().unwrap();
    let media = added["media"].as_str().unwrap().to_owned();
    assert_eq!(added["caption"]["uk"], "Костюм на виставці", "{b}");
    assert_eq!(
        added["rights"], "http://creativecommons.org/licenses/by/4.0/",
        "{b}"
    );
    let described: Value = client()
        .get(site.url(&format!("/api/v1/media/{media}")))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(described["institution"], owner, "{b}: {described}");
    let page = curator
        .get(site.url(&page_path))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(page.contains("Фото костюма.png · 640 × 480"), "{b}: {page}");
    every_picture_is_served(site, &page);

    // Made the main image, then taken off again.
    let post = |path: String| {
        curator
            .post(site.url(&path))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .unwrap()
    };
    let res = post(format!("{page_path}/{media}/first"));
    assert_eq!(res.status(), 303, "{b}");
    let first = images_of(site, api);
    assert_eq!(first[0]["media"], media.as_str(), "{b}");
    assert_eq!(&first[1..], &before[..], "{b}: the others keep their order");
    let public_page = client()
        .get(site.url(record))
        .send()
        .unwrap()
        .text()
        .unwrap();
    // Smaller than every box pages use: always the whole image, never an upscaled one.
    let ld = common::jsonld(&public_page);
    assert_eq!(
        ld["image"][0],
        format!(
            "{}/iiif/3/{media}/full/max/0/default.jpg",
            site.server.base_url
        ),
        "{b}: the JSON-LD names the main image first: {ld}"
    );
    // Link previews (Open Graph, Twitter cards) show the same main image.
    let preview = ld["image"][0].as_str().unwrap();
    assert!(
        public_page.contains(&format!(
            "<meta property=\"og:image\" content=\"{preview}\">"
        )),
        "{b}: {public_page}"
    );
    assert!(
        public_page.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"),
        "{b}"
    );
    every_picture_is_served(site, &public_page);
    let res = post(format!("{page_path}/{media}/remove"));
    assert_eq!(res.status(), 303, "{b}");
    assert_eq!(images_of(site, api), before, "{b}");
}

#[test]
fn staff_add_order_and_take_off_their_own_objects_images() {
    const NOVOPSKOV: &str = "novopskov-museum";
    for site in sites() {
        let b = site.backend;
        let base = site.server.base_url.clone();
        let admin = admin_web(&site);
        let token = site.token_for(ADMIN);
        let curator = editor(&admin, &base, NOVOPSKOV, "curator@example.org");
        let stranger = editor(&admin, &base, MUSEUM, "stranger@example.org");
        let list: Value = client()
            .get(site.url(&format!("/api/v1/objects?institution={NOVOPSKOV}&limit=1")))
            .send()
            .unwrap()
            .json()
            .unwrap();
        let id = list["items"][0]["id"].as_i64().unwrap();
        let (record, api) = (format!("/objects/{id}"), format!("/api/v1/objects/{id}"));
        staff_manage_images(&site, (&curator, &stranger), (&record, &api), NOVOPSKOV);

        // The API refuses another institution's image on this object.
        let foreign = upload_as(&site, &token, Some(MUSEUM), "foreign.png", png(50, 50));
        assert_eq!(foreign.0, 201, "{b}: {}", foreign.1);
        let mut object = common::editable_json(&base, &format!("/api/v1/objects/{id}"));
        object["images"] = serde_json::json!([{ "media": foreign.1["id"] }]);
        let res = client()
            .put(site.url(&format!("/api/v1/objects/{id}")))
            .bearer_auth(&token)
            .json(&object)
            .send()
            .unwrap();
        assert_eq!(res.status(), 422, "{b}");
        let body: Value = res.json().unwrap();
        assert_eq!(body["errors"][0]["field"], "images[0].media", "{b}: {body}");
        assert_eq!(body["errors"][0]["reason"], "unknown-media", "{b}: {body}");
    }
}

/// An exhibition's images page serves the staff of each of its hosts, and the image becomes
/// the uploader's institution's.
#[test]
fn staff_add_order_and_take_off_their_exhibitions_images() {
    const SECOND_HOST: &str = "lviv-museum-of-the-history-of-religion";
    for site in sites() {
        let base = site.server.base_url.clone();
        let admin = admin_web(&site);
        let curator = editor(&admin, &base, SECOND_HOST, "curator@example.org");
        let stranger = editor(&admin, &base, MUSEUM, "stranger@example.org");
        let slug = "kolo-vichnoi-istyny";
        let (record, api) = (
            format!("/exhibitions/{slug}"),
            format!("/api/v1/exhibitions/{slug}"),
        );
        staff_manage_images(&site, (&curator, &stranger), (&record, &api), SECOND_HOST);
    }
}
