//! One turn, end to end: route → claim the message and the conversation → extract (model or
//! rules) → reduce → plan (model or rules) → policy → tools → reduce → reply → persist.
//!
//! Both routes share every stage but the extractor and the planner. Whatever the model path
//! fails at — deadline, overload, engine error, schema, a plan the policy refuses — the rules
//! answer instead and `fallback_reason` says why.

pub mod loader;
pub mod model;
pub mod shadow;
pub(crate) mod slm;
mod turn;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Utc};
use serde_json::Value;
use thiserror::Error;

use crate::contract::DecideResponse;
use crate::domain::catalog::Workspace;
use crate::nlu::rules::{RuleAnalysis, RuleExtractor};
use crate::nlu::{ExtractContext, Extraction};
use crate::pipeline::model::FallbackReason;
use crate::router::{self, Flags, Route};
use crate::store::{MessageKey, Store, StoreError, TurnStart};
use crate::telemetry::metrics::{Metrics, RequestSample};
use crate::text::{log_conversation, log_safe};
use crate::tools::broker::Broker;
use model::ModelPath;

/// Marks an HTTP request in flight until the guard drops: shadow readings wait for a quiet
/// moment (see `engine::priority`).
pub fn foreground() -> impl Drop {
    crate::engine::priority::foreground()
}

