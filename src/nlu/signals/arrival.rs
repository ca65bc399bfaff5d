//! "¿puedo llegar 10 minutos antes?": arriving early for a booking — a question about the
//! visit, not a booking moved ("¿lo puedo pasar más temprano?" moves it).

use crate::text::Words;

/// Verbs of arriving, in the languages the replies speak.
/// ("get" is not one: "can I get an earlier appointment?" moves a booking.)
const ARRIVE: &[&str] = &[
    "llegar", "llego", "llegamos", "llegue", "caer", "caigo", "arrive", "come", "chegar", "chego",
];

/// Words that put the arrival before the booking's time.
const EARLY: &[&str] = &["antes", "temprano", "early", "earlier", "cedo"];

/// An arrival before the booking's time, within a few words of the verb ("llegar unos 10
/// minutos antes"); not "antes de las 5" nor "antes del sábado", which name a time or day.
pub fn arrives_early(words: &Words) -> bool {
    let n = words.norms();
    let early_at =
        |j: usize| EARLY.contains(&n[j]) && !matches!(n.get(j + 1), Some(&"de" | &"del"));
    n.iter().enumerate().any(|(i, w)| {
        // "llegar unos 10 minutos antes"; "¿cuánto tiempo antes tengo que llegar?".
        ARRIVE.contains(w)
            && ((i + 1..n.len().min(i + 6)).any(early_at) || (i.saturating_sub(4)..i).any(early_at))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("gracias! una pregunta, puedo llegar 10 min antes?", true)]
    #[case("puedo llegar un poco más temprano?", true)]
    #[case("can I arrive 15 minutes early?", true)]
    #[case("posso chegar mais cedo?", true)]
    #[case("llego antes de las 5?", false)]
    #[case("lo puedo pasar más temprano?", false)]
    #[case("llego 10 minutos tarde", false)]
    #[case("can I get an earlier appointment?", false)]
    #[case("¿cuánto tiempo antes tengo que llegar?", true)]
    #[case("antes de llegar te aviso", false)]
    fn early(#[case] text: &str, #[case] want: bool) {
        assert_eq!(arrives_early(&Words::new(text)), want, "{text}");
    }
}
