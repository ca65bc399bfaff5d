//! What a service named comes with ("lavado y peinado"), what makes it another kind of
//! service the catalog does not offer ("uñas esculpidas" is no manicure), and what the
//! catalog has like it (manicura, semipermanente).

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

/// Words a service named shares with too many others to make them alike ("de", "pelo",
/// "depilación": "depilación de piernas" is nothing like an eyebrow shaping).
const NOT_KIN: [&str; 27] = [
    "de",
    "del",
    "con",
    "para",
    "en",
    "la",
    "el",
    "las",
    "los",
    "al",
    "por",
    "sin",
    "mi",
    "un",
    "una",
    "the",
    "of",
    "and",
    "for",
    "do",
    "da",
    "em",
    "pelo",
    "cabello",
    "cabelo",
    "depilacion",
    // A perm is no semi-permanent polish.
    "permanente",
];

impl super::Workspace {
    /// What the catalog has that is like a service it does not do: the services whose name
    /// or a synonym shares a word with `surface` ("uñas esculpidas" → Manicura and
    /// Esmaltado semipermanente; "alisado brasilero" → Alisado con keratina). None when
    /// every service is.
    pub fn kin(&self, surface: &str) -> Vec<&Service> {
        let words = Words::new(surface);
        let asked: Vec<&str> = (words.norms().into_iter())
            .filter(|w| w.len() > 2 && !NOT_KIN.contains(w))
            .collect();
        // The catalog's names and synonyms, as the service matcher reads them.
        let alike: std::collections::BTreeSet<usize> = (self.phrases.iter())
            .filter(|(p, _)| p.iter().any(|w| asked.contains(&w.as_str())))
            .map(|(_, i)| *i)
            .collect();
        if alike.len() == self.services.len() {
            return Vec::new();
        }
        alike.into_iter().map(|i| &self.services[i]).collect()
    }
}

/// Words that make a service named another kind of it: "uñas esculpidas", "uñas acrílicas",
/// "depilación con cera", "depilación láser", "pestañas postizas", "extensiones de
/// pestañas". A catalog that offers that kind names it in a synonym, and then the match takes
/// the word in.
const ANOTHER_KIND: [&str; 17] = [
    "esculpidas",
    "postizas",
    "postiza",
    "extensiones",
    "extension",
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
    // "teñido de cejas": a tint of them.
    "tenido",
    "tenidas",
];

/// "tintura de cejas": one service done on what another is for is neither (but "semi de
/// manos" is the semi). `found`: the services named in `words`.
pub(super) fn one_done_on_another(words: &Words, found: &[ServiceMatch]) -> bool {
    let [a, b, ..] = found else {
        return false;
    };
    let n = words.norms();
    let on_part = b.to == b.from + 1 && super::COMPOUND_HEAD.contains(&n[b.from]);
    a.service != b.service && b.from == a.to + 1 && n[a.to] == "de" && !on_part
}

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
        for surface in [
            "uñas esculpidas",
            "uñas acrílicas",
            "depilación con cera",
            "tintura de cejas",
            "teñido de cejas",
        ] {
            assert!(ws.resolve_service(surface).is_none(), "{surface}");
        }
        let id = |s: &str| ws.resolve_service(s).map(|s| s.id.clone());
        assert_eq!(id("uñas").as_deref(), Some("manicura"));
        assert_eq!(id("semi").as_deref(), Some("semi"));
        assert_eq!(id("semi de manos").as_deref(), Some("semi"));
    }

    #[test]
    fn what_the_catalog_has_like_a_service_it_does_not_do() {
        let ws = demo();
        let kin = |s: &str| -> Vec<String> { ws.kin(s).iter().map(|s| s.id.clone()).collect() };
        assert_eq!(kin("uñas esculpidas"), ["manicura", "semi"]);
        assert_eq!(kin("Uñas Acrílicas"), ["manicura", "semi"]);
        assert_eq!(kin("alisado brasilero"), ["alisado"]);
        assert_eq!(kin("lifting de cejas"), ["cejas", "pestanas"]);
        // Nothing alike: no word of its own shared, or only one every service may have.
        assert!(kin("masajes").is_empty());
        assert!(kin("depilación con cera").is_empty());
        assert!(kin("tratamiento de pelo").is_empty());
    }

    #[test]
    fn what_a_service_includes_is_no_service_of_its_own() {
        let ws = demo();
        let peinado = ws.service("peinado").unwrap();
        assert!(peinado.includes("un lavado"));
        assert!(!peinado.includes("manicura"));
    }
}
