//! `info.json`: what the image service offers, stated exactly as implemented.

use super::request::ImageBounds;
use crate::pyramid::{Pyramid, TILE};
use serde_json::{Value, json};

pub const CONTEXT: &str = "http://iiif.io/api/image/3/context.json";
/// The media type of `info.json` when a client asks for JSON-LD.
pub const JSON_LD: &str = "application/ld+json;profile=\"http://iiif.io/api/image/3/context.json\"";

/// The image information document for the service at `id` (its absolute base URI).
pub fn info_json(id: &str, width: u32, height: u32) -> Value {
    let pyramid = Pyramid::new(width, height);
    let levels = pyramid.levels();
    let scale_factors: Vec<u32> = (0..levels).map(|k| 1 << k).collect();
    // Every pyramid level is a size that costs nothing to serve; smallest first.
    let sizes: Vec<Value> = (0..levels)
        .rev()
        .map(|k| {
            let (w, h) = pyramid.level_size(k);
            json!({ "width": w, "height": h })
        })
        .collect();
    json!({
        "@context": CONTEXT,
        "id": id,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level2",
        "width": width,
        "height": height,
        "maxArea": ImageBounds::new(width, height).max_area,
        "sizes": sizes,
        "tiles": [{ "width": TILE, "height": TILE, "scaleFactors": scale_factors }],
        "extraQualities": ["color", "gray", "bitonal"],
        "extraFormats": ["webp"],
        "extraFeatures": ["mirroring", "sizeUpscaling"],
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn offers_the_pyramid() {
        let info = super::info_json("https://example.org/iiif/3/x", 1000, 700);
        assert_eq!(info["type"], "ImageService3");
        assert_eq!(info["tiles"][0]["scaleFactors"], serde_json::json!([1, 2]));
        assert_eq!(
            info["sizes"][0],
            serde_json::json!({ "width": 500, "height": 350 })
        );
        assert_eq!(info["maxArea"], 2_800_000);
    }
}
