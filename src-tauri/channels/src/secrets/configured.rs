//! Choosing the secret store: the keychain when there is one; the encrypted file only when the seller
//! agreed (a core setting the app asks for) or `MOSTRADOR_SECRETS=file:<path>` says so explicitly.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::encrypted_file::{key_path_for, place_key, read_key, sync_folder};
use super::{EncryptedFileStore, SecretError, SecretStore, encrypted_file, system_keychain};

/// The environment variable that picks the store for tests and non-interactive runs:
/// `file:<path>` (the encrypted file at that path, no keychain involved) or `keychain` (the
/// keychain or an error, never the file).
pub const SECRETS_ENV: &str = "MOSTRADOR_SECRETS";

/// The fallback file's name in the data folder (its key is kept out of it: [`key_folder`]).
pub const FALLBACK_FILE_NAME: &str = "secrets.bin";

/// The folder, beside the app's own config folder, that keeps the fallback files' keys.
const KEY_FOLDER_NAME: &str = "org.mostrador.desktop.secret-keys";

/// The store, and the damaged secrets file it had to set aside, if any (the app tells the seller
/// which accounts to connect again and where the old file went).
pub struct Configured {
    pub store: Arc<dyn SecretStore>,
    pub set_aside: Option<PathBuf>,
}

/// The store the app and the CLI use.
///
/// 1. `MOSTRADOR_SECRETS`, when set, decides alone.
/// 2. The system keychain, if it can keep a secret right now. Secrets left in the fallback file from a
///    time without keychain move into it, and the file is removed.
/// 3. The encrypted file in `data_dir`, only if `allow_file_fallback` (the seller's consent); its key
///    in the user's config folder, so a copy of the data folder does not carry it.
/// 4. Otherwise `Err(KeychainUnavailable)`: the app asks the seller, the CLI explains.
///
/// A fallback file that cannot be decrypted (damaged, or its key lost) never stops the store from
/// opening: it is renamed aside with its key (`secrets.bin.damaged-<time>`) and reported, so the
/// seller can follow "connect again".
pub fn open_configured(data_dir: &Path, allow_file_fallback: bool) -> Result<Configured, SecretError> {
    if let Some(setting) = std::env::var_os(SECRETS_ENV) {
        let store = match parse_setting(&setting.to_string_lossy())? {
            Setting::File(path) => encrypted_file(&path)?,
            Setting::Keychain => system_keychain()?,
        };
        return Ok(Configured { store, set_aside: None });
    }
    let fallback_path = data_dir.join(FALLBACK_FILE_NAME);
    match system_keychain() {
        Ok(keychain) => {
            let mut set_aside = None;
            if fallback_path.exists() {
                match move_into(&fallback_path, keychain.as_ref()) {
                    Ok(()) => {}
                    Err(SecretError::FileDamaged { .. }) => set_aside = Some(put_aside(&fallback_path)?),
                    Err(other) => return Err(other),
                }
            }
            Ok(Configured { store: keychain, set_aside })
        }
        // Without the seller's consent the file is not used, even if an earlier consent left one.
        Err(SecretError::KeychainUnavailable(_)) if allow_file_fallback => {
            open_file_fallback(&fallback_path, &key_folder(&fallback_path)?)
        }
        Err(other) => Err(other),
    }
}

/// The folder that keeps the fallback files' keys: `<config folder>/org.mostrador.desktop.secret-keys`
/// (`~/.config/…` on Linux), never the data folder.
fn key_folder(fallback_path: &Path) -> Result<PathBuf, SecretError> {
    let config = dirs::config_dir().ok_or_else(|| SecretError::FileAccess {
        path: fallback_path.to_owned(),
        detail: "the user's config folder is unknown, and the key must not sit beside the secrets".into(),
    })?;
    Ok(config.join(KEY_FOLDER_NAME))
}

/// The fallback file's key in `key_folder`, named after the file's full path (each data folder
/// has its own key).
fn key_path_in(key_folder: &Path, fallback_path: &Path) -> PathBuf {
    let full = std::path::absolute(fallback_path).unwrap_or_else(|_| fallback_path.to_owned());
    let digest = Sha256::digest(full.as_os_str().as_encoded_bytes());
    let name: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    key_folder.join(format!("{name}.key"))
}

