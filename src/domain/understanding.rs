//! What understanding a message produces — the extractor contract of DESIGN.md: intents,
//! slots, the conversation context that changes what short answers mean, and the
//! deterministic signals the policy relies on. Both extractors (rules, model) fill it; the
//! domain, the planners and the pipeline read it. It depends on nothing else.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The intents of DESIGN.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    Greeting,
    InfoServices,
    InfoPrices,
    InfoHours,
    Book,
    Cancel,
    Reschedule,
    Chitchat,
    Other,
}

impl Intent {
    pub const ALL: [Intent; 9] = [
        Intent::Greeting,
        Intent::InfoServices,
        Intent::InfoPrices,
        Intent::InfoHours,
        Intent::Book,
        Intent::Cancel,
        Intent::Reschedule,
        Intent::Chitchat,
        Intent::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Intent::Greeting => "greeting",
            Intent::InfoServices => "info_services",
            Intent::InfoPrices => "info_prices",
            Intent::InfoHours => "info_hours",
            Intent::Book => "book",
            Intent::Cancel => "cancel",
            Intent::Reschedule => "reschedule",
            Intent::Chitchat => "chitchat",
            Intent::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Intent> {
        Intent::ALL.into_iter().find(|i| i.as_str() == s)
    }

    pub fn index(self) -> usize {
        Intent::ALL.iter().position(|i| *i == self).unwrap_or(0)
    }

    /// Rank in the labelling guide's precedence for mixed messages (lower wins).
    pub fn precedence(self) -> u8 {
        match self {
            Intent::Cancel => 0,
            Intent::Reschedule => 1,
            Intent::Book => 2,
            Intent::InfoPrices => 3,
            Intent::InfoHours => 4,
            Intent::InfoServices => 5,
            Intent::Other => 6,
            Intent::Chitchat => 7,
            Intent::Greeting => 8,
        }
    }
}

impl fmt::Display for Intent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The slot names of DESIGN.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum SlotName {
    ServiceType,
    PreferredDate,
    PreferredTime,
    ClientName,
    ClientEmail,
    ClientPhone,
    StaffName,
    BookingId,
}

impl SlotName {
    pub const ALL: [SlotName; 8] = [
        SlotName::ServiceType,
        SlotName::PreferredDate,
        SlotName::PreferredTime,
        SlotName::ClientName,
        SlotName::ClientEmail,
        SlotName::ClientPhone,
        SlotName::StaffName,
        SlotName::BookingId,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SlotName::ServiceType => "service_type",
            SlotName::PreferredDate => "preferred_date",
            SlotName::PreferredTime => "preferred_time",
            SlotName::ClientName => "client_name",
            SlotName::ClientEmail => "client_email",
            SlotName::ClientPhone => "client_phone",
            SlotName::StaffName => "staff_name",
            SlotName::BookingId => "booking_id",
        }
    }

    pub fn parse(s: &str) -> Option<SlotName> {
        SlotName::ALL.into_iter().find(|n| n.as_str() == s)
    }
}

impl fmt::Display for SlotName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Slot values as the message states them (surface forms, except the normalized time,
/// phone and booking id). A slot is present only when the message states it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slots {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking_id: Option<String>,
    /// Every service wanted, in the order named, when there are several ("corte y color");
    /// `service_type` is the first. Empty (and absent) for one service or none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
}

impl Slots {
    /// The catalog services these slots name (`services`, else `service_type`), in order,
    /// once each.
    pub fn service_ids(&self, ws: &crate::domain::catalog::Workspace) -> Vec<String> {
        let surfaces = if self.services.is_empty() {
            self.service_type.iter().cloned().collect()
        } else {
            self.services.clone()
        };
        let mut ids: Vec<String> = Vec::new();
        for s in &surfaces {
            if let Some(svc) = ws.resolve_service(s) {
                if !ids.contains(&svc.id) {
                    ids.push(svc.id.clone());
                }
            }
        }
        ids
    }

