//! The one clock of the product. Every "now" — today's date for "mañana", the booking
//! horizon, leases, audit timestamps — reads a [`Clock`], so tests and demos can run the
//! whole service on a chosen date.
//!
//! `PULPO_NOW=<RFC 3339 instant>` (or `pulpo serve --now`) starts the clock at that instant
//! and lets it run on from there; off by default, and the server warns at start when it is on.

use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, FixedOffset, Utc};

/// A wall clock: the system's, or one started at a chosen instant that runs on in real time.
/// Cheap to clone; clones share the same start.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    start: Option<Arc<(DateTime<Utc>, Instant)>>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock { start: None }
    }

    /// A clock that reads `at` now and runs on in real time.
    pub fn starting_at(at: DateTime<Utc>) -> Clock {
        Clock {
            start: Some(Arc::new((at, Instant::now()))),
        }
    }

    /// Reads `PULPO_NOW`-style text: an RFC 3339 instant (`2026-12-07T09:30:00-03:00`).
    pub fn parse_start(text: &str) -> Result<DateTime<Utc>, String> {
        DateTime::parse_from_rfc3339(text.trim())
            .map(|t: DateTime<FixedOffset>| t.with_timezone(&Utc))
            .map_err(|e| {
                format!(
                    "`{}` is not an RFC 3339 instant (like 2026-12-07T09:30:00-03:00): {e}",
                    text.chars().take(40).collect::<String>()
                )
            })
    }

    /// Whether this is a test clock (not the system's).
    pub fn is_set(&self) -> bool {
        self.start.is_some()
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &self.start {
            None => Utc::now(),
            Some(s) => {
                let (at, since) = **s;
                at + chrono::Duration::from_std(since.elapsed()).unwrap_or_default()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_test_clock_starts_where_it_is_told_and_runs_on() {
        let at = Clock::parse_start("2026-12-07T09:30:00-03:00").unwrap();
        let c = Clock::starting_at(at);
        let a = c.now();
        assert!(a >= at && a - at < chrono::Duration::seconds(5));
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(c.clone().now() > a, "clones share the running clock");
        assert!(!Clock::system().is_set());
        let sys = Clock::system().now();
        assert!((sys - Utc::now()).num_seconds().abs() < 5);
    }

    #[test]
    fn bad_start_text_says_what_is_expected() {
        let e = Clock::parse_start("tomorrow").unwrap_err();
        assert!(e.contains("RFC 3339"), "{e}");
    }
}
