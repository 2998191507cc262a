//! Meta's logins: Instagram Login (a code for a 1-hour token, exchanged for a 60-day one, refreshed
//! before it ends) and Facebook Login (a code for a user token, exchanged for a long-lived one, which
//! gives each Page's token — a Page token from a long-lived user token does not expire).

use serde_json::Value;

use super::facts;
use super::graph::{self, MetaError};
use crate::{ChannelError, http, lenient};

/// A token and how long it lives (`None`: until revoked).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub access_token: String,
    pub expires_in: i64,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token").field("access_token", &"***").field("expires_in", &self.expires_in).finish()
    }
}

/// Why a login step failed, as the connect wizard tells the seller.
#[derive(Debug)]
pub(crate) enum LoginError {
    /// The code was used, expired, or was issued for another redirect address.
    CodeRejected(String),
    /// The app id or secret is wrong.
    WrongClient(String),
    Channel(ChannelError),
}

fn login_error(e: ChannelError) -> LoginError {
    match e {
        ChannelError::Rejected { detail, .. } => {
            let lower = detail.to_ascii_lowercase();
            if lower.contains("client secret")
                || lower.contains("client_id")
                || lower.contains("platform app")
                || lower.contains("app id")
            {
                LoginError::WrongClient(detail)
            } else {
                LoginError::CodeRejected(detail)
            }
        }
        // Meta answers a bad code on Facebook with code 100 or 1: not a server failure here.
        ChannelError::ServerError { .. } => LoginError::Channel(e),
        other => LoginError::Channel(other),
    }
}

/// Instagram answers token errors in its own shape: `{"error_type","code","error_message"}`.
async fn send_login(request: reqwest::RequestBuilder) -> Result<Value, LoginError> {
    let response = request.send().await.map_err(|e| LoginError::Channel(http::transport_error(e)))?;
    let status = response.status().as_u16();
    let body = response.bytes().await.map_err(|e| LoginError::Channel(http::transport_error(e)))?;
    if (200..300).contains(&status) {
        return serde_json::from_slice(&body).map_err(|e| {
            LoginError::Channel(ChannelError::MalformedResponse(format!("{e} in a token answer")))
        });
    }
    let MetaError { code, message, .. } = graph::parse_error(&body);
    if status >= 500 {
        return Err(LoginError::Channel(ChannelError::ServerError { status }));
    }
    // Facebook: code 1 "Error validating client secret"; code 100/36009 a used code.
    let detail = format!("({}) {message}", code.unwrap_or(i64::from(status)));
    Err(login_error(ChannelError::Rejected { status, detail }))
}

fn token_of(body: &Value, default_expiry: i64) -> Option<Token> {
    // Instagram's code exchange may wrap its answer in `data: [...]`.
    let body = lenient::list(body, "data").first().unwrap_or(body);
    Some(Token {
        access_token: lenient::non_empty(body, "access_token")?.to_owned(),
        expires_in: lenient::int(body, "expires_in").unwrap_or(default_expiry),
    })
}

fn missing_token() -> LoginError {
    LoginError::Channel(ChannelError::MalformedResponse("the token answer has no access_token".into()))
}

/// Instagram's authorisation page (opened by the shell in the browser).
pub(crate) fn instagram_authorize_url(
    auth_base: &str,
    app_id: &str,
    redirect_uri: &str,
    state: &str,
) -> String {
    let mut url = url::Url::parse(&http::join(auth_base, "oauth/authorize")).unwrap_or_else(|_| {
        url::Url::parse("https://www.instagram.com/oauth/authorize").expect("a valid constant URL")
    });
    url.query_pairs_mut()
        .append_pair("client_id", app_id)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("response_type", "code")
        .append_pair("scope", facts::INSTAGRAM_SCOPES)
        .append_pair("state", state);
    url.into()
}

