//! Connected accounts: the list with sync states, the Mercado Libre and Telegram connect
//! wizards, sync now, turning an account off, the secrets-file consent and the demo store. The
//! sync runtime (`sync_runtime.rs`) owns the engine and the secret store; these only call it.

use mostrador_channels::connect::{self, ConnectError, MlConnect, Pkce, TelegramConnect};
use tauri::State;

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::{AccountsOverview, IpcError, MlAuthorize, MlFinish, MlStart};
use crate::sync_runtime::SyncRuntime;

fn connect_error(error: ConnectError) -> IpcError {
    IpcError { code: error.code().into(), message: error.to_string() }
}

/// The accounts with their sync state, where secrets are kept and whether the demo store runs.
#[tauri::command]
pub async fn accounts_list(
    core: State<'_, CoreHandle>,
    sync: State<'_, SyncRuntime>,
) -> Result<AccountsOverview, IpcError> {
    sync.overview(&core).await
}

/// The Mercado Libre wizard's first half: the shell builds the authorisation address for the
/// seller's application and opens it in the browser (only Mercado Libre's https auth hosts). The
/// PKCE verifier comes back for the finish step.
#[tauri::command]
pub async fn account_connect_ml_start(request: MlStart) -> Result<MlAuthorize, IpcError> {
    let pkce = request.pkce.then(Pkce::new);
    let auth_base = connect::ml_auth_base_for_site(&request.site_id);
    let url = connect::ml_authorize_url(
        auth_base,
        request.client_id.trim(),
        request.redirect_uri.trim(),
        pkce.as_ref(),
    );
    let url = crate::url_opener::ml_authorize_url(&url).ok_or_else(|| IpcError {
        code: "connect_auth_host".into(),
        message: format!("{url} is not an authorisation page"),
    })?;
    crate::url_opener::open(&url).map_err(IpcError::internal)?;
    Ok(MlAuthorize { authorize_url: url, code_verifier: pkce.map(|p| p.verifier) })
}

/// The Mercado Libre wizard's second half: trades what the browser landed on for tokens, kept in
/// the secret store, and connects the account; returns its id.
#[tauri::command]
pub async fn account_connect_ml_finish(
    request: MlFinish,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
    sync: State<'_, SyncRuntime>,
) -> Result<i64, IpcError> {
    let (core_arc, store) = (core.core().await?, sync.store()?);
    let request = MlConnect {
        site_id: request.site_id,
        client_id: request.client_id,
        client_secret: request.client_secret,
        redirect_uri: request.redirect_uri,
        pasted: request.pasted,
        code_verifier: request.code_verifier,
        api_base: connect::ML_API_BASE.into(),
        demo: false,
    };
    let id = connect::mercado_libre(&core_arc, &store, request, now()).await.map_err(connect_error)?;
    sync.reload().await;
    super::notify_store_changed(&app);
    Ok(id)
}

/// Connects a Telegram bot by its token (kept in the secret store); returns the account's id.
#[tauri::command]
pub async fn account_connect_telegram(
    token: String,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
    sync: State<'_, SyncRuntime>,
) -> Result<i64, IpcError> {
    let (core_arc, store) = (core.core().await?, sync.store()?);
    let request = TelegramConnect { token, api_base: connect::TELEGRAM_API_BASE.into(), demo: false };
    let id = connect::telegram(&core_arc, &store, request, now()).await.map_err(connect_error)?;
    sync.reload().await;
    super::notify_store_changed(&app);
    Ok(id)
}

/// Turns an account's sync off (`disabled`) or on again.
#[tauri::command]
pub async fn account_set_disabled(
    account_id: i64,
    disabled: bool,
    core: State<'_, CoreHandle>,
    sync: State<'_, SyncRuntime>,
) -> Result<(), IpcError> {
    core.run(move |core| core.set_account_disabled(account_id, disabled)).await?;
    sync.reload().await;
    Ok(())
}

/// "Sincronizar ahora": wakes the account's sync so it runs a round at once.
#[tauri::command]
pub async fn account_sync_now(account_id: i64, sync: State<'_, SyncRuntime>) -> Result<(), IpcError> {
    sync.wake(account_id).await;
    Ok(())
}

/// The seller agreed to keep access keys in an encrypted file (this system has no keychain);
/// returns the accounts screen as it is now.
#[tauri::command]
pub async fn secrets_allow_file_fallback(
    core: State<'_, CoreHandle>,
    sync: State<'_, SyncRuntime>,
) -> Result<AccountsOverview, IpcError> {
    sync.allow_file_fallback(&core).await
}

/// Starts the demo store: a simulated Mercado Libre and Telegram with live buyers (the first-run
/// button, and the accounts screen's "open the demo again").
#[tauri::command]
pub async fn demo_start(app: tauri::AppHandle, sync: State<'_, SyncRuntime>) -> Result<(), IpcError> {
    sync.start_demo(&app).await
}

include!(concat!(env!("OUT_DIR"), "/declared/accounts.rs"));
