// Generated from src-tauri/app/src/commands/*.rs by `cargo xtask types`. Do not edit: `cargo xtask test` fails when stale.
// One function per command: its name in camelCase, its arguments in order, its Rust doc.

import type {
  AccountOption,
  AccountsOverview,
  AnswerChannel,
  AnswerFacts,
  AnswerFileFormat,
  AnswerHit,
  AnswerImportReport,
  AnswerInput,
  AnswerSuggestion,
  AppInfo,
  BackupFile,
  BackupsOverview,
  BulkAction,
  BuyerOption,
  BuyerPage,
  CalendarSettings,
  CapacityDay,
  CapacityOverride,
  CaptureDraft,
  CaptureInput,
  CaptureSaved,
  ClosedDate,
  ConversationStatus,
  ConversationView,
  CutoffBanner,
  DeadlineView,
  Draft,
  EtsyAuthorize,
  EtsyFinish,
  EtsyStart,
  FacebookFinish,
  InboxPage,
  InboxQuery,
  InstagramFinish,
  Language,
  LeftOutMail,
  LintReport,
  MailboxForm,
  MailboxGuess,
  MergeReason,
  MetaAuthorize,
  MetaStart,
  Metrics,
  MicrosoftCode,
  MicrosoftStart,
  MlAuthorize,
  MlFinish,
  MlStart,
  NewOrder,
  OlderMessages,
  OrderPromise,
  OrderStage,
  OrderUpdate,
  OrderView,
  OutboxItem,
  PageChoice,
  PostSaleFinding,
  PostSaleReason,
  PostSaleReasonChoice,
  ProductProfile,
  QuickMessage,
  QuickPickerShortcut,
  RenderRequest,
  RenderedAnswer,
  SavedAnswer,
  SeasonalDeadline,
  SenderMark,
  Settings,
  SnoozeChoice,
  SnoozeOption,
  SplitOptions,
  Stats,
  StatusCount,
  ThreadFilter,
  ThreadMessage,
  TodayView,
  TriageSettings,
  WhatsAppImportOptions,
  WhatsAppImportReport,
  WhatsAppPreview,
} from './bindings';
import { call } from './shell';

// ---- accounts

/** The accounts with their sync state, where secrets are kept and whether the demo store runs. */
export function accountsList(): Promise<AccountsOverview> {
  return call<AccountsOverview>('accounts_list');
}

/**
 * The Mercado Libre wizard's first half: the shell builds the authorisation address for the
 * seller's application and opens it in the browser (only Mercado Libre's https auth hosts). The
 * PKCE verifier comes back for the finish step.
 */
export function accountConnectMlStart(request: MlStart): Promise<MlAuthorize> {
  return call<MlAuthorize>('account_connect_ml_start', { request });
}

/**
 * The Mercado Libre wizard's second half: trades what the browser landed on for tokens, kept in
 * the secret store, and connects the account; returns its id.
 */
export function accountConnectMlFinish(request: MlFinish): Promise<number> {
  return call<number>('account_connect_ml_finish', { request });
}

/**
 * The Etsy wizard's first step: the page where the seller makes their Etsy app, opened by the
 * shell (www.etsy.com only).
 */
export function accountEtsyOpenAppsPage(): Promise<null> {
  return call<null>('account_etsy_open_apps_page');
}

/**
 * The Etsy wizard's authorisation step: the shell opens Etsy's page for the seller's app with a
 * PKCE challenge (Etsy requires it); the verifier comes back for the finish step.
 */
export function accountConnectEtsyStart(request: EtsyStart): Promise<EtsyAuthorize> {
  return call<EtsyAuthorize>('account_connect_etsy_start', { request });
}

/**
 * The Etsy wizard's last step: trades what the browser landed on for tokens (kept in the secret
 * store) and connects the shop's orders into its Etsy account; returns the account id.
 */
export function accountConnectEtsyFinish(request: EtsyFinish): Promise<number> {
  return call<number>('account_connect_etsy_finish', { request });
}

/**
 * The Instagram wizard's first step: the shell opens Instagram's authorisation page for the
 * seller's Meta app in the browser.
 */
export function accountConnectInstagramStart(request: MetaStart): Promise<MetaAuthorize> {
  return call<MetaAuthorize>('account_connect_instagram_start', { request });
}

