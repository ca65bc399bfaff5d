//! A plan step: what the turn does next. Both planners (rules, model) produce these; the
//! policy checks them; the pipeline carries them out.

use serde::{Deserialize, Serialize};

use crate::domain::actions::{ToolCall, ToolName};
use crate::domain::understanding::SlotName;

/// Canned replies that need no tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyTopic {
    Greeting,
    Thanks,
    Address,
    Payment,
    /// The customer said no, or let the flow go ("no, dejá"): it ends, nothing stays
    /// pending ("no, a las 12" is a correction instead).
    Dropped,
    /// A plain "ok"/"sí" with nothing pending.
    Ack,
    /// The message was not understood.
    Unclear,
    /// The service asked for is not in the catalog.
    UnknownService,
    /// A booking already made in this conversation is not the one asked about.
    NothingToConfirm,
    /// Bookings are only shown or changed for a known channel identity: a person helps.
    IdentityUnknown,
    /// Too many booking codes that matched nothing: a person helps.
    TooManyCodes,
    /// Asked for a booking code, the customer has none, and this number has no bookings: a
    /// person helps.
    NoCode,
    /// Who does the service asked about (or everyone who works there).
    Staff,
    /// A goodbye.
    Farewell,
    /// The customer is on the way or running late: noted, the booking stays as it is.
    Late,
    /// The business's own answer to the question (`[[faq]]`).
    Faq,
    /// A question about the customer's own case: someone of the team answers it.
    Expert,
    /// "una consulta": go ahead, what is it?
    GoAhead,
    /// "¿a qué hora termino?": when the visit on the table (or just booked) ends.
    EndsAt,
}

impl ReplyTopic {
    pub const ALL: [ReplyTopic; 19] = [
        ReplyTopic::Greeting,
        ReplyTopic::Thanks,
        ReplyTopic::Address,
        ReplyTopic::Payment,
        ReplyTopic::Dropped,
        ReplyTopic::Ack,
        ReplyTopic::Unclear,
        ReplyTopic::UnknownService,
        ReplyTopic::NothingToConfirm,
        ReplyTopic::IdentityUnknown,
        ReplyTopic::TooManyCodes,
        ReplyTopic::NoCode,
        ReplyTopic::Staff,
        ReplyTopic::Farewell,
        ReplyTopic::Late,
        ReplyTopic::Faq,
        ReplyTopic::Expert,
        ReplyTopic::GoAhead,
        ReplyTopic::EndsAt,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReplyTopic::Greeting => "greeting",
            ReplyTopic::Thanks => "thanks",
            ReplyTopic::Address => "address",
            ReplyTopic::Payment => "payment",
            ReplyTopic::Dropped => "dropped",
            ReplyTopic::Ack => "ack",
            ReplyTopic::GoAhead => "go_ahead",
            ReplyTopic::Unclear => "unclear",
            ReplyTopic::UnknownService => "unknown_service",
            ReplyTopic::NothingToConfirm => "nothing_to_confirm",
            ReplyTopic::IdentityUnknown => "identity_unknown",
            ReplyTopic::TooManyCodes => "too_many_codes",
            ReplyTopic::NoCode => "no_code",
            ReplyTopic::Staff => "staff",
            ReplyTopic::Farewell => "farewell",
            ReplyTopic::Late => "late",
            ReplyTopic::Faq => "faq",
            ReplyTopic::Expert => "expert",
            ReplyTopic::EndsAt => "ends_at",
        }
    }

    pub fn parse(s: &str) -> Option<ReplyTopic> {
        ReplyTopic::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Topics that end the flow and pass the conversation to a person.
    pub fn hands_off(self) -> bool {
        matches!(
            self,
            ReplyTopic::IdentityUnknown | ReplyTopic::TooManyCodes | ReplyTopic::NoCode
        )
    }
}

/// Why a message is politely refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefuseReason {
    Medical,
    Injection,
    OffTopic,
}

impl RefuseReason {
    pub const ALL: [RefuseReason; 3] = [
        RefuseReason::Medical,
        RefuseReason::Injection,
        RefuseReason::OffTopic,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RefuseReason::Medical => "medical",
            RefuseReason::Injection => "injection",
            RefuseReason::OffTopic => "off_topic",
        }
    }

    pub fn parse(s: &str) -> Option<RefuseReason> {
        RefuseReason::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// Run a tool now.
    Call(ToolCall),
    /// Ask the customer for one missing slot.
    Ask(SlotName),
    /// Summarise a mutation and wait for an explicit yes.
    Confirm(ToolCall),
    Reply(ReplyTopic),
    Handoff,
    Refuse(RefuseReason),
}

impl Plan {
    /// The step's name as `planner_v1.json` spells it.
    pub fn step_name(&self) -> &'static str {
        match self {
            Plan::Call(_) => "call_tool",
            Plan::Ask(_) => "ask",
            Plan::Confirm(_) => "confirm",
            Plan::Reply(_) => "reply",
            Plan::Handoff => "handoff",
            Plan::Refuse(_) => "refuse",
        }
    }

    /// The plan as JSON (the shape of `schemas/planner_v1.json`), for responses and logs.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Plan::Call(c) => {
                json!({"step": "call_tool", "tool": c.name().as_str(), "args": c.args_json()})
            }
            Plan::Ask(s) => json!({"step": "ask", "slot": s.as_str()}),
            Plan::Confirm(c) => {
                json!({"step": "confirm", "tool": c.name().as_str(), "args": c.args_json()})
            }
            Plan::Reply(t) => json!({"step": "reply", "topic": t.as_str()}),
            Plan::Handoff => json!({"step": "handoff"}),
            Plan::Refuse(r) => json!({"step": "refuse", "reason": r.as_str()}),
        }
    }

    pub fn tool(&self) -> Option<ToolName> {
        match self {
            Plan::Call(c) | Plan::Confirm(c) => Some(c.name()),
            _ => None,
        }
    }
}
