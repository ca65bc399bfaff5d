//! Who a booking is for: a group booked at once, how many people it is for ("somos 3
//! amigas"), and a relative or friend booked for ("para mi hija", "sacarle turno a mi mamá").

use super::for_two;
use crate::nlu::candidates::Candidate;
use crate::nlu::lexicon::lexicon;
use crate::text::Words;

/// How many people a group booking is for, when the message says three or more ("somos 3
/// amigas", "tres personas", "para mí y mis dos hermanas", "we are 4", "somos 3 pessoas");
/// `None` otherwise (two people are [`for_two`]). At most 10: a bigger group is the
/// business's to arrange.
pub fn party(words: &Words) -> Option<u8> {
    let n = words.norms();
    let count = |i: usize| count_at(&n, i);
    // Words for the people of a group ("3 amigas"), and for relatives, who count only as
    // the customer's ("mis dos hijas", not "tengo 3 hijos").
    let group = |w: &str| {
        matches!(
            w,
            "personas"
                | "amigas"
                | "amigos"
                | "chicas"
                | "chicos"
                | "turnos"
                | "mujeres"
                | "people"
                | "persons"
                | "friends"
                | "appointments"
                | "pessoas"
                | "horarios"
        )
    };
    let people = |w: &str| {
        group(w)
            || matches!(
                w,
                "hermanas"
                    | "hermanos"
                    | "hijas"
                    | "hijos"
                    | "primas"
                    | "sisters"
                    | "daughters"
                    | "irmas"
                    | "filhas"
            )
    };
    let mut found = None;
    for i in 0..n.len() {
        let Some(k) = count(i) else { continue };
        let before = i.checked_sub(1).map(|j| n[j]);
        let after = n.get(i + 1).copied();
        let total = match (before, after) {
            // "somos 3", "seremos cuatro", "we are 4", "nosotras tres", "party of 5".
            (Some("somos" | "seremos" | "vamos" | "nosotras" | "nosotros" | "are" | "of"), _)
                if !matches!(after, Some("de" | "y")) =>
            {
                k
            }
            // "para mí y mis dos hermanas", "yo y 2 amigas", "me and 3 friends".
            (Some("mis" | "my" | "minhas" | "meus"), Some(w)) if people(w) => k + 1,
            (Some("y" | "and" | "e" | "con" | "with" | "mas"), Some(w))
                if people(w)
                    && n[..i]
                        .iter()
                        .any(|w| matches!(*w, "mi" | "yo" | "me" | "mim" | "eu")) =>
            {
                k + 1
            }
            // "tres personas", "4 turnos", "3 amigas".
            (_, Some(w)) if group(w) => k,
            _ => continue,
        };
        found = Some(total);
        break;
    }
    found
        .filter(|k| (3..=10).contains(k))
        .and_then(|k| u8::try_from(k).ok())
}

/// The number word `i` is ("3", "tres"), when it is one word.
fn count_at(n: &[&str], i: usize) -> Option<u32> {
    let w = *n.get(i)?;
    w.parse::<u32>().ok().or_else(|| {
        crate::domain::when::number_words(n, i)
            .filter(|(_, len)| *len == 1)
            .map(|(v, _)| v)
    })
}

/// "turno para 2 manicuras", "tres cortes el sábado": a number right before a service named
/// in the plural, one for each person (2 to 10).
pub fn counted_services(n: &[&str], spans: &[(usize, usize, String)]) -> Option<u8> {
    spans.iter().find_map(|(from, to, _)| {
        let k = from.checked_sub(1)?;
        // Not an hour's ("el jueves a las 10 manos").
        let at = k.checked_sub(1).map(|j| n[j]);
        if matches!(at, Some("las" | "la" | "a" | "at" | "de" | "el" | "tipo")) {
            return None;
        }
        let plural = n[to - 1].ends_with('s');
        let count = count_at(n, k)?;
        (plural && (2..=10).contains(&count))
            .then(|| u8::try_from(count).ok())
            .flatten()
    })
}

