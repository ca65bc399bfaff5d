//! `POST /v1/decide`: the route n8n calls for every incoming customer message.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::auth;
use super::error::ApiError;
use super::state::AppState;
use super::RequestId;
use crate::contract::DecideRequest;
use crate::domain::normalize::normalize_phone;
use crate::pipeline::{TurnError, TurnRequest};
use crate::router::Route;

/// Reads the body within the size limit, as JSON.
pub async fn read_json(
    req: Request,
    limit: usize,
    timeout: std::time::Duration,
) -> Result<(axum::http::request::Parts, serde_json::Value), ApiError> {
    let (parts, body) = req.into_parts();
    if let Some(ct) = parts.headers.get(header::CONTENT_TYPE) {
        let ct = ct.to_str().unwrap_or("");
        let essence = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if essence != "application/json" && !essence.ends_with("+json") {
            return Err(ApiError::UnsupportedMediaType(
                ct.chars().take(80).collect(),
            ));
        }
    }
    if let Some(len) = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
    {
        if len > limit {
            return Err(ApiError::TooLarge { size: len, limit });
        }
    }
    // A client that trickles its body is cut off (it holds no permit meanwhile).
    let bytes = tokio::time::timeout(timeout, axum::body::to_bytes(Body::new(body), limit))
        .await
        .map_err(|_| ApiError::RequestTimeout(timeout.as_millis() as u64))?
        .map_err(|_| ApiError::TooLarge {
            size: limit + 1,
            limit,
        })?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::InvalidJson(format!("{e} (line {}, column {})", e.line(), e.column()))
    })?;
    Ok((parts, value))
}

/// Checks a JSON value against a compiled schema; the detail names each failing field.
pub fn validate(schema: &jsonschema::Validator, value: &serde_json::Value) -> Result<(), ApiError> {
    let problems: Vec<String> = schema
        .iter_errors(value)
        .take(5)
        .map(|e| {
            let path = e.instance_path().to_string();
            let path = if path.is_empty() {
                "/".to_string()
            } else {
                path
            };
            format!("{path}: {}", e.masked())
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(problems.join("; ")))
    }
}

pub async fn decide(
    State(state): State<Arc<AppState>>,
    req: Request,
) -> Result<Response, ApiError> {
    let request_id = req
        .extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    let key = auth::bearer(req.headers())?.to_string();
    let allowed = state.workspaces_for_key(&key);
    if allowed.is_empty() {
        return Err(ApiError::Unauthorized("unknown API key"));
    }
    let (_, value) = read_json(req, state.config.max_body_bytes, state.config.body_timeout).await?;
    validate(&state.request_schema, &value)?;
    let body: DecideRequest =
        serde_json::from_value(value).map_err(|e| ApiError::Validation(e.to_string()))?;
    let Some(ws) = state.workspaces.get(&body.workspace_id).cloned() else {
        return Err(if allowed.is_empty() {
            ApiError::Unauthorized("unknown API key")
        } else {
            ApiError::UnknownWorkspace(body.workspace_id.chars().take(64).collect())
        });
    };
    if !allowed.contains(&ws.id.as_str()) {
        return Err(ApiError::Forbidden(ws.id.clone()));
    }
    let chars = body.message.text.chars().count();
    if chars > state.config.max_text_chars {
        return Err(ApiError::Validation(format!(
            "/message/text: {chars} characters; the limit is {}",
            state.config.max_text_chars
        )));
    }
    let timestamp = match &body.message.timestamp {
        Some(t) => Some(
            t.parse()
                .map_err(|e| ApiError::Validation(format!("/message/timestamp: {e}")))?,
        ),
        None => None,
    };
    state
        .rate
        .take(&ws.id, ws.limits.requests_per_second, ws.limits.burst)
        .map_err(|wait| ApiError::RateLimited {
            workspace: ws.id.clone(),
            rate: ws.limits.requests_per_second,
            retry_after: wait,
        })?;
    // Permits are taken once the body is in (a stalled client holds none): the server's,
    // and the workspace's share of it, so one tenant cannot take every permit.
    let _permit =
        state
            .concurrency
            .clone()
            .try_acquire_owned()
            .map_err(|_| ApiError::Overloaded {
                limit: state.config.max_concurrency,
            })?;
    let _ws_permit = state.workspace_permit(&ws.id)?;
    let customer_phone = body
        .customer
        .as_ref()
        .and_then(|c| c.phone.as_deref())
        .map(normalize_phone)
        .filter(|p| p.len() >= 6)
        .or_else(|| {
            // WhatsApp conversation ids carry the phone ("wa:5491155551234").
            let digits = normalize_phone(body.conversation_id.strip_prefix("wa:")?);
            (digits.len() >= 8).then_some(digits)
        });
    let turn = TurnRequest {
        ws,
        conversation_id: body.conversation_id,
        message_id: body.message.id,
        text: body.message.text,
        timestamp,
        customer_phone,
        customer_name: body
            .customer
            .as_ref()
            .and_then(|c| c.name.as_deref())
            .and_then(crate::domain::normalize::profile_name),
        request_id,
        force_route: None,
    };
    run_turn(&state, turn).await
}

/// Runs a turn and maps its failures to problems.
pub async fn run_turn(state: &AppState, turn: TurnRequest) -> Result<Response, ApiError> {
    let request_id = turn.request_id.clone();
    match state.pipeline.decide(turn).await {
        Ok(resp) => Ok(Json(resp).into_response()),
        Err(e) => Err(turn_error(state, e, &request_id)),
    }
}

/// A failed turn as a problem. The store's own error text stays in the log (with the
/// request id), never in the answer.
pub fn turn_error(state: &AppState, e: TurnError, request_id: &str) -> ApiError {
    match e {
        TurnError::Busy => ApiError::ConversationBusy,
        TurnError::MessageConflict(id) => ApiError::MessageConflict(id.chars().take(64).collect()),
        TurnError::Store(e) => {
            state.metrics.inc(
                "pulpo_requests_total",
                vec![
                    ("route", "none".into()),
                    ("intent", "none".into()),
                    ("status", "503".into()),
                ],
            );
            tracing::error!(error = %e, request_id = %crate::text::log_safe(request_id, 128), "PIPELINE store failure");
            ApiError::NotReady(format!(
                "the store is not available right now; retry shortly (request id {})",
                crate::text::log_safe(request_id, 128)
            ))
        }
    }
}

/// A route forced by the playground.
pub fn parse_route(s: Option<&str>) -> Option<Route> {
    match s {
        Some("slm") => Some(Route::Slm),
        Some("legacy") => Some(Route::Legacy),
        _ => None,
    }
}
