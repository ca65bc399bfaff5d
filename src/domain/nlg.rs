//! Replies: deterministic templates for every outcome, in the conversation's language
//! (`replies`: Spanish with voseo by default, English, Portuguese). The customer never reads
//! free model text — only these templates filled with catalog and booking facts.

use crate::domain::actions::{
    Availability, BookingInfo, BookingRefusal, Observation, ServiceInfo, ToolCall, Unbookable,
};
use crate::domain::catalog::{format_price, Service, Workspace};
use crate::domain::normalize::format_time as hhmm;
use crate::domain::offers;
use crate::domain::plan::{Plan, RefuseReason, ReplyTopic};
use crate::domain::replies::hours::{closed_text, hours_text, range_text};
use crate::domain::replies::{date, join, raw, t, Lang};
use crate::domain::state::{Attach, ConversationState, Flow};
use crate::domain::understanding::{DayPart, Extraction, SlotName, Topic};

mod availability;
mod confirm;
mod group;
mod hours;
mod prices;
mod resume;
mod tells;
use availability::availability_text;
use confirm::confirmation;
use group::{for_two_first, second_of_two};
use resume::resume;
pub use tells::{expert_after_price, tells_closed, tells_room};
use tells::{faq_answer, usual_note};

/// What the conversation expects after this reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NextAction {
    Reply,
    AwaitConfirmation,
    Handoff,
}

/// One executed tool call as NLG sees it.
#[derive(Debug, Clone)]
pub struct Executed {
    pub call: ToolCall,
    /// The observation, or `None` when the tool failed (after retries / breaker open).
    pub observation: Option<Observation>,
}

/// The answer to a message without text.
pub fn no_text(state: &ConversationState) -> String {
    t(lang(state), "no_text", &[])
}

/// The conversation's language (Spanish until the customer writes in another).
fn lang(state: &ConversationState) -> Lang {
    state.lang.unwrap_or_default()
}

