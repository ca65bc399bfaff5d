//! `pulpo models list|fetch|bench` and `pulpo generate`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use serde_json::json;

use super::args::{GenerateArgs, ModelsCommand};
use crate::engine::fetch::{self, Manifest};
use crate::engine::model::Want;
use crate::engine::{Engine, GenRequest, Grammar};

/// Prints what is known and what is present.
pub fn list(models_dir: &Path) -> anyhow::Result<()> {
    let m = Manifest::builtin()?;
    super::emit(format_args!(
        "{:<30} {:<8} {:>9}  {:<9} description",
        "id", "arch", "size", "status"
    ))?;
    for e in &m.models {
        let path = models_dir.join(&e.file);
        let status = if fetch::verified(&path, e)? {
            "present"
        } else if path.exists() {
            "corrupt"
        } else {
            "missing"
        };
        let default = if e.id == m.default { " (default)" } else { "" };
        super::emit(format_args!(
            "{:<30} {:<8} {:>6} MB  {:<9} {}{default}",
            e.id,
            e.arch,
            e.size / 1_000_000,
            status,
            e.description
        ))?;
    }
    super::emit(format_args!(
        "\nmodels dir: {}   cache: {}",
        models_dir.display(),
        fetch::cache_dir().display()
    ))?;
    Ok(())
}

/// Fetches one model (the default without an id), or resolves an `hf:` spec with download.
pub fn fetch_model(id: Option<&str>, models_dir: &Path) -> anyhow::Result<PathBuf> {
    if let Some(spec) = id.and_then(|s| s.strip_prefix("hf:")) {
        let p = fetch::resolve_hf(spec, true)?;
        eprintln!("hf:{spec} → {}", p.display());
        return Ok(p);
    }
    let m = Manifest::builtin()?;
    let id = id.unwrap_or(&m.default);
    let entry = m.get(id)?;
    let path = fetch::fetch(entry, models_dir, &mut |line| eprintln!("{line}"))?;
    Ok(path)
}

pub use crate::pipeline::loader::load_engine;

/// `pulpo generate --schema FILE "PROMPT"`: constrained JSON on stdout, stats on stderr.
pub fn generate(
    engine: &Engine,
    schema_path: &Path,
    prompt: &str,
    max_tokens: usize,
) -> anyhow::Result<()> {
    let src = std::fs::read_to_string(schema_path)
        .with_context(|| format!("reading {}", schema_path.display()))?;
    let schema: serde_json::Value = serde_json::from_str(&src)
        .with_context(|| format!("{} is not JSON", schema_path.display()))?;
    let validator = jsonschema::validator_for(&schema)
        .map_err(|e| anyhow::anyhow!("{}: {e}", schema_path.display()))?;
    let out = engine.generate(&GenRequest {
        prefix: "",
        prompt,
        grammar: Grammar::JsonSchema(schema),
        max_tokens,
        cancel: None,
        want_prompt_hidden: false,
    })?;
    let json = out.json.clone().unwrap_or_default();
    if let Err(e) = validator.validate(&json) {
        anyhow::bail!("output does not validate: {e}: {}", out.text);
    }
    super::emit(out.text)?;
    eprintln!("{}", serde_json::to_string(&out.stats)?);
    Ok(())
}

