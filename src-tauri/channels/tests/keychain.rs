//! The real OS keychain on Linux: a private D-Bus session with GNOME Keyring's Secret Service,
//! started by the test itself, so `cargo test` (and `cargo xtask test`, which installs
//! gnome-keyring) exercises the real zbus code path without touching the developer's own keyring.
//!
//! `keyring` decides once per process whether a store exists, so each scenario runs this test binary
//! again as a child (`--exact child_…`) in the environment the scenario needs:
//! - no session bus at all → the probe says `KeychainUnavailable`, naming the Secret Service;
//! - a session bus whose Secret Service gets auto-started without a login keyring → still
//!   `KeychainUnavailable` (it answers on the bus but cannot keep a secret);
//! - GNOME Keyring unlocked with a throwaway password → set/get/delete round-trip, and
//!   `open_configured` picks the keychain and moves the fallback file's secrets into it.
//!
//! Without `dbus-run-session` or `gnome-keyring-daemon` the session scenarios are skipped with a
//! message, except on CI (`CI` set), where a skip would hide a missing install step: there they fail.

#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mostrador_channels::secrets::{
    FALLBACK_FILE_NAME, KeychainStore, SECRETS_ENV, SecretError, SecretStoreKind, encrypted_file,
    open_configured, system_keychain,
};

/// Which scenario a child process runs (unset in the parent run).
const SCENARIO_ENV: &str = "MOSTRADOR_KEYCHAIN_SCENARIO";
const CHILD_OK: &str = "keychain scenario passed";
/// Items written by the tests carry their own service name.
const TEST_SERVICE: &str = "org.mostrador.desktop.test";

#[test]
fn without_a_session_bus_the_probe_says_the_keychain_is_unavailable() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = child_command("child_no_bus", "no_bus");
    // A bus address where nothing listens: the same as a desktop-less server or container.
    child.env("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}", dir.path().join("no-bus").display()));
    // The fallback file's key goes to the config folder: a temp one, not the developer's.
    private_keyring_home(&mut child, dir.path());
    run_child(child);
}

#[test]
fn a_secret_service_without_a_keyring_is_unavailable_too() {
    if !session_tools_present() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let mut session = Command::new("dbus-run-session");
    session.arg("--").arg(std::env::current_exe().unwrap());
    add_child_args(&mut session, "child_empty_service", "empty_service");
    private_keyring_home(&mut session, home.path());
    run_child(session);
}

#[test]
fn an_unlocked_keyring_keeps_sets_and_deletes_secrets() {
    if !session_tools_present() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    // gnome-keyring-daemon --unlock reads the login password on stdin, creates the login keyring with
    // it and unlocks it; a throwaway password, because an empty one creates no keyring. It can return
    // before its daemon owns the Secret Service name: a request in that gap makes D-Bus start a
    // second daemon without the unlocked keyring, which asks for a password nobody can type (a CI
    // run failed so). So wait (up to 5 s) until the name has its owner.
    let script = r#"printf '%s' mostrador-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
i=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; do
    i=$((i + 1)); [ "$i" -gt 50 ] && break; sleep 0.1
done
exec "$@""#;
    let mut session = Command::new("dbus-run-session");
    session.args(["--", "sh", "-c", script, "sh"]).arg(std::env::current_exe().unwrap());
    add_child_args(&mut session, "child_round_trip", "round_trip");
    private_keyring_home(&mut session, home.path());
    run_child(session);
}

// ---- the children (no-ops unless started by the tests above)

