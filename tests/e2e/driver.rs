//! Starts the real app through tauri-driver (which drives WebKitWebDriver) on a private, temporary
//! data folder, and gives the scenarios a WebDriver session plus a few user-level helpers.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use serde_json::json;
use tokio::process::{Child, Command};

pub const WAIT: Duration = Duration::from_secs(30);

pub struct RunningApp {
    pub client: Client,
    pub data: tempfile::TempDir,
    driver: Child,
    artifacts: PathBuf,
}

fn required_env(name: &str) -> PathBuf {
    std::env::var_os(name).map(PathBuf::from).unwrap_or_else(|| {
        panic!("{name} is not set: run the E2E through `cargo xtask e2e` (or `cargo xtask test`)")
    })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

impl RunningApp {
    /// Launches the app with the OS language `lang` (a POSIX locale such as `es_AR.UTF-8`) and any
    /// `extra_env` (a GTK theme, say).
    pub async fn launch(lang: &str, extra_env: &[(&str, &str)]) -> RunningApp {
        Self::launch_with_args(lang, extra_env, &[]).await
    }

    /// As [`RunningApp::launch`], with command-line arguments for the app (`--demo`).
    pub async fn launch_with_args(lang: &str, extra_env: &[(&str, &str)], args: &[&str]) -> RunningApp {
        Self::launch_in(tempfile::tempdir().expect("temp dir"), lang, extra_env, args).await
    }

    /// As [`RunningApp::launch_with_args`], on the data folder of an earlier run (see
    /// [`RunningApp::kill`]).
    pub async fn launch_in(
        data: tempfile::TempDir,
        lang: &str,
        extra_env: &[(&str, &str)],
        args: &[&str],
    ) -> RunningApp {
        let app = required_env("MOSTRADOR_APP_BIN");
        let driver_bin = required_env("TAURI_DRIVER");
        let artifacts = required_env("E2E_ARTIFACTS");
        assert!(app.is_file(), "the app binary {} does not exist", app.display());
        let (port, native_port) = (free_port(), free_port());

        // The app inherits this environment through tauri-driver and WebKitWebDriver: its database,
        // its window-state file and its idea of the OS language all live in the temp folder.
        let driver = Command::new(&driver_bin)
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .args(["--native-driver", "/usr/bin/WebKitWebDriver"])
            .env("MOSTRADOR_DB", data.path().join("mostrador.sqlite3"))
            .env("XDG_DATA_HOME", data.path().join("data"))
            .env("XDG_CONFIG_HOME", data.path().join("config"))
            .env("XDG_CACHE_HOME", data.path().join("cache"))
            .env("LANG", lang)
            .env("LC_ALL", lang)
            .envs(extra_env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {}: {e}", driver_bin.display()));

        let url = format!("http://127.0.0.1:{port}");
        let mut capabilities = serde_json::Map::new();
        // No browserName: WebKitWebDriver would refuse a session for a browser it does not drive.
        capabilities.insert("tauri:options".into(), json!({ "application": app, "args": args }));
        let deadline = tokio::time::Instant::now() + WAIT;
        let client = loop {
            match ClientBuilder::native().capabilities(capabilities.clone()).connect(&url).await {
                Ok(client) => break client,
                Err(e) if tokio::time::Instant::now() > deadline => {
                    panic!("no WebDriver session with the app within {WAIT:?}: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
            }
        };
        RunningApp { client, data, driver, artifacts }
    }

    pub fn database(&self) -> PathBuf {
        self.data.path().join("mostrador.sqlite3")
    }

    pub async fn wait_for(&self, test_id: &str) -> Element {
        match self.client.wait().at_most(WAIT).for_element(Locator::Css(&selector(test_id))).await {
            Ok(element) => element,
            Err(e) => {
                self.screenshot(&format!("failed-waiting-for-{test_id}")).await;
                let body = self.client.source().await.unwrap_or_default();
                let shown: String = body.chars().take(3000).collect();
                panic!("[data-testid={test_id}] did not appear within {WAIT:?}: {e}\npage: {shown}")
            }
        }
    }

    pub async fn all(&self, test_id: &str) -> Vec<Element> {
        self.client.find_all(Locator::Css(&selector(test_id))).await.expect("find elements")
    }

    /// Waits until at least `count` elements with `test_id` are shown.
    pub async fn wait_for_count(&self, test_id: &str, count: usize) -> Vec<Element> {
        self.wait_for_elements(test_id, &format!("at least {count}"), |n| n >= count).await
    }

    /// Waits until the number of elements with `test_id` satisfies `wanted`.
    pub async fn wait_for_elements(
        &self,
        test_id: &str,
        description: &str,
        wanted: impl Fn(usize) -> bool,
    ) -> Vec<Element> {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            // A list re-rendering under WebKitWebDriver can hand back a stale node: look again.
            let found = match self.client.find_all(Locator::Css(&selector(test_id))).await {
                Ok(found) => found,
                Err(fantoccini::error::CmdError::Standard(e))
                    if e.error == fantoccini::error::ErrorStatus::StaleElementReference =>
                {
                    Vec::new()
                }
                Err(e) => panic!("find elements: {e:?}"),
            };
            if wanted(found.len()) {
                return found;
            }
            if tokio::time::Instant::now() > deadline {
                self.screenshot(&format!("failed-counting-{test_id}")).await;
                panic!("expected {description} [data-testid={test_id}], found {}", found.len());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Waits until the element's text is `expected`.
    pub async fn wait_for_text(&self, test_id: &str, expected: &str) {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let text = self.wait_for(test_id).await.text().await.unwrap_or_default();
            if text.trim() == expected {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "[data-testid={test_id}] shows {text:?}, expected {expected:?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Saves a picture of the screen to target/e2e-artifacts/<name>.png for a person to look at.
    /// ImageMagick's `import` grabs the X display: WebKitWebDriver's own screenshot command can
    /// hang under Xvfb.
    pub async fn screenshot(&self, name: &str) {
        // Let transitions and fonts settle so the picture shows what a person would see.
        tokio::time::sleep(Duration::from_millis(400)).await;
        let path = self.artifacts.join(format!("{name}.png"));
        let status = Command::new("import")
            .args(["-window", "root"])
            .arg(&path)
            .status()
            .await
            .unwrap_or_else(|e| panic!("could not run ImageMagick's import: {e}"));
        assert!(status.success(), "import failed to save {}", path.display());
        println!("screenshot: {}", path.display());
    }

    pub async fn quit(mut self) {
        let _ = self.client.close().await;
        let _ = self.driver.kill().await;
    }

    /// SIGKILL to the app's process, as a crash or a power cut would stop it, then the driver goes
    /// too; returns the data folder for the next [`RunningApp::launch_in`].
    pub async fn kill(mut self) -> tempfile::TempDir {
        let pid = self.app_pid().expect("the app's process is running");
        let status =
            Command::new("kill").args(["-KILL", &pid.to_string()]).status().await.expect("kill runs");
        assert!(status.success(), "kill -KILL {pid}");
        // Gone once every thread has exited (reaped, or a zombie leader alone in its task list):
        // only then are its files, and the locks on them, closed.
        let exited = || {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"));
            let zombie =
                stat.is_ok_and(|s| s.rsplit_once(") ").is_some_and(|(_, rest)| rest.starts_with('Z')));
            let threads = std::fs::read_dir(format!("/proc/{pid}/task")).map_or(0, |tasks| tasks.count());
            threads == 0 || (zombie && threads == 1)
        };
        while !exited() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let _ = self.driver.kill().await;
        let _ = self.driver.wait().await;
        self.data
    }

    /// The app's process: the app binary whose database is this run's (WebKitWebDriver starts it).
    fn app_pid(&self) -> Option<u32> {
        let app = std::fs::canonicalize(required_env("MOSTRADOR_APP_BIN")).ok()?;
        let wanted = format!("MOSTRADOR_DB={}", self.database().display());
        std::fs::read_dir("/proc").ok()?.flatten().find_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let exe = std::fs::read_link(entry.path().join("exe")).ok()?;
            let environ = std::fs::read(entry.path().join("environ")).ok()?;
            let ours = environ.split(|b| *b == 0).any(|var| var == wanted.as_bytes());
            (exe == app && ours).then_some(pid)
        })
    }
}

pub fn selector(test_id: &str) -> String {
    format!("[data-testid=\"{test_id}\"]")
}

pub fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}
