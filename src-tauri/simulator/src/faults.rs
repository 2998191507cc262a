//! Faults injected on demand: the next `times` requests to one API (optionally only paths
//! containing a string) fail the way the real service fails.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Api {
    MercadoLibre,
    Telegram,
    /// The Instagram server (graph.instagram.com and its OAuth).
    Instagram,
    /// The Facebook server (graph.facebook.com: Messenger, the Page's feed, its OAuth).
    Messenger,
    /// The Etsy Open API v3 server (receipts and its OAuth).
    Etsy,
    /// The Microsoft identity platform (login.microsoftonline.com: device code and token).
    Microsoft,
}

/// How requests fail. Instagram and Messenger answer in the Graph API's shape (HTTP 400 with
/// `{"error":{"code",…}}` unless noted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// 429 with `Retry-After` (and Telegram's `parameters.retry_after`). Meta: code 613 with
    /// `X-Business-Use-Case-Usage` (`estimated_time_to_regain_access` in whole minutes, 0 under
    /// one minute) and no `Retry-After`.
    RateLimited { retry_after_secs: u32 },
    /// 500 with the service's error body (Meta: code 2).
    ServerError,
    /// The answer comes late, then normally.
    Slow { millis: u64 },
    /// The socket is closed without any response.
    DropConnection,
    /// The request is carried out, then answered 200 with a truncated JSON body.
    MalformedJson,
    /// Every access token issued so far stops working now (401); refreshing works. Applies at
    /// once when injected; `times` and `path_contains` are ignored. Meta: every token of the
    /// platform answers 190/463 ("session has expired"); an Instagram long-lived token at least a
    /// day old can still be refreshed into a working one, otherwise log in again.
    ExpireAccessTokens,
    /// The seller revoked the application: every access and refresh token issued so far is
    /// invalid (401, then `invalid_grant` on refresh). Applies at once like `ExpireAccessTokens`.
    /// Meta: every token of the platform answers 190/460 (password changed), refresh included.
    RevokeRefreshToken,
    /// Etsy: every refresh token issued so far is past its 90 days (400 `invalid_grant` on refresh)
    /// and the access tokens with them. Applies at once; ignored by the other APIs.
    ExpireRefreshTokens,
    /// 403 `PA_UNAUTHORIZED_RESULT_FROM_POLICIES`: the application lacks the pre- and post-sale
    /// communication permission. Meta: 403 code 200 ("Requires … permission").
    PolicyForbidden,
    /// 404 with the service's error body (a pack or resource the seller can no longer read).
    /// Meta: 400 code 100 subcode 33 (unknown object).
    NotFound,
    /// Meta: the app's own limit, code 4. Elsewhere a 429 of one minute.
    AppRateLimit,
    /// Meta: the user's limit, code 17. Elsewhere a 429 of one minute.
    UserRateLimit,
    /// Meta: the Page's limit, code 32. Elsewhere a 429 of one minute.
    PageRateLimit,
    /// Meta: 403 code 10, the app lacks a permission. Elsewhere like `PolicyForbidden`.
    PermissionMissing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    pub api: Api,
    /// Only requests whose path and query contain this string (e.g. "getUpdates", "/answers").
    #[serde(default)]
    pub path_contains: Option<String>,
    pub kind: FaultKind,
    /// How many matching requests fail (0 counts as 1).
    #[serde(default = "one")]
    pub times: u32,
}

fn one() -> u32 {
    1
}

impl FaultKind {
    /// Faults that change the token store at once instead of waiting for a request.
    pub(crate) fn is_immediate(&self) -> bool {
        matches!(
            self,
            FaultKind::ExpireAccessTokens | FaultKind::RevokeRefreshToken | FaultKind::ExpireRefreshTokens
        )
    }
}

/// Pending request faults, oldest first.
#[derive(Default)]
pub(crate) struct FaultQueue {
    pending: Vec<(Fault, u32)>,
}

impl FaultQueue {
    pub fn push(&mut self, fault: Fault) {
        let times = fault.times.max(1);
        self.pending.push((fault, times));
    }

    /// The fault that applies to this request, counting it down.
    pub fn take(&mut self, api: Api, path_and_query: &str) -> Option<FaultKind> {
        let index = self.pending.iter().position(|(fault, _)| {
            fault.api == api
                && fault.path_contains.as_deref().is_none_or(|part| path_and_query.contains(part))
        })?;
        let kind = self.pending[index].0.kind.clone();
        self.pending[index].1 -= 1;
        if self.pending[index].1 == 0 {
            self.pending.remove(index);
        }
        Some(kind)
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.pending.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_count_down_and_filter_by_api_and_path() {
        let mut queue = FaultQueue::default();
        queue.push(Fault {
            api: Api::Telegram,
            path_contains: Some("getUpdates".into()),
            kind: FaultKind::ServerError,
            times: 2,
        });
        assert_eq!(queue.take(Api::MercadoLibre, "/bot1:a/getUpdates"), None);
        assert_eq!(queue.take(Api::Telegram, "/bot1:a/sendMessage"), None);
        assert_eq!(queue.take(Api::Telegram, "/bot1:a/getUpdates"), Some(FaultKind::ServerError));
        assert_eq!(queue.take(Api::Telegram, "/bot1:a/getUpdates"), Some(FaultKind::ServerError));
        assert_eq!(queue.take(Api::Telegram, "/bot1:a/getUpdates"), None);
        assert_eq!(queue.len(), 0);
    }
}
