//! Helpers shared by the integration tests: an app on a temporary SQLite file with the demo
//! salon and a second workspace, driven in-process with `oneshot`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use chrono::{DateTime, Duration, FixedOffset};
use http_body_util::BodyExt;
use pulpo::api::state::AppState;
use pulpo::config::{Config, FileConfig, ServeArgs};
use serde_json::{json, Value};
use tower::ServiceExt;

pub const ADMIN: &str = "test-admin-token";
pub const DEMO_KEY: &str = "demo-key";
pub const OTHER_KEY: &str = "other-key";
/// SHA-256 of `demo-key`.
pub const DEMO_KEY_SHA256: &str =
    "c48a01f49fd0f2cc404bc3cbbc80e91457a3d41bb429a695243de4c61794155c";
/// The `[limits]` the tests' demo salon gets (appended to its file).
pub const TEST_LIMITS: &str = "\n[limits]\nrequests_per_second = 1000.0\nburst = 2000\n";

/// Replaces the `[limits]` of the tests' demo salon.
pub fn set_demo_limits(dir: &Path, limits: &str) {
    let ws = workspaces_dir(dir);
    let demo = std::fs::read_to_string(ws.join("demo-salon.toml")).unwrap();
    std::fs::write(
        ws.join("demo-salon.toml"),
        demo.replace(TEST_LIMITS, &format!("\n{limits}\n")),
    )
    .unwrap();
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A workspace directory with the demo salon and the tests' second workspace.
pub fn workspaces_dir(dir: &Path) -> PathBuf {
    let ws = dir.join("workspaces");
    std::fs::create_dir_all(&ws).unwrap();
    for (src, name) in [
        ("config/workspaces/demo-salon.toml", "demo-salon.toml"),
        (
            "tests/fixtures/workspaces/other-salon.toml",
            "other-salon.toml",
        ),
    ] {
        // Keep a file a test has already written (or a restart would undo it).
        if !ws.join(name).exists() {
            let mut text = std::fs::read_to_string(repo().join(src)).unwrap();
            if name == "demo-salon.toml" {
                // The shipped file has no key: the tests' copy accepts `demo-key`, and limits
                // high enough for tests that send many messages at once (the faults tests
                // write their own).
                text = text.replace(
                    "[auth]\n",
                    &format!("[auth]\napi_key_sha256 = [\"{DEMO_KEY_SHA256}\"]\n"),
                );
                text.push_str(TEST_LIMITS);
            }
            std::fs::write(ws.join(name), text).unwrap();
        }
    }
    ws
}

pub struct TestApp {
    pub state: Arc<AppState>,
    pub router: Router,
    pub dir: tempfile::TempDir,
    /// The instant its clock started at (`PULPO_NOW`), kept across a restart.
    pub now_arg: Option<String>,
}

/// The store a test app uses: a SQLite file in its directory, or — with
/// `PULPO_TEST_DB=postgres` — a fresh database on the server at `PULPO_TEST_PG_URL`.
pub async fn test_db(dir: &Path) -> String {
    if std::env::var("PULPO_TEST_DB").as_deref() != Ok("postgres") {
        return dir.join("pulpo.db").display().to_string();
    }
    let marker = dir.join("pg-url");
    if let Ok(url) = std::fs::read_to_string(&marker) {
        return url;
    }
    let admin =
        std::env::var("PULPO_TEST_PG_URL").expect("PULPO_TEST_DB=postgres needs PULPO_TEST_PG_URL");
    let url = fresh_pg_database(&admin).await;
    std::fs::write(&marker, &url).unwrap();
    url
}

/// Creates an empty database on the server of `admin_url`; returns its URL.
pub async fn fresh_pg_database(admin_url: &str) -> String {
    let name = format!("pulpo_test_{}", uuid::Uuid::new_v4().simple());
    let (client, conn) = tokio_postgres::connect(admin_url, tokio_postgres::NoTls)
        .await
        .expect("the test PostgreSQL server answers");
    tokio::spawn(conn);
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or(admin_url);
    format!("{base}/{name}")
}

pub fn on_postgres() -> bool {
    std::env::var("PULPO_TEST_DB").as_deref() == Ok("postgres")
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestApp::with(|_, _| {}).await
    }

    /// An app whose clock reads `at` now (the day a conversation happens on).
    pub async fn at(at: DateTime<FixedOffset>) -> TestApp {
        TestApp::with(|args, _| args.now = Some(at.to_rfc3339())).await
    }

    pub async fn with(tune: impl FnOnce(&mut ServeArgs, &mut FileConfig)) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        TestApp::in_dir(dir, tune).await
    }

    /// An app over an existing directory (a restart keeps the database).
    pub async fn in_dir(
        dir: tempfile::TempDir,
        tune: impl FnOnce(&mut ServeArgs, &mut FileConfig),
    ) -> TestApp {
        let mut args = ServeArgs {
            db: Some(test_db(dir.path()).await),
            workspaces: Some(workspaces_dir(dir.path())),
            // The tests' clock (PULPO_NOW when the date-sensitive suite sets it).
            now: now_arg(),
            ..Default::default()
        };
        let mut file = FileConfig::default();
        // Tests bring their own model (or none): enabling the flags must not load one.
        file.model.autoload = Some(false);
        tune(&mut args, &mut file);
        let now_arg = args.now.clone();
        let config = Config::merge(&args, file, Some(ADMIN.into())).unwrap();
        let state = pulpo::server::build_state(config, None, Some("no model in this test".into()))
            .await
            .unwrap();
        let router = pulpo::api::app(state.clone());
        TestApp {
            state,
            router,
            dir,
            now_arg,
        }
    }

    pub async fn restart(self) -> TestApp {
        let TestApp {
            state,
            router,
            dir,
            now_arg,
        } = self;
        drop(router);
        drop(state);
        TestApp::in_dir(dir, move |args, _| args.now = now_arg).await
    }

    /// The same app restarted (its database kept) on a clock that reads `at` now.
    pub async fn restart_at(self, at: DateTime<FixedOffset>) -> TestApp {
        let now = Some(at.to_rfc3339());
        let TestApp {
            state, router, dir, ..
        } = self;
        drop(router);
        drop(state);
        TestApp::in_dir(dir, move |args, _| args.now = now).await
    }

    pub async fn request(
        &self,
        method: &str,
        path: &str,
        key: Option<&str>,
        body: Option<String>,
        content_type: Option<&str>,
    ) -> Reply {
        let mut b = Request::builder().method(method).uri(path);
        if let Some(k) = key {
            b = b.header("authorization", format!("Bearer {k}"));
        }
        if let Some(ct) = content_type {
            b = b.header("content-type", ct);
        }
        let req = b
            .body(body.map(Body::from).unwrap_or_else(Body::empty))
            .unwrap();
        let resp = self.router.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        let body = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn post(&self, path: &str, key: Option<&str>, body: &Value) -> Reply {
        self.request(
            "POST",
            path,
            key,
            Some(body.to_string()),
            Some("application/json"),
        )
        .await
    }

    /// Sends one customer message to the demo salon and returns the 200 response body.
    pub async fn say(
        &self,
        conversation: &str,
        message_id: &str,
        text: &str,
        at: DateTime<FixedOffset>,
    ) -> Value {
        let r = self
            .post(
                "/v1/decide",
                Some(DEMO_KEY),
                &message(conversation, message_id, text, at),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{text}: {}", r.body);
        assert_valid_response(&r.body);
        r.body
    }
}

pub fn message(
    conversation: &str,
    message_id: &str,
    text: &str,
    at: DateTime<FixedOffset>,
) -> Value {
    json!({
        "workspace_id": "demo-salon",
        "conversation_id": conversation,
        "message": {"id": message_id, "text": text, "timestamp": at.to_rfc3339()},
        "customer": {"phone": "+5491155557777", "name": "Test"},
        "channel": "whatsapp",
        "metadata": {}
    })
}

/// The tests' clock: the system's, or — when `PULPO_NOW` is set, as `scripts/test.sh`
/// does to run the date-sensitive tests on days next to each closure — one started there.
pub fn clock() -> &'static pulpo::clock::Clock {
    static CLOCK: std::sync::OnceLock<pulpo::clock::Clock> = std::sync::OnceLock::new();
    CLOCK.get_or_init(|| match std::env::var("PULPO_NOW") {
        Ok(s) if !s.trim().is_empty() => pulpo::clock::Clock::starting_at(
            pulpo::clock::Clock::parse_start(&s).expect("PULPO_NOW is an RFC 3339 instant"),
        ),
        _ => pulpo::clock::Clock::system(),
    })
}

