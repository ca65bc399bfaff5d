//! The on-box model: GGUF loading, the tokenizer from the GGUF, a native CPU transformer with a
//! reusable prefix KV cache, llguidance-constrained JSON decoding, and a worker that runs it
//! all off the async runtime with a bounded queue.
//!
//! It knows nothing of salons: prompts, schemas and grammars come from the caller. The main
//! entry points are [`Engine::generate`] (constrained JSON) and [`Engine::hidden`] (the
//! hidden state after a prompt, for classifier heads), both behind the [`Generator`] trait.
//!
//! ```text
//! prompt = cached prefix ‖ suffix
//!   prefix: prefilled once per model, its KV cache cloned per request
//!   suffix: prefilled in one batch
//! loop:
//!   forced tokens (the grammar allows exactly one) → fed in one batch, no sampling
//!   mask ← llguidance; logits ← LM head rows of the allowed tokens only; argmax
//!   stop as soon as the grammar is complete
//! ```

pub(crate) mod arch;
mod attention;
pub mod chat;
pub(crate) mod device;
pub mod fetch;
pub(crate) mod generate;
pub(crate) mod gguf;
pub(crate) mod kernels;
pub mod model;
pub(crate) mod peak;
pub(crate) mod prefixes;
pub(crate) mod priority;
pub(crate) mod quant;
pub(crate) mod tokenizer;
pub mod worker;

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::Serialize;

pub use generate::{GenOutput, GenRequest, GenStats, Grammar};
use gguf::GgufFile;
use model::{KvCache, Model, Want};
use tokenizer::GgufTokenizer;

#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum EngineError {
    #[error("model: {0}")]
    Model(String),
    #[error("the prompt needs {needed} positions; the context holds {max}")]
    ContextFull { needed: usize, max: usize },
    #[error("grammar: {0}")]
    Grammar(String),
    #[error("no complete output within {0} tokens")]
    TooManyTokens(usize),
    #[error("cancelled")]
    Cancelled,
    #[error("deadline passed")]
    Timeout,
    #[error("the model queue is full")]
    Overloaded,
    #[error("output failed validation: {0}")]
    InvalidOutput(String),
}

/// What a running engine reports about itself.
#[derive(Debug, Clone, Serialize)]
pub struct EngineInfo {
    pub model: String,
    pub path: String,
    pub arch: gguf::Arch,
    pub name: String,
    pub threads: usize,
    /// How the shadow-mode threads run: `idle` (SCHED_IDLE), `nice` or `normal`.
    pub background_priority: priority::BackgroundPriority,
    pub simd: String,
    pub load_ms: f64,
    pub weight_mb: f64,
    pub rss_mb: f64,
    pub max_ctx: usize,
    /// How this model's prompts are written (the manifest's `prompt_format`, else its GGUF
    /// chat template).
    #[serde(serialize_with = "ser_format")]
    pub prompt_format: chat::PromptFormat,
}

#[cfg(test)]
impl EngineInfo {
    /// What a fake generator in a unit test reports: a name and nothing measured.
    pub fn fake(model: &str) -> Self {
        EngineInfo {
            model: model.into(),
            path: String::new(),
            arch: gguf::Arch::Qwen2,
            name: model.into(),
            threads: 1,
            background_priority: priority::BackgroundPriority::Normal,
            simd: "none".into(),
            load_ms: 0.0,
            weight_mb: 0.0,
            rss_mb: 0.0,
            max_ctx: 0,
            prompt_format: chat::PromptFormat::ChatMl,
        }
    }
}

fn ser_format<S: serde::Serializer>(f: &chat::PromptFormat, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(f.name())
}

/// A suffix run through the model: tokens, byte offsets, hidden states.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub tokens: Vec<u32>,
    /// Byte range of each token in the suffix.
    pub offsets: Vec<(usize, usize)>,
    pub hidden_dim: usize,
    /// `tokens × hidden_dim`.
    pub hidden: Vec<f32>,
    /// How long the forward pass took, and how many encodes shared it (1: alone).
    pub pass_ms: f64,
    pub batch: usize,
}

impl Encoded {
    pub fn row(&self, t: usize) -> &[f32] {
        &self.hidden[t * self.hidden_dim..(t + 1) * self.hidden_dim]
    }
}

/// One suffix to encode after a prompt prefix (see [`Engine::encode`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodeRequest {
    /// The prompt prefix (shared: a prompt is rendered once per business and model format).
    pub prefix: Arc<str>,
    pub suffix: String,
    /// Read the hidden states after this many layers (`None`: all).
    pub layers: Option<usize>,
}

