//! The pipeline around the model path, with a scripted model: every kind of model failure
//! answers through the rules with its reason, and the policy refuses what a planner may not
//! do. (A fake is fine here: these are tests of the code around the model.)

mod common;

use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;
use chrono::NaiveDate;
use common::*;
use pulpo::domain::actions::ToolCall;
use pulpo::domain::catalog::Workspace;
use pulpo::domain::plan::Plan;
use pulpo::nlu::rules::RuleAnalysis;
use pulpo::nlu::{ExtractContext, Intent};
use pulpo::pipeline::model::{ModelExtraction, ModelFailure, ModelPath};
use pulpo::planner::PlanInput;
use serde_json::json;

/// Reads like the rules, fails on cue words, and always proposes booking without a yes.
struct Scripted;

#[async_trait]
impl ModelPath for Scripted {
    async fn extract(
        &self,
        _ws: Arc<Workspace>,
        text: &str,
        _ctx: &ExtractContext,
        rules: &RuleAnalysis,
        _d: Instant,
    ) -> Result<ModelExtraction, ModelFailure> {
        if text.contains("esquema") {
            return Err(ModelFailure::SchemaInvalid("bad output".into()));
        }
        if text.contains("motor") {
            return Err(ModelFailure::Engine("kernel panic".into()));
        }
        let mut e = rules.extraction.clone();
        e.confidence = 0.42;
        Ok(ModelExtraction {
            extraction: e,
            latency_ms: 1.0,
        })
    }

    async fn plan(&self, input: &PlanInput<'_>, _d: Instant) -> Result<Plan, ModelFailure> {
        if input.extraction.intent == Intent::Greeting {
            return Ok(pulpo::planner::rules::plan(input));
        }
        Ok(Plan::Call(ToolCall::CreateBooking {
            service: "corte-dama".into(),
            then: vec![],
            date: NaiveDate::from_ymd_opt(2030, 1, 4).unwrap(),
            time: chrono::NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
            staff: None,
            customer_name: "Nadie".into(),
            customer_phone: None,
            contact_phone: None,
            idempotency_key: "x".into(),
        }))
    }

    async fn extract_if_idle(
        &self,
        ws: Arc<Workspace>,
        text: &str,
        ctx: &ExtractContext,
        rules: &RuleAnalysis,
        d: Instant,
    ) -> Option<Result<ModelExtraction, ModelFailure>> {
        Some(self.extract(ws, text, ctx, rules, d).await)
    }

    fn describe(&self) -> serde_json::Value {
        json!({"model": "scripted"})
    }
}

async fn app() -> TestApp {
    app_with_planner(true).await
}

/// `model_planner`: whether the model also proposes the next step (off by default).
async fn app_with_planner(model_planner: bool) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let args = pulpo::config::ServeArgs {
        db: Some(dir.path().join("pulpo.db").display().to_string()),
        workspaces: Some(workspaces_dir(dir.path())),
        enable_slm_pipeline: Some(true),
        slm_canary_percent: Some(100),
        model_planner: Some(model_planner),
        now: now_arg(),
        ..Default::default()
    };
    let cfg = pulpo::config::Config::merge(&args, Default::default(), Some(ADMIN.into())).unwrap();
    let state = pulpo::server::build_state(cfg, Some(Arc::new(Scripted)), None)
        .await
        .unwrap();
    TestApp {
        router: pulpo::api::app(state.clone()),
        state,
        dir,
        now_arg: None,
    }
}

#[tokio::test]
async fn each_model_failure_has_its_reason_and_a_rule_answer() {
    let app = app().await;
    for (i, (text, reason)) in [
        ("cuánto sale el corte? esquema", "schema_invalid"),
        ("cuánto sale el corte? motor", "slm_error"),
    ]
    .iter()
    .enumerate()
    {
        let r = app.say("wa:1", &format!("f{i}"), text, now_ba()).await;
        assert_eq!(r["route"], "slm");
        assert_eq!(r["fallback_reason"], *reason, "{r}");
        assert_eq!(r["intent"], "info_prices");
        assert!(r["reply"]["text"].as_str().unwrap().contains("$18.000"));
    }
    let m = app.request("GET", "/metrics", None, None, None).await;
    let text = m.body.as_str().unwrap();
    assert!(
        text.contains("pulpo_schema_validation_failures_total{stage=\"extractor\"} 1"),
        "{text}"
    );
    assert!(text.contains("pulpo_fallbacks_total{reason=\"slm_error\"} 1"));
}

#[tokio::test]
async fn a_plan_the_policy_refuses_falls_back_to_the_rule_planner() {
    let app = app().await;
    let r = app
        .say("wa:2", "p1", "cuánto sale el corte?", now_ba())
        .await;
    assert_eq!(r["fallback_reason"], "planner_rejected", "{r}");
    assert_eq!(
        r["actions"][0]["tool"], "get_prices",
        "the rule planner's step ran"
    );
    let n: i64 = rusqlite::Connection::open(app.dir.path().join("pulpo.db"))
        .unwrap()
        .query_row("SELECT COUNT(*) FROM bookings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0, "nothing was booked without a confirmation");
    // A plan the policy accepts is the model's.
    let r = app.say("wa:2", "p2", "hola!", now_ba()).await;
    assert!(r["fallback_reason"].is_null(), "{r}");
    assert_eq!(r["confidence"], 0.42);
}

#[tokio::test]
async fn by_default_the_rules_plan_from_the_models_reading() {
    // The scripted model would propose a step the policy refuses; off by default, it is
    // never asked: one model pass per turn.
    let app = app_with_planner(false).await;
    let r = app
        .say("wa:3", "p1", "cuánto sale el corte?", now_ba())
        .await;
    assert!(r["fallback_reason"].is_null(), "{r}");
    assert_eq!(r["actions"][0]["tool"], "get_prices", "{r}");
}
