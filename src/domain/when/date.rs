//! Dates as customers write them, found as word spans with their meaning.
//!
//! Spans include a directly preceding article or demonstrative ("el viernes", "este
//! sábado", "el próximo martes") but no preposition, as the labelling guide says; what a
//! span means is kept beside it ([`DateExpr`]) and resolved against a day by
//! [`super::resolve`].

use chrono::Weekday;

use super::ruled_out::excluded;

use super::lexicon::{
    day_number, holiday, is_plural_weekday, is_today, is_tomorrow, month, soon, weekday,
};

/// Which occurrence of a weekday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekdayMode {
    /// "el viernes", "el próximo viernes", "el viernes que viene": the next one after today.
    Next,
    /// "este viernes": this week's, today included.
    This,
    /// "el viernes de la semana que viene": the one in the next calendar week.
    NextWeek,
    /// "el sábado que viene no, el siguiente", "este viernes no, el otro": a week after the
    /// one named first (`true`: after "este", today included).
    Following(bool),
}

/// What a date expression means, before it meets a calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateExpr {
    /// "hoy", "mañana", "pasado mañana", "en una semana", "dentro de 3 días": today plus days.
    InDays(u32),
    Weekday(Weekday, WeekdayMode),
    /// "el 12", "el día quince": a day of this month (or the next).
    DayOfMonth(u32),
    /// "12/3", "3 de marzo", "marzo 3", "el primero de marzo".
    DayMonth {
        day: u32,
        month: u32,
        year: Option<i32>,
    },
    /// "jue 15", "el jueves 15": the next 15th that is a Thursday.
    WeekdayDay(Weekday, u32),
    /// "el finde": the next Saturday (today if Saturday).
    Weekend,
    /// "el primer sábado de enero", "el último viernes de diciembre": the `nth` (1–4, or 0
    /// for the last) such weekday of that month, this year's or the next's.
    NthWeekday {
        nth: u32,
        weekday: Weekday,
        month: u32,
    },
    /// A date expression too vague to book on ("la semana que viene", "a fin de mes").
    Vague,
}

/// A date expression: word range and meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMatch {
    pub from: usize,
    pub to: usize,
    pub expr: DateExpr,
    /// The message rules this date out ("cualquier día menos el martes", "el 12, no el 11",
    /// "mañana no puedo", "antes del sábado"): not the date the customer wants.
    pub excluded: bool,
}

/// Words that may lead a date span: articles and demonstratives (never prepositions).
fn is_determiner(w: &str) -> bool {
    const DETERMINERS: [&str; 19] = [
        "el", "la", "este", "esta", "proximo", "proxima", "prox", "next", "this", "the", "o", "a",
        "esse", "essa", "nesta", "neste", "nessa", "nesse", "mismo",
    ];
    DETERMINERS.contains(&w)
}

/// "la semana que viene", "la próxima semana", "la otra semana", "next week", "semana que
/// vem": `Some(end)` when the words at `i` say "next week".
fn next_week_at(n: &[&str], i: usize) -> Option<usize> {
    let w = |k: usize| n.get(k).copied();
    match w(i)? {
        "semana" => {
            if matches!(w(i + 1), Some("que" | "q")) && matches!(w(i + 2), Some("viene" | "vem")) {
                return Some(i + 3);
            }
            if matches!(w(i + 1), Some("proxima" | "entrante" | "siguiente")) {
                return Some(i + 2);
            }
            None
        }
        "proxima" | "otra" | "siguiente" if w(i + 1) == Some("semana") => Some(i + 2),
        "next" if w(i + 1) == Some("week") => Some(i + 2),
        _ => None,
    }
}

