//! A booking changed in one step: another stylist offered at the time asked, a visit of
//! several trimmed.
use super::*;

/// Right after booking a visit of several services.
fn several_just_booked() -> ConversationState {
    let mut st = just_booked(0);
    if let Some(v) = st.last_visit.as_mut() {
        v.several = true;
    }
    st
}

#[test]
fn a_yes_to_another_stylist_free_at_the_time_asked_takes_it_with_her() {
    let ws = demo();
    let c = ctx(&ws);
    let day = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let at = |h| chrono::NaiveTime::from_hms_opt(h, 0, 0);
    let asked = |st: &mut ConversationState| {
        let e = ex(
            Intent::Book,
            &[
                (SlotName::ServiceType, "corte"),
                (SlotName::PreferredDate, "27/11"),
                (SlotName::PreferredTime, "17:00"),
                (SlotName::StaffName, "Caro"),
            ],
        );
        apply_extraction(st, &e, &c);
        let busy = crate::domain::actions::Availability {
            instead: Some("martin".into()),
            ..found(
                "corte-dama",
                day,
                at(17),
                vec![offer(day, 16), offer(day, 18)],
            )
        };
        observe_check(st, &ws, busy, Some("caro"));
        st.expected_slot = Some(SlotName::PreferredTime);
        assert_eq!(
            st.instead.as_ref().map(|o| o.staff.as_str()),
            Some("martin")
        );
    };
    // "dale": 17:00 with Martín.
    let mut st = ConversationState::default();
    asked(&mut st);
    let mut yes = ex(Intent::Chitchat, &[]);
    yes.signals.affirmation = Some(true);
    apply_extraction(&mut st, &yes, &c);
    assert_eq!(st.resolved.time, at(17));
    assert_eq!(st.resolved.staff.as_deref(), Some("martin"));
    assert_eq!(st.instead, None);
    // "bueno, con Martín": the same.
    let mut st = ConversationState::default();
    asked(&mut st);
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::StaffName, "Martín")]),
        &c,
    );
    assert_eq!(
        (st.resolved.time, st.resolved.staff.as_deref()),
        (at(17), Some("martin"))
    );
    // "con Caro a las 18": Caro at 18, the offer let go.
    let mut st = ConversationState::default();
    asked(&mut st);
    apply_extraction(
        &mut st,
        &ex(
            Intent::Book,
            &[
                (SlotName::StaffName, "Caro"),
                (SlotName::PreferredTime, "18:00"),
            ],
        ),
        &c,
    );
    assert_eq!(
        (st.resolved.time, st.resolved.staff.as_deref()),
        (at(18), Some("caro"))
    );
    assert_eq!(st.instead, None);
    // "¿cuánto sale?" keeps the offer; a "no" lets it go and keeps Caro.
    let mut st = ConversationState::default();
    asked(&mut st);
    apply_extraction(&mut st, &ex(Intent::InfoPrices, &[]), &c);
    assert!(st.instead.is_some());
    let mut no = ex(Intent::Chitchat, &[]);
    no.signals.affirmation = Some(false);
    apply_extraction(&mut st, &no, &c);
    assert_eq!(st.instead, None);
    assert_eq!(st.resolved.staff.as_deref(), Some("caro"));
    assert_eq!(st.resolved.time, None);
}

#[test]
fn a_visit_of_several_trimmed_keeps_the_rest_and_never_none() {
    let ws = demo();
    let manos_y_pies = booked(&["manicura", "pedicura"], "sofi");
    let mut st = ConversationState {
        target: Some(manos_y_pies),
        service_drop: vec!["pedicura".into()],
        ..Default::default()
    };
    assert_eq!(st.changed_services(&ws), Some(vec!["manicura".to_string()]));
    // "sacame la manicura, solo pies": the first one goes.
    st.service_drop = vec!["manicura".into()];
    st.service_only = vec!["pedicura".into()];
    assert_eq!(st.changed_services(&ws), Some(vec!["pedicura".to_string()]));
    // Both taken out: that is no visit (a cancel is asked for in its own words).
    st.service_drop = vec!["manicura".into(), "pedicura".into()];
    st.service_only.clear();
    assert_eq!(st.changed_services(&ws), None);
    // "en vez de pedicura, semi": a service it does not have comes in its place.
    st.service_drop = vec!["pedicura".into()];
    st.service_change = vec!["semi".into()];
    assert_eq!(
        st.changed_services(&ws),
        Some(vec!["manicura".to_string(), "semi".to_string()])
    );
    st.service_change = vec!["pedicura".into(), "semi".into()];
    assert_eq!(
        st.changed_services(&ws),
        Some(vec!["manicura".to_string(), "semi".to_string()])
    );
}

