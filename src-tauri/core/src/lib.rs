//! Mostrador's core: the domain and the local SQLite store.
//!
//! [`Mostrador::open`] is the one entry point used by the desktop shell, the CLI and the
//! tests alike. This crate never depends on tauri or on HTTP (checked by `cargo xtask test`).
//! Time is always passed in as `now`; nothing here reads the clock.

pub mod error;
pub mod model;

mod accounts;
mod aggregates;
mod buyers;
mod conversation;
pub mod daily_backups;
mod date_words;
mod export;
mod inbox;
mod ingest;
mod orders;
mod sample_shop;
mod search;
mod settings;
mod stats;
mod store;
mod tags;

// ---- buyers and order threads (orders engineer, issue 3)
mod merge;
mod metrics;
// "Not the same person" (GAPS, issue 3).
mod merge_dismissals;
mod merge_suggestions;
mod order_checklist;
mod order_stages;
mod order_threads;
mod phone_keys;
mod phones;
mod today;

// ---- WhatsApp exports and manual capture (WhatsApp engineer, issue 6)
pub mod capture;
pub mod whatsapp;

// ---- triage (inbox engineer, issue 3)
mod triage;

// ---- cut-off notices and capacity (cut-off engineer, issue 5)
pub mod cutoff;

// ---- saved answers (answers engineer, issue 4)
pub mod answers;

// ---- live sync: accounts' status, channel batches, the outbox (CORE, issue 7)
pub mod sync;

pub use error::{ERROR_CODES, Error, Result};

use std::path::{Path, PathBuf};

use model::{
    ConversationStatus, ConversationView, InboxPage, InboxQuery, IngestMessage, IngestReport, NewAccount,
    NewOrder, Settings, Stats, UnixSeconds,
};
use rusqlite::Transaction;
use store::Store;

/// The schema version this build creates and understands.
pub const SCHEMA_VERSION: i64 = store::LATEST_VERSION;

/// The store: one writer connection behind a mutex and a few read-only connections beside it.
/// `Send + Sync`: share it in an `Arc` and call it from blocking threads.
pub struct Mostrador {
    db_path: PathBuf,
    store: Store,
    /// Saved answers kept in memory for search and suggestions (answers engineer, issue 4).
    answers_index: answers::IndexCache,
}

impl std::fmt::Debug for Mostrador {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mostrador").field("db_path", &self.db_path).finish_non_exhaustive()
    }
}

impl Mostrador {
    /// Creates the file if missing; refuses a newer schema (Error::DatabaseTooNew); backs the file up
    /// (`<db>.before-v<N>.bak` next to it) before applying pending migrations to an existing database.
    pub fn open(db_path: &Path) -> Result<Mostrador> {
        Ok(Mostrador {
            db_path: db_path.to_path_buf(),
            store: Store::open(db_path)?,
            answers_index: answers::IndexCache::default(),
        })
    }

    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// True when there are no accounts and no conversations (first-run screen).
    pub fn is_empty(&self) -> Result<bool> {
        self.read(stats::is_empty)
    }

    pub fn add_account(&self, account: &NewAccount, now: UnixSeconds) -> Result<i64> {
        self.write(|tx| accounts::add(tx, account, now))
    }

    /// Idempotent upsert by (account, external id); buyer identity upserted by (account, buyer.external_id);
    /// conversation by (account, conversation.external_ref). Aggregates (last_message_at, waiting_since,
    /// first_reply_at, unread, status reopen) updated in the SAME transaction. One transaction per batch.
    pub fn ingest(&self, batch: &[IngestMessage], now: UnixSeconds) -> Result<IngestReport> {
        self.write(|tx| ingest::ingest(tx, batch, now))
    }

    pub fn inbox(&self, query: &InboxQuery, now: UnixSeconds) -> Result<InboxPage> {
        self.read(|tx| inbox::inbox(tx, query, now))
    }

    pub fn conversation(&self, conversation_id: i64, now: UnixSeconds) -> Result<ConversationView> {
        self.read(|tx| conversation::view(tx, conversation_id, now))
    }

    pub fn conversation_id_by_ref(&self, account_id: i64, external_ref: &str) -> Result<Option<i64>> {
        self.read(|tx| conversation::id_by_ref(tx, account_id, external_ref))
    }

    /// `snoozed_until` only with `Snoozed` (then `None` snoozes until the buyer writes).
    pub fn set_status(
        &self,
        conversation_id: i64,
        status: ConversationStatus,
        snoozed_until: Option<UnixSeconds>,
        now: UnixSeconds,
    ) -> Result<()> {
        self.write(|tx| conversation::set_status(tx, conversation_id, status, snoozed_until, now))
    }

