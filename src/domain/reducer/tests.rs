//! The reducer's unit tests: extractions and observations applied to a state.
use super::*;
use crate::domain::actions::{Observation, SlotOffer, ToolCall};
use crate::domain::catalog::tests::demo;
use crate::domain::state::LastVisit;
use crate::domain::understanding::{Signals, Slots};

pub(crate) fn ex(intent: Intent, slots: &[(SlotName, &str)]) -> Extraction {
    let mut s = Slots::default();
    for (n, v) in slots {
        s.set(*n, Some(v.to_string()));
    }
    Extraction {
        intent,
        confidence: 1.0,
        slots: s,
        signals: Signals::default(),
    }
}

/// An offer at `h` o'clock on `day`, with Caro.
fn offer(day: NaiveDate, h: u32) -> SlotOffer {
    SlotOffer {
        date: day,
        time: chrono::NaiveTime::from_hms_opt(h, 0, 0).unwrap(),
        staff: "caro".into(),
    }
}

/// What a check of `service` on `day` found, as the store says it: not free at `time` (or
/// the whole day's times, with `time` absent), `slots` free instead.
fn found(
    service: &str,
    day: NaiveDate,
    time: Option<chrono::NaiveTime>,
    slots: Vec<SlotOffer>,
) -> crate::domain::actions::Availability {
    crate::domain::actions::Availability {
        service: service.into(),
        then: vec![],
        date: day,
        time,
        available: false,
        staff: None,
        then_staff: vec![],
        room: None,
        instead: None,
        slots,
        unbookable: None,
    }
}

/// `a` observed as the answer to the check that asked for it (`staff` asked for, if any).
fn observe_check(
    st: &mut ConversationState,
    ws: &Workspace,
    a: crate::domain::actions::Availability,
    staff: Option<&str>,
) {
    let call = ToolCall::CheckAvailability {
        service: a.service.clone(),
        then: a.then.clone(),
        date: a.date,
        time: a.time,
        staff: staff.map(str::to_string),
        moving: None,
        part: None,
    };
    apply_observation(st, ws, &call, &Observation::Availability(a));
}

pub(crate) fn ctx(ws: &Workspace) -> TurnContext<'_> {
    TurnContext {
        ws,
        now: NaiveDateTime::parse_from_str("2026-11-25 14:03", "%Y-%m-%d %H:%M").unwrap(),
        customer_phone: Some("5491155551234".into()),
    }
}

#[test]
fn slots_accumulate_and_resolve() {
    let ws = demo();
    let c = ctx(&ws);
    let mut st = ConversationState::default();
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::ServiceType, "mechitas")]),
        &c,
    );
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::PreferredDate, "el viernes")]),
        &c,
    );
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::PreferredTime, "17:00")]),
        &c,
    );
    assert_eq!(st.flow, Some(Flow::Book));
    assert_eq!(st.resolved.service.as_deref(), Some("mechas"));
    assert_eq!(
        st.resolved.date.map(|d| d.to_string()).as_deref(),
        Some("2026-11-27")
    );
    assert_eq!(
        st.resolved.time.map(|t| t.to_string()).as_deref(),
        Some("17:00:00")
    );
    assert_eq!(st.resolved.phone.as_deref(), Some("5491155551234"));
    // A later value replaces an earlier one.
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::PreferredDate, "el sábado")]),
        &c,
    );
    assert_eq!(
        st.resolved.date.map(|d| d.to_string()).as_deref(),
        Some("2026-11-28")
    );
    assert_eq!(st.turns, 4);
}

#[test]
fn changing_details_drops_a_pending_confirmation() {
    let ws = demo();
    let c = ctx(&ws);
    let mut st = ConversationState {
        pending: Some(crate::domain::state::Pending {
            call: ToolCall::CancelBooking {
                booking_id: "BK-1".into(),
                phone: None,
            },
        }),
        ..Default::default()
    };
    apply_extraction(
        &mut st,
        &ex(Intent::Chitchat, &[(SlotName::ClientName, "Ana")]),
        &c,
    );
    assert!(
        st.pending.is_some(),
        "a name does not change what was confirmed"
    );
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::PreferredTime, "18:00")]),
        &c,
    );
    assert!(st.pending.is_none());
}

