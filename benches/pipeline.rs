//! The pipeline's stages on the fixed realistic messages of `benches/messages.txt`: the rule
//! extractor, the model extractor and planner (warm model), and whole `/v1/decide` requests on
//! each route, in process. `pulpo budgets` runs the same workloads against the p90 budgets,
//! and measures shadow mode's cost on the rule route as a paced A/B (back-to-back requests
//! leave shadow readings no quiet moment, so a criterion loop could not measure it).
//! Model benches need `pulpo models fetch`; without it they are skipped with a message.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use pulpo::cli::budgets::{self, Scratch};

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let ws_dir = Path::new("config/workspaces");
    let ws = Arc::new(pulpo::cli::workspace_file(&ws_dir.join("demo-salon.toml")).unwrap());
    let msgs = budgets::messages();

    c.bench_function("rule_extractor/all_messages", |b| {
        b.iter(|| budgets::rule_extract(&ws, &msgs, 1))
    });

    let scratch = Scratch::new("bench-legacy").unwrap();
    let legacy = rt
        .block_on(budgets::app(false, None, ws_dir, &scratch))
        .unwrap();
    let mut g = c.benchmark_group("decide");
    g.sample_size(20);
    let mut round = 0;
    g.bench_function("legacy/all_messages", |b| {
        b.iter(|| {
            round += 1;
            rt.block_on(budgets::decide(&legacy, &msgs, 1, &format!("l{round}")))
                .unwrap()
        })
    });
    g.finish();

    let args = pulpo::config::ServeArgs {
        models_dir: Some("models".into()),
        threads: Some(
            std::env::var("PULPO_THREADS")
                .ok()
                .and_then(|t| t.parse().ok())
                .unwrap_or(2),
        ),
        ..Default::default()
    };
    let cfg = pulpo::config::Config::merge(&args, Default::default(), None).unwrap();
    let model = match pulpo::pipeline::loader::load_model_path_for(&cfg) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("skipping model benches: {e:#}");
            return;
        }
    };
    let mut g = c.benchmark_group("slm");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    let one: Vec<String> = msgs.iter().take(10).cloned().collect();
    g.bench_function("extractor/10_messages", |b| {
        b.iter(|| {
            rt.block_on(budgets::slm_extract(&model, &ws, &one, 1))
                .unwrap()
        })
    });
    g.bench_function("planner/10_messages", |b| {
        b.iter(|| {
            rt.block_on(budgets::slm_plan(&model, &ws, &one, 1))
                .unwrap()
        })
    });
    let scratch = Scratch::new("bench-slm").unwrap();
    let slm = rt
        .block_on(budgets::app(true, Some(model.clone()), ws_dir, &scratch))
        .unwrap();
    let mut round = 0;
    g.bench_function("decide/10_messages", |b| {
        b.iter(|| {
            round += 1;
            rt.block_on(budgets::decide(&slm, &one, 1, &format!("s{round}")))
                .unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
