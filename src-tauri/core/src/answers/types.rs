//! Saved answers as the library, the pickers and the composer see them: answers, versions,
//! variables, lint, search hits and suggestions.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::vocabulary::text_enum;
use crate::vocabulary::{Language, UnixSeconds};

text_enum!(
    /// The library's topics.
    AnswerFolder {
        /// Address and pickup points.
        Address = "address",
        /// Sizes and measures.
        Sizes = "sizes",
        Payment = "payment",
        /// Delivery and shipping.
        Delivery = "delivery",
        Care = "care",
        /// Stock and made-to-order.
        Stock = "stock",
        Policies = "policies",
        Greetings = "greetings",
    }
);

text_enum!(
    /// Where an answer is pasted: each can have its own version of the text.
    AnswerChannel {
        MlPreSale = "ml_pre_sale",
        MlPostSale = "ml_post_sale",
        Instagram = "instagram",
        Messenger = "messenger",
        WhatsApp = "whatsapp",
        Telegram = "telegram",
        Etsy = "etsy",
        Email = "email",
        Other = "other",
        /// A public reply under a comment on Instagram or a Facebook Page: everyone reads it.
        PublicComment = "public_comment",
    }
);

text_enum!(
    /// What the channel lint found.
    LintRule {
        /// Longer than the channel takes: the channel cuts or refuses it.
        TooLong = "too_long",
        Phone = "phone",
        Email = "email",
        Url = "url",
        Shortener = "shortener",
        /// `@handle`.
        SocialHandle = "social_handle",
        /// "WhatsApp", "Instagram", "Telegram"… named as a place to continue the talk.
        SocialNetwork = "social_network",
        /// Mercado Pago or PayPal links, payment aliases and CBU/CVU/Pix keys.
        PaymentLink = "payment_link",
        StreetAddress = "street_address",
        /// A `{{…}}` variable whose value is contact or payment data.
        ContactVariable = "contact_variable",
    }
);

text_enum!(
    /// Why a variable has no value.
    MissingReason {
        /// Nothing in this conversation, order or shop gives it a value.
        Undefined = "undefined",
        /// It has a value, but the value is empty.
        Empty = "empty",
        /// Not a variable Mostrador knows (a typo?).
        Unknown = "unknown",
        /// The cut-off engine has no answer (no cut-off or deadline configured).
        NoCutoff = "no_cutoff",
    }
);

text_enum!(
    /// Why an answer is suggested for a message.
    SuggestionReason {
        /// The message has words of the answer's topic.
        TopicKeywords = "topic_keywords",
        /// The message shares words with the answer's text.
        TextSimilarity = "text_similarity",
    }
);

/// One per-channel (and per-language) version of an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnswerVariant {
    pub channel: AnswerChannel,
    pub language: Language,
    pub body: String,
}

/// A file kept with an answer in `<db dir>/answers/<id>/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnswerAttachment {
    #[ts(type = "number")]
    pub id: i64,
    pub file_name: String,
    pub mime_type: Option<String>,
    #[ts(type = "number | null")]
    pub size_bytes: Option<i64>,
    /// Absolute path on this machine.
    pub local_path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedAnswer {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    /// Without the leading `/`.
    pub shortcut: Option<String>,
    pub folder: Option<AnswerFolder>,
    /// The general version, used where a channel has none of its own.
    pub body: String,
    pub language: Option<Language>,
    pub pinned: bool,
    pub tags: Vec<String>,
    pub variants: Vec<AnswerVariant>,
    pub attachments: Vec<AnswerAttachment>,
    pub use_count: u32,
    #[ts(type = "number | null")]
    pub last_used_at: Option<UnixSeconds>,
    #[ts(type = "number")]
    pub chars_saved: i64,
    #[ts(type = "number")]
    pub created_at: UnixSeconds,
    #[ts(type = "number")]
    pub updated_at: UnixSeconds,
}

/// What the seller edits: an answer without its usage and attachments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnswerInput {
    pub title: String,
    pub shortcut: Option<String>,
    pub folder: Option<AnswerFolder>,
    pub body: String,
    pub language: Option<Language>,
    #[serde(default)]
    pub pinned: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub variants: Vec<AnswerVariant>,
}