proptest::proptest! {
    #[test]
    fn reducer_never_loses_the_latest_slot(values in proptest::collection::vec((0usize..8, "[a-z0-9 ]{1,12}"), 1..20)) {
        let ws = demo();
        let c = ctx(&ws);
        let mut st = ConversationState::default();
        let mut last = std::collections::HashMap::new();
        for (k, v) in &values {
            let name = SlotName::ALL[*k];
            let v = if name == SlotName::PreferredTime { "10:30".to_string() } else { v.clone() };
            if v.trim().is_empty() { continue; }
            apply_extraction(&mut st, &ex(Intent::Book, &[(name, &v)]), &c);
            last.insert(name, v);
        }
        for (name, v) in last {
            proptest::prop_assert_eq!(st.slots.get(name), Some(v.as_str()));
        }
    }
}

#[test]
fn a_bare_time_after_offers_of_one_day_takes_that_day() {
    let ws = demo();
    let c = ctx(&ws);
    let mut st = ConversationState::default();
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::ServiceType, "corte")]),
        &c,
    );
    let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    st.offers = vec![offer(day, 10), offer(day, 11)];
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::PreferredTime, "11:00")]),
        &c,
    );
    assert_eq!(st.resolved.date, Some(day));
    assert_eq!(st.resolved.time, chrono::NaiveTime::from_hms_opt(11, 0, 0));
}

#[test]
fn a_yes_to_the_one_time_offered_takes_it_and_to_several_takes_none() {
    let ws = demo();
    let c = ctx(&ws);
    let day = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let offer = |h: u32| offer(day, h);
    let mut yes = ex(Intent::Chitchat, &[]);
    yes.signals.affirmation = Some(true);
    for (offers, taken) in [(vec![offer(18)], true), (vec![offer(18), offer(19)], false)] {
        let mut st = ConversationState {
            flow: Some(Flow::Book),
            expected_slot: Some(SlotName::PreferredTime),
            offers,
            ..Default::default()
        };
        apply_extraction(&mut st, &yes, &c);
        let want = taken.then(|| offer(18));
        assert_eq!(st.resolved.date, want.as_ref().map(|o| o.date));
        assert_eq!(st.resolved.time, want.as_ref().map(|o| o.time));
    }
}

/// A state right after booking `BK-1000` for 2026-11-27 at 15:00, `turns_ago` turns ago.
pub(crate) fn just_booked(turns_ago: u32) -> ConversationState {
    ConversationState {
        turns: 5 + turns_ago,
        last_booking: Some("BK-1000".into()),
        last_visit: Some(LastVisit {
            date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            time: chrono::NaiveTime::from_hms_opt(15, 0, 0).unwrap(),
            turn: 5,
            end: chrono::NaiveTime::from_hms_opt(15, 45, 0),
            several: false,
            for_other: false,
        }),
        ..Default::default()
    }
}

#[test]
fn a_time_right_after_booking_moves_that_booking() {
    let ws = demo();
    let mut st = just_booked(0);
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::PreferredTime, "15:30")]),
        &ctx(&ws),
    );
    assert_eq!(st.flow, Some(Flow::Reschedule));
    assert_eq!(st.resolved.booking_id.as_deref(), Some("BK-1000"));
    // Later in the conversation, or naming a service, it is a new booking.
    for (mut st, slots) in [
        (just_booked(3), vec![(SlotName::PreferredTime, "15:30")]),
        (
            just_booked(0),
            vec![
                (SlotName::ServiceType, "manicura"),
                (SlotName::PreferredTime, "15:30"),
            ],
        ),
    ] {
        apply_extraction(&mut st, &ex(Intent::Book, &slots), &ctx(&ws));
        assert_eq!(st.flow, Some(Flow::Book), "{slots:?}");
    }
}

