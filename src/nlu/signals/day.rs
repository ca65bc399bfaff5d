//! The part of the day a message asks for ("a la tarde", "temprano"), not the one the
//! customer is busy in.

use super::shift;
use crate::domain::understanding::DayPart;
use crate::nlu::lexicon::lexicon;
use crate::text::Words;

/// The part of the day a message asks for ("a la tarde", "temprano", "in the evening").
/// "más temprano" asks for an earlier time, not for the morning.
/// Of several, the first one named that is not the customer's own time ("a la mañana
/// trabajo", "a la mañana no puedo"): "el jueves a la tarde porque a la mañana trabajo" asks
/// for the afternoon.
pub fn day_part(words: &Words) -> Option<DayPart> {
    if shift(words).is_some() {
        return None;
    }
    let lx = lexicon();
    let n = words.norms();
    let mut named: Vec<(usize, DayPart)> = Vec::new();
    for p in DayPart::ALL {
        for phrase in lx.day_parts.get(p.as_str()).into_iter().flatten() {
            let len = phrase.split(' ').count();
            for i in 0..n.len().saturating_sub(len - 1) {
                if n[i..i + len].join(" ") == *phrase && !taken(&n, i, i + len) {
                    named.push((i, p));
                }
            }
        }
    }
    named.sort_by_key(|(i, _)| *i);
    let &(at, part) = named.first()?;
    // "el viernes, pero no a la mañana": the rest of the day.
    let not = at
        .checked_sub(1)
        .is_some_and(|j| matches!(n[j], "no" | "not" | "nao"));
    let noon = chrono::NaiveTime::from_hms_opt(13, 0, 0)?;
    let evening = chrono::NaiveTime::from_hms_opt(19, 0, 0)?;
    Some(match (not, part) {
        (true, DayPart::Morning) => DayPart::From(noon),
        (true, DayPart::Evening) => DayPart::Before(evening),
        // Not the afternoon: the morning, as most who say so mean.
        (true, DayPart::Afternoon) => DayPart::Morning,
        (_, p) => p,
    })
}

/// "a la mañana trabajo", "a la mañana no puedo", "porque a la mañana…": a part of the day
/// the customer is busy in.
fn taken(n: &[&str], from: usize, to: usize) -> bool {
    let busy = matches!(
        n.get(to).copied(),
        Some(
            "trabajo"
                | "laburo"
                | "no"
                | "tengo"
                | "estoy"
                | "curso"
                | "estudio"
                | "entro"
                | "imposible"
                | "complicado"
        )
    );
    let because = (1..=2).any(|k| {
        from.checked_sub(k)
            .is_some_and(|j| matches!(n[j], "porque" | "xq" | "pq"))
    }) || from
        .checked_sub(1)
        .is_some_and(|j| matches!(n[j], "salgo" | "entro" | "trabajo" | "laburo"));
    // "tengo una fiesta a la noche", "el casamiento es a la tarde": the event's time, not
    // the one wanted (the hair is done before).
    let event = (1..=3).any(|k| from.checked_sub(k).is_some_and(|j| is_event(n[j])));
    busy || because || event
}

/// An event a service is done for ("fiesta", "casamiento", "wedding", "festa").
fn is_event(w: &str) -> bool {
    matches!(
        w,
        "fiesta"
            | "casamiento"
            | "boda"
            | "evento"
            | "cumple"
            | "cumpleanos"
            | "egreso"
            | "graduacion"
            | "party"
            | "wedding"
            | "event"
            | "festa"
            | "casamento"
            | "formatura"
    )
}

/// Whether the message asks for the first time of a day ("el sábado a primera hora",
/// "first thing on friday").
pub fn first_of_day(words: &Words) -> bool {
    super::says(words, &lexicon().first_of_day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    /// The part of the day wanted, not an event's (the customer's busy one: the cases of
    /// `signals::tests::when_and_what_words`).
    #[rstest]
    #[case("para el 24, tengo una fiesta a la noche", None)]
    #[case(
        "peinado para un casamiento a la noche, a la tarde puedo",
        Some(DayPart::Afternoon)
    )]
    #[case("el sábado a la noche", Some(DayPart::Evening))]
    #[case(
        "brushing el viernes, pero no a la mañana",
        Some(DayPart::From(chrono::NaiveTime::from_hms_opt(13, 0, 0).unwrap()))
    )]
    #[case("no a la tarde, a la mañana", Some(DayPart::Morning))]
    #[case("tenes lugar el vierns a la tard?", Some(DayPart::Afternoon))]
    fn the_part_of_the_day_wanted(#[case] text: &str, #[case] want: Option<DayPart>) {
        assert_eq!(day_part(&Words::new(text)), want, "{text}");
    }
}
