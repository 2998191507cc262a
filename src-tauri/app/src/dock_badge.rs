//! The needs-reply count on the app's own icon: the Dock badge on macOS, the launcher entry's
//! count on Linux (tauri's `set_badge_count`: libunity's LauncherEntry, shown only where libunity
//! is installed and a Unity launcher runs), and on Windows a small overlay on the taskbar button,
//! drawn here (red disc, white digits) because Windows has no badge number of its own.

/// What the Dock or launcher shows: nothing at zero (`None` clears the badge).
#[cfg(any(not(windows), test))]
pub(crate) fn count(needs_reply: u32) -> Option<i64> {
    (needs_reply > 0).then_some(i64::from(needs_reply))
}

/// Side of the overlay image in pixels; Windows scales it down to the taskbar's overlay size.
#[cfg(any(windows, test))]
pub(crate) const OVERLAY_SIDE: u32 = 32;

/// The overlay's text: the count up to 99, then "99+" (three glyphs still fit the disc).
#[cfg(any(windows, test))]
fn overlay_text(needs_reply: u32) -> Option<String> {
    match needs_reply {
        0 => None,
        1..=99 => Some(needs_reply.to_string()),
        _ => Some("99+".to_string()),
    }
}

/// 3×5 glyphs, one row per byte, the three low bits left to right.
#[cfg(any(windows, test))]
fn glyph(c: char) -> [u8; 5] {
    match c {
        '0' => [0b111, 0b101, 0b101, 0b101, 0b111],
        '1' => [0b010, 0b110, 0b010, 0b010, 0b111],
        '2' => [0b111, 0b001, 0b111, 0b100, 0b111],
        '3' => [0b111, 0b001, 0b111, 0b001, 0b111],
        '4' => [0b101, 0b101, 0b111, 0b001, 0b001],
        '5' => [0b111, 0b100, 0b111, 0b001, 0b111],
        '6' => [0b111, 0b100, 0b111, 0b101, 0b111],
        '7' => [0b111, 0b001, 0b010, 0b010, 0b010],
        '8' => [0b111, 0b101, 0b111, 0b101, 0b111],
        '9' => [0b111, 0b101, 0b111, 0b001, 0b111],
        '+' => [0b000, 0b010, 0b111, 0b010, 0b000],
        _ => [0; 5],
    }
}

/// The overlay as RGBA pixels (`OVERLAY_SIDE` square), or `None` at zero (no overlay).
#[cfg(any(windows, test))]
pub(crate) fn overlay_rgba(needs_reply: u32) -> Option<Vec<u8>> {
    const DISC: [u8; 4] = [0xC6, 0x28, 0x28, 0xFF];
    const INK: [u8; 4] = [0xFF, 0xFF, 0xFF, 0xFF];
    let text = overlay_text(needs_reply)?;
    let side = OVERLAY_SIDE as usize;
    let mut pixels = vec![0u8; side * side * 4];
    let mut paint = |x: usize, y: usize, colour: [u8; 4]| {
        let at = (y * side + x) * 4;
        pixels[at..at + 4].copy_from_slice(&colour);
    };
    let centre = (side as f64 - 1.0) / 2.0;
    let radius = side as f64 / 2.0;
    for y in 0..side {
        for x in 0..side {
            if (x as f64 - centre).hypot(y as f64 - centre) <= radius {
                paint(x, y, DISC);
            }
        }
    }
    // Glyphs drawn at twice their size (6×10) with a 2-pixel gap, centred.
    let scale = 2;
    let glyphs = text.chars().count();
    let width = glyphs * 3 * scale + (glyphs - 1) * scale;
    let (left, top) = ((side - width) / 2, (side - 5 * scale) / 2);
    for (n, c) in text.chars().enumerate() {
        let x0 = left + n * 4 * scale;
        for (row, bits) in glyph(c).iter().enumerate() {
            for column in 0..3 {
                if bits & (0b100 >> column) != 0 {
                    for dy in 0..scale {
                        for dx in 0..scale {
                            paint(x0 + column * scale + dx, top + row * scale + dy, INK);
                        }
                    }
                }
            }
        }
    }
    Some(pixels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_clears_the_badge_and_any_other_count_is_shown_as_is() {
        assert_eq!(count(0), None);
        assert_eq!(count(1), Some(1));
        assert_eq!(count(250), Some(250));
    }

    #[test]
    fn the_overlay_is_absent_at_zero_and_caps_its_text_at_99_plus() {
        assert_eq!(overlay_text(0), None);
        assert_eq!(overlay_text(7).as_deref(), Some("7"));
        assert_eq!(overlay_text(99).as_deref(), Some("99"));
        assert_eq!(overlay_text(100).as_deref(), Some("99+"));
        assert!(overlay_rgba(0).is_none());
    }

    /// The digits are really drawn: a 1 and an 8 differ, white ink sits inside the red disc, and
    /// the corners stay transparent.
    #[test]
    fn the_overlay_draws_white_digits_on_a_red_disc() {
        let side = OVERLAY_SIDE as usize;
        let white = |pixels: &[u8]| pixels.chunks(4).filter(|p| *p == [0xFF; 4]).count();
        let one = overlay_rgba(1).unwrap();
        let eight = overlay_rgba(8).unwrap();
        let many = overlay_rgba(123).unwrap();
        assert_eq!(one.len(), side * side * 4);
        assert!(white(&one) > 0 && white(&one) < white(&eight), "a 1 has less ink than an 8");
        assert!(white(&many) > white(&eight));
        assert_eq!(&one[0..4], &[0, 0, 0, 0], "corner outside the disc");
        let middle_of_edge = (side / 2 * side) * 4;
        assert_eq!(&one[middle_of_edge..middle_of_edge + 4], &[0xC6, 0x28, 0x28, 0xFF]);
    }
}
