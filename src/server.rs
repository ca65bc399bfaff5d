//! Start-up: config → workspaces → store → tools → model → pipeline → HTTP, and shutdown.

use std::sync::Arc;
use std::time::{Duration, Instant};

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

/// Everything the HTTP layer needs, with the model supplied by the caller (it may be absent).
pub async fn build_state(
    config: Config,
    model: Option<Arc<dyn ModelPath>>,
    model_missing: Option<String>,
) -> anyhow::Result<Arc<AppState>> {
    let workspaces = crate::config::load_workspaces(&config.workspaces_dir)?;
    let store = crate::store::open_with_clock(&config.db, config.clock.clone())
        .await
        .context("opening the store")?;
    let metrics = Arc::new(Metrics::default());
    let ws_list: Vec<Arc<Workspace>> = workspaces.values().cloned().collect();
    let broker =
        Broker::new(config.tools.clone(), &ws_list, metrics.clone()).map_err(anyhow::Error::msg)?;
    let flags = Arc::new(Flags::new(config.flags));
    let loaded = std::sync::OnceLock::new();
    if let Some(m) = model {
        let _ = loaded.set(m);
    }
    let pipeline = Pipeline {
        store,
        broker: Arc::new(broker),
        metrics: metrics.clone(),
        flags: flags.clone(),
        salt: config.canary_salt.clone(),
        model: loaded,
        model_status: std::sync::RwLock::new(model_missing),
        slm_deadline: config.slm_deadline,
        model_planner: config.model_planner,
        lease: config.lease,
        turn_wait: config.turn_wait,
        holder: format!("{}-{}", hostname(), std::process::id()),
        flags_seq: tokio::sync::Mutex::new(0),
        rules: Default::default(),
        clock: config.clock.clone(),
        store_failure: std::sync::Mutex::new(None),
        model_spec: crate::pipeline::loader::ModelSpec::from_config(&config),
        warm_workspace: {
            let mut ids: Vec<&String> = workspaces.keys().collect();
            ids.sort();
            ids.first().and_then(|id| workspaces.get(*id)).cloned()
        },
    };
    // Flags published before this start are history: a restart takes its flags from the
    // configuration, and only later publications (from any replica) apply.
    match pipeline.store.latest_flags().await {
        Ok(Some((seq, _))) => *pipeline.flags_seq.lock().await = seq,
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "cannot read the published flags"),
    }
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../schemas/decide_request_v1.json"))
            .context("parsing schemas/decide_request_v1.json")?;
    let request_schema =
        jsonschema::validator_for(&schema).map_err(|e| anyhow::anyhow!("request schema: {e}"))?;
    // A workspace may use at most its share of the permits (three quarters by default when
    // there are several), so one busy tenant leaves room for the others.
    let n = workspaces.len();
    let default_share = if n > 1 {
        (config.max_concurrency * 3 / 4).max(1)
    } else {
        config.max_concurrency
    };
    let workspace_concurrency = workspaces
        .values()
        .map(|ws| {
            let k = ws
                .limits
                .max_concurrency
                .unwrap_or(default_share)
                .clamp(1, config.max_concurrency);
            (ws.id.clone(), (Arc::new(Semaphore::new(k)), k))
        })
        .collect();
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
        workspace_concurrency,
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
    let f = state.config.flags;
    if f.enable_slm_pipeline || f.slm_shadow_percent > 0 || state.config.preload_model {
        state.pipeline.spawn_model_load();
    } else {
        state.pipeline.set_model_status(Some(
            "disabled (ENABLE_SLM_PIPELINE=false); it loads when the flags enable it".into(),
        ));
    }
    tokio::spawn(sync_flags(state.clone()));
    tokio::spawn(retention_sweep(state.clone()));
    let addr = state.config.addr.clone();
    refuse_demo_key_in_public(&state, &addr).await?;
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    let local = listener.local_addr()?;
    tracing::info!(addr = %local, "listening");
    // Tests and scripts read this line to find an ephemeral port.
    eprintln!("pulpo listening on http://{local}");
    let grace = state.config.shutdown_grace;
    let header_timeout = state.config.header_timeout;
    accept_loop(listener, api::app(state), header_timeout, grace).await;
    tracing::info!("stopped");
    Ok(())
}

/// The digest of the well-known demo key (`demo-key`).
fn demo_key_digest() -> [u8; 32] {
    crate::keys::digest("demo-key")
}

