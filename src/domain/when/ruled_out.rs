//! Dates ruled out by the words around them: a negation or exception before ("menos el
//! martes", "que no sea lunes"), a deadline ("antes del sábado"), a refusal after ("mañana no
//! puedo").

/// Whether the words around a span rule it out: a negation or exception just before it
/// ("menos el martes", "que no sea lunes", "no el 11", "ni el jueves"), a deadline ("antes
/// del sábado"), or a refusal just after it ("mañana no puedo", "el jueves no me sirve").
pub fn excluded(n: &[&str], from: usize, to: usize) -> bool {
    let before = |k: usize| from.checked_sub(k).map(|i| n[i]);
    let lead = |w: Option<&str>| {
        matches!(
            w,
            Some("menos" | "excepto" | "salvo" | "ni" | "except" | "exceto" | "nao")
        )
    };
    // "menos el martes", "para el miércoles, no para el martes" (read "menos para…").
    let article_or_for = |w: Option<&str>| matches!(w, Some("el" | "la" | "los" | "para" | "al"));
    if lead(before(1)) || (article_or_for(before(1)) && lead(before(2))) {
        return true;
    }
    // "any day but tuesday" (not "not monday but tuesday").
    if before(1) == Some("but") && matches!(before(2), Some("day" | "anything" | "anytime")) {
        return true;
    }
    // "no el 11", "no mañana", "que no sea lunes", "not friday" — but not the "no" that
    // turns down the value before it: "el 5 no, el 6", "el jue no, el vie".
    let closes_value = |w: Option<&str>| {
        w.is_some_and(|w| {
            w.chars().next().is_some_and(|c| c.is_ascii_digit())
                || super::lexicon::weekday(w).is_some()
                || super::lexicon::is_tomorrow(w)
                || super::lexicon::is_today(w)
                || super::lexicon::month(w).is_some()
                || matches!(w, "pasado" | "semana" | "finde" | "tarde" | "noche" | "hs")
        })
    };
    let no_at = if matches!(before(1), Some("el" | "la" | "a" | "las")) {
        2
    } else {
        1
    };
    if matches!(before(no_at), Some("no" | "not")) && closes_value(before(no_at + 1)) {
        return false;
    }
    // Portuguese "no sábado", "no dia 18", "no 22/12" is "on", not "not".
    let portuguese_on = before(1) == Some("no")
        && n.get(from).is_some_and(|w| {
            super::lexicon::weekday(w).is_some()
                || matches!(*w, "dia" | "fim")
                || w.chars().next().is_some_and(|c| c.is_ascii_digit())
        })
        && crate::domain::replies::leans_portuguese(&n.join(" "));
    if (matches!(before(1), Some("no" | "not")) && !portuguese_on)
        || (before(1) == Some("sea") && before(2) == Some("no"))
    {
        return true;
    }
    if matches!(before(1), Some("del" | "de")) && before(2) == Some("antes") {
        return true;
    }
    // "before 5", "antes de las 12" (a span that starts at its "de"): a bound, not a wish.
    if matches!(before(1), Some("before" | "antes")) {
        return true;
    }
    refused(n, to)
}

/// Whether the words right after a span turn it down: "mañana no puedo", "el jueves no
/// llego", "el viernes no me sirve"; "el jueves no, cualquier otro día".
pub fn refused(n: &[&str], to: usize) -> bool {
    let after = |k: usize| n.get(to + k - 1).copied();
    let verb = match (after(1), after(2)) {
        (Some("no"), v) => v,
        (Some("ya"), Some("no")) => after(3),
        _ => return false,
    };
    verb.is_some_and(|v| super::lexicon::cannot(v) || matches!(v, "cualquier" | "otro" | "otra"))
}
