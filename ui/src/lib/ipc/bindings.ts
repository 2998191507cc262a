// Generated from the Rust types by `cargo xtask types`. Do not edit: `cargo xtask test` fails when stale.

export type ChannelKind = "mercado_libre" | "etsy" | "instagram" | "messenger" | "whatsapp" | "telegram" | "email" | "other";

export type ConversationKind = "pre_sale_question" | "post_sale" | "chat" | "email";

export type ConversationStatus = "needs_reply" | "waiting_for_buyer" | "snoozed" | "done";

export type Direction = "incoming" | "outgoing";

export type MessageStatus = "received" | "copied" | "queued" | "sending" | "sent" | "failed" | "moderated" | "rejected";

export type OrderStage = "inquiry" | "agreed" | "paid" | "in_production" | "ready" | "shipped" | "picked_up" | "delivered" | "cancelled";

export type PaymentStatus = "unpaid" | "partial" | "paid" | "refunded";

export type DeliveryMethod = "shipping" | "pickup" | "meeting_point";

export type Language = "es" | "pt-BR" | "en";

export type InboxQuery = { status: ConversationStatus | null, channel: ChannelKind | null, account_id: number | null, 
/**
 * Full-text search over message text and buyer names, accent- and case-insensitive.
 */
search: string | null, limit: number, offset: number, };

export type InboxRow = { conversation_id: number, buyer_id: number, buyer_name: string, channel: ChannelKind, account_id: number, account_name: string, kind: ConversationKind, status: ConversationStatus, subject: string | null, 
/**
 * First line of the last message, at most 140 characters.
 */
preview: string, last_direction: Direction | null, last_message_at: number | null, 
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
order_stage: OrderStage | null, tags: Array<string>, unread: number, pinned: boolean, };

export type InboxPage = { rows: Array<InboxRow>, 
/**
 * All rows matching the query, not only this page.
 */
total: number, 
/**
 * Conversations needing a reply across the whole store (for the title and badge).
 */
needs_reply: number, };

export type AttachmentView = { file_name: string, mime_type: string | null, size_bytes: number | null, local_path: string | null, };

export type MessageView = { id: number, direction: Direction, author: string, text: string, sent_at: number, status: MessageStatus, attachments: Array<AttachmentView>, 
/**
 * The order thread this message belongs to, if any.
 */
order_id: number | null, };

export type IdentityView = { account_id: number, channel: ChannelKind, account_name: string, external_id: string, display_name: string, handle: string | null, phone: string | null, email: string | null, };

export type BuyerView = { id: number, name: string, notes: string, tags: Array<string>, identities: Array<IdentityView>, };

export type OrderItem = { product: string, variant: string | null, quantity: number, 
/**
 * Price of one piece in the currency's minor unit (centavos).
 */
unit_price_minor: number, };

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

export type OrderView = { id: number, buyer_id: number, conversation_id: number | null, stage: OrderStage, currency: string, items: Array<OrderItem>, total_minor: number, due_date: string | null, delivery: Delivery | null, payment_status: PaymentStatus, notes: string, created_at: number, };

export type ConversationView = { summary: InboxRow, buyer: BuyerView, 
/**
 * Oldest first.
 */
messages: Array<MessageView>, 
/**
 * The buyer's orders, newest first.
 */
orders: Array<OrderView>, };

export type ChannelCount = { channel: ChannelKind, accounts: number, conversations: number, messages: number, };

export type StatusCount = { status: ConversationStatus, conversations: number, };

export type Stats = { accounts: number, buyers: number, conversations: number, messages: number, orders: number, per_channel: Array<ChannelCount>, per_status: Array<StatusCount>, };

export type Settings = { 
/**
 * `None` follows the operating system's language.
 */
language: Language | null, shop_name: string | null, 
/**
 * IANA zone of the shop (`America/Argentina/Cordoba`); `None` uses the system's.
 */
time_zone: string | null, };

export type AppInfo = { version: string, db_path: string, data_dir: string, 
/**
 * No accounts and no conversations yet: the UI shows the first-run screen.
 */
empty: boolean, 
/**
 * The operating system's locale (BCP 47), for the default language.
 */
os_locale: string | null, };

export type IpcError = { code: string, message: string, };

/** Every `IpcError.code`; each needs a sentence under `errors.` in every locale. */
export const ERROR_CODES = ["database_too_new", "not_a_database", "not_found", "invalid_input", "pre_migration_backup_failed", "migration_changed", "disk_full", "database", "io", "data", "internal"] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
