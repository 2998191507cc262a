//! The real-app E2E: the app built with the UI embedded, driven through tauri-driver and
//! WebKitWebDriver on a virtual X display inside a private D-Bus session.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::mail_servers::MailServers;
use crate::{TaskResult, process, root, setup, step};

pub fn run(filters: &[String]) -> TaskResult {
    let driver = setup::tauri_driver()?;
    step("Building the app with the UI embedded");
    process::cargo(&["build", "-p", "mostrador", "--features", "custom-protocol", "--locked"])?;
    let app = root().join("target/debug/mostrador");
    let artifacts = root().join("target/e2e-artifacts");
    std::fs::create_dir_all(&artifacts).map_err(|e| format!("cannot create {}: {e}", artifacts.display()))?;

    step("Real-app E2E under Xvfb");
    // One app at a time: it is single-instance within a desktop session.
    let display = VirtualDisplay::start()?;
    // The app under test inherits these, so an e-mail account can point at real servers.
    let mail = MailServers::start()?;
    let result = process::run(
        Command::new("dbus-run-session")
            .current_dir(root())
            .args([
                "--",
                cargo().as_str(),
                "test",
                "-p",
                "mostrador-tests",
                "--features",
                "e2e",
                "--locked",
                "--",
                "--nocapture",
                "--test-threads=1",
            ])
            .args(filters)
            .env("DISPLAY", &display.name)
            .env("NO_AT_BRIDGE", "1")
            // Software rendering: Xvfb has no GPU, and WebKit's DMA-BUF renderer paints nothing there.
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            .env("LIBGL_ALWAYS_SOFTWARE", "1")
            .env("MOSTRADOR_APP_BIN", &app)
            .env("TAURI_DRIVER", &driver)
            .env("E2E_ARTIFACTS", &artifacts)
            .envs(mail.env_for_cargo()),
    );
    drop(mail);
    drop(display);
    result?;
    println!("Screenshots: {}", artifacts.display());
    Ok(())
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// An Xvfb server on the first free display number, stopped when dropped.
struct VirtualDisplay {
    name: String,
    server: Child,
}

impl VirtualDisplay {
    fn start() -> Result<Self, String> {
        let number = (90..200)
            .find(|n| {
                !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                    && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .ok_or("no free X display number between :90 and :199")?;
        let name = format!(":{number}");
        let server = Command::new("Xvfb")
            .args([name.as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start Xvfb: {e}"))?;
        let socket = format!("/tmp/.X11-unix/X{number}");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !Path::new(&socket).exists() {
            if Instant::now() > deadline {
                return Err("Xvfb did not start within 10 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        println!("Xvfb on display {name}");
        Ok(VirtualDisplay { name, server })
    }
}

impl Drop for VirtualDisplay {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}
