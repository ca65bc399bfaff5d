//! Crash safety with the real binary: kill -9 in the middle of a stream of bookings, restart on
//! the same SQLite file, and let the client retry what it had sent (as n8n does, same message
//! ids). Every booking confirmed to a customer is in the database, none twice.

mod common;

use std::collections::BTreeMap;

use common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_mid_stream_loses_no_confirmed_booking_and_duplicates_none() {
    let dir = tempfile::tempdir().unwrap();
    let (mut server, url) = start_binary(dir.path(), &[("ENABLE_SLM_PIPELINE", "false".into())]);
    let c = http();
    let now = now_ba();
    // Days the salon is open from 10:00 to 20:00, at least two days ahead (asked of the
    // workspace, so closures and short days are skipped); manicure slots on the hour.
    let days = open_days(2, 3, 10, 20);
    let n = 24;
    let convs: Vec<String> = (0..n).map(|i| format!("wa:54911777{i:05}")).collect();
    for (i, conv) in convs.iter().enumerate() {
        let day = days[i / 10].format("%d/%m");
        let name = [
            "Ana", "Bea", "Carla", "Dora", "Elsa", "Flor", "Gabi", "Helena",
        ][i % 8];
        let text = format!(
            "quiero manicura el {day} a las {}:00, soy {name} Pérez",
            10 + i % 10
        );
        let (s, body) = send(&c, &url, conv, "ask", &text, now).await;
        assert_eq!(
            (s, body["next_action"].as_str()),
            (200, Some("await_confirmation")),
            "{text}: {body}"
        );
    }

    // Stream the confirmations, four at a time; kill -9 the server part-way through.
    let mut confirmed: BTreeMap<String, String> = BTreeMap::new();
    let mut unanswered = Vec::new();
    let mut killed = false;
    for chunk in convs.chunks(4) {
        let mut handles = Vec::new();
        for conv in chunk {
            let (c, url, conv) = (c.clone(), url.clone(), conv.clone());
            handles.push(tokio::spawn(async move {
                let r = send(&c, &url, &conv, "yes", "sí", now).await;
                (conv, r)
            }));
        }
        if !killed && confirmed.len() >= 8 {
            // Requests of this chunk are in flight.
            std::process::Command::new("kill")
                .arg("-9")
                .arg(server.id().to_string())
                .status()
                .unwrap();
            let _ = server.wait();
            killed = true;
        }
        for h in handles {
            let (conv, (status, body)) = h.await.unwrap();
            match body["actions"][0]["result"]["booking"]["booking_id"].as_str() {
                Some(id) if status == 200 => {
                    confirmed.insert(conv, id.to_string());
                }
                _ => unanswered.push(conv),
            }
        }
    }
    assert!(
        killed && !unanswered.is_empty(),
        "the kill interrupted the stream ({} answered)",
        confirmed.len()
    );

    // Restart on the same file; the client retries every confirmation with the same message id.
    let (mut server, url) = start_binary(dir.path(), &[("ENABLE_SLM_PIPELINE", "false".into())]);
    for conv in &convs {
        let (status, body) = send(&c, &url, conv, "yes", "sí", now).await;
        assert_eq!(status, 200, "{conv}: {body}");
        let id = body["actions"][0]["result"]["booking"]["booking_id"]
            .as_str()
            .unwrap_or_else(|| panic!("{conv}: {body}"))
            .to_string();
        if let Some(before) = confirmed.get(conv) {
            assert_eq!(
                &id, before,
                "{conv}: the retry must return the booking confirmed before the crash"
            );
        }
        confirmed.insert(conv.clone(), id);
    }

    let store = pulpo::store::open(&dir.path().join("pulpo.db").display().to_string())
        .await
        .unwrap();
    let rows = store
        .find_bookings("demo-salon", &pulpo::store::BookingQuery::default())
        .await
        .unwrap();
    assert_eq!(
        rows.len(),
        n,
        "one booking per conversation, none lost, none twice"
    );
    for (conv, id) in &confirmed {
        let row = rows
            .iter()
            .find(|r| &r.booking_id == id)
            .unwrap_or_else(|| panic!("{conv}: {id} missing"));
        assert_eq!(&row.conversation_id, conv);
        assert_eq!(row.status, pulpo::store::BookingRowStatus::Confirmed);
    }
    let _ = server.kill();
    let _ = server.wait();
}
