//! The rule-based extractor: keywords and patterns over folded WhatsApp Spanish.
//!
//! It is the legacy route, the fallback of the model route, and the source of the hints and
//! "certain" decisions the model route builds on. It scores every intent from cue phrases,
//! applies the labelling guide's precedence for mixed messages, and reads slots with the
//! shared normalizers and the workspace catalog.

use crate::domain::catalog::Workspace;
use crate::domain::normalize::{bare_date, bare_time, find_dates, find_times, TimeMatch};
use crate::domain::understanding::DayPart;
use crate::domain::when::{bound, excluded, range, refused, Bound, DateExpr};
use crate::nlu::candidates::{self, Candidate};
use crate::nlu::contacts::{find_booking_id, find_email, find_phone};
use crate::nlu::cues::{cue_matches, score, taken_back_until};
use crate::nlu::lexicon::lexicon;
use crate::nlu::links;
use crate::nlu::signals::{self, Topic};
use crate::nlu::staff::find_staff;
use crate::nlu::{ExtractContext, Extraction, Intent, SlotName, Slots};
use crate::text::Words;

mod asks;
mod decide;
mod names;
mod weigh;
use decide::decide;
use names::find_name;
pub(super) use names::{is_capitalized, looks_like_name_word};

/// What the rules saw in a message, beyond the final extraction: per-intent cue scores and
/// every candidate span, for the model route's hints.
#[derive(Debug, Clone)]
pub struct RuleAnalysis {
    pub extraction: Extraction,
    /// Cue score per intent, in `Intent::ALL` order.
    pub scores: [f32; 9],
    /// True when the decision rests on an unambiguous cue (one strong intent, or a context
    /// answer like a bare "sí" to a pending confirmation).
    pub certain: bool,
    /// Every date, time and service the message names, with the cues around each.
    pub candidates: Vec<Candidate>,
}

/// The rule extractor. Stateless; the workspace supplies the catalog.
#[derive(Debug, Default, Clone, Copy)]
pub struct RuleExtractor;

impl RuleExtractor {
    pub fn extract(&self, ws: &Workspace, text: &str, ctx: &ExtractContext) -> Extraction {
        self.analyze(ws, text, ctx).extraction
    }

    pub fn analyze(&self, ws: &Workspace, text: &str, ctx: &ExtractContext) -> RuleAnalysis {
        self.analyze_as(ws, text, ctx, None)
    }

    /// The slots of `text` read for a given intent (which date or time a reschedule means
    /// depends on it) — for when another reader decided the intent.
    pub fn slots_for(
        &self,
        ws: &Workspace,
        text: &str,
        ctx: &ExtractContext,
        intent: Intent,
    ) -> Slots {
        self.analyze_as(ws, text, ctx, Some(intent))
            .extraction
            .slots
    }

