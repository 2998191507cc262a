//! Choosing the secret store: the keychain when there is one; the encrypted file only when the seller
//! agreed (a core setting the app asks for) or `MOSTRADOR_SECRETS=file:<path>` says so explicitly.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{EncryptedFileStore, SecretError, SecretStore, encrypted_file, system_keychain};

/// The environment variable that picks the store for tests and non-interactive runs:
/// `file:<path>` (the encrypted file at that path, no keychain involved) or `keychain` (the
/// keychain or an error, never the file).
pub const SECRETS_ENV: &str = "MOSTRADOR_SECRETS";

/// The fallback file's name in the data folder (its key is `secrets.bin.key` beside it).
pub const FALLBACK_FILE_NAME: &str = "secrets.bin";

/// The store the app and the CLI use.
///
/// 1. `MOSTRADOR_SECRETS`, when set, decides alone.
/// 2. The system keychain, if it can keep a secret right now. Secrets left in the fallback file from a
///    time without keychain move into it, and the file is removed.
/// 3. The encrypted file in `data_dir`, only if `allow_file_fallback` (the seller's consent).
/// 4. Otherwise `Err(KeychainUnavailable)`: the app asks the seller, the CLI explains.
pub fn open_configured(
    data_dir: &Path,
    allow_file_fallback: bool,
) -> Result<Arc<dyn SecretStore>, SecretError> {
    if let Some(setting) = std::env::var_os(SECRETS_ENV) {
        return match parse_setting(&setting.to_string_lossy())? {
            Setting::File(path) => encrypted_file(&path),
            Setting::Keychain => system_keychain(),
        };
    }
    let fallback_path = data_dir.join(FALLBACK_FILE_NAME);
    match system_keychain() {
        Ok(keychain) => {
            if fallback_path.exists() {
                move_into(&fallback_path, keychain.as_ref())?;
            }
            Ok(keychain)
        }
        // Without the seller's consent the file is not used, even if an earlier consent left one.
        Err(SecretError::KeychainUnavailable(_)) if allow_file_fallback => encrypted_file(&fallback_path),
        Err(other) => Err(other),
    }
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
    let file = EncryptedFileStore::open(fallback_path)?;
    for (key, value) in file.entries()? {
        keychain.set(&key, &value)?;
    }
    file.remove_files()
}

#[cfg(test)]
mod tests {
    use super::*;

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
