//! The HTTP contract, deterministic routing, runtime flags and bad input, through `app()`.

mod common;

use common::*;
use pulpo::router::{route, FlagValues, Route};
use serde_json::json;

#[tokio::test]
async fn seed_fixtures_answer_on_the_legacy_route() {
    let app = TestApp::new().await;
    for (name, intents) in [
        ("request_saludo.json", vec!["greeting"]),
        ("request_precio.json", vec!["info_prices"]),
        ("request_reserva.json", vec!["book"]),
    ] {
        let r = app.post("/v1/decide", Some(DEMO_KEY), &fixture(name)).await;
        assert_eq!(r.status.as_u16(), 200, "{name}: {}", r.body);
        assert_valid_response(&r.body);
        let b = &r.body;
        assert_eq!(b["contract_version"], "v1");
        assert_eq!(b["route"], "legacy", "{name}");
        assert!(b["fallback_reason"].is_null(), "{name}");
        assert!(
            intents.contains(&b["intent"].as_str().unwrap()),
            "{name}: {}",
            b["intent"]
        );
        assert!(!b["reply"]["text"].as_str().unwrap().is_empty());
        assert!(r.headers.get("x-request-id").is_some());
    }
    // The price question names the catalog price.
    let r = app
        .post(
            "/v1/decide",
            Some(DEMO_KEY),
            &fixture("request_precio.json"),
        )
        .await;
    assert!(
        r.body["reply"]["text"]
            .as_str()
            .unwrap()
            .contains("$18.000"),
        "{}",
        r.body
    );
    // The booking request asks for what is missing or offers the slot, and names the service.
    let r = app
        .post(
            "/v1/decide",
            Some(DEMO_KEY),
            &fixture("request_reserva.json"),
        )
        .await;
    assert_eq!(r.body["slots"]["service_type"], "corte");
    assert_eq!(r.body["slots"]["preferred_time"], "17:00");
}

#[tokio::test]
async fn a_message_without_text_gets_asked_to_write() {
    // n8n passes stickers, audios and photos with an empty text.
    let app = TestApp::new().await;
    let at = now_ba();
    for (i, text) in ["", "   \n"].iter().enumerate() {
        let b = app.say(&format!("wa:54911000009{i}"), "m1", text, at).await;
        assert_eq!(b["next_action"], "reply", "{b}");
        assert!(
            b["reply"]["text"]
                .as_str()
                .unwrap()
                .contains("solo leo mensajes escritos"),
            "{b}"
        );
    }
    // In the middle of a booking, the question still stands.
    let c = "wa:5491100000099";
    app.say(c, "m1", "quiero turno para corte", at).await;
    let b = app.say(c, "m2", "", at).await;
    assert_eq!(b["next_action"], "reply", "{b}");
    assert!(b["reply"]["text"].as_str().unwrap().contains('?'), "{b}");
}

#[tokio::test]
async fn request_id_is_honoured_or_generated() {
    let app = TestApp::new().await;
    let req = axum::http::Request::builder()
        .method("POST")
        .uri("/v1/decide")
        .header("authorization", "Bearer demo-key")
        .header("content-type", "application/json")
        .header("x-request-id", "n8n-exec-42")
        .body(axum::body::Body::from(
            fixture("request_saludo.json").to_string(),
        ))
        .unwrap();
    use tower::ServiceExt;
    let resp = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(resp.headers()["x-request-id"], "n8n-exec-42");
    let body: serde_json::Value = serde_json::from_slice(
        &http_body_util::BodyExt::collect(resp.into_body())
            .await
            .unwrap()
            .to_bytes(),
    )
    .unwrap();
    assert_eq!(body["request_id"], "n8n-exec-42");
    let r = app.post("/v1/decide", Some(DEMO_KEY), &json!({})).await;
    assert!(
        r.headers.get("x-request-id").is_some(),
        "generated even for errors"
    );
}

#[tokio::test]
async fn same_conversation_same_route_over_50_calls() {
    let app = TestApp::with(|a, _| {
        a.enable_slm_pipeline = Some(true);
        a.slm_canary_percent = Some(50);
    })
    .await;
    let mut routes = std::collections::BTreeSet::new();
    for i in 0..50 {
        let mut m = fixture("request_saludo.json");
        m["message"]["id"] = json!(format!("m{i}"));
        let r = app.post("/v1/decide", Some(DEMO_KEY), &m).await;
        assert_eq!(r.status.as_u16(), 200);
        routes.insert(r.body["route"].as_str().unwrap().to_string());
    }
    assert_eq!(routes.len(), 1, "{routes:?}");
}

