//! A place in a list just offered ("el primero", "la última", "cualquiera").

use crate::domain::understanding::Pick;
use crate::text::Words;

/// "el primero", "la última", "dale, el segundo", "the first one", "o primeiro": a place in
/// a list just offered. A short message, with no number or month ("el primero de marzo" is
/// a date).
pub fn pick(words: &Words) -> Option<Pick> {
    let n = words.norms();
    if n.is_empty() || n.len() > 8 {
        return None;
    }
    // "the 2nd one": an ordinal of the list (not "the 2nd of January").
    let ordinal = |w: &str| matches!(w, "1st" | "2nd" | "3rd");
    let listed = n.iter().any(|w| matches!(*w, "one" | "option"));
    let plain = n.iter().all(|w| {
        (!w.chars().any(|c| c.is_ascii_digit()) || (ordinal(w) && listed))
            && crate::domain::normalize::month_of(w).is_none()
    });
    if !plain {
        return None;
    }
    // "cualquiera", "la que sea", "me da igual": whichever, so the first (not "cualquier
    // día" nor "con cualquiera", the day's or the stylist's).
    let other = n.iter().any(|w| {
        matches!(
            *w,
            "dia" | "day" | "dias" | "con" | "with" | "com" | "fecha" | "semana"
        )
    });
    let any = n.iter().any(|w| {
        matches!(
            *w,
            "cualquiera" | "cualquier" | "qualquer" | "any" | "whichever" | "whatever"
        )
    }) || n.windows(2).any(|p| {
        matches!(
            p,
            ["da" | "es", "igual"] | ["que", "sea"] | ["tanto", "faz"]
        )
    });
    if any && !other {
        return Some(Pick::Nth(0));
    }
    // "¿a qué hora es el último?", "el último que tengas": the day's, not the last listed.
    let of_day = n.iter().any(|w| {
        matches!(
            *w,
            "hora" | "cual" | "tenes" | "tengas" | "tienen" | "hay" | "dia" | "time" | "have"
        )
    });
    // "a primera hora", "first thing": the day's first time, not a place in the list; nor is
    // "es la primera vez que vengo".
    let not_a_place = n.windows(2).any(|p| {
        matches!(
            p,
            ["primera" | "first", "hora" | "thing" | "vez" | "time"] | ["primeira", "vez"]
        )
    });
    // "la más temprano", "the earliest": the first of those listed; "la más tarde", "the
    // latest": the last.
    let most = n.windows(3).find_map(|p| match p {
        ["la" | "el" | "lo", "mas", "temprano" | "temprana"] => Some(Pick::Nth(0)),
        ["la" | "el", "mas", "tarde"] => Some(Pick::Last),
        _ => None,
    });
    let superlative = n.iter().find_map(|w| match *w {
        "earliest" => Some(Pick::Nth(0)),
        "latest" => Some(Pick::Last),
        _ => None,
    });
    if let Some(p) = most.or(superlative) {
        return Some(p);
    }
    n.iter().find_map(|w| match *w {
        "ultimo" | "ultima" | "last" if of_day => Some(Pick::LastOfDay),
        "primera" | "first" | "primeira" if not_a_place => None,
        "primero" | "primera" | "primer" | "first" | "primeiro" | "primeira" | "1st" => {
            Some(Pick::Nth(0))
        }
        "segundo" | "segunda" | "second" | "2nd" => Some(Pick::Nth(1)),
        "tercero" | "tercera" | "tercer" | "third" | "terceiro" | "terceira" | "3rd" => {
            Some(Pick::Nth(2))
        }
        "ultimo" | "ultima" | "last" => Some(Pick::Last),
        _ => None,
    })
}

/// "ese", "ese mismo", "esa me sirve": the one just offered, and nothing else said.
pub(super) fn the_one_offered(n: &[&str]) -> bool {
    matches!(n.first(), Some(&"ese" | &"esa"))
        && n.len() <= 4
        && n[1..].iter().all(|w| {
            matches!(
                *w,
                "mismo"
                    | "misma"
                    | "dale"
                    | "porfa"
                    | "por"
                    | "favor"
                    | "esta"
                    | "bien"
                    | "me"
                    | "sirve"
                    | "va"
                    | "perfecto"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("el primero", Some(Pick::Nth(0)))]
    #[case("la mas temprano", Some(Pick::Nth(0)))]
    #[case("the earliest one please", Some(Pick::Nth(0)))]
    #[case("dale, la más tarde", Some(Pick::Last))]
    #[case("cuál es el primero que tenés?", Some(Pick::Nth(0)))]
    #[case("dale, la segunda", Some(Pick::Nth(1)))]
    #[case("the last one", Some(Pick::Last))]
    #[case("dale, la última", Some(Pick::Last))]
    #[case("a qué hora es el último?", Some(Pick::LastOfDay))]
    #[case("el último que tengas", Some(Pick::LastOfDay))]
    #[case("o primeiro", Some(Pick::Nth(0)))]
    #[case("a primeira", Some(Pick::Nth(0)))]
    #[case("el primero de marzo", None)]
    #[case("el 1", None)]
    #[case("a las 11", None)]
    #[case("cualquiera", Some(Pick::Nth(0)))]
    #[case("la que sea", Some(Pick::Nth(0)))]
    #[case("me da igual", Some(Pick::Nth(0)))]
    #[case("any is fine", Some(Pick::Nth(0)))]
    #[case("qualquer um", Some(Pick::Nth(0)))]
    #[case("cualquier día", None)]
    #[case("con cualquiera", None)]
    #[case("igual no puedo", None)]
    #[case("y el jueves a primera hora?", None)]
    #[case("the 2nd one", Some(Pick::Nth(1)))]
    #[case("the 2nd of january", None)]
    #[case("first thing on friday", None)]
    #[case("es la primera vez que vengo", None)]
    fn a_place_in_the_list_offered(#[case] text: &str, #[case] want: Option<Pick>) {
        assert_eq!(pick(&Words::new(text)), want, "{text}");
    }
}
