//! `pulpo eval`: run the extractors over a labelled JSONL set and report.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;

use super::args::{EvalArgs, ExtractArgs};
pub use super::progress::Progress;
use crate::domain::catalog::Workspace;
use crate::eval::{self, Prediction, RouteMetrics};
use crate::nlu::rules::RuleExtractor;
use crate::nlu::ExtractContext;

/// The legacy route's predictions.
pub fn predict_legacy(ws: &Workspace, examples: &[eval::Example]) -> Vec<Prediction> {
    let mut bar = Progress::new("legacy", examples.len());
    let rules = RuleExtractor;
    examples
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let t = Instant::now();
            let ex = rules.extract(ws, &e.text, &ExtractContext::default());
            let latency_ms = t.elapsed().as_secs_f64() * 1000.0;
            bar.tick(i + 1);
            Prediction {
                id: e.id.clone(),
                route: "legacy".into(),
                intent: ex.intent,
                slots: ex.slots,
                confidence: ex.confidence,
                fallback_reason: None,
                latency_ms,
            }
        })
        .collect()
}

pub struct EvalOutput {
    pub metrics: Vec<RouteMetrics>,
}

pub fn write_outputs(
    dataset: &Path,
    metrics: &[RouteMetrics],
    preds: &[Prediction],
    out: Option<&PathBuf>,
    report: Option<&PathBuf>,
) -> anyhow::Result<()> {
    if let Some(path) = out {
        let mut f =
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
        for p in preds {
            writeln!(f, "{}", serde_json::to_string(p)?)?;
        }
        eprintln!("predictions: {}", path.display());
    }
    if let Some(path) = report {
        let html = eval::report::render("Pulpo eval", &dataset.display().to_string(), metrics);
        std::fs::write(path, html).with_context(|| format!("writing {}", path.display()))?;
        eprintln!("report: {}", path.display());
    }
    Ok(())
}

/// Loads the engine and the model extractor for a model spec.
pub fn load_model(
    model: &str,
    models_dir: &Path,
    threads: usize,
) -> anyhow::Result<(crate::engine::Engine, crate::nlu::slm::SlmExtractor)> {
    let engine = crate::pipeline::loader::load_engine(model, models_dir, threads)?;
    let extractor = crate::pipeline::loader::load_extractor(&engine, models_dir)?;
    Ok((engine, extractor))
}

/// The model route's predictions.
pub fn predict_slm(
    ws: &Workspace,
    examples: &[eval::Example],
    model: &str,
    dir: &Path,
    threads: usize,
) -> anyhow::Result<Vec<Prediction>> {
    let (engine, extractor) = load_model(model, dir, threads)?;
    // Warm the prefix cache outside the timings.
    engine.prefix(&crate::nlu::slm::prompt(engine.prompt_format(), ws))?;
    let mut bar = Progress::new("slm", examples.len());
    let mut out = Vec::with_capacity(examples.len());
    for (i, e) in examples.iter().enumerate() {
        let ctx = ExtractContext::default();
        let t = Instant::now();
        let rules = RuleExtractor.analyze(ws, &e.text, &ctx);
        let (ex, fallback) = match extractor.read(&engine, ws, &e.text, &ctx, &rules, None) {
            Ok(reading) => (extractor.finish(&reading), None),
            Err(crate::nlu::slm::SlmError::Schema(_)) => {
                (rules.extraction.clone(), Some("schema_invalid".to_string()))
            }
            Err(crate::nlu::slm::SlmError::Engine(_)) => {
                (rules.extraction.clone(), Some("slm_error".to_string()))
            }
        };
        let latency_ms = t.elapsed().as_secs_f64() * 1000.0;
        bar.tick(i + 1);
        out.push(Prediction {
            id: e.id.clone(),
            route: "slm".into(),
            intent: ex.intent,
            slots: ex.slots,
            confidence: ex.confidence,
            fallback_reason: fallback,
            latency_ms,
        });
    }
    Ok(out)
}