/// The encrypted file with its key in `key_folder`; a file that cannot be decrypted is set aside
/// and a fresh one started.
fn open_file_fallback(fallback_path: &Path, key_folder: &Path) -> Result<Configured, SecretError> {
    let key_path = key_path_in(key_folder, fallback_path);
    match open_fallback(fallback_path, &key_path) {
        Ok(store) => Ok(Configured { store: Arc::new(store), set_aside: None }),
        Err(SecretError::FileDamaged { .. }) => {
            let set_aside = put_aside(fallback_path)?;
            // A key that belonged to the damaged file (or is itself damaged) goes with it.
            if key_path.exists() {
                let _ = std::fs::rename(&key_path, aside_name(&key_path, &set_aside));
            }
            let store = EncryptedFileStore::open_with_key(fallback_path, &key_path)?;
            Ok(Configured { store: Arc::new(store), set_aside: Some(set_aside) })
        }
        Err(other) => Err(other),
    }
}

/// Opens the fallback file with its key out of the data folder, first moving a key left beside
/// the file by an earlier version (copied, then removed: a crash in between leaves two copies).
fn open_fallback(fallback_path: &Path, key_path: &Path) -> Result<EncryptedFileStore, SecretError> {
    let beside = key_path_for(fallback_path);
    if let Some(key) = read_key(&beside)? {
        if let Some(folder) = key_path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| SecretError::FileAccess {
                path: key_path.to_owned(),
                detail: format!("could not create its folder: {e}"),
            })?;
        }
        if place_key(key_path, key.clone())? == key {
            std::fs::remove_file(&beside).map_err(|e| SecretError::FileAccess {
                path: beside.clone(),
                detail: format!("could not remove it after moving it out of the data folder: {e}"),
            })?;
            if let Some(folder) = beside.parent() {
                sync_folder(folder);
            }
        }
    }
    EncryptedFileStore::open_with_key(fallback_path, key_path)
}

/// `<key>.damaged-<same time as the file set aside>`.
fn aside_name(key_path: &Path, set_aside: &Path) -> PathBuf {
    let suffix = set_aside.extension().map(|e| e.to_os_string()).unwrap_or_default();
    let mut name = key_path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Renames a secrets file that cannot be decrypted (and its key beside it, if any) to
/// `<name>.damaged-<unix time>`: kept for whoever wants to look, out of the way of a fresh one.
fn put_aside(fallback_path: &Path) -> Result<PathBuf, SecretError> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let aside = |path: &Path| {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".damaged-{stamp}"));
        PathBuf::from(name)
    };
    let target = aside(fallback_path);
    if target.exists() {
        return Err(SecretError::FileAccess {
            path: fallback_path.to_owned(),
            detail: format!("could not set the damaged file aside: {} exists", target.display()),
        });
    }
    let rename = |from: &Path, to: &Path| {
        std::fs::rename(from, to).map_err(|e| SecretError::FileAccess {
            path: from.to_owned(),
            detail: format!("could not set the damaged file aside: {e}"),
        })
    };
    rename(fallback_path, &target)?;
    let beside = key_path_for(fallback_path);
    if beside.exists() {
        rename(&beside, &aside(&beside))?;
    }
    Ok(target)
}

enum Setting {
    File(PathBuf),
    Keychain,
}

fn parse_setting(value: &str) -> Result<Setting, SecretError> {
    match value.split_once(':') {
        Some(("file", path)) if !path.is_empty() => Ok(Setting::File(PathBuf::from(path))),
        _ if value == "keychain" => Ok(Setting::Keychain),
        _ => Err(SecretError::InvalidSetting(value.to_owned())),
    }
}

