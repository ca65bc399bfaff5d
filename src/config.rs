//! Server configuration: built-in defaults, then `config/pulpo.toml`, then environment
//! variables, then command-line flags. Parsed once at start into a validated [`Config`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Args;
use serde::Deserialize;

use anyhow::Context;

use crate::domain::catalog::Workspace;
use crate::router::FlagValues;

/// `pulpo serve` flags; each also reads its environment variable.
#[derive(Debug, Clone, Default, Args)]
pub struct ServeArgs {
    /// Address to listen on. Loopback by default: put a reverse proxy in front to expose it.
    #[arg(long, env = "PULPO_ADDR")]
    pub addr: Option<String>,
    /// Server config file (TOML). Missing file = built-in defaults.
    #[arg(long, env = "PULPO_CONFIG", default_value = "config/pulpo.toml")]
    pub config: PathBuf,
    /// Store: a SQLite file path or a `postgres://` URL.
    #[arg(long, env = "PULPO_DB")]
    pub db: Option<String>,
    /// Directory of workspace files (`*.toml`).
    #[arg(long, env = "PULPO_WORKSPACES")]
    pub workspaces: Option<PathBuf>,
    /// Route a share of conversations to the model path.
    #[arg(long, env = "ENABLE_SLM_PIPELINE")]
    pub enable_slm_pipeline: Option<bool>,
    /// Percent (0–100) of conversations on the model path when enabled.
    #[arg(long, env = "SLM_CANARY_PERCENT")]
    pub slm_canary_percent: Option<u8>,
    /// Percent (0–100) of rule-route conversations also read by the model in the background.
    #[arg(long, env = "SLM_SHADOW_PERCENT")]
    pub slm_shadow_percent: Option<u8>,
    /// Model: a manifest id, a path to a GGUF file, or `hf:REPO/FILE`.
    #[arg(long, env = "PULPO_MODEL")]
    pub model: Option<String>,
    /// Where fetched models live.
    #[arg(long, env = "PULPO_MODELS_DIR")]
    pub models_dir: Option<PathBuf>,
    /// Inference threads. 0 = one per physical core (2 on the reference box).
    #[arg(long, env = "PULPO_THREADS")]
    pub threads: Option<usize>,
    /// Per-request deadline for the model path, in ms; past it the rules answer (`slm_timeout`).
    #[arg(long, env = "PULPO_SLM_DEADLINE_MS")]
    pub slm_deadline_ms: Option<u64>,
    /// Requests allowed to wait for the model; more answer at once via the rules (`slm_overloaded`).
    #[arg(long, env = "PULPO_SLM_QUEUE")]
    pub slm_queue: Option<usize>,
    /// Most messages the model reads in one pass when they wait together (1: one at a time).
    #[arg(long, env = "PULPO_SLM_BATCH")]
    pub slm_batch: Option<usize>,
    /// Requests processed at once across all workspaces; beyond it → 503 with Retry-After.
    #[arg(long, env = "PULPO_MAX_CONCURRENCY")]
    pub max_concurrency: Option<usize>,
    /// Log format: `json` (default) or `text`.
    #[arg(long, env = "PULPO_LOG_FORMAT")]
    pub log_format: Option<String>,
    /// Load the model at start even with the model path disabled (for shadow mode or a quick
    /// enable later).
    #[arg(long, env = "PULPO_PRELOAD_MODEL")]
    pub preload_model: Option<bool>,
    /// Let the model also choose the next step (a second model pass per turn). Off by default:
    /// on the dev data it changed 29 of 227 decisions of the rule planner, almost all for the
    /// worse (see docs/operations.md).
    #[arg(long, env = "PULPO_MODEL_PLANNER")]
    pub model_planner: Option<bool>,
    /// Test clock: start the server's clock at this RFC 3339 instant and let it run on (for
    /// tests and demos on a chosen date; off by default, warned about at start).
    #[arg(long, env = "PULPO_NOW")]
    pub now: Option<String>,
    /// How long a client may take to send a request's headers, in ms (a stalled client is
    /// disconnected, not waited for).
    #[arg(long, env = "PULPO_HEADER_TIMEOUT_MS")]
    pub header_timeout_ms: Option<u64>,
    /// How long a client may take to send a request's body, in ms (then 408).
    #[arg(long, env = "PULPO_BODY_TIMEOUT_MS")]
    pub body_timeout_ms: Option<u64>,
    /// After SIGTERM, how long in-flight requests may take before the process exits, in ms.
    #[arg(long, env = "PULPO_SHUTDOWN_GRACE_MS")]
    pub shutdown_grace_ms: Option<u64>,
    /// A bearer token `/metrics` asks for (open when unset).
    #[arg(long, env = "PULPO_METRICS_TOKEN")]
    pub metrics_token: Option<String>,
    /// Start on a non-loopback address even though a workspace accepts the well-known
    /// `demo-key` (never do this on the internet).
    #[arg(long, env = "PULPO_ALLOW_DEMO_KEY")]
    pub allow_demo_key: Option<bool>,
}