#[test]
fn an_hour_later_moves_by_an_hour_until_that_time_is_taken() {
    let ws = demo();
    let mut st = just_booked(0);
    let mut e = ex(Intent::Other, &[]);
    e.signals.shift = Some(Shift::Later);
    e.signals.shift_by = Some(60);
    apply_extraction(&mut st, &e, &ctx(&ws));
    assert_eq!(st.flow, Some(Flow::Reschedule));
    assert_eq!(st.move_by, Some(60));
    assert!(st.keep_date);
    // 16:00 is not free: the customer picks a time, the planner does not ask 16:00 again.
    let day = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let sixteen = chrono::NaiveTime::from_hms_opt(16, 0, 0);
    let busy = found("corte-dama", day, sixteen, vec![offer(day, 17)]);
    let call = ToolCall::CheckAvailability {
        service: "corte-dama".into(),
        then: vec![],
        date: day,
        time: busy.time,
        staff: None,
        moving: Some("BK-1000".into()),
        part: None,
    };
    apply_observation(&mut st, &demo(), &call, &Observation::Availability(busy));
    assert_eq!(st.move_by, None);
    assert!(st.kept_time_busy);
}

#[test]
fn another_booking_the_same_day_takes_that_day_and_asks_whose() {
    let ws = demo();
    let mut st = just_booked(0);
    st.resolved.name = Some("Ana".into());
    let mut e = ex(
        Intent::Book,
        &[
            (SlotName::ServiceType, "manicura"),
            (SlotName::PreferredTime, "16:00"),
        ],
    );
    e.signals.another = true;
    e.signals.same_day = true;
    apply_extraction(&mut st, &e, &ctx(&ws));
    assert_eq!(st.flow, Some(Flow::Book));
    assert_eq!(st.resolved.date, NaiveDate::from_ymd_opt(2026, 11, 27));
    assert_eq!(st.resolved.name, None);
}

#[test]
fn a_question_about_ones_bookings_opens_no_flow() {
    let ws = demo();
    let mut st = ConversationState::default();
    let mut e = ex(Intent::Reschedule, &[(SlotName::PreferredDate, "viernes")]);
    e.signals.topic = Some(Topic::Bookings);
    apply_extraction(&mut st, &e, &ctx(&ws));
    assert_eq!(st.flow, None);
}

#[test]
fn a_new_booking_asked_for_when_none_was_found_to_change_starts_one() {
    let ws = demo();
    let c = ctx(&ws);
    let mut st = ConversationState::default();
    apply_extraction(&mut st, &ex(Intent::Reschedule, &[]), &c);
    assert_eq!(st.flow, Some(Flow::Reschedule));
    // No booking found: "¿no tengo turno? entonces quiero uno nuevo para el viernes, corte".
    let mut new = ex(
        Intent::Reschedule,
        &[
            (SlotName::ServiceType, "corte"),
            (SlotName::PreferredDate, "el viernes"),
        ],
    );
    new.signals.new_booking = true;
    apply_extraction(&mut st, &new, &c);
    assert_eq!(st.flow, Some(Flow::Book));
    assert_eq!(st.resolved.service.as_deref(), Some("corte-dama"));
    assert!(st.resolved.date.is_some());
    // With the booking to cancel known, the phrase starts nothing.
    let mut st = ConversationState::default();
    apply_extraction(&mut st, &ex(Intent::Cancel, &[]), &c);
    st.target = Some(crate::domain::actions::BookingInfo {
        booking_id: "BK-1".into(),
        service: "corte-dama".into(),
        service_name: "Corte de dama".into(),
        staff: "caro".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        time: chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        duration_minutes: 45,
        customer_name: "Ana".into(),
        customer_phone: None,
        status: crate::domain::actions::BookingStatus::Confirmed,
        contact_phone: None,
        then: Vec::new(),
    });
    new.intent = Intent::Cancel;
    apply_extraction(&mut st, &new, &c);
    assert_eq!(st.flow, Some(Flow::Cancel));
}

