//! The model path as the pipeline sees it: an extractor and a planner that can fail, each
//! failure naming the reason the rules answered instead.

use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;

use crate::domain::catalog::Workspace;
use crate::domain::plan::Plan;
use crate::nlu::rules::RuleAnalysis;
use crate::nlu::{ExtractContext, Extraction, FallbackReason};
use crate::planner::PlanInput;

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