/**
 * The Instagram wizard's last step: trades what the browser landed on for a 60-day token, kept
 * in the secret store, checks the account is professional and connects it; returns its id.
 */
export function accountConnectInstagramFinish(request: InstagramFinish): Promise<number> {
  return call<number>('account_connect_instagram_finish', { request });
}

/** The Facebook wizard's first step: the shell opens Facebook's authorisation dialog. */
export function accountConnectFacebookStart(request: MetaStart): Promise<MetaAuthorize> {
  return call<MetaAuthorize>('account_connect_facebook_start', { request });
}

/**
 * The Facebook wizard's second step: trades what the browser landed on for the Pages the seller
 * manages; their tokens stay in the shell until one is picked.
 */
export function accountConnectFacebookPages(request: FacebookFinish): Promise<Array<PageChoice>> {
  return call<Array<PageChoice>>('account_connect_facebook_pages', { request });
}

/**
 * The Facebook wizard's last step: connects the picked Page as a Messenger account with its own
 * token (which does not expire); returns its id.
 */
export function accountConnectMessenger(pageId: string, humanAgent: boolean): Promise<number> {
  return call<number>('account_connect_messenger', { pageId, humanAgent });
}

/** Connects a Telegram bot by its token (kept in the secret store); returns the account's id. */
export function accountConnectTelegram(token: string): Promise<number> {
  return call<number>('account_connect_telegram', { token });
}

/** Turns an account's sync off (`disabled`) or on again. */
export function accountSetDisabled(accountId: number, disabled: boolean): Promise<null> {
  return call<null>('account_set_disabled', { accountId, disabled });
}

/** "Sincronizar ahora": wakes the account's sync so it runs a round at once. */
export function accountSyncNow(accountId: number): Promise<null> {
  return call<null>('account_sync_now', { accountId });
}

/**
 * The seller agreed to keep access keys in an encrypted file (this system has no keychain);
 * returns the accounts screen as it is now.
 */
export function secretsAllowFileFallback(): Promise<AccountsOverview> {
  return call<AccountsOverview>('secrets_allow_file_fallback');
}

/**
 * Starts the demo store: a simulated Mercado Libre and Telegram with live buyers (the first-run
 * button, and the accounts screen's "open the demo again").
 */
export function demoStart(): Promise<null> {
  return call<null>('demo_start');
}

// ---- answers

/** The whole saved-answers library. */
export function answersList(): Promise<Array<SavedAnswer>> {
  return call<Array<SavedAnswer>>('answers_list');
}

/** The saved answers that match `query` (fuzzy, best first), at most `limit`. */
export function answersSearch(query: string, limit: number): Promise<Array<AnswerHit>> {
  return call<Array<AnswerHit>>('answers_search', { query, limit });
}

/** Saved answers that may answer a buyer's `message`, best first, at most `limit`. */
export function answersSuggest(message: string, limit: number): Promise<Array<AnswerSuggestion>> {
  return call<Array<AnswerSuggestion>>('answers_suggest', { message, limit });
}

/** Creates (`id` null) or updates an answer; returns its id. */
export function answerSave(id: number | null, input: AnswerInput): Promise<number> {
  return call<number>('answer_save', { id, input });
}

/** Deletes a saved answer. */
export function answerDelete(id: number): Promise<null> {
  return call<null>('answer_delete', { id });
}

/** An answer filled for a paste: its variables replaced, what is still missing, the channel's lint. */
export function answerRender(id: number, request: RenderRequest): Promise<RenderedAnswer> {
  return call<RenderedAnswer>('answer_render', { id, request });
}

/** Why a channel would refuse or cut `text` (its length limit, Mercado Libre's moderation). */
export function answersLint(text: string, channel: AnswerChannel): Promise<LintReport> {
  return call<LintReport>('answers_lint', { text, channel });
}

/** Puts the final text on the clipboard and counts the use. */
export function answerCopy(id: number, text: string): Promise<null> {
  return call<null>('answer_copy', { id, text });
}

/** Counts a use of an answer inserted into the composer (the composer copies the message itself). */
export function answerUsed(id: number, text: string): Promise<null> {
  return call<null>('answer_used', { id, text });
}

/** Adds the starter answers in `language`; returns how many were added. */
export function answersInstallStarter(language: Language): Promise<number> {
  return call<number>('answers_install_starter', { language });
}

