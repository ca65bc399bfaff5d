//! A flow in progress kept alive after an answer on the side ("¿y cuánto sale?", "¿aceptan
//! tarjeta?" in the middle of a booking).

use super::*;

/// What keeps a flow in progress alive after an answer on the side: the summary still
/// awaiting a yes, the second person's booking, or the question the flow is at.
pub(super) fn resume(
    ws: &Workspace,
    state: &ConversationState,
    executed: &[Executed],
) -> Option<(String, Option<NextAction>)> {
    if let Some(p) = &state.pending {
        return Some((
            confirmation(ws, state, &p.call),
            Some(NextAction::AwaitConfirmation),
        ));
    }
    if state.second_of_two {
        return Some((second_of_two(ws, state), None));
    }
    let slot = state
        .expected_slot
        .or((!state.offers.is_empty()).then_some(SlotName::PreferredTime))?;
    // The catalog just listed asks "¿Te interesa alguno?" already.
    let listed = slot == SlotName::ServiceType
        && executed
            .iter()
            .any(|e| matches!(e.call, ToolCall::ListServices { .. }));
    (state.flow.is_some() && !listed).then(|| (question(ws, state, slot), None))
}