    pub fn set_tags(&self, conversation_id: i64, tags: &[String]) -> Result<()> {
        self.write(|tx| conversation::set_tags(tx, conversation_id, tags))
    }

    pub fn set_pinned(&self, conversation_id: i64, pinned: bool) -> Result<()> {
        self.write(|tx| conversation::set_pinned(tx, conversation_id, pinned))
    }

    pub fn mark_read(&self, conversation_id: i64) -> Result<()> {
        self.write(|tx| conversation::mark_read(tx, conversation_id))
    }

    pub fn buyer_id_by_identity(&self, account_id: i64, external_id: &str) -> Result<Option<i64>> {
        self.read(|tx| buyers::id_by_identity(tx, account_id, external_id))
    }

    pub fn set_buyer_profile(&self, buyer_id: i64, notes: &str, tags: &[String]) -> Result<()> {
        self.write(|tx| buyers::set_profile(tx, buyer_id, notes, tags))
    }

    pub fn create_order(&self, order: &NewOrder, now: UnixSeconds) -> Result<i64> {
        self.write(|tx| orders::create(tx, order, now))
    }

    // ---- buyers and order threads (orders engineer, issue 3)

    /// Identities, conversations, orders, merge suggestions and undoable merges. A merged-away buyer
    /// opens as the buyer it was merged into. Writes only the phone keys of new or changed phones.
    pub fn buyer_page(&self, buyer_id: i64, now: UnixSeconds) -> Result<model::BuyerPage> {
        self.write(|tx| {
            phone_keys::refresh(tx)?;
            buyers::page(tx, buyer_id, now)
        })
    }

    /// Merges `source` into `target` (nothing is deleted); returns the merge id for [`Self::undo_merge`].
    pub fn merge_buyers(
        &self,
        target: i64,
        source: i64,
        reasons: &[model::MergeReason],
        now: UnixSeconds,
    ) -> Result<i64> {
        self.write(|tx| merge::merge(tx, target, source, reasons, now))
    }

    pub fn undo_merge(&self, merge_id: i64, now: UnixSeconds) -> Result<()> {
        self.write(|tx| merge::undo(tx, merge_id, now))
    }

    // ---- merge dismissals: "not the same person" (GAPS, issue 3)

    /// The seller says `buyer` and `other` are two people: the pair is no longer suggested for a
    /// merge, from either buyer's page. The order of the two ids does not matter.
    pub fn dismiss_merge_suggestion(&self, buyer: i64, other: i64, now: UnixSeconds) -> Result<()> {
        self.write(|tx| merge_dismissals::dismiss(tx, buyer, other, now))
    }

    /// Undoes [`Self::dismiss_merge_suggestion`]: the pair may be suggested again.
    pub fn undo_merge_dismissal(&self, buyer: i64, other: i64) -> Result<()> {
        self.write(|tx| merge_dismissals::restore(tx, buyer, other))
    }

    /// Creates an order and moves the given messages (store ids) into it.
    pub fn create_order_from_messages(
        &self,
        order: &NewOrder,
        message_ids: &[i64],
        now: UnixSeconds,
    ) -> Result<i64> {
        self.write(|tx| {
            let order_id = orders::create(tx, order, now)?;
            order_threads::assign(tx, Some(order_id), message_ids)?;
            Ok(order_id)
        })
    }

    pub fn order(&self, order_id: i64) -> Result<model::OrderView> {
        self.read(|tx| orders::view(tx, order_id))
    }

    pub fn update_order(&self, order_id: i64, order: &model::OrderUpdate, now: UnixSeconds) -> Result<()> {
        self.write(|tx| orders::update(tx, order_id, order, now))
    }

    pub fn set_order_stage(&self, order_id: i64, stage: model::OrderStage, now: UnixSeconds) -> Result<()> {
        self.write(|tx| orders::set_stage(tx, order_id, stage, now))
    }

    /// Moves messages into an order (out of any other), or with `None` into no order ("unsorted").
    pub fn assign_messages(&self, order_id: Option<i64>, message_ids: &[i64]) -> Result<()> {
        self.write(|tx| order_threads::assign(tx, order_id, message_ids))
    }

    /// The conversation's messages narrowed to one order (across the buyer's channels) or to none.
    pub fn thread_messages(
        &self,
        conversation_id: i64,
        filter: model::ThreadFilter,
    ) -> Result<Vec<model::ThreadMessage>> {
        self.read(|tx| order_threads::messages(tx, conversation_id, filter))
    }

