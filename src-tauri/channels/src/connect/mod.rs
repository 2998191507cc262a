//! Connecting an account: the Mercado Libre authorisation (pasted redirect, optional PKCE), a
//! Telegram bot token, Instagram Login and a Facebook Page (`meta`), a mailbox (`mailbox`), Etsy's
//! orders (`etsy`, pasted redirect with PKCE). Secrets go to the
//! [`SecretStore`]; the account row holds settings only.

mod etsy;
mod mailbox;
mod meta;
mod pkce;

pub use crate::email::microsoft::{
    DeviceLogin as MicrosoftDeviceLogin, MICROSOFT_LOGIN_BASE, MicrosoftTokens, OUTLOOK_SCOPE,
    built_in_client_id as microsoft_built_in_client_id,
};
pub use crate::email::settings::{Security as MailSecurity, Server as MailServer};
pub use mailbox::{
    MailboxConnect, OutlookConnect, PRESETS as MAIL_PRESETS, Preset as MailPreset, mailbox, outlook_finish,
    outlook_start, outlook_wait, outlook_with_tokens, preset_for as mail_preset_for,
    servers_for as mail_servers_for,
};

pub use etsy::{ETSY_API_BASE, ETSY_CONNECT_BASE, ETSY_SCOPES, EtsyConnect, etsy, etsy_authorize_url};
pub use meta::{
    FACEBOOK_AUTH_BASE, FACEBOOK_GRAPH_BASE, FacebookConnect, FacebookLogin, INSTAGRAM_AUTH_BASE,
    INSTAGRAM_GRAPH_BASE, INSTAGRAM_OAUTH_BASE, InstagramConnect, MessengerConnect, PageOption,
    facebook_authorize_url, facebook_login, instagram, instagram_authorize_url, messenger,
};
pub use pkce::Pkce;

use std::sync::Arc;

use mostrador_core::Mostrador;
use mostrador_core::accounts::{AccountView, NewAccount};
use mostrador_core::vocabulary::ChannelKind;
use serde_json::json;

use crate::ChannelError;
use crate::keys::Keys;
use crate::mercado_libre::{self, oauth};
use crate::secrets::{SecretError, SecretStore};
use crate::telegram;

/// The authorisation page the seller opens in the browser.
pub fn ml_authorize_url(auth_base: &str, client_id: &str, redirect_uri: &str, pkce: Option<&Pkce>) -> String {
    let base = crate::http::join(auth_base, "authorization");
    let mut url = url::Url::parse(&base).unwrap_or_else(|_| {
        url::Url::parse("https://auth.mercadolibre.com/authorization").expect("a valid constant URL")
    });
    {
        let mut query = url.query_pairs_mut();
        query
            .append_pair("response_type", "code")
            .append_pair("client_id", client_id)
            .append_pair("redirect_uri", redirect_uri);
        if let Some(pkce) = pkce {
            query.append_pair("code_challenge", &pkce.challenge).append_pair("code_challenge_method", "S256");
        }
    }
    url.into()
}

/// Mercado Libre's authorisation host per country site (the API host is the same for all).
pub fn ml_auth_base_for_site(site_id: &str) -> &'static str {
    match site_id.to_ascii_uppercase().as_str() {
        "MLA" => "https://auth.mercadolibre.com.ar",
        "MLB" => "https://auth.mercadolivre.com.br",
        "MLM" => "https://auth.mercadolibre.com.mx",
        "MLC" => "https://auth.mercadolibre.cl",
        "MCO" => "https://auth.mercadolibre.com.co",
        "MLU" => "https://auth.mercadolibre.com.uy",
        "MPE" => "https://auth.mercadolibre.com.pe",
        "MEC" => "https://auth.mercadolibre.com.ec",
        "MLV" => "https://auth.mercadolibre.com.ve",
        _ => "https://auth.mercadolibre.com",
    }
}

/// Production API roots, used when the seller leaves the base URL empty.
pub const ML_API_BASE: &str = "https://api.mercadolibre.com";
pub const TELEGRAM_API_BASE: &str = "https://api.telegram.org";