/// Finds every date expression, in order.
pub fn find_dates(n: &[&str]) -> Vec<DateMatch> {
    let mut out: Vec<DateMatch> = Vec::new();
    let mut i = 0;
    while i < n.len() {
        match date_at(n, i) {
            Some(mut m) => {
                i = m.to.max(i + 1);
                // A match that reaches back over the one before ("the first friday of
                // january" after "the first") takes its place when it covers it; else it
                // starts where that one ends.
                if let Some(last) = out.last() {
                    if m.from <= last.from {
                        out.pop();
                    } else if m.from < last.to {
                        m.from = last.to;
                    }
                }
                out.push(m);
            }
            None => i += 1,
        }
    }
    // "la semana que viene, el martes" / "el martes, la semana que viene": one date.
    let mut merged: Vec<DateMatch> = Vec::new();
    for m in out {
        if let Some(prev) = merged.last_mut() {
            // Joined only by an article or "de" ("la semana que viene, el martes"), not by a
            // preposition of a change ("de sexta pra semana que vem").
            let close = m.from <= prev.to + 2
                && n[prev.to..m.from]
                    .iter()
                    .all(|w| matches!(*w, "el" | "la" | "de" | "que" | "q"));
            match (prev.expr, m.expr) {
                (DateExpr::Vague, DateExpr::Weekday(wd, WeekdayMode::Next))
                    if close && is_next_week(n, prev) =>
                {
                    prev.expr = DateExpr::Weekday(wd, WeekdayMode::NextWeek);
                    prev.to = m.to;
                    continue;
                }
                (DateExpr::Weekday(wd, WeekdayMode::Next), DateExpr::Vague)
                    if close && is_next_week(n, &m) =>
                {
                    prev.expr = DateExpr::Weekday(wd, WeekdayMode::NextWeek);
                    prev.to = m.to;
                    continue;
                }
                _ => {}
            }
        }
        merged.push(m);
    }
    for m in &mut merged {
        following(n, m);
    }
    for m in &mut merged {
        m.excluded = !matches!(m.expr, DateExpr::Weekday(_, WeekdayMode::Following(_)))
            && excluded(n, m.from, m.to);
    }
    merged
}

/// "el sábado que viene no, el siguiente", "este viernes no, el otro", "no el jueves, el que
/// sigue", "el sábado que viene, no este, el otro": the weekday a week after the one turned
/// down; the span takes both.
fn following(n: &[&str], m: &mut DateMatch) {
    let DateExpr::Weekday(wd, mode @ (WeekdayMode::Next | WeekdayMode::This)) = m.expr else {
        return;
    };
    let w = |k: usize| n.get(k).copied();
    let mut k = m.to;
    // The span keeps a leading "no", so that it says on its own which day it means.
    let mut from = m.from;
    if w(k) == Some("no") {
        k += 1;
        // "el sábado que viene, no este, el otro".
        if matches!(w(k), Some("este" | "ese")) {
            k += 1;
        }
    } else if m.from > 0 && n[m.from - 1] == "no" {
        from -= 1;
    } else {
        return;
    }
    if !matches!(w(k), Some("el" | "al")) {
        return;
    }
    let end = match (w(k + 1), w(k + 2)) {
        (Some("que"), Some("sigue")) => k + 3,
        (Some("siguiente" | "otro" | "proximo"), next) => {
            // "el otro viernes", "el otro día": another date of its own.
            if next.is_some_and(|x| weekday(x).is_some() || matches!(x, "dia" | "mes" | "año")) {
                return;
            }
            k + 2
        }
        _ => return,
    };
    m.expr = DateExpr::Weekday(wd, WeekdayMode::Following(mode == WeekdayMode::This));
    m.from = from;
    m.to = end;
}

pub(super) fn is_next_week(n: &[&str], m: &DateMatch) -> bool {
    (m.from..m.to).any(|k| next_week_at(n, k).is_some_and(|end| end <= m.to))
}

/// Extends a span left over determiners: "el próximo viernes", "este mismo sábado", "dia 25
/// de dezembro".
pub(super) fn extend_left(n: &[&str], mut from: usize) -> usize {
    if from > 0 && matches!(n[from - 1], "dia" | "day") && from >= 1 {
        from -= 1;
    }
    let mut steps = 0;
    while from > 0 && steps < 2 && is_determiner(n[from - 1]) {
        // "la" leads only "la semana…"; "a"/"o" only as Portuguese articles before a day.
        if matches!(n[from - 1], "a" | "o") && !matches!(n.get(from), Some(&"proxima" | &"proximo"))
        {
            break;
        }
        // "si Lucía está el viernes", "para él el jueves": a demonstrative or an article
        // never stands before an article, so "esta" there is the verb, "él" the pronoun.
        if steps == 1
            && matches!(n[from], "el" | "la" | "los" | "las")
            && matches!(
                n[from - 1],
                "este" | "esta" | "ese" | "esa" | "aquel" | "el" | "la"
            )
        {
            break;
        }
        from -= 1;
        steps += 1;
    }
    from
}

