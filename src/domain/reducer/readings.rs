//! A reading's values taken in the conversation's context: whom a service is for, whose
//! name the booking goes in, when a service added to a booking told starts.

use chrono::NaiveDate;

use crate::domain::actions::{BookingInfo, BookingStatus};
use crate::domain::catalog::Workspace;
use crate::domain::normalize::{parse_hhmm, resolve_date};
use crate::domain::state::{Attach, ConversationState, Flow};
use crate::domain::understanding::{DayPart, Extraction, Intent, SlotName};

/// The service `id` for whom the visit is: "corte y barba", "corte para mi marido" take the
/// men's version of a generic service (not for two people, one of whom may not be a man,
/// unless the customer is a man booking his own first: "corte para mí y mi hijo" from
/// Juan), unless the stylist the customer asks for does not do it ("corte con Caro, soy
/// Bruno").
pub(super) fn for_whom(ws: &Workspace, ex: &Extraction, id: &str) -> String {
    let man = (ex.signals.for_a_man && !ex.signals.for_two) || ex.signals.own_is_a_man;
    let asked = ex
        .slots
        .staff_name
        .as_deref()
        .and_then(|s| ws.resolve_staff(s));
    ws.service(id)
        .filter(|_| man)
        .and_then(|s| ws.mens_version(s))
        .filter(|m| asked.is_none_or(|who| ws.staff_for(m).iter().any(|s| s.id == who.id)))
        .map_or_else(|| id.to_string(), |s| s.id.clone())
}

/// "¿cuánto sale el corte de hombre?" … "ok, entonces solo corte": the generic service is
/// the men's version last asked about.
pub(super) fn as_asked(ws: &Workspace, asked: Option<&String>, id: String) -> String {
    match ws.service(&id).and_then(|s| ws.mens_version(s)) {
        Some(m) if asked == Some(&m.id) => m.id.clone(),
        _ => id,
    }
}

/// Whether the booking is in the name of the one it is for ("para mi amiga Julieta"), not in
/// one the customer gives for it ("…, a nombre de Ana"); who writes ("soy Ana") is no name for
/// it.
pub(super) fn in_their_name(ex: &Extraction) -> bool {
    ex.signals.booking_for.is_some() && !(ex.signals.in_name_of && ex.slots.client_name.is_some())
}

/// Whose name the booking goes in: a second booking ("y otro para mi hermana") may be
/// someone else's, so the name is asked again; a relative's alone has her name asked (the
/// profile's not offered); "para mi amiga Julieta" is in hers.
pub(super) fn whose_name(state: &mut ConversationState, ex: &Extraction) {
    // A second booking ("y otro para mi hermana") may be someone else's: the name is asked
    // again (the profile's offered), unless the message gives it.
    if state.flow == Some(Flow::Book) && ex.signals.another && ex.slots.client_name.is_none() {
        state.resolved.name = None;
        state.slots.client_name = None;
    }
    // "para mi hija, a nombre de Agus": the booking is someone else's, whose name is given
    // (the one who writes is not greeted by it).
    if state.flow == Some(Flow::Book) && ex.signals.for_another {
        state.for_someone_else = true;
    }
    // "lo mismo para mi hermana": her name is asked, the profile's is not offered.
    if state.flow == Some(Flow::Book)
        && ex.signals.for_another
        && ex.slots.client_name.is_none()
        && ex.signals.booking_for.is_none()
    {
        state.resolved.name = None;
        state.slots.client_name = None;
        state.name_offer_declined = true;
        state.for_someone_else = true;
    }
    // With the customer's own booked first ("para mí y para mi hija Abril"), hers waits.
    if let (Some(Flow::Book), Some(who), true) =
        (state.flow, &ex.signals.booking_for, state.for_two)
    {
        if state.own_first && !state.second_of_two {
            state.second_name = Some(who.clone());
            return;
        }
    }
    // "para mi amiga Julieta", "soy Ana, la mamá de Juli, quería sacarle turno": the booking
    // is in her name.
    if let (Some(Flow::Book), Some(who), true) =
        (state.flow, &ex.signals.booking_for, in_their_name(ex))
    {
        state.slots.client_name = Some(who.clone());
        state.resolved.name = Some(who.clone());
        state.for_someone_else = true;
    }
}

