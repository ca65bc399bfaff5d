//! A man's visit: "corte y barba", "corte para mi marido" name a generic service ("corte")
//! that the catalog offers in a men's version too.

use super::{Service, Workspace};
use crate::text::Words;

impl Workspace {
    /// The men's version of `service` when the catalog has one: another service whose name
    /// starts with the same word and whose name or synonyms say it is for men ("Corte de
    /// dama" → "Corte de caballero"); `None` when `service` is a men's one already.
    pub fn mens_version(&self, service: &Service) -> Option<&Service> {
        if is_mens(service) {
            return None;
        }
        self.services
            .iter()
            .find(|s| s.id != service.id && head(s) == head(service) && is_mens(s))
    }

    /// The other way round: the generic version of a men's `service` ("Corte de caballero"
    /// → "Corte de dama"); `None` when `service` is no men's one or has none.
    pub fn generic_version(&self, service: &Service) -> Option<&Service> {
        if !is_mens(service) {
            return None;
        }
        self.services
            .iter()
            .find(|s| s.id != service.id && head(s) == head(service) && !is_mens(s))
    }
}

/// Whether the service's name or synonyms say it is for men.
fn is_mens(s: &Service) -> bool {
    const MEN: [&str; 10] = [
        "caballero",
        "caballeros",
        "hombre",
        "hombres",
        "varon",
        "masculino",
        "men's",
        "men",
        "homem",
        "barberia",
    ];
    std::iter::once(&s.name)
        .chain(&s.synonyms)
        .any(|x| Words::new(x).norms().iter().any(|w| MEN.contains(w)))
}

/// The first word of the service's name ("corte").
fn head(s: &Service) -> Option<String> {
    Words::new(&s.name).norms().first().map(|w| w.to_string())
}

#[cfg(test)]
mod tests {
    use crate::domain::catalog::tests::demo;

    #[test]
    fn a_generic_service_has_its_mens_version() {
        let ws = demo();
        let id = |s: &str| ws.service(s).unwrap();
        let mens = |s: &str| ws.mens_version(id(s)).map(|s| s.id.as_str());
        assert_eq!(mens("corte-dama"), Some("corte-caballero"));
        assert_eq!(mens("corte-caballero"), None, "a men's one already");
        assert_eq!(mens("manicura"), None, "no men's manicure in the catalog");
        let generic = |s: &str| ws.generic_version(id(s)).map(|s| s.id.as_str());
        assert_eq!(generic("corte-caballero"), Some("corte-dama"));
        assert_eq!(generic("corte-dama"), None, "no men's one");
    }
}
