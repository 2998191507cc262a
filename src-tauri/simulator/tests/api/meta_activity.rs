//! Meta activity: deterministic for a seed, in the buyers' languages, independent of the other
//! services' data; the admin endpoints on the Meta servers; background activity.

use std::time::Duration;

use mostrador_simulator::{Activity, Platform, Simulator};
use serde_json::{Value, json};

use crate::common::{client, start, start_site};
use crate::meta_common::{get, ig, ig_token};

fn meta() -> Activity {
    Activity {
        instagram_messages: 60,
        messenger_messages: 30,
        instagram_comments: 15,
        facebook_comments: 10,
        instagram_conversations: 5,
        messenger_conversations: 5,
        messages_per_conversation: 4,
        ..Activity::default()
    }
}

async fn listed(sim: &Simulator) -> Value {
    sim.set_meta_rate_limit(None);
    let client = client();
    let token = ig_token(sim, &client).await;
    get(
        &client,
        &ig(sim, "/me/conversations?platform=instagram&fields=id,updated_time,participants&limit=100"),
        &token,
    )
    .await
    .1
}

#[tokio::test]
async fn meta_activity_is_deterministic_for_a_seed() {
    let a = start_site("MLA", 42).await;
    let b = start_site("MLA", 42).await;
    let c = start_site("MLA", 43).await;
    let (ra, rb, rc) = (a.generate(meta()), b.generate(meta()), c.generate(meta()));
    assert_eq!(ra, rb);
    assert_ne!(ra, rc);
    assert_eq!(a.meta_app(), b.meta_app());
    assert_ne!(a.meta_app(), c.meta_app());
    assert_eq!(listed(&a).await, listed(&b).await);
    assert_ne!(listed(&a).await, listed(&c).await);
    let (sa, sb) = (a.snapshot().meta, b.snapshot().meta);
    assert_eq!((sa.conversations, sa.comments), (sb.conversations, sb.comments));
    assert_eq!(ra.instagram_messages, 60 + 5 * 4);
    assert_eq!(ra.messenger_messages, 30 + 5 * 4);
    assert_eq!(ra.comment_ids.len(), 25);
    let totals = a.totals();
    assert_eq!((totals.instagram_messages, totals.messenger_messages, totals.meta_comments), (80, 50, 25));
}

#[tokio::test]
async fn meta_activity_leaves_the_other_services_data_as_it_was() {
    let ml = Activity { questions: 10, post_sale_messages: 5, telegram_messages: 3, ..Activity::default() };
    let plain = start_site("MLA", 5).await;
    let with_meta = start_site("MLA", 5).await;
    with_meta.generate(meta());
    assert_eq!(plain.generate(ml), with_meta.generate(ml));
    assert_eq!(plain.ml_app(), with_meta.ml_app());
}

#[tokio::test]
async fn buyers_write_spanish_and_portuguese_and_comment_some_spam() {
    let es = start_site("MLA", 3).await;
    es.generate(Activity { instagram_messages: 80, instagram_comments: 60, ..Activity::default() });
    let state = es.snapshot().meta;
    let texts: String = state
        .conversations
        .iter()
        .flat_map(|c| &c.messages)
        .map(|m| m.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(["tenés", "hacés", "Quiero", "hola"].iter().any(|word| texts.contains(word)), "{texts}");
    let comments: Vec<&str> = state.comments.iter().map(|c| c.text.as_str()).collect();
    assert!(comments.iter().any(|t| t.contains("DM") || t.contains("privado")), "{comments:?}");
    assert!(
        comments.iter().any(|t| t.contains("seguidores") || t.contains("perfil") || t.contains("profile")),
        "{comments:?}"
    );
    let pt = start_site("MLB", 3).await;
    pt.generate(Activity { messenger_messages: 80, ..Activity::default() });
    let texts: String = pt
        .snapshot()
        .meta
        .conversations
        .iter()
        .flat_map(|c| &c.messages)
        .map(|m| m.text.clone())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(["você", "Oi", "oi!", "Obrigada", "Quanto"].iter().any(|word| texts.contains(word)), "{texts}");
    assert!(pt.meta_app().page.name.starts_with("Ateliê"));
}

#[tokio::test]
async fn admin_endpoints_on_the_meta_servers() {
    let sim = start().await;
    let client = client();
    for base in [sim.instagram_base_url(), sim.facebook_base_url()] {
        let state: Value =
            client.get(format!("{base}/_sim/state")).send().await.expect("state").json().await.expect("json");
        assert_eq!(state["meta"]["app"]["page"]["id"], sim.meta_app().page.id.as_str());
        assert!(state["meta"]["conversations"].is_array());
        assert!(state["totals"]["instagram_requests"].is_u64());
    }
    let ig_base = sim.instagram_base_url();
    let post = |path: &str, body: Value| {
        let (client, url) = (&client, format!("{ig_base}{path}"));
        async move {
            client.post(url).json(&body).send().await.expect("post").json::<Value>().await.expect("json")
        }
    };
    let code = post("/_sim/meta/code", json!({ "platform": "instagram" })).await;
    assert!(code["code"].as_str().is_some_and(|code| code.starts_with("AQ")));
    let report = post("/_sim/generate", json!({ "instagram_messages": 2, "instagram_comments": 1 })).await;
    let conversation = report["instagram_conversation_ids"][0].as_str().expect("conversation").to_owned();
    assert_eq!(post("/_sim/meta/close_window", json!({ "conversation_id": conversation })).await["ok"], true);
    assert_eq!(post("/_sim/meta/buyer_writes", json!({ "conversation_id": conversation })).await["ok"], true);
    assert!(
        post("/_sim/meta/unsend", json!({ "conversation_id": conversation })).await["message_id"].is_string()
    );
    let comment = report["comment_ids"][0].as_str().expect("comment").to_owned();
    assert_eq!(post("/_sim/meta/hide_comment", json!({ "comment_id": comment })).await["ok"], true);
    assert!(sim.snapshot().meta.comments.iter().any(|c| c.id == comment && c.hidden));
    assert_eq!(post("/_sim/meta/delete_comment", json!({ "comment_id": comment })).await["ok"], true);
    assert!(sim.snapshot().meta.comments.is_empty());
    assert_eq!(post("/_sim/meta/human_agent", json!({ "enabled": true })).await["ok"], true);
    assert!(sim.meta_app().human_agent);
    assert_eq!(post("/_sim/meta/rate_limit", json!({ "per_second": null })).await["ok"], true);
    let token = ig_token(&sim, &client).await;
    let fault = json!({ "api": "instagram", "path_contains": "/me", "kind": "page_rate_limit" });
    post("/_sim/fault", fault).await;
    let (status, body) = get(&client, &ig(&sim, "/me"), &token).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (400, Some(32)));
    // The code exchange, the long-lived token and `me`; admin calls are not counted.
    assert_eq!(sim.totals().instagram_requests, 3);
    assert_eq!(sim.meta_issue_code(Platform::Messenger).len(), 98);
}

#[tokio::test]
async fn background_activity_reaches_instagram_and_messenger() {
    let sim = start().await;
    sim.run_activity(Duration::from_millis(10));
    tokio::time::sleep(Duration::from_millis(800)).await;
    let totals = sim.totals();
    sim.shutdown().await;
    assert!(totals.instagram_messages + totals.messenger_messages > 0, "{totals:?}");
}
