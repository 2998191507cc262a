// Generated from the Rust types the commands carry, by `cargo xtask types`. Do not edit: `cargo xtask test` fails when stale.

export type AccountOption = { id: number, channel: ChannelKind, display_name: string, };

export type AccountSyncStatus = { state: SyncState, last_success_at: number | null, last_attempt_at: number | null, 
/**
 * The connector's stable code for what failed (the UI translates it).
 */
error_code: string | null, 
/**
 * The channel's own words, for the details line.
 */
error_detail: string | null, retry_at: number | null, 
/**
 * Telegram keeps updates for 24 h: the app was away longer, so some may be gone.
 */
updates_may_be_lost: boolean, };

export type AccountView = { id: number, channel: ChannelKind, display_name: string, external_id: string | null, settings: Record<string, unknown>, disabled: boolean, 
/**
 * Connected to the demo store's simulator (`{"demo": true}` in its settings).
 */
demo: boolean, sync: AccountSyncStatus, 
/**
 * When the channel's access stops working unless it is refreshed first (Instagram's long-lived
 * token: 60 days), from `access_expires_at` in its settings; `None` when it does not expire.
 */
access_expires_at: number | null, };

export type AccountsOverview = { accounts: Array<AccountView>, secrets: SecretsState, secrets_detail: string | null, 
/**
 * A secrets file that could not be decrypted (damaged, or its key lost) was moved here when
 * the store opened: the accounts whose keys it held ask to be connected again.
 */
secrets_set_aside: string | null, 
/**
 * The demo store's simulator runs in this process (its accounts sync).
 */
demo_running: boolean, };

export type AnswerAttachment = { id: number, file_name: string, mime_type: string | null, size_bytes: number | null, 
/**
 * Absolute path on this machine.
 */
local_path: string, };

export type AnswerChannel = "ml_pre_sale" | "ml_post_sale" | "instagram" | "messenger" | "whatsapp" | "telegram" | "etsy" | "email" | "other" | "public_comment";

export type AnswerFacts = { payment_alias: string | null, 
/**
 * The usual pickup point, when an order does not name one.
 */
pickup_place: string | null, shop_phone: string | null, };

export type AnswerFileFormat = "json" | "csv";

export type AnswerFolder = "address" | "sizes" | "payment" | "delivery" | "care" | "stock" | "policies" | "greetings";

export type AnswerHit = { answer: SavedAnswer, 
/**
 * Higher is better; only the order matters.
 */
score: number, 
/**
 * The query is the start of the shortcut.
 */
shortcut_prefix: boolean, };

export type AnswerImportReport = { added: number, 
/**
 * Answers whose shortcut already existed, replaced by the imported ones.
 */
replaced: number, };

export type AnswerInput = { title: string, shortcut: string | null, folder: AnswerFolder | null, body: string, language: Language | null, pinned: boolean, tags: Array<string>, variants: Array<AnswerVariant>, };

export type AnswerSuggestion = { answer: SavedAnswer, score: number, reason: SuggestionReason, 
/**
 * The words of the message that matched (topic keywords or shared words).
 */
matched: Array<string>, };

export type AnswerVariant = { channel: AnswerChannel, language: Language, body: string, };

export type AppInfo = { version: string, db_path: string, data_dir: string, 
/**
 * No accounts and no conversations yet: the UI shows the first-run screen.
 */
empty: boolean, 
/**
 * The operating system's locale (BCP 47), for the default language.
 */
os_locale: string | null, };

export type AttachmentKind = "story_reply" | "story_mention" | "share" | "unsupported";

export type AttachmentView = { file_name: string, mime_type: string | null, size_bytes: number | null, local_path: string | null, kind?: AttachmentKind | null, };

export type AuthorCount = { name: string, messages: number, };

export type BackupFile = { path: string, name: string, taken_at: number, size_bytes: number, };

export type BackupsOverview = { folder: string, files: Array<BackupFile>, kept: number, };

export type BulkAction = { "kind": "set_status", status: ConversationStatus, } | { "kind": "snooze", choice: SnoozeChoice, } | { "kind": "add_tag", tag: string, } | { "kind": "remove_tag", tag: string, } | { "kind": "pin", pinned: boolean, };

export type BuyerOption = { id: number, name: string, channels: Array<ChannelKind>, phone: string | null, };

export type BuyerPage = { buyer: BuyerView, 
/**
 * Newest activity first.
 */
conversations: Array<InboxRow>, 
/**
 * Newest first.
 */
orders: Array<OrderView>, suggestions: Array<MergeSuggestion>, 
/**
 * Merges into this buyer that are still in place, newest first.
 */
merges: Array<MergeRecord>, 
/**
 * Buyers the seller said are not this person (never suggested again), newest first.
 */
dismissed: Array<DismissedMerge>, };

