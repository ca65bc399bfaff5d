//! Constrained generation with llguidance: every output is valid for its grammar by
//! construction. Forced tokens are fed in one batch; for the rest only the LM-head rows the
//! grammar allows are computed; decoding stops the moment the grammar is complete.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use llguidance::api::TopLevelGrammar;
use llguidance::Matcher;
use serde::Serialize;

use super::model::Want;
use super::{Engine, EngineError};

/// A grammar: a JSON schema (compact JSON is forced unless the schema's `x-guidance` says
/// otherwise) or a Lark grammar.
#[derive(Debug, Clone)]
pub enum Grammar {
    JsonSchema(serde_json::Value),
    Lark(String),
}

impl Grammar {
    pub fn top_level(&self) -> TopLevelGrammar {
        match self {
            Grammar::JsonSchema(schema) => {
                let mut s = schema.clone();
                if let Some(obj) = s.as_object_mut() {
                    obj.entry("x-guidance").or_insert_with(|| {
                        serde_json::json!({"whitespace_flexible": false, "item_separator": ",", "key_separator": ":"})
                    });
                }
                TopLevelGrammar::from_json_schema(s)
            }
            Grammar::Lark(src) => TopLevelGrammar::from_lark(src.clone()),
        }
    }
}

pub struct GenRequest<'a> {
    /// Cached prefix (instructions, examples): prefilled once per model.
    pub prefix: &'a str,
    /// The per-request rest of the prompt.
    pub prompt: &'a str,
    pub grammar: Grammar,
    /// Generated tokens allowed (forced ones included) before giving up with an error.
    pub max_tokens: usize,
    /// Checked every step: set it to stop a generation whose caller gave up.
    pub cancel: Option<Arc<AtomicBool>>,
    /// Also return the hidden state at the end of the prompt (before any output token).
    pub want_prompt_hidden: bool,
}

/// One sampled (not forced) step: the token, and its probability among the allowed tokens.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub token: u32,
    pub text: String,
    pub prob: f32,
    /// How many tokens the grammar allowed at this step.
    pub allowed: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct GenStats {
    pub prompt_tokens: usize,
    pub cached_tokens: usize,
    pub generated_tokens: usize,
    pub forced_tokens: usize,
    pub sampled_tokens: usize,
    /// Forward passes (batches).
    pub forward_calls: usize,
    /// The first forward pass: the message (after the cached prefix) plus the tokens the
    /// grammar forces before the first choice.
    pub prefill_tokens: usize,
    pub prefill_ms: f64,
    /// Later passes that carry a run of grammar-forced tokens with the sampled one.
    pub batch_calls: usize,
    pub batch_tokens: usize,
    pub batch_ms: f64,
    /// Later passes of one sampled token.
    pub step_calls: usize,
    pub step_ms: f64,
    pub model_ms: f64,
    pub mask_ms: f64,
    pub mask_ms_max: f64,
    /// Compiling the grammar (per request).
    pub grammar_ms: f64,
    pub total_ms: f64,
    /// The generation reached its last tokens and steered to the shortest valid ending.
    pub closing: bool,
}

#[derive(Debug, Clone)]
pub struct GenOutput {
    /// The generated text (valid for the grammar).
    pub text: String,
    /// Parsed JSON, for JSON-schema grammars.
    pub json: Option<serde_json::Value>,
    pub steps: Vec<Step>,
    pub prompt_hidden: Option<Vec<f32>>,
    pub stats: GenStats,
}

fn argmax(v: &[f32]) -> (usize, f32) {
    let mut best = (0, f32::NEG_INFINITY);
    for (i, &x) in v.iter().enumerate() {
        if x > best.1 {
            best = (i, x);
        }
    }
    best
}

/// How a token helps a JSON value end, for the closing steps: 2 for a token of only closing
/// characters (`"`, `}`, `]`), 1 when it also holds a comma (ends a value and moves to the next
/// required one), 0 otherwise.
pub fn closing_rank(text: &str) -> u8 {
    let t = text.trim();
    if t.is_empty() || !t.chars().all(|c| matches!(c, '"' | '}' | ']' | ',')) {
        0
    } else if t.contains(',') {
        1
    } else {
        2
    }
}

