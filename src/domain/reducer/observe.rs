//! Folds each tool observation into the conversation state: free times offered, bookings
//! found, made, moved or cancelled, refusals.

use crate::domain::actions::{BookingInfo, Observation, SlotOffer, ToolCall, Unbookable};
use crate::domain::catalog::Workspace;
use crate::domain::state::{ConversationState, Flow, LastVisit};

use super::{take_date, take_target, take_time};
use crate::domain::understanding::{DayPart, SlotName};

/// Applies one tool observation.
pub fn apply_observation(
    state: &mut ConversationState,
    ws: &Workspace,
    call: &ToolCall,
    obs: &Observation,
) {
    match obs {
        Observation::Availability(a) => {
            // A reschedule asked for the booking's own stylist (the customer named nobody)
            // and she is not free at that time: ask again for anyone, keeping the time.
            // But with a range asked for ("al sábado entre las 10 y las 12"), her free times
            // inside it come first.
            let in_range = state
                .offers_part
                .filter(|p| p.range_start().is_some())
                .is_some_and(|p| {
                    a.slots
                        .iter()
                        .any(|s| s.date == a.date && p.contains(s.time))
                });
            let kept = state.flow == Some(Flow::Reschedule)
                && state.resolved.staff.is_none()
                && !state.kept_staff_busy
                && !in_range
                && !a.available
                && a.time.is_some()
                && matches!(call, ToolCall::CheckAvailability { staff: Some(s), .. }
                    if state.target.as_ref().is_some_and(|t| &t.staff == s));
            if kept {
                state.kept_staff_busy = true;
                state.checked = None;
                return;
            }
            state.offers = a.slots.clone();
            state.room = a.room.unwrap_or(0);
            // Another stylist free at the time asked; not the booking being moved itself
            // ("pasámelo con Caro, mismo día y horario": its own stylist is no change).
            state.instead = match (&a.instead, a.time) {
                (Some(staff), Some(time)) if state.resolved.staff.is_some() => Some(SlotOffer {
                    date: a.date,
                    time,
                    staff: staff.clone(),
                }),
                _ => None,
            }
            .filter(|o| {
                state.flow != Some(Flow::Reschedule)
                    || state.target.as_ref().is_none_or(|t| {
                        (t.date, t.time, t.staff.as_str()) != (o.date, o.time, o.staff.as_str())
                    })
            });
            // The times near a busy one are listed whole, whatever part of the day; but those
            // of a range asked for ("entre las 14 y las 16") are the range's.
            if a.time.is_some() && a.time != state.offers_part.and_then(DayPart::range_start) {
                state.offers_part = None;
            }
            // "el miércoles lo último que tengas": that day's last free time, checked next.
            let last = a
                .slots
                .iter()
                .filter(|s| s.date == a.date)
                .map(|s| s.time)
                .max();
            if let (true, None, Some(last)) = (state.latest, a.time, last) {
                state.latest = false;
                state.offers.clear();
                take_date(state, a.date);
                take_time(state, last);
                return;
            }
            match (a.time, a.available, &a.staff) {
                (Some(time), true, Some(staff)) => {
                    state.checked = Some(SlotOffer {
                        date: a.date,
                        time,
                        staff: staff.clone(),
                    });
                    state.offers.clear();
                }
                _ => {
                    state.checked = None;
                    // The booking's own day or time, kept ("mismo horario"), is not free:
                    // the customer chooses again. So does a time she asked for in a change
                    // ("pasalo al sábado a las 10"): the booking's own hour does not come
                    // back in its place.
                    if a.time.is_some() {
                        state.keep_time = false;
                        state.kept_time_busy |= state.flow == Some(Flow::Reschedule);
                        // "una hora más tarde" is not free either: the customer picks a time.
                        state.move_by = None;
                    }
                    match a.unbookable {
                        Some(Unbookable::Closed | Unbookable::Past | Unbookable::TooFar) => {
                            if a.unbookable == Some(Unbookable::Closed) {
                                state.found_closed = Some(a.date);
                            }
                            state.resolved.date = None;
                            state.resolved.time = None;
                        }
                        Some(Unbookable::NoStaff) => state.resolved.staff = None,
                        Some(Unbookable::OutsideHours) | None => {
                            if a.time.is_some() {
                                state.resolved.time = None;
                            }
                        }
                    }
                }
            }
        }
        // "con la misma chica de la otra vez": the stylist of the last visit who does the
        // service wanted (else the last one's, said, and not asked for).
        Observation::Bookings { bookings }
            if matches!(call, ToolCall::FindBookings { past: true, .. }) =>
        {
            let does = |staff: &str| {
                state
                    .service_id()
                    .and_then(|id| ws.service(id))
                    .is_none_or(|svc| ws.staff_for(svc).iter().any(|s| s.id == staff))
            };
            let usual = bookings
                .iter()
                .find(|b| does(&b.staff))
                .or(bookings.first())
                .map(|b| b.staff.clone());
            if let Some(staff) = usual.as_deref().filter(|s| does(s)) {
                if state.resolved.staff.is_none() {
                    state.resolved.staff = Some(staff.to_string());
                }
            }
            state.usual = usual;
            state.usual_searched = true;
        }
        // "¿me agregás cejas al turno?": the booking it follows.
        Observation::Bookings { bookings } if state.attach.is_some() => {
            super::readings::follow_booking(state, ws, bookings);
        }
        // Looked up in the middle of a new booking ("¿y quedó el del viernes?"): answered,
        // and the booking being made goes on untouched.
        // (So is one asked while a change waits for its yes.)
        Observation::Bookings { .. }
            if state.flow == Some(Flow::Book) || state.pending.is_some() => {}
        Observation::Bookings { bookings } => {
            let id = match call {
                ToolCall::FindBookings { booking_id, .. } => booking_id.clone(),
                _ => None,
            };
            // A code not found is no search of the customer's bookings: those are looked up
            // next, by the channel's number.
            state.searched |= id.is_none() || !bookings.is_empty();
            // "quiero cambiar el turno de manos al jueves": the one booking of the service the
            // customer named (not when she named a new service for it).
            let named = state
                .resolved
                .service
                .clone()
                .filter(|_| state.service_change.is_empty())
                .filter(|_| matches!(state.flow, Some(Flow::Cancel | Flow::Reschedule)));
            let of_named =
                |b: &BookingInfo| named.as_ref().is_none_or(|s| b.service_ids().contains(s));
            match bookings.len() {
                0 => {
                    state.target = None;
                    // A wrong id is forgotten, so the next message can give another; the
                    // tries are counted (codes are short: guessing is limited).
                    if id.is_some() {
                        state.resolved.booking_id = None;
                        state.failed_lookups = state.failed_lookups.saturating_add(1);
                    }
                }
                // "cancelame el de cejas" with only a semi booked: not that one unasked.
                1 if !of_named(&bookings[0]) => state.candidates = bookings.clone(),
                1 => take_target(state, ws, bookings[0].clone()),
                _ => {
                    // "el turno del viernes lo paso al sábado": the one on that day (set in a
                    // change only).
                    let day = state.booked_date;
                    let described = named.is_some() || day.is_some();
                    let of_it: Vec<&BookingInfo> = bookings
                        .iter()
                        .filter(|b| described && of_named(b) && day.is_none_or(|d| b.date == d))
                        .collect();
                    match of_it.as_slice() {
                        [one] => take_target(state, ws, (*one).clone()),
                        _ => state.candidates = bookings.clone(),
                    }
                }
            }
        }
        Observation::Booked { booking } | Observation::Rescheduled { booking, .. } => {
            let second = matches!(obs, Observation::Booked { .. }) && state.for_two;
            // The time had room for fewer people than the visit: the next one is checked
            // right away, and the nearest free times offered.
            let short = state.short_of_room();
            let theirs = std::mem::take(&mut state.second_services);
            let (group, booked) = (state.group, state.group_booked.saturating_add(1));
            let (man, his) = (state.second_is_a_man, state.first_is_his);
            let queue = std::mem::take(&mut state.next_visits);
            let their_time = state.second_time.take();
            let their_name = state.second_name.take();
            let label = state.second_label.take();
            state.last_booking = Some(booking.booking_id.clone());
            state.last_service = Some(booking.service.clone());
            // (Not the name of someone else's booking: "y tmb uno para mí" offers the profile's.)
            if matches!(obs, Observation::Booked { .. })
                && state.booked_name.is_none()
                && !state.for_someone_else
            {
                state.booked_name = Some(booking.customer_name.clone());
            }
            let (end, _) = booking
                .time
                .overflowing_add_signed(chrono::Duration::minutes(i64::from(
                    booking.total_minutes(),
                )));
            state.last_visit = Some(LastVisit {
                date: booking.date,
                time: booking.time,
                turn: state.turns,
                end: (end > booking.time).then_some(end),
                several: !booking.then.is_empty(),
                for_other: state.for_someone_else && matches!(obs, Observation::Booked { .. }),
            });
            state.end_flow();
            if !second {
                // "… y uñas el sábado": the next visit asked for.
                super::visits::put_next(state, queue);
            } else {
                book_the_second(state, ws, booking, &theirs, their_name);
                state.second_label = label;
                // "para mí a las 10 y para mi hija a las 11": hers at her own time.
                if let Some(t) = their_time {
                    super::take_time(state, t);
                } else if short {
                    state.visit_queued = true;
                }
                // "corte para mí y mi marido": his is the men's version (Corte de caballero);
                // "corte para mí y mi señora" from Juan: hers is not.
                if theirs.is_empty() && (man || his) {
                    visit_for(state, ws, man);
                }
                // "somos 3 amigas": after this one, the next, until all are booked.
                if booked + 1 < group {
                    state.for_two = true;
                }
                if group > 2 {
                    state.group = group;
                    state.group_booked = booked;
                }
            }
        }
        Observation::Cancelled { booking } => {
            // "cancelame todos": the rest, cancelled next without asking again.
            let rest: Vec<BookingInfo> = state
                .candidates
                .iter()
                .filter(|b| state.cancel_all && b.booking_id != booking.booking_id)
                .cloned()
                .collect();
            state.last_booking = Some(booking.booking_id.clone());
            state.last_visit = None;
            state.last_service = None;
            state.end_flow();
            state.just_cancelled = Some(booking.clone());
            if !rest.is_empty() {
                state.flow = Some(Flow::Cancel);
                state.candidates = rest;
                state.cancel_all = true;
                state.cancel_confirmed = true;
            }
        }
        Observation::Refused { alternatives, .. } => {
            state.pending = None;
            state.checked = None;
            state.offers = alternatives.clone();
            state.offers_part = None;
            if !alternatives.is_empty() {
                state.resolved.time = None;
            }
        }
        Observation::Services { .. } | Observation::Prices { .. } | Observation::Hours { .. } => {}
    }
}