#[test]
fn taking_a_service_out_right_after_booking_a_visit_of_several_changes_it_in_place() {
    let ws = demo();
    let mut st = several_just_booked();
    let mut e = ex(Intent::Chitchat, &[]);
    e.signals.without = vec!["pedicura".into()];
    apply_extraction(&mut st, &e, &ctx(&ws));
    assert_eq!(st.flow, Some(Flow::Reschedule));
    assert_eq!(st.resolved.booking_id.as_deref(), Some("BK-1000"));
    assert!(st.keep_date && st.keep_time);
    assert_eq!(st.service_drop, vec!["pedicura".to_string()]);
    // After a visit of one service, "sin la pedicura" changes nothing booked.
    let mut st = just_booked(0);
    apply_extraction(&mut st, &e, &ctx(&ws));
    assert_ne!(st.flow, Some(Flow::Reschedule));
}

#[test]
fn a_question_about_a_service_of_the_visit_just_booked_trims_nothing() {
    let ws = demo();
    let mut st = several_just_booked();
    let mut e = ex(Intent::InfoPrices, &[(SlotName::ServiceType, "pedicura")]);
    e.signals.only = true;
    e.signals.asks_price = true;
    apply_extraction(&mut st, &e, &ctx(&ws));
    assert_ne!(st.flow, Some(Flow::Reschedule));
    assert!(st.service_only.is_empty());
}

#[test]
fn the_last_time_of_a_day_is_taken_from_its_check_or_from_its_times_listed() {
    let ws = demo();
    let c = ctx(&ws);
    let day = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let listed = |st: &mut ConversationState| {
        let slots = vec![offer(day, 10), offer(day, 18), offer(day, 12)];
        observe_check(st, &ws, found("pedicura", day, None, slots), None);
    };
    // "pedicura el viernes lo último que tengas": the check's last time is the one asked.
    let mut st = ConversationState::default();
    let mut asked = ex(
        Intent::Book,
        &[
            (SlotName::ServiceType, "pedicura"),
            (SlotName::PreferredDate, "27/11"),
        ],
    );
    asked.signals.last_of_day = true;
    apply_extraction(&mut st, &asked, &c);
    assert!(st.latest);
    listed(&mut st);
    assert_eq!(st.resolved.time, chrono::NaiveTime::from_hms_opt(18, 0, 0));
    assert!(!st.latest && st.offers.is_empty());
    // The day's times listed first, then "lo más tarde posible": the last of them.
    let mut st = ConversationState::default();
    asked.signals.last_of_day = false;
    apply_extraction(&mut st, &asked, &c);
    listed(&mut st);
    assert_eq!(st.resolved.time, None);
    st.expected_slot = Some(SlotName::PreferredTime);
    let mut latest = ex(Intent::Other, &[]);
    latest.signals.last_of_day = true;
    apply_extraction(&mut st, &latest, &c);
    assert_eq!(st.resolved.time, chrono::NaiveTime::from_hms_opt(18, 0, 0));
    assert_eq!(st.expected_slot, None);
}

#[test]
fn the_weekday_found_closed_named_again_is_the_next_week_s() {
    let ws = demo();
    let c = ctx(&ws);
    let mut st = ConversationState::default();
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::ServiceType, "corte")]),
        &c,
    );
    let friday = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let mut closed = found(
        "corte-dama",
        friday,
        None,
        vec![offer(friday.succ_opt().unwrap(), 10)],
    );
    closed.unbookable = Some(crate::domain::actions::Unbookable::Closed);
    observe_check(&mut st, &ws, closed, None);
    assert_eq!(st.found_closed, Some(friday));
    apply_extraction(
        &mut st,
        &ex(
            Intent::Book,
            &[(SlotName::PreferredDate, "el viernes que viene")],
        ),
        &c,
    );
    assert_eq!(
        st.resolved.date,
        friday.checked_add_days(chrono::Days::new(7))
    );
    // A day named by its date is that day, closed or not.
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::PreferredDate, "el 27")]),
        &c,
    );
    assert_eq!(st.resolved.date, Some(friday));
}