pub fn render(
    ws: &Workspace,
    state: &ConversationState,
    ex: &Extraction,
    executed: &[Executed],
    last: &Plan,
) -> (String, NextAction) {
    let l = lang(state);
    let mut parts: Vec<String> = Vec::new();
    let mut next = NextAction::Reply;
    let failed = executed.iter().any(|e| e.observation.is_none());
    if failed {
        return (t(l, "tech_error", &[]), NextAction::Reply);
    }
    // Several services named and some not in the catalog: say so before the rest goes on
    // with the ones we do ("depilación con cera y corte").
    if ex.slots.services.len() > 1 {
        let (known, unknown): (Vec<&String>, Vec<&String>) = ex
            .slots
            .services
            .iter()
            .partition(|s| ws.resolve_service(s).is_some());
        // "lavado y peinado": what a service named includes is no service missing.
        let included = |u: &&String| {
            known
                .iter()
                .filter_map(|k| ws.resolve_service(k))
                .any(|s| s.includes(u))
        };
        let unknown: Vec<String> = unknown
            .into_iter()
            .filter(|u| !included(u))
            .cloned()
            .collect();
        if !known.is_empty() && !unknown.is_empty() {
            parts.push(t(l, "not_offered_some", &[("what", &join(l, &unknown))]));
        }
    }
    // "con otra persona" when she is the only one who does it: said, and the booking goes on
    // with her (the reducer changed nothing).
    if ex.signals.other_staff && ex.slots.staff_name.is_none() && state.flow.is_some() {
        if let Some(service) = state.service_id().and_then(|id| ws.service(id)) {
            if let [only] = ws.staff_for(service).as_slice() {
                parts.push(t(
                    l,
                    "no_staff_one",
                    &[("svc", &service.name), ("who", &only.name), ("alts", "")],
                ));
            }
        }
    }
    parts.extend(tells::complaint_noted(l, ex, last));
    // "hay estacionamiento? y qué precio tiene el corte": the business's answer, then the
    // rest.
    if !matches!(last, Plan::Reply(ReplyTopic::Faq)) {
        parts.extend(faq_answer(ws, l, ex));
    }
    // "precio de alisado y si tienen turno el jueves": the price, and the times checked
    // (not at a confirmation: "confirmo al precio normal").
    let ran = |f: fn(&ToolCall) -> bool| executed.iter().any(|e| f(&e.call));
    let checks = ran(|c| matches!(c, ToolCall::CheckAvailability { .. }));
    let priced = ran(|c| matches!(c, ToolCall::GetPrices { .. }));
    let asks = ex.signals.asks_price || ex.signals.topic == Some(Topic::Duration);
    // "cambiá mi turno al sábado, y ¿cuánto sale la keratina?": the service asked about.
    let asked: Vec<&Service> = match state.flow {
        Some(Flow::Book) if checks => {
            let r = &state.resolved;
            r.service
                .iter()
                .chain(&r.also)
                .filter_map(|id| ws.service(id))
                .collect()
        }
        Some(Flow::Reschedule) if ex.signals.asks_price => ex
            .slots
            .service_type
            .iter()
            .filter_map(|s| ws.resolve_service(s))
            .collect(),
        _ => Vec::new(),
    };
    if asks && !priced {
        for svc in asked {
            let (price, n) = (format_price(svc.price), svc.duration_minutes.to_string());
            parts.push(t(
                l,
                "price_one",
                &[("svc", &svc.name), ("price", &price), ("n", &n)],
            ));
        }
    }
    // What the tools found, in order; a day's listing that a check of one of its times
    // followed ("lo último que tengas": the last one taken) is no news.
    let day_of = |c: &ToolCall, timed: bool| match c {
        ToolCall::CheckAvailability { date, time, .. } if time.is_some() == timed => Some(*date),
        _ => None,
    };
    // "cancelame todos los turnos": the ones cancelled this turn, said together.
    let cancelled: Vec<String> = executed
        .iter()
        .filter_map(|e| match &e.observation {
            Some(Observation::Cancelled { booking }) => Some(format!(
                "{} ({})",
                booking.booking_id,
                booking_text(ws, l, booking)
            )),
            _ => None,
        })
        .collect();
    if cancelled.len() > 1 {
        let n = cancelled.len().to_string();
        parts.push(t(
            l,
            "cancelled_all",
            &[("n", &n), ("list", &join(l, &cancelled))],
        ));
    }
    for (i, e) in executed.iter().enumerate() {
        if cancelled.len() > 1 && matches!(e.observation, Some(Observation::Cancelled { .. })) {
            continue;
        }
        let superseded = day_of(&e.call, false).is_some_and(|day| {
            executed[i + 1..]
                .iter()
                .any(|later| day_of(&later.call, true) == Some(day))
        });
        if superseded {
            continue;
        }
        // The booking's own stylist was tried first for a reschedule and is busy: the
        // summary says so; the check itself is no news.
        let kept_staff_check = state.kept_staff_busy
            && matches!(&e.call, ToolCall::CheckAvailability { staff: Some(s), .. }
                if state.target.as_ref().is_some_and(|t| &t.staff == s));
        if kept_staff_check {
            continue;
        }
        if let Some(obs) = &e.observation {
            if let Some(text) = describe(ws, ex, state, &e.call, obs, last) {
                parts.push(text);
            }
        }
    }
    // "perfecto, ¿y se puede pagar con Mercado Pago?" at the summary: booked, and answered
    // (the booking's text says the address already).
    if ran(|c| matches!(c, ToolCall::CreateBooking { .. }))
        && ex.signals.topic == Some(Topic::Payment)
    {
        parts.push(reply(ws, ex, state, ReplyTopic::Payment));
    }
    // "¿la keratina se puede hacer con el pelo teñido? ¿cuánto sale?": the price, and a
    // person offered for the rest.
    if expert_after_price(state, ex, last) {
        parts.push(t(l, "expert_offer_also", &[]));
    }
    // "corte el viernes y uñas el sábado" (or "y también uñas el sábado" before the yes):
    // one booking at a time, and the other is not lost.
    let aside = (ex.signals.adds || ex.signals.another)
        && (state.pending.is_some() || state.expected_slot == Some(SlotName::ClientName));
    if (ex.signals.visits.len() > 1 || aside) && !state.next_visits.is_empty() {
        let moves = state.next_visits.iter().any(|v| v.moves);
        let key = if moves {
            "changes_one_by_one"
        } else {
            "visits_one_by_one"
        };
        parts.push(t(l, key, &[]));
    }
    match last {
        Plan::Ask(slot) => {
            // "a la tarde", answering the time question: that part's free times (unless a
            // check this turn listed them already).
            let listed = executed
                .iter()
                .any(|e| matches!(e.call, ToolCall::CheckAvailability { .. }));
            let mut part_listed = false;
            if let (SlotName::PreferredTime, Some(part), false) =
                (slot, ex.signals.day_part, listed)
            {
                let free = offers::part_free(l, &state.offers, part);
                part_listed = free.is_some();
                parts.extend(free);
            }
            // A bare yes to several times offered: they are put again as the question ("dale
            // a la tarde": the afternoon's, listed just above, are not).
            let yes = ex.signals.affirmation == Some(true) && ex.slots.preferred_time.is_none();
            if *slot == SlotName::PreferredTime
                && yes
                && !listed
                && !part_listed
                && state.offers.len() > 1
            {
                parts.push(offers::pick(
                    l,
                    &state.offers,
                    state.offers_part,
                    state.shifted,
                ));
            } else if *slot == SlotName::ClientName
                && ex.signals.affirmation == Some(true)
                && ex.slots.is_empty()
                && state.offered_name.is_none()
            {
                // "sí" to "¿A nombre de quién…?": the name itself is what is missing.
                parts.push(t(l, "ask_name_plain", &[]));
            } else if *slot == SlotName::PreferredDate
                && ex.signals.affirmation == Some(true)
                && ex.slots.is_empty()
                && state.offers.is_empty()
            {
                // "sí" to "¿Para qué día lo querés?": the day is what is missing.
                parts.push(t(l, "ask_date_plain", &[]));
            } else {
                // "somos 3 amigas" and the time checked has room for fewer: said now.
                if tells_room(state, executed, last) {
                    parts.push(for_two_first(ws, state, true));
                }
                // "¿tienen algo para hoy?" on a closed day: said before the service is asked.
                if tells_closed(ws, state, last) {
                    let d = state.resolved.date.unwrap_or_default();
                    parts.push(t(
                        l,
                        "date_closed",
                        &[("date", &date(l, d)), ("hours", &closed_text(ws, l, d))],
                    ));
                }
                parts.push(question(ws, state, *slot));
            }
        }
        Plan::Confirm(call) => {
            if state.for_two
                && state.flow == Some(Flow::Book)
                && state.group_booked == 0
                && (state.room_told.is_none() || state.room_told != state.resolved.time)
            {
                parts.push(for_two_first(ws, state, false));
            }
            parts.push(confirmation(ws, state, call));
            next = NextAction::AwaitConfirmation;
        }
        Plan::Reply(topic) => {
            parts.push(reply(ws, ex, state, *topic));
            if topic.hands_off() {
                next = NextAction::Handoff;
            }
        }
        Plan::Handoff => {
            parts.push(t(l, "handoff", &[]));
            next = NextAction::Handoff;
        }
        // "es para un casamiento, ¿puede ser?" while choosing a time: not for us to answer,
        // and the question in progress stands.
        Plan::Refuse(reason @ RefuseReason::OffTopic) => {
            parts.push(refusal(ws, l, *reason) + &next_question(ws, state))
        }
        Plan::Refuse(reason) => parts.push(refusal(ws, l, *reason)),
        Plan::Call(_) => {
            // The tool's description above is the answer; keep a flow in progress alive.
            if let Some((text, then)) = resume(ws, state, executed) {
                parts.push(text);
                next = then.unwrap_or(next);
            }
        }
    }
    // A step with nothing to say (an availability check that only confirms) adds no space.
    parts.retain(|p| !p.trim().is_empty());
    if parts.is_empty() {
        parts.push(reply(ws, ex, state, ReplyTopic::Unclear));
    }
    (parts.join(" "), next)
}

