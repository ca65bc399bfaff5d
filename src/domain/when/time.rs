//! Clock times as customers write them: "a las 5", "17hs", "5pm", "16.30", "a las tres y
//! cuarto", "las doce menos cinco", "nueve de la noche", "medio día", "mañana a 11",
//! "at 3:30", "às 15h".
//!
//! The salon rule for a bare hour: 1–8 without "de la mañana"/"am" is the afternoon ("a las
//! 5" → 17:00); 9–12 is read as written. "menos" takes minutes off the hour as resolved
//! ("las ocho menos cuarto" → 19:45).

use chrono::{NaiveTime, Timelike};

use super::lexicon::{hour_words, is_today, is_tomorrow, minutes_after_y, month, weekday};

mod bound;
use bound::hours_verb;
pub use bound::{bound, closing_verb, Bound};

/// A time expression: word range (leads like "a las" included) and its 24 h value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeMatch {
    pub from: usize,
    pub to: usize,
    pub value: NaiveTime,
    /// The end of a range read as its start ("entre las 14 y las 16": 16:00).
    pub until: Option<NaiveTime>,
}

/// Words that lead a time: "a las 5", "tipo 5", "a eso de las 5", "at 5", "às 5".
fn is_lead(w: &str) -> bool {
    matches!(
        w,
        "las"
            | "la"
            | "tipo"
            | "eso"
            | "x"
            | "aprox"
            | "at"
            | "as"
            | "desde"
            | "hasta"
            | "por"
            | "around"
            | "about"
            | "pelas"
            | "umas"
    )
}

fn is_unit(w: &str) -> bool {
    matches!(
        w,
        "hs" | "hrs"
            | "h"
            | "hr"
            | "horas"
            | "hora"
            | "pm"
            | "am"
            | "p.m"
            | "a.m"
            | "hs."
            | "o'clock"
    )
}

/// Words after which a bare "a 11" is a time ("mañana a 11", "el viernes a 5").
fn is_date_word(w: &str) -> bool {
    is_today(w)
        || is_tomorrow(w)
        || weekday(w).is_some()
        || w.chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == '-')
}

