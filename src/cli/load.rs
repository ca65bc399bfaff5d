//! `pulpo load`: a bounded load test against a Pulpo on loopback. Keeps `concurrency`
//! connections busy with realistic messages (short multi-turn conversations) for at most
//! `requests` requests or `duration` (closed loop: the saturation throughput), or sends them
//! at `rate` per second with random (Poisson) arrivals whatever the answers take (open loop:
//! what a given traffic level gets), and reports throughput, status codes, fallback reasons
//! and latency percentiles per route.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use serde::Serialize;

use crate::telemetry::metrics::percentile;

#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub url: String,
    pub key: String,
    pub workspace: String,
    pub concurrency: usize,
    pub requests: usize,
    pub duration: Duration,
    /// Prefix of conversation ids (the canary hashes them: vary it to move the route mix).
    pub conversation_prefix: String,
    /// Open loop: requests per second, arriving at random (each in a new conversation, so
    /// none waits for its conversation's previous turn). `None`: closed loop.
    pub rate: Option<f64>,
}

#[derive(Debug, Default, Serialize)]
pub struct RouteReport {
    pub requests: usize,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub fallbacks: BTreeMap<String, usize>,
}

#[derive(Debug, Serialize)]
pub struct LoadReport {
    pub requests: usize,
    pub seconds: f64,
    pub requests_per_second: f64,
    pub statuses: BTreeMap<u16, usize>,
    pub transport_errors: usize,
    pub routes: BTreeMap<String, RouteReport>,
}

#[derive(Default)]
struct Samples {
    by_route: BTreeMap<String, Vec<f64>>,
    fallbacks: BTreeMap<String, BTreeMap<String, usize>>,
    statuses: BTreeMap<u16, usize>,
    transport_errors: usize,
}

/// Refuses anything but loopback: a load test must never be pointed at someone else.
pub fn check_loopback(url: &str) -> anyhow::Result<()> {
    let parsed = reqwest::Url::parse(url).context("--url is not a URL")?;
    let host = parsed.host_str().unwrap_or("");
    let ok =
        matches!(host, "localhost" | "127.0.0.1" | "[::1]" | "::1") || host.starts_with("127.");
    anyhow::ensure!(
        ok,
        "refusing to load-test `{host}`: only loopback targets are allowed"
    );
    Ok(())
}

