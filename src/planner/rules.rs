//! The rule planner: the next step from the conversation state and this message's reading.
//!
//! It is a function of the state, so the pipeline can call it again after each tool
//! observation (the state then says what is known) until it reaches a step that talks to
//! the customer. The model planner's proposals that the policy refuses end up here.

use chrono::Datelike;

use crate::domain::actions::ToolCall;
use crate::domain::catalog::Service;
use crate::domain::normalize::same_phone;
use crate::domain::plan::{Plan, RefuseReason, ReplyTopic};
use crate::domain::state::{Attach, ConversationState, Flow};
use crate::domain::when::{in_week_of, names_a_coming_week, search_from};
use crate::nlu::signals::Topic;
use crate::nlu::{Intent, SlotName};
use crate::planner::PlanInput;

/// Plans one step.
pub fn plan(input: &PlanInput) -> Plan {
    let st = input.state;
    let ex = input.extraction;
    match ex.signals.topic {
        Some(Topic::Injection) => return Plan::Refuse(RefuseReason::Injection),
        // "la vez pasada esperé 40 minutos… igual quiero turno para manicura el jueves": the
        // complaint is acknowledged and the booking goes on.
        Some(Topic::Complaint) if books_despite(ex) => {}
        Some(Topic::Handoff) | Some(Topic::Complaint) => return Plan::Handoff,
        Some(Topic::Medical) if !matches!(ex.intent, Intent::Cancel | Intent::Reschedule) => {
            return Plan::Refuse(RefuseReason::Medical)
        }
        _ => {}
    }
    if st.drops_booking {
        return Plan::Reply(ReplyTopic::Dropped);
    }
    // "¿Querés que te pase con una persona?" "sí".
    if st.offered_handoff && ex.signals.affirmation == Some(true) && ex.slots.is_empty() {
        return Plan::Handoff;
    }
    // Handed to the team, "no quiero hablar con un bot": a person answers that too.
    if st.handed_off
        && st.flow.is_none()
        && ex.intent == Intent::Other
        && ex.signals.topic.is_none()
        && ex.slots.is_empty()
    {
        return Plan::Handoff;
    }
    // "¿se puede hacer con el pelo teñido?": someone of the team answers that; a booking in
    // progress goes on.
    if ex.signals.topic == Some(Topic::Expert)
        && ex.slots.preferred_date.is_none()
        && ex.slots.preferred_time.is_none()
        && !ex.signals.asks_price
    {
        return Plan::Reply(ReplyTopic::Expert);
    }
    // Asked for the code, "no me acuerdo": nothing to find by this number, so a person helps
    // (rather than "no" letting the change go). So after a lookup that found nothing ("hice
    // una reserva pero no me llegó la confirmación"), "el código no lo tengo".
    // ("no me acuerdo, sacame uno para el viernes" books.)
    let looked_up = st.flow.is_none() && st.target.is_none() && ex.intent != Intent::Book;
    if (st.expected_slot == Some(SlotName::BookingId) || looked_up)
        && st.searched
        && st.candidates.is_empty()
        && ex.signals.no_code
        && ex.slots.booking_id.is_none()
    {
        return Plan::Reply(ReplyTopic::NoCode);
    }
    // "llego 10 minutos tarde", "estoy llegando": noted; no booking moves ("tarde" asks for
    // no later time).
    // ("mañana a las 10 tengo turno pero llego 20 min tarde": that hour is the booking's.)
    let booked_hour =
        ex.slots.preferred_time.is_some() && ex.slots.preferred_time == ex.signals.booked_time;
    // ("voy a llegar tipo 10:20, ¿me esperan?": read as no booking, the hour is the arrival's.)
    let arrival = ex.intent == Intent::Other;
    if ex.signals.topic == Some(Topic::Late)
        && (ex.slots.preferred_time.is_none() || booked_hour || arrival)
    {
        return Plan::Reply(ReplyTopic::Late);
    }
    if let Some(p) = &st.pending {
        // "dale, ponelo a nombre de Julieta": a yes that changes the booking confirms the
        // changed one first.
        if ex.signals.affirmation == Some(true) && !changes_pending(st, &p.call) {
            return Plan::Call(p.call.clone());
        }
        // "a la misma hora" to "¿lo paso al viernes a las 11:10?": what is asked already.
        if (ex.signals.same_time || ex.signals.same_day) && ex.slots.is_empty() {
            return Plan::Confirm(p.call.clone());
        }
    }
    // "te escribo más tarde" in the middle of a booking, a change or a cancellation ("never
    // mind, keep it") lets it go, whatever it read as.
    if ex.signals.closes
        && !ex.signals.other_day
        && matches!(
            st.flow,
            Some(Flow::Book) | Some(Flow::Reschedule) | Some(Flow::Cancel)
        )
        && (matches!(ex.intent, Intent::Book | Intent::Reschedule)
            || (ex.intent == Intent::Other && ex.signals.topic.is_none()))
        && ex.slots.is_empty()
    {
        return Plan::Reply(ReplyTopic::Dropped);
    }
    // "anything earlier?", "another day please", "a la tarde", "media hora antes": the booking
    // (or the change) in progress moves on, whatever intent the message read as alone.
    // "con otra persona" too: another stylist for the same booking; and "cuando tengas
    // vos": the first free day. "sin la pedicura": a service taken out.
    let moves_on = ex.signals.shift.is_some()
        || !ex.signals.without.is_empty()
        || ex.signals.soonest
        || ex.signals.other_day
        || ex.signals.day_part.is_some()
        || ex.signals.other_staff
        || ex.signals.not_staff.is_some();
    if matches!(st.flow, Some(Flow::Book | Flow::Reschedule))
        && moves_on
        && matches!(
            ex.intent,
            Intent::Other | Intent::Chitchat | Intent::Greeting | Intent::InfoHours
        )
        && !ex.signals.closes
    {
        return plan_flow(input);
    }
    // "los dos", "todos", asked which booking to cancel: every one, whatever it read as.
    if st.cancel_all && ex.signals.all_of_them && st.candidates.len() > 1 {
        return plan_flow(input);
    }
    // "actually a haircut instead of the color" while booking: the service changes, whatever
    // it read as alone (not "¿y cuánto sale el corte en vez del color?").
    if matches!(st.flow, Some(Flow::Book | Flow::Reschedule))
        && ex.signals.corrects
        && ex.slots.service_type.is_some()
        && !ex.signals.asks_price
        && matches!(ex.intent, Intent::InfoServices | Intent::InfoPrices)
    {
        return plan_flow(input);
    }
    // "¿cuánto sale el brushing y tenés hoy?": the booking goes on, and the reply says the
    // price with the times ("necesito alisado el miércoles a las 11, ¿cuánto demora?": its
    // length too).
    let when = ex.slots.preferred_date.is_some()
        || ex.slots.preferred_time.is_some()
        || ex.signals.soonest;
    // "¿a qué hora termino?": when the visit on the table ends, and the step goes on.
    // (Not with a day or time of its own: "el viernes, a qué hora termino si voy a las 5?".)
    let names_when = ex.slots.preferred_date.is_some() || ex.slots.preferred_time.is_some();
    if ex.signals.asks_end && !names_when && st.visit_span(input.ws).is_some() {
        return Plan::Reply(ReplyTopic::EndsAt);
    }
    // "¿cuánto tarda?": the service's price and length, and the step in progress again
    // ("¿cuánto demora el color y el brushing?": each, and the whole).
    if ex.signals.topic == Some(Topic::Duration) && !(st.flow == Some(Flow::Book) && when) {
        if let Some(service) = mentioned_service(input) {
            let then = more_services(input, &service);
            return Plan::Call(ToolCall::GetPrices {
                service: Some(service),
                then,
            });
        }
    }
    // "¿con quién sería?": who does it, and the booking in progress goes on ("¿quién me la
    // hace? ¿y cuánto sale?" has its price said with who does it).
    if ex.signals.topic == Some(Topic::Staff)
        && !(ex.signals.asks_price && ex.intent == Intent::InfoPrices)
        && !matches!(ex.intent, Intent::Cancel | Intent::Reschedule)
        && ex.slots.preferred_date.is_none()
        && ex.slots.preferred_time.is_none()
        && ex.slots.staff_name.is_none()
    {
        return Plan::Reply(ReplyTopic::Staff);
    }
    // "¿me confirmás si quedó el turno del viernes?": the customer's bookings (that day's,
    // when a day is named), outside a flow or in the middle of a new booking (which then
    // goes on; or while a change waits for its yes, which is asked again).
    let changing = matches!(st.flow, Some(Flow::Cancel | Flow::Reschedule));
    if ex.signals.topic == Some(Topic::Bookings)
        && (matches!(st.flow, None | Some(Flow::Book)) || st.pending.is_some())
    {
        if st.channel_phone.is_none() {
            return Plan::Reply(ReplyTopic::IdentityUnknown);
        }
        // In the middle of a booking the state's day is that booking's: every one is listed.
        let date = if st.flow.is_none() {
            ex.slots.preferred_date.as_ref().and(st.resolved.date)
        } else {
            None
        };
        return Plan::Call(ToolCall::FindBookings {
            phone: st.channel_phone.clone(),
            booking_id: st.resolved.booking_id.clone().filter(|_| !changing),
            date,
            past: false,
        });
    }
    if ex.intent == Intent::InfoPrices && st.flow == Some(Flow::Book) && when {
        return plan_flow(input);
    }
    // "quiero sacar turno, ¿a qué hora abren el sábado?": the hours, then the booking's
    // question (the service is not known yet: no times to list).
    if ex.signals.asks_hours && st.flow == Some(Flow::Book) && st.resolved.service.is_none() {
        return Plan::Call(hours_call(input));
    }
    // "ah, mi celu es 11 5555 1234" in the middle of a booking: contact data for it.
    let contact = ex.slots.client_phone.is_some() || ex.slots.client_email.is_some();
    if ex.intent == Intent::Other && ex.signals.topic.is_none() && st.flow.is_some() && contact {
        return plan_flow(input);
    }
    match ex.intent {
        Intent::InfoServices => Plan::Call(ToolCall::ListServices {}),
        // "¿y si me hago las dos?" after asking about two services in turn: both.
        Intent::InfoPrices if both_asked(input) => Plan::Call(ToolCall::GetPrices {
            service: st.asked_before.clone(),
            then: st.asked_service.iter().cloned().collect(),
        }),
        Intent::InfoPrices => {
            let service = mentioned_service(input);
            // "¿y cuánto sale?" while booking corte y brushing: each of the visit's.
            let visit = ex.slots.service_type.is_none() && st.flow == Some(Flow::Book);
            let then = match &service {
                Some(_) if visit => st.resolved.also.clone(),
                Some(first) => more_services(input, first),
                None => Vec::new(),
            };
            Plan::Call(ToolCall::GetPrices { then, service })
        }
        Intent::InfoHours => Plan::Call(hours_call(input)),
        Intent::Other => match ex.signals.topic {
            Some(Topic::Address) => Plan::Reply(ReplyTopic::Address),
            // "¿cuánto sale el brushing? ¿se puede pagar con transferencia?": both.
            Some(Topic::Payment) if ex.signals.asks_price && ex.slots.service_type.is_some() => {
                Plan::Call(ToolCall::GetPrices {
                    service: mentioned_service(input),
                    then: Vec::new(),
                })
            }
            Some(Topic::Payment) => Plan::Reply(ReplyTopic::Payment),
            // A complaint that books anyway (`books_despite`): the booking goes on.
            Some(Topic::Complaint) if st.flow.is_some() => plan_flow(input),
            Some(Topic::Faq) => Plan::Reply(ReplyTopic::Faq),
            // "dale, ponelo a nombre de mi hermana Julieta", "che, dale confirmalo ya" read as
            // off-topic: a detail of the booking in progress, or a yes to it, which goes on.
            None if st.flow.is_some()
                && (!ex.slots.is_empty()
                    || ex.signals.booking_for.is_some()
                    || ex.signals.affirmation == Some(true)) =>
            {
                plan_flow(input)
            }
            None if ex.signals.asks_leave && ex.slots.is_empty() => {
                Plan::Reply(ReplyTopic::GoAhead)
            }
            _ => Plan::Refuse(RefuseReason::OffTopic),
        },
        Intent::Book | Intent::Cancel | Intent::Reschedule => plan_flow(input),
        // "ok y ¿dónde quedan?", "ok, ¿aceptan tarjeta?": answered, whatever else it read as.
        Intent::Greeting | Intent::Chitchat if ex.signals.topic == Some(Topic::Address) => {
            Plan::Reply(ReplyTopic::Address)
        }
        Intent::Greeting | Intent::Chitchat if ex.signals.topic == Some(Topic::Payment) => {
            Plan::Reply(ReplyTopic::Payment)
        }
        Intent::Greeting | Intent::Chitchat => {
            if ex.signals.affirmation == Some(false) && st.flow.is_some() {
                // Offered the profile's name, a no asks for the name ("no, mejor no" and
                // "no, gracias" let the booking go); "no, a las 12" changes what it names.
                // "no, otro día" asks the day again.
                let closes = ex.signals.closes && ex.slots.is_empty();
                if (st.expected_slot == Some(SlotName::ClientName) && !closes)
                    || !ex.slots.is_empty()
                    || ex.signals.other_day
                {
                    return plan_flow(input);
                }
                // A plain no ends the flow politely; nothing stays pending.
                return Plan::Reply(ReplyTopic::Dropped);
            }
            if ex.signals.closes && st.flow.is_some() && ex.slots.is_empty() {
                return Plan::Reply(ReplyTopic::Dropped);
            }
            // Contact details or a bare answer continue the flow in progress.
            if st.flow.is_some() && (!ex.slots.is_empty() || ex.intent == Intent::Greeting) {
                return plan_flow(input);
            }
            // "hola, soy Romina" opening the conversation: a greeting, by that name.
            let introduces = st.turns <= 1
                && ex.slots.client_name.is_some()
                && ex.slots.service_type.is_none()
                && ex.slots.preferred_date.is_none()
                && ex.slots.preferred_time.is_none();
            // "hola, una consulta": go ahead.
            if ex.signals.asks_leave && ex.slots.is_empty() {
                return Plan::Reply(ReplyTopic::GoAhead);
            }
            if ex.intent == Intent::Greeting || introduces {
                return Plan::Reply(ReplyTopic::Greeting);
            }
            if st.flow.is_some() && ex.signals.affirmation == Some(true) {
                return plan_flow(input);
            }
            // "perfecto, nos vemos el jueves", "dale, chau": a goodbye.
            if ex.signals.farewell {
                return Plan::Reply(ReplyTopic::Farewell);
            }
            // "bueno, lo pienso, gracias" after an answer: no flow to let go; without thanks
            // ("no, dejá, después te escribo") a goodbye.
            if ex.signals.closes && st.flow.is_none() {
                return Plan::Reply(if ex.signals.thanks {
                    ReplyTopic::Thanks
                } else {
                    ReplyTopic::Farewell
                });
            }
            // "ok gracias", "gracias, soy Ana" after an answer: thanks, not an ack.
            let acks = ex.signals.affirmation == Some(true) || !ex.slots.is_empty();
            if acks && ex.signals.thanks && st.flow.is_none() {
                return Plan::Reply(ReplyTopic::Thanks);
            }
            if ex.signals.affirmation.is_some() {
                return Plan::Reply(ReplyTopic::Ack);
            }
            if !ex.slots.is_empty() {
                return Plan::Reply(ReplyTopic::Ack);
            }
            // A first "🙂" or "jaja" thanks no one: it opens the conversation (a first
            // "¡gracias!" thanks whoever answered before, on another channel or in person).
            if st.turns <= 1 && st.flow.is_none() && !ex.signals.thanks {
                return Plan::Reply(ReplyTopic::Greeting);
            }
            // "no importa", "jaja" in a booking: it goes on (no thanks to answer).
            if st.flow.is_some() && !ex.signals.thanks {
                return plan_flow(input);
            }
            Plan::Reply(ReplyTopic::Thanks)
        }
    }
}