export type BuyerView = { id: number, name: string, notes: string, tags: Array<string>, identities: Array<IdentityView>, };

export type CalendarSettings = { 
/**
 * IANA zone; `None` follows the system's.
 */
time_zone: string | null, cutoff_time: string, 
/**
 * Whether the day an order is registered on counts as its first production day.
 */
cutoff_day_counts: boolean, working_days: Array<WorkingDay>, 
/**
 * Pieces a working day; `None` = not planned by capacity.
 */
pieces_per_day: number | null, 
/**
 * Processing time (production days) assumed when no product is named.
 */
default_min_days: number, default_max_days: number, };

export type CapacityDay = { date: string, 
/**
 * ISO weekday, Monday = 1.
 */
weekday: number, 
/**
 * A production day (works and not closed).
 */
open: boolean, 
/**
 * Why it is closed, when a closed date.
 */
closed: ClosedDate | null, 
/**
 * Pieces it can make; `None` when the shop does not plan by capacity.
 */
capacity: number | null, booked: number, };

export type CapacityOverride = { date: string, pieces: number, };

export type CaptureBuyer = { "kind": "existing", buyer_id: number, } | { "kind": "new", name: string, phone: string | null, email: string | null, };

export type CaptureDraft = { messages: Array<DraftMessage>, 
/**
 * False when no speaker was recognised and the whole text is one message.
 */
recognised: boolean, };

export type CaptureInput = { buyer: CaptureBuyer, 
/**
 * Where the talk happened ("Facebook Marketplace", "Feria del sábado"): the `other` account's name.
 */
source: string, 
/**
 * `YYYY-MM-DD` the messages were written, in the shop's zone; `None`: today.
 */
date: string | null, messages: Array<DraftMessage>, };

export type CaptureSaved = { account_id: number, conversation_id: number, buyer_id: number, inserted: number, };

export type ChannelCount = { channel: ChannelKind, accounts: number, conversations: number, messages: number, };

export type ChannelKind = "mercado_libre" | "etsy" | "instagram" | "messenger" | "whatsapp" | "telegram" | "email" | "other";

export type ChannelMetrics = { channel: ChannelKind | null, 
/**
 * Conversations whose buyer first wrote in the period.
 */
conversations: number, 
/**
 * Of those, the ones with a reply.
 */
answered: number, 
/**
 * Seconds from the buyer's first message to the first reply (median, 90th percentile).
 */
first_response_median: number | null, first_response_p90: number | null, 
/**
 * The same counted in shop hours; `None` without opening hours.
 */
first_response_median_shop_hours: number | null, first_response_p90_shop_hours: number | null, 
/**
 * Conversations that need a reply now, whenever they started.
 */
unanswered_now: number, oldest_waiting_since: number | null, 
/**
 * Conversations of the period with an order (not cancelled).
 */
with_order: number, };

export type ChecklistEntry = { item: ChecklistItem, done: boolean, };

export type ChecklistItem = "product" | "variant" | "quantity" | "delivery" | "date" | "payment";

export type ClosedDate = { date: string, kind: ClosedDayKind, reason: string, };

export type ClosedDayKind = "holiday" | "vacation" | "one_off";

export type ConversationKind = "pre_sale_question" | "post_sale" | "chat" | "email" | "comment";

export type ConversationStatus = "needs_reply" | "waiting_for_buyer" | "snoozed" | "done";

export type ConversationView = { summary: InboxRow, buyer: BuyerView, 
/**
 * The newest messages, oldest first (see `has_older_messages`).
 */
messages: Array<MessageView>, 
/**
 * Older messages exist than the ones in `messages` (fetch them with `older_messages`).
 */
has_older_messages: boolean, 
/**
 * The channel keeps older messages that its API does not give (Instagram and Messenger: the 20
 * most recent): the conversation's beginning is not in Mostrador.
 */
older_history_unavailable: boolean, 
/**
 * The listing asked about (Mercado Libre item id) or the post a comment is on (its link).
 */
listing_ref: string | null, 
/**
 * The buyer's orders, newest first.
 */
orders: Array<OrderView>, 
/**
 * Whether the composer sends through the channel or copies (and the channel's limits).
 */
send: SendCapability, };

export type CountdownView = { 
/**
 * The next cut-off (unix seconds).
 */
cutoff_at: number, cutoff_date: string, cutoff_time: string, minutes_left: number, 
/**
 * Whether that cut-off is today.
 */
today: boolean, 
/**
 * First production day of an order confirmed now.
 */
starts_on: string, 
/**
 * First production day of an order confirmed after that cut-off.
 */
then_starts_on: string, };

export type CutoffBanner = { today: string, countdown: CountdownView | null, 
/**
 * The next seasonal deadline whose first last-order day is within three weeks.
 */
deadline: DeadlineView | null, };

export type DateOrder = "day_first" | "month_first";

