//! A yes or a no, as customers write it.

use super::pick;
use crate::nlu::lexicon::lexicon;
use crate::text::Words;

/// `Some(true)` when the message is an explicit yes, `Some(false)` for a no, `None` otherwise.
/// Only short answers count: "sí, pero mejor el viernes" is not a plain yes.
pub fn affirmation(words: &Words) -> Option<bool> {
    let n = words.norms();
    if n.is_empty() || n.len() > 8 {
        return None;
    }
    let joined = n.join(" ");
    let first = n[0];
    let first_two = if n.len() >= 2 {
        format!("{} {}", n[0], n[1])
    } else {
        String::new()
    };
    let hurried = squash(first);
    let lx = lexicon();
    let has = |list: &[String], w: &str| list.iter().any(|x| x == w);
    // "no hay problema" says yes; "no importa" says neither.
    let fine = [
        "no hay problema",
        "no hay drama",
        "no pasa nada",
        "ningun problema",
    ];
    let fine = fine.iter().any(|p| joined.starts_with(p));
    let either = ["no importa", "no me importa"]
        .iter()
        .any(|p| joined.starts_with(p));
    let negative = (has(&lx.no, first)
        || has(&lx.no, &first_two)
        || has(&lx.no, &hurried)
        || joined.contains("no gracias"))
        && !fine
        && !either;
    let positive = fine
        || has(&lx.yes, first)
        || has(&lx.yes, &first_two)
        || has(&lx.yes, &hurried)
        || joined.contains("me sirve")
        || joined.contains("me queda bien")
        || joined.contains("esta bien")
        || joined.contains("de una")
        // "de 10" (great), the whole message.
        || matches!(joined.as_str(), "de 10" | "de diez" | "10 puntos")
        || pick::the_one_offered(&n)
        // "che que lento, dale confirmalo ya": a verb that books the one on the table.
        || n.iter().any(|w| {
            matches!(
                *w,
                "confirmalo" | "confirmala" | "reservalo" | "reservala" | "reservamelo" | "agendalo"
            )
        });
    // A change request after the yes ("sí, pero a las 6") is not a plain confirmation.
    let changes = n.iter().any(|w| {
        matches!(
            *w,
            "pero" | "cambiar" | "cambia" | "mejor" | "otro" | "otra"
        )
    }) && !joined.contains("mejor no");
    // ("sí, pasalo, no lo canceles" is a yes.)
    if keeps_booking(words) && !positive {
        return Some(false);
    }
    match (positive, negative) {
        (true, false) if !changes => Some(true),
        (false, true) => Some(false),
        (true, true) if first == "no" || hurried == "no" => Some(false),
        _ => None,
    }
}

/// "no lo canceles", "no para, no canceles nada", "wait no, don't cancel", "não cancela":
/// a cancel turned down (a no to cancelling).
pub fn keeps_booking(words: &Words) -> bool {
    let n = words.norms();
    let cancels = |w: &str| w.starts_with("cancel") || w.starts_with("borr");
    // "todavía no me cancelaron el turno, cancélenlo": a cancel told, then asked for.
    let told = |w: &str| {
        ["aron", "ado", "ada", "led", "ed"]
            .iter()
            .any(|e| w.ends_with(e))
    };
    let Some(last) = n.iter().rposition(|w| cancels(w)) else {
        return false;
    };
    if told(n[last]) {
        return false;
    }
    (0..n.len()).any(|i| {
        let (not, from) = match (n[i], n.get(i + 1)) {
            ("no" | "dont" | "don't" | "nao" | "not", _) => (true, i + 1),
            ("don", Some(&"t")) => (true, i + 2),
            _ => (false, i),
        };
        // "no lo canceles", "no cancelen mi turno"; not "no, cancelalo" (that no answers what
        // came before) nor "no llego, cancelar".
        let object = usize::from(matches!(
            n.get(from),
            Some(&("lo" | "la" | "los" | "las" | "me" | "it"))
        ));
        let at = from + object;
        not && at == last && cancels(n[at]) && !words.gap(i, at).contains([',', '.', '!', ';', '?'])
    })
}

/// A yes or no as typed in a hurry: letters held down ("siii", "dalee", "noo") and the
/// word said twice ("sisi", "nono") read as the word.
fn squash(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    let half = out.len() / 2;
    if out.len() >= 4 && out.is_char_boundary(half) && out[..half] == out[half..] {
        out.truncate(half);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("no para no lo canceles", true)]
    #[case("no canceles nada", true)]
    #[case("wait no, don't cancel", true)]
    #[case("no cancelen mi turno porfa, solo necesito q sea mas tarde", true)]
    #[case("no, cancelalo", false)]
    #[case("mañana no llego, cancelar porfis", false)]
    #[case("al final no necesito moverlo, cancelalo nomas", false)]
    #[case("todavia no me cancelaron el turno del jueves, cancelenlo", false)]
    #[case("it's not cancelled yet, please cancel it", false)]
    fn a_no_to_cancelling(#[case] text: &str, #[case] want: bool) {
        let w = Words::new(text);
        assert_eq!(keeps_booking(&w), want, "{text}");
        // (A long message is no bare answer.)
        if want && w.norms().len() <= 8 {
            assert_eq!(affirmation(&w), Some(false), "{text}");
        }
    }
}
