//! The one place the shell opens a web address in the system browser: the buyer's chat on
//! https://wa.me/ for the WhatsApp reply helper, and Mercado Libre's authorisation page for the
//! connect wizard — only on Mercado Libre's own https auth hosts.
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

/// Mercado Libre's authorisation hosts, one per country site (and the generic one).
const ML_AUTH_HOSTS: &[&str] = &[
    "auth.mercadolibre.com",
    "auth.mercadolibre.com.ar",
    "auth.mercadolivre.com.br",
    "auth.mercadolibre.com.mx",
    "auth.mercadolibre.cl",
    "auth.mercadolibre.com.co",
    "auth.mercadolibre.com.uy",
    "auth.mercadolibre.com.pe",
    "auth.mercadolibre.com.ec",
    "auth.mercadolibre.com.ve",
];

/// `url` when it is an https address on one of Mercado Libre's authorisation hosts (default port,
/// no user info), so the wizard can open nothing else.
pub fn ml_authorize_url(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let allowed = parsed.scheme() == "https"
        && parsed.port().is_none()
        && parsed.username().is_empty()
        && parsed.password().is_none()
        && parsed.host_str().is_some_and(|host| ML_AUTH_HOSTS.contains(&host));
    allowed.then(|| parsed.into())
}

#[cfg(test)]
mod tests {
    use super::{ml_authorize_url, whatsapp_chat_url};

    #[test]
    fn only_mercado_libre_auth_hosts_open() {
        let good = "https://auth.mercadolibre.com.ar/authorization?response_type=code&client_id=1";
        assert_eq!(ml_authorize_url(good).as_deref(), Some(good));
        assert!(ml_authorize_url("https://auth.mercadolivre.com.br/authorization").is_some());
        for bad in [
            "http://auth.mercadolibre.com.ar/authorization",
            "https://auth.mercadolibre.com.ar.evil.example/authorization",
            "https://evil.example/?auth.mercadolibre.com.ar",
            "https://user@auth.mercadolibre.com.ar/authorization",
            "https://auth.mercadolibre.com.ar:8443/authorization",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "http://127.0.0.1:1234/authorization",
        ] {
            assert_eq!(ml_authorize_url(bad), None, "{bad}");
        }
    }

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
