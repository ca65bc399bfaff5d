//! The service over real sockets: the app on `127.0.0.1:0`, and the real `pulpo` binary
//! (start, answer, finish in-flight work on SIGTERM).

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};

fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_app_answers_on_a_real_socket() {
    let app = TestApp::new().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let c = client();
    let r = c
        .post(format!("http://{addr}/v1/decide"))
        .bearer_auth(DEMO_KEY)
        .json(&fixture("request_precio.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let body: Value = r.json().await.unwrap();
    assert_valid_response(&body);
    assert_eq!(body["intent"], "info_prices");
    // Garbage on the wire gets a problem, and the server keeps serving.
    let r = c
        .post(format!("http://{addr}/v1/decide"))
        .bearer_auth(DEMO_KEY)
        .header("content-type", "application/json")
        .body(vec![0xff, 0xfe, 0x00, b'{'])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    let r = c.get(format!("http://{addr}/health")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
}

#[tokio::test]
async fn the_binary_serves_and_finishes_in_flight_requests_on_sigterm() {
    // A webhook tool that takes 1.5 s, so a request is in flight when SIGTERM arrives.
    let slow = axum::Router::new().route(
        "/hours",
        axum::routing::post(|| async {
            tokio::time::sleep(Duration::from_millis(1500)).await;
            axum::Json(
                json!({"kind": "hours", "weekly": [[], ["10:00-20:00"], [], [], [], [], []]}),
            )
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, slow).await.unwrap() });

    let dir = tempfile::tempdir().unwrap();
    let ws_dir = workspaces_dir(dir.path());
    let demo = std::fs::read_to_string(ws_dir.join("demo-salon.toml")).unwrap();
    std::fs::write(
        ws_dir.join("demo-salon.toml"),
        format!("{demo}\n[[tools]]\nname = \"get_hours\"\nurl = \"http://{hook}/hours\"\nallow_private_network = true\ntimeout_ms = 5000\n"),
    )
    .unwrap();
    let (mut child, url) = start_binary(dir.path(), &[]);
    let c = client();
    let r = c.get(format!("{url}/ready")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let r = c
        .post(format!("{url}/v1/decide"))
        .bearer_auth(DEMO_KEY)
        .json(&fixture("request_saludo.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_valid_response(&r.json().await.unwrap());

    let mut m = fixture("request_saludo.json");
    m["message"]["text"] = json!("a qué hora abren?");
    m["message"]["id"] = json!("slow-1");
    let in_flight = tokio::spawn({
        let c = c.clone();
        let url = url.clone();
        async move {
            c.post(format!("{url}/v1/decide"))
                .bearer_auth(DEMO_KEY)
                .json(&m)
                .send()
                .await
        }
    });
    tokio::time::sleep(Duration::from_millis(400)).await;
    let killed = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(killed.success());
    let resp = in_flight
        .await
        .unwrap()
        .expect("the in-flight request got an answer");
    assert_eq!(resp.status().as_u16(), 200);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["actions"][0]["status"], "ok", "{body}");
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the binary did not exit after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status}");
}
