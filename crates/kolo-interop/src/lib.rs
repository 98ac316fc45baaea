//! Formats in and out of Kolo. Each module turns domain values into bytes or back, with no
//! database and no server, so every format is tested on its own.

pub mod atom;
pub mod bundle;
pub mod dublin_core;
pub mod frab;
pub mod frab_mapping;
pub mod ical;
pub mod iiif_presentation;
pub mod jsonld;
pub mod lido;
pub mod oai_pmh;
pub mod object_table;
pub mod objects;
pub mod sitemap;
pub mod tate;
mod xml;