#[test]
fn both_services_asked_about_are_one_visit() {
    let ws = demo();
    let c = ctx(&ws);
    let mut st = ConversationState::default();
    for s in ["semi", "cejas"] {
        apply_extraction(
            &mut st,
            &ex(Intent::InfoPrices, &[(SlotName::ServiceType, s)]),
            &c,
        );
    }
    let mut both = ex(Intent::Book, &[(SlotName::PreferredDate, "el viernes")]);
    both.signals.both = true;
    apply_extraction(&mut st, &both, &c);
    assert_eq!(st.resolved.service.as_deref(), Some("semi"));
    assert_eq!(st.resolved.also, ["cejas"]);
}

/// "perdón, el nombre es Nicolás" right after booking: that booking, same day and time,
/// under the new name; the same name again, or a new booking for someone, changes nothing.
#[test]
fn a_name_corrected_right_after_booking_renames_that_booking() {
    let ws = demo();
    let mut st = just_booked(0);
    st.booked_name = Some("Nico".into());
    apply_extraction(
        &mut st,
        &ex(Intent::Chitchat, &[(SlotName::ClientName, "Nicolás")]),
        &ctx(&ws),
    );
    assert_eq!(st.flow, Some(Flow::Reschedule));
    assert_eq!(st.resolved.booking_id.as_deref(), Some("BK-1000"));
    assert_eq!(st.rename.as_deref(), Some("Nicolás"));
    assert!(st.keep_date && st.keep_time);
    // The booking's own name, a name with a day (a new booking), or later on: no rename.
    for (mut st, e) in [
        (
            just_booked(0),
            ex(Intent::Chitchat, &[(SlotName::ClientName, "Nico")]),
        ),
        (
            just_booked(0),
            ex(
                Intent::Book,
                &[
                    (SlotName::ClientName, "Marta"),
                    (SlotName::PreferredDate, "el viernes"),
                ],
            ),
        ),
        (
            just_booked(4),
            ex(Intent::Chitchat, &[(SlotName::ClientName, "Nicolás")]),
        ),
    ] {
        st.booked_name = Some("Nico".into());
        apply_extraction(&mut st, &e, &ctx(&ws));
        assert_eq!(st.rename, None, "{e:?}");
    }
}

/// "¿cuánto sale corte y color?", "¿y si agrego brushing?", "quiero las tres cosas": a visit
/// of the three, in the order asked about.
#[test]
fn the_three_services_asked_about_make_one_visit() {
    let ws = demo();
    let c = ctx(&ws);
    let mut st = ConversationState::default();
    let mut both = ex(
        Intent::InfoPrices,
        &[
            (SlotName::ServiceType, "corte"),
            (SlotName::ServiceType, "color"),
        ],
    );
    both.slots.services = vec!["corte".into(), "color".into()];
    apply_extraction(&mut st, &both, &c);
    apply_extraction(
        &mut st,
        &ex(Intent::InfoPrices, &[(SlotName::ServiceType, "brushing")]),
        &c,
    );
    let mut three = ex(Intent::Book, &[(SlotName::PreferredDate, "el viernes")]);
    three.signals.both = true;
    three.signals.both_count = Some(3);
    apply_extraction(&mut st, &three, &c);
    assert_eq!(st.resolved.service.as_deref(), Some("corte-dama"));
    assert_eq!(st.resolved.also, ["color", "brushing"]);
}

