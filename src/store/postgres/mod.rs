//! PostgreSQL backend, for several replicas on one database. The same interface and the same
//! guarantees as SQLite: conversation leases and versions in rows, and double-booking refused
//! by an exclusion constraint (`btree_gist`), a database-level guarantee across replicas.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::config::SslMode;
use tokio_postgres::Row;

use super::{
    random_booking_id, BookingQuery, BookingRow, BookingRowStatus, ChangeOutcome, CreateOutcome,
    LoggedMessage, MessageKey, NewBooking, PartMove, ShadowRecord, Store, StoreError,
    ToolCallRecord, TurnRecord, TurnStart,
};
use crate::domain::state::ConversationState;

/// How many connections each replica keeps by default (`PULPO_PG_POOL_SIZE`).
pub const DEFAULT_POOL_SIZE: usize = 8;

mod connect;
mod schema;
pub use connect::PgOptions;
use connect::{pool_reason, tls};
use schema::MIGRATIONS;

/// The PostgreSQL store: a deadpool pool of tokio-postgres connections, over TLS (rustls)
/// when the URL says `sslmode=require`.
pub struct PgStore {
    pool: Pool,
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub use crate::text::redact_url;

fn pg_err(e: tokio_postgres::Error) -> StoreError {
    StoreError::Db(e.to_string())
}

fn is_exclusion(e: &tokio_postgres::Error) -> bool {
    e.code() == Some(&tokio_postgres::error::SqlState::EXCLUSION_VIOLATION)
}

fn is_unique(e: &tokio_postgres::Error) -> bool {
    e.code() == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION)
}

use super::protocol::{self, Attempt, SeenMessage, BOOKING_COLUMNS};

fn booking(row: &Row) -> Result<BookingRow, StoreError> {
    let status: String = row.get(10);
    Ok(BookingRow {
        booking_id: row.get(0),
        workspace_id: row.get(1),
        conversation_id: row.get(2),
        customer_phone: row.get(3),
        customer_name: row.get(4),
        service_id: row.get(5),
        service_name: row.get(6),
        staff_id: row.get(7),
        start_utc: row.get(8),
        end_utc: row.get(9),
        status: BookingRowStatus::parse(&status).ok_or_else(|| StoreError::Corrupt {
            table: "bookings",
            reason: format!("bad status `{status}`"),
        })?,
        part_of: row.get(11),
        contact_phone: row.get(12),
    })
}

/// A booking's row, read in `tx`.
async fn get_booking(
    tx: &tokio_postgres::Transaction<'_>,
    workspace_id: &str,
    booking_id: &str,
) -> Result<BookingRow, StoreError> {
    let row = tx
        .query_one(
            &format!("SELECT {BOOKING_COLUMNS} FROM bookings WHERE workspace_id = $1 AND booking_id = $2"),
            &[&workspace_id, &booking_id],
        )
        .await
        .map_err(pg_err)?;
    booking(&row)
}

/// A booking's row locked for a change, or the outcome that ends the change there (no such
/// booking, or already cancelled).
async fn locked_booking(
    tx: &tokio_postgres::Transaction<'_>,
    workspace_id: &str,
    booking_id: &str,
) -> Result<Result<BookingRow, ChangeOutcome>, StoreError> {
    let Some(row) = tx
        .query_opt(
            &format!("SELECT {BOOKING_COLUMNS} FROM bookings WHERE workspace_id = $1 AND booking_id = $2 FOR UPDATE"),
            &[&workspace_id, &booking_id],
        )
        .await
        .map_err(pg_err)?
    else {
        return Ok(Err(ChangeOutcome::NotFound));
    };
    let b = booking(&row)?;
    if b.status == BookingRowStatus::Cancelled {
        return Ok(Err(ChangeOutcome::AlreadyCancelled));
    }
    Ok(Ok(b))
}

fn parse_state(v: serde_json::Value) -> Result<ConversationState, StoreError> {
    serde_json::from_value(v).map_err(|e| StoreError::Corrupt {
        table: "conversations",
        reason: e.to_string(),
    })
}

