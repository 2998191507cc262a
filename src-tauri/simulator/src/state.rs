//! Everything the servers share: the simulated clock, the seller's identities, the data of both
//! services behind one mutex (held briefly, never across an await), faults and the rate limiter.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use rand::SeedableRng;
use rand::rngs::StdRng;
use tokio::sync::Notify;

use crate::activity::catalog::Catalog;
use crate::activity::generator::FollowUps;
use crate::clock::SimClock;
use crate::config::{MlApp, SimConfig};
use crate::faults::{Api, FaultQueue};
use crate::ids::{IdSeq, alnum, mix64};
use crate::ml::oauth::OAuthStore;
use crate::ml::orders::OrderStore;
use crate::ml::question_store::QuestionStore;
use crate::ml::rate_limit::RateLimiter;
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
    /// Woken whenever a Telegram update is queued or a newer getUpdates supersedes a waiting one.
    pub telegram_wake: Notify,
    ml_requests: AtomicU64,
    telegram_requests: AtomicU64,
}

pub(crate) struct World {
    pub rng: StdRng,
    pub ids: IdSeq,
    pub catalog: Catalog,
    pub oauth: OAuthStore,
    pub questions: QuestionStore,
    pub threads: ThreadStore,
    pub orders: OrderStore,
    pub telegram: TelegramStore,
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
        let world = World {
            rng,
            ids,
            catalog,
            oauth: OAuthStore::default(),
            questions: QuestionStore::default(),
            threads: ThreadStore::default(),
            orders: OrderStore::default(),
            telegram: TelegramStore::new(),
            follow_ups: FollowUps::default(),
            records: Records::default(),
        };
        Ok(Shared {
            clock: SimClock::new(config.start_unix),
            site,
            app,
            bot,
            seed,
            world: Mutex::new(world),
            faults: Mutex::new(FaultQueue::default()),
            rate: Mutex::new(RateLimiter::new(Some(500))),
            telegram_wake: Notify::new(),
            ml_requests: AtomicU64::new(0),
            telegram_requests: AtomicU64::new(0),
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

    pub fn count_request(&self, api: Api) {
        let counter = match api {
            Api::MercadoLibre => &self.ml_requests,
            Api::Telegram => &self.telegram_requests,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub fn request_counts(&self) -> (u64, u64) {
        (self.ml_requests.load(Ordering::Relaxed), self.telegram_requests.load(Ordering::Relaxed))
    }

    pub fn ml_date(&self, unix: i64) -> String {
        crate::clock::ml_date(unix, self.site.offset_hours)
    }
}
