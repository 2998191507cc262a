//! The sample seller's six accounts.

use serde_json::json;

use crate::accounts::NewAccount;
use crate::vocabulary::ChannelKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum AccountKey {
    MercadoLibreAr,
    MercadoLivreBr,
    Instagram,
    WhatsApp,
    Etsy,
    Email,
}

pub(super) const SHOP_NAME: &str = "Barro Serrano — cerámica de Lucía Ferreyra";
pub(super) const ML_NICKNAME: &str = "BARROSERRANO";
/// The workshop's payment alias, pasted in WhatsApp and Instagram (never on Mercado Libre).
pub(super) const PAYMENT_ALIAS: &str = "barro.serrano.mp";
pub(super) const WORKSHOP: &str = "Fragueiro 1150, barrio Güemes";
pub(super) const SHOP_PHONE: &str = "351 555-0142";

impl AccountKey {
    pub(super) const ALL: [AccountKey; 6] = [
        AccountKey::MercadoLibreAr,
        AccountKey::MercadoLivreBr,
        AccountKey::Instagram,
        AccountKey::WhatsApp,
        AccountKey::Etsy,
        AccountKey::Email,
    ];

    pub(super) fn index(self) -> usize {
        self as usize
    }

    pub(super) fn channel(self) -> ChannelKind {
        match self {
            AccountKey::MercadoLibreAr | AccountKey::MercadoLivreBr => ChannelKind::MercadoLibre,
            AccountKey::Instagram => ChannelKind::Instagram,
            AccountKey::WhatsApp => ChannelKind::WhatsApp,
            AccountKey::Etsy => ChannelKind::Etsy,
            AccountKey::Email => ChannelKind::Email,
        }
    }

    /// How the seller appears as the author of her own messages on this account.
    pub(super) fn seller_author(self) -> &'static str {
        match self {
            AccountKey::MercadoLibreAr | AccountKey::MercadoLivreBr => ML_NICKNAME,
            AccountKey::Etsy => "BarroSerranoStudio",
            AccountKey::Instagram => "barro.serrano",
            AccountKey::WhatsApp | AccountKey::Email => "Lucía Ferreyra",
        }
    }

    pub(super) fn new_account(self) -> NewAccount {
        let (display_name, external_id, settings) = match self {
            AccountKey::MercadoLibreAr => (
                "Mercado Libre · BARROSERRANO",
                "318456902",
                json!({"site_id": "MLA", "nickname": ML_NICKNAME, "sample": true}),
            ),
            AccountKey::MercadoLivreBr => (
                "Mercado Livre Brasil · BARROSERRANO",
                "1204877315",
                json!({"site_id": "MLB", "nickname": ML_NICKNAME, "sample": true}),
            ),
            AccountKey::Instagram => (
                "Instagram · @barro.serrano",
                "17841405522318871",
                json!({"username": "barro.serrano", "sample": true}),
            ),
            AccountKey::WhatsApp => (
                "WhatsApp Business · Barro Serrano",
                "+5493515550142",
                json!({"me": "Lucía Ferreyra", "import": "chat exports", "sample": true}),
            ),
            AccountKey::Etsy => (
                "Etsy · BarroSerranoStudio",
                "BarroSerranoStudio",
                json!({"shop_id": 38817624, "via": "notification e-mails", "sample": true}),
            ),
            AccountKey::Email => (
                "E-mail · hola@barroserrano.com.ar",
                "hola@barroserrano.com.ar",
                json!({"imap_host": "imap.example.com", "sample": true}),
            ),
        };
        NewAccount {
            channel: self.channel(),
            display_name: display_name.to_string(),
            external_id: Some(external_id.to_string()),
            settings,
        }
    }
}
