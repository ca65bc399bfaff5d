//! The store interface, the same tests on both backends: SQLite always, PostgreSQL when
//! `PULPO_TEST_PG_URL` points at a server (`.ci/run` starts one and sets
//! `PULPO_REQUIRE_PG=1`, which turns its absence into a failure).

mod common;

use std::sync::Arc;

use chrono::{Duration, Utc};
use common::*;
use pulpo::domain::state::ConversationState;
use pulpo::store::{
    BookingQuery, ChangeOutcome, CreateOutcome, MessageKey, NewBooking, NewPart, PartMove, Store,
    StoreError, TurnRecord, TurnStart,
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
        contact_phone: None,
        parts: vec![],
    }
}

fn mv(id: &str, staff: &str, start: chrono::DateTime<Utc>, len: i64) -> PartMove {
    mv_to(id, ("corte", "Corte"), staff, start, len)
}

/// A move that also changes the row's service.
fn mv_to(
    id: &str,
    (service_id, service_name): (&str, &str),
    staff: &str,
    start: chrono::DateTime<Utc>,
    len: i64,
) -> PartMove {
    PartMove {
        booking_id: id.into(),
        service_id: service_id.into(),
        service_name: service_name.into(),
        staff_id: staff.into(),
        start_utc: start,
        end_utc: start + Duration::minutes(len),
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
        // A number to be reached at is kept with the booking, and read back.
        let CreateOutcome::Created(c) = s
            .create_booking(NewBooking {
                contact_phone: Some("1155551234".into()),
                ..booking("k6", "martin", 0, 30)
            })
            .await
            .unwrap()
        else {
            panic!("{name}")
        };
        assert_eq!(c.contact_phone.as_deref(), Some("1155551234"), "{name}");
        let q = BookingQuery {
            booking_id: Some(c.booking_id.clone()),
            ..Default::default()
        };
        let read = s.find_bookings("ws", &q).await.unwrap();
        assert_eq!(read.len(), 1, "{name}");
        assert_eq!(
            read[0].contact_phone.as_deref(),
            Some("1155551234"),
            "{name}"
        );
        assert_eq!(a.contact_phone, None, "{name}");
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
                &[mv(&b3.booking_id, "caro", base - Duration::minutes(45), 30)],
                &[],
                None
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
                    &[mv(&b3.booking_id, "caro", base + Duration::hours(2), 60)],
                    &[],
                    None
                )
                .await
                .unwrap(),
                ChangeOutcome::Done { .. }
            ),
            "{name}"
        );
        // A change of what the booking is for ("era brushing"): the row says the new
        // service, before and after as they were and are.
        let changed = s
            .reschedule_booking(
                "ws",
                &b3.booking_id,
                &[mv_to(
                    &b3.booking_id,
                    ("brushing", "Brushing"),
                    "caro",
                    base + Duration::hours(2),
                    40,
                )],
                &[],
                None,
            )
            .await
            .unwrap();
        let ChangeOutcome::Done { before, after } = changed else {
            panic!("{name}: {changed:?}")
        };
        assert_eq!(
            (before.service_id.as_str(), before.service_name.as_str()),
            ("corte", "Corte"),
            "{name}"
        );
        assert_eq!(
            (after.service_id.as_str(), after.service_name.as_str()),
            ("brushing", "Brushing"),
            "{name}"
        );
        assert_eq!(
            after.end_utc - after.start_utc,
            Duration::minutes(40),
            "{name}"
        );
        // A name corrected ("perdón, el nombre es Nicolás"): the booking goes under it, and
        // stays where it was.
        let renamed = s
            .reschedule_booking(
                "ws",
                &b3.booking_id,
                &[mv_to(
                    &b3.booking_id,
                    ("brushing", "Brushing"),
                    "caro",
                    base + Duration::hours(2),
                    40,
                )],
                &[],
                Some("Nicolás"),
            )
            .await
            .unwrap();
        let ChangeOutcome::Done { before, after } = renamed else {
            panic!("{name}: {renamed:?}")
        };
        assert_ne!(before.customer_name, "Nicolás", "{name}");
        assert_eq!(after.customer_name, "Nicolás", "{name}");
        assert_eq!(after.start_utc, before.start_utc, "{name}");
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