#[test]
fn ten_percent_of_2000_random_ids_land_between_8_and_12_percent() {
    let flags = FlagValues {
        enable_slm_pipeline: true,
        slm_canary_percent: 10,
        slm_shadow_percent: 0,
    };
    let mut rng = 0x2545F4914F6CDD1Du64;
    let mut slm = 0;
    for _ in 0..2000 {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let id = format!("wa:{}", rng % 10_000_000_000_000);
        if route(&flags, "pulpo-canary-v1", &id) == Route::Slm {
            slm += 1;
        }
    }
    let share = slm as f64 / 2000.0;
    assert!((0.08..=0.12).contains(&share), "share {share}");
}

#[tokio::test]
async fn raising_the_canary_moves_no_slm_conversation_back_and_takes_effect_at_once() {
    let app = TestApp::new().await;
    let put = |pct: u64| json!({"enable_slm_pipeline": true, "slm_canary_percent": pct});
    let r = app
        .request(
            "PUT",
            "/admin/flags",
            Some(ADMIN),
            Some(put(10).to_string()),
            Some("application/json"),
        )
        .await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.body);
    assert_eq!(r.body["slm_canary_percent"], 10);

    let ids: Vec<String> = (0..200).map(|i| format!("wa:54911{i:08}")).collect();
    let mut at10 = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let mut m = fixture("request_saludo.json");
        m["conversation_id"] = json!(id);
        m["message"]["id"] = json!(format!("a{i}"));
        let r = app.post("/v1/decide", Some(DEMO_KEY), &m).await;
        at10.push(r.body["route"].as_str().unwrap().to_string());
        // Without a model, the slm arm is answered by the rules and says so.
        if r.body["route"] == "slm" {
            assert_eq!(r.body["fallback_reason"], "slm_unavailable");
        }
    }
    let n10 = at10.iter().filter(|r| *r == "slm").count();
    assert!(n10 > 5 && n10 < 40, "{n10} of 200 at 10%");

    let r = app
        .request(
            "PUT",
            "/admin/flags",
            Some(ADMIN),
            Some(put(30).to_string()),
            Some("application/json"),
        )
        .await;
    assert_eq!(r.status.as_u16(), 200);
    let got = app
        .request("GET", "/admin/flags", Some(ADMIN), None, None)
        .await;
    assert_eq!(
        got.body,
        json!({"enable_slm_pipeline": true, "slm_canary_percent": 30, "slm_shadow_percent": 0})
    );
    let mut n30 = 0;
    for (i, id) in ids.iter().enumerate() {
        let mut m = fixture("request_saludo.json");
        m["conversation_id"] = json!(id);
        m["message"]["id"] = json!(format!("b{i}"));
        let r = app.post("/v1/decide", Some(DEMO_KEY), &m).await;
        let now = r.body["route"].as_str().unwrap();
        if at10[i] == "slm" {
            assert_eq!(now, "slm", "{id} moved back to legacy");
        }
        n30 += usize::from(now == "slm");
    }
    assert!(
        n30 > n10,
        "raising to 30% moved conversations to slm ({n10} → {n30})"
    );

    // Rollback: disabled → everything legacy, at once.
    let r = app
        .request(
            "PUT",
            "/admin/flags",
            Some(ADMIN),
            Some(json!({"enable_slm_pipeline": false}).to_string()),
            Some("application/json"),
        )
        .await;
    assert_eq!(r.status.as_u16(), 200);
    for (i, id) in ids.iter().enumerate().take(50) {
        let mut m = fixture("request_saludo.json");
        m["conversation_id"] = json!(id);
        m["message"]["id"] = json!(format!("c{i}"));
        let r = app.post("/v1/decide", Some(DEMO_KEY), &m).await;
        assert_eq!(r.body["route"], "legacy");
    }
    let metrics = app.request("GET", "/metrics", None, None, None).await;
    let text = metrics.body.as_str().unwrap();
    assert!(
        text.contains("pulpo_fallbacks_total{reason=\"slm_unavailable\"}"),
        "{text}"
    );
    assert!(text.contains("pulpo_requests_total{route=\"slm\""));
    assert!(text.contains("pulpo_requests_total{route=\"legacy\""));
}

