//! Faults and limits: per-workspace rate limits and the global concurrency limit answer
//! 429/503 with Retry-After; a missing, corrupt or truncated model file leaves the service up on
//! the rules with `/ready` saying why; flapping webhook tools leak no threads.

mod common;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::*;
use serde_json::json;

fn with_limits(dir: &std::path::Path, extra: &str) {
    if extra.starts_with("[limits]") {
        set_demo_limits(dir, extra);
    } else {
        let ws = workspaces_dir(dir);
        let demo = std::fs::read_to_string(ws.join("demo-salon.toml")).unwrap();
        std::fs::write(ws.join("demo-salon.toml"), format!("{demo}\n{extra}\n")).unwrap();
    }
}

#[tokio::test]
async fn a_workspace_over_its_rate_gets_429_with_retry_after() {
    let dir = tempfile::tempdir().unwrap();
    with_limits(dir.path(), "[limits]\nrequests_per_second = 1.0\nburst = 3");
    let app = TestApp::in_dir(dir, |_, _| {}).await;
    let mut statuses = Vec::new();
    for i in 0..6 {
        let mut m = fixture("request_saludo.json");
        m["message"]["id"] = json!(format!("r{i}"));
        let r = app.post("/v1/decide", Some(DEMO_KEY), &m).await;
        if r.status.as_u16() == 429 {
            assert_problem(&r, 429, "rate_limited");
            let wait: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
            assert!((1..=2).contains(&wait), "{wait}");
        }
        statuses.push(r.status.as_u16());
    }
    assert_eq!(&statuses[..3], &[200, 200, 200]);
    assert!(statuses[3..].iter().all(|s| *s == 429), "{statuses:?}");
    // Another workspace has its own bucket.
    let mut m = fixture("request_saludo.json");
    m["workspace_id"] = json!("other-salon");
    assert_eq!(
        app.post("/v1/decide", Some(OTHER_KEY), &m)
            .await
            .status
            .as_u16(),
        200
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn beyond_the_concurrency_limit_requests_get_503_with_retry_after() {
    // A webhook that holds its request for a while keeps the one permit busy.
    let slow = axum::Router::new().route(
        "/hours",
        axum::routing::post(|| async {
            tokio::time::sleep(Duration::from_millis(800)).await;
            axum::Json(json!({"kind": "hours", "weekly": [[], [], [], [], [], [], []]}))
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, slow).await.unwrap() });
    let dir = tempfile::tempdir().unwrap();
    with_limits(
        dir.path(),
        &format!(
            "[[tools]]\nname = \"get_hours\"\nurl = \"http://{hook}/hours\"\nallow_private_network = true\ntimeout_ms = 3000"
        ),
    );
    let app = Arc::new(TestApp::in_dir(dir, |a, _| a.max_concurrency = Some(1)).await);
    let busy = {
        let app = app.clone();
        tokio::spawn(async move {
            let mut m = fixture("request_saludo.json");
            m["message"]["text"] = json!("a qué hora abren?");
            app.post("/v1/decide", Some(DEMO_KEY), &m).await
        })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    let r = app
        .post(
            "/v1/decide",
            Some(DEMO_KEY),
            &fixture("request_precio.json"),
        )
        .await;
    assert_problem(&r, 503, "overloaded");
    assert_eq!(r.headers["retry-after"], "1");
    assert_eq!(busy.await.unwrap().status.as_u16(), 200);
    assert_eq!(
        app.post(
            "/v1/decide",
            Some(DEMO_KEY),
            &fixture("request_precio.json")
        )
        .await
        .status
        .as_u16(),
        200
    );
}

fn threads() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| {
            l.strip_prefix("Threads:")
                .map(|v| v.trim().parse().unwrap())
        })
        .unwrap()
}

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd")
        .map(|d| d.count())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flapping_webhook_leaks_no_threads_or_connections() {
    let hits = Arc::new(AtomicU32::new(0));
    let h = hits.clone();
    let flappy = axum::Router::new().route(
        "/prices",
        axum::routing::post(move || {
            let n = h.fetch_add(1, Ordering::SeqCst);
            async move {
                match n % 3 {
                    0 => (axum::http::StatusCode::SERVICE_UNAVAILABLE, axum::Json(json!({}))),
                    1 => {
                        tokio::time::sleep(Duration::from_millis(300)).await;
                        (axum::http::StatusCode::OK, axum::Json(json!({"kind": "prices", "services": []})))
                    }
                    _ => (axum::http::StatusCode::OK, axum::Json(json!({"kind": "prices", "services": [{"id": "corte-dama", "name": "Corte de dama", "price": 18000, "duration_minutes": 45}]}))),
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, flappy).await.unwrap() });
    let dir = tempfile::tempdir().unwrap();
    with_limits(
        dir.path(),
        &format!(
            "[[tools]]\nname = \"get_prices\"\nurl = \"http://{hook}/prices\"\nallow_private_network = true\ntimeout_ms = 100"
        ),
    );
    let app = TestApp::in_dir(dir, |_, f| {
        f.tools.timeout_ms = Some(100);
        f.tools.backoff_base_ms = Some(1);
        f.tools.breaker_cooldown_ms = Some(50);
    })
    .await;
    let warm = |i: usize| {
        let mut m = fixture("request_precio.json");
        m["message"]["id"] = json!(format!("w{i}"));
        m
    };
    for i in 0..10 {
        app.post("/v1/decide", Some(DEMO_KEY), &warm(i)).await;
    }
    let (t0, f0) = (threads(), open_fds());
    for i in 10..70 {
        let r = app.post("/v1/decide", Some(DEMO_KEY), &warm(i)).await;
        assert_eq!(r.status.as_u16(), 200);
        let text = r.body["reply"]["text"].as_str().unwrap();
        // Honest replies: a price only when the tool answered with one.
        let ok = r.body["actions"][0]["status"] == "ok";
        assert!(ok || text.contains("no puedo confirmarlo"), "{text}");
    }
    tokio::time::sleep(Duration::from_millis(400)).await;
    let (t1, f1) = (threads(), open_fds());
    assert!(t1 <= t0 + 4, "threads {t0} → {t1}");
    assert!(f1 <= f0 + 8, "open files {f0} → {f1}");
}

/// The real binary with a broken model file: it serves on the rules and says why.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_corrupt_or_truncated_model_leaves_the_service_up_on_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let real = repo().join("models/qwen2.5-coder-0.5b-instruct.gguf");
    let truncated = dir.path().join("truncated.gguf");
    if real.exists() {
        let bytes = std::fs::read(&real).unwrap();
        std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    } else {
        std::fs::write(&truncated, b"GGUF\x03\x00\x00\x00truncated").unwrap();
    }
    let corrupt = dir.path().join("corrupt.gguf");
    std::fs::write(&corrupt, vec![0x5Au8; 1 << 20]).unwrap();
    let cases = [
        (
            "missing",
            dir.path().join("nope.gguf").display().to_string(),
        ),
        ("corrupt", corrupt.display().to_string()),
        ("truncated", truncated.display().to_string()),
    ];
    let c = http();
    for (what, path) in cases {
        let sub = dir.path().join(what);
        std::fs::create_dir_all(&sub).unwrap();
        let (mut server, url) = start_binary(
            &sub,
            &[
                ("ENABLE_SLM_PIPELINE", "true".into()),
                ("SLM_CANARY_PERCENT", "100".into()),
                ("PULPO_MODEL", path.clone()),
            ],
        );
        // /ready turns to a definite "not ready" with the reason (after the loader gives up).
        let mut reason = String::new();
        for _ in 0..100 {
            let r: serde_json::Value = c
                .get(format!("{url}/ready"))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            let missing = r["model_missing"].as_str().unwrap_or("").to_string();
            if !missing.is_empty() && missing != "loading" {
                assert_eq!(r["status"], "not_ready", "{what}: {r}");
                reason = missing;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(
            reason.contains("fix"),
            "{what}: the reason says how to fix it: {reason}"
        );
        let (status, body) = send(
            &c,
            &url,
            "wa:1",
            "m1",
            "hola, cuánto sale el corte?",
            now_ba(),
        )
        .await;
        assert_eq!(status, 200, "{what}: {body}");
        assert_eq!(body["route"], "slm");
        assert_eq!(body["fallback_reason"], "slm_unavailable", "{what}");
        assert_eq!(body["intent"], "info_prices");
        assert!(
            server.try_wait().unwrap().is_none(),
            "{what}: still running"
        );
        let log = std::fs::read_to_string(sub.join(format!("serve-{}.log", server.id())))
            .unwrap_or_default();
        assert!(
            log.contains("could not be loaded"),
            "{what}: the log says so"
        );
        let _ = server.kill();
        let _ = server.wait();
    }
}