export type DateOrderEvidence = { 
/**
 * What the file says (or the default when it says nothing).
 */
inferred: DateOrder, reason: DateOrderReason, 
/**
 * What was used: the seller's override, or `inferred`.
 */
used: DateOrder, };

export type DateOrderReason = { "kind": "year_first" } | { "kind": "number_above12", line: number, date: string, } | { "kind": "chronology", backwards_day_first: number, backwards_month_first: number, } | { "kind": "changes_more_often", first_changes: number, second_changes: number, } | { "kind": "no_evidence" };

export type DeadlineView = { id: number, name: string, event_date: string, 
/**
 * Slowest method first; a method whose last day has passed is left out.
 */
methods: Array<LastOrderDayView>, };

export type Delivery = { method: DeliveryMethod, 
/**
 * Street address for shipping.
 */
address: string | null, 
/**
 * Pickup point or meeting place ("Subte Línea D, estación Tribunales").
 */
place: string | null, 
/**
 * When, in the seller's words ("next week, 18:30").
 */
time_note: string | null, 
/**
 * Someone other than the buyer who picks up ("her husband").
 */
picked_up_by: string | null, };

export type DeliveryMethod = "shipping" | "pickup" | "meeting_point";

export type Direction = "incoming" | "outgoing";

export type DismissedMerge = { buyer_id: number, name: string, 
/**
 * Where the other buyer writes: two people often share a name, the channels tell them apart.
 */
channels: Array<ChannelKind>, dismissed_at: number, };

export type Draft = { conversation_id: number, text: string, updated_at: number, };

export type DraftMessage = { author: string, direction: Direction, 
/**
 * `HH:MM` (24 h) as read from the text, if it had one.
 */
time: string | null, text: string, };

export type EtsyAuthorize = { authorize_url: string, code_verifier: string, };

export type EtsyFinish = { keystring: string, redirect_uri: string, 
/**
 * The redirected address, or the bare code.
 */
pasted: string, code_verifier: string, };

export type EtsyStart = { keystring: string, redirect_uri: string, };

export type FacebookFinish = { app_id: string, app_secret: string, redirect_uri: string, pasted: string, };

export type FillPrompt = { 
/**
 * `size` in `{{choose:size|S|M|L}}`; answer it in `RenderRequest::fills` under this key.
 */
key: string, 
/**
 * Empty for `ask`.
 */
options: Array<string>, };

export type HourCount = { weekday: number, hour: number, messages: number, };

export type IdentityView = { account_id: number, channel: ChannelKind, account_name: string, external_id: string, display_name: string, handle: string | null, phone: string | null, email: string | null, };

export type InboxPage = { rows: Array<InboxRow>, 
/**
 * All rows matching the query, not only this page.
 */
total: number, 
/**
 * Conversations needing a reply across the whole store (for the title and badge).
 */
needs_reply: number, 
/**
 * A search with very many matches stops counting: `total` is then a lower bound.
 */
total_capped: boolean, };

export type InboxQuery = { status: ConversationStatus | null, channel: ChannelKind | null, account_id: number | null, 
/**
 * Full-text search over message text and buyer names, accent- and case-insensitive.
 */
search: string | null, 
/**
 * Conversations with this tag (exact, as stored).
 */
tag: string | null, 
/**
 * Conversations with an order at this stage.
 */
order_stage: OrderStage | null, 
/**
 * `true`: only conversations with an order; `false`: only those without one.
 */
has_order: boolean | null, limit: number, offset: number, };

export type InboxRow = { conversation_id: number, buyer_id: number, buyer_name: string, channel: ChannelKind, account_id: number, account_name: string, kind: ConversationKind, status: ConversationStatus, subject: string | null, 
/**
 * First line of the last message, at most 140 characters.
 */
preview: string, 
/**
 * The last message has no words, only this (a story reply, a shared post…): the UI says so.
 */
preview_attachment: AttachmentKind | null, last_direction: Direction | null, last_message_at: number | null, 
/**
 * When the buyer started waiting for a reply (oldest unanswered incoming message).
 */
waiting_since: number | null, 
/**
 * `now - waiting_since`, computed by the core with the time the caller passed in.
 */
waiting_seconds: number | null, 
/**
 * Stage of the newest open order in this conversation.
 */
order_stage: OrderStage | null, tags: Array<string>, unread: number, pinned: boolean, 
/**
 * The reply target of this conversation's channel (and kind, for Mercado Libre), in seconds.
 */
target_seconds: number, 
/**
 * The wait as the target counts it: shop hours when the shop calendar sets opening hours
 * (wall-clock otherwise), counted only up to the target. `target_level` compares this one.
 */
target_waiting_seconds: number | null, 
/**
 * How the wait compares with the target; `None` when nobody is waiting.
 */
target_level: TargetLevel | null, 
/**
 * Where the searched words are in `preview` (empty without a search).
 */
highlights: Array<TextRange>, };

