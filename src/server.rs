//! Start-up: config → workspaces → store → tools → model → pipeline → HTTP, and shutdown.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use tokio::sync::Semaphore;

use crate::api::{self, state::AppState};
use crate::config::Config;
use crate::domain::catalog::Workspace;
use crate::pipeline::model::ModelPath;
use crate::pipeline::Pipeline;
use crate::router::Flags;
use crate::telemetry::metrics::Metrics;
use crate::tools::broker::Broker;

/// Loads every `*.toml` workspace file of a directory.
pub fn load_workspaces(dir: &Path) -> anyhow::Result<HashMap<String, Arc<Workspace>>> {
    let mut out = HashMap::new();
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("reading workspaces from {}", dir.display()))?;
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let src = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let ws = Workspace::from_toml(&src, |k| std::env::var(k).ok().filter(|v| !v.is_empty()))
            .with_context(|| format!("in {}", path.display()))?;
        if ws.api_key_digests.is_empty() {
            tracing::warn!(workspace = %ws.id, "workspace has no API key: nobody can call it");
        }
        if let Some(prev) = out.insert(ws.id.clone(), Arc::new(ws)) {
            anyhow::bail!(
                "workspace id `{}` is defined twice (second in {})",
                prev.id,
                path.display()
            );
        }
    }
    if out.is_empty() {
        anyhow::bail!("no workspace files (*.toml) in {}", dir.display());
    }
    Ok(out)
}

/// Everything the HTTP layer needs, with the model supplied by the caller (it may be absent).
pub async fn build_state(
    config: Config,
    model: Option<Arc<dyn ModelPath>>,
    model_missing: Option<String>,
) -> anyhow::Result<Arc<AppState>> {
    let workspaces = load_workspaces(&config.workspaces_dir)?;
    let store = crate::store::open(&config.db)
        .await
        .context("opening the store")?;
    let metrics = Arc::new(Metrics::default());
    let ws_list: Vec<Arc<Workspace>> = workspaces.values().cloned().collect();
    let broker =
        Broker::new(config.tools.clone(), &ws_list, metrics.clone()).map_err(anyhow::Error::msg)?;
    let flags = Arc::new(Flags::new(config.flags));
    let pipeline = Pipeline {
        store,
        broker: Arc::new(broker),
        metrics: metrics.clone(),
        flags: flags.clone(),
        salt: config.canary_salt.clone(),
        model,
        model_missing,
        slm_deadline: config.slm_deadline,
        lease: config.lease,
        turn_wait: config.turn_wait,
        holder: format!("{}-{}", hostname(), std::process::id()),
        rules: Default::default(),
    };
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../schemas/decide_request_v1.json"))
            .context("parsing schemas/decide_request_v1.json")?;
    let request_schema =
        jsonschema::validator_for(&schema).map_err(|e| anyhow::anyhow!("request schema: {e}"))?;
    Ok(Arc::new(AppState {
        concurrency: Arc::new(Semaphore::new(config.max_concurrency)),
        config,
        workspaces,
        pipeline: Arc::new(pipeline),
        metrics,
        flags,
        request_schema,
        rate: Default::default(),
        started: Instant::now(),
    }))
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "pulpo".into())
}

/// Serves until SIGTERM/Ctrl-C, then lets in-flight requests finish.
pub async fn serve(state: Arc<AppState>) -> anyhow::Result<()> {
    let addr = state.config.addr.clone();
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    let local = listener.local_addr()?;
    tracing::info!(addr = %local, "listening");
    // Tests and scripts read this line to find an ephemeral port.
    eprintln!("pulpo listening on http://{local}");
    axum::serve(listener, api::app(state))
        .with_graceful_shutdown(api::shutdown::signal())
        .await
        .context("serving HTTP")?;
    tracing::info!("stopped");
    Ok(())
}
