//! Connecting a mailbox: the address and an app password, the provider's servers from a preset or
//! typed by the seller, both servers tried before anything is saved.

use std::sync::Arc;

use mostrador_core::Mostrador;
use mostrador_core::accounts::{AccountView, NewAccount};
use mostrador_core::vocabulary::ChannelKind;
use serde::{Deserialize, Serialize};

use super::{ConnectError, SecretKey, save_account};
use crate::email::imap::{self, Credential, ImapError, LoginRefusal};
use crate::email::microsoft::{self, DeviceLogin, MicrosoftError, MicrosoftTokens};
use crate::email::settings::{self, Mailbox, Security, Server, SignIn};
use crate::email::smtp::{self, SubmitError};
use crate::keys::Keys;
use crate::secrets::SecretStore;
use crate::sync::context::blocking;

pub use crate::email::settings::{PRESETS, Preset, preset_for};

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxConnect {
    pub address: String,
    /// The app password (or the account password where the provider still takes it).
    pub password: String,
    /// The name buyers see beside the address ("Taller Martina").
    pub display_name: Option<String>,
    /// The sign-in name when it is not the address.
    pub user: Option<String>,
    pub imap: Server,
    pub smtp: Server,
}

// Written by hand so a log line never shows the password.
impl std::fmt::Debug for MailboxConnect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailboxConnect")
            .field("address", &self.address)
            .field("password", &"***")
            .field("display_name", &self.display_name)
            .field("user", &self.user)
            .field("imap", &self.imap)
            .field("smtp", &self.smtp)
            .finish()
    }
}

/// The servers for an address: its provider's preset, or the usual names under its domain for the
/// seller to check.
pub fn servers_for(address: &str) -> (Server, Server) {
    if let Some(preset) = settings::preset_for(address) {
        return (preset.imap_server(), preset.smtp_server());
    }
    let domain = address.rsplit_once('@').map_or("", |(_, d)| d).trim().to_lowercase();
    (
        Server { host: format!("imap.{domain}"), port: 993, security: Security::Tls },
        Server { host: format!("smtp.{domain}"), port: 465, security: Security::Tls },
    )
}

fn login_error(refusal: LoginRefusal, address: &str) -> ConnectError {
    match refusal {
        LoginRefusal::TokenRefused(detail) => ConnectError::MicrosoftWrongAccount(detail),
        LoginRefusal::AppPasswordNeeded(detail) => ConnectError::MailAppPasswordNeeded(detail),
        LoginRefusal::WrongPassword(detail) => {
            if settings::preset_for(address).is_some_and(|p| p.oauth_only) {
                ConnectError::MailOauthOnly
            } else {
                ConnectError::MailWrongPassword(detail)
            }
        }
    }
}

/// Signs in to both servers, then adds the account (or updates the one already connected for the
/// same address) with the password in the secret store. Returns the account id.
pub async fn mailbox(
    core: &Arc<Mostrador>,
    secrets: &Arc<dyn SecretStore>,
    request: MailboxConnect,
    now: i64,
) -> Result<i64, ConnectError> {
    let address = request.address.trim().to_lowercase();
    if !address.contains('@') || address.starts_with('@') || address.ends_with('@') {
        return Err(ConnectError::MailAddressInvalid);
    }
    let user =
        request.user.as_deref().map(str::trim).filter(|u| !u.is_empty()).unwrap_or(&address).to_owned();
    let password = request.password.trim().to_owned();
    let mailbox = Mailbox {
        address: address.clone(),
        display_name: request.display_name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()),
        user: user.clone(),
        imap: Server { host: request.imap.host.trim().to_lowercase(), ..request.imap },
        smtp: Server { host: request.smtp.host.trim().to_lowercase(), ..request.smtp },
        sign_in: SignIn::Password,
    };
    let secrets_to_keep = vec![(Keys::mail_password as SecretKey, password.clone())];
    check_and_save(core, secrets, mailbox, Credential::Password(&password), secrets_to_keep, None, now).await
}

/// Signs in to both servers with the credential, then adds the account (or updates the one
/// already connected for the same address) and keeps its secrets. Returns the account id.
async fn check_and_save(
    core: &Arc<Mostrador>,
    secrets: &Arc<dyn SecretStore>,
    mailbox: Mailbox,
    credential: Credential<'_>,
    secrets_to_keep: Vec<(SecretKey, String)>,
    access_expires_at: Option<i64>,
    now: i64,
) -> Result<i64, ConnectError> {
    let (address, user) = (mailbox.address.clone(), mailbox.user.clone());
    let session = match imap::sign_in(&mailbox.imap, &user, credential).await {
        Ok(session) => session,
        Err(ImapError::Login(refusal)) => return Err(login_error(refusal, &address)),
        Err(ImapError::Channel(e)) => {
            return Err(ConnectError::MailUnreachable(format!("{}: {e}", mailbox.imap.host)));
        }
    };
    let mut session = session;
    let _ = session.logout().await;
    match smtp::check_login(&mailbox.smtp, &user, credential).await {
        Ok(()) => {}
        Err(SubmitError::Login(refusal)) => return Err(login_error(refusal, &address)),
        Err(SubmitError::Refused(detail)) => return Err(ConnectError::MailUnreachable(detail)),
        Err(SubmitError::Channel(e)) => {
            return Err(ConnectError::MailUnreachable(format!("{}: {e}", mailbox.smtp.host)));
        }
    }
    let wanted = address.clone();
    let existing = blocking(core, move |core| core.accounts()).await?.into_iter().find(|a: &AccountView| {
        a.channel == ChannelKind::Email && a.external_id.as_deref() == Some(wanted.as_str())
    });
    let account = NewAccount {
        channel: ChannelKind::Email,
        display_name: mailbox.display_name.clone().unwrap_or_else(|| address.clone()),
        external_id: Some(address),
        settings: match access_expires_at {
            Some(at) => {
                let mut settings = mailbox.to_settings();
                settings["oauth_access_expires_at"] = at.into();
                settings
            }
            None => mailbox.to_settings(),
        },
    };
    save_account(core, secrets, existing, account, secrets_to_keep, now).await
}

