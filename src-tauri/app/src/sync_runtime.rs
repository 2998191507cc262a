//! The live channels in the shell: owns `mostrador_channels::Engine` (started once the
//! core is open, on tauri's async runtime), the secret store, and the demo store when it runs.
//!
//! The engine's events become the UI's events, coalesced so a burst of synced pages is one refetch:
//! `StoreChanged` → `store-changed`, `StatusChanged` → `accounts-changed`, `NewIncoming` → the
//! triage look runs now (one notifier, one grouped notice; see `triage_watch.rs`).
//!
//! Secrets: the system keychain, or the encrypted file once the seller agreed (a core setting). The
//! demo store's tokens are throwaway and live in memory only, in front of that store.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use mostrador_channels::secrets::{self, SecretError, SecretStore, SecretStoreKind};
use mostrador_channels::{Clock, Engine, EventSink, SyncEvent};
use mostrador_core::Mostrador;
use tauri::{AppHandle, Emitter, Manager};
use tokio::sync::mpsc;

use crate::core_handle::CoreHandle;
use crate::demo_store::DemoStore;
use crate::ipc::{AccountsOverview, IpcError, SecretsState};

/// Sync events closer together than this make one UI refetch.
const COALESCE: Duration = Duration::from_millis(250);
/// How long closing the app waits for the accounts to finish their step.
const SHUTDOWN_WAIT: Duration = Duration::from_secs(3);

pub struct SyncRuntime {
    /// Where the encrypted secrets file goes (beside the database).
    data_dir: PathBuf,
    /// Launched with `--demo`: the demo store starts with the app.
    demo_requested: bool,
    secrets: Arc<RuntimeSecrets>,
    events: mpsc::UnboundedSender<SyncEvent>,
    state: tokio::sync::Mutex<State>,
    /// The last Facebook login, from "here are your Pages" on, so the seller can connect one Page
    /// or several: its Page tokens stay here, in the shell's memory, never in the webview.
    facebook_login: std::sync::Mutex<Option<mostrador_channels::connect::FacebookLogin>>,
    /// The Microsoft sign-in the mailbox wizard waits on (its device code stays in the shell).
    microsoft_login: std::sync::Mutex<Option<MicrosoftLogin>>,
}

/// A device code shown to the seller, what it will connect, and how to stop waiting for it.
#[derive(Clone)]
pub struct MicrosoftLogin {
    pub request: mostrador_channels::connect::OutlookConnect,
    pub login: mostrador_channels::connect::MicrosoftDeviceLogin,
    pub cancel: Arc<tokio::sync::Notify>,
}

#[derive(Default)]
struct State {
    core: Option<Arc<Mostrador>>,
    engine: Option<Engine>,
    demo: Option<DemoStore>,
}