#[tokio::test]
async fn admin_endpoints_need_the_token_and_vanish_without_one() {
    let app = TestApp::new().await;
    assert_problem(
        &app.request("GET", "/admin/flags", None, None, None).await,
        401,
        "unauthorized",
    );
    assert_problem(
        &app.request("GET", "/admin/flags", Some("wrong-token"), None, None)
            .await,
        401,
        "unauthorized",
    );
    assert_problem(
        &app.request("GET", "/admin/flags", Some(DEMO_KEY), None, None)
            .await,
        401,
        "unauthorized",
    );
    let bad = app
        .request(
            "PUT",
            "/admin/flags",
            Some(ADMIN),
            Some(json!({"slm_canary_percent": 101}).to_string()),
            Some("application/json"),
        )
        .await;
    assert_problem(&bad, 422, "validation_failed");
    assert!(
        bad.body["detail"]
            .as_str()
            .unwrap()
            .contains("slm_canary_percent"),
        "{}",
        bad.body
    );

    let dir = tempfile::tempdir().unwrap();
    let args = pulpo::config::ServeArgs {
        db: Some(dir.path().join("p.db").display().to_string()),
        workspaces: Some(workspaces_dir(dir.path())),
        now: now_arg(),
        ..Default::default()
    };
    let config = pulpo::config::Config::merge(&args, Default::default(), None).unwrap();
    let state = pulpo::server::build_state(config, None, None)
        .await
        .unwrap();
    let no_admin = TestApp {
        router: pulpo::api::app(state.clone()),
        state,
        dir,
        now_arg: None,
    };
    assert_problem(
        &no_admin
            .request("GET", "/admin/flags", Some(ADMIN), None, None)
            .await,
        404,
        "admin_disabled",
    );
}

#[tokio::test]
async fn bad_input_gets_a_problem_and_the_server_keeps_serving() {
    let app = TestApp::new().await;
    let good = fixture("request_precio.json");
    let post_raw = |body: String, ct: &'static str, key: Option<&'static str>| {
        let app = &app;
        async move {
            app.request("POST", "/v1/decide", key, Some(body), Some(ct))
                .await
        }
    };

    // Malformed JSON.
    assert_problem(
        &post_raw(
            "{\"workspace_id\": ".into(),
            "application/json",
            Some(DEMO_KEY),
        )
        .await,
        400,
        "invalid_json",
    );
    // Wrong content type.
    assert_problem(
        &post_raw(good.to_string(), "text/plain", Some(DEMO_KEY)).await,
        415,
        "unsupported_media_type",
    );
    // Missing fields, each named.
    for (field, pointer) in [
        ("workspace_id", "/workspace_id"),
        ("conversation_id", "/conversation_id"),
        ("message", "/message"),
    ] {
        let mut m = good.clone();
        m.as_object_mut().unwrap().remove(field);
        let r = app.post("/v1/decide", Some(DEMO_KEY), &m).await;
        assert_problem(&r, 422, "validation_failed");
        assert!(
            r.body["detail"].as_str().unwrap().contains(field),
            "{pointer}: {}",
            r.body
        );
    }
    let mut m = good.clone();
    m["message"].as_object_mut().unwrap().remove("text");
    assert_problem(
        &app.post("/v1/decide", Some(DEMO_KEY), &m).await,
        422,
        "validation_failed",
    );
    // Wrong types.
    let mut m = good.clone();
    m["message"]["text"] = json!(42);
    assert_problem(
        &app.post("/v1/decide", Some(DEMO_KEY), &m).await,
        422,
        "validation_failed",
    );
    // Text over 4000 chars.
    let mut m = good.clone();
    m["message"]["text"] = json!("a".repeat(4001));
    let r = app.post("/v1/decide", Some(DEMO_KEY), &m).await;
    assert_problem(&r, 422, "validation_failed");
    assert!(
        r.body["detail"].as_str().unwrap().contains("/message/text"),
        "{}",
        r.body
    );
    assert!(
        !r.body["detail"].as_str().unwrap().contains("aaaaaaaaaa"),
        "the detail must not echo the text"
    );
    // Exactly 4000 is fine.
    let mut m = good.clone();
    m["message"]["text"] = json!("a".repeat(4000));
    m["message"]["id"] = json!("long-ok");
    assert_eq!(
        app.post("/v1/decide", Some(DEMO_KEY), &m)
            .await
            .status
            .as_u16(),
        200
    );
    // Body over 64 KiB.
    let mut m = good.clone();
    m["metadata"] = json!({"blob": "x".repeat(70 * 1024)});
    assert_problem(
        &app.post("/v1/decide", Some(DEMO_KEY), &m).await,
        413,
        "payload_too_large",
    );
    // Bad timestamp.
    let mut m = good.clone();
    m["message"]["timestamp"] = json!("ayer a la tarde");
    assert_problem(
        &app.post("/v1/decide", Some(DEMO_KEY), &m).await,
        422,
        "validation_failed",
    );
    // Unix seconds, as a number or in a string (the WhatsApp Business Cloud API's form), are
    // taken; milliseconds are not.
    let secs = now_ba().timestamp();
    for (i, ts) in [json!(secs), json!(secs.to_string())]
        .into_iter()
        .enumerate()
    {
        let mut m = good.clone();
        m["message"]["id"] = json!(format!("unix-{i}"));
        m["message"]["timestamp"] = ts.clone();
        let r = app.post("/v1/decide", Some(DEMO_KEY), &m).await;
        assert_eq!(r.status.as_u16(), 200, "{ts}: {}", r.body);
    }
    let mut m = good.clone();
    m["message"]["timestamp"] = json!(secs * 1000);
    let r = app.post("/v1/decide", Some(DEMO_KEY), &m).await;
    assert_problem(&r, 422, "validation_failed");
    // Unknown workspace.
    let mut m = good.clone();
    m["workspace_id"] = json!("no-such-salon");
    assert_problem(
        &app.post("/v1/decide", Some(DEMO_KEY), &m).await,
        404,
        "unknown_workspace",
    );
    // Bad auth: none, wrong, another workspace's key.
    assert_problem(
        &app.post("/v1/decide", None, &good).await,
        401,
        "unauthorized",
    );
    assert_problem(
        &app.post("/v1/decide", Some("nope"), &good).await,
        401,
        "unauthorized",
    );
    assert_problem(
        &app.post("/v1/decide", Some(OTHER_KEY), &good).await,
        403,
        "forbidden",
    );
    // Unknown route and method.
    assert_problem(
        &app.request("GET", "/v2/decide", None, None, None).await,
        404,
        "not_found",
    );
    assert_problem(
        &app.request("GET", "/v1/decide", Some(DEMO_KEY), None, None)
            .await,
        405,
        "method_not_allowed",
    );

    // Still serving.
    let r = app.post("/v1/decide", Some(DEMO_KEY), &good).await;
    assert_eq!(r.status.as_u16(), 200);
    assert_valid_response(&r.body);
    let health = app.request("GET", "/health", None, None, None).await;
    assert_eq!(health.body["status"], "ok");
}

