//! Planners: the next step of a turn. [`rules::plan`] is the legacy planner and the fallback;
//! [`slm::SlmPlanner`] proposes a step with the on-box model under `schemas/planner_v1.json`.
//! Whatever proposes a step, the policy engine decides whether it may run.

pub mod rules;
pub mod slm;
pub mod steps;

use crate::domain::catalog::Workspace;
use crate::domain::state::ConversationState;
use crate::nlu::Extraction;

/// Everything a planner may look at.
#[derive(Debug, Clone, Copy)]
pub struct PlanInput<'a> {
    pub ws: &'a Workspace,
    pub state: &'a ConversationState,
    pub extraction: &'a Extraction,
    /// Idempotency key of the message being answered (for create_booking).
    pub message_key: &'a str,
}
