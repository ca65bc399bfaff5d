//! Values taken back inside a message: a correction ("el jueves, perdón, el viernes") and
//! the "no" that answers rather than turns a value down ("no, a las 6").

use super::{Candidate, Role};
use crate::nlu::corrections::replaced_by_next;
use crate::text::Words;

/// "el jueves, perdón, el viernes", "el 3 de mayo... digo junio", "quinta não, sexta",
/// "Keratina el sábado. Mejor el viernes": the earlier value is taken back for the next one.
pub(super) fn mark_corrections(n: &[&str], cands: &mut [Candidate]) {
    mark_taken_back(n, cands, 6, |r| {
        r.refused = true;
        r.negated = false;
    });
}

/// Marks with `take_back` each candidate that the words before the next one take back for it
/// (at most `max_gap` words apart). A "no" right after the first is its own, so it does not
/// turn the next one down ("keratina no, nanoplastia").
pub(super) fn mark_taken_back(
    n: &[&str],
    cands: &mut [Candidate],
    max_gap: usize,
    take_back: impl Fn(&mut Role),
) {
    for k in 1..cands.len() {
        let (a, b) = (cands[k - 1].to, cands[k].from);
        if b > a && b - a <= max_gap && replaced_by_next(&n[a..b]) {
            take_back(&mut cands[k - 1].role);
            // ("el jueves, bueno no, el viernes", "brushing, ay no perdón, quise decir
            // peinado": the "no" is the first one's too.)
            // Not "perdón, no es un peinado, es un recogido": that "no" is the next one's.
            let filler_no = (a..b).any(|j| {
                matches!(n[j], "no" | "nao")
                    && (matches!(
                        n.get(j + 1),
                        Some(&("perdon" | "perdona" | "digo" | "quise" | "sorry" | "no"))
                    ) || (j > a
                        && matches!(n[j - 1], "bueno" | "ay" | "ah" | "no" | "actually")))
            });
            if matches!(n[a], "no" | "nao" | "not") || filler_no {
                cands[k].role.negated = false;
            }
        }
    }
}

/// The message's words as the value cues read them. A leading "no," that answers the question
/// before a value ("no, a las 6", "no, el viernes") is blanked: it negates nothing. A "no"
/// after a comma and before the next value ("el 12, no el 11", "a las 5, no a las 4") excludes
/// that value, as "menos" would, and so does one with no stop either side before another
/// value ("el sábado no el viernes"); with a comma after it ("el 5 no, el 6") it stays the
/// other's.
pub(super) fn answered_norms(words: &Words) -> Vec<&str> {
    const STOPS: [char; 3] = [',', '.', '!'];
    let mut n = words.norms();
    // ("ah no, el sábado entonces": after an interjection too.)
    let k = usize::from(n.len() > 2 && matches!(n[0], "ah" | "uh" | "eh" | "ay" | "uy"));
    if n.len() > k + 1 && matches!(n[k], "no" | "nao") && words.gap(k, k + 1).contains(STOPS) {
        n[k] = "";
    }
    for j in 1..n.len().saturating_sub(1) {
        let next = !words.gap(j, j + 1).contains(STOPS);
        // "el sábado no el viernes", "a las 5 no a las 6": with no stop either side, a "no"
        // right before another value's article turns that one down.
        let before_value = next
            && !words.gap(j - 1, j).contains(STOPS)
            && matches!(n[j + 1], "el" | "la" | "las" | "a" | "al" | "para")
            && !matches!(n[j - 1], "no" | "que" | "q" | "si" | "porque" | "xq");
        // ("el 17, no no, el viernes": a "no" said twice answers.)
        if matches!(n[j], "no" | "nao" | "not")
            && n[j + 1] != "no"
            && ((words.gap(j - 1, j).contains([',', ';']) && next) || before_value)
        {
            n[j] = "menos";
        }
    }
    n
}