#[derive(Debug, Error)]
pub enum TurnError {
    #[error("the conversation is busy with another message; retry shortly")]
    Busy,
    #[error("message `{0}` was already received with another text")]
    MessageConflict(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A validated incoming message.
#[derive(Debug, Clone)]
pub struct TurnRequest {
    pub ws: Arc<Workspace>,
    pub conversation_id: String,
    pub message_id: String,
    pub text: String,
    pub timestamp: Option<DateTime<FixedOffset>>,
    pub customer_phone: Option<String>,
    /// The channel's profile name (`customer.name`), cleaned: offered for a booking.
    pub customer_name: Option<String>,
    pub request_id: String,
    /// Force a route (the playground); `None` = the canary decides.
    pub force_route: Option<Route>,
}

pub struct Pipeline {
    pub store: Arc<dyn Store>,
    pub broker: Arc<Broker>,
    pub metrics: Arc<Metrics>,
    pub flags: Arc<Flags>,
    pub salt: String,
    /// The model path, once loaded (the rules answer for the slm arm until then).
    pub model: std::sync::OnceLock<Arc<dyn ModelPath>>,
    /// Why there is no model (loading, disabled, or what failed and how to fix it).
    pub model_status: std::sync::RwLock<Option<String>>,
    pub slm_deadline: Duration,
    /// The model proposes the next step too (a second pass per turn); off: the rules plan.
    pub model_planner: bool,
    pub lease: Duration,
    pub turn_wait: Duration,
    /// This replica's name in conversation leases.
    pub holder: String,
    /// The sequence of the last published flags this replica applied; held while flags
    /// change so a local change and a synced one cannot interleave.
    pub flags_seq: tokio::sync::Mutex<i64>,
    pub rules: RuleExtractor,
    /// The service's clock: "today" and every booking decision read it.
    pub clock: crate::clock::Clock,
    /// The model to load (in the background at start, or when the flags enable it).
    pub model_spec: loader::ModelSpec,
    /// A workspace to warm the model up with.
    pub warm_workspace: Option<Arc<Workspace>>,
    /// When a turn last failed in the store (cleared by the next one that succeeds), so
    /// `/ready` says the service cannot save anything.
    pub store_failure: std::sync::Mutex<Option<Instant>>,
}

/// How long after a failed store write `/ready` keeps saying so (unless a write succeeds).
const STORE_FAILURE_WINDOW: Duration = Duration::from_secs(60);

/// What the model or the rules read, with how it went.
struct Reading {
    extraction: Extraction,
    analysis: RuleAnalysis,
    fallback: Option<FallbackReason>,
    schema_invalid: bool,
}

impl Pipeline {
    /// Why the model path is not available, if it is not.
    pub fn model_missing(&self) -> Option<String> {
        if self.model.get().is_some() {
            return None;
        }
        self.model_status
            .read()
            .ok()
            .and_then(|s| s.clone())
            .or_else(|| Some("not loaded".into()))
    }

    /// How long ago a store write failed, if one did recently and none succeeded since.
    pub fn recent_store_failure(&self) -> Option<Duration> {
        let at = (*self.store_failure.lock().ok()?)?;
        let ago = at.elapsed();
        (ago < STORE_FAILURE_WINDOW).then_some(ago)
    }

    fn note_store(&self, ok: bool) {
        if let Ok(mut f) = self.store_failure.lock() {
            *f = if ok { None } else { Some(Instant::now()) };
        }
    }

    pub fn set_model_status(&self, status: Option<String>) {
        if let Ok(mut s) = self.model_status.write() {
            *s = status;
        }
    }

    /// Answers one message. Replays the stored answer for a message id seen before.
    pub async fn decide(&self, req: TurnRequest) -> Result<DecideResponse, TurnError> {
        let started = Instant::now();
        let flags = self.flags.get();
        let route = req
            .force_route
            .unwrap_or_else(|| router::route(&flags, &self.salt, &req.conversation_id));
        let key = MessageKey {
            workspace_id: req.ws.id.clone(),
            conversation_id: req.conversation_id.clone(),
            message_id: req.message_id.clone(),
        };
        // The lease names this replica and a fresh id, never anything the client sent.
        let holder = format!("{}/{}", self.holder, uuid::Uuid::new_v4().simple());
        let wait_until = started + self.turn_wait;
        let mut pause = Duration::from_millis(2);
        let (state, version) = loop {
            match self
                .store
                .begin_turn(&key, &holder, self.lease.as_millis() as u64)
                .await
                .inspect_err(|_| self.note_store(false))?
            {
                TurnStart::Replay { response: v, text } => {
                    // The same id with another text is a client bug, not a retry: say so
                    // rather than answer with the old reply.
                    if text.as_deref().is_some_and(|t| t != req.text) {
                        return Err(TurnError::MessageConflict(req.message_id.clone()));
                    }
                    tracing::info!(conversation_id = %log_conversation(&req.conversation_id), message_id = %log_safe(&req.message_id, 128), "PIPELINE replay of an answered message");
                    return serde_json::from_value(v).map_err(|e| {
                        TurnError::Store(StoreError::Corrupt {
                            table: "messages",
                            reason: e.to_string(),
                        })
                    });
                }
                TurnStart::Busy if Instant::now() + pause < wait_until => {
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
                TurnStart::Busy => return Err(TurnError::Busy),
                TurnStart::Expired => {
                    return Err(TurnError::MessageConflict(req.message_id.clone()))
                }
                TurnStart::Fresh { state, version } => break (*state, version),
            }
        };
        match self
            .turn(&req, route, &key, &holder, state, version, started)
            .await
        {
            Ok(resp) => {
                self.note_store(true);
                Ok(resp)
            }
            Err(e) => {
                if matches!(e, TurnError::Store(_)) {
                    self.note_store(false);
                }
                if let Err(abort) = self.store.abort_turn(&key, &holder).await {
                    tracing::error!(error = %abort, "PIPELINE could not release a failed turn");
                }
                Err(e)
            }
        }
    }

    /// `deadline`: when the whole request's model work must be done (extraction and planning
    /// share one budget, so a slow read leaves the planner less, never more).
    async fn read(
        &self,
        req: &TurnRequest,
        route: Route,
        ctx: &ExtractContext,
        deadline: Instant,
    ) -> Reading {
        let analysis = self.rules.analyze(&req.ws, &req.text, ctx);
        let rules_reading = |fallback| Reading {
            extraction: analysis.extraction.clone(),
            analysis: analysis.clone(),
            fallback,
            schema_invalid: false,
        };
        if route == Route::Legacy {
            return rules_reading(None);
        }
        let Some(model) = self.model.get() else {
            return rules_reading(Some(FallbackReason::SlmUnavailable));
        };
        match model
            .extract(req.ws.clone(), &req.text, ctx, &analysis, deadline)
            .await
        {
            Ok(m) => Reading {
                extraction: m.extraction,
                analysis,
                fallback: None,
                schema_invalid: false,
            },
            Err(f) => {
                tracing::warn!(conversation_id = %log_conversation(&req.conversation_id), reason = f.reason().as_str(), error = %f, "EXTRACT falling back to legacy");
                let mut r = rules_reading(Some(f.reason()));
                r.schema_invalid = f.reason() == FallbackReason::SchemaInvalid;
                r
            }
        }
    }

    fn observe(
        &self,
        r: &DecideResponse,
        route: Route,
        fallback: Option<FallbackReason>,
        schema_invalid: Option<&'static str>,
    ) {
        let m = &self.metrics;
        m.inc(
            "pulpo_requests_total",
            vec![
                ("route", route.as_str().into()),
                ("intent", r.intent.as_str().into()),
                ("status", "200".into()),
            ],
        );
        m.observe_ms(
            "pulpo_request_duration_seconds",
            vec![("route", route.as_str().into())],
            r.latency_ms,
        );
        for (stage, v) in &r.timings_ms {
            if let Some(x) = v.as_f64() {
                m.observe_ms(
                    "pulpo_stage_duration_seconds",
                    vec![("route", route.as_str().into()), ("stage", stage.clone())],
                    x,
                );
            }
        }
        if let Some(f) = fallback {
            m.inc("pulpo_fallbacks_total", vec![("reason", f.as_str().into())]);
        }
        if let Some(stage) = schema_invalid {
            m.inc(
                "pulpo_schema_validation_failures_total",
                vec![("stage", stage.into())],
            );
        }
        m.record_request(RequestSample {
            at: Instant::now(),
            route: route.as_str(),
            status: 200,
            latency_ms: r.latency_ms,
            fallback: fallback.map(|f| f.as_str().to_string()),
            schema_invalid: schema_invalid.is_some(),
        });
        tracing::info!(
            conversation_id = %log_conversation(&r.conversation_id),
            request_id = %log_safe(&r.request_id, 128),
            route = route.as_str(),
            intent = r.intent.as_str(),
            fallback = fallback.map(|f| f.as_str()),
            next_action = ?r.next_action,
            actions = r.actions.len(),
            latency_ms = r.latency_ms,
            "PIPELINE"
        );
    }
}

/// How far ahead of the server's clock a message timestamp may be (phones' clocks drift).
const MAX_CLOCK_SKEW: chrono::Duration = chrono::Duration::minutes(5);

/// The instant a turn happens at: the message's timestamp (a retried message keeps its own
/// "mañana"), unless it is ahead of the server's clock by more than a few minutes — a
/// client cannot move "today" or the booking horizon forward.
fn turn_time(timestamp: Option<DateTime<FixedOffset>>, now: DateTime<Utc>) -> DateTime<Utc> {
    match timestamp.map(|t| t.with_timezone(&Utc)) {
        Some(t) if t <= now + MAX_CLOCK_SKEW => t,
        _ => now,
    }
}

/// A value for the log with the customer's personal data masked (names, phones, emails).
fn masked(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let personal = matches!(
                        k.as_str(),
                        "client_name"
                            | "client_phone"
                            | "client_email"
                            | "customer_name"
                            | "customer_phone"
                            | "phone"
                    );
                    let v = if personal && !v.is_null() {
                        Value::String("***".into())
                    } else {
                        masked(v)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(masked).collect()),
        other => other.clone(),
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
