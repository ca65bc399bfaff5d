//! Tools: what a plan can do in the world. Built-in tools work on the workspace catalog and
//! the store; a workspace can replace any of them with an HTTP webhook (its own calendar, an
//! n8n sub-flow). The [`broker::Broker`] runs every call with a timeout, bounded retries with
//! jittered backoff for retryable failures, and a circuit breaker per tool, and audits it.

pub(crate) mod breaker;
pub mod broker;
pub(crate) mod builtin;
pub(crate) mod webhook;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use thiserror::Error;

use crate::domain::actions::{Observation, ToolCall};
use crate::domain::catalog::Workspace;
use crate::store::Store;

#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum ToolError {
    #[error("timed out after {0} ms")]
    Timeout(u64),
    /// A failure worth retrying (connection refused, 5xx, database busy).
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// A failure that a retry will not fix (4xx, malformed reply, bad arguments).
    #[error("rejected: {0}")]
    Rejected(String),
    #[error("circuit breaker open")]
    BreakerOpen,
}

impl ToolError {
    pub fn retryable(&self) -> bool {
        matches!(self, ToolError::Timeout(_) | ToolError::Unavailable(_))
    }

    pub fn code(&self) -> &'static str {
        match self {
            ToolError::Timeout(_) => "timeout",
            ToolError::Unavailable(_) => "unavailable",
            ToolError::Rejected(_) => "rejected",
            ToolError::BreakerOpen => "breaker_open",
        }
    }
}

/// What a tool call knows about its turn.
#[derive(Clone)]
pub struct ToolContext {
    pub ws: Arc<Workspace>,
    pub store: Arc<dyn Store>,
    pub conversation_id: String,
    pub request_id: String,
    /// The turn's instant (the message timestamp, never ahead of the clock).
    pub now: DateTime<Utc>,
    /// The service's clock.
    pub clock: crate::clock::Clock,
}

#[async_trait]
pub trait Tool: Send + Sync {
    async fn call(&self, ctx: &ToolContext, call: &ToolCall) -> Result<Observation, ToolError>;
}
