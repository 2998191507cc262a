//! Transport types that exist only at the boundary with the UI (the core's types cross it as they
//! are); `crate::typescript` writes them to the UI's bindings.ts.

use serde::Serialize;
use ts_rs::TS;

/// What every failed command returns: a stable code the UI translates, and an English detail.
#[derive(Debug, Clone, Serialize, TS)]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl IpcError {
    pub fn internal(message: String) -> Self {
        IpcError { code: "internal".into(), message }
    }
}

impl From<mostrador_core::Error> for IpcError {
    fn from(error: mostrador_core::Error) -> Self {
        IpcError { code: error.code().into(), message: error.to_string() }
    }
}

impl From<std::io::Error> for IpcError {
    fn from(error: std::io::Error) -> Self {
        mostrador_core::Error::from(error).into()
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub data_dir: String,
    /// No accounts and no conversations yet: the UI shows the first-run screen.
    pub empty: bool,
    /// The operating system's locale (BCP 47), for the default language.
    pub os_locale: Option<String>,
}

/// A page of older messages ("Load older messages"), oldest first.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OlderMessages {
    pub messages: Vec<mostrador_core::conversations::MessageView>,
    /// Still older ones exist before these.
    pub has_more: bool,
}

/// Where the access keys of connected accounts are kept, as the accounts screen says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SecretsState {
    /// Still finding out (the keychain is being opened).
    Checking,
    Keychain,
    EncryptedFile,
    /// No system keychain: the seller is asked before the encrypted file is used.
    NeedsConsent,
    /// The store could not be opened (see `secrets_detail`).
    Failed,
}

/// The accounts screen in one call: the accounts, where secrets live, whether the demo runs.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AccountsOverview {
    pub accounts: Vec<mostrador_core::accounts::AccountView>,
    pub secrets: SecretsState,
    pub secrets_detail: Option<String>,
    /// A secrets file that could not be decrypted (damaged, or its key lost) was moved here when
    /// the store opened: the accounts whose keys it held ask to be connected again.
    pub secrets_set_aside: Option<String>,
    /// The demo store's simulator runs in this process (its accounts sync).
    pub demo_running: bool,
}

/// Settings' backups section: the folder of the daily copies, the copies (newest first), how many
/// are kept.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupsOverview {
    pub folder: String,
    pub files: Vec<mostrador_core::backups::BackupFile>,
    pub kept: u32,
}

/// The Mercado Libre wizard's first half: which site and application to authorise.
#[derive(Debug, Clone, serde::Deserialize, TS)]
pub struct MlStart {
    pub site_id: String,
    pub client_id: String,
    pub redirect_uri: String,
    /// The seller's application has PKCE on: the address carries a challenge.
    pub pkce: bool,
}

/// The authorisation page (already opened in the browser) and the PKCE verifier to send back.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MlAuthorize {
    pub authorize_url: String,
    pub code_verifier: Option<String>,
}

/// The wizard's second half: the application's secret and what the browser landed on.
#[derive(Clone, serde::Deserialize, TS)]
pub struct MlFinish {
    pub site_id: String,
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uri: String,
    /// The redirected address, or the bare code.
    pub pasted: String,
    pub code_verifier: Option<String>,
}

/// The Instagram or Facebook wizard's first step: the seller's Meta app and its redirect address.
#[derive(Debug, Clone, serde::Deserialize, TS)]
pub struct MetaStart {
    pub app_id: String,
    pub redirect_uri: String,
}

/// The authorisation page the shell opened in the browser.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MetaAuthorize {
    pub authorize_url: String,
}

/// The Instagram wizard's last step: the app's secret and what the browser landed on.
#[derive(Clone, serde::Deserialize, TS)]
pub struct InstagramFinish {
    pub app_id: String,
    pub app_secret: String,
    pub redirect_uri: String,
    /// The redirected address, or the bare code.
    pub pasted: String,
    /// The seller's Meta app has the human agent feature (replies up to 7 days after the buyer).
    pub human_agent: bool,
}

/// The Facebook wizard's second step: the app's secret and what the browser landed on; the Pages
/// come back to pick one.
#[derive(Clone, serde::Deserialize, TS)]
pub struct FacebookFinish {
    pub app_id: String,
    pub app_secret: String,
    pub redirect_uri: String,
    pub pasted: String,
}

// By hand: a log line or a panic message must never show the app secret or the code.
impl std::fmt::Debug for MlFinish {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MlFinish")
            .field("site_id", &self.site_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for InstagramFinish {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InstagramFinish")
            .field("app_id", &self.app_id)
            .field("app_secret", &"***")
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for FacebookFinish {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FacebookFinish")
            .field("app_id", &self.app_id)
            .field("app_secret", &"***")
            .finish_non_exhaustive()
    }
}

/// The Etsy wizard's authorisation step: the seller's Etsy app (its keystring) and the redirect
/// address registered in it.
#[derive(Debug, Clone, serde::Deserialize, TS)]
pub struct EtsyStart {
    pub keystring: String,
    pub redirect_uri: String,
}

/// Etsy's authorisation page (already opened in the browser) and the PKCE verifier for the finish.
#[derive(Clone, Serialize, TS)]
pub struct EtsyAuthorize {
    pub authorize_url: String,
    pub code_verifier: String,
}

/// The Etsy wizard's last step: what the browser landed on, with the verifier from the start.
#[derive(Clone, serde::Deserialize, TS)]
pub struct EtsyFinish {
    pub keystring: String,
    pub redirect_uri: String,
    /// The redirected address, or the bare code.
    pub pasted: String,
    pub code_verifier: String,
}

// By hand: the verifier and the code stay out of logs.
impl std::fmt::Debug for EtsyAuthorize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EtsyAuthorize").field("authorize_url", &self.authorize_url).finish_non_exhaustive()
    }
}

