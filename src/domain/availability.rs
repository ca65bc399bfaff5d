//! Free slots: weekly hours, closures, service durations, who does the service, existing
//! bookings, and nothing in the past. Pure: the caller brings the bookings.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::actions::{Availability, SlotOffer, Unbookable};
use crate::domain::catalog::{Service, Workspace};
use crate::domain::understanding::DayPart;

/// A staff member's busy interval, in the workspace's local time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Busy {
    pub staff: String,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

/// How far ahead alternatives are searched when the asked day is full, in days.
pub const ALTERNATIVE_DAYS: i64 = 7;
/// How many alternatives are offered.
pub const MAX_OFFERS: usize = 3;

/// What the customer asked for besides the day.
#[derive(Debug, Clone, Copy, Default)]
pub struct Wanted<'a> {
    /// The time asked for.
    pub time: Option<NaiveTime>,
    /// The part of the day asked for ("a la tarde", "después de las 5"): the times offered on
    /// other days come from it.
    pub part: Option<DayPart>,
    /// The stylist asked for.
    pub staff: Option<&'a str>,
}

/// One service of a visit and who may do it.
struct Part<'a> {
    service: &'a Service,
    staff: Vec<String>,
}

struct Ctx<'a> {
    ws: &'a Workspace,
    /// The services, done back to back in this order.
    parts: Vec<Part<'a>>,
    busy: &'a [Busy],
    now: NaiveDateTime,
}

