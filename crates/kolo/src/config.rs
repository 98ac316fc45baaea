//! Configuration: built-in defaults, then a TOML file (`--config`), then `KOLO_*` environment
//! variables, then command-line flags, each overriding the one before.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    /// Folder for the SQLite file and media (default `./data`).
    pub data: PathBuf,
    /// `postgres://...` selects PostgreSQL; unset means `sqlite://<data>/kolo.sqlite3`.
    pub database_url: Option<String>,
    /// Where uploaded media live; unset means `<data>/media`.
    pub media_dir: Option<PathBuf>,
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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data: PathBuf::from("data"),
            database_url: None,
            media_dir: None,
            listen: "127.0.0.1:8080".parse().expect("literal address"),
            public_url: None,
            secure_cookies: None,
            max_body_bytes: 1024 * 1024,
            log_format: "text".into(),
            smtp_url: None,
            mail_from: kolo_web::mail::DEFAULT_FROM.into(),
            outbox_dir: None,
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

    pub fn media_dir(&self) -> PathBuf {
        self.media_dir
            .clone()
            .unwrap_or_else(|| self.data.join("media"))
    }
}
