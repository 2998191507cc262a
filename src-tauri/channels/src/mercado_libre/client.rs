//! Authenticated calls to the Mercado Libre API: the bearer token, refreshed proactively when it
//! has expired and once on a 401, with the rotated refresh token stored before the new access
//! token is used.

use std::path::PathBuf;
use std::sync::Arc;

use serde_json::Value;

use super::oauth::{self, OauthError};
use crate::keys::Keys;
use crate::secrets::{SecretStore, get_off_thread, renewal_lock, set_off_thread};
use crate::{ChannelError, http};

/// Refresh this long before the access token's stated expiry.
const EXPIRY_MARGIN_SECS: i64 = 120;

pub(crate) struct MlClient {
    keys: Keys,
    api_base: String,
    client_id: String,
    /// The database whose accounts' renewals are taken one at a time across processes.
    db_path: PathBuf,
    /// The access token in use and until when it is valid, when known (a token stored before the
    /// expiry was kept has none: it is used until the API says 401).
    access: Option<(String, Option<i64>)>,
}

pub(crate) enum Method<'b> {
    Get,
    Post(&'b Value),
}

impl MlClient {
    pub(crate) fn new(account_id: i64, api_base: String, client_id: String, db_path: PathBuf) -> MlClient {
        MlClient { keys: Keys::new(account_id), api_base, client_id, db_path, access: None }
    }

    pub(crate) async fn get(
        &mut self,
        secrets: &Arc<dyn SecretStore>,
        now: i64,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<Value, ChannelError> {
        self.call(secrets, now, Method::Get, path, query).await
    }

    pub(crate) async fn post(
        &mut self,
        secrets: &Arc<dyn SecretStore>,
        now: i64,
        path: &str,
        query: &[(&str, String)],
        body: &Value,
    ) -> Result<Value, ChannelError> {
        self.call(secrets, now, Method::Post(body), path, query).await
    }

    async fn call(
        &mut self,
        secrets: &Arc<dyn SecretStore>,
        now: i64,
        method: Method<'_>,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<Value, ChannelError> {
        let token = self.access_token(secrets, now).await?;
        match http::send_json(self.request(&method, path, query, &token)).await {
            Err(ChannelError::Rejected { status: 401, .. }) => {
                let token = self.refresh(secrets, now).await?;
                match http::send_json(self.request(&method, path, query, &token)).await {
                    Err(ChannelError::Rejected { status: 401, detail }) => {
                        Err(ChannelError::TokenRevoked(detail))
                    }
                    other => other,
                }
            }
            other => other,
        }
    }

    fn request(
        &self,
        method: &Method<'_>,
        path: &str,
        query: &[(&str, String)],
        token: &str,
    ) -> reqwest::RequestBuilder {
        let url = http::join(&self.api_base, path);
        let request = match method {
            Method::Get => http::client().get(url),
            Method::Post(body) => http::client().post(url).json(body),
        };
        request.bearer_auth(token).query(query)
    }

    async fn access_token(
        &mut self,
        secrets: &Arc<dyn SecretStore>,
        now: i64,
    ) -> Result<String, ChannelError> {
        if self.access.is_none() {
            // After a restart: the stored token and its expiry, so an expired one is renewed before
            // a call is spent learning it.
            let token = get_off_thread(secrets, self.keys.access_token()).await?.filter(|t| !t.is_empty());
            if let Some(token) = token {
                let until = get_off_thread(secrets, self.keys.access_token_expires_at()).await?;
                self.access = Some((token, until.and_then(|until| until.trim().parse().ok())));
            }
        }
        match &self.access {
            Some((token, None)) => Ok(token.clone()),
            Some((token, Some(until))) if now < until - EXPIRY_MARGIN_SECS => Ok(token.clone()),
            _ => self.refresh(secrets, now).await,
        }
    }

    /// Gets a new access token. The refresh token is single-use: the new one is stored before the new
    /// access token is used, so a crash right after leaves a working token in the store.
    pub(crate) async fn refresh(
        &mut self,
        secrets: &Arc<dyn SecretStore>,
        now: i64,
    ) -> Result<String, ChannelError> {
        self.access = None;
        let client_secret = get_off_thread(secrets, self.keys.client_secret())
            .await?
            .ok_or_else(|| ChannelError::SecretMissing("client_secret".into()))?;
        // Read under the lock: the CLI beside the app may have just spent the one stored before.
        let _renewing = renewal_lock::hold(&self.db_path).await?;
        let current = get_off_thread(secrets, self.keys.refresh_token())
            .await?
            .ok_or_else(|| ChannelError::SecretMissing("refresh_token".into()))?;
        let tokens = match oauth::refresh(&self.api_base, &self.client_id, &client_secret, &current).await {
            Ok(tokens) => tokens,
            Err(OauthError::InvalidGrant(detail)) => return Err(ChannelError::TokenRevoked(detail)),
            Err(e) => return Err(e.into()),
        };
        set_off_thread(secrets, self.keys.refresh_token(), tokens.refresh_token.clone()).await?;
        set_off_thread(secrets, self.keys.access_token(), tokens.access_token.clone()).await?;
        // After the token: a crash between the two leaves the older, earlier expiry, which only
        // renews sooner than needed.
        let until = now + tokens.expires_in;
        set_off_thread(secrets, self.keys.access_token_expires_at(), until.to_string()).await?;
        self.access = Some((tokens.access_token.clone(), Some(until)));
        Ok(tokens.access_token)
    }
}
