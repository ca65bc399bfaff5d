//! The SQLite schema and its migrations (applied in order, each once).

use rusqlite::{params, Connection, TransactionBehavior};

pub const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE conversations (
    workspace_id    TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    state           TEXT NOT NULL,
    version         INTEGER NOT NULL,
    lease_holder    TEXT,
    lease_until_ms  INTEGER,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (workspace_id, conversation_id)
);
CREATE TABLE messages (
    workspace_id    TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    text            TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('processing', 'done')),
    response        TEXT,
    route           TEXT,
    intent          TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (workspace_id, conversation_id, message_id)
);
CREATE TABLE bookings (
    booking_id      TEXT NOT NULL,
    workspace_id    TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    customer_phone  TEXT,
    customer_name   TEXT NOT NULL,
    service_id      TEXT NOT NULL,
    service_name    TEXT NOT NULL,
    staff_id        TEXT NOT NULL,
    start_utc       TEXT NOT NULL,
    end_utc         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
    idempotency_key TEXT NOT NULL UNIQUE,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (workspace_id, booking_id),
    CHECK (start_utc < end_utc)
);
CREATE INDEX bookings_by_staff ON bookings (workspace_id, staff_id, start_utc);
CREATE INDEX bookings_by_phone ON bookings (workspace_id, customer_phone, start_utc);
CREATE TRIGGER bookings_no_overlap_insert BEFORE INSERT ON bookings
WHEN NEW.status = 'confirmed'
BEGIN
    SELECT RAISE(ABORT, 'booking_overlap') WHERE EXISTS (
        SELECT 1 FROM bookings b
        WHERE b.workspace_id = NEW.workspace_id AND b.staff_id = NEW.staff_id AND b.status = 'confirmed'
          AND b.start_utc < NEW.end_utc AND NEW.start_utc < b.end_utc);
END;
CREATE TRIGGER bookings_no_overlap_update BEFORE UPDATE OF start_utc, end_utc, staff_id, status ON bookings
WHEN NEW.status = 'confirmed'
BEGIN
    SELECT RAISE(ABORT, 'booking_overlap') WHERE EXISTS (
        SELECT 1 FROM bookings b
        WHERE b.workspace_id = NEW.workspace_id AND b.staff_id = NEW.staff_id AND b.status = 'confirmed'
          AND b.booking_id <> NEW.booking_id
          AND b.start_utc < NEW.end_utc AND NEW.start_utc < b.end_utc);
END;
CREATE TABLE tool_calls (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id    TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    request_id      TEXT NOT NULL,
    tool            TEXT NOT NULL,
    args            TEXT NOT NULL,
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    latency_ms      REAL NOT NULL,
    error           TEXT,
    created_at      TEXT NOT NULL
);
CREATE TABLE shadow_results (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id       TEXT NOT NULL,
    conversation_id    TEXT NOT NULL,
    message_id         TEXT NOT NULL,
    text_redacted      TEXT NOT NULL,
    legacy_intent      TEXT NOT NULL,
    slm_intent         TEXT NOT NULL,
    legacy_slots       TEXT NOT NULL,
    slm_slots          TEXT NOT NULL,
    intent_agrees      INTEGER NOT NULL,
    slot_disagreements TEXT NOT NULL,
    slm_latency_ms     REAL NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE INDEX shadow_by_time ON shadow_results (created_at);
"#,
    r#"
CREATE TABLE runtime_flags (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
"#,
    // Visits with several services: the further services' rows name the visit's code.
    r#"
ALTER TABLE bookings ADD COLUMN part_of TEXT;
CREATE INDEX bookings_by_visit ON bookings (workspace_id, part_of);
"#,
    // A number the customer typed to be reached at, besides the channel's.
    r#"
ALTER TABLE bookings ADD COLUMN contact_phone TEXT;
"#,
];

pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")?;
    let current: i64 = conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_version",
        [],
        |r| r.get(0),
    )?;
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        let v = i as i64 + 1;
        if v > current {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(sql)?;
            tx.execute(
                "INSERT INTO schema_version (version) VALUES (?1)",
                params![v],
            )?;
            tx.commit()?;
        }
    }
    Ok(())
}
