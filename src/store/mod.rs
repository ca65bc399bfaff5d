//! Persistence behind one interface: conversation state (optimistic versions), the message
//! log (which makes a retried `message.id` idempotent), bookings (with a database-level
//! guarantee against double-booking a staff member), and the audit of tool calls.
//!
//! Two backends: SQLite (one file, the default) and PostgreSQL (replicas). A turn touches the
//! store twice: [`Store::begin_turn`] claims the message, takes the conversation's lease and
//! loads its state in one transaction; [`Store::finish_turn`] saves the state, the response
//! and the tool audit and releases the lease in another.

pub(crate) mod postgres;
pub(crate) mod protocol;
pub(crate) mod sqlite;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::state::ConversationState;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(String),
    #[error("the conversation was changed by another request (expected version {expected})")]
    Conflict { expected: i64 },
    #[error("corrupt row in {table}: {reason}")]
    Corrupt { table: &'static str, reason: String },
    #[error("cannot open the store at {location}: {reason}")]
    Open { location: String, reason: String },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Db(e.to_string())
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> Self {
        StoreError::Db(e.to_string())
    }
}

/// Identifies one incoming message.
#[derive(Debug, Clone)]
pub struct MessageKey {
    pub workspace_id: String,
    pub conversation_id: String,
    pub message_id: String,
}

impl MessageKey {
    /// The key as one string (used as create_booking's idempotency key).
    pub fn joined(&self) -> String {
        format!(
            "{}\u{1f}{}\u{1f}{}",
            self.workspace_id, self.conversation_id, self.message_id
        )
    }
}

/// The outcome of trying to start a turn.
#[derive(Debug)]
pub enum TurnStart {
    /// This message was answered before: the stored response, and the text it answered
    /// (`None` once retention removed it).
    Replay {
        response: serde_json::Value,
        text: Option<String>,
    },
    /// Another request holds the conversation right now; try again shortly.
    Busy,
    /// This message id was answered so long ago that retention removed it.
    Expired,
    /// Go ahead: the state and its version (0 for a new conversation).
    Fresh {
        state: Box<ConversationState>,
        version: i64,
    },
}

/// One audited tool call.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ToolCallRecord {
    pub request_id: String,
    pub tool: String,
    pub args: serde_json::Value,
    pub status: String,
    pub attempts: u32,
    pub latency_ms: f64,
    pub error: Option<String>,
}

/// What `finish_turn` writes.
#[derive(Debug, Clone)]
pub struct TurnRecord<'a> {
    pub key: &'a MessageKey,
    pub holder: &'a str,
    pub state: &'a ConversationState,
    pub expected_version: i64,
    pub text: &'a str,
    pub response: &'a serde_json::Value,
    pub route: &'a str,
    pub intent: &'a str,
    pub tool_calls: &'a [ToolCallRecord],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingRowStatus {
    Confirmed,
    Cancelled,
}

impl BookingRowStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            BookingRowStatus::Confirmed => "confirmed",
            BookingRowStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "confirmed" => Some(BookingRowStatus::Confirmed),
            "cancelled" => Some(BookingRowStatus::Cancelled),
            _ => None,
        }
    }
}

/// A booking row. Start and end are UTC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingRow {
    pub booking_id: String,
    pub workspace_id: String,
    pub conversation_id: String,
    pub customer_phone: Option<String>,
    pub customer_name: String,
    pub service_id: String,
    pub service_name: String,
    pub staff_id: String,
    pub start_utc: DateTime<Utc>,
    pub end_utc: DateTime<Utc>,
    pub status: BookingRowStatus,
    /// For a further service of a visit with several: the booking code of the visit (its
    /// first service's row). `None` for a visit's first service and for single bookings.
    pub part_of: Option<String>,
    /// A number the customer typed to be reached at ("mi celu es …"), when it is not the
    /// channel's own.
    pub contact_phone: Option<String>,
}

