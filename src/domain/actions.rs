//! Tool calls and their observations, typed.
//!
//! The planner (rules or model) produces a [`ToolCall`]; the broker runs it (built-in or
//! webhook) and returns an [`Observation`]. Both serialize to the JSON that `actions[]`
//! shows and that webhook tools receive and must answer with.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// The tools Pulpo knows. Only these can appear in a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ToolName {
    ListServices,
    GetPrices,
    GetHours,
    CheckAvailability,
    FindBookings,
    CreateBooking,
    CancelBooking,
    RescheduleBooking,
}

impl ToolName {
    pub const ALL: [ToolName; 8] = [
        ToolName::ListServices,
        ToolName::GetPrices,
        ToolName::GetHours,
        ToolName::CheckAvailability,
        ToolName::FindBookings,
        ToolName::CreateBooking,
        ToolName::CancelBooking,
        ToolName::RescheduleBooking,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ToolName::ListServices => "list_services",
            ToolName::GetPrices => "get_prices",
            ToolName::GetHours => "get_hours",
            ToolName::CheckAvailability => "check_availability",
            ToolName::FindBookings => "find_bookings",
            ToolName::CreateBooking => "create_booking",
            ToolName::CancelBooking => "cancel_booking",
            ToolName::RescheduleBooking => "reschedule_booking",
        }
    }

    pub fn parse(s: &str) -> Option<ToolName> {
        ToolName::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Tools that change bookings: the policy demands every slot and an explicit yes.
    pub fn is_mutation(self) -> bool {
        matches!(
            self,
            ToolName::CreateBooking | ToolName::CancelBooking | ToolName::RescheduleBooking
        )
    }
}

/// One tool call with typed arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "tool", content = "args", rename_all = "snake_case")]
pub enum ToolCall {
    ListServices {},
    GetPrices {
        /// Catalog service id; all services when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        service: Option<String>,
        /// More services asked about with it ("¿cuánto sale corte y color?").
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        then: Vec<String>,
    },
    GetHours {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        date: Option<NaiveDate>,
        /// A staff member's days and hours rather than the business's ("¿Martín trabaja los
        /// sábados?").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        staff: Option<String>,
    },
    CheckAvailability {
        service: String,
        /// Further services done right after the first, in order ("corte y color").
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        then: Vec<String>,
        date: NaiveDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time: Option<NaiveTime>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        staff: Option<String>,
        /// The booking being moved: the time it holds now does not count as taken.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        moving: Option<String>,
        /// The part of the day wanted ("el martes a la tarde", "después de las 5"): when the
        /// day has nothing, the times offered on the following days are from that part.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        part: Option<crate::domain::understanding::DayPart>,
    },
    FindBookings {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        booking_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        phone: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        date: Option<NaiveDate>,
        /// The visits that already took place, the latest first ("con la misma chica de
        /// la otra vez": who did the last one), rather than the coming ones.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        past: bool,
    },
    CreateBooking {
        service: String,
        /// Further services booked right after the first, in the same visit.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        then: Vec<String>,
        date: NaiveDate,
        time: NaiveTime,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        staff: Option<String>,
        customer_name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        customer_phone: Option<String>,
        /// A number the customer typed to be reached at, when it is not the channel's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        contact_phone: Option<String>,
        /// Makes a retried call create at most one booking.
        idempotency_key: String,
    },
    CancelBooking {
        booking_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        phone: Option<String>,
    },
    RescheduleBooking {
        booking_id: String,
        date: NaiveDate,
        time: NaiveTime,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        staff: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        phone: Option<String>,
        /// The visit's services after the change, in order, when the customer changes what
        /// it is for ("era pedicura, no manicura"); as many as it has. Empty: they stay.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        services: Vec<String>,
        /// The name the booking goes under from now on, when the customer corrects it
        /// ("perdón, el nombre es Nicolás"); absent: it stays.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        customer_name: Option<String>,
    },
}

impl ToolCall {
    pub fn name(&self) -> ToolName {
        match self {
            ToolCall::ListServices {} => ToolName::ListServices,
            ToolCall::GetPrices { .. } => ToolName::GetPrices,
            ToolCall::GetHours { .. } => ToolName::GetHours,
            ToolCall::CheckAvailability { .. } => ToolName::CheckAvailability,
            ToolCall::FindBookings { .. } => ToolName::FindBookings,
            ToolCall::CreateBooking { .. } => ToolName::CreateBooking,
            ToolCall::CancelBooking { .. } => ToolName::CancelBooking,
            ToolCall::RescheduleBooking { .. } => ToolName::RescheduleBooking,
        }
    }

    /// The arguments as a JSON object (for `actions[].args` and webhooks).
    pub fn args_json(&self) -> serde_json::Value {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(mut m)) => m.remove("args").unwrap_or_default(),
            _ => serde_json::Value::Object(Default::default()),
        }
    }

    /// Rebuilds a call from a tool name and JSON arguments (webhook replies, model plans).
    pub fn from_parts(
        tool: ToolName,
        args: serde_json::Value,
    ) -> Result<ToolCall, serde_json::Error> {
        serde_json::from_value(serde_json::json!({"tool": tool.as_str(), "args": args}))
    }
}

