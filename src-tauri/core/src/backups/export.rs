//! The full export: every table's user data as one JSON document, streamed row by row.
//!
//! `{"format": "mostrador-export", "schema_version": N, "tables": {"accounts": [{…}, …], …}}`.
//! Columns holding JSON are embedded as JSON, not as strings. Search indexes are left out (they are
//! rebuilt from the data) and so is the migration log. The store holds no secrets, so nothing is
//! filtered out.

use std::io::{BufWriter, Write};

use rusqlite::Transaction;
use rusqlite::types::ValueRef;

use crate::Result;

/// Every table with user data, parents before children, with its JSON columns.
pub(crate) const TABLES: &[(&str, &[&str])] = &[
    ("settings", &["value"]),
    ("accounts", &["settings", "sync_state"]),
    ("buyers", &[]),
    ("buyer_tags", &[]),
    ("buyer_identities", &[]),
    ("conversations", &[]),
    ("conversation_tags", &[]),
    ("conversation_drafts", &[]),
    ("messages", &["attachments"]),
    ("shop_calendar", &["working_days"]),
    ("working_hours", &[]),
    ("closed_dates", &[]),
    ("seasonal_deadlines", &["delivery_days"]),
    ("products", &[]),
    ("capacity_overrides", &[]),
    ("orders", &[]),
    ("order_items", &[]),
    ("order_messages", &[]),
    (
        "buyer_merges",
        &[
            "identity_ids",
            "conversation_ids",
            "order_ids",
            "target_tags_before",
            "target_tags_after",
            "reasons",
        ],
    ),
    ("saved_answers", &["tags"]),
    ("saved_answer_variants", &[]),
    ("saved_answer_attachments", &[]),
    // ---- saved answers
    ("saved_answer_facts", &[]),
    ("saved_answer_packs", &[]),
    ("sync_cursors", &[]),
    ("outbox", &["attachments"]),
    ("outbox_files", &[]),
    // ---- "not the same person"
    ("merge_dismissals", &[]),
    // ---- e-mail: mail left out as not from a buyer, the seller's marks on senders
    ("mail_left_out", &[]),
    ("mail_sender_marks", &[]),
    // ---- Mercado Libre's reputation, claims and visits, for the metrics
    ("seller_reputation", &[]),
    ("seller_reputation_rates", &[]),
    ("listing_visits_by_month", &[]),
];

pub(crate) fn export(tx: &Transaction<'_>, out: &mut dyn Write) -> Result<()> {
    let mut out = BufWriter::new(out);
    let version: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
    write!(out, "{{\"format\":\"mostrador-export\",\"schema_version\":{version},\"tables\":{{")?;
    for (index, (table, json_columns)) in TABLES.iter().enumerate() {
        if index > 0 {
            out.write_all(b",")?;
        }
        write!(out, "\"{table}\":[")?;
        write_rows(tx, &mut out, table, json_columns)?;
        out.write_all(b"]")?;
    }
    out.write_all(b"}}\n")?;
    out.flush()?;
    Ok(())
}

fn write_rows(tx: &Transaction<'_>, out: &mut impl Write, table: &str, json_columns: &[&str]) -> Result<()> {
    let mut stmt = tx.prepare(&format!("SELECT * FROM {table}"))?;
    let columns: Vec<(String, bool)> =
        stmt.column_names().map(|name| (name.to_owned(), json_columns.contains(&name))).collect();
    let mut rows = stmt.query([])?;
    let mut first = true;
    while let Some(row) = rows.next()? {
        out.write_all(if first { b"{" } else { b",{" })?;
        first = false;
        for (index, (name, is_json)) in columns.iter().enumerate() {
            if index > 0 {
                out.write_all(b",")?;
            }
            write_json(out, name)?;
            out.write_all(b":")?;
            write_json(out, &cell(row.get_ref(index)?, *is_json))?;
        }
        out.write_all(b"}")?;
    }
    Ok(())
}

fn cell(value: ValueRef<'_>, is_json: bool) -> serde_json::Value {
    use serde_json::Value;
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(n) => Value::from(n),
        ValueRef::Real(x) => serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number),
        ValueRef::Text(bytes) => {
            let text = String::from_utf8_lossy(bytes);
            if is_json && let Ok(value) = serde_json::from_str(&text) {
                return value;
            }
            Value::String(text.into_owned())
        }
        ValueRef::Blob(bytes) => Value::String(bytes.iter().map(|b| format!("{b:02x}")).collect()),
    }
}

/// Write failures are file errors (a full disk must say so), not data errors.
fn write_json<T: serde::Serialize + ?Sized>(out: &mut impl Write, value: &T) -> Result<()> {
    serde_json::to_writer(out, value)
        .map_err(|e| if e.is_io() { std::io::Error::from(e).into() } else { e.into() })
}

#[cfg(test)]
mod tests {
    use super::TABLES;

    #[test]
    fn every_table_with_user_data_is_exported() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("shop.db")).unwrap();
        let tables: Vec<String> = store
            .read(|tx| {
                let mut stmt = tx.prepare(
                    "SELECT name FROM sqlite_schema
                      WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' AND name NOT LIKE '%!_fts%' ESCAPE '!'
                        AND name <> 'schema_migrations'
                        -- Counters kept by triggers: derived, rebuilt from the conversations.
                        AND name <> 'conversation_status_counts'
                        -- Phones parsed by libphonenumber: derived, recomputed from the identities.
                        AND name <> 'identity_phone_keys'
                      ORDER BY name",
                )?;
                Ok(stmt.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?)
            })
            .unwrap();
        let mut exported: Vec<&str> = TABLES.iter().map(|(name, _)| *name).collect();
        exported.sort_unstable();
        assert_eq!(tables, exported);
    }
}