/// "tengo turno el viernes a las 16 para corte, ¿puedo agregar brushing?": the service
/// added is a booking of its own on that day, from when the one told ends (the day's times
/// when its hour or its service is not told). A day or a time named for the new one wins.
/// Returns whether it applied: then the booking's own day and hour, when a reading took
/// them as wanted, are not the new one's ([`told`]).
pub(super) fn after_a_booking_told(
    state: &mut ConversationState,
    ex: &Extraction,
    ctx: &super::TurnContext,
) -> bool {
    let new = |name: SlotName| ex.slots.get(name).is_some_and(|v| !told(ex, name, v));
    if ex.slots.service_type.is_none()
        || new(SlotName::PreferredDate)
        || new(SlotName::PreferredTime)
        || ex.signals.another
    {
        return false;
    }
    let Some(day) = ex
        .signals
        .booked_date
        .as_deref()
        .and_then(|d| resolve_date(d, ctx.now.date()))
        .filter(|d| *d >= ctx.now.date())
    else {
        return false;
    };
    super::take_date(state, day);
    let start = ex.signals.booked_time.as_deref().and_then(parse_hhmm);
    let told = ex
        .signals
        .booked_service
        .as_deref()
        .and_then(|s| ctx.ws.resolve_service(s));
    if let (Some(start), Some(told)) = (start, told) {
        let (end, wrapped) = start
            .overflowing_add_signed(chrono::Duration::minutes(i64::from(told.duration_minutes)));
        if wrapped == 0 {
            super::take_time(state, end);
        }
    }
    true
}

/// "¿me agregás pestañas después?" right after booking, read as a change: a booking of its
/// own, whatever it read as; so is "¿me agregás cejas al turno (que tengo el jueves)?"
/// another day.
pub(super) fn adds_on(state: &ConversationState, ex: &Extraction) -> bool {
    state.flow.is_none()
        && (state.just_booked() || adds_to_one_had(ex))
        && ex.signals.adds
        && ex.slots.service_type.is_some()
        && ex.intent == crate::domain::understanding::Intent::Reschedule
}

/// "¿me agregás cejas al turno?", "…al turno que tengo el jueves": a service added, and no
/// day or hour named for it other than the booking's own.
pub(super) fn adds_to_one_had(ex: &Extraction) -> bool {
    let own = |name: SlotName| ex.slots.get(name).is_none_or(|v| told(ex, name, v));
    ex.slots.service_type.is_some()
        && !ex.signals.another
        && own(SlotName::PreferredDate)
        && own(SlotName::PreferredTime)
}

/// The customer's coming bookings, looked up to add a service to one ([`adds_to_one_had`]):
/// the one on the day told (her next one on that weekday when the day told has none), or
/// of the service named ("después del corte"), or the only one; the service added follows
/// it, from when its last service ends, and its own services are not booked again. Several
/// and none told: the day is asked as for any booking.
pub(super) fn follow_booking(
    state: &mut ConversationState,
    ws: &Workspace,
    bookings: &[BookingInfo],
) {
    let day = state.resolved.date;
    let live = || {
        bookings
            .iter()
            .filter(|b| b.status == BookingStatus::Confirmed)
    };
    let mut had: Vec<&BookingInfo> = live().filter(|b| day.is_none_or(|d| b.date == d)).collect();
    // "después del corte del sábado" with none this Saturday: her next Saturday's.
    if let (Some(d), true) = (day, had.is_empty()) {
        had = crate::domain::actions::on_next_same_weekday(live(), d);
    }
    // Several: the one of a service named ("después del corte").
    let named: Vec<&String> = state
        .resolved
        .service
        .iter()
        .chain(&state.resolved.also)
        .collect();
    let of_named = |b: &BookingInfo| b.service_ids().iter().any(|id| named.contains(&id));
    if had.len() > 1 && had.iter().filter(|b| of_named(b)).count() == 1 {
        had.retain(|b| of_named(b));
    }
    // Several and no day told: the day the customer names next says which.
    state.attach = (had.len() > 1 && day.is_none()).then_some(Attach::Which);
    let [b] = had.as_slice() else {
        return;
    };
    let end = b
        .time
        .overflowing_add_signed(chrono::Duration::minutes(i64::from(b.total_minutes())));
    if end.1 == 0 {
        super::take_date(state, b.date);
        super::take_time(state, end.0);
        state.attached_to = Some(b.booking_id.clone());
        // "cejas después del corte": the cut is the booking followed, not booked again.
        super::last::drop_pending(state, ws, &b.service_ids());
    }
}

