//! An ordinal weekday of a month: "el primer sábado de enero", "el último viernes de
//! diciembre", "the first friday of january".

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::date::{extend_left, DateExpr, DateMatch};
use super::lexicon::month;

/// "primer", "segunda", "third", "4ta": its place (0 for "último", "last").
pub(super) fn ordinal(w: &str) -> Option<u32> {
    Some(match w {
        "primer" | "primero" | "primera" | "first" | "primeiro" | "primeira" | "1er" | "1ro"
        | "1ra" | "1st" => 1,
        "segundo" | "segunda" | "second" | "2do" | "2da" | "2nd" => 2,
        "tercer" | "tercero" | "tercera" | "third" | "terceiro" | "terceira" | "3er" | "3ro"
        | "3ra" | "3rd" => 3,
        "cuarto" | "cuarta" | "fourth" | "quarto" | "quarta" | "4to" | "4ta" | "4th" => 4,
        "ultimo" | "ultima" | "last" => 0,
        _ => return None,
    })
}

/// "de", "del", "of", "do", "da": what joins a day or a week to its month.
pub(super) fn of(w: Option<&str>) -> bool {
    matches!(w, Some("de" | "del" | "of" | "do" | "da"))
}

/// "el primer sábado de enero", "el segundo martes de marzo", "el último viernes del mes
/// de diciembre", "the first friday of january": an ordinal before the weekday, a month
/// after it.
pub(super) fn nth_weekday_of_month(n: &[&str], i: usize, wd: Weekday) -> Option<DateMatch> {
    let nth = ordinal(i.checked_sub(1).map(|j| n[j])?)?;
    let mut k = i + 1;
    if !of(n.get(k).copied()) {
        return None;
    }
    k += 1;
    // "del mes de enero"
    if n.get(k) == Some(&"mes") && n.get(k + 1) == Some(&"de") {
        k += 2;
    }
    let month = n.get(k).and_then(|x| month(x))?;
    let from = extend_left(n, i - 1);
    Some(DateMatch {
        from,
        to: k + 1,
        expr: DateExpr::NthWeekday {
            nth,
            weekday: wd,
            month,
        },
        excluded: false,
    })
}

/// The `nth` `weekday` of a month (`nth` 0: the last).
pub(super) fn nth_weekday(year: i32, month: u32, weekday: Weekday, nth: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let days: Vec<NaiveDate> = (0..31)
        .map(|d| first + Duration::days(d))
        .take_while(|d| d.month() == month)
        .filter(|d| d.weekday() == weekday)
        .collect();
    match nth {
        0 => days.last().copied(),
        n => days.get(n as usize - 1).copied(),
    }
}