export type InstagramFinish = { app_id: string, app_secret: string, redirect_uri: string, 
/**
 * The redirected address, or the bare code.
 */
pasted: string, 
/**
 * The seller's Meta app has the human agent feature (replies up to 7 days after the buyer).
 */
human_agent: boolean, };

export type IpcError = { code: string, message: string, };

export type Language = "es" | "pt-BR" | "en";

export type LastOrderDayView = { method: string, delivery_days: number, ship_by: string, order_by: string, 
/**
 * On a production day, the cut-off it must be confirmed before.
 */
before: string | null, 
/**
 * Days from today to `order_by`.
 */
days_left: number, };

export type LeftOutGroup = { reason: LeftOutReason, 
/**
 * Lines left out for this reason in the whole file.
 */
count: number, 
/**
 * The first few of them.
 */
lines: Array<LeftOutLine>, };

export type LeftOutLine = { line: number, 
/**
 * The start of the line (for a notice, its text without the date).
 */
text: string, };

export type LeftOutMail = { message_id: string, sender: string, sender_name: string | null, subject: string, 
/**
 * `seller_said`, `list`, `auto_reply`, `no_reply_sender`, `own_address` or `service_notice`.
 */
reason: string, received_at: number, mailbox: string, uidvalidity: number, uid: number, };

export type LeftOutReason = { "kind": "notices", kinds: Array<NoticeKind>, } | { "kind": "unreadable", reason: UnreadableReason, };

export type LintFinding = { rule: LintRule, 
/**
 * Character offsets (not bytes) into the checked text, end exclusive.
 */
start: number, end: number, 
/**
 * The offending text itself.
 */
excerpt: string, };

export type LintReport = { channel: AnswerChannel, 
/**
 * Characters, or UTF-8 bytes where the channel counts bytes (Instagram, Messenger).
 */
length: number, limit: number | null, counts_bytes: boolean, 
/**
 * Everyone reads it (a public comment reply): the findings are private data shown to all.
 */
public: boolean, findings: Array<LintFinding>, };

export type LintRule = "too_long" | "phone" | "email" | "url" | "shortener" | "social_handle" | "social_network" | "payment_link" | "street_address" | "contact_variable";

export type MailServerForm = { host: string, port: number, 
/**
 * `tls` (993 / 465) or `starttls` (143 / 587).
 */
security: string, };

export type MailboxForm = { address: string, password: string, display_name: string | null, 
/**
 * The sign-in name when it is not the address.
 */
user: string | null, imap: MailServerForm, smtp: MailServerForm, };

export type MailboxGuess = { 
/**
 * `gmail`, `yahoo`, `icloud`, `outlook`, or none for any other provider.
 */
provider: string | null, imap: MailServerForm, smtp: MailServerForm, 
/**
 * The provider takes an app password, not the account's own.
 */
app_password: boolean, 
/**
 * Where the seller makes one (opened by the shell on request).
 */
app_password_url: string | null, 
/**
 * Personal Outlook.com / Hotmail accounts sign in with Microsoft's login only.
 */
oauth_only: boolean, 
/**
 * This build carries its own Microsoft app registration: the seller need not bring one.
 */
microsoft_app_built_in: boolean, };

export type MergeReason = { kind: MergeReasonKind, 
/**
 * What matched, as the seller can recognise it (`+5493515551234`, `caro@mail.com`, `Carolina Méndez`).
 */
value: string, };

export type MergeReasonKind = "same_phone" | "same_email" | "same_name";

export type MergeRecord = { id: number, source_buyer_id: number, source_name: string, reasons: Array<MergeReason>, merged_at: number, identities: number, conversations: number, orders: number, };

export type MergeSuggestion = { buyer_id: number, name: string, channels: Array<ChannelKind>, reasons: Array<MergeReason>, };

export type MessageRef = { account_id: number, external_id: string, };

export type MessageStatus = "received" | "copied" | "queued" | "sending" | "sent" | "failed" | "moderated" | "rejected";

export type MessageView = { id: number, direction: Direction, author: string, text: string, sent_at: number, status: MessageStatus, attachments: Array<AttachmentView>, 
/**
 * The order thread this message belongs to, if any.
 */
order_id: number | null, 
/**
 * Why a reply the app sent failed: the outbox's error code (the UI translates it).
 */
failure?: string | null, 
/**
 * The channel's moderation reason for a moderated or rejected reply.
 */
moderation_reason?: string | null, 
/**
 * When the buyer deleted it on the channel (the text is kept).
 */
deleted_at?: number | null, 
/**
 * Reactions to it on the channel ("❤️", "love"), as the channel names them.
 */
reactions: Array<string>, 
/**
 * Where the quoted history of a mail starts in `text`, in UTF-16 units: shown folded.
 */
quote_start?: number | null, };

export type MetaAuthorize = { authorize_url: string, };

