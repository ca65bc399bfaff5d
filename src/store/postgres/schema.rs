//! The PostgreSQL schema and its migrations (applied in order, each once).

pub const MIGRATIONS: &[&str] = &[
    r#"
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE IF NOT EXISTS conversations (
    workspace_id    TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    state           JSONB NOT NULL,
    version         BIGINT NOT NULL,
    lease_holder    TEXT,
    lease_until     TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, conversation_id)
);
CREATE TABLE IF NOT EXISTS messages (
    workspace_id    TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    text            TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('processing', 'done')),
    response        JSONB,
    route           TEXT,
    intent          TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, conversation_id, message_id)
);
CREATE TABLE IF NOT EXISTS bookings (
    booking_id      TEXT NOT NULL,
    workspace_id    TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    customer_phone  TEXT,
    customer_name   TEXT NOT NULL,
    service_id      TEXT NOT NULL,
    service_name    TEXT NOT NULL,
    staff_id        TEXT NOT NULL,
    start_utc       TIMESTAMPTZ NOT NULL,
    end_utc         TIMESTAMPTZ NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
    idempotency_key TEXT NOT NULL UNIQUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, booking_id),
    CHECK (start_utc < end_utc),
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
        workspace_id WITH =, staff_id WITH =, tstzrange(start_utc, end_utc) WITH &&
    ) WHERE (status = 'confirmed')
);
CREATE INDEX IF NOT EXISTS bookings_by_phone ON bookings (workspace_id, customer_phone, start_utc);
CREATE TABLE IF NOT EXISTS tool_calls (
    id              BIGSERIAL PRIMARY KEY,
    workspace_id    TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    request_id      TEXT NOT NULL,
    tool            TEXT NOT NULL,
    args            JSONB NOT NULL,
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    latency_ms      DOUBLE PRECISION NOT NULL,
    error           TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS shadow_results (
    id                 BIGSERIAL PRIMARY KEY,
    workspace_id       TEXT NOT NULL,
    conversation_id    TEXT NOT NULL,
    message_id         TEXT NOT NULL,
    text_redacted      TEXT NOT NULL,
    legacy_intent      TEXT NOT NULL,
    slm_intent         TEXT NOT NULL,
    legacy_slots       JSONB NOT NULL,
    slm_slots          JSONB NOT NULL,
    intent_agrees      BOOLEAN NOT NULL,
    slot_disagreements JSONB NOT NULL,
    slm_latency_ms     DOUBLE PRECISION NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS shadow_by_time ON shadow_results (created_at);
"#,
    r#"
CREATE TABLE IF NOT EXISTS runtime_flags (
    seq        BIGSERIAL PRIMARY KEY,
    value      JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
"#,
    // Visits with several services: the further services' rows name the visit's code.
    r#"
ALTER TABLE bookings ADD COLUMN IF NOT EXISTS part_of TEXT;
CREATE INDEX IF NOT EXISTS bookings_by_visit ON bookings (workspace_id, part_of);
"#,
    // A number the customer typed to be reached at, besides the channel's.
    r#"
ALTER TABLE bookings ADD COLUMN IF NOT EXISTS contact_phone TEXT;
"#,
];
