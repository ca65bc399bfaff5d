//! Who works at the business, and when: a staff member works the business's hours unless the
//! workspace file gives her own (`hours`, the days and ranges she works) and days off
//! (`days_off`, a vacation, a course). Availability offers a stylist only inside both.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// Opening ranges per weekday, Monday first.
pub type Week = [Vec<(NaiveTime, NaiveTime)>; 7];

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The days and hours she works ("HH:MM-HH:MM" per weekday; a weekday left out is a day
    /// off). Without it, every hour the business is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<WeekFile>,
    /// Dates she does not work (vacations), besides the business's closures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days_off: Vec<NaiveDate>,
    /// `hours`, parsed; `None` when she works all the business's hours.
    #[serde(skip)]
    pub shifts: Option<Week>,
}

/// Ranges per weekday, as written in a workspace file.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WeekFile {
    #[serde(default)]
    pub mon: Vec<String>,
    #[serde(default)]
    pub tue: Vec<String>,
    #[serde(default)]
    pub wed: Vec<String>,
    #[serde(default)]
    pub thu: Vec<String>,
    #[serde(default)]
    pub fri: Vec<String>,
    #[serde(default)]
    pub sat: Vec<String>,
    #[serde(default)]
    pub sun: Vec<String>,
}

impl WeekFile {
    /// The ranges, checked: `Err((weekday key, bad range))` for one that is not
    /// "HH:MM-HH:MM" with start < end.
    pub fn parse(&self) -> Result<Week, (&'static str, String)> {
        parse_week([
            &self.mon, &self.tue, &self.wed, &self.thu, &self.fri, &self.sat, &self.sun,
        ])
    }
}

/// Each weekday's ranges (Monday first), parsed and sorted: `Err((weekday key, bad range))`
/// for one that is not "HH:MM-HH:MM" with start < end. The business's `[hours]` and a
/// stylist's own are read alike.
pub fn parse_week(days: [&Vec<String>; 7]) -> Result<Week, (&'static str, String)> {
    const KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let mut week: Week = Default::default();
    for (i, ranges) in days.into_iter().enumerate() {
        for r in ranges {
            week[i].push(parse_range(r).ok_or_else(|| (KEYS[i], r.clone()))?);
        }
        week[i].sort();
    }
    Ok(week)
}

/// Why a range was refused, for the error that names its field.
pub fn bad_range(r: &str) -> String {
    format!("`{r}` is not HH:MM-HH:MM with start < end")
}

/// "10:00-20:00" → (10:00, 20:00), when start < end.
pub fn parse_range(s: &str) -> Option<(NaiveTime, NaiveTime)> {
    let (a, b) = s.split_once('-')?;
    let a = NaiveTime::parse_from_str(a.trim(), "%H:%M").ok()?;
    let b = NaiveTime::parse_from_str(b.trim(), "%H:%M").ok()?;
    (a < b).then_some((a, b))
}

/// Checks a staff member's own hours and fills [`Staff::shifts`]; `Err((field, reason))`.
pub fn parse_staff(st: &mut Staff) -> Result<(), (String, String)> {
    st.shifts = match &st.hours {
        None => None,
        Some(week) => Some(
            week.parse()
                .map_err(|(day, r)| (format!("staff.{}.hours.{day}", st.id), bad_range(&r)))?,
        ),
    };
    Ok(())
}

impl Staff {
    /// Whether she works all of `from`..`to` on `date` (by her own hours and days off; the
    /// business's hours are checked apart).
    pub fn works(&self, date: NaiveDate, from: NaiveTime, to: NaiveTime) -> bool {
        if self.days_off.contains(&date) {
            return false;
        }
        match &self.shifts {
            None => true,
            Some(week) => week[date.weekday().num_days_from_monday() as usize]
                .iter()
                .any(|(a, b)| *a <= from && to <= *b),
        }
    }

    /// Whether she works at all on `date`, a day the business is open `open`.
    pub fn works_on(&self, date: NaiveDate, open: &[(NaiveTime, NaiveTime)]) -> bool {
        !self.days_off.contains(&date) && !self.ranges_on(date.weekday(), open).is_empty()
    }