/// A request ready to run: its prefix's cache and its tokens.
struct EncodeInput {
    prefix: Arc<Prefix>,
    tokens: Vec<u32>,
    offsets: Vec<(usize, usize)>,
}

/// A prompt prefix, prefilled once.
pub struct Prefix {
    pub tokens: Vec<u32>,
    pub cache: KvCache,
}

/// The model and everything that goes with it. Blocking: call it from a worker thread.
pub struct Engine {
    pub model: Model,
    pub tokenizer: GgufTokenizer,
    factory: llguidance::ParserFactory,
    prefixes: Mutex<prefixes::Recent<Arc<Prefix>>>,
    pub info: EngineInfo,
    /// How each token helps a JSON value end (for a generation's closing steps).
    closing: std::sync::OnceLock<Vec<u8>>,
}

impl Engine {
    /// Width of the hidden states the model returns (what reader heads are trained on).
    pub fn hidden_size(&self) -> usize {
        self.model.cfg.hidden
    }

    /// How this model's prompts are written.
    pub fn prompt_format(&self) -> chat::PromptFormat {
        self.info.prompt_format
    }

    /// A system instruction and a user message in this model's chat format, ready for it
    /// to answer.
    pub fn chat_prompt(&self, system: &str, user: &str) -> String {
        self.info.prompt_format.chat(system, user)
    }
}

/// Most prefixes kept (each a few MB of KV cache): two prompts per business, so eight
/// businesses on one server before the least recently used prompt is prefilled again.
const MAX_PREFIXES: usize = 16;

/// Resident memory of this process in MiB (Linux), for reports.
pub fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|x| x.parse::<f64>().ok())
        })
        .map(|pages| pages * 4096.0 / (1024.0 * 1024.0))
        .unwrap_or(0.0)
}

impl Engine {
    /// Loads a GGUF file. `threads` inference threads; `max_ctx` positions per sequence.
    pub fn load(
        path: &Path,
        id: &str,
        threads: usize,
        max_ctx: usize,
    ) -> Result<Engine, EngineError> {
        Engine::load_on(path, id, threads, max_ctx, device::select()?)
    }

    /// Loads with the layers on the native CPU engine (`None`) or on a candle device.
    pub fn load_on(
        path: &Path,
        id: &str,
        threads: usize,
        max_ctx: usize,
        device: Option<candle_core::Device>,
    ) -> Result<Engine, EngineError> {
        let started = Instant::now();
        let mut g = GgufFile::open(path)?;
        let tokenizer = GgufTokenizer::from_gguf(&g)?;
        let prompt_format = fetch::Manifest::builtin()
            .ok()
            .and_then(|m| m.get(id).ok().map(|e| e.prompt_format.clone()))
            .and_then(|name| chat::PromptFormat::from_name(&name))
            .or_else(|| {
                g.string("tokenizer.chat_template")
                    .and_then(|t| chat::PromptFormat::from_template(&t))
            })
            .unwrap_or(chat::PromptFormat::ChatMl);
        let model = Model::load_on(&mut g, threads, max_ctx, device)?;
        let tok_env = tokenizer.tok_env(model.cfg.vocab)?;
        let mut factory = llguidance::ParserFactory::new_simple(&tok_env)
            .map_err(|e| EngineError::Grammar(format!("parser factory: {e}")))?;
        factory.quiet();
        let info = EngineInfo {
            model: id.to_string(),
            path: path.display().to_string(),
            arch: model.cfg.arch,
            name: model.cfg.name.clone(),
            threads: model.threads,
            background_priority: model.background.priority(),
            simd: model.backend(),
            load_ms: started.elapsed().as_secs_f64() * 1000.0,
            weight_mb: model.weight_bytes() as f64 / (1024.0 * 1024.0),
            rss_mb: rss_mb(),
            max_ctx: model.max_ctx,
            prompt_format,
        };
        Ok(Engine {
            model,
            tokenizer,
            factory,
            prefixes: Mutex::new(prefixes::Recent::new(MAX_PREFIXES)),
            info,
            closing: Default::default(),
        })
    }

    pub fn factory(&self) -> &llguidance::ParserFactory {
        &self.factory
    }

