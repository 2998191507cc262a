//! A seller's shop for the CLI's sync tests: a temp database, a simulator serving Mercado Libre and
//! Telegram from this process, accounts connected through the real connect path, and their tokens
//! in an encrypted secrets file that the CLI child finds through `MOSTRADOR_SECRETS=file:…`.

#![allow(dead_code)] // each test file uses part of it

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::Arc;

use mostrador_channels::connect::{self, InstagramConnect, MlConnect, TelegramConnect};
use mostrador_channels::secrets::{EncryptedFileStore, SecretStore, encrypted_file};
use mostrador_core::Mostrador;
use mostrador_simulator::{SimConfig, Simulator};
use tempfile::TempDir;

pub struct Shop {
    /// Serves the simulator on its worker threads while the test waits for the CLI.
    pub runtime: tokio::runtime::Runtime,
    pub sim: Simulator,
    pub dir: TempDir,
    pub db: PathBuf,
    pub secrets_path: PathBuf,
    pub core: Arc<Mostrador>,
    pub secrets: Arc<dyn SecretStore>,
}

pub fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

impl Shop {
    pub fn new() -> Shop {
        Shop::with_config(SimConfig::default())
    }

    pub fn with_config(config: SimConfig) -> Shop {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let sim = runtime.block_on(Simulator::start(config)).expect("the simulator starts");
        let dir = TempDir::new().unwrap();
        let db = dir.path().join("shop.sqlite3");
        let core = Arc::new(Mostrador::open(&db).expect("the database opens"));
        let secrets_path = dir.path().join("secrets.bin");
        let secrets = encrypted_file(&secrets_path).expect("the secrets file opens");
        Shop { runtime, sim, dir, db, secrets_path, core, secrets }
    }

    /// Connects the simulator's seller the way the wizard does (pasted code, no PKCE).
    pub fn connect_mercado_libre(&self) -> i64 {
        let app = self.sim.ml_app();
        let request = MlConnect {
            site_id: "MLA".into(),
            client_id: app.client_id,
            client_secret: app.client_secret,
            redirect_uri: app.redirect_uri.clone(),
            pasted: format!("{}?code={}", app.redirect_uri, self.sim.ml_issue_code(None)),
            code_verifier: None,
            api_base: self.sim.ml_base_url(),
            demo: false,
        };
        self.runtime
            .block_on(connect::mercado_libre(&self.core, &self.secrets, request, now()))
            .expect("the Mercado Libre account connects")
    }

    pub fn connect_telegram(&self) -> i64 {
        let request = TelegramConnect {
            token: self.sim.telegram_token(),
            api_base: self.sim.telegram_base_url(),
            demo: false,
        };
        let bot = self
            .runtime
            .block_on(connect::telegram(&self.core, &self.secrets, request, now()))
            .expect("the Telegram bot connects");
        // A round that finds nothing returns at once instead of holding a 25 s long poll.
        let mut settings = self.core.account(bot).unwrap().settings;
        settings["long_poll_secs"] = 0.into();
        self.core.update_account_settings(bot, &settings).unwrap();
        bot
    }

    /// Connects the simulator's Instagram professional account as the wizard does.
    pub fn connect_instagram(&self) -> i64 {
        let app = self.sim.meta_app();
        let code = self.sim.meta_issue_code(mostrador_simulator::Platform::Instagram);
        let request = InstagramConnect {
            app_id: app.app_id,
            app_secret: app.app_secret,
            pasted: format!("{}?code={code}#_", app.redirect_uri),
            redirect_uri: app.redirect_uri,
            human_agent: false,
            graph_base: self.sim.instagram_base_url(),
            oauth_base: self.sim.instagram_base_url(),
            demo: false,
        };
        self.runtime
            .block_on(connect::instagram(&self.core, &self.secrets, request, now()))
            .expect("the Instagram account connects")
    }

    /// Every secret value stored for the shop's accounts.
    /// Every secret the store holds; an access token's expiry (a time, kept beside its token) is
    /// not one.
    pub fn secret_values(&self) -> Vec<String> {
        let file = EncryptedFileStore::open(&self.secrets_path).expect("the secrets file opens");
        let entries = file.entries().expect("the secrets file reads");
        entries
            .into_iter()
            .filter(|(key, _)| !key.ends_with(":access_token_expires_at"))
            .map(|(_, value)| value)
            .collect()
    }

    /// The CLI on this shop's database and secrets file, with no developer environment leaking in.
    pub fn cli_command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_mostrador-cli"));
        command
            .env_remove("MOSTRADOR_DB")
            .env("MOSTRADOR_SECRETS", format!("file:{}", self.secrets_path.display()))
            .arg("--db")
            .arg(&self.db)
            .args(args);
        command
    }

    pub fn cli(&self, args: &[&str]) -> Output {
        self.cli_command(args).output().expect("mostrador-cli runs")
    }

    pub fn read_only(&self) -> rusqlite::Connection {
        rusqlite::Connection::open_with_flags(&self.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the database opens read-only")
    }

    /// Messages stored for an account (a read-only look at the file, beside the CLI's writes).
    pub fn message_count(&self, account_id: i64) -> u64 {
        let db = rusqlite::Connection::open_with_flags(&self.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the database opens read-only");
        let count: i64 = db
            .query_row("SELECT count(*) FROM messages WHERE account_id = ?1", [account_id], |row| row.get(0))
            .expect("messages are counted");
        count as u64
    }
}
