//! The fallback when there is no keychain, used only after the seller agreed: every secret in one
//! file, encrypted as a whole with XChaCha20-Poly1305 (keys included, so the file shows not even
//! which accounts exist), under a random 256-bit key kept in a separate owner-only file. The app
//! keeps that key in the user's config folder, out of the data folder (see `configured.rs`), so a
//! copy of the data folder, a backup or an export carries the secrets only as ciphertext; it
//! cannot guard them against someone who can read both folders as the seller. `MOSTRADOR_SECRETS`
//! (tests, scripts) keeps the key beside the file, at `<file>.key`.
//!
//! Every change rewrites the file through a temp file in the same folder and a rename, so a crash
//! leaves the old or the new secrets, never half of them. An advisory lock on the key file
//! serialises read-modify-write between processes (the app and the CLI).

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

use super::{SecretError, SecretStore, SecretStoreKind};

/// What every secrets file starts with (format version 1); also the AEAD's associated data.
const MAGIC: &[u8] = b"MOSTRADOR-SECRETS-1\n";
const KEY_LEN: usize = 32;
const NONCE_LEN: usize = 24;

/// Opens (or prepares) the encrypted secrets file at `path`; its key lives at `<path>.key`.
pub fn encrypted_file(path: &Path) -> Result<Arc<dyn SecretStore>, SecretError> {
    Ok(Arc::new(EncryptedFileStore::open(path)?))
}

pub struct EncryptedFileStore {
    path: PathBuf,
    key_path: PathBuf,
    cipher: XChaCha20Poly1305,
    /// One read-modify-write at a time within this process (the file lock covers other processes).
    writing: Mutex<()>,
}

impl std::fmt::Debug for EncryptedFileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EncryptedFileStore").field("path", &self.path).finish_non_exhaustive()
    }
}

impl EncryptedFileStore {
    /// Reads the key, creating it (0600) when neither the key nor the secrets file exists yet, and
    /// checks that the secrets file (if any) opens with it.
    pub fn open(path: &Path) -> Result<EncryptedFileStore, SecretError> {
        Self::open_with_key(path, &key_path_for(path))
    }

