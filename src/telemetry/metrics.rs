//! Metrics: Prometheus counters and histograms for `/metrics`, plus a rolling window of recent
//! requests and tool calls for the operations page's p50/p90/p99 over the last minutes.

use std::collections::{BTreeMap, VecDeque};
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;

type Labels = Vec<(&'static str, String)>;

/// Latency buckets in seconds (the Prometheus convention).
const BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0,
];

#[derive(Debug, Clone, Default)]
struct Histogram {
    counts: Vec<u64>,
    sum: f64,
    count: u64,
}

impl Histogram {
    fn observe(&mut self, v: f64) {
        if self.counts.is_empty() {
            self.counts = vec![0; BUCKETS.len()];
        }
        for (i, b) in BUCKETS.iter().enumerate() {
            if v <= *b {
                self.counts[i] += 1;
            }
        }
        self.sum += v;
        self.count += 1;
    }
}

/// One finished request, kept for the rolling window.
#[derive(Debug, Clone, Serialize)]
pub struct RequestSample {
    #[serde(skip)]
    pub at: Instant,
    pub route: &'static str,
    pub status: u16,
    pub latency_ms: f64,
    pub fallback: Option<String>,
    pub schema_invalid: bool,
}

#[derive(Debug, Clone)]
struct ToolSample {
    at: Instant,
    ok: bool,
}

#[derive(Debug, Clone)]
struct ShadowSample {
    at: Instant,
    intent_agrees: bool,
    slot_agrees: bool,
    latency_ms: f64,
}

/// How long samples are kept for the window statistics.
const WINDOW: Duration = Duration::from_secs(60 * 60);
/// At most this many samples per series are kept (memory stays flat under load).
const MAX_SAMPLES: usize = 200_000;