    /// Agreed orders not yet handed over, by due date, overdue first, dated in the shop's time zone.
    pub fn today(&self, now: UnixSeconds) -> Result<model::TodayView> {
        self.read(|tx| today::today(tx, now))
    }

    pub fn settings(&self) -> Result<Settings> {
        self.read(settings::load)
    }

    pub fn save_settings(&self, settings: &Settings) -> Result<()> {
        self.write(|tx| settings::save(tx, settings))
    }

    // ---- the quick picker's system-wide shortcut (GAPS, issue 4)

    /// The accelerator the seller chose for the quick picker; `None` means the shell's default.
    pub fn quick_picker_shortcut(&self) -> Result<Option<String>> {
        self.read(settings::quick_picker_shortcut)
    }

    /// Saves the accelerator (checked for shape only: the shell registers it first); `None` goes
    /// back to the default.
    pub fn save_quick_picker_shortcut(&self, shortcut: Option<&str>) -> Result<()> {
        self.write(|tx| settings::save_quick_picker_shortcut(tx, shortcut))
    }

    // ---- live channels: consent to the encrypted secrets file (app engineer, issue 7)

    /// The seller agreed to keep access keys in an encrypted file when the system has no keychain
    /// (`mostrador_channels::secrets::open_configured` takes it as `allow_file_fallback`).
    pub fn secrets_file_fallback_allowed(&self) -> Result<bool> {
        self.read(settings::secrets_file_fallback)
    }

    pub fn set_secrets_file_fallback_allowed(&self, allowed: bool) -> Result<()> {
        self.write(|tx| settings::save_secrets_file_fallback(tx, allowed))
    }

    pub fn stats(&self) -> Result<Stats> {
        self.read(stats::stats)
    }

    /// Full export of every table's user data as one JSON document (never secrets), from one
    /// consistent snapshot.
    pub fn export_json(&self, out: &mut dyn std::io::Write) -> Result<()> {
        self.read(|tx| export::export(tx, out))
    }

    /// How the shop answers over the last four months (see `metrics.rs`), from one snapshot.
    pub fn metrics(&self, now: UnixSeconds) -> Result<model::Metrics> {
        self.read(|tx| metrics::compute(tx, now))
    }

