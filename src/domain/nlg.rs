//! Replies: deterministic Spanish (voseo) templates for every outcome. The customer never
//! reads free model text — only these templates filled with catalog and booking facts.

use chrono::NaiveTime;

use crate::domain::actions::{
    Availability, BookingInfo, BookingRefusal, Observation, ServiceInfo, SlotOffer, ToolCall,
    Unbookable,
};
use crate::domain::catalog::{format_price, Workspace};
use crate::domain::normalize::{date_es, weekday_es};
use crate::domain::plan::{Plan, RefuseReason, ReplyTopic};
use crate::domain::state::{ConversationState, Flow};
use crate::domain::understanding::{Extraction, SlotName};

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

/// Renders the reply to a turn.
/// The answer to a message without text.
pub const NO_TEXT: &str = "No me llegó ningún texto 🙂 Por ahora solo leo mensajes escritos: ¿me contás por escrito qué necesitás?";

pub fn render(
    ws: &Workspace,
    state: &ConversationState,
    ex: &Extraction,
    executed: &[Executed],
    last: &Plan,
) -> (String, NextAction) {
    let mut parts: Vec<String> = Vec::new();
    let mut next = NextAction::Reply;
    let failed = executed.iter().any(|e| e.observation.is_none());
    if failed {
        return (
            "Perdón, ahora no puedo confirmarlo: tuve un problema técnico consultando la agenda. \
             ¿Probamos de nuevo en unos minutos?"
                .to_string(),
            NextAction::Reply,
        );
    }
    // What the tools found, in order.
    for e in executed {
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
    match last {
        Plan::Ask(slot) => parts.push(question(ws, state, *slot)),
        Plan::Confirm(call) => {
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
            parts.push(
                "Te paso con una persona del equipo; en un ratito te responden por acá. 🙌"
                    .to_string(),
            );
            next = NextAction::Handoff;
        }
        Plan::Refuse(reason) => parts.push(refusal(ws, *reason)),
        Plan::Call(_) => {
            // The tool's description above is the answer; keep a flow in progress alive.
            if let Some(p) = &state.pending {
                parts.push(confirmation(ws, state, &p.call));
                next = NextAction::AwaitConfirmation;
            } else if let Some(slot) = state
                .expected_slot
                .or((!state.offers.is_empty()).then_some(SlotName::PreferredTime))
            {
                if state.flow.is_some() {
                    parts.push(question(ws, state, slot));
                }
            }
        }
    }
    if parts.is_empty() {
        parts.push(reply(ws, ex, state, ReplyTopic::Unclear));
    }
    (parts.join(" "), next)
}

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
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

fn join_es(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        _ => format!(
            "{} y {}",
            items[..items.len() - 1].join(", "),
            items[items.len() - 1]
        ),
    }
}

fn offers_text(offers: &[SlotOffer]) -> String {
    let same_day = offers.windows(2).all(|w| w[0].date == w[1].date);
    if same_day {
        let times: Vec<String> = offers.iter().map(|o| hhmm(o.time)).collect();
        format!("el {} a las {}", date_es(offers[0].date), join_es(&times))
    } else {
        let items: Vec<String> = offers
            .iter()
            .map(|o| format!("el {} a las {}", date_es(o.date), hhmm(o.time)))
            .collect();
        join_es(&items)
    }
}

