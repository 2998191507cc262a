//! The public handle: starts the six servers (Mercado Libre, Telegram, Instagram, Facebook, Etsy,
//! Microsoft identity) on the current tokio runtime and exposes the identities, activity, faults
//! and what the seller's side sent.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::activity::{Activity, ActivityReport};
use crate::config::{MlApp, SimConfig};
use crate::control::SimSnapshot;
use crate::etsy::store::{EtsyApp, EtsyReceiptChange};
use crate::faults::{Api, Fault};
use crate::meta::identity::{MetaApp, Platform};
use crate::microsoft::store::MicrosoftApp;
use crate::ml::reputation::ReputationChange;
use crate::records::{CommentReply, MetaSent, ReceivedAnswer, ReceivedMessage, SentTelegram, SimTotals};
use crate::serve::serve;
use crate::state::Shared;
use crate::{etsy, meta, microsoft, ml, telegram};

/// A running simulator. Cheap to clone; the servers stop when the last clone is dropped or on
/// [`Simulator::shutdown`].
#[derive(Clone)]
pub struct Simulator {
    inner: Arc<Inner>,
}

struct Inner {
    sim: Arc<Shared>,
    ml_addr: SocketAddr,
    telegram_addr: SocketAddr,
    instagram_addr: SocketAddr,
    facebook_addr: SocketAddr,
    etsy_addr: SocketAddr,
    microsoft_addr: SocketAddr,
    stop: watch::Sender<bool>,
    tasks: Mutex<Vec<JoinHandle<()>>>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        for task in self.tasks.get_mut().map(std::mem::take).unwrap_or_default() {
            task.abort();
        }
    }
}

impl Simulator {
    /// Binds the servers on 127.0.0.1 and serves them on the current tokio runtime.
    pub async fn start(config: SimConfig) -> std::io::Result<Simulator> {
        let sim = Arc::new(Shared::new(&config)?);
        let ml_listener = TcpListener::bind(("127.0.0.1", config.ml_port)).await?;
        let telegram_listener = TcpListener::bind(("127.0.0.1", config.telegram_port)).await?;
        let instagram_listener = TcpListener::bind(("127.0.0.1", config.instagram_port)).await?;
        let facebook_listener = TcpListener::bind(("127.0.0.1", config.facebook_port)).await?;
        let etsy_listener = TcpListener::bind(("127.0.0.1", config.etsy_port)).await?;
        let etsy_addr = etsy_listener.local_addr()?;
        let microsoft_listener = TcpListener::bind(("127.0.0.1", config.microsoft_port)).await?;
        let microsoft_addr = microsoft_listener.local_addr()?;
        let (ml_addr, telegram_addr) = (ml_listener.local_addr()?, telegram_listener.local_addr()?);
        let (instagram_addr, facebook_addr) =
            (instagram_listener.local_addr()?, facebook_listener.local_addr()?);
        let (stop, stopped) = watch::channel(false);
        let servers = [
            (ml_listener, ml::router(sim.clone()), Api::MercadoLibre),
            (telegram_listener, telegram::router(sim.clone()), Api::Telegram),
            (instagram_listener, meta::instagram_router(sim.clone()), Api::Instagram),
            (facebook_listener, meta::facebook_router(sim.clone()), Api::Messenger),
            (etsy_listener, etsy::router(sim.clone()), Api::Etsy),
            (microsoft_listener, microsoft::router(sim.clone()), Api::Microsoft),
        ];
        let tasks = servers
            .into_iter()
            .map(|(listener, router, api)| {
                tokio::spawn(serve(listener, router, sim.clone(), api, stopped.clone()))
            })
            .collect();
        let inner = Inner {
            sim,
            ml_addr,
            telegram_addr,
            instagram_addr,
            facebook_addr,
            etsy_addr,
            microsoft_addr,
            stop,
            tasks: Mutex::new(tasks),
        };
        Ok(Simulator { inner: Arc::new(inner) })
    }

    fn sim(&self) -> &Shared {
        &self.inner.sim
    }

    /// API root, e.g. "http://127.0.0.1:41234" (also serves `/oauth/token` and `/_sim/*`).
    pub fn ml_base_url(&self) -> String {
        format!("http://{}", self.inner.ml_addr)
    }

    /// Where `/authorization` lives (the same server).
    pub fn ml_auth_base_url(&self) -> String {
        self.ml_base_url()
    }