    /// The prefilled prefix for `text` (computed on first use, then shared).
    pub fn prefix(&self, text: &str) -> Result<Arc<Prefix>, EngineError> {
        if let Some(p) = self
            .prefixes
            .lock()
            .map_err(|_| EngineError::Model("prefix cache poisoned".into()))?
            .get(text)
        {
            return Ok(p.clone());
        }
        // Every sequence starts from a prefix, so the BOS a model family needs goes here.
        let tokens = self.tokenizer.sequence_start(self.tokenizer.encode(text)?);
        let mut cache = self.model.new_cache();
        if !tokens.is_empty() {
            self.model.forward(&tokens, &mut cache, Want::Nothing)?;
        }
        let p = Arc::new(Prefix { tokens, cache });
        let mut map = self
            .prefixes
            .lock()
            .map_err(|_| EngineError::Model("prefix cache poisoned".into()))?;
        map.insert(text.to_string(), p.clone());
        Ok(p)
    }

    /// The final hidden state after `prefix ‖ suffix` (features for classifier heads).
    pub fn hidden(&self, prefix: &str, suffix: &str) -> Result<Vec<f32>, EngineError> {
        let p = self.prefix(prefix)?;
        let tokens = self.tokenizer.encode(suffix)?;
        if tokens.is_empty() {
            return Err(EngineError::Model("empty suffix".into()));
        }
        let mut cache = p.cache.clone();
        Ok(self
            .model
            .forward(&tokens, &mut cache, Want::Hidden)?
            .hidden)
    }

    /// Every token of `suffix` after `prefix`, with its byte range in `suffix` and its hidden
    /// state (one prefill; features for token and sequence classifiers): after every layer,
    /// or after the first `layers` only (the rest of the pass is skipped).
    pub fn encode(
        &self,
        prefix: &str,
        suffix: &str,
        layers: Option<usize>,
    ) -> Result<Encoded, EngineError> {
        let req = EncodeRequest {
            prefix: prefix.into(),
            suffix: suffix.to_string(),
            layers,
        };
        self.encode_many(std::slice::from_ref(&req))
            .pop()
            .unwrap_or_else(|| Err(EngineError::Model("an encode returned nothing".into())))
    }

    /// Several [`encode`](Self::encode)s in one forward pass (requests that read the same
    /// layer share it; each keeps its own prefix and positions). One result per request, in
    /// order; a request that fails alone (empty, too long) fails alone.
    pub fn encode_many(&self, reqs: &[EncodeRequest]) -> Vec<Result<Encoded, EngineError>> {
        let mut results: Vec<Option<Result<Encoded, EngineError>>> =
            (0..reqs.len()).map(|_| None).collect();
        // Tokenize and fetch each prefix; keep what can run.
        let mut ready = Vec::new();
        for (i, r) in reqs.iter().enumerate() {
            match self.encode_input(r) {
                Ok(input) => ready.push((i, input)),
                Err(e) => results[i] = Some(Err(e)),
            }
        }
        let mut layers: Vec<Option<usize>> = ready.iter().map(|(i, _)| reqs[*i].layers).collect();
        layers.sort_unstable();
        layers.dedup();
        for want_layers in layers {
            let group: Vec<&(usize, EncodeInput)> = ready
                .iter()
                .filter(|(i, _)| reqs[*i].layers == want_layers)
                .collect();
            let want = match want_layers {
                Some(n) => Want::AllHiddenAt(n),
                None => Want::AllHidden,
            };
            let started = std::time::Instant::now();
            let read = want_layers.unwrap_or(usize::MAX);
            let mut caches: Vec<KvCache> = group
                .iter()
                .map(|(_, x)| x.prefix.cache.snapshot(read, x.tokens.len()))
                .collect();
            let mut seqs: Vec<(&[u32], &mut KvCache)> = group
                .iter()
                .zip(caches.iter_mut())
                .map(|((_, x), c)| (&x.tokens[..], c))
                .collect();
            match self.model.forward_batch(&mut seqs, want) {
                Ok(outs) => {
                    let pass_ms = started.elapsed().as_secs_f64() * 1000.0;
                    let batch = outs.len();
                    for ((i, x), out) in group.into_iter().zip(outs) {
                        results[*i] = Some(Ok(Encoded {
                            tokens: x.tokens.clone(),
                            offsets: x.offsets.clone(),
                            hidden_dim: self.model.cfg.hidden,
                            hidden: out.all_hidden,
                            pass_ms,
                            batch,
                        }));
                    }
                }
                Err(e) => {
                    for (i, _) in group {
                        results[*i] = Some(Err(e.clone()));
                    }
                }
            }
        }
        results
            .into_iter()
            .map(|r| r.unwrap_or_else(|| Err(EngineError::Model("an encode was not run".into()))))
            .collect()
    }

