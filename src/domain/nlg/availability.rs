//! What an availability check found, said: free, busy (and who), closed, outside the hours,
//! no one who does it, and the alternatives offered.

use super::*;
use chrono::Datelike;

pub(super) fn availability_text(
    ws: &Workspace,
    a: &Availability,
    state: &ConversationState,
    last: &Plan,
) -> String {
    let said = availability_said(ws, a, state, last);
    // "el viernes 17" when the 17th is a Thursday: the day checked is said to be another
    // weekday than the one named.
    let named = state
        .slots
        .preferred_date
        .as_deref()
        .and_then(crate::domain::when::parse_date);
    match named {
        Some(crate::domain::when::DateExpr::WeekdayDay(wd, d))
            if a.date.weekday() != wd && a.date.day() == d =>
        {
            let l = lang(state);
            let note = t(
                l,
                "weekday_differs",
                &[
                    ("date", &date(l, a.date)),
                    ("named", crate::domain::replies::weekday(l, wd)),
                ],
            );
            format!("{note} {said}")
        }
        _ => said,
    }
}

fn availability_said(
    ws: &Workspace,
    a: &Availability,
    state: &ConversationState,
    last: &Plan,
) -> String {
    let l = lang(state);
    let svc = services_text(ws, l, &a.service, &a.then);
    let day = date(l, a.date);
    let alts = if a.slots.is_empty() {
        String::new()
    } else {
        t(
            l,
            "alternatives",
            &[("offers", &offers::alternatives(l, &a.slots))],
        )
    };
    match a.unbookable {
        // Said already, with the service question: the days offered instead.
        Some(Unbookable::Closed) if state.told_closed == Some(a.date) && !alts.is_empty() => {
            return alts.trim_start().to_string()
        }
        Some(Unbookable::Closed) => {
            return t(
                l,
                "closed_day",
                &[
                    ("date", &day),
                    ("hours", &closed_text(ws, l, a.date)),
                    ("alts", &alts),
                ],
            )
        }
        Some(Unbookable::Past) => return t(l, "past", &[("alts", &alts)]),
        Some(Unbookable::TooFar) => {
            return t(l, "too_far", &[("n", &ws.booking_horizon_days.to_string())])
        }
        Some(Unbookable::NoStaff) => {
            let who: Vec<String> = ws
                .service(&a.service)
                .map(|s| ws.staff_for(s).iter().map(|st| st.name.clone()).collect())
                .unwrap_or_default();
            let key = if who.len() == 1 {
                "no_staff_one"
            } else {
                "no_staff"
            };
            return t(
                l,
                key,
                &[("svc", &svc), ("who", &join(l, &who)), ("alts", &alts)],
            );
        }
        Some(Unbookable::OutsideHours) => {
            // "a las 9" on a day that opens at 10: not open yet.
            let opens = ws
                .hours_on(chrono::Datelike::weekday(&a.date))
                .first()
                .map(|h| h.0);
            let early = a.time.zip(opens).is_some_and(|(t, o)| t < o);
            let time = a.time.map(hhmm).unwrap_or_default();
            return t(
                l,
                if early {
                    "before_opening"
                } else {
                    "outside_hours"
                },
                &[
                    ("time", &time),
                    ("svc", &svc),
                    ("hours", &hours_text(ws, l)),
                    ("alts", &alts),
                ],
            );
        }
        None => {}
    }
    use chrono::Datelike;
    let off = state
        .resolved
        .staff
        .as_deref()
        .and_then(|s| ws.staff_member(s))
        .filter(|_| matches!(state.flow, Some(Flow::Book | Flow::Reschedule)))
        .filter(|st| !st.works_on(a.date, ws.hours_on(a.date.weekday())));
    match (a.time, a.available) {
        (Some(time), true) => {
            // The confirmation that follows says it all; only say it when we stop here.
            // The stylist the customer asked for ("mejor con Caro") is named.
            let asked = state
                .resolved
                .staff
                .as_deref()
                .filter(|s| a.then.is_empty() && a.staff.as_deref() == Some(*s))
                .and_then(|s| ws.staff_member(s));
            if matches!(last, Plan::Confirm(_)) {
                String::new()
            } else if let Some(st) = asked {
                t(
                    l,
                    "free_with",
                    &[
                        ("svc", &svc),
                        ("staff", &st.name),
                        ("date", &day),
                        ("time", &hhmm(time)),
                    ],
                )
            } else {
                t(
                    l,
                    "free",
                    &[("svc", &svc), ("date", &day), ("time", &hhmm(time))],
                )
            }
        }
        (Some(time), false) if a.slots.is_empty() => t(
            l,
            "busy_none",
            &[("time", &hhmm(time)), ("date", &day), ("svc", &svc)],
        ),
        // The stylist asked for does not work that day ("Martín no atiende los lunes").
        (_, false) if off.is_some() => t(
            l,
            "staff_off_day",
            &[
                ("staff", off.map(|st| st.name.as_str()).unwrap_or_default()),
                ("date", &day),
                ("alts", &alts),
            ],
        ),
        // "entre las 15:40 y las 17:40", its start taken: the range's free times that day.
        (Some(time), false) if in_range(state, a, time) => state
            .offers_part
            .and_then(|part| offers::part_free(l, &a.slots, part))
            .unwrap_or_default(),
        // The stylist asked for is the one busy: say who.
        (Some(time), false) => match state
            .resolved
            .staff
            .as_deref()
            .and_then(|s| ws.staff_member(s))
        {
            Some(st) if matches!(state.flow, Some(Flow::Book | Flow::Reschedule)) => {
                // Another is free then: she is named, and the asked one's times are hers.
                let other = state
                    .instead
                    .as_ref()
                    .and_then(|o| ws.staff_member(&o.staff));
                match other {
                    Some(other) => {
                        let alts = if a.slots.is_empty() {
                            String::new()
                        } else {
                            let offers = offers::alternatives(l, &a.slots);
                            t(
                                l,
                                "alternatives_with",
                                &[("staff", &st.name), ("offers", &offers)],
                            )
                        };
                        t(
                            l,
                            "busy_staff_instead",
                            &[
                                ("staff", &st.name),
                                ("other", &other.name),
                                ("time", &hhmm(time)),
                                ("alts", &alts),
                            ],
                        )
                    }
                    None => t(
                        l,
                        "busy_staff",
                        &[("staff", &st.name), ("time", &hhmm(time)), ("alts", &alts)],
                    ),
                }
            }
            _ => t(l, "busy", &[("time", &hhmm(time)), ("alts", &alts)]),
        },
        (None, true) => {
            if let Some((shift, pivot)) = state.shifted {
                return offers::shifted(l, &a.slots, shift, pivot);
            }
            // The part of the day asked for while choosing ("a la tarde"), as "el primero"
            // counts in it.
            let (times, more) = offers::listed(l, &a.slots, state.offers_part);
            // "con Lucía si puede ser": the times listed are hers.
            let asked = state
                .resolved
                .staff
                .as_deref()
                .filter(|_| a.then.is_empty() && state.flow == Some(Flow::Book))
                .and_then(|s| ws.staff_member(s));
            let svc = match asked {
                Some(st) => t(l, "svc_with", &[("svc", &svc), ("staff", &st.name)]),
                None => svc,
            };
            // "después de las 6" on a day with nothing then: say so before the day's times.
            if let Some(part) = state
                .offers_part
                .filter(|p| !a.slots.iter().any(|s| p.contains(s.time)))
            {
                // "el sábado después de las 18" on a day that closes at 17: it is closed then.
                let closes = ws
                    .hours_on(chrono::Datelike::weekday(&a.date))
                    .last()
                    .map(|h| h.1);
                if let (DayPart::From(from), Some(close)) = (part, closes) {
                    if close <= from {
                        let close = hhmm(close);
                        return t(
                            l,
                            "closed_by_then",
                            &[
                                ("date", &day),
                                ("close", &close),
                                ("svc", &svc),
                                ("times", &times),
                                ("more", more),
                            ],
                        );
                    }
                }
                return t(
                    l,
                    "day_part_none",
                    &[
                        ("part", &offers::part_name(l, part)),
                        ("svc", &svc),
                        ("date", &day),
                        ("times", &times),
                        ("more", more),
                    ],
                );
            }
            t(
                l,
                "day_free",
                &[
                    ("svc", &svc),
                    ("date", &day),
                    ("times", &times),
                    ("more", more),
                ],
            )
        }
        (None, false) => t(
            l,
            "day_full",
            &[("date", &day), ("svc", &svc), ("alts", &alts)],
        ),
    }
}

