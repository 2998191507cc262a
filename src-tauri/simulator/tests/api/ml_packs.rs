use mostrador_simulator::{Activity, ML_AGENT_USER_ID};
use serde_json::{Value, json};

use crate::common::{client, id_of, ml_get, ml_post, ml_tokens, start, start_site};

fn messages_path(pack: i64, seller: i64) -> String {
    format!("/messages/packs/{pack}/sellers/{seller}?tag=post_sale")
}

fn unread_total(unread: &Value) -> i64 {
    unread["results"].as_array().expect("results").iter().map(|r| r["count"].as_i64().expect("count")).sum()
}

#[tokio::test]
async fn unread_needs_role_and_reading_marks_read_unless_told_not_to() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let report = sim.generate(Activity { post_sale_messages: 12, ..Activity::default() });
    assert_eq!(report.pack_messages, 12);
    assert_eq!(ml_get(&sim, &client, &token, "/messages/unread?tag=post_sale").await.0, 400);
    let (status, unread) = ml_get(&sim, &client, &token, "/messages/unread?role=seller&tag=post_sale").await;
    assert_eq!(status, 200);
    assert_eq!(unread["user_id"], seller);
    assert_eq!(unread_total(&unread), 12);
    let resource = unread["results"][0]["resource"].as_str().expect("resource").to_owned();
    assert!(
        resource.starts_with("/packs/") && resource.ends_with(&format!("/sellers/{seller}")),
        "{resource}"
    );
    let pack: i64 = resource.split('/').nth(2).expect("pack").parse().expect("pack id");
    let count = unread["results"][0]["count"].as_i64().expect("count");
    let (status, peek) =
        ml_get(&sim, &client, &token, &format!("{}&mark_as_read=false", messages_path(pack, seller))).await;
    assert_eq!(status, 200);
    assert_eq!(peek["seller_max_message_length"], 350);
    assert_eq!(peek["conversation_status"]["status"], "active");
    assert_eq!(peek["paging"]["total"].as_i64(), Some(count));
    let message = &peek["messages"][0];
    for field in
        ["id", "from", "to", "text", "status", "message_date", "message_moderation", "message_attachments"]
    {
        assert!(message.get(field).is_some(), "missing {field}");
    }
    assert_eq!(id_of(&message["to"]["user_id"]), seller);
    assert!(message["message_date"]["read"].is_null());
    let (_, still) = ml_get(&sim, &client, &token, "/messages/unread?role=seller&tag=post_sale").await;
    assert_eq!(unread_total(&still), 12);
    let (_, read) =
        ml_get(&sim, &client, &token, &format!("{}&limit=100", messages_path(pack, seller))).await;
    assert_eq!(read["paging"]["total"].as_i64(), Some(count));
    let (_, after) = ml_get(&sim, &client, &token, "/messages/unread?role=seller&tag=post_sale").await;
    assert_eq!(unread_total(&after), 12 - count);
    let (_, again) =
        ml_get(&sim, &client, &token, &format!("{}&mark_as_read=false", messages_path(pack, seller))).await;
    assert!(again["messages"][0]["message_date"]["read"].is_string());
}

#[tokio::test]
async fn messages_page_newest_first() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let report = sim.generate(Activity { post_sale_messages: 1, ..Activity::default() });
    let pack = report.pack_ids[0];
    // Seller and buyer take turns so the pack has a long thread.
    for round in 0..6 {
        let (_, page) =
            ml_get(&sim, &client, &token, &format!("{}&mark_as_read=false", messages_path(pack, seller)))
                .await;
        let to = id_of(&page["messages"][0]["from"]["user_id"]);
        let body = json!({ "from": { "user_id": seller }, "to": { "user_id": to }, "text": format!("Respuesta {round}") });
        assert_eq!(ml_post(&sim, &client, &token, &messages_path(pack, seller), &body).await.0, 201);
        assert_eq!(
            sim.generate(Activity { replies_to_answers: 1, ..Activity::default() }).replies_to_answers,
            1
        );
    }
    let path = format!("{}&mark_as_read=false&limit=5", messages_path(pack, seller));
    let (_, first) = ml_get(&sim, &client, &token, &path).await;
    assert_eq!(first["paging"]["total"], 13);
    assert_eq!(first["messages"].as_array().expect("messages").len(), 5);
    let (_, last) = ml_get(&sim, &client, &token, &format!("{path}&offset=10")).await;
    let last = last["messages"].as_array().expect("messages");
    assert_eq!(last.len(), 3);
    assert_eq!(last[2]["conversation_first_message"], true);
    assert!(
        first["messages"][0]["message_date"]["created"].as_str()
            >= last[2]["message_date"]["created"].as_str()
    );
}