    fn encode_input(&self, r: &EncodeRequest) -> Result<EncodeInput, EngineError> {
        let prefix = self.prefix(&r.prefix)?;
        let enc = self
            .tokenizer
            .hf
            .encode(r.suffix.as_str(), false)
            .map_err(|e| EngineError::Model(format!("tokenizer: {e}")))?;
        let tokens = enc.get_ids().to_vec();
        if tokens.is_empty() {
            return Err(EngineError::Model("empty suffix".into()));
        }
        if prefix.cache.len() + tokens.len() > self.model.max_ctx {
            return Err(EngineError::ContextFull {
                needed: prefix.cache.len() + tokens.len(),
                max: self.model.max_ctx,
            });
        }
        Ok(EncodeInput {
            prefix,
            tokens,
            offsets: enc.get_offsets().to_vec(),
        })
    }

    /// Log-probabilities of each candidate continuation after `prefix ‖ suffix`, summed over
    /// its tokens (label likelihood scoring).
    pub fn score(
        &self,
        prefix: &str,
        suffix: &str,
        candidates: &[String],
    ) -> Result<Vec<f32>, EngineError> {
        let p = self.prefix(prefix)?;
        let mut base = p.cache.clone();
        let toks = self.tokenizer.encode(suffix)?;
        let first = self.model.forward(&toks, &mut base, Want::Logits)?;
        let mut out = Vec::with_capacity(candidates.len());
        for c in candidates {
            let ct = self.tokenizer.encode(c)?;
            let mut lp = log_softmax_at(&first.logits, *ct.first().unwrap_or(&0));
            if ct.len() > 1 {
                let mut cache = base.clone();
                for w in ct.windows(2) {
                    let o = self.model.forward(&[w[0]], &mut cache, Want::Logits)?;
                    lp += log_softmax_at(&o.logits, w[1]);
                }
            }
            out.push(lp);
        }
        Ok(out)
    }
}

fn log_softmax_at(logits: &[f32], i: u32) -> f32 {
    let m = logits.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
    let z: f32 = logits.iter().map(|v| (v - m).exp()).sum();
    logits
        .get(i as usize)
        .map(|v| v - m - z.ln())
        .unwrap_or(f32::NEG_INFINITY)
}

/// The model behind a small interface: prompt + grammar in, JSON + stats out. Tests of code
/// around the model may implement it with a fake; the engine tests use the real model.
pub trait Generator: Send + Sync {
    fn generate(&self, req: &GenRequest) -> Result<GenOutput, EngineError>;
    fn hidden(&self, prefix: &str, suffix: &str) -> Result<Vec<f32>, EngineError>;
    /// See [`Engine::encode`].
    fn encode(
        &self,
        prefix: &str,
        suffix: &str,
        layers: Option<usize>,
    ) -> Result<Encoded, EngineError>;
    /// Several encodes; the engine runs them in one forward pass.
    fn encode_many(&self, reqs: &[EncodeRequest]) -> Vec<Result<Encoded, EngineError>> {
        reqs.iter()
            .map(|r| self.encode(&r.prefix, &r.suffix, r.layers))
            .collect()
    }
    fn info(&self) -> EngineInfo;
    /// How this model's prompts are written.
    fn prompt_format(&self) -> chat::PromptFormat {
        self.info().prompt_format
    }
    /// Starts `f` as background work (shadow mode): on idle-priority threads where the
    /// engine has them, returning at once, its model steps stopping once `cancel` is set.
    /// Only one background job runs at a time (the worker's rule). Without such threads, `f`
    /// runs here and now.
    fn spawn_in_background(&self, cancel: Arc<AtomicBool>, f: Box<dyn FnOnce() + Send>) {
        let _ = cancel;
        f()
    }
}

impl Generator for Engine {
    fn generate(&self, req: &GenRequest) -> Result<GenOutput, EngineError> {
        Engine::generate(self, req)
    }

    fn hidden(&self, prefix: &str, suffix: &str) -> Result<Vec<f32>, EngineError> {
        Engine::hidden(self, prefix, suffix)
    }

    fn encode(
        &self,
        prefix: &str,
        suffix: &str,
        layers: Option<usize>,
    ) -> Result<Encoded, EngineError> {
        Engine::encode(self, prefix, suffix, layers)
    }

    fn encode_many(&self, reqs: &[EncodeRequest]) -> Vec<Result<Encoded, EngineError>> {
        Engine::encode_many(self, reqs)
    }

    fn spawn_in_background(&self, cancel: Arc<AtomicBool>, f: Box<dyn FnOnce() + Send>) {
        self.model.background.spawn(cancel, f)
    }

    fn info(&self) -> EngineInfo {
        let mut i = self.info.clone();
        i.rss_mb = rss_mb();
        i
    }
}
