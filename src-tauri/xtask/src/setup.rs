//! Installs what a fresh Debian/Ubuntu machine with only Rust and git lacks; elsewhere, says what
//! to install.

use std::path::Path;

use crate::{TaskResult, process, root, step};

/// What Tauri needs to build and run on Debian/Ubuntu (webkit2gtk 4.1, GTK, the tray library).
const BUILD_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "file",
    "libssl-dev",
    "libwebkit2gtk-4.1-dev",
    "libxdo-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
];

/// What the real-app tests need: the WebKit WebDriver, a virtual display, a session bus, fonts
/// (including colour emoji, which buyers use a lot) and a screenshot tool; and a Secret Service
/// (GNOME Keyring) for the real-keychain test of mostrador-channels (tests/keychain.rs).
const TEST_PACKAGES: &[&str] = &[
    "webkit2gtk-driver",
    "xvfb",
    "dbus",
    "imagemagick",
    "fonts-dejavu-core",
    "fonts-noto-color-emoji",
    "gnome-keyring",
    // Presses the quick picker's global shortcut on the Xvfb display (answers E2E).
    "xdotool",
    // The e-mail channel's tests run against real servers started per test run (mail_servers.rs):
    // Dovecot for IMAP and submission, msmtpd (shipped in msmtp-mta) as the SMTP relay that hands
    // mail to Dovecot's LDA, and openssl for the throwaway CA and server certificate.
    "dovecot-imapd",
    "dovecot-submissiond",
    MSMTPD_PACKAGE,
    "openssl",
];

/// msmtpd comes only in msmtp-mta, which conflicts with every other MTA: apt would remove a
/// developer's Postfix or Exim to install it, so it is left out where another MTA is installed.
const MSMTPD_PACKAGE: &str = "msmtp-mta";

const MINIMUM_NODE_MAJOR: u32 = 18;

pub fn everything() -> TaskResult {
    system_packages()?;
    node()?;
    ui_packages()
}

fn system_packages() -> TaskResult {
    step("Checking system packages");
    if !cfg!(target_os = "linux") || !process::on_path("apt-get") {
        println!(
            "This is not a Debian or Ubuntu system, so nothing is installed automatically.\n\
             Install Tauri's prerequisites for your system (https://v2.tauri.app/start/prerequisites/),\n\
             Node.js 18 or newer with npm, and for the tests: WebKitWebDriver, Xvfb and dbus."
        );
        return Ok(());
    }
    let mut wanted: Vec<&str> = BUILD_PACKAGES.iter().chain(TEST_PACKAGES).copied().collect();
    if !process::on_path("node") || !process::on_path("npm") {
        wanted.extend(["nodejs", "npm"]);
    }
    let mut missing: Vec<&str> = wanted.into_iter().filter(|name| !installed(name)).collect();
    if missing.contains(&MSMTPD_PACKAGE) && another_mta_installed() {
        println!(
            "Not installing {MSMTPD_PACKAGE} (for msmtpd, the e-mail tests' SMTP relay): apt would remove \
             this machine's mail server to make room for it. The e-mail tests will say so when they start."
        );
        missing.retain(|name| *name != MSMTPD_PACKAGE);
    }
    if missing.is_empty() {
        println!("All system packages are present.");
        return Ok(());
    }
    println!("Installing: {}", missing.join(" "));
    let dovecot_was_installed = installed("dovecot-core");
    let is_root = process::output(process::command("id").arg("-u")).map(|uid| uid.trim() == "0");
    let apt = |args: &[&str]| {
        let mut command = if is_root == Ok(true) { process::command("apt-get") } else { sudo_apt_get() };
        command.env("DEBIAN_FRONTEND", "noninteractive").args(args);
        process::run(&mut command)
    };
    apt(&["update"])?;
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend(&missing);
    apt(&install)?;
    if missing.contains(&"dovecot-imapd") && !dovecot_was_installed {
        stop_system_dovecot(is_root == Ok(true));
    }
    Ok(())
}

/// Debian's dovecot-core enables and starts a system-wide Dovecot as root on ports 143, 993 and
/// 587. The tests start their own on free ports and need none of it, so one that this install
/// brought is stopped and disabled again. Failures are only reported: in a container without an
/// init system it never started.
fn stop_system_dovecot(is_root: bool) {
    let privileged = |program: &str| {
        if is_root {
            process::command(program)
        } else {
            let mut command = process::command("sudo");
            command.arg(program);
            command
        }
    };
    let stopped = if Path::new("/run/systemd/system").exists() {
        process::run(privileged("systemctl").args(["disable", "--now", "dovecot.service", "dovecot.socket"]))
    } else {
        process::run(privileged("invoke-rc.d").args(["dovecot", "stop"]))
    };
    if let Err(message) = stopped {
        println!("(The system Dovecot could not be stopped, which is fine if it never started: {message})");
    }
}

/// A package other than msmtp-mta provides /usr/sbin/sendmail (Postfix, Exim, …).
fn another_mta_installed() -> bool {
    Path::new("/usr/sbin/sendmail").exists() && !installed(MSMTPD_PACKAGE)
}

fn sudo_apt_get() -> std::process::Command {
    let mut command = process::command("sudo");
    command.arg("apt-get");
    command
}

fn installed(package: &str) -> bool {
    process::output(process::command("dpkg-query").args(["-W", "-f=${db:Status-Abbrev}", package]))
        .map(|status| status.starts_with("ii"))
        .unwrap_or(false)
}

fn node() -> TaskResult {
    let version = process::output(process::command("node").arg("--version"))
        .map_err(|e| format!("Node.js is needed to build the UI and could not be run: {e}"))?;
    let major: u32 =
        version.trim().trim_start_matches('v').split('.').next().and_then(|m| m.parse().ok()).unwrap_or(0);
    if major < MINIMUM_NODE_MAJOR {
        return Err(format!(
            "Node.js {} is too old: the UI needs Node.js {MINIMUM_NODE_MAJOR} or newer.",
            version.trim()
        ));
    }
    println!("Node.js {} found.", version.trim());
    Ok(())
}

/// `npm ci` when node_modules is missing or older than the lock file.
fn ui_packages() -> TaskResult {
    let ui = root().join("ui");
    let lock = ui.join("package-lock.json");
    let installed_lock = ui.join("node_modules/.package-lock.json");
    if newer_or_same(&installed_lock, &lock) {
        println!("The UI's npm packages are up to date.");
        return Ok(());
    }
    step("Installing the UI's npm packages");
    process::npm(&ui, &["ci", "--no-audit", "--no-fund"])
}

fn newer_or_same(a: &Path, b: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(a), modified(b)) {
        (Some(a), Some(b)) => a >= b,
        _ => false,
    }
}

/// tauri-driver bridges WebDriver to the app; it comes from crates.io.
pub fn tauri_driver() -> Result<std::path::PathBuf, String> {
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"));
    if let Some(path) = cargo_bin.as_ref().filter(|p| p.is_file()) {
        return Ok(path.clone());
    }
    if process::on_path("tauri-driver") {
        return Ok("tauri-driver".into());
    }
    step("Installing tauri-driver");
    process::cargo(&["install", "tauri-driver", "--locked", "--version", "^2"])?;
    cargo_bin.filter(|p| p.is_file()).ok_or_else(|| "tauri-driver was installed but cannot be found".into())
}