/// A booking to insert.
#[derive(Debug, Clone)]
pub struct NewBooking {
    pub workspace_id: String,
    pub conversation_id: String,
    pub customer_phone: Option<String>,
    pub customer_name: String,
    pub service_id: String,
    pub service_name: String,
    pub staff_id: String,
    pub start_utc: DateTime<Utc>,
    pub end_utc: DateTime<Utc>,
    pub idempotency_key: String,
    /// See [`BookingRow::contact_phone`].
    pub contact_phone: Option<String>,
    /// Further services of the same visit, back to back: stored as rows of their own
    /// (`{code}-2`, `{code}-3`, …, `part_of` = the code), created with the first or not at all.
    pub parts: Vec<NewPart>,
}

/// A further service of a visit.
#[derive(Debug, Clone)]
pub struct NewPart {
    pub service_id: String,
    pub service_name: String,
    pub staff_id: String,
    pub start_utc: DateTime<Utc>,
    pub end_utc: DateTime<Utc>,
}

/// Where one row of a visit moves to, and the service it is for afterwards (the same, or
/// another when the customer changes what the visit is for).
#[derive(Debug, Clone)]
pub struct PartMove {
    pub booking_id: String,
    pub service_id: String,
    pub service_name: String,
    pub staff_id: String,
    pub start_utc: DateTime<Utc>,
    pub end_utc: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CreateOutcome {
    Created(BookingRow),
    /// The same idempotency key booked before: that booking.
    Existing(BookingRow),
    /// The staff member is already booked in that interval.
    Overlap,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ChangeOutcome {
    Done {
        before: Box<BookingRow>,
        after: Box<BookingRow>,
    },
    NotFound,
    AlreadyCancelled,
    Overlap,
}

/// Which bookings to look up.
#[derive(Debug, Clone, Default)]
pub struct BookingQuery {
    /// A booking code: its row and, for a visit with several services, the rows of the rest.
    pub booking_id: Option<String>,
    pub phone: Option<String>,
    /// Start at or after (UTC).
    pub from_utc: Option<DateTime<Utc>>,
    /// Start before (UTC).
    pub to_utc: Option<DateTime<Utc>>,
    pub staff_ids: Vec<String>,
    pub only_confirmed: bool,
    /// The booking made by this idempotency key.
    pub idempotency_key: Option<String>,
}

/// One answered message of a conversation, for the owner's transcript.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoggedMessage {
    pub message_id: String,
    /// Empty once retention removed it.
    pub text: String,
    pub route: Option<String>,
    pub intent: Option<String>,
    /// The answer as sent (`None` once retention removed it).
    pub response: Option<serde_json::Value>,
    pub created_at: DateTime<Utc>,
}

/// One comparison of the two extractors on a rule-route message (shadow mode).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShadowRecord {
    pub workspace_id: String,
    pub conversation_id: String,
    pub message_id: String,
    /// The message with phone numbers and emails redacted.
    pub text_redacted: String,
    pub legacy_intent: String,
    pub slm_intent: String,
    pub legacy_slots: serde_json::Value,
    pub slm_slots: serde_json::Value,
    pub intent_agrees: bool,
    /// Slot names whose values differ.
    pub slot_disagreements: Vec<String>,
    pub slm_latency_ms: f64,
    pub created_at: DateTime<Utc>,
}

#[async_trait]
pub trait Store: Send + Sync {
    /// Which backend, for `/ready` and logs.
    fn backend(&self) -> &'static str;

    /// Claims the message, takes the conversation's lease for `lease_ms`, and loads the state.
    async fn begin_turn(
        &self,
        key: &MessageKey,
        holder: &str,
        lease_ms: u64,
    ) -> Result<TurnStart, StoreError>;