/// Facebook's authorisation dialog.
pub(crate) fn facebook_authorize_url(
    auth_base: &str,
    app_id: &str,
    redirect_uri: &str,
    state: &str,
) -> String {
    let path = format!("{}/dialog/oauth", facts::GRAPH_VERSION);
    let mut url = url::Url::parse(&http::join(auth_base, &path)).unwrap_or_else(|_| {
        url::Url::parse("https://www.facebook.com/v24.0/dialog/oauth").expect("a valid constant URL")
    });
    url.query_pairs_mut()
        .append_pair("client_id", app_id)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("response_type", "code")
        .append_pair("scope", facts::FACEBOOK_SCOPES)
        .append_pair("state", state);
    url.into()
}

/// The code for a 1-hour Instagram token, and the Instagram user it belongs to.
pub(crate) async fn instagram_code(
    oauth_base: &str,
    app_id: &str,
    app_secret: &str,
    redirect_uri: &str,
    code: &str,
) -> Result<(Token, Option<String>), LoginError> {
    let form = [
        ("client_id", app_id.trim()),
        ("client_secret", app_secret.trim()),
        ("grant_type", "authorization_code"),
        ("redirect_uri", redirect_uri.trim()),
        ("code", code),
    ];
    let body =
        send_login(http::client().post(http::join(oauth_base, "oauth/access_token")).form(&form)).await?;
    let user = lenient::list(&body, "data")
        .first()
        .and_then(|d| lenient::id(d, "user_id"))
        .or_else(|| lenient::id(&body, "user_id"));
    Ok((token_of(&body, 3600).ok_or_else(missing_token)?, user))
}

/// The 60-day token for a 1-hour one.
pub(crate) async fn instagram_long_lived(
    graph_base: &str,
    app_secret: &str,
    short: &str,
) -> Result<Token, LoginError> {
    let query =
        [("grant_type", "ig_exchange_token"), ("client_secret", app_secret.trim()), ("access_token", short)];
    let body = send_login(http::client().get(http::join(graph_base, "access_token")).query(&query)).await?;
    token_of(&body, 60 * 24 * 3600).ok_or_else(missing_token)
}

/// A new 60-day token for one at least a day old and not expired.
pub(crate) async fn instagram_refresh(graph_base: &str, token: &str) -> Result<Token, ChannelError> {
    let query = [("grant_type", "ig_refresh_token"), ("access_token", token)];
    let body =
        graph::send(http::client().get(http::join(graph_base, "refresh_access_token")).query(&query)).await?;
    token_of(&body, 60 * 24 * 3600)
        .ok_or_else(|| ChannelError::MalformedResponse("the refresh answer has no access_token".into()))
}

/// The Instagram account behind a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InstagramAccount {
    pub user_id: String,
    pub username: String,
    pub name: Option<String>,
    /// BUSINESS, MEDIA_CREATOR… or PERSONAL, which has no messaging API.
    pub account_type: Option<String>,
}

pub(crate) async fn instagram_me(graph_base: &str, token: &str) -> Result<InstagramAccount, ChannelError> {
    let mut graph = graph::Graph::new(graph_base, token.to_owned(), "me");
    let fields = "user_id,username,name,account_type,profile_picture_url".to_owned();
    let me = graph.get("me", &[("fields", fields)], graph::Counted::No).await?;
    let user_id = lenient::id(&me, "user_id")
        .or_else(|| lenient::id(&me, "id"))
        .ok_or_else(|| ChannelError::MalformedResponse("/me has no user_id".into()))?;
    Ok(InstagramAccount {
        username: lenient::non_empty(&me, "username").unwrap_or(&user_id).to_owned(),
        name: lenient::non_empty(&me, "name").map(str::to_owned),
        account_type: lenient::non_empty(&me, "account_type").map(str::to_owned),
        user_id,
    })
}

