//! Connected accounts: the list with sync states, the Mercado Libre, Telegram, Instagram,
//! Facebook and Etsy connect wizards, sync now, turning an account off, the secrets-file consent and the
//! demo store. The sync runtime (`sync_runtime.rs`) owns the engine and the secret store; these
//! only call it.

use mostrador_channels::connect::{
    self, ConnectError, EtsyConnect, FacebookConnect, InstagramConnect, MessengerConnect, MlConnect, Pkce,
    TelegramConnect,
};
use tauri::State;

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::{
    AccountsOverview, EtsyAuthorize, EtsyFinish, EtsyStart, FacebookFinish, InstagramFinish, IpcError,
    MetaAuthorize, MetaStart, MlAuthorize, MlFinish, MlStart, PageChoice,
};
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

/// The Etsy wizard's first step: the page where the seller makes their Etsy app, opened by the
/// shell (www.etsy.com only).
#[tauri::command]
pub async fn account_etsy_open_apps_page() -> Result<(), IpcError> {
    crate::url_opener::open(crate::url_opener::ETSY_APPS_PAGE).map_err(IpcError::internal)
}

/// The Etsy wizard's authorisation step: the shell opens Etsy's page for the seller's app with a
/// PKCE challenge (Etsy requires it); the verifier comes back for the finish step.
#[tauri::command]
pub async fn account_connect_etsy_start(request: EtsyStart) -> Result<EtsyAuthorize, IpcError> {
    let pkce = Pkce::new();
    let url = connect::etsy_authorize_url(
        connect::ETSY_CONNECT_BASE,
        &request.keystring,
        &request.redirect_uri,
        &state_value(),
        &pkce,
    );
    let url = crate::url_opener::etsy_authorize_url(&url).ok_or_else(|| IpcError {
        code: "connect_auth_host".into(),
        message: format!("{url} is not an authorisation page"),
    })?;
    crate::url_opener::open(&url).map_err(IpcError::internal)?;
    Ok(EtsyAuthorize { authorize_url: url, code_verifier: pkce.verifier })
}

/// The Etsy wizard's last step: trades what the browser landed on for tokens (kept in the secret
/// store) and connects the shop's orders into its Etsy account; returns the account id.
#[tauri::command]
pub async fn account_connect_etsy_finish(
    request: EtsyFinish,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
    sync: State<'_, SyncRuntime>,
) -> Result<i64, IpcError> {
    let (core_arc, store) = (core.core().await?, sync.store()?);
    let request = EtsyConnect {
        keystring: request.keystring,
        redirect_uri: request.redirect_uri,
        pasted: request.pasted,
        code_verifier: request.code_verifier,
        api_base: connect::ETSY_API_BASE.into(),
        demo: false,
    };
    let id = connect::etsy(&core_arc, &store, request, now()).await.map_err(connect_error)?;
    sync.reload().await;
    super::notify_store_changed(&app);
    Ok(id)
}

/// Opens a Meta authorisation page after checking it is one (Instagram's or Facebook's hosts only).
fn open_meta_authorisation(url: String) -> Result<MetaAuthorize, IpcError> {
    let url = crate::url_opener::meta_authorize_url(&url).ok_or_else(|| IpcError {
        code: "connect_auth_host".into(),
        message: format!("{url} is not an authorisation page"),
    })?;
    crate::url_opener::open(&url).map_err(IpcError::internal)?;
    Ok(MetaAuthorize { authorize_url: url })
}

/// A value the authorisation carries back to the redirect address, so a stale tab is recognised.
fn state_value() -> String {
    format!("mostrador-{}", now())
}

/// The Instagram wizard's first step: the shell opens Instagram's authorisation page for the
/// seller's Meta app in the browser.
#[tauri::command]
pub async fn account_connect_instagram_start(request: MetaStart) -> Result<MetaAuthorize, IpcError> {
    let url = connect::instagram_authorize_url(
        connect::INSTAGRAM_AUTH_BASE,
        request.app_id.trim(),
        request.redirect_uri.trim(),
        &state_value(),
    );
    open_meta_authorisation(url)
}

/// The Instagram wizard's last step: trades what the browser landed on for a 60-day token, kept
/// in the secret store, checks the account is professional and connects it; returns its id.
#[tauri::command]
pub async fn account_connect_instagram_finish(
    request: InstagramFinish,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
    sync: State<'_, SyncRuntime>,
) -> Result<i64, IpcError> {
    let (core_arc, store) = (core.core().await?, sync.store()?);
    let request = InstagramConnect {
        app_id: request.app_id,
        app_secret: request.app_secret,
        redirect_uri: request.redirect_uri,
        pasted: request.pasted,
        human_agent: request.human_agent,
        graph_base: connect::INSTAGRAM_GRAPH_BASE.into(),
        oauth_base: connect::INSTAGRAM_OAUTH_BASE.into(),
        demo: false,
    };
    let id = connect::instagram(&core_arc, &store, request, now()).await.map_err(connect_error)?;
    sync.reload().await;
    super::notify_store_changed(&app);
    Ok(id)
}

/// The Facebook wizard's first step: the shell opens Facebook's authorisation dialog.
#[tauri::command]
pub async fn account_connect_facebook_start(request: MetaStart) -> Result<MetaAuthorize, IpcError> {
    let url = connect::facebook_authorize_url(
        connect::FACEBOOK_AUTH_BASE,
        request.app_id.trim(),
        request.redirect_uri.trim(),
        &state_value(),
    );
    open_meta_authorisation(url)
}

/// The Facebook wizard's second step: trades what the browser landed on for the Pages the seller
/// manages; their tokens stay in the shell until one is picked.
#[tauri::command]
pub async fn account_connect_facebook_pages(
    request: FacebookFinish,
    sync: State<'_, SyncRuntime>,
) -> Result<Vec<PageChoice>, IpcError> {
    let request = FacebookConnect {
        app_id: request.app_id,
        app_secret: request.app_secret,
        redirect_uri: request.redirect_uri,
        pasted: request.pasted,
        graph_base: connect::FACEBOOK_GRAPH_BASE.into(),
    };
    let login = connect::facebook_login(request).await.map_err(connect_error)?;
    let pages = login
        .pages()
        .into_iter()
        .map(|p| PageChoice { id: p.id, name: p.name, instagram_username: p.instagram_username })
        .collect();
    sync.hold_facebook_login(login);
    Ok(pages)
}

/// The Facebook wizard's last step: connects the picked Page as a Messenger account with its own
/// token (which does not expire); returns its id.
#[tauri::command]
pub async fn account_connect_messenger(
    page_id: String,
    human_agent: bool,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
    sync: State<'_, SyncRuntime>,
) -> Result<i64, IpcError> {
    let login = sync.facebook_login().ok_or_else(|| IpcError {
        code: "connect_login_expired".into(),
        message: "no Facebook login is waiting for a Page: sign in again".into(),
    })?;
    let (core_arc, store) = (core.core().await?, sync.store()?);
    let request = MessengerConnect { page_id, human_agent, demo: false };
    // The login stays until another one replaces it, so the seller can connect several of its Pages.
    let id = connect::messenger(&core_arc, &store, &login, request, now()).await.map_err(connect_error)?;
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
