//! The crash test: the real `mostrador-cli sync --account ID --once` is killed with SIGKILL at random
//! points, over and over, while the simulator (in this process) keeps generating buyer activity and
//! this process keeps queueing replies, on Mercado Libre, Telegram and Instagram. Afterwards: the
//! database passes `PRAGMA integrity_check`,
//! every message the simulator holds is stored exactly once, and no reply reached the simulator
//! twice. `MOSTRADOR_CRASH_SEED=<n>` replays one run's kill points.
//!
//! The same on a mailbox against the real Dovecot that `cargo xtask test` starts: every buyer's
//! mail stored once, every reply in the buyer's mailbox at most once (and exactly once when the
//! outbox says sent).

#![cfg(unix)]

#[path = "../../channels/tests/support/mail_server.rs"]
mod mail_server;
mod shop;

use std::collections::HashMap;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use mostrador_core::replies::IN_DOUBT_AFTER_SECS;
use mostrador_simulator::Activity;
use serde_json::Value;

use shop::{Shop, now};

const KILLS: usize = 150;

#[test]
fn killing_the_sync_at_random_points_loses_and_repeats_nothing() {
    let started = Instant::now();
    let shop = Shop::new();
    let ml = shop.connect_mercado_libre();
    let bot = shop.connect_telegram();
    let ig = shop.connect_instagram();
    // This test is about crashes; the rate limits have their own tests. (Killed processes lose
    // their pacing, so the simulator would otherwise throttle the next one.)
    shop.sim.set_ml_rate_limit(None);
    shop.sim.set_meta_rate_limit(None);
    shop.sim.generate(Activity {
        questions: 12,
        post_sale_messages: 12,
        telegram_messages: 8,
        instagram_messages: 8,
        ..Activity::default()
    });

    let seed = std::env::var("MOSTRADOR_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    eprintln!("crash test seed {seed} (MOSTRADOR_CRASH_SEED={seed} replays it)");
    let mut random = XorShift(seed | 1);

    // How long an undisturbed round takes (process start included): kills land within that span.
    let round = {
        let at = Instant::now();
        let output = shop.cli(&["sync", "--account", &ml.to_string(), "--once", "--json"]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        at.elapsed()
    };

    // Buyers keep writing for the whole loop, as in a real shop.
    let buyers_writing = Arc::new(AtomicBool::new(true));
    let activity = {
        let sim = shop.sim.clone();
        let writing = Arc::clone(&buyers_writing);
        std::thread::spawn(move || {
            let mut tick = 0u32;
            while writing.load(Ordering::Relaxed) {
                // Instagram is read at two calls a second: its buyers write less often, as they do.
                let instagram = u32::from(tick.is_multiple_of(10));
                sim.generate(Activity {
                    questions: 1,
                    post_sale_messages: 1,
                    telegram_messages: 1,
                    replies_to_answers: 1,
                    instagram_messages: instagram,
                    ..Activity::default()
                });
                tick += 1;
                std::thread::sleep(Duration::from_millis(40));
            }
        })
    };

    let mut replies = 0;
    let mut killed_mid_round = 0;
    for kill in 0..KILLS {
        replies += queue_replies(&shop, &[ml, bot, ig], replies);
        let account = match kill % 4 {
            2 => bot,
            3 => ig,
            _ => ml,
        };
        let mut child = shop
            .cli_command(&["sync", "--account", &account.to_string(), "--once", "--json"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("mostrador-cli starts");
        let delay = random.below(round.as_micros() as u64 * 6 / 5 + 1);
        std::thread::sleep(Duration::from_micros(delay));
        if child.try_wait().unwrap().is_none() {
            killed_mid_round += 1;
        }
        child.kill().expect("SIGKILL is delivered");
        child.wait().unwrap();
    }
    buyers_writing.store(false, Ordering::Relaxed);
    activity.join().unwrap();
    let loop_time = started.elapsed();

    // Every sync process is dead now. A reply a killed one left "sending" stays its own for
    // IN_DOUBT_AFTER_SECS (another process might still be waiting on the channel for it); rather
    // than wait that long, the claims are dated back by as much: the app starting two minutes later.
    let claims = rusqlite::Connection::open(&shop.db).unwrap();
    claims
        .execute(
            "UPDATE outbox SET updated_at = updated_at - ?1 WHERE state = 'sending'",
            [IN_DOUBT_AFTER_SECS + 1],
        )
        .unwrap();
    drop(claims);

    // Undisturbed rounds until both accounts are quiet: everything left behind gets resolved.
    for account in [ml, bot, ig] {
        settle(&shop, account);
    }

    let db = shop.read_only();
    let integrity: String = db.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    let count = |sql: &str, account: i64| -> i64 { db.query_row(sql, [account], |row| row.get(0)).unwrap() };

    let totals = shop.sim.totals();
    let incoming_of_kind = "SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
                            WHERE m.account_id = ?1 AND m.direction = 'incoming' AND c.kind = ";
    let questions = count(&format!("{incoming_of_kind}'pre_sale_question'"), ml);
    let pack_messages = count(&format!("{incoming_of_kind}'post_sale'"), ml);
    let telegram =
        count("SELECT count(*) FROM messages WHERE account_id = ?1 AND direction = 'incoming'", bot);
    assert_eq!(questions, i64::from(totals.questions), "every question stored exactly once");
    assert_eq!(
        pack_messages,
        i64::from(totals.pack_messages),
        "every buyer pack message stored exactly once"
    );
    assert_eq!(telegram, i64::from(totals.telegram_updates), "every Telegram message stored exactly once");
    // Instagram: the 20 most recent messages of each conversation (Meta gives no older), each once.
    let meta = shop.sim.snapshot().meta;
    for conversation in
        meta.conversations.iter().filter(|c| c.platform == mostrador_simulator::Platform::Instagram)
    {
        for message in conversation.messages.iter().rev().take(20) {
            let stored: i64 = db
                .query_row(
                    "SELECT count(*) FROM messages WHERE account_id = ?1 AND external_id = ?2",
                    (ig, format!("mid:{}", message.id)),
                    |row| row.get(0),
                )
                .unwrap();
            assert_eq!(stored, 1, "Instagram message {} is stored exactly once", message.id);
        }
    }

    // No reply twice on the channel, and one row per reply in the database.
    let answers = shop.sim.answers_received();
    let post_sale = shop.sim.post_sale_sent();
    let sent_telegram = shop.sim.telegram_sent();
    let sent_instagram = shop.sim.instagram_sent();
    assert_once(answers.iter().map(|a| a.question_id.to_string()), "answer to a question");
    assert_once(answers.iter().map(|a| a.text.clone()), "answer text");
    assert_once(post_sale.iter().map(|m| m.text.clone()), "post-sale reply");
    assert_once(sent_telegram.iter().map(|m| m.text.clone()), "Telegram reply");
    assert_once(sent_instagram.iter().map(|m| m.text.clone()), "Instagram reply");
    let texts: Vec<String> = answers
        .iter()
        .map(|a| a.text.clone())
        .chain(post_sale.iter().map(|m| m.text.clone()))
        .chain(sent_telegram.iter().map(|m| m.text.clone()))
        .chain(sent_instagram.iter().map(|m| m.text.clone()))
        .collect();
    for text in &texts {
        let rows: i64 = db
            .query_row(
                "SELECT count(*) FROM messages WHERE direction = 'outgoing' AND text = ?1",
                [text],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(rows, 1, "the reply {text:?} is one row in its thread");
    }

    // Every queued reply ended: sent, or (Telegram only, where a bot cannot read its chat back)
    // marked "delivery unknown" for the seller instead of risking a second copy.
    let outbox: Vec<(i64, String, String, String)> = db
        .prepare("SELECT account_id, state, coalesce(error_code, ''), text FROM outbox")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(outbox.len(), replies, "every queued reply is in the outbox");
    let unknown = |(account, state, code, _): &&(i64, String, String, String)| {
        *account == bot && state == "failed" && code == "delivery_unknown"
    };
    for (account, state, code, text) in &outbox {
        let on_channel = texts.contains(text);
        if state == "sent" {
            assert!(on_channel, "a reply marked sent never reached the channel: {text:?}");
        } else {
            assert!(
                unknown(&&(*account, state.clone(), code.clone(), text.clone())),
                "a reply ended {state} ({code})"
            );
        }
    }
    for text in &texts {
        assert!(
            outbox.iter().any(|(_, _, _, queued)| queued == text),
            "the channel got a reply nobody queued"
        );
    }
    let delivered = outbox.iter().filter(|(_, state, _, _)| state == "sent").count();
    let unknown = outbox.iter().filter(unknown).count();

    eprintln!(
        "crash test: {KILLS} kills ({killed_mid_round} mid-round) in {:.1} s (round {} ms); {} questions, {} pack \
         messages, {} Telegram messages, {} Instagram messages, {replies} replies queued ({delivered} sent, \
         {unknown} delivery unknown); total {:.1} s",
        loop_time.as_secs_f64(),
        round.as_millis(),
        totals.questions,
        totals.pack_messages,
        totals.telegram_updates,
        totals.instagram_messages,
        started.elapsed().as_secs_f64()
    );
    assert!(killed_mid_round >= KILLS / 3, "kills must land inside rounds: {killed_mid_round} of {KILLS}");
}

/// Queues a reply in up to two conversations of each account that have none yet; returns how many.
fn queue_replies(shop: &Shop, accounts: &[i64], numbered_from: usize) -> usize {
    let db = shop.read_only();
    let mut queued = 0;
    for &account in accounts {
        let conversations: Vec<i64> = db
            .prepare(
                "SELECT c.id FROM conversations c WHERE c.account_id = ?1 AND c.blocked_reason IS NULL
                   AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.conversation_id = c.id)
                 ORDER BY c.id LIMIT 2",
            )
            .unwrap()
            .query_map([account], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for conversation in conversations {
            let text =
                format!("¡Gracias por escribir! Ya lo preparamos (respuesta {}).", numbered_from + queued);
            // A conversation the channel closed meanwhile refuses the reply: fine, it was not queued.
            if shop.core.outbox_enqueue(conversation, &text, now()).is_ok() {
                queued += 1;
            }
        }
    }
    queued
}

/// Runs undisturbed rounds until one has nothing new, nothing to send and no error.
fn settle(shop: &Shop, account: i64) {
    let mut last = Value::Null;
    for _ in 0..12 {
        let output = shop.cli(&["sync", "--account", &account.to_string(), "--once", "--json"]);
        last = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
        let pending: i64 = shop
            .read_only()
            .query_row(
                "SELECT count(*) FROM outbox WHERE account_id = ?1 AND state IN ('queued', 'sending')",
                [account],
                |row| row.get(0),
            )
            .unwrap();
        if output.status.success() && last["new"] == 0 && last["sent"] == 0 && pending == 0 {
            return;
        }
        // A reply backed off after a failed attempt: wait until it is due (the CLI reads the real clock).
        let due_at: Option<i64> = shop
            .read_only()
            .query_row(
                "SELECT min(next_attempt_at) FROM outbox WHERE account_id = ?1 AND state = 'queued'",
                [account],
                |row| row.get(0),
            )
            .unwrap();
        let wait = due_at.map_or(0, |at| (at - now()).clamp(0, 5));
        std::thread::sleep(Duration::from_secs(wait as u64));
    }
    panic!("account {account} did not settle: {last}");
}

fn assert_once(keys: impl Iterator<Item = String>, what: &str) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for key in keys {
        *seen.entry(key).or_default() += 1;
    }
    let repeated: Vec<_> = seen.into_iter().filter(|(_, n)| *n > 1).collect();
    assert!(repeated.is_empty(), "{what} sent more than once: {repeated:?}");
}

/// Small, seedable, good enough to pick kill points.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }
}

#[test]
fn killing_the_mail_sync_at_random_points_loses_and_repeats_nothing() {
    const MAIL_KILLS: usize = 40;
    const PASSWORD: &str = "mailbox-pass";
    let Some(server) = mail_server::MailServer::from_env() else { return };
    let shop = Shop::new();
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let address = format!("crash-{stamp}@shop.test");
    let buyers: Vec<String> = (0..4).map(|n| format!("crash-buyer-{n}-{stamp}@buyer.test")).collect();
    let mail = move |from: &str, to: &str, n: usize| {
        format!(
            "From: Comprador {n} <{from}>\r\nTo: {to}\r\nSubject: Consulta {n}\r\nMessage-ID: <crash-{n}-{stamp}@buyer.test>\r\n\
             Date: {}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n¿Tienen tazas en verde? ({n})\r\n",
            jiff::Timestamp::now().strftime("%a, %-d %b %Y %H:%M:%S +0000")
        )
        .into_bytes()
    };
    shop.runtime.block_on(server.deliver(&mail(&buyers[0], &address, 0), &buyers[0], &[&address]));
    let request = mostrador_channels::connect::MailboxConnect {
        address: address.clone(),
        password: PASSWORD.into(),
        display_name: Some("Taller".into()),
        user: None,
        imap: mostrador_channels::connect::MailServer {
            host: server.host.clone(),
            port: server.imap_port,
            security: mostrador_channels::connect::MailSecurity::Tls,
        },
        smtp: mostrador_channels::connect::MailServer {
            host: server.host.clone(),
            port: server.submission_port,
            security: mostrador_channels::connect::MailSecurity::Tls,
        },
    };
    let account = shop
        .runtime
        .block_on(mostrador_channels::connect::mailbox(&shop.core, &shop.secrets, request, now()))
        .expect("the mailbox connects");

    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
    eprintln!("mail crash test seed {seed}");
    let mut random = XorShift(seed | 1);
    let round = {
        let at = Instant::now();
        let output = shop.cli(&["sync", "--account", &account.to_string(), "--once", "--json"]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        at.elapsed()
    };

    let mut delivered = 1;
    let mut replies = 0;
    let mut killed_mid_round = 0;
    for kill in 0..MAIL_KILLS {
        // Buyers keep writing: one new mail every other round.
        if kill % 2 == 0 {
            let buyer = &buyers[delivered % buyers.len()];
            shop.runtime.block_on(server.deliver(&mail(buyer, &address, delivered), buyer, &[&address]));
            delivered += 1;
        }
        replies += queue_replies(&shop, &[account], replies);
        let mut child = shop
            .cli_command(&["sync", "--account", &account.to_string(), "--once", "--json"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("mostrador-cli starts");
        std::thread::sleep(Duration::from_micros(random.below(round.as_micros() as u64 * 6 / 5 + 1)));
        if child.try_wait().unwrap().is_none() {
            killed_mid_round += 1;
        }
        child.kill().expect("SIGKILL is delivered");
        child.wait().unwrap();
    }
    let claims = rusqlite::Connection::open(&shop.db).unwrap();
    claims
        .execute(
            "UPDATE outbox SET updated_at = updated_at - ?1 WHERE state = 'sending'",
            [IN_DOUBT_AFTER_SECS + 1],
        )
        .unwrap();
    drop(claims);
    settle(&shop, account);

    let db = shop.read_only();
    let integrity: String = db.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    for n in 0..delivered {
        let stored: i64 = db
            .query_row(
                "SELECT count(*) FROM messages WHERE account_id = ?1 AND external_id = ?2",
                (account, format!("crash-{n}-{stamp}@buyer.test")),
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(stored, 1, "buyer mail {n} is stored exactly once");
    }

    // Each reply's Message-ID is fixed by its outbox key: count it in the buyers' mailboxes.
    let outbox: Vec<(String, String, String)> = db
        .prepare("SELECT state, coalesce(error_code, ''), idempotency_key FROM outbox WHERE account_id = ?1")
        .unwrap()
        .query_map([account], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(outbox.len(), replies);
    let received: HashMap<String, usize> = shop.runtime.block_on(async {
        let mut ids = HashMap::new();
        for buyer in &buyers {
            let mut session = server.imap_session(buyer, PASSWORD).await;
            session.select("INBOX").await.expect("select");
            for (_, _, key) in &outbox {
                let id = format!("mostrador.{key}@shop.test");
                let found = session.uid_search(format!("HEADER Message-ID \"{id}\"")).await.expect("search");
                *ids.entry(key.clone()).or_default() += found.len();
            }
        }
        ids
    });
    let mut sent = 0;
    let mut unknown = 0;
    for (state, code, key) in &outbox {
        let copies = received.get(key).copied().unwrap_or(0);
        assert!(copies <= 1, "reply {key} reached the buyer {copies} times");
        match (state.as_str(), code.as_str()) {
            ("sent", _) => {
                assert_eq!(copies, 1, "reply {key} is marked sent but never arrived");
                sent += 1;
            }
            ("failed", "delivery_unknown") => unknown += 1,
            other => panic!("reply {key} ended {other:?}"),
        }
        let rows: i64 = db
            .query_row(
                "SELECT count(*) FROM messages WHERE account_id = ?1 AND external_id = ?2",
                (account, format!("mostrador.{key}@shop.test")),
                |row| row.get(0),
            )
            .unwrap_or(0);
        if state == "sent" {
            assert_eq!(rows, 1, "reply {key} is one row in its thread");
        }
    }
    eprintln!(
        "mail crash test: {MAIL_KILLS} kills ({killed_mid_round} mid-round, round {} ms); {delivered} buyer mails; \
         {replies} replies ({sent} sent, {unknown} delivery unknown)",
        round.as_millis()
    );
    assert!(
        killed_mid_round >= MAIL_KILLS / 4,
        "kills must land inside rounds: {killed_mid_round} of {MAIL_KILLS}"
    );
}
