//! Contact details and booking codes in a message: an email, a phone number (not a time,
//! a date or a price), a booking code ("BK-1234", "bk 1234").

use crate::domain::normalize::{normalize_booking_id, normalize_phone, DateMatch, TimeMatch};
use crate::text::Words;

pub(crate) fn find_email(words: &Words) -> Option<String> {
    words.words.iter().find_map(|w| {
        let at = w.norm.find('@')?;
        let domain = &w.norm[at + 1..];
        (at > 0 && domain.contains('.') && !domain.ends_with('.')).then(|| words.raw_lower_email(w))
    })
}

impl Words {
    fn raw_lower_email(&self, w: &crate::text::Word) -> String {
        let idx = self.words.iter().position(|x| x == w).unwrap_or(0);
        self.raw(idx).to_lowercase()
    }
}

pub(crate) fn find_phone(
    words: &Words,
    times: &[TimeMatch],
    dates: &[DateMatch],
) -> Option<String> {
    let n = words.norms();
    let in_other = |i: usize| {
        times.iter().any(|t| (t.from..t.to).contains(&i))
            || dates.iter().any(|d| (d.from..d.to).contains(&i))
    };
    let numeric = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_digit() || c == '-' || c == '.' || c == '+')
            && w.chars().any(|c| c.is_ascii_digit())
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < n.len() {
        if numeric(n[i]) && !in_other(i) && !n[i].contains('.') {
            let mut j = i;
            let mut digits = String::new();
            while j < n.len() && numeric(n[j]) && !in_other(j) && !n[j].contains('.') {
                digits.push_str(&normalize_phone(n[j]));
                j += 1;
            }
            // A preceding "$" or a following currency word makes it a price.
            let is_price = i > 0 && matches!(n[i - 1], "pesos")
                || (j < n.len() && matches!(n[j], "pesos" | "mil"));
            if (8..=15).contains(&digits.len()) && !is_price {
                found.push((i, j, digits));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    corrected(&n, found)
}

/// The first value found, or the one a correction puts instead of it ("11 4455 6677, no,
/// perdón: 11 4455 6678", "BK-4471… perdón, quise decir BK-4472"): each `(from, to, value)`.
fn corrected(n: &[&str], found: Vec<(usize, usize, String)>) -> Option<String> {
    let mut it = found.into_iter();
    let mut best = it.next()?;
    for next in it {
        if super::corrections::replaced_by_next(&n[best.1..next.0]) {
            best = next;
        }
    }
    Some(best.2)
}

/// Four digits sent alone when the booking code was asked for ("1108"): that code.
pub(crate) fn bare_code(words: &Words) -> Option<String> {
    match words.norms().as_slice() {
        [w] if w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) => Some(format!("BK-{w}")),
        _ => None,
    }
}

/// The booking code a message gives ("BK-1234", "bk 1234", "el código es 1234").
pub(crate) fn find_booking_id(words: &Words) -> Option<String> {
    let n = words.norms();
    let mut found = Vec::new();
    for (i, w) in n.iter().enumerate() {
        // "el código es 5806", "codigo 2930", "code 1108": the digits after the word code.
        let digits = w.len() == 4 && w.chars().all(|c| c.is_ascii_digit());
        let after_code = (1..=3).any(|k| {
            i.checked_sub(k).is_some_and(|j| {
                matches!(n[j], "codigo" | "code" | "cod" | "reserva")
                    && n[j + 1..i].iter().all(|x| {
                        matches!(
                            *x,
                            "es" | "de" | "la" | "mi" | "is" | "numero" | "nro" | "n"
                        )
                    })
            })
        });
        if digits && after_code {
            found.push((i, i + 1, format!("BK-{w}")));
            continue;
        }
        if w.starts_with("bk") {
            if let Some(id) = normalize_booking_id(w) {
                found.push((i, i + 1, id));
                continue;
            }
            if *w == "bk" {
                if let Some(next) = n.get(i + 1) {
                    if next.chars().all(|c| c.is_ascii_digit()) {
                        if let Some(id) = normalize_booking_id(&format!("bk{next}")) {
                            found.push((i, i + 2, id));
                        }
                    }
                }
            }
        }
    }
    corrected(&n, found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(
        "El turno BK-4471 quiero cancelarlo. Perdón, quise decir BK-4472",
        Some("BK-4472")
    )]
    #[case("cancelá BK-4471 y BK-4472", Some("BK-4471"))]
    #[case("mi código es bk 1234", Some("BK-1234"))]
    #[case("el codigo es 5806", Some("BK-5806"))]
    #[case("codigo 2930 pasalo al viernes 18 misma hora", Some("BK-2930"))]
    #[case(
        "el codigo de la reserva es 1108, lo quiero pasar al jueves",
        Some("BK-1108")
    )]
    #[case("son 1500 pesos?", None)]
    fn a_code_corrected_is_the_later_one(#[case] text: &str, #[case] want: Option<&str>) {
        assert_eq!(
            find_booking_id(&Words::new(text)).as_deref(),
            want,
            "{text}"
        );
    }

    #[test]
    fn a_phone_corrected_is_the_later_one() {
        let w = Words::new("Mi número es 11 4455 6677, no, perdón: 11 4455 6678");
        assert_eq!(find_phone(&w, &[], &[]).as_deref(), Some("1144556678"));
        let w = Words::new("mi cel 11 4455 6677 y el de mi hija 11 5555 1234");
        assert_eq!(find_phone(&w, &[], &[]).as_deref(), Some("1144556677"));
    }
}
