//! The state reducer: folds each extraction and each tool observation into the conversation
//! state. Slots accumulate (a later value replaces an earlier one); surface dates and times
//! are resolved against the message's own timestamp in the business's time zone; a pending
//! confirmation survives until it is answered or its details change.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::catalog::Workspace;
use crate::domain::normalize::{
    format_time, normalize_phone, parse_hhmm, proper_name, resolve_date, weekday_hour,
};
use crate::domain::offers;
use crate::domain::state::{Attach, ConversationState, Flow};
use crate::domain::understanding::{Extraction, Intent, Pick, Shift, SlotName, Topic};
use crate::domain::when::search_from;

mod instead;
mod last;
mod observe;
mod readings;
mod staff;
mod visits;
use last::{about_last_booking, moves_last_booking, names_another_booking, take_back_dropped};
pub use observe::apply_observation;
use readings::{for_whom, reopen_when, whose_name};
use staff::{other_staff, take_target};

/// What a turn knows besides the message.
#[derive(Debug, Clone)]
pub struct TurnContext<'a> {
    pub ws: &'a Workspace,
    /// The message's timestamp in the workspace's zone.
    pub now: NaiveDateTime,
    /// The sender's phone as the channel reports it (digits), when known.
    pub customer_phone: Option<String>,
}

