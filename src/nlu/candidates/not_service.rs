//! Whether a service a message names is one the customer wants now, or something else: a
//! product, a job, a complaint, a service already done.

use super::before;
use crate::nlu::lexicon::lexicon;
use crate::nlu::service_span::is_article;
use crate::text::Words;

/// Cues that a named service is not one the customer wants now.
const NOT_SERVICE_CUES: &[&str] = &[
    "venden",
    "vendes",
    "venta",
    "vender",
    "comprar",
    "compro",
    "compre",
    "arreglan",
    "regalarle",
    "producto",
    "productos",
    "marca",
    "buscan",
    "cv",
    "curriculum",
    "empleo",
    "postularme",
    "trabajar",
    "gift",
    "giftcard",
    "voucher",
    "regalo",
    "regalar",
    "resena",
    "quedo",
    "hicieron",
    "hice",
    "ayer",
    "pasada",
    "pasado",
    "reclamo",
    "queja",
    "devuelvan",
    "devolucion",
    "duro",
    "quemaron",
    "arruino",
    "cobraron",
    "pague",
    "sena",
    "factura",
    "comprobante",
    "fui",
    "sali",
    "deje",
    "sell",
    "buy",
    "hiring",
    "job",
    "vendem",
    "contratando",
    "experiencia",
    "kits",
    "kit",
    "aceite",
    // Words are folded with doubled vowels squeezed: "shampoo" reads "shampo".
    "shampo",
    "encanto",
    "atendio",
    "atendieron",
    "refund",
];

/// "el semi q me hicieron se me saltó", "la keratina no me duró", "the haircut was great":
/// a service named with its article and then spoken of as done (`[service done]`) is not one
/// wanted now, unless the customer wants it again (`[service again]`: "el mismo color que me
/// hicieron", "otro corte como el de ayer").
/// Words right before "pedi" that make it the verb ("te pedí", "ya pedí").
const ASKED_BEFORE: &[&str] = &[
    "te", "le", "les", "me", "ya", "yo", "que", "no", "se", "si", "cuando", "lo", "recien", "hoy",
    "ayer",
];
/// Words right after "pedi" that make it the verb ("pedí un turno", "pedí a Caro").
const ASKED_AFTER: &[&str] = &[
    "un", "una", "turno", "turnos", "a", "que", "hora", "por", "info", "precio", "cita", "reserva",
];

/// A one-word service name that is another word here: "unas mechas" (the article, not
/// "uñas" without its tilde), "te pedí un turno" (the verb, not "pedi" for a pedicure).
pub(super) fn homograph(words: &Words, n: &[&str], i: usize) -> bool {
    let raw = words.raw(i);
    let next = n.get(i + 1).copied();
    match n[i] {
        "unas" => {
            !raw.contains(['ñ', 'Ñ'])
                && next.is_some_and(|w| {
                    w.chars().all(char::is_alphabetic)
                        && !matches!(
                            w,
                            "semi"
                                | "esculpidas"
                                | "acrilicas"
                                | "de"
                                | "y"
                                | "pintadas"
                                | "kapping"
                        )
                })
        }
        // "¿tienen baño?": the bathroom; "baño de crema", "baño de luz" are treatments.
        "bano" => next != Some("de"),
        // "el pelo teñido": dyed; "teñido de cejas" is a treatment.
        "tenido" => next != Some("de"),
        // "pedí turno", "ya te pedí", "le pedi a Caro", "pedi un turno ayer".
        "pedi" => {
            raw.contains(['í', 'Í'])
                || before(n, i, 1).is_some_and(|w| ASKED_BEFORE.contains(&w))
                || next.is_some_and(|w| ASKED_AFTER.contains(&w))
        }
        _ => false,
    }
}

/// "semi con la chica de las uñas": a service that only says who does another one named
/// in the message is no service of its own.
pub(super) fn describes_staff(n: &[&str], cands: &mut [super::Candidate]) {
    let services = cands
        .iter()
        .filter(|c| c.slot == crate::nlu::SlotName::ServiceType && !c.role.negated)
        .count();
    if services < 2 {
        return;
    }
    for c in cands.iter_mut() {
        let mut k = c.from;
        if k > 0 && matches!(n[k - 1], "la" | "las" | "el" | "los") {
            k -= 1;
        }
        let who = k >= 2
            && matches!(n[k - 1], "de" | "del" | "que" | "q")
            && matches!(
                n[k - 2],
                "chica" | "chico" | "piba" | "pibe" | "señora" | "senora" | "persona" | "muchacha"
            );
        // "con la de uñas": who, by what she does.
        let her_of =
            k >= 3 && n[k - 1] == "de" && matches!(n[k - 2], "la" | "el") && n[k - 3] == "con";
        // "la que hace las uñas": who, by what she does.
        let does = k >= 3 && matches!(n[k - 1], "hace") && matches!(n[k - 2], "que" | "q");
        if who || does || her_of {
            c.role.not_service = true;
        }
    }
}

pub(super) fn done_before(n: &[&str], from: usize, to: usize) -> bool {
    let lx = lexicon();
    let definite = before(n, from, 1).is_some_and(is_article);
    if !definite
        || lx
            .service_again
            .iter()
            .any(|p| crate::nlu::cues::cue_matches(n, p))
    {
        return false;
    }
    let end = (to + 4).min(n.len());
    let clause = n[to..end]
        .iter()
        // "¿qué es el lifting? nunca me hice nada": what was never done is no done service.
        .position(|w| CLAUSE_BREAKS.contains(w) || matches!(*w, "nunca" | "never" | "jamas"))
        .map_or(end, |k| to + k);
    lx.service_done
        .iter()
        .any(|p| crate::nlu::cues::cue_matches(&n[to..clause], p))
}

