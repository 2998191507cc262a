//! Logging in to Instagram and Facebook: redirects, code exchanges, long-lived tokens, refresh
//! rules, Page tokens, `me` and `me/accounts`.

use mostrador_simulator::Platform;
use serde_json::json;

use crate::common::{client, start};
use crate::meta_common::{
    fb, fb_user_token, get, graph_error, ig, ig_short_token, ig_token, no_redirects, page_token, read,
};

const DAY: i64 = 86_400;

fn code_in(location: &str) -> String {
    location.split("code=").nth(1).and_then(|rest| rest.split(['&', '#']).next()).expect("code").to_owned()
}

#[tokio::test]
async fn instagram_authorize_redirects_with_the_code_the_state_and_a_trailing_fragment() {
    let sim = start().await;
    let client = no_redirects();
    let app = sim.meta_app();
    let response = client
        .get(format!("{}/oauth/authorize", sim.instagram_base_url()))
        .query(&[
            ("client_id", app.app_id.as_str()),
            ("redirect_uri", app.redirect_uri.as_str()),
            ("response_type", "code"),
            ("scope", "instagram_business_basic,instagram_business_manage_messages,instagram_business_manage_comments"),
            ("state", "st 1"),
        ])
        .send()
        .await
        .expect("authorize");
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().expect("location").to_owned();
    assert!(location.starts_with(&format!("{}?code=AQ", app.redirect_uri)), "{location}");
    assert!(location.ends_with("&state=st+1#_"), "{location}");
    let code = code_in(&location);
    let exchange = |code: String, secret: String, client_id: String, redirect: String| {
        let (client, sim) = (&client, &sim);
        async move {
            let form = [
                ("client_id", client_id),
                ("client_secret", secret),
                ("grant_type", "authorization_code".to_owned()),
                ("redirect_uri", redirect),
                ("code", code),
            ];
            let url = format!("{}/oauth/access_token", sim.instagram_base_url());
            let (status, body, _) = read(client.post(url).form(&form).send().await.expect("post")).await;
            (status, body)
        }
    };
    let (status, body) =
        exchange(code.clone(), app.app_secret.clone(), app.app_id.clone(), app.redirect_uri.clone()).await;
    assert_eq!(status, 200, "{body}");
    assert!(body["access_token"].as_str().is_some_and(|token| token.starts_with("IGAA")));
    assert_eq!(body["user_id"].as_u64().map(|id| id.to_string()), Some(app.instagram.user_id.clone()));
    assert_eq!(
        body["permissions"],
        json!([
            "instagram_business_basic",
            "instagram_business_manage_messages",
            "instagram_business_manage_comments"
        ])
    );
    let refusal =
        |message: &str| json!({ "error_type": "OAuthException", "code": 400, "error_message": message });
    let (status, body) =
        exchange(code, app.app_secret.clone(), app.app_id.clone(), app.redirect_uri.clone()).await;
    assert_eq!((status, body), (400, refusal("Invalid authorization code")));
    let fresh = || sim.meta_issue_code(Platform::Instagram);
    let (status, body) = exchange(fresh(), "nope".into(), app.app_id.clone(), app.redirect_uri.clone()).await;
    assert_eq!((status, body), (400, refusal("Invalid client secret")));
    let (status, body) =
        exchange(fresh(), app.app_secret.clone(), "1".into(), app.redirect_uri.clone()).await;
    assert_eq!((status, body), (400, refusal("Invalid platform app")));
    let (status, body) =
        exchange(fresh(), app.app_secret.clone(), app.app_id.clone(), "https://elsewhere.example/cb".into())
            .await;
    assert_eq!((status, body), (400, refusal("Invalid authorization code")));
    // A Facebook code is no Instagram code.
    let facebook_code = sim.meta_issue_code(Platform::Messenger);
    let (status, _) =
        exchange(facebook_code, app.app_secret.clone(), app.app_id.clone(), app.redirect_uri.clone()).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn instagram_tokens_short_long_lived_refresh_and_me() {
    let sim = start().await;
    let client = client();
    let app = sim.meta_app();
    let short = ig_short_token(&sim, &client).await;
    let url = format!(
        "{}/access_token?grant_type=ig_exchange_token&client_secret={}&access_token={short}",
        sim.instagram_base_url(),
        app.app_secret
    );
    let (status, long, _) = read(client.get(&url).send().await.expect("exchange")).await;
    assert_eq!(status, 200);
    assert_eq!((long["token_type"].as_str(), long["expires_in"].as_i64()), (Some("bearer"), Some(5_184_000)));
    let long = long["access_token"].as_str().expect("token").to_owned();
    let bad_secret = url.replace(&app.app_secret, "nope");
    let (status, body, _) = read(client.get(&bad_secret).send().await.expect("exchange")).await;
    assert_eq!((status, graph_error(&body).0), (400, 1));

    let me_url = ig(&sim, "/me?fields=user_id,username,name,account_type,profile_picture_url");
    let (status, me) = get(&client, &me_url, &long).await;
    assert_eq!(status, 200);
    assert_eq!(me["id"], app.instagram.app_scoped_id.as_str());
    assert_eq!(me["user_id"], app.instagram.user_id.as_str());
    assert_eq!(me["username"], app.instagram.username.as_str());
    assert_eq!(me["name"], app.instagram.name.as_str());
    assert_eq!(me["account_type"], "BUSINESS");
    assert!(me["profile_picture_url"].is_string());
    // The token as a query parameter works too, and any version prefix.
    let query_url = format!("{}/v19.0/me?fields=username&access_token={long}", sim.instagram_base_url());
    let (status, me, _) = read(client.get(query_url).send().await.expect("me")).await;
    assert_eq!((status, me.as_object().map(|me| me.len())), (200, Some(2)), "{me}");
    sim.set_instagram_account_type("PERSONAL");
    assert_eq!(get(&client, &me_url, &long).await.1["account_type"], "PERSONAL");

    let refresh = |token: String| {
        let (client, sim) = (&client, &sim);
        async move {
            let url = format!(
                "{}/refresh_access_token?grant_type=ig_refresh_token&access_token={token}",
                sim.instagram_base_url()
            );
            let (status, body, _) = read(client.get(url).send().await.expect("refresh")).await;
            (status, body)
        }
    };
    let (status, young) = refresh(long.clone()).await;
    assert_eq!(status, 400);
    assert_eq!(graph_error(&young), (100, None, "token must be at least 24 hours old".to_owned()));
    sim.advance_clock(DAY + 60);
    let (status, refreshed) = refresh(long.clone()).await;
    assert_eq!(status, 200, "{refreshed}");
    assert_eq!(refreshed["expires_in"], 5_184_000);
    let renewed = refreshed["access_token"].as_str().expect("token").to_owned();
    assert_ne!(renewed, long);
    // The old token keeps working until its own expiry; the short one died after an hour.
    assert_eq!(get(&client, &me_url, &long).await.0, 200);
    assert_eq!(get(&client, &me_url, &renewed).await.0, 200);
    let (status, body) = get(&client, &me_url, &short).await;
    let (code, subcode, message) = graph_error(&body);
    assert_eq!((status, code, subcode), (400, 190, Some(463)));
    assert!(message.starts_with("Error validating access token: Session has expired on "), "{message}");
    assert!(message.contains("+0000"), "{message}");
    sim.advance_clock(59 * DAY);
    let (status, body) = refresh(long.clone()).await;
    assert_eq!((status, graph_error(&body).0, graph_error(&body).1), (400, 190, Some(463)));
    assert_eq!(get(&client, &me_url, &renewed).await.0, 200);
    // Unknown tokens and Facebook tokens cannot be parsed here.
    let (status, body) = get(&client, &me_url, "IGAAmadeup").await;
    assert_eq!(status, 400);
    assert_eq!(
        graph_error(&body),
        (190, None, "Invalid OAuth access token - Cannot parse access token".to_owned())
    );
    let user = fb_user_token(&sim, &client).await;
    assert_eq!(graph_error(&get(&client, &me_url, &user).await.1).0, 190);
}

#[tokio::test]
async fn facebook_dialog_code_user_tokens_and_the_page_token() {
    let sim = start().await;
    let client = no_redirects();
    let app = sim.meta_app();
    let response = client
        .get(fb(&sim, "/dialog/oauth"))
        .query(&[
            ("client_id", app.app_id.as_str()),
            ("redirect_uri", app.redirect_uri.as_str()),
            ("state", "xyz"),
            ("scope", "pages_show_list,pages_messaging,pages_manage_metadata"),
            ("response_type", "code"),
        ])
        .send()
        .await
        .expect("dialog");
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().expect("location").to_owned();
    assert!(location.starts_with(&format!("{}?code=", app.redirect_uri)), "{location}");
    assert!(location.ends_with("&state=xyz#_=_"), "{location}");
    let exchange = |code: String, secret: String| {
        let (client, sim, app) = (&client, &sim, &app);
        async move {
            let query = [
                ("client_id", app.app_id.clone()),
                ("redirect_uri", app.redirect_uri.clone()),
                ("client_secret", secret),
                ("code", code),
            ];
            let (status, body, _) =
                read(client.get(fb(sim, "/oauth/access_token")).query(&query).send().await.expect("get"))
                    .await;
            (status, body)
        }
    };
    let code = code_in(&location);
    let (status, user) = exchange(code.clone(), app.app_secret.clone()).await;
    assert_eq!(status, 200, "{user}");
    assert_eq!((user["token_type"].as_str(), user["expires_in"].as_i64()), (Some("bearer"), Some(5_183_944)));
    assert!(user["access_token"].as_str().is_some_and(|token| token.starts_with("EAA")));
    let (status, used) = exchange(code, app.app_secret.clone()).await;
    assert_eq!(status, 400);
    assert_eq!(graph_error(&used), (100, Some(36_009), "This authorization code has been used.".to_owned()));
    let late = sim.meta_issue_code(Platform::Messenger);
    sim.advance_clock(601);
    let (_, expired) = exchange(late, app.app_secret.clone()).await;
    assert_eq!(graph_error(&expired), (100, Some(36_007), "This authorization code has expired.".to_owned()));
    let (status, secret) = exchange(sim.meta_issue_code(Platform::Messenger), "nope".into()).await;
    assert_eq!(
        (status, graph_error(&secret)),
        (400, (1, None, "Error validating client secret.".to_owned()))
    );

    let client = crate::common::client();
    let user = fb_user_token(&sim, &client).await;
    let (status, me) = get(&client, &fb(&sim, "/me"), &user).await;
    assert_eq!((status, me["id"].as_str()), (200, Some(app.facebook_user.id.as_str())));
    let fields = "id,name,access_token,instagram_business_account{id,username}";
    let (status, accounts) = get(&client, &fb(&sim, &format!("/me/accounts?fields={fields}")), &user).await;
    assert_eq!(status, 200, "{accounts}");
    let page = &accounts["data"][0];
    assert_eq!(page["id"], app.page.id.as_str());
    assert_eq!(page["name"], app.page.name.as_str());
    assert_eq!(
        page["instagram_business_account"],
        json!({ "id": app.instagram.user_id, "username": app.instagram.username })
    );
    assert!(page.get("tasks").is_none(), "only the fields asked for: {page}");
    assert!(accounts["paging"]["cursors"]["after"].is_string());
    let page_token = page["access_token"].as_str().expect("page token").to_owned();
    let (_, again) = get(&client, &fb(&sim, "/me/accounts?fields=access_token"), &user).await;
    assert_eq!(again["data"][0]["access_token"], page_token.as_str());
    let (status, me) = get(&client, &fb(&sim, "/me"), &page_token).await;
    assert_eq!((status, me), (200, json!({ "id": app.page.id, "name": app.page.name })));
    let (status, node) = get(&client, &fb(&sim, &format!("/{}?fields=name", app.page.id)), &page_token).await;
    assert_eq!((status, node), (200, json!({ "id": app.page.id, "name": app.page.name })));
    // The Page token from a long-lived user token outlives it.
    sim.advance_clock(70 * 86_400);
    assert_eq!(get(&client, &fb(&sim, "/me"), &page_token).await.0, 200);
    let (status, dead) = get(&client, &fb(&sim, "/me"), &user).await;
    assert_eq!((status, graph_error(&dead).1), (400, Some(463)));
}

#[tokio::test]
async fn page_endpoints_want_the_page_token() {
    let sim = start().await;
    let client = client();
    let page = sim.meta_app().page.id;
    let user = fb_user_token(&sim, &client).await;
    let url = fb(&sim, &format!("/{page}/conversations?platform=messenger&fields=id,updated_time"));
    let (status, body) = get(&client, &url, &user).await;
    assert_eq!(status, 403);
    assert_eq!(graph_error(&body), (200, None, "(#200) Requires pages_messaging permission".to_owned()));
    let token = page_token(&sim, &client).await;
    let (status, body) = get(&client, &url, &token).await;
    assert_eq!((status, body["data"].as_array().map(Vec::len)), (200, Some(0)), "{body}");
    let ig_token = ig_token(&sim, &client).await;
    assert_eq!(graph_error(&get(&client, &url, &ig_token).await.1).0, 190);
    let (status, body) = get(&client, &fb(&sim, "/me/accounts"), &token).await;
    assert_eq!((status, graph_error(&body).0), (400, 100));
}
