//! The secret store's keys for an account (contract: "account:<id>:<what>").

pub(crate) struct Keys {
    account_id: i64,
}

impl Keys {
    pub(crate) fn new(account_id: i64) -> Keys {
        Keys { account_id }
    }

    fn key(&self, what: &str) -> String {
        crate::secrets::account_key(self.account_id, what)
    }

    pub(crate) fn access_token(&self) -> String {
        self.key("access_token")
    }

    /// When the access token stops working (Unix seconds), kept beside it so a restart knows.
    pub(crate) fn access_token_expires_at(&self) -> String {
        self.key("access_token_expires_at")
    }

    pub(crate) fn refresh_token(&self) -> String {
        self.key("refresh_token")
    }

    pub(crate) fn client_secret(&self) -> String {
        self.key("client_secret")
    }

    pub(crate) fn bot_token(&self) -> String {
        self.key("bot_token")
    }

    /// The mailbox's password or app password (IMAP and SMTP sign in with it).
    pub(crate) fn mail_password(&self) -> String {
        self.key("mail_password")
    }
}