/// Whether the message asks for something done before again ("quiero repetir", "hacérmelo
/// de nuevo", "otra vez"; "la otra vez" is the last visit).
fn repeats(n: &[&str]) -> bool {
    let again = |k: usize| match &n[k..] {
        ["otra", "vez", ..] => k == 0 || !matches!(n[k - 1], "la" | "esa" | "aquella"),
        ["de", "nuevo", ..] | ["volver", "a", ..] => true,
        [w, ..] => w.starts_with("repetir"),
        [] => false,
    };
    (0..n.len()).any(again)
}

/// Words that end the clause a cue governs.
const CLAUSE_BREAKS: &[&str] = &[
    "pero", "y", "tambien", "ademas", "aparte", "quiero", "quisiera", "necesito",
];

/// "¿incluye lavado?", "does it include a wash?", "viene con lavado?": what a catalog
/// service includes, asked of the one on the table (no service wanted of its own).
pub(super) fn included(ws: &crate::domain::catalog::Workspace, n: &[&str], i: usize) -> bool {
    let asks = (1..=3).any(|k| {
        i.checked_sub(k).is_some_and(|j| {
            n[j].starts_with("inclu")
                || matches!(n[j], "include" | "includes" | "included")
                || (n[j] == "con" && j > 0 && matches!(n[j - 1], "viene" | "vienen"))
        })
    });
    asks && ws.services.iter().any(|s| {
        s.includes
            .iter()
            .any(|x| crate::text::fold_compare(x) == n[i])
    })
}

pub(super) fn not_a_service(
    n: &[&str],
    from: usize,
    topic_complaint: bool,
    dated: &[usize],
) -> bool {
    // A complaint's services are what went wrong, not wanted; unless a booking asks for one
    // ("…un desastre. igual quiero sacar turno para manicura el jueves").
    let booked = n[from.saturating_sub(4)..from].iter().any(|w| {
        matches!(
            *w,
            "turno"
                | "turnito"
                | "reserva"
                | "reservar"
                | "sacar"
                | "agendar"
                | "sacame"
                | "reservame"
        )
    });
    if topic_complaint && !booked {
        return true;
    }
    // "a raíz de": an idiom, not roots.
    if n.get(from) == Some(&"raiz") && before(n, from, 1) == Some("a") {
        return true;
    }
    // A cue earlier in the same clause ("venden planchitas?", "me quedó horrible el color").
    for j in 1..=6 {
        match before(n, from, j) {
            // A new clause; a want verb right before the service starts one too ("¿qué
            // marca usan? quiero color").
            Some(w)
                if CLAUSE_BREAKS.contains(&w)
                    && (j > 1 || matches!(w, "quiero" | "quisiera" | "necesito")) =>
            {
                break
            }
            // "pasado mañana", "mañana no, pasado": a day to come.
            Some("pasado")
                if n.get(from + 1 - j) == Some(&"manana") || dated.contains(&(from - j)) => {}
            // Portuguese "marca pra mim", "me marca um horário": book, not a brand.
            Some("marca")
                if matches!(
                    n.get(from + 1 - j),
                    Some(&("pra" | "para" | "mim" | "um" | "uma"))
                ) || before(n, from - j, 1) == Some("me") => {}
            // "la chica que me atendió la otra vez para las uñas": whom it was, and what
            // is wanted now.
            Some("atendio" | "atendieron")
                if n[from + 1 - j..from]
                    .iter()
                    .any(|w| matches!(*w, "para" | "pra")) => {}
            // "me hice el color con Caro y me encantó, quiero repetir": wanted again.
            Some("hice" | "hicieron" | "fui" | "pasada" | "pasado" | "ayer") if repeats(n) => {}
            Some(w) if NOT_SERVICE_CUES.contains(&w) => return true,
            // "me dejó mal el flequillo": a service done, badly.
            Some("mal" | "horrible" | "feo" | "fatal")
                if matches!(before(n, from - j, 1), Some("dejo" | "dejaron")) =>
            {
                return true
            }
            // "soy manicura y busco sillón": the customer's trade, not a service wanted.
            Some("soy" | "sou") if j == 1 => return true,
            // "busco trabajo de manicura": a job, not a service ("salgo del trabajo" is not).
            Some("trabajo" | "laburo" | "work")
                if before(n, from - j, 1).is_some_and(|w| {
                    matches!(
                        w,
                        "busco" | "buscando" | "ofrezco" | "pido" | "looking" | "for"
                    )
                }) =>
            {
                return true
            }
            None => break,
            _ => {}
        }
    }
    false
}

/// Whether the message opens with nothing but "no"s and interjections before a comma and the
/// value at `from`: an answer, not a word ruling out what comes next.
pub(super) fn answers_before_comma(words: &Words, n: &[&str], from: usize) -> bool {
    from > 0
        && words.gap(from - 1, from).contains(',')
        && n[..from]
            .iter()
            .all(|w| matches!(*w, "no" | "nao" | "ah" | "uh" | "eh" | "ay" | "nah" | "uy"))
}
