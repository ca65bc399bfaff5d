//! What the catalog answers say: the services offered (or the one asked about, and what it
//! includes), and the prices asked for.

use super::*;
use crate::domain::replies::join_or;

/// The services offered, or whether the one asked about is ("¿hacen alisado?").
pub(super) fn services_text(
    ws: &Workspace,
    ex: &Extraction,
    l: Lang,
    services: &[ServiceInfo],
) -> String {
    let asked_service = ex.slots.service_type.as_deref();
    let names: Vec<String> = services.iter().map(|s| s.name.clone()).collect();
    // "¿hacen uñas esculpidas? ¿y semi?": those we do (the others were said).
    if ex.slots.services.len() > 1 {
        let ours: Vec<String> = ex
            .slots
            .services
            .iter()
            .filter_map(|s| ws.resolve_service(s))
            .filter_map(|svc| services.iter().find(|s| s.id == svc.id))
            .map(|s| service_line(l, s))
            .collect();
        // "¿el peinado incluye lavado?": yes, it does.
        let one = ex
            .slots
            .service_type
            .as_deref()
            .and_then(|s| ws.resolve_service(s));
        if let (Some(svc), [_]) = (one, ours.as_slice()) {
            let what = included_asked(ws, ex, &svc.id);
            if !what.is_empty() {
                let name = t(
                    l,
                    "service_including",
                    &[("svc", &svc.name), ("what", &join(l, &what))],
                );
                return t(
                    l,
                    "service_yes",
                    &[
                        ("svc", &name),
                        ("price", &format_price(svc.price)),
                        ("n", &svc.duration_minutes.to_string()),
                    ],
                );
            }
        }
        if !ours.is_empty() {
            return t(l, "services_yes", &[("lines", &ours.join("; "))]);
        }
    }
    if let Some(surface) = asked_service {
        return match ws.resolve_service(surface) {
            Some(svc) => t(
                l,
                "service_yes",
                &[
                    ("svc", &svc.name),
                    ("price", &format_price(svc.price)),
                    ("n", &svc.duration_minutes.to_string()),
                ],
            ),
            None => not_offered(ws, l, surface, &ws.kin(surface), "service_no"),
        };
    }
    t(
        l,
        "services",
        &[("business", &ws.name), ("list", &join(l, &names))],
    )
}

/// The prices asked for, and how to pay when that is asked too ("¿cuánto sale el brushing?
/// ¿se puede pagar con transferencia?").
pub(super) fn prices_text(
    ws: &Workspace,
    ex: &Extraction,
    l: Lang,
    call: &ToolCall,
    services: &[ServiceInfo],
) -> String {
    let text = prices_only(ws, ex, l, call, services);
    // "¿quién me la hace? ¿y cuánto sale?": who does it too.
    let one = match services {
        [one] => ws.service(&one.id),
        _ => None,
    };
    match (ex.signals.topic, one) {
        (Some(Topic::Staff), Some(svc)) => {
            format!("{text} {}", tells::staff_for_text(ws, l, svc, ""))
        }
        (Some(Topic::Payment), _) => format!("{text} {}", tells::payment_text(ws, l, "")),
        _ => text,
    }
}

/// The prices asked for: one service's (and what it includes, when asked), several with
/// their total, or the whole list.
fn prices_only(
    ws: &Workspace,
    ex: &Extraction,
    l: Lang,
    call: &ToolCall,
    services: &[ServiceInfo],
) -> String {
    let asked_service = ex.slots.service_type.as_deref();
    if let ToolCall::GetPrices {
        service: Some(_),
        then,
    } = call
    {
        // "¿cuánto sale corte y color?": each, and the whole.
        if !then.is_empty() {
            let lines: Vec<String> = services.iter().map(|s| service_line(l, s)).collect();
            let total: u64 = services.iter().map(|s| s.price).sum();
            let minutes: u32 = services.iter().map(|s| s.duration_minutes).sum();
            return t(
                l,
                "prices_these",
                &[
                    ("lines", &lines.join("; ")),
                    ("price", &format_price(total)),
                    ("n", &minutes.to_string()),
                ],
            );
        }
        if let Some(s) = services.first() {
            // "¿el corte incluye lavado y cuánto sale?": what it includes, said.
            let asked = included_asked(ws, ex, &s.id);
            let key = if asked.is_empty() {
                "price_one"
            } else {
                "price_one_includes"
            };
            return t(
                l,
                key,
                &[
                    ("svc", &s.name),
                    ("price", &format_price(s.price)),
                    ("n", &s.duration_minutes.to_string()),
                    ("what", &join(l, &asked)),
                ],
            );
        }
    }
    let mut text = match asked_service {
        Some(surface) => t(l, "price_unknown", &[("surface", surface)]),
        None => t(l, "prices", &[]),
    };
    let lines: Vec<String> = services.iter().map(|s| service_line(l, s)).collect();
    text.push_str(&lines.join("; "));
    text.push('.');
    text
}

/// What the message names that service `id` includes ("¿el corte incluye lavado?").
fn included_asked(ws: &Workspace, ex: &Extraction, id: &str) -> Vec<String> {
    let Some(svc) = ws.service(id) else {
        return Vec::new();
    };
    ex.slots
        .services
        .iter()
        .filter(|u| svc.includes(u))
        .map(|u| u.to_lowercase())
        .collect()
}

/// "Por ahora no hacemos uñas esculpidas." and what the catalog has like it (`kin`, from
/// [`Workspace::kin`]), with its prices ("Lo más parecido que tenemos: manicura ($10.000) y
/// …"), else all it does; `key` is the reply for all, `key`_kin the one for those alike
/// (`key`_kin1 for one).
pub(super) fn not_offered(
    ws: &Workspace,
    l: Lang,
    surface: &str,
    kin: &[&Service],
    key: &str,
) -> String {
    if kin.is_empty() {
        let names: Vec<String> = ws.services.iter().map(|s| s.name.to_lowercase()).collect();
        return t(l, key, &[("surface", surface), ("list", &join(l, &names))]);
    }
    let lines: Vec<String> = kin
        .iter()
        .map(|s| format!("{} ({})", s.name.to_lowercase(), format_price(s.price)))
        .collect();
    t(
        l,
        &format!("{key}_kin{}", if lines.len() == 1 { "1" } else { "" }),
        &[("surface", surface), ("list", &join(l, &lines))],
    )
}

/// Which service: of those offered as alike to one not done ("Lo más parecido que tenemos:
/// …"), else of the catalog (of what the stylist asked for does: "quiero turno con Martín").
pub(super) fn service_question(ws: &Workspace, state: &ConversationState, l: Lang) -> String {
    if !state.kin.is_empty() {
        let names: Vec<String> = (state.kin.iter())
            .filter_map(|id| ws.service(id))
            .map(|s| s.name.to_lowercase())
            .collect();
        return t(l, "ask_service_kin", &[("list", &join_or(l, &names))]);
    }
    let staff = state.resolved.staff.as_deref();
    let does =
        |s: &&Service| staff.is_none_or(|id| s.staff.is_empty() || s.staff.iter().any(|x| x == id));
    let names: Vec<String> = ws
        .services
        .iter()
        .filter(does)
        .map(|s| s.name.to_lowercase())
        .collect();
    match staff.and_then(|id| ws.staff_member(id)) {
        Some(who) if !names.is_empty() && names.len() < ws.services.len() => t(
            l,
            "ask_service_staff",
            &[("staff", &who.name), ("list", &join(l, &names))],
        ),
        _ => t(l, "ask_service", &[("list", &join(l, &names))]),
    }
}
