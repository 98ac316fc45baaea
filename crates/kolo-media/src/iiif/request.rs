//! The IIIF Image API 3.0 request: `{region}/{size}/{rotation}/{quality}.{format}`, parsed
//! whole before any work, and resolved against an image's size into exact pixels.

/// A request the server will not answer: a 400 naming the parameter.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{parameter}: {message}")]
pub struct RequestError {
    pub parameter: &'static str,
    pub message: String,
}

fn bad(parameter: &'static str, message: impl Into<String>) -> RequestError {
    RequestError {
        parameter,
        message: message.into(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Region {
    Full,
    Square,
    Pixels { x: u32, y: u32, w: u32, h: u32 },
    Percent { x: f64, y: f64, w: f64, h: f64 },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SizeKind {
    Max,
    Width(u32),
    Height(u32),
    Percent(f64),
    Exact(u32, u32),
    /// `!w,h`: as large as fits in the box, keeping the aspect ratio.
    Fit(u32, u32),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Size {
    /// `^`: the answer may be larger than the region.
    pub upscale: bool,
    pub kind: SizeKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rotation {
    /// `!`: mirrored left to right before rotating.
    pub mirror: bool,
    /// Clockwise: 0, 90, 180 or 270.
    pub degrees: u16,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quality {
    Default,
    Color,
    Gray,
    Bitonal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Jpg,
    Png,
    Webp,
}

impl Quality {
    pub fn code(self) -> &'static str {
        match self {
            Quality::Default => "default",
            Quality::Color => "color",
            Quality::Gray => "gray",
            Quality::Bitonal => "bitonal",
        }
    }
}

impl Format {
    pub fn code(self) -> &'static str {
        match self {
            Format::Jpg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ImageRequest {
    pub region: Region,
    pub size: Size,
    pub rotation: Rotation,
    pub quality: Quality,
    pub format: Format,
}

/// A whole number as IIIF writes them: digits only, no sign, no leading `+`.
fn number(parameter: &'static str, s: &str) -> Result<u32, RequestError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(parameter, format!("`{s}` is not a whole number")));
    }
    s.parse()
        .map_err(|_| bad(parameter, format!("`{s}` is too large")))
}

/// A non-negative decimal: digits with at most one point, no exponent.
fn decimal(parameter: &'static str, s: &str) -> Result<f64, RequestError> {
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    let points = s.bytes().filter(|b| *b == b'.').count();
    if digits == 0 || digits + points != s.len() || points > 1 {
        return Err(bad(parameter, format!("`{s}` is not a decimal number")));
    }
    s.parse()
        .map_err(|_| bad(parameter, format!("`{s}` is not a decimal number")))
}

fn four<T>(
    parameter: &'static str,
    s: &str,
    each: impl Fn(&'static str, &str) -> Result<T, RequestError>,
) -> Result<[T; 4], RequestError> {
    let parts: Vec<&str> = s.split(',').collect();
    let [x, y, w, h] = parts[..] else {
        return Err(bad(parameter, "expected x,y,w,h"));
    };
    Ok([
        each(parameter, x)?,
        each(parameter, y)?,
        each(parameter, w)?,
        each(parameter, h)?,
    ])
}

impl Region {
    pub fn parse(s: &str) -> Result<Region, RequestError> {
        match s {
            "full" => Ok(Region::Full),
            "square" => Ok(Region::Square),
            _ => {
                if let Some(pct) = s.strip_prefix("pct:") {
                    let [x, y, w, h] = four("region", pct, decimal)?;
                    if w <= 0.0 || h <= 0.0 {
                        return Err(bad("region", "width and height must be above zero"));
                    }
                    Ok(Region::Percent { x, y, w, h })
                } else {
                    let [x, y, w, h] = four("region", s, number)?;
                    if w == 0 || h == 0 {
                        return Err(bad("region", "width and height must be above zero"));
                    }
                    Ok(Region::Pixels { x, y, w, h })
                }
            }
        }
    }
}

impl Size {
    pub fn parse(s: &str) -> Result<Size, RequestError> {
        let (upscale, rest) = match s.strip_prefix('^') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let kind = if rest == "max" {
            SizeKind::Max
        } else if let Some(pct) = rest.strip_prefix("pct:") {
            let n = decimal("size", pct)?;
            if n <= 0.0 {
                return Err(bad("size", "a percentage must be above zero"));
            }
            SizeKind::Percent(n)
        } else {
            let (fit, dims) = match rest.strip_prefix('!') {
                Some(dims) => (true, dims),
                None => (false, rest),
            };
            let Some((w, h)) = dims.split_once(',') else {
                return Err(bad("size", format!("`{s}` is not a IIIF size")));
            };
            match (w.is_empty(), h.is_empty(), fit) {
                (false, true, false) => SizeKind::Width(number("size", w)?),
                (true, false, false) => SizeKind::Height(number("size", h)?),
                (false, false, false) => SizeKind::Exact(number("size", w)?, number("size", h)?),
                (false, false, true) => SizeKind::Fit(number("size", w)?, number("size", h)?),
                _ => return Err(bad("size", format!("`{s}` is not a IIIF size"))),
            }
        };
        Ok(Size { upscale, kind })
    }
}

impl Rotation {
    pub fn parse(s: &str) -> Result<Rotation, RequestError> {
        let (mirror, rest) = match s.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let degrees = decimal("rotation", rest)?;
        if degrees > 360.0 {
            return Err(bad("rotation", "degrees run from 0 to 360"));
        }
        let turns = degrees % 360.0;
        if turns % 90.0 != 0.0 {
            return Err(bad(
                "rotation",
                "only multiples of 90 degrees are supported",
            ));
        }
        Ok(Rotation {
            mirror,
            degrees: turns as u16,
        })
    }
}

impl ImageRequest {
    /// Parses the four path segments; the last is `{quality}.{format}`.
    pub fn parse(
        region: &str,
        size: &str,
        rotation: &str,
        quality_format: &str,
    ) -> Result<ImageRequest, RequestError> {
        let Some((quality, format)) = quality_format.rsplit_once('.') else {
            return Err(bad("format", "expected {quality}.{format}"));
        };
        let quality = match quality {
            "default" => Quality::Default,
            "color" => Quality::Color,
            "gray" => Quality::Gray,
            "bitonal" => Quality::Bitonal,
            other => return Err(bad("quality", format!("`{other}` is not offered"))),
        };
        let format = match format {
            "jpg" => Format::Jpg,
            "png" => Format::Png,
            "webp" => Format::Webp,
            other => return Err(bad("format", format!("`{other}` is not offered"))),
        };
        Ok(ImageRequest {
            region: Region::parse(region)?,
            size: Size::parse(size)?,
            rotation: Rotation::parse(rotation)?,
            quality,
            format,
        })
    }
}

/// A rectangle in full-image pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

/// What the server allows an answer to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageBounds {
    pub width: u32,
    pub height: u32,
    /// The most pixels an answer may have (`maxArea` in `info.json`).
    pub max_area: u64,
}

impl ImageBounds {
    /// Upscaling (`^`) may double each side, within an absolute cap, so a small image can be
    /// shown large but no request can make the server paint an enormous canvas.
    pub const MAX_AREA_CAP: u64 = 50_000_000;

    pub fn new(width: u32, height: u32) -> ImageBounds {
        let area = u64::from(width) * u64::from(height);
        ImageBounds {
            width,
            height,
            max_area: (area * 4).min(Self::MAX_AREA_CAP),
        }
    }
}

impl Region {
    /// The region in pixels, cut to the image; a region wholly outside it is an error.
    pub fn resolve(self, b: &ImageBounds) -> Result<Rect, RequestError> {
        let (iw, ih) = (b.width, b.height);
        let (x, y, w, h) = match self {
            Region::Full => (0, 0, iw, ih),
            Region::Square => {
                let side = iw.min(ih);
                ((iw - side) / 2, (ih - side) / 2, side, side)
            }
            Region::Pixels { x, y, w, h } => (x, y, w, h),
            Region::Percent { x, y, w, h } => {
                let px = |pct: f64, of: u32| (pct * f64::from(of) / 100.0).round();
                let clamp = |v: f64| v.min(f64::from(u32::MAX)) as u32;
                (
                    clamp(px(x, iw)),
                    clamp(px(y, ih)),
                    clamp(px(w, iw)),
                    clamp(px(h, ih)),
                )
            }
        };
        if x >= iw || y >= ih {
            return Err(bad("region", "the region lies outside the image"));
        }
        let w = w.min(iw - x);
        let h = h.min(ih - y);
        if w == 0 || h == 0 {
            return Err(bad("region", "the region is empty"));
        }
        Ok(Rect { x, y, w, h })
    }
}

impl Size {
    /// The answer's width and height for a region of `rw`×`rh`.
    pub fn resolve(self, rw: u32, rh: u32, b: &ImageBounds) -> Result<(u32, u32), RequestError> {
        let (fw, fh) = (f64::from(rw), f64::from(rh));
        let scaled = |s: f64| ((fw * s).round().max(1.0), (fh * s).round().max(1.0));
        let (w, h) = match self.kind {
            SizeKind::Max => {
                let area = fw * fh;
                let limit = b.max_area as f64;
                let s = if self.upscale || area > limit {
                    (limit / area).sqrt()
                } else {
                    1.0
                };
                let (w, h) = scaled(s);
                // Rounding must not step over the limit.
                if w * h > limit {
                    scaled(s * 0.999)
                } else {
                    (w, h)
                }
            }
            SizeKind::Width(w) => (f64::from(w), (fh * f64::from(w) / fw).round().max(1.0)),
            SizeKind::Height(h) => ((fw * f64::from(h) / fh).round().max(1.0), f64::from(h)),
            SizeKind::Percent(p) => scaled(p / 100.0),
            SizeKind::Exact(w, h) => (f64::from(w), f64::from(h)),
            SizeKind::Fit(w, h) => {
                let s = (f64::from(w) / fw).min(f64::from(h) / fh);
                let (tw, th) = scaled(s);
                (tw.min(f64::from(w)), th.min(f64::from(h)))
            }
        };
        if w < 1.0 || h < 1.0 {
            return Err(bad("size", "the answer would have no pixels"));
        }
        if !self.upscale && (w > fw || h > fh) {
            return Err(bad("size", "larger than the region; ask with ^ to upscale"));
        }
        if w * h > b.max_area as f64 {
            return Err(bad(
                "size",
                format!("more than the {} pixels an answer may have", b.max_area),
            ));
        }
        Ok((w as u32, h as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(r: &str, s: &str, rot: &str, qf: &str) -> Result<ImageRequest, RequestError> {
        ImageRequest::parse(r, s, rot, qf)
    }

    #[test]
    fn parses_every_form_the_spec_has() {
        let r = req("full", "max", "0", "default.jpg").unwrap();
        assert_eq!(r.region, Region::Full);
        assert_eq!(
            r.size,
            Size {
                upscale: false,
                kind: SizeKind::Max
            }
        );
        assert_eq!(
            r.rotation,
            Rotation {
                mirror: false,
                degrees: 0
            }
        );
        assert_eq!((r.quality, r.format), (Quality::Default, Format::Jpg));
        assert_eq!(Region::parse("square").unwrap(), Region::Square);
        assert_eq!(
            Region::parse("125,15,120,140").unwrap(),
            Region::Pixels {
                x: 125,
                y: 15,
                w: 120,
                h: 140
            }
        );
        assert_eq!(
            Region::parse("pct:41.6,7.5,40,70").unwrap(),
            Region::Percent {
                x: 41.6,
                y: 7.5,
                w: 40.0,
                h: 70.0
            }
        );
        for (s, kind, up) in [
            ("^max", SizeKind::Max, true),
            ("150,", SizeKind::Width(150), false),
            ("^,150", SizeKind::Height(150), true),
            ("pct:50", SizeKind::Percent(50.0), false),
            ("225,100", SizeKind::Exact(225, 100), false),
            ("^!225,100", SizeKind::Fit(225, 100), true),
        ] {
            assert_eq!(Size::parse(s).unwrap(), Size { upscale: up, kind }, "{s}");
        }
        assert_eq!(
            Rotation::parse("!180").unwrap(),
            Rotation {
                mirror: true,
                degrees: 180
            }
        );
        assert_eq!(Rotation::parse("360").unwrap().degrees, 0);
        assert_eq!(
            req("full", "max", "90", "gray.webp").unwrap().quality,
            Quality::Gray
        );
    }

    #[test]
    fn refuses_anything_else_by_parameter() {
        for (r, s, rot, qf, parameter) in [
            ("fulll", "max", "0", "default.jpg", "region"),
            ("0,0,0,10", "max", "0", "default.jpg", "region"),
            ("1,2,3", "max", "0", "default.jpg", "region"),
            ("-1,0,10,10", "max", "0", "default.jpg", "region"),
            ("pct:1e2,0,10,10", "max", "0", "default.jpg", "region"),
            ("full", "full", "0", "default.jpg", "size"),
            ("full", "!,100", "0", "default.jpg", "size"),
            ("full", "pct:0", "0", "default.jpg", "size"),
            ("full", ",", "0", "default.jpg", "size"),
            ("full", "max", "45", "default.jpg", "rotation"),
            ("full", "max", "-90", "default.jpg", "rotation"),
            ("full", "max", "450", "default.jpg", "rotation"),
            ("full", "max", "0", "native.jpg", "quality"),
            ("full", "max", "0", "default.gif", "format"),
            ("full", "max", "0", "default", "format"),
        ] {
            let e = req(r, s, rot, qf).unwrap_err();
            assert_eq!(e.parameter, parameter, "{r}/{s}/{rot}/{qf}: {e}");
        }
    }

    #[test]
    fn resolves_against_the_image() {
        let b = ImageBounds::new(1000, 500);
        let rect = |r: &str| Region::parse(r).unwrap().resolve(&b);
        assert_eq!(
            rect("square").unwrap(),
            Rect {
                x: 250,
                y: 0,
                w: 500,
                h: 500
            }
        );
        assert_eq!(
            rect("900,400,500,500").unwrap(),
            Rect {
                x: 900,
                y: 400,
                w: 100,
                h: 100
            }
        );
        assert_eq!(
            rect("pct:10,10,50,50").unwrap(),
            Rect {
                x: 100,
                y: 50,
                w: 500,
                h: 250
            }
        );
        assert!(rect("1000,0,10,10").is_err(), "starts past the edge");
        let size = |s: &str| Size::parse(s).unwrap().resolve(1000, 500, &b);
        assert_eq!(size("max").unwrap(), (1000, 500));
        assert_eq!(size("500,").unwrap(), (500, 250));
        assert_eq!(size(",100").unwrap(), (200, 100));
        assert_eq!(size("pct:25").unwrap(), (250, 125));
        assert_eq!(size("!100,100").unwrap(), (100, 50));
        assert_eq!(size("^2000,").unwrap(), (2000, 1000));
        assert_eq!(size("^max").unwrap(), (2000, 1000));
        assert_eq!(
            size("2000,").unwrap_err().parameter,
            "size",
            "no upscaling without ^"
        );
        assert!(
            size("!2000,3000").is_err(),
            "fitting a larger box is upscaling too"
        );
        assert!(size("^4000,2000").is_err(), "over maxArea");
    }
}