impl SyncRuntime {
    /// Registers the runtime and starts it in the background: the window paints meanwhile.
    pub fn start(app: &AppHandle, data_dir: PathBuf, demo: bool) {
        let (events, received) = mpsc::unbounded_channel();
        app.manage(SyncRuntime {
            data_dir,
            demo_requested: demo,
            secrets: Arc::new(RuntimeSecrets::default()),
            events,
            state: tokio::sync::Mutex::new(State::default()),
            facebook_login: std::sync::Mutex::new(None),
            microsoft_login: std::sync::Mutex::new(None),
        });
        tauri::async_runtime::spawn(forward(app.clone(), received));
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            let runtime = app.state::<SyncRuntime>();
            if let Err(error) = runtime.boot(&app, demo).await {
                eprintln!("mostrador: live channels did not start: {}", error.message);
            }
        });
    }

    async fn boot(&self, app: &AppHandle, demo: bool) -> Result<(), IpcError> {
        let core = app.state::<CoreHandle>().core().await?;
        let allowed = {
            let core = Arc::clone(&core);
            blocking(move || core.secrets_file_fallback_allowed()).await?
        };
        // Not under the lock: a locked keyring may ask the seller first, and the screen must answer.
        self.open_secrets(allowed, Arc::clone(&core)).await;
        {
            // Held from here, so the first-run demo button waits for (or went before) this start.
            let mut state = self.state.lock().await;
            if state.demo.is_none() {
                // An earlier run's simulator is gone: its accounts must not poll a dead local port
                // (with `--demo`, connecting to the new one turns them on again).
                let retire = Arc::clone(&core);
                blocking(move || crate::demo_store::retire(&retire)).await?;
            }
            if state.engine.is_none() {
                state.engine =
                    Some(Engine::start(Arc::clone(&core), self.secrets.clone(), clock(), self.sink()));
            }
            state.core = Some(core);
        }
        if demo {
            self.start_demo(app).await?;
        }
        Ok(())
    }

    /// The keychain, else the encrypted file if the seller agreed; otherwise the UI asks.
    /// Each database's secrets under its own names (`secrets::for_database`).
    async fn open_secrets(&self, allow_file_fallback: bool, core: Arc<Mostrador>) {
        let dir = self.data_dir.clone();
        let opened = tauri::async_runtime::spawn_blocking(move || {
            let configured = secrets::open_configured(&dir, allow_file_fallback)?;
            Ok::<_, SecretError>((secrets::for_database(configured.store, &core)?, configured.set_aside))
        })
        .await
        .unwrap_or_else(|e| Err(SecretError::Store(e.to_string())));
        let mut real = self.secrets.real.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        *real = match opened {
            Ok((store, set_aside)) => {
                if set_aside.is_some() {
                    *self.secrets.set_aside.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) =
                        set_aside;
                }
                Opened::Store(store)
            }
            Err(SecretError::KeychainUnavailable(_)) => Opened::NeedsConsent,
            Err(error) => Opened::Failed(error.to_string()),
        };
    }

    /// Launched with `--demo`: the welcome screen is skipped, the demo's inbox fills as it syncs.
    pub fn demo_requested(&self) -> bool {
        self.demo_requested
    }

    fn sink(&self) -> EventSink {
        let events = self.events.clone();
        Arc::new(move |event| {
            let _ = events.send(event);
        })
    }

    /// The accounts screen: accounts with their sync state, where secrets live, the demo.
    pub async fn overview(&self, core: &CoreHandle) -> Result<AccountsOverview, IpcError> {
        let accounts = core.run(|core| core.accounts()).await?;
        let (secrets, secrets_detail) = self.secrets.state();
        let secrets_set_aside = self
            .secrets
            .set_aside
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .as_ref()
            .map(|path| path.display().to_string());
        let demo_running = self.state.lock().await.demo.is_some();
        Ok(AccountsOverview { accounts, secrets, secrets_detail, secrets_set_aside, demo_running })
    }

    /// The seller said yes to the encrypted file: remember it and open the store.
    pub async fn allow_file_fallback(&self, core: &CoreHandle) -> Result<AccountsOverview, IpcError> {
        core.run(|core| core.set_secrets_file_fallback_allowed(true)).await?;
        self.open_secrets(true, core.core().await?).await;
        self.reload().await;
        self.overview(core).await
    }

    /// The store connecting a real account writes to; an error the UI translates when there is none.
    pub fn store(&self) -> Result<Arc<dyn SecretStore>, IpcError> {
        match &*self.secrets.real.read().unwrap_or_else(|poisoned| poisoned.into_inner()) {
            Opened::Store(store) => Ok(Arc::clone(store)),
            Opened::NeedsConsent | Opened::Pending => Err(IpcError {
                code: "keychain_unavailable".into(),
                message: "no system keychain, and the encrypted file was not allowed".into(),
            }),
            Opened::Failed(detail) => Err(IpcError { code: "secret_store".into(), message: detail.clone() }),
        }
    }

    /// The reasons Mercado Libre offers now to open a post-sale conversation, asked of the channel
    /// with the engine's secrets (the demo store's included).
    pub async fn post_sale_reasons(
        &self,
        core: &CoreHandle,
        conversation_id: i64,
    ) -> Result<Vec<mostrador_core::replies::PostSaleReason>, IpcError> {
        let core = core.core().await?;
        let secrets: Arc<dyn SecretStore> = self.secrets.clone();
        mostrador_channels::post_sale_reasons(&core, &secrets, &clock(), conversation_id)
            .await
            .map_err(|e| IpcError { code: e.code().into(), message: e.to_string() })
    }

    /// Runs the account's next round now (a reply was queued, the seller asked to sync).
    pub async fn wake(&self, account_id: i64) {
        if let Some(engine) = &self.state.lock().await.engine {
            engine.wake(account_id);
        }
    }

    /// Accounts were connected or turned on/off: the engine reads them again.
    /// Keeps a Facebook login until the seller picks a Page (a newer login replaces it).
    pub fn hold_facebook_login(&self, login: mostrador_channels::connect::FacebookLogin) {
        *self.facebook_login.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(login);
    }

    /// The Facebook login waiting for a Page to be picked, if any.
    pub fn facebook_login(&self) -> Option<mostrador_channels::connect::FacebookLogin> {
        self.facebook_login.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Keeps the Microsoft sign-in the wizard shows; an earlier one stops waiting.
    pub fn hold_microsoft_login(&self, login: MicrosoftLogin) {
        let earlier =
            self.microsoft_login.lock().unwrap_or_else(std::sync::PoisonError::into_inner).replace(login);
        if let Some(earlier) = earlier {
            earlier.cancel.notify_one();
        }
    }

    /// The Microsoft sign-in waiting for the seller, if any.
    pub fn microsoft_login(&self) -> Option<MicrosoftLogin> {
        self.microsoft_login.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Forgets the Microsoft sign-in (finished or cancelled), unless a newer one replaced it.
    pub fn drop_microsoft_login(&self, cancel: &Arc<tokio::sync::Notify>) {
        let mut held = self.microsoft_login.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if held.as_ref().is_some_and(|login| Arc::ptr_eq(&login.cancel, cancel)) {
            *held = None;
        }
    }

    pub async fn reload(&self) {
        if let Some(engine) = &self.state.lock().await.engine {
            engine.reload();
        }
        let _ = self.events.send(SyncEvent::StatusChanged { account_id: 0 });
    }

    /// Starts the demo store (once): the simulator, its three accounts, activity.
    pub async fn start_demo(&self, app: &AppHandle) -> Result<(), IpcError> {
        let core = match self.state.lock().await.core.clone() {
            Some(core) => core,
            // The first-run button can beat the background start: open the core here too.
            None => app.state::<CoreHandle>().core().await?,
        };
        let mut state = self.state.lock().await;
        if state.demo.is_some() {
            return Ok(());
        }
        let demo_secrets: Arc<dyn SecretStore> = self.secrets.demo.clone();
        let demo = DemoStore::start(&core, &demo_secrets, crate::clock::now()).await?;
        state.demo = Some(demo);
        if state.engine.is_none() {
            state.engine = Some(Engine::start(Arc::clone(&core), self.secrets.clone(), clock(), self.sink()));
            state.core = Some(core);
        }
        if let Some(engine) = &state.engine {
            engine.reload();
            for id in state.demo.iter().flat_map(DemoStore::account_ids) {
                engine.wake(id);
            }
        }
        drop(state);
        let _ = app.emit("store-changed", ());
        let _ = app.emit("accounts-changed", ());
        Ok(())
    }

    /// Stops the engine (each account after its current step) and the demo's simulator; a
    /// channel that hangs does not keep the window from closing.
    pub async fn shutdown(&self) {
        let stop = async {
            let mut state = self.state.lock().await;
            if let Some(engine) = state.engine.take() {
                engine.shutdown().await;
            }
            if let Some(demo) = state.demo.take() {
                demo.shutdown().await;
            }
        };
        if tokio::time::timeout(SHUTDOWN_WAIT, stop).await.is_err() {
            eprintln!("mostrador: live channels did not stop within {SHUTDOWN_WAIT:?}");
        }
    }
}

fn clock() -> Clock {
    Arc::new(crate::clock::now)
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> mostrador_core::Result<T> + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| IpcError::internal(format!("task failed: {e}")))?
        .map_err(IpcError::from)
}

