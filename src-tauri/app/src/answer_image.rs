//! A saved answer's image attachment as pixels for the clipboard. The system clipboard takes raw
//! RGBA, so PNG and JPEG files (size charts, payment QRs, photos of the pickup point) are decoded
//! here; anything else is refused with a plain reason.

use std::path::Path;

use mostrador_core::{Error, Result};

/// Largest picture put on the clipboard, in pixels (a 48-megapixel phone photo is 192 MB of RGBA).
const MAX_PIXELS: u64 = 40_000_000;

pub struct Rgba {
    pub pixels: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

pub fn decode(path: &Path) -> Result<Rgba> {
    let bytes = std::fs::read(path)?;
    let format = image::guess_format(&bytes)
        .map_err(|_| Error::InvalidInput(format!("{} is not a PNG or JPEG image", path.display())))?;
    if !matches!(format, image::ImageFormat::Png | image::ImageFormat::Jpeg) {
        return Err(Error::InvalidInput(format!("{} is not a PNG or JPEG image", path.display())));
    }
    let image = image::load_from_memory_with_format(&bytes, format)
        .map_err(|e| Error::InvalidInput(format!("{} could not be read as an image: {e}", path.display())))?;
    if u64::from(image.width()) * u64::from(image.height()) > MAX_PIXELS {
        return Err(Error::InvalidInput(format!("{} is too large to copy as an image", path.display())));
    }
    let rgba = image.into_rgba8();
    let (width, height) = rgba.dimensions();
    Ok(Rgba { pixels: rgba.into_raw(), width, height })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_becomes_rgba_and_a_pdf_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let png = dir.path().join("qr.png");
        image::RgbImage::from_pixel(3, 2, image::Rgb([200, 10, 10])).save(&png).unwrap();
        let rgba = decode(&png).unwrap();
        assert_eq!((rgba.width, rgba.height), (3, 2));
        assert_eq!(&rgba.pixels[..4], &[200, 10, 10, 255]);

        let pdf = dir.path().join("catalogo.pdf");
        std::fs::write(&pdf, b"%PDF-1.7\n").unwrap();
        assert!(matches!(decode(&pdf), Err(e) if e.code() == "invalid_input"));
    }
}
