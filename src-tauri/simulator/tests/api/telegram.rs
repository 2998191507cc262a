use std::time::{Duration, Instant};

use mostrador_simulator::Activity;
use serde_json::{Value, json};

use crate::common::{client, start, tg};

fn update_ids(body: &Value) -> Vec<i64> {
    body["result"]
        .as_array()
        .expect("result")
        .iter()
        .map(|u| u["update_id"].as_i64().expect("update_id"))
        .collect()
}

#[tokio::test]
async fn get_me_and_bad_tokens() {
    let sim = start().await;
    let client = client();
    let (status, me) = tg(&sim, &client, "getMe", &json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(me["ok"], true);
    assert_eq!(me["result"]["is_bot"], true);
    assert!(sim.telegram_token().starts_with(&format!("{}:", me["result"]["id"])));
    let url = format!("{}/bot123:nope/getMe", sim.telegram_base_url());
    let response = client.get(url).send().await.expect("get");
    assert_eq!(response.status(), 401);
    let body: Value = response.json().await.expect("json");
    assert_eq!(
        (body["ok"].as_bool(), body["error_code"].as_i64(), body["description"].as_str()),
        (Some(false), Some(401), Some("Unauthorized"))
    );
    let (status, unknown) = tg(&sim, &client, "getSomething", &json!({})).await;
    assert_eq!((status, unknown["error_code"].as_i64()), (404, Some(404)));
}

#[tokio::test]
async fn offsets_confirm_updates_and_limit_caps_them() {
    let sim = start().await;
    let client = client();
    let report = sim.generate(Activity { telegram_messages: 5, ..Activity::default() });
    assert_eq!(report.telegram_update_ids.len(), 5);
    let (_, first) = tg(&sim, &client, "getUpdates", &json!({ "timeout": 0 })).await;
    assert_eq!(update_ids(&first), report.telegram_update_ids);
    let message = &first["result"][0]["message"];
    assert!(message["text"].as_str().is_some_and(|text| !text.is_empty()));
    assert_eq!(message["chat"]["type"], "private");
    assert_eq!(message["chat"]["id"], message["from"]["id"]);
    // Not confirmed yet: delivered again.
    let (_, again) = tg(&sim, &client, "getUpdates", &json!({ "limit": 2 })).await;
    assert_eq!(update_ids(&again), report.telegram_update_ids[..2]);
    let offset = report.telegram_update_ids[2] + 1;
    let (_, rest) = tg(&sim, &client, "getUpdates", &json!({ "offset": offset })).await;
    assert_eq!(update_ids(&rest), report.telegram_update_ids[3..]);
    let (_, none) =
        tg(&sim, &client, "getUpdates", &json!({ "offset": report.telegram_update_ids[4] + 1 })).await;
    assert!(update_ids(&none).is_empty());
    assert_eq!(sim.snapshot().pending_telegram_updates, 0);
}

#[tokio::test]
async fn long_polls_return_as_soon_as_an_update_arrives() {
    let sim = start().await;
    let client = client();
    let started = Instant::now();
    let long_poll = json!({ "timeout": 20 });
    let poll = tg(&sim, &client, "getUpdates", &long_poll);
    let produce = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        sim.generate(Activity { telegram_messages: 1, ..Activity::default() })
    };
    let ((status, body), report) = tokio::join!(poll, produce);
    assert_eq!(status, 200);
    assert_eq!(update_ids(&body), report.telegram_update_ids);
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(250) && waited < Duration::from_secs(5), "{waited:?}");
    let started = Instant::now();
    let (_, empty) = tg(
        &sim,
        &client,
        "getUpdates",
        &json!({ "timeout": 1, "offset": report.telegram_update_ids[0] + 1 }),
    )
    .await;
    assert!(update_ids(&empty).is_empty());
    assert!(started.elapsed() >= Duration::from_millis(900));
}

#[tokio::test]
async fn a_newer_poll_ends_the_older_one_with_409() {
    let sim = start().await;
    let client = client();
    let long_poll = json!({ "timeout": 10 });
    let older = tg(&sim, &client, "getUpdates", &long_poll);
    let newer = async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        tg(&sim, &client, "getUpdates", &json!({ "timeout": 0 })).await
    };
    let ((old_status, old_body), (new_status, _)) = tokio::join!(older, newer);
    assert_eq!((old_status, new_status), (409, 200));
    assert!(old_body["description"].as_str().is_some_and(|d| d.starts_with("Conflict")));
}

#[tokio::test]
async fn allowed_updates_retention_and_webhooks() {
    let sim = start().await;
    let client = client();
    sim.generate(Activity { telegram_messages: 2, business_messages: 2, ..Activity::default() });
    let (_, only_business) =
        tg(&sim, &client, "getUpdates", &json!({ "allowed_updates": ["business_message"] })).await;
    let kinds: Vec<bool> = only_business["result"]
        .as_array()
        .expect("result")
        .iter()
        .map(|u| u.get("business_message").is_some())
        .collect();
    assert_eq!(kinds, [true, true]);
    // Remembered until changed; form-encoded JSON lists work too.
    let url = format!("{}/bot{}/getUpdates", sim.telegram_base_url(), sim.telegram_token());
    let everything: Value = client
        .post(&url)
        .form(&[("allowed_updates", "[]")])
        .send()
        .await
        .expect("post")
        .json()
        .await
        .expect("json");
    assert_eq!(everything["result"].as_array().map(Vec::len), Some(5));
    sim.advance_clock(24 * 3600 + 1);
    let (_, expired) = tg(&sim, &client, "getUpdates", &json!({})).await;
    assert!(update_ids(&expired).is_empty());
    assert_eq!(tg(&sim, &client, "setWebhook", &json!({ "url": "https://example.com/hook" })).await.0, 200);
    let (status, conflict) = tg(&sim, &client, "getUpdates", &json!({})).await;
    assert_eq!((status, conflict["error_code"].as_i64()), (409, Some(409)));
    let (status, deleted) = tg(&sim, &client, "deleteWebhook", &json!({})).await;
    assert_eq!((status, deleted["result"].as_bool()), (200, Some(true)));
    assert_eq!(tg(&sim, &client, "getUpdates", &json!({})).await.0, 200);
}

