//! Whether a date or time a message names is mere context, not asked for: the hours of the
//! customer's own life ("salgo a las 7", "cumple el domingo", "la fiesta es a las 8 de la
//! noche"), the business's ("cierran a las 8") and ranges ("de 9 a 19").

use super::{before, within_before, Candidate};
use crate::domain::understanding::SlotName;
use crate::text::Words;

/// "¿mañana cerrado? ah bueno, ¿y el miércoles?", "tomorrow is closed? ok what about
/// Wednesday": a value asked back in a question, the answer taken in, then another of its
/// slot asked about after "y" / "what about": the earlier one is context.
pub(super) fn asked_back_then_another(words: &Words, n: &[&str], cands: &mut [Candidate]) {
    // (slot, start, a second choice: "¿el martes? y si no el miércoles" keeps the first)
    let later: Vec<(SlotName, usize, bool)> = cands
        .iter()
        .map(|c| (c.slot, c.from, c.role.fallback))
        .collect();
    for c in cands.iter_mut() {
        let another = later.iter().any(|&(slot, from, fallback)| {
            slot == c.slot
                && !fallback
                && from > c.to
                && c.to > 0
                && words.gap(c.to - 1, from).contains('?')
                && (1..=3).any(|j| {
                    before(n, from, j).is_some_and(|w| matches!(w, "y" | "e" | "about" | "and"))
                })
                // Taking the answer in first ("ah bueno", "ok"): not two questions at once
                // ("¿abren en navidad? ¿y el 1 de enero?").
                && (1..=5).any(|j| {
                    before(n, from, j).is_some_and(crate::nlu::signals::takes_answer_in)
                })
        });
        if another {
            c.role.context = true;
        }
    }
}

/// Events a customer has: their day or hour is context, not the one asked for.
const EVENTS: &[&str] = &[
    "fiesta",
    "casamiento",
    "boda",
    "cumple",
    "cumpleanos",
    "evento",
    "egreso",
    "graduacion",
    "bautismo",
    "comunion",
    "viaje",
    "entrevista",
    "reunion",
    "cena",
    "acto",
    "wedding",
    "party",
    "casamento",
    "festa",
    "formatura",
    "viagem",
    "civil",
    "ceremonia",
    "misa",
    "iglesia",
    "show",
    "recital",
    "ceremony",
    "dinner",
    "event",
    "cerimonia",
];

/// Words after which a time is context ("salgo a las 7", "hasta las 8", "la fiesta arranca a
/// las 21").
const TIME_CONTEXT_LEADS: &[&str] = &[
    "salgo",
    "salimos",
    "sale",
    "salis",
    "trabajo",
    "trabajamos",
    "laburo",
    "entro",
    "entra",
    "arranca",
    "empieza",
    "almuerzo",
    "colegio",
    "facu",
    "medico",
    "dentista",
    "vuelo",
    "estar",
    "clase",
    "reunion",
    "caso",
    "examen",
    "work",
    "leave",
    "flight",
    "trabalho",
    "saio",
];

/// Verbs right before a date that make it the day of something else ("cumple el domingo",
/// "me mudo el 1 de diciembre", "vuelvo el 3").
const DATE_CONTEXT_LEADS: &[&str] = &[
    "cumple", "caso", "casamos", "viajo", "vuelvo", "volvemos", "mudo", "mudamos", "rindo",
    "opero", "operan", "llego", "nace", "parto",
];

/// "tengo un casamiento el sábado", "tenho uma festa no sábado": the day of an event the
/// customer has, neither a booking ("tengo un turno el viernes") nor the day asked for.
pub(super) fn an_event(n: &[&str], from: usize) -> bool {
    // "me caso el sábado 19": the wedding's day.
    if matches!(before(n, from, 1), Some("caso" | "casamos")) {
        return true;
    }
    (2..=6).any(|j| {
        let Some("tengo" | "tenho" | "tenia" | "tenemos" | "temos") = before(n, from, j) else {
            return false;
        };
        // "pasado mañana tengo reunión, mejor el viernes": another clause's day.
        if n[from - j + 1..from].iter().any(|w| {
            matches!(
                *w,
                "mejor" | "pero" | "asi" | "entonces" | "y" | "o" | "que" | "igual" | "aunque"
            )
        }) {
            return false;
        }
        let next = n[from - j + 1];
        // "tengo fiesta de 15 el sábado", "tengo el casamiento de mi prima el sábado"
        let event = EVENTS.contains(&next)
            || (j >= 2 && matches!(next, "el" | "la" | "mi") && EVENTS.contains(&n[from - j + 2]));
        // "tengo un casamiento el sábado" (not "tengo un turno el viernes")
        let something = j >= 3
            && matches!(next, "un" | "una" | "uma" | "um")
            && !matches!(
                n[from - j + 2],
                "turno" | "turnito" | "reserva" | "cita" | "hora" | "horario" | "lugar"
            );
        event || something
    })
}

