//! The seller's settings: one JSON value per key in `settings`; the shop's time zone lives in
//! `shop_calendar`, the single place the calendar code reads it from.

use rusqlite::{OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::vocabulary::Language;
use crate::{Error, Mostrador, Result};

/// Settings the seller changes in the app.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    /// `None` follows the operating system's language.
    pub language: Option<Language>,
    pub shop_name: Option<String>,
    /// IANA zone of the shop (`America/Argentina/Cordoba`); `None` uses the system's.
    pub time_zone: Option<String>,
}

impl Mostrador {
    pub fn settings(&self) -> Result<Settings> {
        self.read(load)
    }

    pub fn save_settings(&self, settings: &Settings) -> Result<()> {
        self.write(|tx| save(tx, settings))
    }

    /// The accelerator the seller chose for the quick picker; `None` means the shell's default.
    pub fn quick_picker_shortcut(&self) -> Result<Option<String>> {
        self.read(quick_picker_shortcut)
    }

    /// Saves the accelerator (checked for shape only: the shell registers it first); `None` goes
    /// back to the default.
    pub fn save_quick_picker_shortcut(&self, shortcut: Option<&str>) -> Result<()> {
        self.write(|tx| save_quick_picker_shortcut(tx, shortcut))
    }

    /// The seller agreed to keep access keys in an encrypted file when the system has no keychain
    /// (`mostrador_channels::secrets::open_configured` takes it as `allow_file_fallback`).
    pub fn secrets_file_fallback_allowed(&self) -> Result<bool> {
        self.read(secrets_file_fallback)
    }

    pub fn set_secrets_file_fallback_allowed(&self, allowed: bool) -> Result<()> {
        self.write(|tx| save_secrets_file_fallback(tx, allowed))
    }

    /// The name this database's secrets go under in the keychain (or the encrypted file), so two
    /// databases never read or overwrite each other's tokens; `None` until one is kept.
    pub fn secrets_namespace(&self) -> Result<Option<SecretsNamespace>> {
        self.read(|tx| value::<SecretsNamespace>(tx, SECRETS_NAMESPACE))
    }

    /// Keeps `proposed` unless a namespace was kept already (another process may have been
    /// first), and returns the one that stands.
    pub fn keep_secrets_namespace(&self, proposed: &SecretsNamespace) -> Result<SecretsNamespace> {
        self.write(|tx| match value::<SecretsNamespace>(tx, SECRETS_NAMESPACE)? {
            Some(kept) => Ok(kept),
            None => {
                put(tx, SECRETS_NAMESPACE, Some(proposed))?;
                Ok(proposed.clone())
            }
        })
    }
}

/// Where a database's secrets are named (see [`Mostrador::secrets_namespace`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretsNamespace {
    /// Random, made with the database's first secret store.
    pub id: String,
    /// This database had accounts before secrets were namespaced and was the first to claim the
    /// names from then (`account:<id>:…`): it keeps them, so its accounts stay connected.
    pub unprefixed: bool,
}

const SECRETS_NAMESPACE: &str = "secrets_namespace";

const LANGUAGE: &str = "language";
const SHOP_NAME: &str = "shop_name";

pub(crate) fn load(tx: &Transaction<'_>) -> Result<Settings> {
    let language = value::<Language>(tx, LANGUAGE)?;
    let shop_name = value::<String>(tx, SHOP_NAME)?;
    let time_zone = tx
        .prepare_cached("SELECT time_zone FROM shop_calendar WHERE id = 1")?
        .query_row([], |row| row.get(0))
        .optional()?
        .flatten();
    Ok(Settings { language, shop_name, time_zone })
}

pub(crate) fn save(tx: &Transaction<'_>, settings: &Settings) -> Result<()> {
    let shop_name = settings.shop_name.as_deref().map(str::trim).filter(|name| !name.is_empty());
    let time_zone = settings.time_zone.as_deref().map(str::trim).filter(|zone| !zone.is_empty());
    if let Some(zone) = time_zone {
        check_time_zone_name(zone)?;
    }
    put(tx, LANGUAGE, settings.language.as_ref())?;
    put(tx, SHOP_NAME, shop_name)?;
    tx.prepare_cached("UPDATE shop_calendar SET time_zone = ?1 WHERE id = 1")?.execute([time_zone])?;
    Ok(())
}

const QUICK_PICKER_SHORTCUT: &str = "quick_picker_shortcut";

/// The accelerator the seller chose (`CmdOrCtrl+Shift+Space`); `None` means the shell's default.
pub(crate) fn quick_picker_shortcut(tx: &Transaction<'_>) -> Result<Option<String>> {
    value::<String>(tx, QUICK_PICKER_SHORTCUT)
}

/// Stores the accelerator as written. Only its shape is checked here: whether the keys exist and
/// whether the system grants it is the shell's business, which registers it before saving.
pub(crate) fn save_quick_picker_shortcut(tx: &Transaction<'_>, shortcut: Option<&str>) -> Result<()> {
    let shortcut = shortcut.map(str::trim).filter(|s| !s.is_empty());
    if let Some(keys) = shortcut {
        let shaped = keys.len() <= 64
            && keys.split('+').all(|key| !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric()));
        if !shaped {
            return Err(Error::InvalidInput(format!("{keys:?} is not a keyboard shortcut")));
        }
    }
    put(tx, QUICK_PICKER_SHORTCUT, shortcut)
}

const SECRETS_FILE_FALLBACK: &str = "secrets_file_fallback";

/// Whether the seller agreed to keep access keys in an encrypted file when there is no keychain.
pub(crate) fn secrets_file_fallback(tx: &Transaction<'_>) -> Result<bool> {
    Ok(value::<bool>(tx, SECRETS_FILE_FALLBACK)?.unwrap_or(false))
}

pub(crate) fn save_secrets_file_fallback(tx: &Transaction<'_>, allowed: bool) -> Result<()> {
    put(tx, SECRETS_FILE_FALLBACK, allowed.then_some(true))
}

fn value<T: serde::de::DeserializeOwned>(tx: &Transaction<'_>, key: &str) -> Result<Option<T>> {
    let json: Option<String> = tx
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?;
    Ok(json.map(|json| serde_json::from_str(&json)).transpose()?)
}

/// `None` removes the key, so "not set" stays distinguishable from any value.
fn put<T: serde::Serialize>(tx: &Transaction<'_>, key: &str, value: Option<T>) -> Result<()> {
    match value {
        Some(value) => {
            tx.prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute((key, serde_json::to_string(&value)?))?;
        }
        None => {
            tx.prepare_cached("DELETE FROM settings WHERE key = ?1")?.execute([key])?;
        }
    }
    Ok(())
}

/// Only the shape of an IANA name (`America/Argentina/Cordoba`, `UTC`, `Etc/GMT+3`): whether the
/// zone exists depends on the time zone database of the machine that runs the calendar.
fn check_time_zone_name(zone: &str) -> Result<()> {
    let shaped = zone.len() <= 64
        && zone.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'))
        && !zone.starts_with('/')
        && !zone.ends_with('/')
        && !zone.contains("//");
    if shaped { Ok(()) } else { Err(Error::InvalidInput(format!("{zone:?} is not a time zone name"))) }
}