#[tokio::test]
async fn send_message_to_plain_chats_and_its_limits() {
    let sim = start().await;
    let client = client();
    sim.generate(Activity { telegram_messages: 1, ..Activity::default() });
    let (_, updates) = tg(&sim, &client, "getUpdates", &json!({})).await;
    let chat_id = updates["result"][0]["message"]["chat"]["id"].as_i64().expect("chat");
    let (status, sent) = tg(
        &sim,
        &client,
        "sendMessage",
        &json!({ "chat_id": chat_id, "text": "¡Hola! Sí, tengo catálogo." }),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(sent["result"]["chat"]["id"], chat_id);
    assert!(sent["result"]["message_id"].as_i64().is_some());
    let (status, long) =
        tg(&sim, &client, "sendMessage", &json!({ "chat_id": chat_id, "text": "a".repeat(4097) })).await;
    assert_eq!((status, long["description"].as_str()), (400, Some("Bad Request: message is too long")));
    let (status, missing) = tg(&sim, &client, "sendMessage", &json!({ "chat_id": 1, "text": "hola" })).await;
    assert_eq!((status, missing["description"].as_str()), (400, Some("Bad Request: chat not found")));
    // Form-encoded, ids as strings.
    let url = format!("{}/bot{}/sendMessage", sim.telegram_base_url(), sim.telegram_token());
    let response = client
        .post(url)
        .form(&[("chat_id", chat_id.to_string()), ("text", "Otra".to_owned())])
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 200);
    assert!(sim.telegram_block_bot(chat_id));
    let (status, blocked) =
        tg(&sim, &client, "sendMessage", &json!({ "chat_id": chat_id, "text": "¿Seguís?" })).await;
    assert_eq!(
        (status, blocked["description"].as_str()),
        (403, Some("Forbidden: bot was blocked by the user"))
    );
    assert!(sim.telegram_block_bot(chat_id));
    let (status, blocked) =
        tg(&sim, &client, "sendMessage", &json!({ "chat_id": chat_id, "text": "¿Seguís?" })).await;
    assert_eq!(
        (status, blocked["description"].as_str()),
        (403, Some("Forbidden: bot was blocked by the user"))
    );
    let sent = sim.telegram_sent();
    assert_eq!(sent.len(), 2);
    assert_eq!((sent[0].chat_id, sent[0].business_connection_id.as_deref()), (chat_id, None));
}

#[tokio::test]
async fn business_chats_connection_edits_deletions_and_the_24_hour_window() {
    let sim = start().await;
    let client = client();
    let report = sim.generate(Activity { business_messages: 2, ..Activity::default() });
    assert_eq!(report.telegram_update_ids.len(), 3);
    let edit = sim.edit_business_message().expect("an edit");
    let delete = sim.delete_business_message().expect("a deletion");
    let (_, body) = tg(&sim, &client, "getUpdates", &json!({})).await;
    let updates = body["result"].as_array().expect("result");
    let connection = &updates[0]["business_connection"];
    let connection_id = connection["id"].as_str().expect("connection id").to_owned();
    assert_eq!(
        (connection["can_reply"].as_bool(), connection["is_enabled"].as_bool()),
        (Some(true), Some(true))
    );
    let message = &updates[1]["business_message"];
    assert_eq!(message["business_connection_id"], connection_id.as_str());
    assert_eq!(updates[3]["update_id"], edit);
    assert!(updates[3]["edited_business_message"]["edit_date"].is_i64());
    assert_eq!(updates[4]["update_id"], delete);
    assert!(updates[4]["deleted_business_messages"]["message_ids"][0].is_i64());
    let chat_id = message["chat"]["id"].as_i64().expect("chat");
    let (status, plain) =
        tg(&sim, &client, "sendMessage", &json!({ "chat_id": chat_id, "text": "hola" })).await;
    assert_eq!(status, 400, "{plain}");
    let (status, wrong) = tg(
        &sim,
        &client,
        "sendMessage",
        &json!({ "chat_id": chat_id, "text": "hola", "business_connection_id": "nope" }),
    )
    .await;
    assert_eq!(status, 400, "{wrong}");
    let reply = json!({ "chat_id": chat_id, "text": "¡Hola! Te respondo por acá.", "business_connection_id": connection_id });
    let (status, sent) = tg(&sim, &client, "sendMessage", &reply).await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(sent["result"]["business_connection_id"], connection_id.as_str());
    assert_eq!(sim.telegram_sent()[0].business_connection_id.as_deref(), Some(connection_id.as_str()));
    sim.advance_clock(25 * 3600);
    let (status, late) = tg(&sim, &client, "sendMessage", &reply).await;
    assert_eq!(status, 400, "{late}");
    assert_eq!(sim.telegram_sent().len(), 1);
}