impl std::fmt::Debug for EtsyFinish {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EtsyFinish")
            .field("keystring", &self.keystring)
            .field("redirect_uri", &self.redirect_uri)
            .finish_non_exhaustive()
    }
}

/// A mail server as the mailbox wizard shows it (host and port editable; TLS always).
#[derive(Debug, Clone, Serialize, serde::Deserialize, TS)]
pub struct MailServerForm {
    pub host: String,
    pub port: u16,
    /// `tls` (993 / 465) or `starttls` (143 / 587).
    pub security: String,
}

/// What the wizard proposes for an address: its provider's servers and what that provider asks.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MailboxGuess {
    /// `gmail`, `yahoo`, `icloud`, `outlook`, or none for any other provider.
    pub provider: Option<String>,
    pub imap: MailServerForm,
    pub smtp: MailServerForm,
    /// The provider takes an app password, not the account's own.
    pub app_password: bool,
    /// Where the seller makes one (opened by the shell on request).
    pub app_password_url: Option<String>,
    /// Personal Outlook.com / Hotmail accounts sign in with Microsoft's login only.
    pub oauth_only: bool,
    /// This build carries its own Microsoft app registration: the seller need not bring one.
    pub microsoft_app_built_in: bool,
}

/// "Sign in with Microsoft": the address, the name buyers see and, when the build has no app
/// registration of its own, the Application (client) ID of the seller's.
#[derive(Debug, Clone, serde::Deserialize, TS)]
pub struct MicrosoftStart {
    pub address: String,
    pub display_name: Option<String>,
    pub client_id: Option<String>,
}

/// The code the seller types on Microsoft's page, and that page.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MicrosoftCode {
    pub user_code: String,
    pub verification_uri: String,
    /// Seconds the code stays valid (15 minutes).
    pub expires_in: u32,
}

/// The mailbox wizard's last step.
#[derive(Clone, serde::Deserialize, TS)]
pub struct MailboxForm {
    pub address: String,
    pub password: String,
    pub display_name: Option<String>,
    /// The sign-in name when it is not the address.
    pub user: Option<String>,
    pub imap: MailServerForm,
    pub smtp: MailServerForm,
}

// By hand: a log line or a panic message must never show the password.
impl std::fmt::Debug for MailboxForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailboxForm")
            .field("address", &self.address)
            .field("password", &"***")
            .finish_non_exhaustive()
    }
}

/// A Facebook Page the seller may connect, and the Instagram account linked to it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PageChoice {
    pub id: String,
    pub name: String,
    pub instagram_username: Option<String>,
}

/// Failure codes of the live channels that reach the UI besides the core's: connecting, the
/// channels' own errors (a failed send's reason) and the secret store.
pub fn live_channel_error_codes() -> Vec<&'static str> {
    let mut codes = vec![
        "connect_missing_code",
        "connect_denied",
        "connect_code_rejected",
        "connect_wrong_client",
        "connect_token_rejected",
        "connect_not_professional",
        "connect_no_pages",
        "connect_unknown_page",
        "connect_mail_address_invalid",
        "connect_mail_wrong_password",
        "connect_mail_app_password",
        "connect_mail_oauth_only",
        "connect_mail_unreachable",
        "connect_microsoft_declined",
        "connect_microsoft_expired",
        "connect_microsoft_unknown_app",
        "connect_microsoft_wrong_account",
        "connect_cancelled",
        "connect_login_expired",
        "connect_auth_host",
        "demo_failed",
        // The shell's own: the user's data folder cannot be determined, so nothing is kept.
        "data_folder_unknown",
    ];
    codes.extend_from_slice(mostrador_channels::CHANNEL_ERROR_CODES);
    codes.extend_from_slice(mostrador_channels::secrets::SECRET_ERROR_CODES);
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wizard_requests_never_print_their_secrets() {
        let ml = MlFinish {
            site_id: "MLA".into(),
            client_id: "4242".into(),
            client_secret: "s3cr3t-client".into(),
            redirect_uri: "https://localhost/mostrador".into(),
            pasted: "https://localhost/mostrador?code=TG-c0de".into(),
            code_verifier: Some("v3rifier".into()),
        };
        let instagram = InstagramFinish {
            app_id: "99".into(),
            app_secret: "s3cr3t-app".into(),
            redirect_uri: "https://localhost/mostrador".into(),
            pasted: "https://localhost/mostrador?code=AQc0de".into(),
            human_agent: false,
        };
        let etsy = EtsyFinish {
            keystring: "k3y".into(),
            redirect_uri: "https://localhost/mostrador".into(),
            pasted: "https://localhost/mostrador?code=etsyc0de".into(),
            code_verifier: "etsyv3rifier".into(),
        };
        let printed = format!("{ml:?} {instagram:?} {etsy:?}");
        assert!(printed.contains("4242") && printed.contains("k3y"), "{printed}");
        for secret in ["s3cr3t", "c0de", "v3rifier"] {
            assert!(!printed.contains(secret), "{secret} in {printed}");
        }
    }
}
