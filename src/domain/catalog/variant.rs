//! What a service named comes with ("lavado y peinado") and what makes it another kind of
//! service the catalog does not offer ("uñas esculpidas" is no manicure).

use super::{Service, ServiceMatch};
use crate::text::Words;

impl Service {
    /// Whether `surface` names something this service includes ("un lavado").
    pub fn includes(&self, surface: &str) -> bool {
        let surface = crate::text::fold(surface);
        let words: Vec<&str> = surface.split_whitespace().collect();
        self.includes
            .iter()
            .any(|w| words.contains(&crate::text::fold(w).as_str()))
    }
}

/// Words that make a service named another kind of it: "uñas esculpidas", "uñas acrílicas",
/// "depilación con cera", "depilación láser". A catalog that offers that kind names it in a
/// synonym, and then the match takes the word in.
const ANOTHER_KIND: [&str; 11] = [
    "esculpidas",
    "esculpida",
    "acrilicas",
    "acrilica",
    "acrilico",
    "acrilicos",
    "kapping",
    "capping",
    "polygel",
    "laser",
    "cera",
];

/// Whether a word of `words` outside the match makes it another kind of service.
pub(super) fn another_kind(words: &Words, m: &ServiceMatch) -> bool {
    let n = words.norms();
    n.iter()
        .enumerate()
        .any(|(i, w)| (i < m.from || i >= m.to) && ANOTHER_KIND.contains(w))
}

#[cfg(test)]
mod tests {
    use crate::domain::catalog::tests::demo;

    #[test]
    fn another_kind_of_a_service_is_not_it() {
        let ws = demo();
        for surface in ["uñas esculpidas", "uñas acrílicas", "depilación con cera"] {
            assert!(ws.resolve_service(surface).is_none(), "{surface}");
        }
        let id = |s: &str| ws.resolve_service(s).map(|s| s.id.clone());
        assert_eq!(id("uñas").as_deref(), Some("manicura"));
        assert_eq!(id("semi").as_deref(), Some("semi"));
    }

    #[test]
    fn what_a_service_includes_is_no_service_of_its_own() {
        let ws = demo();
        let peinado = ws.service("peinado").unwrap();
        assert!(peinado.includes("un lavado"));
        assert!(!peinado.includes("manicura"));
    }
}