#[test]
fn another_stylist_asked_for_takes_the_next_who_does_the_service() {
    let ws = demo();
    let c = ctx(&ws);
    let mut st = ConversationState::default();
    apply_extraction(
        &mut st,
        &ex(
            Intent::Book,
            &[
                (SlotName::ServiceType, "corte"),
                (SlotName::StaffName, "Caro"),
            ],
        ),
        &c,
    );
    assert_eq!(st.resolved.staff.as_deref(), Some("caro"));
    let mut other = ex(Intent::Other, &[]);
    other.signals.other_staff = true;
    apply_extraction(&mut st, &other, &c);
    assert_eq!(st.resolved.staff.as_deref(), Some("martin"));
    // Only Sofi does manicures: nothing changes.
    let mut st = ConversationState::default();
    apply_extraction(
        &mut st,
        &ex(
            Intent::Book,
            &[
                (SlotName::ServiceType, "manicura"),
                (SlotName::StaffName, "Sofi"),
            ],
        ),
        &c,
    );
    apply_extraction(&mut st, &other, &c);
    assert_eq!(st.resolved.staff.as_deref(), Some("sofi"));
}

/// A booking of `services` (first to last, back to back from 15:00) with `staff`.
pub(crate) fn booked(services: &[&str], staff: &str) -> crate::domain::actions::BookingInfo {
    use crate::domain::actions::{BookingInfo, BookingPart, BookingStatus};
    let at = |h: u32| chrono::NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    BookingInfo {
        booking_id: "BK-1000".into(),
        service: services[0].into(),
        service_name: services[0].into(),
        staff: staff.into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        time: at(15),
        duration_minutes: 60,
        customer_name: "Ana".into(),
        customer_phone: Some("5491155551234".into()),
        status: BookingStatus::Confirmed,
        contact_phone: None,
        then: services[1..]
            .iter()
            .zip(16..)
            .map(|(s, h)| BookingPart {
                service: (*s).into(),
                service_name: (*s).into(),
                staff: staff.into(),
                time: at(h),
                duration_minutes: 60,
            })
            .collect(),
    }
}

#[test]
fn a_service_corrected_right_after_booking_changes_that_booking() {
    let ws = demo();
    let mut st = just_booked(0);
    let mut fix = ex(Intent::Book, &[(SlotName::ServiceType, "pedicura")]);
    fix.signals.corrects = true;
    apply_extraction(&mut st, &fix, &ctx(&ws));
    assert_eq!(st.flow, Some(Flow::Reschedule));
    assert_eq!(st.resolved.booking_id.as_deref(), Some("BK-1000"));
    assert!(st.keep_date && st.keep_time, "same day and time");
    assert_eq!(st.service_change, vec!["pedicura".to_string()]);
    // Without a correction, a service named right after booking is a new booking.
    let mut st = just_booked(0);
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::ServiceType, "pedicura")]),
        &ctx(&ws),
    );
    assert_eq!(st.flow, Some(Flow::Book));
    assert!(st.service_change.is_empty());
}

#[test]
fn a_change_of_service_keeps_the_number_of_services() {
    let ws = demo();
    let mut st = ConversationState {
        target: Some(booked(&["manicura"], "sofi")),
        service_change: vec!["pedicura".into()],
        ..Default::default()
    };
    assert_eq!(st.changed_services(&ws), Some(vec!["pedicura".to_string()]));
    // "en vez de manicura, pedicura" names both: the one it is not for replaces it.
    st.service_change = vec!["manicura".into(), "pedicura".into()];
    assert_eq!(st.changed_services(&ws), Some(vec!["pedicura".to_string()]));
    // Naming its own service changes nothing; two new ones for one would change the count.
    st.service_change = vec!["manicura".into()];
    assert_eq!(st.changed_services(&ws), None);
    st.service_change = vec!["pedicura".into(), "cejas".into()];
    assert_eq!(st.changed_services(&ws), None);
    // A visit of two: the one named among them is replaced; unnamed, it is unclear.
    st.target = Some(booked(&["corte-dama", "color"], "caro"));
    st.service_change = vec!["color".into(), "brushing".into()];
    assert_eq!(
        st.changed_services(&ws),
        Some(vec!["corte-dama".to_string(), "brushing".to_string()])
    );
    // Unnamed, the one done by the same stylists: mechas (Caro, Lucía) replace the colour
    // (Caro, Lucía), not the cut (Caro, Martín).
    st.service_change = vec!["mechas".into()];
    assert_eq!(
        st.changed_services(&ws),
        Some(vec!["corte-dama".to_string(), "mechas".to_string()])
    );
    // Brushing (Caro, Lucía, Martín) is as like the cut as the colour: unclear.
    st.service_change = vec!["brushing".into()];
    assert_eq!(st.changed_services(&ws), None);
    // Not looked up yet: nothing to compute.
    st.target = None;
    assert_eq!(st.changed_services(&ws), None);
}