    pub fn get(&self, name: SlotName) -> Option<&str> {
        match name {
            SlotName::ServiceType => self.service_type.as_deref(),
            SlotName::PreferredDate => self.preferred_date.as_deref(),
            SlotName::PreferredTime => self.preferred_time.as_deref(),
            SlotName::ClientName => self.client_name.as_deref(),
            SlotName::ClientEmail => self.client_email.as_deref(),
            SlotName::ClientPhone => self.client_phone.as_deref(),
            SlotName::StaffName => self.staff_name.as_deref(),
            SlotName::BookingId => self.booking_id.as_deref(),
        }
    }

    pub fn slot_mut(&mut self, name: SlotName) -> &mut Option<String> {
        match name {
            SlotName::ServiceType => &mut self.service_type,
            SlotName::PreferredDate => &mut self.preferred_date,
            SlotName::PreferredTime => &mut self.preferred_time,
            SlotName::ClientName => &mut self.client_name,
            SlotName::ClientEmail => &mut self.client_email,
            SlotName::ClientPhone => &mut self.client_phone,
            SlotName::StaffName => &mut self.staff_name,
            SlotName::BookingId => &mut self.booking_id,
        }
    }

    pub fn set(&mut self, name: SlotName, value: Option<String>) {
        *self.slot_mut(name) = value.filter(|v| !v.trim().is_empty());
    }

    /// Present slots in the canonical order.
    pub fn iter(&self) -> impl Iterator<Item = (SlotName, &str)> {
        SlotName::ALL
            .into_iter()
            .filter_map(|n| self.get(n).map(|v| (n, v)))
    }

    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    pub fn len(&self) -> usize {
        self.iter().count()
    }
}

/// What the conversation was waiting for when this message arrived; it changes what short
/// answers mean ("sí", "el viernes", "Ana").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractContext {
    /// The slot the last reply asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_slot: Option<SlotName>,
    /// A pending confirmation ("¿Confirmo el turno…?") — its action name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_confirmation: Option<String>,
    /// The flow in progress (book, cancel, reschedule), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_flow: Option<Intent>,
    /// A booking was made, changed or cancelled earlier in this conversation: "uy, mejor
    /// otro día" speaks of it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub after_booking: bool,
    /// The times on the table for the customer to choose from (a day's, or another day's
    /// instead of a closed one): "la primera" is one of them; asked for another day beside
    /// them, a bare "10" that is one of them is that time, not the 10th.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offered_times: Vec<chrono::NaiveTime>,
    /// The name the booking would be in so far: one given in the conversation, else the
    /// channel's profile name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
    /// Outside a flow, the last message asked about prices, services or hours: "¿y la
    /// manicura?" after "¿cuánto sale la pedicura?" asks the same about another service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_info: Option<Intent>,
}

impl ExtractContext {
    /// Whether times are on the table for the customer to choose from.
    pub fn offers(&self) -> bool {
        !self.offered_times.is_empty()
    }
}

