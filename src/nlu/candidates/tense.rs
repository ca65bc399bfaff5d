//! Whether a value is the booking's old one ("mi turno del viernes", "tenía para mañana") or
//! the new one asked for ("pasalo al jueves", "mejor a las 6").

use super::{before, within_before};

/// Words that make what follows the new value of a change or the value asked for.
const NEW_LEADS: &[&str] = &[
    "al",
    "pal",
    "para",
    "x",
    "por",
    "mejor",
    "prefiero",
    "preferiria",
    "preferible",
    "puede",
    "podria",
    "ser",
    "cambio",
    "cambiarlo",
    "pasalo",
    "pasarlo",
    "pasame",
    "pasarme",
    "correlo",
    "correrlo",
    "moverlo",
    "movelo",
    "instead",
    "to",
    "pra",
    "pras",
];

/// Words that make what follows the value of the booking a customer has.
const OLD_LEADS: &[&str] = &[
    "del",
    "tenia",
    "tengo",
    "estaba",
    "era",
    "reservado",
    "agendado",
    "tenho",
    "toca",
];

/// Cues that a date or time names the booking being changed or cancelled.
pub(super) fn is_old(n: &[&str], from: usize) -> bool {
    // "mi corte es mañana a las 10", "minha escova é amanhã": what one has, said as such.
    // (Not "mi idea es el sábado": a wish.)
    if matches!(before(n, from, 1), Some("es" | "e" | "is" | "era"))
        && (2..=4).any(|j| matches!(before(n, from, j), Some("mi" | "minha" | "meu" | "my")))
        && !matches!(
            before(n, from, 2),
            Some("idea" | "plan" | "preferencia" | "opcion" | "prioridad")
        )
    {
        return true;
    }
    // "cambiá mi turno de las 10 a las 12": where it goes, right after where it was.
    if matches!(n[from], "a" | "para" | "hasta")
        && before(n, from, 1).is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
        && matches!(before(n, from, 2), Some("las" | "la" | "de"))
    {
        return false;
    }
    // "después del mediodía", "antes del mediodía", "las 12 del mediodía": a bound, or the
    // half of the day of the hour just said; not the booking's.
    if before(n, from, 1) == Some("del")
        && before(n, from, 2).is_some_and(|w| {
            matches!(w, "despues" | "antes" | "pasado" | "luego")
                || w.starts_with(|c: char| c.is_ascii_digit())
        })
    {
        return false;
    }
    // "a primera hora del viernes", "a la tarde del jueves": a part of the day, then its
    // day; the day is the booking's only when the part is ("mi turno de la tarde del viernes").
    if before(n, from, 1) == Some("del")
        && matches!(
            before(n, from, 2),
            Some("hora" | "tarde" | "manana" | "noche" | "temprano")
        )
    {
        let mut start = from - 2;
        while start > 0
            && matches!(
                n[start - 1],
                "primera" | "ultima" | "la" | "a" | "al" | "por"
            )
        {
            start -= 1;
        }
        return is_old(n, start);
    }
    // "los horarios libres del viernes", "los turnos disponibles del sábado": the free ones.
    if before(n, from, 1) == Some("del")
        && matches!(
            before(n, from, 2),
            Some("libres" | "disponibles" | "horarios")
        )
        && !matches!(before(n, from, 3), Some("mis" | "tus"))
    {
        return false;
    }
    match before(n, from, 1) {
        Some("del") => return true,
        // "tenía para mañana pero…", "tengo turno para el jueves": the booking the customer
        // has (not "quiero turno para el jueves").
        Some("para")
            if matches!(before(n, from, 2), Some("tenia" | "tengo" | "teniamos"))
                || (matches!(before(n, from, 2), Some("turno" | "turnito" | "hora"))
                    && matches!(before(n, from, 3), Some("tenia" | "tengo" | "teniamos"))) =>
        {
            return true
        }
        Some("de")
            if matches!(
                before(n, from, 2),
                Some("turno" | "lo" | "reserva" | "cita" | "hora")
            ) =>
        {
            return true
        }
        // "el turno de las 9", "mi turno es a las 3"
        Some("las" | "la") if before(n, from, 2) == Some("de") => return true,
        _ => {}
    }
    // "en vez del jueves", "en lugar de las 5"
    if (1..=3).any(|j| {
        matches!(before(n, from, j), Some("vez" | "lugar"))
            && n[from + 1 - j..from]
                .iter()
                .all(|w| matches!(*w, "de" | "del" | "las" | "la" | "el"))
    }) && (within_before(n, from, 3, &["de", "del"]) || matches!(n[from], "de" | "del"))
    {
        return true;
    }
    // "tengo turno el viernes", "tenía turno hoy a las 3", "estaba a las 4", "mi turno es el…"
    // "saqué turno para el viernes", "me anoté para el jueves", "tengo reservado para el 20":
    // booked already.
    if (1..=3).any(|j| {
        matches!(
            before(n, from, j),
            Some(
                "saque"
                    | "anote"
                    | "anotada"
                    | "anotado"
                    | "marquei"
                    | "reservado"
                    | "agendado"
                    | "reservada"
                    | "agendada"
            )
        )
    }) {
        return true;
    }
    // "from the 10th to the 14th", "de quinta para sexta"
    let from_to =
        before(n, from, 1) == Some("from") && n[from..].iter().take(5).any(|w| *w == "to");
    if from_to || (before(n, from, 1) == Some("de") && before(n, from, 2) == Some("horario")) {
        return true;
    }
    for j in 1..=4 {
        match before(n, from, j) {
            // "anulá lo del lunes y anotame el miércoles": a lead before "y" is another value's.
            Some("y" | "e" | "and") if j > 1 => break,
            // "del" leads only its own value ("del viernes", "del próximo viernes"), not the
            // next one ("antes del viernes, ¿tenés el miércoles?").
            // Nor another day or hour: "en vez del jueves, el viernes", "después del mediodía,
            // tipo 14" (but "lo del viernes a las 16" is the booking's hour).
            // Nor what follows the customer's own place: "salgo del laburo, tipo 17".
            Some("del")
                if j > 2
                    || (j == 2
                        && (matches!(n[from], "el" | "la")
                            || matches!(
                                n[from - 1],
                                "mediodia" | "medianoche" | "laburo" | "trabajo" | "colegio"
                            ))) => {}
            // "tengo que ir el jueves", "tenho que ir na quinta": an obligation, no booking.
            Some("tengo" | "tenho") if n.get(from - j + 1) == Some(&"que") => {}
            // "me equivoqué, era el viernes", "era el viernes, no el sábado": what it should
            // have been, in a correction.
            Some("era") if corrects_around(n, from - j, from) => {}
            Some(w) if OLD_LEADS.contains(&w) => return true,
            // "mi turno del…", "my appointment is on Friday", "I have a booking on Thursday"
            // ("pasar mi turno a las 16", "cambiá mi reserva al viernes": where it goes.)
            Some("turno" | "reserva" | "cita" | "booking" | "appointment" | "appt" | "horario")
                if j == 1
                    && matches!(n[from], "a" | "al" | "para")
                    && before(n, from, 3).is_some_and(moves) => {}
            Some("turno" | "reserva" | "cita" | "booking" | "appointment" | "appt" | "horario")
                if matches!(before(n, from, j + 1), Some("mi" | "my" | "meu" | "minha"))
                    || (matches!(before(n, from, j + 1), Some("a" | "un"))
                        && (matches!(before(n, from, j + 2), Some("tengo" | "tenho"))
                            || (matches!(before(n, from, j + 2), Some("have" | "had"))
                                && before(n, from, j + 3) == Some("i")
                                && !matches!(
                                    before(n, from, j + 4),
                                    Some("can" | "could" | "may")
                                )))) =>
            {
                return true
            }
            Some(w) if NEW_LEADS.contains(&w) && w != "ser" => return false,
            _ => {}
        }
    }
    false
}