/// Whether what the message gave ("…, a nombre de Julieta", "sim, às 15h") makes the
/// booking awaiting a yes another one.
fn changes_pending(st: &ConversationState, call: &ToolCall) -> bool {
    let r = &st.resolved;
    match call {
        ToolCall::CreateBooking {
            date,
            time,
            staff,
            customer_name,
            ..
        } => {
            r.name.as_ref().is_some_and(|n| n != customer_name)
                || r.date.is_some_and(|d| d != *date)
                || r.time.is_some_and(|t| t != *time)
                || (r.staff.is_some() && r.staff != *staff)
        }
        _ => false,
    }
}

/// The service this message asked about, resolved; in a booking in progress, a bare
/// "¿y cuánto sale?" asks about the service being booked, and outside one about the last
/// one asked about.
fn mentioned_service(input: &PlanInput) -> Option<String> {
    let st = input.state;
    let ex = input.extraction;
    match ex.slots.service_type.as_deref() {
        Some(surface) => input
            .ws
            .resolve_service(surface)
            .map(|s| mens_for(input, surface, s).unwrap_or(s).id.clone()),
        None if st.flow == Some(Flow::Book) => st.resolved.service.clone(),
        // "¿cuánto era?" right after booking: that booking's.
        None if st.flow.is_none() && st.just_booked() => st.last_service.clone(),
        // "¿hacen alisado?" … "¿y cuánto sale?", "¿cuánto dura?": the one asked about.
        None if st.flow.is_none()
            && (ex.signals.same_question || ex.signals.topic == Some(Topic::Duration)) =>
        {
            st.asked_service.clone()
        }
        None => None,
    }
}

