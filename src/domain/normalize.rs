//! Deterministic normalizers: surface expressions → canonical values.
//!
//! "5pm" → `17:00`, "el viernes" → the ISO date of the next Friday in the business's time
//! zone, "+54 9 11 5555-1234" → `5491155551234`. Both routes use the same functions, so
//! the model only ever has to point at the customer's words; what they mean is decided here.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};

use crate::text::{fold, Words};

/// A time expression found in a message: word range and its 24 h value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeMatch {
    pub from: usize,
    pub to: usize,
    pub value: NaiveTime,
}

/// A date expression found in a message: word range (article included, preposition not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMatch {
    pub from: usize,
    pub to: usize,
}

pub fn format_time(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// Parses a canonical `HH:MM`.
pub fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

const TIME_LEADS: &[&str] = &["las", "la", "tipo", "desde", "x", "eso", "aprox"];

fn hour_word(w: &str) -> Option<u32> {
    Some(match w {
        "una" | "uno" | "one" => 1,
        "dos" | "two" => 2,
        "tres" | "three" => 3,
        "cuatro" | "four" => 4,
        "cinco" | "five" => 5,
        "seis" | "six" => 6,
        "siete" | "seven" => 7,
        "ocho" | "eight" => 8,
        "nueve" | "nine" => 9,
        "diez" | "ten" => 10,
        "once" | "eleven" => 11,
        "doce" | "twelve" => 12,
        _ => return None,
    })
}

fn hour_token(w: &str) -> Option<(u32, u32, Option<bool>)> {
    // Returns (hour, minute, pm?) for one token: "17", "17:30", "17.30", "17hs", "5pm", "9am", "17h".
    let mut s = w;
    let mut pm = None;
    for (suffix, is_pm) in [
        ("pm", Some(true)),
        ("p.m", Some(true)),
        ("am", Some(false)),
        ("a.m", Some(false)),
        ("hrs", None),
        ("hs", None),
        ("hr", None),
        ("h", None),
    ] {
        if let Some(stripped) = s.strip_suffix(suffix) {
            if !stripped.is_empty() && stripped.chars().last().is_some_and(|c| c.is_ascii_digit()) {
                s = stripped;
                pm = is_pm;
                break;
            }
        }
    }
    let (h, m) = match s.find([':', '.']) {
        Some(i) => {
            let (h, m) = (&s[..i], &s[i + 1..]);
            if m.len() != 2 {
                return None;
            }
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
    Some((h, m, pm))
}

fn has_unit_suffix(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    w.contains(':')
        || (w.contains('.') && w.chars().filter(|c| c.is_ascii_digit()).count() >= 3)
        || ["pm", "am", "hs", "hrs", "h", "hr"]
            .iter()
            .any(|s| w.ends_with(s) && w.len() > s.len())
}

/// Finds every time expression in the message, in order.
pub fn find_times(words: &Words) -> Vec<TimeMatch> {
    let n = words.norms();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n.len() {
        if let Some(m) = time_at(&n, i) {
            out.push(m);
            i = m.to;
        } else {
            i += 1;
        }
    }
    out
}

fn time_at(n: &[&str], i: usize) -> Option<TimeMatch> {
    let w = n[i];
    if w == "mediodia" {
        let from = if i > 0 && n[i - 1] == "al" { i - 1 } else { i };
        return Some(TimeMatch {
            from,
            to: i + 1,
            value: NaiveTime::from_hms_opt(12, 0, 0)?,
        });
    }
    // "a las diez", "a la una", "at four": number words count after a time lead.
    let led = i > 0 && (TIME_LEADS.contains(&n[i - 1]) || n[i - 1] == "at");
    let (mut h, mut m, mut pm) = match hour_token(w) {
        Some(t) => t,
        None if led && matches!(n[i - 1], "las" | "la" | "at" | "tipo") => (hour_word(w)?, 0, None),
        None => return None,
    };
    let led_by_a =
        i > 0 && n[i - 1] == "a" && i + 1 < n.len() && matches!(n[i + 1], "hs" | "pm" | "am");
    let mut to = i + 1;
    let mut unit = has_unit_suffix(w);
    // "5 pm", "17 hs"
    // "3 horas" is a duration, not a time.
    if to < n.len() && n[to] == "horas" && !led {
        return None;
    }
    if to < n.len() && matches!(n[to], "pm" | "am" | "hs" | "hrs" | "h" | "hr") {
        if n[to] == "pm" {
            pm = Some(true);
        } else if n[to] == "am" {
            pm = Some(false);
        }
        unit = true;
        to += 1;
    }
    // "5 y media", "5 y cuarto", "5 menos cuarto"
    if to + 1 < n.len() && n[to] == "y" && matches!(n[to + 1], "media" | "cuarto" | "pico") {
        m = match n[to + 1] {
            "media" => 30,
            "cuarto" => 15,
            _ => 0,
        };
        unit = true;
        to += 2;
    } else if to + 1 < n.len() && n[to] == "menos" && n[to + 1] == "cuarto" && h > 0 {
        h -= 1;
        m = 45;
        unit = true;
        to += 2;
    }
    // "de la tarde/noche/mañana"
    if to + 2 < n.len() + 1
        && to + 1 < n.len()
        && n[to] == "de"
        && n[to + 1] == "la"
        && to + 2 < n.len()
    {
        match n[to + 2] {
            "tarde" | "noche" => {
                pm = Some(true);
                unit = true;
                to += 3;
            }
            "manana" => {
                pm = Some(false);
                unit = true;
                to += 3;
            }
            _ => {}
        }
    }
    if !(led || led_by_a || unit) {
        return None;
    }
    // A number that is obviously a quantity or a day ("el 12", "12 de diciembre") is not a time.
    if !unit && i > 0 && matches!(n[i - 1], "el" | "dia") {
        return None;
    }
    if to < n.len() && n[to] == "de" && to + 1 < n.len() && month_of(n[to + 1]).is_some() {
        return None;
    }
    match pm {
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        None if (1..=8).contains(&h) && !w.contains(':') && !w.contains('.') => h += 12,
        None if (1..=8).contains(&h) => h += 12,
        _ => {}
    }
    if h == 24 {
        h = 0;
    }
    let mut from = i;
    // Include the lead words in the span ("a las 5", "tipo 16").
    while from > 0 && (TIME_LEADS.contains(&n[from - 1]) || n[from - 1] == "a") && i - from < 4 {
        from -= 1;
    }
    Some(TimeMatch {
        from,
        to,
        value: NaiveTime::from_hms_opt(h, m, 0)?,
    })
}

pub fn weekday_of(w: &str) -> Option<Weekday> {
    Some(match w {
        "lunes" | "lun" => Weekday::Mon,
        "martes" | "mar" => Weekday::Tue,
        "miercoles" | "mier" | "mie" | "miercole" | "mirecoles" | "miercols" => Weekday::Wed,
        "jueves" | "jue" | "juev" => Weekday::Thu,
        "viernes" | "vie" | "viern" | "vienes" => Weekday::Fri,
        "sabado" | "sab" | "sabados" | "sabdo" => Weekday::Sat,
        "domingo" | "dom" | "domingos" => Weekday::Sun,
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

pub fn month_of(w: &str) -> Option<u32> {
    Some(match w {
        "enero" | "ene" => 1,
        "febrero" | "feb" => 2,
        "marzo" => 3,
        "abril" | "abr" => 4,
        "mayo" => 5,
        "junio" | "jun" => 6,
        "julio" | "jul" => 7,
        "agosto" | "ago" => 8,
        "septiembre" | "setiembre" | "sept" | "sep" | "set" => 9,
        "octubre" | "oct" => 10,
        "noviembre" | "nov" => 11,
        "diciembre" | "dic" => 12,
        _ => return None,
    })
}

fn is_tomorrow(w: &str) -> bool {
    matches!(
        w,
        "manana" | "mñn" | "mnn" | "mn" | "maniana" | "tomorrow" | "mñana" | "amanha"
    )
}

fn numeric_date(w: &str) -> Option<(u32, u32, Option<i32>)> {
    let parts: Vec<&str> = w.split(['/', '-']).collect();
    if parts.len() < 2 || parts.len() > 3 || w.contains(':') {
        return None;
    }
    let d: u32 = parts[0].parse().ok()?;
    let m: u32 = parts[1].parse().ok()?;
    let y = match parts.get(2) {
        Some(y) => {
            let y: i32 = y.parse().ok()?;
            Some(if y < 100 { 2000 + y } else { y })
        }
        None => None,
    };
    if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
        return None;
    }
    Some((d, m, y))
}

const DATE_DETERMINERS: &[&str] = &[
    "el", "la", "este", "esta", "proximo", "proxima", "otro", "dia",
];

/// Finds every date expression in the message, in order.
pub fn find_dates(words: &Words) -> Vec<DateMatch> {
    let n = words.norms();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n.len() {
        if let Some((from, to)) = date_at(&n, i) {
            out.push(DateMatch { from, to });
            i = to;
        } else {
            i += 1;
        }
    }
    out
}

fn extend_left(n: &[&str], mut from: usize) -> usize {
    // "el próximo viernes", "este sábado", "el día 12"
    let mut steps = 0;
    while from > 0 && DATE_DETERMINERS.contains(&n[from - 1]) && steps < 2 {
        // "la" only leads "la semana"; "dia" only after "el".
        if n[from - 1] == "dia" && !(from >= 2 && n[from - 2] == "el") {
            break;
        }
        from -= 1;
        steps += 1;
    }
    from
}

fn date_at(n: &[&str], i: usize) -> Option<(usize, usize)> {
    let w = n[i];
    if w == "hoy" || w == "today" {
        return Some((i, i + 1));
    }
    if w == "pasado" && i + 1 < n.len() && is_tomorrow(n[i + 1]) {
        return Some((i, i + 2));
    }
    if is_tomorrow(w) {
        // "de/a/por la mañana" is a time of day, not tomorrow.
        if i > 0 && n[i - 1] == "la" {
            return None;
        }
        return Some((i, i + 1));
    }
    if w == "semana" && i > 0 && n[i - 1] == "esta" {
        return Some((i - 1, i + 1));
    }
    if w == "week" && i > 0 && matches!(n[i - 1], "next" | "this") {
        return Some((i - 1, i + 1));
    }
    if matches!(w, "semana" | "finde" | "fin") {
        if w == "semana" && i + 2 < n.len() + 1 && i + 2 <= n.len() {
            let next_week = (i + 2 < n.len() + 1
                && n.get(i + 1) == Some(&"que")
                && n.get(i + 2) == Some(&"viene"))
                || n.get(i + 1) == Some(&"proxima")
                || (i > 0 && n[i - 1] == "proxima");
            if next_week {
                let mut from = i;
                if from > 0 && n[from - 1] == "proxima" {
                    from -= 1;
                }
                if from > 0 && n[from - 1] == "la" {
                    from -= 1;
                }
                let to = if n.get(i + 1) == Some(&"que") {
                    i + 3
                } else if n.get(i + 1) == Some(&"proxima") {
                    i + 2
                } else {
                    i + 1
                };
                return Some((from, to));
            }
            return None;
        }
        if w == "finde" {
            let from = if i > 0 && matches!(n[i - 1], "el" | "este") {
                i - 1
            } else {
                i
            };
            return Some((from, i + 1));
        }
        if w == "fin" && n.get(i + 1) == Some(&"de") && n.get(i + 2) == Some(&"semana") {
            let from = if i > 0 && matches!(n[i - 1], "el" | "este") {
                i - 1
            } else {
                i
            };
            return Some((from, i + 3));
        }
        return None;
    }
    if weekday_of(w).is_some() {
        // "los sábados", "domingos": a recurring day, not a date.
        if (i > 0 && n[i - 1] == "los") || matches!(w, "sabados" | "domingos") {
            return None;
        }
        // "mar" and "dom" are too ambiguous alone; accept only full names or after "el".
        if matches!(w, "mar" | "dom" | "sab" | "lun" | "jue" | "vie" | "mie")
            && !(i > 0 && matches!(n[i - 1], "el" | "este" | "proximo"))
        {
            return None;
        }
        let mut from = extend_left(n, i);
        if from == i && i > 0 && matches!(n[i - 1], "next" | "this") {
            from = i - 1;
        }
        let mut to = i + 1;
        // "el jueves 5", "el jueves 5/12", "el viernes 12 de diciembre"
        if to < n.len() {
            if let Ok(d) = n[to].parse::<u32>() {
                if (1..=31).contains(&d)
                    && !(to + 1 < n.len() && matches!(n[to + 1], "hs" | "pm" | "am" | "y"))
                {
                    to += 1;
                    if to + 1 < n.len() && n[to] == "de" && month_of(n[to + 1]).is_some() {
                        to += 2;
                    }
                }
            } else if numeric_date(n[to]).is_some() {
                to += 1;
            }
        }
        // "el viernes que viene", "el lunes próximo"
        if to + 1 < n.len() && matches!(n[to], "que" | "q") && n[to + 1] == "viene" {
            to += 2;
        } else if to < n.len() && matches!(n[to], "proximo" | "proxima") {
            to += 1;
        }
        return Some((from, to));
    }
    if numeric_date(w).is_some() {
        return Some((extend_left(n, i), i + 1));
    }
    if let Ok(d) = w.parse::<u32>() {
        if (1..=31).contains(&d) {
            // "3 de diciembre", "3 dic"
            if i + 2 < n.len() && n[i + 1] == "de" && month_of(n[i + 2]).is_some() {
                return Some((extend_left(n, i), i + 3));
            }
            if i + 1 < n.len() && month_of(n[i + 1]).is_some() && n[i + 1].len() >= 3 {
                return Some((extend_left(n, i), i + 2));
            }
            // "el 12", "el día 12" (day of month)
            if i > 0 && (n[i - 1] == "el" || (n[i - 1] == "dia" && i > 1 && n[i - 2] == "el")) {
                let next_is_time =
                    i + 1 < n.len() && matches!(n[i + 1], "hs" | "pm" | "am" | "y" | "horas");
                if !next_is_time {
                    return Some((extend_left(n, i), i + 1));
                }
            }
        }
    }
    None
}

/// Resolves a date expression (as written) to a calendar date, relative to `today`.
/// `None` for expressions too vague to book on ("la semana que viene").
pub fn resolve_date(expr: &str, today: NaiveDate) -> Option<NaiveDate> {
    let words = Words::new(expr);
    let n = words.norms();
    if n.is_empty() {
        return None;
    }
    let has = |w: &str| n.contains(&w);
    if has("hoy") || has("today") {
        return Some(today);
    }
    if has("pasado") && n.iter().any(|w| is_tomorrow(w)) {
        return Some(today + Duration::days(2));
    }
    if n.iter().any(|w| is_tomorrow(w)) {
        return Some(today + Duration::days(1));
    }
    if has("finde") || (has("fin") && has("semana")) {
        return Some(next_weekday(today, Weekday::Sat, true));
    }
    if has("semana") {
        return None;
    }
    // Explicit day + month: "12/12", "3 de diciembre", "el jueves 5/12".
    for (k, w) in n.iter().enumerate() {
        if let Some((d, m, y)) = numeric_date(w) {
            return date_in_future(today, d, m, y);
        }
        if let Ok(d) = w.parse::<u32>() {
            let month = n
                .get(k + 1)
                .and_then(|x| month_of(x))
                .or_else(|| n.get(k + 2).and_then(|x| month_of(x)));
            if let Some(m) = month {
                return date_in_future(today, d, m, None);
            }
        }
    }
    let weekday = n.iter().find_map(|w| weekday_of(w));
    let day_num = n
        .iter()
        .find_map(|w| w.parse::<u32>().ok().filter(|d| (1..=31).contains(d)));
    match (weekday, day_num) {
        (Some(wd), Some(d)) => {
            // "el jueves 5": the next day numbered 5 that is a Thursday, within a few months.
            let mut date = today;
            for _ in 0..400 {
                if date.day() == d && date.weekday() == wd {
                    return Some(date);
                }
                date += Duration::days(1);
            }
            None
        }
        (Some(wd), None) => {
            let next = has("proximo") || has("proxima") || has("viene");
            let this = has("este") || has("esta");
            if next && today.weekday() == wd {
                return Some(today + Duration::days(7));
            }
            Some(next_weekday(today, wd, this))
        }
        (None, Some(d)) => {
            // "el 12": day of this month, or of the next when it has passed.
            let mut y = today.year();
            let mut m = today.month();
            if d < today.day() {
                m += 1;
                if m == 13 {
                    m = 1;
                    y += 1;
                }
            }
            NaiveDate::from_ymd_opt(y, m, d)
        }
        (None, None) => None,
    }
}

/// The next `wd` on or after today when `include_today`, otherwise strictly after today.
fn next_weekday(today: NaiveDate, wd: Weekday, include_today: bool) -> NaiveDate {
    let cur = today.weekday().num_days_from_monday() as i64;
    let target = wd.num_days_from_monday() as i64;
    let mut diff = (target - cur).rem_euclid(7);
    if diff == 0 && !include_today {
        diff = 7;
    }
    today + Duration::days(diff)
}

fn date_in_future(today: NaiveDate, d: u32, m: u32, y: Option<i32>) -> Option<NaiveDate> {
    if let Some(y) = y {
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    let this_year = NaiveDate::from_ymd_opt(today.year(), m, d);
    match this_year {
        Some(date) if date >= today => Some(date),
        _ => NaiveDate::from_ymd_opt(today.year() + 1, m, d),
    }
}

/// Keeps only digits: "+54 9 11 5555-1234" → "5491155551234".
pub fn normalize_phone(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// "bk 4821", "bk4821", "Bk-4821" → "BK-4821".
pub fn normalize_booking_id(s: &str) -> Option<String> {
    let f = fold(s);
    let digits: String = f.chars().filter(|c| c.is_ascii_digit()).collect();
    let letters: String = f.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    if letters == "bk" && (3..=8).contains(&digits.len()) {
        Some(format!("BK-{digits}"))
    } else {
        None
    }
}

/// Spanish weekday name, for replies.
pub fn weekday_es(wd: Weekday) -> &'static str {
    match wd {
        Weekday::Mon => "lunes",
        Weekday::Tue => "martes",
        Weekday::Wed => "miércoles",
        Weekday::Thu => "jueves",
        Weekday::Fri => "viernes",
        Weekday::Sat => "sábado",
        Weekday::Sun => "domingo",
    }
}

pub fn month_es(m: u32) -> &'static str {
    [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ]
    .get(m.saturating_sub(1) as usize)
    .copied()
    .unwrap_or("")
}

/// "viernes 27 de noviembre".
pub fn date_es(d: NaiveDate) -> String {
    format!(
        "{} {} de {}",
        weekday_es(d.weekday()),
        d.day(),
        month_es(d.month())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn time_of(s: &str) -> Option<String> {
        let w = Words::new(s);
        find_times(&w).first().map(|m| format_time(m.value))
    }

    fn date_span(s: &str) -> Option<String> {
        let w = Words::new(s);
        find_dates(&w).first().map(|m| w.span(m.from, m.to))
    }

    #[rstest]
    #[case("a las 5", Some("17:00"))]
    #[case("tipo 16", Some("16:00"))]
    #[case("5pm", Some("17:00"))]
    #[case("18hs", Some("18:00"))]
    #[case("18 hs", Some("18:00"))]
    #[case("9 y media", Some("09:30"))]
    #[case("a las 5 y cuarto", Some("17:15"))]
    #[case("10:30", Some("10:30"))]
    #[case("16.30", Some("16:30"))]
    #[case("a las 10 de la mañana", Some("10:00"))]
    #[case("a las 8 de la noche", Some("20:00"))]
    #[case("al mediodía", Some("12:00"))]
    #[case("a eso de las 3", Some("15:00"))]
    #[case("tengo 35 años", None)]
    #[case("el 12 de diciembre", None)]
    #[case("sale $18.000?", None)]
    fn times(#[case] text: &str, #[case] want: Option<&str>) {
        assert_eq!(time_of(text).as_deref(), want, "{text}");
    }

    #[rstest]
    #[case("quiero turno mañana a la tarde", Some("mañana"))]
    #[case("para el viernes", Some("el viernes"))]
    #[case("este sábado se puede?", Some("este sábado"))]
    #[case("el 12/12", Some("el 12/12"))]
    #[case("12/12 a las 5", Some("12/12"))]
    #[case("para el 3 de diciembre", Some("el 3 de diciembre"))]
    #[case("pasado mañana", Some("pasado mañana"))]
    #[case("la semana que viene", Some("la semana que viene"))]
    #[case("el jueves 5 a las 4", Some("el jueves 5"))]
    #[case("el lunes que viene", Some("el lunes que viene"))]
    #[case("a la mañana temprano", None)]
    #[case("hoy?", Some("hoy"))]
    fn dates(#[case] text: &str, #[case] want: Option<&str>) {
        assert_eq!(date_span(text).as_deref(), want, "{text}");
    }

    #[test]
    fn resolves_relative_dates() {
        // Wednesday 2026-11-25
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let d = |s: &str| resolve_date(s, today).map(|d| d.to_string());
        assert_eq!(d("mañana").as_deref(), Some("2026-11-26"));
        assert_eq!(d("pasado mañana").as_deref(), Some("2026-11-27"));
        assert_eq!(d("el viernes").as_deref(), Some("2026-11-27"));
        assert_eq!(d("el miércoles").as_deref(), Some("2026-12-02"));
        assert_eq!(d("este miércoles").as_deref(), Some("2026-11-25"));
        assert_eq!(d("el 12/12").as_deref(), Some("2026-12-12"));
        assert_eq!(d("3 de diciembre").as_deref(), Some("2026-12-03"));
        assert_eq!(d("el 2/1").as_deref(), Some("2027-01-02"));
        assert_eq!(d("el jueves 3").as_deref(), Some("2026-12-03"));
        assert_eq!(d("el 28").as_deref(), Some("2026-11-28"));
        assert_eq!(d("el 5").as_deref(), Some("2026-12-05"));
        assert_eq!(d("la semana que viene"), None);
        assert_eq!(d("el finde").as_deref(), Some("2026-11-28"));
    }

    #[test]
    fn phones_and_ids() {
        assert_eq!(normalize_phone("+54 9 11 5555-1234"), "5491155551234");
        assert_eq!(normalize_booking_id("bk 4821").as_deref(), Some("BK-4821"));
        assert_eq!(normalize_booking_id("BK4821").as_deref(), Some("BK-4821"));
        assert_eq!(normalize_booking_id("hola"), None);
    }

    proptest::proptest! {
        #[test]
        fn normalizers_never_panic(s in "\\PC{0,60}") {
            let w = Words::new(&s);
            let _ = find_times(&w);
            let _ = find_dates(&w);
            let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
            let _ = resolve_date(&s, today);
            let _ = normalize_booking_id(&s);
        }

        #[test]
        fn phone_normalization_is_digits_only(s in "[+0-9 ()-]{0,30}") {
            let p = normalize_phone(&s);
            proptest::prop_assert!(p.chars().all(|c| c.is_ascii_digit()));
        }
    }
}
