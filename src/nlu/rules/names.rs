//! The customer's name in a message ("soy Ana", "…, Carla", a bare "Ana Gómez" when asked),
//! and the name of someone else the booking is for ("para mi amiga Julieta").

use crate::nlu::lexicon::lexicon;
use crate::nlu::signals;
use crate::nlu::{ExtractContext, SlotName};
use crate::text::Words;

pub(crate) fn is_capitalized(raw: &str) -> bool {
    raw.chars().next().is_some_and(|c| c.is_uppercase())
}

pub(crate) fn looks_like_name_word(raw: &str, norm: &str) -> bool {
    let alpha = norm.chars().all(|c| c.is_alphabetic() || c == '\'');
    alpha
        && norm.chars().count() >= 2
        && !lexicon().not_name.contains(norm)
        && (is_capitalized(raw) || lexicon().common_names.contains(norm))
}

/// The name (up to three name-like words) that starts at word `start`.
fn name_at(words: &Words, n: &[&str], start: usize) -> Option<String> {
    name_end(words, n, start).map(|end| words.span(start, end))
}

/// Where the name starting at `start` ends (`None`: no name there).
/// Up to three name words, and the particles between two of them ("María de los Ángeles
/// Ruiz").
fn name_end(words: &Words, n: &[&str], start: usize) -> Option<usize> {
    let (mut end, mut count) = (start, 0);
    let stop = |k: usize| {
        words
            .gap(k - 1, k)
            .chars()
            .any(|c| matches!(c, ',' | '.' | ';' | '!' | '?' | ':' | '(' | ')' | '"'))
    };
    while end < n.len() && count < 3 {
        let particles = if end > start {
            (end..n.len().min(end + 2))
                .take_while(|&k| matches!(n[k], "de" | "del" | "la" | "los" | "las"))
                .count()
        } else {
            0
        };
        let k = end + particles;
        let capitalized = particles == 0 || (k < n.len() && is_capitalized(&words.raw(k)));
        if k >= n.len() || !capitalized || !looks_like_name_word(&words.raw(k), n[k]) {
            break;
        }
        if particles > 0 && (end + 1..=k).any(stop) {
            break;
        }
        end = k + 1;
        count += 1;
        // A comma or period ends the name ("soy Emma, I'm staying…").
        if end < n.len() && stop(end) {
            break;
        }
    }
    (end > start).then_some(end)
}

/// "soy vale, perdón, Valentina Gómez": the name a correction right after a name puts
/// instead of it (the words after the cue, up to three, to the next stop).
fn corrected_name(words: &Words, n: &[&str], end: usize) -> Option<String> {
    // The words that take a value back, as for services, codes and phone numbers.
    let takes_back = |k: usize| crate::nlu::corrections::replaced_by_next(&n[end..=k]);
    let k = (end..(end + 3).min(n.len())).find(|&k| takes_back(k))?;
    let mut start = k + 1;
    if matches!(n.get(start), Some(&("soy" | "es" | "i'm" | "sou"))) {
        start += 1;
    }
    let plain =
        |j: usize| n[j].chars().all(char::is_alphabetic) && !lexicon().not_name.contains(n[j]);
    let mut to = start;
    while to < n.len() && to - start < 3 && plain(to) {
        to += 1;
        if to < n.len() && words.gap(to - 1, to).chars().any(|c| ",.;!?:".contains(c)) {
            break;
        }
    }
    (to > start).then(|| words.span(start, to))
}

/// How someone else's name is told: "se llama Rosa", "her name is Kate".
const CALLED: [&[&str]; 5] = [
    &["se", "llama"],
    &["su", "nombre", "es"],
    &["her", "name", "is"],
    &["his", "name", "is"],
    &["ela", "se", "chama"],
];

/// While booking, "…, se llama Benjamín" names who it is for, asked or not (a clause of
/// its own, or after who: "la nena se llama Sofía").
fn named_while_booking(words: &Words, ctx: &ExtractContext) -> Option<String> {
    if ctx.active_flow != Some(crate::domain::understanding::Intent::Book) {
        return None;
    }
    let n = words.norms();
    let clause = |i: usize| {
        i == 0 || words.gap(i - 1, i).contains(',') || lexicon().relatives.contains(n[i - 1])
    };
    (0..n.len()).find_map(|i| {
        let lead = CALLED.iter().find(|l| n[i..].starts_with(l))?;
        clause(i)
            .then(|| name_at(words, &n, i + lead.len()))
            .flatten()
    })
}