#[derive(Default)]
struct Inner {
    counters: BTreeMap<(&'static str, Labels), u64>,
    gauges: BTreeMap<(&'static str, Labels), f64>,
    histograms: BTreeMap<(&'static str, Labels), Histogram>,
    requests: VecDeque<RequestSample>,
    tools: VecDeque<ToolSample>,
    shadow: VecDeque<ShadowSample>,
}

#[derive(Default)]
pub struct Metrics {
    inner: Mutex<Inner>,
}

const HELP: &[(&str, &str, &str)] = &[
    (
        "pulpo_requests_total",
        "counter",
        "Decide requests by route, intent and HTTP status.",
    ),
    (
        "pulpo_request_duration_seconds",
        "histogram",
        "Decide latency in seconds by route.",
    ),
    (
        "pulpo_fallbacks_total",
        "counter",
        "Requests of the slm arm answered by the rules, by reason.",
    ),
    (
        "pulpo_schema_validation_failures_total",
        "counter",
        "Model outputs that failed their JSON schema, by stage.",
    ),
    (
        "pulpo_tool_calls_total",
        "counter",
        "Tool calls by tool and status.",
    ),
    (
        "pulpo_tool_duration_seconds",
        "histogram",
        "Tool call latency in seconds by tool.",
    ),
    (
        "pulpo_http_errors_total",
        "counter",
        "Requests refused with a problem response, by code.",
    ),
    (
        "pulpo_model_queue_depth",
        "gauge",
        "Requests waiting for the model.",
    ),
    (
        "pulpo_model_inflight",
        "gauge",
        "Requests being run by the model.",
    ),
    (
        "pulpo_build_info",
        "gauge",
        "Always 1; the labels say which build and model answer.",
    ),
    (
        "pulpo_breaker_open",
        "gauge",
        "1 when a tool's circuit breaker is open.",
    ),
    (
        "pulpo_shadow_comparisons_total",
        "counter",
        "Shadow comparisons by intent agreement.",
    ),
    (
        "pulpo_shadow_slot_disagreements_total",
        "counter",
        "Shadow slot disagreements by slot.",
    ),
    (
        "pulpo_shadow_skipped_total",
        "counter",
        "Shadow runs skipped because the model was busy.",
    ),
    (
        "pulpo_stage_duration_seconds",
        "histogram",
        "Latency of pipeline stages in seconds.",
    ),
    (
        "pulpo_flag_changes_total",
        "counter",
        "Runtime flag changes.",
    ),
];

fn lock(m: &Mutex<Inner>) -> std::sync::MutexGuard<'_, Inner> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn trim<T>(q: &mut VecDeque<T>, at: impl Fn(&T) -> Instant, now: Instant) {
    while q.len() > MAX_SAMPLES
        || q.front()
            .is_some_and(|s| now.duration_since(at(s)) > WINDOW)
    {
        q.pop_front();
    }
}

impl Metrics {
    pub fn inc(&self, name: &'static str, labels: Labels) {
        self.add(name, labels, 1);
    }

    pub fn add(&self, name: &'static str, labels: Labels, n: u64) {
        *lock(&self.inner)
            .counters
            .entry((name, labels))
            .or_default() += n;
    }

    pub fn set_gauge(&self, name: &'static str, labels: Labels, v: f64) {
        lock(&self.inner).gauges.insert((name, labels), v);
    }

    /// Records a duration given in milliseconds into a histogram in seconds.
    pub fn observe_ms(&self, name: &'static str, labels: Labels, ms: f64) {
        self.observe(name, labels, ms / 1000.0);
    }

    pub fn observe(&self, name: &'static str, labels: Labels, v: f64) {
        lock(&self.inner)
            .histograms
            .entry((name, labels))
            .or_default()
            .observe(v);
    }

    pub fn counter(&self, name: &'static str, labels: &Labels) -> u64 {
        lock(&self.inner)
            .counters
            .get(&(name, labels.clone()))
            .copied()
            .unwrap_or(0)
    }

    /// Sum of a counter over all label sets.
    pub fn counter_total(&self, name: &'static str) -> u64 {
        lock(&self.inner)
            .counters
            .iter()
            .filter(|((n, _), _)| *n == name)
            .map(|(_, v)| *v)
            .sum()
    }

    pub fn record_request(&self, s: RequestSample) {
        let mut g = lock(&self.inner);
        let now = s.at;
        g.requests.push_back(s);
        trim(&mut g.requests, |x| x.at, now);
    }

    pub fn record_tool(&self, ok: bool) {
        let mut g = lock(&self.inner);
        let now = Instant::now();
        g.tools.push_back(ToolSample { at: now, ok });
        trim(&mut g.tools, |x| x.at, now);
    }

    pub fn record_shadow(&self, intent_agrees: bool, slot_agrees: bool, latency_ms: f64) {
        let mut g = lock(&self.inner);
        let now = Instant::now();
        g.shadow.push_back(ShadowSample {
            at: now,
            intent_agrees,
            slot_agrees,
            latency_ms,
        });
        trim(&mut g.shadow, |x| x.at, now);
    }

    /// Statistics over the last `minutes` for `/admin/stats`.
    pub fn window(&self, minutes: u64) -> WindowStats {
        let g = lock(&self.inner);
        let now = Instant::now();
        let horizon = Duration::from_secs(minutes.max(1) * 60);
        let recent: Vec<&RequestSample> = g
            .requests
            .iter()
            .filter(|s| now.duration_since(s.at) <= horizon)
            .collect();
        let mut routes = BTreeMap::new();
        for route in ["slm", "legacy"] {
            let mut lat: Vec<f64> = recent
                .iter()
                .filter(|s| s.route == route)
                .map(|s| s.latency_ms)
                .collect();
            lat.sort_by(f64::total_cmp);
            let fallbacks = recent
                .iter()
                .filter(|s| s.route == route && s.fallback.is_some())
                .count();
            routes.insert(
                route,
                RouteStats {
                    requests: lat.len(),
                    p50_ms: percentile(&lat, 0.50),
                    p90_ms: percentile(&lat, 0.90),
                    p99_ms: percentile(&lat, 0.99),
                    fallbacks,
                },
            );
        }
        let mut by_reason: BTreeMap<String, usize> = BTreeMap::new();
        for s in &recent {
            if let Some(r) = &s.fallback {
                *by_reason.entry(r.clone()).or_default() += 1;
            }
        }
        let errors = recent.iter().filter(|s| s.status >= 500).count();
        let schema_invalid = recent.iter().filter(|s| s.schema_invalid).count();
        let slm_requests = routes.get("slm").map(|r| r.requests).unwrap_or(0);
        let tools: Vec<&ToolSample> = g
            .tools
            .iter()
            .filter(|s| now.duration_since(s.at) <= horizon)
            .collect();
        let shadow: Vec<&ShadowSample> = g
            .shadow
            .iter()
            .filter(|s| now.duration_since(s.at) <= horizon)
            .collect();
        let mut shadow_lat: Vec<f64> = shadow.iter().map(|s| s.latency_ms).collect();
        shadow_lat.sort_by(f64::total_cmp);
        // Latency series per minute for the page's plot.
        let mut series = Vec::new();
        for m in (0..minutes.max(1)).rev() {
            let lo = Duration::from_secs(m * 60);
            let hi = Duration::from_secs((m + 1) * 60);
            let mut point = SeriesPoint {
                minutes_ago: m,
                ..Default::default()
            };
            for route in ["slm", "legacy"] {
                let mut lat: Vec<f64> = recent
                    .iter()
                    .filter(|s| s.route == route)
                    .filter(|s| {
                        let age = now.duration_since(s.at);
                        age >= lo && age < hi
                    })
                    .map(|s| s.latency_ms)
                    .collect();
                lat.sort_by(f64::total_cmp);
                let p90 = percentile(&lat, 0.90);
                if route == "slm" {
                    point.slm_p90_ms = p90;
                    point.slm_requests = lat.len();
                } else {
                    point.legacy_p90_ms = p90;
                    point.legacy_requests = lat.len();
                }
            }
            series.push(point);
        }
        WindowStats {
            minutes,
            requests: recent.len(),
            errors,
            error_rate: ratio(errors, recent.len()),
            slm_share: ratio(slm_requests, recent.len()),
            routes,
            fallbacks_by_reason: by_reason,
            schema_invalid,
            schema_invalid_rate: ratio(schema_invalid, slm_requests),
            tool_calls: tools.len(),
            tool_success_rate: if tools.is_empty() {
                None
            } else {
                Some(ratio(tools.iter().filter(|t| t.ok).count(), tools.len()))
            },
            shadow: ShadowStats {
                comparisons: shadow.len(),
                intent_agreement: if shadow.is_empty() {
                    None
                } else {
                    Some(ratio(
                        shadow.iter().filter(|s| s.intent_agrees).count(),
                        shadow.len(),
                    ))
                },
                slot_agreement: if shadow.is_empty() {
                    None
                } else {
                    Some(ratio(
                        shadow.iter().filter(|s| s.slot_agrees).count(),
                        shadow.len(),
                    ))
                },
                p90_ms: percentile(&shadow_lat, 0.90),
            },
            series,
        }
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let g = lock(&self.inner);
        let mut out = String::new();
        let fmt_labels = |labels: &Labels, extra: Option<(&str, String)>| -> String {
            let mut parts: Vec<String> = labels
                .iter()
                .map(|(k, v)| format!("{k}=\"{}\"", escape(v)))
                .collect();
            if let Some((k, v)) = extra {
                parts.push(format!("{k}=\"{v}\""));
            }
            if parts.is_empty() {
                String::new()
            } else {
                format!("{{{}}}", parts.join(","))
            }
        };
        for (name, kind, help) in HELP {
            let _ = writeln!(out, "# HELP {name} {help}");
            let _ = writeln!(out, "# TYPE {name} {kind}");
            match *kind {
                "counter" => {
                    for ((n, labels), v) in &g.counters {
                        if n == name {
                            let _ = writeln!(out, "{name}{} {v}", fmt_labels(labels, None));
                        }
                    }
                }
                "gauge" => {
                    for ((n, labels), v) in &g.gauges {
                        if n == name {
                            let _ = writeln!(out, "{name}{} {v}", fmt_labels(labels, None));
                        }
                    }
                }
                _ => {
                    for ((n, labels), h) in &g.histograms {
                        if n != name {
                            continue;
                        }
                        for (i, b) in BUCKETS.iter().enumerate() {
                            let c = h.counts.get(i).copied().unwrap_or(0);
                            let _ = writeln!(
                                out,
                                "{name}_bucket{} {c}",
                                fmt_labels(labels, Some(("le", format!("{b}"))))
                            );
                        }
                        let _ = writeln!(
                            out,
                            "{name}_bucket{} {}",
                            fmt_labels(labels, Some(("le", "+Inf".into()))),
                            h.count
                        );
                        let _ = writeln!(out, "{name}_sum{} {}", fmt_labels(labels, None), h.sum);
                        let _ =
                            writeln!(out, "{name}_count{} {}", fmt_labels(labels, None), h.count);
                    }
                }
            }
        }
        out
    }
}

fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Nearest-rank percentile of sorted values; 0 when empty.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct RouteStats {
    pub requests: usize,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub fallbacks: usize,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct ShadowStats {
    pub comparisons: usize,
    pub intent_agreement: Option<f64>,
    pub slot_agreement: Option<f64>,
    pub p90_ms: f64,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct SeriesPoint {
    pub minutes_ago: u64,
    pub slm_p90_ms: f64,
    pub legacy_p90_ms: f64,
    pub slm_requests: usize,
    pub legacy_requests: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct WindowStats {
    pub minutes: u64,
    pub requests: usize,
    pub errors: usize,
    pub error_rate: f64,
    pub slm_share: f64,
    pub routes: BTreeMap<&'static str, RouteStats>,
    pub fallbacks_by_reason: BTreeMap<String, usize>,
    pub schema_invalid: usize,
    pub schema_invalid_rate: f64,
    pub tool_calls: usize,
    pub tool_success_rate: Option<f64>,
    pub shadow: ShadowStats,
    pub series: Vec<SeriesPoint>,
}

/// One of the runbook's alerts over a window.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Alert {
    /// Stable id (`slm_p90`, `legacy_p90`, `error_rate`, `schema_failures`, `route_share`,
    /// `tool_success`).
    pub id: &'static str,
    /// The rule, in the runbook's words.
    pub rule: &'static str,
    pub firing: bool,
    /// What the window measured, for people.
    pub value: String,
}

/// The runbook's alert thresholds (`docs/operations.md`, "Metrics to watch").
pub const SLM_P90_ALERT_MS: f64 = 2000.0;
pub const LEGACY_P90_ALERT_MS: f64 = 1500.0;
pub const ERROR_RATE_ALERT: f64 = 0.05;
pub const SCHEMA_FAILURE_ALERT: f64 = 0.10;
pub const TOOL_SUCCESS_ALERT: f64 = 0.90;

impl WindowStats {
    /// The runbook's alerts over this window. `target_share` is the model route's intended
    /// share (the canary, 0 when the model path is off).
    pub fn alerts(&self, target_share: f64) -> Vec<Alert> {
        let pct = |x: f64| format!("{:.1}%", 100.0 * x);
        let p90 = |route: &str, limit: f64, id: &'static str, rule: &'static str| {
            let r = self.routes.get(route).cloned().unwrap_or_default();
            Alert {
                id,
                rule,
                firing: r.requests > 0 && r.p90_ms > limit,
                value: if r.requests == 0 {
                    "no traffic".into()
                } else {
                    format!("{:.0} ms", r.p90_ms)
                },
            }
        };
        vec![
            p90(
                "slm",
                SLM_P90_ALERT_MS,
                "slm_p90",
                "SLM latency p90 > 2000 ms",
            ),
            p90(
                "legacy",
                LEGACY_P90_ALERT_MS,
                "legacy_p90",
                "legacy latency p90 > 1500 ms",
            ),
            Alert {
                id: "error_rate",
                rule: "error rate (5xx) > 5%",
                firing: self.error_rate > ERROR_RATE_ALERT,
                value: pct(self.error_rate),
            },
            Alert {
                id: "schema_failures",
                rule: "schema validation failures > 10% of model-route requests",
                firing: self.schema_invalid_rate > SCHEMA_FAILURE_ALERT,
                value: pct(self.schema_invalid_rate),
            },
            Alert {
                id: "route_share",
                rule: "model-route share 0% or above twice the canary",
                firing: target_share > 0.0
                    && self.requests > 0
                    && (self.slm_share == 0.0 || self.slm_share > 2.0 * target_share),
                // Measured / intended.
                value: format!("{} / {}", pct(self.slm_share), pct(target_share)),
            },
            Alert {
                id: "tool_success",
                rule: "tool success < 90%",
                firing: self
                    .tool_success_rate
                    .is_some_and(|r| r < TOOL_SUCCESS_ALERT),
                value: self
                    .tool_success_rate
                    .map(pct)
                    .unwrap_or_else(|| "no calls".into()),
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(route: &'static str, status: u16, ms: f64, schema_invalid: bool) -> RequestSample {
        RequestSample {
            at: Instant::now(),
            route,
            status,
            latency_ms: ms,
            fallback: None,
            schema_invalid,
        }
    }

    fn firing(m: &Metrics, target: f64) -> Vec<&'static str> {
        m.window(5)
            .alerts(target)
            .into_iter()
            .filter(|a| a.firing)
            .map(|a| a.id)
            .collect()
    }

    #[test]
    fn each_runbook_alert_fires_past_its_threshold_and_not_before() {
        let m = Metrics::default();
        // 90 quick requests on each route, 10% on the model route: nothing fires.
        for _ in 0..90 {
            m.record_request(sample("legacy", 200, 100.0, false));
        }
        for _ in 0..10 {
            m.record_request(sample("slm", 200, 800.0, false));
        }
        for _ in 0..20 {
            m.record_tool(true);
        }
        assert!(
            firing(&m, 0.10).is_empty(),
            "{:?}",
            m.window(5).alerts(0.10)
        );
        // The model route's share far from the canary.
        assert_eq!(firing(&m, 0.02), vec!["route_share"]);
        // Slow legacy answers.
        for _ in 0..20 {
            m.record_request(sample("legacy", 200, 1800.0, false));
        }
        assert_eq!(firing(&m, 0.10), vec!["legacy_p90"]);
        // Slow model answers, failed schemas.
        let m = Metrics::default();
        for _ in 0..10 {
            m.record_request(sample("slm", 200, 2500.0, true));
        }
        assert_eq!(firing(&m, 1.0), vec!["slm_p90", "schema_failures"]);
        // Server errors (the API records them with route "none") and failing tools.
        let m = Metrics::default();
        for _ in 0..30 {
            m.record_request(sample("legacy", 200, 10.0, false));
        }
        // 1 in 31 (3.2%), then 2 in 32 (6.3%).
        m.record_request(sample("none", 503, 1.0, false));
        assert!(firing(&m, 0.0).is_empty());
        m.record_request(sample("none", 500, 1.0, false));
        for ok in [true, false] {
            m.record_tool(ok);
        }
        assert_eq!(firing(&m, 0.0), vec!["error_rate", "tool_success"]);
    }

    #[test]
    fn renders_prometheus_text() {
        let m = Metrics::default();
        m.inc(
            "pulpo_requests_total",
            vec![
                ("route", "legacy".into()),
                ("intent", "book".into()),
                ("status", "200".into()),
            ],
        );
        m.observe_ms(
            "pulpo_request_duration_seconds",
            vec![("route", "legacy".into())],
            3.0,
        );
        let text = m.render();
        assert!(text
            .contains("pulpo_requests_total{route=\"legacy\",intent=\"book\",status=\"200\"} 1"));
        assert!(
            text.contains("pulpo_request_duration_seconds_bucket{route=\"legacy\",le=\"0.005\"} 1")
        );
        assert!(text
            .contains("pulpo_request_duration_seconds_bucket{route=\"legacy\",le=\"0.0025\"} 0"));
        assert!(text.contains("pulpo_request_duration_seconds_count{route=\"legacy\"} 1"));
    }

    #[test]
    fn window_percentiles() {
        let m = Metrics::default();
        for i in 1..=100 {
            m.record_request(RequestSample {
                at: Instant::now(),
                route: "legacy",
                status: 200,
                latency_ms: i as f64,
                fallback: None,
                schema_invalid: false,
            });
        }
        let w = m.window(5);
        let r = &w.routes["legacy"];
        assert_eq!(r.requests, 100);
        assert_eq!(r.p50_ms, 50.0);
        assert_eq!(r.p90_ms, 90.0);
        assert_eq!(r.p99_ms, 99.0);
        assert_eq!(w.slm_share, 0.0);
    }

    #[test]
    fn label_values_are_escaped() {
        let m = Metrics::default();
        m.inc("pulpo_http_errors_total", vec![("code", "a\"b\nc".into())]);
        assert!(m.render().contains(r#"code="a\"b\nc""#));
    }
}
