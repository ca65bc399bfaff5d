//! Engine speed on the real default model: prefill at 8/32/300 tokens, one decode step,
//! llguidance mask time, first-token latency with and without a cached prefix, and a whole
//! extraction of a typical message in both modes (its split printed to stderr).
//! Needs the model (`pulpo models fetch`); `PULPO_THREADS` sets the thread count (default 2).

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use pulpo::engine::model::Want;
use pulpo::engine::{Engine, GenRequest, Grammar};
use pulpo::nlu::slm::{load_heads, SlmExtractor};

fn engine() -> Option<Engine> {
    let spec = std::env::var("PULPO_MODEL").unwrap_or_else(|_| pulpo::config::DEFAULT_MODEL.into());
    let threads = std::env::var("PULPO_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(2);
    match pulpo::engine::fetch::resolve(&spec, Path::new("models")) {
        Ok((path, id)) => Some(Engine::load(&path, &id, threads, 2048).expect("the model loads")),
        Err(e) => {
            eprintln!("skipping engine benches: {e}");
            None
        }
    }
}

fn tokens(n: usize) -> Vec<u32> {
    (0..n as u32).map(|i| (i * 7919 + 13) % 30000).collect()
}

fn bench(c: &mut Criterion) {
    let Some(e) = engine() else { return };
    let m = &e.model;
    let mut g = c.benchmark_group("prefill");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    for n in [8usize, 32, 300] {
        let t = tokens(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &t, |b, t| {
            b.iter(|| {
                let mut cache = m.new_cache();
                m.forward(t, &mut cache, Want::Hidden).unwrap()
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("decode");
    g.sample_size(20).throughput(Throughput::Elements(1));
    let mut base = m.new_cache();
    m.forward(&tokens(64), &mut base, Want::Nothing).unwrap();
    g.bench_function("step_full_head", |b| {
        b.iter(|| {
            let mut cache = base.clone();
            m.forward(&[1234], &mut cache, Want::Logits).unwrap()
        })
    });
    let few: Vec<u32> = (0..16).map(|i| 1000 + i * 97).collect();
    g.bench_function("step_16_rows", |b| {
        b.iter(|| {
            let mut cache = base.clone();
            m.forward(&[1234], &mut cache, Want::Rows(&few)).unwrap()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("first_token");
    g.sample_size(10);
    let prefix = "<|im_start|>system\nSos un asistente que clasifica mensajes de clientes de una peluquería en Buenos Aires. Respondé con JSON.<|im_end|>\n".repeat(4);
    let schema = serde_json::json!({"type": "object", "properties": {"intent": {"enum": ["greeting", "info_prices", "book", "cancel", "other"]}}, "required": ["intent"], "additionalProperties": false});
    let req = |prefix: &'static str| GenRequest {
        prefix,
        prompt: "<|im_start|>user\nhola cuánto sale el corte?<|im_end|>\n<|im_start|>assistant\n",
        grammar: Grammar::JsonSchema(schema.clone()),
        max_tokens: 32,
        cancel: None,
        want_prompt_hidden: false,
    };
    let prefix: &'static str = Box::leak(prefix.into_boxed_str());
    e.prefix(prefix).unwrap();
    g.bench_function("cached_prefix", |b| {
        b.iter(|| e.generate(&req(prefix)).unwrap())
    });
    let full: &'static str = Box::leak(format!("{prefix}<|im_start|>user\nhola cuánto sale el corte?<|im_end|>\n<|im_start|>assistant\n").into_boxed_str());
    g.bench_function("no_cache", |b| {
        b.iter(|| {
            let tokens = e.tokenizer.encode(full).unwrap();
            let mut cache = m.new_cache();
            m.forward(&tokens, &mut cache, Want::Logits).unwrap()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("extraction");
    g.sample_size(10);
    let ws = pulpo::domain::catalog::Workspace::from_toml(
        &std::fs::read_to_string("config/workspaces/demo-salon.toml").unwrap(),
        |_| None,
    )
    .unwrap();
    let text = "hola! quería sacar un turno para mechitas el sábado a las 11, soy Carla";
    let ctx = pulpo::nlu::ExtractContext::default();
    let rules = pulpo::nlu::rules::RuleExtractor.analyze(&ws, text, &ctx);
    let generate = SlmExtractor::new(None).unwrap();
    g.bench_function("generate", |b| {
        b.iter(|| generate.read(&e, &ws, text, &ctx, &rules, None).unwrap())
    });
    let heads = pulpo::nlu::reader::heads_path(Path::new("models"), &e.info.model);
    match load_heads(&heads, m.cfg.hidden, e.prompt_format()) {
        Ok(h) => {
            let reader = SlmExtractor::new(Some(h)).unwrap();
            g.bench_function("reader", |b| {
                b.iter(|| reader.read(&e, &ws, text, &ctx, &rules, None).unwrap())
            });
        }
        Err(err) => eprintln!("skipping the reader extraction: {err}"),
    }
    g.finish();
    let split = pulpo::cli::models::extraction_split(&e, Path::new("models")).unwrap();
    eprintln!("extraction split (fastest of 3): {split:#}");

    let out = e.generate(&req(prefix)).unwrap();
    eprintln!(
        "mask per step: {:.3} ms mean, {:.3} ms max over {} steps",
        out.stats.mask_ms / (out.stats.sampled_tokens + 1) as f64,
        out.stats.mask_ms_max,
        out.stats.sampled_tokens + 1
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