#[tokio::test]
async fn seller_messages_go_through_moderation() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let pack = sim.generate(Activity { post_sale_messages: 1, ..Activity::default() }).pack_ids[0];
    let (_, page) =
        ml_get(&sim, &client, &token, &format!("{}&mark_as_read=false", messages_path(pack, seller))).await;
    let buyer = id_of(&page["messages"][0]["from"]["user_id"]);
    let send = |text: String| {
        let body = json!({ "from": { "user_id": seller }, "to": { "user_id": buyer }, "text": text });
        let (sim, client, token) = (&sim, &client, &token);
        async move { ml_post(sim, client, token, &messages_path(pack, seller), &body).await }
    };
    let (status, clean) = send("¡Gracias por tu compra! Sale mañana.".into()).await;
    assert_eq!((status, clean["status"].as_str()), (201, Some("available")));
    assert_eq!(clean["message_moderation"]["status"], "clean");
    let (status, phone) = send("Mi número es 11 5555-1234".into()).await;
    assert_eq!(status, 201);
    assert_eq!(
        (phone["status"].as_str(), phone["message_moderation"]["reason"].as_str()),
        (Some("moderated"), Some("phone_number"))
    );
    let (_, payment) = send("Te paso el link: https://mpago.la/1a2b".into()).await;
    assert_eq!(
        (payment["status"].as_str(), payment["message_moderation"]["reason"].as_str()),
        (Some("rejected"), Some("payment_link"))
    );
    assert_eq!(send("x".repeat(351)).await.0, 400);
    let body = json!({ "from": { "user_id": seller }, "to": { "user_id": 1 }, "text": "hola" });
    assert_eq!(ml_post(&sim, &client, &token, &messages_path(pack, seller), &body).await.0, 400);
    let sent = sim.post_sale_sent();
    let statuses: Vec<&str> = sent.iter().map(|m| m.status.as_str()).collect();
    assert_eq!(statuses, ["available", "moderated", "rejected"]);
    assert_eq!(sent[1].moderation_reason.as_deref(), Some("phone_number"));
    let (_, thread) =
        ml_get(&sim, &client, &token, &format!("{}&mark_as_read=false", messages_path(pack, seller))).await;
    assert_eq!(thread["messages"][0]["id"], payment["id"]);
}

#[tokio::test]
async fn blocked_conversations_refuse_messages_with_a_cause() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let pack = sim.generate(Activity { post_sale_messages: 1, ..Activity::default() }).pack_ids[0];
    sim.block_pack(pack, "blocked_by_buyer");
    let (_, thread) =
        ml_get(&sim, &client, &token, &format!("{}&mark_as_read=false", messages_path(pack, seller))).await;
    assert_eq!(thread["conversation_status"]["status"], "blocked");
    assert_eq!(thread["conversation_status"]["substatus"], "blocked_by_buyer");
    let buyer = id_of(&thread["messages"][0]["from"]["user_id"]);
    let body = json!({ "from": { "user_id": seller }, "to": { "user_id": buyer }, "text": "Hola" });
    let (status, refused) = ml_post(&sim, &client, &token, &messages_path(pack, seller), &body).await;
    assert_eq!(status, 403);
    assert_eq!(refused["error"], "forbidden");
    assert_eq!(refused["cause"][0]["code"], "blocked_by_buyer");
    assert!(sim.post_sale_sent().is_empty());
    assert_eq!(ml_get(&sim, &client, &token, &messages_path(1, seller)).await.0, 404);
    assert_eq!(ml_get(&sim, &client, &token, &messages_path(pack, 1)).await.0, 403);
}