impl Ctx<'_> {
    /// Minutes from the first service's start to the last one's end.
    fn total(&self) -> Duration {
        Duration::minutes(
            self.parts
                .iter()
                .map(|p| i64::from(p.service.duration_minutes))
                .sum(),
        )
    }

    fn bookable_day(&self, date: NaiveDate) -> Result<(), Unbookable> {
        let today = self.now.date();
        if date < today {
            return Err(Unbookable::Past);
        }
        if date > today + Duration::days(i64::from(self.ws.booking_horizon_days)) {
            return Err(Unbookable::TooFar);
        }
        if !self.ws.is_open_on(date) {
            return Err(Unbookable::Closed);
        }
        Ok(())
    }

    /// Whether `start` fits every service inside an opening range of its day.
    fn inside_hours(&self, date: NaiveDate, start: NaiveTime) -> bool {
        use chrono::Datelike;
        let dur = self.total();
        self.ws.hours_on(date.weekday()).iter().any(|(a, b)| {
            let s = date.and_time(start);
            s >= date.and_time(*a) && s + dur <= date.and_time(*b)
        })
    }

    /// Who does each service when the visit starts at `start`: for each, the first staff
    /// member free for the whole of it, or `None` when one of them has nobody.
    fn free_staff(&self, start: NaiveDateTime) -> Option<Vec<String>> {
        if start <= self.now {
            return None;
        }
        let mut t = start;
        let mut out = Vec::with_capacity(self.parts.len());
        for part in &self.parts {
            let end = t + Duration::minutes(i64::from(part.service.duration_minutes));
            let who = part.staff.iter().find(|st| self.is_free(st, t, end))?;
            out.push(who.clone());
            t = end;
        }
        Some(out)
    }

    /// How many people can start the visit at `start`, one after another taking the first
    /// staff members free for each of its services (whoever was asked for or not), as their
    /// bookings will be made.
    fn room(&self, start: NaiveDateTime) -> u8 {
        let mut taken: Vec<Busy> = Vec::new();
        let free = |st: &str, a: NaiveDateTime, b: NaiveDateTime, taken: &[Busy]| {
            self.is_free(st, a, b)
                && !taken
                    .iter()
                    .any(|t| t.staff == st && t.start < b && a < t.end)
        };
        let mut count = 0u8;
        while count < u8::MAX {
            let mut t = start;
            let mut chain = Vec::with_capacity(self.parts.len());
            for part in &self.parts {
                let end = t + Duration::minutes(i64::from(part.service.duration_minutes));
                let Some(who) = self
                    .ws
                    .staff_for(part.service)
                    .into_iter()
                    .find(|st| free(&st.id, t, end, &taken))
                else {
                    return count;
                };
                chain.push(Busy {
                    staff: who.id.clone(),
                    start: t,
                    end,
                });
                t = end;
            }
            taken.extend(chain);
            count += 1;
        }
        count
    }

    /// Another staff member who does the one service of the visit and is free at `start`,
    /// when the one asked for (`asked`) works that day but is busy then. `None` for a visit
    /// of several services.
    fn instead(&self, asked: &str, start: NaiveDateTime) -> Option<String> {
        use chrono::Datelike;
        let [part] = self.parts.as_slice() else {
            return None;
        };
        let date = start.date();
        let works_that_day = self
            .ws
            .staff_member(asked)
            .is_some_and(|st| st.works_on(date, self.ws.hours_on(date.weekday())));
        if start <= self.now || !works_that_day {
            return None;
        }
        let end = start + Duration::minutes(i64::from(part.service.duration_minutes));
        self.ws
            .staff_for(part.service)
            .iter()
            .find(|st| st.id != asked && self.is_free(&st.id, start, end))
            .map(|st| st.id.clone())
    }

    /// The moment what is in the way of a visit at `t` ends, when the visit fits then: "a las
    /// 12:50 no tengo, te puedo ofrecer 13:35" (right after the manicure booked at 12:50),
    /// which the grid of starts would miss.
    fn freed_at(&self, date: NaiveDate, t: NaiveTime) -> Option<SlotOffer> {
        let start = date.and_time(t);
        let end = start + self.total();
        let first = self.parts.first()?;
        self.busy
            .iter()
            .filter(|b| first.staff.contains(&b.staff) && b.start < end && start < b.end)
            .map(|b| b.end)
            .filter(|e| e.date() == date && self.inside_hours(date, e.time()))
            .min()
            .and_then(|e| {
                let staff = self.free_staff(e)?;
                Some(SlotOffer {
                    date,
                    time: e.time(),
                    staff: staff[0].clone(),
                })
            })
    }

    /// Whether a staff member works from `start` to `end` and has nothing booked then.
    fn is_free(&self, staff: &str, start: NaiveDateTime, end: NaiveDateTime) -> bool {
        self.ws.works(staff, start.date(), start.time(), end.time())
            && !self
                .busy
                .iter()
                .any(|b| b.staff == staff && b.start < end && start < b.end)
    }

    /// Every free grid start of a day.
    fn day_slots(&self, date: NaiveDate) -> Vec<SlotOffer> {
        use chrono::Datelike;
        if self.bookable_day(date).is_err() {
            return Vec::new();
        }
        let step = Duration::minutes(i64::from(self.ws.slot_step_minutes));
        let dur = self.total();
        let mut out = Vec::new();
        for (a, b) in self.ws.hours_on(date.weekday()) {
            let mut t = date.and_time(*a);
            while t + dur <= date.and_time(*b) {
                if let Some(staff) = self.free_staff(t) {
                    out.push(SlotOffer {
                        date,
                        time: t.time(),
                        staff: staff[0].clone(),
                    });
                }
                t += step;
            }
        }
        out
    }

    /// The free slots on the open days after `date`: with a time asked for, the ones nearest
    /// to it on the first day that has any ("el domingo a las 14" → the Wednesday at 13:30,
    /// 14:00 and 14:30); with a part of the day, the first ones in it ("el martes después de
    /// las 5", a closed Tuesday → the Wednesday from 17:00), unless no day has any; else the
    /// first ones.
    fn later_days(
        &self,
        date: NaiveDate,
        time: Option<NaiveTime>,
        part: Option<DayPart>,
    ) -> Vec<SlotOffer> {
        if let Some(t) = time {
            for d in 1..=ALTERNATIVE_DAYS {
                let near = nearest(self.day_slots(date + Duration::days(d)), t);
                if !near.is_empty() {
                    return near;
                }
            }
            return Vec::new();
        }
        if let Some(part) = part {
            let in_part = self.first_days(date, |t| part.contains(t));
            if !in_part.is_empty() {
                return in_part;
            }
        }
        self.first_days(date, |_| true)
    }

    /// The first `MAX_OFFERS` free slots that `keep` keeps on the open days after `date`.
    fn first_days(&self, date: NaiveDate, keep: impl Fn(NaiveTime) -> bool) -> Vec<SlotOffer> {
        let mut out = Vec::new();
        for d in 1..=ALTERNATIVE_DAYS {
            let day = date + Duration::days(d);
            let free = self.day_slots(day).into_iter().filter(|s| keep(s.time));
            out.extend(free.take(MAX_OFFERS - out.len()));
            if out.len() >= MAX_OFFERS {
                break;
            }
        }
        out
    }
}

