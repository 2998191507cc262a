//! Etsy's side of the seller's shop: the app's OAuth grants (mandatory PKCE, 1-hour access tokens,
//! refresh tokens that rotate on every refresh and last 90 days), the shop's receipts, and the
//! app's two limits (10 requests a second, 10,000 per sliding 24 hours).

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::ids::{hex32, mix64};

pub(crate) const ACCESS_TOKEN_SECS: i64 = 3_600;
pub(crate) const REFRESH_TOKEN_SECS: i64 = 90 * 86_400;
const CODE_SECS: i64 = 600;
const DAY_SECS: i64 = 86_400;

/// The seller's Etsy app (its keystring is the `x-api-key` and the OAuth `client_id`) and the shop
/// that authorises it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EtsyApp {
    pub keystring: String,
    /// Registered redirect URI: exact match required, https as Etsy demands.
    pub redirect_uri: String,
    pub user_id: i64,
    pub shop_id: i64,
    pub shop_name: String,
}

/// How a receipt moves along after it was bought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EtsyReceiptChange {
    Paid,
    Shipped,
    Canceled,
}

/// One buyer's purchase as `GET /shops/{shop_id}/receipts` lists it.
#[derive(Debug, Clone)]
pub(crate) struct Receipt {
    pub receipt_id: i64,
    pub buyer_user_id: i64,
    pub buyer_email: Option<String>,
    pub name: String,
    pub message_from_buyer: String,
    pub is_paid: bool,
    pub is_shipped: bool,
    pub status: &'static str,
    pub create_timestamp: i64,
    pub update_timestamp: i64,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub transaction_id: i64,
    pub listing_id: i64,
    pub title: &'static str,
    pub quantity: i64,
    /// Cents.
    pub price: i64,
    pub expected_ship_date: i64,
}

fn money(amount: i64) -> Value {
    json!({ "amount": amount, "divisor": 100, "currency_code": "USD" })
}

impl Receipt {
    pub fn to_json(&self, app: &EtsyApp) -> Value {
        let total: i64 = self.lines.iter().map(|line| line.price * line.quantity).sum();
        let transactions: Vec<Value> = self
            .lines
            .iter()
            .map(|line| {
                json!({
                    "transaction_id": line.transaction_id,
                    "title": line.title,
                    "seller_user_id": app.user_id,
                    "buyer_user_id": self.buyer_user_id,
                    "create_timestamp": self.create_timestamp,
                    "quantity": line.quantity,
                    "listing_id": line.listing_id,
                    "receipt_id": self.receipt_id,
                    "price": money(line.price),
                    "shipping_cost": money(0),
                    "expected_ship_date": line.expected_ship_date,
                    "variations": [],
                })
            })
            .collect();
        json!({
            "receipt_id": self.receipt_id,
            "receipt_type": 0,
            "seller_user_id": app.user_id,
            "buyer_user_id": self.buyer_user_id,
            "buyer_email": self.buyer_email,
            "name": self.name,
            "status": self.status,
            "message_from_buyer": self.message_from_buyer,
            "message_from_seller": null,
            "is_paid": self.is_paid,
            "is_shipped": self.is_shipped,
            "create_timestamp": self.create_timestamp,
            "created_timestamp": self.create_timestamp,
            "update_timestamp": self.update_timestamp,
            "updated_timestamp": self.update_timestamp,
            "is_gift": false,
            "grandtotal": money(total),
            "subtotal": money(total),
            "total_price": money(total),
            "transactions": transactions,
            "shipments": [],
        })
    }
}

struct CodeGrant {
    challenge: String,
    expires_at: i64,
}

