//! How a date or time links to its neighbours: the day of a booked service ("la keratina del
//! 15" names the booking, not a wish) and the day a time belongs to ("a las nueve de la mañana
//! del viernes" wants the Friday as much as the nine).

use crate::nlu::candidates::{before, Candidate};
use crate::nlu::SlotName;

/// Marks as old the dates and times that name a booked service's day ("el corte de hoy lo
/// podemos dejar para el sábado?", "la keratina del 15", "o corte de quinta"): the service
/// right before "de"/"del" + the value. Returns whether one was marked: the message speaks
/// of a booking.
pub fn mark_of_a_service(n: &[&str], whens: &mut [Candidate], services: &[Candidate]) -> bool {
    let mut any = false;
    for c in whens.iter_mut() {
        const OF: [&str; 4] = ["de", "del", "da", "do"];
        let of = |k: usize| before(n, c.from, k).is_some_and(|w| OF.contains(&w));
        // "<service> de hoy", "<service> de la semana que viene", "<service> da sexta".
        let service_end = if of(1) {
            Some(c.from - 1)
        } else if matches!(before(n, c.from, 1), Some("el" | "la" | "a" | "o" | "las")) && of(2) {
            Some(c.from - 2)
        } else {
            None
        };
        if !c.role.new
            && service_end.is_some_and(|at| {
                services
                    .iter()
                    .any(|s| s.slot == SlotName::ServiceType && s.to == at)
            })
        {
            c.role.old = true;
            any = true;
        }
    }
    any
}

/// Gives a date that follows a time through "del"/"de" ("a las 9 del viernes", "al mediodía
/// del jueves", "a las siete y media del martes") the role of that time: the "del" ties the
/// day to the hour, it does not name a booking ("mi turno del viernes"). A time that is the
/// old one of a change keeps its day old ("mi turno de las 9 del viernes").
pub fn tie_dates_to_times(n: &[&str], dates: &mut [Candidate], times: &[Candidate]) {
    for d in dates.iter_mut() {
        if !matches!(before(n, d.from, 1), Some("del" | "de" | "do" | "da")) {
            continue;
        }
        // "del viernes" or "de el viernes" right after the time's last word.
        let of_at = d.from - 1;
        if let Some(t) = times.iter().find(|t| t.to == of_at) {
            d.role.old = t.role.old;
            d.role.new = d.role.new || t.role.new;
            d.role.context = t.role.context;
            d.role.negated = d.role.negated || t.role.negated;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::nlu::rules::tests::ex;
    use crate::nlu::Intent;
    use rstest::rstest;

    #[rstest]
    #[case(
        "a las nueve de la mañana del viernes quiero un corte",
        "viernes",
        "09:00"
    )]
    #[case("al mediodía del jueves una manicura", "jueves", "12:00")]
    #[case("a las 7 y media del martes pestañas", "martes", "19:30")]
    #[case("quiero turno para las once y veinte del sábado", "sábado", "11:20")]
    fn the_day_of_a_time_is_wanted_with_it(
        #[case] text: &str,
        #[case] date: &str,
        #[case] time: &str,
    ) {
        let e = ex(text);
        assert_eq!(e.intent, Intent::Book, "{text}");
        assert_eq!(e.slots.preferred_date.as_deref(), Some(date), "{text}");
        assert_eq!(e.slots.preferred_time.as_deref(), Some(time), "{text}");
    }

    #[test]
    fn the_day_of_a_booked_time_stays_the_old_one() {
        let e = ex("quiero pasar mi turno de las 9 del viernes al sábado");
        assert_eq!(e.intent, Intent::Reschedule);
        assert_eq!(e.slots.preferred_date.as_deref(), Some("sábado"));
    }
}