export type MetaStart = { app_id: string, redirect_uri: string, };

export type MethodDays = { 
/**
 * "Correo Argentino", "Andreani", "Retiro en el taller".
 */
method: string, 
/**
 * Calendar days the parcel needs before the event.
 */
days: number, };

export type Metrics = { 
/**
 * When they were computed (waits are measured up to here).
 */
now: number, 
/**
 * The start of the period: midnight on the first day of the oldest month.
 */
since: number, 
/**
 * The zone months and hours are counted in.
 */
time_zone: string, 
/**
 * The shop calendar has opening hours: the `*_shop_hours` figures count only those.
 */
shop_hours: boolean, 
/**
 * Channels with conversations in the period or waiting now, in a fixed channel order.
 */
channels: Array<ChannelMetrics>, 
/**
 * Every channel together (`channel` is `None`).
 */
total: ChannelMetrics, 
/**
 * Oldest first.
 */
months: Array<MonthMetrics>, 
/**
 * Buyers' messages per weekday (0 = Monday) and hour of the shop's clock, all 168 hours.
 */
busiest: Array<HourCount>, 
/**
 * Each connected Mercado Libre account: reputation, open claims, and sales, visits and
 * conversion over the same months.
 */
mercado_libre: Array<SellerMetrics>, };

export type MicrosoftCode = { user_code: string, verification_uri: string, 
/**
 * Seconds the code stays valid (15 minutes).
 */
expires_in: number, };

export type MicrosoftStart = { address: string, display_name: string | null, client_id: string | null, };

export type MissingReason = "undefined" | "empty" | "unknown" | "no_cutoff";

export type MissingVariable = { 
/**
 * As written, without braces: `order.total`.
 */
name: string, reason: MissingReason, };

export type MlAuthorize = { authorize_url: string, code_verifier: string | null, };

export type MlFinish = { site_id: string, client_id: string, client_secret: string, redirect_uri: string, 
/**
 * The redirected address, or the bare code.
 */
pasted: string, code_verifier: string | null, };

export type MlStart = { site_id: string, client_id: string, redirect_uri: string, 
/**
 * The seller's application has PKCE on: the address carries a challenge.
 */
pkce: boolean, };

export type MonthMetrics = { 
/**
 * `YYYY-MM`.
 */
month: string, conversations: number, with_order: number, first_response_median: number | null, };

export type NewOrder = { buyer_id: number, 
/**
 * The conversation the order was agreed in, if any.
 */
conversation_id: number | null, stage: OrderStage, 
/**
 * ISO 4217 code: ARS, BRL, USD…
 */
currency: string, items: Array<OrderItem>, 
/**
 * Agreed due date, `YYYY-MM-DD` in the shop's time zone.
 */
due_date: string | null, delivery: Delivery | null, payment_status: PaymentStatus, notes: string, 
/**
 * Messages that belong to this order's thread.
 */
messages: Array<MessageRef>, };

export type NoticeKind = "encryption" | "group_change" | "deleted_message" | "missed_call" | "other";

export type OlderMessages = { messages: Array<MessageView>, 
/**
 * Still older ones exist before these.
 */
has_more: boolean, };

export type OrderItem = { product: string, variant: string | null, quantity: number, 
/**
 * Price of one piece in the currency's minor unit (centavos).
 */
unit_price_minor: number, };

export type OrderPromise = { order_id: number, due_date: string | null, 
/**
 * Whether it books capacity now (agreed, paid, in production).
 */
booked: boolean, ship_earliest: string, ship_latest: string, 
/**
 * `Some(false)` when the due date cannot be met with current bookings.
 */
feasible: boolean | null, 
/**
 * Units of its products that ship by the due date.
 */
fits_by_due: number | null, units: number, };

export type OrderStage = "inquiry" | "agreed" | "paid" | "in_production" | "ready" | "shipped" | "picked_up" | "delivered" | "cancelled";

export type OrderUpdate = { currency: string, items: Array<OrderItem>, 
/**
 * `YYYY-MM-DD` in the shop's time zone.
 */
due_date: string | null, delivery: Delivery | null, payment_status: PaymentStatus, notes: string, };

export type OrderView = { id: number, buyer_id: number, conversation_id: number | null, stage: OrderStage, currency: string, items: Array<OrderItem>, total_minor: number, due_date: string | null, delivery: Delivery | null, payment_status: PaymentStatus, notes: string, created_at: number, 
/**
 * What the order still needs (empty once delivered or cancelled), computed by the core.
 */
checklist: Array<ChecklistEntry>, 
/**
 * Stages the seller may move this order to now.
 */
next_stages: Array<OrderStage>, 
/**
 * Messages in this order's thread, across the buyer's conversations.
 */
message_count: number, };

