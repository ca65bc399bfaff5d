//! The `pulpo` command line: serve | models | generate | extract | eval | budgets.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};

use pulpo::config::{default_threads, Config, ServeArgs, DEFAULT_MODEL};

#[derive(Parser)]
#[command(
    name = "pulpo",
    version,
    about = "WhatsApp desk for small businesses, with an on-box language model"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct ModelArgs {
    /// Model: a manifest id, a path to a GGUF file, or `hf:REPO/FILE`.
    #[arg(long, env = "PULPO_MODEL", default_value = DEFAULT_MODEL)]
    model: String,
    /// Where fetched models live.
    #[arg(long, env = "PULPO_MODELS_DIR", default_value = "models")]
    models_dir: PathBuf,
    /// Inference threads (0 = one per core).
    #[arg(long, env = "PULPO_THREADS", default_value_t = 0)]
    threads: usize,
}

impl ModelArgs {
    fn threads(&self) -> usize {
        if self.threads == 0 {
            default_threads()
        } else {
            self.threads
        }
    }
}

#[derive(Subcommand)]
enum ModelsCommand {
    /// Show the known models and which are present.
    List {
        #[arg(long, env = "PULPO_MODELS_DIR", default_value = "models")]
        models_dir: PathBuf,
    },
    /// Download, reassemble and verify a model (the default without an id).
    Fetch {
        /// A manifest id, or `hf:REPO/FILE`.
        id: Option<String>,
        /// Do not train the reader heads (the model path then decodes with the grammar only).
        #[arg(long)]
        no_heads: bool,
        #[arg(long, env = "PULPO_MODELS_DIR", default_value = "models")]
        models_dir: PathBuf,
    },
    /// A quick speed check (under a minute): one JSON object on stdout.
    Bench {
        #[command(flatten)]
        model: ModelArgs,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP service.
    Serve(ServeArgs),
    /// Manage models.
    Models {
        #[command(subcommand)]
        command: ModelsCommand,
    },
    /// Evaluate the extractors on a labelled JSONL dataset.
    Eval {
        /// JSONL: {"id","text","intent","slots":{...}} per line.
        #[arg(long, required_unless_present = "export_disagreements")]
        dataset: Option<PathBuf>,
        /// Instead of evaluating: write the shadow disagreements stored in the last
        /// `--since-hours` as a JSONL file ready to label (phones and emails redacted).
        #[arg(long)]
        export_disagreements: Option<PathBuf>,
        #[arg(long, default_value_t = 48)]
        since_hours: i64,
        /// The store holding the shadow comparisons (a SQLite path or postgres:// URL).
        #[arg(long, env = "PULPO_DB", default_value = "data/pulpo.db")]
        db: String,
        /// Which route(s): slm, legacy or both.
        #[arg(long, default_value = "both")]
        route: String,
        /// Write one prediction per line and route here.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Write a self-contained HTML report here.
        #[arg(long)]
        report: Option<PathBuf>,
        /// The workspace whose catalog the extractors use.
        #[arg(long, default_value = "config/workspaces/demo-salon.toml")]
        workspace: PathBuf,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// Print the extractor's JSON for one message.
    Extract {
        /// slm or legacy.
        #[arg(long, default_value = "slm")]
        route: String,
        #[arg(long, default_value = "config/workspaces/demo-salon.toml")]
        workspace: PathBuf,
        /// Also print the model's raw output and generation stats.
        #[arg(long)]
        verbose: bool,
        #[command(flatten)]
        model: ModelArgs,
        /// The customer's message.
        message: String,
    },
    /// Train the intent head on the dev part of the labelled data.
    Train {
        /// Training sets (JSONL); the dev parts by default.
        #[arg(long = "dataset")]
        datasets: Vec<PathBuf>,
        /// Cross-validation folds for choosing the regularization.
        #[arg(long, default_value_t = 5)]
        cv: usize,
        #[arg(long, default_value = "config/workspaces/demo-salon.toml")]
        workspace: PathBuf,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// Run the benchmark workloads and check their p90 against config/budgets.toml.
    Budgets {
        /// A short run that checks the workloads work (CI); budgets are reported, not enforced.
        #[arg(long)]
        quick: bool,
        /// Skip the model workloads (no model needed).
        #[arg(long)]
        no_model: bool,
        #[arg(long, default_value = "config/budgets.toml")]
        budgets: PathBuf,
        #[arg(long, default_value = "config/workspaces")]
        workspaces: PathBuf,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// Load-test a running Pulpo on loopback; prints one JSON report.
    Load {
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        url: String,
        #[arg(long, env = "PULPO_API_KEY", default_value = "demo-key")]
        key: String,
        #[arg(long, default_value = "demo-salon")]
        workspace: String,
        /// Simultaneous clients.
        #[arg(long, default_value_t = 16)]
        concurrency: usize,
        /// Stop after this many requests…
        #[arg(long, default_value_t = 10_000)]
        requests: usize,
        /// …or after this many seconds.
        #[arg(long, default_value_t = 30)]
        seconds: u64,
        /// Prefix of the conversation ids (the canary hashes them).
        #[arg(long, default_value = "load")]
        prefix: String,
    },
    /// Constrained JSON from the engine alone: output on stdout, stats on stderr.
    Generate {
        /// JSON schema the output must satisfy.
        #[arg(long)]
        schema: PathBuf,
        /// Most tokens generated.
        #[arg(long, default_value_t = 256)]
        max_tokens: usize,
        #[command(flatten)]
        model: ModelArgs,
        /// The prompt (the model's chat template is applied to it unless --raw).
        prompt: String,
        /// Use the prompt as is, without the chat template.
        #[arg(long)]
        raw: bool,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => {
            let config = Config::load(&args).context("loading the configuration")?;
            pulpo::telemetry::init_logging(&config.log_format);
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .context("starting the async runtime")?;
            rt.block_on(async move {
                tracing::info!(config = %config.redacted(), "starting");
                if config.clock.is_set() {
                    tracing::warn!(now = %config.clock.now().to_rfc3339(), "PULPO_NOW is set: the server runs on a test clock, not the real date");
                }
                let state = pulpo::server::build_state(
                    config,
                    None,
                    Some("the model path is not built yet".into()),
                )
                .await?;
                pulpo::server::serve(state).await
            })
        }
        Command::Models { command } => match command {
            ModelsCommand::List { models_dir } => pulpo::cli::models::list(&models_dir),
            ModelsCommand::Fetch {
                id,
                models_dir,
                no_heads,
            } => {
                let p = pulpo::cli::models::fetch_model(id.as_deref(), &models_dir)?;
                let id = id.unwrap_or_else(|| DEFAULT_MODEL.to_string());
                if !no_heads && !id.starts_with("hf:") {
                    let ws = pulpo::cli::eval::workspace(std::path::Path::new(
                        "config/workspaces/demo-salon.toml",
                    ))?;
                    let sha = pulpo::cli::models::model_sha(&id, &models_dir)?;
                    let dir = models_dir.clone();
                    let model = id.clone();
                    let load = move || -> anyhow::Result<Box<dyn pulpo::engine::Generator>> {
                        Ok(Box::new(pulpo::cli::models::load_engine(
                            &model,
                            &dir,
                            default_threads(),
                        )?))
                    };
                    pulpo::cli::train::ensure_heads(load, &sha, &ws, &models_dir, &id)?;
                }
                println!("{}", p.display());
                Ok(())
            }
            ModelsCommand::Bench { model } => {
                let engine = Arc::new(pulpo::cli::models::load_engine(
                    &model.model,
                    &model.models_dir,
                    model.threads(),
                )?);
                let report = pulpo::cli::models::bench(engine, &model.models_dir)?;
                println!("{}", serde_json::to_string(&report)?);
                Ok(())
            }
        },
        Command::Eval {
            dataset,
            export_disagreements,
            since_hours,
            db,
            route,
            out,
            report,
            workspace,
            model,
        } => {
            if let Some(path) = export_disagreements {
                let n = pulpo::cli::eval::export_disagreements(&db, since_hours, &path)?;
                eprintln!("{n} disagreements → {} (label them with docs/labelling.md, then `pulpo eval --dataset`)", path.display());
                return Ok(());
            }
            let dataset = dataset.context("--dataset is required")?;
            let ws = pulpo::cli::eval::workspace(&workspace)?;
            let (examples, errors) = pulpo::eval::load_dataset(&dataset)
                .with_context(|| format!("reading {}", dataset.display()))?;
            for e in &errors {
                eprintln!("{}:{}: skipped: {}", dataset.display(), e.line, e.error);
            }
            anyhow::ensure!(
                !examples.is_empty(),
                "{} has no usable lines",
                dataset.display()
            );
            let routes: Vec<&str> = match route.as_str() {
                "both" => vec!["slm", "legacy"],
                "slm" => vec!["slm"],
                "legacy" => vec!["legacy"],
                other => anyhow::bail!("--route must be slm, legacy or both, not `{other}`"),
            };
            let mut metrics = Vec::new();
            let mut preds = Vec::new();
            for r in routes {
                let p = match r {
                    "legacy" => pulpo::cli::eval::predict_legacy(&ws, &examples),
                    _ => pulpo::cli::eval::predict_slm(
                        &ws,
                        &examples,
                        &model.model,
                        &model.models_dir,
                        model.threads(),
                    )?,
                };
                metrics.push(pulpo::eval::score(r, &examples, &p));
                preds.extend(p);
            }
            println!("{}", pulpo::eval::summary(&metrics));
            pulpo::cli::eval::write_outputs(
                &dataset,
                &metrics,
                &preds,
                out.as_ref(),
                report.as_ref(),
            )
        }
        Command::Extract {
            route,
            workspace,
            verbose,
            model,
            message,
        } => {
            let ws = pulpo::cli::eval::workspace(&workspace)?;
            let v = pulpo::cli::eval::extract_one(
                &ws,
                &route,
                &message,
                &model.model,
                &model.models_dir,
                model.threads(),
                verbose,
            )?;
            println!("{}", serde_json::to_string_pretty(&v)?);
            Ok(())
        }
        Command::Train {
            datasets,
            cv,
            workspace,
            model,
        } => {
            let ws = pulpo::cli::eval::workspace(&workspace)?;
            let engine =
                pulpo::cli::models::load_engine(&model.model, &model.models_dir, model.threads())?;
            let sets: Vec<PathBuf> = if datasets.is_empty() {
                pulpo::cli::train::TRAIN_SETS
                    .iter()
                    .map(PathBuf::from)
                    .collect()
            } else {
                datasets
            };
            let sha = pulpo::cli::models::model_sha(&model.model, &model.models_dir)?;
            let out = pulpo::cli::train::head_path(&model.models_dir, &engine.info.model);
            pulpo::cli::train::train(&engine, &sha, &ws, &sets, &out, Some(cv))?;
            Ok(())
        }
        Command::Budgets {
            quick,
            no_model,
            budgets,
            workspaces,
            model,
        } => {
            let b = pulpo::eval::budgets::Budgets::load(&budgets).map_err(anyhow::Error::msg)?;
            let ws = std::sync::Arc::new(pulpo::cli::eval::workspace(
                &workspaces.join("demo-salon.toml"),
            )?);
            let path = if no_model {
                None
            } else {
                let args = ServeArgs {
                    model: Some(model.model.clone()),
                    models_dir: Some(model.models_dir.clone()),
                    threads: Some(model.threads()),
                    ..Default::default()
                };
                let cfg = Config::merge(&args, Default::default(), None)?;
                Some(pulpo::server::load_model_path(&cfg)?)
            };
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()?;
            let report =
                rt.block_on(pulpo::eval::budgets::run(&b, ws, &workspaces, path, quick))?;
            print!("{}", pulpo::eval::budgets::table(&report, !quick));
            if !quick && report.rows.iter().any(|r| !r.ok) {
                anyhow::bail!("a workload is over its p90 budget");
            }
            Ok(())
        }
        Command::Load {
            url,
            key,
            workspace,
            concurrency,
            requests,
            seconds,
            prefix,
        } => {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()?;
            let report = rt.block_on(pulpo::cli::load::run(pulpo::cli::load::LoadOptions {
                url,
                key,
                workspace,
                concurrency,
                requests,
                duration: std::time::Duration::from_secs(seconds),
                conversation_prefix: prefix,
            }))?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            Ok(())
        }
        Command::Generate {
            schema,
            max_tokens,
            model,
            prompt,
            raw,
        } => {
            let engine =
                pulpo::cli::models::load_engine(&model.model, &model.models_dir, model.threads())?;
            let prompt = if raw {
                prompt
            } else {
                format!("<|im_start|>system\nRespondé solo con JSON válido.<|im_end|>\n<|im_start|>user\n{prompt}<|im_end|>\n<|im_start|>assistant\n")
            };
            pulpo::cli::models::generate(&engine, &schema, &prompt, max_tokens)
        }
    }
}
