//! Several visits asked for in one message, each on a day of its own ("corte el viernes a
//! las 11 y uñas el sábado a las 10"): the first is booked as the message's booking, the
//! others are queued and put on the table one by one, each right after the one before is
//! booked.

use crate::domain::catalog::Workspace;
use crate::domain::normalize::{parse_hhmm, resolve_date};
use crate::domain::state::{ConversationState, Flow, QueuedVisit};
use crate::domain::understanding::{Extraction, Intent, SlotName};

use super::{take_date, take_time, TurnContext};

/// The message read as its first visit only, and the rest to queue; `None` when it asks
/// for one visit (or changes or cancels a booking).
pub(super) fn first_visit(
    state: &ConversationState,
    ex: &Extraction,
    ctx: &TurnContext,
) -> Option<(Extraction, Vec<QueuedVisit>)> {
    let changing = matches!(state.flow, Some(Flow::Reschedule | Flow::Cancel));
    let (first, rest) = ex.signals.visits.split_first()?;
    // ("me confundí, la manicura era para el 24 y la pedicura para el 22" reads as a booking
    // or as a change: either way each visit moves in turn.)
    let asks =
        ex.intent == Intent::Book || (ex.intent == Intent::Reschedule && ex.signals.corrects);
    if !asks || changing || rest.is_empty() {
        return None;
    }
    let mut one = ex.clone();
    one.signals.visits.clear();
    one.slots.service_type = first.services.first().cloned();
    one.slots.services = if first.services.len() > 1 {
        first.services.clone()
    } else {
        Vec::new()
    };
    one.slots.preferred_date = first.date.clone();
    one.slots.preferred_time = first.time.clone();
    let today = ctx.now.date();
    let queue = rest
        .iter()
        .map(|v| QueuedVisit {
            services: v
                .services
                .iter()
                .filter_map(|s| ctx.ws.resolve_service(s))
                .map(|s| super::for_whom(ctx.ws, ex, &s.id))
                .collect(),
            surfaces: v.services.clone(),
            date: v.date.as_deref().and_then(|d| resolve_date(d, today)),
            time: v.time.as_deref().and_then(parse_hhmm),
            moves: false,
        })
        .collect();
    Some((one, queue))
}

/// "y también cejas el sábado a las 10" while the booking being made waits for its yes (or
/// its name):
/// that visit is queued after it (the message then changes nothing of the one pending).
pub(super) fn queued_aside(
    state: &ConversationState,
    ex: &Extraction,
    ctx: &TurnContext,
) -> Option<(Extraction, Vec<QueuedVisit>)> {
    let r = &state.resolved;
    let named: Vec<String> = ex.slots.service_ids(ctx.ws);
    let today = ctx.now.date();
    let date = ex
        .slots
        .preferred_date
        .as_deref()
        .and_then(|d| resolve_date(d, today));
    // (Or while its name is asked, its time found free.)
    let naming = state.expected_slot == Some(SlotName::ClientName) && r.time.is_some();
    let aside = (state.pending.is_some() || naming)
        && state.flow == Some(Flow::Book)
        && ex.intent == Intent::Book
        && (ex.signals.adds || ex.signals.another)
        && !ex.signals.for_two
        && ex.slots.booking_id.is_none()
        && !named.is_empty()
        && named
            .iter()
            .all(|id| r.service.as_ref() != Some(id) && !r.also.contains(id))
        && date.is_some_and(|d| Some(d) != r.date);
    if !aside {
        return None;
    }
    let mut one = ex.clone();
    // ("Laura Gómez, y también cejas el sábado": the name is the booking's.)
    one.slots = crate::domain::understanding::Slots {
        client_name: ex.slots.client_name.clone(),
        client_phone: ex.slots.client_phone.clone(),
        client_email: ex.slots.client_email.clone(),
        ..Default::default()
    };
    one.signals.visits.clear();
    one.signals.adds = false;
    one.signals.another = false;
    let mut services = ex.slots.services.clone();
    if services.is_empty() {
        services.extend(ex.slots.service_type.clone());
    }
    let queue = vec![QueuedVisit {
        services: named
            .iter()
            .map(|id| super::for_whom(ctx.ws, ex, id))
            .collect(),
        surfaces: services,
        date,
        time: ex.slots.preferred_time.as_deref().and_then(parse_hhmm),
        moves: false,
    }];
    Some((one, queue))
}