export type OutboxItem = { id: number, conversation_id: number, account_id: number, channel: ChannelKind, conversation_kind: ConversationKind, 
/**
 * The conversation's channel key: question id, pack id, chat id.
 */
conversation_ref: string, buyer_external_id: string, text: string, idempotency_key: string, state: OutboxState, attempts: number, error_code: string | null, error_detail: string | null, 
/**
 * The message row that shows this reply in the thread.
 */
message_id: number, created_at: number, 
/**
 * Where it goes: into the conversation, or as the one private message answering a comment.
 */
route: ReplyRoute, 
/**
 * Files that go with it (only channels that carry files: e-mail).
 */
files: Array<ReplyFile>, };

export type OutboxState = "queued" | "sending" | "sent" | "failed" | "cancelled";

export type PageChoice = { id: string, name: string, instagram_username: string | null, };

export type PaymentStatus = "unpaid" | "partial" | "paid" | "refunded";

export type PreviewMessage = { line: number, sent_at: number, author: string, 
/**
 * At most 280 characters.
 */
text: string, has_media: boolean, };

export type ProductProfile = { 
/**
 * `None` when creating.
 */
id: number | null, 
/**
 * As it appears in order items.
 */
name: string, category: string, 
/**
 * In stock: ships in `min_days`–`max_days` (0–1), books no capacity.
 */
ready_to_ship: boolean, min_days: number, max_days: number, pieces_per_unit: number, };

export type QuickMessage = { conversation_id: number, direction: Direction, text: string, 
/**
 * `YYYY-MM-DD` and `HH:MM` in the shop's zone; `None`: now.
 */
date: string | null, time: string | null, };

export type QuickPickerShortcut = { 
/**
 * The accelerator in effect (`CmdOrCtrl+Shift+Space`, `Control+Alt+KeyK`).
 */
shortcut: string, is_default: boolean, 
/**
 * The system granted it; false when another program holds the keys (then `error` says why).
 */
registered: boolean, error: string | null, };

export type QuietHours = { start: string, end: string, };

export type RateKind = "claims" | "delayed_handling_time" | "cancellations";

export type RateStanding = { kind: RateKind, period: string | null, period_days: number | null, rate: number, value: number, real_rate: number | null, real_value: number | null, 
/**
 * The best colour this rate alone allows; `None` without the site's limits.
 */
band: ReputationLevel | null, 
/**
 * The limit the seller should keep under: the most `limit_level` allows. For a rate within a
 * colour it is that colour's; for a red one, orange's (already passed).
 */
limit: number | null, limit_level: ReputationLevel | null, };

export type RenderRequest = { conversation_id: number | null, 
/**
 * The order whose total, items and dates fill in; `None`: the conversation's newest open order.
 */
order_id: number | null, 
/**
 * The target; `None`: the conversation's channel, or the general version.
 */
channel: AnswerChannel | null, 
/**
 * `None`: the answer's language, else the shop's.
 */
language: Language | null, 
/**
 * Answers to the fill-in prompts, by key.
 */
fills: Array<[string, string]>, 
/**
 * Use this version (`None`: the best one for the channel).
 */
version: AnswerChannel | null, 
/**
 * Use the general version even when the channel has its own.
 */
general: boolean, };

export type RenderedAnswer = { answer_id: number, channel: AnswerChannel, language: Language, 
/**
 * The version used: `None` is the general one.
 */
version: AnswerChannel | null, 
/**
 * Final text; variables without a value stay as `{{…}}` so nothing is dropped silently.
 */
text: string, 
/**
 * Prompts still unanswered (their `{{…}}` remain in `text`).
 */
prompts: Array<FillPrompt>, missing: Array<MissingVariable>, lint: LintReport, 
/**
 * Every version of the answer checked against the target channel, the used one first.
 */
versions: Array<VersionCheck>, 
/**
 * A version the channel accepts, when the used one would be blocked or cut.
 */
safe_version: VersionCheck | null, 
/**
 * Paths of the answer's attachments, to copy as images.
 */
attachments: Array<AnswerAttachment>, };

export type ReplyFile = { file_name: string, mime_type: string | null, size_bytes: number, 
/**
 * Absolute path on this machine.
 */
local_path: string, };

export type ReplyRoute = "thread" | "private_reply";

export type ReplyTargets = { ml_pre_sale: number, ml_post_sale: number, instagram: number, messenger: number, whatsapp: number, telegram: number, etsy: number, email: number, other: number, };

export type ReputationLevel = "red" | "orange" | "yellow" | "light_green" | "green";

export type SavedAnswer = { id: number, title: string, 
/**
 * Without the leading `/`.
 */
shortcut: string | null, folder: AnswerFolder | null, 
/**
 * The general version, used where a channel has none of its own.
 */
body: string, language: Language | null, pinned: boolean, tags: Array<string>, variants: Array<AnswerVariant>, attachments: Array<AnswerAttachment>, use_count: number, last_used_at: number | null, chars_saved: number, created_at: number, updated_at: number, };

