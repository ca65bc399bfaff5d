//! Whether a time bounds the times wanted ("después de las 6", "antes de las 12") rather
//! than naming one, and the verbs of the business's own hours that make it none.

use super::super::lexicon::busy_place;
use super::{joins_range, TimeMatch};

/// Which side of a time a customer asks for: "después de las 6" (from it on) or "antes de
/// las 12" (before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    From,
    Before,
    /// "salir antes de las 14": the visit over by then.
    DoneBy,
}

/// A verb of the business closing ("cierran a las 8", "closes at 8", "fecham às 20"): the
/// time after it is the business's, not one the customer wants.
pub fn closing_verb(w: &str) -> bool {
    matches!(w, "cierran" | "cierra" | "close" | "closes" | "fecham")
}

/// A verb of the business's hours ("¿atienden hasta las 8?", "¿abren después de las 10?"):
/// a bound after it asks about the hours, not for the times from or before it.
pub(super) fn hours_verb(w: &str) -> bool {
    closing_verb(w)
        || matches!(
            w,
            "atienden"
                | "atiende"
                | "abren"
                | "abre"
                | "estan"
                | "abierto"
                | "abiertos"
                | "abierta"
                | "trabajan"
                | "open"
                | "opens"
                | "atendem"
                | "abrem"
        )
}

/// Being done or leaving, before a bound: the visit is over by then.
fn finishes(w: &str) -> bool {
    matches!(
        w,
        "salir"
            | "terminar"
            | "termine"
            | "terminado"
            | "terminada"
            | "irme"
            | "finish"
            | "finished"
            | "done"
            | "sair"
            | "afuera"
            | "lista"
            | "listo"
            | "ready"
            | "out"
    )
}

/// Whether the time `m` bounds the times wanted rather than naming one. "después de las 6",
/// "a partir de las 15", "after 6pm", "depois das 18h" open a window from it; "antes de las
/// 12", "hasta las 12", "before noon", "antes das 12" close one before it. "desde las 10" is
/// the time to start, and the start of a range ("desde las 14 hasta las 16") names its time.
pub fn bound(n: &[&str], m: &TimeMatch, times: &[TimeMatch]) -> Option<Bound> {
    let before = |k: usize| m.from.checked_sub(k).map(|i| n[i]);
    let ranged = n
        .get(m.to)
        .is_some_and(|w| joins_range(w) && !matches!(*w, "las" | "la"))
        && times.iter().any(|t| (m.to..=m.to + 1).contains(&t.from));
    // "¿atienden hasta las 8?", "¿abren después de las 10?": the business's hours.
    let hours = (1..=3).any(|j| before(j).is_some_and(hours_verb));
    if ranged || hours {
        return None;
    }
    // The "de" of "después de las 6" may open the span ("de las 6") or come right before it.
    let of = |w: &str| matches!(w, "de" | "del" | "das" | "do" | "dos");
    let (of_word, ahead) = if of(n[m.from]) {
        (Some(n[m.from]), before(1))
    } else {
        (before(1), before(2))
    };
    let after_of =
        |words: &[&str]| of_word.is_some_and(of) && ahead.is_some_and(|w| words.contains(&w));
    // "trabajo hasta las 18", "I'm at work until 5": busy until then, so from then on. (Leaving
    // work at a time, "salgo del laburo tipo 17", names the time wanted.)
    let busy = n[m.from.saturating_sub(4)..m.from]
        .iter()
        .any(|w| busy_place(w));
    let busy_until = busy
        && [Some(n[m.from]), before(1)]
            .iter()
            .any(|w| matches!(w, Some("hasta" | "until" | "till" | "ate")));
    // "pasado el mediodía", "pasadas las 5".
    let past = |w: Option<&str>| matches!(w, Some("pasado" | "pasada" | "pasadas"));
    // Not "pasado a las 10": the day after tomorrow.
    let article = |w: Option<&str>| matches!(w, Some("el" | "las"));
    let past_it =
        (article(Some(n[m.from])) && past(before(1))) || (article(before(1)) && past(before(2)));
    // "salgo del trabajo a las 18, ¿tenés algo después de eso?": the customer's own hour,
    // from then on (not "corte a las 16 y después de eso una manicura").
    let own_hour = busy
        || (1..=4).any(|j| before(j).is_some_and(|w| matches!(w, "salgo" | "termino" | "salimos")));
    let after_that = own_hour
        && (m.to..n.len()).any(|k| {
            matches!(
                &n[k..],
                ["despues", "de", "eso" | "esa", ..] | ["after" | "depois", "that" | "disso", ..]
            )
        });
    let from = matches!(before(1), Some("after" | "since" | "from" | "depois"))
        || after_of(&["despues", "partir", "depois"])
        || past_it
        || busy_until
        || after_that;
    // "hasta las 12" alone (not the end of "desde las 10 hasta las 12").
    let up_to = matches!(n[m.from], "hasta" | "until" | "ate")
        && !times.iter().any(|t| t.to <= m.from && m.from - t.to <= 1);
    let until = up_to
        || matches!(
            before(1),
            Some("antes" | "before" | "until" | "till" | "ate")
        )
        || after_of(&["antes"]);
    // "¿llego a salir antes de las 14?", "tengo que estar lista antes de las 13": the end.
    let done = (1..=4).any(|j| before(j).is_some_and(finishes));
    if from {
        Some(Bound::From)
    } else if until && done {
        Some(Bound::DoneBy)
    } else if until {
        Some(Bound::Before)
    } else {
        None
    }
}