/// "la fiesta es a las 8 de la noche", "el cumple de mi hija es a las 5", "tengo reunión a las
/// 5", "the wedding is at 7pm": the hour of an event the customer has, not the one asked for
/// ("peinado para la fiesta a las 9" still asks for 9).
pub(super) fn an_events_time(n: &[&str], from: usize) -> bool {
    const VERBS: &[&str] = &[
        "es", "empieza", "arranca", "comienza", "sera", "seria", "is", "starts", "e", "comeca",
    ];
    const LINKS: &[&str] = &["a", "las", "la", "tipo", "como", "at", "as"];
    (1..=8).any(|j| {
        let Some(event) = before(n, from, j) else {
            return false;
        };
        if !EVENTS.contains(&event) {
            return false;
        }
        let between = &n[from - j + 1..from];
        // Whose event it is, before its verb: "de mi hija es".
        let owner = match between.iter().position(|w| VERBS.contains(w)) {
            Some(p) if p <= 3 && between.first() == Some(&"de") => p,
            _ => 0,
        };
        if !between[owner..]
            .iter()
            .all(|w| VERBS.contains(w) || LINKS.contains(w))
        {
            return false;
        }
        // The word before the event, past its article: "para la fiesta a las 9" asks for 9.
        let mut k = j + 1;
        while before(n, from, k).is_some_and(|w| {
            matches!(
                w,
                "la" | "el" | "mi" | "un" | "una" | "the" | "my" | "a" | "o" | "minha"
            )
        }) {
            k += 1;
        }
        !matches!(
            before(n, from, k),
            Some("para" | "pal" | "pra" | "for" | "por")
        )
    })
}

/// What a customer counts ("las dos cosas"): after a number, never an hour.
const COUNTED: &[&str] = &[
    "cosas",
    "servicios",
    "turnos",
    "tratamientos",
    "personas",
    "chicas",
    "nenas",
    "hijas",
    "amigas",
    "hermanas",
];

/// "a las 13 tengo que estar en otro lado", "a las 10 me tengo que ir", "tengo que estar a
/// las 3 en otro lado", "I have to leave at 3": somewhere else by the time at `from..to`,
/// not the time wanted.
pub(super) fn due_elsewhere(n: &[&str], from: usize, to: usize) -> bool {
    let after = matches!(
        (n.get(to), n.get(to + 1), n.get(to + 2)),
        (Some(&"tengo"), Some(&"que"), _)
            | (Some(&"me"), Some(&"tengo"), Some(&"que"))
            | (Some(&"en"), Some(&"otro"), Some(&("lado" | "lugar")))
    );
    // "tengo que estar a las 3", "tengo que irme a las 2", "I have to leave at 3" (not "I'd
    // like to be there at 3").
    let before = (1..=4).any(|k| {
        from.checked_sub(k).is_some_and(|j| {
            let had = |w: Option<&&str>| matches!(w, Some(&("have" | "has" | "need" | "got")));
            j >= 1
                && match n[j] {
                    "estar" | "irme" | "salir" => matches!(n[j - 1], "que" | "debo"),
                    "be" | "leave" => n[j - 1] == "to" && j >= 2 && had(n.get(j - 2)),
                    _ => false,
                }
        })
    });
    after || before
}