    fn analyze_as(
        &self,
        ws: &Workspace,
        text: &str,
        ctx: &ExtractContext,
        forced: Option<Intent>,
    ) -> RuleAnalysis {
        let words = Words::new(text);
        let n = words.norms();
        let (mut signals, same_words) = weigh::first_signals(ws, text, &words, ctx);
        let mut dates = find_dates(&words);
        // Times offered, "el primero" is the first of them, not the 1st of the month.
        if signals.pick.is_some() {
            dates.clear();
        }
        // Asked the day, a bare "15" is the day of the month; but with times on the table
        // ("…a las 10:00, 10:30 y 11:00. ¿Te sirve alguno? Si no, decime otro día"), a
        // bare "10" that is one of them is that time.
        let asked_day = dates.is_empty() && ctx.expected_slot == Some(SlotName::PreferredDate);
        let offered_hour = asked_day
            .then(|| bare_time(&words))
            .flatten()
            .filter(|t| ctx.offered_times.contains(&t.value));
        if asked_day && offered_hour.is_none() {
            dates.extend(bare_date(&words));
        }
        // A time inside a date ("el 23.11") is the date's.
        let mut times: Vec<TimeMatch> = find_times(&words)
            .into_iter()
            .filter(|t| !dates.iter().any(|d| t.from < d.to && d.from < t.to))
            .collect();
        // Asked the time, a bare "10" is the hour.
        if times.is_empty()
            && dates.is_empty()
            && (ctx.expected_slot == Some(SlotName::PreferredTime) || offered_hour.is_some())
        {
            times.extend(bare_time(&words));
        }
        // "cualquier día menos el martes": no day wanted, one turned down.
        let not_days: Vec<_> = dates
            .iter()
            .filter(|d| excluded(&n, d.from, d.to))
            .collect();
        // "otro día?", "el jueves no puedo al final, ¿otro día?"; "uh, el jueves no puedo" (the
        // day turned down, no other named).
        signals.other_day = dates.len() == not_days.len()
            && (signals::other_day(&words)
                || (!dates.is_empty() && dates.iter().all(|d| refused(&n, d.to))));
        let soonest_words = signals::soonest(&words);
        // "pero no el miércoles, otro día": as "cualquier día menos el miércoles".
        let but_that_one = !not_days.is_empty() && signals::other_day(&words);
        // ("el primer turno libre que tengas" with times listed: the first of them, `pick`.)
        signals.soonest = dates.len() == not_days.len()
            && signals.pick.is_none()
            && (soonest_words || signals::any_day(&words) || but_that_one);
        signals.first_of_day = dates.len() > not_days.len()
            && times.is_empty()
            && (soonest_words || signals::first_of_day(&words));
        // "el último" among times listed is that one (`pick`), not the day's last.
        signals.last_of_day =
            times.is_empty() && signals.pick.is_none() && signals::last_of_day(&words);
        if signals.soonest {
            signals.not_weekdays = not_days
                .iter()
                .filter_map(|d| match d.expr {
                    DateExpr::Weekday(wd, _) => Some(wd),
                    _ => None,
                })
                .collect();
        }
        // "después de las 6", "antes de las 12": the times from (before) that one; else "a
        // la tarde": a part of the day, when no hour is given.
        // "entre las 14 y las 16": the range's start is the time, the range its part.
        let window = times
            .iter()
            .find_map(|t| match bound(&n, t, &times)? {
                Bound::From => Some(DayPart::From(t.value)),
                Bound::Before => Some(DayPart::Before(t.value)),
                // Started a minute before at the latest, until the visit's length is known.
                Bound::DoneBy => Some(DayPart::DoneBy(t.value, t.value).fit(1)),
            })
            .or_else(|| {
                times
                    .iter()
                    .find_map(|t| range(&n, t))
                    .map(|(from, to)| DayPart::Between(from, to))
            });
        if window.is_some() {
            signals.day_part = window;
        } else if times.is_empty() {
            signals.day_part = signals::day_part(&words);
            // "te escribo más tarde" lets the flow go; it asks for no later time. Nor does
            // "lo más tarde posible": the day's last.
            if !signals.closes && !signals.last_of_day && signals.pick.is_none() {
                signals.shift = signals::shift(&words);
                signals.shift_by = signals.shift.and_then(|_| signals::shift_amount(&words));
            }
        }
        // Asked the time, "a la tarde" answers it.
        let part_answers = signals.day_part.is_some() && asks::choosing(ctx);
        let complaint = signals.topic == Some(Topic::Complaint);
        let mut cands = candidates::services(ws, &words, complaint, &dates);
        let wanted_services: Vec<Candidate> = candidates::choose_services(&cands)
            .into_iter()
            .cloned()
            .collect();
        let spans: Vec<(usize, usize, String)> = wanted_services
            .iter()
            .map(|c| (c.from, c.to, c.value.clone()))
            .collect();
        signals.second_services = signals::second_services(&words, &spans);
        // "el de manos", or "la manicura era para el viernes".
        signals.by_its_service = spans.iter().any(|&(from, to, _)| {
            let w = |k: usize| from.checked_sub(k).map(|i| n[i]);
            let was = matches!(
                (n.get(to), n.get(to + 1)),
                (Some(&"era"), Some(&("para" | "el" | "a")))
            );
            matches!((w(2), w(1)), (Some("el" | "lo" | "la"), Some("de"))) || was
        });
        // "2 manicuras", "tres cortes": one each, for as many people.
        let each = signals::counted_services(&n, &spans);
        signals.party = signals.party.or(each.filter(|k| *k > 2));
        signals.for_two |= !signals.second_services.is_empty() || signals.party.is_some();
        signals.for_two |= each == Some(2);
        let email = find_email(&words);
        let phone = find_phone(&words, &times, &dates);
        // ("1108" alone, the code asked for.)
        let booking = find_booking_id(&words).or_else(|| {
            (ctx.expected_slot == Some(SlotName::BookingId))
                .then(|| crate::nlu::contacts::bare_code(&words))
                .flatten()
        });
        let mut staff = find_staff(ws, &words);
        let name = find_name(text, &words, ctx, &staff);
        let whose = name.as_deref().or(ctx.customer_name.as_deref());
        signals.for_a_man |= signals::by_a_man(&words, whose);
        signals.own_is_a_man = signals.for_two && signals::own_is_a_man(&words, whose);
        // Asked for their name, a customer who answers "Lucía" gives their name, even when a
        // stylist is called that.
        if name.is_some() && ctx.expected_slot == Some(SlotName::ClientName) {
            staff = None;
        }
        // A stylist's name is no cue word ("mejor con Caro" is not about prices), nor is a
        // service's ("un baño de crema" asks for no bathroom).
        let in_service = |i: usize| wanted_services.iter().any(|c| c.from <= i && i < c.to);
        let n: Vec<&str> = n
            .iter()
            .enumerate()
            .map(|(i, w)| match staff {
                Some((a, b)) if a <= i && i < b => "",
                _ if in_service(i) => "",
                // "mismo día y horario" names no day and asks no hours.
                _ if same_words.contains(&i) => "",
                _ => *w,
            })
            .collect();

        let lx = lexicon();
        let mut scores = [0.0f32; 9];
        scores[Intent::Cancel.index()] = score(&n, lx.cues(Intent::Cancel));
        scores[Intent::Reschedule.index()] = score(&n, lx.cues(Intent::Reschedule));
        scores[Intent::Book.index()] = score(&n, lx.cues(Intent::Book));
        scores[Intent::InfoPrices.index()] = score(&n, lx.cues(Intent::InfoPrices));
        scores[Intent::InfoHours.index()] = score(&n, lx.cues(Intent::InfoHours));
        scores[Intent::InfoServices.index()] = score(&n, lx.cues(Intent::InfoServices));
        scores[Intent::Greeting.index()] = score(&n, lx.cues(Intent::Greeting));
        scores[Intent::Chitchat.index()] = score(&n, lx.cues(Intent::Chitchat));
        scores[Intent::Other.index()] = score(&n, lx.cues(Intent::Other));
        // "cancelame el del jueves. no, espera, mejor movelo al viernes": a request taken back
        // gives way to the one after it.
        if let Some(k) = taken_back_until(&n) {
            let flows = [Intent::Cancel, Intent::Reschedule, Intent::Book];
            let last = flows.map(|i| score(&n[k..], lx.cues(i)));
            if last.iter().any(|s| *s > 0.0) {
                for (i, s) in flows.iter().zip(last) {
                    scores[i.index()] = s;
                }
            }
        }
        // "llego tarde, pasámelo al viernes" moves the booking; "llego 10 minutos tarde" alone
        // moves nothing.
        if signals.topic == Some(Topic::Late)
            && (scores[Intent::Cancel.index()] >= 2.0 || scores[Intent::Reschedule.index()] >= 2.0)
        {
            signals.topic = None;
        }
        // "el primer horario disponible", "lo antes posible": a time is asked for.
        if signals.soonest && soonest_words {
            scores[Intent::Book.index()] += 2.5;
        }
        // "precio de alisado y si tienen turno el jueves": a price asked on the way.
        // ("¿aceptan tarjeta?" asks none; "¿cuánto sale? ¿se puede pagar con tarjeta?" and
        // "¿cuánto voy a pagar?" do.)
        signals.asks_price = (scores[Intent::InfoPrices.index()] >= 2.5
            && signals.topic != Some(Topic::Payment))
            || signals::asks_amount(&words);

        let has_service = !wanted_services.is_empty();
        let has_when = !dates.is_empty() || !times.is_empty() || part_answers;
        let mut date_cands = candidates::dates(&words, &dates);
        let mut time_cands = candidates::times(&words, &times);
        signals.person_times = signals::person_times(&words, &time_cands);
        signals.for_two |= !signals.person_times.is_empty();
        let of_a_service = links::mark_of_a_service(&n, &mut date_cands, &cands)
            | links::mark_of_a_service(&n, &mut time_cands, &cands);
        links::tie_dates_to_times(&n, &mut date_cands, &time_cands);
        links::tie_times_to_dates(&mut time_cands, &date_cands);
        // The booking's own day or time and a new one ("tengo turno el jueves pero me sirve
        // más el viernes", "my appt is at 11 but can I come at 12:30"), or the booking's own
        // and a shift ("¿habría algo más temprano?"): a change.
        let whens = || date_cands.iter().chain(time_cands.iter());
        let has_old = whens().any(|c| c.role.old && !c.role.context);
        let has_new = whens().any(|c| !c.role.old && !c.role.negated && !c.role.context);
        let shift = [
            "mas temprano",
            "mas tarde",
            "una hora antes",
            "earlier",
            "later",
        ]
        .iter()
        .any(|p| cue_matches(&n, p));
        let of_a_booking = weigh::of_a_booking(&n, &cands, booking.is_some(), of_a_service, ctx);
        let another = n
            .iter()
            .any(|w| matches!(*w, "otro" | "otra" | "another" | "outro"));
        if has_old && (has_new || shift) && of_a_booking && !another {
            scores[Intent::Reschedule.index()] += 2.5;
        }
        // "BK8832 cambio para el sábado 16hs": a booking's code and a new day or time.
        if booking.is_some() && has_new && scores[Intent::Cancel.index()] == 0.0 {
            scores[Intent::Reschedule.index()] += 1.5;
        }
        // Booking details without another request read as booking; "nos vemos el jueves" is
        // a goodbye.
        let see_you = signals.farewell && !has_service && times.is_empty();
        // "¿quedó el turno de mañana?": the day is the booking's, asked about.
        let asked_about = signals.topic == Some(Topic::Bookings) && !has_new;
        if has_when && !see_you && !asked_about {
            scores[Intent::Book.index()] += if has_service { 2.0 } else { 1.5 };
        }
        // ("¿a qué hora era mi turno?" asks no opening hours either.)
        if asked_about {
            scores[Intent::Book.index()] *= 0.5;
            scores[Intent::InfoHours.index()] *= 0.5;
        }
        // "cancelá el jueves y dame el viernes": a cancel plus a new booking is a reschedule.
        // "cancelalo, después te escribo para sacar otro" puts the new one off: a cancel.
        let rebook = lx.rebook.iter().any(|p| cue_matches(&n, p)) && !signals::puts_off(&words);
        // (A new value is a date or time the message names.)
        if scores[Intent::Cancel.index()] >= 2.5 && rebook && has_new {
            scores[Intent::Reschedule.index()] += 4.0;
            // The cancel is half of the change: it must not win by precedence.
            scores[Intent::Cancel.index()] = scores[Intent::Cancel.index()].min(1.0);
        }
        // "hacen keratina?", "tienen semi?" — asking whether a service exists; "¿tienen
        // turno para semi?" asks for a time.
        if has_service
            && (cue_matches(&n, "hacen")
                || cue_matches(&n, "tienen")
                || cue_matches(&n, "haces")
                || cue_matches(&n, "hay"))
            && !has_when
            && !n.iter().any(|w| {
                matches!(
                    *w,
                    "turno" | "turnos" | "turnito" | "lugar" | "disponibilidad"
                )
            })
        {
            scores[Intent::InfoServices.index()] += 1.0;
        }
        // "no lo canceles", "don't cancel": a no to cancelling; "no cancelen mi turno, solo
        // que sea más tarde": a change.
        if signals::keeps_booking(&words) {
            if has_when || shift {
                scores[Intent::Reschedule.index()] += 2.5;
            }
            scores[Intent::Cancel.index()] = 0.0;
        }
        // A reschedule needs something to move: two dates/times, or a move verb.
        if scores[Intent::Reschedule.index()] > 0.0
            && scores[Intent::Reschedule.index()] < 2.0
            && !has_when
        {
            scores[Intent::Reschedule.index()] *= 0.5;
        }
        // "quiero cambiar el color, pasar a rubio, ¿cuánto sale?": a change of look priced,
        // with no day, time or booking to move.
        if has_service
            && !has_when
            && !of_a_booking
            && booking.is_none()
            && scores[Intent::InfoPrices.index()] >= 2.0
        {
            scores[Intent::Reschedule.index()] = 0.0;
        }
        // "no voy a poder ir el jueves, ¿puede ser el viernes?" — cancel cue plus a new date → reschedule.
        // Not "hola, pedicura, el jueves no puedo, el viernes a las 11": nothing booked is
        // spoken of (in a short message: a long one tells more than it asks).
        if scores[Intent::Cancel.index()] > 0.0
            && (of_a_booking || has_old || !has_service || n.len() > 20)
            && scores[Intent::Cancel.index()] < 2.5
            && (dates.len() + times.len() >= 2
                || cue_matches(&n, "puede ser")
                || cue_matches(&n, "en vez"))
        {
            scores[Intent::Reschedule.index()] += 2.5;
        }
        // "¿cuánto sale y cuánto tarda? ¿y tenés para el jueves?": room asked for a service on
        // a day books; the price and the length are answered on the way ("tenía lifting el 8,
        // ¿hay algo el 15?" moves a booking).
        let moves = has_old
            || of_a_booking && (has_new || shift) && dates.len() + times.len() >= 2
            || scores[Intent::Reschedule.index()] >= 2.0
            || scores[Intent::Cancel.index()] >= 2.0;
        if has_service
            && has_when
            && !asked_about
            && !moves
            && lx.asks_room.iter().any(|p| cue_matches(&n, p))
        {
            scores[Intent::Book.index()] += 3.0;
        }
        // A bare service ("para mechitas", "corte de pelo") is a booking detail.
        let strongest_other = scores
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != Intent::Greeting.index() && *i != Intent::Chitchat.index())
            .map(|(_, s)| *s)
            .fold(0.0f32, f32::max);
        if has_service && strongest_other < 1.5 {
            scores[Intent::Book.index()] += 1.6;
        }
        // "quiero sacar turno, ¿a qué hora abren el sábado?": the hours asked on the way.
        signals.asks_hours = scores[Intent::InfoHours.index()] >= 2.0;
        // Hours questions about a day ("abren el sábado?") are not bookings.
        if scores[Intent::InfoHours.index()] >= 2.0 && !has_service {
            scores[Intent::Book.index()] *= 0.5;
        }
        // A stylist's days ("¿Caro atiende el jueves?"): her hours, not a booking.
        if asks::staff_days(&n, staff, !dates.is_empty(), text) && !has_service && times.is_empty()
        {
            scores[Intent::InfoHours.index()] += 2.0;
            scores[Intent::Book.index()] *= 0.5;
        }
        // Asking whether a service is offered or how it is ("la sofi hace pestañas?").
        if scores[Intent::InfoServices.index()] >= 1.5
            && !has_when
            && scores[Intent::Book.index()] < 2.5
        {
            scores[Intent::Book.index()] *= 0.4;
        }
        // A question about one's bookings that also changes or cancels one is that change
        // ("¿quedó el del viernes? pasalo al sábado").
        if signals.topic == Some(Topic::Bookings)
            && (scores[Intent::Cancel.index()] >= 2.0 || scores[Intent::Reschedule.index()] >= 2.0)
        {
            signals.topic = None;
        }
        // "hola, tengo turno el viernes a las 10 para brushing": a booking told, nothing
        // asked of it yet: it is looked up (what comes next is about that one).
        if signals.topic.is_none()
            && has_old
            && !has_new
            && !shift
            && of_a_booking
            && cands
                .iter()
                .filter(|c| c.slot == SlotName::ServiceType)
                .count()
                <= 1
            && n.iter().any(|w| matches!(*w, "tengo" | "have" | "tenho"))
            && scores[Intent::Cancel.index()] < 2.0
            && scores[Intent::Reschedule.index()] < 2.0
        {
            signals.topic = Some(Topic::Bookings);
        }
        let found = weigh::Found {
            has_service,
            has_when,
            has_time: !times.is_empty(),
            of_a_service,
            booked_id: booking.is_some(),
        };
        weigh::weigh_topic(&mut scores, &signals, text, &n, found);
        // A booking id alone is handed over like a name.
        let id_only = booking.is_some() && n.len() <= 2;
        if id_only {
            scores[Intent::Chitchat.index()] += 2.5;
        }
        // Only contact details (a name, a phone, an email) → chitchat.
        let contact_only = (name.is_some() || phone.is_some() || email.is_some())
            && !has_service
            && !has_when
            && scores[Intent::Book.index()] < 1.5
            && scores[Intent::Cancel.index()] == 0.0
            && scores[Intent::Reschedule.index()] == 0.0;
        if contact_only {
            scores[Intent::Chitchat.index()] += 2.5;
        }

