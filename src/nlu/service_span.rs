//! Where a service's name starts and ends in a message: its leading modifier ("men's cut"),
//! its complements ("extensiones de pestañas", "unha em gel") and, for a service said as a
//! verb, its object ("cortar la franja").

use crate::nlu::lexicon::lexicon;
use crate::text::Words;

pub(crate) fn extend_to(n: &[&str], mut to: usize) -> usize {
    let complements = &lexicon().service_complements;
    loop {
        if to < n.len()
            && (complements.iter().any(|c| c == n[to])
                || (n[to].len() >= 8
                    && complements
                        .iter()
                        .any(|c| c.len() >= 8 && crate::text::edit_distance(c, n[to], 2) <= 2)))
        {
            to += 1;
        } else if to + 1 < n.len()
            && matches!(n[to], "em" | "de")
            && complements.iter().any(|c| c == n[to + 1])
        {
            // "unha em gel", "uñas de gel", "unha de gel"
            to += 2;
        } else if to + 1 < n.len()
            && matches!(n[to], "de" | "al" | "con" | "com")
            && (lexicon().service_of.contains(n[to + 1])
                || (matches!(n[to], "con" | "com")
                    && matches!(
                        n[to + 1],
                        "cera" | "hilo" | "laser" | "keratina" | "henna" | "linha"
                    )))
        {
            to += 2;
        } else {
            return to;
        }
    }
}

/// Words that, right before a service, are part of its name.
const LEFT_MODIFIERS: &[&str] = &[
    "men's",
    "mens",
    "women's",
    "womens",
    "ladies",
    "kids",
    "eyelash",
    "root",
    "tape-in",
    "semi-permanent",
    "semipermanent",
];

/// A word that names a kind of service, not one: "tratamiento", "sesión".
fn generic_head(w: &str) -> bool {
    matches!(w, "tratamiento" | "tratamientos" | "sesion" | "sesiones")
}

/// The service's span: "extensiones de pestañas" with its leading word, and its complements.
pub(super) fn extend_service_span(words: &Words, from: usize, to: usize) -> (usize, usize, String) {
    let n = words.norms();
    // A generic head names the service after it: "tratamiento de botox capilar" is the
    // shortest phrase "botox capilar".
    let (from, to) = if to == from + 1
        && to + 1 < n.len()
        && generic_head(n[from])
        && n[to] == "de"
        && lexicon().service_words.iter().any(|s| s == n[to + 1])
    {
        (to + 1, to + 2)
    } else {
        (from, to)
    };
    let from = if from >= 2
        && n[from - 1] == "de"
        && !generic_head(n[from - 2])
        && lexicon().service_words.iter().any(|s| s == n[from - 2])
    {
        from - 2
    } else if from >= 1 && LEFT_MODIFIERS.contains(&n[from - 1]) {
        // "men's cut", "eyelash extensions", "root touch-up"
        from - 1
    } else {
        from
    };
    let to = extend_to(&n, to);
    let (from, to) = verbal_form(&n, from, to);
    (from, to, words.span(from, to))
}

/// Articles and possessives before a service's name ("el corte", "mis uñas", "my hair", "a
/// escova").
pub(crate) fn is_article(w: &str) -> bool {
    matches!(
        w,
        "el" | "la"
            | "los"
            | "las"
            | "mi"
            | "mis"
            | "o"
            | "a"
            | "os"
            | "as"
            | "meu"
            | "minha"
            | "the"
            | "my"
            | "her"
            | "his"
    )
}

/// A service said as a verb and its object is named whole, as the labelling guide keeps
/// verbal forms: "cortar la franja", "retocar la raíz", "teñirme las canas", "dye my hair",
/// "cortar o cabelo". Only a verb of `[service verbs]` with an object of `[service objects]`,
/// so "me hago las manos" stays "manos".
fn verbal_form(n: &[&str], from: usize, to: usize) -> (usize, usize) {
    let lx = lexicon();
    let verb = |w: &str| lx.service_verbs.iter().any(|v| v == w);
    let object = |w: &str| lx.service_objects.iter().any(|o| o == w);
    if to != from + 1 {
        return (from, to);
    }
    if object(n[from]) {
        if from >= 2 && is_article(n[from - 1]) && verb(n[from - 2]) {
            return (from - 2, to);
        }
        if from >= 1 && verb(n[from - 1]) {
            return (from - 1, to);
        }
    }
    if verb(n[from]) {
        if to + 1 < n.len() && is_article(n[to]) && object(n[to + 1]) {
            return (from, to + 2);
        }
        if to < n.len() && object(n[to]) {
            return (from, to + 1);
        }
    }
    (from, to)
}