/// What the Outlook.com wizard collected besides Microsoft's approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlookConnect {
    pub address: String,
    pub display_name: Option<String>,
    /// The Application (client) ID of the app registration (Mostrador's own or the seller's).
    pub client_id: String,
    /// Empty: Microsoft's production identity platform.
    pub login_base: String,
    /// The preset's servers (tests point them at their own).
    pub imap: Server,
    pub smtp: Server,
}

impl OutlookConnect {
    /// An Outlook.com or Hotmail address with the preset's servers and production sign-in.
    pub fn for_address(address: &str, display_name: Option<String>, client_id: &str) -> OutlookConnect {
        let (imap, smtp) = servers_for(address);
        OutlookConnect {
            address: address.trim().to_lowercase(),
            display_name,
            client_id: client_id.trim().to_owned(),
            login_base: String::new(),
            imap,
            smtp,
        }
    }

    fn login_base(&self) -> String {
        super::base_or(&self.login_base, microsoft::MICROSOFT_LOGIN_BASE)
    }
}

fn microsoft_error(e: MicrosoftError) -> ConnectError {
    match e {
        MicrosoftError::Declined => ConnectError::MicrosoftDeclined,
        MicrosoftError::CodeExpired => ConnectError::MicrosoftCodeExpired,
        MicrosoftError::UnknownApp(detail) => ConnectError::MicrosoftUnknownApp(detail),
        // A device code Microsoft no longer takes: the seller starts again with a new one.
        MicrosoftError::InvalidGrant(_) => ConnectError::MicrosoftCodeExpired,
        MicrosoftError::Channel(e) => ConnectError::Channel(e),
    }
}

/// Asks Microsoft for the code the seller enters on its page.
pub async fn outlook_start(request: &OutlookConnect) -> Result<DeviceLogin, ConnectError> {
    if request.client_id.trim().is_empty() {
        return Err(ConnectError::MicrosoftUnknownApp("no Application (client) ID".into()));
    }
    microsoft::start_device_login(&request.login_base(), &request.client_id).await.map_err(microsoft_error)
}

/// Waits for the seller to finish on Microsoft's page, then signs in to both servers with XOAUTH2
/// and saves the account with its tokens in the secret store. Returns the account id.
pub async fn outlook_finish(
    core: &Arc<Mostrador>,
    secrets: &Arc<dyn SecretStore>,
    request: &OutlookConnect,
    login: &DeviceLogin,
    clock: impl Fn() -> i64,
) -> Result<i64, ConnectError> {
    let tokens = outlook_wait(request, login).await?;
    outlook_with_tokens(core, secrets, request, tokens, clock()).await
}

/// Waits for the seller to finish on Microsoft's page: the part a Cancel may interrupt (saving
/// the mailbox after it must not be).
pub async fn outlook_wait(
    request: &OutlookConnect,
    login: &DeviceLogin,
) -> Result<MicrosoftTokens, ConnectError> {
    microsoft::wait_for_device_login(&request.login_base(), &request.client_id, login)
        .await
        .map_err(microsoft_error)
}

/// The part after Microsoft's approval: both servers must take the token for this address.
pub async fn outlook_with_tokens(
    core: &Arc<Mostrador>,
    secrets: &Arc<dyn SecretStore>,
    request: &OutlookConnect,
    tokens: MicrosoftTokens,
    now: i64,
) -> Result<i64, ConnectError> {
    let address = request.address.trim().to_lowercase();
    if !address.contains('@') || address.starts_with('@') || address.ends_with('@') {
        return Err(ConnectError::MailAddressInvalid);
    }
    let mailbox = Mailbox {
        address: address.clone(),
        display_name: request
            .display_name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned),
        user: address,
        imap: Server { host: request.imap.host.trim().to_lowercase(), ..request.imap.clone() },
        smtp: Server { host: request.smtp.host.trim().to_lowercase(), ..request.smtp.clone() },
        sign_in: SignIn::Microsoft {
            client_id: request.client_id.trim().to_owned(),
            login_base: request.login_base(),
        },
    };
    let access = tokens.access_token.clone();
    let keep = vec![
        (Keys::refresh_token as SecretKey, tokens.refresh_token),
        (Keys::access_token as SecretKey, tokens.access_token),
    ];
    // Saved with the account (not after it is turned on), so its first round does not refresh a
    // token that has an hour left.
    let expires_at = Some(now + tokens.expires_in);
    check_and_save(core, secrets, mailbox, Credential::Bearer(&access), keep, expires_at, now).await
}