#[tokio::test]
async fn brazilian_agent_packs_take_replies_addressed_to_the_agent() {
    let sim = start_site("MLB", 11).await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let report = sim.generate(Activity { new_orders: 40, ..Activity::default() });
    let mut agent_pack = None;
    let mut plain_pack = None;
    sim.generate(Activity { post_sale_messages: 80, ..Activity::default() });
    let (_, unread) = ml_get(&sim, &client, &token, "/messages/unread?role=seller&tag=post_sale").await;
    for result in unread["results"].as_array().expect("results") {
        let pack: i64 = result["resource"]
            .as_str()
            .expect("resource")
            .split('/')
            .nth(2)
            .expect("pack")
            .parse()
            .expect("id");
        let (_, page) =
            ml_get(&sim, &client, &token, &format!("{}&mark_as_read=false", messages_path(pack, seller)))
                .await;
        let from = id_of(&page["messages"][0]["from"]["user_id"]);
        if from == ML_AGENT_USER_ID {
            agent_pack.get_or_insert((pack, from));
        } else {
            plain_pack.get_or_insert((pack, from));
        }
    }
    assert!(report.order_ids.len() >= 40);
    let (pack, agent) = agent_pack.expect("an agent pack among 40+ Brazilian purchases");
    assert!(plain_pack.is_some());
    let (_, page) =
        ml_get(&sim, &client, &token, &format!("{}&mark_as_read=false", messages_path(pack, seller))).await;
    assert!(page["messages"][0]["text"].as_str().is_some_and(|text| !text.contains('¿')), "Portuguese text");
    let order_buyer = {
        let (_, orders) =
            ml_get(&sim, &client, &token, &format!("/orders/search?seller={seller}&sort=date_desc")).await;
        orders["results"]
            .as_array()
            .expect("results")
            .iter()
            .find(|order| order["pack_id"].as_i64() == Some(pack) || order["id"].as_i64() == Some(pack))
            .map(|order| order["buyer"]["id"].as_i64().expect("buyer"))
    };
    if let Some(buyer) = order_buyer {
        let body = json!({ "from": { "user_id": seller }, "to": { "user_id": buyer }, "text": "Olá!" });
        assert_eq!(ml_post(&sim, &client, &token, &messages_path(pack, seller), &body).await.0, 400);
    }
    let body = json!({ "from": { "user_id": seller }, "to": { "user_id": agent }, "text": "Olá! Seu pedido sai amanhã." });
    let (status, sent) = ml_post(&sim, &client, &token, &messages_path(pack, seller), &body).await;
    assert_eq!(status, 201, "{sent}");
}

#[tokio::test]
async fn the_seller_only_replies_and_tag_post_sale_is_required() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let report = sim.generate(Activity { new_orders: 1, ..Activity::default() });
    let order = report.order_ids[0];
    let (_, found) = ml_get(&sim, &client, &token, &format!("/orders/{order}")).await;
    let pack = found["pack_id"].as_i64().unwrap_or(order);
    let buyer = found["buyer"]["id"].as_i64().expect("buyer");
    let (status, thread) =
        ml_get(&sim, &client, &token, &format!("{}&mark_as_read=false", messages_path(pack, seller))).await;
    assert_eq!((status, thread["paging"]["total"].as_i64()), (200, Some(0)));
    let body = json!({ "from": { "user_id": seller }, "to": { "user_id": buyer }, "text": "¡Gracias por tu compra!" });
    let (status, refused) = ml_post(&sim, &client, &token, &messages_path(pack, seller), &body).await;
    if thread["conversation_status"]["status"] == "active" {
        assert_eq!(status, 403, "{refused}");
        assert_eq!(refused["cause"][0]["code"], "conversation_not_started_by_buyer");
    }
    let bare = format!("/messages/packs/{pack}/sellers/{seller}");
    assert_eq!(ml_get(&sim, &client, &token, &bare).await.0, 400);
    assert_eq!(ml_get(&sim, &client, &token, &format!("{bare}?tag=pre_sale")).await.0, 400);
}

