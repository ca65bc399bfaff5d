//! Weights on the reading of a message: its first signals (from the words alone), whether it
//! speaks of a booking it has, and what the topics of `other` do to the intent scores.

use super::asks;
use super::names::booking_for;
use crate::domain::catalog::Workspace;
use crate::nlu::candidates::Candidate;
use crate::nlu::signals::{self, Topic};
use crate::nlu::{ExtractContext, Intent, Signals, SlotName};
use crate::text::Words;

/// The signals read from the words alone, before the message's dates, times and services are
/// found; and the words of "mismo día y horario" (they name no day and ask no hours).
pub(super) fn first_signals(
    ws: &Workspace,
    text: &str,
    words: &Words,
    ctx: &ExtractContext,
) -> (Signals, Vec<usize>) {
    let n = words.norms();
    let affirmation = signals::affirmation(words).or_else(|| signals::emoji_answer(text));
    let (same_words, same_day, same_time) = signals::same_refs(&n);
    let (topic, faq) = asks::topic(ws, words);
    let signals = Signals {
        affirmation,
        topic,
        faq,
        closes: signals::closes(words, affirmation),
        same_day,
        same_time,
        day_part: None,
        visits: Vec::new(),
        person_times: Vec::new(),
        other_day: false,
        soonest: false,
        first_of_day: false,
        last_of_day: false,
        not_weekdays: Vec::new(),
        asks_price: false,
        asks_hours: false,
        shift: None,
        shift_by: None,
        farewell: signals::farewell(words),
        asks_leave: signals::asks_leave(words),
        not_staff: crate::nlu::staff::turned_down(ws, words),
        adds: signals::adds(words),
        // "¿tengo algún otro turno?" asks about one's bookings; it books no second one.
        another: topic != Some(Topic::Bookings) && signals::another(words),
        that_one: signals::that_one(words),
        all_of_them: signals::all_of_them(words),
        both: signals::both(words),
        both_count: signals::both_count(words),
        early: signals::arrives_early(words),
        thanks: signals::thanks(words),
        new_booking: signals::new_booking(words),
        other_staff: signals::other_staff(words),
        usual_staff: signals::usual_staff(words),
        no_code: signals::no_code(words),
        other_person: signals::other_person(words),
        corrects: signals::corrects(words),
        by_its_service: false,
        for_two: signals::for_two(words),
        party: signals::party(words),
        for_a_man: signals::for_a_man(words),
        other_is_a_man: signals::other_is_a_man(words),
        own_is_a_man: false,
        for_another: signals::for_another(words),
        same_visit: signals::same_visit(words),
        right_after: signals::right_after(words),
        books_again: signals::books_again(words),
        asks_end: signals::asks_end(words),
        booking_for: booking_for(words, ctx),
        in_name_of: words.norms().windows(2).any(|w| w == ["a", "nombre"]),
        second_services: Vec::new(),
        booked_date: None,
        booked_time: None,
        booked_service: None,
        without: Vec::new(),
        only: false,
        books: signals::books(words),
        same_question: false,
        pick: asks::choosing(ctx).then(|| signals::pick(words)).flatten(),
    };
    (signals, same_words)
}

/// A booking is what has that day ("tengo turno", "mi cita", "my appt", "lo mío
/// era"), not a wedding ("tengo un casamiento el sábado"); and not a second one
/// ("quiero sacar otro para mi hermana").
/// Right after booking, "en vez del jueves, el viernes" speaks of that booking.
pub(super) fn of_a_booking(
    n: &[&str],
    cands: &[Candidate],
    booked_id: bool,
    of_a_service: bool,
    ctx: &ExtractContext,
) -> bool {
    booked_id
        || of_a_service
        || ctx.after_booking
        // "el corte que tengo el viernes" (not "una presentación que tengo el viernes"),
        // "tengo el brushing a las 12"
        || n.windows(2).enumerate().any(|(i, w)| {
            let service_at = |f: fn(&Candidate) -> usize, at: usize| {
                cands
                    .iter()
                    .any(|c| c.slot == SlotName::ServiceType && f(c) == at)
            };
            (w == ["que", "tengo"] && service_at(|c| c.to, i))
                || (w[0] == "tengo"
                    && matches!(w[1], "el" | "la" | "mi")
                    && service_at(|c| c.from, i + 2))
        })
        || n.iter().any(|w| {
            matches!(
                *w,
                "turno"
                    | "reserva"
                    | "reservado"
                    | "reserve"
                    | "agende"
                    | "cita"
                    | "booking"
                    | "appointment"
                    | "appt"
                    | "booked"
                    | "horario"
                    | "marcada"
                    | "marcado"
                    | "tenia"
                    | "toca"
                    | "mio"
                    | "saque"
                    | "anote"
            )
        })
}