/// "de la semana que viene" after a weekday: `Some(end)`.
fn of_next_week(n: &[&str], to: usize) -> Option<usize> {
    let w = |k: usize| n.get(k).copied();
    if w(to) == Some("de") && w(to + 1) == Some("la") {
        // "el jueves de la otra", the week left unsaid.
        // Not "el jueves de la otra chica".
        let ends = w(to + 3).is_none_or(|x| {
            matches!(
                x,
                "a" | "al" | "por" | "porfa" | "que" | "y" | "o" | "si" | "mejor" | "entonces"
            )
        });
        if matches!(w(to + 2), Some("otra" | "proxima")) && ends {
            return Some(to + 3);
        }
        return next_week_at(n, to + 2);
    }
    if w(to) == Some("da") {
        // "sexta da semana que vem"
        return next_week_at(n, to + 1);
    }
    // "friday next week", "el martes la semana que viene"
    next_week_at(n, to).or_else(|| {
        (w(to) == Some("la") || w(to) == Some("de"))
            .then(|| next_week_at(n, to + 1))
            .flatten()
    })
}

/// "12/3", "12-3", "12/3/2027", "1.3" (day first). A dot date needs a one-digit month or
/// a lead ("el 23.11"): "16.30" is a time.
fn numeric_date(w: &str, led: bool) -> Option<(u32, u32, Option<i32>)> {
    let dot = w.contains('.') && !w.contains(['/', '-']);
    let parts: Vec<&str> = w.split(['/', '-', '.']).collect();
    if parts.len() < 2 || parts.len() > 3 || w.contains(':') {
        return None;
    }
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let d: u32 = parts[0].parse().ok()?;
    let m: u32 = parts[1].parse().ok()?;
    if dot && parts.len() == 2 && parts[1].len() == 2 && !led {
        return None;
    }
    if dot && parts[0].len() > 2 {
        return None; // "18.000"
    }
    let y = match parts.get(2) {
        Some(y) if y.len() == 2 || y.len() == 4 => {
            let y: i32 = y.parse().ok()?;
            Some(if y < 100 { 2000 + y } else { y })
        }
        Some(_) => return None,
        None => None,
    };
    if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
        return None;
    }
    Some((d, m, y))
}

/// A year after a date: "de 2027", "2027".
fn year_at(n: &[&str], k: usize) -> Option<(i32, usize)> {
    let parse = |w: &str| -> Option<i32> {
        (w.len() == 4)
            .then(|| w.parse::<i32>().ok())
            .flatten()
            .filter(|y| (2000..2100).contains(y))
    };
    if n.get(k) == Some(&"de") || n.get(k) == Some(&"del") {
        if let Some(y) = n.get(k + 1).and_then(|w| parse(w)) {
            return Some((y, 2));
        }
    }
    n.get(k).and_then(|w| parse(w)).map(|y| (y, 1))
}

