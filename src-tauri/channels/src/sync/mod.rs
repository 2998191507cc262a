//! The sync engine: one tokio task per enabled API account, polling and sending in turns, with
//! adaptive polling, backoff and the account status recorded after every round.

pub(crate) mod adapter;
pub(crate) mod context;
mod round;
pub(crate) mod schedule;
mod sending;

pub use sending::GIVE_UP_AFTER_ATTEMPTS;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mostrador_core::Mostrador;
use mostrador_core::accounts::{AccountView, SyncOutcome};
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

use crate::secrets::SecretStore;
use crate::{ChannelError, Clock, EventSink, SyncEvent, SyncSummary};
use adapter::{Cadence, ChannelAdapter};
use context::blocking;
use round::RoundInput;

/// The supervisor re-reads the accounts this often even without `reload()`.
const ACCOUNTS_REFRESH: Duration = Duration::from_secs(5 * 60);

struct Shared {
    core: Arc<Mostrador>,
    secrets: Arc<dyn SecretStore>,
    clock: Clock,
    events: EventSink,
    wakers: Mutex<HashMap<i64, Arc<Notify>>>,
    reload: Notify,
    stop: watch::Sender<bool>,
}

impl Shared {
    fn waker(&self, account_id: i64) -> Arc<Notify> {
        let mut wakers = self.wakers.lock().unwrap_or_else(|e| e.into_inner());
        Arc::clone(wakers.entry(account_id).or_default())
    }

    fn emit(&self, event: SyncEvent) {
        (self.events)(event);
    }
}

/// The background sync of every enabled Mercado Libre and Telegram account.
pub struct Engine {
    shared: Arc<Shared>,
    supervisor: JoinHandle<()>,
}

impl Engine {
    /// Starts a task per enabled account on the current tokio runtime (call it inside one).
    pub fn start(
        core: Arc<Mostrador>,
        secrets: Arc<dyn SecretStore>,
        clock: Clock,
        events: EventSink,
    ) -> Engine {
        let (stop, _) = watch::channel(false);
        let shared = Arc::new(Shared {
            core,
            secrets,
            clock,
            events,
            wakers: Mutex::new(HashMap::new()),
            reload: Notify::new(),
            stop,
        });
        let supervisor = tokio::spawn(supervise(Arc::clone(&shared)));
        Engine { shared, supervisor }
    }

    /// Runs the account's next round now (the seller queued a reply). A Telegram long poll in
    /// progress returns early. An account the engine does not know yet makes it re-read the accounts.
    pub fn wake(&self, account_id: i64) {
        let known = self.shared.wakers.lock().unwrap_or_else(|e| e.into_inner()).contains_key(&account_id);
        self.shared.waker(account_id).notify_one();
        if !known {
            self.shared.reload.notify_one();
        }
    }

    /// Re-reads the accounts: starts tasks for new or re-enabled ones, stops disabled or removed ones.
    pub fn reload(&self) {
        self.shared.reload.notify_one();
    }

    /// Stops every task after its current step (a long poll is cut short) and waits for them.
    pub async fn shutdown(self) {
        self.shared.stop.send_replace(true);
        for waker in self.shared.wakers.lock().unwrap_or_else(|e| e.into_inner()).values() {
            waker.notify_one();
        }
        let _ = self.supervisor.await;
    }
}

