//! Mailboxes: connecting one (the provider's servers guessed from the address), the mail left out
//! as not from a buyer with the seller's marks on senders, and "not a buyer" on a conversation.

use mostrador_channels::connect::{self, ConnectError, MailSecurity, MailServer, MailboxConnect};
use mostrador_core::mail::{LeftOutMail, SenderMark};
use tauri::State;

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::{IpcError, MailServerForm, MailboxForm, MailboxGuess};
use crate::sync_runtime::SyncRuntime;

fn form(server: &MailServer) -> MailServerForm {
    MailServerForm {
        host: server.host.clone(),
        port: server.port,
        security: match server.security {
            MailSecurity::Tls => "tls",
            MailSecurity::StartTls => "starttls",
        }
        .into(),
    }
}

fn server(form: &MailServerForm) -> Result<MailServer, IpcError> {
    let security = match form.security.as_str() {
        "tls" => MailSecurity::Tls,
        "starttls" => MailSecurity::StartTls,
        other => {
            return Err(IpcError {
                code: "invalid_input".into(),
                message: format!("{other} is not tls or starttls"),
            });
        }
    };
    if form.host.trim().is_empty() || form.port == 0 {
        return Err(IpcError {
            code: "invalid_input".into(),
            message: "a server needs a host and a port".into(),
        });
    }
    Ok(MailServer { host: form.host.trim().to_owned(), port: form.port, security })
}

/// The servers and sign-in rules for an address: its provider's when known (Gmail, Yahoo, iCloud,
/// Outlook/Hotmail), else `imap.<domain>` and `smtp.<domain>` for the seller to check.
#[tauri::command]
pub async fn mail_guess(address: String) -> Result<MailboxGuess, IpcError> {
    let (imap, smtp) = connect::mail_servers_for(&address);
    let preset = connect::mail_preset_for(&address);
    Ok(MailboxGuess {
        provider: preset.map(|p| p.id.to_owned()),
        imap: form(&imap),
        smtp: form(&smtp),
        app_password: preset.is_some_and(|p| p.app_password),
        app_password_url: preset.and_then(|p| p.app_password_url).map(str::to_owned),
        oauth_only: preset.is_some_and(|p| p.oauth_only),
    })
}

/// Signs in to both servers and adds the mailbox (the password goes to the secret store); returns
/// the account's id.
#[tauri::command]
pub async fn account_connect_mailbox(
    request: MailboxForm,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
    sync: State<'_, SyncRuntime>,
) -> Result<i64, IpcError> {
    let (core_arc, store) = (core.core().await?, sync.store()?);
    let connect_request = MailboxConnect {
        address: request.address,
        password: request.password,
        display_name: request.display_name,
        user: request.user,
        imap: server(&request.imap)?,
        smtp: server(&request.smtp)?,
    };
    let id = connect::mailbox(&core_arc, &store, connect_request, now())
        .await
        .map_err(|e: ConnectError| IpcError { code: e.code().into(), message: e.to_string() })?;
    sync.reload().await;
    super::notify_store_changed(&app);
    Ok(id)
}

/// Opens the provider's page for app passwords (Google, Yahoo, Apple only).
#[tauri::command]
pub async fn mail_open_app_password_page(address: String) -> Result<(), IpcError> {
    let url =
        connect::mail_preset_for(&address).and_then(|p| p.app_password_url).ok_or_else(|| IpcError {
            code: "invalid_input".into(),
            message: format!("no app password page is known for {address}"),
        })?;
    let url = crate::url_opener::app_password_url(url)
        .ok_or_else(|| IpcError::internal(format!("{url} is not a provider's account page")))?;
    crate::url_opener::open(&url).map_err(IpcError::internal)
}

/// Mail the mailbox read and left out as not from a buyer, the newest first, with why.
#[tauri::command]
pub async fn mail_left_out(
    account_id: i64,
    core: State<'_, CoreHandle>,
) -> Result<Vec<LeftOutMail>, IpcError> {
    core.run(move |core| core.left_out_mail(account_id, 200)).await
}

/// The seller's marks on senders ("this is a buyer", "not a buyer"), by address or `@domain`.
#[tauri::command]
pub async fn mail_sender_marks(
    account_id: i64,
    core: State<'_, CoreHandle>,
) -> Result<Vec<SenderMark>, IpcError> {
    core.run(move |core| core.sender_marks(account_id)).await
}

/// Marks an address or `@domain` as a buyer (its mail left out is read again at once) or not.
#[tauri::command]
pub async fn mail_mark_sender(
    account_id: i64,
    pattern: String,
    is_buyer: bool,
    core: State<'_, CoreHandle>,
    sync: State<'_, SyncRuntime>,
) -> Result<(), IpcError> {
    core.run(move |core| core.mark_sender(account_id, &pattern, is_buyer, now())).await?;
    sync.wake(account_id).await;
    Ok(())
}

/// Forgets a mark: the usual rules decide again for that sender.
#[tauri::command]
pub async fn mail_unmark_sender(
    account_id: i64,
    pattern: String,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.unmark_sender(account_id, &pattern)).await
}

/// "Not a buyer" on a mail conversation: later mail from that address is left out and the
/// conversation is done. Returns the address.
#[tauri::command]
pub async fn conversation_not_a_buyer(
    conversation_id: i64,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<String, IpcError> {
    let address = core.run(move |core| core.not_a_buyer(conversation_id, now())).await?;
    super::notify_store_changed(&app);
    Ok(address)
}

include!(concat!(env!("OUT_DIR"), "/declared/mail.rs"));