/// `PULPO_NOW` for an app built now: the tests' clock when it is set, else the system's.
pub fn now_arg() -> Option<String> {
    clock().is_set().then(|| now_ba().to_rfc3339())
}

/// Now in Buenos Aires, on the tests' clock.
pub fn now_ba() -> DateTime<FixedOffset> {
    clock()
        .now()
        .with_timezone(&FixedOffset::west_opt(3 * 3600).unwrap())
}

/// The demo salon as the service loads it (hours, closures, staff).
pub fn demo_workspace() -> pulpo::domain::catalog::Workspace {
    let src = std::fs::read_to_string(repo().join("config/workspaces/demo-salon.toml")).unwrap();
    pulpo::domain::catalog::Workspace::from_toml(&src, |_| None).unwrap()
}

/// Whether the demo salon is open on `day` from `from` to `to` (closures included).
pub fn open_between(day: chrono::NaiveDate, from: u32, to: u32) -> bool {
    use chrono::{Datelike, NaiveTime};
    let ws = demo_workspace();
    let (a, b) = (
        NaiveTime::from_hms_opt(from, 0, 0).unwrap(),
        NaiveTime::from_hms_opt(to, 0, 0).unwrap(),
    );
    ws.is_open_on(day)
        && ws
            .hours_on(day.weekday())
            .iter()
            .any(|(open, close)| *open <= a && b <= *close)
}

