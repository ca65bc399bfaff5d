//! Whether a message right after a booking speaks of that booking, or takes back the one
//! just let go.

use crate::domain::catalog::Workspace;
use crate::domain::normalize::resolve_date;
use crate::domain::state::{ConversationState, Flow};
use crate::domain::understanding::{Extraction, Intent};

/// Whether a cancel is about the booking in progress, not one booked before:
/// - "uh no, mejor cancelalo" while booking, before anything is booked, whatever booking the
///   customer may have (naming one's day, time or service is about that one);
/// - "cancelame el de cejas" while the cejas are still being booked (the semi booked first
///   stays).
pub(super) fn drops_booking(state: &ConversationState, ex: &Extraction, ws: &Workspace) -> bool {
    if ex.intent != Intent::Cancel
        || cancel_trims_pending(state, ex, ws)
        || state.flow != Some(Flow::Book)
        || ex.slots.booking_id.is_some()
        || ex.slots.preferred_date.is_some()
        || ex.slots.preferred_time.is_some()
    {
        return false;
    }
    if ex.slots.service_type.is_none() {
        return !state.just_booked();
    }
    let named = ex.slots.service_ids(ws);
    let r = &state.resolved;
    let pending = |id: &String| r.service.as_ref() == Some(id) || r.also.contains(id);
    let booked = |id: &String| state.last_service.as_ref() == Some(id);
    !named.is_empty() && named.iter().all(|id| pending(id) && !booked(id))
}

/// "las cejas cancelalas, solo semi" while booking semi and cejas: the visit being booked
/// loses those (the booking goes on), as "sin las cejas" would.
pub(super) fn cancel_trims_pending(
    state: &ConversationState,
    ex: &Extraction,
    ws: &Workspace,
) -> bool {
    let r = &state.resolved;
    let gone: Vec<String> = (ex.signals.without.iter())
        .filter_map(|s| ws.resolve_service(s))
        .map(|s| s.id.clone())
        .collect();
    let pending: Vec<&String> = r.service.iter().chain(&r.also).collect();
    ex.intent == Intent::Cancel
        && state.flow == Some(Flow::Book)
        && pending.len() >= 2
        && !gone.is_empty()
        && pending.iter().any(|id| gone.contains(id))
        && pending.iter().any(|id| !gone.contains(id))
}

/// "no" at the summary, then "el viernes mejor": the booking let go comes back, on the day
/// (or at the time) the message names, when it names no service of its own.
pub(super) fn take_back_dropped(state: &mut ConversationState, ex: &Extraction) {
    let Some(d) = state.dropped.take() else {
        return;
    };
    let back = state.flow.is_none()
        && d.turn + 1 == state.turns
        && ex.slots.service_type.is_none()
        && ex.slots.booking_id.is_none()
        && ex.signals.affirmation != Some(false)
        && (ex.slots.preferred_date.is_some() || ex.slots.preferred_time.is_some())
        && matches!(
            ex.intent,
            Intent::Book | Intent::Reschedule | Intent::Chitchat
        );
    if back {
        state.flow = Some(Flow::Book);
        state.slots = d.slots;
        state.resolved = d.resolved;
    }
}

/// Whether a message, outside a flow, may be about the booking just made: it comes right
/// after it, names no booking code and asks for no second booking.
pub(super) fn about_last_booking(state: &ConversationState, ex: &Extraction) -> bool {
    state.flow.is_none()
        && state.just_booked()
        && ex.slots.booking_id.is_none()
        && !ex.signals.another
        && !ex.signals.same_visit
}

/// Whether a booking reading right after a booking was made (the next turn or the one
/// after) changes that booking: it names a day or a time, or asks earlier or later, but no
/// service and no second booking ("uh, mejor a las 12:30, ¿se puede?"); or another stylist
/// for it ("mejor con Lucía, ¿se puede?").
pub(super) fn moves_last_booking(state: &ConversationState, ex: &Extraction) -> bool {
    // "¿puede ser media hora antes?" names no booking word at all.
    let reads_as_move = ex.intent == Intent::Book
        || (ex.signals.shift.is_some() && matches!(ex.intent, Intent::Other | Intent::Chitchat));
    reads_as_move
        && about_last_booking(state, ex)
        && ex.slots.service_type.is_none()
        && (ex.slots.preferred_date.is_some()
            || ex.slots.preferred_time.is_some()
            || ex.slots.staff_name.is_some()
            || ex.signals.shift.is_some())
}