async fn supervise(shared: Arc<Shared>) {
    let mut stop = shared.stop.subscribe();
    let mut tasks: HashMap<i64, (watch::Sender<bool>, JoinHandle<()>)> = HashMap::new();
    // Tasks told to stop that may still be finishing a send: a new task for the same account waits
    // for its predecessor, so two never send (or resolve) the same account's replies at once.
    let mut stopping_tasks: HashMap<i64, JoinHandle<()>> = HashMap::new();
    loop {
        match blocking(&shared.core, |core| core.accounts()).await {
            Ok(accounts) => {
                let wanted: Vec<i64> =
                    accounts.iter().filter(|a| !a.disabled && adapter::is_synced(a)).map(|a| a.id).collect();
                let (kept, stopped): (HashMap<_, _>, HashMap<_, _>) = std::mem::take(&mut tasks)
                    .into_iter()
                    .partition(|(id, (_, handle))| wanted.contains(id) && !handle.is_finished());
                tasks = kept;
                for (id, (task_stop, handle)) in stopped {
                    task_stop.send_replace(true);
                    shared.waker(id).notify_one();
                    stopping_tasks.insert(id, handle);
                }
                stopping_tasks.retain(|_, handle| !handle.is_finished());
                for id in wanted {
                    tasks.entry(id).or_insert_with(|| {
                        let (task_stop, task_stop_rx) = watch::channel(false);
                        let previous = stopping_tasks.remove(&id);
                        let task = account_task(Arc::clone(&shared), id, task_stop_rx);
                        let handle = tokio::spawn(async move {
                            if let Some(previous) = previous {
                                let _ = previous.await;
                            }
                            task.await;
                        });
                        (task_stop, handle)
                    });
                }
            }
            Err(e) => eprintln!("mostrador sync: could not read the accounts: {e}"),
        }
        tokio::select! {
            () = shared.reload.notified() => {}
            _ = stop.changed() => break,
            () = tokio::time::sleep(ACCOUNTS_REFRESH) => {}
        }
        if *stop.borrow() {
            break;
        }
    }
    for (_, (task_stop, handle)) in tasks {
        task_stop.send_replace(true);
        let _ = handle.await;
    }
    for (_, handle) in stopping_tasks {
        let _ = handle.await;
    }
}

fn stopping(global: &watch::Receiver<bool>, own: &watch::Receiver<bool>) -> bool {
    *global.borrow() || *own.borrow()
}

/// The cadence an account's settings ask for (`poll_active_secs`, `poll_idle_secs`), else the
/// connector's; the demo store's accounts poll their local simulator every few seconds so a
/// newcomer sees buyers arrive at once.
fn cadence_of(account: &AccountView, default: Cadence) -> Cadence {
    let setting = |key: &str| crate::lenient::int(&account.settings, key).map(|s| s.clamp(1, 3600) as u64);
    let default = if account.demo {
        Cadence { active_secs: default.active_secs.min(2), idle_secs: default.idle_secs.min(5) }
    } else {
        default
    };
    Cadence {
        active_secs: setting("poll_active_secs").unwrap_or(default.active_secs),
        idle_secs: setting("poll_idle_secs").unwrap_or(default.idle_secs),
    }
}

async fn account_task(shared: Arc<Shared>, account_id: i64, mut own_stop: watch::Receiver<bool>) {
    let mut global_stop = shared.stop.subscribe();
    let waker = shared.waker(account_id);
    let mut adapter: Option<Box<dyn ChannelAdapter>> = None;
    let mut settings_seen = None;
    let mut resolve_in_doubt = true;
    let mut failures = 0u32;
    let mut last_state: Option<std::mem::Discriminant<SyncOutcome>> = None;
    let mut last_activity_at: Option<i64> = None;
    while !stopping(&global_stop, &own_stop) {
        let account = match blocking(&shared.core, move |core| core.account(account_id)).await {
            Ok(account) if !account.disabled => account,
            Ok(_) => break,
            Err(ChannelError::Store(e)) if e.contains("not_found") => break,
            Err(e) => {
                eprintln!("mostrador sync: account {account_id}: {e}");
                tokio::time::sleep(Duration::from_secs(30)).await;
                continue;
            }
        };
        if settings_seen.as_ref() != Some(&account.settings) {
            // Reconnected or edited: a fresh connector reads the new settings and secrets.
            adapter = None;
            settings_seen = Some(account.settings.clone());
        }
        let input = RoundInput {
            core: &shared.core,
            secrets: &shared.secrets,
            clock: &shared.clock,
            account: &account,
            interrupt: Some(&waker),
            resolve_in_doubt,
        };
        let round = round::run(input, &mut adapter).await;
        // After a failed round a reply may be left "sending" (its outcome unrecorded): check again.
        resolve_in_doubt = !round.resolved_in_doubt || round.error.is_some();
        let now = (shared.clock)();
        if round.tally.sent > 0 {
            last_activity_at = Some(now);
        }
        if let Some(at) = round.tally.last_incoming_at {
            last_activity_at = Some(last_activity_at.map_or(at, |t| t.max(at)));
        }
        let cadence = cadence_of(
            &account,
            adapter.as_ref().map_or(Cadence { active_secs: 10, idle_secs: 90 }, |a| a.cadence()),
        );
        let (delay, outcome) = match &round.error {
            None => {
                failures = 0;
                let backlog = adapter.as_ref().is_some_and(|a| a.backlog());
                let delay = if backlog {
                    Duration::ZERO
                } else {
                    schedule::next_poll(cadence, last_activity_at, now)
                };
                (delay, SyncOutcome::Ok)
            }
            Some(e) => {
                failures += 1;
                if e.needs_reconnect() {
                    // Secrets or settings may be replaced by a reconnect: start from them again.
                    adapter = None;
                }
                schedule::after_failure(e, failures, now)
            }
        };
        let state = std::mem::discriminant(&outcome);
        let changed_state = last_state != Some(state) || !matches!(outcome, SyncOutcome::Ok);
        if let Err(e) = round::record(&shared.core, account_id, outcome, now).await {
            eprintln!("mostrador sync: account {account_id}: could not record the outcome: {e}");
        }
        last_state = Some(state);
        if round.tally.changed() {
            shared.emit(SyncEvent::StoreChanged { account_id });
        }
        if round.tally.new_incoming > 0 {
            shared.emit(SyncEvent::NewIncoming { account_id, count: round.tally.new_incoming });
        }
        if changed_state {
            shared.emit(SyncEvent::StatusChanged { account_id });
        }
        // A wake (a queued reply, "sync now") runs the next round at once, except while the channel
        // asked us to slow down: then not before its Retry-After.
        let rate_limited = matches!(round.error, Some(ChannelError::RateLimited { .. }));
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            () = waker.notified(), if !rate_limited => {}
            _ = own_stop.changed() => {}
            _ = global_stop.changed() => {}
        }
    }
}

