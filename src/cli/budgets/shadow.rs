//! Shadow mode's cost on the rule route, measured as an A/B: alternating paced blocks with
//! shadow mode off and on, paired differences with their intervals, and a block bootstrap
//! for the pooled p99.

use super::*;

/// Shadow mode's cost on the rule route, as an A/B on the same machine at the same time: the
/// same requests with shadow mode off and at 100%, in alternating blocks, paced at [`PACE`].
/// Every block starts with the model idle, so an "off" block never runs beside a reading an
/// "on" block started; in an "on" block readings run in the gaps between requests, and each
/// request that arrives meets one that is part-way through.
///
/// The verdict pairs each "on" block with the "off" block run next to it: the mean of the
/// per-block differences and its 95% t-interval. That interval includes the noise between
/// blocks (the machine's speed drifting, other tenants), not only the sampling noise of the
/// requests, which a pooled bootstrap would miss.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ShadowCost {
    /// Request latencies (ms) with shadow mode off, and at 100%.
    pub off: Vec<f64>,
    pub on: Vec<f64>,
    /// Model readings that completed during the "on" blocks (`pulpo_shadow_comparisons_total`).
    pub readings: u64,
    pub blocks: usize,
    /// Mean over blocks of p50(on) − p50(off), with its 95% interval.
    pub p50_delta: Delta,
    /// The same for p90.
    pub p90_delta: Delta,
    /// p99(on) − p99(off) over all requests, with a 95% interval from resampling whole
    /// pairs of blocks (a block holds too few requests for a p99 of its own).
    pub p99_delta: Delta,
    /// `shadow_p90_margin_ms` from the budgets file, when set.
    pub margin_ms: Option<f64>,
}

/// A mean paired difference in milliseconds and its 95% confidence interval.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Delta {
    pub mean_ms: f64,
    pub ci95_ms: (f64, f64),
}

impl Delta {
    /// From per-block differences (needs two or more).
    pub fn of(diffs: &[f64]) -> Delta {
        let n = diffs.len() as f64;
        let mean = diffs.iter().sum::<f64>() / n;
        let var = diffs.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / (n - 1.0);
        let half = t975(n - 1.0) * (var / n).sqrt();
        Delta {
            mean_ms: mean,
            ci95_ms: (mean - half, mean + half),
        }
    }

    fn show(&self) -> String {
        format!(
            "{:+.3} ms [{:+.3} … {:+.3}]",
            self.mean_ms, self.ci95_ms.0, self.ci95_ms.1
        )
    }
}

/// The 0.975 quantile of Student's t with `df` degrees of freedom: the table below 10, then
/// a Cornish–Fisher expansion (within 0.3% from 10 degrees of freedom up).
pub(super) fn t975(df: f64) -> f64 {
    const TABLE: [f64; 9] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262,
    ];
    if df < 10.0 {
        return TABLE[(df.round().max(1.0) as usize) - 1];
    }
    let z: f64 = 1.959_964;
    z + (z.powi(3) + z) / (4.0 * df)
        + (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / (96.0 * df * df)
}

impl ShadowCost {
    /// Shadow mode does not slow the rule route beyond noise: the p90 interval reaches zero
    /// or below.
    pub fn not_slower(&self) -> bool {
        self.p90_delta.ci95_ms.0 <= 0.0
    }

    /// The same for p99.
    pub fn p99_not_slower(&self) -> bool {
        self.p99_delta.ci95_ms.0 <= 0.0
    }

    /// The p90 interval lies within ± the margin: equivalent, whatever its sign.
    pub fn within_margin(&self) -> Option<bool> {
        let m = self.margin_ms?;
        Some(self.p90_delta.ci95_ms.0 >= -m && self.p90_delta.ci95_ms.1 <= m)
    }

    pub fn summary(&self) -> String {
        format!(
            "shadow mode's cost on the rule route (on − off, mean of {} paired blocks, 95% \
             interval): p50 {}, p90 {}; p99 (pooled, block bootstrap) {}\n  {} requests off \
             / {} on (p99 {:.2} / {:.2} ms); {} model readings completed during the \"on\" \
             blocks; p90: {}{}; p99: {}\n",
            self.blocks,
            self.p50_delta.show(),
            self.p90_delta.show(),
            self.p99_delta.show(),
            self.off.len(),
            self.on.len(),
            quantile(&self.off, 0.99),
            quantile(&self.on, 0.99),
            self.readings,
            verdict(self.not_slower()),
            match (self.within_margin(), self.margin_ms) {
                (Some(true), Some(m)) => format!(", within the ±{m} ms equivalence margin"),
                (Some(false), Some(m)) => format!(", NOT within the ±{m} ms equivalence margin"),
                _ => String::new(),
            },
            verdict(self.p99_not_slower()),
        )
    }
}

/// The shadow A/B's arrival rate: a request every 10 ms (100/s, far above a small business's
/// traffic), so that shadow readings run in the gaps and meet requests as they would.
pub const PACE: std::time::Duration = std::time::Duration::from_millis(10);

