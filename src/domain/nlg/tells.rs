//! What a reply tells besides the step's own answer: a person offered after a price, the
//! room a group's time has, a closed day not said yet; and the payment methods in the
//! customer's language.

use super::*;

/// A question for someone of the team asked with a price, outside a booking: the price is
/// answered and a person offered (a yes next hands over).
pub fn expert_after_price(state: &ConversationState, ex: &Extraction, last: &Plan) -> bool {
    ex.signals.topic == Some(Topic::Expert)
        && state.flow.is_none()
        && matches!(last, Plan::Call(ToolCall::GetPrices { .. }))
}

/// A group's booking asks on after a check of its time found room for fewer of them.
pub fn tells_room(state: &ConversationState, executed: &[Executed], last: &Plan) -> bool {
    matches!(last, Plan::Ask(_))
        && state.for_two
        && state.flow == Some(Flow::Book)
        && state.group_booked == 0
        && state.short_of_room()
        && state.room_told.is_none()
        && executed
            .iter()
            .any(|e| matches!(e.call, ToolCall::CheckAvailability { time: Some(_), .. }))
}

/// A booking asks the service for a day the business is closed, not said yet.
pub fn tells_closed(ws: &Workspace, state: &ConversationState, last: &Plan) -> bool {
    matches!(last, Plan::Ask(SlotName::ServiceType))
        && state.flow == Some(Flow::Book)
        && state
            .resolved
            .date
            .is_some_and(|d| !ws.is_open_on(d) && state.told_closed != Some(d))
}

/// The business's payment methods in the customer's language: the usual Spanish names a
/// workspace lists ("efectivo", "débito") translated, any other name (a brand: "Mercado
/// Pago") as written.
pub fn payment_methods(ws: &Workspace, l: Lang) -> Vec<String> {
    ws.payment_methods
        .iter()
        .map(|m| {
            let said = match (crate::text::fold_compare(m).as_str(), l) {
                ("efectivo", Lang::En) => "cash",
                ("debito" | "tarjeta de debito", Lang::En) => "debit card",
                ("credito" | "tarjeta de credito", Lang::En) => "credit card",
                ("transferencia" | "transferencia bancaria", Lang::En) => "bank transfer",
                ("efectivo", Lang::Pt) => "dinheiro",
                ("debito" | "tarjeta de debito", Lang::Pt) => "cartão de débito",
                ("credito" | "tarjeta de credito", Lang::Pt) => "cartão de crédito",
                ("transferencia" | "transferencia bancaria", Lang::Pt) => "transferência",
                _ => m.as_str(),
            };
            said.to_string()
        })
        .collect()
}

/// How to pay, in the customer's language, then `next` (the flow's question, or nothing).
pub fn payment_text(ws: &Workspace, l: Lang, next: &str) -> String {
    let methods = join(l, &payment_methods(ws, l));
    t(l, "payment", &[("methods", &methods), ("next", next)])
}

/// Who does `svc` ("Corte de dama lo hacen Caro y Martín"), then `next`.
pub fn staff_for_text(ws: &Workspace, l: Lang, svc: &Service, next: &str) -> String {
    let names: Vec<String> = ws.staff_for(svc).iter().map(|s| s.name.clone()).collect();
    let key = if names.len() == 1 {
        "staff_for_one"
    } else {
        "staff_for"
    };
    t(
        l,
        key,
        &[
            ("svc", &svc.name),
            ("staff", &join(l, &names)),
            ("next", next),
        ],
    )
}

/// A complaint in a message that books anyway: acknowledged before the booking's reply.
pub fn complaint_noted(l: Lang, ex: &Extraction, last: &Plan) -> Option<String> {
    (ex.signals.topic == Some(Topic::Complaint) && !matches!(last, Plan::Handoff))
        .then(|| t(l, "complaint_noted", &[]))
}

/// The name a customer is greeted by: the first word of the booking's name, or the first
/// two of a compound given name ("María José", "Juan Martín", not "Carla Méndez").
pub fn given_name(full: &str) -> Option<String> {
    const FIRST: &str = "maria juan jose ana luz mari";
    const SECOND: &str = "jose josefina laura paz belen pilar sol luz emilia victoria ines \
        eugenia florencia fernanda jesus cruz pablo manuel ignacio martin carmen elena isabel \
        andres luis antonio lucia clara agustina celeste";
    let words: Vec<&str> = full.split_whitespace().collect();
    let first = *words.first()?;
    let is = |list: &str, w: &str| {
        list.split_whitespace()
            .any(|x| x == crate::text::fold(w).to_lowercase())
    };
    match words.get(1) {
        Some(second) if is(FIRST, first) && is(SECOND, second) => Some(format!("{first} {second}")),
        _ => Some(first.to_string()),
    }
}

/// The business's own answer the message asks for, as written (in the customer's language
/// when given).
pub(super) fn faq_answer(ws: &Workspace, l: Lang, ex: &Extraction) -> Option<String> {
    let f = ex.signals.faq.and_then(|i| ws.faq.get(i))?;
    let answer = match l {
        Lang::En => f.answer_en.as_ref(),
        Lang::Pt => f.answer_pt.as_ref(),
        Lang::Es => None,
    };
    Some(answer.unwrap_or(&f.answer).clone())
}

/// What the lookup of the customer's last visits found ("con la misma chica de la otra
/// vez"), before the booking goes on.
pub(super) fn usual_note(ws: &Workspace, l: Lang, state: &ConversationState) -> String {
    match state.usual.clone() {
        None => t(l, "usual_none", &[]),
        Some(id) if state.resolved.staff.as_deref() == Some(id.as_str()) => {
            t(l, "usual_staff", &[("who", &staff_name(ws, &id))])
        }
        Some(id) => {
            let svc = state
                .service_id()
                .map(|s| service_name(ws, s))
                .unwrap_or_default();
            t(
                l,
                "usual_staff_cannot",
                &[("who", &staff_name(ws, &id)), ("svc", &svc)],
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payment_methods_are_said_in_the_customers_language() {
        let ws = crate::domain::catalog::tests::demo();
        let en = payment_methods(&ws, Lang::En);
        assert!(en.contains(&"cash".to_string()) && en.contains(&"credit card".to_string()));
        assert!(en.contains(&"Mercado Pago".to_string()), "{en:?}");
        assert!(payment_methods(&ws, Lang::Pt).contains(&"dinheiro".to_string()));
        assert_eq!(payment_methods(&ws, Lang::Es), ws.payment_methods);
    }

    #[test]
    fn greeted_by_the_given_name() {
        assert_eq!(given_name("María José").as_deref(), Some("María José"));
        assert_eq!(
            given_name("Juan Martín Pérez").as_deref(),
            Some("Juan Martín")
        );
        assert_eq!(given_name("Carla Méndez").as_deref(), Some("Carla"));
        assert_eq!(given_name("María Gómez").as_deref(), Some("María"));
        assert_eq!(given_name(" ").as_deref(), None);
    }
}
