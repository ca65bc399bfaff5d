//! The model path as the pipeline sees it: an extractor and a planner that can fail, each
//! failure naming the reason the rules answered instead.

use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;

use crate::domain::catalog::Workspace;
use crate::domain::plan::Plan;
use crate::nlu::rules::RuleAnalysis;
use crate::nlu::{ExtractContext, Extraction};
use crate::planner::PlanInput;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why the model path did not produce an answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelFailure {
    #[error("the model missed its deadline")]
    Timeout,
    #[error("the model queue is full")]
    Overloaded,
    #[error("model output failed its schema: {0}")]
    SchemaInvalid(String),
    #[error("model error: {0}")]
    Engine(String),
    #[error("no model is loaded: {0}")]
    Unavailable(String),
}

impl ModelFailure {
    pub fn reason(&self) -> FallbackReason {
        match self {
            ModelFailure::Timeout => FallbackReason::SlmTimeout,
            ModelFailure::Overloaded => FallbackReason::SlmOverloaded,
            ModelFailure::SchemaInvalid(_) => FallbackReason::SchemaInvalid,
            ModelFailure::Engine(_) => FallbackReason::SlmError,
            ModelFailure::Unavailable(_) => FallbackReason::SlmUnavailable,
        }
    }
}

/// One model reading, with its cost.
#[derive(Debug, Clone)]
pub struct ModelExtraction {
    pub extraction: Extraction,
    pub latency_ms: f64,
}

#[async_trait]
pub trait ModelPath: Send + Sync {
    /// Reads one message with the model (beside the rules' analysis).
    async fn extract(
        &self,
        ws: Arc<Workspace>,
        text: &str,
        ctx: &ExtractContext,
        rules: &RuleAnalysis,
        deadline: Instant,
    ) -> Result<ModelExtraction, ModelFailure>;

    /// Proposes the next step.
    async fn plan(&self, input: &PlanInput<'_>, deadline: Instant) -> Result<Plan, ModelFailure>;

    /// Runs an extraction only if the model is idle right now (shadow mode never queues).
    async fn extract_if_idle(
        &self,
        ws: Arc<Workspace>,
        text: &str,
        ctx: &ExtractContext,
        rules: &RuleAnalysis,
        deadline: Instant,
    ) -> Option<Result<ModelExtraction, ModelFailure>>;

    /// A short description for `/ready` and logs.
    fn describe(&self) -> serde_json::Value;

    /// Cheap: whether the model could take a job right now (shadow mode skips a busy model
    /// without starting any work).
    fn is_idle(&self) -> bool {
        true
    }
}

/// Why the model path could not answer; becomes `fallback_reason` in the response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum FallbackReason {
    SlmDisabled,
    SlmUnavailable,
    SlmTimeout,
    SlmOverloaded,
    SlmError,
    SchemaInvalid,
    PlannerRejected,
}

impl FallbackReason {
    pub fn as_str(self) -> &'static str {
        match self {
            FallbackReason::SlmDisabled => "slm_disabled",
            FallbackReason::SlmUnavailable => "slm_unavailable",
            FallbackReason::SlmTimeout => "slm_timeout",
            FallbackReason::SlmOverloaded => "slm_overloaded",
            FallbackReason::SlmError => "slm_error",
            FallbackReason::SchemaInvalid => "schema_invalid",
            FallbackReason::PlannerRejected => "planner_rejected",
        }
    }
}

impl fmt::Display for FallbackReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
