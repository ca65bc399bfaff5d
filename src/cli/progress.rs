//! Progress on stderr for the long steps (feature extraction, evaluation, downloads).

use std::io::Write;
use std::time::Instant;

/// A progress bar on stderr: `label [#####.....] 120/300  eta 42s`.
pub struct Progress {
    label: String,
    total: usize,
    started: Instant,
    last: Instant,
    /// Tenths of the total already written to a log.
    tenths: usize,
}

impl Progress {
    pub fn new(label: &str, total: usize) -> Self {
        Progress {
            label: label.to_string(),
            total,
            started: Instant::now(),
            last: Instant::now() - std::time::Duration::from_secs(1),
            tenths: 0,
        }
    }

    pub fn tick(&mut self, done: usize) {
        use std::io::IsTerminal;
        let tty = std::io::stderr().is_terminal();
        // On a terminal: redraw at most 5 times a second; in a log: a line per 10% (steps of
        // any size: a batch of 4 seldom lands on an exact tenth).
        let tenths = (done * 10).checked_div(self.total).unwrap_or(10);
        let due = if tty {
            self.last.elapsed().as_millis() >= 200
        } else {
            tenths > self.tenths
        };
        if !tty && due {
            self.tenths = tenths;
        }
        if !due && done < self.total {
            return;
        }
        self.last = Instant::now();
        let width = 30;
        let filled = (done * width).checked_div(self.total).unwrap_or(width);
        let elapsed = self.started.elapsed().as_secs_f64();
        let eta = if done == 0 {
            0.0
        } else {
            elapsed / done as f64 * (self.total - done) as f64
        };
        let mut err = std::io::stderr();
        let _ = write!(
            err,
            "{}{} [{}{}] {}/{}  {:.0}s elapsed, eta {:.0}s ",
            if tty { "\r" } else { "" },
            self.label,
            "#".repeat(filled),
            ".".repeat(width - filled),
            done,
            self.total,
            elapsed,
            eta
        );
        if done >= self.total || !tty {
            let _ = writeln!(err);
        }
        let _ = err.flush();
    }
}