/// Copies every secret of the fallback file into the keychain, then removes the file and its key.
/// Nothing is removed unless every secret was copied.
fn move_into(fallback_path: &Path, keychain: &dyn SecretStore) -> Result<(), SecretError> {
    let outside = key_folder(fallback_path).map(|folder| key_path_in(&folder, fallback_path));
    let file = match outside {
        Ok(key_path) if key_path.exists() => EncryptedFileStore::open_with_key(fallback_path, &key_path)?,
        _ => EncryptedFileStore::open(fallback_path)?,
    };
    for (key, value) in file.entries()? {
        keychain.set(&key, &value)?;
    }
    file.remove_files()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries_of(configured: &Configured, key: &str) -> Option<String> {
        configured.store.get(key).unwrap()
    }

    #[test]
    fn the_fallback_key_lives_out_of_the_data_folder_and_an_old_one_beside_it_moves_out() {
        let (data, keys) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let path = data.path().join(FALLBACK_FILE_NAME);
        // An earlier version kept the key beside the file.
        encrypted_file(&path).unwrap().set("account:1:bot_token", "123:old").unwrap();
        assert!(key_path_for(&path).exists());

        let configured = open_file_fallback(&path, keys.path()).unwrap();
        assert_eq!(entries_of(&configured, "account:1:bot_token").as_deref(), Some("123:old"));
        assert!(!key_path_for(&path).exists(), "no key left in the data folder");
        let names: Vec<_> = std::fs::read_dir(data.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, [std::ffi::OsString::from(FALLBACK_FILE_NAME)], "only the ciphertext: {names:?}");
        assert!(key_path_in(keys.path(), &path).exists());

        // A copy of the data folder alone opens nothing.
        let copy = tempfile::tempdir().unwrap();
        std::fs::copy(&path, copy.path().join(FALLBACK_FILE_NAME)).unwrap();
        let error = EncryptedFileStore::open(&copy.path().join(FALLBACK_FILE_NAME)).err().unwrap();
        assert_eq!(error.code(), "secrets_file_damaged");

        // Reopened, it keeps working and writes nothing beside the file.
        let again = open_file_fallback(&path, keys.path()).unwrap();
        again.store.set("account:2:bot_token", "456:new").unwrap();
        assert_eq!(entries_of(&again, "account:1:bot_token").as_deref(), Some("123:old"));
        assert_eq!(std::fs::read_dir(data.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_damaged_or_keyless_file_is_set_aside_and_a_fresh_one_opens() {
        let (data, keys) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let path = data.path().join(FALLBACK_FILE_NAME);
        open_file_fallback(&path, keys.path()).unwrap().store.set("account:1:bot_token", "123:x").unwrap();
        // The key is lost (another computer, a cleaned config folder).
        std::fs::remove_file(key_path_in(keys.path(), &path)).unwrap();

        let configured = open_file_fallback(&path, keys.path()).unwrap();
        let aside = configured.set_aside.clone().expect("set aside");
        assert!(aside.exists() && aside.to_string_lossy().contains("secrets.bin.damaged-"), "{aside:?}");
        assert_eq!(entries_of(&configured, "account:1:bot_token"), None, "the account asks to connect again");
        configured.store.set("account:1:bot_token", "123:again").unwrap();
        assert_eq!(
            entries_of(&open_file_fallback(&path, keys.path()).unwrap(), "account:1:bot_token").as_deref(),
            Some("123:again")
        );

        // Garbage in the file: set aside too, its key with it.
        std::fs::write(&path, b"not a secrets file").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1_100));
        let configured = open_file_fallback(&path, keys.path()).unwrap();
        let aside = configured.set_aside.clone().expect("set aside");
        assert_eq!(std::fs::read(&aside).unwrap(), b"not a secrets file", "kept for whoever wants to look");
        assert_eq!(
            std::fs::read_dir(keys.path()).unwrap().count(),
            2,
            "a new key, and the old one set aside with its file"
        );
        configured.store.set("k", "v").unwrap();
    }

    #[test]
    fn the_setting_is_file_or_keychain() {
        assert!(
            matches!(parse_setting("file:/tmp/s.bin"), Ok(Setting::File(p)) if p == Path::new("/tmp/s.bin"))
        );
        assert!(matches!(parse_setting("keychain"), Ok(Setting::Keychain)));
        for bad in ["", "file:", "plain:/tmp/x", "/tmp/x"] {
            let error = parse_setting(bad).err().unwrap();
            assert_eq!(error.code(), "secrets_setting");
            assert!(error.to_string().contains(SECRETS_ENV), "{error}");
        }
    }
}
