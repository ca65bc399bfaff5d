//! "con la misma chica de la otra vez", "con la de siempre": the stylist of the customer's
//! last visit, not named.

use crate::text::Words;

/// Words that say "the same".
const SAME: &[&str] = &["misma", "mismo", "same", "mesma", "mesmo"];

/// Words for whoever does the service.
const WHO: &[&str] = &[
    "chica",
    "chico",
    "piba",
    "pibe",
    "peluquera",
    "peluquero",
    "estilista",
    "persona",
    "profesional",
    "colorista",
    "stylist",
    "person",
    "girl",
    "guy",
    "lady",
    "hairdresser",
    "moca",
    "pessoa",
    "cabeleireira",
    "cabeleireiro",
    "profissional",
];

/// Phrases that place the one meant in an earlier visit.
const BEFORE: &[&str] = &[
    "otra vez",
    "vez pasada",
    "ultima vez",
    "atendio",
    "atendiste",
    "atendieron",
    "de siempre",
    "last time",
    "before",
    "outra vez",
    "me atendeu",
];

/// Whether the message asks for the stylist of an earlier visit without naming her: "con la
/// misma chica que me atendió la otra vez", "con la de siempre", "la que me atendió", "same
/// stylist as last time", "com a mesma moça da outra vez". Not "con la misma chica" alone
/// (right after a booking, that one's).
pub fn usual_staff(words: &Words) -> bool {
    let n = words.norms();
    let joined = format!(" {} ", n.join(" "));
    let has = |p: &str| joined.contains(&format!(" {p} "));
    let same_who = n
        .windows(2)
        .any(|w| SAME.contains(&w[0]) && WHO.contains(&w[1]));
    let before = BEFORE.iter().any(|p| has(p));
    let of_always = n.windows(3).any(|w| {
        (WHO.contains(&w[0]) || matches!(w[0], "la" | "el")) && w[1..] == ["de", "siempre"]
    });
    let who_did = ["la que me atendio", "el que me atendio", "quien me atendio"]
        .iter()
        .any(|p| has(p));
    (same_who && before) || of_always || who_did
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylist_of_an_earlier_visit() {
        for text in [
            "quiero turno con la misma chica que me atendió la otra vez para las uñas",
            "con la de siempre porfa",
            "corte con mi peluquera de siempre",
            "con la que me atendió en octubre",
            "same stylist as last time please",
            "com a mesma moça da outra vez",
        ] {
            assert!(usual_staff(&Words::new(text)), "{text}");
        }
        for text in [
            "y para mi hermana con la misma chica",
            "lo mismo de siempre",
            "quiero el mismo color que me hicieron la otra vez",
            "corte con Caro",
        ] {
            assert!(!usual_staff(&Words::new(text)), "{text}");
        }
    }
}
