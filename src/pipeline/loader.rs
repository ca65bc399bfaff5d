//! Loading the model path — the one place every command starts it from (`serve` in the
//! background, `eval`, `train`, `models`, the benchmarks and the tests): resolve the file,
//! load the engine, the reader heads and the extractor, start the worker, warm it up.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;

use super::model::ModelPath;
use super::Pipeline;
use crate::config::Config;
use crate::domain::catalog::Workspace;
use crate::engine::{fetch, Engine, Generator};
use crate::nlu::slm::{Mode, SlmExtractor};

/// Which model to load and how.
#[derive(Debug, Clone)]
pub struct ModelSpec {
    /// A manifest id, a GGUF path or `hf:REPO/FILE`.
    pub model: String,
    pub models_dir: PathBuf,
    pub threads: usize,
    /// Jobs allowed to wait for the model.
    pub queue: usize,
    /// Most encodes per forward pass.
    pub batch: usize,
    /// Load it when run-time flags enable a path that needs it.
    pub autoload: bool,
}

impl ModelSpec {
    pub fn from_config(cfg: &Config) -> ModelSpec {
        ModelSpec {
            model: cfg.model.clone(),
            models_dir: cfg.models_dir.clone(),
            threads: cfg.threads,
            queue: cfg.slm_queue,
            batch: cfg.slm_batch,
            autoload: cfg.model_autoload,
        }
    }
}

/// Loads the engine for a model spec (manifest id, path, or `hf:`).
pub fn load_engine(spec: &str, models_dir: &Path, threads: usize) -> anyhow::Result<Engine> {
    let (path, id) = fetch::resolve(spec, models_dir)
        .map_err(|e| anyhow::anyhow!("{e} (fix: `pulpo models fetch`, or set PULPO_MODEL)"))?;
    let engine = Engine::load(&path, &id, threads, 2048).with_context(|| {
        format!(
            "loading {} (fix: `pulpo models fetch` to replace a corrupt file)",
            path.display()
        )
    })?;
    tracing::info!(
        model = %engine.info.model,
        name = %engine.info.name,
        load_ms = engine.info.load_ms,
        threads = engine.info.threads,
        simd = %engine.info.simd,
        weight_mb = engine.info.weight_mb,
        rss_mb = engine.info.rss_mb,
        "MODEL engine loaded"
    );
    Ok(engine)
}

/// The model extractor for a loaded engine: with its trained reader heads when they exist
/// (`PULPO_EXTRACTOR_MODE=generate` forces constrained generation).
pub fn load_extractor(engine: &Engine, models_dir: &Path) -> anyhow::Result<SlmExtractor> {
    let heads_path = crate::nlu::reader::heads_path(models_dir, &engine.info.model);
    let heads = match crate::nlu::slm::load_heads(
        &heads_path,
        engine.hidden_size(),
        engine.prompt_format(),
    ) {
        Ok(h) => Some(h),
        Err(e) => {
            tracing::warn!(error = %e, "reader heads missing: the model decodes intents and slots itself, slower and less accurate (fix: `pulpo models fetch` or `pulpo train`)");
            None
        }
    };
    let mut extractor = SlmExtractor::new(heads).map_err(anyhow::Error::msg)?;
    if std::env::var("PULPO_EXTRACTOR_MODE").as_deref() == Ok("generate") {
        extractor.mode = Mode::Generate;
    }
    Ok(extractor)
}

