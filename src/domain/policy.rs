//! The policy engine: rules no planner output can bypass.
//!
//! - A booking is created, cancelled or moved only when every required value is there, the
//!   very same change was summarised to the customer, and the customer answered it with an
//!   explicit yes ("sí", "dale", "confirmo").
//! - Bookings only inside opening hours, for services and staff of the catalog.
//! - No medical or dermatological advice; prompt injection and off-topic messages get a
//!   polite refusal and change nothing; a request for a human hands off.

use chrono::Datelike;
use thiserror::Error;

use crate::domain::actions::ToolCall;
use crate::domain::catalog::Workspace;
use crate::domain::plan::{Plan, RefuseReason};
use crate::domain::state::ConversationState;
use crate::domain::understanding::Topic;
use crate::domain::understanding::{Extraction, SlotName};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Violation {
    #[error("{tool} needs an explicit confirmation of the same change")]
    NotConfirmed { tool: &'static str },
    #[error("{tool} is missing {what}")]
    Missing {
        tool: &'static str,
        what: &'static str,
    },
    #[error("{what} `{value}` is not in the catalog")]
    Unknown { what: &'static str, value: String },
    #[error("{date} {time} is outside opening hours")]
    OutsideHours { date: String, time: String },
    #[error("a message flagged as {topic} may only be answered with {allowed}")]
    Topic {
        topic: &'static str,
        allowed: &'static str,
    },
    #[error("asking for {slot} makes no sense here")]
    PointlessQuestion { slot: &'static str },
    #[error("availability may only set aside the booking this conversation is changing")]
    NotTheTarget,
}

/// Checks one step. `Ok` means it may run.
pub fn check(
    plan: &Plan,
    state: &ConversationState,
    ex: &Extraction,
    ws: &Workspace,
) -> Result<(), Violation> {
    // Topics that constrain the answer, whatever the planner thinks.
    match ex.signals.topic {
        Some(Topic::Injection)
            if !matches!(
                plan,
                Plan::Refuse(RefuseReason::Injection | RefuseReason::OffTopic)
            ) =>
        {
            return Err(Violation::Topic {
                topic: "injection",
                allowed: "a refusal",
            })
        }
        Some(Topic::Handoff) if !matches!(plan, Plan::Handoff) => {
            return Err(Violation::Topic {
                topic: "handoff",
                allowed: "a handoff",
            })
        }
        Some(Topic::Medical)
            if !matches!(plan, Plan::Refuse(RefuseReason::Medical) | Plan::Handoff)
                && !matches!(
                    ex.intent,
                    crate::domain::understanding::Intent::Cancel
                        | crate::domain::understanding::Intent::Reschedule
                ) =>
        {
            return Err(Violation::Topic {
                topic: "medical",
                allowed: "a refusal or a handoff",
            })
        }
        _ => {}
    }
    match plan {
        Plan::Call(call) if call.name().is_mutation() => {
            // "cancelame todos los turnos", confirmed once with every one listed: the rest
            // of those listed, after the first.
            let of_all = matches!(call, ToolCall::CancelBooking { booking_id, .. }
                if state.cancel_confirmed
                    && state.candidates.iter().any(|b| &b.booking_id == booking_id));
            let confirmed = (of_all || state.pending.as_ref().is_some_and(|p| &p.call == call))
                && ex.signals.affirmation == Some(true);
            if !confirmed {
                return Err(Violation::NotConfirmed {
                    tool: call.name().as_str(),
                });
            }
            check_call(call, ws)
        }
        Plan::Call(ToolCall::CheckAvailability {
            moving: Some(id), ..
        }) if state.target.as_ref().is_none_or(|t| t.booking_id != *id) => {
            Err(Violation::NotTheTarget)
        }
        Plan::Call(call) | Plan::Confirm(call) => check_call(call, ws),
        Plan::Ask(slot) => match slot {
            SlotName::BookingId if state.flow.is_none() => Err(Violation::PointlessQuestion {
                slot: slot.as_str(),
            }),
            SlotName::ClientEmail | SlotName::StaffName => Err(Violation::PointlessQuestion {
                slot: slot.as_str(),
            }),
            _ => Ok(()),
        },
        Plan::Reply(_) | Plan::Handoff | Plan::Refuse(_) => Ok(()),
    }
}

fn check_call(call: &ToolCall, ws: &Workspace) -> Result<(), Violation> {
    let tool = call.name().as_str();
    let known_service = |id: &str| {
        ws.service(id).ok_or_else(|| Violation::Unknown {
            what: "service",
            value: id.to_string(),
        })
    };
    let known_staff = |id: &Option<String>| match id {
        Some(s) if ws.staff_member(s).is_none() => Err(Violation::Unknown {
            what: "staff",
            value: s.clone(),
        }),
        _ => Ok(()),
    };
    match call {
        ToolCall::GetPrices {
            service: Some(s),
            then,
        } => std::iter::once(s)
            .chain(then)
            .try_for_each(|id| known_service(id).map(|_| ())),
        // More services need a first one.
        ToolCall::GetPrices {
            service: None,
            then,
        } if !then.is_empty() => Err(Violation::Missing {
            tool,
            what: "service",
        }),
        ToolCall::CheckAvailability { service, staff, .. } => {
            known_service(service)?;
            known_staff(staff)
        }
        ToolCall::CreateBooking {
            service,
            date,
            time,
            staff,
            customer_name,
            ..
        } => {
            let svc = known_service(service)?;
            known_staff(staff)?;
            if customer_name.trim().is_empty() {
                return Err(Violation::Missing {
                    tool,
                    what: "the customer's name",
                });
            }
            inside_hours(ws, svc.duration_minutes, *date, *time)
        }
        ToolCall::RescheduleBooking {
            booking_id,
            date,
            time,
            staff,
            services,
            ..
        } => {
            if booking_id.is_empty() {
                return Err(Violation::Missing {
                    tool,
                    what: "the booking id",
                });
            }
            for id in services {
                known_service(id)?;
            }
            known_staff(staff)?;
            // The duration is the booking's; the broker re-checks the whole slot.
            inside_hours(ws, 1, *date, *time)
        }
        ToolCall::CancelBooking { booking_id, .. } if booking_id.is_empty() => {
            Err(Violation::Missing {
                tool,
                what: "the booking id",
            })
        }
        _ => Ok(()),
    }
}

fn inside_hours(
    ws: &Workspace,
    minutes: u32,
    date: chrono::NaiveDate,
    time: chrono::NaiveTime,
) -> Result<(), Violation> {
    let start = date.and_time(time);
    let end = start + chrono::Duration::minutes(i64::from(minutes));
    let ok = ws.is_open_on(date)
        && ws
            .hours_on(date.weekday())
            .iter()
            .any(|(a, b)| start >= date.and_time(*a) && end <= date.and_time(*b));
    if ok {
        Ok(())
    } else {
        Err(Violation::OutsideHours {
            date: date.to_string(),
            time: time.format("%H:%M").to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::tests::demo;
    use crate::domain::state::Pending;
    use crate::domain::understanding::{Intent, Signals, Slots};
    use chrono::{NaiveDate, NaiveTime};

    fn ex(affirm: Option<bool>, topic: Option<Topic>) -> Extraction {
        Extraction {
            intent: Intent::Chitchat,
            confidence: 1.0,
            slots: Slots::default(),
            signals: Signals {
                affirmation: affirm,
                topic,
                ..Default::default()
            },
        }
    }

    fn booking(hour: u32) -> ToolCall {
        ToolCall::CreateBooking {
            service: "corte-dama".into(),
            then: vec![],
            date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            time: NaiveTime::from_hms_opt(hour, 0, 0).unwrap(),
            staff: Some("caro".into()),
            customer_name: "Ana".into(),
            customer_phone: None,
            contact_phone: None,
            idempotency_key: "k".into(),
        }
    }

    #[test]
    fn mutations_need_the_same_pending_change_and_a_yes() {
        let ws = demo();
        let call = booking(17);
        let mut st = ConversationState::default();
        let plan = Plan::Call(call.clone());
        assert!(matches!(
            check(&plan, &st, &ex(Some(true), None), &ws),
            Err(Violation::NotConfirmed { .. })
        ));
        st.pending = Some(Pending { call: call.clone() });
        assert!(matches!(
            check(&plan, &st, &ex(None, None), &ws),
            Err(Violation::NotConfirmed { .. })
        ));
        assert_eq!(check(&plan, &st, &ex(Some(true), None), &ws), Ok(()));
        // A different change than the one summarised is refused.
        let other = Plan::Call(booking(18));
        assert!(check(&other, &st, &ex(Some(true), None), &ws).is_err());
    }

    #[test]
    fn cancelling_them_all_confirmed_once_covers_only_those_listed() {
        let ws = demo();
        let cancel = |id: &str| {
            Plan::Call(ToolCall::CancelBooking {
                booking_id: id.into(),
                phone: None,
            })
        };
        let mut st = ConversationState {
            candidates: vec![crate::domain::reducer::tests::booked(&["brushing"], "caro")],
            ..Default::default()
        };
        // Listed, but the cancel of them all not confirmed: refused.
        assert!(check(&cancel("BK-1000"), &st, &ex(Some(true), None), &ws).is_err());
        st.cancel_confirmed = true;
        assert_eq!(
            check(&cancel("BK-1000"), &st, &ex(Some(true), None), &ws),
            Ok(())
        );
        // Not one of those listed, or no yes this turn: refused.
        assert!(check(&cancel("BK-9999"), &st, &ex(Some(true), None), &ws).is_err());
        assert!(check(&cancel("BK-1000"), &st, &ex(None, None), &ws).is_err());
    }

    #[test]
    fn availability_sets_aside_only_the_booking_being_changed() {
        let ws = demo();
        let check_moving = |id: &str| {
            Plan::Call(ToolCall::CheckAvailability {
                service: "corte-dama".into(),
                then: vec![],
                date: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
                time: None,
                staff: None,
                moving: Some(id.into()),
                part: None,
            })
        };
        let mut st = ConversationState::default();
        assert_eq!(
            check(&check_moving("BK-1000"), &st, &ex(None, None), &ws),
            Err(Violation::NotTheTarget)
        );
        st.target = Some(crate::domain::actions::BookingInfo {
            booking_id: "BK-1000".into(),
            service: "corte-dama".into(),
            service_name: "Corte de dama".into(),
            staff: "caro".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            time: chrono::NaiveTime::from_hms_opt(15, 0, 0).unwrap(),
            duration_minutes: 45,
            customer_name: "Ana".into(),
            customer_phone: None,
            contact_phone: None,
            status: crate::domain::actions::BookingStatus::Confirmed,
            then: vec![],
        });
        assert_eq!(
            check(&check_moving("BK-1000"), &st, &ex(None, None), &ws),
            Ok(())
        );
        assert_eq!(
            check(&check_moving("BK-2000"), &st, &ex(None, None), &ws),
            Err(Violation::NotTheTarget)
        );
    }

    #[test]
    fn bookings_only_inside_hours() {
        let ws = demo();
        let plan = Plan::Confirm(booking(20));
        assert!(matches!(
            check(&plan, &ConversationState::default(), &ex(None, None), &ws),
            Err(Violation::OutsideHours { .. })
        ));
        assert_eq!(
            check(
                &Plan::Confirm(booking(10)),
                &ConversationState::default(),
                &ex(None, None),
                &ws
            ),
            Ok(())
        );
    }

    #[test]
    fn topics_constrain_the_answer() {
        let ws = demo();
        let st = ConversationState::default();
        let injected = ex(None, Some(Topic::Injection));
        assert!(check(&Plan::Call(ToolCall::ListServices {}), &st, &injected, &ws).is_err());
        assert_eq!(
            check(&Plan::Refuse(RefuseReason::Injection), &st, &injected, &ws),
            Ok(())
        );
        let human = ex(None, Some(Topic::Handoff));
        assert!(check(
            &Plan::Reply(crate::domain::plan::ReplyTopic::Greeting),
            &st,
            &human,
            &ws
        )
        .is_err());
        assert_eq!(check(&Plan::Handoff, &st, &human, &ws), Ok(()));
    }

    /// Prices of several services: every one in the catalog, and a first one named.
    #[test]
    fn prices_of_several_services_are_of_catalog_services() {
        let ws = demo();
        let st = ConversationState::default();
        let prices = |service: Option<&str>, then: &[&str]| {
            let call = ToolCall::GetPrices {
                service: service.map(str::to_string),
                then: then.iter().map(|s| s.to_string()).collect(),
            };
            check(&Plan::Call(call), &st, &ex(None, None), &ws)
        };
        assert_eq!(prices(Some("corte-dama"), &["color"]), Ok(()));
        assert!(matches!(
            prices(Some("corte-dama"), &["barba"]),
            Err(Violation::Unknown { .. })
        ));
        assert!(matches!(
            prices(None, &["color"]),
            Err(Violation::Missing { .. })
        ));
    }
}
