//! Meta's Graph API on two servers sharing one state: the Instagram one (graph.instagram.com,
//! api.instagram.com and the authorize page of www.instagram.com) and the Facebook one
//! (graph.facebook.com and www.facebook.com's OAuth dialog). Paths take any `/vNN.N/` prefix.
//! Ids in paths are of many kinds (conversations, buyers, posts, comments), so each server
//! dispatches by hand instead of through a route table.

mod comments;
mod conversations;
pub(crate) mod error;
mod fields;
pub(crate) mod identity;
mod oauth;
mod paging;
pub(crate) mod rate_limit;
pub(crate) mod render;
pub(crate) mod send;
pub(crate) mod snapshot;
pub(crate) mod store;
pub(crate) mod tokens;

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, Uri, header};
use axum::response::{IntoResponse, Response};

use self::error::{GraphError, GraphResult};
use self::fields::Fields;
use self::identity::Platform;
use self::paging::PageLink;
use self::store::NodeKind;
use self::tokens::ValidToken;
use crate::clock::meta_date;
use crate::params::Params;
use crate::state::Shared;

pub(crate) fn instagram_router(sim: Arc<Shared>) -> Router {
    Router::new().merge(crate::admin::router()).fallback(instagram).with_state(sim)
}

pub(crate) fn facebook_router(sim: Arc<Shared>) -> Router {
    Router::new().merge(crate::admin::router()).fallback(facebook).with_state(sim)
}

/// A Graph API request, read once.
pub(crate) struct GraphRequest {
    pub method: Method,
    /// The path after the version prefix, split at '/'.
    pub segments: Vec<String>,
    /// The path as sent, for `paging.next`.
    pub path: String,
    pub query: Option<String>,
    pub params: Params,
    /// "http://host:port" as the client addressed it.
    pub base: String,
    bearer: Option<String>,
}

impl GraphRequest {
    fn read(method: Method, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> GraphRequest {
        let path = uri.path().to_owned();
        let mut segments: Vec<String> =
            path.split('/').filter(|segment| !segment.is_empty()).map(str::to_owned).collect();
        if segments.first().is_some_and(|first| is_version(first)) {
            segments.remove(0);
        }
        let bearer =
            headers.get(header::AUTHORIZATION).and_then(|value| value.to_str().ok()).and_then(|value| {
                let (scheme, token) = value.trim().split_once(' ')?;
                (scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("oauth"))
                    .then(|| token.trim().to_owned())
            });
        let host = headers.get(header::HOST).and_then(|value| value.to_str().ok()).unwrap_or("127.0.0.1");
        GraphRequest {
            method,
            segments,
            path,
            query: uri.query().map(str::to_owned),
            params: Params::parse(uri.query(), body),
            base: format!("http://{host}"),
            bearer,
        }
    }

    pub fn token(&self) -> Option<String> {
        self.bearer.clone().or_else(|| self.params.str("access_token"))
    }

    pub fn fields(&self) -> Fields {
        Fields::parse(self.params.str("fields").as_deref())
    }

    pub fn link(&self) -> PageLink<'_> {
        PageLink { base: &self.base, path: &self.path, query: self.query.as_deref() }
    }

    /// A parameter that may be an object or that object as a JSON string (form bodies).
    pub fn object(&self, key: &str) -> Option<serde_json::Value> {
        match self.params.get(key)? {
            serde_json::Value::String(text) => serde_json::from_str(text).ok(),
            other => Some(other.clone()),
        }
    }
}