/** The shop's facts the answers' variables read (payment alias, pickup place, phone). */
export function answerFactsGet(): Promise<AnswerFacts> {
  return call<AnswerFacts>('answer_facts_get');
}

/** Saves the shop's facts the answers' variables read. */
export function answerFactsSave(facts: AnswerFacts): Promise<null> {
  return call<null>('answer_facts_save', { facts });
}

/** Writes the library to the data folder's `exports/` and returns the file's path. */
export function answersExport(format: AnswerFileFormat): Promise<string> {
  return call<string>('answers_export', { format });
}

/**
 * Imports answers from a file's text in `format`; says how many were added and how many replaced
 * an answer with the same shortcut.
 */
export function answersImport(text: string, format: AnswerFileFormat): Promise<AnswerImportReport> {
  return call<AnswerImportReport>('answers_import', { text, format });
}

/** Copies a file (image or PDF) into the data folder and lists it with the answer. */
export function answerAttach(answerId: number, path: string): Promise<number> {
  return call<number>('answer_attach', { answerId, path });
}

/** Removes an attachment from its answer. */
export function answerDetach(attachmentId: number): Promise<null> {
  return call<null>('answer_detach', { attachmentId });
}

/** Puts an image attachment on the clipboard (it replaces the text: a clipboard holds one item). */
export function answerCopyImage(attachmentId: number): Promise<null> {
  return call<null>('answer_copy_image', { attachmentId });
}

/** The in-app way to the quick picker (the global shortcut opens the same window). */
export function quickPickerOpen(): Promise<null> {
  return call<null>('quick_picker_open');
}

/** Closes the quick picker (after a copy, or Esc); only that window may call it. */
export function quickPickerClose(): Promise<null> {
  return call<null>('quick_picker_close');
}

// ---- app

/**
 * The version, the database and data folder paths, whether the store is still empty (the
 * first-run screen) and the system's locale (the default language).
 */
export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>('app_info');
}

// ---- backups

/** The folder of the daily copies, the copies newest first, and how many are kept. */
export function backupsList(): Promise<BackupsOverview> {
  return call<BackupsOverview>('backups_list');
}

/** A copy now, beside the daily ones (the same minute's copy is reused). */
export function backupNow(): Promise<BackupFile> {
  return call<BackupFile>('backup_now');
}

// ---- buyers

/**
 * A buyer across channels: identities, conversations, orders, merge suggestions, past merges and
 * dismissed suggestions.
 */
export function buyerPage(buyerId: number): Promise<BuyerPage> {
  return call<BuyerPage>('buyer_page', { buyerId });
}

/** Saves the seller's notes and tags on a buyer. */
export function buyerSetProfile(buyerId: number, notes: string, tags: Array<string>): Promise<null> {
  return call<null>('buyer_set_profile', { buyerId, notes, tags });
}

/** Merges `source` into `target` for the given reasons; returns the merge's id (for undo). */
export function buyersMerge(target: number, source: number, reasons: Array<MergeReason>): Promise<number> {
  return call<number>('buyers_merge', { target, source, reasons });
}

/** Undoes a merge exactly: the identities and conversations go back to the buyer they came from. */
export function buyersUndoMerge(mergeId: number): Promise<null> {
  return call<null>('buyers_undo_merge', { mergeId });
}

/** "Not the same person": the pair is no longer suggested for a merge (order does not matter). */
export function buyersDismissSuggestion(buyer: number, other: number): Promise<null> {
  return call<null>('buyers_dismiss_suggestion', { buyer, other });
}

/** Undoes "not the same person": the pair can be suggested again. */
export function buyersUndoDismissal(buyer: number, other: number): Promise<null> {
  return call<null>('buyers_undo_dismissal', { buyer, other });
}

// ---- capture

/** Splits text pasted from a site without an API into a draft of messages to check (writes nothing). */
export function captureSplit(text: string, options: SplitOptions): Promise<CaptureDraft> {
  return call<CaptureDraft>('capture_split', { text, options });
}

/** Saves a checked draft as a new conversation on the `other` account named after its source. */
export function captureSave(input: CaptureInput): Promise<CaptureSaved> {
  return call<CaptureSaved>('capture_save', { input });
}

