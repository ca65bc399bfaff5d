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

/// How many services "las tres cosas", "las dos" count (`None`: "todo junto", every one
/// asked about).
pub fn both_count(words: &Words) -> Option<u8> {
    words.norms().iter().find_map(|w| match *w {
        "dos" | "2" | "ambos" | "ambas" | "both" => Some(2),
        "tres" | "3" => Some(3),
        _ => None,
    })
}
