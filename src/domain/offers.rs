//! How free times are put to the customer: the first ones of a day, or those of the part of
//! the day asked for ("a la tarde").

use crate::domain::actions::SlotOffer;
use crate::domain::replies::{date, join, join_or, raw, t, Lang};
use crate::domain::understanding::{DayPart, Shift};
use chrono::NaiveTime;

/// Times listed at most.
pub(crate) const LISTED: usize = 8;

fn hhmm(o: &SlotOffer) -> String {
    o.time.format("%H:%M").to_string()
}

/// The times to list and what follows them ("(y más tarde también)"); with a part of the
/// day, only its times, unless it has none.
pub fn listed(l: Lang, slots: &[SlotOffer], part: Option<DayPart>) -> (String, &'static str) {
    listed_where(l, slots, |t| part.is_none_or(|p| p.contains(t)))
}

/// The times `keep` keeps (all of them when it keeps none), as [`listed`].
fn listed_where(
    l: Lang,
    slots: &[SlotOffer],
    keep: impl Fn(NaiveTime) -> bool,
) -> (String, &'static str) {
    let pool = kept(slots, keep);
    let times: Vec<String> = pool.iter().take(LISTED).map(|s| hhmm(s)).collect();
    let more = if pool.len() > LISTED {
        raw(l, "day_more")
    } else {
        ""
    };
    (join(l, &times), more)
}

/// The times `keep` keeps, or all of them when it keeps none.
fn kept(slots: &[SlotOffer], keep: impl Fn(NaiveTime) -> bool) -> Vec<&SlotOffer> {
    let in_part: Vec<&SlotOffer> = slots.iter().filter(|s| keep(s.time)).collect();
    if in_part.is_empty() {
        slots.iter().collect()
    } else {
        in_part
    }
}

/// The offers the last listing showed, in its order: those of the part of the day asked
/// for ([`listed`]), or those earlier (later) than a time ([`shifted`]). "el primero", "el
/// último" count in these.
pub fn shown(
    slots: &[SlotOffer],
    part: Option<DayPart>,
    shifted: Option<(Shift, NaiveTime)>,
) -> Vec<&SlotOffer> {
    let pool = match shifted {
        Some((shift, pivot)) => {
            let keep = |t: NaiveTime| match shift {
                Shift::Earlier => t < pivot,
                Shift::Later => t > pivot,
            };
            let pool = kept(slots, keep);
            if shift == Shift::Earlier && slots.iter().any(|s| keep(s.time)) {
                // The ones right before the time on the table, nearest last.
                return pool[pool.len().saturating_sub(LISTED)..].to_vec();
            }
            pool
        }
        None => kept(slots, |t| part.is_none_or(|p| p.contains(t))),
    };
    pool.into_iter().take(LISTED).collect()
}

/// The day's last free time, in the part of the day asked for when it has one ("¿a qué
/// hora es el último?" after a listing cut short).
pub fn last_of_day(slots: &[SlotOffer], part: Option<DayPart>) -> Option<&SlotOffer> {
    kept(slots, |t| part.is_none_or(|p| p.contains(t)))
        .last()
        .copied()
}

/// A day's free times when the customer asked for earlier (later) ones than `pivot`:
/// "Más temprano tengo lugar a las 10:00 y 10:30.", or that there are none, and the rest.
pub fn shifted(l: Lang, slots: &[SlotOffer], shift: Shift, pivot: NaiveTime) -> String {
    let keep = |t: NaiveTime| match shift {
        Shift::Earlier => t < pivot,
        Shift::Later => t > pivot,
    };
    let any = slots.iter().any(|s| keep(s.time));
    let (times, more) = if any && shift == Shift::Earlier {
        // The ones right before the time on the table, nearest last.
        let before: Vec<&SlotOffer> = slots.iter().filter(|s| keep(s.time)).collect();
        let from = before.len().saturating_sub(LISTED);
        let times: Vec<String> = before[from..].iter().map(|s| hhmm(s)).collect();
        (join(l, &times), "")
    } else {
        listed_where(l, slots, keep)
    };
    let which = match shift {
        Shift::Earlier => "shift_earlier",
        Shift::Later => "shift_later",
    };
    let key = if any { "part_free" } else { "part_none" };
    t(
        l,
        key,
        &[("part", raw(l, which)), ("times", &times), ("more", more)],
    )
}

