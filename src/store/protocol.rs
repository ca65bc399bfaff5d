//! The store's protocol, written once: how a turn starts (replay, expired, busy, fresh),
//! how a booking is inserted (idempotent by key, ids drawn until one is free, an overlap
//! refused by the database) and which columns a booking has. Each backend keeps only its
//! SQL and its error mapping, and calls these.

use super::{BookingRow, CreateOutcome, StoreError, TurnStart};

/// The columns a booking is read with, in [`BookingRow`] order.
pub const BOOKING_COLUMNS: &str = "booking_id, workspace_id, conversation_id, customer_phone, customer_name, service_id, service_name, staff_id, start_utc, end_utc, status, part_of, contact_phone";

/// The row id of a visit's `n`-th service (`n` ≥ 2); the first service's row has the code.
pub fn part_id(code: &str, n: usize) -> String {
    format!("{code}-{n}")
}

/// The idempotency key of a visit's `n`-th service's row.
pub fn part_key(key: &str, n: usize) -> String {
    format!("{key}#{n}")
}

/// The order in which a visit's rows are moved so that no row ever overlaps a row of the same
/// visit that has not moved yet: latest first when the visit moves later, earliest first
/// otherwise. `current` holds each row of booking `code` with its start; a move of any other
/// row is refused.
pub fn move_order(
    code: &str,
    moves: &[super::PartMove],
    current: &[(String, chrono::DateTime<chrono::Utc>)],
) -> Result<Vec<super::PartMove>, StoreError> {
    let start_of = |id: &str| current.iter().find(|(i, _)| i == id).map(|(_, s)| *s);
    if let Some(m) = moves.iter().find(|m| start_of(&m.booking_id).is_none()) {
        return Err(StoreError::Db(format!(
            "{} is not part of booking {code}",
            m.booking_id
        )));
    }
    let later = moves
        .first()
        .and_then(|m| start_of(&m.booking_id).map(|old| m.start_utc > old))
        .unwrap_or(false);
    let mut out = moves.to_vec();
    out.sort_by_key(|m| start_of(&m.booking_id));
    if later {
        out.reverse();
    }
    Ok(out)
}

/// Booking ids drawn before giving up (ids are short; collisions are retried).
pub const ID_DRAWS: u32 = 40;

/// A message's row as a backend read it.
#[derive(Debug)]
pub struct SeenMessage {
    pub status: String,
    pub response: Option<serde_json::Value>,
    pub text: Option<String>,
}

/// What a message's row says before its turn runs: `Some` ends the turn start there (the
/// stored answer, or an answer retention removed); `None` lets it go on.
pub fn answered(msg: Option<SeenMessage>) -> Option<TurnStart> {
    let m = msg?;
    if m.status != "done" {
        return None;
    }
    Some(match m.response {
        Some(response) => TurnStart::Replay {
            response,
            text: m.text,
        },
        None => TurnStart::Expired,
    })
}

/// Whether another holder's live lease keeps this turn waiting.
pub fn busy(lease_holder: Option<&str>, lease_live: bool, holder: &str) -> bool {
    lease_live && lease_holder.is_some_and(|h| h != holder)
}

/// What one insert attempt of a booking met.
#[derive(Debug)]
pub enum Attempt {
    /// A booking with this idempotency key exists (a retried message).
    Existing(BookingRow),
    Created(BookingRow),
    /// The database refused an overlapping booking of the staff member.
    Overlap,
    /// The drawn id (or the key, concurrently) was taken: draw again.
    Taken,
}

/// Inserts a booking by trying `attempt` with fresh ids: each id from
/// [`super::random_booking_id`], at most [`ID_DRAWS`] times.
pub fn insert_booking(
    mut attempt: impl FnMut(&str) -> Result<Attempt, StoreError>,
) -> Result<CreateOutcome, StoreError> {
    for n in 0..ID_DRAWS {
        let id = super::random_booking_id(n);
        if let Some(out) = settle(attempt(&id)?) {
            return Ok(out);
        }
    }
    Err(no_free_id())
}

/// The outcome of an attempt, or `None` to draw another id (for backends that loop
/// themselves, e.g. over async calls).
pub fn settle(a: Attempt) -> Option<CreateOutcome> {
    match a {
        Attempt::Existing(row) => Some(CreateOutcome::Existing(row)),
        Attempt::Created(row) => Some(CreateOutcome::Created(row)),
        Attempt::Overlap => Some(CreateOutcome::Overlap),
        Attempt::Taken => None,
    }
}

pub fn no_free_id() -> StoreError {
    StoreError::Db("could not draw a free booking id".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_turn_start_replays_answers_and_refuses_expired_ones() {
        assert!(answered(None).is_none());
        let processing = SeenMessage {
            status: "processing".into(),
            response: None,
            text: None,
        };
        assert!(answered(Some(processing)).is_none());
        let done = SeenMessage {
            status: "done".into(),
            response: Some(serde_json::json!({"a": 1})),
            text: Some("hola".into()),
        };
        assert!(matches!(
            answered(Some(done)),
            Some(TurnStart::Replay { .. })
        ));
        let expired = SeenMessage {
            status: "done".into(),
            response: None,
            text: Some(String::new()),
        };
        assert!(matches!(answered(Some(expired)), Some(TurnStart::Expired)));
        assert!(busy(Some("other"), true, "me"));
        assert!(!busy(Some("me"), true, "me"));
        assert!(!busy(Some("other"), false, "me"));
    }

    #[test]
    fn ids_are_drawn_until_one_is_free_and_then_given_up() {
        let mut tries = 0;
        let out = insert_booking(|_| {
            tries += 1;
            Ok(if tries < 3 {
                Attempt::Taken
            } else {
                Attempt::Overlap
            })
        })
        .unwrap();
        assert!(matches!(out, CreateOutcome::Overlap));
        assert_eq!(tries, 3);
        let err = insert_booking(|_| Ok(Attempt::Taken)).unwrap_err();
        assert!(err.to_string().contains("free booking id"));
    }
}
