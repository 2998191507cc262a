//! A seller's shop for the sync tests: a simulator in this process, a temp database, accounts
//! connected through the real connect path, tokens in an encrypted secrets file, a clock the test
//! can move forward — and the ledger check: every message the simulator holds is stored exactly
//! once, and no reply reached the simulator twice.

#![allow(dead_code)] // each test file uses part of it

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use mostrador_channels::connect::{
    self, EtsyConnect, FacebookConnect, InstagramConnect, MessengerConnect, MlConnect, Pkce, TelegramConnect,
};
use mostrador_channels::secrets::{SecretStore, encrypted_file};
use mostrador_channels::{Clock, SyncSummary};
use mostrador_core::Mostrador;
use mostrador_core::accounts::AccountSyncStatus;
use mostrador_core::replies::OutboxItem;
use mostrador_simulator::{Activity, ActivityReport, Fault, Platform, SimConfig, Simulator};
use tempfile::TempDir;

pub struct Shop {
    pub sim: Simulator,
    pub dir: TempDir,
    pub db: PathBuf,
    pub core: Arc<Mostrador>,
    pub secrets: Arc<dyn SecretStore>,
    pub clock: Clock,
    /// Seconds the test moved the engine's clock past real time (to make backed-off replies due).
    offset: Arc<AtomicI64>,
    /// Every question id the simulator generated through [`Shop::generate`].
    questions: Mutex<Vec<i64>>,
}

impl Shop {
    pub async fn start() -> Shop {
        Shop::start_with(SimConfig::default()).await
    }

    pub async fn start_with(config: SimConfig) -> Shop {
        let sim = Simulator::start(config).await.expect("the simulator starts");
        let dir = TempDir::new().unwrap();
        let db = dir.path().join("shop.sqlite3");
        let core = Arc::new(Mostrador::open(&db).expect("the database opens"));
        let secrets = encrypted_file(&dir.path().join("secrets.bin")).expect("the secrets file opens");
        let offset = Arc::new(AtomicI64::new(0));
        let clock: Clock = {
            let offset = Arc::clone(&offset);
            Arc::new(move || jiff::Timestamp::now().as_second() + offset.load(Ordering::Relaxed))
        };
        Shop { sim, dir, db, core, secrets, clock, offset, questions: Mutex::new(Vec::new()) }
    }

    pub fn now(&self) -> i64 {
        (self.clock)()
    }

    /// Moves the engine's clock forward (the simulator keeps its own).
    pub fn advance(&self, secs: i64) {
        self.offset.fetch_add(secs, Ordering::Relaxed);
    }

    pub async fn connect_mercado_libre(&self) -> i64 {
        let app = self.sim.ml_app();
        let request = MlConnect {
            site_id: "MLA".into(),
            client_id: app.client_id,
            client_secret: app.client_secret,
            redirect_uri: app.redirect_uri,
            pasted: self.sim.ml_issue_code(None),
            code_verifier: None,
            api_base: self.sim.ml_base_url(),
            demo: false,
        };
        connect::mercado_libre(&self.core, &self.secrets, request, self.now())
            .await
            .expect("the Mercado Libre account connects")
    }

    pub async fn connect_telegram(&self) -> i64 {
        let request = TelegramConnect {
            token: self.sim.telegram_token(),
            api_base: self.sim.telegram_base_url(),
            demo: false,
        };
        let bot = connect::telegram(&self.core, &self.secrets, request, self.now())
            .await
            .expect("the Telegram bot connects");
        // A round that finds nothing returns at once instead of holding a 25 s long poll.
        let mut settings = self.core.account(bot).unwrap().settings;
        settings["long_poll_secs"] = 0.into();
        self.core.update_account_settings(bot, &settings).unwrap();
        bot
    }

    /// Etsy's orders, as the wizard does it: a PKCE challenge on the authorisation page, the
    /// landed address pasted back with its verifier.
    pub async fn connect_etsy(&self) -> Result<i64, connect::ConnectError> {
        let app = self.sim.etsy_app();
        let pkce = Pkce::new();
        let code = self.sim.etsy_issue_code(&pkce.challenge);
        let request = EtsyConnect {
            keystring: app.keystring,
            pasted: format!("{}?code={code}&state=st4te", app.redirect_uri),
            redirect_uri: app.redirect_uri,
            code_verifier: pkce.verifier,
            api_base: self.sim.etsy_base_url(),
            demo: false,
        };
        connect::etsy(&self.core, &self.secrets, request, self.now()).await
    }

    /// Instagram through Instagram Login, as the wizard does it with the simulator's app.
    pub async fn connect_instagram(&self, human_agent: bool) -> i64 {
        let app = self.sim.meta_app();
        let request = InstagramConnect {
            app_id: app.app_id,
            app_secret: app.app_secret,
            pasted: format!(
                "{}?code={}&state=s#_",
                app.redirect_uri,
                self.sim.meta_issue_code(Platform::Instagram)
            ),
            redirect_uri: app.redirect_uri,
            human_agent,
            graph_base: self.sim.instagram_base_url(),
            oauth_base: self.sim.instagram_base_url(),
            demo: false,
        };
        connect::instagram(&self.core, &self.secrets, request, self.now())
            .await
            .expect("the Instagram account connects")
    }

