//! Connecting Instagram (Instagram Login: the seller's Meta app, the code pasted back, the 60-day
//! token) and Messenger (Facebook Login: the long-lived user token gives each Page's token, and the
//! seller picks the Page). The tokens go to the secret store, never to the webview.

use std::sync::Arc;

use mostrador_core::Mostrador;
use mostrador_core::accounts::{AccountView, NewAccount};
use mostrador_core::vocabulary::ChannelKind;
use serde_json::json;

use super::{ConnectError, SecretKey, base_or, blocking, pasted_code, save_account};
use crate::keys::Keys;
use crate::meta::login::{self, LoginError, Page};
use crate::secrets::SecretStore;

/// Production hosts, used when the seller leaves the base URL empty.
pub const INSTAGRAM_GRAPH_BASE: &str = "https://graph.instagram.com";
/// Where Instagram exchanges an authorisation code.
pub const INSTAGRAM_OAUTH_BASE: &str = "https://api.instagram.com";
/// Where the seller authorises the app on Instagram.
pub const INSTAGRAM_AUTH_BASE: &str = "https://www.instagram.com";
pub const FACEBOOK_GRAPH_BASE: &str = "https://graph.facebook.com";
pub const FACEBOOK_AUTH_BASE: &str = "https://www.facebook.com";

/// Instagram's authorisation page for the seller's app.
pub fn instagram_authorize_url(auth_base: &str, app_id: &str, redirect_uri: &str, state: &str) -> String {
    login::instagram_authorize_url(&base_or(auth_base, INSTAGRAM_AUTH_BASE), app_id, redirect_uri, state)
}

/// Facebook's authorisation dialog for the seller's app.
pub fn facebook_authorize_url(auth_base: &str, app_id: &str, redirect_uri: &str, state: &str) -> String {
    login::facebook_authorize_url(&base_or(auth_base, FACEBOOK_AUTH_BASE), app_id, redirect_uri, state)
}

/// What the Instagram wizard collected.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InstagramConnect {
    pub app_id: String,
    pub app_secret: String,
    pub redirect_uri: String,
    /// The address the browser landed on, or the bare code.
    pub pasted: String,
    /// The seller's app has Meta's human agent feature: replies may go out up to 7 days later.
    pub human_agent: bool,
    /// Empty: production (`graph.instagram.com`, `api.instagram.com`).
    pub graph_base: String,
    pub oauth_base: String,
    pub demo: bool,
}

/// What the Facebook wizard collected.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FacebookConnect {
    pub app_id: String,
    pub app_secret: String,
    pub redirect_uri: String,
    pub pasted: String,
    /// Empty: production (`graph.facebook.com`).
    pub graph_base: String,
}

// Written by hand so a log line or a panic message never shows the app secret or the code.
impl std::fmt::Debug for InstagramConnect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InstagramConnect")
            .field("app_id", &self.app_id)
            .field("app_secret", &"***")
            .field("redirect_uri", &self.redirect_uri)
            .field("pasted", &"***")
            .field("human_agent", &self.human_agent)
            .field("graph_base", &self.graph_base)
            .field("oauth_base", &self.oauth_base)
            .field("demo", &self.demo)
            .finish()
    }
}

impl std::fmt::Debug for FacebookConnect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FacebookConnect")
            .field("app_id", &self.app_id)
            .field("app_secret", &"***")
            .field("redirect_uri", &self.redirect_uri)
            .field("pasted", &"***")
            .field("graph_base", &self.graph_base)
            .finish()
    }
}

fn from_login(e: LoginError) -> ConnectError {
    match e {
        LoginError::CodeRejected(detail) => ConnectError::CodeRejected(detail),
        LoginError::WrongClient(detail) => ConnectError::WrongClient(detail),
        LoginError::Channel(e) => ConnectError::Channel(e),
    }
}

/// Exchanges the pasted code for a 60-day token, checks the account is professional, and adds the
/// account (or updates the one already connected for the same Instagram user). Returns its id.
pub async fn instagram(
    core: &Arc<Mostrador>,
    secrets: &Arc<dyn SecretStore>,
    request: InstagramConnect,
    now: i64,
) -> Result<i64, ConnectError> {
    let code = pasted_code(&request.pasted)?;
    let graph_base = base_or(&request.graph_base, INSTAGRAM_GRAPH_BASE);
    let oauth_base = base_or(&request.oauth_base, INSTAGRAM_OAUTH_BASE);
    let (short, _) = login::instagram_code(
        &oauth_base,
        &request.app_id,
        &request.app_secret,
        &request.redirect_uri,
        &code,
    )
    .await
    .map_err(from_login)?;
    let long = login::instagram_long_lived(&graph_base, &request.app_secret, &short.access_token)
        .await
        .map_err(from_login)?;
    let me = login::instagram_me(&graph_base, &long.access_token).await?;
    if me.account_type.as_deref().is_some_and(|t| t.eq_ignore_ascii_case("PERSONAL")) {
        return Err(ConnectError::NotProfessional);
    }
    let settings = json!({
        "api_base": graph_base,
        "ig_user_id": me.user_id,
        "username": me.username,
        "name": me.name,
        "app_id": request.app_id.trim(),
        "redirect_uri": request.redirect_uri.trim(),
        "human_agent": request.human_agent,
        "access_expires_at": now + long.expires_in,
        "demo": request.demo,
    });
    let existing = find(core, ChannelKind::Instagram, &me.user_id).await?;
    let account = NewAccount {
        channel: ChannelKind::Instagram,
        display_name: format!("@{}", me.username),
        external_id: Some(me.user_id.clone()),
        settings,
    };
    let fresh: Vec<(SecretKey, String)> = vec![(Keys::access_token, long.access_token)];
    save_account(core, secrets, existing, account, fresh, now).await
}