/// What the Mercado Libre wizard collected.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MlConnect {
    pub site_id: String,
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uri: String,
    /// The redirected URL the browser landed on, or the bare `code`.
    pub pasted: String,
    /// The PKCE verifier when the authorisation URL carried a challenge.
    pub code_verifier: Option<String>,
    /// Empty: production.
    pub api_base: String,
    pub demo: bool,
}

#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TelegramConnect {
    pub token: String,
    /// Empty: production.
    pub api_base: String,
    pub demo: bool,
}

// Written by hand so a log line or a panic message never shows the client secret or the bot token.
impl std::fmt::Debug for MlConnect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MlConnect")
            .field("site_id", &self.site_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .field("redirect_uri", &self.redirect_uri)
            .field("pasted", &"***")
            .field("code_verifier", &self.code_verifier.as_ref().map(|_| "***"))
            .field("api_base", &self.api_base)
            .field("demo", &self.demo)
            .finish()
    }
}

impl std::fmt::Debug for TelegramConnect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TelegramConnect")
            .field("token", &"***")
            .field("api_base", &self.api_base)
            .field("demo", &self.demo)
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// Nothing that looks like an authorisation code in what the seller pasted.
    #[error("the pasted text has no authorisation code")]
    MissingCode,
    /// The authorisation came back with an error (the seller refused, or the app is misconfigured).
    #[error("Mercado Libre did not authorise the application: {0}")]
    Denied(String),
    /// The code expired, was used already, or the PKCE verifier does not match.
    #[error("Mercado Libre refused the authorisation code: {0}")]
    CodeRejected(String),
    /// The client id or secret is wrong.
    #[error("Mercado Libre does not recognise the application's id or secret: {0}")]
    WrongClient(String),
    /// Telegram does not know this bot token.
    #[error("Telegram refused the bot token")]
    TokenRejected,
    /// An Instagram personal account: Meta's messaging API needs a professional one.
    #[error("the Instagram account is personal: Meta only lets professional accounts use its messaging API")]
    NotProfessional,
    /// The Facebook user manages no Page (or granted none to the app).
    #[error("the Facebook user has no Page this application may use")]
    NoPages,
    /// The Page chosen is not among those the login gave.
    #[error("that Page is not among the ones Facebook gave")]
    UnknownPage,
    /// Not an e-mail address.
    #[error("that is not an e-mail address")]
    MailAddressInvalid,
    /// The mail server refused the address and password.
    #[error("the mail server refused the address and password: {0}")]
    MailWrongPassword(String),
    /// The provider takes only an app password (Gmail, Yahoo, iCloud with 2-step verification).
    #[error("the provider asks for an app password: {0}")]
    MailAppPasswordNeeded(String),
    /// Personal Outlook.com and Hotmail accounts sign in with Microsoft's login only (OAuth 2.0).
    #[error("Outlook.com and Hotmail accounts sign in with Microsoft's login only")]
    MailOauthOnly,
    /// The server does not answer, or not over TLS, or its certificate is not valid.
    #[error("the mail server could not be reached: {0}")]
    MailUnreachable(String),
    /// The seller refused on Microsoft's sign-in page.
    #[error("the sign-in was declined on Microsoft's page")]
    MicrosoftDeclined,
    /// The code shown was not entered in time (15 minutes).
    #[error("the Microsoft sign-in code expired")]
    MicrosoftCodeExpired,
    /// Microsoft does not know the Application (client) ID, or the app does not allow public
    /// client flows.
    #[error("Microsoft does not accept this application: {0}")]
    MicrosoftUnknownApp(String),
    /// The mail servers refused the token: the seller signed in with another Microsoft account.
    #[error("the mail servers refused the Microsoft sign-in for this address: {0}")]
    MicrosoftWrongAccount(String),
    /// The seller stopped waiting for Microsoft's sign-in.
    #[error("the sign-in was cancelled")]
    Cancelled,
    #[error(transparent)]
    Channel(#[from] ChannelError),
    #[error("the secret store failed: {0}")]
    Secrets(#[from] SecretError),
    #[error(transparent)]
    Store(#[from] mostrador_core::Error),
}

impl ConnectError {
    /// Stable codes for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            ConnectError::MissingCode => "connect_missing_code",
            ConnectError::Denied(_) => "connect_denied",
            ConnectError::CodeRejected(_) => "connect_code_rejected",
            ConnectError::WrongClient(_) => "connect_wrong_client",
            ConnectError::TokenRejected => "connect_token_rejected",
            ConnectError::NotProfessional => "connect_not_professional",
            ConnectError::NoPages => "connect_no_pages",
            ConnectError::UnknownPage => "connect_unknown_page",
            ConnectError::MailAddressInvalid => "connect_mail_address_invalid",
            ConnectError::MailWrongPassword(_) => "connect_mail_wrong_password",
            ConnectError::MailAppPasswordNeeded(_) => "connect_mail_app_password",
            ConnectError::MailOauthOnly => "connect_mail_oauth_only",
            ConnectError::MailUnreachable(_) => "connect_mail_unreachable",
            ConnectError::MicrosoftDeclined => "connect_microsoft_declined",
            ConnectError::MicrosoftCodeExpired => "connect_microsoft_expired",
            ConnectError::MicrosoftUnknownApp(_) => "connect_microsoft_unknown_app",
            ConnectError::MicrosoftWrongAccount(_) => "connect_microsoft_wrong_account",
            ConnectError::Cancelled => "connect_cancelled",
            ConnectError::Channel(e) => e.code(),
            ConnectError::Secrets(_) => "secret_store",
            ConnectError::Store(e) => e.code(),
        }
    }
}

