//! Where a mailbox lives and how to sign in: the account's non-secret settings, and the presets
//! for the providers sellers use most.

use serde::{Deserialize, Serialize};

use crate::lenient;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Security {
    /// TLS from the first byte (IMAP 993, SMTP 465).
    Tls,
    /// A plain connection upgraded with STARTTLS before anything else is said (IMAP 143, SMTP 587).
    #[serde(rename = "starttls")]
    StartTls,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Server {
    pub host: String,
    pub port: u16,
    pub security: Security,
}

/// A provider's servers and what it asks of the seller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preset {
    pub id: &'static str,
    /// Domains whose addresses use it.
    pub domains: &'static [&'static str],
    pub imap: (&'static str, u16, Security),
    pub smtp: (&'static str, u16, Security),
    /// The provider refuses the account's own password for IMAP: an app password is needed.
    pub app_password: bool,
    /// Where the seller makes an app password (opened by the shell; an allow-listed host).
    pub app_password_url: Option<&'static str>,
    /// Personal Outlook.com accounts sign in with Microsoft's OAuth only.
    pub oauth_only: bool,
}

pub const PRESETS: &[Preset] = &[
    Preset {
        id: "gmail",
        domains: &["gmail.com", "googlemail.com"],
        imap: ("imap.gmail.com", 993, Security::Tls),
        smtp: ("smtp.gmail.com", 465, Security::Tls),
        app_password: true,
        app_password_url: Some("https://myaccount.google.com/apppasswords"),
        oauth_only: false,
    },
    Preset {
        id: "yahoo",
        domains: &[
            "yahoo.com",
            "yahoo.com.ar",
            "yahoo.com.mx",
            "yahoo.com.br",
            "yahoo.es",
            "ymail.com",
            "rocketmail.com",
        ],
        imap: ("imap.mail.yahoo.com", 993, Security::Tls),
        smtp: ("smtp.mail.yahoo.com", 465, Security::Tls),
        app_password: true,
        app_password_url: Some("https://login.yahoo.com/account/security"),
        oauth_only: false,
    },
    Preset {
        id: "icloud",
        domains: &["icloud.com", "me.com", "mac.com"],
        imap: ("imap.mail.me.com", 993, Security::Tls),
        smtp: ("smtp.mail.me.com", 587, Security::StartTls),
        app_password: true,
        app_password_url: Some("https://account.apple.com/account/manage"),
        oauth_only: false,
    },
    Preset {
        id: "outlook",
        domains: &[
            "outlook.com",
            "hotmail.com",
            "live.com",
            "msn.com",
            "outlook.es",
            "hotmail.es",
            "hotmail.com.ar",
            "hotmail.com.br",
            "outlook.com.br",
        ],
        imap: ("outlook.office365.com", 993, Security::Tls),
        smtp: ("smtp-mail.outlook.com", 587, Security::StartTls),
        app_password: false,
        app_password_url: None,
        oauth_only: true,
    },
];

/// The preset for an address's domain, if it is a known provider.
pub fn preset_for(address: &str) -> Option<&'static Preset> {
    let domain = address.rsplit_once('@')?.1.trim().to_lowercase();
    PRESETS.iter().find(|p| p.domains.contains(&domain.as_str()))
}

impl Preset {
    pub fn imap_server(&self) -> Server {
        Server { host: self.imap.0.to_owned(), port: self.imap.1, security: self.imap.2 }
    }

    pub fn smtp_server(&self) -> Server {
        Server { host: self.smtp.0.to_owned(), port: self.smtp.1, security: self.smtp.2 }
    }
}

/// How the mailbox signs in to both servers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SignIn {
    /// The password or app password in the secret store (`mail_password`).
    Password,
    /// Microsoft OAuth 2.0 and XOAUTH2: the refresh and access tokens in the secret store, the app
    /// registration and the identity platform's root here.
    Microsoft { client_id: String, login_base: String },
}

