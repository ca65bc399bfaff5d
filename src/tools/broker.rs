//! The tool broker: every tool call goes through here.
//!
//! Per call: the tool's circuit breaker admits it (or it fails fast), each attempt runs under
//! a timeout, retryable failures are retried with exponential backoff and full jitter up to
//! `max_attempts`, and the outcome — status, attempts, latency, error — is recorded for the
//! audit table and the metrics.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::RngExt;

use super::breaker::{Admission, Breaker, BreakerState};
use super::builtin::Builtin;
use super::webhook::WebhookTool;
use super::{Tool, ToolContext, ToolError};
use crate::domain::actions::{Observation, ToolCall, ToolName};
use crate::domain::catalog::Workspace;
use crate::store::ToolCallRecord;
use crate::telemetry::metrics::Metrics;

pub use crate::config::BrokerConfig;

/// A finished call: the result and its audit record.
#[derive(Debug)]
pub struct CallOutcome {
    pub result: Result<Observation, ToolError>,
    pub record: ToolCallRecord,
}

type Key = (String, ToolName);

pub struct Broker {
    cfg: BrokerConfig,
    builtin: Builtin,
    webhooks: HashMap<Key, Arc<WebhookTool>>,
    breakers: Mutex<HashMap<Key, Breaker>>,
    metrics: Arc<Metrics>,
}

/// A tool's breaker state, for `/admin/stats`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BreakerReport {
    pub workspace_id: String,
    pub tool: &'static str,
    pub state: BreakerState,
}

impl Broker {
    pub fn new(
        cfg: BrokerConfig,
        workspaces: &[Arc<Workspace>],
        metrics: Arc<Metrics>,
    ) -> Result<Self, String> {
        // Webhooks may be https: rustls with the ring provider (a second install is a no-op).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut webhooks = HashMap::new();
        for ws in workspaces {
            for hook in &ws.webhooks {
                let tool = ToolName::parse(&hook.name).ok_or_else(|| {
                    format!(
                        "workspace `{}`: webhook tool `{}` is not one of {}",
                        ws.id,
                        hook.name,
                        ToolName::ALL.map(|t| t.as_str()).join(", ")
                    )
                })?;
                webhooks.insert(
                    (ws.id.clone(), tool),
                    Arc::new(WebhookTool::new(hook.clone(), cfg.timeout)?),
                );
            }
        }
        Ok(Broker {
            cfg,
            builtin: Builtin,
            webhooks,
            breakers: Mutex::new(HashMap::new()),
            metrics,
        })
    }

    fn admit(&self, key: &Key) -> Admission {
        let mut g = self.breakers.lock().unwrap_or_else(|p| p.into_inner());
        g.entry(key.clone())
            .or_insert_with(|| Breaker::new(self.cfg.breaker_threshold, self.cfg.breaker_cooldown))
            .admit(Instant::now())
    }

    fn settle(&self, key: &Key, ok: bool) {
        let mut g = self.breakers.lock().unwrap_or_else(|p| p.into_inner());
        let b = g
            .entry(key.clone())
            .or_insert_with(|| Breaker::new(self.cfg.breaker_threshold, self.cfg.breaker_cooldown));
        if ok {
            b.on_success();
        } else {
            b.on_failure(Instant::now());
        }
        let open = b.state(Instant::now()) != BreakerState::Closed;
        self.metrics.set_gauge(
            "pulpo_breaker_open",
            vec![
                ("workspace", key.0.clone()),
                ("tool", key.1.as_str().to_string()),
            ],
            if open { 1.0 } else { 0.0 },
        );
    }

    pub fn breakers(&self) -> Vec<BreakerReport> {
        let g = self.breakers.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        let mut out: Vec<BreakerReport> = g
            .iter()
            .map(|((ws, tool), b)| BreakerReport {
                workspace_id: ws.clone(),
                tool: tool.as_str(),
                state: b.state(now),
            })
            .collect();
        out.sort_by(|a, b| (&a.workspace_id, a.tool).cmp(&(&b.workspace_id, b.tool)));
        out
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .cfg
            .backoff_base
            .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)))
            .min(self.cfg.backoff_max);
        let jitter: f64 = rand::rng().random_range(0.0..1.0);
        exp.mul_f64(jitter)
    }

    /// Runs one call through breaker, timeout and retries.
    pub async fn run(&self, ctx: &ToolContext, call: &ToolCall) -> CallOutcome {
        let tool_name = call.name();
        let key = (ctx.ws.id.clone(), tool_name);
        let tool: &dyn Tool = match self.webhooks.get(&key) {
            Some(w) => w.as_ref(),
            None => &self.builtin,
        };
        let started = Instant::now();
        let mut attempts = 0;
        let result = loop {
            if self.admit(&key) == Admission::Rejected {
                break Err(ToolError::BreakerOpen);
            }
            attempts += 1;
            let timeout_ms = self.cfg.timeout.as_millis() as u64;
            let r = match tokio::time::timeout(self.cfg.timeout, tool.call(ctx, call)).await {
                Ok(r) => r,
                Err(_) => Err(ToolError::Timeout(timeout_ms)),
            };
            match r {
                Ok(obs) => {
                    self.settle(&key, true);
                    break Ok(obs);
                }
                Err(e) => {
                    // Only faults count against the breaker; a rejected call is the caller's.
                    self.settle(&key, !e.retryable());
                    if !e.retryable() || attempts >= self.cfg.max_attempts {
                        break Err(e);
                    }
                    tokio::time::sleep(self.backoff(attempts)).await;
                }
            }
        };
        // Whatever answered (a webhook included), only the asking customer's bookings pass.
        let result = result.map(|obs| match (obs, call) {
            (Observation::Bookings { bookings }, ToolCall::FindBookings { phone, .. }) => {
                Observation::Bookings {
                    bookings: bookings
                        .into_iter()
                        .filter(|b| {
                            super::builtin::owned_by(b.customer_phone.as_deref(), phone.as_deref())
                        })
                        .collect(),
                }
            }
            (obs, _) => obs,
        });
        let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
        let status = if result.is_ok() { "ok" } else { "error" };
        self.metrics.inc(
            "pulpo_tool_calls_total",
            vec![
                ("tool", tool_name.as_str().to_string()),
                ("status", status.to_string()),
            ],
        );
        self.metrics.observe_ms(
            "pulpo_tool_duration_seconds",
            vec![("tool", tool_name.as_str().to_string())],
            latency_ms,
        );
        self.metrics.record_tool(result.is_ok());
        if let Err(e) = &result {
            tracing::warn!(
                tool = tool_name.as_str(),
                attempts,
                error = %e,
                conversation_id = %crate::text::log_conversation(&ctx.conversation_id),
                "TOOL call failed"
            );
        }
        let record = ToolCallRecord {
            request_id: ctx.request_id.clone(),
            tool: tool_name.as_str().to_string(),
            args: call.args_json(),
            status: status.to_string(),
            attempts,
            latency_ms,
            error: result.as_ref().err().map(|e| e.to_string()),
        };
        CallOutcome { result, record }
    }
}
