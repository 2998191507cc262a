//! The Svelte UI: type-check, unit tests (Vitest with mocked IPC) and the production build.

use crate::{TaskResult, process, root, step};

pub fn check_and_test() -> TaskResult {
    let ui = root().join("ui");
    step("UI type-check (svelte-check, TypeScript strict)");
    process::npm(&ui, &["run", "check"])?;
    step("UI unit tests (Vitest)");
    process::npm(&ui, &["test"])
}

/// Builds `ui/dist`, which the app embeds when built with `custom-protocol`.
pub fn build() -> TaskResult {
    step("Building the UI");
    process::npm(&root().join("ui"), &["run", "build"])
}
