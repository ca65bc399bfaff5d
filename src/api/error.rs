//! Every error the HTTP API returns, and the one table that maps it to a status code and an
//! RFC 9457 problem body (`application/problem+json` with `type`, `title`, `status`,
//! `detail` and a stable `code`).

use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("the body is not valid JSON: {0}")]
    InvalidJson(String),
    #[error("{0}")]
    Validation(String),
    #[error("the request body is {size} bytes; the limit is {limit}")]
    TooLarge { size: usize, limit: usize },
    #[error("Content-Type must be application/json, not `{0}`")]
    UnsupportedMediaType(String),
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error("this API key cannot act on workspace `{0}`")]
    Forbidden(String),
    #[error("workspace `{0}` does not exist")]
    UnknownWorkspace(String),
    #[error("admin endpoints are disabled: set PULPO_ADMIN_TOKEN to enable them")]
    AdminDisabled,
    #[error("workspace `{workspace}` exceeded {rate} requests/s")]
    RateLimited {
        workspace: String,
        rate: f64,
        retry_after: Duration,
    },
    #[error("the server is at its concurrency limit ({limit} requests in flight)")]
    Overloaded { limit: usize },
    #[error("workspace `{workspace}` is at its share of the server ({limit} requests in flight)")]
    WorkspaceOverloaded { workspace: String, limit: usize },
    #[error("the request body did not arrive within {0} ms")]
    RequestTimeout(u64),
    #[error("message `{0}` of this conversation was already received with a different text; a new message needs a new id")]
    MessageConflict(String),
    #[error("another message of this conversation is still being processed")]
    ConversationBusy,
    #[error("not ready: {0}")]
    NotReady(String),
    #[error("no route for {0}")]
    NotFound(String),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        use ApiError::*;
        match self {
            InvalidJson(_) => (StatusCode::BAD_REQUEST, "invalid_json", "Malformed JSON"),
            Validation(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                "Invalid request",
            ),
            TooLarge { .. } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "Request too large",
            ),
            UnsupportedMediaType(_) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Unsupported media type",
            ),
            Unauthorized(_) => (StatusCode::UNAUTHORIZED, "unauthorized", "Unauthorized"),
            Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", "Forbidden"),
            UnknownWorkspace(_) => (
                StatusCode::NOT_FOUND,
                "unknown_workspace",
                "Unknown workspace",
            ),
            AdminDisabled => (
                StatusCode::NOT_FOUND,
                "admin_disabled",
                "Admin endpoints disabled",
            ),
            RateLimited { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many requests",
            ),
            Overloaded { .. } => (
                StatusCode::SERVICE_UNAVAILABLE,
                "overloaded",
                "Server overloaded",
            ),
            WorkspaceOverloaded { .. } => (
                StatusCode::SERVICE_UNAVAILABLE,
                "workspace_overloaded",
                "Workspace at its share",
            ),
            RequestTimeout(_) => (
                StatusCode::REQUEST_TIMEOUT,
                "request_timeout",
                "Request body too slow",
            ),
            MessageConflict(_) => (
                StatusCode::CONFLICT,
                "message_id_conflict",
                "Message id reused",
            ),
            ConversationBusy => (
                StatusCode::SERVICE_UNAVAILABLE,
                "conversation_busy",
                "Conversation busy",
            ),
            NotReady(_) => (StatusCode::SERVICE_UNAVAILABLE, "not_ready", "Not ready"),
            NotFound(_) => (StatusCode::NOT_FOUND, "not_found", "Not found"),
            MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "Method not allowed",
            ),
            Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
            ),
        }
    }

    pub fn code(&self) -> &'static str {
        self.parts().1
    }

    pub fn status(&self) -> StatusCode {
        self.parts().0
    }

    fn retry_after(&self) -> Option<u64> {
        match self {
            ApiError::RateLimited { retry_after, .. } => Some(retry_after.as_secs().max(1)),
            ApiError::Overloaded { .. }
            | ApiError::WorkspaceOverloaded { .. }
            | ApiError::ConversationBusy => Some(1),
            ApiError::NotReady(_) => Some(5),
            _ => None,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, title) = self.parts();
        if status.is_server_error()
            && !matches!(
                self,
                ApiError::Overloaded { .. }
                    | ApiError::WorkspaceOverloaded { .. }
                    | ApiError::ConversationBusy
                    | ApiError::NotReady(_)
            )
        {
            tracing::error!(code, error = %self, "API internal error");
        }
        let body = json!({
            "type": format!("https://pulpo.dev/problems/{}", code.replace('_', "-")),
            "title": title,
            "status": status.as_u16(),
            "detail": self.to_string(),
            "code": code,
        });
        let mut resp = (status, body.to_string()).into_response();
        let h = resp.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(secs) = self.retry_after() {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                h.insert(header::RETRY_AFTER, v);
            }
        }
        if matches!(self, ApiError::RequestTimeout(_)) {
            h.insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        if matches!(self, ApiError::Unauthorized(_)) {
            h.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        resp
    }
}
