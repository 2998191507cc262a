//! The demo store: a simulated Mercado Libre (Argentina), Telegram, Instagram and Etsy running inside
//! the app, connected through the same `mostrador_channels::connect` code as a real account (with
//! the simulator's addresses and `demo: true`), with buyers who keep writing, so a newcomer sees
//! live sync, notifications and sending without any real account.
//!
//! Entered with `--demo` on the command line (`cargo xtask run -- --demo`) or the first-run button.
//! Its tokens live in memory only; on a later launch without the demo its accounts are turned off
//! (their simulator is gone) and the accounts screen says "Demo — not running".
//!
//! Testing seam: `MOSTRADOR_DEMO_ADDR_FILE=<file>` — the simulator's Mercado Libre base URL is
//! written there (then its Telegram base URL on a second line, its Instagram base URL on a third,
//! its Etsy base URL on a fourth),
//! so the E2E can drive `POST /_sim/generate` and read `GET /_sim/state`.

use std::sync::Arc;
use std::time::Duration;

use mostrador_channels::connect::{
    self, ConnectError, EtsyConnect, InstagramConnect, MlConnect, Pkce, TelegramConnect,
};
use mostrador_channels::secrets::SecretStore;
use mostrador_core::Mostrador;
use mostrador_core::accounts::{CursorUpdate, SyncBatch};
use mostrador_core::answers::AnswerFacts;
use mostrador_core::vocabulary::Language;
use mostrador_simulator::{Activity, Platform, SimConfig, Simulator};

use crate::ipc::IpcError;

/// How often the simulator's buyers do something (a new question every ~20–40 s).
const ACTIVITY_EVERY: Duration = Duration::from_secs(30);

/// The Telegram connector's cursor (the next getUpdates offset; mostrador-channels' telegram/mod.rs).
const TELEGRAM_OFFSET_STREAM: &str = "updates";

/// The environment variable of the E2E seam.
pub const DEMO_ADDR_FILE_ENV: &str = "MOSTRADOR_DEMO_ADDR_FILE";

pub struct DemoStore {
    simulator: Simulator,
    accounts: [i64; 4],
}