/// Whether the service a new one follows ("después del corte"), if named, is the visit just
/// booked's.
pub(super) fn follows_the_last(state: &ConversationState, ex: &Extraction, ws: &Workspace) -> bool {
    let told = ex.signals.booked_service.as_deref();
    told.and_then(|s| ws.resolve_service(s))
        .is_none_or(|s| state.last_service.as_deref() == Some(s.id.as_str()))
}

/// Whether a slot's value is the day or the hour of the booking the message tells.
pub(super) fn told(ex: &Extraction, name: SlotName, value: &str) -> bool {
    let booked = match name {
        SlotName::PreferredDate => &ex.signals.booked_date,
        SlotName::PreferredTime => &ex.signals.booked_time,
        _ => return false,
    };
    booked.as_deref() == Some(value)
}

/// "a la tarde" or "a las 16" while booking or changing a booking, naming no day, when the
/// times on the table are another day's, offered instead of a closed or full one (the day is
/// asked again): that day, for its part of the day to be listed or the time checked.
pub(super) fn offered_day_for_part(
    state: &ConversationState,
    ex: &Extraction,
) -> Option<chrono::NaiveDate> {
    let day = state.offers.first()?.date;
    let one_day = state.offers.iter().all(|o| o.date == day);
    (matches!(state.flow, Some(Flow::Book | Flow::Reschedule))
        && state.expected_slot == Some(SlotName::PreferredDate)
        && (ex.signals.day_part.is_some() || ex.slots.preferred_time.is_some())
        && ex.slots.preferred_date.is_none()
        && one_day
        && state.resolved.date != Some(day))
    .then_some(day)
}

/// The day on the table when the customer asked for a coming week ("la semana que viene"):
/// for a change of a booking in that week already, the week after the booking's (as the
/// planner reads it).
pub(super) fn week_on_table(state: &ConversationState) -> Option<chrono::NaiveDate> {
    use crate::domain::when::names_a_coming_week;
    state
        .slots
        .preferred_date
        .as_deref()
        .filter(|s| names_a_coming_week(s))?;
    let d = state.resolved.date?;
    let week = chrono::Duration::days(7);
    Some(match (&state.target, state.flow) {
        (Some(t), Some(Flow::Reschedule)) if d <= t.date && t.date < d + week => d + week,
        _ => d,
    })
}

/// The weekday of a day said alone ("el martes", "el jueves entonces"), not of a coming
/// week ("el martes que viene").
fn weekday_alone(day: &str) -> Option<chrono::Weekday> {
    use crate::domain::when::{names_a_coming_week, parse_date, DateExpr, WeekdayMode};
    match parse_date(day) {
        Some(DateExpr::Weekday(wd, WeekdayMode::Next)) if !names_a_coming_week(day) => Some(wd),
        _ => None,
    }
}

/// A weekday alone ("el martes") after a coming week was asked for (`on_table`, from
/// [`week_on_table`]): that week's, not the coming Tuesday, which may be in this one.
pub(super) fn in_the_week_asked(
    on_table: Option<chrono::NaiveDate>,
    day: &str,
    today: chrono::NaiveDate,
) -> Option<chrono::NaiveDate> {
    let (that, wd) = (on_table?, weekday_alone(day)?);
    let d = crate::domain::when::in_week_of(that, wd);
    (d > today).then_some(d)
}

/// The days on the table: the one asked or checked, and those of the times offered.
pub(super) fn days_on_table(state: &ConversationState) -> Vec<chrono::NaiveDate> {
    let mut days: Vec<chrono::NaiveDate> = state.resolved.date.into_iter().collect();
    days.extend(state.offers.iter().map(|o| o.date));
    days
}

/// A weekday alone ("el martes entonces", "el jueves") with a later day of that weekday on
/// the table (offered, or the one being booked): that one, not the coming one before it.
pub(super) fn the_day_on_table(
    on_table: &[chrono::NaiveDate],
    day: &str,
    plain: Option<chrono::NaiveDate>,
) -> Option<chrono::NaiveDate> {
    use chrono::Datelike;
    let (plain, wd) = (plain?, weekday_alone(day)?);
    on_table
        .iter()
        .filter(|d| d.weekday() == wd && **d > plain && (**d - plain).num_days() <= 21)
        .min()
        .copied()
}

