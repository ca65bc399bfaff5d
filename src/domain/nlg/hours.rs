//! The hours asked about, said: the business's week, a day's ranges, or a staff member's
//! ("¿Martín trabaja los sábados?").

use super::*;
use crate::domain::replies::hours::staff_hours_text;

pub(super) fn hours_answer(
    ws: &Workspace,
    l: Lang,
    call: &ToolCall,
    day: Option<chrono::NaiveDate>,
    ranges: Option<&[String]>,
) -> String {
    let member = match call {
        ToolCall::GetHours {
            staff: Some(id), ..
        } => ws.staff_member(id),
        _ => None,
    };
    let week = match member {
        Some(st) => staff_hours_text(ws, l, st),
        None => hours_text(ws, l),
    };
    let (Some(d), Some(ranges)) = (day, ranges) else {
        return week;
    };
    let said: Vec<String> = ranges
        .iter()
        .map(|r| match r.split_once('-') {
            Some((a, b)) => range_text(l, a, b),
            None => r.clone(),
        })
        .collect();
    let said = said.join(raw(l, "hours_range_join"));
    let day = date(l, d);
    match member {
        // The business is closed that day: that says it all.
        Some(_) if !ws.is_open_on(d) => t(
            l,
            "date_closed",
            &[("date", &day), ("hours", &closed_text(ws, l, d))],
        ),
        Some(st) if ranges.is_empty() => t(
            l,
            "staff_date_off",
            &[("date", &day), ("staff", &st.name), ("hours", &week)],
        ),
        Some(st) => t(
            l,
            "staff_date_open",
            &[("date", &day), ("staff", &st.name), ("ranges", &said)],
        ),
        None if ranges.is_empty() => t(
            l,
            "date_closed",
            &[("date", &day), ("hours", &closed_text(ws, l, d))],
        ),
        // (The day asked for says it: the week's hours are not repeated.)
        None => t(l, "date_open", &[("date", &day), ("ranges", &said)]),
    }
}
