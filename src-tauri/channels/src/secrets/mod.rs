//! Where tokens and client secrets live: the OS keychain,
//! or an encrypted file the seller agreed to. Never SQLite, logs or exports.
//!
//! - [`system_keychain`]: the platform's store through `keyring` 4 (Secret Service over zbus on
//!   Linux, Keychain Services on macOS, Credential Manager on Windows), probed with a real
//!   write/read/delete so "available" means "will keep a secret".
//! - [`encrypted_file`]: XChaCha20-Poly1305 over the whole key/value map, the key in a separate
//!   owner-only file (in the user's config folder, out of the data folder), written atomically.
//!   Used only after the seller said yes.
//! - [`open_configured`]: what the app and the CLI call — the keychain when there is one, else the
//!   file if the seller agreed, else [`SecretError::KeychainUnavailable`] so the app can ask.
//!   `MOSTRADOR_SECRETS=file:<path>` (tests, non-interactive runs) opts into the file store
//!   explicitly. A fallback file that cannot be decrypted is set aside, never in the way.
//! - [`for_database`]: each database's secrets under its own names in whichever store.

mod configured;
mod encrypted_file;
mod keychain;
mod namespace;
pub(crate) mod renewal_lock;

use std::path::PathBuf;
use std::sync::Arc;

pub use configured::{Configured, FALLBACK_FILE_NAME, SECRETS_ENV, open_configured};
pub use encrypted_file::{EncryptedFileStore, encrypted_file};
pub use keychain::{KEYCHAIN_SERVICE, KeychainStore, system_keychain};
pub use namespace::for_database;

/// A place that keeps secrets by key ("account:<id>:access_token", …). Calls may block (the
/// keychain talks D-Bus); they are short.
pub trait SecretStore: Send + Sync {
    fn get(&self, key: &str) -> Result<Option<String>, SecretError>;
    fn set(&self, key: &str, value: &str) -> Result<(), SecretError>;
    fn delete(&self, key: &str) -> Result<(), SecretError>;
    fn kind(&self) -> SecretStoreKind;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecretStoreKind {
    Keychain,
    EncryptedFile,
}

/// The secret names of one account, as the contract fixes them (`account:<id>:<name>`).
pub const ACCOUNT_SECRET_NAMES: &[&str] = &[
    "access_token",
    "access_token_expires_at",
    "refresh_token",
    "client_secret",
    "bot_token",
    "mail_password",
];

/// The key of one of an account's secrets.
pub fn account_key(account_id: i64, name: &str) -> String {
    format!("account:{account_id}:{name}")
}

/// Reads a secret on tokio's blocking pool: the keychain waits on D-Bus and the encrypted file on
/// flock and fsync, which must not hold up the async workers that run every account's sync.
pub(crate) async fn get_off_thread(
    store: &Arc<dyn SecretStore>,
    key: String,
) -> Result<Option<String>, SecretError> {
    let store = Arc::clone(store);
    tokio::task::spawn_blocking(move || store.get(&key))
        .await
        .map_err(|e| SecretError::Store(e.to_string()))?
}

/// Writes a secret on tokio's blocking pool (see [`get_off_thread`]).
pub(crate) async fn set_off_thread(
    store: &Arc<dyn SecretStore>,
    key: String,
    value: String,
) -> Result<(), SecretError> {
    let store = Arc::clone(store);
    tokio::task::spawn_blocking(move || store.set(&key, &value))
        .await
        .map_err(|e| SecretError::Store(e.to_string()))?
}

/// Removes every secret an account may have (disconnecting it, or deleting it).
pub fn delete_account_secrets(store: &dyn SecretStore, account_id: i64) -> Result<(), SecretError> {
    ACCOUNT_SECRET_NAMES.iter().try_for_each(|name| store.delete(&account_key(account_id, name)))
}

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// No usable system keychain: no Secret Service on the session bus, no default collection, or it
    /// is locked and cannot be unlocked. The app asks the seller about the encrypted file.
    #[error("no system keychain is available: {0}")]
    KeychainUnavailable(String),
    /// The keychain was there but failed on this call.
    #[error("the secret store failed: {0}")]
    Store(String),
    /// The encrypted secrets file or its key file could not be read or written.
    #[error("the secrets file {} could not be used: {detail}", path.display())]
    FileAccess { path: PathBuf, detail: String },
    /// The encrypted secrets file does not open with its key (damaged, or the key file was replaced).
    #[error("the secrets file {} cannot be decrypted ({detail}); connect the accounts again", path.display())]
    FileDamaged { path: PathBuf, detail: String },
    /// `MOSTRADOR_SECRETS` holds something other than `file:<path>` or `keychain`.
    #[error("{SECRETS_ENV} must be `file:<path>` or `keychain`, not `{0}`")]
    InvalidSetting(String),
}

/// Every code [`SecretError::code`] returns.
pub const SECRET_ERROR_CODES: &[&str] = &[
    "keychain_unavailable",
    "secret_store",
    "secrets_file_access",
    "secrets_file_damaged",
    "secrets_setting",
];

impl SecretError {
    /// A stable code for the UI and the CLI's JSON (never renamed).
    pub fn code(&self) -> &'static str {
        match self {
            SecretError::KeychainUnavailable(_) => "keychain_unavailable",
            SecretError::Store(_) => "secret_store",
            SecretError::FileAccess { .. } => "secrets_file_access",
            SecretError::FileDamaged { .. } => "secrets_file_damaged",
            SecretError::InvalidSetting(_) => "secrets_setting",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed() {
        let samples = [
            SecretError::KeychainUnavailable("x".into()),
            SecretError::Store("x".into()),
            SecretError::FileAccess { path: "x".into(), detail: "x".into() },
            SecretError::FileDamaged { path: "x".into(), detail: "x".into() },
            SecretError::InvalidSetting("x".into()),
        ];
        let codes: Vec<_> = samples.iter().map(SecretError::code).collect();
        assert_eq!(codes, SECRET_ERROR_CODES);
    }

    #[test]
    fn account_keys_follow_the_contract() {
        assert_eq!(account_key(7, "refresh_token"), "account:7:refresh_token");
    }
}
