//! Spans of a month too wide to book on, searched from their first day: "la semana del 4 de
//! enero", "la primera semana de enero", "a principios / mediados / fin de enero", "the
//! first week of january". ("En enero" alone is no wish: "me caso en marzo", "la última vez,
//! en mayo".)

use chrono::{Datelike, Duration, NaiveDate};

use super::date::{extend_left, DateExpr, DateMatch};
use super::lexicon::month;
use super::nth::{of as joins, ordinal};

/// Where such a span starts in the message at `i`, as a vague date (its day is searched).
pub(super) fn at(n: &[&str], i: usize) -> Option<DateMatch> {
    let (to, ..) = read_at(n, i)?;
    Some(DateMatch {
        from: extend_left(n, i),
        to,
        expr: DateExpr::Vague,
        excluded: false,
    })
}

/// The first day of the first such span in the words (never before today), or `None` when
/// they hold none. The month is the coming one of that name (this one included).
pub(super) fn first_day(n: &[&str], today: NaiveDate) -> Option<NaiveDate> {
    let (_, kind, mo, day) = (0..n.len()).find_map(|i| read_at(n, i))?;
    let year = if mo >= today.month() {
        today.year()
    } else {
        today.year() + 1
    };
    let first = NaiveDate::from_ymd_opt(year, mo, 1)?;
    let next = NaiveDate::from_ymd_opt(year + i32::from(mo == 12), mo % 12 + 1, 1)?;
    let last = next - Duration::days(1);
    let start = match kind {
        // From that week's Monday.
        Kind::WeekOf => {
            let d = NaiveDate::from_ymd_opt(year, mo, day)?;
            d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
        }
        Kind::NthWeek(0) | Kind::Late => last - Duration::days(6),
        Kind::NthWeek(k) => first + Duration::days(7 * i64::from(k - 1)),
        Kind::Early => first,
        Kind::Middle => first + Duration::days(11),
    };
    Some(start.max(today))
}

#[derive(Clone, Copy)]
enum Kind {
    /// "la semana del 4 (de enero)"
    WeekOf,
    /// "la primera (segunda, …; 0: última) semana de enero"
    NthWeek(u32),
    Early,
    Middle,
    Late,
}

/// (end, kind, month, day) of a span starting at `i`.
fn read_at(n: &[&str], i: usize) -> Option<(usize, Kind, u32, u32)> {
    let w = |k: usize| n.get(k).copied();
    let of = |k: usize| joins(w(k));
    let month_at = |k: usize| w(k).and_then(month);
    // "la primera (…, última) semana de enero"
    if let Some(k) = ordinal(w(i)?) {
        let week = matches!(w(i + 1), Some("semana" | "week")) && of(i + 2);
        let mo = month_at(i + 3).filter(|_| week)?;
        return Some((i + 4, Kind::NthWeek(k), mo, 1));
    }
    match w(i)? {
        // "la semana del 4 de enero"
        "semana" | "week" if of(i + 1) => {
            let day: u32 = w(i + 2)?.parse().ok().filter(|d| (1..=31).contains(d))?;
            let mo = month_at(i + 4).filter(|_| of(i + 3))?;
            Some((i + 5, Kind::WeekOf, mo, day))
        }
        "principios" | "comienzos" | "inicios" | "principio" | "comienzo" | "inicio"
            if of(i + 1) =>
        {
            Some((i + 3, Kind::Early, month_at(i + 2)?, 1))
        }
        "mediados" | "mitad" if of(i + 1) => Some((i + 3, Kind::Middle, month_at(i + 2)?, 1)),
        "fines" | "finales" | "fin" | "final" if of(i + 1) => {
            Some((i + 3, Kind::Late, month_at(i + 2)?, 1))
        }
        _ => None,
    }
}
