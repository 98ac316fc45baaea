//! Where image blobs live: a local folder by default, or an S3-compatible bucket, behind one
//! interface (`object_store`). Keys are `masters/<id>` (the upload as it came, never served)
//! and `pyramid/<id>/<level>/<col>-<row>.png` (the public derivatives).

use bytes::Bytes;
use futures_util::{StreamExt, TryStreamExt};
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt};
use std::sync::Arc;

/// Which storage to use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageConfig {
    /// A folder on local disk (created if missing).
    Local(std::path::PathBuf),
    /// `s3://bucket/prefix` on AWS or any S3-compatible server. Unset fields fall back to the
    /// usual `AWS_*` environment variables.
    S3 {
        url: String,
        endpoint: Option<String>,
        region: Option<String>,
        access_key_id: Option<String>,
        secret_access_key: Option<String>,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("media storage is misconfigured: {0}")]
    Config(String),
    #[error("media storage: {0}")]
    Io(#[from] object_store::Error),
}

/// A handle on the blob store; cheap to clone.
#[derive(Clone, Debug)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
}

impl Storage {
    pub fn open(config: &StorageConfig) -> Result<Storage, StorageError> {
        let store: Arc<dyn ObjectStore> = match config {
            StorageConfig::Local(dir) => {
                std::fs::create_dir_all(dir)
                    .map_err(|e| StorageError::Config(format!("{}: {e}", dir.display())))?;
                Arc::new(object_store::local::LocalFileSystem::new_with_prefix(dir)?)
            }
            StorageConfig::S3 {
                url,
                endpoint,
                region,
                access_key_id,
                secret_access_key,
            } => {
                let parsed = url::Url::parse(url)
                    .map_err(|e| StorageError::Config(format!("media_url {url}: {e}")))?;
                if parsed.scheme() != "s3" || parsed.host_str().is_none() {
                    return Err(StorageError::Config(format!(
                        "media_url {url}: expected s3://bucket/prefix"
                    )));
                }
                let mut builder =
                    object_store::aws::AmazonS3Builder::from_env().with_url(url.as_str());
                if let Some(endpoint) = endpoint {
                    builder = builder
                        .with_endpoint(endpoint)
                        .with_allow_http(endpoint.starts_with("http://"));
                }
                if let Some(region) = region {
                    builder = builder.with_region(region);
                }
                if let Some(key) = access_key_id {
                    builder = builder.with_access_key_id(key);
                }
                if let Some(secret) = secret_access_key {
                    builder = builder.with_secret_access_key(secret);
                }
                let bucket = builder.build()?;
                let prefix = parsed.path().trim_matches('/');
                if prefix.is_empty() {
                    Arc::new(bucket)
                } else {
                    Arc::new(object_store::prefix::PrefixStore::new(bucket, prefix))
                }
            }
        };
        Ok(Storage { store })
    }

    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<(), StorageError> {
        self.store.put(&Path::from(key), bytes.into()).await?;
        Ok(())
    }

    pub async fn get(&self, key: &str) -> Result<Bytes, StorageError> {
        Ok(self.store.get(&Path::from(key)).await?.bytes().await?)
    }

    /// Every key under `prefix` (a folder such as `pyramid/<id>`).
    pub async fn list(&self, prefix: &str) -> Result<Vec<String>, StorageError> {
        let prefix = Path::from(prefix);
        let metas: Vec<_> = self.store.list(Some(&prefix)).try_collect().await?;
        Ok(metas.into_iter().map(|m| m.location.to_string()).collect())
    }

    /// Deletes `keys`; a key already gone is no error.
    pub async fn delete_all(&self, keys: Vec<String>) -> Result<(), StorageError> {
        let locations =
            futures_util::stream::iter(keys.into_iter().map(|k| Ok(Path::from(k)))).boxed();
        let mut deleted = self.store.delete_stream(locations);
        while let Some(done) = deleted.next().await {
            match done {
                Ok(_) | Err(object_store::Error::NotFound { .. }) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }
}
