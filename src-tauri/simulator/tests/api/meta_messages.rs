//! The Conversations API on both servers: paging newest first, the 20-message window, every kind
//! of message, sending within the 24-hour window (7 days with HUMAN_AGENT), the byte limit and the
//! rate limit.

use std::time::Duration;

use mostrador_simulator::{Activity, Simulator};
use serde_json::{Value, json};

use crate::common::{client, start};
use crate::meta_common::{MESSAGE_FIELDS, fb, get, graph_error, ig, ig_token, page_token, post_json, read};

fn is_meta_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.len() == 24
        && text.ends_with("+0000")
        && bytes[10] == b'T'
        && text[..10].chars().all(|c| c.is_ascii_digit() || c == '-')
        && text[11..19].chars().all(|c| c.is_ascii_digit() || c == ':')
}

fn ids(page: &Value) -> Vec<String> {
    page["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|item| item["id"].as_str().expect("id").to_owned())
        .collect()
}

async fn lifted(sim: &Simulator) {
    sim.set_meta_rate_limit(None);
}

#[tokio::test]
async fn conversations_page_newest_first_with_cursors_and_a_full_next_link() {
    let sim = start().await;
    lifted(&sim).await;
    let client = client();
    let token = ig_token(&sim, &client).await;
    let report = sim.generate(Activity {
        instagram_conversations: 30,
        messages_per_conversation: 3,
        ..Activity::default()
    });
    assert_eq!(report.instagram_conversation_ids.len(), 30);
    assert_eq!(report.instagram_messages, 90);
    let (status, first) = get(
        &client,
        &ig(&sim, "/me/conversations?platform=instagram&fields=id,updated_time&limit=25"),
        &token,
    )
    .await;
    assert_eq!(status, 200, "{first}");
    let items = first["data"].as_array().expect("data");
    assert_eq!(items.len(), 25);
    assert_eq!(items[0].as_object().map(|item| item.len()), Some(2));
    let times: Vec<&str> = items.iter().map(|item| item["updated_time"].as_str().expect("time")).collect();
    assert!(times.iter().all(|time| is_meta_time(time)), "{times:?}");
    assert!(times.windows(2).all(|pair| pair[0] >= pair[1]), "{times:?}");
    assert!(first["paging"]["cursors"]["before"].is_string());
    let next = first["paging"]["next"].as_str().expect("next").to_owned();
    assert!(next.starts_with(&ig(&sim, "/me/conversations?")), "{next}");
    let (status, second) = get(&client, &next, &token).await;
    assert_eq!(status, 200);
    assert_eq!(second["data"].as_array().map(Vec::len), Some(5));
    assert!(second["paging"].get("next").is_none(), "{second}");
    let mut all = ids(&first);
    all.extend(ids(&second));
    let mut newest_first = report.instagram_conversation_ids.clone();
    newest_first.reverse();
    assert_eq!(all, newest_first);
    // A conversation that moves on goes back to the top.
    assert!(sim.meta_buyer_writes(&all[29]));
    let (_, top) = get(&client, &ig(&sim, "/me/conversations?platform=instagram&limit=1"), &token).await;
    assert_eq!(ids(&top), [all[29].clone()]);
    let (status, refused) =
        get(&client, &ig(&sim, "/me/conversations?platform=instagram&fields=id,messages{message}"), &token)
            .await;
    assert_eq!(status, 500);
    assert_eq!(
        graph_error(&refused),
        (1, None, "Please reduce the amount of data you're asking for, then retry your request".to_owned())
    );
}

#[tokio::test]
async fn a_conversation_shows_its_participants_and_its_20_latest_messages() {
    let sim = start().await;
    lifted(&sim).await;
    let client = client();
    let token = ig_token(&sim, &client).await;
    let app = sim.meta_app();
    let report = sim.generate(Activity {
        instagram_conversations: 1,
        messages_per_conversation: 30,
        ..Activity::default()
    });
    let conversation = &report.instagram_conversation_ids[0];
    let (status, body) =
        get(&client, &ig(&sim, &format!("/{conversation}?fields={MESSAGE_FIELDS}")), &token).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["id"], conversation.as_str());
    let people = body["participants"]["data"].as_array().expect("participants");
    let buyer = people[0]["id"].as_str().expect("buyer").to_owned();
    assert!(people[0]["username"].as_str().is_some_and(|name| !name.is_empty()));
    assert_eq!(people[1], json!({ "id": app.instagram.user_id, "username": app.instagram.username }));
    let messages = body["messages"]["data"].as_array().expect("messages");
    assert_eq!(messages.len(), 20);
    let state = sim.snapshot().meta.conversations.into_iter().find(|c| &c.id == conversation).expect("state");
    assert_eq!(state.messages.len(), 30);
    let latest: Vec<&str> = state.messages.iter().rev().take(20).map(|m| m.id.as_str()).collect();
    let shown: Vec<&str> = messages.iter().map(|m| m["id"].as_str().expect("id")).collect();
    assert_eq!(shown, latest);
    let newest = &messages[0];
    assert!(is_meta_time(newest["created_time"].as_str().expect("time")));
    assert_eq!(newest["from"]["id"], buyer.as_str());
    assert_eq!(newest["to"]["data"][0]["id"], app.instagram.user_id.as_str());
    assert!(newest["message"].as_str().is_some_and(|text| !text.is_empty()));
    assert_eq!(
        (newest["is_deleted"].as_bool(), newest["is_unsupported"].as_bool()),
        (Some(false), Some(false))
    );
    let shop =
        messages.iter().find(|m| m["from"]["id"] == app.instagram.user_id.as_str()).expect("a shop message");
    assert_eq!(shop["to"]["data"][0]["id"], buyer.as_str());
    // More than 20 is still 20; fewer is fewer; only the fields asked for.
    let (_, more) =
        get(&client, &ig(&sim, &format!("/{conversation}?fields=messages.limit(50){{id}}")), &token).await;
    assert_eq!(more["messages"]["data"].as_array().map(Vec::len), Some(20));
    assert!(more.get("participants").is_none());
    assert_eq!(more["messages"]["data"][0].as_object().map(|m| m.len()), Some(1));
    let (_, few) =
        get(&client, &ig(&sim, &format!("/{conversation}?fields=messages.limit(5){{id}}")), &token).await;
    assert_eq!(few["messages"]["data"].as_array().map(Vec::len), Some(5));
    // The buyer's profile.
    let (status, profile) = get(&client, &ig(&sim, &format!("/{buyer}?fields=name,username")), &token).await;
    assert_eq!(status, 200);
    assert_eq!(profile["id"], buyer.as_str());
    assert_eq!(profile["name"], state.buyer_name.as_str());
    assert_eq!(profile["username"], people[0]["username"]);
    let (status, unknown) = get(&client, &ig(&sim, "/123456?fields=name"), &token).await;
    assert_eq!(status, 400);
    let (code, subcode, message) = graph_error(&unknown);
    assert_eq!((code, subcode), (100, Some(33)));
    assert!(
        message.starts_with("Unsupported get request. Object with ID '123456' does not exist"),
        "{message}"
    );
}