/// Times offered instead: "el jueves 10 a las 12:00 y 12:30", or one per day.
pub fn alternatives(l: Lang, offers: &[SlotOffer]) -> String {
    let same_day = offers.windows(2).all(|w| w[0].date == w[1].date);
    if same_day {
        let times: Vec<String> = offers.iter().map(hhmm).collect();
        t(
            l,
            "offer_day",
            &[
                ("date", &date(l, offers[0].date)),
                ("times", &join(l, &times)),
            ],
        )
    } else {
        let items: Vec<String> = offers
            .iter()
            .map(|o| {
                t(
                    l,
                    "offer_day",
                    &[("date", &date(l, o.date)), ("times", &hhmm(o))],
                )
            })
            .collect();
        join(l, &items)
    }
}

/// "¿Cuál te queda mejor: el viernes 11 a las 10:00, 10:30 o 11:00?": a yes to a question
/// that offered several times is no choice, so the offers are put again: those the last
/// listing showed (the earlier ones after "¿algo más temprano?").
pub fn pick(
    l: Lang,
    offers: &[SlotOffer],
    part: Option<DayPart>,
    shifted: Option<(Shift, NaiveTime)>,
) -> String {
    let same_day = offers.windows(2).all(|w| w[0].date == w[1].date);
    let what = match offers.first() {
        Some(first) if same_day => {
            // A choice: "a las 15:00, 15:30 o 16:00".
            let times: Vec<String> = shown(offers, part, shifted).into_iter().map(hhmm).collect();
            let more = match shifted {
                Some(_) => "",
                None => listed(l, offers, part).1,
            };
            let times = join_or(l, &times);
            let day = t(
                l,
                "offer_day",
                &[("date", &date(l, first.date)), ("times", &times)],
            );
            format!("{day}{more}")
        }
        _ => alternatives(l, offers),
    };
    t(l, "ask_time_pick", &[("offers", &what)])
}

/// "A la tarde tengo lugar a las 14:00, 14:30…" from the times already offered, when the
/// customer answers the time question with a part of the day.
pub fn part_free(l: Lang, offers: &[SlotOffer], part: DayPart) -> Option<String> {
    if offers.is_empty() {
        return None;
    }
    let has = offers.iter().any(|s| part.contains(s.time));
    let (times, more) = listed(l, offers, Some(part));
    let key = if has { "part_free" } else { "part_none" };
    Some(t(
        l,
        key,
        &[
            ("part", &part_name(l, part)),
            ("times", &times),
            ("more", more),
        ],
    ))
}