/// Applies one extraction.
pub fn apply_extraction(state: &mut ConversationState, ex: &Extraction, ctx: &TurnContext) {
    state.turns = state.turns.saturating_add(1);
    state.visit_queued = false;
    // A booking named by its service ("el de manos", "la manicura era para el viernes"), or
    // the last booking's own service named beside another ("manicura el viernes y pedicura
    // el jueves"): which booking goes when, not another service for it.
    let by_service = ex.signals.by_its_service
        || (ex.slots.services.len() > 1
            && (ex.slots.service_ids(ctx.ws).iter())
                .any(|id| state.last_service.as_ref() == Some(id)));
    // "corte el viernes y uñas el sábado": this message books the first visit.
    // ("y también cejas el sábado" before the yes: queued after the booking pending.)
    let aside = visits::queued_aside(state, ex, ctx);
    let aside_queued = aside.is_some();
    let (split, queue) = aside
        .or_else(|| visits::first_visit(state, ex, ctx))
        .unzip();
    let ex = split.as_ref().unwrap_or(ex);
    let own = readings::hours_aside(state, ex, ctx.now.date()).or_else(|| visits::own_time(ex));
    let ex = own.as_ref().unwrap_or(ex);
    // "no, solo el mío", "el de mi mamá no, cancelalo" to the second person's booking
    // offered: it is let go (and the customer's own stays).
    let second = std::mem::take(&mut state.second_of_two);
    let theirs_off = second
        && ex.intent == Intent::Cancel
        && ex.signals.other_person.is_some()
        && ex.signals.other_person == state.second_label;
    if second && (ex.signals.affirmation == Some(false) && ex.slots.is_empty() || theirs_off) {
        state.end_flow();
    }
    // "¿Querés que te reserve un turno?" after "¿hacen semi?": a yes books it.
    // Not "bueno, lo pienso", nor a yes to a person offered instead.
    let takes_offer = state.flow.is_none()
        && state.last_info == Some(Intent::InfoServices)
        && state.asked_service.is_some()
        && ex.signals.affirmation == Some(true)
        && !ex.signals.closes
        && !state.offered_handoff
        && ex.slots.is_empty();
    state.last_info = matches!(
        ex.intent,
        Intent::InfoPrices | Intent::InfoServices | Intent::InfoHours
    )
    .then_some(ex.intent);
    readings::note_asked_service(state, ex, ctx.ws);
    take_back_dropped(state, ex);
    // "a la tarde": the next listing shows that part of the day's times.
    if ex.signals.day_part.is_some() {
        state.offers_part = ex.signals.day_part;
    }
    // Identity comes from the channel alone; a number typed in the text is contact data.
    state.channel_phone = ctx.customer_phone.clone().filter(|p| !p.is_empty());
    if state.resolved.phone.is_none() {
        state.resolved.phone = ctx.customer_phone.clone().filter(|p| !p.is_empty());
    }

    // The profile name offered for the booking: a yes takes it, a no asks for the name.
    if state.expected_slot == Some(SlotName::ClientName) && ex.slots.client_name.is_none() {
        // "ok, ¿y se puede pagar con tarjeta?": that "ok" answers what came before; the
        // name is still asked.
        let aside = ex.signals.topic.is_some()
            || matches!(
                ex.intent,
                Intent::InfoPrices | Intent::InfoHours | Intent::InfoServices
            );
        if let Some(name) = state.offered_name.clone().filter(|_| !aside) {
            match ex.signals.affirmation {
                Some(true) => {
                    state.slots.client_name = Some(name.clone());
                    state.resolved.name = Some(name);
                    state.expected_slot = None;
                    state.offered_name = None;
                }
                // "no, a las 6" corrects the time, "no, otro día" asks the day again: the
                // no is not about the name.
                Some(false) if ex.slots.is_empty() && !ex.signals.other_day => {
                    state.offered_name = None;
                    state.name_offer_declined = true;
                }
                Some(_) => {}
                None => {}
            }
        }
    }

    let idle = state.flow.is_none();
    state.drops_booking = theirs_off || last::drops_booking(state, ex, ctx.ws);
    if state.drops_booking {
        return;
    }
    // Flow switches. A question about one's bookings ("¿quedó el turno del viernes?") opens
    // none, whatever intent it read as: the planner looks the bookings up. Nor does one for
    // the team with nothing of a booking ("¿puedo ir acompañada?").
    let status_question = ex.signals.topic == Some(Topic::Bookings);
    let opens_none =
        status_question || (ex.signals.topic == Some(Topic::Expert) && ex.slots.is_empty());
    // "¿puede ser con otra chica?" right after booking: that booking, same day and time,
    // another stylist.
    let swaps_last = ex.signals.other_staff
        && about_last_booking(state, ex)
        && ex.slots.service_type.is_none()
        && ex.slots.staff_name.is_none();
    // "me equivoqué, era pedicura" right after booking: that booking, another service (same
    // day and time unless the message names them).
    let changes_last = ex.signals.corrects
        && ex.intent != Intent::Cancel
        && !by_service
        && about_last_booking(state, ex)
        && ex.slots.service_type.is_some()
        && ex.signals.topic.is_none()
        && !(ex.signals.adds || ex.signals.for_two);
    // "sacame la pedicura" right after booking manos y pies: that visit, trimmed.
    let trims_last = last::trims_last_booking(state, ex, ctx);
    // "quería sacar la pedicura del turno del sábado": that booking, trimmed.
    let trims_told = last::trims_told_booking(state, ex, ctx);
    // "perdón, el nombre es Nicolás" right after booking: that booking, under that name.
    let rename = last::renames_last_booking(state, ex);
    let moves_last = moves_last_booking(state, ex)
        || swaps_last
        || changes_last
        || trims_last
        || rename.is_some();
    // "¿no tengo turno? entonces quiero uno nuevo": asked which booking to change or cancel
    // (none was found), the customer books a new one instead.
    // So does "dale, reservame pedicura el viernes" once the lookup found nothing: a verb of
    // booking with a service named ("es el de corte del viernes" still describes the booking
    // to change).
    let no_booking = matches!(state.flow, Some(Flow::Reschedule | Flow::Cancel))
        && state.target.is_none()
        && state.candidates.is_empty()
        && ex.slots.booking_id.is_none();
    let rebooks = last::rebooks_cancelled(state, ex);
    let starts_new = rebooks
        || no_booking
            && (ex.signals.new_booking
                || (state.searched && ex.signals.books && ex.slots.service_type.is_some()));
    // "somos dos, manicura lo antes posible" read as small talk outside a flow, or "¿cuánto
    // sale el brushing y tenés hoy?" as a price question: a service and when to have it are
    // a booking (the price is said with the day's times).
    let details = ex.slots.service_type.is_some()
        && (ex.signals.soonest
            || ex.slots.preferred_date.is_some()
            || ex.slots.preferred_time.is_some());
    // ("la vez pasada esperé 40 minutos… igual quiero manicura el jueves": a complaint too.)
    let aside = matches!(
        ex.intent,
        Intent::Chitchat | Intent::Greeting | Intent::InfoPrices
    ) || (ex.intent == Intent::Other && ex.signals.topic == Some(Topic::Complaint));
    // ("las cejas cancelalas, solo semi" while booking both: the booking goes on, trimmed.)
    let adds_on = readings::adds_on(state, ex) || last::cancel_trims_pending(state, ex, ctx.ws);
    let moves_by_service = last::moves_by_its_service(state, ex, by_service);
    let flow = if moves_last || trims_told || moves_by_service {
        Some(Flow::Reschedule)
    } else if starts_new
        || adds_on
        || takes_offer
        || (state.flow.is_none() && aside && details)
        || (state.flow.is_none() && ex.intent == Intent::InfoHours && ex.signals.books)
    {
        Some(Flow::Book)
    } else {
        Flow::from_intent(ex.intent).filter(|_| !opens_none)
    };
    if let Some(flow) = flow {
        let keep = match (state.flow, flow) {
            _ if starts_new => false,
            (Some(cur), new) if cur == new => true,
            // Giving the new date of a reschedule reads as "book" out of context.
            (Some(Flow::Reschedule), Flow::Book) => true,
            // Before it is booked, "pasalo al viernes" changes the booking being made.
            (Some(Flow::Book), Flow::Reschedule) => ex.slots.booking_id.is_none(),
            _ => false,
        };
        if !keep {
            let carry = state.flow.is_none();
            let previous = state.clone();
            state.end_flow();
            state.flow = Some(flow);
            // "¿me lo pasás a la mañana del mismo día?": the part asked for is the new flow's.
            state.offers_part = ex.signals.day_part;
            // Slots given before the flow started (a price question about "mechas") carry over.
            if carry {
                state.slots = previous.slots;
                state.resolved = previous.resolved;
            } else if starts_new && ex.slots.service_type.is_none() {
                // "I booked a haircut but…" found nothing: "ok, I want a new one" is for it.
                state.slots.service_type = previous.slots.service_type;
                state.resolved.service = previous.resolved.service;
            }
        }
    }
    if takes_offer {
        state.resolved.service = state.asked_service.clone();
    }
    readings::take_both_asked(state, ex, ctx.ws);
    visits::take_queue(state, queue, aside_queued, moves_by_service);
    if state.flow == Some(Flow::Book) && ex.signals.for_two {
        visits::take_party(state, ex);
    }
    // "cancelalo", "pasámelo" right after booking: the booking just made, even when the
    // customer has others; not when the message names another one ("el corte del 8/1
    // pasámelo…" after booking a brushing).
    let that_one = ex.signals.that_one
        && state.just_booked()
        && matches!(state.flow, Some(Flow::Cancel | Flow::Reschedule))
        && state.target.is_none()
        && ex.slots.booking_id.is_none()
        && !names_another_booking(state, ex, ctx);
    if moves_last || that_one {
        state.resolved.booking_id = state.last_booking.clone();
    }
    if swaps_last || changes_last || trims_last || trims_told || rename.is_some() {
        state.keep_date |= ex.slots.preferred_date.is_none();
        state.keep_time |= ex.slots.preferred_time.is_none();
    }
    if rename.is_some() {
        state.rename = rename;
    }
    // "con la misma chica de la otra vez": looked up (planner) unless someone is named.
    state.wants_usual |=
        state.flow == Some(Flow::Book) && ex.signals.usual_staff && ex.slots.staff_name.is_none();
    // "cancelame todos los turnos", "los dos": every booking found (planner).
    state.cancel_all |= state.flow == Some(Flow::Cancel) && ex.signals.all_of_them;
    whose_name(state, ex);
    let mut added_to_told = false;
    let mut follows_visit = false;
    // "¿y puedo agregar pedicura?", "y la manicura también el viernes" right after booking
    // Friday's: a booking of its own on the visit's day, from when the visit ends (unless
    // the message names another day, or a time).
    let visit_day = state.last_visit.map(|v| v.date);
    // ("y para mí un brushing cuando ella termine": the same, for another person.)
    if idle
        && state.flow == Some(Flow::Book)
        && (ex.signals.adds && !ex.signals.another || ex.signals.right_after)
        && state.just_booked()
        && ex.slots.service_type.is_some()
        && (ex.slots.preferred_date.as_deref())
            .is_none_or(|d| resolve_date(d, ctx.now.date()) == visit_day)
        && ex.slots.preferred_time.is_none()
        && readings::follows_the_last(state, ex, ctx.ws)
    {
        follows_visit = true;
        if let Some(last) = state.last_visit {
            take_date(state, last.date);
            if let Some(end) = last.end {
                take_time(state, end);
            }
        }
    } else if idle && state.flow == Some(Flow::Book) && ex.signals.adds {
        added_to_told = readings::after_a_booking_told(state, ex, ctx);
        state.attach = (state.channel_phone.is_some()
            && state.resolved.time.is_none()
            && (added_to_told || readings::adds_to_one_had(ex)))
        .then_some(Attach::LookUp);
    }
    // "y otro turno igual para el miércoles siguiente": the service and time of the booking
    // just made, on the day named.
    if let (Some(Flow::Book), true, None) =
        (state.flow, ex.signals.same_visit, &ex.slots.service_type)
    {
        if let (Some(service), Some(last)) = (state.last_service.clone(), state.last_visit) {
            state.resolved.service = Some(service);
            if ex.slots.preferred_time.is_none() {
                take_time(state, last.time);
            }
            // "y para mi hermana lo mismo a las 18": that day, no other named.
            if ex.slots.preferred_date.is_none()
                && (ex.slots.preferred_time.is_some() || ex.signals.another)
            {
                take_date(state, last.date);
            }
        }
    }
    // "y otro para mi hermana el mismo día": the day (and time) of the booking just made.
    if let (Some(Flow::Book), Some(last)) = (state.flow, state.last_visit) {
        if ex.signals.same_day && ex.slots.preferred_date.is_none() {
            take_date(state, last.date);
        }
        if ex.signals.same_time && ex.slots.preferred_time.is_none() {
            take_time(state, last.time);
            // "¿y para mí? manicura a la misma hora" after a booking: that day too.
            if ex.slots.preferred_date.is_none() && state.resolved.date.is_none() {
                take_date(state, last.date);
            }
        }
    }
    if state.flow == Some(Flow::Reschedule) {
        if let Some(day) = ex.signals.booked_date.as_deref() {
            state.booked_date = resolve_date(day, ctx.now.date()).or(state.booked_date);
        }
        state.keep_date |= ex.signals.same_day && ex.slots.preferred_date.is_none();
        state.keep_time |= ex.signals.same_time && ex.slots.preferred_time.is_none();
        if ex.slots.preferred_date.is_some() {
            state.kept_time_busy = false;
        }
        // "¿me lo pasás una hora más tarde?": the same day, the time moved by that much (no
        // amount: the day's free times).
        if let (Some(shift), None, None) = (
            ex.signals.shift,
            &ex.slots.preferred_date,
            &ex.slots.preferred_time,
        ) {
            state.keep_date = true;
            state.move_by = ex.signals.shift_by.map(|m| match shift {
                Shift::Later => i32::from(m),
                Shift::Earlier => -i32::from(m),
            });
        }
        if ex.slots.preferred_time.is_some() {
            state.move_by = None;
        }
    }
    // "¿algo más temprano?" while booking: the time on the table gives way to a listing of
    // the earlier (later) ones.
    if ex.slots.preferred_time.is_some() {
        state.shifted = None;
    }
    if let (Some(Flow::Book), Some(shift), None) =
        (state.flow, ex.signals.shift, &ex.slots.preferred_time)
    {
        // The time chosen, or the last one listed ("¿algo más tarde?" after a listing).
        let shown = offers::shown(&state.offers, state.offers_part, state.shifted);
        let listed = match shift {
            Shift::Earlier => shown.first(),
            Shift::Later => shown.last(),
        };
        let on_table = state.resolved.time.or(listed.map(|o| o.time));
        if let (Some(pivot), Some(_)) = (on_table, state.resolved.date) {
            state.shifted = Some((shift, pivot));
            reopen_when(state, false, true);
        }
    }
    // "mejor otro día" while booking: the day is asked again; the time the customer gave
    // stays ("keratina el miércoles a las 10" … "no, otro día" … "el viernes" → the Friday
    // at 10, or what is free that day).
    if state.flow == Some(Flow::Book) && ex.signals.other_day {
        reopen_when(state, true, false);
    }
    // "mejor a la mañana", "antes de las 12" while booking, with a time outside it on the
    // table: the time gives way to a listing of that part's times.
    if let (Some(Flow::Book), Some(part), None, Some(time)) = (
        state.flow,
        ex.signals.day_part,
        &ex.slots.preferred_time,
        state.resolved.time,
    ) {
        if !part.contains(time) {
            reopen_when(state, false, true);
            state.offers_part = Some(part);
        }
    }
    // "a la tarde", "a las 16" after another day's times were offered instead: that day's.
    if let Some(day) = readings::offered_day_for_part(state, ex) {
        reopen_when(state, false, true);
        take_date(state, day);
    }
    if state.flow.is_none() && ex.intent != Intent::Chitchat {
        // Outside a flow, an informational message does not leave booking details behind.
        state.pending = None;
    }

    let before = (state.resolved.clone(), state.slots.clone());
    let week_on_table = readings::week_on_table(state);
    let days_on_table = readings::days_on_table(state);
    // A question about another booking in the middle of this one names that one's day, not
    // a change of this one's.
    let about_another = status_question && state.flow == Some(Flow::Book);
    let mut hour_of_the_day = None;
    // "soy Marcela, la mamá de Juli…": who writes is no name for Juli's booking.
    let for_them = state.flow == Some(Flow::Book) && readings::in_their_name(ex);
    let slots = ex
        .slots
        .iter()
        .filter(|_| !about_another)
        .filter(|(n, _)| !(for_them && *n == SlotName::ClientName));
    for (name, value) in slots.filter(|(n, v)| !(added_to_told && readings::told(ex, *n, v))) {
        state.slots.set(name, Some(value.to_string()));
        let r = &mut state.resolved;
        match name {
            SlotName::ServiceType => {
                r.service = ctx
                    .ws
                    .resolve_service(value)
                    .map(|s| for_whom(ctx.ws, ex, &s.id))
                    .map(|id| readings::as_asked(ctx.ws, state.asked_all.last(), id));
            }
            SlotName::PreferredDate => {
                // "¿tenés lugar esta semana?": a span is searched from its first day (that
                // day's free times, or the next open day's), never asked for again. For a
                // cancel the date names the booking: a span names none.
                let searching = matches!(state.flow, Some(Flow::Book | Flow::Reschedule));
                r.date = resolve_date(value, ctx.now.date()).or_else(|| {
                    let from = search_from(value, ctx.now.date()).filter(|_| searching)?;
                    // Its first open day (a closed Monday is no answer to "next week").
                    Some(ctx.ws.first_open_day(from))
                });
                // "la semana que viene" on the table, then "el martes": that week's Tuesday.
                if let Some(d) = readings::in_the_week_asked(week_on_table, value, ctx.now.date()) {
                    r.date = Some(d);
                }
                r.date = readings::the_day_on_table(&days_on_table, value, r.date).or(r.date);
                r.date = readings::weekday_meant(&before, value).or(r.date);
                let closed = state.found_closed.or(state.told_closed);
                let asked = before.1.preferred_date.as_deref();
                r.date = readings::the_week_after(closed, asked, before.0.date, value, r.date);
                // "corte jueves 11" with no Thursday the 11th near: Thursday at 11.
                if ex.slots.preferred_time.is_none() {
                    if let Some((date, time)) = weekday_hour(value, ctx.now.date()) {
                        r.date = Some(date);
                        r.time = Some(time);
                        hour_of_the_day = Some(time);
                    }
                }
            }
            SlotName::PreferredTime => {
                r.time = parse_hhmm(value);
            }
            SlotName::StaffName => {
                r.staff = ctx.ws.resolve_staff(value).map(|s| s.id.clone());
            }
            SlotName::ClientName => r.name = Some(proper_name(value)),
            SlotName::ClientEmail => r.email = Some(value.trim().to_lowercase()),
            SlotName::ClientPhone => {
                let p = normalize_phone(value);
                if !p.is_empty() {
                    r.phone = Some(p);
                }
            }
            SlotName::BookingId => r.booking_id = Some(value.trim().to_uppercase()),
        }
        if state.expected_slot == Some(name) {
            state.expected_slot = None;
        }
    }
    if let Some(time) = hour_of_the_day {
        state.slots.preferred_time = Some(format_time(time));
    }
    readings::same_visit_next_week(state, ex);
    // Several services in one message ("corte y color"): one visit, back to back. A message
    // that names one service leaves one.
    if ex.slots.service_type.is_some() {
        state.slots.services = ex.slots.services.clone();
        let mut ids: Vec<String> = Vec::new();
        for id in ex.slots.service_ids(ctx.ws) {
            let id = readings::as_asked(ctx.ws, state.asked_all.last(), for_whom(ctx.ws, ex, &id));
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let r = &mut state.resolved;
        if r.service.is_none() && !ids.is_empty() {
            r.service = Some(ids.remove(0));
        }
        ids.retain(|id| Some(id) != r.service.as_ref());
        r.also = ids;
        // "y también color" while booking a cut: the new service follows the ones before.
        if ex.signals.adds && state.flow == Some(Flow::Book) {
            if let Some(first) = before.0.service.clone() {
                let mut all = before.0.also.clone();
                all.extend(state.resolved.service.take());
                all.append(&mut state.resolved.also);
                all.retain(|id| *id != first);
                all.dedup();
                state.resolved.service = Some(first);
                state.resolved.also = all;
                let mut surfaces = if before.1.services.is_empty() {
                    before.1.service_type.iter().cloned().collect()
                } else {
                    before.1.services.clone()
                };
                if ex.slots.services.is_empty() {
                    surfaces.extend(ex.slots.service_type.clone());
                } else {
                    surfaces.extend(ex.slots.services.iter().cloned());
                }
                state.slots.service_type = before.1.service_type.clone();
                state.slots.services = surfaces;
            }
        }
    }
    if follows_visit {
        last::drop_visit_service(state, ctx.ws);
    }
    if state.flow == Some(Flow::Book) && !ex.signals.second_services.is_empty() {
        visits::split_for_two(state, ex, ctx.ws);
    }
    // A service named while changing a booking: with a correction ("era pedicura", "en vez
    // de manicura"), or once the booking is known, it is what the booking is for now; one
    // the booking already has only names it (`changed_services`).
    if state.flow == Some(Flow::Reschedule)
        && ex.slots.service_type.is_some()
        && (ex.signals.corrects || state.target.is_some())
        && !ex.signals.another
        && !by_service
    {
        state.service_change = ex.slots.service_ids(ctx.ws);
    }
    last::take_trim(state, ex, ctx.ws);
    // "no, mejor semi" with times listed for a manicure: the new service's times are looked up.
    if state.flow == Some(Flow::Book) && state.resolved.service != before.0.service {
        state.offers.clear();
        state.expected_slot = state
            .expected_slot
            .filter(|s| *s != SlotName::PreferredTime);
    }
    // A booking picked from several candidates by id.
    if let Some(id) = &state.resolved.booking_id {
        if let Some(b) = state
            .candidates
            .iter()
            .find(|b| &b.booking_id == id)
            .cloned()
        {
            take_target(state, ctx.ws, b);
        }
    }
    // "a las 11" after "te puedo ofrecer el miércoles 9 a las 10:00, 11:00…": that day.
    if ex.slots.preferred_time.is_some()
        && ex.slots.preferred_date.is_none()
        && state.resolved.date.is_none()
        && state.flow == Some(Flow::Book)
    {
        if let Some(day) = state.offers_day() {
            take_date(state, day);
        }
    }
    // "lo antes posible", "el primer turno que tengas": the first open day from today, its
    // free times listed (the next open day's when none are left). A day named instead
    // ("mejor el viernes") is the customer's choice again.
    if ex.slots.preferred_date.is_some() {
        state.soonest = ex.signals.first_of_day;
    }
    readings::take_latest(state, ex);
    if ex.signals.soonest
        && ex.slots.preferred_date.is_none()
        && matches!(state.flow, Some(Flow::Book | Flow::Reschedule))
    {
        state.soonest = true;
        // "cualquier día menos el martes": the first open day that is not one turned down
        // (nor today when the hour asked for has passed, or the business has closed).
        let mut day = ctx.ws.first_open_day(ctx.now.date());
        for _ in 0..14 {
            let turned_down = ex
                .signals
                .not_weekdays
                .contains(&chrono::Datelike::weekday(&day));
            let now = ctx.now.time();
            let closed_today = || {
                let hours = ctx.ws.hours_on(chrono::Datelike::weekday(&day));
                hours.iter().all(|(_, close)| *close <= now)
            };
            let passed = day == ctx.now.date()
                && (state.resolved.time.is_some_and(|t| t <= now) || closed_today());
            if !turned_down && !passed {
                break;
            }
            day = ctx.ws.first_open_day(day + chrono::Duration::days(1));
        }
        take_date(state, day);
        // A change asked that way keeps no booked hour.
        state.kept_time_busy |=
            state.flow == Some(Flow::Reschedule) && ex.slots.preferred_time.is_none();
    }
    // "¿me lo pasás al viernes después de las 6?": the booked hour stays only inside it.
    if let (Some(Flow::Reschedule), Some(part), None) =
        (state.flow, ex.signals.day_part, &ex.slots.preferred_time)
    {
        let booked = state.target.as_ref().map(|t| t.time);
        state.kept_time_busy |= booked.is_none_or(|t| !part.contains(t));
    }
    instead::take_instead(state, ex, ctx.ws);
    instead::take_kin(state, ex, ctx.ws);
    // A yes to the one time offered ("te puedo ofrecer el viernes a las 10:00") takes it.
    if state.expected_slot == Some(SlotName::PreferredTime)
        && ex.signals.affirmation == Some(true)
        && ex.slots.preferred_time.is_none()
        && ex.slots.preferred_date.is_none()
    {
        // After "el primer turno disponible", the first of those listed.
        // One time shown ("después de las 18" left the 18:00), the one offered.
        let shown = offers::shown(&state.offers, state.offers_part, state.shifted);
        let only = match (shown.as_slice(), state.offers.as_slice()) {
            ([one], _) => Some((*one).clone()),
            (_, [one]) => Some(one.clone()),
            ([first, ..], _) if state.soonest => Some((*first).clone()),
            _ => None,
        };
        if let Some(only) = only {
            let (date, time) = (only.date, only.time);
            take_date(state, date);
            take_time(state, time);
            state.expected_slot = None;
        }
    }
    // A yes to another day offered ("el domingo estamos cerrados. Te puedo ofrecer el
    // miércoles 9 a las 13:30, 14:00 y 14:30"): that day, at the time asked for when it is
    // among them (or the only one listed); else the day's times are asked.
    if state.expected_slot == Some(SlotName::PreferredDate)
        && matches!(state.flow, Some(Flow::Book | Flow::Reschedule))
        && ex.signals.affirmation == Some(true)
        && ex.slots.preferred_time.is_none()
        && ex.slots.preferred_date.is_none()
        && state.resolved.date.is_none()
    {
        if let Some(day) = state.offers_day() {
            let asked = state.slots.preferred_time.as_deref().and_then(parse_hhmm);
            let time = match state.offers.as_slice() {
                [only] => Some(only.time),
                offers => asked.filter(|t| offers.iter().any(|o| o.time == *t)),
            };
            take_date(state, day);
            match time {
                Some(time) => take_time(state, time),
                // Not among them: that day's times, not the hour asked checked again.
                None => (state.resolved.time, state.slots.preferred_time) = (None, None),
            }
            state.expected_slot = None;
        }
    }
    // "el primero", "la última" of the times offered: the day's, or those of the days
    // offered instead of a closed or full one.
    let choosing = match state.expected_slot {
        Some(SlotName::PreferredTime) => true,
        Some(SlotName::PreferredDate) => {
            matches!(state.flow, Some(Flow::Book | Flow::Reschedule))
                && state.resolved.date.is_none()
                && ex.slots.preferred_date.is_none()
        }
        // Times offered with nothing asked (a closed day's next ones), none taken yet.
        None => {
            state.flow == Some(Flow::Book)
                && state.pending.is_none()
                && state.resolved.time.is_none()
                && ex.slots.preferred_date.is_none()
        }
        _ => false,
    };
    if let (true, Some(pick), None) = (choosing, ex.signals.pick, &ex.slots.preferred_time) {
        let shown = offers::shown(&state.offers, state.offers_part, state.shifted);
        let offer = match pick {
            Pick::Nth(k) => shown.get(usize::from(k)).copied(),
            // The last one listed: the reply lists the first few ("y más tarde también").
            Pick::Last => shown.last().copied(),
            Pick::LastOfDay => offers::last_of_day(&state.offers, state.offers_part),
        };
        if let Some(o) = offer.cloned() {
            take_date(state, o.date);
            take_time(state, o.time);
            state.expected_slot = None;
        }
    }
    pick_by_details(state, ex);
    other_staff(state, ex, ctx.ws);
    let changed_booking_details = before.0.service != state.resolved.service
        || before.0.also != state.resolved.also
        || before.0.date != state.resolved.date
        || before.0.time != state.resolved.time
        || before.0.staff != state.resolved.staff
        || before.0.phone != state.resolved.phone;
    if before.0.date != state.resolved.date {
        // Offers were for the previous day: "¿y el sábado?" lists the new day's, in the
        // part of the day asked for before unless the message names another ("el jueves o
        // el viernes a la tarde" … "el viernes": Friday afternoon's).
        state.offers.clear();
        state.offers_part = ex.signals.day_part.or(state.offers_part);
        if state.expected_slot == Some(SlotName::PreferredTime) {
            state.expected_slot = None;
        }
        // "mejor el viernes": the time the customer gave still stands for the new day, even
        // when it was not free on the old one.
        if state.resolved.date.is_some()
            && ex.slots.preferred_time.is_none()
            && state.resolved.time.is_none()
        {
            state.resolved.time = state.slots.preferred_time.as_deref().and_then(parse_hhmm);
        }
    }
    if changed_booking_details {
        state.pending = None;
        if state.checked.as_ref().is_some_and(|c| {
            Some(c.date) != state.resolved.date || Some(c.time) != state.resolved.time
        }) || before.0.service != state.resolved.service
            || before.0.also != state.resolved.also
            || before.0.staff != state.resolved.staff
        {
            state.checked = None;
        }
    }
    // An explicit "no" to a pending confirmation withdraws it.
    if state.pending.is_some() && ex.signals.affirmation == Some(false) {
        state.pending = None;
    }
    readings::fit_part(state, ctx.ws);
}

/// A day taken from what was offered or booked, as if the customer had written it.
fn take_date(state: &mut ConversationState, date: NaiveDate) {
    state.resolved.date = Some(date);
    state.slots.preferred_date = Some(date.format("%-d/%-m").to_string());
}

/// A time taken from what was offered or booked, as if the customer had written it.
fn take_time(state: &mut ConversationState, time: NaiveTime) {
    state.resolved.time = Some(time);
    state.slots.preferred_time = Some(format_time(time));
}

/// "el de manos", "el del jueves", "el de las 12": the one booking of several listed that
/// matches what this message says (as already resolved into the state). Those words
/// described it; they change nothing.
fn pick_by_details(state: &mut ConversationState, ex: &Extraction) {
    if state.target.is_some() || state.candidates.len() < 2 {
        return;
    }
    let r = &state.resolved;
    let svc = r
        .service
        .clone()
        .filter(|_| ex.slots.service_type.is_some());
    let date = r.date.filter(|_| ex.slots.preferred_date.is_some());
    let time = r.time.filter(|_| ex.slots.preferred_time.is_some());
    if svc.is_none() && date.is_none() && time.is_none() {
        return;
    }
    let picked: Vec<_> = state
        .candidates
        .iter()
        .filter(|b| {
            svc.as_ref()
                .is_none_or(|s| &b.service == s || b.then.iter().any(|p| &p.service == s))
                && date.is_none_or(|d| b.date == d)
                && time.is_none_or(|t| b.time == t)
        })
        .collect();
    if let [one] = picked.as_slice() {
        state.target = Some((*one).clone());
        state.candidates.clear();
        if svc.is_some() {
            state.slots.service_type = None;
            state.resolved.service = None;
        }
        if date.is_some() {
            state.slots.preferred_date = None;
            state.resolved.date = None;
        }
        if time.is_some() {
            state.slots.preferred_time = None;
            state.resolved.time = None;
        }
    }
}

/// The reducer's tests; their builders (an extraction, a turn's context, a booking just made)
/// serve the planner's tests too.
#[cfg(test)]
pub(crate) mod tests;
