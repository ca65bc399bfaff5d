//! Dates and times in customers' words: finding them in a message and resolving them to a
//! calendar date and a clock time in the business's time zone.
//!
//! Both routes use the same functions; the model only ever points at the customer's words,
//! and what they mean is decided here. The conventions (which Friday "el viernes" is, what
//! "a las 5" means in a salon) are written once, in [`resolve`] and in `time.rs`.

mod date;
mod lexicon;
mod month_span;
mod nth;
mod ruled_out;
mod time;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::text::Words;

pub use date::{DateExpr, DateMatch, WeekdayMode};
pub use ruled_out::{excluded, refused};

pub use lexicon::{cannot, number_words};
pub use time::{bound, changes_hour, closing_verb, range, Bound, TimeMatch};

/// Every date expression of a message, in order. A date never spans the end of a sentence
/// ("mejor esta: ¿el jueves…" names "el jueves", not "esta el jueves"; "digo junio!! 3 de
/// junio" is not "junio 3").
pub fn find_dates(words: &Words) -> Vec<DateMatch> {
    let n = words.norms();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=n.len() {
        if i == n.len() || sentence_break(words, &n, i) {
            out.extend(date::find_dates(&n[start..i]).into_iter().map(|mut m| {
                m.from += start;
                m.to += start;
                m
            }));
            start = i;
        }
    }
    out
}

/// Whether a sentence ends between word `i - 1` and word `i`. The dot of an abbreviation
/// ("lun. 15", "dic. 3") ends none.
fn sentence_break(words: &Words, n: &[&str], i: usize) -> bool {
    let gap = words.gap(i - 1, i);
    if gap.contains(['!', '?', ':', ';', '¿', '¡', '\n']) || gap.contains("..") {
        return true;
    }
    let prev = n[i - 1];
    gap.contains('.') && !(prev.len() <= 4 && prev.chars().all(char::is_alphabetic))
}

/// Every time expression of a message, in order.
pub fn find_times(words: &Words) -> Vec<TimeMatch> {
    time::find_times(&words.norms())
}

/// Words that may follow a bare hour taking it ("9 está bien", "11 me viene bien", "10
/// dale", "4 works").
const TAKES_IT: &[&str] = &[
    "esta", "bien", "dale", "me", "viene", "sirve", "queda", "porfa", "por", "favor", "perfecto",
    "ok", "genial", "joya", "puede", "ser", "please", "works", "fine", "is", "good", "pode", "sim",
    "si", "yes",
];

/// A message that is only an hour ("10", "10 y media", "once"), maybe with words that take it
/// ("9 está bien"), answering "¿qué horario?": read as if it said "a las …", so the
/// afternoon rule of bare hours holds.
pub fn bare_time(words: &Words) -> Option<TimeMatch> {
    let n = words.norms();
    if n.is_empty() || n.len() > 7 {
        return None;
    }
    let led: Vec<&str> = ["a", "las"].into_iter().chain(n.iter().copied()).collect();
    time::find_times(&led)
        .into_iter()
        .find(|m| m.from <= 2 && led[m.to..].iter().all(|w| TAKES_IT.contains(w)))
        .map(|m| TimeMatch {
            from: 0,
            to: n.len(),
            value: m.value,
            until: m.until,
        })
}

/// A message that is only a day of the month ("15", "15 porfa" is not), answering "¿para
/// qué día?": read as if it said "el 15".
pub fn bare_date(words: &Words) -> Option<DateMatch> {
    let n = words.norms();
    if n.len() != 1 || n[0].len() > 2 || !n[0].chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let led = ["el", n[0]];
    date::find_dates(&led)
        .into_iter()
        .find(|m| m.from <= 1 && m.to == 2)
        .map(|m| DateMatch {
            from: 0,
            to: 1,
            ..m
        })
}

/// A weekday name or abbreviation.
pub fn weekday_of(w: &str) -> Option<Weekday> {
    lexicon::weekday(w).map(|(wd, _)| wd)
}