/// Refuses to listen beyond loopback while any workspace accepts `demo-key`, unless the
/// operator allows it explicitly (`PULPO_ALLOW_DEMO_KEY=true`).
async fn refuse_demo_key_in_public(state: &AppState, addr: &str) -> anyhow::Result<()> {
    let demo = demo_key_digest();
    let with_demo: Vec<&str> = state
        .workspaces
        .values()
        .filter(|ws| ws.api_key_digests.contains(&demo))
        .map(|ws| ws.id.as_str())
        .collect();
    if with_demo.is_empty() || state.config.allow_demo_key {
        return Ok(());
    }
    let resolved: Vec<std::net::SocketAddr> = tokio::net::lookup_host(addr)
        .await
        .with_context(|| format!("resolving {addr}"))?
        .collect();
    if !resolved.is_empty() && resolved.iter().all(|a| a.ip().is_loopback()) {
        return Ok(());
    }
    anyhow::bail!(
        "refusing to listen on {addr}: workspace(s) {} accept the well-known API key `demo-key`, and anyone who reaches this address could book in their calendar. Set PULPO_DEMO_API_KEY (or your own key's SHA-256 in the workspace file), or PULPO_ALLOW_DEMO_KEY=true if you really mean it.",
        with_demo.join(", ")
    )
}

/// Serves connections until SIGTERM/Ctrl-C: headers must arrive within `header_timeout`,
/// and on shutdown in-flight requests get `grace` to finish before the process exits (a
/// stalled client cannot keep it alive).
async fn accept_loop(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    header_timeout: Duration,
    grace: Duration,
) {
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
    use hyper_util::server::conn::auto::Builder;
    use tower::Service;
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let signal = api::shutdown::signal();
    tokio::pin!(signal);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _) = match accepted {
                    Ok(x) => x,
                    Err(e) => {
                        // Out of file descriptors and the like: wait a little, keep serving.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let svc = app.clone();
                let hyper_svc = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    svc.clone().call(req)
                });
                let conn = builder
                    .serve_connection_with_upgrades(TokioIo::new(stream), hyper_svc)
                    .into_owned();
                let conn = graceful.watch(conn);
                tokio::spawn(async move {
                    let _ = conn.await;
                });
            }
            _ = &mut signal => break,
        }
    }
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {}
        _ = tokio::time::sleep(grace) => {
            tracing::warn!(grace_ms = grace.as_millis() as u64, "shutdown grace period over: closing the remaining connections");
        }
    }
}

/// How often the server applies each workspace's data retention.
const RETENTION_EVERY: Duration = Duration::from_secs(3600);

/// Deletes what each workspace's `retention_days` says to forget: shortly after start, then
/// hourly.
async fn retention_sweep(state: Arc<AppState>) {
    tokio::time::sleep(Duration::from_secs(1)).await;
    loop {
        for ws in state.workspaces.values() {
            match state
                .pipeline
                .store
                .purge_older_than(&ws.id, ws.retention_days)
                .await
            {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(workspace = %ws.id, rows = n, days = ws.retention_days, "RETENTION forgot old messages and audit rows")
                }
                Err(e) => {
                    tracing::warn!(workspace = %ws.id, error = %e, "RETENTION sweep failed")
                }
            }
        }
        tokio::time::sleep(RETENTION_EVERY).await;
    }
}

/// How often a replica looks for flags published by another one.
const FLAG_SYNC_EVERY: Duration = Duration::from_secs(1);

/// Applies flags that any replica published through the shared database (`PUT /admin/flags`),
/// so a rollback on one replica reaches all of them within a couple of seconds.
async fn sync_flags(state: Arc<AppState>) {
    let mut tick = tokio::time::interval(FLAG_SYNC_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let latest = match state.pipeline.store.latest_flags().await {
            Ok(Some(l)) => l,
            Ok(None) => continue,
            Err(e) => {
                tracing::debug!(error = %e, "flag sync: cannot read the published flags");
                continue;
            }
        };
        let (seq, value) = latest;
        let mut applied = state.pipeline.flags_seq.lock().await;
        if seq <= *applied {
            continue;
        }
        *applied = seq;
        match serde_json::from_value::<crate::router::FlagValues>(value) {
            Ok(v) => {
                let before = state.flags.get();
                state.flags.set(v);
                drop(applied);
                if before != v {
                    tracing::warn!(?before, after = ?v, seq, "ROUTING flags changed by another replica");
                    state.metrics.inc("pulpo_flag_changes_total", vec![]);
                }
                state.pipeline.load_model_if_flags_need_it(&v);
            }
            Err(e) => {
                tracing::warn!(error = %e, seq, "flag sync: ignoring unreadable published flags");
            }
        }
    }
}
