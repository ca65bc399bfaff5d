//! The words of dates and times, in the three languages customers write (Spanish first,
//! English and Portuguese). All lookups take folded words (lower case, no accents).

use chrono::Weekday;

/// A weekday name or abbreviation. Abbreviations that are also common words ("mar", "dom",
/// "lun") are `ambiguous`: they count only after a determiner, before a day number or a
/// time, or opening the message.
pub fn weekday(w: &str) -> Option<(Weekday, bool)> {
    let w = w.trim_end_matches('.');
    let (wd, ambiguous) = match w {
        "lunes" | "lune" | "monday" | "mon" => (Weekday::Mon, false),
        "lun" => (Weekday::Mon, true),
        "martes" | "marte" | "tuesday" | "tue" | "tues" | "terca" | "terca-feira" => {
            (Weekday::Tue, false)
        }
        "mar" | "mart" => (Weekday::Tue, true),
        "miercoles" | "mier" | "mierc" | "mie" | "miercole" | "mirecoles" | "miercols"
        | "wednesday" | "wed" | "quarta" | "quarta-feira" => (Weekday::Wed, false),
        "jueves" | "jue" | "juev" | "juebes" | "jeuves" | "thursday" | "thu" | "thurs"
        | "quinta" | "quinta-feira" => (Weekday::Thu, false),
        "viernes" | "vie" | "vier" | "viern" | "vienes" | "viernecito" | "friday" | "fri"
        | "sexta" | "sexta-feira" => (Weekday::Fri, false),
        // "el sabadito", "el viernecito": the same day, fondly.
        "sabado" | "sabdo" | "sabd" | "saturday" | "sat" | "sab" | "sabadito" => {
            (Weekday::Sat, false)
        }
        "domingo" | "sunday" | "sun" => (Weekday::Sun, false),
        "dom" => (Weekday::Sun, true),
        "segunda-feira" => (Weekday::Mon, false),
        _ => return misspelt_weekday(w).map(|wd| (wd, false)),
    };
    Some((wd, ambiguous))
}

/// A Spanish weekday name as customers misspell it: b for v and z for s sound the same
/// ("biernes", "viernez", "savado"), and a long name may be one letter off ("bierne",
/// "miercles", "domigo").
fn misspelt_weekday(w: &str) -> Option<Weekday> {
    // The names as they sound (`text::sound_char`: "sabado" is "savado").
    const NAMES: [(&str, Weekday); 7] = [
        ("lunes", Weekday::Mon),
        ("martes", Weekday::Tue),
        ("miercoles", Weekday::Wed),
        ("jueves", Weekday::Thu),
        ("viernes", Weekday::Fri),
        ("savado", Weekday::Sat),
        ("domingo", Weekday::Sun),
    ];
    // The names are 5 to 9 letters long, and a near one (7 letters or more) one letter off;
    // a short one may miss a letter ("juevs", "marts"), unless that makes another word
    // ("mares", "mates", "artes").
    if !(5..=10).contains(&w.len()) || matches!(w, "mares" | "mates" | "artes") {
        return None;
    }
    let w: String = w.chars().map(crate::text::sound_char).collect();
    NAMES.iter().find_map(|&(name, wd)| {
        let near = name.len() >= 7 && crate::text::edit_distance(name, &w, 1) <= 1;
        let short_of_one = name.len() < 7 && w.len() + 1 == name.len() && within(&w, name);
        (name == w || near || short_of_one).then_some(wd)
    })
}