/// A month name or abbreviation.
pub fn month_of(w: &str) -> Option<u32> {
    lexicon::month(w)
}

/// The meaning of a date span (the first date expression in it).
pub fn parse_date(span: &str) -> Option<DateExpr> {
    let words = Words::new(span);
    let n = words.norms();
    if let Some(m) = date::find_dates(&n).first() {
        return Some(m.expr);
    }
    // A span cut without its lead ("una semana", "3 días" from "en una semana").
    let with_lead: Vec<&str> = std::iter::once("en").chain(n.iter().copied()).collect();
    date::find_dates(&with_lead)
        .first()
        .filter(|m| matches!(m.expr, DateExpr::InDays(_)))
        .map(|m| m.expr)
}

/// Resolves a date span (as written) to a calendar date, relative to `today`. `None` for
/// expressions too vague to book on ("la semana que viene").
pub fn resolve_date(span: &str, today: NaiveDate) -> Option<NaiveDate> {
    // A bare day number ("15", answering "¿para qué día?") reads as "el 15"; a bare "pasado"
    // was read from "mañana no, pasado" and is the day after tomorrow.
    let expr = parse_date(span).or_else(|| {
        let t = span.trim();
        if crate::text::fold_compare(t) == "pasado" {
            return parse_date("pasado mañana");
        }
        (!t.is_empty() && t.len() <= 2 && t.chars().all(|c| c.is_ascii_digit()))
            .then(|| parse_date(&format!("el {t}")))
            .flatten()
    })?;
    resolve(expr, today)
}

/// Where to start looking for free times when the customer names a span too vague to book
/// on: "esta semana" from today, "la semana que viene" from its Monday, "a fin de mes" from
/// six days before the month's last day (never before today). `None` for anything else.
pub fn search_from(span: &str, today: NaiveDate) -> Option<NaiveDate> {
    let words = Words::new(span);
    let n = words.norms();
    let m = date::find_dates(&n)
        .into_iter()
        .find(|m| m.expr == DateExpr::Vague && !m.excluded)?;
    let said = &n[m.from..m.to];
    // "la semana del 4 de enero", "a principios de enero", "en enero".
    if let Some(first) = month_span::first_day(said, today) {
        return Some(first);
    }
    let start = if said.contains(&"mes") {
        let (y, mo) = next_month(today.year(), today.month());
        NaiveDate::from_ymd_opt(y, mo, 1)? - Duration::days(7)
    } else if said.contains(&"esta") {
        today
    } else {
        in_week_of(today, Weekday::Mon) + Duration::days(7)
    };
    Some(start.max(today))
}

/// The `wd` of the week (Monday to Sunday) that `day` is in.
pub fn in_week_of(day: NaiveDate, wd: Weekday) -> NaiveDate {
    let from_monday = |d: Weekday| i64::from(d.num_days_from_monday());
    day + Duration::days(from_monday(wd) - from_monday(day.weekday()))
}

/// Whether a span names a coming week without its day ("la semana que viene", "a la otra
/// semana", "next week", "semana que vem"); not "el fin de semana que viene", which is a day.
pub fn names_a_coming_week(span: &str) -> bool {
    let words = Words::new(span);
    let n = words.norms();
    date::find_dates(&n)
        .iter()
        .any(|m| m.expr == DateExpr::Vague && !m.excluded && date::is_next_week(&n, m))
}

