//! Connecting a mailbox: the address and an app password, the provider's servers from a preset or
//! typed by the seller, both servers tried before anything is saved.

use std::sync::Arc;

use mostrador_core::Mostrador;
use mostrador_core::accounts::{AccountView, NewAccount};
use mostrador_core::vocabulary::ChannelKind;
use serde::{Deserialize, Serialize};

use super::{ConnectError, SecretKey, save_account};
use crate::email::imap::{self, ImapError, LoginRefusal};
use crate::email::settings::{self, Mailbox, Security, Server};
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
    };
    let session = match imap::sign_in(&mailbox.imap, &user, &password).await {
        Ok(session) => session,
        Err(ImapError::Login(refusal)) => return Err(login_error(refusal, &address)),
        Err(ImapError::Channel(e)) => {
            return Err(ConnectError::MailUnreachable(format!("{}: {e}", mailbox.imap.host)));
        }
    };
    let mut session = session;
    let _ = session.logout().await;
    match smtp::check_login(&mailbox.smtp, &user, &password).await {
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
        settings: mailbox.to_settings(),
    };
    save_account(core, secrets, existing, account, vec![(Keys::mail_password as SecretKey, password)], now)
        .await
}
