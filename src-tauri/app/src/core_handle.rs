//! The app's one `Mostrador`, opened once in the background and shared by every command.

use std::path::PathBuf;
use std::sync::Arc;

use mostrador_core::Mostrador;
use tokio::sync::OnceCell;

use crate::ipc::IpcError;

pub struct CoreHandle {
    path: PathBuf,
    opened: Arc<OnceCell<Result<Arc<Mostrador>, IpcError>>>,
}

impl CoreHandle {
    pub fn new(path: PathBuf) -> Self {
        CoreHandle { path, opened: Arc::new(OnceCell::new()) }
    }

    /// A handle that never opens: every command answers with `refusal` (no data folder).
    pub fn refused(refusal: IpcError) -> Self {
        CoreHandle { path: PathBuf::new(), opened: Arc::new(OnceCell::new_with(Some(Err(refusal)))) }
    }

    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    pub fn start_opening(&self) {
        let (path, opened) = (self.path.clone(), self.opened.clone());
        tauri::async_runtime::spawn(async move {
            let _ = opened.get_or_init(|| open(path)).await;
        });
    }

    /// The opened core itself, for the live channels' sync engine, which holds it.
    pub async fn core(&self) -> Result<Arc<Mostrador>, IpcError> {
        self.opened.get_or_init(|| open(self.path.clone())).await.clone()
    }

    /// Runs `work` on a blocking thread with the opened core: database work never touches the
    /// UI thread or the async executor.
    pub async fn run<T, F>(&self, work: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&Mostrador) -> mostrador_core::Result<T> + Send + 'static,
    {
        let core = self.opened.get_or_init(|| open(self.path.clone())).await.clone()?;
        tauri::async_runtime::spawn_blocking(move || work(&core))
            .await
            .map_err(|e| IpcError::internal(format!("database task failed: {e}")))?
            .map_err(IpcError::from)
    }
}

async fn open(path: PathBuf) -> Result<Arc<Mostrador>, IpcError> {
    let opened = tauri::async_runtime::spawn_blocking(move || {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        Mostrador::open(&path)
    });
    match opened.await {
        Ok(result) => result.map(Arc::new).map_err(IpcError::from),
        Err(e) => Err(IpcError::internal(format!("opening the database failed: {e}"))),
    }
}