/// The visits the message queued: after those queued before when set aside while the
/// booking waits for its yes, else instead of them; "… y la pedicura para el jueves" in a
/// change moves that booking next.
pub(super) fn take_queue(
    state: &mut ConversationState,
    queue: Option<Vec<QueuedVisit>>,
    aside: bool,
    moves: bool,
) {
    let Some(queue) = queue else {
        return;
    };
    match state.flow {
        Some(Flow::Book) if aside => state.next_visits.extend(queue),
        Some(Flow::Book) => state.next_visits = queue,
        Some(Flow::Reschedule) if moves => {
            state.next_visits = queue
                .into_iter()
                .map(|v| QueuedVisit { moves: true, ..v })
                .collect();
        }
        _ => {}
    }
}

/// After a booking, the next visit queued (if any) becomes the booking in progress (same
/// customer).
pub(super) fn put_next(state: &mut ConversationState, mut queue: Vec<QueuedVisit>) {
    if queue.is_empty() {
        return;
    }
    let next = queue.remove(0);
    // A booking to move ("… y la pedicura para el jueves"): what is not named stays.
    if next.moves {
        state.flow = Some(Flow::Reschedule);
        state.keep_date = next.date.is_none();
        state.keep_time = next.time.is_none();
    } else {
        state.flow = Some(Flow::Book);
    }
    let mut ids = next.services.clone();
    ids.dedup();
    if !ids.is_empty() {
        state.resolved.service = Some(ids.remove(0));
        state.resolved.also = ids;
    }
    state.slots.service_type = next.surfaces.first().cloned();
    if next.surfaces.len() > 1 {
        state.slots.services = next.surfaces.clone();
    }
    if let Some(d) = next.date {
        take_date(state, d);
    }
    if let Some(t) = next.time {
        take_time(state, t);
    }
    state.next_visits = queue;
    state.visit_queued = true;
}

/// "para mí a las 10 y para mi hija a las 11": the message read with the customer's own
/// time (whichever time either route chose); `None` when it names no time per person.
pub(super) fn own_time(ex: &Extraction) -> Option<Extraction> {
    let [mine, _] = ex.signals.person_times.as_slice() else {
        return None;
    };
    let mut one = ex.clone();
    one.slots.preferred_time = Some(mine.clone());
    Some(one)
}

/// "corte para mí y manicura para mi mamá": the first booking is the customer's services
/// alone; the second person's are kept for theirs.
pub(super) fn split_for_two(state: &mut ConversationState, ex: &Extraction, ws: &Workspace) {
    let theirs: Vec<String> = ex
        .signals
        .second_services
        .iter()
        .filter_map(|s| ws.resolve_service(s).map(|s| s.id.clone()))
        .collect();
    let all: Vec<String> = state
        .resolved
        .service
        .iter()
        .chain(&state.resolved.also)
        .cloned()
        .collect();
    let mine: Vec<String> = all.into_iter().filter(|s| !theirs.contains(s)).collect();
    if let (false, Some((first, rest))) = (theirs.is_empty(), mine.split_first()) {
        state.resolved.service = Some(first.clone());
        state.resolved.also = rest.to_vec();
        state.second_services = theirs;
        let others = &ex.signals.second_services;
        state.slots.services.retain(|s| !others.contains(s));
        if state.slots.services.len() < 2 {
            state.slots.services.clear();
        }
    }
}

/// Several people booked at once ("para mí y mi hija", "somos 3 amigas"): who the second
/// is, her hour, and the group's size, told before its first booking is made.
pub(super) fn take_party(state: &mut ConversationState, ex: &Extraction) {
    state.for_two = true;
    state.second_label = ex
        .signals
        .other_person
        .clone()
        .or(state.second_label.take());
    if let [_, theirs] = ex.signals.person_times.as_slice() {
        state.second_time = crate::domain::normalize::parse_hhmm(theirs);
    }
    state.second_is_a_man |= ex.signals.other_is_a_man;
    state.own_first |= !ex.signals.for_another;
    state.first_is_his |= ex.signals.own_is_a_man;
    if let Some(k) = ex.signals.party.filter(|_| state.group_booked == 0) {
        state.group = k;
    }
}