    /// As [`EncryptedFileStore::open`], with the key at `key_path` (any folder).
    pub fn open_with_key(path: &Path, key_path: &Path) -> Result<EncryptedFileStore, SecretError> {
        let key_path = key_path.to_owned();
        for folder in [folder_of(path), folder_of(&key_path)] {
            std::fs::create_dir_all(folder).map_err(|error| access(path, "create its folder", &error))?;
        }
        let key = match read_key(&key_path)? {
            Some(key) => key,
            None if path.exists() => {
                return Err(SecretError::FileDamaged {
                    path: path.to_owned(),
                    detail: format!("its key file {} is missing", key_path.display()),
                });
            }
            None => create_key(&key_path)?,
        };
        let cipher = XChaCha20Poly1305::new_from_slice(&key).map_err(|_| SecretError::FileDamaged {
            path: path.to_owned(),
            detail: "the key file has the wrong length".into(),
        })?;
        let store = EncryptedFileStore { path: path.to_owned(), key_path, cipher, writing: Mutex::new(()) };
        store.read_all()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every secret in the file (for moving them into the keychain once it is available).
    pub fn entries(&self) -> Result<BTreeMap<String, String>, SecretError> {
        self.read_all()
    }

    /// Deletes the secrets file and its key (after the secrets moved elsewhere).
    pub fn remove_files(&self) -> Result<(), SecretError> {
        let _guard = self.writing.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for file in [&self.path, &self.key_path] {
            match std::fs::remove_file(file) {
                Ok(()) => {}
                Err(error) if error.kind() == ErrorKind::NotFound => {}
                Err(error) => return Err(access(&self.path, "remove it", &error)),
            }
        }
        Ok(())
    }

    fn read_all(&self) -> Result<BTreeMap<String, String>, SecretError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == ErrorKind::NotFound => return Ok(BTreeMap::new()),
            Err(error) => return Err(access(&self.path, "read it", &error)),
        };
        let damaged =
            |detail: &str| SecretError::FileDamaged { path: self.path.clone(), detail: detail.into() };
        let rest = bytes.strip_prefix(MAGIC).ok_or_else(|| damaged("it is not a Mostrador secrets file"))?;
        if rest.len() < NONCE_LEN {
            return Err(damaged("it is cut short"));
        }
        let (nonce, sealed) = rest.split_at(NONCE_LEN);
        let nonce = XNonce::try_from(nonce).map_err(|_| damaged("it is cut short"))?;
        let plain = self
            .cipher
            .decrypt(&nonce, Payload { msg: sealed, aad: MAGIC })
            .map_err(|_| damaged("it was changed, or its key file is not the one it was written with"))?;
        serde_json::from_slice(&plain).map_err(|_| damaged("its contents are not a list of secrets"))
    }

    /// Applies `change` to the secrets under both locks and writes the result atomically.
    fn update(&self, change: impl FnOnce(&mut BTreeMap<String, String>) -> bool) -> Result<(), SecretError> {
        let _guard = self.writing.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let lock =
            File::open(&self.key_path).map_err(|error| access(&self.path, "open its key file", &error))?;
        lock.lock().map_err(|error| access(&self.path, "lock its key file", &error))?;
        let mut secrets = self.read_all()?;
        if change(&mut secrets) {
            self.write_all(&secrets)?;
        }
        // Dropping `lock` closes the file and releases the lock.
        Ok(())
    }

    fn write_all(&self, secrets: &BTreeMap<String, String>) -> Result<(), SecretError> {
        let plain = serde_json::to_vec(secrets).map_err(|error| SecretError::Store(error.to_string()))?;
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|error| SecretError::Store(format!("no randomness: {error}")))?;
        let sealed = self
            .cipher
            .encrypt(&XNonce::from(nonce), Payload { msg: &plain, aad: MAGIC })
            .map_err(|_| SecretError::Store("encryption failed".into()))?;

        let writing = |error: std::io::Error| access(&self.path, "write it", &error);
        // tempfile creates the file owner-only (0600) in the same folder, so the rename is atomic.
        let mut temp = tempfile::Builder::new()
            .prefix(".mostrador-secrets.")
            .suffix(".partial")
            .tempfile_in(folder_of(&self.path))
            .map_err(writing)?;
        temp.write_all(MAGIC).map_err(writing)?;
        temp.write_all(&nonce).map_err(writing)?;
        temp.write_all(&sealed).map_err(writing)?;
        temp.as_file().sync_all().map_err(writing)?;
        temp.persist(&self.path).map_err(|error| writing(error.error))?;
        sync_folder(folder_of(&self.path));
        Ok(())
    }
}

impl SecretStore for EncryptedFileStore {
    fn get(&self, key: &str) -> Result<Option<String>, SecretError> {
        Ok(self.read_all()?.remove(key))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), SecretError> {
        self.update(|secrets| secrets.insert(key.to_owned(), value.to_owned()).as_deref() != Some(value))
    }

    fn delete(&self, key: &str) -> Result<(), SecretError> {
        self.update(|secrets| secrets.remove(key).is_some())
    }

    fn kind(&self) -> SecretStoreKind {
        SecretStoreKind::EncryptedFile
    }
}

