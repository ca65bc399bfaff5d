//! Intent cue phrases in a message: where they match, whether what comes just before turns
//! them down, and an intent's score from the cues a message contains.

use crate::nlu::lexicon::{lexicon, Cue};

pub(crate) fn cue_matches(words: &[&str], cue: &str) -> bool {
    cue_starts(words, cue).next().is_some()
}

/// Where a cue phrase starts in the words.
fn cue_starts<'a>(words: &'a [&'a str], cue: &'a str) -> impl Iterator<Item = usize> + 'a {
    let parts: Vec<&str> = cue.split(' ').collect();
    let last = (words.len() + 1).saturating_sub(parts.len());
    (0..last).filter(move |&start| {
        parts.iter().enumerate().all(|(k, p)| {
            let w = words[start + k];
            // Spelt as it sounds too: "kuanto sale" is "cuanto sale".
            match p.strip_suffix('*') {
                Some(stem) => w.starts_with(stem),
                None => crate::text::sounds_alike(w, p),
            }
        })
    })
}

/// Whether a cue starting at `at` is turned down by what comes just before it ("no quiero
/// cancelar", "No es para reprogramar", "not cancelling"), with at most one small word
/// between ("no quiero el cambio").
fn turned_down(words: &[&str], at: usize) -> bool {
    let ends_at = |end: usize| {
        lexicon()
            .turned_down
            .iter()
            .any(|p| cue_starts(&words[..end], p).any(|s| s + p.split(' ').count() == end))
    };
    ends_at(at)
        || (at >= 1
            && matches!(
                words[at - 1],
                "a" | "el" | "la" | "mi" | "to" | "my" | "o" | "meu"
            )
            && ends_at(at - 1))
}

/// "el otro día me atendió Caro": a day gone by, not another day asked for.
fn gone_by(words: &[&str], at: usize) -> bool {
    at >= 1 && words[at - 1] == "el" && words[at..].starts_with(&["otro", "dia"])
}

/// "pasame los precios", "me pasás la dirección": a "pasar" that hands over information
/// (the next word, after at most one article or pronoun, names it) moves no booking; nor
/// does "me pasás qué turnos te quedan", "pasame los turnos disponibles" (the free ones).
fn hands_over_info(words: &[&str], cue: &str, end: usize) -> bool {
    if !cue.rsplit(' ').next().is_some_and(|w| w.starts_with("pas")) {
        return false;
    }
    let small = |w: &str| {
        matches!(
            w,
            "el" | "la"
                | "los"
                | "las"
                | "un"
                | "una"
                | "tu"
                | "tus"
                | "su"
                | "sus"
                | "me"
                | "mi"
                | "que"
        )
    };
    let at = if words.get(end).is_some_and(|w| small(w)) {
        end + 1
    } else {
        end
    };
    let free = words.get(at + 1).is_some_and(|w| {
        matches!(
            *w,
            "disponibles" | "libres" | "que" | "te" | "tenes" | "tengas" | "hay"
        )
    });
    words.get(at).is_some_and(|w| {
        lexicon()
            .info_objects
            .iter()
            .any(|n| w.starts_with(n.as_str()))
            || (matches!(*w, "turnos" | "lugares") && free)
    })
}

/// Where what the customer says last starts, when she takes back what came before ("cancelá
/// el jueves. no, espera, mejor movelo", "pero pensándolo bien"): after the last such phrase.
pub(super) fn taken_back_until(words: &[&str]) -> Option<usize> {
    lexicon()
        .takes_back
        .iter()
        .flat_map(|p| cue_starts(words, p).map(move |s| s + p.split(' ').count()))
        .max()
        .filter(|&end| end < words.len())
}

pub(super) fn score(words: &[&str], cues: &[Cue]) -> f32 {
    // Sum of matched cue weights, with diminishing returns.
    let mut total = 0.0f32;
    let mut best = 0.0f32;
    for c in cues {
        let len = c.phrase.split(' ').count();
        if cue_starts(words, &c.phrase).any(|at| {
            !turned_down(words, at)
                && !hands_over_info(words, &c.phrase, at + len)
                && !gone_by(words, at)
        }) {
            total += c.weight;
            best = best.max(c.weight);
        }
    }
    if total == 0.0 {
        0.0
    } else {
        best + 0.25 * (total - best)
    }
}
