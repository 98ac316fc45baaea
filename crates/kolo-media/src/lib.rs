//! Kolo's images. An upload is checked ([`intake`]), cut into a tile pyramid and stored with
//! its master ([`storage`]: a local folder or S3). The IIIF Image API ([`iiif`]) answers
//! from the nearest pyramid level's tiles, never from the master; decoded tiles and finished
//! answers are kept in bounded memory caches, and a semaphore bounds how many images are
//! worked on at once. Image work runs on blocking threads. Attached documents ([`files`]) are
//! checked by content and stored as they came, beside the images.

pub mod files;
pub mod iiif;
pub mod intake;
pub mod pyramid;
pub mod storage;

use bytes::Bytes;
use iiif::render::Plan;
use iiif::request::{ImageBounds, ImageRequest, RequestError};
use image::RgbImage;
use kolo_domain::MediaId;
use std::sync::Arc;
use tokio::sync::Semaphore;

pub use files::{CheckedFile, FileFormat, FileRefused};
pub use intake::{IntakeError, IntakeLimits, Prepared};
pub use storage::{Storage, StorageConfig, StorageError};

/// How media are stored and served.
#[derive(Clone, Debug)]
pub struct MediaConfig {
    pub storage: StorageConfig,
    pub limits: IntakeLimits,
    /// The largest attached document, in bytes.
    pub max_file_bytes: u64,
    /// How many uploads and renders may work at once.
    pub concurrency: usize,
    /// Memory for decoded tiles and for finished answers, each.
    pub cache_bytes: u64,
}

/// An encoded answer.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub bytes: Bytes,
    pub mime: &'static str,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Request(#[from] RequestError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("image work failed: {0}")]
    Image(String),
}

