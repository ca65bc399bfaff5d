//! Two `pulpo serve` replicas on one PostgreSQL: a conversation moves between them
//! mid-booking, routing is identical on both, and they cannot double-book one slot (the
//! database's exclusion constraint, not in-process locks). Needs `PULPO_TEST_PG_URL`
//! (`.ci/run` starts a server and sets `PULPO_REQUIRE_PG=1`).

mod common;

use chrono::Weekday;
use common::*;

/// A message time the day before the next open Friday (closures skipped).
fn before_friday() -> chrono::DateTime<chrono::FixedOffset> {
    next_open(Weekday::Fri, 3).1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicas_share_conversations_routing_and_the_booking_guarantee() {
    let Ok(admin) = std::env::var("PULPO_TEST_PG_URL") else {
        assert!(
            std::env::var("PULPO_REQUIRE_PG").is_err(),
            "PULPO_TEST_PG_URL is required"
        );
        eprintln!("SKIPPED: set PULPO_TEST_PG_URL to run the replica test");
        return;
    };
    let db = fresh_pg_database(&admin).await;
    let dir = tempfile::tempdir().unwrap();
    // Both replicas run on a clock at the day before an open Friday.
    let sent = before_friday();
    let env = vec![
        ("PULPO_NOW", sent.to_rfc3339()),
        ("PULPO_DB", db.clone()),
        ("ENABLE_SLM_PIPELINE", "true".into()),
        ("SLM_CANARY_PERCENT", "30".into()),
        // No model: the slm arm answers through the rules (routing is what is compared).
        (
            "PULPO_MODEL",
            dir.path().join("no-model.gguf").display().to_string(),
        ),
    ];
    let (mut a, url_a) = start_binary(dir.path(), &env);
    let (mut b, url_b) = start_binary(dir.path(), &env);
    let c = http();

    // One conversation, alternating replicas.
    let conv = "wa:5491166660001";
    let steps = [
        (&url_a, "quiero turno para corte de hombre el viernes"),
        (&url_b, "a las 11"),
        (&url_a, "Juan Pablo"),
        (&url_b, "sí"),
    ];
    let mut last = serde_json::Value::Null;
    for (i, (url, text)) in steps.iter().enumerate() {
        let (status, body) = send(&c, url, conv, &format!("x{i}"), text, sent).await;
        assert_eq!(status, 200, "{body}");
        last = body;
    }
    assert_eq!(last["actions"][0]["tool"], "create_booking", "{last}");
    assert_eq!(last["actions"][0]["status"], "ok");
    let booked = last["actions"][0]["result"]["booking"]["booking_id"]
        .as_str()
        .unwrap()
        .to_string();

    // Routing: the same id gets the same arm on both replicas.
    for i in 0..60 {
        let id = format!("wa:route-{i}");
        let (_, ra) = send(&c, &url_a, &id, "r1", "hola", sent).await;
        let (_, rb) = send(&c, &url_b, &id, "r2", "hola", sent).await;
        assert_eq!(ra["route"], rb["route"], "{id}");
    }

    // Two customers race for Martín's 15:00 on the same Friday, one on each replica.
    let race = ["wa:5491166660002", "wa:5491166660003"];
    for (conv, url) in race.iter().zip([&url_a, &url_b]) {
        let (s, body) = send(
            &c,
            url,
            conv,
            "q1",
            "turno corte de hombre el viernes a las 15, soy Pedro",
            sent,
        )
        .await;
        assert_eq!(
            (s, body["next_action"].as_str()),
            (200, Some("await_confirmation")),
            "{body}"
        );
    }
    let (ra, rb) = tokio::join!(
        send(&c, &url_a, race[0], "q2", "sí", sent),
        send(&c, &url_b, race[1], "q2", "sí", sent)
    );
    let ok = [&ra.1, &rb.1]
        .iter()
        .filter(|r| r["actions"][0]["result"]["kind"] == "booked")
        .count();
    assert_eq!(
        ok, 1,
        "exactly one of the two got the slot: {} / {}",
        ra.1, rb.1
    );
    let refused = [&ra.1, &rb.1]
        .into_iter()
        .find(|r| r["actions"][0]["result"]["kind"] == "refused")
        .expect("the other was refused");
    assert!(
        refused["reply"]["text"]
            .as_str()
            .unwrap()
            .contains("ocupar"),
        "{refused}"
    );

    // Both replicas read the same database.
    let store = pulpo::store::open(&db).await.unwrap();
    let rows = store
        .find_bookings(
            "demo-salon",
            &pulpo::store::BookingQuery {
                only_confirmed: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().any(|r| r.booking_id == booked));

    // A rollback on one replica reaches the other through the database.
    rollback_reaches(&c, &url_a, &url_b, sent).await;
    for child in [&mut a, &mut b] {
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// `PUT /admin/flags` on `a` turns the model path off; `b` follows within seconds and routes
/// every conversation to the rules.
async fn rollback_reaches(
    c: &reqwest::Client,
    a: &str,
    b: &str,
    sent: chrono::DateTime<chrono::FixedOffset>,
) {
    let r = c
        .put(format!("{a}/admin/flags"))
        .bearer_auth(ADMIN)
        .json(&serde_json::json!({"enable_slm_pipeline": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let flags: serde_json::Value = c
            .get(format!("{b}/admin/flags"))
            .bearer_auth(ADMIN)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if flags["enable_slm_pipeline"] == false {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the other replica still has {flags}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    for i in 0..20 {
        let (_, body) = send(c, b, &format!("wa:after-rollback-{i}"), "m", "hola", sent).await;
        assert_eq!(body["route"], "legacy", "{body}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flags_changed_on_one_replica_reach_the_other_on_one_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let env = vec![
        ("ENABLE_SLM_PIPELINE", "true".into()),
        ("SLM_CANARY_PERCENT", "100".into()),
        (
            "PULPO_MODEL",
            dir.path().join("no-model.gguf").display().to_string(),
        ),
    ];
    let (mut a, url_a) = start_binary(dir.path(), &env);
    let (mut b, url_b) = start_binary(dir.path(), &env);
    let c = http();
    let sent = now_ba();
    let (_, before) = send(&c, &url_b, "wa:before", "m", "hola", sent).await;
    assert_eq!(before["route"], "slm", "{before}");
    rollback_reaches(&c, &url_a, &url_b, sent).await;

    // A replica started later takes its flags from its configuration, not from history.
    let (mut late, url_late) = start_binary(dir.path(), &env);
    let flags: serde_json::Value = c
        .get(format!("{url_late}/admin/flags"))
        .bearer_auth(ADMIN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(flags["enable_slm_pipeline"], true, "{flags}");
    for child in [&mut a, &mut b, &mut late] {
        let _ = child.kill();
        let _ = child.wait();
    }
}
