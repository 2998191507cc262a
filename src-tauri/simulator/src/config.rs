//! What a simulator is started with, and the Mercado Libre application it recognises.

use serde::{Deserialize, Serialize};

/// How to start a [`crate::Simulator`]. Ports 0 pick any free port on 127.0.0.1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SimConfig {
    pub ml_port: u16,
    pub telegram_port: u16,
    pub instagram_port: u16,
    pub facebook_port: u16,
    pub etsy_port: u16,
    /// The Microsoft identity platform (tests of a mail server that checks its tokens need a port
    /// known before the simulator starts).
    pub microsoft_port: u16,
    /// Same seed, same ids, buyers, listings and texts.
    pub seed: u64,
    /// Mercado Libre site of the seller: "MLA" (Argentina, Spanish, ARS), "MLB" (Brazil, Portuguese,
    /// BRL, messaging agent on some packs), "MLC", "MLM", "MLU", "MCO", "MPE".
    pub site: String,
    /// Simulated time at start (unix seconds); None = the real clock. Time then runs at real speed
    /// (plus [`crate::Simulator::advance_clock`]).
    pub start_unix: Option<i64>,
    /// Days of Mercado Libre orders (and their claims) before the start, as a shop that has been
    /// selling for a while: 0 = none (tests count exactly what they generate). The demo store
    /// asks for four months, so reputation, visits and sales per month have a past.
    pub order_history_days: u32,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            ml_port: 0,
            telegram_port: 0,
            instagram_port: 0,
            facebook_port: 0,
            etsy_port: 0,
            microsoft_port: 0,
            seed: 7,
            site: "MLA".to_owned(),
            start_unix: None,
            order_history_days: 0,
        }
    }
}

/// The seller's own Mercado Libre application as registered in the simulator (what the connect
/// wizard asks for), and the seller account that authorises it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MlApp {
    pub client_id: String,
    pub client_secret: String,
    /// Registered redirect URI: exact match required, https as on the real site.
    pub redirect_uri: String,
    pub seller_id: i64,
    pub nickname: String,
}
