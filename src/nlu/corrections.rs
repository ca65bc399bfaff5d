//! Self-corrections inside one message: the words between two values that take the first one
//! back for the second ("brushing no, planchita", "el lunes, perdón, el martes", "quería el
//! corte, pero mejor solo el brushing").

/// Whether the words between two services take the first one back for the second: "brushing
/// no, planchita", "el corte no lo necesito, pero sí el color", "color. Mejor dicho, retoque",
/// "mechas, bueno, en realidad reflejos", "quería el corte, pero mejor solo el brushing", "a
/// haircut but I think I'll just do a blow dry", "gel nails. Actually no, a manicure".
pub(super) fn replaced_by_next(between: &[&str]) -> bool {
    if between.len() > 10 {
        // "brushing para el sábado 19 a las 10, ay no perdón quise decir peinado": a long
        // way between, but a plain correction right before the second.
        // Not "perdón que escriba tarde", "sorry for the delay": an apology.
        let tail = &between[between.len() - 5..];
        let cue = tail.iter().enumerate().any(|(i, w)| {
            let apology = matches!(
                tail.get(i + 1),
                Some(&("que" | "la" | "por" | "x" | "to" | "for"))
            );
            matches!(
                *w,
                "perdon" | "quise" | "digo" | "actually" | "dicho" | "realidad" | "sorry"
            ) && i >= 2
                && !apology
        });
        return cue && replaced_by_next(tail);
    }
    // "bueno no, el viernes", "ay no, perdón", "no no, el viernes": a filler before the "no".
    let fillers = between
        .iter()
        .take_while(|w| {
            matches!(
                **w,
                "ay" | "ah" | "uh" | "eh" | "uy" | "mmm" | "bueno" | "no"
            )
        })
        .count();
    if fillers > 1 && fillers < between.len() && between[fillers - 1] == "no" {
        return replaced_by_next(&between[fillers - 1..]);
    }
    if between.len() >= 2
        && between
            .iter()
            .all(|w| matches!(*w, "bueno" | "no" | "ay" | "ah"))
    {
        return between.contains(&"no");
    }
    // "el jueves 17 a las 12, bueno no, el viernes", "at 3, oh sorry no, friday": a "no"
    // after a filler, right before the second.
    if let Some(k) = between.iter().rposition(|w| matches!(*w, "no" | "nao")) {
        let filler = |w: &str| {
            matches!(
                w,
                "bueno"
                    | "ay"
                    | "ah"
                    | "oh"
                    | "no"
                    | "nao"
                    | "actually"
                    | "sorry"
                    | "perdon"
                    | "mmm"
                    | "uh"
            )
        };
        if k >= 1 && k + 2 >= between.len() && filler(between[k - 1]) {
            return true;
        }
    }
    // "a haircut instead of the color", "pedicura en vez de manos": the second is the one
    // replaced, never the first.
    if between.windows(2).any(|w| {
        matches!(
            (w[0], w[1]),
            ("instead", "of") | ("vez" | "lugar", "de" | "del" | "da" | "do")
        )
    }) {
        return false;
    }
    let first = between.first().copied();
    if matches!(first, Some("no" | "nao")) && between.len() <= 8 {
        // "corte, no sé si también color" lists both; "¿permanente? No el esmaltado" and
        // "canas? no quiero teñir" turn the second down, not the first.
        let articles_only = between.len() > 1
            && between[1..]
                .iter()
                .all(|w| matches!(*w, "el" | "la" | "los" | "las" | "un" | "una"));
        return !articles_only
            && !matches!(
                between.get(1),
                Some(&"se" | &"sabes" | &"hay" | &"tengo" | &"si" | &"quiero" | &"necesito")
            );
    }
    // "mechas, y si se puede mejor también un corte": one more, not instead.
    if between.iter().any(|w| {
        matches!(
            *w,
            "y" | "tambien" | "ademas" | "also" | "too" | "and" | "plus" | "e" | "mais"
        )
    }) {
        return false;
    }
    let cue = between.iter().enumerate().any(|(i, w)| match *w {
        "dicho" | "realidad" | "perdon" | "equivoque" | "actually" | "instead" | "scratch"
        | "rather" | "quise" | "bah" | "espera" | "pera" | "sorry" | "wait" => true,
        // Not "como te digo", "lo que digo".
        "digo" => !(i > 0 && matches!(between[i - 1], "te" | "como" | "que" | "lo" | "le")),
        // Not the comparative: "es mejor q la keratina", "es lo mejor".
        "mejor" => {
            let comparative = (i > 0
                && matches!(between[i - 1], "es" | "lo" | "mas" | "son" | "sea"))
                || matches!(between.get(i + 1), Some(&"que" | &"q"));
            !comparative
        }
        // "el martes es feriado no? entonces el miércoles": the next one instead, right
        // before it.
        "entonces" => between[i + 1..]
            .iter()
            .all(|w| matches!(*w, "el" | "la" | "a" | "las" | "al" | "para")),
        _ => false,
    });
    let but_only = between
        .iter()
        .position(|w| matches!(*w, "pero" | "but" | "mas"))
        .is_some_and(|i| {
            // Portuguese "só" folds to "so", which is not English "so" ("but not so sure").
            let portuguese = between[i] == "mas";
            between[i + 1..].iter().any(|w| {
                matches!(*w, "solo" | "just" | "mejor" | "nomas") || (portuguese && *w == "so")
            })
        });
    let bueno_only = between
        .iter()
        .position(|w| *w == "bueno")
        .is_some_and(|i| between[i + 1..].iter().any(|w| matches!(*w, "solo" | "en")));
    cue || but_only || bueno_only
}