fn date_at(n: &[&str], i: usize) -> Option<DateMatch> {
    let w = n[i];
    let prev = |k: usize| -> Option<&str> { i.checked_sub(k).map(|j| n[j]) };
    let m = |from: usize, to: usize, expr: DateExpr| {
        Some(DateMatch {
            from,
            to,
            expr,
            excluded: false,
        })
    };
    if is_today(w) {
        return m(i, i + 1, DateExpr::InDays(0));
    }
    if let Some(len) = soon(n, i) {
        return m(i, i + len, DateExpr::InDays(0));
    }
    if let Some(span) = super::month_span::at(n, i) {
        return Some(span);
    }
    if let Some(h) = holiday(n, i) {
        // "para año nuevo" reads as the eve: the span keeps the "para" that says so.
        return m(
            if h.eve_for { i - 1 } else { extend_left(n, i) },
            i + h.used,
            DateExpr::DayMonth {
                day: h.day,
                month: h.month,
                year: None,
            },
        );
    }
    // "pasado mañana", "depois de amanhã", "the day after tomorrow"
    if w == "pasado" && n.get(i + 1).is_some_and(|x| is_tomorrow(x)) {
        return m(i, i + 2, DateExpr::InDays(2));
    }
    // "mañana no, pasado", "mañana no puedo, pasado sí", "mañana o pasado": the day after
    // tomorrow, named against tomorrow (a bare "pasado" is "el año pasado").
    if w == "pasado"
        && !n.get(i + 1).is_some_and(|x| {
            super::lexicon::weekday(x).is_some()
                || matches!(*x, "ano" | "mes" | "semana" | "finde" | "fin")
        })
        && !matches!(
            prev(1),
            Some("mes" | "ano" | "semana" | "finde" | "el" | "lo")
        )
        && (2..=4).any(|k| {
            prev(k).is_some_and(|x| is_tomorrow(x) || is_today(x)) && prev(k + 1) != Some("la")
        })
        && (prev(1) == Some("o")
            || (1..=3).any(|k| {
                matches!(
                    prev(k),
                    Some("no" | "nao" | "imposible" | "complicado" | "dificil" | "jodido")
                )
            }))
    {
        return m(i, i + 1, DateExpr::InDays(2));
    }
    // "¿y pasado?" on its own, after tomorrow was talked about: the day after tomorrow.
    let filler = |x: &&str| matches!(*x, "y" | "o" | "bueno" | "ok" | "entonces" | "ah" | "che");
    // ("pasado entonces a la misma hora", "pasado a las 5?": its time after it.)
    let then = matches!(
        (n.get(i + 1), n.get(i + 2)),
        (None, _) | (Some(&("entonces" | "mejor")), _) | (Some(&"a"), Some(&("la" | "las")))
    );
    if w == "pasado" && then && n[..i].iter().all(filler) {
        return m(i, i + 1, DateExpr::InDays(2));
    }
    if w == "depois" && n.get(i + 1) == Some(&"de") && n.get(i + 2) == Some(&"amanha") {
        return m(i, i + 3, DateExpr::InDays(2));
    }
    if w == "day" && n.get(i + 1) == Some(&"after") && n.get(i + 2) == Some(&"tomorrow") {
        return m(extend_left(n, i), i + 3, DateExpr::InDays(2));
    }
    if is_tomorrow(w) {
        // "a/de/por la mañana", "a media mañana", "a las 10 de mañana" are times of day;
        // "el turno de mañana", "lo de mañana" are tomorrow's.
        let after_time = prev(2).is_some_and(|x| {
            x.chars().next().is_some_and(|c| c.is_ascii_digit())
                || super::lexicon::number_words(&[x], 0).is_some()
        });
        if matches!(prev(1), Some("la" | "media"))
            || (w == "manana" && prev(1) == Some("de") && after_time)
        {
            return None;
        }
        return m(i, i + 1, DateExpr::InDays(1));
    }
    // "en una semana", "dentro de 3 días", "de acá a 15 días", "in two weeks": the span
    // starts at the number (no preposition).
    if let Some((k, used)) = count_at(n, i) {
        let unit = n.get(i + used).copied();
        let days = match unit {
            Some("dia" | "dias" | "day" | "days") => Some(k),
            Some("semana" | "semanas" | "week" | "weeks") => Some(k * 7),
            _ => None,
        };
        let in_lead = matches!(prev(1), Some("en" | "in" | "em"))
            || (prev(1) == Some("de") && prev(2) == Some("dentro"))
            || prev(1) == Some("dentro")
            || (prev(1) == Some("a") && matches!(prev(2), Some("aca" | "aqui" | "aki" | "daqui")))
            || prev(1) == Some("daqui");
        if let (Some(days), true) = (days, in_lead) {
            if days > 0 && days <= 120 {
                return m(i, i + used + 1, DateExpr::InDays(days));
            }
        }
    }
    // "el finde", "el fin de semana", "this weekend"; "el finde que viene" is the coming one
    // too.
    let coming = |end: usize| match (n.get(end), n.get(end + 1)) {
        (Some(&"que"), Some(&"viene")) => end + 2,
        _ => end,
    };
    let weekend = match (w, n.get(i + 1), n.get(i + 2)) {
        ("finde" | "weekend", _, _) => Some(i + 1),
        ("fin", Some(&"de"), Some(&"semana")) => Some(i + 3),
        _ => None,
    };
    if let Some(end) = weekend {
        // "el otro finde", "el finde siguiente": the one after this one.
        let after = matches!(n.get(end), Some(&("siguiente" | "after")));
        if after || matches!(prev(1), Some("otro" | "following")) {
            let sat = DateExpr::Weekday(Weekday::Sat, WeekdayMode::Following(true));
            return m(
                extend_left(n, i - usize::from(!after)),
                end + usize::from(after),
                sat,
            );
        }
        return m(extend_left(n, i), coming(end), DateExpr::Weekend);
    }
    if w == "fin" && n.get(i + 1) == Some(&"de") && n.get(i + 2) == Some(&"mes") {
        return m(extend_left(n, i), i + 3, DateExpr::Vague);
    }
    if let Some(end) = next_week_at(n, i) {
        let from = if prev(1) == Some("la") || prev(1) == Some("a") {
            i - 1
        } else {
            i
        };
        // "la semana que viene el martes" is merged by the caller.
        return m(from, end, DateExpr::Vague);
    }
    if w == "esta" && n.get(i + 1) == Some(&"semana") {
        return m(i, i + 2, DateExpr::Vague);
    }
    // "los sábados", "los lunes", "on Sundays": a habit, not a date (the guide says so).
    let plural = (is_plural_weekday(w) && w != "lunes")
        || (prev(1) == Some("los") && (weekday(w).is_some() || w == "lunes"));
    if plural {
        return None;
    }
    if let Some((wd, ambiguous)) = weekday(w) {
        return weekday_date(n, i, wd, ambiguous);
    }
    // Numeric dates: "12/12", "el 23.11", "12-3-2027".
    let led = matches!(prev(1), Some("el" | "dia" | "del" | "para" | "o" | "the"));
    if let Some((d, mo, y)) = numeric_date(w, led) {
        return m(
            extend_left(n, i),
            i + 1,
            DateExpr::DayMonth {
                day: d,
                month: mo,
                year: y,
            },
        );
    }
    // Month first: "marzo 3", "march 3rd", "dec 12".
    if let Some(mo) = month(w).filter(|_| w.len() >= 3) {
        if let Some((d, used)) = day_number(n, i + 1) {
            let next_is_time = n
                .get(i + 1 + used)
                .is_some_and(|x| matches!(*x, "hs" | "pm" | "am" | "h" | "horas"));
            if !next_is_time {
                let (year, yused) = year_at(n, i + 1 + used).unwrap_or((0, 0));
                let year = (yused > 0).then_some(year);
                return m(
                    extend_left(n, i),
                    i + 1 + used + yused,
                    DateExpr::DayMonth {
                        day: d,
                        month: mo,
                        year,
                    },
                );
            }
        }
    }
    // Day first: "3 de marzo", "el primero de marzo", "3 marzo", "12th of december",
    // "el 12", "el día quince", "día 12".
    if let Some((d, used)) = day_number(n, i) {
        let after = i + used;
        let word_number = !w.chars().next().is_some_and(|c| c.is_ascii_digit());
        // "3 de marzo", "3 of march"
        let month_at = |k: usize| -> Option<(u32, usize)> {
            if matches!(n.get(k), Some(&"de" | &"of" | &"del")) {
                if let Some(mo) = n.get(k + 1).and_then(|x| month(x)) {
                    return Some((mo, 2));
                }
            }
            n.get(k)
                .filter(|x| x.len() >= 3)
                .and_then(|x| month(x))
                .map(|mo| (mo, 1))
        };
        if let Some((mo, mused)) = month_at(after) {
            // "la una de marzo" is not a thing; number words need a lead or "primero".
            let ok = !word_number
                || d == 1 && matches!(w, "primero" | "primer" | "first" | "primeiro")
                || matches!(prev(1), Some("el" | "dia" | "del" | "para" | "the" | "o"))
                || used > 1
                || d > 1;
            if ok {
                let (year, yused) = year_at(n, after + mused).unwrap_or((0, 0));
                let year = (yused > 0).then_some(year);
                return m(
                    extend_left(n, i),
                    after + mused + yused,
                    DateExpr::DayMonth {
                        day: d,
                        month: mo,
                        year,
                    },
                );
            }
        }
        // "el 12", "el día 12", "día quince", "the 12th", "dia 12" — not "el 12 hs".
        let next_is_time = n.get(after).is_some_and(|x| {
            matches!(
                *x,
                "hs" | "pm" | "am" | "h" | "horas" | "hrs" | "menos" | ":"
            ) || (*x == "y" && super::time::minutes_after(n, after))
        });
        // "buen día, una pregunta": a greeting's "día" leads nothing, and "una" is an hour
        // ("la una"), never a day of the month (that is "el uno", "el primero").
        let greeting = matches!(prev(2), Some("buen" | "buenos" | "good" | "bom"));
        let dia = matches!(prev(1), Some("dia" | "day")) && !greeting && !matches!(w, "una" | "un");
        // "pasámelo al 25" (and the span "al 25" read again alone): moved to a day.
        let moved_to = prev(1) == Some("al")
            && !word_number
            && prev(2).is_none_or(|v| {
                ["pas", "cambi", "mov", "corr"]
                    .iter()
                    .any(|p| v.starts_with(p))
            });
        let el = matches!(prev(1), Some("el" | "the" | "del")) || moved_to;
        let ordinal =
            w.ends_with("th") || w.ends_with("st") || w.ends_with("nd") || w.ends_with("rd");
        // "el primero que tengas", "el primero libre", "the first available": the first
        // time free, not the 1st of the month.
        let first_free = word_number
            && n.get(after).is_some_and(|x| {
                matches!(
                    *x,
                    "que" | "q" | "libre" | "disponible" | "available" | "free" | "open" | "livre"
                )
            });
        if (dia || el || (ordinal && !word_number)) && !next_is_time && !first_free {
            // "el primero" as a day needs "el"; a bare "el uno" is rare but fine.
            let mut from = i;
            if dia {
                from = i - 1;
                if from > 0 && matches!(n[from - 1], "el" | "the" | "o") {
                    from -= 1;
                }
            } else if el {
                from = i - 1;
            }
            // "el 5 del mes que viene"
            if n.get(after) == Some(&"del") && n.get(after + 1) == Some(&"mes") {
                let end = if matches!(n.get(after + 2), Some(&"que")) {
                    after + 4
                } else {
                    after + 3
                };
                return m(from, end.min(n.len()), DateExpr::DayOfMonth(d));
            }
            return m(from, after, DateExpr::DayOfMonth(d));
        }
    }
    None
}