/// Whether `short` is `long` with letters left out (its letters in order).
fn within(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// A verb after "no" that turns down what came before ("mañana no puedo", "el jueves no
/// llego", "el viernes no me sirve").
pub fn cannot(w: &str) -> bool {
    matches!(
        w,
        "puedo" | "llego" | "me" | "voy" | "va" | "podria" | "puede" | "estoy" | "sirve" | "da"
    )
}

/// Where the customer is busy until a time ("trabajo hasta las 18", "I'm at work until 5"):
/// the times wanted start there.
pub fn busy_place(w: &str) -> bool {
    matches!(
        w,
        "trabajo"
            | "trabajar"
            | "trabajando"
            | "laburo"
            | "laburar"
            | "laburando"
            | "oficina"
            | "facu"
            | "facultad"
            | "clase"
            | "clases"
            | "cursada"
            | "work"
            | "working"
            | "office"
            | "trabalho"
            | "trabalhar"
    )
}

/// Plural weekdays ("los sábados"): a habit, not a date.
pub fn is_plural_weekday(w: &str) -> bool {
    matches!(
        w,
        "lunes"
            | "sabados"
            | "domingos"
            | "saturdays"
            | "sundays"
            | "mondays"
            | "tuesdays"
            | "wednesdays"
            | "thursdays"
            | "fridays"
    )
}

pub fn month(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    Some(match w {
        "enero" | "ene" | "january" | "jan" | "janeiro" => 1,
        "febrero" | "feb" | "february" | "fevereiro" | "fev" => 2,
        "marzo" | "march" | "marco" => 3,
        "abril" | "abr" | "april" | "apr" => 4,
        "mayo" | "may" | "maio" => 5,
        "junio" | "jun" | "june" | "junho" => 6,
        "julio" | "jul" | "july" | "julho" => 7,
        "agosto" | "ago" | "august" | "aug" => 8,
        "septiembre" | "setiembre" | "sept" | "sep" | "set" | "september" | "setembro" => 9,
        "octubre" | "oct" | "october" | "outubro" | "out" => 10,
        "noviembre" | "nov" | "november" | "novembro" => 11,
        "diciembre" | "dic" | "december" | "dec" | "dezembro" | "dez" => 12,
        _ => return None,
    })
}

/// "mañana" and its spellings ("mñn", "maniana"), "tomorrow", "amanhã".
pub fn is_tomorrow(w: &str) -> bool {
    matches!(
        w,
        "manana"
            | "mñn"
            | "mnn"
            | "mn"
            | "maniana"
            | "mñana"
            | "mana"
            | "tomorrow"
            | "tmrw"
            | "tmr"
            | "tomorow"
            | "2moro"
            | "amanha"
    )
}

/// "¿puedo ir ahora?", "¿tenés para ahora?", "en un rato", "en media hora": today, as
/// soon as there is room. How many words from `n[i]` say it. Not a bare "ahora" ("ahora
/// sos un pirata", "¿están abiertos ahora?", "ahora necesito el 22").
pub fn soon(n: &[&str], i: usize) -> Option<usize> {
    let at = |k: usize| n.get(i + k).copied();
    let going = |w: &str| {
        matches!(
            w,
            "ir" | "para"
                | "pasar"
                | "paso"
                | "caer"
                | "caigo"
                | "voy"
                | "vengo"
                | "venir"
                | "atenderme"
                | "atender"
                | "atienden"
        )
    };
    // "en un rato" asks for room only beside a visit ("¿puedo pasar en un rato?", "¿hay
    // lugar en media hora?"), not in "en un rato te confirmo". The span leaves "en" out.
    let room = || {
        i >= 1
            && n[i - 1] == "en"
            && n[i.saturating_sub(4)..i - 1].iter().any(|w| {
                going(w) || matches!(*w, "lugar" | "turno" | "algo" | "tenes" | "hay" | "tienen")
            })
    };
    let (len, said) = match (n[i], at(1)) {
        ("ahora", Some("mismo")) => (2, i > 0 && going(n[i - 1])),
        ("ahora", _) => (1, i > 0 && going(n[i - 1])),
        ("un", Some("rato" | "ratito" | "toque")) | ("media" | "una", Some("hora")) => (2, room()),
        _ => return None,
    };
    // The span alone (a slot's value, resolved again) says it too.
    (said || (i == 0 && n.len() == len)).then_some(len)
}

pub fn is_today(w: &str) -> bool {
    matches!(
        w,
        "hoy" | "today" | "hoje" | "hj" | "tonight" | "tonite" | "hoyy"
    )
}

/// A cardinal number written in words, 0–59, starting at `n[i]`: its value and how many
/// words it takes ("cuarenta y cinco" is three).
pub fn number_words(n: &[&str], i: usize) -> Option<(u32, usize)> {
    let unit = |w: &str| -> Option<u32> {
        Some(match w {
            "uno" | "una" | "un" | "one" | "um" | "uma" => 1,
            "dos" | "two" | "dois" | "duas" => 2,
            "tres" | "three" | "treis" => 3,
            "cuatro" | "four" | "quatro" => 4,
            "cinco" | "five" => 5,
            "seis" | "six" => 6,
            "siete" | "seven" | "sete" => 7,
            "ocho" | "eight" | "oito" => 8,
            "nueve" | "nine" | "nove" => 9,
            _ => return None,
        })
    };
    let w = *n.get(i)?;
    let single = match w {
        "cero" | "zero" => Some(0),
        "diez" | "ten" | "dez" => Some(10),
        "once" | "eleven" | "onze" => Some(11),
        "doce" | "twelve" | "doze" => Some(12),
        "trece" | "thirteen" | "treze" => Some(13),
        "catorce" | "fourteen" | "quatorze" | "catorze" => Some(14),
        "quince" | "fifteen" | "quinze" => Some(15),
        "dieciseis" | "sixteen" | "dezesseis" => Some(16),
        "diecisiete" | "seventeen" | "dezessete" => Some(17),
        "dieciocho" | "eighteen" | "dezoito" => Some(18),
        "diecinueve" | "nineteen" | "dezenove" => Some(19),
        "veinte" | "twenty" | "vinte" => Some(20),
        "veintiuno" | "veintiun" | "veintiuna" => Some(21),
        "veintidos" => Some(22),
        "veintitres" => Some(23),
        "veinticuatro" => Some(24),
        "veinticinco" => Some(25),
        "veintiseis" => Some(26),
        "veintisiete" => Some(27),
        "veintiocho" => Some(28),
        "veintinueve" => Some(29),
        "treinta" | "thirty" | "trinta" => Some(30),
        "cuarenta" | "forty" | "quarenta" => Some(40),
        "cincuenta" | "fifty" | "cinquenta" => Some(50),
        other => unit(other),
    };
    let v = single?;
    // "treinta y uno", "cuarenta y cinco", "vinte e um"
    if matches!(v, 20 | 30 | 40 | 50) {
        if let (Some(&conj), Some(u)) = (n.get(i + 1), n.get(i + 2).and_then(|w| unit(w))) {
            if matches!(conj, "y" | "e") {
                return Some((v + u, 3));
            }
        }
    }
    Some((v, 1))
}

/// A day of the month as an ordinal or cardinal: "1ro", "1ero", "primero", "3rd", "12th",
/// digits, or number words. Returns the day and the words it takes.
pub fn day_number(n: &[&str], i: usize) -> Option<(u32, usize)> {
    let w = *n.get(i)?;
    if matches!(w, "primero" | "first" | "primeiro") {
        return Some((1, 1));
    }
    // "el primer turno" is no date; "primer de marzo" hardly occurs, but reads.
    if w == "primer" {
        return (n.get(i + 1) == Some(&"de")).then_some((1, 1));
    }
    let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        let rest = &w[digits.len()..];
        if !matches!(
            rest,
            "" | "ro" | "ero" | "do" | "to" | "st" | "nd" | "rd" | "th" | "o"
        ) {
            return None;
        }
        let d: u32 = digits.parse().ok()?;
        return (1..=31).contains(&d).then_some((d, 1));
    }
    let (v, used) = number_words(n, i)?;
    (1..=31).contains(&v).then_some((v, used))
}

