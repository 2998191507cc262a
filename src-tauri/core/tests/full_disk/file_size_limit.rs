//! No room to write, for real and without root: `setrlimit(RLIMIT_FSIZE)` makes every write past
//! the limit fail with EFBIG, in any file the process writes (the database, its WAL, a copied
//! photo, a backup), just where ENOSPC or a used-up quota would fail it. Lifting the limit is
//! freeing space.
//!
//! The limit holds for the whole process, so each scenario runs this test binary again as a child
//! that runs only that test (`--exact`). The child starts through `sh` with SIGXFSZ ignored (that
//! survives exec, and needs no unsafe code here): otherwise the first write past the limit would
//! kill it instead of failing.

use std::path::Path;
use std::process::Command;

use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};

/// Set in a child: the test it runs.
const SCENARIO_ENV: &str = "MOSTRADOR_FULL_DISK_SCENARIO";

/// In the child, true: run the scenario. In the parent, runs the calling test again as a child,
/// asserts that it ran and passed, and returns false.
pub fn in_child() -> bool {
    if std::env::var_os(SCENARIO_ENV).is_some() {
        return true;
    }
    // libtest names each test's thread after the test.
    let test = std::thread::current().name().expect("a test thread has the test's name").to_owned();
    let output = Command::new("sh")
        .args(["-c", r#"trap '' XFSZ; exec "$0" "$@""#])
        .arg(std::env::current_exe().unwrap())
        .args(["--exact", &test, "--nocapture", "--test-threads=1"])
        .env(SCENARIO_ENV, &test)
        .output()
        .expect("the child starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "the {test} scenario failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    false
}

/// From now on no file can grow past the largest of `files` plus `room` bytes. Only the soft limit
/// moves, so [`lift`] can raise it again without privileges.
pub fn leave_room(room: u64, files: &[&Path]) {
    assert!(std::env::var_os(SCENARIO_ENV).is_some(), "a file-size limit only in a child");
    let largest = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).max().unwrap_or(0);
    let hard = getrlimit(Resource::Fsize).maximum;
    setrlimit(Resource::Fsize, Rlimit { current: Some(largest + room), maximum: hard }).unwrap();
}

/// Space freed: the limit is gone.
pub fn lift() {
    let hard = getrlimit(Resource::Fsize).maximum;
    setrlimit(Resource::Fsize, Rlimit { current: hard, maximum: hard }).unwrap();
}
