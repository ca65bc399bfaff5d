//! The store interface, the same tests on both backends: SQLite always, PostgreSQL when
//! `PULPO_TEST_PG_URL` points at a server (`.ci/run` starts one and sets
//! `PULPO_REQUIRE_PG=1`, which turns its absence into a failure).

mod common;

use std::sync::Arc;

use chrono::{Duration, Utc};
use common::*;
use pulpo::domain::state::ConversationState;
use pulpo::store::{
    BookingQuery, ChangeOutcome, CreateOutcome, MessageKey, NewBooking, Store, StoreError,
    TurnRecord, TurnStart,
};
use serde_json::json;

async fn backends() -> Vec<(&'static str, Arc<dyn Store>, tempfile::TempDir)> {
    let dir = tempfile::tempdir().unwrap();
    let mut out: Vec<(&'static str, Arc<dyn Store>, tempfile::TempDir)> = vec![(
        "sqlite",
        pulpo::store::open(&dir.path().join("s.db").display().to_string())
            .await
            .unwrap(),
        dir,
    )];
    match std::env::var("PULPO_TEST_PG_URL") {
        Ok(admin) => {
            let url = fresh_pg_database(&admin).await;
            out.push((
                "postgres",
                pulpo::store::open(&url).await.unwrap(),
                tempfile::tempdir().unwrap(),
            ));
        }
        Err(_) => assert!(
            std::env::var("PULPO_REQUIRE_PG").is_err(),
            "PULPO_TEST_PG_URL is required"
        ),
    }
    out
}

fn key(conv: &str, msg: &str) -> MessageKey {
    MessageKey {
        workspace_id: "ws".into(),
        conversation_id: conv.into(),
        message_id: msg.into(),
    }
}

fn booking(key: &str, staff: &str, start_min: i64, len: i64) -> NewBooking {
    // One fixed base for the whole test binary, so intervals are exact.
    static BASE: std::sync::OnceLock<chrono::DateTime<Utc>> = std::sync::OnceLock::new();
    let base = *BASE.get_or_init(|| {
        let t = Utc::now() + Duration::days(3);
        t - Duration::seconds(t.timestamp() % 3600)
    });
    NewBooking {
        workspace_id: "ws".into(),
        conversation_id: "c".into(),
        customer_phone: Some("5491100000000".into()),
        customer_name: "Ana".into(),
        service_id: "corte".into(),
        service_name: "Corte".into(),
        staff_id: staff.into(),
        start_utc: base + Duration::minutes(start_min),
        end_utc: base + Duration::minutes(start_min + len),
        idempotency_key: key.into(),
    }
}

#[tokio::test]
async fn turns_claim_messages_hold_leases_and_replay_answers() {
    for (name, s, _d) in backends().await {
        let k = key("c1", "m1");
        let TurnStart::Fresh { state, version } = s.begin_turn(&k, "a", 5_000).await.unwrap()
        else {
            panic!("{name}: fresh")
        };
        assert_eq!(version, 0);
        // Another holder waits while the lease is held.
        assert!(
            matches!(
                s.begin_turn(&key("c1", "m2"), "b", 5_000).await.unwrap(),
                TurnStart::Busy
            ),
            "{name}"
        );
        let mut st = *state;
        st.turns = 1;
        let resp = json!({"reply": {"text": "hola"}});
        let v = s
            .finish_turn(TurnRecord {
                key: &k,
                holder: "a",
                state: &st,
                expected_version: 0,
                text: "hola",
                response: &resp,
                route: "legacy",
                intent: "greeting",
                tool_calls: &[],
            })
            .await
            .unwrap();
        assert_eq!(v, 1, "{name}");
        // The same message again: the stored answer.
        match s.begin_turn(&k, "c", 5_000).await.unwrap() {
            TurnStart::Replay { response, text } => {
                assert_eq!(response, resp, "{name}");
                assert!(
                    text.is_some(),
                    "{name}: the answered text is kept for conflicts"
                );
            }
            other => panic!("{name}: expected a replay, got {other:?}"),
        }
        // The next message sees the saved state.
        let TurnStart::Fresh { state, version } =
            s.begin_turn(&key("c1", "m2"), "b", 5_000).await.unwrap()
        else {
            panic!("{name}")
        };
        assert_eq!((state.turns, version), (1, 1), "{name}");
        // A stale version is refused (optimistic concurrency behind the lease).
        let err = s
            .finish_turn(TurnRecord {
                key: &key("c1", "m2"),
                holder: "b",
                state: &ConversationState::default(),
                expected_version: 0,
                text: "x",
                response: &resp,
                route: "legacy",
                intent: "chitchat",
                tool_calls: &[],
            })
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict { .. }), "{name}: {err}");
        // Aborting forgets the claim: the message can be processed again.
        s.abort_turn(&key("c1", "m2"), "b").await.unwrap();
        assert!(
            matches!(
                s.begin_turn(&key("c1", "m2"), "d", 5_000).await.unwrap(),
                TurnStart::Fresh { .. }
            ),
            "{name}"
        );
    }
}

