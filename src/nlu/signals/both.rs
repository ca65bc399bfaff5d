//! "quiero las dos", "las tres cosas", "todo junto": the services asked about before, taken
//! together.

use super::says;
use crate::nlu::lexicon::lexicon;
use crate::text::Words;

/// "¿y si me hago las dos?", "todo junto", "both": the services asked about, together ("a
/// las dos" is an hour).
pub fn both(words: &Words) -> bool {
    let n = words.norms();
    let hour = n
        .windows(3)
        .any(|w| w[0] == "a" && w[1] == "las" && matches!(w[2], "dos" | "2" | "tres" | "3"));
    !hour && says(words, &lexicon().both)
}

/// How many services "las tres cosas", "las dos", "ambas" count: the number after "las" or
/// "los" (not "a las tres", nor the day in "el 2 de enero"); `None`: "todo junto", every one
/// asked about.
pub fn both_count(words: &Words) -> Option<u8> {
    let n = words.norms();
    (0..n.len()).find_map(|i| {
        let counted = i >= 1 && matches!(n[i - 1], "las" | "los") && (i < 2 || n[i - 2] != "a");
        match n[i] {
            "ambos" | "ambas" | "both" => Some(2),
            "dos" | "2" if counted => Some(2),
            "tres" | "3" if counted => Some(3),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("quiero las dos el jueves", Some(2))]
    #[case("el 2 de enero quiero las tres cosas", Some(3))]
    #[case("ambas el viernes a las 3", Some(2))]
    #[case("todo junto el sábado", None)]
    fn how_many_together(#[case] text: &str, #[case] want: Option<u8>) {
        assert_eq!(both_count(&Words::new(text)), want, "{text}");
    }
}