/// Minutes written after "y": "media", "cuarto", digits, or number words.
pub fn minutes_after_y(n: &[&str], i: usize) -> Option<(u32, usize)> {
    let w = *n.get(i)?;
    match w {
        "media" | "meia" | "half" => return Some((30, 1)),
        "cuarto" | "quarter" => return Some((15, 1)),
        _ => {}
    }
    if w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()) {
        let m: u32 = w.parse().ok()?;
        return (m < 60).then_some((m, 1));
    }
    // "las 3 y un cuarto"; "de 5 y uno para mí" is no 5:01 ("y un minuto" would be).
    if matches!(w, "un" | "uno" | "una" | "a" | "um" | "uma") {
        return match n.get(i + 1).copied() {
            Some("cuarto" | "quarter") => Some((15, 2)),
            Some("minuto" | "minute" | "minutos") => Some((1, 1)),
            _ => None,
        };
    }
    let (v, used) = number_words(n, i)?;
    (v < 60 && v > 0).then_some((v, used))
}

/// Hours in words: "una" … "doce" (and a few above, "trece", for the 24 h clock).
pub fn hour_words(n: &[&str], i: usize) -> Option<(u32, usize)> {
    let (v, used) = number_words(n, i)?;
    (1..=23).contains(&v).then_some((v, used))
}

