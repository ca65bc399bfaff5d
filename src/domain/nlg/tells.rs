//! What a reply tells besides the step's own answer: a person offered after a price, the
//! room a group's time has, a closed day not said yet.

use super::*;

/// A question for someone of the team asked with a price, outside a booking: the price is
/// answered and a person offered (a yes next hands over).
pub fn expert_after_price(state: &ConversationState, ex: &Extraction, last: &Plan) -> bool {
    ex.signals.topic == Some(Topic::Expert)
        && state.flow.is_none()
        && matches!(last, Plan::Call(ToolCall::GetPrices { .. }))
}

/// A group's booking asks on after a check of its time found room for fewer of them.
pub fn tells_room(state: &ConversationState, executed: &[Executed], last: &Plan) -> bool {
    matches!(last, Plan::Ask(_))
        && state.for_two
        && state.flow == Some(Flow::Book)
        && state.group_booked == 0
        && state.short_of_room()
        && state.room_told.is_none()
        && executed
            .iter()
            .any(|e| matches!(e.call, ToolCall::CheckAvailability { time: Some(_), .. }))
}

/// A booking asks the service for a day the business is closed, not said yet.
pub fn tells_closed(ws: &Workspace, state: &ConversationState, last: &Plan) -> bool {
    matches!(last, Plan::Ask(SlotName::ServiceType))
        && state.flow == Some(Flow::Book)
        && state
            .resolved
            .date
            .is_some_and(|d| !ws.is_open_on(d) && state.told_closed != Some(d))
}
