//! Configuration: built-in defaults, then a TOML file (`--config`), then `KOLO_*` environment
//! variables, then command-line flags, each overriding the one before.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    /// Folder for the SQLite file and media (default `./data`).
    pub data: PathBuf,
    /// `postgres://...` selects PostgreSQL; unset means `sqlite://<data>/kolo.sqlite3`.
    pub database_url: Option<String>,
    /// Where uploaded media live; unset means `<data>/media`.
    pub media_dir: Option<PathBuf>,
    /// `s3://bucket/prefix` keeps media in S3-compatible storage instead of `media_dir`.
    pub media_url: Option<String>,
    /// The S3 server, e.g. `http://127.0.0.1:9000` (unset: AWS, or `AWS_ENDPOINT`).
    pub media_s3_endpoint: Option<String>,
    /// Unset: `AWS_REGION`, else us-east-1.
    pub media_s3_region: Option<String>,
    /// Unset: `AWS_ACCESS_KEY_ID`.
    pub media_s3_access_key_id: Option<String>,
    /// Unset: `AWS_SECRET_ACCESS_KEY`.
    pub media_s3_secret_access_key: Option<String>,
    /// Largest image upload, in bytes.
    pub media_max_bytes: u64,
    /// Largest attached document (PDF, office file), in bytes.
    pub media_max_file_bytes: u64,
    /// Most pixels (width × height) of an uploaded image.
    pub media_max_pixels: u64,
    /// Most memory an uploaded image may take decoded, in bytes.
    pub media_max_decoded_bytes: u64,
    /// How many images are decoded or rendered at once.
    pub media_concurrency: usize,
    /// Memory for decoded tiles, and as much again for rendered IIIF answers, in bytes.
    pub media_cache_bytes: u64,
    /// Address `kolo serve` listens on.
    pub listen: SocketAddr,
    /// The address the public reaches Kolo at; unset means `http://<listen>`.
    pub public_url: Option<url::Url>,
    /// Force `Secure` cookies on or off; unset means on for an https `public_url`.
    pub secure_cookies: Option<bool>,
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
    /// `text` or `json` log lines.
    pub log_format: String,
    /// `smtp://host:25` or `smtps://user:pass@host` sends e-mail; unset writes `.eml` files to
    /// `outbox_dir`.
    pub smtp_url: Option<String>,
    /// The sender of e-mail to registrants.
    pub mail_from: String,
    /// Where e-mail goes without SMTP; unset means `<data>/outbox`.
    pub outbox_dir: Option<PathBuf>,
    /// Records per OAI-PMH ListIdentifiers / ListRecords page.
    pub oai_page_size: NonZeroUsize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data: PathBuf::from("data"),
            database_url: None,
            media_dir: None,
            media_url: None,
            media_s3_endpoint: None,
            media_s3_region: None,
            media_s3_access_key_id: None,
            media_s3_secret_access_key: None,
            media_max_bytes: kolo_media::IntakeLimits::default().max_bytes,
            media_max_file_bytes: kolo_media::DEFAULT_MAX_FILE_BYTES,
            media_max_pixels: kolo_media::IntakeLimits::default().max_pixels,
            media_max_decoded_bytes: kolo_media::IntakeLimits::default().max_decoded_bytes,
            media_concurrency: 2,
            media_cache_bytes: 128 * 1024 * 1024,
            listen: "127.0.0.1:8080".parse().expect("literal address"),
            public_url: None,
            secure_cookies: None,
            max_body_bytes: 1024 * 1024,
            log_format: "text".into(),
            smtp_url: None,
            mail_from: kolo_web::mail::DEFAULT_FROM.into(),
            outbox_dir: None,
            oai_page_size: kolo_web::DEFAULT_OAI_PAGE_SIZE,
        }
    }
}

impl Config {
    pub fn load(file: Option<&Path>, data: Option<&Path>) -> anyhow::Result<Config> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            anyhow::ensure!(
                file.exists(),
                "config file {} does not exist",
                file.display()
            );
            figment = figment.merge(Toml::file(file));
        }
        figment = figment.merge(Env::prefixed("KOLO_").ignore(&["CONFIG", "LOG"]));
        let mut config: Config = figment.extract()?;
        if let Some(data) = data {
            config.data = data.to_owned();
        }
        Ok(config)
    }

    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.sqlite_path().display()))
    }

    pub fn sqlite_path(&self) -> PathBuf {
        self.data.join("kolo.sqlite3")
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.outbox_dir
            .clone()
            .unwrap_or_else(|| self.data.join("outbox"))
    }

    /// Where the search index lives: derived from the database, rebuilt if lost.
    pub fn search_dir(&self) -> PathBuf {
        self.data.join("search")
    }

    pub fn media_dir(&self) -> PathBuf {
        self.media_dir
            .clone()
            .unwrap_or_else(|| self.data.join("media"))
    }

    /// Where and how media are stored and served.
    pub fn media(&self) -> kolo_media::MediaConfig {
        let storage = match &self.media_url {
            Some(url) => kolo_media::StorageConfig::S3 {
                url: url.clone(),
                endpoint: self.media_s3_endpoint.clone(),
                region: self.media_s3_region.clone(),
                access_key_id: self.media_s3_access_key_id.clone(),
                secret_access_key: self.media_s3_secret_access_key.clone(),
            },
            None => kolo_media::StorageConfig::Local(self.media_dir()),
        };
        kolo_media::MediaConfig {
            storage,
            limits: kolo_media::IntakeLimits {
                max_bytes: self.media_max_bytes,
                max_pixels: self.media_max_pixels,
                max_decoded_bytes: self.media_max_decoded_bytes,
            },
            max_file_bytes: self.media_max_file_bytes,
            concurrency: self.media_concurrency,
            cache_bytes: self.media_cache_bytes,
        }
    }
}