/// "¿y si me hago las dos?", "¿cuánto sería todo junto?": no service named, outside a
/// booking, right after asking about two services one after the other.
fn both_asked(input: &PlanInput) -> bool {
    let (st, ex) = (input.state, input.extraction);
    ex.slots.service_type.is_none()
        && st.flow.is_none()
        && ex.signals.both
        && st.asked_service.is_some()
        && st.asked_before.is_some()
}

/// The other catalog services the message names after `first` ("corte y color"), in order.
fn more_services(input: &PlanInput, first: &str) -> Vec<String> {
    let mut ids = input.extraction.slots.service_ids(input.ws);
    // (Not the one a men's version stands for: "un corte para nene" is one service.)
    let own = input
        .extraction
        .slots
        .service_type
        .as_deref()
        .and_then(|surface| {
            let s = input.ws.resolve_service(surface)?;
            mens_for(input, surface, s).map(|_| s.id.clone())
        });
    ids.retain(|id| id != first && Some(id) != own.as_ref());
    ids
}

/// "¿cuánto sale un corte para nene?": the catalog's men's version of a service named by a
/// word alone ("corte", not "corte de dama"), for a man's visit.
fn mens_for<'a>(input: &'a PlanInput, surface: &str, s: &Service) -> Option<&'a Service> {
    let ex = input.extraction;
    let man = ex.signals.for_a_man && !ex.signals.for_two;
    // "corte", "corte de pelo" (not "corte de dama"): no kind named.
    let (said, name) = (crate::text::fold(surface), crate::text::fold(&s.name));
    let generic = !name
        .split_whitespace()
        .filter(|w| w.len() > 2)
        .all(|w| said.split_whitespace().any(|x| x == w));
    input.ws.mens_version(s).filter(|_| man && generic)
}