#[test]
fn a_service_added_right_after_booking_starts_when_the_visit_ends() {
    let ws = demo();
    let mut add = ex(Intent::Book, &[(SlotName::ServiceType, "pedicura")]);
    add.signals.adds = true;
    let mut st = just_booked(0);
    apply_extraction(&mut st, &add, &ctx(&ws));
    assert_eq!(st.flow, Some(Flow::Book));
    assert_eq!(st.resolved.service.as_deref(), Some("pedicura"));
    assert_eq!(st.resolved.date, NaiveDate::from_ymd_opt(2026, 11, 27));
    assert_eq!(st.resolved.time, chrono::NaiveTime::from_hms_opt(15, 45, 0));
    // A day named is that day; later in the conversation nothing is taken.
    let mut st = just_booked(0);
    let mut other_day = add.clone();
    other_day.slots.preferred_date = Some("sábado".into());
    apply_extraction(&mut st, &other_day, &ctx(&ws));
    assert_eq!(st.resolved.time, None);
    let mut st = just_booked(3);
    apply_extraction(&mut st, &add, &ctx(&ws));
    assert_eq!((st.resolved.date, st.resolved.time), (None, None));
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
    apply_extraction(&mut st, &ex(Intent::Cancel, &[]), &c);
    assert!(st.drops_booking);
    // Naming a day is about a booking made: that one is looked up.
    let mut st = ConversationState::default();
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::ServiceType, "cejas")]),
        &c,
    );
    apply_extraction(
        &mut st,
        &ex(Intent::Cancel, &[(SlotName::PreferredDate, "jueves")]),
        &c,
    );
    assert!(!st.drops_booking);
    assert_eq!(st.flow, Some(Flow::Cancel));
}

#[test]
fn a_vague_span_is_searched_when_booking_and_names_nothing_to_cancel() {
    let ws = demo();
    let c = ctx(&ws);
    // Wednesday 2026-11-25: "la semana que viene" starts on Tuesday 1 December (Mondays
    // are closed).
    let mut st = ConversationState::default();
    apply_extraction(
        &mut st,
        &ex(
            Intent::Book,
            &[
                (SlotName::ServiceType, "cejas"),
                (SlotName::PreferredDate, "la semana que viene"),
            ],
        ),
        &c,
    );
    assert_eq!(st.resolved.date, NaiveDate::from_ymd_opt(2026, 12, 1));
    let mut st = ConversationState::default();
    apply_extraction(
        &mut st,
        &ex(Intent::Cancel, &[(SlotName::PreferredDate, "esta semana")]),
        &c,
    );
    assert_eq!(st.resolved.date, None);
}

#[test]
fn the_coming_weekday_after_this_one_was_offered_is_the_week_after() {
    let ws = demo();
    let c = ctx(&ws);
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d);
    let asked = |first: &str| {
        let mut st = ConversationState::default();
        let e = ex(
            Intent::Book,
            &[
                (SlotName::ServiceType, "keratina"),
                (SlotName::PreferredDate, first),
            ],
        );
        apply_extraction(&mut st, &e, &c);
        assert_eq!(st.resolved.date, day(28), "{first}");
        let again = ex(
            Intent::Book,
            &[(SlotName::PreferredDate, "el sábado que viene")],
        );
        apply_extraction(&mut st, &again, &c);
        st.resolved.date
    };
    // "este sábado", then "¿y el sábado que viene?": the one after.
    assert_eq!(asked("este sábado"), NaiveDate::from_ymd_opt(2026, 12, 5));
    // "el sábado", then "el sábado que viene": the same day said again.
    assert_eq!(asked("el sábado"), day(28));
}

