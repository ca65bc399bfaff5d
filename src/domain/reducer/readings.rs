//! A reading's values taken in the conversation's context: whom a service is for, and
//! whether "el primero" is a pick among the times offered or a date.

use crate::domain::catalog::Workspace;
use crate::domain::state::ConversationState;
use crate::domain::understanding::Extraction;

/// The service `id` for whom the visit is: "corte y barba", "corte para mi marido" take the
/// men's version of a generic service (not for two people, one of whom may not be a man).
pub(super) fn for_whom(ws: &Workspace, ex: &Extraction, id: &str) -> String {
    let man = ex.signals.for_a_man && !ex.signals.for_two;
    ws.service(id)
        .filter(|_| man)
        .and_then(|s| ws.mens_version(s))
        .map_or_else(|| id.to_string(), |s| s.id.clone())
}

/// A pick ("el primero", "la primera") while times are offered, which the date reader also
/// took for the 1st of the month.
pub(super) fn picks_an_offer(state: &ConversationState, ex: &Extraction) -> bool {
    let ordinal = |d: &str| {
        let d = crate::text::fold(d);
        ["primer", "primeir", "first"].iter().any(|w| d.contains(w))
    };
    !state.offers.is_empty()
        && ex.signals.pick.is_some()
        && ex.slots.preferred_date.as_deref().is_some_and(ordinal)
}
