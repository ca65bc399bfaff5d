//! The stylist a message asks for: every staff name it mentions ("con Caro", "la Sofi",
//! "w Martín", "com a Lucía", an unknown "con Vale"), then the one wanted among them — not
//! one turned down before or after ("no con Lucía", "con lu no", "Martín no puede"), nor the
//! one of a visit already done ("me hice las manos con Sofi"); a correction wins ("con
//! caro... mejor con lu").

use crate::domain::catalog::Workspace;
use crate::text::Words;

use super::rules::{is_capitalized, looks_like_name_word};

/// The word span of the stylist asked for.
pub(super) fn find_staff(ws: &Workspace, words: &Words) -> Option<(usize, usize)> {
    let n = words.norms();
    choose_staff(words, &n, &mentions(ws, words, &n)).map(|i| (i, i + 1))
}

/// "con Martín no, con otra persona", "con cualquiera menos Martín": the stylist turned down
/// (her id), when the workspace has her.
pub(super) fn turned_down(ws: &Workspace, words: &Words) -> Option<String> {
    let n = words.norms();
    let found = mentions(ws, words, &n);
    found.iter().find_map(|&i| {
        let prev = found.iter().copied().filter(|&j| j < i).max();
        (staff_negated(words, &n, i, prev) || staff_refused(&n, i))
            .then(|| ws.resolve_staff(n[i]).map(|s| s.id.clone()))
            .flatten()
    })
}

/// Where the message names a stylist.
fn mentions(ws: &Workspace, words: &Words, n: &[&str]) -> Vec<usize> {
    let mut found: Vec<usize> = Vec::new();
    // Known staff anywhere after "con"/"con la"/"com a"/"c", or alone when it is a staff alias.
    for (i, w) in n.iter().enumerate() {
        let known = ws.staff.iter().any(|s| {
            crate::text::fold_compare(&s.name) == *w
                || crate::text::fold_compare(&s.id) == *w
                || s.aliases.iter().any(|a| crate::text::fold_compare(a) == *w)
        });
        let after_con = (i >= 1 && matches!(n[i - 1], "con" | "with" | "com" | "c" | "w"))
            || (i >= 2
                && matches!(n[i - 2], "con" | "com")
                && matches!(n[i - 1], "la" | "el" | "a" | "o"));
        let after_article = i >= 1 && matches!(n[i - 1], "la" | "el") && known;
        // "Lucía hace balayage?", "Sofi atiende los martes?", "¿Caro sí?", "Would Caro be…";
        // "Martín también hace barba?".
        let next = i + 1 + usize::from(matches!(n.get(i + 1), Some(&("tambien" | "also"))));
        let verb_after = next < n.len()
            && matches!(
                n[next],
                "hace"
                    | "atiende"
                    | "trabaja"
                    | "tiene"
                    | "corta"
                    | "puede"
                    | "esta"
                    | "hacen"
                    | "sigue"
                    | "available"
                    | "ya"
                    | "si"
                    | "be"
                    | "faz"
                    | "pode"
                    | "atende"
                    | "trabalha"
                    | "viene"
                    | "work"
                    | "works"
            );
        // "trabaja Martin", "me recomendó a Lucía", "tenga lugar Caro"
        let verb_before = i >= 1
            && (matches!(
                n[i - 1],
                "trabaja"
                    | "atiende"
                    | "is"
                    | "lugar"
                    | "viene"
                    | "vuelve"
                    | "works"
                    | "vem"
                    | "atendio"
                    | "hizo"
            )
                // "¿en qué horario está Sofi?", "hasta q hora esta martin", not "uh, está
                // carito" (expensive).
                || (n[i - 1] == "esta"
                    && (is_capitalized(&words.raw(i))
                        || (known && !matches!(*w, "caro" | "carito"))))
                || (n[i - 1] == "a" && i >= 2 && n[i - 2].starts_with("recomend")));
        let of_staff = i >= 1 && matches!(n[i - 1], "de" | "with") && is_capitalized(&words.raw(i));
        // "con cualquiera menos Caro": named to be turned down.
        let but = i >= 1 && matches!(n[i - 1], "menos" | "excepto" | "salvo" | "except");
        let listed =
            i >= 1 && matches!(n[i - 1], "o" | "ou") && i >= 2 && is_capitalized(&words.raw(i - 2));
        // "me lo podés cambiar a caro?": who the booking moves to.
        // ("can you move it to Caro?", "switch me to Lucía")
        let moved_to =
            (i >= 2 && n[i - 1] == "a" && ["cambi", "pas"].iter().any(|p| n[i - 2].starts_with(p)))
                || (i >= 3
                    && n[i - 1] == "to"
                    && n[i - 3..i - 1].iter().any(|w| {
                        ["move", "switch", "change", "put"]
                            .iter()
                            .any(|p| w.starts_with(p))
                    }));
        let found_here = if known
            && (after_con
                || moved_to
                || after_article
                || n.len() <= 3
                || verb_after
                || verb_before
                || of_staff
                || but
                || (i == 0 && is_capitalized(&words.raw(i)))
                || listed
                // "ah, Caro no, con Lucía": named to be turned down.
                || (staff_refused(n, i) && is_capitalized(&words.raw(i)))
                || (i >= 1 && matches!(n[i - 1], "a" | "to") && is_capitalized(&words.raw(i))))
        {
            // "caro" is also an adjective ("es caro?"): require a lead for the ambiguous one.
            if *w == "caro"
                && !(after_con || after_article || moved_to)
                && !is_capitalized(&words.raw(i))
            {
                continue;
            }
            // "a nombre de Martín": the customer's name, not staff.
            if i >= 2 && n[i - 1] == "de" && n[i - 2] == "nombre" {
                continue;
            }
            true
        } else {
            // Unknown staff: "con Vale", "con la Jime" — a capitalized name after "con".
            after_con
                && !known
                && is_capitalized(&words.raw(i))
                && looks_like_name_word(&words.raw(i), w)
        };
        if found_here {
            found.push(i);
        }
    }
    found
}

