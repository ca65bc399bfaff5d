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
    let (_, value) = read_json(req, 4096, state.config.body_timeout).await?;
    let schema = flags_schema();
    validate(&schema, &value)?;
    // Held until published, so the flag sync cannot apply an older publication over this.
    let mut applied = state.pipeline.flags_seq.lock().await;
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
    // Publish for the other replicas on the same database; this replica already applied it.
    match state
        .pipeline
        .store
        .publish_flags(&serde_json::to_value(new).expect("flags serialize"))
        .await
    {
        Ok(seq) => *applied = seq.max(*applied),
        Err(e) => {
            tracing::error!(error = %e, "flags applied here but not published to other replicas")
        }
    }
    drop(applied);
    state.pipeline.load_model_if_flags_need_it(&new);
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
    let target = if flags.enable_slm_pipeline {
        f64::from(flags.slm_canary_percent) / 100.0
    } else {
        0.0
    };
    Ok(Json(json!({
        "flags": flags,
        "alerts": w.alerts(target),
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

pub async fn workspaces(
    State(state): State<Arc<AppState>>,
    req: Request,
) -> Result<Json<serde_json::Value>, ApiError> {
    auth::admin(req.headers(), state.config.admin_token.as_deref())?;
    let mut list: Vec<serde_json::Value> = state
        .workspaces
        .values()
        .map(|w| json!({"id": w.id, "name": w.name, "timezone": w.tz.name(), "services": w.services.len(),
            "staff": w.staff.iter().map(|s| json!({"id": s.id, "name": s.name})).collect::<Vec<_>>()}))
        .collect();
    list.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    Ok(Json(json!(list)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaygroundMessage {
    workspace_id: String,
    conversation_id: String,
    text: String,
    #[serde(default)]
    route: Option<String>,
}

/// One playground turn: like `/v1/decide` (the route may be forced), plus the state after it.
pub async fn playground_decide(
    State(state): State<Arc<AppState>>,
    req: Request,
) -> Result<Json<serde_json::Value>, ApiError> {
    auth::admin(req.headers(), state.config.admin_token.as_deref())?;
    let request_id = req
        .extensions()
        .get::<super::RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    let (_, value) = read_json(req, 16 * 1024, state.config.body_timeout).await?;
    let m: PlaygroundMessage =
        serde_json::from_value(value).map_err(|e| ApiError::Validation(e.to_string()))?;
    let ws = state
        .workspaces
        .get(&m.workspace_id)
        .cloned()
        .ok_or_else(|| ApiError::UnknownWorkspace(m.workspace_id.chars().take(64).collect()))?;
    if m.text.chars().count() > state.config.max_text_chars
        || m.conversation_id.is_empty()
        || m.conversation_id.len() > 128
    {
        return Err(ApiError::Validation(
            "text or conversation_id out of bounds".into(),
        ));
    }
    playground_only(&m.conversation_id)?;
    let turn = crate::pipeline::TurnRequest {
        ws: ws.clone(),
        conversation_id: m.conversation_id.clone(),
        message_id: uuid::Uuid::new_v4().to_string(),
        text: m.text,
        timestamp: None,
        // Each playground conversation is its own customer (never a real one).
        customer_phone: Some(m.conversation_id.clone()),
        customer_name: None,
        request_id: request_id.clone(),
        force_route: super::decide::parse_route(m.route.as_deref()),
    };
    let resp = match state.pipeline.decide(turn).await {
        Ok(r) => r,
        Err(crate::pipeline::TurnError::Busy) => return Err(ApiError::ConversationBusy),
        Err(e) => return Err(super::decide::turn_error(&state, e, &request_id)),
    };
    let mut v = serde_json::to_value(resp).map_err(|e| ApiError::Internal(e.to_string()))?;
    if let Ok(Some((st, _))) = state
        .pipeline
        .store
        .load_conversation(&ws.id, &m.conversation_id)
        .await
    {
        v["state"] = serde_json::to_value(st).unwrap_or_default();
    }
    Ok(Json(v))
}

/// The prefix of playground conversations: the playground acts on these and no others.
pub const PLAYGROUND_PREFIX: &str = "play:";

fn playground_only(conversation_id: &str) -> Result<(), ApiError> {
    if conversation_id.starts_with(PLAYGROUND_PREFIX) {
        Ok(())
    } else {
        Err(ApiError::Validation(format!(
            "/conversation_id: the playground only acts on conversations starting with `{PLAYGROUND_PREFIX}`"
        )))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResetRequest {
    workspace_id: String,
    conversation_id: String,
}

pub async fn playground_reset(
    State(state): State<Arc<AppState>>,
    req: Request,
) -> Result<Json<serde_json::Value>, ApiError> {
    auth::admin(req.headers(), state.config.admin_token.as_deref())?;
    let (_, value) = read_json(req, 4096, state.config.body_timeout).await?;
    let r: ResetRequest =
        serde_json::from_value(value).map_err(|e| ApiError::Validation(e.to_string()))?;
    if !state.workspaces.contains_key(&r.workspace_id) {
        return Err(ApiError::UnknownWorkspace(
            r.workspace_id.chars().take(64).collect(),
        ));
    }
    playground_only(&r.conversation_id)?;
    state
        .pipeline
        .store
        .reset_conversation(&r.workspace_id, &r.conversation_id)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "ADMIN playground reset failed in the store");
            ApiError::NotReady("the store is not available right now".into())
        })?;
    Ok(Json(json!({"reset": true})))
}

#[derive(Debug, Deserialize)]
pub struct DisagreementQuery {
    #[serde(default)]
    pub hours: Option<i64>,
    #[serde(default)]
    pub limit: Option<usize>,
}

pub async fn shadow_disagreements(
    State(state): State<Arc<AppState>>,
    Query(q): Query<DisagreementQuery>,
    req: Request,
) -> Result<Json<serde_json::Value>, ApiError> {
    auth::admin(req.headers(), state.config.admin_token.as_deref())?;
    let since = state.pipeline.clock.now()
        - chrono::Duration::hours(q.hours.unwrap_or(48).clamp(1, 24 * 90));
    let rows = state
        .pipeline
        .store
        .shadow_disagreements(since, q.limit.unwrap_or(200).min(5000))
        .await
        .map_err(|e| ApiError::NotReady(e.to_string()))?;
    Ok(Json(json!(rows)))
}
