//! The v1 contract with n8n: the request and response of `POST /v1/decide`, mirrored by
//! `schemas/decide_request_v1.json` and `schemas/decide_response_v1.json`.

use serde::{Deserialize, Serialize};

use crate::domain::nlg::NextAction;
use crate::domain::understanding::{Intent, Slots};

pub const CONTRACT_VERSION: &str = "v1";

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct DecideRequest {
    pub workspace_id: String,
    pub conversation_id: String,
    pub message: IncomingMessage,
    #[serde(default)]
    pub customer: Option<Customer>,
    #[serde(default)]
    pub channel: Option<String>,
    #[serde(default)]
    pub metadata: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct IncomingMessage {
    pub id: String,
    pub text: String,
    /// RFC 3339, or Unix seconds (a number, or digits in a string, as the WhatsApp Business
    /// Cloud API sends it); the server's clock when absent.
    #[serde(default)]
    pub timestamp: Option<WireTimestamp>,
}

/// A message timestamp as channels send it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum WireTimestamp {
    Seconds(i64),
    Text(String),
}

impl WireTimestamp {
    /// The instant, or what is wrong with it. Unix seconds must fall between 2000 and 2100.
    pub fn parse(&self) -> Result<chrono::DateTime<chrono::FixedOffset>, String> {
        let seconds = |n: i64| {
            const Y2000: i64 = 946_684_800;
            const Y2100: i64 = 4_102_444_800;
            if !(Y2000..Y2100).contains(&n) {
                return Err(format!(
                    "{n} Unix seconds is not between 2000 and 2100 (milliseconds?)"
                ));
            }
            chrono::DateTime::from_timestamp(n, 0)
                .map(|d| d.fixed_offset())
                .ok_or_else(|| format!("{n} is not a valid Unix time"))
        };
        match self {
            WireTimestamp::Seconds(n) => seconds(*n),
            WireTimestamp::Text(t) if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) => t
                .parse::<i64>()
                .map_err(|e| format!("`{t}`: {e}"))
                .and_then(seconds),
            WireTimestamp::Text(t) => chrono::DateTime::parse_from_rfc3339(t).map_err(|e| {
                format!(
                    "`{}` is neither RFC 3339 nor Unix seconds: {e}",
                    t.chars().take(40).collect::<String>()
                )
            }),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Customer {
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Action {
    pub tool: String,
    pub args: serde_json::Value,
    pub status: String,
    pub latency_ms: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Reply {
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DecideResponse {
    pub contract_version: String,
    pub request_id: String,
    pub conversation_id: String,
    pub message_id: String,
    pub route: String,
    pub fallback_reason: Option<String>,
    pub intent: Intent,
    pub confidence: f32,
    pub slots: Slots,
    pub actions: Vec<Action>,
    pub reply: Reply,
    pub next_action: NextAction,
    pub latency_ms: f64,
    /// The plan's last step (for the playground and debugging).
    #[serde(default)]
    pub plan: serde_json::Value,
    /// Time per stage in ms: extract, plan, tools, nlg, store.
    #[serde(default)]
    pub timings_ms: serde_json::Map<String, serde_json::Value>,
}