fn hours_text(ws: &Workspace) -> String {
    use chrono::Weekday::*;
    let mut groups: Vec<(Vec<chrono::Weekday>, String)> = Vec::new();
    for wd in [Mon, Tue, Wed, Thu, Fri, Sat, Sun] {
        let ranges = ws.hours_on(wd);
        if ranges.is_empty() {
            continue;
        }
        let text = ranges
            .iter()
            .map(|(a, b)| format!("{} a {}", hhmm(*a), hhmm(*b)))
            .collect::<Vec<_>>()
            .join(" y de ");
        match groups.last_mut() {
            Some((days, t)) if *t == text && days.last().map(|d| d.succ()) == Some(wd) => {
                days.push(wd)
            }
            _ => groups.push((vec![wd], text)),
        }
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(days, t)| {
            if days.len() == 1 {
                format!("los {} de {}", plural_day(days[0]), t)
            } else {
                format!(
                    "de {} a {} de {}",
                    weekday_es(days[0]),
                    weekday_es(*days.last().unwrap_or(&days[0])),
                    t
                )
            }
        })
        .collect();
    let closed: Vec<String> = [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
        .into_iter()
        .filter(|d| ws.hours_on(*d).is_empty())
        .map(|d| plural_day(d).to_string())
        .collect();
    let mut s = format!("Atendemos {}.", join_es(&parts));
    if !closed.is_empty() {
        s.push_str(&format!(" Los {} está cerrado.", join_es(&closed)));
    }
    s
}

fn plural_day(wd: chrono::Weekday) -> &'static str {
    match wd {
        chrono::Weekday::Sat => "sábados",
        chrono::Weekday::Sun => "domingos",
        other => weekday_es(other),
    }
}

fn service_line(s: &ServiceInfo) -> String {
    format!(
        "{}: {} ({} min)",
        s.name,
        format_price(s.price),
        s.duration_minutes
    )
}

fn booking_text(ws: &Workspace, b: &BookingInfo) -> String {
    format!(
        "{} con {} el {} a las {}",
        b.service_name,
        staff_name(ws, &b.staff),
        date_es(b.date),
        hhmm(b.time)
    )
}

fn describe(
    ws: &Workspace,
    ex: &Extraction,
    state: &ConversationState,
    call: &ToolCall,
    obs: &Observation,
    last: &Plan,
) -> Option<String> {
    let asked_service = ex.slots.service_type.as_deref();
    match obs {
        Observation::Services { services } => {
            if let Some(surface) = asked_service {
                match ws.resolve_service(surface) {
                    Some(svc) => {
                        return Some(format!(
                            "¡Sí! Hacemos {}: {}, dura unos {} minutos. ¿Querés que te reserve un turno?",
                            svc.name,
                            format_price(svc.price),
                            svc.duration_minutes
                        ))
                    }
                    None => {
                        let names: Vec<String> = services.iter().map(|s| s.name.clone()).collect();
                        return Some(format!(
                            "Por ahora no hacemos {}. Lo que sí hacemos: {}.",
                            surface,
                            join_es(&names)
                        ));
                    }
                }
            }
            let names: Vec<String> = services.iter().map(|s| s.name.clone()).collect();
            Some(format!(
                "En {} hacemos: {}. ¿Te interesa alguno?",
                ws.name,
                join_es(&names)
            ))
        }
        Observation::Prices { services } => {
            if let ToolCall::GetPrices { service: Some(_) } = call {
                if let Some(s) = services.first() {
                    return Some(format!(
                        "{} sale {} (dura unos {} minutos).",
                        s.name,
                        format_price(s.price),
                        s.duration_minutes
                    ));
                }
            }
            let mut text = String::new();
            if let Some(surface) = asked_service {
                text.push_str(&format!("No tenemos {surface} en la lista, pero te paso los precios: "));
            } else {
                text.push_str("Nuestros precios: ");
            }
            let lines: Vec<String> = services.iter().map(service_line).collect();
            text.push_str(&lines.join("; "));
            text.push('.');
            Some(text)
        }
        Observation::Hours { date, date_ranges, .. } => {
            let mut text = hours_text(ws);
            if let (Some(d), Some(ranges)) = (date, date_ranges) {
                if ranges.is_empty() {
                    text = format!("El {} estamos cerrados. {}", date_es(*d), text);
                } else {
                    text = format!("El {} atendemos de {}. {}", date_es(*d), ranges.join(" y de ").replace('-', " a "), text);
                }
            }
            Some(text)
        }
        Observation::Availability(a) => Some(availability_text(ws, a, state, last)),
        Observation::Bookings { bookings } => match bookings.len() {
            0 => Some(match call {
                ToolCall::FindBookings { booking_id: Some(id), .. } => {
                    format!("No encontré ningún turno con el código {id}.")
                }
                _ => "No encontré turnos próximos a tu nombre.".to_string(),
            }),
            1 => None,
            _ => {
                let items: Vec<String> = bookings
                    .iter()
                    .map(|b| format!("{} ({})", b.booking_id, booking_text(ws, b)))
                    .collect();
                Some(format!("Tenés estos turnos: {}.", items.join("; ")))
            }
        },
        Observation::Booked { booking } => Some(format!(
            "¡Listo{}! Te reservé {}. Tu código de reserva es {}. Te esperamos en {}. Si necesitás cambiarlo o cancelarlo, escribime con ese código.",
            if booking.customer_name.is_empty() { String::new() } else { format!(", {}", booking.customer_name) },
            booking_text(ws, booking),
            booking.booking_id,
            ws.address
        )),
        Observation::Cancelled { booking } => Some(format!(
            "Listo, cancelé tu turno {} ({}). ¡Gracias por avisar! Cuando quieras sacar otro, escribime.",
            booking.booking_id,
            booking_text(ws, booking)
        )),
        Observation::Rescheduled { booking, .. } => Some(format!(
            "Listo, cambié tu turno {}: ahora es {}. ¡Te esperamos!",
            booking.booking_id,
            booking_text(ws, booking)
        )),
        Observation::Refused { reason, alternatives } => Some(match reason {
            BookingRefusal::SlotTaken if !alternatives.is_empty() => format!(
                "Uy, ese horario se acaba de ocupar. Te puedo ofrecer {}. ¿Te sirve alguno?",
                offers_text(alternatives)
            ),
            BookingRefusal::SlotTaken => "Uy, ese horario se acaba de ocupar. ¿Probamos con otro día u horario?".to_string(),
            BookingRefusal::NotFound => "No encontré ese turno. ¿Me pasás el código de la reserva (por ejemplo BK-1234)?".to_string(),
            BookingRefusal::AlreadyCancelled => "Ese turno ya estaba cancelado.".to_string(),
            BookingRefusal::Unbookable => "Ese horario no se puede reservar. ¿Probamos con otro?".to_string(),
        }),
    }
}

