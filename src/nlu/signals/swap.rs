//! "cambiame la pedicura por semi": one thing swapped for another; "solo manos": only one
//! of what was asked.

use crate::text::Words;

/// A verb of changing, and further on "por" with something between ("cambiame la pedicura
/// por semi", "change the pedicure for gel nails", "troca a pedicure pela manicure").
pub fn swaps(words: &Words) -> bool {
    let n = words.norms();
    let verb = n.iter().position(|w| {
        matches!(
            *w,
            "cambiame"
                | "cambia"
                | "cambiar"
                | "cambiarme"
                | "cambies"
                | "cambias"
                | "reemplazame"
                | "reemplaza"
                | "reemplazar"
                | "change"
                | "swap"
                | "troca"
                | "trocar"
                | "muda"
                | "mudar"
        )
    });
    // Not "por favor".
    verb.is_some_and(|v| {
        (v + 2..n.len()).any(|i| {
            matches!(n[i], "por" | "for" | "pela" | "pelo")
                && n.get(i + 1).is_none_or(|x| *x != "favor")
        })
    })
}

/// "solo manicura", "nada más las manos", "just the manicure": only what is named.
pub fn only(words: &Words) -> bool {
    let n = words.norms();
    n.iter().enumerate().any(|(i, w)| {
        matches!(
            *w,
            "solo" | "solamente" | "nomas" | "unicamente" | "just" | "only" | "apenas"
        ) || (*w == "nada" && n.get(i + 1) == Some(&"mas"))
    })
}

/// The services a cancel takes away while others stay: "cancelame solo el brushing" (the
/// one named, "solo" right by the verb), "las cejas cancelalas, solo semi" and "cancel the
/// pedicure, keep the manicure" (those before what is kept). `spans` are the services named,
/// as (from, to, text).
pub fn cancelled_services(words: &Words, spans: &[(usize, usize, String)]) -> Option<Vec<String>> {
    let n = words.norms();
    let removes = |w: &str| {
        ["cancel", "sac", "quit", "borr", "elimin", "remov", "drop"]
            .iter()
            .any(|p| w.starts_with(p))
            && w != "quite"
    };
    // (Not "sacame turno solo para el corte": that "sacar" books.)
    let books = |i: usize| {
        n[i + 1..]
            .iter()
            .take(2)
            .any(|w| matches!(*w, "turno" | "un" | "una" | "hora" | "cita"))
    };
    let verb = n.iter().position(|w| removes(w))?;
    if n[verb].starts_with("sac") && books(verb) {
        return None;
    }
    let only_word = |w: &str| matches!(w, "solo" | "solamente" | "unicamente" | "just" | "only");
    // "cancelame solo el brushing", "solo cancelame el brushing": nothing stops between.
    let by_verb = |i: usize| {
        only_word(n[i])
            && i.abs_diff(verb) <= 2
            && !words
                .gap(i.min(verb), i.max(verb))
                .contains([',', '.', ';'])
    };
    let keeps = (0..n.len()).find(|&i| {
        i > verb
            && ((only_word(n[i]) && !by_verb(i))
                || matches!(
                    n[i],
                    "keep" | "deja" | "dejame" | "mantene" | "mantenme" | "deixa"
                ))
    });
    let gone: Vec<String> = match keeps {
        Some(k) if spans.iter().any(|s| s.0 > k) => spans
            .iter()
            .filter(|s| s.1 <= k)
            .map(|s| s.2.clone())
            .collect(),
        Some(_) => return None,
        None if (0..n.len()).any(by_verb) => spans.iter().map(|s| s.2.clone()).collect(),
        None => return None,
    };
    (!gone.is_empty()).then_some(gone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swap_names_what_goes_and_what_comes() {
        for text in [
            "cambiame la pedicura por semi",
            "¿me podés cambiar el corte por un brushing?",
            "change the pedicure for gel nails",
            "troca a pedicure pela manicure",
        ] {
            assert!(swaps(&Words::new(text)), "{text}");
        }
        for text in [
            "cambiame por favor",
            "quiero cambiar el turno",
            "cambia por",
            "¿me podés cambiar el turno por favor?",
        ] {
            assert!(!swaps(&Words::new(text)), "{text}");
        }
    }

    #[test]
    fn only_what_is_named_goes() {
        let gone = |text: &str, spans: &[(usize, usize, &str)]| {
            let spans: Vec<(usize, usize, String)> = spans
                .iter()
                .map(|(a, b, s)| (*a, *b, s.to_string()))
                .collect();
            cancelled_services(&Words::new(text), &spans)
        };
        assert_eq!(
            gone("cancelame solo el brushing", &[(3, 4, "brushing")]),
            Some(vec!["brushing".into()])
        );
        assert_eq!(
            gone(
                "las cejas cancelalas, solo semi",
                &[(1, 2, "cejas"), (4, 5, "semi")]
            ),
            Some(vec!["cejas".into()])
        );
        assert_eq!(
            gone(
                "please cancel just the pedicure, keep the manicure",
                &[(4, 5, "pedicure"), (7, 8, "manicure")]
            ),
            Some(vec!["pedicure".into()])
        );
        assert_eq!(gone("al final solo manos", &[(3, 4, "manos")]), None);
        assert_eq!(gone("cancelame el corte", &[(2, 3, "corte")]), None);
        assert_eq!(
            gone("sacame turno solo para el corte", &[(5, 6, "corte")]),
            None
        );
    }

    #[test]
    fn only_what_is_named() {
        for text in [
            "al final solo manos",
            "nada más la manicura",
            "just the manicure",
        ] {
            assert!(only(&Words::new(text)), "{text}");
        }
        assert!(!only(&Words::new("manos y pies")));
    }
}
