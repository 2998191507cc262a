//! Text enums stored as their stable strings: each area declares its stored enums with
//! [`text_column!`], so the store needs to know none of them.

#[derive(Debug)]
pub(crate) struct UnknownText {
    pub(crate) kind: &'static str,
    pub(crate) text: String,
}

impl std::fmt::Display for UnknownText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown {} {:?} in the database", self.kind, self.text)
    }
}

impl std::error::Error for UnknownText {}

/// Stores each enum as its `as_str()` and reads it back with `parse()`; an unknown string is an
/// error naming the enum, never a silent default.
macro_rules! text_column {
    ($($name:ident),+ $(,)?) => {$(
        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::parse(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(Box::new($crate::store::text_enums::UnknownText {
                        kind: stringify!($name),
                        text: text.to_owned(),
                    }))
                })
            }
        }
    )+};
}

pub(crate) use text_column;