/// The stylist asked for among the ones named: not one turned down ("no con Lucía", "con lu
/// no", "Martín no puede"), nor the one of a visit already done ("me hice las manos con
/// Sofi"); of the rest, the last one a correction brings ("con caro... mejor con lu", "o mejor
/// dicho con Martín"), else the first. "No importa si es con Lucía o con Caro" asks for none.
fn choose_staff(words: &Words, n: &[&str], found: &[usize]) -> Option<usize> {
    let indifferent = found.len() >= 2
        && n.iter()
            .any(|w| matches!(*w, "importa" | "igual" | "cualquiera" | "indistinto"))
        && found
            .windows(2)
            .any(|p| n[p[0] + 1..p[1]].iter().any(|w| matches!(*w, "o" | "or")));
    if indifferent {
        return None;
    }
    let usable: Vec<usize> = found
        .iter()
        .copied()
        .filter(|&i| {
            let prev = found.iter().copied().filter(|&j| j < i).max();
            !staff_negated(words, n, i, prev)
                && !staff_refused(n, i)
                && !staff_of_a_past_visit(words, n, i)
        })
        .collect();
    let corrected = usable.iter().copied().rev().find(|&i| {
        let Some(prev) = found.iter().copied().filter(|&j| j < i).max() else {
            return false;
        };
        let cue = (1..=5).any(|j| {
            i.checked_sub(j).is_some_and(|k| {
                k > prev
                    && matches!(
                        n[k],
                        "mejor"
                            | "sino"
                            | "dicho"
                            | "prefiero"
                            | "instead"
                            | "perdon"
                            | "digo"
                            | "decir"
                            | "actually"
                            | "sorry"
                    )
            })
        });
        // "con lu el jueves, no no, con caro", "com a Caro, não, com a Lu": a "no" said alone
        // between the two; "com a Lu na verdade".
        let alone_no = (prev + 1..i)
            .any(|k| matches!(n[k], "no" | "nao") && words.gap(k, k + 1).contains([',', '.', '!']));
        let after = matches!(
            (n.get(i + 1), n.get(i + 2)),
            (Some(&"entonces"), _) | (Some(&"na"), Some(&"verdade"))
        );
        cue || alone_no || after
    });
    corrected.or_else(|| usable.first().copied())
}

