//! Reading booking rows and writing audit rows: what the SQLite store's queries share.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::ts;
use crate::domain::state::ConversationState;
use crate::store::protocol::BOOKING_COLUMNS;
use crate::store::{BookingRow, BookingRowStatus, MessageKey, StoreError, ToolCallRecord};

pub(super) fn parse_ts(s: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt {
            table: "bookings",
            reason: format!("bad timestamp `{s}`: {e}"),
        })
}

pub(super) fn is_overlap(e: &rusqlite::Error) -> bool {
    e.to_string().contains("booking_overlap")
}

pub(super) fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation)
        && e.to_string().contains("UNIQUE")
}

pub(super) fn booking_from_row(
    row: &rusqlite::Row,
) -> rusqlite::Result<(BookingRow, String, String, String)> {
    let start: String = row.get(8)?;
    let end: String = row.get(9)?;
    let status: String = row.get(10)?;
    Ok((
        BookingRow {
            booking_id: row.get(0)?,
            workspace_id: row.get(1)?,
            conversation_id: row.get(2)?,
            customer_phone: row.get(3)?,
            customer_name: row.get(4)?,
            service_id: row.get(5)?,
            service_name: row.get(6)?,
            staff_id: row.get(7)?,
            start_utc: DateTime::<Utc>::MIN_UTC,
            end_utc: DateTime::<Utc>::MIN_UTC,
            status: BookingRowStatus::Confirmed,
            part_of: row.get(11)?,
            contact_phone: row.get(12)?,
        },
        start,
        end,
        status,
    ))
}

pub(super) fn finish_booking(
    raw: (BookingRow, String, String, String),
) -> Result<BookingRow, StoreError> {
    let (mut b, start, end, status) = raw;
    b.start_utc = parse_ts(&start)?;
    b.end_utc = parse_ts(&end)?;
    b.status = BookingRowStatus::parse(&status).ok_or_else(|| StoreError::Corrupt {
        table: "bookings",
        reason: format!("bad status `{status}`"),
    })?;
    Ok(b)
}

pub(super) fn get_booking(
    conn: &Connection,
    ws: &str,
    id: &str,
) -> Result<Option<BookingRow>, StoreError> {
    let raw = conn
        .query_row(
            &format!("SELECT {BOOKING_COLUMNS} FROM bookings WHERE workspace_id = ?1 AND booking_id = ?2"),
            params![ws, id],
            booking_from_row,
        )
        .optional()?;
    raw.map(finish_booking).transpose()
}

pub(super) fn parse_state(s: &str) -> Result<ConversationState, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt {
        table: "conversations",
        reason: e.to_string(),
    })
}

pub(super) fn insert_tool_calls(
    conn: &Connection,
    key: &MessageKey,
    records: &[ToolCallRecord],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let now = ts(now);
    let mut stmt = conn.prepare_cached(
        "INSERT INTO tool_calls (workspace_id, conversation_id, message_id, request_id, tool, args, status, attempts, latency_ms, error, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for r in records {
        stmt.execute(params![
            key.workspace_id,
            key.conversation_id,
            key.message_id,
            r.request_id,
            r.tool,
            r.args.to_string(),
            r.status,
            r.attempts,
            r.latency_ms,
            r.error,
            now
        ])?;
    }
    Ok(())
}