pub(crate) enum Refused {
    /// `invalid_grant`: the code or refresh token is unknown, used, expired or the verifier is wrong.
    Grant(&'static str),
    /// `invalid_request`: a parameter is missing or wrong.
    Request(&'static str),
}

/// Buyers and products the seeded receipts and new purchases draw from.
const BUYERS: &[(&str, Option<&str>)] = &[
    ("Emily Carter", Some("emily.carter@example.com")),
    ("Lukas Weber", None),
    ("Sophie Martin", Some("sophie.m@example.fr")),
    ("Olivia Brown", Some("olivia.brown@example.com")),
    ("Mateo García", None),
    ("Hannah Schmidt", Some("hannah@example.de")),
];
const PRODUCTS: &[(&str, i64)] = &[
    ("Handwoven wool table runner", 4_800),
    ("Ceramic mug, speckled glaze", 2_600),
    ("Macramé wall hanging", 5_900),
    ("Leather card holder, personalised", 3_400),
    ("Hand-dyed linen napkins (set of 4)", 3_900),
];
const MESSAGES: &[&str] = &[
    "Hi! Could you add a small note saying 'Happy birthday, Anna'? Thank you!",
    "",
    "Please ship before the 20th if possible, it's a gift.",
    "",
];

pub(crate) struct EtsyStore {
    pub app: EtsyApp,
    seed: u64,
    serial: u64,
    codes: HashMap<String, CodeGrant>,
    access: HashMap<String, i64>,
    /// Refresh tokens still redeemable, with when they expire.
    refresh: HashMap<String, i64>,
    pub receipts: BTreeMap<i64, Receipt>,
    next_receipt: i64,
    next_buyer: usize,
    per_second: Option<u32>,
    per_day: Option<u32>,
    second_window: VecDeque<Instant>,
    day_window: VecDeque<i64>,
}

impl EtsyStore {
    pub fn new(seed: u64, now: i64) -> EtsyStore {
        let user_id = 70_000_000 + (mix64(seed ^ 0xe75) % 9_000_000) as i64;
        let app = EtsyApp {
            keystring: hex32(seed ^ 0xe75e, 1)[..24].to_owned(),
            redirect_uri: "https://mostrador.app/etsy/callback".to_owned(),
            user_id,
            shop_id: 30_000_000 + (mix64(seed ^ 0x5409) % 9_000_000) as i64,
            shop_name: "TallerLunaStudio".to_owned(),
        };
        let mut store = EtsyStore {
            app,
            seed,
            serial: 0,
            codes: HashMap::new(),
            access: HashMap::new(),
            refresh: HashMap::new(),
            receipts: BTreeMap::new(),
            next_receipt: 3_100_000_000 + (mix64(seed ^ 0x4ec) % 1_000_000) as i64,
            next_buyer: 0,
            per_second: Some(10),
            per_day: Some(10_000),
            second_window: VecDeque::new(),
            day_window: VecDeque::new(),
        };
        // Four purchases of the last days: one shipped, one waiting for payment, two to make.
        for (age_hours, unpaid, shipped) in
            [(96, false, true), (50, true, false), (26, false, false), (3, false, false)]
        {
            let at = now - age_hours * 3600;
            let id = store.add_receipt(at, unpaid);
            if shipped {
                store.change(id, EtsyReceiptChange::Shipped, at + 2 * DAY_SECS);
            }
        }
        store
    }

    fn token_body(&mut self) -> String {
        self.serial += 1;
        hex32(self.seed ^ 0xe75a, self.serial)
    }

    /// A new purchase at `at`, unpaid when `unpaid`, else paid at once (as most Etsy checkouts are).
    pub fn add_receipt(&mut self, at: i64, unpaid: bool) -> i64 {
        let n = self.next_buyer;
        self.next_buyer += 1;
        self.next_receipt += 1 + (mix64(self.seed ^ n as u64) % 97) as i64;
        let receipt_id = self.next_receipt;
        let (name, email) = BUYERS[n % BUYERS.len()];
        let lines = (0..1 + n % 2)
            .map(|k| {
                let (title, price) = PRODUCTS[(n + k * 2) % PRODUCTS.len()];
                Line {
                    transaction_id: receipt_id * 10 + k as i64,
                    listing_id: 1_500_000_000 + ((n + k * 2) % PRODUCTS.len()) as i64,
                    title,
                    quantity: 1 + (k as i64 + n as i64) % 2,
                    price,
                    // Five days of processing time, as the listings say.
                    expected_ship_date: at + 5 * DAY_SECS,
                }
            })
            .collect();
        let receipt = Receipt {
            receipt_id,
            buyer_user_id: 900_000_000
                + (mix64(self.seed ^ 0xb0b ^ (n % BUYERS.len()) as u64) % 90_000_000) as i64,
            buyer_email: email.map(str::to_owned),
            name: name.to_owned(),
            message_from_buyer: MESSAGES[n % MESSAGES.len()].to_owned(),
            is_paid: !unpaid,
            is_shipped: false,
            status: if unpaid { "Open" } else { "Paid" },
            create_timestamp: at,
            update_timestamp: at,
            lines,
        };
        self.receipts.insert(receipt_id, receipt);
        receipt_id
    }

    pub fn change(&mut self, receipt_id: i64, change: EtsyReceiptChange, at: i64) -> bool {
        let Some(receipt) = self.receipts.get_mut(&receipt_id) else { return false };
        match change {
            EtsyReceiptChange::Paid => {
                receipt.is_paid = true;
                receipt.status = "Paid";
            }
            EtsyReceiptChange::Shipped => {
                receipt.is_paid = true;
                receipt.is_shipped = true;
                receipt.status = "Completed";
            }
            EtsyReceiptChange::Canceled => receipt.status = "Canceled",
        }
        receipt.update_timestamp = at.max(receipt.update_timestamp);
        true
    }

    pub fn issue_code(&mut self, challenge: &str, now: i64) -> String {
        let code = self.token_body();
        self.codes
            .insert(code.clone(), CodeGrant { challenge: challenge.to_owned(), expires_at: now + CODE_SECS });
        code
    }

    /// Single use: a code is gone once tried, right or wrong.
    pub fn redeem_code(&mut self, code: &str, verifier: Option<&str>, now: i64) -> Result<(), Refused> {
        let grant = self.codes.remove(code).ok_or(Refused::Grant("code is invalid or was already used"))?;
        if grant.expires_at < now {
            return Err(Refused::Grant("code has expired"));
        }
        let verifier = verifier.ok_or(Refused::Request("code_verifier is required"))?;
        if crate::ml::oauth::s256(verifier) != grant.challenge {
            return Err(Refused::Grant("code_verifier is not valid for this code"));
        }
        Ok(())
    }

    /// Rotation: the refresh token used dies, a new one is issued with the new access token.
    pub fn redeem_refresh(&mut self, token: &str, now: i64) -> Result<(), Refused> {
        match self.refresh.remove(token) {
            Some(expires_at) if expires_at > now => Ok(()),
            Some(_) => Err(Refused::Grant("refresh token has expired")),
            None => Err(Refused::Grant("refresh token is invalid or was already used")),
        }
    }

    /// Etsy's tokens start with the user id and a dot.
    pub fn issue_pair(&mut self, now: i64) -> (String, String) {
        let user_id = self.app.user_id;
        let access = format!("{user_id}.{}", self.token_body());
        let refresh = format!("{user_id}.{}", self.token_body());
        self.access.insert(access.clone(), now + ACCESS_TOKEN_SECS);
        self.refresh.insert(refresh.clone(), now + REFRESH_TOKEN_SECS);
        (access, refresh)
    }

    pub fn access_valid(&self, token: &str, now: i64) -> bool {
        self.access.get(token).is_some_and(|expires_at| *expires_at > now)
    }

    pub fn expire_access_tokens(&mut self) {
        self.access.clear();
    }

    /// Every refresh token issued so far is past its 90 days.
    pub fn expire_refresh_tokens(&mut self, now: i64) {
        self.access.clear();
        for expires_at in self.refresh.values_mut() {
            *expires_at = now - 1;
        }
    }

    pub fn revoke_all(&mut self) {
        self.access.clear();
        self.refresh.clear();
        self.codes.clear();
    }

    pub fn set_limits(&mut self, per_second: Option<u32>, per_day: Option<u32>) {
        self.per_second = per_second;
        self.per_day = per_day;
        self.second_window.clear();
        self.day_window.clear();
    }

    /// Counts a request against both limits: the requests left today, or the seconds to wait.
    pub fn admit(&mut self, instant: Instant, now: i64) -> Result<Option<u32>, u32> {
        if let Some(limit) = self.per_second {
            let window = Duration::from_secs(1);
            while self.second_window.front().is_some_and(|at| instant.duration_since(*at) >= window) {
                self.second_window.pop_front();
            }
            if self.second_window.len() as u32 >= limit {
                return Err(1);
            }
        }
        let Some(limit) = self.per_day else {
            self.second_window.push_back(instant);
            return Ok(None);
        };
        while self.day_window.front().is_some_and(|at| now - at >= DAY_SECS) {
            self.day_window.pop_front();
        }
        if self.day_window.len() as u32 >= limit {
            let oldest = self.day_window.front().copied().unwrap_or(now);
            return Err((DAY_SECS - (now - oldest)).max(1) as u32);
        }
        self.second_window.push_back(instant);
        self.day_window.push_back(now);
        Ok(Some(limit - self.day_window.len() as u32))
    }
}