/** Adds one incoming or outgoing message to an existing conversation; returns its id. */
export function captureAddMessage(message: QuickMessage): Promise<number> {
  return call<number>('capture_add_message', { message });
}

/** Buyers matching `query`, for the capture screen's picker. */
export function captureBuyers(query: string): Promise<Array<BuyerOption>> {
  return call<Array<BuyerOption>>('capture_buyers', { query });
}

/** The hand-captured sources used so far (accounts of channel `other`). */
export function captureSources(): Promise<Array<AccountOption>> {
  return call<Array<AccountOption>>('capture_sources');
}

// ---- conversations

/** One conversation: its row, buyer, latest messages, orders and how a reply goes out. */
export function conversationGet(conversationId: number): Promise<ConversationView> {
  return call<ConversationView>('conversation_get', { conversationId });
}

/** "Load older messages": the page before the oldest one shown. */
export function conversationOlderMessages(conversationId: number, beforeMessageId: number, limit: number): Promise<OlderMessages> {
  return call<OlderMessages>('conversation_older_messages', { conversationId, beforeMessageId, limit });
}

/** Marks the conversation's messages as read. */
export function conversationMarkRead(conversationId: number): Promise<null> {
  return call<null>('conversation_mark_read', { conversationId });
}

/** Sets a conversation's status (needs reply, waiting for the buyer, done). */
export function conversationSetStatus(conversationId: number, status: ConversationStatus): Promise<null> {
  return call<null>('conversation_set_status', { conversationId, status });
}

/** Snoozes a conversation until a preset, a date or the buyer's reply. */
export function conversationSnooze(conversationId: number, choice: SnoozeChoice): Promise<null> {
  return call<null>('conversation_snooze', { conversationId, choice });
}

/** The snooze presets with the moment each one means now, in the shop's zone. */
export function snoozeOptions(): Promise<Array<SnoozeOption>> {
  return call<Array<SnoozeOption>>('snooze_options');
}

/** Applies one action (status, snooze, tag, pin) to many conversations; returns how many changed. */
export function conversationsBulk(conversationIds: Array<number>, action: BulkAction): Promise<number> {
  return call<number>('conversations_bulk', { conversationIds, action });
}

/**
 * Saves the composer's text (an empty text removes the draft). No `store-changed`: a draft changes nothing
 * another view shows, and it is saved as the seller types.
 */
export function draftSave(conversationId: number, text: string): Promise<null> {
  return call<null>('draft_save', { conversationId, text });
}

/** Every saved draft, to restore the composers. */
export function draftsList(): Promise<Array<Draft>> {
  return call<Array<Draft>>('drafts_list');
}

/**
 * The conversations open as tabs, in order, for the next start. No `store-changed` either: which
 * tabs are open only matters to the next start.
 */
export function tabsSave(conversationIds: Array<number>): Promise<null> {
  return call<null>('tabs_save', { conversationIds });
}

/** The conversations open as tabs at the last exit, in order. */
export function tabsList(): Promise<Array<number>> {
  return call<Array<number>>('tabs_list');
}

/** Reply targets per channel and the quiet hours (no notifications). */
export function triageSettingsGet(): Promise<TriageSettings> {
  return call<TriageSettings>('triage_settings_get');
}

/** Saves the triage settings; returns them as stored. */
export function triageSettingsSave(settings: TriageSettings): Promise<TriageSettings> {
  return call<TriageSettings>('triage_settings_save', { settings });
}

/**
 * Opens the conversation in the channel's own site in the browser: Instagram or Messenger (the
 * direct thread with the buyer, the seller's inbox, or a comment's post), or Etsy's conversation
 * page. Where the seller answers when Mostrador cannot. Only those sites' addresses open.
 */
export function conversationOpenInApp(conversationId: number): Promise<null> {
  return call<null>('conversation_open_in_app', { conversationId });
}

// ---- cutoff

/** The inbox banner: today's countdown to the cut-off and the next deadline when near. */
export function cutoffBanner(): Promise<CutoffBanner> {
  return call<CutoffBanner>('cutoff_banner');
}

/** The shop calendar: time zone, working days, daily cut-off, capacity and default processing time. */
export function calendarSettingsGet(): Promise<CalendarSettings> {
  return call<CalendarSettings>('calendar_settings_get');
}

/** Saves the shop calendar. */
export function calendarSettingsSave(settings: CalendarSettings): Promise<null> {
  return call<null>('calendar_settings_save', { settings });
}

