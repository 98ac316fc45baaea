//! Accepting an upload: the format is told by content, sizes are checked against the limits
//! before anything is allocated, EXIF orientation is applied, and the pixels are cut into the
//! public tile pyramid. Derivatives are encoded afresh from pixels, so they carry no metadata
//! (no GPS position, no camera serial); the master keeps its bytes and is never served.

use crate::pyramid::{Pyramid, TILE};
use bytes::Bytes;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::error::LimitErrorKind;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageError, ImageFormat, RgbImage};
use sha2::{Digest, Sha256};

/// What an upload may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntakeLimits {
    /// The largest file, in bytes.
    pub max_bytes: u64,
    /// The most pixels (width × height).
    pub max_pixels: u64,
    /// The most memory the decoded image may take, in bytes.
    pub max_decoded_bytes: u64,
}

impl Default for IntakeLimits {
    fn default() -> Self {
        IntakeLimits {
            max_bytes: 64 * 1024 * 1024,
            max_pixels: 100_000_000,
            max_decoded_bytes: 1024 * 1024 * 1024,
        }
    }
}

/// Why an upload was refused. [`IntakeError::reason`] is the stable code clients see.
#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than the limit of {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the file is not a JPEG, PNG, TIFF or WebP image")]
    UnsupportedFormat,
    #[error("the image is {width}×{height} pixels, more than the limit of {limit} pixels")]
    TooManyPixels { width: u32, height: u32, limit: u64 },
    #[error(
        "decoding the image needs {needed} bytes, more than the limit of {limit} bytes of decoded memory"
    )]
    TooMuchMemory { needed: u64, limit: u64 },
    #[error("the image cannot be decoded: {0}")]
    Undecodable(String),
}

impl IntakeError {
    pub fn reason(&self) -> &'static str {
        match self {
            IntakeError::Empty => "empty",
            IntakeError::TooLarge { .. } => "too-large",
            IntakeError::UnsupportedFormat => "unsupported-format",
            IntakeError::TooManyPixels { .. } => "too-many-pixels",
            IntakeError::TooMuchMemory { .. } => "decoded-memory-limit",
            IntakeError::Undecodable(_) => "undecodable",
        }
    }

    /// The limit that was exceeded, if a limit was.
    pub fn limit(&self) -> Option<u64> {
        match self {
            IntakeError::TooLarge { limit }
            | IntakeError::TooManyPixels { limit, .. }
            | IntakeError::TooMuchMemory { limit, .. } => Some(*limit),
            _ => None,
        }
    }
}

/// An accepted upload, ready to store.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub mime: &'static str,
    /// After EXIF orientation.
    pub width: u32,
    pub height: u32,
    pub sha256: String,
    pub master: Bytes,
    /// `(level, col, row, png)`.
    pub tiles: Vec<(u32, u32, u32, Bytes)>,
}

/// Checks and decodes `file` and cuts its pyramid. Blocking: run it on a blocking thread.
pub fn prepare(file: Bytes, limits: &IntakeLimits) -> Result<Prepared, IntakeError> {
    if file.is_empty() {
        return Err(IntakeError::Empty);
    }
    if file.len() as u64 > limits.max_bytes {
        return Err(IntakeError::TooLarge {
            limit: limits.max_bytes,
        });
    }
    let format = image::guess_format(&file).map_err(|_| IntakeError::UnsupportedFormat)?;
    let mime = match format {
        ImageFormat::Jpeg => "image/jpeg",
        ImageFormat::Png => "image/png",
        ImageFormat::Tiff => "image/tiff",
        ImageFormat::WebP => "image/webp",
        _ => return Err(IntakeError::UnsupportedFormat),
    };
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(&file[..]), format);
    let mut decoder_limits = image::Limits::default();
    decoder_limits.max_alloc = Some(limits.max_decoded_bytes);
    reader.limits(decoder_limits);
    let mut decoder = reader.into_decoder().map_err(|e| refused(e, limits))?;
    // The header is all that has been read so far: refuse a bomb before its pixels exist.
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(IntakeError::TooManyPixels {
            width,
            height,
            limit: limits.max_pixels,
        });
    }
    let needed = decoder.total_bytes();
    if needed > limits.max_decoded_bytes {
        return Err(IntakeError::TooMuchMemory {
            needed,
            limit: limits.max_decoded_bytes,
        });
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut decoded = DynamicImage::from_decoder(decoder).map_err(|e| refused(e, limits))?;
    metrics::counter!("kolo_media_master_decodes_total").increment(1);
    decoded.apply_orientation(orientation);
    let pixels = decoded.into_rgb8();
    let (width, height) = pixels.dimensions();
    if width == 0 || height == 0 {
        return Err(IntakeError::Undecodable("the image has no pixels".into()));
    }
    let tiles = cut_pyramid(pixels)?;
    Ok(Prepared {
        mime,
        width,
        height,
        sha256: hex::encode(Sha256::digest(&file)),
        master: file,
        tiles,
    })
}

