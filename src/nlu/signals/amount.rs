//! By how many minutes a customer moves a time ("una hora más tarde", "media hora antes").

use crate::text::Words;

/// "una hora más tarde", "media hora antes", "half an hour later", "30 minutos": by how many
/// minutes a time moves (read only beside an earlier / later cue).
pub fn shift_amount(words: &Words) -> Option<u16> {
    let n = words.norms();
    for (i, w) in n.iter().enumerate() {
        let unit: u16 = match *w {
            // Not "hs": "16 hs" is a clock time, not sixteen hours.
            "hora" | "horas" | "hour" | "hours" => 60,
            "minutos" | "minuto" | "min" | "minutes" | "minute" | "mins" => 1,
            _ => continue,
        };
        let prev = i.checked_sub(1).map(|k| n[k]);
        let count: u16 = match prev {
            // "media hora", "half hour", "half an hour".
            Some("media" | "meia" | "half") => return Some(30),
            Some("an" | "a") if i >= 2 && n[i - 2] == "half" => return Some(30),
            Some("una" | "un" | "uma" | "an" | "one" | "a") => 1,
            Some("dos" | "duas" | "two") => 2,
            Some("tres" | "three") => 3,
            Some(d) => match d.parse::<u16>() {
                Ok(v) if v > 0 && v <= 240 => v,
                _ => continue,
            },
            None => continue,
        };
        // "hora y media", "uma hora e meia": ninety minutes.
        let half = unit == 60
            && matches!(n.get(i + 1), Some(&("y" | "e" | "and")))
            && matches!(n.get(i + 2), Some(&("media" | "meia" | "half")));
        // A change of a booking's time by more than half a day is no such change.
        let minutes = count * unit + if half { 30 } else { 0 };
        return (minutes <= 720).then_some(minutes);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlu::signals::shift;
    use rstest::rstest;

    #[rstest]
    #[case("me lo pasás una hora más tarde?", Some(60))]
    #[case("media hora antes", Some(30))]
    #[case("una hora y media más tarde", Some(90))]
    #[case("30 minutos después", Some(30))]
    #[case("can we do it an hour later?", Some(60))]
    #[case("half an hour later", Some(30))]
    #[case("más tarde", None)]
    fn how_far_a_time_moves(#[case] text: &str, #[case] want: Option<u16>) {
        let w = Words::new(text);
        assert!(shift(&w).is_some(), "{text}");
        assert_eq!(shift_amount(&w), want, "{text}");
    }
}