/// The `code` in a pasted redirect URL (`https://…/callback?code=TG-…&state=…`), a pasted query
/// string, or a bare code.
pub(crate) fn pasted_code(pasted: &str) -> Result<String, ConnectError> {
    // Instagram ends its redirect with `#_` and Facebook with `#_=_`: not part of the code.
    let pasted = pasted.trim();
    let pasted = pasted.strip_suffix("#_=_").or_else(|| pasted.strip_suffix("#_")).unwrap_or(pasted);
    if pasted.is_empty() {
        return Err(ConnectError::MissingCode);
    }
    let query = if let Ok(url) = url::Url::parse(pasted) {
        url.query().map(str::to_owned)
    } else if pasted.contains("code=") || pasted.contains("error=") {
        Some(pasted.rsplit('?').next().unwrap_or(pasted).to_owned())
    } else {
        None
    };
    match query {
        Some(query) => {
            let pairs: Vec<(String, String)> =
                url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
            if let Some((_, code)) = pairs.iter().find(|(k, v)| k == "code" && !v.trim().is_empty()) {
                return Ok(code.trim().to_owned());
            }
            if let Some((_, error)) = pairs.iter().find(|(k, _)| k == "error") {
                return Err(ConnectError::Denied(error.clone()));
            }
            Err(ConnectError::MissingCode)
        }
        None if pasted.chars().all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c)) => {
            Ok(pasted.to_owned())
        }
        None => Err(ConnectError::MissingCode),
    }
}

pub(crate) fn base_or(base: &str, production: &str) -> String {
    let base = base.trim().trim_end_matches('/');
    if base.is_empty() { production.to_owned() } else { base.to_owned() }
}