fn refused(e: ImageError, limits: &IntakeLimits) -> IntakeError {
    match e {
        ImageError::Limits(l) if matches!(l.kind(), LimitErrorKind::InsufficientMemory) => {
            IntakeError::TooMuchMemory {
                needed: limits.max_decoded_bytes.saturating_add(1),
                limit: limits.max_decoded_bytes,
            }
        }
        ImageError::Unsupported(_) => IntakeError::UnsupportedFormat,
        other => IntakeError::Undecodable(other.to_string()),
    }
}

fn cut_pyramid(level0: RgbImage) -> Result<Vec<(u32, u32, u32, Bytes)>, IntakeError> {
    let pyramid = Pyramid::new(level0.width(), level0.height());
    let mut tiles = Vec::new();
    let mut level = level0;
    for k in 0..pyramid.levels() {
        if k > 0 {
            let (w, h) = pyramid.level_size(k);
            level = image::imageops::resize(&level, w, h, image::imageops::FilterType::Triangle);
        }
        let (cols, rows) = pyramid.grid(k);
        for row in 0..rows {
            for col in 0..cols {
                let (x, y) = (col * TILE, row * TILE);
                let w = TILE.min(level.width() - x);
                let h = TILE.min(level.height() - y);
                let tile = image::imageops::crop_imm(&level, x, y, w, h).to_image();
                tiles.push((k, col, row, encode_png(&tile)?));
            }
        }
    }
    Ok(tiles)
}

/// Lossless and quick to write: tiles are decoded again for every answer not yet cached.
fn encode_png(tile: &RgbImage) -> Result<Bytes, IntakeError> {
    let mut out = Vec::new();
    PngEncoder::new_with_quality(&mut out, CompressionType::Fast, PngFilter::Adaptive)
        .write_image(
            tile.as_raw(),
            tile.width(),
            tile.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| IntakeError::Undecodable(e.to_string()))?;
    Ok(out.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Bytes {
        let img = RgbImage::from_fn(width, height, |x, _| image::Rgb([x as u8, 0, 0]));
        let mut out = Vec::new();
        PngEncoder::new(&mut out)
            .write_image(img.as_raw(), width, height, image::ExtendedColorType::Rgb8)
            .unwrap();
        out.into()
    }

    #[test]
    fn content_decides_the_format() {
        let limits = IntakeLimits::default();
        let ok = prepare(png(600, 300), &limits).unwrap();
        assert_eq!((ok.mime, ok.width, ok.height), ("image/png", 600, 300));
        // Level 0: two tiles; level 1 (300×150): one.
        assert_eq!(ok.tiles.len(), 3);
        let text = Bytes::from_static(b"GIF89a not really");
        assert_eq!(
            prepare(text, &limits).unwrap_err().reason(),
            "unsupported-format"
        );
        let truncated = png(600, 300).slice(0..100);
        assert_eq!(
            prepare(truncated, &limits).unwrap_err().reason(),
            "undecodable"
        );
    }

    #[test]
    fn limits_name_themselves() {
        let small = IntakeLimits {
            max_bytes: 100,
            ..IntakeLimits::default()
        };
        let e = prepare(png(10, 10), &small).unwrap_err();
        assert_eq!((e.reason(), e.limit()), ("too-large", Some(100)));
        let few = IntakeLimits {
            max_pixels: 99,
            ..IntakeLimits::default()
        };
        assert_eq!(
            prepare(png(10, 10), &few).unwrap_err().reason(),
            "too-many-pixels"
        );
        let tight = IntakeLimits {
            max_decoded_bytes: 299,
            ..IntakeLimits::default()
        };
        let e = prepare(png(10, 10), &tight).unwrap_err();
        assert_eq!((e.reason(), e.limit()), ("decoded-memory-limit", Some(299)));
    }
}
