//! Another stylist offered at the time asked ("Caro no tiene lugar a las 17:00, pero Martín
//! sí"): a yes, or her name, takes that time with her.

use crate::domain::catalog::Workspace;
use crate::domain::state::ConversationState;
use crate::domain::understanding::{Extraction, SlotName};

use super::{take_date, take_time};

/// Takes the other stylist's offer on a yes ("dale") or her name ("con Martín"); any other
/// answer (a time, a day, a no) lets it go. A message that answers nothing (a question about
/// the price) keeps it.
pub(super) fn take_instead(state: &mut ConversationState, ex: &Extraction, ws: &Workspace) {
    let answers = ex.signals.affirmation.is_some() || !ex.slots.is_empty();
    if !answers {
        return;
    }
    let Some(offer) = state.instead.take() else {
        return;
    };
    if state.expected_slot != Some(SlotName::PreferredTime)
        || ex.slots.preferred_time.is_some()
        || ex.slots.preferred_date.is_some()
        || ex.signals.affirmation == Some(false)
    {
        return;
    }
    let named = ex.slots.staff_name.is_some();
    let yes = ex.signals.affirmation == Some(true) && !named;
    let her = named && state.resolved.staff.as_deref() == Some(offer.staff.as_str());
    if !(yes || her) {
        return;
    }
    take_date(state, offer.date);
    take_time(state, offer.time);
    state.slots.staff_name = ws.staff_member(&offer.staff).map(|s| s.name.clone());
    state.resolved.staff = Some(offer.staff);
    state.expected_slot = None;
}

/// "Lo más parecido que tenemos: esmaltado semipermanente. ¿Te sirve?": a yes takes the one
/// offered; a service named ends the offer.
pub(super) fn take_kin(state: &mut ConversationState, ex: &Extraction, ws: &Workspace) {
    if ex.slots.service_type.is_some() || state.resolved.service.is_some() {
        state.kin.clear();
        return;
    }
    let yes = ex.signals.affirmation == Some(true);
    if state.expected_slot != Some(SlotName::ServiceType) || !yes {
        return;
    }
    if let [one] = state.kin.as_slice() {
        if let Some(svc) = ws.service(one) {
            state.slots.service_type = Some(svc.name.clone());
            state.resolved.service = Some(svc.id.clone());
            state.expected_slot = None;
            state.kin.clear();
        }
    }
}
