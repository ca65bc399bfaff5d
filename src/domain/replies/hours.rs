//! Opening hours as the customer reads them, and why a day is closed.

use chrono::NaiveDate;

use crate::domain::catalog::Workspace;
use crate::domain::normalize::format_time as hhmm;
use crate::domain::replies::{join, raw, t, weekday, weekday_plural, Lang};

pub fn range_text(l: Lang, a: &str, b: &str) -> String {
    t(l, "hours_range", &[("a", a), ("b", b)])
}

pub fn hours_text(ws: &Workspace, l: Lang) -> String {
    use chrono::Weekday::*;
    let mut groups: Vec<(Vec<chrono::Weekday>, String)> = Vec::new();
    for wd in [Mon, Tue, Wed, Thu, Fri, Sat, Sun] {
        let ranges = ws.hours_on(wd);
        if ranges.is_empty() {
            continue;
        }
        let text = ranges
            .iter()
            .map(|(a, b)| range_text(l, &hhmm(*a), &hhmm(*b)))
            .collect::<Vec<_>>()
            .join(raw(l, "hours_range_join"));
        match groups.last_mut() {
            Some((days, t)) if *t == text && days.last().map(|d| d.succ()) == Some(wd) => {
                days.push(wd)
            }
            _ => groups.push((vec![wd], text)),
        }
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(days, ranges)| {
            if days.len() == 1 {
                t(
                    l,
                    "hours_single",
                    &[("plural", weekday_plural(l, days[0])), ("ranges", ranges)],
                )
            } else {
                t(
                    l,
                    "hours_span",
                    &[
                        ("first", weekday(l, days[0])),
                        ("last", weekday(l, *days.last().unwrap_or(&days[0]))),
                        ("ranges", ranges),
                    ],
                )
            }
        })
        .collect();
    let closed: Vec<String> = [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
        .into_iter()
        .filter(|d| ws.hours_on(*d).is_empty())
        .map(|d| weekday_plural(l, d).to_string())
        .collect();
    let mut s = t(l, "hours", &[("list", &join(l, &parts))]);
    if !closed.is_empty() {
        s.push_str(&t(l, "hours_closed", &[("days", &join(l, &closed))]));
    }
    s
}

/// What follows "el {date} estamos cerrados": the weekly hours when the weekday is closed
/// every week; when the day is one of the business's closures (a holiday, a vacation), that
/// it is a special closure — the weekly hours would say it is open.
pub fn closed_text(ws: &Workspace, l: Lang, d: NaiveDate) -> String {
    if ws.closures.contains(&d) {
        t(l, "closure_day", &[])
    } else {
        hours_text(ws, l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::tests::demo;

    #[test]
    fn a_closure_is_told_apart_from_a_weekly_closed_day() {
        let ws = demo();
        let closure = *ws.closures.iter().next().expect("the demo has closures");
        assert!(closed_text(&ws, Lang::Es, closure).contains("cierre especial"));
        // A Monday the salon is closed every week: the weekly hours say so.
        let monday = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        assert!(!ws.closures.contains(&monday));
        let weekly = closed_text(&ws, Lang::Es, monday);
        assert!(weekly.contains("lunes"), "{weekly}");
        assert_eq!(weekly, hours_text(&ws, Lang::Es));
    }
}