fn availability_text(
    ws: &Workspace,
    a: &Availability,
    state: &ConversationState,
    last: &Plan,
) -> String {
    let svc = service_name(ws, &a.service);
    let alternatives = if a.slots.is_empty() {
        String::new()
    } else {
        format!(" Te puedo ofrecer {}.", offers_text(&a.slots))
    };
    match a.unbookable {
        Some(Unbookable::Closed) => {
            return format!(
                "El {} estamos cerrados. {}{}",
                date_es(a.date),
                hours_text(ws),
                alternatives
            )
        }
        Some(Unbookable::Past) => return format!("Esa fecha ya pasó.{alternatives}"),
        Some(Unbookable::TooFar) => {
            return format!(
                "Por ahora damos turnos hasta {} días adelante. ¿Querés una fecha más cercana?",
                ws.booking_horizon_days
            )
        }
        Some(Unbookable::NoStaff) => {
            let who: Vec<String> = ws
                .service(&a.service)
                .map(|s| ws.staff_for(s).iter().map(|st| st.name.clone()).collect())
                .unwrap_or_default();
            return format!("{} lo hace {}.{}", svc, join_es(&who), alternatives);
        }
        Some(Unbookable::OutsideHours) => {
            let t = a.time.map(hhmm).unwrap_or_default();
            return format!(
                "A las {} no llegamos a hacer {} dentro del horario. {}{}",
                t,
                svc,
                hours_text(ws),
                alternatives
            );
        }
        None => {}
    }
    match (a.time, a.available) {
        (Some(t), true) => {
            // The confirmation that follows says it all; only say it when we stop here.
            if matches!(last, Plan::Confirm(_)) {
                String::new()
            } else {
                format!(
                    "¡Hay lugar para {} el {} a las {}!",
                    svc,
                    date_es(a.date),
                    hhmm(t)
                )
            }
        }
        (Some(t), false) => {
            if a.slots.is_empty() {
                format!(
                    "Uy, a las {} el {} no tengo lugar para {} y no encuentro otro horario cerca.",
                    hhmm(t),
                    date_es(a.date),
                    svc
                )
            } else {
                format!("Uy, a las {} no tengo lugar.{}", hhmm(t), alternatives)
            }
        }
        (None, true) => {
            let times: Vec<String> = a.slots.iter().take(8).map(|s| hhmm(s.time)).collect();
            let more = if a.slots.len() > 8 {
                " (y más tarde también)"
            } else {
                ""
            };
            let _ = state;
            format!(
                "Para {} el {} tengo lugar a las {}{}.",
                svc,
                date_es(a.date),
                join_es(&times),
                more
            )
        }
        (None, false) => format!(
            "El {} ya no me queda lugar para {}.{}",
            date_es(a.date),
            svc,
            alternatives
        ),
    }
}