export type SeasonalDeadline = { 
/**
 * `None` when creating.
 */
id: number | null, name: string, event_date: string, methods: Array<MethodDays>, };

export type SecretsState = "checking" | "keychain" | "encrypted_file" | "needs_consent" | "failed";

export type SellerMetrics = { account_id: number, account_name: string, site_id: string | null, 
/**
 * When the reputation was last read; `None` = not yet (it comes with the next sync).
 */
fetched_at: number | null, 
/**
 * `None` once read: no colour yet (too few sales).
 */
level: ReputationLevel | null, power_seller_status: string | null, real_level: ReputationLevel | null, protection_end: number | null, 
/**
 * The period the reputation counts, as Mercado Libre says it, and in days when it says days.
 */
period: string | null, period_days: number | null, sales_completed: number | null, 
/**
 * Claims, delayed handling, cancellations, in that order (those Mercado Libre gave).
 */
rates: Array<RateStanding>, 
/**
 * The rate nearest to costing a colour: the largest share of its limit (a rate already past
 * orange's comes first); `None` without the site's limits.
 */
closest: RateKind | null, open_claims: number | null, 
/**
 * The metrics' months, oldest first.
 */
months: Array<SellerMonth>, 
/**
 * The last read that failed in part.
 */
failure: SellerMetricsFailure | null, };

export type SellerMetricsFailure = { code: string, detail: string, at: number, };

export type SellerMonth = { 
/**
 * `YYYY-MM`.
 */
month: string, sales: number, 
/**
 * `None` when it was not read.
 */
visits: number | null, conversion: number | null, };

export type SendCapability = { mode: SendMode, 
/**
 * Characters the channel takes (counted as characters, not bytes).
 */
max_chars: number | null, 
/**
 * Bytes of UTF-8 the channel takes, where it counts bytes (Instagram and Messenger: 1000).
 */
max_bytes: number | null, 
/**
 * A Mercado Libre answer: public on the listing and cannot be edited or deleted (confirm first).
 */
public_and_permanent: boolean, 
/**
 * Everyone sees the reply (a comment's public reply, a Mercado Libre answer).
 */
public: boolean, 
/**
 * Why the channel takes no reply now (Mercado Libre substatus such as `blocked_by_time`).
 */
blocked_reason: string | null, 
/**
 * Until when the channel takes a reply (Telegram Business and Meta: 24 h after the buyer's
 * last message; 7 days where the seller's Meta app may tag a human agent's reply).
 */
reply_until: number | null, 
/**
 * Until when the one private reply to a comment may go out; `None` when it cannot (not a
 * comment, sent already, or too late).
 */
private_reply_until: number | null, 
/**
 * The conversation can be opened in the channel's own app (Instagram, Messenger) by the shell.
 */
opens_in_app: boolean, };

export type SendMode = "send" | "copy";

export type SenderMark = { 
/**
 * An address, or `@domain` for a whole domain.
 */
pattern: string, is_buyer: boolean, marked_at: number, };

export type Settings = { 
/**
 * `None` follows the operating system's language.
 */
language: Language | null, shop_name: string | null, 
/**
 * IANA zone of the shop (`America/Argentina/Cordoba`); `None` uses the system's.
 */
time_zone: string | null, };

export type SnoozeChoice = { "kind": "preset", preset: SnoozePreset, } | { "kind": "date", date: string, } | { "kind": "until_reply" };

export type SnoozeOption = { preset: SnoozePreset, until: number, };

export type SnoozePreset = "later_today" | "tomorrow_morning" | "next_week";

export type SplitOptions = { 
/**
 * The buyer's name, when already picked: their `Name:` lines count at once.
 */
buyer_name: string | null, 
/**
 * Names the seller writes as (the shop's name); `Yo`/`Eu`/`Me` always count.
 */
me_names: Array<string>, };

export type Stats = { accounts: number, buyers: number, conversations: number, messages: number, orders: number, per_channel: Array<ChannelCount>, per_status: Array<StatusCount>, };

export type StatusCount = { status: ConversationStatus, conversations: number, };

export type SuggestionReason = "topic_keywords" | "text_similarity";

export type SyncState = "never_synced" | "ok" | "retrying" | "offline" | "needs_reconnect" | "failing";

export type TargetLevel = "ok" | "near" | "late";

export type TextRange = { start: number, end: number, };

export type ThreadFilter = { "kind": "all" } | { "kind": "order", order_id: number, } | { "kind": "unsorted" };

export type ThreadMessage = { message: MessageView, conversation_id: number, channel: ChannelKind, account_name: string, 
/**
 * True when the message is from another conversation than the one on screen.
 */
elsewhere: boolean, };

export type TodayRow = { order: OrderView, buyer_name: string, channel: ChannelKind | null, 
/**
 * Days from today to the due date: negative when overdue, `None` without a date.
 */
days_left: number | null, };