/// Deterministic signals the policy relies on. Computed by rules on every route.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signals {
    /// `Some(true)` for an explicit yes ("sí", "dale", "confirmo"), `Some(false)` for a no.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affirmation: Option<bool>,
    /// A topic that the policy handles specially.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<Topic>,
    /// The customer lets the flow go ("no, dejá", "después te escribo"): nothing stays pending.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub closes: bool,
    /// "mismo día", "mismo horario": the day / the time stay as they are.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub same_day: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub same_time: bool,
    /// "y también color": a service added to the ones before.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub adds: bool,
    /// "otro turno", "para mi hermana": a second booking, not a change of the one made.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub another: bool,
    /// "cancelalo", "pasámelo", "ese turno": the booking just talked about.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub that_one: bool,
    /// "cancelame todos los turnos", "los dos": every booking found (read in a cancel).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub all_of_them: bool,
    /// "¿y si me hago las dos?", "todo junto": the services asked about, together.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub both: bool,
    /// How many services `both` counts ("las tres cosas": 3); `None`: every one asked about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub both_count: Option<u8>,
    /// "¿puedo llegar 10 minutos antes?": an early arrival (the `Late` topic, answered as one).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub early: bool,
    /// "ok gracias": thanks said (a yes with it, outside a flow, is answered as thanks).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub thanks: bool,
    /// "entonces quiero uno nuevo", "a new one then": a new booking, not a change.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub new_booking: bool,
    /// "mejor con otra persona", "someone else": not the stylist on the table.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub other_staff: bool,
    /// "con la misma chica de la otra vez", "con la de siempre": the stylist of the
    /// customer's last visit, not named.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub usual_staff: bool,
    /// "no me acuerdo el código", "lo perdí": asked for a booking code, the customer has none.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_code: bool,
    /// Who the other person of a visit for two is, as the customer calls her ("mamá").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_person: Option<String>,
    /// "me equivoqué", "en vez de", "I meant": the customer corrects what she asked or booked.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub corrects: bool,
    /// "el de manos era para el viernes", "lo de color": a booking named by its service (the
    /// service describes which booking, it is no new one for it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_its_service: bool,
    /// "reservame", "agendame", "book me": a verb of booking.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub books: bool,
    /// "¿y la manicura?" right after "¿cuánto sale la pedicura?": the same question about
    /// another service (the intent is the last message's, on every route); "¿y sale?" after
    /// "¿hacen alisado?": about the same one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub same_question: bool,
    /// "para mí y mi hermana", "both of us": two people to book (or more: `party`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub for_two: bool,
    /// "somos 3 amigas", "para mí y mis dos hermanas": how many people, when three or more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<u8>,
    /// "corte y barba", "corte para mi marido": the visit is a man's, so a service named
    /// generically ("corte") is the catalog's men's one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub for_a_man: bool,
    /// "corte para mí y mi marido": the other person booked for is a man.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub other_is_a_man: bool,
    /// "corte para mí y mi hijo" from Juan: the customer, a man by his name, is one of the
    /// two booked for, so his own visit is a man's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub own_is_a_man: bool,
    /// "lo mismo para mi hermana": the booking is someone else's alone (the profile's name
    /// is not offered for it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub for_another: bool,
    /// The business's own answer the message asks for (an index into `Workspace::faq`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub faq: Option<usize>,
    /// "y otro turno igual para el miércoles siguiente": another booking like the one just
    /// made (its service and time), on the day named.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub same_visit: bool,
    /// "cuando ella termine", "después de mi corte", "right after that": the new booking
    /// follows the visit just booked, on its day.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub right_after: bool,
    /// "volvelo a sacar", "book it again": the visit just cancelled, booked again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub books_again: bool,
    /// "¿a qué hora termino?", "what time will I be done?": when the visit ends.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub asks_end: bool,
    /// "para mi amiga Julieta", "for my daughter Emma": someone else the booking is for, by
    /// name. Not the `client_name` slot, which is the customer's own name when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking_for: Option<String>,
    /// "a nombre de Ana": the name given is the booking's (not only who writes: "soy Ana").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_name_of: bool,
    /// "corte para mí y manicura para mi mamá": the services of the second person (as
    /// written), when two people each want their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub second_services: Vec<String>,
    /// "el turno del viernes lo paso al sábado": the day the booking to change is on (as
    /// written), besides the new one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booked_date: Option<String>,
    /// "tengo turno el viernes a las 16 para corte, ¿puedo agregar brushing?": that
    /// booking's time and service (as written), told besides what is asked for now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booked_time: Option<String>,
    /// The service of a booking the message tells ("el corte que tengo el viernes"), or the
    /// one a new service follows ("agregar cejas después del corte").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booked_service: Option<String>,
    /// "sacame la pedicura", "sin pies": services turned down (as written).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub without: Vec<String>,
    /// "solo manicura", "just the manicure": only the services named.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub only: bool,
    /// "chau", "bye": the customer says goodbye.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub farewell: bool,
    /// "una consulta", "te hago una pregunta": the customer is about to ask something.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub asks_leave: bool,
    /// "con Martín no, con otra persona", "con cualquiera menos Martín": the stylist (id)
    /// turned down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_staff: Option<String>,
    /// "mejor otro día": the day given no longer stands, and no new one is named.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub other_day: bool,
    /// "lo antes posible", "el primer turno que tengas", "cualquier día": the first free
    /// time, whatever the day (no day is wanted by name).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub soonest: bool,
    /// "el sábado a primera hora", "el viernes lo antes posible": the first free time of the
    /// day named (a yes to its times takes the first).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub first_of_day: bool,
    /// "el miércoles lo último que tengas", "lo más tarde posible": the day's last free time.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub last_of_day: bool,
    /// "cualquier día menos el martes": weekdays the customer turns down.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_weekdays: Vec<chrono::Weekday>,
    /// "cuánto sale", "precio": the message asks a price (whatever else it asks).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub asks_price: bool,
    /// "¿a qué hora abren el sábado?": the message asks the opening hours (whatever else it
    /// asks).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub asks_hours: bool,
    /// "¿tenés algo más temprano?": a time before (or after) the one on the table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift: Option<Shift>,
    /// "una hora más tarde", "media hora antes": by how many minutes (with `shift`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift_by: Option<u16>,
    /// "el primero", "la última": one of the times just offered, by its place in the list
    /// (read only when a time was asked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pick: Option<Pick>,
    /// A part of the day asked for without an hour ("a la tarde", "temprano").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_part: Option<DayPart>,
    /// "corte el viernes a las 11 y uñas el sábado a las 10": services wanted on days of
    /// their own, one visit each (two or more; empty otherwise). The slots hold the first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visits: Vec<Visit>,
    /// "para mí a las 10 y para mi hija a las 11": two people at times of their own, the
    /// customer's first (`HH:MM`); empty otherwise. The time slot holds the customer's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub person_times: Vec<String>,
}

