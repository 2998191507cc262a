//! The daily copy of the database (core `backups::daily`): checked a minute and a half after start,
//! so a seller who opens the app for five minutes a day still gets one, then every hour while it
//! runs. The delay keeps the copy out of the way of opening and the first sync.

use std::time::Duration;

use mostrador_core::backups::daily;
use tauri::{AppHandle, Emitter, Manager};

use crate::clock::now;
use crate::core_handle::CoreHandle;

const FIRST_LOOK: Duration = Duration::from_secs(90);
const LOOK_EVERY: Duration = Duration::from_secs(3600);

pub fn start(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(first_look()).await;
        loop {
            let core = app.state::<CoreHandle>();
            let folder = daily::folder_for(core.path());
            match core.run(move |core| daily::take_if_due(core, &folder, now())).await {
                Ok(Some(_)) => {
                    let _ = app.emit("backups-changed", ());
                }
                Ok(None) => {}
                // A full disk or a read-only folder: the next look tries again; Settings shows
                // the age of the newest copy, and "Make a copy now" gives the reason.
                Err(error) => eprintln!("mostrador: daily backup not made: {}", error.message),
            }
            tokio::time::sleep(LOOK_EVERY).await;
        }
    });
}

/// Testing seam: `MOSTRADOR_DAILY_BACKUP_AFTER_SECS=<n>` looks after `n` seconds instead, so the
/// crash test can kill the app in the middle of a copy.
fn first_look() -> Duration {
    std::env::var("MOSTRADOR_DAILY_BACKUP_AFTER_SECS")
        .ok()
        .and_then(|secs| secs.parse().ok())
        .map_or(FIRST_LOOK, Duration::from_secs_f64)
}