#[tokio::test]
async fn every_kind_of_instagram_message_shows_in_its_shape() {
    let sim = start().await;
    lifted(&sim).await;
    let client = client();
    let token = ig_token(&sim, &client).await;
    // Seeded conversations have a shop message for buyers to react to.
    sim.generate(Activity {
        instagram_conversations: 40,
        messages_per_conversation: 3,
        ..Activity::default()
    });
    sim.generate(Activity { instagram_messages: 400, ..Activity::default() });
    let conversations = sim.snapshot().meta.conversations;
    let mut checked = Vec::new();
    for kind in [
        "text",
        "image",
        "video",
        "story_reply",
        "story_mention",
        "share",
        "unsupported",
        "deleted",
        "reaction",
    ] {
        let found = conversations.iter().find_map(|conversation| {
            let recent = conversation.messages.len().saturating_sub(20);
            conversation.messages[recent..]
                .iter()
                .find(|m| if kind == "reaction" { !m.reactions.is_empty() } else { m.kind == kind })
                .map(|message| (conversation, message))
        });
        let (conversation, message) =
            found.unwrap_or_else(|| panic!("no {kind} among the generated messages"));
        let (_, body) =
            get(&client, &ig(&sim, &format!("/{}?fields={MESSAGE_FIELDS}", conversation.id)), &token).await;
        let shown = body["messages"]["data"]
            .as_array()
            .and_then(|messages| messages.iter().find(|m| m["id"] == message.id.as_str()))
            .unwrap_or_else(|| panic!("{kind} message shown: {body}"))
            .clone();
        match kind {
            "text" => assert!(shown["message"].as_str().is_some_and(|t| !t.is_empty()), "{shown}"),
            "image" => {
                let image = &shown["attachments"]["data"][0]["image_data"];
                assert!(image["url"].as_str().is_some_and(|url| url.starts_with("https://")), "{shown}");
                assert!(
                    image["preview_url"].is_string() && image["width"].is_u64() && image["height"].is_u64()
                );
            }
            "video" => assert!(shown["attachments"]["data"][0]["video_data"]["url"].is_string(), "{shown}"),
            "story_reply" => {
                let reply = &shown["story"]["reply_to"];
                assert!(reply["link"].is_string() && reply["id"].is_string(), "{shown}");
                assert!(shown["message"].as_str().is_some_and(|t| !t.is_empty()));
            }
            "story_mention" => assert!(shown["story"]["mention"]["link"].is_string(), "{shown}"),
            "share" => assert!(
                shown["shares"]["data"][0]["link"]
                    .as_str()
                    .is_some_and(|l| l.starts_with("https://www.instagram.com/p/")),
                "{shown}"
            ),
            "unsupported" => assert_eq!(shown["is_unsupported"], true, "{shown}"),
            "deleted" => {
                assert_eq!(
                    (shown["is_deleted"].as_bool(), shown["message"].as_str()),
                    (Some(true), Some(""))
                );
                assert!(shown.get("attachments").is_none());
            }
            _ => {
                let reaction = &shown["reactions"]["data"][0];
                assert!(reaction["reaction"].is_string(), "{shown}");
                assert_eq!(reaction["users"][0]["id"], conversation.buyer_id.as_str());
                assert_eq!(shown["from"]["id"], sim.meta_app().instagram.user_id.as_str());
            }
        }
        checked.push(kind);
    }
    assert_eq!(checked.len(), 9);
}