/// What the message names, for the weights.
#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    /// A service wanted.
    pub has_service: bool,
    /// A date, a time, or a part of the day answering the question.
    pub has_when: bool,
    /// A time.
    pub has_time: bool,
    /// A date or time said to be a service's ("la manicura era para el viernes").
    pub of_a_service: bool,
    /// A booking code.
    pub booked_id: bool,
}

/// The topics of `other` weigh on the scores: a handoff, a complaint, the business's own
/// answers, a late arrival.
pub(super) fn weigh_topic(
    scores: &mut [f32; 9],
    signals: &Signals,
    text: &str,
    n: &[&str],
    f: Found,
) {
    match signals.topic {
        Some(Topic::Injection) => scores[Intent::Other.index()] += 6.0,
        Some(Topic::Medical) => scores[Intent::Other.index()] += 4.0,
        Some(Topic::Handoff) => {
            scores[Intent::Other.index()] += 3.0;
            // "¿me pasás con la dueña?" moves no booking.
            if !f.has_when && !f.booked_id {
                scores[Intent::Reschedule.index()] = 0.0;
            }
        }
        Some(Topic::Complaint) => scores[Intent::Other.index()] += 3.0,
        Some(Topic::Payment | Topic::Address | Topic::Bookings | Topic::Faq) => {
            // "hay estacionamiento? y qué precio tiene el corte": the business's answer
            // comes with the price or the booking asked for (the reply says both).
            let more = f.has_service && (signals.asks_price || (f.has_when && !f.of_a_service));
            if !(signals.topic == Some(Topic::Faq) && more) {
                scores[Intent::Other.index()] += 2.5;
            }
            // "se puede pagar en cuotas la keratina?": how to pay for a service, no day
            // asked for, no booking cue beyond the service.
            if signals.topic == Some(Topic::Payment)
                && !f.has_when
                && text.contains(['?', '¿'])
                && scores[Intent::Book.index()] < 2.5
                && !n.iter().any(|w| asks::booking_word(w))
            {
                scores[Intent::Other.index()] += 1.5;
                scores[Intent::Book.index()] -= 1.0;
            }
            // "¿hay que dejar seña para reservar?": asked about, nothing booked.
            if signals.topic == Some(Topic::Faq)
                && !f.has_when
                && !f.has_service
                && text.contains('?')
            {
                scores[Intent::Other.index()] += 2.0;
                scores[Intent::Book.index()] *= 0.5;
                // "¿con cuánto tiempo antes tengo que cancelar?": the policy, nothing
                // cancelled.
                scores[Intent::Cancel.index()] *= 0.5;
                scores[Intent::Reschedule.index()] *= 0.5;
            }
        }
        // "el miércoles llego 10 minutos tarde": the day is the booking's; nothing is
        // asked for.
        // "voy a llegar tipo 10:20, ¿me esperan?": the hour is the arrival's; a booking
        // verb is needed to book ("llego tarde, reservame a las 11").
        Some(Topic::Late) => {
            scores[Intent::Other.index()] += 3.0;
            scores[Intent::Reschedule.index()] = 0.0;
            if !f.has_time || !signals.books {
                scores[Intent::Book.index()] = 0.0;
            }
        }
        // "¿se puede hacer con el pelo teñido?" asks about the service (the planner
        // answers that someone of the team confirms it).
        Some(Topic::Staff | Topic::Duration | Topic::Expert) | None => {}
    }
}
