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

// ---- triage (inbox engineer, issue 3)

/// A page of older messages ("Load older messages"), oldest first.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OlderMessages {
    pub messages: Vec<mostrador_core::model::MessageView>,
    /// Still older ones exist before these.
    pub has_more: bool,
}

// ---- live channels: accounts, sending, demo store (app engineer, issue 7)

/// Where the access keys of connected accounts are kept, as the accounts screen says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SecretsState {
    /// Still finding out (the keychain is being opened).
    Checking,
    Keychain,
    EncryptedFile,
    /// No system keychain: the seller is asked before the encrypted file is used.
    NeedsConsent,
    /// The store could not be opened (see `secrets_detail`).
    Failed,
}

/// The accounts screen in one call: the accounts, where secrets live, whether the demo runs.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AccountsOverview {
    pub accounts: Vec<mostrador_core::model::AccountView>,
    pub secrets: SecretsState,
    pub secrets_detail: Option<String>,
    /// The demo store's simulator runs in this process (its accounts sync).
    pub demo_running: bool,
}

/// Settings' backups section: the folder of the daily copies, the copies (newest first), how many
/// are kept.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupsOverview {
    pub folder: String,
    pub files: Vec<mostrador_core::model::BackupFile>,
    pub kept: u32,
}

/// The Mercado Libre wizard's first half: which site and application to authorise.
#[derive(Debug, Clone, serde::Deserialize, TS)]
pub struct MlStart {
    pub site_id: String,
    pub client_id: String,
    pub redirect_uri: String,
    /// The seller's application has PKCE on: the address carries a challenge.
    pub pkce: bool,
}

/// The authorisation page (already opened in the browser) and the PKCE verifier to send back.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MlAuthorize {
    pub authorize_url: String,
    pub code_verifier: Option<String>,
}

/// The wizard's second half: the application's secret and what the browser landed on.
#[derive(Debug, Clone, serde::Deserialize, TS)]
pub struct MlFinish {
    pub site_id: String,
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uri: String,
    /// The redirected address, or the bare code.
    pub pasted: String,
    pub code_verifier: Option<String>,
}