/// "perdón, el nombre es Nicolás", "ponelo a nombre de Nicolás" right after booking: that
/// name, when it is not the booking's and the message names nothing else of a booking (nor
/// asks for one for someone else).
pub(super) fn renames_last_booking(state: &ConversationState, ex: &Extraction) -> Option<String> {
    let name = ex.slots.client_name.as_ref()?;
    let s = &ex.slots;
    let another_name = state
        .booked_name
        .as_deref()
        .is_none_or(|b| crate::text::fold(b) != crate::text::fold(name));
    (about_last_booking(state, ex)
        && another_name
        && s.service_type.is_none()
        && s.preferred_date.is_none()
        && s.preferred_time.is_none()
        && s.staff_name.is_none()
        && !ex.signals.for_another
        && !ex.signals.for_two
        && matches!(
            ex.intent,
            Intent::Chitchat | Intent::Other | Intent::Greeting
        ))
    .then(|| name.clone())
}

/// "me confundí, la manicura era para el viernes" soon after booking: the booking with that
/// service moves (whichever of the customer's it is), to the day or time named; `by_service`:
/// the message names a booking by its service (also "manicura el viernes y pedicura el
/// jueves", the last booking's own service beside another).
pub(super) fn moves_by_its_service(
    state: &ConversationState,
    ex: &Extraction,
    by_service: bool,
) -> bool {
    ex.signals.corrects
        && by_service
        && state.flow.is_none()
        && state
            .last_visit
            .is_some_and(|v| state.turns.saturating_sub(v.turn) <= 4)
        && (ex.slots.preferred_date.is_some() || ex.slots.preferred_time.is_some())
}

/// Whether a message names a booking other than the one just made: by its day ("el turno
/// del 8/1") or by a service the one just made does not have.
pub(super) fn names_another_booking(
    state: &ConversationState,
    ex: &Extraction,
    ctx: &super::TurnContext,
) -> bool {
    let on_another_day = ex
        .signals
        .booked_date
        .as_deref()
        .and_then(|d| resolve_date(d, ctx.now.date()))
        .zip(state.last_visit)
        .is_some_and(|(d, last)| d != last.date);
    let named = ex.slots.service_ids(ctx.ws);
    let another_service = !named.is_empty()
        && state
            .last_service
            .as_ref()
            .is_some_and(|last| !named.contains(last));
    on_another_day || another_service
}

/// Whether a message right after booking a visit of several services takes some out of it
/// ("sacame la pedicura", "al final solo manos"), naming no time and no day but the
/// visit's own ("sacá la pedicura del turno del sábado").
pub(super) fn trims_last_booking(
    state: &ConversationState,
    ex: &Extraction,
    ctx: &super::TurnContext,
) -> bool {
    let trims =
        !ex.signals.without.is_empty() || (ex.signals.only && ex.slots.service_type.is_some());
    // Not "solo quería saber cuánto sale la pedicura".
    let asks = ex.signals.asks_price
        || matches!(
            ex.intent,
            Intent::InfoPrices | Intent::InfoServices | Intent::InfoHours
        );
    trims
        && !asks
        && about_last_booking(state, ex)
        && state.last_visit.is_some_and(|v| v.several)
        && ex
            .slots
            .preferred_date
            .as_deref()
            .is_none_or(|d| resolve_date(d, ctx.now.date()) == state.last_visit.map(|v| v.date))
        && ex.slots.preferred_time.is_none()
        && ex.signals.topic.is_none()
}

/// Whether a message outside a flow takes services out of a booking it names by its day
/// or code ("quería sacar la pedicura del turno del sábado"), naming no other day or time:
/// that booking changes, on its own day and time.
pub(super) fn trims_told_booking(
    state: &ConversationState,
    ex: &Extraction,
    ctx: &super::TurnContext,
) -> bool {
    let today = ctx.now.date();
    let told = ex
        .signals
        .booked_date
        .as_deref()
        .and_then(|d| resolve_date(d, today));
    let trims =
        !ex.signals.without.is_empty() || (ex.signals.only && ex.slots.service_type.is_some());
    trims
        && state.flow.is_none()
        && !state.just_booked()
        && (told.is_some() || ex.slots.booking_id.is_some())
        && ex
            .slots
            .preferred_date
            .as_deref()
            .is_none_or(|d| resolve_date(d, today) == told)
        && ex.slots.preferred_time.is_none()
        && ex.signals.topic.is_none()
        && !ex.signals.asks_price
        && matches!(ex.intent, Intent::Book | Intent::Reschedule | Intent::Other)
}

