//! Everything the servers share: the simulated clock, the seller's identities, the data of every
//! service behind one mutex (held briefly, never across an await), faults and the rate limiters.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use rand::SeedableRng;
use rand::rngs::StdRng;
use tokio::sync::Notify;

use crate::activity::catalog::Catalog;
use crate::activity::generator::FollowUps;
use crate::clock::SimClock;
use crate::config::{MlApp, SimConfig};
use crate::etsy::store::EtsyStore;
use crate::faults::{Api, FaultQueue};
use crate::ids::{IdSeq, alnum, mix64};
use crate::meta::identity::{MetaApp, Platform};
use crate::meta::rate_limit::MetaRateLimiter;
use crate::meta::store::MetaStore;
use crate::microsoft::store::MicrosoftStore;
use crate::ml::claims::ClaimStore;
use crate::ml::oauth::OAuthStore;
use crate::ml::orders::OrderStore;
use crate::ml::question_store::QuestionStore;
use crate::ml::rate_limit::RateLimiter;
use crate::ml::reputation::ReputationChange;
use crate::ml::threads::ThreadStore;
use crate::records::Records;
use crate::site::Site;
use crate::telegram::bot::{BotIdentity, TelegramStore};

pub(crate) struct Shared {
    pub clock: SimClock,
    pub site: Site,
    pub app: MlApp,
    pub bot: BotIdentity,
    pub seed: u64,
    world: Mutex<World>,
    faults: Mutex<FaultQueue>,
    rate: Mutex<RateLimiter>,
    meta_rate: Mutex<MetaRateLimiter>,
    /// Etsy's grants, receipts and limits: apart from the world, the Etsy server touches nothing else.
    etsy: Mutex<EtsyStore>,
    /// Woken whenever a Telegram update is queued or a newer getUpdates supersedes a waiting one.
    pub telegram_wake: Notify,
    ml_requests: AtomicU64,
    telegram_requests: AtomicU64,
    instagram_requests: AtomicU64,
    messenger_requests: AtomicU64,
    etsy_requests: AtomicU64,
    microsoft_requests: AtomicU64,
}

pub(crate) struct World {
    pub rng: StdRng,
    pub ids: IdSeq,
    pub catalog: Catalog,
    pub oauth: OAuthStore,
    pub questions: QuestionStore,
    pub threads: ThreadStore,
    pub orders: OrderStore,
    pub claims: ClaimStore,
    /// What a test set on the seller's reputation.
    pub reputation: ReputationChange,
    pub telegram: TelegramStore,
    pub meta: MetaStore,
    pub microsoft: MicrosoftStore,
    pub follow_ups: FollowUps,
    pub records: Records,
}

impl Shared {
    pub fn new(config: &SimConfig) -> std::io::Result<Shared> {
        let site = Site::find(&config.site)?;
        let seed = config.seed;
        let mut rng = StdRng::seed_from_u64(seed);
        let mut ids = IdSeq::new(seed);
        let catalog = Catalog::new(&site, &mut rng, &mut ids);
        let seller_id = 241_000_000 + (mix64(seed ^ 0x5e11e7) % 9_000_000) as i64;
        let app = MlApp {
            client_id: format!("{}", 5_812_000_000_000_000u64 + mix64(seed ^ 0xc11e) % 999_999_999),
            client_secret: alnum(seed, 0xc5ec, 32).replace(['_', '-'], "x"),
            redirect_uri: "https://mostrador.app/ml/callback".to_owned(),
            seller_id,
            nickname: catalog.seller_nickname.clone(),
        };
        let bot = BotIdentity::new(seed, &catalog);
        let clock = SimClock::new(config.start_unix);
        let meta = MetaStore::new(seed, &site, &catalog, clock.now());
        let etsy = EtsyStore::new(seed, clock.now());
        let mut world = World {
            rng,
            ids,
            catalog,
            oauth: OAuthStore::default(),
            questions: QuestionStore::default(),
            threads: ThreadStore::default(),
            orders: OrderStore::default(),
            claims: ClaimStore::default(),
            reputation: ReputationChange::default(),
            telegram: TelegramStore::new(),
            meta,
            microsoft: MicrosoftStore::new(seed),
            follow_ups: FollowUps::default(),
            records: Records::default(),
        };
        if config.order_history_days > 0 {
            let now = clock.now();
            crate::activity::history::seed_orders(&mut world, &site, seed, now, config.order_history_days);
        }
        Ok(Shared {
            clock,
            site,
            app,
            bot,
            seed,
            world: Mutex::new(world),
            faults: Mutex::new(FaultQueue::default()),
            rate: Mutex::new(RateLimiter::new(Some(500))),
            meta_rate: Mutex::new(MetaRateLimiter::new(Some(2))),
            etsy: Mutex::new(etsy),
            telegram_wake: Notify::new(),
            ml_requests: AtomicU64::new(0),
            telegram_requests: AtomicU64::new(0),
            instagram_requests: AtomicU64::new(0),
            messenger_requests: AtomicU64::new(0),
            etsy_requests: AtomicU64::new(0),
            microsoft_requests: AtomicU64::new(0),
        })
    }

    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// A panic in one handler must not take the simulator down: keep using the data.
    pub fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn faults(&self) -> MutexGuard<'_, FaultQueue> {
        self.faults.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn rate(&self) -> MutexGuard<'_, RateLimiter> {
        self.rate.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn meta_rate(&self) -> MutexGuard<'_, MetaRateLimiter> {
        self.meta_rate.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn etsy(&self) -> MutexGuard<'_, EtsyStore> {
        self.etsy.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn count_request(&self, api: Api) {
        let counter = match api {
            Api::MercadoLibre => &self.ml_requests,
            Api::Telegram => &self.telegram_requests,
            Api::Instagram => &self.instagram_requests,
            Api::Messenger => &self.messenger_requests,
            Api::Etsy => &self.etsy_requests,
            Api::Microsoft => &self.microsoft_requests,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Requests served so far: Mercado Libre, Telegram, Instagram, Messenger, Etsy, Microsoft.
    pub fn request_counts(&self) -> [u64; 6] {
        [
            &self.ml_requests,
            &self.telegram_requests,
            &self.instagram_requests,
            &self.messenger_requests,
            &self.etsy_requests,
            &self.microsoft_requests,
        ]
        .map(|counter| counter.load(Ordering::Relaxed))
    }

    pub fn meta_app(&self) -> MetaApp {
        self.world().meta.app.clone()
    }

    pub fn meta_issue_code(&self, platform: Platform) -> String {
        let now = self.now();
        let mut world = self.world();
        let seed = world.meta.seed;
        world.meta.tokens.issue_code(seed, platform, now)
    }

    pub fn ml_date(&self, unix: i64) -> String {
        crate::clock::ml_date(unix, self.site.offset_hours)
    }
}
