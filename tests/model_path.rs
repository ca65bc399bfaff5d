//! The slm route with the real default model: it answers the contract, books over several
//! messages, and degrades to the rules — with the reason — on deadlines and overload.
//! Needs `pulpo models fetch` (model + reader heads; the README's test command runs it).

mod common;

use std::sync::{Arc, OnceLock};

use common::*;
use pulpo::pipeline::model::ModelPath;
use serde_json::json;

/// One loaded model for the whole test binary (loading takes seconds).
fn model(queue: usize) -> Arc<dyn ModelPath> {
    static SHARED: OnceLock<Arc<dyn ModelPath>> = OnceLock::new();
    let build = || {
        let args = pulpo::config::ServeArgs {
            models_dir: Some(repo().join("models")),
            slm_queue: Some(queue),
            ..Default::default()
        };
        let cfg = pulpo::config::Config::merge(&args, Default::default(), None).unwrap();
        pulpo::pipeline::loader::load_model_path_for(&cfg)
            .expect("the default model and its heads are fetched (pulpo models fetch)")
    };
    if queue == 0 {
        return SHARED.get_or_init(build).clone();
    }
    build()
}

async fn slm_app(deadline_ms: u64, m: Arc<dyn ModelPath>) -> TestApp {
    slm_app_at(deadline_ms, m, now_arg()).await
}

/// A model-route app whose clock starts at `now` (`None`: the system's).
async fn slm_app_at(deadline_ms: u64, m: Arc<dyn ModelPath>, now: Option<String>) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let mut args = pulpo::config::ServeArgs {
        db: Some(dir.path().join("pulpo.db").display().to_string()),
        workspaces: Some(workspaces_dir(dir.path())),
        enable_slm_pipeline: Some(true),
        slm_canary_percent: Some(100),
        slm_deadline_ms: Some(deadline_ms),
        now: now.clone(),
        ..Default::default()
    };
    args.models_dir = Some(repo().join("models"));
    let cfg = pulpo::config::Config::merge(&args, Default::default(), Some(ADMIN.into())).unwrap();
    let state = pulpo::server::build_state(cfg, Some(m), None)
        .await
        .unwrap();
    TestApp {
        router: pulpo::api::app(state.clone()),
        state,
        dir,
        now_arg: now,
    }
}

#[tokio::test]
async fn seed_fixtures_answer_on_the_slm_route() {
    let app = slm_app(10_000, model(0)).await;
    for (name, want) in [
        ("request_saludo.json", "greeting"),
        ("request_precio.json", "info_prices"),
        ("request_reserva.json", "book"),
    ] {
        let r = app.post("/v1/decide", Some(DEMO_KEY), &fixture(name)).await;
        assert_eq!(r.status.as_u16(), 200, "{}", r.body);
        assert_valid_response(&r.body);
        assert_eq!(r.body["route"], "slm");
        assert!(r.body["fallback_reason"].is_null(), "{name}: {}", r.body);
        assert_eq!(r.body["intent"], want, "{name}");
        let c = r.body["confidence"].as_f64().unwrap();
        assert!(
            c > 0.0 && c <= 1.0 && c != 0.95,
            "the model's own probability: {c}"
        );
    }
    let ready = app.request("GET", "/ready", None, None, None).await;
    assert_eq!(ready.status.as_u16(), 200, "{}", ready.body);
    assert_eq!(ready.body["model"]["extractor"], "reader");
    // Shadow readings run on threads the OS schedules below requests (SCHED_IDLE, or nice 19
    // where a container refuses it).
    #[cfg(target_os = "linux")]
    assert!(
        matches!(
            ready.body["model"]["background_priority"].as_str(),
            Some("idle" | "nice")
        ),
        "{}",
        ready.body
    );
}

#[tokio::test]
async fn a_booking_on_the_slm_route_lands_in_sqlite() {
    // Sent the day before an open Saturday.
    let (_, sent) = next_open(chrono::Weekday::Sat, 2);
    let app = slm_app_at(10_000, model(0), Some(sent.to_rfc3339())).await;
    let c = "wa:5491100000101";
    let steps = [
        "hola! quiero sacar un turno para mechitas",
        "el sábado",
        "a las 11",
        "Carla Ruiz",
        "sí, confirmo",
    ];
    let mut last = json!(null);
    for (i, text) in steps.iter().enumerate() {
        last = app.say(c, &format!("m{i}"), text, sent).await;
        assert_eq!(last["route"], "slm");
    }
    assert_eq!(last["actions"][0]["tool"], "create_booking", "{last}");
    assert_eq!(last["actions"][0]["status"], "ok", "{last}");
    let conn = rusqlite::Connection::open(app.dir.path().join("pulpo.db")).unwrap();
    let (svc, name, status): (String, String, String) = conn
        .query_row(
            "SELECT service_id, customer_name, status FROM bookings",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (svc.as_str(), name.as_str(), status.as_str()),
        ("mechas", "Carla Ruiz", "confirmed")
    );
}

