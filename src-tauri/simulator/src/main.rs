//! `mostrador-simulator [--ml-port N] [--telegram-port N] [--instagram-port N] [--facebook-port N] [--etsy-port N]
//! [--seed N] [--site MLA] [--order-history-days N] [--activity-every SECS]`: prints one JSON line (URLs, the ML
//! application, the bot token, the Meta app), then serves until killed.

use std::io::Write;
use std::time::Duration;

use mostrador_simulator::{SimConfig, Simulator};

fn main() {
    let mut config = SimConfig::default();
    let mut every: Option<f64> = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next();
        let parsed = match (flag.as_str(), value.as_deref()) {
            ("--ml-port", Some(v)) => v.parse().map(|port| config.ml_port = port).is_ok(),
            ("--telegram-port", Some(v)) => v.parse().map(|port| config.telegram_port = port).is_ok(),
            ("--instagram-port", Some(v)) => v.parse().map(|port| config.instagram_port = port).is_ok(),
            ("--facebook-port", Some(v)) => v.parse().map(|port| config.facebook_port = port).is_ok(),
            ("--etsy-port", Some(v)) => v.parse().map(|port| config.etsy_port = port).is_ok(),
            ("--microsoft-port", Some(v)) => v.parse().map(|port| config.microsoft_port = port).is_ok(),
            ("--seed", Some(v)) => v.parse().map(|seed| config.seed = seed).is_ok(),
            ("--site", Some(v)) => {
                config.site = v.to_owned();
                true
            }
            ("--order-history-days", Some(v)) => {
                v.parse().map(|days| config.order_history_days = days).is_ok()
            }
            ("--activity-every", Some(v)) => v.parse().map(|secs| every = Some(secs)).is_ok(),
            _ => false,
        };
        if !parsed {
            eprintln!(
                "usage: mostrador-simulator [--ml-port N] [--telegram-port N] [--instagram-port N] [--facebook-port N] [--etsy-port N] [--microsoft-port N] [--seed N] [--site MLA|MLB|…] [--order-history-days N] [--activity-every SECS]"
            );
            std::process::exit(2);
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build();
    let runtime = runtime.unwrap_or_else(|error| {
        eprintln!("mostrador-simulator: cannot start tokio: {error}");
        std::process::exit(1);
    });
    runtime.block_on(async move {
        let sim = match Simulator::start(config.clone()).await {
            Ok(sim) => sim,
            Err(error) => {
                eprintln!("mostrador-simulator: {error}");
                std::process::exit(1);
            }
        };
        if let Some(secs) = every.filter(|secs| *secs > 0.0) {
            sim.run_activity(Duration::from_secs_f64(secs));
        }
        let line = serde_json::json!({
            "ml_base_url": sim.ml_base_url(),
            "ml_auth_base_url": sim.ml_auth_base_url(),
            "telegram_base_url": sim.telegram_base_url(),
            "ml_app": sim.ml_app(),
            "telegram_token": sim.telegram_token(),
            "instagram_base_url": sim.instagram_base_url(),
            "facebook_base_url": sim.facebook_base_url(),
            "meta_app": sim.meta_app(),
            "etsy_base_url": sim.etsy_base_url(),
            "etsy_app": sim.etsy_app(),
            "microsoft_base_url": sim.microsoft_base_url(),
            "microsoft_app": sim.microsoft_app(),
            "site": config.site,
            "seed": config.seed,
        });
        let mut stdout = std::io::stdout();
        let _ = writeln!(stdout, "{line}");
        let _ = stdout.flush();
        std::future::pending::<()>().await;
    });
}
