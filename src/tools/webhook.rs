//! A tool behind an HTTP endpoint: POST JSON `{tool, args, workspace_id, conversation_id,
//! request_id}`, expect JSON shaped like the built-in tool's observation (see
//! `docs/tools.md`). Connection failures, timeouts and 5xx are retryable; 4xx and malformed
//! replies are not.
//!
//! A workspace file names the URL, so it is not trusted with the host's network: targets on
//! loopback, link-local (cloud metadata), private and unique-local ranges are refused unless
//! the tool says `allow_private_network = true` (an n8n on the same host) — checked on the
//! address actually connected to (a DNS name that resolves there is refused too), redirects
//! to another origin are not followed (headers carry secrets), the reply is cut at its size
//! limit while it streams in, and no error names the URL (query strings carry tokens).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;

use super::{Tool, ToolContext, ToolError};
use crate::domain::actions::{Observation, ToolCall};
use crate::domain::catalog::WebhookToolFile;

pub struct WebhookTool {
    spec: WebhookToolFile,
    client: reqwest::Client,
}

/// Largest webhook reply read, in bytes (a reply is a small JSON object).
const MAX_REPLY_BYTES: usize = 256 * 1024;
/// Redirects followed within the same origin.
const MAX_REDIRECTS: usize = 3;

/// Whether an address is one a webhook may not reach without the workspace opting in.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || o[0] == 0
                || (o[0] == 100 && (o[1] & 0xc0) == 64) // 100.64.0.0/10, carrier-grade NAT
                || o[0] >= 240
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_private(IpAddr::V4(v4));
            }
            let seg = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (seg[0] & 0xfe00) == 0xfc00 // fc00::/7 unique local
                || (seg[0] & 0xffc0) == 0xfe80 // fe80::/10 link local
        }
    }
}

fn refused(ip: IpAddr) -> String {
    format!(
        "refused: {ip} is a private network address (set allow_private_network = true on the tool to allow it)"
    )
}

/// Resolves names with the system resolver and keeps only public addresses.
struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let public: Vec<SocketAddr> = addrs
                .iter()
                .copied()
                .filter(|a| !is_private(a.ip()))
                .collect();
            match (public.is_empty(), addrs.first()) {
                (true, Some(a)) => Err(refused(a.ip()).into()),
                (true, None) => Err(format!("{host} did not resolve").into()),
                (false, _) => Ok(Box::new(public.into_iter()) as reqwest::dns::Addrs),
            }
        })
    }
}

/// The error's causes, without the URL (reqwest puts the URL, query string included, in
/// its messages).
fn describe(e: reqwest::Error) -> String {
    let e = e.without_url();
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    scrub_urls(&parts.join(": "))
}

/// Replaces anything that looks like a URL with `<url>`.
pub fn scrub_urls(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            if w.contains("://") || w.contains("?") && w.contains('=') {
                "<url>"
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl WebhookTool {
    /// A client of its own: the network policy and the redirect rule are per tool.
    pub fn new(spec: WebhookToolFile, timeout: Duration) -> Result<Self, String> {
        let mut b = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(2)))
            .pool_max_idle_per_host(8)
            .redirect(reqwest::redirect::Policy::custom(|attempt| {
                let same_origin = attempt.previous().first().is_some_and(|first| {
                    first.scheme() == attempt.url().scheme()
                        && first.host_str() == attempt.url().host_str()
                        && first.port_or_known_default() == attempt.url().port_or_known_default()
                });
                if same_origin && attempt.previous().len() <= MAX_REDIRECTS {
                    attempt.follow()
                } else {
                    attempt.stop()
                }
            }));
        if !spec.allow_private_network {
            b = b.dns_resolver(Arc::new(PublicOnly));
        }
        let client = b
            .build()
            .map_err(|e| format!("http client for tool `{}`: {e}", spec.name))?;
        Ok(WebhookTool { spec, client })
    }

    /// An address written in the URL itself skips DNS: check it here.
    fn check_literal_host(&self) -> Result<(), ToolError> {
        if self.spec.allow_private_network {
            return Ok(());
        }
        let url = reqwest::Url::parse(&self.spec.url)
            .map_err(|e| ToolError::Rejected(format!("the tool's URL is invalid: {e}")))?;
        let ip = url
            .host_str()
            .map(|h| h.trim_start_matches('[').trim_end_matches(']'))
            .and_then(|h| h.parse::<IpAddr>().ok());
        match ip {
            Some(ip) if is_private(ip) => Err(ToolError::Rejected(refused(ip))),
            _ => Ok(()),
        }
    }
}

#[async_trait]
impl Tool for WebhookTool {
    async fn call(&self, ctx: &ToolContext, call: &ToolCall) -> Result<Observation, ToolError> {
        self.check_literal_host()?;
        let body = serde_json::json!({
            "tool": call.name().as_str(),
            "args": call.args_json(),
            "workspace_id": ctx.ws.id,
            "conversation_id": ctx.conversation_id,
            "request_id": ctx.request_id,
        });
        let mut req = self.client.post(&self.spec.url).json(&body);
        if let Some(ms) = self.spec.timeout_ms {
            req = req.timeout(Duration::from_millis(ms));
        }
        for (k, v) in &self.spec.headers {
            req = req.header(k, v);
        }
        let mut resp = req.send().await.map_err(|e| {
            if e.is_timeout() {
                ToolError::Timeout(self.spec.timeout_ms.unwrap_or(0))
            } else {
                let text = describe(e);
                if text.contains("refused: ") && text.contains("private network") {
                    ToolError::Rejected(text)
                } else {
                    ToolError::Unavailable(text)
                }
            }
        })?;
        let status = resp.status();
        if status.is_server_error() || status.as_u16() == 429 {
            return Err(ToolError::Unavailable(format!("HTTP {status}")));
        }
        if !status.is_success() {
            return Err(ToolError::Rejected(format!("HTTP {status}")));
        }
        let too_big = |n: u64| {
            ToolError::Rejected(format!(
                "reply of {n} bytes or more exceeds {MAX_REPLY_BYTES}"
            ))
        };
        if let Some(len) = resp.content_length() {
            if len > MAX_REPLY_BYTES as u64 {
                return Err(too_big(len));
            }
        }
        let mut bytes: Vec<u8> = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| {
            if e.is_timeout() {
                ToolError::Timeout(self.spec.timeout_ms.unwrap_or(0))
            } else {
                ToolError::Unavailable(format!("reading reply: {}", describe(e)))
            }
        })? {
            if bytes.len() + chunk.len() > MAX_REPLY_BYTES {
                return Err(too_big((bytes.len() + chunk.len()) as u64));
            }
            bytes.extend_from_slice(&chunk);
        }
        serde_json::from_slice::<Observation>(&bytes).map_err(|e| {
            ToolError::Rejected(format!(
                "reply is not a {} observation: {e}",
                call.name().as_str()
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_ranges_are_recognized() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(is_private(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["8.8.8.8", "1.1.1.1", "2606:4700::1111", "172.32.0.1"] {
            assert!(!is_private(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn urls_are_scrubbed_from_errors() {
        let s = scrub_urls("error sending request for url (http://h/x?token=abc): refused");
        assert!(!s.contains("token"), "{s}");
    }
}
