//! The one place the shell opens a web address in the system browser: the buyer's chat on
//! https://wa.me/ for the WhatsApp reply helper, the channels' authorisation pages for the connect
//! wizards (only Mercado Libre's and Meta's own https hosts), a conversation in Instagram or
//! Messenger (only Meta's hosts) or on Etsy (only www.etsy.com), the mail providers' pages for
//! app passwords, and Microsoft's page for entering a sign-in code.
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

/// `url` when it is https on one of `hosts` (default port, no user info).
fn on_hosts(url: &str, hosts: &[&str]) -> Option<url::Url> {
    let parsed = url::Url::parse(url).ok()?;
    let allowed = parsed.scheme() == "https"
        && parsed.port().is_none()
        && parsed.username().is_empty()
        && parsed.password().is_none()
        && parsed.host_str().is_some_and(|host| hosts.contains(&host));
    allowed.then_some(parsed)
}

/// Instagram's and Facebook's authorisation pages, and nothing else on their hosts.
pub fn meta_authorize_url(url: &str) -> Option<String> {
    let parsed = on_hosts(url, &["www.instagram.com", "www.facebook.com"])?;
    let path = parsed.path();
    let authorise = path == "/oauth/authorize" || (path.starts_with("/v") && path.ends_with("/dialog/oauth"));
    authorise.then(|| parsed.into())
}