pub(super) fn is_context(n: &[&str], from: usize, to: usize, slot: SlotName) -> bool {
    if slot == SlotName::PreferredDate {
        // "ah no q es lunes y cierran": what day it is, not the one asked for.
        let what_day = !matches!(n[from], "el" | "la")
            && before(n, from, 1) == Some("es")
            && matches!(before(n, from, 2), Some("q" | "que" | "xq" | "porque"));
        return what_day || within_before(n, from, 2, DATE_CONTEXT_LEADS) || an_event(n, from);
    }
    if within_before(n, from, 3, TIME_CONTEXT_LEADS) || an_events_time(n, from) {
        return true;
    }
    // The business's own hours: "cierran a las 8" (not "¿cierran hoy? llego 19:30").
    if slot == SlotName::PreferredTime
        && before(n, from, 1).is_some_and(crate::domain::when::closing_verb)
    {
        return true;
    }
    if slot == SlotName::PreferredTime && due_elsewhere(n, from, to) {
        return true;
    }
    // "turno para las dos: yo manicura y mi hermana pedicura": the two people, not 14:00.
    if slot == SlotName::PreferredTime
        && to > from
        && matches!(n[to - 1], "dos" | "tres" | "cuatro")
        && (before(n, from, 1) == Some("para") || n[from] == "para")
        && n.get(to).is_some_and(|w| {
            matches!(
                *w,
                "yo" | "nosotras" | "nosotros" | "ambas" | "ambos" | "mi" | "mis" | "juntas"
            )
        })
    {
        return true;
    }
    // "turno para las dos cosas", "los tres servicios": things counted, not an hour.
    if slot == SlotName::PreferredTime
        && to > from
        && matches!(n[to - 1], "dos" | "tres" | "cuatro")
        && n.get(to).is_some_and(|w| COUNTED.contains(w))
    {
        return true;
    }
    // A range: "de 9 a 19", "de 10 a 20"; not a change from one hour to another ("cambiá mi
    // turno de las 10 a las 12", "pasalo de las 5 a las 6").
    let a_change = before(n, from, 2).is_some_and(crate::domain::when::changes_hour);
    if slot == SlotName::PreferredTime
        && ((before(n, from, 1) == Some("de") && !a_change)
            || (before(n, from, 1) == Some("a") && before(n, from, 3) == Some("de")))
        && n.get(to).is_some_and(|w| *w == "a" || *w == "hasta")
    {
        return true;
    }
    slot == SlotName::PreferredTime
        && before(n, from, 1) == Some("a")
        && before(n, from, 3) == Some("de")
        && before(n, from, 2).is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
}

/// "somos 3, corte para las tres", "a las 10 las tres": the people of a group the message
/// tells (anywhere in it), not 15:00.
pub(super) fn counts_people(n: &[&str], from: usize, to: usize) -> bool {
    let group = n.iter().any(|w| {
        matches!(
            *w,
            "somos" | "amigas" | "amigos" | "personas" | "chicas" | "hermanas" | "nenas"
        )
    });
    let counted = to > from && matches!(n[to - 1], "dos" | "tres" | "cuatro" | "2" | "3" | "4");
    let after_an_hour = n[from] == "las"
        && before(n, from, 1).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    counted && group && (before(n, from, 1) == Some("para") || n[from] == "para" || after_an_hour)
}

/// Days read against each other: "no, era el 8, no el 7" means the 8th (not a booking's own
/// day, when nothing else is wanted); "ah cierto, navidad jaja. el 24 entonces" grants the
/// first and wants the next.
pub(super) fn set_against_or_granted(n: &[&str], cands: &mut [Candidate]) {
    // "no, era el 8, no el 7": the day meant, set against another (not a booking's own day),
    // when nothing else is wanted.
    if !cands.iter().any(|c| c.role.wanted()) {
        for k in 1..cands.len() {
            if cands[k - 1].role.old
                && cands[k].role.negated
                && n[cands[k - 1].to..cands[k].from] == ["menos"]
            {
                cands[k - 1].role.old = false;
            }
        }
    }
    // "ah cierto, navidad jaja. el 24 entonces": a day granted, then the one wanted.
    for k in 0..cands.len() {
        let wanted_after = cands[k + 1..].iter().any(|c| c.role.wanted());
        if within_before(n, cands[k].from, 2, &["cierto", "claro", "verdad"]) && wanted_after {
            cands[k].role.context = true;
        }
    }
}