/// The whole model path, loaded and warm: the extractor, the planner and the worker.
/// `warm_ws` is the workspace the warm-up message is read against (any will do).
pub fn load_model_path(
    spec: &ModelSpec,
    warm_ws: &Workspace,
) -> anyhow::Result<Arc<dyn ModelPath>> {
    let started = Instant::now();
    let engine = load_engine(&spec.model, &spec.models_dir, spec.threads)?;
    let extractor = Arc::new(load_extractor(&engine, &spec.models_dir)?);
    let planner = Arc::new(crate::planner::slm::SlmPlanner::new().map_err(anyhow::Error::msg)?);
    let engine: Arc<dyn Generator> = Arc::new(engine);
    // Warm-up: prefill the cached prompt prefixes and compile the grammar paths once.
    let ctx = crate::nlu::ExtractContext::default();
    let text = "hola, cuánto sale el corte?";
    let rules = crate::nlu::rules::RuleExtractor.analyze(warm_ws, text, &ctx);
    extractor
        .read(engine.as_ref(), warm_ws, text, &ctx, &rules, None)
        .map_err(|e| anyhow::anyhow!("warm-up extraction failed: {e:?}"))?;
    let st = crate::domain::state::ConversationState::default();
    let input = crate::planner::PlanInput {
        ws: warm_ws,
        state: &st,
        extraction: &rules.extraction,
        message_key: "warm-up",
    };
    planner
        .plan(engine.as_ref(), &input, None)
        .map_err(|e| anyhow::anyhow!("warm-up plan failed: {e:?}"))?;
    let info = engine.info();
    tracing::info!(model = %info.model, load_ms = info.load_ms, ready_ms = started.elapsed().as_millis() as u64, rss_mb = info.rss_mb, simd = %info.simd, threads = info.threads, "MODEL loaded and warm");
    let worker = crate::engine::worker::ModelWorker::start(engine, spec.queue, spec.batch);
    Ok(Arc::new(super::slm::SlmPath {
        worker,
        extractor,
        planner,
    }))
}

/// [`load_model_path`] for a server configuration, warmed on its first workspace file.
pub fn load_model_path_for(cfg: &Config) -> anyhow::Result<Arc<dyn ModelPath>> {
    let workspaces = crate::config::load_workspaces(&cfg.workspaces_dir)?;
    let ws = workspaces
        .values()
        .next()
        .context("no workspace to warm the model up with")?;
    load_model_path(&ModelSpec::from_config(cfg), ws)
}

/// One background load at a time per process.
static LOADING: AtomicBool = AtomicBool::new(false);

impl Pipeline {
    /// Loads the model in the background (the service answers on the rules meanwhile), then
    /// switches the model path on. Idempotent; a failure is shown by `/ready` and a later
    /// call tries again.
    pub fn spawn_model_load(self: &Arc<Self>) {
        if self.model.get().is_some() || LOADING.swap(true, Ordering::SeqCst) {
            return;
        }
        let Some(ws) = self.warm_workspace.clone() else {
            LOADING.store(false, Ordering::SeqCst);
            return;
        };
        let pipeline = self.clone();
        pipeline.set_model_status(Some("loading".into()));
        let spawned = std::thread::Builder::new()
            .name("pulpo-model-load".into())
            .spawn(move || {
                let spec = &pipeline.model_spec;
                match load_model_path(spec, &ws) {
                    Ok(path) => {
                        let _ = pipeline.model.set(path);
                        pipeline.set_model_status(None);
                        tracing::info!(model = %spec.model, "model path ready");
                    }
                    Err(e) => {
                        let msg = format!("{e:#}");
                        tracing::error!(model = %spec.model, error = %msg, "the model could not be loaded; answering on the rules");
                        pipeline.set_model_status(Some(msg));
                    }
                }
                LOADING.store(false, Ordering::SeqCst);
            });
        if let Err(e) = spawned {
            LOADING.store(false, Ordering::SeqCst);
            tracing::error!(error = %e, "cannot start the model loader thread");
        }
    }

    /// Starts loading the model when run-time flags turn on a path that needs it (the model
    /// path or shadow mode) and it is not loaded yet.
    pub fn load_model_if_flags_need_it(self: &Arc<Self>, f: &crate::router::FlagValues) {
        if (f.enable_slm_pipeline || f.slm_shadow_percent > 0)
            && self.model.get().is_none()
            && self.model_spec.autoload
        {
            self.spawn_model_load();
        }
    }
}
