//! Connecting Etsy's orders: the seller's own Etsy app (its keystring), OAuth 2.0 with the PKCE
//! Etsy requires, the page the browser lands on pasted back as for Mercado Libre. The account is
//! the shop's one Etsy account: the one its notice e-mails already made, when there is one, so the
//! conversations from mail and the orders from the API meet in the same place.

use std::sync::Arc;

use mostrador_core::Mostrador;
use mostrador_core::accounts::{AccountView, CursorUpdate, NewAccount, SyncBatch};
use mostrador_core::vocabulary::ChannelKind;
use serde_json::json;

use super::{ConnectError, Pkce, SecretKey, base_or, blocking, pasted_code, save_account};
use crate::etsy::{self, client};
use crate::keys::Keys;
use crate::mercado_libre::oauth::OauthError;
use crate::secrets::SecretStore;

/// api.etsy.com (the Open API's paths start with `/v3`).
pub const ETSY_API_BASE: &str = "https://api.etsy.com";
/// Where the seller allows the app (www.etsy.com; the simulator serves the same path).
pub const ETSY_CONNECT_BASE: &str = "https://www.etsy.com";
/// Receipts need `transactions_r`; the shop's name needs `shops_r`.
pub const ETSY_SCOPES: &str = "transactions_r shops_r";

/// The page the seller opens to allow the app. Etsy refuses it without PKCE and a `state`.
pub fn etsy_authorize_url(
    connect_base: &str,
    keystring: &str,
    redirect_uri: &str,
    state: &str,
    pkce: &Pkce,
) -> String {
    let mut url = url::Url::parse(&crate::http::join(connect_base, "oauth/connect")).unwrap_or_else(|_| {
        url::Url::parse("https://www.etsy.com/oauth/connect").expect("a valid constant URL")
    });
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", keystring.trim())
        .append_pair("redirect_uri", redirect_uri.trim())
        .append_pair("scope", ETSY_SCOPES)
        .append_pair("state", state)
        .append_pair("code_challenge", &pkce.challenge)
        .append_pair("code_challenge_method", "S256");
    url.into()
}

/// What the Etsy wizard collected.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EtsyConnect {
    /// The app's keystring (Etsy calls it the API key).
    pub keystring: String,
    pub redirect_uri: String,
    /// The address the browser landed on, or the bare `code`.
    pub pasted: String,
    /// The verifier of the challenge the authorisation page carried.
    pub code_verifier: String,
    /// Empty: production.
    pub api_base: String,
    pub demo: bool,
}

// By hand, so a log line never shows the code or the verifier.
impl std::fmt::Debug for EtsyConnect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EtsyConnect")
            .field("keystring", &self.keystring)
            .field("redirect_uri", &self.redirect_uri)
            .field("pasted", &"***")
            .field("code_verifier", &"***")
            .field("api_base", &self.api_base)
            .field("demo", &self.demo)
            .finish()
    }
}

/// Exchanges the pasted code, reads whose shop it is, and makes (or reconnects) the shop's Etsy
/// account. Returns the account id.
pub async fn etsy(
    core: &Arc<Mostrador>,
    secrets: &Arc<dyn SecretStore>,
    request: EtsyConnect,
    now: i64,
) -> Result<i64, ConnectError> {
    let code = pasted_code(&request.pasted)?;
    let api_base = base_or(&request.api_base, ETSY_API_BASE);
    let keystring = request.keystring.trim().to_owned();
    let redirect_uri = request.redirect_uri.trim().to_owned();
    let tokens = client::exchange_code(&api_base, &keystring, &redirect_uri, &code, &request.code_verifier)
        .await
        .map_err(|e| match e {
            OauthError::InvalidGrant(detail) => ConnectError::CodeRejected(detail),
            OauthError::InvalidClient(detail) => ConnectError::WrongClient(detail),
            OauthError::Channel(e) => ConnectError::Channel(e),
        })?;
    let me = etsy::users_me(&api_base, &keystring, &tokens.access_token).await?;
    let shop_name = me.shop_name.clone().unwrap_or_else(|| "Etsy".to_owned());
    let settings = json!({
        "api_base": api_base,
        "keystring": keystring,
        "redirect_uri": redirect_uri,
        "shop_id": me.shop_id,
        "user_id": me.user_id,
        "shop_name": shop_name,
        "demo": request.demo,
    });
    let user_id = me.user_id.clone();
    let accounts = blocking(core, move |core| core.accounts()).await?;
    // The account for this Etsy user; else the one the notice e-mails made (no user yet).
    let existing = accounts
        .iter()
        .find(|a: &&AccountView| a.channel == ChannelKind::Etsy && a.external_id.as_deref() == Some(&user_id))
        .or_else(|| accounts.iter().find(|a| a.channel == ChannelKind::Etsy && a.external_id.is_none()))
        .cloned();
    let adopted = existing.as_ref().filter(|a| a.external_id.is_none()).map(|a| a.id);
    let account = NewAccount {
        channel: ChannelKind::Etsy,
        display_name: shop_name.clone(),
        external_id: Some(me.user_id.clone()),
        settings,
    };
    let fresh = vec![
        (Keys::refresh_token as SecretKey, tokens.refresh_token),
        (Keys::access_token, tokens.access_token),
    ];
    let id = save_account(core, secrets, existing, account, fresh, now).await?;
    let until = now + tokens.expires_in;
    blocking(core, move |core| {
        if adopted.is_some() {
            core.set_account_identity(id, &user_id, &shop_name)?;
        }
        // The token's expiry, so the first round does not spend a refresh to learn it.
        let expiry = CursorUpdate { stream: client::EXPIRY_STREAM.into(), cursor: until.to_string() };
        core.commit_sync(id, &SyncBatch { cursors: vec![expiry], ..SyncBatch::default() }, now)?;
        Ok(())
    })
    .await?;
    Ok(id)
}
