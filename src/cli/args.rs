//! The command line's arguments (clap): one variant per command, one struct of arguments per
//! command. `main.rs` dispatches each to its function in [`crate::cli`].

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::{default_threads, ServeArgs, DEFAULT_MODEL};

#[derive(Parser)]
#[command(
    name = "pulpo",
    version,
    about = "WhatsApp desk for small businesses, with an on-box language model"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Args, Clone, Debug)]
pub struct ModelArgs {
    /// Model: a manifest id, a path to a GGUF file, or `hf:REPO/FILE`.
    #[arg(long, env = "PULPO_MODEL", default_value = DEFAULT_MODEL)]
    pub model: String,
    /// Where fetched models live.
    #[arg(long, env = "PULPO_MODELS_DIR", default_value = "models")]
    pub models_dir: PathBuf,
    /// Inference threads (0 = one per core).
    #[arg(long, env = "PULPO_THREADS", default_value_t = 0)]
    pub threads: usize,
}

impl ModelArgs {
    pub fn threads(&self) -> usize {
        if self.threads == 0 {
            default_threads()
        } else {
            self.threads
        }
    }
}

/// Which workspace a command reads catalogs from: a file, or the first of a directory.
#[derive(clap::Args, Clone, Debug)]
pub struct WorkspaceArgs {
    /// A workspace file; by default the first `*.toml` of `--workspaces`.
    #[arg(long)]
    pub workspace: Option<PathBuf>,
    /// The directory of workspace files.
    #[arg(long, env = "PULPO_WORKSPACES", default_value = "config/workspaces")]
    pub workspaces: PathBuf,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the HTTP service.
    Serve(ServeArgs),
    /// Manage models.
    Models {
        #[command(subcommand)]
        command: ModelsCommand,
    },
    /// Evaluate the extractors on a labelled JSONL dataset (or a date/time corpus).
    Eval(EvalArgs),
    /// Print the extractor's JSON for one message.
    Extract(ExtractArgs),
    /// Train the reader heads on the dev part of the labelled data.
    Train(TrainArgs),
    /// Run the benchmark workloads and check their p90 against config/budgets.toml.
    Budgets(BudgetsArgs),
    /// Load-test a running Pulpo on loopback; prints one JSON report.
    Load(LoadArgs),
    /// Constrained JSON from the engine alone: output on stdout, stats on stderr.
    Generate(GenerateArgs),
}

#[derive(Subcommand)]
pub enum ModelsCommand {
    /// Show the known models and which are present.
    List {
        #[arg(long, env = "PULPO_MODELS_DIR", default_value = "models")]
        models_dir: PathBuf,
    },
    /// Download, reassemble and verify a model (the default without an id), and train its
    /// reader heads.
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

#[derive(clap::Args, Clone, Debug)]
pub struct EvalArgs {
    /// JSONL: {"id","text","intent","slots":{...}} per line.
    #[arg(long, required_unless_present_any = ["export_disagreements", "dates"])]
    pub dataset: Option<PathBuf>,
    /// Instead: a date/time corpus ({"id","text","now","date","time","class"} per line):
    /// how often each route resolves the date and the time right.
    #[arg(long, conflicts_with = "dataset")]
    pub dates: Option<PathBuf>,
    /// Instead of evaluating: write the shadow disagreements stored in the last
    /// `--since-hours` as a JSONL file ready to label (phones and emails redacted).
    #[arg(long)]
    pub export_disagreements: Option<PathBuf>,
    #[arg(long, default_value_t = 48)]
    pub since_hours: i64,
    /// The store holding the shadow comparisons (a SQLite path or postgres:// URL).
    #[arg(long, env = "PULPO_DB", default_value = "data/pulpo.db")]
    pub db: String,
    /// Which route(s): slm, legacy or both.
    #[arg(long, default_value = "both")]
    pub route: String,
    /// Write one prediction per line and route here.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Write a self-contained HTML report here.
    #[arg(long)]
    pub report: Option<PathBuf>,
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(clap::Args, Clone, Debug)]
pub struct ExtractArgs {
    /// slm or legacy.
    #[arg(long, default_value = "slm")]
    pub route: String,
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
    /// Also print the model's raw output and generation stats.
    #[arg(long)]
    pub verbose: bool,
    #[command(flatten)]
    pub model: ModelArgs,
    /// The customer's message.
    pub message: String,
}

#[derive(clap::Args, Clone, Debug)]
pub struct TrainArgs {
    /// Training sets (JSONL); the dev parts by default.
    #[arg(long = "dataset")]
    pub datasets: Vec<PathBuf>,
    /// Cross-validation folds for choosing the regularization.
    #[arg(long, default_value_t = 5)]
    pub cv: usize,
    /// Read the heads after this many layers (the rest of the pass is skipped); by default
    /// the recorded choice (`READ_LAYERS`). `0`: after every layer.
    #[arg(long)]
    pub layers: Option<usize>,
    /// Also report, out of fold, how heads trained after the training catalog's prompt read
    /// messages after this workspace's prompt (its name, kind and city).
    #[arg(long, value_name = "WORKSPACE_TOML")]
    pub serve_as: Option<PathBuf>,
    /// Write the dev messages the intent head misreads out of fold here (JSONL).
    #[arg(long, value_name = "FILE")]
    pub misread: Option<PathBuf>,
    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(clap::Args, Clone, Debug)]
pub struct BudgetsArgs {
    /// A short run that checks the workloads work (CI); budgets are reported, not enforced.
    #[arg(long)]
    pub quick: bool,
    /// Skip the model workloads (no model needed).
    #[arg(long)]
    pub no_model: bool,
    #[arg(long, default_value = "config/budgets.toml")]
    pub budgets: PathBuf,
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(clap::Args, Clone, Debug)]
pub struct LoadArgs {
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    pub url: String,
    #[arg(long, env = "PULPO_API_KEY", default_value = "demo-key")]
    pub key: String,
    #[arg(long, default_value = "demo-salon")]
    pub workspace: String,
    /// Simultaneous clients.
    #[arg(long, default_value_t = 16)]
    pub concurrency: usize,
    /// Stop after this many requests…
    #[arg(long, default_value_t = 10_000)]
    pub requests: usize,
    /// …or after this many seconds.
    #[arg(long, default_value_t = 30)]
    pub seconds: u64,
    /// Prefix of the conversation ids (the canary hashes them).
    #[arg(long, default_value = "load")]
    pub prefix: String,
    /// Open loop: send this many requests per second, arriving at random, however long the
    /// answers take (each a new conversation); --concurrency is then unused.
    #[arg(long)]
    pub rate: Option<f64>,
}

#[derive(clap::Args, Clone, Debug)]
pub struct GenerateArgs {
    /// JSON schema the output must satisfy.
    #[arg(long)]
    pub schema: PathBuf,
    /// Most tokens generated.
    #[arg(long, default_value_t = 256)]
    pub max_tokens: usize,
    #[command(flatten)]
    pub model: ModelArgs,
    /// The prompt (the model's chat template is applied to it unless --raw).
    pub prompt: String,
    /// Use the prompt as is, without the chat template.
    #[arg(long)]
    pub raw: bool,
}
