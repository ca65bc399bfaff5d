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
                return Some(digits);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    None
}

pub(crate) fn find_booking_id(words: &Words) -> Option<String> {
    let n = words.norms();
    for (i, w) in n.iter().enumerate() {
        if w.starts_with("bk") {
            if let Some(id) = normalize_booking_id(w) {
                return Some(id);
            }
            if *w == "bk" {
                if let Some(next) = n.get(i + 1) {
                    if next.chars().all(|c| c.is_ascii_digit()) {
                        if let Some(id) = normalize_booking_id(&format!("bk{next}")) {
                            return Some(id);
                        }
                    }
                }
            }
        }
    }
    None
}