#[tokio::test]
async fn messenger_conversations_name_people_and_carry_files() {
    let sim = start().await;
    lifted(&sim).await;
    let client = client();
    let token = page_token(&sim, &client).await;
    let page = sim.meta_app().page;
    let report = sim.generate(Activity { messenger_messages: 120, ..Activity::default() });
    assert_eq!(report.messenger_messages, 120);
    let url =
        fb(&sim, &format!("/{}/conversations?platform=messenger&fields=id,updated_time&limit=100", page.id));
    let (status, list) = get(&client, &url, &token).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["data"].as_array().map(Vec::len), Some(report.messenger_conversation_ids.len()));
    assert!(ids(&list).iter().all(|id| id.starts_with("t_")));
    let fields = "participants,messages.limit(20){id,created_time,from,to,message,attachments,shares,reactions,is_deleted}";
    let conversations = sim.snapshot().meta.conversations;
    let with_file = conversations
        .iter()
        .find(|c| c.messages.iter().rev().take(20).any(|m| m.kind == "file"))
        .expect("a conversation with a file");
    let (status, body) = get(&client, &fb(&sim, &format!("/{}?fields={fields}", with_file.id)), &token).await;
    assert_eq!(status, 200, "{body}");
    let buyer = &body["participants"]["data"][0];
    assert_eq!(buyer["name"], with_file.buyer_name.as_str());
    assert_eq!(buyer["email"], format!("{}@facebook.com", with_file.buyer_id));
    assert_eq!(body["participants"]["data"][1]["id"], page.id.as_str());
    let messages = body["messages"]["data"].as_array().expect("messages");
    assert!(messages.iter().all(|m| m.get("story").is_none() && m["from"]["name"].is_string()));
    let file = messages.iter().find_map(|m| m["attachments"]["data"][0].get("file_url")).expect("file");
    assert!(file.is_string());
    let (status, profile) = get(&client, &fb(&sim, &format!("/{}", with_file.buyer_id)), &token).await;
    assert_eq!((status, profile["name"].as_str()), (200, Some(with_file.buyer_name.as_str())));
    // Instagram's inbox is served by the Instagram server.
    let (status, _) =
        get(&client, &fb(&sim, &format!("/{}/conversations?platform=instagram", page.id)), &token).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn sending_shows_in_the_conversation_within_the_window_and_the_byte_limit() {
    let sim = start().await;
    lifted(&sim).await;
    let client = client();
    let token = ig_token(&sim, &client).await;
    let app = sim.meta_app();
    let report = sim.generate(Activity { instagram_messages: 1, ..Activity::default() });
    let conversation = report.instagram_conversation_ids[0].clone();
    let buyer = sim.snapshot().meta.conversations[0].buyer_id.clone();
    let send = |body: Value| {
        let (client, sim, token) = (&client, &sim, &token);
        async move { post_json(client, &ig(sim, "/me/messages"), token, &body).await }
    };
    let (status, sent) =
        send(json!({ "recipient": { "id": buyer }, "message": { "text": "¡Hola! Sí, la tengo." } })).await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(sent["recipient_id"], buyer.as_str());
    let message_id = sent["message_id"].as_str().expect("message id").to_owned();
    let (_, body) =
        get(&client, &ig(&sim, &format!("/{conversation}?fields={MESSAGE_FIELDS}")), &token).await;
    let newest = &body["messages"]["data"][0];
    assert_eq!(newest["id"], message_id.as_str());
    assert_eq!(newest["from"]["id"], app.instagram.user_id.as_str());
    assert_eq!(newest["message"], "¡Hola! Sí, la tengo.");
    let record = &sim.instagram_sent()[0];
    assert_eq!(
        (record.recipient_id.as_str(), record.conversation_id.as_str(), record.message_id.as_str()),
        (buyer.as_str(), conversation.as_str(), message_id.as_str())
    );
    assert_eq!((record.comment_id.as_deref(), record.tag.as_deref()), (None, None));

    // 1000 bytes of UTF-8 pass (500 two-byte letters), 1001 do not.
    let full = "ñ".repeat(500);
    assert_eq!(send(json!({ "recipient": { "id": buyer }, "message": { "text": full } })).await.0, 200);
    let (status, long) =
        send(json!({ "recipient": { "id": buyer }, "message": { "text": format!("{full}a") } })).await;
    assert_eq!(status, 400);
    assert_eq!(graph_error(&long), (100, Some(2_534_015), "(#100) Message text is too long".to_owned()));
    let (status, nobody) = send(json!({ "recipient": { "id": "999" }, "message": { "text": "hola" } })).await;
    assert_eq!((status, graph_error(&nobody).0, graph_error(&nobody).1), (400, 100, Some(2_018_001)));

    // The 24-hour window, then HUMAN_AGENT for 7 days when the app has the feature.
    assert!(sim.meta_close_window(&conversation));
    let plain = json!({ "recipient": { "id": buyer }, "message": { "text": "¿Seguís interesada?" } });
    let tagged = json!({
        "recipient": { "id": buyer },
        "messaging_type": "MESSAGE_TAG",
        "tag": "HUMAN_AGENT",
        "message": { "text": "Te escribo por tu pedido." },
    });
    let (status, closed) = send(plain.clone()).await;
    assert_eq!(status, 400);
    assert_eq!(
        graph_error(&closed),
        (10, Some(2_018_278), "(#10) This message is sent outside of allowed window.".to_owned())
    );
    let (status, no_feature) = send(tagged.clone()).await;
    assert_eq!(status, 400);
    assert_eq!(
        graph_error(&no_feature),
        (10, Some(2_018_065), "(#10) The HUMAN_AGENT tag is not available to this app".to_owned())
    );
    sim.set_meta_human_agent(true);
    assert!(sim.meta_app().human_agent);
    let (status, ok) = send(tagged.clone()).await;
    assert_eq!(status, 200, "{ok}");
    let record = sim.instagram_sent().pop().expect("record");
    assert_eq!(
        (record.tag.as_deref(), record.messaging_type.as_deref()),
        (Some("HUMAN_AGENT"), Some("MESSAGE_TAG"))
    );
    assert_eq!(send(plain.clone()).await.0, 400);
    assert!(sim.meta_age_conversation(&conversation, 6 * 86_400));
    let (status, too_late) = send(tagged).await;
    assert_eq!((status, graph_error(&too_late).1), (400, Some(2_018_278)));
    // The buyer writes again: the window opens.
    assert!(sim.meta_buyer_writes(&conversation));
    assert_eq!(send(plain).await.0, 200);
    assert_eq!(sim.totals().instagram_sent, 4);
}

