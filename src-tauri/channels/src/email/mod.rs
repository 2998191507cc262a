//! The e-mail channel: IMAP in (INBOX and the `\Sent` folder), SMTP submission out, and the Etsy
//! conversation notices that arrive by mail.

pub(crate) mod etsy_notice;
pub(crate) mod mail;
pub(crate) mod senders;