    /// Bot API root: methods at `{base}/bot{token}/{method}`.
    pub fn telegram_base_url(&self) -> String {
        format!("http://{}", self.inner.telegram_addr)
    }

    /// graph.instagram.com, api.instagram.com and the authorize page, e.g. "http://127.0.0.1:41236"
    /// (paths carry their `/v24.0` prefix; `/_sim/*` too).
    pub fn instagram_base_url(&self) -> String {
        format!("http://{}", self.inner.instagram_addr)
    }

    /// graph.facebook.com and the OAuth dialog, e.g. "http://127.0.0.1:41237" (`/_sim/*` too).
    pub fn facebook_base_url(&self) -> String {
        format!("http://{}", self.inner.facebook_addr)
    }

    /// api.etsy.com and the connect page, e.g. "http://127.0.0.1:41238" (paths carry their `/v3`
    /// prefix; `/oauth/connect` stands for www.etsy.com's; `/_sim/*` too).
    pub fn etsy_base_url(&self) -> String {
        format!("http://{}", self.inner.etsy_addr)
    }

    /// The seller's Etsy app (keystring, redirect URI) and the shop that authorises it.
    pub fn etsy_app(&self) -> EtsyApp {
        self.sim().etsy().app.clone()
    }

    /// An authorization code as if the seller clicked "Allow access" on a page that carried this
    /// S256 challenge (valid 10 minutes, single use).
    pub fn etsy_issue_code(&self, code_challenge: &str) -> String {
        let now = self.now();
        self.sim().etsy().issue_code(code_challenge, now)
    }

    /// A buyer checks out now (paid unless `unpaid`); the new receipt's id.
    pub fn etsy_new_receipt(&self, unpaid: bool) -> i64 {
        let now = self.now();
        self.sim().etsy().add_receipt(now, unpaid)
    }

    /// The receipt moves along now (its `update_timestamp` too); false if unknown.
    pub fn etsy_change_receipt(&self, receipt_id: i64, change: EtsyReceiptChange) -> bool {
        let now = self.now();
        self.sim().etsy().change(receipt_id, change, now)
    }

    /// The shop's receipt ids, oldest first.
    pub fn etsy_receipt_ids(&self) -> Vec<i64> {
        self.sim().etsy().receipts.keys().copied().collect()
    }

    /// Etsy's per-app limits: requests per second and per sliding 24 h; None = unlimited. Default
    /// 10 and 10,000, as on the real API.
    pub fn set_etsy_rate_limit(&self, per_second: Option<u32>, per_day: Option<u32>) {
        self.sim().etsy().set_limits(per_second, per_day);
    }

    /// login.microsoftonline.com, e.g. "http://127.0.0.1:41238": `{base}/consumers/oauth2/v2.0/…`.
    pub fn microsoft_base_url(&self) -> String {
        format!("http://{}", self.inner.microsoft_addr)
    }

    /// Where a mail server checks the access tokens issued here (RFC 7662, form `token=`).
    pub fn microsoft_introspection_url(&self) -> String {
        format!("{}/_sim/microsoft/introspect", self.microsoft_base_url())
    }

    /// The seller's app registration (the only client id the token endpoints accept).
    pub fn microsoft_app(&self) -> MicrosoftApp {
        self.sim().world().microsoft.app.clone()
    }

    /// Seconds between polls a device login asks for (5 by default, as Microsoft's); polling
    /// sooner answers `slow_down`.
    pub fn set_microsoft_poll_interval(&self, secs: u64) {
        self.sim().world().microsoft.interval = secs;
    }

    /// The seller enters `user_code` on Microsoft's page, signs in as `address` and accepts.
    /// False when no device login waits for that code.
    pub fn microsoft_approve(&self, user_code: &str, address: &str) -> bool {
        self.sim().microsoft_approve(user_code, address)
    }

    /// The seller refuses on Microsoft's page.
    pub fn microsoft_decline(&self, user_code: &str) -> bool {
        self.sim().microsoft_decline(user_code)
    }

    /// The seller removes the app's access to `address` (or its refresh token expired): refresh
    /// answers `invalid_grant` and its access tokens stop working. How many grants.
    pub fn microsoft_revoke(&self, address: &str) -> usize {
        self.sim().microsoft_revoke(address)
    }