/// While changing a booking: the services taken out ("sin la pedicura") and those kept
/// alone ("solo manos"), for [`ConversationState::changed_services`].
/// While booking: see [`trim_pending`].
pub(super) fn take_trim(state: &mut ConversationState, ex: &Extraction, ws: &Workspace) {
    trim_pending(state, ex, ws);
    if state.flow != Some(Flow::Reschedule) {
        return;
    }
    let without: Vec<String> = ex
        .signals
        .without
        .iter()
        .filter_map(|s| ws.resolve_service(s))
        .map(|s| s.id.clone())
        .collect();
    if !without.is_empty() {
        state.service_drop = without;
    }
    if ex.signals.only && ex.slots.service_type.is_some() {
        state.service_only = ex.slots.service_ids(ws);
    }
}

/// "¿me agregás un brushing después del corte?" right after booking the cut: the cut names
/// the visit the new service follows, so only the brushing is booked (not the cut again).
pub(super) fn drop_visit_service(state: &mut ConversationState, ws: &Workspace) {
    if let Some(booked) = state.last_service.clone() {
        drop_pending(state, ws, &[booked]);
    }
}

/// The services of the visit being booked, without those of a visit she has (the one just
/// booked, or the one the new service follows): never all of them. The services as written
/// follow.
pub(super) fn drop_pending(state: &mut ConversationState, ws: &Workspace, gone: &[String]) {
    let r = &mut state.resolved;
    let mut ids: Vec<String> = r.service.iter().chain(&r.also).cloned().collect();
    if !ids.iter().any(|id| gone.contains(id)) || ids.iter().all(|id| gone.contains(id)) {
        return;
    }
    ids.retain(|id| !gone.contains(id));
    let kept = |s: &String| ws.resolve_service(s).is_some_and(|x| ids.contains(&x.id));
    state.slots.services.retain(kept);
    r.service = Some(ids.remove(0));
    r.also = ids;
    if let Some(first) = state.slots.services.first() {
        state.slots.service_type = Some(first.clone());
    }
    if state.slots.services.len() < 2 {
        state.slots.services.clear();
    }
}

/// "mejor sacame el brushing", "sin el color" while booking several services: the visit
/// being booked loses those (never all of them).
fn trim_pending(state: &mut ConversationState, ex: &Extraction, ws: &Workspace) {
    let r = &state.resolved;
    if state.flow != Some(Flow::Book) || r.also.is_empty() || ex.signals.without.is_empty() {
        return;
    }
    let without: Vec<String> = (ex.signals.without.iter())
        .filter_map(|s| ws.resolve_service(s))
        .map(|s| s.id.clone())
        .collect();
    let mut ids: Vec<String> = r.service.iter().chain(&r.also).cloned().collect();
    ids.retain(|id| !without.contains(id));
    if ids.is_empty() || ids.len() == 1 + r.also.len() {
        return;
    }
    let kept = |s: &String| {
        ws.resolve_service(s)
            .is_some_and(|x| !without.contains(&x.id))
    };
    state.slots.services.retain(kept);
    state.slots.service_type = state.slots.services.first().cloned();
    if state.slots.services.len() < 2 {
        state.slots.services.clear();
    }
    state.resolved.service = Some(ids.remove(0));
    state.resolved.also = ids;
}

/// "ah no, mejor pasalo al sábado a las 11" right after a cancellation: nothing is left to
/// move, so the cancelled visit (its services, stylist and name) is booked anew when the
/// message names when; "volvelo a sacar" ([`Signals::books_again`]) books it on its own day
/// and time. Returns whether it is.
///
/// [`Signals::books_again`]: crate::domain::understanding::Signals::books_again
pub(super) fn rebooks_cancelled(state: &mut ConversationState, ex: &Extraction) -> bool {
    let Some(b) = state.just_cancelled.take() else {
        return false;
    };
    // "bueno no, volvelo a sacar igual que antes": the same day and time again.
    // (Whatever intent it read as: "volvelo a sacar" also reads as a cancel.)
    let again = ex.signals.books_again;
    let applies = state.flow.is_none()
        && (matches!(ex.intent, Intent::Reschedule | Intent::Book) || again)
        && ex.slots.booking_id.is_none()
        && ex.slots.service_type.is_none()
        && (ex.slots.preferred_date.is_some() || ex.slots.preferred_time.is_some() || again)
        && !ex.signals.another;
    if applies && ex.slots.preferred_date.is_none() && ex.slots.preferred_time.is_none() {
        super::take_date(state, b.date);
        super::take_time(state, b.time);
    }
    if applies {
        let mut ids = b.service_ids();
        let r = &mut state.resolved;
        r.service = Some(ids.remove(0));
        r.also = ids;
        r.staff = Some(b.staff.clone());
        r.name = Some(b.customer_name.clone());
        state.slots.service_type = Some(b.service_name.clone());
        state.slots.client_name = Some(b.customer_name);
    }
    applies
}