/// Exchanges the pasted code, reads who the seller is, and adds the account (or updates the one
/// already connected for the same Mercado Libre user). Returns the account id.
pub async fn mercado_libre(
    core: &Arc<Mostrador>,
    secrets: &Arc<dyn SecretStore>,
    request: MlConnect,
    now: i64,
) -> Result<i64, ConnectError> {
    let code = pasted_code(&request.pasted)?;
    let api_base = base_or(&request.api_base, ML_API_BASE);
    let tokens = oauth::exchange_code(
        &api_base,
        &request.client_id,
        &request.client_secret,
        &code,
        &request.redirect_uri,
        request.code_verifier.as_deref(),
    )
    .await
    .map_err(|e| match e {
        oauth::OauthError::InvalidGrant(detail) => ConnectError::CodeRejected(detail),
        oauth::OauthError::InvalidClient(detail) => ConnectError::WrongClient(detail),
        oauth::OauthError::Channel(e) => ConnectError::Channel(e),
    })?;
    let me = mercado_libre::users_me(&api_base, &tokens.access_token).await?;
    let settings = json!({
        "api_base": api_base,
        "site_id": if request.site_id.trim().is_empty() { me.site_id.clone().unwrap_or_default() } else { request.site_id.trim().to_owned() },
        "seller_id": me.id,
        "nickname": me.nickname,
        "client_id": request.client_id.trim(),
        "redirect_uri": request.redirect_uri.trim(),
        "demo": request.demo,
    });
    let existing = blocking(core, move |core| core.accounts()).await?.into_iter().find(|a: &AccountView| {
        a.channel == ChannelKind::MercadoLibre && a.external_id.as_deref() == Some(me.id.as_str())
    });
    let account = NewAccount {
        channel: ChannelKind::MercadoLibre,
        display_name: me.nickname.clone(),
        external_id: Some(me.id.clone()),
        settings,
    };
    let fresh = vec![
        (Keys::client_secret as SecretKey, request.client_secret.trim().to_owned()),
        (Keys::refresh_token, tokens.refresh_token),
        (Keys::access_token, tokens.access_token),
        (Keys::access_token_expires_at, (now + tokens.expires_in).to_string()),
    ];
    save_account(core, secrets, existing, account, fresh, now).await
}

/// Checks the token with getMe, removes any webhook (getUpdates needs none), adds the account (or
/// updates the one already connected for the same bot) and stores the token. Returns the account id.
pub async fn telegram(
    core: &Arc<Mostrador>,
    secrets: &Arc<dyn SecretStore>,
    request: TelegramConnect,
    now: i64,
) -> Result<i64, ConnectError> {
    let api_base = base_or(&request.api_base, TELEGRAM_API_BASE);
    let token = request.token.trim().to_owned();
    let bot = telegram::api::get_me(&api_base, &token).await.map_err(|e| match e {
        ChannelError::TokenRevoked(_) => ConnectError::TokenRejected,
        ChannelError::Rejected { status: 401 | 404, .. } => ConnectError::TokenRejected,
        other => ConnectError::Channel(other),
    })?;
    telegram::api::delete_webhook(&api_base, &token).await?;
    let settings =
        json!({ "api_base": api_base, "bot_id": bot.id, "username": bot.username, "demo": request.demo });
    let existing = blocking(core, move |core| core.accounts()).await?.into_iter().find(|a: &AccountView| {
        a.channel == ChannelKind::Telegram && a.external_id.as_deref() == Some(bot.id.as_str())
    });
    let account = NewAccount {
        channel: ChannelKind::Telegram,
        display_name: bot.display_name(),
        external_id: Some(bot.id.clone()),
        settings,
    };
    save_account(core, secrets, existing, account, vec![(Keys::bot_token as SecretKey, token)], now).await
}

/// Which of the account's secrets, by its key.
pub(crate) type SecretKey = fn(&Keys) -> String;

/// Stores the account and its secrets so that an enabled account always has them: a new account is
/// added paused and enabled only once its secrets are written; a reconnected one gets its secrets
/// first (the running task then refreshes with the new refresh token) and is paused if a write
/// fails, rather than left syncing with half-replaced tokens.
pub(crate) async fn save_account(
    core: &Arc<Mostrador>,
    secrets: &Arc<dyn SecretStore>,
    existing: Option<AccountView>,
    account: NewAccount,
    fresh: Vec<(SecretKey, String)>,
    now: i64,
) -> Result<i64, ConnectError> {
    let (id, settings) = match existing {
        Some(existing) => (existing.id, Some(merged(&existing.settings, account.settings))),
        None => {
            let id = blocking(core, move |core| {
                let id = core.add_account(&account, now)?;
                core.set_account_disabled(id, true)?;
                Ok(id)
            })
            .await?;
            (id, None)
        }
    };
    let keys = Keys::new(id);
    for (key, value) in fresh {
        if let Err(e) = crate::secrets::set_off_thread(secrets, key(&keys), value).await {
            // Best effort: the write error is what the seller needs to see.
            let _ = blocking(core, move |core| core.set_account_disabled(id, true)).await;
            return Err(e.into());
        }
    }
    blocking(core, move |core| {
        if let Some(settings) = &settings {
            core.update_account_settings(id, settings)?;
        }
        core.set_account_disabled(id, false)
    })
    .await?;
    Ok(id)
}