fn question(ws: &Workspace, state: &ConversationState, slot: SlotName) -> String {
    match slot {
        SlotName::ServiceType => {
            let names: Vec<String> = ws.services.iter().map(|s| s.name.to_lowercase()).collect();
            format!("¿Qué te querés hacer? Tenemos {}.", join_es(&names))
        }
        SlotName::PreferredDate => match state.flow {
            Some(Flow::Reschedule) => "¿Para qué día lo querés pasar?".to_string(),
            _ => "¿Para qué día lo querés?".to_string(),
        },
        SlotName::PreferredTime => {
            if state.offers.is_empty() {
                "¿A qué hora te queda cómodo?".to_string()
            } else {
                "¿Qué horario te queda bien?".to_string()
            }
        }
        SlotName::ClientName => match &state.offered_name {
            Some(name) => {
                format!("¿Hago la reserva a nombre de {name}? Si es otro nombre, decime cuál.")
            }
            None => "¿A nombre de quién hago la reserva?".to_string(),
        },
        SlotName::ClientPhone => "¿Me pasás un teléfono de contacto?".to_string(),
        SlotName::BookingId => {
            if state.candidates.is_empty() {
                "¿Me pasás el código de la reserva (por ejemplo BK-1234)?".to_string()
            } else {
                "¿Cuál de esos turnos es? Pasame el código.".to_string()
            }
        }
        SlotName::ClientEmail => "¿Me pasás tu mail?".to_string(),
        SlotName::StaffName => "¿Con quién te querés atender?".to_string(),
    }
}

fn confirmation(ws: &Workspace, state: &ConversationState, call: &ToolCall) -> String {
    match call {
        ToolCall::CreateBooking {
            service,
            date,
            time,
            staff,
            customer_name,
            ..
        } => {
            let price = ws
                .service(service)
                .map(|s| format_price(s.price))
                .unwrap_or_default();
            let with = staff
                .as_deref()
                .map(|s| format!(" con {}", staff_name(ws, s)))
                .unwrap_or_default();
            format!(
                "Te confirmo: {}{} el {} a las {}, a nombre de {} ({}). ¿Lo reservo? Respondé «sí» para confirmar.",
                service_name(ws, service),
                with,
                date_es(*date),
                hhmm(*time),
                customer_name,
                price
            )
        }
        ToolCall::CancelBooking { booking_id, .. } => {
            let what = state
                .target
                .as_ref()
                .filter(|b| &b.booking_id == booking_id)
                .map(|b| format!(" ({})", booking_text(ws, b)))
                .unwrap_or_default();
            format!(
                "¿Confirmás que cancelo tu turno {booking_id}{what}? Respondé «sí» para confirmar."
            )
        }
        ToolCall::RescheduleBooking {
            booking_id,
            date,
            time,
            staff,
            ..
        } => {
            let target = state
                .target
                .as_ref()
                .filter(|b| &b.booking_id == booking_id);
            let from = target
                .map(|b| format!(" ({})", booking_text(ws, b)))
                .unwrap_or_default();
            // Old and new, stylist included: what changes is said.
            let who = match (target, staff) {
                (Some(b), Some(s)) if &b.staff == s => {
                    format!(", con {} como siempre", staff_name(ws, s))
                }
                (Some(b), Some(s)) if state.kept_staff_busy => format!(
                    ", con {} ({} no está libre a esa hora)",
                    staff_name(ws, s),
                    staff_name(ws, &b.staff)
                ),
                (Some(b), Some(s)) => format!(
                    ", con {} en vez de {}",
                    staff_name(ws, s),
                    staff_name(ws, &b.staff)
                ),
                (None, Some(s)) => format!(", con {}", staff_name(ws, s)),
                _ => String::new(),
            };
            format!(
                "¿Paso tu turno {}{} al {} a las {}{}? Respondé «sí» para confirmar.",
                booking_id,
                from,
                date_es(*date),
                hhmm(*time),
                who
            )
        }
        other => format!("¿Confirmás {}?", other.name().as_str()),
    }
}