/// "corte jueves 11" when no Thursday the 11th is near (within a month) and the message
/// gives no time: the number is the hour of the coming Thursday ("jueves 5": 17:00, as a
/// bare hour from 1 to 8 is the afternoon).
pub fn weekday_hour(span: &str, today: NaiveDate) -> Option<(NaiveDate, chrono::NaiveTime)> {
    let DateExpr::WeekdayDay(wd, d) = parse_date(span)? else {
        return None;
    };
    // "jueves día 14" says the number is a day.
    if Words::new(span)
        .norms()
        .iter()
        .any(|w| matches!(*w, "dia" | "day"))
    {
        return None;
    }
    let as_date =
        numbered_weekday(today, wd, d, 100).or_else(|| resolve(DateExpr::DayOfMonth(d), today))?;
    if !(1..=21).contains(&d) || (as_date - today).num_days() <= 31 {
        return None;
    }
    let hour = if d <= 8 { d + 12 } else { d };
    Some((
        next_weekday(today, wd, false),
        chrono::NaiveTime::from_hms_opt(hour, 0, 0)?,
    ))
}

/// The next `wd` on or after `today` when `include_today`, otherwise strictly after.
pub fn next_weekday(today: NaiveDate, wd: Weekday, include_today: bool) -> NaiveDate {
    let cur = i64::from(today.weekday().num_days_from_monday());
    let target = i64::from(wd.num_days_from_monday());
    let mut diff = (target - cur).rem_euclid(7);
    if diff == 0 && !include_today {
        diff = 7;
    }
    today + Duration::days(diff)
}

/// What an expression means on a given day.
pub fn resolve(expr: DateExpr, today: NaiveDate) -> Option<NaiveDate> {
    match expr {
        DateExpr::InDays(d) => Some(today + Duration::days(i64::from(d))),
        DateExpr::Weekday(wd, WeekdayMode::Next) => Some(next_weekday(today, wd, false)),
        DateExpr::Weekday(wd, WeekdayMode::This) => Some(next_weekday(today, wd, true)),
        DateExpr::Weekday(wd, WeekdayMode::Following(this)) => {
            Some(next_weekday(today, wd, this) + Duration::days(7))
        }
        DateExpr::Weekday(wd, WeekdayMode::NextWeek) => {
            Some(in_week_of(today, wd) + Duration::days(7))
        }
        DateExpr::Weekend => Some(next_weekday(today, Weekday::Sat, true)),
        DateExpr::NthWeekday {
            nth,
            weekday,
            month,
        } => (0..=1).find_map(|k| {
            let date = nth::nth_weekday(today.year() + k, month, weekday, nth)?;
            (date >= today).then_some(date)
        }),
        DateExpr::DayOfMonth(d) => {
            // This month when the day is still ahead, otherwise the next month that has it.
            let (mut y, mut m) = (today.year(), today.month());
            if d < today.day() {
                (y, m) = next_month(y, m);
            }
            for _ in 0..3 {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Some(date);
                }
                (y, m) = next_month(y, m);
            }
            None
        }
        DateExpr::DayMonth { day, month, year } => match year {
            Some(y) => NaiveDate::from_ymd_opt(y, month, day),
            None => {
                let this = NaiveDate::from_ymd_opt(today.year(), month, day);
                match this {
                    Some(d) if d >= today => Some(d),
                    _ => {
                        (1..=4).find_map(|k| NaiveDate::from_ymd_opt(today.year() + k, month, day))
                    }
                }
            }
        },
        // The next day numbered `d` that is a `wd`, within about six weeks; else the next `d`
        // (the number is what people check on a calendar; the reply says the weekday is
        // another).
        DateExpr::WeekdayDay(wd, d) => {
            numbered_weekday(today, wd, d, 45).or_else(|| resolve(DateExpr::DayOfMonth(d), today))
        }
        DateExpr::Vague => None,
    }
}

/// The first day numbered `d` that is a `wd`, from `today` on, within `days`.
fn numbered_weekday(today: NaiveDate, wd: Weekday, d: u32, days: i64) -> Option<NaiveDate> {
    (0..days)
        .map(|k| today + Duration::days(k))
        .find(|date| date.day() == d && date.weekday() == wd)
}

fn next_month(y: i32, m: u32) -> (i32, u32) {
    if m == 12 {
        (y + 1, 1)
    } else {
        (y, m + 1)
    }
}

#[cfg(test)]
mod tests;
