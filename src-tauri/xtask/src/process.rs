//! Running other programs, loudly: every command is echoed and a failure names it.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

use crate::{TaskResult, root};

pub fn command(program: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(program);
    command.current_dir(root());
    command
}

pub fn run(command: &mut Command) -> TaskResult {
    println!("$ {}", describe(command));
    let status = command.status().map_err(|e| format!("could not start `{}`: {e}", describe(command)))?;
    if status.success() { Ok(()) } else { Err(format!("`{}` failed ({status})", describe(command))) }
}

/// Runs and captures stdout; stderr still reaches the terminal.
pub fn output(command: &mut Command) -> Result<String, String> {
    let output = command.output().map_err(|e| format!("could not start `{}`: {e}", describe(command)))?;
    if !output.status.success() {
        return Err(format!(
            "`{}` failed ({}): {}",
            describe(command),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

pub fn cargo(args: &[&str]) -> TaskResult {
    run(command(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())).args(args))
}

pub fn npm(ui_dir: &Path, args: &[&str]) -> TaskResult {
    run(command("npm").current_dir(ui_dir).args(args))
}

/// True when `program` is found on PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}