/// A mailbox account's settings as stored (never the password or a token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mailbox {
    pub address: String,
    pub display_name: Option<String>,
    pub user: String,
    pub imap: Server,
    pub smtp: Server,
    pub sign_in: SignIn,
}

impl Mailbox {
    pub(crate) fn from_settings(settings: &serde_json::Value) -> Option<Mailbox> {
        let server = |prefix: &str| -> Option<Server> {
            Some(Server {
                host: lenient::non_empty(settings, &format!("{prefix}_host"))?.to_owned(),
                port: u16::try_from(lenient::int(settings, &format!("{prefix}_port"))?).ok()?,
                security: match lenient::non_empty(settings, &format!("{prefix}_security")) {
                    Some("starttls") => Security::StartTls,
                    _ => Security::Tls,
                },
            })
        };
        let address = lenient::non_empty(settings, "address")?.to_lowercase();
        // Accounts saved before Microsoft's sign-in existed have no `sign_in`: they use a password.
        let sign_in = match lenient::non_empty(settings, "sign_in") {
            Some("microsoft") => SignIn::Microsoft {
                client_id: lenient::non_empty(settings, "oauth_client_id")?.to_owned(),
                login_base: lenient::non_empty(settings, "oauth_base")
                    .unwrap_or(super::microsoft::MICROSOFT_LOGIN_BASE)
                    .to_owned(),
            },
            _ => SignIn::Password,
        };
        Some(Mailbox {
            sign_in,
            user: lenient::non_empty(settings, "user").map_or_else(|| address.clone(), str::to_owned),
            display_name: lenient::non_empty(settings, "display_name").map(str::to_owned),
            address,
            imap: server("imap")?,
            smtp: server("smtp")?,
        })
    }

    pub(crate) fn to_settings(&self) -> serde_json::Value {
        let mut settings = serde_json::json!({
            "address": self.address,
            "display_name": self.display_name,
            "user": self.user,
            "imap_host": self.imap.host,
            "imap_port": self.imap.port,
            "imap_security": self.imap.security,
            "smtp_host": self.smtp.host,
            "smtp_port": self.smtp.port,
            "smtp_security": self.smtp.security,
            "sign_in": match self.sign_in {
                SignIn::Password => "password",
                SignIn::Microsoft { .. } => "microsoft",
            },
        });
        if let SignIn::Microsoft { client_id, login_base } = &self.sign_in {
            settings["oauth_client_id"] = client_id.clone().into();
            settings["oauth_base"] = login_base.clone().into();
        }
        settings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_find_their_provider() {
        assert_eq!(preset_for("Taller@Gmail.com").map(|p| p.id), Some("gmail"));
        assert_eq!(preset_for("ana@hotmail.com.ar").map(|p| p.id), Some("outlook"));
        assert_eq!(preset_for("ventas@mitaller.com.ar"), None);
    }

    #[test]
    fn settings_round_trip() {
        let mailbox = Mailbox {
            address: "taller@example.com".into(),
            display_name: Some("Taller Martina".into()),
            user: "taller@example.com".into(),
            imap: Server { host: "imap.example.com".into(), port: 993, security: Security::Tls },
            smtp: Server { host: "smtp.example.com".into(), port: 587, security: Security::StartTls },
            sign_in: SignIn::Password,
        };
        assert_eq!(Mailbox::from_settings(&mailbox.to_settings()), Some(mailbox.clone()));
        let outlook = Mailbox {
            sign_in: SignIn::Microsoft {
                client_id: "0d4b1c9e-0000-4000-a000-000000000001".into(),
                login_base: "https://login.microsoftonline.com".into(),
            },
            ..mailbox
        };
        assert_eq!(Mailbox::from_settings(&outlook.to_settings()), Some(outlook.clone()));
        // Saved before the sign-in was recorded: a password mailbox.
        let mut old = outlook.to_settings();
        old.as_object_mut().expect("object").remove("sign_in");
        assert_eq!(Mailbox::from_settings(&old).map(|m| m.sign_in), Some(SignIn::Password));
    }
}
