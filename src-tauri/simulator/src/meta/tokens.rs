//! Meta's authorization codes and access tokens: Instagram short (1 h) and long-lived (60 days,
//! refreshable once a day old), Facebook user tokens, and Page tokens that never expire when
//! they come from a long-lived user token. Faults expire or revoke every token of a platform.

use std::collections::HashMap;

use super::error::GraphError;
use super::identity::Platform;
use crate::ids::alnum;

pub(crate) const IG_SHORT_SECS: i64 = 3_600;
pub(crate) const IG_LONG_SECS: i64 = 5_184_000;
/// What Facebook's token endpoint says as `expires_in` for user tokens (about 60 days).
pub(crate) const FB_USER_SECS: i64 = 5_183_944;
/// Instagram long-lived tokens can be refreshed once they are a day old.
pub(crate) const REFRESH_MIN_AGE_SECS: i64 = 86_400;
const IG_CODE_SECS: i64 = 3_600;
const FB_CODE_SECS: i64 = 600;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    InstagramShort,
    InstagramLong,
    FacebookUserShort,
    FacebookUserLong,
    FacebookPage,
}

impl TokenKind {
    pub fn platform(self) -> Platform {
        match self {
            TokenKind::InstagramShort | TokenKind::InstagramLong => Platform::Instagram,
            _ => Platform::Messenger,
        }
    }

    pub fn is_page(self) -> bool {
        self == TokenKind::FacebookPage
    }

    pub fn is_facebook_user(self) -> bool {
        matches!(self, TokenKind::FacebookUserShort | TokenKind::FacebookUserLong)
    }
}

#[derive(Debug, Clone)]
struct TokenInfo {
    kind: TokenKind,
    issued_at: i64,
    expires_at: Option<i64>,
    /// Set by the ExpireAccessTokens fault: the token answers "session has expired" from then on.
    stale_since: Option<i64>,
    /// Set by the RevokeRefreshToken fault (password changed, app removed).
    revoked: bool,
}

#[derive(Debug, Clone)]
struct CodeGrant {
    platform: Platform,
    expires_at: i64,
    used: bool,
}

/// Why a code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CodeRefusal {
    Unknown,
    Used,
    Expired,
}

#[derive(Default)]
pub(crate) struct MetaTokens {
    codes: HashMap<String, CodeGrant>,
    tokens: HashMap<String, TokenInfo>,
    /// The Page token handed out for each user token, so `me/accounts` answers the same one.
    page_token_of: HashMap<String, String>,
    serial: u64,
}

/// A live token as a handler sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ValidToken {
    pub kind: TokenKind,
    pub issued_at: i64,
}

impl MetaTokens {
    fn body(&mut self, seed: u64, len: usize) -> String {
        self.serial += 1;
        alnum(seed ^ 0x3e7a, self.serial, len).replace(['-', '_'], "Z")
    }

    /// A code as if the seller clicked "Allow" (Instagram: 1 hour, Facebook: 10 minutes; single use).
    pub fn issue_code(&mut self, seed: u64, platform: Platform, now: i64) -> String {
        let code = format!("AQ{}", self.body(seed, 96));
        let lifetime = if platform == Platform::Instagram { IG_CODE_SECS } else { FB_CODE_SECS };
        self.codes.insert(code.clone(), CodeGrant { platform, expires_at: now + lifetime, used: false });
        code
    }

    /// Spends the code: right or wrong, it cannot be tried again.
    pub fn redeem_code(&mut self, code: &str, platform: Platform, now: i64) -> Result<(), CodeRefusal> {
        let grant = self.codes.get_mut(code).filter(|grant| grant.platform == platform);
        let grant = grant.ok_or(CodeRefusal::Unknown)?;
        if grant.used {
            return Err(CodeRefusal::Used);
        }
        grant.used = true;
        if grant.expires_at < now { Err(CodeRefusal::Expired) } else { Ok(()) }
    }

    pub fn issue(&mut self, seed: u64, kind: TokenKind, now: i64, expires_at: Option<i64>) -> String {
        let token = match kind {
            TokenKind::InstagramShort => format!("IGAA{}", self.body(seed, 120)),
            TokenKind::InstagramLong => format!("IGAA{}", self.body(seed, 160)),
            _ => format!("EAA{}", self.body(seed, 180)),
        };
        let info = TokenInfo { kind, issued_at: now, expires_at, stale_since: None, revoked: false };
        self.tokens.insert(token.clone(), info);
        token
    }

