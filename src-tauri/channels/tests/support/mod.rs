//! What the e-mail tests share: `mod support;` in a test file, then `support::mail_server`.

pub mod mail_server;
