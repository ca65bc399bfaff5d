//! The rule planner's decisions, turn by turn.

use super::*;
use crate::domain::catalog::tests::demo;
use crate::domain::catalog::Workspace;
use crate::domain::reducer::apply_extraction;
use crate::domain::reducer::tests::{booked, ctx, ex, just_booked};
use crate::domain::state::ConversationState;
use crate::domain::understanding::Extraction;
use chrono::{NaiveDate, NaiveTime};

fn plan_for(ws: &Workspace, st: &ConversationState, ex: &Extraction) -> Plan {
    plan(&PlanInput {
        ws,
        state: st,
        extraction: ex,
        message_key: "m",
    })
}

#[test]
fn a_typed_number_is_contact_data_only_when_it_is_another() {
    assert!(same_phone("5491155551234", "1155551234"));
    assert!(same_phone("5491155551234", "+54 9 11 5555-1234"));
    assert!(!same_phone("5491155551234", "1166667777"));
    assert!(!same_phone("5491155551234", "1234"));
    let mut st = ConversationState {
        channel_phone: Some("5491155551234".into()),
        ..Default::default()
    };
    st.resolved.phone = Some("1155551234".into());
    assert_eq!(contact_phone(&st), None);
    st.resolved.phone = Some("1166667777".into());
    assert_eq!(contact_phone(&st).as_deref(), Some("1166667777"));
    // No channel number: the typed one is the booking's own, not a contact.
    st.channel_phone = None;
    assert_eq!(contact_phone(&st), None);
}

