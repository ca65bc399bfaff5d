//! Second choices: a value offered only in case the first is not possible.

use super::{before, Candidate};
use crate::domain::understanding::SlotName;

/// "quería el 18 pero si no hay el 19", "a las 5, o si no a las 6", "friday, if not
/// saturday", "sexta, se não sábado": a value after "si no" that follows another of its slot
/// is the second choice. ("No el jueves sino el viernes" is a correction: "sino" is one word.)
/// So is a day or an hour offered right after another as an alternative: "el jueves o el
/// viernes", "a las 10 o 10:30", "thursday or friday" (the first is checked first).
pub(super) fn mark_fallbacks(n: &[&str], cands: &mut [Candidate]) {
    let starts: Vec<(SlotName, usize)> = cands.iter().map(|c| (c.slot, c.from)).collect();
    let ends: Vec<(SlotName, usize)> = cands.iter().map(|c| (c.slot, c.to)).collect();
    for c in cands.iter_mut() {
        let earlier = starts.iter().any(|&(s, f)| s == c.slot && f < c.from);
        // Up to "si no hay para el 19", "if not then saturday".
        let lead = (1..=5).any(|j| {
            c.from > j
                && matches!(
                    (n[c.from - j - 1], n[c.from - j]),
                    ("si", "no") | ("if", "not") | ("se", "nao")
                )
                && n[c.from - j + 1..c.from].iter().all(|w| {
                    matches!(
                        *w,
                        "hay"
                            | "se"
                            | "puede"
                            | "podes"
                            | "pueden"
                            | "tenes"
                            | "tienen"
                            | "el"
                            | "la"
                            | "las"
                            | "a"
                            | "para"
                            | "then"
                            | "on"
                            | "at"
                            | "da"
                            | "pra"
                    )
                })
        }) || before(n, c.from, 1) == Some("otherwise");
        // "el jueves o el viernes": an "o" right after another value of the slot.
        let alternative = matches!(c.slot, SlotName::PreferredDate | SlotName::PreferredTime)
            && (1..=3).any(|j| {
                c.from > j
                    && matches!(n[c.from - j], "o" | "u" | "or" | "ou")
                    && n[c.from - j + 1..c.from]
                        .iter()
                        .all(|w| matches!(*w, "el" | "la" | "las" | "a" | "para" | "on" | "at"))
                    && ends.contains(&(c.slot, c.from - j))
            });
        if (earlier && lead) || alternative {
            c.role.fallback = true;
        }
    }
}