#[tokio::test]
async fn the_action_guide_opens_a_conversation_once_per_reason() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let report = sim.generate(Activity { new_orders: 8, ..Activity::default() });
    // An open conversation (a few purchases are cancelled, which blocks theirs).
    let mut open = None;
    for order in &report.order_ids {
        let (_, found) = ml_get(&sim, &client, &token, &format!("/orders/{order}")).await;
        if found["status"] != "cancelled" {
            open = Some(found["pack_id"].as_i64().unwrap_or(*order));
            break;
        }
    }
    let pack = open.expect("an open purchase");
    let guide = format!("/messages/action_guide/packs/{pack}");
    let (status, options) = ml_get(&sim, &client, &token, &format!("{guide}?tag=post_sale")).await;
    assert_eq!(status, 200, "{options}");
    let options = options["options"].as_array().expect("options").clone();
    let ids: Vec<&str> = options.iter().filter_map(|o| o["id"].as_str()).collect();
    assert!(ids.contains(&"REQUEST_BILLING_INFO") && ids.contains(&"OTHER"), "{ids:?}");
    let billing = options.iter().find(|o| o["id"] == "REQUEST_BILLING_INFO").unwrap();
    assert_eq!(billing["type"], "template");
    assert_eq!(billing["cap_available"], 1);
    let template = billing["templates"][0]["id"].as_str().expect("a template id").to_owned();
    let other = options.iter().find(|o| o["id"] == "OTHER").unwrap();
    assert_eq!((other["type"].as_str(), other["char_limit"].as_i64()), (Some("free_text"), Some(350)));

    let option = format!("{guide}/option?tag=post_sale");
    let wrong = json!({ "option_id": "REQUEST_BILLING_INFO", "template_id": "TEMPLATE___OTHER___1" });
    assert_eq!(ml_post(&sim, &client, &token, &option, &wrong).await.0, 400);
    assert_eq!(ml_post(&sim, &client, &token, &option, &json!({ "option_id": "THANKS" })).await.0, 404);
    let billing_request = json!({ "option_id": "REQUEST_BILLING_INFO", "template_id": template });
    let (status, sent) = ml_post(&sim, &client, &token, &option, &billing_request).await;
    assert_eq!(status, 201, "{sent}");
    assert!(sent["text"].as_str().is_some_and(|text| text.contains("factura") && text.contains("DNI")));
    let (status, again) = ml_post(&sim, &client, &token, &option, &billing_request).await;
    assert_eq!(status, 403, "once per reason: {again}");
    // Free replies still wait for the buyer.
    let to = id_of(&sent["to"]["user_id"]);
    let reply =
        json!({ "from": { "user_id": seller }, "to": { "user_id": to }, "text": "¿Me pasás los datos?" });
    assert_eq!(ml_post(&sim, &client, &token, &messages_path(pack, seller), &reply).await.0, 403);
    let (status, empty) = ml_post(&sim, &client, &token, &option, &json!({ "option_id": "OTHER" })).await;
    assert_eq!((status, empty["error"].as_str()), (400, Some("limit_exceeded")));
    let long = json!({ "option_id": "OTHER", "text": "a".repeat(351) });
    assert_eq!(ml_post(&sim, &client, &token, &option, &long).await.0, 400);
    let (status, other) = ml_post(
        &sim,
        &client,
        &token,
        &option,
        &json!({ "option_id": "OTHER", "text": "Hola, la taza que elegiste se rajó al hornearla: te hago otra igual." }),
    )
    .await;
    assert_eq!((status, other["status"].as_str()), (201, Some("available")));
    let (_, caps) = ml_get(&sim, &client, &token, &format!("{guide}/caps_available?tag=post_sale")).await;
    let used = caps.as_array().expect("caps").iter().filter(|c| c["cap_available"] == 0).count();
    assert_eq!(used, 2, "{caps}");
    assert_eq!(sim.post_sale_sent().len(), 2);
    sim.block_pack(pack, "blocked_by_time");
    let invoice =
        json!({ "option_id": "SEND_INVOICE_LINK", "text": "Tu factura: en el detalle de la compra." });
    assert_eq!(ml_post(&sim, &client, &token, &option, &invoice).await.0, 403);
}