#[test]
fn a_service_corrected_right_after_booking_is_checked_at_the_same_day_and_time() {
    let ws = demo();
    let mut st = just_booked(0);
    let mut fix = ex(Intent::Book, &[(SlotName::ServiceType, "pedicura")]);
    fix.signals.corrects = true;
    apply_extraction(&mut st, &fix, &ctx(&ws));
    // Sofi, who does pedicures, stays.
    st.target = Some(booked(&["manicura"], "sofi"));
    match plan_for(&ws, &st, &fix) {
        Plan::Call(ToolCall::CheckAvailability {
            service,
            then,
            date,
            time,
            staff,
            moving,
            part: _,
        }) => {
            assert_eq!(service, "pedicura");
            assert!(then.is_empty());
            assert_eq!(date, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
            assert_eq!(time, NaiveTime::from_hms_opt(15, 0, 0));
            assert_eq!(staff.as_deref(), Some("sofi"));
            assert_eq!(moving.as_deref(), Some("BK-1000"));
        }
        other => panic!("{other:?}"),
    }
    // Caro does no pedicures: whoever does it and is free.
    st.target = Some(booked(&["corte-dama"], "caro"));
    match plan_for(&ws, &st, &fix) {
        Plan::Call(ToolCall::CheckAvailability { staff, .. }) => assert_eq!(staff, None),
        other => panic!("{other:?}"),
    }
}

/// A change of Caro's cut (Friday 27/11 at 15:00) by its owner, the booking found.
fn moving_a_cut() -> ConversationState {
    ConversationState {
        flow: Some(crate::domain::state::Flow::Reschedule),
        target: Some(booked(&["corte-dama"], "caro")),
        channel_phone: Some("5491155551234".into()),
        ..Default::default()
    }
}

#[test]
fn a_move_to_the_bookings_own_day_and_time_asks_the_new_day() {
    let ws = demo();
    let mut st = moving_a_cut();
    st.resolved.date = NaiveDate::from_ymd_opt(2026, 11, 27);
    let said = ex(Intent::Reschedule, &[(SlotName::PreferredDate, "27/11")]);
    assert_eq!(
        plan_for(&ws, &st, &said),
        Plan::Ask(SlotName::PreferredDate)
    );
    // Another time that day is a change.
    st.resolved.time = NaiveTime::from_hms_opt(17, 0, 0);
    assert!(matches!(
        plan_for(&ws, &st, &said),
        Plan::Call(ToolCall::CheckAvailability { .. })
    ));
}

#[test]
fn next_week_for_a_booking_in_the_coming_week_is_its_weekday_of_the_week_after() {
    let ws = demo();
    let mut st = moving_a_cut();
    // Read on a Saturday: "la semana que viene" starts on Monday the 23rd, and the
    // booking (Friday the 27th) is in it.
    st.resolved.date = NaiveDate::from_ymd_opt(2026, 11, 24);
    st.slots.preferred_date = Some("la semana que viene".into());
    let said = ex(
        Intent::Reschedule,
        &[(SlotName::PreferredDate, "la semana que viene")],
    );
    // The booking's Friday of the week after.
    let after = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    match plan_for(&ws, &st, &said) {
        Plan::Call(ToolCall::CheckAvailability { date, .. }) => assert_eq!(date, after),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_weekend_is_a_day_of_its_own_not_a_week() {
    let ws = demo();
    let mut st = moving_a_cut();
    // The booking is on Friday the 27th; "el fin de semana que viene" is Saturday the 5th,
    // not the Friday of that week.
    let saturday = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
    st.resolved.date = Some(saturday);
    st.slots.preferred_date = Some("el fin de semana que viene".into());
    let said = ex(
        Intent::Reschedule,
        &[(SlotName::PreferredDate, "el fin de semana que viene")],
    );
    match plan_for(&ws, &st, &said) {
        Plan::Call(ToolCall::CheckAvailability { date, .. }) => assert_eq!(date, saturday),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_visit_of_several_moved_keeps_the_first_services_stylist() {
    let ws = demo();
    let mut target = booked(&["corte-dama"], "caro");
    target.then.push(crate::domain::actions::BookingPart {
        service: "manicura".into(),
        service_name: "Manicura".into(),
        staff: "sofi".into(),
        time: NaiveTime::from_hms_opt(15, 45, 0).unwrap(),
        duration_minutes: 45,
    });
    let mut st = ConversationState {
        flow: Some(Flow::Reschedule),
        target: Some(target),
        channel_phone: Some("5491155551234".into()),
        ..Default::default()
    };
    st.resolved.date = NaiveDate::from_ymd_opt(2026, 11, 28);
    match plan_for(&ws, &st, &ex(Intent::Reschedule, &[])) {
        Plan::Call(ToolCall::CheckAvailability {
            service,
            then,
            staff,
            ..
        }) => {
            assert_eq!(
                (service.as_str(), then),
                ("corte-dama", vec!["manicura".to_string()])
            );
            assert_eq!(staff.as_deref(), Some("caro"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_bare_cancel_while_booking_lets_that_booking_go() {
    let ws = demo();
    let c = ctx(&ws);
    let mut st = ConversationState::default();
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::ServiceType, "cejas")]),
        &c,
    );
    let cancel = ex(Intent::Cancel, &[]);
    apply_extraction(&mut st, &cancel, &c);
    assert_eq!(
        plan_for(&ws, &st, &cancel),
        Plan::Reply(ReplyTopic::Dropped)
    );
}

#[test]
fn a_yes_that_changes_the_booking_awaiting_it_is_no_confirmation() {
    let day = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let call = ToolCall::CreateBooking {
        service: "manicura".into(),
        then: Vec::new(),
        date: day,
        time: NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
        staff: Some("sofi".into()),
        customer_name: "Ana".into(),
        customer_phone: None,
        contact_phone: None,
        idempotency_key: "k".into(),
    };
    let mut st = ConversationState::default();
    st.resolved.name = Some("Ana".into());
    st.resolved.date = Some(day);
    assert!(!changes_pending(&st, &call));
    // "dale, ponelo a nombre de mi hermana Julieta".
    st.resolved.name = Some("Julieta".into());
    assert!(changes_pending(&st, &call));
}
