//! The availability search's tests: free days, busy times, closed days, stylists, visits.
use super::*;
use crate::domain::catalog::tests::demo;

/// One service.
fn check(
    ws: &Workspace,
    service: &Service,
    date: NaiveDate,
    time: Option<NaiveTime>,
    staff: Option<&str>,
    busy: &[Busy],
    now: NaiveDateTime,
) -> Availability {
    let wanted = Wanted {
        time,
        part: None,
        staff,
    };
    check_visit(ws, &[service], date, wanted, busy, now)
}

/// A staff member busy from `start` to `end` ("YYYY-MM-DD HH:MM").
fn busy(staff: &str, start: &str, end: &str) -> Busy {
    Busy {
        staff: staff.into(),
        start: dt(start),
        end: dt(end),
    }
}

/// The offers' times, "HH:MM".
fn hhmm(slots: &[SlotOffer]) -> Vec<String> {
    slots
        .iter()
        .map(|s| s.time.format("%H:%M").to_string())
        .collect()
}

fn dt(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// A time and a stylist asked for.
fn at(time: Option<NaiveTime>, staff: Option<&str>) -> Wanted<'_> {
    Wanted {
        time,
        part: None,
        staff,
    }
}

#[test]
fn free_day_lists_grid_slots_after_now() {
    let ws = demo();
    let svc = ws.service("corte-dama").unwrap();
    // Friday 2026-11-27, 10:00-20:00, 45 min service, 30 min grid.
    let a = check(
        &ws,
        svc,
        dt("2026-11-27 00:00").date(),
        None,
        None,
        &[],
        dt("2026-11-25 12:00"),
    );
    assert!(a.available);
    assert_eq!(
        a.slots.first().unwrap().time,
        NaiveTime::from_hms_opt(10, 0, 0).unwrap()
    );
    assert_eq!(
        a.slots.last().unwrap().time,
        NaiveTime::from_hms_opt(19, 0, 0).unwrap()
    );
}

#[test]
fn taken_time_offers_nearest_alternatives() {
    let ws = demo();
    let svc = ws.service("corte-caballero").unwrap(); // only martin
    let busy = vec![busy("martin", "2026-11-27 17:00", "2026-11-27 17:30")];
    let t = NaiveTime::from_hms_opt(17, 0, 0);
    let a = check(
        &ws,
        svc,
        dt("2026-11-27 00:00").date(),
        t,
        None,
        &busy,
        dt("2026-11-25 12:00"),
    );
    assert!(!a.available);
    let times = hhmm(&a.slots);
    assert_eq!(times, vec!["16:00", "16:30", "17:30"]);
}

#[test]
fn a_busy_start_offers_the_times_inside_the_range_asked_for() {
    let ws = demo();
    let svc = ws.service("corte-caballero").unwrap(); // only martin
    let busy = vec![busy("martin", "2026-11-27 15:00", "2026-11-27 16:00")];
    let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let wanted = Wanted {
        time: Some(hm(15, 0)),
        part: Some(DayPart::Between(hm(15, 0), hm(17, 30))),
        staff: None,
    };
    let day = dt("2026-11-27 00:00").date();
    let a = check_visit(&ws, &[svc], day, wanted, &busy, dt("2026-11-25 12:00"));
    let times = hhmm(&a.slots);
    // Without the range: 14:00, 14:30 and 16:00, the nearest.
    assert_eq!(times, vec!["16:00", "16:30", "17:00"]);
}

#[test]
fn the_room_at_a_free_time_counts_the_staff_free_for_the_service() {
    let ws = demo();
    let day = dt("2026-11-27 00:00").date();
    let now = dt("2026-11-25 12:00");
    let t = NaiveTime::from_hms_opt(15, 0, 0);
    let nails = ws.service("manicura").unwrap(); // only sofi
    assert_eq!(check(&ws, nails, day, t, None, &[], now).room, Some(1));
    let cut = ws.service("corte-dama").unwrap(); // caro and martin
    assert_eq!(check(&ws, cut, day, t, None, &[], now).room, Some(2));
    let busy = vec![busy("caro", "2026-11-27 14:30", "2026-11-27 15:30")];
    let a = check(&ws, cut, day, t, None, &busy, now);
    assert_eq!((a.available, a.room), (true, Some(1)));
    // Several services back to back: people taking the first free staff of each, in turn.
    // Cut then nails: two cutters but one nails stylist.
    let wanted = at(t, None);
    assert_eq!(
        check_visit(&ws, &[cut, nails], day, wanted, &[], now).room,
        Some(1)
    );
    // Cut then brushing, Caro busy at 15:00: Martín cuts one; nobody is left to cut a second.
    let brushing = ws.service("brushing").unwrap();
    let a = check_visit(&ws, &[cut, brushing], day, wanted, &busy, now);
    assert_eq!((a.available, a.room), (true, Some(1)));
    assert_eq!(
        check_visit(&ws, &[cut, brushing], day, wanted, &[], now).room,
        Some(2)
    );
}