/// How a reply names a part of the day: "A la tarde", "A partir de las 18:00", "Antes de
/// las 12:00".
pub fn part_name(l: Lang, part: DayPart) -> String {
    let key = format!("part_{}", part.as_str());
    match part {
        DayPart::From(at) | DayPart::Before(at) | DayPart::DoneBy(at, _) => {
            t(l, &key, &[("time", &at.format("%H:%M").to_string())])
        }
        DayPart::Between(from, to) => t(
            l,
            &key,
            &[
                ("from", &from.format("%H:%M").to_string()),
                ("to", &to.format("%H:%M").to_string()),
            ],
        ),
        _ => raw(l, &key).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime};

    fn offers(hours: &[u32]) -> Vec<SlotOffer> {
        hours
            .iter()
            .map(|h| SlotOffer {
                date: NaiveDate::from_ymd_opt(2026, 12, 10).unwrap(),
                time: NaiveTime::from_hms_opt(*h, 0, 0).unwrap(),
                staff: "caro".into(),
            })
            .collect()
    }

    #[test]
    fn a_part_of_the_day_lists_its_own_times() {
        let o = offers(&[10, 11, 14, 15, 19]);
        let text = part_free(Lang::Es, &o, DayPart::Afternoon).unwrap();
        assert!(text.contains("14:00 y 15:00"), "{text}");
        assert!(!text.contains("10:00"), "{text}");
        let (all, _) = listed(Lang::Es, &o, None);
        assert!(all.starts_with("10:00"), "{all}");
    }

    #[test]
    fn a_bound_lists_the_times_from_or_before_it_and_names_it() {
        let o = offers(&[10, 11, 17, 18, 19]);
        let six = NaiveTime::from_hms_opt(18, 0, 0).unwrap();
        let text = part_free(Lang::Es, &o, DayPart::From(six)).unwrap();
        assert_eq!(
            text,
            "A partir de las 18:00 tengo lugar a las 18:00 y 19:00."
        );
        let text = part_free(Lang::En, &o, DayPart::Before(six)).unwrap();
        assert_eq!(text, "Before 18:00 I have room at 10:00, 11:00 and 17:00.");
        let late = NaiveTime::from_hms_opt(19, 30, 0).unwrap();
        let text = part_free(Lang::Pt, &o, DayPart::From(late)).unwrap();
        assert!(text.starts_with("A partir das 19:30 não tenho"), "{text}");
    }

    #[test]
    fn earlier_and_later_list_the_times_before_and_after() {
        let o = offers(&[10, 11, 14, 15]);
        let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap();
        let early = shifted(Lang::Es, &o, Shift::Earlier, noon);
        assert!(
            early.contains("10:00 y 11:00") && !early.contains("14:00"),
            "{early}"
        );
        let late = shifted(Lang::Es, &o, Shift::Later, noon);
        assert!(
            late.contains("14:00 y 15:00") && !late.contains("10:00"),
            "{late}"
        );
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        assert_ne!(
            shifted(Lang::Es, &o, Shift::Earlier, nine),
            shifted(Lang::Es, &o, Shift::Later, nine)
        );
    }

    #[test]
    fn a_yes_to_several_offers_puts_them_again() {
        let text = pick(Lang::Es, &offers(&[10, 11]), None, None);
        assert!(text.starts_with("¿Cuál"), "{text}");
        // A choice: "10:00 o 11:00".
        assert!(text.contains("10:00 o 11:00"), "{text}");
        assert!(pick(Lang::En, &offers(&[10]), None, None).contains("10:00"));
        // After "a la tarde", the afternoon's again.
        let afternoon = Some(DayPart::Afternoon);
        let text = pick(Lang::Es, &offers(&[10, 11, 14, 15]), afternoon, None);
        assert!(
            text.contains("14:00 o 15:00") && !text.contains("10:00"),
            "{text}"
        );
        // After "¿algo más temprano?" than 14:00, the earlier ones, not the afternoon's.
        let two = NaiveTime::from_hms_opt(14, 0, 0).unwrap();
        let shifted = Some((Shift::Earlier, two));
        let text = pick(Lang::Es, &offers(&[10, 11, 14, 15]), afternoon, shifted);
        assert!(
            text.contains("10:00 o 11:00") && !text.contains("14:00"),
            "{text}"
        );
    }

    /// What the customer picks from is what the listing showed.
    #[test]
    fn the_offers_shown_are_the_ones_listed() {
        let o = offers(&(9..20).collect::<Vec<_>>());
        let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap();
        let hours = |v: Vec<&SlotOffer>| v.iter().map(|s| hhmm(s)).collect::<Vec<_>>().join(", ");
        for (part, shift) in [
            (None, None),
            (Some(DayPart::Afternoon), None),
            (Some(DayPart::Evening), None),
            (Some(DayPart::From(noon)), None),
            (Some(DayPart::Before(noon)), None),
            (None, Some((Shift::Earlier, noon))),
            (None, Some((Shift::Later, noon))),
        ] {
            let text = match shift {
                Some((s, p)) => shifted(Lang::Es, &o, s, p),
                None => listed(Lang::Es, &o, part).0,
            };
            let shown = shown(&o, part, shift);
            assert!(shown.len() <= LISTED);
            let (first, last) = (hhmm(shown[0]), hhmm(shown[shown.len() - 1]));
            assert!(
                text.contains(&first) && text.contains(&last),
                "{text} / {}",
                hours(shown)
            );
            // Nothing listed before the first one shown.
            let before = o.iter().filter(|s| s.time < shown[0].time).map(hhmm);
            assert!(before.clone().all(|h| !text.contains(&h)), "{text}");
        }
    }

    #[test]
    fn a_part_without_times_says_so_and_lists_the_rest() {
        let o = offers(&[10, 11]);
        let text = part_free(Lang::En, &o, DayPart::Evening).unwrap();
        assert!(text.contains("10:00 and 11:00"), "{text}");
        assert_ne!(text, part_free(Lang::En, &o, DayPart::Morning).unwrap());
        assert!(part_free(Lang::Es, &[], DayPart::Morning).is_none());
    }
}
