//! Built-in tools over the workspace catalog and the store.

use async_trait::async_trait;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use super::{Tool, ToolContext, ToolError};
use crate::domain::actions::{
    BookingInfo, BookingPart, BookingRefusal, BookingStatus, Observation, ServiceInfo, ToolCall,
};
use crate::domain::availability::{self, Busy, ALTERNATIVE_DAYS};
use crate::domain::catalog::{Service, Workspace};
use crate::domain::normalize::same_phone;
use crate::store::{
    BookingQuery, BookingRow, BookingRowStatus, ChangeOutcome, CreateOutcome, NewBooking, NewPart,
    PartMove, StoreError,
};

/// The built-in implementation of every tool.
#[derive(Debug, Default, Clone, Copy)]
pub struct Builtin;

fn store_err(e: StoreError) -> ToolError {
    match e {
        StoreError::Conflict { .. } | StoreError::Db(_) => ToolError::Unavailable(e.to_string()),
        other => ToolError::Rejected(other.to_string()),
    }
}

fn service_info(s: &Service) -> ServiceInfo {
    ServiceInfo {
        id: s.id.clone(),
        name: s.name.clone(),
        price: s.price,
        duration_minutes: s.duration_minutes,
    }
}

fn to_utc(ws: &Workspace, local: NaiveDateTime) -> Result<DateTime<Utc>, ToolError> {
    ws.tz
        .from_local_datetime(&local)
        .earliest()
        .map(|d| d.with_timezone(&Utc))
        .ok_or_else(|| ToolError::Rejected(format!("{local} does not exist in {}", ws.tz)))
}

fn to_local(ws: &Workspace, t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&ws.tz).naive_local()
}

fn booking_info(ws: &Workspace, b: &BookingRow) -> BookingInfo {
    let start = to_local(ws, b.start_utc);
    BookingInfo {
        booking_id: b.booking_id.clone(),
        service: b.service_id.clone(),
        service_name: b.service_name.clone(),
        staff: b.staff_id.clone(),
        date: start.date(),
        time: start.time(),
        duration_minutes: (b.end_utc - b.start_utc).num_minutes().max(0) as u32,
        customer_name: b.customer_name.clone(),
        customer_phone: b.customer_phone.clone(),
        contact_phone: b.contact_phone.clone(),
        status: match b.status {
            BookingRowStatus::Confirmed => BookingStatus::Confirmed,
            BookingRowStatus::Cancelled => BookingStatus::Cancelled,
        },
        then: Vec::new(),
    }
}

/// Rows grouped into visits: each first row with the further services of its visit, in
/// order. A further service whose first row is not among `rows` is left out, and so is one
/// taken out of a visit that stands.
pub fn visits(ws: &Workspace, rows: &[BookingRow]) -> Vec<BookingInfo> {
    rows.iter()
        .filter(|b| b.part_of.is_none())
        .map(|head| {
            let mut info = booking_info(ws, head);
            // A service taken out of a visit is a cancelled row of it (a cancelled visit
            // shows them all).
            let live = |p: &&BookingRow| {
                p.status == BookingRowStatus::Confirmed
                    || head.status == BookingRowStatus::Cancelled
            };
            let mut parts: Vec<&BookingRow> = rows
                .iter()
                .filter(|p| p.part_of.as_deref() == Some(head.booking_id.as_str()))
                .filter(live)
                .collect();
            parts.sort_by_key(|p| p.start_utc);
            info.then = parts
                .into_iter()
                .map(|p| BookingPart {
                    service: p.service_id.clone(),
                    service_name: p.service_name.clone(),
                    staff: p.staff_id.clone(),
                    time: to_local(ws, p.start_utc).time(),
                    duration_minutes: (p.end_utc - p.start_utc).num_minutes().max(0) as u32,
                })
                .collect();
            info
        })
        .collect()
}

/// A booking code's visit as stored now (its first row and the rest).
async fn visit(ctx: &ToolContext, booking_id: &str) -> Result<Option<BookingInfo>, ToolError> {
    let rows = ctx
        .store
        .find_bookings(
            &ctx.ws.id,
            &BookingQuery {
                booking_id: Some(booking_id.to_string()),
                ..Default::default()
            },
        )
        .await
        .map_err(store_err)?;
    Ok(visits(&ctx.ws, &rows).into_iter().next())
}

