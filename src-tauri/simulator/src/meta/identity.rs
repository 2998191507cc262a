//! The seller's Meta app and the identities it reaches: the Instagram professional account, the
//! Facebook Page linked to it and the Facebook user who manages the Page. Derived from the seed
//! only, so adding Meta never changes the Mercado Libre and Telegram data of a seed.

use serde::{Deserialize, Serialize};

use crate::activity::catalog::Catalog;
use crate::activity::phrases::nickname_part;
use crate::ids::{hex32, mix64};
use crate::site::{Lang, Site};

/// Which Meta messaging product a code, a token, a conversation or a comment belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// Instagram API with Instagram Login (graph.instagram.com).
    Instagram,
    /// A Facebook Page's Messenger inbox and feed (graph.facebook.com).
    Messenger,
}

impl Platform {
    /// The `platform` value of the Conversations API and the `type` of the usage header.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Platform::Instagram => "instagram",
            Platform::Messenger => "messenger",
        }
    }
}

/// The seller's own Meta app as registered in the simulator, and the accounts that authorise it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaApp {
    pub app_id: String,
    pub app_secret: String,
    /// Registered redirect URI for both logins: exact match required.
    pub redirect_uri: String,
    /// The app passed review for the HUMAN_AGENT tag (replies up to 7 days after the buyer's
    /// last message). Off unless [`crate::Simulator::set_meta_human_agent`] turns it on.
    pub human_agent: bool,
    pub instagram: InstagramAccount,
    pub page: FacebookPage,
    pub facebook_user: FacebookUser,
}

/// The shop's Instagram professional account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstagramAccount {
    /// The professional account id ("17841…"): `user_id` of `me`, the shop's id in messages.
    pub user_id: String,
    /// The app-scoped id `me` answers as `id`.
    pub app_scoped_id: String,
    pub username: String,
    pub name: String,
    /// "BUSINESS" unless changed with [`crate::Simulator::set_instagram_account_type`].
    pub account_type: String,
}

/// The shop's Facebook Page, linked to [`InstagramAccount`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacebookPage {
    pub id: String,
    pub name: String,
}

/// The person who logs in with Facebook and manages the Page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacebookUser {
    pub id: String,
    pub name: String,
}

impl MetaApp {
    pub(crate) fn new(seed: u64, site: &Site, catalog: &Catalog) -> MetaApp {
        let number = |salt: u64, base: u64, spread: u64| (base + mix64(seed ^ salt) % spread).to_string();
        let shop_word = match site.lang {
            Lang::Es => "Taller",
            Lang::Pt => "Ateliê",
        };
        let name = format!("{shop_word} {}", catalog.seller_first_name);
        let username = format!(
            "{}.{}",
            nickname_part(shop_word).to_lowercase(),
            nickname_part(&catalog.seller_first_name).to_lowercase()
        );
        MetaApp {
            app_id: number(0xa991, 1_200_000_000_000_000, 99_999_999_999_999),
            app_secret: hex32(seed ^ 0x5ec7, 1),
            redirect_uri: "https://mostrador.app/meta/callback".to_owned(),
            human_agent: false,
            instagram: InstagramAccount {
                user_id: number(0x1917, 17_841_400_000_000_000, 99_999_999),
                app_scoped_id: number(0x1a5c, 26_000_000_000_000_000, 999_999_999_999),
                username,
                name: name.clone(),
                account_type: "BUSINESS".to_owned(),
            },
            page: FacebookPage { id: number(0x9a9e, 100_000_000_000_000, 99_999_999_999), name },
            facebook_user: FacebookUser {
                id: number(0xfb05, 10_000_000_000_000_000, 999_999_999_999),
                name: format!("{} {}", catalog.seller_first_name, catalog.seller_last_name),
            },
        }
    }

    /// The account a platform's calls count against (rate limit) and the shop's id in its messages.
    pub(crate) fn shop_id(&self, platform: Platform) -> &str {
        match platform {
            Platform::Instagram => &self.instagram.user_id,
            Platform::Messenger => &self.page.id,
        }
    }
}