/// `secrets.bin` → `secrets.bin.key`.
pub fn key_path_for(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

pub(super) fn folder_of(file: &Path) -> &Path {
    match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

pub(super) fn read_key(key_path: &Path) -> Result<Option<Vec<u8>>, SecretError> {
    let mut file = match File::open(key_path) {
        Ok(file) => file,
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(access(key_path, "read it", &error)),
    };
    let mut key = Vec::with_capacity(KEY_LEN);
    file.read_to_end(&mut key).map_err(|error| access(key_path, "read it", &error))?;
    if key.len() != KEY_LEN {
        return Err(SecretError::FileDamaged {
            path: key_path.to_owned(),
            detail: format!("a key file holds {KEY_LEN} bytes, this one {}", key.len()),
        });
    }
    Ok(Some(key))
}

/// A fresh random key, written only if no key file exists (another process may win the race: then
/// its key is the one).
fn create_key(key_path: &Path) -> Result<Vec<u8>, SecretError> {
    let mut key = vec![0u8; KEY_LEN];
    getrandom::fill(&mut key).map_err(|error| SecretError::Store(format!("no randomness: {error}")))?;
    place_key(key_path, key)
}

/// Writes `key` as a new owner-only key file, unless one exists already: then that one is the key.
pub(super) fn place_key(key_path: &Path, key: Vec<u8>) -> Result<Vec<u8>, SecretError> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(key_path) {
        Ok(mut file) => {
            file.write_all(&key)
                .and_then(|()| file.sync_all())
                .map_err(|error| access(key_path, "write it", &error))?;
            sync_folder(folder_of(key_path));
            Ok(key)
        }
        Err(error) if error.kind() == ErrorKind::AlreadyExists => {
            read_key(key_path)?.ok_or_else(|| access(key_path, "read it", &error))
        }
        Err(error) => Err(access(key_path, "create it", &error)),
    }
}

/// Makes a rename or a new file durable (best effort: not every platform can open a folder).
pub(super) fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}

fn access(path: &Path, doing: &str, error: &std::io::Error) -> SecretError {
    SecretError::FileAccess { path: path.to_owned(), detail: format!("could not {doing}: {error}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(dir: &tempfile::TempDir) -> EncryptedFileStore {
        EncryptedFileStore::open(&dir.path().join("secrets.bin")).unwrap()
    }

    #[test]
    fn round_trips_and_forgets() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = store(&dir);
        assert_eq!(secrets.get("account:1:access_token").unwrap(), None);
        secrets.set("account:1:access_token", "APP_USR-123").unwrap();
        secrets.set("account:1:refresh_token", "TG-456").unwrap();
        assert_eq!(secrets.get("account:1:access_token").unwrap().as_deref(), Some("APP_USR-123"));
        secrets.delete("account:1:access_token").unwrap();
        secrets.delete("account:1:access_token").unwrap();
        assert_eq!(secrets.get("account:1:access_token").unwrap(), None);

        // Another process (a second store on the same files) sees the same secrets.
        let again = store(&dir);
        assert_eq!(again.get("account:1:refresh_token").unwrap().as_deref(), Some("TG-456"));
        assert_eq!(again.kind(), SecretStoreKind::EncryptedFile);
    }

    #[test]
    fn the_file_holds_no_plaintext_and_the_key_is_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = store(&dir);
        secrets.set("account:42:bot_token", "123456:ABCDEF-very-secret").unwrap();
        let bytes = std::fs::read(dir.path().join("secrets.bin")).unwrap();
        for needle in ["123456:ABCDEF-very-secret", "ABCDEF", "account:42", "bot_token"] {
            assert!(!bytes.windows(needle.len()).any(|w| w == needle.as_bytes()), "{needle} in the file");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for name in ["secrets.bin", "secrets.bin.key"] {
                let mode = std::fs::metadata(dir.path().join(name)).unwrap().permissions().mode();
                assert_eq!(mode & 0o077, 0, "{name} is readable by others: {mode:o}");
            }
        }
        // Only the two files: no temp file left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_changed_file_or_a_lost_key_is_refused_not_emptied() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.bin");
        store(&dir).set("k", "v").unwrap();

        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        let error = EncryptedFileStore::open(&path).unwrap_err();
        assert_eq!(error.code(), "secrets_file_damaged", "{error}");

        std::fs::remove_file(key_path_for(&path)).unwrap();
        let error = EncryptedFileStore::open(&path).unwrap_err();
        assert!(error.to_string().contains("key file"), "{error}");
        assert!(path.exists(), "the secrets file is kept for the seller to decide");
    }

    #[test]
    fn concurrent_writers_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.bin");
        store(&dir);
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || {
                    // Separate stores: like separate processes, only the file lock serialises them.
                    let secrets = EncryptedFileStore::open(&path).unwrap();
                    for i in 0..10 {
                        secrets.set(&format!("t{t}:{i}"), "x").unwrap();
                    }
                })
            })
            .collect();
        threads.into_iter().for_each(|t| t.join().unwrap());
        assert_eq!(EncryptedFileStore::open(&path).unwrap().entries().unwrap().len(), 40);
    }
}
