//! Security over the real binary: only the owner touches a booking, webhooks cannot be turned
//! against the host or leak secrets, and no client or tenant can starve the others.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use common::*;
use serde_json::{json, Value};

/// A message with the channel identity given (or none, for a web visitor).
fn msg(conv: &str, id: &str, text: &str, phone: Option<&str>, at: DateTime<FixedOffset>) -> Value {
    let mut m = message(conv, id, text, at);
    match phone {
        Some(p) => m["customer"] = json!({"phone": p, "name": "Cliente"}),
        None => {
            m["customer"] = json!({"name": "Visitante"});
        }
    }
    m
}

async fn post(c: &reqwest::Client, url: &str, key: &str, body: &Value) -> (u16, Value) {
    let r = c
        .post(format!("{url}/v1/decide"))
        .bearer_auth(key)
        .json(body)
        .send()
        .await
        .unwrap();
    let s = r.status().as_u16();
    (s, r.json().await.unwrap_or(Value::Null))
}

fn booking_rows(dir: &std::path::Path) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(dir.join("pulpo.db")).unwrap();
    let mut st = conn
        .prepare("SELECT booking_id, status, customer_name FROM bookings ORDER BY booking_id")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn stop(mut child: std::process::Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// Books "manicura el viernes a las 11" for Ana from her WhatsApp number; returns the id.
async fn ana_books(c: &reqwest::Client, url: &str, sent: DateTime<FixedOffset>) -> String {
    let ana = Some("+54 9 11 5555-0001");
    let (s, r) = post(
        c,
        url,
        DEMO_KEY,
        &msg(
            "wa:5491155550001",
            "a1",
            "quiero manicura el viernes a las 11, soy Ana",
            ana,
            sent,
        ),
    )
    .await;
    assert_eq!(
        (s, r["next_action"].as_str()),
        (200, Some("await_confirmation")),
        "{r}"
    );
    let (_, r) = post(
        c,
        url,
        DEMO_KEY,
        &msg("wa:5491155550001", "a2", "sí", ana, sent),
    )
    .await;
    assert_eq!(r["actions"][0]["status"], "ok", "{r}");
    r["actions"][0]["result"]["booking"]["booking_id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_number_typed_in_a_message_is_not_proof_of_identity() {
    let (_, sent) = next_open(chrono::Weekday::Fri, 3);
    let dir = tempfile::tempdir().unwrap();
    let (server, url) = start_binary(
        dir.path(),
        &[
            ("ENABLE_SLM_PIPELINE", "false".into()),
            ("PULPO_NOW", sent.to_rfc3339()),
        ],
    );
    let c = http();
    let id = ana_books(&c, &url, sent).await;

    // Another customer, from her own WhatsApp number, types Ana's number.
    let eve = Some("+5491166660002");
    let conv = "wa:5491166660002";
    for (i, text) in [
        "quiero cancelar mi turno, mi cel es +54 9 11 5555-0001",
        "sí",
        "quiero pasar mi turno al sábado a las 11, mi número es 1155550001",
        "sí",
        &format!("cancelá el turno {id}, mi cel es 11 5555-0001"),
        "sí",
    ]
    .iter()
    .enumerate()
    {
        let (s, r) = post(
            &c,
            &url,
            DEMO_KEY,
            &msg(conv, &format!("e{i}"), text, eve, sent),
        )
        .await;
        assert_eq!(s, 200, "{r}");
        let shown: Vec<String> = r["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["result"].to_string())
            .collect();
        let shown = shown.join(" ");
        assert!(
            !shown.contains("Ana") && !shown.contains("55550001") && !shown.contains(&id),
            "{text}: another customer's booking was shown: {shown}"
        );
        let mutated = r["actions"].as_array().unwrap().iter().any(|a| {
            matches!(
                a["tool"].as_str(),
                Some("cancel_booking" | "reschedule_booking")
            ) && a["status"] == "ok"
                && a["result"]["kind"] != "refused"
        });
        assert!(!mutated, "{text}: {r}");
    }
    let rows = booking_rows(dir.path());
    assert_eq!(rows, vec![(id.clone(), "confirmed".into(), "Ana".into())]);
    stop(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_known_channel_identity_no_booking_is_shown_or_changed() {
    let (_, sent) = next_open(chrono::Weekday::Fri, 3);
    let dir = tempfile::tempdir().unwrap();
    let (server, url) = start_binary(
        dir.path(),
        &[
            ("ENABLE_SLM_PIPELINE", "false".into()),
            ("PULPO_NOW", sent.to_rfc3339()),
        ],
    );
    let c = http();
    let id = ana_books(&c, &url, sent).await;

    // A web visitor with no phone names the booking's code.
    let conv = "web:visitor-77";
    let (_, r) = post(
        &c,
        &url,
        DEMO_KEY,
        &msg(
            conv,
            "v1",
            &format!("quiero cancelar el turno {id}"),
            None,
            sent,
        ),
    )
    .await;
    assert!(!r["actions"].to_string().contains("Ana"), "{r}");
    assert_eq!(
        r["next_action"], "handoff",
        "a person is offered instead: {r}"
    );
    let (_, r) = post(&c, &url, DEMO_KEY, &msg(conv, "v2", "sí", None, sent)).await;
    assert!(!r["actions"].to_string().contains("cancel_booking"), "{r}");
    assert_eq!(booking_rows(dir.path())[0].1, "confirmed");

    // Wrong codes tried in one conversation are limited.
    let bob = Some("+5491177770003");
    let conv = "wa:5491177770003";
    let mut lookups = 0;
    let mut last = Value::Null;
    for i in 0..8 {
        let text = format!("cancelá el turno BK-{}", 1000 + i);
        let (_, r) = post(
            &c,
            &url,
            DEMO_KEY,
            &msg(conv, &format!("g{i}"), &text, bob, sent),
        )
        .await;
        lookups += r["actions"]
            .as_array()
            .unwrap()
            .iter()
            // Lookups of a code (the customer's own bookings, by the channel's number, are
            // looked up too once a code is not found: that guesses nothing).
            .filter(|a| a["tool"] == "find_bookings" && a["args"]["booking_id"].is_string())
            .count();
        last = r;
    }
    assert!(lookups <= 3, "{lookups} lookups of guessed codes");
    assert_eq!(last["next_action"], "handoff", "{last}");
    stop(server);
}

/// A server that counts hits, for webhook tests. `mode`: what it answers.
async fn hook_server(mode: &'static str, hits: Arc<AtomicU32>) -> std::net::SocketAddr {
    use axum::response::IntoResponse;
    let app = axum::Router::new().fallback(move |req: axum::extract::Request| {
        let hits = hits.clone();
        async move {
            hits.fetch_add(1, Ordering::SeqCst);
            let secret = req.headers().get("x-secret").is_some();
            match mode {
                "huge" => {
                    // 200 MB without a length, streamed.
                    let chunk = axum::body::Bytes::from(vec![b' '; 1 << 20]);
                    let stream = futures_stream(chunk, 200);
                    axum::body::Body::from_stream(stream).into_response()
                }
                "echo-secret" => axum::Json(json!({"kind": "hours", "weekly": [[], [], [], [], [], [], []], "secret_seen": secret})).into_response(),
                _ => axum::Json(json!({"kind": "hours", "weekly": [[], [], [], [], [], [], []]}))
                    .into_response(),
            }
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

fn futures_stream(
    chunk: axum::body::Bytes,
    n: usize,
) -> impl futures_util::Stream<Item = Result<axum::body::Bytes, std::io::Error>> + Send {
    let (tx, rx) = tokio::sync::mpsc::channel(2);
    tokio::spawn(async move {
        for _ in 0..n {
            if tx.send(Ok(chunk.clone())).await.is_err() {
                break;
            }
        }
    });
    tokio_stream_from(rx)
}

fn tokio_stream_from(
    mut rx: tokio::sync::mpsc::Receiver<Result<axum::body::Bytes, std::io::Error>>,
) -> impl futures_util::Stream<Item = Result<axum::body::Bytes, std::io::Error>> + Send {
    futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx))
}

/// A redirecting server: 307 to `to`.
async fn redirect_server(to: String) -> std::net::SocketAddr {
    let app = axum::Router::new().fallback(move || {
        let to = to.clone();
        async move {
            (
                axum::http::StatusCode::TEMPORARY_REDIRECT,
                [(axum::http::header::LOCATION, to)],
            )
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

fn with_hours_hook(dir: &std::path::Path, tool: &str) {
    let ws = workspaces_dir(dir);
    let demo = std::fs::read_to_string(ws.join("demo-salon.toml")).unwrap();
    std::fs::write(ws.join("demo-salon.toml"), format!("{demo}\n{tool}\n")).unwrap();
}

fn rss_kb(pid: u32) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

async fn ask_hours(c: &reqwest::Client, url: &str, id: &str) -> Value {
    let (s, r) = post(
        c,
        url,
        DEMO_KEY,
        &msg(
            "wa:5491100001111",
            id,
            "a qué hora abren?",
            Some("+5491100001111"),
            now_ba(),
        ),
    )
    .await;
    assert_eq!(s, 200, "{r}");
    r
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_cannot_reach_private_addresses_unless_the_workspace_opts_in() {
    let hits = Arc::new(AtomicU32::new(0));
    let hook = hook_server("ok", hits.clone()).await;
    for (i, target) in [
        format!("http://{hook}/hours"),
        format!("http://localhost:{}/hours", hook.port()),
        "http://169.254.169.254/latest/meta-data".to_string(),
        "http://[::1]:9/hours".to_string(),
        "http://10.0.0.1:9/hours".to_string(),
    ]
    .iter()
    .enumerate()
    {
        let dir = tempfile::tempdir().unwrap();
        with_hours_hook(
            dir.path(),
            &format!("[[tools]]\nname = \"get_hours\"\nurl = \"{target}\"\ntimeout_ms = 500\n"),
        );
        let (server, url) = start_binary(dir.path(), &[("ENABLE_SLM_PIPELINE", "false".into())]);
        let c = http();
        let started = Instant::now();
        let r = ask_hours(&c, &url, &format!("h{i}")).await;
        assert_eq!(r["actions"][0]["status"], "error", "{target}: {r}");
        assert!(
            r["actions"][0]["error"]
                .as_str()
                .unwrap()
                .contains("private"),
            "{target}: {r}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "refused without waiting"
        );
        stop(server);
    }
    assert_eq!(
        hits.load(Ordering::SeqCst),
        0,
        "no request reached the host"
    );

    // Opted in (an n8n on the same host), the same loopback hook works.
    let dir = tempfile::tempdir().unwrap();
    with_hours_hook(
        dir.path(),
        &format!("[[tools]]\nname = \"get_hours\"\nurl = \"http://{hook}/hours\"\nallow_private_network = true\n"),
    );
    let (server, url) = start_binary(dir.path(), &[("ENABLE_SLM_PIPELINE", "false".into())]);
    let r = ask_hours(&http(), &url, "ok").await;
    assert_eq!(r["actions"][0]["status"], "ok", "{r}");
    assert_eq!(hits.load(Ordering::SeqCst), 1);
    stop(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_do_not_follow_redirects_elsewhere_read_huge_replies_or_leak_urls() {
    // A redirect to another origin (another port) is not followed: the secret header stays home.
    let elsewhere_hits = Arc::new(AtomicU32::new(0));
    let elsewhere = hook_server("echo-secret", elsewhere_hits.clone()).await;
    let redirect = redirect_server(format!("http://{elsewhere}/steal")).await;
    let dir = tempfile::tempdir().unwrap();
    with_hours_hook(
        dir.path(),
        &format!("[[tools]]\nname = \"get_hours\"\nurl = \"http://{redirect}/hours\"\nallow_private_network = true\nheaders = {{ X-Secret = \"s3cr3t\" }}\n"),
    );
    let (server, url) = start_binary(dir.path(), &[("ENABLE_SLM_PIPELINE", "false".into())]);
    let r = ask_hours(&http(), &url, "r1").await;
    assert_eq!(r["actions"][0]["status"], "error", "{r}");
    assert!(
        r["actions"][0]["error"].as_str().unwrap().contains("307"),
        "{r}"
    );
    assert_eq!(
        elsewhere_hits.load(Ordering::SeqCst),
        0,
        "the redirect was followed"
    );
    stop(server);

    // A 200 MB reply is cut at the limit while it streams in.
    let huge_hits = Arc::new(AtomicU32::new(0));
    let huge = hook_server("huge", huge_hits).await;
    let dir = tempfile::tempdir().unwrap();
    with_hours_hook(
        dir.path(),
        &format!("[[tools]]\nname = \"get_hours\"\nurl = \"http://{huge}/hours\"\nallow_private_network = true\ntimeout_ms = 10000\n"),
    );
    let (server, url) = start_binary(dir.path(), &[("ENABLE_SLM_PIPELINE", "false".into())]);
    let before = rss_kb(server.id());
    let r = ask_hours(&http(), &url, "big").await;
    let after = rss_kb(server.id());
    assert_eq!(r["actions"][0]["status"], "error", "{r}");
    assert!(
        r["actions"][0]["error"]
            .as_str()
            .unwrap()
            .contains("exceeds"),
        "{r}"
    );
    assert!(
        after < before + 64 * 1024,
        "RSS grew from {before} kB to {after} kB reading a huge reply"
    );
    stop(server);

    // A secret in the URL never reaches the response, the audit table or the log.
    let dir = tempfile::tempdir().unwrap();
    with_hours_hook(
        dir.path(),
        "[[tools]]\nname = \"get_hours\"\nurl = \"http://127.0.0.1:9/hours?token=TOPSECRET42\"\nallow_private_network = true\ntimeout_ms = 500\n",
    );
    let (server, url) = start_binary(dir.path(), &[("ENABLE_SLM_PIPELINE", "false".into())]);
    let r = ask_hours(&http(), &url, "leak").await;
    assert_eq!(r["actions"][0]["status"], "error", "{r}");
    assert!(!r.to_string().contains("TOPSECRET42"), "{r}");
    let pid = server.id();
    stop(server);
    let audit = std::fs::read(dir.path().join("pulpo.db")).unwrap();
    let wal = std::fs::read(dir.path().join("pulpo.db-wal")).unwrap_or_default();
    for bytes in [audit, wal] {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("TOPSECRET42"),
            "the secret reached the database"
        );
    }
    let log = std::fs::read_to_string(dir.path().join(format!("serve-{pid}.log"))).unwrap();
    assert!(!log.contains("TOPSECRET42"), "the secret reached the log");
}

/// Opens a connection that sends headers announcing a body, then stalls.
fn stalled_body(url: &str, key: &str) -> TcpStream {
    let addr = url.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST /v1/decide HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {key}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"workspace_id\": "
    )
    .unwrap();
    s
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stalled_clients_starve_nobody_and_shutdown_has_a_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let (server, url) = start_binary(
        dir.path(),
        &[
            ("ENABLE_SLM_PIPELINE", "false".into()),
            ("PULPO_MAX_CONCURRENCY", "4".into()),
            ("PULPO_BODY_TIMEOUT_MS", "1500".into()),
            ("PULPO_SHUTDOWN_GRACE_MS", "1000".into()),
        ],
    );
    let stalled: Vec<TcpStream> = (0..6).map(|_| stalled_body(&url, DEMO_KEY)).collect();
    std::thread::sleep(Duration::from_millis(200));
    // Both tenants are served at once while the stalled bodies wait.
    let c = http();
    let t = Instant::now();
    let (s, r) = post(&c, &url, DEMO_KEY, &fixture("request_saludo.json")).await;
    assert_eq!(s, 200, "{r}");
    let mut other = fixture("request_saludo.json");
    other["workspace_id"] = json!("other-salon");
    let (s, r) = post(&c, &url, OTHER_KEY, &other).await;
    assert_eq!(s, 200, "{r}");
    assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
    // A stalled body is answered 408 after the body timeout.
    let mut first = stalled.into_iter().next().unwrap();
    first
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut buf = [0u8; 512];
    let n = first.read(&mut buf).unwrap_or(0);
    let head = String::from_utf8_lossy(&buf[..n]).to_string();
    assert!(head.starts_with("HTTP/1.1 408"), "{head:?}");

    // Shutdown does not wait forever for a stalled client.
    let _hold = stalled_body(&url, DEMO_KEY);
    let mut server = server;
    std::process::Command::new("kill")
        .arg("-TERM")
        .arg(server.id().to_string())
        .status()
        .unwrap();
    let t = Instant::now();
    loop {
        if server.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            t.elapsed() < Duration::from_secs(5),
            "still running 5 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_busy_workspace_cannot_take_every_permit() {
    // Demo salon's hours tool takes a second: its requests pile up, up to its share.
    let slow = axum::Router::new().fallback(|| async {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        axum::Json(json!({"kind": "hours", "weekly": [[], [], [], [], [], [], []]}))
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, slow).await.unwrap() });
    let dir = tempfile::tempdir().unwrap();
    with_hours_hook(
        dir.path(),
        &format!("[[tools]]\nname = \"get_hours\"\nurl = \"http://{hook}/h\"\nallow_private_network = true\ntimeout_ms = 3000\n"),
    );
    let (server, url) = start_binary(
        dir.path(),
        &[
            ("ENABLE_SLM_PIPELINE", "false".into()),
            ("PULPO_MAX_CONCURRENCY", "4".into()),
        ],
    );
    let c = http();
    let mut busy = Vec::new();
    for i in 0..6 {
        let (c, url) = (c.clone(), url.clone());
        busy.push(tokio::spawn(async move {
            let m = msg(
                &format!("wa:54911000{i:05}"),
                "h",
                "a qué hora abren?",
                Some("+5491100009999"),
                now_ba(),
            );
            post(&c, &url, DEMO_KEY, &m).await.0
        }));
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut other = fixture("request_saludo.json");
    other["workspace_id"] = json!("other-salon");
    let (s, r) = post(&c, &url, OTHER_KEY, &other).await;
    assert_eq!(s, 200, "the other tenant still has its share: {r}");
    let mut statuses = Vec::new();
    for h in busy {
        statuses.push(h.await.unwrap());
    }
    assert!(
        statuses.contains(&503),
        "the busy tenant was held to its share: {statuses:?}"
    );
    stop(server);
}

#[tokio::test]
async fn the_demo_key_is_refused_on_a_public_address_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pulpo"))
        .arg("serve")
        .env("PULPO_ADDR", "0.0.0.0:0")
        .env("PULPO_DB", dir.path().join("p.db"))
        .env("PULPO_WORKSPACES", workspaces_dir(dir.path()))
        .env("PULPO_CONFIG", dir.path().join("none.toml"))
        .env("ENABLE_SLM_PIPELINE", "false")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("demo-key") && err.contains("PULPO_ALLOW_DEMO_KEY"),
        "{err}"
    );
    // Allowed explicitly, it starts.
    let (server, _) = start_binary(
        dir.path(),
        &[
            ("PULPO_ADDR", "0.0.0.0:0".into()),
            ("PULPO_ALLOW_DEMO_KEY", "true".into()),
            ("ENABLE_SLM_PIPELINE", "false".into()),
        ],
    );
    stop(server);
    // The file people copy carries no key hash.
    let shipped =
        std::fs::read_to_string(repo().join("config/workspaces/demo-salon.toml")).unwrap();
    assert!(
        !shipped.contains("c48a01f49fd0f2cc404bc3cbbc80e91457a3d41bb429a695243de4c61794155c"),
        "the demo key's hash is in the shipped workspace file"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ids_timestamps_metrics_logs_and_the_playground_are_kept_in_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let (server, url) = start_binary(
        dir.path(),
        &[
            ("ENABLE_SLM_PIPELINE", "false".into()),
            ("PULPO_METRICS_TOKEN", "metrics-t0ken".into()),
            ("PULPO_LOG_FORMAT", "text".into()),
        ],
    );
    let c = http();
    let ana = Some("+5491155550001");
    // The same message id with another text is a conflict, not a replay of the old answer.
    let conv = "wa:5491155550001";
    let (s, _) = post(
        &c,
        &url,
        DEMO_KEY,
        &msg(conv, "same", "hola, soy Ana Pérez", ana, now_ba()),
    )
    .await;
    assert_eq!(s, 200);
    let (s, r) = post(
        &c,
        &url,
        DEMO_KEY,
        &msg(conv, "same", "cuánto sale el corte?", ana, now_ba()),
    )
    .await;
    assert_eq!(s, 409, "{r}");
    assert_eq!(r["code"], "message_id_conflict");
    // A timestamp far ahead does not move "today": the booking is for the next Friday from
    // the server's clock.
    let far = chrono::DateTime::parse_from_rfc3339("9999-12-30T10:00:00-03:00").unwrap();
    let (s, r) = post(
        &c,
        &url,
        DEMO_KEY,
        &msg(conv, "far", "quiero manicura el viernes a las 11", ana, far),
    )
    .await;
    assert_eq!(s, 200, "{r}");
    let date = r["actions"][0]["args"]["date"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let days = (chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").unwrap()
        - now_ba().date_naive())
    .num_days();
    assert!((0..=8).contains(&days), "{date}: {r}");
    // Ids with control or invisible characters are refused.
    let (s, _) = post(
        &c,
        &url,
        DEMO_KEY,
        &msg("wa:1\n{\"forged\":1}", "x", "hola", ana, now_ba()),
    )
    .await;
    assert_eq!(s, 422);
    let (s, _) = post(
        &c,
        &url,
        DEMO_KEY,
        &msg("wa:1\u{202e}", "x", "hola", ana, now_ba()),
    )
    .await;
    assert_eq!(s, 422);
    // /metrics asks for its token.
    let r = c.get(format!("{url}/metrics")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 401);
    let r = c
        .get(format!("{url}/metrics"))
        .bearer_auth("metrics-t0ken")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    // The playground acts only on its own conversations.
    let r = c
        .post(format!("{url}/admin/playground/reset"))
        .bearer_auth(ADMIN)
        .json(&json!({"workspace_id": "demo-salon", "conversation_id": conv}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 422);
    let pid = server.id();
    stop(server);
    // The log has neither the customer's name nor her number.
    let log = std::fs::read_to_string(dir.path().join(format!("serve-{pid}.log"))).unwrap();
    assert!(log.contains("PIPELINE"), "{log}");
    assert!(
        !log.contains("Ana Pérez") && !log.contains("5491155550001"),
        "{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retention_forgets_old_messages_and_audit_rows() {
    let dir = tempfile::tempdir().unwrap();
    let long_ago = now_ba() - chrono::Duration::days(100);
    let (server, url) = start_binary(
        dir.path(),
        &[
            ("ENABLE_SLM_PIPELINE", "false".into()),
            ("PULPO_NOW", long_ago.to_rfc3339()),
        ],
    );
    let c = http();
    let conv = "wa:5491144440001";
    let phone = Some("+5491144440001");
    let (s, _) = post(
        &c,
        &url,
        DEMO_KEY,
        &msg(
            conv,
            "old",
            "cuánto sale el corte? soy Marta",
            phone,
            long_ago,
        ),
    )
    .await;
    assert_eq!(s, 200);
    stop(server);
    let count = |sql: &str| -> i64 {
        let conn = rusqlite::Connection::open(dir.path().join("pulpo.db")).unwrap();
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    };
    assert_eq!(
        count("SELECT COUNT(*) FROM messages WHERE text LIKE '%Marta%'"),
        1
    );
    assert!(count("SELECT COUNT(*) FROM tool_calls") >= 1);
    // Today, with the demo salon's 90-day retention, the server forgets them by itself.
    let (server, url) = start_binary(dir.path(), &[("ENABLE_SLM_PIPELINE", "false".into())]);
    let t = Instant::now();
    while count("SELECT COUNT(*) FROM tool_calls") > 0 {
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "retention did not run"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        count("SELECT COUNT(*) FROM messages WHERE text LIKE '%Marta%'"),
        0
    );
    // The forgotten message id is not processed again.
    let (s, r) = post(
        &c,
        &url,
        DEMO_KEY,
        &msg(
            conv,
            "old",
            "cuánto sale el corte? soy Marta",
            phone,
            now_ba(),
        ),
    )
    .await;
    assert_eq!(s, 409, "{r}");
    stop(server);
}
