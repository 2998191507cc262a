//! One mail as the e-mail channel reads it: the headers that thread it and tell who wrote it, the
//! text a seller reads (HTML-only mail converted, never rendered), and its attachments.

/// An address as written in a header, the address part lowercased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Address {
    pub email: String,
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MailAttachment {
    /// As the mail names it, made safe for a file name; a made-up name when it has none.
    pub file_name: String,
    pub mime_type: String,
    pub data: Vec<u8>,
    /// Shown inside the body (an inline logo, a signature image) rather than attached.
    pub inline: bool,
}

/// Why a mail looks automatic: sent by a program or a mailing list rather than by a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Automatic {
    /// `List-Id`, `List-Unsubscribe` or `Precedence: bulk/list/junk`.
    List,
    /// `Auto-Submitted` other than `no`, a delivery report, or an out-of-office reply.
    AutoReply,
    /// A no-reply, mailer-daemon or postmaster sender.
    NoReplySender,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mail {
    /// Without the angle brackets. A mail without one gets `sha256-<hex of the raw mail>@mostrador`
    /// so that reading it twice finds the same message.
    pub message_id: String,
    pub in_reply_to: Vec<String>,
    /// Oldest first, as the header lists them.
    pub references: Vec<String>,
    /// Decoded, as written.
    pub subject: String,
    pub from: Option<Address>,
    pub reply_to: Option<Address>,
    pub to: Vec<Address>,
    pub cc: Vec<Address>,
    /// The `Date` header in unix seconds, when it reads.
    pub date: Option<i64>,
    /// The whole text, quoted history included: text/plain when there is one, else the HTML part
    /// converted to text. Line ends are `\n`.
    pub text: String,
    /// Byte offset in `text` where the quoted history starts ("On … wrote:" / "El … escribió:" /
    /// "Em … escreveu:" / "-----Original Message-----" / a block of `>` lines at the end).
    pub quote_start: Option<usize>,
    pub attachments: Vec<MailAttachment>,
    pub automatic: Option<Automatic>,
}
