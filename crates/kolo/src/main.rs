//! `kolo`: the one binary of the Kolo platform.

mod backup;
mod config;
mod import;
mod import_objects;
mod placeholder_images;
mod synthetic;

use anyhow::Context;
use clap::{Parser, Subcommand};
use config::Config;
use indicatif::ProgressBar;
use kolo_store::Store;
use std::io::{BufRead, IsTerminal, Write};
use std::net::SocketAddr;
use std::path::PathBuf;

/// The demo network, built from the seed documents; loaded by `serve --demo`.
static DEMO: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/../../demo");

#[derive(Parser)]
#[command(
    name = "kolo",
    version,
    about = "Kolo: an open platform for museums and libraries working together"
)]
struct Cli {
    /// Data folder: the SQLite file, media, backups' default home [env: KOLO_DATA] [default: ./data]
    #[arg(long, global = true, env = "KOLO_DATA")]
    data: Option<PathBuf>,
    /// TOML configuration file [env: KOLO_CONFIG]
    #[arg(long, global = true, env = "KOLO_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (migrates the database first).
    Serve {
        /// Address to listen on, e.g. 127.0.0.1:8080 (port 0 picks a free port)
        #[arg(long)]
        listen: Option<SocketAddr>,
        /// Load the demo network from the seed documents (idempotent)
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Rebuild the search index from the database (the server must be stopped; an
    /// interrupted rebuild continues where it stopped).
    Reindex,
    /// Import a bundle folder of networks/, institutions/ and events/ *.toml (all or nothing;
    /// idempotent), or another kind of file (`kolo import frab --help`).
    #[command(args_conflicts_with_subcommands = true)]
    Import {
        #[command(subcommand)]
        kind: Option<ImportKind>,
        /// The bundle folder
        dir: Option<PathBuf>,
    },
    /// Write a file from Kolo's records.
    Export {
        #[command(subcommand)]
        kind: ExportKind,
    },
    /// Write a consistent copy of the database and media to a .tar file while Kolo runs.
    Backup {
        /// The archive to write
        file: PathBuf,
    },
    /// Restore a backup archive into the data folder (which must hold no database yet).
    Restore {
        /// The archive written by `kolo backup`
        file: PathBuf,
    },
    /// Manage accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Print the OpenAPI document of the JSON API.
    Openapi,
    /// Demo data beyond the seed documents.
    Demo {
        #[command(subcommand)]
        command: DemoCommand,
    },
}

#[derive(Subcommand)]
enum DemoCommand {
    /// Load the demo network and add a large synthetic multilingual collection to its museums
    /// (for benchmarks); written in chunks of 10,000, and resumed where a stopped run left off.
    Generate {
        /// How many objects
        #[arg(long)]
        objects: u64,
    },
}

#[derive(Subcommand)]
enum ImportKind {
    /// An event's programme from a Frab schedule.xml or schedule.json (pretalx, Indico, frab):
    /// items matched by guid, rooms added as halls, all or nothing.
    Frab {
        /// The schedule file (XML or JSON, told apart by its content)
        file: PathBuf,
        /// The event's slug
        #[arg(long)]
        event: String,
        /// Create the event from the file, hosted by this institution (slug), if it does not exist
        #[arg(long)]
        host: Option<String>,
        /// The language of the file's texts (BCP 47), for a new event
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Museum objects from CSV, JSON Lines or LIDO XML (told apart by their content), matched
    /// by inventory number: one transaction per file unless --continue-on-error.
    Objects {
        /// The file
        file: PathBuf,
        #[command(flatten)]
        target: ObjectImport,
        /// A TOML file naming the column of each field (CSV and JSON Lines; without it the
        /// header names Kolo's field paths)
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// A folder of images named by inventory number (jpg, png, tif, webp), attached to
        /// their objects
        #[arg(long)]
        images: Option<PathBuf>,
    },
    /// Artworks of the Tate collection dataset (a folder with artworks.jsonl[.gz] and
    /// artists.jsonl[.gz], or an artworks file).
    Tate {
        /// The folder or artworks file
        path: PathBuf,
        #[command(flatten)]
        target: ObjectImport,
        /// Import only the first N artworks
        #[arg(long)]
        limit: Option<usize>,
    },
}

/// What every object import takes.
#[derive(clap::Args)]
struct ObjectImport {
    /// The institution the objects belong to (slug)
    #[arg(long)]
    institution: String,
    /// Check every row and report, writing nothing
    #[arg(long)]
    dry_run: bool,
    /// Write the good rows (committed every 1000, so an interrupted run keeps them), then name
    /// every failed one and exit non-zero
    #[arg(long)]
    continue_on_error: bool,
}

#[derive(Subcommand)]
enum ExportKind {
    /// An event's public programme as a Frab schedule (for conference apps such as Giggity).
    Frab {
        /// The event's slug
        #[arg(long)]
        event: String,
        #[arg(long, value_enum, default_value_t = FrabFormat::Xml)]
        format: FrabFormat,
        /// Write here instead of standard output
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FrabFormat {
    Xml,
    Json,
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a platform administrator. The password is read from standard input.
    Create {
        #[arg(long)]
        email: String,
        /// Display name (defaults to the e-mail address)
        #[arg(long)]
        name: Option<String>,
    },
    /// Create an API token for an existing user and print it (shown only once).
    Token {
        #[arg(long)]
        email: String,
        /// What the token is for
        #[arg(long, default_value = "command line")]
        label: String,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let config = Config::load(cli.config.as_deref(), cli.data.as_deref())?;
    init_logging(&config);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(cli.command, config))
}

fn init_logging(config: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("KOLO_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tower_http=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if config.log_format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

fn open_store(config: &Config) -> anyhow::Result<Store> {
    let url = config.database_url();
    Store::open(&url).with_context(|| format!("opening the database {}", redact(&url)))
}

/// A database URL without its password, for messages.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    match command {
        Command::Serve { listen, demo } => serve(config, listen, demo).await,
        Command::Demo {
            command: DemoCommand::Generate { objects },
        } => {
            let store = open_store(&config)?;
            let demo = import::parse(&demo_files())?;
            import::import(&store, demo.clone(), ProgressBar::hidden()).await?;
            let started = std::time::Instant::now();
            let done = synthetic::generate(&store, &demo, objects, ProgressBar::new(0)).await?;
            println!(
                "kolo: {} synthetic objects written, {} already there, in {:.1} s",
                done.written,
                done.skipped,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Migrate => {
            open_store(&config)?;
            println!("kolo: database is up to date");
            Ok(())
        }
        Command::Reindex => reindex(&config).await,
        Command::Import {
            kind:
                Some(ImportKind::Frab {
                    file,
                    event,
                    host,
                    lang,
                }),
            ..
        } => {
            let store = open_store(&config)?;
            let report = import::frab(&store, &file, &event, host.as_deref(), &lang).await?;
            println!(
                "kolo: imported {} into event {event}: {report}",
                file.display()
            );
            Ok(())
        }
        Command::Import {
            kind:
                Some(ImportKind::Objects {
                    file,
                    target,
                    mapping,
                    images,
                }),
            ..
        } => {
            let institution = institution_slug(&target.institution)?;
            let source = import_objects::Source::file(&file, mapping.as_deref())?;
            import_objects_report(&config, &file, &institution, &source, &target, images).await
        }
        Command::Import {
            kind:
                Some(ImportKind::Tate {
                    path,
                    target,
                    limit,
                }),
            ..
        } => {
            let institution = institution_slug(&target.institution)?;
            let source = import_objects::Source::Tate {
                path: path.clone(),
                limit,
            };
            import_objects_report(&config, &path, &institution, &source, &target, None).await
        }
        Command::Import {
            kind: None,
            dir: Some(dir),
        } => {
            let store = open_store(&config)?;
            let bundle = import::parse(&import::read_dir(&dir)?)?;
            let report = import::import(&store, bundle, ProgressBar::new(0)).await?;
            println!("kolo: imported {}: {report}", dir.display());
            Ok(())
        }
        Command::Import {
            kind: None,
            dir: None,
        } => anyhow::bail!(
            "kolo import: name a bundle folder, or a kind of file (kolo import --help)"
        ),
        Command::Export {
            kind:
                ExportKind::Frab {
                    event,
                    format,
                    output,
                },
        } => {
            let store = open_store(&config)?;
            let format = match format {
                FrabFormat::Xml => kolo_interop::frab_mapping::Format::Xml,
                FrabFormat::Json => kolo_interop::frab_mapping::Format::Json,
            };
            let site = match &config.public_url {
                Some(u) => u.to_string(),
                None => format!("http://{}/", config.listen),
            };
            let body = import::export_frab(&store, &site, &event, format).await?;
            match output {
                Some(path) => std::fs::write(&path, body)
                    .with_context(|| format!("writing {}", path.display()))?,
                None => std::io::stdout().write_all(body.as_bytes())?,
            }
            Ok(())
        }
        Command::Backup { file } => {
            let store = open_store(&config)?;
            backup::backup(&store, &config.media_dir(), &file).await?;
            println!("kolo: backup written to {}", file.display());
            Ok(())
        }
        Command::Restore { file } => {
            backup::restore(&file, &config.sqlite_path(), &config.media_dir())?;
            println!(
                "kolo: restored {} into {}",
                file.display(),
                config.data.display()
            );
            Ok(())
        }
        Command::Admin {
            command: AdminCommand::Create { email, name },
        } => {
            let store = open_store(&config)?;
            let password = read_password()?;
            let name = name.unwrap_or_else(|| email.clone());
            let id = store
                .write(move |c| {
                    kolo_store::repo::accounts::create_user(c, None, &email, &name, &password, true)
                })
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("kolo: platform administrator created (user {id})");
            Ok(())
        }
        Command::Admin {
            command: AdminCommand::Token { email, label },
        } => {
            let store = open_store(&config)?;
            let token = store
                .write(move |c| {
                    let user = kolo_store::repo::accounts::user_id_by_email(c, &email)?
                        .ok_or(kolo_store::StoreError::NotFound)?;
                    kolo_store::repo::sessions::create_api_token(c, user, &label)
                })
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{token}");
            Ok(())
        }
        Command::Openapi => {
            println!("{}", kolo_web::api::openapi_json());
            Ok(())
        }
    }
}

fn institution_slug(raw: &str) -> anyhow::Result<kolo_domain::Slug> {
    kolo_domain::Slug::parse("--institution", raw).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Runs an object import and prints its report: the counts, then every failed row.
async fn import_objects_report(
    config: &Config,
    file: &std::path::Path,
    institution: &kolo_domain::Slug,
    source: &import_objects::Source,
    target: &ObjectImport,
    images: Option<PathBuf>,
) -> anyhow::Result<()> {
    let store = open_store(config)?;
    let media = kolo_media::Media::open(&config.media()).context("opening media storage")?;
    let options = import_objects::Options {
        dry_run: target.dry_run,
        continue_on_error: target.continue_on_error,
        images,
    };
    let outcome = import_objects::import(
        &store,
        &media,
        institution,
        source,
        &options,
        ProgressBar::new(0),
    )
    .await?;
    let shown = file.display();
    if options.dry_run {
        println!("kolo: dry run of {shown}, nothing was written: would be {outcome}");
    } else if outcome.rolled_back {
        println!("kolo: {shown}: nothing was imported (without the failed rows: {outcome})");
    } else {
        println!("kolo: imported {shown} into {institution}: {outcome}");
    }
    for failed in &outcome.failed {
        println!("failed: {failed}");
    }
    anyhow::ensure!(
        outcome.failed.is_empty(),
        "{shown}: {} row(s) failed{}",
        outcome.failed.len(),
        if outcome.rolled_back {
            "; nothing was imported"
        } else {
            "; the others were imported"
        }
    );
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!(
            "Password (at least {} characters; input is visible): ",
            kolo_store::repo::accounts::MIN_PASSWORD
        );
        std::io::stderr().flush()?;
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// Every file of the embedded demo bundle, with its path inside the bundle.
fn demo_files() -> Vec<(String, String)> {
    fn walk(dir: &include_dir::Dir<'static>, out: &mut Vec<(String, String)>) {
        for file in dir.files() {
            if let Some(text) = file.contents_utf8() {
                out.push((file.path().to_string_lossy().into_owned(), text.to_owned()));
            }
        }
        for sub in dir.dirs() {
            walk(sub, out);
        }
    }
    let mut files = Vec::new();
    walk(&DEMO, &mut files);
    files
}

/// Loads the demo network and draws a placeholder picture for each object without images,
/// stored as an upload would be. Pictures drawn at an earlier load are kept, not drawn again.
async fn load_demo(state: &kolo_web::AppState) -> anyhow::Result<()> {
    use kolo_domain::collection::ObjectImage;
    use kolo_store::repo::{institutions, objects};
    let bundle = import::parse(&demo_files())?;
    let refs: Vec<kolo_domain::ObjectRef> = bundle
        .objects
        .iter()
        .map(|o| kolo_domain::ObjectRef {
            institution: o.institution.clone(),
            inventory_number: o.inventory_number.clone(),
        })
        .collect();
    // The import keeps the pictures drawn at an earlier load.
    let report = import::import(&state.store, bundle, ProgressBar::hidden()).await?;
    tracing::info!(%report, "demo network loaded");
    let bare: Vec<_> = state
        .store
        .read(move |c| {
            let mut bare = Vec::new();
            for r in &refs {
                if let Some(o) = objects::find_by_ref(c, r)?
                    && o.value.images.is_empty()
                {
                    bare.push(o.value);
                }
            }
            Ok(bare)
        })
        .await?;
    for (seed, mut object) in bare.into_iter().enumerate() {
        let motif = placeholder_images::Motif::for_object_type(
            object.object_type.as_ref().map(|t| t.as_str()),
        );
        let png = placeholder_images::draw(motif, seed as u64);
        let slug = object.institution.to_string();
        let institution = state
            .store
            .read(move |c| institutions::get_by_slug(c, &slug))
            .await?;
        let filename = format!("placeholder-{seed}.png");
        let stored =
            kolo_web::api::media::store(state, None, institution.id, filename, png.into()).await;
        let media = match stored {
            Ok(id) => id,
            // A site whose media limits are below the placeholder's size shows no picture.
            Err(kolo_web::AppError::Invalid(refused)) => {
                tracing::warn!(?refused, "the media limits refuse the demo's pictures");
                break;
            }
            Err(e) => return Err(anyhow::anyhow!("storing a demo picture: {e}")),
        };
        object.images.push(ObjectImage {
            media,
            caption: Default::default(),
            rights: None,
        });
        state
            .write(move |c| objects::save(c, None, &object))
            .await?;
    }
    Ok(())
}

async fn reindex(config: &Config) -> anyhow::Result<()> {
    let store = open_store(config)?;
    let index = kolo_search::SearchIndex::open_for_writing(&config.search_dir()).context(
        "opening the search index (a running server holds it: stop it first, or let it catch up)",
    )?;
    let index = std::sync::Arc::new(index);
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}")
            .expect("a valid template"),
    );
    let shown = bar.clone();
    let progress: kolo_search::sync::Progress = std::sync::Arc::new(move |kind, done| {
        shown.set_message(format!("{done} records ({kind}s)"))
    });
    let position = kolo_search::sync::rebuild(&store, &index, progress).await?;
    bar.finish_and_clear();
    println!(
        "kolo: search index rebuilt: {} entries, change log applied up to {}",
        index.len(),
        position.seq
    );
    Ok(())
}

async fn serve(config: Config, listen: Option<SocketAddr>, demo: bool) -> anyhow::Result<()> {
    let store = open_store(&config)?;
    std::fs::create_dir_all(config.media_dir()).context("creating the media folder")?;
    let addr = listen.unwrap_or(config.listen);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("listening on {addr}"))?;
    let bound = listener.local_addr()?;
    let public_url = match &config.public_url {
        Some(u) => u.clone(),
        None => format!("http://{bound}").parse()?,
    };
    let mut web = kolo_web::WebConfig::new(public_url);
    if let Some(secure) = config.secure_cookies {
        web.secure_cookies = secure;
    }
    web.max_body_bytes = config.max_body_bytes;
    web.oai_page_size = config.oai_page_size;
    if config.smtp_url.is_none() {
        std::fs::create_dir_all(config.outbox_dir()).context("creating the outbox folder")?;
    }
    web.mailer = kolo_web::mail::Mailer::new(
        config.smtp_url.as_deref(),
        &config.mail_from,
        config.outbox_dir(),
    )?;
    let media = kolo_media::Media::open(&config.media()).context("opening media storage")?;
    let search = std::sync::Arc::new(
        kolo_search::SearchIndex::open(&config.search_dir()).context("opening the search index")?,
    );
    // In the background: the server answers meanwhile, its first searches reading from disk.
    let preloading = search.clone();
    tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        match preloading.preload() {
            Ok(bytes) => tracing::info!(
                mib = bytes >> 20,
                seconds = started.elapsed().as_secs_f32(),
                "search index read into the page cache"
            ),
            Err(e) => tracing::warn!(error = %e, "could not preload the search index"),
        }
    });
    let state = kolo_web::AppState::new(store, web, media, search);
    if demo {
        load_demo(&state).await?;
    }
    // Tests and scripts wait for exactly this line.
    println!("kolo: listening on http://{bound}");
    std::io::stdout().flush()?;
    tracing::info!(%bound, backend = state.store.backend().name(), "serving");
    kolo_web::serve(listener, state, shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