    /// The simulator's Facebook Page as a Messenger account.
    pub async fn connect_messenger(&self, human_agent: bool) -> i64 {
        let app = self.sim.meta_app();
        let request = FacebookConnect {
            app_id: app.app_id,
            app_secret: app.app_secret,
            pasted: self.sim.meta_issue_code(Platform::Messenger),
            redirect_uri: app.redirect_uri,
            graph_base: self.sim.facebook_base_url(),
        };
        let login = connect::facebook_login(request).await.expect("the Facebook login gives the Pages");
        let page = login.pages().first().expect("a Page").id.clone();
        let request = MessengerConnect { page_id: page, human_agent, demo: false };
        connect::messenger(&self.core, &self.secrets, &login, request, self.now())
            .await
            .expect("the Page connects")
    }

    pub fn generate(&self, activity: Activity) -> ActivityReport {
        let report = self.sim.generate(activity);
        self.questions.lock().unwrap().extend(&report.question_ids);
        report
    }

    pub fn inject(&self, fault: Fault) {
        self.sim.inject(fault);
    }

    pub async fn sync(&self, account_id: i64) -> SyncSummary {
        mostrador_channels::sync_once(&self.core, &self.secrets, account_id, &self.clock).await
    }

    /// Rounds until one ends clean with nothing new (a failed round is retried after moving the
    /// clock past its backoff); panics after `max` rounds.
    pub async fn sync_until_quiet(&self, account_id: i64, max: usize) -> Vec<SyncSummary> {
        let mut rounds = Vec::new();
        for _ in 0..max {
            let summary = self.sync(account_id).await;
            let quiet = summary.errors.is_empty() && summary.new == 0 && summary.sent == 0;
            rounds.push(summary);
            if quiet {
                return rounds;
            }
            self.advance(600);
        }
        panic!("account {account_id} did not settle in {max} rounds: {rounds:#?}");
    }

    pub fn status(&self, account_id: i64) -> AccountSyncStatus {
        self.core.account(account_id).expect("the account").sync
    }

    /// An open conversation of the account of this kind ("pre_sale_question", "post_sale", "chat").
    pub fn open_conversation(&self, account_id: i64, kind: &str) -> i64 {
        self.query_i64(
            "SELECT id FROM conversations WHERE account_id = ?1 AND kind = ?2 AND blocked_reason IS NULL
             ORDER BY id LIMIT 1",
            (account_id, kind),
        )
        .unwrap_or_else(|| panic!("account {account_id} has an open {kind} conversation"))
    }

