//! The summary a customer confirms: what is booked, cancelled or moved, old and new.

use super::*;

pub(super) fn confirmation(ws: &Workspace, state: &ConversationState, call: &ToolCall) -> String {
    let l = lang(state);
    match call {
        ToolCall::CreateBooking {
            service,
            then,
            date: d,
            time,
            staff,
            customer_name,
            contact_phone,
            ..
        } => {
            let visit: Vec<_> = std::iter::once(service)
                .chain(then)
                .filter_map(|id| ws.service(id))
                .collect();
            let total: u64 = visit.iter().map(|s| s.price).sum();
            let price = if then.is_empty() {
                format_price(total)
            } else {
                let minutes: u32 = visit.iter().map(|s| s.duration_minutes).sum();
                t(
                    l,
                    "visit_price",
                    &[
                        ("price", &format_price(total)),
                        ("minutes", &minutes.to_string()),
                    ],
                )
            };
            let mut with = staff
                .as_deref()
                .map(|s| t(l, "with_staff", &[("staff", &staff_name(ws, s))]))
                .unwrap_or_default();
            // The stylist is the first service's: "Corte de dama con Martín y Manicura".
            let svc = if then.is_empty() {
                services_text(ws, l, service, then)
            } else {
                let mut names = vec![format!("{}{}", service_name(ws, service), with)];
                names.extend(then.iter().map(|id| service_name(ws, id)));
                with = String::new();
                join(l, &names)
            };
            // "mi celu es …": the number kept with the booking is said with the name.
            let name = match contact_phone {
                Some(phone) => t(
                    l,
                    "name_contact",
                    &[("name", customer_name), ("phone", phone)],
                ),
                None => customer_name.clone(),
            };
            t(
                l,
                "confirm_book",
                &[
                    ("svc", &svc),
                    ("with", &with),
                    ("date", &date(l, *d)),
                    ("time", &hhmm(*time)),
                    ("name", &name),
                    ("price", &price),
                ],
            )
        }
        // "cancelame todos los turnos": all of them, at once.
        ToolCall::CancelBooking { .. } if state.cancel_all && state.candidates.len() > 1 => {
            let list: Vec<String> = state
                .candidates
                .iter()
                .map(|b| format!("{} ({})", b.booking_id, booking_text(ws, l, b)))
                .collect();
            let n = state.candidates.len().to_string();
            t(
                l,
                "confirm_cancel_all",
                &[("n", &n), ("list", &join(l, &list))],
            )
        }
        ToolCall::CancelBooking { booking_id, .. } => {
            let what = state
                .target
                .as_ref()
                .filter(|b| &b.booking_id == booking_id)
                .map(|b| format!(" ({})", booking_text(ws, l, b)))
                .unwrap_or_default();
            t(l, "confirm_cancel", &[("id", booking_id), ("what", &what)])
        }
        ToolCall::RescheduleBooking {
            booking_id,
            date: d,
            time,
            staff,
            services,
            customer_name,
            ..
        } => {
            let target = state
                .target
                .as_ref()
                .filter(|b| &b.booking_id == booking_id);
            let from = target
                .map(|b| format!(" ({})", booking_text(ws, l, b)))
                .unwrap_or_default();
            // "perdón, el nombre es Nicolás": the booking stays; its name changes.
            let stays = target.is_some_and(|b| b.date == *d && b.time == *time);
            if let (Some(name), true, true) = (customer_name, stays, services.is_empty()) {
                return t(
                    l,
                    "confirm_rename",
                    &[("id", booking_id), ("from", &from), ("name", name)],
                );
            }
            // Old and new, stylist included: what changes is said.
            let who = match (target, staff) {
                (Some(b), Some(s)) => {
                    let key = if &b.staff == s {
                        "staff_same"
                    } else if state.kept_staff_busy {
                        "staff_busy"
                    } else {
                        "staff_instead"
                    };
                    t(
                        l,
                        key,
                        &[
                            ("staff", &staff_name(ws, s)),
                            ("old", &staff_name(ws, &b.staff)),
                        ],
                    )
                }
                (None, Some(s)) => t(l, "staff_new", &[("staff", &staff_name(ws, s))]),
                _ => String::new(),
            };
            // Another service: what it is for now is said first.
            let (key, svc) = match services.split_first() {
                Some((first, then)) => ("confirm_change", services_text(ws, l, first, then)),
                None => ("confirm_move", String::new()),
            };
            t(
                l,
                key,
                &[
                    ("id", booking_id),
                    ("from", &from),
                    ("svc", &svc),
                    ("date", &date(l, *d)),
                    ("time", &hhmm(*time)),
                    ("who", &who),
                ],
            )
        }
        other => t(l, "confirm_other", &[("what", other.name().as_str())]),
    }
}