pub async fn run(opts: LoadOptions) -> anyhow::Result<LoadReport> {
    check_loopback(&opts.url)?;
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(opts.concurrency)
        .timeout(Duration::from_secs(30))
        .build()?;
    let messages = super::budgets::messages();
    let issued = Arc::new(AtomicUsize::new(0));
    let samples = Arc::new(Mutex::new(Samples::default()));
    let started = Instant::now();
    let deadline = started + opts.duration;
    let endpoint = format!("{}/v1/decide", opts.url.trim_end_matches('/'));
    let mut tasks = Vec::new();
    if let Some(rate) = opts.rate {
        anyhow::ensure!(rate > 0.0 && rate.is_finite(), "--rate must be above 0");
        // Exponential gaps from a fixed seed: the same arrival pattern on every run.
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = started;
        for n in 0..opts.requests {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let u = ((seed >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
            next += Duration::from_secs_f64(-u.ln() / rate);
            if next >= deadline {
                break;
            }
            tokio::time::sleep_until(next.into()).await;
            let conv = format!("{}-open-{n}", opts.conversation_prefix);
            let text = messages[n % messages.len()].clone();
            let (client, opts, endpoint, samples) = (
                client.clone(),
                opts.clone(),
                endpoint.clone(),
                samples.clone(),
            );
            tasks.push(tokio::spawn(async move {
                one(&client, &endpoint, &opts, &conv, n, &text, &samples).await
            }));
        }
    } else {
        for w in 0..opts.concurrency.max(1) {
            let (client, opts, messages, issued, samples, endpoint) = (
                client.clone(),
                opts.clone(),
                messages.clone(),
                issued.clone(),
                samples.clone(),
                endpoint.clone(),
            );
            tasks.push(tokio::spawn(async move {
                loop {
                    let n = issued.fetch_add(1, Ordering::Relaxed);
                    if n >= opts.requests || Instant::now() >= deadline {
                        break;
                    }
                    // Short conversations: three messages each, then a new one.
                    let conv = format!("{}-{w}-{}", opts.conversation_prefix, n / 3);
                    let text = &messages[n % messages.len()];
                    one(&client, &endpoint, &opts, &conv, n, text, &samples).await;
                }
            }));
        }
    }
    for t in tasks {
        t.await?;
    }
    let seconds = started.elapsed().as_secs_f64();
    let s = Arc::try_unwrap(samples)
        .ok()
        .and_then(|m| m.into_inner().ok())
        .unwrap_or_default();
    let total: usize = s.statuses.values().sum::<usize>() + s.transport_errors;
    let mut routes = BTreeMap::new();
    for (route, mut lat) in s.by_route {
        lat.sort_by(f64::total_cmp);
        routes.insert(
            route.clone(),
            RouteReport {
                requests: lat.len(),
                p50_ms: round(percentile(&lat, 0.5)),
                p90_ms: round(percentile(&lat, 0.9)),
                p99_ms: round(percentile(&lat, 0.99)),
                max_ms: round(lat.last().copied().unwrap_or(0.0)),
                fallbacks: s.fallbacks.get(&route).cloned().unwrap_or_default(),
            },
        );
    }
    Ok(LoadReport {
        requests: total,
        seconds: round(seconds),
        requests_per_second: round(total as f64 / seconds.max(1e-9)),
        statuses: s.statuses,
        transport_errors: s.transport_errors,
        routes,
    })
}

/// One request, recorded.
async fn one(
    client: &reqwest::Client,
    endpoint: &str,
    opts: &LoadOptions,
    conv: &str,
    n: usize,
    text: &str,
    samples: &Mutex<Samples>,
) {
    let body = serde_json::json!({
        "workspace_id": opts.workspace,
        "conversation_id": conv,
        "message": {"id": format!("load-{n}"), "text": text},
    });
    let t = Instant::now();
    let resp = client
        .post(endpoint)
        .bearer_auth(&opts.key)
        .json(&body)
        .send()
        .await;
    let outcome = match resp {
        Ok(r) => {
            let status = r.status().as_u16();
            let v: serde_json::Value = r.json().await.unwrap_or_default();
            Some((status, v))
        }
        Err(_) => None,
    };
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let mut s = samples.lock().unwrap_or_else(|p| p.into_inner());
    match outcome {
        Some((status, v)) => {
            *s.statuses.entry(status).or_default() += 1;
            let route = v["route"]
                .as_str()
                .map(String::from)
                .unwrap_or_else(|| format!("http_{status}"));
            s.by_route.entry(route.clone()).or_default().push(ms);
            if let Some(f) = v["fallback_reason"].as_str() {
                *s.fallbacks
                    .entry(route)
                    .or_default()
                    .entry(f.to_string())
                    .or_default() += 1;
            }
        }
        None => s.transport_errors += 1,
    }
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `pulpo load`.
pub fn run_command(args: &super::args::LoadArgs) -> anyhow::Result<()> {
    let report = super::runtime()?.block_on(run(LoadOptions {
        url: args.url.clone(),
        key: args.key.clone(),
        workspace: args.workspace.clone(),
        concurrency: args.concurrency,
        requests: args.requests,
        duration: Duration::from_secs(args.seconds),
        conversation_prefix: args.prefix.clone(),
        rate: args.rate,
    }))?;
    super::emit(serde_json::to_string_pretty(&report)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_targets() {
        assert!(check_loopback("http://127.0.0.1:8080").is_ok());
        assert!(check_loopback("http://localhost:1").is_ok());
        assert!(check_loopback("http://example.com").is_err());
        assert!(check_loopback("http://10.0.0.1:8080").is_err());
    }
}