#[test]
fn the_first_and_the_last_count_in_the_part_of_the_day_listed() {
    use crate::domain::understanding::DayPart;
    let ws = demo();
    let c = ctx(&ws);
    let day = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let mut afternoon = ex(Intent::Book, &[]);
    afternoon.signals.day_part = Some(DayPart::Afternoon);
    for (pick, h) in [(Pick::Nth(0), 13), (Pick::Last, 18)] {
        let mut st = ConversationState {
            flow: Some(Flow::Book),
            expected_slot: Some(SlotName::PreferredTime),
            // The whole day is offered; "a la tarde" listed 13:00 to 18:00.
            offers: (10..19).map(|h| offer(day, h)).collect(),
            ..Default::default()
        };
        apply_extraction(&mut st, &afternoon, &c);
        let mut said = ex(Intent::Book, &[]);
        said.signals.pick = Some(pick);
        apply_extraction(&mut st, &said, &c);
        assert_eq!(st.resolved.time, chrono::NaiveTime::from_hms_opt(h, 0, 0));
    }
}

#[test]
fn the_times_offered_for_a_busy_one_are_counted_whole() {
    use crate::domain::understanding::DayPart;
    let ws = demo();
    let c = ctx(&ws);
    let day = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let mut st = ConversationState {
        flow: Some(Flow::Book),
        offers_part: Some(DayPart::Afternoon),
        ..Default::default()
    };
    // 16:00 is busy: the nearest times, morning ones too, are offered.
    let sixteen = chrono::NaiveTime::from_hms_opt(16, 0, 0);
    let slots = vec![offer(day, 11), offer(day, 12), offer(day, 17)];
    observe_check(&mut st, &ws, found("corte-dama", day, sixteen, slots), None);
    assert_eq!(st.offers_part, None);
    st.expected_slot = Some(SlotName::PreferredTime);
    let mut first = ex(Intent::Book, &[]);
    first.signals.pick = Some(Pick::Nth(0));
    apply_extraction(&mut st, &first, &c);
    assert_eq!(st.resolved.time, chrono::NaiveTime::from_hms_opt(11, 0, 0));
}

#[test]
fn a_service_and_a_day_read_as_small_talk_open_a_booking() {
    let ws = demo();
    // Small talk, or a price question that asks for a day ("¿cuánto sale y tenés el
    // viernes?").
    for (intent, service) in [
        (Intent::Chitchat, "manicura"),
        (Intent::InfoPrices, "brushing"),
    ] {
        let mut st = ConversationState::default();
        let said = ex(
            intent,
            &[
                (SlotName::ServiceType, service),
                (SlotName::PreferredDate, "viernes"),
            ],
        );
        apply_extraction(&mut st, &said, &ctx(&ws));
        assert_eq!(st.flow, Some(Flow::Book), "{intent:?}");
    }
    // Small talk alone opens nothing.
    let mut st = ConversationState::default();
    apply_extraction(&mut st, &ex(Intent::Chitchat, &[]), &ctx(&ws));
    assert_eq!(st.flow, None);
}

/// "cualquier día menos el miércoles, a las 10": the first open day not turned down, and not
/// today once the hour asked for has passed (the clock is Wednesday 25/11 at 14:03).
#[test]
fn any_day_but_one_takes_the_first_open_day_left() {
    let ws = demo();
    let c = ctx(&ws);
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d);
    for (time, not, want) in [
        ("10:00", vec![chrono::Weekday::Wed], day(26)),
        ("18:00", vec![chrono::Weekday::Wed], day(26)),
        ("18:00", vec![], day(25)),
        ("10:00", vec![], day(26)),
        ("10:00", vec![chrono::Weekday::Thu], day(27)),
    ] {
        let mut st = ConversationState::default();
        let mut e = ex(
            Intent::Book,
            &[
                (SlotName::ServiceType, "corte"),
                (SlotName::PreferredTime, time),
            ],
        );
        e.signals.soonest = true;
        e.signals.not_weekdays = not.clone();
        apply_extraction(&mut st, &e, &c);
        assert_eq!(st.resolved.date, want, "{time} {not:?}");
    }
}

