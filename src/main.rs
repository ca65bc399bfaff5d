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
            ModelsCommand::Fetch { id, models_dir } => {
                let p = pulpo::cli::models::fetch_model(id.as_deref(), &models_dir)?;
                println!("{}", p.display());
                Ok(())
            }
            ModelsCommand::Bench { model } => {
                let engine = Arc::new(pulpo::cli::models::load_engine(
                    &model.model,
                    &model.models_dir,
                    model.threads(),
                )?);
                let report = pulpo::cli::models::bench(engine)?;
                println!("{}", serde_json::to_string(&report)?);
                Ok(())
            }
        },
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