/// "no con Lucía", "menos con Martín", "not with martin", "não com a Lucía", "no hace falta
/// que sea con Lucía": the message turns this person down. The cue belongs to the nearest
/// person after it ("no con Martín, con Caro": Caro is wanted). A "no" closed by a stop
/// answers what was said before ("no, con Caro mejor"): it turns nobody down.
fn staff_negated(words: &Words, n: &[&str], i: usize, prev: Option<usize>) -> bool {
    for j in 1..=6 {
        let Some(k) = i.checked_sub(j) else { break };
        if prev.is_some_and(|p| k <= p) {
            break;
        }
        // "Martín no puede, ¿Caro sí?", "con lu no, con carito": that "no" is the previous
        // person's.
        if prev.is_some_and(|p| k == p + 1) {
            continue;
        }
        // "no, con Caro", "mejor no, con Caro", "ah no, con Lucía": an answer, not a cue.
        let answer = matches!(n[k], "no" | "nao")
            && words.gap(k, k + 1).contains([',', '.', '!', ';'])
            && (k == 0
                || words.gap(k - 1, k).contains([',', '.', '!', ';', '?'])
                || matches!(
                    n[k - 1],
                    "mejor"
                        | "ah"
                        | "ay"
                        | "uh"
                        | "eh"
                        | "oh"
                        | "bueno"
                        | "pero"
                        | "no"
                        | "actually"
                        | "sorry"
                        | "perdon"
                ));
        // "ay no perdón, con Caro", "no digo, con Martín": the "no" takes back what came before.
        let takes_back = matches!(n[k], "no" | "nao")
            && matches!(
                n.get(k + 1),
                Some(&("perdon" | "perdona" | "digo" | "sorry" | "quise" | "no"))
            );
        if answer || takes_back {
            continue;
        }
        match n[k] {
            "no" | "menos" | "ni" | "excepto" | "salvo" | "not" | "nao" | "except" => return true,
            "sino" | "pero" | "y" | "mejor" | "prefiero" | "mas" | "but" => return false,
            _ => {}
        }
    }
    false
}

/// "con lu no, con carito", "Martín no puede el sábado", "con martin... ahh no", "com o
/// martin não, com a caro": turned down right after being named.
fn staff_refused(n: &[&str], i: usize) -> bool {
    let mut k = i + 1;
    while n
        .get(k)
        .is_some_and(|w| matches!(*w, "ah" | "ahh" | "uh" | "eh" | "ay" | "bueno"))
    {
        k += 1;
    }
    matches!(n.get(k), Some(&"no" | &"nao" | &"not"))
        && n.get(k + 1).is_none_or(|w| {
            matches!(
                *w,
                "con"
                    | "com"
                    | "with"
                    | "puede"
                    | "pode"
                    | "esta"
                    | "atiende"
                    | "trabaja"
                    | "mejor"
                    | "sino"
                    | "que"
                    | "q"
                    | "me"
                    | "era"
                    | "tiene"
                    | "hay"
                    | "pls"
                    | "please"
                    | "mas"
                    | "pero"
            )
        })
}

/// "me hice las manos con Sofi", "me atendió Caro" (in the same sentence): the person of a
/// visit done, not the one asked for now — unless the customer wants her again ("me atendió
/// Martín, quiero repetir con él"). (The stylist of a booking being changed or cancelled,
/// "tengo turno con Lucía", is labelled: it names the booking.)
fn staff_of_a_past_visit(words: &Words, n: &[&str], i: usize) -> bool {
    if wants_the_same_again(n) {
        return false;
    }
    for j in 1..=8 {
        let Some(k) = i.checked_sub(j) else { break };
        if words.gap(k, k + 1).contains(['.', '!', '?', ';', '\n']) {
            break;
        }
        let past = match n[k] {
            "hice" | "hizo" | "hicieron" | "atendio" | "atendieron" => {
                k >= 1 && matches!(n[k - 1], "me" | "se" | "lo" | "la")
            }
            _ => false,
        };
        if past {
            return true;
        }
    }
    false
}

/// "quiero repetir con él", "quiero volver con ella": the person of the last visit is the
/// one asked for. ("de nuevo", "otra vez" alone do not say it: "me atendió Caro y otra vez me
/// quemó el pelo" is a complaint.)
fn wants_the_same_again(n: &[&str]) -> bool {
    let him = |k: usize| {
        n[k] == "con"
            && n.get(k + 1) == Some(&"el")
            && n.get(k + 2)
                .is_none_or(|w| matches!(*w, "de" | "otra" | "si" | "porfa" | "pls"))
    };
    n.iter().any(|w| matches!(*w, "repetir" | "repito"))
        || (0..n.len()).any(him)
        || n.windows(2).any(|p| p == ["con", "ella"])
}