/// The next step of the flow in progress.
pub fn plan_flow(input: &PlanInput) -> Plan {
    let st = input.state;
    match st.flow {
        Some(Flow::Book) => plan_book(input),
        Some(Flow::Cancel) => plan_cancel(input),
        Some(Flow::Reschedule) => plan_reschedule(input),
        None => Plan::Reply(ReplyTopic::Unclear),
    }
}

fn plan_book(input: &PlanInput) -> Plan {
    let st = input.state;
    let r = &st.resolved;
    let Some(service) = r.service.clone() else {
        if st.slots.service_type.is_some() {
            return Plan::Reply(ReplyTopic::UnknownService);
        }
        return Plan::Ask(SlotName::ServiceType);
    };
    // "con la misma chica de la otra vez": who did the customer's last visit, once.
    if st.wants_usual && !st.usual_searched && r.staff.is_none() && st.channel_phone.is_some() {
        return Plan::Call(ToolCall::FindBookings {
            phone: st.channel_phone.clone(),
            booking_id: None,
            date: None,
            past: true,
        });
    }
    // "¿me agregás cejas al turno?": the customer's coming bookings (again once a day says
    // which of several).
    if st.attach == Some(Attach::LookUp) || (st.attach == Some(Attach::Which) && r.date.is_some()) {
        return Plan::Call(ToolCall::FindBookings {
            phone: st.channel_phone.clone(),
            booking_id: None,
            date: None,
            past: false,
        });
    }
    let Some(date) = r.date else {
        return Plan::Ask(SlotName::PreferredDate);
    };
    let Some(time) = r.time else {
        // List the free times of that day once, then ask.
        if !st.offers.is_empty() || st.expected_slot == Some(SlotName::PreferredTime) {
            return Plan::Ask(SlotName::PreferredTime);
        }
        return Plan::Call(ToolCall::CheckAvailability {
            service,
            then: r.also.clone(),
            date,
            time: None,
            staff: r.staff.clone(),
            moving: None,
            part: st.offers_part,
        });
    };
    let checked = st.checked.as_ref().filter(|c| {
        c.date == date && c.time == time && r.staff.as_ref().is_none_or(|s| *s == c.staff)
    });
    let Some(checked) = checked else {
        return Plan::Call(ToolCall::CheckAvailability {
            service,
            then: r.also.clone(),
            date,
            time: Some(time),
            staff: r.staff.clone(),
            moving: None,
            // "entre las 14 y las 16": when 14:00 is taken, the others offered are inside.
            part: st.offers_part.filter(|p| p.contains(time)),
        });
    };
    let Some(name) = r.name.clone() else {
        return Plan::Ask(SlotName::ClientName);
    };
    Plan::Confirm(ToolCall::CreateBooking {
        service,
        then: r.also.clone(),
        date,
        time,
        // One service: who the check found free. Several: each goes to whoever is free for
        // it (the customer's stylist where she does it), as the check laid them out.
        staff: if r.also.is_empty() {
            Some(checked.staff.clone())
        } else {
            r.staff.clone()
        },
        customer_name: name,
        // The booking belongs to who books it: the channel's identity, or the number given.
        customer_phone: st.channel_phone.clone().or_else(|| r.phone.clone()),
        // "mi celu es 11 5555 1234": another number to be reached at, kept with it.
        contact_phone: contact_phone(st),
        idempotency_key: input.message_key.to_string(),
    })
}

