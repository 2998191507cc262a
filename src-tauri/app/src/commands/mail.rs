//! Mailboxes: connecting one (the provider's servers guessed from the address; Outlook.com and
//! Hotmail through Microsoft's sign-in with a device code), the mail left out
//! as not from a buyer with the seller's marks on senders, and "not a buyer" on a conversation.

use mostrador_channels::connect::{
    self, ConnectError, MailSecurity, MailServer, MailboxConnect, OutlookConnect,
};
use mostrador_core::mail::{LeftOutMail, SenderMark};
use tauri::State;
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::{IpcError, MailServerForm, MailboxForm, MailboxGuess, MicrosoftCode, MicrosoftStart};
use crate::sync_runtime::{MicrosoftLogin, SyncRuntime};

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
        microsoft_app_built_in: connect::microsoft_built_in_client_id().is_some(),
    })
}

/// "Sign in with Microsoft" for an Outlook.com or Hotmail address: asks Microsoft for the code
/// the seller types on its page (kept by the shell with what it will connect).
#[tauri::command]
pub async fn mail_microsoft_start(
    request: MicrosoftStart,
    sync: State<'_, SyncRuntime>,
) -> Result<MicrosoftCode, IpcError> {
    let client_id = connect::microsoft_built_in_client_id()
        .map(str::to_owned)
        .or(request.client_id)
        .map(|id| id.trim().to_owned())
        .unwrap_or_default();
    let mut outlook = OutlookConnect::for_address(&request.address, request.display_name, &client_id);
    outlook_test_seams(&mut outlook);
    if !outlook.address.contains('@') {
        return Err(connect_error(ConnectError::MailAddressInvalid));
    }
    let login = connect::outlook_start(&outlook).await.map_err(connect_error)?;
    let code = MicrosoftCode {
        user_code: login.user_code.clone(),
        verification_uri: login.verification_uri.clone(),
        expires_in: u32::try_from(login.expires_in).unwrap_or(900),
    };
    sync.hold_microsoft_login(MicrosoftLogin { request: outlook, login, cancel: Default::default() });
    Ok(code)
}

/// Testing seams, read only here; unset, nothing changes. `MOSTRADOR_MICROSOFT_LOGIN_BASE=<url>`
/// points Microsoft's sign-in at the simulator's, and `MOSTRADOR_OUTLOOK_SERVERS=<host>:<IMAP
/// port>:<submission port>` Outlook's servers at the test mail servers (both TLS), so the E2E can
/// go through the whole sign-in without Microsoft.
fn outlook_test_seams(outlook: &mut OutlookConnect) {
    if let Some(base) = std::env::var("MOSTRADOR_MICROSOFT_LOGIN_BASE").ok().filter(|b| !b.trim().is_empty())
    {
        outlook.login_base = base.trim().to_owned();
    }
    let servers = std::env::var("MOSTRADOR_OUTLOOK_SERVERS").unwrap_or_default();
    let parts: Vec<&str> = servers.split(':').collect();
    if let [host, imap, smtp] = parts[..]
        && let (Ok(imap), Ok(smtp)) = (imap.parse::<u16>(), smtp.parse::<u16>())
    {
        outlook.imap = MailServer { host: host.to_owned(), port: imap, security: MailSecurity::Tls };
        outlook.smtp = MailServer { host: host.to_owned(), port: smtp, security: MailSecurity::Tls };
    }
}

/// Opens Microsoft's page for the code in the browser (only Microsoft's code pages).
#[tauri::command]
pub async fn mail_microsoft_open_page(sync: State<'_, SyncRuntime>) -> Result<(), IpcError> {
    let waiting = sync.microsoft_login().ok_or_else(no_microsoft_login)?;
    let url =
        crate::url_opener::microsoft_device_url(&waiting.login.verification_uri).ok_or_else(|| IpcError {
            code: "connect_auth_host".into(),
            message: format!("{} is not Microsoft's sign-in page", waiting.login.verification_uri),
        })?;
    crate::url_opener::open(&url).map_err(IpcError::internal)
}

/// Copy: puts the sign-in code shown on the clipboard (the webview has no clipboard access, and
/// can copy nothing else this way).
#[tauri::command]
pub async fn mail_microsoft_copy_code(
    app: tauri::AppHandle,
    sync: State<'_, SyncRuntime>,
) -> Result<(), IpcError> {
    let waiting = sync.microsoft_login().ok_or_else(no_microsoft_login)?;
    app.clipboard().write_text(waiting.login.user_code).map_err(|e| IpcError::internal(e.to_string()))
}

/// Waits until the seller finishes on Microsoft's page (or the code expires, or Cancel), then
/// signs in to both servers with the token and adds the mailbox; returns the account's id.
#[tauri::command]
pub async fn mail_microsoft_finish(
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
    sync: State<'_, SyncRuntime>,
) -> Result<i64, IpcError> {
    let waiting = sync.microsoft_login().ok_or_else(no_microsoft_login)?;
    let (core_arc, store) = (core.core().await?, sync.store()?);
    let approved = tokio::select! {
        approved = connect::outlook_wait(&waiting.request, &waiting.login) => approved,
        _ = waiting.cancel.notified() => Err(ConnectError::Cancelled),
    };
    sync.drop_microsoft_login(&waiting.cancel);
    // Once Microsoft said yes, saving runs to its end: a Cancel then must not leave half a mailbox.
    let id = connect::outlook_with_tokens(
        &core_arc,
        &store,
        &waiting.request,
        approved.map_err(connect_error)?,
        now(),
    )
    .await
    .map_err(connect_error)?;
    sync.reload().await;
    super::notify_store_changed(&app);
    Ok(id)
}

/// Cancel: stops waiting for Microsoft's sign-in.
#[tauri::command]
pub async fn mail_microsoft_cancel(sync: State<'_, SyncRuntime>) -> Result<(), IpcError> {
    if let Some(waiting) = sync.microsoft_login() {
        waiting.cancel.notify_one();
        sync.drop_microsoft_login(&waiting.cancel);
    }
    Ok(())
}

fn no_microsoft_login() -> IpcError {
    IpcError {
        code: "connect_login_expired".into(),
        message: "no Microsoft sign-in is waiting: start again".into(),
    }
}

fn connect_error(error: ConnectError) -> IpcError {
    IpcError { code: error.code().into(), message: error.to_string() }
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