#[tokio::test]
async fn messenger_sends_through_the_page_and_buyers_answer_the_shop() {
    let sim = start().await;
    lifted(&sim).await;
    let client = client();
    let token = page_token(&sim, &client).await;
    let page = sim.meta_app().page;
    let report = sim.generate(Activity { messenger_messages: 1, ..Activity::default() });
    let conversation = report.messenger_conversation_ids[0].clone();
    let buyer = sim.snapshot().meta.conversations[0].buyer_id.clone();
    let body = json!({ "recipient": { "id": buyer }, "messaging_type": "RESPONSE", "message": { "text": "¡Hola! Sí." } });
    let (status, sent) =
        post_json(&client, &fb(&sim, &format!("/{}/messages", page.id)), &token, &body).await;
    assert_eq!(status, 200, "{sent}");
    assert!(sent["message_id"].as_str().is_some_and(|id| id.starts_with("m_")));
    assert_eq!(sent["recipient_id"], buyer.as_str());
    assert_eq!(sim.messenger_sent()[0].messaging_type.as_deref(), Some("RESPONSE"));
    let answered = sim.generate(Activity { replies_to_answers: 3, ..Activity::default() });
    assert_eq!(answered.replies_to_answers, 1);
    assert_eq!(answered.messenger_conversation_ids, std::slice::from_ref(&conversation));
    let fields = "messages.limit(20){id,from,message}";
    let (_, body) = get(&client, &fb(&sim, &format!("/{conversation}?fields={fields}")), &token).await;
    let messages = body["messages"]["data"].as_array().expect("messages");
    assert_eq!(messages.len(), 3);
    assert_eq!(messages[0]["from"]["id"], buyer.as_str());
    assert_eq!(messages[1]["from"]["id"], page.id.as_str());
    assert_eq!(messages[1]["from"]["email"], format!("{}@facebook.com", page.id));
}

