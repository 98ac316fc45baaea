//! Placeholder pictures for the demo's objects, drawn here from simple shapes (the demo ships no
//! photographs): a struck coin, an embroidered textile, a vessel, or a find on a plinth. Each is
//! large enough for deep zoom to have several levels.

use image::{ImageFormat, Rgb, RgbImage};
use std::io::Cursor;

/// What to draw, chosen from an object's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motif {
    Coin,
    Textile,
    Vessel,
    Find,
}

impl Motif {
    pub fn for_object_type(object_type: Option<&str>) -> Motif {
        match object_type.unwrap_or_default() {
            "coin" | "plaque" | "mirror" => Motif::Coin,
            "costume" | "shirt" | "ritual-towel" | "carpet" | "textile" => Motif::Textile,
            "jug" | "bowl" | "vessel" => Motif::Vessel,
            _ => Motif::Find,
        }
    }
}

const WIDTH: u32 = 1600;
const HEIGHT: u32 = 1200;
const BACKGROUND: Rgb<u8> = Rgb([236, 230, 218]);

/// A PNG of `motif`, varied by `seed` so neighbouring objects do not look the same.
pub fn draw(motif: Motif, seed: u64) -> Vec<u8> {
    let hue = (seed % 5) as u8;
    let metal = [
        Rgb([196, 160, 72]),
        Rgb([170, 172, 178]),
        Rgb([150, 98, 56]),
    ][(seed % 3) as usize];
    let thread = [Rgb([170, 28, 36]), Rgb([28, 28, 30]), Rgb([40, 70, 150])][(seed % 3) as usize];
    let (cx, cy) = (WIDTH as f32 / 2.0, HEIGHT as f32 / 2.0);
    let image = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let (dx, dy) = (x as f32 - cx, y as f32 - cy);
        match motif {
            Motif::Coin => {
                let r = (dx * dx + dy * dy).sqrt();
                let angle = dy.atan2(dx);
                if r < 420.0 {
                    // A rim, a beaded circle, and rays: the layout of a struck coin.
                    let bead = r > 360.0 && r < 380.0 && (angle * 48.0).sin() > 0.3;
                    let ray = r < 300.0 && (angle * (6.0 + f32::from(hue))).sin().abs() > 0.85;
                    let shade = 1.0 - r / 1400.0;
                    let base = if r > 395.0 || bead || ray { 0.75 } else { 1.0 };
                    scale(metal, base * shade)
                } else {
                    BACKGROUND
                }
            }
            Motif::Textile => {
                // Cross-stitch diamonds on linen, in bands.
                let (u, v) = (x % 80, y % 80);
                let band = (y / 240) % 2 == 0;
                let diamond = (i64::from(u) - 40).abs() + (i64::from(v) - 40).abs() < 28;
                let stitch = (u + v) % 8 < 2 || (u + 80 - v) % 8 < 2;
                if band && diamond && stitch {
                    thread
                } else if (x + y) % 4 == 0 {
                    Rgb([225, 218, 200])
                } else {
                    Rgb([242, 237, 224])
                }
            }
            Motif::Vessel => {
                // A jug's outline: body, neck and foot as one profile around the centre line.
                let t = (y as f32 - 150.0) / 900.0;
                let half_width = if !(0.0..=1.0).contains(&t) {
                    0.0
                } else if t < 0.2 {
                    110.0
                } else if t < 0.35 {
                    110.0 + (t - 0.2) * 1800.0
                } else {
                    380.0 * (1.0 - ((t - 0.62) / 0.4).powi(2)).max(0.0).sqrt() + 90.0
                };
                if dx.abs() < half_width {
                    let glaze = if ((y / 60) % 4) == u32::from(hue % 4) {
                        0.8
                    } else {
                        1.0
                    };
                    scale(Rgb([168, 92, 52]), glaze * (1.0 - dx.abs() / 900.0))
                } else {
                    BACKGROUND
                }
            }
            Motif::Find => {
                // A find on a plinth: a worn blade shape above a block.
                let on_plinth = y > 900 && y < 1000 && dx.abs() < 500.0;
                let blade = dy > -400.0
                    && dy < 250.0
                    && dx.abs() < 60.0 * (1.0 - (dy + 400.0) / 900.0) + 40.0;
                if blade {
                    scale(metal, 0.7 + 0.3 * ((x + y) % 17) as f32 / 17.0)
                } else if on_plinth {
                    Rgb([120, 112, 104])
                } else {
                    BACKGROUND
                }
            }
        }
    });
    let mut png = Cursor::new(Vec::new());
    image
        .write_to(&mut png, ImageFormat::Png)
        .expect("encoding a PNG into memory cannot fail");
    png.into_inner()
}

fn scale(Rgb([r, g, b]): Rgb<u8>, factor: f32) -> Rgb<u8> {
    let channel = |c: u8| (f32::from(c) * factor).clamp(0.0, 255.0) as u8;
    Rgb([channel(r), channel(g), channel(b)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_motif_is_a_real_picture() {
        for motif in [Motif::Coin, Motif::Textile, Motif::Vessel, Motif::Find] {
            let png = draw(motif, 1);
            let image = image::load_from_memory(&png).unwrap().to_rgb8();
            assert_eq!(image.dimensions(), (WIDTH, HEIGHT));
            let drawn = image.pixels().filter(|p| **p != BACKGROUND).count();
            assert!(
                drawn > (WIDTH * HEIGHT / 20) as usize,
                "{motif:?} drew only {drawn} pixels"
            );
        }
        assert_eq!(Motif::for_object_type(Some("costume")), Motif::Textile);
    }
}