/** Closed dates between two `YYYY-MM-DD` dates, inclusive. */
export function closedDatesList(from: string, to: string): Promise<Array<ClosedDate>> {
  return call<Array<ClosedDate>>('closed_dates_list', { from, to });
}

/** Adds or replaces a closed date (holiday, vacation, one-off). */
export function closedDateSave(closed: ClosedDate): Promise<null> {
  return call<null>('closed_date_save', { closed });
}

/** Reopens a closed date. */
export function closedDateDelete(date: string): Promise<null> {
  return call<null>('closed_date_delete', { date });
}

/**
 * Adds a country's public holidays for a year, keeping dates already set; returns how many
 * were added.
 */
export function holidaysApply(country: string, year: number): Promise<number> {
  return call<number>('holidays_apply', { country, year });
}

/** The seasonal deadlines (Christmas, Mother's Day…) and their dates. */
export function seasonalDeadlinesList(): Promise<Array<SeasonalDeadline>> {
  return call<Array<SeasonalDeadline>>('seasonal_deadlines_list');
}

/** Creates (its `id` null) or updates a seasonal deadline; returns its id. */
export function seasonalDeadlineSave(deadline: SeasonalDeadline): Promise<number> {
  return call<number>('seasonal_deadline_save', { deadline });
}

/** Deletes a seasonal deadline. */
export function seasonalDeadlineDelete(id: number): Promise<null> {
  return call<null>('seasonal_deadline_delete', { id });
}

/** Capacity and bookings per day, `from`–`to` inclusive (at most 400 days). */
export function capacityCalendar(from: string, to: string): Promise<Array<CapacityDay>> {
  return call<Array<CapacityDay>>('capacity_calendar', { from, to });
}

/** Sets a day's capacity in pieces; `pieces` null goes back to the shop's default. */
export function capacityOverrideSet(date: string, pieces: number | null): Promise<null> {
  return call<null>('capacity_override_set', { date, pieces });
}

/** Promised dates of the conversation's orders and inquiries. */
export function orderPromises(conversationId: number): Promise<Array<OrderPromise>> {
  return call<Array<OrderPromise>>('order_promises', { conversationId });
}

/** Upcoming seasonal deadlines with the last day to order per delivery method. */
export function deadlinesUpcoming(): Promise<Array<DeadlineView>> {
  return call<Array<DeadlineView>>('deadlines_upcoming');
}

/** The products with their processing times. */
export function productsList(): Promise<Array<ProductProfile>> {
  return call<Array<ProductProfile>>('products_list');
}

/** Creates (its `id` null) or updates a product with its processing profile; returns its id. */
export function productSave(product: ProductProfile): Promise<number> {
  return call<number>('product_save', { product });
}

/** Deletes a product. */
export function productDelete(id: number): Promise<null> {
  return call<null>('product_delete', { id });
}

/** The days whose capacity differs from the shop's default. */
export function capacityOverridesList(): Promise<Array<CapacityOverride>> {
  return call<Array<CapacityOverride>>('capacity_overrides_list');
}

// ---- inbox

/** A page of the inbox for the filters, search and paging in `query`. */
export function inboxList(query: InboxQuery): Promise<InboxPage> {
  return call<InboxPage>('inbox_list', { query });
}

/** Conversations per status for the inbox's other filters in `query` (the tab counters). */
export function inboxCounts(query: InboxQuery): Promise<Array<StatusCount>> {
  return call<Array<StatusCount>>('inbox_counts', { query });
}

/** The accounts the inbox can be filtered by. */
export function inboxAccounts(): Promise<Array<AccountOption>> {
  return call<Array<AccountOption>>('inbox_accounts');
}

// ---- mail

/**
 * The servers and sign-in rules for an address: its provider's when known (Gmail, Yahoo, iCloud,
 * Outlook/Hotmail), else `imap.<domain>` and `smtp.<domain>` for the seller to check.
 */
export function mailGuess(address: string): Promise<MailboxGuess> {
  return call<MailboxGuess>('mail_guess', { address });
}

/**
 * "Sign in with Microsoft" for an Outlook.com or Hotmail address: asks Microsoft for the code
 * the seller types on its page (kept by the shell with what it will connect).
 */