fn service_name(ws: &Workspace, id: &str) -> String {
    ws.service(id)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| id.to_string())
}

fn staff_name(ws: &Workspace, id: &str) -> String {
    ws.staff_member(id)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| id.to_string())
}

fn service_line(l: Lang, s: &ServiceInfo) -> String {
    t(
        l,
        "service_line",
        &[
            ("svc", &s.name),
            ("price", &format_price(s.price)),
            (
                "minutes",
                &t(l, "minutes", &[("n", &s.duration_minutes.to_string())]),
            ),
        ],
    )
}

/// A booking of the customer's as a lookup tells it, with its price when the message asks
/// it ("¿a qué hora era? ¿y cuánto voy a pagar?").
fn owned_text(ws: &Workspace, l: Lang, ex: &Extraction, b: &BookingInfo) -> String {
    let text = booking_text(ws, l, b);
    let price: u64 = (b.service_ids().iter().filter_map(|id| ws.service(id)))
        .map(|s| s.price)
        .sum();
    let asks =
        ex.signals.asks_price || ex.intent == crate::domain::understanding::Intent::InfoPrices;
    match asks && price > 0 {
        true => format!("{text}, {}", format_price(price)),
        false => text,
    }
}

fn booking_text(ws: &Workspace, l: Lang, b: &BookingInfo) -> String {
    if !b.then.is_empty() {
        // A visit: each service with who does it, one after the other, and how long in all.
        let parts: Vec<String> = std::iter::once((&b.service_name, &b.staff))
            .chain(b.then.iter().map(|p| (&p.service_name, &p.staff)))
            .map(|(svc, staff)| {
                t(
                    l,
                    "part",
                    &[("svc", svc), ("staff", &staff_name(ws, staff))],
                )
            })
            .collect();
        return t(
            l,
            "booking_visit",
            &[
                (
                    "parts",
                    &parts.join(&format!(" {} ", t(l, "and_then", &[]))),
                ),
                ("date", &date(l, b.date)),
                ("time", &hhmm(b.time)),
                ("minutes", &b.total_minutes().to_string()),
            ],
        );
    }
    t(
        l,
        "booking",
        &[
            ("svc", &b.service_name),
            ("staff", &staff_name(ws, &b.staff)),
            ("date", &date(l, b.date)),
            ("time", &hhmm(b.time)),
        ],
    )
}