#[test]
fn the_moment_the_way_is_clear_is_offered_besides_the_grid() {
    let ws = demo();
    let day = dt("2026-11-27 00:00").date();
    let nails = ws.service("manicura").unwrap(); // only sofi, 45 minutes
    let busy = vec![busy("sofi", "2026-11-27 12:50", "2026-11-27 13:35")];
    let t = NaiveTime::from_hms_opt(12, 50, 0);
    let a = check(&ws, nails, day, t, None, &busy, dt("2026-11-25 12:00"));
    assert!(!a.available);
    let times = hhmm(&a.slots);
    assert_eq!(times, vec!["12:00", "13:35", "14:00"]);
}

#[test]
fn a_stylist_busy_at_the_time_asked_names_another_who_is_free() {
    let ws = demo();
    let day = dt("2026-11-27 00:00").date(); // a Friday
    let now = dt("2026-11-25 12:00");
    let t = NaiveTime::from_hms_opt(17, 0, 0);
    let cut = ws.service("corte-dama").unwrap(); // caro and martin
    let caro_busy = busy("caro", "2026-11-27 16:30", "2026-11-27 17:15");
    let a = check(
        &ws,
        cut,
        day,
        t,
        Some("caro"),
        std::slice::from_ref(&caro_busy),
        now,
    );
    assert!(!a.available);
    assert_eq!(a.instead.as_deref(), Some("martin"));
    // Free with the one asked for, or nobody asked for: nobody else is named.
    let a = check(&ws, cut, day, t, Some("caro"), &[], now);
    assert_eq!((a.available, a.instead), (true, None));
    let martin_busy = Busy {
        staff: "martin".into(),
        ..caro_busy.clone()
    };
    let a = check(
        &ws,
        cut,
        day,
        t,
        None,
        &[caro_busy.clone(), martin_busy.clone()],
        now,
    );
    assert_eq!((a.available, a.instead), (false, None));
    // Both busy: nobody instead.
    let a = check(
        &ws,
        cut,
        day,
        t,
        Some("caro"),
        &[caro_busy, martin_busy],
        now,
    );
    assert_eq!((a.available, a.instead), (false, None));
    // The only one who does it: nobody instead.
    let nails = ws.service("manicura").unwrap();
    let sofi_busy = busy("sofi", "2026-11-27 17:00", "2026-11-27 17:45");
    let a = check(&ws, nails, day, t, Some("sofi"), &[sofi_busy], now);
    assert_eq!((a.available, a.instead), (false, None));
}

#[test]
fn closed_days_and_outside_hours_are_refused() {
    let ws = demo();
    let svc = ws.service("corte-dama").unwrap();
    let now = dt("2026-11-25 12:00");
    let monday = dt("2026-11-30 00:00").date();
    let a = check(&ws, svc, monday, None, None, &[], now);
    assert_eq!(a.unbookable, Some(Unbookable::Closed));
    assert!(!a.slots.is_empty(), "offers the next open days");
    // With a time asked for: the times nearest to it on the next open day (Tuesday).
    let two = NaiveTime::from_hms_opt(14, 0, 0);
    let a = check(&ws, svc, monday, two, None, &[], now);
    assert_eq!(a.unbookable, Some(Unbookable::Closed));
    let got: Vec<String> = a
        .slots
        .iter()
        .map(|s| s.date.and_time(s.time).format("%d %H:%M").to_string())
        .collect();
    assert_eq!(got, ["01 13:30", "01 14:00", "01 14:30"]);
    let late = NaiveTime::from_hms_opt(19, 30, 0);
    let a = check(
        &ws,
        svc,
        dt("2026-11-27 00:00").date(),
        late,
        None,
        &[],
        now,
    );
    assert_eq!(a.unbookable, Some(Unbookable::OutsideHours));
    let past = check(
        &ws,
        svc,
        dt("2026-11-20 00:00").date(),
        None,
        None,
        &[],
        now,
    );
    assert_eq!(past.unbookable, Some(Unbookable::Past));
}