impl PgStore {
    /// Connects with the options from the environment.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        Self::connect_with(url, &PgOptions::from_env()?).await
    }

    pub async fn connect_with(url: &str, opts: &PgOptions) -> Result<Self, StoreError> {
        let open_err = |reason: String| StoreError::Open {
            location: redact_url(url),
            reason,
        };
        let mut config: tokio_postgres::Config =
            url.parse().map_err(|e| open_err(format!("{e}")))?;
        // TLS only when asked for: `sslmode=require` (verified against the system's roots and
        // PULPO_PG_CA_FILE). `prefer`, the default, stays in plain text as before.
        if config.get_ssl_mode() != SslMode::Require {
            config.ssl_mode(SslMode::Disable);
        }
        let tls = tls(opts.ca_file.as_deref()).map_err(open_err)?;
        let manager = Manager::from_config(
            config,
            tls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(opts.pool_size.unwrap_or(DEFAULT_POOL_SIZE))
            .build()
            .map_err(|e| open_err(e.to_string()))?;
        let first = pool.get().await.map_err(|e| open_err(pool_reason(e)))?;
        // Migrations run under an advisory lock so replicas starting together do not race.
        first
            .batch_execute("SELECT pg_advisory_lock(7411);")
            .await
            .map_err(pg_err)?;
        let migrated = async {
            first
                .batch_execute(
                    "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)",
                )
                .await?;
            let row = first
                .query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[])
                .await?;
            let current: i64 = row.get(0);
            for (i, sql) in MIGRATIONS.iter().enumerate() {
                let v = i as i64 + 1;
                if v > current {
                    first
                        .batch_execute(&format!(
                            "BEGIN; {sql} INSERT INTO schema_version VALUES ({v}); COMMIT;"
                        ))
                        .await?;
                }
            }
            Ok::<(), tokio_postgres::Error>(())
        }
        .await;
        let _ = first
            .batch_execute("SELECT pg_advisory_unlock(7411);")
            .await;
        migrated.map_err(|e| open_err(format!("migration failed: {e}")))?;
        drop(first);
        Ok(PgStore { pool })
    }

    async fn client(&self) -> Result<deadpool_postgres::Object, StoreError> {
        self.pool
            .get()
            .await
            .map_err(|e| StoreError::Db(pool_reason(e)))
    }
}

async fn insert_tool_calls(
    tx: &tokio_postgres::Transaction<'_>,
    key: &MessageKey,
    records: &[ToolCallRecord],
) -> Result<(), StoreError> {
    for r in records {
        tx.execute(
            "INSERT INTO tool_calls (workspace_id, conversation_id, message_id, request_id, tool, args, status, attempts, latency_ms, error)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            &[
                &key.workspace_id,
                &key.conversation_id,
                &key.message_id,
                &r.request_id,
                &r.tool,
                &r.args,
                &r.status,
                &(r.attempts as i32),
                &r.latency_ms,
                &r.error,
            ],
        )
        .await
        .map_err(pg_err)?;
    }
    Ok(())
}