/// A holiday named: its day and month, how many words name it, and whether it was read as
/// the eve of the holiday a visit is for ("para año nuevo").
pub struct Holiday {
    pub day: u32,
    pub month: u32,
    pub used: usize,
    pub eve_for: bool,
}

/// Holidays by name: "navidad", "nochebuena", "año nuevo", "Christmas Eve". A holiday wished
/// ("feliz navidad", "happy new year") is no date; one a visit is for ("un peinado para año
/// nuevo", "for Christmas") is its eve, the day people get ready for it.
pub fn holiday(n: &[&str], i: usize) -> Option<Holiday> {
    let w = n[i];
    let next = n.get(i + 1).copied();
    let prev = i.checked_sub(1).map(|j| n[j]);
    if matches!(
        prev,
        Some("feliz" | "felices" | "merry" | "happy" | "feliz-navidad")
    ) {
        return None;
    }
    let for_it = matches!(prev, Some("para" | "pa" | "for" | "pro"));
    let (day, month, used, eve_for) = match (w, next) {
        ("navidad" | "christmas" | "natal", Some("eve")) => (24, 12, 2, false),
        ("navidad" | "christmas" | "natal", _) if for_it => (24, 12, 1, true),
        ("navidad" | "christmas" | "natal", _) => (25, 12, 1, false),
        ("nochebuena", _) => (24, 12, 1, false),
        ("nochevieja", _) => (31, 12, 1, false),
        ("ano", Some("nuevo")) if for_it => (31, 12, 2, true),
        ("ano", Some("nuevo")) => (1, 1, 2, false),
        ("new", Some("year's" | "years")) if n.get(i + 2) == Some(&"eve") => (31, 12, 3, false),
        ("new", Some("year's" | "years")) if for_it => (31, 12, 2, true),
        ("new", Some("year's" | "years")) => (1, 1, 2, false),
        _ => return None,
    };
    Some(Holiday {
        day,
        month,
        used,
        eve_for,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words() {
        let n = ["cuarenta", "y", "cinco"];
        assert_eq!(number_words(&n, 0), Some((45, 3)));
        assert_eq!(number_words(&["quince"], 0), Some((15, 1)));
        assert_eq!(number_words(&["veinte", "y", "pico"], 0), Some((20, 1)));
        assert_eq!(day_number(&["1ro"], 0), Some((1, 1)));
        assert_eq!(day_number(&["primero"], 0), Some((1, 1)));
        assert_eq!(day_number(&["32"], 0), None);
        assert_eq!(day_number(&["12th"], 0), Some((12, 1)));
        assert_eq!(day_number(&["12hs"], 0), None);
    }

    #[test]
    fn weekdays_and_months_in_three_languages() {
        assert_eq!(weekday("mie"), Some((Weekday::Wed, false)));
        assert_eq!(weekday("lun."), Some((Weekday::Mon, true)));
        assert_eq!(weekday("sexta-feira"), Some((Weekday::Fri, false)));
        assert_eq!(weekday("friday"), Some((Weekday::Fri, false)));
        assert_eq!(month("marco"), Some(3));
        assert_eq!(month("dec"), Some(12));
    }
}