/// "color el sábado 17" (a Thursday) was said to be another weekday, then "ah, el sábado
/// entonces": the Saturday of that week, next to the 17th.
pub(super) fn weekday_meant(
    before: &(
        crate::domain::state::Resolved,
        crate::domain::understanding::Slots,
    ),
    day: &str,
) -> Option<chrono::NaiveDate> {
    use crate::domain::when::{parse_date, DateExpr};
    use chrono::Datelike;
    let (on_table, wd) = (before.0.date?, weekday_alone(day)?);
    let Some(DateExpr::WeekdayDay(named, _)) =
        before.1.preferred_date.as_deref().and_then(parse_date)
    else {
        return None;
    };
    (wd == named && on_table.weekday() != wd)
        .then(|| {
            (-3..=3)
                .map(|k| on_table + chrono::Duration::days(k))
                .find(|d| d.weekday() == wd)
        })
        .flatten()
}

/// Puts the day and/or the time back on the table: what was offered or checked for them, and
/// a confirmation built on them, go too.
pub(super) fn reopen_when(state: &mut ConversationState, date: bool, time: bool) {
    if date {
        state.slots.preferred_date = None;
        state.resolved.date = None;
    }
    if time {
        state.slots.preferred_time = None;
        state.resolved.time = None;
    }
    state.offers.clear();
    state.checked = None;
    state.pending = None;
    state.expected_slot = None;
}

/// "el miércoles lo último que tengas", "lo más tarde posible": the day's last free time.
/// With that day's times on the table (and no other day named), the last of them is taken
/// now; else the day's availability, once checked, gives it (`observe`).
pub(super) fn take_latest(state: &mut ConversationState, ex: &Extraction) {
    if ex.slots.preferred_time.is_some() {
        state.latest = false;
    }
    if !ex.signals.last_of_day || !matches!(state.flow, Some(Flow::Book | Flow::Reschedule)) {
        return;
    }
    state.latest = true;
    let day = state.resolved.date.or(state.offers.first().map(|o| o.date));
    let last = state
        .offers
        .iter()
        .filter(|o| Some(o.date) == day)
        .max_by_key(|o| o.time)
        .cloned();
    if let (Some(o), None) = (last, &ex.slots.preferred_date) {
        super::take_date(state, o.date);
        super::take_time(state, o.time);
        state.latest = false;
        state.offers.clear();
        state.expected_slot = None;
    }
}

/// "¿hacen alisado?": the service a bare "¿y cuánto dura?" asks about next; the one asked
/// about before it stays, for "¿y si me hago las dos?".
pub(super) fn note_asked_service(state: &mut ConversationState, ex: &Extraction, ws: &Workspace) {
    let named = ex.slots.service_ids(ws);
    let asks = matches!(ex.intent, Intent::InfoPrices | Intent::InfoServices);
    for id in named.iter().filter(|_| asks) {
        state.asked_all.retain(|a| a != id);
        state.asked_all.push(id.clone());
    }
    let over = state.asked_all.len().saturating_sub(4);
    state.asked_all.drain(..over);
    if !named.is_empty() {
        let asked = (named.len() == 1).then(|| named[0].clone());
        if asked.is_some() && state.asked_service.is_some() && asked != state.asked_service {
            state.asked_before = state.asked_service.take();
        }
        state.asked_service = asked;
    } else if ex.slots.service_type.is_some() {
        // "¿hacen uñas esculpidas?": not offered, nothing to book on a yes.
        state.asked_service = None;
    }
}