/// The visit on the table, each service in its men's version where the catalog has one (for
/// a man), or in its generic one (for anyone else).
fn visit_for(state: &mut ConversationState, ws: &Workspace, man: bool) {
    let version = |id: &String| {
        ws.service(id)
            .and_then(|s| match man {
                true => ws.mens_version(s),
                false => ws.generic_version(s),
            })
            .map_or_else(|| id.clone(), |s| s.id.clone())
    };
    let r = &mut state.resolved;
    r.service = r.service.as_ref().map(version);
    r.also = r.also.iter().map(version).collect();
    let name = |id: &String| ws.service(id).map(|s| s.name.clone());
    state.slots.service_type = r.service.as_ref().and_then(name);
    if !state.slots.services.is_empty() {
        state.slots.services = r.service.iter().chain(&r.also).filter_map(name).collect();
    }
}

/// "para mí y mi hermana", the first booked: the same visit, day and time for the other
/// person (whoever is free then), whose name is asked; the profile's name is the first's.
/// "corte para mí y manicura para mi mamá": the other person's own services instead
/// (`theirs`), at the same time.
fn book_the_second(
    state: &mut ConversationState,
    ws: &Workspace,
    first: &crate::domain::actions::BookingInfo,
    theirs: &[String],
    their_name: Option<String>,
) {
    state.flow = Some(Flow::Book);
    if let Some((one, rest)) = theirs.split_first() {
        let name = |id: &str| ws.service(id).map_or(id.to_string(), |s| s.name.clone());
        state.resolved.service = Some(one.clone());
        state.resolved.also = rest.to_vec();
        state.slots.service_type = Some(name(one));
        if !rest.is_empty() {
            state.slots.services = theirs.iter().map(|id| name(id)).collect();
        }
    } else {
        state.resolved.service = Some(first.service.clone());
        state.resolved.also = first.then.iter().map(|p| p.service.clone()).collect();
        state.slots.service_type = Some(first.service_name.clone());
        if !first.then.is_empty() {
            state.slots.services = std::iter::once(first.service_name.clone())
                .chain(first.then.iter().map(|p| p.service_name.clone()))
                .collect();
        }
    }
    take_date(state, first.date);
    take_time(state, first.time);
    // Hers is in the name given for her, or asked.
    state.resolved.name = their_name;
    state.slots.client_name = state.resolved.name.clone();
    state.name_offer_declined = true;
    state.expected_slot = state
        .resolved
        .name
        .is_none()
        .then_some(SlotName::ClientName);
    state.second_of_two = true;
}