export function mailMicrosoftStart(request: MicrosoftStart): Promise<MicrosoftCode> {
  return call<MicrosoftCode>('mail_microsoft_start', { request });
}

/** Opens Microsoft's page for the code in the browser (only Microsoft's code pages). */
export function mailMicrosoftOpenPage(): Promise<null> {
  return call<null>('mail_microsoft_open_page');
}

/**
 * Copy: puts the sign-in code shown on the clipboard (the webview has no clipboard access, and
 * can copy nothing else this way).
 */
export function mailMicrosoftCopyCode(): Promise<null> {
  return call<null>('mail_microsoft_copy_code');
}

/**
 * Waits until the seller finishes on Microsoft's page (or the code expires, or Cancel), then
 * signs in to both servers with the token and adds the mailbox; returns the account's id.
 */
export function mailMicrosoftFinish(): Promise<number> {
  return call<number>('mail_microsoft_finish');
}

/** Cancel: stops waiting for Microsoft's sign-in. */
export function mailMicrosoftCancel(): Promise<null> {
  return call<null>('mail_microsoft_cancel');
}

/**
 * Signs in to both servers and adds the mailbox (the password goes to the secret store); returns
 * the account's id.
 */
export function accountConnectMailbox(request: MailboxForm): Promise<number> {
  return call<number>('account_connect_mailbox', { request });
}

/** Opens the provider's page for app passwords (Google, Yahoo, Apple only). */
export function mailOpenAppPasswordPage(address: string): Promise<null> {
  return call<null>('mail_open_app_password_page', { address });
}

/** Mail the mailbox read and left out as not from a buyer, the newest first, with why. */
export function mailLeftOut(accountId: number): Promise<Array<LeftOutMail>> {
  return call<Array<LeftOutMail>>('mail_left_out', { accountId });
}

/** The seller's marks on senders ("this is a buyer", "not a buyer"), by address or `@domain`. */
export function mailSenderMarks(accountId: number): Promise<Array<SenderMark>> {
  return call<Array<SenderMark>>('mail_sender_marks', { accountId });
}

/** Marks an address or `@domain` as a buyer (its mail left out is read again at once) or not. */
export function mailMarkSender(accountId: number, pattern: string, isBuyer: boolean): Promise<null> {
  return call<null>('mail_mark_sender', { accountId, pattern, isBuyer });
}

/** Forgets a mark: the usual rules decide again for that sender. */
export function mailUnmarkSender(accountId: number, pattern: string): Promise<null> {
  return call<null>('mail_unmark_sender', { accountId, pattern });
}

/**
 * "Not a buyer" on a mail conversation: later mail from that address is left out and the
 * conversation is done. Returns the address.
 */
export function conversationNotABuyer(conversationId: number): Promise<string> {
  return call<string>('conversation_not_a_buyer', { conversationId });
}

// ---- metrics

/** The last four months in the shop's time zone, computed now. */
export function metricsGet(): Promise<Metrics> {
  return call<Metrics>('metrics_get');
}

// ---- orders

/** Creates an order and moves the given messages into it; returns its id. */
export function orderCreate(order: NewOrder, messageIds: Array<number>): Promise<number> {
  return call<number>('order_create', { order, messageIds });
}

/**
 * The conversation of a channel order (its Mercado Libre purchase), started empty when nobody has
 * written yet so the seller can open it with a reason; returns its id.
 */
export function orderStartThread(orderId: number): Promise<number> {
  return call<number>('order_start_thread', { orderId });
}

/** One order with its items, delivery, payment and what is still missing. */
export function orderGet(orderId: number): Promise<OrderView> {
  return call<OrderView>('order_get', { orderId });
}

/** Saves an order's edited fields. */
export function orderUpdate(orderId: number, update: OrderUpdate): Promise<null> {
  return call<null>('order_update', { orderId, update });
}

/** Moves an order to another stage of the pipeline. */
export function orderSetStage(orderId: number, stage: OrderStage): Promise<null> {
  return call<null>('order_set_stage', { orderId, stage });
}

/** Puts messages in an order; `orderId` null moves them out of any order ("unsorted"). */
export function orderAssignMessages(orderId: number | null, messageIds: Array<number>): Promise<null> {
  return call<null>('order_assign_messages', { orderId, messageIds });
}