/// "¿cuánto sale el semi?", "¿y las cejas?", "quiero las dos el jueves": a booking of both
/// services asked about, in that order.
pub(super) fn take_both_asked(state: &mut ConversationState, ex: &Extraction, ws: &Workspace) {
    // ("turno para las dos" is two people.)
    let two_people = ex.signals.for_two || state.for_two;
    if state.flow != Some(Flow::Book)
        || !ex.signals.both
        || two_people
        || ex.slots.service_type.is_some()
    {
        return;
    }
    // The last two asked about ("las dos"), the last three ("las tres cosas"), or all.
    let all = &state.asked_all;
    let k = ex.signals.both_count.map_or(all.len(), usize::from);
    let asked: Vec<String> = if k >= 2 && all.len() >= k {
        all[all.len() - k..].to_vec()
    } else {
        match (state.asked_before.clone(), state.asked_service.clone()) {
            (Some(first), Some(second)) => vec![first, second],
            _ => return,
        }
    };
    let name = |id: &str| ws.service(id).map(|s| s.name.clone());
    state.slots.service_type = name(&asked[0]);
    state.slots.services = asked.iter().filter_map(|id| name(id)).collect();
    state.resolved.service = Some(asked[0].clone());
    state.resolved.also = asked[1..].to_vec();
    state.asked_all.clear();
}

/// A weekday named again for the day on the table is the next one after it:
/// - "el martes 8 estamos cerrados", then "bueno, el martes que viene a las 17": the Tuesday
///   after the one just told closed (no one asks again for it);
/// - "¿tenés para este finde?" (this Saturday's times offered), then "¿y el sábado que
///   viene?": the Saturday after the one "this" named (with "el sábado" asked before, "el
///   sábado que viene" is the same day said again).
pub(super) fn the_week_after(
    closed: Option<NaiveDate>,
    asked_before: Option<&str>,
    on_table: Option<NaiveDate>,
    span: &str,
    date: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let weekday = matches!(
        crate::domain::when::parse_date(span),
        Some(crate::domain::when::DateExpr::Weekday(..))
    );
    let folded = crate::text::fold(span);
    let next = ["que viene", "proximo", "proxima", "next", "que vem"]
        .iter()
        .any(|w| folded.contains(w));
    let this = asked_before.is_some_and(|d| {
        let d = crate::text::fold(d);
        [
            "este ",
            "esta ",
            "this ",
            "finde",
            "fin de semana",
            "weekend",
            "hoy",
        ]
        .iter()
        .any(|w| d.contains(w))
    });
    match date {
        Some(d) if weekday && (closed == Some(d) || (next && this && on_table == Some(d))) => {
            Some(d + chrono::Duration::days(7))
        }
        other => other,
    }
}

/// "¿llego a salir antes de las 14?": once the visit is known, the times it can start at to
/// be over by then.
pub(super) fn fit_part(state: &mut ConversationState, ws: &Workspace) {
    let Some(part @ DayPart::DoneBy(..)) = state.offers_part else {
        return;
    };
    let minutes: u32 = state
        .resolved
        .service
        .iter()
        .chain(&state.resolved.also)
        .filter_map(|id| ws.service(id))
        .map(|s| s.duration_minutes)
        .sum();
    if minutes > 0 {
        state.offers_part = Some(part.fit(minutes));
    }
}

/// "¿a qué hora cierran el sábado?" while a day is on the table: the day of an hours
/// question, not the day for the booking (the question is answered, the booking keeps its
/// day). A day with a time or a service, or a booking verb, is a choice.
pub(super) fn hours_aside(
    state: &mut ConversationState,
    ex: &Extraction,
    today: NaiveDate,
) -> Option<Extraction> {
    state.hours_day = None;
    let on_table = state.resolved.date.is_some() || !state.offers.is_empty();
    let aside = ex.intent == Intent::InfoHours
        && state.flow == Some(Flow::Book)
        && on_table
        && !ex.signals.books
        && ex.slots.preferred_date.is_some()
        && ex.slots.preferred_time.is_none()
        && ex.slots.service_type.is_none();
    if !aside {
        return None;
    }
    state.hours_day = ex
        .slots
        .preferred_date
        .as_deref()
        .and_then(|d| resolve_date(d, today));
    let mut aside = ex.clone();
    aside.slots.preferred_date = None;
    Some(aside)
}

/// "otro turno igual para el miércoles siguiente" after Wednesday's: the week after, not
/// the same day.
pub(super) fn same_visit_next_week(state: &mut ConversationState, ex: &Extraction) {
    if let (true, Some(last)) = (ex.signals.same_visit, state.last_visit) {
        let same = ex.slots.preferred_date.is_some() && state.resolved.date == Some(last.date);
        if same && state.flow == Some(Flow::Book) && !ex.signals.same_day {
            super::take_date(state, last.date + chrono::Duration::days(7));
        }
    }
}