/// The code for a user token, then the long-lived one.
pub(crate) async fn facebook_user_token(
    graph_base: &str,
    app_id: &str,
    app_secret: &str,
    redirect_uri: &str,
    code: &str,
) -> Result<Token, LoginError> {
    let url = http::join(graph_base, &format!("{}/oauth/access_token", facts::GRAPH_VERSION));
    let query = [
        ("client_id", app_id.trim()),
        ("redirect_uri", redirect_uri.trim()),
        ("client_secret", app_secret.trim()),
        ("code", code),
    ];
    let short = token_of(&send_login(http::client().get(&url).query(&query)).await?, 3600)
        .ok_or_else(missing_token)?;
    let query = [
        ("grant_type", "fb_exchange_token"),
        ("client_id", app_id.trim()),
        ("client_secret", app_secret.trim()),
        ("fb_exchange_token", short.access_token.as_str()),
    ];
    token_of(&send_login(http::client().get(&url).query(&query)).await?, 60 * 24 * 3600)
        .ok_or_else(missing_token)
}

/// A Page the seller manages, with its token and the Instagram account linked to it.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Page {
    pub id: String,
    pub name: String,
    pub token: String,
    pub instagram: Option<(String, String)>,
}

impl std::fmt::Debug for Page {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Page")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("token", &"***")
            .field("instagram", &self.instagram)
            .finish()
    }
}

pub(crate) async fn facebook_pages(graph_base: &str, user_token: &str) -> Result<Vec<Page>, ChannelError> {
    let mut graph = graph::Graph::new(graph_base, user_token.to_owned(), "me/accounts");
    let fields = "id,name,access_token,instagram_business_account{id,username}".to_owned();
    let mut page = graph.get("me/accounts", &[("fields", fields)], graph::Counted::No).await?;
    let mut pages = Vec::new();
    for _ in 0..20 {
        for entry in lenient::list(&page, "data") {
            let (Some(id), Some(token)) =
                (lenient::id(entry, "id"), lenient::non_empty(entry, "access_token"))
            else {
                continue;
            };
            pages.push(Page {
                name: lenient::non_empty(entry, "name").unwrap_or(&id).to_owned(),
                token: token.to_owned(),
                instagram: lenient::id(entry, "instagram_business_account/id").map(|ig| {
                    let username = lenient::non_empty(entry, "instagram_business_account/username")
                        .unwrap_or(&ig)
                        .to_owned();
                    (ig, username)
                }),
                id,
            });
        }
        match lenient::non_empty(&page, "paging/next").map(str::to_owned) {
            Some(next) => page = graph.get_next(&next, graph::Counted::No).await?,
            None => break,
        }
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorisation_addresses() {
        let ig = instagram_authorize_url("https://www.instagram.com", "123", "https://x.com/cb", "s1");
        assert!(ig.starts_with("https://www.instagram.com/oauth/authorize?client_id=123&redirect_uri=https%3A%2F%2Fx.com%2Fcb&response_type=code&scope=instagram_business_basic%2C"), "{ig}");
        assert!(ig.ends_with("&state=s1"));
        let fb = facebook_authorize_url("https://www.facebook.com/", "9", "https://x.com/cb", "s2");
        assert!(fb.starts_with("https://www.facebook.com/v24.0/dialog/oauth?client_id=9&"), "{fb}");
    }

    #[test]
    fn tokens_in_both_shapes_and_never_printed() {
        let plain = serde_json::json!({"access_token": "IGAAshort", "user_id": 178, "permissions": ["x"]});
        let wrapped = serde_json::json!({"data": [{"access_token": "IGAAshort", "user_id": "178"}]});
        assert_eq!(token_of(&plain, 3600).unwrap().access_token, "IGAAshort");
        assert_eq!(token_of(&wrapped, 3600).unwrap().expires_in, 3600);
        let printed = format!("{:?}", token_of(&plain, 1).unwrap());
        assert!(!printed.contains("IGAAshort"), "{printed}");
    }
}
