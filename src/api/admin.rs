//! Admin endpoints (need `Authorization: Bearer $PULPO_ADMIN_TOKEN`; absent without it).

use std::sync::Arc;

use axum::extract::{Query, Request, State};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use super::auth;
use super::decide::{read_json, validate};
use super::error::ApiError;
use super::state::AppState;
use crate::router::FlagValues;

pub async fn get_flags(
    State(state): State<Arc<AppState>>,
    req: Request,
) -> Result<Json<FlagValues>, ApiError> {
    auth::admin(req.headers(), state.config.admin_token.as_deref())?;
    Ok(Json(state.flags.get()))
}

/// Takes `{"enable_slm_pipeline": bool, "slm_canary_percent": 0..100}` (and optionally
/// `slm_shadow_percent`); effective for the next request.
pub async fn put_flags(
    State(state): State<Arc<AppState>>,
    req: Request,
) -> Result<Json<FlagValues>, ApiError> {
    auth::admin(req.headers(), state.config.admin_token.as_deref())?;
    let (_, value) = read_json(req, 4096).await?;
    let schema = flags_schema();
    validate(&schema, &value)?;
    let current = state.flags.get();
    let new = FlagValues {
        enable_slm_pipeline: value["enable_slm_pipeline"]
            .as_bool()
            .unwrap_or(current.enable_slm_pipeline),
        slm_canary_percent: value["slm_canary_percent"]
            .as_u64()
            .map(|v| v as u8)
            .unwrap_or(current.slm_canary_percent),
        slm_shadow_percent: value["slm_shadow_percent"]
            .as_u64()
            .map(|v| v as u8)
            .unwrap_or(current.slm_shadow_percent),
    };
    state.flags.set(new);
    if (new.enable_slm_pipeline || new.slm_shadow_percent > 0)
        && state.pipeline.model.get().is_none()
    {
        crate::server::spawn_model_load(&state);
    }
    state.metrics.inc("pulpo_flag_changes_total", vec![]);
    tracing::warn!(before = ?current, after = ?new, "ROUTING flags changed at run time");
    Ok(Json(new))
}

fn flags_schema() -> jsonschema::Validator {
    let schema = json!({
        "type": "object",
        "properties": {
            "enable_slm_pipeline": {"type": "boolean"},
            "slm_canary_percent": {"type": "integer", "minimum": 0, "maximum": 100},
            "slm_shadow_percent": {"type": "integer", "minimum": 0, "maximum": 100}
        },
        "additionalProperties": false,
        "minProperties": 1
    });
    jsonschema::validator_for(&schema).expect("the flags schema is valid")
}

#[derive(Debug, Deserialize)]
pub struct StatsQuery {
    #[serde(default)]
    pub minutes: Option<u64>,
}

pub async fn stats(
    State(state): State<Arc<AppState>>,
    Query(q): Query<StatsQuery>,
    req: Request,
) -> Result<Json<serde_json::Value>, ApiError> {
    auth::admin(req.headers(), state.config.admin_token.as_deref())?;
    let minutes = q.minutes.unwrap_or(15).clamp(1, 60);
    let w = state.metrics.window(minutes);
    let flags = state.flags.get();
    Ok(Json(json!({
        "flags": flags,
        "window": w,
        "breakers": state.pipeline.broker.breakers(),
        "model": state.pipeline.model.get().map(|m| m.describe()),
        "model_missing": state.pipeline.model_missing(),
        "totals": {
            "requests": state.metrics.counter_total("pulpo_requests_total"),
            "fallbacks": state.metrics.counter_total("pulpo_fallbacks_total"),
            "schema_invalid": state.metrics.counter_total("pulpo_schema_validation_failures_total"),
        }
    })))
}