/** The conversation's messages narrowed to one order (across the buyer's channels) or to none. */
export function threadMessages(conversationId: number, filter: ThreadFilter): Promise<Array<ThreadMessage>> {
  return call<Array<ThreadMessage>>('thread_messages', { conversationId, filter });
}

/** The Today list: agreed orders not yet handed over, by due date, overdue first. */
export function todayView(): Promise<TodayView> {
  return call<TodayView>('today_view');
}

// ---- quick_picker_shortcut

/** The shortcut in effect and whether the system granted it. */
export function quickPickerShortcutGet(): Promise<QuickPickerShortcut> {
  return call<QuickPickerShortcut>('quick_picker_shortcut_get');
}

/**
 * Registers the new keys (`shortcut` null: the default) before saving them; refused keys change
 * nothing.
 */
export function quickPickerShortcutSet(shortcut: string | null): Promise<QuickPickerShortcut> {
  return call<QuickPickerShortcut>('quick_picker_shortcut_set', { shortcut });
}

// ---- replies

/**
 * Puts `text` on the clipboard, then records it in the thread as the seller's reply; returns
 * the message's id.
 */
export function replyRecordCopied(conversationId: number, text: string): Promise<number> {
  return call<number>('reply_record_copied', { conversationId, text });
}

/**
 * Queues a reply to go out through the channel (the core refuses what the channel would), with
 * saved answers' attachments where the channel carries files (a mail), and wakes the account's
 * sync so it goes now.
 */
export function replySend(conversationId: number, text: string, answerAttachmentIds: Array<number>): Promise<OutboxItem> {
  return call<OutboxItem>('reply_send', { conversationId, text, answerAttachmentIds });
}

/**
 * The reasons Mercado Libre offers now to write first in a post-sale conversation (asked of the
 * channel: each purchase has its own, and each is spent once used).
 */
export function postSaleReasons(conversationId: number): Promise<Array<PostSaleReason>> {
  return call<Array<PostSaleReason>>('post_sale_reasons', { conversationId });
}

/**
 * Queues the message that opens a Mercado Libre post-sale conversation with one of its reasons
 * (`text` is what the buyer will read) and wakes the account's sync so it goes now.
 */
export function replySendWithReason(conversationId: number, text: string, reason: PostSaleReasonChoice): Promise<OutboxItem> {
  return call<OutboxItem>('reply_send_with_reason', { conversationId, text, reason });
}

/**
 * Queues the one private reply to a comment (a direct message to whoever wrote it) and wakes the
 * account's sync so it goes now.
 */
export function replySendPrivate(conversationId: number, text: string): Promise<OutboxItem> {
  return call<OutboxItem>('reply_send_private', { conversationId, text });
}

/**
 * Queues a failed reply again. `accountId` (the item's, as listed) only says whose sync to wake,
 * so the retry goes now.
 */
export function outboxRetry(outboxId: number, accountId: number): Promise<null> {
  return call<null>('outbox_retry', { outboxId, accountId });
}

/** Cancels a reply that has not gone out. */
export function outboxCancel(outboxId: number): Promise<null> {
  return call<null>('outbox_cancel', { outboxId });
}

/** The conversation's replies in the outbox, with their states (queued, sending, sent, failed…). */
export function outboxList(conversationId: number): Promise<Array<OutboxItem>> {
  return call<Array<OutboxItem>>('outbox_list', { conversationId });
}

/**
 * Whether a message after a Mercado Libre sale is one the buyer needs, as Mercado Libre's guide
 * says: why it may not be (only thanks, progress Mercado Libre already tells, heading off a
 * claim), each with the words that show it in UTF-16 offsets. Empty when it is needed.
 */
export function replyPostSaleCheck(text: string): Promise<Array<PostSaleFinding>> {
  return call<Array<PostSaleFinding>>('reply_post_sale_check', { text });
}

// ---- sample_shop

/** Fills the store with the sample shop; returns its counts. */
export function sampleShopLoad(): Promise<Stats> {
  return call<Stats>('sample_shop_load');
}

// ---- settings

/** The seller's settings. */
export function settingsGet(): Promise<Settings> {
  return call<Settings>('settings_get');
}

/** Saves the settings; returns them as stored. */
export function settingsSave(settings: Settings): Promise<Settings> {
  return call<Settings>('settings_save', { settings });
}

// ---- whatsapp

