//! The operator pages: `/ops` (flags with rollback, route distribution, latency, fallbacks,
//! breakers, shadow agreement, the rollout's alert thresholds) and `/playground` (chat as a
//! customer and see every stage), and `/bookings` (the owner's view: upcoming bookings by day
//! and stylist, CSV export, and each conversation's transcript). Self-contained HTML drawing its own SVG from the admin JSON
//! endpoints; the pages hold no data, the admin token (asked for in the page, kept in the
//! tab's session storage) guards every endpoint they call. Absent without an admin token.

use std::sync::Arc;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::state::AppState;

const OPS: &str = include_str!("static/ops.html");
const PLAYGROUND: &str = include_str!("static/playground.html");
const BOOKINGS: &str = include_str!("static/bookings.html");
const COMMON_JS: &str = include_str!("static/common.js");
const CSP: &str = "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:";

fn page(
    state: &AppState,
    body: &'static str,
    content_type: &'static str,
) -> Result<Response, ApiError> {
    if state.config.admin_token.is_none() {
        return Err(ApiError::AdminDisabled);
    }
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

pub async fn ops(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    page(&state, OPS, "text/html; charset=utf-8")
}

pub async fn playground(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    page(&state, PLAYGROUND, "text/html; charset=utf-8")
}

pub async fn common_js(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    page(&state, COMMON_JS, "text/javascript; charset=utf-8")
}

pub async fn bookings(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    page(&state, BOOKINGS, "text/html; charset=utf-8")
}