/// Where a conversation opens in Meta's own apps: the direct thread with a buyer whose Instagram
/// username is known (`ig.me`), the seller's inbox otherwise, a comment's post by its link.
pub fn meta_conversation_url(
    messenger: bool,
    comment: bool,
    post_link: Option<&str>,
    username: Option<&str>,
) -> String {
    if comment && let Some(link) = post_link.and_then(|l| on_hosts(l, META_HOSTS)) {
        return link.into();
    }
    let username = username
        .map(|u| u.trim().trim_start_matches('@'))
        .filter(|u| !u.is_empty() && u.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_'));
    match (messenger, username) {
        (false, Some(username)) => format!("https://ig.me/m/{username}"),
        (false, None) => "https://www.instagram.com/direct/inbox/".into(),
        (true, _) => "https://business.facebook.com/latest/inbox/all".into(),
    }
}

/// Meta's hosts a conversation or a post may open on.
const META_HOSTS: &[&str] = &[
    "www.instagram.com",
    "instagram.com",
    "ig.me",
    "www.facebook.com",
    "facebook.com",
    "m.me",
    "business.facebook.com",
];

/// `url` when it is https on Meta's hosts, so nothing else opens from a conversation.
pub fn meta_app_url(url: &str) -> Option<String> {
    on_hosts(url, META_HOSTS).map(Into::into)
}

/// An Etsy conversation's page when the notice linked it (https on www.etsy.com, under
/// `/your/conversations`), else the seller's list of conversations.
pub fn etsy_conversation_url(link: Option<&str>) -> String {
    link.and_then(|l| on_hosts(l, &["www.etsy.com"]))
        .filter(|u| u.path().starts_with("/your/conversations"))
        .map_or_else(|| "https://www.etsy.com/your/conversations".to_owned(), Into::into)
}

/// Etsy's authorisation page (www.etsy.com/oauth/connect), and nothing else on the host.
pub fn etsy_authorize_url(url: &str) -> Option<String> {
    on_hosts(url, &["www.etsy.com"]).filter(|u| u.path() == "/oauth/connect").map(Into::into)
}

/// Where a seller makes the Etsy app whose keystring the wizard asks for.
pub const ETSY_APPS_PAGE: &str = "https://www.etsy.com/developers/your-apps";

/// The providers' pages for app passwords.
const APP_PASSWORD_HOSTS: &[&str] = &["myaccount.google.com", "login.yahoo.com", "account.apple.com"];

/// `url` when it is https on a provider's account host.
pub fn app_password_url(url: &str) -> Option<String> {
    on_hosts(url, APP_PASSWORD_HOSTS).map(Into::into)
}

/// Microsoft's pages for entering a sign-in code, as its device code answer names them
/// (`https://www.microsoft.com/link`, the older `https://microsoft.com/devicelogin`), and nothing
/// else on those hosts.
pub fn microsoft_device_url(url: &str) -> Option<String> {
    let parsed = on_hosts(url, &["www.microsoft.com", "microsoft.com", "login.microsoft.com"])?;
    let path = parsed.path().trim_end_matches('/').to_ascii_lowercase();
    ["/link", "/devicelogin", "/device"].contains(&path.as_str()).then(|| parsed.into())
}

#[cfg(test)]
mod tests {
    use super::{
        app_password_url, etsy_authorize_url, etsy_conversation_url, meta_app_url, meta_authorize_url,
        meta_conversation_url, microsoft_device_url, ml_authorize_url, whatsapp_chat_url,
    };

    #[test]
    fn etsy_authorisation_is_its_connect_page_only() {
        let page = "https://www.etsy.com/oauth/connect?response_type=code&client_id=k";
        assert_eq!(etsy_authorize_url(page).as_deref(), Some(page));
        for other in [
            "http://www.etsy.com/oauth/connect?client_id=k",
            "https://www.etsy.com/your/conversations/1",
            "https://www.etsy.com.evil.example/oauth/connect",
            "https://user@www.etsy.com/oauth/connect",
            "https://127.0.0.1:4242/oauth/connect",
        ] {
            assert_eq!(etsy_authorize_url(other), None, "{other}");
        }
    }

    #[test]
    fn microsoft_opens_only_its_code_pages() {
        for url in [
            "https://www.microsoft.com/link",
            "https://microsoft.com/devicelogin",
            "https://login.microsoft.com/device",
        ] {
            assert_eq!(microsoft_device_url(url).as_deref(), Some(url));
        }
        for url in [
            "http://www.microsoft.com/link",
            "https://www.microsoft.com/es-ar/store",
            "https://www.microsoft.com:8443/link",
            "https://evil.example/link",
            "https://www.microsoft.com.evil.example/link",
            "https://user@www.microsoft.com/link",
        ] {
            assert_eq!(microsoft_device_url(url), None, "{url}");
        }
    }

    #[test]
    fn etsy_opens_only_its_conversations() {
        assert_eq!(
            etsy_conversation_url(Some("https://www.etsy.com/your/conversations/1234567890")),
            "https://www.etsy.com/your/conversations/1234567890"
        );
        for other in [
            "https://www.etsy.com.evil.example/your/conversations/1",
            "http://www.etsy.com/your/conversations/1",
            "https://www.etsy.com/listing/1",
        ] {
            assert_eq!(
                etsy_conversation_url(Some(other)),
                "https://www.etsy.com/your/conversations",
                "{other}"
            );
        }
        assert_eq!(etsy_conversation_url(None), "https://www.etsy.com/your/conversations");
        assert!(app_password_url("https://myaccount.google.com/apppasswords").is_some());
        assert!(app_password_url("https://myaccount.google.com.evil.example/apppasswords").is_none());
    }

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

    #[test]
    fn only_meta_authorisation_pages_and_hosts_open() {
        let ig = "https://www.instagram.com/oauth/authorize?client_id=1&redirect_uri=x";
        assert_eq!(meta_authorize_url(ig).as_deref(), Some(ig));
        let fb = "https://www.facebook.com/v24.0/dialog/oauth?client_id=1";
        assert_eq!(meta_authorize_url(fb).as_deref(), Some(fb));
        for bad in [
            "https://www.instagram.com/accounts/logout",
            "https://www.facebook.com/evil",
            "http://www.instagram.com/oauth/authorize",
            "https://www.instagram.com.evil.example/oauth/authorize",
            "https://127.0.0.1:9/oauth/authorize",
        ] {
            assert_eq!(meta_authorize_url(bad), None, "{bad}");
        }
        assert_eq!(
            meta_conversation_url(false, false, None, Some("@caro.mendez")),
            "https://ig.me/m/caro.mendez"
        );
        assert_eq!(
            meta_conversation_url(false, false, None, Some("x/../evil")),
            "https://www.instagram.com/direct/inbox/"
        );
        assert_eq!(
            meta_conversation_url(true, false, None, None),
            "https://business.facebook.com/latest/inbox/all"
        );
        assert_eq!(
            meta_conversation_url(false, true, Some("https://www.instagram.com/p/Cx1/"), None),
            "https://www.instagram.com/p/Cx1/"
        );
        assert_eq!(
            meta_conversation_url(false, true, Some("https://evil.example/p/1"), Some("caro")),
            "https://ig.me/m/caro",
            "a post link off Meta's hosts is not opened"
        );
        assert!(meta_app_url("https://m.me/barroylana").is_some());
        assert!(meta_app_url("https://evil.example/").is_none());
    }
}