/// The customer's coming visits on the first day after `day` with its weekday that has any,
/// within eight weeks.
async fn same_weekday_after(
    ctx: &ToolContext,
    ws: &Workspace,
    phone: Option<&str>,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Vec<BookingInfo>, ToolError> {
    let until = (day + Duration::days(57)).and_time(NaiveTime::MIN);
    let rows = ctx
        .store
        .find_bookings(
            &ws.id,
            &BookingQuery {
                phone: phone.map(str::to_string),
                from_utc: Some(now - Duration::hours(1)),
                to_utc: Some(to_utc(ws, until)?),
                only_confirmed: true,
                ..Default::default()
            },
        )
        .await
        .map_err(store_err)?;
    let hers: Vec<BookingInfo> = visits(ws, &rows)
        .into_iter()
        .filter(|b| owned_by(b.customer_phone.as_deref(), phone))
        .collect();
    let next = crate::domain::actions::on_next_same_weekday(hers.iter(), day);
    Ok(next.into_iter().cloned().collect())
}

/// Who does each service of a visit the check found free, or the refusal to answer with
/// (the day cannot be booked, or the time is taken, with the alternatives).
fn staff_or_refusal(
    a: crate::domain::actions::Availability,
) -> Result<Vec<String>, Box<Observation>> {
    match a.staff.filter(|_| a.available) {
        Some(first) => Ok(std::iter::once(first).chain(a.then_staff).collect()),
        None => Err(Box::new(Observation::Refused {
            reason: if a.unbookable.is_some() {
                BookingRefusal::Unbookable
            } else {
                BookingRefusal::SlotTaken
            },
            alternatives: a.slots,
        })),
    }
}

/// One service of a visit placed in time: the service, who does it, start and end (UTC).
type Placed<'a> = (&'a Service, String, DateTime<Utc>, DateTime<Utc>);

/// Where each service of a visit starting at `start` goes.
fn lay_out<'a>(
    ws: &Workspace,
    services: &[&'a Service],
    staff: &[String],
    start: NaiveDateTime,
) -> Result<Vec<Placed<'a>>, ToolError> {
    let mut t = start;
    let mut out = Vec::with_capacity(services.len());
    for (svc, who) in services.iter().zip(staff) {
        let end = t + Duration::minutes(i64::from(svc.duration_minutes));
        out.push((*svc, who.clone(), to_utc(ws, t)?, to_utc(ws, end)?));
        t = end;
    }
    Ok(out)
}

/// A booking belongs to the asking customer only when both numbers are known and match:
/// an unknown number owns nothing (fail closed).
pub fn owned_by(booking_phone: Option<&str>, phone: Option<&str>) -> bool {
    match (booking_phone, phone) {
        (Some(a), Some(p)) if !a.is_empty() && !p.is_empty() => same_phone(a, p),
        _ => false,
    }
}

/// "Now" for booking decisions: never earlier than the server's clock.
fn booking_now(ctx: &ToolContext) -> NaiveDateTime {
    to_local(&ctx.ws, ctx.now.max(ctx.clock.now()))
}

async fn busy_for(
    ctx: &ToolContext,
    staff: &[String],
    from: NaiveDate,
    days: i64,
    except: Option<&str>,
) -> Result<Vec<Busy>, ToolError> {
    let ws = &ctx.ws;
    let from_utc = to_utc(ws, from.and_time(NaiveTime::MIN))?;
    let to_utc_ = to_utc(ws, (from + Duration::days(days)).and_time(NaiveTime::MIN))?;
    let rows = ctx
        .store
        .find_bookings(
            &ws.id,
            &BookingQuery {
                from_utc: Some(from_utc),
                to_utc: Some(to_utc_),
                staff_ids: staff.to_vec(),
                only_confirmed: true,
                ..Default::default()
            },
        )
        .await
        .map_err(store_err)?;
    Ok(rows
        .iter()
        .filter(|b| except.is_none_or(|x| b.booking_id != x && b.part_of.as_deref() != Some(x)))
        .map(|b| Busy {
            staff: b.staff_id.clone(),
            start: to_local(ws, b.start_utc),
            end: to_local(ws, b.end_utc),
        })
        .collect())
}

fn find_service<'a>(ws: &'a Workspace, id: &str) -> Result<&'a Service, ToolError> {
    ws.service(id)
        .ok_or_else(|| ToolError::Rejected(format!("unknown service `{id}`")))
}

/// The services of a visit: the first and the ones that follow, from the catalog.
fn find_services<'a>(
    ws: &'a Workspace,
    first: &str,
    then: &[String],
) -> Result<Vec<&'a Service>, ToolError> {
    std::iter::once(first)
        .chain(then.iter().map(String::as_str))
        .map(|id| find_service(ws, id))
        .collect()
}

