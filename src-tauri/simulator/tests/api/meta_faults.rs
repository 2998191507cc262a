//! Faults on the Instagram and Facebook servers, each in the Graph API's exact shape.

use std::time::{Duration, Instant};

use mostrador_simulator::{Activity, Api, Fault, FaultKind, Simulator};
use serde_json::{Value, json};

use crate::common::{client, start};
use crate::meta_common::{fb, get, graph_error, ig, ig_token, page_token, read};

fn fault(api: Api, path: Option<&str>, kind: FaultKind) -> Fault {
    Fault { api, path_contains: path.map(str::to_owned), kind, times: 1 }
}

/// Injects the fault, calls `me` once: (status, code, subcode, message); the next call is fine.
async fn once(sim: &Simulator, token: &str, kind: FaultKind) -> (u16, i64, Option<i64>, String) {
    let client = client();
    sim.inject(fault(Api::Instagram, None, kind));
    let (status, body) = get(&client, &ig(sim, "/me"), token).await;
    assert_eq!(get(&client, &ig(sim, "/me"), token).await.0, 200);
    let (code, subcode, message) = graph_error(&body);
    (status, code, subcode, message)
}

#[tokio::test]
async fn throttles_permissions_and_server_errors_answer_in_graph_shape() {
    let sim = start().await;
    let client = client();
    let token = ig_token(&sim, &client).await;
    let cases = [
        (FaultKind::AppRateLimit, (400, 4, None, "Application request limit reached")),
        (FaultKind::UserRateLimit, (400, 17, None, "User request limit reached")),
        (FaultKind::PageRateLimit, (400, 32, None, "Page request limit reached")),
        (
            FaultKind::PermissionMissing,
            (403, 10, None, "(#10) Application does not have permission for this action"),
        ),
        (
            FaultKind::PolicyForbidden,
            (403, 200, None, "(#200) Requires instagram_business_manage_messages permission"),
        ),
        (
            FaultKind::ServerError,
            (500, 2, None, "An unexpected error has occurred. Please retry your request later."),
        ),
    ];
    for (kind, (status, code, subcode, message)) in cases {
        assert_eq!(
            once(&sim, &token, kind.clone()).await,
            (status, code, subcode, message.to_owned()),
            "{kind:?}"
        );
    }
    let (status, code, subcode, message) = once(&sim, &token, FaultKind::NotFound).await;
    assert_eq!((status, code, subcode), (400, 100, Some(33)));
    assert!(message.contains("Object with ID 'me' does not exist"), "{message}");
}

#[tokio::test]
async fn the_rate_limit_fault_is_a_613_with_the_usage_header() {
    let sim = start().await;
    let client = client();
    let token = page_token(&sim, &client).await;
    let page = sim.meta_app().page.id;
    for (secs, minutes) in [(20, 0), (60, 1), (600, 10)] {
        sim.inject(fault(
            Api::Messenger,
            Some("/conversations"),
            FaultKind::RateLimited { retry_after_secs: secs },
        ));
        let url = fb(&sim, &format!("/{page}/conversations?platform=messenger"));
        let (status, body, headers) =
            read(client.get(&url).bearer_auth(&token).send().await.expect("get")).await;
        assert_eq!(status, 400);
        assert_eq!(
            graph_error(&body),
            (613, None, "Calls to this api have exceeded the rate limit.".to_owned())
        );
        assert!(headers.get("retry-after").is_none());
        let usage: Value =
            serde_json::from_str(headers["x-business-use-case-usage"].to_str().expect("header"))
                .expect("json");
        assert_eq!(usage[&page][0]["type"], "messenger");
        assert_eq!(usage[&page][0]["estimated_time_to_regain_access"], minutes);
    }
    // Only requests whose path matches; Instagram untouched.
    sim.inject(fault(Api::Messenger, Some("/conversations"), FaultKind::ServerError));
    assert_eq!(get(&client, &fb(&sim, "/me"), &token).await.0, 200);
    let ig = ig_token(&sim, &client).await;
    assert_eq!(get(&client, &crate::meta_common::ig(&sim, "/me/conversations"), &ig).await.0, 200);
}