/// Failure codes of the live channels that reach the UI besides the core's: connecting, the
/// channels' own errors (a failed send's reason) and the secret store.
pub fn live_channel_error_codes() -> Vec<&'static str> {
    let mut codes = vec![
        "connect_missing_code",
        "connect_denied",
        "connect_code_rejected",
        "connect_wrong_client",
        "connect_token_rejected",
        "connect_auth_host",
        "demo_failed",
    ];
    codes.extend_from_slice(mostrador_channels::CHANNEL_ERROR_CODES);
    codes.extend_from_slice(mostrador_channels::secrets::SECRET_ERROR_CODES);
    codes
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
        BackupFile::decl(&config),
        Metrics::decl(&config),
        ChannelMetrics::decl(&config),
        MonthMetrics::decl(&config),
        HourCount::decl(&config),
        Settings::decl(&config),
        AppInfo::decl(&config),
        IpcError::decl(&config),
        // buyers and order threads
        ChecklistItem::decl(&config),
        ChecklistEntry::decl(&config),
        OrderUpdate::decl(&config),
        NewOrder::decl(&config),
        MessageRef::decl(&config),
        ThreadFilter::decl(&config),
        ThreadMessage::decl(&config),
        MergeReasonKind::decl(&config),
        MergeReason::decl(&config),
        MergeSuggestion::decl(&config),
        MergeRecord::decl(&config),
        BuyerPage::decl(&config),
        TodayRow::decl(&config),
        TodayView::decl(&config),
        // triage (inbox engineer)
        TargetLevel::decl(&config),
        TextRange::decl(&config),
        ReplyTargets::decl(&config),
        QuietHours::decl(&config),
        TriageSettings::decl(&config),
        SnoozePreset::decl(&config),
        SnoozeChoice::decl(&config),
        SnoozeOption::decl(&config),
        BulkAction::decl(&config),
        AccountOption::decl(&config),
        Draft::decl(&config),
        TriageAlerts::decl(&config),
        OlderMessages::decl(&config),
        // WhatsApp exports and manual capture
        mostrador_core::whatsapp::DateOrder::decl(&config),
        mostrador_core::whatsapp::DateOrderReason::decl(&config),
        mostrador_core::whatsapp::DateOrderEvidence::decl(&config),
        mostrador_core::whatsapp::UnreadableLine::decl(&config),
        mostrador_core::whatsapp::AuthorCount::decl(&config),
        mostrador_core::whatsapp::PreviewMessage::decl(&config),
        mostrador_core::whatsapp::WhatsAppImportOptions::decl(&config),
        mostrador_core::whatsapp::WhatsAppPreview::decl(&config),
        mostrador_core::whatsapp::WhatsAppImportReport::decl(&config),
        mostrador_core::capture::SplitOptions::decl(&config),
        mostrador_core::capture::DraftMessage::decl(&config),
        mostrador_core::capture::CaptureDraft::decl(&config),
        mostrador_core::capture::CaptureBuyer::decl(&config),
        mostrador_core::capture::CaptureInput::decl(&config),
        mostrador_core::capture::CaptureSaved::decl(&config),
        mostrador_core::capture::QuickMessage::decl(&config),
        mostrador_core::capture::BuyerOption::decl(&config),
        // cut-off notices and capacity
        mostrador_core::model::ClosedDayKind::decl(&config),
        mostrador_core::model::WorkingDay::decl(&config),
        mostrador_core::model::CalendarSettings::decl(&config),
        mostrador_core::model::ClosedDate::decl(&config),
        mostrador_core::model::ProductProfile::decl(&config),
        mostrador_core::model::CapacityOverride::decl(&config),
        mostrador_core::model::MethodDays::decl(&config),
        mostrador_core::model::SeasonalDeadline::decl(&config),
        mostrador_core::model::PromiseView::decl(&config),
        mostrador_core::model::FeasibilityView::decl(&config),
        mostrador_core::model::CountdownView::decl(&config),
        mostrador_core::model::LastOrderDayView::decl(&config),
        mostrador_core::model::DeadlineView::decl(&config),
        mostrador_core::model::CutoffBanner::decl(&config),
        mostrador_core::model::CapacityDay::decl(&config),
        mostrador_core::model::OrderPromise::decl(&config),
        // ---- saved answers
        mostrador_core::model::AnswerFolder::decl(&config),
        mostrador_core::model::AnswerChannel::decl(&config),
        mostrador_core::model::LintRule::decl(&config),
        mostrador_core::model::MissingReason::decl(&config),
        mostrador_core::model::SuggestionReason::decl(&config),
        mostrador_core::model::AnswerVariant::decl(&config),
        mostrador_core::model::AnswerAttachment::decl(&config),
        mostrador_core::model::SavedAnswer::decl(&config),
        mostrador_core::model::AnswerInput::decl(&config),
        mostrador_core::model::AnswerFacts::decl(&config),
        mostrador_core::model::AnswerHit::decl(&config),
        mostrador_core::model::FillPrompt::decl(&config),
        mostrador_core::model::MissingVariable::decl(&config),
        mostrador_core::model::LintFinding::decl(&config),
        mostrador_core::model::LintReport::decl(&config),
        mostrador_core::model::VersionCheck::decl(&config),
        mostrador_core::model::RenderRequest::decl(&config),
        mostrador_core::model::RenderedAnswer::decl(&config),
        mostrador_core::model::AnswerSuggestion::decl(&config),
        mostrador_core::model::AnswerImportReport::decl(&config),
        mostrador_core::model::AnswerFileFormat::decl(&config),
        // ---- GAPS: "not the same person" (issue 3), the quick picker's global shortcut (issue 4)
        mostrador_core::model::DismissedMerge::decl(&config),
        crate::quick_picker_shortcut::QuickPickerShortcut::decl(&config),
        // ---- live channels (issue 7)
        SyncState::decl(&config),
        AccountSyncStatus::decl(&config),
        AccountView::decl(&config),
        OutboxState::decl(&config),
        OutboxItem::decl(&config),
        SendMode::decl(&config),
        SendCapability::decl(&config),
        SecretsState::decl(&config),
        AccountsOverview::decl(&config),
        BackupsOverview::decl(&config),
        MlStart::decl(&config),
        MlAuthorize::decl(&config),
        MlFinish::decl(&config),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `cargo xtask types`. Do not edit: `cargo xtask test` fails when stale.\n\n",
    );
    for declaration in declarations {
        out.push_str("export ");
        out.push_str(&declaration);
        out.push_str("\n\n");
    }
    let mut all_codes: Vec<&str> = mostrador_core::ERROR_CODES.to_vec();
    for code in live_channel_error_codes() {
        if !all_codes.contains(&code) {
            all_codes.push(code);
        }
    }
    let codes: Vec<String> = all_codes.iter().map(|code| format!("\"{code}\"")).collect();
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