#[test]
fn child_no_bus() {
    if !is_scenario("no_bus") {
        return;
    }
    let error = system_keychain().err().expect("no keychain without a bus");
    assert!(matches!(error, SecretError::KeychainUnavailable(_)), "{error:?}");
    assert_eq!(error.code(), "keychain_unavailable");
    let message = error.to_string();
    assert!(message.contains("Secret Service") && message.contains("session bus"), "{message}");

    let data = tempfile::tempdir().unwrap();
    let refused = open_configured(data.path(), false).err().expect("no consent, no file");
    assert_eq!(refused.code(), "keychain_unavailable");
    assert!(!data.path().join(FALLBACK_FILE_NAME).exists(), "nothing written without consent");

    let fallback = open_configured(data.path(), true).unwrap();
    assert_eq!(fallback.store.kind(), SecretStoreKind::EncryptedFile);
    assert_eq!(fallback.set_aside, None);
    fallback.store.set("account:1:access_token", "APP_USR-abc").unwrap();
    assert!(data.path().join(FALLBACK_FILE_NAME).exists());
    // The data folder holds only the ciphertext: its key is in the config folder.
    let in_data: Vec<_> = std::fs::read_dir(data.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(in_data, [std::ffi::OsString::from(FALLBACK_FILE_NAME)], "{in_data:?}");
    let config = std::path::PathBuf::from(std::env::var_os("XDG_CONFIG_HOME").unwrap());
    let keys = std::fs::read_dir(config.join("org.mostrador.desktop.secret-keys")).unwrap().count();
    assert_eq!(keys, 1, "the key, out of the data folder");
    println!("{CHILD_OK}");
}

#[test]
fn child_empty_service() {
    if !is_scenario("empty_service") {
        return;
    }
    let error =
        KeychainStore::open(TEST_SERVICE).expect_err("a keyring-less Secret Service cannot keep a secret");
    assert!(matches!(error, SecretError::KeychainUnavailable(_)), "{error:?}");
    assert!(error.to_string().contains("could not keep a secret"), "{error}");
    println!("{CHILD_OK}");
}

#[test]
fn child_round_trip() {
    if !is_scenario("round_trip") {
        return;
    }
    let store = KeychainStore::open(TEST_SERVICE).expect("the unlocked keyring is available");
    use mostrador_channels::secrets::SecretStore;
    assert_eq!(store.kind(), SecretStoreKind::Keychain);
    assert_eq!(store.get("account:9:refresh_token").unwrap(), None);
    store.set("account:9:refresh_token", "TG-first").unwrap();
    store.set("account:9:refresh_token", "TG-rotated").unwrap();
    assert_eq!(store.get("account:9:refresh_token").unwrap().as_deref(), Some("TG-rotated"));
    store.delete("account:9:refresh_token").unwrap();
    store.delete("account:9:refresh_token").unwrap();
    assert_eq!(store.get("account:9:refresh_token").unwrap(), None);

    // The app's path: secrets kept in the fallback file while there was no keychain move into it.
    let data = tempfile::tempdir().unwrap();
    let file = encrypted_file(&data.path().join(FALLBACK_FILE_NAME)).unwrap();
    file.set("account:3:bot_token", "123456:ABC-from-the-file").unwrap();
    drop(file);
    let configured = open_configured(data.path(), true).unwrap();
    assert_eq!(configured.store.kind(), SecretStoreKind::Keychain);
    let keychain = configured.store;
    assert_eq!(keychain.get("account:3:bot_token").unwrap().as_deref(), Some("123456:ABC-from-the-file"));
    assert!(!data.path().join(FALLBACK_FILE_NAME).exists(), "the file is gone once its secrets moved");
    keychain.delete("account:3:bot_token").unwrap();

    // A fallback file that cannot be decrypted does not keep the working keychain from opening:
    // it is set aside, and the seller can connect the accounts again.
    let damaged = data.path().join(FALLBACK_FILE_NAME);
    std::fs::write(&damaged, b"MOSTRADOR-SECRETS-1\nbroken").unwrap();
    let configured = open_configured(data.path(), true).expect("the keychain opens");
    assert_eq!(configured.store.kind(), SecretStoreKind::Keychain);
    let aside = configured.set_aside.expect("the damaged file was set aside");
    assert!(!damaged.exists() && aside.exists(), "{aside:?}");
    println!("{CHILD_OK}");
}

// ---- plumbing

fn is_scenario(name: &str) -> bool {
    std::env::var(SCENARIO_ENV).is_ok_and(|value| value == name)
}

fn child_command(test: &str, scenario: &str) -> Command {
    let mut command = Command::new(std::env::current_exe().unwrap());
    add_child_args(&mut command, test, scenario);
    command
}

fn add_child_args(command: &mut Command, test: &str, scenario: &str) {
    command
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(SCENARIO_ENV, scenario)
        // The scenarios choose their store themselves.
        .env_remove(SECRETS_ENV);
}

/// Keyrings in a temp folder: the developer's own login keyring is never read or written.
fn private_keyring_home(command: &mut Command, home: &Path) {
    command.env("XDG_DATA_HOME", home.join("data")).env("XDG_CONFIG_HOME", home.join("config"));
    command.env("XDG_CACHE_HOME", home.join("cache"));
}

fn session_tools_present() -> bool {
    let missing: Vec<_> =
        ["dbus-run-session", "gnome-keyring-daemon"].into_iter().filter(|tool| !on_path(tool)).collect();
    if missing.is_empty() {
        return true;
    }
    let ci = std::env::var("CI").is_ok_and(|value| !value.is_empty() && value != "false");
    assert!(
        !ci,
        "{} missing on CI: `cargo xtask setup` installs them (dbus, gnome-keyring)",
        missing.join(", ")
    );
    eprintln!("skipped: {} not installed (`cargo xtask setup` installs them)", missing.join(", "));
    false
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Runs a child with a deadline (a hung D-Bus call must fail the test, not stall CI) and checks that
/// its scenario really ran and passed.
fn run_child(mut command: Command) {
    let started = Instant::now();
    let child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("the child starts");
    let pid = child.id();
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || done.send(child.wait_with_output()));
    let Ok(output) = finished.recv_timeout(Duration::from_secs(60)) else {
        let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
        panic!("the keychain scenario took more than 60 s");
    };
    let output = output.unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && stdout.contains(CHILD_OK), "child failed:\n{stdout}\n{stderr}");
    eprintln!("keychain scenario passed in {} ms", started.elapsed().as_millis());
}