export type TodayView = { 
/**
 * Today in the shop's time zone, `YYYY-MM-DD`.
 */
date: string, 
/**
 * Overdue first, then by due date; orders without a date last.
 */
rows: Array<TodayRow>, };

export type TriageSettings = { reply_targets: ReplyTargets, quiet_hours: QuietHours | null, };

export type UnreadableLine = { line: number, 
/**
 * The start of the line, as written.
 */
text: string, reason: UnreadableReason, };

export type UnreadableReason = "before_first_message" | "impossible_time" | "impossible_date";

export type VersionCheck = { 
/**
 * `None`: the general version.
 */
version: AnswerChannel | null, language: Language, text: string, lint: LintReport, };

export type WhatsAppImportOptions = { 
/**
 * The author who is the seller; `None`: the one remembered for the account, if they wrote here.
 */
me: string | null, 
/**
 * Override of the inferred day/month order.
 */
date_order: DateOrder | null, 
/**
 * IANA zone the export's times are in; `None`: the shop's (Settings), else the system's.
 */
time_zone: string | null, 
/**
 * Import into this WhatsApp account; `None`: the first one, created when there is none.
 */
account_id: number | null, };

export type WhatsAppImportReport = { account_id: number, conversation_id: number, chat_name: string, inserted: number, unchanged: number, updated: number, system_lines_skipped: number, media_copied: number, };

export type WhatsAppPreview = { file_name: string, 
/**
 * The buyer's (or group's) name the conversation will have; `None` until "me" is known in a
 * chat with several authors.
 */
chat_name: string | null, is_group: boolean, line_count: number, message_count: number, system_line_count: number, media_count: number, 
/**
 * Files in the zip beside the chat.
 */
media_files_in_zip: number, first_messages: Array<PreviewMessage>, last_messages: Array<PreviewMessage>, 
/**
 * In order of first appearance.
 */
authors: Array<AuthorCount>, 
/**
 * The chosen or remembered "me", when they wrote in this chat.
 */
me: string | null, 
/**
 * True when the import needs "me" chosen first (several authors, none known to be the seller).
 */
needs_me: boolean, date_order: DateOrderEvidence, time_zone: string, unreadable: Array<UnreadableLine>, unreadable_count: number, 
/**
 * What will not be imported, grouped by why: notices first, then unreadable lines.
 */
left_out: Array<LeftOutGroup>, 
/**
 * Messages already in the store from an earlier import of this chat.
 */
already_imported: number, 
/**
 * The account the import goes to; `None`: a new "WhatsApp" account will be created.
 */
account_id: number | null, };

export type WorkingDay = { 
/**
 * ISO weekday, Monday = 1 … Sunday = 7.
 */
weekday: number, open: string | null, close: string | null, };

/** Every `IpcError.code`; each needs a sentence under `errors.` in every locale. */
export const ERROR_CODES = ["database_too_new", "not_a_database", "not_found", "invalid_input", "pre_migration_backup_failed", "migration_changed", "disk_full", "database", "io", "data", "internal", "whatsapp_not_an_export", "whatsapp_empty", "whatsapp_binary", "whatsapp_too_large", "whatsapp_zip_without_chat", "whatsapp_bad_zip", "whatsapp_choose_me", "whatsapp_me_not_an_author", "whatsapp_unknown_time_zone", "whatsapp_media_too_large", "whatsapp_media_total_too_large", "whatsapp_no_space_for_media", "answers_shortcut_taken", "answers_import_invalid", "global_shortcut_invalid", "global_shortcut_taken", "send_copy_mode", "send_account_disabled", "send_blocked", "send_too_long", "send_too_many_bytes", "send_private_reply_unavailable", "send_empty", "send_window_closed", "send_already_answered", "send_files_not_carried", "send_files_too_large", "outbox_wrong_state", "connect_missing_code", "connect_denied", "connect_code_rejected", "connect_wrong_client", "connect_token_rejected", "connect_not_professional", "connect_no_pages", "connect_unknown_page", "connect_mail_address_invalid", "connect_mail_wrong_password", "connect_mail_app_password", "connect_mail_oauth_only", "connect_mail_unreachable", "connect_microsoft_declined", "connect_microsoft_expired", "connect_microsoft_unknown_app", "connect_microsoft_wrong_account", "connect_cancelled", "connect_login_expired", "connect_auth_host", "demo_failed", "data_folder_unknown", "rate_limited", "server_error", "offline", "token_revoked", "permission_missing", "secret_missing", "secret_store", "malformed_response", "blocked_conversation", "moderated", "too_long", "reply_window_closed", "already_answered", "rejected", "not_configured", "store", "delivery_unknown", "gave_up", "keychain_unavailable", "secrets_file_access", "secrets_file_damaged", "secrets_setting"] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
