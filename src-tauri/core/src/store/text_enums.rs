//! The model's text enums stored as their stable strings.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::model::{
    ChannelKind, ConversationKind, ConversationStatus, DeliveryMethod, Direction, Language, MessageStatus,
    OrderStage, OutboxState, PaymentStatus, SyncState,
};

#[derive(Debug)]
struct UnknownText {
    kind: &'static str,
    text: String,
}

impl std::fmt::Display for UnknownText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown {} {:?} in the database", self.kind, self.text)
    }
}

impl std::error::Error for UnknownText {}

macro_rules! text_column {
    ($($name:ident),+ $(,)?) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::parse(text).ok_or_else(|| {
                    FromSqlError::Other(Box::new(UnknownText { kind: stringify!($name), text: text.to_owned() }))
                })
            }
        }
    )+};
}

text_column!(
    ChannelKind,
    ConversationKind,
    ConversationStatus,
    Direction,
    MessageStatus,
    OrderStage,
    PaymentStatus,
    DeliveryMethod,
    Language,
    SyncState,
    OutboxState,
);