/// "al final solo la manicura, la pedicura no": the last service named, with nothing after
/// its "no", is turned down when another is named before it. Not the tag question of
/// "¿hacen manos y pies, no?".
pub(crate) fn trailing_no(
    words: &Words,
    n: &[&str],
    cands: &mut [crate::nlu::candidates::Candidate],
) {
    let Some(last) = cands.len().checked_sub(1) else {
        return;
    };
    let to = cands[last].to;
    let asks = words.after(to).contains('?') || words.gap(to - 1, to).contains(',');
    if last > 0 && to + 1 == n.len() && matches!(n[to], "no" | "nao") && !asks {
        cands[last].role.negated = true;
    }
}

/// A verb that names a service alone ("cortarme": the demo salon's cut) right before
/// another service ("cortarme las uñas"), an article between at most, is that one's verb,
/// no service of its own. `found` holds `(from, to, catalog id)` in message order.
pub(crate) fn drop_verbs_of_next(n: &[&str], found: &mut Vec<(usize, usize, Option<String>)>) {
    let lx = lexicon();
    let verb_of_next = |k: usize| {
        let (from, to, _) = found[k];
        to == from + 1
            && lx.service_verbs.iter().any(|v| v == n[from])
            && found
                .get(k + 1)
                .is_some_and(|next| next.0 == to || (next.0 == to + 1 && is_article(n[to])))
    };
    let drop: Vec<bool> = (0..found.len()).map(verb_of_next).collect();
    let mut k = 0;
    found.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// "el corte de hombre y el de mujer", "la manicura común y la de gel": a service named by
/// an article and "de" after one named in full, its head word left out. Each is `(from, to,
/// catalog id, the name with its head: "corte de mujer")`, when that names a catalog service
/// other than the one before.
pub(crate) fn elided(
    ws: &crate::domain::catalog::Workspace,
    words: &Words,
    before: &[(usize, usize, Option<String>)],
) -> Vec<(usize, usize, String, String)> {
    let n = words.norms();
    let mut out = Vec::new();
    for i in 2..n.len().saturating_sub(1) {
        let taken = before.iter().any(|(a, b, _)| *a <= i + 1 && i < *b);
        // Joined to the one before ("y el de mujer"; not "que el de hombre", "el de mujer
        // ya sé cuánto sale").
        let joined = matches!(n[i - 2], "y" | "o" | "e" | "and" | "or" | "ou");
        if taken || !joined || !is_article(n[i - 1]) || n[i] != "de" {
            continue;
        }
        // The service named last before it, and its head word ("corte").
        let Some((from, _, Some(prev))) = before.iter().rfind(|(_, b, _)| *b < i) else {
            continue;
        };
        let head = words.raw(*from);
        for len in [2usize, 1] {
            let to = i + 1 + len;
            if to > n.len() {
                continue;
            }
            let name = format!("{head} de {}", words.span(i + 1, to));
            let found = ws.find_services(&Words::new(&name));
            let whole = found.len() == 1 && found[0].from == 0 && found[0].to == len + 2;
            if let Some(m) = found.first().filter(|_| whole) {
                let id = ws.services[m.service].id.clone();
                if &id != prev {
                    out.push((i - 1, to, id, name));
                }
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::domain::catalog::tests::demo;
    use crate::nlu::rules::RuleExtractor;
    use crate::nlu::ExtractContext;

    #[test]
    fn a_service_said_as_a_verb_keeps_its_object() {
        for (text, want) in [
            ("¿me podés retocar la raíz el jueves?", "retocar la raíz"),
            (
                "quiero teñirme las canas, ¿tenés lugar?",
                "teñirme las canas",
            ),
            ("can you dye my hair blue on saturday?", "dye my hair"),
            ("quero cortar o cabelo amanhã", "cortar o cabelo"),
            ("hacen tratamiento de botox capilar?", "botox capilar"),
            // Not a verb of a service: the service alone.
            ("quiero hacerme las manos el viernes", "manos"),
        ] {
            let e = RuleExtractor.extract(&demo(), text, &ExtractContext::default());
            assert_eq!(e.slots.service_type.as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn a_service_spoken_of_as_done_is_not_wanted_unless_asked_again() {
        for (text, want) in [
            ("la keratina no me duró nada, ¿qué hago?", None),
            ("the haircut was great, thanks!!", None),
            (
                "quiero el mismo color que me hicieron en marzo",
                Some("color"),
            ),
            ("¿qué es el lifting? nunca me hice nada", Some("lifting")),
        ] {
            let e = RuleExtractor.extract(&demo(), text, &ExtractContext::default());
            assert_eq!(e.slots.service_type.as_deref(), want, "{text}");
        }
    }
}
