//! Latency budgets, enforced by benchmark workloads rather than by timed tests: `pulpo budgets`
//! runs each workload over the fixed realistic messages of `benches/messages.txt` and fails
//! when a p90 exceeds its budget in `config/budgets.toml`. The criterion benches
//! (`benches/pipeline.rs`) run the same workloads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::http::Request;
use serde::Deserialize;
use tower::ServiceExt;

use crate::domain::catalog::Workspace;
use crate::domain::reducer::{self, TurnContext};
use crate::domain::state::ConversationState;
use crate::nlu::rules::RuleExtractor;
use crate::nlu::ExtractContext;
use crate::pipeline::model::ModelPath;
use crate::planner::PlanInput;
use crate::telemetry::metrics::percentile;

/// The fixed workload messages.
pub const MESSAGES: &str = include_str!("../../benches/messages.txt");

pub fn messages() -> Vec<String> {
    MESSAGES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// `config/budgets.toml`: p90 budgets in milliseconds per workload.
#[derive(Debug, Clone, Deserialize)]
pub struct Budgets {
    pub p90_ms: BTreeMap<String, f64>,
}

impl Budgets {
    pub fn load(path: &Path) -> Result<Budgets, String> {
        let src = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        toml::from_str(&src).map_err(|e| format!("{}: {e}", path.display()))
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Row {
    pub workload: String,
    pub n: usize,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub budget_p90_ms: Option<f64>,
    pub ok: bool,
}

fn row(name: &str, mut lat: Vec<f64>, budgets: &Budgets) -> Row {
    lat.sort_by(f64::total_cmp);
    let p90 = percentile(&lat, 0.9);
    let budget = budgets.p90_ms.get(name).copied();
    Row {
        workload: name.to_string(),
        n: lat.len(),
        p50_ms: percentile(&lat, 0.5),
        p90_ms: p90,
        p99_ms: percentile(&lat, 0.99),
        budget_p90_ms: budget,
        ok: budget.is_none_or(|b| p90 <= b),
    }
}

/// The rule extractor over the messages.
pub fn rule_extract(ws: &Workspace, msgs: &[String], rounds: usize) -> Vec<f64> {
    let mut lat = Vec::new();
    for _ in 0..rounds {
        for m in msgs {
            let t = Instant::now();
            std::hint::black_box(RuleExtractor.extract(ws, m, &ExtractContext::default()));
            lat.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    lat
}

/// The model extractor (through the model worker, as in production).
pub async fn slm_extract(
    model: &Arc<dyn ModelPath>,
    ws: &Arc<Workspace>,
    msgs: &[String],
    rounds: usize,
) -> Result<Vec<f64>, String> {
    let mut lat = Vec::new();
    let ctx = ExtractContext::default();
    for _ in 0..rounds {
        for m in msgs {
            let rules = RuleExtractor.analyze(ws, m, &ctx);
            let t = Instant::now();
            model
                .extract(
                    ws.clone(),
                    m,
                    &ctx,
                    &rules,
                    Instant::now() + std::time::Duration::from_secs(30),
                )
                .await
                .map_err(|e| e.to_string())?;
            lat.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    Ok(lat)
}

/// The model planner on the state each message leads to.
pub async fn slm_plan(
    model: &Arc<dyn ModelPath>,
    ws: &Arc<Workspace>,
    msgs: &[String],
    rounds: usize,
) -> Result<Vec<f64>, String> {
    let mut lat = Vec::new();
    let ctx = ExtractContext::default();
    let now = chrono::Utc::now().with_timezone(&ws.tz).naive_local();
    for _ in 0..rounds {
        for m in msgs {
            let ex = RuleExtractor.extract(ws, m, &ctx);
            let mut st = ConversationState::default();
            reducer::apply_extraction(
                &mut st,
                &ex,
                &TurnContext {
                    ws,
                    now,
                    customer_phone: None,
                    message_key: "bench".into(),
                },
            );
            let input = PlanInput {
                ws,
                state: &st,
                extraction: &ex,
                message_key: "bench",
            };
            let t = Instant::now();
            model
                .plan(&input, Instant::now() + std::time::Duration::from_secs(30))
                .await
                .map_err(|e| e.to_string())?;
            lat.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    Ok(lat)
}

/// A throwaway directory for a workload's database.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(tag: &str) -> std::io::Result<Scratch> {
        let p = std::env::temp_dir().join(format!(
            "pulpo-{tag}-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4()
        ));
        std::fs::create_dir_all(&p)?;
        Ok(Scratch(p))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An in-process app on a scratch SQLite with the route forced by the flags.
pub async fn app(
    slm: bool,
    model: Option<Arc<dyn ModelPath>>,
    workspaces: &Path,
    scratch: &Scratch,
) -> anyhow::Result<axum::Router> {
    app_with(slm, 0, model, workspaces, scratch).await
}

/// `app`, with `shadow` percent of rule-route conversations also read by the model in the
/// background (shadow mode).
pub async fn app_with(
    slm: bool,
    shadow: u8,
    model: Option<Arc<dyn ModelPath>>,
    workspaces: &Path,
    scratch: &Scratch,
) -> anyhow::Result<axum::Router> {
    let args = crate::config::ServeArgs {
        db: Some(scratch.0.join("pulpo.db").display().to_string()),
        workspaces: Some(workspaces.to_path_buf()),
        enable_slm_pipeline: Some(slm),
        slm_canary_percent: Some(if slm { 100 } else { 0 }),
        slm_shadow_percent: Some(shadow),
        slm_deadline_ms: Some(30_000),
        ..Default::default()
    };
    let cfg = crate::config::Config::merge(&args, Default::default(), None)?;
    let state = crate::server::build_state(cfg, model, None).await?;
    Ok(crate::api::app(state))
}

/// Whole `POST /v1/decide` requests, each message a new conversation.
pub async fn decide(
    app: &axum::Router,
    msgs: &[String],
    rounds: usize,
    tag: &str,
) -> Result<Vec<f64>, String> {
    let mut lat = Vec::new();
    for r in 0..rounds {
        for (i, m) in msgs.iter().enumerate() {
            let body = serde_json::json!({
                "workspace_id": "demo-salon",
                "conversation_id": format!("bench-{tag}-{r}-{i}"),
                "message": {"id": format!("m{r}-{i}"), "text": m},
            });
            let req = Request::builder()
                .method("POST")
                .uri("/v1/decide")
                .header("authorization", "Bearer demo-key")
                .header("content-type", "application/json")
                .body(Body::from(body.to_string()))
                .map_err(|e| e.to_string())?;
            let t = Instant::now();
            let resp = app.clone().oneshot(req).await.map_err(|e| e.to_string())?;
            if !resp.status().is_success() {
                return Err(format!("decide answered {}", resp.status()));
            }
            let _ = axum::body::to_bytes(resp.into_body(), 1 << 20).await;
            lat.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    Ok(lat)
}

/// Runs every workload; `model` absent skips the model workloads.
pub async fn run(
    budgets: &Budgets,
    ws: Arc<Workspace>,
    workspaces: &Path,
    model: Option<Arc<dyn ModelPath>>,
    quick: bool,
) -> anyhow::Result<Vec<Row>> {
    let all = messages();
    let msgs: Vec<String> = if quick {
        all.iter().take(6).cloned().collect()
    } else {
        all
    };
    let rounds = if quick { 1 } else { 3 };
    let mut rows = vec![row(
        "legacy_extract",
        rule_extract(&ws, &msgs, rounds * 20),
        budgets,
    )];
    let scratch = Scratch::new("budgets")?;
    let legacy = app(false, None, workspaces, &scratch).await?;
    decide(&legacy, &msgs, 1, "warm")
        .await
        .map_err(anyhow::Error::msg)?;
    rows.push(row(
        "legacy_decide",
        decide(&legacy, &msgs, rounds * 5, "legacy")
            .await
            .map_err(anyhow::Error::msg)?,
        budgets,
    ));
    if let Some(m) = model {
        rows.push(row(
            "slm_extract",
            slm_extract(&m, &ws, &msgs, rounds)
                .await
                .map_err(anyhow::Error::msg)?,
            budgets,
        ));
        rows.push(row(
            "slm_plan",
            slm_plan(&m, &ws, &msgs, rounds)
                .await
                .map_err(anyhow::Error::msg)?,
            budgets,
        ));
        // The rule route while the model shadows every conversation in the background: shadow
        // mode must not slow the customers' answers beyond noise.
        let scratch = Scratch::new("budgets-shadow")?;
        let shadowed = app_with(false, 100, Some(m.clone()), workspaces, &scratch).await?;
        rows.push(row(
            "legacy_shadowed",
            decide(&shadowed, &msgs, rounds * 5, "shadow")
                .await
                .map_err(anyhow::Error::msg)?,
            budgets,
        ));
        let scratch = Scratch::new("budgets-slm")?;
        let slm = app(true, Some(m), workspaces, &scratch).await?;
        rows.push(row(
            "slm_decide",
            decide(&slm, &msgs, rounds, "slm")
                .await
                .map_err(anyhow::Error::msg)?,
            budgets,
        ));
    }
    Ok(rows)
}

pub fn table(rows: &[Row], enforced: bool) -> String {
    use std::fmt::Write;
    let mut s = format!(
        "{:<16} {:>5} {:>10} {:>10} {:>10} {:>12}  verdict\n",
        "workload", "n", "p50 ms", "p90 ms", "p99 ms", "budget p90"
    );
    for r in rows {
        let budget = r
            .budget_p90_ms
            .map(|b| format!("{b:.1}"))
            .unwrap_or_else(|| "—".into());
        let verdict = match (r.ok, enforced) {
            (true, _) => "ok",
            (false, true) => "OVER BUDGET",
            (false, false) => "over (not enforced in --quick)",
        };
        let _ = writeln!(
            s,
            "{:<16} {:>5} {:>10.2} {:>10.2} {:>10.2} {:>12}  {verdict}",
            r.workload, r.n, r.p50_ms, r.p90_ms, r.p99_ms, budget
        );
    }
    s
}
