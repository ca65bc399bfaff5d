//! Request limits shared by every route: a global concurrency limit (one semaphore for the
//! whole server — tower's per-route layers would not hold it) and a token bucket per
//! workspace.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

/// Token buckets keyed by workspace.
#[derive(Debug, Default)]
pub struct RateLimiter {
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl RateLimiter {
    /// Takes one token; on refusal, how long until one is available.
    pub fn take(&self, workspace: &str, rate: f64, burst: u32) -> Result<(), Duration> {
        let now = Instant::now();
        let mut g = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let b = g.entry(workspace.to_string()).or_insert(Bucket {
            tokens: f64::from(burst),
            last: now,
        });
        let rate = rate.max(0.001);
        b.tokens =
            (b.tokens + now.duration_since(b.last).as_secs_f64() * rate).min(f64::from(burst));
        b.last = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - b.tokens) / rate))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_refuses_past_the_burst_then_refills() {
        let r = RateLimiter::default();
        for _ in 0..3 {
            assert!(r.take("a", 1000.0, 3).is_ok());
        }
        assert!(r.take("a", 1000.0, 3).is_err());
        assert!(r.take("b", 1000.0, 3).is_ok(), "buckets are per workspace");
        std::thread::sleep(Duration::from_millis(5));
        assert!(r.take("a", 1000.0, 3).is_ok());
    }
}
