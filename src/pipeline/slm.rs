//! The model path behind [`ModelPath`]: the extractor and the planner run on the model worker
//! (off the async runtime, bounded queue, per-request deadline), and every failure is mapped
//! to the fallback reason the response reports.

use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;

use super::model::{ModelExtraction, ModelFailure, ModelPath};
use crate::domain::catalog::Workspace;
use crate::domain::plan::Plan;
use crate::engine::worker::ModelWorker;
use crate::engine::{Encoded, EngineError, Generator};
use crate::nlu::rules::RuleAnalysis;
use crate::nlu::slm::{SlmError, SlmExtractor};
use crate::nlu::ExtractContext;
use crate::planner::slm::{PlanError, SlmPlanner};
use crate::planner::PlanInput;

pub struct SlmPath {
    pub worker: ModelWorker,
    pub extractor: Arc<SlmExtractor>,
    pub planner: Arc<SlmPlanner>,
}

fn engine_failure(e: EngineError) -> ModelFailure {
    match e {
        EngineError::Timeout | EngineError::Cancelled => ModelFailure::Timeout,
        EngineError::Overloaded => ModelFailure::Overloaded,
        EngineError::InvalidOutput(m) => ModelFailure::SchemaInvalid(m),
        other => ModelFailure::Engine(other.to_string()),
    }
}

impl SlmPath {
    async fn extract_on(
        &self,
        idle_only: bool,
        ws: Arc<Workspace>,
        text: &str,
        ctx: &ExtractContext,
        rules: &RuleAnalysis,
        deadline: Instant,
    ) -> Option<Result<ModelExtraction, ModelFailure>> {
        let extractor = self.extractor.clone();
        let (text, ctx, rules) = (text.to_string(), ctx.clone(), rules.clone());
        let started = Instant::now();
        let format = self.worker.generator().prompt_format();
        let engine_error = |e: SlmError| match e {
            SlmError::Engine(e) => e,
            SlmError::Schema(m) => EngineError::InvalidOutput(m),
        };
        // A short answer in context is read by the rules: no pass, no queue.
        if let Some(reading) = extractor.context_reading(&text, &ctx, &rules) {
            return Some(Ok(ModelExtraction {
                extraction: extractor.finish(&reading),
                latency_ms: started.elapsed().as_secs_f64() * 1000.0,
            }));
        }
        let result = match extractor.encode_request(format, &ws, &text, &ctx) {
            // Reading with heads: one encode, which the worker may share with other
            // customers' messages in one forward pass.
            Some(req) => {
                let job = move |_: &dyn Generator, enc: Result<Encoded, EngineError>, _| {
                    let enc = enc?;
                    let heads = extractor
                        .heads
                        .as_ref()
                        .ok_or_else(|| EngineError::Model("the reader heads went away".into()))?;
                    let pass_ms = enc.pass_ms;
                    extractor
                        .read_encoded(heads, format, &ws, &text, &ctx, &rules, enc, pass_ms)
                        .map(|r| extractor.finish(&r))
                        .map_err(engine_error)
                };
                if idle_only {
                    self.worker.run_encode_if_idle(deadline, req, job).await?
                } else {
                    self.worker.run_encode(deadline, req, job).await
                }
            }
            None => {
                let job = move |g: &dyn Generator, cancel| {
                    extractor
                        .read(g, &ws, &text, &ctx, &rules, Some(cancel))
                        .map(|r| extractor.finish(&r))
                        .map_err(engine_error)
                };
                if idle_only {
                    self.worker.run_if_idle(deadline, job).await?
                } else {
                    self.worker.run(deadline, job).await
                }
            }
        };
        Some(
            result
                .map(|extraction| ModelExtraction {
                    extraction,
                    latency_ms: started.elapsed().as_secs_f64() * 1000.0,
                })
                .map_err(engine_failure),
        )
    }
}

#[async_trait]
impl ModelPath for SlmPath {
    async fn extract(
        &self,
        ws: Arc<Workspace>,
        text: &str,
        ctx: &ExtractContext,
        rules: &RuleAnalysis,
        deadline: Instant,
    ) -> Result<ModelExtraction, ModelFailure> {
        self.extract_on(false, ws, text, ctx, rules, deadline)
            .await
            .unwrap_or(Err(ModelFailure::Overloaded))
    }

    async fn extract_if_idle(
        &self,
        ws: Arc<Workspace>,
        text: &str,
        ctx: &ExtractContext,
        rules: &RuleAnalysis,
        deadline: Instant,
    ) -> Option<Result<ModelExtraction, ModelFailure>> {
        self.extract_on(true, ws, text, ctx, rules, deadline).await
    }

    async fn plan(&self, input: &PlanInput<'_>, deadline: Instant) -> Result<Plan, ModelFailure> {
        let planner = self.planner.clone();
        let ws = Arc::new(input.ws.clone());
        let state = input.state.clone();
        let extraction = input.extraction.clone();
        let key = input.message_key.to_string();
        self.worker
            .run(deadline, move |g, cancel| {
                let input = PlanInput {
                    ws: &ws,
                    state: &state,
                    extraction: &extraction,
                    message_key: &key,
                };
                planner
                    .plan(g, &input, Some(cancel))
                    .map(|(p, _)| p)
                    .map_err(|e| match e {
                        PlanError::Engine(e) => e,
                        PlanError::Schema(m) => EngineError::InvalidOutput(m),
                    })
            })
            .await
            .map_err(engine_failure)
    }

    fn is_idle(&self) -> bool {
        !self.worker.is_busy() && self.worker.queue_depth() == 0
    }

    fn describe(&self) -> serde_json::Value {
        let info = self.worker.generator().info();
        serde_json::json!({
            "model": info.model,
            "name": info.name,
            "threads": info.threads,
            "background_priority": info.background_priority,
            "simd": info.simd,
            "rss_mb": info.rss_mb,
            "load_ms": info.load_ms,
            "extractor": match self.extractor.mode { crate::nlu::slm::Mode::Reader => "reader", crate::nlu::slm::Mode::Generate => "generate" },
            "heads_cv_intent_accuracy": self.extractor.heads.as_ref().and_then(|h| h.cv_intent_accuracy),
            "queue_depth": self.worker.queue_depth(),
            "queue_capacity": self.worker.capacity(),
            "queue_high_water": self.worker.queue_high_water(),
            "busy": self.worker.is_busy(),
        })
    }
}
