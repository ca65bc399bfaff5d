//! /ops and /playground in headless Chromium (playwright-core). Needs Debian's `chromium` and
//! `npm install` in tests/browser (`.ci/run` installs both and sets PULPO_REQUIRE_BROWSER=1,
//! which turns a missing browser into a failure instead of a skip).

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ops_page_flips_the_canary_and_playground_books() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let ready = Path::new(&chromium).exists() && dir.join("node_modules/playwright-core").exists();
    if !ready {
        assert!(
            std::env::var("PULPO_REQUIRE_BROWSER").is_err(),
            "chromium ({chromium}) or tests/browser/node_modules missing"
        );
        eprintln!("SKIPPED: install chromium and run `npm install` in tests/browser to run the browser test");
        return;
    }
    let app = TestApp::new().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-screenshots");
    let result = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg(dir.join("ops_playground.mjs"))
            .arg(format!("http://{addr}"))
            .arg(ADMIN)
            .arg(&out)
            .output()
    })
    .await
    .unwrap()
    .expect("node runs");
    let stdout = String::from_utf8_lossy(&result.stdout);
    let stderr = String::from_utf8_lossy(&result.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        result.status.success(),
        "browser test failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("playground: booked"), "{stdout}");
    for shot in [
        "ops-before.png",
        "ops-canary-50.png",
        "playground-booked.png",
    ] {
        assert!(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target/browser-screenshots")
                .join(shot)
                .exists(),
            "{shot}"
        );
    }
}
