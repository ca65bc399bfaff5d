//! Planning under the policy: whoever proposes a step (the model, the rules), it runs only
//! if the policy accepts it; a refused step is replaced by the rules' plan, or by a plain
//! "no te entendí" when that is refused too. After a tool observation of a flow, the next
//! step comes from the state.

use crate::domain::actions::{ToolCall, ToolName};
use crate::domain::plan::{Plan, ReplyTopic};
use crate::domain::policy::{self, Violation};

use super::PlanInput;

/// Most tool calls one turn may make (a flow needs at most find → check → …).
pub const MAX_STEPS: usize = 4;

/// What the policy said about a proposed step.
#[derive(Debug, Clone, PartialEq)]
pub enum Checked {
    /// The step may run as proposed.
    Accepted(Plan),
    /// The policy refused it; this is what runs instead.
    Replaced { refused: Violation, instead: Plan },
}

impl Checked {
    pub fn plan(&self) -> &Plan {
        match self {
            Checked::Accepted(p) | Checked::Replaced { instead: p, .. } => p,
        }
    }

    pub fn into_plan(self) -> Plan {
        match self {
            Checked::Accepted(p) | Checked::Replaced { instead: p, .. } => p,
        }
    }
}

/// Checks a step against the policy; a refused step becomes the rules' plan (when the
/// policy accepts that one and it differs), else the "unclear" reply.
pub fn checked(step: Plan, input: &PlanInput) -> Checked {
    match policy::check(&step, input.state, input.extraction, input.ws) {
        Ok(()) => Checked::Accepted(step),
        Err(v) => {
            let safe = super::rules::plan(input);
            let ok = policy::check(&safe, input.state, input.extraction, input.ws).is_ok();
            let instead = if ok && safe != step {
                safe
            } else {
                Plan::Reply(ReplyTopic::Unclear)
            };
            Checked::Replaced {
                refused: v,
                instead,
            }
        }
    }
}

/// The step after a tool ran: a flow continues from what the lookup or the availability
/// check found, and from a booking made when the message asked for another visit after it;
/// any other tool's answer is the reply.
pub fn after(call: &ToolCall, observed: bool, input: &PlanInput) -> Option<Plan> {
    let follows = observed
        && input.state.flow.is_some()
        && (matches!(
            call.name(),
            ToolName::CheckAvailability | ToolName::FindBookings
        ) || (matches!(
            call.name(),
            ToolName::CreateBooking | ToolName::RescheduleBooking
        ) && input.state.visit_queued)
            || (call.name() == ToolName::CancelBooking && input.state.cancel_confirmed));
    follows.then(|| super::rules::plan_flow(input))
}

/// Whether one more tool call may run this turn: under the step limit, and not the very
/// call that just ran (a loop).
pub fn may_run(call: &ToolCall, done: usize, last: Option<&ToolCall>) -> bool {
    done < MAX_STEPS && last != Some(call)
}