/// Reconnecting keeps the account's other settings (polling cadence, demo flags…).
fn merged(existing: &serde_json::Value, fresh: serde_json::Value) -> serde_json::Value {
    let mut settings = match existing {
        serde_json::Value::Object(map) => map.clone(),
        _ => serde_json::Map::new(),
    };
    if let serde_json::Value::Object(fresh) = fresh {
        settings.extend(fresh);
    }
    serde_json::Value::Object(settings)
}

pub(crate) async fn blocking<T: Send + 'static>(
    core: &Arc<Mostrador>,
    work: impl FnOnce(&Mostrador) -> mostrador_core::Result<T> + Send + 'static,
) -> Result<T, ConnectError> {
    let core = Arc::clone(core);
    tokio::task::spawn_blocking(move || work(&core))
        .await
        .map_err(|e| ConnectError::Channel(ChannelError::Store(e.to_string())))?
        .map_err(ConnectError::Store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_from_what_the_seller_pastes() {
        let url = "https://mitienda.com.ar/ml/callback?code=TG-6565-abc_1&state=xyz";
        assert_eq!(pasted_code(url).unwrap(), "TG-6565-abc_1");
        assert_eq!(pasted_code("  TG-6565-abc  ").unwrap(), "TG-6565-abc");
        assert_eq!(pasted_code("?code=TG-1&state=2").unwrap(), "TG-1");
        assert!(matches!(pasted_code("https://x.com/cb?error=access_denied"), Err(ConnectError::Denied(_))));
        assert!(matches!(pasted_code(""), Err(ConnectError::MissingCode)));
        assert!(matches!(pasted_code("https://x.com/cb?state=1"), Err(ConnectError::MissingCode)));
        assert!(matches!(pasted_code("no es un código"), Err(ConnectError::MissingCode)));
        assert_eq!(pasted_code("https://x.com/cb?code=AQBx-1&state=s#_").unwrap(), "AQBx-1");
        assert_eq!(pasted_code("AQBx-1#_").unwrap(), "AQBx-1");
        assert_eq!(pasted_code("https://x.com/cb?code=AQD2&state=s#_=_").unwrap(), "AQD2");
    }

    #[test]
    fn debug_output_hides_the_secrets() {
        let ml = MlConnect {
            site_id: "MLA".into(),
            client_id: "123".into(),
            client_secret: "s3cr3t-client".into(),
            redirect_uri: "https://x.com/cb".into(),
            pasted: "https://x.com/cb?code=TG-code".into(),
            code_verifier: Some("v3rifier".into()),
            api_base: String::new(),
            demo: false,
        };
        let printed = format!("{ml:?}");
        assert!(printed.contains("123") && printed.contains("***"), "{printed}");
        for secret in ["s3cr3t-client", "TG-code", "v3rifier"] {
            assert!(!printed.contains(secret), "{printed}");
        }
        let bot = TelegramConnect { token: "123:ABCtoken".into(), api_base: String::new(), demo: true };
        assert!(!format!("{bot:?}").contains("ABCtoken"));
    }

    #[test]
    fn authorize_url_with_and_without_pkce() {
        let plain = ml_authorize_url("https://auth.mercadolibre.com.ar", "123", "https://x.com/cb?a=1", None);
        assert_eq!(
            plain,
            "https://auth.mercadolibre.com.ar/authorization?response_type=code&client_id=123&redirect_uri=https%3A%2F%2Fx.com%2Fcb%3Fa%3D1"
        );
        let pkce = Pkce::from_verifier("v".repeat(43));
        let with =
            ml_authorize_url("https://auth.mercadolivre.com.br/", "1", "https://x.com/cb", Some(&pkce));
        assert!(with.contains(&format!("code_challenge={}", pkce.challenge)));
        assert!(with.ends_with("code_challenge_method=S256"));
        assert_eq!(ml_auth_base_for_site("MLB"), "https://auth.mercadolivre.com.br");
        assert_eq!(ml_auth_base_for_site("mla"), "https://auth.mercadolibre.com.ar");
    }
}
