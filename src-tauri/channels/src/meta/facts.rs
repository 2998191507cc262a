//! Meta facts the Instagram and Messenger connector acts on (channels.md), kept as data.

/// The Graph API version, in one place: Meta retires versions every two years or so.
pub(crate) const GRAPH_VERSION: &str = "v24.0";
/// Calls per second per account on the Conversations API (conversations, messages, send).
pub(crate) const CALLS_PER_SECOND: usize = 2;
/// The window those calls are counted in, with a margin for the request's trip to Meta.
pub(crate) const RATE_WINDOW_MILLIS: u64 = 1100;
/// Conversations per page of the conversations list.
pub(crate) const CONVERSATIONS_PAGE: u32 = 25;
/// Messages the API gives of a conversation: the most recent ones, never older.
pub(crate) const MESSAGES_PER_CONVERSATION: u32 = 20;
/// Posts whose comments are read (the newest).
pub(crate) const POSTS_READ: u32 = 25;
/// Comments per page of a post's comments.
pub(crate) const COMMENTS_PAGE: u32 = 50;
/// Comments are read at most this often: a post's comments cost a call each, and buyers expect an
/// answer to a comment within hours, not seconds.
pub(crate) const COMMENTS_EVERY_SECS: i64 = 5 * 60;
/// The seller may reply this long after the buyer's last message…
pub(crate) const REPLY_WINDOW_SECS: i64 = 24 * 3600;
/// …or this long, tagged as a human agent's reply, where the seller's Meta app has that feature.
pub(crate) const HUMAN_AGENT_WINDOW_SECS: i64 = 7 * 24 * 3600;
/// A comment takes its one private reply this long after it was written.
pub(crate) const PRIVATE_REPLY_WINDOW_SECS: i64 = 7 * 24 * 3600;
/// Conversations read per engine round while a backlog lasts (about 20 s at the rate limit), so
/// replies the seller queues go out between rounds.
pub(crate) const CONVERSATIONS_PER_ROUND: usize = 40;
/// Conversations committed together while working through a backlog.
pub(crate) const CONVERSATIONS_PER_COMMIT: usize = 10;
/// Instagram's long-lived token lives 60 days; it is refreshed once this little is left (it can be
/// refreshed from 24 h old), so a shop that opens the app every few weeks never loses it.
pub(crate) const REFRESH_WHEN_LEFT_SECS: i64 = 50 * 24 * 3600;
/// Scopes asked for on Instagram (Instagram API with Instagram Login).
pub(crate) const INSTAGRAM_SCOPES: &str =
    "instagram_business_basic,instagram_business_manage_messages,instagram_business_manage_comments";
/// Scopes asked for on Facebook (a Page: Messenger and the Page's comments).
pub(crate) const FACEBOOK_SCOPES: &str = "pages_show_list,pages_messaging,pages_manage_metadata,\
pages_read_engagement,pages_read_user_content,pages_manage_engagement";
/// Meta's error codes that mean "slow down": application, user, Page, account (Conversations API).
pub(crate) const THROTTLED_CODES: &[i64] = &[4, 17, 32, 613, 80002, 80006];
/// The token is dead (expired, revoked, password changed): connect again.
pub(crate) const TOKEN_CODE: i64 = 190;
/// `(#10)` with this subcode: the reply window is closed.
pub(crate) const WINDOW_CLOSED_SUBCODE: i64 = 2018278;
/// `(#10)` with this subcode: the HUMAN_AGENT tag is not available to the seller's app.
pub(crate) const TAG_UNAVAILABLE_SUBCODE: i64 = 2018065;
/// `(#100)` with this subcode: the text is over 1000 bytes.
pub(crate) const TOO_LONG_SUBCODE: i64 = 2534015;
/// Bytes of UTF-8 in a message.
pub(crate) const MAX_MESSAGE_BYTES: usize = 1000;