#[tokio::test]
async fn a_missed_deadline_answers_through_the_rules_and_says_so() {
    let app = slm_app(50, model(0)).await;
    // A long message cannot be read in 50 ms on two cores.
    let mut m = fixture("request_precio.json");
    m["message"]["text"] = json!("hola buenas tardes, quería consultar cuánto sale el corte de pelo y también si hacen mechas californianas, gracias ".repeat(4));
    let r = app.post("/v1/decide", Some(DEMO_KEY), &m).await;
    assert_eq!(r.status.as_u16(), 200);
    assert_valid_response(&r.body);
    assert_eq!(r.body["route"], "slm");
    assert_eq!(r.body["fallback_reason"], "slm_timeout", "{}", r.body);
    assert_eq!(r.body["intent"], "info_prices", "the rules answered");
    let metrics = app.request("GET", "/metrics", None, None, None).await;
    assert!(metrics
        .body
        .as_str()
        .unwrap()
        .contains("pulpo_fallbacks_total{reason=\"slm_timeout\"}"));
    // The model's queue gauges are set at scrape time.
    let text = metrics.body.as_str().unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("pulpo_model_queue_depth") && !l.starts_with('#')),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("pulpo_model_inflight") && !l.starts_with('#')),
        "{text}"
    );
}

#[tokio::test]
async fn overload_answers_through_the_rules_without_errors() {
    // A queue of one: of many simultaneous requests, most cannot wait for the model. What
    // must hold on any machine: no error, every fallback says why (a full queue or the
    // deadline), and whatever the model did read is read right. How many get through
    // depends on the machine's speed, measured here first.
    let deadline_ms = 3_000;
    let app = Arc::new(slm_app(deadline_ms, model(1)).await);
    let ask = |i: usize| {
        let mut m = fixture("request_precio.json");
        m["conversation_id"] = json!(format!("wa:54911000{i:05}"));
        m["message"]["id"] = json!(format!("o{i}"));
        m
    };
    let solo = app.post("/v1/decide", Some(DEMO_KEY), &ask(99)).await;
    assert_eq!(solo.status.as_u16(), 200, "{}", solo.body);
    let solo_ms = solo.body["latency_ms"].as_f64().unwrap();
    let mut handles = Vec::new();
    for i in 0..12 {
        let app = app.clone();
        let m = ask(i);
        handles.push(tokio::spawn(async move {
            app.post("/v1/decide", Some(DEMO_KEY), &m).await
        }));
    }
    let mut reasons = Vec::new();
    for h in handles {
        let r = h.await.unwrap();
        assert_eq!(r.status.as_u16(), 200, "{}", r.body);
        assert_valid_response(&r.body);
        assert_eq!(r.body["route"], "slm");
        let reason = r.body["fallback_reason"].as_str().unwrap_or("none");
        assert!(
            matches!(reason, "none" | "slm_overloaded" | "slm_timeout"),
            "{}",
            r.body
        );
        // Read by the model or by the rules, the question is understood.
        assert_eq!(r.body["intent"], "info_prices", "{}", r.body);
        reasons.push(reason.to_string());
    }
    // One in service and one waiting at most: the rest were refused by the queue at once.
    let ready = app.request("GET", "/ready", None, None, None).await;
    let model = &ready.body["model"];
    assert_eq!(model["queue_capacity"], 1, "{model}");
    assert!(
        model["queue_high_water"].as_u64().unwrap() <= 1,
        "the queue bound held: {model}"
    );
    assert!(reasons.iter().any(|r| r == "slm_overloaded"), "{reasons:?}");
    // When this machine reads a message well within the deadline, the first in line is
    // read by the model.
    if solo_ms * 2.0 < deadline_ms as f64 {
        assert!(
            reasons.iter().any(|r| r == "none"),
            "a solo read took {solo_ms} ms, yet none of the queue was read: {reasons:?}"
        );
    }
    let metrics = app.request("GET", "/metrics", None, None, None).await;
    assert!(metrics
        .body
        .as_str()
        .unwrap()
        .contains("pulpo_fallbacks_total{reason=\"slm_overloaded\"}"));
}