/// The `MAX_OFFERS` slots nearest to `t`, in time order.
fn nearest(mut slots: Vec<SlotOffer>, t: NaiveTime) -> Vec<SlotOffer> {
    slots.sort_by_key(|s| (s.time - t).num_minutes().abs());
    slots.truncate(MAX_OFFERS);
    slots.sort_by_key(|s| s.time);
    slots
}

/// Checks a visit of one or more services done back to back, on a date, optionally at a time
/// or in a part of the day, and with a preferred staff member: she does every service she can
/// do (and must do at least one); the others go to whoever does them and is free.
pub fn check_visit(
    ws: &Workspace,
    services: &[&Service],
    date: NaiveDate,
    wanted: Wanted<'_>,
    busy: &[Busy],
    now: NaiveDateTime,
) -> Availability {
    let Wanted { time, part, staff } = wanted;
    let mut result = Availability {
        service: services.first().map(|s| s.id.clone()).unwrap_or_default(),
        then: services.iter().skip(1).map(|s| s.id.clone()).collect(),
        date,
        time,
        available: false,
        staff: None,
        then_staff: Vec::new(),
        room: None,
        instead: None,
        slots: Vec::new(),
        unbookable: None,
    };
    let mut parts = Vec::with_capacity(services.len());
    let mut wanted_does_one = staff.is_none();
    for service in services {
        let mut candidates: Vec<String> =
            ws.staff_for(service).iter().map(|s| s.id.clone()).collect();
        if let Some(wanted) = staff {
            if candidates.iter().any(|s| s == wanted) {
                candidates.retain(|s| s == wanted);
                wanted_does_one = true;
            }
        }
        if candidates.is_empty() {
            result.unbookable = Some(Unbookable::NoStaff);
            return result;
        }
        parts.push(Part {
            service,
            staff: candidates,
        });
    }
    if parts.is_empty() || !wanted_does_one {
        result.unbookable = Some(Unbookable::NoStaff);
        return result;
    }
    let ctx = Ctx {
        ws,
        parts,
        busy,
        now,
    };
    if let Err(why) = ctx.bookable_day(date) {
        result.unbookable = Some(why);
        if why != Unbookable::TooFar {
            result.slots = ctx.later_days(
                date.max(now.date()) - Duration::days(i64::from(why == Unbookable::Past)),
                time,
                part,
            );
        }
        return result;
    }
    let day = ctx.day_slots(date);
    match time {
        None => {
            result.available = !day.is_empty();
            result.slots = if day.is_empty() {
                ctx.later_days(date, None, part)
            } else {
                day
            };
        }
        Some(t) => {
            if !ctx.inside_hours(date, t) {
                result.unbookable = Some(Unbookable::OutsideHours);
            } else if let Some(mut who) = ctx.free_staff(date.and_time(t)) {
                result.available = true;
                result.room = Some(ctx.room(date.and_time(t)));
                result.then_staff = who.split_off(1);
                result.staff = who.pop();
                return result;
            }
            if result.unbookable.is_none() {
                result.instead = staff.and_then(|asked| ctx.instead(asked, date.and_time(t)));
            }
            // Nearest free starts that day (inside the part of the day asked for, when it
            // has any), then the following days; the moment the way is clear counts too.
            let mut day = day;
            if let Some(freed) = ctx.freed_at(date, t) {
                if !day.iter().any(|s| s.time == freed.time) {
                    day.push(freed);
                }
            }
            let inside: Vec<SlotOffer> = day
                .iter()
                .filter(|s| part.is_some_and(|p| p.contains(s.time)))
                .cloned()
                .collect();
            let near = nearest(if inside.is_empty() { day } else { inside }, t);
            result.slots = if near.is_empty() {
                ctx.later_days(date, Some(t), None)
            } else {
                near
            };
        }
    }
    result
}

#[cfg(test)]
mod tests;
