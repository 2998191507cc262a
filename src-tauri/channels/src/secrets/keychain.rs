//! The OS keychain through `keyring` 4: Secret Service over zbus on Linux and the BSDs (no libdbus),
//! Keychain Services on macOS, Credential Manager on Windows. Each secret is one item, service
//! [`KEYCHAIN_SERVICE`], user = the secret's key.

use std::sync::Arc;

use keyring::Entry;

use super::{SecretError, SecretStore, SecretStoreKind};

/// The service name every Mostrador item carries (the app's identifier), so the seller can find and
/// remove them in the keychain's own tool ("Passwords and Keys", Keychain Access…).
pub const KEYCHAIN_SERVICE: &str = "org.mostrador.desktop";

/// The item the availability probe writes and removes again.
const PROBE_KEY: &str = "mostrador:probe";

/// The platform's keychain, probed: `Err(KeychainUnavailable)` when there is none that can keep a
/// secret right now (on Linux: no Secret Service on the session bus, no default collection, or a
/// locked one that cannot be unlocked).
pub fn system_keychain() -> Result<Arc<dyn SecretStore>, SecretError> {
    Ok(Arc::new(KeychainStore::open(KEYCHAIN_SERVICE)?))
}

#[derive(Debug)]
pub struct KeychainStore {
    service: String,
}

impl KeychainStore {
    /// Opens the keychain for items of `service` and proves it works with a write, a read and a delete:
    /// a Secret Service that only answers on the bus (e.g. auto-started with no login collection)
    /// would otherwise look available and then refuse the first real token.
    pub fn open(service: &str) -> Result<KeychainStore, SecretError> {
        if let Err(error) = Entry::store_status() {
            return Err(SecretError::KeychainUnavailable(unavailable_reason(error)));
        }
        let store = KeychainStore { service: service.to_owned() };
        store.probe()?;
        Ok(store)
    }

    fn probe(&self) -> Result<(), SecretError> {
        let unavailable = |error: SecretError| {
            SecretError::KeychainUnavailable(format!(
                "the keychain answered but could not keep a secret ({error}); unlock it or create a default \
                 keyring in the system's passwords tool"
            ))
        };
        let value = "mostrador keychain probe";
        self.set(PROBE_KEY, value).map_err(unavailable)?;
        let read = self.get(PROBE_KEY).map_err(unavailable)?;
        self.delete(PROBE_KEY).map_err(unavailable)?;
        if read.as_deref() == Some(value) {
            Ok(())
        } else {
            Err(SecretError::KeychainUnavailable(
                "the keychain did not give back the secret it was just given".into(),
            ))
        }
    }

    fn entry(&self, key: &str) -> Result<Entry, SecretError> {
        Entry::new(&self.service, key).map_err(|error| failure("open the keychain item", error))
    }
}

impl SecretStore for KeychainStore {
    fn get(&self, key: &str) -> Result<Option<String>, SecretError> {
        match self.entry(key)?.get_password() {
            Ok(value) => Ok(Some(value)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(failure("read a secret from the keychain", error)),
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), SecretError> {
        self.entry(key)?.set_password(value).map_err(|error| failure("write a secret to the keychain", error))
    }

    fn delete(&self, key: &str) -> Result<(), SecretError> {
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            // Two items for one key (another program wrote one): remove them all, the key is gone.
            Err(keyring::Error::Ambiguous(entries)) => {
                entries.iter().try_for_each(|entry| match entry.delete_credential() {
                    Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                    Err(error) => Err(failure("delete a secret from the keychain", error)),
                })
            }
            Err(error) => Err(failure("delete a secret from the keychain", error)),
        }
    }

    fn kind(&self) -> SecretStoreKind {
        SecretStoreKind::Keychain
    }
}

/// Why the platform store could not even start, in words that say what is missing.
fn unavailable_reason(error: &keyring::Error) -> String {
    if cfg!(all(unix, not(any(target_os = "macos", target_os = "ios", target_os = "android")))) {
        format!(
            "no Secret Service (GNOME Keyring, KWallet, KeePassXC…) answers on the D-Bus session bus ({error})"
        )
    } else {
        format!("the system keychain could not be opened ({error})")
    }
}

/// A keychain call failed; a locked or refused keychain is "unavailable", anything else a failure.
fn failure(doing: &str, error: keyring::Error) -> SecretError {
    match error {
        keyring::Error::NoStorageAccess(_) | keyring::Error::NoDefaultStore => {
            SecretError::KeychainUnavailable(format!("could not {doing}: {error}"))
        }
        other => SecretError::Store(format!("could not {doing}: {other}")),
    }
}