/// One round for one account in the caller's task (the CLI's `sync --once`, tests): resolves
/// replies in doubt, sends queued replies, polls and commits, sends again, and records the outcome
/// on the account.
pub async fn sync_once(
    core: &Arc<Mostrador>,
    secrets: &Arc<dyn SecretStore>,
    account_id: i64,
    clock: &Clock,
) -> SyncSummary {
    let account = match blocking(core, move |core| core.account(account_id)).await {
        Ok(account) => account,
        Err(e) => {
            return SyncSummary { errors: vec![format!("{}: {e}", e.code())], ..SyncSummary::default() };
        }
    };
    let mut adapter = None;
    let input =
        RoundInput { core, secrets, clock, account: &account, interrupt: None, resolve_in_doubt: true };
    let mut round = round::run(input, &mut adapter).await;
    let now = clock();
    let outcome = match &round.error {
        None => SyncOutcome::Ok,
        Some(e) => schedule::after_failure(e, 1, now).1,
    };
    if let Err(e) = round::record(core, account_id, outcome, now).await {
        round.summary.errors.push(format!("{}: {e}", e.code()));
    }
    round.summary
}

#[cfg(test)]
mod tests {
    use mostrador_core::accounts::{AccountSyncStatus, SyncState};
    use mostrador_core::vocabulary::ChannelKind;
    use serde_json::json;

    use super::*;

    fn account(settings: serde_json::Value, demo: bool) -> AccountView {
        AccountView {
            id: 1,
            channel: ChannelKind::MercadoLibre,
            display_name: "TALLERLUNA".into(),
            external_id: Some("1".into()),
            settings,
            disabled: false,
            demo,
            sync: AccountSyncStatus {
                state: SyncState::NeverSynced,
                last_success_at: None,
                last_attempt_at: None,
                error_code: None,
                error_detail: None,
                retry_at: None,
                updates_may_be_lost: false,
            },
            access_expires_at: None,
        }
    }

    #[test]
    fn cadence_from_the_connector_the_settings_or_the_demo() {
        let ml = Cadence { active_secs: 10, idle_secs: 90 };
        assert_eq!(cadence_of(&account(json!({}), false), ml), ml);
        assert_eq!(cadence_of(&account(json!({}), true), ml), Cadence { active_secs: 2, idle_secs: 5 });
        let fast = account(json!({ "poll_active_secs": 3, "poll_idle_secs": "7" }), false);
        assert_eq!(cadence_of(&fast, ml), Cadence { active_secs: 3, idle_secs: 7 });
        assert_eq!(cadence_of(&account(json!({ "poll_idle_secs": 0 }), false), ml).idle_secs, 1);
    }
}
