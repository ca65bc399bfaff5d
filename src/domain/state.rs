//! Conversation state: what a conversation has established so far, persisted between turns.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::domain::actions::{BookingInfo, SlotOffer, ToolCall};
use crate::domain::understanding::{Intent, SlotName, Slots};

/// The multi-turn flow in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flow {
    Book,
    Cancel,
    Reschedule,
}

impl Flow {
    pub fn from_intent(i: Intent) -> Option<Flow> {
        match i {
            Intent::Book => Some(Flow::Book),
            Intent::Cancel => Some(Flow::Cancel),
            Intent::Reschedule => Some(Flow::Reschedule),
            _ => None,
        }
    }

    pub fn intent(self) -> Intent {
        match self {
            Flow::Book => Intent::Book,
            Flow::Cancel => Intent::Cancel,
            Flow::Reschedule => Intent::Reschedule,
        }
    }
}

/// A service added to a booking the customer has ("¿me agregás cejas al turno?"): where the
/// lookup of that booking stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attach {
    /// The customer's coming bookings are to be looked up by the channel's number.
    LookUp,
    /// Several were found and none told: the day says which (looked up again then).
    Which,
}

/// Slot values resolved against the catalog and the calendar.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Resolved {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// Further services wanted in the same visit, after `service`, in the order named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking_id: Option<String>,
}

/// The day and time of the last booking made or moved in a conversation, and the turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastVisit {
    pub date: chrono::NaiveDate,
    pub time: chrono::NaiveTime,
    pub turn: u32,
    /// When the visit ends (its last service's end): "¿y puedo agregar pedicura?" right
    /// after booking starts there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<chrono::NaiveTime>,
    /// The visit has several services ("manos y pies"): "sacame la pedicura" next changes it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub several: bool,
    /// Someone else's booking ("para mi hija"): its reply does not greet her by her name.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub for_other: bool,
}

/// A booking let go with a "no" at its summary: "el viernes mejor" next takes it back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dropped {
    pub slots: Slots,
    pub resolved: Resolved,
    /// The turn it was let go.
    pub turn: u32,
}

/// A visit asked for in the same message as the one being booked, on a day of its own
/// ("… y uñas el sábado a las 10"): booked after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedVisit {
    /// Catalog ids, in order (empty when none is in the catalog).
    pub services: Vec<String>,
    /// The services as written.
    pub surfaces: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
    /// Not a new visit: the customer's booking with these services moves to that day or
    /// time ("la manicura era para el viernes y la pedicura para el jueves").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub moves: bool,
}