/// The services of a visit by name, first to last ("Corte de dama y Manicura").
fn services_text(ws: &Workspace, l: Lang, first: &str, then: &[String]) -> String {
    let names: Vec<String> = std::iter::once(first)
        .chain(then.iter().map(String::as_str))
        .map(|id| service_name(ws, id))
        .collect();
    join(l, &names)
}

fn describe(
    ws: &Workspace,
    ex: &Extraction,
    state: &ConversationState,
    call: &ToolCall,
    obs: &Observation,
    last: &Plan,
) -> Option<String> {
    let l = lang(state);
    let in_change = matches!(state.flow, Some(Flow::Cancel | Flow::Reschedule))
        && ex.signals.topic != Some(Topic::Bookings);
    match obs {
        Observation::Services { services } => Some(prices::services_text(ws, ex, l, services)),
        Observation::Prices { services } => Some(prices::prices_text(ws, ex, l, call, services)),
        Observation::Hours {
            date: d,
            date_ranges,
            ..
        } => Some(hours::hours_answer(ws, l, call, *d, date_ranges.as_deref())),
        Observation::Availability(a) => Some(availability_text(ws, a, state, last)),
        Observation::Bookings { .. }
            if matches!(call, ToolCall::FindBookings { past: true, .. }) =>
        {
            Some(usual_note(ws, l, state))
        }
        // "¿me agregás cejas al turno?": the booking the new one follows.
        Observation::Bookings { bookings }
            if bookings
                .iter()
                .any(|b| state.attached_to.as_ref() == Some(&b.booking_id)) =>
        {
            let b = bookings
                .iter()
                .find(|b| state.attached_to.as_ref() == Some(&b.booking_id))?;
            Some(t(
                l,
                "attach_after",
                &[("id", &b.booking_id), ("booking", &booking_text(ws, l, b))],
            ))
        }
        // (Not "¿qué turnos tengo?" while a change waits for its yes: they are listed.)
        Observation::Bookings { bookings } => match bookings.len() {
            0 => Some(match call {
                ToolCall::FindBookings {
                    booking_id: Some(id),
                    ..
                } => t(l, "no_booking_code", &[("id", id)]),
                // "¿quedó el turno?" at the summary: not yet, the summary follows.
                _ if state.pending.is_some() => t(l, "not_booked_yet", &[]),
                _ => t(l, "no_bookings", &[]),
            }),
            // In a change or a cancel, the one booking found (or the one of several the
            // customer described) is the one the next step is about.
            1 if in_change && state.target.is_some() => None,
            // "cancelame el de cejas" with only a semi booked: that one is not it.
            1 if in_change => {
                let b = &bookings[0];
                let svc = state
                    .resolved
                    .service
                    .as_deref()
                    .and_then(|id| ws.service(id));
                Some(t(
                    l,
                    "not_of_service",
                    &[
                        ("svc", &svc.map_or(String::new(), |s| s.name.to_lowercase())),
                        ("id", &b.booking_id),
                        ("booking", &booking_text(ws, l, b)),
                    ],
                ))
            }
            // "cancelame todos": the summary lists them.
            _ if state.cancel_all && state.flow == Some(Flow::Cancel) => None,
            _ if in_change
                && state
                    .target
                    .as_ref()
                    .is_some_and(|t| bookings.iter().any(|b| b.booking_id == t.booking_id)) =>
            {
                None
            }
            1 => Some(t(
                l,
                "your_booking",
                &[
                    ("id", &bookings[0].booking_id),
                    ("booking", &owned_text(ws, l, ex, &bookings[0])),
                ],
            )),
            _ => {
                let items: Vec<String> = bookings
                    .iter()
                    .map(|b| format!("{} ({})", b.booking_id, owned_text(ws, l, ex, b)))
                    .collect();
                Some(t(l, "your_bookings", &[("list", &items.join("; "))]))
            }
        },
        Observation::Booked { booking } => {
            // Greeted by the first name ("¡Listo, Carla!" for "Carla Méndez").
            let name = match tells::given_name(&booking.customer_name) {
                Some(first) => format!(", {first}"),
                None => String::new(),
            };
            // "un turno para mi hija": booked in her name, not greeted by it.
            let for_other = state.last_visit.is_some_and(|v| v.for_other);
            let (key, name) = if for_other && !name.is_empty() {
                ("booked_for", booking.customer_name.clone())
            } else {
                ("booked", name)
            };
            let mut text = t(
                l,
                key,
                &[
                    ("name", &name),
                    ("booking", &booking_text(ws, l, booking)),
                    ("id", &booking.booking_id),
                    ("address", &ws.address),
                ],
            );
            // "… y uñas el sábado": the next visit asked for follows; or the next person's,
            // checked at once when the time had room for one only.
            if state.visit_queued {
                text.push(' ');
                text.push_str(&match (state.second_of_two, state.group) {
                    (false, _) => t(l, "next_visit", &[]),
                    (true, 0..=2) => group::for_two(l, state, "next_person", &[]),
                    (true, n) => t(
                        l,
                        "next_person_of_group",
                        &[
                            ("k", &(state.group_booked + 1).to_string()),
                            ("n", &n.to_string()),
                        ],
                    ),
                });
            }
            Some(text)
        }
        Observation::Cancelled { booking } => Some(t(
            l,
            "cancelled",
            &[
                ("id", &booking.booking_id),
                ("booking", &booking_text(ws, l, booking)),
            ],
        )),
        Observation::Rescheduled { booking, previous } => {
            // Only the name changed ("perdón, el nombre es Nicolás"): that is what is said.
            let renamed = booking.customer_name != previous.customer_name
                && (booking.date, booking.time) == (previous.date, previous.time);
            let mut text = t(
                l,
                if renamed { "renamed" } else { "rescheduled" },
                &[
                    ("id", &booking.booking_id),
                    ("booking", &booking_text(ws, l, booking)),
                    ("name", &booking.customer_name),
                ],
            );
            // "… y la pedicura para el jueves": the next change follows.
            if state.visit_queued {
                text = format!("{text} {}", t(l, "next_change", &[]));
            }
            Some(text)
        }
        Observation::Refused {
            reason,
            alternatives,
        } => Some(match reason {
            BookingRefusal::SlotTaken if !alternatives.is_empty() => t(
                l,
                "taken_alts",
                &[("offers", &offers::alternatives(l, alternatives))],
            ),
            BookingRefusal::SlotTaken => t(l, "taken", &[]),
            BookingRefusal::NotFound => t(l, "not_found", &[]),
            BookingRefusal::AlreadyCancelled => t(l, "already_cancelled", &[]),
            BookingRefusal::Unbookable => t(l, "unbookable", &[]),
        }),
    }
}