    /// The Page token for this user token: never expiring from a long-lived user token, living as
    /// long as the user token otherwise.
    pub fn page_token(&mut self, seed: u64, user_token: &str, now: i64) -> Option<String> {
        if let Some(token) = self.page_token_of.get(user_token) {
            return Some(token.clone());
        }
        let user = self.tokens.get(user_token)?.clone();
        let expires_at = if user.kind == TokenKind::FacebookUserLong { None } else { user.expires_at };
        let token = self.issue(seed, TokenKind::FacebookPage, now, expires_at);
        self.page_token_of.insert(user_token.to_owned(), token.clone());
        Some(token)
    }

    /// The token when it is alive on this platform; the error Meta gives otherwise (dates already
    /// formatted by `date`).
    pub fn check(
        &self,
        token: &str,
        platform: Platform,
        now: i64,
        date: impl Fn(i64) -> String,
    ) -> Result<ValidToken, GraphError> {
        let info = self.tokens.get(token).filter(|info| info.kind.platform() == platform);
        let info = info.ok_or_else(GraphError::token_unparsable)?;
        if info.revoked {
            return Err(GraphError::token_revoked());
        }
        let natural = info.expires_at.filter(|at| *at <= now);
        if let Some(at) = info.stale_since.or(natural) {
            return Err(GraphError::token_expired(&date(at), &date(now)));
        }
        Ok(ValidToken { kind: info.kind, issued_at: info.issued_at })
    }

    /// Refresh looks past the ExpireAccessTokens fault (that is what the fault is for) but not past
    /// a revocation nor the token's own expiry.
    pub fn check_refreshable(
        &self,
        token: &str,
        now: i64,
        date: impl Fn(i64) -> String,
    ) -> Result<ValidToken, GraphError> {
        let info = self.tokens.get(token).filter(|info| info.kind.platform() == Platform::Instagram);
        let info = info.ok_or_else(GraphError::token_unparsable)?;
        if info.revoked {
            return Err(GraphError::token_revoked());
        }
        if let Some(at) = info.expires_at.filter(|at| *at <= now) {
            return Err(GraphError::token_expired(&date(at), &date(now)));
        }
        Ok(ValidToken { kind: info.kind, issued_at: info.issued_at })
    }

    /// Every token of the platform issued so far answers "session has expired" from now on.
    pub fn expire_all(&mut self, platform: Platform, now: i64) {
        for info in self.tokens.values_mut().filter(|info| info.kind.platform() == platform) {
            info.stale_since.get_or_insert(now);
        }
    }

    /// The seller changed their password or removed the app: every token and pending code dies.
    pub fn revoke_all(&mut self, platform: Platform) {
        for info in self.tokens.values_mut().filter(|info| info.kind.platform() == platform) {
            info.revoked = true;
        }
        self.codes.retain(|_, grant| grant.platform != platform);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(unix: i64) -> String {
        unix.to_string()
    }

    #[test]
    fn codes_are_single_use_and_tokens_expire_or_die() {
        let mut store = MetaTokens::default();
        let code = store.issue_code(1, Platform::Messenger, 1_000);
        assert_eq!(store.redeem_code(&code, Platform::Instagram, 1_000), Err(CodeRefusal::Unknown));
        assert_eq!(store.redeem_code(&code, Platform::Messenger, 1_000), Ok(()));
        assert_eq!(store.redeem_code(&code, Platform::Messenger, 1_000), Err(CodeRefusal::Used));
        let late = store.issue_code(1, Platform::Messenger, 1_000);
        assert_eq!(store.redeem_code(&late, Platform::Messenger, 1_601), Err(CodeRefusal::Expired));

        let short = store.issue(1, TokenKind::InstagramShort, 1_000, Some(1_000 + IG_SHORT_SECS));
        assert!(store.check(&short, Platform::Instagram, 1_001, date).is_ok());
        assert!(store.check(&short, Platform::Messenger, 1_001, date).is_err());
        assert!(store.check(&short, Platform::Instagram, 1_000 + IG_SHORT_SECS, date).is_err());

        let user = store.issue(1, TokenKind::FacebookUserLong, 1_000, Some(1_000 + FB_USER_SECS));
        let page = store.page_token(1, &user, 1_000).expect("page token");
        assert_eq!(store.page_token(1, &user, 2_000).as_deref(), Some(page.as_str()));
        assert!(store.check(&page, Platform::Messenger, 1_000 + 10 * FB_USER_SECS, date).is_ok());
        store.expire_all(Platform::Messenger, 5_000);
        assert!(store.check(&page, Platform::Messenger, 5_001, date).is_err());
        store.revoke_all(Platform::Messenger);
        assert!(store.check(&user, Platform::Messenger, 5_001, date).is_err());
    }
}