/// A count before "días"/"semanas": digits or words ("una", "dos", "quince").
fn count_at(n: &[&str], i: usize) -> Option<(u32, usize)> {
    let w = *n.get(i)?;
    if w.chars().all(|c| c.is_ascii_digit()) && w.len() <= 3 {
        return w.parse().ok().map(|v| (v, 1));
    }
    if matches!(w, "a" | "an") {
        return Some((1, 1)); // "in a week"
    }
    super::lexicon::number_words(n, i)
}

fn weekday_date(n: &[&str], i: usize, wd: Weekday, ambiguous: bool) -> Option<DateMatch> {
    let w = n[i];
    let prev = |k: usize| -> Option<&str> { i.checked_sub(k).map(|j| n[j]) };
    // "los sábados", "los lunes": a habit.
    if prev(1) == Some("los") || is_plural_weekday(w) && w != "lunes" {
        return None;
    }
    // "algún sábado", "un sábado de estos", "cualquier martes": no particular day.
    if matches!(
        prev(1),
        Some("algun" | "un" | "cualquier" | "some" | "any" | "algum")
    ) {
        return None;
    }
    if let Some(m) = super::nth::nth_weekday_of_month(n, i, wd) {
        return Some(m);
    }
    let mut to = i + 1;
    // "sexta feira" written apart
    if n.get(to) == Some(&"feira") {
        to += 1;
    }
    // "Saturday the 22nd", "sábado dia 19"
    if matches!(n.get(to), Some(&"the" | &"dia")) && day_number(n, to + 1).is_some() {
        to += 1;
    }
    // "el jueves 5", "jue 15", "viernes 12 de septiembre"
    let mut day: Option<u32> = None;
    let mut dm: Option<(u32, u32, Option<i32>)> = None;
    if let Some((d, used)) = day_number(n, to).filter(|(_, used)| *used == 1) {
        let next = n.get(to + used).copied();
        let is_time = matches!(next, Some("hs" | "pm" | "am" | "h" | "horas" | "menos"))
            || (next == Some("y") && super::time::minutes_after(n, to + used));
        let digits = n[to].chars().next().is_some_and(|c| c.is_ascii_digit());
        if !is_time && (digits || matches!(n[to], "primero")) {
            to += used;
            day = Some(d);
            if matches!(n.get(to), Some(&"de" | &"of")) {
                if let Some(mo) = n.get(to + 1).and_then(|x| month(x)) {
                    to += 2;
                    let (y, yused) = year_at(n, to).unwrap_or((0, 0));
                    to += yused;
                    dm = Some((d, mo, (yused > 0).then_some(y)));
                }
            } else if let Some(mo) = n.get(to).filter(|x| x.len() >= 3).and_then(|x| month(x)) {
                to += 1;
                dm = Some((d, mo, None));
            }
        }
    } else if let Some((d, mo, y)) = n.get(to).and_then(|x| numeric_date(x, true)) {
        // "el jueves 5/12"
        to += 1;
        dm = Some((d, mo, y));
    }
    let determined = prev(1).is_some_and(is_determiner);
    // "dom abren?", "dom 10hs": an abbreviation that opens the message or comes before a time.
    let placed = i == 0
        || n.get(i + 1)
            .is_some_and(|x| x.starts_with(|c: char| c.is_ascii_digit()));
    if ambiguous && !determined && !placed && day.is_none() && dm.is_none() {
        return None;
    }
    // "el otro miércoles", "al otro martes": not the nearest one, the one after it.
    let other = prev(1) == Some("otro")
        && !prev(2).is_some_and(|x| matches!(x, "cualquier" | "algun" | "un" | "ningun"));
    let from = extend_left(n, if other { i - 1 } else { i });
    let lead: Vec<&str> = n[from..i].to_vec();
    if let Some((d, mo, y)) = dm {
        return Some(DateMatch {
            from,
            to,
            expr: DateExpr::DayMonth {
                day: d,
                month: mo,
                year: y,
            },
            excluded: false,
        });
    }
    if let Some(d) = day {
        return Some(DateMatch {
            from,
            to,
            expr: DateExpr::WeekdayDay(wd, d),
            excluded: false,
        });
    }
    let mut mode = if other {
        WeekdayMode::Following(false)
    } else if lead.iter().any(|x| {
        matches!(
            *x,
            "este" | "esta" | "this" | "esse" | "essa" | "nesta" | "neste" | "mismo"
        )
    }) {
        WeekdayMode::This
    } else {
        WeekdayMode::Next
    };
    // "el viernes que viene", "el lunes próximo", "sexta que vem"
    if matches!(n.get(to), Some(&"que" | &"q")) && matches!(n.get(to + 1), Some(&"viene" | &"vem"))
    {
        to += 2;
        mode = WeekdayMode::Next;
    } else if matches!(n.get(to), Some(&"proximo" | &"proxima" | &"entrante")) {
        to += 1;
        mode = WeekdayMode::Next;
    }
    // "el miércoles de la semana que viene", "friday next week"
    if let Some(end) = of_next_week(n, to) {
        to = end;
        mode = WeekdayMode::NextWeek;
    }
    Some(DateMatch {
        from,
        to,
        expr: DateExpr::Weekday(wd, mode),
        excluded: false,
    })
}