/// "para mi amiga Julieta", "for my daughter Emma", "pra minha filha Ana", "para mi mamá…,
/// se llama Rosa": the name of someone else the booking is for.
pub(super) fn booking_for(words: &Words, ctx: &ExtractContext) -> Option<String> {
    let n = words.norms();
    let Some(at) = (0..n.len()).find(|&i| signals::for_a_relative_at(&n, i)) else {
        return parent_of(words, &n).or_else(|| named_while_booking(words, ctx));
    };
    // "para mi amiga Julieta", or later "…, se llama Rosa" / "su nombre es Rosa".
    name_at(words, &n, at + 3).or_else(|| {
        let in_name: &[&str] = &["a", "nombre", "de"];
        (at + 3..n.len()).find_map(|i| {
            CALLED
                .iter()
                .chain([&in_name])
                .find(|lead| n[i..].starts_with(lead))
                .and_then(|lead| name_at(words, &n, i + lead.len()))
        })
    })
}

/// "soy la mamá de Juli, quería sacarle turno a ella": the booking is for the one whose
/// relative writes, when the message books for her or him ("sacarle", "para ella").
fn parent_of(words: &Words, n: &[&str]) -> Option<String> {
    let for_them = n.iter().enumerate().any(|(i, w)| {
        matches!(
            *w,
            "sacarle" | "reservarle" | "anotarla" | "anotarlo" | "anotarle"
        ) || (matches!(*w, "para" | "a" | "pra" | "for")
            && matches!(
                n.get(i + 1),
                Some(&("ella" | "ela" | "ele" | "her" | "him"))
            ))
    }) || signals::for_him(words);
    if !for_them {
        return None;
    }
    (1..n.len().saturating_sub(2)).find_map(|i| {
        let relative = matches!(n[i - 1], "la" | "el" | "a" | "o" | "the")
            && lexicon().relatives.contains(n[i])
            && matches!(n[i + 1], "de" | "of" | "da" | "do");
        relative.then(|| name_at(words, n, i + 2)).flatten()
    })
}

