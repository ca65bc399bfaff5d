//! Telemetry: structured JSON logs (`tracing`) and metrics (Prometheus text at `/metrics`,
//! rolling-window statistics at `/admin/stats`).
//!
//! Log events carry their fields as structured values: a conversation id with `\r\n` in it
//! is escaped by the JSON encoder and cannot forge a line.

pub mod metrics;

use tracing_subscriber::{fmt, EnvFilter};

/// Installs the global subscriber: JSON lines on stderr by default, `PULPO_LOG_FORMAT=text`
/// for humans. `RUST_LOG` filters (default `info`).
pub fn init_logging(format: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if format == "text" {
        builder.with_target(false).try_init()
    } else {
        builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .try_init()
    };
}
