//! WhatsApp exports: the parser over a corpus of export fragments and generated chats, and the
//! import into real SQLite files in temporary folders; manual capture (any site) beside them.

mod capture;
mod formats;
mod import;
mod parser;
mod shop;
mod zip_media;
