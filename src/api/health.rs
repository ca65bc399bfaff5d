//! Liveness, readiness and metrics.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::state::AppState;

pub async fn health() -> Json<serde_json::Value> {
    Json(json!({"status": "ok"}))
}

/// Ready when the config and the store are loaded and, with the model path enabled (or
/// preloaded), the model is loaded, its schemas compiled and a warm-up generation done.
pub async fn ready(State(state): State<Arc<AppState>>) -> Response {
    let flags = state.flags.get();
    let store = state.pipeline.store.ping().await;
    let model = state.pipeline.model.get().map(|m| m.describe());
    let needs_model = flags.enable_slm_pipeline && flags.slm_canary_percent > 0;
    let mut reasons = Vec::new();
    if let Err(e) = &store {
        tracing::warn!(error = %e, "READY store ping failed");
        reasons.push("store: the database does not answer".to_string());
    }
    if let Some(ago) = state.pipeline.recent_store_failure() {
        reasons.push(format!(
            "store: a write failed {}s ago and none has succeeded since",
            ago.as_secs()
        ));
    }
    if needs_model && model.is_none() {
        reasons.push(format!(
            "model: {}",
            state
                .pipeline
                .model_missing()
                .unwrap_or_else(|| "not loaded".into())
        ));
    }
    let body = json!({
        "status": if reasons.is_empty() { "ready" } else { "not_ready" },
        "reasons": reasons,
        "store": state.pipeline.store.backend(),
        "workspaces": state.workspaces.len(),
        "flags": flags,
        "model": model,
        "model_missing": state.pipeline.model_missing(),
        "uptime_s": state.started.elapsed().as_secs(),
    });
    let status = if reasons.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body)).into_response()
}

pub async fn metrics(
    State(state): State<Arc<AppState>>,
    headers: axum::http::HeaderMap,
) -> Response {
    // With PULPO_METRICS_TOKEN set, the scraper must present it.
    if let Some(expected) = state.config.metrics_token.as_deref() {
        let ok = super::auth::bearer(&headers).is_ok_and(|t| {
            super::auth::digest_matches(&super::auth::digest(t), &[super::auth::digest(expected)])
        });
        if !ok {
            return super::error::ApiError::Unauthorized("/metrics needs the metrics token")
                .into_response();
        }
    }
    // Gauges read at scrape time: the model's queue, and which build answers (the model
    // in use is on /ready).
    let model = state.pipeline.model.get().map(|m| m.describe());
    if let Some(m) = &model {
        let depth = m["queue_depth"].as_f64().unwrap_or(0.0);
        let busy = if m["busy"].as_bool() == Some(true) {
            1.0
        } else {
            0.0
        };
        state
            .metrics
            .set_gauge("pulpo_model_queue_depth", vec![], depth);
        state
            .metrics
            .set_gauge("pulpo_model_inflight", vec![], busy);
    }
    state.metrics.set_gauge(
        "pulpo_build_info",
        vec![("version", env!("CARGO_PKG_VERSION").to_string())],
        1.0,
    );
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
        .into_response()
}