/// "me confundí, la manicura era para el viernes" soon after booking: a change of the
/// customer's booking with that service (looked up by it), not a new booking.
#[test]
fn a_service_said_to_be_for_another_day_moves_that_booking() {
    let ws = demo();
    let mut st = just_booked(1);
    st.last_service = Some("pedicura".into());
    let mut e = ex(
        Intent::Book,
        &[
            (SlotName::ServiceType, "manicura"),
            (SlotName::PreferredDate, "el viernes"),
        ],
    );
    e.signals.corrects = true;
    e.signals.by_its_service = true;
    apply_extraction(&mut st, &e, &ctx(&ws));
    assert_eq!(st.flow, Some(Flow::Reschedule));
    assert_eq!(st.resolved.service.as_deref(), Some("manicura"));
    assert!(st.service_change.is_empty());
    // Two services, one the last booking's own ("me confundí, manicura el viernes y
    // pedicura el jueves"): a move too, never the last booking turned into the other.
    let mut st = just_booked(1);
    st.last_service = Some("pedicura".into());
    let mut both = e.clone();
    both.signals.by_its_service = false;
    both.slots.services = vec!["manicura".into(), "pedicura".into()];
    apply_extraction(&mut st, &both, &ctx(&ws));
    assert_eq!(st.flow, Some(Flow::Reschedule));
    assert!(st.service_change.is_empty());
    assert_eq!(st.resolved.booking_id, None);
    // Without the correction it is a booking of its own.
    let mut st = just_booked(1);
    e.signals.corrects = false;
    apply_extraction(&mut st, &e, &ctx(&ws));
    assert_eq!(st.flow, Some(Flow::Book));
}

#[test]
fn a_yes_to_another_days_times_without_the_hour_asked_lists_that_day() {
    let ws = demo();
    let c = ctx(&ws);
    let monday = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let tuesday = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let at = |h| chrono::NaiveTime::from_hms_opt(h, 0, 0);
    let mut st = ConversationState::default();
    let e = ex(
        Intent::Book,
        &[
            (SlotName::ServiceType, "cejas"),
            (SlotName::PreferredDate, "30/11"),
            (SlotName::PreferredTime, "11:00"),
        ],
    );
    apply_extraction(&mut st, &e, &c);
    // Monday is closed: Tuesday's 10:00 and 12:00 offered, not the 11:00 asked.
    let closed = found(
        "perfilado-cejas",
        monday,
        at(11),
        vec![offer(tuesday, 10), offer(tuesday, 12)],
    );
    observe_check(&mut st, &ws, closed, None);
    st.expected_slot = Some(SlotName::PreferredDate);
    st.resolved.date = None;
    let mut yes = ex(Intent::Chitchat, &[]);
    yes.signals.affirmation = Some(true);
    apply_extraction(&mut st, &yes, &c);
    assert_eq!(st.resolved.date, Some(tuesday));
    // The day's times are listed next; 11:00 is not checked again.
    assert_eq!(st.resolved.time, None);
}

#[test]
fn cancelling_the_service_still_being_booked_drops_that_one_only() {
    let ws = demo();
    let c = ctx(&ws);
    // The semi was booked; the cejas after it are still being booked. "cancelame el de …":
    let drops = |service: &str| {
        let mut st = just_booked(0);
        st.last_service = Some("semi".into());
        st.flow = Some(Flow::Book);
        st.resolved.service = Some("cejas".into());
        apply_extraction(
            &mut st,
            &ex(Intent::Cancel, &[(SlotName::ServiceType, service)]),
            &c,
        );
        st.drops_booking
    };
    assert!(drops("cejas"));
    // The one booked is no booking in progress: it is looked up to cancel.
    assert!(!drops("semi"));
}

#[test]
fn a_weekday_alone_is_the_one_on_the_table() {
    let ws = demo();
    let c = ctx(&ws);
    // Today is Wednesday 25 November, so the coming Tuesday is 1 December; with Tuesday 8
    // offered, "el martes" is the 8th.
    let mut st = ConversationState {
        flow: Some(Flow::Book),
        ..Default::default()
    };
    st.resolved.service = Some("semi".into());
    let tue8 = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
    st.offers = vec![offer(tue8, 18)];
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::PreferredDate, "el martes")]),
        &c,
    );
    assert_eq!(st.resolved.date, Some(tue8));
    // With nothing on the table, the coming Tuesday.
    let mut st = ConversationState {
        flow: Some(Flow::Book),
        ..Default::default()
    };
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::PreferredDate, "el martes")]),
        &c,
    );
    assert_eq!(st.resolved.date, NaiveDate::from_ymd_opt(2026, 12, 1));
}