/// Coalesces the engine's events into the UI's: at most one of each per [`COALESCE`].
async fn forward(app: AppHandle, mut received: mpsc::UnboundedReceiver<SyncEvent>) {
    while let Some(first) = received.recv().await {
        let mut seen = Seen::default();
        seen.add(&first);
        tokio::time::sleep(COALESCE).await;
        while let Ok(event) = received.try_recv() {
            seen.add(&event);
        }
        if seen.store {
            let _ = app.emit("store-changed", ());
        }
        if seen.status {
            let _ = app.emit("accounts-changed", ());
        }
        if seen.incoming {
            crate::triage_watch::look_now(&app);
        }
    }
}

#[derive(Default)]
struct Seen {
    store: bool,
    status: bool,
    incoming: bool,
}

impl Seen {
    fn add(&mut self, event: &SyncEvent) {
        match event {
            SyncEvent::StoreChanged { .. } => self.store = true,
            SyncEvent::StatusChanged { .. } => self.status = true,
            SyncEvent::NewIncoming { .. } => {
                self.store = true;
                self.incoming = true;
            }
        }
    }
}

/// What opening the configured store gave.
#[derive(Default)]
enum Opened {
    #[default]
    Pending,
    Store(Arc<dyn SecretStore>),
    NeedsConsent,
    Failed(String),
}

/// The store the engine reads: the demo's in-memory keys first, then the seller's real store.
#[derive(Default)]
struct RuntimeSecrets {
    demo: Arc<MemorySecrets>,
    real: RwLock<Opened>,
    /// Where a secrets file that could not be decrypted was moved when the store opened.
    set_aside: Mutex<Option<PathBuf>>,
}

impl RuntimeSecrets {
    fn state(&self) -> (SecretsState, Option<String>) {
        match &*self.real.read().unwrap_or_else(|poisoned| poisoned.into_inner()) {
            Opened::Store(store) => match store.kind() {
                SecretStoreKind::Keychain => (SecretsState::Keychain, None),
                SecretStoreKind::EncryptedFile => (SecretsState::EncryptedFile, None),
            },
            Opened::Pending => (SecretsState::Checking, None),
            Opened::NeedsConsent => (SecretsState::NeedsConsent, None),
            Opened::Failed(detail) => (SecretsState::Failed, Some(detail.clone())),
        }
    }