/// `pulpo models bench`: a quick standalone measurement, one JSON object on stdout.
pub fn bench(engine: Arc<Engine>, models_dir: &Path) -> anyhow::Result<serde_json::Value> {
    let m = &engine.model;
    let vocab = m.cfg.vocab as u32;
    let toks = |n: usize| -> Vec<u32> {
        (0..n as u32)
            .map(|i| (i * 7919 + 13) % vocab.min(30000))
            .collect()
    };
    let time = |f: &mut dyn FnMut() -> anyhow::Result<()>, reps: usize| -> anyhow::Result<f64> {
        f()?; // warm
        let mut best = f64::MAX;
        for _ in 0..reps {
            let t = Instant::now();
            f()?;
            best = best.min(t.elapsed().as_secs_f64());
        }
        Ok(best)
    };
    let prefill = |n: usize, reps: usize| -> anyhow::Result<f64> {
        let t = toks(n);
        let secs = time(
            &mut || {
                let mut c = m.new_cache();
                m.forward(&t, &mut c, Want::Logits)?;
                Ok(())
            },
            reps,
        )?;
        Ok(n as f64 / secs)
    };
    let p32 = prefill(32, 5)?;
    let p300 = prefill(300, 2)?;
    let peak = int8_peak(m);
    // Decode: 64 steps after a 32-token context, full LM head each step.
    let ctx = toks(32);
    let mut cache = m.new_cache();
    m.forward(&ctx, &mut cache, Want::Logits)?;
    let t = Instant::now();
    let mut tok = 42u32;
    for _ in 0..64 {
        let out = m.forward(&[tok], &mut cache, Want::Logits)?;
        tok = out
            .logits
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, _)| i as u32)
            .unwrap_or(0);
    }
    let decode = 64.0 / t.elapsed().as_secs_f64();
    // Mask time per token: a JSON schema with enums, strings and numbers.
    let schema = json!({"type": "object", "properties": {
        "intent": {"enum": ["greeting", "info_prices", "book", "cancel"]},
        "name": {"type": "string", "maxLength": 20},
        "n": {"type": "integer", "minimum": 0, "maximum": 99}}, "required": ["intent", "name", "n"], "additionalProperties": false});
    let ask = engine.prompt_format().ask("Dame un JSON de ejemplo");
    let out = engine.generate(&GenRequest {
        prefix: "",
        prompt: &ask,
        grammar: Grammar::JsonSchema(schema),
        max_tokens: 64,
        cancel: None,
        want_prompt_hidden: false,
    })?;
    let steps = (out.stats.sampled_tokens + 1).max(1) as f64;
    let extraction = extraction_split(&engine, models_dir)?;
    Ok(json!({
        "model": engine.info.model,
        "threads": engine.info.threads,
        "simd": engine.info.simd,
        "prefill_tok_s_32": round(p32),
        "prefill_tok_s_300": round(p300),
        "int8": peak.map(|(peak, macs)| {
            // One core's kernel on the model's largest matrix (the gate and up rows) and 64
            // tokens, against one core's share of the peak.
            let (rows, cols) = m.largest_matrix();
            let kernel = crate::engine::peak::kernel_macs_per_second(rows, cols, 64, 1.0);
            let per_core = peak / m.threads.max(1) as f64;
            json!({
                "peak_gmacs": round(peak / 1e9),
                "prefill_300_gmacs": round(p300 * macs / 1e9),
                "prefill_300_share_of_peak": share(p300 * macs / peak),
                "kernel_one_core_gmacs": round(kernel / 1e9),
                "kernel_share_of_core_peak": share(kernel / per_core),
            })
        }),
        "decode_tok_s": round(decode),
        "mask_ms_mean": round(out.stats.mask_ms / steps),
        "mask_ms_p99": round(out.stats.mask_ms_max),
        "rss_mb": round(crate::engine::rss_mb()),
        "weights_mb": round(engine.info.weight_mb),
        "load_ms": round(engine.info.load_ms),
        "extraction": extraction,
    }))
}

/// The machine's int8 peak (multiply-accumulates per second, one timed loop per inference
/// thread at once, `engine::peak`) and the layers' multiply-accumulates per token, when the
/// layers run on the native kernels.
fn int8_peak(m: &crate::engine::model::Model) -> Option<(f64, f64)> {
    let simd = crate::engine::kernels::simd();
    if m.backend() != format!("{simd:?}") {
        return None;
    }
    let peak: f64 = std::thread::scope(|s| {
        let runs: Vec<_> = (0..m.threads.max(1))
            .map(|_| s.spawn(move || crate::engine::peak::int8_macs_per_second(simd, 1.0)))
            .collect();
        runs.into_iter().map(|r| r.join().unwrap_or(0.0)).sum()
    });
    Some((peak, m.layer_macs_per_token() as f64))
}

