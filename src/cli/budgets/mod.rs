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
mod shadow;
pub use shadow::*;

pub const MESSAGES: &str = include_str!("../../../benches/messages.txt");

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
    /// The shadow A/B's equivalence margin: a p90 change whose whole interval lies within
    /// ± this many milliseconds is too small for the reference box to resolve run to run.
    #[serde(default)]
    pub shadow_p90_margin_ms: Option<f64>,
    /// Budgets against the same run's own speed (enforced in `--quick` too: they hold on any
    /// machine, so CI can check them).
    #[serde(default)]
    pub relative: Relative,
}

/// Costs relative to a reference measured in the same run.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Relative {
    /// Model-route `decide` p50 over the model's reading of a message (`slm_extract`) p50: one
    /// model pass per turn keeps it near 1; a second prefill makes it about 2.
    pub slm_decide_per_extract: Option<f64>,
    /// Rule-route `decide` p50 over the rules' own reading of a message (`legacy_extract`) p50:
    /// what the route adds (planning, tools, the store, the reply, HTTP) stays a small multiple.
    pub legacy_decide_per_extract: Option<f64>,
}

/// One relative budget's verdict.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RelativeCheck {
    pub name: String,
    pub ratio: f64,
    pub limit: f64,
    pub ok: bool,
}

fn relative_check(
    name: &str,
    rows: &[Row],
    num: &str,
    den: &str,
    limit: Option<f64>,
) -> Option<RelativeCheck> {
    let limit = limit?;
    let p50 = |w: &str| rows.iter().find(|r| r.workload == w).map(|r| r.p50_ms);
    let (n, d) = (p50(num)?, p50(den)?);
    let ratio = if d > 0.0 { n / d } else { f64::INFINITY };
    Some(RelativeCheck {
        name: name.to_string(),
        ratio,
        limit,
        ok: ratio <= limit,
    })
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

/// The model extractor for a customer on the model route who arrives while a shadow reading
/// runs (started ~50 ms earlier): the shadow reading must give way at once. Also returns how
/// many shadow readings gave way.
pub async fn slm_extract_behind_shadow(
    model: &Arc<dyn ModelPath>,
    ws: &Arc<Workspace>,
    msgs: &[String],
) -> Result<(Vec<f64>, usize), String> {
    let (mut lat, mut gave_way) = (Vec::new(), 0);
    let ctx = ExtractContext::default();
    let deadline = || Instant::now() + std::time::Duration::from_secs(30);
    for m in msgs {
        let rules = RuleExtractor.analyze(ws, m, &ctx);
        wait_until_idle(model).await;
        let shadow = {
            let (model, ws, m, ctx, rules) = (
                model.clone(),
                ws.clone(),
                m.clone(),
                ctx.clone(),
                rules.clone(),
            );
            tokio::spawn(async move {
                model
                    .extract_if_idle(ws, &m, &ctx, &rules, deadline())
                    .await
                    .is_none()
            })
        };
        let give_up = Instant::now() + std::time::Duration::from_secs(10);
        while model.is_idle() && Instant::now() < give_up {
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let t = Instant::now();
        model
            .extract(ws.clone(), m, &ctx, &rules, deadline())
            .await
            .map_err(|e| e.to_string())?;
        lat.push(t.elapsed().as_secs_f64() * 1000.0);
        if shadow.await.map_err(|e| e.to_string())? {
            gave_way += 1;
        }
    }
    Ok((lat, gave_way))
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
        workspaces: Some(bench_workspaces(workspaces, scratch)?),
        enable_slm_pipeline: Some(slm),
        slm_canary_percent: Some(if slm { 100 } else { 0 }),
        slm_shadow_percent: Some(shadow),
        slm_deadline_ms: Some(30_000),
        // The same switch as the server's: a budget run measures what `pulpo serve` would do.
        model_planner: std::env::var("PULPO_MODEL_PLANNER")
            .ok()
            .map(|v| matches!(v.as_str(), "1" | "true" | "yes")),
        ..Default::default()
    };
    let cfg = crate::config::Config::merge(&args, Default::default(), None)?;
    let state = crate::server::build_state(cfg, model, None).await?;
    Ok(crate::api::app(state))
}

/// The key the benchmarks call with.
pub const BENCH_KEY: &str = "demo-key";

/// Copies of the workspace files for a benchmark: each accepts [`BENCH_KEY`] and has no
/// practical rate limit (the benchmarks measure answering, not the limiter's refusals).
pub fn bench_workspaces(src: &Path, scratch: &Scratch) -> anyhow::Result<PathBuf> {
    use anyhow::Context;
    let dir = scratch.0.join("workspaces");
    std::fs::create_dir_all(&dir)?;
    let digest = hex::encode(crate::keys::digest(BENCH_KEY));
    for entry in std::fs::read_dir(src).with_context(|| format!("reading {}", src.display()))? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let mut v: toml::Table = toml::from_str(&std::fs::read_to_string(&path)?)
            .with_context(|| format!("parsing {}", path.display()))?;
        let mut auth = toml::Table::new();
        auth.insert(
            "api_key_sha256".into(),
            toml::Value::Array(vec![digest.clone().into()]),
        );
        v.insert("auth".into(), toml::Value::Table(auth));
        let mut limits = toml::Table::new();
        limits.insert("requests_per_second".into(), toml::Value::Float(1e6));
        limits.insert("burst".into(), toml::Value::Integer(1_000_000));
        v.insert("limits".into(), toml::Value::Table(limits));
        let name = path.file_name().unwrap_or_default();
        std::fs::write(dir.join(name), toml::to_string(&v)?)?;
    }
    Ok(dir)
}