/// Whether the demo salon opens at all on `day` (its weekday's hours, and no closure).
pub fn is_open(day: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    let ws = demo_workspace();
    ws.is_open_on(day) && !ws.hours_on(day.weekday()).is_empty()
}

/// The next day at least `min_days` ahead that falls on `wd` and on which the salon is open
/// — asked of the workspace, so closures are skipped — and an instant the day before it
/// (09:30), when a customer writes "el <weekday>".
pub fn next_open(wd: chrono::Weekday, min_days: i64) -> (chrono::NaiveDate, DateTime<FixedOffset>) {
    use chrono::Datelike;
    for d in min_days..min_days + 120 {
        let day = at_day(d, 9, 0).date_naive();
        if day.weekday() == wd && is_open(day) {
            return (day, at_day(d - 1, 9, 30));
        }
    }
    panic!("the demo salon is never open on {wd:?} in the next months")
}

/// `n` days at least `min_days` ahead on which the salon is open from `from` to `to`.
pub fn open_days(min_days: i64, n: usize, from: u32, to: u32) -> Vec<chrono::NaiveDate> {
    (min_days..min_days + 120)
        .map(|d| at_day(d, 9, 0).date_naive())
        .filter(|day| open_between(*day, from, to))
        .take(n)
        .collect()
}

/// The fixture's body with the timestamp moved to now (so bookings are in the future).
pub fn fixture(name: &str) -> Value {
    let src = std::fs::read_to_string(repo().join("tests/fixtures").join(name)).unwrap();
    let mut v: Value = serde_json::from_str(&src).unwrap();
    v["message"]["timestamp"] = json!(now_ba().to_rfc3339());
    v
}

pub fn response_schema() -> jsonschema::Validator {
    let src = std::fs::read_to_string(repo().join("schemas/decide_response_v1.json")).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&src).unwrap()).unwrap()
}

pub fn assert_valid_response(v: &Value) {
    let schema = response_schema();
    let errors: Vec<String> = schema
        .iter_errors(v)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "response does not match decide_response_v1.json: {errors:?}\n{v}"
    );
}

pub fn assert_problem(r: &Reply, status: u16, code: &str) {
    assert_eq!(r.status.as_u16(), status, "{}", r.body);
    assert_eq!(
        r.headers.get("content-type").and_then(|v| v.to_str().ok()),
        Some("application/problem+json"),
        "{}",
        r.body
    );
    for field in ["type", "title", "status", "detail", "code"] {
        assert!(
            r.body.get(field).is_some(),
            "problem body lacks `{field}`: {}",
            r.body
        );
    }
    assert_eq!(r.body["status"], status);
    assert_eq!(r.body["code"], code, "{}", r.body);
}

/// A day `days` ahead at `hh:mm` in Buenos Aires, as a message timestamp.
pub fn at_day(days: i64, hh: u32, mm: u32) -> DateTime<FixedOffset> {
    let base = now_ba() + Duration::days(days);
    base.date_naive()
        .and_hms_opt(hh, mm, 0)
        .unwrap()
        .and_local_timezone(FixedOffset::west_opt(3 * 3600).unwrap())
        .unwrap()
}

/// Starts the real binary on an ephemeral port; returns the child and its base URL.
/// `PULPO_DB` defaults to a SQLite file in `dir`; `extra_env` overrides anything.
pub fn start_binary(dir: &Path, extra_env: &[(&str, String)]) -> (std::process::Child, String) {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pulpo"));
    cmd.arg("serve")
        .env("PULPO_ADDR", "127.0.0.1:0")
        .env("PULPO_DB", dir.join("pulpo.db"))
        .env("PULPO_WORKSPACES", workspaces_dir(dir))
        .env("PULPO_CONFIG", dir.join("none.toml"))
        .env("PULPO_ADMIN_TOKEN", ADMIN)
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .stdout(Stdio::null());
    if clock().is_set() {
        cmd.env("PULPO_NOW", now_ba().to_rfc3339());
    }
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let log = dir.join(format!("serve-{}.log", child.id()));
    std::thread::spawn(move || {
        let mut sent = false;
        let mut out = std::fs::File::create(log).ok();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(f) = out.as_mut() {
                use std::io::Write;
                let _ = writeln!(f, "{line}");
            }
            if !sent {
                if let Some(url) = line.strip_prefix("pulpo listening on ") {
                    let _ = tx.send(url.trim().to_string());
                    sent = true;
                }
            }
        }
    });
    let url = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the binary printed its address");
    (child, url)
}

pub fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .unwrap()
}

/// POSTs one customer message to a running server; returns (status, body).
pub async fn send(
    c: &reqwest::Client,
    url: &str,
    conv: &str,
    msg_id: &str,
    text: &str,
    at: DateTime<FixedOffset>,
) -> (u16, Value) {
    let r = c
        .post(format!("{url}/v1/decide"))
        .bearer_auth(DEMO_KEY)
        .json(&message(conv, msg_id, text, at))
        .send()
        .await;
    match r {
        Ok(r) => {
            let status = r.status().as_u16();
            (status, r.json().await.unwrap_or(Value::Null))
        }
        Err(_) => (0, Value::Null),
    }
}