/// Why an upload was not stored.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error(transparent)]
    Refused(#[from] IntakeError),
    #[error(transparent)]
    RefusedFile(#[from] FileRefused),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl UploadError {
    /// The stable code of a refusal and the limit it passed, if the upload was refused.
    pub fn refusal(&self) -> Option<(&'static str, Option<u64>)> {
        match self {
            UploadError::Refused(e) => Some((e.reason(), e.limit())),
            UploadError::RefusedFile(e) => Some((e.reason(), e.limit())),
            UploadError::Storage(_) => None,
        }
    }
}

/// The default largest attached document: a well-illustrated guidebook as a PDF.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// How many blobs an upload stores at once.
const PARALLEL_PUTS: usize = 8;

type TileKey = (MediaId, u32, u32, u32);

/// The media service; cheap to clone.
#[derive(Clone)]
pub struct Media {
    storage: Storage,
    limits: IntakeLimits,
    max_file_bytes: u64,
    work: Arc<Semaphore>,
    tiles: moka::future::Cache<TileKey, Arc<RgbImage>>,
    answers: moka::future::Cache<String, Rendered>,
}

impl Media {
    pub fn open(config: &MediaConfig) -> Result<Media, StorageError> {
        let bytes_of = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(Media {
            storage: Storage::open(&config.storage)?,
            limits: config.limits,
            max_file_bytes: config.max_file_bytes,
            work: Arc::new(Semaphore::new(config.concurrency.max(1))),
            tiles: moka::future::Cache::builder()
                .max_capacity(config.cache_bytes)
                .weigher(move |_, t: &Arc<RgbImage>| bytes_of(t.as_raw().len()))
                .build(),
            answers: moka::future::Cache::builder()
                .max_capacity(config.cache_bytes)
                .weigher(move |_, r: &Rendered| bytes_of(r.bytes.len()))
                .build(),
        })
    }

    pub fn limits(&self) -> &IntakeLimits {
        &self.limits
    }

    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_bytes
    }

    /// Checks an attached document named `filename` and stores it under `id`.
    pub async fn upload_file(
        &self,
        id: &MediaId,
        filename: &str,
        bytes: Bytes,
    ) -> Result<CheckedFile, UploadError> {
        let checked = files::check(filename, bytes, self.max_file_bytes)?;
        self.storage
            .put(&files::file_key(id), checked.bytes.clone())
            .await?;
        Ok(checked)
    }

    /// The bytes of the attached document `id`.
    pub async fn file(&self, id: &MediaId) -> Result<Bytes, StorageError> {
        self.storage.get(&files::file_key(id)).await
    }

    /// Deletes the attached document `id` (used when its database row could not be written).
    pub async fn remove_file(&self, id: &MediaId) -> Result<(), StorageError> {
        self.storage.delete_all(vec![files::file_key(id)]).await
    }

    /// Checks `file`, cuts its pyramid and stores it all under `id`. On any failure nothing
    /// stays stored.
    pub async fn upload(&self, id: &MediaId, file: Bytes) -> Result<Prepared, UploadError> {
        let limits = self.limits;
        let prepared = {
            let _turn = self
                .work
                .acquire()
                .await
                .expect("the semaphore is never closed");
            tokio::task::spawn_blocking(move || intake::prepare(file, &limits))
                .await
                .map_err(|e| IntakeError::Undecodable(format!("worker thread failed: {e}")))??
        };
        if let Err(e) = self.put_all(id, &prepared).await {
            self.remove(id).await?;
            return Err(e.into());
        }
        Ok(prepared)
    }

    async fn put_all(&self, id: &MediaId, prepared: &Prepared) -> Result<(), StorageError> {
        use futures_util::{StreamExt, TryStreamExt};
        let master = (pyramid::master_key(id), prepared.master.clone());
        let tiles = prepared
            .tiles
            .iter()
            .map(|(level, col, row, png)| (pyramid::tile_key(id, *level, *col, *row), png.clone()));
        let puts: Vec<_> = std::iter::once(master)
            .chain(tiles)
            .map(|(key, bytes)| {
                let storage = self.storage.clone();
                async move { storage.put(&key, bytes).await }
            })
            .collect();
        // Several at once: a large image has hundreds of tiles, and S3 answers each PUT slowly.
        futures_util::stream::iter(puts)
            .buffer_unordered(PARALLEL_PUTS)
            .try_collect::<Vec<()>>()
            .await?;
        Ok(())
    }

    /// Deletes every blob of `id` (used when its database row could not be written).
    pub async fn remove(&self, id: &MediaId) -> Result<(), StorageError> {
        let mut keys = self.storage.list(&pyramid::pyramid_prefix(id)).await?;
        keys.push(pyramid::master_key(id));
        self.storage.delete_all(keys).await
    }

    /// The answer to a IIIF image request for `id`, an image of `width`×`height`.
    pub async fn render(
        &self,
        id: &MediaId,
        width: u32,
        height: u32,
        request: &ImageRequest,
    ) -> Result<Rendered, RenderError> {
        let plan = iiif::render::plan(request, &ImageBounds::new(width, height))?;
        let key = format!("{id}/{}", plan.canonical());
        // Concurrent requests for one answer wait for a single render.
        self.answers
            .try_get_with(key, self.render_uncached(id, plan))
            .await
            .map_err(|e: Arc<RenderError>| match e.as_ref() {
                RenderError::Request(r) => RenderError::Request(r.clone()),
                other => RenderError::Image(other.to_string()),
            })
    }

    async fn render_uncached(&self, id: &MediaId, plan: Plan) -> Result<Rendered, RenderError> {
        let _turn = self
            .work
            .acquire()
            .await
            .expect("the semaphore is never closed");
        let mut tiles = Vec::new();
        for (col, row) in plan.tiles() {
            tiles.push(((col, row), self.tile(id, plan.level, col, row).await?));
        }
        metrics::counter!("kolo_media_renders_total").increment(1);
        let mime = plan.format.mime();
        let bytes = tokio::task::spawn_blocking(move || iiif::render::compose(&plan, &tiles))
            .await
            .map_err(|e| RenderError::Image(format!("worker thread failed: {e}")))?
            .map_err(|e| RenderError::Image(e.to_string()))?;
        Ok(Rendered {
            bytes: bytes.into(),
            mime,
        })
    }

    async fn tile(
        &self,
        id: &MediaId,
        level: u32,
        col: u32,
        row: u32,
    ) -> Result<Arc<RgbImage>, RenderError> {
        let load = async {
            let png = self
                .storage
                .get(&pyramid::tile_key(id, level, col, row))
                .await?;
            metrics::counter!("kolo_media_tile_decodes_total").increment(1);
            tokio::task::spawn_blocking(move || {
                image::load_from_memory_with_format(&png, image::ImageFormat::Png)
            })
            .await
            .map_err(|e| RenderError::Image(format!("worker thread failed: {e}")))?
            .map(|img| Arc::new(img.into_rgb8()))
            .map_err(|e| RenderError::Image(format!("stored tile: {e}")))
        };
        self.tiles
            .try_get_with((id.clone(), level, col, row), load)
            .await
            .map_err(|e: Arc<RenderError>| RenderError::Image(e.to_string()))
    }
}