impl DemoStore {
    /// Starts the simulator on tauri's runtime, connects its four accounts, fills an empty answer
    /// library with the sample shop's, and lets the buyers start writing.
    pub async fn start(
        core: &Arc<Mostrador>,
        secrets: &Arc<dyn SecretStore>,
        now: i64,
    ) -> Result<DemoStore, IpcError> {
        // Four months of past orders: the metrics show a reputation, visits and sales per month.
        let config = SimConfig { site: "MLA".into(), order_history_days: 125, ..SimConfig::default() };
        let simulator = Simulator::start(config)
            .await
            .map_err(|e| demo_failed(format!("the simulator did not start: {e}")))?;
        if let Some(file) = std::env::var_os(DEMO_ADDR_FILE_ENV) {
            let addresses = format!(
                "{}\n{}\n{}\n{}\n",
                simulator.ml_base_url(),
                simulator.telegram_base_url(),
                simulator.instagram_base_url(),
                simulator.etsy_base_url()
            );
            std::fs::write(&file, addresses)
                .map_err(|e| demo_failed(format!("{DEMO_ADDR_FILE_ENV}: {e}")))?;
        }

        let app = simulator.ml_app();
        // As if the seller clicked "Allow" and pasted the address the browser landed on.
        let code = simulator.ml_issue_code(None);
        let ml_connect = MlConnect {
            site_id: "MLA".into(),
            client_id: app.client_id.clone(),
            client_secret: app.client_secret.clone(),
            pasted: format!("{}?code={code}", app.redirect_uri),
            redirect_uri: app.redirect_uri.clone(),
            code_verifier: None,
            api_base: simulator.ml_base_url(),
            demo: true,
        };
        let ml_account =
            connect::mercado_libre(core, secrets, ml_connect, now).await.map_err(connect_failed)?;
        let telegram = TelegramConnect {
            token: simulator.telegram_token(),
            api_base: simulator.telegram_base_url(),
            demo: true,
        };
        let telegram_account =
            connect::telegram(core, secrets, telegram, now).await.map_err(connect_failed)?;
        // One Instagram conversation from yesterday, before the account is read: its buyer wrote
        // more than 24 hours ago, so Meta's reply window has closed and the composer says so.
        let yesterday = simulator.generate(Activity {
            instagram_conversations: 1,
            messages_per_conversation: 3,
            ..Activity::default()
        });
        for conversation in &yesterday.instagram_conversation_ids {
            simulator.meta_age_conversation(conversation, 26 * 3600);
        }
        let meta = simulator.meta_app();
        let instagram = InstagramConnect {
            app_id: meta.app_id.clone(),
            app_secret: meta.app_secret.clone(),
            pasted: format!(
                "{}?code={}#_",
                meta.redirect_uri,
                simulator.meta_issue_code(Platform::Instagram)
            ),
            redirect_uri: meta.redirect_uri.clone(),
            human_agent: false,
            graph_base: simulator.instagram_base_url(),
            oauth_base: simulator.instagram_base_url(),
            demo: true,
        };
        let instagram_account =
            connect::instagram(core, secrets, instagram, now).await.map_err(connect_failed)?;

        // Etsy's orders, as if the seller allowed the app on the page that carried this challenge.
        let etsy_app = simulator.etsy_app();
        let pkce = Pkce::new();
        let etsy = EtsyConnect {
            keystring: etsy_app.keystring.clone(),
            pasted: format!(
                "{}?code={}&state=demo",
                etsy_app.redirect_uri,
                simulator.etsy_issue_code(&pkce.challenge)
            ),
            redirect_uri: etsy_app.redirect_uri.clone(),
            code_verifier: pkce.verifier,
            api_base: simulator.etsy_base_url(),
            demo: true,
        };
        let etsy_account = connect::etsy(core, secrets, etsy, now).await.map_err(connect_failed)?;

        // A new simulator numbers its updates from 1 again: an earlier demo run's offset would
        // skip them. (Mercado Libre's cursors are dates, which only move forward.)
        let library = Arc::clone(core);
        tauri::async_runtime::spawn_blocking(move || {
            let restart = CursorUpdate { stream: TELEGRAM_OFFSET_STREAM.into(), cursor: "0".into() };
            library.commit_sync(
                telegram_account,
                &SyncBatch { cursors: vec![restart], ..SyncBatch::default() },
                now,
            )?;
            sample_answers(&library, now)
        })
        .await
        .map_err(|e| IpcError::internal(e.to_string()))??;

        // Something to look at right away, then a steady trickle: Instagram buyers also comment on
        // the shop's posts.
        simulator.generate(Activity {
            questions: 3,
            post_sale_messages: 2,
            new_orders: 1,
            telegram_messages: 2,
            business_messages: 1,
            instagram_messages: 3,
            instagram_comments: 2,
            ..Activity::default()
        });
        simulator.run_activity(ACTIVITY_EVERY);
        Ok(DemoStore { simulator, accounts: [ml_account, telegram_account, instagram_account, etsy_account] })
    }

    /// The demo's Mercado Libre, Telegram, Instagram and Etsy accounts.
    pub fn account_ids(&self) -> [i64; 4] {
        self.accounts
    }

    pub async fn shutdown(self) {
        self.simulator.shutdown().await;
    }
}

/// Turns off the demo accounts of an earlier run: nothing answers at their addresses any more.
pub fn retire(core: &Mostrador) -> mostrador_core::Result<()> {
    for account in core.accounts()? {
        if account.demo && !account.disabled {
            core.set_account_disabled(account.id, true)?;
        }
    }
    Ok(())
}

/// The sample shop's saved answers (Spanish and Portuguese starter packs and the facts their
/// variables read), when the library is still empty.
fn sample_answers(core: &Mostrador, now: i64) -> Result<(), IpcError> {
    if !core.answers()?.is_empty() {
        return Ok(());
    }
    core.install_starter_answers(Language::Es, now)?;
    core.install_starter_answers(Language::PtBr, now)?;
    let facts = core.answer_facts()?;
    if facts.payment_alias.is_none() && facts.pickup_place.is_none() && facts.shop_phone.is_none() {
        core.save_answer_facts(&AnswerFacts {
            payment_alias: Some("taller.demo.mp".into()),
            pickup_place: Some("el taller (Nueva Córdoba)".into()),
            shop_phone: Some("+54 9 351 555-0100".into()),
        })?;
    }
    Ok(())
}

fn demo_failed(message: String) -> IpcError {
    IpcError { code: "demo_failed".into(), message }
}

fn connect_failed(error: ConnectError) -> IpcError {
    demo_failed(format!("{} ({})", error, error.code()))
}