pub(super) fn find_name(
    text: &str,
    words: &Words,
    ctx: &ExtractContext,
    staff: &Option<(usize, usize)>,
) -> Option<String> {
    let n = words.norms();
    let take_name = |start: usize| name_at(words, &n, start);
    // Asked for the booking's name, "se llama Rosa Díaz" gives it (someone else's).
    let asked = ctx.expected_slot == Some(SlotName::ClientName);
    let lx = lexicon();
    let leads = lx
        .name_leads
        .iter()
        .chain(lx.name_leads_asked.iter().filter(|_| asked));
    for lead in leads {
        for i in 0..n.len() {
            if i + lead.len() <= n.len() && n[i..i + lead.len()] == **lead {
                let start = i + lead.len();
                if let Some(end) = name_end(words, &n, start) {
                    return corrected_name(words, &n, end).or_else(|| take_name(start));
                }
                // "a nombre de mi hija Sofía": the name after whose it is.
                if matches!(n.get(start), Some(&("mi" | "my" | "minha" | "meu"))) {
                    if let Some(name) = take_name(start + 2) {
                        return Some(name);
                    }
                }
                // Asked the name, "soy yami" in lowercase: the words after the lead.
                let rest = start..n.len();
                let plain =
                    |j: usize| n[j].chars().all(char::is_alphabetic) && !lx.not_name.contains(n[j]);
                if asked
                    && i == 0
                    && (1..=3).contains(&rest.len())
                    && rest.clone().all(plain)
                    && !text.contains(['?', '¿'])
                {
                    return Some(words.span(start, n.len()));
                }
            }
        }
    }
    // Asked the name, "dale, Julieta", "sim, Camila": a yes to giving it, then the name.
    if asked && n.len() >= 2 && words.gap(0, 1).contains(',') && lx.yes.iter().any(|y| y == n[0]) {
        if let Some(end) = name_end(words, &n, 1).filter(|&e| e == n.len()) {
            if (1..end).all(|i| is_capitalized(&words.raw(i))) {
                return Some(words.span(1, end));
            }
        }
    }
    // Asked the name: "Carla, soy la mamá de Tomi", "Carla, la mamá de Tomi": the name, then
    // who she is.
    if let Some(end) = name_end(words, &n, 0).filter(|_| asked && !text.contains(['?', '¿'])) {
        let who = match n.get(end) {
            Some(&("soy" | "sou" | "im")) => true,
            Some(&("la" | "el" | "a" | "o" | "the")) => {
                n.get(end + 1).is_some_and(|w| lx.relatives.contains(*w))
            }
            _ => false,
        };
        if who && words.gap(end - 1, end).contains(',') {
            return Some(words.span(0, end));
        }
    }
    // A signature: the last one or two words after a comma or period ("…, Carla").
    if n.len() >= 3 {
        for len in [2usize, 1] {
            if n.len() > len {
                let start = n.len() - len;
                let sep = words.gap(start - 1, start);
                let all = (start..n.len()).all(|i| {
                    looks_like_name_word(&words.raw(i), n[i]) && is_capitalized(&words.raw(i))
                });
                if all
                    && sep.chars().any(|c| matches!(c, ',' | '.' | '!'))
                    && staff.is_none_or(|(s, _)| s < start)
                {
                    return Some(words.span(start, n.len()));
                }
            }
        }
    }
    // The whole message is a name (maybe with a phone or email): "Ana Gómez", "Juan Pérez 1156781234".
    let content: Vec<usize> = (0..n.len())
        .filter(|&i| !n[i].chars().any(|c| c.is_ascii_digit()) && !n[i].contains('@'))
        .collect();
    let expected = ctx.expected_slot == Some(SlotName::ClientName);
    if !content.is_empty() && content.len() <= 3 && (staff.is_none() || expected) {
        let all_names = content
            .iter()
            .all(|&i| looks_like_name_word(&words.raw(i), n[i]));
        let contiguous = content.windows(2).all(|w| w[1] == w[0] + 1);
        // Asked their name, a customer may still ask something ("¿dónde quedan?").
        let question =
            text.contains(['?', '¿']) || lexicon().question_words.contains(n[content[0]]);
        let lenient = expected
            && !question
            && content.iter().all(|&i| {
                n[i].chars().all(char::is_alphabetic) && !lexicon().not_name.contains(n[i])
            });
        if contiguous && (all_names || lenient) && signals::affirmation(words).is_none() {
            return Some(words.span(content[0], content[content.len() - 1] + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::domain::catalog::tests::demo;
    use crate::domain::understanding::Intent;
    use crate::nlu::rules::tests::ex;
    use crate::nlu::rules::RuleExtractor;
    use crate::nlu::{ExtractContext, SlotName};

    fn name_in(text: &str, ctx: &ExtractContext) -> Option<String> {
        RuleExtractor.extract(&demo(), text, ctx).slots.client_name
    }

    fn whose(text: &str, ctx: &ExtractContext) -> Option<String> {
        RuleExtractor
            .extract(&demo(), text, ctx)
            .signals
            .booking_for
    }

    #[test]
    fn a_yes_then_the_name_gives_the_name() {
        let asked = ExtractContext {
            expected_slot: Some(SlotName::ClientName),
            ..Default::default()
        };
        for (text, want) in [
            ("dale, Julieta", "Julieta"),
            ("sim, Camila", "Camila"),
            ("dale, ponele Juli", "Juli"),
            (
                "soy la Negra jaja, pero anotá Ana Laura Gómez",
                "Ana Laura Gómez",
            ),
        ] {
            assert_eq!(name_in(text, &asked).as_deref(), Some(want), "{text}");
        }
        // Not asked, a yes and a word is no name.
        assert_eq!(name_in("dale, Julieta", &ExtractContext::default()), None);
        assert_eq!(name_in("si, dale", &asked), None);
    }

    #[test]
    fn while_booking_se_llama_names_who_it_is_for() {
        let booking = ExtractContext {
            active_flow: Some(Intent::Book),
            ..Default::default()
        };
        for (text, want) in [
            ("se llama Benjamín", "Benjamín"),
            ("a las 9, se llama Benjamín", "Benjamín"),
            ("la nena se llama Sofía y yo Ana", "Sofía"),
        ] {
            assert_eq!(whose(text, &booking).as_deref(), Some(want), "{text}");
        }
        // Outside a booking, who attended her is no customer.
        let idle = ExtractContext::default();
        assert_eq!(whose("la chica que me atendió se llama Sofi", &idle), None);
    }

    #[test]
    fn a_name_keeps_its_particles_and_ends_at_a_bracket() {
        let e = ex("hola, mi nombre es María de los Ángeles Ruiz, quiero manicura");
        assert_eq!(
            e.slots.client_name.as_deref(),
            Some("María de los Ángeles Ruiz")
        );
        let e = ex("Soy Paula Fernández (Pau para los amigos jaja), quiero brushing");
        assert_eq!(e.slots.client_name.as_deref(), Some("Paula Fernández"));
        // A particle before no name is not part of one.
        let e = ex("soy Ana de la peluquería de enfrente");
        assert_eq!(e.slots.client_name.as_deref(), Some("Ana"));
    }
}