/// Shop facts the variables read that no other screen keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnswerFacts {
    pub payment_alias: Option<String>,
    /// The usual pickup point, when an order does not name one.
    pub pickup_place: Option<String>,
    pub shop_phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AnswerHit {
    pub answer: SavedAnswer,
    /// Higher is better; only the order matters.
    pub score: u32,
    /// The query is the start of the shortcut.
    pub shortcut_prefix: bool,
}

/// A `{{choose:…}}` or `{{ask:…}}` to resolve when inserting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FillPrompt {
    /// `size` in `{{choose:size|S|M|L}}`; answer it in `RenderRequest::fills` under this key.
    pub key: String,
    /// Empty for `ask`.
    pub options: Vec<String>,
}

/// A variable left as it is in the text, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MissingVariable {
    /// As written, without braces: `order.total`.
    pub name: String,
    pub reason: MissingReason,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LintFinding {
    pub rule: LintRule,
    /// Character offsets (not bytes) into the checked text, end exclusive.
    pub start: u32,
    pub end: u32,
    /// The offending text itself.
    pub excerpt: String,
}

/// What a channel would do with a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LintReport {
    pub channel: AnswerChannel,
    /// Characters, or UTF-8 bytes where the channel counts bytes (Instagram, Messenger).
    pub length: u32,
    pub limit: Option<u32>,
    pub counts_bytes: bool,
    /// Everyone reads it (a public comment reply): the findings are private data shown to all.
    pub public: bool,
    pub findings: Vec<LintFinding>,
}

/// One version of an answer checked against the target channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VersionCheck {
    /// `None`: the general version.
    pub version: Option<AnswerChannel>,
    pub language: Language,
    pub text: String,
    pub lint: LintReport,
}

/// How to fill an answer for a paste.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RenderRequest {
    #[ts(type = "number | null")]
    pub conversation_id: Option<i64>,
    /// The order whose total, items and dates fill in; `None`: the conversation's newest open order.
    #[ts(type = "number | null")]
    pub order_id: Option<i64>,
    /// The target; `None`: the conversation's channel, or the general version.
    pub channel: Option<AnswerChannel>,
    /// `None`: the answer's language, else the shop's.
    pub language: Option<Language>,
    /// Answers to the fill-in prompts, by key.
    #[serde(default)]
    pub fills: Vec<(String, String)>,
    /// Use this version (`None`: the best one for the channel).
    #[serde(default)]
    pub version: Option<AnswerChannel>,
    /// Use the general version even when the channel has its own.
    #[serde(default)]
    pub general: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RenderedAnswer {
    #[ts(type = "number")]
    pub answer_id: i64,
    pub channel: AnswerChannel,
    pub language: Language,
    /// The version used: `None` is the general one.
    pub version: Option<AnswerChannel>,
    /// Final text; variables without a value stay as `{{…}}` so nothing is dropped silently.
    pub text: String,
    /// Prompts still unanswered (their `{{…}}` remain in `text`).
    pub prompts: Vec<FillPrompt>,
    pub missing: Vec<MissingVariable>,
    pub lint: LintReport,
    /// Every version of the answer checked against the target channel, the used one first.
    pub versions: Vec<VersionCheck>,
    /// A version the channel accepts, when the used one would be blocked or cut.
    pub safe_version: Option<VersionCheck>,
    /// Paths of the answer's attachments, to copy as images.
    pub attachments: Vec<AnswerAttachment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AnswerSuggestion {
    pub answer: SavedAnswer,
    pub score: u32,
    pub reason: SuggestionReason,
    /// The words of the message that matched (topic keywords or shared words).
    pub matched: Vec<String>,
}

/// What an import did (all or nothing: on any error nothing is stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnswerImportReport {
    pub added: u32,
    /// Answers whose shortcut already existed, replaced by the imported ones.
    pub replaced: u32,
}

text_enum!(
    AnswerFileFormat {
        Json = "json",
        Csv = "csv",
    }
);