/// A mutation waiting for the customer's explicit yes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub call: ToolCall,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConversationState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow: Option<Flow>,
    /// Surface slots as the customer stated them, accumulated over turns.
    #[serde(default)]
    pub slots: Slots,
    #[serde(default)]
    pub resolved: Resolved,
    /// The slot the last reply asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_slot: Option<SlotName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<Pending>,
    /// The (service, date, time, staff) last confirmed free by check_availability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<SlotOffer>,
    /// How many people the checked time has room for (one service): "somos dos" at a time
    /// only one stylist is free for is told before the first booking is made. 0: not known.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub room: u8,
    /// The stylist asked for is busy at the time checked and another is free then ("Caro no
    /// tiene lugar a las 17:00, pero Martín sí"): a yes (or her name) takes that time with
    /// her.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instead: Option<SlotOffer>,
    /// The customer asked for a time earlier (or later) than this one: the next listing of
    /// the day shows those.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shifted: Option<(crate::domain::understanding::Shift, chrono::NaiveTime)>,
    /// Services offered as alike to one not offered ("Lo más parecido que tenemos: …"): a
    /// yes takes the one, and the service question names them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kin: Vec<String>,
    /// Alternatives offered in the last reply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offers: Vec<SlotOffer>,
    /// The part of the day the customer asked for while choosing among `offers` ("a la
    /// tarde"): the listing showed those, and "el primero", "el último" count in them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offers_part: Option<crate::domain::understanding::DayPart>,
    /// The day the booking to change is on, when the customer named it ("el turno del
    /// viernes lo paso al sábado"): of several bookings, that day's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booked_date: Option<chrono::NaiveDate>,
    /// The booking a cancel/reschedule flow is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<BookingInfo>,
    /// Candidate bookings when the customer has several.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<BookingInfo>,
    /// Whether find_bookings already ran in this flow.
    #[serde(default)]
    pub searched: bool,
    /// "con la misma chica de la otra vez": the stylist of the customer's last visit is
    /// wanted; once the past visits were looked up (`usual_searched`), `usual` is who did
    /// the last one (none: no visit found).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub wants_usual: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub usual_searched: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usual: Option<String>,
    /// The other person of a visit for two, as the customer calls her ("mamá").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_label: Option<String>,
    /// The last booking made or changed in this conversation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_booking: Option<String>,
    /// When the last booking made or moved here is, and the turn that made or moved it: "y
    /// otro para mi hermana el mismo día" takes its day; "mejor a las 12:30" right after
    /// moves it. `None` once it is cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_visit: Option<LastVisit>,
    /// The name the first booking made here went in: "y otro brushing el viernes" next
    /// offers it rather than the channel's profile name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booked_name: Option<String>,
    /// The (first) service of the last booking made or moved here: "¿cuánto era?" right
    /// after booking asks its price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_service: Option<String>,
    /// The one service the last message naming services asked about ("¿hacen alisado?"): a
    /// bare "¿y cuánto dura?" or "¿y sale?" after it is about that one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asked_service: Option<String>,
    /// The service asked about before `asked_service`: "¿y si me hago las dos?" prices both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asked_before: Option<String>,
    /// Every service asked about in price and service questions, oldest first (at most
    /// four): "¿cuánto sale corte y color?", "¿y si agrego brushing?", "quiero las tres
    /// cosas" books them all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub asked_all: Vec<String>,
    /// The last message's intent when it asked about prices, services or hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_info: Option<crate::domain::understanding::Intent>,
    #[serde(default)]
    pub turns: u32,
    /// Who the customer is, as the channel says (`customer.phone` or the `wa:` id) — set
    /// anew every turn, never from the message text. Only this identity can see, change or
    /// cancel a booking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_phone: Option<String>,
    /// Booking codes looked up in this conversation that matched nothing of the customer's.
    #[serde(default)]
    pub failed_lookups: u32,
    #[serde(default)]
    pub handed_off: bool,
    /// The channel's profile name, offered when the reply asked for the booking's name
    /// ("¿La reserva a nombre de John?"); a yes takes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offered_name: Option<String>,
    /// A reschedule keeps the booking's stylist unless the customer names another; set when
    /// she is not free at the new time, so anyone free is offered instead (and the summary
    /// says so).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub kept_staff_busy: bool,
    /// "perdón, el nombre es Nicolás" right after booking: the name the booking just made
    /// goes under from now on (nothing else of it changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rename: Option<String>,
    /// "mismo día y horario": a reschedule keeps the booking's day / time.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub keep_date: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub keep_time: bool,
    /// "una hora más tarde": a reschedule by this many minutes from the booking's time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_by: Option<i32>,
    /// The booking's own time is not kept for a reschedule: it is not free on the day
    /// asked, or the customer asked for the first free time ("lo antes posible"). She picks
    /// a time (until she names another day).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub kept_time_busy: bool,
    /// The language the customer writes in (replies follow it; Spanish until then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<crate::domain::replies::Lang>,
    /// The customer said no to the offered name: ask for it plainly.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub name_offer_declined: bool,
    /// "¿puede ser con otra chica?" about a booking not looked up yet: once it is found,
    /// the next stylist who does its service takes it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub swap_staff: bool,
    /// A bare "cancelalo" / "mejor cancelá" while a booking is being made (nothing booked
    /// yet): the booking in progress is let go; no booking is looked up to cancel.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub drops_booking: bool,
    /// Services named as a change of the booking being changed ("me equivoqué, era
    /// pedicura"): once it is known, the one it is not for replaces its service
    /// ([`ConversationState::changed_services`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_change: Vec<String>,
    /// A visit of several services trimmed ("sacame la pedicura", "al final solo manos"):
    /// the services taken out, and those it keeps alone (catalog ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_drop: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_only: Vec<String>,
    /// "para mí y mi hermana": once this booking is made, the same for the other person is
    /// offered.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub for_two: bool,
    /// "corte para mí y manicura para mi mamá": the second person's own services (catalog
    /// ids), booked at the same time as the first's; empty when it is the same visit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub second_services: Vec<String>,
    /// The booking for the second person was just offered (its name is asked); a no lets it
    /// go.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub second_of_two: bool,
    /// "somos 3 amigas": how many people the group is, when three or more (0 otherwise); each
    /// one's booking is offered after the one before.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub group: u8,
    /// How many of the group's bookings are made.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub group_booked: u8,
    /// The customer asked for the first time free ("el primer turno disponible"): a yes to
    /// the times listed takes the first.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub soonest: bool,
    /// "el miércoles lo último que tengas": the day's last free time is the one taken.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub latest: bool,
    /// A person of the team was offered ("¿Querés que te pase con una persona?"): a yes hands
    /// over.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub offered_handoff: bool,
    /// "corte para mí y mi marido": the second person's visit is the men's version of the
    /// first's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub second_is_a_man: bool,
    /// "para mí y para mi hija": the customer's own booking is the first of the two (not in
    /// "para mi hija … y para mi marido").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub own_first: bool,
    /// "corte para mí y mi señora" from Juan: his visit took the men's version because of
    /// him, so hers goes back to the generic one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub first_is_his: bool,
    /// The visits still to book of a message that asked for several on days of their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next_visits: Vec<QueuedVisit>,
    /// The booking just let go at its summary ("no"), for the next message to take back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropped: Option<Dropped>,
    /// "para mí a las 10 y para mi hija a las 11": the second person's own time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_time: Option<NaiveTime>,
    /// "para mí y para mi hija Abril", "…, se llama Mora": the second person's name, for
    /// theirs once the customer's own booking is made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_name: Option<String>,
    /// The next visit was put on the table this turn, right after the one before was booked.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub visit_queued: bool,
    /// The day an hours question asked about this turn, while the booking keeps its own
    /// ("¿a qué hora cierran el sábado?" with Wednesday's times listed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_day: Option<NaiveDate>,
    /// The booking cancelled by the last message's yes: "ah no, mejor pasalo al sábado" next
    /// books it anew (nothing is left to move).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub just_cancelled: Option<crate::domain::actions::BookingInfo>,
    /// "¿tienen algo para hoy?" on a closed day: the closure was said with the service
    /// question, and the check that follows offers the next days without saying it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub told_closed: Option<NaiveDate>,
    /// The day just checked and found closed ("mañana" on a holiday): "el martes que viene"
    /// next means the Tuesday after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub found_closed: Option<NaiveDate>,
    /// "¿me agregás cejas al turno?" with no booking just made: the customer's coming
    /// bookings are looked up by the channel's number, and the service added follows the one
    /// meant (on its day, from when it ends).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attach: Option<Attach>,
    /// The code of the booking the service added follows (found by `attach`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attached_to: Option<String>,
    /// A group's time with room for fewer of them, said when the check found it (the
    /// summary of that time does not say it again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room_told: Option<NaiveTime>,
    /// "cancelame todos los turnos": every booking found is cancelled, confirmed once.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancel_all: bool,
    /// The cancel of them all was confirmed: the rest are cancelled without asking again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancel_confirmed: bool,
    /// "un turno para mi hija", "para mi amiga Julieta": the booking is someone else's
    /// (`LastVisit::for_other` once it is made).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub for_someone_else: bool,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