/// Whether the busy `time` starts the range of hours asked for and every time offered instead
/// is inside it, that day.
fn in_range(state: &ConversationState, a: &Availability, time: chrono::NaiveTime) -> bool {
    state.offers_part.is_some_and(|part| {
        part.range_start() == Some(time)
            && state.resolved.staff.is_none()
            && a.slots
                .iter()
                .all(|s| s.date == a.date && part.contains(s.time))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_weekday_that_is_not_the_dates_is_said() {
        let ws = crate::domain::catalog::tests::demo();
        // Thursday 17 December 2026, asked as "el viernes 17".
        let day = NaiveDate::from_ymd_opt(2026, 12, 17).unwrap();
        let a = Availability {
            service: "mechas".into(),
            then: vec![],
            date: day,
            time: chrono::NaiveTime::from_hms_opt(11, 0, 0),
            available: true,
            staff: Some("lucia".into()),
            then_staff: vec![],
            room: Some(1),
            instead: None,
            slots: vec![],
            unbookable: None,
        };
        let mut state = ConversationState::default();
        state.slots.preferred_date = Some("el viernes 17".into());
        let last = Plan::Reply(ReplyTopic::Greeting);
        let text = availability_text(&ws, &a, &state, &last);
        assert!(
            text.starts_with("Ojo: el jueves 17 de diciembre no es viernes."),
            "{text}"
        );
        // Named right, nothing said.
        state.slots.preferred_date = Some("el jueves 17".into());
        assert!(!availability_text(&ws, &a, &state, &last).contains("Ojo"));
    }
}
