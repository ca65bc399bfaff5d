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
