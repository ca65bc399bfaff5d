//! Another stylist for the booking in play: asked for ("mejor con otra persona"), or asked
//! before the booking to change was found.

use crate::domain::actions::BookingInfo;
use crate::domain::catalog::Workspace;
use crate::domain::state::{ConversationState, Flow};
use crate::domain::understanding::Extraction;

/// "mejor con otra persona", "someone else": the next stylist who does the service, instead
/// of the one asked for, checked or of the booking being moved. When nobody else does it,
/// nothing changes (the reply says who does it).
pub(super) fn other_staff(state: &mut ConversationState, ex: &Extraction, ws: &Workspace) {
    let open = matches!(state.flow, Some(Flow::Book | Flow::Reschedule));
    // "con Martín no, con otra persona": another than her, if she is the one on the table
    // or no one is; the one on the table stays otherwise.
    if let (Some(no), None, true) = (&ex.signals.not_staff, &ex.slots.staff_name, open) {
        let current = (state.resolved.staff.clone())
            .or_else(|| state.checked.as_ref().map(|c| c.staff.clone()));
        if current.as_ref().is_none_or(|c| c == no) {
            swap_staff(state, ws, no);
        }
        return;
    }
    if !ex.signals.other_staff
        || ex.slots.staff_name.is_some()
        || !matches!(state.flow, Some(Flow::Book | Flow::Reschedule))
    {
        return;
    }
    let current = state
        .resolved
        .staff
        .clone()
        .or_else(|| state.checked.as_ref().map(|c| c.staff.clone()))
        .or_else(|| state.target.as_ref().map(|t| t.staff.clone()));
    let Some(current) = current else {
        // The booking to change is not looked up yet: its stylist changes once it is.
        state.swap_staff = state.flow == Some(Flow::Reschedule);
        return;
    };
    swap_staff(state, ws, &current);
}

/// The booking a change or cancel is about, found: a stylist swap asked for before it was
/// known ("¿puede ser con otra chica?") applies now.
pub(super) fn take_target(state: &mut ConversationState, ws: &Workspace, b: BookingInfo) {
    let staff = b.staff.clone();
    state.candidates.clear();
    state.target = Some(b);
    if std::mem::take(&mut state.swap_staff) {
        swap_staff(state, ws, &staff);
    }
}

/// The next stylist after `current` who does the service in play, if there is one.
fn swap_staff(state: &mut ConversationState, ws: &Workspace, current: &str) {
    let Some(service) = state.service_id().and_then(|id| ws.service(id)) else {
        return;
    };
    if let Some(other) = ws.staff_for(service).into_iter().find(|s| s.id != current) {
        state.resolved.staff = Some(other.id.clone());
        state.slots.staff_name = Some(other.name.clone());
    }
}