    fn real(&self) -> Result<Arc<dyn SecretStore>, SecretError> {
        match &*self.real.read().unwrap_or_else(|poisoned| poisoned.into_inner()) {
            Opened::Store(store) => Ok(Arc::clone(store)),
            Opened::Failed(detail) => Err(SecretError::Store(detail.clone())),
            Opened::Pending | Opened::NeedsConsent => Err(SecretError::KeychainUnavailable(
                "the seller has not chosen where to keep secrets".into(),
            )),
        }
    }
}

impl SecretStore for RuntimeSecrets {
    fn get(&self, key: &str) -> Result<Option<String>, SecretError> {
        if let Some(value) = self.demo.get(key)? {
            return Ok(Some(value));
        }
        self.real()?.get(key)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), SecretError> {
        // A demo account's rotated token stays with the demo.
        if self.demo.get(key)?.is_some() { self.demo.set(key, value) } else { self.real()?.set(key, value) }
    }

    fn delete(&self, key: &str) -> Result<(), SecretError> {
        self.demo.delete(key)?;
        match self.real() {
            Ok(real) => real.delete(key),
            Err(_) => Ok(()),
        }
    }

    fn kind(&self) -> SecretStoreKind {
        self.real().map(|real| real.kind()).unwrap_or(SecretStoreKind::Keychain)
    }
}

/// The demo store's tokens: fake, valid only for this run's simulator, never written anywhere.
#[derive(Default)]
pub struct MemorySecrets(Mutex<HashMap<String, String>>);

impl MemorySecrets {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl SecretStore for MemorySecrets {
    fn get(&self, key: &str) -> Result<Option<String>, SecretError> {
        Ok(self.map().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), SecretError> {
        self.map().insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn delete(&self, key: &str) -> Result<(), SecretError> {
        self.map().remove(key);
        Ok(())
    }

    fn kind(&self) -> SecretStoreKind {
        SecretStoreKind::Keychain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct FakeStore(MemorySecrets);

    impl SecretStore for FakeStore {
        fn get(&self, key: &str) -> Result<Option<String>, SecretError> {
            self.0.get(key)
        }
        fn set(&self, key: &str, value: &str) -> Result<(), SecretError> {
            self.0.set(key, value)
        }
        fn delete(&self, key: &str) -> Result<(), SecretError> {
            self.0.delete(key)
        }
        fn kind(&self) -> SecretStoreKind {
            SecretStoreKind::EncryptedFile
        }
    }

    #[test]
    fn demo_keys_stay_in_memory_and_real_ones_go_to_the_store() {
        let secrets = RuntimeSecrets::default();
        // No store yet: real accounts cannot read or write, demo ones can.
        assert!(matches!(secrets.get("account:1:bot_token"), Err(SecretError::KeychainUnavailable(_))));
        secrets.demo.set("account:9:refresh_token", "demo-1").unwrap();
        secrets.set("account:9:refresh_token", "demo-2").unwrap();
        assert_eq!(secrets.get("account:9:refresh_token").unwrap().as_deref(), Some("demo-2"));
        assert_eq!(secrets.state().0, SecretsState::Checking);

        let real = Arc::new(FakeStore(MemorySecrets::default()));
        *secrets.real.write().unwrap() = Opened::Store(real.clone());
        secrets.set("account:1:bot_token", "123:abc").unwrap();
        assert_eq!(real.get("account:1:bot_token").unwrap().as_deref(), Some("123:abc"));
        assert_eq!(secrets.demo.get("account:1:bot_token").unwrap(), None);
        assert_eq!(real.get("account:9:refresh_token").unwrap(), None, "demo tokens never reach the store");
        assert_eq!(secrets.state().0, SecretsState::EncryptedFile);

        *secrets.real.write().unwrap() = Opened::NeedsConsent;
        assert_eq!(secrets.state().0, SecretsState::NeedsConsent);
    }

    #[test]
    fn the_consent_to_the_secrets_file_is_remembered() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("mostrador.sqlite3");
        let core = Mostrador::open(&path).expect("open");
        assert!(!core.secrets_file_fallback_allowed().unwrap(), "never assumed");
        core.set_secrets_file_fallback_allowed(true).unwrap();
        drop(core);
        assert!(Mostrador::open(&path).unwrap().secrets_file_fallback_allowed().unwrap());
    }

    #[test]
    fn a_burst_of_events_is_one_of_each() {
        let mut seen = Seen::default();
        for event in [
            SyncEvent::StatusChanged { account_id: 1 },
            SyncEvent::NewIncoming { account_id: 1, count: 3 },
            SyncEvent::StoreChanged { account_id: 2 },
        ] {
            seen.add(&event);
        }
        assert!(seen.store && seen.status && seen.incoming);
    }
}