#[tokio::test]
async fn shadow_compares_in_the_background_correctly_and_never_changes_the_answer() {
    let m = model(0);
    let build = |shadow: u8, m: Option<Arc<dyn ModelPath>>| async move {
        let dir = tempfile::tempdir().unwrap();
        let args = pulpo::config::ServeArgs {
            db: Some(dir.path().join("pulpo.db").display().to_string()),
            workspaces: Some(workspaces_dir(dir.path())),
            enable_slm_pipeline: Some(false),
            slm_shadow_percent: Some(shadow),
            now: now_arg(),
            ..Default::default()
        };
        let cfg =
            pulpo::config::Config::merge(&args, Default::default(), Some(ADMIN.into())).unwrap();
        let state = pulpo::server::build_state(cfg, m, None).await.unwrap();
        TestApp {
            router: pulpo::api::app(state.clone()),
            state,
            dir,
            now_arg: None,
        }
    };
    let shadowed = build(100, Some(m.clone())).await;
    let plain = build(0, None).await;
    // A labelled sample: the rules and the model agree on some and not on others.
    let sample = [
        "hola buenas tardes",
        "cuánto sale el corte?",
        "tengo turno el jueves pero no llego, me lo pasás al viernes?",
        "la sofi hace pestañas?",
        "gracias!! nos vemos",
    ];
    let sent = now_ba();
    for (i, text) in sample.iter().enumerate() {
        let a = shadowed.say(&format!("wa:sh{i}"), "m", text, sent).await;
        // Wait for this message's background comparison (the model only runs when idle).
        for _ in 0..200 {
            if metric(&shadowed, "pulpo_shadow_comparisons_total{").await
                + metric(&shadowed, "pulpo_shadow_skipped_total{").await
                > i as u64
            {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let b = plain.say(&format!("wa:sh{i}"), "m", text, sent).await;
        assert_eq!(a["route"], "legacy");
        for field in [
            "intent",
            "slots",
            "reply",
            "next_action",
            "fallback_reason",
            "plan",
        ] {
            assert_eq!(a[field], b[field], "shadow changed `{field}` for {text:?}");
        }
        let strip = |v: &serde_json::Value| -> Vec<serde_json::Value> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|a| json!([a["tool"], a["args"], a["status"], a["result"]]))
                .collect()
        };
        assert_eq!(strip(&a["actions"]), strip(&b["actions"]), "{text}");
    }
    // The comparisons land in the store shortly after (the model runs when idle).
    assert_eq!(
        metric(&shadowed, "pulpo_shadow_comparisons_total{").await,
        sample.len() as u64,
        "every message compared"
    );
    assert_eq!(metric(&shadowed, "pulpo_shadow_skipped_total{").await, 0);
    let store = shadowed.state.pipeline.store.clone();
    let rows = store
        .shadow_disagreements(chrono::Utc::now() - chrono::Duration::hours(1), 100)
        .await
        .unwrap();
    let ws = Arc::new(
        pulpo::cli::workspace_file(&repo().join("config/workspaces/demo-salon.toml")).unwrap(),
    );
    let ctx = pulpo::nlu::ExtractContext::default();
    let mut disagreements = 0;
    for text in sample {
        let rules = pulpo::nlu::rules::RuleExtractor.analyze(&ws, text, &ctx);
        let read = m
            .extract(
                ws.clone(),
                text,
                &ctx,
                &rules,
                std::time::Instant::now() + std::time::Duration::from_secs(30),
            )
            .await
            .unwrap();
        let (agrees, differ) =
            pulpo::pipeline::shadow::compare(&rules.extraction, &read.extraction);
        let stored = rows.iter().find(|r| r.text_redacted == text);
        match stored {
            Some(r) => {
                disagreements += 1;
                assert_eq!(r.legacy_intent, rules.extraction.intent.as_str(), "{text}");
                assert_eq!(r.slm_intent, read.extraction.intent.as_str(), "{text}");
                assert_eq!(r.intent_agrees, agrees, "{text}");
                assert_eq!(r.slot_disagreements, differ, "{text}");
            }
            None => assert!(
                agrees && differ.is_empty(),
                "{text}: a disagreement that was not kept"
            ),
        }
    }
    assert_eq!(disagreements, rows.len());
}

/// The sum of a metric over its label sets.
async fn metric(app: &TestApp, name: &str) -> u64 {
    let m = app.request("GET", "/metrics", None, None, None).await;
    m.body
        .as_str()
        .unwrap()
        .lines()
        .filter(|l| l.starts_with(name))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<u64>().ok())
        .sum()
}