#[tokio::test]
async fn ready_reports_the_store_and_the_model() {
    let app = TestApp::new().await;
    let r = app.request("GET", "/ready", None, None, None).await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.body);
    assert_eq!(
        r.body["store"],
        if on_postgres() { "postgres" } else { "sqlite" }
    );
    // Enabling the model path without a model makes the service not ready (and says why),
    // while requests keep being answered by the rules.
    let put = json!({"enable_slm_pipeline": true, "slm_canary_percent": 100});
    app.request(
        "PUT",
        "/admin/flags",
        Some(ADMIN),
        Some(put.to_string()),
        Some("application/json"),
    )
    .await;
    let r = app.request("GET", "/ready", None, None, None).await;
    assert_problem_free_503(&r);
    let d = app
        .post(
            "/v1/decide",
            Some(DEMO_KEY),
            &fixture("request_precio.json"),
        )
        .await;
    assert_eq!(d.status.as_u16(), 200);
    assert_eq!(d.body["route"], "slm");
    assert_eq!(d.body["fallback_reason"], "slm_unavailable");
}

fn assert_problem_free_503(r: &Reply) {
    assert_eq!(r.status.as_u16(), 503, "{}", r.body);
    assert_eq!(r.body["status"], "not_ready");
    assert!(
        r.body["reasons"][0].as_str().unwrap().contains("model"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn the_openapi_document_describes_the_enforced_contract() {
    let app = TestApp::new().await;
    let r = app.request("GET", "/openapi.json", None, None, None).await;
    assert_eq!(r.status.as_u16(), 200);
    assert_eq!(r.body["openapi"], "3.1.0");
    let decide = &r.body["paths"]["/v1/decide"]["post"];
    assert!(decide["responses"]["200"].is_object());
    assert!(decide["responses"]["422"].is_object());
    // The request schema is the file the service validates against.
    let file: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("schemas/decide_request_v1.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        r.body["components"]["schemas"]["DecideRequest"]["properties"],
        file["properties"]
    );
    // And a real answer validates against the response schema it publishes.
    let resp = app
        .post(
            "/v1/decide",
            Some(DEMO_KEY),
            &fixture("request_precio.json"),
        )
        .await;
    let published =
        jsonschema::validator_for(&r.body["components"]["schemas"]["DecideResponse"]).unwrap();
    assert!(published.is_valid(&resp.body), "{}", resp.body);
}

#[tokio::test]
async fn metrics_say_which_build_answers() {
    let app = TestApp::new().await;
    let r = app.request("GET", "/metrics", None, None, None).await;
    let text = r.body.as_str().unwrap();
    let want = format!(
        "pulpo_build_info{{version=\"{}\"}} 1",
        env!("CARGO_PKG_VERSION")
    );
    assert!(text.contains(&want), "{text}");
}