#[cfg(test)]
mod tests {
    use crate::domain::catalog::tests::demo;
    use crate::nlu::rules::RuleExtractor;
    use crate::nlu::ExtractContext;
    use rstest::rstest;

    fn ex(text: &str) -> crate::nlu::Extraction {
        RuleExtractor.extract(&demo(), text, &ExtractContext::default())
    }

    #[rstest]
    #[case("con Sofi no, con Caro para semi el lunes", Some("Caro"))]
    #[case("Lucía no puede el jueves, me dijo. ¿Martín sí?", Some("Martín"))]
    #[case("no con Caro, con Lucía porfa", Some("Lucía"))]
    #[case("che, Martín también hace barba o solo corte?", Some("Martín"))]
    #[case("cuándo vuelve Martín de vacaciones?", Some("Martín"))]
    #[case("quiero con Martín... no, mejor con Caro", Some("Caro"))]
    #[case("can I get a trim w Sofi on monday", Some("Sofi"))]
    #[case("not with Lucía please, with Martín", Some("Martín"))]
    #[case("com a Sofi não, com a Lucía", Some("Lucía"))]
    #[case("me hice las manos con Sofi la semana pasada y se saltó todo", None)]
    #[case("me da igual si es con Caro o con Lucía, el sábado", None)]
    #[case(
        "me atendió martín la vez pasada, quiero repetir con él",
        Some("martín")
    )]
    #[case("el color me lo hizo Sofi y quiero volver con ella", Some("Sofi"))]
    #[case("me atendió Caro y quedé horrible", None)]
    #[case("me atendió Caro y otra vez me quemó el pelo", None)]
    #[case("hasta q hora esta martin el martes?", Some("martin"))]
    #[case("uh, está carito el alisado", None)]
    #[case("no, con Caro mejor", Some("Caro"))]
    #[case("mejor no, con Caro", Some("Caro"))]
    #[case("no, con Lucía", Some("Lucía"))]
    #[case("no, no con Lucía", None)]
    #[case("ah no, Caro no, con Lucía", Some("Lucía"))]
    #[case("ah, Caro no, con Lucía", Some("Lucía"))]
    #[case("me lo podés cambiar a caro? mismo día y hora", Some("caro"))]
    #[case("switch me to Lucía instead, same day and time?", Some("Lucía"))]
    #[case("can you move it to caro instead? same time", Some("caro"))]
    #[case(
        "color con lu el miercoles 16 a las 3, ay no perdon, con caro que es la que me lo hace siempre",
        Some("caro")
    )]
    #[case(
        "blow dry on saturday at noon with Caro, actually no, with Martin",
        Some("Martin")
    )]
    #[case(
        "escova com a Caro quinta às 14h, não, com a Lu na verdade",
        Some("Lu")
    )]
    #[case(
        "brushing con caro, digo, con martin, el viernes 18 a las 11",
        Some("martin")
    )]
    #[case("color con caro, bueno no, con lu, el viernes a las 2", Some("lu"))]
    #[case("color con lu el jueves 17 a las 15, no no, con caro", Some("caro"))]
    #[case("corte con caro el jueves, no sé si con lu", Some("caro"))]
    #[case(
        "manicure with martin on friday at 3, oh sorry no, with Caro",
        Some("Caro")
    )]
    #[case(
        "corte con martin el jueves a las 3, ay no perdon, quise decir color con lu",
        Some("lu")
    )]
    fn the_stylist_asked_for(#[case] text: &str, #[case] want: Option<&str>) {
        assert_eq!(ex(text).slots.staff_name.as_deref(), want, "{text}");
    }

    /// The stylist turned down, as an id.
    #[rstest]
    #[case("con Martín no, con otra persona porfa", Some("martin"))]
    #[case("corte el viernes a las 15, con cualquiera menos Caro", Some("caro"))]
    #[case("no, con Caro no, con otra", Some("caro"))]
    #[case("no con Caro, con Lucía porfa", Some("caro"))]
    #[case("no, con Caro mejor", None)]
    #[case("es caro el alisado?", None)]
    fn the_stylist_turned_down(#[case] text: &str, #[case] want: Option<&str>) {
        assert_eq!(ex(text).signals.not_staff.as_deref(), want, "{text}");
    }
}