/// A typical extraction with the prompt prefix cached, in both modes, split by where the time
/// goes: the message's own prefill, then (generate mode) the batches of grammar-forced tokens,
/// the sampled steps and the mask computation.
pub fn extraction_split(engine: &Engine, models_dir: &Path) -> anyhow::Result<serde_json::Value> {
    use crate::nlu::slm::{load_heads, SlmExtractor};
    // The catalog the heads were trained against (not the demo workspace, which a business
    // deletes or replaces).
    let ws = crate::cli::train::train_catalog()?;
    let text = "hola! quería sacar un turno para mechitas el sábado a las 11, soy Carla";
    let ctx = crate::nlu::ExtractContext::default();
    let rules = crate::nlu::rules::RuleExtractor.analyze(&ws, text, &ctx);
    // The fastest of three runs after a warm-up (which also caches the prompt prefix).
    let best = |x: &SlmExtractor| -> anyhow::Result<crate::engine::GenStats> {
        let read = || {
            x.read(engine, &ws, text, &ctx, &rules, None)
                .map_err(|e| anyhow::anyhow!("extraction: {e:?}"))
        };
        read()?;
        let mut best = read()?.stats;
        for _ in 0..2 {
            let s = read()?.stats;
            if s.total_ms < best.total_ms {
                best = s;
            }
        }
        Ok(best)
    };
    let generate = best(&SlmExtractor::new(None).map_err(anyhow::Error::msg)?)?;
    let mut report = json!({
        "message": text,
        "generate": {
            "total_ms": round(generate.total_ms),
            "cached_prefix_tokens": generate.cached_tokens,
            "message_prefill_tokens": generate.prefill_tokens,
            "message_prefill_ms": round(generate.prefill_ms),
            "forced_batches": generate.batch_calls,
            "forced_batch_tokens": generate.batch_tokens,
            "forced_batches_ms": round(generate.batch_ms),
            "sampled_steps": generate.step_calls,
            "sampled_steps_ms": round(generate.step_ms),
            "forced_tokens": generate.forced_tokens,
            "sampled_tokens": generate.sampled_tokens,
            "mask_ms": round(generate.mask_ms),
            "grammar_ms": round(generate.grammar_ms),
        },
        "reader": null,
    });
    let heads = crate::nlu::reader::heads_path(models_dir, &engine.info.model);
    if let Ok(h) = load_heads(&heads, engine.hidden_size(), engine.prompt_format()) {
        let reader = best(&SlmExtractor::new(Some(h)).map_err(anyhow::Error::msg)?)?;
        report["reader"] = json!({
            "total_ms": round(reader.total_ms),
            "message_prefill_tokens": reader.prefill_tokens,
            "message_prefill_ms": round(reader.prefill_ms),
            "heads_ms": round(reader.total_ms - reader.prefill_ms),
        });
    }
    Ok(report)
}

fn share(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The sha256 of a model spec's file (from the manifest when it is a known id).
pub fn model_sha(spec: &str, models_dir: &Path) -> anyhow::Result<String> {
    let m = Manifest::builtin()?;
    if let Ok(e) = m.get(spec) {
        return Ok(e.sha256.clone());
    }
    let (path, _) = fetch::resolve(spec, models_dir)?;
    Ok(fetch::sha256_file(&path)?)
}

/// `pulpo models …`.
pub fn run(command: ModelsCommand) -> anyhow::Result<()> {
    match command {
        ModelsCommand::List { models_dir } => list(&models_dir),
        ModelsCommand::Fetch {
            id,
            models_dir,
            no_heads,
        } => {
            let p = fetch_model(id.as_deref(), &models_dir)?;
            let id = id.unwrap_or_else(|| crate::config::DEFAULT_MODEL.to_string());
            if !no_heads && !id.starts_with("hf:") {
                let sha = model_sha(&id, &models_dir)?;
                let (dir, model) = (models_dir.clone(), id.clone());
                let load = move || -> anyhow::Result<Box<dyn crate::engine::Generator>> {
                    Ok(Box::new(load_engine(
                        &model,
                        &dir,
                        crate::config::default_threads(),
                    )?))
                };
                super::train::ensure_heads(load, &sha, &models_dir, &id)?;
            }
            super::emit(p.display())?;
            Ok(())
        }
        ModelsCommand::Bench { model } => {
            let engine = Arc::new(load_engine(
                &model.model,
                &model.models_dir,
                model.threads(),
            )?);
            let report = bench(engine, &model.models_dir)?;
            super::emit(serde_json::to_string(&report)?)?;
            Ok(())
        }
    }
}

/// `pulpo generate`.
pub fn generate_command(args: &GenerateArgs) -> anyhow::Result<()> {
    let m = &args.model;
    let engine = load_engine(&m.model, &m.models_dir, m.threads())?;
    let prompt = if args.raw {
        args.prompt.clone()
    } else {
        engine.chat_prompt("Respondé solo con JSON válido.", &args.prompt)
    };
    generate(&engine, &args.schema, &prompt, args.max_tokens)
}