fn reply(ws: &Workspace, ex: &Extraction, state: &ConversationState, topic: ReplyTopic) -> String {
    let continue_flow = || -> String {
        match (&state.pending, state.expected_slot) {
            (Some(p), _) => format!(" {}", confirmation(ws, state, &p.call)),
            (None, Some(slot)) if state.flow.is_some() => format!(" {}", question(ws, state, slot)),
            _ => String::new(),
        }
    };
    match topic {
        ReplyTopic::Greeting => format!(
            "¡Hola! Soy el asistente de {} 💇‍♀️ ¿En qué te puedo ayudar? Puedo contarte servicios, precios y horarios, o sacarte, cambiarte o cancelarte un turno.",
            ws.name
        ),
        ReplyTopic::Thanks => "¡De nada! Cualquier cosa, escribime. 😊".to_string(),
        ReplyTopic::Ack => format!("¡Perfecto!{}", continue_flow()),
        ReplyTopic::Address => format!(
            "Estamos en {}.{}",
            ws.address,
            continue_flow()
        ),
        ReplyTopic::Payment => format!(
            "Podés pagar con {}.{}",
            join_es(&ws.payment_methods),
            continue_flow()
        ),
        ReplyTopic::Declined => "Dale, no lo confirmo. ¿Qué querés cambiar: el día, el horario o el servicio?".to_string(),
        ReplyTopic::Dropped => "Listo, lo dejamos así: no hice ningún cambio. Cuando quieras, escribime. 😊".to_string(),
        ReplyTopic::Unclear => "Perdón, no te entendí bien. Puedo ayudarte con servicios, precios, horarios y turnos. ¿Me lo contás de otra forma?".to_string(),
        ReplyTopic::UnknownService => {
            let asked = ex.slots.service_type.clone().or_else(|| state.slots.service_type.clone()).unwrap_or_default();
            let names: Vec<String> = ws.services.iter().map(|s| s.name.to_lowercase()).collect();
            format!("Por ahora no hacemos {}. Lo que sí hacemos: {}. ¿Te interesa alguno?", asked, join_es(&names))
        }
        ReplyTopic::NothingToConfirm => "No tengo nada pendiente para confirmar. ¿En qué te ayudo?".to_string(),
        ReplyTopic::IdentityUnknown => "Para ver, cambiar o cancelar un turno tengo que reconocerte por el número de WhatsApp con el que lo sacaste, y desde este chat no puedo. Te paso con una persona del equipo que te ayuda. 🙌".to_string(),
        ReplyTopic::TooManyCodes => "No encuentro turnos con esos códigos a tu nombre. Para no seguir probando, te paso con una persona del equipo que te ayuda. 🙌".to_string(),
    }
}

fn refusal(ws: &Workspace, reason: RefuseReason) -> String {
    match reason {
        RefuseReason::Medical => "No puedo darte consejos médicos ni dermatológicos; para eso lo mejor es consultar con un profesional de la salud. Si querés, te ayudo con un turno o con info de nuestros servicios.".to_string(),
        RefuseReason::Injection => format!(
            "Solo puedo ayudarte con turnos, servicios, precios y horarios de {}. ¿En qué te ayudo?",
            ws.name
        ),
        RefuseReason::OffTopic => format!(
            "Eso no lo puedo responder, pero te ayudo con turnos, servicios, precios y horarios de {}. 😊",
            ws.name
        ),
    }
}