/// Tokens left when a generation starts closing its JSON: a sixth of the budget, at least 10
/// (an ordinary answer ends well before; the planner's 32 tokens close from the 23rd on).
pub fn closing_budget(max_tokens: usize) -> usize {
    (max_tokens / 6).max(10)
}

fn prob_of(logits: &[f32], i: usize) -> f32 {
    let m = logits.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
    let z: f32 = logits.iter().map(|v| (v - m).exp()).sum();
    ((logits[i] - m).exp() / z).clamp(0.0, 1.0)
}

impl Engine {
    /// [`closing_rank`] of every token of the vocabulary (computed on first use).
    fn closing_ranks(&self) -> &[u8] {
        self.closing.get_or_init(|| {
            (0..self.model.cfg.vocab as u32)
                .map(|t| closing_rank(&self.tokenizer.decode(&[t])))
                .collect()
        })
    }

    pub fn generate(&self, req: &GenRequest) -> Result<GenOutput, EngineError> {
        let started = Instant::now();
        let mut stats = GenStats::default();
        let cancelled = || {
            req.cancel
                .as_ref()
                .is_some_and(|c| c.load(Ordering::Relaxed))
        };
        let prefix = self.prefix(req.prefix)?;
        let mut cache = prefix.cache.clone();
        stats.cached_tokens = prefix.tokens.len();
        let prompt = self.tokenizer.encode(req.prompt)?;
        stats.prompt_tokens = prefix.tokens.len() + prompt.len();
        let mut pending: Vec<u32> = prompt;
        let mut prompt_hidden = None;
        if req.want_prompt_hidden && !pending.is_empty() {
            let t = Instant::now();
            let out = self.model.forward(&pending, &mut cache, Want::Hidden)?;
            stats.prefill_ms = t.elapsed().as_secs_f64() * 1000.0;
            stats.prefill_tokens = pending.len();
            stats.model_ms += stats.prefill_ms;
            stats.forward_calls += 1;
            prompt_hidden = Some(out.hidden);
            pending.clear();
        }
        let grammar = req.grammar.clone();
        let t = Instant::now();
        let parser = self
            .factory()
            .create_parser(grammar.top_level())
            .map_err(|e| EngineError::Grammar(e.to_string()))?;
        let mut matcher = Matcher::new(Ok(parser));
        if let Some(e) = matcher.get_error() {
            return Err(EngineError::Grammar(e));
        }
        stats.grammar_ms = t.elapsed().as_secs_f64() * 1000.0;
        let mut generated: Vec<u32> = Vec::new();
        let mut steps = Vec::new();
        let eos = self.tokenizer.eos.clone();
        loop {
            if cancelled() {
                return Err(EngineError::Cancelled);
            }
            let ff = matcher.compute_ff_tokens();
            if !ff.is_empty() {
                matcher
                    .consume_tokens(&ff)
                    .map_err(|e| EngineError::Grammar(format!("forced tokens: {e}")))?;
                stats.forced_tokens += ff.len();
                generated.extend_from_slice(&ff);
                pending.extend_from_slice(&ff);
            }
            if generated.len() > req.max_tokens {
                return Err(EngineError::TooManyTokens(req.max_tokens));
            }
            if matcher.is_stopped() {
                break;
            }
            let t = Instant::now();
            let mask = matcher
                .compute_mask()
                .map_err(|e| EngineError::Grammar(e.to_string()))?;
            let mask_ms = t.elapsed().as_secs_f64() * 1000.0;
            stats.mask_ms += mask_ms;
            stats.mask_ms_max = stats.mask_ms_max.max(mask_ms);
            let allowed: Vec<u32> = mask
                .iter()
                .filter(|&t| (t as usize) < self.model.cfg.vocab)
                .collect();
            let only_eos = !allowed.is_empty() && allowed.iter().all(|t| eos.contains(t));
            if allowed.is_empty() || only_eos {
                // The grammar is complete: stop without another forward pass.
                break;
            }
            if pending.is_empty() {
                return Err(EngineError::Model("nothing to feed the model".into()));
            }
            let t = Instant::now();
            let out = self
                .model
                .forward(&pending, &mut cache, Want::Rows(&allowed))?;
            let dt = t.elapsed().as_secs_f64() * 1000.0;
            stats.model_ms += dt;
            if stats.forward_calls == 0 {
                stats.prefill_ms = dt;
                stats.prefill_tokens = pending.len();
            } else if pending.len() > 1 {
                stats.batch_calls += 1;
                stats.batch_tokens += pending.len();
                stats.batch_ms += dt;
            } else {
                stats.step_calls += 1;
                stats.step_ms += dt;
            }
            stats.forward_calls += 1;
            pending.clear();
            let (mut i, _) = argmax(&out.logits);
            // Near the end of the budget: steer to the shortest valid ending — the end of the
            // grammar when it may end, else a token that closes the current value (a string,
            // a number, an object or array) — so the output is valid JSON within the budget
            // whenever one exists (an adversarial prompt cannot keep a number growing).
            if req.max_tokens.saturating_sub(generated.len()) <= closing_budget(req.max_tokens) {
                stats.closing = true;
                let best_of = |want: &dyn Fn(u32) -> bool| {
                    allowed
                        .iter()
                        .enumerate()
                        .filter(|(_, t)| want(**t))
                        .max_by(|a, b| out.logits[a.0].total_cmp(&out.logits[b.0]))
                        .map(|(k, _)| k)
                };
                let ranks = self.closing_ranks();
                let rank = |t: u32| ranks.get(t as usize).copied().unwrap_or(0);
                if let Some(k) = best_of(&|t| eos.contains(&t))
                    .or_else(|| best_of(&|t| rank(t) == 2))
                    .or_else(|| best_of(&|t| rank(t) == 1))
                {
                    i = k;
                }
            }
            let tok = allowed[i];
            steps.push(Step {
                token: tok,
                text: self.tokenizer.decode(&[tok]),
                prob: prob_of(&out.logits, i),
                allowed: allowed.len(),
            });
            stats.sampled_tokens += 1;
            if eos.contains(&tok) {
                break;
            }
            matcher
                .consume_token(tok)
                .map_err(|e| EngineError::Grammar(format!("sampled token: {e}")))?;
            generated.push(tok);
            pending.push(tok);
            if generated.len() > req.max_tokens {
                return Err(EngineError::TooManyTokens(req.max_tokens));
            }
        }
        if let Some(e) = matcher.get_error() {
            return Err(EngineError::Grammar(e));
        }
        stats.generated_tokens = generated.len();
        let text = self.tokenizer.decode(&generated);
        let json = match &grammar {
            Grammar::JsonSchema(_) => Some(
                serde_json::from_str(&text)
                    .map_err(|e| EngineError::InvalidOutput(format!("{e}: {text}")))?,
            ),
            Grammar::Lark(_) => None,
        };
        stats.total_ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(GenOutput {
            text,
            json,
            steps,
            prompt_hidden,
            stats,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_tokens_are_ranked_and_the_budget_scales() {
        assert_eq!(closing_rank("\""), 2);
        assert_eq!(closing_rank("\"}"), 2);
        assert_eq!(closing_rank(" ]}"), 2);
        assert_eq!(closing_rank("\","), 1);
        assert_eq!(closing_rank(","), 1);
        assert_eq!(closing_rank("9"), 0);
        assert_eq!(closing_rank("\"a"), 0);
        assert_eq!(closing_rank("  "), 0);
        assert_eq!(closing_budget(32), 10);
        assert_eq!(closing_budget(96), 16);
        assert_eq!(closing_budget(256), 42);
    }
}