/// Whether the "era" at `at` says what a value should have been: after "me equivoqué",
/// "perdón", or with the value turned down after it ("era el viernes, no el sábado").
fn corrects_around(n: &[&str], at: usize, from: usize) -> bool {
    let owned = (1..=3).any(|j| matches!(before(n, at, j), Some("mi" | "el" | "tu")));
    let sorry = (1..=4).any(|j| {
        matches!(
            before(n, at, j),
            Some("equivoque" | "confundi" | "perdon" | "perdona" | "corrijo" | "digo")
        )
    });
    let not_that = n[from..]
        .windows(2)
        .take(5)
        .any(|w| w[0] == "no" && matches!(w[1], "el" | "la" | "las" | "los" | "a" | "al" | "para"));
    !owned && (sorry || not_that)
}

/// A verb that moves a booking: "pasar", "pasame", "cambiá", "mover", "correr", "adelantar".
fn moves(w: &str) -> bool {
    ["pas", "camb", "mov", "corr", "adelant", "atras", "mud"]
        .iter()
        .any(|p| w.starts_with(p))
}

/// "mañana a las 10 tengo turno", "el jueves tenía hora": the booking one has, told before
/// it is named (only a time's words between): where its "tengo" is.
pub(super) fn had_after(n: &[&str], to: usize) -> Option<usize> {
    let filler = |w: &str| {
        matches!(
            w,
            "a" | "las" | "la" | "de" | "hs" | "y" | "media" | "am" | "pm" | "que"
        ) || w.chars().all(|c| c.is_ascii_digit() || c == ':')
    };
    let k = n[to.min(n.len())..]
        .iter()
        .take(5)
        .position(|w| !filler(w))
        .map(|k| to + k);
    k.filter(|&k| {
        matches!(n[k], "tengo" | "tenia" | "tenemos" | "teniamos")
            && matches!(
                n.get(k + 1).copied(),
                Some("turno" | "turnito" | "reserva" | "cita" | "hora")
            )
    })
}

pub(super) fn is_new(n: &[&str], from: usize) -> bool {
    let b1 = before(n, from, 1);
    let b2 = before(n, from, 2);
    match (b1, b2) {
        (Some(w), _) if NEW_LEADS.contains(&w) => true,
        (Some("el" | "la" | "las" | "a"), Some(w)) if NEW_LEADS.contains(&w) => true,
        // "a las 6" right after a change verb or "mejor": "pasalo a las 6"
        (Some("las" | "la"), Some("a")) => before(n, from, 3).is_some_and(|w| {
            NEW_LEADS.contains(&w) || w.starts_with("pas") || w.starts_with("corr")
        }),
        _ => false,
    }
}
