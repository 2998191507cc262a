//! Each database's secrets under their own names. The keychain has one service for the app, so
//! without this a second database (the CLI's `--db`, `MOSTRADOR_DB`, a file made again) would read
//! or overwrite another's tokens under the same `account:<id>:…` key. Keys become
//! `db:<database's namespace id>:account:<id>:…`; the one database that had accounts before
//! namespaces (the first to claim them) keeps the bare names, so its accounts stay connected.

use std::sync::Arc;

use mostrador_core::Mostrador;
use mostrador_core::settings::SecretsNamespace;

use super::{SecretError, SecretStore, SecretStoreKind};

/// Set once a database kept the bare names from before namespaces, in the store itself: only one
/// database per keychain (or file) may claim them.
const BARE_NAMES_OWNER_KEY: &str = "mostrador:bare-names-owner";

/// `store` as this database sees it: its own namespace, made on first use.
pub fn for_database(
    store: Arc<dyn SecretStore>,
    core: &Mostrador,
) -> Result<Arc<dyn SecretStore>, SecretError> {
    let failed =
        |e: mostrador_core::Error| SecretError::Store(format!("the database's secrets namespace: {e}"));
    let namespace = match core.secrets_namespace().map_err(failed)? {
        Some(namespace) => namespace,
        None => {
            let has_accounts = !core.accounts().map_err(failed)?.is_empty();
            let unclaimed = store.get(BARE_NAMES_OWNER_KEY)?.is_none();
            let proposed = SecretsNamespace { id: random_id()?, unprefixed: has_accounts && unclaimed };
            let kept = core.keep_secrets_namespace(&proposed).map_err(failed)?;
            if kept.unprefixed && kept == proposed {
                store.set(BARE_NAMES_OWNER_KEY, "claimed")?;
            }
            kept
        }
    };
    if namespace.unprefixed {
        return Ok(store);
    }
    Ok(Arc::new(Namespaced { inner: store, prefix: format!("db:{}:", namespace.id) }))
}

fn random_id() -> Result<String, SecretError> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(|e| SecretError::Store(format!("no randomness: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

struct Namespaced {
    inner: Arc<dyn SecretStore>,
    prefix: String,
}

impl Namespaced {
    fn key(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }
}

impl SecretStore for Namespaced {
    fn get(&self, key: &str) -> Result<Option<String>, SecretError> {
        self.inner.get(&self.key(key))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), SecretError> {
        self.inner.set(&self.key(key), value)
    }

    fn delete(&self, key: &str) -> Result<(), SecretError> {
        self.inner.delete(&self.key(key))
    }

    fn kind(&self) -> SecretStoreKind {
        self.inner.kind()
    }
}

#[cfg(test)]
mod tests {
    use mostrador_core::accounts::NewAccount;
    use mostrador_core::vocabulary::ChannelKind;

    use super::*;
    use crate::secrets::{account_key, encrypted_file};

    fn database(dir: &std::path::Path, name: &str, with_account: bool) -> Mostrador {
        let core = Mostrador::open(&dir.join(name)).unwrap();
        if with_account {
            let account = NewAccount {
                channel: ChannelKind::Telegram,
                display_name: "@taller_luna_bot".into(),
                external_id: Some("1".into()),
                settings: serde_json::json!({}),
            };
            core.add_account(&account, 1_700_000_000).unwrap();
        }
        core
    }

    #[test]
    fn two_databases_never_share_a_token() {
        let dir = tempfile::tempdir().unwrap();
        let shared = encrypted_file(&dir.path().join("secrets.bin")).unwrap();
        let (first, second) =
            (database(dir.path(), "one.sqlite3", false), database(dir.path(), "two.sqlite3", false));
        let first_store = for_database(shared.clone(), &first).unwrap();
        let second_store = for_database(shared.clone(), &second).unwrap();
        let key = account_key(1, "bot_token");
        first_store.set(&key, "111:first").unwrap();
        assert_eq!(second_store.get(&key).unwrap(), None, "the second database does not see it");
        second_store.set(&key, "222:second").unwrap();
        assert_eq!(first_store.get(&key).unwrap().as_deref(), Some("111:first"), "nor overwrite it");
        assert_eq!(shared.get(&key).unwrap(), None, "nothing under the bare name");

        // Opened again (the CLI beside the app), a database finds its own.
        let again = for_database(shared.clone(), &Mostrador::open(&dir.path().join("one.sqlite3")).unwrap());
        assert_eq!(again.unwrap().get(&key).unwrap().as_deref(), Some("111:first"));
        // A file made again under the same name is another database.
        std::fs::remove_file(dir.path().join("one.sqlite3")).unwrap();
        let remade = for_database(shared, &database(dir.path(), "one.sqlite3", false)).unwrap();
        assert_eq!(remade.get(&key).unwrap(), None);
    }

    #[test]
    fn the_database_from_before_namespaces_keeps_its_tokens_and_only_it() {
        let dir = tempfile::tempdir().unwrap();
        let shared = encrypted_file(&dir.path().join("secrets.bin")).unwrap();
        let key = account_key(1, "bot_token");
        shared.set(&key, "111:from-before").unwrap();
        let old = database(dir.path(), "old.sqlite3", true);
        let store = for_database(shared.clone(), &old).unwrap();
        assert_eq!(store.get(&key).unwrap().as_deref(), Some("111:from-before"), "still connected");
        assert_eq!(
            for_database(shared.clone(), &old).unwrap().get(&key).unwrap().as_deref(),
            Some("111:from-before")
        );

        // Another database with accounts from before cannot claim the same names.
        let other = database(dir.path(), "other.sqlite3", true);
        assert_eq!(for_database(shared, &other).unwrap().get(&key).unwrap(), None);
    }
}
