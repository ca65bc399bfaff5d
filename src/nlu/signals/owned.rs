//! "¿tengo turno?", "hola, ¿tengo turno mañana? soy Ana", "tenho horário?": the customer asks
//! whether they hold a booking — a lookup of their bookings, not a request for one ("¿tenés
//! turno?" and "¿hay turno?" ask for room).

use crate::text::Words;

/// Words that may come before the "tengo" of the question, in its own clause.
const OPENERS: &[&str] = &[
    "hola",
    "holis",
    "buenas",
    "buen",
    "buenos",
    "dia",
    "dias",
    "tardes",
    "che",
    "consulta",
    "una",
    "pregunta",
    "y",
    "ya",
    "perdon",
    "disculpa",
    "disculpame",
    "oi",
    "ola",
    "eu",
];

/// What is held: "turno", "reserva", "hora", "horário".
const HELD: &[&str] = &["turno", "turnito", "turnos", "reserva", "hora", "horario"];

/// Whether a clause of the message asks "¿tengo turno…?": the first-person "tengo" (or
/// "tenho") with what is held right after it, opening its clause, and the clause a question
/// within a few words ("¿tengo turno mañana?") or it is wondered ("quiero saber si tengo
/// turno"), so "tengo turno mañana, llego tarde" tells
/// of a booking instead.
pub fn asks_own(words: &Words) -> bool {
    let n = words.norms();
    // "¿qué tengo?", "y ahora qué me queda?", "¿tengo algo todavía?" said alone.
    let lead = n
        .iter()
        .take_while(|w| {
            matches!(
                **w,
                "y" | "a" | "ver" | "bueno" | "entonces" | "ahora" | "che" | "ok"
            )
        })
        .count();
    if matches!(
        &n[lead..],
        ["que", "tengo"]
            | ["que", "tengo", "ahora" | "todavia"]
            | ["que", "me", "queda" | "quedo"]
            | ["tengo", "algo"]
            | ["tengo", "algo", "todavia" | "reservado" | "ya"]
            | ["como", "me", "quedo", "todo"]
    ) {
        return true;
    }
    (0..n.len()).any(|i| {
        matches!(n[i], "tengo" | "tenho")
            && n.get(i + 1).is_some_and(|w| HELD.contains(w))
            && ((opens_clause(words, &n, i) && asked_within(words, i + 1, 5)) || wonders(&n, i))
    })
}

/// "quiero saber si tengo turno", "¿te fijás si tengo turno?", "no sé si tengo turno".
fn wonders(n: &[&str], i: usize) -> bool {
    i >= 2
        && n[i - 1] == "si"
        && matches!(
            n[i - 2],
            "saber"
                | "se"
                | "sabes"
                | "fijas"
                | "fijarte"
                | "fijame"
                | "ver"
                | "decime"
                | "decirme"
                | "confirmas"
                | "confirmame"
                | "chequear"
                | "chequeas"
                | "revisar"
                | "revisas"
        )
}

/// Whether only greetings and fillers come before word `i` in its clause.
fn opens_clause(words: &Words, n: &[&str], i: usize) -> bool {
    let mut j = i;
    while j > 0 {
        if words
            .gap(j - 1, j)
            .contains([',', '.', '!', '?', '¿', '\n'])
        {
            return true;
        }
        if !OPENERS.contains(&n[j - 1]) {
            return false;
        }
        j -= 1;
    }
    true
}

/// Whether a question mark closes the clause within `k` words after word `from`.
fn asked_within(words: &Words, from: usize, k: usize) -> bool {
    for w in from..words.len().min(from + k + 1) {
        let gap = if w + 1 < words.len() {
            words.gap(w, w + 1)
        } else {
            words.after(w)
        };
        if gap.contains('?') {
            return true;
        }
        if gap.contains([',', '.', '!', '\n']) {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("tengo turno?", true)]
    #[case("hola, tengo turno? soy Ana", true)]
    #[case("¿Tengo turno mañana?", true)]
    #[case("buenas! tengo turno con Caro el jueves?", true)]
    #[case("oi, tenho horário amanhã?", true)]
    #[case("tengo turno mañana, llego 10 min tarde", false)]
    #[case("tengo turno el jueves, lo puedo pasar?", false)]
    #[case("¿tenés turno mañana?", false)]
    #[case("¿tengo que sacar turno?", false)]
    #[case("quiero saber si tengo turno", true)]
    #[case("no sé si tengo turno para el viernes", true)]
    #[case("tengo turno el jueves pero no puedo ir", false)]
    #[case("que tengo?", true)]
    #[case("y ahora que me queda?", true)]
    #[case("tengo algo todavia?", true)]
    #[case("a ver, como me quedo todo?", true)]
    #[case("que tengo que llevar?", false)]
    fn asks(#[case] text: &str, #[case] want: bool) {
        assert_eq!(asks_own(&Words::new(text)), want, "{text}");
    }
}