    pub fn ml_app(&self) -> MlApp {
        self.sim().app.clone()
    }

    /// An authorization code as if the seller clicked "Allow" (valid 10 minutes, single use).
    /// With a challenge, the token request must bring the matching S256 `code_verifier`.
    pub fn ml_issue_code(&self, code_challenge: Option<&str>) -> String {
        self.sim().issue_code(code_challenge)
    }

    /// The seller's Meta app, Instagram account, Page and Facebook user.
    pub fn meta_app(&self) -> MetaApp {
        self.sim().meta_app()
    }

    /// An authorization code as if the seller clicked "Allow" (single use; Instagram's lives an
    /// hour, Facebook's ten minutes).
    pub fn meta_issue_code(&self, platform: Platform) -> String {
        self.sim().meta_issue_code(platform)
    }

    /// Whether the Meta app has the HUMAN_AGENT feature (replies up to 7 days after the buyer's
    /// last message with the tag). Off by default.
    pub fn set_meta_human_agent(&self, enabled: bool) {
        self.sim().world().meta.app.human_agent = enabled;
    }

    /// "BUSINESS" (default), "MEDIA_CREATOR" or "PERSONAL", as `me` reports it.
    pub fn set_instagram_account_type(&self, account_type: &str) {
        self.sim().world().meta.app.instagram.account_type = account_type.to_owned();
    }

    /// Conversations API calls per second per Instagram account or Page before 613; None =
    /// unlimited. Default 2, as on the real API; benches lift it.
    pub fn set_meta_rate_limit(&self, per_second: Option<u32>) {
        self.sim().meta_rate().set_limit(per_second);
    }

    /// Moves the conversation's history back so the buyer's last message is more than 24 h old
    /// (the plain reply window closes; the HUMAN_AGENT one stays open). False if unknown.
    pub fn meta_close_window(&self, conversation_id: &str) -> bool {
        self.sim().meta_close_window(conversation_id)
    }

    /// Moves the conversation's whole history `secs` into the past (e.g. 8 days: even the
    /// HUMAN_AGENT window is closed). False if unknown.
    pub fn meta_age_conversation(&self, conversation_id: &str, secs: i64) -> bool {
        self.sim().meta_age_conversation(conversation_id, secs)
    }

    /// The buyer writes again in the conversation (a text): the window opens again.
    pub fn meta_buyer_writes(&self, conversation_id: &str) -> bool {
        self.sim().meta_buyer_writes(conversation_id)
    }

    /// The buyer unsends their latest message still shown (`is_deleted`, empty text); its id.
    pub fn meta_unsend(&self, conversation_id: &str) -> Option<String> {
        self.sim().meta_unsend(conversation_id)
    }

    /// The commenter deletes a comment: it disappears with its replies. False if unknown.
    pub fn meta_delete_comment(&self, comment_id: &str) -> bool {
        self.sim().meta_delete_comment(comment_id)
    }

    /// The seller hides or shows a comment from the Instagram or Facebook app.
    pub fn meta_hide_comment(&self, comment_id: &str, hidden: bool) -> bool {
        self.sim().meta_hide_comment(comment_id, hidden)
    }

    pub fn telegram_token(&self) -> String {
        self.sim().bot.token.clone()
    }

    /// Queues a fault; `ExpireAccessTokens` and `RevokeRefreshToken` apply at once.
    pub fn inject(&self, fault: Fault) {
        self.sim().inject(fault);
    }

    /// Adds buyer activity now (deterministic for the seed and the sequence of calls).
    pub fn generate(&self, activity: Activity) -> ActivityReport {
        self.sim().generate(activity)
    }

    /// Generates a little random activity every `every` in the background, until shutdown.
    pub fn run_activity(&self, every: Duration) {
        let sim = Arc::downgrade(&self.inner.sim);
        let mut stop = self.inner.stop.subscribe();
        let task = tokio::spawn(async move {
            let mut ticks = tokio::time::interval(every.max(Duration::from_millis(10)));
            ticks.tick().await;
            loop {
                tokio::select! {
                    _ = ticks.tick() => {}
                    _ = stop.changed() => return,
                }
                let Some(sim) = sim.upgrade() else { return };
                sim.tick();
            }
        });
        if let Ok(mut tasks) = self.inner.tasks.lock() {
            tasks.push(task);
        }
    }