        let (mut intent, certain) = decide(&scores, &signals, ctx, &n);
        // A bare booking id is something the customer hands over, like a name.
        if booking.is_some() && intent == Intent::Greeting {
            intent = Intent::Chitchat;
        }
        // "¿mañana cerrado? ah bueno, ¿y el miércoles a la misma hora?" while booking: the
        // booking goes on, on that day.
        if ctx.active_flow == Some(Intent::Book)
            && intent == Intent::InfoHours
            && has_when
            && signals.same_time
        {
            intent = Intent::Book;
        }
        // In a flow, a bare date/time/service continues that flow.
        if let Some(flow) = ctx.active_flow {
            let bare = scores.iter().enumerate().all(|(i, s)| {
                i == Intent::Book.index()
                    || i == Intent::Greeting.index()
                    || i == Intent::Chitchat.index()
                    || *s < 1.0
            });
            if bare
                && (has_when || has_service)
                && matches!(flow, Intent::Reschedule | Intent::Cancel)
            {
                intent = flow;
            }
            // "mejor con Caro, ¿puede ser?": a stylist named alone changes the booking.
            if bare && staff.is_some() && matches!(flow, Intent::Book | Intent::Reschedule) {
                intent = flow;
            }
        }

        // "¿y la manicura?", "¿y el sábado?", "¿y sale?" right after a question.
        let (asked, again) =
            asks::same_question(ctx, &n, intent, has_service, has_when, signals.books);
        intent = asked;
        signals.same_question = again;
        let mut slots = Slots::default();
        let mut for_intent = forced.unwrap_or(intent);
        // Asked which booking, "el del jueves" names the booked day, as a cancel would; so
        // does a question about one's booking ("¿quedó el turno de mañana?").
        if (ctx.expected_slot == Some(SlotName::BookingId) && for_intent == Intent::Reschedule)
            || (asked_about && for_intent == Intent::Other)
        {
            for_intent = Intent::Cancel;
        }
        if let Some(first) = wanted_services.first() {
            slots.service_type = Some(first.value.clone());
        }
        if wanted_services.len() > 1 {
            slots.services = wanted_services.iter().map(|c| c.value.clone()).collect();
        }
        if let Some(d) = candidates::choose_date(&date_cands, for_intent) {
            slots.preferred_date = Some(d.value.clone());
        }
        if let Some(t) = candidates::choose_time(&time_cands, for_intent) {
            slots.preferred_time = Some(t.value.clone());
        }
        if let [mine, _] = signals.person_times.as_slice() {
            slots.preferred_time = Some(mine.clone());
        }
        if for_intent == Intent::Book && !signals.for_two {
            signals.visits = links::visits(&wanted_services, &date_cands, &time_cands);
        }
        // "el turno del viernes lo paso al sábado": the day the booking is on.
        let told = |cs: &[Candidate]| {
            cs.iter()
                .find(|c| c.role.old && !c.role.context && !c.role.negated)
                .map(|c| c.value.clone())
        };
        signals.booked_date = told(&date_cands);
        signals.booked_time = told(&time_cands);
        signals.booked_service = told(&cands).or_else(|| {
            // "agregar cejas después del corte": the service the new one follows.
            let after = |c: &&Candidate| {
                let w = |k: usize| c.from.checked_sub(k).map(|i| n[i]);
                matches!(
                    (w(3), w(2), w(1)),
                    (
                        _,
                        Some("despues" | "luego" | "after"),
                        Some("del" | "the" | "my")
                    ) | (Some("despues" | "luego"), Some("de"), Some("mi" | "la"))
                )
            };
            wanted_services
                .iter()
                .skip(1)
                .find(after)
                .map(|c| c.value.clone())
        });
        // "sacame la pedicura", "sin pies": turned down; "solo manos": only those named.
        signals.without = cands
            .iter()
            .filter(|c| c.role.negated && !c.role.context)
            .map(|c| c.value.clone())
            .collect();
        signals.only = signals::only(&words);
        // "cancelame solo el brushing", "las cejas cancelalas, solo semi": those go, the rest
        // stays.
        if let Some(gone) = signals::cancelled_services(&words, &spans) {
            signals.only = false;
            signals.without = gone;
        }
        cands.extend(date_cands);
        cands.extend(time_cands);
        slots.client_email = email;
        slots.client_phone = phone;
        slots.booking_id = booking;
        slots.staff_name = staff.map(|(from, to)| words.span(from, to));
        slots.client_name = name;

        let top = scores.iter().cloned().fold(0.0f32, f32::max);
        let confidence = if certain {
            0.95
        } else if top >= 2.5 {
            0.8
        } else if top > 0.0 {
            0.6
        } else {
            0.35
        };
        RuleAnalysis {
            extraction: Extraction {
                intent,
                confidence,
                slots,
                signals,
            },
            scores,
            certain,
            candidates: cands,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
