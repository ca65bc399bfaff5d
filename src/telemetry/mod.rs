//! Telemetry: structured JSON logs (`tracing`) and metrics (Prometheus text at `/metrics`,
//! rolling-window statistics at `/admin/stats`).
//!
//! Every line goes through [`SafeWriter`]: control characters (a `\r\n` in a conversation
//! id) and invisible format characters (bidi overrides, zero-width, line separators) become
//! `\uXXXX` escapes in both formats, so a customer's text cannot forge or disguise a line.

pub mod metrics;

use tracing_subscriber::{fmt, EnvFilter};

/// Installs the global subscriber: JSON lines on stderr by default, `PULPO_LOG_FORMAT=text`
/// for humans. `RUST_LOG` filters (default `info`).
pub fn init_logging(format: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = fmt()
        .with_env_filter(filter)
        .with_writer(|| SafeWriter(std::io::stderr()));
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

/// Escapes what could forge or hide a log line: every control character but the line's own
/// final newline, and invisible format characters, as `\uXXXX` (valid inside JSON strings).
pub struct SafeWriter<W: std::io::Write>(pub W);

/// The escaped form of one formatted event.
pub fn escape_line(text: &str) -> String {
    let body = text.strip_suffix('\n');
    let mut out = String::with_capacity(text.len());
    for c in body.unwrap_or(text).chars() {
        if c.is_control() || crate::text::is_invisible(c) || matches!(c, '\u{2028}' | '\u{2029}') {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    if body.is_some() {
        out.push('\n');
    }
    out
}

impl<W: std::io::Write> std::io::Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(escape_line(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_cannot_be_forged_or_disguised() {
        assert_eq!(escape_line("a=x\r\nFAKE b\n"), "a=x\\u000d\\u000aFAKE b\n");
        assert_eq!(escape_line("\u{202e}evil\n"), "\\u202eevil\n");
        let json = escape_line("{\"t\":\"\u{2028}\"}\n");
        assert!(
            serde_json::from_str::<serde_json::Value>(json.trim_end()).is_ok(),
            "{json}"
        );
    }
}