    /// Saves the state (if its version is still `expected_version`), stores the response as the
    /// answer to this message, writes the tool audit and releases the lease — atomically.
    async fn finish_turn(&self, rec: TurnRecord<'_>) -> Result<i64, StoreError>;

    /// Gives up a turn: forgets the claim (so a retry processes it) and releases the lease.
    async fn abort_turn(&self, key: &MessageKey, holder: &str) -> Result<(), StoreError>;

    /// Reads a conversation's state and version, if it exists.
    async fn load_conversation(
        &self,
        workspace_id: &str,
        conversation_id: &str,
    ) -> Result<Option<(ConversationState, i64)>, StoreError>;

    /// A conversation's answered messages, oldest first, at most the last `limit`.
    async fn conversation_messages(
        &self,
        workspace_id: &str,
        conversation_id: &str,
        limit: usize,
    ) -> Result<Vec<LoggedMessage>, StoreError>;

    /// Forgets a conversation's state (the playground's reset). Bookings stay.
    async fn reset_conversation(
        &self,
        workspace_id: &str,
        conversation_id: &str,
    ) -> Result<(), StoreError>;

    async fn create_booking(&self, b: NewBooking) -> Result<CreateOutcome, StoreError>;

    async fn find_bookings(
        &self,
        workspace_id: &str,
        q: &BookingQuery,
    ) -> Result<Vec<BookingRow>, StoreError>;

    /// Cancels a booking code: every service of its visit. `before`/`after` are its first row.
    async fn cancel_booking(
        &self,
        workspace_id: &str,
        booking_id: &str,
    ) -> Result<ChangeOutcome, StoreError>;

    /// Moves a booking code's rows (its first row and, for a visit, the rest) as `moves`
    /// says, and cancels the further rows of its visit named in `drop` (a service taken out:
    /// they are cancelled first, so what moves may take their time), and puts every row of
    /// the visit under `rename` when given (the customer corrected the name), all or none.
    /// `before`/`after` are its first row.
    async fn reschedule_booking(
        &self,
        workspace_id: &str,
        booking_id: &str,
        moves: &[PartMove],
        drop: &[String],
        rename: Option<&str>,
    ) -> Result<ChangeOutcome, StoreError>;

    /// Audit rows written outside a turn (tools run by the playground, failed turns).
    async fn record_tool_calls(
        &self,
        key: &MessageKey,
        records: &[ToolCallRecord],
    ) -> Result<(), StoreError>;

    async fn record_shadow(&self, rec: &ShadowRecord) -> Result<(), StoreError>;

    /// Shadow disagreements since `since`, newest first, at most `limit`.
    async fn shadow_disagreements(
        &self,
        since: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<ShadowRecord>, StoreError>;

    /// Publishes runtime flags for every replica; returns their sequence number.
    async fn publish_flags(&self, flags: &serde_json::Value) -> Result<i64, StoreError>;

    /// The last published flags and their sequence number, if any.
    async fn latest_flags(&self) -> Result<Option<(i64, serde_json::Value)>, StoreError>;

    /// How many calls of `tool` the audit holds for a workspace.
    async fn tool_call_count(&self, workspace_id: &str, tool: &str) -> Result<i64, StoreError>;

    /// Cheap liveness check of the database.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Data retention: forgets the texts and answers of a workspace's messages, and deletes
    /// its tool audit rows and shadow readings, older than `days` days. A message id older
    /// than that is no longer replayed (answered 409).
    async fn purge_older_than(&self, workspace_id: &str, days: u32) -> Result<u64, StoreError>;
}

pub use postgres::{PgOptions, DEFAULT_POOL_SIZE};

/// Opens a PostgreSQL store with explicit options (pool size, extra CA certificates).
pub async fn open_postgres(url: &str, opts: &PgOptions) -> Result<Arc<dyn Store>, StoreError> {
    Ok(Arc::new(postgres::PgStore::connect_with(url, opts).await?))
}

/// Opens the store named by `PULPO_DB`: a `postgres://` URL or a SQLite file path.
pub async fn open(location: &str) -> Result<Arc<dyn Store>, StoreError> {
    open_with_clock(location, crate::clock::Clock::system()).await
}

/// Opens the store with the service's clock. SQLite stamps rows and leases with it;
/// PostgreSQL keeps the database server's clock for leases and row timestamps, so replicas
/// agree on when a lease ends.
pub async fn open_with_clock(
    location: &str,
    clock: crate::clock::Clock,
) -> Result<Arc<dyn Store>, StoreError> {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        Ok(Arc::new(postgres::PgStore::connect(location).await?))
    } else {
        Ok(Arc::new(sqlite::SqliteStore::open_with_clock(
            location, clock,
        )?))
    }
}

/// Booking ids: `BK-` and four digits (more once a workspace has many).
pub fn random_booking_id(attempt: u32) -> String {
    use rand::RngExt;
    let mut rng = rand::rng();
    let n: u32 = if attempt < 20 {
        rng.random_range(1000..10000)
    } else {
        rng.random_range(100000..1000000)
    };
    format!("BK-{n}")
}
