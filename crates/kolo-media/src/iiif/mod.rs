//! The IIIF Image API 3.0: the request grammar, the image information document, rendering.

pub mod info;
pub mod render;
pub mod request;