/// A service as tools report it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceInfo {
    pub id: String,
    pub name: String,
    pub price: u64,
    pub duration_minutes: u32,
}

/// A bookable start time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotOffer {
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub staff: String,
}

/// Why a day cannot be booked at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unbookable {
    /// The business is closed that weekday or on a closure day.
    Closed,
    /// The date is in the past.
    Past,
    /// Beyond the booking horizon.
    TooFar,
    /// The requested time is outside opening hours.
    OutsideHours,
    /// Nobody who does this service (or the requested staff member does not do it).
    NoStaff,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Availability {
    pub service: String,
    /// The services that follow the first, back to back, when several were asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub then: Vec<String>,
    pub date: NaiveDate,
    #[serde(default)]
    pub time: Option<NaiveTime>,
    /// True when the requested time (or, without one, some time that day) is free.
    pub available: bool,
    /// When a time was asked and is free: who takes it (the first service).
    #[serde(default)]
    pub staff: Option<String>,
    /// When a time was asked and is free: who takes each of the following services.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub then_staff: Vec<String>,
    /// When a time was asked and is free: how many people can start the visit then, each
    /// taking the first staff members free for its services in turn, for a visit of two or
    /// a group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<u8>,
    /// When a time was asked with a staff member who is busy then (a visit of one service):
    /// another who does it and is free at that time ("Caro no tiene lugar a las 17:00, pero
    /// Martín sí").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instead: Option<String>,
    /// Free start times that day (without a time), or the nearest alternatives (with one).
    #[serde(default)]
    pub slots: Vec<SlotOffer>,
    #[serde(default)]
    pub unbookable: Option<Unbookable>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    Confirmed,
    Cancelled,
}

/// A booking as tools report it. Times are in the workspace's zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingInfo {
    pub booking_id: String,
    pub service: String,
    pub service_name: String,
    pub staff: String,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub duration_minutes: u32,
    pub customer_name: String,
    #[serde(default)]
    pub customer_phone: Option<String>,
    /// A number the customer typed to be reached at, when it is not the channel's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_phone: Option<String>,
    pub status: BookingStatus,
    /// The services of the same visit that follow the first, back to back (one booking code).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub then: Vec<BookingPart>,
}

/// The visits on the first day after `day` with its weekday that has any ("el jueves" with
/// none of hers this Thursday: her next Thursday's).
pub fn on_next_same_weekday<'a>(
    visits: impl Iterator<Item = &'a BookingInfo> + Clone,
    day: NaiveDate,
) -> Vec<&'a BookingInfo> {
    use chrono::Datelike;
    let later = visits.filter(move |b| b.date > day && b.date.weekday() == day.weekday());
    let first = later.clone().map(|b| b.date).min();
    later.filter(|b| Some(b.date) == first).collect()
}

impl BookingInfo {
    /// Every service of the visit, first to last.
    pub fn service_ids(&self) -> Vec<String> {
        std::iter::once(self.service.clone())
            .chain(self.then.iter().map(|p| p.service.clone()))
            .collect()
    }

    /// Minutes from the first service's start to the last one's end.
    pub fn total_minutes(&self) -> u32 {
        self.duration_minutes + self.then.iter().map(|p| p.duration_minutes).sum::<u32>()
    }
}

/// A further service of a visit with several.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingPart {
    pub service: String,
    pub service_name: String,
    pub staff: String,
    pub time: NaiveTime,
    pub duration_minutes: u32,
}

/// Why a booking change did not happen (a business outcome, not a tool fault).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingRefusal {
    /// The slot was taken meanwhile (another customer, another replica).
    SlotTaken,
    NotFound,
    AlreadyCancelled,
    Unbookable,
}

/// What a tool returned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Observation {
    Services {
        services: Vec<ServiceInfo>,
    },
    Prices {
        services: Vec<ServiceInfo>,
    },
    Hours {
        /// Weekly ranges, Monday first, as "HH:MM-HH:MM".
        weekly: Vec<Vec<String>>,
        #[serde(default)]
        date: Option<NaiveDate>,
        #[serde(default)]
        date_ranges: Option<Vec<String>>,
    },
    Availability(Availability),
    Bookings {
        bookings: Vec<BookingInfo>,
    },
    Booked {
        booking: BookingInfo,
    },
    Cancelled {
        booking: BookingInfo,
    },
    Rescheduled {
        booking: BookingInfo,
        previous: Box<BookingInfo>,
    },
    Refused {
        reason: BookingRefusal,
        #[serde(default)]
        alternatives: Vec<SlotOffer>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_calls_round_trip_through_parts() {
        let call = ToolCall::CheckAvailability {
            service: "corte-dama".into(),
            then: vec![],
            date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            time: NaiveTime::from_hms_opt(17, 0, 0),
            staff: None,
            moving: None,
            part: None,
        };
        let args = call.args_json();
        assert_eq!(args["date"], "2026-11-27");
        assert_eq!(args["time"], "17:00:00");
        let back = ToolCall::from_parts(ToolName::CheckAvailability, args).unwrap();
        assert_eq!(back, call);
        assert!(ToolCall::from_parts(ToolName::CreateBooking, serde_json::json!({})).is_err());
    }
}