/// `pulpo extract`: one message through one route.
pub fn extract_one(
    ws: &Workspace,
    route: &str,
    text: &str,
    model: &str,
    dir: &Path,
    threads: usize,
    verbose: bool,
) -> anyhow::Result<serde_json::Value> {
    let ctx = ExtractContext::default();
    let t = Instant::now();
    let rules = RuleExtractor.analyze(ws, text, &ctx);
    match route {
        "legacy" => Ok(serde_json::json!({
            "route": "legacy",
            "intent": rules.extraction.intent,
            "slots": rules.extraction.slots,
            "confidence": rules.extraction.confidence,
            "fallback_reason": null,
            "latency_ms": t.elapsed().as_secs_f64() * 1000.0,
        })),
        "slm" => {
            let (engine, extractor) = load_model(model, dir, threads)?;
            engine.prefix(&crate::nlu::slm::prompt(engine.prompt_format(), ws))?;
            let t = Instant::now();
            let (ex, fallback, raw) = match extractor.read(&engine, ws, text, &ctx, &rules, None) {
                Ok(r) => (
                    extractor.finish(&r),
                    None,
                    Some((r.raw, r.stats, r.intent_probs)),
                ),
                Err(crate::nlu::slm::SlmError::Schema(e)) => (
                    rules.extraction.clone(),
                    Some(format!("schema_invalid: {e}")),
                    None,
                ),
                Err(crate::nlu::slm::SlmError::Engine(e)) => (
                    rules.extraction.clone(),
                    Some(format!("slm_error: {e}")),
                    None,
                ),
            };
            let mut v = serde_json::json!({
                "route": "slm",
                "intent": ex.intent,
                "slots": ex.slots,
                "confidence": ex.confidence,
                "fallback_reason": fallback,
                "latency_ms": t.elapsed().as_secs_f64() * 1000.0,
            });
            if let (true, Some((raw, stats, probs))) = (verbose, raw) {
                v["model_output"] = raw;
                v["stats"] = serde_json::to_value(stats)?;
                v["rules"] = serde_json::json!({"intent": rules.extraction.intent, "slots": rules.extraction.slots});
                if let Some(p) = probs {
                    v["intent_probs"] = crate::nlu::Intent::ALL
                        .iter()
                        .zip(p)
                        .map(|(i, p)| {
                            (
                                i.as_str().to_string(),
                                serde_json::json!((p * 1000.0).round() / 1000.0),
                            )
                        })
                        .collect::<serde_json::Map<_, _>>()
                        .into();
                }
            }
            Ok(v)
        }
        other => anyhow::bail!("--route must be slm or legacy, not `{other}`"),
    }
}

/// Writes stored shadow disagreements as a dataset to label: the model's reading is the
/// suggested label, the rules' reading rides along for the labeller.
pub fn export_disagreements(db: &str, since_hours: i64, out: &Path) -> anyhow::Result<usize> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let rows = rt.block_on(async {
        let store = crate::store::open(db).await?;
        let since = chrono::Utc::now() - chrono::Duration::hours(since_hours.max(1));
        store.shadow_disagreements(since, 100_000).await
    })?;
    let mut f =
        std::fs::File::create(out).with_context(|| format!("creating {}", out.display()))?;
    for (i, r) in rows.iter().enumerate() {
        let line = serde_json::json!({
            "id": format!("shadow-{:05}", i + 1),
            "text": r.text_redacted,
            "intent": r.slm_intent,
            "slots": r.slm_slots,
            "legacy_intent": r.legacy_intent,
            "legacy_slots": r.legacy_slots,
            "disagree_on": r.slot_disagreements,
            "intent_agrees": r.intent_agrees,
            "workspace_id": r.workspace_id,
            "seen_at": r.created_at,
        });
        writeln!(f, "{line}")?;
    }
    Ok(rows.len())
}

