//! Transport types that exist only at the boundary with the UI, and the generator of the UI's
//! TypeScript bindings (checked for freshness by `cargo xtask test`).

use serde::Serialize;
use ts_rs::TS;

/// What every failed command returns: a stable code the UI translates, and an English detail.
#[derive(Debug, Clone, Serialize, TS)]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl IpcError {
    pub fn internal(message: String) -> Self {
        IpcError { code: "internal".into(), message }
    }
}

impl From<mostrador_core::Error> for IpcError {
    fn from(error: mostrador_core::Error) -> Self {
        IpcError { code: error.code().into(), message: error.to_string() }
    }
}

impl From<std::io::Error> for IpcError {
    fn from(error: std::io::Error) -> Self {
        mostrador_core::Error::from(error).into()
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub data_dir: String,
    /// No accounts and no conversations yet: the UI shows the first-run screen.
    pub empty: bool,
    /// The operating system's locale (BCP 47), for the default language.
    pub os_locale: Option<String>,
}

/// The whole of `ui/src/lib/ipc/bindings.ts`.
pub fn typescript_bindings() -> String {
    use mostrador_core::model::*;
    // i64 ids and unix seconds fit a JS number (< 2^53).
    let config = ts_rs::Config::new().with_large_int("number");
    let declarations = [
        ChannelKind::decl(&config),
        ConversationKind::decl(&config),
        ConversationStatus::decl(&config),
        Direction::decl(&config),
        MessageStatus::decl(&config),
        OrderStage::decl(&config),
        PaymentStatus::decl(&config),
        DeliveryMethod::decl(&config),
        Language::decl(&config),
        InboxQuery::decl(&config),
        InboxRow::decl(&config),
        InboxPage::decl(&config),
        AttachmentView::decl(&config),
        MessageView::decl(&config),
        IdentityView::decl(&config),
        BuyerView::decl(&config),
        OrderItem::decl(&config),
        Delivery::decl(&config),
        OrderView::decl(&config),
        ConversationView::decl(&config),
        ChannelCount::decl(&config),
        StatusCount::decl(&config),
        Stats::decl(&config),
        Settings::decl(&config),
        AppInfo::decl(&config),
        IpcError::decl(&config),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `cargo xtask types`. Do not edit: `cargo xtask test` fails when stale.\n\n",
    );
    for declaration in declarations {
        out.push_str("export ");
        out.push_str(&declaration);
        out.push_str("\n\n");
    }
    let codes: Vec<String> = mostrador_core::ERROR_CODES.iter().map(|code| format!("\"{code}\"")).collect();
    out.push_str(&format!(
        "/** Every `IpcError.code`; each needs a sentence under `errors.` in every locale. */\nexport const ERROR_CODES = [{}] as const;\n\nexport type ErrorCode = (typeof ERROR_CODES)[number];\n",
        codes.join(", ")
    ));
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Fails when the UI's bindings no longer match the Rust types; `cargo xtask types` rewrites them.
    #[test]
    fn typescript_bindings_are_fresh() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/ipc/bindings.ts");
        let fresh = super::typescript_bindings();
        if std::env::var_os("MOSTRADOR_WRITE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("write bindings.ts");
            return;
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(current == fresh, "ui/src/lib/ipc/bindings.ts is stale: run `cargo xtask types`");
    }
}