mod changes;

#[test]
fn a_weekday_after_a_coming_week_is_that_weeks() {
    let ws = demo();
    let c = ctx(&ws);
    let mut st = ConversationState::default();
    let asked = ex(
        Intent::Book,
        &[
            (SlotName::ServiceType, "corte"),
            (SlotName::PreferredDate, "la semana que viene"),
        ],
    );
    apply_extraction(&mut st, &asked, &c);
    assert_eq!(st.resolved.date, NaiveDate::from_ymd_opt(2026, 12, 1));
    // "el jueves", asked on a Wednesday: the next week's, not tomorrow.
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::PreferredDate, "el jueves")]),
        &c,
    );
    assert_eq!(st.resolved.date, NaiveDate::from_ymd_opt(2026, 12, 3));
    // With no week asked before, the coming Thursday.
    let mut st = ConversationState::default();
    let thursday = ex(
        Intent::Book,
        &[
            (SlotName::ServiceType, "corte"),
            (SlotName::PreferredDate, "el jueves"),
        ],
    );
    apply_extraction(&mut st, &thursday, &c);
    assert_eq!(st.resolved.date, NaiveDate::from_ymd_opt(2026, 11, 26));
}

#[test]
fn a_time_after_another_days_times_were_offered_is_on_that_day() {
    let ws = demo();
    let c = ctx(&ws);
    let closed = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let offered = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut st = ConversationState {
        flow: Some(Flow::Book),
        expected_slot: Some(SlotName::PreferredDate),
        offers: vec![offer(offered, 10), offer(offered, 11)],
        ..Default::default()
    };
    st.resolved.service = Some("corte-dama".into());
    st.resolved.date = Some(closed);
    apply_extraction(
        &mut st,
        &ex(Intent::Book, &[(SlotName::PreferredTime, "16:00")]),
        &c,
    );
    assert_eq!(st.resolved.date, Some(offered));
    assert_eq!(st.resolved.time, chrono::NaiveTime::from_hms_opt(16, 0, 0));
}

#[test]
fn a_service_added_to_a_booking_had_follows_the_one_on_the_day_told() {
    use crate::domain::state::Attach;
    let mut two = booked(&["brushing", "manicura"], "caro");
    two.booking_id = "BK-2000".into();
    let mut other = booked(&["pedicura"], "sofi");
    other.date = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let found = [two.clone(), other.clone()];
    let ws = demo();
    // Several and no day: the day is asked, and the next lookup says which.
    let mut st = ConversationState::default();
    super::readings::follow_booking(&mut st, &ws, &found);
    assert_eq!(st.attach, Some(Attach::Which));
    assert_eq!(st.resolved.time, None);
    // The day told: that booking's visit, from when its last service ends (15:00 + 2 h).
    st.resolved.date = Some(two.date);
    super::readings::follow_booking(&mut st, &ws, &found);
    assert_eq!(st.attach, None);
    assert_eq!(st.resolved.time, chrono::NaiveTime::from_hms_opt(17, 0, 0));
    assert_eq!(st.attached_to.as_deref(), Some("BK-2000"));
    // "pedicura después del corte del sábado" told a Saturday before hers: her next one's,
    // and the pedicura she has is the one followed, not booked again.
    let mut st = ConversationState::default();
    st.resolved.date = other.date.checked_sub_days(chrono::Days::new(7));
    st.resolved.service = Some("cejas".into());
    st.resolved.also = vec!["pedicura".into()];
    super::readings::follow_booking(&mut st, &ws, &found);
    assert_eq!(st.resolved.date, Some(other.date));
    assert_eq!(st.resolved.service.as_deref(), Some("cejas"));
    assert!(st.resolved.also.is_empty());
}
