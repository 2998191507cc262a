//! Comments on the shop's posts: listing, public replies, hiding, deletions, and private replies
//! (once per comment, within 7 days), on Instagram and on the Facebook Page.

use mostrador_simulator::{Activity, Platform};
use serde_json::{Value, json};

use crate::common::{client, start};
use crate::meta_common::{fb, get, graph_error, ig, ig_token, page_token, post_form, post_json};

const IG_COMMENT_FIELDS: &str =
    "id,text,timestamp,username,from,hidden,parent_id,replies{id,text,timestamp,username,from,hidden}";
const FB_COMMENT_FIELDS: &str =
    "id,message,created_time,from,is_hidden,parent,comments{id,message,created_time,from,is_hidden}";

fn data(body: &Value) -> Vec<Value> {
    body["data"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn instagram_media_and_comments_with_public_replies_and_hiding() {
    let sim = start().await;
    let client = client();
    let token = ig_token(&sim, &client).await;
    let app = sim.meta_app();
    let report = sim.generate(Activity { instagram_comments: 12, ..Activity::default() });
    assert_eq!(report.comment_ids.len(), 12);
    let fields = "id,caption,permalink,media_type,timestamp,comments_count";
    let (status, media) =
        get(&client, &ig(&sim, &format!("/me/media?fields={fields}&limit=25")), &token).await;
    assert_eq!(status, 200, "{media}");
    let posts = data(&media);
    assert!(posts.len() >= 4);
    let stamps: Vec<&str> = posts.iter().map(|p| p["timestamp"].as_str().expect("timestamp")).collect();
    assert!(stamps.windows(2).all(|pair| pair[0] > pair[1]), "newest first: {stamps:?}");
    assert!(
        posts
            .iter()
            .all(|p| p["permalink"].as_str().is_some_and(|l| l.starts_with("https://www.instagram.com/p/")))
    );
    assert!(posts.iter().all(|p| p["caption"].is_string() && p["media_type"].is_string()));
    let counted: u64 = posts.iter().map(|p| p["comments_count"].as_u64().expect("count")).sum();
    assert_eq!(counted, 12);
    let post = posts.iter().find(|p| p["comments_count"].as_u64() > Some(1)).expect("a post with comments");
    let post_id = post["id"].as_str().expect("id");
    let comments_url = ig(&sim, &format!("/{post_id}/comments?fields={IG_COMMENT_FIELDS}&limit=50"));
    let (status, comments) = get(&client, &comments_url, &token).await;
    assert_eq!(status, 200, "{comments}");
    let listed = data(&comments);
    assert_eq!(listed.len() as u64, post["comments_count"].as_u64().expect("count"));
    let expected: Vec<&String> =
        report.comment_ids.iter().filter(|id| listed.iter().any(|c| c["id"] == id.as_str())).collect();
    let shown: Vec<&str> = listed.iter().map(|c| c["id"].as_str().expect("id")).collect();
    assert_eq!(shown, expected, "oldest first");
    let first = &listed[0];
    assert!(first["text"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(first["from"]["username"], first["username"]);
    assert_eq!((first["hidden"].as_bool(), first.get("parent_id")), (Some(false), None));
    assert_eq!(first["replies"]["data"], json!([]));
    let comment_id = first["id"].as_str().expect("id").to_owned();

    let (status, reply) = post_form(
        &client,
        &ig(&sim, &format!("/{comment_id}/replies")),
        &token,
        &[("message", "¡Hola! Te escribimos por DM.")],
    )
    .await;
    assert_eq!(status, 200, "{reply}");
    let reply_id = reply["id"].as_str().expect("reply id").to_owned();
    // A reply to the reply lands under the top-level comment; JSON bodies work too.
    let (status, _) = post_json(
        &client,
        &ig(&sim, &format!("/{reply_id}/replies")),
        &token,
        &json!({ "message": "Y gracias!" }),
    )
    .await;
    assert_eq!(status, 200);
    let (status, hidden) =
        post_form(&client, &ig(&sim, &format!("/{comment_id}?hide=true")), &token, &[]).await;
    assert_eq!((status, hidden), (200, json!({ "success": true })));
    let (_, comments) = get(&client, &comments_url, &token).await;
    let first = &data(&comments)[0];
    assert_eq!(first["hidden"], true);
    let replies = first["replies"]["data"].as_array().expect("replies");
    assert_eq!(replies.len(), 2);
    assert_eq!(replies[0]["id"], reply_id.as_str());
    assert_eq!(replies[0]["text"], "¡Hola! Te escribimos por DM.");
    assert_eq!(
        replies[0]["from"],
        json!({ "id": app.instagram.user_id, "username": app.instagram.username })
    );
    assert_eq!(replies[0]["username"], app.instagram.username.as_str());
    let recorded = sim.comment_replies();
    assert_eq!(recorded.len(), 2);
    assert_eq!(
        (recorded[0].platform, recorded[0].comment_id.as_str(), recorded[0].reply_id.as_str()),
        (Platform::Instagram, comment_id.as_str(), reply_id.as_str())
    );
    let (_, replies) =
        get(&client, &ig(&sim, &format!("/{comment_id}/replies?fields=id,text,parent_id")), &token).await;
    assert_eq!(data(&replies)[0]["parent_id"], comment_id.as_str());
    let (status, long) = post_form(
        &client,
        &ig(&sim, &format!("/{comment_id}/replies")),
        &token,
        &[("message", &"a".repeat(2_201))],
    )
    .await;
    assert_eq!((status, graph_error(&long).0), (400, 100));

    // Paging, and deletions.
    let (_, page) = get(&client, &ig(&sim, &format!("/{post_id}/comments?fields=id&limit=1")), &token).await;
    assert_eq!(data(&page).len(), 1);
    let next = page["paging"]["next"].as_str().expect("next").to_owned();
    let (_, second) = get(&client, &next, &token).await;
    assert_eq!(data(&second)[0]["id"], listed[1]["id"]);
    assert!(sim.meta_delete_comment(&comment_id));
    let (_, comments) = get(&client, &comments_url, &token).await;
    assert!(data(&comments).iter().all(|c| c["id"] != comment_id.as_str()));
    let (status, gone) =
        post_form(&client, &ig(&sim, &format!("/{comment_id}/replies")), &token, &[("message", "hola")])
            .await;
    assert_eq!((status, graph_error(&gone).1), (400, Some(33)));
}

#[tokio::test]
async fn a_private_reply_goes_once_per_comment_within_seven_days() {
    let sim = start().await;
    sim.set_meta_rate_limit(None);
    let client = client();
    let token = ig_token(&sim, &client).await;
    let app = sim.meta_app();
    let report = sim.generate(Activity { instagram_comments: 3, ..Activity::default() });
    let comments = sim.snapshot().meta.comments;
    let first = comments.iter().find(|c| c.id == report.comment_ids[0]).expect("comment").clone();
    let send = |comment_id: String, text: &'static str| {
        let (client, sim, token) = (&client, &sim, &token);
        async move {
            let body = json!({ "recipient": { "comment_id": comment_id }, "message": { "text": text } });
            post_json(client, &ig(sim, "/me/messages"), token, &body).await
        }
    };
    let (status, sent) = send(first.id.clone(), "¡Hola! Te paso el precio por acá.").await;
    assert_eq!(status, 200, "{sent}");
    let buyer = first.author_id.clone().expect("author");
    assert_eq!(sent["recipient_id"], buyer.as_str());
    let record = &sim.instagram_sent()[0];
    assert_eq!(
        (record.comment_id.as_deref(), record.recipient_id.as_str()),
        (Some(first.id.as_str()), buyer.as_str())
    );
    // It shows as the shop's message in a conversation with the commenter.
    let (_, list) = get(&client, &ig(&sim, "/me/conversations?platform=instagram"), &token).await;
    let conversation = data(&list)[0]["id"].as_str().expect("conversation").to_owned();
    assert_eq!(conversation, record.conversation_id);
    let (_, body) = get(
        &client,
        &ig(&sim, &format!("/{conversation}?fields=participants,messages{{from,message}}")),
        &token,
    )
    .await;
    assert_eq!(body["participants"]["data"][0]["id"], buyer.as_str());
    assert_eq!(body["messages"]["data"][0]["from"]["id"], app.instagram.user_id.as_str());
    // The buyer has not written: a plain DM is outside the window.
    let dm = json!({ "recipient": { "id": buyer }, "message": { "text": "¿Pudiste verlo?" } });
    assert_eq!(
        graph_error(&post_json(&client, &ig(&sim, "/me/messages"), &token, &dm).await.1).1,
        Some(2_018_278)
    );

    let (status, twice) = send(first.id.clone(), "¿Lo viste?").await;
    assert_eq!(status, 400);
    assert_eq!(
        graph_error(&twice),
        (10, Some(2_534_022), "(#10) This comment cannot receive a private reply".to_owned())
    );
    sim.advance_clock(7 * 86_400 + 1);
    let (status, late) = send(report.comment_ids[1].clone(), "Hola!").await;
    assert_eq!((status, graph_error(&late).1), (400, Some(2_534_022)));
    let (status, unknown) = send("1".to_owned(), "Hola!").await;
    assert_eq!((status, graph_error(&unknown).1), (400, Some(33)));
    assert_eq!(sim.instagram_sent().len(), 1);
    assert!(sim.snapshot().meta.comments.iter().any(|c| c.id == first.id && c.privately_replied));
}

#[tokio::test]
async fn the_facebook_page_feed_comments_replies_hiding_and_private_replies() {
    let sim = start().await;
    sim.set_meta_rate_limit(None);
    let client = client();
    let token = page_token(&sim, &client).await;
    let page = sim.meta_app().page;
    let report = sim.generate(Activity { facebook_comments: 6, ..Activity::default() });
    assert_eq!(report.comment_ids.len(), 6);
    let (status, feed) = get(
        &client,
        &fb(&sim, &format!("/{}/feed?fields=id,message,permalink_url,created_time&limit=25", page.id)),
        &token,
    )
    .await;
    assert_eq!(status, 200, "{feed}");
    let posts = data(&feed);
    assert!(!posts.is_empty());
    assert!(
        posts.iter().all(|p| p["id"].as_str().is_some_and(|id| id.starts_with(&format!("{}_", page.id))))
    );
    assert!(posts.iter().all(|p| p["message"].is_string()
        && p["permalink_url"].is_string()
        && p["created_time"].is_string()));
    let mut commented = None;
    for post in &posts {
        let post_id = post["id"].as_str().expect("id");
        let url =
            fb(&sim, &format!("/{post_id}/comments?fields={FB_COMMENT_FIELDS}&order=chronological&limit=50"));
        let (_, comments) = get(&client, &url, &token).await;
        if !data(&comments).is_empty() {
            commented = Some((post_id.to_owned(), comments));
            break;
        }
    }
    let (post_id, comments) = commented.expect("a commented post");
    let first = data(&comments)[0].clone();
    assert!(first["message"].is_string() && first["created_time"].is_string());
    assert!(first["from"]["name"].is_string() && first["from"]["id"].is_string());
    assert_eq!(first["is_hidden"], false);
    assert_eq!(first["comments"]["data"], json!([]));
    let comment_id = first["id"].as_str().expect("id").to_owned();
    let (status, reply) = post_form(
        &client,
        &fb(&sim, &format!("/{comment_id}/comments")),
        &token,
        &[("message", "¡Gracias! Te escribimos.")],
    )
    .await;
    assert_eq!(status, 200, "{reply}");
    let (status, hidden) =
        post_form(&client, &fb(&sim, &format!("/{comment_id}")), &token, &[("is_hidden", "true")]).await;
    assert_eq!((status, hidden), (200, json!({ "success": true })));
    let url = fb(&sim, &format!("/{post_id}/comments?fields={FB_COMMENT_FIELDS}&order=chronological"));
    let (_, comments) = get(&client, &url, &token).await;
    let first = &data(&comments)[0];
    assert_eq!(first["is_hidden"], true);
    let reply = &first["comments"]["data"][0];
    assert_eq!(reply["message"], "¡Gracias! Te escribimos.");
    assert_eq!(reply["from"], json!({ "id": page.id, "name": page.name }));
    let reply_id = reply["id"].as_str().expect("reply id");
    let (_, alone) = get(&client, &fb(&sim, &format!("/{reply_id}?fields=parent,message")), &token).await;
    assert_eq!(
        alone,
        json!({ "id": reply_id, "parent": { "id": comment_id }, "message": "¡Gracias! Te escribimos." })
    );
    let (_, newest_first) =
        get(&client, &url.replace("chronological", "reverse_chronological"), &token).await;
    let mut reversed: Vec<Value> = data(&comments).iter().map(|c| c["id"].clone()).collect();
    reversed.reverse();
    assert_eq!(data(&newest_first).iter().map(|c| c["id"].clone()).collect::<Vec<_>>(), reversed);

    let body = json!({ "recipient": { "comment_id": comment_id }, "message": { "text": "¡Hola! Por acá te paso el precio." } });
    let (status, sent) =
        post_json(&client, &fb(&sim, &format!("/{}/messages", page.id)), &token, &body).await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(sent["recipient_id"], first["from"]["id"]);
    assert_eq!(sim.messenger_sent()[0].comment_id.as_deref(), Some(comment_id.as_str()));
    let (status, twice) =
        post_json(&client, &fb(&sim, &format!("/{}/messages", page.id)), &token, &body).await;
    assert_eq!((status, graph_error(&twice).1), (400, Some(2_534_022)));
    assert_eq!(sim.comment_replies()[0].platform, Platform::Messenger);
}