    pub fn answers_received(&self) -> Vec<ReceivedAnswer> {
        self.sim().world().records.answers.clone()
    }

    pub fn post_sale_sent(&self) -> Vec<ReceivedMessage> {
        self.sim().world().records.post_sale.clone()
    }

    pub fn telegram_sent(&self) -> Vec<SentTelegram> {
        self.sim().world().records.telegram.clone()
    }

    /// Instagram DMs and private replies accepted, in order.
    pub fn instagram_sent(&self) -> Vec<MetaSent> {
        self.sim().world().records.instagram_sent.clone()
    }

    /// Messenger DMs and private replies accepted, in order.
    pub fn messenger_sent(&self) -> Vec<MetaSent> {
        self.sim().world().records.messenger_sent.clone()
    }

    /// Public replies under comments, both platforms, in order.
    pub fn comment_replies(&self) -> Vec<CommentReply> {
        self.sim().world().records.comment_replies.clone()
    }

    pub fn totals(&self) -> SimTotals {
        self.sim().totals()
    }

    /// Everything `GET /_sim/state` shows.
    pub fn snapshot(&self) -> SimSnapshot {
        self.sim().snapshot()
    }

    /// Blocks a pack's conversation (`blocked_by_time`, `blocked_by_buyer`, `blocked_by_mediation`, …).
    /// Also takes an order id, for orders without a pack.
    pub fn block_pack(&self, pack_id: i64, substatus: &str) {
        self.sim().block_pack(pack_id, substatus);
    }

    /// Sets the seller's colour, medal or protection on top of what the orders give; an empty change
    /// gives the reputation back to the orders.
    pub fn set_reputation(&self, change: ReputationChange) {
        self.sim().set_reputation(change);
    }

    /// A buyer opens a claim on the order (the newest paid one when `None`); the claim's id.
    pub fn open_claim(&self, order_id: Option<i64>) -> Option<i64> {
        self.sim().open_claim(order_id)
    }

    /// The mediation closes the claim; false if there is no such claim.
    pub fn close_claim(&self, claim_id: i64) -> bool {
        self.sim().close_claim(claim_id)
    }

    /// The buyer writes again in an existing pack (or order without a pack); false if none.
    pub fn buyer_writes_in_pack(&self, pack_id: i64) -> bool {
        self.sim().buyer_writes_in_pack(pack_id)
    }

    /// The seller reads a pack on the website: it leaves `/messages/unread`.
    pub fn read_pack_on_site(&self, pack_id: i64) -> bool {
        self.sim().read_pack_on_site(pack_id)
    }

    /// The buyer of a plain bot chat blocks the bot: `sendMessage` there answers 403 from now on.
    pub fn telegram_block_bot(&self, chat_id: i64) -> bool {
        self.sim().block_bot(chat_id)
    }

    /// Mercado Libre's moderation bans a question: BANNED, empty text.
    pub fn ban_question(&self, question_id: i64) -> bool {
        self.sim().ban_question(question_id)
    }

    /// The buyer edits their latest business message; the update id, if any business chat exists.
    pub fn edit_business_message(&self) -> Option<i64> {
        self.sim().edit_business_message()
    }

    /// The buyer deletes their latest business message; the update id, if any.
    pub fn delete_business_message(&self) -> Option<i64> {
        self.sim().delete_business_message()
    }

    /// Simulated unix seconds.
    pub fn now(&self) -> i64 {
        self.sim().now()
    }

    /// Jumps simulated time ahead (token expiry, Telegram's 24 h retention, reply windows).
    pub fn advance_clock(&self, secs: i64) {
        self.sim().clock.advance(secs);
    }

    /// Mercado Libre requests per minute per kind (reads, writes) before 429; None = unlimited.
    /// Default 500, as on the real API; the sync bench lifts it.
    pub fn set_ml_rate_limit(&self, per_minute: Option<u32>) {
        self.sim().rate().set_limit(per_minute);
    }

    /// Stops the servers and the background activity.
    pub async fn shutdown(self) {
        let _ = self.inner.stop.send(true);
        let tasks = self.inner.tasks.lock().map(|mut tasks| std::mem::take(&mut *tasks)).unwrap_or_default();
        for task in tasks {
            let _ = tokio::time::timeout(Duration::from_secs(2), task).await;
        }
    }
}
