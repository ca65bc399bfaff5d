//! SQLite backend: one file, WAL mode, migrated at start. Overlapping bookings of one staff
//! member are refused by triggers, so the guarantee holds for every writer of the file.

use std::path::Path;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::{
    BookingQuery, BookingRow, BookingRowStatus, ChangeOutcome, CreateOutcome, LoggedMessage,
    MessageKey, NewBooking, PartMove, ShadowRecord, Store, StoreError, ToolCallRecord, TurnRecord,
    TurnStart,
};
use crate::domain::state::ConversationState;
use rows::{
    booking_from_row, finish_booking, get_booking, insert_tool_calls, is_overlap,
    is_unique_violation, parse_state, parse_ts,
};

mod rows;
mod schema;
use super::protocol::{self, Attempt, SeenMessage, BOOKING_COLUMNS};
use schema::migrate;

/// The SQLite store. One connection, used from blocking tasks; SQLite serializes writers anyway.
pub struct SqliteStore {
    conn: Arc<Mutex<Connection>>,
    /// Row timestamps and leases read the service's clock (one process owns the file).
    clock: crate::clock::Clock,
}

pub(crate) fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl SqliteStore {
    /// Opens the database file; row timestamps and leases read `clock`.
    pub fn open_with_clock(path: &str, clock: crate::clock::Clock) -> Result<Self, StoreError> {
        let open_err = |reason: String| StoreError::Open {
            location: path.to_string(),
            reason,
        };
        if path != ":memory:" {
            if let Some(dir) = Path::new(path).parent() {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir)
                        .map_err(|e| open_err(format!("cannot create {}: {e}", dir.display())))?;
                }
            }
        }
        let mut conn = Connection::open(path).map_err(|e| open_err(e.to_string()))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| open_err(e.to_string()))?;
        if path != ":memory:" {
            let mode: String = conn
                .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
                .map_err(|e| open_err(e.to_string()))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(open_err(format!("WAL mode refused (got {mode})")));
            }
        }
        conn.execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")
            .map_err(|e| open_err(e.to_string()))?;
        migrate(&mut conn).map_err(|e| open_err(e.to_string()))?;
        // One process owns a SQLite file: any lease found at start was left by a crashed run.
        conn.execute("UPDATE conversations SET lease_holder = NULL, lease_until_ms = NULL WHERE lease_holder IS NOT NULL", [])
            .map_err(|e| open_err(e.to_string()))?;
        Ok(SqliteStore {
            conn: Arc::new(Mutex::new(conn)),
            clock,
        })
    }

    /// Runs `f` on the connection off the async runtime; `f` gets the clock's "now".
    async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection, DateTime<Utc>) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let conn = self.conn.clone();
        let now = self.clock.now();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn
                .lock()
                .map_err(|_| StoreError::Db("connection mutex poisoned".into()))?;
            f(&mut guard, now)
        })
        .await
        .map_err(|e| StoreError::Db(format!("store task failed: {e}")))?
    }
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn begin_turn(
        &self,
        key: &MessageKey,
        holder: &str,
        lease_ms: u64,
    ) -> Result<TurnStart, StoreError> {
        let key = key.clone();
        let holder = holder.to_string();
        self.with(move |conn, now| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let msg: Option<(String, Option<String>, Option<String>)> = tx
                .query_row(
                    "SELECT status, response, text FROM messages WHERE workspace_id = ?1 AND conversation_id = ?2 AND message_id = ?3",
                    params![key.workspace_id, key.conversation_id, key.message_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let seen = match msg {
                Some((status, response, text)) => Some(SeenMessage {
                    status,
                    response: response
                        .map(|r| serde_json::from_str(&r))
                        .transpose()
                        .map_err(|e| StoreError::Corrupt {
                            table: "messages",
                            reason: e.to_string(),
                        })?,
                    text,
                }),
                None => None,
            };
            if let Some(start) = protocol::answered(seen) {
                return Ok(start);
            }
            let now_ms = now.timestamp_millis();
            let conv: Option<(String, i64, Option<String>, Option<i64>)> = tx
                .query_row(
                    "SELECT state, version, lease_holder, lease_until_ms FROM conversations WHERE workspace_id = ?1 AND conversation_id = ?2",
                    params![key.workspace_id, key.conversation_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let until = now_ms + lease_ms as i64;
            let (state, version) = match conv {
                Some((_, _, h, u)) if protocol::busy(h.as_deref(), u.is_some_and(|u| u > now_ms), &holder) => {
                    return Ok(TurnStart::Busy)
                }
                Some((state, version, _, _)) => {
                    tx.execute(
                        "UPDATE conversations SET lease_holder = ?3, lease_until_ms = ?4 WHERE workspace_id = ?1 AND conversation_id = ?2",
                        params![key.workspace_id, key.conversation_id, holder, until],
                    )?;
                    (parse_state(&state)?, version)
                }
                None => {
                    let state = ConversationState::default();
                    tx.execute(
                        "INSERT INTO conversations (workspace_id, conversation_id, state, version, lease_holder, lease_until_ms, updated_at)
                         VALUES (?1, ?2, ?3, 0, ?4, ?5, ?6)",
                        params![
                            key.workspace_id,
                            key.conversation_id,
                            serde_json::to_string(&state).unwrap_or_else(|_| "{}".into()),
                            holder,
                            until,
                            ts(now)
                        ],
                    )?;
                    (state, 0)
                }
            };
            let now_s = ts(now);
            tx.execute(
                "INSERT INTO messages (workspace_id, conversation_id, message_id, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'processing', ?4, ?4)
                 ON CONFLICT (workspace_id, conversation_id, message_id) DO UPDATE SET status = 'processing', updated_at = ?4",
                params![key.workspace_id, key.conversation_id, key.message_id, now_s],
            )?;
            tx.commit()?;
            Ok(TurnStart::Fresh {
            state: Box::new(state),
            version,
        })
        })
        .await
    }

    async fn finish_turn(&self, rec: TurnRecord<'_>) -> Result<i64, StoreError> {
        let key = rec.key.clone();
        let holder = rec.holder.to_string();
        let state = serde_json::to_string(rec.state).map_err(|e| StoreError::Db(e.to_string()))?;
        let expected = rec.expected_version;
        let text = rec.text.to_string();
        let response = rec.response.to_string();
        let route = rec.route.to_string();
        let intent = rec.intent.to_string();
        let calls = rec.tool_calls.to_vec();
        self.with(move |conn, now| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let now_s = ts(now);
            let n = tx.execute(
                "UPDATE conversations SET state = ?3, version = version + 1, lease_holder = NULL, lease_until_ms = NULL, updated_at = ?4
                 WHERE workspace_id = ?1 AND conversation_id = ?2 AND version = ?5 AND (lease_holder IS NULL OR lease_holder = ?6)",
                params![key.workspace_id, key.conversation_id, state, now_s, expected, holder],
            )?;
            if n != 1 {
                return Err(StoreError::Conflict { expected });
            }
            tx.execute(
                "UPDATE messages SET status = 'done', text = ?4, response = ?5, route = ?6, intent = ?7, updated_at = ?8
                 WHERE workspace_id = ?1 AND conversation_id = ?2 AND message_id = ?3",
                params![key.workspace_id, key.conversation_id, key.message_id, text, response, route, intent, now_s],
            )?;
            insert_tool_calls(&tx, &key, &calls, now)?;
            tx.commit()?;
            Ok(expected + 1)
        })
        .await
    }

    async fn abort_turn(&self, key: &MessageKey, holder: &str) -> Result<(), StoreError> {
        let key = key.clone();
        let holder = holder.to_string();
        self.with(move |conn, _now| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute(
                "DELETE FROM messages WHERE workspace_id = ?1 AND conversation_id = ?2 AND message_id = ?3 AND status = 'processing'",
                params![key.workspace_id, key.conversation_id, key.message_id],
            )?;
            tx.execute(
                "UPDATE conversations SET lease_holder = NULL, lease_until_ms = NULL WHERE workspace_id = ?1 AND conversation_id = ?2 AND lease_holder = ?3",
                params![key.workspace_id, key.conversation_id, holder],
            )?;
            tx.commit()?;
            Ok(())
        })
        .await
    }

    async fn load_conversation(
        &self,
        workspace_id: &str,
        conversation_id: &str,
    ) -> Result<Option<(ConversationState, i64)>, StoreError> {
        let (ws, conv) = (workspace_id.to_string(), conversation_id.to_string());
        self.with(move |conn, _now| {
            let row: Option<(String, i64)> = conn
                .query_row(
                    "SELECT state, version FROM conversations WHERE workspace_id = ?1 AND conversation_id = ?2",
                    params![ws, conv],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            row.map(|(s, v)| Ok((parse_state(&s)?, v))).transpose()
        })
        .await
    }

    async fn conversation_messages(
        &self,
        workspace_id: &str,
        conversation_id: &str,
        limit: usize,
    ) -> Result<Vec<LoggedMessage>, StoreError> {
        let (ws, conv) = (workspace_id.to_string(), conversation_id.to_string());
        self.with(move |conn, _now| {
            let mut stmt = conn.prepare_cached(
                "SELECT message_id, text, route, intent, response, created_at FROM messages
                 WHERE workspace_id = ?1 AND conversation_id = ?2 AND status = 'done'
                 ORDER BY created_at DESC, rowid DESC LIMIT ?3",
            )?;
            let rows = stmt.query_map(params![ws, conv, limit as i64], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (message_id, text, route, intent, response, at) = row?;
                out.push(LoggedMessage {
                    message_id,
                    text,
                    route,
                    intent,
                    response: response.and_then(|r| serde_json::from_str(&r).ok()),
                    created_at: parse_ts(&at)?,
                });
            }
            out.reverse();
            Ok(out)
        })
        .await
    }

    async fn reset_conversation(
        &self,
        workspace_id: &str,
        conversation_id: &str,
    ) -> Result<(), StoreError> {
        let (ws, conv) = (workspace_id.to_string(), conversation_id.to_string());
        self.with(move |conn, _now| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute(
                "UPDATE conversations SET state = '{}', version = version + 1, lease_holder = NULL, lease_until_ms = NULL WHERE workspace_id = ?1 AND conversation_id = ?2",
                params![ws, conv],
            )?;
            tx.execute(
                "DELETE FROM messages WHERE workspace_id = ?1 AND conversation_id = ?2",
                params![ws, conv],
            )?;
            tx.commit()?;
            Ok(())
        })
        .await
    }

    async fn create_booking(&self, b: NewBooking) -> Result<CreateOutcome, StoreError> {
        self.with(move |conn, now| {
            protocol::insert_booking(|id| {
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let existing: Option<String> = tx
                    .query_row(
                        "SELECT booking_id FROM bookings WHERE idempotency_key = ?1",
                        params![b.idempotency_key],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(found) = existing {
                    let row = get_booking(&tx, &b.workspace_id, &found)?.ok_or_else(|| StoreError::Corrupt {
                        table: "bookings",
                        reason: "idempotency key without its booking".into(),
                    })?;
                    return Ok(Attempt::Existing(row));
                }
                const INSERT: &str = "INSERT INTO bookings (booking_id, workspace_id, conversation_id, customer_phone, customer_name, service_id, service_name, staff_id, start_utc, end_utc, status, idempotency_key, created_at, updated_at, part_of, contact_phone)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'confirmed', ?11, ?12, ?12, ?13, ?14)";
                let mut res = tx.execute(
                    INSERT,
                    params![
                        id,
                        b.workspace_id,
                        b.conversation_id,
                        b.customer_phone,
                        b.customer_name,
                        b.service_id,
                        b.service_name,
                        b.staff_id,
                        ts(b.start_utc),
                        ts(b.end_utc),
                        b.idempotency_key,
                        ts(now),
                        None::<String>,
                        b.contact_phone
                    ],
                );
                for (i, p) in b.parts.iter().enumerate() {
                    if res.is_err() {
                        break;
                    }
                    res = tx.execute(
                        INSERT,
                        params![
                            protocol::part_id(id, i + 2),
                            b.workspace_id,
                            b.conversation_id,
                            b.customer_phone,
                            b.customer_name,
                            p.service_id,
                            p.service_name,
                            p.staff_id,
                            ts(p.start_utc),
                            ts(p.end_utc),
                            protocol::part_key(&b.idempotency_key, i + 2),
                            ts(now),
                            Some(id),
                            b.contact_phone
                        ],
                    );
                }
                match res {
                    Ok(_) => {
                        let row = get_booking(&tx, &b.workspace_id, id)?.ok_or_else(|| StoreError::Db("inserted booking vanished".into()))?;
                        tx.commit()?;
                        Ok(Attempt::Created(row))
                    }
                    Err(e) if is_overlap(&e) => Ok(Attempt::Overlap),
                    Err(e) if is_unique_violation(&e) => Ok(Attempt::Taken),
                    Err(e) => Err(e.into()),
                }
            })
        })
        .await
    }

    async fn find_bookings(
        &self,
        workspace_id: &str,
        q: &BookingQuery,
    ) -> Result<Vec<BookingRow>, StoreError> {
        let ws = workspace_id.to_string();
        let q = q.clone();
        self.with(move |conn, _now| {
            let mut sql = format!("SELECT {BOOKING_COLUMNS} FROM bookings WHERE workspace_id = ?1");
            let mut args: Vec<String> = vec![ws];
            if let Some(id) = &q.booking_id {
                args.push(id.clone());
                let n = args.len();
                sql.push_str(&format!(" AND (booking_id = ?{n} OR part_of = ?{n})"));
            }
            if let Some(k) = &q.idempotency_key {
                args.push(k.clone());
                sql.push_str(&format!(" AND idempotency_key = ?{}", args.len()));
            }
            if let Some(p) = &q.phone {
                args.push(p.clone());
                sql.push_str(&format!(" AND customer_phone = ?{}", args.len()));
            }
            if let Some(f) = q.from_utc {
                args.push(ts(f));
                sql.push_str(&format!(" AND end_utc > ?{}", args.len()));
            }
            if let Some(t) = q.to_utc {
                args.push(ts(t));
                sql.push_str(&format!(" AND start_utc < ?{}", args.len()));
            }
            if !q.staff_ids.is_empty() {
                let mut marks = Vec::new();
                for s in &q.staff_ids {
                    args.push(s.clone());
                    marks.push(format!("?{}", args.len()));
                }
                sql.push_str(&format!(" AND staff_id IN ({})", marks.join(",")));
            }
            if q.only_confirmed {
                sql.push_str(" AND status = 'confirmed'");
            }
            sql.push_str(" ORDER BY start_utc LIMIT 500");
            let mut stmt = conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), booking_from_row)?;
            let mut out = Vec::new();
            for r in rows {
                out.push(finish_booking(r?)?);
            }
            Ok(out)
        })
        .await
    }

    async fn cancel_booking(
        &self,
        workspace_id: &str,
        booking_id: &str,
    ) -> Result<ChangeOutcome, StoreError> {
        let (ws, id) = (workspace_id.to_string(), booking_id.to_string());
        self.with(move |conn, now| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let Some(before) = get_booking(&tx, &ws, &id)? else {
                return Ok(ChangeOutcome::NotFound);
            };
            if before.status == BookingRowStatus::Cancelled {
                return Ok(ChangeOutcome::AlreadyCancelled);
            }
            tx.execute(
                "UPDATE bookings SET status = 'cancelled', updated_at = ?3 WHERE workspace_id = ?1 AND (booking_id = ?2 OR part_of = ?2)",
                params![ws, id, ts(now)],
            )?;
            let after = get_booking(&tx, &ws, &id)?.ok_or_else(|| StoreError::Db("booking vanished".into()))?;
            tx.commit()?;
            Ok(ChangeOutcome::Done {
            before: Box::new(before),
            after: Box::new(after),
        })
        })
        .await
    }

    async fn reschedule_booking(
        &self,
        workspace_id: &str,
        booking_id: &str,
        moves: &[PartMove],
        drop: &[String],
        rename: Option<&str>,
    ) -> Result<ChangeOutcome, StoreError> {
        let (ws, id, moves, drop) = (
            workspace_id.to_string(),
            booking_id.to_string(),
            moves.to_vec(),
            drop.to_vec(),
        );
        let rename = rename.map(str::to_string);
        self.with(move |conn, now| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let Some(before) = get_booking(&tx, &ws, &id)? else {
                return Ok(ChangeOutcome::NotFound);
            };
            if before.status == BookingRowStatus::Cancelled {
                return Ok(ChangeOutcome::AlreadyCancelled);
            }
            let current: Vec<(String, DateTime<Utc>)> = {
                let mut stmt = tx.prepare(
                    "SELECT booking_id, start_utc FROM bookings WHERE workspace_id = ?1 AND (booking_id = ?2 OR part_of = ?2)",
                )?;
                let rows = stmt.query_map(params![ws, id], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })?;
                let mut out = Vec::new();
                for r in rows {
                    let (b, s) = r?;
                    out.push((b, parse_ts(&s)?));
                }
                out
            };
            for part in &drop {
                tx.execute(
                    "UPDATE bookings SET status = 'cancelled', updated_at = ?4 WHERE workspace_id = ?1 AND booking_id = ?2 AND part_of = ?3",
                    params![ws, part, id, ts(now)],
                )?;
            }
            for m in protocol::move_order(&id, &moves, &current)? {
                let res = tx.execute(
                    "UPDATE bookings SET staff_id = ?3, start_utc = ?4, end_utc = ?5, updated_at = ?6, service_id = ?7, service_name = ?8 WHERE workspace_id = ?1 AND booking_id = ?2",
                    params![ws, m.booking_id, m.staff_id, ts(m.start_utc), ts(m.end_utc), ts(now), m.service_id, m.service_name],
                );
                match res {
                    Ok(_) => {}
                    Err(e) if is_overlap(&e) => return Ok(ChangeOutcome::Overlap),
                    Err(e) => return Err(e.into()),
                }
            }
            if let Some(name) = &rename {
                tx.execute(
                    "UPDATE bookings SET customer_name = ?3, updated_at = ?4 WHERE workspace_id = ?1 AND (booking_id = ?2 OR part_of = ?2)",
                    params![ws, id, name, ts(now)],
                )?;
            }
            let after = get_booking(&tx, &ws, &id)?.ok_or_else(|| StoreError::Db("booking vanished".into()))?;
            tx.commit()?;
            Ok(ChangeOutcome::Done {
                before: Box::new(before),
                after: Box::new(after),
            })
        })
        .await
    }

    async fn record_tool_calls(
        &self,
        key: &MessageKey,
        records: &[ToolCallRecord],
    ) -> Result<(), StoreError> {
        let key = key.clone();
        let records = records.to_vec();
        self.with(move |conn, now| insert_tool_calls(conn, &key, &records, now))
            .await
    }

    async fn record_shadow(&self, rec: &ShadowRecord) -> Result<(), StoreError> {
        let r = rec.clone();
        self.with(move |conn, _now| {
            conn.execute(
                "INSERT INTO shadow_results (workspace_id, conversation_id, message_id, text_redacted, legacy_intent, slm_intent, legacy_slots, slm_slots, intent_agrees, slot_disagreements, slm_latency_ms, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    r.workspace_id,
                    r.conversation_id,
                    r.message_id,
                    r.text_redacted,
                    r.legacy_intent,
                    r.slm_intent,
                    r.legacy_slots.to_string(),
                    r.slm_slots.to_string(),
                    r.intent_agrees,
                    serde_json::to_string(&r.slot_disagreements).unwrap_or_else(|_| "[]".into()),
                    r.slm_latency_ms,
                    ts(r.created_at)
                ],
            )?;
            Ok(())
        })
        .await
    }

    async fn shadow_disagreements(
        &self,
        since: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<ShadowRecord>, StoreError> {
        self.with(move |conn, _now| {
            let mut stmt = conn.prepare_cached(
                "SELECT workspace_id, conversation_id, message_id, text_redacted, legacy_intent, slm_intent, legacy_slots, slm_slots, intent_agrees, slot_disagreements, slm_latency_ms, created_at
                 FROM shadow_results WHERE created_at >= ?1 AND (intent_agrees = 0 OR slot_disagreements <> '[]')
                 ORDER BY created_at DESC LIMIT ?2",
            )?;
            let rows = stmt.query_map(params![ts(since), limit as i64], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, bool>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, f64>(10)?,
                    r.get::<_, String>(11)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (ws, conv, msg, text, li, si, ls, ss, agrees, dis, lat, at) = row?;
                out.push(ShadowRecord {
                    workspace_id: ws,
                    conversation_id: conv,
                    message_id: msg,
                    text_redacted: text,
                    legacy_intent: li,
                    slm_intent: si,
                    legacy_slots: serde_json::from_str(&ls).unwrap_or_default(),
                    slm_slots: serde_json::from_str(&ss).unwrap_or_default(),
                    intent_agrees: agrees,
                    slot_disagreements: serde_json::from_str(&dis).unwrap_or_default(),
                    slm_latency_ms: lat,
                    created_at: parse_ts(&at)?,
                });
            }
            Ok(out)
        })
        .await
    }

    async fn publish_flags(&self, flags: &serde_json::Value) -> Result<i64, StoreError> {
        let v = flags.to_string();
        self.with(move |conn, now| {
            conn.execute(
                "INSERT INTO runtime_flags (value, created_at) VALUES (?1, ?2)",
                params![v, ts(now)],
            )?;
            Ok(conn.last_insert_rowid())
        })
        .await
    }

    async fn latest_flags(&self) -> Result<Option<(i64, serde_json::Value)>, StoreError> {
        self.with(|conn, _| {
            let row: Option<(i64, String)> = conn
                .query_row(
                    "SELECT seq, value FROM runtime_flags ORDER BY seq DESC LIMIT 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            Ok(row.and_then(|(s, v)| serde_json::from_str(&v).ok().map(|v| (s, v))))
        })
        .await
    }

    async fn tool_call_count(&self, workspace_id: &str, tool: &str) -> Result<i64, StoreError> {
        let (ws, tool) = (workspace_id.to_string(), tool.to_string());
        self.with(move |conn, _now| {
            Ok(conn.query_row(
                "SELECT COUNT(*) FROM tool_calls WHERE workspace_id = ?1 AND tool = ?2",
                params![ws, tool],
                |r| r.get(0),
            )?)
        })
        .await
    }

    async fn ping(&self) -> Result<(), StoreError> {
        self.with(|conn, _| {
            conn.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?;
            Ok(())
        })
        .await
    }

    async fn purge_older_than(&self, workspace_id: &str, days: u32) -> Result<u64, StoreError> {
        let ws = workspace_id.to_string();
        self.with(move |conn, now| {
            let cutoff = ts(now - chrono::Duration::days(i64::from(days)));
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut n = tx.execute(
                "UPDATE messages SET text = '', response = NULL WHERE workspace_id = ?1 AND created_at < ?2 AND status = 'done' AND response IS NOT NULL",
                params![ws, cutoff],
            )? as u64;
            n += tx.execute(
                "DELETE FROM tool_calls WHERE workspace_id = ?1 AND created_at < ?2",
                params![ws, cutoff],
            )? as u64;
            n += tx.execute(
                "DELETE FROM shadow_results WHERE workspace_id = ?1 AND created_at < ?2",
                params![ws, cutoff],
            )? as u64;
            tx.commit()?;
            Ok(n)
        })
        .await
    }
}
