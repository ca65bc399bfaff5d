//! The HTTP API (axum). Knows nothing of candle or SQL: it validates, authenticates, limits,
//! and hands a [`crate::pipeline::TurnRequest`] to the pipeline.
//!
//! | route | who | what |
//! |---|---|---|
//! | `POST /v1/decide` | workspace key | answer one customer message |
//! | `GET /health` | anyone | the process is alive |
//! | `GET /ready` | anyone | config, store and (when enabled) the model are ready |
//! | `GET /metrics` | anyone | Prometheus text |
//! | `GET/PUT /admin/flags` | admin token | read / change the routing flags at run time |
//! | `GET /admin/stats` | admin token | window statistics for the operations page |
//! | `GET /admin/workspaces`, `POST /admin/playground/*` | admin token | the playground's API |
//! | `GET /admin/shadow/disagreements` | admin token | recent shadow disagreements |
//! | `GET /ops`, `GET /playground` | admin enabled | operator pages (they ask for the token) |

pub(crate) mod admin;
pub(crate) mod auth;
pub(crate) mod decide;
pub(crate) mod error;
pub(crate) mod health;
pub(crate) mod limits;
pub(crate) mod openapi;
pub(crate) mod owner;
pub(crate) mod pages;
pub(crate) mod shutdown;
pub mod state;

use std::sync::Arc;

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use error::ApiError;
use state::AppState;

/// The request id of a request (honoured from `X-Request-Id` or generated), echoed back.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

static X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

fn sane_request_id(v: &HeaderValue) -> Option<String> {
    let s = v.to_str().ok()?.trim();
    let ok = !s.is_empty() && s.len() <= 128 && s.chars().all(|c| c.is_ascii_graphic());
    ok.then(|| s.to_string())
}

/// While any request is in flight (and just after), shadow readings wait before their next
/// model step (see [`crate::pipeline::foreground`]).
async fn foreground(req: Request, next: Next) -> Response {
    let _in_flight = crate::pipeline::foreground();
    next.run(req).await
}

async fn request_id(mut req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get(&X_REQUEST_ID)
        .and_then(sane_request_id)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    req.extensions_mut().insert(RequestId(id.clone()));
    let mut resp = next.run(req).await;
    if let Ok(v) = HeaderValue::from_str(&id) {
        resp.headers_mut().insert(X_REQUEST_ID.clone(), v);
    }
    resp
}

async fn count_problems(
    State(state): axum::extract::State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    let decide = req.uri().path() == "/v1/decide";
    let started = std::time::Instant::now();
    let resp = next.run(req).await;
    let status = resp.status();
    if status.is_client_error() || status.is_server_error() {
        state.metrics.inc(
            "pulpo_http_errors_total",
            vec![("status", status.as_u16().to_string())],
        );
    }
    // A decide request that failed on our side counts in the window's error rate (answered
    // requests are recorded by the pipeline with their route).
    if decide && status.is_server_error() {
        state
            .metrics
            .record_request(crate::telemetry::metrics::RequestSample {
                at: std::time::Instant::now(),
                route: "none",
                status: status.as_u16(),
                latency_ms: started.elapsed().as_secs_f64() * 1000.0,
                fallback: None,
                schema_invalid: false,
            });
    }
    resp
}

use axum::extract::State;

async fn not_found(req: Request) -> Response {
    ApiError::NotFound(format!("{} {}", req.method(), req.uri().path())).into_response()
}

async fn method_not_allowed() -> Response {
    ApiError::MethodNotAllowed.into_response()
}

/// The whole HTTP application.
pub fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .route(
            "/v1/decide",
            post(decide::decide).fallback(method_not_allowed),
        )
        .route("/health", get(health::health))
        .route("/ready", get(health::ready))
        .route("/metrics", get(health::metrics))
        .route("/openapi.json", get(openapi::openapi))
        .route(
            "/admin/flags",
            get(admin::get_flags)
                .put(admin::put_flags)
                .fallback(method_not_allowed),
        )
        .route("/admin/stats", get(admin::stats))
        .route("/admin/workspaces", get(admin::workspaces))
        .route("/admin/playground/decide", post(admin::playground_decide))
        .route("/admin/playground/reset", post(admin::playground_reset))
        .route(
            "/admin/shadow/disagreements",
            get(admin::shadow_disagreements),
        )
        .route("/admin/bookings", get(owner::bookings))
        .route("/admin/conversation", get(owner::conversation))
        .route("/ops", get(pages::ops))
        .route("/bookings", get(pages::bookings))
        .route("/playground", get(pages::playground))
        .route("/static/common.js", get(pages::common_js))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            count_problems,
        ))
        .layer(middleware::from_fn(request_id))
        .layer(middleware::from_fn(foreground))
        .with_state(state)
}