#[tokio::test]
async fn the_third_conversations_call_within_a_second_answers_613() {
    let sim = start().await;
    let client = client();
    let token = ig_token(&sim, &client).await;
    let account = sim.meta_app().instagram.user_id;
    let list = ig(&sim, "/me/conversations?platform=instagram&fields=id,updated_time");
    assert_eq!(get(&client, &list, &token).await.0, 200);
    assert_eq!(get(&client, &list, &token).await.0, 200);
    let response = client.get(&list).bearer_auth(&token).send().await.expect("third");
    let (status, body, headers) = read(response).await;
    assert_eq!(status, 400);
    assert_eq!(graph_error(&body), (613, None, "Calls to this api have exceeded the rate limit.".to_owned()));
    assert!(headers.get("retry-after").is_none());
    let usage: Value = serde_json::from_str(headers["x-business-use-case-usage"].to_str().expect("header"))
        .expect("usage JSON");
    assert_eq!(
        usage,
        json!({ account.clone(): [{
            "type": "instagram",
            "call_count": 100,
            "total_cputime": 10,
            "total_time": 10,
            "estimated_time_to_regain_access": 0,
        }] })
    );
    // Media and `me` are not counted; sends are.
    assert_eq!(get(&client, &ig(&sim, "/me/media"), &token).await.0, 200);
    assert_eq!(get(&client, &ig(&sim, "/me"), &token).await.0, 200);
    let send = json!({ "recipient": { "id": "1" }, "message": { "text": "hola" } });
    assert_eq!(graph_error(&post_json(&client, &ig(&sim, "/me/messages"), &token, &send).await.1).0, 613);
    // The Page has its own budget.
    let page_token = page_token(&sim, &client).await;
    let page_list = fb(&sim, &format!("/{}/conversations?platform=messenger", sim.meta_app().page.id));
    assert_eq!(get(&client, &page_list, &page_token).await.0, 200);
    tokio::time::sleep(Duration::from_millis(1_050)).await;
    assert_eq!(get(&client, &list, &token).await.0, 200);
    sim.set_meta_rate_limit(None);
    for _ in 0..10 {
        assert_eq!(get(&client, &list, &token).await.0, 200);
    }
    sim.set_meta_rate_limit(Some(1));
    assert_eq!(get(&client, &list, &token).await.0, 200);
    assert_eq!(graph_error(&get(&client, &list, &token).await.1).0, 613);
}

#[tokio::test]
async fn two_thousand_conversations_of_twenty_messages_are_quick_to_seed_and_pull() {
    let sim = start().await;
    lifted(&sim).await;
    let client = client();
    let token = ig_token(&sim, &client).await;
    let started = std::time::Instant::now();
    let report = sim.generate(Activity {
        instagram_conversations: 2_000,
        messages_per_conversation: 20,
        ..Activity::default()
    });
    let seeded = started.elapsed();
    assert_eq!((report.instagram_conversation_ids.len(), report.instagram_messages), (2_000, 40_000));
    let mut conversations = Vec::new();
    let mut next = Some(ig(&sim, "/me/conversations?platform=instagram&fields=id,updated_time&limit=100"));
    while let Some(url) = next {
        let (status, page) = get(&client, &url, &token).await;
        assert_eq!(status, 200);
        conversations.extend(ids(&page));
        next = page["paging"]["next"].as_str().map(str::to_owned);
    }
    assert_eq!(conversations.len(), 2_000);
    let mut messages = 0;
    for id in &conversations {
        let (_, body) = get(
            &client,
            &ig(&sim, &format!("/{id}?fields=messages.limit(20){{id,created_time,from,message}}")),
            &token,
        )
        .await;
        messages += body["messages"]["data"].as_array().map_or(0, Vec::len);
    }
    let elapsed = started.elapsed();
    println!(
        "seeded in {seeded:?}; pulled {} conversations and {messages} messages in {elapsed:?} (debug build)",
        conversations.len()
    );
    assert_eq!(messages, 40_000);
    assert!(elapsed < Duration::from_secs(30), "{elapsed:?}");
}