/// "v24.0", "v19.0", "v3".
fn is_version(segment: &str) -> bool {
    segment.strip_prefix('v').is_some_and(|rest| {
        !rest.is_empty()
            && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
            && rest.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// A live token of this platform, or the error Meta gives.
pub(crate) fn authenticate(
    sim: &Shared,
    request: &GraphRequest,
    platform: Platform,
) -> GraphResult<ValidToken> {
    let token = request.token().ok_or_else(GraphError::token_unparsable)?;
    let now = sim.now();
    sim.world().meta.tokens.check(&token, platform, now, meta_date)
}

/// One call of the Conversations API against the account's 2-per-second budget.
pub(crate) fn count_conversations_call(sim: &Shared, platform: Platform) -> GraphResult<()> {
    let account = sim.meta_app().shop_id(platform).to_owned();
    if sim.meta_rate().admit(&account, Instant::now()) {
        Ok(())
    } else {
        Err(GraphError::rate_limited(&account, platform, 0))
    }
}

fn respond(result: GraphResult<Response>) -> Response {
    result.unwrap_or_else(IntoResponse::into_response)
}

async fn instagram(
    State(sim): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request = GraphRequest::read(method, &uri, &headers, &body);
    let segments: Vec<&str> = request.segments.iter().map(String::as_str).collect();
    match (request.method.clone(), segments.as_slice()) {
        (Method::GET, ["oauth", "authorize"]) => oauth::instagram_authorize(&sim, &request),
        (Method::POST, ["oauth", "access_token"]) => oauth::instagram_code(&sim, &request),
        (Method::GET, ["access_token"]) => respond(oauth::instagram_exchange(&sim, &request)),
        (Method::GET, ["refresh_access_token"]) => respond(oauth::instagram_refresh(&sim, &request)),
        (method, path) => respond(instagram_api(&sim, &request, method, path)),
    }
}

fn instagram_api(
    sim: &Shared,
    request: &GraphRequest,
    method: Method,
    path: &[&str],
) -> GraphResult<Response> {
    let platform = Platform::Instagram;
    authenticate(sim, request, platform)?;
    let me = |segment: &str| segment == "me" || segment == sim.meta_app().instagram.user_id;
    match (method, path) {
        (Method::GET, [account]) if me(account) => Ok(conversations::instagram_me(sim, request)),
        (Method::GET, [account, "conversations"]) if me(account) => {
            conversations::list(sim, request, platform)
        }
        (Method::GET, [account, "media"]) if me(account) => comments::posts(sim, request, platform),
        (Method::POST, [account, "messages"]) if me(account) => send::send(sim, request, platform),
        (method, path) => node(sim, request, method, path, platform),
    }
}

async fn facebook(
    State(sim): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request = GraphRequest::read(method, &uri, &headers, &body);
    let segments: Vec<&str> = request.segments.iter().map(String::as_str).collect();
    match (request.method.clone(), segments.as_slice()) {
        (Method::GET, ["dialog", "oauth"]) => oauth::facebook_authorize(&sim, &request),
        (Method::GET, ["oauth", "access_token"]) => respond(oauth::facebook_token(&sim, &request)),
        (method, path) => respond(facebook_api(&sim, &request, method, path)),
    }
}

fn facebook_api(
    sim: &Shared,
    request: &GraphRequest,
    method: Method,
    path: &[&str],
) -> GraphResult<Response> {
    let platform = Platform::Messenger;
    let caller = authenticate(sim, request, platform)?;
    let page =
        |segment: &str| segment == sim.meta_app().page.id || (segment == "me" && caller.kind.is_page());
    let page_token = || {
        if caller.kind.is_page() { Ok(()) } else { Err(GraphError::permission_required("pages_messaging")) }
    };
    match (method, path) {
        (Method::GET, ["me"]) => Ok(conversations::facebook_me(sim, request, caller)),
        (Method::GET, [id]) if page(id) => Ok(conversations::facebook_page(sim, request)),
        (Method::GET, ["me", "accounts"]) => oauth::facebook_accounts(sim, request, caller),
        (Method::GET, [id, "conversations"]) if page(id) => {
            page_token()?;
            conversations::list(sim, request, platform)
        }
        (Method::POST, [id, "messages"]) if page(id) => {
            page_token()?;
            send::send(sim, request, platform)
        }
        (Method::GET, [id, "feed" | "posts" | "published_posts"]) if page(id) => {
            page_token()?;
            comments::posts(sim, request, platform)
        }
        (method, path) => {
            page_token()?;
            node(sim, request, method, path, platform)
        }
    }
}

/// Requests on an object id: a conversation, a buyer, a post or a comment of this platform.
fn node(
    sim: &Shared,
    request: &GraphRequest,
    method: Method,
    path: &[&str],
    platform: Platform,
) -> GraphResult<Response> {
    let post = method != Method::GET;
    let kind = path.first().map(|id| sim.world().meta.kind_of(id, platform));
    let replies_edge = if platform == Platform::Instagram { "replies" } else { "comments" };
    match (method, path, kind) {
        (Method::GET, [id], Some(NodeKind::Conversation)) => conversations::read(sim, request, id, platform),
        (Method::GET, [id], Some(NodeKind::Buyer)) => conversations::profile(sim, request, id, platform),
        (Method::GET, [id], Some(NodeKind::Post)) => comments::post(sim, request, id),
        (Method::GET, [id], Some(NodeKind::Comment)) => comments::comment(sim, request, id),
        (Method::GET, [id, "comments"], Some(NodeKind::Post)) => comments::list(sim, request, id),
        (Method::GET, [id, edge], Some(NodeKind::Comment)) if *edge == replies_edge => {
            comments::replies(sim, request, id)
        }
        (Method::POST, [id, edge], Some(NodeKind::Comment)) if *edge == replies_edge => {
            comments::reply(sim, request, id)
        }
        (Method::POST, [id], Some(NodeKind::Comment)) => comments::hide(sim, request, id),
        (_, [id, ..], _) => Err(GraphError::unknown_object(id, post)),
        (_, [], _) => Err(GraphError::unknown_object("", post)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_version_prefix_is_accepted() {
        for version in ["v24.0", "v19.0", "v3"] {
            assert!(is_version(version), "{version}");
        }
        for other in ["me", "v", "vX.0", "17841400000000001"] {
            assert!(!is_version(other), "{other}");
        }
    }
}