#[tokio::test]
async fn the_action_guide_follows_the_shipment_and_the_buyer() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let report = sim.generate(Activity { new_orders: 24, ..Activity::default() });
    let mut by_kind: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    for order in &report.order_ids {
        let (_, found) = ml_get(&sim, &client, &token, &format!("/orders/{order}")).await;
        let pack = found["pack_id"].as_i64().unwrap_or(*order);
        let (_, options) =
            ml_get(&sim, &client, &token, &format!("/messages/action_guide/packs/{pack}?tag=post_sale"))
                .await;
        let ids: Vec<String> = options["options"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|o| o["id"].as_str().map(str::to_owned))
            .collect();
        assert!(
            !(ids.contains(&"REQUEST_VARIANTS".to_owned()) && ids.contains(&"DELIVERY_PROMISE".to_owned())),
            "variants (cross docking, drop off) and the delivery promise (Flex) never meet: {ids:?}"
        );
        for id in ids {
            by_kind.entry(id).or_insert(pack);
        }
    }
    let flex = *by_kind.get("DELIVERY_PROMISE").expect("a Flex shipment among 24 orders");
    let option = format!("/messages/action_guide/packs/{flex}/option?tag=post_sale");
    let (_, options) =
        ml_get(&sim, &client, &token, &format!("/messages/action_guide/packs/{flex}?tag=post_sale")).await;
    let promise =
        options["options"].as_array().unwrap().iter().find(|o| o["id"] == "DELIVERY_PROMISE").unwrap();
    assert!(promise["templates"][0]["texts"]["mla"]["html"].as_str().is_some_and(|t| t.contains("%d")));
    let template = promise["templates"][0]["id"].as_str().unwrap();
    let vars = |from: i64, to: i64| json!([{ "id": format!("{template}___VAR___INIT"), "value": from }, { "id": format!("{template}___VAR___LIMIT"), "value": to }]);
    let backwards = json!({ "option_id": "DELIVERY_PROMISE", "template_id": template, "vars": vars(18, 9) });
    assert_eq!(ml_post(&sim, &client, &token, &option, &backwards).await.0, 400);
    let promise = json!({ "option_id": "DELIVERY_PROMISE", "template_id": template, "vars": vars(9, 18) });
    let (status, sent) = ml_post(&sim, &client, &token, &option, &promise).await;
    assert_eq!(status, 201, "{sent}");
    assert!(sent["text"].as_str().is_some_and(|t| t.contains("entre las 9 y las 18")), "{sent}");

    // Once the buyer writes, the reasons give way to the pack's own messages.
    let written = sim.generate(Activity { post_sale_messages: 12, ..Activity::default() });
    let pack = written.pack_ids[0];
    let option = format!("/messages/action_guide/packs/{pack}/option?tag=post_sale");
    let other = json!({ "option_id": "OTHER", "text": "Hola, ¿qué color preferís?" });
    let (status, refused) = ml_post(&sim, &client, &token, &option, &other).await;
    assert_eq!(status, 403, "{refused}");
    assert!(refused.to_string().contains("blocked_by_conversation_use_message_api"));
}