/// A visit with several services: one code, rows created together or not at all, found,
/// moved and cancelled together.
#[tokio::test]
async fn a_visit_with_several_services_is_one_booking() {
    for (name, s, _d) in backends().await {
        // Something of lucia's in the way of the visit's second service at +10h.
        let blocker = booking("v-block", "lucia", 600 + 45, 30);
        assert!(matches!(
            s.create_booking(blocker).await.unwrap(),
            CreateOutcome::Created(_)
        ));
        let visit_at = |key: &str, start: i64| {
            let mut b = booking(key, "caro", start, 45);
            let first_end = b.end_utc;
            b.parts = vec![NewPart {
                service_id: "color".into(),
                service_name: "Color".into(),
                staff_id: "lucia".into(),
                start_utc: first_end,
                end_utc: first_end + Duration::minutes(120),
            }];
            b
        };
        // The second service overlaps lucia's booking: nothing is created, not even the first.
        assert_eq!(
            s.create_booking(visit_at("v1", 600)).await.unwrap(),
            CreateOutcome::Overlap,
            "{name}"
        );
        let q = |k: &str| BookingQuery {
            idempotency_key: Some(k.into()),
            ..Default::default()
        };
        assert!(
            s.find_bookings("ws", &q("v1")).await.unwrap().is_empty(),
            "{name}"
        );
        // Elsewhere it is created: the code finds both rows; a retry finds the same visit.
        let CreateOutcome::Created(head) = s.create_booking(visit_at("v2", 900)).await.unwrap()
        else {
            panic!("{name}: created")
        };
        assert_eq!(head.part_of, None);
        let CreateOutcome::Existing(again) = s.create_booking(visit_at("v2", 900)).await.unwrap()
        else {
            panic!("{name}: existing")
        };
        assert_eq!(again.booking_id, head.booking_id, "{name}");
        let by_code = BookingQuery {
            booking_id: Some(head.booking_id.clone()),
            ..Default::default()
        };
        let rows = s.find_bookings("ws", &by_code).await.unwrap();
        assert_eq!(rows.len(), 2, "{name}: {rows:?}");
        let part = rows.iter().find(|r| r.part_of.is_some()).unwrap();
        assert_eq!(part.part_of.as_deref(), Some(head.booking_id.as_str()));
        assert_eq!(part.start_utc, head.end_utc, "{name}: back to back");
        // Moved 30 minutes later, the same staff doing each: the visit never collides with
        // itself on the way, whichever row moves first.
        let later = head.start_utc + Duration::minutes(30);
        let moved = s
            .reschedule_booking(
                "ws",
                &head.booking_id,
                &[
                    mv(&head.booking_id, "caro", later, 45),
                    mv(
                        &part.booking_id,
                        "lucia",
                        later + Duration::minutes(45),
                        120,
                    ),
                ],
                &[],
                None,
            )
            .await
            .unwrap();
        assert!(
            matches!(moved, ChangeOutcome::Done { .. }),
            "{name}: {moved:?}"
        );
        // Moved back onto the blocker: refused, and nothing moved.
        let onto = head.start_utc - Duration::minutes(300);
        assert_eq!(
            s.reschedule_booking(
                "ws",
                &head.booking_id,
                &[
                    mv(&head.booking_id, "caro", onto, 45),
                    mv(&part.booking_id, "lucia", onto + Duration::minutes(45), 120),
                ],
                &[],
                None,
            )
            .await
            .unwrap(),
            ChangeOutcome::Overlap,
            "{name}"
        );
        let rows = s.find_bookings("ws", &by_code).await.unwrap();
        assert!(
            rows.iter().all(|r| r.start_utc >= later),
            "{name}: {rows:?}"
        );
        // The second service taken out: its row is cancelled first, so the first may take
        // its time; the code stands with one confirmed row.
        let third = visit_at("v3", 1500);
        let CreateOutcome::Created(v3) = s.create_booking(third).await.unwrap() else {
            panic!("{name}: v3")
        };
        let v3_code = BookingQuery {
            booking_id: Some(v3.booking_id.clone()),
            ..Default::default()
        };
        let v3_part = s.find_bookings("ws", &v3_code).await.unwrap();
        let v3_part = v3_part.iter().find(|r| r.part_of.is_some()).unwrap();
        let trimmed = s
            .reschedule_booking(
                "ws",
                &v3.booking_id,
                &[mv_to(
                    &v3.booking_id,
                    ("color", "Color"),
                    "lucia",
                    v3.start_utc,
                    120,
                )],
                std::slice::from_ref(&v3_part.booking_id),
                None,
            )
            .await
            .unwrap();
        assert!(
            matches!(trimmed, ChangeOutcome::Done { .. }),
            "{name}: {trimmed:?}"
        );
        let rows = s.find_bookings("ws", &v3_code).await.unwrap();
        let live: Vec<_> = rows
            .iter()
            .filter(|r| r.status == pulpo::store::BookingRowStatus::Confirmed)
            .collect();
        assert_eq!(live.len(), 1, "{name}: {rows:?}");
        assert_eq!(live[0].booking_id, v3.booking_id);
        assert_eq!(live[0].service_id, "color");
        // A row of another booking is never dropped through this one.
        let other = s
            .reschedule_booking(
                "ws",
                &v3.booking_id,
                &[],
                std::slice::from_ref(&part.booking_id),
                None,
            )
            .await
            .unwrap();
        assert!(matches!(other, ChangeOutcome::Done { .. }), "{name}");
        let rows = s.find_bookings("ws", &by_code).await.unwrap();
        assert!(
            rows.iter()
                .all(|r| r.status == pulpo::store::BookingRowStatus::Confirmed),
            "{name}: {rows:?}"
        );
        // Cancelling the code cancels the whole visit.
        assert!(matches!(
            s.cancel_booking("ws", &head.booking_id).await.unwrap(),
            ChangeOutcome::Done { .. }
        ));
        let rows = s.find_bookings("ws", &by_code).await.unwrap();
        assert!(
            rows.iter()
                .all(|r| r.status == pulpo::store::BookingRowStatus::Cancelled),
            "{name}: {rows:?}"
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

/// PostgreSQL over TLS: with `sslmode=require` the server's certificate is verified (against
/// the system's roots and `PULPO_PG_CA_FILE`); without the CA that signed it, no connection.
/// `.ci/run` turns TLS on with `scripts/pg_tls.sh` and sets PULPO_TEST_PG_CA to its CA.
#[tokio::test]
async fn postgres_over_tls_verifies_the_server_certificate() {
    let (Ok(admin), Ok(ca)) = (
        std::env::var("PULPO_TEST_PG_URL"),
        std::env::var("PULPO_TEST_PG_CA"),
    ) else {
        assert!(
            std::env::var("PULPO_REQUIRE_PG").is_err(),
            "PULPO_TEST_PG_CA is required with PULPO_REQUIRE_PG (run scripts/pg_tls.sh)"
        );
        eprintln!("SKIPPED: no PULPO_TEST_PG_CA (scripts/pg_tls.sh sets TLS up)");
        return;
    };
    let url = fresh_pg_database(&admin).await;
    let sep = if url.contains('?') { '&' } else { '?' };
    let tls_url = format!("{url}{sep}sslmode=require");
    let opts = pulpo::store::PgOptions {
        pool_size: Some(2),
        ca_file: Some(ca.into()),
    };
    let s = pulpo::store::open_postgres(&tls_url, &opts).await.unwrap();
    s.ping().await.unwrap();
    assert!(matches!(
        s.create_booking(booking("tls-1", "caro", 0, 30))
            .await
            .unwrap(),
        CreateOutcome::Created(_)
    ));
    // The connection is encrypted: the server says so.
    let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    let encrypted: i64 = client
        .query_one("SELECT count(*) FROM pg_stat_ssl WHERE ssl", &[])
        .await
        .unwrap()
        .get(0);
    assert!(encrypted >= 1, "no TLS connection on the server");
    // Without the CA, the certificate is not trusted and the store does not open.
    let Err(e) = pulpo::store::open_postgres(&tls_url, &pulpo::store::PgOptions::default()).await
    else {
        panic!("an untrusted certificate was accepted")
    };
    let msg = e.to_string();
    assert!(msg.contains("certificate"), "{msg}");
    assert!(!msg.contains(":pulpo@"), "the password is redacted: {msg}");
}