/// `pulpo eval`.
pub fn run(args: &EvalArgs) -> anyhow::Result<()> {
    if let Some(path) = &args.export_disagreements {
        let n = export_disagreements(&args.db, args.since_hours, path)?;
        eprintln!("{n} disagreements → {} (label them with docs/labelling.md, then `pulpo eval --dataset`)", path.display());
        return Ok(());
    }
    if let Some(path) = &args.dates {
        return run_dates(args, path);
    }
    let dataset = args.dataset.as_ref().context("--dataset is required")?;
    let ws = super::workspace(&args.workspace)?;
    let (examples, errors) =
        eval::load_dataset(dataset).with_context(|| format!("reading {}", dataset.display()))?;
    for e in &errors {
        eprintln!("{}:{}: skipped: {}", dataset.display(), e.line, e.error);
    }
    anyhow::ensure!(
        !examples.is_empty(),
        "{} has no usable lines",
        dataset.display()
    );
    let routes: Vec<&str> = match args.route.as_str() {
        "both" => vec!["slm", "legacy"],
        "slm" => vec!["slm"],
        "legacy" => vec!["legacy"],
        other => anyhow::bail!("--route must be slm, legacy or both, not `{other}`"),
    };
    let model = &args.model;
    let mut metrics = Vec::new();
    let mut preds = Vec::new();
    for r in routes {
        let p = match r {
            "legacy" => predict_legacy(&ws, &examples),
            _ => predict_slm(
                &ws,
                &examples,
                &model.model,
                &model.models_dir,
                model.threads(),
            )?,
        };
        metrics.push(eval::score(r, &examples, &p));
        preds.extend(p);
    }
    super::emit(eval::summary(&metrics))?;
    write_outputs(
        dataset,
        &metrics,
        &preds,
        args.out.as_ref(),
        args.report.as_ref(),
    )
}

/// `pulpo extract`.
pub fn extract(args: &ExtractArgs) -> anyhow::Result<()> {
    let ws = super::workspace(&args.workspace)?;
    let m = &args.model;
    let v = extract_one(
        &ws,
        &args.route,
        &args.message,
        &m.model,
        &m.models_dir,
        m.threads(),
        args.verbose,
    )?;
    super::emit(serde_json::to_string_pretty(&v)?)?;
    Ok(())
}

/// `pulpo eval --dates FILE`: each route's extraction, resolved the way the reducer does
/// (in the workspace's time zone, on the day the message was sent).
fn run_dates(args: &EvalArgs, path: &Path) -> anyhow::Result<()> {
    use crate::eval::dates;
    let ws = super::workspace(&args.workspace)?;
    let src =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let corpus = dates::parse(&src).map_err(anyhow::Error::msg)?;
    let examples: Vec<eval::Example> = corpus
        .iter()
        .map(|d| eval::Example {
            id: d.id.clone(),
            text: d.text.clone(),
            intent: crate::nlu::Intent::Book,
            slots: Default::default(),
            messy: None,
            services: Vec::new(),
        })
        .collect();
    let routes: Vec<&str> = match args.route.as_str() {
        "both" => vec!["slm", "legacy"],
        r @ ("slm" | "legacy") => vec![r],
        other => anyhow::bail!("--route must be slm, legacy or both, not `{other}`"),
    };
    for r in routes {
        let m = &args.model;
        let preds = match r {
            "legacy" => predict_legacy(&ws, &examples),
            _ => predict_slm(&ws, &examples, &m.model, &m.models_dir, m.threads())?,
        };
        let mut got = Vec::with_capacity(preds.len());
        for (d, p) in corpus.iter().zip(&preds) {
            let today = d
                .sent()
                .map_err(anyhow::Error::msg)?
                .with_timezone(&ws.tz)
                .date_naive();
            got.push(dates::Resolved {
                id: d.id.clone(),
                date: p
                    .slots
                    .preferred_date
                    .as_deref()
                    .and_then(|s| crate::domain::normalize::resolve_date(s, today)),
                time: p.slots.preferred_time.clone(),
            });
        }
        print!("{}", dates::summary(r, &dates::score(&corpus, &got)));
        if let Some(out) = &args.out {
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(out)?;
            for (g, p) in got.iter().zip(&preds) {
                writeln!(
                    f,
                    "{}",
                    serde_json::json!({"route": r, "id": g.id, "date": g.date, "time": g.time, "slots": p.slots})
                )?;
            }
        }
    }
    Ok(())
}