    /// Open conversations of a kind that have no reply queued or sent yet.
    pub fn unanswered_conversations(&self, account_id: i64, kind: &str, limit: usize) -> Vec<i64> {
        let db = self.read_only();
        let mut statement = db
            .prepare(
                "SELECT c.id FROM conversations c WHERE c.account_id = ?1 AND c.kind = ?2 AND c.blocked_reason IS NULL
                   AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.conversation_id = c.id)
                 ORDER BY c.id LIMIT ?3",
            )
            .unwrap();
        statement
            .query_map((account_id, kind, limit as i64), |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    pub fn enqueue(&self, conversation_id: i64, text: &str) -> OutboxItem {
        self.core.outbox_enqueue(conversation_id, text, self.now()).expect("the reply is queued")
    }

    pub fn read_only(&self) -> rusqlite::Connection {
        rusqlite::Connection::open_with_flags(&self.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the database opens read-only")
    }

    pub fn query_i64(&self, sql: &str, params: impl rusqlite::Params) -> Option<i64> {
        use rusqlite::OptionalExtension;
        self.read_only().query_row(sql, params, |row| row.get(0)).optional().expect("the query runs")
    }

    fn count(&self, sql: &str, params: impl rusqlite::Params) -> i64 {
        self.query_i64(sql, params).unwrap_or(0)
    }

    /// Every message the simulator holds for the Mercado Libre account is stored exactly once, and
    /// every reply reached the simulator at most once, with exactly one row in its thread.
    pub fn assert_mercado_libre_ledger(&self, account_id: i64) {
        let totals = self.sim.totals();
        let stored_questions = self.count(
            "SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
             WHERE m.account_id = ?1 AND c.kind = 'pre_sale_question' AND m.direction = 'incoming'",
            [account_id],
        );
        assert_eq!(stored_questions, i64::from(totals.questions), "every question stored once");
        for question in self.questions.lock().unwrap().iter() {
            let stored = self.count(
                "SELECT count(*) FROM messages WHERE account_id = ?1 AND external_id = ?2",
                (account_id, format!("question:{question}")),
            );
            assert_eq!(stored, 1, "question {question} is stored exactly once");
        }
        let stored_pack_messages = self.count(
            "SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
             WHERE m.account_id = ?1 AND c.kind = 'post_sale' AND m.direction = 'incoming'",
            [account_id],
        );
        assert_eq!(
            stored_pack_messages,
            i64::from(totals.pack_messages),
            "every buyer pack message stored once"
        );

        let answers = self.sim.answers_received();
        assert_each_once(answers.iter().map(|a| a.question_id.to_string()), "answer to question");
        for answer in &answers {
            let rows = self.count(
                "SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
                 WHERE m.account_id = ?1 AND c.external_ref = ?2 AND m.direction = 'outgoing' AND m.text = ?3",
                (account_id, format!("question:{}", answer.question_id), &answer.text),
            );
            assert_eq!(rows, 1, "the answer to question {} is one row", answer.question_id);
        }
        let post_sale = self.sim.post_sale_sent();
        assert_each_once(post_sale.iter().map(|m| format!("{}:{}", m.pack_id, m.text)), "post-sale message");
        for message in &post_sale {
            let rows = self.count(
                "SELECT count(*) FROM messages WHERE account_id = ?1 AND direction = 'outgoing' AND text = ?2",
                (account_id, &message.text),
            );
            assert_eq!(rows, 1, "the post-sale reply {:?} is one row", message.text);
        }
        self.assert_no_placeholder_left(account_id);
    }

    /// `messages` incoming Telegram messages are stored exactly once; each reply went out once.
    pub fn assert_telegram_ledger(&self, account_id: i64, messages: i64) {
        let stored = self.count(
            "SELECT count(*) FROM messages WHERE account_id = ?1 AND direction = 'incoming'",
            [account_id],
        );
        assert_eq!(stored, messages, "every Telegram message stored once");
        let sent = self.sim.telegram_sent();
        assert_each_once(sent.iter().map(|m| format!("{}:{}", m.chat_id, m.text)), "Telegram reply");
        for message in &sent {
            let rows = self.count(
                "SELECT count(*) FROM messages WHERE account_id = ?1 AND direction = 'outgoing' AND text = ?2",
                (account_id, &message.text),
            );
            assert_eq!(rows, 1, "the Telegram reply {:?} is one row", message.text);
        }
        self.assert_no_placeholder_left(account_id);
    }

    /// Every direct message the simulator holds for the platform is stored exactly once (the 20 most
    /// recent of each conversation: Meta gives no older ones), every comment the simulator still shows
    /// is stored once and not marked deleted, and every reply reached the simulator at most once.
    pub fn assert_meta_ledger(&self, account_id: i64, platform: Platform) {
        let snapshot = self.sim.snapshot().meta;
        for conversation in snapshot.conversations.iter().filter(|c| c.platform == platform) {
            for message in conversation.messages.iter().rev().take(20) {
                let stored = self.count(
                    "SELECT count(*) FROM messages WHERE account_id = ?1 AND external_id = ?2",
                    (account_id, format!("mid:{}", message.id)),
                );
                assert_eq!(
                    stored, 1,
                    "message {} of conversation {} is stored exactly once",
                    message.id, conversation.id
                );
            }
        }
        for comment in snapshot.comments.iter().filter(|c| c.platform == platform && c.author_id.is_some()) {
            let stored = self.count(
                "SELECT count(*) FROM messages WHERE account_id = ?1 AND external_id = ?2 AND deleted_at IS NULL",
                (account_id, format!("comment:{}", comment.id)),
            );
            assert_eq!(stored, 1, "comment {} is stored exactly once", comment.id);
        }
        let sent = match platform {
            Platform::Instagram => &snapshot.instagram_sent,
            Platform::Messenger => &snapshot.messenger_sent,
        };
        assert_each_once(
            sent.iter().map(|m| format!("{}:{:?}:{}", m.recipient_id, m.comment_id, m.text)),
            "Meta message",
        );
        assert_each_once(
            snapshot
                .comment_replies
                .iter()
                .filter(|r| r.platform == platform)
                .map(|r| format!("{}:{}", r.comment_id, r.text)),
            "comment reply",
        );
        self.assert_no_placeholder_left(account_id);
    }

    /// A delivered reply's row carries the channel's id, never the outbox placeholder beside it.
    fn assert_no_placeholder_left(&self, account_id: i64) {
        let placeholders = self.count(
            "SELECT count(*) FROM messages WHERE account_id = ?1 AND external_id LIKE 'outbox:%'
               AND status NOT IN ('queued', 'sending', 'failed')",
            [account_id],
        );
        assert_eq!(placeholders, 0, "a delivered reply still has its placeholder row");
    }

    /// Outbox rows of the account by state.
    pub fn outbox_states(&self, account_id: i64) -> HashMap<String, i64> {
        let db = self.read_only();
        let mut statement =
            db.prepare("SELECT state, count(*) FROM outbox WHERE account_id = ?1 GROUP BY state").unwrap();
        statement
            .query_map([account_id], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }
}

fn assert_each_once(keys: impl Iterator<Item = String>, what: &str) {
    let mut seen = HashMap::new();
    for key in keys {
        *seen.entry(key).or_insert(0) += 1;
    }
    let twice: Vec<_> = seen.into_iter().filter(|(_, n)| *n > 1).collect();
    assert!(twice.is_empty(), "{what} sent more than once: {twice:?}");
}