/// The question of the step in progress, said again after an aside (" ¿Lo reservo? …"),
/// or nothing.
fn next_question(ws: &Workspace, state: &ConversationState) -> String {
    match (&state.pending, state.expected_slot) {
        (Some(p), _) => format!(" {}", confirmation(ws, state, &p.call)),
        (None, Some(slot)) if state.flow.is_some() => format!(" {}", question(ws, state, slot)),
        _ => String::new(),
    }
}

fn question(ws: &Workspace, state: &ConversationState, slot: SlotName) -> String {
    let l = lang(state);
    match slot {
        SlotName::ServiceType => prices::service_question(ws, state, l),
        // Times offered on another day: a yes takes them, or the customer names a day.
        SlotName::PreferredDate if state.offers_day().is_some() => t(l, "ask_date_offers", &[]),
        // "¿me agregás cejas al turno?" with several bookings: which.
        SlotName::PreferredDate if state.attach == Some(Attach::Which) => {
            t(l, "ask_attach_which", &[])
        }
        SlotName::PreferredDate => match state.flow {
            // The booking found, so the customer sees which one moves.
            Some(Flow::Reschedule) => match &state.target {
                Some(b) => t(
                    l,
                    "ask_date_move_of",
                    &[("id", &b.booking_id), ("booking", &booking_text(ws, l, b))],
                ),
                None => t(l, "ask_date_move", &[]),
            },
            _ => t(l, "ask_date", &[]),
        },
        // "pero Martín sí": a yes takes the time with her.
        SlotName::PreferredTime => match &state.instead {
            Some(o) => {
                let who = ws.staff_member(&o.staff).map(|s| s.name.as_str());
                t(
                    l,
                    "ask_time_instead",
                    &[("other", who.unwrap_or_default()), ("time", &hhmm(o.time))],
                )
            }
            None if state.offers.is_empty() => t(l, "ask_time", &[]),
            None if offers::shown(&state.offers, state.offers_part, state.shifted).len() == 1 => {
                t(l, "ask_time_offer_one", &[])
            }
            None => t(l, "ask_time_offers", &[]),
        },
        SlotName::ClientName => match &state.offered_name {
            Some(name) => t(l, "ask_name_offer", &[("name", name)]),
            None => t(l, "ask_name", &[]),
        },
        SlotName::ClientPhone => t(l, "ask_phone", &[]),
        // A code given and not found: not the same example back.
        SlotName::BookingId if state.candidates.is_empty() && state.failed_lookups > 0 => {
            t(l, "ask_code_again", &[])
        }
        SlotName::BookingId if state.candidates.is_empty() => t(l, "ask_code", &[]),
        SlotName::BookingId if state.candidates.len() == 1 => t(l, "ask_which_one", &[]),
        SlotName::BookingId => t(l, "ask_which", &[]),
        SlotName::ClientEmail => t(l, "ask_email", &[]),
        SlotName::StaffName => t(l, "ask_staff", &[]),
    }
}