/// A number the customer typed, when the channel has its own and it is another.
pub fn contact_phone(st: &ConversationState) -> Option<String> {
    let (channel, typed) = (st.channel_phone.as_deref()?, st.resolved.phone.as_deref()?);
    (!same_phone(channel, typed)).then(|| typed.to_string())
}

/// Booking codes a conversation may try before a person takes over.
pub const MAX_FAILED_LOOKUPS: u32 = 3;

/// Finds the booking a cancel/reschedule is about; `None` once it is known. Only the
/// channel's identity finds bookings: without one, or after too many wrong codes, a person
/// takes over.
fn find_target(input: &PlanInput) -> Option<Plan> {
    let st = input.state;
    if st.target.is_some() {
        return None;
    }
    if st.channel_phone.is_none() {
        return Some(Plan::Reply(ReplyTopic::IdentityUnknown));
    }
    if st.failed_lookups >= MAX_FAILED_LOOKUPS {
        return Some(Plan::Reply(ReplyTopic::TooManyCodes));
    }
    if !st.candidates.is_empty() {
        return Some(Plan::Ask(SlotName::BookingId));
    }
    let by_id = st.resolved.booking_id.clone();
    if st.searched && by_id.is_none() {
        // Searched and found nothing (a wrong id is forgotten): ask for the code.
        return Some(Plan::Ask(SlotName::BookingId));
    }
    // For a cancel, the date names the booking; for a reschedule it is the new date.
    let date = if st.flow == Some(Flow::Cancel) && by_id.is_none() {
        st.resolved.date
    } else {
        None
    };
    Some(Plan::Call(ToolCall::FindBookings {
        phone: st.channel_phone.clone(),
        booking_id: by_id,
        date,
        past: false,
    }))
}