#[test]
fn other_days_are_offered_in_the_part_of_the_day_asked_for() {
    let ws = demo();
    let svc = ws.service("semi").unwrap();
    let now = dt("2026-11-25 12:00");
    let monday = dt("2026-11-30 00:00").date();
    let offered = |part: Option<DayPart>, busy: &[Busy]| -> Vec<String> {
        let wanted = Wanted {
            time: None,
            part,
            staff: None,
        };
        check_visit(&ws, &[svc], monday, wanted, busy, now)
            .slots
            .iter()
            .map(|s| s.date.and_time(s.time).format("%d %H:%M").to_string())
            .collect()
    };
    // "el lunes después de las 5": closed; Tuesday from 17:00, not Tuesday's first times.
    let five = NaiveTime::from_hms_opt(17, 0, 0).unwrap();
    assert_eq!(
        offered(Some(DayPart::From(five)), &[]),
        ["01 17:00", "01 17:30", "01 18:00"]
    );
    assert_eq!(offered(None, &[]), ["01 10:00", "01 10:30", "01 11:00"]);
    assert_eq!(
        offered(Some(DayPart::Evening), &[]),
        ["01 19:00", "02 19:00", "03 19:00"]
    );
    // Tuesday evening taken: the next evening that has room.
    let busy = [busy("sofi", "2026-12-01 18:30", "2026-12-01 20:00")];
    assert_eq!(
        offered(Some(DayPart::Evening), &busy),
        ["02 19:00", "03 19:00", "04 19:00"]
    );
    // No day has any time in it (before 9:00): the first ones there are.
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    assert_eq!(
        offered(Some(DayPart::Before(nine)), &[]),
        ["01 10:00", "01 10:30", "01 11:00"]
    );
}

#[test]
fn a_stylist_is_offered_only_in_her_own_hours_and_not_on_her_days_off() {
    let mut ws = demo();
    let friday = dt("2026-11-27 00:00").date();
    let now = dt("2026-11-25 12:00");
    let st = ws.staff.iter_mut().find(|s| s.id == "martin").unwrap();
    let file = crate::domain::catalog::WeekFile {
        fri: vec!["15:00-18:00".into()],
        ..Default::default()
    };
    st.shifts = Some(file.parse().unwrap());
    st.days_off = vec![dt("2026-12-04 00:00").date()];
    let svc = ws.service("corte-caballero").unwrap(); // only martin, 30 min
    let times = |a: &Availability| -> Vec<String> {
        a.slots
            .iter()
            .map(|s| s.date.and_time(s.time).format("%d %H:%M").to_string())
            .collect()
    };
    let a = check(&ws, svc, friday, None, None, &[], now);
    assert_eq!(
        a.slots.first().map(|s| s.time),
        NaiveTime::from_hms_opt(15, 0, 0)
    );
    assert_eq!(
        a.slots.last().map(|s| s.time),
        NaiveTime::from_hms_opt(17, 30, 0)
    );
    // At 11 he is not in: the nearest times he is.
    let a = check(
        &ws,
        svc,
        friday,
        NaiveTime::from_hms_opt(11, 0, 0),
        None,
        &[],
        now,
    );
    assert!(!a.available);
    assert_eq!(times(&a), ["27 15:00", "27 15:30", "27 16:00"]);
    // His day off, a week later: the Friday after.
    let a = check(
        &ws,
        svc,
        dt("2026-12-04 00:00").date(),
        None,
        None,
        &[],
        now,
    );
    assert!(!a.available);
    assert_eq!(times(&a), ["11 15:00", "11 15:30", "11 16:00"]);
    // A service others do too goes to them outside his hours.
    let corte = ws.service("corte-dama").unwrap();
    let ten = NaiveTime::from_hms_opt(10, 0, 0);
    let a = check(&ws, corte, friday, ten, None, &[], now);
    assert_eq!(a.staff.as_deref(), Some("caro"));
    let a = check(&ws, corte, friday, ten, Some("martin"), &[], now);
    assert!(!a.available);
}

