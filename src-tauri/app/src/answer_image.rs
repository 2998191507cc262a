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
    let unreadable = |e: image::ImageError| {
        Error::InvalidInput(format!("{} could not be read as an image: {e}", path.display()))
    };
    // The header says how big the picture is: a few bytes can declare gigapixels, so the size is
    // checked before anything is decoded.
    let reader = || image::ImageReader::with_format(std::io::Cursor::new(&bytes), format);
    let (width, height) = reader().into_dimensions().map_err(unreadable)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Error::InvalidInput(format!(
            "{} is too large to copy as an image ({width} × {height} pixels)",
            path.display()
        )));
    }
    let image = reader().decode().map_err(unreadable)?;
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

    /// A PNG chunk: length, type, data, CRC-32 of type and data.
    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut crc = 0xFFFF_FFFFu32;
        for byte in kind.iter().chain(data) {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&(!crc).to_be_bytes());
        out
    }

    #[test]
    fn a_tiny_file_declaring_gigapixels_is_refused_before_decoding() {
        let dir = tempfile::tempdir().unwrap();
        let mut header = 100_000u32.to_be_bytes().to_vec();
        header.extend_from_slice(&100_000u32.to_be_bytes());
        header.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(chunk(b"IHDR", &header));
        png.extend(chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
        png.extend(chunk(b"IEND", &[]));
        let bomb = dir.path().join("guia-de-talles.png");
        std::fs::write(&bomb, &png).unwrap();
        let Err(error) = decode(&bomb) else { panic!("a 10-gigapixel picture was decoded") };
        assert_eq!(error.code(), "invalid_input");
        assert!(
            error.to_string().contains("too large") && error.to_string().contains("100000 × 100000"),
            "{error}"
        );
    }
}