    /// Consistent copy via the online backup API; never overwrites an existing file
    /// (Error::InvalidInput). The copy opens with [`Mostrador::open`].
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        self.read(|tx| store::copy_database(tx, dest))
    }

    /// Loads the sample shop in one go; times relative to `now`.
    pub fn load_sample_shop(&self, now: UnixSeconds) -> Result<Stats> {
        // Mixing invented buyers into a real shop would be worse than refusing.
        if !self.is_empty()? {
            return Err(Error::InvalidInput(
                "the sample shop can only be loaded into an empty database".into(),
            ));
        }
        sample_shop::load(self, now)?;
        self.stats()
    }

    // ---- triage (inbox engineer, issue 3)

    /// Snoozes until a preset, a date's morning (shop time zone) or, with `UntilReply`, until the
    /// buyer writes.
    pub fn snooze(&self, conversation_id: i64, choice: &model::SnoozeChoice, now: UnixSeconds) -> Result<()> {
        self.write(|tx| triage::snooze::snooze(tx, conversation_id, choice, now))
    }

    /// The snooze menu's presets with the times they stand for at `now`.
    pub fn snooze_options(&self, now: UnixSeconds) -> Result<Vec<model::SnoozeOption>> {
        self.read(|tx| triage::snooze::options(tx, now))
    }

    /// Snoozed conversations whose time has come go back to needs-reply; returns how many. The shell
    /// calls it every minute.
    pub fn wake_snoozed(&self, now: UnixSeconds) -> Result<u32> {
        self.write(|tx| triage::snooze::wake(tx, now))
    }

    /// One action on many conversations in one transaction (all or nothing); returns how many.
    pub fn bulk(
        &self,
        conversation_ids: &[i64],
        action: &model::BulkAction,
        now: UnixSeconds,
    ) -> Result<u32> {
        self.write(|tx| triage::bulk::apply(tx, conversation_ids, action, now))
    }

    pub fn add_tag(&self, conversation_id: i64, tag: &str, now: UnixSeconds) -> Result<()> {
        let action = model::BulkAction::AddTag { tag: tag.to_owned() };
        self.write(|tx| triage::bulk::apply(tx, &[conversation_id], &action, now)).map(|_| ())
    }

    pub fn remove_tag(&self, conversation_id: i64, tag: &str, now: UnixSeconds) -> Result<()> {
        let action = model::BulkAction::RemoveTag { tag: tag.to_owned() };
        self.write(|tx| triage::bulk::apply(tx, &[conversation_id], &action, now)).map(|_| ())
    }

    /// Conversations per status under the query's other filters (its status and search ignored).
    pub fn inbox_counts(&self, query: &InboxQuery) -> Result<Vec<model::StatusCount>> {
        self.read(|tx| triage::status_counts::per_status(tx, query))
    }

    /// The accounts the channel filter offers.
    pub fn inbox_accounts(&self) -> Result<Vec<model::AccountOption>> {
        self.read(triage::status_counts::accounts)
    }

    /// Older messages of a conversation, before `before_message_id`, oldest first; and whether there
    /// are more still.
    pub fn older_messages(
        &self,
        conversation_id: i64,
        before_message_id: i64,
        limit: u32,
    ) -> Result<(Vec<model::MessageView>, bool)> {
        self.read(|tx| conversation::messages(tx, conversation_id, Some(before_message_id), limit.min(1000)))
    }

    /// Saves the composer's text (an empty text removes the draft).
    pub fn save_draft(&self, conversation_id: i64, text: &str, now: UnixSeconds) -> Result<()> {
        self.write(|tx| triage::drafts::save(tx, conversation_id, text, now))
    }

    pub fn draft(&self, conversation_id: i64) -> Result<Option<model::Draft>> {
        self.read(|tx| triage::drafts::get(tx, conversation_id))
    }

    /// Every draft, most recently edited first.
    pub fn drafts(&self) -> Result<Vec<model::Draft>> {
        self.read(triage::drafts::all)
    }

    /// Remembers the conversations open as tabs, in order (at most 30; repeats dropped).
    pub fn save_open_tabs(&self, conversation_ids: &[i64]) -> Result<()> {
        self.write(|tx| triage::open_tabs::save(tx, conversation_ids))
    }

    /// The tabs saved last, without conversations that no longer exist.
    pub fn open_tabs(&self) -> Result<Vec<i64>> {
        self.read(triage::open_tabs::load)
    }

    /// Stores a reply the seller copied to paste in the channel's app, as an outgoing message with
    /// status `copied` (through ingest: the wait stops, the first reply is timed); clears the draft.
    /// Returns the message id.
    pub fn record_copied_reply(&self, conversation_id: i64, text: &str, now: UnixSeconds) -> Result<i64> {
        self.write(|tx| triage::copied_reply::record(tx, conversation_id, text, now))
    }

    pub fn triage_settings(&self) -> Result<model::TriageSettings> {
        self.read(triage::targets::load_settings)
    }

    pub fn save_triage_settings(&self, settings: &model::TriageSettings) -> Result<()> {
        self.write(|tx| triage::targets::save_settings(tx, settings))
    }

    /// New incoming messages after `after_message_id` (grouped) and conversations that passed their
    /// reply target in `(since, now]`, for desktop notifications.
    pub fn triage_alerts(
        &self,
        after_message_id: Option<i64>,
        since: UnixSeconds,
        now: UnixSeconds,
    ) -> Result<model::TriageAlerts> {
        self.read(|tx| triage::alerts::since(tx, after_message_id, since, now))
    }

    // ---- WhatsApp exports and manual capture (WhatsApp engineer, issue 6)

    /// Reads and parses a WhatsApp export (`.txt` or `.zip`) and says what importing it would do.
    /// Writes nothing.
    pub fn whatsapp_preview(
        &self,
        path: &Path,
        options: &whatsapp::WhatsAppImportOptions,
    ) -> Result<whatsapp::WhatsAppPreview> {
        self.read(|tx| whatsapp::preview(tx, path, options))
    }

    /// Imports a WhatsApp export in one transaction through ingest: creates or reuses the WhatsApp
    /// account, remembers "me" there, copies the zip's media to `<db dir>/media/whatsapp/…`.
    /// Importing the same chat again, or an overlapping newer export, adds only new messages.
    pub fn whatsapp_import(
        &self,
        path: &Path,
        options: &whatsapp::WhatsAppImportOptions,
        now: UnixSeconds,
    ) -> Result<whatsapp::WhatsAppImportReport> {
        self.write(|tx| whatsapp::import(tx, &self.db_path, path, options, now))
    }

    /// Splits text pasted from a site without an API into a draft of messages (writes nothing).
    pub fn capture_split(&self, text: &str, options: &capture::SplitOptions) -> capture::CaptureDraft {
        capture::split(text, options)
    }

    /// Saves a captured draft as a new conversation on the `other` account named after its source.
    pub fn capture_save(
        &self,
        input: &capture::CaptureInput,
        now: UnixSeconds,
    ) -> Result<capture::CaptureSaved> {
        self.write(|tx| capture::save(tx, input, now))
    }

    /// Adds one incoming or outgoing message to an existing conversation; returns its id.
    pub fn capture_add_message(&self, message: &capture::QuickMessage, now: UnixSeconds) -> Result<i64> {
        self.write(|tx| capture::add_message(tx, message, now))
    }

    /// Buyers for the capture screen's picker.
    pub fn capture_buyers(&self, query: &str) -> Result<Vec<capture::BuyerOption>> {
        self.read(|tx| capture::buyers(tx, query))
    }

    /// The hand-captured sources used so far (accounts of channel `other`).
    pub fn capture_sources(&self) -> Result<Vec<model::AccountOption>> {
        self.read(capture::sources)
    }

    // ---- cut-off notices and capacity (cut-off engineer, issue 5)

    pub fn calendar_settings(&self) -> Result<model::CalendarSettings> {
        self.read(cutoff::store::load_settings)
    }

    pub fn save_calendar_settings(&self, settings: &model::CalendarSettings) -> Result<()> {
        self.write(|tx| cutoff::store::save_settings(tx, settings))
    }

    /// Closed dates between two `YYYY-MM-DD` dates, inclusive.
    pub fn closed_dates(&self, from: &str, to: &str) -> Result<Vec<model::ClosedDate>> {
        self.read(|tx| cutoff::store::closed_dates(tx, from, to))
    }

    /// Adds or replaces a closed date (holiday, vacation, one-off).
    pub fn save_closed_date(&self, closed: &model::ClosedDate) -> Result<()> {
        self.write(|tx| cutoff::store::save_closed_date(tx, closed))
    }

    pub fn delete_closed_date(&self, date: &str) -> Result<()> {
        self.write(|tx| cutoff::store::delete_closed_date(tx, date))
    }

    /// Adds a country's public holidays for a year (AR, BR, CL, CO, MX, PE, UY, ES, US), keeping
    /// dates already set; returns how many were added.
    pub fn apply_holiday_preset(&self, country: &str, year: i32) -> Result<u32> {
        self.write(|tx| cutoff::store::apply_holiday_preset(tx, country, year))
    }

    pub fn products(&self) -> Result<Vec<model::ProductProfile>> {
        self.read(cutoff::store::products)
    }

    /// Creates (no id) or updates a product with its processing profile; returns its id.
    pub fn save_product(&self, product: &model::ProductProfile, now: UnixSeconds) -> Result<i64> {
        self.write(|tx| cutoff::store::save_product(tx, product, now))
    }

    pub fn delete_product(&self, product_id: i64) -> Result<()> {
        self.write(|tx| cutoff::store::delete_product(tx, product_id))
    }

    pub fn capacity_overrides(&self) -> Result<Vec<model::CapacityOverride>> {
        self.read(cutoff::store::overrides)
    }

    /// Sets a day's capacity in pieces; `None` goes back to the shop's default.
    pub fn set_capacity_override(&self, date: &str, pieces: Option<u32>) -> Result<()> {
        self.write(|tx| cutoff::store::set_override(tx, date, pieces))
    }

    pub fn seasonal_deadlines(&self) -> Result<Vec<model::SeasonalDeadline>> {
        self.read(cutoff::store::deadlines)
    }

    pub fn save_seasonal_deadline(
        &self,
        deadline: &model::SeasonalDeadline,
        now: UnixSeconds,
    ) -> Result<i64> {
        self.write(|tx| cutoff::store::save_deadline(tx, deadline, now))
    }

    pub fn delete_seasonal_deadline(&self, deadline_id: i64) -> Result<()> {
        self.write(|tx| cutoff::store::delete_deadline(tx, deadline_id))
    }

    /// Ship-by dates for `quantity` of a product (exact name or a unique part of it) confirmed at
    /// `confirmed_at`, after the open orders' bookings.
    pub fn promise(
        &self,
        product: &str,
        quantity: u32,
        confirmed_at: UnixSeconds,
        now: UnixSeconds,
    ) -> Result<model::PromiseView> {
        self.read(|tx| cutoff::store::promise_for(tx, product, quantity, confirmed_at, now))
    }

    /// "Can I make `quantity` by `due_date`?": yes, or no with the earliest date and how many fit.
    pub fn feasibility(
        &self,
        product: &str,
        quantity: u32,
        due_date: &str,
        confirmed_at: UnixSeconds,
        now: UnixSeconds,
    ) -> Result<model::FeasibilityView> {
        self.read(|tx| cutoff::store::feasibility_for(tx, product, quantity, due_date, confirmed_at, now))
    }

    /// The next cut-off and what an order confirmed before and after it starts on.
    pub fn cutoff_countdown(&self, now: UnixSeconds) -> Result<Option<model::CountdownView>> {
        self.read(|tx| cutoff::store::countdown_for(tx, now))
    }

    /// Upcoming seasonal deadlines with the last day to order per delivery method, for a
    /// product's processing time (or the shop's default).
    pub fn upcoming_deadlines(
        &self,
        product: Option<&str>,
        now: UnixSeconds,
    ) -> Result<Vec<model::DeadlineView>> {
        self.read(|tx| cutoff::store::deadlines_for(tx, product, now))
    }

    /// The inbox banner: today's countdown and the next deadline when near.
    pub fn cutoff_banner(&self, now: UnixSeconds) -> Result<model::CutoffBanner> {
        self.read(|tx| cutoff::store::banner(tx, now))
    }

    /// Capacity and bookings per day, `from`–`to` inclusive (at most 400 days).
    pub fn capacity_calendar(
        &self,
        from: &str,
        to: &str,
        now: UnixSeconds,
    ) -> Result<Vec<model::CapacityDay>> {
        self.read(|tx| cutoff::store::capacity_calendar(tx, from, to, now))
    }

    /// Promised dates of a conversation's orders (`None`: every open order and inquiry).
    pub fn order_promises(
        &self,
        conversation_id: Option<i64>,
        now: UnixSeconds,
    ) -> Result<Vec<model::OrderPromise>> {
        self.read(|tx| cutoff::store::order_promises(tx, conversation_id, now))
    }

    /// Values of the `cutoff.*` saved-answer variables (`cutoff.notice`, `cutoff.next_ship_date`,
    /// `cutoff.last_order_day:<deadline>`), in a language.
    pub fn cutoff_variables(
        &self,
        language: model::Language,
        now: UnixSeconds,
    ) -> Result<Vec<(String, String)>> {
        self.read(|tx| cutoff::store::variables(tx, language, now))
    }

    // ---- saved answers (answers engineer, issue 4)

    /// Every saved answer with its versions and attachments, by folder then title.
    pub fn answers(&self) -> Result<Vec<model::SavedAnswer>> {
        self.read(answers::all)
    }

    pub fn answer(&self, answer_id: i64) -> Result<model::SavedAnswer> {
        self.read(|tx| answers::get(tx, answer_id))
    }

    /// Creates an answer; a shortcut already in use is `Error::ShortcutTaken`.
    pub fn create_answer(&self, input: &model::AnswerInput, now: UnixSeconds) -> Result<i64> {
        self.write(|tx| answers::create(tx, input, now))
    }

    /// Replaces the answer's fields and versions (usage and attachments stay).
    pub fn update_answer(&self, answer_id: i64, input: &model::AnswerInput, now: UnixSeconds) -> Result<()> {
        self.write(|tx| answers::update(tx, answer_id, input, now))
    }

    /// Deletes the answer and, once that is committed, its attachment files.
    pub fn delete_answer(&self, answer_id: i64) -> Result<()> {
        let files = self.write(|tx| answers::delete(tx, answer_id))?;
        answers::delete_files(&files);
        Ok(())
    }

    /// Fuzzy search (accent-insensitive) ranked by shortcut prefix, match, use count and recency.
    pub fn search_answers(&self, query: &str, limit: u32) -> Result<Vec<model::AnswerHit>> {
        let generation = self.store.generation()?;
        self.read(|tx| answers::search(tx, &self.answers_index, generation, query, limit))
    }

    /// Answers for what an incoming message asks, each with the reason it was suggested.
    pub fn suggest_answers(&self, message: &str, limit: u32) -> Result<Vec<model::AnswerSuggestion>> {
        let generation = self.store.generation()?;
        self.read(|tx| answers::suggestions(tx, &self.answers_index, generation, message, limit))
    }

    /// Fills an answer for a conversation and order, picks the version for the channel and lints
    /// every version against it.
    pub fn render_answer(
        &self,
        answer_id: i64,
        request: &model::RenderRequest,
        now: UnixSeconds,
    ) -> Result<model::RenderedAnswer> {
        self.read(|tx| answers::render(tx, answer_id, request, now))
    }

    /// Counts a use: last used, and the characters the pasted `text` saved typing.
    pub fn record_answer_use(&self, answer_id: i64, text: &str, now: UnixSeconds) -> Result<()> {
        self.write(|tx| answers::record_use(tx, answer_id, text, now))
    }

    /// Installs the starter pack of a language once (later calls add nothing); returns how many.
    pub fn install_starter_answers(&self, language: model::Language, now: UnixSeconds) -> Result<u32> {
        self.write(|tx| answers::install_starter(tx, language, now))
    }

    pub fn answer_facts(&self) -> Result<model::AnswerFacts> {
        self.read(answers::facts)
    }

    pub fn save_answer_facts(&self, facts: &model::AnswerFacts) -> Result<()> {
        self.write(|tx| answers::save_facts(tx, facts))
    }

    pub fn export_answers(&self, format: model::AnswerFileFormat) -> Result<String> {
        self.read(|tx| answers::export(tx, format))
    }

    /// Writes the export to `<db dir>/exports/answers-<now>.<json|csv>` and returns its path.
    pub fn export_answers_to_folder(
        &self,
        format: model::AnswerFileFormat,
        now: UnixSeconds,
    ) -> Result<PathBuf> {
        let text = self.export_answers(format)?;
        let dir = self.db_path.parent().unwrap_or_else(|| Path::new(".")).join("exports");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("answers-{now}.{format}"));
        std::fs::write(&path, text)?;
        Ok(path)
    }

    /// All or nothing: a file with any invalid answer is `Error::AnswerImport` and changes nothing.
    pub fn import_answers(
        &self,
        text: &str,
        format: model::AnswerFileFormat,
        now: UnixSeconds,
    ) -> Result<model::AnswerImportReport> {
        self.write(|tx| answers::import(tx, text, format, now))
    }

    /// Copies a file into `<db dir>/answers/<id>/` and lists it with the answer.
    pub fn add_answer_attachment(&self, answer_id: i64, source: &Path) -> Result<i64> {
        self.write(|tx| answers::add_attachment(tx, &self.db_path, answer_id, source))
    }

    /// One attachment (its file's path is on this machine), e.g. to copy it as an image.
    pub fn answer_attachment(&self, attachment_id: i64) -> Result<model::AnswerAttachment> {
        self.read(|tx| answers::attachment(tx, attachment_id))
    }

    pub fn remove_answer_attachment(&self, attachment_id: i64) -> Result<()> {
        let file = self.write(|tx| answers::remove_attachment(tx, attachment_id))?;
        answers::delete_files(&[file]);
        Ok(())
    }

    // ---- live sync: accounts' status, channel batches, the outbox (CORE, issue 7)

    /// Every account with its settings (never secrets) and how its last sync round ended.
    pub fn accounts(&self) -> Result<Vec<model::AccountView>> {
        self.read(sync::accounts_view::all)
    }

    pub fn account(&self, account_id: i64) -> Result<model::AccountView> {
        self.read(|tx| sync::accounts_view::one(tx, account_id))
    }

    /// Replaces the account's non-secret settings (a JSON object; keys that look like secrets are
    /// refused: those belong in the keychain).
    pub fn update_account_settings(&self, account_id: i64, settings: &serde_json::Value) -> Result<()> {
        self.write(|tx| sync::accounts_view::update_settings(tx, account_id, settings))
    }

    /// A paused account is not synced and replies in it are copied, not sent.
    pub fn set_account_disabled(&self, account_id: i64, disabled: bool) -> Result<()> {
        self.write(|tx| sync::accounts_view::set_disabled(tx, account_id, disabled))
    }

    /// Where a feed of the account left off, as the last committed batch set it.
    pub fn sync_cursor(&self, account_id: i64, stream: &str) -> Result<Option<String>> {
        self.read(|tx| sync::commit::cursor(tx, account_id, stream))
    }

    /// Stores one sync round in ONE transaction: messages (through ingest), conversation facts,
    /// orders (upserted by account and channel id, joined to their thread), deletions, then the
    /// cursors. Committing the same batch again changes nothing; a failed batch moves no cursor.
    pub fn commit_sync(
        &self,
        account_id: i64,
        batch: &model::SyncBatch,
        now: UnixSeconds,
    ) -> Result<model::SyncCommitReport> {
        self.write(|tx| sync::commit::commit(tx, account_id, batch, now))
    }

    pub fn record_sync_outcome(
        &self,
        account_id: i64,
        outcome: &model::SyncOutcome,
        now: UnixSeconds,
    ) -> Result<()> {
        self.write(|tx| sync::accounts_view::record_outcome(tx, account_id, outcome, now))
    }

    /// Queues a reply to send through the channel and shows it in the thread at once (status
    /// queued). Refused with `Error::SendRefused` (copy-mode account, paused, blocked, outside the
    /// reply window, empty, too long for the channel).
    pub fn outbox_enqueue(
        &self,
        conversation_id: i64,
        text: &str,
        now: UnixSeconds,
    ) -> Result<model::OutboxItem> {
        self.write(|tx| sync::outbox::enqueue(tx, conversation_id, text, now))
    }

    /// The account's next due reply, marked sending (attempts + 1).
    pub fn outbox_claim(&self, account_id: i64, now: UnixSeconds) -> Result<Option<model::OutboxItem>> {
        self.write(|tx| sync::outbox::claim(tx, account_id, now))
    }

    /// Replies left sending by a crash (claimed over `IN_DOUBT_AFTER_SECS` ago): check the remote
    /// thread before sending any again.
    pub fn outbox_in_doubt(&self, account_id: i64, now: UnixSeconds) -> Result<Vec<model::OutboxItem>> {
        self.read(|tx| sync::outbox::in_doubt(tx, account_id, now))
    }

    /// Whether a reply of the account was claimed recently and may still be on its way (another
    /// process sending it): not in doubt yet.
    pub fn outbox_being_sent(&self, account_id: i64, now: UnixSeconds) -> Result<bool> {
        self.read(|tx| sync::outbox::being_sent(tx, account_id, now))
    }

    /// Whether the channel message `external_id` is what another sent reply than `outbox_id` went
    /// out as (the same short text sent twice is not one reply found).
    pub fn outbox_message_taken(&self, account_id: i64, external_id: &str, outbox_id: i64) -> Result<bool> {
        self.read(|tx| sync::outbox::message_taken(tx, account_id, external_id, outbox_id))
    }

    /// The channel took the reply: its message takes the channel's id (or gives way to the row a
    /// poll already stored under it); a moderated or rejected reply does not end the buyer's wait.
    pub fn outbox_sent(&self, outbox_id: i64, delivered: &model::Delivered, now: UnixSeconds) -> Result<()> {
        self.write(|tx| sync::outbox::sent(tx, outbox_id, delivered, now))
    }

    /// `retry_at` Some: queued again for then; None: failed for good (the message shows `code`).
    pub fn outbox_failed(
        &self,
        outbox_id: i64,
        code: &str,
        detail: &str,
        retry_at: Option<UnixSeconds>,
        now: UnixSeconds,
    ) -> Result<()> {
        self.write(|tx| sync::outbox::failed(tx, outbox_id, code, detail, retry_at, now))
    }

    pub fn outbox_retry(&self, outbox_id: i64, now: UnixSeconds) -> Result<()> {
        self.write(|tx| sync::outbox::retry(tx, outbox_id, now))
    }

    /// Cancels a queued or failed reply: it leaves the thread and its text returns to the draft.
    pub fn outbox_cancel(&self, outbox_id: i64, now: UnixSeconds) -> Result<()> {
        self.write(|tx| sync::outbox::cancel(tx, outbox_id, now))
    }

    /// Every reply of the conversation that went through the outbox, oldest first.
    pub fn outbox_for_conversation(&self, conversation_id: i64) -> Result<Vec<model::OutboxItem>> {
        self.read(|tx| sync::outbox::for_conversation(tx, conversation_id))
    }

    /// What the composer may do in the conversation (also in `ConversationView::send`).
    pub fn send_capability(&self, conversation_id: i64) -> Result<model::SendCapability> {
        self.read(|tx| sync::send_capability::of_conversation(tx, conversation_id))
    }

    /// The stored names of the account's buyers among `external_ids` that the channel named already
    /// (their identity has a nickname), by external id: a connector skips looking those up.
    pub fn buyer_names_known(
        &self,
        account_id: i64,
        external_ids: &[String],
    ) -> Result<std::collections::HashMap<String, String>> {
        self.read(|tx| sync::known_buyers::named(tx, account_id, external_ids))
    }

    /// One write transaction on the store, for modules of this crate (the sample shop) that need
    /// tables without a public method yet.
    pub(crate) fn write<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.store.write(work)
    }

    pub(crate) fn read<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.store.read(work)
    }
}
