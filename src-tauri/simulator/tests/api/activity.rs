use std::time::Duration;

use mostrador_simulator::Activity;
use serde_json::{Value, json};

use crate::common::{client, id_of, ml_get, ml_post, ml_tokens, start, start_site, tg};

async fn question_texts(sim: &mostrador_simulator::Simulator) -> Vec<String> {
    let client = client();
    let token = ml_tokens(sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let (_, page) = ml_get(
        sim,
        &client,
        &token,
        &format!("/questions/search?seller_id={seller}&api_version=4&limit=100"),
    )
    .await;
    page["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| q["text"].as_str().expect("text").to_owned())
        .collect()
}

#[tokio::test]
async fn activity_is_deterministic_for_a_seed() {
    let activity = Activity {
        questions: 40,
        post_sale_messages: 10,
        new_orders: 3,
        telegram_messages: 4,
        business_messages: 4,
        replies_to_answers: 0,
        ..Activity::default()
    };
    let a = start_site("MLA", 42).await;
    let b = start_site("MLA", 42).await;
    let c = start_site("MLA", 43).await;
    let (ra, rb, rc) = (a.generate(activity), b.generate(activity), c.generate(activity));
    assert_eq!(ra, rb);
    assert_ne!(ra, rc);
    assert_eq!(a.ml_app(), b.ml_app());
    assert_eq!(a.telegram_token(), b.telegram_token());
    assert_eq!(question_texts(&a).await, question_texts(&b).await);
    assert_ne!(question_texts(&a).await, question_texts(&c).await);
    let totals = a.totals();
    assert_eq!((totals.questions, totals.pack_messages), (40, 10));
    assert_eq!(totals.telegram_updates as usize, ra.telegram_update_ids.len());
}

#[tokio::test]
async fn buyers_write_rioplatense_spanish_on_mla_and_portuguese_on_mlb() {
    let es = start_site("MLA", 5).await;
    es.generate(Activity { questions: 60, ..Activity::default() });
    let texts = question_texts(&es).await.join(" ");
    assert!(["tenés", "hacés", "podés", "Aceptás"].iter().any(|voseo| texts.contains(voseo)), "{texts}");
    let pt = start_site("MLB", 5).await;
    pt.generate(Activity { questions: 60, ..Activity::default() });
    let texts = question_texts(&pt).await.join(" ");
    assert!(["você", "Olá", "Oi", "Tem ", "Faz "].iter().any(|word| texts.contains(word)), "{texts}");
    assert!(!texts.contains('¿'));
}

#[tokio::test]
async fn buyers_write_back_after_the_sellers_answer() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    assert_eq!(sim.generate(Activity { replies_to_answers: 3, ..Activity::default() }).replies_to_answers, 0);
    let question_id = sim.generate(Activity { questions: 1, ..Activity::default() }).question_ids[0];
    let (_, question) = ml_get(&sim, &client, &token, &format!("/questions/{question_id}")).await;
    ml_post(
        &sim,
        &client,
        &token,
        "/answers",
        &json!({ "question_id": question_id, "text": "Sí, la hago en azul." }),
    )
    .await;
    let chat = sim.generate(Activity { telegram_messages: 1, ..Activity::default() });
    let (_, updates) = tg(&sim, &client, "getUpdates", &json!({})).await;
    let chat_id = updates["result"][0]["message"]["chat"]["id"].as_i64().expect("chat");
    tg(&sim, &client, "sendMessage", &json!({ "chat_id": chat_id, "text": "¡Hola! Sí." })).await;
    let report = sim.generate(Activity { replies_to_answers: 5, ..Activity::default() });
    assert_eq!(report.replies_to_answers, 2);
    let follow_up = report.question_ids[0];
    let (_, next) = ml_get(&sim, &client, &token, &format!("/questions/{follow_up}")).await;
    assert_eq!(next["item_id"], question["item_id"]);
    assert_eq!(id_of(&next["from"]["id"]), id_of(&question["from"]["id"]));
    let offset = chat.telegram_update_ids[0] + 1;
    let (_, reply) = tg(&sim, &client, "getUpdates", &json!({ "offset": offset })).await;
    assert_eq!(reply["result"][0]["message"]["chat"]["id"], chat_id);
}

#[tokio::test]
async fn background_activity_runs_until_shutdown() {
    let sim = start().await;
    sim.run_activity(Duration::from_millis(20));
    tokio::time::sleep(Duration::from_millis(600)).await;
    let totals = sim.totals();
    assert!(totals.questions + totals.pack_messages + totals.telegram_updates > 0, "{totals:?}");
    let base = sim.ml_base_url();
    sim.shutdown().await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(client().get(format!("{base}/_sim/state")).send().await.is_err());
}

#[tokio::test]
async fn ten_thousand_questions_and_messages_are_cheap_to_pull() {
    let sim = start().await;
    sim.set_ml_rate_limit(None);
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let started = std::time::Instant::now();
    let report =
        sim.generate(Activity { questions: 5_000, post_sale_messages: 5_000, ..Activity::default() });
    let generated = started.elapsed();
    let mut questions = 0;
    let mut scroll: Option<String> = None;
    loop {
        let mut path =
            format!("/questions/search?seller_id={seller}&api_version=4&limit=100&search_type=scan");
        if let Some(scroll) = &scroll {
            path.push_str(&format!("&scroll_id={scroll}"));
        }
        let (_, page) = ml_get(&sim, &client, &token, &path).await;
        let count = page["questions"].as_array().map_or(0, Vec::len);
        if count == 0 {
            break;
        }
        questions += count;
        scroll = page["scroll_id"].as_str().map(str::to_owned);
    }
    let (_, unread) = ml_get(&sim, &client, &token, "/messages/unread?role=seller&tag=post_sale").await;
    let mut messages = 0;
    for result in unread["results"].as_array().expect("results") {
        let resource = result["resource"].as_str().expect("resource");
        let (_, page): (u16, Value) = ml_get(
            &sim,
            &client,
            &token,
            &format!("/messages{resource}?tag=post_sale&mark_as_read=false&limit=100"),
        )
        .await;
        messages += page["messages"].as_array().map_or(0, Vec::len);
    }
    let elapsed = started.elapsed();
    println!(
        "generated in {generated:?}; pulled {questions} questions and {messages} messages in {elapsed:?} (debug build)"
    );
    assert_eq!(questions, 5_000);
    assert_eq!(messages, report.pack_messages as usize);
    assert!(elapsed < Duration::from_secs(20), "{elapsed:?}");
}