fn plan_cancel(input: &PlanInput) -> Plan {
    let st = input.state;
    // "cancelame todos los turnos": every one found, confirmed once, then one after another.
    if (st.cancel_all && st.target.is_none() && st.candidates.len() > 1)
        || (st.cancel_confirmed && !st.candidates.is_empty())
    {
        let call = ToolCall::CancelBooking {
            booking_id: st.candidates[0].booking_id.clone(),
            phone: st.channel_phone.clone(),
        };
        return if st.cancel_confirmed {
            Plan::Call(call)
        } else {
            Plan::Confirm(call)
        };
    }
    if let Some(step) = find_target(input) {
        return step;
    }
    let Some(target) = input.state.target.as_ref() else {
        return Plan::Ask(SlotName::BookingId);
    };
    Plan::Confirm(ToolCall::CancelBooking {
        booking_id: target.booking_id.clone(),
        phone: input.state.channel_phone.clone(),
    })
}

fn plan_reschedule(input: &PlanInput) -> Plan {
    if let Some(step) = find_target(input) {
        return step;
    }
    let st = input.state;
    let Some(target) = st.target.as_ref() else {
        return Plan::Ask(SlotName::BookingId);
    };
    let r = &st.resolved;
    // "era pedicura": what the visit is for after the change (its services otherwise).
    let changed = st.changed_services(input.ws);
    let services = changed.clone().unwrap_or_else(|| target.service_ids());
    // What the customer does not change stays as booked: a new day keeps the time, a new
    // time the day, another stylist or service both ("mismo día y horario" says so
    // outright).
    let changes = r.date.is_some() || r.time.is_some() || r.staff.is_some() || changed.is_some();
    // "pasámelo a la semana que viene" about a booking in the coming week already: the week
    // after the booking's.
    let asked = match (r.date, st.slots.preferred_date.as_deref()) {
        (Some(d), Some(span))
            if d <= target.date && target.date < d + chrono::Duration::days(7) =>
        {
            search_from(span, target.date)
                .filter(|from| *from > target.date)
                .map(|from| input.ws.first_open_day(from))
                .or(Some(d))
        }
        (d, _) => d,
    };
    // "pasámelo a la semana que viene": on the booking's weekday of that week, when open.
    let asked = match (asked, st.slots.preferred_date.as_deref()) {
        (Some(d), Some(span)) if names_a_coming_week(span) => {
            let day = in_week_of(d, target.date.weekday());
            Some(
                if day > target.date && input.ws.first_open_day(day) == day {
                    day
                } else {
                    d
                },
            )
        }
        (d, _) => d,
    };
    let Some(date) = asked.or((st.keep_date || changes).then_some(target.date)) else {
        return Plan::Ask(SlotName::PreferredDate);
    };
    let moved = st
        .move_by
        .map(|m| target.time + chrono::Duration::minutes(i64::from(m)));
    let time = r
        .time
        .or(moved)
        .or(((st.keep_time || changes) && !st.kept_time_busy).then_some(target.time));
    // The stylist stays unless the customer names another, she is not free then, or she
    // does not do the visit's first service now (another service: "era pedicura"). Of a
    // visit of several, the check gives her every service she does.
    let does_first = |id: &str| {
        input
            .ws
            .service(&services[0])
            .is_some_and(|svc| svc.staff.is_empty() || svc.staff.iter().any(|x| x == id))
    };
    let staff = r.staff.clone().or_else(|| {
        (!st.kept_staff_busy && !target.staff.is_empty() && does_first(&target.staff))
            .then(|| target.staff.clone())
    });
    let Some(time) = time else {
        if !st.offers.is_empty() || st.expected_slot == Some(SlotName::PreferredTime) {
            return Plan::Ask(SlotName::PreferredTime);
        }
        return Plan::Call(ToolCall::CheckAvailability {
            service: services[0].clone(),
            then: services[1..].to_vec(),
            date,
            time: None,
            staff,
            moving: Some(target.booking_id.clone()),
            part: st.offers_part,
        });
    };
    // Nothing would change (the message named the booking's own day and time): the new day
    // is asked, not the same visit offered.
    let same_staff = staff.as_ref().is_none_or(|s| *s == target.staff);
    if date == target.date && time == target.time && changed.is_none() && same_staff {
        // "perdón, el nombre es Nicolás": only the name changes.
        if let Some(name) = &st.rename {
            return Plan::Confirm(ToolCall::RescheduleBooking {
                booking_id: target.booking_id.clone(),
                date,
                time,
                staff: target.then.is_empty().then(|| target.staff.clone()),
                phone: st.channel_phone.clone(),
                services: Vec::new(),
                customer_name: Some(name.clone()),
            });
        }
        return Plan::Ask(SlotName::PreferredDate);
    }
    let checked = st.checked.as_ref().filter(|c| {
        c.date == date && c.time == time && staff.as_ref().is_none_or(|s| *s == c.staff)
    });
    let Some(checked) = checked else {
        return Plan::Call(ToolCall::CheckAvailability {
            service: services[0].clone(),
            then: services[1..].to_vec(),
            date,
            time: Some(time),
            staff,
            moving: Some(target.booking_id.clone()),
            part: st.offers_part.filter(|p| p.contains(time)),
        });
    };
    Plan::Confirm(ToolCall::RescheduleBooking {
        booking_id: target.booking_id.clone(),
        date,
        time,
        staff: if target.then.is_empty() {
            Some(checked.staff.clone())
        } else {
            staff
        },
        phone: st.channel_phone.clone(),
        services: changed.unwrap_or_default(),
        customer_name: st.rename.clone(),
    })
}

/// A complaint that still books: a service and when, or a booking verb, in a message that
/// is no cancellation.
pub(crate) fn books_despite(ex: &crate::domain::understanding::Extraction) -> bool {
    let when = ex.slots.preferred_date.is_some() || ex.slots.preferred_time.is_some();
    ex.intent != Intent::Cancel && ex.slots.service_type.is_some() && (when || ex.signals.books)
}

/// The hours asked about: of the day named, and of the staff member named ("¿Martín trabaja
/// los sábados?") rather than the business's.
pub(crate) fn hours_call(input: &PlanInput) -> ToolCall {
    let (ex, st) = (input.extraction, input.state);
    ToolCall::GetHours {
        date: st
            .hours_day
            .or(ex.slots.preferred_date.as_ref().and(st.resolved.date)),
        staff: ex
            .slots
            .staff_name
            .as_deref()
            .and_then(|s| input.ws.resolve_staff(s))
            .map(|s| s.id.clone()),
    }
}

#[cfg(test)]
mod tests;