/// One token: "17", "17:30", "17.30", "17hs", "5pm", "9am", "17h", "15h30" → (hour, minute,
/// Some(pm) when marked, whether the token itself carries a unit).
fn hour_token(w: &str) -> Option<(u32, u32, Option<bool>, bool)> {
    let mut s = w.trim_end_matches('.');
    let mut pm = None;
    let mut unit = false;
    for (suffix, is_pm) in [
        ("p.m", Some(true)),
        ("a.m", Some(false)),
        ("pm", Some(true)),
        ("am", Some(false)),
        ("hrs", None),
        ("hs", None),
        ("hr", None),
        ("h", None),
        // "like 5ish"
        ("ish", None),
    ] {
        if let Some(stripped) = s.strip_suffix(suffix) {
            if stripped.chars().last().is_some_and(|c| c.is_ascii_digit()) {
                s = stripped;
                pm = is_pm;
                unit = true;
                break;
            }
        }
    }
    // "15h30"
    if let Some((h, m)) = s.split_once('h') {
        if !h.is_empty() && m.len() == 2 && m.chars().all(|c| c.is_ascii_digit()) {
            let (h, m) = (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
            return (h <= 24 && m <= 59).then_some((h, m, None, true));
        }
    }
    let (h, m) = match s.find([':', '.']) {
        Some(i) => {
            let (h, m) = (&s[..i], &s[i + 1..]);
            if m.len() != 2 || h.is_empty() || h.len() > 2 {
                return None;
            }
            unit = true;
            (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?)
        }
        None => {
            if s.is_empty() || s.len() > 2 || !s.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            (s.parse::<u32>().ok()?, 0)
        }
    };
    if h > 24 || m > 59 {
        return None;
    }
    Some((h, m, pm, unit))
}

/// Finds every time expression, in order.
pub fn find_times(n: &[&str]) -> Vec<TimeMatch> {
    let mut out: Vec<TimeMatch> = Vec::new();
    let mut i = 0;
    while i < n.len() {
        match time_at(n, i) {
            Some(m) => {
                i = m.to.max(i + 1);
                // "entre las 14 y las 16", "de 14 a 16", "between 2 and 4": a range is read
                // as its start.
                if let Some(prev) = out.last_mut().filter(|prev| range_end(n, prev, &m)) {
                    prev.until = Some(m.value);
                    continue;
                }
                out.push(bare_range_start(n, &m).unwrap_or(m));
            }
            None => match bare_range(n, i) {
                Some(m) => {
                    i = m.to;
                    out.push(m);
                }
                None => i += 1,
            },
        }
    }
    out
}

/// The range a time opens, as its start and end ("entre las 14 y las 16"), unless it tells
/// the business's hours ("¿atienden de 10 a 20?", "el horario de atención es de 10 a 20").
pub fn range(n: &[&str], m: &TimeMatch) -> Option<(NaiveTime, NaiveTime)> {
    let until = m.until?;
    let hours = (1..=3).any(|j| m.from.checked_sub(j).is_some_and(|i| hours_verb(n[i])))
        || n[..m.from]
            .iter()
            .any(|w| matches!(*w, "atencion" | "atendiendo"));
    (!hours).then_some((m.value, until))
}

/// "de 14 a 16", "entre 2 y 4 de la tarde", "between 2 and 4pm": a time that closes a range
/// opened by a bare hour is read as that hour (in the end's half of the day when it fits).
fn bare_range_start(n: &[&str], end: &TimeMatch) -> Option<TimeMatch> {
    let is_joiner = |w: &str| joins_range(w) && !matches!(w, "las" | "la");
    let number = (end.from..end.to).find(|&k| n[k].starts_with(|c: char| c.is_ascii_digit()))?;
    let mut b = number;
    while b > 0 && (is_joiner(n[b - 1]) || matches!(n[b - 1], "las" | "la")) {
        b -= 1;
    }
    if b == number || b == 0 || !n[b..number].iter().any(|w| is_joiner(w)) {
        return None;
    }
    let start = b - 1;
    let h0: u32 = n[start].parse().ok().filter(|h| *h <= 23)?;
    if !start.checked_sub(1).is_some_and(|j| opens_range(n[j])) {
        return None;
    }
    let end_h = end.value.hour();
    let afternoon = h0 < 12 && end_h >= 12 && h0 + 12 <= end_h;
    let h = if afternoon || (1..=8).contains(&h0) {
        h0 + 12
    } else {
        h0
    };
    let value = NaiveTime::from_hms_opt(h, 0, 0)?;
    (value < end.value).then_some(TimeMatch {
        from: start - 1,
        to: end.to,
        value,
        until: Some(end.value),
    })
}

/// Whether `end` closes a range that `start` opens ("entre las 14 y las 16", "de 10 a 12",
/// "from 2 to 4", "das 14 às 16").
fn range_end(n: &[&str], start: &TimeMatch, end: &TimeMatch) -> bool {
    let opens = |k: usize| start.from.checked_sub(k).is_some_and(|j| opens_range(n[j]));
    let after_las = start.from >= 1 && matches!(n[start.from - 1], "las" | "la");
    let opened = opens(1) || (after_las && opens(2));
    let joins = n[start.to..end.from].iter().all(|w| joins_range(w));
    // "cambiá mi turno de las 10 a las 12", "pasalo de las 5 a las 6": from one hour to
    // another, both read.
    let opener = if opens(1) { 1 } else { 2 };
    let a_change = start
        .from
        .checked_sub(opener + 1)
        .is_some_and(|j| changes_hour(n[j]));
    opened && joins && !a_change && start.to < end.from && end.value > start.value
}

/// A word before "de las 10 a las 12" that makes it a change of hour, not a range.
pub fn changes_hour(w: &str) -> bool {
    matches!(w, "turno" | "turnito" | "horario" | "reserva" | "cita")
        || ["cambi", "pas", "mov", "corr"]
            .iter()
            .any(|stem| w.starts_with(stem))
}

/// A word that opens a range of hours ("entre", "de", "desde", "between", "from", "das").
fn opens_range(w: &str) -> bool {
    matches!(w, "entre" | "de" | "desde" | "between" | "from" | "das")
}

/// A word between the two ends of a range ("y", "a", "hasta", "and", "to", "às", "las").
fn joins_range(w: &str) -> bool {
    matches!(
        w,
        "y" | "a" | "hasta" | "and" | "to" | "e" | "ate" | "as" | "las" | "la"
    )
}

/// "entre 10 y 12", "de 5 a 7", "between 2 and 4": two bare hours that make a range (read as
/// its start, until its end); an hour up to 8 is the afternoon's. Not "de 2 a 3 personas",
/// "del 10 a 12 de enero".
fn bare_range(n: &[&str], i: usize) -> Option<TimeMatch> {
    let joins = match n[i] {
        "entre" | "between" => ["y", "and"],
        "de" | "desde" => ["a", "hasta"],
        _ => return None,
    };
    let hour = |k: usize| -> Option<u32> {
        let w = n.get(k)?;
        let h: u32 = w.parse().ok().filter(|h| *h <= 23 && w.len() <= 2)?;
        Some(if (1..=8).contains(&h) { h + 12 } else { h })
    };
    let (from, to) = (hour(i + 1)?, hour(i + 3)?);
    let after = n.get(i + 4).copied();
    if !joins.contains(n.get(i + 2)?) || from >= to || after.is_some_and(|w| counts(w) || w == "de")
    {
        return None;
    }
    Some(TimeMatch {
        from: i + 1,
        to: i + 4,
        value: NaiveTime::from_hms_opt(from, 0, 0)?,
        until: NaiveTime::from_hms_opt(to, 0, 0),
    })
}

/// "14 y 30", "5 y media": the "y" at `at` joins minutes to an hour ("el 14 y no el 13" is a
/// day).
pub(super) fn minutes_after(n: &[&str], at: usize) -> bool {
    n.get(at + 1).is_some_and(|w| {
        w.starts_with(|c: char| c.is_ascii_digit())
            || matches!(
                *w,
                "media"
                    | "cuarto"
                    | "pico"
                    | "cinco"
                    | "diez"
                    | "quince"
                    | "veinte"
                    | "treinta"
                    | "cuarenta"
                    | "half"
                    | "meia"
            )
    })
}

/// A word after a number that makes it an amount, not an hour ("18.000 pesos", "2
/// personas", "35 años", "15 minutos").
fn counts(w: &str) -> bool {
    matches!(
        w,
        "pesos" | "mil" | "personas" | "anos" | "años" | "min" | "minutos" | "mins" | "cuotas"
    )
}

/// Two digits that read as the minutes of an hour just written ("15" in "a las 11 15"):
/// a multiple of five, as people write them.
fn bare_minutes(w: &str) -> Option<u32> {
    if w.len() != 2 || !w.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mm = w.parse::<u32>().ok()?;
    (mm < 60 && mm % 5 == 0).then_some(mm)
}

fn noon_at(n: &[&str], i: usize) -> Option<(usize, u32)> {
    match n[i] {
        "mediodia" | "noon" | "meio-dia" | "midday" => Some((i + 1, 12)),
        "medianoche" | "midnight" => Some((i + 1, 0)),
        "medio" | "meio" if n.get(i + 1) == Some(&"dia") => Some((i + 2, 12)),
        _ => None,
    }
}

fn time_at(n: &[&str], i: usize) -> Option<TimeMatch> {
    let prev = |k: usize| -> Option<&str> { i.checked_sub(k).map(|j| n[j]) };
    if let Some((to, h)) = noon_at(n, i) {
        let from = if matches!(prev(1), Some("al" | "a" | "el" | "o" | "ao")) {
            i - 1
        } else {
            i
        };
        return Some(TimeMatch {
            from,
            to,
            value: NaiveTime::from_hms_opt(h, 0, 0)?,
            until: None,
        });
    }
    // "quarter past 4", "half past 3", "quarter to 5"
    let past = match (prev(2), prev(1)) {
        (Some("quarter"), Some("past")) => Some(15i32),
        (Some("half"), Some("past")) => Some(30),
        (Some("quarter"), Some("to")) => Some(-15),
        // "at half 5": half past five.
        (_, Some("half")) if n[i].len() <= 2 && n[i].chars().all(|c| c.is_ascii_digit()) => {
            Some(30)
        }
        _ => None,
    };
    let led = past.is_some()
        || prev(1).is_some_and(is_lead)
        || (prev(1).is_some_and(|w| is_today(w) || is_tomorrow(w))
            && n[i].chars().all(|c| c.is_ascii_digit())
            && n[i].len() <= 2)
        || (prev(1) == Some("a") && prev(2).is_some_and(is_date_word))
        || (prev(1) == Some("a") && n.get(i + 1).is_some_and(|w| is_unit(w)))
        // "no wait, make it 11"
        || (prev(2) == Some("make")
            && prev(1) == Some("it")
            && n[i].len() <= 2
            && n[i].chars().all(|c| c.is_ascii_digit()));
    // The hour: a token with digits, or words after a lead ("a las tres") or before a
    // minute or period phrase ("tres y cuarto", "nueve de la noche").
    let (mut h, mut m, mut pm, mut unit, mut to) = match hour_token(n[i]) {
        Some((h, m, pm, unit)) => (h, m, pm, unit, i + 1),
        None => {
            let (h, used) = hour_words(n, i)?;
            if h > 12 {
                return None;
            }
            let next = n.get(i + used).copied();
            let after = n.get(i + used + 1).copied();
            let shaped = match next {
                Some("y") => after.is_some_and(|w| minutes_after_y(&[w], 0).is_some()),
                Some("menos") => true,
                Some("de") | Some("da") => {
                    matches!(after, Some("la" | "a"))
                        || matches!(after, Some("manha" | "tarde" | "noite"))
                }
                Some("en") => after == Some("punto"),
                Some(w) => is_unit(w) && !matches!(w, "horas" | "hora"),
                None => false,
            };
            // "a las dos", "tipo las tres"; but "mi mamá y yo, las dos, corte" counts people.
            let counted = matches!(prev(1), Some("las" | "los"))
                && prev(2).is_some_and(|w| {
                    !matches!(
                        w,
                        "a" | "para"
                            | "tipo"
                            | "eso"
                            | "de"
                            | "desde"
                            | "hasta"
                            | "antes"
                            | "despues"
                            | "entre"
                            | "pasadas"
                            | "sea"
                            | "son"
                            | "o"
                    ) && !w.chars().all(|c| c.is_ascii_digit())
                });
            let led_words =
                led && !counted && !matches!(prev(1), Some("por" | "hasta" | "desde" | "x"));
            if !(led_words || shaped) {
                return None;
            }
            // "la una" is a time; "una semana" is not.
            if matches!(next, Some("semana" | "semanas" | "dias" | "mes" | "meses")) {
                return None;
            }
            (h, 0, None, shaped, i + used)
        }
    };
    // "5 pm", "17 hs", "10 horas"
    if let Some(&w) = n.get(to) {
        if is_unit(w) {
            if matches!(w, "horas" | "hora") && !led {
                // "3 horas" is a duration.
                return None;
            }
            match w {
                "pm" | "p.m" => pm = Some(true),
                "am" | "a.m" => pm = Some(false),
                _ => {}
            }
            unit = true;
            to += 1;
        }
    }
    // Minutes as a second number: "a las 11 15", "tipo 10 30" (a keyboard without a colon).
    if led && m == 0 && pm.is_none() && n[i].chars().all(|c| c.is_ascii_digit()) {
        if let Some(mm) = n.get(to).and_then(|w| bare_minutes(w)) {
            let next = n.get(to + 1).copied();
            let amount = next.is_some_and(counts);
            let day = next == Some("de") && n.get(to + 2).is_some_and(|w| month(w).is_some());
            if !amount && !day {
                m = mm;
                unit = true;
                to += 1;
            }
        }
    }
    // Minutes: "y media", "y cuarto", "y 20", "y cuarenta y cinco", "menos cuarto".
    let mut minus = 0;
    // "entre 2 y 4": two hours of a range, not 2:04.
    let range_start = matches!(prev(1), Some("entre" | "between"))
        || (matches!(prev(1), Some("las" | "la")) && prev(2) == Some("entre"));
    if n.get(to) == Some(&"y") || n.get(to) == Some(&"e") {
        if let Some((mm, used)) =
            minutes_after_y(n, to + 1).filter(|&(mm, _)| !(range_start && mm <= 12 && mm > h))
        {
            if m == 0 {
                m = mm;
                unit = true;
                to += 1 + used;
            }
        } else if n.get(to + 1) == Some(&"pico") {
            unit = true;
            to += 2;
        }
    } else if n.get(to) == Some(&"menos") {
        if let Some((mm, used)) = minutes_after_y(n, to + 1) {
            if m == 0 && mm < 60 {
                minus = mm;
                unit = true;
                to += 1 + used;
            }
        }
    } else if n.get(to) == Some(&"en") && n.get(to + 1) == Some(&"punto") {
        unit = true;
        to += 2;
    } else if n.get(to) == Some(&"half") && n.get(to + 1) == Some(&"past") {
        // "half past 3" is read at "3"; nothing here.
    }
    // "de la mañana/tarde/noche", "da tarde", "in the morning"
    let period = match (n.get(to), n.get(to + 1), n.get(to + 2)) {
        (Some(&"de"), Some(&"la"), Some(&w)) => match w {
            "manana" | "madrugada" => Some((false, 3)),
            "tarde" | "noche" => Some((true, 3)),
            _ => None,
        },
        (Some(&"da"), Some(&w), _) => match w {
            "manha" | "madrugada" => Some((false, 2)),
            "tarde" | "noite" => Some((true, 2)),
            _ => None,
        },
        (Some(&"in"), Some(&"the"), Some(&w)) => match w {
            "morning" => Some((false, 3)),
            "afternoon" | "evening" => Some((true, 3)),
            _ => None,
        },
        (Some(&"at"), Some(&"night"), _) => Some((true, 2)),
        // "a las 5 a la tarde"
        (Some(&"a"), Some(&"la"), Some(&"tarde" | &"noche")) => Some((true, 3)),
        _ => None,
    };
    let mut night = false;
    if let Some((is_pm, used)) = period {
        pm = Some(is_pm);
        night = matches!(n.get(to + 2), Some(&"noche")) || n.get(to + 1) == Some(&"noite");
        unit = true;
        to += used;
    }
    if !(led || unit) {
        return None;
    }
    // A number that names a day ("el 12", "12 de diciembre", "el viernes 5") is not a time.
    if !unit
        && (matches!(prev(1), Some("el" | "dia" | "del" | "day" | "the"))
            || prev(1).is_some_and(|w| weekday(w).is_some() || month(w).is_some()))
    {
        return None;
    }
    if n.get(to) == Some(&"de") && n.get(to + 1).is_some_and(|w| month(w).is_some()) {
        return None;
    }
    // Amounts: "$18.000", "18.000 pesos", "2 personas".
    if n.get(to).is_some_and(|w| counts(w)) {
        return None;
    }
    match pm {
        Some(true) if h < 12 => h += 12,
        // "12 de la noche" is midnight; "12 am" too.
        Some(true) if h == 12 && night => h = 0,
        Some(false) if h == 12 => h = 0,
        None if (1..=8).contains(&h) => h += 12,
        _ => {}
    }
    if h == 24 {
        h = 0;
    }
    let mut value = NaiveTime::from_hms_opt(h, m, 0)?;
    if minus > 0 {
        value -= chrono::Duration::minutes(i64::from(minus));
    }
    if let Some(p) = past {
        value += chrono::Duration::minutes(i64::from(p));
    }
    // Include the lead words ("a las 5", "a eso de las 5", "tipo las 5", "mañana a 11").
    let mut from = i;
    while from > 0
        && i - from < 4
        && (is_lead(n[from - 1]) || matches!(n[from - 1], "a" | "de" | "como" | "ate"))
    {
        from -= 1;
    }
    Some(TimeMatch {
        from,
        to,
        value,
        until: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Words;
    use rstest::rstest;

    fn first(s: &str) -> Option<String> {
        let w = Words::new(s);
        find_times(&w.norms())
            .first()
            .map(|m| m.value.format("%H:%M").to_string())
    }

    #[rstest]
    // digits and units
    #[case("a las 5", Some("17:00"))]
    #[case("tipo 16", Some("16:00"))]
    #[case("5pm", Some("17:00"))]
    #[case("5 pm", Some("17:00"))]
    #[case("18hs", Some("18:00"))]
    #[case("18 hs", Some("18:00"))]
    #[case("10:30", Some("10:30"))]
    #[case("16.30", Some("16:30"))]
    #[case("a las 5:30", Some("17:30"))]
    #[case("9am", Some("09:00"))]
    #[case("11 a.m.", Some("11:00"))]
    #[case("a las 9", Some("09:00"))]
    #[case("a las 12", Some("12:00"))]
    #[case("15h30", Some("15:30"))]
    #[case("às 15h", Some("15:00"))]
    #[case("at 4", Some("16:00"))]
    #[case("at 3:30pm", Some("15:30"))]
    // minutes in words
    #[case("a las tres y cuarto", Some("15:15"))]
    #[case("a las tres y quince", Some("15:15"))]
    #[case("a las 3 y un cuarto", Some("15:15"))]
    // "y uno" is no minute: "un corte para mi hija de 5 y uno para mí".
    #[case("un corte para mi hija de 5 y uno para mí", None)]
    #[case("a las tres y cuarenta y cinco", Some("15:45"))]
    #[case("las doce menos cinco", Some("11:55"))]
    #[case("a las 5 menos cuarto", Some("16:45"))]
    #[case("las ocho menos cuarto", Some("19:45"))]
    #[case("la una menos cuarto", Some("12:45"))]
    #[case("a las 9 y media", Some("09:30"))]
    #[case("9 y media", Some("09:30"))]
    #[case("a las cuatro y diez", Some("16:10"))]
    #[case("4 y 30", Some("16:30"))]
    #[case("a la una", Some("13:00"))]
    // minutes as a second number
    #[case("a las 11 15", Some("11:15"))]
    #[case("mañana a las 10 30 puede ser?", Some("10:30"))]
    #[case("tipo 5 45", Some("17:45"))]
    #[case("a las 11 15 personas", Some("11:00"))]
    #[case("a las 11 17", Some("11:00"))]
    // periods
    #[case("nueve de la noche", Some("21:00"))]
    #[case("a las tres de la mañana", Some("03:00"))]
    #[case("a las 10 de la mañana", Some("10:00"))]
    #[case("a las 8 de la noche", Some("20:00"))]
    #[case("las 12 de la noche", Some("00:00"))]
    #[case("a las 7 de la tarde", Some("19:00"))]
    #[case("às 3 da tarde", Some("15:00"))]
    // noon
    #[case("al mediodía", Some("12:00"))]
    #[case("a medio día", Some("12:00"))]
    #[case("mañana a 11", Some("11:00"))]
    #[case("el viernes a 5", Some("17:00"))]
    #[case("a eso de las 3", Some("15:00"))]
    #[case("tipo las cinco", Some("17:00"))]
    // not times
    #[case("tengo 35 años", None)]
    #[case("el 12 de diciembre", None)]
    #[case("sale $18.000?", None)]
    #[case("dura 3 horas?", None)]
    #[case("una semana", None)]
    #[case("el viernes 5", None)]
    #[case("somos 2 personas", None)]
    #[case("a la tarde", None)]
    #[case("para mí y mi mamá, las dos corte", None)]
    #[case("las tres?", Some("15:00"))]
    #[case("mi hermana y yo, las dos a las tres", Some("15:00"))]
    #[case("no wait, make it 11", Some("11:00"))]
    #[case("make it 5", Some("17:00"))]
    fn times(#[case] text: &str, #[case] want: Option<&str>) {
        assert_eq!(first(text).as_deref(), want, "{text}");
    }

    /// A range of hours is read as its start, whatever the words.
    #[rstest]
    #[case("color el viernes entre las 14 y las 16", &["14:00"])]
    #[case("color el viernes de 14 a 16", &["14:00"])]
    #[case("entre 2 y 4 de la tarde", &["14:00"])]
    #[case("between 2 and 4pm", &["14:00"])]
    #[case("from 2pm to 4pm", &["14:00"])]
    #[case("das 14 às 16", &["14:00"])]
    #[case("de 10 a 12 el sábado", &["10:00"])]
    #[case("brushing el viernes entre 10 y 12", &["10:00"])]
    #[case("somos de 2 a 3 personas", &[])]
    #[case("del 10 al 12 de enero", &[])]
    #[case("corte a las 5 y 10", &["17:10"])]
    #[case("el 15 a las 10", &["10:00"])]
    #[case("turno para 2 a las 5", &["17:00"])]
    #[case("any spots left today for a mani? like 5ish", &["17:00"])]
    #[case("can i get a lash lift on the 2nd at half 5?", &["17:30"])]
    fn ranges(#[case] text: &str, #[case] want: &[&str]) {
        let w = Words::new(text);
        let got: Vec<String> = find_times(&w.norms())
            .iter()
            .map(|m| m.value.format("%H:%M").to_string())
            .collect();
        assert_eq!(got, want, "{text}");
    }

    /// A range keeps its end, for the times offered inside it.
    #[rstest]
    #[case("color el viernes entre las 14 y las 16", Some("16:00"))]
    #[case("entre 2 y 4 de la tarde", Some("16:00"))]
    #[case("between 2 and 4pm", Some("16:00"))]
    #[case("de 10 a 12 el sábado", Some("12:00"))]
    #[case("brushing el viernes entre 10 y 12", Some("12:00"))]
    #[case("el jueves de 5 a 7", Some("19:00"))]
    #[case("a las 10", None)]
    #[case("cambiá mi turno de las 10 a las 12", None)]
    #[case("¿atienden de 10 a 20?", None)]
    #[case("el horario de atencion es de 10 a 20 todos los dias?", None)]
    fn range_ends(#[case] text: &str, #[case] want: Option<&str>) {
        let w = Words::new(text);
        let n = w.norms();
        let got = find_times(&n)
            .first()
            .and_then(|m| range(&n, m))
            .map(|(_, t)| t.format("%H:%M").to_string());
        assert_eq!(got.as_deref(), want, "{text}");
    }

    #[rstest]
    #[case("tenés algo el jueves después de las 6?", Some(("18:00", Bound::From)))]
    #[case("despues de las 18hs", Some(("18:00", Bound::From)))]
    #[case("el martes a partir de las 15", Some(("15:00", Bound::From)))]
    #[case("desde las 10, somos cinco", None)]
    #[case("anything after 6pm?", Some(("18:00", Bound::From)))]
    #[case("tem horário depois das 18h?", Some(("18:00", Bound::From)))]
    #[case("a partir das 15h", Some(("15:00", Bound::From)))]
    #[case("el sábado antes de las 12", Some(("12:00", Bound::Before)))]
    #[case("before 11am", Some(("11:00", Bound::Before)))]
    #[case("antes das 12h", Some(("12:00", Bound::Before)))]
    #[case("el sábado hasta las 12 puedo", Some(("12:00", Bound::Before)))]
    #[case("trabajo hasta las 18, así que después de esa hora", Some(("18:00", Bound::From)))]
    #[case("salgo del laburo a las 6, tenés algo?", None)]
    #[case("salgo del trabajo a las 18, ¿tenés algo después de eso?", Some(("18:00", Bound::From)))]
    #[case("corte a las 16 y después de eso manicura", None)]
    #[case("I'm at work until 5pm", Some(("17:00", Bound::From)))]
    #[case("estoy en la facu hasta las 17 el jueves", Some(("17:00", Bound::From)))]
    #[case("a la mañana no, pasado el mediodía", Some(("12:00", Bound::From)))]
    #[case("el jueves pasadas las 5", Some(("17:00", Bound::From)))]
    #[case("half past 3", None)]
    #[case("llego a salir antes de las 14?", Some(("14:00", Bound::DoneBy)))]
    #[case("necesito terminar antes de las 13", Some(("13:00", Bound::DoneBy)))]
    #[case("I need to be done before 2pm", Some(("14:00", Bound::DoneBy)))]
    #[case("necesito estar afuera antes de las 13", Some(("13:00", Bound::DoneBy)))]
    #[case("mañana imposible, pasado a las 10 para pedicura?", None)]
    #[case("turno el martes después del mediodía", Some(("12:00", Bound::From)))]
    #[case("¿atienden hasta las 8 el viernes?", None)]
    #[case("hola! hoy están abiertos hasta las 8?", None)]
    #[case("color el viernes de 14 a 16", None)]
    #[case("desde las 14 hasta las 16", None)]
    #[case("entre las 14 y las 16", None)]
    #[case("a las 5 de la tarde", None)]
    #[case("mañana a las 10", None)]
    fn bounds(#[case] text: &str, #[case] want: Option<(&str, Bound)>) {
        let w = Words::new(text);
        let n = w.norms();
        let times = find_times(&n);
        let got = times
            .iter()
            .find_map(|m| bound(&n, m, &times).map(|b| (m.value.format("%H:%M").to_string(), b)));
        assert_eq!(got, want.map(|(t, b)| (t.to_string(), b)), "{text}");
    }

    #[test]
    fn spans_include_the_lead() {
        let w = Words::new("turno a eso de las 5 para corte");
        let m = find_times(&w.norms())[0];
        assert_eq!(w.span(m.from, m.to), "a eso de las 5");
    }
}