    /// Her ranges on a weekday inside the business's `open` ones; the business's when she
    /// has no hours of her own.
    pub fn ranges_on(
        &self,
        wd: Weekday,
        open: &[(NaiveTime, NaiveTime)],
    ) -> Vec<(NaiveTime, NaiveTime)> {
        let Some(week) = &self.shifts else {
            return open.to_vec();
        };
        let mut out = Vec::new();
        for (a, b) in &week[wd.num_days_from_monday() as usize] {
            for (c, d) in open {
                let (from, to) = ((*a).max(*c), (*b).min(*d));
                if from < to {
                    out.push((from, to));
                }
            }
        }
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn martin() -> Staff {
        let mut st = Staff {
            id: "martin".into(),
            name: "Martín".into(),
            aliases: vec![],
            hours: Some(WeekFile {
                tue: vec!["14:00-20:00".into()],
                sat: vec!["09:00-13:00".into()],
                ..Default::default()
            }),
            days_off: vec![NaiveDate::from_ymd_opt(2026, 12, 15).unwrap()],
            shifts: None,
        };
        parse_staff(&mut st).unwrap();
        st
    }

    #[test]
    fn she_works_only_her_own_hours_and_not_on_her_days_off() {
        let st = martin();
        let tue = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        assert!(st.works(tue, hm(14, 0), hm(14, 45)));
        assert!(st.works(tue, hm(19, 30), hm(20, 0)));
        assert!(
            !st.works(tue, hm(13, 30), hm(14, 15)),
            "starts before her shift"
        );
        assert!(!st.works(tue, hm(19, 30), hm(20, 15)), "ends after it");
        assert!(!st.works(tue + chrono::Duration::days(1), hm(15, 0), hm(15, 30)));
        assert!(!st.works(tue + chrono::Duration::days(7), hm(15, 0), hm(15, 30)));
        let anyone = Staff {
            hours: None,
            shifts: None,
            days_off: vec![],
            ..martin()
        };
        assert!(anyone.works(tue, hm(3, 0), hm(4, 0)));
    }

    #[test]
    fn her_ranges_are_cut_to_the_business_hours() {
        let st = martin();
        let open = [(hm(10, 0), hm(17, 0))];
        assert_eq!(
            st.ranges_on(Weekday::Tue, &open),
            vec![(hm(14, 0), hm(17, 0))]
        );
        assert!(st.ranges_on(Weekday::Wed, &open).is_empty());
        let mut bad = martin();
        bad.hours = Some(WeekFile {
            fri: vec!["18:00-10:00".into()],
            ..Default::default()
        });
        let (field, reason) = parse_staff(&mut bad).unwrap_err();
        assert_eq!(field, "staff.martin.hours.fri");
        assert!(reason.contains("18:00-10:00"), "{reason}");
    }
}

#[cfg(test)]
mod file_tests {
    use crate::domain::catalog::{CatalogError, Workspace};

    const DEMO: &str = include_str!("../../../config/workspaces/demo-salon.toml");

    #[test]
    fn staff_hours_and_days_off_are_read_from_the_workspace_file() {
        let with = |extra: &str| {
            DEMO.replace(
                "aliases = [\"martin\", \"tincho\"]",
                &format!("aliases = [\"martin\", \"tincho\"]\n{extra}"),
            )
        };
        let src = with("hours = { tue = [\"14:00-20:00\"], sat = [\"09:00-13:00\"] }\ndays_off = [\"2026-12-15\"]");
        let ws = Workspace::from_toml(&src, |_| None).unwrap();
        let st = ws.staff_member("martin").unwrap();
        let tue = chrono::NaiveDate::from_ymd_opt(2026, 12, 22).unwrap();
        let at = |h| chrono::NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        assert!(st.works(tue, at(14), at(15)));
        assert!(!st.works(tue, at(10), at(11)));
        assert!(!ws.works("martin", tue - chrono::Duration::days(7), at(14), at(15)));
        // A bad range names the field.
        let src = with("hours = { fri = [\"9-18\"] }");
        let err = Workspace::from_toml(&src, |_| None).unwrap_err();
        assert!(
            matches!(&err, CatalogError::Invalid { field, .. } if field == "staff.martin.hours.fri"),
            "{err}"
        );
        // An unknown weekday is refused, not ignored.
        let src = with("hours = { friday = [\"09:00-18:00\"] }");
        assert!(Workspace::from_toml(&src, |_| None).is_err());
    }
}
