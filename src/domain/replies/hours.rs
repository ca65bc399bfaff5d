//! Opening hours as the customer reads them, and why a day is closed.

use chrono::NaiveDate;

use crate::domain::catalog::{Staff, Workspace};
use crate::domain::normalize::format_time as hhmm;
use crate::domain::replies::{join, raw, t, weekday, weekday_plural, Lang};

pub fn range_text(l: Lang, a: &str, b: &str) -> String {
    t(l, "hours_range", &[("a", a), ("b", b)])
}

pub fn hours_text(ws: &Workspace, l: Lang) -> String {
    let on = |wd| ws.hours_on(wd).to_vec();
    week_text(
        l,
        on,
        |list| t(l, "hours", &[("list", list)]),
        "hours_closed",
        &[],
    )
}

/// A staff member's days and hours, inside the business's: "Martín atiende los martes de
/// 14:00 a 20:00 y los sábados de 09:00 a 13:00. Los miércoles, jueves y viernes no atiende."
pub fn staff_hours_text(ws: &Workspace, l: Lang, st: &Staff) -> String {
    let on = |wd| st.ranges_on(wd, ws.hours_on(wd));
    if WEEK.into_iter().all(|d| on(d).is_empty()) {
        return t(l, "staff_hours_none", &[("staff", &st.name)]);
    }
    let lead = |list: &str| t(l, "staff_hours", &[("staff", &st.name), ("list", list)]);
    // The days the business is closed go without saying.
    let open: Vec<chrono::Weekday> = WEEK
        .into_iter()
        .filter(|d| !ws.hours_on(*d).is_empty())
        .collect();
    week_text(l, on, lead, "staff_hours_off", &open)
}

const WEEK: [chrono::Weekday; 7] = {
    use chrono::Weekday::*;
    [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
};

/// The ranges of each weekday, days with the same ones together ("de martes a viernes de
/// 10:00 a 20:00"), then the days without any (of `only` when it names some).
fn week_text(
    l: Lang,
    on: impl Fn(chrono::Weekday) -> Vec<(chrono::NaiveTime, chrono::NaiveTime)>,
    lead: impl Fn(&str) -> String,
    closed_key: &str,
    only: &[chrono::Weekday],
) -> String {
    let mut groups: Vec<(Vec<chrono::Weekday>, String)> = Vec::new();
    for wd in WEEK {
        let ranges = on(wd);
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
    let closed: Vec<String> = WEEK
        .into_iter()
        .filter(|d| on(*d).is_empty() && (only.is_empty() || only.contains(d)))
        .map(|d| weekday_plural(l, d).to_string())
        .collect();
    let mut s = lead(&join(l, &parts));
    if !closed.is_empty() {
        s.push_str(&t(l, closed_key, &[("days", &join(l, &closed))]));
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
    fn a_staff_members_days_are_hers_inside_the_business_hours() {
        let mut ws = demo();
        let martin = |ws: &Workspace| ws.staff_member("martin").unwrap().clone();
        // Without hours of her own: the business's, and no closed days named.
        assert_eq!(
            staff_hours_text(&ws, Lang::Es, &martin(&ws)),
            "Martín atiende de martes a viernes de 10:00 a 20:00 y los sábados de 09:00 a 17:00."
        );
        let file = crate::domain::catalog::WeekFile {
            tue: vec!["14:00-22:00".into()],
            wed: vec!["14:00-22:00".into()],
            sat: vec!["09:00-13:00".into()],
            sun: vec!["10:00-12:00".into()],
            ..Default::default()
        };
        let st = ws.staff.iter_mut().find(|s| s.id == "martin").unwrap();
        st.shifts = Some(file.parse().unwrap());
        assert_eq!(
            staff_hours_text(&ws, Lang::Es, &martin(&ws)),
            "Martín atiende de martes a miércoles de 14:00 a 20:00 y los sábados de 09:00 a \
             13:00. Los jueves y viernes no atiende."
        );
        let en = staff_hours_text(&ws, Lang::En, &martin(&ws));
        assert!(en.starts_with("Martín works"), "{en}");
        let st = ws.staff.iter_mut().find(|s| s.id == "martin").unwrap();
        st.shifts = Some(Default::default());
        assert_eq!(
            staff_hours_text(&ws, Lang::Es, &martin(&ws)),
            "Martín no tiene días de atención por ahora."
        );
    }

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
