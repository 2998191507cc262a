//! Bytes of an export → text. WhatsApp writes UTF-8 (iOS with a BOM); exports that went through
//! another program come as UTF-16. Anything else is refused before it reaches the line parser.

use super::ExportError;
use super::limits::MAX_EXPORT_BYTES;

pub(crate) fn decode(bytes: &[u8]) -> Result<String, ExportError> {
    if bytes.len() as u64 > MAX_EXPORT_BYTES {
        return Err(ExportError::TooLarge { bytes: bytes.len() as u64, limit: MAX_EXPORT_BYTES });
    }
    let text = match utf16_order(bytes) {
        Some(big_endian) => decode_utf16(bytes, big_endian)?,
        None => decode_utf8(bytes)?,
    };
    if text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}').is_empty() {
        return Err(ExportError::Empty);
    }
    if looks_binary(&text) {
        return Err(ExportError::Binary);
    }
    Ok(text)
}

/// `Some(big_endian)` for UTF-16: by its BOM, or, without one, by the zero bytes every ASCII
/// character leaves on one side.
fn utf16_order(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some(false),
        [0xFE, 0xFF, ..] => return Some(true),
        _ => {}
    }
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if zero_odd * 10 >= pairs * 6 && zero_even * 10 < pairs {
        Some(false)
    } else if zero_even * 10 >= pairs * 6 && zero_odd * 10 < pairs {
        Some(true)
    } else {
        None
    }
}

fn decode_utf16(bytes: &[u8], big_endian: bool) -> Result<String, ExportError> {
    let units = bytes.chunks_exact(2).map(|pair| {
        if big_endian {
            u16::from_be_bytes([pair[0], pair[1]])
        } else {
            u16::from_le_bytes([pair[0], pair[1]])
        }
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut bad = 0usize;
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => text.push(c),
            Err(_) => {
                bad += 1;
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    if bad * 100 > text.chars().count().max(1) {
        return Err(ExportError::Binary);
    }
    Ok(strip_bom(text))
}

fn decode_utf8(bytes: &[u8]) -> Result<String, ExportError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            // A few broken bytes (a file cut mid-character) are forgiven; a different encoding is not.
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let bad = lossy.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
            if bad * 100 > lossy.chars().count().max(1) {
                return Err(ExportError::Binary);
            }
            lossy
        }
    };
    Ok(strip_bom(text))
}

fn strip_bom(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

/// NULs or many control characters: a picture, a database or a zip, not a chat.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(1 << 20) {
        total += 1;
        if c == '\0' {
            return true;
        }
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0c}') {
            control += 1;
        }
    }
    control * 100 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = if bom { vec![0xFEFF] } else { vec![] }.into_iter().chain(text.encode_utf16());
        for unit in units {
            out.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        out
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("hola ñ".as_bytes()).unwrap(), "hola ñ");
        assert_eq!(decode("\u{feff}hola ñ".as_bytes()).unwrap(), "hola ñ");
    }

    #[test]
    fn utf16_both_orders_with_and_without_bom() {
        let text = "12/3/25, 09:11 - Ana: ¿Tenés la taza azul?";
        for big_endian in [false, true] {
            for bom in [false, true] {
                assert_eq!(decode(&utf16(text, big_endian, bom)).unwrap(), text, "be={big_endian} bom={bom}");
            }
        }
    }

    #[test]
    fn empty_binary_and_too_large_are_refused() {
        assert_eq!(decode(b""), Err(ExportError::Empty));
        assert_eq!(decode(b" \n\r\n"), Err(ExportError::Empty));
        assert_eq!(decode("\u{feff}".as_bytes()), Err(ExportError::Empty));
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0"), Err(ExportError::Binary));
        let garbage: Vec<u8> = (0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        assert_eq!(decode(&garbage), Err(ExportError::Binary));
    }
}