#[tokio::test]
async fn expired_tokens_answer_463_until_refreshed_and_revoked_ones_460_for_good() {
    let sim = start().await;
    let client = client();
    let token = ig_token(&sim, &client).await;
    sim.advance_clock(86_400 + 1);
    sim.inject(fault(Api::Instagram, None, FaultKind::ExpireAccessTokens));
    let (status, body) = get(&client, &ig(&sim, "/me"), &token).await;
    let (code, subcode, message) = graph_error(&body);
    assert_eq!((status, code, subcode), (400, 190, Some(463)));
    assert!(message.starts_with("Error validating access token: Session has expired on "), "{message}");
    let refresh = format!(
        "{}/refresh_access_token?grant_type=ig_refresh_token&access_token={token}",
        sim.instagram_base_url()
    );
    let (status, refreshed, _) = read(client.get(&refresh).send().await.expect("refresh")).await;
    assert_eq!(status, 200, "{refreshed}");
    let renewed = refreshed["access_token"].as_str().expect("token").to_owned();
    assert_eq!(get(&client, &ig(&sim, "/me"), &renewed).await.0, 200);
    assert_eq!(get(&client, &ig(&sim, "/me"), &token).await.0, 400);

    sim.inject(fault(Api::Instagram, None, FaultKind::RevokeRefreshToken));
    let (status, body) = get(&client, &ig(&sim, "/me"), &renewed).await;
    assert_eq!(status, 400);
    assert_eq!(
        graph_error(&body),
        (
            190,
            Some(460),
            "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.".to_owned()
        )
    );
    let refresh = refresh.replace(&token, &renewed);
    let (status, body, _) = read(client.get(&refresh).send().await.expect("refresh")).await;
    assert_eq!((status, graph_error(&body).1), (400, Some(460)));
    // Logging in again works.
    let fresh = ig_token(&sim, &client).await;
    assert_eq!(get(&client, &ig(&sim, "/me"), &fresh).await.0, 200);
}

#[tokio::test]
async fn messenger_token_faults_reach_page_tokens_and_leave_instagram_alone() {
    let sim = start().await;
    let client = client();
    let page = page_token(&sim, &client).await;
    let instagram = ig_token(&sim, &client).await;
    sim.inject(fault(Api::Messenger, None, FaultKind::ExpireAccessTokens));
    let (status, body) = get(&client, &fb(&sim, "/me"), &page).await;
    assert_eq!((status, graph_error(&body).0, graph_error(&body).1), (400, 190, Some(463)));
    assert_eq!(get(&client, &ig(&sim, "/me"), &instagram).await.0, 200);
    let page = page_token(&sim, &client).await;
    assert_eq!(get(&client, &fb(&sim, "/me"), &page).await.0, 200);
    sim.inject(fault(Api::Messenger, None, FaultKind::RevokeRefreshToken));
    assert_eq!(graph_error(&get(&client, &fb(&sim, "/me"), &page).await.1).1, Some(460));
    assert_eq!(get(&client, &ig(&sim, "/me"), &instagram).await.0, 200);
}

#[tokio::test]
async fn slow_dropped_and_truncated_answers() {
    let sim = start().await;
    let client = client();
    let token = ig_token(&sim, &client).await;
    sim.inject(fault(Api::Instagram, None, FaultKind::Slow { millis: 300 }));
    let started = Instant::now();
    assert_eq!(get(&client, &ig(&sim, "/me"), &token).await.0, 200);
    assert!(started.elapsed() >= Duration::from_millis(300));
    sim.inject(fault(Api::Instagram, Some("/me"), FaultKind::DropConnection));
    let error = client.get(ig(&sim, "/me")).bearer_auth(&token).send().await.expect_err("dropped");
    assert!(error.status().is_none(), "{error:?}");
    assert_eq!(get(&client, &ig(&sim, "/me"), &token).await.0, 200);
    let page = sim.meta_app().page.id;
    let token = page_token(&sim, &client).await;
    sim.generate(Activity { messenger_messages: 1, ..Activity::default() });
    let buyer = sim.snapshot().meta.conversations[0].buyer_id.clone();
    sim.inject(fault(Api::Messenger, Some("/messages"), FaultKind::MalformedJson));
    let body =
        json!({ "recipient": { "id": buyer }, "messaging_type": "RESPONSE", "message": { "text": "Hola" } });
    let response = client
        .post(fb(&sim, &format!("/{page}/messages")))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 200);
    let text = response.text().await.expect("body");
    assert!(text.starts_with('{') && serde_json::from_str::<Value>(&text).is_err(), "{text}");
    // The message went out: a client that resends blindly sends it twice.
    assert_eq!(sim.messenger_sent().len(), 1);
}