#[async_trait]
impl Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn begin_turn(
        &self,
        key: &MessageKey,
        holder: &str,
        lease_ms: u64,
    ) -> Result<TurnStart, StoreError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await.map_err(pg_err)?;
        tx.execute(
            "INSERT INTO conversations (workspace_id, conversation_id, state, version) VALUES ($1, $2, '{}'::jsonb, 0)
             ON CONFLICT DO NOTHING",
            &[&key.workspace_id, &key.conversation_id],
        )
        .await
        .map_err(pg_err)?;
        let row = tx
            .query_one(
                "SELECT state, version, lease_holder, lease_until > now() FROM conversations
                 WHERE workspace_id = $1 AND conversation_id = $2 FOR UPDATE",
                &[&key.workspace_id, &key.conversation_id],
            )
            .await
            .map_err(pg_err)?;
        // Only now, holding the conversation's row lock, is the message's status final: a turn
        // that finished while this one waited for the lock committed its answer with it (read
        // before the lock, a concurrent duplicate could see "processing", then run again on the
        // state the first one left).
        let msg = tx
            .query_opt(
                "SELECT status, response, text FROM messages WHERE workspace_id = $1 AND conversation_id = $2 AND message_id = $3",
                &[&key.workspace_id, &key.conversation_id, &key.message_id],
            )
            .await
            .map_err(pg_err)?;
        let seen = msg.map(|m| SeenMessage {
            status: m.get(0),
            response: m.get(1),
            text: m.get(2),
        });
        if let Some(start) = protocol::answered(seen) {
            return Ok(start);
        }
        let lease_holder: Option<String> = row.get(2);
        let lease_live: Option<bool> = row.get(3);
        if protocol::busy(lease_holder.as_deref(), lease_live == Some(true), holder) {
            return Ok(TurnStart::Busy);
        }
        let state = parse_state(row.get(0))?;
        let version: i64 = row.get(1);
        let ms = lease_ms as i64;
        tx.execute(
            "UPDATE conversations SET lease_holder = $3, lease_until = now() + $4::bigint * interval '1 millisecond'
             WHERE workspace_id = $1 AND conversation_id = $2",
            &[&key.workspace_id, &key.conversation_id, &holder, &ms],
        )
        .await
        .map_err(pg_err)?;
        tx.execute(
            "INSERT INTO messages (workspace_id, conversation_id, message_id, status) VALUES ($1, $2, $3, 'processing')
             ON CONFLICT (workspace_id, conversation_id, message_id) DO UPDATE SET status = 'processing', updated_at = now()",
            &[&key.workspace_id, &key.conversation_id, &key.message_id],
        )
        .await
        .map_err(pg_err)?;
        tx.commit().await.map_err(pg_err)?;
        Ok(TurnStart::Fresh {
            state: Box::new(state),
            version,
        })
    }

    async fn finish_turn(&self, rec: TurnRecord<'_>) -> Result<i64, StoreError> {
        let state = serde_json::to_value(rec.state).map_err(|e| StoreError::Db(e.to_string()))?;
        let mut c = self.client().await?;
        let tx = c.transaction().await.map_err(pg_err)?;
        let n = tx
            .execute(
                "UPDATE conversations SET state = $3, version = version + 1, lease_holder = NULL, lease_until = NULL, updated_at = now()
                 WHERE workspace_id = $1 AND conversation_id = $2 AND version = $4 AND (lease_holder IS NULL OR lease_holder = $5)",
                &[&rec.key.workspace_id, &rec.key.conversation_id, &state, &rec.expected_version, &rec.holder],
            )
            .await
            .map_err(pg_err)?;
        if n != 1 {
            return Err(StoreError::Conflict {
                expected: rec.expected_version,
            });
        }
        tx.execute(
            "UPDATE messages SET status = 'done', text = $4, response = $5, route = $6, intent = $7, updated_at = now()
             WHERE workspace_id = $1 AND conversation_id = $2 AND message_id = $3",
            &[
                &rec.key.workspace_id,
                &rec.key.conversation_id,
                &rec.key.message_id,
                &rec.text,
                rec.response,
                &rec.route,
                &rec.intent,
            ],
        )
        .await
        .map_err(pg_err)?;
        insert_tool_calls(&tx, rec.key, rec.tool_calls).await?;
        tx.commit().await.map_err(pg_err)?;
        Ok(rec.expected_version + 1)
    }

    async fn abort_turn(&self, key: &MessageKey, holder: &str) -> Result<(), StoreError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await.map_err(pg_err)?;
        tx.execute(
            "DELETE FROM messages WHERE workspace_id = $1 AND conversation_id = $2 AND message_id = $3 AND status = 'processing'",
            &[&key.workspace_id, &key.conversation_id, &key.message_id],
        )
        .await
        .map_err(pg_err)?;
        tx.execute(
            "UPDATE conversations SET lease_holder = NULL, lease_until = NULL WHERE workspace_id = $1 AND conversation_id = $2 AND lease_holder = $3",
            &[&key.workspace_id, &key.conversation_id, &holder],
        )
        .await
        .map_err(pg_err)?;
        tx.commit().await.map_err(pg_err)
    }

    async fn load_conversation(
        &self,
        workspace_id: &str,
        conversation_id: &str,
    ) -> Result<Option<(ConversationState, i64)>, StoreError> {
        let c = self.client().await?;
        let row = c
            .query_opt(
                "SELECT state, version FROM conversations WHERE workspace_id = $1 AND conversation_id = $2",
                &[&workspace_id, &conversation_id],
            )
            .await
            .map_err(pg_err)?;
        row.map(|r| Ok((parse_state(r.get(0))?, r.get(1))))
            .transpose()
    }

    async fn conversation_messages(
        &self,
        workspace_id: &str,
        conversation_id: &str,
        limit: usize,
    ) -> Result<Vec<LoggedMessage>, StoreError> {
        let c = self.client().await?;
        let rows = c
            .query(
                "SELECT message_id, text, route, intent, response, created_at FROM messages
                 WHERE workspace_id = $1 AND conversation_id = $2 AND status = 'done'
                 ORDER BY created_at DESC LIMIT $3",
                &[&workspace_id, &conversation_id, &(limit as i64)],
            )
            .await
            .map_err(pg_err)?;
        let mut out: Vec<LoggedMessage> = rows
            .iter()
            .map(|r| LoggedMessage {
                message_id: r.get(0),
                text: r.get(1),
                route: r.get(2),
                intent: r.get(3),
                response: r.get(4),
                created_at: r.get(5),
            })
            .collect();
        out.reverse();
        Ok(out)
    }

    async fn reset_conversation(
        &self,
        workspace_id: &str,
        conversation_id: &str,
    ) -> Result<(), StoreError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await.map_err(pg_err)?;
        tx.execute(
            "UPDATE conversations SET state = '{}'::jsonb, version = version + 1, lease_holder = NULL, lease_until = NULL
             WHERE workspace_id = $1 AND conversation_id = $2",
            &[&workspace_id, &conversation_id],
        )
        .await
        .map_err(pg_err)?;
        tx.execute(
            "DELETE FROM messages WHERE workspace_id = $1 AND conversation_id = $2",
            &[&workspace_id, &conversation_id],
        )
        .await
        .map_err(pg_err)?;
        tx.commit().await.map_err(pg_err)
    }

    async fn create_booking(&self, b: NewBooking) -> Result<CreateOutcome, StoreError> {
        const INSERT: &str = "INSERT INTO bookings (booking_id, workspace_id, conversation_id, customer_phone, customer_name, service_id, service_name, staff_id, start_utc, end_utc, status, idempotency_key, part_of, contact_phone)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'confirmed', $11, $12, $13)";
        let mut c = self.client().await?;
        for n in 0..protocol::ID_DRAWS {
            let tx = c.transaction().await.map_err(pg_err)?;
            let attempt = match tx
                .query_opt(
                    &format!("SELECT {BOOKING_COLUMNS} FROM bookings WHERE idempotency_key = $1"),
                    &[&b.idempotency_key],
                )
                .await
                .map_err(pg_err)?
            {
                Some(row) => Attempt::Existing(booking(&row)?),
                None => {
                    let id = random_booking_id(n);
                    let mut res = tx
                        .execute(
                            INSERT,
                            &[
                                &id,
                                &b.workspace_id,
                                &b.conversation_id,
                                &b.customer_phone,
                                &b.customer_name,
                                &b.service_id,
                                &b.service_name,
                                &b.staff_id,
                                &b.start_utc,
                                &b.end_utc,
                                &b.idempotency_key,
                                &None::<String>,
                                &b.contact_phone,
                            ],
                        )
                        .await;
                    for (i, p) in b.parts.iter().enumerate() {
                        if res.is_err() {
                            break;
                        }
                        res = tx
                            .execute(
                                INSERT,
                                &[
                                    &protocol::part_id(&id, i + 2),
                                    &b.workspace_id,
                                    &b.conversation_id,
                                    &b.customer_phone,
                                    &b.customer_name,
                                    &p.service_id,
                                    &p.service_name,
                                    &p.staff_id,
                                    &p.start_utc,
                                    &p.end_utc,
                                    &protocol::part_key(&b.idempotency_key, i + 2),
                                    &Some(id.clone()),
                                    &b.contact_phone,
                                ],
                            )
                            .await;
                    }
                    match res {
                        Ok(_) => {
                            let row = get_booking(&tx, &b.workspace_id, &id).await?;
                            tx.commit().await.map_err(pg_err)?;
                            Attempt::Created(row)
                        }
                        Err(e) if is_exclusion(&e) => Attempt::Overlap,
                        // An id collision or a concurrent insert of the same key: look again.
                        Err(e) if is_unique(&e) => Attempt::Taken,
                        Err(e) => return Err(pg_err(e)),
                    }
                }
            };
            if let Some(out) = protocol::settle(attempt) {
                return Ok(out);
            }
        }
        Err(protocol::no_free_id())
    }

    async fn find_bookings(
        &self,
        workspace_id: &str,
        q: &BookingQuery,
    ) -> Result<Vec<BookingRow>, StoreError> {
        let c = self.client().await?;
        let staff: Option<Vec<String>> = (!q.staff_ids.is_empty()).then(|| q.staff_ids.clone());
        let rows = c
            .query(
                &format!(
                    "SELECT {BOOKING_COLUMNS} FROM bookings WHERE workspace_id = $1
                       AND ($2::text IS NULL OR booking_id = $2 OR part_of = $2)
                       AND ($3::text IS NULL OR customer_phone = $3)
                       AND ($4::timestamptz IS NULL OR end_utc > $4)
                       AND ($5::timestamptz IS NULL OR start_utc < $5)
                       AND ($6::text[] IS NULL OR staff_id = ANY($6))
                       AND (NOT $7 OR status = 'confirmed')
                       AND ($8::text IS NULL OR idempotency_key = $8)
                     ORDER BY start_utc LIMIT 500"
                ),
                &[
                    &workspace_id,
                    &q.booking_id,
                    &q.phone,
                    &q.from_utc,
                    &q.to_utc,
                    &staff,
                    &q.only_confirmed,
                    &q.idempotency_key,
                ],
            )
            .await
            .map_err(pg_err)?;
        rows.iter().map(booking).collect()
    }

    async fn cancel_booking(
        &self,
        workspace_id: &str,
        booking_id: &str,
    ) -> Result<ChangeOutcome, StoreError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await.map_err(pg_err)?;
        let before = match locked_booking(&tx, workspace_id, booking_id).await? {
            Ok(b) => b,
            Err(outcome) => return Ok(outcome),
        };
        tx.execute(
            "UPDATE bookings SET status = 'cancelled', updated_at = now() WHERE workspace_id = $1 AND (booking_id = $2 OR part_of = $2)",
            &[&workspace_id, &booking_id],
        )
        .await
        .map_err(pg_err)?;
        let after = get_booking(&tx, workspace_id, booking_id).await?;
        tx.commit().await.map_err(pg_err)?;
        Ok(ChangeOutcome::Done {
            before: Box::new(before),
            after: Box::new(after),
        })
    }

    async fn reschedule_booking(
        &self,
        workspace_id: &str,
        booking_id: &str,
        moves: &[PartMove],
        drop: &[String],
        rename: Option<&str>,
    ) -> Result<ChangeOutcome, StoreError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await.map_err(pg_err)?;
        let before = match locked_booking(&tx, workspace_id, booking_id).await? {
            Ok(b) => b,
            Err(outcome) => return Ok(outcome),
        };
        let current: Vec<(String, DateTime<Utc>)> = tx
            .query(
                "SELECT booking_id, start_utc FROM bookings WHERE workspace_id = $1 AND (booking_id = $2 OR part_of = $2) FOR UPDATE",
                &[&workspace_id, &booking_id],
            )
            .await
            .map_err(pg_err)?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        for part in drop {
            tx.execute(
                "UPDATE bookings SET status = 'cancelled', updated_at = now()
                 WHERE workspace_id = $1 AND booking_id = $2 AND part_of = $3",
                &[&workspace_id, part, &booking_id],
            )
            .await
            .map_err(pg_err)?;
        }
        for m in protocol::move_order(booking_id, moves, &current)? {
            let res = tx
                .execute(
                    "UPDATE bookings SET staff_id = $3, start_utc = $4, end_utc = $5, updated_at = now(),
                     service_id = $6, service_name = $7
                     WHERE workspace_id = $1 AND booking_id = $2",
                    &[
                        &workspace_id,
                        &m.booking_id,
                        &m.staff_id,
                        &m.start_utc,
                        &m.end_utc,
                        &m.service_id,
                        &m.service_name,
                    ],
                )
                .await;
            match res {
                Ok(_) => {}
                Err(e) if is_exclusion(&e) => return Ok(ChangeOutcome::Overlap),
                Err(e) => return Err(pg_err(e)),
            }
        }
        if let Some(name) = rename {
            tx.execute(
                "UPDATE bookings SET customer_name = $3, updated_at = now()
                 WHERE workspace_id = $1 AND (booking_id = $2 OR part_of = $2)",
                &[&workspace_id, &booking_id, &name],
            )
            .await
            .map_err(pg_err)?;
        }
        let after = get_booking(&tx, workspace_id, booking_id).await?;
        tx.commit().await.map_err(pg_err)?;
        Ok(ChangeOutcome::Done {
            before: Box::new(before),
            after: Box::new(after),
        })
    }

    async fn record_tool_calls(
        &self,
        key: &MessageKey,
        records: &[ToolCallRecord],
    ) -> Result<(), StoreError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await.map_err(pg_err)?;
        insert_tool_calls(&tx, key, records).await?;
        tx.commit().await.map_err(pg_err)
    }

    async fn record_shadow(&self, r: &ShadowRecord) -> Result<(), StoreError> {
        let c = self.client().await?;
        let dis = serde_json::to_value(&r.slot_disagreements).unwrap_or_default();
        c.execute(
            "INSERT INTO shadow_results (workspace_id, conversation_id, message_id, text_redacted, legacy_intent, slm_intent, legacy_slots, slm_slots, intent_agrees, slot_disagreements, slm_latency_ms, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            &[
                &r.workspace_id,
                &r.conversation_id,
                &r.message_id,
                &r.text_redacted,
                &r.legacy_intent,
                &r.slm_intent,
                &r.legacy_slots,
                &r.slm_slots,
                &r.intent_agrees,
                &dis,
                &r.slm_latency_ms,
                &r.created_at,
            ],
        )
        .await
        .map_err(pg_err)?;
        Ok(())
    }

    async fn shadow_disagreements(
        &self,
        since: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<ShadowRecord>, StoreError> {
        let c = self.client().await?;
        let rows = c
            .query(
                "SELECT workspace_id, conversation_id, message_id, text_redacted, legacy_intent, slm_intent, legacy_slots, slm_slots, intent_agrees, slot_disagreements, slm_latency_ms, created_at
                 FROM shadow_results WHERE created_at >= $1 AND (NOT intent_agrees OR slot_disagreements <> '[]'::jsonb)
                 ORDER BY created_at DESC LIMIT $2",
                &[&since, &(limit as i64)],
            )
            .await
            .map_err(pg_err)?;
        Ok(rows
            .iter()
            .map(|r| ShadowRecord {
                workspace_id: r.get(0),
                conversation_id: r.get(1),
                message_id: r.get(2),
                text_redacted: r.get(3),
                legacy_intent: r.get(4),
                slm_intent: r.get(5),
                legacy_slots: r.get(6),
                slm_slots: r.get(7),
                intent_agrees: r.get(8),
                slot_disagreements: serde_json::from_value(r.get(9)).unwrap_or_default(),
                slm_latency_ms: r.get(10),
                created_at: r.get(11),
            })
            .collect())
    }

    async fn publish_flags(&self, flags: &serde_json::Value) -> Result<i64, StoreError> {
        let c = self.client().await?;
        let row = c
            .query_one(
                "INSERT INTO runtime_flags (value) VALUES ($1) RETURNING seq",
                &[flags],
            )
            .await
            .map_err(pg_err)?;
        Ok(row.get(0))
    }

    async fn latest_flags(&self) -> Result<Option<(i64, serde_json::Value)>, StoreError> {
        let c = self.client().await?;
        let row = c
            .query_opt(
                "SELECT seq, value FROM runtime_flags ORDER BY seq DESC LIMIT 1",
                &[],
            )
            .await
            .map_err(pg_err)?;
        Ok(row.map(|r| (r.get(0), r.get(1))))
    }

    async fn tool_call_count(&self, workspace_id: &str, tool: &str) -> Result<i64, StoreError> {
        let c = self.client().await?;
        let row = c
            .query_one(
                "SELECT COUNT(*) FROM tool_calls WHERE workspace_id = $1 AND tool = $2",
                &[&workspace_id, &tool],
            )
            .await
            .map_err(pg_err)?;
        Ok(row.get(0))
    }

    async fn ping(&self) -> Result<(), StoreError> {
        let c = self.client().await?;
        c.query_one("SELECT 1", &[]).await.map_err(pg_err)?;
        Ok(())
    }

    async fn purge_older_than(&self, workspace_id: &str, days: u32) -> Result<u64, StoreError> {
        let mut c = self.client().await?;
        let tx = c.transaction().await.map_err(pg_err)?;
        let days = i64::from(days);
        let mut n = tx
            .execute(
                "UPDATE messages SET text = '', response = NULL
                 WHERE workspace_id = $1 AND created_at < now() - $2::bigint * interval '1 day' AND status = 'done' AND response IS NOT NULL",
                &[&workspace_id, &days],
            )
            .await
            .map_err(pg_err)?;
        for table in ["tool_calls", "shadow_results"] {
            n += tx
                .execute(
                    &format!("DELETE FROM {table} WHERE workspace_id = $1 AND created_at < now() - $2::bigint * interval '1 day'"),
                    &[&workspace_id, &days],
                )
                .await
                .map_err(pg_err)?;
        }
        tx.commit().await.map_err(pg_err)?;
        Ok(n)
    }
}
