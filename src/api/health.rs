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
        reasons.push(format!("store: {e}"));
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

pub async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
        .into_response()
}