/// One visit of several asked for in one message: its services, day and time as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    pub services: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
}

/// One of the times offered, by its place in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pick {
    /// The first (0), second (1), third (2).
    Nth(u8),
    /// The last one listed ("la última").
    Last,
    /// The day's last free time, listed or not ("¿a qué hora es el último?").
    LastOfDay,
}

/// Earlier or later than the time on the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shift {
    Earlier,
    Later,
}

/// A part of the day: a named one ("a la tarde"), the times from a time on ("después de
/// las 6") or before it ("antes de las 12"), or those of a range ("entre las 14 y las 16").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
    From(chrono::NaiveTime),
    Before(chrono::NaiveTime),
    Between(chrono::NaiveTime, chrono::NaiveTime),
    /// "llego a salir antes de las 14?": done by the first time, so started by the second
    /// (a minute before it until the visit's length is known, `fit`).
    DoneBy(chrono::NaiveTime, chrono::NaiveTime),
}

impl DayPart {
    pub const ALL: [DayPart; 3] = [DayPart::Morning, DayPart::Afternoon, DayPart::Evening];

    pub fn as_str(self) -> &'static str {
        match self {
            DayPart::Morning => "morning",
            DayPart::Afternoon => "afternoon",
            DayPart::Evening => "evening",
            DayPart::From(_) => "from",
            DayPart::Before(_) => "before",
            DayPart::Between(..) => "between",
            DayPart::DoneBy(..) => "done_by",
        }
    }

    /// "Done by 14:00" for a visit of `minutes`: started by 14:00 less its length.
    pub fn fit(self, minutes: u32) -> DayPart {
        match self {
            DayPart::DoneBy(by, _) => {
                let (last, wrapped) =
                    by.overflowing_sub_signed(chrono::Duration::minutes(i64::from(minutes)));
                // Longer than the day so far: no start is early enough.
                DayPart::DoneBy(
                    by,
                    if wrapped == 0 {
                        last
                    } else {
                        chrono::NaiveTime::MIN
                    },
                )
            }
            other => other,
        }
    }

    /// The start of a range asked for ("entre las 14 y las 16": 14:00).
    pub fn range_start(self) -> Option<chrono::NaiveTime> {
        match self {
            DayPart::Between(from, _) => Some(from),
            _ => None,
        }
    }

    /// Whether a time falls in this part of the day (morning before 13:00, evening from
    /// 19:00; `From` includes its time, `Before` does not; `Between` includes its start, not
    /// its end).
    pub fn contains(self, t: chrono::NaiveTime) -> bool {
        use chrono::Timelike;
        match self {
            DayPart::Morning => t.hour() < 13,
            DayPart::Afternoon => (13..19).contains(&t.hour()),
            DayPart::Evening => t.hour() >= 19,
            DayPart::From(from) => t >= from,
            DayPart::Before(to) => t < to,
            DayPart::Between(from, to) => t >= from && t < to,
            DayPart::DoneBy(_, last) => t <= last,
        }
    }
}