#[tokio::test]
async fn an_expired_lease_is_taken_over() {
    for (name, s, _d) in backends().await {
        assert!(matches!(
            s.begin_turn(&key("c2", "m1"), "crashed", 50).await.unwrap(),
            TurnStart::Fresh { .. }
        ));
        tokio::time::sleep(std::time::Duration::from_millis(120)).await;
        assert!(
            matches!(
                s.begin_turn(&key("c2", "m1"), "restarted", 5_000)
                    .await
                    .unwrap(),
                TurnStart::Fresh { .. }
            ),
            "{name}"
        );
    }
}

#[tokio::test]
async fn bookings_never_overlap_for_one_staff_member_and_are_idempotent() {
    for (name, s, _d) in backends().await {
        let CreateOutcome::Created(a) = s
            .create_booking(booking("k1", "caro", 0, 45))
            .await
            .unwrap()
        else {
            panic!("{name}")
        };
        assert!(a.booking_id.starts_with("BK-"));
        // The same key again: the same booking, not a second one.
        assert_eq!(
            s.create_booking(booking("k1", "caro", 0, 45))
                .await
                .unwrap(),
            CreateOutcome::Existing(a.clone()),
            "{name}"
        );
        // Overlapping the same staff member: refused by the database.
        assert_eq!(
            s.create_booking(booking("k2", "caro", 30, 45))
                .await
                .unwrap(),
            CreateOutcome::Overlap,
            "{name}"
        );
        // Back to back, or another staff member: fine.
        assert!(
            matches!(
                s.create_booking(booking("k3", "caro", 45, 30))
                    .await
                    .unwrap(),
                CreateOutcome::Created(_)
            ),
            "{name}"
        );
        assert!(
            matches!(
                s.create_booking(booking("k4", "lucia", 0, 45))
                    .await
                    .unwrap(),
                CreateOutcome::Created(_)
            ),
            "{name}"
        );
        // A cancelled booking frees its slot.
        assert!(
            matches!(
                s.cancel_booking("ws", &a.booking_id).await.unwrap(),
                ChangeOutcome::Done { .. }
            ),
            "{name}"
        );
        assert_eq!(
            s.cancel_booking("ws", &a.booking_id).await.unwrap(),
            ChangeOutcome::AlreadyCancelled,
            "{name}"
        );
        assert!(
            matches!(
                s.create_booking(booking("k5", "caro", 0, 45))
                    .await
                    .unwrap(),
                CreateOutcome::Created(_)
            ),
            "{name}"
        );
        // Reschedule onto a taken slot is refused; onto a free one, moved.
        let rows = s
            .find_bookings(
                "ws",
                &BookingQuery {
                    idempotency_key: Some("k3".into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let b3 = &rows[0];
        let base = b3.start_utc;
        assert_eq!(
            s.reschedule_booking(
                "ws",
                &b3.booking_id,
                "caro",
                base - Duration::minutes(45),
                base - Duration::minutes(15)
            )
            .await
            .unwrap(),
            ChangeOutcome::Overlap,
            "{name}"
        );
        assert!(
            matches!(
                s.reschedule_booking(
                    "ws",
                    &b3.booking_id,
                    "caro",
                    base + Duration::hours(2),
                    base + Duration::hours(3)
                )
                .await
                .unwrap(),
                ChangeOutcome::Done { .. }
            ),
            "{name}"
        );
        // Tenancy at the store: another workspace sees nothing.
        assert!(
            s.find_bookings("other", &BookingQuery::default())
                .await
                .unwrap()
                .is_empty(),
            "{name}"
        );
        assert_eq!(
            s.cancel_booking("other", &b3.booking_id).await.unwrap(),
            ChangeOutcome::NotFound,
            "{name}"
        );
    }
}

#[tokio::test]
async fn concurrent_creates_of_one_slot_book_it_once() {
    for (name, s, _d) in backends().await {
        let mut handles = Vec::new();
        for i in 0..8 {
            let s = s.clone();
            handles.push(tokio::spawn(async move {
                s.create_booking(booking(&format!("race-{i}"), "martin", 600, 30))
                    .await
                    .unwrap()
            }));
        }
        let mut created = 0;
        for h in handles {
            if matches!(h.await.unwrap(), CreateOutcome::Created(_)) {
                created += 1;
            }
        }
        assert_eq!(created, 1, "{name}");
    }
}