/// Whole `POST /v1/decide` requests, each message a new conversation, back to back.
pub async fn decide(
    app: &axum::Router,
    msgs: &[String],
    rounds: usize,
    tag: &str,
) -> Result<Vec<f64>, String> {
    decide_paced(app, msgs, rounds, tag, None).await
}

/// [`decide`], starting a request every `every` at most (a steady arrival rate, with the
/// gaps between requests a real server has).
pub async fn decide_paced(
    app: &axum::Router,
    msgs: &[String],
    rounds: usize,
    tag: &str,
    every: Option<std::time::Duration>,
) -> Result<Vec<f64>, String> {
    let mut lat = Vec::new();
    let mut next = tokio::time::Instant::now();
    for r in 0..rounds {
        for (i, m) in msgs.iter().enumerate() {
            if let Some(every) = every {
                tokio::time::sleep_until(next).await;
                next += every;
            }
            let body = serde_json::json!({
                "workspace_id": "demo-salon",
                "conversation_id": format!("bench-{tag}-{r}-{i}"),
                "message": {"id": format!("m{r}-{i}"), "text": m},
            });
            let req = Request::builder()
                .method("POST")
                .uri("/v1/decide")
                .header("authorization", format!("Bearer {BENCH_KEY}"))
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
) -> anyhow::Result<Report> {
    let all = messages();
    let msgs: Vec<String> = if quick {
        all.iter().take(6).cloned().collect()
    } else {
        all
    };
    let rounds = if quick { 1 } else { 3 };
    let mut shadow = None;
    let mut shadow_gave_way = None;
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
        let (lat, gave_way) = slm_extract_behind_shadow(&m, &ws, &msgs)
            .await
            .map_err(anyhow::Error::msg)?;
        rows.push(row("slm_extract_behind_shadow", lat, budgets));
        shadow_gave_way = Some((gave_way, msgs.len()));
        // The rule route while the model shadows every conversation in the background: shadow
        // mode must not slow the customers' answers beyond noise.
        let (blocks, reps) = if quick { (3, 1) } else { (30, 2) };
        let cost = shadow_cost(
            &m,
            workspaces,
            &msgs,
            blocks,
            reps,
            budgets.shadow_p90_margin_ms,
        )
        .await?;
        rows.push(row("legacy_shadow_off", cost.off.clone(), budgets));
        rows.push(row("legacy_shadowed", cost.on.clone(), budgets));
        shadow = Some(cost);
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
    let relative = [
        relative_check(
            "one model pass per turn (slm_decide / slm_extract, p50)",
            &rows,
            "slm_decide",
            "slm_extract",
            budgets.relative.slm_decide_per_extract,
        ),
        relative_check(
            "rule route (legacy_decide / legacy_extract, p50)",
            &rows,
            "legacy_decide",
            "legacy_extract",
            budgets.relative.legacy_decide_per_extract,
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    Ok(Report {
        rows,
        shadow,
        shadow_gave_way,
        relative,
    })
}

/// What `pulpo budgets` measured.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    pub rows: Vec<Row>,
    /// Shadow mode's cost on the rule route (model workloads only).
    pub shadow: Option<ShadowCost>,
    /// `slm_extract_behind_shadow`: shadow readings that gave way, of those started.
    pub shadow_gave_way: Option<(usize, usize)>,
    /// Budgets against the same run's own speed (always enforced).
    pub relative: Vec<RelativeCheck>,
}

pub fn table(report: &Report, enforced: bool) -> String {
    let rows = &report.rows;
    use std::fmt::Write;
    let mut s = format!(
        "{:<26} {:>5} {:>10} {:>10} {:>10} {:>12}  verdict\n",
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
            "{:<26} {:>5} {:>10.2} {:>10.2} {:>10.2} {:>12}  {verdict}",
            r.workload, r.n, r.p50_ms, r.p90_ms, r.p99_ms, budget
        );
    }
    if let Some((gave, of)) = report.shadow_gave_way {
        let _ = writeln!(
            s,
            "slm_extract_behind_shadow: {gave} of {of} shadow readings gave way to the customer's reading"
        );
    }
    if let Some(cost) = &report.shadow {
        s.push_str(&cost.summary());
    }
    for c in &report.relative {
        let _ = writeln!(
            s,
            "relative: {}: {:.2} (at most {:.2}) {}",
            c.name,
            c.ratio,
            c.limit,
            if c.ok { "ok" } else { "OVER BUDGET" }
        );
    }
    s
}

/// `pulpo budgets`.
pub fn run_command(args: &super::args::BudgetsArgs) -> anyhow::Result<()> {
    let b = Budgets::load(&args.budgets).map_err(anyhow::Error::msg)?;
    let ws = Arc::new(super::workspace(&args.workspace)?);
    let path = if args.no_model {
        None
    } else {
        let spec = crate::pipeline::loader::ModelSpec {
            model: args.model.model.clone(),
            models_dir: args.model.models_dir.clone(),
            threads: args.model.threads(),
            queue: 4,
            batch: crate::engine::worker::MAX_BATCH,
            autoload: false,
        };
        Some(crate::pipeline::loader::load_model_path(&spec, &ws)?)
    };
    let quick = args.quick;
    let report =
        super::runtime()?.block_on(run(&b, ws, &args.workspace.workspaces, path, quick))?;
    print!("{}", table(&report, !quick));
    if !quick && report.rows.iter().any(|r| !r.ok) {
        anyhow::bail!("a workload is over its p90 budget");
    }
    // Relative budgets hold on any machine, noisy or slow: enforced in --quick (CI) too.
    if let Some(c) = report.relative.iter().find(|c| !c.ok) {
        anyhow::bail!(
            "{}: {:.2}, over its relative budget {:.2}",
            c.name,
            c.ratio,
            c.limit
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_budgets_compare_p50s_of_the_same_run() {
        let b = Budgets {
            p90_ms: BTreeMap::new(),
            shadow_p90_margin_ms: None,
            relative: Relative::default(),
        };
        let rows = vec![
            row("slm_extract", vec![100.0, 110.0, 120.0], &b),
            row("slm_decide", vec![210.0, 220.0, 230.0], &b),
        ];
        let c = relative_check("x", &rows, "slm_decide", "slm_extract", Some(1.6)).unwrap();
        assert!((c.ratio - 2.0).abs() < 1e-9 && !c.ok);
        let c = relative_check("x", &rows, "slm_extract", "slm_extract", Some(1.6)).unwrap();
        assert!(c.ok);
        // No limit, or a workload that did not run (no model): no check.
        assert!(relative_check("x", &rows, "slm_decide", "slm_extract", None).is_none());
        assert!(
            relative_check("x", &rows, "legacy_decide", "legacy_extract", Some(20.0)).is_none()
        );
    }

    #[test]
    fn t_quantiles_match_the_tables() {
        // Student's t, 0.975: 2.228 (10 df), 2.023 (39 df), 1.984 (100 df).
        assert!((t975(2.0) - 4.303).abs() < 1e-9);
        assert!((t975(10.0) - 2.228).abs() < 0.01);
        assert!((t975(39.0) - 2.023).abs() < 0.002);
        assert!((t975(100.0) - 1.984).abs() < 0.002);
    }

    #[test]
    fn a_paired_delta_has_the_mean_and_a_t_interval() {
        // Mean 0.1, sample sd 0.082 (n = 4): half-width t(3)·sd/2, t(3) = 3.182.
        let d = Delta::of(&[0.0, 0.1, 0.1, 0.2]);
        assert!((d.mean_ms - 0.1).abs() < 1e-12);
        let sd = (0.02f64 / 3.0).sqrt();
        let half = d.ci95_ms.1 - d.mean_ms;
        assert!((half - t975(3.0) * sd / 2.0).abs() < 1e-12);
        assert!((d.mean_ms - d.ci95_ms.0 - half).abs() < 1e-12);
        // Identical arms: a zero difference and a zero-width interval.
        let z = Delta::of(&[0.0; 5]);
        assert_eq!((z.mean_ms, z.ci95_ms), (0.0, (0.0, 0.0)));
    }

    #[test]
    fn the_block_bootstrap_finds_a_shifted_tail_and_not_an_equal_one() {
        // 20 blocks of 100: the same spread in both arms, the "on" tail 2 ms higher.
        let block = |shift: f64, b: usize| -> Vec<f64> {
            (0..100)
                .map(|i| {
                    let base = 0.5 + ((i * 37 + b * 11) % 100) as f64 / 100.0;
                    if i % 50 == 0 {
                        base + 3.0 + shift
                    } else {
                        base
                    }
                })
                .collect()
        };
        let off: Vec<Vec<f64>> = (0..20).map(|b| block(0.0, b)).collect();
        let same: Vec<Vec<f64>> = (0..20).map(|b| block(0.0, b)).collect();
        let worse: Vec<Vec<f64>> = (0..20).map(|b| block(2.0, b)).collect();
        let d = block_bootstrap_p99(&off, &same, 200);
        assert_eq!(d.mean_ms, 0.0);
        assert!(d.ci95_ms.0 <= 0.0 && d.ci95_ms.1 >= 0.0, "{d:?}");
        let d = block_bootstrap_p99(&off, &worse, 200);
        assert!(d.ci95_ms.0 > 0.0, "{d:?}");
    }

    #[test]
    fn the_verdict_is_slower_only_when_the_whole_interval_is_above_zero() {
        let cost = |lo: f64, hi: f64| ShadowCost {
            off: vec![1.0],
            on: vec![1.0],
            readings: 0,
            blocks: 2,
            p50_delta: Delta {
                mean_ms: 0.0,
                ci95_ms: (0.0, 0.0),
            },
            p90_delta: Delta {
                mean_ms: (lo + hi) / 2.0,
                ci95_ms: (lo, hi),
            },
            p99_delta: Delta {
                mean_ms: 0.0,
                ci95_ms: (-1.0, 1.0),
            },
            margin_ms: Some(0.1),
        };
        assert!(cost(-0.1, 0.1).not_slower());
        assert!(cost(-0.3, -0.1).not_slower());
        assert!(!cost(0.05, 0.2).not_slower());
        assert!(cost(0.05, 0.2).summary().contains("SLOWER beyond noise"));
        assert_eq!(cost(0.01, 0.08).within_margin(), Some(true));
        assert_eq!(cost(-0.05, 0.08).within_margin(), Some(true));
        assert_eq!(cost(0.05, 0.2).within_margin(), Some(false));
        assert!(cost(0.05, 0.2).summary().contains("NOT within the ±0.1 ms"));
    }
}