/// One extractor reading of one message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub intent: Intent,
    /// Probability of `intent` in [0, 1] (the model's own for the slm route; a calibrated
    /// rule score for the legacy route).
    pub confidence: f32,
    pub slots: Slots,
    #[serde(default)]
    pub signals: Signals,
}

/// A topic the policy handles specially (from the rules, on every route).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// "quiero hablar con una persona"
    Handoff,
    /// Medical or dermatological advice.
    Medical,
    /// Attempts to change the assistant's instructions or role.
    Injection,
    /// Where the business is.
    Address,
    /// How to pay.
    Payment,
    /// A complaint about a past service.
    Complaint,
    /// Who does a service ("¿con quién sería?", "who does color?").
    Staff,
    /// How long a service takes ("¿cuánto tarda?").
    Duration,
    /// The customer's own bookings ("¿me confirmás si quedó el turno del viernes?", "¿a qué
    /// hora era mi turno?").
    Bookings,
    /// The customer is on the way or running late ("llego 10 minutos tarde", "estoy
    /// llegando").
    Late,
    /// A question the business answers itself (`[[faq]]` in its file): `Signals::faq`.
    Faq,
    /// A question about the customer's own case that someone of the team must answer
    /// ("¿se puede hacer con el pelo teñido?", "¿sirve para pelo rizado?").
    Expert,
}

impl Topic {
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Handoff => "handoff",
            Topic::Medical => "medical",
            Topic::Injection => "injection",
            Topic::Address => "address",
            Topic::Payment => "payment",
            Topic::Complaint => "complaint",
            Topic::Staff => "staff",
            Topic::Duration => "duration",
            Topic::Bookings => "bookings",
            Topic::Late => "late",
            Topic::Faq => "faq",
            Topic::Expert => "expert",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intent_and_slot_names_round_trip() {
        for i in Intent::ALL {
            assert_eq!(Intent::parse(i.as_str()), Some(i));
            assert_eq!(serde_json::to_value(i).unwrap(), i.as_str());
        }
        for s in SlotName::ALL {
            assert_eq!(SlotName::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn slots_serialize_only_present_values() {
        let mut s = Slots::default();
        s.set(SlotName::PreferredTime, Some("17:00".into()));
        s.set(SlotName::ClientName, Some("  ".into()));
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"preferred_time":"17:00"}"#
        );
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn done_by_fits_the_visits_length() {
        let hm = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let part = DayPart::DoneBy(hm(14, 0), hm(13, 59)).fit(180);
        assert_eq!(part, DayPart::DoneBy(hm(14, 0), hm(11, 0)));
        assert!(part.contains(hm(11, 0)) && !part.contains(hm(11, 30)));
        // Longer than the day so far: nothing starts early enough (no wrap past midnight).
        let part = DayPart::DoneBy(hm(1, 0), hm(0, 59)).fit(180);
        assert!(!part.contains(hm(22, 0)) && !part.contains(hm(10, 0)));
    }
}