/// A Facebook login in progress: the Pages it gave, with their tokens (kept by the shell, never
/// sent to the webview), until the seller picks one.
#[derive(Clone)]
pub struct FacebookLogin {
    pages: Vec<Page>,
    graph_base: String,
    app_id: String,
    redirect_uri: String,
}

impl std::fmt::Debug for FacebookLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FacebookLogin")
            .field("pages", &self.pages)
            .field("graph_base", &self.graph_base)
            .finish()
    }
}

/// A Page the seller can pick, as the wizard lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PageOption {
    pub id: String,
    pub name: String,
    /// The Instagram account linked to the Page, by its username.
    pub instagram_username: Option<String>,
}

impl FacebookLogin {
    pub fn pages(&self) -> Vec<PageOption> {
        self.pages
            .iter()
            .map(|p| PageOption {
                id: p.id.clone(),
                name: p.name.clone(),
                instagram_username: p.instagram.as_ref().map(|(_, u)| u.clone()),
            })
            .collect()
    }
}

/// Exchanges the pasted code for a long-lived user token and reads the Pages it may use.
pub async fn facebook_login(request: FacebookConnect) -> Result<FacebookLogin, ConnectError> {
    let code = pasted_code(&request.pasted)?;
    let graph_base = base_or(&request.graph_base, FACEBOOK_GRAPH_BASE);
    let user = login::facebook_user_token(
        &graph_base,
        &request.app_id,
        &request.app_secret,
        &request.redirect_uri,
        &code,
    )
    .await
    .map_err(from_login)?;
    let pages = login::facebook_pages(&graph_base, &user.access_token).await?;
    if pages.is_empty() {
        return Err(ConnectError::NoPages);
    }
    Ok(FacebookLogin {
        pages,
        graph_base,
        app_id: request.app_id.trim().to_owned(),
        redirect_uri: request.redirect_uri.trim().to_owned(),
    })
}

/// The Page the seller picked, and how the account should behave.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MessengerConnect {
    pub page_id: String,
    pub human_agent: bool,
    pub demo: bool,
}

/// Adds the picked Page as a Messenger account (or updates the one already connected) with the
/// Page's token, which does not expire. Returns its id.
pub async fn messenger(
    core: &Arc<Mostrador>,
    secrets: &Arc<dyn SecretStore>,
    login: &FacebookLogin,
    request: MessengerConnect,
    now: i64,
) -> Result<i64, ConnectError> {
    let page =
        login.pages.iter().find(|p| p.id == request.page_id.trim()).ok_or(ConnectError::UnknownPage)?;
    let settings = json!({
        "api_base": login.graph_base,
        "page_id": page.id,
        "page_name": page.name,
        "instagram_username": page.instagram.as_ref().map(|(_, u)| u.clone()),
        "app_id": login.app_id,
        "redirect_uri": login.redirect_uri,
        "human_agent": request.human_agent,
        "demo": request.demo,
    });
    let existing = find(core, ChannelKind::Messenger, &page.id).await?;
    let account = NewAccount {
        channel: ChannelKind::Messenger,
        display_name: page.name.clone(),
        external_id: Some(page.id.clone()),
        settings,
    };
    let fresh: Vec<(SecretKey, String)> = vec![(Keys::access_token, page.token.clone())];
    save_account(core, secrets, existing, account, fresh, now).await
}

async fn find(
    core: &Arc<Mostrador>,
    channel: ChannelKind,
    external_id: &str,
) -> Result<Option<AccountView>, ConnectError> {
    let external_id = external_id.to_owned();
    Ok(blocking(core, move |core| core.accounts())
        .await?
        .into_iter()
        .find(|a| a.channel == channel && a.external_id.as_deref() == Some(external_id.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_hides_the_secrets() {
        let ig = InstagramConnect {
            app_id: "123".into(),
            app_secret: "s3cr3t-app".into(),
            redirect_uri: "https://x.com/cb".into(),
            pasted: "https://x.com/cb?code=AQ-code#_".into(),
            human_agent: false,
            graph_base: String::new(),
            oauth_base: String::new(),
            demo: false,
        };
        let printed = format!("{ig:?}");
        assert!(
            printed.contains("123") && !printed.contains("s3cr3t-app") && !printed.contains("AQ-code"),
            "{printed}"
        );
        let fb = FacebookConnect {
            app_id: "9".into(),
            app_secret: "fb-s3cr3t".into(),
            redirect_uri: "https://x.com/cb".into(),
            pasted: "AQD-code".into(),
            graph_base: String::new(),
        };
        let printed = format!("{fb:?}");
        assert!(!printed.contains("fb-s3cr3t") && !printed.contains("AQD-code"), "{printed}");
        let login = FacebookLogin {
            pages: vec![Page {
                id: "1".into(),
                name: "Barro".into(),
                token: "EAApage".into(),
                instagram: None,
            }],
            graph_base: String::new(),
            app_id: "9".into(),
            redirect_uri: String::new(),
        };
        assert!(!format!("{login:?}").contains("EAApage"));
    }
}
