//! A circuit breaker per tool: after `threshold` consecutive failures it opens and calls fail
//! fast for `cooldown`; then one probe is let through (half-open); its success closes the
//! breaker, its failure opens it again. No maintained crate fits, so it is small and ours.

use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakerState {
    Closed,
    Open,
    HalfOpen,
}

#[derive(Debug, Clone)]
pub struct Breaker {
    threshold: u32,
    cooldown: Duration,
    failures: u32,
    opened_at: Option<Instant>,
    probing: bool,
}

/// Whether a call may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Allowed,
    /// The breaker is half-open and this call is its probe.
    Probe,
    Rejected,
}

impl Breaker {
    pub fn new(threshold: u32, cooldown: Duration) -> Self {
        Breaker {
            threshold: threshold.max(1),
            cooldown,
            failures: 0,
            opened_at: None,
            probing: false,
        }
    }

    pub fn state(&self, now: Instant) -> BreakerState {
        match self.opened_at {
            None => BreakerState::Closed,
            Some(t) if now.duration_since(t) >= self.cooldown => BreakerState::HalfOpen,
            Some(_) => BreakerState::Open,
        }
    }

    pub fn admit(&mut self, now: Instant) -> Admission {
        match self.state(now) {
            BreakerState::Closed => Admission::Allowed,
            BreakerState::Open => Admission::Rejected,
            BreakerState::HalfOpen if self.probing => Admission::Rejected,
            BreakerState::HalfOpen => {
                self.probing = true;
                Admission::Probe
            }
        }
    }

    pub fn on_success(&mut self) {
        self.failures = 0;
        self.opened_at = None;
        self.probing = false;
    }

    pub fn on_failure(&mut self, now: Instant) {
        self.probing = false;
        if self.opened_at.is_some() {
            // A failed probe opens it again for a full cooldown.
            self.opened_at = Some(now);
            return;
        }
        self.failures += 1;
        if self.failures >= self.threshold {
            self.opened_at = Some(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_after_threshold_and_probes_after_cooldown() {
        let t0 = Instant::now();
        let mut b = Breaker::new(3, Duration::from_secs(10));
        for _ in 0..2 {
            assert_eq!(b.admit(t0), Admission::Allowed);
            b.on_failure(t0);
        }
        assert_eq!(b.state(t0), BreakerState::Closed);
        b.on_failure(t0);
        assert_eq!(b.state(t0), BreakerState::Open);
        assert_eq!(b.admit(t0 + Duration::from_secs(5)), Admission::Rejected);
        let later = t0 + Duration::from_secs(10);
        assert_eq!(b.admit(later), Admission::Probe);
        assert_eq!(b.admit(later), Admission::Rejected, "one probe at a time");
        b.on_failure(later);
        assert_eq!(b.state(later + Duration::from_secs(1)), BreakerState::Open);
        let again = later + Duration::from_secs(10);
        assert_eq!(b.admit(again), Admission::Probe);
        b.on_success();
        assert_eq!(b.state(again), BreakerState::Closed);
        assert_eq!(b.admit(again), Admission::Allowed);
    }

    #[test]
    fn success_resets_the_count() {
        let t0 = Instant::now();
        let mut b = Breaker::new(2, Duration::from_secs(1));
        b.on_failure(t0);
        b.on_success();
        b.on_failure(t0);
        assert_eq!(b.state(t0), BreakerState::Closed);
    }

    proptest::proptest! {
        #[test]
        fn never_admits_while_open(events in proptest::collection::vec(proptest::bool::ANY, 0..50)) {
            let t0 = Instant::now();
            let mut b = Breaker::new(3, Duration::from_secs(60));
            for ok in events {
                if b.admit(t0) == Admission::Rejected {
                    proptest::prop_assert_eq!(b.state(t0), BreakerState::Open);
                    continue;
                }
                if ok { b.on_success() } else { b.on_failure(t0) }
            }
        }
    }
}
