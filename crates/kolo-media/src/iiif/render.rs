//! From a parsed request to pixels: which pyramid level and tiles answer it (a [`Plan`]), then
//! cropping, scaling, mirroring, rotating, colour and encoding ([`compose`]).

use super::request::{Format, ImageBounds, ImageRequest, Quality, Rect, RequestError, Rotation};
use crate::pyramid::{Pyramid, TILE};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::imageops::{self, FilterType};
use image::{ExtendedColorType, GrayImage, ImageEncoder, RgbImage};

/// JPEG quality of answers: visually lossless for photographs of objects.
const JPEG_QUALITY: u8 = 88;

/// How one answer is made.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The pyramid level read (downscaled by `2^level`).
    pub level: u32,
    /// The region in that level's pixels.
    pub window: Rect,
    /// The answer's width and height, before rotation.
    pub size: (u32, u32),
    pub rotation: Rotation,
    pub quality: Quality,
    pub format: Format,
}

/// Works out the answer to `req` for an image of `bounds`; every invalid request fails here,
/// before any tile is read.
pub fn plan(req: &ImageRequest, bounds: &ImageBounds) -> Result<Plan, RequestError> {
    let region = req.region.resolve(bounds)?;
    let (tw, th) = req.size.resolve(region.w, region.h, bounds)?;
    let pyramid = Pyramid::new(bounds.width, bounds.height);
    // The smallest level that still has at least as many pixels as the answer needs.
    let shrink = (f64::from(region.w) / f64::from(tw)).min(f64::from(region.h) / f64::from(th));
    let mut level = 0;
    while level + 1 < pyramid.levels() && f64::from(1u32 << (level + 1)) <= shrink + 1e-9 {
        level += 1;
    }
    let f = 1u32 << level;
    let (lw, lh) = pyramid.level_size(level);
    let (x0, y0) = (region.x / f, region.y / f);
    let x1 = (region.x + region.w).div_ceil(f).min(lw);
    let y1 = (region.y + region.h).div_ceil(f).min(lh);
    Ok(Plan {
        level,
        window: Rect {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        },
        size: (tw, th),
        rotation: req.rotation,
        quality: req.quality,
        format: req.format,
    })
}

impl Plan {
    /// The stored tiles (`col`, `row`) of [`Plan::level`] the window covers.
    pub fn tiles(&self) -> Vec<(u32, u32)> {
        let w = self.window;
        let cols = w.x / TILE..=(w.x + w.w - 1) / TILE;
        let rows = w.y / TILE..=(w.y + w.h - 1) / TILE;
        rows.flat_map(|r| cols.clone().map(move |c| (c, r)))
            .collect()
    }

    /// The same for every request that asks for the same pixels, however it was written
    /// (`full` and `0,0,W,H`, `max` and `W,`): the cache key.
    pub fn canonical(&self) -> String {
        let w = self.window;
        format!(
            "{}/{},{},{},{}/{},{}/{}{}/{}.{}",
            self.level,
            w.x,
            w.y,
            w.w,
            w.h,
            self.size.0,
            self.size.1,
            if self.rotation.mirror { "!" } else { "" },
            self.rotation.degrees,
            self.quality.code(),
            self.format.code()
        )
    }
}

/// Paints the answer from the decoded tiles the plan named, and encodes it.
pub fn compose(
    plan: &Plan,
    tiles: &[((u32, u32), std::sync::Arc<RgbImage>)],
) -> Result<Vec<u8>, image::ImageError> {
    let w = plan.window;
    let mut canvas = RgbImage::new(w.w, w.h);
    for ((col, row), tile) in tiles {
        let x = i64::from(col * TILE) - i64::from(w.x);
        let y = i64::from(row * TILE) - i64::from(w.y);
        imageops::replace(&mut canvas, tile.as_ref(), x, y);
    }
    if canvas.dimensions() != plan.size {
        canvas = imageops::resize(&canvas, plan.size.0, plan.size.1, FilterType::Triangle);
    }
    if plan.rotation.mirror {
        imageops::flip_horizontal_in_place(&mut canvas);
    }
    canvas = match plan.rotation.degrees {
        90 => imageops::rotate90(&canvas),
        180 => imageops::rotate180(&canvas),
        270 => imageops::rotate270(&canvas),
        _ => canvas,
    };
    match plan.quality {
        Quality::Default | Quality::Color => {
            let (w, h) = canvas.dimensions();
            encode(plan.format, canvas.as_raw(), w, h, ExtendedColorType::Rgb8)
        }
        Quality::Gray | Quality::Bitonal => {
            let mut gray: GrayImage = image::DynamicImage::ImageRgb8(canvas).into_luma8();
            if plan.quality == Quality::Bitonal {
                for p in gray.pixels_mut() {
                    p.0[0] = if p.0[0] < 128 { 0 } else { 255 };
                }
            }
            let (w, h) = gray.dimensions();
            encode(plan.format, gray.as_raw(), w, h, ExtendedColorType::L8)
        }
    }
}

fn encode(
    format: Format,
    pixels: &[u8],
    w: u32,
    h: u32,
    color: ExtendedColorType,
) -> Result<Vec<u8>, image::ImageError> {
    let mut out = Vec::new();
    match format {
        Format::Jpg => JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
            .write_image(pixels, w, h, color)?,
        Format::Png => PngEncoder::new(&mut out).write_image(pixels, w, h, color)?,
        Format::Webp => WebPEncoder::new_lossless(&mut out).write_image(pixels, w, h, color)?,
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_of(r: &str, s: &str, w: u32, h: u32) -> Plan {
        let req = ImageRequest::parse(r, s, "0", "default.jpg").unwrap();
        plan(&req, &ImageBounds::new(w, h)).unwrap()
    }

    #[test]
    fn a_tile_request_reads_exactly_its_stored_tile() {
        // The second tile of the first row at scale factor 2, as info.json offers it.
        let p = plan_of("1024,0,1024,1024", "512,", 3000, 2000);
        assert_eq!(p.level, 1);
        assert_eq!(
            p.window,
            Rect {
                x: 512,
                y: 0,
                w: 512,
                h: 512
            }
        );
        assert_eq!(p.tiles(), [(1, 0)]);
        assert_eq!(p.size, (512, 512));
    }

    #[test]
    fn small_answers_come_from_small_levels() {
        let thumb = plan_of("full", "100,", 3000, 2000);
        assert_eq!(
            thumb.level, 3,
            "3000/2^3 = 375 is the smallest level above 100"
        );
        assert_eq!(thumb.tiles(), [(0, 0)]);
        let full = plan_of("full", "max", 3000, 2000);
        assert_eq!((full.level, full.tiles().len()), (0, 6 * 4));
        assert_eq!(
            full.canonical(),
            plan_of("0,0,3000,2000", "3000,", 3000, 2000).canonical()
        );
    }

    #[test]
    fn composes_crops_and_turns() {
        let tile = RgbImage::from_fn(512, 512, |x, y| image::Rgb([x as u8, y as u8, 0]));
        let req = ImageRequest::parse("10,20,30,40", "max", "90", "gray.png").unwrap();
        let p = plan(&req, &ImageBounds::new(512, 512)).unwrap();
        let png = compose(&p, &[((0, 0), std::sync::Arc::new(tile))]).unwrap();
        let out = image::load_from_memory(&png).unwrap();
        assert_eq!(
            (out.width(), out.height()),
            (40, 30),
            "rotated a quarter turn"
        );
        assert_eq!(out.color(), image::ColorType::L8);
    }
}