#[test]
fn staff_who_do_not_do_the_service_are_refused() {
    let ws = demo();
    let svc = ws.service("alisado").unwrap();
    let a = check(
        &ws,
        svc,
        dt("2026-11-27 00:00").date(),
        None,
        Some("martin"),
        &[],
        dt("2026-11-25 12:00"),
    );
    assert_eq!(a.unbookable, Some(Unbookable::NoStaff));
}

#[test]
fn a_visit_lays_its_services_back_to_back_with_whoever_does_each() {
    let ws = demo();
    let corte = ws.service("corte-dama").unwrap(); // caro, martin; 45 min
    let manos = ws.service("manicura").unwrap(); // sofi; 45 min
    let date = dt("2026-11-27 00:00").date();
    let now = dt("2026-11-25 12:00");
    let t = NaiveTime::from_hms_opt(17, 0, 0);
    // Sofi is busy when the manicure would start (17:45): the visit at 17:00 is not free,
    // though the haircut alone would be.
    let busy = vec![busy("sofi", "2026-11-27 17:30", "2026-11-27 18:30")];
    let a = check_visit(&ws, &[corte, manos], date, at(t, None), &busy, now);
    assert!(!a.available);
    assert_eq!(a.then, vec!["manicura".to_string()]);
    for s in &a.slots {
        let second = s.date.and_time(s.time) + Duration::minutes(45);
        assert!(
            second + Duration::minutes(45) <= dt("2026-11-27 17:30")
                || second >= dt("2026-11-27 18:30"),
            "{s:?}"
        );
    }
    let a = check_visit(&ws, &[corte, manos], date, at(t, None), &[], now);
    assert!(a.available);
    assert_eq!(a.staff.as_deref(), Some("caro"));
    assert_eq!(a.then_staff, vec!["sofi".to_string()]);
    // "con Martín": he cuts; the manicure still goes to Sofi.
    let a = check_visit(&ws, &[corte, manos], date, at(t, Some("martin")), &[], now);
    assert_eq!(
        (a.staff.as_deref(), a.then_staff.clone()),
        (Some("martin"), vec!["sofi".to_string()])
    );
    // A stylist who does neither service is refused.
    let color = ws.service("color").unwrap();
    let a = check_visit(&ws, &[color, manos], date, at(t, Some("martin")), &[], now);
    assert_eq!(a.unbookable, Some(Unbookable::NoStaff));
    // The whole visit must fit the opening hours: 19:00 + 45 + 45 ends after 20:00.
    let late = NaiveTime::from_hms_opt(19, 0, 0);
    let a = check_visit(&ws, &[corte, manos], date, at(late, None), &[], now);
    assert_eq!(a.unbookable, Some(Unbookable::OutsideHours));
}

proptest::proptest! {
    #[test]
    fn offered_slots_are_free_and_inside_hours(busy_starts in proptest::collection::vec(0u32..20, 0..12)) {
        let ws = demo();
        let svc = ws.service("color").unwrap();
        let date = dt("2026-11-27 00:00").date();
        let busy: Vec<Busy> = busy_starts.iter().enumerate().map(|(i, h)| {
            let start = date.and_hms_opt(10, 0, 0).unwrap() + Duration::minutes(i64::from(*h) * 30);
            Busy { staff: if i % 2 == 0 { "caro".into() } else { "lucia".into() }, start, end: start + Duration::minutes(90) }
        }).collect();
        let a = check(&ws, svc, date, None, None, &busy, dt("2026-11-25 12:00"));
        for s in &a.slots {
            let start = s.date.and_time(s.time);
            let end = start + Duration::minutes(120);
            proptest::prop_assert!(!busy.iter().any(|b| b.staff == s.staff && b.start < end && start < b.end));
            use chrono::Datelike;
            let inside = ws.hours_on(s.date.weekday()).iter().any(|(a, b)| s.time >= *a && end.time() <= *b);
            proptest::prop_assert!(inside, "{:?} outside hours", s);
        }
    }
}
