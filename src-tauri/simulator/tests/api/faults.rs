use std::time::{Duration, Instant};

use mostrador_simulator::{Activity, Api, Fault, FaultKind};
use serde_json::{Value, json};

use crate::common::{client, ml_get, ml_tokens, start, tg};

fn fault(api: Api, path: Option<&str>, kind: FaultKind, times: u32) -> Fault {
    Fault { api, path_contains: path.map(str::to_owned), kind, times }
}

#[tokio::test]
async fn rate_limited_answers_429_with_retry_after_then_recovers() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    sim.inject(fault(Api::MercadoLibre, None, FaultKind::RateLimited { retry_after_secs: 7 }, 2));
    for _ in 0..2 {
        let response = client
            .get(format!("{}/users/me", sim.ml_base_url()))
            .bearer_auth(&token)
            .send()
            .await
            .expect("get");
        assert_eq!(response.status(), 429);
        assert_eq!(response.headers()["retry-after"], "7");
        let body: Value = response.json().await.expect("json");
        assert_eq!((body["status"].as_i64(), body["error"].as_str()), (Some(429), Some("too_many_requests")));
    }
    assert_eq!(ml_get(&sim, &client, &token, "/users/me").await.0, 200);
    sim.inject(fault(Api::Telegram, Some("getUpdates"), FaultKind::RateLimited { retry_after_secs: 3 }, 1));
    assert_eq!(tg(&sim, &client, "getMe", &json!({})).await.0, 200);
    let (status, body) = tg(&sim, &client, "getUpdates", &json!({})).await;
    assert_eq!(status, 429);
    assert_eq!((body["ok"].as_bool(), body["parameters"]["retry_after"].as_i64()), (Some(false), Some(3)));
    assert_eq!(tg(&sim, &client, "getUpdates", &json!({})).await.0, 200);
}

#[tokio::test]
async fn the_real_rate_limit_counts_requests_per_minute() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    sim.set_ml_rate_limit(Some(3));
    for _ in 0..3 {
        assert_eq!(ml_get(&sim, &client, &token, "/users/me").await.0, 200);
    }
    let response =
        client.get(format!("{}/users/me", sim.ml_base_url())).bearer_auth(&token).send().await.expect("get");
    assert_eq!(response.status(), 429);
    let wait: u32 = response.headers()["retry-after"].to_str().expect("header").parse().expect("seconds");
    assert!((1..=60).contains(&wait));
    sim.set_ml_rate_limit(None);
    assert_eq!(ml_get(&sim, &client, &token, "/users/me").await.0, 200);
}

#[tokio::test]
async fn server_errors_and_policy_refusals_in_each_services_shape() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    sim.inject(fault(Api::MercadoLibre, Some("/questions"), FaultKind::ServerError, 1));
    assert_eq!(ml_get(&sim, &client, &token, "/users/me").await.0, 200);
    let seller = sim.ml_app().seller_id;
    let (status, body) =
        ml_get(&sim, &client, &token, &format!("/questions/search?seller_id={seller}&api_version=4")).await;
    assert_eq!((status, body["status"].as_i64()), (500, Some(500)));
    sim.inject(fault(Api::MercadoLibre, None, FaultKind::PolicyForbidden, 1));
    let (status, body) = ml_get(&sim, &client, &token, "/messages/unread?role=seller&tag=post_sale").await;
    assert_eq!((status, body["code"].as_str()), (403, Some("PA_UNAUTHORIZED_RESULT_FROM_POLICIES")));
    sim.inject(fault(Api::Telegram, None, FaultKind::ServerError, 1));
    let (status, body) = tg(&sim, &client, "getMe", &json!({})).await;
    assert_eq!((status, body["ok"].as_bool(), body["error_code"].as_i64()), (500, Some(false), Some(500)));
}

#[tokio::test]
async fn slow_answers_come_late() {
    let sim = start().await;
    let client = client();
    sim.inject(fault(Api::Telegram, None, FaultKind::Slow { millis: 400 }, 1));
    let started = Instant::now();
    assert_eq!(tg(&sim, &client, "getMe", &json!({})).await.0, 200);
    assert!(started.elapsed() >= Duration::from_millis(400));
    let started = Instant::now();
    assert_eq!(tg(&sim, &client, "getMe", &json!({})).await.0, 200);
    assert!(started.elapsed() < Duration::from_millis(400));
}

#[tokio::test]
async fn dropped_connections_close_without_a_response() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    sim.inject(fault(Api::MercadoLibre, Some("/users/me"), FaultKind::DropConnection, 1));
    let error = client
        .get(format!("{}/users/me", sim.ml_base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .expect_err("dropped");
    assert!(!error.is_timeout() && error.status().is_none(), "{error:?}");
    assert_eq!(ml_get(&sim, &client, &token, "/users/me").await.0, 200);
    sim.inject(fault(Api::Telegram, None, FaultKind::DropConnection, 1));
    let url = format!("{}/bot{}/getMe", sim.telegram_base_url(), sim.telegram_token());
    assert!(client.get(&url).send().await.is_err());
    assert_eq!(tg(&sim, &client, "getMe", &json!({})).await.0, 200);
}

#[tokio::test]
async fn malformed_json_is_a_truncated_200_after_the_work_was_done() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let question_id = sim.generate(Activity { questions: 1, ..Activity::default() }).question_ids[0];
    sim.inject(fault(Api::MercadoLibre, Some("/answers"), FaultKind::MalformedJson, 1));
    let response = client
        .post(format!("{}/answers", sim.ml_base_url()))
        .bearer_auth(&token)
        .json(&json!({ "question_id": question_id, "text": "Sí, hay stock." }))
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 200);
    let text = response.text().await.expect("body");
    assert!(text.starts_with('{') && serde_json::from_str::<Value>(&text).is_err(), "{text}");
    // The answer went through: a client that retries blindly answers twice and gets a 400.
    assert_eq!(sim.answers_received().len(), 1);
    sim.inject(fault(Api::Telegram, Some("getMe"), FaultKind::MalformedJson, 1));
    let url = format!("{}/bot{}/getMe", sim.telegram_base_url(), sim.telegram_token());
    let text = client.get(&url).send().await.expect("get").text().await.expect("body");
    assert!(serde_json::from_str::<Value>(&text).is_err());
}
