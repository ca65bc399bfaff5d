//! "¿Puedo ir con mi hijo a cortarle el pelo?": the one the customer comes with is the one
//! served, a booking for them, not the question for the team about coming along ("¿puedo
//! ir con mi bebé?").

/// Words after a companion that say a service is for them.
const SERVED: &[&str] = &[
    " a cortarle",
    " a cortarse",
    " a hacerle",
    " a hacerse",
    " a peinarla",
    " a peinarlo",
    " a que le ",
    " para que le ",
    " to get her",
    " to get his",
    " to get him",
];

/// Whether the message (its folded words, joined) brings someone along to be served.
pub fn served(joined: &str) -> bool {
    let along = ["ir con", "venir con", "llevar a", "bring my", "come with"]
        .iter()
        .any(|p| joined.contains(p));
    along && SERVED.iter().any(|p| joined.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Words;

    fn joined(text: &str) -> String {
        Words::new(text).norms().join(" ")
    }

    #[test]
    fn a_companion_served_is_a_booking_for_them() {
        assert!(served(&joined(
            "¿puedo ir con mi hijo de 5 años a cortarle el pelo?"
        )));
        assert!(served(&joined(
            "puedo llevar a mi nena a que le corten el flequillo?"
        )));
        // Coming along, nothing done to them: the question for the team.
        assert!(!served(&joined("¿puedo ir con mi bebé?")));
        assert!(!served(&joined(
            "¿puedo ir acompañada a hacerme las manos?"
        )));
    }
}