fn reply(ws: &Workspace, ex: &Extraction, state: &ConversationState, topic: ReplyTopic) -> String {
    let l = lang(state);
    let continue_flow = || next_question(ws, state);
    match topic {
        // "hola, soy Romina": greeted by the name just given.
        ReplyTopic::Greeting => match &ex.slots.client_name {
            Some(name) => t(
                l,
                "greeting_named",
                &[("name", name), ("business", &ws.name)],
            ),
            None => t(l, "greeting", &[("business", &ws.name)]),
        },
        // A thanks at the summary is not a yes: the question still stands.
        ReplyTopic::Thanks => match continue_flow() {
            next if next.is_empty() => t(l, "thanks", &[]),
            next => t(l, "thanks_pending", &[("next", &next)]),
        },
        ReplyTopic::Farewell => t(l, "farewell", &[]),
        // The business's answer about running late is said already (above).
        ReplyTopic::Late if ex.signals.faq.is_some() => String::new(),
        ReplyTopic::Late if ex.signals.early => t(l, "early", &[]),
        ReplyTopic::Late => t(l, "late", &[]),
        ReplyTopic::Ack => t(l, "ack", &[("next", &continue_flow())]),
        ReplyTopic::GoAhead => t(l, "go_ahead", &[]),
        ReplyTopic::Address => t(
            l,
            "address",
            &[("address", &ws.address), ("next", &continue_flow())],
        ),
        ReplyTopic::Payment => tells::payment_text(ws, l, &continue_flow()),
        // The business's own answer, as written (in the customer's language when given).
        ReplyTopic::Faq => match faq_answer(ws, l, ex) {
            Some(answer) => format!("{answer}{}", continue_flow()),
            None => t(l, "unclear", &[]),
        },
        ReplyTopic::Expert if state.flow.is_none() => t(l, "expert_offer", &[]),
        ReplyTopic::Expert => t(l, "expert", &[("next", &continue_flow())]),
        ReplyTopic::Dropped => t(l, "dropped", &[]),
        ReplyTopic::Unclear => t(l, "unclear", &[]),
        ReplyTopic::UnknownService => {
            let asked = ex
                .slots
                .service_type
                .clone()
                .or_else(|| state.slots.service_type.clone())
                .unwrap_or_default();
            // The services alike were found as the reply was planned (`ConversationState::kin`).
            let kin: Vec<&Service> = state.kin.iter().filter_map(|id| ws.service(id)).collect();
            prices::not_offered(ws, l, &asked, &kin, "unknown_service")
        }
        ReplyTopic::EndsAt => match state.visit_span(ws) {
            Some((start, end, n)) => t(
                l,
                "ends_at",
                &[
                    ("start", &start.format("%H:%M").to_string()),
                    ("end", &end.format("%H:%M").to_string()),
                    ("n", &n.to_string()),
                    ("next", &continue_flow()),
                ],
            ),
            None => continue_flow(),
        },
        ReplyTopic::NothingToConfirm => t(l, "nothing_to_confirm", &[]),
        ReplyTopic::IdentityUnknown => t(l, "identity_unknown", &[]),
        ReplyTopic::TooManyCodes => t(l, "too_many_codes", &[]),
        ReplyTopic::NoCode => t(l, "no_code", &[]),
        ReplyTopic::Staff => {
            let service = ex
                .slots
                .service_type
                .as_deref()
                .and_then(|s| ws.resolve_service(s))
                .or_else(|| {
                    (state.resolved.service.as_deref())
                        .or(state.last_service.as_deref())
                        .and_then(|id| ws.service(id))
                });
            match service {
                Some(svc) => {
                    // The time found free is with someone: "Sería con Caro."
                    let would_be = state
                        .checked
                        .as_ref()
                        .filter(|_| state.resolved.service.as_deref() == Some(svc.id.as_str()))
                        .and_then(|c| ws.staff_member(&c.staff))
                        .map(|st| t(l, "staff_would_be", &[("who", &st.name)]))
                        .unwrap_or_default();
                    let text = tells::staff_for_text(ws, l, svc, &continue_flow());
                    format!("{would_be}{text}")
                }
                None => {
                    let names: Vec<String> = ws.staff.iter().map(|s| s.name.clone()).collect();
                    t(
                        l,
                        "staff_all",
                        &[("staff", &join(l, &names)), ("next", &continue_flow())],
                    )
                }
            }
        }
    }
}

fn refusal(ws: &Workspace, l: Lang, reason: RefuseReason) -> String {
    match reason {
        RefuseReason::Medical => t(l, "refuse_medical", &[]),
        RefuseReason::Injection => t(l, "refuse_injection", &[("business", &ws.name)]),
        RefuseReason::OffTopic => t(l, "refuse_off_topic", &[("business", &ws.name)]),
    }
}