pub(super) fn verdict(not_slower: bool) -> &'static str {
    if not_slower {
        "no slowdown beyond noise"
    } else {
        "SLOWER beyond noise"
    }
}

/// p99(on) − p99(off) over whole pairs of blocks, with a 95% percentile-bootstrap interval
/// from `n` resamples of the pairs (a fixed seed: reproducible from the samples).
pub fn block_bootstrap_p99(off: &[Vec<f64>], on: &[Vec<f64>], n: usize) -> Delta {
    let pooled = |blocks: &[Vec<f64>], pick: &[usize]| -> f64 {
        let v: Vec<f64> = pick
            .iter()
            .flat_map(|&b| blocks[b].iter().copied())
            .collect();
        quantile(&v, 0.99)
    };
    let all: Vec<usize> = (0..off.len().min(on.len())).collect();
    let mean_ms = pooled(on, &all) - pooled(off, &all);
    if all.len() < 2 {
        return Delta {
            mean_ms,
            ci95_ms: (f64::NAN, f64::NAN),
        };
    }
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut pick = || {
        // xorshift64*: plenty for resampling indices.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % all.len()
    };
    let mut deltas: Vec<f64> = (0..n)
        .map(|_| {
            let p: Vec<usize> = (0..all.len()).map(|_| pick()).collect();
            pooled(on, &p) - pooled(off, &p)
        })
        .collect();
    deltas.sort_by(f64::total_cmp);
    Delta {
        mean_ms,
        ci95_ms: (percentile(&deltas, 0.025), percentile(&deltas, 0.975)),
    }
}

/// Runs the shadow A/B: `blocks` blocks (at least 2) of `reps` × `msgs` on each arm, paced.
pub async fn shadow_cost(
    model: &Arc<dyn ModelPath>,
    workspaces: &Path,
    msgs: &[String],
    blocks: usize,
    reps: usize,
    margin_ms: Option<f64>,
) -> anyhow::Result<ShadowCost> {
    let blocks = blocks.max(2);
    let (scratch_off, scratch_on) = (Scratch::new("shadow-off")?, Scratch::new("shadow-on")?);
    let off_app = app_with(false, 0, Some(model.clone()), workspaces, &scratch_off).await?;
    let on_app = app_with(false, 100, Some(model.clone()), workspaces, &scratch_on).await?;
    for (app, tag) in [(&off_app, "warm-off"), (&on_app, "warm-on")] {
        decide(app, msgs, 1, tag)
            .await
            .map_err(anyhow::Error::msg)?;
    }
    wait_until_idle(model).await;
    let before = shadow_readings(&on_app).await?;
    let (mut off_blocks, mut on_blocks) = (Vec::new(), Vec::new());
    for b in 0..blocks {
        let mut block = [Vec::new(), Vec::new()];
        // Alternate which arm goes first, so a drift in the machine's speed hits both alike.
        for arm_on in [b % 2 == 1, b % 2 == 0] {
            wait_until_idle(model).await;
            let (app, tag) = if arm_on {
                (&on_app, format!("on-{b}"))
            } else {
                (&off_app, format!("off-{b}"))
            };
            block[usize::from(arm_on)] = decide_paced(app, msgs, reps, &tag, Some(PACE))
                .await
                .map_err(anyhow::Error::msg)?;
        }
        let [block_off, block_on] = block;
        off_blocks.push(block_off);
        on_blocks.push(block_on);
    }
    wait_until_idle(model).await;
    let readings = shadow_readings(&on_app).await?.saturating_sub(before);
    let paired = |q: f64| -> Vec<f64> {
        off_blocks
            .iter()
            .zip(&on_blocks)
            .map(|(off, on)| quantile(on, q) - quantile(off, q))
            .collect()
    };
    Ok(ShadowCost {
        readings,
        blocks,
        p50_delta: Delta::of(&paired(0.5)),
        p90_delta: Delta::of(&paired(0.9)),
        p99_delta: block_bootstrap_p99(&off_blocks, &on_blocks, 1000),
        margin_ms,
        off: off_blocks.concat(),
        on: on_blocks.concat(),
    })
}

/// Waits (up to 60 s) until the model worker runs and holds nothing. A shadow reading is
/// started by a task the request spawned, so first give such a task a moment to submit.
pub(super) async fn wait_until_idle(model: &Arc<dyn ModelPath>) {
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let give_up = Instant::now() + std::time::Duration::from_secs(60);
    while !model.is_idle() && Instant::now() < give_up {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}

/// The `pulpo_shadow_comparisons_total` counters of an app's `/metrics`, summed.
pub(super) async fn shadow_readings(app: &axum::Router) -> anyhow::Result<u64> {
    let req = Request::builder().uri("/metrics").body(Body::empty())?;
    let resp = app.clone().oneshot(req).await?;
    let body = axum::body::to_bytes(resp.into_body(), 1 << 24).await?;
    let text = String::from_utf8_lossy(&body);
    Ok(text
        .lines()
        .filter(|l| l.starts_with("pulpo_shadow_comparisons_total"))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum::<f64>() as u64)
}

pub(super) fn quantile(xs: &[f64], q: f64) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    percentile(&v, q)
}
