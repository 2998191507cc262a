//! The one place the shell opens a web address in the system browser (today: the buyer's chat on
//! https://wa.me/ for the WhatsApp reply helper).
//!
//! Testing seam: when `MOSTRADOR_OPEN_URL_LOG=<file>` is set, the address is appended to that file
//! (one per line) instead of being opened, so the E2E — under Xvfb, with no browser — can check
//! what would have been opened.

use std::io::Write;

pub fn open(url: &str) -> Result<(), String> {
    if let Some(log) = std::env::var_os("MOSTRADOR_OPEN_URL_LOG") {
        let mut file =
            std::fs::OpenOptions::new().create(true).append(true).open(log).map_err(|e| e.to_string())?;
        return writeln!(file, "{url}").map_err(|e| e.to_string());
    }
    tauri_plugin_opener::open_url(url, None::<&str>).map_err(|e| e.to_string())
}

/// `https://wa.me/<digits>` for a phone number written any way (`+54 9 351 555-0101`), or `None`
/// when it has too few or too many digits to be an international number.
pub fn whatsapp_chat_url(number: &str) -> Option<String> {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    (8..=15).contains(&digits.len()).then(|| format!("https://wa.me/{digits}"))
}

#[cfg(test)]
mod tests {
    use super::whatsapp_chat_url;

    #[test]
    fn only_digits_reach_the_address() {
        assert_eq!(whatsapp_chat_url("+54 9 351 555-0101").as_deref(), Some("https://wa.me/5493515550101"));
        assert_eq!(
            whatsapp_chat_url("5493515550101/../evil?x=1").as_deref(),
            Some("https://wa.me/54935155501011")
        );
        assert_eq!(whatsapp_chat_url("123"), None);
        assert_eq!(whatsapp_chat_url("1234567890123456"), None);
    }
}