/// The TOML file's shape. Every field is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub addr: Option<String>,
    pub db: Option<String>,
    pub workspaces: Option<PathBuf>,
    pub log_format: Option<String>,
    #[serde(default)]
    pub flags: FileFlags,
    #[serde(default)]
    pub model: FileModel,
    #[serde(default)]
    pub limits: FileLimits,
    #[serde(default)]
    pub tools: FileTools,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileFlags {
    pub enable_slm_pipeline: Option<bool>,
    pub slm_canary_percent: Option<u8>,
    pub slm_shadow_percent: Option<u8>,
    /// Salt of the canary hash. Changing it reshuffles every conversation between arms.
    pub canary_salt: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileModel {
    pub id: Option<String>,
    pub dir: Option<PathBuf>,
    pub threads: Option<usize>,
    pub deadline_ms: Option<u64>,
    pub queue: Option<usize>,
    pub batch: Option<usize>,
    pub preload: Option<bool>,
    /// The model proposes the next step too (default false).
    pub planner: Option<bool>,
    /// Load the model when the flags enable the model path at run time (default true).
    pub autoload: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileLimits {
    pub header_timeout_ms: Option<u64>,
    pub body_timeout_ms: Option<u64>,
    pub shutdown_grace_ms: Option<u64>,
    pub max_body_bytes: Option<usize>,
    pub max_text_chars: Option<usize>,
    pub max_concurrency: Option<usize>,
    pub lease_ms: Option<u64>,
    pub turn_wait_ms: Option<u64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileTools {
    pub timeout_ms: Option<u64>,
    pub max_attempts: Option<u32>,
    pub backoff_base_ms: Option<u64>,
    pub breaker_threshold: Option<u32>,
    pub breaker_cooldown_ms: Option<u64>,
}

/// How the tool broker runs calls (from `[tools]`).
#[derive(Debug, Clone)]
pub struct BrokerConfig {
    /// Per-attempt timeout.
    pub timeout: Duration,
    /// Attempts per call, the first included.
    pub max_attempts: u32,
    /// First backoff; doubles per attempt, with full jitter.
    pub backoff_base: Duration,
    pub backoff_max: Duration,
    /// Consecutive failures that open a tool's breaker.
    pub breaker_threshold: u32,
    /// How long an open breaker fails fast before a probe.
    pub breaker_cooldown: Duration,
}

impl Default for BrokerConfig {
    fn default() -> Self {
        BrokerConfig {
            timeout: Duration::from_millis(2000),
            max_attempts: 3,
            backoff_base: Duration::from_millis(50),
            backoff_max: Duration::from_millis(500),
            breaker_threshold: 5,
            breaker_cooldown: Duration::from_secs(30),
        }
    }
}

/// The effective configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub addr: String,
    pub db: String,
    pub workspaces_dir: PathBuf,
    pub flags: FlagValues,
    pub canary_salt: String,
    pub model: String,
    pub models_dir: PathBuf,
    pub threads: usize,
    pub slm_deadline: Duration,
    pub slm_queue: usize,
    pub slm_batch: usize,
    pub preload_model: bool,
    /// The model proposes the next step too (a second pass); off: the rules plan.
    pub model_planner: bool,
    /// Load the model in the background when the flags enable it at run time.
    pub model_autoload: bool,
    /// Largest request body (n8n sends small JSON; 64 KiB leaves room for metadata).
    pub max_body_bytes: usize,
    /// Longest message text in chars (WhatsApp's own limit is 4096).
    pub max_text_chars: usize,
    pub max_concurrency: usize,
    /// How long a turn holds its conversation (a crashed replica's lease expires after this).
    pub lease: Duration,
    /// How long a request waits for another turn of its conversation before 503.
    pub turn_wait: Duration,
    pub tools: BrokerConfig,
    pub admin_token: Option<String>,
    pub log_format: String,
    /// The one clock of the service (the system's, or a test clock from `PULPO_NOW`).
    pub clock: crate::clock::Clock,
    /// A client's time to send its headers / its body.
    pub header_timeout: Duration,
    pub body_timeout: Duration,
    /// How long shutdown waits for in-flight requests.
    pub shutdown_grace: Duration,
    pub metrics_token: Option<String>,
    pub allow_demo_key: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("{field} is invalid: {reason}")]
    Invalid { field: &'static str, reason: String },
}

pub const DEFAULT_MODEL: &str = "qwen2.5-coder-0.5b-instruct";
/// Requests that may wait for the model (`[model] queue`).
pub const DEFAULT_SLM_QUEUE: usize = 32;
/// The model path's per-request budget. With [`DEFAULT_SLM_QUEUE`], open-loop traffic at 80%
/// of the model's capacity (2 cores, AVX2: 11.4 of 14.5 decisions/s, two minutes, 1,368
/// requests) never fell back; with 3000 ms one run of two had 2 time out (its slowest
/// answers take 2–3 s: up to 32 waiting, then their pass).
pub const DEFAULT_SLM_DEADLINE_MS: u64 = 4000;

impl Config {
    pub fn load(args: &ServeArgs) -> Result<Config, ConfigError> {
        let file = read_file_config(&args.config)?;
        Config::merge(args, file, std::env::var("PULPO_ADMIN_TOKEN").ok())
    }

    pub fn merge(
        args: &ServeArgs,
        file: FileConfig,
        admin_token: Option<String>,
    ) -> Result<Config, ConfigError> {
        let percent = |field: &'static str, v: Option<u8>| -> Result<u8, ConfigError> {
            match v {
                Some(p) if p > 100 => Err(ConfigError::Invalid {
                    field,
                    reason: format!("{p} is above 100"),
                }),
                Some(p) => Ok(p),
                None => Ok(0),
            }
        };
        let flags = FlagValues {
            enable_slm_pipeline: args
                .enable_slm_pipeline
                .or(file.flags.enable_slm_pipeline)
                .unwrap_or(false),
            slm_canary_percent: percent(
                "SLM_CANARY_PERCENT",
                args.slm_canary_percent.or(file.flags.slm_canary_percent),
            )?,
            slm_shadow_percent: percent(
                "SLM_SHADOW_PERCENT",
                args.slm_shadow_percent.or(file.flags.slm_shadow_percent),
            )?,
        };
        let threads = args.threads.or(file.model.threads).unwrap_or(0);
        let threads = if threads == 0 {
            default_threads()
        } else {
            threads
        };
        let deadline_ms = args
            .slm_deadline_ms
            .or(file.model.deadline_ms)
            .unwrap_or(DEFAULT_SLM_DEADLINE_MS);
        if !(50..=60_000).contains(&deadline_ms) {
            return Err(ConfigError::Invalid {
                field: "PULPO_SLM_DEADLINE_MS",
                reason: format!("{deadline_ms} is outside 50..=60000"),
            });
        }
        let log_format = args
            .log_format
            .clone()
            .or(file.log_format)
            .unwrap_or_else(|| "json".into());
        if !matches!(log_format.as_str(), "json" | "text") {
            return Err(ConfigError::Invalid {
                field: "PULPO_LOG_FORMAT",
                reason: format!("`{log_format}` is not json or text"),
            });
        }
        let admin_token = admin_token.filter(|t| !t.is_empty());
        if admin_token.as_ref().is_some_and(|t| t.len() < 8) {
            return Err(ConfigError::Invalid {
                field: "PULPO_ADMIN_TOKEN",
                reason: "must be at least 8 characters".into(),
            });
        }
        let clock = match args.now.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(s) => crate::clock::Clock::starting_at(
                crate::clock::Clock::parse_start(s).map_err(|reason| ConfigError::Invalid {
                    field: "PULPO_NOW",
                    reason,
                })?,
            ),
            None => crate::clock::Clock::system(),
        };
        let defaults = BrokerConfig::default();
        let tools = BrokerConfig {
            timeout: file
                .tools
                .timeout_ms
                .map(Duration::from_millis)
                .unwrap_or(defaults.timeout),
            max_attempts: file
                .tools
                .max_attempts
                .unwrap_or(defaults.max_attempts)
                .clamp(1, 10),
            backoff_base: file
                .tools
                .backoff_base_ms
                .map(Duration::from_millis)
                .unwrap_or(defaults.backoff_base),
            backoff_max: defaults.backoff_max,
            breaker_threshold: file
                .tools
                .breaker_threshold
                .unwrap_or(defaults.breaker_threshold)
                .max(1),
            breaker_cooldown: file
                .tools
                .breaker_cooldown_ms
                .map(Duration::from_millis)
                .unwrap_or(defaults.breaker_cooldown),
        };
        Ok(Config {
            addr: args
                .addr
                .clone()
                .or(file.addr)
                .unwrap_or_else(|| "127.0.0.1:8080".into()),
            db: args
                .db
                .clone()
                .or(file.db)
                .unwrap_or_else(|| "data/pulpo.db".into()),
            workspaces_dir: args
                .workspaces
                .clone()
                .or(file.workspaces)
                .unwrap_or_else(|| "config/workspaces".into()),
            flags,
            canary_salt: file
                .flags
                .canary_salt
                .unwrap_or_else(|| "pulpo-canary-v1".into()),
            model: args
                .model
                .clone()
                .or(file.model.id)
                .unwrap_or_else(|| DEFAULT_MODEL.into()),
            models_dir: args
                .models_dir
                .clone()
                .or(file.model.dir)
                .unwrap_or_else(|| "models".into()),
            threads,
            slm_deadline: Duration::from_millis(deadline_ms),
            slm_queue: args
                .slm_queue
                .or(file.model.queue)
                .unwrap_or(DEFAULT_SLM_QUEUE)
                .clamp(1, 1024),
            slm_batch: args
                .slm_batch
                .or(file.model.batch)
                .unwrap_or(crate::engine::worker::MAX_BATCH)
                .clamp(1, 64),
            preload_model: args.preload_model.or(file.model.preload).unwrap_or(false),
            model_planner: args.model_planner.or(file.model.planner).unwrap_or(false),
            model_autoload: file.model.autoload.unwrap_or(true),
            max_body_bytes: file
                .limits
                .max_body_bytes
                .unwrap_or(64 * 1024)
                .clamp(1024, 16 * 1024 * 1024),
            max_text_chars: file.limits.max_text_chars.unwrap_or(4000).clamp(1, 100_000),
            max_concurrency: args
                .max_concurrency
                .or(file.limits.max_concurrency)
                .unwrap_or(512)
                .max(1),
            lease: Duration::from_millis(file.limits.lease_ms.unwrap_or(30_000).max(100)),
            turn_wait: Duration::from_millis(file.limits.turn_wait_ms.unwrap_or(20_000)),
            tools,
            admin_token,
            log_format,
            clock,
            header_timeout: Duration::from_millis(
                args.header_timeout_ms
                    .or(file.limits.header_timeout_ms)
                    .unwrap_or(10_000)
                    .clamp(100, 600_000),
            ),
            body_timeout: Duration::from_millis(
                args.body_timeout_ms
                    .or(file.limits.body_timeout_ms)
                    .unwrap_or(10_000)
                    .clamp(100, 600_000),
            ),
            shutdown_grace: Duration::from_millis(
                args.shutdown_grace_ms
                    .or(file.limits.shutdown_grace_ms)
                    .unwrap_or(10_000)
                    .min(600_000),
            ),
            metrics_token: args.metrics_token.clone().filter(|t| !t.is_empty()),
            allow_demo_key: args.allow_demo_key.unwrap_or(false),
        })
    }

    /// The config as logged at start: secrets redacted.
    pub fn redacted(&self) -> serde_json::Value {
        serde_json::json!({
            "addr": self.addr,
            "db": crate::text::redact_url(&self.db),
            "workspaces_dir": self.workspaces_dir,
            "flags": self.flags,
            "model": self.model,
            "models_dir": self.models_dir,
            "threads": self.threads,
            "slm_deadline_ms": self.slm_deadline.as_millis() as u64,
            "slm_queue": self.slm_queue,
            "slm_batch": self.slm_batch,
            "preload_model": self.preload_model,
            "model_planner": self.model_planner,
            "max_body_bytes": self.max_body_bytes,
            "max_text_chars": self.max_text_chars,
            "max_concurrency": self.max_concurrency,
            "admin": if self.admin_token.is_some() { "enabled" } else { "disabled" },
            "tool_timeout_ms": self.tools.timeout.as_millis() as u64,
            "tool_max_attempts": self.tools.max_attempts,
            "test_clock": self.clock.is_set().then(|| self.clock.now().to_rfc3339()),
            "header_timeout_ms": self.header_timeout.as_millis() as u64,
            "body_timeout_ms": self.body_timeout.as_millis() as u64,
            "shutdown_grace_ms": self.shutdown_grace.as_millis() as u64,
            "metrics": if self.metrics_token.is_some() { "token" } else { "open" },
            "allow_demo_key": self.allow_demo_key,
        })
    }
}

