//! How a date or time links to its neighbours: the day of a booked service ("la keratina del
//! 15" names the booking, not a wish) and the day a time belongs to ("a las nueve de la mañana
//! del viernes" wants the Friday as much as the nine).

use crate::domain::understanding::Visit;
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

/// Gives a time right after a day that is a booking's ("tengo turno con Caro el jueves a las
/// 10, ¿lo pasás al viernes?") or an event's ("tengo el casamiento el sábado a las 20") that
/// day's role: it is that booking's or that event's hour, not the one asked for.
pub fn tie_times_to_dates(times: &mut [Candidate], dates: &[Candidate]) {
    for t in times.iter_mut().filter(|t| !t.role.new) {
        if let Some(d) = dates.iter().find(|d| d.to == t.from) {
            t.role.old |= d.role.old;
            // An event's hour is context, as "la fiesta es a las 8" makes it.
            t.role.event |= d.role.event;
            t.role.context |= d.role.event;
        }
    }
}

/// "corte el viernes a las 11 y uñas el sábado a las 10", "el jueves manos y el sábado
/// pies": services wanted on days of their own, one visit per day (in the message's order;
/// empty unless two or more days are named, each for its own services). A day or time
/// belongs to the service before it, or to the one after it when the message names a day
/// before any service; a service with no day of its own joins the visit of its neighbour
/// ("corte y color el viernes y uñas el sábado").
pub fn visits(services: &[Candidate], dates: &[Candidate], times: &[Candidate]) -> Vec<Visit> {
    let dates: Vec<&Candidate> = dates.iter().filter(|c| c.role.wanted()).collect();
    let times: Vec<&Candidate> = times.iter().filter(|c| c.role.wanted()).collect();
    if services.len() < 2 || dates.len() < 2 {
        return Vec::new();
    }
    let days_first = dates[0].from < services[0].from;
    // The service a value at word `at` belongs to.
    let owner = |at: usize| -> usize {
        if days_first {
            services
                .iter()
                .position(|s| s.from > at)
                .unwrap_or(services.len() - 1)
        } else {
            services.iter().rposition(|s| s.to <= at).unwrap_or(0)
        }
    };
    let mut day_of: Vec<Option<&Candidate>> = vec![None; services.len()];
    for d in &dates {
        let k = owner(d.from);
        if day_of[k].is_some() {
            return Vec::new();
        }
        day_of[k] = Some(d);
    }
    // Services without a day join the next one with a day (days after services), or the
    // one before (days first).
    let mut visits: Vec<Visit> = Vec::new();
    let mut waiting: Vec<String> = Vec::new();
    for (k, s) in services.iter().enumerate() {
        match day_of[k] {
            Some(d) => {
                let mut services = std::mem::take(&mut waiting);
                services.push(s.value.clone());
                visits.push(Visit {
                    services,
                    date: Some(d.value.clone()),
                    time: None,
                });
            }
            None if days_first && !visits.is_empty() => {
                if let Some(v) = visits.last_mut() {
                    v.services.push(s.value.clone());
                }
            }
            None => waiting.push(s.value.clone()),
        }
    }
    if let Some(v) = visits.last_mut() {
        v.services.append(&mut waiting);
    }
    let distinct = visits.windows(2).all(|p| {
        crate::text::fold(p[0].date.as_deref().unwrap_or(""))
            != crate::text::fold(p[1].date.as_deref().unwrap_or(""))
    });
    if visits.len() < 2 || !distinct {
        return Vec::new();
    }
    // Each time goes to the visit of the service it belongs to.
    for t in &times {
        let k = owner(t.from);
        let dated = (0..=k).filter(|&j| day_of[j].is_some()).count();
        // A service with no day of its own is in the visit after (before, days first).
        let visit = if days_first || day_of[k].is_some() {
            dated.saturating_sub(1)
        } else {
            dated.min(visits.len() - 1)
        };
        if let Some(v) = visits.get_mut(visit) {
            v.time.get_or_insert_with(|| t.value.clone());
        }
    }
    visits
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

    fn visits_of(text: &str) -> Vec<(Vec<String>, Option<String>, Option<String>)> {
        ex(text)
            .signals
            .visits
            .into_iter()
            .map(|v| (v.services, v.date, v.time))
            .collect()
    }

    fn v(
        services: &[&str],
        date: &str,
        time: Option<&str>,
    ) -> (Vec<String>, Option<String>, Option<String>) {
        (
            services.iter().map(|s| s.to_string()).collect(),
            Some(date.to_string()),
            time.map(str::to_string),
        )
    }

    #[test]
    fn services_on_days_of_their_own_are_visits_of_their_own() {
        assert_eq!(
            visits_of("quiero corte el viernes a las 11 y uñas el sábado a las 10"),
            vec![
                v(&["corte"], "el viernes", Some("11:00")),
                v(&["uñas"], "el sábado", Some("10:00"))
            ]
        );
        assert_eq!(
            visits_of("corte y color el viernes y manos el sábado a las 5"),
            vec![
                v(&["corte", "color"], "el viernes", None),
                v(&["manos"], "el sábado", Some("17:00"))
            ]
        );
        assert_eq!(
            visits_of("el jueves a las 10 manos y el sábado pies"),
            vec![
                v(&["manos"], "el jueves", Some("10:00")),
                v(&["pies"], "el sábado", None)
            ]
        );
        // One day for every service, or a day turned down: one visit.
        assert!(visits_of("corte y color el viernes a las 10").is_empty());
        assert!(visits_of("corte el viernes, no, el sábado, y color").is_empty());
        assert!(visits_of("quería corte el 18 pero si no hay el 19 también me sirve").is_empty());
    }
}