/// A time and maybe a stylist asked for (a booking made or moved).
fn at(time: NaiveTime, staff: &Option<String>) -> availability::Wanted<'_> {
    availability::Wanted {
        time: Some(time),
        part: None,
        staff: staff.as_deref(),
    }
}

async fn check(
    ctx: &ToolContext,
    services: &[&Service],
    date: NaiveDate,
    wanted: availability::Wanted<'_>,
    except: Option<&str>,
) -> Result<crate::domain::actions::Availability, ToolError> {
    let ws = &ctx.ws;
    let mut staff_ids: Vec<String> = services
        .iter()
        .flat_map(|s| ws.staff_for(s))
        .map(|s| s.id.clone())
        .collect();
    staff_ids.sort();
    staff_ids.dedup();
    let busy = busy_for(ctx, &staff_ids, date, ALTERNATIVE_DAYS + 1, except).await?;
    Ok(availability::check_visit(
        ws,
        services,
        date,
        wanted,
        &busy,
        booking_now(ctx),
    ))
}

#[async_trait]
impl Tool for Builtin {
    async fn call(&self, ctx: &ToolContext, call: &ToolCall) -> Result<Observation, ToolError> {
        let ws = &ctx.ws;
        match call {
            ToolCall::ListServices {} => Ok(Observation::Services {
                services: ws.services.iter().map(service_info).collect(),
            }),
            ToolCall::GetPrices { service, then } => {
                let services = match service {
                    Some(id) => std::iter::once(id)
                        .chain(then)
                        .map(|id| find_service(ws, id).map(service_info))
                        .collect::<Result<Vec<_>, _>>()?,
                    None => ws.services.iter().map(service_info).collect(),
                };
                Ok(Observation::Prices { services })
            }
            ToolCall::GetHours { date, staff } => {
                use chrono::Datelike;
                use chrono::Weekday::*;
                let fmt = |ranges: &[(NaiveTime, NaiveTime)]| -> Vec<String> {
                    ranges
                        .iter()
                        .map(|(a, b)| format!("{}-{}", a.format("%H:%M"), b.format("%H:%M")))
                        .collect()
                };
                // The business's hours, or those of the staff member asked about inside them.
                let member = match staff {
                    Some(id) => Some(
                        ws.staff_member(id)
                            .ok_or_else(|| ToolError::Rejected(format!("unknown staff `{id}`")))?,
                    ),
                    None => None,
                };
                let on = |d: chrono::Weekday| match member {
                    Some(st) => st.ranges_on(d, ws.hours_on(d)),
                    None => ws.hours_on(d).to_vec(),
                };
                let weekly = [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
                    .into_iter()
                    .map(|d| fmt(&on(d)))
                    .collect();
                let date_ranges = date.map(|d| {
                    let off = member.is_some_and(|st| st.days_off.contains(&d));
                    if ws.closures.contains(&d) || off {
                        Vec::new()
                    } else {
                        fmt(&on(d.weekday()))
                    }
                });
                Ok(Observation::Hours {
                    weekly,
                    date: *date,
                    date_ranges,
                })
            }
            ToolCall::CheckAvailability {
                service,
                then,
                date,
                time,
                staff,
                moving,
                part,
            } => {
                let services = find_services(ws, service, then)?;
                let wanted = availability::Wanted {
                    time: *time,
                    part: *part,
                    staff: staff.as_deref(),
                };
                Ok(Observation::Availability(
                    check(ctx, &services, *date, wanted, moving.as_deref()).await?,
                ))
            }
            ToolCall::FindBookings {
                booking_id,
                phone,
                date,
                past,
            } => {
                // Without the customer's identity there is nothing to show (fail closed).
                if phone.as_deref().is_none_or(str::is_empty) {
                    return Ok(Observation::Bookings { bookings: vec![] });
                }
                let now = ctx.now.min(ctx.clock.now());
                let (from, to) = match date {
                    // The visits already started, latest first (below).
                    _ if *past => (None, Some(now)),
                    Some(d) => (
                        Some(to_utc(ws, d.and_time(NaiveTime::MIN))?),
                        Some(to_utc(
                            ws,
                            (*d + Duration::days(1)).and_time(NaiveTime::MIN),
                        )?),
                    ),
                    None => (Some(now - Duration::hours(1)), None),
                };
                let rows = ctx
                    .store
                    .find_bookings(
                        &ws.id,
                        &BookingQuery {
                            booking_id: booking_id.clone(),
                            phone: if booking_id.is_some() {
                                None
                            } else {
                                phone.clone()
                            },
                            from_utc: from,
                            to_utc: to,
                            only_confirmed: true,
                            ..Default::default()
                        },
                    )
                    .await
                    .map_err(store_err)?;
                let mut bookings: Vec<_> = visits(ws, &rows)
                    .into_iter()
                    .filter(|b| owned_by(b.customer_phone.as_deref(), phone.as_deref()))
                    .collect();
                if *past {
                    bookings.reverse();
                    bookings.truncate(5);
                }
                // "cancelame el del jueves" with none this Thursday: the customer's next
                // Thursday that has one (a weekday said alone names the nearest one, two to
                // seven days ahead; not "mañana" nor "hoy", whose day is meant). The reply
                // says the booking's own day.
                let ahead = date.map(|d| (d - to_local(ws, now).date()).num_days());
                let nearest = ahead.is_some_and(|k| (2..=7).contains(&k));
                if let (Some(d), false, true, None, true) =
                    (date, *past, bookings.is_empty(), booking_id, nearest)
                {
                    bookings = same_weekday_after(ctx, ws, phone.as_deref(), *d, now).await?;
                }
                Ok(Observation::Bookings { bookings })
            }
            ToolCall::CreateBooking {
                service,
                then,
                date,
                time,
                staff,
                customer_name,
                customer_phone,
                contact_phone,
                idempotency_key,
            } => {
                // A retry of the same message finds the booking its first attempt made.
                let earlier = ctx
                    .store
                    .find_bookings(
                        &ws.id,
                        &BookingQuery {
                            idempotency_key: Some(idempotency_key.clone()),
                            ..Default::default()
                        },
                    )
                    .await
                    .map_err(store_err)?;
                if let Some(b) = earlier.first() {
                    let booking = visit(ctx, &b.booking_id)
                        .await?
                        .unwrap_or_else(|| booking_info(ws, b));
                    return Ok(Observation::Booked { booking });
                }
                let services = find_services(ws, service, then)?;
                let a = check(ctx, &services, *date, at(*time, staff), None).await?;
                let who = match staff_or_refusal(a) {
                    Ok(who) => who,
                    Err(refused) => return Ok(*refused),
                };
                let mut layout = lay_out(ws, &services, &who, date.and_time(*time))?.into_iter();
                let Some((svc, staff_id, start, end)) = layout.next() else {
                    return Err(ToolError::Rejected("a booking needs a service".into()));
                };
                let outcome = ctx
                    .store
                    .create_booking(NewBooking {
                        workspace_id: ws.id.clone(),
                        conversation_id: ctx.conversation_id.clone(),
                        customer_phone: customer_phone.clone(),
                        customer_name: customer_name.clone(),
                        service_id: svc.id.clone(),
                        service_name: svc.name.clone(),
                        staff_id,
                        start_utc: start,
                        end_utc: end,
                        idempotency_key: idempotency_key.clone(),
                        contact_phone: contact_phone.clone(),
                        parts: layout
                            .map(|(svc, staff_id, start_utc, end_utc)| NewPart {
                                service_id: svc.id.clone(),
                                service_name: svc.name.clone(),
                                staff_id,
                                start_utc,
                                end_utc,
                            })
                            .collect(),
                    })
                    .await
                    .map_err(store_err)?;
                match outcome {
                    CreateOutcome::Created(row) | CreateOutcome::Existing(row) => {
                        let booking = visit(ctx, &row.booking_id)
                            .await?
                            .unwrap_or_else(|| booking_info(ws, &row));
                        Ok(Observation::Booked { booking })
                    }
                    // Taken between the check and the insert (another customer, another replica).
                    CreateOutcome::Overlap => {
                        let a = check(ctx, &services, *date, at(*time, staff), None).await?;
                        Ok(Observation::Refused {
                            reason: BookingRefusal::SlotTaken,
                            alternatives: a.slots,
                        })
                    }
                }
            }
            ToolCall::CancelBooking { booking_id, phone } => {
                let rows = ctx
                    .store
                    .find_bookings(
                        &ws.id,
                        &BookingQuery {
                            booking_id: Some(booking_id.clone()),
                            ..Default::default()
                        },
                    )
                    .await
                    .map_err(store_err)?;
                if !rows
                    .iter()
                    .any(|b| owned_by(b.customer_phone.as_deref(), phone.as_deref()))
                {
                    return Ok(Observation::Refused {
                        reason: BookingRefusal::NotFound,
                        alternatives: vec![],
                    });
                }
                match ctx
                    .store
                    .cancel_booking(&ws.id, booking_id)
                    .await
                    .map_err(store_err)?
                {
                    ChangeOutcome::Done { after, .. } => Ok(Observation::Cancelled {
                        booking: visit(ctx, booking_id)
                            .await?
                            .unwrap_or_else(|| booking_info(ws, &after)),
                    }),
                    ChangeOutcome::AlreadyCancelled => Ok(Observation::Refused {
                        reason: BookingRefusal::AlreadyCancelled,
                        alternatives: vec![],
                    }),
                    ChangeOutcome::NotFound => Ok(Observation::Refused {
                        reason: BookingRefusal::NotFound,
                        alternatives: vec![],
                    }),
                    ChangeOutcome::Overlap => Err(ToolError::Rejected("overlap on cancel".into())),
                }
            }
            ToolCall::RescheduleBooking {
                booking_id,
                date,
                time,
                staff,
                phone,
                services: wanted,
                customer_name,
            } => {
                let rows = ctx
                    .store
                    .find_bookings(
                        &ws.id,
                        &BookingQuery {
                            booking_id: Some(booking_id.clone()),
                            ..Default::default()
                        },
                    )
                    .await
                    .map_err(store_err)?;
                let Some(current) = visits(ws, &rows)
                    .into_iter()
                    .find(|b| owned_by(b.customer_phone.as_deref(), phone.as_deref()))
                else {
                    return Ok(Observation::Refused {
                        reason: BookingRefusal::NotFound,
                        alternatives: vec![],
                    });
                };
                if current.status == BookingStatus::Cancelled {
                    return Ok(Observation::Refused {
                        reason: BookingRefusal::AlreadyCancelled,
                        alternatives: vec![],
                    });
                }
                // A change keeps the visit's number of services, or takes some out ("sacame
                // la pedicura"): its further rows past the ones kept are cancelled.
                let had = current.service_ids().len();
                let ids = if wanted.is_empty() {
                    current.service_ids()
                } else if wanted.len() <= had {
                    wanted.clone()
                } else {
                    return Err(ToolError::Rejected(format!(
                        "the visit has {had} services; a change cannot add any"
                    )));
                };
                let drop: Vec<String> = (ids.len() + 1..=had)
                    .map(|n| crate::store::protocol::part_id(&current.booking_id, n))
                    .collect();
                let services = find_services(ws, &ids[0], &ids[1..])?;
                let a = check(ctx, &services, *date, at(*time, staff), Some(booking_id)).await?;
                let who = match staff_or_refusal(a) {
                    Ok(who) => who,
                    Err(refused) => return Ok(*refused),
                };
                let row_ids = std::iter::once(current.booking_id.clone()).chain(
                    (2..=services.len())
                        .map(|n| crate::store::protocol::part_id(&current.booking_id, n)),
                );
                let moves: Vec<PartMove> = lay_out(ws, &services, &who, date.and_time(*time))?
                    .into_iter()
                    .zip(row_ids)
                    .map(
                        |((svc, staff_id, start_utc, end_utc), booking_id)| PartMove {
                            booking_id,
                            service_id: svc.id.clone(),
                            service_name: svc.name.clone(),
                            staff_id,
                            start_utc,
                            end_utc,
                        },
                    )
                    .collect();
                match ctx
                    .store
                    .reschedule_booking(&ws.id, booking_id, &moves, &drop, customer_name.as_deref())
                    .await
                    .map_err(store_err)?
                {
                    ChangeOutcome::Done { after, .. } => Ok(Observation::Rescheduled {
                        booking: visit(ctx, booking_id)
                            .await?
                            .unwrap_or_else(|| booking_info(ws, &after)),
                        previous: Box::new(current),
                    }),
                    ChangeOutcome::Overlap => {
                        let a = check(ctx, &services, *date, at(*time, staff), Some(booking_id))
                            .await?;
                        Ok(Observation::Refused {
                            reason: BookingRefusal::SlotTaken,
                            alternatives: a.slots,
                        })
                    }
                    ChangeOutcome::AlreadyCancelled => Ok(Observation::Refused {
                        reason: BookingRefusal::AlreadyCancelled,
                        alternatives: vec![],
                    }),
                    ChangeOutcome::NotFound => Ok(Observation::Refused {
                        reason: BookingRefusal::NotFound,
                        alternatives: vec![],
                    }),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_match_on_the_last_ten_digits() {
        assert!(same_phone("5491155551234", "1155551234"));
        assert!(!same_phone("5491155551234", "1155551235"));
    }
}
