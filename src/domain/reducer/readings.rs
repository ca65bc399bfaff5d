//! A reading's values taken in the conversation's context: whom a service is for.

use crate::domain::catalog::Workspace;
use crate::domain::understanding::Extraction;

/// The service `id` for whom the visit is: "corte y barba", "corte para mi marido" take the
/// men's version of a generic service (not for two people, one of whom may not be a man),
/// unless the stylist the customer asks for does not do it ("corte con Caro, soy Bruno").
pub(super) fn for_whom(ws: &Workspace, ex: &Extraction, id: &str) -> String {
    let man = ex.signals.for_a_man && !ex.signals.for_two;
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