/// Of `among`, the service whose stylists overlap most with `new`'s (Jaccard); `None` on a
/// tie.
fn most_alike(
    ws: &crate::domain::catalog::Workspace,
    new: &str,
    among: &[String],
) -> Option<String> {
    let staff = |id: &str| -> Vec<String> {
        ws.service(id)
            .map(|s| ws.staff_for(s).iter().map(|m| m.id.clone()).collect())
            .unwrap_or_default()
    };
    let theirs = staff(new);
    let alike = |id: &str| {
        let mine = staff(id);
        let both = mine.iter().filter(|m| theirs.contains(m)).count();
        let either = mine.len() + theirs.len() - both;
        both as f32 / either.max(1) as f32
    };
    let mut scored: Vec<(f32, &String)> = among.iter().map(|id| (alike(id), id)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    match scored.as_slice() {
        [(best, id), rest @ ..] if rest.first().is_none_or(|(next, _)| next < best) => {
            Some((*id).clone())
        }
        _ => None,
    }
}

impl ConversationState {
    /// Whether the others of a visit for two or a group get the same services as the first
    /// ("somos dos, manicura"), not their own ("corte para mí y manicura para mi mamá") or
    /// another version of them ("corte para mí y mi marido").
    pub fn same_for_all(&self) -> bool {
        self.second_services.is_empty() && !self.second_is_a_man && !self.first_is_his
    }

    /// Whether the time checked has room for fewer people than the visit for two or the
    /// group, all getting the same services.
    pub fn short_of_room(&self) -> bool {
        self.room > 0 && self.room < self.group.max(2) && self.same_for_all()
    }

    /// The day every time on the table is on, when they are all on one day.
    pub fn offers_day(&self) -> Option<NaiveDate> {
        let first = self.offers.first()?.date;
        self.offers.iter().all(|o| o.date == first).then_some(first)
    }

    /// A plain "no" lets the flow go. A "no" to moving the booking just made keeps it the
    /// one talked about, so "mejor el viernes" next moves it (as right after booking).
    pub fn let_go(&mut self) {
        let moving = self
            .resolved
            .booking_id
            .as_ref()
            .or(self.target.as_ref().map(|t| &t.booking_id));
        let about_last = self.flow == Some(Flow::Reschedule)
            && moving.is_some()
            && moving == self.last_booking.as_ref();
        if let (true, Some(v)) = (about_last, self.last_visit.as_mut()) {
            v.turn = self.turns;
        }
        let booking =
            (self.flow == Some(Flow::Book) && self.resolved.service.is_some()).then(|| Dropped {
                slots: self.slots.clone(),
                resolved: self.resolved.clone(),
                turn: self.turns,
            });
        self.end_flow();
        self.dropped = booking;
    }

    /// A service not offered was said so ("¿me anotás para barba?"): it is forgotten, and the
    /// service is what the next message answers (one of `kin`, when some were offered).
    pub fn forget_unknown_service(&mut self) {
        self.slots.service_type = None;
        self.slots.services.clear();
        self.expected_slot = Some(SlotName::ServiceType);
    }

    /// The services of the booking being changed after the change asked for: a visit of one
    /// service takes the one named that it is not for ("era pedicura"); a visit of several
    /// replaces the one named among them ("el color por brushing"). `None` when nothing
    /// changes, the booking is not known yet, or the change is unclear (which of several,
    /// or more services than it has: a change keeps their number, unless it takes some out:
    /// "sacame la pedicura", "al final solo manos" leave the rest).
    ///
    /// Of several, when the one replaced is not named ("en vez del color quería mechas":
    /// the reading keeps only the wanted one), it is the one whose stylists are most like
    /// the new one's (mechas replaces the colour, not the cut); a tie is unclear. The summary
    /// to confirm states the whole visit.
    pub fn changed_services(&self, ws: &crate::domain::catalog::Workspace) -> Option<Vec<String>> {
        let current = self.target.as_ref()?.service_ids();
        // "sacame la pedicura", "solo manos": fewer services, never none. Not "en vez de
        // corte era coloración": a service the visit does not have comes in its place.
        let brings_new = self.service_change.iter().any(|s| !current.contains(s));
        let trims = !self.service_drop.is_empty() || !self.service_only.is_empty();
        if trims && !brings_new {
            let kept: Vec<String> = current
                .iter()
                .filter(|s| !self.service_drop.contains(s))
                .filter(|s| self.service_only.is_empty() || self.service_only.contains(s))
                .cloned()
                .collect();
            return (!kept.is_empty() && kept.len() < current.len()).then_some(kept);
        }
        // "en vez de pedicura, semi": the one turned down is the one replaced.
        let (mut old, new): (Vec<&String>, Vec<&String>) = self
            .service_change
            .iter()
            .chain(self.service_drop.iter().filter(|s| current.contains(s)))
            .partition(|s| current.contains(s));
        old.sort();
        old.dedup();
        let [new] = new.as_slice() else {
            return None;
        };
        let replaced = match (current.as_slice(), old.as_slice()) {
            ([only], _) => only.clone(),
            (_, [old]) => (*old).clone(),
            (_, []) => most_alike(ws, new, &current)?,
            _ => return None,
        };
        Some(
            current
                .iter()
                .map(|s| {
                    if *s == replaced {
                        (*new).clone()
                    } else {
                        s.clone()
                    }
                })
                .collect(),
        )
    }

    /// The service in play: the one being booked, else the one of the booking being changed.
    pub fn service_id(&self) -> Option<&str> {
        self.resolved
            .service
            .as_deref()
            .or_else(|| self.target.as_ref().map(|t| t.service.as_str()))
    }

    /// The first detail a new booking still lacks, of its service, day and time.
    pub fn booking_missing(&self) -> Option<SlotName> {
        let r = &self.resolved;
        match (&r.service, r.date, r.time) {
            (None, ..) => Some(SlotName::ServiceType),
            (_, None, _) => Some(SlotName::PreferredDate),
            (_, _, None) => Some(SlotName::PreferredTime),
            _ => None,
        }
    }

    /// When the visit on the table starts and ends, and its minutes: the one being booked
    /// (once its time is set), else the one just booked.
    pub fn visit_span(
        &self,
        ws: &crate::domain::catalog::Workspace,
    ) -> Option<(NaiveTime, NaiveTime, u32)> {
        let r = &self.resolved;
        if let (Some(start), Some(first), Some(Flow::Book | Flow::Reschedule)) =
            (r.time, &r.service, self.flow)
        {
            let minutes: u32 = std::iter::once(first)
                .chain(&r.also)
                .filter_map(|id| ws.service(id))
                .map(|s| s.duration_minutes)
                .sum();
            let (end, wrapped) =
                start.overflowing_add_signed(chrono::Duration::minutes(i64::from(minutes)));
            return (wrapped == 0 && minutes > 0).then_some((start, end, minutes));
        }
        let v = self.last_visit.filter(|_| self.just_booked())?;
        let end = v.end?;
        Some((v.time, end, (end - v.time).num_minutes().max(0) as u32))
    }

    /// Whether the last booking was made or moved at most two turns ago.
    pub fn just_booked(&self) -> bool {
        self.last_visit
            .is_some_and(|v| self.turns.saturating_sub(v.turn) <= 2)
    }

    /// Forgets the flow-specific values after a flow ends, keeping who the customer is.
    pub fn end_flow(&mut self) {
        let name = self.resolved.name.clone();
        let phone = self.resolved.phone.clone();
        let email = self.resolved.email.clone();
        let client_name = self.slots.client_name.clone();
        let client_phone = self.slots.client_phone.clone();
        let client_email = self.slots.client_email.clone();
        self.flow = None;
        self.slots = Slots {
            client_name,
            client_phone,
            client_email,
            ..Default::default()
        };
        self.resolved = Resolved {
            name,
            phone,
            email,
            ..Default::default()
        };
        self.expected_slot = None;
        self.pending = None;
        self.checked = None;
        self.room = 0;
        self.instead = None;
        self.kin.clear();
        self.offers.clear();
        self.offers_part = None;
        self.booked_date = None;
        self.target = None;
        self.candidates.clear();
        self.searched = false;
        self.wants_usual = false;
        self.usual_searched = false;
        self.usual = None;
        self.second_label = None;
        self.offered_name = None;
        self.name_offer_declined = false;
        self.kept_staff_busy = false;
        self.rename = None;
        self.keep_date = false;
        self.keep_time = false;
        self.kept_time_busy = false;
        self.move_by = None;
        self.shifted = None;
        self.swap_staff = false;
        self.service_change.clear();
        self.service_drop.clear();
        self.service_only.clear();
        self.drops_booking = false;
        self.for_two = false;
        self.second_services.clear();
        self.second_of_two = false;
        self.group = 0;
        self.group_booked = 0;
        self.soonest = false;
        self.latest = false;
        self.second_is_a_man = false;
        self.first_is_his = false;
        self.next_visits.clear();
        self.visit_queued = false;
        self.second_time = None;
        self.second_name = None;
        self.own_first = false;
        self.told_closed = None;
        self.found_closed = None;
        self.attach = None;
        self.attached_to = None;
        self.room_told = None;
        self.cancel_all = false;
        self.cancel_confirmed = false;
        self.for_someone_else = false;
    }
}
