//! A tool behind an HTTP endpoint: POST JSON `{tool, args, workspace_id, conversation_id,
//! request_id}`, expect JSON shaped like the built-in tool's observation (see `docs/tools.md`).
//! Connection failures, timeouts and 5xx are retryable; 4xx and malformed replies are not.

use std::time::Duration;

use async_trait::async_trait;

use super::{Tool, ToolContext, ToolError};
use crate::domain::actions::{Observation, ToolCall};
use crate::domain::catalog::WebhookToolFile;

pub struct WebhookTool {
    spec: WebhookToolFile,
    client: reqwest::Client,
}

/// Largest webhook reply read, in bytes (a reply is a small JSON object).
const MAX_REPLY_BYTES: usize = 256 * 1024;

impl WebhookTool {
    pub fn new(spec: WebhookToolFile, client: reqwest::Client) -> Self {
        WebhookTool { spec, client }
    }

    pub fn name(&self) -> &str {
        &self.spec.name
    }
}

#[async_trait]
impl Tool for WebhookTool {
    async fn call(&self, ctx: &ToolContext, call: &ToolCall) -> Result<Observation, ToolError> {
        let body = serde_json::json!({
            "tool": call.name().as_str(),
            "args": call.args_json(),
            "workspace_id": ctx.ws.id,
            "conversation_id": ctx.conversation_id,
            "request_id": ctx.request_id,
        });
        let mut req = self.client.post(&self.spec.url).json(&body);
        if let Some(ms) = self.spec.timeout_ms {
            req = req.timeout(Duration::from_millis(ms));
        }
        for (k, v) in &self.spec.headers {
            req = req.header(k, v);
        }
        let resp = req.send().await.map_err(|e| {
            if e.is_timeout() {
                ToolError::Timeout(self.spec.timeout_ms.unwrap_or(0))
            } else {
                ToolError::Unavailable(format!("{}: {e}", self.spec.name))
            }
        })?;
        let status = resp.status();
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| ToolError::Unavailable(format!("reading reply: {e}")))?;
        if status.is_server_error() || status.as_u16() == 429 {
            return Err(ToolError::Unavailable(format!("HTTP {status}")));
        }
        if !status.is_success() {
            return Err(ToolError::Rejected(format!("HTTP {status}")));
        }
        if bytes.len() > MAX_REPLY_BYTES {
            return Err(ToolError::Rejected(format!(
                "reply of {} bytes exceeds {MAX_REPLY_BYTES}",
                bytes.len()
            )));
        }
        serde_json::from_slice::<Observation>(&bytes).map_err(|e| {
            ToolError::Rejected(format!(
                "reply is not a {} observation: {e}",
                call.name().as_str()
            ))
        })
    }
}