/// Loads every `*.toml` workspace file of a directory.
pub fn load_workspaces(
    dir: &Path,
) -> anyhow::Result<std::collections::HashMap<String, std::sync::Arc<Workspace>>> {
    let mut out = std::collections::HashMap::new();
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("reading workspaces from {}", dir.display()))?;
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let src = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let ws = Workspace::from_toml(&src, |k| std::env::var(k).ok().filter(|v| !v.is_empty()))
            .with_context(|| format!("in {}", path.display()))?;
        if ws.api_key_digests.is_empty() {
            tracing::warn!(workspace = %ws.id, "workspace has no API key: nobody can call it");
        }
        if let Some(prev) = out.insert(ws.id.clone(), std::sync::Arc::new(ws)) {
            anyhow::bail!(
                "workspace id `{}` is defined twice (second in {})",
                prev.id,
                path.display()
            );
        }
    }
    if out.is_empty() {
        anyhow::bail!("no workspace files (*.toml) in {}", dir.display());
    }
    Ok(out)
}

/// One inference thread per physical core; on a 2-core box, 2.
pub fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(1, 16)
}

pub fn read_file_config(path: &Path) -> Result<FileConfig, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(s) => toml::from_str(&s).map_err(|e| ConfigError::Read {
            path: path.display().to_string(),
            reason: e.to_string(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileConfig::default()),
        Err(e) => Err(ConfigError::Read {
            path: path.display().to_string(),
            reason: e.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_and_flags_override_the_file() {
        let file: FileConfig =
            toml::from_str("addr = \"0.0.0.0:9\"\n[flags]\nslm_canary_percent = 5\n").unwrap();
        let args = ServeArgs {
            slm_canary_percent: Some(30),
            ..Default::default()
        };
        let c = Config::merge(&args, file, None).unwrap();
        assert_eq!(c.addr, "0.0.0.0:9");
        assert_eq!(c.flags.slm_canary_percent, 30);
        assert!(!c.flags.enable_slm_pipeline);
    }

    #[test]
    fn invalid_values_name_the_field() {
        let args = ServeArgs {
            slm_canary_percent: Some(101),
            ..Default::default()
        };
        let err = Config::merge(&args, FileConfig::default(), None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("SLM_CANARY_PERCENT"), "{err}");
        let err = Config::merge(
            &ServeArgs::default(),
            FileConfig::default(),
            Some("short".into()),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("PULPO_ADMIN_TOKEN"), "{err}");
    }

    #[test]
    fn redaction_hides_secrets() {
        let args = ServeArgs {
            db: Some("postgres://pulpo:hunter2@db/pulpo".into()),
            ..Default::default()
        };
        let c = Config::merge(&args, FileConfig::default(), Some("supersecret".into())).unwrap();
        let text = c.redacted().to_string();
        assert!(
            !text.contains("hunter2") && !text.contains("supersecret"),
            "{text}"
        );
    }
}
