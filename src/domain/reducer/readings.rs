//! A reading's values taken in the conversation's context: whom a service is for, whose
//! name the booking goes in.

use crate::domain::catalog::Workspace;
use crate::domain::state::{ConversationState, Flow};
use crate::domain::understanding::Extraction;

/// The service `id` for whom the visit is: "corte y barba", "corte para mi marido" take the
/// men's version of a generic service (not for two people, one of whom may not be a man,
/// unless the customer is a man booking his own first: "corte para mí y mi hijo" from
/// Juan), unless the stylist the customer asks for does not do it ("corte con Caro, soy
/// Bruno").
pub(super) fn for_whom(ws: &Workspace, ex: &Extraction, id: &str) -> String {
    let man = (ex.signals.for_a_man && !ex.signals.for_two) || ex.signals.own_is_a_man;
    let asked = ex
        .slots
        .staff_name
        .as_deref()
        .and_then(|s| ws.resolve_staff(s));
    ws.service(id)
        .filter(|_| man)
        .and_then(|s| ws.mens_version(s))
        .filter(|m| asked.is_none_or(|who| ws.staff_for(m).iter().any(|s| s.id == who.id)))
        .map_or_else(|| id.to_string(), |s| s.id.clone())
}

/// Whose name the booking goes in: a second booking ("y otro para mi hermana") may be
/// someone else's, so the name is asked again; a relative's alone has her name asked (the
/// profile's not offered); "para mi amiga Julieta" is in hers.
pub(super) fn whose_name(state: &mut ConversationState, ex: &Extraction) {
    // A second booking ("y otro para mi hermana") may be someone else's: the name is asked
    // again (the profile's offered), unless the message gives it.
    if state.flow == Some(Flow::Book) && ex.signals.another && ex.slots.client_name.is_none() {
        state.resolved.name = None;
        state.slots.client_name = None;
    }
    // "lo mismo para mi hermana": her name is asked, the profile's is not offered.
    if state.flow == Some(Flow::Book)
        && ex.signals.for_another
        && ex.slots.client_name.is_none()
        && ex.signals.booking_for.is_none()
    {
        state.resolved.name = None;
        state.slots.client_name = None;
        state.name_offer_declined = true;
    }
    // "para mi amiga Julieta": the booking is in her name, unless the customer names
    // another (their own) for it.
    if let (Some(Flow::Book), Some(who), None) =
        (state.flow, &ex.signals.booking_for, &ex.slots.client_name)
    {
        state.slots.client_name = Some(who.clone());
        state.resolved.name = Some(who.clone());
    }
}
