//! Deterministic normalizers: surface expressions → canonical values ("+54 9 11 5555-1234"
//! → `5491155551234`, "bk 4821" → `BK-4821`, `17:00`), and dates as replies write them.
//! Dates and times in customers' words are found and resolved by [`super::when`],
//! re-exported here.

use chrono::NaiveTime;

use crate::text::fold;

pub use super::when::{
    bare_date, bare_time, find_dates, find_times, month_of, resolve_date, weekday_hour, weekday_of,
    DateMatch, TimeMatch,
};

pub fn format_time(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// Parses a canonical `HH:MM`.
pub fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

/// Keeps only digits: "+54 9 11 5555-1234" → "5491155551234".
pub fn normalize_phone(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// "5491155551234", "1155551234" and "+54 9 11 5555-1234" are the same line: the last 10
/// digits compare.
pub fn same_phone(a: &str, b: &str) -> bool {
    let tail = |s: &str| {
        normalize_phone(s)
            .chars()
            .rev()
            .take(10)
            .collect::<String>()
    };
    tail(a) == tail(b)
}

/// A channel's profile name ("Juan 🔥", " ~Mery~ ") as a name to offer for a booking: its
/// letters, spaces, apostrophes, dots and hyphens, trimmed, at most 40 characters; `None`
/// when fewer than two letters remain.
pub fn profile_name(raw: &str) -> Option<String> {
    let kept: String = raw
        .chars()
        .filter(|c| c.is_alphabetic() || matches!(c, ' ' | '\'' | '.' | '-'))
        .collect();
    let name = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = name.trim_matches(|c: char| !c.is_alphabetic()).to_string();
    (name.chars().filter(|c| c.is_alphabetic()).count() >= 2 && name.chars().count() <= 40)
        .then_some(name)
}

/// A name typed all in lowercase ("yami", "maria jose de la fuente") as it goes on a booking:
/// each word capitalized but the particles inside it ("de", "la", "del", "dos"…). A name with
/// any capital stays as typed ("McEnroe", "María José").
pub fn proper_name(raw: &str) -> String {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().any(char::is_uppercase) {
        return name;
    }
    let particle = |w: &str| {
        matches!(
            w,
            "de" | "del" | "la" | "las" | "los" | "y" | "da" | "das" | "do" | "dos" | "van" | "von"
        )
    };
    name.split(' ')
        .enumerate()
        .map(|(i, w)| {
            let mut c = w.chars();
            match c.next() {
                Some(first) if i == 0 || !particle(w) => first.to_uppercase().chain(c).collect(),
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "bk 4821", "bk4821", "Bk-4821" → "BK-4821".
pub fn normalize_booking_id(s: &str) -> Option<String> {
    let f = fold(s);
    let digits: String = f.chars().filter(|c| c.is_ascii_digit()).collect();
    let letters: String = f.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    if letters == "bk" && (3..=8).contains(&digits.len()) {
        Some(format!("BK-{digits}"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn profile_names_are_cleaned() {
        assert_eq!(profile_name("Juan 🔥").as_deref(), Some("Juan"));
        assert_eq!(profile_name("  ~Mery  Paz~ ").as_deref(), Some("Mery Paz"));
        assert_eq!(profile_name("😎"), None);
        assert_eq!(profile_name("12345"), None);
        assert_eq!(profile_name(&"a".repeat(41)), None);
    }

    use super::*;

    #[test]
    fn names_typed_in_lowercase_are_capitalized() {
        assert_eq!(proper_name("yami"), "Yami");
        assert_eq!(
            proper_name(" maria  jose de la fuente "),
            "Maria Jose de la Fuente"
        );
        assert_eq!(proper_name("de la rúa"), "De la Rúa");
        assert_eq!(proper_name("María José"), "María José");
        assert_eq!(proper_name("McEnroe"), "McEnroe");
    }

    #[test]
    fn phones_and_ids() {
        assert_eq!(normalize_phone("+54 9 11 5555-1234"), "5491155551234");
        assert_eq!(normalize_booking_id("bk 4821").as_deref(), Some("BK-4821"));
        assert_eq!(normalize_booking_id("BK4821").as_deref(), Some("BK-4821"));
        assert_eq!(normalize_booking_id("hola"), None);
    }

    proptest::proptest! {
        #[test]
        fn normalizers_never_panic(s in "\\PC{0,60}") {
            let _ = normalize_booking_id(&s);
            let _ = normalize_phone(&s);
        }

        #[test]
        fn phone_normalization_is_digits_only(s in "[+0-9 ()-]{0,30}") {
            let p = normalize_phone(&s);
            proptest::prop_assert!(p.chars().all(|c| c.is_ascii_digit()));
        }
    }
}