/**
 * Reads the export at `path` (from the picker or a drop) and says what importing would do (writes
 * nothing).
 */
export function whatsappPreview(path: string, options: WhatsAppImportOptions): Promise<WhatsAppPreview> {
  return call<WhatsAppPreview>('whatsapp_preview', { path, options });
}

/** Imports the export at `path`; importing the same chat again adds only what is new. */
export function whatsappImport(path: string, options: WhatsAppImportOptions): Promise<WhatsAppImportReport> {
  return call<WhatsAppImportReport>('whatsapp_import', { path, options });
}

/**
 * Opens the buyer's chat on https://wa.me/<digits> in the browser. The webview passes only the
 * number, so it can open nothing else (it has no opener permission of its own).
 */
export function whatsappOpenChat(number: string): Promise<null> {
  return call<null>('whatsapp_open_chat', { number });
}

/** Every command the shell declares. */
export const COMMAND_NAMES = [
  'accounts_list',
  'account_connect_ml_start',
  'account_connect_ml_finish',
  'account_etsy_open_apps_page',
  'account_connect_etsy_start',
  'account_connect_etsy_finish',
  'account_connect_instagram_start',
  'account_connect_instagram_finish',
  'account_connect_facebook_start',
  'account_connect_facebook_pages',
  'account_connect_messenger',
  'account_connect_telegram',
  'account_set_disabled',
  'account_sync_now',
  'secrets_allow_file_fallback',
  'demo_start',
  'answers_list',
  'answers_search',
  'answers_suggest',
  'answer_save',
  'answer_delete',
  'answer_render',
  'answers_lint',
  'answer_copy',
  'answer_used',
  'answers_install_starter',
  'answer_facts_get',
  'answer_facts_save',
  'answers_export',
  'answers_import',
  'answer_attach',
  'answer_detach',
  'answer_copy_image',
  'quick_picker_open',
  'quick_picker_close',
  'app_info',
  'backups_list',
  'backup_now',
  'buyer_page',
  'buyer_set_profile',
  'buyers_merge',
  'buyers_undo_merge',
  'buyers_dismiss_suggestion',
  'buyers_undo_dismissal',
  'capture_split',
  'capture_save',
  'capture_add_message',
  'capture_buyers',
  'capture_sources',
  'conversation_get',
  'conversation_older_messages',
  'conversation_mark_read',
  'conversation_set_status',
  'conversation_snooze',
  'snooze_options',
  'conversations_bulk',
  'draft_save',
  'drafts_list',
  'tabs_save',
  'tabs_list',
  'triage_settings_get',
  'triage_settings_save',
  'conversation_open_in_app',
  'cutoff_banner',
  'calendar_settings_get',
  'calendar_settings_save',
  'closed_dates_list',
  'closed_date_save',
  'closed_date_delete',
  'holidays_apply',
  'seasonal_deadlines_list',
  'seasonal_deadline_save',
  'seasonal_deadline_delete',
  'capacity_calendar',
  'capacity_override_set',
  'order_promises',
  'deadlines_upcoming',
  'products_list',
  'product_save',
  'product_delete',
  'capacity_overrides_list',
  'inbox_list',
  'inbox_counts',
  'inbox_accounts',
  'mail_guess',
  'mail_microsoft_start',
  'mail_microsoft_open_page',
  'mail_microsoft_copy_code',
  'mail_microsoft_finish',
  'mail_microsoft_cancel',
  'account_connect_mailbox',
  'mail_open_app_password_page',
  'mail_left_out',
  'mail_sender_marks',
  'mail_mark_sender',
  'mail_unmark_sender',
  'conversation_not_a_buyer',
  'metrics_get',
  'order_create',
  'order_start_thread',
  'order_get',
  'order_update',
  'order_set_stage',
  'order_assign_messages',
  'thread_messages',
  'today_view',
  'quick_picker_shortcut_get',
  'quick_picker_shortcut_set',
  'reply_record_copied',
  'reply_send',
  'post_sale_reasons',
  'reply_send_with_reason',
  'reply_send_private',
  'outbox_retry',
  'outbox_cancel',
  'outbox_list',
  'reply_post_sale_check',
  'sample_shop_load',
  'settings_get',
  'settings_save',
  'whatsapp_preview',
  'whatsapp_import',
  'whatsapp_open_chat',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];