/// "para mí a las 10 y para mi hija a las 11": two people, each at a time of their own —
/// `[mine, theirs]`; empty otherwise. (Each time goes with the person named next to it, as
/// services do in [`super::second_services`].)
pub fn person_times(words: &Words, times: &[Candidate]) -> Vec<String> {
    let wanted: Vec<(usize, usize, String)> = times
        .iter()
        .filter(|c| c.role.wanted())
        .map(|c| (c.from, c.to, c.value.clone()))
        .collect();
    if wanted.len() != 2 {
        return Vec::new();
    }
    match super::second_services(words, &wanted).as_slice() {
        [theirs] => wanted
            .iter()
            .find(|t| t.2 != *theirs)
            .map(|mine| vec![mine.2.clone(), theirs.clone()])
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Who the other person of a visit for two is, as the customer calls her ("para mí y mi
/// mamá": "mamá"), for the replies to name ("Ahora el de tu mamá"). Its own list, not the
/// lexicon's `[relatives]`: "mi señora", "mi mujer" are not echoed ("el de la otra persona").
pub fn other_person(words: &Words) -> Option<String> {
    const WHO: &[&str] = &[
        "mama",
        "mami",
        "madre",
        "papa",
        "padre",
        "hermana",
        "hermano",
        "hija",
        "hijo",
        "amiga",
        "amigo",
        "novia",
        "novio",
        "marido",
        "esposa",
        "esposo",
        "pareja",
        "prima",
        "primo",
        "tia",
        "tio",
        "abuela",
        "abuelo",
        "suegra",
        "cunada",
        "sobrina",
        "nena",
        "nene",
        "mom",
        "mother",
        "sister",
        "daughter",
        "son",
        "friend",
        "husband",
        "wife",
        "boyfriend",
        "girlfriend",
        "partner",
    ];
    let n = words.norms();
    (1..n.len())
        .find(|&i| matches!(n[i - 1], "mi" | "my") && WHO.contains(&n[i]))
        .map(|i| words.raw(i).to_lowercase())
}

/// "corte para mí y manicura para mi mamá", "para mí un corte y para mi hija las uñas": of
/// the services wanted (word spans), those of the second person, when each of two people
/// names their own; empty otherwise.
pub fn second_services(words: &Words, services: &[(usize, usize, String)]) -> Vec<String> {
    let n = words.norms();
    let to = |i: usize| matches!(n[i], "para" | "pa" | "pra" | "for");
    // "para mí" (the customer) and "para mi mamá" (the other person).
    let mut me = None;
    let mut other = None;
    // Or as who does what: "yo quiero corte y mi amiga color".
    let joined = |i: usize| i > 0 && matches!(n[i - 1], "y" | "e" | "and");
    let relative = |w: &str| lexicon().relatives.contains(w);
    // "ella", "él", "she": the other person, by pronoun.
    let her = |i: usize| {
        matches!(n[i], "ella" | "ela" | "ele" | "she" | "he" | "her" | "him")
            || (n[i] == "el" && words.raw(i).contains('é'))
    };
    for i in 0..n.len().saturating_sub(1) {
        if for_a_relative_at(&n, i)
            || (joined(i) && matches!(n[i], "mi" | "my" | "minha") && relative(n[i + 1]))
            // "manicura para mí y pedicura para ella"
            || (to(i) && her(i + 1))
        {
            other = other.or(Some(i));
        } else if (to(i) && matches!(n[i + 1], "mi" | "me" | "mim")) || matches!(n[i], "yo" | "eu")
        {
            me = me.or(Some(i));
        }
    }
    // "yo brushing y ella corte", "ella corte y yo brushing": each service is of the pronoun
    // right before it, over who the visit is for.
    let me_word = |i: usize| matches!(n[i], "yo" | "eu");
    let owners: Vec<Option<usize>> = services
        .iter()
        .map(|s| (0..s.0).rev().find(|&i| me_word(i) || her(i)))
        .collect();
    let by_pronoun = owners.iter().all(Option::is_some)
        && owners.iter().flatten().any(|&i| me_word(i))
        && owners.iter().flatten().any(|&i| her(i));
    if by_pronoun {
        return services
            .iter()
            .zip(&owners)
            .filter(|(_, o)| o.is_some_and(her))
            .map(|(s, _)| s.2.clone())
            .collect();
    }
    // "para mi hija Martina corte de dama, y para mi marido corte de caballero": two others,
    // the first as the customer would be.
    let relatives: Vec<usize> = (0..n.len()).filter(|&i| for_a_relative_at(&n, i)).collect();
    let (me, other) = match (me, other, relatives.as_slice()) {
        (Some(m), Some(o), _) => (m, o),
        (None, _, [first, second, ..]) => (*first, *second),
        _ => return Vec::new(),
    };
    // Each service goes with the mark after it ("corte para mí") when the first service
    // comes before the first mark, else with the mark before it ("para mí un corte").
    let first_mark = me.min(other);
    let after = services.first().is_some_and(|s| s.0 < first_mark);
    let theirs_at = |s: &(usize, usize, String)| {
        let marks = [me, other].into_iter();
        let mark = if after {
            marks.filter(|m| *m >= s.1).min()
        } else {
            marks.filter(|m| *m < s.0).max()
        };
        mark == Some(other)
    };
    let theirs: Vec<String> = services
        .iter()
        .filter(|s| theirs_at(s))
        .map(|s| s.2.clone())
        .collect();
    let mine = services.len() - theirs.len();
    if theirs.is_empty() || mine == 0 {
        return Vec::new();
    }
    theirs
}

/// "para mí", "for me", "pra mim": the customer books for herself (too); not "no es para
/// mí", "not for me", "não é pra mim".
pub(super) fn for_oneself(n: &[&str]) -> bool {
    let not = |i: usize| {
        let w = |k: usize| i.checked_sub(k).map(|j| n[j]);
        matches!(w(1), Some("no" | "not" | "nao"))
            || (matches!(w(1), Some("es" | "e" | "is" | "its"))
                && matches!(w(2), Some("no" | "nao" | "not")))
    };
    (0..n.len()).any(|i| {
        matches!(n[i], "para" | "pa" | "pra" | "for")
            && matches!(n.get(i + 1), Some(&("mi" | "me" | "mim")))
            && !for_a_relative_at(n, i)
            && !not(i)
    })
}

/// "lo mismo para mi hermana", "un corte para mi hijo", "soy la mamá de Tomi, un corte para
/// él": the booking is a relative's or a friend's alone, not the customer's own too.
pub fn for_another(words: &Words) -> bool {
    let n = words.norms();
    ((0..n.len()).any(|i| for_a_relative_at(&n, i)) || for_him(words))
        && !for_oneself(&n)
        && !for_two(words)
}

/// "un corte para él", "turno para él, el jueves", "a haircut for him", "pra ele": the
/// booking is a man's, someone else's. ("para el" without its accent counts only where it
/// ends the clause: "para el viernes" is a day.)
pub fn for_him(words: &Words) -> bool {
    let n = words.norms();
    (0..n.len().saturating_sub(1)).any(|i| {
        let him = match n[i + 1] {
            "him" | "ele" => true,
            "el" => {
                words.raw(i + 1).to_lowercase() == "él"
                    || i + 2 == n.len()
                    || words.gap(i + 1, i + 2).contains([',', '.', '!', '?', ';'])
            }
            _ => false,
        };
        matches!(n[i], "para" | "pa" | "pra" | "for" | "a") && him
    })
}

/// "para mi hija", "for my son", "pra minha mãe" at word `i`: the booking is (also) for a
/// relative or friend of the customer.
/// So is "sacarle turno a mi mamá", "le quiero reservar a mi hija": "a mi <relative>" after
/// a verb that books for her ("-le", "le …").
pub fn for_a_relative_at(n: &[&str], i: usize) -> bool {
    // "mi hija quiere hacerse un corte": the relative wants it (the name, if told, follows).
    let relative = |k: usize| n.get(k).is_some_and(|w| lexicon().relatives.contains(*w));
    let wants = matches!(
        n.get(i + 2),
        Some(&("quiere" | "necesita" | "quisiera" | "queria" | "wants" | "needs" | "quer"))
    );
    if matches!(n.get(i), Some(&("mi" | "my" | "minha"))) && relative(i + 1) && wants {
        return true;
    }
    let for_her = match n.get(i) {
        Some(&("para" | "pa" | "pra" | "for")) => true,
        Some(&"a") => {
            let before = &n[i.saturating_sub(4)..i];
            // ("le dije a mi hermana" books for no one: "le" counts beside a booking word.)
            let booking = |w: &&str| {
                ["sac", "reserv", "anot", "agend", "turno"]
                    .iter()
                    .any(|p| w.starts_with(p))
            };
            before.iter().any(|w| books_for_her(w))
                || (before.iter().any(|w| matches!(*w, "le" | "les")) && before.iter().any(booking))
        }
        _ => false,
    };
    for_her
        && matches!(n.get(i + 1), Some(&("mi" | "my" | "minha" | "meu")))
        && n.get(i + 2)
            .is_some_and(|w| lexicon().relatives.contains(*w))
}

/// "sacarle", "reservarle", "darles", "anotarle": a verb of booking for someone.
fn books_for_her(w: &str) -> bool {
    ["le", "les"].iter().any(|end| {
        w.strip_suffix(end).is_some_and(|stem| {
            matches!(
                stem,
                "sacar" | "reservar" | "dar" | "anotar" | "agendar" | "conseguir" | "pedir"
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_other_person_as_the_customer_calls_her() {
        let who = |t: &str| other_person(&Words::new(t));
        assert_eq!(who("turno para mí y para mi mamá").as_deref(), Some("mamá"));
        assert_eq!(who("for me and my sister").as_deref(), Some("sister"));
        assert_eq!(who("para mí y una amiga"), None);
    }
    use rstest::rstest;

    #[rstest]
    #[case("hola! somos 3 amigas y queremos manicura el sábado", Some(3))]
    #[case("somos tres para peinado", Some(3))]
    #[case("necesito 4 turnos de brushing para el viernes", Some(4))]
    #[case("tres personas para corte", Some(3))]
    #[case("para mí y mis dos hermanas, peinado", Some(3))]
    #[case("yo y 3 amigas queremos uñas", Some(4))]
    #[case("we are 4, can we all get a blowout?", Some(4))]
    #[case("somos 3 pessoas", Some(3))]
    #[case("somos dos, para manos", None)]
    #[case("corte el jueves a las tres", None)]
    #[case("somos 3 de la oficina", None)]
    #[case("tengo 3 hijos", None)]
    #[case("somos 25", None)]
    fn a_group_of_three_or_more(#[case] text: &str, #[case] want: Option<u8>) {
        assert_eq!(party(&Words::new(text)), want, "{text}");
    }

    #[rstest]
    #[case(
        "quiero turno para mí a las 10 y para mi hija a las 11, corte las dos, el jueves",
        &["10:00", "11:00"]
    )]
    #[case("el jueves corte para mi hija a las 17 y para mí a las 18", &["18:00", "17:00"])]
    #[case("corte para mí y mi hija el jueves a las 10", &[])]
    #[case("para mí a las 10, o si no a las 11", &[])]
    fn each_persons_own_time(#[case] text: &str, #[case] want: &[&str]) {
        let e = crate::nlu::rules::tests::ex(text);
        assert_eq!(e.signals.person_times, want, "{text}");
        if let Some(mine) = want.first() {
            assert_eq!(e.slots.preferred_time.as_deref(), Some(*mine), "{text}");
            assert!(e.signals.for_two, "{text}");
        }
    }

    /// "2 manicuras": two people, one each; "3 cortes": a group of three; "a las 10 manos"
    /// is an hour.
    #[test]
    fn services_counted_are_people() {
        let e = crate::nlu::rules::tests::ex("hola, turno para 2 manicuras el viernes a las 15");
        assert!(e.signals.for_two);
        let e = crate::nlu::rules::tests::ex("quiero tres cortes para el sábado");
        assert_eq!(e.signals.party, Some(3));
        let e = crate::nlu::rules::tests::ex("el jueves a las 10 manos y el sábado pies");
        assert_eq!(e.signals.party, None);
        assert!(!e.signals.for_two);
    }

    /// "mi hija quiere hacerse un corte, se llama Emma": the daughter's booking, in her name.
    #[test]
    fn a_relative_who_wants_it() {
        let n = ["mi", "hija", "quiere", "hacerse", "un", "corte"];
        assert!(for_a_relative_at(&n, 0));
        let n = ["mi", "hija", "dice", "que", "sí"];
        assert!(!for_a_relative_at(&n, 0));
        let e = crate::nlu::rules::tests::ex(
            "buenas, mi hija quiere hacerse un corte el sábado 19 a las 11:05, se llama Emma",
        );
        assert_eq!(e.signals.booking_for.as_deref(), Some("Emma"));
    }
}
