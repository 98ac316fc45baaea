//! The tile pyramid every upload is cut into: level 0 is the image as served (EXIF orientation
//! applied), each next level half the size (rounded up), down to the first level that fits in
//! one tile. Every level is stored as 512-pixel PNG tiles, so an answer is put together from
//! a few small tiles of the nearest level and the master is never decoded again.

use kolo_domain::MediaId;

/// The side of a stored tile, and of the tiles `info.json` offers.
pub const TILE: u32 = 512;

/// The geometry of one image's pyramid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pyramid {
    pub width: u32,
    pub height: u32,
}

impl Pyramid {
    pub fn new(width: u32, height: u32) -> Pyramid {
        Pyramid { width, height }
    }

    /// How many levels there are: level `k` is downscaled by `2^k`.
    pub fn levels(&self) -> u32 {
        let mut k = 0;
        while {
            let (w, h) = self.level_size(k);
            w > TILE || h > TILE
        } {
            k += 1;
        }
        k + 1
    }

    /// The pixel size of level `k`.
    pub fn level_size(&self, k: u32) -> (u32, u32) {
        (self.width.div_ceil(1 << k), self.height.div_ceil(1 << k))
    }

    /// Columns and rows of tiles at level `k`.
    pub fn grid(&self, k: u32) -> (u32, u32) {
        let (w, h) = self.level_size(k);
        (w.div_ceil(TILE), h.div_ceil(TILE))
    }
}

pub fn master_key(id: &MediaId) -> String {
    format!("masters/{id}")
}

/// The folder of an image's derivatives.
pub fn pyramid_prefix(id: &MediaId) -> String {
    format!("pyramid/{id}")
}

pub fn tile_key(id: &MediaId, level: u32, col: u32, row: u32) -> String {
    format!("pyramid/{id}/{level}/{col}-{row}.png")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_halve_down_to_one_tile() {
        let p = Pyramid::new(1000, 1000);
        assert_eq!(p.levels(), 2);
        assert_eq!(p.level_size(1), (500, 500));
        assert_eq!(p.grid(0), (2, 2));
        let odd = Pyramid::new(6001, 3);
        assert_eq!(odd.levels(), 5);
        assert_eq!(odd.level_size(4), (376, 1));
        assert_eq!(Pyramid::new(1, 1).levels(), 1);
    }
}
