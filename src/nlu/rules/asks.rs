//! What a message asks, read with the business and the conversation: the business's own
//! answer (`[[faq]]`), a stylist's days, a pick among the times offered, the question before
//! asked again.

use crate::domain::catalog::Workspace;
use crate::nlu::signals::{self, Topic};
use crate::nlu::{ExtractContext, Intent, SlotName};
use crate::text::Words;

/// The message's topic, and the business's own answer it asks for: that answer ("¿hay que
/// dejar seña?") wins over the general topics, not over a handoff, a medical question, a
/// complaint, a late arrival or an injection.
pub(super) fn topic(ws: &Workspace, words: &Words) -> (Option<Topic>, Option<usize>) {
    let topic = signals::topic(words);
    let faq = ws.faq_match(words).filter(|_| match topic {
        Some(Topic::Injection | Topic::Medical | Topic::Complaint) => false,
        // "¿con cuánta anticipación hay que cancelar?": the business's answer, unless a
        // person is asked for.
        Some(Topic::Handoff) => !signals::asks_person(words),
        _ => true,
    });
    // "si llego 10 minutos tarde, ¿hay problema?": running late, and the business's answer
    // about it (its tolerance) is the reply.
    (
        if faq.is_some() && topic != Some(Topic::Late) {
            Some(Topic::Faq)
        } else {
            topic
        },
        faq,
    )
}

/// A question about a stylist's days ("¿Caro atiende el jueves?", "¿Lucía está el 15?",
/// "does Caro work on saturdays?"): her name (word span `staff`) next to a verb of working
/// ("está" only with a day: "la sofi está de novia?" is not one), a question mark, and no
/// word of booking or wanting ("q dias trabaja Martin? quiero ir mañana" books).
pub(super) fn staff_days(
    n: &[&str],
    staff: Option<(usize, usize)>,
    has_date: bool,
    text: &str,
) -> bool {
    // "¿y Caro puede ese día?": the day talked about.
    let has_date = has_date
        || n.windows(2)
            .any(|w| matches!(w, ["ese" | "esa", "dia" | "fecha"]));
    let works = |w: &str| {
        matches!(
            w,
            "atiende"
                | "trabaja"
                | "viene"
                | "work"
                | "works"
                | "working"
                | "atende"
                | "trabalha"
                | "trabajando"
                | "atendiendo"
        ) || (matches!(w, "esta" | "puede") && has_date)
    };
    let Some((from, to)) = staff else {
        return false;
    };
    let near =
        n.get(to).is_some_and(|w| works(w)) || from.checked_sub(1).is_some_and(|j| works(n[j]));
    let books = n
        .iter()
        .any(|w| booking_word(w) || matches!(*w, "quiero" | "queria" | "quisiera" | "necesito"));
    near && text.contains('?') && !books
}

/// A word that names a booking ("turno", "reserva", "appointment"): a question with one is
/// about booking, not only about how to pay or when a stylist works.
pub(super) fn booking_word(w: &str) -> bool {
    matches!(
        w,
        "turno" | "turnito" | "reserva" | "cita" | "lugar" | "appointment"
    )
}

/// Whether the customer is choosing among times offered: asked the time, or offered other
/// days' times when asked the day ("el domingo estamos cerrados. Te puedo ofrecer…").
pub(super) fn choosing(ctx: &ExtractContext) -> bool {
    match ctx.expected_slot {
        Some(SlotName::PreferredTime) => true,
        // Or times offered with nothing asked ("el martes cerramos; te puedo ofrecer el
        // miércoles a las 10:00, 10:30 y 11:00").
        Some(SlotName::PreferredDate) | None => ctx.offers(),
        _ => false,
    }
}

/// Right after a question about prices, services or hours (`ExtractContext::last_info`), the
/// same question again: "¿y la manicura?" after "¿cuánto sale la pedicura?" asks about another
/// service, "¿y el sábado?" after the hours about another day (that question's intent, not a
/// booking); "¿y cuánto dura?", "¿y sale?" after "¿hacen alisado?" about the same service
/// (not "¿y la lista de precios?"). The intent to read, and whether it is that question again.
pub(super) fn same_question(
    ctx: &ExtractContext,
    n: &[&str],
    intent: Intent,
    has_service: bool,
    has_when: bool,
    books: bool,
) -> (Intent, bool) {
    let Some(info) = ctx.last_info else {
        return (intent, false);
    };
    let list = n.iter().any(|w| {
        matches!(
            *w,
            "lista" | "todos" | "todas" | "todo" | "precios" | "servicios" | "horarios"
        )
    });
    // "¿hacen peinados?" … "¡Sí! …", then "¿cuánto sale?": that one's price.
    if info == Intent::InfoServices
        && intent == Intent::InfoPrices
        && !(has_service || has_when || list || books)
    {
        return (intent, true);
    }
    // "y…", also after a word taking the last answer in ("ah ok. ¿y el lifting?").
    let opens = n.iter().find(|w| !signals::takes_answer_in(w));
    if opens != Some(&"y") || books {
        return (intent, false);
    }
    let another = match info {
        Intent::InfoHours => has_when && !has_service,
        _ => has_service && !has_when,
    };
    if intent == Intent::Book && another {
        return (info, true);
    }
    let same = !has_service && !has_when && !list && intent != Intent::Book;
    (intent, same)
}
